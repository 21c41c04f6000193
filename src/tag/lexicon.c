/* lexicon.c -- word lookup and lemmatization over the generated WordNet tables (see lexicon.h). */
#include "lexicon.h"
#include "util/strmap.h"
#include <string.h>

const lex_entry *lex_lookup(const char *w, size_t len) {
    if (len == 0 || len > 60) return NULL;
    uint64_t h = strmap_hash(w, len);
    uint32_t hi = (uint32_t)(h >> 32);
    for (size_t j = h & (lex_cap - 1);; j = (j + 1) & (lex_cap - 1)) {
        lex_slot s = lex_table[j];
        if (s.i < 0) return NULL;
        if (s.hi != hi) continue; /* another word's: its entry and string are not read (each a likely cache miss) */
        const char *k = lex_strings + lex_entries[s.i].w;
        if (strncmp(k, w, len) == 0 && k[len] == 0) return &lex_entries[s.i];
    }
}

static int has_pos(const char *w, size_t len, int pos) {
    const lex_entry *e = lex_lookup(w, len);
    return e && (e->pos & pos);
}

static int try_base(const char *w, size_t stem, const char *add, int pos, char *out, size_t outsz) {
    size_t al = strlen(add);
    if (stem + al + 1 > outsz || stem == 0) return 0;
    memcpy(out, w, stem);
    memcpy(out + stem, add, al);
    out[stem + al] = 0;
    return has_pos(out, stem + al, pos);
}

static int ends(const char *w, size_t len, const char *suf) {
    size_t n = strlen(suf);
    return len > n && memcmp(w + len - n, suf, n) == 0;
}

int lex_lemma(const char *w, size_t len, int pos, char *out, size_t outsz, char *form) {
    return lex_lemma_e(w, len, len ? lex_lookup(w, len) : NULL, pos, out, outsz, form);
}

int lex_lemma_e(const char *w, size_t len, const lex_entry *e, int pos, char *out, size_t outsz, char *form) {
    *form = 0;
    if (len == 0 || len + 1 > outsz) return 0;
    int bi = pos == LEX_N ? 0 : pos == LEX_V ? 1 : pos == LEX_A ? 2 : -1;
    if (e && bi >= 0 && e->base[bi]) {
        const char *base = lex_strings + e->base[bi];
        size_t bl = strlen(base);
        if (bl + 1 > outsz) return 0;
        memcpy(out, base, bl + 1);
        *form = pos == LEX_V ? 'd' : pos == LEX_N ? 'p' : 0;
        /* irregular verb forms: "-en"/"-n" endings are participles, the rest past tense */
        if (pos == LEX_V && (ends(w, len, "en") || ends(w, len, "wn") || ends(w, len, "ne"))) *form = 'n';
        /* listed gerunds with a doubled consonant ("stepping", "dropping", "quitting") are not past forms */
        if (pos == LEX_V && ends(w, len, "ing")) *form = 'g';
        return 1;
    }
    /* plural nouns that WordNet also lists on their own ("relations", "talks", "forces"): use the singular */
    if (e && (e->pos & pos) && pos == LEX_N && len > 3 && w[len - 1] == 's' && w[len - 2] != 's' && w[len - 2] != 'u' &&
        w[len - 2] != 'i') {
        if (ends(w, len, "ies") && try_base(w, len - 3, "y", pos, out, outsz)) return *form = 'p', 1;
        if (try_base(w, len - 1, "", pos, out, outsz)) return *form = 'p', 1;
    }
    if (e && (e->pos & pos)) {
        memcpy(out, w, len);
        out[len] = 0;
        return 1;
    }
    if (pos == LEX_V) {
        if (ends(w, len, "ies") && try_base(w, len - 3, "y", pos, out, outsz)) return *form = 's', 1;
        if (ends(w, len, "es") && try_base(w, len - 2, "", pos, out, outsz)) return *form = 's', 1;
        if (ends(w, len, "s") && !ends(w, len, "ss") && try_base(w, len - 1, "", pos, out, outsz))
            return *form = 's', 1;
        if (ends(w, len, "ied") && try_base(w, len - 3, "y", pos, out, outsz)) return *form = 'd', 1;
        if (ends(w, len, "ed")) {
            /* "raped" is rape, not rap; "hoped" hope, not hop: a base in -e first */
            if (try_base(w, len - 1, "", pos, out, outsz)) return *form = 'd', 1;
            if (try_base(w, len - 2, "", pos, out, outsz)) return *form = 'd', 1;
            if (len > 4 && w[len - 3] == w[len - 4] && try_base(w, len - 3, "", pos, out, outsz))
                return *form = 'd', 1;
        }
        if (ends(w, len, "ing")) {
            if (try_base(w, len - 3, "", pos, out, outsz)) return *form = 'g', 1;
            if (try_base(w, len - 3, "e", pos, out, outsz)) return *form = 'g', 1;
            if (len > 5 && w[len - 4] == w[len - 5] && try_base(w, len - 4, "", pos, out, outsz))
                return *form = 'g', 1;
            if (ends(w, len, "ying") && try_base(w, len - 4, "ie", pos, out, outsz)) return *form = 'g', 1;
        }
        return 0;
    }
    if (pos == LEX_N) {
        if (ends(w, len, "ies") && try_base(w, len - 3, "y", pos, out, outsz)) return *form = 'p', 1;
        if (ends(w, len, "men") && try_base(w, len - 3, "man", pos, out, outsz)) return *form = 'p', 1;
        if ((ends(w, len, "ses") || ends(w, len, "xes") || ends(w, len, "zes") || ends(w, len, "ches") ||
             ends(w, len, "shes")) && try_base(w, len - 2, "", pos, out, outsz))
            return *form = 'p', 1;
        if (ends(w, len, "s") && !ends(w, len, "ss") && try_base(w, len - 1, "", pos, out, outsz))
            return *form = 'p', 1;
        return 0;
    }
    if (pos == LEX_A) {
        if (ends(w, len, "est") && (try_base(w, len - 3, "", pos, out, outsz) || try_base(w, len - 2, "", pos, out, outsz)))
            return 1;
        if (ends(w, len, "er") && (try_base(w, len - 2, "", pos, out, outsz) || try_base(w, len - 1, "", pos, out, outsz)))
            return 1;
        return 0;
    }
    return 0;
}
