/* dyad.c -- the pipeline: one document in, events out.
 *
 *   normalize -> tokenize -> split sentences -> (per sentence) tag -> actors -> clauses -> patterns/events
 *
 * The document is processed in windows of a few thousand tokens, so memory stays bounded whatever its
 * size: the token arena is reset after each window. dyad_code() keeps every event of the document (in the
 * events arena) until it returns; dyad_code_stream() hands each window's events to a callback and resets
 * the events arena, so its memory is one window's worth whatever the document's size. Citations are
 * document-wide (every event lists all of them), so before streaming a document of several windows that
 * has brackets, a first pass (tokens and sentences only) collects them. A sentence that never ends (no
 * punctuation for thousands of tokens) is cut. */
#include "dyad.h"
#include "actor/actor.h"
#include "clause/clause.h"
#include "event/date.h"
#include "event/event.h"
#include "normalize/normalize.h"
#include "sentence/sentence.h"
#include "tag/tagger.h"
#include "token/token.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef WINDOW_BYTES                /* the fuzz build overrides both to cross windows with small inputs */
#define WINDOW_BYTES (64u * 1024u)  /* text tokenized at a time */
#endif
#ifndef MAX_SENT_TOKENS
#define MAX_SENT_TOKENS 400         /* longer "sentences" are cut */
#endif

struct dyad_coder {
    const dyad_dict *d;
    arena scratch;  /* tokens, mentions, clauses: reset per window */
    arena result;   /* citations: reset per document */
    arena evs;      /* events and their strings: reset per document, or per window when streaming */
    tag_cache *words; /* word analyses, kept across documents */
    event_list events;
    dyad_citation *cits;
    size_t ncits, capcits;
    dyad_sentence *sents; /* DYAD_CODER_SENTENCES: the coded sentences, in the result arena */
    size_t nsents, capsents;
    unsigned flags;
    dyad_result res;
};

dyad_coder *dyad_coder_new(const dyad_dict *d) {
    if (!d) return NULL;
    dyad_coder *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->d = d;
    c->words = tag_cache_new();
    if (!c->words) { free(c); return NULL; }
    arena_init(&c->scratch);
    arena_init(&c->result);
    arena_init(&c->evs);
    return c;
}

void dyad_coder_set_flags(dyad_coder *c, unsigned flags) {
    if (c) c->flags = flags;
}

void dyad_coder_free(dyad_coder *c) {
    if (!c) return;
    arena_free(&c->scratch);
    arena_free(&c->result);
    arena_free(&c->evs);
    tag_cache_free(c->words);
    free(c);
}

/* A bracket that cites sources: "(Reuters, Russian agencies, February 3; Vremya MN, February 2)" gives one
 * citation per report, each with its source and its date. A cross-reference ("see the Monitor, ...") is not
 * a citation. */
static void citations(dyad_coder *c, const token *t, size_t start, size_t end, const char *text, int sent, int32_t doc_date) {
    for (size_t i = start; i < end; i++) {
        if (t[i].kind != TK_OPEN) continue;
        size_t k = i + 1;
        while (k < end && t[k].kind != TK_CLOSE) k++;
        if (k >= end || k == i + 1 || !strcmp(t[i + 1].low, "see")) { i = k; continue; }
        /* each part between semicolons */
        for (size_t a = i + 1; a < k;) {
            size_t b = a;
            while (b < k && !(t[b].kind == TK_PUNCT && t[b].low[0] == ';')) b++;
            int32_t d = 0;
            size_t at = b;
            for (size_t q = a; q < b; q++) {
                int32_t dd;
                /* a calendar date ("February 3", "3 February"), not "Today" in "Kazakhstan Today" */
                if ((t[q].flags & TF_CAP || t[q].kind == TK_NUM) && date_expr(t, q, b, doc_date ? doc_date : 0, &dd) >= 2) {
                    d = dd;
                    at = q;
                    break;
                }
            }
            if (d && at > a && strcmp(t[a].low, "see")) {
                size_t se = at; /* the source ends before the date, without its comma */
                while (se > a && t[se - 1].kind == TK_PUNCT) se--;
                dyad_citation *ct = ARENA_PUSH(&c->result, c->cits, c->ncits, c->capcits, dyad_citation);
                if (!ct) return;
                ct->text = arena_strndup(&c->result, text + t[a].off, t[b - 1].off + t[b - 1].len - t[a].off);
                ct->source = se > a ? arena_strndup(&c->result, text + t[a].off, t[se - 1].off + t[se - 1].len - t[a].off) : "";
                date_format(d, ct->date);
                ct->sent = sent;
            }
            a = b + 1;
        }
        i = k;
    }
}

typedef struct run {
    dyad_coder *c;
    const char *text;
    int32_t date;
    actor_ctx ctx;
    int sent;
    int cits_done;  /* citations were collected by a first pass */
    dyad_msg_fn trace;
    void *ud;
} run;

static void tracef(run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#include <stdarg.h>
static void tracef(run *r, const char *fmt, ...) {
    if (!r->trace) return;
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    r->trace(r->ud, buf);
}

static void explain_sentence(run *r, int idx, unsigned para, const token *t, size_t s, size_t e, const mention_list *ms,
                             const clause_info *ci) {
    char buf[2048];
    size_t o = 0;
    tracef(r, "sentence %d (paragraph %u): %.*s", idx, para, (int)(t[e - 1].off + t[e - 1].len - t[s].off), r->text + t[s].off);
    for (size_t i = s; i < e && o < sizeof buf - 200; i++) {
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%.*s/%s", i > s ? " " : "", (int)t[i].len, r->text + t[i].off,
                              tag_names[t[i].tag]);
        if (t[i].tag == TG_VERB || t[i].tag == TG_NOUN)
            if (t[i].lemma && strcmp(t[i].lemma, t[i].low)) o += (size_t)snprintf(buf + o, sizeof buf - o, "(%s)", t[i].lemma);
    }
    tracef(r, "tokens/tags: %s", buf);
    for (size_t i = 0; i < ms->n; i++) {
        const mention *m = &ms->v[i];
        static const char *const how[] = {"", ", named by its head noun", ", acronym given earlier", ", role in a group"};
        tracef(r, "actor: '%.*s' -> %s (%s%s%s%s%s%s%s)", (int)(t[m->end - 1].off + t[m->end - 1].len - t[m->start].off),
               r->text + t[m->start].off, m->code ? m->code : "?", actor_kind_names[m->kind],
               m->locative ? ", place" : "", m->possessive ? ", possessive" : "", m->in_brackets ? ", in brackets" : "",
               m->resolved ? ", resolved from context" : "", m->needs_country ? ", country from context" : "",
               how[m->how < 4 ? m->how : 0]);
    }
    for (size_t i = 0; i < ci->ncl; i++) {
        const clause *c = &ci->cl[i];
        if (c->end <= c->start) continue;
        tracef(r, "clause %zu (%s): %.*s", i, clause_type_names[c->type],
               (int)(t[c->end - 1].off + t[c->end - 1].len - t[c->start].off), r->text + t[c->start].off);
    }
}

static int code_window(run *r, token_list *tl, sentence_list *ss, size_t upto, char *err, size_t errlen) {
    dyad_coder *c = r->c;
    size_t q = 0; /* in tl->mark: the sentences come in token order */
    for (size_t si = 0; si < upto; si++) {
        sentence *s = &ss->v[si];
        int idx = r->sent++;
        if (s->end <= s->start) continue;
        if (!r->cits_done && s->brackets) citations(c, tl->v, s->start, s->end, r->text, idx, r->date);
        if (s->boilerplate) {
            c->res.boilerplate_sentences++;
            tracef(r, "sentence %d (paragraph %u) is publisher boilerplate: not coded", idx, s->para);
            continue;
        }
        /* every token's actor is -1 here: the tokenizer made it so, and a token is in one sentence, coded once */
        tag_sentence_c(&c->scratch, c->words, tl->v, s->start, s->end);
        if (si + 1 < upto) tag_cache_prefetch(c->words, tl->v, ss->v[si + 1].start, ss->v[si + 1].end); /* the next one's */
        /* time expressions ("next month", "on Tuesday", "two weeks ago") act as adverbs: they may stand
           inside a verb group ("will next month call on") or between a subject and its verb */
        /* only numbers and the words marked TF_DATE can start one (date_expr): the tokenizer recorded them, with
           the other tokens that are not plain words, in tl->mark */
        while (q < tl->nmark && tl->mark[q] < s->start) q++;
        for (size_t from = s->start; q < tl->nmark && tl->mark[q] < s->end; q++) {
            size_t i = tl->mark[q];
            if (i < from) continue; /* inside the date expression before */
            int32_t dd;
            int n = date_expr(tl->v, i, s->end, r->date ? r->date : 20000101, &dd);
            if (n <= 0) continue;
            for (size_t k = i; k < i + (size_t)n; k++)
                if (tl->v[k].tag != TG_PUNCT) tl->v[k].tag = TG_ADV;
            if (i > s->start && tl->v[i - 1].tag == TG_PREP &&
                (!strcmp(tl->v[i - 1].low, "on") || !strcmp(tl->v[i - 1].low, "in") || !strcmp(tl->v[i - 1].low, "since")))
                tl->v[i - 1].tag = TG_ADV, tl->v[i - 1].flags |= TF_INDATE; /* "on Monday" */
            from = i + (size_t)n;
        }
        mention_list ms;
        if (find_mentions(&c->scratch, c->d, tl->v, s->start, s->end, r->date, &r->ctx, &ms)) goto oom;
        for (size_t m = 0; m < ms.n; m++)
            tag_noun_phrase(&c->scratch, c->words, tl->v, s->start, s->end, ms.v[m].start, ms.v[m].end, mention_is_modifier(tl->v, &ms.v[m]));
        clause_info ci;
        if (analyse_clauses(&c->scratch, tl->v, s->start, s->end, &ms, &ci)) goto oom;
        if (r->trace) explain_sentence(r, idx, s->para, tl->v, s->start, s->end, &ms, &ci);
        /* the sentence text is copied only when an event needs it (events.c), or when asked for every one */
        const char *stext = NULL;
        if (c->flags & DYAD_CODER_SENTENCES) {
            const token *a = &tl->v[s->start], *b = &tl->v[s->end - 1];
            dyad_sentence *ds = ARENA_PUSH(&c->result, c->sents, c->nsents, c->capsents, dyad_sentence);
            stext = arena_strndup(&c->result, r->text + a->off, b->off + b->len - a->off);
            if (!ds || !stext) goto oom;
            ds->sent = idx;
            ds->text = stext;
        }
        sentence_job j = {.a = &c->evs, .d = c->d, .t = tl->v, .start = s->start, .end = s->end, .sent = idx,
                          .doc_date = r->date, .text = stext, .doctext = r->text, .ms = &ms, .ci = &ci, .ctx = &r->ctx,
                          .trace = r->trace, .ud = r->ud, .words = c->words};
        if (code_sentence(&j, &c->events)) goto oom;
        actor_ctx_update(&r->ctx, &ms);
    }
    return 0;
oom:
    snprintf(err, errlen, "out of memory");
    return -1;
}

/* One window of the document: its tokens and sentences (overlong ones cut), the sentences to code now
 * (upto: the last one may continue in the next window) and where the next window starts. */
typedef struct window {
    token_list win;
    sentence_list cut;
    size_t upto, next;
} window;

static int next_window(dyad_coder *c, const char *ntext, size_t len, size_t pos, window *w) {
    arena_reset(&c->scratch);
    tag_cache_trim(c->words); /* no token of the last window is alive now */
    size_t wend = pos + WINDOW_BYTES < len ? pos + WINDOW_BYTES : len;
    /* end the window at a white space so no word is cut */
    while (wend < len && wend > pos + WINDOW_BYTES / 2 && ntext[wend] != ' ' && ntext[wend] != '\n') wend--;
    if (wend < len && ntext[wend] != ' ' && ntext[wend] != '\n') wend = pos + WINDOW_BYTES < len ? pos + WINDOW_BYTES : len;
    while (wend < len && (ntext[wend] & 0xC0) == 0x80) wend++; /* never inside a UTF-8 sequence */
    if (tokenize(&c->scratch, ntext, pos, wend, &w->win)) return -1;
    sentence_list ss;
    if (split_sentences(&c->scratch, &w->win, ntext, &ss)) return -1;
    /* cut overlong sentences */
    memset(&w->cut, 0, sizeof w->cut);
    for (size_t i = 0; i < ss.n; i++) {
        sentence s = ss.v[i];
        while (s.end - s.start > MAX_SENT_TOKENS) {
            sentence *p = ARENA_PUSH(&c->scratch, w->cut.v, w->cut.n, w->cut.cap, sentence);
            if (!p) break;
            *p = s;
            p->end = s.start + MAX_SENT_TOKENS;
            s.start += MAX_SENT_TOKENS;
        }
        sentence *p = ARENA_PUSH(&c->scratch, w->cut.v, w->cut.n, w->cut.cap, sentence);
        if (!p) break;
        *p = s;
    }
    if (c->scratch.failed) return -1;
    mark_boilerplate(&w->win, ntext, &w->cut);
    w->upto = w->cut.n;
    w->next = wend;
    if (wend < len && w->cut.n > 1) { /* the last sentence may continue in the next window */
        w->upto = w->cut.n - 1;
        w->next = w->win.v[w->cut.v[w->cut.n - 1].start].off;
    }
    if (w->next <= pos) w->next = wend; /* always progress */
    return 0;
}

/* The first pass of a streamed document: the same windows and sentences as coding sees, citations only. */
static int collect_citations(run *r, const char *ntext, size_t len) {
    dyad_coder *c = r->c;
    int sent = 0;
    for (size_t pos = 0; pos < len;) {
        window w;
        if (next_window(c, ntext, len, pos, &w)) return -1;
        for (size_t si = 0; si < w.upto; si++) {
            const sentence *s = &w.cut.v[si];
            int idx = sent++;
            if (s->end > s->start && s->brackets) citations(c, w.win.v, s->start, s->end, ntext, idx, r->date);
        }
        pos = w.next;
    }
    r->cits_done = 1;
    return c->result.failed ? -1 : 0;
}

static int has_bracket(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] == '(' || s[i] == '[' || s[i] == '{') return 1;
    return 0;
}

/* fn NULL: keep every event of the document in c->res. Otherwise hand each window's events to fn. */
static int run_doc(dyad_coder *c, const dyad_doc *doc, dyad_msg_fn trace, void *ud, dyad_events_fn fn, void *fud,
                   char *err, size_t errlen) {
    char dummy[1]; /* not static: coders run in parallel threads */
    if (!err) { err = dummy; errlen = 1; }
    arena_reset(&c->result);
    arena_reset(&c->evs);
    memset(&c->events, 0, sizeof c->events);
    c->cits = NULL;
    c->ncits = c->capcits = 0;
    c->sents = NULL;
    c->nsents = c->capsents = 0;
    memset(&c->res, 0, sizeof c->res);
    if (!doc || (!doc->text && doc->len)) {
        snprintf(err, errlen, "no document");
        return -1;
    }
    run r;
    memset(&r, 0, sizeof r);
    r.c = c;
    r.ctx.words = c->words; /* find_mentions keeps each form's first-word answer in the word cache */
    r.trace = trace;
    r.ud = ud;
    if (doc->date) {
        r.date = date_parse_iso(doc->date);
        if (!r.date) {
            snprintf(err, errlen, "invalid document date '%.20s' (expected YYYY-MM-DD)", doc->date);
            return -1;
        }
    }
    /* normalize the whole document once (valid UTF-8 from here on); clean text is used in place */
    char *text = NULL;
    size_t len = doc->len, bad = 0;
    const char *src = doc->text ? doc->text : "";
    if (normalize_needed(src, doc->len)) {
        text = malloc(doc->len * 3 + 1);
        if (!text) { snprintf(err, errlen, "out of memory"); return -1; }
        len = normalize_text(src, doc->len, text, &bad);
        src = text;
    }
    c->res.invalid_utf8 = bad;
    r.text = src;
    const char *ntext = src; /* the normalized text (may be the caller's) */
    int rc = 0;
    size_t delivered = 0; /* events handed to fn */
    if (fn && len > WINDOW_BYTES && has_bracket(ntext, len) && collect_citations(&r, ntext, len)) {
        snprintf(err, errlen, "out of memory");
        rc = -1;
    }
    for (size_t pos = 0; pos < len && rc == 0;) {
        window w;
        if (next_window(c, ntext, len, pos, &w)) { rc = -1; snprintf(err, errlen, "out of memory"); break; }
        rc = code_window(&r, &w.win, &w.cut, w.upto, err, errlen);
        pos = w.next;
        if (rc == 0 && fn && c->events.n) { /* hand this window's events over, then forget them */
            if (c->evs.failed) { snprintf(err, errlen, "out of memory"); rc = -1; break; }
            c->res.events = c->events.v;
            c->res.n_events = c->events.n;
            c->res.n_sentences = (size_t)r.sent;
            c->res.citations = c->cits;
            c->res.n_citations = c->ncits;
            delivered += c->events.n;
            if (fn(fud, &c->res)) { snprintf(err, errlen, "stopped by the caller"); rc = -1; }
            memset(&c->events, 0, sizeof c->events);
            arena_reset(&c->evs);
        }
    }
    /* results */
    c->res.events = fn ? NULL : c->events.v;
    c->res.n_events = fn ? delivered : c->events.n;
    c->res.n_sentences = (size_t)r.sent;
    c->res.citations = c->cits;
    c->res.n_citations = c->ncits;
    c->res.sentences = c->sents;
    c->res.n_coded = c->nsents;
    free(text);
    if ((c->result.failed || c->evs.failed) && rc == 0) { snprintf(err, errlen, "out of memory"); rc = -1; }
    return rc;
}

int dyad_code(dyad_coder *c, const dyad_doc *doc, const dyad_result **out, char *err, size_t errlen) {
    if (!c) return -1;
    int rc = run_doc(c, doc, NULL, NULL, NULL, NULL, err, errlen);
    if (out) *out = rc == 0 ? &c->res : NULL;
    return rc;
}

int dyad_code_stream(dyad_coder *c, const dyad_doc *doc, dyad_events_fn fn, void *ud, const dyad_result **out, char *err,
                     size_t errlen) {
    if (!c || !fn) {
        if (err && errlen) snprintf(err, errlen, "no coder or no callback");
        if (out) *out = NULL;
        return -1;
    }
    int rc = run_doc(c, doc, NULL, NULL, fn, ud, err, errlen);
    if (out) *out = rc == 0 ? &c->res : NULL;
    return rc;
}

int dyad_explain(dyad_coder *c, const char *sentence, const char *date, dyad_msg_fn fn, void *ud, char *err, size_t errlen) {
    if (!c || !sentence) return -1;
    dyad_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.id = "explain";
    doc.text = sentence;
    doc.len = strlen(sentence);
    doc.date = date;
    int rc = run_doc(c, &doc, fn, ud, NULL, NULL, err, errlen);
    return rc == 0 ? (int)c->res.n_events : -1;
}
