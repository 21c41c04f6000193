/* match.c -- stage 6: pattern matching (see pattern.h). */
#include "pattern.h"
#include <stdio.h>
#include <string.h>

#define GAP_MAX 5      /* words that may come between two pattern words */
#define SLOT_MAX 8     /* non-actor words around the actor in a `+` slot */

static int word_eq(const token *k, const char *w) {
    return strcmp(k->low, w) == 0 || (k->lemma && strcmp(k->lemma, w) == 0);
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
        size_t gap = 0, found = 0, saw_actor = 0;
        size_t gstart = pos;
        while (pos < limit) {
            if (word_eq(&t[pos], p->words[w]) && (!is_slot || saw_actor)) { found = 1; break; }
            if (!skippable(&t[pos])) break;
            if (t[pos].actor >= 0) saw_actor = 1;
            else gap++;
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

int match_at(const dyad_dict *d, const token *t, size_t head, size_t limit, int nominal, int negated,
             pmatch *best, trace_fn trace, void *ud) {
    int32_t i = dict_verb_patterns(d, t[head].lemma ? t[head].lemma : t[head].low, nominal);
    if (i < 0 && strcmp(t[head].low, t[head].lemma ? t[head].lemma : "") != 0)
        i = dict_verb_patterns(d, t[head].low, nominal);
    int have = 0;
    for (; i >= 0; i = d->pats[i].next) {
        const vpattern *p = &d->pats[i];
        if (p->negated != (negated != 0)) continue;
        pmatch m;
        if (!try_pattern(t, head, limit, p, &m)) {
            if (trace) {
                char buf[300];
                snprintf(buf, sizeof buf, "  tried %s '%s' (%s:%d): no", d->codes[p->code].code, p->text, p->file, p->line);
                trace(ud, buf);
            }
            continue;
        }
        if (trace) {
            char buf[300];
            snprintf(buf, sizeof buf, "  tried %s '%s' (%s:%d): matched, score %d", d->codes[p->code].code, p->text,
                     p->file, p->line, m.score);
            trace(ud, buf);
        }
        if (!have || m.score > best->score ||
            (m.score == best->score && strlen(d->codes[p->code].code) > strlen(d->codes[best->p->code].code))) {
            *best = m;
            have = 1;
        }
    }
    return have;
}
