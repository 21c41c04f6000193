/* cmd_serve.c -- `dyad serve`: the HTTP API and the dashboard (docs/api.md) on libmicrohttpd.
 *
 *   dyad serve [--db PATH|URI] [--bind 127.0.0.1] [--port 8080] [--threads N] [--cache SECONDS]
 *
 * Only the command line and the socket are here: the requests are answered by src/serve/serve.c
 * (dyad_serve_handle), which routes them, checks their parameters and writes the JSON. This file reads each
 * request (its path, query arguments, Content-Type and body, refusing bodies over DYAD_SERVE_BODY_MAX with
 * 413), hands it over and queues the answer. A pool of N worker threads (libmicrohttpd's internal polling
 * threads); each has its own dyad_serve_worker (a read-only store handle and a coder, made on first use),
 * freed when the thread ends. The dictionaries are loaded once and shared. Each connection has 32 kB of
 * memory for its request line and headers (libmicrohttpd zeroes it between keep-alive requests: more costs
 * CPU on every request); a larger request is refused (414/431).
 *
 * Exit status: 0 after SIGINT/SIGTERM, 1 the store or the socket could not be opened, 2 usage errors. */
#include "commands.h"
#include "options.h"
#include "dyad.h"
#include "serve/serve.h"
#include "store/store.h"
#include <arpa/inet.h>
#include "mhd.h" /* libmicrohttpd, loaded on first use */
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static const char *prog = "dyad";

typedef struct server {
    dyad_serve *sv;
    pthread_key_t key; /* this thread's dyad_serve_worker */
} server;

static void worker_free(void *p) { dyad_serve_worker_free(p); }

static dyad_serve_worker *worker_get(server *s) {
    dyad_serve_worker *w = pthread_getspecific(s->key);
    if (!w) {
        w = dyad_serve_worker_new(s->sv);
        if (!w || pthread_setspecific(s->key, w)) { dyad_serve_worker_free(w); return NULL; }
    }
    return w;
}

/* ---- one request ----------------------------------------------------------------------------------------- */

/* queue OUT (its body is handed over to libmicrohttpd: an answer of the cache is sent from the cache's
 * copy, which libmicrohttpd releases when it is sent) */
static enum MHD_Result send_response(struct MHD_Connection *c, dyad_serve_response *out) {
    if (out->log[0]) fprintf(stderr, "%s: serve: %s\n", prog, out->log);
    struct MHD_Response *r =
        out->shared ? MHD_create_response_from_buffer_with_free_callback_cls(out->len, out->body, dyad_serve_shared_release, out->shared)
                    : MHD_create_response_from_buffer(out->len, out->body, MHD_RESPMEM_MUST_FREE);
    if (!r) { dyad_serve_response_free(out); return MHD_NO; }
    out->body = NULL;
    out->shared = NULL;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, out->content_type);
    for (size_t i = 0; i < out->n_headers; i++) MHD_add_response_header(r, out->headers[i].name, out->headers[i].value);
    enum MHD_Result ret = MHD_queue_response(c, (unsigned)out->status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result send_error(struct MHD_Connection *c, int status, const char *msg) {
    dyad_serve_response out;
    memset(&out, 0, sizeof out);
    if (dyad_serve_error(&out, status, msg)) return MHD_NO;
    return send_response(c, &out);
}

typedef struct request {
    int too_big;
    char *body;
    size_t len, cap;
} request;

/* the query arguments, as libmicrohttpd decoded them */
typedef struct args {
    dyad_serve_arg *a;
    size_t n, cap;
    int oom;
} args;

static enum MHD_Result add_arg(void *ud, enum MHD_ValueKind kind, const char *k, const char *v) {
    (void)kind;
    args *as = ud;
    if (as->n == as->cap) {
        size_t cap = as->cap ? as->cap * 2 : 16;
        dyad_serve_arg *a = realloc(as->a, cap * sizeof *a);
        if (!a) { as->oom = 1; return MHD_NO; }
        as->a = a;
        as->cap = cap;
    }
    as->a[as->n++] = (dyad_serve_arg){k, v};
    return MHD_YES;
}

static void request_done(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe) {
    (void)cls, (void)c, (void)toe;
    request *rq = *con_cls;
    if (rq) {
        free(rq->body);
        free(rq);
        *con_cls = NULL;
    }
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload_data, size_t *upload_data_size,
                              void **con_cls) {
    (void)version;
    server *s = cls;
    int body = dyad_serve_wants_body(method, url);
    if (!*con_cls) { /* first call: headers only */
        request *rq = calloc(1, sizeof *rq);
        if (!rq) return MHD_NO;
        *con_cls = rq;
        if (body) {
            const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
            if (cl && strtoull(cl, NULL, 10) > DYAD_SERVE_BODY_MAX) {
                rq->too_big = 1;
                return send_error(c, 413, "request body over 1 MB");
            }
        }
        return MHD_YES; /* the body (if any) comes in the next calls; answering now would close the connection */
    }
    request *rq = *con_cls;
    if (*upload_data_size) { /* a piece of the body */
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (rq->too_big || rq->len + n > DYAD_SERVE_BODY_MAX) { rq->too_big = 1; return MHD_YES; }
        if (rq->len + n + 1 > rq->cap) {
            size_t cap = rq->cap ? rq->cap : 4096;
            while (cap < rq->len + n + 1) cap *= 2;
            char *p = realloc(rq->body, cap);
            if (!p) { rq->too_big = 1; return MHD_YES; }
            rq->body = p;
            rq->cap = cap;
        }
        memcpy(rq->body + rq->len, upload_data, n);
        rq->len += n;
        return MHD_YES;
    }
    if (rq->too_big) return send_error(c, 413, "request body over 1 MB");
    dyad_serve_worker *w = worker_get(s);
    if (!w) return send_error(c, 500, "out of memory");
    args as = {0};
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_arg, &as);
    if (as.oom) { free(as.a); return send_error(c, 500, "out of memory"); }
    dyad_serve_request q = {
        .method = method, .path = url, .args = as.a, .n_args = as.n,
        .content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE),
        .body = rq->body, .body_len = rq->len,
    };
    dyad_serve_response out;
    int rc = dyad_serve_handle(w, &q, &out);
    free(as.a);
    if (rc) return MHD_NO;
    return send_response(c, &out);
}

static void log_mhd(void *cls, const char *fmt, va_list ap) {
    (void)cls;
    if (getenv("DYAD_SERVE_DEBUG")) vfprintf(stderr, fmt, ap);
}

/* ---- the command ----------------------------------------------------------------------------------------- */

static void usage(FILE *f) {
    fprintf(f,
            "usage: dyad serve [--db PATH|URI] [--bind ADDRESS] [--port N] [--threads N] [--cache SECONDS]\n\n"
            "Serves the event store over HTTP: a JSON API (/api/events, /api/series, /api/actors, /api/dyads,\n"
            "/api/code, /api/health; docs/api.md) and a dashboard at /. Stop it with Ctrl-C (SIGINT) or SIGTERM.\n\n"
            "options:\n"
            "  --db PATH|URI     SQLite file, or postgresql://... (default: $DYAD_DB, else dyad.db)\n"
            "  --bind ADDRESS    address to listen on (default 127.0.0.1: this machine only); IPv4 or IPv6\n"
            "  --port N          TCP port (default 8080; 0 picks a free one, printed on stderr)\n"
            "  --threads N       worker threads (default: the number of cores, at least 4)\n"
            "  --dict DIR        dictionaries for /api/code (default: the set built into dyad)\n"
            "  --cache SECONDS   keep GET answers this long (default 2; 0: off)\n"
            "  -h, --help        this help\n");
}

int cmd_serve(int argc, char **argv) {
    const char *db = NULL, *bind = "127.0.0.1", *dictdir = NULL;
    long port = 8080, threads = 0;
    double cache_ttl = 2;
    int missing = 0;
    for (int i = 1; i < argc; i++) {
        const char *v;
        char *end;
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) { usage(stdout); return 0; }
        else if ((v = cli_optval(argc, argv, &i, "--db", &missing))) db = v;
        else if ((v = cli_optval(argc, argv, &i, "--bind", &missing))) bind = v;
        else if ((v = cli_optval(argc, argv, &i, "--dict", &missing))) dictdir = v;
        else if ((v = cli_optval(argc, argv, &i, "--port", &missing))) {
            port = strtol(v, &end, 10);
            if (end == v || *end || port < 0 || port > 65535) {
                fprintf(stderr, "%s: --port: expected a port number (0-65535), not '%s'\n", prog, v);
                return 2;
            }
        } else if ((v = cli_optval(argc, argv, &i, "--threads", &missing))) {
            threads = strtol(v, &end, 10);
            if (end == v || *end || threads < 1 || threads > 256) {
                fprintf(stderr, "%s: --threads: expected a number from 1 to 256, not '%s'\n", prog, v);
                return 2;
            }
        } else if ((v = cli_optval(argc, argv, &i, "--cache", &missing))) {
            cache_ttl = strtod(v, &end);
            if (end == v || *end || !(cache_ttl >= 0 && cache_ttl <= 86400)) {
                fprintf(stderr, "%s: --cache: expected seconds (0-86400), not '%s'\n", prog, v);
                return 2;
            }
        } else if (missing) break;
        else {
            fprintf(stderr, "%s: serve: unexpected argument '%s' (see 'dyad serve --help')\n", prog, argv[i]);
            return 2;
        }
        if (missing) return 2;
    }
    if (missing) return 2;
    if (!db) db = dyad_store_default_target();
    if (!threads) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        threads = n < 4 ? 4 : n > 64 ? 64 : n;
    }

    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    int v6 = strchr(bind, ':') != NULL;
    if (v6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
        a->sin6_family = AF_INET6;
        a->sin6_port = htons((uint16_t)port);
        if (inet_pton(AF_INET6, bind, &a->sin6_addr) != 1) v6 = -1;
    } else {
        struct sockaddr_in *a = (struct sockaddr_in *)&ss;
        a->sin_family = AF_INET;
        a->sin_port = htons((uint16_t)port);
        if (inet_pton(AF_INET, bind, &a->sin_addr) != 1) v6 = -1;
    }
    if (v6 < 0) { fprintf(stderr, "%s: --bind: '%s' is not an IP address\n", prog, bind); return 2; }

    char err[1024];
    /* the store must exist and be readable before we listen */
    if (mhd_load(err, sizeof err)) { fprintf(stderr, "%s: %s\n", prog, err); return 1; }
    dyad_store *probe = dyad_store_open(db, DYAD_STORE_READ, err, sizeof err);
    if (!probe) { fprintf(stderr, "%s: %s\n", prog, err); return 1; }
    dyad_store_close(probe);
    dyad_dict *dict = dyad_dict_load(dictdir, err, sizeof err);
    if (!dict) { fprintf(stderr, "%s: dictionary error: %s\n", prog, err); return 2; }
    server sv;
    sv.sv = dyad_serve_new(&(dyad_serve_options){.db = db, .dict = dict, .cache_ttl = cache_ttl});
    if (!sv.sv || pthread_key_create(&sv.key, worker_free)) {
        fprintf(stderr, "%s: out of memory\n", prog);
        dyad_serve_free(sv.sv);
        dyad_dict_free(dict);
        return 1;
    }

    /* the workers inherit a mask without SIGINT/SIGTERM: the main thread waits for them */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);

    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0);
    if (MHD_is_feature_supported(MHD_FEATURE_EPOLL) == MHD_YES) flags |= MHD_USE_EPOLL;
    else if (MHD_is_feature_supported(MHD_FEATURE_POLL) == MHD_YES) flags |= MHD_USE_POLL;
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, (uint16_t)port, NULL, NULL, handle, &sv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads, MHD_OPTION_CONNECTION_LIMIT, (unsigned)1024,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)256, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)32 * 1024, MHD_OPTION_NOTIFY_COMPLETED, request_done, NULL,
        MHD_OPTION_EXTERNAL_LOGGER, log_mhd, NULL, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "%s: serve: cannot listen on %s port %ld (in use, or not an address of this machine?)\n",
                prog, bind, port);
        pthread_key_delete(sv.key);
        dyad_serve_free(sv.sv);
        dyad_dict_free(dict);
        return 1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned actual = info ? info->port : (unsigned)port;
    fprintf(stderr, "%s: serving %s on http://%s%s%s:%u/ (%ld threads; Ctrl-C stops)\n", prog, db, v6 ? "[" : "",
            bind, v6 ? "]" : "", actual, threads);
    fflush(stderr);

    int sig = 0;
    sigwait(&sigs, &sig);
    fprintf(stderr, "%s: serve: stopping (%s)\n", prog, sig == SIGINT ? "SIGINT" : "SIGTERM");
    MHD_stop_daemon(d);
    pthread_key_delete(sv.key);
    dyad_serve_free(sv.sv);
    dyad_dict_free(dict);
    return 0;
}
