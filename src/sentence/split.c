/* split.c -- stage 2: sentence boundaries and boilerplate paragraphs (see sentence.h). */
#include "sentence.h"
#include "token/marked.h"
#include <ctype.h>
#include <string.h>

static int is_end_punct(const token *t) {
    return t->kind == TK_PUNCT && (t->low[0] == '.' || t->low[0] == '!' || t->low[0] == '?' ||
                                   strcmp(t->low, "\xe2\x80\xa6") == 0);
}

/* Could token t begin a new sentence? */
static int can_start(const token *t) {
    if (t->kind == TK_QUOTE || t->kind == TK_OPEN || t->kind == TK_NUM || t->kind == TK_DASH) return 1;
    if (t->kind == TK_WORD) return (t->flags & TF_CAP) != 0;
    return 0;
}

static const char *const STARTERS[] = {"the", "a", "an", "in", "on", "at", "it", "he", "she", "they", "we",
                                       "but", "and", "this", "that", "these", "those", "his", "her", "its",
                                       "their", "there", "after", "before", "when", "while", "meanwhile",
                                       "however", "i", "as", "if", "for", "with", "some", "many", "both", NULL};

static int is_starter(const token *t) {
    for (const char *const *s = STARTERS; *s; s++)
        if (strcmp(*s, t->low) == 0) return 1;
    return 0;
}

int split_sentences(arena *a, const token_list *toks, const char *text, sentence_list *out) {
    (void)text;
    memset(out, 0, sizeof *out);
    size_t n = toks->n, start = 0, from = 0;
    int depth = 0, brk = 0;
    uint32_t para = 0;
    /* Most tokens are words that neither break a paragraph nor end in a period: nothing to do for them. The tokenizer
       recorded the others (toks->mark, with the date words), so the loop visits those only: the test per token was
       mispredicted at every change between words and the rest. A sentence end moves on to j (from). */
    for (size_t q = 0; q < toks->nmark; q++) {
        size_t i = toks->mark[q];
        if (i < from) continue;
        const token *t = &toks->v[i];
        if (t->kind == TK_WORD && !(t->flags & (TF_PARA | TF_ABBR))) continue; /* a date word */
        if (i > start && (t->flags & TF_PARA)) {
            sentence *s = ARENA_PUSH(a, out->v, out->n, out->cap, sentence);
            if (!s) return -1;
            *s = (sentence){(uint32_t)start, (uint32_t)i, para, 0, (uint8_t)brk};
            start = i;
            depth = 0;
            brk = 0;
        }
        if (t->flags & TF_PARA && i > 0) para++;
        if (t->kind == TK_OPEN) depth++, brk = 1;
        else if (t->kind == TK_CLOSE && depth > 0) depth--;
        int end = 0;
        size_t j = i + 1;
        if (depth == 0 && is_end_punct(t)) {
            while (j < n && (toks->v[j].kind == TK_CLOSE || (toks->v[j].kind == TK_QUOTE && !(toks->v[j].flags & TF_SPACE))))
                j++;
            /* a closing quote right after the period with a space after it */
            if (j < n && toks->v[j].kind == TK_QUOTE && (toks->v[j].flags & TF_SPACE) && j + 1 < n &&
                (toks->v[j + 1].flags & TF_SPACE) == 0 && 0)
                j++;
            end = j >= n || can_start(&toks->v[j]) || (toks->v[j].flags & TF_PARA);
        } else if (depth == 0 && (t->flags & TF_ABBR) && !(t->flags & TF_TITLE) && i + 1 < n) {
            /* "... with the U.S. The talks" : an abbreviation ends a sentence before a typical starter */
            const token *nx = &toks->v[i + 1];
            end = (nx->flags & TF_CAP) && is_starter(nx) && (nx->flags & TF_SPACE);
        }
        if (end) {
            if (j > n) j = n;
            sentence *s = ARENA_PUSH(a, out->v, out->n, out->cap, sentence);
            if (!s) return -1;
            *s = (sentence){(uint32_t)start, (uint32_t)j, para, 0, (uint8_t)brk}; /* [i + 1, j) closes, opens nothing */
            start = j;
            brk = 0;
            from = j;
        }
    }
    if (start < n) {
        sentence *s = ARENA_PUSH(a, out->v, out->n, out->cap, sentence);
        if (!s) return -1;
        *s = (sentence){(uint32_t)start, (uint32_t)n, para, 0, (uint8_t)brk};
    }
    return 0;
}

/* The boilerplate signal of token m: its word (mw_sig, token/marked.h) in its context. 2 is strong (flags its sentence alone),
 * 1 weak. */
static int signal(const token_list *toks, size_t m) {
    const token *t = &toks->v[m];
    const token *prev = m > 0 ? t - 1 : NULL, *next = m + 1 < toks->n ? t + 1 : NULL;
    switch (mw_sig(mw_lookup(t->low, t->lowlen))) {
    case SIG_COPYRIGHT: return 2;
    case SIG_C: return prev && next && prev->kind == TK_OPEN && next->kind == TK_CLOSE ? 2 : 0;
    case SIG_CONTACT: return prev && prev->lowlen == 6 && !memcmp(prev->low, "please", 6) ? 1 : 0;
    case SIG_WEAK: return 1;
    case SIG_RESERVED: return prev && prev->lowlen == 6 && !memcmp(prev->low, "rights", 6) ? 2 : 0;
    case SIG_AT: /* an e-mail address: word@domain.tld with no spaces (a Twitter @handle is not boilerplate) */
        return prev && next && prev->kind == TK_WORD && next->kind == TK_WORD && !(t->flags & TF_SPACE) &&
                       !(next->flags & TF_SPACE) && strchr(next->low, '.')
                   ? 2 : 0;
    default: return 0;
    }
}

/* The signals of the tokens in [start, end): only the tokens the tokenizer recorded (toks->sig) can give one.
 * *c is the cursor in toks->sig, moved on past the tokens before end. */
static int signals_in(const token_list *toks, size_t *c, uint32_t start, uint32_t end) {
    int s2 = 0;
    while (*c < toks->nsig && toks->sig[*c] < start) (*c)++;
    for (; *c < toks->nsig && toks->sig[*c] < end; (*c)++) s2 += signal(toks, toks->sig[*c]);
    return s2;
}

/* The sentences come in order of their tokens, without overlap (as split_sentences and the cut of long ones give
 * them), so one cursor walks toks->sig along with them: a paragraph without a recorded token costs nothing but
 * the walk over its sentences, and the tokens themselves are not read (they were: 3% of the time, for the load
 * of every token's form from the memory). */
void mark_boilerplate(const token_list *toks, const char *text, sentence_list *ss) {
    (void)text;
    size_t i = 0, c = 0;
    while (i < ss->n) {
        size_t j = i;
        while (j < ss->n && ss->v[j].para == ss->v[i].para) j++;
        if (c >= toks->nsig) break; /* no signal left in the window */
        /* each sentence's signal score, summed for the paragraph [i, j) */
        size_t c0 = c;
        int score = 0;
        for (size_t k = i; k < j; k++) score += signals_in(toks, &c, ss->v[k].start, ss->v[k].end);
        /* a whole paragraph is boilerplate when its signals are dense: a footer, not an article that
           mentions a subscription once */
        if (score >= 3 && (size_t)score * 2 >= j - i)
            for (size_t k = i; k < j; k++) ss->v[k].boilerplate = 1;
        else if (score >= 2) { /* a lone sentence with a strong signal */
            c = c0;
            for (size_t k = i; k < j; k++)
                if (signals_in(toks, &c, ss->v[k].start, ss->v[k].end) >= 2) ss->v[k].boilerplate = 1;
        }
        i = j;
    }
}
