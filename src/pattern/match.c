/* match.c -- stage 6: pattern matching (see pattern.h). */
#include "pattern.h"
#include "compat/petrarch.h"
#include "tag/tagger.h"
#include "util/words.h"
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define GAP_MAX 5      /* words that may come between two pattern words */
#define SLOT_MAX 8     /* non-actor words around the actor in a `+` slot */
/* The bytes of a vpattern try_pattern reads for a pattern of n words (dyad's dictionaries: no `before`): up to
 * the end of words[n - 1], and at least the first 64 (words[0] and words[1] end there). */
#define PAT_WORDS_END(n) ((n) > 2 ? offsetof(vpattern, words) + (size_t)(n) * sizeof(char *) : (size_t)64)
_Static_assert(offsetof(vpattern, words) + 2 * sizeof(char *) <= 64, "the first two words in the first 64 bytes");
_Static_assert(PAT_MAXW <= sizeof(((pat_link *)0)->bits), "a link's nbits is its pattern's nwords");

static inline __attribute__((always_inline)) int word_eq(const token *k, const char *w) {
    return (k->low[0] == w[0] && strcmp(k->low, w) == 0) || (k->lemma && k->lemma[0] == w[0] && strcmp(k->lemma, w) == 0);
}

/* A preposition the date pass made part of a date ("on Wednesday", "in March") is no pattern's word: "called
 * his counterpart on Wednesday" is not "call on". */
static int date_prep(const token *k) { return (k->flags & TF_INDATE) != 0; }

/* may token k be skipped inside a gap? */
static int skippable(const token *k) {
    if (k->tag == TG_VERB && k->vform != 'g') return 0;
    if (k->tag == TG_SUB || k->tag == TG_REL || k->tag == TG_MODAL) return 0;
    if (k->kind == TK_PUNCT && (k->low[0] == '.' || k->low[0] == ';' || k->low[0] == ':')) return 0;
    return 1;
}

/* Is token k a finite "be" or "have" ("is", "was", "has"), the verb of another clause ("said the movement has no
 * leaders")? "to be granted", "being", "been" are not. */
static int finite_aux(const token *k) {
    static const char *const F[] = {"is", "are", "was", "were", "has", "have", "had", "'s", "'re", "'ve", NULL};
    if (k->tag != TG_BE && k->tag != TG_HAVE) return 0;
    for (const char *const *p = F; *p; p++)
        if (!strcmp(k->low, *p)) return 1;
    return 0;
}

/* PETRARCH patterns (d->petr): words match as written, a word "&name" is a synset; returns the number of
 * tokens matched at t[pos] (0: none). */
static size_t petr_word(const dyad_dict *d, const token *t, size_t pos, size_t limit, const char *w) {
    if (w[0] == '&') return petr_synset_at(d, w, t, pos, limit);
    if (d->petr->p2 && t[pos].lemma && strcmp(t[pos].lemma, w) == 0) return 1; /* PETRARCH-2: "ASSURANCE" ~ "assurances" */
    return t[pos].low[0] == w[0] && strcmp(t[pos].low, w) == 0;
}

#define BEFORE_GAP 10 /* words that may come between two words before the verb */

/* PETRARCH patterns: the words before the verb, nearest first, back to the sentence's start; '_' joins
 * allow no gap. Sets m->first. */
static int petr_before(const dyad_dict *d, const token *t, size_t head, const vpattern *p, pmatch *m) {
    size_t pos = head; /* the word found last starts here */
    for (int k = p->nbefore - 1; k >= 0; k--) {
        const char *w = p->before[k];
        int adjacent = (p->adjacent >> (8 + k)) & 1;
        size_t found = 0;
        for (size_t q = pos, steps = 0; q > 0 && steps <= BEFORE_GAP; q--, steps++) {
            const token *x = &t[q - 1];
            if (x->kind == TK_PUNCT && (x->low[0] == '.' || x->low[0] == '!' || x->low[0] == '?')) break;
            size_t n = w[0] == '&' ? petr_synset_before(d, w, t, q - 1, 0) : (strcmp(x->low, w) == 0);
            if (n) {
                found = 1;
                if (p->target_subject == k + 2) { m->slot_start = (uint32_t)q; m->slot_end = (uint32_t)pos; }
                pos = q - n;
                break;
            }
            if (adjacent || (x->flags & TF_PARA)) break;
        }
        if (!found) return 0;
    }
    m->first = (uint32_t)pos;
    return 1;
}

/* The particle the verb at head takes ("called off the ceasefire": "off"), or NULL. A particle changes the
 * verb's meaning, so a pattern without it does not match ("called off the ceasefire" is not "call
 * ceasefire", "turned down the offer" not "turn offer"): found once per head, checked per pattern. */
static inline const char *particle_after(const token *t, size_t head, size_t limit) {
    static const char *const P[] = {"off", "out", "down", "up", "back", "away", NULL};
    size_t q = head + 1;
    while (q < limit && t[q].tag == TG_ADV) q++;
    if (q >= limit || t[q].tag != TG_PREP) return NULL;
    const char *const *k = P;
    while (*k && !same_word(*k, t[q].low)) k++;
    return *k;
}

/* Does pattern p lack the particle part? */
static int lacks_particle(const vpattern *p, const char *part) {
    for (int w = 0; w < p->nwords; w++)
        if (!strcmp(p->words[w], part)) return 0;
    return 1;
}

/* part: the particle after the head (particle_after), or NULL. bits: the words' bits among LINK_BITS (the
 * pattern's link: pat_link.bits), or NULL. A token whose form's and lemma's bits (wbit, lbit) both differ from a
 * word's is not that word (token.h): the word's string, a likely cache miss, is read only where a bit agrees. */
static int try_pattern(const dyad_dict *d, const token *t, size_t head, size_t limit, const char *part, const vpattern *p,
                       const uint8_t *bits, pmatch *m) {
    memset(m, 0, sizeof *m);
    m->first = (uint32_t)head;
    if (p->nbefore && !petr_before(d, t, head, p, m)) return 0;
    for (int k = 0; k < p->npre; k++) { /* pre-modifiers stand right before the head */
        size_t at = head - (size_t)(p->npre - k);
        if (head < (size_t)(p->npre - k) || !word_eq(&t[at], p->pre[k])) return 0;
    }
    if (part && !d->petr && !p->nominal && p->nwords && lacks_particle(p, part)) return 0;
    m->p = p;
    m->head = (uint32_t)head;
    m->last = (uint32_t)head;
    size_t pos = head + 1;
    for (int w = 0; w < p->nwords; w++) {
        int is_slot = p->target_slot == w || p->source_slot == w + 1; /* '+' ('$') stands before this word */
        int adjacent = (p->adjacent >> w) & 1; /* PETRARCH '_': no gap */
        size_t gap = 0, found = 0;
        size_t gstart = pos;
        while (pos < limit) {
            if (d->petr ? (found = petr_word(d, t, pos, limit, p->words[w])) != 0
                        : (!bits || t[pos].wbit == bits[w] || t[pos].lbit == bits[w]) && word_eq(&t[pos], p->words[w]) && !date_prep(&t[pos])) { found = found ? found : 1; break; } /* an empty slot: the target comes from elsewhere (a relative pronoun's antecedent) */
            if (adjacent || (d->petr && !d->petr->p2 ? t[pos].kind == TK_PUNCT && strchr(".;:!?", t[pos].low[0]) : !skippable(&t[pos]))) break;
            if (!d->petr && finite_aux(&t[pos])) break; /* another verb's "has", "was": "says the movement has no leaders" */
            if (t[pos].actor < 0) gap++;
            if (gap > (is_slot ? SLOT_MAX : GAP_MAX)) break;
            pos++;
        }
        if (!found) return 0;
        if (p->target_slot == w) { m->slot_start = (uint32_t)gstart; m->slot_end = (uint32_t)pos; }
        if (p->source_slot == w + 1) { m->src_start = (uint32_t)gstart; m->src_end = (uint32_t)pos; }
        m->pos[w] = (uint32_t)pos;
        m->last = (uint32_t)(pos + found - 1);
        pos += found;
    }
    m->score = 1 + p->npre + p->nwords + p->nbefore;
    m->ends_in_prep = p->nwords && (t[m->last].tag == TG_PREP || t[m->last].tag == TG_TO);
    return 1;
}

static int better(const dyad_dict *d, const pmatch *a, const pmatch *b) {
    if (a->plain_on_negated != b->plain_on_negated) return a->plain_on_negated < b->plain_on_negated;
    if (a->score != b->score) return a->score > b->score;
    /* as many words, one ending in a noun over one ending in a preposition that waits for its object: "took
       over the town" is 'take town' (192), not 'take over' (171) with the town as a mere object */
    if (!d->petr && a->ends_in_prep != b->ends_in_prep) return a->ends_in_prep < b->ends_in_prep;
    if (a->last != b->last) return a->last < b->last;
    if (d->petr && d->petr->p2) return a->p->line > b->p->line; /* PETRARCH-2: the pattern written last wins */
    size_t ca = strlen(d->codes[a->p->code].code), cb = strlen(d->codes[b->p->code].code);
    if (ca != cb || d->petr) return ca > cb;
    /* and then the pattern loaded last (the links are not walked in pattern order: see pat_link) */
    return a->p > b->p;
}

/* Try pattern p at head; a match goes into out[0..n) in order of preference (at most max kept). Returns the
 * new n. */
static int consider(const dyad_dict *d, const token *t, size_t head, size_t limit, const char *part, int negated,
                    const vpattern *p, const uint8_t *bits, pmatch *out, int n, int max, trace_fn trace, void *ud) {
    pmatch m;
    int ok = try_pattern(d, t, head, limit, part, p, bits, &m);
    if (trace) {
        char buf[300];
        if (ok) snprintf(buf, sizeof buf, "  tried %s '%s' (%s:%d): matched, score %d", dict_pattern_code(d, p), p->text, p->file, p->line, m.score);
        else snprintf(buf, sizeof buf, "  tried %s '%s' (%s:%d): no", dict_pattern_code(d, p), p->text, p->file, p->line);
        trace(ud, buf);
    }
    if (!ok) return n;
    m.plain_on_negated = negated && !p->negated;
    /* insert in order */
    int at = n < max ? n : max;
    while (at > 0 && better(d, &m, &out[at - 1])) at--;
    if (at >= max) return n;
    int last = n < max ? n : max - 1;
    for (int k = last; k > at; k--) out[k] = out[k - 1];
    out[at] = m;
    return n < max ? n + 1 : n;
}
/* Does link l's pattern pass the filters of its words' bits (all in the window's wset), of its pre-modifiers'
 * (each the bit of the form or of the lemma of the token try_pattern compares it with) and of negation? Exact
 * filters: a word equal to a token's form has its wbit, one equal to its lemma its lbit (token.h). */
static inline int link_passes(const pat_link *l, const pat_window *w, int negated) {
    if ((l->flags & LINK_NEGATED) && !negated) return 0;
    for (int q = 0, nb = l->flags >> 4; q < nb; q++)
        if (!((w->wset[l->bits[q] / 64] >> (l->bits[q] % 64)) & 1)) return 0;
    for (int k = 0; k < l->npre; k++) { /* pre[k] is compared with t[head - (npre - k)] */
        int i = l->npre - k - 1;
        if (i >= w->nbefore || (w->wbit[i] != l->pre[k] && w->lbit[i] != l->pre[k])) return 0;
    }
    return 1;
}

/* Count candidate l (the seen-th): kept when it is among [from, from + max); its pattern's lines asked of the
 * memory then. Returns 1 when max are kept (the caller stops). */
static inline int take(const dyad_dict *d, const pat_link *l, size_t *seen, size_t from, const pat_link **cand, size_t *nc,
                       size_t max) {
    if ((*seen)++ < from) return 0;
    /* only the lines try_pattern reads: the fields before words[] and the words the pattern has (a link's nbits
       is its pattern's nwords, PAT_MAXW == sizeof bits). ~96% of the patterns tried have at most two words, all
       in the first 64 bytes; the rest of the ~200-byte struct (text, file, PETRARCH's fields) is not read, and
       asking for it filled the line buffers */
    const char *p = (const char *)&d->pats[l->pat];
    __builtin_prefetch(p);
    __builtin_prefetch(p + PAT_WORDS_END(l->flags >> 4) - 1);
    cand[(*nc)++] = l;
    return *nc == max;
}

size_t head_candidates(const dyad_dict *d, int32_t rec, const pat_window *w, int negated, size_t from, const pat_link **cand,
                       size_t max) {
    const head_groups *g = dict_head_groups(d, rec);
    const uint64_t *wset = w->wset;
    const pat_link *run = &d->links[g->link];
    size_t seen = 0, nc = 0;
    for (size_t i = 0; i < g->any; i++)
        if (link_passes(&run[i], w, negated) && take(d, &run[i], &seen, from, cand, &nc, max)) return nc;
    /* the groups whose key is among the words, in key order (the run's order): the rank of key k among the
       run's keys is its group's index in off[] */
    for (int j = 0; j < 4; j++)
        for (uint64_t m = wset[j] & g->keys[j]; m; m &= m - 1) {
            unsigned r = g->base[j] + dict_popcount64(g->keys[j] & ((m & -m) - 1));
            for (size_t i = g->off[r]; i < g->off[r + 1]; i++)
                if (link_passes(&run[i], w, negated) && take(d, &run[i], &seen, from, cand, &nc, max)) return nc;
        }
    return nc;
}

size_t link_candidates(const dyad_dict *d, int32_t link, const pat_window *w, int negated, size_t from, const pat_link **cand,
                       size_t max) {
    const uint64_t *wset = w->wset;
    size_t seen = 0, nc = 0;
    for (const pat_link *l = &d->links[link];; l++) {
        if (!(l->flags & LINK_ANY) && !((wset[l->key / 64] >> (l->key % 64)) & 1)) { /* the group's word is absent */
            if (!l->skip) return nc;
            l += l->skip - 1;
            continue;
        }
        if (link_passes(l, w, negated) && take(d, l, &seen, from, cand, &nc, max)) return nc;
        if (l->flags & LINK_LAST) return nc;
    }
}

/* The first pattern whose head is token hk's lemma, or else its form (dyad's dictionaries: the heads maps). */
static int32_t head_first(const dyad_dict *d, const token *hk, int nominal) {
    const char *lemma = hk->lemma ? hk->lemma : hk->low;
    /* the word's own form is looked up with the token's hash; so is a lemma written as the word is ("attack":
       the tagger's copy), which spares hashing it */
    int same = lemma == hk->low || strcmp(hk->low, lemma) == 0;
    int32_t first = same ? dict_verb_patterns_h(d, hk->low, hk->lowlen, hk->hash, nominal) : dict_verb_patterns(d, lemma, nominal);
    if (first < 0 && !same) first = dict_verb_patterns_h(d, hk->low, hk->lowlen, hk->hash, nominal);
    return first;
}
int match_at(const dyad_dict *d, const token *t, size_t head, size_t limit, int nominal, int negated,
             pmatch *out, int max, trace_fn trace, void *ud) {
    return match_at_w(d, NULL, t, head, limit, nominal, negated, out, max, trace, ud);
}
int match_at_w(const dyad_dict *d, tag_cache *wc, const token *t, size_t head, size_t limit, int nominal, int negated,
               pmatch *out, int max, trace_fn trace, void *ud) {
    const token *hk = &t[head];
    /* head_first's answer depends only on d and the strings it reads: the token's form and lemma. The word
       cache keeps it per form and per lemma of that form (tag_cache_head_memo), so a head already asked costs
       one load, not a strlen, a hash and a probe of the heads map. What is kept is what the walk below needs:
       the record of the head's run of links (dict_head_groups, bit 2 set), so neither the ~200-byte pattern
       (for pats[first].link) nor the run's index is read, or else first itself (bit 2 clear: no record); the
       lemma's kind in the low two bits (0: no answer yet). Only a trace (explain) needs first when the record is
       kept: it is looked up again then. PETRARCH's dictionaries do not read it (below). */
    unsigned kind = 0;
    int32_t *memo = wc && !d->petr ? tag_cache_head_memo(wc, hk, nominal, d, &kind) : NULL;
    int32_t first, link = -1, rec = -1;
    if (memo && (unsigned)(*memo & 3) == kind) {
        int32_t v = (*memo >> 3) - 1;
        if (*memo & 4) {
            rec = v;
            __builtin_prefetch(d->head_pool + rec); /* read after the window is built */
            first = trace ? head_first(d, hk, nominal) : INT32_MAX; /* >= 0: the head has patterns */
        } else {
            first = v;
            if (first >= 0 && d->links) link = d->pats[first].link; /* a run without a record */
        }
    } else {
        first = d->petr ? -1 : head_first(d, hk, nominal);
        if (!d->petr && d->links && first >= 0 && (link = d->pats[first].link) >= 0) rec = dict_head_record(d, link);
        int32_t v = rec >= 0 ? rec : first;
        if (memo && v < (1 << 27)) *memo = (int32_t)(((uint32_t)(v + 1) << 3) | (rec >= 0 ? 4u : 0u) | kind);
    }
    /* PETRARCH dictionaries list every written form of a verb; a form may lead to several chains */
    int32_t node = d->petr && !nominal ? petr_verb_node(d, t[head].low) : -1;
    if (d->petr) first = node >= 0 ? d->petr->fnode[node].chain : -1;
    int n = 0;
    if (first < 0) return 0; /* no pattern has this head (most verbs and nouns asked): no window to build */
    /* the words that follow the head, as a set of bits: a pattern whose words are not all in it cannot match
       (64 bits for PETRARCH's chains, LINK_BITS for dyad's links) */
    pat_window pw = {.wset = {0}, .nbefore = 0};
    uint64_t *wset = pw.wset;
    _Static_assert(LINK_BITS == 256, "token.wbit and token.lbit are hashes % 256");
    for (size_t k = head + 1; k < limit && k < head + 24; k++) { /* the word's and its lemma's bits, kept in the token */
        unsigned w = t[k].wbit, l = t[k].lbit;
        wset[w / 64] |= 1ull << (w & 63);
        wset[l / 64] |= 1ull << (l & 63);
    }
    for (size_t i = 0; i < 3 && i < head; i++, pw.nbefore++) pw.wbit[i] = t[head - 1 - i].wbit, pw.lbit[i] = t[head - 1 - i].lbit;
    /* dyad's dictionaries: the head's run of links, the groups whose word is there (head_candidates); when
       tracing, every pattern in the chain's own order */
    if ((rec >= 0 || link >= 0) && !trace) {
        const char *part = NULL; /* found at the first pattern tried */
        int part_known = 0;
        /* the patterns that pass the filters are gathered first, their structs asked of the memory, then tried
           in the same order: a pattern is ~200 bytes of the dictionary image, rarely in a cache, and the walk
           had to wait for each in turn */
        enum { BATCH = 32 };
        const pat_link *cand[BATCH];
        for (size_t from = 0;; from += BATCH) {
            size_t nc = rec >= 0 ? head_candidates(d, rec, &pw, negated, from, cand, BATCH)
                                 : link_candidates(d, link, &pw, negated, from, cand, BATCH);
            if (nc && !part_known) part = particle_after(t, head, limit), part_known = 1;
            for (size_t q = 0; q < nc; q++) n = consider(d, t, head, limit, part, negated, &d->pats[cand[q]->pat], cand[q]->bits, out, n, max, NULL, NULL);
            if (nc < BATCH) return n;
        }
    }
    if (!d->petr && d->links) {
        const char *part = particle_after(t, head, limit);
        for (int32_t i = first; i >= 0; i = d->pats[i].next)
            if (!(d->pats[i].negated && !negated)) n = consider(d, t, head, limit, part, negated, &d->pats[i], NULL, out, n, max, trace, ud);
        return n;
    }
    /* PETRARCH's: the chains of each written form */
    for (int32_t i = first; i >= 0;
         i = d->pats[i].next >= 0 || node < 0 ? d->pats[i].next
             : (node = d->petr->fnode[node].next) >= 0 ? d->petr->fnode[node].chain : -1) {
        const vpattern *p = &d->pats[i];
        if (p->negated && !negated) continue;
        if ((p->wbloom & (wset[0] | wset[1] | wset[2] | wset[3])) != p->wbloom && !trace) continue;
        n = consider(d, t, head, limit, NULL, negated, p, NULL, out, n, max, trace, ud);
    }
    return n;
}
