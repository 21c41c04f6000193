/* store.h -- the event store: coded documents, their sentences and events, in SQLite or PostgreSQL.
 *
 * An internal library API of libdyad (prefix dyad_store_), used by `dyad ingest`, `dyad query` and
 * `dyad serve`. The schema is documented in docs/store.md. One store handle is one database connection:
 * use it from one thread at a time (open one handle per thread or per request worker).
 *
 *   dyad_store *s = dyad_store_open("dyad.db", DYAD_STORE_WRITE, err, sizeof err); // or "postgresql://..."
 *
 * Writing (what `dyad ingest` does):
 *
 *   char hash[DYAD_STORE_HASH_LEN];
 *   dyad_store_hash(&doc, hash);
 *   if (dyad_store_lookup(s, doc.id, hash, err, n) == DYAD_STORE_NEW or _CHANGED) {
 *       dyad_code(coder, &doc, &r, ...);
 *       dyad_store_put(s, &doc, r, hash, err, n);   // joins the open batch (one transaction)
 *   }
 *   ... dyad_store_commit(s, err, n);               // every so often, and at the end
 *
 * A document is replaced as a whole (its row, citations, sentences, events) inside the batch's transaction,
 * so a crash at any point leaves each document either as it was or as it is now: never half-written, never
 * twice. Uncommitted work is rolled back by dyad_store_close().
 *
 * Reading: every query takes a dyad_store_filter (all fields optional; they combine with AND) and calls a
 * callback once per row; the row and every string in it are valid only during the call. The callback
 * returns 0 to go on, non-zero to stop. Queries return 0 on success, DYAD_STORE_EINVAL when the filter is
 * invalid (a user error: message in err, e.g. a malformed date), -1 on a database error (message in err).
 * Every value from the filter reaches the database as a bound parameter, never as SQL text. */
#ifndef DYAD_STORE_H
#define DYAD_STORE_H

#include "dyad.h"
#include <stddef.h>

typedef struct dyad_store dyad_store;

/* ---- opening ------------------------------------------------------------------------------------------ */

enum {
    DYAD_STORE_READ = 0,   /* query only: the store must exist; the connection refuses writes */
    DYAD_STORE_WRITE = 1,  /* create the file/schema when missing; ingest */
};
#define DYAD_STORE_EINVAL (-2)

/* TARGET: a SQLite file path, or a PostgreSQL URI ("postgresql://..." or "postgres://..."). NULL: $DYAD_DB,
 * else "dyad.db" (dyad_store_default_target()). NULL and a message on failure. */
dyad_store *dyad_store_open(const char *target, int mode, char *err, size_t errlen);
void dyad_store_close(dyad_store *s);  /* rolls back an uncommitted batch */
const char *dyad_store_default_target(void);
const char *dyad_store_backend(const dyad_store *s); /* "sqlite" or "postgresql" */
int dyad_store_is_postgres(const char *target);

/* ---- writing ------------------------------------------------------------------------------------------ */

#define DYAD_STORE_HASH_LEN 65 /* SHA-256 in hex + NUL */

/* The content hash of a document: SHA-256 over its id, effective date, metadata and raw text. Two
 * ingests of the same id with the same hash are the same document. */
void dyad_store_hash(const dyad_doc *doc, char out[DYAD_STORE_HASH_LEN]);

enum { DYAD_STORE_NEW = 0, DYAD_STORE_UNCHANGED = 1, DYAD_STORE_CHANGED = 2 };
/* Is document ID stored, and with this HASH? Sees the open batch. Returns one of the above, or -1. */
int dyad_store_lookup(dyad_store *s, const char *id, const char *hash, char *err, size_t errlen);
/* Store (or replace) one coded document in the open batch; opens a batch when none is open. Bulk
 * backends may write (and commit) earlier batches here. 0 or -1. */
int dyad_store_put(dyad_store *s, const dyad_doc *doc, const dyad_result *r, const char *hash, char *err,
                   size_t errlen);
/* Make the batch durable: one transaction for all the documents put since the last commit. 0 or -1. */
int dyad_store_commit(dyad_store *s, char *err, size_t errlen);
/* Documents and bytes in the open batch (to decide when to commit). */
size_t dyad_store_pending(const dyad_store *s, size_t *bytes);

/* ---- reading ------------------------------------------------------------------------------------------ */

typedef struct dyad_store_filter {
    const char *source;  /* actor as source: a CAMEO actor code (UZBGOV), a country (UZB: every actor of
                            that country) or an organization (NATO) */
    const char *target;  /* actor as target, same matching */
    const char *actor;   /* actor as source or target */
    const char *root;    /* CAMEO root, "11" (a single digit is padded: "4" = "04") */
    const char *cameo;   /* CAMEO code and its sub-codes: "03" matches 03, 031, 0332...; digits only */
    const char *plover;  /* PLOVER category, case-insensitive: "accuse" */
    int quad_class;      /* 1..4, 0 for any */
    const char *from;    /* event date >= YYYY-MM-DD */
    const char *to;      /* event date <= YYYY-MM-DD */
    const char *text;    /* words that must all occur in the sentence (full-text search; no operators) */
    const char *doc_id;  /* events of one document */
    long long limit;     /* rows at most; 0 = no limit */
    long long offset;    /* rows to skip */
    int descending;      /* events: newest first (default: oldest first) */
} dyad_store_filter;

/* One event as stored, with its sentence and its document's metadata. ev.text is the sentence; ev.date is
 * "" when the event has no date; ev.has_target is 0 when it has no target. */
typedef struct dyad_store_event {
    long long id;                       /* the store's row id */
    const char *doc_id;
    dyad_event ev;
    const dyad_citation *citations;     /* the document's citations: text, source, date ("" when none), sent */
    size_t n_citations;
    const char *doc_date, *title, *source, *url, *publication, *volume, *issue; /* NULL when absent */
} dyad_store_event;

typedef int (*dyad_store_event_fn)(void *ud, const dyad_store_event *e);

/* Events matching F, ordered by date (undated first), document, sentence, position; F->descending reverses. */
int dyad_store_events(dyad_store *s, const dyad_store_filter *f, dyad_store_event_fn fn, void *ud, char *err,
                      size_t errlen);
/* How many events match F (its limit and offset are ignored): the total behind a page of events. Without a
 * text or document condition it is a sum over the aggregate tables (milliseconds on a million events). */
int dyad_store_count_events(dyad_store *s, const dyad_store_filter *f, long long *n, char *err, size_t errlen);

/* One stored sentence: every coded sentence of a document is stored, with or without events. */
typedef struct dyad_store_sentence {
    const char *doc_id;
    int sent;          /* its index in the document (dyad_event.sent) */
    long long events;  /* events coded from it */
    const char *text;
} dyad_store_sentence;

typedef int (*dyad_store_sentence_fn)(void *ud, const dyad_store_sentence *s);

/* Sentences matching F's text (all the words) and doc_id, by document and index; F's limit and offset
 * apply; its other fields must be unset (DYAD_STORE_EINVAL otherwise). */
int dyad_store_sentences(dyad_store *s, const dyad_store_filter *f, dyad_store_sentence_fn fn, void *ud, char *err,
                         size_t errlen);

typedef enum dyad_store_by {
    DYAD_BY_DAY, DYAD_BY_WEEK, DYAD_BY_MONTH, DYAD_BY_YEAR, /* time series: key is the period */
    DYAD_BY_DYAD,    /* key = source code, key2 = target code (NULL: no target) */
    DYAD_BY_SOURCE, DYAD_BY_TARGET, /* key = actor code (target: NULL for events without one) */
    DYAD_BY_ACTOR,   /* key = actor code, counting events where it is source or target (once each) */
    DYAD_BY_ROOT, DYAD_BY_CAMEO, DYAD_BY_PLOVER, /* key = the code (plover: NULL for CAMEO 01x) */
    DYAD_BY_N_
} dyad_store_by;

/* Period labels: day "YYYY-MM-DD", week "YYYY-MM-DD" of its Monday, month "YYYY-MM", year "YYYY". */
typedef struct dyad_store_count {
    const char *key, *key2;
    long long events;
    double goldstein;     /* sum of the Goldstein weights */
    long long quad[4];    /* events per QuadClass: [0] verbal cooperation, [1] material cooperation,
                             [2] verbal conflict, [3] material conflict */
    double goldstein_quad[4]; /* sum of the Goldstein weights per QuadClass (as quad[]) */
} dyad_store_count;

typedef int (*dyad_store_count_fn)(void *ud, const dyad_store_count *c);

/* Group the events matching F by BY. Time series (day..year) come in time order and leave out undated
 * events; the others come by events, most first, then by key. F->limit/offset apply to the groups. */
int dyad_store_counts(dyad_store *s, const dyad_store_filter *f, dyad_store_by by, dyad_store_count_fn fn, void *ud,
                      char *err, size_t errlen);
/* Shorthands for the HTTP API: the TOP actors / dyads by events (F may be NULL). */
int dyad_store_top_actors(dyad_store *s, const dyad_store_filter *f, long long top, dyad_store_count_fn fn, void *ud,
                          char *err, size_t errlen);
int dyad_store_top_dyads(dyad_store *s, const dyad_store_filter *f, long long top, dyad_store_count_fn fn, void *ud,
                         char *err, size_t errlen);

/* "day", "week", ... <-> DYAD_BY_*; -1 for an unknown name. */
int dyad_store_by_parse(const char *name);
const char *dyad_store_by_name(dyad_store_by by);

typedef struct dyad_store_info {
    const char *backend;  /* "sqlite" / "postgresql" */
    long long documents, sentences, events, citations;
    char first_date[11], last_date[11]; /* event date range, "" when none */
    int schema_version;
} dyad_store_info;
int dyad_store_get_info(dyad_store *s, dyad_store_info *out, char *err, size_t errlen);

/* Consistency check (SQLite integrity_check and the FTS index; on both backends: no event without its
 * document and sentence, no duplicate). Each problem goes to FN; returns the number of problems, -1 on error. */
int dyad_store_check(dyad_store *s, dyad_msg_fn fn, void *ud, char *err, size_t errlen);

#endif
