/* events.c -- stage 7: from verb groups and actors to events (see event.h). */
#include "event.h"
#include "date.h"
#include "compat/petrarch.h"
#include "util/strmap.h"
#include "util/words.h"
#include <stdio.h>
#include <string.h>

#define MAXA 6 /* actors in one coordination */




static void trace_msg(sentence_job *j, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#include <stdarg.h>
static void trace_msg(sentence_job *j, const char *fmt, ...) {
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    j->trace(j->ud, buf);
}

/* A line for `dyad explain`: the arguments are evaluated only when tracing (every verb group names itself in
 * the trace, and coding normally should not pay for those arguments). No argument has a side effect. */
#define tracef(j, ...)                                         \
    do {                                                       \
        if ((j)->trace) trace_msg((j), __VA_ARGS__);           \
    } while (0)

static const clause *clause_at(sentence_job *j, size_t i) { return &j->ci->cl[j->ci->tok_clause[i - j->start]]; }

/* Is token k's lemma in modality class cls? Asked first of the lemma's bit, in the token (dict_is_modal_b): the
 * tagger sets lbit with every lemma but one, the form itself ("the promised refugees"), whose bit is wbit. */
static inline int modal_tok(const sentence_job *j, int cls, const token *k) {
    return dict_is_modal_b(j->d, cls, k->lemma, k->lemma == k->low ? k->wbit : k->lbit);
}

static int violent_code(const dyad_dict *d, int32_t code);

static int is_subj_pron(const char *w) {
    return !strcmp(w, "it") || !strcmp(w, "they") || !strcmp(w, "he") || !strcmp(w, "she") || !strcmp(w, "we");
}

typedef struct actorset {
    mention m[MAXA];
    int n;
} actorset;

/* Add m and the actors coordinated with it ("Russia, China and Iran"). */
static void coord(sentence_job *j, const mention *m, actorset *s) {
    const token *t = j->t;
    const mention_list *ms = j->ms;
    s->n = 0;
    s->m[s->n++] = *m;
    if (m->resolved) return;
    /* backwards */
    size_t i = m->start;
    int crossed_conj = 0; /* "A, B and C": a comma joins actors only on the far side of a conjunction */
    while (s->n < MAXA && i >= j->start + 2) {
        for (int mods = 0; i > j->start + 2 && (t[i - 1].tag == TG_DET || (j->d->petr && mods < 3 && t[i - 1].actor < 0 &&
                                                                       (t[i - 1].tag == TG_ADJ || t[i - 1].tag == TG_NOUN)));)
            mods += t[--i].tag != TG_DET; /* "NATO and the European Union"; PETRARCH: "Fornost and the evil awful Gondor" */
        const token *c = &t[i - 1];
        if (!(c->tag == TG_CONJ || (c->tag == TG_PUNCT && c->low[0] == ','))) break;
        if (c->tag == TG_PUNCT && !crossed_conj) break;
        if (c->tag == TG_CONJ) crossed_conj = 1;
        size_t k = i - 2;
        if (j->d->petr && c->tag == TG_CONJ && k > j->start && t[k].kind == TK_PUNCT && t[k].low[0] == ',') k--; /* "A, and B" */
        while (j->d->petr && k > j->start && t[k].tag == TG_ADJ && t[k].actor < 0) k--; /* "Evil Mordor, the awful Fornost" */
        if (c->tag == TG_PUNCT && k > j->start && t[k].tag == TG_CONJ) break;
        if (t[k].actor < 0) break;
        const mention *o = &ms->v[t[k].actor];
        if (o->locative || o->in_brackets) break;
        s->m[s->n++] = *o;
        i = o->start;
    }
    /* forwards */
    i = m->end;
    int last_conj = s->n; /* PETRARCH: "A, B and C" but not "A, the B" (an apposition) */
    while (s->n < MAXA && i + 1 < j->end) {
        const token *c = &t[i];
        if (!(c->tag == TG_CONJ || (c->tag == TG_PUNCT && c->low[0] == ','))) break;
        size_t k = i + 1;
        if (k < j->end && t[k].tag == TG_CONJ) k++;
        while (k < j->end && t[k].tag == TG_DET) k++;
        if (k >= j->end || t[k].actor < 0) break;
        const mention *o = &ms->v[t[k].actor];
        if (o->start != k) break;
        /* "ties with India, Indian officials said": after a comma alone, an actor that a verb follows is the
           subject of a clause of its own, not one more of the list */
        if (c->tag == TG_PUNCT && t[i + 1].tag != TG_CONJ && o->end < j->end &&
            (t[o->end].tag == TG_VERB || t[o->end].tag == TG_MODAL || t[o->end].tag == TG_HAVE))
            break;
        s->m[s->n++] = *o;
        if (c->tag == TG_CONJ || t[i + 1].tag == TG_CONJ) last_conj = s->n;
        i = o->end;
    }
    if (j->d->petr) s->n = last_conj; /* a comma list without its "and" stops at the last one */
}

/* Can "he"/"she" refer to mention m? Not to an organization or a people named without a role ("Islamic State",
 * "the UN", "the Kurds"). A country may stand for its unnamed leader ("Serbia's president ... He asked"). */
static int personal(const mention *m) {
    if (!(m->kind == AK_ORG || m->kind == AK_REGION)) return 1;
    if (!m->sector) return 0;
    /* an organization's own type is no role ("Islamic State" is IMG); "UN envoy", "NATO's chief" have one */
    static const char *const TYPES[] = {"IGO", "NGO", "MNC", "IMG", "INS", "REB", "SEP", "PTY", "UAF", "REL", "CRM", NULL};
    return !word_in(m->sector, TYPES);
}

/* Is mention m the pronoun "we" or "I" (its words the pronoun's own)? */
static int first_person(const sentence_job *j, const mention *m) {
    if (m->end != m->start + 1) return 0;
    const char *w = j->t[m->start].low;
    return !strcmp(w, "we") || !strcmp(w, "i");
}

/* Resolve subject pronoun w: earlier subject in the sentence, else the document's last subject. "he"/"she" only
 * refer to a person, and not past a person this sentence names whom no dictionary knows. */
static int pronoun(sentence_job *j, const char *w, const mention *sent_subj, mention *out) {
    int he = !strcmp(w, "he") || !strcmp(w, "she");
    if (he && !j->d->petr &&
        (sent_subj ? !personal(sent_subj) : (j->person_unknown || j->ctx->person_unknown)))
        return 0;
    if (sent_subj) { *out = *sent_subj; return 1; }
    if (j->ctx->have_subject) {
        if (he && !j->d->petr && !personal(&j->ctx->last_subject)) return 0;
        /* the referent may come from an earlier window whose tokens and arena are gone: keep its codes
           (recomputed from dictionary strings), not its span */
        *out = j->ctx->last_subject;
        mention_code(j->a, out);
        out->resolved = 1;
        return 1;
    }
    return 0;
}

/* Prepositions that introduce what an event noun is aimed at ("an attack on", "talks with", "the envoy to"). */
static int theme_prep(const char *w) {
    static const char *const P[] = {"on", "against", "to", "toward", "towards", "into", "with", "over", "at", NULL};
    for (const char *const *p = P; *p; p++)
        if (!strcmp(*p, w)) return 1;
    return 0;
}

/* Inside an appositive that ends at the comma at `end`, is the verb at q a participle or a gerund that only
 * modifies a noun ("the body tasked with running the vote", "a forum formed in 2007", "a group based in
 * Paris", "angered by the ruling"), not the finite verb of a clause of its own? */
static int appositive_participle(sentence_job *j, size_t q, size_t end) {
    const token *t = j->t;
    if (q <= j->start || q + 1 >= end) return 0;
    const token *b = &t[q - 1], *n = &t[q + 1];
    if (t[q].vform == 'g') return b->tag == TG_PREP; /* "tasked with running" */
    if (t[q].vform != 'n' && t[q].vform != 'd') return 0;
    if (!((b->tag == TG_NOUN && b->actor < 0) || (b->kind == TK_PUNCT && b->low[0] == ','))) return 0;
    return n->tag == TG_PREP || n->tag == TG_TO || n->tag == TG_ADV;
}

/* Is mention m, walked back to from a verb, inside the by-phrase or the of-phrase that completes an event noun
 * that is no actor ("The arrest of the opposition leader by the police sparked protests", "the bombing of the
 * embassy killed five")? The of-phrase names the noun's target (its pattern ends in "of"), the by-phrase its doer:
 * neither is the verb's subject, which is the noun phrase's head. (A violent act's doer is the doer of what the
 * act did: "an attack by Hamas killed two soldiers" keeps Hamas.) Returns the event noun's index, or 0. */
static size_t inside_event_noun(sentence_job *j, const mention *m, size_t lo, size_t verb) {
    const token *t = j->t;
    size_t b = m->start;
    while (b > lo && (t[b - 1].tag == TG_DET || t[b - 1].tag == TG_ADJ || t[b - 1].tag == TG_NUM)) b--;
    if (b < lo + 2 || t[b - 1].tag != TG_PREP) return 0;
    int by = !strcmp(t[b - 1].low, "by");
    if (!by && strcmp(t[b - 1].low, "of") != 0) return 0;
    /* the head: the noun right before the preposition, or (for "by") before an of-phrase in between */
    for (size_t q = b - 1; q > lo && q + 10 > b; q--) {
        const token *k = &t[q - 1];
        if (k->tag == TG_NOUN && k->actor < 0 && (!strcmp(t[q].low, "of") || !strcmp(t[q].low, "by"))) {
            pmatch c[MATCH_MAX];
            int n = match_at_w(j->d, j->words, t, q - 1, verb, 1, 0, c, MATCH_MAX, NULL, NULL);
            for (int x = 0; x < n; x++) {
                if (by && !violent_code(j->d, c[x].p->code)) return q - 1;
                if (!by && c[x].last == b - 1) return q - 1; /* "the arrest of": the actor is its target */
            }
            return 0;
        }
        if (!by || !(k->actor >= 0 || k->tag == TG_DET || k->tag == TG_ADJ || k->tag == TG_NUM || k->tag == TG_NOUN ||
                     k->tag == TG_PROPN || k->tag == TG_CONJ || (k->tag == TG_PREP && !strcmp(k->low, "of"))))
            return 0;
    }
    return 0;
}

/* The grammatical subject of verb group g; sent_subj: the last subject found earlier in this sentence. */
static int subject_of(sentence_job *j, const vgroup *g, const mention *sent_subj, mention *out) {
    const token *t = j->t;
    const clause *cl = &j->ci->cl[g->clause];
    size_t i = g->first;
    int seen = 0; /* saw a word that is not skippable */
    while (i > cl->start || (i > j->start && i == cl->start && t[i - 1].kind == TK_CLOSE)) {
        if (i == cl->start) {
            /* "Congo (Kinshasa) on Monday signed": the clause resumes after brackets; go on before them */
            size_t o = i - 1;
            int depth = 0;
            for (; o > j->start; o--) {
                if (t[o].kind == TK_CLOSE) depth++;
                else if (t[o].kind == TK_OPEN && --depth == 0) break;
            }
            if (depth || o == j->start) break;
            cl = clause_at(j, o - 1);
            i = o;
            continue;
        }
        i--;
        const token *k = &t[i];
        if (k->actor >= 0) {
            const mention *m = &j->ms->v[k->actor];
            if (m->in_brackets) { i = m->start; continue; }
            if (m->locative) { /* skip the whole place phrase */
                i = m->start;
                while (i > cl->start && (t[i - 1].tag == TG_DET || t[i - 1].tag == TG_ADJ)) i--;
                if (i > cl->start && t[i - 1].tag == TG_PREP) i--;
                seen = 1;
                continue;
            }
            if (m->possessive && m->end + 1 < g->first && t[m->end + 1].tag != TG_VERB) {
                /* "Uzbekistan's policy has ...": the possessor speaks for its noun phrase */
            }
            if (!j->d->petr) {
                size_t h = inside_event_noun(j, m, cl->start, g->first);
                if (h) { /* "The arrest of the opposition leader by the police sparked protests": the arrest's */
                    i = h;
                    seen = 1;
                    continue;
                }
                /* "Hamas's attack on Israel killed ...", "the war against Russia has ...": an actor that is the object
                   of a preposition after a noun is inside the subject's noun phrase, not its head: go on before the
                   preposition (but "of", "by", "from" name the head's owner, doer or origin: "the leader of Hamas",
                   "an attack by Hamas", "a delegation from Iran") */
                size_t b = m->start;
                while (b > cl->start && (t[b - 1].tag == TG_DET || t[b - 1].tag == TG_ADJ)) b--;
                if (b > cl->start + 1 && (t[b - 1].tag == TG_PREP || t[b - 1].tag == TG_TO) && theme_prep(t[b - 1].low) &&
                    t[b - 2].tag == TG_NOUN) {
                    const mention *h = t[b - 2].actor >= 0 ? &j->ms->v[t[b - 2].actor] : NULL;
                    if (h && !h->locative && !h->in_brackets) { /* "the Russian envoy to Iran met": the envoy */
                        i = h->start + 1;
                        continue;
                    }
                    if (!h) {
                        i = b - 1;
                        seen = 1;
                        continue;
                    }
                }
            }
            *out = *m;
            /* "the government of Sudan", "the foreign minister of Iran": the title with the country after it */
            size_t b = m->start;
            while (b > cl->start && t[b - 1].tag == TG_DET) b--;
            if (b > cl->start + 1 && !strcmp(t[b - 1].low, "of") && t[b - 2].actor >= 0 && m->country && !m->sector &&
                !m->org) {
                const mention *h = &j->ms->v[t[b - 2].actor];
                if (h->kind == AK_AGENT && !h->country && !h->locative && !h->in_brackets) {
                    *out = *h;
                    out->country = m->country;
                    out->needs_country = 0;
                    out->end = m->end;
                    mention_code(j->a, out);
                }
            }
            return 1;
        }
        if (k->tag == TG_PUNCT && k->low[0] == ',' && i >= cl->start + 3 && t[i - 1].tag == TG_VERB &&
            modal_tok(j, MOD_SPEECH, &t[i - 1]) && (t[i - 2].tag == TG_PRON || t[i - 2].actor >= 0)) {
            /* "Russia, he said, has expressed ...": past a parenthetical speech frame */
            size_t q = t[i - 2].actor >= 0 ? j->ms->v[t[i - 2].actor].start : i - 2;
            if (q > cl->start && t[q - 1].kind == TK_PUNCT && t[q - 1].low[0] == ',') {
                i = q - 1;
                continue;
            }
        }
        if (k->tag == TG_PUNCT && k->low[0] == ',') {
            /* "Beijing, host of the summit, praised ...": skip an appositive back to the actor before it */
            for (size_t q = i; q > cl->start + 1; q--) {
                const token *x = &t[q - 1];
                if (x->tag == TG_VERB && !j->d->petr && appositive_participle(j, q - 1, i)) continue;
                if (x->tag == TG_VERB || x->tag == TG_BE || x->tag == TG_HAVE || x->tag == TG_MODAL) break;
                if (x->tag == TG_PUNCT && x->low[0] == ',') {
                    if (t[q - 2].actor >= 0 && !j->ms->v[t[q - 2].actor].locative) {
                        *out = j->ms->v[t[q - 2].actor];
                        return 1;
                    }
                    break;
                }
            }
            continue;
        }
        if (k->tag == TG_ADV || k->tag == TG_QUOTE || k->tag == TG_NEG || k->tag == TG_DASH || k->tag == TG_CLOSE)
            continue;
        if (k->tag == TG_VERB && (k->vform == 'n' || k->vform == 'd') && i + 1 < g->first &&
            (!strcmp(t[i + 1].low, "by") || !strcmp(t[i + 1].low, "with")) && i > cl->start + 1 && !j->d->petr) {
            /* "a delegation led by the Pope arrived", "bandits, armed with rifles, killed": past a participle phrase
               after the subject */
            if (t[i - 1].actor >= 0 || t[i - 1].tag == TG_NOUN) continue;
            if (t[i - 1].kind == TK_PUNCT && t[i - 1].low[0] == ',' && t[i - 2].actor >= 0) { i--; continue; }
        }
        if (k->tag == TG_OPEN) continue; /* "Congo (DRC) signed": past the brackets */
        if ((k->tag == TG_HAVE || k->tag == TG_BE || k->tag == TG_MODAL) && i + 1 < g->first && t[i + 1].kind == TK_PUNCT &&
            t[i + 1].low[0] == ',')
            continue; /* "the government has, for the first time, banned": the auxiliary before an aside */
        if (k->tag == TG_PRON) {
            if (!is_subj_pron(k->low) || !pronoun(j, k->low, sent_subj, out)) return 0;
            if (!sent_subj) out->start = (uint32_t)i, out->end = (uint32_t)i + 1; /* the pronoun's own words */
            return 1;
        }
        if (k->tag == TG_CONJ && i == cl->start) continue; /* the conjunction that opened this clause */
        if ((k->tag == TG_REL || (k->tag == TG_SUB && !strcmp(k->low, "that"))) && i == cl->start && cl->type == CL_REL &&
            strcmp(k->low, "whom") != 0 &&
            strcmp(k->low, "whose") != 0)
            continue; /* "X, which granted ...": the relative pronoun is the subject, its antecedent below */
        if (k->tag == TG_PREP && i + 1 == g->first && g->gerund) { seen = 1; continue; }
        if (k->tag == TG_NOUN || k->tag == TG_ADJ || k->tag == TG_NUM || k->tag == TG_DET || k->tag == TG_PPOSS ||
            k->tag == TG_PROPN) {
            /* a noun phrase that is not an actor: its possessor may be one ("Russia's army") */
            size_t s = i;
            while (s > cl->start && (t[s - 1].tag == TG_NOUN || t[s - 1].tag == TG_ADJ || t[s - 1].tag == TG_NUM ||
                                     t[s - 1].tag == TG_DET || t[s - 1].tag == TG_PROPN) && t[s - 1].actor < 0)
                s--;
            if (s > cl->start + 1 && t[s - 1].tag == TG_POSS && t[s - 2].actor >= 0) {
                *out = j->ms->v[t[s - 2].actor];
                return 1;
            }
            /* "the government of Oran", "the governments of the two countries": the actor heading the phrase */
            if (s > cl->start + 1 && !strcmp(t[s - 1].low, "of") && t[s - 2].actor >= 0 && !j->ms->v[t[s - 2].actor].locative &&
                !j->ms->v[t[s - 2].actor].in_brackets) {
                *out = j->ms->v[t[s - 2].actor];
                return 1;
            }
            /* a prepositional phrase after the subject: "Russia's special envoy for the Caspian held talks" */
            /* ... also a chain of them: "the rebel council in the besieged city of Aleppo signed" */
            if (s > cl->start + 1 && t[s - 1].tag == TG_PREP && s - 1 < i) {
                /* a date ("which in February charged") is no noun phrase that could be the subject */
                int date = 1;
                for (size_t q = s; q <= i && date; q++) date = t[q].kind == TK_NUM || (t[q].flags & TF_DATE);
                i = s - 1;
                seen |= !date;
                continue;
            }
            /* an actor modifying the noun: "An Israeli ceasefire proposal was rejected" */
            if (s > cl->start && t[s - 1].actor >= 0 && !j->ms->v[t[s - 1].actor].locative &&
                !j->ms->v[t[s - 1].actor].in_brackets) {
                /* ... unless the phrase is the object of a preposition: "an attack by Hamas on an Israeli
                   checkpoint wounded": go on before the preposition */
                size_t b = j->ms->v[t[s - 1].actor].start;
                while (b > cl->start && t[b - 1].tag == TG_DET) b--;
                if (b > cl->start + 1 && t[b - 1].tag == TG_PREP && !j->d->petr) {
                    i = b - 1;
                    seen = 1;
                    continue;
                }
                *out = j->ms->v[t[s - 1].actor];
                return 1;
            }
            /* "citizens in Shanghai and Shenzhen took": places no dictionary knows, coordinated after a preposition */
            if (!j->d->petr && s > cl->start + 1 && t[s - 1].tag == TG_CONJ && (t[i].tag == TG_PROPN || (t[i].flags & TF_CAP))) {
                size_t q = s - 1;
                while (q > cl->start && (t[q - 1].actor < 0 || j->ms->v[t[q - 1].actor].locative) &&
                       (t[q - 1].tag == TG_PROPN || t[q - 1].tag == TG_NOUN || t[q - 1].tag == TG_DET || t[q - 1].tag == TG_ADJ ||
                        (t[q - 1].kind == TK_PUNCT && t[q - 1].low[0] == ',') || (t[q - 1].tag == TG_CONJ && q - 1 < s - 1)))
                    q--;
                if (q > cl->start && q < s - 1 && t[q - 1].tag == TG_PREP && strcmp(t[q - 1].low, "of") != 0) {
                    i = q - 1;
                    seen = 1;
                    continue;
                }
            }
            /* "He and his associate tortured": a subject pronoun coordinated with a noun phrase that is no actor
               stands for the subject */
            if (!j->d->petr) {
                size_t c = s > cl->start && t[s - 1].tag == TG_PPOSS ? s - 1 : s;
                if (c > cl->start + 1 && t[c - 1].tag == TG_CONJ && !strcmp(t[c - 1].low, "and") && t[c - 2].tag == TG_PRON &&
                    is_subj_pron(t[c - 2].low) && strcmp(t[c - 2].low, "it") != 0 &&
                    (c - 2 == cl->start || t[c - 3].kind == TK_PUNCT || t[c - 3].tag == TG_SUB || t[c - 3].tag == TG_VERB ||
                     t[c - 3].tag == TG_CONJ || t[c - 3].tag == TG_QUOTE)) {
                    if (!pronoun(j, t[c - 2].low, sent_subj, out)) return 0;
                    if (!sent_subj) out->start = (uint32_t)(c - 2), out->end = (uint32_t)(c - 1);
                    return 1;
                }
            }
            /* "The government and other members of the group reached": a second conjunct that is no actor;
               the actor before "and" heads the subject */
            if (!j->d->petr && s > cl->start + 1 && t[s - 1].tag == TG_CONJ && !strcmp(t[s - 1].low, "and") &&
                t[s - 2].actor >= 0 && !j->ms->v[t[s - 2].actor].locative && !j->ms->v[t[s - 2].actor].in_brackets) {
                i = s - 1;
                continue;
            }
            return 0;
        }
        return 0;
    }
    if (seen) return 0;
    if ((cl->type == CL_REL || cl->type == CL_RESUME) && cl->antecedent >= 0) { *out = j->ms->v[cl->antecedent]; return 1; }
    if ((cl->type == CL_COORD || cl->type == CL_MAIN) && sent_subj && cl->start > j->start) { *out = *sent_subj; return 1; }
    return 0;
}

/* Is a mention allowed as a target after token `last` (the pattern's last word)? */
static int target_ok(sentence_job *j, const mention *m, size_t last) {
    if (m->in_brackets) return 0;
    if (!m->locative || j->d->petr) return 1; /* PETRARCH takes a target from any prepositional phrase */
    size_t b = m->start;
    while (b > j->start && (j->t[b - 1].tag == TG_DET || j->t[b - 1].tag == TG_ADJ)) b--;
    return b > j->start && b - 1 == last && j->t[last].tag == TG_PREP;
}

static int is_obj_pron(const char *w) {
    return !strcmp(w, "them") || !strcmp(w, "it") || !strcmp(w, "him") || !strcmp(w, "her");
}

/* "two", "12", "several": a quantity before a noun (the tagger may call a number word a noun) */
static int quantity(const token *k) {
    static const char *const w[] = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                                    "eleven", "twelve", "dozens", "hundreds", "thousands", "several", "many"};
    if (k->kind == TK_NUM || k->tag == TG_NUM) return 1;
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
        if (same_word(k->low, w[i])) return 1;
    return 0;
}

/* Is the preposition at i part of a number's phrase: "at least 30", "more than 200", "up to 50", "over 100"? */
static int quantity_word(const sentence_job *j, size_t i, size_t to) {
    const token *t = j->t;
    if (i + 1 < to && quantity(&t[i + 1])) return 1;
    return i + 2 < to && quantity(&t[i + 2]) &&
           (!strcmp(t[i + 1].low, "least") || !strcmp(t[i + 1].low, "most") || !strcmp(t[i + 1].low, "than") ||
            !strcmp(t[i + 1].low, "to"));
}

/* The first acceptable actor in [from, to); an object pronoun there refers to `pron` when given. */
static int find_target(sentence_job *j, size_t from, size_t to, size_t last, const mention *pron, mention *out) {
    int direct = last + 1 == from && last != (size_t)-1 && j->t[last].tag == TG_VERB && j->bare; /* a bare verb: its direct object */
    for (size_t i = from; i < to; i++) {
        const token *k = &j->t[i];
        if (j->d->petr && !j->d->petr->p2) { /* TABARI: the object may be a clause ("hopes that X ..."); punctuation ends it */
            if ((k->kind == TK_PUNCT && strchr(",;:.!?", k->low[0])) || k->kind == TK_DASH || k->kind == TK_OPEN) return 0;
            if (k->actor >= 0) {
                const mention *m = &j->ms->v[k->actor];
                if (m->start == i && m->code && target_ok(j, m, last)) { *out = *m; return 1; }
                i = m->end - 1;
            }
            continue;
        }
        if (!j->d->petr && k->tag == TG_VERB && (k->vform == 'd' || k->vform == 'n') && i + 1 < to && i > from &&
            (j->t[i - 1].tag == TG_DET || j->t[i - 1].tag == TG_PPOSS || quantity(&j->t[i - 1])) &&
            (j->t[i + 1].tag == TG_NOUN || j->t[i + 1].tag == TG_ADJ || (j->t[i + 1].actor >= 0 && j->ms->v[j->t[i + 1].actor].start == i + 1)))
            continue; /* "released the detained students", "freed two kidnapped aid workers": a participle as an adjective */
        if (direct && k->tag == TG_PREP && quantity_word(j, i, to)) continue; /* "killed at least 30", "more than 200" */
        if (direct && ((k->tag == TG_PREP && strcmp(k->low, "of") != 0) || k->tag == TG_VERB || k->tag == TG_TO)) return 0;
        /* a quotation closing (",\u201d") ends the clause that the target can be in */
        if (k->kind == TK_QUOTE && i > from && j->t[i - 1].kind == TK_PUNCT) return 0;
        if (j->speaker && (!strcmp(k->low, "our") || !strcmp(k->low, "us"))) { *out = *j->speaker; return 1; }
        if (k->actor >= 0) {
            const mention *m = &j->ms->v[k->actor];
            if (m->start == i && target_ok(j, m, last)) { *out = *m; return 1; }
            i = m->end - 1;
            continue;
        }
        if (k->tag == TG_PRON && pron && is_obj_pron(k->low)) { *out = *pron; return 1; }
        if (j->d->petr && k->tag == TG_VERB && (k->vform == 'd' || k->vform == 'n') && i + 1 < to && i > from &&
            (j->t[i - 1].tag == TG_DET || quantity(&j->t[i - 1]) || j->t[i - 1].tag == TG_ADJ) &&
            (j->t[i + 1].tag == TG_NOUN || j->t[i + 1].actor >= 0))
            continue; /* "helped the two exiled dissidents": a participle used as an adjective */
        if (k->tag == TG_VERB && k->vform != 'g' && i > from) return 0;
        if (k->tag == TG_SUB || k->tag == TG_REL) return 0;
        /* PETRARCH-2: the object ends at a comma or at a participle ("said, expanding its campaign") */
        if (j->d->petr && ((k->kind == TK_PUNCT && k->low[0] == ',') || (k->tag == TG_VERB && i > from))) return 0;
    }
    return 0;
}

/* "one of the rebels", "some of the soldiers", "two of its members": a part of a group; returns the token where
 * the group's noun phrase starts (after "of" and a determiner), or k when there is no such phrase at k. */
static size_t partitive(sentence_job *j, size_t k, size_t to) {
    const token *t = j->t;
    if (k + 2 >= to || strcmp(t[k + 1].low, "of") != 0 || t[k].actor >= 0) return k;
    if (!(quantity(&t[k]) || !strcmp(t[k].low, "one") || !strcmp(t[k].low, "some") || !strcmp(t[k].low, "most") ||
          !strcmp(t[k].low, "each") || !strcmp(t[k].low, "none")))
        return k;
    size_t q = k + 2;
    while (q < to && (t[q].tag == TG_DET || t[q].tag == TG_PPOSS || t[q].tag == TG_ADJ || (t[q].tag == TG_PROPN && t[q].actor < 0)))
        q++; /* ("one of the Maoist rebels": a capitalised modifier no dictionary has) */
    return q < to && t[q].actor >= 0 ? q : k;
}

/* The passive's agent, or a nominal event's: "by X" from token `from`. */
static int by_phrase(sentence_job *j, size_t from, size_t to, mention *out) {
    for (size_t i = from; i + 1 < to; i++) {
        if (j->t[i].tag == TG_VERB && j->t[i].vform != 'g') return 0;
        if (strcmp(j->t[i].low, "by") != 0) continue;
        size_t k = j->d->petr ? i + 1 : partitive(j, i + 1, to); /* "by one of the rebels" */
        if (k != i + 1) { *out = j->ms->v[j->t[k].actor]; return 1; }
        /* "by the rebels", "by two gunmen", "by Maoist rebels" (a capitalised modifier no dictionary has) */
        while (k < to && (j->t[k].tag == TG_DET || j->t[k].tag == TG_ADJ || quantity(&j->t[k]) ||
                          (!j->d->petr && j->t[k].tag == TG_PROPN && j->t[k].actor < 0) ||
                          (!j->d->petr && j->t[k].tag == TG_VERB && (j->t[k].vform == 'g' || j->t[k].vform == 'd') &&
                           k + 1 < to && j->t[k + 1].actor >= 0))) /* "by opposing forces", "by armed men" */
            k++;
        if (k < to && j->t[k].actor >= 0) { *out = j->ms->v[j->t[k].actor]; return 1; }
        return 0;
    }
    return 0;
}

/* Is verb group gi a participle joined by a conjunction to the passive before it ("was kidnapped and killed"),
 * so that it shares that passive's subject and agent? */
static int joined_passive(sentence_job *j, size_t gi) {
    const vgroup *g = &j->ci->vg[gi];
    if (!g->shared) return 0;
    size_t q = g->first;
    while (q > j->start && j->t[q - 1].tag == TG_ADV) q--;
    return q > j->start && j->t[q - 1].tag == TG_CONJ;
}

/* Is verb group g a bare participle right after a noun or an actor (or after "noun,")? Returns that noun's token
 * index, or (size_t)-1. */
static size_t participle_after_noun(sentence_job *j, const vgroup *g) {
    const token *t = j->t;
    size_t h = g->head;
    if (g->first != h || g->gerund || g->infinitive || (t[h].vform != 'd' && t[h].vform != 'n') || h <= j->start)
        return (size_t)-1;
    size_t b = h - 1;
    if (t[b].kind == TK_PUNCT && t[b].low[0] == ',' && b > j->start) b--;
    return t[b].tag == TG_NOUN || t[b].tag == TG_PROPN || t[b].actor >= 0 ? b : (size_t)-1;
}

/* A bare participle right after a noun (or after "noun,") with its "by" agent: a reduced relative clause
 * ("a building occupied by protesters", "the agreement, signed on Monday by both ministers,"), a passive. */
static int reduced_passive(sentence_job *j, const vgroup *g) {
    const token *t = j->t;
    size_t h = g->head;
    if (participle_after_noun(j, g) == (size_t)-1) return 0;
    mention x;
    for (size_t i = h + 1; i < j->end && i < h + 6; i++) {
        if (!strcmp(t[i].low, "by")) return by_phrase(j, i, j->ci->cl[g->clause].end, &x);
        if (!(t[i].tag == TG_ADV || t[i].tag == TG_PREP || t[i].tag == TG_NUM || (t[i].flags & TF_DATE))) return 0;
    }
    return 0;
}

/* "the civilians killed in the raid", "the 41 people acquitted in the case": a bare participle of a verb that
 * always takes an object (modality class `object`), right after a noun (or "noun,") and with no object after it, is a reduced
 * passive whose noun is what was done to; with no "by" agent (reduced_passive) it names no doer: no event. */
static int object_participle(sentence_job *j, const vgroup *g) {
    const token *t = j->t;
    size_t h = g->head, b = participle_after_noun(j, g); /* "a statement, released on Monday," */
    if (b == (size_t)-1 || !modal_tok(j, MOD_OBJECT, &t[h])) return 0;
    /* "the man whom police arrested on Monday", "Liberia, which Athens accused of ...": the noun is the subject of
       a relative clause whose object went before it */
    size_t np = b + 1;
    while (np > j->start && (t[np - 1].actor >= 0 || t[np - 1].tag == TG_NOUN || t[np - 1].tag == TG_PROPN ||
                             t[np - 1].tag == TG_ADJ || t[np - 1].tag == TG_DET || t[np - 1].tag == TG_NUM ||
                             t[np - 1].tag == TG_POSS))
        np--;
    if (np > j->start && (t[np - 1].tag == TG_REL || !strcmp(t[np - 1].low, "that"))) return 0;
    size_t k = h + 1;
    while (k < j->end && t[k].tag == TG_ADV) k++;
    if (k >= j->end) return 1;
    const token *n = &t[k];
    if (n->actor >= 0 || !strcmp(n->low, "what")) return 0; /* "condemned what he called ..." */
    /* "killed at least 44", "detained more than 1,000", "killed about 120", "killed up to 30": a quantity object */
    for (size_t q = k; q < j->end && q < k + 3; q++)
        if (quantity(&t[q])) return 0;
    if (n->kind == TK_PUNCT) /* a comma closes "a statement, released on Monday," */
        return n->low[0] == '.' || n->low[0] == ';' || n->low[0] == ')' || (n->low[0] == ',' && b + 1 < h);
    return n->tag == TG_PREP || n->tag == TG_SUB || n->tag == TG_TO || n->tag == TG_BE || n->tag == TG_MODAL ||
           n->tag == TG_HAVE || (n->tag == TG_VERB && n->vform == 'g');
}

/* "both countries", "the two sides", "both governments" right before verb group g: the two actors named together
 * last (j->ctx->pair), resolved into out[0..1]. */
static int pair_subject(sentence_job *j, const vgroup *g, mention out[2]) {
    static const char *const N[] = {"countries", "nations", "sides", "governments", "leaders", "parties", "states",
                                    "presidents", "ministers", "neighbours", "neighbors", "delegations", "armies", NULL};
    const token *t = j->t;
    if (!j->ctx->have_pair || j->d->petr) return 0;
    size_t q = g->first;
    while (q > j->start && t[q - 1].tag == TG_ADV) q--;
    if (q < j->start + 2) return 0;
    /* "both" or "the two" first: rarer than a noun of the list, and one word to compare, not thirteen */
    int both = !strcmp(t[q - 2].low, "both");
    if (!both && !(!strcmp(t[q - 2].low, "two") && q >= j->start + 3 && !strcmp(t[q - 3].low, "the"))) return 0;
    int noun = 0;
    for (const char *const *p = N; *p && !noun; p++) noun = same_word(t[q - 1].low, *p);
    if (!noun) return 0;
    size_t a = both ? q - 2 : q - 3;
    for (int k = 0; k < 2; k++) {
        out[k] = j->ctx->pair[k];
        mention_code(j->a, &out[k]);
        out[k].resolved = 1;
        out[k].start = (uint32_t)a;
        out[k].end = (uint32_t)q;
    }
    return 1;
}

/* Is verb group g in a relative clause whose relative word is its object ("informants whom they have met",
 * "the deal that both sides signed"): a subject stands between the relative word and the verb? */
static int object_relative(sentence_job *j, const vgroup *g) {
    const clause *cl = &j->ci->cl[g->clause];
    if (cl->type != CL_REL || cl->intro < 0) return 0;
    if ((size_t)cl->intro > j->start && j->t[cl->intro - 1].tag == TG_PREP) return 0; /* "in which police clashed" */
    for (size_t q = (size_t)cl->intro + 1; q < g->first; q++)
        if (j->t[q].actor >= 0 || j->t[q].tag == TG_PRON || j->t[q].tag == TG_NOUN || j->t[q].tag == TG_PROPN) return 1;
    return 0;
}

/* Is pattern p an act two parties do with each other: its head or one of its words in the class `mutual`
 * ("meet", "sign", "hold talks")? */
static int mutual_act(const dyad_dict *d, const vpattern *p) {
    const char *c = d->codes[p->code].code;
    if (!strcmp(c, "039") || !strcmp(c, "045")) return 0; /* mediators ("sponsoring the talks") act on others */
    if (dict_is_modal(d, MOD_MUTUAL, p->head)) return 1;
    for (int w = 0; w < p->nwords; w++)
        if (dict_is_modal(d, MOD_MUTUAL, p->words[w])) return 1;
    return 0;
}

/* "each other", "one another" in tokens [from, to): the object is the subject's own conjuncts. */
static int reciprocal(sentence_job *j, size_t from, size_t to) {
    for (size_t i = from; i < to; i++)
        if ((i + 1 < to && !strcmp(j->t[i].low, "each") && !strcmp(j->t[i + 1].low, "other")) ||
            (i + 1 < to && !strcmp(j->t[i].low, "one") && !strcmp(j->t[i + 1].low, "another")))
            return 1;
    return 0;
}

/* What an object pronoun ("them", "him") after verb group g refers to: the sentence's last target when there
 * is one; else (dyad's own dictionaries) the nearest actor before the verb that stands after its source and is
 * not part of it: "a gunman dragged three businessmen into his car and killed them". NULL when none. */
static const mention *object_referent(sentence_job *j, const mention *sent_tgt, const actorset *src, const vgroup *g,
                                      mention *buf) {
    if (sent_tgt || j->d->petr || !src->n) return sent_tgt;
    for (size_t i = g->first; i > src->m[0].end; i--) {
        const token *k = &j->t[i - 1];
        if (k->tag == TG_SUB || k->tag == TG_REL || k->kind == TK_QUOTE) return NULL;
        if (k->actor < 0) continue;
        const mention *m = &j->ms->v[k->actor];
        if (m->start < src->m[0].end) return NULL;
        if (m->locative || m->in_brackets || m->possessive) { i = m->start + 1; continue; }
        *buf = *m;
        return buf;
    }
    return NULL;
}

/* "Troops were ambushed and killed two rebels": an active verb joined by "and" to the passive right before it
 * (nothing but a phrase without a verb between) has the passive's subject for its own. */
static int after_passive(sentence_job *j, size_t gi) {
    const token *t = j->t;
    const vgroup *g = &j->ci->vg[gi];
    if (gi == 0 || g->passive || g->gerund || g->infinitive || g->copula) return 0;
    const vgroup *o = &j->ci->vg[gi - 1];
    if (!o->passive) return 0;
    size_t q = g->first;
    while (q > j->start && t[q - 1].tag == TG_ADV) q--;
    if (q <= o->head + 1 || t[q - 1].tag != TG_CONJ || strcmp(t[q - 1].low, "but") == 0) return 0;
    for (size_t r = o->head + 1; r + 1 < q; r++)
        if (t[r].tag == TG_VERB || t[r].tag == TG_BE || t[r].tag == TG_HAVE || t[r].tag == TG_MODAL || t[r].tag == TG_SUB ||
            t[r].tag == TG_REL || t[r].tag == TG_CONJ || t[r].kind == TK_PUNCT || t[r].kind == TK_QUOTE || t[r].kind == TK_DASH ||
            t[r].kind == TK_OPEN)
            return 0;
    return 1;
}

/* The agent of passive verb group gi: its by-phrase, else the one of the participle joined to it ("was shot and
 * killed by gunmen") or of the passive it is joined to ("was killed by gunmen and dumped in a river"). */
static int passive_by(sentence_job *j, size_t gi, size_t ng, mention *out) {
    const clause_info *ci = j->ci;
    const vgroup *g = &ci->vg[gi];
    if (by_phrase(j, g->head + 1, ci->cl[g->clause].end, out)) return 1;
    if (gi + 1 < ng && joined_passive(j, gi + 1) &&
        by_phrase(j, ci->vg[gi + 1].head + 1, ci->cl[ci->vg[gi + 1].clause].end, out))
        return 1;
    return gi > 0 && joined_passive(j, gi) && by_phrase(j, ci->vg[gi - 1].head + 1, g->first, out);
}

/* Is the noun phrase of armed force at k (nouns N) followed by its own doer: "(killed in) an attack by
 * militants", "(killed by) shells fired by rebel forces", "a missile reportedly launched by the army"? */
static int means_by(sentence_job *j, size_t k, size_t to, const char *const *N, mention *out) {
    const token *t = j->t;
    int force = 0;
    size_t q = k;
    for (; q < to && q < k + 4 && t[q].actor < 0 && (t[q].tag == TG_NOUN || t[q].tag == TG_ADJ || t[q].tag == TG_PROPN); q++) {
        const char *l = t[q].lemma ? t[q].lemma : t[q].low;
        for (const char *const *p = N; *p && !force; p++) force = same_word(*p, l);
    }
    if (!force) return 0;
    while (q < to && t[q].tag == TG_ADV) q++;
    if (q < to && t[q].tag == TG_VERB && (t[q].vform == 'd' || t[q].vform == 'n')) q++; /* "fired", "launched" */
    while (q < to && t[q].tag == TG_ADV) q++;
    if (q + 1 >= to || strcmp(t[q].low, "by") != 0 || !by_phrase(j, q, to, out)) return 0;
    out->locative = 0;
    return 1;
}

/* A passive's doer named by the means: "were killed in an Israeli air strike", "died during a Russian
 * bombardment", "wounded in a police raid": a preposition, then an actor modifying a noun of armed force; or the
 * means with a by-agent of its own ("killed in an attack by rebels", "killed by shells fired by the army"). */
static int agent_of_means(sentence_job *j, size_t from, size_t to, mention *out) {
    static const char *const N[] = {"strike", "airstrike", "attack", "shelling", "bombing", "raid", "assault", "crackdown",
                                    "operation", "offensive", "fire", "gunfire", "ambush", "bombardment", "clash", "shooting",
                                    "missile", "rocket", "drone", "airstrikes", "air", "artillery", "mortar", "shell", "bomb",
                                    "grenade", "bullet", "explosive", NULL};
    const token *t = j->t;
    for (size_t i = from; i + 2 < to; i++) {
        if (t[i].tag == TG_VERB && t[i].vform != 'g') return 0;
        int by = !strcmp(t[i].low, "by");
        if (t[i].tag != TG_PREP || !(by || !strcmp(t[i].low, "in") || !strcmp(t[i].low, "during") || !strcmp(t[i].low, "under") ||
                                     !strcmp(t[i].low, "after") || !strcmp(t[i].low, "amid")))
            continue;
        size_t k = i + 1;
        while (k < to && (t[k].tag == TG_DET || t[k].tag == TG_ADJ || t[k].tag == TG_NUM)) k++;
        if (k < to && t[k].actor < 0 && means_by(j, k, to, N, out)) return 1;
        if (by || k >= to || t[k].actor < 0) continue;
        const mention *m = &j->ms->v[t[k].actor];
        if (m->start != k || m->in_brackets || m->possessive || m->end >= to) continue;
        for (size_t h = m->end; h < to && h < m->end + 2 && (t[h].tag == TG_NOUN || t[h].tag == TG_ADJ); h++) {
            const char *l = t[h].lemma ? t[h].lemma : t[h].low;
            for (const char *const *p = N; *p; p++)
                if (same_word(*p, l)) {
                    *out = *m;
                    out->locative = 0;
                    return 1;
                }
        }
    }
    return 0;
}

/* PETRARCH-2 matches a pattern's words against the verb's subject (the words before '*') and object (after
 * it); in the passive the subject is the "by" agent and the object the grammatical subject: "- PROTESTOR *
 * [145]" codes "was demolished by a Ukrainian protestor", "- * EVIDENCE [1124]" "Evidence against X was
 * presented by Y". The best pattern of the verb at `head` with words only on side `after` (0: before the
 * verb, 1: after it), all standing in order in tokens [from, to): 1 and *out, else 0. */
static int petr_passive_pattern(sentence_job *j, size_t head, size_t from, size_t to, int after, pmatch *out) {
    const dyad_dict *d = j->d;
    int found = 0;
    for (int32_t node = petr_verb_node(d, j->t[head].low); node >= 0; node = d->petr->fnode[node].next)
        for (int32_t i = d->petr->fnode[node].chain; i >= 0; i = d->pats[i].next) {
            const vpattern *p = &d->pats[i];
            int n = after ? p->nwords : p->nbefore;
            const char *const *w = after ? p->words : p->before;
            if (!n || (after ? p->nbefore : p->nwords) || p->nocode || p->target_subject || p->source_slot || p->skip_np ||
                (found && out->score >= 1 + n))
                continue;
            size_t q = from;
            int k = 0;
            for (; k < n && q < to; q++)
                if (w[k][0] != '&' ? !strcmp(j->t[q].low, w[k]) || (j->t[q].lemma && !strcmp(j->t[q].lemma, w[k]))
                                   : petr_synset_at(d, w[k], j->t, q, to) > 0)
                    k++;
            if (k < n) continue;
            memset(out, 0, sizeof *out);
            out->p = p;
            out->score = 1 + n;
            out->head = out->last = out->first = (uint32_t)head;
            found = 1;
            tracef(j, "  %s '%s' (%s:%d): matched on the passive's %s", d->codes[p->code].code, p->text, p->file, p->line,
                   after ? "subject" : "agent");
        }
    return found;
}

/* The date expression in tokens [from, to) nearest to token `near`, outside brackets; 0 when none. */
static int32_t date_in(sentence_job *j, size_t from, size_t to, size_t near) {
    int depth = 0;
    int32_t best = 0;
    size_t bd = (size_t)-1;
    for (size_t i = from; i < to; i++) {
        if (j->t[i].kind == TK_OPEN) depth++;
        else if (j->t[i].kind == TK_CLOSE && depth) depth--;
        if (depth) continue;
        int32_t d;
        int n = date_expr(j->t, i, to, j->doc_date, &d);
        if (!n) continue;
        size_t dist = i > near ? i - near : near - i;
        if (dist < bd) { bd = dist; best = d; }
        i += (size_t)n - 1;
    }
    return best;
}

/* The event's date: its clause, else any main-level clause of the sentence; never after the document. */
static int32_t event_date(sentence_job *j, int32_t clause_idx, size_t near) {
    const clause_info *ci = j->ci;
    int32_t d = date_in(j, ci->cl[clause_idx].start, ci->cl[clause_idx].end, near);
    for (size_t k = 0; !d && k < ci->ncl; k++) {
        const clause *c = &ci->cl[k];
        if ((int32_t)k == clause_idx || c->type == CL_SUB || c->type == CL_REL || c->type == CL_PAREN) continue;
        d = date_in(j, c->start, c->end, near);
    }
    if (!d || (j->doc_date && d > j->doc_date)) d = j->doc_date;
    return d;
}

static const char *span_text(sentence_job *j, size_t a, size_t b) {
    if (b <= a) return "";
    size_t o = j->t[a].off, e = j->t[b - 1].off + j->t[b - 1].len;
    return arena_strndup(j->a, j->doctext + o, e - o);
}

/* Append token k's text (at most 60 bytes, up to a NUL) to buf at o, after the separator sep if any;
 * returns the new length (buf stays NUL-terminated, cap > 62 is left free by the callers). */
static size_t put_word(char *buf, size_t o, size_t cap, const char *sep, const sentence_job *j, const token *k) {
    size_t n = strnlen(j->doctext + k->off, k->len > 60 ? 60 : k->len), sl = strlen(sep);
    if (o + sl + n + 1 > cap) return o;
    memcpy(buf + o, sep, sl);
    memcpy(buf + o + sl, j->doctext + k->off, n);
    o += sl + n;
    buf[o] = 0;
    return o;
}

static const char *matched_words(sentence_job *j, const pmatch *m) {
    char buf[512];
    size_t o = 0;
    buf[0] = 0;
    for (int k = 0; k < m->p->npre; k++) /* the words before the head, the head, the pattern's words */
        o = put_word(buf, o, sizeof buf, k ? " " : "", j, &j->t[m->head - (size_t)(m->p->npre - k)]);
    o = put_word(buf, o, sizeof buf, m->p->npre ? " " : "", j, &j->t[m->head]);
    for (int w = 0; w < m->p->nwords && o < sizeof buf - 80; w++) o = put_word(buf, o, sizeof buf, " ", j, &j->t[m->pos[w]]);
    return arena_strdup(j->a, buf);
}

/* Sectors of people who live where the story happens (civilians, refugees, workers, students...), as against
 * the agents of a state or an organization. */
static int people_sector(const char *s) {
    static const char *const P[] = {"CVL", "REF", "LAB", "EDU", "HLH", "AGR", NULL};
    return word_in(s, P);
}

/* Sectors of a state that act only at home: its police and its courts. */
static const char *const DOMESTIC[] = {"COP", "JUD", NULL};

/* Fill an actor for output. An agent with no country of its own ("the spokesman", "its ambassador") takes
 * one from the context: a source the document's main actor, else the nearest country in the sentence; a
 * target the nearest country in the sentence that is not the event's other side. */
static void fill_actor(sentence_job *j, dyad_actor *a, const mention *m, const mention *other, int is_source) {
    mention c = *m;
    if (c.needs_country && !c.country) {
        const mention *best = NULL;
        long bd = 0;
        for (size_t i = 0; i < j->ms->n; i++) {
            const mention *o = &j->ms->v[i];
            if (!o->country || o->start == m->start) continue;
            if (other && o->start == other->start && !(is_source && other->locative)) continue; /* "marched in Cairo" */
            long dd = (long)o->start - (long)m->start;
            if (dd < 0) dd = -dd;
            if (!best || dd < bd) { best = o; bd = dd; }
        }
        /* "placed its police on alert": a possessive pronoun makes the target the source's own */
        int own = !is_source && other && other->country && m->start > j->start && j->t[m->start - 1].tag == TG_PPOSS &&
                  (!strcmp(j->t[m->start - 1].low, "its") || !strcmp(j->t[m->start - 1].low, "their")) &&
                  !(best && best->start > m->start); /* "recalled its ambassador from Tehran": Tehran's */
        /* "Police arrested three people in France": police and courts act in the country they are in, so a place
           the sentence names ("in France", "in Lyon's court") wins over the story's main actor */
        const mention *place = NULL;
        if (is_source && c.sector && word_in(c.sector, DOMESTIC))
            for (size_t i = 0; i < j->ms->n; i++) {
                const mention *o = &j->ms->v[i];
                if (o->locative && o->country && !o->org && o->start > m->start) { place = o; break; }
            }
        if (own) c.country = other->country;
        else if (place) c.country = place->country;
        else if (people_sector(c.sector) && (best || j->ctx->have_place))
            /* "Residents condemned ...", "people marched in Valletta": the people of the place the story is in,
               not of its main actor */
            c.country = best ? best->country : j->ctx->last_place.country;
        else if (is_source && j->ctx->have_focus) c.country = j->ctx->focus.country;
        else if (best) c.country = best->country;
        else if (j->ctx->have_focus) c.country = j->ctx->focus.country;
        else if (j->ctx->have_country && (!other || !other->country || strcmp(other->country, j->ctx->last_country.country)))
            c.country = j->ctx->last_country.country; /* "Protesters marched": the country the story is about */
        if (c.country) mention_code(j->a, &c);
    }
    a->text = span_text(j, c.start, c.end);
    a->code = c.code ? arena_strdup(j->a, c.code) : NULL; /* mention codes live in the per-window arena */
    if (!a->code) a->code = "";
    a->country = c.country;
    a->sector = c.sector;
    a->org = c.org;
    if (c.kind == AK_REGION) a->org = NULL;
}

static int same_actor(const mention *a, const mention *b) {
    return a->code && b->code && !strcmp(a->code, b->code);
}


static int emit(sentence_job *j, event_list *out, const mention *src, const mention *tgt, int32_t code,
                const pmatch *m, int32_t date, const mention *attr) {
    if (j->d->petr) { /* PETRARCH codes: no code is no actor; "A/B" (compound actors) is one event each */
        if (!src->code || (tgt && !tgt->code)) return 0;
        const mention *many = strchr(src->code, '/') ? src : tgt && strchr(tgt->code, '/') ? tgt : NULL;
        if (many) {
            int rc = 0;
            for (const char *p = many->code; rc >= 0;) {
                const char *e = strchr(p, '/');
                mention one = *many;
                one.code = arena_strndup(j->a, p, e ? (size_t)(e - p) : strlen(p));
                one.country = one.code && strlen(one.code) >= 3 && one.code[0] != '-' ? arena_strndup(j->a, one.code, 3) : NULL;
                if (!one.code) return -1;
                int r = emit(j, out, many == src ? &one : src, many == tgt ? &one : tgt, code, m, date, attr);
                if (r < 0) return -1;
                rc += r;
                if (!e) break;
                p = e + 1;
            }
            return rc;
        }
    }
    /* the same actor on both sides ("the army mobilized its reservists", "Pakistani troops pulled out of the
       Pakistani town"): an act within one actor, coded without a target (PETRARCH drops it) */
    if (tgt && same_actor(src, tgt)) {
        if (j->d->petr) return 0;
        tgt = NULL;
    }
    if (!src->code && !src->needs_country) return 0;
    /* a private journey is no visit (042 is an official's or a delegation's): "refugees flew to Canada", "she
       travelled to Syria to join the group", "civilians have left the town" */
    static const char *const PRIVATE[] = {"CVL", "REF", "UAF", "CRM", NULL};
    if (!j->d->petr && !strcmp(j->d->codes[code].code, "042") && word_in(src->sector, PRIVATE)) return 0;
    /* ... and people leaving a place make no military retreat (087x is an armed force's): "women and children who
       left territory held by the group", "residents withdrew from the village" */
    if (!j->d->petr && !strncmp(j->d->codes[code].code, "087", 3) && src->sector && people_sector(src->sector)) return 0;
    /* one event per pair and code in a sentence: the sentence's events are the last ones of the list (a scan
       of the whole list made a document with many events quadratic) */
    for (size_t i = out->n; i-- > 0 && out->v[i].sent == j->sent;) {
        const dyad_event *e = &out->v[i];
        if (strcmp(e->cameo, j->d->codes[code].code) || !e->source.code || !src->code ||
            strcmp(e->source.code, src->code))
            continue;
        if (!tgt ? !e->has_target : (e->has_target && e->target.code && tgt->code && !strcmp(e->target.code, tgt->code)))
            return 0;
    }
    dyad_event *e = ARENA_PUSH(j->a, out->v, out->n, out->cap, dyad_event);
    if (!e) return -1;
    memset(e, 0, sizeof *e);
    const code_info *ci = &j->d->codes[code];
    e->sent = j->sent;
    date_format(date, e->date);
    fill_actor(j, &e->source, src, tgt, 1);
    if (tgt) {
        fill_actor(j, &e->target, tgt, src, 0);
        e->has_target = 1;
    }
    e->cameo = ci->code;
    e->root = ci->root;
    e->plover = ci->plover;
    e->plover_mode = ci->mode;
    e->goldstein = ci->goldstein;
    e->quad_class = ci->quad;
    if (tgt && e->source.code && e->target.code && !strcmp(e->source.code, e->target.code)) {
        /* both sides are the same actor once the context filled them in: as above */
        if (j->d->petr) {
            out->n--;
            return 0;
        }
        memset(&e->target, 0, sizeof e->target);
        e->has_target = 0;
        tgt = NULL;
        for (size_t i = out->n - 1; i-- > 0 && out->v[i].sent == j->sent;) /* one such event per code */
            if (!out->v[i].has_target && !strcmp(out->v[i].cameo, e->cameo) && out->v[i].source.code &&
                !strcmp(out->v[i].source.code, e->source.code)) {
                out->n--;
                return 0;
            }
    }
    e->verb = matched_words(j, m);
    e->pattern = m->p->text;
    if (attr) {
        dyad_actor a;
        fill_actor(j, &a, attr, NULL, 1);
        e->attribution = a.code;
        e->attribution_text = a.text;
    }
    if (!j->text) j->text = span_text(j, j->start, j->end); /* copied once, for the sentence's first event */
    e->text = j->text;
    tracef(j, "event: %s -> %s  %s (%s)  via '%s'  date %s%s%s", e->source.code, tgt ? e->target.code : "-", e->cameo,
           e->plover ? e->plover : "-", e->pattern, e->date[0] ? e->date : "-", attr ? "  reported by " : "",
           attr ? e->attribution : "");
    return 1;
}

/* PETRARCH patterns: '$' after the verb names the source; '+' before the verb makes the subject the
 * target (the source is then the '$' slot or a passive's by-phrase). */
static void petr_roles(sentence_job *j, const pmatch *m, const vgroup *g, const clause *cl, const mention *subj,
                       actorset *src, actorset *tgt) {
    const vpattern *p = m->p;
    mention x;
    if (p->source_slot) {
        int after = p->source_slot > p->nwords;
        src->n = 0;
        if (find_target(j, after ? m->last + 1 : m->src_start, after ? cl->end : m->src_end, (size_t)-1, NULL, &x))
            coord(j, &x, src);
    }
    if (p->target_subject > 1) { /* "- NOTED + * [115]": the target before the verb, the source before that */
        tgt->n = src->n = 0;
        for (size_t i = m->slot_start; i < m->slot_end && !tgt->n; i++)
            if (j->t[i].actor >= 0) coord(j, &j->ms->v[j->t[i].actor], tgt);
        for (size_t i = m->first; i > j->start; i--)
            if (j->t[i - 1].actor >= 0) {
                coord(j, &j->ms->v[j->t[i - 1].actor], src);
                break;
            }
        return;
    }
    if (!src->n && p->nbefore) /* "Eriador's death and injury toll has risen": the actor before the pattern */
        for (size_t i = m->first; i > j->start; i--)
            if (j->t[i - 1].actor >= 0 && j->ms->v[j->t[i - 1].actor].code) {
                coord(j, &j->ms->v[j->t[i - 1].actor], src);
                break;
            }
    if (p->target_subject) {
        tgt->n = 0;
        if (subj) coord(j, subj, tgt);
        if (!p->source_slot) {
            src->n = 0;
            if (by_phrase(j, g->head + 1, cl->end, &x)) coord(j, &x, src);
        }
    }
}

/* PETRARCH-2 transformations: the event of a verb governed by a verb like SAY, CLAIM or WANT (the outer
 * verb, subject `outer`) becomes one event ("The US claimed they had attacked Iraq": USA IRQ 015). role is
 * the inner source's: 'a' the outer subject, '_' none of its own (an infinitive), 'b' another actor.
 * Returns 1 when a transformation applied (events emitted), 0 when none did, -1 on error. */
static int petr_transform(sentence_job *j, event_list *out, const mention *outer, int32_t outer_code, char role,
                          const actorset *src, const actorset *tgt, int32_t code, const pmatch *m, int32_t date) {
    const struct petr_ext *x = j->d->petr;
    for (size_t k = 0; k < x->ntrans; k++) {
        const petr_trans *tr = &x->trans[k];
        /* the inner verb by its CAMEO root: "a mortar bomb was fired" (193) is an ATTACK (190) */
        if (tr->outer != outer_code ||
            (tr->inner >= 0 && strncmp(j->d->codes[tr->inner].root, j->d->codes[code].root, 2) != 0))
            continue;
        if (tr->isrc != '.' && tr->isrc != role) continue;
        if (tr->itgt == 'b' && !tgt->n) continue;
        actorset a, b;
        coord(j, outer, &a);
        b = tr->isrc == 'b' ? *src : *tgt;
        const actorset *ns = tr->nsrc == 'a' ? &a : &b, *nt = tr->ntgt == 'a' ? &a : &b;
        int32_t nc = tr->code >= 0 ? tr->code : code;
        tracef(j, "  transformation (%s:%d) -> %s", m->p->file, tr->line, j->d->codes[nc].code);
        for (int p = 0; p < ns->n; p++)
            for (int q = 0; q < nt->n; q++)
                if (emit(j, out, &ns->m[p], &nt->m[q], nc, m, date, NULL) < 0) return -1;
        return 1;
    }
    return 0;
}

/* The code an event gets after negation and modality, or -1 for none. */
static int32_t final_code(sentence_job *j, const pmatch *m, int modal_cls, const vgroup *g, int neg) {
    const dyad_dict *d = j->d;
    int32_t code = m->p->code;
    if (m->p->nocode && !m->p->has_code2) return -1; /* "---": the phrase is no event */
    if (d->petr) {
        /* PETRARCH-2: a negated verb codes the CAMEO opposite ("would not provide support": 121), unless the
           pattern says the negation itself; TABARI dictionaries say it all with patterns */
        if (neg && d->petr->p2 && !petr_pattern_negates(m->p)) return petr_negated_code(d, code);
        return code;
    }
    if (m->p->negated) return code;
    if (neg) return dict_modal_code(d, MOD_NEGATED, code);
    /* the future ("will meet") and an announced plan or schedule ("plans to", "is set to") are coded like an
       intention (PLOVER: future CONSULT, SUPPORT, COOPERATE, AID are AGREE; future RETREAT is CONCEDE; CAMEO: an
       announced use of force is a threat), except a show of force (root 15), which announced is the posture
       itself ("will deploy troops": MOBILIZE; "pledged to send troops to", a commitment, stays 0312) */
    if (modal_cls == MOD_FUTURE || (modal_cls < 0 && g && g->future && !g->passive)) {
        if (!strcmp(d->codes[code].root, "15")) return code;
        int32_t k = dict_modal_code(d, MOD_INTENT, code);
        return k >= 0 ? k : code;
    }
    if (modal_cls >= 0) {
        if (modal_cls == MOD_PROCEED) return code;
        int32_t k = dict_modal_code(d, modal_cls, code);
        if (k >= 0) return k;
        return modal_cls == MOD_INTENT ? code : -1;
    }
    if (g && g->hypothetical) return -1;
    return code;
}

/* "neither China nor Russia condemned": a negated subject */
static int negated_subject(sentence_job *j, const mention *m) {
    for (size_t i = m->start; i > j->start && i + 6 > m->start; i--) {
        const char *w = j->t[i - 1].low;
        if (!strcmp(w, "neither") || !strcmp(w, "nor") || !strcmp(w, "no")) return 1;
        if (j->t[i - 1].tag == TG_VERB) break;
    }
    return 0;
}

/* The verbs of occurring: active ("protests erupted") and passive ("talks were held"). */
static const char *const OCCUR_A[] = {"erupt", "break", "begin", "continue", "spread", "resume", "escalate", "intensify",
                                      "flare", "start", "rage", "occur", "happen", "persist", "grow", "enter", "take", NULL};
static const char *const OCCUR_P[] = {"hold", "stage", "organize", "organise", "launch", "call", NULL};
/* The bits (strmap_hash % 256, as a token's lbit and wbit) of the words of both lists, written out: 22 of the 256
 * bits. events_occur_bits_exact() checks them against the lists (test_code). */
static const uint64_t OCCUR_BITS[4] = {0x8800120008030000ull, 0x0200080020001a48ull, 0x0120020000020000ull,
                                       0x0000000008280000ull};

/* Can verb group g be a verb of occurring? No when its head's lemma's bit is in no list's set: asked of the token,
 * where occurs() reads the lemma (a pointer away, in the word cache) and compares it with its list. Exact: a lemma
 * equal to a listed word has that word's hash. (A lemma that is the token's own form has the form's bit, wbit;
 * every other lemma is set with its bit, lbit: tagger.c's set_lemma.) */
static inline int may_occur(const sentence_job *j, const vgroup *g) {
    const token *h = &j->t[g->head];
    unsigned bit = !h->lemma || h->lemma == h->low ? h->wbit : h->lbit;
    return OCCUR_BITS[bit / 64] >> (bit % 64) & 1;
}

int events_occur_bits_exact(void) {
    uint64_t b[4] = {0};
    for (int l = 0; l < 2; l++)
        for (const char *const *p = l ? OCCUR_P : OCCUR_A; *p; p++) {
            uint8_t bit = (uint8_t)strmap_hash(*p, strlen(*p));
            b[bit / 64] |= 1ull << (bit % 64);
        }
    return !memcmp(b, OCCUR_BITS, sizeof b);
}

/* Is verb group g a verb of occurring, whose subject is an event ("protests erupted", "talks were held")? */
static int occurs(sentence_job *j, const vgroup *g) {
    const token *h = &j->t[g->head];
    const char *nx = g->head + 1 < j->end ? j->t[g->head + 1].low : "";
    const char *l = h->lemma ? h->lemma : h->low;
    for (const char *const *p = g->passive ? OCCUR_P : OCCUR_A; *p; p++)
        if (same_word(*p, l)) {
            if (!strcmp(l, "break")) return !strcmp(nx, "out");
            if (!strcmp(l, "take")) return !strcmp(nx, "place");
            return 1;
        }
    return 0;
}

/* Particles that complete a phrasal verb with no object: "backed down", "stepped aside". */
/* "handed Israel a formal protest", "issued Iran a warning", "gave the rebels an ultimatum": the indirect object of
 * a verb of giving, an actor right after the verb (adverbs aside) and before the noun phrase of the thing given.
 * Returns the token after it (where the thing given starts) and the actor in *out, or 0 when there is none. */
static size_t indirect_object(sentence_job *j, const vgroup *g, size_t end, mention *out) {
    static const char *const giving[] = {"give", "hand", "issue", "deal", "send", "offer", "grant", "serve",
                                         "deliver", "extend", "lend"};
    const token *t = j->t;
    if (j->d->petr || g->passive) return 0;
    size_t q = g->head + 1;
    while (q < end && t[q].tag == TG_ADV) q++;
    if (q >= end || t[q].actor < 0) return 0; /* most verbs: asked before the list of verbs (a strcmp each) */
    int ok = 0;
    for (size_t i = 0; i < sizeof giving / sizeof giving[0] && !ok; i++) ok = same_word(t[g->head].lemma, giving[i]);
    if (!ok) return 0;
    const mention *m = &j->ms->v[t[q].actor];
    if (m->start != q || m->locative || m->possessive || m->in_brackets || m->end >= end) return 0;
    /* the thing given: a determiner, a number or an adjective opens it ("an ultimatum", "two weeks", "stern") */
    const token *n = &t[m->end];
    if (!(n->tag == TG_DET || n->tag == TG_ADJ || n->tag == TG_NUM || n->kind == TK_NUM)) return 0;
    *out = *m;
    return m->end;
}

static int is_particle(const char *w) {
    return !strcmp(w, "down") || !strcmp(w, "up") || !strcmp(w, "off") || !strcmp(w, "out") || !strcmp(w, "away") ||
           !strcmp(w, "back") || !strcmp(w, "aside") || !strcmp(w, "over");
}

/* What steps 1 and 2 of code_sentence note of each verb group, together (one group's notes in one place, all of
 * them cleared with one memset). */
typedef struct group_note {
    int has_subj;          /* subjects[] holds its subject */
    int governed;          /* governed by a control verb ("refused to meet") */
    int speech;            /* a verb of speech that reports a clause or quotation */
    int consumed;          /* coded as part of another group's event */
    int inherited;         /* its subject is the group's before it */
    int outer_verb;        /* PETRARCH-2: a verb (SAY, WANT...) that transforms the one it governs */
    int emitted;           /* it coded an event */
    int pair_subj;         /* its subject is the pair ("both countries") */
    int32_t outer_of;      /* PETRARCH-2 transformations: the governing verb group, or -1 ... */
    int32_t vcode;         /* ... and each one's code alone, or -1 */
    int32_t gov_cls;       /* the class of the control verb governing it, or -1 */
    uint32_t best_last;    /* the last word the verb's best pattern covers (PETRARCH) */
    uint8_t gov_neg;       /* governed by a negated control verb ("did not threaten to") */
    uint8_t listed_none;   /* its best pattern is listed as no event (---) */
    int8_t skipped_for;    /* a control verb not coded for the verb it governs (that group), or -1 */
} group_note;

/* Is g a "would" of reported speech ("announced that they would withdraw", "said it would make
 * concessions"): the future of the past, an intention like "will", not a hypothesis? */
static int same_side(const mention *a, const mention *b);
static int reported_would(sentence_job *j, const vgroup *g, size_t gi, const group_note *gn, const mention *subjects) {
    if (!g->hypothetical || g->passive || j->d->petr) return 0;
    int would = 0;
    for (size_t q = g->first; q < g->head; q++)
        if (j->t[q].tag == TG_MODAL) would = !strcmp(j->t[q].low, "would") || !strcmp(j->t[q].low, "'d");
    if (!would) return 0;
    const clause *cl = &j->ci->cl[g->clause];
    if (cl->type == CL_REL) return 0; /* "a law that would outlaw": a hypothesis */
    for (size_t gk = gi; gk-- > 0;) {
        const vgroup *o = &j->ci->vg[gk];
        /* "Turkey said its forces would strike": the speaker's own act foretold; "Turkish officials said the
           militias would use human shields": a prediction about another side, not done */
        if (gn[gk].speech)
            return !gn[gk].has_subj || !gn[gi].has_subj || subjects[gk].resolved || subjects[gi].resolved ||
                           (subjects[gk].needs_country && !subjects[gk].country) ||
                           (subjects[gi].needs_country && !subjects[gi].country) || same_side(&subjects[gk], &subjects[gi])
                       ? 1
                       : -1;
        if (!o->copula && !o->gerund && !o->infinitive) return 0; /* another finite verb comes between */
    }
    return 0;
}

/* Do a and b stand for the same side: the same actor, or the same state's government, forces or the state
 * itself ("Iran" and "Iranian officials"; not "Ukraine" and "Ukrainian rebels")? */
static int same_side(const mention *a, const mention *b) {
    static const char *const STATE[] = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG", NULL};
    if (a->start == b->start && a->end == b->end && a->code == b->code) return 1;
    if (a->code && b->code && a->code[0] && !strcmp(a->code, b->code)) return 1;
    if (!a->country || !b->country || strcmp(a->country, b->country)) return 0;
    const mention *m[2] = {a, b};
    for (int i = 0; i < 2; i++) {
        if (!m[i]->sector) continue;
        const char *const *p = STATE;
        while (*p && strcmp(*p, m[i]->sector)) p++;
        if (!*p) return 0;
    }
    return 1;
}

/* Is a CAMEO root ("19") one of the coercive and violent roots 14-20? */
static int coercive_root(const char *r) {
    return r[0] == '2' || (r[0] == '1' && r[1] >= '4');
}

/* Is the hypothetical g ("could impose sanctions", "might strike") a conditional act announced by its own
 * would-be actor, which CAMEO and PLOVER code as a threat of that act: the clause of a verb of speech or
 * warning whose subject is the same side ("Iran said it could impose sanctions on Israel", "Russia warned
 * that it might strike"), or a main clause attributed to that side ("Moscow could cut ties with Kyiv,
 * Russian officials said")? A hypothesis about someone else ("Germany said Russia could attack", "the move
 * could hurt relations, analysts said") is no event. `would` after a speech verb is an intention
 * (reported_would) and is not asked here. */
static int announced(sentence_job *j, const vgroup *g, size_t gi, const group_note *gn, const mention *subjects,
                     const mention *attr) {
    static const char *const WARN[] = {"warn", "threaten", "caution", NULL};
    const token *t = j->t;
    if (!g->hypothetical || g->passive || g->neg || j->d->petr || !gn[gi].has_subj) return 0;
    int modal = 0;
    for (size_t q = g->first; q < g->head; q++)
        if (t[q].tag == TG_MODAL)
            modal = !strcmp(t[q].low, "could") || !strcmp(t[q].low, "may") || !strcmp(t[q].low, "might") ||
                    !strcmp(t[q].low, "would") || !strcmp(t[q].low, "'d");
    if (!modal) return 0;
    const clause *cl = &j->ci->cl[g->clause];
    if (cl->type == CL_REL) return 0; /* "sanctions that could hurt": a hypothesis */
    for (size_t gk = gi; gk-- > 0;) {
        const vgroup *o = &j->ci->vg[gk];
        const char *l = t[o->head].lemma ? t[o->head].lemma : t[o->head].low;
        int warns = 0;
        for (const char *const *p = WARN; *p && !warns; p++) warns = !strcmp(*p, l);
        if ((gn[gk].speech || warns) && !o->copula && !o->infinitive) {
            if (o->neg || !gn[gk].has_subj) return 0;
            return same_side(&subjects[gk], &subjects[gi]);
        }
        if (!o->copula && !o->gerund && !o->infinitive) return 0; /* another finite verb comes between */
    }
    return cl->type == CL_MAIN && attr && same_side(attr, &subjects[gi]);
}

/* Verbs and nouns of demanding: what a that-clause after them says is demanded, not done. */
static int mandative(const char *l) {
    static const char *const M[] = {"demand", "urge", "ask", "request", "insist", "recommend", "propose", "suggest",
                                    "require", "order", "press", "appeal", "call", "plead", "petition", NULL};
    for (const char *const *p = M; l && *p; p++)
        if (same_word(*p, l)) return 1;
    return 0;
}

/* Is verb group g inside a condition ("retaliate if Washington imposed tariffs", "If Russia invades Ukraine,
 * NATO will respond", "in case the militants raided the house")? Read back from the group: "if", "unless" or
 * "in case" before a comma, a semicolon or another clause's opener. */
static int conditional(sentence_job *j, const vgroup *g) {
    const token *t = j->t;
    for (size_t q = g->first; q > j->start; q--) {
        const token *x = &t[q - 1];
        if (x->kind == TK_PUNCT && (x->low[0] == ',' || x->low[0] == ';' || x->low[0] == ':')) return 0;
        if (x->kind == TK_WORD && (!strcmp(x->low, "if") || !strcmp(x->low, "unless"))) return 1;
        /* "in case the militants raided the house" */
        if (x->kind == TK_WORD && !strcmp(x->low, "case") && q - 1 > j->start && !strcmp(t[q - 2].low, "in")) return 1;
        if (x->tag == TG_SUB || x->tag == TG_REL) return 0;
    }
    return 0;
}

/* Can token k stand inside a noun phrase read backwards from a verb (its words, an actor's, a possessive 's,
 * an adverb between)? */
static int np_word(const token *k) {
    return k->tag == TG_ADV || k->tag == TG_DET || k->tag == TG_ADJ || k->tag == TG_NOUN || k->tag == TG_PROPN ||
           k->tag == TG_PPOSS || k->tag == TG_NUM || k->actor >= 0 || k->kind == TK_POSS;
}

/* Verbs that assert another's act only as a claim ("alleged that", "claimed"). */
static const char *const CLAIM[] = {"allege", "claim", NULL};

/* Does the clause whose subject stands in tokens [s, e) tell of another party's act than the claimer's (the
 * nearest actor before the verb at v)? "Israel alleged that Iran was delivering ...": yes; "Norway claimed that it
 * destroyed ...", "Turkey claimed Turkish jets hit ...": its own act, reported. */
static int claimed_of_other(sentence_job *j, size_t v, size_t s, size_t e) {
    const token *t = j->t;
    const mention *subj = NULL, *claimer = NULL;
    for (size_t i = s; i < e && !subj; i++)
        if (t[i].actor >= 0) subj = &j->ms->v[t[i].actor];
    if (!subj || (!subj->country && !subj->org)) return 0;
    for (size_t i = v; i-- > j->start && !claimer;)
        if (t[i].actor >= 0) claimer = &j->ms->v[t[i].actor];
    if (!claimer) return 1;
    if (subj->country && claimer->country) return strcmp(subj->country, claimer->country) != 0;
    return !same_actor(subj, claimer);
}

/* Is verb group g an act the sentence does not assert: alleged ("was accused of killing", "suspected of firing",
 * "allegations of torturing") or denied ("denied that its forces had carried out attacks", "denying claims that
 * it sent troops")? */
static int unasserted(sentence_job *j, const vgroup *g) {
    static const char *const ALLEGE[] = {"accuse", "accused", "suspect", "suspected", "allege", "alleged", "blame",
                                         "blamed", "accusation", "accusations", "allegation", "allegations",
                                         "suspicion", "suspicions", NULL};
    static const char *const DENY[] = {"deny", "dispute", "refute", "dismiss", "denial", NULL};
    /* nouns only: "Kiev's claims that ...", but "Norway claimed that it destroyed ..." is its own report */
    static const char *const HEARSAY[] = {"claim", "claims", "allegation", "allegations", "accusation", "accusations",
                                          "rumour", "rumours", "rumor", "rumors", NULL};
    const token *t = j->t;
    size_t q = g->first;
    if (g->gerund) { /* "accused of killing", "suspected of firing" */
        while (q > j->start && t[q - 1].tag == TG_ADV) q--;
        if (q < j->start + 2 || !(!strcmp(t[q - 1].low, "of") || !strcmp(t[q - 1].low, "for"))) return 0;
        size_t b = q - 1; /* the accused in between: "accused the officer of using", "suspected the two men of" (not
                             "each other", "one another": golden tests code the act of each side of the exchange) */
        for (int n = 0; n < 4 && b > j->start + 1 && !word_in(t[b - 1].lemma, ALLEGE) && !word_in(t[b - 1].low, ALLEGE) &&
                        (t[b - 1].actor >= 0 || t[b - 1].tag == TG_DET || t[b - 1].tag == TG_NOUN || t[b - 1].tag == TG_PRON ||
                         t[b - 1].tag == TG_ADJ || t[b - 1].tag == TG_NUM) &&
                        strcmp(t[b - 1].low, "other") && strcmp(t[b - 1].low, "another");
             n++)
            b--;
        const token *v = &t[b - 1];
        return word_in(v->lemma, ALLEGE) || word_in(v->low, ALLEGE);
    }
    /* "the militants denied they had detained her husband": the clause right after the verb of denying, without
       "that" (its subject in between; not "dismiss", which also takes a person: "dismissed the general") */
    size_t b = q;
    for (int n = 0; n < 6 && b > j->start + 1 && (np_word(&t[b - 1]) || t[b - 1].tag == TG_PRON); n++) b--;
    if (b < q && b > j->start && t[b - 1].tag == TG_VERB && strcmp(t[b - 1].lemma, "dismiss") != 0 && word_in(t[b - 1].lemma, DENY))
        return 1;
    if (b < q && b > j->start && t[b - 1].tag == TG_VERB && word_in(t[b - 1].lemma, CLAIM) && claimed_of_other(j, b - 1, b, q))
        return 1; /* "Britain has claimed Syrian forces used chemical weapons" */
    const clause *cl = &j->ci->cl[g->clause];
    if (cl->type == CL_SUB && cl->intro >= 0 && !strcmp(t[cl->intro].low, "that")) { /* "denied that ..." */
        size_t a = (size_t)cl->intro;
        while (a > j->start && (t[a - 1].tag == TG_ADV || (t[a - 1].kind == TK_PUNCT && t[a - 1].low[0] == ','))) a--;
        if (a > j->start && (word_in(t[a - 1].lemma, DENY) || word_in(t[a - 1].low, DENY) ||
                             (t[a - 1].tag == TG_NOUN && word_in(t[a - 1].low, HEARSAY))))
            return 1;
        if (a > j->start && t[a - 1].tag == TG_VERB && word_in(t[a - 1].lemma, CLAIM) &&
            claimed_of_other(j, a - 1, (size_t)cl->intro + 1, g->first))
            return 1; /* "Israel alleged that Iran was delivering missiles" */
    }
    return 0;
}

/* Is verb group g in a clause the writer only guesses at: "it is likely that X will ...", "it is possible
 * (that) ...", "it remains unclear whether ..."? */
static const char *const GUESS[] = {"likely", "unlikely", "possible", "probable", "conceivable", "doubtful",
                                    "unclear", "uncertain", NULL};
static int speculated(sentence_job *j, const vgroup *g) {
    const clause *cl = &j->ci->cl[g->clause];
    if (cl->type != CL_SUB || cl->intro < 0) return 0; /* the clause "that"/"whether" opens */
    const token *t = j->t;
    size_t a = (size_t)cl->intro;
    while (a > j->start && t[a - 1].tag == TG_ADV) a--;
    if (a <= j->start + 1 || !word_in(t[a - 1].low, GUESS)) return 0;
    a--;
    while (a > j->start && t[a - 1].tag == TG_ADV) a--;
    if (a <= j->start + 1 || !(t[a - 1].tag == TG_BE || (t[a - 1].tag == TG_VERB && (!strcmp(t[a - 1].lemma, "remain") || !strcmp(t[a - 1].lemma, "seem") || !strcmp(t[a - 1].lemma, "appear")))))
        return 0;
    return !strcmp(t[a - 2].low, "it");
}

/* Does the "from" at t[f] follow a verb of preventing or refraining, maybe with its object in between ("stopped
 * the militants on the roadside from blowing up", "barred journalists from entering", "refrained from
 * attacking")? What comes after it is not done. */
static int prevented(sentence_job *j, size_t f) {
    static const char *const PREVENT[] = {"stop", "prevent", "keep", "bar", "ban", "block", "deter", "prohibit",
                                          "discourage", "dissuade", "restrain", "refrain", "abstain", "desist",
                                          "forbid", "preclude", "hinder", "save", NULL};
    const token *t = j->t;
    for (int n = 0; f > j->start && n < 8; n++, f--) {
        const token *k = &t[f - 1];
        if (k->tag == TG_VERB) return word_in(k->lemma, PREVENT);
        if (!(np_word(k) || k->tag == TG_PRON || k->tag == TG_PREP)) return 0;
    }
    return 0;
}

/* Is gerund g an act left undone: "without", "instead of", "rather than", "no NOUN of", or "from" after a verb of
 * preventing (prevented()) before it, maybe with the gerund's own subject in between ("entered the town without
 * firing a shot", "could not fly there without both Russia and Syria agreeing", "rather than attacking the port",
 * "has no intention of giving ground", "stopped the militants from blowing up")? */
static int forgone(sentence_job *j, const vgroup *g) {
    if (!g->gerund) return 0;
    const token *t = j->t;
    size_t a = g->first;
    for (int n = 0; a > j->start && n < 8; n++, a--) {
        const token *k = &t[a - 1];
        if (np_word(k) || k->tag == TG_CONJ) continue;
        if (!strcmp(k->low, "without")) return 1;
        if (!strcmp(k->low, "from")) return prevented(j, a - 1);
        if (a >= j->start + 3 && !strcmp(k->low, "of") && t[a - 2].tag == TG_NOUN && !strcmp(t[a - 3].low, "no"))
            return 1; /* "has no intention of giving ground", "no plans of sending troops" */
        if (a >= j->start + 2 && ((!strcmp(k->low, "of") && !strcmp(t[a - 2].low, "instead")) ||
                                  (!strcmp(k->low, "than") && !strcmp(t[a - 2].low, "rather"))))
            return 1;
        return 0;
    }
    return 0;
}

/* The verb group right before g in its clause, or NULL. */
static const vgroup *group_before(const sentence_job *j, const vgroup *g) {
    const vgroup *o = NULL;
    for (size_t k = 0; k < j->ci->nvg; k++)
        if (j->ci->vg[k].head < g->first && j->ci->vg[k].clause == g->clause) o = &j->ci->vg[k];
    return o;
}

/* Is gerund g coordinated with an earlier gerund that is alleged or left undone: "suspected of firing into the
 * crowd and killing three people", "without consulting parliament or informing the cabinet"? */
static int undone_in_list(sentence_job *j, const vgroup *g) {
    if (!g->gerund) return 0;
    const token *t = j->t;
    size_t q = g->first;
    while (q > j->start && t[q - 1].tag == TG_ADV) q--;
    if (q <= j->start || !(t[q - 1].tag == TG_CONJ || (t[q - 1].kind == TK_PUNCT && t[q - 1].low[0] == ','))) return 0;
    const vgroup *o = group_before(j, g);
    if (!o || !o->gerund) return 0;
    return unasserted(j, o) || forgone(j, o) || undone_in_list(j, o);
}

/* Is gerund g, after "by", the means of an earlier verb of its clause that is not done: hypothetical or negated
 * ("the West should repay the Kurds by standing up to Turkey", "did not respond by cutting aid")? */
static int means_undone(sentence_job *j, const vgroup *g) {
    if (!g->gerund || g->first <= j->start || strcmp(j->t[g->first - 1].low, "by") != 0) return 0;
    const vgroup *o = group_before(j, g);
    return o && (o->hypothetical || o->neg);
}

/* Is verb group g demanded, not done: in a that-clause after a verb or noun of demanding ("urged that Israel
 * withdraw", "the demand that troops leave"), or a bare subjunctive right after its subject, the object of a verb
 * of demanding ("demanded the president resign")? For the verbs that also report ("insisted", "suggested"), only
 * when the clause's verb is a bare subjunctive ("insisted that Israel withdraw", not "insisted that Israel
 * withdrew"). */
static int mandated(sentence_job *j, const vgroup *g) {
    const clause *cl = &j->ci->cl[g->clause];
    const token *t = j->t;
    /* without "that": "demanding the president resign", a base form whose subject follows the verb of demanding */
    if (g->first == g->head && t[g->head].vform == 0 && g->head > j->start && t[g->head - 1].actor >= 0 && !g->infinitive) {
        const mention *s = &j->ms->v[t[g->head - 1].actor];
        size_t b = s->start;
        while (b > j->start && (t[b - 1].tag == TG_DET || t[b - 1].tag == TG_ADJ)) b--;
        if (b > j->start && t[b - 1].tag == TG_VERB && mandative(t[b - 1].lemma) && s->end == g->head) return 1;
    }
    /* ... or a subject pronoun: "proposing he step down", "demanded they leave" */
    if (g->first == g->head && t[g->head].vform == 0 && g->head > j->start + 1 && !g->infinitive &&
        is_subj_pron(t[g->head - 1].low) && t[g->head - 2].tag == TG_VERB && mandative(t[g->head - 2].lemma))
        return 1;
    if (cl->type != CL_SUB || cl->intro < 0 || strcmp(t[cl->intro].low, "that") != 0) return 0;
    size_t q = (size_t)cl->intro;
    while (q > j->start && (t[q - 1].tag == TG_ADV || (t[q - 1].kind == TK_PUNCT && t[q - 1].low[0] == ','))) q--;
    if (q == j->start) return 0;
    const token *v = &t[q - 1];
    if ((v->tag != TG_VERB && v->tag != TG_NOUN) || !mandative(v->lemma)) return 0;
    if (v->tag == TG_VERB && modal_tok(j, MOD_SPEECH, v))
        return g->first == g->head && t[g->head].vform == 0;
    return 1;
}

/* Does gerund g (its first word at p) open a participle clause that shares the subject of the verb before
 * it: after a comma ("..., meeting Z"), after "and" following such a clause ("killing two and wounding
 * five"), or after "while"/"when" ("shot a man while occupying his home")? */
/* "allowing refugees to cross into the country and granting them asylum": the verb at token v is an infinitive
 * inside the phrase of an earlier gerund of the clause (between it and the gerund at p, a "to" before it, and a
 * gerund before that with no finite verb between), so a gerund coordinated after it continues that gerund. */
static int infinitive_in_gerund(sentence_job *j, size_t v, size_t p) {
    const token *t = j->t;
    if (t[v].tag != TG_VERB || v < j->start + 2 || t[v - 1].tag != TG_TO || v >= p) return 0;
    for (size_t q = v - 1; q > j->start; q--) {
        const token *x = &t[q - 1];
        if (x->tag == TG_VERB) return x->vform == 'g';
        if (x->tag == TG_BE || x->tag == TG_HAVE || x->tag == TG_MODAL || x->tag == TG_SUB || x->tag == TG_REL ||
            x->tag == TG_CONJ || x->kind == TK_PUNCT)
            return 0;
    }
    return 0;
}

static int participle_clause(sentence_job *j, const vgroup *g, size_t p) {
    const token *t = j->t;
    (void)g;
    if (p <= j->start + 1) return 0;
    const token *b = &t[p - 1];
    if (b->kind == TK_PUNCT && b->low[0] == ',') return 1;
    if (b->tag == TG_DASH && p - 1 > j->start && t[p - 2].tag != TG_DASH) return 1; /* "... -- threatening Z" */
    if (b->tag == TG_SUB && (!strcmp(b->low, "while") || !strcmp(b->low, "when"))) return 1;
    if (b->tag == TG_CONJ && strcmp(b->low, "or") != 0) {
        /* "and wounding": the word before the conjunction's phrase was reached through another gerund */
        for (size_t q = p - 1; q > j->start; q--) {
            const token *x = &t[q - 1];
            if (infinitive_in_gerund(j, q - 1, p)) continue;
            if (x->tag == TG_VERB) return x->vform == 'g';
            if (x->tag == TG_BE || x->tag == TG_HAVE || x->tag == TG_MODAL || x->tag == TG_SUB || x->tag == TG_REL) return 0;
            if (x->kind == TK_PUNCT && x->low[0] != ',') return 0;
        }
    }
    return 0;
}

/* A gerund after a comma that follows the pattern's last word (last): "expelled the envoy, accusing Britain of
 * spying" is a participle clause with an act of its own, not a part of the pattern of the verb at token last
 * ("accused X of sheltering"). */
static int comma_gerund(sentence_job *j, const vgroup *o, size_t last) {
    if (!o->gerund || j->d->petr) return 0;
    size_t p = o->first;
    while (p > last + 1 && j->t[p - 1].tag == TG_ADV) p--;
    return p > last + 1 && j->t[p - 1].kind == TK_PUNCT && j->t[p - 1].low[0] == ','; /* (not "..., for refusing") */
}

/* A "by" a few words after token i, before any verb (a cheap test before matching "the arrest of X by Y"). */
static int by_ahead(sentence_job *j, size_t i) {
    for (size_t q = i; q < j->end && q < i + 10; q++) {
        const token *k = &j->t[q];
        if (k->tag == TG_VERB || k->tag == TG_BE || k->tag == TG_HAVE || k->tag == TG_MODAL || k->tag == TG_SUB ||
            k->tag == TG_REL || (k->kind == TK_PUNCT && k->low[0] != ','))
            return 0;
        if (k->low[0] == 'b' && !strcmp(k->low, "by")) return 1;
    }
    return 0;
}

/* "the arrest of the opposition leader (and the party's chairman) in Kampala by the police": the by-phrase that closes the
 * noun phrase of target x (and the actors coordinated with it) names the doer of the event noun before it. */
static int by_after_target(sentence_job *j, const mention *x, size_t to, mention *out) {
    actorset s;
    coord(j, x, &s);
    size_t e = x->end;
    for (int a = 0; a < s.n; a++)
        if (!s.m[a].resolved && s.m[a].end > e) e = s.m[a].end;
    int conj = 0;
    for (size_t q = e; q < to && q < e + 6; q++) {
        const token *k = &j->t[q];
        if (!strcmp(k->low, "by")) return by_phrase(j, q, to, out) && out->start > e && !same_actor(out, x);
        /* "the release of their leader and an inquiry by the police": after a conjunction, a noun that is no
           actor heads a noun phrase of its own, whose by-phrase it is */
        if (k->tag == TG_CONJ) conj = 1;
        if (conj && k->tag == TG_NOUN && k->actor < 0) return 0;
        if (!(k->tag == TG_NOUN || k->tag == TG_PROPN || k->tag == TG_ADJ || k->tag == TG_DET || k->tag == TG_NUM ||
              k->tag == TG_PPOSS || k->tag == TG_CONJ || k->tag == TG_PREP || k->actor >= 0))
            return 0;
    }
    return 0;
}

/* Does the noun at i code an event of its own (step 3 of code_sentence): an event noun with a possessor or a
 * by-phrase ("Russia's attack on Georgia", "an attack by Hamas on an Israeli post") and a target? Fills its doer,
 * the pattern and the target. */
/* The first of the adjectives and nouns (no actor's) that end right before token i: "the [new border] talks". */
static inline size_t noun_words_start(const sentence_job *j, size_t i) {
    size_t s = i;
    while (s > j->start && (j->t[s - 1].tag == TG_ADJ || j->t[s - 1].tag == TG_NOUN) && j->t[s - 1].actor < 0) s--;
    return s;
}

static int noun_event_at(sentence_job *j, size_t i, mention *srcm, pmatch *out, mention *x, trace_fn trace) {
    const token *t = j->t;
    size_t s = noun_words_start(j, i);
    int late = 0; /* the doer's by-phrase comes after the target: "the arrest of the opposition leader by the police" */
    if (s >= j->start + 2 && t[s - 1].tag == TG_POSS && t[s - 2].actor >= 0) *srcm = j->ms->v[t[s - 2].actor];
    else if (!(i + 2 < j->end && !strcmp(t[i + 1].low, "by") && by_phrase(j, i + 1, j->end, srcm)) &&
             !(late = !j->d->petr && i + 4 < j->end && !strcmp(t[i + 1].low, "of") && by_ahead(j, i + 2)))
        return 0;
    const clause *cl = clause_at(j, i);
    pmatch cands[MATCH_MAX];
    int nc = match_at_w(j->d, j->words, t, i, cl->end, 1, 0, cands, MATCH_MAX, trace, j->ud);
    for (int q = 0; q < nc; q++) {
        const pmatch *m = &cands[q];
        if (m->p->nocode) return 0; /* "---": the phrase is no event */
        size_t from = m->last + 1;
        if (!m->p->nwords && i + 1 < j->end && !strcmp(t[i + 1].low, "by")) from = i + 2 + (srcm->end - srcm->start);
        if (!find_target(j, from, cl->end, m->last, NULL, x)) continue;
        if (late && !by_after_target(j, x, cl->end, srcm)) continue;
        *out = *m;
        return 1;
    }
    return 0;
}
/* The test that turns nearly every token away, inline: this runs for every token of every sentence. */
static inline int noun_event(sentence_job *j, size_t i, mention *srcm, pmatch *out, mention *x, trace_fn trace) {
    const token *t = j->t;
    if (i <= j->start || t[i].tag != TG_NOUN || t[i].actor >= 0) return 0;
    /* noun_event_at's first test, without the call: its doer is a possessor before the noun's words, or comes
       in a phrase that begins with "by" or "of" right after the noun */
    const char *nx = i + 1 < j->end ? t[i + 1].low : "";
    if (!((nx[0] == 'b' && nx[1] == 'y' && !nx[2]) || (nx[0] == 'o' && nx[1] == 'f' && !nx[2]))) {
        size_t s = noun_words_start(j, i);
        if (!(s >= j->start + 2 && t[s - 1].tag == TG_POSS && t[s - 2].actor >= 0)) return 0;
    }
    return noun_event_at(j, i, srcm, out, x, trace);
}

/* Does the event noun at i name something done, not something asked for, planned, denied or possible: no verb
 * before it in its clause is negated, future, hypothetical, an infinitive, a verb of demanding ("called for talks
 * between") or a control verb ("hopes for", "plans")? */
static int between_done(sentence_job *j, size_t i) {
    const clause_info *ci = j->ci;
    int32_t c = ci->tok_clause[i - j->start];
    const clause *cl = &ci->cl[c]; /* "If a treaty between China and Japan is signed": a condition */
    if (cl->intro >= 0 && (!strcmp(j->t[cl->intro].low, "if") || !strcmp(j->t[cl->intro].low, "unless"))) return 0;
    for (size_t gk = 0; gk < ci->nvg; gk++) {
        const vgroup *o = &ci->vg[gk];
        if (o->clause != c || o->head > i) continue;
        const char *l = j->t[o->head].lemma;
        if (o->neg || o->future || o->hypothetical || o->infinitive || mandative(l)) return 0;
        for (int cls = 0; cls < MOD__COUNT; cls++)
            if (cls != MOD_SPEECH && cls != MOD_ALONE && cls != MOD_PROCEED && cls != MOD_ONLOOKER && dict_is_modal(j->d, cls, l))
                return 0;
    }
    return 1;
}

/* An event noun at i between two actors: "the agreement between Malawi and Nigeria", "talks between the
 * government and the rebels": each acts on the other (not a mediation, CAMEO 045: "Norway's mediation between
 * Colombo and the Tigers" is a third party's act). Returns the events emitted, or -1 when out of memory. */
static int between_event(sentence_job *j, size_t i, event_list *out, const mention *according) {
    const token *t = j->t;
    if (j->d->petr || i + 3 >= j->end || t[i].tag != TG_NOUN || t[i].actor >= 0 || strcmp(t[i + 1].low, "between") != 0 ||
        !between_done(j, i))
        return 0;
    const clause *cl = clause_at(j, i);
    pmatch cands[MATCH_MAX];
    int nc = match_at_w(j->d, j->words, t, i, cl->end, 1, 0, cands, MATCH_MAX, j->trace, j->ud);
    mention x;
    int q = 0;
    while (q < nc && (cands[q].last != i + 1 || !strcmp(j->d->codes[cands[q].p->code].code, "045"))) q++;
    if (q == nc || !find_target(j, i + 2, cl->end, i + 1, NULL, &x) || x.start > i + 4) return 0;
    actorset two;
    coord(j, &x, &two);
    if (two.n != 2 || same_actor(&two.m[0], &two.m[1])) return 0;
    int32_t date = event_date(j, j->ci->tok_clause[i - j->start], i);
    int n = 0;
    for (int a = 0; a < 2; a++) {
        int r = emit(j, out, &two.m[a], &two.m[1 - a], cands[q].p->code, &cands[q], date, according);
        if (r < 0) return -1;
        n += r;
    }
    return n;
}

/* Is a CAMEO code one of the violent roots 18-20 (assault, fight, mass violence)? */
static int violent_code(const dyad_dict *d, int32_t code) {
    const char *r = d->codes[code].root;
    return r[0] == '2' || (r[0] == '1' && (r[1] == '8' || r[1] == '9'));
}

/* "Hamas's attack on Israel killed two soldiers", "an attack by Hamas on the village wounded five": the subject of
 * verb group g is a violent event noun that codes an event of its own (noun_event); the verb only tells what the
 * incident did, so a violent verb there is the same incident and is not coded again. */
static int incident_subject(sentence_job *j, const vgroup *g) {
    const token *t = j->t;
    const clause *cl = &j->ci->cl[g->clause];
    for (size_t i = g->first; i > cl->start;) {
        i--;
        const token *k = &t[i];
        if (!(k->tag == TG_NOUN || k->tag == TG_ADJ || k->tag == TG_DET || k->tag == TG_NUM || k->tag == TG_PROPN ||
              k->tag == TG_POSS || k->tag == TG_PREP || k->tag == TG_TO || k->tag == TG_ADV || k->actor >= 0))
            return 0;
        mention s, x;
        pmatch m;
        if (k->tag == TG_NOUN && k->actor < 0 && noun_event(j, i, &s, &m, &x, NULL) && violent_code(j->d, m.p->code)) return 1;
    }
    return 0;
}

/* "Aid agencies warned that famine was imminent": a bare "warn" whose clause reports a fact about others or the
 * state of things is a warning, not a threat (130). It stays a threat when it is addressed to an actor ("warned
 * America that ..."), when its clause foretells a consequence ("warned that the move could affect security"), or
 * when its clause is the speaker's own act ("Turkey warned it would not stand by", "warned that his country
 * will strike"). */
static int warning_of_others(sentence_job *j, const vgroup *g, const pmatch *m) {
    const token *t = j->t;
    if (m->p->nwords || m->p->nominal || strcmp(m->p->head, "warn") != 0) return 0;
    size_t k = g->head + 1;
    while (k < j->end && (t[k].tag == TG_ADV || (t[k].flags & TF_DATE) || t[k].kind == TK_PUNCT)) k++;
    if (k >= j->end || strcmp(t[k].low, "that") != 0) return 0; /* "warned America", "warned it would" */
    k++;
    /* "the Finnish ministry warned that Finland will not tolerate": the clause's subject is the speaker's country */
    size_t a = k;
    while (a < j->end && t[a].tag == TG_DET && t[a].actor < 0) a++;
    if (a < j->end && t[a].actor >= 0) {
        const mention *em = &j->ms->v[t[a].actor];
        for (size_t q = g->first; q > j->ci->cl[g->clause].start && em->country; q--)
            if (t[q - 1].actor >= 0) {
                const mention *sm = &j->ms->v[t[q - 1].actor];
                if (sm->country && !strcmp(sm->country, em->country)) return 0;
                break;
            }
    }
    /* "warned that the measures could affect security": a consequence foretold (a modal) is an implicit threat;
       only a fact reported ("warned that famine was imminent") is none */
    for (size_t q = k; q < j->end && q < k + 12; q++) {
        if (t[q].tag == TG_MODAL) return 0;
        if (t[q].tag == TG_VERB || t[q].tag == TG_BE || t[q].tag == TG_HAVE || t[q].tag == TG_SUB) break;
    }
    if (k < j->end && (t[k].tag == TG_PRON || t[k].tag == TG_PPOSS)) {
        static const char *const SELF[] = {"it", "its", "we", "our", "they", "their", "he", "his", "she", "her", "i", "my", NULL};
        if (word_in(t[k].low, SELF)) return 0;
    }
    return 1;
}

/* "A gunman dragged two men into his car, abducted and killed them", "the mob broke into the school, torched
 * classrooms and threw stones": a finite verb after a comma, in a list of verb phrases that a conjunction closes,
 * shares the subject of the finite verb before it. Returns that verb group's index, or -1. */
static int listed_verb(sentence_job *j, size_t gi, size_t ng) {
    const token *t = j->t;
    const clause_info *ci = j->ci;
    const vgroup *g = &ci->vg[gi];
    if (gi == 0 || g->gerund || g->infinitive || g->passive || g->copula || g->first != g->head) return -1;
    if (t[g->head].vform != 'd' && t[g->head].vform != 's') return -1;
    size_t p = g->first;
    while (p > j->start && t[p - 1].tag == TG_ADV) p--;
    if (p <= j->start || !(t[p - 1].kind == TK_PUNCT && t[p - 1].low[0] == ',')) return -1;
    /* the list goes on: the next verb group comes after "and"/"or" or another comma */
    if (gi + 1 >= ng) return -1;
    size_t q = ci->vg[gi + 1].first;
    while (q > g->head + 1 && t[q - 1].tag == TG_ADV) q--;
    if (!((t[q - 1].tag == TG_CONJ && strcmp(t[q - 1].low, "but") != 0) || (t[q - 1].kind == TK_PUNCT && t[q - 1].low[0] == ',')))
        return -1;
    for (size_t r = g->head + 1; r + 1 < q; r++) /* nothing that opens a clause of its own between them */
        if (t[r].tag == TG_SUB || t[r].tag == TG_REL || t[r].kind == TK_QUOTE || (t[r].kind == TK_PUNCT && t[r].low[0] != ','))
            return -1;
    /* the verb before: finite, active, with nothing that opens another clause between it and this one */
    const vgroup *o = &ci->vg[gi - 1];
    if (o->gerund || o->infinitive || o->passive || o->copula) return -1;
    for (size_t r = o->head + 1; r < p; r++)
        if (t[r].tag == TG_SUB || t[r].tag == TG_REL || t[r].tag == TG_CONJ || t[r].kind == TK_QUOTE || t[r].kind == TK_OPEN ||
            (t[r].kind == TK_PUNCT && t[r].low[0] != ','))
            return -1;
    return (int)gi - 1;
}

/* Is a CAMEO root one of a stance taken towards something (05 praise and endorsement, 10 demands, 11
 * disapproval, 12 rejection) or of violence done to something (18-20: "burned five vehicles", "retook the
 * city"), an event even when what it is about is no actor? (Not 17: "questioned the move", "monitored the
 * vote" are no coercion.) */
static int stance_root(int root) { return root == 5 || root == 10 || root == 11 || root == 12 || (root >= 18 && root <= 20); }

/* Can token k start a noun phrase (the object of a verb)? */
static int np_start(const token *k) {
    return k->tag == TG_DET || k->tag == TG_PPOSS || k->tag == TG_NOUN || k->tag == TG_PROPN || k->tag == TG_ADJ ||
           k->tag == TG_NUM;
}

/* Does a subordinator of time, cause or manner stand in tokens [from, to) ("as", "after", "because"...)? */
static int adverbial_between(const token *t, size_t from, size_t to) {
    static const char *const A[] = {"as", "after", "before", "since", "until", "while", "because", "although", "though",
                                    "whereas", "once", "unless", "when", "amid", NULL};
    for (size_t q = from; q < to; q++) {
        if (t[q].kind != TK_WORD || (t[q].tag != TG_SUB && t[q].tag != TG_PREP)) continue;
        for (const char *const *p = A; *p; p++)
            if (!strcmp(*p, t[q].low)) return 1;
    }
    return 0;
}

/* The generic investigation (090) of an act named as its object takes the act's kind: CAMEO 092 for
 * repression and abuse of persons (root 17, and assaults on persons 182x), 093 for military action (roots 15,
 * 18, 19), 094 for mass violence (20). Other codes stay. */
static int32_t investigated_act(const dyad_dict *d, int32_t code, int32_t act) {
    if (strcmp(d->codes[code].code, "090") != 0) return code;
    const char *a = d->codes[act].code;
    int root = code_root(&d->codes[act]);
    const char *to = root == 17 || !strncmp(a, "182", 3) ? "092" : root == 15 || root == 18 || root == 19 ? "093"
                                                                  : root == 20 ? "094" : NULL;
    int32_t c = to ? dict_code(d, to) : -1;
    return c >= 0 ? c : code;
}

/* Does a verb whose own patterns matched (cands[0..nc)) take an act as the object of an attitude ("welcomed the
 * release of", "condemned the attack on", "demanded the withdrawal of", "investigated the killing of",
 * "threatened an attack on")? Then the verb is the event, not the act it names: an appeal, an intent, a
 * consultation, support, an investigation, a demand, a disapproval, a rejection, a threat or a protest (roots
 * 02-05 and 09-14) by a pattern of the verb that does not name the noun. Light verbs ("launched an attack on",
 * "held talks with", "began a hunger strike") have no such pattern of their own. */
static int attitude_verb(const dyad_dict *d, const pmatch *cands, int nc, const token *noun) {
    const char *nl = noun->lemma ? noun->lemma : noun->low;
    for (int q = 0; q < nc; q++) {
        const vpattern *p = cands[q].p;
        if (p->nominal || p->nocode) continue;
        int root = code_root(&d->codes[p->code]);
        if (!((root >= 2 && root <= 5) || (root >= 9 && root <= 14))) continue;
        /* a pattern that names the noun itself ("hold talks with", "begin hunger strike") is a light verb's */
        int names = 0;
        for (int w = 0; w < p->nwords && !names; w++) names = !strcmp(p->words[w], nl) || !strcmp(p->words[w], noun->low);
        if (!names) return 1;
    }
    return 0;
}

/* The patterns that match at verb group g (negated or not: neg): the verb's own (match_at at its head, to the
 * clause's end; PETRARCH's, to the sentence's) and a light verb's event noun ("launched an attack on", "held talks
 * with"; "handed Egypt a protest"), best first. An attitude verb ("condemned the attack on the embassy") keeps the
 * act it names apart (act). Reads the sentence only (and traces): step 2 of code_sentence may ask it before or
 * after its other tests of the group. */
typedef struct verb_cands {
    pmatch cands[2 * MATCH_MAX];
    int nc;
    pmatch act;       /* the act an attitude verb names: its target and root */
    int have_act;
    mention iobj;     /* an indirect object before the noun ("handed Egypt a protest") ... */
    size_t io_end;    /* ... and its end, 0 for none */
} verb_cands;

static void verb_candidates(sentence_job *j, const vgroup *g, int neg, verb_cands *vc) {
    const token *t = j->t, *h = &t[g->head];
    const clause *cl = &j->ci->cl[g->clause];
    pmatch *cands = vc->cands;
    size_t lim = j->d->petr ? j->end : cl->end; /* PETRARCH patterns and objects may run into a clause */
    int nc = match_at_w(j->d, j->words, t, g->head, lim, 0, neg, cands, MATCH_MAX, j->trace, j->ud);
    /* light verb + nominal event: "launched an attack on", "held talks with"; "handed Egypt a protest" */
    size_t k = indirect_object(j, g, cl->end, &vc->iobj);
    vc->io_end = k;
    if (!k) k = g->head + 1;
    while (k < cl->end && (t[k].tag == TG_DET || t[k].tag == TG_ADJ || t[k].tag == TG_PPOSS || t[k].tag == TG_NUM ||
                           t[k].tag == TG_ADV || t[k].tag == TG_QUOTE || t[k].tag == TG_PREP ||
                           (t[k].tag == TG_NOUN && k + 1 < cl->end && t[k + 1].tag == TG_NOUN)))
        if (t[k++].tag == TG_PREP && strcmp(t[k - 1].low, "out") && strcmp(t[k - 1].low, "up") &&
            strcmp(t[k - 1].low, "in")) { k = cl->end; break; } /* "carried out an attack"; not "called off
                                                                    the ceasefire", whose particle undoes it */
    int act_noun = k < cl->end && t[k].tag == TG_NOUN && t[k].actor < 0;
    int attitude = act_noun && !j->d->petr && attitude_verb(j->d, cands, nc, &t[k]);
    memset(&vc->act, 0, sizeof vc->act);
    vc->have_act = 0;
    if (attitude) {
        tracef(j, "  '%s' is an event of its own: the act it names ('%s') is its object", h->lemma, t[k].low);
        pmatch nm[MATCH_MAX];
        if (match_at_w(j->d, j->words, t, k, cl->end, 1, 0, nm, MATCH_MAX, NULL, NULL) > 0) vc->act = nm[0], vc->have_act = 1;
    }
    else if (act_noun && !j->d->petr && modal_tok(j, MOD_ONLOOKER, h))
        tracef(j, "  '%s' meets or weighs another's act ('%s'): its subject is not the noun's doer", h->lemma, t[k].low);
    else if (act_noun) {
        pmatch nm[MATCH_MAX];
        int nn = match_at_w(j->d, j->words, t, k, cl->end, 1, neg, nm, MATCH_MAX, j->trace, j->ud);
        for (int q = 0; q < nn; q++) cands[nc++] = nm[q];
        /* resort: verbal and nominal candidates together, most words first */
        for (int a = 1; a < nc; a++)
            for (int b = a; b > 0 && cands[b].score > cands[b - 1].score; b--) {
                pmatch tmp = cands[b];
                cands[b] = cands[b - 1];
                cands[b - 1] = tmp;
            }
    }
    vc->nc = nc;
}

int code_sentence(sentence_job *j, event_list *out) {
    /* "De Mistura urged ...", "Jean Ziegler said": a verb whose subject is a full name no dictionary has */
    for (size_t gi = 0; gi < j->ci->nvg && !j->d->petr; gi++) {
        const vgroup *g = &j->ci->vg[gi];
        if (g->passive || g->gerund || g->infinitive) continue;
        size_t q = g->first;
        while (q > j->start && j->t[q - 1].tag == TG_ADV) q--;
        if (q > j->start + 2 && j->t[q - 1].kind == TK_PUNCT && j->t[q - 1].low[0] == ',') q--; /* "..., David Davis, has" */
        if (q > j->start + 1 && j->t[q - 1].tag == TG_PROPN && j->t[q - 1].actor < 0 && (j->t[q - 1].flags & TF_CAP) &&
            j->t[q - 2].actor < 0 && (j->t[q - 2].flags & TF_CAP))
            j->person_unknown = 1; /* a full name (a surname alone may be a person named before) */
    }
    const token *t = j->t;
    const clause_info *ci = j->ci;
    enum { NG = 64 };
    mention subjects[NG];
    group_note gn[NG]; /* what steps 1 and 2 note of each verb group */
    size_t ng = ci->nvg < NG ? ci->nvg : NG;
    /* only the groups in use are cleared (one memset: a sentence has a few, the array holds 64); then the
       fields whose "none" is -1 */
    memset(gn, 0, ng * sizeof *gn);
    for (size_t gi = 0; gi < ng; gi++) gn[gi].outer_of = gn[gi].vcode = gn[gi].gov_cls = -1, gn[gi].skipped_for = -1;
    mention sent_subj, sent_tgt, according, pairm[2];
    memset(pairm, 0, sizeof pairm);
    int have_sent_subj = 0, have_sent_tgt = 0, have_according = 0;

    if (j->d->petr) { /* PETRARCH/TABARI dictionaries (src/compat/): discard phrases, PETRARCH's actor codes */
        size_t so = t[j->start].off, se = t[j->end - 1].off + t[j->end - 1].len;
        const char *which;
        if (petr_discard_find(j->d, j->doctext + so, se - so, &which)) {
            tracef(j, "discarded: '%s'", which);
            return 0;
        }
        petr_recode(j->d, j->t, j->start, j->end, j->ms->v, j->ms->n, j->doc_date, j->a);
        for (size_t i = 0; j->trace && i < j->ms->n; i++)
            if (j->ms->v[i].code)
                tracef(j, "petrarch actor: '%s' -> %s", span_text(j, j->ms->v[i].start, j->ms->v[i].end), j->ms->v[i].code);
    }

    /* PETRARCH-2 transformations: the code each verb has alone (SAY 010, WANT 030...) */
    if (j->d->petr && (j->d->petr->ntrans || j->d->petr->p2)) /* (the codes are also what a governed verb combines with) */
        for (size_t gi = 0; gi < ng; gi++) {
            pmatch tmp[MATCH_MAX];
            int n = ci->vg[gi].copula ? 0 : match_at_w(j->d, j->words, t, ci->vg[gi].head, j->end, 0, 0, tmp, MATCH_MAX, NULL, NULL);
            for (int k = 0; k < n && gn[gi].vcode < 0; k++)
                if (!tmp[k].p->nwords && !tmp[k].p->nbefore) gn[gi].vcode = tmp[k].p->code;
            gn[gi].best_last = n > 0 && (tmp[0].p->nwords || tmp[0].p->nbefore) ? tmp[0].last : 0; /* 0: the verb alone */
            if (ci->vg[gi].gerund || ci->vg[gi].infinitive) gn[gi].vcode = -1; /* only a finite verb reports or wants */
            for (size_t k = 0; k < j->d->petr->ntrans && gn[gi].vcode >= 0 && !gn[gi].outer_verb; k++)
                gn[gi].outer_verb = j->d->petr->trans[k].outer == gn[gi].vcode;
        }

    /* "according to Kabul, ...": the sentence's attribution, at the first "according to" right before a token of
       an actor. The tokens with an actor are those of the mentions' spans (find_mentions sets token.actor over
       each span, and nothing else does), so only the two tokens before each of those are asked, not every token
       of the sentence; the first such place in the sentence is kept, as a scan of the tokens would find it */
    size_t acc = j->end;
    for (size_t q = 0; q < j->ms->n; q++)
        for (size_t p = j->ms->v[q].start; p < j->ms->v[q].end && p < j->end && p < acc + 2; p++)
            if (p >= j->start + 2 && t[p - 2].lowlen == 9 && t[p - 2].low[0] == 'a' && !strcmp(t[p - 2].low, "according") &&
                !strcmp(t[p - 1].low, "to")) { /* (the length first: it is in the token, the word is not) */
                acc = p - 2;
                break;
            }
    if (acc < j->end) {
        according = j->ms->v[t[acc + 2].actor];
        have_according = 1;
    }

    /* 1. subjects, in order, so coordinated clauses and pronouns can use earlier ones */
    for (size_t gi = 0; gi < ng; gi++) {
        const vgroup *g = &ci->vg[gi];
        const token *h = &t[g->head];
        gn[gi].speech = !g->copula && modal_tok(j, MOD_SPEECH, h);
        if (gn[gi].speech) {
            /* a speech verb reports only when a clause or a quotation goes with it; "announced further
               cooperation" is an event of its own (a light verb with an object) */
            size_t nx = g->head + 1;
            while (nx < j->end && (t[nx].tag == TG_ADV || t[nx].kind == TK_NUM || date_expr(t, nx, j->end, j->doc_date ? j->doc_date : 20000101, &(int32_t){0}))) nx++;
            int clausal = nx >= j->end || t[nx].tag == TG_SUB || t[nx].kind == TK_QUOTE || t[nx].kind == TK_PUNCT ||
                          t[nx].tag == TG_PRON || t[nx].tag == TG_TO;
            for (size_t gk = gi + 1; !clausal && gk < ng; gk++) {
                const vgroup *o = &ci->vg[gk];
                if (o->infinitive || o->gerund || o->copula) continue;
                /* what was said is not a relative clause ("announced the release of two sailors, who had been
                   detained") nor, after an object, an adverbial one ("declared a ceasefire as the army withdrew"):
                   those leave the speech verb its own object */
                if (o->clause != g->clause && ci->cl[o->clause].type == CL_REL) continue;
                if (!j->d->petr && nx < j->end && np_start(&t[nx]) && adverbial_between(t, nx + 1, o->first)) break;
                clausal = 1;
            }
            if (!clausal) gn[gi].speech = 0;
        }
        if (g->infinitive || g->gerund) {
            /* infinitives and gerunds governed by a control verb take its subject */
            size_t p = g->first;
            while (p > j->start && (t[p - 1].tag == TG_ADV || t[p - 1].tag == TG_QUOTE)) p--;
            if (g->infinitive && p > j->start && t[p - 1].tag == TG_TO) p--;
            while (p > j->start && (t[p - 1].tag == TG_ADV || t[p - 1].tag == TG_QUOTE)) p--;
            for (size_t gk = gi; gk-- > 0;) {
                const vgroup *c = &ci->vg[gk];
                if (c->head + 1 != p && !(g->infinitive && c->head < p && gk + 1 == gi && p - c->head <= 2)) break;
                /* the control word: the verb ("refused to"), or the adjective after a copula ("is ready to",
                   "were unwilling to"), or the word itself when its lemma is another's ("willing": "will") */
                const char *l = t[c->head].lemma, *w = t[c->head].low;
                if (c->copula && c->head + 2 == p && t[c->head + 1].kind == TK_WORD) l = w = t[c->head + 1].low;
                for (int cls = 0; cls < MOD__COUNT; cls++)
                    if (cls != MOD_NEGATED && cls != MOD_SPEECH && cls != MOD_ALONE && cls != MOD_ONLOOKER &&
                        (dict_is_modal(j->d, cls, l) || (w != l && dict_is_modal(j->d, cls, w))))
                        gn[gi].gov_cls = cls;
                if (gn[gi].gov_cls >= 0) {
                    gn[gi].governed = 1;
                    if (gn[gk].has_subj) { subjects[gi] = subjects[gk]; gn[gi].has_subj = 1; }
                    /* a negated control verb: "would not hesitate to invade", "did not refuse to meet" is a
                       willingness; "did not threaten to", "has not decided to" leave the act undone */
                    if (c->neg && !j->d->petr) {
                        if (gn[gi].gov_cls == MOD_REFUSE) gn[gi].gov_cls = MOD_INTENT;
                        else gn[gi].gov_neg = 1;
                    }
                }
                break;
            }
            /* "refusing to participate ..., or even to attend": a coordinated infinitive */
            if (!gn[gi].governed && g->infinitive) {
                size_t q = p;
                while (q > j->start && (t[q - 1].tag == TG_ADV || (t[q - 1].tag == TG_PUNCT && t[q - 1].low[0] == ','))) q--;
                if (q > j->start && t[q - 1].tag == TG_CONJ)
                    for (size_t gk = gi; gk-- > 0;)
                        if (gn[gk].governed && ci->vg[gk].infinitive) {
                            gn[gi].governed = 1;
                            gn[gi].gov_cls = gn[gk].gov_cls;
                            gn[gi].gov_neg = gn[gk].gov_neg;
                            if (gn[gk].has_subj) { subjects[gi] = subjects[gk]; gn[gi].has_subj = 1; }
                            break;
                        }
            }
            if (gn[gi].governed) continue;
            if (g->infinitive && j->d->petr) {
                /* PETRARCH codes every verb: "Arnor is about to restore ties" takes the subject before it when
                   the infinitive completes the verb before it ("is scheduled to attend"), not a noun
                   ("pressure from Congress to help Iran", "abandoned efforts to stop") */
                size_t q = p;
                while (q > j->start && (t[q - 1].tag == TG_ADV || !strcmp(t[q - 1].low, "about"))) q--;
                if (gi > 0 && gn[gi - 1].outer_verb && q > j->start && t[q - 1].actor >= 0 &&
                    j->ms->v[t[q - 1].actor].start == ci->vg[gi - 1].head + 1) {
                    /* "Obama wants Putin to attack": the object is the infinitive's subject (PETRARCH-2) */
                    gn[gi].governed = 1;
                    subjects[gi] = j->ms->v[t[q - 1].actor];
                    gn[gi].has_subj = 1;
                    continue;
                }
                if (!(gi > 0 && q > j->start && ci->vg[gi - 1].head == q - 1)) continue;
                gn[gi].governed = 1;
                if (gi > 0 && gn[gi - 1].has_subj) { subjects[gi] = subjects[gi - 1]; gn[gi].has_subj = 1; gn[gi].inherited = 1; }
                continue;
            }
            if (g->infinitive) continue; /* "Moscow's intention to secure": not an event of its own */
            /* "X signaled its intentions by refusing ...": a gerund after a preposition takes the subject
               of the verb before it in the clause */
            if (g->gerund && p > j->start && t[p - 1].tag == TG_PREP && j->d->petr && j->d->petr->p2)
                continue; /* PETRARCH-2: no subject of its own, no event */
            if (g->gerund && p > j->start && t[p - 1].tag == TG_PREP) {
                for (size_t gk = gi; gk-- > 0;)
                    if (ci->vg[gk].clause == g->clause && !ci->vg[gk].gerund && !ci->vg[gk].infinitive) {
                        if (gn[gk].has_subj) { subjects[gi] = subjects[gk]; gn[gi].has_subj = 1; }
                        break;
                    }
                if (gn[gi].has_subj) continue;
            }
            /* a participle clause: "X arrived in Y, meeting Z", "police fired at protesters, injuring
               dozens", "..., killing two and wounding five": the subject of the finite verb before it */
            /* "issued a statement saying it would ...": a speech verb after its medium speaks for the subject
               of the verb before it */
            if (g->gerund && !j->d->petr && gn[gi].speech && p > j->start && t[p - 1].tag == TG_NOUN && t[p - 1].actor < 0) {
                for (size_t gk = gi; gk-- > 0;) {
                    const vgroup *o = &ci->vg[gk];
                    if (o->clause != g->clause || o->infinitive || o->copula) break;
                    if (o->gerund) continue;
                    if (gn[gk].has_subj) { subjects[gi] = subjects[gk]; gn[gi].has_subj = 1; gn[gi].inherited = 1; }
                    break;
                }
                if (gn[gi].has_subj) continue;
            }
            if (g->gerund && !j->d->petr && participle_clause(j, g, p)) {
                for (size_t gk = gi; gk-- > 0;) {
                    const vgroup *o = &ci->vg[gk];
                    if (o->gerund && !gn[gk].has_subj) continue;
                    if (o->infinitive || o->copula || o->passive) continue;
                    if (gn[gk].has_subj) { subjects[gi] = subjects[gk]; gn[gi].has_subj = 1; gn[gi].inherited = 1; }
                    break;
                }
                if (gn[gi].has_subj) continue;
            }
        }
        /* "agreed to halt or end the fighting": a bare verb coordinated with a governed infinitive is governed too */
        if (!g->infinitive && !g->gerund && g->first == g->head && t[g->head].vform == 0 && gi > 0 && gn[gi - 1].governed &&
            ci->vg[gi - 1].infinitive && g->first > j->start && t[g->first - 1].tag == TG_CONJ &&
            ci->vg[gi - 1].head + 2 == g->first) {
            gn[gi].governed = 1;
            gn[gi].gov_cls = gn[gi - 1].gov_cls;
            gn[gi].gov_neg = gn[gi - 1].gov_neg;
            if (gn[gi - 1].has_subj) { subjects[gi] = subjects[gi - 1]; gn[gi].has_subj = 1; }
            continue;
        }
        /* (the subject before the tests, which only read the sentence: both answer no for the first group) */
        if (gi > 0 && gn[gi - 1].has_subj && (joined_passive(j, gi) || after_passive(j, gi))) {
            /* "A reporter was kidnapped and killed", "troops were ambushed and killed two rebels" */
            subjects[gi] = subjects[gi - 1];
            gn[gi].has_subj = 1;
            continue;
        }
        mention s;
        int found_subj = 0;
        if (pair_subject(j, g, pairm)) { /* "the two sides will meet": the two actors named together last */
            s = pairm[0];
            found_subj = 1;
        }
        if (!j->d->petr && !found_subj) {
            /* (before the walk back, which would stop inside the first verb's object: "dragged two Turkish
               engineers into a van, abducted ...") */
            int o = listed_verb(j, gi, ng);
            if (o >= 0 && gn[o].has_subj && !subjects[o].resolved && subjects[o].end <= ci->vg[o].first) {
                found_subj = 1;
                for (size_t q = subjects[o].end; q < ci->vg[o].first; q++) found_subj &= t[q].kind != TK_PUNCT;
                if (found_subj) s = subjects[o];
            }
        }
        if (!found_subj) found_subj = subject_of(j, g, have_sent_subj ? &sent_subj : NULL, &s);
        if (!found_subj && j->d->petr && !g->gerund && !g->passive) {
            /* PETRARCH: the nearest actor before the verb in its clause past an aside or brackets
               ("Arnor's foreign minister, in remarks published on Monday, urged ...") */
            int depth = 0, aside = 0;
            for (size_t i = g->first; i > j->start && !found_subj; i--) { /* brackets end a clause: past it */
                const token *k = &t[i - 1];
                if (k->kind == TK_CLOSE) depth++, aside = 1;
                else if (k->kind == TK_OPEN && depth) depth--;
                else if (k->kind == TK_PUNCT && k->low[0] == ',') aside = 1;
                else if (!depth && aside && k->actor >= 0 && j->ms->v[k->actor].code && !j->ms->v[k->actor].in_brackets) {
                    s = j->ms->v[k->actor];
                    found_subj = 1;
                }
                if (k->tag == TG_SUB || k->tag == TG_REL) break;
            }
        }
        if (!found_subj && j->d->petr && j->d->petr->p2 && !g->gerund && !g->passive && !g->infinitive) {
            /* PETRARCH-2: the subject noun phrase with everything that modifies it ("A report released in the
               Rwandan capital alleged"): its first actor, when no verb before with a subject of its own */
            int free = 1;
            for (size_t gk = 0; gk < gi; gk++)
                if (ci->vg[gk].clause == g->clause && gn[gk].has_subj) free = 0;
            for (size_t i = ci->cl[g->clause].start; free && i < g->first && !found_subj; i++) {
                if (t[i].tag == TG_SUB || t[i].tag == TG_REL || (t[i].kind == TK_PUNCT && t[i].low[0] != '-')) break;
                if (t[i].actor >= 0 && j->ms->v[t[i].actor].code && !j->ms->v[t[i].actor].in_brackets) {
                    s = j->ms->v[t[i].actor];
                    found_subj = 1;
                }
            }
        }
        if (found_subj) {
            if (j->d->petr && !s.resolved && s.end < g->first && t[s.end].kind == TK_PUNCT && t[s.end].low[0] == ',') {
                /* PETRARCH: an apposition names the subject before it ("The US commander in Iraq, General
                   David Petraeus, held talks"): the noun phrase before the comma */
                size_t b = s.start;
                while (b > j->start && t[b - 1].actor < 0 && (t[b - 1].tag == TG_PROPN || t[b - 1].tag == TG_NOUN)) b--;
                if (b > j->start + 1 && t[b - 1].kind == TK_PUNCT && t[b - 1].low[0] == ',' && t[b - 2].actor >= 0 &&
                    j->ms->v[t[b - 2].actor].code)
                    s = j->ms->v[t[b - 2].actor];
            }
            if (j->d->petr && !s.resolved) {
                /* PETRARCH: the subject noun phrase's first actor ("Gollum, centre of a row between
                   Radagast and ..., called") when nothing but nouns and prepositions come between */
                size_t b = s.start;
                while (b > j->start && t[b - 1].actor < 0 &&
                       (t[b - 1].tag == TG_DET || t[b - 1].tag == TG_ADJ || t[b - 1].tag == TG_NOUN || t[b - 1].tag == TG_PREP ||
                        t[b - 1].tag == TG_NUM || t[b - 1].tag == TG_PROPN))
                    b--;
                if (b < s.start && b > j->start && t[b - 1].actor >= 0 && t[b].tag != TG_DET && t[b].tag != TG_ADJ) {
                    const mention *o = &j->ms->v[t[b - 1].actor];
                    size_t c = o->start;
                    while (c > j->start && t[c - 1].actor < 0 && (t[c - 1].tag == TG_DET || t[c - 1].tag == TG_ADJ ||
                                                                   t[c - 1].tag == TG_PROPN || t[c - 1].tag == TG_NOUN))
                        c--; /* "The Al Qaeda-linked Somali militant group al-Shabab" */
                    if (o->code && c == ci->cl[g->clause].start) s = *o;
                }
            }
            subjects[gi] = s;
            gn[gi].has_subj = 1;
            if (!g->passive) { sent_subj = s; have_sent_subj = 1; }
        }
    }

    /* "both countries": which verb groups have the pair for subject (also through a control verb) */
    for (size_t gi = 0; gi < ng; gi++)
        gn[gi].pair_subj = gn[gi].has_subj && subjects[gi].resolved && subjects[gi].code == pairm[0].code && pairm[0].code &&
                        subjects[gi].start == pairm[0].start && subjects[gi].end == pairm[0].end;

    /* PETRARCH-2 transformations: which verb (SAY, CLAIM, WANT...) governs which */
    if (j->d->petr && j->d->petr->ntrans) {
        for (size_t gi = 1; gi < ng; gi++) {
            size_t gk = gi - 1;
            int comma = 0;
            for (size_t q = ci->vg[gk].head + 1; q < ci->vg[gi].first; q++) comma |= t[q].kind == TK_PUNCT;
            if (comma || ci->vg[gk].copula) continue;
            int outer = gn[gk].outer_verb;
            size_t q = ci->vg[gi].first;
            while (q > ci->vg[gk].head + 1 && t[q - 1].tag == TG_ADV) q--;
            if (outer) gn[gi].outer_of = (int32_t)gk;
            else if (gn[gk].outer_of >= 0 && t[q - 1].tag == TG_CONJ) gn[gi].outer_of = gn[gk].outer_of; /* "attacked Iraq and taken" */
        }
        for (size_t gi = 0; gi < ng; gi++) /* the outer verb codes through its inner one, unless a pattern of
                                              its own stops before it ("is claiming responsibility for") */
            if (gn[gi].outer_of >= 0 && (!gn[gn[gi].outer_of].best_last || gn[gn[gi].outer_of].best_last >= ci->vg[gi].first))
                gn[gn[gi].outer_of].consumed = 1;
    }

    /* 2. events at verb groups; PETRARCH-2: a second pass codes an outer verb (SAY, CLAIM...) on its own when
       none of the verbs it governs coded ("alleged that France was aware": 110 on France) */
    int32_t revived_tgt = -1; /* the second pass: the governed verb whose subject is the target */
    size_t mark = out->n, prev_g = (size_t)-1;
    /* with dyad's dictionaries the second pass only recodes a control verb skipped for the verb it governs
       (skipped_for): with none, every group would be passed at its first test, so the pass is not made */
    int any_skipped = 0;
    for (int pass = 0; pass < 2 && (!pass || j->d->petr || any_skipped); pass++)
    for (size_t gi = 0; gi < ng; gi++) {
        const vgroup *g = &ci->vg[gi];
        if (prev_g != (size_t)-1 && out->n > mark) gn[prev_g].emitted = 1;
        prev_g = gi;
        mark = out->n;
        revived_tgt = -1;
        int recode = 0; /* the second pass codes a control verb whose governed verb coded nothing */
        if (pass && !j->d->petr) {
            int gk = gn[gi].skipped_for;
            /* (a chain: "agreed to begin working"; a governed phrase listed as no event, "vowed to fight
               corruption", leaves its control verb uncoded too) */
            while (gk >= 0 && !gn[gk].emitted && !gn[gk].listed_none) gk = gn[gk].skipped_for;
            if (gn[gi].skipped_for < 0 || gk >= 0 || gn[gi].emitted) continue;
            recode = 1;
            tracef(j, "verb group '%s': the verb it governs coded nothing, coded on its own", t[g->head].low);
        } else if (pass) {
            if (!gn[gi].consumed || !j->d->petr || !j->d->petr->p2 || g->copula || gn[gi].speech) continue;
            int inner = 0, coded = 0;
            for (size_t gk = gi + 1; gk < ng; gk++)
                if (gn[gk].outer_of == (int32_t)gi) {
                    if (!inner && gn[gk].has_subj) revived_tgt = (int32_t)gk;
                    inner = 1;
                    coded |= gn[gk].emitted || ci->vg[gk].infinitive;
                }
            if (!inner || coded) continue;
            gn[gi].consumed = 0;
            tracef(j, "verb group '%s': what it governs coded nothing, coded on its own", t[g->head].low);
        }
        if (g->copula || gn[gi].consumed || gn[gi].speech) continue;
        int neg = g->neg || gn[gi].gov_neg || (gn[gi].has_subj && negated_subject(j, &subjects[gi]));
        /* Most verb groups match no pattern. Coding normally with dyad's dictionaries, the candidates are asked
           first, and a group without any is passed before the tests below: exact, since those tests only read
           the sentence and end in `continue` or lead to `if (!nc) continue` (what they change, `passive`, is
           read between only by PETRARCH-2's passive patterns). When tracing, or with PETRARCH's dictionaries, the
           candidates are asked where they always were, so that `dyad explain` tells the tests in their order. */
        verb_cands vc;
        int early = !j->trace && !j->d->petr;
        if (early) {
            if (g->infinitive && !gn[gi].governed) continue; /* (asked again below: two flags, cheaper than the candidates) */
            verb_candidates(j, g, neg, &vc);
            if (!vc.nc) continue;
        }
        /* acts the sentence does not say were done */
        static const struct { int (*test)(sentence_job *, const vgroup *); const char *why; } UNDONE[] = {
            {mandated, "demanded, not done (after a verb of demanding)"},
            {conditional, "a condition, not done ('if', 'unless', 'in case')"},
            {unasserted, "alleged or denied, not done"},
            {speculated, "a guess, not done ('it is likely that')"},
            {forgone, "left undone ('without', 'instead of', 'rather than', 'no intention of', 'stopped X from')"},
            {undone_in_list, "coordinated with an alleged or undone act before it"},
            {means_undone, "the means of an act not done ('should repay X by standing up to Y')"},
        };
        int undone = 0;
        for (size_t u = 0; u < sizeof UNDONE / sizeof UNDONE[0] && !undone && !j->d->petr; u++)
            if ((undone = UNDONE[u].test(j, g))) tracef(j, "verb group at '%s': %s", t[g->head].low, UNDONE[u].why);
        if (undone) continue;
        if (g->infinitive && !gn[gi].governed) continue;
        const token *h = &t[g->head];
        const clause *cl = &ci->cl[g->clause];
        int p2 = j->d->petr && j->d->petr->p2, passive = g->passive;
        if (!j->d->petr && !passive && reduced_passive(j, g)) {
            passive = 1; /* "a radar deployed by the army", "the deal, proposed by Iran,": its by-agent is the doer */
            tracef(j, "verb group '%s': a participle with a by-agent after a noun, coded as a passive", h->low);
        } else if (!j->d->petr && !passive && object_participle(j, g)) {
            tracef(j, "verb group '%s': a participle right after its noun, with no object and no agent: a passive, no event", h->low);
            continue;
        }
        if (p2 && g->gerund && g->first > j->start && t[g->first - 1].kind == TK_PUNCT && t[g->first - 1].low[0] == ',')
            continue; /* PETRARCH-2 does not code "..., killing at least eight people" */
        if (p2 && g->first == g->head && (h->vform == 'd' || h->vform == 'n') && g->head > j->start && g->head + 1 < j->end &&
            (t[g->head - 1].tag == TG_PREP || t[g->head - 1].tag == TG_DET || t[g->head - 1].tag == TG_ADJ ||
             quantity(&t[g->head - 1])) &&
            (t[g->head + 1].tag == TG_NOUN || t[g->head + 1].actor >= 0))
            continue; /* "with exiled dissidents": a participle used as an adjective */
        if (p2 && !passive && g->first == g->head && (h->vform == 'd' || h->vform == 'n') && g->head > j->start &&
            (t[g->head - 1].tag == TG_NOUN || t[g->head - 1].actor >= 0) &&
            (g->head + 1 >= j->end || t[g->head + 1].tag == TG_PREP || t[g->head + 1].tag == TG_ADV || t[g->head + 1].kind == TK_PUNCT)) {
            /* a reduced passive ("There were 10 soldiers killed in Ukraine", "the civilians imprisoned for ...
               were released"): a copula before it, or the clause's finite verb after it with no comma between */
            int reduced = 0;
            /* the noun before it is an object ("issued warrants for two men sought in ...", "identify victims
               killed by ..."): a participle modifying it, with no subject of its own; PETRARCH-2 codes it not */
            size_t np = g->head;
            while (np > j->start && (t[np - 1].actor >= 0 || t[np - 1].tag == TG_NOUN || t[np - 1].tag == TG_PROPN ||
                                     t[np - 1].tag == TG_ADJ || t[np - 1].tag == TG_NUM || t[np - 1].tag == TG_DET))
                np--;
            int verb_before = 0; /* the clause's own verb comes before it: the noun phrase is not its subject */
            for (size_t gk = 0; gk < gi; gk++)
                verb_before |= ci->vg[gk].clause == g->clause && !ci->vg[gk].copula && ci->vg[gk].head < np;
            if (verb_before && np > j->start && np < g->head && (t[np - 1].tag == TG_PREP || t[np - 1].tag == TG_VERB)) {
                tracef(j, "verb group '%s': a participle after an object, not coded", h->lemma);
                continue;
            }
            for (size_t gk = 0; gk < ng && !reduced; gk++) {
                const vgroup *o = &ci->vg[gk];
                if (gk == gi || o->clause != g->clause) continue;
                if (gk < gi && o->copula) reduced = 1;
                if (gk > gi && !o->gerund && !o->infinitive && o->first > g->first) {
                    reduced = 1;
                    for (size_t q = g->head + 1; q < o->first; q++)
                        if (t[q].kind == TK_PUNCT && t[q].low[0] == ',') reduced = 0;
                    break;
                }
            }
            passive = reduced;
        }
        vgroup gw = *g; /* "said it would withdraw": reported speech's future, coded like "will" */
        gw.hypothetical = 0;
        gw.future = 1;
        tracef(j, "verb group '%.*s' head '%s'%s%s%s%s%s", (int)(t[g->head].off + t[g->head].len - t[g->first].off),
               j->doctext + t[g->first].off, h->lemma, neg ? " negated" : "", g->passive ? " passive" : "",
               g->future ? " future" : "", g->hypothetical ? " hypothetical" : "", gn[gi].governed ? " governed" : "");
        size_t lim = j->d->petr ? j->end : cl->end; /* PETRARCH patterns and objects may run into a clause */
        if (!early) verb_candidates(j, g, neg, &vc);
        pmatch *cands = vc.cands;
        const pmatch *act = &vc.act;
        int nc = vc.nc, have_act = vc.have_act;
        size_t io_end = vc.io_end;
        mention agent;
        pmatch am;
        if (p2 && passive && by_phrase(j, g->head + 1, cl->end, &agent) && agent.start > g->head + 1) {
            size_t to = agent.end, from = g->first;
            while (to < j->end && (t[to].tag == TG_NOUN || t[to].tag == TG_PROPN)) to++; /* the agent's noun phrase */
            while (from > cl->start && (t[from - 1].actor >= 0 || t[from - 1].tag == TG_NOUN || t[from - 1].tag == TG_PROPN ||
                                        t[from - 1].tag == TG_ADJ || t[from - 1].tag == TG_DET || t[from - 1].tag == TG_PREP))
                from--; /* the subject's noun phrase */
            if ((petr_passive_pattern(j, g->head, g->head + 1, to, 0, &am) ||
                 (from < g->first && petr_passive_pattern(j, g->head, from, g->first, 1, &am))) &&
                (!nc || am.score > cands[0].score)) {
                for (int q = nc < 2 * MATCH_MAX ? nc : nc - 1; q > 0; q--) cands[q] = cands[q - 1];
                cands[0] = am;
                if (nc < 2 * MATCH_MAX) nc++;
            }
        }
        if (!nc) continue;
        /* a control verb whose governed verb codes: the governed verb is the event */
        int skip = 0, composed = 0;
        size_t skip_gk = 0;
        for (size_t gk = gi + 1; gk < ng && !skip && !recode; gk++) {
            if (!gn[gk].governed || ci->vg[gk].first > g->head + 4) continue;
            if (!j->d->petr) { /* "trying to intimidate or arrest them": a coordinated verb is not governed by this one */
                size_t q = ci->vg[gk].first;
                while (q > g->head + 1 && (t[q - 1].tag == TG_TO || t[q - 1].tag == TG_ADV)) q--;
                if (t[q - 1].tag == TG_CONJ) break;
            }
            if (j->d->petr) { /* PETRARCH: only "V to W" codes W instead of V */
                int next = 1;
                for (size_t q = g->head + 1; q < ci->vg[gk].head; q++) next &= t[q].tag == TG_TO || t[q].tag == TG_ADV;
                if (!next) break;
            }
            pmatch tmp[MATCH_MAX];
            if (match_at_w(j->d, j->words, t, ci->vg[gk].head, ci->cl[ci->vg[gk].clause].end, 0, ci->vg[gk].neg, tmp, MATCH_MAX, NULL, NULL) &&
                !(j->d->petr && tmp[0].p->nocode && !tmp[0].p->has_code2)) { /* PETRARCH "[---]": no event there */
                skip = 1;
                skip_gk = gk;
                composed = p2 && gn[gi].vcode >= 0 && petr_compose(j->d, gn[gi].vcode, tmp[0].p->code) >= 0;
            }
            break;
        }
        if (skip && p2 && !composed && cands[0].score > 1 && cands[0].p->nwords && t[cands[0].last].tag == TG_VERB) {
            /* PETRARCH-2: "wants to attack": the control verb's own pattern ("- * ATTACK [138]") codes */
            skip = 0;
            for (size_t gk = gi + 1; gk < ng; gk++)
                if (gn[gk].governed && ci->vg[gk].head <= cands[0].last) gn[gk].consumed = 1;
        }
        if (skip) {
            tracef(j, "  the governed verb is coded instead");
            gn[gi].skipped_for = (int8_t)skip_gk;
            any_skipped = 1;
            continue;
        }
        const mention *attr = NULL; /* who reports it: "X said ...", "..., X said", "according to X" */
        for (size_t gk = 0; gk < ng; gk++) {
            if (!gn[gk].speech || !gn[gk].has_subj || gk == gi) continue;
            if (gk < gi || ci->vg[gk].first > g->head) {
                attr = &subjects[gk];
                if (gk < gi) break;
            }
        }
        if (!attr && have_according) attr = &according;
        j->speaker = attr;
        /* "'We are calling on every activist ...,' Amnesty International said": a first-person subject is the
           speaker, not the last actor of the story */
        if (attr && gn[gi].has_subj && first_person(j, &subjects[gi]) && !first_person(j, attr)) subjects[gi] = *attr;
        int done = 0;
        const pmatch *lone = NULL; /* the best pattern with a source but no target */
        int32_t lone_code = -1;
        actorset lone_src; /* (its coordinated sources) */
        int rwould = reported_would(j, g, gi, gn, subjects);
        if (rwould < 0) {
            tracef(j, "verb group at '%s': another side's act foretold in reported speech, not done", t[g->head].low);
            continue;
        }
        /* "Iran said it could impose sanctions": a threat of the act (announced) */
        int threat = !gn[gi].governed && !rwould && announced(j, g, gi, gn, subjects, attr);
        if (threat) tracef(j, "  announced by its own side: a threat if coercive");
        for (int ci2 = 0; ci2 < nc && !done; ci2++) {
            const pmatch *m = &cands[ci2];
            /* only a coercive or violent act (CAMEO roots 14-20) announced as possible is a threat: "said it
               might meet" is no event */
            int mcls = gn[gi].governed ? gn[gi].gov_cls : threat && coercive_root(j->d->codes[m->p->code].root) ? MOD_THREATEN : -1;
            int32_t code = final_code(j, m, mcls, rwould ? &gw : g, neg && !m->p->negated);
            if (have_act && code >= 0 && !m->p->nominal) code = investigated_act(j->d, code, act->p->code);
            if (code >= 0 && !j->d->petr && warning_of_others(j, g, m)) {
                tracef(j, "  '%s': a warning about others' doings or the state of things is no threat", m->p->text);
                done = 1;
                break;
            }
            if (code >= 0 && !j->d->petr && !passive && violent_code(j->d, code) && incident_subject(j, g)) {
                tracef(j, "  '%s': the incident its subject names is coded by its event noun", m->p->text);
                done = 1;
                break;
            }
            if (code < 0) {
                if (m->p->nocode && !m->p->has_code2) {
                    tracef(j, "  '%s' is listed as no event (---)", m->p->text);
                    gn[gi].listed_none = 1;
                }
                else tracef(j, "  '%s': negation/modality leaves no code", m->p->text);
                if (m->plain_on_negated) continue;
                break;
            }
            actorset src, tgt;
            src.n = tgt.n = 0;
            mention x;
            size_t last = m->last;
            if (passive && !m->p->nominal && p2 && !by_phrase(j, g->head + 1, cl->end, &x)) {
                /* PETRARCH-2: a passive without "by" takes its source after the verb ("were killed in Israeli shelling") */
                if (find_target(j, g->head + 1, cl->end, g->head, NULL, &x)) coord(j, &x, &src);
                if (gn[gi].has_subj) coord(j, &subjects[gi], &tgt);
            } else if (passive && !m->p->nominal &&
                       !(j->d->petr && !by_phrase(j, g->head + 1, lim, &x) && gn[gi].has_subj && subjects[gi].end == g->first)) {
                /* (TABARI: a passive without "by" right after its subject codes as if active: "X was criticized
                   over its dispute with Y") */
                if (by_phrase(j, g->head + 1, cl->end, &x) || (!j->d->petr && (passive_by(j, gi, ng, &x) ||
                                                                                  agent_of_means(j, g->head + 1, cl->end, &x))))
                    coord(j, &x, &src);
                if (gn[gi].has_subj) coord(j, &subjects[gi], &tgt);
            } else {
                if (gn[gi].has_subj) coord(j, &subjects[gi], &src);
                if (m->p->target_slot >= 0) {
                    if (find_target(j, m->slot_start, m->slot_end, (size_t)-1, have_sent_tgt ? &sent_tgt : NULL, &x))
                        coord(j, &x, &tgt);
                } else if (m->p->nwords && t[last].actor >= 0 && t[last].tag != TG_PREP) {
                    /* "expelled the Russian ambassador": the pattern's last word is part of the target */
                    coord(j, &j->ms->v[t[last].actor], &tgt);

                } else {
                    mention y;
                    j->bare = m->p->nwords == 0 && !m->p->nominal && !j->d->petr;
                    if (j->d->petr && j->d->petr->p2) { /* PETRARCH-2: the verb's object, in its clause */
                        if (find_target(j, g->head + 1, cl->end, g->head, have_sent_tgt ? &sent_tgt : NULL, &x) ||
                            (last > g->head && find_target(j, last + 1, cl->end, last, NULL, &x))) {
                            /* not a word of the pattern ("conducting military exercises in Alaska") */
                            int word = 0;
                            for (int w = 0; w < m->p->nwords && w < PAT_MAXW; w++) word |= m->pos[w] >= x.start && m->pos[w] < x.end;
                            if (word && find_target(j, last + 1, cl->end, last, NULL, &y)) x = y;
                            coord(j, &x, &tgt);
                        }
                    } else if (find_target(j, last + 1, lim, last, object_referent(j, have_sent_tgt ? &sent_tgt : NULL, &src, g, &y), &x))
                        coord(j, &x, &tgt);
                    /* "condemned the attack on the embassy": the act's own target */
                    else if (have_act && !m->p->nominal && find_target(j, act->last + 1, lim, act->last, NULL, &x)) coord(j, &x, &tgt);
                    /* "abducted and murdered them": two bare verbs share the object after the second */
                    else if (j->bare && last + 2 < j->end && t[last + 1].tag == TG_CONJ && strcmp(t[last + 1].low, "but") != 0 &&
                             t[last + 2].tag == TG_VERB && t[last + 2].vform == t[last].vform &&
                             find_target(j, last + 3, clause_at(j, last + 2)->end, last + 2,
                                         object_referent(j, have_sent_tgt ? &sent_tgt : NULL, &src, g, &y), &x))
                        coord(j, &x, &tgt);
                    /* "issued Israel a stern warning": the indirect object before the pattern's words */
                    else if (io_end && last >= io_end) coord(j, &vc.iobj, &tgt);
                    /* TABARI: else the first actor after the verb ("allowed that Mordor isn't a really pleasant") */
                    else if (j->d->petr && last > g->head && find_target(j, g->head + 1, last, last, NULL, &x)) coord(j, &x, &tgt);
                    /* "demanded that the government release ...": the demand is made of the that-clause's subject */
                    else if (!j->d->petr && last + 1 < j->end && !strcmp(t[last + 1].low, "that") && t[last + 1].tag == TG_SUB &&
                             mandative(t[g->head].lemma) &&
                             find_target(j, last + 2, ci->cl[ci->tok_clause[last + 1 - j->start]].end, (size_t)-1, NULL, &x))
                        coord(j, &x, &tgt);
                    j->bare = 0;
                }
                /* "held talks with X and offered to expand patrols": a promise in a coordinated clause is made
                   to the party of the clause before */
                if (!tgt.n && gn[gi].governed && cl->type == CL_COORD && have_sent_tgt && !j->d->petr)
                    coord(j, &sent_tgt, &tgt);
                /* "the villagers whom Russian aircraft bombed": the antecedent is the object */
                if (!tgt.n && cl->type == CL_REL && cl->antecedent >= 0 &&
                    !(src.n && src.m[0].start == j->ms->v[cl->antecedent].start))
                    coord(j, &j->ms->v[cl->antecedent], &tgt);
            }
            if (!tgt.n && revived_tgt >= 0) coord(j, &subjects[revived_tgt], &tgt);
            if (gn[gi].pair_subj) { /* "both countries": each of the two */
                actorset *ps = passive && !m->p->nominal ? &tgt : &src;
                if (ps->n) {
                    ps->n = 2;
                    ps->m[0] = pairm[0];
                    ps->m[1] = pairm[1];
                }
            }
            if (j->d->petr && m->p->skip_np && tgt.n) { /* "^": the actor after the one found */
                size_t after = tgt.m[0].end;
                tgt.n = 0;
                if (find_target(j, after, lim, (size_t)-1, NULL, &x)) coord(j, &x, &tgt);
            }
            if (j->d->petr) petr_roles(j, m, g, cl, gn[gi].has_subj ? &subjects[gi] : NULL, &src, &tgt);
            if (!src.n) { tracef(j, "  no source for '%s'", m->p->text); break; }
            if (gn[gi].outer_of >= 0 && gn[gn[gi].outer_of].has_subj) {
                const mention *a = &subjects[gn[gi].outer_of];
                char role = gn[gi].inherited ? '_' : (src.m[0].code && a->code && !strcmp(src.m[0].code, a->code)) ? 'a' : 'b';
                int r = petr_transform(j, out, a, gn[gn[gi].outer_of].vcode, role, &src, &tgt, code, m, event_date(j, g->clause, g->head));
                if (r < 0) return -1;
                if (r) { done = 1; continue; }
                /* no transformation: an infinitive keeps its own event ("prepared to attend"), a clause
                   reported by SAY or CLAIM does not ("claimed that ISIL had ... taken the city") */
                if (role != '_') {
                    tracef(j, "  reported, not coded on its own");
                    gn[gi].emitted = 1; /* (its outer verb does not code on its own either) */
                    done = 1;
                    continue;
                }
            }
            if (p2 && gn[gi].governed && gi > 0 && gn[gi - 1].vcode >= 0) {
                /* PETRARCH-2: the governing verb's code combines with this one ("wants to help": 033) */
                int32_t k = petr_compose(j->d, gn[gi - 1].vcode, code);
                if (k >= 0) {
                    tracef(j, "  with '%s' (%s): %s", t[ci->vg[gi - 1].head].low, j->d->codes[gn[gi - 1].vcode].code, j->d->codes[k].code);
                    code = k;
                }
            }
            if (m->p->compound) { /* PETRARCH '%': the coordinated subjects act on one another */
                if (src.n < 2) { tracef(j, "  '%s' needs coordinated subjects", m->p->text); continue; }
                int32_t date = event_date(j, g->clause, g->head);
                for (int a = 0; a < src.n; a++)
                    for (int b = a + 1; b < src.n; b++) {
                        if (!m->p->nocode && emit(j, out, &src.m[a], &src.m[b], code, m, date, attr) < 0) return -1;
                        if (emit(j, out, &src.m[b], &src.m[a], m->p->has_code2 ? m->p->code2 : code, m, date, attr) < 0) return -1;
                    }
                done = 1;
                continue;
            }
            /* coordinated subjects and no target act on one another: PETRARCH-2 always ("X, Y and Z met"); dyad
               for "each other" ("Armenia and Georgia pledged to support each other") and for an act two parties
               do with each other ("Kerry and Lavrov met", "Chad and Niger signed an accord"), also when a control verb
               governs it ("Kenya and Uganda agreed to meet": each intends to meet the other) */
            if (!tgt.n && !passive && src.n > 1 &&
                (p2 ? !m->p->target_subject
                    : !j->d->petr && (reciprocal(j, g->head + 1, cl->end) ||
                                      (!object_relative(j, g) && mutual_act(j->d, m->p))))) {
                int32_t date = event_date(j, g->clause, g->head);
                for (int a = 0; a < src.n; a++)
                    for (int b = 0; b < src.n; b++)
                        if (a != b && !m->p->nocode && emit(j, out, &src.m[a], &src.m[b], code, m, date, attr) < 0) return -1;
                done = 1;
                continue;
            }
            if (!tgt.n) {
                tracef(j, "  no target for '%s'", m->p->text);
                /* an event without a target: a phrase that is complete in itself ("opened fire", "declared a
                   ceasefire") or a verb that needs no object ("protested", "resigned") */
                /* ... a phrase ending in a particle ("backed down", "stepped aside"), and an event noun after a
                   light verb ("declared a ceasefire", "launched an offensive") */
                int particle = t[last].tag == TG_PREP && is_particle(t[last].low) &&
                               (last + 1 >= cl->end || (t[last + 1].actor < 0 && t[last + 1].tag != TG_DET && t[last + 1].tag != TG_PPOSS));
                /* ... and a phrase ending in a preposition whose object is there but is no actor ("called for
                   calm", "imposed sanctions on oil exports"): the act is done, its target is not named; not a
                   place after "in"/"at" ("arrived in the city"), which only says where */
                int npobj = t[last].tag == TG_PREP && last + 1 < cl->end && t[last + 1].actor < 0 &&
                            strcmp(t[last].low, "in") != 0 && strcmp(t[last].low, "at") != 0 &&
                            (t[last + 1].tag == TG_DET || t[last + 1].tag == TG_ADJ || t[last + 1].tag == TG_NOUN ||
                             t[last + 1].tag == TG_NUM);
                int complete = (m->p->nwords >= 1 && (t[last].tag != TG_PREP || particle || npobj) && t[last].tag != TG_TO && m->p->target_slot < 0) ||
                               (m->p->nominal && !m->p->nwords && m->head != g->head) ||
                               dict_is_modal(j->d, MOD_ALONE, m->p->head);
                /* ... and a verb of stance or violence (stance_root) whose object is a noun phrase that names
                   no actor: "Germany criticized the plan", "the proposal was rejected by Germany", "rebels torched
                   the school" (the act is done; what it is done to is no actor) */
                int stance = !j->d->petr && !m->p->nwords && !m->p->nominal && m->p->target_slot < 0 &&
                             stance_root(code_root(&j->d->codes[m->p->code])) &&
                             (passive ? !gn[gi].has_subj && g->first > cl->start && t[g->first - 1].tag == TG_NOUN
                                      : last + 1 < cl->end && np_start(&t[last + 1]) && t[last + 1].actor < 0 &&
                                            t[last + 1].tag != TG_PROPN);
                if (!lone && (complete || stance) && (!g->passive || stance) && !j->d->petr) { lone = m; lone_code = code; lone_src = src; }
                continue;
            }
            if (p2 && gi + 1 < ng && ci->vg[gi + 1].infinitive && tgt.m[0].start > g->head) {
                /* PETRARCH-2: "asking Obama to help Iran": the object's infinitive combines with this verb (023) */
                const vgroup *o = &ci->vg[gi + 1];
                size_t q = o->first;
                while (q > g->head + 1 && (t[q - 1].tag == TG_TO || t[q - 1].tag == TG_ADV)) q--;
                pmatch tmp[MATCH_MAX];
                if (q == tgt.m[0].end &&
                    match_at_w(j->d, j->words, t, o->head, ci->cl[o->clause].end, 0, o->neg, tmp, MATCH_MAX, NULL, NULL) && !tmp[0].p->nocode) {
                    int32_t k = petr_compose(j->d, gn[gi].vcode >= 0 ? gn[gi].vcode : code, tmp[0].p->code);
                    if (k >= 0) {
                        tracef(j, "  with '%s' (%s): %s", t[o->head].low, j->d->codes[tmp[0].p->code].code, j->d->codes[k].code);
                        code = k;
                        gn[gi + 1].consumed = 1;
                    }
                }
            }
            int32_t date = event_date(j, g->clause, g->head);
            for (int a = 0; a < src.n; a++)
                for (int b = 0; b < tgt.n; b++) {
                    if (!(j->d->petr && m->p->nocode) && emit(j, out, &src.m[a], &tgt.m[b], code, m, date, attr) < 0) return -1;
                    if (j->d->petr && m->p->has_code2 && !(p2 && gn[gi].governed) && emit(j, out, &tgt.m[b], &src.m[a], m->p->code2, m, date, attr) < 0) return -1;
                }
            sent_tgt = tgt.m[0];
            have_sent_tgt = 1;
            done = 1;
            /* a gerund that completes the pattern ("accused X of sheltering") is part of this event */
            for (size_t gk = gi + 1; gk < ng; gk++) {
                const vgroup *o = &ci->vg[gk];
                if (o->clause != g->clause) break;
                int reason = o->gerund && o->first > j->start && (!strcmp(t[o->first - 1].low, "for") || !strcmp(t[o->first - 1].low, "of"));
                if (o->first > last + 2 && !reason) break;
                if (comma_gerund(j, o, g->head)) break; /* "expelled the envoy, accusing X of ...": an act of its own */
                if (o->gerund && o->first > g->head) gn[gk].consumed = 1;
            }
        }
        /* no candidate found a target: the best one is an event without a target ("protesters marched") */
        if (!done && lone) {
            int32_t date = event_date(j, g->clause, g->head);
            for (int a = 0; a < lone_src.n; a++)
                if (emit(j, out, &lone_src.m[a], NULL, lone_code, lone, date, attr) < 0) return -1;
        }
    }

    /* 2b. an event noun as the subject of a verb of occurring: "Kurdish protests erupted in Diyarbakir",
       "clashes broke out in Cairo", "a strike by teachers began on Monday" */
    for (size_t gi = 0; gi < ng && !j->d->petr; gi++) {
        const vgroup *g = &ci->vg[gi];
        if (g->gerund || g->infinitive || g->neg || g->hypothetical) continue;
        if (!may_occur(j, g)) continue; /* (most verbs: occurs() would say no) */
        /* the subject noun phrase: back from the verb to the clause's start */
        size_t np = g->first;
        while (np > ci->cl[g->clause].start &&
               (t[np - 1].tag == TG_NOUN || t[np - 1].tag == TG_ADJ || t[np - 1].tag == TG_DET || t[np - 1].tag == TG_NUM ||
                t[np - 1].tag == TG_PROPN || t[np - 1].tag == TG_ADV || t[np - 1].actor >= 0 ||
                (t[np - 1].tag == TG_PREP && strcmp(t[np - 1].low, "of") != 0)))
            np--;
        /* only a noun that is no actor is tried below: a group with none before it is passed before occurs(), which
           reads the head's lemma (a pointer away, in the word cache) against its list (the same answer: occurs()
           only reads the sentence) */
        size_t q0 = np;
        while (q0 < g->first && (t[q0].tag != TG_NOUN || t[q0].actor >= 0)) q0++;
        if (q0 == g->first || !occurs(j, g)) continue;
        size_t h = g->first;
        pmatch cands[MATCH_MAX];
        const pmatch *m = NULL;
        mention x;
        int tg = 0;
        for (size_t q = np; q < g->first && !m; q++) {
            if (t[q].tag != TG_NOUN || t[q].actor >= 0) continue;
            int nc = match_at_w(j->d, j->words, t, q, g->first, 1, 0, cands, MATCH_MAX, j->trace, j->ud);
            for (int c = 0; c < nc && !m; c++) {
                if (cands[c].p->nocode) break; /* "---": the phrase is no event */
                if (cands[c].p->target_slot >= 0) continue;
                tg = cands[c].p->nwords && find_target(j, cands[c].last + 1, g->first, cands[c].last, NULL, &x);
                if (cands[c].p->nwords && !tg) continue;
                m = &cands[c];
                h = q;
            }
            if (t[q + 1].tag == TG_PREP) break; /* only the phrase's head noun */
        }
        if (!m) continue;
        /* the doer: an actor modifying the noun ("Kurdish protests"), a by-phrase, else the country of the place */
        mention src;
        int have = 0;
        for (size_t q = h; q > j->start && !have; q--) {
            const token *k = &t[q - 1];
            if (k->actor >= 0) {
                const mention *o = &j->ms->v[k->actor];
                if (o->in_brackets || o->locative || !strncmp(t[o->start].low, "anti", 4)) break;
                src = *o;
                have = 1;
            } else if (!(k->tag == TG_ADJ || k->tag == TG_NOUN || k->tag == TG_NUM)) break;
        }
        if (!have && h + 1 < g->first && !strcmp(t[h + 1].low, "by")) have = by_phrase(j, h + 1, g->first, &src);
        if (!have) {
            for (size_t q = g->head + 1; q < ci->cl[g->clause].end && !have; q++) {
                if (t[q].actor < 0) continue;
                const mention *o = &j->ms->v[t[q].actor];
                if (!o->locative || !o->country || o->in_brackets) break;
                memset(&src, 0, sizeof src);
                src.start = o->start;
                src.end = o->end;
                src.country = o->country;
                src.kind = AK_COUNTRY;
                mention_code(j->a, &src);
                have = 1;
            }
        }
        if (!have) continue;
        int32_t date = event_date(j, g->clause, g->head);
        actorset ss;
        coord(j, &src, &ss);
        for (int a = 0; a < ss.n; a++)
            if (emit(j, out, &ss.m[a], tg ? &x : NULL, m->p->code, m, date, have_according ? &according : NULL) < 0) return -1;
    }

    /* 3. nominal events with a possessor or a by-phrase: "Russia's attack on Georgia", "an attack by Hamas on";
       3b. an event noun between two actors (between_event) */
    if (between_event(j, j->start, out, have_according ? &according : NULL) < 0) return -1;
    for (size_t i = j->start + 1; i < j->end; i++) {
        if (t[i].tag != TG_NOUN) continue; /* both tests below ask for a noun: most tokens are passed here */
        mention srcm, x;
        pmatch m;
        if (i + 3 < j->end && t[i + 1].low[0] == 'b' &&
            between_event(j, i, out, have_according ? &according : NULL) < 0)
            return -1;
        if (!noun_event(j, i, &srcm, &m, &x, j->trace)) continue;
        actorset src, tgt;
        coord(j, &srcm, &src);
        coord(j, &x, &tgt);
        int32_t date = event_date(j, j->ci->tok_clause[i - j->start], i);
        for (int a = 0; a < src.n; a++)
            for (int b = 0; b < tgt.n; b++)
                if (emit(j, out, &src.m[a], &tgt.m[b], m.p->code, &m, date, have_according ? &according : NULL) < 0)
                    return -1;
    }

    /* 4. remember the last two actors named together, for "both countries" in this sentence and later ones */
    for (size_t i = 0; i < j->ms->n && !j->d->petr; i++) {
        const mention *m = &j->ms->v[i];
        if (m->locative || m->in_brackets || m->resolved || !m->code || m->end >= j->end || t[m->end].tag != TG_CONJ) continue;
        actorset s;
        coord(j, m, &s);
        if (s.n == 2 && s.m[1].code && strcmp(s.m[0].code, s.m[1].code) != 0) {
            j->ctx->pair[0] = s.m[0];
            j->ctx->pair[1] = s.m[1];
            j->ctx->have_pair = 1;
        }
    }

    /* 5. remember this sentence's subject for pronouns in later sentences */
    if (!j->d->petr) j->ctx->person_unknown = j->person_unknown && !(have_sent_subj && personal(&sent_subj));
    if (have_sent_subj) {
        j->ctx->last_subject = sent_subj;
        j->ctx->have_subject = 1;
        if (sent_subj.country && !sent_subj.needs_country) {
            j->ctx->focus = sent_subj;
            j->ctx->have_focus = 1;
        }
    }
    return 0;
}
