/* petrarch.h -- PETRARCH-2 / TABARI compatibility: what the engine needs to know about dictionaries loaded
 * from those formats (src/compat/petr_dict.c), PETRARCH's way of composing actor codes (petr_actor.c), and
 * the tolerant XML reader shared by `dyad code --input xml` and `dyad validate` (petr_xml.c).
 *
 * A dictionary loaded by dyad_dict_load_petrarch() is an ordinary dyad_dict (same verb pattern and actor
 * tables, same engine) with d->petr set. The differences the engine honours when d->petr is set:
 *   - verbs and pattern words match by their written form (PETRARCH lists every form it accepts), not by
 *     lemma; a pattern word "&NAME" matches any phrase of the synset NAME;
 *   - patterns may have words before the verb, '_' joins (no gap), a '$' source slot, a '+' before the verb
 *     (the subject is the target), '%' (coordinated subjects act on one another), "[A:B]" paired codes;
 *   - modality does not re-code events, nor does negation with TABARI dictionaries (they encode it as
 *     patterns); PETRARCH-2 dictionaries turn a negated event into its CAMEO opposite (petr_negated_code);
 *   - actor codes are composed PETRARCH's way: actor code + agent codes ("ARN" + "~GOV" = "ARNGOV",
 *     "NGO~" + "ARN" = "NGOARN"), "---" for an agent with no actor, date-restricted codes.
 * Everything lives in the dict's arena, so dyad_dict_free() releases it. See docs/compat.md. */
#ifndef DYAD_COMPAT_PETRARCH_H
#define DYAD_COMPAT_PETRARCH_H
#include "actor/actor.h"
#include "dict/dict.h"
#include "token/token.h"
#include "util/arena.h"

/* An insert-only string -> int32 hash map whose memory is all in an arena. */
typedef struct amap_slot {
    const char *key;
    uint32_t len;
    int32_t val;
} amap_slot;
typedef struct amap {
    amap_slot *s;
    size_t cap, n;
} amap;
int32_t *amap_put(arena *a, amap *m, const char *key, size_t len, int32_t init, int *is_new);
int32_t amap_get(const amap *m, const char *key, size_t len);

/* A synset phrase: consecutive words (lower case; a word "&name" is a nested synset). */
typedef struct petr_phrase {
    const char **w;
    uint8_t n;
} petr_phrase;

typedef struct petr_synset {
    const char *name;  /* "&tietypes" */
    int32_t first, n;  /* phrases [first, first + n) of petr_ext.phr */
} petr_synset;

/* A discard phrase: consecutive whitespace-separated words, compared without case. */
typedef struct petr_discard {
    const char **w;
    uint8_t n;
    uint8_t story;     /* '+': the whole story is not coded */
    const char *text;  /* as written */
    int32_t next;      /* next phrase with the same first word, or -1 */
} petr_discard;

/* The chains of verb patterns a written verb form leads to (one per verb block it belongs to). */
typedef struct petr_fnode {
    int32_t chain;     /* first pattern (dict->pats) */
    int32_t next;      /* next node of the same form, or -1 */
} petr_fnode;

/* A PETRARCH-2 transformation "~ a (a b ATTACK) SAY = a b 015": when a verb coded like SAY (the outer
 * event, its subject a) governs a verb coded like ATTACK (the inner event), the pair becomes one event.
 * Roles: 'a' the outer subject, 'b' the other actor, '_' no subject of its own (an infinitive), '.' any. */
typedef struct petr_trans {
    int32_t outer, inner;   /* code indexes; inner -1: any code (Q) */
    char isrc, itgt;        /* the inner event's source and target roles */
    char nsrc, ntgt;        /* the new event's */
    int32_t code;           /* -1: the inner event's code (Q) */
    int line;
} petr_trans;

struct petr_ext {
    petr_trans *trans;
    size_t ntrans, captrans;
    amap forms;            /* written verb form ("broke") -> first petr_fnode */
    petr_fnode *fnode;
    size_t nfnode, capfnode;
    petr_phrase *phr;
    size_t nphr, capphr;
    petr_synset *syn;
    size_t nsyn, capsyn;
    amap syn_index;        /* "&name" -> synset */
    petr_discard *disc;
    size_t ndisc, capdisc;
    amap disc_first;       /* first word (upper case) -> first discard */
    /* 1: the verb dictionary is in PETRARCH-2's format (patterns with "(PREP ...)" or "{NOUN PHRASE}", or its
       "####### VERB PATTERNS" marker) and is coded the PETRARCH-2 way; 0: TABARI / PETRARCH-1 conventions.
       PETRARCH-2: pattern words also match their plural ("ASSURANCE" ~ "assurances"), a verb's own "[A:B]"
       codes only A, the target is the verb's object (the first actor after it, in its clause), a passive
       without "by" takes its source from a phrase after the verb, coordinated subjects with no target act
       on one another, and on a tie the pattern written last wins; also negation, a verb governing an
       infinitive (petr_compose), outer verbs coding on their own, the passive's pattern words (docs/compat.md).
       TABARI: pattern words as written, "[A:B]"
       codes both, the target is the first actor after the pattern's words (else after the verb, across
       clauses), a passive without "by" is coded as if active. */
    int p2;
    /* what the loader read but dyad does not use (docs/compat.md) */
    size_t skipped_transformations, skipped_patterns, agents, actors, synsets, verbs, patterns;
    /* lines skipped with a warning, as PETRARCH skips them: how many, and the first few messages */
    size_t nwarn;
    const char *warn[8];
};

/* How many tokens a phrase of synset `ref` ("&name") covers starting at t[pos] (tokens before `limit`),
 * the longest when several match; 0 when none does. */
size_t petr_synset_at(const dyad_dict *d, const char *ref, const token *t, size_t pos, size_t limit);
/* The same, for a phrase that ends at t[last] (tokens from `lower` on). */
size_t petr_synset_before(const dyad_dict *d, const char *ref, const token *t, size_t last, size_t lower);

/* PETRARCH's actor codes for the mentions v[0, n) of the sentence t[start, end) (petr_actor.c): each
 * mention's code is recomputed from the dictionary entries it covers; an agent takes the actors of its
 * "of/in/from" complement (whose tokens then point to the agent's mention) or of the phrase it is
 * coordinated with; several codes are joined with '/'. A mention with no code has code NULL. */
void petr_recode(const dyad_dict *d, token *t, size_t start, size_t end, mention *v, size_t n, int32_t date, arena *a);

/* The first chain node of a written verb form, or -1 (the nodes are d->petr->fnode). */
int32_t petr_verb_node(const dyad_dict *d, const char *form);

/* PETRARCH-2's code for the negated event of code `code` (index): its CAMEO opposite ("provide aid" 060 ->
 * "reject material cooperation" 121, "yield" 080 -> "refuse to yield" 124), or -1: no event. */
int32_t petr_negated_code(const dyad_dict *d, int32_t code);
/* 1 when the pattern itself says the negation ("- WILL NOT * ..."): its code is kept on a negated verb. */
int petr_pattern_negates(const vpattern *p);

/* PETRARCH-2's code for a verb of code `outer` (index) governing one of code `inner` ("wants to help": 030 +
 * 070 = 033; "asked X to release": 020 + 084 = 0253; "threatened to attack": 130 + 190 = 138), or -1 when
 * CAMEO has no such combination (the inner code stands). */
int32_t petr_compose(const dyad_dict *d, int32_t outer, int32_t inner);

/* 0: no discard phrase in text[0, len); 1: a sentence-level one; 2: a story-level one. *which is the phrase. */
int petr_discard_find(const dyad_dict *d, const char *text, size_t len, const char **which);

#endif
