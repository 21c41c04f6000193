/* arena.c -- bump allocator (see arena.h). */
#include "arena.h"
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sanitizer/asan_interface.h>

/* Under AddressSanitizer every allocation is followed by a poisoned red zone and free space is poisoned,
 * so reads past an arena array or of memory from before a reset are reported like heap errors. */
#if defined(__SANITIZE_ADDRESS__) || (defined(__has_feature) && __has_feature(address_sanitizer))
#define ARENA_REDZONE 16u
#else
#define ARENA_REDZONE 0u
#endif

struct arena_block {
    arena_block *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
};

#define ARENA_MIN_BLOCK (256u * 1024u)
#define ARENA_HUGE (2u << 20)       /* a huge page */
#define ARENA_HUGE_MIN (1u << 20)   /* blocks from this size on are made of huge pages */

void arena_init(arena *a) { memset(a, 0, sizeof *a); }

void arena_init_huge(arena *a) {
    arena_init(a);
    a->huge = 1;
}

void arena_reset(arena *a) { /* keeps a->huge */
    for (arena_block *b = a->first; b; b = b->next) {
        b->used = 0;
        ASAN_POISON_MEMORY_REGION(b->data, b->size);
    }
    a->head = a->first;
    a->used_total = 0;
    a->failed = 0;
}

void arena_free(arena *a) {
    arena_block *b = a->first;
    while (b) {
        arena_block *n = b->next;
        ASAN_UNPOISON_MEMORY_REGION(b->data, b->size);
        free(b);
        b = n;
    }
    memset(a, 0, sizeof *a);
}

void *arena_alloc(arena *a, size_t n) {
    size_t want = n;
    if (n > SIZE_MAX / 2) { a->failed = 1; return NULL; }
    n = ((n + 7u) & ~(size_t)7u) + ARENA_REDZONE;
    if (n == 0) n = 8;
    for (;;) {
        arena_block *b = a->head;
        if (b && b->size - b->used >= n) {
            void *p = b->data + b->used;
            b->used += n;
            a->used_total += n;
            ASAN_UNPOISON_MEMORY_REGION(p, want);
            (void)want;
            return p;
        }
        if (b && b->next) { /* reuse a kept block after a reset */
            a->head = b->next;
            continue;
        }
        size_t size = n > ARENA_MIN_BLOCK ? n : ARENA_MIN_BLOCK;
        if (b && b->size * 2 > size && b->size * 2 >= n) size = b->size * 2 > (64u << 20) ? size : b->size * 2;
        /* In a huge arena (the dictionary's tables: 4 MB of patterns) a large block is backed by 2 MB pages
           where the system allows it: on a virtual machine a fault per 4 KB page costs more than filling the
           page, and was most of the dictionary load (1,400 faults of about 12 us each). Not for the coders'
           arenas: rounding their blocks up to 2 MB would raise their memory for nothing. */
        arena_block *nb;
        if (a->huge && sizeof *nb + size >= ARENA_HUGE_MIN) {
            size_t total = (sizeof *nb + size + ARENA_HUGE - 1) & ~(size_t)(ARENA_HUGE - 1);
            nb = aligned_alloc(ARENA_HUGE, total);
#ifdef MADV_HUGEPAGE
            if (nb) madvise(nb, total, MADV_HUGEPAGE);
#endif
            if (nb) size = total - sizeof *nb;
        } else nb = malloc(sizeof *nb + size);
        if (!nb) {
            a->failed = 1;
            return NULL;
        }
        nb->next = NULL;
        nb->size = size;
        nb->used = 0;
        ASAN_POISON_MEMORY_REGION(nb->data, size);
        if (b) b->next = nb;
        else a->first = nb;
        a->head = nb;
    }
}

void *arena_calloc(arena *a, size_t n) {
    void *p = arena_alloc(a, n);
    if (p) memset(p, 0, n);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n) {
    char *p = arena_alloc(a, n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *arena_strdup(arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

char *arena_printf(arena *a, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return NULL;
    char *p = arena_alloc(a, (size_t)n + 1);
    if (!p) return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

int arena_grow(arena *a, void **arr, size_t *cap, size_t elem) {
    size_t nc = *cap ? *cap * 2 : 16;
    void *p = arena_alloc(a, nc * elem);
    if (!p) return 0;
    if (*arr && *cap) memcpy(p, *arr, *cap * elem);
    *arr = p;
    *cap = nc;
    return 1;
}
