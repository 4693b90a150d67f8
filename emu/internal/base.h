/* SPDX-License-Identifier: MIT */
/*
 * base.h - what every part of the model uses: the x86-64 geometry, the
 * name spaces of the language, bit helpers, the assertion family and
 * allocation.
 */
#ifndef MMFUZZ_EMU_INTERNAL_BASE_H
#define MMFUZZ_EMU_INTERNAL_BASE_H

#include "mmarena.h"
#include "mmemu.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Geometry (x86-64, 4-level).                                          */

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1ULL << PAGE_SHIFT)
#define PMD_SHIFT	21
#define PMD_SIZE	(1ULL << PMD_SHIFT)
#define PUD_SHIFT	30
#define PUD_SIZE	(1ULL << PUD_SHIFT)
#define PGDIR_SHIFT	39
#define PGDIR_SIZE	(1ULL << PGDIR_SHIFT)
#define PTRS_PER_TABLE	512
#define TASK_SIZE	(1ULL << 47)
#define MM_MAX_FILE_SIZE	(4ULL << 30)
#define HPAGE_PMD_ORDER	(PMD_SHIFT - PAGE_SHIFT)
#define HPAGE_PUD_ORDER	(PUD_SHIFT - PAGE_SHIFT)
#define MAX_FOLIO_ORDER	HPAGE_PUD_ORDER

#define GUP_PIN_COUNTING_BIAS	1024

/* Names in the language: p0..p7, f0..f7, g0..g31, t0..t7. */
#define NR_PROCS	8
#define NR_FILES	8
#define NR_HANDLES	32	/* at most 64: world.handles_used */
#define NR_THREADS	MM_EMU_NR_THREADS	/* t0..t7 */

#define ALIGN_DOWN(x, a)	((x) & ~((uint64_t)(a) - 1))
#define ALIGN_UP(x, a)		ALIGN_DOWN((x) + (a) - 1, (a))
#define IS_ALIGNED(x, a)	(((x) & ((uint64_t)(a) - 1)) == 0)
#define MIN(a, b)		((a) < (b) ? (a) : (b))
#define MAX(a, b)		((a) > (b) ? (a) : (b))

/* The first set bit of @bits at or after @start, or @size if none. */
static inline __attribute__((always_inline))
unsigned long find_next_bit(const uint64_t *bits, unsigned long size,
			    unsigned long start)
{
	while (start < size) {
		uint64_t word = bits[start / 64] >> (start % 64);

		if (word) {
			start += (unsigned long)__builtin_ctzll(word);
			return start < size ? start : size;
		}
		start = (start | 63) + 1;
	}
	return size;
}

/*
 * Every GUP handle in use, in index order: the checks run after every
 * statement, and most of the NR_HANDLES slots are empty.
 */
#define for_each_gup_handle(w, g)					\
	for (int g = (int)find_next_bit(&(w)->handles_used, NR_HANDLES, 0);	\
	     g < NR_HANDLES;						\
	     g = (int)find_next_bit(&(w)->handles_used, NR_HANDLES,	\
				    (unsigned long)g + 1))

/* ------------------------------------------------------------------ */
/* Assertions.  MM_BUG_ON: the model itself is corrupt; dump and abort.  */

struct folio;

/*
 * Code that only checks (the structural checker, the page-table walker's
 * loops, the view walk, the oracle's lookups) is left out of the fuzzer's
 * coverage instrumentation (SanitizerCoverage, clang only): its branches
 * say nothing about which programs are new, and instrumenting its loops
 * cost more than the emulation itself.  Functions between the two marks.
 */
#if defined(__clang__)
#define MM_NOCOV_BEGIN \
	_Pragma("clang attribute push(__attribute__((no_sanitize(\"coverage\"))), apply_to = function)")
#define MM_NOCOV_END	_Pragma("clang attribute pop")
#else
#define MM_NOCOV_BEGIN
#define MM_NOCOV_END
#endif

void mm_bug(struct world *w, const char *file, int line, const char *cond,
	    const struct folio *folio) __attribute__((noreturn));

#define MM_BUG_ON(w, cond)						\
	do { if (cond) mm_bug((w), __FILE__, __LINE__, #cond, NULL); } while (0)
#define MM_BUG_ON_FOLIO(w, cond, folio)					\
	do { if (cond) mm_bug((w), __FILE__, __LINE__, #cond, (folio)); } while (0)

/*
 * Allocation that never fails: the model has no memory pressure of its own.
 *
 * The world's own objects (the world, processes, VMAs, page tables,
 * folios and their page state, files, GUP handles' pages, thread stacks)
 * come from the arena of its configuration (struct world_config.arena;
 * NULL: the C library's heap) through kzalloc() and go back with kfree():
 * a fuzz target keeps that memory from one run to the next (mmarena.h).
 * mm_zalloc() and mm_realloc_array() are the heap, for scratch arrays that
 * live during one operation.
 */
void *mm_zalloc(size_t size);
void *mm_realloc_array(void *p, size_t nmemb, size_t size);
void *kzalloc(struct world *w, size_t size);
void *kmalloc(struct world *w, size_t size);	/* contents unspecified */
void *krealloc_array(struct world *w, void *p, size_t nmemb, size_t size);
void kfree(struct world *w, void *p);

#endif /* MMFUZZ_EMU_INTERNAL_BASE_H */
