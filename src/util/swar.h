/* swar.h -- eight bytes at a time ("SIMD within a register") for the scanners that look at every byte of
 * the input: the UTF-8 check before normalizing, the tokenizer's word scan, the JSON string reader and writer. Each test says whether any of
 * the eight bytes of x is of a kind; they are exact (no false answers), so a block that passes every test
 * can be taken whole and only the rest is looked at byte by byte. Portable C, no intrinsics. */
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

#endif
