/* storeq.c -- CPU time of store queries measured in-process (bench/store.sh runs it).
 *
 * Opens a store read-only and runs each query of a fixed list (those behind /api/events and /api/series:
 * a page of events with its total, time series, top groups) REPEAT times on the same handle, as a server
 * worker does, and prints the mean CPU time per call (CLOCK_PROCESS_CPUTIME_ID: what other jobs on a shared
 * machine do not change) and the mean wall time.
 *
 * usage: storeq DB [REPEAT]   (default 20) */
#include "store/store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct qdef {
    const char *name;
    int kind; /* 0 a page of events, 1 count, 2 counts by BY */
    dyad_store_by by;
    dyad_store_filter f;
} qdef;

static int on_event(void *ud, const dyad_store_event *e) { (void)e; (*(long long *)ud)++; return 0; }
static int on_count(void *ud, const dyad_store_count *c) { (void)c; (*(long long *)ud)++; return 0; }

static double now(clockid_t id) {
    struct timespec t;
    clock_gettime(id, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: storeq DB [REPEAT]\n"); return 2; }
    int repeat = argc > 2 ? atoi(argv[2]) : 20;
    if (repeat < 1) repeat = 1;
    char err[1024];
    dyad_store *s = dyad_store_open(argv[1], DYAD_STORE_READ, err, sizeof err);
    if (!s) { fprintf(stderr, "storeq: %s\n", err); return 1; }
    const qdef qs[] = {
        {"events: total (count)", 1, 0, {.limit = 0}},
        {"events: page of 50, oldest first", 0, 0, {.limit = 50}},
        {"events: page of 50, newest first", 0, 0, {.limit = 50, .descending = 1}},
        {"events: page of 50 at offset 100000", 0, 0, {.limit = 50, .offset = 100000}},
        {"events: total, actor TKM 2000-2010", 1, 0, {.actor = "TKM", .from = "2000-01-01", .to = "2010-12-31"}},
        {"events: page of 50, actor TKM 2000-2010", 0, 0, {.actor = "TKM", .from = "2000-01-01", .to = "2010-12-31", .limit = 50}},
        {"events: total, dyad KGZ-KAZ", 1, 0, {.source = "KGZ", .target = "KAZ"}},
        {"events: page of 50, dyad KGZ-KAZ", 0, 0, {.source = "KGZ", .target = "KAZ", .limit = 50}},
        {"series: month, whole store", 2, DYAD_BY_MONTH, {.limit = 0}},
        {"series: month, QuadClass 1", 2, DYAD_BY_MONTH, {.quad_class = 1}},
        {"series: month, actor KGZ", 2, DYAD_BY_MONTH, {.actor = "KGZ"}},
        {"series: month, dyad KGZ-KAZ", 2, DYAD_BY_MONTH, {.source = "KGZ", .target = "KAZ"}},
        {"series: day, whole store", 2, DYAD_BY_DAY, {.limit = 0}},
        {"top 20 dyads", 2, DYAD_BY_DYAD, {.limit = 20}},
        {"top 20 actors", 2, DYAD_BY_ACTOR, {.limit = 20}},
        {"series: month, text 'water' (events table)", 2, DYAD_BY_MONTH, {.text = "water"}},
    };
    printf("%-48s %10s %10s %8s\n", "query", "cpu_ms", "wall_ms", "rows");
    for (size_t i = 0; i < sizeof qs / sizeof *qs; i++) {
        const qdef *q = &qs[i];
        long long rows = 0, total = 0;
        double c0 = now(CLOCK_PROCESS_CPUTIME_ID), w0 = now(CLOCK_MONOTONIC);
        for (int r = 0; r < repeat; r++) {
            rows = 0;
            int rc = q->kind == 0 ? dyad_store_events(s, &q->f, on_event, &rows, err, sizeof err)
                     : q->kind == 1 ? dyad_store_count_events(s, &q->f, &total, err, sizeof err)
                                    : dyad_store_counts(s, &q->f, q->by, on_count, &rows, err, sizeof err);
            if (rc) { fprintf(stderr, "storeq: %s: %s\n", q->name, err); dyad_store_close(s); return 1; }
        }
        double c = (now(CLOCK_PROCESS_CPUTIME_ID) - c0) * 1000 / repeat, w = (now(CLOCK_MONOTONIC) - w0) * 1000 / repeat;
        printf("%-48s %10.2f %10.2f %8lld\n", q->name, c, w, q->kind == 1 ? total : rows);
    }
    dyad_store_close(s);
    return 0;
}
