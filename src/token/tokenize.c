/* tokenize.c -- stage 3a: cut text into tokens (see token.h). */
#include "token.h"
#include "normalize/normalize.h"
#include "marked.h"
#include "util/strmap.h"
#include "util/swar.h"
#include <ctype.h>
#include <string.h>

const char *const tag_names[TG__COUNT] = {
    "-", "DET", "PRON", "PPOSS", "PREP", "CONJ", "SUB", "REL", "BE", "HAVE", "DO", "MODAL", "NEG", "TO",
    "ADV", "ADJ", "NOUN", "PROPN", "VERB", "NUM", "PUNCT", "QUOTE", "POSS", "DASH", "SYM", "OPEN", "CLOSE"};

/* The words marked (marked.h): dates, titles, abbreviations, boilerplate signals. Generated once (the multiplier
 * searched for, the slots written as MW_IDX of each word's key so the compiler places them), kept in word order. */
const mw_entry MW_WORDS[] = {
    {0, 0, ""}, /* 0: no word */
    {1, MW_SIG(SIG_AT), "@"},
    {1, MW_DATE, "a"},
    {3, MW_TITLE, "adm"},
    {3, MW_TITLE, "amb"},
    {2, MW_DATE, "an"},
    {6, MW_ABBR, "approx"},
    {3, MW_ABBR, "apr"},
    {4, MW_DATE, "apr."},
    {5, MW_DATE, "april"},
    {4, MW_ABBR, "assn"},
    {3, MW_ABBR, "aug"},
    {4, MW_DATE, "aug."},
    {6, MW_DATE, "august"},
    {4, MW_TITLE, "brig"},
    {4, MW_ABBR, "bros"},
    {1, MW_SIG(SIG_C), "c"},
    {4, MW_TITLE, "capt"},
    {4, MW_TITLE, "cmdr"},
    {2, MW_ABBR, "co"},
    {3, MW_TITLE, "col"},
    {7, MW_SIG(SIG_CONTACT), "contact"},
    {9, MW_SIG(SIG_COPYRIGHT), "copyright"},
    {4, MW_ABBR, "corp"},
    {3, MW_ABBR, "dec"},
    {4, MW_DATE, "dec."},
    {8, MW_DATE, "december"},
    {4, MW_ABBR, "dept"},
    {2, MW_TITLE, "dr"},
    {6, MW_SIG(SIG_WEAK), "e-mail"},
    {5, MW_DATE, "eight"},
    {6, MW_DATE, "eleven"},
    {5, MW_SIG(SIG_WEAK), "email"},
    {3, MW_ABBR, "est"},
    {3, MW_ABBR, "etc"},
    {3, MW_SIG(SIG_WEAK), "fax"},
    {3, MW_ABBR, "feb"},
    {4, MW_DATE, "feb."},
    {8, MW_DATE, "february"},
    {3, MW_DATE, "few"},
    {4, MW_DATE, "five"},
    {4, MW_DATE, "four"},
    {2, MW_TITLE, "fr"},
    {6, MW_DATE, "friday"},
    {2, MW_ABBR, "ft"},
    {3, MW_TITLE, "gen"},
    {3, MW_TITLE, "gov"},
    {4, MW_ABBR, "govt"},
    {3, MW_TITLE, "hon"},
    {3, MW_ABBR, "inc"},
    {4, MW_TITLE, "insp"},
    {3, MW_ABBR, "jan"},
    {4, MW_DATE, "jan."},
    {7, MW_DATE, "january"},
    {2, MW_ABBR, "jr"},
    {3, MW_ABBR, "jul"},
    {4, MW_DATE, "jul."},
    {4, MW_DATE, "july"},
    {3, MW_ABBR, "jun"},
    {4, MW_DATE, "jun."},
    {4, MW_DATE, "june"},
    {4, MW_DATE, "last"},
    {2, MW_TITLE, "lt"},
    {3, MW_ABBR, "ltd"},
    {3, MW_TITLE, "maj"},
    {3, MW_ABBR, "mar"},
    {4, MW_DATE, "mar."},
    {5, MW_DATE, "march"},
    {3, MW_DATE, "may"},
    {6, MW_TITLE, "messrs"},
    {6, MW_DATE, "monday"},
    {2, MW_TITLE, "mr"},
    {3, MW_TITLE, "mrs"},
    {2, MW_TITLE, "ms"},
    {2, MW_ABBR, "mt"},
    {10, MW_SIG(SIG_WEAK), "newsletter"},
    {4, MW_DATE, "next"},
    {4, MW_DATE, "nine"},
    {2, MW_TITLE, "no"},
    {3, MW_ABBR, "nov"},
    {4, MW_DATE, "nov."},
    {8, MW_DATE, "november"},
    {3, MW_ABBR, "oct"},
    {4, MW_DATE, "oct."},
    {7, MW_DATE, "october"},
    {3, MW_DATE, "one"},
    {4, MW_TITLE, "pres"},
    {4, MW_TITLE, "prof"},
    {14, MW_SIG(SIG_WEAK), "redistribution"},
    {3, MW_TITLE, "rep"},
    {12, MW_SIG(SIG_WEAK), "reproduction"},
    {8, MW_SIG(SIG_RESERVED), "reserved"},
    {3, MW_TITLE, "rev"},
    {8, MW_DATE, "saturday"},
    {3, MW_TITLE, "sen"},
    {3, MW_ABBR, "sep"},
    {4, MW_DATE, "sep."},
    {4, MW_ABBR, "sept"},
    {5, MW_DATE, "sept."},
    {9, MW_DATE, "september"},
    {5, MW_DATE, "seven"},
    {7, MW_DATE, "several"},
    {3, MW_TITLE, "sgt"},
    {3, MW_DATE, "six"},
    {2, MW_ABBR, "sr"},
    {2, MW_TITLE, "st"},
    {9, MW_SIG(SIG_WEAK), "subscribe"},
    {11, MW_SIG(SIG_WEAK), "subscribing"},
    {12, MW_SIG(SIG_WEAK), "subscription"},
    {6, MW_DATE, "sunday"},
    {4, MW_TITLE, "supt"},
    {9, MW_SIG(SIG_WEAK), "telephone"},
    {3, MW_DATE, "ten"},
    {4, MW_DATE, "this"},
    {5, MW_DATE, "three"},
    {8, MW_DATE, "thursday"},
    {5, MW_DATE, "today"},
    {8, MW_DATE, "tomorrow"},
    {7, MW_DATE, "tonight"},
    {7, MW_DATE, "tuesday"},
    {6, MW_DATE, "twelve"},
    {3, MW_DATE, "two"},
    {4, MW_ABBR, "univ"},
    {11, MW_SIG(SIG_WEAK), "unsubscribe"},
    {2, MW_ABBR, "vs"},
    {9, MW_DATE, "wednesday"},
    {9, MW_DATE, "yesterday"},
    {4, MW_DATE, "zero"},
    {2, MW_SIG(SIG_COPYRIGHT), "\xc2\xa9"},
    {0, 0, ""}, /* the end of the list */
};
const uint8_t MW_AT[1u << MW_BITS] = {
    [MW_IDX('@', 0x00, 0x00, 0x00, 1)] = 1,
    [MW_IDX('a', 0x00, 0x00, 0x00, 1)] = 2,
    [MW_IDX('a', 'd', 'm', 0x00, 3)] = 3,
    [MW_IDX('a', 'm', 'b', 0x00, 3)] = 4,
    [MW_IDX('a', 'n', 0x00, 0x00, 2)] = 5,
    [MW_IDX('a', 'p', 'p', 'r', 6)] = 6,
    [MW_IDX('a', 'p', 'r', 0x00, 3)] = 7,
    [MW_IDX('a', 'p', 'r', '.', 4)] = 8,
    [MW_IDX('a', 'p', 'r', 'i', 5)] = 9,
    [MW_IDX('a', 's', 's', 'n', 4)] = 10,
    [MW_IDX('a', 'u', 'g', 0x00, 3)] = 11,
    [MW_IDX('a', 'u', 'g', '.', 4)] = 12,
    [MW_IDX('a', 'u', 'g', 'u', 6)] = 13,
    [MW_IDX('b', 'r', 'i', 'g', 4)] = 14,
    [MW_IDX('b', 'r', 'o', 's', 4)] = 15,
    [MW_IDX('c', 0x00, 0x00, 0x00, 1)] = 16,
    [MW_IDX('c', 'a', 'p', 't', 4)] = 17,
    [MW_IDX('c', 'm', 'd', 'r', 4)] = 18,
    [MW_IDX('c', 'o', 0x00, 0x00, 2)] = 19,
    [MW_IDX('c', 'o', 'l', 0x00, 3)] = 20,
    [MW_IDX('c', 'o', 'n', 't', 7)] = 21,
    [MW_IDX('c', 'o', 'p', 'y', 9)] = 22,
    [MW_IDX('c', 'o', 'r', 'p', 4)] = 23,
    [MW_IDX('d', 'e', 'c', 0x00, 3)] = 24,
    [MW_IDX('d', 'e', 'c', '.', 4)] = 25,
    [MW_IDX('d', 'e', 'c', 'e', 8)] = 26,
    [MW_IDX('d', 'e', 'p', 't', 4)] = 27,
    [MW_IDX('d', 'r', 0x00, 0x00, 2)] = 28,
    [MW_IDX('e', '-', 'm', 'a', 6)] = 29,
    [MW_IDX('e', 'i', 'g', 'h', 5)] = 30,
    [MW_IDX('e', 'l', 'e', 'v', 6)] = 31,
    [MW_IDX('e', 'm', 'a', 'i', 5)] = 32,
    [MW_IDX('e', 's', 't', 0x00, 3)] = 33,
    [MW_IDX('e', 't', 'c', 0x00, 3)] = 34,
    [MW_IDX('f', 'a', 'x', 0x00, 3)] = 35,
    [MW_IDX('f', 'e', 'b', 0x00, 3)] = 36,
    [MW_IDX('f', 'e', 'b', '.', 4)] = 37,
    [MW_IDX('f', 'e', 'b', 'r', 8)] = 38,
    [MW_IDX('f', 'e', 'w', 0x00, 3)] = 39,
    [MW_IDX('f', 'i', 'v', 'e', 4)] = 40,
    [MW_IDX('f', 'o', 'u', 'r', 4)] = 41,
    [MW_IDX('f', 'r', 0x00, 0x00, 2)] = 42,
    [MW_IDX('f', 'r', 'i', 'd', 6)] = 43,
    [MW_IDX('f', 't', 0x00, 0x00, 2)] = 44,
    [MW_IDX('g', 'e', 'n', 0x00, 3)] = 45,
    [MW_IDX('g', 'o', 'v', 0x00, 3)] = 46,
    [MW_IDX('g', 'o', 'v', 't', 4)] = 47,
    [MW_IDX('h', 'o', 'n', 0x00, 3)] = 48,
    [MW_IDX('i', 'n', 'c', 0x00, 3)] = 49,
    [MW_IDX('i', 'n', 's', 'p', 4)] = 50,
    [MW_IDX('j', 'a', 'n', 0x00, 3)] = 51,
    [MW_IDX('j', 'a', 'n', '.', 4)] = 52,
    [MW_IDX('j', 'a', 'n', 'u', 7)] = 53,
    [MW_IDX('j', 'r', 0x00, 0x00, 2)] = 54,
    [MW_IDX('j', 'u', 'l', 0x00, 3)] = 55,
    [MW_IDX('j', 'u', 'l', '.', 4)] = 56,
    [MW_IDX('j', 'u', 'l', 'y', 4)] = 57,
    [MW_IDX('j', 'u', 'n', 0x00, 3)] = 58,
    [MW_IDX('j', 'u', 'n', '.', 4)] = 59,
    [MW_IDX('j', 'u', 'n', 'e', 4)] = 60,
    [MW_IDX('l', 'a', 's', 't', 4)] = 61,
    [MW_IDX('l', 't', 0x00, 0x00, 2)] = 62,
    [MW_IDX('l', 't', 'd', 0x00, 3)] = 63,
    [MW_IDX('m', 'a', 'j', 0x00, 3)] = 64,
    [MW_IDX('m', 'a', 'r', 0x00, 3)] = 65,
    [MW_IDX('m', 'a', 'r', '.', 4)] = 66,
    [MW_IDX('m', 'a', 'r', 'c', 5)] = 67,
    [MW_IDX('m', 'a', 'y', 0x00, 3)] = 68,
    [MW_IDX('m', 'e', 's', 's', 6)] = 69,
    [MW_IDX('m', 'o', 'n', 'd', 6)] = 70,
    [MW_IDX('m', 'r', 0x00, 0x00, 2)] = 71,
    [MW_IDX('m', 'r', 's', 0x00, 3)] = 72,
    [MW_IDX('m', 's', 0x00, 0x00, 2)] = 73,
    [MW_IDX('m', 't', 0x00, 0x00, 2)] = 74,
    [MW_IDX('n', 'e', 'w', 's', 10)] = 75,
    [MW_IDX('n', 'e', 'x', 't', 4)] = 76,
    [MW_IDX('n', 'i', 'n', 'e', 4)] = 77,
    [MW_IDX('n', 'o', 0x00, 0x00, 2)] = 78,
    [MW_IDX('n', 'o', 'v', 0x00, 3)] = 79,
    [MW_IDX('n', 'o', 'v', '.', 4)] = 80,
    [MW_IDX('n', 'o', 'v', 'e', 8)] = 81,
    [MW_IDX('o', 'c', 't', 0x00, 3)] = 82,
    [MW_IDX('o', 'c', 't', '.', 4)] = 83,
    [MW_IDX('o', 'c', 't', 'o', 7)] = 84,
    [MW_IDX('o', 'n', 'e', 0x00, 3)] = 85,
    [MW_IDX('p', 'r', 'e', 's', 4)] = 86,
    [MW_IDX('p', 'r', 'o', 'f', 4)] = 87,
    [MW_IDX('r', 'e', 'd', 'i', 14)] = 88,
    [MW_IDX('r', 'e', 'p', 0x00, 3)] = 89,
    [MW_IDX('r', 'e', 'p', 'r', 12)] = 90,
    [MW_IDX('r', 'e', 's', 'e', 8)] = 91,
    [MW_IDX('r', 'e', 'v', 0x00, 3)] = 92,
    [MW_IDX('s', 'a', 't', 'u', 8)] = 93,
    [MW_IDX('s', 'e', 'n', 0x00, 3)] = 94,
    [MW_IDX('s', 'e', 'p', 0x00, 3)] = 95,
    [MW_IDX('s', 'e', 'p', '.', 4)] = 96,
    [MW_IDX('s', 'e', 'p', 't', 4)] = 97,
    [MW_IDX('s', 'e', 'p', 't', 5)] = 98,
    [MW_IDX('s', 'e', 'p', 't', 9)] = 99,
    [MW_IDX('s', 'e', 'v', 'e', 5)] = 100,
    [MW_IDX('s', 'e', 'v', 'e', 7)] = 101,
    [MW_IDX('s', 'g', 't', 0x00, 3)] = 102,
    [MW_IDX('s', 'i', 'x', 0x00, 3)] = 103,
    [MW_IDX('s', 'r', 0x00, 0x00, 2)] = 104,
    [MW_IDX('s', 't', 0x00, 0x00, 2)] = 105,
    [MW_IDX('s', 'u', 'b', 's', 9)] = 106,
    [MW_IDX('s', 'u', 'b', 's', 11)] = 107,
    [MW_IDX('s', 'u', 'b', 's', 12)] = 108,
    [MW_IDX('s', 'u', 'n', 'd', 6)] = 109,
    [MW_IDX('s', 'u', 'p', 't', 4)] = 110,
    [MW_IDX('t', 'e', 'l', 'e', 9)] = 111,
    [MW_IDX('t', 'e', 'n', 0x00, 3)] = 112,
    [MW_IDX('t', 'h', 'i', 's', 4)] = 113,
    [MW_IDX('t', 'h', 'r', 'e', 5)] = 114,
    [MW_IDX('t', 'h', 'u', 'r', 8)] = 115,
    [MW_IDX('t', 'o', 'd', 'a', 5)] = 116,
    [MW_IDX('t', 'o', 'm', 'o', 8)] = 117,
    [MW_IDX('t', 'o', 'n', 'i', 7)] = 118,
    [MW_IDX('t', 'u', 'e', 's', 7)] = 119,
    [MW_IDX('t', 'w', 'e', 'l', 6)] = 120,
    [MW_IDX('t', 'w', 'o', 0x00, 3)] = 121,
    [MW_IDX('u', 'n', 'i', 'v', 4)] = 122,
    [MW_IDX('u', 'n', 's', 'u', 11)] = 123,
    [MW_IDX('v', 's', 0x00, 0x00, 2)] = 124,
    [MW_IDX('w', 'e', 'd', 'n', 9)] = 125,
    [MW_IDX('y', 'e', 's', 't', 9)] = 126,
    [MW_IDX('z', 'e', 'r', 'o', 4)] = 127,
    [MW_IDX(0xc2, 0xa9, 0x00, 0x00, 2)] = 128,
};


/* Is the word s[0..n) as written (any case) a title or an abbreviation that takes a period? (MW_TITLE, MW_ABBR:
 * asked for every word before a period; the lists hold words of six letters or fewer) */
static unsigned abbr_class(const char *s, size_t n) {
    if (n > 6) return 0;
    char b[8] = {0};
    for (size_t i = 0; i < n; i++) b[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]); /* as strncasecmp */
    return mw_lookup_padded(b, n) & (MW_TITLE | MW_ABBR);
}

/* Character classes on code points. */
static int is_quote(unsigned c) {
    if (c < 0x80) return c == '"' || c == '`' || c == '\''; /* ASCII punctuation: three tests, not fifteen */
    return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x201F || c == 0xAB || c == 0xBB ||
           c == 0x2018 || c == 0x2019 || c == 0x201A || c == 0x201B || c == 0x2039 || c == 0x203A || c == '`' ||
           c == '\'';
}
static int is_apos(unsigned c) { return c == '\'' || c == 0x2019 || c == 0x2018; }
static int is_dash(unsigned c) { return c >= 0x2013 && (c == 0x2013 || c == 0x2014 || c == 0x2015 || c == 0x2212); }
static int is_space(unsigned c) {
    if (c < 0x80) return c == ' ' || c == '\t' || c == '\n'; /* one test for the printable characters that start tokens */
    return c == 0xA0 || c == 0x2009 || c == 0x202F || c == 0x200B || c == 0x3000 || c == 0x2002 || c == 0x2003;
}
/* ASCII classes in one table, so the inner loops need no locale calls: A alnum, U upper, L lower, D digit. */
enum { CA = 1, CU = 2, CL = 4, CD = 8 };
_Static_assert(CU >> 1 == TF_CAP, "a word's TF_CAP is its first letter's CU bit, shifted");
#define R8(x) x, x, x, x, x, x, x, x
/* 256 entries: bytes of multi-byte sequences are class 0, so a scan needs no test for ASCII first */
static const unsigned char ASCII_CLASS[256] = {
    R8(0), R8(0), R8(0), R8(0), R8(0), R8(0),
    CA | CD, CA | CD, CA | CD, CA | CD, CA | CD, CA | CD, CA | CD, CA | CD, CA | CD, CA | CD, 0, 0, 0, 0, 0, 0,
    0, R8(CA | CU), R8(CA | CU), R8(CA | CU), CA | CU, CA | CU, 0, 0, 0, 0, 0,
    0, R8(CA | CL), R8(CA | CL), R8(CA | CL), CA | CL, CA | CL, 0, 0, 0, 0, 0,
    R8(0), R8(0), R8(0), R8(0), R8(0), R8(0), R8(0), R8(0), R8(0), R8(0), R8(0), R8(0), R8(0), R8(0), R8(0), R8(0)};
#undef R8
_Static_assert(sizeof ASCII_CLASS == 256, "byte table");
static int is_alnum_other(unsigned c);
static inline int is_alnum_cp(unsigned c) { /* ASCII inline, from the table: asked for every character after a word */
    if (c < 0x80) return ASCII_CLASS[c] & CA;
    return is_alnum_other(c);
}
static int is_alnum_other(unsigned c) {
    if (c == 0xFFFD || c == 0xA0 || c == 0xAB || c == 0xBB || c == 0xB7 || c == 0xA9 || c == 0xAE || c == 0xB0) return 0;
    if (c >= 0x2000 && c <= 0x2BFF) return 0; /* general punctuation, symbols, arrows */
    if (c >= 0x3000 && c <= 0x303F) return 0;
    if (c >= 0xA1 && c <= 0xBF) return 0;
    return 1;
}

typedef struct {
    const char *t;
    size_t n;
    char *low; /* where the next folded form goes: one buffer per call, no allocation per token */
    arena *a;
    token_list *out;
} src;

/* Record token t in out->sig when its form's classes cls (mw_lookup) say a boilerplate signal can come from it
 * (rare). Returns 0, or -1 when the arena is exhausted. */
static inline __attribute__((always_inline)) int note_signal(arena *a, token_list *out, const token *t, unsigned cls) {
    if (__builtin_expect(mw_sig(cls) == SIG_NONE, 1)) return 0;
    uint32_t *p = ARENA_PUSH(a, out->sig, out->nsig, out->capsig, uint32_t);
    if (!p) return -1;
    *p = (uint32_t)(t - out->v);
    return 0;
}

static inline unsigned cp_at(src s, size_t i, size_t *k) {
    unsigned c = (unsigned char)s.t[i];
    if (c < 0x80) { *k = 1; return c; } /* ASCII: the common case, no decoding */
    *k = utf8_decode(s.t + i, s.n - i, &c);
    if (!*k) *k = 1;
    return c;
}

static inline token *push(arena *a, token_list *out, uint32_t off, uint32_t len, int kind, int flags) {
    token *t = ARENA_PUSH(a, out->v, out->n, out->cap, token);
    if (!t) return NULL;
    *t = (token){.off = off, .len = len, .kind = (uint8_t)kind, .flags = (uint8_t)flags, .actor = -1};
    return t;
}

/* Record the finished token t in out->mark when it is not a plain word (token.h). The index is written whatever
 * the answer and counted only when it is yes: one test per token that the branch predictor need not guess (one in
 * five tokens is recorded, in no pattern). Returns 0, or -1 when the arena is exhausted. */
static inline __attribute__((always_inline)) int note_mark(arena *a, token_list *out, const token *t) {
    if (__builtin_expect(out->nmark == out->capmark, 0) &&
        !arena_grow(a, (void **)&out->mark, &out->capmark, sizeof *out->mark))
        return -1;
    out->mark[out->nmark] = (uint32_t)(t - out->v);
    out->nmark += (t->kind != TK_WORD) | ((t->flags & (TF_PARA | TF_ABBR | TF_DATE)) != 0);
    return 0;
}

/* Make o[0..j) the token's folded form (hashed here: the buffer has room past it, see tokenize), and move the
 * buffer on. */
static inline __attribute__((always_inline)) int set_low(src *sp, token *t, char *o, size_t j) {
    o[j] = 0;
    sp->low = o + j + 1;
    t->low = o;
    t->lowlen = (uint16_t)(j > 65535 ? 65535 : j);
    t->hash = strmap_mix(strmap_raw_padded(o, t->lowlen)); /* the hash covers what lookups see */
    t->wbit = (uint8_t)t->hash;
    unsigned cls = mw_lookup_padded(o, j);
    if (t->kind == TK_WORD && (cls & MW_DATE)) t->flags |= TF_DATE;
    if (note_mark(sp->a, sp->out, t)) return -1;
    return note_signal(sp->a, sp->out, t, cls);
}

/* Fold a token in a pass of its own: for the tokens the word scanner could not fold as it went (non-ASCII
 * letters, typographic apostrophes, a split "n't") and for punctuation. */
static int fold(src *sp, token *t) {
    src s = *sp;
    char *o = s.low;
    size_t j = 0;
    size_t i = t->off, e = t->off + t->len;
    while (i < e) {
        unsigned char c = (unsigned char)s.t[i];
        if (c >= 0x80 || c == '\'') break;
        c = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        o[j++] = (char)c;
        i++;
    }
    if (i < e) {
        for (; i < e;) {
            size_t k;
            unsigned c = cp_at(s, i, &k);
            if (is_apos(c)) o[j++] = '\'';
            else if (c < 0x80) o[j++] = (char)tolower((int)c);
            else { memcpy(o + j, s.t + i, k); j += k; }
            i += k;
        }
    }
    return set_low(sp, t, o, j);
}

/* A contraction after a pronoun or a modal: "we're", "I'm", "they'll", "I've", "we'd", "could've". w[0..n)
 * is the folded word before the apostrophe, x the text after it (up to end); returns the suffix's length in
 * bytes (1-2) when the letters after the apostrophe are one of 'm 're 've 'll 'd and end there, else 0. */
static size_t contraction(const char *w, size_t n, const char *x, const char *end) {
    static const char *const HOSTS[] = {"i", "you", "he", "she", "it", "we", "they", "who", "that", "there", "what",
                                        "could", "would", "should", "might", "must", NULL};
    static const char *const SUFFIXES[] = {"m", "re", "ve", "ll", "d", NULL};
    int c0 = x[0] | 0x20; /* most apostrophes are possessives ("'s"): turned away by the letter after them */
    if (c0 != 'm' && c0 != 'r' && c0 != 'v' && c0 != 'l' && c0 != 'd') return 0;
    size_t l = 0;
    for (const char *const *p = SUFFIXES; *p && !l; p++) {
        size_t sl = strlen(*p);
        if ((size_t)(end - x) < sl || strncasecmp(x, *p, sl)) continue;
        if (x + sl < end && (isalnum((unsigned char)x[sl]) || (unsigned char)x[sl] >= 0x80)) continue;
        l = sl;
    }
    if (!l) return 0;
    for (const char *const *p = HOSTS; *p; p++)
        if (strlen(*p) == n && !memcmp(*p, w, n)) return l;
    return 0;
}

int tokenize(arena *a, const char *text, size_t from, size_t len, token_list *out) {
    /* folded forms are never longer than their token, and each takes one NUL: twice the text suffices */
    src s = {text, len, arena_alloc(a, 2 * (len - from) + 16), a, out};
    const unsigned char *T = (const unsigned char *)text;
    if (!s.low) return -1;
    size_t i = from;
    int pending = 0;
    int newlines = 0;
    memset(out, 0, sizeof *out);
    /* one allocation for the window's tokens: about one token per five bytes of news text */
    out->cap = (len - from) / 5 + 16;
    out->v = arena_alloc(a, out->cap * sizeof *out->v);
    out->capmark = out->cap; /* every token's index is written (note_mark): as many as the tokens */
    out->mark = arena_alloc(a, out->capmark * sizeof *out->mark);
    if (!out->v || !out->mark) return -1;
    while (i < len) {
        size_t k;
        unsigned c = cp_at(s, i, &k);
        if (is_space(c)) {
            if (c == '\n') newlines++;
            pending |= TF_SPACE;
            i += k;
            continue;
        }
        if (newlines >= 2 || (newlines >= 1 && out->n == 0)) pending |= TF_PARA;
        newlines = 0;
        int flags = pending;
        pending = 0;
        size_t start = i;
        token *t;
        if (is_alnum_cp(c)) {
            /* a word or number: letters/digits with internal - . ' & joining more letters/digits */
            int cap = c < 0x80 ? (ASCII_CLASS[c] & CU) >> 1 : 0; /* TF_CAP or 0, without a branch (CU >> 1 == TF_CAP) */
            size_t j = i;
            /* ASCII words are folded as they are scanned (fo, fj), then hashed whole; a word with anything else
               in it is folded afterwards (fast = 0). Its upper- and lower-case ASCII letters are or-ed into acc_up, acc_lo.
               The loop reads the text through T, a copy that is not address-taken, so that the stores of
               the folded form do not make the compiler reload it for every character. */
            char *fo = s.low;
            size_t fj = 0;
            int fast = 1, nonascii = 0, nt = 0, at_space = 0; /* at_space: the word ended at a space */
            size_t cl_len = 0; /* a contraction split off after the word ("we're"): its letters after the apostrophe */
            uint64_t acc_up = 0, acc_lo = 0; /* non-zero: the word has an upper-case (lower-case) ASCII letter */
            uint64_t blk = 0;  /* the folded bytes of the word's first 8-byte block, those past its run zero */
            size_t blk_n = 0;  /* their number (0: no such block): when the form is that block, it is hashed from here */
            while (j < len) {
                size_t kk = 1;
                unsigned d = T[j];
                if (ASCII_CLASS[d] & CA) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && defined(__GNUC__)
                    /* eight bytes at a time, where eight can be read: where the run of letters and digits
                       ends, its classes, and its folded form (upper case + 0x20), from one load; the hash is
                       fed the folded bytes one by one as before. Most words end within the first block. */
                    if (j + 8 <= len) {
                        uint64_t x = swar_load(T + j);
                        if (!swar_has_high(x)) {
                            uint64_t up = swar_in_range(x, 'A', 'Z'), lo = swar_in_range(x, 'a', 'z');
                            uint64_t dg = swar_in_range(x, '0', '9');
                            uint64_t stop = ~(up | lo | dg) & SWAR_HIGHS;
                            unsigned n = stop ? (unsigned)__builtin_ctzll(stop) >> 3 : 8; /* >= 1: T[j] is one */
                            uint64_t keep = n == 8 ? ~0ull : (1ull << (8 * n)) - 1;
                            acc_up |= up & keep;
                            acc_lo |= lo & keep;
                            uint64_t lx = x | (up >> 2); /* 0x80 >> 2: + 0x20 on upper case */
                            memcpy(fo + fj, &lx, 8); /* the bytes past the n kept are overwritten later */
                            if (fj == 0) blk = lx & keep, blk_n = n;
                            fj += n;
                            j += n;
                            /* the usual end of a word, a space, read from the block (the byte after the run)
                               instead of in another turn of the loop */
                            if (n < 8 && (uint8_t)(x >> (8 * n)) == ' ') {
                                at_space = 1;
                                break;
                            }
                            continue;
                        }
                    }
#endif
                    /* a run of ASCII letters and digits: its extent and classes first, then its folded form
                       and hash, in two tight loops (one loop doing both kept its state on the stack) */
                    size_t r = j;
                    unsigned cl;
                    while (r < len && ((cl = ASCII_CLASS[T[r]]) & CA)) {
                        acc_up |= cl & CU;
                        acc_lo |= cl & CL;
                        r++;
                    }
                    char *o = fo + fj;
                    for (size_t q = j; q < r; q++) *o++ = (char)(T[q] | ((ASCII_CLASS[T[q]] & CU) << 4)); /* upper + 32 */
                    fj += r - j;
                    j = r;
                    continue;
                }
                if (d >= 0x80) {
                    d = cp_at(s, j, &kk);
                    if (is_alnum_cp(d)) {
                        fast = 0;
                        nonascii = 1;
                        j += kk;
                        continue;
                    }
                }
                if (d == ' ') { /* the usual end of a word */
                    at_space = 1;
                    break;
                }
                int digits_only = !nonascii && !(acc_up | acc_lo);
                if ((d == '-' || d == '.' || d == '&' || d == ',' || d == '/' || is_apos(d)) && j + kk < len) {
                    size_t k2;
                    unsigned e = cp_at(s, j + kk, &k2);
                    if (!is_alnum_cp(e)) break;
                    if (d == ',' || d == '/') { /* only inside numbers: 1,000 and 3/4 */
                        if (!digits_only || !(e < 0x80 && isdigit((int)e))) break;
                    }
                    if (is_apos(d)) {
                        if (fast && (cl_len = contraction(fo, fj, s.t + j + kk, s.t + len)) != 0) break;
                        /* split possessive 's and n't */
                        if ((e == 's' || e == 'S')) {
                            size_t k3;
                            unsigned f = j + kk + k2 < len ? cp_at(s, j + kk + k2, &k3) : ' ';
                            if (!is_alnum_cp(f)) break;
                        }
                        if ((e == 't' || e == 'T') && j > i + 1 && (s.t[j - 1] == 'n' || s.t[j - 1] == 'N')) {
                            /* "didn't" -> "did" + "n't"; a lone "n't" stays one token */
                            size_t k3;
                            unsigned f = j + kk + k2 < len ? cp_at(s, j + kk + k2, &k3) : ' ';
                            if (!is_alnum_cp(f)) { j--; fast = 0; nt = 1; break; }
                        }
                    }
                    if (d < 0x80) fo[fj++] = (char)d;
                    else fast = 0;
                    j += kk;
                    continue;
                }
                break;
            }
            /* "n't" was split off: step back to before the n */
            int has_upper = acc_up != 0, has_lower = acc_lo != 0;
            int digits_only = !nonascii && !has_upper && !has_lower;
            size_t wend = j;
            int abbr = 0;
            if (wend < len && s.t[wend] == '.' && !digits_only) {
                size_t wl = wend - start;
                const char *w = s.t + start;
                int internal_dot = memchr(w, '.', wl) != NULL;
                int single = wl == 1 && isalpha((unsigned char)w[0]);
                unsigned cls = abbr_class(w, wl);
                int title = (cls & MW_TITLE) != 0;
                if (internal_dot || single || cls) {
                    abbr = TF_ABBR | (title ? TF_TITLE : 0);
                    wend++;
                    fo[fj++] = '.';
                }
            }
            int f = flags | abbr;
            f |= cap;
            if (has_upper && !has_lower && wend - start > 1) f |= TF_ALLCAP;
            int kind = digits_only ? TK_NUM : TK_WORD;
            if (fast) { /* folded as it was scanned: the token written once, whole (set_low's work, inline) */
                t = ARENA_PUSH(a, out->v, out->n, out->cap, token);
                if (!t) return -1;
                uint16_t ll = (uint16_t)(fj > 65535 ? 65535 : fj);
                /* hashed before its NUL is written: the hash's 8-byte load then takes its bytes from the scan's own
                   8-byte store, where a load that spans that store and the NUL's waits for both to reach the cache
                   (the hash needs no NUL: it masks the bytes past the form) */
                uint64_t h;
                unsigned cls;
                if (fj == blk_n) { /* the form is the first block (most words): its hash and key from the register.
                                      Exact: strmap_raw_padded's one step on a form of 1-8 bytes is of its bytes
                                      padded with zeros, which blk is, and mw_lookup_padded's key is its first four */
                    h = strmap_mix(strmap_step(STRMAP_SEED ^ fj, blk));
                    cls = mw_at_key(fo, fj, (uint32_t)blk);
                } else {
                    h = strmap_mix(strmap_raw_padded(fo, ll));
                    cls = mw_lookup_padded(fo, fj);
                }
                if (kind == TK_WORD && (cls & MW_DATE)) f |= TF_DATE;
                fo[fj] = 0;
                s.low = fo + fj + 1;
                *t = (token){.off = (uint32_t)start, .len = (uint32_t)(wend - start), .low = fo, .lowlen = ll,
                             .kind = (uint8_t)kind, .flags = (uint8_t)f, .wbit = (uint8_t)h, .actor = -1, .hash = h};
                if (note_mark(a, out, t) || note_signal(a, out, t, cls)) return -1;
            } else {
                t = push(a, out, (uint32_t)start, (uint32_t)(wend - start), kind, f);
                if (!t || fold(&s, t)) return -1;
            }
            i = wend;
            /* a word that ended at a space is done, space and all: no n't, contraction or possessive follows it (each
               starts with the character after the word), and no period was taken (wend is the space) */
            if (at_space) {
                pending = TF_SPACE;
                i++;
                continue;
            }
            /* n't, when the word scan stopped before it (a word never ends right before a letter otherwise) */
            if (nt && i + 2 < len + 1 && i < len && (s.t[i] == 'n' || s.t[i] == 'N')) {
                size_t k2;
                unsigned ap = cp_at(s, i + 1, &k2);
                if (is_apos(ap) && i + 1 + k2 < len && (s.t[i + 1 + k2] == 't' || s.t[i + 1 + k2] == 'T')) {
                    t = push(a, out, (uint32_t)i, (uint32_t)(1 + k2 + 1), TK_WORD, 0);
                    if (!t || fold(&s, t)) return -1;
                    i += 1 + k2 + 1;
                }
            }
            /* the contraction, one token: "'re" (tagged as "are" is), "'m", "'ve", "'ll", "'d" */
            if (cl_len) {
                size_t k2;
                (void)cp_at(s, i, &k2); /* the apostrophe, one byte or three */
                t = push(a, out, (uint32_t)i, (uint32_t)(k2 + cl_len), TK_WORD, 0);
                if (!t || fold(&s, t)) return -1;
                i += k2 + cl_len;
                continue;
            }
            /* possessive: 's or a bare apostrophe after s */
            if (i < len) {
                size_t k2;
                unsigned ap = cp_at(s, i, &k2);
                if (is_apos(ap)) {
                    size_t k3 = 0;
                    unsigned nx = i + k2 < len ? cp_at(s, i + k2, &k3) : ' ';
                    size_t k4;
                    unsigned after = i + k2 + k3 < len ? cp_at(s, i + k2 + k3, &k4) : ' ';
                    if ((nx == 's' || nx == 'S') && !is_alnum_cp(after)) {
                        t = push(a, out, (uint32_t)i, (uint32_t)(k2 + 1), TK_POSS, 0);
                        if (!t || fold(&s, t)) return -1;
                        i += k2 + 1;
                    } else if (!is_alnum_cp(nx) && (s.t[i - 1] == 's' || s.t[i - 1] == 'S')) {
                        t = push(a, out, (uint32_t)i, (uint32_t)k2, TK_POSS, 0);
                        if (!t || fold(&s, t)) return -1;
                        i += k2;
                    }
                }
            }
            if (i < len && T[i] == ' ') { pending = TF_SPACE; i++; } /* the usual space after a word, without a turn of the loop */
            continue;
        }
        int kind;
        size_t tl = k;
        if (is_quote(c)) kind = TK_QUOTE;
        else if (is_dash(c)) kind = TK_DASH;
        else if (c == '-' ) {
            kind = TK_DASH;
            while (start + tl < len && s.t[start + tl] == '-') tl++;
            if (tl == 1) kind = TK_PUNCT;
        } else if (c == '(' || c == '[' || c == '{') kind = TK_OPEN;
        else if (c == ')' || c == ']' || c == '}') kind = TK_CLOSE;
        else if (c == 0x2026) kind = TK_PUNCT;
        else if (c == '.' ) {
            kind = TK_PUNCT;
            while (start + tl < len && s.t[start + tl] == '.') tl++; /* ellipsis "..." */
        } else if (c < 0x80 && ispunct((int)c)) kind = TK_PUNCT;
        else kind = TK_SYM;
        t = push(a, out, (uint32_t)start, (uint32_t)tl, kind, flags);
        if (!t) return -1;
        /* folded forms: quotes to ", dashes to -- */
        if (kind == TK_QUOTE || kind == TK_DASH) {
            if (kind == TK_QUOTE) { t->low = "\""; t->lowlen = 1; t->hash = strmap_hash("\"", 1); t->wbit = (uint8_t)t->hash; }
            else { t->low = "--"; t->lowlen = 2; t->hash = strmap_hash("--", 2); t->wbit = (uint8_t)t->hash; }
            if (note_mark(a, out, t)) return -1; /* the others are recorded by set_low */
        }
        else if (tl == 1 && c < 0x80) { /* one ASCII character (",", ".", "("): folded as it is */
            char *o = s.low;
            o[0] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            if (set_low(&s, t, o, 1)) return -1;
        } else if (fold(&s, t)) return -1;
        i = start + tl;
    }
    return 0;
}
