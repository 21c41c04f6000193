/* recall.c -- document-level recall of event categories on a labelled corpus.
 *
 * For each story of a JSONL corpus labelled with a PLOVER category (`plover_event`), codes the story and
 * asks: did dyad find at least one event of that category (recall), and is it dyad's most frequent category
 * in the story (top)? Prints, overall and per category: stories, recall %, top %, and a JSON line.
 * Also prints the mean number of events per story and the share of stories with none (a recall bought with
 * spurious events shows there). Used for issue 3's goal (>= 85% recall, >= 60% top overall; >= 70% recall in every category).
 *
 * usage: recall CORPUS.jsonl [--misses CATEGORY] [--table CODES.tsv]
 *   --misses prints the stories of CATEGORY that were missed;
 *   --table scores with another CAMEO -> PLOVER mapping (a TSV whose first column is the code and sixth the PLOVER
 *   category, as ../shared/reference/cameo-event-codes.tsv) instead of dyad's own (dict/cameo-codes.tsv), to show
 *   how much the choice of mapping moves the figures. */
#include "dyad.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXC 32
typedef struct { char name[32]; int n, hit, top; } cat;

static cat cats[MAXC];
static int ncats;

/* --table: code -> PLOVER category */
typedef struct { char code[8], plover[24]; } mapping;
static mapping table[1024];
static int ntable;

static int load_table(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) { perror(path); return -1; }
    char buf[1024];
    while (fgets(buf, sizeof buf, f) && ntable < 1024) {
        if (buf[0] == '#') continue;
        char *fld[8] = {0};
        int n = 0;
        for (char *p = buf, *tok; n < 8 && (tok = strsep(&p, "\t\n")) != NULL;) fld[n++] = tok;
        if (n < 6 || !fld[0][0] || strlen(fld[0]) >= sizeof table[0].code) continue;
        snprintf(table[ntable].code, sizeof table[ntable].code, "%s", fld[0]);
        snprintf(table[ntable].plover, sizeof table[ntable].plover, "%s", fld[5]);
        ntable++;
    }
    fclose(f);
    return 0;
}

/* The category of an event: dyad's, or the --table's (NULL when the table gives none). */
static const char *category(const dyad_event *e) {
    if (!ntable) return e->plover;
    for (int i = 0; i < ntable; i++)
        if (!strcmp(table[i].code, e->cameo)) return table[i].plover[0] ? table[i].plover : NULL;
    return NULL;
}

static cat *get(const char *name) {
    for (int i = 0; i < ncats; i++)
        if (!strcmp(cats[i].name, name)) return &cats[i];
    if (ncats == MAXC) return NULL;
    snprintf(cats[ncats].name, sizeof cats[ncats].name, "%s", name);
    return &cats[ncats++];
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: recall CORPUS.jsonl [--misses CATEGORY] [--table CODES.tsv]\n"); return 2; }
    const char *misses = NULL;
    for (int i = 2; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--misses")) misses = argv[i + 1];
        else if (!strcmp(argv[i], "--table")) { if (load_table(argv[i + 1])) return 2; }
        else { fprintf(stderr, "recall: unknown option %s\n", argv[i]); return 2; }
    }
    char err[512];
    dyad_dict *d = dyad_dict_load(getenv("DYAD_DICT"), err, sizeof err);
    if (!d) { fprintf(stderr, "%s\n", err); return 2; }
    dyad_coder *c = dyad_coder_new(d);
    FILE *f = fopen(argv[1], "r");
    if (!f) { perror(argv[1]); return 2; }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int total = 0, hit = 0, top = 0, none = 0;
    size_t events = 0;
    while ((n = getline(&line, &cap, f)) > 0) {
        json_error_t je;
        json_t *o = json_loadb(line, (size_t)n, 0, &je);
        if (!o) continue;
        const char *label = json_string_value(json_object_get(o, "plover_event"));
        const char *text = json_string_value(json_object_get(o, "text"));
        const char *id = json_string_value(json_object_get(o, "id"));
        if (!label || !text) { json_decref(o); continue; }
        dyad_doc doc;
        memset(&doc, 0, sizeof doc);
        doc.id = id;
        doc.text = text;
        doc.len = strlen(text);
        doc.date = "2020-01-01";
        const dyad_result *r;
        if (dyad_code(c, &doc, &r, err, sizeof err)) { json_decref(o); continue; }
        /* count categories found */
        char names[64][32];
        int counts[64], nn = 0, found = 0;
        for (size_t i = 0; i < r->n_events; i++) {
            const char *p = category(&r->events[i]);
            if (!p) continue;
            if (!strcmp(p, label)) found = 1;
            int k;
            for (k = 0; k < nn; k++)
                if (!strcmp(names[k], p)) break;
            if (k == nn && nn < 64) { snprintf(names[nn], 32, "%s", p); counts[nn++] = 0; }
            if (k < 64) counts[k]++;
        }
        int best = -1;
        for (int k = 0; k < nn; k++)
            if (best < 0 || counts[k] > counts[best]) best = k;
        int is_top = best >= 0 && !strcmp(names[best], label);
        cat *ct = get(label);
        if (ct) { ct->n++; ct->hit += found; ct->top += is_top; }
        total++, hit += found, top += is_top;
        events += r->n_events, none += r->n_events == 0;
        if (misses && !found && !strcmp(misses, label)) {
            printf("--- %s (%zu events:", id ? id : "?", r->n_events);
            for (size_t i = 0; i < r->n_events; i++) printf(" %s/%s", r->events[i].cameo, category(&r->events[i]) ? category(&r->events[i]) : "-");
            printf(")\n%.600s\n", text);
        }
        json_decref(o);
    }
    free(line);
    fclose(f);
    if (misses) return 0;
    printf("%-12s %7s %8s %8s\n", "category", "stories", "recall%", "top%");
    int worst_ok = 1;
    for (int i = 0; i < ncats; i++) {
        cat *ct = &cats[i];
        double rc = ct->n ? 100.0 * ct->hit / ct->n : 0, tp = ct->n ? 100.0 * ct->top / ct->n : 0;
        printf("%-12s %7d %8.1f %8.1f\n", ct->name, ct->n, rc, tp);
        if (rc < 70) worst_ok = 0;
    }
    double R = total ? 100.0 * hit / total : 0, T = total ? 100.0 * top / total : 0;
    printf("%-12s %7d %8.1f %8.1f\n", "ALL", total, R, T);
    /* how much dyad codes at all: a recall bought with spurious events shows here and in top% */
    double epd = total ? (double)events / total : 0, nop = total ? 100.0 * none / total : 0;
    printf("events per story %.2f; stories with no event %.1f%%\n", epd, nop);
    printf("{\"stories\":%d,\"recall\":%.1f,\"top\":%.1f,\"all_categories_over_70\":%s,\"events_per_story\":%.2f,"
           "\"no_event\":%.1f}\n", total, R, T, worst_ok ? "true" : "false", epd, nop);
    dyad_coder_free(c);
    dyad_dict_free(d);
    return 0;
}
