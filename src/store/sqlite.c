/* sqlite.c -- store: the SQLite backend (the default: one file, `dyad.db`).
 *
 * WAL journal, synchronous=NORMAL (a committed batch survives a killed process; only a power failure can
 * lose the last batches, never consistency), foreign keys on. Writes go in batches: one IMMEDIATE
 * transaction, one SAVEPOINT per document so that a failed document leaves the batch as it was. Full-text
 * search is an FTS5 table over `sentences` (external content) kept in step here, not by triggers: a batch's
 * new sentences are indexed by one statement at commit (in the same transaction), and a replaced document's
 * indexed sentences are deleted from the index before the rows. The aggregate tables (agg_day, agg_events,
 * agg_actor) follow the same way: a replaced document's committed events are subtracted before they are
 * deleted, a batch's new events added by one grouped statement per table at commit. Temporary data
 * (savepoint journals) stay in memory. Every statement binds its values. */
#include "store/store_impl.h"
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const SCHEMA =
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
    "CREATE TABLE IF NOT EXISTS documents (\n"
    "  id TEXT PRIMARY KEY, hash TEXT NOT NULL, date TEXT, title TEXT, source TEXT, url TEXT,\n"
    "  publication TEXT, volume TEXT, issue TEXT, bytes INTEGER NOT NULL, n_sentences INTEGER NOT NULL,\n"
    "  n_events INTEGER NOT NULL, invalid_utf8 INTEGER NOT NULL, boilerplate INTEGER NOT NULL,\n"
    "  coder TEXT NOT NULL, ingested_at TEXT NOT NULL, body BLOB);\n"
    "CREATE TABLE IF NOT EXISTS citations (\n"
    "  doc_id TEXT NOT NULL REFERENCES documents (id), n INTEGER NOT NULL, sent INTEGER NOT NULL,\n"
    "  text TEXT NOT NULL, source TEXT, date TEXT, PRIMARY KEY (doc_id, n)) WITHOUT ROWID;\n"
    "CREATE TABLE IF NOT EXISTS sentences (\n"
    "  id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents (id), sent INTEGER NOT NULL,\n"
    "  text TEXT NOT NULL, UNIQUE (doc_id, sent));\n"
    "CREATE TABLE IF NOT EXISTS events (\n"
    "  id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents (id), n INTEGER NOT NULL,\n"
    "  sent INTEGER NOT NULL, date TEXT,\n"
    "  source_text TEXT, source_code TEXT, source_country TEXT, source_sector TEXT, source_org TEXT,\n"
    "  target_text TEXT, target_code TEXT, target_country TEXT, target_sector TEXT, target_org TEXT,\n"
    "  cameo TEXT NOT NULL, root TEXT NOT NULL, plover TEXT, plover_mode TEXT, goldstein REAL NOT NULL,\n"
    "  quad_class INTEGER NOT NULL, verb TEXT, pattern TEXT, attribution TEXT, attribution_text TEXT,\n"
    "  UNIQUE (doc_id, n), FOREIGN KEY (doc_id, sent) REFERENCES sentences (doc_id, sent));\n"
    "CREATE INDEX IF NOT EXISTS events_date ON events (date, doc_id, sent, n, goldstein, quad_class);\n"
    "CREATE INDEX IF NOT EXISTS events_source ON events (source_code, target_code, date, goldstein, quad_class);\n"
    "CREATE INDEX IF NOT EXISTS events_target ON events (target_code, source_code, date, goldstein, quad_class);\n"
    "CREATE INDEX IF NOT EXISTS events_source_country ON events (source_country, target_country, date, goldstein,"
    " quad_class);\n"
    "CREATE INDEX IF NOT EXISTS events_target_country ON events (target_country, date, goldstein, quad_class);\n"
    "CREATE INDEX IF NOT EXISTS events_source_org ON events (source_org);\n"
    "CREATE INDEX IF NOT EXISTS events_target_org ON events (target_org);\n"
    "CREATE INDEX IF NOT EXISTS events_cameo ON events (cameo, date, goldstein, quad_class);\n"
    "CREATE INDEX IF NOT EXISTS events_root ON events (root, date, goldstein, quad_class);\n"
    "CREATE INDEX IF NOT EXISTS events_plover ON events (plover, date, goldstein, quad_class);\n"
    "CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5 (text, content = 'sentences', content_rowid = 'id');\n"
    "CREATE TABLE IF NOT EXISTS agg_day (\n"
    "  day INTEGER PRIMARY KEY, n INTEGER NOT NULL, g REAL NOT NULL, q1 INTEGER NOT NULL, q2 INTEGER NOT NULL,\n"
    "  q3 INTEGER NOT NULL, q4 INTEGER NOT NULL, g1 REAL NOT NULL, g2 REAL NOT NULL, g3 REAL NOT NULL, g4 REAL NOT NULL);\n"
    "CREATE INDEX IF NOT EXISTS agg_day_zero ON agg_day (day) WHERE n = 0;\n"
    "CREATE TABLE IF NOT EXISTS agg_events (\n"
    "  day INTEGER NOT NULL, source_code TEXT NOT NULL, source_country TEXT NOT NULL,\n"
    "  source_org TEXT NOT NULL, target_code TEXT NOT NULL, target_country TEXT NOT NULL, target_org TEXT NOT NULL,\n"
    "  cameo TEXT NOT NULL, root TEXT NOT NULL, plover TEXT NOT NULL, n INTEGER NOT NULL, g REAL NOT NULL,\n"
    "  q1 INTEGER NOT NULL, q2 INTEGER NOT NULL, q3 INTEGER NOT NULL, q4 INTEGER NOT NULL,\n"
    "  g1 REAL NOT NULL, g2 REAL NOT NULL, g3 REAL NOT NULL, g4 REAL NOT NULL,\n"
    "  PRIMARY KEY (source_code, target_code, day, source_country, source_org, target_country, target_org, cameo,\n"
    "  root, plover)) WITHOUT ROWID;\n"
    "CREATE INDEX IF NOT EXISTS agg_events_zero ON agg_events (day) WHERE n = 0;\n"
    "CREATE TABLE IF NOT EXISTS agg_actor (\n"
    "  kind TEXT NOT NULL, k1 TEXT NOT NULL, k2 TEXT NOT NULL, day INTEGER NOT NULL, n INTEGER NOT NULL,\n"
    "  g REAL NOT NULL, q1 INTEGER NOT NULL, q2 INTEGER NOT NULL, q3 INTEGER NOT NULL, q4 INTEGER NOT NULL,\n"
    "  g1 REAL NOT NULL, g2 REAL NOT NULL, g3 REAL NOT NULL, g4 REAL NOT NULL,\n"
    "  PRIMARY KEY (kind, k1, k2, day)) WITHOUT ROWID;\n"
    "CREATE INDEX IF NOT EXISTS agg_actor_zero ON agg_actor (kind) WHERE n = 0;\n"
    "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '2');\n";

/* the aggregate statements: subtract a document's committed events before they are deleted, add a batch's
 * events at commit, fill the tables when a schema 1 store is upgraded */
enum { A_SUB, A_ADD, A_ALL, A_N_ };

enum {
    S_LOOKUP, S_DEL_EVENTS, S_DEL_CITS, S_DEL_FTS, S_DEL_SENTS, S_DEL_DOC, S_INS_DOC, S_INS_CIT, S_INS_SENT, S_INS_EVENT,
    S_FTS_BATCH, S_N_
};

static const char *const STMTS[S_N_] = {
    "SELECT hash FROM documents WHERE id = ?",
    "DELETE FROM events WHERE doc_id = ?",
    "DELETE FROM citations WHERE doc_id = ?",
    "INSERT INTO sentences_fts (sentences_fts, rowid, text) SELECT 'delete', id, text FROM sentences"
    " WHERE doc_id = ? AND id < ?",
    "DELETE FROM sentences WHERE doc_id = ?",
    "DELETE FROM documents WHERE id = ?",
    "INSERT INTO documents (id, hash, date, title, source, url, publication, volume, issue, bytes, n_sentences,"
    " n_events, invalid_utf8, boilerplate, coder, ingested_at, body)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "INSERT INTO citations (doc_id, n, sent, text, source, date) VALUES (?, ?, ?, ?, ?, ?)",
    "INSERT INTO sentences (doc_id, sent, text) VALUES (?, ?, ?)",
    "INSERT INTO events (doc_id, n, sent, date, source_text, source_code, source_country, source_sector,"
    " source_org, target_text, target_code, target_country, target_sector, target_org, cameo, root, plover,"
    " plover_mode, goldstein, quad_class, verb, pattern, attribution, attribution_text)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "INSERT INTO sentences_fts (rowid, text) SELECT id, text FROM sentences WHERE id >= ?",
};

typedef struct lite {
    sqlite3 *db;
    sqlite3_stmt *st[S_N_];
    sqlite3_stmt *ast[A_N_][STORE_AGG_N_];
    int in_tx;
    size_t pending, pending_bytes;
    sqlite3_int64 fts_min; /* smallest sentence rowid inserted in the batch (0: none): the rows to index */
    sqlite3_int64 ev_min;  /* smallest event rowid inserted in the batch (0: none): the rows to aggregate */
    int wrote;             /* a batch was committed: refresh the planner's statistics on close */
} lite;

static int fail(lite *l, char *err, size_t errlen, const char *what) {
    snprintf(err, errlen, "sqlite: %s: %s", what, sqlite3_errmsg(l->db));
    return -1;
}

static int exec(lite *l, const char *sql, char *err, size_t errlen) {
    char *msg = NULL;
    if (sqlite3_exec(l->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err, errlen, "sqlite: %s", msg ? msg : sqlite3_errmsg(l->db));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static const char *nz(const char *s) { return s && *s ? s : NULL; }

static void bt(sqlite3_stmt *st, int i, const char *v) {
    if (v) sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else sqlite3_bind_null(st, i);
}

static int step_done(lite *l, sqlite3_stmt *st, char *err, size_t errlen, const char *what) {
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return fail(l, err, errlen, what);
    return 0;
}

static int lite_lookup(dyad_store *s, const char *id, char out[DYAD_STORE_HASH_LEN], char *err, size_t errlen) {
    lite *l = s->impl;
    sqlite3_stmt *st = l->st[S_LOOKUP];
    if (!st) {
        if (sqlite3_prepare_v2(l->db, STMTS[S_LOOKUP], -1, &l->st[S_LOOKUP], NULL) != SQLITE_OK)
            return fail(l, err, errlen, "lookup");
        st = l->st[S_LOOKUP];
    }
    bt(st, 1, id);
    int rc = sqlite3_step(st), found = 0;
    if (rc == SQLITE_ROW) {
        const unsigned char *h = sqlite3_column_text(st, 0);
        snprintf(out, DYAD_STORE_HASH_LEN, "%s", h ? (const char *)h : "");
        found = 1;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return fail(l, err, errlen, "lookup");
    return found;
}

/* prepare the aggregate statements (once) */
static int agg_prepare(lite *l, char *err, size_t errlen) {
    static const char *const where[A_N_] = {"doc_id = ?1 AND id < ?2", "id >= ?1", "1 = 1"};
    for (int k = 0; k < A_N_; k++)
        for (int t = 0; t < STORE_AGG_N_; t++) {
            if (l->ast[k][t]) continue;
            char *sql = store_agg_sql(0, t, k == A_SUB, where[k]);
            if (!sql) { snprintf(err, errlen, "out of memory"); return -1; }
            int rc = sqlite3_prepare_v2(l->db, sql, -1, &l->ast[k][t], NULL);
            free(sql);
            if (rc != SQLITE_OK) return fail(l, err, errlen, "prepare aggregates");
        }
    return 0;
}

static int put_doc(lite *l, const store_doc *d, char *err, size_t errlen) {
    /* the document's committed events leave the aggregates (those of this batch are not in them yet: every
     * rowid inserted since the batch began is larger); a new document has none: one primary-key probe
     * spares it the three grouped statements */
    bt(l->st[S_LOOKUP], 1, d->id);
    int rc = sqlite3_step(l->st[S_LOOKUP]);
    sqlite3_reset(l->st[S_LOOKUP]);
    sqlite3_clear_bindings(l->st[S_LOOKUP]);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return fail(l, err, errlen, "lookup");
    for (int t = 0; rc == SQLITE_ROW && t < STORE_AGG_N_; t++) {
        bt(l->ast[A_SUB][t], 1, d->id);
        sqlite3_bind_int64(l->ast[A_SUB][t], 2, l->ev_min ? l->ev_min : INT64_MAX);
        if (step_done(l, l->ast[A_SUB][t], err, errlen, "aggregates")) return -1;
    }
    for (int k = S_DEL_EVENTS; k <= S_DEL_DOC; k++) {
        bt(l->st[k], 1, d->id);
        /* rows of earlier batches are in the FTS index: every rowid inserted since is larger than theirs */
        if (k == S_DEL_FTS) sqlite3_bind_int64(l->st[k], 2, l->fts_min ? l->fts_min : INT64_MAX);
        if (step_done(l, l->st[k], err, errlen, "delete")) return -1;
    }
    sqlite3_stmt *st = l->st[S_INS_DOC];
    const char *txt[9] = {d->id, d->hash, d->date, d->title, d->source, d->url, d->publication, d->volume, d->issue};
    for (int i = 0; i < 9; i++) bt(st, i + 1, txt[i]);
    sqlite3_bind_int64(st, 10, (sqlite3_int64)d->body_len);
    sqlite3_bind_int64(st, 11, d->n_sentences);
    sqlite3_bind_int64(st, 12, d->n_events);
    sqlite3_bind_int64(st, 13, d->invalid_utf8);
    sqlite3_bind_int64(st, 14, d->boilerplate);
    bt(st, 15, d->coder);
    bt(st, 16, d->ingested_at);
    sqlite3_bind_blob64(st, 17, d->body, d->body_len, SQLITE_STATIC);
    if (step_done(l, st, err, errlen, "insert document")) return -1;
    const dyad_result *r = d->r;
    st = l->st[S_INS_CIT];
    for (size_t i = 0; i < r->n_citations; i++) {
        bt(st, 1, d->id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_int(st, 3, r->citations[i].sent);
        bt(st, 4, r->citations[i].text ? r->citations[i].text : "");
        bt(st, 5, r->citations[i].source);
        bt(st, 6, nz(r->citations[i].date));
        if (step_done(l, st, err, errlen, "insert citation")) return -1;
    }
    st = l->st[S_INS_SENT];
    for (size_t i = 0; i < d->nsents; i++) {
        bt(st, 1, d->id);
        sqlite3_bind_int(st, 2, d->sents[i].sent);
        bt(st, 3, d->sents[i].text);
        if (step_done(l, st, err, errlen, "insert sentence")) return -1;
        sqlite3_int64 id = sqlite3_last_insert_rowid(l->db);
        if (!l->fts_min || id < l->fts_min) l->fts_min = id;
    }
    st = l->st[S_INS_EVENT];
    for (size_t i = 0; i < r->n_events; i++) {
        const dyad_event *e = &r->events[i];
        bt(st, 1, d->id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_int(st, 3, e->sent);
        bt(st, 4, nz(e->date));
        const dyad_actor *a = &e->source;
        bt(st, 5, a->text);
        bt(st, 6, nz(a->code));
        bt(st, 7, a->country);
        bt(st, 8, a->sector);
        bt(st, 9, a->org);
        if (e->has_target) {
            a = &e->target;
            bt(st, 10, a->text ? a->text : "");
            bt(st, 11, nz(a->code));
            bt(st, 12, a->country);
            bt(st, 13, a->sector);
            bt(st, 14, a->org);
        } /* else the bindings stay NULL */
        bt(st, 15, e->cameo ? e->cameo : "");
        bt(st, 16, e->root ? e->root : "");
        bt(st, 17, e->plover);
        bt(st, 18, e->plover_mode);
        sqlite3_bind_double(st, 19, e->goldstein);
        sqlite3_bind_int(st, 20, e->quad_class);
        bt(st, 21, e->verb);
        bt(st, 22, e->pattern);
        bt(st, 23, e->attribution);
        bt(st, 24, e->attribution_text);
        if (step_done(l, st, err, errlen, "insert event")) return -1;
        sqlite3_int64 id = sqlite3_last_insert_rowid(l->db);
        if (!l->ev_min || id < l->ev_min) l->ev_min = id;
    }
    return 0;
}

static int lite_put(dyad_store *s, const store_doc *d, char *err, size_t errlen) {
    lite *l = s->impl;
    for (int k = 0; k < S_N_; k++)
        if (!l->st[k] && sqlite3_prepare_v2(l->db, STMTS[k], -1, &l->st[k], NULL) != SQLITE_OK)
            return fail(l, err, errlen, "prepare");
    if (agg_prepare(l, err, errlen)) return -1;
    if (!l->in_tx) {
        if (exec(l, "BEGIN IMMEDIATE", err, errlen)) return -1;
        l->in_tx = 1;
        l->pending = l->pending_bytes = 0;
        l->fts_min = l->ev_min = 0;
    }
    if (exec(l, "SAVEPOINT doc", err, errlen)) return -1;
    if (put_doc(l, d, err, errlen)) {
        char e2[64];
        exec(l, "ROLLBACK TO doc", e2, sizeof e2);
        exec(l, "RELEASE doc", e2, sizeof e2);
        return -1;
    }
    if (exec(l, "RELEASE doc", err, errlen)) return -1;
    l->pending++;
    l->pending_bytes += d->body_len;
    return 0;
}

static int lite_commit(dyad_store *s, char *err, size_t errlen) {
    lite *l = s->impl;
    if (!l->in_tx) return 0;
    /* index the batch's sentences in one statement: FTS5 writes its segments once per statement, not
     * once per row (a trigger per row would flush a segment per sentence) */
    int rc = 0;
    if (l->fts_min) {
        sqlite3_bind_int64(l->st[S_FTS_BATCH], 1, l->fts_min);
        rc = step_done(l, l->st[S_FTS_BATCH], err, errlen, "full-text index");
    }
    /* the batch's events join the aggregates, in the same transaction; rows left at zero go */
    for (int t = 0; t < STORE_AGG_N_ && !rc && l->ev_min; t++) {
        sqlite3_bind_int64(l->ast[A_ADD][t], 1, l->ev_min);
        rc = step_done(l, l->ast[A_ADD][t], err, errlen, "aggregates");
    }
    if (!rc) rc = exec(l, STORE_AGG_PRUNE, err, errlen);
    if (rc || exec(l, "COMMIT", err, errlen)) {
        char e2[64];
        exec(l, "ROLLBACK", e2, sizeof e2);
        l->in_tx = 0;
        return -1;
    }
    l->in_tx = 0;
    l->pending = l->pending_bytes = 0;
    l->fts_min = l->ev_min = 0;
    l->wrote = 1;
    return 0;
}

static size_t lite_pending(const dyad_store *s, size_t *bytes) {
    const lite *l = s->impl;
    *bytes = l->pending_bytes;
    return l->pending;
}

static int lite_query(dyad_store *s, const qb *q, store_row_fn fn, void *ud, char *err, size_t errlen) {
    lite *l = s->impl;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(l->db, q->sql, -1, &st, NULL) != SQLITE_OK) return fail(l, err, errlen, "query");
    for (int i = 0; i < q->np; i++) {
        if (q->p[i].is_int) sqlite3_bind_int64(st, i + 1, q->p[i].i);
        else sqlite3_bind_text(st, i + 1, q->p[i].s, -1, SQLITE_STATIC);
    }
    int ncol = sqlite3_column_count(st), rc;
    const char *v[64];
    if (ncol > 64) ncol = 64;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < ncol; i++) v[i] = (const char *)sqlite3_column_text(st, i);
        if (fn(ud, ncol, v)) { rc = SQLITE_DONE; break; }
    }
    if (rc != SQLITE_DONE) {
        fail(l, err, errlen, "query");
        sqlite3_finalize(st);
        return -1;
    }
    sqlite3_finalize(st);
    return 0;
}

static int lite_check(dyad_store *s, dyad_msg_fn fn, void *ud, char *err, size_t errlen) {
    lite *l = s->impl;
    sqlite3_stmt *st;
    int problems = 0, rc;
    if (sqlite3_prepare_v2(l->db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
        return fail(l, err, errlen, "integrity_check");
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *m = (const char *)sqlite3_column_text(st, 0);
        if (m && strcmp(m, "ok")) {
            char msg[512];
            snprintf(msg, sizeof msg, "sqlite integrity: %s", m);
            fn(ud, msg);
            problems++;
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return fail(l, err, errlen, "integrity_check");
    /* the FTS index against its content table: a special INSERT, so lift query_only for it */
    char e2[256];
    exec(l, "PRAGMA query_only = 0", e2, sizeof e2);
    if (exec(l, "INSERT INTO sentences_fts (sentences_fts) VALUES ('integrity-check')", e2, sizeof e2)) {
        char msg[512];
        snprintf(msg, sizeof msg, "full-text index: %s", e2);
        fn(ud, msg);
        problems++;
    }
    if (s->mode == DYAD_STORE_READ) exec(l, "PRAGMA query_only = 1", e2, sizeof e2);
    return problems;
}

static void lite_close(dyad_store *s) {
    lite *l = s->impl;
    if (!l) return;
    char e[64];
    if (l->in_tx) exec(l, "ROLLBACK", e, sizeof e);
    for (int k = 0; k < S_N_; k++) sqlite3_finalize(l->st[k]);
    for (int k = 0; k < A_N_; k++)
        for (int t = 0; t < STORE_AGG_N_; t++) sqlite3_finalize(l->ast[k][t]);
    /* statistics for the query planner (sampled: milliseconds even on a large store) */
    if (l->wrote) exec(l, "PRAGMA analysis_limit = 1000; ANALYZE", e, sizeof e);
    sqlite3_close_v2(l->db);
    free(l);
    s->impl = NULL;
}

static const store_ops lite_ops = {"sqlite", lite_lookup, lite_put, lite_commit, lite_pending, lite_query, lite_check,
                                   lite_close};

/* a schema 1 store opened for writing: fill the aggregate tables (just created, empty) from its events,
 * in the transaction of the schema */
static int upgrade(dyad_store *s, char *err, size_t errlen) {
    lite *l = s->impl;
    int version = store_schema_version(s, err, errlen);
    if (version != 1) return version == -2 ? -1 : 0;
    if (agg_prepare(l, err, errlen)) return -1;
    for (int t = 0; t < STORE_AGG_N_; t++)
        if (step_done(l, l->ast[A_ALL][t], err, errlen, "aggregates")) return -1;
    l->wrote = 1; /* planner statistics for the new tables at close */
    return exec(l, "UPDATE meta SET value = '2' WHERE key = 'schema_version'", err, errlen);
}

int store_sqlite_open(dyad_store *s, const char *path, char *err, size_t errlen) {
    lite *l = calloc(1, sizeof *l);
    if (!l) { snprintf(err, errlen, "out of memory"); return -1; }
    s->impl = l;
    s->ops = &lite_ops;
    struct stat sb;
    if (s->mode == DYAD_STORE_READ && stat(path, &sb) != 0) {
        snprintf(err, errlen, "%s: no such store (create it with 'dyad ingest --db %s FILE')", path, path);
        goto bad;
    }
    int flags = s->mode == DYAD_STORE_WRITE ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READWRITE;
    if (sqlite3_open_v2(path, &l->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "%s: %s", path, l->db ? sqlite3_errmsg(l->db) : "cannot open");
        goto bad;
    }
    sqlite3_busy_timeout(l->db, 10000);
    sqlite3_extended_result_codes(l->db, 1);
    char e2[512];
    if (s->mode == DYAD_STORE_WRITE) {
        if (exec(l, "PRAGMA journal_mode = WAL", e2, sizeof e2) || exec(l, "PRAGMA synchronous = NORMAL", e2, sizeof e2) || exec(l, "PRAGMA cache_size = -65536", e2, sizeof e2) || exec(l, "PRAGMA temp_store = MEMORY", e2, sizeof e2) ||
            exec(l, "PRAGMA foreign_keys = ON", e2, sizeof e2) || exec(l, "BEGIN IMMEDIATE", e2, sizeof e2)) {
            snprintf(err, errlen, "%s: %s", path, e2);
            goto bad;
        }
        /* a database with tables of its own but no dyad schema is someone else's: leave it alone */
        int foreign = 0;
        qb fq;
        qb_init(&fq, 0);
        qb_add(&fq, "SELECT (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%')"
                    " > 0 AND NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta')");
        int frc = lite_query(s, &fq, store_int_row, &foreign, e2, sizeof e2);
        qb_free(&fq);
        if (frc || foreign > 0) {
            snprintf(err, errlen, "%s: %s", path, frc ? e2 : "not a dyad store (it has other tables): choose another --db");
            exec(l, "ROLLBACK", e2, sizeof e2);
            goto bad;
        }
        if (exec(l, SCHEMA, e2, sizeof e2) || upgrade(s, e2, sizeof e2) || exec(l, "COMMIT", e2, sizeof e2)) {
            snprintf(err, errlen, "%s: cannot create the schema: %s", path, e2);
            exec(l, "ROLLBACK", e2, sizeof e2);
            goto bad;
        }
    }
    e2[0] = 0;
    int version = store_schema_version(s, e2, sizeof e2);
    if (version < 0) {
        snprintf(err, errlen, "%s: not a dyad store (%s)", path, version == -2 ? e2 : "no schema version");
        goto bad;
    }
    if (store_version_check(s, version, path, err, errlen)) goto bad;
    if (s->mode == DYAD_STORE_READ && exec(l, "PRAGMA query_only = 1", e2, sizeof e2)) {
        snprintf(err, errlen, "%s: %s", path, e2);
        goto bad;
    }
    return 0;
bad:
    lite_close(s);
    s->ops = NULL;
    return -1;
}
