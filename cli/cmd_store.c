/* cmd_store.c -- `dyad ingest` and `dyad query`: the event store (src/store/store.h, docs/store.md).
 *
 *   dyad ingest [--db PATH|URI] [code options] [FILE|-]...   code documents and store them
 *   dyad query  [--db PATH|URI] [filters] [--count-by G] [--format table|csv|jsonl] [--limit N]
 *
 * Exit status as `dyad code`: 0 success; 1 some input could not be read or coded, or the database failed
 * (each problem named); 2 usage errors. */
#include "commands.h"
#include "options.h"
#include "dyad.h"
#include "pool.h"
#include "store/store.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *prog = "dyad";

static int parse_count(const char *opt, const char *v, long long *out) {
    char *end;
    errno = 0;
    long long n = strtoll(v, &end, 10);
    if (errno || end == v || *end || n < 0) {
        fprintf(stderr, "%s: %s: expected a number >= 0, not '%s'\n", prog, opt, v);
        return -1;
    }
    *out = n;
    return 0;
}

/* ---- ingest ------------------------------------------------------------------------------------------- */

static void usage_ingest(FILE *f) {
    fprintf(f,
            "usage: dyad ingest [--db PATH|URI] [options] [FILE|-]...\n\n"
            "Codes each document (as 'dyad code' does) and stores the document, its metadata and citations,\n"
            "the sentences that carry events, and the events. Ingest is idempotent: a document already stored\n"
            "with the same id and content is skipped; one with changed content has its sentences and events\n"
            "replaced in one transaction. An interrupted ingest leaves the store consistent: run it again to\n"
            "complete it.\n\n"
            "options:\n"
            "  --db PATH|URI         SQLite file, or postgresql://user@host/db (default: $DYAD_DB, else dyad.db)\n"
            "  --date YYYY-MM-DD     date of documents that carry none (relative dates resolve against it)\n"
            "  --input auto|text|jsonl   input format (default: auto, from the content)\n"
            "  --dict DIR            dictionary directory (default: the set built into dyad)\n"
            "  --force               code and replace documents even when they are unchanged\n"
            "  --batch N             documents per transaction (default 500; a batch also ends every second)\n"
            "  --stats               print one JSON line of counts and time on stderr at the end\n"
            "  -q, --quiet           no summary line\n"
            "  -h, --help            this help\n");
}

#define INFLIGHT 512 /* > the pool's documents in flight (at most 256 threads) */

typedef struct ingest_run {
    dyad_store *s;
    char (*hashes)[DYAD_STORE_HASH_LEN]; /* content hashes of the documents in the pool, in input order */
    unsigned long long submitted, delivered;
    int force, status, fatal, progress;
    long long batch;
    unsigned long long ndocs, added, replaced, unchanged, nsent, nev, nbytes;
    double t0, last, last_commit;
} ingest_run;

/* a coded document, in input order on the main thread: store it; commit every batch or every second */
static int on_coded(void *ud, const dyad_doc *doc, const dyad_result *res, const char *cerr) {
    ingest_run *g = ud;
    const char *name = doc->id ? doc->id : "document";
    char err[1024];
    const char *hash = g->hashes[g->delivered++ % INFLIGHT];
    if (g->fatal) return 1;
    if (!res) {
        fprintf(stderr, "%s: %s: %s\n", prog, name, cerr);
        g->status = 1;
        return 0;
    }
    if (res->invalid_utf8)
        fprintf(stderr, "%s: %s: %zu invalid UTF-8 byte%s replaced by U+FFFD\n", prog, name, res->invalid_utf8,
                res->invalid_utf8 == 1 ? "" : "s");
    /* looked up again: the same id may have been stored by an earlier line of this input */
    int st = dyad_store_lookup(g->s, doc->id, hash, err, sizeof err);
    if (st < 0) goto fatal;
    if (st == DYAD_STORE_UNCHANGED && !g->force) {
        g->unchanged++;
        return 0;
    }
    if (dyad_store_put(g->s, doc, res, hash, err, sizeof err)) goto fatal;
    if (st == DYAD_STORE_NEW) g->added++;
    else g->replaced++;
    g->nsent += res->n_sentences;
    g->nev += res->n_events;
    g->nbytes += doc->len;
    double t = cli_now();
    if (dyad_store_pending(g->s, NULL) >= (size_t)g->batch || t - g->last_commit >= 1.0) {
        if (dyad_store_commit(g->s, err, sizeof err)) goto fatal;
        g->last_commit = t;
    }
    if (g->progress && t - g->last > 0.5) {
        g->last = t;
        fprintf(stderr, "\r%llu documents, %.0f docs/s, %.1f MB      ", g->ndocs, g->ndocs / (t - g->t0), g->nbytes / 1e6);
    }
    return 0;
fatal:
    fprintf(stderr, "%s: %s: %s\n", prog, name, err);
    g->status = 1;
    g->fatal = 1;
    return 1;
}

int cmd_ingest(int argc, char **argv) {
    const char *date = NULL, *dictdir = NULL, *db = NULL;
    int input = DYAD_INPUT_AUTO, stats = 0, force = 0, quiet = 0, missing = 0;
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    long long batch = 500, jobs = ncpu > 0 ? ncpu : 1;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    int nfiles = 0;
    if (!files) return 2;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) { usage_ingest(stdout); free(files); return 0; }
        else if ((v = cli_optval(argc, argv, &i, "--db", &missing))) db = v;
        else if ((v = cli_optval(argc, argv, &i, "--date", &missing))) {
            if (!dyad_date_valid(v)) { fprintf(stderr, "%s: --date: '%s' is not a date (YYYY-MM-DD)\n", prog, v); free(files); return 2; }
            date = v;
        } else if ((v = cli_optval(argc, argv, &i, "--input", &missing))) {
            if (!strcmp(v, "auto")) input = DYAD_INPUT_AUTO;
            else if (!strcmp(v, "text")) input = DYAD_INPUT_TEXT;
            else if (!strcmp(v, "jsonl")) input = DYAD_INPUT_JSONL;
            else { fprintf(stderr, "%s: --input: expected auto, text or jsonl, not '%s'\n", prog, v); free(files); return 2; }
        } else if ((v = cli_optval(argc, argv, &i, "--dict", &missing))) dictdir = v;
        else if ((v = cli_optval(argc, argv, &i, "--batch", &missing))) {
            if (parse_count("--batch", v, &batch) || batch < 1) { free(files); return 2; }
        } else if ((v = cli_optval(argc, argv, &i, "-j", &missing)) || (v = cli_optval(argc, argv, &i, "--jobs", &missing))) {
            if (parse_count("-j", v, &jobs) || jobs < 1 || jobs > 256) {
                fprintf(stderr, "%s: -j: expected a number of threads from 1 to 256\n", prog);
                free(files);
                return 2;
            }
        } else if (!strcmp(argv[i], "--stats")) stats = 1;
        else if (!strcmp(argv[i], "--force")) force = 1;
        else if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet")) quiet = 1;
        else if (missing) break;
        else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "%s: unknown option '%s' (see 'dyad ingest --help')\n", prog, argv[i]);
            free(files);
            return 2;
        } else files[nfiles++] = argv[i];
        if (missing) break;
    }
    if (missing) { free(files); return 2; }
    if (!nfiles) files[nfiles++] = "-";
    if (!db) db = dyad_store_default_target();

    double t0 = cli_now();
    char err[1024];
    dyad_dict *d = dyad_dict_load(dictdir, err, sizeof err);
    if (!d) { fprintf(stderr, "%s: dictionary error: %s\n", prog, err); free(files); return 2; }
    dyad_store *s = dyad_store_open(db, DYAD_STORE_WRITE, err, sizeof err);
    if (!s) { fprintf(stderr, "%s: %s\n", prog, err); dyad_dict_free(d); free(files); return 1; }
    pool *pl = pool_new(d, (int)jobs);
    if (!pl) { fprintf(stderr, "%s: out of memory\n", prog); dyad_store_close(s); dyad_dict_free(d); free(files); return 2; }
    pool_set_flags(pl, DYAD_CODER_SENTENCES); /* every coded sentence is stored, not only those of events */

    ingest_run g;
    memset(&g, 0, sizeof g);
    g.s = s;
    g.hashes = malloc(INFLIGHT * sizeof *g.hashes);
    if (!g.hashes || jobs >= INFLIGHT) {
        fprintf(stderr, "%s: out of memory\n", prog);
        free(g.hashes);
        pool_free(pl);
        dyad_store_close(s);
        dyad_dict_free(d);
        free(files);
        return 2;
    }
    g.force = force;
    g.batch = batch;
    g.progress = isatty(2) && !quiet;
    g.t0 = g.last = g.last_commit = t0;
    for (int fi = 0; fi < nfiles && !g.fatal; fi++) {
        dyad_reader *r = dyad_reader_open(files[fi], input, err, sizeof err);
        if (!r) { fprintf(stderr, "%s: %s\n", prog, err); g.status = 1; continue; }
        dyad_doc doc;
        int rc;
        while (!g.fatal && (rc = dyad_reader_next(r, &doc, err, sizeof err)) != 0) {
            if (rc == -2) { fprintf(stderr, "%s: %s\n", prog, err); g.status = 1; break; }
            if (rc == -1) { fprintf(stderr, "%s: %s\n", prog, err); g.status = 1; continue; }
            if (!doc.date) doc.date = date;
            g.ndocs++;
            /* an unchanged document is not even coded */
            char *hash = g.hashes[g.submitted % INFLIGHT];
            dyad_store_hash(&doc, hash);
            int st = dyad_store_lookup(s, doc.id, hash, err, sizeof err);
            if (st < 0) { fprintf(stderr, "%s: %s\n", prog, err); g.status = 1; g.fatal = 1; break; }
            if (st == DYAD_STORE_UNCHANGED && !force) { g.unchanged++; continue; }
            g.submitted++;
            if (pool_submit(pl, &doc, on_coded, &g)) {
                if (!g.fatal) fprintf(stderr, "%s: out of memory\n", prog);
                g.status = 1;
                g.fatal = 1;
                break;
            }
        }
        dyad_reader_close(r);
    }
    pool_finish(pl, on_coded, &g);
    if (g.progress && g.last > t0) fputs("\r\033[K", stderr);
    /* what was stored before a fatal error is still committed: each document is whole */
    if (dyad_store_commit(s, err, sizeof err)) { fprintf(stderr, "%s: %s\n", prog, err); g.status = 1; }
    double secs = cli_now() - t0;
    if (!quiet)
        fprintf(stderr, "%s: %llu document%s: %llu added, %llu replaced, %llu unchanged; %llu events; %.2f s, %.0f docs/s (%s)\n",
                prog, g.ndocs, g.ndocs == 1 ? "" : "s", g.added, g.replaced, g.unchanged, g.nev, secs,
                secs > 0 ? g.ndocs / secs : 0.0, dyad_store_backend(s));
    if (stats)
        fprintf(stderr,
                "{\"documents\":%llu,\"added\":%llu,\"replaced\":%llu,\"unchanged\":%llu,\"sentences\":%llu,"
                "\"events\":%llu,\"bytes\":%llu,\"seconds\":%.3f}\n",
                g.ndocs, g.added, g.replaced, g.unchanged, g.nsent, g.nev, g.nbytes, secs);
    pool_free(pl);
    free(g.hashes);
    dyad_store_close(s);
    dyad_dict_free(d);
    free(files);
    return g.status;
}

/* ---- query -------------------------------------------------------------------------------------------- */

static void usage_query(FILE *f) {
    fprintf(f,
            "usage: dyad query [--db PATH|URI] [filters] [--count-by GROUP] [--format table|csv|jsonl] [--limit N]\n"
            "       dyad query [--db PATH|URI] --summary | --check\n\n"
            "Prints the stored events that match every filter given (oldest first), or with --count-by one row\n"
            "per group: events, Goldstein sum and events per QuadClass (verbal/material cooperation,\n"
            "verbal/material conflict).\n\n"
            "filters:\n"
            "  --source X            source actor: a CAMEO actor code (UZBGOV), a country (UZB: all its actors)\n"
            "                        or an organization (NATO)\n"
            "  --target Y            target actor, matched the same way\n"
            "  --actor X             X as source or target\n"
            "  --root NN             CAMEO root code (19)\n"
            "  --cameo C             CAMEO code and its sub-codes (03 matches 036, 0332...)\n"
            "  --plover CAT          PLOVER category (ACCUSE)\n"
            "  --quad N              QuadClass 1..4\n"
            "  --from YYYY-MM-DD     events on or after this date\n"
            "  --to YYYY-MM-DD       events on or before this date\n"
            "  --text \"words\"        sentences containing all these words (full-text search)\n"
            "  --doc ID              events of one document\n\n"
            "output:\n"
            "  --count-by day|week|month|year|dyad|source|target|actor|root|cameo|plover\n"
            "                        time series come in time order (weeks start on Monday); other groups\n"
            "                        come most events first\n"
            "  --format table|csv|jsonl  (default: table on a terminal, jsonl otherwise; jsonl events have the\n"
            "                        schema of 'dyad code', docs/output.md)\n"
            "  --limit N, --offset N rows (events or groups)\n"
            "  --count               only the number of matching events\n"
            "  --sentences           the stored sentences (every coded one, with or without events) instead\n"
            "                        of events: doc_id, sent, events, text; filters --text and --doc only\n"
            "  --desc                newest events first\n"
            "  --summary             counts of documents, sentences, events, citations and the date range\n"
            "  --check               consistency check of the store (exit 1 on problems)\n"
            "  --db PATH|URI         SQLite file or postgresql:// URI (default: $DYAD_DB, else dyad.db)\n"
            "  -h, --help            this help\n");
}

enum { FMT_TABLE, FMT_CSV, FMT_JSONL };

static void csv_field(FILE *f, const char *s, int first) {
    if (!first) fputc(',', f);
    if (!s) return;
    if (!strpbrk(s, ",\"\r\n")) { fputs(s, f); return; }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void json_str(FILE *f, const char *s) {
    if (!s) { fputs("null", f); return; }
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') fprintf(f, "\\%c", *p);
        else if (*p == '\n') fputs("\\n", f);
        else if (*p == '\t') fputs("\\t", f);
        else if (*p == '\r') fputs("\\r", f);
        else if (*p < 0x20) fprintf(f, "\\u%04x", *p);
        else fputc(*p, f);
    }
    fputc('"', f);
}

typedef struct ev_out {
    int format;
    dyad_writer *w;
    unsigned long long n;
    int io_error;
} ev_out;

static int print_event(void *ud, const dyad_store_event *e) {
    ev_out *o = ud;
    o->n++;
    if (o->format == FMT_CSV) {
        if (o->n == 1)
            fputs("id,doc_id,sent,date,source,source_text,target,target_text,cameo,root,plover,plover_mode,goldstein,"
                  "quad_class,verb,attribution,publication,text\n",
                  stdout);
        char id[32], sent[16], g[32], q[8];
        snprintf(id, sizeof id, "%lld", e->id);
        snprintf(sent, sizeof sent, "%d", e->ev.sent);
        snprintf(g, sizeof g, "%.1f", e->ev.goldstein);
        snprintf(q, sizeof q, "%d", e->ev.quad_class);
        const char *f[18] = {id, e->doc_id, sent, e->ev.date, e->ev.source.code, e->ev.source.text,
                             e->ev.has_target ? e->ev.target.code : NULL, e->ev.has_target ? e->ev.target.text : NULL,
                             e->ev.cameo, e->ev.root, e->ev.plover, e->ev.plover_mode, g, q, e->ev.verb,
                             e->ev.attribution, e->publication ? e->publication : e->source, e->ev.text};
        for (int i = 0; i < 18; i++) csv_field(stdout, f[i], i == 0);
        fputc('\n', stdout);
    } else {
        /* the writer of `dyad code`: the same JSONL schema and table */
        dyad_doc doc;
        memset(&doc, 0, sizeof doc);
        doc.id = e->doc_id;
        doc.date = e->doc_date;
        doc.title = e->title;
        doc.source = e->source;
        doc.url = e->url;
        doc.publication = e->publication;
        doc.volume = e->volume;
        doc.issue = e->issue;
        dyad_result r;
        memset(&r, 0, sizeof r);
        r.events = &e->ev;
        r.n_events = 1;
        r.citations = e->citations;
        r.n_citations = e->n_citations;
        if (dyad_writer_doc(o->w, &doc, &r)) { o->io_error = 1; return 1; }
    }
    if (ferror(stdout)) { o->io_error = 1; return 1; }
    return 0;
}

typedef struct cnt_row {
    char *key, *key2;
    long long events, quad[4];
    double goldstein;
} cnt_row;

typedef struct cnt_out {
    int format, two, by;
    cnt_row *rows;
    size_t n, cap;
    int oom;
} cnt_out;

static int collect_count(void *ud, const dyad_store_count *c) {
    cnt_out *o = ud;
    if (o->n == o->cap) {
        size_t nc = o->cap ? o->cap * 2 : 64;
        cnt_row *nr = realloc(o->rows, nc * sizeof *nr);
        if (!nr) { o->oom = 1; return 1; }
        o->rows = nr;
        o->cap = nc;
    }
    cnt_row *r = &o->rows[o->n];
    r->key = c->key ? strdup(c->key) : NULL;
    r->key2 = c->key2 ? strdup(c->key2) : NULL;
    if ((c->key && !r->key) || (c->key2 && !r->key2)) { free(r->key); free(r->key2); o->oom = 1; return 1; }
    r->events = c->events;
    r->goldstein = c->goldstein;
    memcpy(r->quad, c->quad, sizeof r->quad);
    o->n++;
    return 0;
}

static const char *const quad_names[4] = {"verbal_coop", "material_coop", "verbal_conflict", "material_conflict"};

static void print_counts(cnt_out *o) {
    const char *k1 = o->by <= DYAD_BY_YEAR ? "period" : o->two ? "source" : dyad_store_by_name(o->by);
    const char *k2 = "target";
    if (o->format == FMT_JSONL) {
        for (size_t i = 0; i < o->n; i++) {
            cnt_row *r = &o->rows[i];
            printf("{\"%s\":", k1);
            json_str(stdout, r->key);
            if (o->two) { printf(",\"%s\":", k2); json_str(stdout, r->key2); }
            printf(",\"events\":%lld,\"goldstein\":%.1f", r->events, r->goldstein);
            for (int q = 0; q < 4; q++) printf(",\"%s\":%lld", quad_names[q], r->quad[q]);
            printf("}\n");
        }
        return;
    }
    if (o->format == FMT_CSV) {
        printf("%s%s%s,events,goldstein", k1, o->two ? "," : "", o->two ? k2 : "");
        for (int q = 0; q < 4; q++) printf(",%s", quad_names[q]);
        printf("\n");
        for (size_t i = 0; i < o->n; i++) {
            cnt_row *r = &o->rows[i];
            csv_field(stdout, r->key, 1);
            if (o->two) csv_field(stdout, r->key2, 0);
            printf(",%lld,%.1f,%lld,%lld,%lld,%lld\n", r->events, r->goldstein, r->quad[0], r->quad[1], r->quad[2],
                   r->quad[3]);
        }
        return;
    }
    /* table */
    char up1[32], up2[32];
    snprintf(up1, sizeof up1, "%s", o->by <= DYAD_BY_YEAR ? dyad_store_by_name(o->by) : k1);
    snprintf(up2, sizeof up2, "%s", k2);
    for (char *p = up1; *p; p++) *p = (char)(*p - 32 * (*p >= 'a' && *p <= 'z'));
    for (char *p = up2; *p; p++) *p = (char)(*p - 32 * (*p >= 'a' && *p <= 'z'));
    int w1 = (int)strlen(up1), w2 = (int)strlen(up2);
    for (size_t i = 0; i < o->n; i++) {
        int a = o->rows[i].key ? (int)strlen(o->rows[i].key) : 1, b = o->rows[i].key2 ? (int)strlen(o->rows[i].key2) : 1;
        if (a > w1) w1 = a;
        if (b > w2) w2 = b;
    }
    printf("%-*s  ", w1, up1);
    if (o->two) printf("%-*s  ", w2, up2);
    printf("%8s  %9s  %11s  %13s  %15s  %17s\n", "EVENTS", "GOLDSTEIN", "VERBAL_COOP", "MATERIAL_COOP", "VERBAL_CONFLICT",
           "MATERIAL_CONFLICT");
    long long total = 0;
    for (size_t i = 0; i < o->n; i++) {
        cnt_row *r = &o->rows[i];
        printf("%-*s  ", w1, r->key ? r->key : "-");
        if (o->two) printf("%-*s  ", w2, r->key2 ? r->key2 : "-");
        printf("%8lld  %9.1f  %11lld  %13lld  %15lld  %17lld\n", r->events, r->goldstein, r->quad[0], r->quad[1],
               r->quad[2], r->quad[3]);
        total += r->events;
    }
    printf("%zu group%s, %lld event%s\n", o->n, o->n == 1 ? "" : "s", total, total == 1 ? "" : "s");
}

typedef struct sent_out {
    int format;
    unsigned long long n;
} sent_out;

static int print_sentence(void *ud, const dyad_store_sentence *s) {
    sent_out *o = ud;
    o->n++;
    if (o->format == FMT_JSONL) {
        fputs("{\"doc_id\":", stdout);
        json_str(stdout, s->doc_id);
        printf(",\"sent\":%d,\"events\":%lld,\"text\":", s->sent, s->events);
        json_str(stdout, s->text);
        fputs("}\n", stdout);
    } else if (o->format == FMT_CSV) {
        if (o->n == 1) fputs("doc_id,sent,events,text\n", stdout);
        char num[48];
        csv_field(stdout, s->doc_id, 1);
        snprintf(num, sizeof num, ",%d,%lld", s->sent, s->events);
        fputs(num, stdout);
        csv_field(stdout, s->text, 0);
        fputc('\n', stdout);
    } else {
        if (o->n == 1) printf("%-24s %5s %6s  %s\n", "DOC", "SENT", "EVENTS", "TEXT");
        printf("%-24s %5d %6lld  %s\n", s->doc_id ? s->doc_id : "", s->sent, s->events, s->text);
    }
    return ferror(stdout) != 0;
}

static void print_problem(void *ud, const char *msg) {
    (void)ud;
    printf("%s\n", msg);
}

int cmd_query(int argc, char **argv) {
    dyad_store_filter f;
    memset(&f, 0, sizeof f);
    const char *db = NULL;
    int format = isatty(1) ? FMT_TABLE : FMT_JSONL, by = -1, summary = 0, check = 0, count = 0, missing = 0, sents = 0;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) { usage_query(stdout); return 0; }
        else if ((v = cli_optval(argc, argv, &i, "--db", &missing))) db = v;
        else if ((v = cli_optval(argc, argv, &i, "--source", &missing))) f.source = v;
        else if ((v = cli_optval(argc, argv, &i, "--target", &missing))) f.target = v;
        else if ((v = cli_optval(argc, argv, &i, "--actor", &missing))) f.actor = v;
        else if ((v = cli_optval(argc, argv, &i, "--root", &missing))) f.root = v;
        else if ((v = cli_optval(argc, argv, &i, "--cameo", &missing))) f.cameo = v;
        else if ((v = cli_optval(argc, argv, &i, "--plover", &missing))) f.plover = v;
        else if ((v = cli_optval(argc, argv, &i, "--text", &missing))) f.text = v;
        else if ((v = cli_optval(argc, argv, &i, "--doc", &missing))) f.doc_id = v;
        else if ((v = cli_optval(argc, argv, &i, "--quad", &missing))) {
            if (strlen(v) != 1 || v[0] < '1' || v[0] > '4') { fprintf(stderr, "%s: --quad: expected 1, 2, 3 or 4, not '%s'\n", prog, v); return 2; }
            f.quad_class = v[0] - '0';
        } else if ((v = cli_optval(argc, argv, &i, "--from", &missing))) {
            if (!dyad_date_valid(v)) { fprintf(stderr, "%s: --from: '%s' is not a date (YYYY-MM-DD)\n", prog, v); return 2; }
            f.from = v;
        } else if ((v = cli_optval(argc, argv, &i, "--to", &missing))) {
            if (!dyad_date_valid(v)) { fprintf(stderr, "%s: --to: '%s' is not a date (YYYY-MM-DD)\n", prog, v); return 2; }
            f.to = v;
        } else if ((v = cli_optval(argc, argv, &i, "--count-by", &missing))) {
            by = dyad_store_by_parse(v);
            if (by < 0) {
                fprintf(stderr, "%s: --count-by: expected day, week, month, year, dyad, source, target, actor, root, cameo or plover, not '%s'\n",
                        prog, v);
                return 2;
            }
        } else if ((v = cli_optval(argc, argv, &i, "--format", &missing))) {
            if (!strcmp(v, "table")) format = FMT_TABLE;
            else if (!strcmp(v, "csv")) format = FMT_CSV;
            else if (!strcmp(v, "jsonl")) format = FMT_JSONL;
            else { fprintf(stderr, "%s: --format: expected table, csv or jsonl, not '%s'\n", prog, v); return 2; }
        } else if ((v = cli_optval(argc, argv, &i, "--limit", &missing))) {
            if (parse_count("--limit", v, &f.limit)) return 2;
        } else if ((v = cli_optval(argc, argv, &i, "--offset", &missing))) {
            if (parse_count("--offset", v, &f.offset)) return 2;
        } else if (missing) return 2;
        else if (!strcmp(argv[i], "--desc")) f.descending = 1;
        else if (!strcmp(argv[i], "--summary")) summary = 1;
        else if (!strcmp(argv[i], "--count")) count = 1;
        else if (!strcmp(argv[i], "--sentences")) sents = 1;
        else if (!strcmp(argv[i], "--check")) check = 1;
        else if (argv[i][0] == '-') {
            fprintf(stderr, "%s: unknown option '%s' (see 'dyad query --help')\n", prog, argv[i]);
            return 2;
        } else {
            fprintf(stderr, "%s: query: unexpected argument '%s' (filters are options: see 'dyad query --help')\n", prog, argv[i]);
            return 2;
        }
        if (missing) return 2;
    }
    if (!db) db = dyad_store_default_target();
    char err[1024];
    dyad_store *s = dyad_store_open(db, DYAD_STORE_READ, err, sizeof err);
    if (!s) { fprintf(stderr, "%s: %s\n", prog, err); return 1; }
    int rc = 0, status = 0;
    if (summary || check) {
        if (summary) {
            dyad_store_info in;
            rc = dyad_store_get_info(s, &in, err, sizeof err);
            if (!rc) {
                printf("backend    %s\nschema     %d\ndocuments  %lld\nsentences  %lld\nevents     %lld\ncitations  %lld\n",
                       in.backend, in.schema_version, in.documents, in.sentences, in.events, in.citations);
                if (in.first_date[0]) printf("dates      %s .. %s\n", in.first_date, in.last_date);
            }
        }
        if (!rc && check) {
            int n = dyad_store_check(s, print_problem, NULL, err, sizeof err);
            if (n < 0) rc = -1;
            else {
                printf("%d problem%s\n", n, n == 1 ? "" : "s");
                if (n) status = 1;
            }
        }
    } else if (sents) {
        sent_out o = {format, 0};
        rc = dyad_store_sentences(s, &f, print_sentence, &o, err, sizeof err);
        if (!rc && ferror(stdout)) { fprintf(stderr, "%s: write error\n", prog); status = 1; }
    } else if (count) {
        long long n = 0;
        rc = dyad_store_count_events(s, &f, &n, err, sizeof err);
        if (!rc) printf("%lld\n", n);
    } else if (by >= 0) {
        cnt_out o;
        memset(&o, 0, sizeof o);
        o.format = format;
        o.by = by;
        o.two = by == DYAD_BY_DYAD;
        rc = dyad_store_counts(s, &f, (dyad_store_by)by, collect_count, &o, err, sizeof err);
        if (!rc && o.oom) { snprintf(err, sizeof err, "out of memory"); rc = -1; }
        if (!rc) print_counts(&o);
        for (size_t i = 0; i < o.n; i++) free(o.rows[i].key), free(o.rows[i].key2);
        free(o.rows);
    } else {
        ev_out o;
        memset(&o, 0, sizeof o);
        o.format = format;
        if (format != FMT_CSV) {
            o.w = dyad_writer_new(stdout, format == FMT_TABLE ? DYAD_OUT_TABLE : DYAD_OUT_JSONL);
            if (!o.w) { fprintf(stderr, "%s: out of memory\n", prog); dyad_store_close(s); return 2; }
        }
        rc = dyad_store_events(s, &f, print_event, &o, err, sizeof err);
        if (o.w) {
            if (!rc && dyad_writer_finish(o.w)) o.io_error = 1;
            dyad_writer_free(o.w);
        }
        if (o.io_error) { fprintf(stderr, "%s: write error\n", prog); status = 1; }
    }
    if (rc == DYAD_STORE_EINVAL) { fprintf(stderr, "%s: %s\n", prog, err); status = 2; }
    else if (rc) { fprintf(stderr, "%s: %s\n", prog, err); status = 1; }
    if (fflush(stdout)) status = status ? status : 1;
    dyad_store_close(s);
    return status;
}
