/* words.h -- equality of short lower-case words, for the word lists of the grammar stages.
 *
 * Most words of running text differ from a listed word in their first byte, so comparing it first spares
 * the call to strcmp (about 20 instructions each) in the loops over short lists that run for every token
 * or verb group. Same result as strcmp(a, b) == 0. */
#ifndef DYAD_WORDS_H
#define DYAD_WORDS_H
#include <string.h>

static inline int same_word(const char *a, const char *b) { return a[0] == b[0] && strcmp(a, b) == 0; }

/* Is w one of the words of a NULL-terminated list? (w may be NULL: no.) */
static inline int word_in(const char *w, const char *const *list) {
    for (; w && *list; list++)
        if (same_word(w, *list)) return 1;
    return 0;
}

#endif
