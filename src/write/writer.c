/* writer.c -- write: events as JSON Lines, as the Phoenix TSV layout, or as an aligned table for people.
 *
 * The JSONL schema is documented in docs/output.md. Strings are escaped here (quotes, backslashes, control
 * characters); the text is valid UTF-8 already (normalize stage). TSV fields lose tabs and newlines. */
#include "dyad.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/swar.h"

typedef struct row { char *f[8]; } row;

/* Output goes through a buffer of the writer's own and leaves in one fwrite per 16 KB: a stdio call per
 * field cost ~60% of the writer's instructions (docs/PERFORMANCE.md). */
typedef struct obuf {
    FILE *f;
    size_t n;
    char b[16384];
} obuf;

struct dyad_writer {
    FILE *f;
    int format;
    int header_done;
    row *rows;
    size_t nrows, caprows;
    unsigned long long next_id;
    obuf out;
};

dyad_writer *dyad_writer_new(void *file, int format) {
    dyad_writer *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->f = file;
    w->format = format;
    return w;
}

void dyad_writer_free(dyad_writer *w) {
    if (!w) return;
    for (size_t i = 0; i < w->nrows; i++)
        for (int k = 0; k < 8; k++) free(w->rows[i].f[k]);
    free(w->rows);
    free(w);
}

/* Length of the valid UTF-8 sequence at p (NUL-terminated), or 0. Coded text is valid UTF-8 already, but
 * metadata (a bulletin header, a file name used as the document id) arrives as the bytes it was. */
static size_t u8len(const unsigned char *p) {
    unsigned c = p[0];
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if ((p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return 0;
        if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] >= 0xA0)) return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if ((p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80) return 0;
        if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] >= 0x90)) return 0;
        return 4;
    }
    return 0;
}

static void ob_flush(obuf *o) {
    if (o->n) fwrite(o->b, 1, o->n, o->f);
    o->n = 0;
}
static inline void ob_put(obuf *o, const void *s, size_t n) {
    if (o->n + n > sizeof o->b) {
        ob_flush(o);
        if (n > sizeof o->b) { fwrite(s, 1, n, o->f); return; }
    }
    memcpy(o->b + o->n, s, n);
    o->n += n;
}
static inline void ob_c(obuf *o, char c) {
    if (o->n == sizeof o->b) ob_flush(o);
    o->b[o->n++] = c;
}
#define OB_LIT(o, lit) ob_put(o, lit, sizeof(lit) - 1)
static void ob_llu(obuf *o, unsigned long long v) { /* decimal, as %llu */
    char d[24];
    size_t i = sizeof d;
    do d[--i] = (char)('0' + v % 10);
    while ((v /= 10) && i > 0);
    ob_put(o, d + i, sizeof d - i);
}
static void ob_int(obuf *o, int v) { /* as %d */
    if (v < 0) {
        ob_c(o, '-');
        ob_llu(o, (unsigned long long)(-(long long)v));
    } else ob_llu(o, (unsigned long long)v);
}
/* As printf's "%.1f". Goldstein weights have one decimal: those print from their tenths; any other value
 * goes through snprintf, so the output is printf's in every case. */
static void ob_tenth(obuf *o, double x) {
    double t = x * 10;
    if (t > -1e9 && t < 1e9) {
        long long r = (long long)(t < 0 ? t - 0.5 : t + 0.5);
        if ((double)r == t && r != 0) {
            if (r < 0) {
                ob_c(o, '-');
                r = -r;
            }
            ob_llu(o, (unsigned long long)(r / 10));
            ob_c(o, '.');
            ob_c(o, (char)('0' + r % 10));
            return;
        }
    }
    char b[64]; /* zero ("0.0" or "-0.0") and the rest */
    int n = snprintf(b, sizeof b, "%.1f", x);
    ob_put(o, b, n > 0 && (size_t)n < sizeof b ? (size_t)n : 0);
}

/* Copy the len bytes at p (len <= 32) to q and say whether none of them needs a look in a JSON string (a
 * control byte, '"', '\\', non-ASCII). Reads p[0..len) and writes q[0..len) only: two overlapping blocks of
 * 16, 8 or 4 bytes cover the string (the second ends at its end), so no loop runs over its bytes. */
static inline int copy_plain_short(unsigned char *q, const unsigned char *p, size_t len) {
    if (len >= 16) {
        unsigned a = swar_json_stop16(p), b = swar_json_stop16(p + len - 16);
        memcpy(q + len - 16, p + len - 16, 16);
        memcpy(q, p, 16);
        return !(a | b);
    }
    if (len >= 8) {
        uint64_t x = swar_load(p), y = swar_load(p + len - 8);
        memcpy(q + len - 8, &y, 8);
        memcpy(q, &x, 8);
        return !(swar_json_special(x) | swar_json_special(y));
    }
    if (len >= 4) {
        uint32_t x, y;
        memcpy(&x, p, 4);
        memcpy(&y, p + len - 4, 4);
        memcpy(q + len - 4, &y, 4);
        memcpy(q, &x, 4);
        return !swar_json_special((uint64_t)x | (uint64_t)y << 32);
    }
    int plain = 1;
    for (size_t i = 0; i < len; i++) {
        unsigned c = p[i];
        plain &= !(c < 0x20 || c == '"' || c == '\\' || c >= 0x80);
        q[i] = (unsigned char)c;
    }
    return plain;
}

static void jstr(obuf *o, const char *s) {
    if (!s) {
        OB_LIT(o, "null");
        return;
    }
    const unsigned char *p = (const unsigned char *)s, *run = p; /* bytes written as they are go out in runs */
    size_t len = strlen(s);
    if (len <= 32 && o->n + len + 2 <= sizeof o->b) { /* a short string (a code, a name): copied in place */
        unsigned char *q = (unsigned char *)o->b + o->n;
        *q = '"';
        if (copy_plain_short(q + 1, p, len)) {
            q[len + 1] = '"';
            o->n += len + 2;
            return;
        } /* else a byte to escape or check: the general way, which writes over these */
    }
    ob_c(o, '"');
    const unsigned char *end = p + len;
    while (p < end) {
        if (end - p >= 16) { /* sixteen bytes at a time: the plain ones before the first to escape or check */
            unsigned m = swar_json_stop16(p);
            if (!m) {
                p += 16;
                continue;
            }
            p += swar_stop_at(m);
        }
        unsigned c = *p;
        if (c >= 0x80) { /* invalid bytes become U+FFFD: the output stays valid JSON */
            size_t k = u8len(p);
            if (k) {
                p += k;
                continue;
            }
            ob_put(o, run, (size_t)(p - run));
            OB_LIT(o, "\\ufffd");
            run = ++p;
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\') {
            p++;
            continue;
        }
        ob_put(o, run, (size_t)(p - run));
        run = ++p;
        if (c == '"') OB_LIT(o, "\\\"");
        else if (c == '\\') OB_LIT(o, "\\\\");
        else if (c == '\n') OB_LIT(o, "\\n");
        else if (c == '\t') OB_LIT(o, "\\t");
        else if (c == '\r') OB_LIT(o, "\\r");
        else {
            static const char hex[] = "0123456789abcdef";
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            ob_put(o, u, 6);
        }
    }
    ob_put(o, run, (size_t)(p - run));
    ob_c(o, '"');
}

static void jactor(obuf *o, const dyad_actor *a) {
    OB_LIT(o, "{\"text\":");
    jstr(o, a->text);
    OB_LIT(o, ",\"code\":");
    jstr(o, a->code && *a->code ? a->code : NULL);
    OB_LIT(o, ",\"country\":");
    jstr(o, a->country);
    OB_LIT(o, ",\"sector\":");
    jstr(o, a->sector);
    OB_LIT(o, ",\"org\":");
    jstr(o, a->org);
    ob_c(o, '}');
}

static void write_jsonl(dyad_writer *w, const dyad_doc *doc, const dyad_result *r) {
    obuf *o = &w->out;
    o->f = w->f;
    for (size_t i = 0; i < r->n_events; i++) {
        const dyad_event *e = &r->events[i];
        OB_LIT(o, "{\"doc_id\":");
        jstr(o, doc->id ? doc->id : "doc");
        OB_LIT(o, ",\"sent\":");
        ob_int(o, e->sent);
        OB_LIT(o, ",\"date\":");
        jstr(o, e->date[0] ? e->date : NULL);
        OB_LIT(o, ",\"source\":");
        jactor(o, &e->source);
        OB_LIT(o, ",\"target\":");
        if (e->has_target) jactor(o, &e->target);
        else OB_LIT(o, "null");
        OB_LIT(o, ",\"cameo\":");
        jstr(o, e->cameo);
        OB_LIT(o, ",\"root\":");
        jstr(o, e->root);
        OB_LIT(o, ",\"plover\":");
        jstr(o, e->plover);
        OB_LIT(o, ",\"plover_mode\":");
        jstr(o, e->plover_mode);
        OB_LIT(o, ",\"goldstein\":");
        ob_tenth(o, e->goldstein);
        OB_LIT(o, ",\"quad_class\":");
        ob_int(o, e->quad_class);
        OB_LIT(o, ",\"verb\":");
        jstr(o, e->verb);
        OB_LIT(o, ",\"pattern\":");
        jstr(o, e->pattern);
        OB_LIT(o, ",\"attribution\":");
        jstr(o, e->attribution);
        OB_LIT(o, ",\"text\":");
        jstr(o, e->text);
        OB_LIT(o, ",\"citations\":[");
        for (size_t k = 0; k < r->n_citations; k++) {
            if (k) ob_c(o, ',');
            OB_LIT(o, "{\"source\":");
            jstr(o, r->citations[k].source);
            OB_LIT(o, ",\"date\":");
            jstr(o, r->citations[k].date[0] ? r->citations[k].date : NULL);
            ob_c(o, '}');
        }
        OB_LIT(o, "],\"publication\":");
        jstr(o, doc->publication ? doc->publication : doc->source);
        OB_LIT(o, "}\n");
    }
    ob_flush(o);
}

/* As printf's "%.Ns" of s + off, where s has length len. */
static void ob_part(obuf *o, const char *s, size_t len, size_t off, size_t n) {
    if (off < len) ob_put(o, s + off, len - off < n ? len - off : n);
}

static void tsvf(obuf *o, const char *s) {
    if (!s) return;
    const char *run = s; /* bytes written as they are go out in runs */
    for (; *s; s++) {
        size_t k = (unsigned char)*s >= 0x80 ? u8len((const unsigned char *)s) : 1;
        if (k > 1) {
            s += k - 1;
            continue;
        }
        if (k && *s != '\t' && *s != '\n' && *s != '\r') continue;
        ob_put(o, run, (size_t)(s - run));
        run = s + 1;
        if (!k) OB_LIT(o, "\xef\xbf\xbd"); /* an invalid byte: U+FFFD */
        else ob_c(o, ' ');
    }
    ob_put(o, run, (size_t)(s - run));
}

static void write_tsv(dyad_writer *w, const dyad_doc *doc, const dyad_result *r) {
    obuf *o = &w->out;
    o->f = w->f;
    if (!w->header_done) {
        OB_LIT(o, "EventID\tDate\tYear\tMonth\tDay\tSourceActorFull\tSourceActorEntity\tSourceActorRole\t"
                  "SourceActorAttribute\tTargetActorFull\tTargetActorEntity\tTargetActorRole\tTargetActorAttribute\t"
                  "EventCode\tEventRootCode\tQuadClass\tGoldsteinScore\tIssues\tLat\tLon\tLocationName\tStateName\t"
                  "CountryCode\tSentenceID\tURLs\tNewsSources\n");
        w->header_done = 1;
    }
    for (size_t i = 0; i < r->n_events; i++) {
        const dyad_event *e = &r->events[i];
        ob_llu(o, ++w->next_id);
        ob_c(o, '\t');
        /* YYYYMMDD, then year, month and day: the date is YYYY-MM-DD, or "" */
        const char *d = e->date;
        size_t dl = strnlen(d, sizeof e->date);
        ob_part(o, d, dl, 0, 4), ob_part(o, d, dl, 5, 2), ob_part(o, d, dl, 8, 2), ob_c(o, '\t');
        ob_part(o, d, dl, 0, 4), ob_c(o, '\t'), ob_part(o, d, dl, 5, 2), ob_c(o, '\t'), ob_part(o, d, dl, 8, 2);
        ob_c(o, '\t');
        const dyad_actor *as[2] = {&e->source, e->has_target ? &e->target : NULL};
        for (int k = 0; k < 2; k++) {
            const dyad_actor *a = as[k];
            if (a) {
                tsvf(o, a->code);
                ob_c(o, '\t');
                tsvf(o, a->country ? a->country : a->org);
                ob_c(o, '\t');
                tsvf(o, a->sector);
                OB_LIT(o, "\t\t");
            } else OB_LIT(o, "\t\t\t\t");
        }
        tsvf(o, e->cameo);
        ob_c(o, '\t');
        tsvf(o, e->root);
        ob_c(o, '\t');
        ob_int(o, e->quad_class);
        ob_c(o, '\t');
        ob_tenth(o, e->goldstein);
        OB_LIT(o, "\t\t\t\t\t\t\t");
        tsvf(o, doc->id);
        ob_c(o, '-');
        ob_int(o, e->sent);
        ob_c(o, '\t');
        tsvf(o, doc->url);
        ob_c(o, '\t');
        tsvf(o, doc->source ? doc->source : doc->publication);
        ob_c(o, '\n');
    }
    ob_flush(o);
}

static char *dupn(const char *s, size_t max) {
    if (!s) s = "";
    size_t n = strlen(s);
    if (n > max) n = max;
    char *p = malloc(n + 1);
    if (!p) return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n;) { /* whole UTF-8 sequences only; an invalid byte shows as '?' */
        size_t k = (unsigned char)s[i] >= 0x80 ? u8len((const unsigned char *)s + i) : 1;
        if (k > 1 && i + k <= n) { memcpy(p + o, s + i, k); o += k; i += k; continue; }
        if (k > 1) break; /* a sequence cut by the width limit */
        p[o++] = !k ? '?' : (s[i] == '\n' || s[i] == '\t' || s[i] == '\r') ? ' ' : s[i];
        i++;
    }
    p[o] = 0;
    return p;
}

static int add_rows(dyad_writer *w, const dyad_doc *doc, const dyad_result *r) {
    for (size_t i = 0; i < r->n_events; i++) {
        if (w->nrows == w->caprows) {
            size_t nc = w->caprows ? w->caprows * 2 : 64;
            row *nr = realloc(w->rows, nc * sizeof *nr);
            if (!nr) return -1;
            w->rows = nr;
            w->caprows = nc;
        }
        const dyad_event *e = &r->events[i];
        row *rw = &w->rows[w->nrows++];
        char sent[32];
        snprintf(sent, sizeof sent, "%d", e->sent);
        char plover[64];
        snprintf(plover, sizeof plover, "%s", e->plover ? e->plover : "-");
        rw->f[0] = dupn(doc->id ? doc->id : "doc", 24);
        rw->f[1] = dupn(sent, 8);
        rw->f[2] = dupn(e->date[0] ? e->date : "-", 10);
        rw->f[3] = dupn(e->source.code, 16);
        rw->f[4] = dupn(e->has_target ? e->target.code : "-", 16);
        rw->f[5] = dupn(e->cameo, 6);
        rw->f[6] = dupn(plover, 16);
        rw->f[7] = dupn(e->verb, 40);
        for (int k = 0; k < 8; k++)
            if (!rw->f[k]) return -1;
    }
    return 0;
}

static size_t width(const char *s) { /* display width: count UTF-8 lead bytes */
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

static void print_table(dyad_writer *w) {
    static const char *const H[8] = {"DOC", "SENT", "DATE", "SOURCE", "TARGET", "CAMEO", "PLOVER", "VERB"};
    size_t wd[8];
    for (int k = 0; k < 8; k++) wd[k] = strlen(H[k]);
    for (size_t i = 0; i < w->nrows; i++)
        for (int k = 0; k < 8; k++)
            if (width(w->rows[i].f[k]) > wd[k]) wd[k] = width(w->rows[i].f[k]);
    for (int k = 0; k < 8; k++) fprintf(w->f, "%-*s%s", k < 7 ? (int)wd[k] : 0, H[k], k < 7 ? "  " : "\n");
    for (size_t i = 0; i < w->nrows; i++)
        for (int k = 0; k < 8; k++) {
            const char *s = w->rows[i].f[k];
            fputs(s, w->f);
            if (k < 7)
                for (size_t p = width(s); p < wd[k] + 2; p++) fputc(' ', w->f);
            else fputc('\n', w->f);
        }
    fprintf(w->f, "(%zu event%s)\n", w->nrows, w->nrows == 1 ? "" : "s");
}

int dyad_writer_doc(dyad_writer *w, const dyad_doc *doc, const dyad_result *r) {
    if (!w || !doc || !r) return -1;
    switch (w->format) {
    case DYAD_OUT_TSV: write_tsv(w, doc, r); break;
    case DYAD_OUT_TABLE: return add_rows(w, doc, r);
    default: write_jsonl(w, doc, r); break;
    }
    return ferror(w->f) ? -1 : 0;
}

int dyad_writer_finish(dyad_writer *w) {
    if (!w) return -1;
    if (w->format == DYAD_OUT_TABLE) print_table(w);
    if (w->format == DYAD_OUT_TSV && !w->header_done) {
        dyad_result empty;
        memset(&empty, 0, sizeof empty);
        dyad_doc d;
        memset(&d, 0, sizeof d);
        write_tsv(w, &d, &empty);
    }
    return fflush(w->f) == 0 && !ferror(w->f) ? 0 : -1;
}
