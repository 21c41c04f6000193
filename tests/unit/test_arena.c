/* test_arena.c -- the bump allocator (src/util/arena.c): alignment, growth, reset and reuse of blocks, the
 * large blocks made of huge pages (the dictionary's tables), and failure on absurd sizes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "util/arena.h"

static void test_small_allocations(void **state) {
    (void)state;
    arena a;
    arena_init(&a);
    char *prev = NULL;
    for (int i = 0; i < 100000; i++) { /* several blocks */
        char *p = arena_alloc(&a, (size_t)(i % 37) + 1);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % 8, 0);
        memset(p, i & 0xff, (size_t)(i % 37) + 1);
        if (prev) assert_ptr_not_equal(p, prev);
        prev = p;
    }
    assert_false(a.failed);
    assert_string_equal(arena_strdup(&a, "Tashkent"), "Tashkent");
    arena_free(&a);
}

/* In a huge arena a block of a megabyte or more is a whole number of 2 MB pages, aligned on one: every byte
 * of it is usable, and after a reset the same memory serves again; the same holds in a plain arena. */
static void large_blocks(int huge) {
    arena a;
    if (huge) arena_init_huge(&a);
    else arena_init(&a);
    size_t big = (3u << 20) + 12345;
    unsigned char *p = arena_alloc(&a, big);
    assert_non_null(p);
    memset(p, 0xab, big);
    assert_int_equal(p[0], 0xab);
    assert_int_equal(p[big - 1], 0xab);
    unsigned char *q = arena_alloc(&a, 1u << 20); /* the rest of its 4 MB, or a new block */
    assert_non_null(q);
    memset(q, 0xcd, 1u << 20);
    assert_int_equal(p[big - 1], 0xab); /* no overlap */
    arena_reset(&a);
    unsigned char *r = arena_alloc(&a, big);
    assert_ptr_equal(r, p); /* the kept block is used again */
    memset(r, 0x11, big);
    arena_free(&a);
}

static void test_large_blocks(void **state) {
    (void)state;
    large_blocks(0);
    large_blocks(1);
}

static void test_absurd_size_fails(void **state) {
    (void)state;
    arena a;
    arena_init(&a);
    assert_null(arena_alloc(&a, SIZE_MAX - 8));
    assert_true(a.failed);
    arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_allocations),
        cmocka_unit_test(test_large_blocks),
        cmocka_unit_test(test_absurd_size_fails),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
