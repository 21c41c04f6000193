/* normalize.h -- stage 1: make raw bytes safe to analyse.
 *
 * Input may be anything: invalid UTF-8, NUL bytes, control characters, Windows line ends. The output is
 * valid UTF-8 in which every invalid byte is U+FFFD (counted), NUL and other C0 controls except tab and
 * newline are U+FFFD or spaces, and "\r\n" is "\n". Typographic quotes and dashes are kept as they are;
 * the tokenizer makes them tokens of their own. */
#ifndef DYAD_NORMALIZE_H
#define DYAD_NORMALIZE_H
#include <stddef.h>

/* out must hold 3 * len + 1 bytes. Returns the output length; *invalid gets the number of replaced bytes. */
size_t normalize_text(const char *in, size_t len, char *out, size_t *invalid);
/* Decode one UTF-8 code point from valid UTF-8 at s (n bytes left): returns its length, *cp the value. */
size_t utf8_decode(const char *s, size_t n, unsigned *cp);

#endif
