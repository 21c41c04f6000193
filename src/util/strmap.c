/* strmap.c -- string -> integer hash map (see strmap.h). */
#include "strmap.h"
#include <stdlib.h>
#include <string.h>

uint64_t strmap_hash(const char *s, size_t len) { return strmap_mix(strmap_raw(s, len)); }

void strmap_init(strmap *m) { memset(m, 0, sizeof *m); }

void strmap_free(strmap *m) {
    if (!m->borrowed)
        for (size_t i = 0; i < m->cap; i++) free(m->slots[i].key);
    if (m->borrowed != 2) free(m->slots);
    memset(m, 0, sizeof *m);
}

static int grow(strmap *m) {
    size_t nc = m->cap ? m->cap * 2 : 64;
    struct strmap_slot *ns = calloc(nc, sizeof *ns);
    if (!ns) return 0;
    for (size_t i = 0; i < m->cap; i++) {
        struct strmap_slot *s = &m->slots[i];
        if (!s->key) continue;
        size_t j = s->hash & (nc - 1);
        while (ns[j].key) j = (j + 1) & (nc - 1);
        ns[j] = *s;
    }
    free(m->slots);
    m->slots = ns;
    m->cap = nc;
    return 1;
}

void strmap_init_borrowed(strmap *m) {
    memset(m, 0, sizeof *m);
    m->borrowed = 1;
}

/* copy: the key is copied into the map's own storage (else the caller's is kept) */
static int32_t *put(strmap *m, const char *key, size_t len, uint64_t h, int32_t init, int *is_new, int copy) {
    if ((m->n + 1) * 2 > m->cap && !grow(m)) return NULL; /* at most half full: a miss probes ~2.5 slots, not ~8.5 */
    struct strmap_slot *s = strmap_find(m, key, len, h);
    if (s->key) {
        if (is_new) *is_new = 0;
        return &s->val;
    }
    if (copy) {
        s->key = malloc(len + 1);
        if (!s->key) return NULL;
        memcpy(s->key, key, len);
        s->key[len] = 0;
    } else s->key = (char *)key;
    s->len = (uint32_t)len;
    s->hash = h;
    s->val = init;
    m->n++;
    if (is_new) *is_new = 1;
    return &s->val;
}

int32_t *strmap_put(strmap *m, const char *key, size_t len, int32_t init, int *is_new) {
    return put(m, key, len, strmap_hash(key, len), init, is_new, 1);
}

int32_t *strmap_put_borrowed(strmap *m, const char *key, size_t len, uint64_t hash, int32_t init, int *is_new) {
    return put(m, key, len, hash, init, is_new, 0);
}

int32_t strmap_get(const strmap *m, const char *key, size_t len) {
    struct strmap_slot *s = strmap_find(m, key, len, strmap_hash(key, len));
    return (s && s->key) ? s->val : -1;
}

const char *strmap_key(const strmap *m, const char *key, size_t len) {
    struct strmap_slot *s = strmap_find(m, key, len, strmap_hash(key, len));
    return (s && s->key) ? s->key : NULL;
}

void strmap_slot_get(const strmap *m, size_t i, const char **key, uint32_t *len, int32_t *val, uint64_t *hash) {
    const struct strmap_slot *s = &m->slots[i];
    *key = s->key, *len = s->len, *val = s->val, *hash = s->hash;
}

int strmap_adopt(strmap *m, size_t cap, size_t n) {
    memset(m, 0, sizeof *m);
    if (!cap) return 0;
    m->slots = calloc(cap, sizeof *m->slots);
    if (!m->slots) return -1;
    m->cap = cap;
    m->n = n;
    m->borrowed = 1;
    return 0;
}

void strmap_slot_set(strmap *m, size_t i, const char *key, uint32_t len, int32_t val, uint64_t hash) {
    struct strmap_slot *s = &m->slots[i];
    s->key = (char *)key, s->len = len, s->val = val, s->hash = hash;
}

void strmap_view(strmap *m, const struct strmap_slot *slots, size_t cap, size_t n) {
    m->slots = (struct strmap_slot *)slots; /* read only: find() never writes */
    m->cap = cap;
    m->n = n;
    m->borrowed = 2;
}
