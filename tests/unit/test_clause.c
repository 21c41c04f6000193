/* test_clause.c -- stage 4: clauses and verb groups (src/clause/clause.c), asked directly: the first block of
 * clauses and groups and its growth, and the fast path for words that open no clause. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "clause/clause.h"

typedef tu_fx fx;
TU_ARENA_FIXTURE(fx)

static void analyse(fx *f, const char *s, clause_info *ci) {
    arena_reset(&f->a);
    f->text = tu_tag(&f->a, s, &f->tl);
    assert_non_null(f->text);
    mention_list ms = {0}; /* no actors: the tests do not need them */
    assert_int_equal(analyse_clauses(&f->a, f->tl.v, 0, f->tl.n, &ms, ci), 0);
}

/* Every token maps to a clause that holds it, and the clauses follow each other. */
static void check_map(const fx *f, const clause_info *ci) {
    for (size_t i = 0; i < f->tl.n; i++) {
        int32_t c = ci->tok_clause[i];
        assert_true(c >= 0 && (size_t)c < ci->ncl);
        assert_true(ci->cl[c].start <= i && i < ci->cl[c].end);
    }
    for (size_t c = 1; c < ci->ncl; c++) assert_int_equal(ci->cl[c].start, ci->cl[c - 1].end);
}

static void test_clauses_and_groups(void **state) {
    fx *f = *state;
    clause_info ci;
    analyse(f, "Iran said that Israel had attacked the convoy which was leaving Gaza.", &ci);
    check_map(f, &ci);
    assert_int_equal(ci.ncl, 3);
    assert_int_equal(ci.cl[0].type, CL_MAIN);
    assert_int_equal(ci.cl[1].type, CL_SUB);
    assert_int_equal(ci.cl[2].type, CL_REL);
    assert_int_equal(ci.nvg, 3);
    assert_string_equal(f->tl.v[ci.vg[0].head].low, "said");
    assert_string_equal(f->tl.v[ci.vg[1].head].low, "attacked");
    assert_int_equal(ci.vg[1].first + 1, ci.vg[1].head); /* "had attacked" */
    assert_int_equal(ci.vg[1].clause, 1);
    assert_string_equal(f->tl.v[ci.vg[2].head].low, "leaving");
    assert_int_equal(ci.vg[2].clause, 2);
    /* numbers and plain words open nothing; brackets and a semicolon do */
    analyse(f, "The army (which denied it) fired 12 shells; the rebels did not respond.", &ci);
    check_map(f, &ci);
    assert_true(ci.ncl >= 3);
    int paren = 0, coord = 0;
    for (size_t c = 0; c < ci.ncl; c++) paren |= ci.cl[c].type == CL_PAREN || ci.cl[c].type == CL_REL, coord |= ci.cl[c].type == CL_COORD;
    assert_true(paren && coord);
    assert_int_equal(ci.vg[ci.nvg - 1].neg, 1); /* "did not respond" */
}

/* More than the first block's 16 clauses and 16 verb groups: the arrays grow and keep what they held. */
static void test_many_clauses_and_groups(void **state) {
    fx *f = *state;
    char s[4096] = "";
    const int N = 40;
    for (int i = 0; i < N; i++) strcat(s, i ? "; the army fired and the rebels left" : "The army fired and the rebels left");
    strcat(s, ".");
    clause_info ci;
    analyse(f, s, &ci);
    check_map(f, &ci);
    assert_int_equal(ci.nvg, 2 * N);
    assert_true(ci.ncl >= (size_t)N);
    for (int i = 0; i < 2 * N; i++) {
        assert_string_equal(f->tl.v[ci.vg[i].head].low, i % 2 ? "left" : "fired");
        assert_true(ci.vg[i].clause >= 0 && (size_t)ci.vg[i].clause < ci.ncl);
        if (i) assert_true(ci.vg[i].head > ci.vg[i - 1].head);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_clauses_and_groups, setup, teardown),
        cmocka_unit_test_setup_teardown(test_many_clauses_and_groups, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
