/* named.c -- stage 5: actors that no dictionary names, known by how their name is made.
 *
 * - Named bodies: a capitalised name that ends in (or is headed by) a noun for a kind of organization, such as
 *   "the National Liberation Movement", "Nigeria Labour Congress", "Communist Party of Freedonia", is an actor
 *   whose sector comes from its words: a marker word anywhere in the name ("Liberation", "Resistance",
 *   "Jihad", "Workers", "Students", "Rights"...) first, else the head noun ("Party" PTY, "Commission" GOV,
 *   "Court" JUD, "Foundation" NGO...). The country is the one the name contains ("Senegalese National
 *   Movement" SEN), else the document's (needs_country, like an agent). A name whose head word the dictionary
 *   already knows as an agent ("Nigerian Army") stays the agent unless a marker word says otherwise ("Arakan
 *   Liberation Army"); a name containing a dictionary organization is left to the dictionary.
 * - Acronyms: "... Front (NLF)" or any actor followed by a bracketed acronym that is no actor itself: the
 *   brackets join the mention, and the acronym codes as that actor for the rest of the document.
 * - Roles of a group: "a leader of the Islamist group", "a spokesman for the rebels", "members of the
 *   movement" are the group's people and take its code, as does "the group's leader" once "the group" is
 *   resolved.
 * - People named with a role: "Ali Hassan, a spokesman for the rebels," and "the rebels' spokesman, Ali
 *   Hassan," (and "spokesman Ali Hassan", actors.c): the name, whole or by its last words ("Hassan"), stands for
 *   the role's actor for the rest of the document.
 * Used by find_mentions (actors.c) for dyad's own dictionaries only (PETRARCH dictionaries code their way). */
#include "actor.h"
#include "util/strmap.h"
#include "util/words.h"
#include <string.h>

/* The word is kept in the entry (14 bytes at most), not pointed to: a search by halves reads the table in a row,
 * not strings scattered in the binary's read-only data (it runs for capitalised words, where they missed). */
typedef struct { char w[15]; const char *sector; char cls; } wsec;

/* words that decide the sector wherever they stand in the name (cls 'A': an armed group's); this table and
 * HEADS are in strcmp order (lookup searches them by halves) */
static const wsec MARKERS[] = {
    {"bishops", "REL", 0}, {"broadcasters", "MED", 0}, {"church", "REL", 0}, {"churches", "REL", 0},
    {"clerics", "REL", 0}, {"commerce", "BUS", 0}, {"conservation", "ENV", 0}, {"dockworkers", "LAB", 0},
    {"doctors", "HLH", 0}, {"employees", "LAB", 0}, {"employers", "BUS", 0}, {"environmental", "ENV", 0},
    {"exporters", "BUS", 0}, {"farmers", "AGR", 0}, {"gendarmerie", "COP", 0}, {"guerrilla", "REB", 'A'},
    {"industrialists", "BUS", 0}, {"insurgent", "INS", 'A'}, {"jihad", "INS", 'A'}, {"jihadist", "INS", 'A'},
    {"journalists", "MED", 0}, {"judges", "JUD", 0}, {"labor", "LAB", 0}, {"labour", "LAB", 0},
    {"lawyers", "JUD", 0}, {"liberation", "REB", 'A'}, {"manufacturers", "BUS", 0}, {"martyrs", "INS", 'A'},
    {"medical", "HLH", 0}, {"miners", "LAB", 0}, {"mineworkers", "LAB", 0}, {"mujahedeen", "INS", 'A'},
    {"mujahideen", "INS", 'A'}, {"news", "MED", 0}, {"nurses", "HLH", 0}, {"peasants", "AGR", 0},
    {"physicians", "HLH", 0}, {"police", "COP", 0}, {"press", "MED", 0}, {"rebel", "REB", 'A'},
    {"rebels", "REB", 'A'}, {"refugee", "REF", 0}, {"refugees", "REF", 0}, {"resistance", "REB", 'A'},
    {"rights", "HRI", 0}, {"secessionist", "SEP", 'A'}, {"separatist", "SEP", 'A'}, {"student", "EDU", 0},
    {"students", "EDU", 0}, {"students'", "EDU", 0}, {"teachers", "LAB", 0}, {"ulema", "REL", 0},
    {"university", "EDU", 0}, {"wildlife", "ENV", 0}, {"workers", "LAB", 0}, {"workers'", "LAB", 0},
    {"", NULL, 0}};

/* head nouns: the sector when no marker decides (NULL: a name of this kind needs a marker word, "Union"), and
 * which markers may decide: 'P' a political body, only an armed group's ("Workers' Party" is a party, "Liberation
 * Front" rebels); 'S' a state office, none ("Ministry of Labour" GOV); 0 any */
static const wsec HEADS[] = {
    {"agency", "GOV", 'S'}, {"alliance", "PTY", 'P'}, {"army", NULL, 'P'}, {"assembly", "LEG", 'P'},
    {"association", "NGO", 0}, {"authority", "GOV", 'S'}, {"bank", "BUS", 'S'}, {"battalion", "UAF", 'P'},
    {"battalions", "UAF", 'P'}, {"brigade", "UAF", 'P'}, {"brigades", "UAF", 'P'}, {"bureau", "GOV", 'S'},
    {"cartel", "CRM", 'S'}, {"church", "REL", 'S'}, {"coalition", "PTY", 'P'}, {"college", "EDU", 'S'},
    {"commission", "GOV", 0}, {"committee", "GOV", 0}, {"company", "BUS", 'S'}, {"confederation", NULL, 0},
    {"congress", "LEG", 0}, {"corporation", "BUS", 'S'}, {"council", "GOV", 0}, {"court", "JUD", 'S'},
    {"department", "GOV", 'S'}, {"directorate", "GOV", 'S'}, {"federation", NULL, 0}, {"forces", NULL, 'P'},
    {"foundation", "NGO", 0}, {"front", "PTY", 'P'}, {"gendarmerie", "COP", 'S'}, {"guard", NULL, 'P'},
    {"institute", "NGO", 0}, {"league", "PTY", 'P'}, {"legion", "UAF", 'P'}, {"militia", "UAF", 'P'},
    {"militias", "UAF", 'P'}, {"ministry", "GOV", 'S'}, {"movement", "PTY", 'P'}, {"network", "NGO", 0},
    {"organisation", "NGO", 0}, {"organization", "NGO", 0}, {"parliament", "LEG", 'S'}, {"party", "PTY", 'P'},
    {"police", "COP", 'S'}, {"secretariat", "GOV", 'S'}, {"senate", "LEG", 'S'}, {"society", "NGO", 0},
    {"syndicate", NULL, 0}, {"tribunal", "JUD", 'S'}, {"union", NULL, 0}, {"university", "EDU", 'S'},
    {"", NULL, 0}};

/* The entry of tab for k's word, or NULL. The tables are kept in strcmp order and searched by halves: this
 * runs for every capitalised word of every sentence (test_actor checks the order). */
static inline __attribute__((always_inline)) const wsec *lookup_n(const wsec *tab, size_t n, const char *w) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const unsigned char *a = (const unsigned char *)tab[mid].w, *b = (const unsigned char *)w;
        int c = a[0] != b[0] ? a[0] - b[0] : a[1] != b[1] ? a[1] - b[1] : strcmp((const char *)a, (const char *)b);
            /* most steps differ in the first two bytes (a[1], b[1]: the NUL at the latest, as a[0] == b[0] != 0) */
        if (!c) return &tab[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}
/* A filter of each table's words by their token.wbit (strmap_hash % 256): the bit of every word of the table
 * is set (named_tables_sorted checks it; 47 of 256 bits for HEADS, 54 for MARKERS), so a token whose bit is
 * clear is in no entry and needs no search: most capitalised words ("Syria", "United") are turned away by a
 * byte of the token, already loaded, instead of the search's six steps. */
static const uint64_t HEADS_BITS[4] = {0x4800010086401091ull, 0x020010c802060301ull, 0x102805006986c060ull,
                                       0x0880124830002000ull};
static const uint64_t MARKERS_BITS[4] = {0x094086700a529000ull, 0x004002888204304cull, 0x8190220058108224ull,
                                         0x8420628800820204ull};
static inline int in_filter(const uint64_t f[4], uint8_t bit) { return (int)(f[bit >> 6] >> (bit & 63) & 1); }
static inline __attribute__((always_inline)) const wsec *lookup_k(const wsec *tab, size_t n, const uint64_t f[4],
                                                                  const token *k) {
    return in_filter(f, k->wbit) ? lookup_n(tab, n, k->low) : NULL;
}
#define lookup(tab, k) lookup_k((tab), sizeof(tab) / sizeof(tab)[0] - 1, tab##_BITS, (k))

int named_tables_sorted(void) {
    const wsec *tabs[2] = {MARKERS, HEADS};
    const uint64_t *bits[2] = {MARKERS_BITS, HEADS_BITS};
    size_t ns[2] = {sizeof MARKERS / sizeof *MARKERS - 1, sizeof HEADS / sizeof *HEADS - 1};
    for (int t = 0; t < 2; t++)
        for (size_t i = 0; i < ns[t]; i++)
            if (memchr(tabs[t][i].w, 0, sizeof tabs[t][i].w) == NULL || /* the word has its NUL in the entry */
                (i + 1 < ns[t] && strcmp(tabs[t][i].w, tabs[t][i + 1].w) >= 0) || lookup_n(tabs[t], ns[t], tabs[t][i].w) != &tabs[t][i] ||
                !in_filter(bits[t], (uint8_t)strmap_hash(tabs[t][i].w, strlen(tabs[t][i].w)))) /* its filter bit */
                return 0;
    return 1;
}

/* A word that can be part of a name: capitalised, not a function word nor a date ("Tuesday", "March").
 * Inline: asked of every token of every sentence. */
static inline __attribute__((always_inline)) int name_word(const token *t, size_t i, size_t end) {
    const token *k = &t[i];
    if (k->kind != TK_WORD || !(k->flags & TF_CAP) || (k->flags & TF_DATE) || k->tag == TG_ADV) return 0;
    switch (k->tag) {
    case TG_NOUN: case TG_PROPN: case TG_ADJ: case TG_NUM: return 1;
    case TG_VERB: /* "United Front", "Armed Forces": a participle inside the name, not its verb */
        return i + 1 < end && t[i + 1].kind == TK_WORD && (t[i + 1].flags & TF_CAP) && k->lowlen > 2 &&
               !strcmp(k->low + k->lowlen - 2, "ed");
    default: return 0;
    }
}

static int is_word(const token *k, const char *w) { return k->kind == TK_WORD && !strcmp(k->low, w); }

/* the mention of out covering token i, or -1 */
static long covering(const mention_list *out, size_t i) {
    for (size_t q = 0; q < out->n; q++)
        if (out->v[q].start <= i && i < out->v[q].end) return (long)q;
    return -1;
}

/* Replace the mentions inside [m->start, m->end) by m (the list stays sorted by start). -1: out of memory. */
static int replace_span(arena *a, mention_list *out, const mention *m) {
    size_t w = 0;
    for (size_t q = 0; q < out->n; q++)
        if (!(out->v[q].start >= m->start && out->v[q].end <= m->end)) out->v[w++] = out->v[q];
    out->n = w;
    mention *slot = ARENA_PUSH(a, out->v, out->n, out->cap, mention);
    if (!slot) return -1;
    size_t pos = out->n - 1;
    while (pos > 0 && out->v[pos - 1].start > m->start) { out->v[pos] = out->v[pos - 1]; pos--; }
    out->v[pos] = *m;
    return 0;
}

/* "(NLF)" right after token e: the acronym's token index, else 0 */
static size_t bracket_acronym(const token *t, size_t e, size_t end) {
    if (e + 2 < end && t[e].kind == TK_OPEN && t[e + 1].kind == TK_WORD && (t[e + 1].flags & TF_ALLCAP) &&
        t[e + 1].lowlen >= 2 && t[e + 1].lowlen < 16 && t[e + 2].kind == TK_CLOSE)
        return e + 1;
    return 0;
}

int named_bodies(arena *a, token *t, size_t start, size_t end, mention_list *out) {
    cap_scan cs = cap_scan_start(t, start, end);
    for (size_t i = start; (i = cap_scan_next(&cs, i)) < end;) { /* a name word is capitalised */
        if (!name_word(t, i, end)) { i++; continue; }
        /* a lone name word ("Syria", "Putin") makes a run of one, which names no body: passed over before its
           head lookup when the token after it can neither be a name word nor join one */
        if (i + 1 >= end || (!name_word(t, i + 1, end) && t[i + 1].kind != TK_POSS && !is_word(&t[i + 1], "of") &&
                             !is_word(&t[i + 1], "for") && !is_word(&t[i + 1], "and"))) {
            i++;
            continue;
        }
        /* the run of name words, with "of", "for", "and", "the", "'s" between them */
        size_t head = 0, last = i, j = i + 1, from = i;
        int have_head = lookup(HEADS, &t[i]) != NULL;
        if (have_head) head = i;
        while (j < end) {
            if (name_word(t, j, end)) {
                /* the head ends its words: "Association Agreement" is no association ("... of X" may follow) */
                if (have_head && head + 1 == j) have_head = 0;
                if (!have_head && lookup(HEADS, &t[j])) head = j, have_head = 1;
                last = j++;
                continue;
            }
            size_t n = j + 1;
            if (t[j].kind == TK_POSS || is_word(&t[j], "of") || is_word(&t[j], "for") || (is_word(&t[j], "and") && !have_head)) {
                if (n < end && is_word(&t[n], "the")) n++;
                if (n < end && name_word(t, n, end)) {
                    /* "Director of the Teachers Association": the name starts after the title */
                    if (!have_head && t[j].kind != TK_POSS) from = n;
                    j = n;
                    continue;
                }
            }
            break;
        }
        size_t rs = from, re = last + 1;
        i = re;
        if (!have_head || re - rs < 2) continue;
        /* what the words say */
        const char *sector = NULL, *country = NULL;
        int marked = 0, has_org = 0;
        const wsec *h = lookup(HEADS, &t[head]);
        for (size_t k = rs; k < re; k++) {
            const wsec *mk = lookup(MARKERS, &t[k]);
            if (mk && !marked && h->cls != 'S' && (h->cls != 'P' || mk->cls == 'A')) sector = mk->sector, marked = 1;
            long q = covering(out, k);
            if (q < 0) continue;
            const mention *m = &out->v[q];
            if (m->kind == AK_ORG || m->kind == AK_REGION) has_org = 1;
            if (!country && m->country && (m->kind == AK_COUNTRY || m->kind == AK_DEMONYM || m->kind == AK_CAPITAL))
                country = m->country;
        }
        if (has_org) continue; /* "European Union Police Mission": the dictionary's */
        if (!sector) sector = h->sector;
        if (!sector) continue;
        long hq = covering(out, head);
        if (hq >= 0) {
            const mention *hm = &out->v[hq];
            if (hm->kind != AK_AGENT) continue; /* a person or place the dictionary knows */
            if (!marked) continue; /* "the Nigerian Army" */
        }
        mention m;
        memset(&m, 0, sizeof m);
        m.start = (uint32_t)rs;
        m.end = (uint32_t)re;
        m.kind = AK_ORG;
        m.sector = sector;
        m.country = country;
        m.needs_country = !country;
        m.how = MH_NAMED;
        size_t b = rs;
        while (b > start && (t[b - 1].tag == TG_DET || t[b - 1].tag == TG_ADJ)) b--;
        if (b > start && t[b - 1].tag == TG_PREP && (is_word(&t[b - 1], "in") || is_word(&t[b - 1], "at"))) m.locative = 1;
        if (re < end && t[re].kind == TK_POSS) m.possessive = 1;
        mention_code(a, &m);
        if (replace_span(a, out, &m)) return -1;
    }
    return 0;
}

int acronyms_note(arena *a, token *t, size_t end, actor_ctx *ctx, mention_list *out) {
    for (size_t q = 0; q < out->n; q++) {
        mention *m = &out->v[q];
        size_t k = bracket_acronym(t, m->end, end);
        if (!k || m->locative || !(m->kind == AK_ORG || m->kind == AK_AGENT) || (!m->code && !m->needs_country)) continue;
        long c = covering(out, k);
        if (c >= 0) continue; /* "the Kurdistan Workers' Party (PKK)": the dictionary knows the acronym */
        m->end = (uint32_t)k + 2;
        m->possessive = m->end < end && t[m->end].kind == TK_POSS;
        if (ctx->nacr == CTX_ACRONYMS) {
            memmove(&ctx->acr[0], &ctx->acr[1], (CTX_ACRONYMS - 1) * sizeof ctx->acr[0]);
            ctx->nacr--;
        }
        memcpy(ctx->acr[ctx->nacr].w, t[k].low, t[k].lowlen + 1);
        ctx->acr[ctx->nacr].m = *m;
        ctx->nacr++;
    }
    (void)a;
    return 0;
}

const mention *acronym_find(const actor_ctx *ctx, const token *k) {
    if (k->kind != TK_WORD || !(k->flags & TF_ALLCAP)) return NULL;
    for (int q = ctx->nacr; q-- > 0;)
        if (!strcmp(ctx->acr[q].w, k->low)) return &ctx->acr[q].m;
    return NULL;
}

/* words for a group's people or parts ("member" is no actor by itself; "leader" is, as GOV) */
static int role_word(const token *k) {
    static const char *const R[] = {"member", "members", "founder", "founders", "co-founder", "head", "wing",
                                    "faction", "factions", "cell", "cells", "unit", "units", "leader", "leaders",
                                    "spokesman", "spokeswoman", "spokesperson", "commander", "commanders", "chief",
                                    "official", "officials", "representative", "representatives", "fighters",
                                    "supporters", "thousands", "hundreds", "dozens", "group", "groups",
                                    "coalition", "alliance", "delegation", NULL};
    for (const char *const *p = R; *p; p++)
        if (same_word(*p, k->low)) return 1;
    return 0;
}

int group_roles(arena *a, token *t, size_t start, size_t end, mention_list *out) {
    (void)end;
    for (size_t q = 0; q < out->n; q++) {
        mention g = out->v[q];
        if (g.locative || g.in_brackets || !(g.kind == AK_ORG || g.kind == AK_AGENT || g.sector)) continue;
        /* "the group's leader": a resolved group and the agent after its possessive */
        if (g.resolved && g.possessive && q + 1 < out->n && out->v[q + 1].start == g.end + 1 &&
            out->v[q + 1].kind == AK_AGENT && !out->v[q + 1].country) {
            g.end = out->v[q + 1].end;
            g.possessive = out->v[q + 1].possessive;
            g.how = MH_ROLE;
            if (replace_span(a, out, &g)) return -1;
            continue;
        }
        /* "a leader of the rebels", "a spokesman for the Islamist group", "members of the movement" */
        size_t b = g.start;
        while (b > start && (t[b - 1].tag == TG_DET || t[b - 1].tag == TG_ADJ)) b--;
        if (b < start + 2 || !(is_word(&t[b - 1], "of") || is_word(&t[b - 1], "for"))) continue;
        size_t r = b - 2;
        mention *p = q > 0 && out->v[q - 1].end == r + 1 ? &out->v[q - 1] : NULL;
        if (!role_word(&t[r])) continue;
        if (p && !(p->kind == AK_AGENT && !p->country && !p->locative && !p->in_brackets)) continue;
        /* "a member of NATO" is a state: the members and parts of an intergovernmental body are not its own */
        if (g.sector && !strcmp(g.sector, "IGO") && !p) continue;
        if (!p && covering(out, r) >= 0) continue;
        g.start = p ? p->start : (uint32_t)r;
        g.how = MH_ROLE;
        if (replace_span(a, out, &g)) return -1;
        q = (size_t)-1; /* the list changed under us: go again (each merge removes a mention, so this ends) */
    }
    return 0;
}


void names_remember(actor_ctx *ctx, const token *t, size_t a, size_t b, const mention *m) {
    char w[sizeof ctx->names[0].w];
    size_t l = 0, need = 0;
    for (size_t i = a; i < b; i++) need += t[i].lowlen + (i > a);
    if (need + 1 > sizeof w) a = b - 1; /* too long: its last word only */
    for (size_t i = a; i < b; i++) {
        if (l + (l > 0) + t[i].lowlen + 1 > sizeof w) return; /* even the last word is too long: not kept */
        if (l) w[l++] = ' ';
        memcpy(w + l, t[i].low, t[i].lowlen);
        l += t[i].lowlen;
    }
    if (!l) return;
    w[l] = 0;
    if (ctx->nnames == CTX_NAMES) {
        memmove(&ctx->names[0], &ctx->names[1], (CTX_NAMES - 1) * sizeof ctx->names[0]);
        ctx->nnames--;
    }
    memcpy(ctx->names[ctx->nnames].w, w, l + 1);
    ctx->names[ctx->nnames].m = *m;
    if (m->kind == AK_AGENT && !m->country) ctx->names[ctx->nnames].m.needs_country = 1;
    ctx->nnames++;
}

const mention *names_find(const actor_ctx *ctx, const token *t, size_t a, size_t b) {
    char w[sizeof ctx->names[0].w];
    size_t l = 0;
    for (size_t i = a; i < b; i++) {
        if (l + t[i].lowlen + 2 > sizeof w) return NULL;
        if (l) w[l++] = ' ';
        memcpy(w + l, t[i].low, t[i].lowlen);
        l += t[i].lowlen;
    }
    w[l] = 0;
    for (int q = ctx->nnames; q-- > 0;) {
        const char *n = ctx->names[q].w;
        size_t nl = strlen(n);
        if (nl == l ? !strcmp(n, w) : nl > l && n[nl - l - 1] == ' ' && !strcmp(n + nl - l, w)) return &ctx->names[q].m;
    }
    return NULL;
}

/* a name of 1-4 capitalised words that no mention covers, in [a, b) */
static int free_name(const token *t, size_t a, size_t b, const mention_list *out) {
    if (b <= a || b - a > 4) return 0;
    for (size_t i = a; i < b; i++)
        if (!(name_token(&t[i]) || (i == a && i + 1 < b && t[i].kind == TK_WORD && (t[i].flags & TF_CAP))) || covering(out, i) >= 0)
            return 0;
    return 1;
}

void appositive_names(const token *t, size_t start, size_t end, actor_ctx *ctx, const mention_list *out) {
    for (size_t q = 0; q < out->n; q++) {
        const mention *m = &out->v[q];
        if (!m->sector || m->org || m->locative || m->in_brackets || m->resolved) continue; /* a role: GOV, REB... */
        if (m->how == MH_NAMED) continue; /* "Ali Hassan, the National Party": no role */
        /* "Ali Hassan, a spokesman for the rebels," */
        size_t b = m->start;
        while (b > start && (t[b - 1].tag == TG_DET || t[b - 1].tag == TG_ADJ)) b--;
        if (b > start + 1 && t[b - 1].kind == TK_PUNCT && t[b - 1].low[0] == ',') {
            size_t a = b - 1;
            while (a > start && a + 4 >= b && name_token(&t[a - 1])) a--;
            if (a == start + 1 && name_first(t, start, start, end)) a = start; /* "Ali" at the start, read as a noun */
            if (free_name(t, a, b - 1, out) && (a == start || t[a - 1].tag != TG_PROPN)) names_remember(ctx, t, a, b - 1, m);
        }
        /* "the rebels' spokesman, Ali Hassan," */
        size_t e = m->end;
        if (e + 1 < end && t[e].kind == TK_PUNCT && t[e].low[0] == ',') {
            size_t z = e + 1;
            while (z < end && z < e + 5 && name_token(&t[z])) z++;
            if (free_name(t, e + 1, z, out) && z < end && t[z].kind == TK_PUNCT && strchr(",.", t[z].low[0]))
                names_remember(ctx, t, e + 1, z, m);
        }
    }
}

int org_head_word(const token *k) { return k->kind == TK_WORD && (k->flags & TF_CAP) && lookup(HEADS, k) != NULL; }
