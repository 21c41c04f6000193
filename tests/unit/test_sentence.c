/* test_sentence.c -- stage 2: sentence boundaries and boilerplate paragraphs (src/sentence). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "sentence/sentence.h"
#include "token/marked.h"

typedef struct fx {
    arena a;
    token_list tl;
    sentence_list ss;
    const char *text;
    char buf[1024];
} fx;
TU_ARENA_FIXTURE(fx)

static void split(fx *f, const char *s) {
    arena_reset(&f->a);
    f->text = tu_tokenize(&f->a, s, &f->tl);
    assert_non_null(f->text);
    assert_int_equal(split_sentences(&f->a, &f->tl, f->text, &f->ss), 0);
    mark_boilerplate(&f->tl, f->text, &f->ss);
}

/* The text of sentence I, from its first token to its last. */
static const char *sent(fx *f, size_t i) {
    assert_true(i < f->ss.n);
    const sentence *s = &f->ss.v[i];
    assert_true(s->end > s->start);
    const token *a = &f->tl.v[s->start], *b = &f->tl.v[s->end - 1];
    size_t n = b->off + b->len - a->off;
    assert_true(n < sizeof f->buf);
    memcpy(f->buf, f->text + a->off, n);
    f->buf[n] = 0;
    return f->buf;
}

/* sentence.brackets: set exactly when one of the sentence's tokens opens a bracket (the citations pass skips the
 * others), across a paragraph break and with closing quotes and brackets after the period */
static void test_brackets_flag(void **state) {
    fx *f = *state;
    split(f, "Envoys met (in private) on Monday. Talks went on.\n\nThe council [of elders] agreed \"(in part).\" Rain fell.");
    assert_true(f->ss.n == 4);
    for (size_t i = 0; i < f->ss.n; i++) {
        int open = 0;
        for (size_t k = f->ss.v[i].start; k < f->ss.v[i].end; k++) open |= f->tl.v[k].kind == TK_OPEN;
        assert_int_equal(f->ss.v[i].brackets, open);
    }
    assert_int_equal(f->ss.v[0].brackets, 1);
    assert_int_equal(f->ss.v[1].brackets, 0);
    assert_int_equal(f->ss.v[2].brackets, 1);
    assert_int_equal(f->ss.v[3].brackets, 0);
}

static void dump(fx *f) {
    for (size_t i = 0; i < f->ss.n; i++) fprintf(stderr, "  sentence %zu: '%s'\n", i, sent(f, i));
}

static void expect_n(fx *f, size_t n) {
    if (f->ss.n != n) dump(f);
    assert_int_equal(f->ss.n, n);
}

static void test_simple_split_and_coverage(void **state) {
    fx *f = *state;
    split(f, "Russia protested. Georgia replied. Talks went on.");
    expect_n(f, 3);
    assert_string_equal(sent(f, 0), "Russia protested.");
    assert_string_equal(sent(f, 1), "Georgia replied.");
    assert_string_equal(sent(f, 2), "Talks went on.");
    /* the sentences tile the token list */
    assert_int_equal(f->ss.v[0].start, 0);
    for (size_t i = 1; i < f->ss.n; i++) assert_int_equal(f->ss.v[i].start, f->ss.v[i - 1].end);
    assert_int_equal(f->ss.v[f->ss.n - 1].end, f->tl.n);
}

static void test_titles_do_not_split(void **state) {
    fx *f = *state;
    split(f, "Mr. Smith met Gen. Ivanov and Dr. Rahmon in Washington. They talked.");
    expect_n(f, 2);
    assert_string_equal(sent(f, 0), "Mr. Smith met Gen. Ivanov and Dr. Rahmon in Washington.");
}

static void test_abbreviation_before_lower_case(void **state) {
    fx *f = *state;
    split(f, "The U.S. delegation arrived in Feb. and left.");
    expect_n(f, 1);
    /* initials and decimals do not end a sentence either */
    split(f, "George W. Bush arrived. The rate was 3.5 percent.");
    expect_n(f, 2);
    assert_string_equal(sent(f, 0), "George W. Bush arrived.");
    assert_string_equal(sent(f, 1), "The rate was 3.5 percent.");
}

static void test_abbreviation_before_sentence_starter(void **state) {
    fx *f = *state;
    /* "... with the U.S. The talks": the abbreviation's period also ends the sentence */
    split(f, "Uzbekistan signed an accord with the U.S. The talks lasted a week.");
    expect_n(f, 2);
    assert_string_equal(sent(f, 0), "Uzbekistan signed an accord with the U.S.");
    assert_string_equal(sent(f, 1), "The talks lasted a week.");
}

static void test_bracketed_citation_stays(void **state) {
    fx *f = *state;
    split(f, "Moscow protested the decision (see the Monitor, January 27). Talks resumed later.");
    expect_n(f, 2);
    assert_string_equal(sent(f, 0), "Moscow protested the decision (see the Monitor, January 27).");
    assert_string_equal(sent(f, 1), "Talks resumed later.");
    /* a period inside brackets does not end the sentence */
    split(f, "Tashkent (the capital. It is large) replied.");
    expect_n(f, 1);
}

static void test_exclamation_and_question(void **state) {
    fx *f = *state;
    split(f, "Stop the war! Will they listen? Nobody knows.");
    expect_n(f, 3);
    assert_string_equal(sent(f, 0), "Stop the war!");
    assert_string_equal(sent(f, 1), "Will they listen?");
    assert_string_equal(sent(f, 2), "Nobody knows.");
}

static void test_closing_quote_belongs_to_sentence(void **state) {
    fx *f = *state;
    split(f, "He said \"We will go.\" Then he left.");
    expect_n(f, 2);
    assert_string_equal(sent(f, 0), "He said \"We will go.\"");
    assert_string_equal(sent(f, 1), "Then he left.");
}

static void test_lower_case_after_period_does_not_split(void **state) {
    fx *f = *state;
    split(f, "The talks ended. then resumed");
    expect_n(f, 1);
}

static void test_paragraph_break_ends_sentence(void **state) {
    fx *f = *state;
    split(f, "A headline without a period\n\nThe text begins here. It goes on.\n\nLast paragraph");
    expect_n(f, 4);
    assert_string_equal(sent(f, 0), "A headline without a period");
    assert_string_equal(sent(f, 1), "The text begins here.");
    assert_int_equal(f->ss.v[0].para, 0);
    assert_int_equal(f->ss.v[1].para, 1);
    assert_int_equal(f->ss.v[2].para, 1);
    assert_int_equal(f->ss.v[3].para, 2);
    assert_string_equal(sent(f, 3), "Last paragraph");
}

static void test_boilerplate_paragraph_flagged(void **state) {
    fx *f = *state;
    split(f, "Russia protested. Georgia replied.\n\n"
             "For subscriptions, e-mail info@example.com. Copyright 2003 Example Inc. All rights reserved.");
    assert_true(f->ss.n >= 3);
    assert_int_equal(f->ss.v[0].boilerplate, 0);
    assert_int_equal(f->ss.v[1].boilerplate, 0);
    for (size_t i = 2; i < f->ss.n; i++) {
        assert_int_equal(f->ss.v[i].para, 1);
        assert_int_equal(f->ss.v[i].boilerplate, 1);
    }
}

static void test_normal_paragraph_not_flagged(void **state) {
    fx *f = *state;
    split(f, "Russia protested the court ruling. Georgia replied on Tuesday.\n\n"
             "Officials said the talks would resume. The e-mail was leaked.");
    assert_int_equal(f->ss.n, 4);
    for (size_t i = 0; i < f->ss.n; i++) assert_int_equal(f->ss.v[i].boilerplate, 0);
}

static void test_lone_copyright_sentence_flagged(void **state) {
    fx *f = *state;
    /* a strong signal flags its own sentence even in a paragraph that scores low */
    split(f, "Officials met in Tashkent. (c) 2003 The Monitor.");
    expect_n(f, 2);
    assert_int_equal(f->ss.v[0].boilerplate, 0);
    assert_int_equal(f->ss.v[1].boilerplate, 1);
}

/* Regression: an e-mail address is a boilerplate signal. The tokenizer cuts "editor@monitor.org" into three
 * tokens (editor, @, monitor.org), so a check for '@' inside one word never fired; the '@' token between
 * two words with no spaces is the signal now. */
static void test_email_address_is_a_signal(void **state) {
    fx *f = *state;
    split(f, "Russia protested.\n\nLetters: editor@monitor.org for details.");
    expect_n(f, 2);
    assert_int_equal(f->ss.v[0].boilerplate, 0);
    assert_int_equal(f->ss.v[1].boilerplate, 1);
    /* a Twitter handle is not an address */
    split(f, "Russia protested.\n\nThe ministry wrote on @MFA_Russia about it.");
    expect_n(f, 2);
    assert_int_equal(f->ss.v[1].boilerplate, 0);
}

/* Check that list[0..n) holds, in order, exactly the indices of the tokens of f for which want(token) is true, and
 * return a list of every token's index (the full scan a recorded list stands for), in the arena. */
static uint32_t *check_recorded(fx *f, const uint32_t *list, size_t n, int (*want)(const token *)) {
    size_t c = 0;
    for (size_t i = 0; i < f->tl.n; i++)
        if (want(&f->tl.v[i])) {
            assert_true(c < n);
            assert_int_equal(list[c], i);
            c++;
        }
    assert_int_equal(c, n);
    uint32_t *all = arena_alloc(&f->a, (f->tl.n + 1) * sizeof *all);
    assert_non_null(all);
    for (size_t i = 0; i < f->tl.n; i++) all[i] = (uint32_t)i;
    return all;
}
static int can_signal(const token *t) { return mw_sig(mw_lookup(t->low, t->lowlen)) != SIG_NONE; }
static int not_plain(const token *t) { return t->kind != TK_WORD || (t->flags & (TF_PARA | TF_ABBR | TF_DATE)); }

/* The fast path of mark_boilerplate: the tokenizer records exactly the tokens whose form can give a signal (mw_sig)
 * (token_list.sig, in order), and marking from those gives the same sentences as marking from every token (a
 * list of all the indices: the full scan there was). Texts with signals in many places: dense footers, a lone
 * (c), signals in the first and last token, a paragraph of more than 64 sentences, typographic and odd forms. */
static void test_boilerplate_from_recorded_tokens(void **state) {
    fx *f = *state;
    static char big[8192];
    size_t o = 0;
    for (int k = 0; k < 70; k++) /* one paragraph of 70 sentences, two strong signals in it */
        o += (size_t)snprintf(big + o, sizeof big - o, "%s ", k == 3 ? "Copyright holders sued." : k == 66 ? "Fax (c) them." : "Talks went on.");
    const char *texts[] = {
        "Russia protested. Georgia replied.\n\nFor subscriptions, e-mail info@example.com. Copyright 2003 Example Inc. All rights reserved.",
        "Officials met in Tashkent. (c) 2003 The Monitor.",
        "Copyright holders met.\n\nPlease contact us. Subscribe to the newsletter. Fax 555. Telephone 556.\n\nThe talks ended. Email",
        "\xc2\xa9 2004 Reuters. Reproduction and redistribution prohibited. All rights reserved.\n\nUNSUBSCRIBE here. "
        "Call editor@monitor.org now. The ministry wrote on @MFA_Russia. Rights Reserved.",
        "Contact was made. The E-mail was leaked. A subscription, subscribing: subscribe!",
        big,
        "",
    };
    for (size_t ti = 0; ti < sizeof texts / sizeof *texts; ti++) {
        split(f, texts[ti]);
        /* the recorded tokens are those whose form can give a signal, in order; marked from every token */
        token_list all = f->tl;
        all.sig = check_recorded(f, f->tl.sig, f->tl.nsig, can_signal);
        all.nsig = all.capsig = f->tl.n;
        sentence_list ref = f->ss;
        ref.v = arena_alloc(&f->a, (f->ss.n + 1) * sizeof *ref.v);
        assert_non_null(ref.v);
        for (size_t k = 0; k < f->ss.n; k++) ref.v[k] = f->ss.v[k], ref.v[k].boilerplate = 0;
        mark_boilerplate(&all, f->text, &ref);
        int marked = 0;
        for (size_t k = 0; k < f->ss.n; k++) {
            assert_int_equal(ref.v[k].boilerplate, f->ss.v[k].boilerplate);
            marked += f->ss.v[k].boilerplate;
        }
        if (ti < 2 || ti == 3) assert_true(marked > 0);
        if (ti == 5) { /* the long paragraph: only the two sentences with a strong signal */
            assert_int_equal(marked, 2);
            assert_int_equal(f->ss.v[3].boilerplate, 1);
            assert_int_equal(f->ss.v[66].boilerplate, 1);
        }
    }
}

/* The fast path of split_sentences: the tokenizer records exactly the tokens that are not plain words
 * (token_list.mark: not TK_WORD, or TF_PARA, TF_ABBR, TF_DATE), and splitting from those gives the sentences
 * that splitting from every token gives (a list of all the indices: the full scan there was). */
static void test_split_from_recorded_tokens(void **state) {
    fx *f = *state;
    const char *texts[] = {
        "Russia protested. Georgia replied. Talks went on.",
        "Mr. Smith met Gen. Ivanov in the U.S. The talks (in Geneva. Really.) went on! Did they? \"Yes.\" Fine.",
        "He said \"it is over.\" Then he left... and came back. On Monday, 3 May 2004, the 2,000 troops left.\n\n"
        "A new paragraph (with [nested] brackets) ends here.\n\nLast one -- with dashes \xe2\x80\x94 and \xe2\x80\x9cquotes\xe2\x80\x9d.",
        "The U.S. The talks. Jan. 5 the Corp. met. It was 3.5 percent. \xc2\xa9 2004 Reuters. E-mail us@example.org!",
        "no punctuation at all",
        "",
    };
    for (size_t ti = 0; ti < sizeof texts / sizeof *texts; ti++) {
        split(f, texts[ti]);
        token_list all = f->tl;
        all.mark = check_recorded(f, f->tl.mark, f->tl.nmark, not_plain);
        all.nmark = all.capmark = f->tl.n;
        sentence_list ref;
        assert_int_equal(split_sentences(&f->a, &all, f->text, &ref), 0);
        assert_int_equal(ref.n, f->ss.n);
        for (size_t k = 0; k < ref.n; k++) {
            assert_int_equal(ref.v[k].start, f->ss.v[k].start);
            assert_int_equal(ref.v[k].end, f->ss.v[k].end);
            assert_int_equal(ref.v[k].para, f->ss.v[k].para);
            assert_int_equal(ref.v[k].brackets, f->ss.v[k].brackets);
        }
        if (ti < 4) assert_true(f->ss.n > 2);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_simple_split_and_coverage, setup, teardown),
        cmocka_unit_test_setup_teardown(test_brackets_flag, setup, teardown),
        cmocka_unit_test_setup_teardown(test_titles_do_not_split, setup, teardown),
        cmocka_unit_test_setup_teardown(test_abbreviation_before_lower_case, setup, teardown),
        cmocka_unit_test_setup_teardown(test_abbreviation_before_sentence_starter, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bracketed_citation_stays, setup, teardown),
        cmocka_unit_test_setup_teardown(test_exclamation_and_question, setup, teardown),
        cmocka_unit_test_setup_teardown(test_closing_quote_belongs_to_sentence, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lower_case_after_period_does_not_split, setup, teardown),
        cmocka_unit_test_setup_teardown(test_paragraph_break_ends_sentence, setup, teardown),
        cmocka_unit_test_setup_teardown(test_boilerplate_paragraph_flagged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_normal_paragraph_not_flagged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lone_copyright_sentence_flagged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_email_address_is_a_signal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_boilerplate_from_recorded_tokens, setup, teardown),
        cmocka_unit_test_setup_teardown(test_split_from_recorded_tokens, setup, teardown),
    };
    return cmocka_run_group_tests_name("sentence", tests, NULL, NULL);
}
