/* petr_actor.c -- actor codes the PETRARCH way, for dictionaries loaded from PETRARCH/TABARI files.
 *
 * The actor stage finds the mentions (longest dictionary matches, merged into noun phrases) as for dyad's
 * own dictionaries; this file then recomputes each mention's code from the entries it covers:
 *
 *   actor code + the agents' codes after it      "Arnor cleric"            ARN + ~REL      -> ARNREL
 *   prefix agents ("NGO~") go before             "MSF Arnor diplomat"      NGO~ ARN ~GOV   -> NGOARNGOV
 *   an agent code already in the actor's is not repeated   "White House security officials" -> USAGOV
 *   the first actor wins                         "Bree Prime Minister Romendacil"          -> BREGOV
 *   an agent with no actor: its of/in/from complement, or the actor it is coordinated with,
 *   else "---"                                   "the ambassadors of Arnor and Gondor"     -> ARNGOV/GONGOV
 *                                                "Danish media and government"             -> DNKMED, DNKGOV
 *                                                "clerics"                                 -> ---REL
 *   compound actor codes "FRO/BIL/SAM" and distributed agents give several codes, joined with '/';
 *   the event stage codes one event per code.
 *
 * Date-restricted codes were chosen by the actor stage (the first restriction covering the date, else the
 * unrestricted code). */
#include "petrarch.h"
#include "actor/actor.h"
#include <stdio.h>
#include <string.h>

#define CODEMAX 160

typedef struct pinfo {
    char actor[CODEMAX];  /* the first actor code ("" when none); may be compound "A/B" */
    char pre[64], post[64];
    char lastpost[16];    /* the code of the last suffix agent */
    int has_actor, has_agent;
} pinfo;

/* Does code (3-letter segments) already hold seg? */
static int has_seg(const char *code, const char *seg) {
    size_t l = strlen(code);
    for (size_t i = 0; i + 3 <= l; i += 3)
        if (!strncmp(code + i, seg, 3)) return 1;
    return 0;
}

static void cat(char *out, size_t outsz, const char *s) {
    size_t o = strlen(out), l = strlen(s);
    if (o + l + 1 > outsz) l = outsz - o - 1;
    memcpy(out + o, s, l);
    out[o + l] = 0;
}

/* pre + actor + the segments of post the actor lacks; a compound actor "A/B" gives "preApost/preBpost". */
static void compose(const char *actor, const char *pre, const char *post, char *out, size_t outsz) {
    out[0] = 0;
    char part[CODEMAX];
    const char *p = actor;
    for (;;) {
        const char *e = strchr(p, '/');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l >= sizeof part) l = sizeof part - 1;
        memcpy(part, p, l);
        part[l] = 0;
        char one[CODEMAX];
        snprintf(one, sizeof one, "%s%s", pre, part);
        for (size_t i = 0; i + 3 <= strlen(post); i += 3) {
            char seg[4] = {post[i], post[i + 1], post[i + 2], 0};
            if (!has_seg(part, seg) || !strcmp(part, "---")) cat(one, sizeof one, seg);
        }
        if (out[0]) cat(out, outsz, "/");
        cat(out, outsz, one);
        if (!e) break;
        p = e + 1;
    }
}

/* The dictionary entries inside a mention. */
static void pieces(const dyad_dict *d, const token *t, const mention *m, int32_t date, pinfo *pi) {
    memset(pi, 0, sizeof *pi);
    for (size_t i = m->start; i < m->end;) {
        size_t best_end = 0;
        int32_t best = actor_longest_name(d, t, i, m->end, &best_end);
        const actor_entry *e = best >= 0 ? actor_choose(d, best, &t[i], date, NULL) : NULL;
        if (!e) { i++; continue; }
        if (e->kind == AK_AGENT && e->sector) {
            if (e->agent_prefix) cat(pi->pre, sizeof pi->pre, e->sector);
            else {
                cat(pi->post, sizeof pi->post, e->sector);
                snprintf(pi->lastpost, sizeof pi->lastpost, "%s", e->sector);
            }
            pi->has_agent = 1;
        } else if (e->country && !pi->has_actor) {
            snprintf(pi->actor, sizeof pi->actor, "%s", e->country);
            pi->has_actor = 1;
        }
        i = best_end;
    }
}

static void repoint(token *t, mention *v, size_t to, size_t from, size_t end) {
    for (size_t i = from; i < end; i++) t[i].actor = (int32_t)to;
    if (end > v[to].end) v[to].end = (uint32_t)end;
}

static int is_conj(const token *k) { return k->tag == TG_CONJ || (k->kind == TK_PUNCT && k->low[0] == ','); }

void petr_recode(const dyad_dict *d, token *t, size_t start, size_t end, mention *v, size_t n, int32_t date, arena *a) {
    if (!n) return;
    pinfo *pi = arena_calloc(a, n * sizeof *pi);
    char (*codes)[CODEMAX * 2] = arena_calloc(a, n * sizeof *codes);
    uint8_t *dead = arena_calloc(a, n);
    if (!pi || !codes || !dead) return;
    for (size_t k = 0; k < n; k++)
        if (!v[k].resolved) pieces(d, t, &v[k], date, &pi[k]);
    /* 1. noun phrases the actor stage left in two: "Bree Prime Minister" + "Romendacil", "Ithilen's awful
       and evil" + "minister Calimehtar" */
    for (size_t k = 0; k + 1 < n; k++) {
        if (dead[k] || v[k].resolved || v[k + 1].resolved || !pi[k].has_actor) continue;
        size_t g = v[k].end, q = v[k + 1].start;
        int join = 0;
        if (q < g) join = 1; /* "spokesman Bahadyr Umarov": a title took the name the next mention also has */
        else if (g == q && pi[k].has_agent && pi[k + 1].has_actor && !pi[k + 1].has_agent) join = 1;
        else if (v[k].possessive && pi[k + 1].has_agent && q - g <= 5) {
            join = 1;
            for (size_t i = g + 1; i < q; i++)
                if (!(t[i].tag == TG_ADJ || t[i].tag == TG_ADV || t[i].tag == TG_CONJ || t[i].tag == TG_NOUN || t[i].tag == TG_DET ||
                      t[i].tag == TG_VERB)) /* "Ithilen's awful and cool minister": "cool" may be taken for a verb */
                    join = 0;
        }
        if (!join) continue;
        /* the first actor wins; the agents add up */
        cat(pi[k].pre, sizeof pi[k].pre, pi[k + 1].pre);
        cat(pi[k].post, sizeof pi[k].post, pi[k + 1].post);
        if (pi[k + 1].lastpost[0]) memcpy(pi[k].lastpost, pi[k + 1].lastpost, sizeof pi[k].lastpost);
        pi[k].has_agent |= pi[k + 1].has_agent;
        repoint(t, v, k, q < g ? q : g, v[k + 1].end);
        dead[k + 1] = 1;
        pi[k + 1] = pi[k];
    }
    /* 1b. "US and British activists": an actor alone before "and" + actor-and-agents shares the agents */
    for (size_t k = 0; k + 1 < n; k++) {
        if (dead[k] || dead[k + 1] || v[k].resolved || v[k].possessive || !pi[k].has_actor || pi[k].has_agent) continue;
        if (!pi[k + 1].has_actor || !pi[k + 1].has_agent || v[k + 1].start != v[k].end + 1 || t[v[k].end].tag != TG_CONJ) continue;
        snprintf(pi[k].pre, sizeof pi[k].pre, "%s", pi[k + 1].pre);
        snprintf(pi[k].post, sizeof pi[k].post, "%s", pi[k + 1].post);
        pi[k].has_agent = 1;
    }
    /* 2. codes */
    for (size_t k = 0; k < n; k++) {
        if (dead[k] || v[k].resolved) continue;
        if (pi[k].has_actor) {
            compose(pi[k].actor, pi[k].pre, pi[k].post, codes[k], sizeof codes[k]);
            continue;
        }
        if (!pi[k].has_agent) continue;
        /* an agent alone: coordinated agents, then "of/in/from ACTOR (, ACTOR) (and ACTOR)" */
        size_t q = k;
        while (q + 1 < n && !dead[q + 1] && !pi[q + 1].has_actor && pi[q + 1].has_agent) {
            size_t i = v[q].end;
            if (i >= v[q + 1].start || !is_conj(&t[i])) break;
            while (i < v[q + 1].start && (is_conj(&t[i]) || t[i].tag == TG_DET)) i++;
            if (i != v[q + 1].start) break;
            q++;
        }
        size_t i = v[q].end;
        int found = 0;
        /* "an Islamic State target southwest of Baghdad": a couple of words may come before the preposition */
        for (int w = 0; w < 2 && i + 1 < end && t[i].actor < 0 && (t[i].tag == TG_NOUN || t[i].tag == TG_ADV) &&
                        strcmp(t[i].low, "of") && strcmp(t[i].low, "in") && strcmp(t[i].low, "from");
             w++)
            i++;
        if (i < end && (!strcmp(t[i].low, "of") || !strcmp(t[i].low, "in") || !strcmp(t[i].low, "from"))) {
            i++;
            while (i < end && t[i].actor < 0 &&
                   (t[i].tag == TG_DET || t[i].tag == TG_ADJ || (t[i].tag == TG_VERB && (t[i].vform == 'd' || t[i].vform == 'n'))))
                i++; /* "dissidents from military-ruled Myanmar" */
            if (i < end && t[i].actor >= 0 && (size_t)t[i].actor < n && pi[t[i].actor].has_actor && v[t[i].actor].start == i) {
                /* the complement and what is coordinated with it */
                size_t r = (size_t)t[i].actor, last_end = v[r].end;
                char acts[CODEMAX * 2] = "";
                cat(acts, sizeof acts, pi[r].actor);
                /* "of Arnor, Osgiliath and Gondor": a list joined by commas ends with "and" */
                size_t r2 = r + 1, joined = r, conj_end = v[r].end;
                char conj_acts[CODEMAX * 2];
                snprintf(conj_acts, sizeof conj_acts, "%s", acts);
                for (; r2 < n; r2++) {
                    size_t c = last_end;
                    if (c >= v[r2].start || !is_conj(&t[c])) break;
                    int and = 0;
                    while (c < v[r2].start && (is_conj(&t[c]) || t[c].tag == TG_DET)) and |= t[c++].tag == TG_CONJ;
                    if (c != v[r2].start || !pi[r2].has_actor || pi[r2].has_agent) break;
                    cat(acts, sizeof acts, "/");
                    cat(acts, sizeof acts, pi[r2].actor);
                    last_end = v[r2].end;
                    if (and) { joined = r2; conj_end = last_end; snprintf(conj_acts, sizeof conj_acts, "%s", acts); }
                }
                snprintf(acts, sizeof acts, "%s", conj_acts);
                last_end = conj_end;
                for (size_t r3 = r + 1; r3 <= joined; r3++) dead[r3] = 1;
                for (size_t a2 = k; a2 <= q; a2++) compose(acts, pi[a2].pre, pi[a2].post, codes[a2], sizeof codes[a2]);
                dead[r] = 1;
                repoint(t, v, q, v[q].end, last_end);
                found = 1;
            }
        }
        if (!found && k > 0 && !dead[k - 1] && pi[k - 1].has_actor) {
            /* "Danish media and government": the actor of the phrase it is coordinated with */
            size_t c = v[k - 1].end;
            if (c < v[k].start && is_conj(&t[c])) {
                while (c < v[k].start && (is_conj(&t[c]) || t[c].tag == TG_DET)) c++;
                if (c == v[k].start) {
                    /* its agents replace the last agent of that phrase: "Islamist media and government" */
                    char base[64];
                    snprintf(base, sizeof base, "%s", pi[k - 1].post);
                    size_t bl = strlen(base), ll = strlen(pi[k - 1].lastpost);
                    if (ll && bl >= ll) base[bl - ll] = 0;
                    for (size_t a2 = k; a2 <= q; a2++) {
                        char post[128];
                        snprintf(post, sizeof post, "%s%s", base, pi[a2].post);
                        compose(pi[k - 1].actor, pi[a2].pre, post, codes[a2], sizeof codes[a2]);
                    }
                    found = 1;
                }
            }
        }
        if (!found)
            for (size_t a2 = k; a2 <= q; a2++) compose("---", pi[a2].pre, pi[a2].post, codes[a2], sizeof codes[a2]);
        k = q;
    }
    /* 3. the mentions get their codes; a dead one (absorbed) keeps none */
    for (size_t k = 0; k < n; k++) {
        if (v[k].resolved) continue;
        mention *m = &v[k];
        m->needs_country = 0;
        m->org = NULL;
        m->region = NULL;
        m->sector = NULL;
        m->country = NULL;
        if (dead[k] || !codes[k][0] || !strcmp(codes[k], "---")) { m->code = NULL; continue; }
        m->code = arena_strdup(a, codes[k]);
        if (strlen(codes[k]) >= 3 && codes[k][0] != '-') m->country = arena_strndup(a, codes[k], 3);
        if (strlen(codes[k]) >= 6 && !strchr(codes[k], '/')) m->sector = arena_strdup(a, codes[k] + 3);
    }
    (void)start;
}
