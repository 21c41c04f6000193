/* tagger.h -- stage 3b: lemmas and parts of speech.
 *
 * dyad's own shallow tagger: closed-class words come from a fixed table, open-class words from the WordNet
 * lexicon (tag/lexicon.h), and the noun/verb/adjective choice for ambiguous words is made by a few context
 * rules (after a determiner: noun; after "to", a modal or "did": verb; after a subject: verb if inflected
 * as one...) falling back on how often WordNet saw each reading. Fast: a couple of hash probes per token. */
#ifndef DYAD_TAGGER_H
#define DYAD_TAGGER_H
#include "token/token.h"

/* Tag tokens [start, end) of a sentence in place: sets tag, vform and lemma. Lemmas that are not the
 * token's own lower-case form are allocated in the arena. */
void tag_sentence(arena *a, token *t, size_t start, size_t end);
/* The same with a cache of word analyses that persists across sentences and documents (one per coder,
 * so one per thread): each distinct word form is analysed once, then costs one hash probe. */
typedef struct tag_cache tag_cache;
tag_cache *tag_cache_new(void);
tag_cache *tag_cache_new_max(size_t max); /* keeping at most about max forms (tests use a small one) */
/* Empty the cache if it holds max forms or more; call only when no token tagged with it is in use. */
void tag_cache_trim(tag_cache *c);
void tag_cache_free(tag_cache *c);
void tag_sentence_c(arena *a, tag_cache *c, token *t, size_t start, size_t end);
/* Ask the memory for the cache slots that tagging t[start, end) will probe first: for the next sentence, while
 * the rest of the stages work on this one. */
void tag_cache_prefetch(const tag_cache *c, const token *t, size_t start, size_t end);
/* A word form's memo for a later stage (0 until that stage writes it): the actor stage keeps there its
 * dictionary's answer for the form as a name's first word, so that a form is looked up once in the dictionary
 * image, not at each of its occurrences. For token k tagged with c (k->wix), NULL when k has no entry or when
 * another owner (a dictionary) used c's memos first: a memo answers for one owner. */
int32_t *tag_cache_memo(tag_cache *c, const token *k, const void *owner);
/* The same for many tokens: c's memos for owner taken once (none when c is NULL or another owner used them), then
 * read inline with tag_memo_at, which gives what tag_cache_memo gives. Valid until a form is added to c or c
 * is trimmed (entries move): take them again after tagging. */
typedef struct { int32_t *base; size_t stride, n; } tag_memos;
tag_memos tag_cache_memos(tag_cache *c, const void *owner);
static inline int32_t *tag_memo_at(tag_memos m, const token *k) {
    return k->wix && k->wix <= m.n ? m.base + (size_t)(k->wix - 1) * m.stride : NULL;
}
/* The same for the pair of forms of tokens k1, k2 (the actor stage: the answer for "k1 k2" as the start of a
 * name), in a small table where a pair may take another's place: its memo then reads 0 again. NULL as for
 * tag_cache_memo, and when out of memory. Emptied with the cache (tag_cache_trim): the indices are reused. */
int32_t *tag_cache_memo2(tag_cache *c, const token *k1, const token *k2, const void *owner);
/* A memo of what a later stage asked of a dictionary about token k's lemma (the event stage: the first pattern of
 * a verb head, which = 0, or of a noun head, which = 1), per form and per lemma. The memo answers for one
 * lemma of the form: *kind tells which one k has (1: the form itself, 2: the form's verb lemma, 3: its noun
 * lemma); the caller keeps the kind with the answer (e.g. in its low bits) and asks again when it differs.
 * NULL when k has no entry, when k's lemma is none of those three (made for this token: no key), or when
 * another owner used the memos first. The memos read 0 for a form added since (trim included). */
int32_t *tag_cache_head_memo(tag_cache *c, const token *k, int which, const void *owner, unsigned *kind);
/* Actors are noun phrases: tokens inside [ms, me) become nouns, and the word after the phrase is tagged
 * again with that knowledge ("Pakistani troops shelled": shelled is a verb). modifier: the phrase is a lone
 * nationality adjective ("Kurdish"), so the word after it is its noun ("Kurdish demands"). c: as for
 * tag_sentence_c, or NULL. */
void tag_noun_phrase(arena *a, tag_cache *c, token *t, size_t start, size_t end, size_t ms, size_t me, int modifier);
/* The closed-class tag of a lower-case word (TG_PREP, TG_DET...), or 0 for open-class words. */
int tag_closed(const char *w);

#endif
