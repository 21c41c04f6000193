/* match.c -- stage 6: pattern matching (see pattern.h). */
#include "pattern.h"
#include <stdio.h>
#include <string.h>

#define GAP_MAX 5      /* words that may come between two pattern words */
#define SLOT_MAX 8     /* non-actor words around the actor in a `+` slot */

static int word_eq(const token *k, const char *w) {
    return (k->low[0] == w[0] && strcmp(k->low, w) == 0) || (k->lemma && k->lemma[0] == w[0] && strcmp(k->lemma, w) == 0);
}

/* may token k be skipped inside a gap? */
static int skippable(const token *k) {
    if (k->tag == TG_VERB && k->vform != 'g') return 0;
    if (k->tag == TG_SUB || k->tag == TG_REL || k->tag == TG_MODAL) return 0;
    if (k->kind == TK_PUNCT && (k->low[0] == '.' || k->low[0] == ';' || k->low[0] == ':')) return 0;
    return 1;
}

static int try_pattern(const token *t, size_t head, size_t limit, const vpattern *p, pmatch *m) {
    memset(m, 0, sizeof *m);
    for (int k = 0; k < p->npre; k++) { /* pre-modifiers stand right before the head */
        size_t at = head - (size_t)(p->npre - k);
        if (head < (size_t)(p->npre - k) || !word_eq(&t[at], p->pre[k])) return 0;
    }
    m->p = p;
    m->head = (uint32_t)head;
    m->last = (uint32_t)head;
    size_t pos = head + 1;
    for (int w = 0; w < p->nwords; w++) {
        int is_slot = p->target_slot == w; /* '+' stands before this word */
        size_t gap = 0, found = 0;
        size_t gstart = pos;
        while (pos < limit) {
            if (word_eq(&t[pos], p->words[w])) { found = 1; break; } /* an empty slot: the target comes from elsewhere (a relative pronoun's antecedent) */
            if (!skippable(&t[pos])) break;
            if (t[pos].actor < 0) gap++;
            if (gap > (is_slot ? SLOT_MAX : GAP_MAX)) break;
            pos++;
        }
        if (!found) return 0;
        if (is_slot) { m->slot_start = (uint32_t)gstart; m->slot_end = (uint32_t)pos; }
        m->pos[w] = (uint32_t)pos;
        m->last = (uint32_t)pos;
        pos++;
    }
    m->score = 1 + p->npre + p->nwords;
    return 1;
}

static int better(const dyad_dict *d, const pmatch *a, const pmatch *b) {
    if (a->plain_on_negated != b->plain_on_negated) return a->plain_on_negated < b->plain_on_negated;
    if (a->score != b->score) return a->score > b->score;
    if (a->last != b->last) return a->last < b->last;
    return strlen(d->codes[a->p->code].code) > strlen(d->codes[b->p->code].code);
}

int match_at(const dyad_dict *d, const token *t, size_t head, size_t limit, int nominal, int negated,
             pmatch *out, int max, trace_fn trace, void *ud) {
    const char *lemma = t[head].lemma ? t[head].lemma : t[head].low;
    int32_t first = dict_verb_patterns(d, lemma, nominal);
    if (first < 0 && strcmp(t[head].low, lemma) != 0) first = dict_verb_patterns(d, t[head].low, nominal);
    int n = 0;
    for (int32_t i = first; i >= 0; i = d->pats[i].next) {
        const vpattern *p = &d->pats[i];
        if (p->negated && !negated) continue;
        pmatch m;
        int ok = try_pattern(t, head, limit, p, &m);
        if (trace) {
            char buf[300];
            if (ok) snprintf(buf, sizeof buf, "  tried %s '%s' (%s:%d): matched, score %d", d->codes[p->code].code, p->text, p->file, p->line, m.score);
            else snprintf(buf, sizeof buf, "  tried %s '%s' (%s:%d): no", d->codes[p->code].code, p->text, p->file, p->line);
            trace(ud, buf);
        }
        if (!ok) continue;
        m.plain_on_negated = negated && !p->negated;
        /* insert in order */
        int at = n < max ? n : max;
        while (at > 0 && better(d, &m, &out[at - 1])) at--;
        if (at >= max) continue;
        int last = n < max ? n : max - 1;
        for (int k = last; k > at; k--) out[k] = out[k - 1];
        out[at] = m;
        if (n < max) n++;
    }
    return n;
}
