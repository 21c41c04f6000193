/* expected.c -- checks a whole bulletin's coding against its human coding (expected-events JSONL: id,
 * required, sentence_contains, source[], target[], roots[], date). Used for the seed bulletin in ../shared
 * and for dyad's own example. Rules, as the core issue states them:
 *   - every required event is found: an event in the sentence that contains `sentence_contains`, whose
 *     source and target match one of the listed codes (ISO3 country, organization acronym, or IGO for any
 *     intergovernmental organization), whose root is accepted, and whose date is the expected one;
 *   - no event comes from the boilerplate footer (the text from FOOTER_MARK on, if given);
 *   - at most MAX_EXTRA events are neither required nor optional.
 * Prints one ok/not ok line per expectation and a summary; exit 1 on failure.
 *
 * usage: expected DOC.txt EXPECTED.jsonl DATE MAX_EXTRA [FOOTER_MARK] */
#include "dyad.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path, size_t *n) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)sz + 1);
    if (!b) { fclose(f); return NULL; }
    *n = fread(b, 1, (size_t)sz, f);
    b[*n] = 0;
    fclose(f);
    return b;
}

static int actor_ok(json_t *list, const dyad_actor *a, int has) {
    if (!has) return 0;
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v) {
        const char *want = json_string_value(v);
        if (!want) continue;
        if (a->country && !strcmp(want, a->country)) return 1;
        if (a->org && !strcmp(want, a->org)) return 1;
        if (a->code && !strncmp(a->code, want, strlen(want))) return 1;
        if (!strcmp(want, "IGO") && a->sector && !strcmp(a->sector, "IGO")) return 1;
    }
    return 0;
}

static int root_ok(json_t *roots, const char *root) {
    size_t i;
    json_t *v;
    json_array_foreach(roots, i, v) if (json_string_value(v) && !strcmp(json_string_value(v), root)) return 1;
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 5) { fprintf(stderr, "usage: expected DOC EXPECTED DATE MAX_EXTRA [FOOTER_MARK]\n"); return 2; }
    size_t n;
    char *text = slurp(argv[1], &n);
    if (!text) { printf("skipped: %s not found\n", argv[1]); return 0; }
    json_error_t je;
    char err[512];
    dyad_dict *d = dyad_dict_load(getenv("DYAD_DICT"), err, sizeof err);
    if (!d) { fprintf(stderr, "%s\n", err); return 2; }
    dyad_coder *c = dyad_coder_new(d);
    dyad_reader *rd = dyad_reader_open(argv[1], DYAD_INPUT_TEXT, err, sizeof err);
    dyad_doc doc;
    if (!rd || dyad_reader_next(rd, &doc, err, sizeof err) != 1) { fprintf(stderr, "%s\n", err); return 2; }
    doc.date = argv[3];
    const dyad_result *r;
    if (dyad_code(c, &doc, &r, err, sizeof err)) { fprintf(stderr, "%s\n", err); return 2; }
    int max_extra = atoi(argv[4]);
    const char *footer = argc > 5 ? strstr(text, argv[5]) : NULL;
    int *explained = calloc(r->n_events + 1, sizeof *explained);
    int passed = 0, failed = 0;
    FILE *f = fopen(argv[2], "r");
    if (!f) { perror(argv[2]); return 2; }
    char line[8192];
    while (fgets(line, sizeof line, f)) {
        json_t *x = json_loads(line, 0, &je);
        if (!x) continue;
        const char *id = json_string_value(json_object_get(x, "id"));
        const char *sc = json_string_value(json_object_get(x, "sentence_contains"));
        const char *date = json_string_value(json_object_get(x, "date"));
        int required = json_is_true(json_object_get(x, "required"));
        int found = 0;
        for (size_t i = 0; i < r->n_events; i++) {
            const dyad_event *e = &r->events[i];
            if (!sc || !strstr(e->text, sc)) continue;
            if (!actor_ok(json_object_get(x, "source"), &e->source, 1)) continue;
            if (!actor_ok(json_object_get(x, "target"), &e->target, e->has_target)) continue;
            if (!root_ok(json_object_get(x, "roots"), e->root)) continue;
            explained[i] = 1; /* a defensible event, even with the wrong date */
            if (date && strcmp(date, e->date)) continue;
            found = 1;
        }
        if (required) {
            if (found) passed++;
            else failed++;
            printf("%s - %s required: %s\n", found ? "ok" : "not ok", id, sc ? sc : "?");
        } else printf("# %s optional: %s\n", id, found ? "found" : "not found");
        json_decref(x);
    }
    fclose(f);
    int extra = 0, in_footer = 0;
    for (size_t i = 0; i < r->n_events; i++) {
        const dyad_event *e = &r->events[i];
        if (footer && strstr(footer, e->text)) in_footer++;
        if (!explained[i]) {
            extra++;
            printf("# extra event: %s -> %s %s in: %.80s\n", e->source.code, e->has_target ? e->target.code : "-", e->cameo, e->text);
        }
    }
    if (footer) {
        printf("%s - no event from the footer (%d)\n", in_footer ? "not ok" : "ok", in_footer);
        if (in_footer) failed++;
        else passed++;
    }
    printf("%s - at most %d extra events (%d)\n", extra <= max_extra ? "ok" : "not ok", max_extra, extra);
    if (extra <= max_extra) passed++;
    else failed++;
    printf("expected: %d passed, %d failed\n", passed, failed);
    free(explained);
    free(text);
    dyad_reader_close(rd);
    dyad_coder_free(c);
    dyad_dict_free(d);
    return failed ? 1 : 0;
}
