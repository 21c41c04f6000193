/* fuzz_serve.c -- libFuzzer target: the HTTP request handling of `dyad serve` (src/serve/serve.c).
 *
 * At start-up a temporary SQLite store is made from examples/bulletin.txt (dated 2001-03-08, as in
 * tests/serve.sh) and a small JSON Lines file holding markup and SQL (<script>, '); DROP TABLE ...), and two
 * servers are opened on it: one without the answer cache, one with a cache that never expires.
 *
 * Input: an option byte, then the path up to the first newline, the query string up to the next, and the
 * body (the rest). Option bits 0-2 pick the method (GET HEAD POST PUT DELETE OPTIONS "" get), bits 3-4 the
 * Content-Type (none, application/json, text/plain, APPLICATION/JSON with parameters), bit 5 asks the cached
 * server too. The query string is split and decoded with dyad_serve_parse_query (as libmicrohttpd does).
 *
 * Checks: the handler always answers (rc 0, an allocated NUL-terminated body, a known status); never 500 or
 * 503 (the store is healthy: a filter the database cannot run must be refused as 400); a JSON answer is valid
 * UTF-8, one JSON object ending in a newline, with no raw <, >, & or ' byte, and an error answer carries its
 * status; /api/events never gives more events than its limit or its total; anything outside /api/ is a
 * built-in file byte for byte, or 404/405, and never when the path holds ".."; the same request answers the
 * same twice, and the cached server answers what the uncached one does (a cache key cannot be forged). */
#include "fuzz_util.h"
#include "../tests/unit/testutil.h" /* tu_mkdtemp, tu_write_file, tu_store_ingest, tu_rmtree */
#include "serve/serve.h"
#include "serve/web.h"

static dyad_dict *dict;
static char *dir, db[1100], marked_path[1100];
static dyad_serve *plain, *cached;
static dyad_serve_worker *wplain, *wcached;

static void cleanup(void) {
    dyad_serve_worker_free(wplain);
    dyad_serve_worker_free(wcached);
    dyad_serve_free(plain);
    dyad_serve_free(cached);
    dyad_dict_free(dict);
    if (dir) tu_rmtree(dir);
    free(dir);
}

static const char marked[] =
    "{\"id\":\"x'); DROP TABLE documents;--\",\"date\":\"2001-03-09\",\"title\":\"<img src=x onerror=alert(2)>\","
    "\"text\":\"Russia accused Uzbekistan of <script>alert(1)</script> and '); DROP TABLE events;-- on Monday.\"}\n"
    "{\"id\":\"amp&quote\",\"date\":\"2001-03-10\",\"text\":\"Iran condemned Israel \\\"for\\\" its \\\\ attacks & "
    "O'Brien said \\u2028 so.\"}\n";

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    char err[512];
    dict = dyad_dict_load(NULL, err, sizeof err);
    if (!dict) { fprintf(stderr, "built-in dictionaries: %s\n", err); abort(); }
    /* the example is found from the repository root (fuzz/run.sh, tests/regress.sh) or from fuzz/ */
    const char *example = access("examples/bulletin.txt", R_OK) == 0 ? "examples/bulletin.txt" : "../examples/bulletin.txt";
    dir = tu_mkdtemp();
    snprintf(err, sizeof err, "cannot make a temporary directory");
    if (dir) {
        snprintf(db, sizeof db, "%s/events.db", dir);
        snprintf(marked_path, sizeof marked_path, "%s/marked.jsonl", dir);
    }
    if (!dir || tu_store_ingest(db, example, dict, "2001-03-08", err, sizeof err) ||
        tu_write_file(dir, "marked.jsonl", marked, (size_t)-1) ||
        tu_store_ingest(db, marked_path, dict, "2001-03-08", err, sizeof err)) {
        fprintf(stderr, "fuzz_serve: cannot make the store: %s\n", err);
        abort();
    }
    plain = dyad_serve_new(&(dyad_serve_options){.db = db, .dict = dict, .cache_ttl = 0});
    cached = dyad_serve_new(&(dyad_serve_options){.db = db, .dict = dict, .cache_ttl = 1e9});
    FUZZ_CHECK(plain && cached);
    wplain = dyad_serve_worker_new(plain);
    wcached = dyad_serve_worker_new(cached);
    FUZZ_CHECK(wplain && wcached);
    atexit(cleanup);
    return 0;
}

static const char *const methods[8] = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "", "get"};
static const char *const types[4] = {NULL, "application/json", "text/plain", "APPLICATION/JSON; charset=utf-8"};

/* a NUL-terminated copy of data[0..n) (an embedded NUL ends it, as in a C string from a server) */
static char *copy(const uint8_t *data, size_t n) {
    char *s = malloc(n + 1);
    FUZZ_CHECK(s != NULL);
    memcpy(s, data, n);
    s[n] = 0;
    return s;
}

static void check_json(const dyad_serve_request *rq, const dyad_serve_response *out) {
    const char *b = out->body;
    FUZZ_CHECK(out->len > 0 && b[out->len - 1] == '\n');
    FUZZ_CHECK(fuzz_utf8_valid(b, out->len));
    for (size_t i = 0; i < out->len; i++) {
        if (b[i] == '<' || b[i] == '>' || b[i] == '&' || b[i] == '\'') fprintf(stderr, "raw '%c' in: %s\n", b[i], b);
        FUZZ_CHECK(b[i] != '<' && b[i] != '>' && b[i] != '&' && b[i] != '\'');
    }
    json_error_t je;
    json_t *j = json_loadb(b, out->len, 0, &je);
    if (!j) fprintf(stderr, "invalid JSON answer (%s): %s\n", je.text, b);
    FUZZ_CHECK(j != NULL && json_is_object(j));
    if (out->status != 200) {
        FUZZ_CHECK(json_is_string(json_object_get(j, "error")));
        FUZZ_CHECK(json_integer_value(json_object_get(j, "status")) == out->status);
    } else if (!strcmp(rq->path, "/api/events")) {
        json_t *ev = json_object_get(j, "events");
        json_int_t total = json_integer_value(json_object_get(j, "total"));
        json_int_t limit = json_integer_value(json_object_get(j, "limit"));
        json_int_t offset = json_integer_value(json_object_get(j, "offset"));
        FUZZ_CHECK(json_is_array(ev));
        FUZZ_CHECK((json_int_t)json_array_size(ev) <= limit && limit >= 1 && limit <= 1000);
        FUZZ_CHECK(offset >= total || (json_int_t)json_array_size(ev) == (total - offset < limit ? total - offset : limit));
        FUZZ_CHECK(offset < total || json_array_size(ev) == 0);
    }
    json_decref(j);
}

/* the invariants of one answer */
static void check(const dyad_serve_request *rq, const dyad_serve_response *out) {
    FUZZ_CHECK(out->body != NULL && out->body[out->len] == 0 && out->content_type != NULL);
    FUZZ_CHECK(out->n_headers == 0 || out->headers != NULL);
    int s = out->status;
    if (s == 500 || s == 503) fprintf(stderr, "status %d for %s %s: %s\n", s, rq->method, rq->path, out->log);
    FUZZ_CHECK(s == 200 || s == 400 || s == 404 || s == 405 || s == 413 || s == 422);
    if (!strncmp(out->content_type, "application/json", 16)) check_json(rq, out);
    else {
        /* a built-in file, exactly */
        FUZZ_CHECK(s == 200 && strncmp(rq->path, "/api/", 5) != 0 && !strstr(rq->path, ".."));
        const char *name = strcmp(rq->path, "/") ? rq->path + 1 : "index.html";
        const web_file *f = dyad_web_files;
        while (f->path && strcmp(f->path, name)) f++;
        FUZZ_CHECK(f->path && f->len == out->len && !memcmp(f->data, out->body, f->len));
    }
    if (strncmp(rq->path, "/api/", 5) && s == 200) FUZZ_CHECK(!strstr(rq->path, ".."));
}

static void same(const dyad_serve_response *a, const dyad_serve_response *b) {
    if (a->status != b->status || a->len != b->len || memcmp(a->body, b->body, a->len))
        fprintf(stderr, "different answers:\n%d %s\n%d %s\n", a->status, a->body, b->status, b->body);
    FUZZ_CHECK(a->status == b->status && a->len == b->len && !memcmp(a->body, b->body, a->len));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    unsigned opt = data[0];
    data++, size--;
    const uint8_t *nl1 = memchr(data, '\n', size);
    size_t plen = nl1 ? (size_t)(nl1 - data) : size;
    const uint8_t *q = nl1 ? nl1 + 1 : data + size, *end = data + size;
    const uint8_t *nl2 = memchr(q, '\n', (size_t)(end - q));
    size_t qlen = nl2 ? (size_t)(nl2 - q) : (size_t)(end - q);
    const uint8_t *body = nl2 ? nl2 + 1 : end;
    char *path = copy(data, plen), *qs = copy(q, qlen);
    /* the body as a buffer of its exact size, so that ASan sees any read past it */
    size_t blen = (size_t)(end - body);
    char *bcopy = blen ? malloc(blen) : NULL;
    if (blen) { FUZZ_CHECK(bcopy != NULL); memcpy(bcopy, body, blen); }
    dyad_serve_arg args[64];
    size_t nargs = dyad_serve_parse_query(qs, args, 64);
    FUZZ_CHECK(nargs <= 64);
    dyad_serve_request rq = {
        .method = methods[opt & 7], .path = path, .args = args, .n_args = nargs,
        .content_type = types[(opt >> 3) & 3], .body = bcopy, .body_len = blen,
    };
    dyad_serve_response a, b;
    FUZZ_CHECK(dyad_serve_handle(wplain, &rq, &a) == 0);
    check(&rq, &a);
    if (dyad_serve_wants_body(rq.method, rq.path)) FUZZ_CHECK(a.status != 405);
    FUZZ_CHECK(dyad_serve_handle(wplain, &rq, &b) == 0);
    same(&a, &b);
    dyad_serve_response_free(&b);
    if (opt & 32) {
        for (int k = 0; k < 2; k++) { /* a miss (or an earlier input's entry), then a hit */
            FUZZ_CHECK(dyad_serve_handle(wcached, &rq, &b) == 0);
            same(&a, &b);
            dyad_serve_response_free(&b);
        }
    }
    dyad_serve_response_free(&a);
    free(bcopy);
    free(path);
    free(qs);
    return 0;
}
