/* store.c -- store: the backend-independent half of the event store (API in store.h, schema in
 * docs/store.md).
 *
 * Here: opening (SQLite path or PostgreSQL URI), content hashes, preparing a coded document for the
 * backends (metadata as valid UTF-8, its distinct sentences), and every query: the filter
 * becomes a WHERE clause whose values are all bound parameters, in the SQL dialect of the backend. The
 * backends (sqlite.c, pg.c) only write documents and run the SQL built here. */
#include "store/store_impl.h"
#include "normalize/normalize.h"
#include "store/sha256.h"
#include "util/strmap.h"
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- opening ------------------------------------------------------------------------------------------ */

const char *dyad_store_default_target(void) {
    const char *e = getenv("DYAD_DB");
    return e && *e ? e : "dyad.db";
}

int dyad_store_is_postgres(const char *t) {
    return t && (!strncmp(t, "postgresql://", 13) || !strncmp(t, "postgres://", 11));
}

dyad_store *dyad_store_open(const char *target, int mode, char *err, size_t errlen) {
    if (!target || !*target) target = dyad_store_default_target();
    dyad_store *s = calloc(1, sizeof *s);
    if (!s) { snprintf(err, errlen, "out of memory"); return NULL; }
    s->mode = mode;
    s->pg = dyad_store_is_postgres(target);
    int rc = s->pg ? store_pg_open(s, target, err, errlen) : store_sqlite_open(s, target, err, errlen);
    if (rc) { free(s); return NULL; }
    return s;
}

void dyad_store_close(dyad_store *s) {
    if (!s) return;
    if (s->ops) s->ops->close(s);
    free(s->scratch);
    free(s->sents);
    free(s);
}

const char *dyad_store_backend(const dyad_store *s) { return s && s->ops ? s->ops->name : "none"; }

int store_int_row(void *ud, int ncol, const char *const *v) {
    *(int *)ud = ncol > 0 && v[0] ? atoi(v[0]) : -1;
    return 0;
}

int store_schema_version(dyad_store *s, char *err, size_t errlen) {
    int version = -1;
    qb q;
    qb_init(&q, s->pg);
    qb_add(&q, "SELECT value FROM meta WHERE key = 'schema_version'");
    int rc = s->ops->query(s, &q, store_int_row, &version, err, errlen);
    qb_free(&q);
    return rc ? -2 : version;
}

int store_version_check(dyad_store *s, int version, const char *name, char *err, size_t errlen) {
    if (version < STORE_SCHEMA_OLDEST || version > STORE_SCHEMA_VERSION) {
        snprintf(err, errlen, "%s: store schema version %d, this dyad reads versions %d to %d", name, version,
                 STORE_SCHEMA_OLDEST, STORE_SCHEMA_VERSION);
        return -1;
    }
    s->agg = version >= 2;
    return 0;
}

/* ---- hashing and cleaning ---------------------------------------------------------------------------- */

static void hash_field(sha256_ctx *c, const char *v, size_t n) {
    unsigned char hdr[9];
    hdr[0] = v != NULL;
    for (int i = 0; i < 8; i++) hdr[1 + i] = (unsigned char)((uint64_t)n >> (8 * i));
    sha256_update(c, hdr, sizeof hdr);
    if (v) sha256_update(c, v, n);
}

void dyad_store_hash(const dyad_doc *doc, char out[DYAD_STORE_HASH_LEN]) {
    sha256_ctx c;
    sha256_init(&c);
    sha256_update(&c, "dyad-doc-1", 10);
    const char *f[8] = {doc->id, doc->date, doc->title, doc->source, doc->url, doc->publication, doc->volume, doc->issue};
    for (int i = 0; i < 8; i++) hash_field(&c, f[i], f[i] ? strlen(f[i]) : 0);
    hash_field(&c, doc->text ? doc->text : "", doc->text ? doc->len : 0);
    unsigned char h[32];
    sha256_final(&c, h);
    for (int i = 0; i < 32; i++) snprintf(out + 2 * i, 3, "%02x", h[i]);
}

/* valid UTF-8 (no overlong forms, surrogates or code points past U+10FFFF)? */
static int utf8_valid(const char *str) {
    const unsigned char *s = (const unsigned char *)str;
    while (*s) {
        if (*s < 0x80) { s++; continue; }
        int n;
        unsigned cp;
        if ((*s & 0xE0) == 0xC0) n = 1, cp = *s & 0x1F;
        else if ((*s & 0xF0) == 0xE0) n = 2, cp = *s & 0x0F;
        else if ((*s & 0xF8) == 0xF0) n = 3, cp = *s & 0x07;
        else return 0;
        for (int i = 1; i <= n; i++) {
            if ((s[i] & 0xC0) != 0x80) return 0;
            cp = cp << 6 | (s[i] & 0x3F);
        }
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        s += n + 1;
    }
    return 1;
}

/* V as valid UTF-8: V itself, or a repaired copy (invalid bytes become U+FFFD) added to FREE */
static const char *clean(const char *v, char **tofree, int *nfree) {
    if (!v || utf8_valid(v)) return v;
    size_t n = strlen(v), bad;
    char *o = malloc(3 * n + 1);
    if (!o) return NULL;
    size_t len = normalize_text(v, n, o, &bad);
    o[len] = 0;
    tofree[(*nfree)++] = o;
    return o;
}

/* ---- writing ------------------------------------------------------------------------------------------ */

int dyad_store_lookup(dyad_store *s, const char *id, const char *hash, char *err, size_t errlen) {
    char *tofree[1];
    int nfree = 0;
    const char *cid = clean(id ? id : "doc", tofree, &nfree);
    if (!cid) { snprintf(err, errlen, "out of memory"); return -1; }
    char have[DYAD_STORE_HASH_LEN];
    int rc = s->ops->lookup(s, cid, have, err, errlen);
    if (nfree) free(tofree[0]);
    if (rc < 0) return -1;
    if (rc == 0) return DYAD_STORE_NEW;
    return hash && !strcmp(have, hash) ? DYAD_STORE_UNCHANGED : DYAD_STORE_CHANGED;
}

static int cmp_sent(const void *a, const void *b) {
    const store_sent *x = a, *y = b;
    return (x->sent > y->sent) - (x->sent < y->sent);
}

int dyad_store_put(dyad_store *s, const dyad_doc *doc, const dyad_result *r, const char *hash, char *err,
                   size_t errlen) {
    if (s->mode != DYAD_STORE_WRITE) { snprintf(err, errlen, "the store was opened for reading"); return -1; }
    char *tofree[16];
    int nfree = 0, rc = -1;
    store_doc d;
    memset(&d, 0, sizeof d);
    char hbuf[DYAD_STORE_HASH_LEN];
    if (!hash) { dyad_store_hash(doc, hbuf); hash = hbuf; }
    d.hash = hash;
    const char *const in[9] = {doc->id ? doc->id : "doc", doc->date, doc->title, doc->source, doc->url,
                               doc->publication, doc->volume, doc->issue, NULL};
    const char **out[9] = {&d.id, &d.date, &d.title, &d.source, &d.url, &d.publication, &d.volume, &d.issue, NULL};
    for (int i = 0; out[i]; i++) {
        *out[i] = clean(in[i], tofree, &nfree);
        if (in[i] && !*out[i]) { snprintf(err, errlen, "out of memory"); goto done; }
    }
    if (d.date && !dyad_date_valid(d.date)) { snprintf(err, errlen, "invalid document date '%.20s'", d.date); goto done; }
    char when[32];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    d.coder = DYAD_VERSION;
    d.ingested_at = when;
    d.body = doc->text ? doc->text : "";
    d.body_len = doc->text ? doc->len : 0;
    d.r = r;
    d.n_sentences = (long long)r->n_sentences;
    d.n_events = (long long)r->n_events;
    d.invalid_utf8 = (long long)r->invalid_utf8;
    d.boilerplate = (long long)r->boilerplate_sentences;
    /* the distinct sentences: every coded sentence when the coder listed them (DYAD_CODER_SENTENCES), and
     * those of the events in any case */
    size_t want = r->n_events + (r->sentences ? r->n_coded : 0);
    if (want > s->cap_sents) {
        store_sent *ns = realloc(s->sents, want * sizeof *ns);
        if (!ns) { snprintf(err, errlen, "out of memory"); goto done; }
        s->sents = ns;
        s->cap_sents = want;
    }
    size_t n = 0;
    for (size_t i = 0; r->sentences && i < r->n_coded; i++) {
        s->sents[n].sent = r->sentences[i].sent;
        s->sents[n++].text = r->sentences[i].text ? r->sentences[i].text : "";
    }
    for (size_t i = 0; i < r->n_events; i++) {
        s->sents[n].sent = r->events[i].sent;
        s->sents[n++].text = r->events[i].text ? r->events[i].text : "";
    }
    if (n > 1) qsort(s->sents, n, sizeof *s->sents, cmp_sent);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (!u || s->sents[u - 1].sent != s->sents[i].sent) s->sents[u++] = s->sents[i];
    d.sents = s->sents;
    d.nsents = u;
    rc = s->ops->put(s, &d, err, errlen);
done:
    for (int i = 0; i < nfree; i++) free(tofree[i]);
    return rc;
}

int dyad_store_commit(dyad_store *s, char *err, size_t errlen) { return s->ops->commit(s, err, errlen); }

size_t dyad_store_pending(const dyad_store *s, size_t *bytes) {
    size_t b = 0, n = s->ops->pending(s, &b);
    if (bytes) *bytes = b;
    return n;
}

/* ---- the query builder -------------------------------------------------------------------------------- */

void qb_init(qb *q, int pg) {
    memset(q, 0, sizeof *q);
    q->pg = pg;
}

void qb_free(qb *q) {
    for (int i = 0; i < q->nowned; i++) free(q->owned[i]);
    free(q->sql);
    memset(q, 0, sizeof *q);
}

void qb_add(qb *q, const char *sql) {
    size_t n = strlen(sql);
    if (q->failed) return;
    if (q->len + n + 1 > q->cap) {
        size_t nc = q->cap ? q->cap : 1024;
        while (nc < q->len + n + 1) nc *= 2;
        char *ns = realloc(q->sql, nc);
        if (!ns) { q->failed = 1; return; }
        q->sql = ns;
        q->cap = nc;
    }
    memcpy(q->sql + q->len, sql, n + 1);
    q->len += n;
}

static void qb_placeholder(qb *q) {
    if (q->pg) {
        char b[16];
        snprintf(b, sizeof b, "$%d", q->np + 1);
        qb_add(q, b);
    } else qb_add(q, "?");
}

void qb_text(qb *q, const char *v) {
    if (q->np >= QB_MAX_PARAMS || !v) { q->failed = 1; return; }
    qb_placeholder(q);
    q->p[q->np].is_int = 0;
    q->p[q->np++].s = v;
}

void qb_int(qb *q, long long v) {
    if (q->np >= QB_MAX_PARAMS) { q->failed = 1; return; }
    qb_placeholder(q);
    q->p[q->np].is_int = 1;
    q->p[q->np++].i = v;
}

char *qb_own(qb *q, char *s) {
    if (!s || q->nowned >= QB_MAX_PARAMS) { free(s); q->failed = 1; return NULL; }
    return q->owned[q->nowned++] = s;
}

/* ---- filters ------------------------------------------------------------------------------------------ */

static char *upper_dup(const char *v) {
    char *o = strdup(v);
    if (o)
        for (char *p = o; *p; p++) *p = (char)toupper((unsigned char)*p);
    return o;
}

static int all_digits(const char *v, size_t lo, size_t hi) {
    size_t n = strlen(v);
    if (n < lo || n > hi) return 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)v[i])) return 0;
    return 1;
}

/* the words of a --text search, as an FTS5 query (each word a quoted string, all required) or as the
 * plain text PostgreSQL's plainto_tsquery reads; NULL when there is no word in it */
static char *text_query(const char *v, int pg) {
    size_t n = strlen(v);
    char *o = malloc(3 * n + 3);
    if (!o) return NULL;
    size_t k = 0;
    int words = 0;
    const char *p = v;
    while (*p) {
        while (*p && isspace((unsigned char)*p)) p++;
        const char *w = p;
        int has_word = 0;
        while (*p && !isspace((unsigned char)*p)) {
            if (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80) has_word = 1;
            p++;
        }
        if (!has_word) continue;
        if (words++) o[k++] = ' ';
        if (!pg) o[k++] = '"';
        for (const char *c = w; c < p; c++) {
            if (!pg && *c == '"') o[k++] = '"';
            o[k++] = *c;
        }
        if (!pg) o[k++] = '"';
    }
    o[k] = 0;
    if (!words) { free(o); return NULL; }
    return o;
}

static void actor_cond(qb *q, const char *al, const char *side, const char *code) {
    char b[128];
    snprintf(b, sizeof b, "(%s%s_code = ", al, side);
    qb_add(q, b);
    qb_text(q, code);
    snprintf(b, sizeof b, " OR %s%s_country = ", al, side);
    qb_add(q, b);
    qb_text(q, code);
    snprintf(b, sizeof b, " OR %s%s_org = ", al, side);
    qb_add(q, b);
    qb_text(q, code);
    qb_add(q, ")");
}

static int bad(char *err, size_t errlen, const char *what, const char *v) {
    snprintf(err, errlen, "%s: '%.60s' %s", what, v ? v : "", "is not valid");
    return DYAD_STORE_EINVAL;
}

/* a date of a valid filter as the integer day of the aggregate tables (YYYYMMDD) */
static long long day_int(const char *date) { return atoll(date) * 10000 + atoll(date + 5) * 100 + atoll(date + 8); }

/* Appends " WHERE <conditions>" for F (and EXTRA, SQL without values, when given) on the events table as e,
 * or, with AGG, on an aggregate table as a (agg_day or agg_events: the caller has checked that the filter
 * has no text or document condition, and that agg_day is used without actor and code conditions). The text
 * condition refers to the sentence as s: the caller joins sentences when f->text is set. */
static int build_where_in(qb *q, const dyad_store_filter *f, const char *extra, int agg, char *err, size_t errlen) {
    const char *al = agg ? "a." : "e.";
    qb_add(q, " WHERE 1 = 1");
    if (extra) { qb_add(q, " AND "); qb_add(q, extra); }
    if (!f) return 0;
    const char *sides[3] = {f->source, f->target, f->actor};
    char *keys[3] = {NULL, NULL, NULL};
    for (int i = 0; i < 3; i++) {
        if (!sides[i]) continue;
        if (!*sides[i] || strlen(sides[i]) > 64) return bad(err, errlen, i == 0 ? "source" : i == 1 ? "target" : "actor", sides[i]);
        char *u = keys[i] = qb_own(q, upper_dup(sides[i]));
        if (!u) break;
        if (agg == 2) continue; /* agg_actor: below */
        qb_add(q, " AND ");
        if (i < 2) actor_cond(q, al, i == 0 ? "source" : "target", u);
        else {
            qb_add(q, "(");
            actor_cond(q, al, "source", u);
            qb_add(q, " OR ");
            actor_cond(q, al, "target", u);
            qb_add(q, ")");
        }
    }
    if (agg == 2) { /* one key of agg_actor: an actor ('a'), a dyad ('d'), a source ('s') or a target ('t') */
        const char *k1 = keys[2] ? keys[2] : keys[0] ? keys[0] : keys[1], *k2 = keys[0] && keys[1] ? keys[1] : "";
        qb_add(q, keys[2] ? " AND a.kind = 'a'" : keys[0] && keys[1] ? " AND a.kind = 'd'" : keys[0] ? " AND a.kind = 's'"
                                                                                              : " AND a.kind = 't'");
        qb_add(q, " AND a.k1 = ");
        qb_text(q, k1 ? k1 : "");
        qb_add(q, " AND a.k2 = ");
        qb_text(q, k2);
    }
    if (f->root) {
        if (!all_digits(f->root, 1, 2)) return bad(err, errlen, "root (two digits)", f->root);
        char *r = qb_own(q, malloc(3));
        if (!r) return -1;
        snprintf(r, 3, "%s%s", strlen(f->root) == 1 ? "0" : "", f->root);
        qb_add(q, agg ? " AND a.root = " : " AND e.root = ");
        qb_text(q, r);
    }
    if (f->cameo) {
        if (!all_digits(f->cameo, 2, 4)) return bad(err, errlen, "cameo (2 to 4 digits)", f->cameo);
        char *like = qb_own(q, malloc(strlen(f->cameo) + 2));
        if (!like) return -1;
        snprintf(like, strlen(f->cameo) + 2, "%s%%", f->cameo);
        qb_add(q, agg ? " AND (a.cameo = " : " AND (e.cameo = ");
        qb_text(q, f->cameo);
        qb_add(q, agg ? " OR a.cameo LIKE " : " OR e.cameo LIKE ");
        qb_text(q, like);
        qb_add(q, ")");
    }
    if (f->plover) {
        if (!*f->plover || strlen(f->plover) > 64) return bad(err, errlen, "plover", f->plover);
        qb_add(q, agg ? " AND a.plover = " : " AND e.plover = ");
        qb_text(q, qb_own(q, upper_dup(f->plover)));
    }
    if (f->quad_class) {
        if (f->quad_class < 1 || f->quad_class > 4) return bad(err, errlen, "quad class (1 to 4)", "");
        if (agg) { /* the rows that have events of that class (their counts are read from qN, gN) */
            char b[32];
            snprintf(b, sizeof b, " AND a.q%d > 0", f->quad_class);
            qb_add(q, b);
        } else {
            qb_add(q, " AND e.quad_class = ");
            qb_int(q, f->quad_class);
        }
    }
    if (f->from) {
        if (!dyad_date_valid(f->from)) return bad(err, errlen, "from (YYYY-MM-DD)", f->from);
        if (agg) {
            qb_add(q, " AND a.day >= ");
            qb_int(q, day_int(f->from));
        } else {
            qb_add(q, " AND e.date >= ");
            qb_text(q, f->from);
        }
    }
    if (f->to) {
        if (!dyad_date_valid(f->to)) return bad(err, errlen, "to (YYYY-MM-DD)", f->to);
        if (agg) { /* day 0 holds the undated events */
            qb_add(q, " AND a.day > 0 AND a.day <= ");
            qb_int(q, day_int(f->to));
        } else {
            qb_add(q, " AND e.date <= ");
            qb_text(q, f->to);
        }
    }
    if (agg && (f->doc_id || f->text)) { snprintf(err, errlen, "internal: aggregate query with a text filter"); return -1; }
    if (f->doc_id) {
        qb_add(q, " AND e.doc_id = ");
        qb_text(q, f->doc_id);
    }
    if (f->text) {
        char *t = strlen(f->text) <= 2000 ? text_query(f->text, q->pg) : NULL;
        if (!t) return bad(err, errlen, "text (words to search for)", f->text);
        qb_own(q, t);
        if (q->pg) {
            qb_add(q, " AND to_tsvector('simple', s.text) @@ plainto_tsquery('simple', ");
            qb_text(q, t);
            qb_add(q, ")");
        } else {
            qb_add(q, " AND s.id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ");
            qb_text(q, t);
            qb_add(q, ")");
        }
    }
    if (f->limit < 0 || f->offset < 0) return bad(err, errlen, "limit/offset (not negative)", "");
    return 0;
}

static int build_where(qb *q, const dyad_store_filter *f, const char *extra, char *err, size_t errlen) {
    return build_where_in(q, f, extra, 0, err, errlen);
}

/* Which table answers counts for F: AGG_NONE the events (a text or document filter, or a store without
 * aggregates), AGG_DAY the per-day totals (only date and QuadClass conditions), AGG_EVENTS the per day,
 * actor, code totals. NEED_KEYS: the query groups by actor or code (agg_day cannot answer it). */
enum { AGG_NONE, AGG_DAY, AGG_EVENTS, AGG_ACTOR };
static int agg_table(const dyad_store *s, const dyad_store_filter *f, int need_keys) {
    if (!s->agg) return AGG_NONE;
    if (!f) return need_keys ? AGG_EVENTS : AGG_DAY;
    if (f->text || f->doc_id) return AGG_NONE;
    int sides = (f->source != NULL) + (f->target != NULL);
    if (need_keys || f->root || f->cameo || f->plover || (f->actor && sides)) return AGG_EVENTS;
    if (f->actor || sides) return AGG_ACTOR;
    return AGG_DAY;
}

static const char *const agg_from[] = {NULL, " FROM agg_day a", " FROM agg_events a", " FROM agg_actor a"};

/* build_where_in for aggregate table AGG */
static int agg_where(qb *q, const dyad_store_filter *f, const char *extra, int agg, char *err, size_t errlen) {
    return build_where_in(q, f, extra, agg == AGG_ACTOR ? 2 : 1, err, errlen);
}

/* the ten count columns (events, Goldstein sum, events of QuadClass 1..4, Goldstein sums of QuadClass 1..4)
 * from an aggregate table as a, for the events of QuadClass QUAD only when it is 1..4 */
static void agg_sums(qb *q, int quad) {
    char b[512];
    if (quad < 1 || quad > 4)
        qb_add(q, "sum(a.n), sum(a.g), sum(a.q1), sum(a.q2), sum(a.q3), sum(a.q4), sum(a.g1), sum(a.g2), sum(a.g3), sum(a.g4)");
    else {
        snprintf(b, sizeof b, "sum(a.q%d), sum(a.g%d), %s, %s, %s, %s, %s, %s, %s, %s", quad, quad,
                 quad == 1 ? "sum(a.q1)" : "0", quad == 2 ? "sum(a.q2)" : "0", quad == 3 ? "sum(a.q3)" : "0",
                 quad == 4 ? "sum(a.q4)" : "0", quad == 1 ? "sum(a.g1)" : "0", quad == 2 ? "sum(a.g2)" : "0",
                 quad == 3 ? "sum(a.g3)" : "0", quad == 4 ? "sum(a.g4)" : "0");
        qb_add(q, b);
    }
}

/* ---- aggregate maintenance (used by the backends) ------------------------------------------------------- */

#define AGG_KEYS "day, source_code, source_country, source_org, target_code, target_country, target_org, cameo, root, plover"
#define AGG_VALUES "n, g, q1, q2, q3, q4, g1, g2, g3, g4"

static const char *const agg_names[STORE_AGG_N_] = {"agg_day", "agg_events", "agg_actor"};
static const char *const agg_cols[STORE_AGG_N_] = {"day", AGG_KEYS, "kind, k1, k2, day"};

/* a growing string (NULL once out of memory) */
typedef struct sbuf {
    char *p;
    size_t n, cap;
    int failed;
} sbuf;

static void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#include <stdarg.h>
static void sb_printf(sbuf *b, const char *fmt, ...) {
    if (b->failed) return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int k = vsnprintf(b->p ? b->p + b->n : NULL, b->p ? b->cap - b->n : 0, fmt, ap);
        va_end(ap);
        if (k < 0) { b->failed = 1; return; }
        if (b->p && b->n + (size_t)k < b->cap) { b->n += (size_t)k; return; }
        size_t nc = b->cap ? b->cap * 2 : 4096;
        while (nc < b->n + (size_t)k + 1) nc *= 2;
        char *np = realloc(b->p, nc);
        if (!np) { b->failed = 1; return; }
        b->p = np;
        b->cap = nc;
    }
}

static char *sb_take(sbuf *b) {
    if (b->failed) { free(b->p); return NULL; }
    return b->p;
}

/* the ten values of an aggregate row over events rows, negated with SG "-", rounded with R0 ... R1 */
static void agg_values(sbuf *b, const char *sg, const char *r0, const char *r1) {
    sb_printf(b, "%scount(*), %s%ssum(goldstein)%s", sg, r0, sg, r1);
    for (int i = 1; i <= 4; i++) sb_printf(b, ", %ssum(CASE WHEN quad_class = %d THEN 1 ELSE 0 END)", sg, i);
    for (int i = 1; i <= 4; i++) sb_printf(b, ", %s%ssum(CASE WHEN quad_class = %d THEN goldstein ELSE 0 END)%s", r0, sg, i, r1);
}

/* The rows TABLE should have for the events matching WHERE: a grouped SELECT of its key columns and its ten
 * values, negated with NEGATE, the sums rounded (for comparisons) with ROUND.
 * agg_actor: each event counts once under every distinct actor key of its source (kind 's': code, country,
 * organization), of its target ('t'), of either side ('a'), and under every pair of a source key and a
 * target key ('d'), so that an actor or dyad filter is one range of the primary key. */
static void agg_select(sbuf *b, int pg, int table, int negate, int round, const char *where) {
    const char *day = pg ? "coalesce(to_char(date, 'YYYYMMDD')::integer, 0)"
                         : "coalesce(CAST(substr(date, 1, 4) || substr(date, 6, 2) || substr(date, 9, 2) AS INTEGER), 0)";
    const char *sg = negate ? "-" : "", *r0 = round ? "round(CAST(" : "", *r1 = round ? " AS NUMERIC), 6)" : "";
    if (table == STORE_AGG_ACTOR) {
        /* the events grouped by day and actors once (ev), then one row per group and distinct key (a key
         * equal to one before it in its list is left out), summed per key */
        static const char *const cols[6] = {"sc", "sn", "so", "tc", "tn", "tt"};
        sb_printf(b, "WITH ev AS (SELECT %s AS day, source_code AS sc, source_country AS sn, source_org AS so,"
                     " target_code AS tc, target_country AS tn, target_org AS tt, ", day);
        sb_printf(b, "count(*) AS n, sum(goldstein) AS g");
        for (int i = 1; i <= 4; i++) sb_printf(b, ", sum(CASE WHEN quad_class = %d THEN 1 ELSE 0 END) AS q%d", i, i);
        for (int i = 1; i <= 4; i++) sb_printf(b, ", sum(CASE WHEN quad_class = %d THEN goldstein ELSE 0 END) AS g%d", i, i);
        sb_printf(b, " FROM events WHERE %s GROUP BY 1, 2, 3, 4, 5, 6, 7) SELECT x.kind, x.k1, x.k2, x.day, %ssum(x.n),"
                     " %s%ssum(x.g)%s", where, sg, r0, sg, r1);
        for (int i = 1; i <= 4; i++) sb_printf(b, ", %ssum(x.q%d)", sg, i);
        for (int i = 1; i <= 4; i++) sb_printf(b, ", %s%ssum(x.g%d)%s", r0, sg, i, r1);
        sb_printf(b, " FROM (");
        int first = 1;
        for (int kind = 0; kind < 3; kind++) /* 's', 't', 'a': the keys of one side, or of both */
            for (int i = kind == 1 ? 3 : 0; i < (kind == 0 ? 3 : 6); i++) {
                sb_printf(b, "%sSELECT '%c' AS kind, %s AS k1, '' AS k2, day, " AGG_VALUES " FROM ev WHERE %s <> ''",
                          first ? "" : " UNION ALL ", "sta"[kind], cols[i], cols[i]);
                for (int j = kind == 1 ? 3 : 0; j < i; j++) sb_printf(b, " AND %s IS DISTINCT FROM %s", cols[i], cols[j]);
                first = 0;
            }
        for (int i = 0; i < 3; i++) /* 'd': every source key with every target key */
            for (int j = 3; j < 6; j++) {
                sb_printf(b, " UNION ALL SELECT 'd', %s, %s, day, " AGG_VALUES " FROM ev WHERE %s <> '' AND %s <> ''",
                          cols[i], cols[j], cols[i], cols[j]);
                for (int k = 0; k < i; k++) sb_printf(b, " AND %s IS DISTINCT FROM %s", cols[i], cols[k]);
                for (int k = 3; k < j; k++) sb_printf(b, " AND %s IS DISTINCT FROM %s", cols[j], cols[k]);
            }
        sb_printf(b, ") x GROUP BY 1, 2, 3, 4");
        return;
    } else if (table == STORE_AGG_EVENTS)
        sb_printf(b, "SELECT %s, coalesce(source_code, ''), coalesce(source_country, ''), coalesce(source_org, ''),"
                     " coalesce(target_code, ''), coalesce(target_country, ''), coalesce(target_org, ''), cameo, root,"
                     " coalesce(plover, ''), ", day);
    else sb_printf(b, "SELECT %s, ", day);
    agg_values(b, sg, r0, r1);
    sb_printf(b, " FROM events WHERE %s GROUP BY %s", where, table == STORE_AGG_EVENTS ? "1, 2, 3, 4, 5, 6, 7, 8, 9, 10" : "1");
}

char *store_agg_sql(int pg, int table, int negate, const char *where) {
    const char *t = agg_names[table];
    sbuf b = {0};
    sb_printf(&b, "INSERT INTO %s (%s, " AGG_VALUES ") ", t, agg_cols[table]);
    agg_select(&b, pg, table, negate, 0, where);
    sb_printf(&b, " ON CONFLICT (%s) DO UPDATE SET n = %s.n + excluded.n, g = %s.g + excluded.g", agg_cols[table], t, t);
    for (int i = 1; i <= 4; i++) sb_printf(&b, ", q%d = %s.q%d + excluded.q%d", i, t, i, i);
    for (int i = 1; i <= 4; i++) sb_printf(&b, ", g%d = %s.g%d + excluded.g%d", i, t, i, i);
    return sb_take(&b);
}

/* the rows of aggregate TABLE that differ from a GROUP BY over the events, both ways (a count query) */
static char *agg_diff_sql(int pg, int table) {
    sbuf ev = {0}, b = {0};
    agg_select(&ev, pg, table, 0, 1, "1 = 1");
    char ag[1024];
    snprintf(ag, sizeof ag,
             "SELECT %s, n, round(CAST(g AS NUMERIC), 6), q1, q2, q3, q4, round(CAST(g1 AS NUMERIC), 6),"
             " round(CAST(g2 AS NUMERIC), 6), round(CAST(g3 AS NUMERIC), 6), round(CAST(g4 AS NUMERIC), 6) FROM %s",
             agg_cols[table], agg_names[table]);
    char *e = sb_take(&ev);
    if (!e) return NULL;
    sb_printf(&b, "SELECT (SELECT count(*) FROM (SELECT * FROM (%s) x EXCEPT %s) x1) + (SELECT count(*) FROM (%s EXCEPT"
                  " SELECT * FROM (%s) y) y1)", e, ag, ag, e);
    free(e);
    return sb_take(&b);
}

static void limit_offset(qb *q, const dyad_store_filter *f) {
    if (!f || (!f->limit && !f->offset)) return;
    if (f->limit || !q->pg) {
        qb_add(q, " LIMIT ");
        qb_int(q, f->limit ? f->limit : -1);
    }
    if (f->offset) {
        qb_add(q, " OFFSET ");
        qb_int(q, f->offset);
    }
}

static int run(dyad_store *s, qb *q, store_row_fn fn, void *ud, char *err, size_t errlen) {
    if (q->failed) { snprintf(err, errlen, "out of memory (query)"); return -1; }
    return s->ops->query(s, q, fn, ud, err, errlen);
}

/* ---- events ------------------------------------------------------------------------------------------- */

enum {
    C_ID, C_DOC, C_SENT, C_DATE, C_STEXT, C_SCODE, C_SCOUNTRY, C_SSECTOR, C_SORG, C_TTEXT, C_TCODE, C_TCOUNTRY,
    C_TSECTOR, C_TORG, C_CAMEO, C_ROOT, C_PLOVER, C_PMODE, C_GOLD, C_QUAD, C_VERB, C_PATTERN, C_ATTR, C_ATTRTEXT,
    C_TEXT, C_CITS, C_DDATE, C_TITLE, C_SOURCE, C_URL, C_PUB, C_VOL, C_ISSUE, C_N_
};

typedef struct ev_ctx {
    dyad_store_event_fn fn;
    void *ud;
    dyad_citation *cits;
    size_t capcits;
    int oom;
} ev_ctx;

static int ev_row(void *ud, int ncol, const char *const *v) {
    ev_ctx *c = ud;
    if (ncol < C_N_) return 1;
    dyad_store_event e;
    memset(&e, 0, sizeof e);
    e.id = v[C_ID] ? atoll(v[C_ID]) : 0;
    e.doc_id = v[C_DOC];
    e.ev.sent = v[C_SENT] ? atoi(v[C_SENT]) : 0;
    if (v[C_DATE]) snprintf(e.ev.date, sizeof e.ev.date, "%s", v[C_DATE]);
    e.ev.source = (dyad_actor){v[C_STEXT], v[C_SCODE], v[C_SCOUNTRY], v[C_SSECTOR], v[C_SORG]};
    e.ev.has_target = v[C_TCODE] != NULL;
    if (e.ev.has_target) e.ev.target = (dyad_actor){v[C_TTEXT], v[C_TCODE], v[C_TCOUNTRY], v[C_TSECTOR], v[C_TORG]};
    e.ev.cameo = v[C_CAMEO];
    e.ev.root = v[C_ROOT];
    e.ev.plover = v[C_PLOVER];
    e.ev.plover_mode = v[C_PMODE];
    e.ev.goldstein = v[C_GOLD] ? strtod(v[C_GOLD], NULL) : 0;
    e.ev.quad_class = v[C_QUAD] ? atoi(v[C_QUAD]) : 0;
    e.ev.verb = v[C_VERB];
    e.ev.pattern = v[C_PATTERN];
    e.ev.attribution = v[C_ATTR];
    e.ev.attribution_text = v[C_ATTRTEXT];
    e.ev.text = v[C_TEXT];
    e.doc_date = v[C_DDATE];
    e.title = v[C_TITLE];
    e.source = v[C_SOURCE];
    e.url = v[C_URL];
    e.publication = v[C_PUB];
    e.volume = v[C_VOL];
    e.issue = v[C_ISSUE];
    json_t *cj = NULL;
    if (v[C_CITS]) {
        cj = json_loads(v[C_CITS], 0, NULL);
        size_t n = json_is_array(cj) ? json_array_size(cj) : 0;
        if (n > c->capcits) {
            dyad_citation *nc = realloc(c->cits, n * sizeof *nc);
            if (!nc) { json_decref(cj); c->oom = 1; return 1; }
            c->cits = nc;
            c->capcits = n;
        }
        for (size_t i = 0; i < n; i++) {
            json_t *it = json_array_get(cj, i);
            dyad_citation *ct = &c->cits[e.n_citations];
            memset(ct, 0, sizeof *ct);
            ct->sent = (int)json_integer_value(json_array_get(it, 0));
            ct->text = json_string_value(json_array_get(it, 1));
            ct->source = json_string_value(json_array_get(it, 2));
            const char *cd = json_string_value(json_array_get(it, 3));
            if (cd) snprintf(ct->date, sizeof ct->date, "%s", cd);
            if (ct->text) e.n_citations++;
        }
        e.citations = c->cits;
    }
    int stop = c->fn(c->ud, &e);
    json_decref(cj);
    return stop;
}

int dyad_store_count_events(dyad_store *s, const dyad_store_filter *f, long long *n, char *err, size_t errlen);

/* Should a page of events with actor or code conditions be read along the date index (SQLite chooses the
 * indexes of the conditions, then sorts every match)? Yes when the matches are dense enough that the first
 * offset + limit of them come after fewer rows than there are matches: the aggregates tell how many match F
 * and how many events its date range holds. PostgreSQL weighs this itself (LIMIT-aware plans). */
static int date_order_pays(dyad_store *s, const dyad_store_filter *f) {
    if (!(f->source || f->target || f->actor || f->root || f->cameo || f->plover)) return 0;
    if (agg_table(s, f, 0) == AGG_NONE) return 0;
    dyad_store_filter range;
    memset(&range, 0, sizeof range);
    range.from = f->from;
    range.to = f->to;
    long long match = 0, in_range = 0;
    char err[256];
    if (dyad_store_count_events(s, f, &match, err, sizeof err) || dyad_store_count_events(s, &range, &in_range, err, sizeof err))
        return 0;
    if (match <= 0) return 0;
    double scan = (double)(f->offset + (f->limit ? f->limit : match)) * (double)in_range / (double)match;
    return scan < (double)match;
}

int dyad_store_events(dyad_store *s, const dyad_store_filter *f, dyad_store_event_fn fn, void *ud, char *err,
                      size_t errlen) {
    qb q;
    qb_init(&q, s->pg);
    int pg = s->pg;
    qb_add(&q, "SELECT e.id, e.doc_id, e.sent, ");
    qb_add(&q, pg ? "to_char(e.date, 'YYYY-MM-DD')" : "e.date");
    qb_add(&q, ", e.source_text, e.source_code, e.source_country, e.source_sector, e.source_org,"
               " e.target_text, e.target_code, e.target_country, e.target_sector, e.target_org,"
               " e.cameo, e.root, e.plover, e.plover_mode, e.goldstein, e.quad_class, e.verb, e.pattern,"
               " e.attribution, e.attribution_text, s.text, ");
    qb_add(&q, pg ? "(SELECT json_agg(json_build_array(c.sent, c.text, c.source, to_char(c.date, 'YYYY-MM-DD'))"
                    " ORDER BY c.n) FROM citations c"
                    " WHERE c.doc_id = e.doc_id), to_char(d.date, 'YYYY-MM-DD')"
                  : "(SELECT json_group_array(json_array(c.sent, c.text, c.source, c.date)) FROM citations c"
                    " WHERE c.doc_id = e.doc_id), d.date");
    const char *order = f && f->descending ? " ORDER BY e.date DESC NULLS LAST, e.doc_id DESC, e.sent DESC, e.n DESC"
                                           : " ORDER BY e.date NULLS FIRST, e.doc_id, e.sent, e.n";
    qb_add(&q, ", d.title, d.source, d.url, d.publication, d.volume, d.issue");
    int rc;
    if (f && (f->limit || f->offset)) {
        /* a page: choose the page's event ids first (narrow rows, sorted or read in index order), then
         * join the sentence, document and citations of those only */
        qb_add(&q, " FROM (SELECT e.id AS id FROM events e");
        if (!pg && date_order_pays(s, f)) qb_add(&q, " INDEXED BY events_date");
        if (f->text) qb_add(&q, " JOIN sentences s ON s.doc_id = e.doc_id AND s.sent = e.sent");
        rc = build_where(&q, f, NULL, err, errlen);
        qb_add(&q, order);
        limit_offset(&q, f);
        qb_add(&q, ") k JOIN events e ON e.id = k.id JOIN sentences s ON s.doc_id = e.doc_id AND s.sent = e.sent"
                   " JOIN documents d ON d.id = e.doc_id");
        qb_add(&q, order);
    } else {
        qb_add(&q, " FROM events e JOIN sentences s ON s.doc_id = e.doc_id AND s.sent = e.sent"
                   " JOIN documents d ON d.id = e.doc_id");
        rc = build_where(&q, f, NULL, err, errlen);
        qb_add(&q, order);
    }
    if (rc) { qb_free(&q); return rc; }
    ev_ctx c = {fn, ud, NULL, 0, 0};
    rc = run(s, &q, ev_row, &c, err, errlen);
    free(c.cits);
    qb_free(&q);
    if (rc == 0 && c.oom) { snprintf(err, errlen, "out of memory"); rc = -1; }
    return rc;
}

/* ---- sentences ---------------------------------------------------------------------------------------- */

typedef struct sent_ctx {
    dyad_store_sentence_fn fn;
    void *ud;
} sent_ctx;

static int sent_row(void *ud, int ncol, const char *const *v) {
    sent_ctx *c = ud;
    if (ncol < 4) return 1;
    dyad_store_sentence r = {v[0], v[1] ? atoi(v[1]) : 0, v[2] ? atoll(v[2]) : 0, v[3] ? v[3] : ""};
    return c->fn(c->ud, &r);
}

int dyad_store_sentences(dyad_store *s, const dyad_store_filter *f, dyad_store_sentence_fn fn, void *ud, char *err,
                         size_t errlen) {
    dyad_store_filter g;
    memset(&g, 0, sizeof g);
    if (f) {
        if (f->source || f->target || f->actor || f->root || f->cameo || f->plover || f->quad_class || f->from || f->to) {
            snprintf(err, errlen, "sentences are selected by their words and document only");
            return DYAD_STORE_EINVAL;
        }
        g.text = f->text;
        g.limit = f->limit;
        g.offset = f->offset;
    }
    qb q;
    qb_init(&q, s->pg);
    qb_add(&q, "SELECT s.doc_id, s.sent, (SELECT count(*) FROM events e WHERE e.doc_id = s.doc_id AND e.sent = s.sent),"
               " s.text FROM sentences s");
    int rc = build_where(&q, &g, NULL, err, errlen);
    if (f && f->doc_id) {
        qb_add(&q, " AND s.doc_id = ");
        qb_text(&q, f->doc_id);
    }
    qb_add(&q, " ORDER BY s.doc_id, s.sent");
    limit_offset(&q, &g);
    sent_ctx c = {fn, ud};
    if (!rc) rc = run(s, &q, sent_row, &c, err, errlen);
    qb_free(&q);
    return rc;
}

static int count_row(void *ud, int ncol, const char *const *v);

int dyad_store_count_events(dyad_store *s, const dyad_store_filter *f, long long *n, char *err, size_t errlen) {
    qb q;
    qb_init(&q, s->pg);
    int agg = agg_table(s, f, 0), rc;
    if (agg != AGG_NONE) { /* a sum over the aggregate rows of the filter */
        char b[64];
        int quad = f && f->quad_class >= 1 && f->quad_class <= 4 ? f->quad_class : 0;
        if (quad) snprintf(b, sizeof b, "SELECT sum(a.q%d)", quad);
        else snprintf(b, sizeof b, "SELECT sum(a.n)");
        qb_add(&q, b);
        qb_add(&q, agg_from[agg]);
        rc = agg_where(&q, f, NULL, agg, err, errlen);
    } else {
        qb_add(&q, "SELECT count(*) FROM events e");
        if (f && f->text) qb_add(&q, " JOIN sentences s ON s.doc_id = e.doc_id AND s.sent = e.sent");
        rc = build_where(&q, f, NULL, err, errlen);
    }
    *n = 0;
    if (!rc) rc = run(s, &q, count_row, n, err, errlen);
    qb_free(&q);
    return rc;
}

/* ---- counts ------------------------------------------------------------------------------------------- */

static const char *const by_names[DYAD_BY_N_] = {"day",   "week",   "month", "year",  "dyad",  "source",
                                                 "target", "actor", "root",  "cameo", "plover"};

int dyad_store_by_parse(const char *name) {
    for (int i = 0; name && i < DYAD_BY_N_; i++)
        if (!strcmp(name, by_names[i])) return i;
    return -1;
}

const char *dyad_store_by_name(dyad_store_by by) { return (unsigned)by < DYAD_BY_N_ ? by_names[by] : "?"; }

typedef struct cnt_ctx {
    dyad_store_count_fn fn;
    void *ud;
} cnt_ctx;

/* add the ten count columns of a row (v[2..11]) to C */
static void count_add(dyad_store_count *c, const char *const *v) {
    c->events += v[2] ? atoll(v[2]) : 0;
    c->goldstein += v[3] ? strtod(v[3], NULL) : 0;
    for (int i = 0; i < 4; i++) c->quad[i] += v[4 + i] ? atoll(v[4 + i]) : 0;
    for (int i = 0; i < 4; i++) c->goldstein_quad[i] += v[8 + i] ? strtod(v[8 + i], NULL) : 0;
}

static int cnt_row(void *ud, int ncol, const char *const *v) {
    cnt_ctx *c = ud;
    if (ncol < 12) return 1;
    dyad_store_count r;
    memset(&r, 0, sizeof r);
    r.key = v[0];
    r.key2 = v[1];
    count_add(&r, v);
    return c->fn(c->ud, &r);
}

/* the ten count columns over the events as ALIAS (see agg_sums) */
static void aggregates(qb *q, const char *alias) {
    char b[256];
    snprintf(b, sizeof b, "count(*), sum(%sgoldstein)", alias);
    qb_add(q, b);
    for (int i = 1; i <= 4; i++) {
        snprintf(b, sizeof b, ", sum(CASE WHEN %squad_class = %d THEN 1 ELSE 0 END)", alias, i);
        qb_add(q, b);
    }
    for (int i = 1; i <= 4; i++) { /* NULL when no event of the group has this class, like sum(goldstein) */
        snprintf(b, sizeof b, ", sum(CASE WHEN %squad_class = %d THEN %sgoldstein END)", alias, i, alias);
        qb_add(q, b);
    }
}

/* Time series: the database groups by day, in the order of the date index (no sort); days are rolled up
 * into weeks, months or years here, and the limit and offset applied to the periods. */
typedef struct roll_ctx {
    dyad_store_count_fn fn;
    void *ud;
    dyad_store_by by;
    long long skip, left; /* offset still to skip; periods still to give (-1: no limit) */
    int have, stop;
    char key[11];
    dyad_store_count acc;
} roll_ctx;

static long long days_from_civil(int y, int m, int d) { /* days since 1970-01-01 (proleptic Gregorian) */
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400, doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static void civil_from_days(long long z, int *y, int *m, int *d) {
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097, doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static void period_key(dyad_store_by by, const char *date, char out[11]) {
    if (by == DYAD_BY_MONTH) snprintf(out, 11, "%.7s", date);
    else if (by == DYAD_BY_YEAR) snprintf(out, 11, "%.4s", date);
    else if (by == DYAD_BY_WEEK) {
        int y = atoi(date), m = atoi(date + 5), d = atoi(date + 8);
        long long z = days_from_civil(y, m, d);
        long long wd = ((z + 3) % 7 + 7) % 7; /* 1970-01-01 was a Thursday: Monday is 0 */
        civil_from_days(z - wd, &y, &m, &d);
        snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
    } else snprintf(out, 11, "%.10s", date);
}

static int roll_emit(roll_ctx *c) {
    if (!c->have) return 0;
    c->have = 0;
    if (c->skip > 0) { c->skip--; return 0; }
    if (c->left == 0) return 1;
    if (c->left > 0) c->left--;
    c->acc.key = c->key;
    c->acc.key2 = NULL;
    if (c->fn(c->ud, &c->acc)) return 1;
    return c->left == 0;
}

static int roll_row(void *ud, int ncol, const char *const *v) {
    roll_ctx *c = ud;
    if (ncol < 12 || !v[0]) return 0;
    char key[11], date[11];
    const char *d = v[0];
    if (strlen(d) == 8) { /* the YYYYMMDD day of an aggregate table */
        snprintf(date, sizeof date, "%.4s-%.2s-%.2s", d, d + 4, d + 6);
        d = date;
    } else if (strlen(d) < 10) return 0;
    period_key(c->by, d, key);
    if (c->have && strcmp(key, c->key)) {
        if (roll_emit(c)) { c->stop = 1; return 1; }
    }
    if (!c->have) {
        memset(&c->acc, 0, sizeof c->acc);
        memcpy(c->key, key, sizeof c->key);
        c->have = 1;
    }
    count_add(&c->acc, v);
    return 0;
}

/* --count-by actor: every event counts for its source, and for its target when that is another actor */
typedef struct act_row {
    char *key; /* NULL: events whose source has no code */
    dyad_store_count c;
} act_row;

typedef struct act_ctx {
    act_row *rows;
    size_t n, cap;
    strmap index; /* key -> row */
    long long null_row;
    int oom;
} act_ctx;

static int act_add(void *ud, int ncol, const char *const *v) {
    act_ctx *a = ud;
    if (ncol < 12) return 1;
    long long k = -1;
    int is_new = 0;
    int32_t *slot = NULL;
    if (v[0]) {
        slot = strmap_put(&a->index, v[0], strlen(v[0]), -1, &is_new);
        if (!slot) { a->oom = 1; return 1; }
        k = *slot;
    } else k = a->null_row;
    if (k < 0) {
        if (a->n == a->cap) {
            size_t nc = a->cap ? a->cap * 2 : 256;
            act_row *nr = realloc(a->rows, nc * sizeof *nr);
            if (!nr) { a->oom = 1; return 1; }
            a->rows = nr;
            a->cap = nc;
        }
        k = (long long)a->n++;
        memset(&a->rows[k], 0, sizeof a->rows[k]);
        a->rows[k].key = v[0] ? strdup(v[0]) : NULL;
        if (v[0] && !a->rows[k].key) { a->n--; a->oom = 1; return 1; }
        if (slot) *slot = (int32_t)k;
        else a->null_row = k;
    }
    count_add(&a->rows[k].c, v);
    return 0;
}

static int act_cmp(const void *x, const void *y) {
    const act_row *a = x, *b = y;
    if (a->c.events != b->c.events) return a->c.events > b->c.events ? -1 : 1;
    if (!a->key || !b->key) return (a->key != NULL) - (b->key != NULL);
    return strcmp(a->key, b->key);
}

static void aggregates(qb *q, const char *alias);

static int actor_counts(dyad_store *s, const dyad_store_filter *f, const char *from, dyad_store_count_fn fn, void *ud,
                        char *err, size_t errlen) {
    act_ctx a;
    memset(&a, 0, sizeof a);
    strmap_init(&a.index);
    a.null_row = -1;
    int rc = 0;
    int agg = agg_table(s, f, 1) != AGG_NONE;
    for (int side = 0; side < 2 && !rc; side++) {
        qb q;
        qb_init(&q, s->pg);
        if (agg) { /* '' is NULL in the aggregate tables */
            qb_add(&q, side ? "SELECT a.target_code, NULL, " : "SELECT NULLIF(a.source_code, ''), NULL, ");
            agg_sums(&q, f ? f->quad_class : 0);
            qb_add(&q, " FROM agg_events a");
            rc = build_where_in(&q, f, side ? "a.target_code <> '' AND a.source_code <> '' AND a.target_code <> a.source_code"
                                            : NULL, 1, err, errlen);
            qb_add(&q, side ? " GROUP BY a.target_code" : " GROUP BY a.source_code");
        } else {
            qb_add(&q, side ? "SELECT e.target_code, NULL, " : "SELECT e.source_code, NULL, ");
            aggregates(&q, "e.");
            qb_add(&q, from);
            rc = build_where(&q, f, side ? "e.target_code IS NOT NULL AND e.target_code <> e.source_code" : NULL, err, errlen);
            qb_add(&q, side ? " GROUP BY e.target_code" : " GROUP BY e.source_code");
        }
        if (!rc) rc = run(s, &q, act_add, &a, err, errlen);
        qb_free(&q);
    }
    if (!rc && a.oom) { snprintf(err, errlen, "out of memory"); rc = -1; }
    if (!rc) {
        if (a.n > 1) qsort(a.rows, a.n, sizeof *a.rows, act_cmp);
        long long skip = f ? f->offset : 0, left = f && f->limit ? f->limit : -1;
        for (size_t i = 0; i < a.n && left != 0; i++) {
            if (skip > 0) { skip--; continue; }
            a.rows[i].c.key = a.rows[i].key;
            a.rows[i].c.key2 = NULL;
            if (fn(ud, &a.rows[i].c)) break;
            if (left > 0) left--;
        }
    }
    for (size_t i = 0; i < a.n; i++) free(a.rows[i].key);
    free(a.rows);
    strmap_free(&a.index);
    return rc;
}

int dyad_store_counts(dyad_store *s, const dyad_store_filter *f, dyad_store_by by, dyad_store_count_fn fn, void *ud,
                      char *err, size_t errlen) {
    if ((unsigned)by >= DYAD_BY_N_) { snprintf(err, errlen, "unknown grouping"); return DYAD_STORE_EINVAL; }
    qb q;
    qb_init(&q, s->pg);
    int pg = s->pg, rc = 0;
    const char *from = f && f->text ? " FROM events e JOIN sentences s ON s.doc_id = e.doc_id AND s.sent = e.sent"
                                    : " FROM events e";
    if (by == DYAD_BY_ACTOR) {
        /* two grouped queries that read the (source, target) and (target, source) indexes in order, merged
         * here: cheaper than grouping the union of both sides */
        qb_free(&q);
        return actor_counts(s, f, from, fn, ud, err, errlen);
    } else {
        static const char *const key_sqlite[DYAD_BY_N_] = {
            "e.date, NULL", "date(e.date, '-6 days', 'weekday 1'), NULL", "substr(e.date, 1, 7), NULL",
            "substr(e.date, 1, 4), NULL", "e.source_code, e.target_code", "e.source_code, NULL",
            "e.target_code, NULL", NULL, "e.root, NULL", "e.cameo, NULL", "e.plover, NULL"};
        static const char *const key_pg[DYAD_BY_N_] = {
            "to_char(e.date, 'YYYY-MM-DD'), NULL", "to_char(date_trunc('week', e.date::timestamp), 'YYYY-MM-DD'), NULL",
            "to_char(e.date, 'YYYY-MM'), NULL", "to_char(e.date, 'YYYY'), NULL", "e.source_code, e.target_code",
            "e.source_code, NULL", "e.target_code, NULL", NULL, "e.root, NULL", "e.cameo, NULL", "e.plover, NULL"};
        int period = by <= DYAD_BY_YEAR;
        int agg = agg_table(s, f, !period);
        if (period) {
            if (agg != AGG_NONE) { /* months and years are rolled up here (as their first day) */
                qb_add(&q, by == DYAD_BY_MONTH ? "SELECT a.day / 100 * 100 + 1, NULL, "
                           : by == DYAD_BY_YEAR ? "SELECT a.day / 10000 * 10000 + 101, NULL, " : "SELECT a.day, NULL, ");
                agg_sums(&q, f ? f->quad_class : 0);
                qb_add(&q, agg_from[agg]);
                rc = agg_where(&q, f, "a.day > 0", agg, err, errlen);
                qb_add(&q, " GROUP BY 1 ORDER BY 1");
            } else {
                qb_add(&q, pg ? "SELECT to_char(e.date, 'YYYY-MM-DD'), NULL, " : "SELECT e.date, NULL, ");
                aggregates(&q, "e.");
                qb_add(&q, from);
                rc = build_where(&q, f, "e.date IS NOT NULL", err, errlen);
                qb_add(&q, " GROUP BY e.date ORDER BY e.date");
            }
            if (rc) { qb_free(&q); return rc; }
            roll_ctx c;
            memset(&c, 0, sizeof c);
            c.fn = fn;
            c.ud = ud;
            c.by = by;
            c.skip = f ? f->offset : 0;
            c.left = f && f->limit ? f->limit : -1;
            rc = run(s, &q, roll_row, &c, err, errlen);
            if (rc == 0 && !c.stop) roll_emit(&c);
            qb_free(&q);
            return rc;
        }
        static const char *const key_agg[DYAD_BY_N_] = {
            NULL, NULL, NULL, NULL, "NULLIF(a.source_code, ''), NULLIF(a.target_code, '')", "NULLIF(a.source_code, ''), NULL",
            "NULLIF(a.target_code, ''), NULL", NULL, "a.root, NULL", "a.cameo, NULL", "NULLIF(a.plover, ''), NULL"};
        qb_add(&q, "SELECT ");
        if (agg != AGG_NONE) {
            qb_add(&q, key_agg[by]);
            qb_add(&q, ", ");
            agg_sums(&q, f ? f->quad_class : 0);
            qb_add(&q, " FROM agg_events a");
            rc = build_where_in(&q, f, NULL, 1, err, errlen);
        } else {
            qb_add(&q, pg ? key_pg[by] : key_sqlite[by]);
            qb_add(&q, ", ");
            aggregates(&q, "e.");
            qb_add(&q, from);
            rc = build_where(&q, f, period ? "e.date IS NOT NULL" : NULL, err, errlen);
        }
        if (agg != AGG_NONE) /* the raw columns: read in the order of an index, not sorted */
            qb_add(&q, by == DYAD_BY_DYAD ? " GROUP BY a.source_code, a.target_code ORDER BY 3 DESC, 1, 2 NULLS FIRST"
                       : by == DYAD_BY_SOURCE ? " GROUP BY a.source_code ORDER BY 3 DESC, 1 NULLS FIRST"
                       : by == DYAD_BY_TARGET ? " GROUP BY a.target_code ORDER BY 3 DESC, 1 NULLS FIRST"
                       : by == DYAD_BY_PLOVER ? " GROUP BY a.plover ORDER BY 3 DESC, 1 NULLS FIRST"
                                              : " GROUP BY 1 ORDER BY 3 DESC, 1 NULLS FIRST");
        else if (by == DYAD_BY_DYAD) qb_add(&q, " GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 NULLS FIRST");
        else if (period) qb_add(&q, " GROUP BY 1 ORDER BY 1");
        else qb_add(&q, " GROUP BY 1 ORDER BY 3 DESC, 1 NULLS FIRST");
    }
    if (rc) { qb_free(&q); return rc; }
    limit_offset(&q, f);
    cnt_ctx c = {fn, ud};
    rc = run(s, &q, cnt_row, &c, err, errlen);
    qb_free(&q);
    return rc;
}

static int top(dyad_store *s, const dyad_store_filter *f, dyad_store_by by, long long n, dyad_store_count_fn fn,
               void *ud, char *err, size_t errlen) {
    dyad_store_filter g;
    if (f) g = *f;
    else memset(&g, 0, sizeof g);
    g.limit = n;
    g.offset = 0;
    return dyad_store_counts(s, &g, by, fn, ud, err, errlen);
}

int dyad_store_top_actors(dyad_store *s, const dyad_store_filter *f, long long n, dyad_store_count_fn fn, void *ud,
                          char *err, size_t errlen) {
    return top(s, f, DYAD_BY_ACTOR, n, fn, ud, err, errlen);
}

int dyad_store_top_dyads(dyad_store *s, const dyad_store_filter *f, long long n, dyad_store_count_fn fn, void *ud,
                         char *err, size_t errlen) {
    return top(s, f, DYAD_BY_DYAD, n, fn, ud, err, errlen);
}

/* ---- info and check ----------------------------------------------------------------------------------- */

static int info_row(void *ud, int ncol, const char *const *v) {
    dyad_store_info *o = ud;
    if (ncol < 7) return 1;
    o->documents = v[0] ? atoll(v[0]) : 0;
    o->sentences = v[1] ? atoll(v[1]) : 0;
    o->events = v[2] ? atoll(v[2]) : 0;
    o->citations = v[3] ? atoll(v[3]) : 0;
    if (v[4]) snprintf(o->first_date, sizeof o->first_date, "%s", v[4]);
    if (v[5]) snprintf(o->last_date, sizeof o->last_date, "%s", v[5]);
    o->schema_version = v[6] ? atoi(v[6]) : 0;
    return 0;
}

int dyad_store_get_info(dyad_store *s, dyad_store_info *out, char *err, size_t errlen) {
    memset(out, 0, sizeof *out);
    out->backend = dyad_store_backend(s);
    qb q;
    qb_init(&q, s->pg);
    qb_add(&q, "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM sentences),"
               " (SELECT count(*) FROM events), (SELECT count(*) FROM citations), ");
    qb_add(&q, s->pg ? "(SELECT to_char(min(date), 'YYYY-MM-DD') FROM events),"
                       " (SELECT to_char(max(date), 'YYYY-MM-DD') FROM events)"
                     : "(SELECT min(date) FROM events), (SELECT max(date) FROM events)");
    qb_add(&q, ", (SELECT value FROM meta WHERE key = ");
    qb_text(&q, "schema_version");
    qb_add(&q, ")");
    int rc = run(s, &q, info_row, out, err, errlen);
    qb_free(&q);
    return rc;
}

static int count_row(void *ud, int ncol, const char *const *v) {
    *(long long *)ud = ncol > 0 && v[0] ? atoll(v[0]) : 0;
    return 0;
}

/* Run SQL, a query counting the rows that break a rule: when there are some, report "N WHAT" through FN.
 * Returns 1 (a problem reported), 0 (none) or -1 (error in err). */
static int count_check(dyad_store *s, const char *sql, const char *what, dyad_msg_fn fn, void *ud, char *err,
                       size_t errlen) {
    qb q;
    qb_init(&q, s->pg);
    qb_add(&q, sql);
    long long n = 0;
    int rc = run(s, &q, count_row, &n, err, errlen);
    qb_free(&q);
    if (rc) return -1;
    if (!n) return 0;
    char msg[256];
    snprintf(msg, sizeof msg, "%lld %s", n, what);
    fn(ud, msg);
    return 1;
}

int dyad_store_check(dyad_store *s, dyad_msg_fn fn, void *ud, char *err, size_t errlen) {
    static const struct { const char *sql, *what; } checks[] = {
        {"SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = e.doc_id)",
         "events without their document"},
        {"SELECT count(*) FROM events e WHERE NOT EXISTS"
         " (SELECT 1 FROM sentences s WHERE s.doc_id = e.doc_id AND s.sent = e.sent)",
         "events without their sentence"},
        {"SELECT count(*) FROM sentences s WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = s.doc_id)",
         "sentences without their document"},
        {"SELECT count(*) FROM citations c WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = c.doc_id)",
         "citations without their document"},
        {"SELECT count(*) FROM documents d WHERE d.n_events <> (SELECT count(*) FROM events e WHERE e.doc_id = d.id)",
         "documents whose stored events do not match their event count"},
        {"SELECT count(*) FROM (SELECT doc_id, n FROM events GROUP BY doc_id, n HAVING count(*) > 1) x",
         "duplicated events"},
    };
    int problems = 0;
    for (size_t i = 0; i < sizeof checks / sizeof *checks; i++) {
        int r = count_check(s, checks[i].sql, checks[i].what, fn, ud, err, errlen);
        if (r < 0) return -1;
        problems += r;
    }
    for (int t = 0; s->agg && t < STORE_AGG_N_; t++) {
        char *sql = agg_diff_sql(s->pg, t), what[96];
        if (!sql) { snprintf(err, errlen, "out of memory"); return -1; }
        snprintf(what, sizeof what, "rows of %s differ from the events", agg_names[t]);
        int r = count_check(s, sql, what, fn, ud, err, errlen);
        free(sql);
        if (r < 0) return -1;
        problems += r;
    }
    int b = s->ops->check(s, fn, ud, err, errlen);
    return b < 0 ? -1 : problems + b;
}
