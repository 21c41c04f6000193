/* dyad.c -- the pipeline: one document in, events out.
 *
 *   normalize -> tokenize -> split sentences -> (per sentence) tag -> actors -> clauses -> patterns/events
 *
 * The document is processed in windows of a few thousand tokens, so memory stays bounded whatever its
 * size: the token arena is reset after each window, and only the results (events, citations) accumulate in
 * the result arena. A sentence that never ends (no punctuation for thousands of tokens) is cut. */
#include "dyad.h"
#include "actor/actor.h"
#include "clause/clause.h"
#include "event/date.h"
#include "event/event.h"
#include "normalize/normalize.h"
#include "sentence/sentence.h"
#include "tag/tagger.h"
#include "token/token.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef WINDOW_BYTES                /* the fuzz build overrides both to cross windows with small inputs */
#define WINDOW_BYTES (64u * 1024u)  /* text tokenized at a time */
#endif
#ifndef MAX_SENT_TOKENS
#define MAX_SENT_TOKENS 400         /* longer "sentences" are cut */
#endif

struct dyad_coder {
    const dyad_dict *d;
    arena scratch;  /* tokens, mentions, clauses: reset per window */
    arena result;   /* events, citations, sentence texts: reset per document */
    tag_cache *words; /* word analyses, kept across documents */
    event_list events;
    dyad_citation *cits;
    size_t ncits, capcits;
    dyad_sentence *sents; /* DYAD_CODER_SENTENCES: the coded sentences, in the result arena */
    size_t nsents, capsents;
    unsigned flags;
    dyad_result res;
};

dyad_coder *dyad_coder_new(const dyad_dict *d) {
    if (!d) return NULL;
    dyad_coder *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->d = d;
    c->words = tag_cache_new();
    if (!c->words) { free(c); return NULL; }
    arena_init(&c->scratch);
    arena_init(&c->result);
    return c;
}

void dyad_coder_set_flags(dyad_coder *c, unsigned flags) {
    if (c) c->flags = flags;
}

void dyad_coder_free(dyad_coder *c) {
    if (!c) return;
    arena_free(&c->scratch);
    arena_free(&c->result);
    tag_cache_free(c->words);
    free(c);
}

/* A bracket that cites sources: "(Reuters, Russian agencies, February 3; Vremya MN, February 2)" gives one
 * citation per report, each with its source and its date. A cross-reference ("see the Monitor, ...") is not
 * a citation. */
static void citations(dyad_coder *c, const token *t, size_t start, size_t end, const char *text, int sent, int32_t doc_date) {
    for (size_t i = start; i < end; i++) {
        if (t[i].kind != TK_OPEN) continue;
        size_t k = i + 1;
        while (k < end && t[k].kind != TK_CLOSE) k++;
        if (k >= end || k == i + 1 || !strcmp(t[i + 1].low, "see")) { i = k; continue; }
        /* each part between semicolons */
        for (size_t a = i + 1; a < k;) {
            size_t b = a;
            while (b < k && !(t[b].kind == TK_PUNCT && t[b].low[0] == ';')) b++;
            int32_t d = 0;
            size_t at = b;
            for (size_t q = a; q < b; q++) {
                int32_t dd;
                /* a calendar date ("February 3", "3 February"), not "Today" in "Kazakhstan Today" */
                if ((t[q].flags & TF_CAP || t[q].kind == TK_NUM) && date_expr(t, q, b, doc_date ? doc_date : 0, &dd) >= 2) {
                    d = dd;
                    at = q;
                    break;
                }
            }
            if (d && at > a && strcmp(t[a].low, "see")) {
                size_t se = at; /* the source ends before the date, without its comma */
                while (se > a && t[se - 1].kind == TK_PUNCT) se--;
                dyad_citation *ct = ARENA_PUSH(&c->result, c->cits, c->ncits, c->capcits, dyad_citation);
                if (!ct) return;
                ct->text = arena_strndup(&c->result, text + t[a].off, t[b - 1].off + t[b - 1].len - t[a].off);
                ct->source = se > a ? arena_strndup(&c->result, text + t[a].off, t[se - 1].off + t[se - 1].len - t[a].off) : "";
                date_format(d, ct->date);
                ct->sent = sent;
            }
            a = b + 1;
        }
        i = k;
    }
}

typedef struct run {
    dyad_coder *c;
    const char *text;
    int32_t date;
    actor_ctx ctx;
    int sent;
    dyad_msg_fn trace;
    void *ud;
} run;

static void tracef(run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#include <stdarg.h>
static void tracef(run *r, const char *fmt, ...) {
    if (!r->trace) return;
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    r->trace(r->ud, buf);
}

static void explain_sentence(run *r, int idx, unsigned para, const token *t, size_t s, size_t e, const mention_list *ms,
                             const clause_info *ci) {
    char buf[2048];
    size_t o = 0;
    tracef(r, "sentence %d (paragraph %u): %.*s", idx, para, (int)(t[e - 1].off + t[e - 1].len - t[s].off), r->text + t[s].off);
    for (size_t i = s; i < e && o < sizeof buf - 200; i++) {
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%.*s/%s", i > s ? " " : "", (int)t[i].len, r->text + t[i].off,
                              tag_names[t[i].tag]);
        if (t[i].tag == TG_VERB || t[i].tag == TG_NOUN)
            if (t[i].lemma && strcmp(t[i].lemma, t[i].low)) o += (size_t)snprintf(buf + o, sizeof buf - o, "(%s)", t[i].lemma);
    }
    tracef(r, "tokens/tags: %s", buf);
    for (size_t i = 0; i < ms->n; i++) {
        const mention *m = &ms->v[i];
        tracef(r, "actor: '%.*s' -> %s (%s%s%s%s%s%s)", (int)(t[m->end - 1].off + t[m->end - 1].len - t[m->start].off),
               r->text + t[m->start].off, m->code ? m->code : "?", actor_kind_names[m->kind],
               m->locative ? ", place" : "", m->possessive ? ", possessive" : "", m->in_brackets ? ", in brackets" : "",
               m->resolved ? ", resolved from context" : "", m->needs_country ? ", country from context" : "");
    }
    for (size_t i = 0; i < ci->ncl; i++) {
        const clause *c = &ci->cl[i];
        if (c->end <= c->start) continue;
        tracef(r, "clause %zu (%s): %.*s", i, clause_type_names[c->type],
               (int)(t[c->end - 1].off + t[c->end - 1].len - t[c->start].off), r->text + t[c->start].off);
    }
}

static int code_window(run *r, token_list *tl, sentence_list *ss, size_t upto, char *err, size_t errlen) {
    dyad_coder *c = r->c;
    for (size_t si = 0; si < upto; si++) {
        sentence *s = &ss->v[si];
        int idx = r->sent++;
        if (s->end <= s->start) continue;
        citations(c, tl->v, s->start, s->end, r->text, idx, r->date);
        if (s->boilerplate) {
            c->res.boilerplate_sentences++;
            tracef(r, "sentence %d (paragraph %u) is publisher boilerplate: not coded", idx, s->para);
            continue;
        }
        for (size_t i = s->start; i < s->end; i++) tl->v[i].actor = -1;
        tag_sentence_c(&c->scratch, c->words, tl->v, s->start, s->end);
        /* time expressions ("next month", "on Tuesday", "two weeks ago") act as adverbs: they may stand
           inside a verb group ("will next month call on") or between a subject and its verb */
        for (size_t i = s->start; i < s->end; i++) {
            int32_t dd;
            int n = date_expr(tl->v, i, s->end, r->date ? r->date : 20000101, &dd);
            if (n <= 0) continue;
            for (size_t k = i; k < i + (size_t)n; k++)
                if (tl->v[k].tag != TG_PUNCT) tl->v[k].tag = TG_ADV;
            if (i > s->start && tl->v[i - 1].tag == TG_PREP &&
                (!strcmp(tl->v[i - 1].low, "on") || !strcmp(tl->v[i - 1].low, "in") || !strcmp(tl->v[i - 1].low, "since")))
                tl->v[i - 1].tag = TG_ADV; /* "on Monday" */
            i += (size_t)n - 1;
        }
        mention_list ms;
        if (find_mentions(&c->scratch, c->d, tl->v, s->start, s->end, r->date, &r->ctx, &ms)) goto oom;
        for (size_t m = 0; m < ms.n; m++) tag_noun_phrase(&c->scratch, tl->v, s->start, s->end, ms.v[m].start, ms.v[m].end);
        clause_info ci;
        if (analyse_clauses(&c->scratch, tl->v, s->start, s->end, &ms, &ci)) goto oom;
        if (r->trace) explain_sentence(r, idx, s->para, tl->v, s->start, s->end, &ms, &ci);
        /* the sentence text is copied only when an event needs it (events.c), or when asked for every one */
        const char *stext = NULL;
        if (c->flags & DYAD_CODER_SENTENCES) {
            const token *a = &tl->v[s->start], *b = &tl->v[s->end - 1];
            dyad_sentence *ds = ARENA_PUSH(&c->result, c->sents, c->nsents, c->capsents, dyad_sentence);
            stext = arena_strndup(&c->result, r->text + a->off, b->off + b->len - a->off);
            if (!ds || !stext) goto oom;
            ds->sent = idx;
            ds->text = stext;
        }
        sentence_job j = {&c->result, c->d, tl->v, s->start, s->end, idx, r->date, stext, r->text, &ms, &ci, &r->ctx,
                          0, NULL, r->trace, r->ud};
        if (code_sentence(&j, &c->events)) goto oom;
        actor_ctx_update(&r->ctx, &ms);
    }
    return 0;
oom:
    snprintf(err, errlen, "out of memory");
    return -1;
}

static int run_doc(dyad_coder *c, const dyad_doc *doc, dyad_msg_fn trace, void *ud, char *err, size_t errlen) {
    static char dummy[1];
    if (!err) { err = dummy; errlen = 1; }
    arena_reset(&c->result);
    memset(&c->events, 0, sizeof c->events);
    c->cits = NULL;
    c->ncits = c->capcits = 0;
    c->sents = NULL;
    c->nsents = c->capsents = 0;
    memset(&c->res, 0, sizeof c->res);
    if (!doc || (!doc->text && doc->len)) {
        snprintf(err, errlen, "no document");
        return -1;
    }
    run r;
    memset(&r, 0, sizeof r);
    r.c = c;
    r.trace = trace;
    r.ud = ud;
    if (doc->date) {
        r.date = date_parse_iso(doc->date);
        if (!r.date) {
            snprintf(err, errlen, "invalid document date '%.20s' (expected YYYY-MM-DD)", doc->date);
            return -1;
        }
    }
    /* normalize the whole document once (valid UTF-8 from here on); clean text is used in place */
    char *text = NULL;
    size_t len = doc->len, bad = 0;
    const char *src = doc->text ? doc->text : "";
    if (normalize_needed(src, doc->len)) {
        text = malloc(doc->len * 3 + 1);
        if (!text) { snprintf(err, errlen, "out of memory"); return -1; }
        len = normalize_text(src, doc->len, text, &bad);
        src = text;
    }
    c->res.invalid_utf8 = bad;
    r.text = src;
    const char *ntext = src; /* the normalized text (may be the caller's) */
    size_t pos = 0;
    int rc = 0;
    while (pos < len && rc == 0) {
        arena_reset(&c->scratch);
        size_t wend = pos + WINDOW_BYTES < len ? pos + WINDOW_BYTES : len;
        /* end the window at a white space so no word is cut */
        while (wend < len && wend > pos + WINDOW_BYTES / 2 && ntext[wend] != ' ' && ntext[wend] != '\n') wend--;
        if (wend < len && ntext[wend] != ' ' && ntext[wend] != '\n') wend = pos + WINDOW_BYTES < len ? pos + WINDOW_BYTES : len;
        while (wend < len && (ntext[wend] & 0xC0) == 0x80) wend++; /* never inside a UTF-8 sequence */
        token_list tl;
        if (tokenize(&c->scratch, ntext, pos, wend, &tl)) { rc = -1; snprintf(err, errlen, "out of memory"); break; }
        token_list win = tl;
        sentence_list ss;
        if (split_sentences(&c->scratch, &win, ntext, &ss)) { rc = -1; snprintf(err, errlen, "out of memory"); break; }
        /* cut overlong sentences */
        sentence_list cut = {0};
        for (size_t i = 0; i < ss.n; i++) {
            sentence s = ss.v[i];
            while (s.end - s.start > MAX_SENT_TOKENS) {
                sentence *p = ARENA_PUSH(&c->scratch, cut.v, cut.n, cut.cap, sentence);
                if (!p) break;
                *p = s;
                p->end = s.start + MAX_SENT_TOKENS;
                s.start += MAX_SENT_TOKENS;
            }
            sentence *p = ARENA_PUSH(&c->scratch, cut.v, cut.n, cut.cap, sentence);
            if (!p) break;
            *p = s;
        }
        if (c->scratch.failed) { rc = -1; snprintf(err, errlen, "out of memory"); break; }
        mark_boilerplate(&win, ntext, &cut);
        size_t upto = cut.n;
        size_t next = wend;
        if (wend < len && cut.n > 1) { /* the last sentence may continue in the next window */
            upto = cut.n - 1;
            next = win.v[cut.v[cut.n - 1].start].off;
        }
        rc = code_window(&r, &win, &cut, upto, err, errlen);
        if (next <= pos) next = wend; /* always progress */
        pos = next;
    }
    /* results */
    c->res.events = c->events.v;
    c->res.n_events = c->events.n;
    c->res.n_sentences = (size_t)r.sent;
    c->res.citations = c->cits;
    c->res.n_citations = c->ncits;
    c->res.sentences = c->sents;
    c->res.n_coded = c->nsents;
    free(text);
    if (c->result.failed && rc == 0) { snprintf(err, errlen, "out of memory"); rc = -1; }
    return rc;
}

int dyad_code(dyad_coder *c, const dyad_doc *doc, const dyad_result **out, char *err, size_t errlen) {
    if (!c) return -1;
    int rc = run_doc(c, doc, NULL, NULL, err, errlen);
    if (out) *out = rc == 0 ? &c->res : NULL;
    return rc;
}

int dyad_explain(dyad_coder *c, const char *sentence, const char *date, dyad_msg_fn fn, void *ud, char *err, size_t errlen) {
    if (!c || !sentence) return -1;
    dyad_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.id = "explain";
    doc.text = sentence;
    doc.len = strlen(sentence);
    doc.date = date;
    int rc = run_doc(c, &doc, fn, ud, err, errlen);
    return rc == 0 ? (int)c->res.n_events : -1;
}
