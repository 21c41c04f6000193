/* test_serve.c -- the HTTP request handler of `dyad serve` called directly, without a socket
 * (src/serve/serve.c): routing, parameter checks, the JSON answers against the store's own counts, escaping
 * of stored markup, POST /api/code, the built-in files and their headers, the answer cache, database errors,
 * and the query-string splitter. The store is made once from examples/bulletin.txt (dated 2001-03-08) and a
 * JSON Lines document carrying <script> and SQL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "serve/serve.h"
#include "serve/web.h"
#include <jansson.h>
#include <math.h>
#include <time.h>

static char *dir;
static char db[1100];
static dyad_serve *sv, *svc; /* without and with the cache */
static dyad_serve_worker *w, *wc;

static const char marked[] =
    "{\"id\":\"x'); DROP TABLE documents;--\",\"date\":\"2001-03-09\",\"title\":\"<img src=x onerror=alert(2)>\","
    "\"text\":\"Russia accused Uzbekistan of <script>alert(1)</script> and '); DROP TABLE events;-- on Monday.\"}\n";

static int group_setup(void **state) {
    (void)state;
    char err[512], path[1100];
    dir = tu_mkdtemp();
    if (!dir) return -1;
    snprintf(db, sizeof db, "%s/events.db", dir);
    snprintf(path, sizeof path, "%s/marked.jsonl", dir);
    if (tu_store_ingest(db, "examples/bulletin.txt", tu_dict(), "2001-03-08", err, sizeof err) ||
        tu_write_file(dir, "marked.jsonl", marked, (size_t)-1) ||
        tu_store_ingest(db, path, tu_dict(), "2001-03-08", err, sizeof err)) {
        fprintf(stderr, "test_serve: %s\n", err);
        return -1;
    }
    sv = dyad_serve_new(&(dyad_serve_options){.db = db, .dict = tu_dict(), .cache_ttl = 0});
    svc = dyad_serve_new(&(dyad_serve_options){.db = db, .dict = tu_dict(), .cache_ttl = 3600});
    w = sv ? dyad_serve_worker_new(sv) : NULL;
    wc = svc ? dyad_serve_worker_new(svc) : NULL;
    return w && wc ? 0 : -1;
}

static int group_teardown(void **state) {
    (void)state;
    dyad_serve_worker_free(w);
    dyad_serve_worker_free(wc);
    dyad_serve_free(sv);
    dyad_serve_free(svc);
    if (dir) tu_rmtree(dir);
    free(dir);
    return 0;
}

/* ---- helpers ----------------------------------------------------------------------------------------- */

/* answer METHOD PATH?QUERY with BODY (NULL: none) on worker WK; OUT must be freed */
static void call_on(dyad_serve_worker *wk, const char *method, const char *path, const char *query,
                    const char *ctype, const char *body, size_t blen, dyad_serve_response *out) {
    char qs[4096];
    snprintf(qs, sizeof qs, "%s", query ? query : "");
    dyad_serve_arg args[32];
    size_t n = dyad_serve_parse_query(qs, args, 32);
    dyad_serve_request rq = {.method = method, .path = path, .args = args, .n_args = n, .content_type = ctype,
                             .body = body, .body_len = body ? (blen ? blen : strlen(body)) : 0};
    assert_int_equal(dyad_serve_handle(wk, &rq, out), 0);
    assert_non_null(out->body);
    assert_int_equal(out->body[out->len], 0);
}

/* GET PATH?QUERY: its status; its JSON in *J (NULL when the answer is not JSON) */
static int get_json(const char *path, const char *query, json_t **j) {
    dyad_serve_response out;
    call_on(w, "GET", path, query, NULL, NULL, 0, &out);
    json_error_t je;
    *j = strncmp(out.content_type, "application/json", 16) ? NULL : json_loadb(out.body, out.len, 0, &je);
    if (!strncmp(out.content_type, "application/json", 16)) {
        if (!*j) fprintf(stderr, "not JSON: %s\n", out.body);
        assert_non_null(*j);
    }
    int st = out.status;
    dyad_serve_response_free(&out);
    return st;
}

static long long jint(json_t *j, const char *key) { return (long long)json_integer_value(json_object_get(j, key)); }

/* the status of GET PATH?QUERY, and that an error answer names NEEDLE */
static void expect_error(const char *method, const char *path, const char *query, int status, const char *needle) {
    dyad_serve_response out;
    call_on(w, method, path, query, NULL, NULL, 0, &out);
    if (out.status != status) fprintf(stderr, "%s %s?%s: %d %s\n", method, path, query, out.status, out.body);
    assert_int_equal(out.status, status);
    json_error_t je;
    json_t *j = json_loadb(out.body, out.len, 0, &je);
    assert_non_null(j);
    assert_int_equal(jint(j, "status"), status);
    const char *msg = json_string_value(json_object_get(j, "error"));
    assert_non_null(msg);
    if (needle && !strstr(msg, needle)) fprintf(stderr, "'%s' does not name '%s'\n", msg, needle);
    if (needle) assert_non_null(strstr(msg, needle));
    json_decref(j);
    dyad_serve_response_free(&out);
}

/* how many events the store has for a filter */
static long long store_count(const dyad_store_filter *f) {
    char err[256];
    dyad_store *s = dyad_store_open(db, DYAD_STORE_READ, err, sizeof err);
    assert_non_null(s);
    long long n = -1;
    assert_int_equal(dyad_store_count_events(s, f, &n, err, sizeof err), 0);
    dyad_store_close(s);
    return n;
}

/* the store still holds N documents (nothing dropped, nothing added) */
static void expect_documents(long long n) {
    json_t *h;
    assert_int_equal(get_json("/api/health", NULL, &h), 200);
    assert_int_equal(jint(h, "documents"), n);
    json_decref(h);
}

/* ---- tests ------------------------------------------------------------------------------------------- */

static void test_health(void **state) {
    (void)state;
    json_t *j;
    assert_int_equal(get_json("/api/health", NULL, &j), 200);
    assert_string_equal(json_string_value(json_object_get(j, "status")), "ok");
    assert_string_equal(json_string_value(json_object_get(j, "backend")), "sqlite");
    dyad_store_filter all = {0};
    assert_int_equal(jint(j, "events"), store_count(&all));
    assert_true(jint(j, "events") > 10);
    assert_int_equal(jint(j, "documents"), 2);
    json_decref(j);
    expect_error("GET", "/api/health", "x=1", 400, "unknown parameter 'x'");
}

static void test_events_paging(void **state) {
    (void)state;
    dyad_store_filter all = {0};
    long long total = store_count(&all);
    json_t *a, *b;
    assert_int_equal(get_json("/api/events", "limit=5", &a), 200);
    assert_int_equal(jint(a, "total"), total);
    assert_int_equal(json_array_size(json_object_get(a, "events")), 5);
    assert_int_equal(get_json("/api/events", "limit=1&offset=2", &b), 200);
    json_t *e2 = json_array_get(json_object_get(a, "events"), 2), *b0 = json_array_get(json_object_get(b, "events"), 0);
    assert_int_equal(jint(e2, "id"), jint(b0, "id"));
    json_decref(a);
    json_decref(b);
    /* a limit over the maximum is cut to it; 0 is the default */
    assert_int_equal(get_json("/api/events", "limit=5000", &a), 200);
    assert_int_equal(jint(a, "limit"), 1000);
    assert_int_equal(json_array_size(json_object_get(a, "events")), total);
    json_decref(a);
    assert_int_equal(get_json("/api/events", "limit=0", &a), 200);
    assert_int_equal(jint(a, "limit"), 100);
    json_decref(a);
    /* newest first */
    assert_int_equal(get_json("/api/events", "order=desc&limit=1", &a), 200);
    assert_int_equal(get_json("/api/events", "limit=1", &b), 200);
    const char *da = json_string_value(json_object_get(json_array_get(json_object_get(a, "events"), 0), "date"));
    const char *db_ = json_string_value(json_object_get(json_array_get(json_object_get(b, "events"), 0), "date"));
    assert_true(strcmp(da, db_) > 0);
    json_decref(a);
    json_decref(b);
}

static void test_events_filters(void **state) {
    (void)state;
    struct { const char *query; dyad_store_filter f; } cases[] = {
        {"source=TKM", {.source = "TKM"}},
        {"target=UZB", {.target = "UZB"}},
        {"actor=KGZ", {.actor = "KGZ"}},
        {"root=11", {.root = "11"}},
        {"cameo=04", {.cameo = "04"}},
        {"plover=accuse", {.plover = "accuse"}},
        {"quad=1", {.quad_class = 1}},
        {"from=2001-03-06&to=2001-03-07", {.from = "2001-03-06", .to = "2001-03-07"}},
        {"text=water", {.text = "water"}},
        {"doc=bulletin.txt", {.doc_id = "bulletin.txt"}},
    };
    dyad_store_filter all = {0};
    long long total = store_count(&all);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char q[128];
        snprintf(q, sizeof q, "%s&limit=1000", cases[i].query);
        json_t *j;
        assert_int_equal(get_json("/api/events", q, &j), 200);
        long long want = store_count(&cases[i].f);
        if (jint(j, "total") != want) fprintf(stderr, "%s: %lld, store %lld\n", q, jint(j, "total"), want);
        assert_int_equal(jint(j, "total"), want);
        assert_int_equal(json_array_size(json_object_get(j, "events")), want);
        assert_true(want > 0 && (want < total || cases[i].f.doc_id));
        json_decref(j);
    }
}

static void test_parameter_errors(void **state) {
    (void)state;
    expect_error("GET", "/api/events", "from=2001-13-01", 400, "from");
    expect_error("GET", "/api/events", "to=tomorrow", 400, "to");
    expect_error("GET", "/api/events", "limit=abc", 400, "limit");
    expect_error("GET", "/api/events", "offset=-3", 400, "offset");
    expect_error("GET", "/api/events", "sauce=UZB", 400, "unknown parameter 'sauce'");
    expect_error("GET", "/api/events", "Source=UZB", 400, "unknown parameter 'Source'");
    expect_error("GET", "/api/events", "quad=7", 400, "quad");
    expect_error("GET", "/api/events", "order=up", 400, "order");
    expect_error("GET", "/api/events", "limit=99999999999999999999999", 400, "limit");
    expect_error("GET", "/api/series", "interval=dyad", 400, "interval");
    expect_error("GET", "/api/series", "limit=3", 400, "unknown parameter 'limit'");
    expect_error("GET", "/api/dyads", "top=-1", 400, "top");
    expect_error("GET", "/api/actors", "interval=day", 400, "unknown parameter");
    /* an empty value is no filter */
    json_t *a, *b;
    assert_int_equal(get_json("/api/events", "source=&limit=1000", &a), 200);
    assert_int_equal(get_json("/api/events", "limit=1000", &b), 200);
    assert_int_equal(jint(a, "total"), jint(b, "total"));
    json_decref(a);
    json_decref(b);
}

static void test_routes_and_methods(void **state) {
    (void)state;
    expect_error("GET", "/api/nope", NULL, 404, "no such endpoint");
    expect_error("GET", "/api/", NULL, 404, NULL);
    expect_error("GET", "/nope.html", NULL, 404, "not found");
    expect_error("POST", "/api/events", NULL, 405, "use GET");
    expect_error("DELETE", "/api/events", NULL, 405, "use GET");
    expect_error("PUT", "/api/health", NULL, 405, "use GET");
    expect_error("GET", "/api/code", NULL, 405, "use POST");
    expect_error("POST", "/", NULL, 405, "use GET");
    assert_true(dyad_serve_wants_body("POST", "/api/code"));
    assert_false(dyad_serve_wants_body("POST", "/api/events"));
    assert_false(dyad_serve_wants_body("GET", "/api/code"));
    assert_false(dyad_serve_wants_body(NULL, NULL));
    /* no method or path at all */
    dyad_serve_request rq = {0};
    dyad_serve_response out;
    assert_int_equal(dyad_serve_handle(w, &rq, &out), 0);
    assert_int_equal(out.status, 404);
    dyad_serve_response_free(&out);
}

static int has_header(const dyad_serve_response *out, const char *name, const char *prefix) {
    for (size_t i = 0; i < out->n_headers; i++)
        if (!strcasecmp(out->headers[i].name, name) && !strncmp(out->headers[i].value, prefix, strlen(prefix))) return 1;
    return 0;
}

static void test_static_files(void **state) {
    (void)state;
    const char *paths[] = {"/", "/index.html", "/app.js", "/app.css"};
    const char *files[] = {"index.html", "index.html", "app.js", "app.css"};
    const char *types[] = {"text/html", "text/html", "text/javascript", "text/css"};
    for (size_t i = 0; i < 4; i++) {
        dyad_serve_response out;
        call_on(w, i == 2 ? "HEAD" : "GET", paths[i], NULL, NULL, NULL, 0, &out);
        assert_int_equal(out.status, 200);
        assert_non_null(strstr(out.content_type, types[i]));
        const web_file *f = dyad_web_files;
        while (f->path && strcmp(f->path, files[i])) f++;
        assert_non_null(f->path);
        assert_int_equal(out.len, f->len);
        assert_memory_equal(out.body, f->data, f->len);
        assert_true(has_header(&out, "Content-Security-Policy", "default-src 'none'"));
        assert_true(has_header(&out, "X-Frame-Options", "DENY"));
        assert_true(has_header(&out, "X-Content-Type-Options", "nosniff"));
        dyad_serve_response_free(&out);
    }
    /* only the exact names of the table: nothing else reaches a file */
    const char *bad[] = {"/../../../../etc/passwd", "/app.js/../../Makefile", "/web/app.js", "/./index.html",
                         "//etc/passwd", "/\\..\\Makefile", "/index.html/", "/app.js\n", "index.html", "", "/..",
                         "/%2e%2e/Makefile"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) expect_error("GET", bad[i], NULL, 404, "not found");
    /* JSON answers are not cached by the browser */
    dyad_serve_response out;
    call_on(w, "GET", "/api/health", NULL, NULL, NULL, 0, &out);
    assert_true(has_header(&out, "Cache-Control", "no-store"));
    assert_string_equal(out.content_type, "application/json; charset=utf-8");
    dyad_serve_response_free(&out);
}

static void test_stored_markup_escaped(void **state) {
    (void)state;
    dyad_serve_response out;
    call_on(w, "GET", "/api/events", "text=script", NULL, NULL, 0, &out);
    assert_int_equal(out.status, 200);
    assert_null(memchr(out.body, '<', out.len));
    assert_null(memchr(out.body, '>', out.len));
    assert_null(memchr(out.body, '\'', out.len));
    assert_non_null(strstr(out.body, "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"));
    assert_non_null(strstr(out.body, "\\u003cimg src=x onerror=alert(2)\\u003e"));
    assert_non_null(strstr(out.body, "x\\u0027); DROP TABLE documents;--"));
    json_error_t je;
    json_t *j = json_loadb(out.body, out.len, 0, &je);
    assert_non_null(j);
    assert_int_equal(jint(j, "total"), 1);
    const char *text = json_string_value(json_object_get(json_array_get(json_object_get(j, "events"), 0), "text"));
    assert_non_null(strstr(text, "<script>alert(1)</script> and '); DROP TABLE events;--"));
    json_decref(j);
    dyad_serve_response_free(&out);
    /* SQL as a filter value is data */
    call_on(w, "GET", "/api/events", "source=%27%29%3B+DROP+TABLE+events%3B--", NULL, NULL, 0, &out);
    assert_true(out.status == 200 || out.status == 400);
    dyad_serve_response_free(&out);
    call_on(w, "GET", "/api/events", "doc=x%27%29%3B+DROP+TABLE+documents%3B--", NULL, NULL, 0, &out);
    assert_int_equal(out.status, 200);
    assert_non_null(strstr(out.body, "\"total\":1,"));
    dyad_serve_response_free(&out);
    expect_documents(2);
}

/* the Goldstein sum of QuadClass QUAD in the period PERIOD of /api/series?QUERY&quad=QUAD (0 when absent) */
static double quad_goldstein(const char *query, int quad, const char *period) {
    char q[256];
    snprintf(q, sizeof q, "%s%squad=%d", query, *query ? "&" : "", quad);
    json_t *j;
    assert_int_equal(get_json("/api/series", q, &j), 200);
    json_t *s = json_object_get(j, "series");
    double g = 0;
    for (size_t i = 0; i < json_array_size(s); i++) {
        json_t *p = json_array_get(s, i);
        if (!strcmp(json_string_value(json_object_get(p, "period")), period))
            g = json_number_value(json_object_get(p, "goldstein"));
    }
    json_decref(j);
    return g;
}

/* One series query gives the Goldstein sums of cooperation and conflict per period (the store's sums per
 * QuadClass): they equal the sums of the series filtered to each QuadClass, from the aggregate tables and
 * from the events table (a text filter) alike. */
static void test_series_quad_sums(void **state) {
    (void)state;
    const char *queries[] = {"interval=year", "interval=month&actor=UZB", "interval=year&text=Russia"};
    for (size_t k = 0; k < sizeof queries / sizeof *queries; k++) {
        json_t *j;
        assert_int_equal(get_json("/api/series", queries[k], &j), 200);
        json_t *s = json_object_get(j, "series");
        assert_true(json_array_size(s) > 0);
        int nonzero = 0;
        for (size_t i = 0; i < json_array_size(s); i++) {
            json_t *p = json_array_get(s, i);
            const char *period = json_string_value(json_object_get(p, "period"));
            double coop = json_number_value(json_object_get(p, "goldstein_coop"));
            double conflict = json_number_value(json_object_get(p, "goldstein_conflict"));
            double q1 = quad_goldstein(queries[k], 1, period), q2 = quad_goldstein(queries[k], 2, period);
            double q3 = quad_goldstein(queries[k], 3, period), q4 = quad_goldstein(queries[k], 4, period);
            assert_true(fabs(coop - (q1 + q2)) < 1e-9);
            assert_true(fabs(conflict - (q3 + q4)) < 1e-9);
            nonzero += coop != 0 || conflict != 0;
        }
        assert_true(nonzero > 0);
        json_decref(j);
    }
}

static void test_series_and_top(void **state) {
    (void)state;
    json_t *j;
    assert_int_equal(get_json("/api/series", "interval=day", &j), 200);
    assert_string_equal(json_string_value(json_object_get(j, "interval")), "day");
    json_t *s = json_object_get(j, "series");
    long long sum = 0;
    const char *prev = "";
    for (size_t i = 0; i < json_array_size(s); i++) {
        json_t *p = json_array_get(s, i);
        sum += jint(p, "events");
        assert_int_equal(jint(p, "coop") + jint(p, "conflict"), jint(p, "events"));
        const char *period = json_string_value(json_object_get(p, "period"));
        assert_true(strcmp(prev, period) < 0);
        prev = period;
    }
    dyad_store_filter dated = {.from = "1000-01-01"};
    assert_int_equal(sum, store_count(&dated));
    json_decref(j);
    assert_int_equal(get_json("/api/series", NULL, &j), 200);
    assert_string_equal(json_string_value(json_object_get(j, "interval")), "month");
    json_decref(j);
    assert_int_equal(get_json("/api/actors", "top=3", &j), 200);
    json_t *a = json_object_get(j, "actors");
    assert_int_equal(json_array_size(a), 3);
    assert_true(jint(json_array_get(a, 0), "events") >= jint(json_array_get(a, 2), "events"));
    json_decref(j);
    assert_int_equal(get_json("/api/dyads", "top=2", &j), 200);
    json_t *d = json_object_get(j, "dyads");
    assert_int_equal(json_array_size(d), 2);
    assert_non_null(json_object_get(json_array_get(d, 0), "mean_goldstein"));
    assert_non_null(json_object_get(json_array_get(d, 0), "target"));
    json_decref(j);
}

static void test_code(void **state) {
    (void)state;
    dyad_serve_response out;
    call_on(w, "POST", "/api/code", "date=2001-01-02", "text/plain", "Russia accused Uzbekistan of supporting the rebels.", 0, &out);
    assert_int_equal(out.status, 200);
    json_error_t je;
    json_t *j = json_loadb(out.body, out.len, 0, &je);
    assert_non_null(j);
    json_t *e = json_array_get(json_object_get(j, "events"), 0);
    assert_string_equal(json_string_value(json_object_get(json_object_get(e, "source"), "code")), "RUS");
    assert_string_equal(json_string_value(json_object_get(json_object_get(e, "target"), "code")), "UZB");
    assert_string_equal(json_string_value(json_object_get(e, "root")), "11");
    assert_string_equal(json_string_value(json_object_get(j, "date")), "2001-01-02");
    json_decref(j);
    dyad_serve_response_free(&out);
    /* JSON, by its Content-Type or its first character; the date resolves "on Monday" */
    const char *json = "{\"text\":\"Kazakhstan praised China on Monday.\",\"date\":\"2001-03-08\"}";
    for (int k = 0; k < 2; k++) {
        call_on(w, "POST", "/api/code", NULL, k ? NULL : "application/json", json, 0, &out);
        assert_int_equal(out.status, 200);
        j = json_loadb(out.body, out.len, 0, &je);
        assert_non_null(j);
        assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j, "events"), 0), "date")), "2001-03-05");
        json_decref(j);
        dyad_serve_response_free(&out);
    }
    /* an empty body codes nothing */
    call_on(w, "POST", "/api/code", NULL, NULL, NULL, 0, &out);
    assert_int_equal(out.status, 200);
    assert_non_null(strstr(out.body, "\"events\":[]"));
    dyad_serve_response_free(&out);
    /* not stored */
    expect_documents(2);
}

static void test_code_errors(void **state) {
    (void)state;
    struct { const char *ctype, *body, *query, *needle; } cases[] = {
        {"application/json", "{\"text\":", NULL, "invalid JSON body"},
        {"application/json", "[1,2]", NULL, "expected an object"},
        {NULL, "{\"text\": 3}", NULL, "expected {"},
        {NULL, "{\"text\": \"a\", \"text\": \"b\"}", NULL, "invalid JSON"},
        {NULL, "{\"text\": \"a\", \"date\": 5}", NULL, "expected {"},
        {NULL, "{\"text\": \"a\", \"date\": \"2001-02-30\"}", NULL, "date"},
        {"text/plain", "x", "date=yesterday", "date"},
        {"text/plain", "x", "lang=en", "unknown parameter \\u0027lang\\u0027"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        dyad_serve_response out;
        call_on(w, "POST", "/api/code", cases[i].query, cases[i].ctype, cases[i].body, 0, &out);
        if (out.status != 400 || !strstr(out.body, cases[i].needle)) fprintf(stderr, "case %zu: %d %s\n", i, out.status, out.body);
        assert_int_equal(out.status, 400);
        assert_non_null(strstr(out.body, cases[i].needle));
        dyad_serve_response_free(&out);
    }
    /* a body over the limit is refused, whoever read it */
    size_t big = DYAD_SERVE_BODY_MAX + 1;
    char *b = malloc(big);
    assert_non_null(b);
    memset(b, 'a', big);
    dyad_serve_response out;
    call_on(w, "POST", "/api/code", NULL, "text/plain", b, big, &out);
    assert_int_equal(out.status, 413);
    dyad_serve_response_free(&out);
    /* one byte under is coded, and the body need not end with a NUL */
    memset(b, ' ', big);
    call_on(w, "POST", "/api/code", NULL, "text/plain", b, big - 1, &out);
    assert_int_equal(out.status, 200);
    dyad_serve_response_free(&out);
    free(b);
    /* the caller's own refusals look the same */
    assert_int_equal(dyad_serve_error(&out, 413, "request body over 1 MB"), 0);
    assert_int_equal(out.status, 413);
    assert_string_equal(out.body, "{\"error\":\"request body over 1 MB\",\"status\":413}\n");
    dyad_serve_response_free(&out);
}

static void test_cache(void **state) {
    (void)state;
    const char *reqs[][2] = {
        {"/api/events", "limit=3"}, {"/api/events", "actor=UZB&limit=1000"}, {"/api/events", "doc=bulletin.txt"},
        {"/api/series", "actor=UZB"}, {"/api/series", "interval=day"}, {"/api/dyads", "top=10"},
        {"/api/actors", "top=2"}, {"/api/actors", NULL},
    };
    for (size_t i = 0; i < sizeof reqs / sizeof *reqs; i++) {
        dyad_serve_response a, b, c;
        call_on(w, "GET", reqs[i][0], reqs[i][1], NULL, NULL, 0, &a);
        call_on(wc, "GET", reqs[i][0], reqs[i][1], NULL, NULL, 0, &b); /* a miss */
        call_on(wc, "GET", reqs[i][0], reqs[i][1], NULL, NULL, 0, &c); /* a hit */
        assert_int_equal(a.status, 200);
        assert_int_equal(b.status, 200);
        assert_int_equal(c.status, 200);
        assert_int_equal(a.len, b.len);
        assert_int_equal(a.len, c.len);
        assert_memory_equal(a.body, b.body, a.len);
        assert_memory_equal(a.body, c.body, a.len);
        /* a hit is the cache's own answer, shared (not copied): a second hit has the same body */
        assert_null(a.shared);
        assert_non_null(c.shared);
        dyad_serve_response d;
        call_on(wc, "GET", reqs[i][0], reqs[i][1], NULL, NULL, 0, &d);
        assert_ptr_equal(d.shared, c.shared);
        assert_ptr_equal(d.body, c.body);
        dyad_serve_response_free(&d);
        dyad_serve_response_free(&a);
        dyad_serve_response_free(&b);
        dyad_serve_response_free(&c);
    }
    /* a newline in a value cannot pass for a second parameter: two different answers */
    json_t *j;
    dyad_serve_response out;
    call_on(wc, "GET", "/api/events", "doc=bulletin.txt&limit=1000", NULL, NULL, 0, &out);
    assert_non_null(j = json_loadb(out.body, out.len, 0, NULL));
    assert_true(jint(j, "total") > 0);
    json_decref(j);
    dyad_serve_response_free(&out);
    call_on(wc, "GET", "/api/events", "doc=bulletin.txt%0Alimit%3D1000", NULL, NULL, 0, &out);
    assert_non_null(j = json_loadb(out.body, out.len, 0, NULL));
    assert_int_equal(jint(j, "total"), 0);
    json_decref(j);
    dyad_serve_response_free(&out);
    /* errors are not cached */
    for (int k = 0; k < 2; k++) {
        call_on(wc, "GET", "/api/events", "quad=9", NULL, NULL, 0, &out);
        assert_int_equal(out.status, 400);
        dyad_serve_response_free(&out);
    }
}

/* An answer expires after the ttl: until then it is served as cached (a document ingested meanwhile does not
 * show), after it the first request recomputes it (and the new document shows). The ttl leaves time for the
 * ingest in between on a slow machine (a sanitizer build under load took over the 0.3 s it once was). */
#define EXPIRY_TTL 3.0
static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
static void test_cache_expiry(void **state) {
    (void)state;
    char err[512], sdb[1100];
    snprintf(sdb, sizeof sdb, "%s/expiry.db", dir);
    assert_int_equal(tu_store_ingest(sdb, "examples/bulletin.txt", tu_dict(), "2001-03-08", err, sizeof err), 0);
    dyad_serve *s2 = dyad_serve_new(&(dyad_serve_options){.db = sdb, .dict = tu_dict(), .cache_ttl = EXPIRY_TTL});
    assert_non_null(s2);
    dyad_serve_worker *w2 = dyad_serve_worker_new(s2);
    assert_non_null(w2);
    dyad_serve_response out;
    json_t *j;
    long long before, cached, after;
    double t0 = now_s();
    call_on(w2, "GET", "/api/events", "limit=1", NULL, NULL, 0, &out);
    assert_non_null(j = json_loadb(out.body, out.len, 0, NULL));
    before = jint(j, "total");
    json_decref(j);
    dyad_serve_response_free(&out);
    char path[1100];
    snprintf(path, sizeof path, "%s/marked.jsonl", dir);
    assert_int_equal(tu_store_ingest(sdb, path, tu_dict(), "2001-03-08", err, sizeof err), 0);
    dyad_serve_response held; /* a cached answer still being sent when its entry is replaced */
    call_on(w2, "GET", "/api/events", "limit=1", NULL, NULL, 0, &held);
    assert_non_null(held.shared);
    assert_non_null(j = json_loadb(held.body, held.len, 0, NULL));
    cached = jint(j, "total");
    json_decref(j);
    assert_int_equal(cached, before);
    char *copy = strdup(held.body);
    assert_non_null(copy);
    assert_true(now_s() - t0 < EXPIRY_TTL); /* else the hit above could not have been one */
    double wait = t0 + EXPIRY_TTL + 0.1 - now_s();
    struct timespec ts = {(time_t)wait, (long)((wait - (double)(time_t)wait) * 1e9)};
    nanosleep(&ts, NULL);
    call_on(w2, "GET", "/api/events", "limit=1", NULL, NULL, 0, &out);
    assert_int_equal(out.status, 200);
    assert_non_null(j = json_loadb(out.body, out.len, 0, NULL));
    after = jint(j, "total");
    json_decref(j);
    dyad_serve_response_free(&out);
    assert_true(after > before);
    /* the replaced answer lives on until its last response is freed (ASan: no use after free) */
    assert_string_equal(held.body, copy);
    dyad_serve_response_free(&held);
    free(copy);
    dyad_serve_worker_free(w2);
    dyad_serve_free(s2);
}

static void test_database_errors(void **state) {
    (void)state;
    char missing[1200];
    snprintf(missing, sizeof missing, "%s/missing.db", dir);
    dyad_serve *bad = dyad_serve_new(&(dyad_serve_options){.db = missing, .dict = tu_dict()});
    assert_non_null(bad);
    dyad_serve_worker *bw = dyad_serve_worker_new(bad);
    assert_non_null(bw);
    dyad_serve_response out;
    call_on(bw, "GET", "/api/health", NULL, NULL, NULL, 0, &out);
    assert_int_equal(out.status, 503);
    assert_non_null(strstr(out.body, "database unavailable"));
    assert_non_null(strstr(out.log, "missing.db")); /* the details go to the log, not to the client */
    assert_null(strstr(out.body, "missing.db"));
    dyad_serve_response_free(&out);
    call_on(bw, "GET", "/api/events", NULL, NULL, NULL, 0, &out);
    assert_int_equal(out.status, 500);
    assert_non_null(strstr(out.body, "database error"));
    assert_true(out.log[0] != 0);
    dyad_serve_response_free(&out);
    /* a parameter error is found before the store is opened */
    call_on(bw, "GET", "/api/events", "quad=5", NULL, NULL, 0, &out);
    assert_int_equal(out.status, 400);
    assert_string_equal(out.log, "");
    dyad_serve_response_free(&out);
    dyad_serve_worker_free(bw);
    dyad_serve_free(bad);
}

static void test_parse_query(void **state) {
    (void)state;
    char qs[] = "a=1&b=x%20y+z&c&d=%zz%4&=e&f=%41%62%2B&&g=h=i";
    dyad_serve_arg args[16];
    size_t n = dyad_serve_parse_query(qs, args, 16);
    assert_int_equal(n, 8);
    assert_string_equal(args[0].key, "a");
    assert_string_equal(args[0].value, "1");
    assert_string_equal(args[1].value, "x y z");
    assert_string_equal(args[2].key, "c");
    assert_null(args[2].value);
    assert_string_equal(args[3].value, "%zz%4"); /* a bad escape stays */
    assert_string_equal(args[4].key, "");
    assert_string_equal(args[4].value, "e");
    assert_string_equal(args[5].value, "Ab+");
    assert_string_equal(args[6].key, "");
    assert_null(args[6].value);
    assert_string_equal(args[7].key, "g");
    assert_string_equal(args[7].value, "h=i");
    char few[] = "a=1&b=2&c=3";
    assert_int_equal(dyad_serve_parse_query(few, args, 2), 2);
    char empty[] = "";
    assert_int_equal(dyad_serve_parse_query(empty, args, 16), 0);
    assert_int_equal(dyad_serve_parse_query(NULL, args, 16), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_health),
        cmocka_unit_test(test_events_paging),
        cmocka_unit_test(test_events_filters),
        cmocka_unit_test(test_parameter_errors),
        cmocka_unit_test(test_routes_and_methods),
        cmocka_unit_test(test_static_files),
        cmocka_unit_test(test_stored_markup_escaped),
        cmocka_unit_test(test_series_and_top),
        cmocka_unit_test(test_code),
        cmocka_unit_test(test_code_errors),
        cmocka_unit_test(test_series_quad_sums),
        cmocka_unit_test(test_cache),
        cmocka_unit_test(test_cache_expiry),
        cmocka_unit_test(test_database_errors),
        cmocka_unit_test(test_parse_query),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
