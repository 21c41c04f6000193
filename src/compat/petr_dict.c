/* petr_dict.c -- read PETRARCH-2 / TABARI dictionaries into dyad's own tables (see petrarch.h and
 * docs/compat.md for what is read, how it maps, and what is not supported).
 *
 *   verbs     synsets (&NAME / +phrase), blocks "--- NAME [code] ---", verb lines (VERB {forms} [code],
 *             multi-word verbs +CORDON_OFF, WIRE_+TAP), patterns "- before * after [code]" with + $ % ^ _
 *             & ( ) { }, paired codes [A:B], transformations "~ ..." (counted, not used)
 *   actors    NAME [CODE], +synonyms, code lines [CODE], [CODE <date], [CODE >date], [CODE d1-d2], A/B codes
 *   agents    PHRASE {plural} [~CODE] or [CODE~], !MARKER! = a, b substitution sets
 *   discards  phrases, '+' for the whole story
 *
 * The CAMEO code table (Goldstein, QuadClass, PLOVER) is dyad's own cameo-codes.tsv, built into the binary;
 * codes the table lacks (TABARI/WEIS codes such as 345 or 174K) are added as they are, without weights.
 * Every problem is "file:line: what is wrong"; the first one stops the load. */
#include "petrarch.h"
#include "dict/embedded.h"
#include "tag/tagger.h"
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct rd {
    dyad_dict *d;
    struct petr_ext *x;
    const char *file; /* in d->mem */
    int line;
    char *err;
    size_t errlen;
    arena tmp;        /* tokenizer scratch for actor names */
    int strict;       /* verb dictionaries: a stray ']' is an error */
} rd;

static int fail(rd *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(rd *r, const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(r->err, r->errlen, "%s:%d: %s", r->file, r->line, msg);
    return -1;
}

static int oom(rd *r) { return fail(r, "out of memory"); }

/* A line PETRARCH skips with a warning: so do we (the first few messages are kept). */
static void warn(rd *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(rd *r, const char *fmt, ...) {
    struct petr_ext *x = r->x;
    if (x->nwarn < sizeof x->warn / sizeof x->warn[0]) {
        char msg[512];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        x->warn[x->nwarn] = arena_printf(&r->d->mem, "%s:%d: %s", r->file, r->line, msg);
    }
    x->nwarn++;
}

static char *trim(char *s) {
    while (*s && isspace((unsigned char)*s)) s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1])) *--e = 0;
    return s;
}

static void lower(char *s) {
    for (; *s; s++) *s = (char)tolower((unsigned char)*s);
}

/* ---- files and lines --------------------------------------------------------------------------------- */

typedef struct src {
    char *buf;
    size_t len, pos;
    int line, in_xml; /* inside a "<!-- ... -->" comment spanning lines */
    char *cur;        /* the current line (in a copy we may cut) */
    size_t cap;
} src;

static int src_open(rd *r, src *s, const char *path) {
    memset(s, 0, sizeof *s);
    FILE *f = fopen(path, "rb");
    if (!f) { snprintf(r->err, r->errlen, "%s: %s", path, strerror(errno)); return -1; }
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    while (b) {
        size_t k = fread(b + n, 1, cap - n, f);
        n += k;
        if (n < cap) break;
        char *nb = realloc(b, cap *= 2);
        if (!nb) { free(b); b = NULL; break; }
        b = nb;
    }
    int bad = ferror(f);
    fclose(f);
    if (!b) { snprintf(r->err, r->errlen, "%s: out of memory", path); return -1; }
    if (bad) { free(b); snprintf(r->err, r->errlen, "%s: read error", path); return -1; }
    s->buf = b;
    s->len = n;
    if (n >= 3 && (unsigned char)b[0] == 0xEF && (unsigned char)b[1] == 0xBB && (unsigned char)b[2] == 0xBF) s->pos = 3;
    r->file = arena_strdup(&r->d->mem, path);
    r->line = 0;
    return r->file ? 0 : oom(r);
}

static void src_close(src *s) {
    free(s->buf);
    free(s->cur);
    memset(s, 0, sizeof *s);
}

/* Cut the comments out of a line: "<!-- ... -->" (possibly over several lines), a line starting "<!",
 * and "#" at the start of the line, after white space or after ']' ("[ZBW]#jw 9/30/91"). */
static char *clean(src *s, char *l) {
    if (s->in_xml) {
        char *e = strstr(l, "-->");
        if (!e) return l + strlen(l);
        s->in_xml = 0;
        l = e + 3;
    }
    for (;;) {
        char *c = strstr(l, "<!--");
        if (!c) break;
        char *e = strstr(c + 4, "-->");
        if (!e) { *c = 0; s->in_xml = 1; break; }
        memmove(c, e + 3, strlen(e + 3) + 1);
    }
    char *t = trim(l);
    if (t[0] == '<' && t[1] == '!') return t + strlen(t); /* "<! -- NEW ACTORS ... -->" */
    for (char *h = l; (h = strchr(h, '#')); h++)
        if (h == l || isspace((unsigned char)h[-1]) || h[-1] == ']') { *h = 0; break; }
    /* TABARI's ';' comments: "SCRAP {SCRAPPING SCRAPS SCRAPPED };shan 8/30/93" */
    for (char *h = l; (h = strchr(h, ';')); h++)
        if (h > l && (isspace((unsigned char)h[-1]) || h[-1] == ']' || h[-1] == '}')) { *h = 0; break; }
    return trim(l);
}

/* The next line with something left after comments, or NULL at the end. */
static char *src_next(rd *r, src *s) {
    while (s->pos < s->len) {
        size_t b = s->pos, e = b;
        while (e < s->len && s->buf[e] != '\n') e++;
        s->pos = e < s->len ? e + 1 : e;
        s->line++;
        r->line = s->line;
        size_t l = e - b;
        if (l + 1 > s->cap) {
            char *nc = realloc(s->cur, l + 256);
            if (!nc) { oom(r); return NULL; }
            s->cur = nc;
            s->cap = l + 256;
        }
        memcpy(s->cur, s->buf + b, l);
        s->cur[l] = 0;
        for (size_t k = 0; k < l; k++)
            if (s->cur[k] == '\r' || s->cur[k] == 0) s->cur[k] = ' ';
        char *c = clean(s, s->cur);
        if (*c) return c;
    }
    return NULL;
}

/* Room for n more entries of a table: one allocation instead of doubling (and copying) as it fills. */
static int reserve(rd *r, void **arr, size_t n, size_t *cap, size_t more, size_t elem) {
    if (n + more <= *cap) return 0;
    void *p = arena_alloc(&r->d->mem, (n + more) * elem);
    if (!p) return oom(r);
    if (*arr && n) memcpy(p, *arr, n * elem);
    *arr = p;
    *cap = n + more;
    return 0;
}

static size_t count_lines(const src *s) {
    size_t n = 1;
    for (const char *p = s->buf; (p = memchr(p, '\n', (size_t)(s->buf + s->len - p))); p++) n++;
    return n;
}

/* ---- codes ------------------------------------------------------------------------------------------- */

static int load_cameo_table(rd *r) {
    const embedded_file *e = dyad_embedded_files;
    while (e->path && strcmp(e->path, "cameo-codes.tsv") != 0) e++;
    r->file = "cameo-codes.tsv (built in)";
    if (!e->path) { r->line = 0; return fail(r, "missing from this build"); }
    dyad_dict *d = r->d;
    size_t i = 0;
    r->line = 0;
    while (i < e->len) {
        size_t j = i;
        while (j < e->len && e->data[j] != '\n') j++;
        r->line++;
        char line[512];
        size_t l = j - i < sizeof line - 1 ? j - i : sizeof line - 1;
        memcpy(line, e->data + i, l);
        line[l] = 0;
        i = j + 1;
        if (!line[0] || line[0] == '#' || !strncmp(line, "code\t", 5)) continue;
        char *f[6] = {0};
        int n = 0;
        for (char *p = line; n < 6;) {
            f[n++] = p;
            char *t = strchr(p, '\t');
            if (!t) break;
            *t = 0;
            p = t + 1;
        }
        if (n < 4 || strlen(f[0]) < 2 || strlen(f[0]) > 4) return fail(r, "bad line");
        code_info *ci = ARENA_PUSH(&d->mem, d->codes, d->n_codes, d->cap_codes, code_info);
        if (!ci) return oom(r);
        memset(ci, 0, sizeof *ci);
        memcpy(ci->code, f[0], strlen(f[0]) + 1);
        memcpy(ci->root, f[0], 2);
        ci->goldstein = strtod(f[2], NULL);
        ci->quad = atoi(f[3]);
        ci->plover = n > 4 && *trim(f[4]) ? arena_strdup(&d->mem, trim(f[4])) : NULL;
        ci->mode = n > 5 && *trim(f[5]) ? arena_strdup(&d->mem, trim(f[5])) : NULL;
        if (!strmap_put(&d->code_index, ci->code, strlen(ci->code), (int32_t)(d->n_codes - 1), NULL)) return oom(r);
    }
    return 0;
}

/* The index of an event code, adding codes the CAMEO table lacks (no Goldstein weight, QuadClass 0). */
static int32_t code_of(rd *r, const char *code) {
    dyad_dict *d = r->d;
    size_t l = strlen(code);
    if (l == 0 || l > 5) { fail(r, "bad event code '%s' (1 to 5 characters)", code); return -1; }
    for (size_t k = 0; k < l; k++)
        if (isspace((unsigned char)code[k]) || code[k] == '[' || code[k] == ']') {
            fail(r, "bad event code '%s'", code);
            return -1;
        }
    int32_t k = dict_code(d, code);
    if (k >= 0) return k;
    code_info *ci = ARENA_PUSH(&d->mem, d->codes, d->n_codes, d->cap_codes, code_info);
    if (!ci) { oom(r); return -1; }
    memset(ci, 0, sizeof *ci);
    memcpy(ci->code, code, l + 1);
    ci->root[0] = code[0];
    ci->root[1] = l > 1 ? code[1] : 0;
    if (!strmap_put(&d->code_index, ci->code, l, (int32_t)(d->n_codes - 1), NULL)) { oom(r); return -1; }
    return (int32_t)(d->n_codes - 1);
}

/* "[042]", "[032:033]", "[:190]", "[---]": the codes of a verb or pattern. */
typedef struct vcode {
    int32_t code, code2;
    uint8_t nocode, has2;
} vcode;

static int parse_vcode(rd *r, char *s, vcode *out) {
    memset(out, 0, sizeof *out);
    out->code = out->code2 = -1;
    s = trim(s);
    char *colon = strchr(s, ':');
    char *a = s, *b = NULL;
    if (colon) { *colon = 0; b = trim(colon + 1); a = trim(s); }
    if (!*a || !strcmp(a, "---")) out->nocode = 1;
    else if ((out->code = code_of(r, a)) < 0) return -1;
    if (b && *b && strcmp(b, "---") != 0) {
        if ((out->code2 = code_of(r, b)) < 0) return -1;
        out->has2 = 1;
    }
    if (out->nocode && !out->has2) {
        /* no event at all: still a code index for the pattern (the engine sees nocode) */
        if ((out->code = code_of(r, "---")) < 0) return -1;
    } else if (out->nocode) out->code = out->code2;
    return 0;
}

/* Split "WORDS [CODE]" at the last '[': returns the code text (NULL when none); cuts s. */
static char *cut_code(rd *r, char *s, int *bad) {
    *bad = 0;
    char *o = strrchr(s, '[');
    if (!o) {
        /* a stray ']' is an error in a verb dictionary; actor files have a few typos PETRARCH ignores
           ("+FAEROYENE]_"), and so do we */
        if (strchr(s, ']') && r->strict) { *bad = 1; fail(r, "']' without '['"); }
        return NULL;
    }
    char *c = strchr(o, ']');
    if (!c) { *bad = 1; fail(r, "'[' without ']'"); return NULL; }
    if (*trim(c + 1)) { *bad = 1; fail(r, "text after the code: '%s'", trim(c + 1)); return NULL; }
    *o = 0;
    *c = 0;
    return o + 1;
}

/* ---- synsets ----------------------------------------------------------------------------------------- */

static int add_phrase(rd *r, int32_t syn, const char *text, int plural) {
    struct petr_ext *x = r->x;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", text);
    lower(buf);
    const char *w[16];
    int n = 0;
    for (char *sv1 = NULL, *p = strtok_r(buf, " \t_", &sv1); p && n < 16; p = strtok_r(NULL, " \t_", &sv1)) w[n++] = p;
    if (n == 0) return fail(r, "empty synset phrase");
    char pl[128]; /* the plural of the last word, when asked for (a static buffer here was shared by threads) */
    for (int v = 0; v < (plural ? 2 : 1); v++) {
        if (v == 1) {
            /* the plural of the last word: "dollar" -> "dollars", "currency" -> "currencies" */
            const char *lw = w[n - 1];
            size_t l = strlen(lw);
            if (lw[0] == '&' || l < 2 || l + 3 > sizeof pl) break;
            if (lw[l - 1] == 'y' && !strchr("aeiou", lw[l - 2])) snprintf(pl, sizeof pl, "%.*sies", (int)(l - 1), lw);
            else if (strchr("sxz", lw[l - 1]) || (l > 2 && (lw[l - 1] == 'h') && (lw[l - 2] == 'c' || lw[l - 2] == 's')))
                snprintf(pl, sizeof pl, "%ses", lw);
            else snprintf(pl, sizeof pl, "%ss", lw);
            w[n - 1] = pl;
        }
        petr_phrase *p = ARENA_PUSH(&r->d->mem, x->phr, x->nphr, x->capphr, petr_phrase);
        if (!p) return oom(r);
        p->n = (uint8_t)n;
        p->w = arena_alloc(&r->d->mem, (size_t)n * sizeof *p->w);
        if (!p->w) return oom(r);
        for (int k = 0; k < n; k++)
            if (!(p->w[k] = arena_strdup(&r->d->mem, w[k]))) return oom(r);
        x->syn[syn].n++;
    }
    return 0;
}

/* ---- verbs ------------------------------------------------------------------------------------------- */

typedef struct mwverb { /* one written form of a verb: words before, the verb word, words after */
    const char *pre[4], *post[4];
    int npre, npost;
    const char *head;
} mwverb;

typedef struct bverb {
    mwverb f;
    vcode c;
    int line;
    const char *text;
} bverb;

typedef struct block {
    vcode code;
    int line;
    bverb *verbs;
    size_t nverbs, capverbs;
    vpattern *pats;
    size_t npats, cappats;
} block;

static int push_verb(rd *r, block *b, const mwverb *f, const vcode *c, const char *text) {
    if (b->nverbs == b->capverbs) {
        size_t cap = b->capverbs ? b->capverbs * 2 : 16;
        bverb *nv = realloc(b->verbs, cap * sizeof *nv);
        if (!nv) return oom(r);
        b->verbs = nv;
        b->capverbs = cap;
    }
    bverb *v = &b->verbs[b->nverbs++];
    v->f = *f;
    v->c = *c;
    v->line = r->line;
    v->text = text;
    return 0;
}

/* A written form; "WIRE_+TAP" is also found when the tagger takes "wire" for the verb ("will not wire
 * tap"): the same words keyed on the first one. */
static int push_form(rd *r, block *b, const mwverb *f, const vcode *c, const char *text) {
    if (push_verb(r, b, f, c, text)) return -1;
    if (!f->npre || f->npre + f->npost + 1 > 4) return 0;
    mwverb g;
    memset(&g, 0, sizeof g);
    g.head = f->pre[0];
    for (int k = 1; k < f->npre; k++) g.post[g.npost++] = f->pre[k];
    g.post[g.npost++] = f->head;
    for (int k = 0; k < f->npost; k++) g.post[g.npost++] = f->post[k];
    return push_verb(r, b, &g, c, text);
}

static const char *dup_low(rd *r, const char *s, size_t n) {
    char *p = arena_strndup(&r->d->mem, s, n);
    if (p) lower(p);
    return p;
}

/* The forms PETRARCH generates for a regular verb, plus the English spellings it misses. */
static int regular_forms(const char *w, char out[8][64]) {
    size_t l = strlen(w);
    int n = 0;
    if (l == 0 || l > 50) return 0;
    char last = w[l - 1], prev = l > 1 ? w[l - 2] : 0;
    snprintf(out[n++], 64, "%s", w);
    if (strchr("sxz", last) || (last == 'h' && (prev == 'c' || prev == 's'))) snprintf(out[n++], 64, "%ses", w);
    else if (last == 'y' && !strchr("aeiou", prev)) { snprintf(out[n++], 64, "%.*sies", (int)l - 1, w); snprintf(out[n++], 64, "%ss", w); }
    else snprintf(out[n++], 64, "%ss", w);
    if (last == 'e') snprintf(out[n++], 64, "%sd", w);
    else if (last == 'y' && !strchr("aeiou", prev)) { snprintf(out[n++], 64, "%.*sied", (int)l - 1, w); snprintf(out[n++], 64, "%sed", w); }
    else snprintf(out[n++], 64, "%sed", w);
    if (last == 'e' && l > 2 && !strchr("aeiouy", prev)) snprintf(out[n++], 64, "%.*sing", (int)l - 1, w);
    else snprintf(out[n++], 64, "%sing", w);
    if (last == 'e' && l > 2 && strchr("aeiouy", prev)) snprintf(out[n++], 64, "%.*sing", (int)l - 1, w); /* PETRARCH-1 */
    return n;
}

/* Split one written form "WIRE_+TAPPED" / "+BROKE_DOWN" / "ARREST" into words around the verb. */
static int split_form(rd *r, const char *form, mwverb *f, int multi) {
    memset(f, 0, sizeof *f);
    char buf[256];
    snprintf(buf, sizeof buf, "%s", form);
    const char *w[12];
    int n = 0, verb = -1;
    for (char *sv2 = NULL, *p = strtok_r(buf, "_", &sv2); p && n < 12; p = strtok_r(NULL, "_", &sv2)) {
        if (*p == '+') {
            if (verb >= 0) return fail(r, "two '+' in the multi-word verb '%s'", form);
            verb = n;
            p++;
        }
        if (*p) w[n++] = p;
    }
    if (n == 0) return fail(r, "empty verb '%s'", form);
    if (verb < 0) {
        if (multi && n > 1) return fail(r, "multi-word verb '%s' needs a '+' before its verb word", form);
        verb = 0;
    }
    if (verb >= n) return fail(r, "'+' at the end of '%s'", form);
    if (verb > 4 || n - verb - 1 > 4) return fail(r, "multi-word verb '%s' is too long", form);
    for (int k = 0; k < verb; k++)
        if (!(f->pre[f->npre++] = dup_low(r, w[k], strlen(w[k])))) return oom(r);
    if (!(f->head = dup_low(r, w[verb], strlen(w[verb])))) return oom(r);
    for (int k = verb + 1; k < n; k++)
        if (!(f->post[f->npost++] = dup_low(r, w[k], strlen(w[k])))) return oom(r);
    return 0;
}

/* A verb line: "SAY {SAID SAYING} [010]", "+CORDON_OFF {+CORDONED_OFF ...}", "WIRE_+TAP", "ARREST". */
static int verb_line(rd *r, block *b, char *s) {
    int bad;
    char *code = cut_code(r, s, &bad);
    if (bad) return -1;
    vcode c = b->code;
    if (code && parse_vcode(r, code, &c)) return -1;
    char *forms = NULL;
    char *ob = strchr(s, '{');
    if (ob) {
        char *cb = strchr(ob, '}');
        if (!cb) return fail(r, "'{' without '}'");
        if (*trim(cb + 1)) return fail(r, "text after the verb forms: '%s'", trim(cb + 1));
        *cb = 0;
        *ob = 0;
        forms = ob + 1;
    } else if (strchr(s, '}')) return fail(r, "'}' without '{'");
    char *base = trim(s);
    if (!*base) return fail(r, "a verb line without a verb");
    /* "LASH OUT": a phrase written with spaces is a multi-word verb led by its first word */
    for (char *q = base; *q; q++)
        if (isspace((unsigned char)*q)) {
            char *w = q;
            while (isspace((unsigned char)*w)) w++;
            *q = '_';
            memmove(q + 1, w, strlen(w) + 1);
        }
    if (strchr(base, '_') && !strchr(base, '+')) {
        memmove(base + 1, base, strlen(base) + 1);
        base[0] = '+';
    }
    int multi = strchr(base, '_') != NULL;
    const char *text = arena_strdup(&r->d->mem, base);
    mwverb f;
    if (split_form(r, base, &f, multi)) return -1;
    if (push_form(r, b, &f, &c, text)) return -1;
    r->x->verbs++;
    if (forms) {
        for (char *sv3 = NULL, *p = strtok_r(forms, " \t", &sv3); p; p = strtok_r(NULL, " \t", &sv3)) {
            if (split_form(r, p, &f, strchr(p, '_') != NULL)) return -1;
            if (push_form(r, b, &f, &c, text)) return -1;
        }
    } else {
        char fs[8][64];
        int nf = regular_forms(f.head, fs);
        for (int k = 1; k < nf; k++) {
            mwverb g = f;
            if (!(g.head = arena_strdup(&r->d->mem, fs[k]))) return oom(r);
            if (push_form(r, b, &g, &c, text)) return -1;
        }
    }
    return 0;
}

/* Pattern elements: words, markers (* + $ % ^) and synset names, with whether '_' joins each to the last. */
typedef struct pel {
    char s[96];
    uint8_t joined;
} pel;

/* The longest synset name ("&fight_of_words") at the start of s: its length, 0 when none is defined. */
static size_t synset_name(rd *r, const char *s) {
    size_t e = 1;
    while (isalnum((unsigned char)s[e]) || s[e] == '_' || s[e] == '-') e++;
    char name[96];
    for (size_t l = e; l > 1; l--) {
        if (l != e && s[l] != '_') continue;
        if (l >= sizeof name) continue;
        size_t nl = l;
        while (nl > 1 && s[nl - 1] == '_') nl--;
        for (size_t k = 0; k < nl; k++) name[k] = (char)tolower((unsigned char)s[k]);
        if (amap_get(&r->x->syn_index, name, nl) >= 0) return l;
    }
    return 0;
}

static int split_pattern(rd *r, const char *s, pel *els, int max, int *nel, int *undefined) {
    int n = 0, join = 0;
    *undefined = 0;
    for (size_t i = 0; s[i];) {
        char c = s[i];
        if (isspace((unsigned char)c) || c == '(' || c == ')' || c == '{' || c == '}') { join = 0; i++; continue; }
        if (c == '_') { join = 1; i++; continue; }
        if (n == max) return fail(r, "pattern too long");
        pel *e = &els[n++];
        e->joined = (uint8_t)join;
        join = 0;
        if (strchr("*+$%^", c)) {
            e->s[0] = c;
            e->s[1] = 0;
            i++;
            continue;
        }
        size_t l;
        if (c == '&') {
            l = synset_name(r, s + i);
            if (!l) { /* undefined: the pattern is skipped, as PETRARCH does */
                *undefined = 1;
                l = 1;
                while (isalnum((unsigned char)s[i + l])) l++;
            }
        } else {
            l = 0;
            while (s[i + l] && !isspace((unsigned char)s[i + l]) && !strchr("_(){}*+$%^&", s[i + l])) l++;
        }
        if (l >= sizeof e->s) return fail(r, "word too long in pattern");
        memcpy(e->s, s + i, l);
        e->s[l] = 0;
        while (l > 1 && e->s[l - 1] == '_') e->s[--l] = 0;
        lower(e->s);
        i += l;
        while (s[i] == '_' && c == '&' && (!s[i + 1] || isspace((unsigned char)s[i + 1]))) i++;
    }
    *nel = n;
    return 0;
}

static int is_word(const pel *e) { return !(e->s[1] == 0 && strchr("*+$%^", e->s[0])); }

#define BEFORE_MAX 6

/* "- SAID * TO ATTEND [082]": one pattern of the current block. */
static int pattern_line(rd *r, block *b, char *s) {
    const char *text = arena_strdup(&r->d->mem, s);
    if (!text) return oom(r);
    int bad;
    char *code = cut_code(r, s, &bad);
    if (bad) return -1;
    if (!code) return fail(r, "pattern without a code in [...]");
    vcode c;
    if (parse_vcode(r, code, &c)) return -1;
    pel els[48];
    int n = 0, undefined = 0;
    if (split_pattern(r, s + 1, els, 48, &n, &undefined)) return -1;
    int star = -1;
    for (int k = 0; k < n; k++)
        if (!strcmp(els[k].s, "*")) {
            if (star >= 0) return fail(r, "more than one '*' in a pattern");
            star = k;
        }
    if (star < 0) return fail(r, "pattern without '*' (where the verb stands)");
    r->x->patterns++;
    if (undefined) { r->x->skipped_patterns++; return 0; }
    vpattern p;
    memset(&p, 0, sizeof p);
    p.target_slot = -1;
    p.code = c.code;
    p.nocode = c.nocode;
    p.has_code2 = c.has2;
    p.code2 = c.has2 ? c.code2 : 0;
    p.file = r->file;
    p.line = r->line;
    p.text = text;
    for (int k = 0; k < star; k++) {
        const char *w = els[k].s;
        if (!is_word(&els[k])) {
            /* '+' first: the subject is the target; after a word: the target stands after that word */
            if (*w == '+') p.target_subject = (uint8_t)(p.nbefore ? p.nbefore + 1 : 1);
            else if (*w == '%') p.compound = 1;
            continue;
        }
        if (p.nbefore == BEFORE_MAX) { r->x->skipped_patterns++; return 0; }
        if (k + 1 <= star && els[k + 1].joined && is_word(&els[k + 1])) p.adjacent |= (uint16_t)(1u << (8 + p.nbefore));
        if (k + 1 == star && els[k + 1].joined) p.adjacent |= (uint16_t)(1u << (8 + p.nbefore));
        if (!(p.before[p.nbefore++] = arena_strdup(&r->d->mem, w))) return oom(r);
    }
    for (int k = star + 1; k < n; k++) {
        const char *w = els[k].s;
        if (!is_word(&els[k])) {
            if (*w == '+' || *w == '%') p.target_slot = (int8_t)p.nwords;
            else if (*w == '$') p.source_slot = (uint8_t)(p.nwords + 1);
            else if (*w == '^' && (k + 1 == n || !strcmp(els[k + 1].s, "+"))) p.skip_np = 1; /* skip a noun phrase */
            continue;
        }
        if (p.nwords == PAT_MAXW) { r->x->skipped_patterns++; return 0; }
        if (els[k].joined && (k == star + 1 || is_word(&els[k - 1]) || !strcmp(els[k - 1].s, "*")))
            p.adjacent |= (uint16_t)(1u << p.nwords);
        if (!(p.words[p.nwords++] = arena_strdup(&r->d->mem, w))) return oom(r);
    }
    if (p.target_slot >= p.nwords) p.target_slot = -1;
    if (b->npats == b->cappats) {
        size_t cap = b->cappats ? b->cappats * 2 : 16;
        vpattern *np = realloc(b->pats, cap * sizeof *np);
        if (!np) return oom(r);
        b->pats = np;
        b->cappats = cap;
    }
    b->pats[b->npats++] = p;
    return 0;
}

/* Append a pattern to the dict; returns its index. */
static int32_t store_pattern(rd *r, const vpattern *p) {
    dyad_dict *d = r->d;
    vpattern *slot = ARENA_PUSH(&d->mem, d->pats, d->n_pats, d->cap_pats, vpattern);
    if (!slot) { oom(r); return -1; }
    *slot = *p;
    return (int32_t)(d->n_pats - 1);
}

/* Combine a verb form with a block pattern: the form's own words go next to the verb. 0: too long. */
static int combine(const mwverb *f, const vpattern *bp, vpattern *out) {
    *out = *bp;
    if (bp->nbefore + f->npre > BEFORE_MAX || bp->nwords + f->npost > PAT_MAXW) return 0;
    for (int k = 0; k < f->npre; k++) {
        out->before[bp->nbefore + k] = f->pre[k];
        out->adjacent |= (uint16_t)(1u << (8 + bp->nbefore + k));
    }
    out->nbefore = (uint8_t)(bp->nbefore + f->npre);
    uint16_t after = (uint16_t)(bp->adjacent & 0xff);
    out->adjacent = (uint16_t)((out->adjacent & 0xff00) | ((after << f->npost) & 0xff));
    for (int k = 0; k < f->npost; k++) {
        out->words[k] = f->post[k];
        out->adjacent |= (uint16_t)(1u << k);
    }
    for (int k = 0; k < bp->nwords; k++) out->words[f->npost + k] = bp->words[k];
    out->nwords = (uint8_t)(bp->nwords + f->npost);
    if (bp->target_slot >= 0) out->target_slot = (int8_t)(bp->target_slot + f->npost);
    if (bp->source_slot) out->source_slot = (uint8_t)(bp->source_slot + f->npost);
    return 1;
}

/* A written form of a verb now also leads to the chain of patterns starting at `chain`. */
static int add_form(rd *r, const char *form, int32_t chain) {
    struct petr_ext *x = r->x;
    int32_t *v = amap_put(&r->d->mem, &x->forms, form, strlen(form), -1, NULL);
    if (!v) return oom(r);
    petr_fnode *nd = ARENA_PUSH(&r->d->mem, x->fnode, x->nfnode, x->capfnode, petr_fnode);
    if (!nd) return oom(r);
    nd->chain = chain;
    nd->next = *v; /* a form met again (another block, another verb) keeps its earlier chains after */
    *v = (int32_t)(x->nfnode - 1);
    return 0;
}

static int same_words(const mwverb *a, const mwverb *b) {
    if (a->npre != b->npre || a->npost != b->npost) return 0;
    for (int k = 0; k < a->npre; k++)
        if (strcmp(a->pre[k], b->pre[k])) return 0;
    for (int k = 0; k < a->npost; k++)
        if (strcmp(a->post[k], b->post[k])) return 0;
    return 1;
}

/* End of a block: its patterns become one chain, shared by its single-word verbs (each with its own bare
 * pattern in front); a multi-word verb gets one chain of the block's patterns combined with its own
 * words, shared by all its written forms. */
static int flush_block(rd *r, block *b) {
    int32_t chain = -1;
    for (size_t k = b->npats; k-- > 0;) {
        vpattern p = b->pats[k];
        p.next = chain;
        p.head = "*";
        if ((chain = store_pattern(r, &p)) < 0) return -1;
    }
    int32_t mwchain = -1;
    const bverb *mwlast = NULL;
    for (size_t v = 0; v < b->nverbs; v++) {
        const bverb *bv = &b->verbs[v];
        const mwverb *f = &bv->f;
        vpattern bare;
        memset(&bare, 0, sizeof bare);
        bare.target_slot = -1;
        bare.code = bv->c.code;
        bare.nocode = bv->c.nocode;
        bare.has_code2 = bv->c.has2;
        bare.code2 = bv->c.has2 ? bv->c.code2 : 0;
        if (r->x->p2 && bare.has_code2 && !bare.nocode) bare.has_code2 = 0; /* PETRARCH-2: "ATTEND [042:043]" is 042 */
        bare.head = f->head;
        bare.file = r->file;
        bare.line = bv->line;
        bare.text = bv->text;
        if (!f->npre && !f->npost) {
            bare.next = chain;
            int32_t h = store_pattern(r, &bare);
            if (h < 0 || add_form(r, f->head, h)) return -1;
            continue;
        }
        /* a multi-word verb: one chain for all the forms written on one line with the same words */
        if (!mwlast || mwlast->line != bv->line || mwlast->c.code != bv->c.code || !same_words(&mwlast->f, f)) {
            int32_t next = -1;
            for (size_t k = b->npats; k-- > 0;) {
                vpattern p;
                if (!combine(f, &b->pats[k], &p)) { r->x->skipped_patterns++; continue; }
                p.next = next;
                p.head = f->head;
                if ((next = store_pattern(r, &p)) < 0) return -1;
            }
            vpattern none, bp2;
            memset(&none, 0, sizeof none);
            none.target_slot = -1;
            combine(f, &none, &bp2);
            bp2.code = bare.code;
            bp2.nocode = bare.nocode;
            bp2.has_code2 = bare.has_code2;
            bp2.code2 = bare.code2;
            bp2.file = bare.file;
            bp2.line = bare.line;
            bp2.text = bare.text;
            bp2.head = f->head;
            bp2.next = next;
            if ((mwchain = store_pattern(r, &bp2)) < 0) return -1;
            mwlast = bv;
        }
        if (add_form(r, f->head, mwchain)) return -1;
        /* also as one hyphenated token ("re-arrest"), which behaves as a single-word verb */
        char hyph[256];
        size_t o = 0;
        for (int k = 0; k < f->npre; k++) o += (size_t)snprintf(hyph + o, sizeof hyph - o, "%s-", f->pre[k]);
        o += (size_t)snprintf(hyph + o, sizeof hyph - o, "%s", f->head);
        for (int k = 0; k < f->npost && o < sizeof hyph; k++) o += (size_t)snprintf(hyph + o, sizeof hyph - o, "-%s", f->post[k]);
        if (o < sizeof hyph - 1 && !f->npre) { /* "+BREAK_DOWN" -> "break-down"; "WIRE_+TAP" is listed under "wire" too */
            bare.next = chain;
            bare.head = arena_strdup(&r->d->mem, hyph);
            int32_t h = store_pattern(r, &bare);
            if (h < 0 || !bare.head || add_form(r, bare.head, h)) return -1;
        }
    }
    b->nverbs = b->npats = 0;
    return 0;
}

/* "~ a (a b ATTACK) SAY = a b 015": kept until every verb is known (the verbs name codes) */
typedef struct tline {
    char text[160];
    int line;
} tline;
typedef struct tlines {
    tline *v;
    size_t n, cap;
} tlines;

static int transformation(rd *r, const char *l, tlines *tl) {
    if (tl->n == tl->cap) {
        size_t cap = tl->cap ? tl->cap * 2 : 8;
        tline *nv = realloc(tl->v, cap * sizeof *nv);
        if (!nv) return oom(r);
        tl->v = nv;
        tl->cap = cap;
    }
    snprintf(tl->v[tl->n].text, sizeof tl->v[0].text, "%s", l + 1);
    tl->v[tl->n++].line = r->line;
    return 0;
}

/* The code a verb alone has ("ATTACK" -> 190), or -1 when the verb is not in the dictionary. */
static int32_t verb_code(rd *r, const char *verb) {
    char low[64];
    snprintf(low, sizeof low, "%s", verb);
    lower(low);
    for (int32_t nd = amap_get(&r->x->forms, low, strlen(low)); nd >= 0; nd = r->x->fnode[nd].next) {
        const vpattern *p = &r->d->pats[r->x->fnode[nd].chain];
        if (!p->nwords && !p->nbefore) return p->nocode ? -1 : p->code; /* "ATTEMPT [---]" names no code */
    }
    return -1;
}

static int resolve_transformations(rd *r, tlines *tl) {
    struct petr_ext *x = r->x;
    for (size_t i = 0; i < tl->n; i++) {
        r->line = tl->v[i].line;
        char a[16], is[16], it[16], iv[64], ov[64], ns[16], nt[16], code[16];
        /* "a (a b ATTACK) SAY = a b 015" */
        char buf[160];
        snprintf(buf, sizeof buf, "%s", tl->v[i].text);
        for (char *q = buf; *q; q++)
            if (*q == '(' || *q == ')') *q = ' ';
        if (sscanf(buf, "%15s %15s %15s %63s %63s = %15s %15s %15s", a, is, it, iv, ov, ns, nt, code) != 8)
            return fail(r, "bad transformation: expected '~ a (a b VERB) VERB = a b CODE'");
        petr_trans t;
        memset(&t, 0, sizeof t);
        t.line = r->line;
        t.isrc = is[0] == a[0] ? 'a' : is[0] == '_' ? '_' : is[0] == '.' ? '.' : 'b';
        t.itgt = it[0] == a[0] ? 'a' : it[0] == '_' ? '_' : it[0] == '.' ? '.' : 'b';
        t.nsrc = ns[0] == a[0] ? 'a' : 'b';
        t.ntgt = nt[0] == a[0] ? 'a' : 'b';
        t.inner = strcmp(iv, "Q") ? verb_code(r, iv) : -1;
        t.outer = verb_code(r, ov);
        if ((strcmp(iv, "Q") && t.inner < 0) || t.outer < 0) { x->skipped_transformations++; continue; }
        t.code = strcmp(code, "Q") ? code_of(r, code) : -1;
        if (strcmp(code, "Q") && t.code < 0) return -1;
        petr_trans *slot = ARENA_PUSH(&r->d->mem, x->trans, x->ntrans, x->captrans, petr_trans);
        if (!slot) return oom(r);
        *slot = t;
    }
    return 0;
}

static int load_verbs(rd *r, const char *path) {
    struct petr_ext *x = r->x;
    tlines tls;
    memset(&tls, 0, sizeof tls);
    src s;
    if (src_open(r, &s, path)) return -1;
    int rc = 0;
    /* pass 1: synsets, wherever they are */
    int32_t cur = -1;
    int noplural = 0;
    char *l;
    while (!rc && (l = src_next(r, &s))) {
        if (l[0] == '&') {
            char name[96];
            size_t n = 0;
            while (l[n] && !isspace((unsigned char)l[n]) && n < sizeof name - 1) { name[n] = (char)tolower((unsigned char)l[n]); n++; }
            noplural = n > 1 && name[n - 1] == '_';
            while (n > 1 && name[n - 1] == '_') n--;
            name[n] = 0;
            if (n < 2) { rc = fail(r, "a synset needs a name after '&'"); break; }
            int isnew;
            int32_t *v = amap_put(&r->d->mem, &x->syn_index, name, n, (int32_t)x->nsyn, &isnew);
            if (!v) { rc = oom(r); break; }
            if (!isnew) { rc = fail(r, "synset %s defined twice", l); break; }
            petr_synset *sy = ARENA_PUSH(&r->d->mem, x->syn, x->nsyn, x->capsyn, petr_synset);
            if (!sy) { rc = oom(r); break; }
            sy->name = arena_strdup(&r->d->mem, name);
            sy->first = (int32_t)x->nphr;
            sy->n = 0;
            cur = *v;
            x->synsets++;
            continue;
        }
        if (l[0] == '-' && l[1] != '-' && strpbrk(l, "({")) x->p2 = 1; /* PETRARCH-2 pattern syntax */
        if (l[0] == '+' && cur >= 0) {
            char *m = trim(l + 1);
            size_t ml = strlen(m);
            int np = noplural || (ml && m[ml - 1] == '_') || m[0] == '&' || strchr(m, '{');
            if (!*m) { rc = fail(r, "empty synset phrase"); break; }
            rc = add_phrase(r, cur, m, !np);
            continue;
        }
        cur = -1;
    }
    if (rc) { src_close(&s); return rc; }
    if (s.in_xml) { src_close(&s); return fail(r, "'<!--' comment never closed"); }
    /* pass 2: blocks, verbs, patterns */
    s.pos = 0;
    s.line = 0;
    s.in_xml = 0;
    if (s.len >= 3 && (unsigned char)s.buf[0] == 0xEF) s.pos = 3;
    block b;
    memset(&b, 0, sizeof b);
    int inblock = 0, insyn = 0;
    if (reserve(r, (void **)&r->d->pats, r->d->n_pats, &r->d->cap_pats, 3 * count_lines(&s) + 64, sizeof(vpattern))) {
        src_close(&s);
        return -1;
    }
    if (memmem(s.buf, s.len, "####### VERB PATTERNS", 21)) x->p2 = 1;
    while (!rc && (l = src_next(r, &s))) {
        if (l[0] == '&') { insyn = 1; continue; }
        if (l[0] == '+' && insyn) continue;
        insyn = 0;
        if (!strncmp(l, "---", 3)) {
            if (inblock && (rc = flush_block(r, &b))) break;
            inblock = 1;
            char *body = l + 3;
            size_t bl = strlen(body);
            while (bl && (body[bl - 1] == '-' || isspace((unsigned char)body[bl - 1]))) body[--bl] = 0;
            int bad;
            char *code = cut_code(r, body, &bad);
            if (bad) { rc = -1; break; }
            memset(&b.code, 0, sizeof b.code);
            if (code) rc = parse_vcode(r, code, &b.code);
            else rc = parse_vcode(r, "---", &b.code);
            b.line = r->line;
            continue;
        }
        if (l[0] == '~') { rc = transformation(r, l, &tls); continue; }
        if (!inblock) { rc = fail(r, "'%.40s' before the first verb block ('--- NAME [code] ---')", l); break; }
        if (l[0] == '-') rc = pattern_line(r, &b, l);
        else rc = verb_line(r, &b, l);
    }
    if (!rc && inblock) rc = flush_block(r, &b);
    if (!rc) rc = resolve_transformations(r, &tls);
    free(tls.v);
    free(b.verbs);
    free(b.pats);
    src_close(&s);
    return rc;
}

/* ---- actors and agents ------------------------------------------------------------------------------- */

/* The lookup key of a name as the tokenizer will see it in text: "u.s. state department". */
static size_t name_key(rd *r, const char *name, char *out, size_t outsz, int *ntok, int *closed) {
    /* most names are plain words ("minas tirith"): the tokenizer would keep them as they are */
    size_t l = strlen(name);
    int plain = l > 0 && l < outsz;
    for (size_t i = 0; plain && i < l; i++) {
        unsigned char c = (unsigned char)name[i];
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) continue;
        if (c == ' ' && i > 0 && i + 1 < l && name[i + 1] != ' ') continue;
        if (c == '-' && i > 0 && i + 1 < l && isalnum((unsigned char)name[i - 1]) && isalnum((unsigned char)name[i + 1])) continue;
        plain = 0;
    }
    if (plain && !(name[0] >= '0' && name[0] <= '9')) {
        memcpy(out, name, l + 1);
        *ntok = 1;
        for (size_t i = 0; i < l; i++) *ntok += name[i] == ' ';
        *closed = *ntok == 1 && tag_closed(out) != 0;
        return l;
    }
    arena_reset(&r->tmp);
    token_list tl;
    size_t o = 0;
    *ntok = 0;
    *closed = 0;
    if (tokenize(&r->tmp, name, 0, strlen(name), &tl) != 0) return 0;
    for (size_t i = 0; i < tl.n; i++) {
        size_t l = tl.v[i].lowlen;
        if (o + l + 2 > outsz) return 0;
        if (i) out[o++] = ' ';
        memcpy(out + o, tl.v[i].low, l);
        o += l;
    }
    out[o] = 0;
    *ntok = (int)tl.n;
    *closed = tl.n == 1 && tag_closed(out) != 0;
    return o;
}

/* "ARNOR_", "MINAS_TIRITH", "PRESIDENT GEORGE W. BUSH" -> "arnor", "minas tirith", ... */
static void name_text(const char *in, char *out, size_t outsz) {
    size_t o = 0;
    int sp = 0;
    for (const char *p = in; *p && o + 2 < outsz; p++) {
        char c = *p == '_' ? ' ' : *p;
        if (isspace((unsigned char)c)) { sp = o > 0; continue; }
        if (sp) out[o++] = ' ';
        sp = 0;
        out[o++] = (char)tolower((unsigned char)c);
    }
    out[o] = 0;
}

/* Entries e[0, n) under one name; e[0] ends up first in the name's chain. */
static int add_names(rd *r, const char *name, actor_entry *e, size_t n) {
    dyad_dict *d = r->d;
    char text[512], key[512];
    name_text(name, text, sizeof text);
    if (!text[0]) return fail(r, "empty name");
    int ntok, closed;
    size_t kl = name_key(r, text, key, sizeof key, &ntok, &closed);
    if (kl == 0) return fail(r, "name '%s' has no words, or is too long", name);
    int isnew;
    int32_t *v = strmap_put(&d->names, key, kl, -1, &isnew);
    if (!v) return oom(r);
    const char *stored = strmap_key(&d->names, key, kl); /* the name as written is kept as its key */
    for (size_t k = n; k-- > 0;) {
        e[k].needcap = closed ? 2 : 0; /* "US" the country, not "us" */
        e[k].file = r->file;
        e[k].line = r->line;
        e[k].name = stored;
        e[k].next = *v;
        actor_entry *slot = ARENA_PUSH(&d->mem, d->actors, d->n_actors, d->cap_actors, actor_entry);
        if (!slot) return oom(r);
        *slot = e[k];
        *v = (int32_t)(d->n_actors - 1);
    }
    if (ntok > d->max_name_tokens) d->max_name_tokens = ntok;
    if (isnew)
        for (size_t i = 0; i < kl; i++)
            if (key[i] == ' ' && !strmap_put(&d->prefixes, key, i, 1, NULL)) return oom(r);
    return 0;
}

static int add_name(rd *r, const char *name, actor_entry *e) { return add_names(r, name, e, 1); }

/* "950601" (YYMMDD, YY up to 30 is 20YY) or "19950601" -> 19950601; 0 when not a date. */
static int32_t petr_date(const char *s) {
    size_t l = strlen(s);
    if (l < 6 || l > 12 || strspn(s, "0123456789") != l) return 0;
    /* as PETRARCH: 8 digits or more are YYYYMMDD, 6 or 7 are YYMMDD, and the extra digits of a typo
       ("9008223", "201005011") are ignored */
    l = l >= 8 ? 8 : 6;
    int y, m, dd;
    if (l == 8) { y = atoi((char[]){s[0], s[1], s[2], s[3], 0}); m = atoi((char[]){s[4], s[5], 0}); dd = atoi((char[]){s[6], s[7], 0}); }
    else { y = atoi((char[]){s[0], s[1], 0}); y += y <= 30 ? 2000 : 1900; m = atoi((char[]){s[2], s[3], 0}); dd = atoi((char[]){s[4], s[5], 0}); }
    char iso[40]; /* room for any three ints: the compiler cannot see that the fields are 2-4 digits */
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, dd);
    if (!dyad_date_valid(iso)) return 0;
    return y * 10000 + m * 100 + dd;
}

typedef struct acode {
    const char *code;
    int32_t from, to;
    int restricted;
} acode;

typedef struct pending {
    char **names;
    int *lines;
    size_t nnames, capnames;
    acode *codes;
    size_t ncodes, capcodes;
    int line;
} pending;

/* "[HOBGOV 19950601 - 19990815]" contents -> code and date range. */
static int parse_acode(rd *r, char *s, acode *c) {
    memset(c, 0, sizeof *c);
    c->to = 99999999;
    s = trim(s);
    size_t n = 0;
    while (s[n] && !isspace((unsigned char)s[n]) && s[n] != '<' && s[n] != '>') n++;
    if (n == 0) return fail(r, "empty actor code");
    char *rest = s + n;
    char code[64];
    if (n >= sizeof code) return fail(r, "actor code too long");
    memcpy(code, s, n);
    code[n] = 0;
    for (size_t k = 0; k < n; k++)
        if (!isalnum((unsigned char)code[k]) && !strchr("-/+#~", code[k])) return fail(r, "bad character in actor code '%s'", code);
    for (size_t k = 0; k < n; k++) code[k] = (char)toupper((unsigned char)code[k]);
    if (!(c->code = arena_strdup(&r->d->mem, code))) return oom(r);
    /* the restriction, without spaces */
    char dr[64];
    size_t o = 0;
    for (char *p = rest; *p; p++)
        if (!isspace((unsigned char)*p)) {
            if (o + 1 >= sizeof dr) return fail(r, "bad date restriction '%s'", trim(rest));
            dr[o++] = *p;
        }
    dr[o] = 0;
    if (!o) return 0;
    c->restricted = 1;
    if (dr[0] == '<' || dr[0] == '>') {
        int32_t dt = petr_date(dr + 1);
        if (!dt) return fail(r, "bad date '%s' (YYMMDD or YYYYMMDD)", dr + 1);
        if (dr[0] == '<') c->to = dt - 1; /* before the date */
        else c->from = dt + 1;            /* after the date */
        return 0;
    }
    char *dash = strchr(dr, '-');
    if (!dash) { /* a bare date ("[USAGOV 19820101] # entered Foreign Service"): from that date on */
        if (!(c->from = petr_date(dr))) return fail(r, "bad date restriction '%s' (<date, >date or date-date)", dr);
        return 0;
    }
    *dash = 0;
    int32_t a = petr_date(dr), b = petr_date(dash + 1);
    if (!a) return fail(r, "bad date '%s' (YYMMDD or YYYYMMDD)", dr);
    if (!b) return fail(r, "bad date '%s' (YYMMDD or YYYYMMDD)", dash + 1);
    /* a range that ends before it starts (Phoenix has one) never applies, as in PETRARCH */
    c->from = a;
    c->to = b;
    return 0;
}

static int push_name(rd *r, pending *p, const char *name) {
    if (p->nnames == p->capnames) {
        size_t cap = p->capnames ? p->capnames * 2 : 8;
        char **nn = realloc(p->names, cap * sizeof *nn);
        int *nl = realloc(p->lines, cap * sizeof *nl);
        if (nn) p->names = nn;
        if (nl) p->lines = nl;
        if (!nn || !nl) return oom(r);
        p->capnames = cap;
    }
    if (!(p->names[p->nnames] = strdup(name))) return oom(r);
    p->lines[p->nnames++] = r->line;
    return 0;
}

static int push_code(rd *r, pending *p, char *text) {
    if (p->ncodes == p->capcodes) {
        size_t cap = p->capcodes ? p->capcodes * 2 : 4;
        acode *nc = realloc(p->codes, cap * sizeof *nc);
        if (!nc) return oom(r);
        p->codes = nc;
        p->capcodes = cap;
    }
    /* "FRO/BIL/SAM" stays one code: the engine splits compound actors */
    if (parse_acode(r, text, &p->codes[p->ncodes])) return -1;
    p->ncodes++;
    return 0;
}

/* The names and codes of one actor are complete: one entry per name and code, the date-restricted codes
 * first (in the order written: the first that covers a date wins), the unrestricted one last. */
static int flush_actor(rd *r, pending *p) {
    int rc = 0;
    if (p->nnames && !p->ncodes) {
        int line = r->line;
        r->line = p->line;
        rc = fail(r, "actor '%s' has no code", p->names[0]);
        r->line = line;
    }
    actor_entry es[32];
    size_t ne = 0;
    for (int pass = 1; pass >= 0; pass--) /* the chain: restricted codes as written, then the others */
        for (size_t k = 0; k < p->ncodes && ne < 32; k++) {
            const acode *c = &p->codes[k];
            if (c->restricted != pass) continue;
            actor_entry *e = &es[ne++];
            memset(e, 0, sizeof *e);
            e->kind = AK_PERSON; /* people are the entries whose code depends on the date */
            e->country = c->code;
            e->from = c->from;
            e->to = c->to;
        }
    for (size_t n = 0; n < p->nnames && !rc; n++) {
        int line = r->line;
        r->line = p->lines[n];
        rc = add_names(r, p->names[n], es, ne);
        r->line = line;
    }
    if (p->nnames) r->x->actors++;
    for (size_t n = 0; n < p->nnames; n++) free(p->names[n]);
    p->nnames = p->ncodes = 0;
    return rc;
}

static int load_actors(rd *r, const char *path) {
    src s;
    if (src_open(r, &s, path)) return -1;
    if (reserve(r, (void **)&r->d->actors, r->d->n_actors, &r->d->cap_actors, count_lines(&s) + 16, sizeof(actor_entry))) {
        src_close(&s);
        return -1;
    }
    pending p;
    memset(&p, 0, sizeof p);
    int rc = 0;
    char *l;
    while (!rc && (l = src_next(r, &s))) {
        if (l[0] == '[') {
            char *c = strchr(l, ']');
            if (!c) { rc = fail(r, "'[' without ']'"); break; }
            if (*trim(c + 1)) { rc = fail(r, "text after the code: '%s'", trim(c + 1)); break; }
            *c = 0;
            if (!p.nnames) { rc = fail(r, "a code line with no actor name before it"); break; }
            rc = push_code(r, &p, l + 1);
            continue;
        }
        int syn = l[0] == '+';
        /* a name starts a new actor once the last one has its codes; names in a row share the codes
           that follow them ("IVO_JOSIPOVIC_" / "JOSIPOVIC_" / "[HRVGOV >20120219]") */
        if (!syn && p.ncodes && (rc = flush_actor(r, &p))) break;
        if (!syn && !p.nnames) p.line = r->line;
        else if (!p.nnames) { rc = fail(r, "a synonym ('+') with no actor name before it"); break; }
        /* NAME [CODE][CODE 950101-991231] (text after the codes is ignored, as PETRARCH does) */
        char *o = strchr(l, '[');
        if (o) *o = 0;
        char *name = trim(l + syn);
        if (!*name) { rc = fail(r, "empty actor name"); break; }
        if ((rc = push_name(r, &p, name))) break;
        while (o && !rc) {
            char *c = strchr(o + 1, ']');
            if (!c) { rc = fail(r, "'[' without ']'"); break; }
            *c = 0;
            rc = push_code(r, &p, o + 1);
            char *n = trim(c + 1);
            o = *n == '[' ? n : NULL;
        }
    }
    if (!rc) rc = flush_actor(r, &p);
    if (!rc && s.in_xml) rc = fail(r, "'<!--' comment never closed");
    for (size_t n = 0; n < p.nnames; n++) free(p.names[n]);
    free(p.names);
    free(p.lines);
    free(p.codes);
    src_close(&s);
    return rc;
}

/* "!PERSON! = MAN, MEN, WOMAN": substitution sets of the agent dictionary. */
typedef struct marker {
    char name[32];
    char items[16][32];
    int n;
} marker;

static int add_agent(rd *r, const char *phrase, const char *code, int prefix) {
    actor_entry e;
    memset(&e, 0, sizeof e);
    e.kind = AK_AGENT;
    e.sector = code;
    e.agent_prefix = (uint8_t)prefix;
    r->x->agents++;
    return add_name(r, phrase, &e);
}

/* Regular plural of the last word: "official" -> "officials", "party" -> "parties", "boss" -> "bosses". */
static void plural_of(const char *s, char *out, size_t outsz) {
    size_t l = strlen(s);
    char last = l ? (char)toupper((unsigned char)s[l - 1]) : 0, prev = l > 1 ? (char)toupper((unsigned char)s[l - 2]) : 0;
    if (last == 'Y' && !strchr("AEIOU", prev)) snprintf(out, outsz, "%.*sIES", (int)l - 1, s);
    else if (strchr("SXZ", last) || (last == 'H' && (prev == 'C' || prev == 'S'))) snprintf(out, outsz, "%sES", s);
    else snprintf(out, outsz, "%sS", s);
}

static int load_agents(rd *r, const char *path) {
    src s;
    if (src_open(r, &s, path)) return -1;
    if (reserve(r, (void **)&r->d->actors, r->d->n_actors, &r->d->cap_actors, 3 * count_lines(&s) + 16, sizeof(actor_entry))) {
        src_close(&s);
        return -1;
    }
    marker *mk = NULL;
    size_t nmk = 0;
    int rc = 0;
    char *l;
    while (!rc && (l = src_next(r, &s))) {
        if (l[0] == '!' && strchr(l, '=')) {
            char *e = strchr(l + 1, '!');
            char *eq = strchr(l, '=');
            if (!e || e > eq || e - l - 1 <= 0 || e - l - 1 >= 32) { rc = fail(r, "bad substitution set (expected !NAME! = a, b, c)"); break; }
            marker *nm = realloc(mk, (nmk + 1) * sizeof *mk);
            if (!nm) { rc = oom(r); break; }
            mk = nm;
            marker *m = &mk[nmk++];
            memset(m, 0, sizeof *m);
            memcpy(m->name, l + 1, (size_t)(e - l - 1));
            for (char *sv4 = NULL, *it = strtok_r(eq + 1, ",", &sv4); it && m->n < 16; it = strtok_r(NULL, ",", &sv4)) {
                it = trim(it);
                if (*it) snprintf(m->items[m->n++], 32, "%s", it);
            }
            if (!m->n) rc = fail(r, "empty substitution set !%s!", m->name);
            continue;
        }
        char *ob2 = strrchr(l, '[');
        if (ob2 && !strchr(ob2, ']')) { /* "[~ENV}": Phoenix has this typo */
            size_t ll = strlen(l);
            if (ll && l[ll - 1] == '}') l[ll - 1] = ']';
        }
        int bad;
        char *code = cut_code(r, l, &bad);
        if (bad) { rc = -1; break; }
        if (!code) { warn(r, "agent without a code, skipped: expected 'PHRASE [~CODE]'"); continue; }
        code = trim(code);
        int prefix = 0;
        size_t cl = strlen(code);
        if (cl && code[cl - 1] == '~') { prefix = 1; code[--cl] = 0; }
        else if (code[0] == '~') { code++; cl--; }
        code = trim(code);
        if (!*code || strpbrk(code, " \t~[]")) { rc = fail(r, "bad agent code '%s'", code); break; }
        for (char *q = code; *q; q++) *q = (char)toupper((unsigned char)*q);
        const char *acode = arena_strdup(&r->d->mem, code);
        if (!acode) { rc = oom(r); break; }
        /* the plural: {PLURAL}, {} for none, else the regular one */
        char plural[256] = "";
        int has_plural = 1;
        char *ob = strchr(l, '{');
        if (ob) {
            char *cb = strchr(ob, '}');
            if (!cb) { rc = fail(r, "'{' without '}'"); break; }
            *cb = 0;
            snprintf(plural, sizeof plural, "%s", trim(ob + 1));
            has_plural = plural[0] != 0;
            *ob = 0;
        }
        char *phrase = trim(l);
        if (!*phrase) { rc = fail(r, "agent without a phrase"); break; }
        char *bang = strchr(phrase, '!');
        if (bang) {
            char *e = strchr(bang + 1, '!');
            if (!e) { rc = fail(r, "substitution marker '%s' not closed with '!'", bang); break; }
            marker *m = NULL;
            for (size_t k = 0; k < nmk; k++)
                if ((size_t)(e - bang - 1) == strlen(mk[k].name) && !strncmp(mk[k].name, bang + 1, (size_t)(e - bang - 1))) m = &mk[k];
            if (!m) { rc = fail(r, "substitution marker '%.*s' is not defined", (int)(e - bang + 1), bang); break; }
            for (int k = 0; k < m->n && !rc; k++) {
                char full[512];
                snprintf(full, sizeof full, "%.*s%s%s", (int)(bang - phrase), phrase, m->items[k], e + 1);
                rc = add_agent(r, full, acode, prefix);
            }
            continue;
        }
        if ((rc = add_agent(r, phrase, acode, prefix))) break;
        if (!ob) plural_of(phrase, plural, sizeof plural);
        if (has_plural) rc = add_agent(r, plural, acode, prefix);
    }
    if (!rc && s.in_xml) rc = fail(r, "'<!--' comment never closed");
    free(mk);
    src_close(&s);
    return rc;
}

/* ---- discards ---------------------------------------------------------------------------------------- */

static int load_discards(rd *r, const char *path) {
    src s;
    if (src_open(r, &s, path)) return -1;
    struct petr_ext *x = r->x;
    int rc = 0;
    char *l;
    while (!rc && (l = src_next(r, &s))) {
        int story = l[0] == '+';
        char *t = trim(l + story);
        if (!*t) { rc = fail(r, "empty discard phrase"); break; }
        const char *text = arena_strdup(&r->d->mem, t);
        const char *w[16];
        int n = 0;
        for (char *sv5 = NULL, *p = strtok_r(t, " \t", &sv5); p; p = strtok_r(NULL, " \t", &sv5)) {
            if (n == 16) { rc = fail(r, "discard phrase longer than 16 words"); break; }
            for (char *q = p; *q; q++) *q = *q == '_' ? ' ' : (char)toupper((unsigned char)*q);
            size_t pl = strlen(p);
            while (pl && p[pl - 1] == ' ') p[--pl] = 0;
            if (pl) w[n++] = p;
        }
        if (rc) break;
        if (!n || !text) { rc = n ? oom(r) : fail(r, "empty discard phrase"); break; }
        petr_discard *dp = ARENA_PUSH(&r->d->mem, x->disc, x->ndisc, x->capdisc, petr_discard);
        if (!dp) { rc = oom(r); break; }
        dp->n = (uint8_t)n;
        dp->story = (uint8_t)story;
        dp->text = text;
        dp->w = arena_alloc(&r->d->mem, (size_t)n * sizeof *dp->w);
        if (!dp->w) { rc = oom(r); break; }
        for (int k = 0; k < n; k++)
            if (!(dp->w[k] = arena_strdup(&r->d->mem, w[k]))) { rc = oom(r); break; }
        int32_t *v = amap_put(&r->d->mem, &x->disc_first, w[0], strlen(w[0]), -1, NULL);
        if (!v) { rc = oom(r); break; }
        dp->next = *v;
        *v = (int32_t)(x->ndisc - 1);
    }
    if (!rc && s.in_xml) rc = fail(r, "'<!--' comment never closed");
    src_close(&s);
    return rc;
}

/* ---- the public entry points ------------------------------------------------------------------------- */

dyad_dict *dyad_dict_load_petrarch(const dyad_petrarch_files *files, char *err, size_t errlen) {
    char dummy[1]; /* no static buffer: loads may run in parallel threads */
    if (!err) { err = dummy; errlen = 1; }
    if (!files || (!files->verbs && !files->n_actors)) {
        snprintf(err, errlen, "PETRARCH dictionaries: a verb dictionary or an actor dictionary is required");
        return NULL;
    }
    dyad_dict *d = calloc(1, sizeof *d);
    if (!d) { snprintf(err, errlen, "out of memory"); return NULL; }
    arena_init_huge(&d->mem); /* long-lived tables: large blocks of 2 MB pages */
    for (int i = 0; i < MOD__COUNT; i++)
        for (int k = 0; k < 21; k++) d->modal_map[i][k] = -1;
    rd r;
    memset(&r, 0, sizeof r);
    r.d = d;
    r.err = err;
    r.errlen = errlen;
    arena_init(&r.tmp);
    r.x = arena_calloc(&d->mem, sizeof *r.x);
    d->petr = r.x;
    int rc = r.x ? load_cameo_table(&r) : -1;
    if (!r.x) snprintf(err, errlen, "out of memory");
    /* room for every actor entry at once (about one per 16 bytes of actor files, three per agent line) */
    size_t guess = 0;
    struct stat st;
    for (size_t i = 0; i < files->n_actors; i++)
        if (stat(files->actors[i], &st) == 0) guess += (size_t)st.st_size / 16;
    if (files->agents && stat(files->agents, &st) == 0) guess += (size_t)st.st_size / 8;
    if (!rc && guess) rc = reserve(&r, (void **)&d->actors, 0, &d->cap_actors, guess, sizeof(actor_entry));
    r.strict = 1;
    if (!rc && files->verbs) rc = load_verbs(&r, files->verbs);
    r.strict = 0;
    for (size_t i = 0; !rc && i < files->n_actors; i++) rc = load_actors(&r, files->actors[i]);
    if (!rc && files->agents) rc = load_agents(&r, files->agents);
    if (!rc && files->discards) rc = load_discards(&r, files->discards);
    arena_free(&r.tmp);
    if (!rc && d->mem.failed) { snprintf(err, errlen, "out of memory"); rc = -1; }
    if (!rc && dict_index_names(d)) { snprintf(err, errlen, "out of memory"); rc = -1; }
    if (rc) { dyad_dict_free(d); return NULL; }
    return d;
}

int dyad_petrarch_discard(const dyad_dict *d, const char *text, size_t len, const char **which) {
    return d ? petr_discard_find(d, text, len, which) : 0;
}

void dyad_petrarch_get_stats(const dyad_dict *d, dyad_petrarch_stats *out) {
    memset(out, 0, sizeof *out);
    if (!d || !d->petr) return;
    const struct petr_ext *x = d->petr;
    out->verbs = x->verbs;
    out->patterns = x->patterns;
    out->synsets = x->synsets;
    out->transformations = x->ntrans;
    out->actors = x->actors;
    out->agents = x->agents;
    out->discards = x->ndisc;
    out->patterns_left_out = x->skipped_patterns;
    out->transformations_left_out = x->skipped_transformations;
    out->lines_left_out = x->nwarn;
}

size_t dyad_petrarch_warnings(const dyad_dict *d, dyad_msg_fn fn, void *ud) {
    if (!d || !d->petr) return 0;
    const struct petr_ext *x = d->petr;
    for (size_t i = 0; fn && i < x->nwarn && i < sizeof x->warn / sizeof x->warn[0]; i++)
        if (x->warn[i]) fn(ud, x->warn[i]);
    return x->nwarn;
}
