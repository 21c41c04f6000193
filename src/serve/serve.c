/* serve.c -- the request handling of `dyad serve` (docs/api.md): routing, parameter checks, the JSON
 * answers of /api/events, /api/series, /api/actors, /api/dyads, /api/code and /api/health, the dashboard's
 * built-in files, and a short-lived cache of GET answers. No socket here (src/serve/serve.h): cli/cmd_serve.c
 * reads requests with libmicrohttpd and sends what dyad_serve_handle() answers.
 *
 * Every answer is JSON (strings escaped, with <, >, & and ' as \u escapes so that no stored text can close a
 * <script> or an attribute), except the dashboard's files, which are built into the binary (web/,
 * tools/embedweb.c): no file system path is ever opened from a URL. Unknown routes answer 404, other methods
 * 405, bodies over DYAD_SERVE_BODY_MAX 413. */
#include "serve/serve.h"
#include "serve/web.h"
#include "store/store.h"
#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

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

/* ---- the server, its cache, its workers ------------------------------------------------------------------ */

/* The answers of GET /api/events|series|actors|dyads are kept for cache_ttl seconds, keyed by path and query
 * arguments, in a direct-mapped table shared by the workers: a dashboard paging through a filter, or many
 * clients polling the same view, cost one query per key and period. An ingest shows after at most that long;
 * a ttl of 0 turns it off. */
#define CACHE_SLOTS 512
#define CACHE_BODY_MAX (256 * 1024)

/* A cached answer, shared by the cache and by every response being sent from it: a hit takes a reference
 * (under the cache's lock: a counter increment), the response's body points into it, and the last release
 * frees it. The body is never copied and never changes once made. */
struct dyad_serve_shared {
    atomic_size_t refs;
    size_t len;
    char body[]; /* len bytes, then a NUL */
};

static dyad_serve_shared *shared_new(const char *body, size_t len) {
    dyad_serve_shared *b = malloc(sizeof *b + len + 1);
    if (!b) return NULL;
    atomic_init(&b->refs, 1);
    b->len = len;
    memcpy(b->body, body, len);
    b->body[len] = 0;
    return b;
}

void dyad_serve_shared_release(void *shared) {
    dyad_serve_shared *b = shared;
    if (b && atomic_fetch_sub_explicit(&b->refs, 1, memory_order_acq_rel) == 1) free(b);
}

typedef struct cache_entry {
    char *key;
    dyad_serve_shared *body;
    double at;
    double refreshing; /* when a worker began recomputing this expired answer (0: none) */
} cache_entry;

struct dyad_serve {
    char *db;
    const dyad_dict *dict;
    double cache_ttl;
    pthread_mutex_t mu;
    cache_entry cache[CACHE_SLOTS];
};

struct dyad_serve_worker {
    dyad_serve *sv;
    dyad_store *store; /* opened on first use */
    dyad_coder *coder; /* made on first use */
};

dyad_serve *dyad_serve_new(const dyad_serve_options *opt) {
    dyad_serve *sv = calloc(1, sizeof *sv);
    if (!sv) return NULL;
    sv->db = strdup(opt->db ? opt->db : dyad_store_default_target());
    if (!sv->db || pthread_mutex_init(&sv->mu, NULL)) {
        free(sv->db);
        free(sv);
        return NULL;
    }
    sv->dict = opt->dict;
    sv->cache_ttl = opt->cache_ttl;
    return sv;
}

void dyad_serve_free(dyad_serve *sv) {
    if (!sv) return;
    for (size_t i = 0; i < CACHE_SLOTS; i++) {
        free(sv->cache[i].key);
        dyad_serve_shared_release(sv->cache[i].body);
    }
    pthread_mutex_destroy(&sv->mu);
    free(sv->db);
    free(sv);
}

dyad_serve_worker *dyad_serve_worker_new(dyad_serve *sv) {
    dyad_serve_worker *w = calloc(1, sizeof *w);
    if (w) w->sv = sv;
    return w;
}

void dyad_serve_worker_free(dyad_serve_worker *w) {
    if (!w) return;
    if (w->store) dyad_store_close(w->store);
    if (w->coder) dyad_coder_free(w->coder);
    free(w);
}

static dyad_store *worker_store(dyad_serve_worker *w, char *err, size_t n) {
    if (!w->store) w->store = dyad_store_open(w->sv->db, DYAD_STORE_READ, err, n);
    return w->store;
}

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

/* The cached answer for KEY (a reference: release it), or NULL: then the caller computes the answer and
 * calls cache_put.
 * An expired answer is recomputed by one worker while the others go on serving it (at most a few seconds
 * longer): when it expires, the requests for a popular view do not all run its queries at once, which was
 * the tail of the latency under load (every connection missing in the same instant). */
#define CACHE_REFRESH_MAX 5.0 /* seconds a refresh may take before another worker takes it over */
static dyad_serve_shared *cache_get(dyad_serve *sv, const char *key) {
    dyad_serve_shared *out = NULL;
    cache_entry *e = &sv->cache[cache_slot(key)];
    pthread_mutex_lock(&sv->mu);
    if (e->key && !strcmp(e->key, key)) {
        double now = mono();
        int fresh = now - e->at < sv->cache_ttl;
        if (!fresh && !(e->refreshing > 0 && now - e->refreshing < CACHE_REFRESH_MAX)) e->refreshing = now; /* this worker refreshes */
        else {
            out = e->body;
            atomic_fetch_add_explicit(&out->refs, 1, memory_order_relaxed);
        }
    }
    pthread_mutex_unlock(&sv->mu);
    return out;
}

/* The refresh of KEY ended without an answer to keep (an error): the next request tries again. */
static void cache_refresh_failed(dyad_serve *sv, const char *key) {
    cache_entry *e = &sv->cache[cache_slot(key)];
    pthread_mutex_lock(&sv->mu);
    if (e->key && !strcmp(e->key, key)) e->refreshing = 0;
    pthread_mutex_unlock(&sv->mu);
}

static void cache_put(dyad_serve *sv, const char *key, const char *body, size_t len) {
    if (len > CACHE_BODY_MAX) { /* not kept: nor is an older answer of the same key */
        cache_entry *e = &sv->cache[cache_slot(key)];
        pthread_mutex_lock(&sv->mu);
        char *ok = NULL;
        dyad_serve_shared *ob = NULL;
        if (e->key && !strcmp(e->key, key)) ok = e->key, ob = e->body, memset(e, 0, sizeof *e);
        pthread_mutex_unlock(&sv->mu);
        free(ok);
        dyad_serve_shared_release(ob);
        return;
    }
    char *k = strdup(key);
    dyad_serve_shared *b = k ? shared_new(body, len) : NULL;
    if (!b) { free(k); return; }
    cache_entry *e = &sv->cache[cache_slot(key)];
    pthread_mutex_lock(&sv->mu);
    char *ok = e->key;
    dyad_serve_shared *ob = e->body;
    e->key = k;
    e->body = b;
    e->at = mono();
    e->refreshing = 0;
    pthread_mutex_unlock(&sv->mu);
    free(ok);
    dyad_serve_shared_release(ob);
}

/* ---- responses ------------------------------------------------------------------------------------------ */

static const dyad_serve_header json_headers[] = {
    {"X-Content-Type-Options", "nosniff"},
    {"Cache-Control", "no-store"},
};
static const dyad_serve_header static_headers[] = {
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Referrer-Policy", "no-referrer"},
    {"Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"},
};
#define JSON_TYPE "application/json; charset=utf-8"

/* one request being answered */
typedef struct req {
    dyad_serve_worker *w;
    const dyad_serve_request *rq;
    dyad_serve_response *out;
} req;

/* hand B over to OUT; an out-of-memory buffer becomes a 500. 0, or -1 when even that cannot be allocated */
static int set_body(dyad_serve_response *out, int status, const char *type, buf *b) {
    if (b->oom) {
        free(b->p);
        b->p = NULL;
        b->len = b->cap = 0;
        b->oom = 0;
        status = 500;
        type = JSON_TYPE;
        b_puts(b, "{\"error\":\"out of memory\",\"status\":500}\n");
        if (b->oom) { free(b->p); out->body = NULL; out->len = 0; return -1; }
    }
    if (!b->p) { /* an empty body is still an allocated, NUL-terminated buffer */
        b->p = calloc(1, 1);
        if (!b->p) { out->body = NULL; out->len = 0; return -1; }
    }
    out->status = status;
    out->content_type = type;
    out->body = b->p;
    out->len = b->len;
    out->headers = json_headers;
    out->n_headers = sizeof json_headers / sizeof *json_headers;
    b->p = NULL;
    return 0;
}

static int send_json(req *r, int status, buf *b) {
    b_add(b, "\n", 1);
    return set_body(r->out, status, JSON_TYPE, b);
}

int dyad_serve_error(dyad_serve_response *out, int status, const char *msg) {
    buf b = {0};
    b_puts(&b, "{\"error\":");
    j_str(&b, msg);
    b_printf(&b, ",\"status\":%d}\n", status);
    return set_body(out, status, JSON_TYPE, &b);
}

static int send_error(req *r, int status, const char *msg) { return dyad_serve_error(r->out, status, msg); }

void dyad_serve_response_free(dyad_serve_response *out) {
    if (!out) return;
    if (out->shared) dyad_serve_shared_release(out->shared);
    else free(out->body);
    out->body = NULL;
    out->shared = NULL;
    out->len = 0;
}

/* ---- request parameters --------------------------------------------------------------------------------- */

/* 0, or -1 with a message naming the first parameter that is not in ALLOWED */
static int params_check(req *r, const char *const *allowed, char *err, size_t n) {
    for (size_t i = 0; i < r->rq->n_args; i++) {
        const char *key = r->rq->args[i].key ? r->rq->args[i].key : "";
        const char *const *a = allowed;
        while (*a && strcmp(*a, key)) a++;
        if (!*a) {
            char bad[128];
            snprintf(bad, sizeof bad, "%s", key);
            snprintf(err, n, "unknown parameter '%s'", bad);
            return -1;
        }
    }
    return 0;
}

/* the value of the first argument NAME, NULL when absent or empty */
static const char *arg(req *r, const char *name) {
    for (size_t i = 0; i < r->rq->n_args; i++) {
        const dyad_serve_arg *a = &r->rq->args[i];
        if (a->key && !strcmp(a->key, name)) return a->value && *a->value ? a->value : NULL;
    }
    return NULL;
}

static int arg_num(req *r, const char *name, long long def, long long max, long long *out, char *err, size_t n) {
    const char *v = arg(r, name);
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

static int read_filter(req *r, dyad_store_filter *f, char *err, size_t n) {
    memset(f, 0, sizeof *f);
    f->source = arg(r, "source");
    f->target = arg(r, "target");
    f->actor = arg(r, "actor");
    f->root = arg(r, "root");
    f->cameo = arg(r, "cameo");
    f->plover = arg(r, "plover");
    f->from = arg(r, "from");
    f->to = arg(r, "to");
    f->text = arg(r, "text");
    f->doc_id = arg(r, "doc");
    const char *q = arg(r, "quad");
    if (q) {
        if (q[0] < '1' || q[0] > '4' || q[1]) {
            snprintf(err, n, "quad: expected 1, 2, 3 or 4, not '%.20s'", q);
            return -1;
        }
        f->quad_class = q[0] - '0';
    }
    int bad_from = f->from && !dyad_date_valid(f->from);
    if (bad_from || (f->to && !dyad_date_valid(f->to))) {
        snprintf(err, n, "%s: '%.20s' is not a date (YYYY-MM-DD)", bad_from ? "from" : "to", bad_from ? f->from : f->to);
        return -1;
    }
    return 0;
}

/* the answer to a failed store call: 400 for an invalid filter, 500 for a database error (logged) */
static int store_error(req *r, int rc, const char *err) {
    if (rc == DYAD_STORE_EINVAL) return send_error(r, 400, err);
    snprintf(r->out->log, sizeof r->out->log, "%s", err);
    return send_error(r, 500, "database error");
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

static int api_events(req *r) {
    static const char *const allowed[] = {FILTER_PARAMS, "limit", "offset", "order", NULL};
    char err[1024];
    dyad_store_filter f;
    long long total = 0;
    if (params_check(r, allowed, err, sizeof err) || read_filter(r, &f, err, sizeof err) ||
        arg_num(r, "limit", EVENTS_DEFAULT, EVENTS_MAX, &f.limit, err, sizeof err) ||
        arg_num(r, "offset", 0, (long long)1 << 60, &f.offset, err, sizeof err))
        return send_error(r, 400, err);
    const char *order = arg(r, "order");
    if (order && strcmp(order, "asc") && strcmp(order, "desc"))
        return send_error(r, 400, "order: expected asc or desc");
    f.descending = order && !strcmp(order, "desc");
    if (f.limit == 0) f.limit = EVENTS_DEFAULT;
    dyad_store *s = worker_store(r->w, err, sizeof err);
    if (!s) return store_error(r, -1, err);
    int rc = dyad_store_count_events(s, &f, &total, err, sizeof err);
    if (rc) return store_error(r, rc, err);
    buf b = {0};
    b_printf(&b, "{\"total\":%lld,\"limit\":%lld,\"offset\":%lld,\"events\":[", total, f.limit, f.offset);
    rc = dyad_store_events(s, &f, on_event, &b, err, sizeof err);
    if (rc) { free(b.p); return store_error(r, rc, err); }
    j_end(&b, ']');
    b_add(&b, "}", 1);
    return send_json(r, 200, &b);
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
    int oom;
} series;

/* the periods come in time order, once each (dyad_store_counts) */
static int on_period(void *ud, const dyad_store_count *c) {
    series *s = ud;
    if (!c->key) return 0;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        period *p = realloc(s->p, cap * sizeof *p);
        if (!p) { s->oom = 1; return 1; }
        s->p = p;
        s->cap = cap;
    }
    period *p = &s->p[s->n++];
    memset(p, 0, sizeof *p);
    snprintf(p->key, sizeof p->key, "%s", c->key);
    p->events = c->events;
    p->goldstein = c->goldstein;
    for (int q = 0; q < 4; q++) p->quad[q] = c->quad[q], p->gq[q] = c->goldstein_quad[q];
    return 0;
}

static int api_series(req *r) {
    static const char *const allowed[] = {FILTER_PARAMS, "interval", NULL};
    char err[1024];
    dyad_store_filter f;
    if (params_check(r, allowed, err, sizeof err) || read_filter(r, &f, err, sizeof err))
        return send_error(r, 400, err);
    const char *iv = arg(r, "interval");
    int by = iv ? dyad_store_by_parse(iv) : DYAD_BY_MONTH;
    if (by < 0 || by > DYAD_BY_YEAR) return send_error(r, 400, "interval: expected day, week, month or year");
    dyad_store *st = worker_store(r->w, err, sizeof err);
    if (!st) return store_error(r, -1, err);
    series s = {0};
    /* one query: the counts, the Goldstein sum and its part per QuadClass, per period; cooperation's sum is
     * that of QuadClass 1 and 2, conflict's the rest */
    int want = f.quad_class;
    int rc = dyad_store_counts(st, &f, (dyad_store_by)by, on_period, &s, err, sizeof err);
    if (s.oom) { free(s.p); return send_error(r, 500, "out of memory"); }
    if (rc) { free(s.p); return store_error(r, rc, err); }
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
    return send_json(r, 200, &b);
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

static int api_top(req *r, int dyads) {
    static const char *const allowed[] = {FILTER_PARAMS, "top", NULL};
    char err[1024];
    dyad_store_filter f;
    long long top;
    if (params_check(r, allowed, err, sizeof err) || read_filter(r, &f, err, sizeof err) ||
        arg_num(r, "top", TOP_DEFAULT, TOP_MAX, &top, err, sizeof err))
        return send_error(r, 400, err);
    if (top == 0) top = TOP_DEFAULT;
    dyad_store *s = worker_store(r->w, err, sizeof err);
    if (!s) return store_error(r, -1, err);
    buf b = {0};
    b_puts(&b, dyads ? "{\"dyads\":[" : "{\"actors\":[");
    int rc = dyads ? dyad_store_top_dyads(s, &f, top, on_dyad, &b, err, sizeof err)
                   : dyad_store_top_actors(s, &f, top, on_actor, &b, err, sizeof err);
    if (rc) { free(b.p); return store_error(r, rc, err); }
    j_end(&b, ']');
    b_add(&b, "}", 1);
    return send_json(r, 200, &b);
}

static int api_health(req *r) {
    static const char *const allowed[] = {NULL};
    char err[1024];
    if (params_check(r, allowed, err, sizeof err)) return send_error(r, 400, err);
    dyad_store *s = worker_store(r->w, err, sizeof err);
    dyad_store_info info;
    if (!s || dyad_store_get_info(s, &info, err, sizeof err)) {
        snprintf(r->out->log, sizeof r->out->log, "%s", err);
        return send_error(r, 503, "database unavailable");
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
    return send_json(r, 200, &b);
}

/* POST /api/code: the body is plain text, or JSON {"text": "...", "date": "YYYY-MM-DD"} (Content-Type
 * application/json, or a body that starts with '{'); ?date= gives the date of a plain text */
static int api_code(req *r) {
    static const char *const allowed[] = {"date", NULL};
    char err[1024];
    if (params_check(r, allowed, err, sizeof err)) return send_error(r, 400, err);
    const char *ct = r->rq->content_type;
    const char *body = r->rq->body ? r->rq->body : "";
    size_t len = r->rq->body ? r->rq->body_len : 0;
    const char *date = arg(r, "date");
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
            return send_error(r, 400, err);
        }
        json_t *t = json_object_get(root, "text"), *d = json_object_get(root, "date");
        if (!json_is_string(t) || (d && !json_is_null(d) && !json_is_string(d))) {
            json_decref(root);
            return send_error(r, 400, "expected {\"text\": \"...\", \"date\": \"YYYY-MM-DD\"}");
        }
        text = json_string_value(t);
        tlen = json_string_length(t);
        if (json_is_string(d) && *json_string_value(d)) date = json_string_value(d);
    }
    if (date && !dyad_date_valid(date)) {
        json_decref(root);
        return send_error(r, 400, "date: not a date (YYYY-MM-DD)");
    }
    dyad_serve_worker *w = r->w;
    if (!w->coder) w->coder = dyad_coder_new(w->sv->dict);
    if (!w->coder) { json_decref(root); return send_error(r, 500, "out of memory"); }
    dyad_doc doc = {.id = "request", .text = text ? text : "", .len = text ? tlen : 0, .date = date};
    const dyad_result *res;
    if (dyad_code(w->coder, &doc, &res, err, sizeof err)) {
        json_decref(root);
        return send_error(r, 422, err);
    }
    buf b = {0};
    b_printf(&b, "{\"date\":");
    j_str(&b, date);
    b_printf(&b, ",\"sentences\":%zu,\"invalid_utf8\":%zu,\"events\":[", res->n_sentences, res->invalid_utf8);
    for (size_t i = 0; i < res->n_events; i++) {
        b_add(&b, "{", 1);
        j_event_fields(&b, &res->events[i]);
        j_citations(&b, res->citations, res->n_citations, res->events[i].sent);
        j_end(&b, '}');
        b_add(&b, ",", 1);
    }
    j_end(&b, ']');
    b_add(&b, ",", 1);
    j_citations(&b, res->citations, res->n_citations, -1);
    j_end(&b, '}');
    json_decref(root);
    return send_json(r, 200, &b);
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

/* the built-in file for PATH, or NULL: an exact match in the table, nothing else (no file system) */
static const web_file *find_static(const char *path) {
    if (!strcmp(path, "/")) path = "/index.html";
    if (path[0] != '/' || strstr(path, "..") || strchr(path, '\\')) return NULL;
    for (const web_file *f = dyad_web_files; f->path; f++)
        if (!strcmp(f->path, path + 1)) return f;
    return NULL;
}

static int send_static(req *r, const web_file *f) {
    buf b = {0};
    b_add(&b, (const char *)f->data, f->len);
    if (set_body(r->out, 200, mime(f->path), &b)) return -1;
    if (r->out->status == 200) {
        r->out->headers = static_headers;
        r->out->n_headers = sizeof static_headers / sizeof *static_headers;
    }
    return 0;
}

/* ---- dispatch ------------------------------------------------------------------------------------------- */

int dyad_serve_wants_body(const char *method, const char *path) {
    return method && path && !strcmp(method, "POST") && !strcmp(path, "/api/code");
}

/* the cache key of a GET: the path, then each argument length-prefixed, so that no value can pass for
 * another parameter */
static void cache_key(buf *key, const dyad_serve_request *rq) {
    b_puts(key, rq->path);
    for (size_t i = 0; i < rq->n_args; i++) {
        const char *k = rq->args[i].key ? rq->args[i].key : "", *v = rq->args[i].value;
        b_printf(key, "&%zu:", strlen(k));
        b_puts(key, k);
        b_printf(key, "=%zu:", v ? strlen(v) : 0);
        if (v) b_puts(key, v);
    }
}

int dyad_serve_handle(dyad_serve_worker *w, const dyad_serve_request *rq, dyad_serve_response *out) {
    memset(out, 0, sizeof *out);
    req r = {w, rq, out};
    const char *method = rq->method ? rq->method : "", *path = rq->path ? rq->path : "";
    int get = !strcmp(method, "GET") || !strcmp(method, "HEAD"), post = !strcmp(method, "POST");
    if (!strncmp(path, "/api/", 5)) {
        int is_code = !strcmp(path, "/api/code");
        int known = !strcmp(path, "/api/events") || !strcmp(path, "/api/series") || !strcmp(path, "/api/actors") ||
                    !strcmp(path, "/api/dyads") || !strcmp(path, "/api/health") || is_code;
        if (!known) return send_error(&r, 404, "no such endpoint");
        if (is_code) {
            if (!post) return send_error(&r, 405, "use POST");
            if (rq->body_len > DYAD_SERVE_BODY_MAX) return send_error(&r, 413, "request body over 1 MB");
            return api_code(&r);
        }
        if (!get) return send_error(&r, 405, "use GET");
        if (!strcmp(path, "/api/health")) return api_health(&r);
        dyad_serve *sv = w->sv;
        buf key = {0};
        if (sv->cache_ttl > 0) {
            cache_key(&key, rq);
            dyad_serve_shared *hit = key.oom ? NULL : cache_get(sv, key.p);
            if (hit) {
                free(key.p);
                out->status = 200;
                out->content_type = JSON_TYPE;
                out->body = hit->body;
                out->len = hit->len;
                out->shared = hit;
                out->headers = json_headers;
                out->n_headers = sizeof json_headers / sizeof *json_headers;
                return 0;
            }
        }
        int ret;
        if (!strcmp(path, "/api/events")) ret = api_events(&r);
        else if (!strcmp(path, "/api/series")) ret = api_series(&r);
        else ret = api_top(&r, !strcmp(path, "/api/dyads"));
        if (!ret && key.p && !key.oom && out->status == 200) cache_put(sv, key.p, out->body, out->len);
        else if (key.p && !key.oom) cache_refresh_failed(sv, key.p);
        free(key.p);
        return ret;
    }
    const web_file *f = find_static(path);
    if (!f) return send_error(&r, 404, "not found");
    if (!get) return send_error(&r, 405, "use GET");
    return send_static(&r, f);
}

/* ---- query strings ---------------------------------------------------------------------------------------- */

static int hexval(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* decode S in place: '+' is a space, %XX a byte (a '%' without two hex digits stays) */
static void unescape(char *s) {
    char *o = s;
    for (char *p = s; *p; p++) {
        int hi, lo;
        if (*p == '+') *o++ = ' ';
        else if (*p == '%' && (hi = hexval((unsigned char)p[1])) >= 0 && (lo = hexval((unsigned char)p[2])) >= 0) {
            *o++ = (char)(hi * 16 + lo);
            p += 2;
        } else *o++ = *p;
    }
    *o = 0;
}

size_t dyad_serve_parse_query(char *qs, dyad_serve_arg *args, size_t max) {
    size_t n = 0;
    char *p = qs;
    while (p && *p) {
        char *amp = strchr(p, '&');
        if (amp) *amp = 0;
        char *eq = strchr(p, '=');
        if (eq) *eq = 0;
        unescape(p);
        if (eq) unescape(eq + 1);
        if (n < max) args[n++] = (dyad_serve_arg){p, eq ? eq + 1 : NULL};
        p = amp ? amp + 1 : NULL;
    }
    return n;
}
