/* cmd_serve.c -- `dyad serve`: the HTTP API and the dashboard, on libmicrohttpd (docs/api.md).
 *
 *   dyad serve [--db PATH|URI] [--bind 127.0.0.1] [--port 8080] [--threads N] [--cache SECONDS]
 *
 * A pool of N worker threads (libmicrohttpd's internal polling threads); each opens its own read-only store
 * handle and its own coder on first use (a store handle and a coder are one-thread objects), closed when the
 * thread ends. The dictionaries are loaded once and shared. Every answer is JSON (strings escaped, with
 * <, >, & and ' as \u escapes so that no stored text can close a <script> or an attribute), except the
 * dashboard's files, which are built into the binary (web/, tools/embedweb.c): no file system path is ever
 * opened from a URL. Unknown routes answer 404, other methods 405, bodies over 1 MB 413.
 *
 * Exit status: 0 after SIGINT/SIGTERM, 1 the store or the socket could not be opened, 2 usage errors. */
#include "commands.h"
#include "dyad.h"
#include "serve/web.h"
#include "store/store.h"
#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include "mhd.h" /* libmicrohttpd, loaded on first use */
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static const char *prog = "dyad";

#define BODY_MAX (1024 * 1024) /* request bodies (POST /api/code) */
#define EVENTS_DEFAULT 100
#define EVENTS_MAX 1000
#define TOP_DEFAULT 20
#define TOP_MAX 1000

/* ---- growable buffer and JSON writing ------------------------------------------------------------------ */

typedef struct buf {
    char *p;
    size_t len, cap;
    int oom;
} buf;

static void b_grow(buf *b, size_t need) {
    if (b->oom || b->len + need + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + need + 1) cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) { b->oom = 1; return; }
    b->p = p;
    b->cap = cap;
}
static void b_add(buf *b, const char *s, size_t n) {
    b_grow(b, n);
    if (b->oom) return;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}
static void b_puts(buf *b, const char *s) { b_add(b, s, strlen(s)); }
static void b_printf(buf *b, const char *fmt, ...) {
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof tmp) { b_add(b, tmp, (size_t)n); return; }
    b_grow(b, (size_t)n);
    if (b->oom) return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* length of the valid UTF-8 sequence at s (1..4), or 0 when it is not one */
static size_t utf8_len(const unsigned char *s, size_t n) {
    unsigned c = s[0];
    if (c < 0x80) return 1;
    size_t k = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (!k || k > n || c > 0xF4) return 0;
    for (size_t i = 1; i < k; i++)
        if ((s[i] & 0xC0) != 0x80) return 0;
    if (c == 0xE0 && s[1] < 0xA0) return 0;
    if (c == 0xED && s[1] >= 0xA0) return 0; /* surrogates */
    if (c == 0xF0 && s[1] < 0x90) return 0;
    if (c == 0xF4 && s[1] >= 0x90) return 0;
    return k;
}

/* a JSON string: NULL is null; control characters, quotes, <, >, &, ' and U+2028/9 escaped; invalid
 * UTF-8 becomes U+FFFD */
static void j_str(buf *b, const char *s) {
    if (!s) { b_puts(b, "null"); return; }
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    b_grow(b, n + 2);
    b_add(b, "\"", 1);
    size_t i = 0, run = 0;
    while (i < n) {
        unsigned c = p[i];
        const char *esc = NULL;
        char u[8];
        size_t k = 1;
        if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\'') {
            if (c == '\n') esc = "\\n";
            else if (c == '\t') esc = "\\t";
            else if (c == '\r') esc = "\\r";
            else { snprintf(u, sizeof u, "\\u%04x", c); esc = u; }
        } else if (c == '"') esc = "\\\"";
        else if (c == '\\') esc = "\\\\";
        else if (c >= 0x80) {
            k = utf8_len(p + i, n - i);
            if (!k) { esc = "\\ufffd"; k = 1; }
            else if (k == 3 && c == 0xE2 && p[i + 1] == 0x80 && (p[i + 2] == 0xA8 || p[i + 2] == 0xA9))
                esc = p[i + 2] == 0xA8 ? "\\u2028" : "\\u2029";
        }
        if (esc) {
            if (run) b_add(b, s + i - run, run);
            run = 0;
            b_puts(b, esc);
        } else run += k;
        i += k;
    }
    if (run) b_add(b, s + i - run, run);
    b_add(b, "\"", 1);
}
static void j_key(buf *b, const char *k) { b_printf(b, "\"%s\":", k); }
static void j_kstr(buf *b, const char *k, const char *v) { j_key(b, k); j_str(b, v); b_add(b, ",", 1); }
static void j_num(buf *b, double v) {
    if (v != v || v > 1e300 || v < -1e300) { b_puts(b, "null"); return; }
    b_printf(b, "%.15g", v);
}
static void j_end(buf *b, char close) { /* replace a trailing comma by the closing bracket */
    if (b->len && b->p[b->len - 1] == ',') b->p[--b->len] = 0;
    b_add(b, &close, 1);
}
static const char *nz(const char *s) { return s && *s ? s : NULL; }

static void j_actor(buf *b, const dyad_actor *a) {
    b_add(b, "{", 1);
    j_kstr(b, "text", a->text);
    j_kstr(b, "code", nz(a->code));
    j_kstr(b, "country", nz(a->country));
    j_kstr(b, "sector", nz(a->sector));
    j_kstr(b, "org", nz(a->org));
    j_end(b, '}');
}

/* the fields of a coded event (the schema of docs/output.md), without the braces */
static void j_event_fields(buf *b, const dyad_event *e) {
    b_printf(b, "\"sent\":%d,", e->sent);
    j_kstr(b, "date", nz(e->date));
    j_key(b, "source"); j_actor(b, &e->source); b_add(b, ",", 1);
    j_key(b, "target");
    if (e->has_target) j_actor(b, &e->target);
    else b_puts(b, "null");
    b_add(b, ",", 1);
    j_kstr(b, "cameo", e->cameo);
    j_kstr(b, "root", e->root);
    j_kstr(b, "plover", nz(e->plover));
    j_kstr(b, "plover_mode", nz(e->plover_mode));
    j_key(b, "goldstein"); j_num(b, e->goldstein); b_add(b, ",", 1);
    b_printf(b, "\"quad_class\":%d,", e->quad_class);
    j_kstr(b, "verb", e->verb);
    j_kstr(b, "pattern", e->pattern);
    j_kstr(b, "attribution", nz(e->attribution));
    j_kstr(b, "attribution_text", nz(e->attribution_text));
    j_kstr(b, "text", e->text);
}

static void j_citations(buf *b, const dyad_citation *c, size_t n, int sent) {
    j_key(b, "citations");
    b_add(b, "[", 1);
    for (size_t i = 0; i < n; i++) {
        if (sent >= 0 && c[i].sent != sent) continue;
        b_add(b, "{", 1);
        j_kstr(b, "text", c[i].text);
        j_kstr(b, "source", nz(c[i].source));
        j_kstr(b, "date", nz(c[i].date));
        b_printf(b, "\"sent\":%d", c[i].sent);
        b_add(b, "},", 2);
    }
    j_end(b, ']');
    b_add(b, ",", 1);
}

/* ---- a short-lived cache of GET answers ---------------------------------------------------------------- */

/* The answers of GET /api/events|series|actors|dyads are kept for --cache seconds (default 2), keyed by path
 * and query string, in a direct-mapped table shared by the workers: a dashboard paging through a filter, or
 * many clients polling the same view, cost one query per key and period. An ingest shows after at most that
 * long; --cache 0 turns it off. */
#define CACHE_SLOTS 512
#define CACHE_BODY_MAX (256 * 1024)

typedef struct cache_entry {
    char *key, *body;
    size_t len;
    double at;
} cache_entry;

typedef struct server {
    const char *db;
    dyad_dict *dict;
    pthread_key_t key;
    double cache_ttl;
    pthread_mutex_t mu;
    cache_entry cache[CACHE_SLOTS];
} server;

static double mono(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t cache_slot(const char *key) {
    unsigned long long h = 1469598103934665603ULL; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)key; *p; p++) h = (h ^ *p) * 1099511628211ULL;
    return (size_t)(h % CACHE_SLOTS);
}

/* a copy of the cached answer for KEY, or NULL */
static char *cache_get(server *sv, const char *key, size_t *len) {
    char *out = NULL;
    cache_entry *e = &sv->cache[cache_slot(key)];
    pthread_mutex_lock(&sv->mu);
    if (e->key && !strcmp(e->key, key) && mono() - e->at < sv->cache_ttl && (out = malloc(e->len + 1))) {
        memcpy(out, e->body, e->len + 1);
        *len = e->len;
    }
    pthread_mutex_unlock(&sv->mu);
    return out;
}

static void cache_put(server *sv, const char *key, const char *body, size_t len) {
    if (len > CACHE_BODY_MAX) return;
    char *k = strdup(key), *b = malloc(len + 1);
    if (!k || !b) { free(k); free(b); return; }
    memcpy(b, body, len);
    b[len] = 0;
    cache_entry *e = &sv->cache[cache_slot(key)];
    pthread_mutex_lock(&sv->mu);
    char *ok = e->key, *ob = e->body;
    e->key = k;
    e->body = b;
    e->len = len;
    e->at = mono();
    pthread_mutex_unlock(&sv->mu);
    free(ok);
    free(ob);
}

static void cache_free(server *sv) {
    for (size_t i = 0; i < CACHE_SLOTS; i++) {
        free(sv->cache[i].key);
        free(sv->cache[i].body);
    }
}

/* set by the dispatcher around a cacheable request: send_json stores a 200 answer under it */
static __thread server *cache_sv;
static __thread const char *cache_key;

/* ---- per-thread state: a store handle and a coder ------------------------------------------------------- */

typedef struct worker {
    dyad_store *store;
    dyad_coder *coder;
} worker;

static void worker_free(void *p) {
    worker *w = p;
    if (!w) return;
    if (w->store) dyad_store_close(w->store);
    if (w->coder) dyad_coder_free(w->coder);
    free(w);
}

static worker *worker_get(server *sv) {
    worker *w = pthread_getspecific(sv->key);
    if (!w) {
        w = calloc(1, sizeof *w);
        if (!w || pthread_setspecific(sv->key, w)) { free(w); return NULL; }
    }
    return w;
}

static dyad_store *worker_store(server *sv, char *err, size_t n) {
    worker *w = worker_get(sv);
    if (!w) { snprintf(err, n, "out of memory"); return NULL; }
    if (!w->store) w->store = dyad_store_open(sv->db, DYAD_STORE_READ, err, n);
    return w->store;
}

/* ---- responses ------------------------------------------------------------------------------------------ */

static enum MHD_Result send_buf(struct MHD_Connection *c, unsigned status, const char *type, buf *b) {
    if (b->oom) {
        free(b->p);
        b->p = NULL;
        b->len = 0;
        b->oom = 0;
        status = MHD_HTTP_INTERNAL_SERVER_ERROR;
        b_puts(b, "{\"error\":\"out of memory\"}");
        if (b->oom) return MHD_NO;
    }
    struct MHD_Response *r = MHD_create_response_from_buffer(b->len, b->p, MHD_RESPMEM_MUST_FREE);
    if (!r) { free(b->p); return MHD_NO; }
    b->p = NULL;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    enum MHD_Result ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result send_json(struct MHD_Connection *c, unsigned status, buf *b) {
    b_add(b, "\n", 1);
    if (cache_key && status == MHD_HTTP_OK && !b->oom) cache_put(cache_sv, cache_key, b->p, b->len);
    return send_buf(c, status, "application/json; charset=utf-8", b);
}

static enum MHD_Result send_error(struct MHD_Connection *c, unsigned status, const char *msg) {
    buf b = {0};
    b_puts(&b, "{\"error\":");
    j_str(&b, msg);
    b_printf(&b, ",\"status\":%u}", status);
    return send_json(c, status, &b);
}

/* ---- request parameters --------------------------------------------------------------------------------- */

typedef struct params {
    const char *const *allowed;
    char bad[128];
} params;

static enum MHD_Result check_param(void *ud, enum MHD_ValueKind kind, const char *key, const char *value) {
    (void)kind, (void)value;
    params *p = ud;
    for (const char *const *a = p->allowed; *a; a++)
        if (!strcmp(*a, key)) return MHD_YES;
    if (!p->bad[0]) snprintf(p->bad, sizeof p->bad, "%s", key);
    return MHD_YES;
}

/* 0, or -1 with a message naming the first parameter that is not in ALLOWED */
static int params_check(struct MHD_Connection *c, const char *const *allowed, char *err, size_t n) {
    params p = {allowed, {0}};
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, check_param, &p);
    if (p.bad[0]) {
        snprintf(err, n, "unknown parameter '%s'", p.bad);
        return -1;
    }
    return 0;
}

static const char *arg(struct MHD_Connection *c, const char *name) {
    const char *v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, name);
    return v && *v ? v : NULL;
}

static int arg_num(struct MHD_Connection *c, const char *name, long long def, long long max, long long *out,
                   char *err, size_t n) {
    const char *v = arg(c, name);
    *out = def;
    if (!v) return 0;
    char *end;
    errno = 0;
    long long x = strtoll(v, &end, 10);
    if (errno || end == v || *end || x < 0) {
        snprintf(err, n, "%s: expected a number >= 0, not '%.40s'", name, v);
        return -1;
    }
    *out = x > max ? max : x;
    return 0;
}

#define FILTER_PARAMS "source", "target", "actor", "root", "cameo", "plover", "quad", "from", "to", "text", "doc"

static int read_filter(struct MHD_Connection *c, dyad_store_filter *f, char *err, size_t n) {
    memset(f, 0, sizeof *f);
    f->source = arg(c, "source");
    f->target = arg(c, "target");
    f->actor = arg(c, "actor");
    f->root = arg(c, "root");
    f->cameo = arg(c, "cameo");
    f->plover = arg(c, "plover");
    f->from = arg(c, "from");
    f->to = arg(c, "to");
    f->text = arg(c, "text");
    f->doc_id = arg(c, "doc");
    const char *q = arg(c, "quad");
    if (q) {
        if (q[0] < '1' || q[0] > '4' || q[1]) {
            snprintf(err, n, "quad: expected 1, 2, 3 or 4, not '%.20s'", q);
            return -1;
        }
        f->quad_class = q[0] - '0';
    }
    if ((f->from && !dyad_date_valid(f->from)) || (f->to && !dyad_date_valid(f->to))) {
        snprintf(err, n, "%s: '%.20s' is not a date (YYYY-MM-DD)", f->from && !dyad_date_valid(f->from) ? "from" : "to",
                 f->from && !dyad_date_valid(f->from) ? f->from : f->to);
        return -1;
    }
    return 0;
}

/* the answer to a failed store call: 400 for an invalid filter, 500 for a database error */
static enum MHD_Result store_error(struct MHD_Connection *c, int rc, const char *err) {
    if (rc == DYAD_STORE_EINVAL) return send_error(c, MHD_HTTP_BAD_REQUEST, err);
    fprintf(stderr, "%s: serve: %s\n", prog, err);
    return send_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "database error");
}

/* ---- API handlers ---------------------------------------------------------------------------------------- */

static int on_event(void *ud, const dyad_store_event *e) {
    buf *b = ud;
    b_printf(b, "{\"id\":%lld,", e->id);
    j_kstr(b, "doc_id", e->doc_id);
    j_event_fields(b, &e->ev);
    j_citations(b, e->citations, e->n_citations, e->ev.sent);
    j_key(b, "doc");
    b_add(b, "{", 1);
    j_kstr(b, "date", nz(e->doc_date));
    j_kstr(b, "title", e->title);
    j_kstr(b, "source", e->source);
    j_kstr(b, "url", e->url);
    j_kstr(b, "publication", e->publication);
    j_kstr(b, "volume", e->volume);
    j_kstr(b, "issue", e->issue);
    j_end(b, '}');
    b_add(b, "},", 2);
    return b->oom;
}

static enum MHD_Result api_events(server *sv, struct MHD_Connection *c) {
    static const char *const allowed[] = {FILTER_PARAMS, "limit", "offset", "order", NULL};
    char err[1024];
    dyad_store_filter f;
    long long total = 0;
    if (params_check(c, allowed, err, sizeof err) || read_filter(c, &f, err, sizeof err) ||
        arg_num(c, "limit", EVENTS_DEFAULT, EVENTS_MAX, &f.limit, err, sizeof err) ||
        arg_num(c, "offset", 0, (long long)1 << 60, &f.offset, err, sizeof err))
        return send_error(c, MHD_HTTP_BAD_REQUEST, err);
    const char *order = arg(c, "order");
    if (order && strcmp(order, "asc") && strcmp(order, "desc"))
        return send_error(c, MHD_HTTP_BAD_REQUEST, "order: expected asc or desc");
    f.descending = order && !strcmp(order, "desc");
    if (f.limit == 0) f.limit = EVENTS_DEFAULT;
    dyad_store *s = worker_store(sv, err, sizeof err);
    if (!s) return store_error(c, -1, err);
    int rc = dyad_store_count_events(s, &f, &total, err, sizeof err);
    if (rc) return store_error(c, rc, err);
    buf b = {0};
    b_printf(&b, "{\"total\":%lld,\"limit\":%lld,\"offset\":%lld,\"events\":[", total, f.limit, f.offset);
    rc = dyad_store_events(s, &f, on_event, &b, err, sizeof err);
    if (rc) { free(b.p); return store_error(c, rc, err); }
    j_end(&b, ']');
    b_add(&b, "}", 1);
    return send_json(c, MHD_HTTP_OK, &b);
}

/* a time series: one row per period, with the counts and Goldstein sums of cooperation (QuadClass 1, 2)
 * and conflict (3, 4) */
typedef struct period {
    char key[16];
    long long events, quad[4];
    double goldstein, gq[4];
} period;

typedef struct series {
    period *p;
    size_t n, cap;
    int quad; /* the QuadClass of the query running (1..4), 0 for all */
    int main; /* the query of the counts (the others give Goldstein sums only) */
    int oom;
} series;

static int on_period(void *ud, const dyad_store_count *c) {
    series *s = ud;
    if (!c->key) return 0;
    size_t i = s->n;
    while (i > 0 && strcmp(s->p[i - 1].key, c->key) > 0) i--;
    if (!(i > 0 && !strcmp(s->p[i - 1].key, c->key))) { /* a new period at position i */
        if (s->n == s->cap) {
            size_t cap = s->cap ? s->cap * 2 : 64;
            period *p = realloc(s->p, cap * sizeof *p);
            if (!p) { s->oom = 1; return 1; }
            s->p = p;
            s->cap = cap;
        }
        memmove(s->p + i + 1, s->p + i, (s->n - i) * sizeof *s->p);
        memset(s->p + i, 0, sizeof *s->p);
        snprintf(s->p[i].key, sizeof s->p[i].key, "%s", c->key);
        s->n++;
        i++;
    }
    period *p = &s->p[i - 1];
    if (s->main) {
        p->events += c->events;
        p->goldstein += c->goldstein;
        for (int q = 0; q < 4; q++) p->quad[q] += c->quad[q];
    }
    if (s->quad) p->gq[s->quad - 1] += c->goldstein;
    return 0;
}

static enum MHD_Result api_series(server *sv, struct MHD_Connection *c) {
    static const char *const allowed[] = {FILTER_PARAMS, "interval", NULL};
    char err[1024];
    dyad_store_filter f;
    if (params_check(c, allowed, err, sizeof err) || read_filter(c, &f, err, sizeof err))
        return send_error(c, MHD_HTTP_BAD_REQUEST, err);
    const char *iv = arg(c, "interval");
    int by = iv ? dyad_store_by_parse(iv) : DYAD_BY_MONTH;
    if (by < 0 || by > DYAD_BY_YEAR) return send_error(c, MHD_HTTP_BAD_REQUEST, "interval: expected day, week, month or year");
    dyad_store *st = worker_store(sv, err, sizeof err);
    if (!st) return store_error(c, -1, err);
    series s = {0};
    /* the counts and the Goldstein sum per period, then the sums of QuadClass 1 and 2 (cooperation);
     * conflict's is the rest. With a QuadClass filter, one query. */
    int want = f.quad_class;
    for (int k = 0; k < (want ? 1 : 3); k++) {
        s.quad = f.quad_class = want ? want : k;
        s.main = k == 0;
        int rc = dyad_store_counts(st, &f, (dyad_store_by)by, on_period, &s, err, sizeof err);
        if (s.oom) { free(s.p); return send_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory"); }
        if (rc) { free(s.p); return store_error(c, rc, err); }
    }
    buf b = {0};
    b_puts(&b, "{\"interval\":");
    j_str(&b, dyad_store_by_name((dyad_store_by)by));
    b_puts(&b, ",\"series\":[");
    for (size_t i = 0; i < s.n; i++) {
        period *p = &s.p[i];
        b_puts(&b, "{\"period\":");
        j_str(&b, p->key);
        b_printf(&b, ",\"events\":%lld,\"goldstein\":", p->events);
        j_num(&b, p->goldstein);
        b_printf(&b, ",\"quad\":[%lld,%lld,%lld,%lld]", p->quad[0], p->quad[1], p->quad[2], p->quad[3]);
        b_printf(&b, ",\"coop\":%lld,\"conflict\":%lld,\"goldstein_coop\":", p->quad[0] + p->quad[1], p->quad[2] + p->quad[3]);
        j_num(&b, p->gq[0] + p->gq[1]);
        b_puts(&b, ",\"goldstein_conflict\":");
        double gc = want ? p->gq[2] + p->gq[3] : p->goldstein - p->gq[0] - p->gq[1];
        j_num(&b, gc > -1e-9 && gc < 1e-9 ? 0 : gc); /* a difference of sums: no -1.8e-15 */
        b_puts(&b, "},");
    }
    free(s.p);
    j_end(&b, ']');
    b_add(&b, "}", 1);
    return send_json(c, MHD_HTTP_OK, &b);
}

static void j_counts(buf *b, const dyad_store_count *c) {
    b_printf(b, "\"events\":%lld,\"goldstein\":", c->events);
    j_num(b, c->goldstein);
    b_puts(b, ",\"mean_goldstein\":");
    j_num(b, c->events ? c->goldstein / (double)c->events : 0);
    b_printf(b, ",\"quad\":[%lld,%lld,%lld,%lld]", c->quad[0], c->quad[1], c->quad[2], c->quad[3]);
}

static int on_actor(void *ud, const dyad_store_count *c) {
    buf *b = ud;
    b_puts(b, "{\"actor\":");
    j_str(b, c->key);
    b_add(b, ",", 1);
    j_counts(b, c);
    b_puts(b, "},");
    return b->oom;
}

static int on_dyad(void *ud, const dyad_store_count *c) {
    buf *b = ud;
    b_puts(b, "{\"source\":");
    j_str(b, c->key);
    b_puts(b, ",\"target\":");
    j_str(b, c->key2);
    b_add(b, ",", 1);
    j_counts(b, c);
    b_puts(b, "},");
    return b->oom;
}

static enum MHD_Result api_top(server *sv, struct MHD_Connection *c, int dyads) {
    static const char *const allowed[] = {FILTER_PARAMS, "top", NULL};
    char err[1024];
    dyad_store_filter f;
    long long top;
    if (params_check(c, allowed, err, sizeof err) || read_filter(c, &f, err, sizeof err) ||
        arg_num(c, "top", TOP_DEFAULT, TOP_MAX, &top, err, sizeof err))
        return send_error(c, MHD_HTTP_BAD_REQUEST, err);
    if (top == 0) top = TOP_DEFAULT;
    dyad_store *s = worker_store(sv, err, sizeof err);
    if (!s) return store_error(c, -1, err);
    buf b = {0};
    b_puts(&b, dyads ? "{\"dyads\":[" : "{\"actors\":[");
    int rc = dyads ? dyad_store_top_dyads(s, &f, top, on_dyad, &b, err, sizeof err)
                   : dyad_store_top_actors(s, &f, top, on_actor, &b, err, sizeof err);
    if (rc) { free(b.p); return store_error(c, rc, err); }
    j_end(&b, ']');
    b_add(&b, "}", 1);
    return send_json(c, MHD_HTTP_OK, &b);
}

static enum MHD_Result api_health(server *sv, struct MHD_Connection *c) {
    static const char *const allowed[] = {NULL};
    char err[1024];
    if (params_check(c, allowed, err, sizeof err)) return send_error(c, MHD_HTTP_BAD_REQUEST, err);
    dyad_store *s = worker_store(sv, err, sizeof err);
    dyad_store_info info;
    if (!s || dyad_store_get_info(s, &info, err, sizeof err)) {
        fprintf(stderr, "%s: serve: %s\n", prog, err);
        return send_error(c, MHD_HTTP_SERVICE_UNAVAILABLE, "database unavailable");
    }
    buf b = {0};
    b_puts(&b, "{\"status\":\"ok\",\"version\":");
    j_str(&b, DYAD_VERSION);
    b_puts(&b, ",\"backend\":");
    j_str(&b, info.backend);
    b_printf(&b, ",\"schema_version\":%d,\"documents\":%lld,\"sentences\":%lld,\"events\":%lld,\"citations\":%lld,",
             info.schema_version, info.documents, info.sentences, info.events, info.citations);
    j_kstr(&b, "first_date", nz(info.first_date));
    j_kstr(&b, "last_date", nz(info.last_date));
    j_end(&b, '}');
    return send_json(c, MHD_HTTP_OK, &b);
}

/* POST /api/code: the body is plain text, or JSON {"text": "...", "date": "YYYY-MM-DD"} (Content-Type
 * application/json, or a body that starts with '{'); ?date= gives the date of a plain text */
static enum MHD_Result api_code(server *sv, struct MHD_Connection *c, const char *body, size_t len) {
    static const char *const allowed[] = {"date", NULL};
    char err[1024];
    if (params_check(c, allowed, err, sizeof err)) return send_error(c, MHD_HTTP_BAD_REQUEST, err);
    const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    const char *date = arg(c, "date");
    const char *text = body;
    size_t tlen = len;
    json_t *root = NULL;
    size_t k = 0;
    while (k < len && (body[k] == ' ' || body[k] == '\n' || body[k] == '\r' || body[k] == '\t')) k++;
    if ((ct && !strncasecmp(ct, "application/json", 16)) || (k < len && body[k] == '{')) {
        json_error_t je;
        root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
        if (!root || !json_is_object(root)) {
            json_decref(root);
            snprintf(err, sizeof err, "invalid JSON body (line %d): %s", je.line, root ? "expected an object" : je.text);
            return send_error(c, MHD_HTTP_BAD_REQUEST, err);
        }
        json_t *t = json_object_get(root, "text"), *d = json_object_get(root, "date");
        if (!json_is_string(t) || (d && !json_is_null(d) && !json_is_string(d))) {
            json_decref(root);
            return send_error(c, MHD_HTTP_BAD_REQUEST, "expected {\"text\": \"...\", \"date\": \"YYYY-MM-DD\"}");
        }
        text = json_string_value(t);
        tlen = json_string_length(t);
        if (json_is_string(d) && *json_string_value(d)) date = json_string_value(d);
    }
    if (date && !dyad_date_valid(date)) {
        json_decref(root);
        return send_error(c, MHD_HTTP_BAD_REQUEST, "date: not a date (YYYY-MM-DD)");
    }
    worker *w = worker_get(sv);
    if (w && !w->coder) w->coder = dyad_coder_new(sv->dict);
    if (!w || !w->coder) { json_decref(root); return send_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory"); }
    dyad_doc doc = {.id = "request", .text = text ? text : "", .len = text ? tlen : 0, .date = date};
    const dyad_result *r;
    if (dyad_code(w->coder, &doc, &r, err, sizeof err)) {
        json_decref(root);
        return send_error(c, MHD_HTTP_UNPROCESSABLE_CONTENT, err);
    }
    buf b = {0};
    b_printf(&b, "{\"date\":");
    j_str(&b, date);
    b_printf(&b, ",\"sentences\":%zu,\"invalid_utf8\":%zu,\"events\":[", r->n_sentences, r->invalid_utf8);
    for (size_t i = 0; i < r->n_events; i++) {
        b_add(&b, "{", 1);
        j_event_fields(&b, &r->events[i]);
        j_citations(&b, r->citations, r->n_citations, r->events[i].sent);
        j_end(&b, '}');
        b_add(&b, ",", 1);
    }
    j_end(&b, ']');
    b_add(&b, ",", 1);
    j_citations(&b, r->citations, r->n_citations, -1);
    j_end(&b, '}');
    json_decref(root);
    return send_json(c, MHD_HTTP_OK, &b);
}

/* ---- static files ---------------------------------------------------------------------------------------- */

static const char *mime(const char *path) {
    const char *dot = strrchr(path, '.');
    if (!dot) return "application/octet-stream";
    if (!strcmp(dot, ".html")) return "text/html; charset=utf-8";
    if (!strcmp(dot, ".css")) return "text/css; charset=utf-8";
    if (!strcmp(dot, ".js")) return "text/javascript; charset=utf-8";
    if (!strcmp(dot, ".svg")) return "image/svg+xml";
    return "application/octet-stream";
}

/* the built-in file for URL, or NULL: an exact match in the table, nothing else (no file system) */
static const web_file *find_static(const char *url) {
    if (!strcmp(url, "/")) url = "/index.html";
    if (url[0] != '/' || strstr(url, "..") || strchr(url, '\\')) return NULL;
    for (const web_file *f = dyad_web_files; f->path; f++)
        if (!strcmp(f->path, url + 1)) return f;
    return NULL;
}

static enum MHD_Result send_static(struct MHD_Connection *c, const web_file *f) {
    struct MHD_Response *r = MHD_create_response_from_buffer(f->len, (void *)f->data, MHD_RESPMEM_PERSISTENT);
    if (!r) return MHD_NO;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, mime(f->path));
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                            "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    enum MHD_Result ret = MHD_queue_response(c, MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    return ret;
}

/* ---- dispatch ------------------------------------------------------------------------------------------- */

static enum MHD_Result key_arg(void *ud, enum MHD_ValueKind kind, const char *k, const char *v) {
    (void)kind;
    buf *b = ud;
    b_printf(b, "&%zu:", strlen(k)); /* length-prefixed: no value can pass for another parameter */
    b_puts(b, k);
    b_printf(b, "=%zu:", v ? strlen(v) : 0);
    if (v) b_puts(b, v);
    return MHD_YES;
}

typedef struct request {
    int is_post;
    int too_big;
    buf body;
} request;

static void request_done(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe) {
    (void)cls, (void)c, (void)toe;
    request *rq = *con_cls;
    if (rq) {
        free(rq->body.p);
        free(rq);
        *con_cls = NULL;
    }
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload_data, size_t *upload_data_size,
                              void **con_cls) {
    (void)version;
    server *sv = cls;
    int get = !strcmp(method, "GET") || !strcmp(method, "HEAD"), post = !strcmp(method, "POST");
    int is_code = !strcmp(url, "/api/code");
    if (!*con_cls) { /* first call: headers only */
        request *rq = calloc(1, sizeof *rq);
        if (!rq) return MHD_NO;
        *con_cls = rq;
        rq->is_post = post;
        if (post && is_code) {
            const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
            if (cl && strtoull(cl, NULL, 10) > BODY_MAX) {
                rq->too_big = 1;
                return send_error(c, MHD_HTTP_CONTENT_TOO_LARGE, "request body over 1 MB");
            }
        }
        if (post && is_code) return MHD_YES; /* the body comes in the next calls */
    }
    request *rq = *con_cls;
    if (*upload_data_size) { /* a piece of the body */
        if (!rq->too_big && rq->body.len + *upload_data_size > BODY_MAX) rq->too_big = 1;
        if (!rq->too_big) {
            b_add(&rq->body, upload_data, *upload_data_size);
            if (rq->body.oom) rq->too_big = 1;
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (!strncmp(url, "/api/", 5)) {
        int known = !strcmp(url, "/api/events") || !strcmp(url, "/api/series") || !strcmp(url, "/api/actors") ||
                    !strcmp(url, "/api/dyads") || !strcmp(url, "/api/health") || is_code;
        if (!known) return send_error(c, MHD_HTTP_NOT_FOUND, "no such endpoint");
        if (is_code) {
            if (!post) return send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "use POST");
            if (rq->too_big) return send_error(c, MHD_HTTP_CONTENT_TOO_LARGE, "request body over 1 MB");
            return api_code(sv, c, rq->body.p ? rq->body.p : "", rq->body.len);
        }
        if (!get) return send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "use GET");
        if (!strcmp(url, "/api/health")) return api_health(sv, c);
        buf key = {0};
        if (sv->cache_ttl > 0) {
            b_puts(&key, url);
            MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, key_arg, &key);
            size_t len;
            char *hit = key.oom ? NULL : cache_get(sv, key.p, &len);
            if (hit) {
                free(key.p);
                buf b = {hit, len, len + 1, 0};
                return send_buf(c, MHD_HTTP_OK, "application/json; charset=utf-8", &b);
            }
            if (!key.oom) cache_sv = sv, cache_key = key.p;
        }
        enum MHD_Result ret;
        if (!strcmp(url, "/api/events")) ret = api_events(sv, c);
        else if (!strcmp(url, "/api/series")) ret = api_series(sv, c);
        else ret = api_top(sv, c, !strcmp(url, "/api/dyads"));
        cache_key = NULL;
        free(key.p);
        return ret;
    }
    const web_file *f = find_static(url);
    if (!f) return send_error(c, MHD_HTTP_NOT_FOUND, "not found");
    if (!get) return send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "use GET");
    return send_static(c, f);
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

static const char *optv(int argc, char **argv, int *i, const char *name, int *missing) {
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0) return NULL;
    if (argv[*i][n] == '=') return argv[*i] + n + 1;
    if (argv[*i][n] != 0) return NULL;
    if (*i + 1 >= argc) {
        fprintf(stderr, "%s: option %s needs a value\n", prog, name);
        *missing = 1;
        return NULL;
    }
    return argv[++*i];
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
        else if ((v = optv(argc, argv, &i, "--db", &missing))) db = v;
        else if ((v = optv(argc, argv, &i, "--bind", &missing))) bind = v;
        else if ((v = optv(argc, argv, &i, "--dict", &missing))) dictdir = v;
        else if ((v = optv(argc, argv, &i, "--port", &missing))) {
            port = strtol(v, &end, 10);
            if (end == v || *end || port < 0 || port > 65535) {
                fprintf(stderr, "%s: --port: expected a port number (0-65535), not '%s'\n", prog, v);
                return 2;
            }
        } else if ((v = optv(argc, argv, &i, "--threads", &missing))) {
            threads = strtol(v, &end, 10);
            if (end == v || *end || threads < 1 || threads > 256) {
                fprintf(stderr, "%s: --threads: expected a number from 1 to 256, not '%s'\n", prog, v);
                return 2;
            }
        } else if ((v = optv(argc, argv, &i, "--cache", &missing))) {
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
    static server sv; /* large (the cache): not on the stack */
    sv.db = db;
    sv.cache_ttl = cache_ttl;
    pthread_mutex_init(&sv.mu, NULL);
    sv.dict = dyad_dict_load(dictdir, err, sizeof err);
    if (!sv.dict) { fprintf(stderr, "%s: dictionary error: %s\n", prog, err); return 2; }
    if (pthread_key_create(&sv.key, worker_free)) { dyad_dict_free(sv.dict); return 1; }

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
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024, MHD_OPTION_NOTIFY_COMPLETED, request_done, NULL,
        MHD_OPTION_EXTERNAL_LOGGER, log_mhd, NULL, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "%s: serve: cannot listen on %s port %ld (in use, or not an address of this machine?)\n",
                prog, bind, port);
        pthread_key_delete(sv.key);
        dyad_dict_free(sv.dict);
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
    dyad_dict_free(sv.dict);
    cache_free(&sv);
    pthread_mutex_destroy(&sv.mu);
    return 0;
}
