/* token.h -- stage 3a: tokens.
 *
 * tokenize() cuts normalized text into tokens: words (with internal hyphens, periods and apostrophes:
 * "al-Qaeda", "U.S.", "d'Ivoire"), numbers, possessive "'s" and negative "n't" as tokens of their own,
 * typographic and plain quotes, dashes ("has–since" is three tokens) and punctuation. Each token keeps its
 * byte span in the text and a lower-case form with typographic apostrophes, quotes and dashes folded to
 * ASCII, which is what every dictionary lookup uses. Tokens live in the coder's arena. */
#ifndef DYAD_TOKEN_H
#define DYAD_TOKEN_H
#include "util/arena.h"
#include <stddef.h>
#include <stdint.h>

enum tok_kind { TK_WORD = 1, TK_NUM, TK_PUNCT, TK_QUOTE, TK_DASH, TK_POSS, TK_OPEN, TK_CLOSE, TK_SYM };
enum tok_flag {
    TF_CAP = 1,      /* first letter upper case */
    TF_ALLCAP = 2,   /* every letter upper case (and at least two) */
    TF_PARA = 4,     /* a paragraph break (blank line) comes before this token */
    TF_SPACE = 8,    /* white space before this token */
    TF_ABBR = 16,    /* a word that ends in a period that is part of it (Mr., U.S., Feb.) */
    TF_TITLE = 32,   /* an abbreviation that never ends a sentence (Mr., Gen., Dr.) */
    TF_DATE = 64,    /* a word that can start a date expression (set by the tokenizer) */
    TF_INDATE = 128, /* a preposition made part of a date expression ("on Monday"; set by the date pass) */
};

/* Tags: a coarse part-of-speech set, enough for clause analysis. */
enum tok_tag {
    TG_NONE = 0, TG_DET, TG_PRON, TG_PPOSS, TG_PREP, TG_CONJ, TG_SUB, TG_REL, TG_BE, TG_HAVE, TG_DO,
    TG_MODAL, TG_NEG, TG_TO, TG_ADV, TG_ADJ, TG_NOUN, TG_PROPN, TG_VERB, TG_NUM, TG_PUNCT, TG_QUOTE,
    TG_POSS, TG_DASH, TG_SYM, TG_OPEN, TG_CLOSE, TG__COUNT
};
extern const char *const tag_names[TG__COUNT];

typedef struct token {
    uint32_t off, len;    /* byte span in the normalized text */
    const char *low;      /* lower-case folded form, NUL-terminated */
    uint16_t lowlen;
    uint8_t kind, flags;
    uint8_t tag;          /* enum tok_tag, set by the tagger */
    char vform;           /* verbs: 0 base, 's' 3rd person, 'd' past, 'n' participle, 'g' -ing */
    uint8_t wbit;         /* hash % 256: the word's bit in the pattern filters */
    uint8_t lbit;         /* strmap_hash(lemma) % 256 (wbit when lemma is low): set by the tagger with lemma */
    const char *lemma;    /* lemma for the tag (verbs, nouns), else low */
    int32_t actor;        /* index of the actor mention covering this token in its sentence, or -1 */
    uint8_t closed;       /* the word's closed-class tag (tag_closed), 0 for others: set by the tagger for the whole
                             sentence before it tags, so its rules may ask about the words after the one tagged */
    uint32_t wix : 24;    /* 1 + the index of the word's form in the tagger's word cache, 0 for none: set with closed
                             (in what was padding), valid until the cache is trimmed (tag_cache_memo) */
    uint64_t hash;        /* strmap_hash(low, lowlen), computed once while folding: every lookup of the word uses it */
} token;

typedef struct token_list {
    token *v;
    size_t n, cap;
    uint32_t *sig;        /* the indices, in order, of the tokens whose form can give a boilerplate signal
                             (token/marked.h): mark_boilerplate looks at these only */
    size_t nsig, capsig;
    uint32_t *mark;       /* the indices, in order, of the tokens that are not plain words: every token that is not
                             TK_WORD, and the words with TF_PARA, TF_ABBR or TF_DATE. Sentence splitting and the date
                             pass (dyad.c) look at these only: a plain word neither ends a sentence nor starts a date */
    size_t nmark, capmark;
} token_list;

/* Tokenize text[from..len) (valid UTF-8); offsets are relative to text. Returns 0, or -1 when the arena
 * is exhausted. */
int tokenize(arena *a, const char *text, size_t from, size_t len, token_list *out);

#endif
