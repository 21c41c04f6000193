/* swar.h -- eight bytes at a time ("SIMD within a register") for the scanners that look at every byte of
 * the input: the UTF-8 check before normalizing, the tokenizer's word scan, the JSON string reader and writer. Each test says whether any of
 * the eight bytes of x is of a kind; they are exact (no false answers), so a block that passes every test
 * can be taken whole and only the rest is looked at byte by byte. Portable C, no intrinsics.
 *
 * At the end, sixteen bytes at a time for the scans that run over whole texts (the JSON string reader and
 * writer, the UTF-8 check): which of the 16 bytes at p need a look, as a mask whose lowest bit is the first.
 * With SSE2 (the x86-64 baseline) that is one load, two or three compares and a movemask; elsewhere the same
 * answer from two SWAR words (swar_plain16_portable, which the unit tests compare with SSE2's and a byte loop). */
#ifndef DYAD_SWAR_H
#define DYAD_SWAR_H
#include <stdint.h>
#include <string.h>

#define SWAR_ONES 0x0101010101010101ull
#define SWAR_HIGHS 0x8080808080808080ull

static inline uint64_t swar_load(const void *p) {
    uint64_t x;
    memcpy(&x, p, 8);
    return x;
}
/* Some byte of x is below n (n <= 128). */
static inline uint64_t swar_has_less(uint64_t x, unsigned n) { return (x - SWAR_ONES * n) & ~x & SWAR_HIGHS; }
/* Some byte of x equals b. */
static inline uint64_t swar_has_byte(uint64_t x, unsigned char b) { return swar_has_less(x ^ (SWAR_ONES * b), 1); }
/* Some byte of x is not ASCII. */
static inline uint64_t swar_has_high(uint64_t x) { return x & SWAR_HIGHS; }
/* The bytes of x that lie in [lo, hi], as 0x80 in each (the others 0), for x of ASCII bytes only (no byte
 * of x at 0x80 or above) and 1 <= lo <= hi < 0x80: then no sum carries into the next byte. */
static inline uint64_t swar_in_range(uint64_t x, unsigned lo, unsigned hi) {
    return (x + SWAR_ONES * (0x80 - lo)) & ~(x + SWAR_ONES * (0x7F - hi)) & SWAR_HIGHS;
}
/* Some byte of x needs a look of its own inside a JSON string: a control byte, '"', '\\' or a non-ASCII
 * byte (the reader decodes and checks those, the writer escapes or checks them). */
static inline uint64_t swar_json_special(uint64_t x) {
    return swar_has_less(x, 0x20) | swar_has_byte(x, '"') | swar_has_byte(x, '\\') | swar_has_high(x);
}

/* The number of bytes at the start of x (as read from memory: little-endian) before the first byte flagged in
 * the 0x80 bits of m, 8 when none. Exact for the tests above: a false 0x80 bit (a borrow in swar_has_less)
 * only ever sits above a true one, so the lowest set bit is a true answer. */
static inline unsigned swar_first(uint64_t m) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return m ? (unsigned)__builtin_ctzll(m) >> 3 : 8;
#else
    unsigned k = 0; /* the first flagged byte: for a big-endian number, the highest one */
    for (; k < 8; k++) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        if (m & (0x80ull << (8 * (7 - k)))) break;
#else
        if (m & (0x80ull << (8 * k))) break;
#endif
    }
    return k;
#endif
}
static inline uint64_t swar_text_special(uint64_t x) { /* a control byte, DEL or a non-ASCII byte */
    return swar_has_less(x, 0x20) | swar_has_high(x) | swar_has_byte(x, 0x7F);
}
/* The bytes of x that a scan stops at: for a JSON string (json = 1) swar_json_special, for the UTF-8 check
 * swar_text_special. json is a constant at every call, so the choice is made by the compiler. */
static inline uint64_t swar_special(uint64_t x, int json) { return json ? swar_json_special(x) : swar_text_special(x); }
/* The portable answer of the 16-byte scans below: how many of the 16 readable bytes at p come before the first
 * that the scan stops at (16 when none). */
static inline unsigned swar_plain16_portable(const void *p, int json) {
    const unsigned char *b = p;
    unsigned k = swar_first(swar_special(swar_load(b), json));
    return k < 8 ? k : 8 + swar_first(swar_special(swar_load(b + 8), json));
}

/* The bytes among the 16 at p (all readable) that a scan stops at, as a mask: 0 when none, else its lowest set
 * bit is the first such byte's index. For a JSON string (json = 1): a control byte, '"', '\\', non-ASCII
 * (swar_json_special); for the UTF-8 check: a control byte, DEL, non-ASCII. With SSE2, signed bytes below 0x20
 * are the control bytes and the non-ASCII ones (0x80-0xFF are negative), then one or two compares more.
 * A scan advances by a constant 16 while the mask is 0 and takes swar_stop_at of it only when not: advancing
 * by the count itself made each step wait for the last (load, compare, mask, count, add) and was slower than
 * the 8-byte SWAR loop it replaced. */
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
static inline unsigned swar_stop16(const void *p, int json) {
#if defined(__SSE2__)
    __m128i x = _mm_loadu_si128((const __m128i *)p);
    __m128i m = _mm_cmplt_epi8(x, _mm_set1_epi8(0x20));
    if (json) m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))));
    else m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7F)));
    return (unsigned)_mm_movemask_epi8(m);
#else
    unsigned k = swar_plain16_portable(p, json);
    return k < 16 ? 1u << k : 0;
#endif
}
static inline unsigned swar_json_stop16(const void *p) { return swar_stop16(p, 1); }
static inline unsigned swar_text_stop16(const void *p) { return swar_stop16(p, 0); }
/* The index of the first flagged byte of a non-zero mask of swar_*_stop16 */
static inline unsigned swar_stop_at(unsigned m) {
#if defined(__GNUC__)
    return (unsigned)__builtin_ctz(m);
#else
    unsigned k = 0;
    while (!(m & 1u)) m >>= 1, k++;
    return k;
#endif
}

#endif
