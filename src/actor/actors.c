/* actors.c -- stage 5: find and merge actor mentions (see actor.h). */
#include "actor.h"
#include "util/words.h"
#include "tag/tagger.h"
#include <string.h>

static int is_group(const mention *m);

static int is_locative_prep(const char *w) {
    static const char *const L[] = {"in", "at", "near", "inside", "throughout", "across", "within", "outside",
                                    "around", "beyond", "into", NULL};
    for (const char *const *p = L; *p; p++)
        if (same_word(*p, w)) return 1;
    return 0;
}

void mention_code(arena *a, mention *m) {
    if (m->org && !m->country) {
        m->code = m->org;
        return;
    }
    const char *base = m->country ? m->country : m->region;
    if (!base) {
        m->code = m->sector ? m->sector : NULL;
        return;
    }
    if (m->sector && strcmp(m->sector, "IGO") != 0) {
        size_t bl = strlen(base), sl = strlen(m->sector);
        char *code = arena_alloc(a, bl + sl + 1);
        if (code) {
            memcpy(code, base, bl);
            memcpy(code + bl, m->sector, sl + 1);
        }
        m->code = code; /* NULL when the arena is exhausted, as arena_printf gave */
    } else m->code = base;
}

const actor_entry *actor_choose(const dyad_dict *d, int32_t idx, const token *first, int32_t date, int *known_only) {
    const actor_entry *best = NULL;
    int known = 0;
    for (int32_t i = idx; i >= 0; i = d->actors[i].next) {
        const actor_entry *e = &d->actors[i];
        if (e->needcap && !(first->flags & TF_CAP)) continue;
        if (e->needcap == 2 && !(first->flags & TF_ALLCAP)) continue;
        if (e->kind == AK_PERSON) {
            if (date && (date < e->from || date > e->to)) { known = 1; continue; }
            if (!best) best = e;
            continue;
        }
        if (!best || best->kind == AK_PERSON) best = e;
    }
    if (known_only) *known_only = best ? 0 : known;
    return best;
}

typedef struct piece {
    uint32_t start, end;
    const actor_entry *e;
    int known_only;
} piece;

static int definite(const char *w) { /* by first letter: asked after every "the", "that", "those", "this" */
    switch (w[0]) {
    case 'a': return !strcmp(w, "alliance");
    case 'b': return !strcmp(w, "bloc");
    case 'c': return !strcmp(w, "country");
    case 'f': return !strcmp(w, "forces") || !strcmp(w, "faction");
    case 'g': return !strcmp(w, "group");
    case 'k': return !strcmp(w, "kingdom");
    case 'm': return !strcmp(w, "movement");
    case 'o': return !strcmp(w, "organization") || !strcmp(w, "organisation");
    case 'p': return !strcmp(w, "pact");
    case 'r': return !strcmp(w, "republic");
    case 's': return !strcmp(w, "state");
    case 't': return !strcmp(w, "treaty") || !strcmp(w, "troops");
    default: return 0;
    }
}

/* The head nouns of definite descriptions: definite()'s words and "nation" (find_mentions' own rule for it). A token
 * whose word is none of them heads no description, so the loop over the descriptions runs only from 3 tokens
 * before the first token that may be one to the last (a description's head is 1-3 tokens after its "the"). Which
 * tokens may be one is asked of a filter of their hashes' low 10 bits (token.hash % 1024: 16 of 1,024 bits set),
 * a load from the token and a bit test, a branch that goes the same way for nearly every token; the loop asked
 * every token for its text's first byte ('t': 15% of tokens, a branch the predictor could not learn). Exact:
 * every word that heads a description has its bit set (test_definite_head_filter checks it for these words and
 * for every word of the lexicon). */
static const uint64_t DEF_HEAD_BITS[16] = {
    0x2000000004000000ull, 0, 0, 0, 0x0400000004000000ull, 0, 0, 0x0000000000002000ull,
    0x0004000000000000ull, 0x8000000002010002ull, 0x0020000008000000ull, 0, 0, 0x0002000000000000ull,
    0x0000008002000000ull, 0x0800000000000000ull};
static inline int may_head(uint64_t hash) { return (int)(DEF_HEAD_BITS[hash >> 6 & 15] >> (hash & 63) & 1); }
int actor_may_be_definite_head(uint64_t hash) { return may_head(hash); }
int actor_definite_head(const char *w) { return definite(w) || !strcmp(w, "nation"); }

static int name_has_word(const char *name, const char *w) {
    size_t l = strlen(w);
    for (const char *p = name; (p = strcasestr(p, w)); p += l) {
        int left = p == name || p[-1] == ' ';
        int right = p[l] == 0 || p[l] == ' ' || p[l] == 's';
        if (left && right) return 1;
    }
    return 0;
}

/* "the rebels' spokesman", "the union's leader", "militant commanders": a title (GOV, MIL) after a group that is
 * not a state's own body names the group's people, who keep its sector */
static int group_title(const char *group, const char *title) {
    static const char *const STATE[] = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "IGO", NULL};
    if (!group || !title || (strcmp(title, "GOV") && strcmp(title, "MIL"))) return 0;
    for (const char *const *p = STATE; *p; p++)
        if (!strcmp(*p, group)) return 0;
    return 1;
}

/* words that describe a country without telling it from another ("the small island nation"; not "the
 * neighbouring country", which is another one) */
static int country_modifier(const char *w) { /* by first letter, as definite() */
    switch (w[0]) {
    case 'a': return !strcmp(w, "archipelago");
    case 'i': return !strcmp(w, "impoverished") || !strcmp(w, "island") || !strcmp(w, "isolated");
    case 'l': return !strcmp(w, "landlocked");
    case 'm': return !strcmp(w, "mountainous");
    case 'o': return !strcmp(w, "oil-rich");
    case 'p': return !strcmp(w, "poor");
    case 'r': return !strcmp(w, "remote");
    case 's': return !strcmp(w, "small");
    case 't': return !strcmp(w, "tiny") || !strcmp(w, "troubled");
    case 'w': return !strcmp(w, "war-torn");
    default: return 0;
    }
}

static int group_word(const char *w) { return !strcmp(w, "group") || !strcmp(w, "movement") || !strcmp(w, "faction"); }

/* how many brackets are open before token i of the sentence */
static int depth_at(const token *t, size_t start, size_t i) {
    int depth = 0;
    for (size_t k = start; k < i; k++) {
        if (t[k].kind == TK_OPEN) depth++;
        else if (t[k].kind == TK_CLOSE && depth) depth--;
    }
    return depth;
}

/* A dictionary's answer for a key as a name's prefix, as kept in a memo: bit 0: known; bit 1: a prefix or a
 * name; bits 2-3: dict_name_prefix's answer; above: 1 + the name's index. 0 when it does not fit. */
static inline int32_t memo_pack(int32_t pv, int32_t idx) {
    if (pv < -1 || pv > 3 || idx >= (1 << 27) - 1) return 0;
    return (int32_t)(1u | (pv >= 0 ? 2u | (uint32_t)pv << 2 : 0u) | (uint32_t)(idx + 1) << 4);
}
static inline void memo_unpack(int32_t memo, int32_t *pv, int32_t *idx) {
    uint32_t m = (uint32_t)memo;
    *pv = m & 2 ? (int32_t)(m >> 2 & 3) : -1;
    *idx = (int32_t)(m >> 4) - 1;
}

/* Write tokens [*jb, j] of the key of a name that starts at token first into key, which holds kb bytes (tokens
 * [first, *jb)), each word after the first after a space; returns the new length. */
static inline size_t name_key_fill(char *key, size_t kb, const token *t, size_t first, size_t *jb, size_t j) {
    for (size_t q = *jb; q <= j; q++) {
        if (q > first) key[kb++] = ' ';
        memcpy(key + kb, t[q].low, t[q].lowlen);
        kb += t[q].lowlen;
    }
    *jb = j + 1;
    return kb;
}

/* actor_longest_name, inline in find_mentions' scan. wc: the word cache whose memos keep the answers for
 * the first word's form (mm: its memos, tag_cache_memos) and for the first two words' pair (tag_cache_memo2),
 * or NULL */
static inline __attribute__((always_inline)) int32_t longest_name(const dyad_dict *d, const token *t, size_t i, size_t end,
                                                                 size_t *name_end, tag_cache *wc, tag_memos mm) {
    const token *k = &t[i];
    uint64_t h = k->hash;
    if (k->lowlen + 2 > 512) return -1;
    /* the first word: looked up as it is in the token, with its own hash, once per form when there is a memo.
       The memo is read before the filter of first words: the tagger has just read the form's cache entry, where
       the filter's 8 KB were often evicted by the other stages since the last sentence */
    int32_t pv, best;
    int32_t *memo = tag_memo_at(mm, k);
    if (memo && *memo) memo_unpack(*memo, &pv, &best);
    else if (!dict_may_start_name(d, h)) {
        if (memo) *memo = memo_pack(-1, -1);
        return -1;
    } else {
        pv = dict_name_prefix(d, k->low, k->lowlen, h, &best); /* bit 1: a name (best); bit 0: a prefix of one */
        if (memo) *memo = memo_pack(pv, best);
    }
    if (pv < 0) return -1;
    if (best >= 0) *name_end = i + 1;
    if (!(pv & 1)) return best;
    /* The key "w1 w2 ..." of tokens [i, j] is kl bytes long; only its first kb bytes (tokens [i, jb)) are
       written: it is built when a probe or a hash needs it, as most first words that may go on meet a pair the
       filter turns away, and the pair memo answers most of the others (a name of two words needs no key). The
       bytes written are those the eager copy wrote, so every probe and hash sees the same key. */
    char key[512];
    size_t kl = k->lowlen, kb = 0, jb = i;
    for (size_t j = i + 1; j < end && (int)(j - i) < d->max_name_tokens; j++) {
        if (!dict_may_continue_name(d, h, t[j].hash)) break; /* no name goes on with this word */
        size_t l = t[j].lowlen;
        if (kl + l + 2 > sizeof key) break;
        kl += 1 + l;
        /* the second word: the pair's answer once per pair of forms when there is a memo (the probes that
           extend a name, "the united" -> "the united nations", missed most); the key's hash is then needed
           only to go on to a third word */
        int32_t *m2 = j == i + 1 && wc ? tag_cache_memo2(wc, k, &t[j], d) : NULL;
        int32_t idx;
        if (m2 && *m2) {
            memo_unpack(*m2, &pv, &idx);
            if (pv >= 0 && pv & 1) kb = name_key_fill(key, kb, t, i, &jb, j), h = strmap_hash(key, kl);
        } else {
            kb = name_key_fill(key, kb, t, i, &jb, j);
            h = strmap_hash(key, kl);
            pv = dict_name_prefix(d, key, kl, h, &idx);
            if (m2) *m2 = memo_pack(pv, idx);
        }
        if (pv < 0) break;
        if (idx >= 0) { best = idx; *name_end = j + 1; }
        if (!(pv & 1)) break;
    }
    return best;
}

int32_t actor_longest_name(const dyad_dict *d, const token *t, size_t i, size_t end, size_t *name_end) {
    return longest_name(d, t, i, end, name_end, NULL, (tag_memos){NULL, 0, 0});
}

/* Add a mention of tokens [i, last] that refers to an actor named earlier (src), keeping the list sorted by
 * start. -1 when out of memory. */
static int add_resolved(arena *a, const token *t, size_t start, size_t end, size_t i, size_t last, const mention *src,
                        mention_list *out) {
    mention m = *src;
    mention_code(a, &m); /* src's code was allocated in an earlier window's arena */
    m.start = (uint32_t)i;
    m.end = (uint32_t)last + 1;
    m.resolved = 1;
    m.locative = i > start && t[i - 1].tag == TG_PREP && is_locative_prep(t[i - 1].low);
    m.possessive = last + 1 < end && t[last + 1].kind == TK_POSS;
    m.in_brackets = 0;
    mention *slot = ARENA_PUSH(a, out->v, out->n, out->cap, mention);
    if (!slot) return -1;
    size_t pos = out->n - 1;
    while (pos > 0 && out->v[pos - 1].start > m.start) { out->v[pos] = out->v[pos - 1]; pos--; }
    out->v[pos] = m;
    return 0;
}

int find_mentions(arena *a, const dyad_dict *d, token *t, size_t start, size_t end, int32_t date,
                  actor_ctx *ctx, mention_list *out) {
    memset(out, 0, sizeof *out);
    piece pcs[256];
    size_t np = 0;
    int depth = 0;
    /* 1. longest dictionary matches */
    tag_memos mm = tag_cache_memos(ctx->words, d); /* no form is added to the cache before the end */
    /* In two passes, so that the entries' loads (each a likely cache miss: actor_choose waited for every one)
       overlap: the names found from i on, as if each were chosen, their first entries asked for; then the choice
       for each in order. A name none of whose entries fits ("us", "who", "turkey" in lower case) does not end
       there, as one chosen does: the one-pass scan went on after its first word, so when it has several words the
       scan starts again there (rare) */
    struct { uint32_t start, end; int32_t idx; } cand[64];
    for (size_t i = start; i < end && np < 256;) {
        size_t nc = 0, j = i;
        while (j < end) {
            /* most words start no name: their memo (memo_pack(-1, -1) == 1), or the filter of first words, says so */
            if (t[j].kind != TK_WORD) { j++; continue; }
            const int32_t *memo = tag_memo_at(mm, &t[j]);
            if (memo ? *memo == 1 : !dict_may_start_name(d, t[j].hash)) { j++; continue; }
            size_t best_end = 0;
            int32_t best_idx = longest_name(d, t, j, end, &best_end, ctx->words, mm);
            if (best_idx < 0) { j++; continue; }
            __builtin_prefetch(&d->actors[best_idx]);
            cand[nc].start = (uint32_t)j, cand[nc].end = (uint32_t)best_end, cand[nc].idx = best_idx;
            j = best_end;
            if (++nc == sizeof cand / sizeof cand[0]) break;
        }
        i = j;
        for (size_t q = 0; q < nc && np < 256; q++) {
            int known_only;
            const actor_entry *e = actor_choose(d, cand[q].idx, &t[cand[q].start], date, &known_only);
            if (!e && !known_only) {
                if (cand[q].end == cand[q].start + 1) continue; /* one word ("us", "who"): the scan went on after it */
                i = cand[q].start + 1;
                break;
            }
            pcs[np++] = (piece){cand[q].start, cand[q].end, e, known_only};
        }
    }
    /* 2. merge pieces into mentions */
    for (size_t k = 0; k < np; k++) {
        piece *p = &pcs[k];
        if (!p->e) continue; /* a person known but out of office: not coded */
        mention m;
        memset(&m, 0, sizeof m);
        m.start = p->start;
        m.end = p->end;
        m.kind = p->e->kind;
        const actor_entry *e = p->e;
        if (e->kind == AK_CITY) continue;
        m.country = e->country;
        m.sector = e->sector;
        if (e->kind == AK_ORG) m.org = e->org;
        if (e->kind == AK_REGION) { m.org = NULL; m.region = e->org; }
        int has_agent = e->kind == AK_AGENT;
        /* absorb following pieces of the same noun phrase: "Russia's new foreign minister", "Uzbek border
           officials", "Afghanistan's Taliban authorities" */
        while (k + 1 < np) {
            piece *q = &pcs[k + 1];
            size_t gap = m.end;
            int poss = 0;
            if (gap < q->start && t[gap].kind == TK_POSS) { gap++; poss = 1; }
            if (!q->e) break;
            const actor_entry *f = q->e;
            if (gap != q->start) {
                /* a few modifiers may stand before an agent noun; after a possessive also a capitalised title
                   word ("Singapore's Tourism Minister") */
                size_t mods = 0, g2 = gap;
                while (g2 < q->start && mods < 3 &&
                       (t[g2].tag == TG_ADJ || t[g2].tag == TG_NOUN || (poss && t[g2].tag == TG_DET) ||
                        (poss && m.country && t[g2].tag == TG_PROPN && (t[g2].flags & TF_CAP))) && t[g2].kind == TK_WORD)
                    g2++, mods++;
                if (g2 != q->start || f->kind != AK_AGENT) break;
            }
            if (f->kind == AK_AGENT) {
                /* "the Hamas leader", "Taliban commanders": an armed or political group's own people keep
                   the group's sector; a country's or an organization's officials take the title's */
                if (!(m.kind == AK_ORG && m.country) && !(!d->petr && !m.org && group_title(m.sector, f->sector))) m.sector = f->sector;
                has_agent = 1;
            } else if (f->kind == AK_ORG && (m.kind == AK_COUNTRY || m.kind == AK_DEMONYM) && !m.org) {
                m.org = f->org;
                if (!has_agent) m.sector = f->sector;
            } else if (f->kind == AK_PERSON && has_agent && !m.country) {
                m.country = f->country;
            } else break;
            m.end = q->end;
            k++;
        }
        /* a title followed by a name: "spokesman Bahadyr Umarov" */
        size_t named = m.end;
        while (m.end < end && t[m.end].tag == TG_PROPN && has_agent && (t[m.end].flags & TF_CAP) &&
               t[m.end].kind == TK_WORD && (d->petr || !org_head_word(&t[m.end])))
            m.end++;
        if (m.end > named && m.end < end && !d->petr && org_head_word(&t[m.end])) m.end = (uint32_t)named;
            /* "Freetown Fishermen Association": a name of an organization, not a person's (named.c) */
        if (m.end > named) names_remember(ctx, t, named, m.end, &m); /* "President Ali Hassan ... Hassan said" */
        if (m.kind == AK_AGENT && !m.country) m.needs_country = 1;
        if (m.kind == AK_PERSON) m.kind = AK_PERSON;
        /* context: locative, possessive, brackets */
        size_t b = m.start;
        while (b > start && (t[b - 1].tag == TG_DET || t[b - 1].tag == TG_ADJ)) b--;
        if (b > start && t[b - 1].tag == TG_PREP && is_locative_prep(t[b - 1].low)) m.locative = 1;
        if (b > start && t[b - 1].tag == TG_PREP && strcmp(t[b - 1].low, "from") == 0 && m.kind == AK_CAPITAL) m.locative = 1;
        if (m.end < end && t[m.end].kind == TK_POSS) m.possessive = 1;
        /* "in Moscow" stays a place: a target only for patterns that end with its preposition */
        mention_code(a, &m);
        mention *slot = ARENA_PUSH(a, out->v, out->n, out->cap, mention);
        if (!slot) return -1;
        *slot = m;
    }
    /* names no dictionary has: "the National Liberation Movement (NLM)" */
    int own = !d->petr;
    if (own && (named_bodies(a, t, start, end, out) || acronyms_note(a, t, end, ctx, out))) return -1;
    /* 3. brackets, and definite descriptions (from the first bracket on: most sentences have none). Only a token
       where a mention starts is marked, so both loops stop after the last such token (lim: none when the
       sentence has no mention) */
    depth = 0;
    size_t mi = 0, b0 = start, lim = start;
    for (size_t q = 0; q < out->n; q++)
        if (out->v[q].start + 1 > lim) lim = out->v[q].start + 1;
    if (lim > end) lim = end;
    while (b0 < lim && t[b0].kind != TK_OPEN) b0++;
    for (size_t i = b0; i < lim; i++) {
        if (t[i].kind == TK_OPEN) depth++;
        else if (t[i].kind == TK_CLOSE && depth) depth--;
        while (mi < out->n && out->v[mi].start < i) mi++;
        if (mi < out->n && out->v[mi].start == i && depth) out->v[mi].in_brackets = 1;
    }
    /* the descriptions' heads: lo the first token that may be one (end: none), hi 1 + the last (start: none) */
    size_t lo = start + 1, hi = start;
    while (lo < end && !may_head(t[lo].hash)) lo++;
    if (lo < end)
        for (hi = end; !may_head(t[hi - 1].hash);) hi--; /* stops at lo at the latest */
    for (size_t i = lo >= start + 3 ? lo - 3 : start; i + 1 < hi; i++) { /* every i with a head in [i + 1, i + 3] */
        if (t[i].low[0] != 't' || !(strcmp(t[i].low, "the") == 0 || strcmp(t[i].low, "that") == 0 ||
                                     strcmp(t[i].low, "those") == 0 || strcmp(t[i].low, "this") == 0))
            continue;
        size_t h = i + 1;
        if (own) { /* "the small island nation": a few words that describe a country before it */
            size_t q = h;
            while (q + 1 < end && q < h + 2 && country_modifier(t[q].low)) q++;
            if (q > h && (!strcmp(t[q].low, "country") || !strcmp(t[q].low, "nation"))) h = q;
        }
        if (own && !strcmp(t[h].low, "nation")) {
            if (h + 1 < end && (t[h + 1].tag == TG_NOUN || t[h + 1].kind == TK_POSS)) continue;
            int covered = 0;
            for (size_t q = 0; q < out->n; q++)
                if (out->v[q].start <= h && h < out->v[q].end) covered = 1;
            if (!covered && ctx->have_country && add_resolved(a, t, start, end, i, h, &ctx->last_country, out)) return -1;
            continue;
        }
        if (t[h].actor >= 0 || !definite(t[h].low)) continue;
        if (h + 1 < end && (t[h + 1].tag == TG_NOUN || (t[h + 1].kind == TK_POSS && !(own && group_word(t[h].low)))))
            continue; /* "the country units"; but "the group's leader" */
        int covered = 0;
        for (size_t q = 0; q < out->n; q++)
            if (out->v[q].start <= h && h < out->v[q].end) covered = 1;
        if (covered) continue;
        const mention *src = NULL;
        const char *w = t[h].low;
        if (!strcmp(w, "country") || !strcmp(w, "republic") || !strcmp(w, "kingdom") || !strcmp(w, "state")) {
            if (ctx->have_country) src = &ctx->last_country;
        } else if (!strcmp(w, "forces") || !strcmp(w, "troops")) {
            if (strcmp(t[i].low, "the") != 0 && ctx->have_mil) src = &ctx->last_mil;
        } else if (group_word(w)) {
            if (ctx->have_group) src = &ctx->last_group; /* "the group": the last armed group or organization */
            for (size_t q = 0; own && q < out->n && out->v[q].end <= i; q++) /* ... named earlier in this sentence */
                if (is_group(&out->v[q])) src = &out->v[q];
        } else if (ctx->have_org) {
            const char *name = NULL;
            (void)name;
            src = &ctx->last_org;
        }
        if (!src) continue;
        if (add_resolved(a, t, start, end, i, h, src, out)) return -1;
    }
    /* an acronym given in brackets earlier in the document: "the NLF" */
    for (size_t i = start; i < end && own && ctx->nacr; i++) {
        const mention *src = acronym_find(ctx, &t[i]);
        if (!src) continue;
        int covered = 0;
        for (size_t q = 0; q < out->n && !covered; q++)
            covered = out->v[q].start <= i && i < out->v[q].end;
        if (covered) continue;
        if (add_resolved(a, t, start, end, i, i, src, out)) return -1;
        for (size_t q = 0; q < out->n; q++)
            if (out->v[q].start == i) out->v[q].how = MH_ACRONYM, out->v[q].in_brackets = depth_at(t, start, i) > 0;
    }
    if (own && group_roles(a, t, start, end, out)) return -1;
    /* a person named earlier with a title or a role: "Hassan said" after "President Ali Hassan" or "Ali
       Hassan, a spokesman for the rebels," (a whole name of several words only with dyad's dictionaries) */
    if (own) appositive_names(t, start, end, ctx, out);
    cap_scan cs = cap_scan_start(t, start, ctx->nnames ? end : start); /* name_token and name_first: capitalised */
    for (size_t i = start; (i = cap_scan_next(&cs, i)) < end && ctx->nnames; i++) {
        if (!name_token(&t[i]) && !(own && name_first(t, i, start, end))) continue;
        size_t e = i + 1;
        while (e < end && name_token(&t[e])) e++;
        if (i > start && t[i - 1].tag == TG_PROPN) { i = e - 1; continue; } /* part of a longer name */
        if (e - i > 1 && !own) { i = e - 1; continue; }
        int covered = 0;
        for (size_t q = 0; q < out->n && !covered; q++)
            covered = out->v[q].start < e && i < out->v[q].end;
        const mention *src = covered ? NULL : names_find(ctx, t, i, e);
        if (src && add_resolved(a, t, start, end, i, e - 1, src, out)) return -1;
        i = e - 1;
    }
    (void)name_has_word;
    for (size_t q = 0; q < out->n; q++)
        for (uint32_t i = out->v[q].start; i < out->v[q].end; i++) t[i].actor = (int32_t)q;
    return 0;
}

int mention_is_modifier(const token *t, const mention *m) {
    if (m->end != m->start + 1 || m->possessive || !(m->kind == AK_DEMONYM || m->kind == AK_REGION)) return 0;
    const token *k = &t[m->start];
    return k->lowlen > 3 && k->low[k->lowlen - 1] != 's';
}

static int nonstate(const char *sector) {
    static const char *const S[] = {"REB", "INS", "SEP", "UAF", "OPP", "CRM", NULL};
    for (const char *const *p = S; *p; p++)
        if (same_word(*p, sector)) return 1;
    return 0;
}

/* an organization or an armed group, also one named by a common noun ("the rebels"): what "the group" may be */
static int is_group(const mention *m) {
    return !m->locative && !m->in_brackets && (m->kind == AK_ORG || (m->kind == AK_AGENT && m->sector && nonstate(m->sector)));
}

void actor_ctx_update(actor_ctx *ctx, const mention_list *ms) {
    for (size_t i = 0; i < ms->n; i++) {
        const mention *m = &ms->v[i];
        if (m->in_brackets) continue;
        if (m->country && !m->org && !m->locative && (m->kind == AK_COUNTRY || m->kind == AK_CAPITAL)) {
            ctx->last_country = *m;
            ctx->have_country = 1;
        }
        if (m->country && !m->org && m->locative) {
            ctx->last_place = *m;
            ctx->have_place = 1;
        }
        if (m->org && !m->country && m->kind == AK_ORG) {
            ctx->last_org = *m;
            ctx->have_org = 1;
        }
        /* "the group": an organization or armed group, also one named by a common noun ("the rebels") */
        if (is_group(m) && !m->resolved) {
            ctx->last_group = *m;
            ctx->have_group = 1;
        }
        if (m->sector && same_word(m->sector, "MIL")) {
            ctx->last_mil = *m;
            ctx->have_mil = 1;
        }
    }
}
