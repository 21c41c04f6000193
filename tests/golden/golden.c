/* golden.c -- runs the golden sentence file (tests/golden/sentences.txt, format in its header) through
 * libdyad and compares every coding with the expected one. One line per test ("ok"/"not ok" with the
 * expected and obtained events), then "golden: N passed, M failed". Exit 1 when any test fails.
 *
 * usage: golden FILE [--verbose] */
#include "dyad.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct expect {
    char src[32], tgt[32], code[8], date[11], attr[32];
    int none;
} expect;

#define MAXE 16

static int prefix(const char *want, const char *got) {
    if (!strcmp(want, "-")) return got == NULL || !*got;
    return got && !strncmp(got, want, strlen(want));
}

static int code_ok(const char *want, const char *got) {
    size_t n = strlen(want);
    if (n == 3 && want[2] == '*') return !strncmp(got, want, 2);
    return !strcmp(want, got);
}

static int ev_matches(const expect *x, const dyad_event *e) {
    if (!prefix(x->src, e->source.code)) return 0;
    if (!prefix(x->tgt, e->has_target ? e->target.code : NULL)) return 0;
    if (!code_ok(x->code, e->cameo)) return 0;
    if (x->date[0] && strncmp(x->date, e->date, strlen(x->date))) return 0;
    if (x->attr[0] && !prefix(x->attr, e->attribution)) return 0;
    return 1;
}

static int specificity(const expect *x) {
    return (x->code[2] != '*') * 4 + (x->date[0] != 0) * 2 + (int)strlen(x->src) + (int)strlen(x->tgt) + (x->attr[0] ? 3 : 0);
}

typedef struct test {
    char todo[200];   /* a known gap: reported, not counted as a failure ("=todo reason") */
    char text[4096];
    expect ex[MAXE];
    int nex;
    int line;
    char group[128];
} test;

static int passed, failed, todo;

static void run_test(dyad_coder *c, const test *t, const char *date, int verbose) {
    dyad_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.id = "golden";
    doc.text = t->text;
    doc.len = strlen(t->text);
    doc.date = date;
    const dyad_result *r;
    char err[256];
    int ok = 1;
    if (dyad_code(c, &doc, &r, err, sizeof err)) {
        printf("not ok - line %d: error %s\n", t->line, err);
        failed++;
        return;
    }
    int used[256] = {0};
    int order[MAXE];
    for (int i = 0; i < t->nex; i++) order[i] = i;
    for (int i = 0; i < t->nex; i++) /* most specific first */
        for (int k = i + 1; k < t->nex; k++)
            if (specificity(&t->ex[order[k]]) > specificity(&t->ex[order[i]])) {
                int tmp = order[i];
                order[i] = order[k];
                order[k] = tmp;
            }
    int none = t->nex == 1 && t->ex[0].none;
    if (none) ok = r->n_events == 0;
    else {
        for (int i = 0; i < t->nex; i++) {
            const expect *x = &t->ex[order[i]];
            int found = 0;
            for (size_t e = 0; e < r->n_events && e < 256; e++)
                if (!used[e] && ev_matches(x, &r->events[e])) { used[e] = 1; found = 1; break; }
            if (!found) ok = 0;
        }
        for (size_t e = 0; e < r->n_events && e < 256; e++)
            if (!used[e]) ok = 0;
    }
    if (t->todo[0] && !ok) todo++;
    else if (ok) passed++;
    else failed++;
    if (!ok || verbose) {
        printf("%s - line %d [%s]: %.100s%s%s\n", ok ? "ok" : "not ok", t->line, t->group, t->text, t->todo[0] ? " # TODO " : "",
               t->todo);
        for (int i = 0; i < t->nex; i++) {
            const expect *x = &t->ex[i];
            if (x->none) printf("    expected: none\n");
            else printf("    expected: %s %s %s%s%s%s%s\n", x->src, x->tgt, x->code, x->date[0] ? " @" : "", x->date,
                        x->attr[0] ? " attr " : "", x->attr);
        }
        for (size_t e = 0; e < r->n_events; e++) {
            const dyad_event *v = &r->events[e];
            printf("    obtained: %s %s %s @%s%s%s  ('%s')\n", v->source.code, v->has_target ? v->target.code : "-",
                   v->cameo, v->date, v->attribution ? " attr " : "", v->attribution ? v->attribution : "", v->verb);
        }
    }
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: golden FILE [--verbose]\n"); return 2; }
    int verbose = argc > 2 && !strcmp(argv[2], "--verbose");
    FILE *f = fopen(argv[1], "r");
    if (!f) { perror(argv[1]); return 2; }
    char err[512];
    dyad_dict *d = dyad_dict_load(getenv("DYAD_DICT"), err, sizeof err);
    if (!d) { fprintf(stderr, "golden: %s\n", err); return 2; }
    dyad_coder *c = dyad_coder_new(d);
    char line[4096], date[11] = "", group[128] = "";
    test *t = calloc(1, sizeof *t);
    int in_test = 0, ln = 0, in_expect = 0;
    while (fgets(line, sizeof line, f) || in_test) {
        int eof = feof(f) && !line[0];
        ln++;
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = 0;
        if (!eof && line[0] == '#' && strncmp(line, "## GROUP:", 9) != 0) { line[0] = 0; continue; } /* comments */
        int is_text = !eof && line[0] == '>';
        int is_exp = !eof && line[0] == '=';
        /* a test ends at the first line that is neither an expectation after its text nor more text */
        if (in_test && (eof || (!is_exp && !(is_text && !in_expect)))) {
            run_test(c, t, date[0] ? date : NULL, verbose);
            memset(t, 0, sizeof *t);
            in_test = in_expect = 0;
        }
        if (eof) break;
        if (!strncmp(line, "## GROUP:", 9)) {
            snprintf(group, sizeof group, "%.100s", line + 10);
            line[0] = 0;
            continue;
        }
        if (!strncmp(line, "date:", 5)) {
            char *p = line + 5;
            while (*p == ' ') p++;
            snprintf(date, sizeof date, "%.10s", p);
        } else if (is_text) {
            if (!in_test) { t->line = ln; snprintf(t->group, sizeof t->group, "%s", group); }
            in_test = 1;
            size_t tl = strlen(t->text);
            snprintf(t->text + tl, sizeof t->text - tl, "%s%s", tl ? " " : "", line[1] == ' ' ? line + 2 : line + 1);
        } else if (is_exp && in_test) {
            in_expect = 1;
            if (!strncmp(line, "=none", 5)) {
                t->ex[t->nex++].none = 1;
            } else if (!strncmp(line, "=todo", 5)) {
                snprintf(t->todo, sizeof t->todo, "%.190s", line + 5 + (line[5] == ' '));
            } else if (!strncmp(line, "=attr", 5)) {
                if (t->nex) sscanf(line + 5, "%31s", t->ex[t->nex - 1].attr);
            } else if (t->nex < MAXE) {
                expect *x = &t->ex[t->nex];
                char at[32] = "";
                int k = sscanf(line + 1, "%31s %31s %7s %31s", x->src, x->tgt, x->code, at);
                if (k < 3) { printf("not ok - line %d: bad expectation '%s'\n", ln, line); failed++; }
                else {
                    if (k == 4 && at[0] == '@') snprintf(x->date, sizeof x->date, "%.10s", at + 1);
                    t->nex++;
                }
            }
        }
        line[0] = 0;
    }
    fclose(f);
    free(t);
    dyad_coder_free(c);
    dyad_dict_free(d);
    printf("golden: %d passed, %d failed, %d skipped\n", passed, failed, todo);
    return failed ? 1 : 0;
}
