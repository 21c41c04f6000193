/* test_strmap.c -- the string hash map and its hash (src/util/strmap.h): every dictionary lookup, the
 * tokenizer's word hashes and the pattern filters rest on these. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "util/strmap.h"

/* strmap_raw_padded (the tokenizer's, which loads eight bytes and masks) gives strmap_raw's value for every
 * length and alignment, and strmap_hash is the mixed raw value. */
static void test_padded_equals_plain(void **state) {
    (void)state;
    char buf[96];
    for (size_t i = 0; i < sizeof buf; i++) buf[i] = (char)('a' + (i * 7) % 26);
    for (size_t off = 0; off < 8; off++)
        for (size_t n = 0; n <= 40; n++) {
            char *s = buf + off;
            assert_true(strmap_raw(s, n) == strmap_raw_padded(s, n));
            assert_true(strmap_hash(s, n) == strmap_mix(strmap_raw(s, n)));
        }
}

/* The hash depends on every byte and on the length: changing any one byte of a word, or cutting it short with
 * zero bytes, changes it ("a" and "a\0" differ). */
static void test_every_byte_counts(void **state) {
    (void)state;
    char w[24] = "internationalisation";
    size_t n = strlen(w);
    uint64_t h = strmap_hash(w, n);
    for (size_t i = 0; i < n; i++) {
        char c = w[i];
        w[i] = (char)(c ^ 1);
        assert_true(strmap_hash(w, n) != h);
        w[i] = c;
    }
    assert_true(strmap_hash("a", 1) != strmap_hash("a\0", 2));
    assert_true(strmap_hash("", 0) != strmap_hash("\0", 1));
}

/* The low bits spread: the pattern filters use hash & 63 and hash % 256, the maps the low bits of the table
 * size. 20,000 words that share long prefixes and suffixes ("government00001x", "government00002x"...) must
 * fill the 256 low-bit values about evenly (each within half of the mean: random values stay within ~4 standard
 * deviations, 45%) and collide in the low 20 bits about as often as random values would (~190 expected; under
 * 400). */
static void test_low_bits_spread(void **state) {
    (void)state;
    enum { N = 20000 };
    unsigned count[256] = {0};
    static uint8_t seen[1u << 20];
    memset(seen, 0, sizeof seen);
    unsigned coll = 0;
    for (int k = 0; k < N; k++) {
        char w[32];
        int n = snprintf(w, sizeof w, "government%05dx", k);
        uint64_t h = strmap_hash(w, (size_t)n);
        count[h & 255]++;
        uint32_t b = (uint32_t)(h & ((1u << 20) - 1));
        coll += seen[b];
        seen[b] = 1;
    }
    for (int i = 0; i < 256; i++) {
        if (count[i] < N / 256 / 2 || count[i] > N / 256 * 3 / 2) fprintf(stderr, "bucket %d: %u\n", i, count[i]);
        assert_true(count[i] >= N / 256 / 2 && count[i] <= N / 256 * 3 / 2);
    }
    assert_true(coll < N / 50);
}

/* The map itself: put, get, the stored key, a lookup with the hash given, growth past many entries. */
static void test_map_put_get(void **state) {
    (void)state;
    strmap m;
    strmap_init(&m);
    char w[32];
    for (int k = 0; k < 5000; k++) {
        int n = snprintf(w, sizeof w, "key %d", k);
        int isnew = 0;
        int32_t *v = strmap_put(&m, w, (size_t)n, -1, &isnew);
        assert_non_null(v);
        assert_int_equal(isnew, 1);
        *v = k;
    }
    for (int k = 0; k < 5000; k++) {
        int n = snprintf(w, sizeof w, "key %d", k);
        assert_int_equal(strmap_get(&m, w, (size_t)n), k);
        assert_int_equal(strmap_get_h(&m, w, (size_t)n, strmap_hash(w, (size_t)n)), k);
        assert_string_equal(strmap_key(&m, w, (size_t)n), w);
    }
    assert_int_equal(strmap_get(&m, "key 5000", 8), -1);
    assert_int_equal(strmap_get(&m, "key 1", 4), -1); /* a prefix is not the key */
    int isnew = 1;
    assert_int_equal(*strmap_put(&m, "key 7", 5, -1, &isnew), 7);
    assert_int_equal(isnew, 0);
    strmap_free(&m);
}

/* The key comparison (inline, by overlapping loads) on keys of every length up to 40: a lookup given the right
 * hash but a key that differs in one byte, at the start, in the middle or at the end, finds nothing. */
/* A borrowed map keeps the caller's keys (no copy): the stored key is the caller's pointer, lookups with and
 * without the known hash find it, a second put of the same key finds the first, and growing keeps them all. */
static void test_map_borrowed_keys(void **state) {
    (void)state;
    static char keys[300][12];
    strmap m;
    strmap_init_borrowed(&m);
    for (int i = 0; i < 300; i++) {
        int n = snprintf(keys[i], sizeof keys[i], "w%d", i * 37);
        int is_new = 0;
        int32_t *v = strmap_put_borrowed(&m, keys[i], (size_t)n, strmap_hash(keys[i], (size_t)n), i, &is_new);
        assert_non_null(v);
        assert_int_equal(is_new, 1);
    }
    for (int i = 0; i < 300; i++) {
        char probe[12];
        int n = snprintf(probe, sizeof probe, "w%d", i * 37);
        assert_int_equal(strmap_get(&m, probe, (size_t)n), i);
        assert_int_equal(strmap_get_h(&m, probe, (size_t)n, strmap_hash(probe, (size_t)n)), i);
        assert_ptr_equal(strmap_key(&m, probe, (size_t)n), keys[i]);
        int is_new = 1;
        int32_t *v = strmap_put_borrowed(&m, probe, (size_t)n, strmap_hash(probe, (size_t)n), -5, &is_new);
        assert_int_equal(is_new, 0);
        assert_int_equal(*v, i);
    }
    assert_int_equal(strmap_get(&m, "w1", 2), -1);
    strmap_free(&m); /* frees the slots, not the keys (static here: a free would crash) */
}

static void test_key_compare_each_length(void **state) {
    (void)state;
    strmap m;
    strmap_init(&m);
    char k[48];
    for (size_t n = 1; n <= 40; n++) {
        for (size_t i = 0; i < n; i++) k[i] = (char)('a' + (n + i) % 26);
        int32_t *v = strmap_put(&m, k, n, -1, NULL);
        assert_non_null(v);
        *v = (int32_t)n;
    }
    for (size_t n = 1; n <= 40; n++) {
        for (size_t i = 0; i < n; i++) k[i] = (char)('a' + (n + i) % 26);
        uint64_t h = strmap_hash(k, n);
        assert_int_equal(strmap_get_h(&m, k, n, h), (int32_t)n);
        size_t at[3] = {0, n / 2, n - 1};
        for (int q = 0; q < 3; q++) {
            k[at[q]] ^= 0x20;
            assert_int_equal(strmap_get_h(&m, k, n, h), -1); /* same hash, other bytes */
            k[at[q]] ^= 0x20;
        }
    }
    strmap_free(&m);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_padded_equals_plain),
        cmocka_unit_test(test_every_byte_counts),
        cmocka_unit_test(test_low_bits_spread),
        cmocka_unit_test(test_map_put_get),
        cmocka_unit_test(test_key_compare_each_length),
        cmocka_unit_test(test_map_borrowed_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
