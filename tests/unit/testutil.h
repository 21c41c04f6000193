/* testutil.h -- small helpers shared by the cmocka unit tests (tests/unit/test_*.c).
 *
 * Everything here is `static inline` so that a test file may use any subset without unused-function
 * warnings. Include after <cmocka.h> (and its prerequisites). */
#ifndef DYAD_TESTUTIL_H
#define DYAD_TESTUTIL_H

#include "dyad.h"
#include "normalize/normalize.h"
#include "store/store.h"
#include "tag/tagger.h"
#include "token/token.h"
#include "util/arena.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- dictionaries ------------------------------------------------------------------------------------ */

/* The built-in dictionaries, loaded once per test program (freed at exit). */
static dyad_dict *tu_dict_ = NULL;
static inline void tu_dict_free_(void) {
    dyad_dict_free(tu_dict_);
    tu_dict_ = NULL;
}
static inline const dyad_dict *tu_dict(void) {
    if (!tu_dict_) {
        char err[512] = "";
        tu_dict_ = dyad_dict_load(NULL, err, sizeof err);
        if (!tu_dict_) {
            fprintf(stderr, "testutil: built-in dictionaries failed to load: %s\n", err);
            abort();
        }
        atexit(tu_dict_free_);
    }
    return tu_dict_;
}

/* ---- fixtures ---------------------------------------------------------------------------------------- */

/* The state of the stage tests: an arena and the tokens of the text under test. */
typedef struct tu_fx {
    arena a;
    token_list tl;
    const char *text;
} tu_fx;

/* setup() and teardown() for cmocka, for a fixture type T that holds an arena `a`: T is allocated zeroed
 * with its arena ready, and freed with it. */
#define TU_ARENA_FIXTURE(T)                                                                                 \
    static int setup(void **state) {                                                                        \
        T *f_ = calloc(1, sizeof *f_);                                                                      \
        if (!f_) return -1;                                                                                 \
        arena_init(&f_->a);                                                                                 \
        *state = f_;                                                                                        \
        return 0;                                                                                           \
    }                                                                                                       \
    static int teardown(void **state) {                                                                     \
        T *f_ = *state;                                                                                     \
        arena_free(&f_->a);                                                                                 \
        free(f_);                                                                                           \
        return 0;                                                                                           \
    }

/* ---- tokens ------------------------------------------------------------------------------------------ */

/* Normalize S into the arena (the text outlives the call) and tokenize it. Returns the normalized text. */
static inline const char *tu_tokenize(arena *a, const char *s, token_list *out) {
    size_t n = strlen(s);
    char *text = arena_alloc(a, 3 * n + 1);
    if (!text) return NULL;
    size_t bad = 0;
    size_t len = normalize_text(s, n, text, &bad);
    if (tokenize(a, text, 0, len, out) != 0) return NULL;
    return text;
}

/* Tokenize and tag S as one sentence. Returns the normalized text. */
static inline const char *tu_tag(arena *a, const char *s, token_list *out) {
    const char *text = tu_tokenize(a, s, out);
    if (text && out->n) tag_sentence(a, out->v, 0, out->n);
    return text;
}

/* Index of the first token whose lower-case form is W (at or after FROM), or -1. */
static inline int tu_find_from(const token_list *tl, const char *w, size_t from) {
    for (size_t i = from; i < tl->n; i++)
        if (strcmp(tl->v[i].low, w) == 0) return (int)i;
    return -1;
}
static inline int tu_find(const token_list *tl, const char *w) { return tu_find_from(tl, w, 0); }

/* The exact text of token I (in a static buffer, for messages and string asserts). */
static inline const char *tu_tok_text(const char *text, const token_list *tl, size_t i) {
    static char buf[256];
    size_t n = tl->v[i].len < sizeof buf - 1 ? tl->v[i].len : sizeof buf - 1;
    memcpy(buf, text + tl->v[i].off, n);
    buf[n] = 0;
    return buf;
}

/* ---- coding ------------------------------------------------------------------------------------------ */

/* Code the NUL-terminated TEXT dated DATE (may be NULL) with coder C; fails the test on error. */
#define TU_CODE(c, text_, date_, res_)                                                                      \
    do {                                                                                                    \
        dyad_doc doc_;                                                                                      \
        char err_[256] = "";                                                                                \
        memset(&doc_, 0, sizeof doc_);                                                                      \
        doc_.id = "test";                                                                                   \
        doc_.text = (text_);                                                                                \
        doc_.len = strlen(text_);                                                                           \
        doc_.date = (date_);                                                                                \
        int rc_ = dyad_code((c), &doc_, &(res_), err_, sizeof err_);                                        \
        if (rc_ != 0) fprintf(stderr, "dyad_code failed: %s\n", err_);                                      \
        assert_int_equal(rc_, 0);                                                                           \
        assert_non_null(res_);                                                                              \
    } while (0)

/* setup() and teardown() for cmocka tests whose state is one coder on the built-in dictionaries. */
static inline int tu_coder_setup(void **state) {
    dyad_coder *c = dyad_coder_new(tu_dict());
    if (!c) return -1;
    *state = c;
    return 0;
}
static inline int tu_coder_teardown(void **state) {
    dyad_coder_free(*state);
    return 0;
}

/* The first event with CAMEO code CODE (exact), or NULL. */
static inline const dyad_event *tu_event(const dyad_result *r, const char *code) {
    for (size_t i = 0; i < r->n_events; i++)
        if (r->events[i].cameo && strcmp(r->events[i].cameo, code) == 0) return &r->events[i];
    return NULL;
}

/* Print the events of a result to stderr (debugging a failing test). */
static inline void tu_dump(const dyad_result *r) {
    for (size_t i = 0; i < r->n_events; i++) {
        const dyad_event *e = &r->events[i];
        fprintf(stderr, "  event %zu: %s -> %s %s '%s' date %s\n", i, e->source.code ? e->source.code : "-",
                e->has_target && e->target.code ? e->target.code : "-", e->cameo, e->verb ? e->verb : "", e->date);
    }
}

/* ---- temporary files --------------------------------------------------------------------------------- */

/* Make a fresh temporary directory; the returned string is malloc'ed. */
static inline char *tu_mkdtemp(void) {
    const char *base = getenv("TMPDIR");
    char tmpl[1024];
    snprintf(tmpl, sizeof tmpl, "%s/dyad-test-XXXXXX", base && *base ? base : "/tmp");
    char *d = mkdtemp(tmpl);
    return d ? strdup(d) : NULL;
}

/* Write LEN bytes (or strlen(DATA) when LEN is (size_t)-1) into DIR/REL, creating one level of folder. */
static inline int tu_write_file(const char *dir, const char *rel, const char *data, size_t len) {
    char path[2048];
    const char *slash = strrchr(rel, '/');
    if (slash) {
        snprintf(path, sizeof path, "%s/%.*s", dir, (int)(slash - rel), rel);
        mkdir(path, 0700);
    }
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    if (len == (size_t)-1) len = strlen(data);
    size_t w = fwrite(data, 1, len, f);
    return (fclose(f) == 0 && w == len) ? 0 : -1;
}

/* Remove a directory tree made by the tests. */
static inline void tu_rmtree(const char *dir) {
    DIR *dp = opendir(dir);
    if (!dp) { unlink(dir); return; }
    struct dirent *de;
    while ((de = readdir(dp))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..")) continue;
        char *p = NULL;
        if (asprintf(&p, "%s/%s", dir, de->d_name) < 0) continue;
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) tu_rmtree(p);
        else unlink(p);
        free(p);
    }
    closedir(dp);
    rmdir(dir);
}

/* Ingest FILE into the SQLite store DB (created when missing) as `dyad ingest --date DATE FILE` would: read
 * (text or JSON Lines, from the content), coded with D, stored, committed. 0, or -1 with a message in ERR.
 * (Also used by fuzz/fuzz_serve.c, which builds without cmocka.) */
static inline int tu_store_ingest(const char *db, const char *file, const dyad_dict *d, const char *date, char *err,
                                  size_t n) {
    dyad_store *s = dyad_store_open(db, DYAD_STORE_WRITE, err, n);
    if (!s) return -1;
    dyad_coder *c = dyad_coder_new(d);
    if (!c) snprintf(err, n, "out of memory");
    dyad_reader *r = c ? dyad_reader_open(file, DYAD_INPUT_AUTO, err, n) : NULL;
    int rc = r ? 0 : -1, got;
    dyad_doc doc;
    while (!rc && (got = dyad_reader_next(r, &doc, err, n)) != 0) {
        if (got < 0) { rc = -1; break; }
        if (!doc.date) doc.date = date;
        char hash[DYAD_STORE_HASH_LEN];
        const dyad_result *res;
        dyad_store_hash(&doc, hash);
        if (dyad_code(c, &doc, &res, err, n) || dyad_store_put(s, &doc, res, hash, err, n)) rc = -1;
    }
    if (!rc && dyad_store_commit(s, err, n)) rc = -1;
    if (r) dyad_reader_close(r);
    dyad_coder_free(c);
    dyad_store_close(s);
    return rc;
}

/* Read a whole stream from its start into a malloc'ed NUL-terminated string. */
static inline char *tu_slurp(FILE *f, size_t *len) {
    fflush(f);
    rewind(f);
    size_t cap = 4096, n = 0;
    if (len) *len = 0;
    char *b = malloc(cap);
    if (!b) return NULL;
    size_t k;
    while ((k = fread(b + n, 1, cap - n - 1, f)) > 0) {
        n += k;
        if (cap - n - 1 == 0) {
            char *nb = realloc(b, cap *= 2);
            if (!nb) { free(b); return NULL; }
            b = nb;
        }
    }
    b[n] = 0;
    if (len) *len = n;
    return b;
}

#endif
