/* petr_xml.c -- PETRARCH XML input and validation records (see dyad.h).
 *
 *   <Sentences>
 *   <Sentence date="20080804" id="AFP0808020625_4" source="AFP" sentence="True">
 *   <EventCoding sourcecode="USA" targetcode="CHN" eventcode="042"/>   (validation files only)
 *   <Text> ... </Text>
 *   <Parse> ... </Parse>               (a CoNLL-U parse gives the text when <Text> is empty)
 *   </Sentence>
 *
 * A small hand parser rather than a strict XML library, because the files people have are not always
 * well-formed: validation files put "#####" banners between elements and some close <Sentence .../> at
 * once and still end with </Sentence>. So: comments, <?...?>, <!...> and CDATA are understood, the five
 * named entities and numeric ones are decoded, text outside <Text> is ignored, a <Sentence> ends at
 * </Sentence>, at the next <Sentence> or at the end of the file. What cannot be read is reported with the
 * file and line: an unclosed comment or tag, an attribute without its closing quote, a sentence with no
 * <Text>, a date that is not YYYYMMDD (or PETRARCH's YYMMDD). */
#include "dyad.h"
#include "util/arena.h"
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_XML_FILE (1024u << 20)
#define MAX_ATTR 16
#define MAX_ENV 24

typedef struct attr {
    char name[32];
    char *val; /* in the record arena */
} attr;

typedef struct tag {
    char name[32];
    int end, selfclose;
    attr a[MAX_ATTR];
    int na;
    int line;
} tag;

struct dyad_xml_reader {
    char *path;
    char *buf;
    size_t len, pos;
    int line;
    arena a;                 /* the current record */
    char *envk[MAX_ENV], *envv[MAX_ENV];
    int nenv;
    /* the current record */
    int open;                /* a <Sentence> is open */
    char *id, *date, *text, *source, *category;
    char datebuf[11];
    int evaluate, rec_line, has_text;
    dyad_xml_coding *cod;
    size_t ncod, capcod;
    int done;
};

static void errf(dyad_xml_reader *r, int line, char *err, size_t errlen, const char *msg, const char *arg) {
    snprintf(err, errlen, "%s:%d: %s%s", r->path, line, msg, arg ? arg : "");
}

static void adv(dyad_xml_reader *r, size_t n) {
    for (size_t i = 0; i < n && r->pos < r->len; i++)
        if (r->buf[r->pos++] == '\n') r->line++;
}

/* Find s from pos; returns its offset or (size_t)-1. */
static size_t find(const dyad_xml_reader *r, size_t from, const char *s) {
    size_t l = strlen(s);
    for (size_t i = from; i + l <= r->len; i++)
        if (r->buf[i] == s[0] && memcmp(r->buf + i, s, l) == 0) return i;
    return (size_t)-1;
}

/* Append the UTF-8 of code point c. */
static size_t put_utf8(char *o, unsigned long c) {
    if (c < 0x80) { o[0] = (char)c; return 1; }
    if (c < 0x800) { o[0] = (char)(0xC0 | (c >> 6)); o[1] = (char)(0x80 | (c & 0x3F)); return 2; }
    if (c < 0x10000) {
        o[0] = (char)(0xE0 | (c >> 12)); o[1] = (char)(0x80 | ((c >> 6) & 0x3F)); o[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    if (c < 0x110000) {
        o[0] = (char)(0xF0 | (c >> 18)); o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        o[2] = (char)(0x80 | ((c >> 6) & 0x3F)); o[3] = (char)(0x80 | (c & 0x3F));
        return 4;
    }
    return 0;
}

/* Decode entities of s[0, n) into out (at most n bytes are written: an entity is never shorter). */
static size_t decode(const char *s, size_t n, char *out) {
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] == '&') {
            static const struct { const char *e; char c; } named[] = {
                {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
            int done = 0;
            for (size_t k = 0; k < 5 && !done; k++) {
                size_t l = strlen(named[k].e);
                if (i + l <= n && !memcmp(s + i, named[k].e, l)) { out[o++] = named[k].c; i += l; done = 1; }
            }
            if (!done && i + 3 < n && s[i + 1] == '#') {
                size_t j = i + 2;
                int hex = s[j] == 'x' || s[j] == 'X';
                if (hex) j++;
                unsigned long c = 0;
                size_t d0 = j;
                while (j < n && j - d0 < 8 && (hex ? isxdigit((unsigned char)s[j]) : isdigit((unsigned char)s[j]))) {
                    c = c * (hex ? 16 : 10) + (unsigned long)(isdigit((unsigned char)s[j]) ? s[j] - '0' : (tolower((unsigned char)s[j]) - 'a' + 10));
                    j++;
                }
                if (j > d0 && j < n && s[j] == ';' && c > 0) {
                    size_t w = put_utf8(out + o, c);
                    if (w && w <= j + 1 - i) { o += w; i = j + 1; done = 1; }
                }
            }
            if (done) continue;
        }
        out[o++] = s[i++];
    }
    return o;
}

static char *adup(dyad_xml_reader *r, const char *s, size_t n) {
    char *p = arena_alloc(&r->a, n + 1);
    if (!p) return NULL;
    size_t o = decode(s, n, p);
    p[o] = 0;
    return p;
}

static int namech(char c) { return isalnum((unsigned char)c) || c == '_' || c == ':' || c == '-' || c == '.'; }

/* At '<': read one tag. Returns 1 (a tag), 0 (something skipped: comment, <?...?>, <!...>, a '<' that
 * starts no tag), -1 on an error that stops the reading. */
static int read_tag(dyad_xml_reader *r, tag *t, char *err, size_t errlen) {
    int line = r->line;
    const char *b = r->buf;
    size_t p = r->pos;
    if (p + 4 <= r->len && !memcmp(b + p, "<!--", 4)) {
        size_t e = find(r, p + 4, "-->");
        if (e == (size_t)-1) { errf(r, line, err, errlen, "'<!--' comment never closed", NULL); return -1; }
        adv(r, e + 3 - p);
        return 0;
    }
    if (p + 2 <= r->len && (b[p + 1] == '?' || b[p + 1] == '!')) {
        size_t e = find(r, p + 2, b[p + 1] == '?' ? "?>" : ">");
        if (e == (size_t)-1) { errf(r, line, err, errlen, "'<' never closed with '>'", NULL); return -1; }
        adv(r, e + (b[p + 1] == '?' ? 2 : 1) - p);
        return 0;
    }
    memset(t, 0, sizeof *t);
    t->line = line;
    size_t i = p + 1;
    if (i < r->len && b[i] == '/') { t->end = 1; i++; }
    size_t n = 0;
    while (i < r->len && namech(b[i])) {
        if (n + 1 < sizeof t->name) t->name[n++] = b[i];
        i++;
    }
    if (n == 0) { adv(r, 1); return 0; } /* "a < b" in text */
    adv(r, i - p);
    for (;;) {
        while (r->pos < r->len && isspace((unsigned char)b[r->pos])) adv(r, 1);
        if (r->pos >= r->len) { errf(r, line, err, errlen, "tag <", t->name); strncat(err, "> never closed with '>'", errlen - strlen(err) - 1); return -1; }
        char c = b[r->pos];
        if (c == '>') { adv(r, 1); return 1; }
        if (c == '/' && r->pos + 1 < r->len && b[r->pos + 1] == '>') { t->selfclose = 1; adv(r, 2); return 1; }
        if (c == '<') { errf(r, line, err, errlen, "tag <", t->name); strncat(err, "> never closed with '>'", errlen - strlen(err) - 1); return -1; }
        /* an attribute: name [= "value"] */
        attr *a = t->na < MAX_ATTR ? &t->a[t->na] : NULL;
        size_t an = 0;
        while (r->pos < r->len && namech(b[r->pos])) {
            if (a && an + 1 < sizeof a->name) a->name[an++] = b[r->pos];
            adv(r, 1);
        }
        if (an == 0) { adv(r, 1); continue; } /* junk inside the tag: skip it (also past MAX_ATTR attributes) */
        if (a) a->name[an] = 0;
        while (r->pos < r->len && isspace((unsigned char)b[r->pos])) adv(r, 1);
        char *val = NULL;
        if (r->pos < r->len && b[r->pos] == '=') {
            adv(r, 1);
            while (r->pos < r->len && isspace((unsigned char)b[r->pos])) adv(r, 1);
            if (r->pos < r->len && (b[r->pos] == '"' || b[r->pos] == '\'')) {
                char q = b[r->pos];
                int vline = r->line;
                size_t s = r->pos + 1, e = s;
                while (e < r->len && b[e] != q) e++;
                if (e >= r->len) { errf(r, vline, err, errlen, "attribute value never closed with its quote", NULL); return -1; }
                val = adup(r, b + s, e - s);
                adv(r, e + 1 - r->pos);
            } else {
                size_t s = r->pos;
                while (r->pos < r->len && !isspace((unsigned char)b[r->pos]) && b[r->pos] != '>' && b[r->pos] != '/') adv(r, 1);
                val = adup(r, b + s, r->pos - s);
            }
        }
        if (a) {
            a->val = val ? val : adup(r, "", 0);
            if (!a->val) { errf(r, line, err, errlen, "out of memory", NULL); return -1; }
            t->na++;
        }
    }
}

static const char *get(const tag *t, const char *name) {
    for (int i = 0; i < t->na; i++)
        if (!strcasecmp(t->a[i].name, name)) return t->a[i].val;
    return NULL;
}

/* The text up to "</NAME>" (CDATA sections kept as they are, entities decoded); *out NULL when not closed. */
static int read_until(dyad_xml_reader *r, const char *name, char **out, char *err, size_t errlen) {
    char close[48];
    snprintf(close, sizeof close, "</%s", name);
    int line = r->line;
    size_t e = find(r, r->pos, close);
    if (e == (size_t)-1) { errf(r, line, err, errlen, "<", name); strncat(err, "> never closed", errlen - strlen(err) - 1); return -1; }
    if (out) {
        /* copy, dropping comments and CDATA markers */
        char *tmp = malloc(e - r->pos + 1);
        if (!tmp) { errf(r, line, err, errlen, "out of memory", NULL); return -1; }
        size_t o = 0;
        for (size_t i = r->pos; i < e;) {
            if (i + 4 <= e && !memcmp(r->buf + i, "<!--", 4)) {
                size_t c = find(r, i + 4, "-->");
                i = c == (size_t)-1 || c >= e ? e : c + 3;
                continue;
            }
            if (i + 9 <= e && !memcmp(r->buf + i, "<![CDATA[", 9)) { i += 9; continue; }
            if (i + 3 <= e && !memcmp(r->buf + i, "]]>", 3)) { i += 3; continue; }
            tmp[o++] = r->buf[i++];
        }
        *out = adup(r, tmp, o);
        free(tmp);
        if (!*out) { errf(r, line, err, errlen, "out of memory", NULL); return -1; }
    }
    adv(r, e - r->pos);
    size_t gt = find(r, r->pos, ">");
    adv(r, gt == (size_t)-1 ? r->len - r->pos : gt + 1 - r->pos);
    return 0;
}

/* White space (line breaks included) becomes single spaces, as PETRARCH does. */
static void squeeze(char *s) {
    char *o = s;
    int sp = 0;
    for (char *p = s; *p; p++) {
        if (isspace((unsigned char)*p)) { sp = o > s; continue; }
        if (sp) *o++ = ' ';
        sp = 0;
        *o++ = *p;
    }
    *o = 0;
}

/* A CoNLL-U parse (lines "ID<TAB>FORM<TAB>LEMMA<TAB>..." ) rewritten in place as its sentence: the FORM of
 * each word line, separated by a space unless MISC says "SpaceAfter=No". 0 (s unchanged) when s is not
 * CoNLL-U (a Penn Treebank parse, say) or has no words. */
static int conllu_text(char *s) {
    char *o = s, *line = s;
    int words = 0, space = 0;
    while (*line) {
        char *nl = strchr(line, '\n');
        char *end = nl ? nl : line + strlen(line);
        char *f[10];
        int nf = 0;
        for (char *p = line; nf < 10 && p <= end;) {
            f[nf++] = p;
            char *tab = memchr(p, '\t', (size_t)(end - p));
            if (!tab) break;
            p = tab + 1;
        }
        char *first = line;
        while (first < end && isspace((unsigned char)*first)) first++;
        if (first < end && *first != '#') {
            if (nf < 10) return 0;
            size_t idl = strspn(first, "0123456789");
            if (!idl || first + idl != f[1] - 1) { /* "3-4" multiword ranges and "3.1" empty nodes: not words */
                if (!strchr("-.", first[idl])) return 0;
            } else {
                size_t fl = (size_t)(f[2] - 1 - f[1]);
                int no_space = (size_t)(end - f[9]) >= 12 && memmem(f[9], (size_t)(end - f[9]), "SpaceAfter=No", 13) != NULL;
                if (space) *o++ = ' ';
                memmove(o, f[1], fl);
                o += fl;
                space = !no_space;
                words++;
            }
        }
        if (!nl) break;
        line = nl + 1;
    }
    if (!words) return 0;
    *o = 0;
    return 1;
}

static void read_environment(dyad_xml_reader *r) {
    size_t e = find(r, 0, "<Environment");
    size_t s1 = find(r, 0, "<Sentence");
    if (e == (size_t)-1 || (s1 != (size_t)-1 && s1 < e)) return;
    size_t save = r->pos;
    int sline = r->line;
    r->pos = e;
    char err[256];
    tag t;
    if (read_tag(r, &t, err, sizeof err) != 1) { r->pos = save; r->line = sline; return; }
    while (r->pos < r->len && r->nenv < MAX_ENV) {
        size_t lt = find(r, r->pos, "<");
        if (lt == (size_t)-1) break;
        adv(r, lt - r->pos);
        int k = read_tag(r, &t, err, sizeof err);
        if (k < 0) break;
        if (k == 0) continue;
        if (t.end && !strcmp(t.name, "Environment")) break;
        if (t.end || t.selfclose) continue;
        char *val;
        if (read_until(r, t.name, &val, err, sizeof err)) break;
        squeeze(val);
        r->envk[r->nenv] = strdup(t.name);
        r->envv[r->nenv] = strdup(val);
        if (!r->envk[r->nenv] || !r->envv[r->nenv]) { free(r->envk[r->nenv]); free(r->envv[r->nenv]); break; }
        r->nenv++;
    }
    arena_reset(&r->a);
    r->pos = save;
    r->line = sline;
}

dyad_xml_reader *dyad_xml_open(const char *path, char *err, size_t errlen) {
    dyad_xml_reader *r = calloc(1, sizeof *r);
    if (!r) { snprintf(err, errlen, "out of memory"); return NULL; }
    FILE *f = !path || !strcmp(path, "-") ? stdin : fopen(path, "rb");
    if (!f) { snprintf(err, errlen, "%s: %s", path, strerror(errno)); free(r); return NULL; }
    r->path = strdup(f == stdin ? "<stdin>" : path);
    size_t cap = 1 << 16;
    r->buf = malloc(cap);
    while (r->buf && r->path) {
        size_t k = fread(r->buf + r->len, 1, cap - r->len, f);
        r->len += k;
        if (r->len < cap) break;
        if (cap >= MAX_XML_FILE) {
            snprintf(err, errlen, "%s: larger than %u MB: split it", path, MAX_XML_FILE >> 20);
            if (f != stdin) fclose(f);
            dyad_xml_close(r);
            return NULL;
        }
        char *nb = realloc(r->buf, cap *= 2);
        if (!nb) { free(r->buf); r->buf = NULL; break; }
        r->buf = nb;
    }
    int bad = ferror(f);
    if (f != stdin) fclose(f);
    if (!r->buf || !r->path) { snprintf(err, errlen, "out of memory"); dyad_xml_close(r); return NULL; }
    if (bad) { snprintf(err, errlen, "%s: read error", r->path); dyad_xml_close(r); return NULL; }
    r->line = 1;
    arena_init(&r->a);
    read_environment(r);
    return r;
}

void dyad_xml_close(dyad_xml_reader *r) {
    if (!r) return;
    for (int i = 0; i < r->nenv; i++) { free(r->envk[i]); free(r->envv[i]); }
    arena_free(&r->a);
    free(r->cod);
    free(r->buf);
    free(r->path);
    free(r);
}

const char *dyad_xml_environment(const dyad_xml_reader *r, const char *name) {
    for (int i = 0; r && i < r->nenv; i++)
        if (!strcasecmp(r->envk[i], name)) return r->envv[i];
    return NULL;
}

void dyad_xml_record_info(const dyad_xml_reader *r, dyad_xml_record *out) {
    memset(out, 0, sizeof *out);
    out->category = r->category ? r->category : "";
    out->evaluate = r->evaluate;
    out->line = r->rec_line;
    out->codings = r->cod;
    out->n_codings = r->ncod;
}

static int is_false(const char *v) { return v && (!strcasecmp(v, "false") || !strcmp(v, "0")); }

static void begin(dyad_xml_reader *r, const tag *t) {
    r->open = 1;
    r->id = r->date = r->text = r->source = r->category = NULL;
    r->has_text = 0;
    r->ncod = 0;
    r->rec_line = t->line;
    const char *v;
    r->evaluate = !is_false(get(t, "sentence")) && !is_false(get(t, "evaluate")) && !is_false(get(t, "valid"));
    if ((v = get(t, "id"))) r->id = arena_strdup(&r->a, v);
    if ((v = get(t, "date"))) r->date = arena_strdup(&r->a, v);
    if ((v = get(t, "source"))) r->source = arena_strdup(&r->a, v);
    if ((v = get(t, "category"))) r->category = arena_strdup(&r->a, v);
}

/* Close the open record into *doc: 1, or -1 when it cannot be coded (message). */
static int finish(dyad_xml_reader *r, dyad_doc *doc, char *err, size_t errlen) {
    r->open = 0;
    memset(doc, 0, sizeof *doc);
    char idq[80];
    snprintf(idq, sizeof idq, " id=\"%.60s\"", r->id ? r->id : "");
    if (!r->has_text) {
        errf(r, r->rec_line, err, errlen, "<Sentence> without <Text>", r->id ? idq : NULL);
        return -1;
    }
    if (r->date) {
        const char *d = r->date;
        size_t l = strlen(d);
        int ok = (l == 8 || l == 6) && strspn(d, "0123456789") == l;
        if (ok) {
            if (l == 8) snprintf(r->datebuf, sizeof r->datebuf, "%.4s-%.2s-%.2s", d, d + 4, d + 6);
            else snprintf(r->datebuf, sizeof r->datebuf, "%s%.2s-%.2s-%.2s", atoi((char[]){d[0], d[1], 0}) <= 30 ? "20" : "19", d, d + 2, d + 4);
            ok = dyad_date_valid(r->datebuf);
        }
        if (!ok) {
            char msg[256];
            snprintf(msg, sizeof msg, "<Sentence%s> has date=\"%.20s\": expected YYYYMMDD", r->id ? idq : "", d);
            errf(r, r->rec_line, err, errlen, msg, NULL);
            return -1;
        }
        doc->date = r->datebuf;
    }
    doc->id = r->id;
    doc->text = r->text;
    doc->len = strlen(r->text);
    doc->source = r->source;
    return 1;
}

static int add_coding(dyad_xml_reader *r, const tag *t) {
    if (r->ncod == r->capcod) {
        size_t cap = r->capcod ? r->capcod * 2 : 8;
        dyad_xml_coding *nc = realloc(r->cod, cap * sizeof *nc);
        if (!nc) return -1;
        r->cod = nc;
        r->capcod = cap;
    }
    dyad_xml_coding *c = &r->cod[r->ncod++];
    const char *v;
    c->source = (v = get(t, "sourcecode")) ? v : "";
    c->target = (v = get(t, "targetcode")) ? v : "";
    c->event = (v = get(t, "eventcode")) ? v : "";
    c->error = get(t, "error");
    c->noevents = (v = get(t, "noevents")) && !strcasecmp(v, "true");
    return 0;
}

int dyad_xml_next(dyad_xml_reader *r, dyad_doc *doc, char *err, size_t errlen) {
    if (!r || r->done) return 0;
    if (!r->open) arena_reset(&r->a); /* the last record's strings */
    for (;;) {
        size_t lt = find(r, r->pos, "<");
        if (lt == (size_t)-1) {
            adv(r, r->len - r->pos);
            r->done = 1;
            return r->open ? finish(r, doc, err, errlen) : 0;
        }
        adv(r, lt - r->pos);
        size_t at = r->pos;
        int at_line = r->line;
        tag t;
        int k = read_tag(r, &t, err, errlen);
        if (k < 0) { r->done = 1; return -2; }
        if (k == 0) continue;
        if (!strcmp(t.name, "Sentence")) {
            if (t.end) {
                if (r->open) return finish(r, doc, err, errlen);
                continue;
            }
            if (r->open) { /* the previous one was never closed: it ends here */
                r->pos = at;
                r->line = at_line;
                return finish(r, doc, err, errlen);
            }
            begin(r, &t);
            continue;
        }
        if (t.end) {
            if (!strcmp(t.name, "Sentences") && r->open) return finish(r, doc, err, errlen);
            continue;
        }
        if (!strcmp(t.name, "EventCoding") && r->open) {
            if (add_coding(r, &t)) { snprintf(err, errlen, "out of memory"); r->done = 1; return -2; }
            continue;
        }
        if (!strcmp(t.name, "Text") && !t.selfclose) {
            char *txt;
            if (read_until(r, "Text", r->open ? &txt : NULL, err, errlen)) { r->done = 1; return -2; }
            if (r->open) {
                squeeze(txt);
                r->text = txt;
                r->has_text = 1;
            }
            continue;
        }
        if (!strcmp(t.name, "Parse") && !t.selfclose) {
            /* an empty <Text> with a CoNLL-U parse: the sentence is the parse's words (PETRARCH-2 codes
               from the parse alone) */
            int want = r->open && (!r->has_text || !*r->text);
            char *parse;
            if (read_until(r, t.name, want ? &parse : NULL, err, errlen)) { r->done = 1; return -2; }
            if (want && conllu_text(parse)) {
                r->text = parse;
                r->has_text = 1;
            }
            continue;
        }
        if (!strcmp(t.name, "Environment") && !t.selfclose) {
            if (read_until(r, t.name, NULL, err, errlen)) { r->done = 1; return -2; }
            continue;
        }
    }
}
