/* normalize.c -- UTF-8 validation and repair (see normalize.h). */
#include "normalize.h"
#include "util/swar.h"
#include <string.h>

static size_t put_fffd(char *o) {
    o[0] = (char)0xEF, o[1] = (char)0xBF, o[2] = (char)0xBD;
    return 3;
}

/* Length of a valid UTF-8 sequence at s, or 0 (overlongs, surrogates and > U+10FFFF are invalid). */
static size_t valid_seq(const unsigned char *s, size_t n) {
    unsigned c = s[0];
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return (n >= 2 && (s[1] & 0xC0) == 0x80) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return 0;
        if (c == 0xE0 && s[1] < 0xA0) return 0;
        if (c == 0xED && s[1] >= 0xA0) return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80) return 0;
        if (c == 0xF0 && s[1] < 0x90) return 0;
        if (c == 0xF4 && s[1] >= 0x90) return 0;
        return 4;
    }
    return 0;
}

size_t normalize_text(const char *in, size_t len, char *out, size_t *invalid) {
    const unsigned char *s = (const unsigned char *)in;
    size_t i = 0, o = 0, bad = 0;
    while (i < len) {
        unsigned c = s[i];
        if (c >= 0x20 && c < 0x7F) { out[o++] = (char)c; i++; continue; }
        if (c == '\n' || c == '\t') { out[o++] = (char)c; i++; continue; }
        if (c == '\r') { /* CRLF -> LF, a lone CR -> LF */
            if (!(i + 1 < len && s[i + 1] == '\n')) out[o++] = '\n';
            i++;
            continue;
        }
        if (c == 0) { o += put_fffd(out + o); bad++; i++; continue; }
        if (c < 0x20 || c == 0x7F) { out[o++] = ' '; i++; continue; }
        size_t k = valid_seq(s + i, len - i);
        if (!k) { o += put_fffd(out + o); bad++; i++; continue; }
        memcpy(out + o, s + i, k);
        o += k, i += k;
    }
    out[o] = 0;
    if (invalid) *invalid = bad;
    return o;
}

int normalize_needed(const char *in, size_t len) {
    const unsigned char *s = (const unsigned char *)in;
    size_t i = 0;
    while (i < len) {
        /* sixteen bytes at a time, to the first that is not printable ASCII: most text is nothing else
           between its line breaks */
        while (i + 16 <= len) {
            unsigned m = swar_text_stop16(s + i);
            if (m) {
                i += swar_stop_at(m);
                break;
            }
            i += 16;
        }
        if (i >= len) break;
        unsigned c = s[i];
        if (c >= 0x20 && c < 0x7F) { i++; continue; }
        if (c == '\n' || c == '\t') { i++; continue; }
        if (c < 0x80) return 1; /* NUL, CR, other controls, DEL */
        size_t k = valid_seq(s + i, len - i);
        if (!k) return 1;
        i += k;
    }
    return 0;
}

size_t utf8_decode(const char *p, size_t n, unsigned *cp) {
    const unsigned char *s = (const unsigned char *)p;
    if (!n) { *cp = 0; return 0; }
    if (s[0] < 0x80) { *cp = s[0]; return 1; }
    if ((s[0] & 0xE0) == 0xC0 && n >= 2) { *cp = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu); return 2; }
    if ((s[0] & 0xF0) == 0xE0 && n >= 3) {
        *cp = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
        return 3;
    }
    if ((s[0] & 0xF8) == 0xF0 && n >= 4) {
        *cp = ((s[0] & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
        return 4;
    }
    *cp = 0xFFFD;
    return 1;
}
