/* SPDX-License-Identifier: MIT */
/*
 * bench_clock.h - what bench_run.c and bench_exec.c both time with: a
 * monotonic clock in milliseconds, and the order to sort run times in
 * before taking medians.
 */
#ifndef MMFUZZ_BENCH_CLOCK_H
#define MMFUZZ_BENCH_CLOCK_H

#include <time.h>

static inline double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* For qsort() of doubles, ascending. */
static inline int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

#endif
