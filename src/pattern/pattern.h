/* pattern.h -- stage 6: matching verb, phrasal and nominal patterns.
 *
 * At a verb (or a noun, for nominal patterns) match_at() tries every dictionary pattern whose head is
 * that lemma: the pattern's further words must follow in order within the clause, with small gaps
 * ("held *lengthy* talks with"); a `+` slot must hold an actor. The longest match wins, then the more
 * specific code. Negation decides which patterns may match: `!` patterns need a negated verb, the others an
 * affirmative one. */
#ifndef DYAD_PATTERN_H
#define DYAD_PATTERN_H
#include "dict/dict.h"
#include "token/token.h"

typedef struct pmatch {
    const vpattern *p;
    int score;
    uint32_t head;
    uint32_t last;                  /* token of the last matched word (head when none) */
    uint32_t slot_start, slot_end;  /* the `+` gap, when the pattern has one */
    uint32_t pos[PAT_MAXW];         /* token of each matched word */
    uint8_t plain_on_negated;       /* a plain pattern matched on a negated verb */
    uint8_t ends_in_prep;           /* the last matched word is a preposition or particle ("take over") */
    uint32_t first;                 /* PETRARCH patterns: the first word matched before the verb (head if none) */
    uint32_t src_start, src_end;    /* PETRARCH patterns: the `$` gap (the source), when the pattern has one */
} pmatch;

typedef void (*trace_fn)(void *ud, const char *msg);

/* Fills out[0..max) with the patterns that match at token head (tokens up to limit), best first: most
 * words, then the earliest last word, then the more specific code. For a negated verb the `!` patterns
 * come first, then the plain ones (with *negated set in their pmatch for the caller to re-code).
 * Returns how many matched. */
#define MATCH_MAX 8
int match_at(const dyad_dict *d, const token *t, size_t head, size_t limit, int nominal, int negated,
             pmatch *out, int max, trace_fn trace, void *ud);
/* The same with the coder's word cache (or NULL): the answer of the heads map for a form is kept there, so a head
 * asked again is not looked up (tag_cache_head_memo). */
typedef struct tag_cache tag_cache;
int match_at_w(const dyad_dict *d, tag_cache *wc, const token *t, size_t head, size_t limit, int nominal, int negated,
               pmatch *out, int max, trace_fn trace, void *ud);

/* What the candidate filters know of the words around a head (match_at_w fills it from the tokens): the bits of
 * the words after it (wset: token.wbit and token.lbit of t[head + 1 .. head + 23]), and of the words right before
 * it, which nominal patterns' pre-modifiers must be (t[head - 1 - i] for i < nbefore = min(head, 3)). */
typedef struct pat_window {
    uint64_t wset[LINK_BITS / 64];
    uint8_t wbit[3], lbit[3];
    uint8_t nbefore;
} pat_window;

/* The candidates of dyad's dictionaries at a head: the patterns of its run of links whose words' bits are all in
 * the window's wset, whose pre-modifiers' bits are those of the words before the head and whose negation fits,
 * in the run's order, as their links. The first `from` are passed over; at most max are put in cand (call again with from + max
 * when max came back). Their first lines are prefetched. head_candidates reads the run's record
 * (dict_head_groups: only the groups whose key is in wset); link_candidates walks the run from its first link
 * (runs without a record; the tests' reference). Both give the same list. */
size_t head_candidates(const dyad_dict *d, int32_t rec, const pat_window *w, int negated, size_t from, const pat_link **cand,
                       size_t max);
size_t link_candidates(const dyad_dict *d, int32_t link, const pat_window *w, int negated, size_t from, const pat_link **cand,
                       size_t max);

#endif
