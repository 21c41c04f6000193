/* test_dict.c -- dictionaries: the built-in set, loading a directory, errors, lint, stats (src/dict). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "dict/dict.h"
#include "pattern/pattern.h"
#include "tag/tagger.h"
#include "tag/lexicon.h"
#include <regex.h>

/* A small but complete dictionary directory. */
static const char CODES[] = "# test codes\n"
                            "code\troot\tgoldstein\tquad\tplover\tmode\n"
                            "04\t04\t1.0\t1\t\t\n"
                            "040\t04\t1.0\t1\tCONSULT\t\n"
                            "042\t04\t1.9\t1\tCONSULT\tvisit\n"
                            "11\t11\t-2.0\t3\t\t\n"
                            "111\t11\t-2.0\t3\tACCUSE\tdisapprove\n"
                            "18\t18\t-9.0\t4\t\t\n"
                            "180\t18\t-9.0\t4\tASSAULT\t\n"
                            "19\t19\t-10.0\t4\t\t\n"
                            "190\t19\t-10.0\t4\tASSAULT\t\n";
static const char VERBS[] = "# verbs\n"
                            "190 : attack ; assault\n"
                            "111 : criticize ; condemn\n"
                            "042 : visit\n";
static const char ACTORS[] = "country RUR : Ruritania\n"
                             "country FRD : Freedonia\n"
                             "demonym RUR : Ruritanian ; Ruritanians\n"
                             "agent GOV : government ; officials\n"
                             "person RUR GOV 1990-01-01 2000-12-31 : Rudolf Rassendyll ; Rassendyll\n";

typedef struct fx {
    char *dir;
} fx;

static int setup(void **state) {
    fx *f = calloc(1, sizeof *f);
    if (!f) return -1;
    f->dir = tu_mkdtemp();
    if (!f->dir) { free(f); return -1; }
    if (tu_write_file(f->dir, "cameo-codes.tsv", CODES, (size_t)-1) || tu_write_file(f->dir, "verbs/a.txt", VERBS, (size_t)-1) ||
        tu_write_file(f->dir, "actors/a.txt", ACTORS, (size_t)-1))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fx *f = *state;
    tu_rmtree(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

/* Load F->dir expecting failure; checks the message is "DIR/REL:LINE: ...WHAT..." and returns it. */
static void expect_load_error(fx *f, const char *rel, int line, const char *what) {
    char err[512] = "";
    dyad_dict *d = dyad_dict_load(f->dir, err, sizeof err);
    if (d) dyad_dict_free(d);
    assert_null(d);
    char prefix[1200];
    snprintf(prefix, sizeof prefix, "%s/%s:%d: ", f->dir, rel, line);
    if (strncmp(err, prefix, strlen(prefix)) != 0 || !strstr(err, what))
        fprintf(stderr, "message: '%s'\nexpected: '%s...%s...'\n", err, prefix, what);
    assert_int_equal(strncmp(err, prefix, strlen(prefix)), 0);
    assert_non_null(strstr(err, what));
}

static void test_builtin_loads(void **state) {
    (void)state;
    const dyad_dict *d = tu_dict();
    int32_t k = dict_code(d, "042");
    assert_true(k >= 0);
    const code_info *ci = dict_code_info(d, k);
    assert_non_null(ci);
    assert_string_equal(ci->code, "042");
    assert_string_equal(ci->root, "04");
    assert_int_equal(ci->quad, 1);
    assert_float_equal(ci->goldstein, 1.9, 1e-6);
    assert_string_equal(ci->plover, "CONSULT");
    assert_true(dict_code(d, "999") < 0);
    assert_null(dict_code_info(d, -1));
    /* a second load is independent and equal */
    char err[256] = "";
    dyad_dict *d2 = dyad_dict_load(NULL, err, sizeof err);
    assert_non_null(d2);
    assert_int_equal(d2->n_pats, d->n_pats);
    dyad_dict_free(d2);
    dyad_dict_free(NULL); /* harmless */
}

static void test_builtin_lookups(void **state) {
    (void)state;
    const dyad_dict *d = tu_dict();
    int32_t p = dict_verb_patterns(d, "meet", 0);
    assert_true(p >= 0);
    /* every pattern on the chain has the head it was filed under */
    for (; p >= 0; p = d->pats[p].next) {
        assert_string_equal(d->pats[p].head, "meet");
        assert_int_equal(d->pats[p].nominal, 0);
    }
    assert_true(dict_verb_patterns(d, "attack", 1) >= 0); /* n:attack on */
    assert_true(dict_verb_patterns(d, "zzzz", 0) < 0);
    assert_true(strmap_get(&d->names, "uzbekistan", 10) >= 0);
    assert_true(strmap_get(&d->names, "tashkent", 8) >= 0);
    assert_true(dict_is_modal(d, MOD_REFUSE, "refuse"));
    assert_false(dict_is_modal(d, MOD_REFUSE, "attack"));
}

/* dict_is_modal's filter of first bytes (dict_index_modals) answers as the maps do: every key of every class, and
 * every word of the lexicon, for both the built-in image and the text of dict/ */
static void modal_filter_check(const dyad_dict *d) {
    assert_int_equal(d->modal_indexed, 1);
    int keys = 0;
    for (int cls = 0; cls < MOD__COUNT; cls++)
        for (size_t i = 0; i < d->modal_verbs[cls].cap; i++) {
            uint32_t len;
            const char *key = strmap_key_at(&d->modal_verbs[cls], i, &len);
            if (!key) continue;
            char w[128];
            assert_true(len < sizeof w);
            memcpy(w, key, len);
            w[len] = 0;
            assert_true(dict_is_modal(d, cls, w));
            /* the token's bit of the lemma (strmap_hash % 256, as the tagger's lbit) lets every key through */
            assert_true(dict_is_modal_b(d, cls, w, (uint8_t)strmap_hash(w, len)));
            keys++;
        }
    assert_true(keys > 100);
    int yes = 0;
    for (size_t i = 0; i < lex_n; i++) {
        const char *w = lex_strings + lex_entries[i].w;
        for (int cls = 0; cls < MOD__COUNT; cls++) {
            int want = strmap_get(&d->modal_verbs[cls], w, strlen(w)) >= 0;
            assert_int_equal(dict_is_modal(d, cls, w), want);
            assert_int_equal(dict_is_modal_b(d, cls, w, (uint8_t)strmap_hash(w, strlen(w))), want);
            yes += want;
        }
    }
    assert_true(yes > 100);
    static const char *const odd[] = {"", "a", "re", "ref", "refu", "refus", "refusee", "sai", "say", "says", NULL};
    for (const char *const *w = odd; *w; w++)
        for (int cls = 0; cls < MOD__COUNT; cls++)
            assert_int_equal(dict_is_modal(d, cls, *w), strmap_get(&d->modal_verbs[cls], *w, strlen(*w)) >= 0);
}
static void test_modal_filter_exact(void **state) {
    (void)state;
    modal_filter_check(tu_dict());
    char err[256];
    dyad_dict *txt = dyad_dict_load("dict", err, sizeof err);
    if (!txt) fail_msg("%s", err);
    modal_filter_check(txt);
    dyad_dict_free(txt);
}

/* dict_name_prefix answers in one probe of `prefixes` what the scan asked of `prefixes` and then of `names`: for
 * every key of either map, a name's first actor entry is the one `names` holds, a proper prefix of a longer name
 * has bit 0 and every other key none, for the built-in image and for the text of dict/; a key neither map has
 * is no prefix (fails when dict_index_names keeps no entry or a wrong one) */
static void name_prefix_check(const dyad_dict *d) {
    size_t names = 0, prefixes = 0;
    strmap proper; /* every proper prefix of a name ("a b" of "a b c"), made here from the names */
    strmap_init(&proper);
    for (size_t j = 0; j < d->names.cap; j++) {
        uint32_t l2;
        const char *k2 = strmap_key_at(&d->names, j, &l2);
        for (uint32_t q = 0; k2 && q < l2; q++)
            if (k2[q] == ' ') assert_non_null(strmap_put(&proper, k2, q, 1, NULL));
    }
    const strmap *maps[2] = {&d->names, &d->prefixes};
    for (int m = 0; m < 2; m++)
        for (size_t i = 0; i < maps[m]->cap; i++) {
            uint32_t len;
            const char *key = strmap_key_at(maps[m], i, &len);
            if (!key) continue;
            int32_t idx, pv = dict_name_prefix(d, key, len, strmap_hash(key, len), &idx);
            int32_t want = strmap_get(&d->names, key, len);
            assert_true(pv >= 0);
            assert_int_equal(idx, want);
            assert_int_equal(!!(pv & 2), want >= 0);
            assert_int_equal(pv & 1, strmap_get(&proper, key, len) >= 0);
            if (m == 0) names++;
            else prefixes += !(pv & 2);
        }
    strmap_free(&proper);
    assert_true(names > 1000 && prefixes > 100);
    int32_t idx = 7;
    assert_int_equal(dict_name_prefix(d, "zzqx vvw", 8, strmap_hash("zzqx vvw", 8), &idx), -1);
    assert_int_equal(idx, -1);
}
static void test_name_prefix_one_probe(void **state) {
    (void)state;
    name_prefix_check(tu_dict());
    char err[256];
    dyad_dict *txt = dyad_dict_load("dict", err, sizeof err);
    if (!txt) fail_msg("%s", err);
    name_prefix_check(txt);
    dyad_dict_free(txt);
}

static void test_builtin_stats_and_codes(void **state) {
    (void)state;
    const dyad_dict *d = tu_dict();
    dyad_dict_stats s;
    dyad_dict_get_stats(d, &s);
    assert_true(s.verb_patterns > 1000);
    assert_true(s.event_codes > 200);
    assert_true(s.verb_codes_covered > 0 && s.verb_codes_covered <= s.event_codes);
    assert_true(s.countries > 150);
    assert_true(s.country_names >= s.countries);
    assert_true(s.organizations > 0);
    assert_true(s.groups > 0);
    assert_true(s.agents > 0);
    assert_true(s.people > 0);
    assert_true(s.regions > 0);
    assert_true(s.actor_names > 0);
    /* the code table iterates exactly event_codes codes */
    size_t n = 0;
    while (dyad_dict_code_at(d, n)) n++;
    assert_int_equal(n, s.event_codes);
    assert_true(dyad_dict_patterns_for(d, "040") > 0);
    assert_int_equal(dyad_dict_patterns_for(d, "04"), 0);
}

static void count_msg(void *ud, const char *msg) {
    char **last = ud;
    free(*last);
    *last = strdup(msg);
}

static void test_directory_loads_and_codes(void **state) {
    fx *f = *state;
    char err[512] = "";
    dyad_dict *d = dyad_dict_load(f->dir, err, sizeof err);
    if (!d) fprintf(stderr, "%s\n", err);
    assert_non_null(d);
    dyad_dict_stats s;
    dyad_dict_get_stats(d, &s);
    assert_int_equal(s.event_codes, 9);
    assert_int_equal(s.verb_patterns, 5);
    /* 190, 111 and 042 have patterns; the root heading 19 is covered through 190, while 04, 11 and 18 are not
     * (040, 110 and 180 have none) */
    assert_int_equal(s.verb_codes_covered, 4);
    assert_int_equal(s.root_codes_via_x0, 1);
    assert_int_equal(s.countries, 2);
    assert_int_equal(s.people, 2); /* counted per name, like agents */
    assert_int_equal(s.agents, 2);
    /* the loaded set codes a sentence */
    dyad_coder *c = dyad_coder_new(d);
    assert_non_null(c);
    const dyad_result *r;
    TU_CODE(c, "Ruritania attacked Freedonia.", "1995-06-01", r);
    assert_int_equal(r->n_events, 1);
    assert_string_equal(r->events[0].cameo, "190");
    assert_string_equal(r->events[0].source.code, "RUR");
    assert_string_equal(r->events[0].target.code, "FRD");
    char *last = NULL;
    assert_int_equal(dyad_dict_check(d, count_msg, &last), 0);
    assert_null(last);
    dyad_coder_free(c);
    dyad_dict_free(d);
}

/* Collects the "event:" lines of an explanation. */
static void keep_event_lines(void *ud, const char *msg) {
    char *buf = ud;
    if (strncmp(msg, "event:", 6) == 0 && strlen(buf) + strlen(msg) + 2 < 1024) {
        strcat(buf, msg);
        strcat(buf, "\n");
    }
}

/* A head's patterns are walked in groups by their longest word (pat_link), not in the order they were loaded:
 * the best pattern must be the one the chain in its own order gives (explain walks it so), and a tie between
 * two patterns of as many words and digits goes to the one loaded last, whatever the grouping. 300 patterns
 * on "call" whose words never occur make the groups that are passed over. */
static void test_pattern_groups_same_as_chain(void **state) {
    fx *f = *state;
    char verbs[16384];
    /* the ties: two patterns of three words ending on the same word, in different groups (their longest
       words differ), loaded in one order for "call" and in the other for "urge": whichever order the groups
       are walked in, one of the two heads walks them against the order of its chain */
    size_t o = (size_t)snprintf(verbs, sizeof verbs,
                                "111 : call on\n040 : call for\n111 : call zqlongword talk\n042 : call for talk\n"
                                "042 : urge for talk\n111 : urge zqlongword talk\n");
    for (int k = 0; k < 300 && o < sizeof verbs - 64; k++) o += (size_t)snprintf(verbs + o, sizeof verbs - o, "180 : call for zq%dword\n", k);
    assert_int_equal(tu_write_file(f->dir, "verbs/a.txt", verbs, (size_t)-1), 0);
    char err[512] = "";
    dyad_dict *d = dyad_dict_load(f->dir, err, sizeof err);
    if (!d) fprintf(stderr, "%s\n", err);
    assert_non_null(d);
    dyad_coder *c = dyad_coder_new(d);
    assert_non_null(c);
    static const struct { const char *text, *code; } cases[] = {
        {"Ruritania called for talks with Freedonia.", "042"},     /* three words beat two */
        {"Ruritania called for help from Freedonia.", "040"},      /* the 300 of the same group do not match */
        {"Ruritania called on Freedonia.", "111"},
        {"Ruritania called for zq7word from Freedonia.", "180"},   /* a pattern deep in the group */
        {"Ruritania called zqlongword for talks with Freedonia.", "042"}, /* the ties: the pattern loaded last */
        {"Ruritania urged zqlongword for talks with Freedonia.", "111"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const dyad_result *r;
        TU_CODE(c, cases[k].text, "1995-06-01", r);
        if (r->n_events < 1 || strcmp(r->events[0].cameo, cases[k].code))
            fprintf(stderr, "'%s': %s, expected %s\n", cases[k].text, r->n_events ? r->events[0].cameo : "no event", cases[k].code);
        assert_true(r->n_events >= 1);
        assert_string_equal(r->events[0].cameo, cases[k].code);
        char lines[1024] = "", want[64];
        assert_true(dyad_explain(c, cases[k].text, "1995-06-01", keep_event_lines, lines, err, sizeof err) >= 1);
        snprintf(want, sizeof want, " %s (", cases[k].code);
        if (!strstr(lines, want)) fprintf(stderr, "explain of '%s':\n%s", cases[k].text, lines);
        assert_non_null(strstr(lines, want));
    }
    dyad_coder_free(c);
    dyad_dict_free(d);
}

/* ---- the heads' records of groups (dict_index_heads, head_candidates) ---- */

typedef size_t (*cand_fn)(const dyad_dict *d, int32_t at, const pat_window *w, int negated, size_t from,
                          const pat_link **cand, size_t max);
/* Every candidate a walk gives (its pattern), asked 3 at a time (so that from/max are used): returns how many. */
static size_t all_candidates(cand_fn fn, const dyad_dict *d, int32_t at, const pat_window *w, int negated, int32_t *out,
                             size_t cap) {
    size_t n = 0;
    for (;;) {
        assert_true(n + 3 <= cap);
        const pat_link *c[3];
        size_t k = fn(d, at, w, negated, n, c, 3);
        for (size_t i = 0; i < k; i++) out[n + i] = c[i]->pat;
        n += k;
        if (k < 3) return n;
    }
}
static int cmp_i32(const void *a, const void *b) {
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}
static int word_bit(const char *w) { return (int)(strmap_hash(w, strlen(w)) % LINK_BITS); }
/* The reference, from the patterns themselves: the head's chain, each pattern whose every word's bit is in the
 * window's wset, each pre-modifier's bit that of the word or lemma at its place before the head, and whose
 * negation fits, in index order. */
static size_t chain_candidates(const dyad_dict *d, int32_t first, const pat_window *w, int negated, int32_t *out) {
    size_t n = 0;
    for (int32_t i = first; i >= 0; i = d->pats[i].next) {
        const vpattern *p = &d->pats[i];
        int ok = !(p->negated && !negated);
        for (int q = 0; ok && q < p->nwords; q++) ok = (w->wset[word_bit(p->words[q]) / 64] >> (word_bit(p->words[q]) % 64)) & 1;
        for (int k = 0; ok && k < p->npre; k++) {
            int at = p->npre - k - 1, b = word_bit(p->pre[k]);
            ok = at < w->nbefore && (w->wbit[at] == b || w->lbit[at] == b);
        }
        if (ok) out[n++] = i;
    }
    qsort(out, n, sizeof *out, cmp_i32);
    return n;
}
/* head_candidates (the record) and link_candidates (the run, link by link) give the same list, and as a set the
 * chain's: checked for one window. */
static void same_candidates(const dyad_dict *d, int32_t first, int32_t rec, const pat_window *w, int32_t *a, int32_t *b,
                            size_t cap) {
    for (int negated = 0; negated < 2; negated++) {
        size_t na = all_candidates(head_candidates, d, rec, w, negated, a, cap);
        size_t nb = all_candidates(link_candidates, d, d->pats[first].link, w, negated, b, cap);
        assert_int_equal(na, nb);
        assert_memory_equal(a, b, na * sizeof *a);
        qsort(a, na, sizeof *a, cmp_i32);
        nb = chain_candidates(d, first, w, negated, b);
        assert_int_equal(na, nb);
        assert_memory_equal(a, b, na * sizeof *a);
    }
}
static uint64_t xorshift(uint64_t *r) {
    *r ^= *r << 13, *r ^= *r >> 7, *r ^= *r << 17;
    return *r;
}
/* Every head of d: its run has a record, and for windows made of each of its patterns' words and pre-modifiers
 * (with and without other bits, with too few words before the head), empty, full and random, the record's walk
 * answers as the links' and the chain's. */
static void head_records_check(const dyad_dict *d) {
    size_t cap = d->n_pats + 8, heads = 0, runs_with_any = 0, with_pre = 0;
    int32_t *a = malloc(cap * sizeof *a), *b = malloc(cap * sizeof *b);
    assert_non_null(a);
    assert_non_null(b);
    uint64_t rnd = 88172645463325252ull;
    const strmap *maps[2] = {&d->verb_heads, &d->noun_heads};
    for (int m = 0; m < 2; m++)
        for (size_t i = 0; i < maps[m]->cap; i++) {
            uint32_t len;
            const char *key = strmap_key_at(maps[m], i, &len);
            int32_t first = key ? strmap_get(maps[m], key, len) : -1;
            if (first < 0) continue;
            int32_t link = d->pats[first].link;
            assert_true(link >= 0);
            int32_t rec = dict_head_record(d, link);
            assert_true(rec >= 0); /* dyad's dictionaries have no run the record cannot index */
            assert_int_equal(dict_head_groups(d, rec)->link, link);
            runs_with_any += dict_head_groups(d, rec)->any > 0;
            heads++;
            pat_window w;
            memset(&w, 0, sizeof w);
            same_candidates(d, first, rec, &w, a, b, cap);
            memset(&w, 0xff, sizeof w);
            w.nbefore = 3;
            same_candidates(d, first, rec, &w, a, b, cap);
            for (int r = 0; r < 6; r++) {
                for (int j = 0; j < 4; j++) {
                    uint64_t x = xorshift(&rnd);
                    w.wset[j] = r < 3 ? x & xorshift(&rnd) : x; /* ~25% and ~50% of the bits */
                }
                for (int k = 0; k < 3; k++) w.wbit[k] = (uint8_t)xorshift(&rnd), w.lbit[k] = (uint8_t)xorshift(&rnd);
                w.nbefore = (uint8_t)(xorshift(&rnd) % 4);
                same_candidates(d, first, rec, &w, a, b, cap);
            }
            int k = 0;
            for (int32_t p = first; p >= 0 && k < 64; p = d->pats[p].next, k++) {
                const vpattern *vp = &d->pats[p];
                memset(&w, 0, sizeof w);
                for (int q = 0; q < vp->nwords; q++) w.wset[word_bit(vp->words[q]) / 64] |= 1ull << (word_bit(vp->words[q]) % 64);
                for (int q = 0; q < vp->npre; q++) { /* the form's bit for one, the lemma's for the next */
                    int at = vp->npre - q - 1;
                    if (q % 2) w.lbit[at] = (uint8_t)word_bit(vp->pre[q]), w.wbit[at] = (uint8_t)(w.lbit[at] + 1);
                    else w.wbit[at] = (uint8_t)word_bit(vp->pre[q]), w.lbit[at] = (uint8_t)(w.wbit[at] + 1);
                }
                w.nbefore = vp->npre;
                with_pre += vp->npre > 0;
                same_candidates(d, first, rec, &w, a, b, cap);
                /* the pattern itself is among them */
                size_t n = all_candidates(head_candidates, d, rec, &w, 1, a, cap), q = 0;
                while (q < n && a[q] != p) q++;
                assert_true(q < n);
                if (vp->npre) { /* one word too few before the head: not a candidate */
                    w.nbefore--;
                    n = all_candidates(head_candidates, d, rec, &w, 1, a, cap), q = 0;
                    while (q < n && a[q] != p) q++;
                    assert_true(q == n);
                    w.nbefore++;
                }
                uint64_t x = xorshift(&rnd);
                w.wset[x % 4] |= x >> 3;
                same_candidates(d, first, rec, &w, a, b, cap);
            }
        }
    assert_true(heads > 1000);
    assert_true(runs_with_any > 10);
    assert_true(with_pre > 10);
    free(a);
    free(b);
}
static void test_head_records_same_as_links(void **state) {
    (void)state;
    head_records_check(tu_dict());
    char err[256];
    dyad_dict *txt = dyad_dict_load("dict", err, sizeof err);
    if (!txt) fail_msg("%s", err);
    head_records_check(txt);
    dyad_dict_free(txt);
}

/* A trace (explain) makes match_at try every pattern of the head's chain, with no filter (no record, no word or
 * pre-modifier bits, no bit read before a word's string): without one it must find the same patterns, at the
 * same tokens. Sentences under 24 tokens (the window of the words' bits), tagged with and without the word cache,
 * every token as a verb and as a noun head, affirmative and negated. */
static void no_trace(void *ud, const char *msg) { (void)ud, (void)msg; }
static void test_filters_same_as_chain(void **state) {
    (void)state;
    static const char *const texts[] = {
        "The envoys held a working lunch with the minister and a phone call with rebels.",
        "Officials called off the talks, then called for a new round of talks with Freedonia.",
        "Rebels took over the town after the army pulled out of the region.",
        "The president met with the delegation and had a breakfast meeting with donors.",
        "Police did not arrest the leaders who had protested against the government.",
        "Ruritania accused Freedonia of shelling villages and threatened to impose sanctions.",
        "The foreign minister paid a visit to the capital for an exchange of views with officials.",
        /* a first word at the token where the walk stops (a subordinator), after a gap of 3, after a slot's
           longer gap */
        "The council debated whether to impose sanctions on the regime.",
        "Officials called loudly and repeatedly for talks.",
        "Police accused the young local opposition party leaders of corruption."};
    const dyad_dict *d = tu_dict();
    arena a;
    arena_init(&a);
    tag_cache *c = tag_cache_new();
    assert_non_null(c);
    int matched = 0;
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++)
        for (int cached = 0; cached < 2; cached++) {
            arena_reset(&a);
            token_list b;
            assert_non_null(tu_tokenize(&a, texts[k], &b));
            assert_true(b.n < 24);
            if (cached) tag_sentence_c(&a, c, b.v, 0, b.n);
            else tag_sentence(&a, b.v, 0, b.n);
            for (size_t i = 0; i < b.n; i++)
                for (int nominal = 0; nominal < 2; nominal++)
                    for (int negated = 0; negated < 2; negated++) {
                        pmatch x[MATCH_MAX], y[MATCH_MAX];
                        int nx = match_at_w(d, cached ? c : NULL, b.v, i, b.n, nominal, negated, x, MATCH_MAX, NULL, NULL);
                        int ny = match_at(d, b.v, i, b.n, nominal, negated, y, MATCH_MAX, no_trace, NULL);
                        if (nx != ny) fprintf(stderr, "'%s' at %s: %d, chain %d\n", texts[k], b.v[i].low, nx, ny);
                        assert_int_equal(nx, ny);
                        for (int q = 0; q < nx; q++) {
                            assert_ptr_equal(x[q].p, y[q].p);
                            assert_int_equal(x[q].score, y[q].score);
                            assert_int_equal(x[q].last, y[q].last);
                            assert_memory_equal(x[q].pos, y[q].pos, sizeof x[q].pos);
                            assert_int_equal(x[q].slot_start, y[q].slot_start);
                            assert_int_equal(x[q].slot_end, y[q].slot_end);
                        }
                        matched += nx > 0;
                    }
        }
    assert_true(matched > 20);
    tag_cache_free(c);
    arena_free(&a);
}

/* Runs the record cannot index get none (and matching walks their links): an ANY link among the groups (what a
 * group longer than 16 bits of skip gets), keys out of order. A run of ANY links then two groups gets its keys,
 * its ranks and offsets. Built by hand: no text dictionary makes the first two. */
static void test_head_records_by_hand(void **state) {
    (void)state;
    dyad_dict *d = calloc(1, sizeof *d);
    assert_non_null(d);
    static vpattern pats[8];
    d->pats = pats;
    d->n_pats = 8;
    static pat_link links[9];
    memset(links, 0, sizeof links);
    for (int i = 0; i < 9; i++) links[i].pat = i % 8;
    /* run 0 [0, 4): ANY, key 200, key 200, key 7 -- out of order: no record */
    links[0].flags = LINK_ANY, links[1].key = 200, links[2].key = 200, links[3].key = 7, links[3].flags = LINK_LAST;
    /* run 1 [4, 6): key 3, ANY: no record */
    links[4].key = 3, links[5].flags = LINK_ANY | LINK_LAST;
    /* run 2 [6, 9): ANY, key 70, key 130 */
    links[6].flags = LINK_ANY, links[7].key = 70, links[8].key = 130, links[8].flags = LINK_LAST;
    links[6].skip = 1, links[7].skip = 1;
    d->links = links;
    d->n_links = 9;
    assert_int_equal(dict_index_heads(d), 0);
    assert_int_equal(d->n_head_runs, 3);
    assert_int_equal(dict_head_record(d, 0), -1);
    assert_int_equal(dict_head_record(d, 4), -1);
    assert_int_equal(dict_head_record(d, 5), -1); /* no run starts there */
    int32_t rec = dict_head_record(d, 6);
    assert_true(rec >= 0);
    const head_groups *g = dict_head_groups(d, rec);
    assert_int_equal(g->link, 6);
    assert_int_equal(g->any, 1);
    assert_true(g->keys[1] == 1ull << 6 && g->keys[2] == 1ull << 2 && !g->keys[0] && !g->keys[3]);
    assert_int_equal(g->base[1], 0);
    assert_int_equal(g->base[2], 1);
    assert_int_equal(g->base[3], 2);
    assert_int_equal(g->off[0], 1);
    assert_int_equal(g->off[1], 2);
    assert_int_equal(g->off[2], 3);
    pat_window w = {.wset = {0, 0, 1ull << 2, 0}}; /* key 130 only */
    const pat_link *c[4];
    assert_int_equal(head_candidates(d, rec, &w, 0, 0, c, 4), 2);
    assert_true(c[0] == &links[6] && c[1] == &links[8]);
    assert_int_equal(link_candidates(d, 6, &w, 0, 0, c, 4), 2);
    assert_true(c[0] == &links[6] && c[1] == &links[8]);
    d->pats = NULL, d->links = NULL; /* not the arena's */
    dyad_dict_free(d);
}

static void test_error_unknown_code(void **state) {
    fx *f = *state;
    assert_int_equal(tu_write_file(f->dir, "verbs/a.txt", "190 : attack\n\n999 : explode\n", (size_t)-1), 0);
    expect_load_error(f, "verbs/a.txt", 3, "unknown CAMEO code '999'");
}

static void test_error_empty_item(void **state) {
    fx *f = *state;
    assert_int_equal(tu_write_file(f->dir, "verbs/a.txt", "# comment\n190 : attack ; ; assault\n", (size_t)-1), 0);
    expect_load_error(f, "verbs/a.txt", 2, "empty item");
    assert_int_equal(tu_write_file(f->dir, "verbs/a.txt", "190 : attack ;\n", (size_t)-1), 0);
    expect_load_error(f, "verbs/a.txt", 1, "empty item");
}

static void test_error_bad_person_date(void **state) {
    fx *f = *state;
    assert_int_equal(tu_write_file(f->dir, "actors/a.txt",
                                   "country RUR : Ruritania\nperson RUR GOV 2001-02-30 - : Rudolf Rassendyll\n", (size_t)-1),
                     0);
    expect_load_error(f, "actors/a.txt", 2, "bad FROM date '2001-02-30'");
    assert_int_equal(tu_write_file(f->dir, "actors/a.txt", "person RUR GOV 2001-01-01 1999 : Rudolf\n", (size_t)-1), 0);
    expect_load_error(f, "actors/a.txt", 1, "bad TO date '1999'");
    assert_int_equal(tu_write_file(f->dir, "actors/a.txt", "person RUR GOV 2001-01-01 2000-01-01 : Rudolf\n", (size_t)-1), 0);
    expect_load_error(f, "actors/a.txt", 1, "TO date before FROM date");
}

static void test_error_unknown_actor_kind(void **state) {
    fx *f = *state;
    assert_int_equal(tu_write_file(f->dir, "actors/a.txt", "country RUR : Ruritania\n\n\nvillain RUR : Black Michael\n", (size_t)-1),
                     0);
    expect_load_error(f, "actors/a.txt", 4, "unknown actor kind 'villain'");
}

static void test_error_bad_codes_and_missing_files(void **state) {
    fx *f = *state;
    char err[512] = "";
    /* a missing directory */
    char path[1200];
    snprintf(path, sizeof path, "%s/nowhere", f->dir);
    assert_null(dyad_dict_load(path, err, sizeof err));
    assert_non_null(strstr(err, "not a dictionary directory"));
    /* a bad QuadClass in cameo-codes.tsv */
    assert_int_equal(tu_write_file(f->dir, "cameo-codes.tsv", "040\t04\t1.0\t7\t\t\n", (size_t)-1), 0);
    expect_load_error(f, "cameo-codes.tsv", 1, "QuadClass must be 1-4");
    /* no cameo-codes.tsv at all */
    snprintf(path, sizeof path, "%s/cameo-codes.tsv", f->dir);
    assert_int_equal(unlink(path), 0);
    assert_null(dyad_dict_load(f->dir, err, sizeof err));
    assert_non_null(strstr(err, "cameo-codes.tsv is missing"));
}

typedef struct msgs {
    int n;
    char text[4][600];
} msgs;

static void collect(void *ud, const char *msg) {
    msgs *m = ud;
    if (m->n < 4) snprintf(m->text[m->n], sizeof m->text[0], "%s", msg);
    m->n++;
}

static void test_builtin_check_clean(void **state) {
    (void)state;
    /* the shipped dictionaries lint clean (`dyad dict check`) */
    msgs m = {0};
    size_t n = dyad_dict_check(tu_dict(), collect, &m);
    for (int i = 0; i < m.n && i < 4; i++) fprintf(stderr, "  %s\n", m.text[i]);
    assert_int_equal(n, 0);
    assert_int_equal(m.n, 0);
}

static void test_check_reports_duplicate_pattern(void **state) {
    fx *f = *state;
    assert_int_equal(tu_write_file(f->dir, "verbs/a.txt", "190 : attack ; assault\n111 : criticize\n190 : attack\n", (size_t)-1), 0);
    char err[512] = "";
    dyad_dict *d = dyad_dict_load(f->dir, err, sizeof err); /* duplicates load; the lint reports them */
    assert_non_null(d);
    msgs m = {0};
    assert_int_equal(dyad_dict_check(d, collect, &m), 1);
    assert_int_equal(m.n, 1);
    char want[1200];
    snprintf(want, sizeof want, "%s/verbs/a.txt:3: duplicate pattern 'attack' (also at %s/verbs/a.txt:1)", f->dir, f->dir);
    assert_string_equal(m.text[0], want);
    dyad_dict_free(d);
}

static void test_check_reports_conflicting_pattern(void **state) {
    fx *f = *state;
    assert_int_equal(tu_write_file(f->dir, "verbs/a.txt", "190 : attack\n180 : attack\n", (size_t)-1), 0);
    char err[512] = "";
    dyad_dict *d = dyad_dict_load(f->dir, err, sizeof err);
    assert_non_null(d);
    msgs m = {0};
    assert_int_equal(dyad_dict_check(d, collect, &m), 1);
    assert_non_null(strstr(m.text[0], "conflicting pattern 'attack'"));
    assert_non_null(strstr(m.text[0], "verbs/a.txt:2: "));
    dyad_dict_free(d);
}

/* A "---" pattern is no event: being longer, it wins over the head's event patterns and stops them; it
 * counts for no code in the stats, and the lint names it "---" when it conflicts with an event pattern. */
static void test_null_pattern_is_no_event(void **state) {
    fx *f = *state;
    assert_int_equal(tu_write_file(f->dir, "verbs/a.txt", "190 : attack\n--- : attack problem\n", (size_t)-1), 0);
    char err[512] = "";
    dyad_dict *d = dyad_dict_load(f->dir, err, sizeof err);
    if (!d) fprintf(stderr, "%s\n", err);
    assert_non_null(d);
    assert_int_equal(dyad_dict_patterns_for(d, "190"), 1);
    dyad_coder *c = dyad_coder_new(d);
    assert_non_null(c);
    const dyad_result *r;
    TU_CODE(c, "Ruritania attacked the problem.", "1995-06-01", r);
    assert_int_equal(r->n_events, 0);
    TU_CODE(c, "Ruritania attacked Freedonia.", "1995-06-01", r);
    assert_int_equal(r->n_events, 1);
    assert_string_equal(r->events[0].cameo, "190");
    dyad_coder_free(c);
    dyad_dict_free(d);
    assert_int_equal(tu_write_file(f->dir, "verbs/a.txt", "190 : attack problem\n--- : attack problem\n", (size_t)-1), 0);
    d = dyad_dict_load(f->dir, err, sizeof err);
    assert_non_null(d);
    msgs m = {0};
    assert_int_equal(dyad_dict_check(d, collect, &m), 1);
    assert_non_null(strstr(m.text[0], "verbs/a.txt:2: conflicting pattern 'attack problem': code --- here, 190 at "));
    dyad_dict_free(d);
}

static void test_message_format_regex(void **state) {
    fx *f = *state;
    /* every load error is "file:line: message" */
    assert_int_equal(tu_write_file(f->dir, "verbs/a.txt", "190 attack\n", (size_t)-1), 0);
    char err[512] = "";
    assert_null(dyad_dict_load(f->dir, err, sizeof err));
    regex_t re;
    assert_int_equal(regcomp(&re, "^[^:]+/verbs/a\\.txt:[0-9]+: .+", REG_EXTENDED | REG_NOSUB), 0);
    int rc = regexec(&re, err, 0, NULL, 0);
    regfree(&re);
    if (rc) fprintf(stderr, "message: '%s'\n", err);
    assert_int_equal(rc, 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_loads),
        cmocka_unit_test(test_builtin_lookups),
        cmocka_unit_test(test_modal_filter_exact),
        cmocka_unit_test(test_name_prefix_one_probe),
        cmocka_unit_test(test_builtin_stats_and_codes),
        cmocka_unit_test(test_builtin_check_clean),
        cmocka_unit_test(test_head_records_same_as_links),
        cmocka_unit_test(test_head_records_by_hand),
        cmocka_unit_test(test_filters_same_as_chain),
        cmocka_unit_test_setup_teardown(test_directory_loads_and_codes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pattern_groups_same_as_chain, setup, teardown),
        cmocka_unit_test_setup_teardown(test_error_unknown_code, setup, teardown),
        cmocka_unit_test_setup_teardown(test_error_empty_item, setup, teardown),
        cmocka_unit_test_setup_teardown(test_error_bad_person_date, setup, teardown),
        cmocka_unit_test_setup_teardown(test_error_unknown_actor_kind, setup, teardown),
        cmocka_unit_test_setup_teardown(test_error_bad_codes_and_missing_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check_reports_duplicate_pattern, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check_reports_conflicting_pattern, setup, teardown),
        cmocka_unit_test_setup_teardown(test_null_pattern_is_no_event, setup, teardown),
        cmocka_unit_test_setup_teardown(test_message_format_regex, setup, teardown),
    };
    return cmocka_run_group_tests_name("dict", tests, NULL, NULL);
}
