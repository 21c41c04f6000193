/* petr_util.c -- PETRARCH compatibility helpers used while coding: the arena hash map, synset phrases at
 * a token position, discard phrases in a text (see petrarch.h). */
#include "petrarch.h"
#include "util/strmap.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

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

/* ---- negation (PETRARCH-2) --------------------------------------------------------------------------- */

/* PETRARCH-2 negates a verb's event by turning it into its CAMEO opposite where CAMEO has one: making a
 * statement -> declining to comment, claiming responsibility -> denying it, material cooperation -> rejecting
 * it, yielding -> refusing to yield. Any other negated event is not coded. */
static const struct { const char *code, *negated; } petr_negations[] = {
    {"010", "011"}, {"015", "016"}, {"060", "121"}, {"061", "1211"}, {"062", "1212"},
    {"080", "124"}, {"081", "1241"}, {"082", "1242"}, {"0841", "1242"}, {"0842", "1242"},
    {"085", "1244"}, {"086", "1245"}, {"087", "1246"},
};

int32_t petr_negated_code(const dyad_dict *d, int32_t code) {
    const code_info *ci = dict_code_info(d, code);
    if (!ci) return -1;
    for (size_t i = 0; i < sizeof petr_negations / sizeof petr_negations[0]; i++)
        if (!strcmp(ci->code, petr_negations[i].code)) return dict_code(d, petr_negations[i].negated);
    return -1;
}

int petr_pattern_negates(const vpattern *p) {
    for (size_t i = 0; i < p->nbefore; i++)
        if (!strcasecmp(p->before[i], "not") || !strcasecmp(p->before[i], "never")) return 1;
    for (size_t i = 0; i < p->nwords; i++)
        if (!strcasecmp(p->words[i], "not") || !strcasecmp(p->words[i], "never")) return 1;
    return 0;
}

/* ---- a verb governing another (PETRARCH-2) ----------------------------------------------------------- */

/* CAMEO's appeal (02), intend (03) and demand (10) families share their sub-categories: x1 material
 * cooperation (06), x2 diplomatic cooperation (05), x3 aid (07), x4 political reform (083), x5 yielding (08).
 * The second digits below are the sub-category of `inner` within such a family; NULL: none. */
static const char *family_tail(const char *inner) {
    static const struct { const char *inner, *tail; } T[] = {
        {"060", "1"}, {"061", "11"}, {"062", "12"}, {"063", "13"}, {"064", "14"},
        {"05", "2"},
        {"070", "3"}, {"071", "31"}, {"072", "32"}, {"073", "33"}, {"074", "34"}, {"075", "3"},
        {"080", "5"}, {"081", "51"}, {"082", "52"}, {"084", "53"}, {"085", "54"}, {"086", "55"}, {"087", "56"},
        {"083", "4"}, {"0831", "41"}, {"0832", "42"}, {"0833", "43"}, {"0834", "44"},
    };
    const char *best = NULL;
    size_t bl = 0;
    for (size_t i = 0; i < sizeof T / sizeof T[0]; i++) { /* the longest prefix */
        size_t l = strlen(T[i].inner);
        if (l > bl && !strncmp(inner, T[i].inner, l)) { best = T[i].tail; bl = l; }
    }
    return best;
}

int32_t petr_compose(const dyad_dict *d, int32_t outer, int32_t inner) {
    const code_info *o = dict_code_info(d, outer), *in = dict_code_info(d, inner);
    if (!o || !in) return -1;
    const char *oc = o->code, *ic = in->code;
    char out[8] = "";
    if (!strncmp(oc, "02", 2) || !strncmp(oc, "03", 2) || !strncmp(oc, "10", 2)) {
        const char *tail = family_tail(ic);
        if (tail) snprintf(out, sizeof out, "%.2s%s", oc, tail);
        else if (!strncmp(oc, "03", 2) && !strcmp(ic, "190")) snprintf(out, sizeof out, "138"); /* want to attack */
    } else if (!strncmp(oc, "13", 2)) { /* threaten: to reduce relations, to fight, mass violence */
        static const char *const T[][2] = {{"160", "131"}, {"161", "1313"}, {"162", "1311"}, {"163", "132"}, {"190", "138"},
                                           {"191", "1381"}, {"192", "1382"}, {"193", "1383"}, {"194", "1384"}, {"200", "1385"}};
        for (size_t i = 0; i < sizeof T / sizeof T[0]; i++)
            if (!strncmp(ic, T[i][0], 3) && (strlen(ic) == 3 || !strcmp(T[i][0], "162"))) snprintf(out, sizeof out, "%s", T[i][1]);
    } else if (!strncmp(oc, "11", 2) && !strncmp(ic, "19", 2) && strlen(ic) == 3) { /* accuse of aggression */
        snprintf(out, sizeof out, "%s", ic[2] == '0' ? "112" : (char[]){'1', '1', '2', ic[2], 0});
    } else if (!strncmp(oc, "01", 2) && !strcmp(ic, "190")) snprintf(out, sizeof out, "015");
    else if (!strncmp(oc, "14", 2) && !strcmp(ic, "190")) snprintf(out, sizeof out, "145");
    else if (!strncmp(oc, "17", 2) && !strcmp(ic, "163")) snprintf(out, sizeof out, "172");
    return *out ? dict_code(d, out) : -1;
}
