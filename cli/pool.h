/* pool.h -- parallel coding with results in input order (see pool.c). */
#ifndef DYAD_CLI_POOL_H
#define DYAD_CLI_POOL_H
#include "dyad.h"

typedef struct pool pool;
/* Called in input order on the submitting thread: res is NULL and err set when coding failed. A non-zero
 * return is passed back by pool_submit/pool_finish. doc and res are valid during the call only. */
typedef int (*pool_cb)(void *ud, const dyad_doc *doc, const dyad_result *res, const char *err);

pool *pool_new(const dyad_dict *d, int nthreads);
int pool_submit(pool *p, const dyad_doc *doc, pool_cb cb, void *ud); /* copies doc */
int pool_finish(pool *p, pool_cb cb, void *ud);                      /* hands over what is left */
void pool_free(pool *p);
void pool_set_flags(pool *p, unsigned flags);                        /* dyad_coder_set_flags on every coder; before the first submit */

#endif
