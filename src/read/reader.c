/* reader.c -- read: documents from plain-text files, JSON Lines and standard input.
 *
 * A text file is one document; its first line may carry bulletin metadata ("Publication: Monitor
 * Volume: 5 Issue: 25"). A JSONL file has one JSON object a line (parsed with jansson): `text` is required,
 * `id`, `date`, `title`, `source`, `url` are optional. A bad line is reported with its file and line number
 * and the reader goes on with the next one. Binary files are refused with a clear message. */
#include "dyad.h"
#include "util/swar.h"
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_TEXT_FILE (512u << 20) /* a larger text file is refused, not loaded */

struct dyad_reader {
    FILE *f;
    int own;
    char *path;
    int format;
    long line;
    int done;
    char *buf;        /* current record (text file: whole file; jsonl: the line) */
    size_t cap;
    json_t *json;     /* current JSONL record (slow path) */
    char *dec;        /* decoded strings of the current record (fast path) */
    size_t deccap;
    char idbuf[64];
    char *peek;       /* bytes read while detecting the format */
    size_t npeek, peekpos;
    char meta[3][128];
    char *iobuf;      /* the stream's buffer for a file we opened (READ_BUF bytes), or NULL */
};

/* A file is read READ_BUF bytes at a time: stdio's default (the file system's 4 KB block) cost a read(2) per
 * 4 KB, ~7,300 system calls for 30 MB. Standard input keeps stdio's own buffer: it is not ours to free. */
enum { READ_BUF = 1 << 18 };

static int rgetc(dyad_reader *r) {
    if (r->peekpos < r->npeek) return (unsigned char)r->peek[r->peekpos++];
    return fgetc(r->f);
}

dyad_reader *dyad_reader_open(const char *path, int format, char *err, size_t errlen) {
    dyad_reader *r = calloc(1, sizeof *r);
    if (!r) { snprintf(err, errlen, "out of memory"); return NULL; }
    if (!path || !strcmp(path, "-")) {
        r->f = stdin;
        r->path = strdup("<stdin>");
    } else {
        r->f = fopen(path, "rb");
        if (!r->f) {
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
            free(r);
            return NULL;
        }
        r->own = 1;
        r->iobuf = malloc(READ_BUF);
        if (r->iobuf) setvbuf(r->f, r->iobuf, _IOFBF, READ_BUF); /* before any read; stdio's own if none */
        r->path = strdup(path);
    }
    if (!r->path) { dyad_reader_close(r); snprintf(err, errlen, "out of memory"); return NULL; }
    r->format = format;
    if (format == DYAD_INPUT_AUTO) {
        /* look at the first non-blank byte: '{' is JSON Lines, '<' XML, anything else text */
        r->peek = malloc(4096);
        if (!r->peek) { dyad_reader_close(r); snprintf(err, errlen, "out of memory"); return NULL; }
        r->npeek = fread(r->peek, 1, 4096, r->f);
        size_t i = 0;
        while (i < r->npeek && (r->peek[i] == ' ' || r->peek[i] == '\n' || r->peek[i] == '\r' || r->peek[i] == '\t')) i++;
        if (i + 3 <= r->npeek && (unsigned char)r->peek[i] == 0xEF && (unsigned char)r->peek[i + 1] == 0xBB) i += 3;
        r->format = i < r->npeek && r->peek[i] == '{' ? DYAD_INPUT_JSONL
                  : i < r->npeek && r->peek[i] == '<' ? DYAD_INPUT_XML : DYAD_INPUT_TEXT;
        if (r->format == DYAD_INPUT_XML) r->format = DYAD_INPUT_TEXT; /* no XML reader in the core: read as text */
    }
    return r;
}

void dyad_reader_close(dyad_reader *r) {
    if (!r) return;
    if (r->own && r->f) fclose(r->f);
    free(r->iobuf); /* after fclose: the stream used it until then */
    if (r->json) json_decref(r->json);
    free(r->dec);
    free(r->buf);
    free(r->peek);
    free(r->path);
    free(r);
}

static int looks_binary(const char *b, size_t n) {
    size_t lim = n < 65536 ? n : 65536, nul = 0, ctl = 0;
    for (size_t i = 0; i < lim; i++) {
        unsigned char c = (unsigned char)b[i];
        if (c == 0) nul++;
        else if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ctl++;
    }
    return lim >= 16 && ((nul >= 4 && nul * 200 > lim) || (nul + ctl) * 10 > lim);
}

/* "Publication: Monitor Volume: 5 Issue: 25" */
static size_t header(dyad_reader *r, dyad_doc *doc) {
    const char *b = r->buf;
    if (strncmp(b, "Publication:", 12) != 0) return 0;
    const char *nl = strchr(b, '\n');
    size_t ll = nl ? (size_t)(nl - b) : strlen(b);
    char line[512];
    if (ll >= sizeof line) return 0;
    memcpy(line, b, ll);
    line[ll] = 0;
    static const char *const keys[3] = {"Publication:", "Volume:", "Issue:"};
    for (int k = 0; k < 3; k++) {
        char *p = strstr(line, keys[k]);
        r->meta[k][0] = 0;
        if (!p) continue;
        p += strlen(keys[k]);
        while (*p == ' ') p++;
        char *e = p;
        const char *next = NULL;
        for (int m = k + 1; m < 3 && !next; m++) next = strstr(p, keys[m]);
        e = next ? (char *)next : p + strlen(p);
        while (e > p && (e[-1] == ' ' || e[-1] == '\r')) e--;
        size_t n = (size_t)(e - p) < sizeof r->meta[k] - 1 ? (size_t)(e - p) : sizeof r->meta[k] - 1;
        memcpy(r->meta[k], p, n);
        r->meta[k][n] = 0;
    }
    doc->publication = r->meta[0][0] ? r->meta[0] : NULL;
    doc->volume = r->meta[1][0] ? r->meta[1] : NULL;
    doc->issue = r->meta[2][0] ? r->meta[2] : NULL;
    return nl ? ll + 1 : ll;
}

static int next_text(dyad_reader *r, dyad_doc *doc, char *err, size_t errlen) {
    if (r->done) return 0;
    r->done = 1;
    size_t n = 0;
    int c;
    /* a regular file: one allocation of its size, not a doubling buffer */
    struct stat st;
    if (fstat(fileno(r->f), &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size + 1 > r->cap &&
        (size_t)st.st_size <= MAX_TEXT_FILE) {
        char *nb = realloc(r->buf, (size_t)st.st_size + 2);
        if (nb) { r->buf = nb; r->cap = (size_t)st.st_size + 2; }
    }
    for (;;) {
        if (n + 1 >= r->cap) {
            size_t nc = r->cap ? r->cap * 2 : 65536;
            if (nc > MAX_TEXT_FILE + 1) {
                snprintf(err, errlen, "%s: larger than %u MB: split it into documents (JSON Lines)", r->path, MAX_TEXT_FILE >> 20);
                return -2;
            }
            char *nb = realloc(r->buf, nc);
            if (!nb) { snprintf(err, errlen, "%s: out of memory", r->path); return -2; }
            r->buf = nb;
            r->cap = nc;
        }
        if (r->peekpos < r->npeek) {
            size_t k = r->npeek - r->peekpos;
            if (k > r->cap - 1 - n) k = r->cap - 1 - n;
            memcpy(r->buf + n, r->peek + r->peekpos, k);
            r->peekpos += k;
            n += k;
            continue;
        }
        size_t k = fread(r->buf + n, 1, r->cap - 1 - n, r->f);
        n += k;
        if (k == 0) break;
    }
    (void)c;
    if (ferror(r->f)) { snprintf(err, errlen, "%s: %s", r->path, strerror(errno)); return -2; }
    r->buf[n] = 0;
    if (looks_binary(r->buf, n)) {
        snprintf(err, errlen, "%s: looks like a binary file, not text: skipped", r->path);
        return -1;
    }
    memset(doc, 0, sizeof *doc);
    size_t skip = header(r, doc);
    const char *base = strrchr(r->path, '/');
    doc->id = base ? base + 1 : r->path;
    doc->text = r->buf + skip;
    doc->len = n - skip;
    return 1;
}

static const char *jstr(json_t *o, const char *key) {
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* ---- JSON Lines fast path --------------------------------------------------------------------------------
 * News JSONL records are flat objects of strings and numbers. Parsing them here, with no allocation per
 * record, is about five times cheaper than building a jansson tree for every line (jansson was a fifth of
 * all the time dyad spent on the Guardian sample). Anything else (nested values, bad escapes, invalid
 * JSON) goes to jansson, which also writes the error messages. */

typedef struct jfield { const char *p; size_t n; int is_str; } jfield;

static size_t put_utf8(char *o, unsigned cp) {
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) { o[0] = (char)(0xC0 | (cp >> 6)); o[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12)); o[1] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18)); o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static int hex4(const char *p, unsigned *v) {
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0') : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                   : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16u;
        if (d > 15) return 0;
        *v = *v * 16 + d;
    }
    return 1;
}

/* Length of the valid UTF-8 sequence at p (n bytes left), or 0: no overlongs, surrogates, > U+10FFFF. */
static size_t utf8_valid_len(const char *p, size_t n) {
    const unsigned char *s = (const unsigned char *)p;
    unsigned c = s[0];
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return 0;
        return (c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0) ? 0 : 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80) return 0;
        return (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90) ? 0 : 4;
    }
    return 0;
}

/* A JSON string at b[*i] (the opening quote): decoded into *o; returns 0 when not simple valid JSON. */
static int jstring(const char *b, size_t n, size_t *i, char **o, jfield *f) {
    size_t k = *i + 1;
    char *w = *o;
    f->p = w;
    f->is_str = 1;
    while (k < n) {
        /* sixteen bytes at a time: all sixteen copied, and the plain ones before the first quote, backslash,
           control or non-ASCII byte kept (the rest is written again). The copy stays inside the buffer: the
           decoded text is never longer than what was read (w - f->p <= k - *i), and r->dec has n + 16 bytes */
        while (k + 16 <= n) {
            unsigned m = swar_json_stop16(b + k);
            memcpy(w, b + k, 16);
            if (m) {
                unsigned at = swar_stop_at(m);
                w += at, k += at;
                break;
            }
            w += 16, k += 16;
        }
        if (k >= n) break;
        unsigned char c = (unsigned char)b[k];
        if (c == '"') break;
        if (c < 0x20) return 0;
        if (c >= 0x80) { /* raw UTF-8 must be valid, as jansson requires: else jansson reports the line */
            size_t l = utf8_valid_len(b + k, n - k);
            if (!l) return 0;
            memcpy(w, b + k, l);
            w += l, k += l;
            continue;
        }
        if (c != '\\') { *w++ = (char)c; k++; continue; }
        if (k + 1 >= n) return 0;
        char e = b[k + 1];
        k += 2;
        switch (e) {
        case '"': *w++ = '"'; break;
        case '\\': *w++ = '\\'; break;
        case '/': *w++ = '/'; break;
        case 'b': *w++ = '\b'; break;
        case 'f': *w++ = '\f'; break;
        case 'n': *w++ = '\n'; break;
        case 'r': *w++ = '\r'; break;
        case 't': *w++ = '\t'; break;
        case 'u': {
            unsigned cp, lo;
            if (k + 4 > n || !hex4(b + k, &cp)) return 0;
            k += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (k + 6 > n || b[k] != '\\' || b[k + 1] != 'u' || !hex4(b + k + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF) return 0;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                k += 6;
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) return 0;
            w += put_utf8(w, cp);
            break;
        }
        default: return 0;
        }
    }
    if (k >= n) return 0;
    f->n = (size_t)(w - f->p);
    *w++ = 0;
    *o = w;
    *i = k + 1;
    return 1;
}

static int jspace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* The fields dyad reads, from a flat JSON object; 1 on success, 0 to fall back on jansson. */
static int fast_json(dyad_reader *r, size_t n, jfield *text, jfield *id, jfield *date, jfield *title, jfield *source, jfield *url) {
    const char *b = r->buf;
    if (r->deccap < n + 16) {
        char *nd = realloc(r->dec, n + 16);
        if (!nd) return 0;
        r->dec = nd;
        r->deccap = n + 16;
    }
    char *o = r->dec;
    size_t i = 0;
    while (i < n && jspace(b[i])) i++;
    if (i >= n || b[i] != '{') return 0;
    i++;
    for (int members = 0;; members++) {
        while (i < n && jspace(b[i])) i++;
        if (i < n && b[i] == '}' && !members) { i++; break; } /* "{}", but not a trailing comma */
        if (i >= n || b[i] != '"') return 0;
        jfield key;
        if (!jstring(b, n, &i, &o, &key)) return 0;
        if (memchr(key.p, 0, key.n)) return 0; /* jansson refuses NUL in keys */
        while (i < n && jspace(b[i])) i++;
        if (i >= n || b[i] != ':') return 0;
        i++;
        while (i < n && jspace(b[i])) i++;
        if (i >= n) return 0;
        jfield v = {0, 0, 0};
        if (b[i] == '"') {
            if (!jstring(b, n, &i, &o, &v)) return 0;
        } else if (b[i] == '-' || (b[i] >= '0' && b[i] <= '9')) {
            /* plain integers only (what jansson reads as integers); fractions, exponents, leading zeros,
               and anything past 18 digits go to jansson, which knows JSON's number rules and their limits */
            size_t s0 = i;
            if (b[i] == '-') i++;
            size_t d0 = i;
            while (i < n && b[i] >= '0' && b[i] <= '9') i++;
            if (i == d0 || i - d0 > 18 || (b[d0] == '0' && i - d0 > 1)) return 0;
            if (i < n && (b[i] == '.' || b[i] == 'e' || b[i] == 'E')) return 0;
            v.p = b + s0, v.n = i - s0;
        } else if (n - i >= 4 && (!memcmp(b + i, "true", 4) || !memcmp(b + i, "null", 4))) i += 4;
        else if (n - i >= 5 && !memcmp(b + i, "false", 5)) i += 5;
        else return 0; /* nested object or array, or not JSON */
        jfield *dst = NULL;
        if (key.n == 4 && !memcmp(key.p, "text", 4)) dst = text;
        else if (key.n == 2 && !memcmp(key.p, "id", 2)) dst = id;
        else if (key.n == 4 && !memcmp(key.p, "date", 4)) dst = date;
        else if (key.n == 5 && !memcmp(key.p, "title", 5)) dst = title;
        else if (key.n == 6 && !memcmp(key.p, "source", 6)) dst = source;
        else if (key.n == 3 && !memcmp(key.p, "url", 3)) dst = url;
        if (dst) *dst = v;
        while (i < n && jspace(b[i])) i++;
        if (i < n && b[i] == ',') { i++; continue; }
        if (i < n && b[i] == '}') { i++; break; }
        return 0;
    }
    while (i < n && jspace(b[i])) i++;
    return i == n;
}

static int next_jsonl(dyad_reader *r, dyad_doc *doc, char *err, size_t errlen) {
    for (;;) {
        if (r->json) { json_decref(r->json); r->json = NULL; }
        size_t n = 0;
        int c = 0;
        /* the bytes read while detecting the format first, then whole lines with getdelim */
        while (r->peekpos < r->npeek) {
            c = rgetc(r);
            if (n + 1 >= r->cap) {
                size_t nc = r->cap ? r->cap * 2 : 65536;
                char *nb = realloc(r->buf, nc);
                if (!nb) { snprintf(err, errlen, "%s:%ld: out of memory", r->path, r->line + 1); return -2; }
                r->buf = nb;
                r->cap = nc;
            }
            if (c == '\n') break;
            r->buf[n++] = (char)c;
        }
        if (c != '\n' && n == 0) { /* the common case: straight into the record buffer */
            ssize_t got = getdelim(&r->buf, &r->cap, '\n', r->f);
            if (got > 0) {
                n = (size_t)got;
                if (r->buf[n - 1] == '\n') { n--; c = '\n'; } else c = EOF;
            } else c = EOF;
        } else if (c != '\n') {
            char *line = NULL;
            size_t lcap = 0;
            ssize_t got = getdelim(&line, &lcap, '\n', r->f);
            if (got > 0) {
                size_t add = (size_t)got;
                if (line[add - 1] == '\n') { add--; c = '\n'; } else c = EOF;
                if (n + add + 1 > r->cap) {
                    size_t nc = n + add + 1 + 65536;
                    char *nb = realloc(r->buf, nc);
                    if (!nb) { free(line); snprintf(err, errlen, "%s:%ld: out of memory", r->path, r->line + 1); return -2; }
                    r->buf = nb;
                    r->cap = nc;
                }
                memcpy(r->buf + n, line, add);
                n += add;
            } else c = EOF;
            free(line);
        }
        if (n + 1 > r->cap) {
            char *nb = realloc(r->buf, n + 1);
            if (!nb) { snprintf(err, errlen, "%s:%ld: out of memory", r->path, r->line + 1); return -2; }
            r->buf = nb;
            r->cap = n + 1;
        }
        if (c == EOF && n == 0) {
            if (ferror(r->f)) { snprintf(err, errlen, "%s: %s", r->path, strerror(errno)); return -2; }
            return 0;
        }
        r->line++;
        r->buf[n] = 0;
        size_t i = 0;
        if (r->line == 1 && n >= 3 && (unsigned char)r->buf[0] == 0xEF && (unsigned char)r->buf[1] == 0xBB &&
            (unsigned char)r->buf[2] == 0xBF) { /* a UTF-8 byte order mark */
            memmove(r->buf, r->buf + 3, n - 2);
            n -= 3;
        }
        while (i < n && (r->buf[i] == ' ' || r->buf[i] == '\t' || r->buf[i] == '\r')) i++;
        if (i == n) continue; /* blank line */
        size_t date_len = 0; /* the date's length in the JSON string (it may hold a NUL) */
        jfield ft = {0, 0, 0}, fid = {0, 0, 0}, fdate = {0, 0, 0}, ftitle = {0, 0, 0}, fsrc = {0, 0, 0}, furl = {0, 0, 0};
        if (fast_json(r, n, &ft, &fid, &fdate, &ftitle, &fsrc, &furl)) {
            if (!ft.p || !ft.is_str) {
                snprintf(err, errlen, "%s:%ld: no \"text\" string in this record", r->path, r->line);
                return -1;
            }
            memset(doc, 0, sizeof *doc);
            doc->text = ft.p;
            doc->len = ft.n;
            if (fid.p && fid.is_str) doc->id = fid.p;
            else if (fid.p && fid.n < 40) { memcpy(r->idbuf, fid.p, fid.n); r->idbuf[fid.n] = 0; doc->id = r->idbuf; }
            else { snprintf(r->idbuf, sizeof r->idbuf, "line-%ld", r->line); doc->id = r->idbuf; }
            doc->date = fdate.is_str && fdate.n ? fdate.p : NULL;
            date_len = fdate.n;
            doc->title = ftitle.is_str ? ftitle.p : NULL;
            doc->source = fsrc.is_str ? fsrc.p : NULL;
            doc->url = furl.is_str ? furl.p : NULL;
        } else {
            json_error_t je;
            r->json = json_loadb(r->buf, n, JSON_ALLOW_NUL, &je);
            if (!r->json) {
                snprintf(err, errlen, "%s:%ld: not valid JSON: %s (column %d)", r->path, r->line, je.text, je.column);
                return -1;
            }
            if (!json_is_object(r->json)) {
                snprintf(err, errlen, "%s:%ld: expected a JSON object", r->path, r->line);
                return -1;
            }
            json_t *t = json_object_get(r->json, "text");
            if (!json_is_string(t)) {
                snprintf(err, errlen, "%s:%ld: no \"text\" string in this record", r->path, r->line);
                return -1;
            }
            memset(doc, 0, sizeof *doc);
            doc->text = json_string_value(t);
            doc->len = json_string_length(t);
            json_t *id = json_object_get(r->json, "id");
            if (json_is_string(id)) doc->id = json_string_value(id);
            else if (json_is_integer(id)) {
                snprintf(r->idbuf, sizeof r->idbuf, "%lld", (long long)json_integer_value(id));
                doc->id = r->idbuf;
            } else {
                snprintf(r->idbuf, sizeof r->idbuf, "line-%ld", r->line);
                doc->id = r->idbuf;
            }
            json_t *jd = json_object_get(r->json, "date");
            doc->date = json_is_string(jd) && json_string_length(jd) ? json_string_value(jd) : NULL;
            date_len = doc->date ? json_string_length(jd) : 0;
            doc->title = jstr(r->json, "title");
            doc->source = jstr(r->json, "source");
            doc->url = jstr(r->json, "url");
        }
        /* a NUL inside the date ("2003-05-14\u0000:00Z") makes it no date, though C would read its start */
        if (doc->date && (strlen(doc->date) != date_len || !dyad_date_valid(doc->date))) {
            if (strlen(doc->date) == date_len && date_len > 10 && doc->date[10] == 'T') { /* an ISO timestamp: keep the day */
                memcpy(r->idbuf + 40, doc->date, 10);
                r->idbuf[50] = 0;
                if (dyad_date_valid(r->idbuf + 40)) { doc->date = r->idbuf + 40; return 1; }
            }
            if (strlen(doc->date) != date_len)
                snprintf(err, errlen, "%s:%ld: invalid \"date\": it contains a NUL character", r->path, r->line);
            else
                snprintf(err, errlen, "%s:%ld: invalid \"date\" '%.20s' (expected YYYY-MM-DD)", r->path, r->line, doc->date);
            return -1;
        }
        return 1;
    }
}

int dyad_reader_next(dyad_reader *r, dyad_doc *doc, char *err, size_t errlen) {
    if (!r) return -2;
    if (r->format == DYAD_INPUT_JSONL) return next_jsonl(r, doc, err, errlen);
    return next_text(r, doc, err, errlen);
}
