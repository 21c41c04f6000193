/* event.h -- stage 7: events.
 *
 * code_sentence() turns one analysed sentence (tokens, actor mentions, clauses, verb groups) into events:
 * for each verb group (and each nominal event noun) it matches patterns, finds the source (subject,
 * by-phrase of a passive, antecedent of a relative clause, the subject a coordinated verb inherits, a
 * pronoun's referent) and the targets (the object of the pattern's last preposition, the `+` slot, the
 * direct object; one event per actor pair under coordination), applies negation and modality (refusals,
 * threats, intentions), resolves the date, and records who reported it (reported speech). */
#ifndef DYAD_EVENT_H
#define DYAD_EVENT_H
#include "actor/actor.h"
#include "clause/clause.h"
#include "pattern/pattern.h"

typedef struct event_list {
    dyad_event *v;
    size_t n, cap;
} event_list;

typedef struct sentence_job {
    arena *a;
    const dyad_dict *d;
    token *t;
    size_t start, end;
    int sent;
    int32_t doc_date;
    const char *text;         /* the sentence (NUL-terminated, in the arena) */
    const char *doctext;      /* normalized document text */
    const mention_list *ms;
    const clause_info *ci;
    actor_ctx *ctx;
    int bare;                 /* the pattern being resolved is a bare verb: its target is the direct object */
    const mention *speaker;   /* the reporter of the event being coded ("our" in a quote refers to it) */
    trace_fn trace;           /* explain: NULL when coding normally */
    void *ud;
    int person_unknown;       /* a verb of this sentence has for subject a full name no dictionary knows ("Jean Ziegler said"):
                                 "he"/"she" after it refer to that person, not to an earlier actor */
    tag_cache *words;         /* the word cache the tokens were tagged with (match_at_w's memos), or NULL */
} sentence_job;

int code_sentence(sentence_job *j, event_list *out);
/* Are the bits of the verbs of occurring, written out in events.c, those of the words of its lists (for the
 * tests)? 1 yes. */
int events_occur_bits_exact(void);

#endif
