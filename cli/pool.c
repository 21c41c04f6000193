/* pool.c -- `dyad code -j N`, `dyad ingest -j N`: codes documents on N threads and hands the results back
 * in input order.
 *
 * The calling thread copies documents into batches (up to 64 documents or 128 KB of text, whichever comes
 * first; a longer document makes a batch of its own), so threads meet once per batch, not once per
 * document: with one-sentence documents a hand-off per document cost more than coding them, and two
 * threads were slower than one. Batches fill a ring of slots, two per thread; workers take them in order,
 * each with its own dyad_coder (the dictionary is shared read-only), and copy the results into the batch.
 * Before the caller fills a slot again it hands the results that slot holds to the callback, batch after
 * batch, so results come back in input order, on the calling thread, and output is byte for byte what one
 * thread writes.
 *
 * Memory: at most 2N batches (and POOL_MAX_INFLIGHT documents) are in flight. A batch whose copied results
 * pass OUT_BYTES is handed over as far as it goes while its worker waits, so a document with millions of
 * events, coded with dyad_code_stream (pool_submit_stream), goes through in bounded memory. With N = 1 no
 * thread is started: each document is coded where it is, and streamed straight to the callback. */
#include "pool.h"
#include "util/arena.h"
#include <pthread.h>
#include <stddef.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>

#define BATCH_BYTES (128u * 1024u) /* text per batch */
#define BATCH_DOCS 64u             /* documents per batch (fewer with many threads: POOL_MAX_INFLIGHT) */
#define OUT_BYTES (1u << 20)       /* results a batch holds (copied or formatted) before they are handed over */
#define KEEP_BYTES (16u << 20)     /* an arena that held more than this is freed, not kept, for reuse */

typedef struct rec {   /* one part of one document's results */
    size_t doc;        /* index in the batch */
    dyad_result res;   /* copies, in the batch's out arena */
    int more;          /* streaming: more parts of this document follow */
    const char *err;   /* coding failed */
    size_t off, len;   /* formatted on the worker: the part's bytes in the batch's text */
} rec;

typedef struct batch {
    arena in;                  /* the documents' copies: filled by the caller */
    dyad_doc *docs;
    size_t ndocs, capdocs, bytes;
    arena out;                 /* the results' copies: filled by the worker */
    rec *recs;
    size_t nrecs, caprecs;
    size_t cit_doc;            /* the document whose citations are copied in out (SIZE_MAX: none) */
    const dyad_citation *cits;
    FILE *mem;                 /* formatted on the worker: the text, a memory stream */
    char *obuf;
    size_t olen;
    int done;                  /* the worker is through (under the pool's lock) */
    int paused;                /* the worker waits for the caller to take recs (under the lock) */
} batch;

typedef struct worker {
    pool *p;
    pthread_t th;
    dyad_coder *coder;
    batch *b;                  /* while coding: the batch and document */
    size_t di;
    int oom;
} worker;

struct pool {
    int n, nslots, threads, stream, open;
    int multi, started;        /* multi: n > 1 and threads could be started; started: start_workers ran */
    size_t batch_docs;
    worker *w;
    batch *slots;
    pthread_mutex_t mu;
    pthread_cond_t work, done, resume;
    unsigned long long filled;    /* batches closed by the caller */
    unsigned long long taken;     /* batches taken by workers */
    unsigned long long delivered; /* batches handed to the callback */
    _Atomic int quit;             /* pool_free: workers stop */
    pool_cb cb;                   /* the caller's callback (set by each submit/finish) */
    pool_part_cb pcb;
    void *ud;
    pool_fmt_fn fmt;              /* set: workers format the events (pool_format_on_workers) */
};

/* ---- copies ---------------------------------------------------------------------------------------- */

static void reuse(arena *a) { /* reset, or free the blocks of an arena a huge document grew */
    if (a->used_total > KEEP_BYTES) {
        arena_free(a);
        arena_init(a);
    } else arena_reset(a);
}

static const char *cp(arena *a, const char *s) { return s ? arena_strdup(a, s) : NULL; }

/* The strings of a struct, by offset: copied into the arena in place. */
#define F(T, f) offsetof(T, f)
static const size_t event_strs[] = {
    F(dyad_event, source.text), F(dyad_event, source.code), F(dyad_event, source.country), F(dyad_event, source.sector),
    F(dyad_event, source.org),  F(dyad_event, target.text), F(dyad_event, target.code), F(dyad_event, target.country),
    F(dyad_event, target.sector), F(dyad_event, target.org), F(dyad_event, cameo), F(dyad_event, root),
    F(dyad_event, plover), F(dyad_event, plover_mode), F(dyad_event, verb), F(dyad_event, pattern),
    F(dyad_event, attribution), F(dyad_event, attribution_text)};
static const size_t doc_strs[] = {F(dyad_doc, id), F(dyad_doc, date), F(dyad_doc, title), F(dyad_doc, source),
                                  F(dyad_doc, url), F(dyad_doc, publication), F(dyad_doc, volume), F(dyad_doc, issue)};
#undef F

static void cp_strs(arena *a, void *obj, const size_t *offs, size_t n) {
    for (size_t i = 0; i < n; i++) {
        const char **f = (const char **)((char *)obj + offs[i]);
        *f = cp(a, *f);
    }
}

/* Append one record for document di: its events and citations copied, or formatted by fmt (r NULL: coding
 * failed with err). */
static int add_rec(batch *b, pool_fmt_fn fmt, size_t di, const dyad_result *r, int more, const char *err) {
    if (b->nrecs == b->caprecs) {
        size_t nc = b->caprecs ? b->caprecs * 2 : 64;
        rec *nr = realloc(b->recs, nc * sizeof *nr);
        if (!nr) return -1;
        b->recs = nr;
        b->caprecs = nc;
    }
    rec *x = &b->recs[b->nrecs];
    memset(x, 0, sizeof *x);
    x->doc = di;
    x->more = more;
    arena *a = &b->out;
    if (!r) {
        x->err = cp(a, err ? err : "failed");
        if (!x->err) x->err = "out of memory";
        b->nrecs++;
        return 0;
    }
    x->res = *r;
    x->res.events = NULL;
    x->res.citations = NULL;
    x->res.sentences = NULL; /* the coder's copy is gone by the time the record is read: copied below */
    if (fmt) { /* the text instead of the events */
        x->res.n_citations = 0;
        x->off = b->olen;
        if (r->n_events && (!b->mem || fmt(b->mem, &b->docs[di], r) || fflush(b->mem))) return -1;
        x->len = b->olen - x->off;
        b->nrecs++;
        return 0;
    }
    if (r->n_events) {
        dyad_event *ev = arena_alloc(a, r->n_events * sizeof *ev);
        if (!ev) return -1;
        for (size_t i = 0; i < r->n_events; i++) {
            const dyad_event *e = &r->events[i];
            dyad_event *d = &ev[i];
            *d = *e;
            cp_strs(a, d, event_strs, sizeof event_strs / sizeof event_strs[0]);
            /* the events of a sentence share its text */
            d->text = i && e->text == r->events[i - 1].text ? ev[i - 1].text : cp(a, e->text);
        }
        x->res.events = ev;
    }
    if (r->sentences && r->n_coded) { /* DYAD_CODER_SENTENCES (ingest): every coded sentence */
        dyad_sentence *sv = arena_alloc(a, r->n_coded * sizeof *sv);
        if (!sv) return -1;
        size_t ei = 0;
        for (size_t i = 0; i < r->n_coded; i++) {
            sv[i].sent = r->sentences[i].sent;
            /* a sentence with events shares their copy of its text, as in the coder's result */
            while (ei < r->n_events && r->events[ei].sent < sv[i].sent) ei++;
            int shared = ei < r->n_events && r->events[ei].text == r->sentences[i].text;
            sv[i].text = shared ? x->res.events[ei].text : cp(a, r->sentences[i].text);
        }
        x->res.sentences = sv;
    }
    if (r->n_citations) {
        if (b->cit_doc != di) {
            dyad_citation *c = arena_alloc(a, r->n_citations * sizeof *c);
            if (!c) return -1;
            for (size_t i = 0; i < r->n_citations; i++) {
                c[i] = r->citations[i];
                c[i].text = cp(a, r->citations[i].text);
                c[i].source = cp(a, r->citations[i].source);
            }
            b->cits = c;
            b->cit_doc = di;
        }
        x->res.citations = b->cits;
    }
    if (a->failed) return -1;
    b->nrecs++;
    return 0;
}

/* ---- workers --------------------------------------------------------------------------------------- */

/* Formatting on the workers: the batch's text is a memory stream, open while the worker fills it. */
static void open_text(pool *p, batch *b) {
    if (!p->fmt) return;
    b->obuf = NULL;
    b->olen = 0;
    b->mem = open_memstream(&b->obuf, &b->olen); /* NULL: every record fails, out of memory */
    if (b->mem) __fsetlocking(b->mem, FSETLOCKING_BYCALLER); /* one thread writes it: no lock per character */
}

static void close_text(batch *b) { /* the text stays in obuf for the caller */
    if (b->mem) fclose(b->mem);
    b->mem = NULL;
}

static void free_text(batch *b) {
    close_text(b);
    free(b->obuf);
    b->obuf = NULL;
    b->olen = 0;
}

/* When the batch holds too much, let the caller take what it holds, then start over. */
static void maybe_pause(pool *p, batch *b) {
    if (b->out.used_total + b->olen < OUT_BYTES) return;
    pthread_mutex_lock(&p->mu);
    b->paused = 1;
    pthread_cond_broadcast(&p->done);
    while (b->paused && !p->quit) pthread_cond_wait(&p->resume, &p->mu);
    pthread_mutex_unlock(&p->mu);
    b->nrecs = 0;
    b->cit_doc = SIZE_MAX;
    reuse(&b->out);
    if (p->fmt) {
        free_text(b);
        open_text(p, b);
    }
}

static int on_part(void *ud, const dyad_result *part) {
    worker *w = ud;
    if (add_rec(w->b, w->p->fmt, w->di, part, 1, NULL)) { w->oom = 1; return -1; }
    maybe_pause(w->p, w->b);
    return w->p->quit ? -1 : 0;
}

static void code_batch(worker *w, batch *b) {
    pool *p = w->p;
    w->b = b;
    open_text(p, b);
    for (size_t di = 0; di < b->ndocs && !p->quit; di++) {
        w->di = di;
        w->oom = 0;
        const dyad_result *res;
        char err[512];
        int rc = p->stream ? dyad_code_stream(w->coder, &b->docs[di], on_part, w, &res, err, sizeof err)
                           : dyad_code(w->coder, &b->docs[di], &res, err, sizeof err);
        dyad_result last;
        if (rc == 0 && p->stream) { /* the totals, without events: those went in parts */
            last = *res;
            last.events = NULL;
            last.n_events = 0;
            res = &last;
        }
        if (add_rec(b, p->fmt, di, rc == 0 ? res : NULL, 0, w->oom ? "out of memory" : err) &&
            add_rec(b, p->fmt, di, NULL, 0, "out of memory")) /* the copies failed: the document failed */
            continue;
        maybe_pause(p, b);
    }
    close_text(b);
}

static void *work(void *arg) {
    worker *w = arg;
    pool *p = w->p;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->quit && p->taken == p->filled) pthread_cond_wait(&p->work, &p->mu);
        if (p->quit) break;
        batch *b = &p->slots[p->taken++ % (unsigned long long)p->nslots];
        pthread_mutex_unlock(&p->mu);
        code_batch(w, b);
        pthread_mutex_lock(&p->mu);
        b->done = 1;
        pthread_cond_broadcast(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

void pool_set_flags(pool *p, unsigned flags) {
    for (int i = 0; i < p->n; i++) dyad_coder_set_flags(p->w[i].coder, flags);
}

/* ---- the caller's side ----------------------------------------------------------------------------- */

pool *pool_new(const dyad_dict *d, int n) {
    if (n < 1) n = 1;
    if (n > 256) n = 256;
    pool *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->n = n;
    p->nslots = n > 1 ? (2 * n < POOL_MAX_INFLIGHT ? 2 * n : POOL_MAX_INFLIGHT) : 1;
    p->batch_docs = POOL_MAX_INFLIGHT / (size_t)p->nslots;
    if (p->batch_docs > BATCH_DOCS) p->batch_docs = BATCH_DOCS;
    if (p->batch_docs < 1) p->batch_docs = 1;
    p->w = calloc((size_t)n, sizeof *p->w);
    p->slots = calloc((size_t)p->nslots, sizeof *p->slots);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, NULL);
    pthread_cond_init(&p->resume, NULL);
    if (!p->w || !p->slots) { pool_free(p); return NULL; }
    for (int i = 0; i < p->nslots; i++) {
        arena_init(&p->slots[i].in);
        arena_init(&p->slots[i].out);
    }
    for (int i = 0; i < n; i++) {
        p->w[i].p = p;
        p->w[i].coder = dyad_coder_new(d);
        if (!p->w[i].coder) { pool_free(p); return NULL; }
    }
    p->multi = n > 1; /* the threads start with the first batch (start_workers): none for an empty input */
    return p;
}

static int call(pool *p, const batch *b, const rec *x) {
    const dyad_doc *doc = &b->docs[x->doc];
    const dyad_result *res = x->err ? NULL : &x->res;
    if (!p->stream) return p->cb(p->ud, doc, res, x->err);
    return p->pcb(p->ud, doc, res, x->more, x->err, p->fmt && res ? b->obuf + x->off : NULL, x->len);
}

/* Wait for the oldest batch in flight and hand its results to the callback, part by part. */
static int deliver(pool *p) {
    batch *b = &p->slots[p->delivered % (unsigned long long)p->nslots];
    int rc = 0;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!b->done && !b->paused) pthread_cond_wait(&p->done, &p->mu);
        int fin = b->done;
        pthread_mutex_unlock(&p->mu);
        for (size_t i = 0; i < b->nrecs; i++) {
            int r = call(p, b, &b->recs[i]);
            if (r && !rc) rc = r;
        }
        pthread_mutex_lock(&p->mu);
        if (fin) break;
        b->paused = 0; /* the worker forgets what was taken and goes on */
        pthread_cond_broadcast(&p->resume);
    }
    b->done = 0;
    pthread_mutex_unlock(&p->mu);
    p->delivered++;
    return rc;
}

/* The workers start with the first full batch, not in pool_new: an input of one batch or less (an empty
 * one) is coded on the calling thread and makes no thread (~1 ms of a start-up). */
static void start_workers(pool *p) {
    p->started = 1;
    for (int i = 0; i < p->n; i++) {
        if (pthread_create(&p->w[i].th, NULL, work, &p->w[i]) != 0) break;
        p->threads = i + 1;
    }
}

static int code_here(pool *p, const dyad_doc *doc);

/* Hand the open batch to the workers (last: it is the input's last). When no thread runs (the input was
 * one batch, or not one thread could be started), the pool codes on the calling thread from then on, as
 * with -j 1, this batch's documents first. */
static int close_batch(pool *p, int last) {
    if (!p->started && !last) start_workers(p);
    if (p->threads == 0) {
        batch *b = &p->slots[p->filled % (unsigned long long)p->nslots];
        p->multi = 0;
        p->fmt = NULL;
        p->open = 0;
        int rc = 0;
        for (size_t i = 0; i < b->ndocs && !rc; i++) rc = code_here(p, &b->docs[i]);
        return rc;
    }
    pthread_mutex_lock(&p->mu);
    p->filled++;
    p->open = 0;
    pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->mu);
    return 0;
}

static int add_doc(batch *b, const dyad_doc *doc) {
    if (b->ndocs == b->capdocs) {
        size_t nc = b->capdocs ? b->capdocs * 2 : 16;
        dyad_doc *nd = realloc(b->docs, nc * sizeof *nd);
        if (!nd) return -1;
        b->docs = nd;
        b->capdocs = nc;
    }
    arena *a = &b->in;
    dyad_doc *d = &b->docs[b->ndocs];
    *d = *doc;
    d->text = doc->text ? arena_strndup(a, doc->text, doc->len) : NULL; /* NULL: the coder says why */
    cp_strs(a, d, doc_strs, sizeof doc_strs / sizeof doc_strs[0]);
    if (a->failed) return -1;
    b->ndocs++;
    b->bytes += d->len;
    return 0;
}

/* One thread: code the caller's document where it is, no copy; stream its events straight through. */
typedef struct direct {
    pool *p;
    const dyad_doc *doc;
    int rc;
} direct;

static int direct_part(void *ud, const dyad_result *part) {
    direct *dr = ud;
    dr->rc = dr->p->pcb(dr->p->ud, dr->doc, part, 1, NULL, NULL, 0);
    return dr->rc;
}

static int code_here(pool *p, const dyad_doc *doc) {
    dyad_coder *c = p->w[0].coder;
    const dyad_result *res;
    char err[512];
    if (!p->stream) {
        int rc = dyad_code(c, doc, &res, err, sizeof err);
        return p->cb(p->ud, doc, rc == 0 ? res : NULL, rc == 0 ? NULL : err);
    }
    direct dr = {p, doc, 0};
    int rc = dyad_code_stream(c, doc, direct_part, &dr, &res, err, sizeof err);
    if (dr.rc) return dr.rc; /* the callback stopped it */
    if (rc) return p->pcb(p->ud, doc, NULL, 0, err, NULL, 0);
    dyad_result last = *res;
    last.events = NULL;
    last.n_events = 0;
    return p->pcb(p->ud, doc, &last, 0, NULL, NULL, 0);
}

static int submit(pool *p, const dyad_doc *doc) {
    if (!p->multi) return code_here(p, doc);
    int rc = 0;
    batch *b = &p->slots[p->filled % (unsigned long long)p->nslots];
    if (!p->open) {
        /* the slot's previous batch must be handed over first */
        while (p->filled >= (unsigned long long)p->nslots && p->delivered <= p->filled - (unsigned long long)p->nslots) {
            int r = deliver(p);
            if (r && !rc) rc = r;
        }
        reuse(&b->in);
        reuse(&b->out);
        free_text(b);
        b->ndocs = b->bytes = b->nrecs = 0;
        b->cit_doc = SIZE_MAX;
        p->open = 1;
    }
    if (add_doc(b, doc)) return -1;
    if (b->ndocs >= p->batch_docs || b->bytes >= BATCH_BYTES) {
        int r = close_batch(p, 0);
        if (r && !rc) rc = r;
    }
    return rc;
}

static int finish(pool *p) {
    if (!p->multi) return 0;
    int rc = p->open ? close_batch(p, 1) : 0;
    while (p->delivered < p->filled) {
        int r = deliver(p);
        if (r && !rc) rc = r;
    }
    return rc;
}

int pool_submit(pool *p, const dyad_doc *doc, pool_cb cb, void *ud) {
    p->cb = cb;
    p->ud = ud;
    return submit(p, doc);
}

int pool_finish(pool *p, pool_cb cb, void *ud) {
    p->cb = cb;
    p->ud = ud;
    return finish(p);
}

void pool_format_on_workers(pool *p, pool_fmt_fn fmt) { p->fmt = p->multi ? fmt : NULL; }

int pool_submit_stream(pool *p, const dyad_doc *doc, pool_part_cb cb, void *ud) {
    if (!p->stream) p->stream = 1; /* written before the first batch goes out: workers read it */
    p->pcb = cb;
    p->ud = ud;
    return submit(p, doc);
}

int pool_finish_stream(pool *p, pool_part_cb cb, void *ud) {
    if (!p->stream) p->stream = 1;
    p->pcb = cb;
    p->ud = ud;
    return finish(p);
}

void pool_free(pool *p) {
    if (!p) return;
    pthread_mutex_lock(&p->mu);
    p->quit = 1;
    pthread_cond_broadcast(&p->work);
    pthread_cond_broadcast(&p->resume);
    pthread_mutex_unlock(&p->mu);
    for (int i = 0; i < p->threads; i++) pthread_join(p->w[i].th, NULL);
    if (p->w)
        for (int i = 0; i < p->n; i++) dyad_coder_free(p->w[i].coder);
    if (p->slots)
        for (int i = 0; i < p->nslots; i++) {
            arena_free(&p->slots[i].in);
            arena_free(&p->slots[i].out);
            free(p->slots[i].docs);
            free(p->slots[i].recs);
            free_text(&p->slots[i]);
        }
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->done);
    pthread_cond_destroy(&p->resume);
    free(p->slots);
    free(p->w);
    free(p);
}
