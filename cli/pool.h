/* pool.h -- parallel coding with results in input order (see pool.c). */
#ifndef DYAD_CLI_POOL_H
#define DYAD_CLI_POOL_H
#include "dyad.h"
#include <stdio.h>

/* Never more than this many documents submitted and not yet handed to the callback (dyad ingest keeps a
 * ring of content hashes sized on it). */
#define POOL_MAX_INFLIGHT 256

typedef struct pool pool;
/* Called in input order on the submitting thread, once per document: res is NULL and err set when coding
 * failed. A non-zero return is passed back by pool_submit/pool_finish. doc and res are valid during the
 * call only. */
typedef int (*pool_cb)(void *ud, const dyad_doc *doc, const dyad_result *res, const char *err);
/* Streaming: called in input order, one or more times per document. part->events / n_events are the next
 * events of the document (in bounded parts, see dyad_code_stream); more is 1 while parts of the same
 * document follow. On the last call (more == 0) the counts (n_sentences, invalid_utf8...) are the
 * document's; it may carry no events. part is NULL and err set when coding failed (after the parts that
 * were coded). When the workers format the events (pool_format_on_workers), text/len are the part's
 * formatted bytes and part->events is NULL (n_events still counts them); otherwise text is NULL. */
typedef int (*pool_part_cb)(void *ud, const dyad_doc *doc, const dyad_result *part, int more, const char *err,
                            const char *text, size_t len);
/* Formats a part's events onto f, on a worker thread (so it must need no shared state): 0 or -1. */
typedef int (*pool_fmt_fn)(FILE *f, const dyad_doc *doc, const dyad_result *part);

pool *pool_new(const dyad_dict *d, int nthreads);
/* Use one of the two forms for all the documents of a pool. */
int pool_submit(pool *p, const dyad_doc *doc, pool_cb cb, void *ud); /* copies doc */
int pool_finish(pool *p, pool_cb cb, void *ud);                      /* hands over what is left */
int pool_submit_stream(pool *p, const dyad_doc *doc, pool_part_cb cb, void *ud);
int pool_finish_stream(pool *p, pool_part_cb cb, void *ud);
/* Streaming with threads: let the workers format the events with fmt (a stateless format such as JSON
 * Lines) so the calling thread only writes bytes. Without threads it changes nothing. */
void pool_format_on_workers(pool *p, pool_fmt_fn fmt);
void pool_free(pool *p);
void pool_set_flags(pool *p, unsigned flags);                        /* dyad_coder_set_flags on every coder; before the first submit */

#endif
