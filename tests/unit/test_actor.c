/* test_actor.c -- stage 5: finding and merging actor mentions (src/actor), directly and through dyad_code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "actor/actor.h"
#include "tag/tagger.h"
#include "dict/dict.h"
#include "tag/lexicon.h"
#include "util/strmap.h"
#include <stdio.h>

typedef struct fx {
    arena a;
    token_list tl;
    const char *text;
    mention_list ms;
    actor_ctx ctx;
    dyad_coder *c;
} fx;

static int setup(void **state) {
    fx *f = calloc(1, sizeof *f);
    if (!f) return -1;
    arena_init(&f->a);
    f->c = dyad_coder_new(tu_dict());
    if (!f->c) return -1;
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fx *f = *state;
    dyad_coder_free(f->c);
    arena_free(&f->a);
    free(f);
    return 0;
}

/* Tag S as one sentence and find its mentions (context kept in f->ctx across calls). */
static void find(fx *f, const char *s, int32_t date) {
    f->text = tu_tag(&f->a, s, &f->tl);
    assert_non_null(f->text);
    assert_int_equal(find_mentions(&f->a, tu_dict(), f->tl.v, 0, f->tl.n, date, &f->ctx, &f->ms), 0);
}

/* The text of mention I. */
static const char *mtext(fx *f, size_t i) {
    static char buf[256];
    const mention *m = &f->ms.v[i];
    const token *a = &f->tl.v[m->start], *b = &f->tl.v[m->end - 1];
    snprintf(buf, sizeof buf, "%.*s", (int)(b->off + b->len - a->off), f->text + a->off);
    return buf;
}

static void expect_mention(fx *f, size_t i, const char *text, const char *code) {
    if (i >= f->ms.n)
        for (size_t k = 0; k < f->ms.n; k++) fprintf(stderr, "  mention %zu: '%s' %s\n", k, mtext(f, k), f->ms.v[k].code);
    assert_true(i < f->ms.n);
    assert_string_equal(mtext(f, i), text);
    assert_non_null(f->ms.v[i].code);
    assert_string_equal(f->ms.v[i].code, code);
}

/* find_mentions keeps each word form's first-word answer in the word cache (tag_cache_memo): the mentions are
 * those found without it, for forms met again (the memo read) and met first (the memo written), for names of
 * one word and of several, and for words that start no name; a memo answers for the dictionary that wrote it. */
static void test_first_word_memo(void **state) {
    fx *f = *state;
    static const char *const texts[] = {
        "Russian diplomats met United Nations officials in Moscow on Monday.",
        "The United States and Russia signed a deal; the United Kingdom did not.",
        "Officials in Moscow said the United Nations would send observers to Georgia.",
        "United they stand, said the Russian president."};
    tag_cache *c = tag_cache_new();
    assert_non_null(c);
    actor_ctx plain, cached;
    memset(&plain, 0, sizeof plain);
    memset(&cached, 0, sizeof cached);
    cached.words = c;
    int memos = 0;
    for (int round = 0; round < 2; round++)
        for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
            arena_reset(&f->a);
            token_list a, b;
            mention_list ma, mb;
            assert_non_null(tu_tag(&f->a, texts[k], &a));
            assert_int_equal(find_mentions(&f->a, tu_dict(), a.v, 0, a.n, 20200101, &plain, &ma), 0);
            assert_non_null(tu_tokenize(&f->a, texts[k], &b));
            tag_sentence_c(&f->a, c, b.v, 0, b.n);
            assert_int_equal(find_mentions(&f->a, tu_dict(), b.v, 0, b.n, 20200101, &cached, &mb), 0);
            assert_int_equal(ma.n, mb.n);
            for (size_t i = 0; i < ma.n; i++) {
                assert_int_equal(ma.v[i].start, mb.v[i].start);
                assert_int_equal(ma.v[i].end, mb.v[i].end);
                assert_string_equal(ma.v[i].code ? ma.v[i].code : "", mb.v[i].code ? mb.v[i].code : "");
            }
            for (size_t i = 0; i < b.n; i++) {
                int32_t *m = tag_cache_memo(c, &b.v[i], tu_dict());
                if (b.v[i].kind != TK_WORD) assert_null(m);
                else {
                    assert_non_null(m);
                    memos += *m != 0;
                    assert_null(tag_cache_memo(c, &b.v[i], &plain)); /* another owner */
                }
            }
        }
    assert_true(memos > 0);
    tag_cache_free(c);
}

/* find_mentions keeps the answer for a name's first two words by their pair of forms (tag_cache_memo2): each
 * pair memo it wrote holds what the dictionary says of "w1 w2" (as a prefix and as a name); the mentions are
 * those found without memos, the pairs met again and met first, with a cache small enough to be trimmed
 * between texts (its indices then name other forms: a stale pair memo would give a wrong name). */
static void test_pair_memo(void **state) {
    fx *f = *state;
    const dyad_dict *d = tu_dict();
    static const char *const texts[] = {
        "The United Nations and the United States met; the united front of Russian diplomats did not.",
        "United Kingdom officials and United Nations observers went to Georgia.",
        "Observers said the United Kingdom would act; United Russia and the Russian government agreed.",
        "Kurdish fighters, United they stand, said the United Arab Emirates."};
    tag_cache *c = tag_cache_new_max(30);
    assert_non_null(c);
    actor_ctx plain, cached;
    memset(&plain, 0, sizeof plain);
    memset(&cached, 0, sizeof cached);
    cached.words = c;
    int memos = 0, names = 0;
    for (int round = 0; round < 3; round++)
        for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
            arena_reset(&f->a);
            tag_cache_trim(c);
            token_list a, b;
            mention_list ma, mb;
            assert_non_null(tu_tag(&f->a, texts[k], &a));
            assert_int_equal(find_mentions(&f->a, d, a.v, 0, a.n, 20200101, &plain, &ma), 0);
            assert_non_null(tu_tokenize(&f->a, texts[k], &b));
            tag_sentence_c(&f->a, c, b.v, 0, b.n);
            assert_int_equal(find_mentions(&f->a, d, b.v, 0, b.n, 20200101, &cached, &mb), 0);
            assert_int_equal(ma.n, mb.n);
            for (size_t i = 0; i < ma.n; i++) {
                assert_int_equal(ma.v[i].start, mb.v[i].start);
                assert_int_equal(ma.v[i].end, mb.v[i].end);
                assert_string_equal(ma.v[i].code ? ma.v[i].code : "", mb.v[i].code ? mb.v[i].code : "");
            }
            for (size_t i = 0; i + 1 < b.n; i++) {
                int32_t *m = tag_cache_memo2(c, &b.v[i], &b.v[i + 1], d);
                if (!m || !*m) continue;
                memos++;
                char key[256];
                int kl = snprintf(key, sizeof key, "%.*s %.*s", (int)b.v[i].lowlen, b.v[i].low, (int)b.v[i + 1].lowlen,
                                  b.v[i + 1].low);
                int32_t idx, pv = dict_name_prefix(d, key, (size_t)kl, strmap_hash(key, (size_t)kl), &idx);
                assert_int_equal(idx, pv >= 0 && pv & 2 ? strmap_get(&d->names, key, (size_t)kl) : -1);
                uint32_t u = (uint32_t)*m;
                assert_int_equal(u & 1, 1);
                assert_int_equal(u & 2 ? (int32_t)(u >> 2 & 3) : -1, pv);
                assert_int_equal((int32_t)(u >> 4) - 1, idx);
                names += idx >= 0;
            }
        }
    assert_true(memos > 0);
    assert_true(names > 0);
    tag_cache_free(c);
}

/* The key of a name of three or four words is written only when a probe or a hash needs it: in one piece after a
 * pair memo's answer, word by word when the pair is met first, and not at all for a name the pair memo ends. The
 * longest name is found the same each time, and the same as without a word cache. */
static void test_long_names_lazy_key(void **state) {
    fx *f = *state;
    const dyad_dict *d = tu_dict();
    static const char *const texts[] = {"The CIS Collective Security Treaty met NATO officials in Moscow.",
                                        "NATO officials met the CIS Collective Security Treaty and United Nations staff."};
    static const char *const want[][3] = {{"CIS Collective Security Treaty", "NATO officials", "Moscow"},
                                          {"NATO officials", "CIS Collective Security Treaty", "United Nations staff"}};
    tag_cache *c = tag_cache_new();
    assert_non_null(c);
    actor_ctx cached;
    memset(&cached, 0, sizeof cached);
    cached.words = c;
    for (int round = 0; round < 3; round++)
        for (size_t k = 0; k < 2; k++) {
            arena_reset(&f->a);
            f->text = tu_tokenize(&f->a, texts[k], &f->tl);
            assert_non_null(f->text);
            tag_sentence_c(&f->a, c, f->tl.v, 0, f->tl.n);
            assert_int_equal(find_mentions(&f->a, d, f->tl.v, 0, f->tl.n, 20030514, &cached, &f->ms), 0);
            size_t n = 0;
            while (n < 3 && want[k][n]) n++;
            assert_int_equal(f->ms.n, n);
            for (size_t i = 0; i < n; i++) assert_string_equal(mtext(f, i), want[k][i]);
            size_t e = 0, s = (size_t)tu_find(&f->tl, "cis");
            assert_true(actor_longest_name(d, f->tl.v, s, f->tl.n, &e) >= 0);
            assert_int_equal(e, s + 4);
        }
    tag_cache_free(c);
}

static void test_demonym_and_agent_merge(void **state) {
    fx *f = *state;
    find(f, "Uzbek officials met Russian diplomats.", 20030514);
    assert_int_equal(f->ms.n, 2);
    expect_mention(f, 0, "Uzbek officials", "UZBGOV");
    expect_mention(f, 1, "Russian diplomats", "RUSGOV");
    assert_int_equal(f->ms.v[0].kind, AK_DEMONYM);
    assert_string_equal(f->ms.v[0].country, "UZB");
    assert_string_equal(f->ms.v[0].sector, "GOV");
    assert_false(f->ms.v[0].needs_country);
    /* tokens know their mention */
    assert_int_equal(f->tl.v[0].actor, 0);
    assert_int_equal(f->tl.v[1].actor, 0);
    assert_int_equal(f->tl.v[2].actor, -1);
    assert_int_equal(f->tl.v[4].actor, 1);
}

static void test_capital_as_subject_is_government(void **state) {
    fx *f = *state;
    find(f, "Tashkent criticized Moscow.", 20030514);
    assert_int_equal(f->ms.n, 2);
    expect_mention(f, 0, "Tashkent", "UZBGOV");
    assert_int_equal(f->ms.v[0].kind, AK_CAPITAL);
    assert_false(f->ms.v[0].locative);
    const dyad_result *r;
    TU_CODE(f->c, "Tashkent criticized Moscow.", "2003-05-14", r);
    assert_int_equal(r->n_events, 1);
    assert_string_equal(r->events[0].source.code, "UZBGOV");
    assert_string_equal(r->events[0].source.text, "Tashkent");
    assert_true(r->events[0].has_target);
    assert_string_equal(r->events[0].target.code, "RUSGOV");
}

static void test_capital_after_locative_is_a_place(void **state) {
    fx *f = *state;
    find(f, "Russia attacked rebels in Moscow.", 20030514);
    int k = tu_find(&f->tl, "moscow");
    assert_true(k >= 0 && f->tl.v[k].actor >= 0);
    const mention *m = &f->ms.v[f->tl.v[k].actor];
    assert_true(m->locative);
    assert_false(f->ms.v[0].locative); /* Russia */

    const dyad_result *r;
    TU_CODE(f->c, "Russia attacked rebels in Moscow.", "2003-05-14", r);
    assert_int_equal(r->n_events, 1);
    assert_string_equal(r->events[0].cameo, "190");
    assert_string_equal(r->events[0].source.code, "RUS");
    for (size_t i = 0; i < r->n_events; i++)
        if (r->events[i].has_target) assert_string_not_equal(r->events[i].target.text, "Moscow");

    /* "from" + a capital is a place too */
    find(f, "Russian troops fired on protesters from Tbilisi.", 20030514);
    k = tu_find(&f->tl, "tbilisi");
    assert_true(k >= 0 && f->tl.v[k].actor >= 0);
    assert_true(f->ms.v[f->tl.v[k].actor].locative);
}

static void test_possessive_country_org_agent(void **state) {
    fx *f = *state;
    find(f, "Afghanistan's Taliban authorities condemned the United States.", 20030514);
    assert_int_equal(f->ms.n, 2);
    expect_mention(f, 0, "Afghanistan's Taliban authorities", "AFGGOV");
    assert_string_equal(f->ms.v[0].country, "AFG");
    assert_non_null(f->ms.v[0].org);
    assert_string_equal(f->ms.v[0].org, "TALIBAN");
    assert_string_equal(f->ms.v[0].sector, "GOV");
    expect_mention(f, 1, "United States", "USA");

    find(f, "Russia's army shelled the village (near Georgia).", 20030514);
    expect_mention(f, 0, "Russia's army", "RUSMIL");
    expect_mention(f, 1, "Georgia", "GEO");
    assert_true(f->ms.v[1].in_brackets);
    assert_true(f->ms.v[1].locative);
}

/* Mentions are marked in brackets only up to the last token where one starts: a bracket that opens after the
 * last mention marks nothing, the last mention itself is marked when a bracket is open, and one after a closed
 * bracket is not */
static void test_brackets_to_last_mention(void **state) {
    fx *f = *state;
    find(f, "Officials (in Georgia) met Russian diplomats (in Moscow).", 20030514);
    assert_int_equal(f->ms.n, 4);
    expect_mention(f, 0, "Officials", "GOV");
    assert_false(f->ms.v[0].in_brackets);
    expect_mention(f, 1, "Georgia", "GEO");
    assert_true(f->ms.v[1].in_brackets);
    expect_mention(f, 2, "Russian diplomats", "RUSGOV");
    assert_false(f->ms.v[2].in_brackets);
    expect_mention(f, 3, "Moscow", "RUSGOV"); /* the last mention, in brackets */
    assert_true(f->ms.v[3].in_brackets);
    find(f, "Russian diplomats met farmers (who said nothing).", 20030514); /* a bracket after the last mention */
    assert_int_equal(f->ms.n, 2);
    expect_mention(f, 1, "farmers", "AGR");
    assert_false(f->ms.v[0].in_brackets);
    assert_false(f->ms.v[1].in_brackets);
    find(f, "(Georgia) Farmers said nothing.", 20030514);
    assert_int_equal(f->ms.n, 2);
    expect_mention(f, 0, "Georgia", "GEO");
    assert_true(f->ms.v[0].in_brackets);
    assert_false(f->ms.v[1].in_brackets);
    find(f, "Farmers (who said nothing) left.", 20030514);
    assert_int_equal(f->ms.n, 1);
    assert_false(f->ms.v[0].in_brackets);
}

static void test_person_term_of_office(void **state) {
    fx *f = *state;
    /* dict/actors/people.txt: person UZB GOV 1990-03-24 2016-09-02 : Islam Karimov ; Karimov */
    find(f, "Karimov criticized Russia.", 19990205);
    assert_int_equal(f->ms.n, 2);
    expect_mention(f, 0, "Karimov", "UZBGOV");
    assert_int_equal(f->ms.v[0].kind, AK_PERSON);
    find(f, "Karimov criticized Russia.", 20200205);
    assert_int_equal(f->ms.n, 1); /* known, out of office: not an actor */
    expect_mention(f, 0, "Russia", "RUS");

    const dyad_result *r;
    TU_CODE(f->c, "Karimov criticized Russia.", "1999-02-05", r);
    assert_int_equal(r->n_events, 1);
    assert_string_equal(r->events[0].source.code, "UZBGOV");
    assert_string_equal(r->events[0].cameo, "111");
    TU_CODE(f->c, "Karimov criticized Russia.", "2020-02-05", r);
    assert_int_equal(r->n_events, 0);
}

static void test_case_rule_and_cities(void **state) {
    fx *f = *state;
    find(f, "They ate turkey in Samarkand while Turkey protested.", 20030514);
    assert_int_equal(f->ms.n, 1);
    expect_mention(f, 0, "Turkey", "TUR");
    assert_int_equal(f->tl.v[tu_find(&f->tl, "samarkand")].actor, -1);
}

/* find_mentions finds a sentence's names in batches of up to 64 before it chooses their entries: a long list of
 * names crosses batches, and a name that no entry fits, of one word ("turkey" in lower case: passed over) or of
 * two ("south Sudan": the scan starts again at "Sudan"), in a batch or at its end; every name is found, in
 * order, as one by one */
static void test_names_in_batches(void **state) {
    fx *f = *state;
    static const char *const C[] = {"Iran", "Iraq", "Syria", "Egypt", "Jordan", "Lebanon", "Yemen", "Oman", "Qatar", "Kuwait"};
    static const char *const K[] = {"IRN", "IRQ", "SYR", "EGY", "JOR", "LBN", "YEM", "OMN", "QAT", "KWT"};
    char s[2048];
    size_t o = 0, n = 0;
    const char *want[90], *code[90];
    for (int i = 0; i < 80; i++) {
        if (i == 10 || i == 63 || i == 66) o += (size_t)snprintf(s + o, sizeof s - o, "turkey, ");
        if (i == 20 || i == 62 || i == 70) { /* "south Sudan": no name of two words (it needs capitals), then Sudan */
            o += (size_t)snprintf(s + o, sizeof s - o, "south Sudan, ");
            want[n] = "Sudan", code[n] = "SDN", n++;
        }
        o += (size_t)snprintf(s + o, sizeof s - o, "%s, ", C[i % 10]);
        want[n] = C[i % 10], code[n] = K[i % 10], n++;
    }
    snprintf(s + o, sizeof s - o, "and others met.");
    find(f, s, 20030514);
    assert_int_equal(f->ms.n, n);
    for (size_t i = 0; i < n; i++) expect_mention(f, i, want[i], code[i]);
}

static void test_longest_match_and_orgs(void **state) {
    fx *f = *state;
    find(f, "The CIS Collective Security Treaty met NATO officials.", 20030514);
    assert_int_equal(f->ms.n, 2);
    expect_mention(f, 0, "CIS Collective Security Treaty", "CSTO");
    assert_int_equal(f->ms.v[0].kind, AK_ORG);
    assert_null(f->ms.v[0].country);
    expect_mention(f, 1, "NATO officials", "NATO");
    assert_string_equal(f->ms.v[1].org, "NATO");
}

static void test_agent_alone_and_title_name(void **state) {
    fx *f = *state;
    find(f, "Foreign Ministry spokesman Bahadyr Umarov criticized Kazakhstan.", 20030514);
    assert_int_equal(f->ms.n, 2);
    expect_mention(f, 0, "Foreign Ministry spokesman Bahadyr Umarov", "GOV");
    assert_int_equal(f->ms.v[0].kind, AK_AGENT);
    assert_true(f->ms.v[0].needs_country);
    assert_null(f->ms.v[0].country);
    expect_mention(f, 1, "Kazakhstan", "KAZ");
}

static void test_definite_description_from_context(void **state) {
    fx *f = *state;
    /* without context "the country" is nobody */
    find(f, "The country recalled its ambassador.", 20030514);
    for (size_t i = 0; i < f->ms.n; i++) assert_false(f->ms.v[i].resolved);
    /* after a sentence about Georgia it is Georgia */
    find(f, "Georgia protested.", 20030514);
    actor_ctx_update(&f->ctx, &f->ms);
    assert_true(f->ctx.have_country);
    find(f, "The country recalled its ambassador.", 20030514);
    assert_true(f->ms.n >= 1);
    expect_mention(f, 0, "The country", "GEO");
    assert_true(f->ms.v[0].resolved);
}

static void test_locative_mentions_do_not_become_context(void **state) {
    fx *f = *state;
    find(f, "Officials met in Georgia.", 20030514);
    actor_ctx_update(&f->ctx, &f->ms);
    assert_false(f->ctx.have_country);
    find(f, "NATO protested.", 20030514);
    actor_ctx_update(&f->ctx, &f->ms);
    assert_true(f->ctx.have_org);
    assert_string_equal(f->ctx.last_org.code, "NATO");
}

static void test_named_body_by_head_noun(void **state) {
    fx *f = *state;
    /* a marker word decides the sector; no country in the name: the document's, later */
    find(f, "The Ogaden Liberation Front attacked a convoy.", 20030514);
    expect_mention(f, 0, "Ogaden Liberation Front", "REB");
    assert_int_equal(f->ms.v[0].kind, AK_ORG);
    assert_true(f->ms.v[0].needs_country);
    assert_int_equal(f->ms.v[0].how, MH_NAMED);
    /* the country from the name; the head noun's sector */
    find(f, "The Senegalese National Movement met officials.", 20030514);
    expect_mention(f, 0, "Senegalese National Movement", "SENPTY");
    assert_false(f->ms.v[0].needs_country);
    /* a state office keeps its sector; a head noun that needs a marker word is no actor alone */
    find(f, "The Directorate of Labour met the Harbor Federation.", 20030514);
    expect_mention(f, 0, "Directorate of Labour", "GOV");
    for (size_t i = 0; i < f->ms.n; i++) assert_true(f->tl.v[f->ms.v[i].start].low[0] != 'h');
    /* one word is no name */
    find(f, "Movement protested.", 20030514);
    assert_int_equal(f->ms.n, 0);
}

static void test_acronym_in_brackets(void **state) {
    fx *f = *state;
    find(f, "The Patriotic Resistance Front (PRF) attacked a convoy.", 20030514);
    expect_mention(f, 0, "Patriotic Resistance Front (PRF)", "REB");
    actor_ctx_update(&f->ctx, &f->ms);
    assert_int_equal(f->ctx.nacr, 1);
    find(f, "The PRF later freed the drivers.", 20030514);
    expect_mention(f, 0, "PRF", "REB");
    assert_true(f->ms.v[0].resolved);
    assert_int_equal(f->ms.v[0].how, MH_ACRONYM);
    /* an acronym never given stays nobody */
    find(f, "The XRQ later freed the drivers.", 20030514);
    for (size_t i = 0; i < f->ms.n; i++) assert_int_not_equal(f->ms.v[i].how, MH_ACRONYM);
}

static void test_group_roles_and_names(void **state) {
    fx *f = *state;
    find(f, "Ali Kamara, a spokesman for the rebels, said talks had failed.", 20030514);
    expect_mention(f, 1, "spokesman for the rebels", "REB");
    assert_int_equal(f->ms.v[1].how, MH_ROLE);
    actor_ctx_update(&f->ctx, &f->ms);
    /* the name stands for the role's actor, whole or by its last word */
    find(f, "Kamara accused the army.", 20030514);
    expect_mention(f, 0, "Kamara", "REB");
    find(f, "Ali Kamara accused the army.", 20030514);
    expect_mention(f, 0, "Ali Kamara", "REB");
    /* "the group's leader" after a group */
    find(f, "The group's leader accused the army.", 20030514);
    expect_mention(f, 0, "The group's leader", "REB");
    /* a name with no role is remembered for nothing */
    find(f, "Peter Lund, 45, said talks had failed.", 20030514);
    find(f, "Lund accused the army.", 20030514);
    expect_mention(f, 0, "army", "MIL");
}

static void test_mention_code(void **state) {
    fx *f = *state;
    mention m;
    memset(&m, 0, sizeof m);
    m.country = "RUS", m.sector = "MIL";
    mention_code(&f->a, &m);
    assert_string_equal(m.code, "RUSMIL");
    memset(&m, 0, sizeof m);
    m.org = "NATO", m.sector = "IGO";
    mention_code(&f->a, &m);
    assert_string_equal(m.code, "NATO");
    memset(&m, 0, sizeof m);
    m.country = "AFG", m.org = "TALIBAN", m.sector = "INS";
    mention_code(&f->a, &m);
    assert_string_equal(m.code, "AFGINS"); /* an org of a country codes as the country */
    memset(&m, 0, sizeof m);
    m.region = "WST", m.sector = "GOV";
    mention_code(&f->a, &m);
    assert_string_equal(m.code, "WSTGOV");
    memset(&m, 0, sizeof m);
    m.country = "UZB", m.sector = "IGO";
    mention_code(&f->a, &m);
    assert_string_equal(m.code, "UZB");
    memset(&m, 0, sizeof m);
    m.sector = "REB";
    mention_code(&f->a, &m);
    assert_string_equal(m.code, "REB");
    memset(&m, 0, sizeof m);
    mention_code(&f->a, &m);
    assert_null(m.code);
}

/* find_mentions runs its loop over definite descriptions only from 3 tokens before the first token that may head
 * one to the last (actor_may_be_definite_head, a filter of the word's hash): every head word passes it (the rule's
 * words, and every word of the lexicon the rule takes), most other words do not; and the descriptions whose head
 * is 1 or 3 tokens after "the", at a sentence's start and end, and two in one sentence, are resolved (fails when the
 * bounds leave out the first description's "the" or the last one's head). */
static void test_definite_head_filter(void **state) {
    fx *f = *state;
    static const char *const heads[] = {"alliance", "bloc", "country", "faction", "forces", "group", "kingdom",
                                        "movement", "nation", "organisation", "organization", "pact", "republic",
                                        "state", "treaty", "troops", NULL};
    for (const char *const *w = heads; *w; w++) {
        assert_true(actor_definite_head(*w));
        assert_true(actor_may_be_definite_head(strmap_hash(*w, strlen(*w))));
    }
    size_t yes = 0, pass = 0;
    for (size_t i = 0; i < lex_n; i++) {
        const char *w = lex_strings + lex_entries[i].w;
        int p = actor_may_be_definite_head(strmap_hash(w, strlen(w)));
        if (actor_definite_head(w)) assert_true(p), yes++;
        pass += (size_t)p;
    }
    assert_true(yes >= 14);
    assert_true(pass < lex_n / 20); /* a filter: most words are turned away */
    find(f, "Georgia protested.", 20030514);
    actor_ctx_update(&f->ctx, &f->ms);
    find(f, "The NATO alliance met.", 20030514);
    actor_ctx_update(&f->ctx, &f->ms);
    assert_true(f->ctx.have_country && f->ctx.have_org);
    /* the head 3 tokens after "the", at the sentence's start */
    find(f, "The small island nation protested.", 20030514);
    assert_true(f->ms.n >= 1);
    expect_mention(f, 0, "The small island nation", "GEO");
    assert_true(f->ms.v[0].resolved);
    /* the head as the last token (no period), after a description at the start */
    find(f, "The country thanked the organization", 20030514);
    assert_int_equal(f->ms.n, 2);
    expect_mention(f, 0, "The country", "GEO");
    expect_mention(f, 1, "the organization", "NATO");
    assert_true(f->ms.v[1].resolved);
    /* a sentence with none */
    find(f, "Talks went on.", 20030514);
    assert_int_equal(f->ms.n, 0);
}

/* The next capitalised word of t[i, end) by brute force. */
static size_t next_cap_slow(const token *t, size_t i, size_t end) {
    while (i < end && !(t[i].kind == TK_WORD && (t[i].flags & TF_CAP))) i++;
    return i;
}

/* The loops over names visit the capitalised words from masks of 64 tokens (cap_scan): from the start and after
 * steps of every size, the next one is the one a walk over the tokens finds, across the masks' boundaries and from
 * a start that is not 0; a named body and a remembered name that cross a boundary are found (fails when a mask
 * loses its last bit or the step to the next mask skips a token). */
static void test_cap_scan(void **state) {
    fx *f = *state;
    char text[4096];
    size_t n = 0;
    for (int k = 0; k < 150; k++) /* capitals at 0, 63, 64, 127, 128 and every 11th word */
        n += (size_t)snprintf(text + n, sizeof text - n, "%s ",
                              k == 0 || k == 63 || k == 64 || k == 127 || k == 128 || k % 11 == 5 ? "Oslo" : k % 7 ? "talks" : ",");
    snprintf(text + n, sizeof text - n, "ended.");
    find(f, text, 20030514);
    const token *t = f->tl.v;
    size_t end = f->tl.n;
    assert_true(end > 140);
    static const size_t steps[] = {1, 2, 3, 7, 63, 64, 65};
    for (size_t start = 0; start < 3; start++)
        for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++) {
            cap_scan cs = cap_scan_start(t, start, end);
            for (size_t i = start;;) {
                size_t got = cap_scan_next(&cs, i);
                assert_int_equal(got, next_cap_slow(t, i, end));
                if (got >= end) break;
                i = got + steps[k] < end ? got + steps[k] : end;
            }
        }
    /* a named body across the boundary at token 64, a name remembered earlier at token 64 */
    n = 0;
    for (int k = 0; k < 62; k++) n += (size_t)snprintf(text + n, sizeof text - n, "talks ");
    snprintf(text + n, sizeof text - n, "the National Liberation Front attacked a convoy.");
    find(f, text, 20030514);
    expect_mention(f, 0, "National Liberation Front", "REB");
    assert_int_equal(f->ms.v[0].start, 63);
    find(f, "Ali Kamara, a spokesman for the rebels, said talks had failed.", 20030514);
    actor_ctx_update(&f->ctx, &f->ms);
    assert_true(f->ctx.nnames > 0);
    n = 0;
    for (int k = 0; k < 64; k++) n += (size_t)snprintf(text + n, sizeof text - n, "talks ");
    snprintf(text + n, sizeof text - n, "Kamara accused the army.");
    find(f, text, 20030514);
    assert_true(f->ms.n >= 1);
    expect_mention(f, 0, "Kamara", "REB");
    assert_int_equal(f->ms.v[0].start, 64);
}

/* named.c looks its head and marker words up by halves: the tables must stay in strcmp order, each word once. */
static void test_named_tables_sorted(void **state) {
    (void)state;
    assert_int_equal(named_tables_sorted(), 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_named_tables_sorted),
        cmocka_unit_test_setup_teardown(test_demonym_and_agent_merge, setup, teardown),
        cmocka_unit_test_setup_teardown(test_capital_as_subject_is_government, setup, teardown),
        cmocka_unit_test_setup_teardown(test_capital_after_locative_is_a_place, setup, teardown),
        cmocka_unit_test_setup_teardown(test_possessive_country_org_agent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_person_term_of_office, setup, teardown),
        cmocka_unit_test_setup_teardown(test_case_rule_and_cities, setup, teardown),
        cmocka_unit_test_setup_teardown(test_longest_match_and_orgs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_names_in_batches, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_names_lazy_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_agent_alone_and_title_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_definite_description_from_context, setup, teardown),
        cmocka_unit_test_setup_teardown(test_definite_head_filter, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cap_scan, setup, teardown),
        cmocka_unit_test_setup_teardown(test_locative_mentions_do_not_become_context, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mention_code, setup, teardown),
        cmocka_unit_test_setup_teardown(test_named_body_by_head_noun, setup, teardown),
        cmocka_unit_test_setup_teardown(test_acronym_in_brackets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_brackets_to_last_mention, setup, teardown),
        cmocka_unit_test_setup_teardown(test_group_roles_and_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_first_word_memo, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pair_memo, setup, teardown),
    };
    return cmocka_run_group_tests_name("actor", tests, NULL, NULL);
}
