/* clause.h -- stage 4: verb groups and clauses.
 *
 * find_groups() gathers each verb with its auxiliaries, modals and negation ("will not prolong", "has
 * been attacked", "did not meet"), and marks passive voice, gerunds and infinitives. find_clauses() cuts the
 * sentence at subordinators, relative pronouns, semicolons, colons, dashes, brackets, and at "and"/"but"
 * when a new verb phrase or a new subject follows; every token then knows its clause, and each clause knows
 * how it was introduced (relative clauses know their antecedent, coordinated ones inherit a subject). */
#ifndef DYAD_CLAUSE_H
#define DYAD_CLAUSE_H
#include "actor/actor.h"
#include "token/token.h"

enum clause_type { CL_MAIN = 0, CL_SUB, CL_REL, CL_COORD, CL_PAREN, CL_ASIDE, CL_RESUME };
/* CL_RESUME: the main clause going on after a relative clause ("X, which ..., attacked Y"): its subject
 * is the relative clause's antecedent. */
extern const char *const clause_type_names[];

typedef struct clause {
    uint32_t start, end;
    uint8_t type;
    int32_t intro;        /* token that opened it (subordinator, relative pronoun, conjunction) or -1 */
    int32_t antecedent;   /* CL_REL: the mention it refers to, or -1 */
} clause;

typedef struct vgroup {
    uint32_t first, head;     /* first auxiliary, main verb */
    int32_t clause;
    uint8_t neg, future, hypothetical, passive, gerund, infinitive, copula;
    uint8_t shared;           /* a participle that shares the passive before it: "was shot and killed",
                                 "five were killed and 30 others wounded" (the auxiliary is left out) */
} vgroup;

typedef struct clause_info {
    clause *cl;
    size_t ncl, capcl;
    vgroup *vg;
    size_t nvg, capvg;
    int32_t *tok_clause;      /* per token of the sentence (index - start) */
} clause_info;

int analyse_clauses(arena *a, const token *t, size_t start, size_t end, const mention_list *ms, clause_info *out);

#endif
