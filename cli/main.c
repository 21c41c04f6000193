/* main.c -- the dyad command: a thin layer over libdyad.
 *
 *   dyad code [options] [FILE|-]...     code documents into events
 *   dyad explain [--date D] "Sentence." show every stage's view of one sentence
 *   dyad dict check|stats [--dict DIR]  lint the dictionaries / count what they hold
 *
 * All messages to the user are printed here; the library only returns them. Exit status: 0 success, 1 some
 * input could not be read or parsed (the rest was coded), 2 usage errors. */
#include "dyad.h"
#include "commands.h"
#include "options.h"
#include "compat_opts.h"
#include "pool.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *prog = "dyad";

static void usage_main(FILE *f) {
    fprintf(f,
            "dyad %s -- code news text into CAMEO/PLOVER political events\n\n"
            "usage:\n"
            "  dyad code [--date YYYY-MM-DD] [--input auto|text|jsonl|xml] [--format jsonl|tsv|table]\n"
            "            [--dict DIR | --dict-format petrarch --verbs F --actors F,...] [--stats] [-j N] [FILE|-]...\n"
            "  dyad explain [--date YYYY-MM-DD] [--dict DIR] \"One sentence.\"\n"
            "  dyad dict check [--dict DIR]     lint the dictionaries (file:line messages)\n"
            "  dyad dict stats [--dict DIR]     counts per kind and coverage per CAMEO root\n"
            "  dyad validate RECORDS.xml [--dicts DIR]   score against PETRARCH validation records\n"
            "  dyad --help | --version\n\n"
            "Run 'dyad COMMAND --help' for the options of a command.\n",
            DYAD_VERSION);
}

static void usage_code(FILE *f) {
    fprintf(f,
            "usage: dyad code [options] [FILE|-]...\n\n"
            "Codes each document into events. FILE is a plain-text document (a first line\n"
            "'Publication: ... Volume: ... Issue: ...' is metadata) or JSON Lines (one document a line:\n"
            "id, text, date, title, source, url); '-' or no FILE reads standard input.\n\n"
            "options:\n"
            "  --date YYYY-MM-DD     date of documents that carry none (relative dates resolve against it)\n"
            "  --input auto|text|jsonl|xml  input format (default: auto, from the content; xml: PETRARCH's\n"
            "                        <Sentences><Sentence date id><Text>, one document per <Sentence>)\n"
            "  --format jsonl|tsv|table  output format (default: table on a terminal, jsonl otherwise)\n"
            "  --dict DIR            dictionary directory (default: the set built into dyad)\n"
            "  --stats               print one JSON line of counts and time on stderr at the end\n"
            "  -j N, --jobs N        code on N threads (default: all cores); output is in input order\n"
            "%s"
            "  -h, --help            this help\n", compat_usage);
}

static void usage_explain(FILE *f) {
    fprintf(f, "usage: dyad explain [--date YYYY-MM-DD] [--dict DIR | --dict-format petrarch --verbs F ...] \"One sentence.\"\n\n"
               "Prints every stage's view of the sentence: tokens and tags, actors, clauses, verb groups,\n"
               "the patterns tried and matched, and the events, so you can see why something was coded.\n");
}

static void usage_dict(FILE *f) {
    fprintf(f, "usage: dyad dict check [--dict DIR]\n       dyad dict stats [--dict DIR]\n\n"
               "check: lint the dictionaries (duplicates, conflicting patterns, unknown codes, unreachable\n"
               "       patterns); one 'file:line: message' per problem; exit 1 when there are errors.\n"
               "stats: counts per kind and pattern coverage per CAMEO root and code.\n");
}

static dyad_dict *load_dict(const char *dir) {
    char err[1024];
    dyad_dict *d = dyad_dict_load(dir, err, sizeof err);
    if (!d) fprintf(stderr, "%s: dictionary error: %s\n", prog, err);
    return d;
}

/* Option helper: "--opt VALUE" or "--opt=VALUE"; a missing value ends the command (exit 2). */
static const char *optval(int argc, char **argv, int *i, const char *name) {
    int missing = 0;
    const char *v = cli_optval(argc, argv, i, name, &missing);
    if (missing) exit(2);
    return v;
}

/* What `dyad code` keeps while documents come back from the pool, in input order. */
typedef struct code_run {
    dyad_writer *w;
    int status, progress;
    unsigned long long ndocs, nsent, nev, nbytes, total_bytes;
    double t0, last;
} code_run;

/* A document's events come in parts (one 64 KB window's at a time for a long document), so memory stays
 * bounded whatever its size; the last part of a document carries its counts. */
static int on_result(void *ud, const dyad_doc *doc, const dyad_result *res, int more, const char *err,
                     const char *text, size_t len) {
    code_run *cr = ud;
    if (!res) {
        fprintf(stderr, "%s: %s: %s\n", prog, doc->id ? doc->id : "document", err);
        cr->status = 1;
        return 0;
    }
    if (text ? fwrite(text, 1, len, stdout) != len || ferror(stdout) : dyad_writer_doc(cr->w, doc, res) != 0) {
        fprintf(stderr, "%s: write error\n", prog);
        cr->status = 1;
        return -1;
    }
    cr->nev += res->n_events;
    if (more) return 0;
    if (res->invalid_utf8)
        fprintf(stderr, "%s: %s: %zu invalid UTF-8 byte%s replaced by U+FFFD\n", prog, doc->id ? doc->id : "document",
                res->invalid_utf8, res->invalid_utf8 == 1 ? "" : "s");
    cr->ndocs++;
    cr->nsent += res->n_sentences;
    cr->nbytes += doc->len;
    if (cr->progress && cli_now() - cr->last > 0.5) {
        cr->last = cli_now();
        double rate = cr->nbytes / (cr->last - cr->t0);
        fprintf(stderr, "\r%llu documents, %.0f docs/s, %.1f MB/s", cr->ndocs, cr->ndocs / (cr->last - cr->t0), rate / 1e6);
        if (cr->total_bytes > cr->nbytes && rate > 0) fprintf(stderr, ", about %.0f s left", (cr->total_bytes - cr->nbytes) / rate);
        fputs("      ", stderr);
    }
    return 0;
}

/* JSON Lines are formatted on the worker threads: one writer per part (the format keeps no state). */
static int format_jsonl(FILE *f, const dyad_doc *doc, const dyad_result *part) {
    dyad_writer *w = dyad_writer_new(f, DYAD_OUT_JSONL);
    if (!w) return -1;
    int rc = dyad_writer_doc(w, doc, part);
    dyad_writer_free(w);
    return rc;
}

static int cmd_code(int argc, char **argv) {
    const char *date = NULL, *dictdir = NULL;
    int input = DYAD_INPUT_AUTO, format = isatty(1) ? DYAD_OUT_TABLE : DYAD_OUT_JSONL, stats = 0;
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    int jobs = ncpu > 0 ? (int)ncpu : 1;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    int nfiles = 0;
    compat_opts po = {0}; /* --dict-format petrarch --verbs F --actors F1,F2 ... (docs/compat.md) */
    if (!files) return 2;
    for (int i = 1; i < argc; i++) {
        const char *v;
        int pk;
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) { usage_code(stdout); free(files); return 0; }
        else if ((pk = compat_option(argc, argv, &i, &po))) { if (pk < 0) { free(files); return 2; } }
        else if ((v = optval(argc, argv, &i, "--date"))) {
            if (!dyad_date_valid(v)) { fprintf(stderr, "%s: --date: '%s' is not a date (YYYY-MM-DD)\n", prog, v); free(files); return 2; }
            date = v;
        } else if ((v = optval(argc, argv, &i, "--input"))) {
            if (!strcmp(v, "auto")) input = DYAD_INPUT_AUTO;
            else if (!strcmp(v, "text")) input = DYAD_INPUT_TEXT;
            else if (!strcmp(v, "jsonl")) input = DYAD_INPUT_JSONL;
            else if (!strcmp(v, "xml")) input = DYAD_INPUT_XML; /* PETRARCH's <Sentences> (src/compat/) */
            else { fprintf(stderr, "%s: --input: expected auto, text, jsonl or xml, not '%s'\n", prog, v); free(files); return 2; }
        } else if ((v = optval(argc, argv, &i, "--format"))) {
            if (!strcmp(v, "jsonl")) format = DYAD_OUT_JSONL;
            else if (!strcmp(v, "tsv")) format = DYAD_OUT_TSV;
            else if (!strcmp(v, "table")) format = DYAD_OUT_TABLE;
            else { fprintf(stderr, "%s: --format: expected jsonl, tsv or table, not '%s'\n", prog, v); free(files); return 2; }
        } else if ((v = optval(argc, argv, &i, "--dict"))) dictdir = v;
        else if (!strcmp(argv[i], "--stats")) stats = 1;
        else if ((v = optval(argc, argv, &i, "-j")) || (v = optval(argc, argv, &i, "--jobs"))) {
            char *end;
            long n = strtol(v, &end, 10);
            if (*end || n < 1 || n > 256) { fprintf(stderr, "%s: -j: expected a number of threads from 1 to 256, not '%s'\n", prog, v); free(files); return 2; }
            jobs = (int)n;
        } else if (!strncmp(argv[i], "-j", 2) && argv[i][2]) {
            char *end;
            long n = strtol(argv[i] + 2, &end, 10);
            if (*end || n < 1 || n > 256) { fprintf(stderr, "%s: -j: expected a number of threads from 1 to 256\n", prog); free(files); return 2; }
            jobs = (int)n;
        }
        else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "%s: unknown option '%s' (see 'dyad code --help')\n", prog, argv[i]);
            free(files);
            return 2;
        } else files[nfiles++] = argv[i];
    }
    if (!nfiles) files[nfiles++] = "-";
    double t0 = cli_now();
    dyad_dict *d = po.petrarch || po.given ? compat_load(&po) : load_dict(dictdir);
    if (!d) { free(files); return 2; }
    /* output to a file or a pipe in 256 KB writes, not stdio's 4 KB (9,000 write(2) calls for 30 MB of input);
       a terminal keeps its line buffering. The buffer outlives every write: it is static, set before any. */
    static char outbuf[1 << 18];
    if (!isatty(1)) setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    dyad_writer *w = dyad_writer_new(stdout, format);
    pool *pl = pool_new(d, jobs);
    if (!pl || !w) { fprintf(stderr, "%s: out of memory\n", prog); return 2; }
    if (format == DYAD_OUT_JSONL) pool_format_on_workers(pl, format_jsonl); /* TSV numbers events in order */
    code_run cr = {w, 0, isatty(2), 0, 0, 0, 0, 0, t0, t0};
    if (cr.progress)
        for (int fi = 0; fi < nfiles; fi++) {
            struct stat st;
            if (strcmp(files[fi], "-") && stat(files[fi], &st) == 0) cr.total_bytes += (unsigned long long)st.st_size;
        }
    char err[1024];
    int stop = 0;
    for (int fi = 0; fi < nfiles && !stop; fi++) {
        dyad_xml_reader *xr = NULL;
        dyad_reader *r = NULL;
        if (input == DYAD_INPUT_XML) xr = dyad_xml_open(files[fi], err, sizeof err);
        else r = dyad_reader_open(files[fi], input, err, sizeof err);
        if (!r && !xr) { fprintf(stderr, "%s: %s\n", prog, err); cr.status = 1; continue; }
        dyad_doc doc;
        int rc;
        while ((rc = xr ? dyad_xml_next(xr, &doc, err, sizeof err) : dyad_reader_next(r, &doc, err, sizeof err)) != 0) {
            if (rc == -2) { fprintf(stderr, "%s: %s\n", prog, err); cr.status = 1; break; }
            if (rc == -1) { fprintf(stderr, "%s: %s\n", prog, err); cr.status = 1; continue; }
            if (!doc.date) doc.date = date;
            if (dyad_petrarch_discard(d, doc.text, doc.len, NULL) == 2) continue; /* a PETRARCH story discard */
            if (pool_submit_stream(pl, &doc, on_result, &cr)) { stop = 1; break; }
        }
        if (xr) dyad_xml_close(xr);
        else dyad_reader_close(r);
    }
    if (pool_finish_stream(pl, on_result, &cr)) cr.status = 1;
    int status = cr.status;
    if (cr.progress && cr.last > t0) fputs("\r\033[K", stderr);
    if (dyad_writer_finish(w)) { fprintf(stderr, "%s: write error\n", prog); status = 1; }
    if (stats)
        fprintf(stderr, "{\"documents\":%llu,\"sentences\":%llu,\"events\":%llu,\"bytes\":%llu,\"seconds\":%.3f}\n", cr.ndocs,
                cr.nsent, cr.nev, cr.nbytes, cli_now() - t0);
    pool_free(pl);
    dyad_writer_free(w);
    dyad_dict_free(d);
    free(files);
    return status;
}

static void print_line(void *ud, const char *msg) {
    (void)ud;
    printf("%s\n", msg);
}

static int cmd_explain(int argc, char **argv) {
    const char *date = NULL, *dictdir = NULL, *sentence = NULL;
    compat_opts po = {0};
    for (int i = 1; i < argc; i++) {
        const char *v;
        int pk;
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) { usage_explain(stdout); return 0; }
        else if ((pk = compat_option(argc, argv, &i, &po))) { if (pk < 0) return 2; }
        else if ((v = optval(argc, argv, &i, "--date"))) {
            if (!dyad_date_valid(v)) { fprintf(stderr, "%s: --date: '%s' is not a date (YYYY-MM-DD)\n", prog, v); return 2; }
            date = v;
        } else if ((v = optval(argc, argv, &i, "--dict"))) dictdir = v;
        else if (argv[i][0] == '-' && argv[i][1]) { fprintf(stderr, "%s: unknown option '%s'\n", prog, argv[i]); return 2; }
        else if (sentence) { fprintf(stderr, "%s: explain takes one sentence (quote it)\n", prog); return 2; }
        else sentence = argv[i];
    }
    if (!sentence) { usage_explain(stderr); return 2; }
    dyad_dict *d = po.petrarch || po.given ? compat_load(&po) : load_dict(dictdir);
    if (!d) return 2;
    dyad_coder *c = dyad_coder_new(d);
    char err[512];
    int n = dyad_explain(c, sentence, date, print_line, NULL, err, sizeof err);
    if (n < 0) fprintf(stderr, "%s: %s\n", prog, err);
    else printf("%d event%s\n", n, n == 1 ? "" : "s");
    dyad_coder_free(c);
    dyad_dict_free(d);
    return n < 0 ? 1 : 0;
}

static void print_err(void *ud, const char *msg) {
    (void)ud;
    fprintf(stderr, "%s\n", msg);
}

static int cmd_dict(int argc, char **argv) {
    const char *dictdir = NULL, *sub = NULL;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) { usage_dict(stdout); return 0; }
        else if ((v = optval(argc, argv, &i, "--dict"))) dictdir = v;
        else if (!sub && (!strcmp(argv[i], "check") || !strcmp(argv[i], "stats"))) sub = argv[i];
        else { fprintf(stderr, "%s: dict: unexpected '%s'\n", prog, argv[i]); return 2; }
    }
    if (!sub) { usage_dict(stderr); return 2; }
    double t0 = cli_now();
    dyad_dict *d = load_dict(dictdir);
    if (!d) return 1;
    double t1 = cli_now();
    int rc = 0;
    if (!strcmp(sub, "check")) {
        size_t n = dyad_dict_check(d, print_err, NULL);
        printf("%zu problem%s\n", n, n == 1 ? "" : "s");
        rc = n ? 1 : 0;
    } else {
        dyad_dict_stats s;
        dyad_dict_get_stats(d, &s);
        printf("dictionaries: %s (loaded in %.1f ms)\n", dictdir ? dictdir : "built-in", (t1 - t0) * 1000);
        printf("verb patterns       %zu\n", s.verb_patterns);
        printf("event codes covered %zu of %zu", s.verb_codes_covered, s.event_codes);
        if (s.root_codes_via_x0)
            printf(" (%zu root headings 01-20 through their \"not specified\" code 010-200)", s.root_codes_via_x0);
        printf("\n");
        printf("countries           %zu (%zu names)\n", s.countries, s.country_names);
        printf("organizations       %zu (%zu names)\n", s.organization_entries, s.organizations);
        printf("armed/political groups %zu (%zu names)\n", s.group_entries, s.groups);
        printf("agents              %zu\n", s.agents);
        printf("people              %zu office terms (%zu names)\n", s.office_terms, s.people);
        printf("regions             %zu names\n", s.regions);
        printf("actor names (keys)  %zu\n", s.actor_names);
        printf("\npatterns per code (root: code=count ...)\n");
        const char *cur = NULL;
        for (size_t i = 0; dyad_dict_code_at(d, i); i++) {
            const char *code = dyad_dict_code_at(d, i);
            if (!cur || strncmp(cur, code, 2)) {
                printf("%s%.2s:", cur ? "\n" : "", code);
                cur = code;
            }
            printf(" %s=%zu", code, dyad_dict_patterns_for(d, code));
        }
        printf("\n");
    }
    dyad_dict_free(d);
    return rc;
}

int main(int argc, char **argv) {
    if (argc < 2) { usage_main(stderr); return 2; }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) { usage_main(stdout); return 0; }
    if (!strcmp(cmd, "--version")) { printf("dyad %s\n", DYAD_VERSION); return 0; }
    if (!strcmp(cmd, "code")) return cmd_code(argc - 1, argv + 1);
    if (!strcmp(cmd, "explain")) return cmd_explain(argc - 1, argv + 1);
    if (!strcmp(cmd, "dict")) return cmd_dict(argc - 1, argv + 1);
    if (!strcmp(cmd, "validate")) return cmd_validate(argc - 1, argv + 1);
    if (!strcmp(cmd, "ingest")) return cmd_ingest(argc - 1, argv + 1);
    if (!strcmp(cmd, "query")) return cmd_query(argc - 1, argv + 1);
    if (!strcmp(cmd, "serve")) return cmd_serve(argc - 1, argv + 1);
    fprintf(stderr, "%s: unknown command '%s' (see 'dyad --help')\n", prog, cmd);
    return 2;
}
