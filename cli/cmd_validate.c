/* cmd_validate.c -- `dyad validate RECORDS.xml [--dicts DIR]`: scores dyad against PETRARCH validation
 * records (docs/compat.md).
 *
 * The file's <Environment> names the dictionaries (Verbfile, Actorfile a,b,c, Agentfile, Discardfile),
 * read from DIR (default: the records file's folder); <Include>/<Exclude> select categories. Each
 * <Sentence> is coded as one document and its events compared with its <EventCoding> records:
 *   - a record passes when the set of (source, target, event) codings dyad finds is exactly the expected
 *     set (noevents="True": no coding at all);
 *   - error="sentencediscard"/"storydiscard" expect the discard list to stop the sentence/story;
 *     error="dateline" expects no event;
 *   - like PETRARCH with require_dyad (its default), only events with both actors count: expected codings
 *     whose source or target is empty ("---", "None") are left out, and so are dyad's events without target;
 *   - not evaluated: sentence="false" / evaluate="false" records, categories left out by <Include>, and
 *     error="bad_input_parse" records (they test the <Parse> tree, which dyad does not read).
 * Each failure is printed with the sentence id, the expected and obtained codings; the last line is
 * "N passed, M failed". Exit status: 0 all passed, 1 some failed, 2 usage or load errors. */
#include "commands.h"
#include "options.h"
#include "dyad.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static void usage(FILE *f) {
    fprintf(f, "usage: dyad validate RECORDS.xml [--dicts DIR] [--verbose]\n\n"
               "Codes every <Sentence> of a PETRARCH validation file with the dictionaries its <Environment>\n"
               "names (read from DIR, by default the file's folder) and compares the events with its\n"
               "<EventCoding> records. Prints each failure (sentence id, expected and obtained codings) and\n"
               "ends with 'N passed, M failed'.\n\n"
               "options:\n"
               "  --dicts DIR     where the dictionaries are\n"
               "  --verbose       also print the sentence of each failure, and the records that pass\n"
               "  -h, --help      this help\n");
}

static double cpu(void) { /* this process's CPU time: what the load costs, whatever else the machine runs */
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct triple {
    char s[48], t[48], e[8];
} triple;

typedef struct tset {
    triple *v;
    size_t n, cap;
} tset;

static int tset_add(tset *s, const char *a, const char *b, const char *e) {
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->v[i].s, a) && !strcmp(s->v[i].t, b) && !strcmp(s->v[i].e, e)) return 0;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 8;
        triple *nv = realloc(s->v, cap * sizeof *nv);
        if (!nv) return -1;
        s->v = nv;
        s->cap = cap;
    }
    triple *t = &s->v[s->n++];
    snprintf(t->s, sizeof t->s, "%s", a);
    snprintf(t->t, sizeof t->t, "%s", b);
    snprintf(t->e, sizeof t->e, "%s", e);
    return 0;
}

static int tset_has(const tset *s, const triple *x) {
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->v[i].s, x->s) && !strcmp(s->v[i].t, x->t) && !strcmp(s->v[i].e, x->e)) return 1;
    return 0;
}

static void tset_print(const tset *s, char *out, size_t outsz) {
    size_t o = 0;
    out[0] = 0;
    if (!s->n) { snprintf(out, outsz, "(none)"); return; }
    for (size_t i = 0; i < s->n && o < outsz; i++)
        o += (size_t)snprintf(out + o, outsz - o, "%s%s %s %s", i ? ", " : "", s->v[i].s, s->v[i].t, s->v[i].e);
}

/* DIR/NAME into out (cut when too long) */
static const char *join(char *out, size_t outsz, const char *dir, const char *name) {
    size_t dl = strlen(dir), nl = strlen(name);
    if (dl + nl + 2 > outsz) dl = nl + 2 < outsz ? outsz - nl - 2 : 0;
    memcpy(out, dir, dl);
    out[dl] = '/';
    size_t k = nl < outsz - dl - 2 ? nl : outsz - dl - 2;
    memcpy(out + dl + 1, name, k);
    out[dl + 1 + k] = 0;
    return out;
}

static void print_indented(void *ud, const char *msg) {
    (void)ud;
    printf("  %s\n", msg);
}

/* no actor: empty, "---", "None", or the words of an uncoded actor ("\"INJURY TOLL\"") */
static int null_actor(const char *c) { return !*c || !strcmp(c, "---") || !strcasecmp(c, "none") || c[0] == '"'; }

/* "a,b, c" -> up to max items (in buf) */
static size_t split_list(char *buf, const char **out, size_t max) {
    size_t n = 0;
    for (char *p = strtok(buf, ", \t"); p && n < max; p = strtok(NULL, ", \t")) out[n++] = p;
    return n;
}

static int in_words(const char *list, const char *w) {
    if (!list) return 0;
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", list);
    for (char *p = strtok(buf, " \t,"); p; p = strtok(NULL, " \t,"))
        if (!strcmp(p, w)) return 1;
    return 0;
}

int cmd_validate(int argc, char **argv) {
    const char *file = NULL, *dir = NULL;
    int verbose = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) { usage(stdout); return 0; }
        if (!strcmp(argv[i], "--verbose") || !strcmp(argv[i], "-v")) verbose = 1;
        else if (!strncmp(argv[i], "--dicts", 7) && (argv[i][7] == 0 || argv[i][7] == '=')) {
            if (argv[i][7] == '=') dir = argv[i] + 8;
            else if (i + 1 < argc) dir = argv[++i];
            else { fprintf(stderr, "dyad: option --dicts needs a value\n"); return 2; }
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "dyad: unknown option '%s' (see 'dyad validate --help')\n", argv[i]);
            return 2;
        } else if (file) {
            fprintf(stderr, "dyad: validate takes one records file\n");
            return 2;
        } else file = argv[i];
    }
    if (!file) { usage(stderr); return 2; }
    char err[1024];
    dyad_xml_reader *xr = dyad_xml_open(file, err, sizeof err);
    if (!xr) { fprintf(stderr, "dyad: %s\n", err); return 2; }
    char dirbuf[4096];
    if (!dir) {
        const char *slash = strrchr(file, '/');
        if (slash) snprintf(dirbuf, sizeof dirbuf, "%.*s", (int)(slash - file), file);
        else snprintf(dirbuf, sizeof dirbuf, ".");
        dir = dirbuf;
    }
    /* the dictionaries named by <Environment> */
    const char *verbs = dyad_xml_environment(xr, "Verbfile"), *actors = dyad_xml_environment(xr, "Actorfile");
    const char *agents = dyad_xml_environment(xr, "Agentfile"), *discards = dyad_xml_environment(xr, "Discardfile");
    if (!verbs && !actors) {
        fprintf(stderr, "dyad: %s: no <Environment> with <Verbfile> or <Actorfile>\n", file);
        dyad_xml_close(xr);
        return 2;
    }
    char paths[16][4096], lists[3][2048];
    const char *alist[12], *items[12];
    size_t na = 0, np = 0;
    dyad_petrarch_files pf;
    memset(&pf, 0, sizeof pf);
    if (verbs) pf.verbs = join(paths[np++], sizeof paths[0], dir, verbs);
    if (actors) {
        snprintf(lists[0], sizeof lists[0], "%s", actors);
        size_t n = split_list(lists[0], items, 12);
        for (size_t i = 0; i < n && np < 14; i++) {
            alist[na++] = join(paths[np++], sizeof paths[0], dir, items[i]);
        }
        pf.actors = alist;
        pf.n_actors = na;
    }
    if (agents) {
        snprintf(lists[1], sizeof lists[1], "%s", agents);
        if (split_list(lists[1], items, 12) > 0) pf.agents = join(paths[np++], sizeof paths[0], dir, items[0]);
    }
    if (discards) pf.discards = join(paths[np++], sizeof paths[0], dir, discards);
    double t0 = cli_now(), c0 = cpu();
    dyad_dict *d = dyad_dict_load_petrarch(&pf, err, sizeof err);
    double t1 = cli_now(), c1 = cpu();
    if (!d) {
        fprintf(stderr, "dyad: dictionary error: %s\n", err);
        dyad_xml_close(xr);
        return 2;
    }
    printf("dictionaries: %s%s%s%s%s%s%s (loaded in %.0f ms, %.0f ms of CPU)\n", verbs ? verbs : "", actors ? ", " : "",
           actors ? actors : "", agents ? ", " : "", agents ? agents : "", discards ? ", " : "", discards ? discards : "",
           (t1 - t0) * 1000, (c1 - c0) * 1000);
    dyad_petrarch_stats ps;
    dyad_petrarch_get_stats(d, &ps);
    printf("read: %zu verbs, %zu patterns (%zu left out), %zu synsets, %zu transformations (%zu left out), "
           "%zu actors, %zu agent phrases, %zu discard phrases\n",
           ps.verbs, ps.patterns, ps.patterns_left_out, ps.synsets, ps.transformations, ps.transformations_left_out,
           ps.actors, ps.agents, ps.discards);
    size_t nw = dyad_petrarch_warnings(d, NULL, NULL);
    if (nw) {
        printf("dictionary lines left out (as PETRARCH leaves them out): %zu, such as\n", nw);
        dyad_petrarch_warnings(d, print_indented, NULL);
    }
    const char *include = dyad_xml_environment(xr, "Include"), *exclude = dyad_xml_environment(xr, "Exclude");
    dyad_coder *c = dyad_coder_new(d);
    if (!c) { fprintf(stderr, "dyad: out of memory\n"); dyad_dict_free(d); dyad_xml_close(xr); return 2; }
    size_t pass = 0, failn = 0, skip_eval = 0, skip_cat = 0, skip_parse = 0, bad = 0, dropped = 0;
    size_t exp_total = 0, found = 0, extra = 0;
    tset exp = {0}, got = {0};
    int rc;
    dyad_doc doc;
    while ((rc = dyad_xml_next(xr, &doc, err, sizeof err)) != 0) {
        if (rc == -2) { fprintf(stderr, "dyad: %s\n", err); bad++; break; }
        if (rc == -1) { fprintf(stderr, "dyad: %s\n", err); bad++; failn++; continue; }
        dyad_xml_record rec;
        dyad_xml_record_info(xr, &rec);
        const char *id = doc.id ? doc.id : "?";
        if (!rec.evaluate) { skip_eval++; continue; }
        if ((include && !in_words(include, rec.category)) || (exclude && in_words(exclude, rec.category))) { skip_cat++; continue; }
        exp.n = got.n = 0;
        int want_discard = 0, parse_only = 0;
        for (size_t i = 0; i < rec.n_codings; i++) {
            const dyad_xml_coding *k = &rec.codings[i];
            if (k->error) {
                if (!strcmp(k->error, "bad_input_parse")) parse_only = 1;
                else if (!strcmp(k->error, "sentencediscard")) want_discard = 1;
                else if (!strcmp(k->error, "storydiscard")) want_discard = 2;
                continue;
            }
            if (k->noevents || !*k->event) continue;
            if (null_actor(k->source) || null_actor(k->target)) { dropped++; continue; }
            if (tset_add(&exp, k->source, k->target, k->event)) { fprintf(stderr, "dyad: out of memory\n"); return 2; }
        }
        if (parse_only) { skip_parse++; continue; }
        const dyad_result *res;
        if (dyad_code(c, &doc, &res, err, sizeof err)) {
            fprintf(stderr, "dyad: %s: %s\n", id, err);
            failn++;
            continue;
        }
        for (size_t i = 0; i < res->n_events; i++) {
            const dyad_event *e = &res->events[i];
            if (!e->has_target || !e->source.code || !e->target.code || !*e->source.code || !*e->target.code) continue;
            if (tset_add(&got, e->source.code, e->target.code, e->cameo)) { fprintf(stderr, "dyad: out of memory\n"); return 2; }
        }
        int ok;
        const char *which = NULL;
        int disc = dyad_petrarch_discard(d, doc.text, doc.len, &which);
        if (want_discard) ok = disc == want_discard && got.n == 0;
        else {
            ok = exp.n == got.n;
            for (size_t i = 0; ok && i < exp.n; i++) ok = tset_has(&got, &exp.v[i]);
        }
        exp_total += exp.n;
        for (size_t i = 0; i < got.n; i++) {
            if (tset_has(&exp, &got.v[i])) found++;
            else extra++;
        }
        char es[1024], gs[1024];
        tset_print(&exp, es, sizeof es);
        tset_print(&got, gs, sizeof gs);
        if (want_discard) snprintf(es, sizeof es, "%s discard", want_discard == 2 ? "story" : "sentence");
        if (disc && (want_discard || got.n == 0)) {
            size_t l = strlen(gs);
            snprintf(gs + l, sizeof gs - l, " (%s discard '%s')", disc == 2 ? "story" : "sentence", which ? which : "");
        }
        if (ok) {
            pass++;
            if (verbose) printf("ok   %s [%s]: %s\n", id, rec.category, es);
        } else {
            failn++;
            printf("FAIL %s [%s] line %d: expected %s; obtained %s\n", id, rec.category, rec.line, es, gs);
            if (verbose) printf("     %.*s\n", (int)(doc.len > 400 ? 400 : doc.len), doc.text);
        }
    }
    size_t skipped = skip_eval + skip_cat + skip_parse;
    printf("not evaluated: %zu (%zu marked sentence/evaluate=\"false\", %zu outside <Include>, %zu testing the parse tree)\n",
           skipped, skip_eval, skip_cat, skip_parse);
    if (dropped) printf("expected codings without a source or a target, left out: %zu\n", dropped);
    if (bad) printf("records that could not be read: %zu\n", bad);
    printf("events: %zu expected, %zu found, %zu not expected\n", exp_total, found, extra);
    size_t total = pass + failn;
    printf("pass rate: %.1f%%\n", total ? 100.0 * (double)pass / (double)total : 0.0);
    printf("%zu passed, %zu failed\n", pass, failn);
    free(exp.v);
    free(got.v);
    dyad_coder_free(c);
    dyad_dict_free(d);
    dyad_xml_close(xr);
    return failn ? 1 : 0;
}
