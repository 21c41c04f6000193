/* test_dict.c -- dictionaries: the built-in set, loading a directory, errors, lint, stats (src/dict). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "dict/dict.h"
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
