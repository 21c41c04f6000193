/* signal_words.h -- the words a boilerplate signal can come from (see mark_boilerplate in split.c).
 *
 * One list for two users: the tokenizer asks sig_word() of every token's folded form as it makes it and
 * records the tokens that answer (token_list.sig), and mark_boilerplate() looks at those tokens only,
 * deciding each one's signal from the word's id here and its neighbours. A token whose form is not in this
 * list never gives a signal, so visiting the recorded tokens alone is the same as visiting all of them. */
#ifndef DYAD_SIGNAL_WORDS_H
#define DYAD_SIGNAL_WORDS_H
#include <stddef.h>
#include <string.h>

enum sig_id {
    SIG_NONE = 0,
    SIG_COPYRIGHT,    /* "copyright", "\xc2\xa9" */
    SIG_C,            /* "c": "(c)" */
    SIG_CONTACT,      /* "contact": "please contact" */
    SIG_WEAK,         /* subscribe, subscribing, subscription, unsubscribe, newsletter, e-mail, email, fax, telephone,
                         reproduction, redistribution: one point wherever they stand */
    SIG_RESERVED,     /* "reserved": "rights reserved" */
    SIG_AT,           /* "@": an e-mail address */
};

/* The id of the folded form w[0..n), SIG_NONE for most words: decided by the first byte and the length before
 * comparing, as it runs on every token. */
static inline __attribute__((always_inline)) int sig_word(const char *w, size_t n) {
#define IS(lit) (n == sizeof(lit) - 1 && !memcmp(w, lit, sizeof(lit) - 1))
    if (n == 0 || n > 14) return SIG_NONE;
    switch (w[0]) {
    case 'c': return IS("copyright") ? SIG_COPYRIGHT : IS("c") ? SIG_C : IS("contact") ? SIG_CONTACT : SIG_NONE;
    case 's': return IS("subscribe") || IS("subscribing") || IS("subscription") ? SIG_WEAK : SIG_NONE;
    case 'u': return IS("unsubscribe") ? SIG_WEAK : SIG_NONE;
    case 'n': return IS("newsletter") ? SIG_WEAK : SIG_NONE;
    case 'e': return IS("e-mail") || IS("email") ? SIG_WEAK : SIG_NONE;
    case 'f': return IS("fax") ? SIG_WEAK : SIG_NONE;
    case 't': return IS("telephone") ? SIG_WEAK : SIG_NONE;
    case 'r': return IS("reproduction") || IS("redistribution") ? SIG_WEAK : IS("reserved") ? SIG_RESERVED : SIG_NONE;
    case '\xc2': return IS("\xc2\xa9") ? SIG_COPYRIGHT : SIG_NONE;
    case '@': return IS("@") ? SIG_AT : SIG_NONE;
    default: return SIG_NONE;
    }
#undef IS
}

#endif
