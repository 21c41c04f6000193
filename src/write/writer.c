/* writer.c -- write: events as JSON Lines, as the Phoenix TSV layout, or as an aligned table for people.
 *
 * The JSONL schema is documented in docs/output.md. Strings are escaped here (quotes, backslashes, control
 * characters); the text is valid UTF-8 already (normalize stage). TSV fields lose tabs and newlines. */
#include "dyad.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct row { char *f[8]; } row;

struct dyad_writer {
    FILE *f;
    int format;
    int header_done;
    row *rows;
    size_t nrows, caprows;
    unsigned long long next_id;
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

static void jstr(FILE *f, const char *s) {
    if (!s) { fputs("null", f); return; }
    fputc('"', f);
    const unsigned char *p = (const unsigned char *)s, *run = p; /* bytes written as they are go out in runs */
    for (; *p; p++) {
        unsigned c = *p;
        if (c >= 0x80) { /* invalid bytes become U+FFFD: the output stays valid JSON */
            size_t k = u8len(p);
            if (k) { p += k - 1; continue; }
            fwrite(run, 1, (size_t)(p - run), f);
            fputs("\\ufffd", f);
            run = p + 1;
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        fwrite(run, 1, (size_t)(p - run), f);
        run = p + 1;
        if (c == '"') fputs("\\\"", f);
        else if (c == '\\') fputs("\\\\", f);
        else if (c == '\n') fputs("\\n", f);
        else if (c == '\t') fputs("\\t", f);
        else if (c == '\r') fputs("\\r", f);
        else fprintf(f, "\\u%04x", c);
    }
    fwrite(run, 1, (size_t)(p - run), f);
    fputc('"', f);
}

static void jactor(FILE *f, const dyad_actor *a) {
    fputs("{\"text\":", f);
    jstr(f, a->text);
    fputs(",\"code\":", f);
    jstr(f, a->code && *a->code ? a->code : NULL);
    fputs(",\"country\":", f);
    jstr(f, a->country);
    fputs(",\"sector\":", f);
    jstr(f, a->sector);
    fputs(",\"org\":", f);
    jstr(f, a->org);
    fputc('}', f);
}

static void write_jsonl(dyad_writer *w, const dyad_doc *doc, const dyad_result *r) {
    FILE *f = w->f;
    for (size_t i = 0; i < r->n_events; i++) {
        const dyad_event *e = &r->events[i];
        fputs("{\"doc_id\":", f);
        jstr(f, doc->id ? doc->id : "doc");
        fprintf(f, ",\"sent\":%d,\"date\":", e->sent);
        jstr(f, e->date[0] ? e->date : NULL);
        fputs(",\"source\":", f);
        jactor(f, &e->source);
        fputs(",\"target\":", f);
        if (e->has_target) jactor(f, &e->target);
        else fputs("null", f);
        fputs(",\"cameo\":", f);
        jstr(f, e->cameo);
        fputs(",\"root\":", f);
        jstr(f, e->root);
        fputs(",\"plover\":", f);
        jstr(f, e->plover);
        fputs(",\"plover_mode\":", f);
        jstr(f, e->plover_mode);
        fprintf(f, ",\"goldstein\":%.1f,\"quad_class\":%d,\"verb\":", e->goldstein, e->quad_class);
        jstr(f, e->verb);
        fputs(",\"pattern\":", f);
        jstr(f, e->pattern);
        fputs(",\"attribution\":", f);
        jstr(f, e->attribution);
        fputs(",\"text\":", f);
        jstr(f, e->text);
        fputs(",\"citations\":[", f);
        for (size_t k = 0; k < r->n_citations; k++) {
            fputs(k ? ",{\"source\":" : "{\"source\":", f);
            jstr(f, r->citations[k].source);
            fputs(",\"date\":", f);
            jstr(f, r->citations[k].date[0] ? r->citations[k].date : NULL);
            fputc('}', f);
        }
        fputs("],\"publication\":", f);
        jstr(f, doc->publication ? doc->publication : doc->source);
        fputs("}\n", f);
    }
}

static void tsvf(FILE *f, const char *s) {
    if (!s) return;
    const char *run = s; /* bytes written as they are go out in runs */
    for (; *s; s++) {
        size_t k = (unsigned char)*s >= 0x80 ? u8len((const unsigned char *)s) : 1;
        if (k > 1) { s += k - 1; continue; }
        if (k && *s != '\t' && *s != '\n' && *s != '\r') continue;
        fwrite(run, 1, (size_t)(s - run), f);
        run = s + 1;
        if (!k) fputs("\xef\xbf\xbd", f); /* an invalid byte: U+FFFD */
        else fputc(' ', f);
    }
    fwrite(run, 1, (size_t)(s - run), f);
}

static void write_tsv(dyad_writer *w, const dyad_doc *doc, const dyad_result *r) {
    FILE *f = w->f;
    if (!w->header_done) {
        fputs("EventID\tDate\tYear\tMonth\tDay\tSourceActorFull\tSourceActorEntity\tSourceActorRole\t"
              "SourceActorAttribute\tTargetActorFull\tTargetActorEntity\tTargetActorRole\tTargetActorAttribute\t"
              "EventCode\tEventRootCode\tQuadClass\tGoldsteinScore\tIssues\tLat\tLon\tLocationName\tStateName\t"
              "CountryCode\tSentenceID\tURLs\tNewsSources\n", f);
        w->header_done = 1;
    }
    for (size_t i = 0; i < r->n_events; i++) {
        const dyad_event *e = &r->events[i];
        char ymd[9] = "";
        if (e->date[0]) snprintf(ymd, sizeof ymd, "%.4s%.2s%.2s", e->date, e->date + 5, e->date + 8);
        fprintf(f, "%llu\t%s\t%.4s\t%.2s\t%.2s\t", ++w->next_id, ymd, e->date[0] ? e->date : "",
                e->date[0] ? e->date + 5 : "", e->date[0] ? e->date + 8 : "");
        const dyad_actor *as[2] = {&e->source, e->has_target ? &e->target : NULL};
        for (int k = 0; k < 2; k++) {
            const dyad_actor *a = as[k];
            if (a) {
                tsvf(f, a->code);
                fputc('\t', f);
                tsvf(f, a->country ? a->country : a->org);
                fputc('\t', f);
                tsvf(f, a->sector);
                fputs("\t\t", f);
            } else fputs("\t\t\t\t", f);
        }
        fprintf(f, "%s\t%s\t%d\t%.1f\t\t\t\t\t\t\t", e->cameo, e->root, e->quad_class, e->goldstein);
        tsvf(f, doc->id);
        fprintf(f, "-%d\t", e->sent);
        tsvf(f, doc->url);
        fputc('\t', f);
        tsvf(f, doc->source ? doc->source : doc->publication);
        fputc('\n', f);
    }
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
