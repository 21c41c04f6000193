/* lexicon.h -- English word classes and irregular forms, generated from WordNet at build time.
 *
 * lex_lookup() finds a lower-case word; lex_lemma() reduces an inflected form to its lemma for a part of
 * speech (irregular forms from WordNet's exception lists, regular ones by suffix rules checked against the
 * lexicon, as WordNet's own "morphy" does). The tables are static data: nothing to load, nothing to free. */
#ifndef DYAD_LEXICON_H
#define DYAD_LEXICON_H
#include <stddef.h>
#include <stdint.h>

enum { LEX_N = 1, LEX_V = 2, LEX_A = 4, LEX_R = 8 };

typedef struct lex_entry {
    uint32_t w;           /* offset of the word in lex_strings */
    uint8_t pos;          /* LEX_* bits */
    uint16_t cnt[4];      /* 1 + tagged sense count per pos (noun, verb, adj, adv); 0 when not that pos */
    uint32_t base[3];     /* irregular base for noun, verb, adj ("fought" -> "fight"): offset, 0 for none */
} lex_entry;

/* A slot of the table: the entry's index (-1: empty) and the high half of its word's strmap_hash, which a probe
 * compares before it reads the entry and the string */
typedef struct lex_slot {
    int32_t i;
    uint32_t hi;
} lex_slot;

extern const char lex_strings[];
extern const size_t lex_n, lex_cap;
extern const lex_entry lex_entries[];
extern const lex_slot lex_table[];

const lex_entry *lex_lookup(const char *w, size_t len);
/* Lemma of WORD as part of speech POS (LEX_N or LEX_V or LEX_A): writes into out (size outsz) and returns
 * 1 when the word is that part of speech (directly or inflected), 0 otherwise. *form gets 0 base, 's' -s,
 * 'd' -ed/past, 'g' -ing, 'n' participle (irregular), 'p' plural noun. */
int lex_lemma(const char *w, size_t len, int pos, char *out, size_t outsz, char *form);
/* The same with the word's entry already looked up (e == lex_lookup(w, len)): a caller asking for several
 * parts of speech looks the word up once. */
int lex_lemma_e(const char *w, size_t len, const lex_entry *e, int pos, char *out, size_t outsz, char *form);

#endif
