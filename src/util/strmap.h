/* strmap.h -- string -> integer hash map (open addressing, FNV-1a).
 *
 * Used for every dictionary lookup (words, phrases, lemmas). Built while a dictionary loads, then only
 * read, so one map is safely shared by all threads. Keys are copied into the map's own storage. */
#ifndef DYAD_STRMAP_H
#define DYAD_STRMAP_H
#include <stddef.h>
#include <stdint.h>

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
/* Lookup: returns the value or -1. */
int32_t strmap_get(const strmap *m, const char *key, size_t len);
const char *strmap_key(const strmap *m, const char *key, size_t len); /* the stored (interned) key or NULL */
uint64_t strmap_hash(const char *s, size_t len);

/* The hash in two steps, for callers that build keys piece by piece or hash a word once and look it up
 * many times (the tokenizer stores each token's raw state): strmap_hash(s, n) ==
 * strmap_mix(strmap_feed(STRMAP_SEED, s, n)), and feeding "a", then " b", equals feeding "a b". */
#define STRMAP_SEED 1469598103934665603ull
static inline uint64_t strmap_feed(uint64_t h, const char *s, size_t len) {
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}
static inline uint64_t strmap_mix(uint64_t h) { return h ^ (h >> 29); }
/* Lookup with the key's hash already known (hash == strmap_hash(key, len)). */
int32_t strmap_get_h(const strmap *m, const char *key, size_t len, uint64_t hash);

/* For dictionary images (src/dict/image.c): read slot i (key NULL when empty), and build a map whose keys
 * live elsewhere (borrowed: not freed) from cap slots given in that same form. */
void strmap_slot_get(const strmap *m, size_t i, const char **key, uint32_t *len, int32_t *val, uint64_t *hash);
int strmap_adopt(strmap *m, size_t cap, size_t n);
void strmap_slot_set(strmap *m, size_t i, const char *key, uint32_t len, int32_t val, uint64_t hash);
/* A map read in place from cap slots that live elsewhere (a mapped dictionary image), n of them full: no
 * copy; the slots and keys must outlive the map and are never written. */
void strmap_view(strmap *m, const struct strmap_slot *slots, size_t cap, size_t n);

#endif
