/* serve.h -- the HTTP API and dashboard of `dyad serve` (docs/api.md), as a request handler that knows
 * nothing of sockets: a request (method, decoded path, decoded query arguments, Content-Type, body bytes)
 * goes in, a response (status, content type, headers, an allocated body) comes out. cli/cmd_serve.c puts it
 * on libmicrohttpd; the unit tests (tests/unit/test_serve.c) and the fuzz target (fuzz/fuzz_serve.c) call it
 * directly.
 *
 *   dyad_serve *sv = dyad_serve_new(&(dyad_serve_options){.db = "events.db", .dict = d, .cache_ttl = 2});
 *   dyad_serve_worker *w = dyad_serve_worker_new(sv);          // one per thread
 *   dyad_serve_response out;
 *   dyad_serve_handle(w, &(dyad_serve_request){.method = "GET", .path = "/api/health"}, &out);
 *   ... out.status, out.content_type, out.headers[], out.body / out.len, out.log ...
 *   dyad_serve_response_free(&out);
 *   dyad_serve_worker_free(w); dyad_serve_free(sv);
 *
 * A server (dyad_serve) is shared by every thread: the store target, the dictionaries (borrowed, read-only)
 * and a short-lived cache of GET answers behind a mutex. A worker is one thread's: its read-only store handle
 * and its coder, made on first use. Every answer is JSON, except the dashboard's files, which are built into
 * the binary (src/serve/web.h): no URL ever opens a file. The library never prints: an error the client is
 * not shown in detail (a database error) is left in out.log for the caller's log. */
#ifndef DYAD_SERVE_H
#define DYAD_SERVE_H

#include "dyad.h"
#include <stddef.h>

#define DYAD_SERVE_BODY_MAX (1024 * 1024) /* request bodies (POST /api/code): larger ones are 413 */

typedef struct dyad_serve dyad_serve;
typedef struct dyad_serve_worker dyad_serve_worker;
typedef struct dyad_serve_shared dyad_serve_shared; /* an answer of the cache, shared by reference */

typedef struct dyad_serve_options {
    const char *db;        /* the store: a SQLite path or a PostgreSQL URI (dyad_store_open); copied */
    const dyad_dict *dict; /* dictionaries for POST /api/code; borrowed: must outlive the server */
    double cache_ttl;      /* seconds a GET answer of /api/events|series|actors|dyads is kept; 0: no cache */
} dyad_serve_options;

/* NULL when out of memory. */
dyad_serve *dyad_serve_new(const dyad_serve_options *opt);
void dyad_serve_free(dyad_serve *sv); /* after every worker is freed */
dyad_serve_worker *dyad_serve_worker_new(dyad_serve *sv);
void dyad_serve_worker_free(dyad_serve_worker *w);

typedef struct dyad_serve_arg {
    const char *key, *value; /* decoded; value NULL for a bare "?key" */
} dyad_serve_arg;

typedef struct dyad_serve_request {
    const char *method;          /* "GET", "HEAD", "POST", ... */
    const char *path;            /* the decoded path, without the query: "/api/events" */
    const dyad_serve_arg *args;  /* the query arguments in order (the first of a repeated key counts) */
    size_t n_args;
    const char *content_type;    /* the Content-Type header, or NULL */
    const char *body;            /* the body (any bytes), or NULL */
    size_t body_len;
} dyad_serve_request;

typedef struct dyad_serve_header {
    const char *name, *value;
} dyad_serve_header;

typedef struct dyad_serve_response {
    int status;                        /* 200, 400, 404, 405, 413, 422, 500, 503 */
    const char *content_type;          /* static string */
    char *body;                        /* NUL-terminated (also after len); NULL only on failure. Allocated
                                        * (free()) when shared is NULL; else it lies in a cached answer
                                        * shared with other responses: release it with
                                        * dyad_serve_shared_release(shared), never write it */
    size_t len;
    dyad_serve_shared *shared;         /* the cached answer holding body, or NULL */
    const dyad_serve_header *headers;  /* extra headers to send (static) */
    size_t n_headers;
    char log[1024];                    /* for the server's log, or "": what a 500/503 does not tell the client */
} dyad_serve_response;

/* Does this request take a body? (Only POST /api/code: others are answered without reading one.) */
int dyad_serve_wants_body(const char *method, const char *path);

/* Answer one request. Returns 0 (OUT filled: free it with dyad_serve_response_free), or -1 when there was
 * not even memory for an error answer (OUT holds no body). */
int dyad_serve_handle(dyad_serve_worker *w, const dyad_serve_request *rq, dyad_serve_response *out);

/* A JSON error answer {"error": MSG, "status": STATUS}, for the caller's own refusals (an oversize body).
 * 0 or -1 as dyad_serve_handle. */
int dyad_serve_error(dyad_serve_response *out, int status, const char *msg);

void dyad_serve_response_free(dyad_serve_response *out);

/* Drop one reference to a cached answer (out->shared), for a caller that keeps a response's body after
 * dyad_serve_handle (an HTTP server sending it): the body stays valid until then. NULL is a no-op. */
void dyad_serve_shared_release(void *shared);

/* Split a raw query string ("a=1&b=x%20y+z&c") in place into at most MAX decoded arguments, as an HTTP
 * server does (percent escapes, '+' as space); for callers without one (tests, the fuzz target). Returns the
 * number of arguments stored (the rest are dropped). */
size_t dyad_serve_parse_query(char *qs, dyad_serve_arg *args, size_t max);

#endif
