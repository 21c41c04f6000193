/* tokenize.c -- stage 3a: cut text into tokens (see token.h). */
#include "token.h"
#include "normalize/normalize.h"
#include "sentence/signal_words.h"
#include "util/strmap.h"
#include "util/swar.h"
#include <ctype.h>
#include <string.h>

const char *const tag_names[TG__COUNT] = {
    "-", "DET", "PRON", "PPOSS", "PREP", "CONJ", "SUB", "REL", "BE", "HAVE", "DO", "MODAL", "NEG", "TO",
    "ADV", "ADJ", "NOUN", "PROPN", "VERB", "NUM", "PUNCT", "QUOTE", "POSS", "DASH", "SYM", "OPEN", "CLOSE"};

/* Abbreviations whose period belongs to the word. Titles never end a sentence. */
typedef struct { const char *w; size_t n; } lword; /* a listed word and its length */
#define W(s) {s, sizeof(s) - 1}
static const lword TITLES[] = {W("mr"), W("mrs"), W("ms"), W("dr"), W("gen"), W("col"), W("lt"), W("sgt"), W("capt"),
    W("maj"), W("adm"), W("gov"), W("sen"), W("rep"), W("rev"), W("prof"), W("pres"), W("st"), W("messrs"),
    W("cmdr"), W("brig"), W("fr"), W("hon"), W("amb"), W("supt"), W("insp"), W("no"), {NULL, 0}};
static const lword ABBRS[] = {W("jan"), W("feb"), W("mar"), W("apr"), W("jun"), W("jul"), W("aug"), W("sep"),
    W("sept"), W("oct"), W("nov"), W("dec"), W("inc"), W("ltd"), W("corp"), W("co"), W("jr"), W("sr"), W("vs"),
    W("etc"), W("dept"), W("est"), W("approx"), W("govt"), W("mt"), W("ft"), W("univ"), W("assn"), W("bros"),
    {NULL, 0}};
#undef W

/* Is s[0..n) (any case) in list l? Called for every word before a period: the lists hold short words only,
 * so longer words and words whose first letter starts no entry are turned away before any comparison. */
static int in_list(const lword *l, const char *s, size_t n) {
    if (n > 6) return 0;
    int c0 = s[0] | 0x20;
    for (; l->w; l++)
        if (l->n == n && l->w[0] == c0 && strncasecmp(l->w, s, n) == 0) return 1;
    return 0;
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

/* Record token t in out->sig when its folded form o[0..j) is one a boilerplate signal can come from (rare: most
 * tokens are turned away by sig_word's first byte and length). Returns 0, or -1 when the arena is exhausted. */
static inline __attribute__((always_inline)) int note_signal(arena *a, token_list *out, const token *t, const char *o,
                                                             size_t j) {
    if (__builtin_expect(sig_word(o, j) == SIG_NONE, 1)) return 0;
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

/* Lower-case fold of text[off..off+len): ASCII lower-cased, typographic apostrophes to '. */
/* Could this lower-case word start a date expression? Months (and their abbreviations), weekdays,
 * yesterday/today/tonight/tomorrow, last/next/this, and the number words of "two weeks ago". Decided by
 * length and first letter before any string comparison: this runs on every token. */
static inline __attribute__((always_inline)) int date_word(const char *w, size_t n) {
#define IS(lit) (n == sizeof(lit) - 1 && !memcmp(w, lit, sizeof(lit) - 1))
    if (n == 0 || n > 9) return 0;
    switch (w[0]) {
    case 'a': return IS("a") || IS("an") || IS("apr.") || IS("april") || IS("aug.") || IS("august");
    case 'd': return IS("dec.") || IS("december");
    case 'e': return IS("eight") || IS("eleven");
    case 'f': return IS("few") || IS("feb.") || IS("five") || IS("four") || IS("friday") || IS("february");
    case 'j': return IS("jan.") || IS("jun.") || IS("jul.") || IS("june") || IS("july") || IS("january");
    case 'l': return IS("last");
    case 'm': return IS("may") || IS("mar.") || IS("march") || IS("monday");
    case 'n': return IS("nov.") || IS("nine") || IS("next") || IS("november");
    case 'o': return IS("one") || IS("oct.") || IS("october");
    case 's': return IS("six") || IS("sep.") || IS("seven") || IS("sept.") || IS("sunday") || IS("several") ||
                     IS("saturday") || IS("september");
    case 't': return IS("ten") || IS("two") || IS("this") || IS("three") || IS("today") || IS("twelve") ||
                     IS("tonight") || IS("tuesday") || IS("thursday") || IS("tomorrow");
    case 'w': return IS("wednesday");
    case 'y': return IS("yesterday");
    case 'z': return IS("zero");
    default: return 0;
    }
#undef IS
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
    if (t->kind == TK_WORD && date_word(o, j)) t->flags |= TF_DATE;
    return note_signal(sp->a, sp->out, t, o, j);
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
    if (!out->v) return -1;
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
            int first_upper = c < 0x80 && (ASCII_CLASS[c] & CU);
            size_t j = i;
            /* ASCII words are folded as they are scanned (fo, fj), then hashed whole; a word with anything else
               in it is folded afterwards (fast = 0). Its upper- and lower-case ASCII letters are or-ed into acc_up, acc_lo.
               The loop reads the text through T, a copy that is not address-taken, so that the stores of
               the folded form do not make the compiler reload it for every character. */
            char *fo = s.low;
            size_t fj = 0;
            int fast = 1, nonascii = 0, nt = 0;
            size_t cl_len = 0; /* a contraction split off after the word ("we're"): its letters after the apostrophe */
            uint64_t acc_up = 0, acc_lo = 0; /* non-zero: the word has an upper-case (lower-case) ASCII letter */
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
                            fj += n;
                            j += n;
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
                if (d == ' ') break; /* the usual end of a word */
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
                int title = in_list(TITLES, w, wl);
                if (internal_dot || single || title || in_list(ABBRS, w, wl)) {
                    abbr = TF_ABBR | (title ? TF_TITLE : 0);
                    wend++;
                    fo[fj++] = '.';
                }
            }
            int f = flags | abbr;
            if (first_upper) f |= TF_CAP;
            if (has_upper && !has_lower && wend - start > 1) f |= TF_ALLCAP;
            int kind = digits_only ? TK_NUM : TK_WORD;
            if (fast) { /* folded as it was scanned: the token written once, whole (set_low's work, inline) */
                t = ARENA_PUSH(a, out->v, out->n, out->cap, token);
                if (!t) return -1;
                fo[fj] = 0;
                s.low = fo + fj + 1;
                uint16_t ll = (uint16_t)(fj > 65535 ? 65535 : fj);
                uint64_t h = strmap_mix(strmap_raw_padded(fo, ll));
                if (kind == TK_WORD && date_word(fo, fj)) f |= TF_DATE;
                *t = (token){.off = (uint32_t)start, .len = (uint32_t)(wend - start), .low = fo, .lowlen = ll,
                             .kind = (uint8_t)kind, .flags = (uint8_t)f, .wbit = (uint8_t)h, .actor = -1, .hash = h};
                if (note_signal(a, out, t, fo, fj)) return -1;
            } else {
                t = push(a, out, (uint32_t)start, (uint32_t)(wend - start), kind, f);
                if (!t || fold(&s, t)) return -1;
            }
            i = wend;
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
        if (kind == TK_QUOTE) { t->low = "\""; t->lowlen = 1; t->hash = strmap_hash("\"", 1); t->wbit = (uint8_t)t->hash; }
        else if (kind == TK_DASH) { t->low = "--"; t->lowlen = 2; t->hash = strmap_hash("--", 2); t->wbit = (uint8_t)t->hash; }
        else if (tl == 1 && c < 0x80) { /* one ASCII character (",", ".", "("): folded as it is */
            char *o = s.low;
            o[0] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            if (set_low(&s, t, o, 1)) return -1;
        } else if (fold(&s, t)) return -1;
        i = start + tl;
    }
    return 0;
}
