/* marked.h -- the words the tokenizer marks, found by one table lookup.
 *
 * Four short lists, kept here once: the words that can start a date expression (a token flag, TF_DATE), the
 * titles and abbreviations whose period belongs to the word ("Mr.", "Feb."), and the words a boilerplate
 * signal can come from (mark_boilerplate in src/sentence/split.c looks only at the tokens that hold one:
 * token_list.sig). The tokenizer asks about every token, so the question is one multiply and one byte load
 * for most words: a word's key (its first four bytes, or all of them zero-padded, and its length) picks a
 * slot of MW_AT (1,024 bytes); a slot that is 0 means "none of these", and any other names the one entry whose
 * word is compared. The multiplier was chosen so that no two listed words share a slot; the compiler checks
 * it (-Woverride-init, in -Wextra, rejects a slot given twice) and test_tokenize checks every entry is found. */
#ifndef DYAD_MARKED_H
#define DYAD_MARKED_H
#include "util/strmap.h"
#include <stddef.h>
#include <stdint.h>

/* The boilerplate signal a word can give (its context decides: split.c). */
enum sig_id {
    SIG_NONE = 0,
    SIG_COPYRIGHT,    /* "copyright", "\xc2\xa9" */
    SIG_C,            /* "c": "(c)" */
    SIG_CONTACT,      /* "contact": "please contact" */
    SIG_WEAK,         /* subscribe, subscribing, subscription, unsubscribe, newsletter, e-mail, email, fax, telephone,
                         reproduction, redistribution: one point wherever they stand */
    SIG_RESERVED,     /* "reserved": "rights reserved" */
    SIG_AT,           /* "@": an e-mail address */
};

/* A word's classes (bits), as mw_lookup answers. */
#define MW_DATE 1u      /* can start a date expression: months, weekdays, today..., last/next/this, number words */
#define MW_TITLE 2u     /* a title that takes a period and never ends a sentence: mr, gen, dr (without the period) */
#define MW_ABBR 4u      /* an abbreviation that takes a period: jan, inc, corp (without the period) */
#define MW_SIG(id) ((unsigned)(id) << 3)
static inline int mw_sig(unsigned cls) { return (int)(cls >> 3); } /* enum sig_id */

typedef struct mw_entry {
    uint8_t n;       /* length */
    uint8_t cls;     /* MW_* bits */
    char w[15];      /* the word, lower case (folded as the tokenizer folds) */
} mw_entry;

#define MW_BITS 10
#define MW_MULT 0x59be35d7u
/* The slot of a word of n bytes whose key bytes are a b c d (its first four, or its bytes and zeros) */
#define MW_B(c) ((uint32_t)(unsigned char)(c))
#define MW_IDX(a, b, c, d, n) \
    (((MW_B(a) | MW_B(b) << 8 | MW_B(c) << 16 | MW_B(d) << 24) ^ ((uint32_t)(n) << 27)) * MW_MULT >> (32 - MW_BITS))
extern const mw_entry MW_WORDS[]; /* entries 1.. in word order, then one of length 0 */
extern const uint8_t MW_AT[1u << MW_BITS];

static inline unsigned mw_at_key(const char *w, size_t n, uint32_t k) {
    const mw_entry *e = &MW_WORDS[MW_AT[((k ^ ((uint32_t)n << 27)) * MW_MULT) >> (32 - MW_BITS)]];
    return e->n == n && strmap_key_eq(e->w, w, n) ? e->cls : 0; /* slot 0's entry has length 0: never equal */
}
/* The classes of the word w[0..n) (folded): 0 for most words. */
static inline unsigned mw_lookup(const char *w, size_t n) {
    if (n == 0 || n > 14) return 0;
    const unsigned char *p = (const unsigned char *)w;
    uint32_t k = n >= 4 ? strmap_le32(p) : p[0] | (n > 1 ? (uint32_t)p[1] << 8 : 0) | (n > 2 ? (uint32_t)p[2] << 16 : 0);
    return mw_at_key(w, n, k);
}
/* The same for a word followed by at least 3 readable bytes (the tokenizer's buffer of folded forms): the key
 * from one 4-byte load, masked, without a branch on the length. */
static inline unsigned mw_lookup_padded(const char *w, size_t n) {
    /* the mask of the key's bytes by the length, from a table: a test of n >= 4 here was the tokenizer's most
       mispredicted branch (the lengths of running words follow no pattern) */
    static const uint32_t KEEP[15] = {0, 0xff, 0xffff, 0xffffff, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u};
    if (n == 0 || n > 14) return 0;
    return mw_at_key(w, n, strmap_le32(w) & KEEP[n]);
}

#endif
