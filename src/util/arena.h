/* arena.h -- bump allocator: the coder's working memory.
 *
 * Every per-document structure (tokens, sentences, clauses, events, output strings) is carved out of an
 * arena that is reset, not freed, between documents, so the hot path makes no malloc call per token.
 * Blocks are kept across resets; a document larger than the blocks so far adds a block once. */
#ifndef DYAD_ARENA_H
#define DYAD_ARENA_H
#include <stddef.h>

typedef struct arena_block arena_block;
typedef struct arena {
    arena_block *head;   /* block being filled */
    arena_block *first;  /* all blocks, in order */
    size_t used_total;
    int failed;          /* set when an allocation failed: callers check once at the end */
    int huge;            /* arena_init_huge: large blocks are made of 2 MB pages */
} arena;

void arena_init(arena *a);
/* For an arena filled once with large tables that live long (a dictionary): its blocks of 1 MB and more are
 * whole 2 MB pages, which costs up to 2 MB of memory a block and saves a page fault per 4 KB. */
void arena_init_huge(arena *a);
void arena_reset(arena *a);   /* forget everything, keep the blocks */
void arena_free(arena *a);
void *arena_alloc(arena *a, size_t n);              /* 8-byte aligned; NULL (and a->failed) on OOM */
void *arena_calloc(arena *a, size_t n);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A growable array in an arena: grows by doubling (old storage is simply abandoned to the arena). */
#define ARENA_PUSH(ar, arr, n, cap, T)                                                    \
    ((n) < (cap) ? &(arr)[(n)++]                                                          \
                 : (arena_grow((ar), (void **)&(arr), &(cap), sizeof(T)) ? &(arr)[(n)++] : NULL))
int arena_grow(arena *a, void **arr, size_t *cap, size_t elem);

#endif
