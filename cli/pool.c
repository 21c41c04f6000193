/* pool.c -- `dyad code -j N`: codes documents on N threads and hands the results back in input order.
 *
 * Each worker thread owns a dyad_coder (its arenas); the dictionary is shared read-only. Documents go to
 * the workers round-robin: document k to slot k mod N. Before slot s takes a new document, the result of
 * its previous one is handed to the callback, which is therefore called in input order, on the calling
 * thread; output is byte-for-byte what one thread writes. At most N documents are in flight, so memory is
 * bounded by N documents whatever the input size. With N = 1 no thread is started. */
#include "pool.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { SLOT_EMPTY, SLOT_FULL, SLOT_DONE, SLOT_QUIT };

typedef struct slot {
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int state;
    dyad_coder *coder;
    dyad_doc doc;                 /* pointers into buf */
    char *buf;
    size_t cap;
    const dyad_result *res;
    int rc;
    char err[512];
} slot;

struct pool {
    int n;
    slot *s;
    unsigned long long seq;       /* documents submitted */
    unsigned long long delivered; /* documents handed to the callback */
    int threads;
};

static void *worker(void *arg) {
    slot *s = arg;
    pthread_mutex_lock(&s->mu);
    for (;;) {
        while (s->state != SLOT_FULL && s->state != SLOT_QUIT) pthread_cond_wait(&s->cv, &s->mu);
        if (s->state == SLOT_QUIT) break;
        pthread_mutex_unlock(&s->mu);
        s->rc = dyad_code(s->coder, &s->doc, &s->res, s->err, sizeof s->err);
        pthread_mutex_lock(&s->mu);
        s->state = SLOT_DONE;
        pthread_cond_broadcast(&s->cv);
    }
    pthread_mutex_unlock(&s->mu);
    return NULL;
}

void pool_set_flags(pool *p, unsigned flags) {
    for (int i = 0; i < p->n; i++) dyad_coder_set_flags(p->s[i].coder, flags);
}

pool *pool_new(const dyad_dict *d, int n) {
    if (n < 1) n = 1;
    if (n > 256) n = 256;
    pool *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->n = n;
    p->s = calloc((size_t)n, sizeof *p->s);
    if (!p->s) { free(p); return NULL; }
    for (int i = 0; i < n; i++) {
        slot *s = &p->s[i];
        s->coder = dyad_coder_new(d);
        if (!s->coder) { pool_free(p); return NULL; }
        pthread_mutex_init(&s->mu, NULL);
        pthread_cond_init(&s->cv, NULL);
    }
    if (n > 1) {
        for (int i = 0; i < n; i++)
            if (pthread_create(&p->s[i].th, NULL, worker, &p->s[i]) != 0) { p->threads = i; pool_free(p); return NULL; }
        p->threads = n;
    }
    return p;
}

/* Copy a string into the slot's buffer at *off; returns its new address (or NULL for NULL). */
static const char *put(slot *s, size_t *off, const char *str, size_t len) {
    if (!str) return NULL;
    char *d = s->buf + *off;
    memcpy(d, str, len);
    d[len] = 0;
    *off += len + 1;
    return d;
}

static int fill(slot *s, const dyad_doc *doc) {
    const char *strs[9] = {doc->id, doc->date, doc->title, doc->source, doc->url, doc->publication, doc->volume, doc->issue};
    size_t need = doc->len + 1;
    for (int i = 0; i < 8; i++)
        if (strs[i]) need += strlen(strs[i]) + 1;
    if (need > s->cap) {
        size_t nc = need + need / 2 + 4096;
        char *nb = realloc(s->buf, nc);
        if (!nb) return -1;
        s->buf = nb;
        s->cap = nc;
    }
    size_t off = 0;
    memset(&s->doc, 0, sizeof s->doc);
    s->doc.text = put(s, &off, doc->text ? doc->text : "", doc->len);
    s->doc.len = doc->len;
    s->doc.id = put(s, &off, doc->id, doc->id ? strlen(doc->id) : 0);
    s->doc.date = put(s, &off, doc->date, doc->date ? strlen(doc->date) : 0);
    s->doc.title = put(s, &off, doc->title, doc->title ? strlen(doc->title) : 0);
    s->doc.source = put(s, &off, doc->source, doc->source ? strlen(doc->source) : 0);
    s->doc.url = put(s, &off, doc->url, doc->url ? strlen(doc->url) : 0);
    s->doc.publication = put(s, &off, doc->publication, doc->publication ? strlen(doc->publication) : 0);
    s->doc.volume = put(s, &off, doc->volume, doc->volume ? strlen(doc->volume) : 0);
    s->doc.issue = put(s, &off, doc->issue, doc->issue ? strlen(doc->issue) : 0);
    return 0;
}

/* Wait for slot s's document, if any, and hand it to the callback. */
static int deliver(pool *p, slot *s, pool_cb cb, void *ud) {
    pthread_mutex_lock(&s->mu);
    while (s->state == SLOT_FULL) pthread_cond_wait(&s->cv, &s->mu);
    int had = s->state == SLOT_DONE;
    pthread_mutex_unlock(&s->mu);
    if (!had) return 0;
    int rc = cb(ud, &s->doc, s->rc == 0 ? s->res : NULL, s->rc == 0 ? NULL : s->err);
    s->state = SLOT_EMPTY;
    p->delivered++;
    return rc;
}

int pool_submit(pool *p, const dyad_doc *doc, pool_cb cb, void *ud) {
    if (p->threads == 0) { /* one thread: code the caller's document where it is, no copy, deliver now */
        slot *s = &p->s[0];
        s->rc = dyad_code(s->coder, doc, &s->res, s->err, sizeof s->err);
        p->seq++;
        p->delivered++;
        return cb(ud, doc, s->rc == 0 ? s->res : NULL, s->rc == 0 ? NULL : s->err);
    }
    slot *s = &p->s[p->seq % (unsigned long long)p->n];
    int rc = deliver(p, s, cb, ud);
    if (fill(s, doc)) return -1;
    p->seq++;
    pthread_mutex_lock(&s->mu);
    s->state = SLOT_FULL;
    pthread_cond_broadcast(&s->cv);
    pthread_mutex_unlock(&s->mu);
    return rc;
}

int pool_finish(pool *p, pool_cb cb, void *ud) {
    int rc = 0;
    for (unsigned long long k = p->delivered; k < p->seq; k++) {
        int r = deliver(p, &p->s[k % (unsigned long long)p->n], cb, ud);
        if (r) rc = r;
    }
    return rc;
}

void pool_free(pool *p) {
    if (!p) return;
    for (int i = 0; i < p->threads; i++) {
        slot *s = &p->s[i];
        pthread_mutex_lock(&s->mu);
        while (s->state == SLOT_FULL) pthread_cond_wait(&s->cv, &s->mu);
        s->state = SLOT_QUIT;
        pthread_cond_broadcast(&s->cv);
        pthread_mutex_unlock(&s->mu);
        pthread_join(s->th, NULL);
    }
    for (int i = 0; i < p->n; i++) {
        dyad_coder_free(p->s[i].coder);
        free(p->s[i].buf);
        pthread_mutex_destroy(&p->s[i].mu);
        pthread_cond_destroy(&p->s[i].cv);
    }
    free(p->s);
    free(p);
}
