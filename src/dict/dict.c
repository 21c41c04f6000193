/* dict.c -- load dyad's own dictionaries (format: docs/dictionaries.md) into immutable tables.
 *
 * Files come from a directory (`--dict DIR`) or from the copy embedded at build time. Every problem is
 * reported as "file:line: what is wrong"; the first one stops the load. */
#include "dict.h"
#include "dict/embedded.h"
#include "dict/image.h"
#include "tag/lexicon.h"
#include "tag/tagger.h"
#include "token/token.h"
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

const char *const actor_kind_names[] = {"", "country", "demonym", "capital", "city", "region", "org", "agent", "person"};
const char *const modality_names[MOD__COUNT] = {"refuse", "threaten", "intent", "proceed", "negated", "speech", "alone", "future", "object", "mutual", "onlooker"};

typedef struct loadctx {
    dyad_dict *d;
    arena *tmp;
    const char *file;
    int line;
    char *err;
    size_t errlen;
} loadctx;

static int fail(loadctx *c, const char *fmt, const char *arg) {
    char msg[400];
    snprintf(msg, sizeof msg, fmt, arg ? arg : "");
    snprintf(c->err, c->errlen, "%s:%d: %s", c->file, c->line, msg);
    return -1;
}

static char *trim(char *s) {
    while (*s && isspace((unsigned char)*s)) s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1])) *--e = 0;
    return s;
}

/* ---- lookups ----------------------------------------------------------------------------------------- */

int32_t dict_code(const dyad_dict *d, const char *code) { return strmap_get(&d->code_index, code, strlen(code)); }
const code_info *dict_code_info(const dyad_dict *d, int32_t i) {
    return (i >= 0 && (size_t)i < d->n_codes) ? &d->codes[i] : NULL;
}
int32_t dict_verb_patterns(const dyad_dict *d, const char *lemma, int nominal) {
    return strmap_get(nominal ? &d->noun_heads : &d->verb_heads, lemma, strlen(lemma));
}
int dict_is_modal_probe(const dyad_dict *d, int cls, const char *lemma) {
    const strmap *m = &d->modal_verbs[cls];
    if (!m->n) return 0;
    size_t n = strlen(lemma);
    return strmap_get_h(m, lemma, n, strmap_hash(lemma, n)) >= 0;
}
int32_t dict_modal_code(const dyad_dict *d, int cls, int32_t code) {
    char key[48];
    int kl = snprintf(key, sizeof key, "%d:%s", cls, d->codes[code].code);
    int32_t k = strmap_get(&d->modal_codes, key, (size_t)kl);
    if (k >= 0) return k;
    int root = code_root(&d->codes[code]);
    return root >= 1 && root <= 20 ? d->modal_map[cls][root] : -1;
}


static size_t phrase_key(arena *a, const char *name, char *out, size_t outsz, int *needcap, int *ntok);

size_t dict_phrase_key(const char *name, char *out, size_t outsz, int *needcap, int *ntok) {
    arena a;
    arena_init(&a);
    size_t n = phrase_key(&a, name, out, outsz, needcap, ntok);
    arena_free(&a);
    return n;
}

static size_t phrase_key(arena *ap, const char *name, char *out, size_t outsz, int *needcap, int *ntok) {
    arena_reset(ap);
    arena *a = ap;
    token_list tl;
    size_t o = 0;
    *ntok = 0;
    *needcap = 0;
    if (tokenize(a, name, 0, strlen(name), &tl) == 0) {
        for (size_t i = 0; i < tl.n; i++) {
            size_t l = tl.v[i].lowlen;
            if (o + l + 2 > outsz) { o = 0; break; }
            if (i) out[o++] = ' ';
            memcpy(out + o, tl.v[i].low, l);
            o += l;
        }
        *ntok = (int)tl.n;
        *needcap = tl.n > 0 && (tl.v[0].flags & TF_CAP) ? ((tl.v[0].flags & TF_ALLCAP) && tl.v[0].lowlen <= 5 ? 2 : 1) : 0;
    }
    out[o] = 0;
    return o;
}

/* ---- cameo-codes.tsv --------------------------------------------------------------------------------- */

static int load_codes(loadctx *c, char *line) {
    dyad_dict *d = c->d;
    if (strncmp(line, "code\t", 5) == 0) return 0;
    char *f[6] = {0};
    int n = 0;
    char *p = line;
    while (n < 6) {
        f[n++] = p;
        char *t = strchr(p, '\t');
        if (!t) break;
        *t = 0;
        p = t + 1;
    }
    if (n < 4) return fail(c, "expected code, root, goldstein, quad separated by tabs", NULL);
    size_t cl = strlen(f[0]);
    if (cl < 2 || cl > 4 || strspn(f[0], "0123456789") != cl) return fail(c, "bad CAMEO code '%s'", f[0]);
    code_info *ci = ARENA_PUSH(&d->mem, d->codes, d->n_codes, d->cap_codes, code_info);
    if (!ci) return fail(c, "out of memory", NULL);
    memset(ci, 0, sizeof *ci);
    memcpy(ci->code, f[0], cl + 1);
    memcpy(ci->root, f[0], 2);
    char *end;
    ci->goldstein = strtod(f[2], &end);
    if (end == f[2]) return fail(c, "bad Goldstein weight '%s'", f[2]);
    ci->quad = atoi(f[3]);
    if (ci->quad < 1 || ci->quad > 4) return fail(c, "QuadClass must be 1-4, got '%s'", f[3]);
    ci->plover = (n > 4 && *trim(f[4])) ? arena_strdup(&d->mem, trim(f[4])) : NULL;
    ci->mode = (n > 5 && *trim(f[5])) ? arena_strdup(&d->mem, trim(f[5])) : NULL;
    int isnew;
    int32_t *v = strmap_put(&d->code_index, ci->code, cl, (int32_t)(d->n_codes - 1), &isnew);
    if (!v) return fail(c, "out of memory", NULL);
    if (!isnew) return fail(c, "duplicate code %s", ci->code);
    return 0;
}

/* ---- "HEAD : item ; item" ---------------------------------------------------------------------------- */

typedef int (*item_fn)(loadctx *c, char **head, int nhead, char *item);

static int split_line(loadctx *c, char *line, item_fn fn) {
    char *colon = strchr(line, ':');
    /* "n:" inside items is not the separator: the separator has a space or the end before it */
    while (colon && colon > line && !isspace((unsigned char)colon[-1])) colon = strchr(colon + 1, ':');
    if (!colon) return fail(c, "expected 'HEAD : item ; item ...'", NULL);
    *colon = 0;
    char *head[8];
    int nh = 0;
    for (char *t = strtok(line, " \t"); t && nh < 8; t = strtok(NULL, " \t")) head[nh++] = t;
    if (nh == 0) return fail(c, "missing head before ':'", NULL);
    char *rest = colon + 1;
    int nitems = 0;
    for (;;) {
        char *semi = strchr(rest, ';');
        if (semi) *semi = 0;
        char *item = trim(rest);
        if (!*item) return fail(c, "empty item (two ';' in a row, or ';' at the end)", NULL);
        if (fn(c, head, nh, item)) return -1;
        nitems++;
        if (!semi) break;
        rest = semi + 1;
    }
    return nitems ? 0 : fail(c, "no items after ':'", NULL);
}

/* ---- verbs ------------------------------------------------------------------------------------------- */

static const char *lemma_of(dyad_dict *d, const char *w, int pos) {
    char buf[128], form;
    /* a verb head is written in its base form: "wound" is the verb "wound", not the past of "wind" */
    const lex_entry *e = pos == LEX_V ? lex_lookup(w, strlen(w)) : NULL;
    if (e && (e->pos & LEX_V) && e->cnt[1] > 0) return arena_strdup(&d->mem, w);
    if (lex_lemma(w, strlen(w), pos, buf, sizeof buf, &form)) return arena_strdup(&d->mem, buf);
    return arena_strdup(&d->mem, w);
}

static int verb_item(loadctx *c, char **head, int nh, char *item) {
    dyad_dict *d = c->d;
    if (nh != 1) return fail(c, "a verb line starts with one CAMEO code", NULL);
    /* "---": the phrase is no event ("release + report" is not a release of persons): a longer pattern that
       wins over the head's event patterns and stops them */
    int nocode = !strcmp(head[0], "---");
    int32_t code = nocode ? 0 : dict_code(d, head[0]);
    if (code < 0) return fail(c, "unknown CAMEO code '%s' (not in cameo-codes.tsv)", head[0]);
    vpattern p;
    memset(&p, 0, sizeof p);
    p.code = code;
    p.nocode = (uint8_t)nocode;
    p.target_slot = -1;
    p.file = c->file;
    p.line = c->line;
    p.text = arena_strdup(&d->mem, item);
    char *s = item;
    if (*s == '!') { p.negated = 1; s = trim(s + 1); }
    if (strncmp(s, "n:", 2) == 0) { p.nominal = 1; s = trim(s + 2); }
    int nw = 0;
    char *save = NULL;
    /* nominal patterns: the head is the last word before the first preposition; words before it are
       pre-modifiers that must stand right before the head ("n:military exercise with") */
    char *wordsv[PAT_MAXW + 8];
    int nwv = 0, headi = 0;
    for (char *w = strtok_r(s, " \t", &save); w && nwv < PAT_MAXW + 8; w = strtok_r(NULL, " \t", &save)) wordsv[nwv++] = w;
    if (p.nominal) {
        while (headi + 1 < nwv && headi < 3 && strcmp(wordsv[headi + 1], "+") != 0) {
            int ct = tag_closed(wordsv[headi + 1]);
            if (ct == TG_PREP || ct == TG_TO) break;
            headi++;
        }
        for (int k = 0; k < headi; k++) {
            for (char *q = wordsv[k]; *q; q++) *q = (char)tolower((unsigned char)*q);
            p.pre[k] = lemma_of(d, wordsv[k], LEX_N);
        }
        p.npre = (uint8_t)headi;
    }
    for (int wi = headi; wi < nwv; wi++) {
        char *w = wordsv[wi];
        for (char *q = w; *q; q++) *q = (char)tolower((unsigned char)*q);
        if (strcmp(w, "+") == 0) {
            if (nw == 0) return fail(c, "'+' cannot come first: the pattern starts with its head word", NULL);
            if (p.target_slot >= 0) return fail(c, "only one '+' per pattern", NULL);
            p.target_slot = (int8_t)(nw - 1);
            continue;
        }
        if (strchr(w, '+') || strchr(w, '!') || strchr(w, ':'))
            return fail(c, "stray '+', '!' or ':' inside the word '%s'", w);
        if (nw == 0) p.head = lemma_of(d, w, p.nominal ? LEX_N : LEX_V);
        else {
            if (nw - 1 >= PAT_MAXW) return fail(c, "pattern longer than 9 words", NULL);
            p.words[nw - 1] = lemma_of(d, w, LEX_N);
        }
        nw++;
    }
    if (nw == 0) return fail(c, "empty pattern", NULL);
    p.nwords = (uint8_t)(nw - 1);
    for (int k = 0; k < p.nwords; k++) p.wbloom |= 1ull << (strmap_hash(p.words[k], strlen(p.words[k])) & 63);
    if (p.target_slot >= 0 && p.target_slot >= p.nwords) p.target_slot = -1; /* "+" at the end = default */
    int isnew;
    strmap *m = p.nominal ? &d->noun_heads : &d->verb_heads;
    int32_t *v = strmap_put(m, p.head, strlen(p.head), -1, &isnew);
    if (!v) return fail(c, "out of memory", NULL);
    p.next = *v;
    p.link = -1;
    vpattern *slot = ARENA_PUSH(&d->mem, d->pats, d->n_pats, d->cap_pats, vpattern);
    if (!slot) return fail(c, "out of memory", NULL);
    *slot = p;
    *v = (int32_t)(d->n_pats - 1);
    return 0;
}

/* ---- modality ---------------------------------------------------------------------------------------- */

static int modal_item(loadctx *c, char **head, int nh, char *item) {
    dyad_dict *d = c->d;
    if (nh != 1) return fail(c, "a modality line is 'CLASS : verb ; verb'", NULL);
    int cls = -1;
    for (int i = 0; i < MOD__COUNT; i++)
        if (strcmp(head[0], modality_names[i]) == 0) cls = i;
    if (cls < 0) return fail(c, "unknown modality class '%s' (refuse, threaten, intent, proceed, negated, speech, alone, future, object, mutual, onlooker)", head[0]);
    for (char *q = item; *q; q++) *q = (char)tolower((unsigned char)*q);
    const char *lem = lemma_of(d, item, LEX_V);
    if (!strmap_put(&d->modal_verbs[cls], lem, strlen(lem), 1, NULL)) return fail(c, "out of memory", NULL);
    /* a noun as written too: "meeting" is the verb "meet" and the noun "meeting" of "hold meeting" */
    if (strcmp(lem, item) != 0 && !strmap_put(&d->modal_verbs[cls], arena_strdup(&d->mem, item), strlen(item), 1, NULL))
        return fail(c, "out of memory", NULL);
    return 0;
}

static int load_modality(loadctx *c, char *line) {
    if (strncmp(line, "map", 3) == 0 && isspace((unsigned char)line[3])) {
        char cls[32], root[8], code[8];
        if (sscanf(line + 3, "%31s %7s %7s", cls, root, code) != 3)
            return fail(c, "expected 'map CLASS ROOT CODE'", NULL);
        int ci = -1;
        for (int i = 0; i < MOD__COUNT; i++)
            if (strcmp(cls, modality_names[i]) == 0) ci = i;
        if (ci < 0) return fail(c, "unknown modality class '%s'", cls);
        int32_t k = dict_code(c->d, code);
        if (k < 0) return fail(c, "unknown CAMEO code '%s'", code);
        if (strlen(root) > 2) { /* a code-specific map */
            if (dict_code(c->d, root) < 0) return fail(c, "unknown CAMEO code '%s'", root);
            char key[48];
            int kl = snprintf(key, sizeof key, "%d:%s", ci, root);
            int isnew;
            int32_t *v = strmap_put(&c->d->modal_codes, key, (size_t)kl, k, &isnew);
            if (!v) return fail(c, "out of memory", NULL);
            if (!isnew) return fail(c, "a second map for %s", root);
            return 0;
        }
        int r = atoi(root);
        if (strlen(root) != 2 || r < 1 || r > 20) return fail(c, "bad root or code '%s'", root);
        c->d->modal_map[ci][r] = k;
        return 0;
    }
    return split_line(c, line, modal_item);
}

/* ---- actors ------------------------------------------------------------------------------------------ */

static int kind_of(const char *s) {
    for (int i = 1; i <= AK_PERSON; i++)
        if (strcmp(s, actor_kind_names[i]) == 0) return i;
    return 0;
}

static int is_code(const char *s, size_t minl, size_t maxl) {
    size_t l = strlen(s);
    if (l < minl || l > maxl) return 0;
    for (; *s; s++)
        if (!isupper((unsigned char)*s) && !isdigit((unsigned char)*s)) return 0;
    return 1;
}

static int parse_date(const char *s, int32_t *out, int open_end) {
    if (strcmp(s, "-") == 0) { *out = open_end ? 99999999 : 0; return 1; }
    if (!dyad_date_valid(s)) return 0;
    *out = ((s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0')) * 10000 +
           ((s[5] - '0') * 10 + (s[6] - '0')) * 100 + (s[8] - '0') * 10 + (s[9] - '0');
    return 1;
}

static int actor_item(loadctx *c, char **head, int nh, char *item) {
    dyad_dict *d = c->d;
    actor_entry e;
    memset(&e, 0, sizeof e);
    e.kind = (uint8_t)kind_of(head[0]);
    e.file = c->file;
    e.line = c->line;
    e.to = 99999999;
    switch (e.kind) {
    case AK_COUNTRY: case AK_DEMONYM: case AK_CAPITAL: case AK_CITY:
        if (nh != 2 || !is_code(head[1], 3, 3)) return fail(c, "expected '%s ISO3 : names'", head[0]);
        e.country = arena_strdup(&d->mem, head[1]);
        if (e.kind == AK_CAPITAL) e.sector = "GOV";
        break;
    case AK_REGION:
        if (nh != 2 || !is_code(head[1], 3, 3)) return fail(c, "expected 'region CODE : names'", NULL);
        e.org = arena_strdup(&d->mem, head[1]);
        break;
    case AK_ORG:
        if (nh < 3 || nh > 4 || !is_code(head[1], 2, 20) || !is_code(head[2], 3, 3))
            return fail(c, "expected 'org ACRONYM TYPE [ISO3] : names'", NULL);
        e.org = arena_strdup(&d->mem, head[1]);
        e.sector = arena_strdup(&d->mem, head[2]);
        if (nh == 4) {
            if (!is_code(head[3], 3, 3)) return fail(c, "bad country code '%s'", head[3]);
            e.country = arena_strdup(&d->mem, head[3]);
        }
        break;
    case AK_AGENT:
        if (nh != 2 || !is_code(head[1], 3, 3)) return fail(c, "expected 'agent SECTOR : nouns'", NULL);
        e.sector = arena_strdup(&d->mem, head[1]);
        break;
    case AK_PERSON:
        if (nh != 5 || !is_code(head[1], 3, 3) || !is_code(head[2], 3, 3))
            return fail(c, "expected 'person ISO3 SECTOR FROM TO : names'", NULL);
        e.country = arena_strdup(&d->mem, head[1]);
        e.sector = arena_strdup(&d->mem, head[2]);
        if (!parse_date(head[3], &e.from, 0)) return fail(c, "bad FROM date '%s' (YYYY-MM-DD or -)", head[3]);
        if (!parse_date(head[4], &e.to, 1)) return fail(c, "bad TO date '%s' (YYYY-MM-DD or -)", head[4]);
        if (e.to < e.from) return fail(c, "TO date before FROM date", NULL);
        break;
    default:
        return fail(c, "unknown actor kind '%s' (country demonym capital city region org agent person)", head[0]);
    }
    char key[512];
    int needcap, ntok;
    size_t kl = phrase_key(c->tmp, item, key, sizeof key, &needcap, &ntok);
    if (kl == 0) return fail(c, "name '%s' has no words, or is too long", item);
    e.needcap = (uint8_t)needcap;
    e.name = arena_strdup(&d->mem, item);
    int isnew;
    int32_t *v = strmap_put(&d->names, key, kl, -1, &isnew);
    if (!v) return fail(c, "out of memory", NULL);
    e.next = *v;
    actor_entry *slot = ARENA_PUSH(&d->mem, d->actors, d->n_actors, d->cap_actors, actor_entry);
    if (!slot) return fail(c, "out of memory", NULL);
    *slot = e;
    *v = (int32_t)(d->n_actors - 1);
    if (ntok > d->max_name_tokens) d->max_name_tokens = ntok;
    /* proper prefixes, for longest-match scanning */
    for (size_t i = 0; i < kl; i++)
        if (key[i] == ' ' && !strmap_put(&d->prefixes, key, i, 1, NULL)) return fail(c, "out of memory", NULL);
    return 0;
}

/* ---- files ------------------------------------------------------------------------------------------- */

enum { F_CODES, F_MODAL, F_VERBS, F_ACTORS };

static int load_text(loadctx *c, int kind, const char *data, size_t len) {
    size_t i = 0;
    c->line = 0;
    char *buf = NULL;
    size_t cap = 0;
    int rc = 0;
    while (i < len && rc == 0) {
        size_t j = i;
        while (j < len && data[j] != '\n') j++;
        c->line++;
        size_t l = j - i;
        if (l + 1 > cap) {
            cap = l + 256;
            char *nb = realloc(buf, cap);
            if (!nb) { rc = fail(c, "out of memory", NULL); break; }
            buf = nb;
        }
        memcpy(buf, data + i, l);
        buf[l] = 0;
        i = j + 1;
        if (memchr(buf, 0, l)) { rc = fail(c, "NUL byte in line", NULL); break; }
        char *hash = kind == F_CODES ? (buf[0] == '#' ? buf : NULL) : strchr(buf, '#');
        if (hash) *hash = 0;
        char *s = kind == F_CODES ? buf : trim(buf);
        if (!*trim(s)) continue;
        switch (kind) {
        case F_CODES: rc = load_codes(c, s); break;
        case F_MODAL: rc = load_modality(c, s); break;
        case F_VERBS: rc = split_line(c, s, verb_item); break;
        default: rc = split_line(c, s, actor_item); break;
        }
    }
    free(buf);
    return rc;
}

typedef struct fileent { char *path; char *data; size_t len; int kind; } fileent;

static int cmp_files(const void *a, const void *b) {
    const fileent *x = a, *y = b;
    if (x->kind != y->kind) return x->kind - y->kind;
    return strcmp(x->path, y->path);
}

static int kind_for(const char *rel) {
    if (strcmp(rel, "cameo-codes.tsv") == 0) return F_CODES;
    if (strcmp(rel, "modality.txt") == 0) return F_MODAL;
    size_t l = strlen(rel);
    if (l < 4 || strcmp(rel + l - 4, ".txt") != 0) return -1;
    if (strncmp(rel, "verbs/", 6) == 0) return F_VERBS;
    if (strncmp(rel, "actors/", 7) == 0) return F_ACTORS;
    return -1;
}

static char *read_file(const char *path, size_t *len, char *err, size_t errlen) {
    FILE *f = fopen(path, "rb");
    if (!f) { snprintf(err, errlen, "%s: %s", path, strerror(errno)); return NULL; }
    size_t cap = 65536, n = 0;
    char *b = malloc(cap);
    while (b) {
        size_t r = fread(b + n, 1, cap - n, f);
        n += r;
        if (n < cap) break;
        char *nb = realloc(b, cap *= 2);
        if (!nb) { free(b); b = NULL; break; }
        b = nb;
    }
    fclose(f);
    if (!b) { snprintf(err, errlen, "%s: out of memory", path); return NULL; }
    *len = n;
    return b;
}

static int list_dir(const char *dir, const char *sub, fileent **fs, size_t *n, size_t *cap, char *err, size_t errlen) {
    char path[4096];
    snprintf(path, sizeof path, "%s%s%s", dir, *sub ? "/" : "", sub);
    DIR *dp = opendir(path);
    if (!dp) {
        if (*sub) return 0; /* optional subfolder */
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    struct dirent *de;
    int rc = 0;
    while ((de = readdir(dp)) && rc == 0) {
        if (de->d_name[0] == '.') continue;
        char rel[1024], full[4096];
        snprintf(rel, sizeof rel, "%s%s%s", sub, *sub ? "/" : "", de->d_name);
        int k = kind_for(rel);
        if (k < 0) continue;
        snprintf(full, sizeof full, "%s/%s", dir, rel);
        if (*n == *cap) {
            *cap = *cap ? *cap * 2 : 32;
            fileent *nf = realloc(*fs, *cap * sizeof **fs);
            if (!nf) { rc = -1; snprintf(err, errlen, "out of memory"); break; }
            *fs = nf;
        }
        fileent *fe = &(*fs)[*n];
        fe->data = read_file(full, &fe->len, err, errlen);
        if (!fe->data) { rc = -1; break; }
        fe->path = strdup(full);
        fe->kind = k;
        (*n)++;
    }
    closedir(dp);
    return rc;
}

/* The link of pattern k, with its group key (see pat_link). */
_Static_assert(sizeof(((vpattern *)0)->pre) / sizeof(char *) == sizeof(((pat_link *)0)->pre), "a link has every pre bit");
static pat_link link_of(const dyad_dict *d, int32_t k) {
    pat_link l;
    memset(&l, 0, sizeof l);
    const vpattern *p = &d->pats[k];
    int nbits = p->nwords <= (int)sizeof l.bits ? p->nwords : 0;
    l.pat = k;
    l.npre = p->npre;
    for (int w = 0; w < p->npre; w++) l.pre[w] = (uint8_t)(strmap_hash(p->pre[w], strlen(p->pre[w])) % LINK_BITS);
    l.flags = (uint8_t)((p->negated ? LINK_NEGATED : 0) | nbits << 4);
    for (int w = 0; w < nbits; w++) l.bits[w] = (uint8_t)(strmap_hash(p->words[w], strlen(p->words[w])) % LINK_BITS);
    /* the group: the longest word's bit (every word must be there; a long word is rarer than "for" or "to") */
    int kw = -1;
    for (int w = 0; w < p->nwords; w++)
        if (kw < 0 || strlen(p->words[w]) > strlen(p->words[kw])) kw = w;
    if (kw >= 0) l.key = (uint8_t)(strmap_hash(p->words[kw], strlen(p->words[kw])) % LINK_BITS);
    else l.flags |= LINK_ANY;
    return l;
}

/* The group a link belongs to: its key, the links tried always first. */
static int group(const pat_link *l) { return l->flags & LINK_ANY ? -1 : l->key; }

int dict_index_patterns(dyad_dict *d) {
    d->n_links = 0;
    d->links = d->n_pats ? arena_alloc(&d->mem, d->n_pats * sizeof *d->links) : NULL;
    if (d->n_pats && !d->links) return -1;
    const strmap *heads[2] = {&d->verb_heads, &d->noun_heads};
    for (int m = 0; m < 2; m++)
        for (size_t i = 0; i < heads[m]->cap; i++) {
            const char *key;
            uint32_t len;
            int32_t first;
            uint64_t h;
            strmap_slot_get(heads[m], i, &key, &len, &first, &h);
            if (!key || first < 0) continue;
            size_t start = d->n_links;
            d->pats[first].link = (int32_t)start;
            for (int32_t k = first; k >= 0 && d->n_links < d->n_pats; k = d->pats[k].next) d->links[d->n_links++] = link_of(d, k);
            /* group the run by key: a stable insertion sort (runs are short, the loader runs at build time) */
            pat_link *r = &d->links[start];
            size_t n = d->n_links - start;
            for (size_t a = 1; a < n; a++) {
                pat_link x = r[a];
                size_t b = a;
                while (b > 0 && group(&r[b - 1]) > group(&x)) { r[b] = r[b - 1]; b--; }
                r[b] = x;
            }
            for (size_t a = 0; a < n;) {
                size_t e = a;
                while (e < n && group(&r[e]) == group(&r[a])) e++;
                for (size_t q = a; q < e; q++) {
                    /* a group too long to skip in 16 bits is tried link by link */
                    if (e - q > UINT16_MAX) r[q].flags |= LINK_ANY;
                    r[q].skip = e < n && e - q <= UINT16_MAX ? (uint16_t)(e - q) : 0;
                }
                a = e;
            }
            if (n) r[n - 1].flags |= LINK_LAST;
        }
    return 0;
}

/* The run of links starting at a: its length (to LINK_LAST or the end of the links). */
static size_t run_length(const dyad_dict *d, size_t a) {
    size_t e = a;
    while (e < d->n_links && !(d->links[e].flags & LINK_LAST)) e++;
    return e < d->n_links ? e - a + 1 : e - a;
}

/* The record of the run r[0..n) into rec (NULL: only its size), in 8-byte units; 0 when the run is not
 * ANY links then contiguous groups of ascending keys (see dict_index_heads). */
static size_t head_record(const pat_link *r, size_t n, int32_t link, head_groups *rec) {
    if (n > UINT16_MAX) return 0;
    size_t any = 0, ng = 0;
    while (any < n && (r[any].flags & LINK_ANY)) any++;
    for (size_t q = any; q < n; q++) {
        if (r[q].flags & LINK_ANY) return 0;
        if (q > any && r[q].key < r[q - 1].key) return 0;
        if (q == any || r[q].key != r[q - 1].key) ng++;
    }
    size_t size = (offsetof(head_groups, off) + (ng + 1) * sizeof(uint16_t) + 7) / 8;
    if (!rec) return size;
    memset(rec, 0, size * 8);
    rec->link = link;
    rec->any = (uint16_t)any;
    size_t g = 0;
    for (size_t q = any; q < n; q++)
        if (q == any || r[q].key != r[q - 1].key) {
            rec->keys[r[q].key / 64] |= 1ull << (r[q].key % 64);
            rec->off[g++] = (uint16_t)q;
        }
    rec->off[g] = (uint16_t)n;
    for (int j = 1; j < 4; j++) rec->base[j] = (uint16_t)(rec->base[j - 1] + dict_popcount64(rec->keys[j - 1]));
    return size;
}

int dict_index_heads(dyad_dict *d) {
    d->head_pool = NULL, d->head_runs = NULL, d->n_head_runs = d->n_head_units = 0;
    if (!d->links || !d->n_links) return 0;
    size_t runs = 0, units = 0;
    for (size_t a = 0; a < d->n_links; a += run_length(d, a), runs++) units += head_record(&d->links[a], run_length(d, a), 0, NULL);
    d->head_runs = arena_alloc(&d->mem, runs * sizeof *d->head_runs);
    d->head_pool = arena_alloc(&d->mem, (units ? units : 1) * sizeof *d->head_pool);
    if (!d->head_runs || !d->head_pool) return -1;
    units = 0;
    for (size_t a = 0; a < d->n_links; a += run_length(d, a)) {
        size_t n = run_length(d, a), size = head_record(&d->links[a], n, (int32_t)a, NULL);
        if (size) head_record(&d->links[a], n, (int32_t)a, (head_groups *)(void *)(d->head_pool + units));
        d->head_runs[d->n_head_runs][0] = (int32_t)a;
        d->head_runs[d->n_head_runs++][1] = size ? (int32_t)units : -1;
        units += size;
    }
    d->n_head_units = units;
    return 0;
}

int32_t dict_head_record(const dyad_dict *d, int32_t link) {
    size_t lo = 0, hi = d->n_head_runs;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (d->head_runs[mid][0] < link) lo = mid + 1;
        else hi = mid;
    }
    return lo < d->n_head_runs && d->head_runs[lo][0] == link ? d->head_runs[lo][1] : -1;
}

int dict_index_names(dyad_dict *d) {
    memset(d->first_words, 0, sizeof d->first_words);
    for (size_t i = 0; i < d->names.cap; i++) {
        uint32_t len;
        const char *key = strmap_key_at(&d->names, i, &len);
        if (!key) continue;
        const char *sp = memchr(key, ' ', len);
        uint64_t fh = strmap_hash(key, sp ? (size_t)(sp - key) : len);
        d->first_words[(fh >> 6) & 1023] |= 1ull << (fh & 63);
        /* every name is in `prefixes` too, with value bit 1 and its first actor entry above bit 1: one probe per
           key tells the longest-match scan whether to read on and which entries the words name (dict_name_prefix) */
        int32_t idx = strmap_get(&d->names, key, len);
        if (idx < 0 || idx >= 1 << 29) return -1;
        int32_t *v = strmap_put(&d->prefixes, key, len, 0, NULL);
        if (!v) return -1;
        *v = (*v & 1) | 2 | idx << 2;
    }
    /* every key of `prefixes` of two words or more, as its last word after the prefix before it: the scan asks
       the filter before it extends a prefix by the next token ("the" + "country": most such pairs are in no name) */
    memset(d->name_pairs, 0, sizeof d->name_pairs);
    for (size_t i = 0; i < d->prefixes.cap; i++) {
        uint32_t len;
        const char *key = strmap_key_at(&d->prefixes, i, &len);
        if (!key) continue;
        size_t sp = len;
        while (sp > 0 && key[sp - 1] != ' ') sp--;
        if (!sp) continue; /* one word */
        uint64_t p = dict_pair_hash(strmap_hash(key, sp - 1), strmap_hash(key + sp, len - sp));
        d->name_pairs[p >> 54] |= dict_pair_bits(p);
    }
    return 0;
}

void dict_index_modals(dyad_dict *d) {
    memset(d->modal_first, 0, sizeof d->modal_first);
    memset(d->modal_bits, 0, sizeof d->modal_bits);
    for (int cls = 0; cls < MOD__COUNT; cls++)
        for (size_t i = 0; i < d->modal_verbs[cls].cap; i++) {
            uint32_t len;
            const char *key = strmap_key_at(&d->modal_verbs[cls], i, &len);
            if (!key) continue;
            char first[5] = {0}; /* the key's first four bytes, zeros after its end (keys need not end in a NUL) */
            memcpy(first, key, len < 4 ? len : 4);
            d->modal_first[dict_modal_key(first)] |= (uint16_t)(1u << cls);
            unsigned b = (uint8_t)strmap_hash(key, len); /* as the tagger's token.lbit */
            d->modal_bits[cls][b / 64] |= 1ull << (b % 64);
        }
    d->modal_indexed = 1;
}

dyad_dict *dyad_dict_load(const char *dir, char *err, size_t errlen) {
    char dummy[1];
    if (!err) { err = dummy; errlen = 1; }
    if (!dir && dyad_dict_image_len > 0) { /* the built-in set, compiled at build time */
        dyad_dict *d = dict_image_load(dyad_dict_image, (size_t)dyad_dict_image_len, err, errlen);
        if (d) return d; /* else: read the embedded text below */
    }
    dyad_dict *d = calloc(1, sizeof *d);
    if (!d) { snprintf(err, errlen, "out of memory"); return NULL; }
    arena_init_huge(&d->mem); /* long-lived tables: large blocks of 2 MB pages */
    for (int i = 0; i < MOD__COUNT; i++)
        for (int r = 0; r < 21; r++) d->modal_map[i][r] = -1;
    fileent *fs = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    int owned = dir != NULL;
    if (dir) {
        struct stat st;
        if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
            snprintf(err, errlen, "%s: not a dictionary directory", dir);
            rc = -1;
        } else {
            rc = list_dir(dir, "", &fs, &n, &cap, err, errlen);
            if (!rc) rc = list_dir(dir, "verbs", &fs, &n, &cap, err, errlen);
            if (!rc) rc = list_dir(dir, "actors", &fs, &n, &cap, err, errlen);
        }
    } else {
        for (const embedded_file *e = dyad_embedded_files; e->path; e++) {
            int k = kind_for(e->path);
            if (k < 0) continue;
            if (n == cap) {
                cap = cap ? cap * 2 : 32;
                fileent *nf = realloc(fs, cap * sizeof *fs);
                if (!nf) { rc = -1; break; }
                fs = nf;
            }
            fs[n].path = (char *)e->path;
            fs[n].data = (char *)e->data;
            fs[n].len = e->len;
            fs[n].kind = k;
            n++;
        }
    }
    if (!rc) {
        qsort(fs, n, sizeof *fs, cmp_files);
        if (n == 0 || fs[0].kind != F_CODES) {
            snprintf(err, errlen, "%s: cameo-codes.tsv is missing", dir ? dir : "built-in dictionaries");
            rc = -1;
        }
    }
    /* reserve the tables once, from the sizes of the files: no copying while they fill */
    size_t vbytes = 0, abytes = 0;
    for (size_t i = 0; i < n; i++) {
        if (fs[i].kind == F_VERBS) vbytes += fs[i].len;
        if (fs[i].kind == F_ACTORS) abytes += fs[i].len;
    }
    if (!rc) {
        d->cap_pats = vbytes / 12 + 64;
        d->pats = arena_alloc(&d->mem, d->cap_pats * sizeof *d->pats);
        d->cap_actors = abytes / 10 + 64;
        d->actors = arena_alloc(&d->mem, d->cap_actors * sizeof *d->actors);
        if (!d->pats || !d->actors) d->cap_pats = d->cap_actors = 0;
    }
    arena tmp;
    arena_init(&tmp);
    for (size_t i = 0; i < n && !rc; i++) {
        loadctx c = {d, &tmp, owned ? arena_strdup(&d->mem, fs[i].path) : fs[i].path, 0, err, errlen};
        rc = load_text(&c, fs[i].kind, fs[i].data, fs[i].len);
    }
    arena_free(&tmp);
    if (owned)
        for (size_t i = 0; i < n; i++) { free(fs[i].path); free(fs[i].data); }
    free(fs);
    if (!rc && d->mem.failed) { snprintf(err, errlen, "out of memory"); rc = -1; }
    if (!rc && dict_index_patterns(d)) { snprintf(err, errlen, "out of memory"); rc = -1; }
    if (!rc && dict_index_heads(d)) { snprintf(err, errlen, "out of memory"); rc = -1; }
    if (!rc && dict_index_names(d)) { snprintf(err, errlen, "out of memory"); rc = -1; }
    if (!rc) dict_index_modals(d);
    if (rc) { dyad_dict_free(d); return NULL; }
    return d;
}

void dyad_dict_free(dyad_dict *d) {
    if (!d) return;
    strmap_free(&d->code_index);
    strmap_free(&d->verb_heads);
    strmap_free(&d->noun_heads);
    strmap_free(&d->names);
    strmap_free(&d->prefixes);
    strmap_free(&d->modal_codes);
    for (int i = 0; i < MOD__COUNT; i++) strmap_free(&d->modal_verbs[i]);
    arena_free(&d->mem);
    if (d->image_map) munmap(d->image_map, d->image_map_len);
    free(d);
}

/* ---- stats and lint ---------------------------------------------------------------------------------- */

void dyad_dict_get_stats(const dyad_dict *d, dyad_dict_stats *s) {
    memset(s, 0, sizeof *s);
    s->verb_patterns = d->n_pats;
    s->event_codes = d->n_codes;
    for (size_t i = 0; i < d->n_codes; i++) {
        const char *code = d->codes[i].code;
        if (dyad_dict_patterns_for(d, code)) {
            s->verb_codes_covered++;
        } else if (strlen(code) == 2) {
            char x0[4] = {code[0], code[1], '0', 0};
            if (dyad_dict_patterns_for(d, x0)) s->verb_codes_covered++, s->root_codes_via_x0++;
        }
    }
    strmap countries;
    strmap_init(&countries);
    for (size_t i = 0; i < d->n_actors; i++) {
        const actor_entry *e = &d->actors[i];
        /* the names of one dictionary line are consecutive entries: a line is counted at its first name */
        const actor_entry *p = i ? &d->actors[i - 1] : NULL;
        int first = !p || p->kind != e->kind || p->line != e->line || p->file != e->file;
        switch (e->kind) {
        case AK_COUNTRY: s->country_names++; strmap_put(&countries, e->country, 3, 1, NULL); break;
        case AK_ORG:
            /* intergovernmental, non-governmental, business and religious bodies are organizations; parties,
             * insurgents, rebels, militias and other groups that act within states are groups */
            if (!e->sector || !strcmp(e->sector, "IGO") || !strcmp(e->sector, "NGO") || !strcmp(e->sector, "MNC") ||
                !strcmp(e->sector, "REL"))
                s->organizations++, s->organization_entries += first;
            else
                s->groups++, s->group_entries += first;
            break;
        case AK_AGENT: s->agents++; break;
        case AK_PERSON: s->people++, s->office_terms += first; break;
        case AK_REGION: s->regions++; break;
        default: break;
        }
    }
    s->countries = countries.n;
    strmap_free(&countries);
    s->actor_names = d->names.n;
}

size_t dyad_dict_patterns_for(const dyad_dict *d, const char *code) {
    int32_t k = dict_code(d, code);
    size_t n = 0;
    for (size_t i = 0; i < d->n_pats; i++)
        if (d->pats[i].code == k && !d->pats[i].nocode) n++;
    return n;
}

const char *dyad_dict_code_at(const dyad_dict *d, size_t i) { return i < d->n_codes ? d->codes[i].code : NULL; }

static void report(dyad_msg_fn fn, void *ud, const char *file, int line, const char *msg) {
    char buf[1024];
    snprintf(buf, sizeof buf, "%s:%d: %s", file, line, msg);
    fn(ud, buf);
}

size_t dyad_dict_check(const dyad_dict *d, dyad_msg_fn fn, void *ud) {
    size_t errors = 0;
    char msg[600];
    /* the same pattern twice (same head, words, flags): a duplicate, or a conflict when the codes differ */
    strmap seen;
    strmap_init(&seen);
    for (size_t i = 0; i < d->n_pats; i++) {
        const vpattern *p = &d->pats[i];
        char key[512];
        int o = snprintf(key, sizeof key, "%s%s", p->negated ? "!" : "", p->nominal ? "n:" : "");
        for (int w = 0; w < p->npre; w++) o += snprintf(key + o, sizeof key - (size_t)o, "%s ", p->pre[w]);
        o += snprintf(key + o, sizeof key - (size_t)o, "%s", p->head);
        for (int w = 0; w < p->nwords && o < (int)sizeof key - 40; w++) {
            if (w == p->target_slot) o += snprintf(key + o, sizeof key - (size_t)o, " +");
            o += snprintf(key + o, sizeof key - (size_t)o, " %s", p->words[w]);
        }
        int isnew;
        int32_t *v = strmap_put(&seen, key, strlen(key), (int32_t)i, &isnew);
        if (v && !isnew) {
            const vpattern *q = &d->pats[*v];
            if (q->code == p->code && q->nocode == p->nocode)
                snprintf(msg, sizeof msg, "duplicate pattern '%s' (also at %s:%d)", p->text, q->file, q->line);
            else
                snprintf(msg, sizeof msg, "conflicting pattern '%s': code %s here, %s at %s:%d", p->text,
                         dict_pattern_code(d, p), dict_pattern_code(d, q), q->file, q->line);
            report(fn, ud, p->file, p->line, msg);
            errors++;
        }
        /* unreachable: a head the tagger can never give that part of speech */
        const lex_entry *le = lex_lookup(p->head, strlen(p->head));
        if (le && !(le->pos & (p->nominal ? LEX_N : LEX_V))) {
            snprintf(msg, sizeof msg, "unreachable pattern '%s': '%s' is not a %s in the lexicon", p->text,
                     p->head, p->nominal ? "noun" : "verb");
            report(fn, ud, p->file, p->line, msg);
            errors++;
        }
    }
    strmap_free(&seen);
    /* actor names given to two different actors (people are allowed several terms) */
    for (size_t i = 0; i < d->n_actors; i++) {
        const actor_entry *e = &d->actors[i];
        for (int32_t j = e->next; j >= 0; j = d->actors[j].next) {
            const actor_entry *f = &d->actors[j];
            if (f->line == e->line && !strcmp(f->file, e->file)) continue; /* case variants on one line */
            if (e->needcap != f->needcap) continue; /* "GUAM" the organization, "Guam" the territory */
            int same_country = (e->country && f->country && strcmp(e->country, f->country) == 0) ||
                               (!e->country && !f->country);
            if (e->kind == AK_PERSON && f->kind == AK_PERSON) {
                if (e->from <= f->to && f->from <= e->to && !(same_country && strcmp(e->sector, f->sector) == 0) &&
                    !same_country) {
                    snprintf(msg, sizeof msg, "'%s' names two people in overlapping terms (also %s:%d)", e->name, f->file, f->line);
                    report(fn, ud, e->file, e->line, msg);
                    errors++;
                }
                continue;
            }
            if (e->kind == f->kind && same_country && ((!e->org && !f->org) || (e->org && f->org && !strcmp(e->org, f->org))) &&
                ((!e->sector && !f->sector) || (e->sector && f->sector && !strcmp(e->sector, f->sector)))) {
                snprintf(msg, sizeof msg, "duplicate name '%s' (also %s:%d)", e->name, f->file, f->line);
            } else if ((e->kind == AK_COUNTRY || e->kind == AK_ORG || e->kind == AK_CAPITAL) &&
                       (f->kind == AK_COUNTRY || f->kind == AK_ORG || f->kind == AK_CAPITAL) && !same_country) {
                snprintf(msg, sizeof msg, "name '%s' given to two actors (also %s:%d)", e->name, f->file, f->line);
            } else continue;
            report(fn, ud, e->file, e->line, msg);
            errors++;
        }
    }
    return errors;
}
