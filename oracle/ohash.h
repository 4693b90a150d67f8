/* SPDX-License-Identifier: MIT */
/* ohash.h - the oracle's sparse map (see hashmap.c). */
#ifndef MMFUZZ_OHASH_H
#define MMFUZZ_OHASH_H

#include <stddef.h>
#include <stdint.h>

/*
 * Code that only checks (the oracle's lookups and checks) is left out of the fuzzer's
 * coverage instrumentation (SanitizerCoverage, clang only): its branches
 * say nothing about which programs are new, and instrumenting its loops
 * cost more than the emulation itself.  Functions between the two marks.
 */
#if defined(__clang__)
#define O_NOCOV_BEGIN \
	_Pragma("clang attribute push(__attribute__((no_sanitize(\"coverage\"))), apply_to = function)")
#define O_NOCOV_END	_Pragma("clang attribute pop")
#else
#define O_NOCOV_BEGIN
#define O_NOCOV_END
#endif

struct ohash_slot {
	uint64_t key, value;
	uint8_t state, tag;
};

struct mm_arena;

struct ohash {
	struct ohash_slot *slots;
	size_t cap, used, filled;
	struct mm_arena *arena;		/* the slots' (mmarena.h) */
};

/* An empty map whose slots come from @arena (NULL: the heap). */
void ohash_init(struct ohash *h, struct mm_arena *arena);
/* Empty @h again, its memory freed; it keeps its arena. */
void ohash_free(struct ohash *h);
const struct ohash_slot *ohash_get(const struct ohash *h, uint64_t key);
void ohash_put(struct ohash *h, uint64_t key, uint64_t value, uint8_t tag);
void ohash_del(struct ohash *h, uint64_t key);
void ohash_del_range(struct ohash *h, uint64_t lo, uint64_t hi);
void ohash_copy(struct ohash *dst, const struct ohash *src);

#define ohash_for_each(h, s)						\
	for (struct ohash_slot *s = (h)->slots; s && s < (h)->slots + (h)->cap; s++) \
		if (s->state == 1)

#endif /* MMFUZZ_OHASH_H */
