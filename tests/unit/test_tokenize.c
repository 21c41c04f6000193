/* test_tokenize.c -- stage 3a: cutting normalized text into tokens (src/token). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "util/strmap.h"
#include "token/marked.h"

typedef tu_fx fx;
TU_ARENA_FIXTURE(fx)

static void tok(fx *f, const char *s) {
    arena_reset(&f->a);
    f->text = tu_tokenize(&f->a, s, &f->tl);
    assert_non_null(f->text);
}

/* Assert the exact sequence of token texts (as written, not folded). */
static void expect_texts(fx *f, const char *const *want, size_t n) {
    if (f->tl.n != n) {
        for (size_t i = 0; i < f->tl.n; i++) fprintf(stderr, "  token %zu: '%s'\n", i, tu_tok_text(f->text, &f->tl, i));
    }
    assert_int_equal(f->tl.n, n);
    for (size_t i = 0; i < n; i++) assert_string_equal(tu_tok_text(f->text, &f->tl, i), want[i]);
}
#define EXPECT_TEXTS(f, ...)                                                                                \
    do {                                                                                                    \
        static const char *const w_[] = {__VA_ARGS__};                                                      \
        expect_texts((f), w_, sizeof w_ / sizeof w_[0]);                                                    \
    } while (0)

static void test_possessive_split(void **state) {
    fx *f = *state;
    tok(f, "Russia's army");
    EXPECT_TEXTS(f, "Russia", "'s", "army");
    assert_int_equal(f->tl.v[0].kind, TK_WORD);
    assert_int_equal(f->tl.v[1].kind, TK_POSS);
    assert_string_equal(f->tl.v[1].low, "'s");
    assert_string_equal(f->tl.v[0].low, "russia");

    /* typographic apostrophe: folded to ASCII in the lower-case form */
    tok(f, "Iran\xE2\x80\x99s forces");
    EXPECT_TEXTS(f, "Iran", "\xE2\x80\x99s", "forces");
    assert_int_equal(f->tl.v[1].kind, TK_POSS);
    assert_string_equal(f->tl.v[1].low, "'s");

    /* a plural possessive: a bare apostrophe after s */
    tok(f, "the states' rights");
    EXPECT_TEXTS(f, "the", "states", "'", "rights");
    assert_int_equal(f->tl.v[2].kind, TK_POSS);
}

static void test_negation_split(void **state) {
    fx *f = *state;
    tok(f, "They didn't attend.");
    EXPECT_TEXTS(f, "They", "did", "n't", "attend", ".");
    assert_string_equal(f->tl.v[2].low, "n't");
    assert_int_equal(f->tl.v[2].kind, TK_WORD);

    tok(f, "didn\xE2\x80\x99t");
    EXPECT_TEXTS(f, "did", "n\xE2\x80\x99t");
    assert_string_equal(f->tl.v[1].low, "n't");

    tok(f, "can't won't");
    EXPECT_TEXTS(f, "ca", "n't", "wo", "n't");
}

/* Contractions after a pronoun or a modal are split like "n't" ("We're appealing" was one PROPN token "we're",
 * which left the verb without its subject); other words keep their apostrophes ("Sa'd", "O'Neill's"). */
static void test_contraction_split(void **state) {
    fx *f = *state;
    tok(f, "We're ready, I'm sure they'll come and we've seen it; they'd said so.");
    EXPECT_TEXTS(f, "We", "'re", "ready", ",", "I", "'m", "sure", "they", "'ll", "come", "and", "we", "'ve", "seen", "it",
                 ";", "they", "'d", "said", "so", ".");
    assert_string_equal(f->tl.v[1].low, "'re");
    assert_int_equal(f->tl.v[1].kind, TK_WORD);
    tok(f, "We\xE2\x80\x99re here, it could've been worse.");
    EXPECT_TEXTS(f, "We", "\xE2\x80\x99re", "here", ",", "it", "could", "'ve", "been", "worse", ".");
    assert_string_equal(f->tl.v[1].low, "'re");
    tok(f, "The Sa'd family and O'Neill's party; we'reading");
    EXPECT_TEXTS(f, "The", "Sa'd", "family", "and", "O'Neill", "'s", "party", ";", "we'reading");
}

static void test_internal_apostrophes_kept(void **state) {
    fx *f = *state;
    tok(f, "O'Brien of C\xC3\xB4te d'Ivoire");
    EXPECT_TEXTS(f, "O'Brien", "of", "C\xC3\xB4te", "d'Ivoire");
    assert_string_equal(f->tl.v[3].low, "d'ivoire");
    assert_string_equal(f->tl.v[2].low, "c\xC3\xB4te"); /* non-ASCII letters are kept as they are */
}

static void test_dashes(void **state) {
    fx *f = *state;
    tok(f, "has\xE2\x80\x93since");
    EXPECT_TEXTS(f, "has", "\xE2\x80\x93", "since");
    assert_int_equal(f->tl.v[1].kind, TK_DASH);
    assert_string_equal(f->tl.v[1].low, "--");

    tok(f, "war\xE2\x80\x94" "and -- peace - ok");
    EXPECT_TEXTS(f, "war", "\xE2\x80\x94", "and", "--", "peace", "-", "ok");
    assert_int_equal(f->tl.v[1].kind, TK_DASH);
    assert_int_equal(f->tl.v[3].kind, TK_DASH); /* two hyphens are a dash */
    assert_int_equal(f->tl.v[5].kind, TK_PUNCT); /* one free-standing hyphen is not */
}

static void test_abbreviations_and_hyphens_single_tokens(void **state) {
    fx *f = *state;
    tok(f, "Mr. Smith met U.S. envoys and al-Qaeda in Feb. last year.");
    EXPECT_TEXTS(f, "Mr.", "Smith", "met", "U.S.", "envoys", "and", "al-Qaeda", "in", "Feb.", "last", "year", ".");
    assert_true(f->tl.v[0].flags & TF_ABBR);
    assert_true(f->tl.v[0].flags & TF_TITLE);
    assert_true(f->tl.v[3].flags & TF_ABBR);
    assert_false(f->tl.v[3].flags & TF_TITLE);
    assert_string_equal(f->tl.v[3].low, "u.s.");
    assert_true(f->tl.v[8].flags & TF_ABBR);
    assert_false(f->tl.v[8].flags & TF_TITLE);
    assert_string_equal(f->tl.v[6].low, "al-qaeda");
    /* an ordinary word keeps its period out */
    assert_false(f->tl.v[10].flags & TF_ABBR);
    assert_int_equal(f->tl.v[11].kind, TK_PUNCT);
}

static void test_quotes(void **state) {
    fx *f = *state;
    tok(f, "said \"no\" and \xE2\x80\x9Cyes\xE2\x80\x9D or \xC2\xABoui\xC2\xBB");
    EXPECT_TEXTS(f, "said", "\"", "no", "\"", "and", "\xE2\x80\x9C", "yes", "\xE2\x80\x9D", "or", "\xC2\xAB", "oui",
                 "\xC2\xBB");
    size_t qs[] = {1, 3, 5, 7, 9, 11};
    for (size_t i = 0; i < sizeof qs / sizeof qs[0]; i++) {
        assert_int_equal(f->tl.v[qs[i]].kind, TK_QUOTE);
        assert_string_equal(f->tl.v[qs[i]].low, "\"");
    }
}

static void test_numbers(void **state) {
    fx *f = *state;
    tok(f, "1,000 troops, 3.5 percent, 3/4 of them, in 1999.");
    EXPECT_TEXTS(f, "1,000", "troops", ",", "3.5", "percent", ",", "3/4", "of", "them", ",", "in", "1999", ".");
    assert_int_equal(f->tl.v[0].kind, TK_NUM);
    assert_int_equal(f->tl.v[3].kind, TK_NUM);
    assert_int_equal(f->tl.v[6].kind, TK_NUM);
    assert_int_equal(f->tl.v[11].kind, TK_NUM);
    assert_false(f->tl.v[11].flags & TF_ABBR); /* a number never swallows a sentence period */
    /* a comma joins digits only */
    tok(f, "Kabul,Tashkent");
    EXPECT_TEXTS(f, "Kabul", ",", "Tashkent");
}

static void test_paragraph_flag(void **state) {
    fx *f = *state;
    tok(f, "One line.\nSame paragraph.\n\nNew paragraph.\n \n\tAnother.");
    int same = tu_find(&f->tl, "same"), newp = tu_find(&f->tl, "new"), another = tu_find(&f->tl, "another");
    assert_true(same > 0 && newp > 0 && another > 0);
    assert_false(f->tl.v[same].flags & TF_PARA);
    assert_true(f->tl.v[same].flags & TF_SPACE);
    assert_true(f->tl.v[newp].flags & TF_PARA);
    assert_true(f->tl.v[another].flags & TF_PARA); /* a line of only white space is blank */
    assert_false(f->tl.v[0].flags & TF_PARA);
    /* text that starts with a newline starts a paragraph */
    tok(f, "\nLead.");
    assert_true(f->tl.v[0].flags & TF_PARA);
}

static void test_spans_and_case_flags(void **state) {
    fx *f = *state;
    tok(f, "NATO and Nato, A UN envoy");
    EXPECT_TEXTS(f, "NATO", "and", "Nato", ",", "A", "UN", "envoy");
    for (size_t i = 0; i < f->tl.n; i++) {
        const token *t = &f->tl.v[i];
        assert_int_equal(strlen(t->low), t->lowlen);
        assert_true(t->off + t->len <= strlen(f->text));
        assert_int_equal(t->actor, -1);
    }
    assert_int_equal(f->tl.v[0].off, 0);
    assert_int_equal(f->tl.v[0].len, 4);
    assert_string_equal(f->tl.v[0].low, "nato");
    assert_true(f->tl.v[0].flags & TF_CAP);
    assert_true(f->tl.v[0].flags & TF_ALLCAP);
    assert_true(f->tl.v[2].flags & TF_CAP);
    assert_false(f->tl.v[2].flags & TF_ALLCAP);
    assert_false(f->tl.v[1].flags & TF_CAP);
    assert_true(f->tl.v[4].flags & TF_CAP);
    assert_false(f->tl.v[4].flags & TF_ALLCAP); /* one letter is not "all caps" */
    assert_true(f->tl.v[5].flags & TF_ALLCAP);
    assert_int_equal(f->tl.v[3].off, 13);
}

static void test_brackets_ellipsis_and_spaces(void **state) {
    fx *f = *state;
    /* U+00A0 no-break space separates words like a space */
    tok(f, "(Reuters)\xC2\xA0said... [sic] {x}");
    EXPECT_TEXTS(f, "(", "Reuters", ")", "said", "...", "[", "sic", "]", "{", "x", "}");
    assert_int_equal(f->tl.v[0].kind, TK_OPEN);
    assert_int_equal(f->tl.v[2].kind, TK_CLOSE);
    assert_int_equal(f->tl.v[5].kind, TK_OPEN);
    assert_int_equal(f->tl.v[7].kind, TK_CLOSE);
    assert_int_equal(f->tl.v[4].kind, TK_PUNCT);
    assert_true(f->tl.v[3].flags & TF_SPACE);
    assert_false(f->tl.v[2].flags & TF_SPACE);
}

static void test_range_from(void **state) {
    fx *f = *state;
    const char *text = "Skipped words. Kept words";
    token_list tl;
    assert_int_equal(tokenize(&f->a, text, 15, strlen(text), &tl), 0);
    assert_int_equal(tl.n, 2);
    assert_int_equal(tl.v[0].off, 15); /* offsets are relative to the whole text */
    assert_string_equal(tl.v[0].low, "kept");
    /* an empty range gives no tokens */
    assert_int_equal(tokenize(&f->a, text, 3, 3, &tl), 0);
    assert_int_equal(tl.n, 0);
}

/* Regression (was a bug in src/token/tokenize.c): a free-standing "n't" (pre-tokenized text such as "did n't", or "n't" alone)
 * yields an empty WORD token (len 0, low "") before the "n't" token: the word loop sees n + apostrophe + t,
 * steps back before the 'n' (j--) and so ends the word where it started. Coding still works by luck ("did
 * <empty> n't attack" is negated), but every later stage gets a zero-length token.
 * Reproduction: build/dyad explain "Russia did n't attack Georgia."
 *   -> tokens/tags: Russia/NOUN did/DO /NOUN n't/NEG attack/VERB ... */
static void test_free_standing_negation(void **state) {
    fx *f = *state;
    tok(f, "Russia did n't attack.");
    EXPECT_TEXTS(f, "Russia", "did", "n't", "attack", ".");
    for (size_t i = 0; i < f->tl.n; i++) assert_true(f->tl.v[i].len > 0);
}

/* The word scanner reads eight bytes at a time where it can and a byte at a time near the end of the text:
 * both must give every ASCII word its exact folded form, hash, kind and case flags. Random words of 1 to 20
 * letters and digits in mixed case, between spaces and punctuation, checked against what the form must be;
 * each text is cut at every one of its last 16 bytes, so that words meet the end at every offset. */
static int ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
static void test_word_scan_fast_and_slow(void **state) {
    fx *f = *state;
    static const char alpha[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static const char *const seps[] = {" ", "  ", ", ", ". ", "; ", " (", ") ", "\n\n", " \"", " - "};
    uint32_t rng = 12345;
#define RND(n) ((rng = rng * 1103515245u + 12345u), (rng >> 16) % (n))
    char text[4096];
    size_t words = 0, abbrs = 0, dates = 0;
    for (int round = 0; round < 60; round++) {
        size_t n = 0;
        while (n < 400) {
            size_t wl = 1 + RND(20);
            int mode = (int)RND(4); /* 0 lower, 1 Capitalised, 2 UPPER, 3 any (letters and digits) */
            if (RND(6) == 0) { /* a word of the marked table (dates, titles, signals), in the case the mode says */
                static const char *const MARKED[] = {"monday", "may", "jan", "today", "mr", "sept", "twelve",
                                                     "september", "yesterday", "copyright", "subscription", "a"};
                const char *m = MARKED[RND(sizeof MARKED / sizeof *MARKED)];
                wl = strlen(m);
                for (size_t k = 0; k < wl; k++)
                    text[n++] = (char)(mode == 2 || (mode == 1 && k == 0) ? m[k] - 32 : m[k]);
                wl = 0;
            }
            for (size_t k = 0; k < wl; k++) {
                char c = alpha[RND(mode == 3 ? 62 : 26)];
                if (mode == 2 || (mode == 1 && k == 0)) c = (char)(c - 32);
                text[n++] = c;
            }
            const char *sp = seps[RND(10)];
            memcpy(text + n, sp, strlen(sp));
            n += strlen(sp);
        }
        text[n] = 0;
        for (size_t cut = n - 16; cut <= n; cut++) {
            arena_reset(&f->a);
            token_list tl;
            assert_int_equal(tokenize(&f->a, text, 0, cut, &tl), 0);
            for (size_t i = 0; i < tl.n; i++) {
                const token *t = &tl.v[i];
                if (t->kind != TK_WORD && t->kind != TK_NUM) continue;
                assert_true(t->off + t->len <= cut);
                abbrs += (t->flags & TF_ABBR) != 0, words++;
                int up = 0, low = 0, dig = 0;
                assert_int_equal(t->lowlen, t->len);
                size_t wl = t->len;
                if (t->flags & TF_ABBR) { /* "A." and the listed abbreviations keep their period */
                    assert_int_equal(text[t->off + --wl], '.');
                    assert_int_equal(t->low[wl], '.');
                }
                for (size_t k = 0; k < wl; k++) {
                    char c = text[t->off + k];
                    assert_true(ascii_alnum(c));
                    up |= c >= 'A' && c <= 'Z', low |= c >= 'a' && c <= 'z', dig |= c >= '0' && c <= '9';
                    assert_int_equal(t->low[k], c >= 'A' && c <= 'Z' ? c + 32 : c);
                }
                assert_int_equal(t->low[t->len], 0);
                /* the word is whole: no letter or digit right before or after it */
                if (t->off > 0) assert_false(ascii_alnum(text[t->off - 1]));
                if (t->off + t->len < cut) assert_false(ascii_alnum(text[t->off + t->len]));
                assert_true(t->hash == strmap_hash(t->low, t->lowlen));
                assert_int_equal(t->wbit, (uint8_t)t->hash);
                assert_int_equal(t->kind, !up && !low ? TK_NUM : TK_WORD);
                /* TF_DATE as the table says of the whole form (the scanner asks it from its first block) */
                assert_int_equal(!!(t->flags & TF_DATE), t->kind == TK_WORD && (mw_lookup(t->low, t->lowlen) & MW_DATE));
                dates += (t->flags & TF_DATE) != 0;
                assert_int_equal(!!(t->flags & TF_CAP), text[t->off] >= 'A' && text[t->off] <= 'Z');
                assert_int_equal(!!(t->flags & TF_ALLCAP), up && !low && t->len > 1);
                (void)dig;
            }
        }
    }
    assert_true(words > 20000 && abbrs > 0 && dates > 1000);
#undef RND
}

/* The table of marked words (token/marked.h) answers for exactly the words of the four lists, with their
 * classes, through both lookups; the tokenizer sets TF_DATE, TF_ABBR and TF_TITLE from it. The lists are
 * written out here again on purpose: a word lost from the table, or one that lands in another's slot, fails. */
static void test_marked_words(void **state) {
    fx *f = *state;
    static const char *const DATES[] = {"a", "an", "apr.", "april", "aug.", "august", "dec.", "december", "eight",
        "eleven", "few", "feb.", "five", "four", "friday", "february", "jan.", "jun.", "jul.", "june", "july",
        "january", "last", "may", "mar.", "march", "monday", "nov.", "nine", "next", "november", "one", "oct.",
        "october", "six", "sep.", "seven", "sept.", "sunday", "several", "saturday", "september", "ten", "two",
        "this", "three", "today", "twelve", "tonight", "tuesday", "thursday", "tomorrow", "wednesday", "yesterday",
        "zero"};
    static const char *const TITLES[] = {"mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "capt", "maj", "adm",
        "gov", "sen", "rep", "rev", "prof", "pres", "st", "messrs", "cmdr", "brig", "fr", "hon", "amb", "supt",
        "insp", "no"};
    static const char *const ABBRS[] = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "inc", "ltd", "corp", "co", "jr", "sr", "vs", "etc", "dept", "est", "approx", "govt", "mt",
        "ft", "univ", "assn", "bros"};
    static const struct { const char *w; int sig; } SIGS[] = {{"copyright", SIG_COPYRIGHT},
        {"\xc2\xa9", SIG_COPYRIGHT}, {"c", SIG_C}, {"contact", SIG_CONTACT}, {"reserved", SIG_RESERVED},
        {"@", SIG_AT}, {"subscribe", SIG_WEAK}, {"subscribing", SIG_WEAK}, {"subscription", SIG_WEAK},
        {"unsubscribe", SIG_WEAK}, {"newsletter", SIG_WEAK}, {"e-mail", SIG_WEAK}, {"email", SIG_WEAK},
        {"fax", SIG_WEAK}, {"telephone", SIG_WEAK}, {"reproduction", SIG_WEAK}, {"redistribution", SIG_WEAK}};
    size_t listed = 0;
    char buf[32];
#define EXPECT_CLASS(w, bits)                                                                                \
    do {                                                                                                     \
        size_t n_ = strlen(w);                                                                               \
        memset(buf, 'x', sizeof buf);                                                                        \
        memcpy(buf, (w), n_);                                                                                \
        assert_int_equal(mw_lookup((w), n_) & (bits), (bits));                                               \
        assert_int_equal(mw_lookup_padded(buf, n_), mw_lookup((w), n_));                                     \
    } while (0)
    for (size_t i = 0; i < sizeof DATES / sizeof *DATES; i++) { EXPECT_CLASS(DATES[i], MW_DATE); listed++; }
    for (size_t i = 0; i < sizeof TITLES / sizeof *TITLES; i++) { EXPECT_CLASS(TITLES[i], MW_TITLE); listed++; }
    for (size_t i = 0; i < sizeof ABBRS / sizeof *ABBRS; i++) { EXPECT_CLASS(ABBRS[i], MW_ABBR); listed++; }
    for (size_t i = 0; i < sizeof SIGS / sizeof *SIGS; i++) {
        EXPECT_CLASS(SIGS[i].w, MW_SIG(SIGS[i].sig));
        assert_int_equal(mw_sig(mw_lookup(SIGS[i].w, strlen(SIGS[i].w))), SIGS[i].sig);
        listed++;
    }
#undef EXPECT_CLASS
    /* the table holds these words and no others (no word is in two lists) */
    size_t entries = 0;
    while (MW_WORDS[entries + 1].n) {
        entries++;
        assert_int_equal(strnlen(MW_WORDS[entries].w, sizeof MW_WORDS[entries].w), MW_WORDS[entries].n);
    }
    assert_int_equal(entries, listed);
    /* words that are not listed, near ones that are */
    static const char *const NOT[] = {"the", "of", "mayor", "jane", "apri", "todays", "tod", "mrx", "m", "b",
                                      "dec", "septembe", "e-mails", "@@", "--", "\"", "copyrights", ""};
    for (size_t i = 0; i < sizeof NOT / sizeof *NOT; i++) {
        memset(buf, 0, sizeof buf);
        memcpy(buf, NOT[i], strlen(NOT[i]));
        if (!strcmp(NOT[i], "dec")) assert_int_equal(mw_lookup(NOT[i], 3), MW_ABBR); /* "dec" is, without the period */
        else assert_int_equal(mw_lookup(NOT[i], strlen(NOT[i])), 0);
        assert_int_equal(mw_lookup_padded(buf, strlen(NOT[i])), mw_lookup(NOT[i], strlen(NOT[i])));
    }
    /* the tokenizer's flags from it, in any case */
    tok(f, "MR. Jones and Gen. Ivanov met the Acme CORP. team on SEPT. 3, Monday, and the mayor spoke today.");
    assert_true((f->tl.v[0].flags & (TF_ABBR | TF_TITLE)) == (TF_ABBR | TF_TITLE));
    assert_true((f->tl.v[3].flags & (TF_ABBR | TF_TITLE)) == (TF_ABBR | TF_TITLE));
    int corp = tu_find(&f->tl, "corp."), sept = tu_find(&f->tl, "sept."), mon = tu_find(&f->tl, "monday");
    int mayor = tu_find(&f->tl, "mayor"), today = tu_find(&f->tl, "today");
    assert_true(corp > 0 && sept > 0 && mon > 0 && mayor > 0 && today > 0);
    assert_true((f->tl.v[corp].flags & (TF_ABBR | TF_TITLE)) == TF_ABBR);
    assert_true((f->tl.v[sept].flags & (TF_ABBR | TF_DATE)) == (TF_ABBR | TF_DATE));
    assert_true(f->tl.v[mon].flags & TF_DATE);
    assert_true(f->tl.v[today].flags & TF_DATE);
    assert_false(f->tl.v[mayor].flags & TF_DATE);
    assert_false(f->tl.v[corp].flags & TF_DATE);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_free_standing_negation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_possessive_split, setup, teardown),
        cmocka_unit_test_setup_teardown(test_negation_split, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contraction_split, setup, teardown),
        cmocka_unit_test_setup_teardown(test_internal_apostrophes_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dashes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_abbreviations_and_hyphens_single_tokens, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quotes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_paragraph_flag, setup, teardown),
        cmocka_unit_test_setup_teardown(test_spans_and_case_flags, setup, teardown),
        cmocka_unit_test_setup_teardown(test_brackets_ellipsis_and_spaces, setup, teardown),
        cmocka_unit_test_setup_teardown(test_range_from, setup, teardown),
        cmocka_unit_test_setup_teardown(test_word_scan_fast_and_slow, setup, teardown),
        cmocka_unit_test_setup_teardown(test_marked_words, setup, teardown),
    };
    return cmocka_run_group_tests_name("tokenize", tests, NULL, NULL);
}
