/* test_sentences.c -- every coded sentence in the result on request: dyad_coder_set_flags with
 * DYAD_CODER_SENTENCES, dyad_result.sentences (src/dyad.c). `dyad ingest` stores them all. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

static void test_off_by_default(void **state) {
    dyad_coder *c = *state;
    const dyad_result *r;
    TU_CODE(c, "Russia attacked Georgia. The weather was mild.", "2008-08-08", r);
    assert_int_equal(r->n_events, 1);
    assert_null(r->sentences);
    assert_int_equal(r->n_coded, 0);
}

static void test_every_sentence_with_its_text(void **state) {
    dyad_coder *c = *state;
    const dyad_result *r;
    dyad_coder_set_flags(c, DYAD_CODER_SENTENCES);
    TU_CODE(c, "Russia attacked Georgia. The weather was mild in the valley.\n\nIran condemned Israel.", "2008-08-08", r);
    assert_int_equal(r->n_sentences, 3);
    assert_int_equal(r->n_coded, 3);
    assert_non_null(r->sentences);
    for (int i = 0; i < 3; i++) assert_int_equal(r->sentences[i].sent, i);
    assert_string_equal(r->sentences[0].text, "Russia attacked Georgia.");
    assert_string_equal(r->sentences[1].text, "The weather was mild in the valley.");
    assert_string_equal(r->sentences[2].text, "Iran condemned Israel.");
    /* an event's text is its sentence's, not a second copy */
    assert_int_equal(r->n_events, 2);
    for (size_t i = 0; i < r->n_events; i++) {
        int s = r->events[i].sent;
        assert_true(s == 0 || s == 2);
        assert_ptr_equal(r->events[i].text, r->sentences[s].text);
    }
    /* turned off again: no list */
    dyad_coder_set_flags(c, 0);
    TU_CODE(c, "Russia attacked Georgia. The weather was mild.", "2008-08-08", r);
    assert_null(r->sentences);
    assert_int_equal(r->n_coded, 0);
    assert_string_equal(r->events[0].text, "Russia attacked Georgia.");
}

static void test_boilerplate_left_out(void **state) {
    dyad_coder *c = *state;
    const dyad_result *r;
    dyad_coder_set_flags(c, DYAD_CODER_SENTENCES);
    TU_CODE(c,
            "Russia attacked Georgia.\n\nFor subscriptions, e-mail info@example.com. Copyright 2003 Example Inc. All "
            "rights reserved. Russia attacked Georgia.",
            "2003-05-14", r);
    assert_true(r->boilerplate_sentences >= 1);
    assert_int_equal(r->n_coded, r->n_sentences - r->boilerplate_sentences);
    for (size_t i = 0; i < r->n_coded; i++) assert_null(strstr(r->sentences[i].text, "Copyright"));
}

static void test_long_document_across_windows(void **state) {
    dyad_coder *c = *state;
    const dyad_result *r;
    dyad_coder_set_flags(c, DYAD_CODER_SENTENCES);
    /* more than one 64 KB window of text: sentences stay whole and in order */
    size_t n = 4000, cap = n * 48 + 1, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, cap - len, i % 2 ? "The river rose by %zu centimetres. " : "Russia attacked Georgia %zu times. ", i);
    TU_CODE(c, text, "2008-08-08", r);
    assert_int_equal(r->n_sentences, n);
    assert_int_equal(r->n_coded, n);
    for (size_t i = 0; i < n; i++) {
        char want[64];
        snprintf(want, sizeof want, i % 2 ? "The river rose by %zu centimetres." : "Russia attacked Georgia %zu times.", i);
        assert_int_equal(r->sentences[i].sent, (int)i);
        assert_string_equal(r->sentences[i].text, want);
    }
    free(text);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_off_by_default, tu_coder_setup, tu_coder_teardown),
        cmocka_unit_test_setup_teardown(test_every_sentence_with_its_text, tu_coder_setup, tu_coder_teardown),
        cmocka_unit_test_setup_teardown(test_boilerplate_left_out, tu_coder_setup, tu_coder_teardown),
        cmocka_unit_test_setup_teardown(test_long_document_across_windows, tu_coder_setup, tu_coder_teardown),
    };
    return cmocka_run_group_tests_name("sentences", tests, NULL, NULL);
}
