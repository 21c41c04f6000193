/* clause.c -- stage 4: verb groups and clause boundaries (see clause.h). */
#include "clause.h"
#include <string.h>

const char *const clause_type_names[] = {"main", "sub", "rel", "coord", "paren", "aside", "resume"};

/* the auxiliaries' tags, a bit each (one test for five) */
#define AUX_TAGS (1u << TG_MODAL | 1u << TG_BE | 1u << TG_HAVE | 1u << TG_DO | 1u << TG_NEG)
_Static_assert(TG__COUNT <= 32, "a tag is a bit of a 32-bit mask");

static int is_aux(const token *k) { return (AUX_TAGS >> k->tag) & 1; }

/* A quotation mark inside a verb group, before the verb it opens a quotation with: 'would "significantly
 * revise"', 'had "opened fire"'. */
static int quoted_verb(const token *t, size_t i, size_t end) {
    if (t[i].tag != TG_QUOTE) return 0;
    while (i < end && (t[i].tag == TG_QUOTE || t[i].tag == TG_ADV)) i++;
    return i < end && (t[i].tag == TG_VERB || is_aux(&t[i]));
}

/* Does the bare participle at i share the auxiliary of the passive whose verb is at `prev`: "was kidnapped
 * and (later) killed", "were killed and 30 others wounded" (a noun phrase of its own, and no object after)? */
static int shared_passive(const token *t, size_t start, size_t i, size_t end, size_t prev) {
    /* a verb of giving keeps an object in the passive: "were treated well and given food", "provided the support" */
    static const char *const GIVE[] = {"give", "provide", "grant", "offer", "award", "deny", "send", "show", "hand",
                                       "pay", "promise", "allow", "assure", "guarantee", NULL};
    int gives = 0;
    for (const char *const *p = GIVE; *p && !gives && t[i].lemma; p++) gives = !strcmp(*p, t[i].lemma);
    if (!gives && i + 1 < end && (t[i + 1].tag == TG_DET || t[i + 1].tag == TG_NUM || t[i + 1].tag == TG_NOUN || t[i + 1].tag == TG_PRON ||
                        t[i + 1].tag == TG_PPOSS || t[i + 1].actor >= 0))
        return 0; /* "troops were ambushed and killed two rebels": an active verb with its object */
    size_t q = i;
    while (q > start && t[q - 1].tag == TG_ADV) q--;
    if (q > start && t[q - 1].tag == TG_CONJ && strcmp(t[q - 1].low, "but") != 0) {
        /* "was arrested in Baku on Monday and charged": only a phrase without a verb between */
        for (size_t r = prev + 1; r + 1 < q; r++)
            if (t[r].tag == TG_VERB || is_aux(&t[r]) || t[r].tag == TG_SUB || t[r].tag == TG_REL || t[r].tag == TG_CONJ ||
                t[r].kind == TK_PUNCT || t[r].kind == TK_QUOTE || t[r].kind == TK_DASH || t[r].kind == TK_OPEN)
                return 0;
        return 1;
    }
    /* "and 30 others wounded": numbers, determiners, adjectives and nouns back to the conjunction */
    size_t np = q;
    while (np > start && (t[np - 1].tag == TG_NUM || t[np - 1].tag == TG_DET || t[np - 1].tag == TG_ADJ || t[np - 1].tag == TG_NOUN ||
            (t[np - 1].tag == TG_ADV && (!strcmp(t[np - 1].low, "more") || (np - 1 > start && t[np - 2].tag == TG_NUM)))))
        np--;
    return np < q && np > start + 1 && t[np - 1].tag == TG_CONJ && !strcmp(t[np - 1].low, "and") && np - 2 == prev;
}

/* Does a verb phrase start at i (skipping adverbs and commas)? */
static int vp_starts(const token *t, size_t i, size_t end) {
    while (i < end && (t[i].tag == TG_ADV || (t[i].tag == TG_PUNCT && t[i].low[0] == ','))) i++;
    if (i >= end) return 0;
    return t[i].tag == TG_MODAL || t[i].tag == TG_HAVE || t[i].tag == TG_DO ||
           (t[i].tag == TG_VERB && t[i].vform != 'g') || t[i].tag == TG_BE;
}

/* Does "subject + verb" start at i: an actor mention or pronoun followed by a verb group? */
static int subj_vp_starts(const token *t, size_t i, size_t end, const mention_list *ms) {
    /* skip adverbials before the subject: "and last Tuesday the ministry criticized ..." */
    size_t lim = i + 6;
    while (i < end && i < lim && t[i].actor < 0 && t[i].tag != TG_PRON &&
           (t[i].tag == TG_ADV || t[i].tag == TG_ADJ || t[i].tag == TG_PROPN || t[i].tag == TG_NUM || t[i].tag == TG_DET ||
            t[i].tag == TG_PREP || (t[i].tag == TG_PUNCT && t[i].low[0] == ',')))
        i++;
    if (i >= end) return 0;
    if (t[i].tag == TG_PRON) return vp_starts(t, i + 1, end);
    if (t[i].actor >= 0) {
        size_t e = ms->v[t[i].actor].end;
        return vp_starts(t, e, end);
    }
    return 0;
}

int analyse_clauses(arena *a, const token *t, size_t start, size_t end, const mention_list *ms, clause_info *ci) {
    memset(ci, 0, sizeof *ci);
    /* one allocation for the token map and the first 16 clauses and verb groups (a sentence rarely has more; more
       grow as before): three calls to the arena a sentence were one in twenty of the stage's instructions */
    enum { FIRST = 16 };
    size_t map = ((end - start + 1) * sizeof(int32_t) + 7u) & ~(size_t)7u;
    _Static_assert(sizeof(clause) % 4 == 0 && sizeof(vgroup) % 4 == 0, "the arrays share one block");
    char *block = arena_alloc(a, map + FIRST * sizeof(clause) + FIRST * sizeof(vgroup));
    if (!block) return -1;
    ci->tok_clause = (int32_t *)block;
    ci->cl = (clause *)(block + map);
    ci->capcl = FIRST;
    ci->vg = (vgroup *)(block + map + FIRST * sizeof(clause));
    ci->capvg = FIRST;
    /* clauses */
    clause *c = ARENA_PUSH(a, ci->cl, ci->ncl, ci->capcl, clause);
    if (!c) return -1;
    *c = (clause){(uint32_t)start, (uint32_t)end, CL_MAIN, -1, -1};
    int32_t cur = 0, outer = 0; /* outer: the clause to return to after brackets */
    int depth = 0, in_aside = 0;
    /* the tags that may open a clause; a word with none of them (most) opens none */
    const uint32_t OPENERS = 1u << TG_SUB | 1u << TG_REL | 1u << TG_CONJ;
    int32_t *cmap = ci->tok_clause;
    for (size_t i = start; i < end; i++) {
        /* (the tests below all fail for such a word: they ask for another kind or tag) */
        while (i < end && (t[i].kind == TK_WORD || t[i].kind == TK_NUM) && !((OPENERS >> t[i].tag) & 1)) cmap[i++ - start] = cur;
        if (i == end) break;
        const token *k = &t[i];
        int open = -1;
        int32_t intro = (int32_t)i;
        if (k->kind == TK_OPEN) {
            if (depth++ == 0) outer = cur;
            open = CL_PAREN;
        } else if (k->kind == TK_CLOSE && depth > 0) {
            if (--depth == 0) {
                /* back to the clause we were in: a new segment of the same type */
                ci->tok_clause[i - start] = cur;
                ci->cl[cur].end = (uint32_t)i + 1;
                clause *n = ARENA_PUSH(a, ci->cl, ci->ncl, ci->capcl, clause);
                if (!n) return -1;
                *n = ci->cl[outer];
                n->start = (uint32_t)i + 1;
                n->end = (uint32_t)end;
                cur = (int32_t)ci->ncl - 1;
                continue;
            }
        } else if (depth == 0) {
            if (k->tag == TG_SUB && !strcmp(k->low, "that") && i > start &&
                (t[i - 1].tag == TG_NOUN || t[i - 1].tag == TG_PROPN || t[i - 1].actor >= 0) && vp_starts(t, i + 1, end) &&
                !(i + 1 < end && t[i + 1].tag == TG_ADV))
                open = CL_REL; /* "an organization that monitors ...": "that" as a relative pronoun */
            else if (k->tag == TG_SUB) open = CL_SUB;
            else if (k->tag == TG_REL) open = CL_REL;
            else if (k->kind == TK_PUNCT && (k->low[0] == ';' || k->low[0] == ':')) open = CL_COORD;
            else if (k->kind == TK_DASH) {
                open = in_aside ? CL_RESUME : CL_ASIDE;
                in_aside = !in_aside;
            } else if (k->kind == TK_PUNCT && k->low[0] == ',' && (ci->cl[cur].type == CL_REL || ci->cl[cur].type == CL_SUB) &&
                       ci->cl[cur].antecedent >= 0 && vp_starts(t, i + 1, end)) {
                open = CL_RESUME; /* "Uzbekistan, which borders Afghanistan, condemned ...", "Greece, where ..., deployed" */
            } else if (k->tag == TG_CONJ) {
                int np_coord = i > start && t[i - 1].actor >= 0; /* "Brazilian and U.S. officials are ..." */
                if (vp_starts(t, i + 1, end)) open = CL_COORD;
                else if (!np_coord && subj_vp_starts(t, i + 1, end, ms)) open = CL_MAIN;
            }
        }
        if (open >= 0 && i > ci->cl[cur].start) {
            ci->cl[cur].end = (uint32_t)i;
            clause *n = ARENA_PUSH(a, ci->cl, ci->ncl, ci->capcl, clause);
            if (!n) return -1;
            *n = (clause){(uint32_t)i, (uint32_t)end, (uint8_t)open, intro, -1};
            if (open == CL_RESUME && k->kind == TK_DASH) {
                /* "Georgia – long wary of its neighbour – accused Russia": the subject stands before the aside */
                size_t b = ci->cl[cur].start;
                n->antecedent = (b > start && t[b - 1].actor >= 0) ? t[b - 1].actor : -1;
                if (n->antecedent < 0) n->type = CL_COORD;
            } else if (open == CL_RESUME) n->antecedent = ci->cl[cur].antecedent;
            if (open == CL_SUB && (!strcmp(k->low, "where") || !strcmp(k->low, "when")) && i > start + 1 &&
                t[i - 1].kind == TK_PUNCT && t[i - 1].low[0] == ',' && t[i - 2].actor >= 0 && !ms->v[t[i - 2].actor].locative &&
                !ms->v[t[i - 2].actor].in_brackets)
                n->antecedent = t[i - 2].actor; /* "Greece, where most migrants land, ...": only for the clause after it */
            if (open == CL_REL) {
                size_t j = i;
                while (j > start && (t[j - 1].tag == TG_PUNCT && t[j - 1].low[0] == ',')) j--;
                if (j > start && t[j - 1].actor >= 0) n->antecedent = t[j - 1].actor;
                else {
                    /* "an Azeri opposition politician who": the actor modifying the antecedent's head noun */
                    size_t q = j, nouns = 0;
                    while (q > start && nouns < 3 && t[q - 1].actor < 0 && (t[q - 1].tag == TG_NOUN || t[q - 1].tag == TG_ADJ))
                        q--, nouns++;
                    if (nouns && q > start && t[q - 1].actor >= 0 && !ms->v[t[q - 1].actor].locative &&
                        !ms->v[t[q - 1].actor].possessive)
                        n->antecedent = t[q - 1].actor;
                }
            }
            cur = (int32_t)ci->ncl - 1;
        } else if (open >= 0) {
            ci->cl[cur].type = (uint8_t)open;
            ci->cl[cur].intro = intro;
        }
        ci->tok_clause[i - start] = cur;
    }
    /* verb groups */
    for (size_t i = start; i < end; i++) {
        while (i < end && !(((AUX_TAGS | 1u << TG_VERB) >> t[i].tag) & 1)) i++; /* neither an auxiliary nor a verb */
        if (i == end) break;
        size_t j = i;
        vgroup g;
        memset(&g, 0, sizeof g);
        g.first = (uint32_t)i;
        int be = 0, have_aux = 0;
        while (j < end && (is_aux(&t[j]) || (t[j].tag == TG_ADV && j > i) || (j > i && quoted_verb(t, j, end)))) {
            const token *x = &t[j];
            if (x->tag == TG_NEG && !(j + 1 < end && !strcmp(t[j + 1].low, "only"))) g.neg = 1; /* not "not only ... but" */
            if (x->tag == TG_MODAL) {
                if (!strcmp(x->low, "will") || !strcmp(x->low, "shall") || !strcmp(x->low, "'ll") || !strcmp(x->low, "wo"))
                    g.future = 1;
                else g.hypothetical = 1;
            }
            if (x->tag == TG_BE) be = 1;
            if (x->tag == TG_HAVE) have_aux = 1;
            j++;
        }
        (void)have_aux;
        /* "going to": be + going + to + verb */
        if (j < end && t[j].tag == TG_VERB) {
            g.head = (uint32_t)j;
            if (be && (t[j].vform == 'd' || t[j].vform == 'n')) g.passive = 1;
            if (!be && t[j].vform == 'g' && j == i) g.gerund = 1;
            if (be && t[j].vform == 'g' && !strcmp(t[j].lemma, "go") && j + 2 < end && t[j + 1].tag == TG_TO &&
                t[j + 2].tag == TG_VERB) {
                g.future = 1;
                g.head = (uint32_t)j + 2;
                j += 2;
            }
        } else {
            /* no main verb: a copula or a lone auxiliary; or "have" with an object, a main verb ("Iran had talks
               with Russia", "has had a meeting with": the noun after it may be a nominal event, like "held
               talks"; not "had no talks", whose "no" the verb group would not see) */
            size_t last = j > i ? j - 1 : i;
            while (last > i && t[last].tag == TG_ADV) last--;
            g.head = (uint32_t)last;
            g.copula = !(t[last].tag == TG_HAVE && j < end &&
                         (t[j].tag == TG_DET || t[j].tag == TG_PPOSS || t[j].tag == TG_NOUN || t[j].tag == TG_ADJ ||
                          t[j].tag == TG_NUM) &&
                         strcmp(t[j].low, "no") != 0);
            j = last;
        }
        if (!g.passive && !g.copula && j == i && (t[j].vform == 'd' || t[j].vform == 'n') && ci->nvg > 0 &&
            ci->vg[ci->nvg - 1].passive)
            g.shared = g.passive = shared_passive(t, start, i, end, ci->vg[ci->nvg - 1].head);
        size_t p = i;
        while (p > start && (t[p - 1].tag == TG_ADV || t[p - 1].tag == TG_QUOTE)) p--; /* 'to "cease' */
        if (p > start && t[p - 1].tag == TG_TO && j == i) g.infinitive = 1;
        g.clause = ci->tok_clause[g.head - start];
        vgroup *slot = ARENA_PUSH(a, ci->vg, ci->nvg, ci->capvg, vgroup);
        if (!slot) return -1;
        *slot = g;
        i = g.head;
    }
    return 0;
}
