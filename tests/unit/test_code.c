/* test_code.c -- the whole pipeline through the public API: dyad_code, dyad_explain (src/dyad.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "event/event.h"

static void test_event_fields(void **state) {
    dyad_coder *c = *state;
    const dyad_result *r;
    TU_CODE(c, "Ethiopia attacked Eritrea on Tuesday.", "2003-05-14", r);
    assert_int_equal(r->n_sentences, 1);
    assert_int_equal(r->n_events, 1);
    const dyad_event *e = &r->events[0];
    assert_int_equal(e->sent, 0);
    assert_string_equal(e->date, "2003-05-13"); /* "on Tuesday" before Wednesday 2003-05-14 */
    assert_string_equal(e->source.text, "Ethiopia");
    assert_string_equal(e->source.code, "ETH");
    assert_string_equal(e->source.country, "ETH");
    assert_null(e->source.sector);
    assert_true(e->has_target);
    assert_string_equal(e->target.text, "Eritrea");
    assert_string_equal(e->target.code, "ERI");
    assert_string_equal(e->cameo, "190");
    assert_string_equal(e->root, "19");
    assert_string_equal(e->plover, "ASSAULT");
    assert_float_equal(e->goldstein, -10.0, 1e-9);
    assert_int_equal(e->quad_class, 4);
    assert_string_equal(e->verb, "attacked");
    assert_string_equal(e->pattern, "attack");
    assert_null(e->attribution);
    assert_string_equal(e->text, "Ethiopia attacked Eritrea on Tuesday.");
}

static void test_sector_codes_and_plover_mode(void **state) {
    dyad_coder *c = *state;
    const dyad_result *r;
    TU_CODE(c, "Tashkent visited Moscow.", "2003-05-14", r);
    assert_int_equal(r->n_events, 1);
    const dyad_event *e = &r->events[0];
    assert_string_equal(e->cameo, "042");
    assert_string_equal(e->root, "04");
    assert_float_equal(e->goldstein, 1.9, 1e-9);
    assert_int_equal(e->quad_class, 1);
    assert_string_equal(e->plover, "CONSULT");
    assert_string_equal(e->plover_mode, "visit");
    assert_string_equal(e->source.code, "UZBGOV");
    assert_string_equal(e->source.sector, "GOV");
    assert_string_equal(e->target.code, "RUSGOV");
    assert_string_equal(e->date, "2003-05-14"); /* no date in the sentence: the document's */
}

static void test_reported_speech(void **state) {
    dyad_coder *c = *state;
    const dyad_result *r;
    TU_CODE(c, "Karimov said Russia attacked Georgia.", "2003-05-14", r);
    assert_int_equal(r->n_events, 1); /* "said" itself is not an event */
    const dyad_event *e = &r->events[0];
    assert_string_equal(e->source.code, "RUS");
    assert_string_equal(e->target.code, "GEO");
    assert_string_equal(e->cameo, "190");
    assert_non_null(e->attribution);
    assert_string_equal(e->attribution, "UZBGOV");
    assert_string_equal(e->attribution_text, "Karimov");

    TU_CODE(c, "According to Kabul, Pakistani troops shelled Afghan villages.", "2003-05-14", r);
    assert_int_equal(r->n_events, 1);
    e = &r->events[0];
    assert_string_equal(e->source.code, "PAKMIL");
    assert_string_equal(e->root, "19");
    assert_non_null(e->attribution);
    assert_string_equal(e->attribution, "AFGGOV");

    /* the first "according to" before an actor is the attribution (events.c finds it from the mentions' spans) */
    TU_CODE(c, "According to Kabul and according to Moscow, Pakistani troops shelled Afghan villages.", "2003-05-14", r);
    assert_int_equal(r->n_events, 1);
    assert_non_null(r->events[0].attribution);
    assert_string_equal(r->events[0].attribution, "AFGGOV");
    /* ... not one before a phrase that names no actor ("a report"), however early */
    TU_CODE(c, "According to a report, Pakistani troops shelled Afghan villages, according to Kabul.", "2003-05-14", r);
    assert_int_equal(r->n_events, 1);
    assert_non_null(r->events[0].attribution);
    assert_string_equal(r->events[0].attribution, "AFGGOV");
}

static void test_negation_and_modality(void **state) {
    dyad_coder *c = *state;
    const dyad_result *r;
    TU_CODE(c, "Russia did not attack Georgia.", "2003-05-14", r);
    assert_int_equal(r->n_events, 0);
    TU_CODE(c, "Iran refused to meet Iraqi officials.", "2003-05-14", r);
    assert_int_equal(r->n_events, 1);
    assert_string_equal(r->events[0].cameo, "125");
    assert_string_equal(r->events[0].target.code, "IRQGOV");
    TU_CODE(c, "Russia will attack Georgia next Friday.", "2003-05-14", r);
    assert_int_equal(r->n_events, 1);
    assert_string_equal(r->events[0].cameo, "138"); /* a future attack is a threat */
}

static void test_multiple_sentences_and_citations(void **state) {
    dyad_coder *c = *state;
    const dyad_result *r;
    TU_CODE(c,
            "Moscow protested the decision (Reuters, Russian agencies, February 3). Uzbek officials met Russian "
            "diplomats.\n\nRussia said nothing.",
            "2003-05-14", r);
    assert_int_equal(r->n_sentences, 3);
    assert_int_equal(r->n_events, 2);
    assert_int_equal(r->events[0].sent, 0);
    assert_string_equal(r->events[0].cameo, "140");
    assert_false(r->events[0].has_target);
    assert_int_equal(r->events[1].sent, 1);
    assert_string_equal(r->events[1].cameo, "040");
    assert_string_equal(r->events[1].text, "Uzbek officials met Russian diplomats.");
    assert_int_equal(r->n_citations, 1);
    assert_string_equal(r->citations[0].text, "Reuters, Russian agencies, February 3");
    assert_int_equal(r->citations[0].sent, 0);
}

static void test_empty_document(void **state) {
    dyad_coder *c = *state;
    const dyad_result *r = NULL;
    char err[256] = "";
    dyad_doc doc;
    memset(&doc, 0, sizeof doc);
    assert_int_equal(dyad_code(c, &doc, &r, err, sizeof err), 0); /* text NULL, len 0 */
    assert_non_null(r);
    assert_int_equal(r->n_events, 0);
    assert_int_equal(r->n_sentences, 0);
    TU_CODE(c, "", "2003-05-14", r);
    assert_int_equal(r->n_events, 0);
    TU_CODE(c, " \n\n\t ", NULL, r);
    assert_int_equal(r->n_events, 0);
    assert_int_equal(r->n_sentences, 0);
}

static void test_bad_arguments(void **state) {
    dyad_coder *c = *state;
    const dyad_result *r = (const dyad_result *)1;
    char err[256] = "";
    assert_int_equal(dyad_code(c, NULL, &r, err, sizeof err), -1);
    assert_null(r);
    assert_true(strlen(err) > 0);
    dyad_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.len = 10; /* a length without text */
    assert_int_equal(dyad_code(c, &doc, &r, err, sizeof err), -1);
    assert_int_equal(dyad_code(NULL, &doc, &r, err, sizeof err), -1);
    assert_null(dyad_coder_new(NULL));
    /* err may be NULL */
    assert_int_equal(dyad_code(c, NULL, &r, NULL, 0), -1);
}

static void test_invalid_date(void **state) {
    dyad_coder *c = *state;
    const char *bad[] = {"2003-02-30", "14/05/2003", "2003-5-14", "yesterday", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        dyad_doc doc;
        memset(&doc, 0, sizeof doc);
        doc.text = "Russia attacked Georgia.";
        doc.len = strlen(doc.text);
        doc.date = bad[i];
        const dyad_result *r = (const dyad_result *)1;
        char err[256] = "";
        assert_int_equal(dyad_code(c, &doc, &r, err, sizeof err), -1);
        assert_null(r);
        assert_non_null(strstr(err, "invalid document date"));
    }
    /* and the coder still works afterwards */
    const dyad_result *r;
    TU_CODE(c, "Russia attacked Georgia.", "2003-05-14", r);
    assert_int_equal(r->n_events, 1);
}

static void test_text_not_nul_terminated(void **state) {
    dyad_coder *c = *state;
    static const char buf[] = "Russia attacked Georgia.Ethiopia attacked Eritrea.";
    dyad_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.text = buf;
    doc.len = 24; /* only the first sentence */
    doc.date = "2003-05-14";
    const dyad_result *r;
    char err[256];
    assert_int_equal(dyad_code(c, &doc, &r, err, sizeof err), 0);
    assert_int_equal(r->n_events, 1);
    assert_string_equal(r->events[0].text, "Russia attacked Georgia.");
    assert_string_equal(r->events[0].target.code, "GEO");
}

static void test_boilerplate_not_coded(void **state) {
    dyad_coder *c = *state;
    const dyad_result *r;
    TU_CODE(c,
            "Russia attacked Georgia.\n\nFor subscriptions, e-mail info@example.com. Copyright 2003 Example Inc. All "
            "rights reserved. Russia attacked Georgia.",
            "2003-05-14", r);
    assert_int_equal(r->n_events, 1);
    assert_true(r->boilerplate_sentences >= 1);
    assert_int_equal(r->events[0].sent, 0);
}

static void test_huge_document_without_punctuation(void **state) {
    dyad_coder *c = *state;
    /* 5 MB of words with no sentence end: windows and the sentence cut keep it bounded */
    const size_t size = 5u << 20;
    static const char *const words[] = {"the", "Russian", "officials", "met", "with", "Georgian", "rebels", "and",
                                         "talked", "about", "Tashkent", "while", "NATO", "watched", "quietly"};
    char *text = malloc(size + 64);
    assert_non_null(text);
    size_t n = 0;
    unsigned k = 0;
    while (n < size) {
        const char *w = words[k++ % (sizeof words / sizeof words[0])];
        size_t l = strlen(w);
        memcpy(text + n, w, l);
        n += l;
        text[n++] = ' ';
    }
    dyad_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.text = text;
    doc.len = n;
    doc.date = "2003-05-14";
    const dyad_result *r = NULL;
    char err[256] = "";
    int rc = dyad_code(c, &doc, &r, err, sizeof err);
    if (rc) fprintf(stderr, "%s\n", err);
    assert_int_equal(rc, 0);
    assert_non_null(r);
    assert_true(r->n_sentences > 1000); /* cut into sentences of at most a few hundred tokens */
    for (size_t i = 0; i < r->n_events; i++) assert_true(strlen(r->events[i].text) < 8192);

    /* the same size in one "word": no white space at all */
    memset(text, 'x', size);
    doc.len = size;
    rc = dyad_code(c, &doc, &r, err, sizeof err);
    assert_int_equal(rc, 0);
    assert_int_equal(r->n_events, 0);
    free(text);
}

static void test_result_replaced_by_next_call(void **state) {
    dyad_coder *c = *state;
    const dyad_result *r;
    TU_CODE(c, "Russia attacked Georgia. Ethiopia attacked Eritrea.", "2003-05-14", r);
    assert_int_equal(r->n_events, 2);
    TU_CODE(c, "Tashkent visited Moscow.", "2003-05-14", r);
    assert_int_equal(r->n_events, 1);
    assert_string_equal(r->events[0].cameo, "042");
    assert_int_equal(r->n_citations, 0);
}

typedef struct lines {
    int n, tokens, events, actors;
    char first[512];
} lines;

static void on_line(void *ud, const char *msg) {
    lines *l = ud;
    if (l->n++ == 0) snprintf(l->first, sizeof l->first, "%s", msg);
    if (strncmp(msg, "tokens/tags:", 12) == 0) {
        l->tokens++;
        assert_non_null(strstr(msg, "attacked/VERB(attack)"));
    }
    if (strncmp(msg, "event:", 6) == 0) l->events++;
    if (strncmp(msg, "actor:", 6) == 0) l->actors++;
    assert_null(strchr(msg, '\n')); /* one line per call */
}

/* Coding normally asks a verb group's patterns before the tests of acts not done (events.c, step 2), explain
 * asks them after: both must give the same events. Sentences with acts undone (a condition, a demand, a claim,
 * a guess, "without"), light verbs, an attitude verb, and verbs no pattern has. */
typedef struct ev_lines {
    char codes[1024];
} ev_lines;

static void on_event_line(void *ud, const char *msg) {
    ev_lines *l = ud;
    char src[64], tgt[64], cameo[16];
    if (sscanf(msg, "event: %63s -> %63s %15s", src, tgt, cameo) != 3) return;
    size_t o = strlen(l->codes);
    snprintf(l->codes + o, sizeof l->codes - o, "%s>%s:%s;", src, tgt, cameo);
}

static void test_explain_codes_as_code(void **state) {
    dyad_coder *c = *state;
    static const char *const S[] = {
        "Russia attacked Georgia.",
        "If Russia attacks Georgia, NATO will respond.",
        "Iran demanded that Israel withdraw its troops.",
        "Syria denied that its army shelled the town.",
        "It is likely that Turkey will close the border.",
        "Egypt mediated without consulting Israel.",
        "Pakistan launched an attack on India.",
        "China held talks with Japan on Monday.",
        "France condemned the attack on the Iraqi embassy.",
        "The weather stayed mild and the farmers gathered the harvest.",
        "Russia refused to meet Ukraine, and Georgia accused Russia of lying.",
        "Iran said it would sanction Israel and Syria criticized Turkey.",
        "The delegates walked slowly to the hall and sat down.",
        "Anti-government riots flared in Caracas.",
        "Kurdish protests took place in Diyarbakir.",
        "A demonstration against the government was staged in Minsk.",
        "Kurdish protests ended in Diyarbakir.",
    };
    for (size_t i = 0; i < sizeof S / sizeof S[0]; i++) {
        ev_lines l;
        memset(&l, 0, sizeof l);
        char err[256] = "";
        int n = dyad_explain(c, S[i], "2010-03-01", on_event_line, &l, err, sizeof err);
        assert_true(n >= 0);
        const dyad_result *r;
        TU_CODE(c, S[i], "2010-03-01", r);
        assert_int_equal((size_t)n, r->n_events);
        char codes[1024] = "";
        for (size_t e = 0; e < r->n_events; e++) {
            size_t o = strlen(codes);
            snprintf(codes + o, sizeof codes - o, "%s>%s:%s;", r->events[e].source.code,
                     r->events[e].has_target ? r->events[e].target.code : "-", r->events[e].cameo);
        }
        assert_string_equal(codes, l.codes);
    }
}

/* Step 2b of code_sentence asks a verb group's head lemma's bit before the lemma: the bits written out in
 * events.c must be those of its lists of verbs of occurring (fails when a word is added to a list and its bit is
 * not, or a bit is wrong). */
static void test_occur_bits_exact(void **state) {
    (void)state;
    assert_int_equal(events_occur_bits_exact(), 1);
}

static void test_explain_callback(void **state) {
    dyad_coder *c = *state;
    lines l;
    memset(&l, 0, sizeof l);
    char err[256] = "";
    int n = dyad_explain(c, "Russia attacked Georgia.", "2003-05-14", on_line, &l, err, sizeof err);
    assert_int_equal(n, 1);
    assert_int_equal(l.tokens, 1);
    assert_int_equal(l.events, 1);
    assert_int_equal(l.actors, 2);
    assert_true(l.n >= 5);
    assert_non_null(strstr(l.first, "Russia attacked Georgia."));
    /* bad date: -1 and a message; no sentence: -1 */
    memset(&l, 0, sizeof l);
    assert_int_equal(dyad_explain(c, "Russia attacked Georgia.", "2003-99-01", on_line, &l, err, sizeof err), -1);
    assert_non_null(strstr(err, "invalid document date"));
    assert_int_equal(dyad_explain(c, NULL, NULL, on_line, &l, err, sizeof err), -1);
    /* normal coding calls no callback and gives the same events */
    const dyad_result *r;
    TU_CODE(c, "Russia attacked Georgia.", "2003-05-14", r);
    assert_int_equal(r->n_events, 1);
}

/* ---- dyad_code_stream: the same events in parts, bounded by a window ---- */

/* One event as one line: everything a writer prints. */
static char *event_line(const dyad_event *e) {
    char *s = NULL;
    int n = asprintf(&s, "%d|%s|%s|%s|%s|%s|%s|%s|%d|%s|%s|%s|%s|%s|%.1f|%d|%s|%s|%s|%s", e->sent, e->date,
                     e->source.text, e->source.code ? e->source.code : "-", e->source.country ? e->source.country : "-",
                     e->source.sector ? e->source.sector : "-", e->has_target ? e->target.text : "-",
                     e->has_target && e->target.code ? e->target.code : "-", e->has_target, e->cameo, e->root,
                     e->plover ? e->plover : "-", e->plover_mode ? e->plover_mode : "-", e->verb ? e->verb : "-",
                     e->goldstein, e->quad_class, e->pattern ? e->pattern : "-", e->attribution ? e->attribution : "-",
                     e->attribution_text ? e->attribution_text : "-", e->text ? e->text : "-");
    assert_true(n > 0);
    return s;
}

typedef struct parts {
    char **lines;          /* dyad_code's events, as lines */
    size_t n, seen, calls;
    size_t ncits;          /* dyad_code's citations */
    const dyad_result *full;
    char **cits;
    int stop_at;           /* return non-zero on this call (1-based), 0: never */
} parts;

static int on_part(void *ud, const dyad_result *part) {
    parts *p = ud;
    p->calls++;
    assert_true(part->n_events > 0);
    /* the citations are the whole document's from the first part on */
    assert_int_equal(part->n_citations, p->ncits);
    for (size_t i = 0; i < part->n_citations; i++) {
        char *c = NULL;
        assert_true(asprintf(&c, "%s|%s|%s|%d", part->citations[i].text, part->citations[i].source,
                             part->citations[i].date, part->citations[i].sent) > 0);
        assert_string_equal(c, p->cits[i]);
        free(c);
    }
    for (size_t i = 0; i < part->n_events; i++) {
        assert_true(p->seen < p->n);
        char *l = event_line(&part->events[i]);
        assert_string_equal(l, p->lines[p->seen]);
        free(l);
        p->seen++;
    }
    return p->stop_at && (int)p->calls == p->stop_at;
}

/* A document of many windows (about 400 KB) with citations, pronouns and definite descriptions that
 * reach back across windows. */
static char *long_document(size_t *len) {
    static const char *const paras[] = {
        "Georgian officials accused Russia of shelling villages near Gori. (Tbilisi radio, August 9; Interfax, August 8)\n\n",
        "The Uzbek foreign minister met his Kazakh counterpart in Tashkent on Tuesday. He later criticized the country's "
        "border guards.\n\n",
        "NATO troops held talks with Afghan officials. The Taliban attacked a police post in Kandahar, the governor said.\n\n",
        "Ethiopia denied that it had attacked Eritrea. (Reuters, February 3)\n\n",
    };
    size_t cap = 420000, n = 0;
    char *t = malloc(cap + 512);
    assert_non_null(t);
    for (unsigned k = 0; n < cap; k++) {
        const char *p = paras[k % 4];
        size_t l = strlen(p);
        memcpy(t + n, p, l);
        n += l;
    }
    t[n] = 0;
    *len = n;
    return t;
}

static void test_stream_same_events(void **state) {
    dyad_coder *c = *state;
    size_t len;
    char *text = long_document(&len);
    dyad_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.id = "long";
    doc.text = text;
    doc.len = len;
    doc.date = "2008-08-10";
    const dyad_result *r = NULL;
    char err[256] = "";
    assert_int_equal(dyad_code(c, &doc, &r, err, sizeof err), 0);
    assert_true(r->n_events > 1000);
    assert_true(r->n_citations > 100);
    parts p;
    memset(&p, 0, sizeof p);
    p.n = r->n_events;
    p.lines = calloc(p.n, sizeof *p.lines);
    for (size_t i = 0; i < p.n; i++) p.lines[i] = event_line(&r->events[i]);
    p.ncits = r->n_citations;
    p.cits = calloc(p.ncits, sizeof *p.cits);
    for (size_t i = 0; i < p.ncits; i++)
        assert_true(asprintf(&p.cits[i], "%s|%s|%s|%d", r->citations[i].text, r->citations[i].source, r->citations[i].date,
                             r->citations[i].sent) > 0);
    size_t nsent = r->n_sentences, nev = r->n_events;

    const dyad_result *tot = NULL;
    assert_int_equal(dyad_code_stream(c, &doc, on_part, &p, &tot, err, sizeof err), 0);
    assert_int_equal(p.seen, p.n);     /* every event, in order */
    assert_true(p.calls >= len / (64 * 1024)); /* in parts: about one per 64 KB window */
    assert_non_null(tot);
    assert_null(tot->events);
    assert_int_equal(tot->n_events, nev);
    assert_int_equal(tot->n_sentences, nsent);
    assert_int_equal(tot->n_citations, p.ncits);

    /* a non-zero return stops it */
    memset(&p.seen, 0, sizeof p.seen);
    p.calls = 0;
    p.stop_at = 2;
    assert_int_equal(dyad_code_stream(c, &doc, on_part, &p, &tot, err, sizeof err), -1);
    assert_null(tot);
    assert_non_null(strstr(err, "stopped"));
    assert_int_equal(p.calls, 2);

    /* the coder is fine afterwards, and dyad_code still gives every event */
    assert_int_equal(dyad_code(c, &doc, &r, err, sizeof err), 0);
    assert_int_equal(r->n_events, nev);
    for (size_t i = 0; i < p.n; i++) free(p.lines[i]);
    for (size_t i = 0; i < p.ncits; i++) free(p.cits[i]);
    free(p.lines);
    free(p.cits);
    free(text);
}

static int count_part(void *ud, const dyad_result *part) {
    size_t *n = ud;
    *n += part->n_events;
    return 0;
}

static void test_stream_short_and_errors(void **state) {
    dyad_coder *c = *state;
    dyad_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.text = "Ethiopia attacked Eritrea. (Reuters, February 3) Tashkent visited Moscow.";
    doc.len = strlen(doc.text);
    doc.date = "2003-05-14";
    size_t n = 0;
    const dyad_result *r = NULL;
    char err[256] = "";
    assert_int_equal(dyad_code_stream(c, &doc, count_part, &n, &r, err, sizeof err), 0);
    assert_int_equal(n, 2);
    assert_int_equal(r->n_events, 2);
    assert_int_equal(r->n_citations, 1);
    assert_string_equal(r->citations[0].date, "2003-02-03");
    /* no events: no call */
    n = 0;
    doc.text = "Nothing happened.";
    doc.len = strlen(doc.text);
    assert_int_equal(dyad_code_stream(c, &doc, count_part, &n, &r, err, sizeof err), 0);
    assert_int_equal(n, 0);
    assert_int_equal(r->n_events, 0);
    assert_int_equal(r->n_sentences, 1);
    /* errors: no callback, no coder, a bad date */
    assert_int_equal(dyad_code_stream(c, &doc, NULL, NULL, &r, err, sizeof err), -1);
    assert_null(r);
    assert_int_equal(dyad_code_stream(NULL, &doc, count_part, &n, &r, err, sizeof err), -1);
    doc.date = "2003-13-01";
    assert_int_equal(dyad_code_stream(c, &doc, count_part, &n, &r, err, sizeof err), -1);
    assert_non_null(strstr(err, "invalid document date"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_event_fields, tu_coder_setup, tu_coder_teardown),
        cmocka_unit_test_setup_teardown(test_stream_same_events, tu_coder_setup, tu_coder_teardown),
        cmocka_unit_test_setup_teardown(test_stream_short_and_errors, tu_coder_setup, tu_coder_teardown),
        cmocka_unit_test_setup_teardown(test_sector_codes_and_plover_mode, tu_coder_setup, tu_coder_teardown),
        cmocka_unit_test_setup_teardown(test_reported_speech, tu_coder_setup, tu_coder_teardown),
        cmocka_unit_test_setup_teardown(test_negation_and_modality, tu_coder_setup, tu_coder_teardown),
        cmocka_unit_test_setup_teardown(test_multiple_sentences_and_citations, tu_coder_setup, tu_coder_teardown),
        cmocka_unit_test_setup_teardown(test_empty_document, tu_coder_setup, tu_coder_teardown),
        cmocka_unit_test_setup_teardown(test_bad_arguments, tu_coder_setup, tu_coder_teardown),
        cmocka_unit_test_setup_teardown(test_invalid_date, tu_coder_setup, tu_coder_teardown),
        cmocka_unit_test_setup_teardown(test_text_not_nul_terminated, tu_coder_setup, tu_coder_teardown),
        cmocka_unit_test_setup_teardown(test_boilerplate_not_coded, tu_coder_setup, tu_coder_teardown),
        cmocka_unit_test_setup_teardown(test_huge_document_without_punctuation, tu_coder_setup, tu_coder_teardown),
        cmocka_unit_test_setup_teardown(test_result_replaced_by_next_call, tu_coder_setup, tu_coder_teardown),
        cmocka_unit_test_setup_teardown(test_explain_callback, tu_coder_setup, tu_coder_teardown),
        cmocka_unit_test_setup_teardown(test_explain_codes_as_code, tu_coder_setup, tu_coder_teardown),
        cmocka_unit_test(test_occur_bits_exact),
    };
    return cmocka_run_group_tests_name("code", tests, NULL, NULL);
}
