/* test_date.c -- calendar arithmetic and relative date expressions (src/event/date.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "event/date.h"

#define DOC 20030514 /* a Wednesday */

/* Tokenize S and read a date expression at its token AT; returns the number of tokens used. */
static int dexpr_at(const char *s, size_t at, int32_t doc, int32_t *out) {
    arena a;
    arena_init(&a);
    token_list tl;
    assert_non_null(tu_tokenize(&a, s, &tl));
    assert_true(at < tl.n);
    *out = -1;
    int n = date_expr(tl.v, at, tl.n, doc, out);
    arena_free(&a);
    return n;
}

/* Assert that S (read at its first token) uses NTOK tokens and resolves to WANT. */
static void expect_expr(const char *s, int32_t doc, int ntok, int32_t want) {
    int32_t got;
    int n = dexpr_at(s, 0, doc, &got);
    if (n != ntok || (ntok && got != want))
        fprintf(stderr, "'%s' (doc %d): %d tokens, %d; expected %d tokens, %d\n", s, doc, n, got, ntok, want);
    assert_int_equal(n, ntok);
    if (ntok) assert_int_equal(got, want);
}

static void test_parse_iso(void **state) {
    (void)state;
    assert_int_equal(date_parse_iso("1999-02-05"), 19990205);
    assert_int_equal(date_parse_iso("2000-02-29"), 20000229); /* divisible by 400: leap */
    assert_int_equal(date_parse_iso("1900-02-29"), 0);        /* divisible by 100: not leap */
    assert_int_equal(date_parse_iso("2003-02-29"), 0);
    assert_int_equal(date_parse_iso("2003-04-31"), 0);
    assert_int_equal(date_parse_iso("2003-13-01"), 0);
    assert_int_equal(date_parse_iso("2003-00-10"), 0);
    assert_int_equal(date_parse_iso("1999-2-5"), 0);
    assert_int_equal(date_parse_iso("1999-02-05T10:00"), 0);
    assert_int_equal(date_parse_iso("yesterday"), 0);
    assert_int_equal(date_parse_iso(""), 0);
    assert_int_equal(date_parse_iso(NULL), 0);
    assert_true(dyad_date_valid("2024-02-29"));
    assert_false(dyad_date_valid("2023-02-29"));
}

static void test_format(void **state) {
    (void)state;
    char buf[11];
    date_format(19990205, buf);
    assert_string_equal(buf, "1999-02-05");
    date_format(20031231, buf);
    assert_string_equal(buf, "2003-12-31");
    date_format(0, buf);
    assert_string_equal(buf, "");
}

static void test_add_days(void **state) {
    (void)state;
    assert_int_equal(date_add_days(20031231, 1), 20040101);
    assert_int_equal(date_add_days(20040101, -1), 20031231);
    assert_int_equal(date_add_days(20000228, 1), 20000229);
    assert_int_equal(date_add_days(19000228, 1), 19000301);
    assert_int_equal(date_add_days(20040301, -1), 20040229);
    assert_int_equal(date_add_days(20030301, -1), 20030228);
    assert_int_equal(date_add_days(20030131, 1), 20030201);
    assert_int_equal(date_add_days(DOC, 365), 20040513); /* crosses 2004-02-29 */
    assert_int_equal(date_add_days(DOC, 0), DOC);
    assert_int_equal(date_add_days(date_add_days(DOC, -10000), 10000), DOC);
    assert_int_equal(date_add_days(0, 5), 0); /* no date stays no date */
}

static void test_add_months(void **state) {
    (void)state;
    assert_int_equal(date_add_months(20030131, 1), 20030228); /* clamped to the month's end */
    assert_int_equal(date_add_months(20040131, 1), 20040229);
    assert_int_equal(date_add_months(20031215, 1), 20040115);
    assert_int_equal(date_add_months(20030315, -3), 20021215);
    assert_int_equal(date_add_months(20000229, 12), 20010228);
    assert_int_equal(date_add_months(20030531, -1), 20030430);
    assert_int_equal(date_add_months(20030115, -12), 20020115);
    assert_int_equal(date_add_months(0, 1), 0);
}

static void test_weekday(void **state) {
    (void)state;
    assert_int_equal(date_weekday(DOC), 3);      /* Wednesday */
    assert_int_equal(date_weekday(20000101), 6); /* Saturday */
    assert_int_equal(date_weekday(19700101), 4); /* Thursday */
    assert_int_equal(date_weekday(20240229), 4); /* Thursday */
    assert_int_equal(date_weekday(19990205), 5); /* Friday */
    assert_int_equal(date_weekday(20030511), 0); /* Sunday */
}

static void test_yesterday_today_tomorrow(void **state) {
    (void)state;
    expect_expr("yesterday", DOC, 1, 20030513);
    expect_expr("Yesterday", 20030301, 1, 20030228);
    expect_expr("today", DOC, 1, DOC);
    expect_expr("tomorrow", 20031231, 1, 20040101);
    expect_expr("last night", DOC, 2, 20030513);
}

static void test_weekdays(void **state) {
    (void)state;
    int32_t d;
    /* "on Tuesday": the expression starts at the weekday */
    assert_int_equal(dexpr_at("on Tuesday", 1, DOC, &d), 1);
    assert_int_equal(d, 20030513);
    expect_expr("Wednesday", DOC, 1, DOC); /* on or before the document date */
    expect_expr("Thursday", DOC, 1, 20030508);
    expect_expr("Sunday", DOC, 1, 20030511);
    expect_expr("last Tuesday", DOC, 2, 20030513);
    expect_expr("last Wednesday", DOC, 2, 20030507); /* "last" never means today */
    expect_expr("next Friday", DOC, 2, 20030516);
}

static void test_ago(void **state) {
    (void)state;
    expect_expr("two weeks ago", DOC, 3, 20030430);
    expect_expr("3 days ago", DOC, 3, 20030511);
    expect_expr("a year ago", DOC, 3, 20020514);
    expect_expr("six months ago", DOC, 3, 20021114);
    expect_expr("two weeks later", DOC, 0, 0);
}

static void test_last_period(void **state) {
    (void)state;
    expect_expr("last month", DOC, 2, 20030414);
    expect_expr("last month", 20030331, 2, 20030228);
    expect_expr("last week", DOC, 2, 20030507);
    expect_expr("last year", DOC, 2, 20020514);
    expect_expr("this week", DOC, 2, DOC);
}

static void test_month_day(void **state) {
    (void)state;
    expect_expr("February 3", DOC, 2, 20030203);
    expect_expr("3 February", DOC, 2, 20030203);
    expect_expr("May 14", DOC, 2, DOC);
    /* a month-day after the document date is last year's */
    expect_expr("February 3", 20030110, 2, 20020203);
    expect_expr("December 31", DOC, 2, 20021231);
    expect_expr("February 30", DOC, 0, 0);
    expect_expr("February 29", 20040301, 2, 20040229);
    expect_expr("Georgia", DOC, 0, 0);
}

static void test_explicit_year(void **state) {
    (void)state;
    expect_expr("Feb. 3, 1999", DOC, 4, 19990203);
    expect_expr("Sept. 11 2001", DOC, 3, 20010911);
    expect_expr("June 5, 2010", DOC, 4, 20100605); /* a year may lie after the document date */
    /* without a document date only complete dates resolve */
    expect_expr("February 3, 1999", 0, 4, 19990203);
    expect_expr("February 3", 0, 0, 0);
    expect_expr("yesterday", 0, 0, 0);
}

static void test_future(void **state) {
    (void)state;
    expect_expr("this coming April", DOC, 3, 20040401);
    expect_expr("next April", DOC, 2, 20040401);
    expect_expr("next June", DOC, 2, 20030601);
    expect_expr("last June", DOC, 2, 20020601);
    expect_expr("last April", DOC, 2, 20030401);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_iso),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_add_days),
        cmocka_unit_test(test_add_months),
        cmocka_unit_test(test_weekday),
        cmocka_unit_test(test_yesterday_today_tomorrow),
        cmocka_unit_test(test_weekdays),
        cmocka_unit_test(test_ago),
        cmocka_unit_test(test_last_period),
        cmocka_unit_test(test_month_day),
        cmocka_unit_test(test_explicit_year),
        cmocka_unit_test(test_future),
    };
    return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
