/* sentence.h -- stage 2: sentences and paragraphs.
 *
 * split_sentences() groups tokens into sentences. A sentence ends at . ! ? (with the closing quotes and
 * brackets that follow them) when the next token can start a sentence, and always at a paragraph break.
 * Abbreviations (Mr., U.S., Feb.), initials, decimal numbers and everything inside brackets do not end one:
 * "(see the Monitor, January 27)." stays in its sentence.
 *
 * mark_boilerplate() flags the paragraphs that are publisher boilerplate (contacts, e-mail addresses,
 * phone numbers, copyright and subscription notices): their sentences are kept but never coded. */
#ifndef DYAD_SENTENCE_H
#define DYAD_SENTENCE_H
#include "token/token.h"

typedef struct sentence {
    uint32_t start, end;    /* token range [start, end) */
    uint32_t para;          /* paragraph number */
    uint8_t boilerplate;
    uint8_t brackets;       /* 0: no opening bracket among its tokens (then nothing is cited in it) */
} sentence;

typedef struct sentence_list {
    sentence *v;
    size_t n, cap;
} sentence_list;

int split_sentences(arena *a, const token_list *toks, const char *text, sentence_list *out);
void mark_boilerplate(const token_list *toks, const char *text, sentence_list *ss);

#endif
