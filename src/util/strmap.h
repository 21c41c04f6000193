/* strmap.h -- string -> integer hash map (open addressing, a multiply-xorshift hash eight bytes a step).
 *
 * Used for every dictionary lookup (words, phrases, lemmas). Built while a dictionary loads, then only
 * read, so one map is safely shared by all threads. Keys are copied into the map's own storage. */
#ifndef DYAD_STRMAP_H
#define DYAD_STRMAP_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* A slot of the table (public so that a dictionary image can hold a map's slots as they are in memory and
 * the map can read them in place: strmap_view). */
struct strmap_slot {
    char *key;   /* NULL: empty */
    uint32_t len;
    int32_t val;
    uint64_t hash;
};

typedef struct strmap {
    struct strmap_slot *slots;
    size_t cap, n;
    int borrowed;   /* 1: keys point into memory the map does not own (a dictionary image);
                       2: the slots too (strmap_view): the map frees nothing */
} strmap;

void strmap_init(strmap *m);
void strmap_free(strmap *m);
/* Insert or find: returns a pointer to the value slot (initialised to `init` when new), NULL on OOM. */
int32_t *strmap_put(strmap *m, const char *key, size_t len, int32_t init, int *is_new);
/* A map whose keys stay the caller's (strmap_put_borrowed: no copy, no allocation per key; the caller keeps
 * them alive as long as the map, e.g. in an arena reset with it). Only strmap_put_borrowed may add to it. */
void strmap_init_borrowed(strmap *m);
int32_t *strmap_put_borrowed(strmap *m, const char *key, size_t len, uint64_t hash, int32_t init, int *is_new);
/* Lookup: returns the value or -1. */
int32_t strmap_get(const strmap *m, const char *key, size_t len);
const char *strmap_key(const strmap *m, const char *key, size_t len); /* the stored (interned) key or NULL */
uint64_t strmap_hash(const char *s, size_t len);

/* The hash in two steps, for callers that hash a word once and look it up many times (the tokenizer stores
 * each token's raw state): strmap_hash(s, n) == strmap_mix(strmap_raw(s, n)). Eight bytes a step (read as a
 * little-endian number, the last ones padded with zeros), the length folded in first, one more multiply-xorshift
 * at the end (strmap_mix): a word of news text costs one or two steps, where FNV-1a cost a multiplication per
 * byte. */
#define STRMAP_SEED 0x243f6a8885a308d3ull
static inline uint64_t strmap_le64(const void *p) {
    uint64_t x;
    memcpy(&x, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    x = __builtin_bswap64(x);
#endif
    return x;
}
static inline uint32_t strmap_le32(const void *p) {
    uint32_t x;
    memcpy(&x, p, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    x = __builtin_bswap32(x);
#endif
    return x;
}
/* The n bytes (1 <= n <= 7) at s as a little-endian number, without a call to memcpy: two overlapping
 * 4-byte loads, or the first, middle and last bytes. */
static inline uint64_t strmap_tail(const char *s, size_t n) {
    const unsigned char *p = (const unsigned char *)s;
    if (n >= 4) return (uint64_t)strmap_le32(p) | (uint64_t)strmap_le32(p + n - 4) << (8 * (n - 4));
    return (uint64_t)p[0] | (uint64_t)p[n / 2] << (8 * (n / 2)) | (uint64_t)p[n - 1] << (8 * (n - 1));
}
static inline uint64_t strmap_step(uint64_t h, uint64_t c) {
    h = (h ^ c) * 0x9e3779b97f4a7c15ull;
    return h ^ (h >> 32);
}
static inline uint64_t strmap_raw(const char *s, size_t len) {
    uint64_t h = STRMAP_SEED ^ len;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) h = strmap_step(h, strmap_le64(s + i));
    if (i < len) h = strmap_step(h, strmap_tail(s + i, len - i));
    return h;
}
/* The same for a string followed by at least 8 readable bytes (the tokenizer's buffer of folded forms):
 * the last step loads eight bytes and keeps the string's. */
static inline uint64_t strmap_raw_padded(const char *s, size_t len) {
    uint64_t h = STRMAP_SEED ^ len;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) h = strmap_step(h, strmap_le64(s + i));
    if (i < len) h = strmap_step(h, strmap_le64(s + i) & ((1ull << (8 * (len - i))) - 1));
    return h;
}
static inline uint64_t strmap_mix(uint64_t h) { /* one more multiply-xorshift: every bit reaches the low ones */
    h *= 0xbf58476d1ce4e5b9ull;
    return h ^ (h >> 29);
}
/* Are the len bytes at a and b the same? Inline, without reading past either: the keys are short words and
 * phrases, where a call to memcmp cost more than the comparison (the hashes, already equal, make a mismatch
 * rare). */
static inline int strmap_key_eq(const char *a, const char *b, size_t len) {
    uint64_t x, y;
    if (len >= 8) {
        size_t i = 0;
        for (; i + 8 < len; i += 8) {
            memcpy(&x, a + i, 8);
            memcpy(&y, b + i, 8);
            if (x != y) return 0;
        }
        memcpy(&x, a + len - 8, 8); /* the last eight, overlapping the ones before */
        memcpy(&y, b + len - 8, 8);
        return x == y;
    }
    if (len >= 4) {
        uint32_t p, q, r, t;
        memcpy(&p, a, 4);
        memcpy(&q, b, 4);
        memcpy(&r, a + len - 4, 4);
        memcpy(&t, b + len - 4, 4);
        return p == q && r == t;
    }
    for (size_t i = 0; i < len; i++)
        if (a[i] != b[i]) return 0;
    return 1;
}

/* The slot of key, or the empty slot where it would go (NULL for a map with no slots). Inlined into each
 * lookup: it is most of the cost of a probe, and a call per token adds ~10 instructions. */
static inline __attribute__((always_inline)) struct strmap_slot *strmap_find(const strmap *m, const char *key, size_t len, uint64_t h) {
    if (!m->cap) return NULL;
    size_t j = h & (m->cap - 1);
    for (;;) {
        struct strmap_slot *s = &m->slots[j];
        if (!s->key) return s;
        if (s->hash == h && s->len == len && strmap_key_eq(s->key, key, len)) return s;
        j = (j + 1) & (m->cap - 1);
    }
}

/* Lookup with the key's hash already known (hash == strmap_hash(key, len)): inline, as the hot path's
 * probes (the word cache, actor names) are made for every token. */
static inline int32_t strmap_get_h(const strmap *m, const char *key, size_t len, uint64_t hash) {
    struct strmap_slot *s = strmap_find(m, key, len, hash);
    return (s && s->key) ? s->val : -1;
}

/* For dictionary images (src/dict/image.c): read slot i (key NULL when empty), and build a map whose keys
 * live elsewhere (borrowed: not freed) from cap slots given in that same form. */
void strmap_slot_get(const strmap *m, size_t i, const char **key, uint32_t *len, int32_t *val, uint64_t *hash);
/* The key of slot i (NULL when empty) and its length: for walking a map's keys (i < m->cap). */
static inline const char *strmap_key_at(const strmap *m, size_t i, uint32_t *len) {
    *len = m->slots[i].len;
    return m->slots[i].key;
}
int strmap_adopt(strmap *m, size_t cap, size_t n);
void strmap_slot_set(strmap *m, size_t i, const char *key, uint32_t len, int32_t val, uint64_t hash);
/* A map read in place from cap slots that live elsewhere (a mapped dictionary image), n of them full: no
 * copy; the slots and keys must outlive the map and are never written. */
void strmap_view(strmap *m, const struct strmap_slot *slots, size_t cap, size_t n);

#endif
