/* fuzz_util.h -- helpers shared by dyad's libFuzzer targets (fuzz/README.md). */
#ifndef DYAD_FUZZ_UTIL_H
#define DYAD_FUZZ_UTIL_H
#include "dyad.h"
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ftw.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define FUZZ_CHECK(cond)                                                                  \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);     \
            abort();                                                                      \
        }                                                                                 \
    } while (0)

/* Put the input into an anonymous in-memory file; *path names it for fopen(). Returns the fd or -1. */
static inline int fuzz_memfd(const uint8_t *data, size_t size, char path[64]) {
    int fd = memfd_create("dyad-fuzz", 0);
    if (fd < 0) return -1;
    size_t off = 0;
    while (off < size) {
        ssize_t w = write(fd, data + off, size - off);
        if (w <= 0) { close(fd); return -1; }
        off += (size_t)w;
    }
    snprintf(path, 64, "/proc/self/fd/%d", fd);
    return fd;
}

/* Read every byte of a string the library handed out (ASan reports a bad pointer here). */
static inline size_t fuzz_touch(const char *s) {
    if (!s) return 0;
    size_t n = strlen(s), h = 0;
    for (size_t i = 0; i < n; i++) h += (unsigned char)s[i];
    return h + n;
}

/* Is s[0..n) valid UTF-8 (no overlongs, surrogates or code points past U+10FFFF)? */
static inline int fuzz_utf8_valid(const char *p, size_t n) {
    const unsigned char *s = (const unsigned char *)p;
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t k;
        unsigned min;
        if (c < 0x80) { i++; continue; }
        else if (c >= 0xC2 && c <= 0xDF) k = 2, min = 0x80;
        else if (c >= 0xE0 && c <= 0xEF) k = 3, min = 0x800;
        else if (c >= 0xF0 && c <= 0xF4) k = 4, min = 0x10000;
        else return 0;
        if (i + k > n) return 0;
        unsigned cp = c & (k == 2 ? 0x1F : k == 3 ? 0x0F : 0x07);
        for (size_t j = 1; j < k; j++) {
            if ((s[i + j] & 0xC0) != 0x80) return 0;
            cp = (cp << 6) | (s[i + j] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
        i += k;
    }
    return 1;
}

/* Write one document's events in every format and check that the JSONL output is valid JSON, one object
 * a line, in valid UTF-8, and that the TSV has 26 columns. */
static inline void fuzz_write_all(const dyad_doc *doc, const dyad_result *r) {
    for (int fmt = DYAD_OUT_JSONL; fmt <= DYAD_OUT_TABLE; fmt++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        FUZZ_CHECK(f != NULL);
        dyad_writer *w = dyad_writer_new(f, fmt);
        FUZZ_CHECK(w != NULL);
        FUZZ_CHECK(dyad_writer_doc(w, doc, r) == 0);
        FUZZ_CHECK(dyad_writer_finish(w) == 0);
        dyad_writer_free(w);
        fclose(f);
        FUZZ_CHECK(memchr(buf, 0, len) == NULL);
        FUZZ_CHECK(fuzz_utf8_valid(buf, len));
        size_t lines = 0;
        for (char *p = buf, *nl; p < buf + len; p = nl + 1) {
            nl = memchr(p, '\n', (size_t)(buf + len - p));
            FUZZ_CHECK(nl != NULL); /* every record ends with a newline */
            lines++;
            if (fmt == DYAD_OUT_JSONL) {
                json_error_t je;
                json_t *j = json_loadb(p, (size_t)(nl - p), 0, &je);
                if (!j) fprintf(stderr, "invalid JSON output: %s: %.*s\n", je.text, (int)(nl - p), p);
                FUZZ_CHECK(j != NULL && json_is_object(j));
                json_decref(j);
            } else if (fmt == DYAD_OUT_TSV) {
                size_t tabs = 0;
                for (char *q = p; q < nl; q++) tabs += *q == '\t';
                FUZZ_CHECK(tabs == 25);
            }
        }
        if (fmt == DYAD_OUT_JSONL) FUZZ_CHECK(lines == r->n_events);
        free(buf);
    }
}

/* Invariants of a result: every pointer readable, indices in range, dates well formed. */
static inline void fuzz_check_result(const dyad_result *r) {
    FUZZ_CHECK(r != NULL);
    for (size_t i = 0; i < r->n_events; i++) {
        const dyad_event *e = &r->events[i];
        FUZZ_CHECK(e->sent >= 0 && (size_t)e->sent < r->n_sentences);
        FUZZ_CHECK(e->date[0] == 0 || dyad_date_valid(e->date));
        FUZZ_CHECK(e->cameo && e->root && e->text);
        fuzz_touch(e->cameo), fuzz_touch(e->root), fuzz_touch(e->plover), fuzz_touch(e->plover_mode);
        fuzz_touch(e->verb), fuzz_touch(e->pattern), fuzz_touch(e->attribution), fuzz_touch(e->attribution_text);
        fuzz_touch(e->text);
        const dyad_actor *as[2] = {&e->source, &e->target};
        for (int k = 0; k < 2; k++) {
            if (k == 1 && !e->has_target) continue;
            fuzz_touch(as[k]->text), fuzz_touch(as[k]->code), fuzz_touch(as[k]->country);
            fuzz_touch(as[k]->sector), fuzz_touch(as[k]->org);
        }
    }
    for (size_t i = 0; i < r->n_citations; i++) {
        FUZZ_CHECK(r->citations[i].text != NULL);
        fuzz_touch(r->citations[i].text);
        FUZZ_CHECK(r->citations[i].sent >= 0 && (size_t)r->citations[i].sent < r->n_sentences);
    }
}

/* ---- shared set-ups ---- */

/* The built-in dictionaries and one coder on them, made on first use and freed at exit. */
typedef struct fuzz_builtin_ {
    dyad_dict *dict;
    dyad_coder *coder;
} fuzz_builtin_;
static inline fuzz_builtin_ *fuzz_builtin_get_(void) {
    static fuzz_builtin_ b;
    return &b;
}
static inline void fuzz_builtin_free_(void) {
    fuzz_builtin_ *b = fuzz_builtin_get_();
    dyad_coder_free(b->coder);
    dyad_dict_free(b->dict);
    b->coder = NULL;
    b->dict = NULL;
}
static inline dyad_coder *fuzz_builtin_coder(void) {
    fuzz_builtin_ *b = fuzz_builtin_get_();
    if (!b->coder) {
        char err[512];
        b->dict = dyad_dict_load(NULL, err, sizeof err);
        if (!b->dict) { fprintf(stderr, "built-in dictionaries: %s\n", err); abort(); }
        b->coder = dyad_coder_new(b->dict);
        FUZZ_CHECK(b->coder != NULL);
        atexit(fuzz_builtin_free_);
    }
    return b->coder;
}
static inline const dyad_dict *fuzz_builtin_dict(void) {
    fuzz_builtin_coder();
    return fuzz_builtin_get_()->dict;
}

/* A document a reader handed out: its text and every field are readable, its date is valid. */
static inline void fuzz_check_doc(const dyad_doc *doc) {
    FUZZ_CHECK(doc->text != NULL || doc->len == 0);
    size_t sum = 0;
    for (size_t k = 0; k < doc->len; k++) sum += (unsigned char)doc->text[k];
    (void)sum;
    fuzz_touch(doc->id), fuzz_touch(doc->title), fuzz_touch(doc->source), fuzz_touch(doc->url);
    fuzz_touch(doc->publication), fuzz_touch(doc->volume), fuzz_touch(doc->issue);
    FUZZ_CHECK(doc->date == NULL || dyad_date_valid(doc->date));
}

/* Code DOC with the built-in coder, check the result and write it in every format. */
static inline void fuzz_code_doc(const dyad_doc *doc) {
    const dyad_result *res;
    char err[512];
    FUZZ_CHECK(dyad_code(fuzz_builtin_coder(), doc, &res, err, sizeof err) == 0);
    fuzz_check_result(res);
    fuzz_write_all(doc, res);
}

/* A dictionary the input made: a coder on it codes TEXT (the input) and FIXED, a text meant to meet its
 * entries; the results are checked and written. Frees the coder and the dictionary. */
static inline void fuzz_code_and_free(dyad_dict *d, const char *text, size_t len, const char *fixed) {
    dyad_coder *c = dyad_coder_new(d);
    FUZZ_CHECK(c != NULL);
    dyad_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.text = text;
    doc.len = len;
    doc.date = "2001-03-08";
    const dyad_result *r;
    char err[512];
    FUZZ_CHECK(dyad_code(c, &doc, &r, err, sizeof err) == 0);
    fuzz_check_result(r);
    fuzz_write_all(&doc, r);
    doc.text = fixed;
    doc.len = strlen(fixed);
    FUZZ_CHECK(dyad_code(c, &doc, &r, err, sizeof err) == 0);
    fuzz_check_result(r);
    dyad_coder_free(c);
    dyad_dict_free(d);
}

/* A temporary directory for the target's files, made once and removed at exit: returns its path. */
static inline int fuzz_rm_one_(const char *p, const struct stat *st, int flag, struct FTW *f) {
    (void)st, (void)flag, (void)f;
    return remove(p);
}
static inline char *fuzz_tmpdir_path_(void) {
    static char dir[256];
    return dir;
}
static inline void fuzz_tmpdir_rm_(void) {
    char *dir = fuzz_tmpdir_path_();
    if (dir[0]) nftw(dir, fuzz_rm_one_, 8, FTW_DEPTH | FTW_PHYS);
}
static inline const char *fuzz_tmpdir(const char *name) {
    char *dir = fuzz_tmpdir_path_();
    if (!dir[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(dir, 256, "%s/dyad-fuzz-%s-XXXXXX", tmp && *tmp ? tmp : "/tmp", name);
        FUZZ_CHECK(mkdtemp(dir) != NULL);
        atexit(fuzz_tmpdir_rm_);
    }
    return dir;
}

/* Cut the input at lines "%%" into up to four parts (the last takes the rest); parts that are absent are
 * left as they were. Returns how many there are. */
static inline int fuzz_parts(const char *s, size_t size, const char *part[4], size_t plen[4]) {
    int np = 0;
    size_t start = 0;
    for (size_t i = 0; i <= size && np < 4; i++) {
        int sep = i + 2 <= size && s[i] == '%' && s[i + 1] == '%' && (i == 0 || s[i - 1] == '\n') &&
                  (i + 2 == size || s[i + 2] == '\n');
        if (i == size || (sep && np < 3)) {
            part[np] = s + start;
            plen[np] = i - start;
            np++;
            start = i + 3;
            i += 2;
        }
    }
    return np;
}

#endif
