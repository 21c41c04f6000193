/* test_tagger.c -- stage 3b: parts of speech and lemmas (src/tag). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "tag/lexicon.h"
#include "util/strmap.h"
#include "pattern/pattern.h"

typedef tu_fx fx;
TU_ARENA_FIXTURE(fx)

static void tag(fx *f, const char *s) {
    arena_reset(&f->a);
    f->text = tu_tag(&f->a, s, &f->tl);
    assert_non_null(f->text);
}

/* The token whose lower-case form is W: asserts it exists. */
static const token *word(fx *f, const char *w) {
    int i = tu_find(&f->tl, w);
    if (i < 0) fprintf(stderr, "no token '%s'\n", w);
    assert_true(i >= 0);
    return &f->tl.v[i];
}

/* Assert tag (by name, for readable failures) and lemma of the token W. */
static void expect(fx *f, const char *w, int tag_, const char *lemma) {
    const token *t = word(f, w);
    if (t->tag != tag_) fprintf(stderr, "'%s': tag %s, expected %s\n", w, tag_names[t->tag], tag_names[tag_]);
    assert_string_equal(tag_names[t->tag], tag_names[tag_]);
    if (lemma) assert_string_equal(t->lemma, lemma);
}

static void test_regular_past_lemma(void **state) {
    fx *f = *state;
    tag(f, "Russia attacked Georgia.");
    expect(f, "attacked", TG_VERB, "attack");
    assert_int_equal(word(f, "attacked")->vform, 'd');
    expect(f, ".", TG_PUNCT, ".");
}

static void test_irregular_past_lemma(void **state) {
    fx *f = *state;
    tag(f, "The rebels fought the army.");
    expect(f, "fought", TG_VERB, "fight");
    assert_int_equal(word(f, "fought")->vform, 'd');
    expect(f, "rebels", TG_NOUN, "rebel");
    tag(f, "Iran released three fishermen.");
    expect(f, "fishermen", TG_NOUN, "fisherman");
}

static void test_determiner_then_noun(void **state) {
    fx *f = *state;
    tag(f, "The talks failed.");
    expect(f, "the", TG_DET, NULL);
    expect(f, "talks", TG_NOUN, "talk");
    expect(f, "failed", TG_VERB, "fail");
    tag(f, "The Chinese attack continued.");
    expect(f, "attack", TG_NOUN, "attack"); /* a verb-or-noun word in a determiner-led phrase */
    tag(f, "Kabul is calling for talks.");
    expect(f, "talks", TG_NOUN, "talk"); /* after a preposition */
}

static void test_infinitive_is_verb(void **state) {
    fx *f = *state;
    tag(f, "Iran agreed to attend the meeting.");
    expect(f, "to", TG_TO, NULL);
    expect(f, "attend", TG_VERB, "attend");
    assert_int_equal(word(f, "attend")->vform, 0);
    expect(f, "meeting", TG_NOUN, NULL);
}

static void test_third_person_after_subject_is_verb(void **state) {
    fx *f = *state;
    tag(f, "Uzbekistan favors NATO expansion.");
    expect(f, "favors", TG_VERB, "favor");
    assert_int_equal(word(f, "favors")->vform, 's');
    expect(f, "nato", TG_PROPN, NULL);
    expect(f, "expansion", TG_NOUN, NULL);
}

/* Regression (was a bug in src/tag/tagger.c, tag_open): the rule for an -s word after a proper noun or noun says '"Uzbekistan
 * favors" but "Western actions": an -s form is a verb unless the noun reading is far more common', yet its
 * own example comes out as a verb: for "action" WordNet gives noun count 9, verb count 1, and the test
 * cn > 4 * cv + 8 (9 > 12) is false. Reproduction:
 *   build/dyad explain --date 2003-05-14 "He criticized Western actions."   ->  actions/VERB(action) */
static void test_plural_noun_after_adjective_is_noun(void **state) {
    fx *f = *state;
    tag(f, "He criticized Western actions.");
    expect(f, "actions", TG_NOUN, "action");
}

static void test_modal_negation_and_auxiliaries(void **state) {
    fx *f = *state;
    tag(f, "He will not meet them.");
    expect(f, "will", TG_MODAL, NULL);
    expect(f, "not", TG_NEG, NULL);
    expect(f, "meet", TG_VERB, "meet");
    expect(f, "them", TG_PRON, NULL);
    tag(f, "It was attacked by rebels.");
    expect(f, "was", TG_BE, "be");
    expect(f, "attacked", TG_VERB, "attack");
    expect(f, "by", TG_PREP, NULL);
    tag(f, "They didn't say it.");
    expect(f, "did", TG_DO, "do");
    expect(f, "n't", TG_NEG, NULL);
    expect(f, "say", TG_VERB, "say");
}

static void test_plural_subject_before_auxiliary(void **state) {
    fx *f = *state;
    tag(f, "Three Turkish engineers were kidnapped.");
    expect(f, "engineers", TG_NOUN, "engineer");
    expect(f, "kidnapped", TG_VERB, "kidnap");
    tag(f, "They have signed a gas agreement.");
    expect(f, "have", TG_HAVE, "have");
    expect(f, "signed", TG_VERB, "sign");
    expect(f, "agreement", TG_NOUN, NULL);
}

static void test_open_class_fallbacks(void **state) {
    fx *f = *state;
    /* capitalised in mid-sentence: a proper noun; unknown words by their endings */
    tag(f, "Officials met Karimov yesterday, zorbly and blorfed 1,000 times.");
    expect(f, "karimov", TG_PROPN, "karimov");
    expect(f, "zorbly", TG_ADV, NULL);
    expect(f, "blorfed", TG_VERB, NULL);
    expect(f, "1,000", TG_NUM, NULL);
    expect(f, ",", TG_PUNCT, NULL);
    expect(f, "officials", TG_NOUN, "official");
}

static void test_possessive_then_gerund_noun(void **state) {
    fx *f = *state;
    tag(f, "The army's shelling continued.");
    expect(f, "'s", TG_POSS, NULL);
    expect(f, "shelling", TG_NOUN, NULL);
    expect(f, "continued", TG_VERB, "continue");
}

/* Regression: tag_open() looked at the token after an ambiguous past form ("..., signed a gas agreement")
 * without checking the sentence end, reading past the token array when the text ended on such a verb.
 * The tokens are copied into an array of exactly their number so AddressSanitizer sees any overrun. */
static void test_no_read_past_sentence_end(void **state) {
    fx *f = *state;
    static const char *const texts[] = {"Russia attacked", "Rebels shelled", "The army withdrew and regrouped", "signed"};
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        tag(f, texts[k]);
        size_t n = f->tl.n;
        token *exact = malloc(n * sizeof *exact);
        assert_non_null(exact);
        memcpy(exact, f->tl.v, n * sizeof *exact);
        tag_sentence(&f->a, exact, 0, n);
        assert_string_equal(tag_names[exact[n - 1].tag], tag_names[f->tl.v[n - 1].tag]);
        if (k < 2) assert_string_equal(tag_names[exact[n - 1].tag], "VERB");
        free(exact);
    }
}

/* What match_at's heads map answers for token k (the oracle of test_head_memo): the first pattern of k's lemma,
 * or else of its form. */
static int32_t head_oracle(const dyad_dict *d, const token *k, int nominal) {
    const char *lemma = k->lemma ? k->lemma : k->low;
    int32_t first = dict_verb_patterns(d, lemma, nominal);
    char low[128];
    snprintf(low, sizeof low, "%.*s", (int)k->lowlen, k->low);
    return first >= 0 ? first : dict_verb_patterns(d, low, nominal);
}
/* A trace (explain) summed up: its lines and a hash of their text. */
typedef struct { int lines; uint64_t hash; } trace_sum;
static void sum_trace(void *ud, const char *line) {
    trace_sum *ts = ud;
    ts->lines++;
    ts->hash = ts->hash * 31 + strmap_hash(line, strlen(line));
}
/* match_at with and without the word cache's memo of the head (match_at_w, tag_cache_head_memo) finds the same
 * patterns, for heads met first (the memo written) and again (read), with a cache small enough to be trimmed
 * between texts (its indices then name other forms: a stale memo would give another word's patterns), when the
 * token's lemma changes to another of its form's (the memo keeps its kind) or to one made for it (no memo), and
 * for a second dictionary (which gets no memo: the first one owns them). Every memo written holds the map's
 * answer for the token's lemma. */
static void test_head_memo(void **state) {
    fx *f = *state;
    const dyad_dict *d = tu_dict();
    char err[256];
    dyad_dict *d2 = dyad_dict_load("dict", err, sizeof err);
    if (!d2) fprintf(stderr, "test_head_memo: text dictionaries: %s\n", err);
    assert_non_null(d2);
    static const char *const texts[] = {
        "Rebels attacked the convoy and soldiers fired on protesters after the talks.",
        "The ministers met and signed an accord; the attack was condemned by the envoys.",
        "Police arrested the leaders who had protested, and the government threatened sanctions.",
        "Officials accused the army of attacks; negotiators visited the capital for a meeting."};
    tag_cache *c = tag_cache_new_max(30);
    assert_non_null(c);
    int memos = 0, hits = 0;
    for (int round = 0; round < 3; round++)
        for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
            arena_reset(&f->a);
            tag_cache_trim(c); /* a new window */
            token_list b;
            assert_non_null(tu_tokenize(&f->a, texts[k], &b));
            tag_sentence_c(&f->a, c, b.v, 0, b.n);
            for (size_t i = 0; i < b.n; i++)
                for (int lem = 0; lem < 3; lem++) {
                    token *t = &b.v[i];
                    const char *keep = t->lemma;
                    if (lem == 1) t->lemma = t->low; /* another lemma of the form: the form itself */
                    if (lem == 2) t->lemma = arena_strdup(&f->a, keep ? keep : t->low); /* one made for this token */
                    for (int nominal = 0; nominal < 2; nominal++)
                        for (int pass = 0; pass < 2; pass++) /* written, then read */
                            for (int di = 0; di < 2; di++) {
                                const dyad_dict *dd = di ? d2 : d;
                                pmatch a[MATCH_MAX], m[MATCH_MAX];
                                int na = match_at(dd, b.v, i, b.n, nominal, 0, a, MATCH_MAX, NULL, NULL);
                                int nm = match_at_w(dd, c, b.v, i, b.n, nominal, 0, m, MATCH_MAX, NULL, NULL);
                                assert_int_equal(na, nm);
                                for (int q = 0; q < na; q++) {
                                    assert_ptr_equal(a[q].p, m[q].p);
                                    assert_int_equal(a[q].score, m[q].score);
                                    assert_int_equal(a[q].last, m[q].last);
                                }
                                /* explain's trace walks the chain from its first pattern: the same lines with the memo */
                                trace_sum ta = {0, 0}, tm = {0, 0};
                                match_at(dd, b.v, i, b.n, nominal, 0, a, MATCH_MAX, sum_trace, &ta);
                                match_at_w(dd, c, b.v, i, b.n, nominal, 0, m, MATCH_MAX, sum_trace, &tm);
                                assert_int_equal(ta.lines, tm.lines);
                                assert_int_equal(ta.hash, tm.hash);
                                unsigned kind = 0;
                                int32_t *memo = tag_cache_head_memo(c, t, nominal, dd, &kind);
                                if (di) { assert_null(memo); continue; } /* d owns the memos */
                                if (t->kind != TK_WORD || lem == 2) { assert_null(memo); continue; }
                                assert_non_null(memo);
                                /* the tagger's lemmas are the entry's: a verb's is its verb lemma (kind 2), a
                                   noun's its noun lemma (kind 3), the form's own when the lemma is the form */
                                if (t->lemma == t->low) assert_int_equal(kind, 1);
                                else if (t->tag == TG_VERB) assert_int_equal(kind, 2);
                                else if (t->tag == TG_NOUN) assert_int_equal(kind, 3);
                                assert_int_equal((unsigned)(*memo & 3), kind);
                                /* the record of the head's run of links (bit 2: dict_head_groups) when it has
                                   one, else the first pattern */
                                int32_t first = head_oracle(d, t, nominal), v = (*memo >> 3) - 1;
                                if (*memo & 4) {
                                    assert_true(first >= 0);
                                    assert_int_equal(v, dict_head_record(d, d->pats[first].link));
                                    assert_int_equal(dict_head_groups(d, v)->link, d->pats[first].link);
                                    hits++;
                                } else {
                                    assert_int_equal(v, first);
                                    assert_true(first < 0 || !d->links || d->pats[first].link < 0 ||
                                                dict_head_record(d, d->pats[first].link) < 0);
                                }
                                memos++;
                            }
                    t->lemma = keep;
                }
        }
    assert_true(memos > 0);
    assert_true(hits > 0); /* some heads have patterns */
    tag_cache_free(c);
    dyad_dict_free(d2);
}

/* A form's three memos (the actor stage's, the verb head's and the noun head's) share its cache entry: each is its
 * own, for every form, across the cache's growth (its entries move) and a trim (its indices are reused, the memos
 * read 0 again). Fails when two memos overlap or a new entry keeps an old one's memos. */
static void test_memos_apart(void **state) {
    fx *f = *state;
    int owner;
    tag_cache *c = tag_cache_new_max(6000);
    assert_non_null(c);
    char text[96];
    for (int round = 0; round < 2; round++) {
        token *v = malloc(5000 * sizeof *v);
        assert_non_null(v);
        size_t nv = 0;
        for (int r = 0; r < 1000; r++) { /* 5,000 forms: the entries move as the cache grows */
            snprintf(text, sizeof text, "blorp%d attacks%d talks%d tremendously%d signed%d", r, r, r, r, r);
            tag(f, text);
            tag_sentence_c(&f->a, c, f->tl.v, 0, f->tl.n);
            memcpy(v + nv, f->tl.v, f->tl.n * sizeof *v); /* (their text is gone with the next tag(): the memos
                                                                read only wix and the lemma's pointer) */
            nv += f->tl.n;
        }
        for (int pass = 0; pass < 2; pass++) /* written, then read (after every form was added) */
            for (size_t i = 0; i < nv; i++) {
                token *t = &v[i];
                t->lemma = t->low; /* kind 1 for every form */
                unsigned k0 = 0, k1 = 0;
                int32_t *a = tag_cache_memo(c, t, &owner), *h0 = tag_cache_head_memo(c, t, 0, &owner, &k0),
                        *h1 = tag_cache_head_memo(c, t, 1, &owner, &k1);
                assert_non_null(a);
                assert_non_null(h0);
                assert_non_null(h1);
                assert_true(a != h0 && a != h1 && h0 != h1);
                assert_int_equal(k0, 1);
                int32_t x = (int32_t)t->wix * 4;
                if (pass == 0) {
                    assert_int_equal(*a, 0); /* a new entry's memos read 0 (round 1: after a trim) */
                    assert_int_equal(*h0, 0);
                    assert_int_equal(*h1, 0);
                    *a = x + 1, *h0 = x + 2, *h1 = x + 3;
                } else {
                    assert_int_equal(*a, x + 1);
                    assert_int_equal(*h0, x + 2);
                    assert_int_equal(*h1, x + 3);
                }
            }
        free(v);
        for (int r = 0; r < 1000; r++) { /* 1,000 forms more: 6,000, the cache's max, so the trim empties it */
            snprintf(text, sizeof text, "zq%d", r + round * 1000);
            tag(f, text);
            tag_sentence_c(&f->a, c, f->tl.v, 0, f->tl.n);
        }
        tag_cache_trim(c);
    }
    tag_cache_free(c);
}

/* The word cache gives the same tags and lemmas as the uncached tagger, and a full cache is emptied only
 * between windows (tag_cache_trim): it used to start again inside a sentence once full, leaving the lemmas of
 * the sentence's earlier words pointing at memory then reused for later words. A cache of 4 forms is full
 * after the fourth word here. */
static void test_cache_same_as_uncached_and_trim(void **state) {
    fx *f = *state;
    static const char *const texts[] = {"The armies of both countries were attacking villages and burning houses.",
                                        "Rebels have seized the towns that the soldiers had abandoned.",
                                        "That deal was signed by the ministers, who did not comment."};
    tag_cache *c = tag_cache_new_max(4);
    assert_non_null(c);
    for (int round = 0; round < 2; round++)
        for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
            tag(f, texts[k]); /* uncached */
            size_t n = f->tl.n;
            token *cached = malloc(n * sizeof *cached);
            assert_non_null(cached);
            memcpy(cached, f->tl.v, n * sizeof *cached);
            tag_cache_trim(c); /* a new window: nothing tagged with the cache is alive */
            tag_sentence_c(&f->a, c, cached, 0, n);
            /* tag a few more words with the same cache before looking: the lemmas must still hold */
            size_t m = n < 6 ? n : 6;
            token *more = malloc(m * sizeof *more);
            assert_non_null(more);
            memcpy(more, f->tl.v + (n - m), m * sizeof *more);
            tag_sentence_c(&f->a, c, more, 0, m);
            for (size_t i = 0; i < n; i++) {
                assert_string_equal(tag_names[cached[i].tag], tag_names[f->tl.v[i].tag]);
                assert_string_equal(cached[i].lemma, f->tl.v[i].lemma);
                assert_int_equal(cached[i].vform, f->tl.v[i].vform);
            }
            free(more);
            free(cached);
        }
    tag_cache_free(c);
}

/* The word cache's own table: forms of 16 bytes or fewer are kept in its entries, longer ones outside; the table
 * doubles as forms come (its first holds 4,096). Past that, with forms of both kinds and forms met again after
 * the growth, the cache still gives what the uncached tagger gives; asking the memory for a sentence's slots
 * first (tag_cache_prefetch: with no cache, an empty one, a full one) changes nothing. */
static void test_cache_growth_and_long_forms(void **state) {
    fx *f = *state;
    tag_cache *c = tag_cache_new();
    assert_non_null(c);
    char text[512];
    for (int round = 0; round < 2; round++)
        for (int r = 0; r < 1200; r++) {
            snprintf(text, sizeof text,
                     "The zorbek%da and the quintavelloprimos%d attacked %s of counterinsurgencies%d villages, "
                     "then blexed%d the internationalisations and dispatched%d.",
                     r, r, r % 2 ? "peacekeepers" : "strongholds", r, r, r % 7);
            tag(f, text); /* uncached */
            size_t n = f->tl.n;
            token *cached = malloc(n * sizeof *cached);
            assert_non_null(cached);
            memcpy(cached, f->tl.v, n * sizeof *cached);
            tag_cache_prefetch(NULL, cached, 0, n);
            tag_cache_prefetch(c, cached, 0, n);
            tag_sentence_c(&f->a, c, cached, 0, n);
            for (size_t i = 0; i < n; i++) {
                assert_string_equal(tag_names[cached[i].tag], tag_names[f->tl.v[i].tag]);
                assert_string_equal(cached[i].lemma, f->tl.v[i].lemma);
                assert_int_equal(cached[i].vform, f->tl.v[i].vform);
                assert_int_equal(cached[i].closed, f->tl.v[i].closed);
                assert_int_equal(cached[i].wix != 0, cached[i].kind == TK_WORD || cached[i].kind == TK_NUM);
            }
            free(cached);
        }
    tag_cache_free(c);
}

/* What the later stages read from a tagged token instead of asking again: lbit is the lemma's bit in the pattern
 * filters (strmap_hash % 256, wbit when the lemma is the word itself), closed the word's closed-class tag; with
 * and without the word cache, through the rules that change a lemma after tagging (plural subjects, "wound up",
 * auxiliaries, a noun phrase's retag). */
static void check_token_bits(const token *v, size_t n) {
    for (size_t i = 0; i < n; i++) {
        const token *k = &v[i];
        assert_int_equal(k->wbit, (uint8_t)strmap_hash(k->low, k->lowlen));
        assert_non_null(k->lemma);
        assert_int_equal(k->lbit, (uint8_t)strmap_hash(k->lemma, strlen(k->lemma)));
        assert_int_equal(k->closed, k->kind == TK_WORD || k->kind == TK_NUM ? tag_closed(k->low) : 0);
    }
}

static void test_token_bits_follow_lemma(void **state) {
    fx *f = *state;
    static const char *const texts[] = {"Three Turkish engineers were kidnapped and an air strike killed two men.",
                                        "The delegation wound up its visit; the talks wound down.",
                                        "The government cut off the internet, has been hit and is weighing options.",
                                        "That deal was signed by the ministers, who did not comment on the armies.",
                                        /* participles made adjectives ("its detained leaders"): the lemma is the word */
                                        "Its detained leaders met the promised envoys and 300 displaced families."};
    tag_cache *c = tag_cache_new();
    assert_non_null(c);
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        tag(f, texts[k]); /* uncached */
        check_token_bits(f->tl.v, f->tl.n);
        tag_noun_phrase(&f->a, NULL, f->tl.v, 0, f->tl.n, 1, 3, 0);
        check_token_bits(f->tl.v, f->tl.n);
        tag(f, texts[k]);
        tag_sentence_c(&f->a, c, f->tl.v, 0, f->tl.n);
        check_token_bits(f->tl.v, f->tl.n);
        tag_noun_phrase(&f->a, c, f->tl.v, 0, f->tl.n, 0, 2, 1);
        check_token_bits(f->tl.v, f->tl.n);
    }
    tag_cache_free(c);
}

/* The memo of a pair of forms (tag_cache_memo2) is keyed by both tokens' cache indices: a pair reads what it
 * wrote, or 0 once another pair took its place, never another pair's value; the order of the two matters; one
 * owner; it is emptied when the cache is trimmed (the indices then name other forms), and tokens the cache
 * does not know (wix 0, or an index past its forms) have none. */
static void test_pair_memo(void **state) {
    fx *f = *state;
    int owner, other;
    tag_cache *c = tag_cache_new_max(3000);
    assert_non_null(c);
    char text[64];
    for (int r = 0; r < 2900; r++) { /* 2,900 forms: indices 1..2900 */
        snprintf(text, sizeof text, "qorv%d", r);
        tag(f, text);
        tag_sentence_c(&f->a, c, f->tl.v, 0, f->tl.n);
    }
    token a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    assert_null(tag_cache_memo2(c, &a, &b, &owner)); /* no index */
    a.wix = 5;
    b.wix = 4000;
    assert_null(tag_cache_memo2(c, &a, &b, &owner)); /* past the cache's forms */
    b.wix = 7;
    int32_t *m = tag_cache_memo2(c, &a, &b, &owner);
    assert_non_null(m);
    assert_int_equal(*m, 0);
    *m = 77;
    assert_int_equal(*tag_cache_memo2(c, &a, &b, &owner), 77);
    assert_null(tag_cache_memo2(c, &a, &b, &other));
    assert_null(tag_cache_memo(c, &a, &other)); /* one owner for both memos */
    assert_int_equal(*tag_cache_memo2(c, &b, &a, &owner), 0); /* (7, 5) is another pair */
    /* every pair writes its own value; each reads it or 0 */
    int kept = 0;
    for (uint32_t x = 1; x <= 2900; x += 7)
        for (uint32_t y = 1; y <= 2900; y += 131) {
            a.wix = x, b.wix = y;
            m = tag_cache_memo2(c, &a, &b, &owner);
            assert_non_null(m);
            assert_true(*m == 0 || *m == (int32_t)(x * 4096 + y));
            *m = (int32_t)(x * 4096 + y);
        }
    for (uint32_t x = 1; x <= 2900; x += 7)
        for (uint32_t y = 1; y <= 2900; y += 131) {
            a.wix = x, b.wix = y;
            m = tag_cache_memo2(c, &a, &b, &owner);
            assert_true(*m == 0 || *m == (int32_t)(x * 4096 + y));
            kept += *m != 0;
        }
    assert_true(kept > 100);
    /* full: trimmed, then the same indices name new forms and their pairs are unknown */
    for (int r = 0; r < 200; r++) {
        snprintf(text, sizeof text, "zelt%d", r);
        tag(f, text);
        tag_sentence_c(&f->a, c, f->tl.v, 0, f->tl.n);
    }
    tag_cache_trim(c);
    tag(f, "zelt1 qorv2 zelt3");
    tag_sentence_c(&f->a, c, f->tl.v, 0, f->tl.n);
    assert_int_equal(f->tl.v[0].wix, 1); /* indices from the start again */
    for (uint32_t x = 1; x <= 3; x++)
        for (uint32_t y = 1; y <= 3; y++) {
            a.wix = x, b.wix = y;
            m = tag_cache_memo2(c, &a, &b, &owner);
            assert_non_null(m);
            assert_int_equal(*m, 0);
        }
    tag_cache_free(c);
}

/* "that" before a word that can only be a noun is a determiner after a preposition, or after a word that is no
 * verb, noun or punctuation; else it stays a subordinator. The same with the word cache (a form met again) as
 * without: the tagger asks for the word "that" only among the words whose closed tag is TG_SUB. */
static void test_that_determiner(void **state) {
    fx *f = *state;
    static const char *const S[] = {"Officials in that country protested.", "They said that rebels attacked.",
                                    "Because that country refused, talks failed."};
    static const int want[] = {TG_DET, TG_SUB, TG_DET};
    tag_cache *c = tag_cache_new();
    assert_non_null(c);
    for (int round = 0; round < 3; round++)
        for (size_t k = 0; k < sizeof S / sizeof S[0]; k++) {
            arena_reset(&f->a);
            if (round == 0) f->text = tu_tag(&f->a, S[k], &f->tl);
            else {
                f->text = tu_tokenize(&f->a, S[k], &f->tl);
                assert_non_null(f->text);
                tag_sentence_c(&f->a, c, f->tl.v, 0, f->tl.n);
            }
            assert_non_null(f->text);
            expect(f, "that", want[k], NULL);
        }
    tag_cache_free(c);
}

static void test_tag_closed(void **state) {
    (void)state;
    assert_int_equal(tag_closed("the"), TG_DET);
    assert_int_equal(tag_closed("will"), TG_MODAL);
    assert_int_equal(tag_closed("n't"), TG_NEG);
    assert_int_equal(tag_closed("which"), TG_REL);
    assert_int_equal(tag_closed("against"), TG_PREP);
    assert_int_equal(tag_closed("to"), TG_TO);
    assert_int_equal(tag_closed("because"), TG_SUB);
    assert_int_equal(tag_closed("that"), TG_SUB); /* tag_sentence_c asks for "that" only among the TG_SUB words */
    assert_int_equal(tag_closed("attack"), 0);
    assert_int_equal(tag_closed("The"), 0); /* lower-case keys only */
    /* the longest words, kept in the table's 11 bytes with their NUL; the first and last entries */
    assert_int_equal(tag_closed("themselves"), TG_PRON);
    assert_int_equal(tag_closed("throughout"), TG_PREP);
    assert_int_equal(tag_closed("themselvesx"), 0);
    assert_int_equal(tag_closed("'d"), TG_MODAL);
    assert_int_equal(tag_closed("yourself"), TG_PRON);
}

/* The tagger's later passes (the second pass, the noun-phrase retag, the plural subjects, the "that" rule) take a
 * token's analysis by its index in the cache (token.wix), not by a second probe, and a closed word's tag from the
 * token (token.closed, set by the first pass): for phrases retagged after the cache has grown
 * (its entries moved) and after other sentences added forms, the tags, lemmas and forms are those of the uncached
 * tagger. Fails when the index names another entry. */
static void test_retag_by_index(void **state) {
    fx *f = *state;
    static const char *const S[] = {"Pakistani troops shelled the border and Kurdish demands grew.",
                                    "Israeli shelling killed three people; the car bomb exploded near that market.",
                                    "Three Turkish engineers were kidnapped and the army post attacks resumed.",
                                    /* closed words: auxiliaries (their lemma from the entry), "that" before a noun */
                                    "The envoy has said they did not go, and that deal was off in that country."};
    tag_cache *c = tag_cache_new();
    assert_non_null(c);
    char text[64];
    for (size_t k = 0; k < sizeof S / sizeof S[0]; k++)
        for (size_t ms = 0; ms < 4; ms++)
            for (size_t len = 1; len <= 2; len++) {
                arena_reset(&f->a);
                token_list a, b;
                assert_non_null(tu_tokenize(&f->a, S[k], &a));
                assert_non_null(tu_tokenize(&f->a, S[k], &b));
                tag_sentence(&f->a, a.v, 0, a.n);
                tag_sentence_c(&f->a, c, b.v, 0, b.n);
                for (int r = 0; r < 700; r++) { /* other forms: the cache grows and its entries move */
                    token_list o;
                    snprintf(text, sizeof text, "frell%zu_%zu_%zu_%d", k, ms, len, r);
                    assert_non_null(tu_tokenize(&f->a, text, &o));
                    tag_sentence_c(&f->a, c, o.v, 0, o.n);
                }
                tag_noun_phrase(&f->a, NULL, a.v, 0, a.n, ms, ms + len, len == 1);
                tag_noun_phrase(&f->a, c, b.v, 0, b.n, ms, ms + len, len == 1);
                for (size_t i = 0; i < a.n; i++) {
                    assert_int_equal(a.v[i].tag, b.v[i].tag);
                    assert_string_equal(a.v[i].lemma, b.v[i].lemma);
                    assert_int_equal(a.v[i].vform, b.v[i].vform);
                    assert_int_equal(a.v[i].lbit, b.v[i].lbit);
                }
            }
    tag_cache_free(c);
}

/* The pass after tagging (plural subjects, "since" between an auxiliary and its participle, "wound up") visits the
 * verbs and prepositions the second pass noted for the first 64 tokens of a sentence and tests every token past
 * them: in a long sentence, the same clause gives the same tags, lemmas and forms wherever it falls, before, across
 * and after token 64, with and without the word cache. Fails when a noted token is skipped or the wrong one is. */
static void test_fix_pass_long_sentence(void **state) {
    fx *f = *state;
    static const char *const unit = "; three engineers were kidnapped , police have since stormed it and they will wound up the visit";
    tag_cache *c = tag_cache_new();
    assert_non_null(c);
    char text[2048];
    for (int cached = 0; cached < 2; cached++)
        for (int shift = 0; shift < 20; shift++) {
            size_t n = 0;
            n += (size_t)snprintf(text + n, sizeof text - n, "Officials");
            for (int q = 0; q < shift; q++) n += (size_t)snprintf(text + n, sizeof text - n, " again");
            for (int u = 0; u < 6; u++) n += (size_t)snprintf(text + n, sizeof text - n, " %s", unit);
            arena_reset(&f->a);
            assert_non_null(tu_tokenize(&f->a, text, &f->tl));
            if (cached) tag_sentence_c(&f->a, c, f->tl.v, 0, f->tl.n);
            else tag_sentence(&f->a, f->tl.v, 0, f->tl.n);
            assert_true(f->tl.n > 64 + 40);
            size_t first = 0, len = 0; /* the first unit: from its ";" to the next */
            for (size_t i = 0; i < f->tl.n; i++)
                if (f->tl.v[i].low[0] == ';') {
                    if (len == 0 && first) len = i - first;
                    if (!first) first = i;
                }
            assert_true(len > 10);
            int since = 0, wind = 0;
            for (size_t i = first; i < f->tl.n; i++) {
                const token *a = &f->tl.v[first + (i - first) % len], *b = &f->tl.v[i];
                assert_string_equal(a->low, b->low);
                assert_int_equal(a->tag, b->tag);
                assert_string_equal(a->lemma, b->lemma);
                assert_int_equal(a->vform, b->vform);
                since += !strcmp(b->low, "since") && b->tag == TG_ADV;
                wind += !strcmp(b->low, "wound") && !strcmp(b->lemma, "wind");
            }
            assert_int_equal(since, 6); /* the rules fired in every unit */
            assert_int_equal(wind, 6);
        }
    tag_cache_free(c);
}

static void test_noun_phrase_retag(void **state) {
    fx *f = *state;
    /* the actor stage says tokens [1, 3) are one noun phrase: its words become nouns */
    tag(f, "Despite Western actions, talks went on.");
    int k = tu_find(&f->tl, "actions");
    assert_true(k == 2);
    tag_noun_phrase(&f->a, NULL, f->tl.v, 0, f->tl.n, 1, 3, 0);
    expect(f, "actions", TG_NOUN, "action");
    assert_int_equal(f->tl.v[k].vform, 0);
    expect(f, "went", TG_VERB, "go");
}

static void test_lex_lemma(void **state) {
    (void)state;
    char out[64], form = 0;
    assert_int_equal(lex_lemma("fought", 6, LEX_V, out, sizeof out, &form), 1);
    assert_string_equal(out, "fight");
    assert_int_equal(lex_lemma("attacking", 9, LEX_V, out, sizeof out, &form), 1);
    assert_string_equal(out, "attack");
    assert_int_equal(form, 'g');
    assert_int_equal(lex_lemma("talks", 5, LEX_N, out, sizeof out, &form), 1);
    assert_int_equal(lex_lemma("the", 3, LEX_V, out, sizeof out, &form), 0);
    assert_non_null(lex_lookup("attack", 6));
    assert_null(lex_lookup("blorfed", 7));
    /* the table's slots keep the high half of each word's hash: every word is found at its own entry (the hash
       halves are right), a prefix or an extension of a word is not (the strings are still compared) */
    size_t slots = 0;
    for (size_t i = 0; i < lex_cap; i++) slots += lex_table[i].i >= 0;
    assert_int_equal(slots, lex_n);
    for (size_t i = 0; i < lex_n; i++) {
        const char *w = lex_strings + lex_entries[i].w;
        size_t n = strlen(w);
        if (n > 60) continue;
        assert_ptr_equal(lex_lookup(w, n), &lex_entries[i]);
        char x[64];
        memcpy(x, w, n);
        x[n] = 'q';
        const lex_entry *e = lex_lookup(x, n + 1);
        assert_true(!e || strncmp(lex_strings + e->w, x, n + 1) == 0);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_plural_noun_after_adjective_is_noun, setup, teardown),
        cmocka_unit_test_setup_teardown(test_regular_past_lemma, setup, teardown),
        cmocka_unit_test_setup_teardown(test_irregular_past_lemma, setup, teardown),
        cmocka_unit_test_setup_teardown(test_determiner_then_noun, setup, teardown),
        cmocka_unit_test_setup_teardown(test_infinitive_is_verb, setup, teardown),
        cmocka_unit_test_setup_teardown(test_third_person_after_subject_is_verb, setup, teardown),
        cmocka_unit_test_setup_teardown(test_modal_negation_and_auxiliaries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_plural_subject_before_auxiliary, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_class_fallbacks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_possessive_then_gerund_noun, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_read_past_sentence_end, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cache_same_as_uncached_and_trim, setup, teardown),
        cmocka_unit_test_setup_teardown(test_token_bits_follow_lemma, setup, teardown),
        cmocka_unit_test(test_tag_closed),
        cmocka_unit_test_setup_teardown(test_that_determiner, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cache_growth_and_long_forms, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pair_memo, setup, teardown),
        cmocka_unit_test_setup_teardown(test_head_memo, setup, teardown),
        cmocka_unit_test_setup_teardown(test_memos_apart, setup, teardown),
        cmocka_unit_test_setup_teardown(test_noun_phrase_retag, setup, teardown),
        cmocka_unit_test_setup_teardown(test_retag_by_index, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fix_pass_long_sentence, setup, teardown),
        cmocka_unit_test(test_lex_lemma),
    };
    return cmocka_run_group_tests_name("tagger", tests, NULL, NULL);
}
