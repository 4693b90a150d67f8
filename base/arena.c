// SPDX-License-Identifier: MIT
/*
 * arena.c - size-class pools that outlive a run (interface in mmarena.h).
 *
 * Every object has a 16-byte header in front of it (its size class, its
 * size, whether it is live) and, under AddressSanitizer, a redzone after
 * its size class.  Size classes go by powers of two with one step between
 * (32, 48, 64, 96, ...), so that a page table of a little over 4 KiB does
 * not take 8 KiB.  Small blocks are carved one after the other from
 * chunks; a block larger than a quarter of a chunk (a thread's stack, a
 * huge folio's page array) is a heap block of its own, kept too.  A freed
 * block waits on its class's free list for the next object of that class.
 *
 * Under AddressSanitizer the free lists are first in, first out: a freed
 * block is handed out again as late as possible, so that a use after free
 * finds it still poisoned.  Otherwise last in, first out, for the cache.
 */
#include "mmarena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MMA_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(MMA_ASAN)
#define MMA_ASAN 1
#endif

#ifdef MMA_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n)	ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n)	ASAN_UNPOISON_MEMORY_REGION((p), (n))
#define REDZONE		32	/* after each block, besides the next header */
#else
#define MMA_ASAN 0
#define POISON(p, n)	((void)(p), (void)(n))
#define UNPOISON(p, n)	((void)(p), (void)(n))
#define REDZONE		0
#endif

/*
 * No coverage instrumentation (SanitizerCoverage, clang only): which of
 * the arena's branches a run takes depends on the runs before it (a free
 * block there or not, a new chunk), and the fuzzer must see the same
 * coverage for the same input whatever ran before.
 */
#if defined(__clang__)
#pragma clang attribute push(__attribute__((no_sanitize("coverage"))), apply_to = function)
#endif

#define CHUNK_SIZE	(256u << 10)
#define BIG_BLOCK	(CHUNK_SIZE / 4)	/* a block at least this large is a heap block */
#define NR_CLASSES	80

enum { BLOCK_FREE = 0x46524545, BLOCK_LIVE = 0x4c495645 };

struct block {
	union {
		struct block *next;	/* free: the next on its free list */
		size_t size;		/* live: the size asked for */
	} u;
	uint32_t cls;
	uint32_t state;			/* BLOCK_FREE, BLOCK_LIVE */
};

_Static_assert(sizeof(struct block) == 16, "objects stay 16-byte aligned");

struct mm_arena {
	struct block *free_head[NR_CLASSES], *free_tail[NR_CLASSES];
	char **chunks;			/* CHUNK_SIZE each, carved in order */
	size_t nr_chunks, cap_chunks;
	size_t cur, off;		/* the chunk being carved, and where */
	struct block **big;		/* every heap block of its own */
	size_t nr_big, cap_big;
	size_t live, live_bytes;	/* objects not yet freed */
};

__attribute__((noreturn, format(printf, 1, 2)))
static void arena_die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mmfuzz: arena: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	abort();
}

/* 16, 32, 48, 64, 96, 128, 192, ...: class @c's capacity. */
static size_t class_size(unsigned int c)
{
	if (c == 0)
		return 16;
	return (size_t)((c - 1) % 2 ? 48 : 32) << ((c - 1) / 2);
}

/* The smallest class whose capacity holds @size bytes. */
static unsigned int class_of(size_t size)
{
	unsigned int p, c;

	if (size <= 16)
		return 0;
	if (size <= 32)
		return 1;
	p = 63u - (unsigned int)__builtin_clzll((unsigned long long)size - 1);
	/* 2^p < size <= 2^(p+1), p >= 5 */
	if (size <= (size_t)3 << (p - 1))
		c = 2 * (p - 5) + 2;
	else
		c = 2 * (p - 4) + 1;
	if (c >= NR_CLASSES)
		arena_die("no size class for %zu bytes", size);
	return c;
}

static void *xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);

	if (!q)
		arena_die("out of memory (%zu bytes)", size);
	return q;
}

struct mm_arena *mm_arena_create(void)
{
	struct mm_arena *a = calloc(1, sizeof(*a));

	if (!a)
		arena_die("out of memory");
	return a;
}

static void check_none_live(const struct mm_arena *a, const char *when)
{
	if (a->live)
		arena_die("%zu objects (%zu bytes) still allocated at %s: a leak",
			  a->live, a->live_bytes, when);
}

void mm_arena_destroy(struct mm_arena *a)
{
	if (!a)
		return;
	check_none_live(a, "destroy");
	for (size_t i = 0; i < a->nr_chunks; i++) {
		UNPOISON(a->chunks[i], CHUNK_SIZE);
		free(a->chunks[i]);
	}
	for (size_t i = 0; i < a->nr_big; i++) {
		UNPOISON(a->big[i], sizeof(struct block));
		UNPOISON(a->big[i], sizeof(struct block) +
			 class_size(a->big[i]->cls) + REDZONE);
		free(a->big[i]);
	}
	free(a->chunks);
	free(a->big);
	free(a);
}

/* @b (header unpoisoned) goes on its class's free list. */
static void push_free(struct mm_arena *a, struct block *b)
{
	unsigned int c = b->cls;

	b->state = BLOCK_FREE;
	if (MMA_ASAN) {		/* at the tail: reused as late as possible */
		b->u.next = NULL;
		if (a->free_tail[c]) {
			UNPOISON(a->free_tail[c], sizeof(struct block));
			a->free_tail[c]->u.next = b;
			POISON(a->free_tail[c], sizeof(struct block));
		} else {
			a->free_head[c] = b;
		}
		a->free_tail[c] = b;
	} else {
		b->u.next = a->free_head[c];
		a->free_head[c] = b;
	}
}

/* The first free block of class @c, header unpoisoned; NULL if none. */
static struct block *pop_free(struct mm_arena *a, unsigned int c)
{
	struct block *b = a->free_head[c];

	if (!b)
		return NULL;
	UNPOISON(b, sizeof(*b));
	a->free_head[c] = b->u.next;
	if (!a->free_head[c])
		a->free_tail[c] = NULL;
	return b;
}

/* A new block of class @c from the current chunk (or a new one). */
static struct block *carve(struct mm_arena *a, size_t total)
{
	char *p;

	if (a->cur < a->nr_chunks && a->off + total > CHUNK_SIZE) {
		a->cur++;
		a->off = 0;
	}
	if (a->cur == a->nr_chunks) {
		if (a->nr_chunks == a->cap_chunks) {
			a->cap_chunks = a->cap_chunks ? 2 * a->cap_chunks : 16;
			a->chunks = xrealloc(a->chunks, a->cap_chunks *
					     sizeof(*a->chunks));
		}
		a->chunks[a->nr_chunks] = xrealloc(NULL, CHUNK_SIZE);
		POISON(a->chunks[a->nr_chunks], CHUNK_SIZE);
		a->nr_chunks++;
		a->off = 0;
	}
	p = a->chunks[a->cur] + a->off;
	a->off += total;
	UNPOISON(p, sizeof(struct block));
	return (struct block *)p;
}

/* A heap block of its own, kept in a->big. */
static struct block *big_block(struct mm_arena *a, size_t total)
{
	struct block *b = xrealloc(NULL, total);

	POISON(b, total);
	UNPOISON(b, sizeof(*b));
	if (a->nr_big == a->cap_big) {
		a->cap_big = a->cap_big ? 2 * a->cap_big : 16;
		a->big = xrealloc(a->big, a->cap_big * sizeof(*a->big));
	}
	a->big[a->nr_big++] = b;
	return b;
}

static void *arena_alloc(struct mm_arena *a, size_t size, bool zero)
{
	unsigned int c = class_of(size);
	struct block *b = pop_free(a, c);
	void *p;

	if (!b) {
		size_t total = sizeof(*b) + class_size(c) + REDZONE;

		b = total < BIG_BLOCK ? carve(a, total) : big_block(a, total);
	}
	b->u.size = size;
	b->cls = c;
	b->state = BLOCK_LIVE;
	POISON(b, sizeof(*b));
	p = b + 1;
	UNPOISON(p, size);
	if (zero)
		memset(p, 0, size);
	a->live++;
	a->live_bytes += size;
	return p;
}

/* The header of live object @p, unpoisoned. */
static struct block *live_block(void *p)
{
	struct block *b = (struct block *)p - 1;

	UNPOISON(b, sizeof(*b));
	if (b->state != BLOCK_LIVE)
		arena_die("%p is not a live object (freed twice?)", p);
	return b;
}

void *mm_arena_zalloc(struct mm_arena *a, size_t size)
{
	void *p;

	if (a)
		return arena_alloc(a, size, true);
	p = calloc(1, size ? size : 1);
	if (!p)
		arena_die("out of memory (%zu bytes)", size);
	return p;
}

void *mm_arena_alloc(struct mm_arena *a, size_t size)
{
	if (a)
		return arena_alloc(a, size, false);
	return xrealloc(NULL, size);
}

void mm_arena_free(struct mm_arena *a, void *p)
{
	struct block *b;

	if (!a || !p) {
		free(p);
		return;
	}
	b = live_block(p);
	a->live--;
	a->live_bytes -= b->u.size;
	POISON(p, class_size(b->cls));
	push_free(a, b);
	POISON(b, sizeof(*b));
}

void *mm_arena_try_realloc_array(struct mm_arena *a, void *p, size_t nmemb,
				 size_t size)
{
	struct block *b;
	size_t n, old;
	void *q;

	if (size && nmemb > SIZE_MAX / size)
		arena_die("allocation overflow (%zu x %zu bytes)", nmemb, size);
	n = nmemb * size;
	if (!a)
		return realloc(p, n ? n : 1);
	if (!p)
		return arena_alloc(a, n, false);
	b = live_block(p);
	old = b->u.size;
	if (n <= class_size(b->cls)) {	/* in place: only the bounds move */
		POISON(p, class_size(b->cls));
		UNPOISON(p, n);
		b->u.size = n;
		POISON(b, sizeof(*b));
		a->live_bytes = a->live_bytes - old + n;
		return p;
	}
	POISON(b, sizeof(*b));
	q = arena_alloc(a, n, false);
	memcpy(q, p, old);
	mm_arena_free(a, p);
	return q;
}

void *mm_arena_realloc_array(struct mm_arena *a, void *p, size_t nmemb,
			     size_t size)
{
	void *q = mm_arena_try_realloc_array(a, p, nmemb, size);

	if (!q)
		arena_die("out of memory (%zu x %zu bytes)", nmemb, size);
	return q;
}

void mm_arena_reset(struct mm_arena *a)
{
	check_none_live(a, "reset");
	memset(a->free_head, 0, sizeof(a->free_head));
	memset(a->free_tail, 0, sizeof(a->free_tail));
	/* Chunks after the current one are untouched since the last reset. */
	for (size_t i = 0; MMA_ASAN && i <= a->cur && i < a->nr_chunks; i++)
		POISON(a->chunks[i], CHUNK_SIZE);
	a->cur = a->off = 0;
	/* The heap blocks are kept, each free in its class. */
	for (size_t i = 0; i < a->nr_big; i++) {
		struct block *b = a->big[i];

		UNPOISON(b, sizeof(*b));
		POISON(b + 1, class_size(b->cls) + REDZONE);
		push_free(a, b);
		POISON(b, sizeof(*b));
	}
	a->live_bytes = 0;
}

size_t mm_arena_live(const struct mm_arena *a)
{
	return a ? a->live : 0;
}

bool mm_arena_poisons(void)
{
	return MMA_ASAN;
}

#if defined(__clang__)
#pragma clang attribute pop
#endif
