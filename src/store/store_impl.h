/* store_impl.h -- store internals shared by the common layer (store.c) and the two backends
 * (sqlite.c, pg.c). Not part of the store API: see store.h. */
#ifndef DYAD_STORE_IMPL_H
#define DYAD_STORE_IMPL_H
#include "store/store.h"

#define STORE_SCHEMA_VERSION 2 /* 2: the aggregate tables agg_day and agg_events */
#define STORE_SCHEMA_OLDEST 1  /* readable (without aggregates: counts from the events); ingest upgrades it */
#define QB_MAX_PARAMS 64

/* a query under construction: SQL text with placeholders ('?' for SQLite, '$n' for PostgreSQL) and the
 * values bound to them */
typedef struct qparam {
    int is_int;
    const char *s;
    long long i;
} qparam;

typedef struct qb {
    int pg;
    char *sql;
    size_t len, cap;
    qparam p[QB_MAX_PARAMS];
    int np;
    char *owned[QB_MAX_PARAMS];
    int nowned;
    int failed;
} qb;

/* a row as strings (NULL for SQL NULL); valid during the callback */
typedef int (*store_row_fn)(void *ud, int ncol, const char *const *v);

/* a document ready to store: metadata as valid UTF-8, its distinct sentences (every coded one when the coder
 * listed them, else those that carry events) */
typedef struct store_sent {
    int sent;
    const char *text;
} store_sent;

typedef struct store_doc {
    const char *id, *hash, *date, *title, *source, *url, *publication, *volume, *issue;
    const char *coder, *ingested_at;
    const char *body;
    size_t body_len;
    long long n_sentences, n_events, invalid_utf8, boilerplate;
    const dyad_result *r;
    const store_sent *sents;
    size_t nsents;
} store_doc;

typedef struct store_ops {
    const char *name;
    /* 1 found (hash copied into out), 0 absent, -1 error */
    int (*lookup)(dyad_store *s, const char *id, char out[DYAD_STORE_HASH_LEN], char *err, size_t errlen);
    int (*put)(dyad_store *s, const store_doc *d, char *err, size_t errlen);
    int (*commit)(dyad_store *s, char *err, size_t errlen);
    size_t (*pending)(const dyad_store *s, size_t *bytes);
    int (*query)(dyad_store *s, const qb *q, store_row_fn fn, void *ud, char *err, size_t errlen);
    /* backend-specific checks: number of problems reported, -1 on error */
    int (*check)(dyad_store *s, dyad_msg_fn fn, void *ud, char *err, size_t errlen);
    void (*close)(dyad_store *s);
} store_ops;

struct dyad_store {
    const store_ops *ops;
    int pg;
    int mode;
    int agg; /* the store has the aggregate tables (schema 2): counts are read from them when the filter allows */
    void *impl;
    /* scratch for put: sanitized strings and sentence lists */
    char *scratch;
    size_t scratch_len, scratch_cap;
    store_sent *sents;
    size_t cap_sents;
};

/* backends: open the connection, check or create the schema; NULL and a message on failure */
int store_sqlite_open(dyad_store *s, const char *path, char *err, size_t errlen);
int store_pg_open(dyad_store *s, const char *uri, char *err, size_t errlen);

/* Shared by the backends' open: store_int_row reads the first column of a row as an int (-1 when NULL) into
 * *(int *)ud; store_schema_version returns the schema version of the store's meta table (-1 when it has none,
 * -2 when the query fails: message in err); store_version_check accepts the versions this dyad reads (else -1 and a message
 * naming NAME, the store as the user wrote it) and notes whether the store has the aggregate tables. */
int store_int_row(void *ud, int ncol, const char *const *v);
int store_schema_version(dyad_store *s, char *err, size_t errlen);
int store_version_check(dyad_store *s, int version, const char *name, char *err, size_t errlen);

/* Aggregates: agg_day (per day), agg_events (per day, source, target, code) and agg_actor (per actor or
 * dyad key and day), kept by the backends in the transaction that writes the events (docs/store.md).
 * store_agg_sql returns (malloc'd) the statement that adds to TABLE the counts of the events rows matching
 * WHERE (SQL, may hold placeholders, used once), or subtracts them with NEGATE; the rows left at zero are
 * removed by STORE_AGG_PRUNE. */
enum { STORE_AGG_DAY, STORE_AGG_EVENTS, STORE_AGG_ACTOR, STORE_AGG_N_ };
char *store_agg_sql(int pg, int table, int negate, const char *where);
#define STORE_AGG_PRUNE "DELETE FROM agg_events WHERE n = 0; DELETE FROM agg_day WHERE n = 0; DELETE FROM agg_actor WHERE n = 0"

/* query builder */
void qb_init(qb *q, int pg);
void qb_free(qb *q);
void qb_add(qb *q, const char *sql);
void qb_text(qb *q, const char *v);     /* a bound text parameter */
void qb_int(qb *q, long long v);        /* a bound integer parameter */
char *qb_own(qb *q, char *s);           /* keep S alive (freed with the builder); returns S */

#endif
