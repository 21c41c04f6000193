/* actor.h -- stage 5: actors.
 *
 * find_mentions() finds the actors named in a sentence by longest match against the actor dictionaries
 * (countries, demonyms, capitals, regions, organizations, groups, agents, people), then merges the pieces of
 * one noun phrase into one mention: "Uzbek officials" (UZB + GOV), "Afghanistan's Taliban authorities"
 * (AFG + TALIBAN + GOV), "Foreign Ministry spokesman Bahadyr Umarov" (GOV, country from context). Capitals
 * act as their government unless they only say where ("in Moscow"); cities are never actors. Definite
 * descriptions ("the country", "the treaty", "those forces") are resolved against the document so far. */
#ifndef DYAD_ACTOR_H
#define DYAD_ACTOR_H
#include "dict/dict.h"
#include "token/token.h"

typedef struct mention {
    uint32_t start, end;          /* tokens [start, end) */
    const char *country, *sector, *org, *code;
    const char *region;           /* region code (WST, CAS...) when the actor is a region */
    uint8_t kind;                 /* actor_kind of the main piece */
    uint8_t locative;             /* "in Tajikistan": a place, not a participant */
    uint8_t possessive;           /* followed by 's */
    uint8_t in_brackets;
    uint8_t resolved;             /* from a definite description or pronoun */
    uint8_t needs_country;        /* an agent with no country: the document context supplies one */
    uint8_t how;                  /* how a name no dictionary has was found (enum mention_how), for explain */
} mention;

enum mention_how { MH_DICT = 0, MH_NAMED, MH_ACRONYM, MH_ROLE };

typedef struct mention_list {
    mention *v;
    size_t n, cap;
} mention_list;

/* What the document has said so far, for pronouns and definite descriptions. */
#define CTX_NAMES 8
#define CTX_ACRONYMS 8
typedef struct actor_ctx {
    mention last_country, last_org, last_mil, last_subject, last_person, focus;
    int have_country, have_org, have_mil, have_subject, have_person, have_focus;
    mention last_place;           /* the last country named as a place ("in Syria", "in Valletta"): where the
                                     story's residents, protesters and refugees are, when no country is named */
    int have_place;
    int person_unknown;           /* the last sentence's subject was a person no dictionary knows ("Jean Ziegler
                                     said"): "he"/"she" refer to that person, not to an earlier actor (event stage) */
    mention last_group;           /* the last organization or armed group, for "the group", "the movement" */
    int have_group;
    mention pair[2];              /* the last two actors named together ("Armenia and Azerbaijan"), for "both
                                     countries", "the two sides" (set by the event stage) */
    int have_pair;
    struct {                      /* surnames of titled people named so far ("President Ali Hassan"), newest last */
        char w[48];               /* the whole name in lower case ("ali hassan"), or its last word when long */
        mention m;
    } names[CTX_NAMES];
    int nnames;
    struct {                      /* acronyms given in brackets after a name ("... Front (NLF)"), newest last */
        char w[16];
        mention m;
    } acr[CTX_ACRONYMS];
    int nacr;
    struct tag_cache *words;      /* the coder's word cache (tag/tagger.h), where find_mentions keeps each word
                                     form's answer as a name's first word (tag_cache_memo), or NULL */
} actor_ctx;

/* date: yyyymmdd of the document (0 when unknown), for people's terms of office. */
int find_mentions(arena *a, const dyad_dict *d, token *t, size_t start, size_t end, int32_t date,
                  actor_ctx *ctx, mention_list *out);
/* The longest actor name in t[i..end) that starts at token i: returns its first entry (d->actors) and sets
 * *name_end, or returns -1. Most words start no name: one bit test rejects them. */
int32_t actor_longest_name(const dyad_dict *d, const token *t, size_t i, size_t end, size_t *name_end);
/* The entry to use among those of the name key at IDX (chained by `next`): the case rule first (FIRST is the
 * name's first token), then the dates of people's offices at DATE (yyyymmdd, 0 = any); agents and
 * organizations win over people. NULL when none fits; *known_only (may be NULL) is then 1 when the name is a
 * person's outside the dates of every office. Shared by the PETRARCH actor coder (src/compat). */
const actor_entry *actor_choose(const dyad_dict *d, int32_t idx, const token *first, int32_t date, int *known_only);
/* Compute m->code from its parts (in the arena). */
void mention_code(arena *a, mention *m);
/* Is m a lone nationality adjective ("Kurdish", "Iranian"), which modifies the noun after it? */
int mention_is_modifier(const token *t, const mention *m);
/* named.c: names no dictionary has (see there). Each returns -1 when out of memory. */
/* Capitalised names headed by an organization noun ("the National Liberation Movement") become mentions. */
int named_bodies(arena *a, token *t, size_t start, size_t end, mention_list *out);
/* A bracketed acronym after an organization or agent joins it and is remembered for the document. */
int acronyms_note(arena *a, token *t, size_t end, actor_ctx *ctx, mention_list *out);
/* The actor an all-caps word stands for, from an acronym given earlier in the document, or NULL. */
const mention *acronym_find(const actor_ctx *ctx, const token *k);
/* "a leader of the rebels", "the group's spokesman": a group's people take the group's code. */
int group_roles(arena *a, token *t, size_t start, size_t end, mention_list *out);
/* Is k a noun that heads an organization's name ("Association", "Front", "Party")? */
int org_head_word(const token *k);
/* Are named.c's word tables in the order its lookup needs, each word whole in its entry and its bit set in the
 * table's filter (for the tests)? 1 yes. */
int named_tables_sorted(void);
/* A word of a person's name: a capitalised proper noun (inline: asked of every token of a sentence). */
static inline int name_token(const token *k) { return k->kind == TK_WORD && (k->flags & TF_CAP) && k->tag == TG_PROPN; }
/* Is token i a name's first word that the tagger read as a noun because it starts the sentence ("Ali Kamara")? */
static inline int name_first(const token *t, size_t i, size_t start, size_t end) {
    return i == start && i + 1 < end && t[i].kind == TK_WORD && (t[i].flags & TF_CAP) &&
           (t[i].tag == TG_NOUN || t[i].tag == TG_ADJ) && name_token(&t[i + 1]);
}
/* The capitalised words of a sentence, 64 tokens at a time: a mask made without a branch per token, whose set bits
 * the loops over names (named_bodies; find_mentions' names remembered earlier) visit in order. Most tokens are
 * not capitalised, and those loops asked each token for its kind and flags, a branch that went one way or the
 * other as the words came (1.5% of all mispredicted branches in cachegrind's model). Every word those loops act on
 * is capitalised (name_word, name_token, name_first), so passing the others changes nothing. */
typedef struct cap_scan {
    const token *t;
    size_t base, end; /* m holds tokens [base, base + 64) */
    uint64_t m;
} cap_scan;
static inline void cap_scan_fill(cap_scan *s, size_t from) {
    size_t n = s->end - from < 64 ? s->end - from : 64;
    uint64_t m = 0;
    for (size_t k = 0; k < n; k++)
        m |= (uint64_t)((s->t[from + k].kind == TK_WORD) & ((s->t[from + k].flags & TF_CAP) != 0)) << k;
    s->base = from, s->m = m;
}
/* The first capitalised word of t[i, end) (end when none); i never goes back. */
static inline size_t cap_scan_next(cap_scan *s, size_t i) {
    while (i < s->end) {
        if (i - s->base >= 64) cap_scan_fill(s, i);
        uint64_t m = s->m >> (i - s->base);
        if (m) return i + (size_t)__builtin_ctzll(m);
        i = s->base + 64;
    }
    return s->end;
}
static inline cap_scan cap_scan_start(const token *t, size_t start, size_t end) {
    cap_scan s = {t, start, end, 0};
    if (start < end) cap_scan_fill(&s, start);
    return s;
}
/* Remember the name in tokens [a, b) as standing for m ("President Ali Hassan": GOV). */
void names_remember(actor_ctx *ctx, const token *t, size_t a, size_t b, const mention *m);
/* The actor a name of tokens [a, b) stands for: a name remembered whole or by its last words, or NULL. */
const mention *names_find(const actor_ctx *ctx, const token *t, size_t a, size_t b);
/* "Ali Hassan, a spokesman for the rebels," and "the rebels' spokesman, Ali Hassan,": remember the name. */
void appositive_names(const token *t, size_t start, size_t end, actor_ctx *ctx, const mention_list *out);
/* Does the word w head a definite description ("the country", "those forces", "the nation")? And the filter
 * find_mentions asks first, of the word's strmap_hash: 1 for every such word (for the tests). */
int actor_definite_head(const char *w);
int actor_may_be_definite_head(uint64_t hash);
/* Remember a sentence's mentions in the context. */
void actor_ctx_update(actor_ctx *ctx, const mention_list *ms);

#endif
