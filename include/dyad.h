/* dyad.h -- the public interface of libdyad, a political event coder.
 *
 * dyad reads news text and returns CAMEO/PLOVER events: who did what to whom, when, as reported by whom,
 * with the words that explain each one. The API is small on purpose:
 *
 *   dyad_dict  *d = dyad_dict_load(NULL, err, sizeof err);   // built-in dictionaries (or a directory)
 *   dyad_coder *c = dyad_coder_new(d);                        // one per thread; d is shared, read-only
 *   const dyad_result *r;
 *   if (dyad_code(c, &doc, &r) == 0) for (i = 0; i < r->n_events; i++) ... r->events[i] ...
 *   dyad_code_stream(c, &doc, fn, ud, &r, ...);                // or: events handed to fn per 64 KB window
 *   dyad_coder_free(c); dyad_dict_free(d);
 *
 * The library never prints and never exits: every failure is a return code plus a message. A result is owned
 * by its coder and stays valid until the next dyad_code() call on that coder.
 */
#ifndef DYAD_H
#define DYAD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DYAD_VERSION "0.1.0"

typedef struct dyad_dict dyad_dict;   /* immutable once loaded; share it between threads */
typedef struct dyad_coder dyad_coder; /* per-thread working memory (arenas) */

/* ---- dictionaries ---------------------------------------------------------------------------------- */

/* Load dyad's own dictionaries from directory DIR (layout in docs/dictionaries.md), or the set built into
 * the library when DIR is NULL. On failure returns NULL and writes "file:line: what is wrong" into err. */
dyad_dict *dyad_dict_load(const char *dir, char *err, size_t errlen);
void dyad_dict_free(dyad_dict *d);

/* Counts for `dyad dict stats`. A code is covered when it has patterns; a two-digit root heading (01 .. 20),
 * which the coder never emits, is covered through its "not specified below" code (010 .. 200): those are
 * also counted in root_codes_via_x0. */
typedef struct dyad_dict_stats {
    size_t verb_patterns, verb_codes_covered, event_codes, root_codes_via_x0;
    size_t countries, country_names, organizations, groups, agents, people, regions, actor_names;
    /* dictionary lines (one entity each, with all its names): organizations, groups, and people's office terms
     * (one office held by one person for one period) */
    size_t organization_entries, group_entries, office_terms;
} dyad_dict_stats;
void dyad_dict_get_stats(const dyad_dict *d, dyad_dict_stats *out);
/* Patterns per CAMEO code: returns the number of patterns whose code is CODE exactly. */
size_t dyad_dict_patterns_for(const dyad_dict *d, const char *code);
/* Iterate the CAMEO codes of the reference table: returns NULL past the end. */
const char *dyad_dict_code_at(const dyad_dict *d, size_t i);

/* Lint: writes one "file:line: message" per problem into the callback; returns the number of errors. */
typedef void (*dyad_msg_fn)(void *ud, const char *msg);
size_t dyad_dict_check(const dyad_dict *d, dyad_msg_fn fn, void *ud);

/* ---- documents and results ------------------------------------------------------------------------- */

typedef struct dyad_doc {
    const char *id;        /* document id (may be NULL: "doc") */
    const char *text;      /* raw bytes; need not be valid UTF-8 nor NUL-terminated */
    size_t len;
    const char *date;      /* YYYY-MM-DD or NULL: the date relative expressions resolve against */
    const char *title, *source, *url;           /* optional metadata */
    const char *publication, *volume, *issue;   /* optional, from a bulletin header line */
} dyad_doc;

typedef struct dyad_actor {
    const char *text;     /* the words in the sentence */
    const char *code;     /* CAMEO actor code: UZBGOV, RUSMIL, NATO, AFGINS ... */
    const char *country;  /* ISO 3166-1 alpha-3 or NULL */
    const char *sector;   /* GOV, MIL, IGO, INS ... or NULL */
    const char *org;      /* organization acronym (NATO, TALIBAN) or NULL */
} dyad_actor;

typedef struct dyad_event {
    int sent;                 /* 0-based sentence index in the document */
    char date[11];            /* YYYY-MM-DD, or "" when unknown */
    dyad_actor source;
    dyad_actor target;
    int has_target;
    const char *cameo, *root, *plover, *plover_mode; /* plover may be NULL */
    double goldstein;
    int quad_class;
    const char *verb;         /* the matched words */
    const char *pattern;      /* the dictionary pattern that matched */
    const char *attribution;  /* CAMEO code of who reported it (reported speech), or NULL */
    const char *attribution_text;
    const char *text;         /* the sentence */
} dyad_event;

typedef struct dyad_citation {
    const char *text;    /* one cited report: "Reuters, Russian agencies, February 3" */
    const char *source;  /* who: "Reuters, Russian agencies" */
    char date[11];       /* when, resolved against the document date: "1999-02-03" (or "") */
    int sent;            /* the sentence the bracket closes or stands in */
} dyad_citation;

typedef struct dyad_result {
    const dyad_event *events;
    size_t n_events;
    size_t n_sentences;
    const dyad_citation *citations;
    size_t n_citations;
    size_t invalid_utf8;   /* bytes replaced by U+FFFD */
    size_t boilerplate_sentences;
    /* every coded sentence (not empty, not boilerplate), in order: only when the coder has the flag
     * DYAD_CODER_SENTENCES (else NULL and 0) */
    const struct dyad_sentence *sentences;
    size_t n_coded;
} dyad_result;

/* One coded sentence: its 0-based index in the document (dyad_event.sent) and its text (normalized,
 * NUL-terminated; the same pointer as the text of its events). */
typedef struct dyad_sentence {
    int sent;
    const char *text;
} dyad_sentence;

/* Code one document. Returns 0 on success, -1 on failure (message in err). Every event of the document is
 * kept in memory until the next call (about 0.5 KB an event): see dyad_code_stream for huge documents. */
int dyad_code(dyad_coder *c, const dyad_doc *doc, const dyad_result **out, char *err, size_t errlen);

/* Code one document and hand its events over as they are found, so that memory stays bounded by one window
 * (64 KB) of text whatever the document's size. fn is called zero or more times, in document order, with
 * part->events / n_events the next events (valid during the call only), part->citations every citation of
 * the document (complete from the first call on), and the other counts so far. A non-zero return from fn
 * stops coding (dyad_code_stream then returns -1, "stopped by the caller"). On success *out holds the
 * document's totals: n_events counts the events handed over, events is NULL, citations as above. The events
 * are exactly dyad_code's, in the same order. */
typedef int (*dyad_events_fn)(void *ud, const dyad_result *part);
int dyad_code_stream(dyad_coder *c, const dyad_doc *doc, dyad_events_fn fn, void *ud, const dyad_result **out,
                     char *err, size_t errlen);

dyad_coder *dyad_coder_new(const dyad_dict *d);
void dyad_coder_free(dyad_coder *c);

/* Coder flags (0 by default). DYAD_CODER_SENTENCES: the result lists every coded sentence with its text
 * (dyad_result.sentences), e.g. to store them all; without it only the sentences of events are copied. */
#define DYAD_CODER_SENTENCES 1u
void dyad_coder_set_flags(dyad_coder *c, unsigned flags);

/* ---- explain --------------------------------------------------------------------------------------- */

/* Code one sentence and describe every stage (tokens, tags, chunks, clauses, actors, patterns, events) as
 * text through the callback, one line per call. Returns the number of events, or -1 on error. */
int dyad_explain(dyad_coder *c, const char *sentence, const char *date, dyad_msg_fn fn, void *ud,
                 char *err, size_t errlen);

/* ---- reading documents ------------------------------------------------------------------------------ */

enum { DYAD_INPUT_AUTO = 0, DYAD_INPUT_TEXT, DYAD_INPUT_JSONL, DYAD_INPUT_XML };
typedef struct dyad_reader dyad_reader;

/* Open PATH ("-" for standard input) as text (one document; a first line "Publication: ... Volume: ...
 * Issue: ..." is metadata), JSON Lines (one document a line: id, text, date, title, source, url) or,
 * with AUTO, whichever the content shows. NULL and a message on failure. */
dyad_reader *dyad_reader_open(const char *path, int format, char *err, size_t errlen);
/* Next document: 1 and *doc filled (valid until the next call); 0 at the end; -1 when one record is bad
 * (message names file and line; call again for the next record); -2 when the input cannot be read on. */
int dyad_reader_next(dyad_reader *r, dyad_doc *doc, char *err, size_t errlen);
void dyad_reader_close(dyad_reader *r);

/* ---- writing events --------------------------------------------------------------------------------- */

enum { DYAD_OUT_JSONL = 0, DYAD_OUT_TSV, DYAD_OUT_TABLE };
typedef struct dyad_writer dyad_writer;
/* A writer formats events onto a stdio stream (which the caller owns). */
dyad_writer *dyad_writer_new(void *file /* FILE* */, int format);
int dyad_writer_doc(dyad_writer *w, const dyad_doc *doc, const dyad_result *r);
int dyad_writer_finish(dyad_writer *w); /* table: prints the collected rows; returns 0 or -1 on I/O error */
void dyad_writer_free(dyad_writer *w);

/* ---- helpers --------------------------------------------------------------------------------------- */

/* Validate YYYY-MM-DD (a real calendar date). */
int dyad_date_valid(const char *s);

/* ---- PETRARCH / TABARI compatibility (src/compat/, docs/compat.md) --------------------------------- */

/* The files of a PETRARCH-2 / TABARI dictionary set. NULL (or n_actors 0) for the parts you do not have. */
typedef struct dyad_petrarch_files {
    const char *verbs;          /* verb patterns: CAMEO.2.0.txt, PETR.Validate.verbs.txt */
    const char *const *actors;  /* actor dictionaries */
    size_t n_actors;
    const char *agents;         /* agent dictionary */
    const char *discards;       /* discard list */
} dyad_petrarch_files;

/* Load PETRARCH/TABARI dictionaries into a dyad_dict that codes with the same engine; the CAMEO code
 * table is dyad's own (built in). NULL and "file:line: what is wrong" in err on failure. */
dyad_dict *dyad_dict_load_petrarch(const dyad_petrarch_files *files, char *err, size_t errlen);
/* Discard phrases of a PETRARCH dictionary in text: 0 none, 1 a sentence-level one, 2 a story-level one
 * (*which: the phrase). A dict with discards codes no event in such sentences (stories). */
int dyad_petrarch_discard(const dyad_dict *d, const char *text, size_t len, const char **which);
/* Lines the loader skipped, as PETRARCH does (an agent without a code...): returns how many, and passes
 * the first few "file:line: message" to fn (which may be NULL). */
size_t dyad_petrarch_warnings(const dyad_dict *d, dyad_msg_fn fn, void *ud);
/* What a PETRARCH dictionary set held (all 0 for dyad's own dictionaries). Left out: patterns naming an
 * undefined synset or too long for dyad's tables, transformations naming verbs without a code. */
typedef struct dyad_petrarch_stats {
    size_t verbs, patterns, synsets, transformations, actors, agents, discards;
    size_t patterns_left_out, transformations_left_out, lines_left_out;
} dyad_petrarch_stats;
void dyad_petrarch_get_stats(const dyad_dict *d, dyad_petrarch_stats *out);

/* PETRARCH XML input: <Sentences><Sentence date="YYYYMMDD" id="..." ...><Text>...</Text>...</Sentence>.
 * Each <Sentence> is one document; <Parse> is ignored (dyad parses for itself). The reader is tolerant
 * (stray text, self-closed <Sentence .../>); problems name the file and line. Same return values as
 * dyad_reader_next(). */
typedef struct dyad_xml_reader dyad_xml_reader;
dyad_xml_reader *dyad_xml_open(const char *path, char *err, size_t errlen);
int dyad_xml_next(dyad_xml_reader *r, dyad_doc *doc, char *err, size_t errlen);
/* Validation records: the expected codings of the current <Sentence> (after dyad_xml_next() returned 1). */
typedef struct dyad_xml_coding {
    const char *source, *target, *event; /* sourcecode, targetcode, eventcode ("" when absent) */
    const char *error;                   /* error="..." ("sentencediscard", "storydiscard"...) or NULL */
    int noevents;                        /* noevents="True" */
} dyad_xml_coding;
typedef struct dyad_xml_record {
    const char *category;   /* category="..." or "" */
    int evaluate;           /* 0 when sentence="false" or evaluate="false" */
    int line;               /* line of its <Sentence> */
    const dyad_xml_coding *codings;
    size_t n_codings;
} dyad_xml_record;
void dyad_xml_record_info(const dyad_xml_reader *r, dyad_xml_record *out);
/* An <Environment> entry of a validation file ("Verbfile", "Actorfile", "Include"...), or NULL. */
const char *dyad_xml_environment(const dyad_xml_reader *r, const char *name);
void dyad_xml_close(dyad_xml_reader *r);

#ifdef __cplusplus
}
#endif
#endif
