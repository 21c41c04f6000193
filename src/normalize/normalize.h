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
/* Does text need normalize_text() at all? 0 when it is valid UTF-8 with no NUL, no control character
 * other than tab and newline, and no CR: such text is used as it is, without a copy. */
int normalize_needed(const char *in, size_t len);
/* Decode one UTF-8 code point from valid UTF-8 at s (n bytes left): returns its length, *cp the value. */
size_t utf8_decode(const char *s, size_t n, unsigned *cp);

#endif
