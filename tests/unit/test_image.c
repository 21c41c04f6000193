/* test_image.c -- the compiled dictionary image (src/dict/image.c) holds exactly what the text files hold. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <sys/mman.h>
#include "testutil.h"
#include "dict/dict.h"
#include "dict/image.h"

static void test_image_is_built_in(void **state) {
    (void)state;
    assert_true(dyad_dict_image_len > 0);
    char err[256] = "";
    dyad_dict *d = dict_image_load(dyad_dict_image, (size_t)dyad_dict_image_len, err, sizeof err);
    assert_non_null(d);
    dyad_dict_free(d);
}

static void test_image_equals_text(void **state) {
    (void)state;
    char err[512];
    dyad_dict *img = dyad_dict_load(NULL, err, sizeof err);
    dyad_dict *txt = dyad_dict_load("dict", err, sizeof err);
    assert_non_null(img);
    assert_non_null(txt);
    dyad_dict_stats a, b;
    dyad_dict_get_stats(img, &a);
    dyad_dict_get_stats(txt, &b);
    assert_int_equal(a.verb_patterns, b.verb_patterns);
    assert_int_equal(a.actor_names, b.actor_names);
    assert_int_equal(a.people, b.people);
    assert_int_equal(img->max_name_tokens, txt->max_name_tokens);
    assert_memory_equal(img->first_words, txt->first_words, sizeof img->first_words);
    for (size_t i = 0; i < img->n_pats; i++) {
        assert_string_equal(img->pats[i].text, txt->pats[i].text);
        assert_string_equal(img->pats[i].head, txt->pats[i].head);
        assert_int_equal(img->pats[i].next, txt->pats[i].next);
        assert_int_equal(img->pats[i].line, txt->pats[i].line);
    }
    for (size_t i = 0; i < img->n_actors; i++) {
        assert_string_equal(img->actors[i].name, txt->actors[i].name);
        assert_int_equal(img->actors[i].from, txt->actors[i].from);
    }
    assert_int_equal(dict_verb_patterns(img, "attack", 0), dict_verb_patterns(txt, "attack", 0));
    assert_int_equal(dict_code(img, "0332"), dict_code(txt, "0332"));
    assert_int_equal(dict_modal_code(img, MOD_REFUSE, dict_code(img, "040")), dict_modal_code(txt, MOD_REFUSE, dict_code(txt, "040")));
    /* the same coding of a document */
    const char *text = "Uzbek officials said Russian troops attacked Tajik villages on Tuesday. Tashkent refused to attend talks with Moscow.";
    dyad_doc doc = {.id = "x", .text = text, .len = strlen(text), .date = "2003-05-14"};
    dyad_coder *c1 = dyad_coder_new(img), *c2 = dyad_coder_new(txt);
    const dyad_result *r1, *r2;
    assert_int_equal(dyad_code(c1, &doc, &r1, err, sizeof err), 0);
    assert_int_equal(dyad_code(c2, &doc, &r2, err, sizeof err), 0);
    assert_true(r1->n_events >= 2);
    assert_int_equal(r1->n_events, r2->n_events);
    for (size_t i = 0; i < r1->n_events; i++) {
        assert_string_equal(r1->events[i].cameo, r2->events[i].cameo);
        assert_string_equal(r1->events[i].source.code, r2->events[i].source.code);
    }
    dyad_coder_free(c1);
    dyad_coder_free(c2);
    dyad_dict_free(img);
    dyad_dict_free(txt);
}

/* The built-in image is used in place (mapped from the binary, nothing copied); a second one loaded while
 * the first lives cannot have its address and is copied instead: both code the same, and each frees. */
static void test_image_in_place_and_copied(void **state) {
    (void)state;
    char err[256] = "";
    dyad_dict *a = dyad_dict_load(NULL, err, sizeof err);
    assert_non_null(a);
#if defined(__x86_64__) && defined(__linux__) && defined(MAP_FIXED_NOREPLACE)
    assert_non_null(a->image_map);
    assert_true((const void *)a->pats >= a->image_map &&
                (const char *)a->pats < (const char *)a->image_map + a->image_map_len);
#endif
    dyad_dict *b = dyad_dict_load(NULL, err, sizeof err);
    assert_non_null(b);
    assert_null(b->image_map);
    assert_int_equal(a->n_pats, b->n_pats);
    assert_int_equal(a->n_actors, b->n_actors);
    assert_true(a->pats != b->pats);
    for (size_t i = 0; i < a->n_pats; i++) {
        assert_string_equal(a->pats[i].text, b->pats[i].text);
        for (int k = 0; k < a->pats[i].nwords; k++) assert_string_equal(a->pats[i].words[k], b->pats[i].words[k]);
    }
    for (size_t i = 0; i < a->n_actors; i++) assert_string_equal(a->actors[i].name, b->actors[i].name);
    assert_int_equal(dict_verb_patterns(a, "attack", 0), dict_verb_patterns(b, "attack", 0));
    assert_int_equal(strmap_get(&a->names, "tajikistan", 10), strmap_get(&b->names, "tajikistan", 10));
    assert_true(strmap_get(&a->names, "tajikistan", 10) >= 0);
    const char *text = "Uzbek officials said Russian troops attacked Tajik villages on Tuesday.";
    dyad_doc doc = {.id = "x", .text = text, .len = strlen(text), .date = "2003-05-14"};
    dyad_coder *c1 = dyad_coder_new(a), *c2 = dyad_coder_new(b);
    const dyad_result *r1, *r2;
    assert_int_equal(dyad_code(c1, &doc, &r1, err, sizeof err), 0);
    assert_int_equal(dyad_code(c2, &doc, &r2, err, sizeof err), 0);
    assert_true(r1->n_events >= 1);
    assert_int_equal(r1->n_events, r2->n_events);
    for (size_t i = 0; i < r1->n_events; i++) assert_string_equal(r1->events[i].cameo, r2->events[i].cameo);
    dyad_coder_free(c1);
    dyad_coder_free(c2);
    dyad_dict_free(a);
    /* the address is free again: the next load is in place once more */
    dyad_dict *c = dyad_dict_load(NULL, err, sizeof err);
    assert_non_null(c);
#if defined(__x86_64__) && defined(__linux__) && defined(MAP_FIXED_NOREPLACE)
    assert_non_null(c->image_map);
#endif
    dyad_dict_free(c);
    dyad_dict_free(b);
}

static void test_bad_image_is_refused(void **state) {
    (void)state;
    char err[256] = "";
    unsigned char junk[256];
    memset(junk, 7, sizeof junk);
    assert_null(dict_image_load(junk, sizeof junk, err, sizeof err));
    assert_non_null(strstr(err, "image"));
    assert_null(dict_image_load(junk, 4, err, sizeof err));
    /* a truncated real image */
    assert_null(dict_image_load(dyad_dict_image, 4096, err, sizeof err));
}

/* The head records (dict_index_heads) are kept in the image, not built at load: the built-in image's, in place
 * and copied, are those the text dictionaries build from the same links. */
static void head_records_equal(const dyad_dict *a, const dyad_dict *b) {
    assert_int_equal(a->n_links, b->n_links);
    assert_true(a->n_head_runs > 1000);
    assert_int_equal(a->n_head_runs, b->n_head_runs);
    assert_int_equal(a->n_head_units, b->n_head_units);
    assert_memory_equal(a->head_runs, b->head_runs, a->n_head_runs * sizeof *a->head_runs);
    assert_memory_equal(a->head_pool, b->head_pool, a->n_head_units * sizeof *a->head_pool);
}
static void test_head_records_in_image(void **state) {
    (void)state;
    char err[512] = "";
    dyad_dict *txt = dyad_dict_load("dict", err, sizeof err);
    dyad_dict *img = dyad_dict_load(NULL, err, sizeof err);
    dyad_dict *cp = dyad_dict_load(NULL, err, sizeof err); /* the address is taken: copied */
    assert_non_null(txt);
    assert_non_null(img);
    assert_non_null(cp);
#if defined(__x86_64__) && defined(__linux__) && defined(MAP_FIXED_NOREPLACE)
    assert_non_null(img->image_map); /* the records read where the image lies */
    assert_true((const void *)img->head_pool >= img->image_map &&
                (const char *)img->head_pool < (const char *)img->image_map + img->image_map_len);
#endif
    assert_null(cp->image_map);
    head_records_equal(img, txt);
    head_records_equal(cp, txt);
    dyad_dict_free(cp);
    dyad_dict_free(img);
    dyad_dict_free(txt);
}

/* An image whose head records' index points outside its pool is refused, not used. */
static void test_bad_head_index_refused(void **state) {
    (void)state;
    char err[256] = "";
    dyad_dict *d = dict_image_load(dyad_dict_image, (size_t)dyad_dict_image_len, err, sizeof err);
    assert_non_null(d);
    size_t runs = d->n_head_runs, units = d->n_head_units;
    const unsigned char *at = d->image_map ? (const unsigned char *)d->head_runs - (const unsigned char *)d->image_map + dyad_dict_image : NULL;
    dyad_dict_free(d);
    if (!at) { skip(); return; } /* where the runs lie is known from an image used in place */
    size_t len = (size_t)dyad_dict_image_len, off = (size_t)(at - dyad_dict_image);
    unsigned char *copy = test_malloc(len);
    memcpy(copy, dyad_dict_image, len);
    int32_t bad[2] = {0, (int32_t)units}; /* the last run's record past the pool */
    memcpy(&bad[0], copy + off + (runs - 1) * sizeof bad, sizeof bad[0]);
    memcpy(copy + off + (runs - 1) * sizeof bad, bad, sizeof bad);
    assert_null(dict_image_load(copy, len, err, sizeof err));
    assert_non_null(strstr(err, "image"));
    /* and runs out of order */
    memcpy(copy, dyad_dict_image, len);
    int32_t first[2];
    memcpy(first, copy + off, sizeof first);
    first[0] = INT32_MAX - 1;
    memcpy(copy + off, first, sizeof first);
    assert_null(dict_image_load(copy, len, err, sizeof err));
    /* untouched, the copy loads (copied, not in place: it is no file's bytes) */
    memcpy(copy, dyad_dict_image, len);
    d = dict_image_load(copy, len, err, sizeof err);
    assert_non_null(d);
    assert_int_equal(d->n_head_runs, runs);
    dyad_dict_free(d);
    test_free(copy);
}

/* The first-word filter of the actor stage has no false negatives: the first word of every name passes,
 * and it turns most words away (it is a filter, not "yes" for everything). */
static void test_first_word_filter(void **state) {
    (void)state;
    char err[256];
    dyad_dict *d = dyad_dict_load(NULL, err, sizeof err);
    assert_non_null(d);
    size_t names = 0;
    for (size_t i = 0; i < d->names.cap; i++) {
        uint32_t len;
        const char *key = strmap_key_at(&d->names, i, &len);
        if (!key) continue;
        names++;
        const char *sp = memchr(key, ' ', len);
        assert_true(dict_may_start_name(d, strmap_hash(key, sp ? (size_t)(sp - key) : len)));
    }
    assert_true(names > 1000);
    size_t set = 0;
    for (size_t i = 0; i < 1024; i++) set += (size_t)__builtin_popcountll(d->first_words[i]);
    assert_true(set < 65536 / 2);
    assert_false(dict_may_start_name(d, strmap_hash("zzqxjv", 6)) && dict_may_start_name(d, strmap_hash("qqzzkw", 6)) &&
                 dict_may_start_name(d, strmap_hash("xqzvvw", 6)));
    dyad_dict_free(d);
}

/* The filter of (prefix, next word) pairs has no false negatives either: every prefix or name of two words or
 * more passes as its last word after the prefix before it, and most other pairs (all but 5%) are turned away. */
static void test_name_pair_filter(void **state) {
    (void)state;
    char err[256];
    dyad_dict *d = dyad_dict_load(NULL, err, sizeof err);
    assert_non_null(d);
    size_t pairs = 0;
    for (size_t i = 0; i < d->prefixes.cap; i++) {
        uint32_t len;
        const char *key = strmap_key_at(&d->prefixes, i, &len);
        if (!key) continue;
        const char *sp = NULL;
        for (const char *q = key; q < key + len; q++)
            if (*q == ' ') sp = q;
        if (!sp) continue;
        pairs++;
        assert_true(dict_may_continue_name(d, strmap_hash(key, (size_t)(sp - key)), strmap_hash(sp + 1, (size_t)(key + len - sp - 1))));
    }
    assert_true(pairs > 1000);
    size_t set = 0;
    for (size_t i = 0; i < 1024; i++) set += (size_t)__builtin_popcountll(d->name_pairs[i]);
    assert_true(set < 65536 / 2);
    /* three bits a pair in one word: ~3% of unrelated pairs pass where one bit a pair let ~11% through */
    size_t pass = 0;
    for (int i = 0; i < 20000; i++) {
        char a[16], b[16];
        int la = snprintf(a, sizeof a, "qa%d", i), lb = snprintf(b, sizeof b, "zb%d", i * 7);
        pass += (size_t)dict_may_continue_name(d, strmap_hash(a, (size_t)la), strmap_hash(b, (size_t)lb));
    }
    assert_true(pass < 20000 / 20);
    assert_false(dict_may_continue_name(d, strmap_hash("the", 3), strmap_hash("zzqxjv", 6)) &&
                 dict_may_continue_name(d, strmap_hash("the", 3), strmap_hash("qqzzkw", 6)) &&
                 dict_may_continue_name(d, strmap_hash("united", 6), strmap_hash("xqzvvw", 6)));
    dyad_dict_free(d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_image_is_built_in),
        cmocka_unit_test(test_image_equals_text),
        cmocka_unit_test(test_image_in_place_and_copied),
        cmocka_unit_test(test_bad_image_is_refused),
        cmocka_unit_test(test_head_records_in_image),
        cmocka_unit_test(test_bad_head_index_refused),
        cmocka_unit_test(test_first_word_filter),
        cmocka_unit_test(test_name_pair_filter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
