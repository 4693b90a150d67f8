/* SPDX-License-Identifier: MIT */
/*
 * mmarena.h - the memory a run's objects come from (base/arena.c).
 *
 * A fuzz target runs thousands of programs a second, and each one builds
 * a world, its folios, page tables and VMAs, the oracle's state and the
 * decoded program, then frees them all.  An arena keeps that memory from
 * one run to the next: freed objects go to a free list of their size
 * class and are handed out again, and mm_arena_reset() makes the whole of
 * it free at once between runs.  Nothing goes back to the C library until
 * mm_arena_destroy().
 *
 * An arena is an object: whoever runs programs creates one and passes it
 * down (struct world_config, struct oracle_config, struct
 * mm_decode_opts, struct run_options).  A NULL arena means the C
 * library's heap: the same calls, each a calloc/realloc/free.
 *
 * Under AddressSanitizer every byte that is not part of a live object is
 * poisoned: freed objects, the redzone after each object (the tail of its
 * size class included), the headers, and everything after a reset.  A use
 * after free or an overflow is reported as it is for the heap.  LeakSanitizer
 * cannot see into the arena, so the arena counts its live objects: a
 * reset or destroy with objects still allocated reports them and aborts
 * (the owner of every object must free it, as with the heap).
 *
 * Every allocation either succeeds or aborts the process, except
 * mm_arena_try_realloc_array() on the heap.
 */
#ifndef MMFUZZ_MMARENA_H
#define MMFUZZ_MMARENA_H

#include <stdbool.h>
#include <stddef.h>

struct mm_arena;

struct mm_arena *mm_arena_create(void);
/* Give all of it back to the C library; aborts if objects are live. */
void mm_arena_destroy(struct mm_arena *a);
/*
 * Make the whole arena free again (between two runs), keeping its memory:
 * aborts, naming the count, if an object allocated since the last reset
 * was not freed (a leak).
 */
void mm_arena_reset(struct mm_arena *a);

/* @size zeroed bytes, aligned for any type. */
void *mm_arena_zalloc(struct mm_arena *a, size_t size);
/* @size bytes of unspecified content (a stack, a buffer about to be written). */
void *mm_arena_alloc(struct mm_arena *a, size_t size);
/*
 * realloc(): @p (NULL: a new object) resized to @nmemb * @size bytes; the
 * bytes past the old size have unspecified content.
 */
void *mm_arena_realloc_array(struct mm_arena *a, void *p, size_t nmemb,
			     size_t size);
/* The same, but NULL (and @p untouched) when the heap has no memory. */
void *mm_arena_try_realloc_array(struct mm_arena *a, void *p, size_t nmemb,
				 size_t size);
/* free(): NULL is ignored; a pointer the arena did not give out aborts. */
void mm_arena_free(struct mm_arena *a, void *p);

/* Objects allocated and not yet freed (0 for the heap: not counted). */
size_t mm_arena_live(const struct mm_arena *a);

/* Is AddressSanitizer watching the arena (poisoning, redzones)? */
bool mm_arena_poisons(void);

#endif /* MMFUZZ_MMARENA_H */
