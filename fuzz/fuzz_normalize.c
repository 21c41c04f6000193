/* fuzz_normalize.c -- libFuzzer target: UTF-8 validation and repair (src/normalize).
 *
 * Any bytes in; checks that the output is valid UTF-8 without NUL, CR or C0 controls other than tab and
 * newline, fits the documented 3 * len + 1 bound, counts no more replacements than input bytes, decodes
 * cleanly code point by code point with utf8_decode(), and that normalizing again changes nothing. */
#include "fuzz_util.h"
#include "normalize/normalize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *out = malloc(3 * size + 1);
    FUZZ_CHECK(out != NULL);
    size_t bad = 12345;
    size_t n = normalize_text((const char *)data, size, out, &bad);
    FUZZ_CHECK(n <= 3 * size);
    FUZZ_CHECK(out[n] == 0);
    FUZZ_CHECK(bad <= size);
    FUZZ_CHECK(fuzz_utf8_valid(out, n));
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)out[i];
        FUZZ_CHECK(c >= 0x20 || c == '\t' || c == '\n');
        FUZZ_CHECK(c != 0x7F);
    }
    if (fuzz_utf8_valid((const char *)data, size) && !memchr(data, 0, size)) FUZZ_CHECK(bad == 0);
    /* walk the output with the decoder the tokenizer uses */
    size_t i = 0;
    while (i < n) {
        unsigned cp = 0;
        size_t k = utf8_decode(out + i, n - i, &cp);
        FUZZ_CHECK(k >= 1 && k <= 4 && i + k <= n);
        FUZZ_CHECK(cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF));
        i += k;
    }
    /* normalizing is idempotent */
    char *again = malloc(3 * n + 1);
    FUZZ_CHECK(again != NULL);
    size_t bad2 = 0;
    size_t n2 = normalize_text(out, n, again, &bad2);
    FUZZ_CHECK(bad2 == 0 && n2 == n && memcmp(out, again, n) == 0);
    /* a prefix cut at any byte is still handled (the reader and windows hand over partial buffers) */
    if (size) {
        size_t cut = data[0] % size;
        size_t n3 = normalize_text((const char *)data, cut, again, &bad2);
        FUZZ_CHECK(n3 <= 3 * cut && fuzz_utf8_valid(again, n3));
    }
    free(again);
    free(out);
    return 0;
}
