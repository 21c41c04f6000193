/* petr_util.c -- PETRARCH compatibility helpers used while coding: the arena hash map, synset phrases at
 * a token position, discard phrases in a text (see petrarch.h). */
#include "petrarch.h"
#include "util/strmap.h"
#include <ctype.h>
#include <string.h>

/* ---- arena hash map ---------------------------------------------------------------------------------- */

static int amap_grow(arena *a, amap *m) {
    size_t cap = m->cap ? m->cap * 2 : 64;
    amap_slot *s = arena_calloc(a, cap * sizeof *s);
    if (!s) return -1;
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->s[i].key) continue;
        size_t h = (size_t)strmap_hash(m->s[i].key, m->s[i].len) & (cap - 1);
        while (s[h].key) h = (h + 1) & (cap - 1);
        s[h] = m->s[i];
    }
    m->s = s; /* the old array stays in the arena */
    m->cap = cap;
    return 0;
}

int32_t *amap_put(arena *a, amap *m, const char *key, size_t len, int32_t init, int *is_new) {
    if ((m->n + 1) * 2 > m->cap && amap_grow(a, m)) return NULL;
    size_t h = (size_t)strmap_hash(key, len) & (m->cap - 1);
    while (m->s[h].key) {
        if (m->s[h].len == len && memcmp(m->s[h].key, key, len) == 0) {
            if (is_new) *is_new = 0;
            return &m->s[h].val;
        }
        h = (h + 1) & (m->cap - 1);
    }
    char *k = arena_strndup(a, key, len);
    if (!k) return NULL;
    m->s[h].key = k;
    m->s[h].len = (uint32_t)len;
    m->s[h].val = init;
    m->n++;
    if (is_new) *is_new = 1;
    return &m->s[h].val;
}

int32_t amap_get(const amap *m, const char *key, size_t len) {
    if (!m->cap) return -1;
    size_t h = (size_t)strmap_hash(key, len) & (m->cap - 1);
    while (m->s[h].key) {
        if (m->s[h].len == len && memcmp(m->s[h].key, key, len) == 0) return m->s[h].val;
        h = (h + 1) & (m->cap - 1);
    }
    return -1;
}

int32_t petr_verb_node(const dyad_dict *d, const char *form) {
    return d->petr ? amap_get(&d->petr->forms, form, strlen(form)) : -1;
}

/* ---- synsets ----------------------------------------------------------------------------------------- */

#define SYN_DEPTH 4 /* synsets inside synsets */

static size_t phrase_at(const dyad_dict *d, const petr_phrase *p, const token *t, size_t pos, size_t limit, int depth);

static size_t synset_at(const dyad_dict *d, const char *ref, const token *t, size_t pos, size_t limit, int depth) {
    const struct petr_ext *x = d->petr;
    if (!x || depth > SYN_DEPTH) return 0;
    int32_t s = amap_get(&x->syn_index, ref, strlen(ref));
    if (s < 0) return 0;
    size_t best = 0;
    for (int32_t i = 0; i < x->syn[s].n; i++) {
        size_t n = phrase_at(d, &x->phr[x->syn[s].first + i], t, pos, limit, depth + 1);
        if (n > best) best = n;
    }
    return best;
}

static size_t phrase_at(const dyad_dict *d, const petr_phrase *p, const token *t, size_t pos, size_t limit, int depth) {
    size_t at = pos;
    for (int k = 0; k < p->n; k++) {
        if (at >= limit) return 0;
        if (p->w[k][0] == '&') {
            size_t n = synset_at(d, p->w[k], t, at, limit, depth);
            if (!n) return 0;
            at += n;
        } else {
            if (strcmp(t[at].low, p->w[k]) != 0) return 0;
            at++;
        }
    }
    return at - pos;
}

size_t petr_synset_at(const dyad_dict *d, const char *ref, const token *t, size_t pos, size_t limit) {
    return synset_at(d, ref, t, pos, limit, 0);
}

size_t petr_synset_before(const dyad_dict *d, const char *ref, const token *t, size_t last, size_t lower) {
    /* try every start from which a phrase could end at `last` (phrases are short) */
    size_t best = 0;
    for (size_t n = 1; n <= 8 && n <= last + 1 - lower; n++)
        if (synset_at(d, ref, t, last + 1 - n, last + 1, 0) == n) best = n;
    return best;
}

/* ---- discards ---------------------------------------------------------------------------------------- */

/* The next whitespace-separated word at or after *i: its start and length; 0 at the end. */
static int next_word(const char *text, size_t len, size_t *i, size_t *b, size_t *l) {
    while (*i < len && isspace((unsigned char)text[*i])) (*i)++;
    *b = *i;
    while (*i < len && !isspace((unsigned char)text[*i])) (*i)++;
    *l = *i - *b;
    return *l > 0;
}

static int same_upper(const char *s, size_t l, const char *w) {
    size_t k = 0;
    for (; k < l && w[k]; k++)
        if (toupper((unsigned char)s[k]) != (unsigned char)w[k]) return 0;
    return k == l && !w[k];
}

/* PETRARCH compares upper-cased, whitespace-separated words: "baseball," is not "BASEBALL". */
int petr_discard_find(const dyad_dict *d, const char *text, size_t len, const char **which) {
    const struct petr_ext *x = d->petr;
    if (which) *which = NULL;
    if (!x || !x->ndisc) return 0;
    int found = 0;
    size_t i = 0, b, l;
    while (found < 2 && next_word(text, len, &i, &b, &l)) {
        char key[128];
        if (l >= sizeof key) continue;
        for (size_t c = 0; c < l; c++) key[c] = (char)toupper((unsigned char)text[b + c]);
        for (int32_t k = amap_get(&x->disc_first, key, l); k >= 0; k = x->disc[k].next) {
            const petr_discard *p = &x->disc[k];
            size_t j = i, b2, l2;
            int ok = 1;
            for (int q = 1; q < p->n && ok; q++)
                ok = next_word(text, len, &j, &b2, &l2) && same_upper(text + b2, l2, p->w[q]);
            if (!ok) continue;
            int level = p->story ? 2 : 1;
            if (level > found) {
                found = level;
                if (which) *which = p->text;
            }
        }
    }
    return found;
}
