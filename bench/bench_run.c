// SPDX-License-Identifier: MIT
/*
 * bench_run.c - how long a 300-statement small-page program takes,
 * end to end: emulator, view and reference oracles, and every structural
 * check after every statement.  Prints figures; asserts nothing.
 *
 *   bench_run [RUNS]
 *
 * The program is fixed: 25 rounds of mmap, write, fork, vmsplice, child
 * write, parent write, handle read, long-term pin, mprotect round trip,
 * unpin and child exit over 4-page private anonymous regions.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mmrun.h"

static char *make_program(void)
{
	size_t cap = 64 * 1024, n = 0;
	char *text = malloc(cap);

	if (!text)
		abort();
	for (int k = 0; k < 25; k++) {
		int r = k % 8;

		n += (size_t)snprintf(text + n, cap - n,
			"p0 mmap r%d 4p anon private rw\n"
			"p0 write r%d\n"
			"p0 fork p1\n"
			"p1 vmsplice g0 r%d+1p:1p\n"
			"p1 write r%d+2p:1p\n"
			"p0 write r%d\n"
			"g0 read\n"
			"p0 gup g1 r%d pin longterm\n"
			"p0 mprotect r%d r\n"
			"p0 mprotect r%d rw\n"
			"g1 put\n"
			"p1 exit\n", r, r, r, r, r, r, r, r);
	}
	return text;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 200;
	struct run_options opt = { 0 };
	struct run_result res;
	struct mm_error err;
	struct mm_prog p;
	char *text = make_program();
	double *t;

	if (runs < 1)
		runs = 1;
	t = calloc((size_t)runs, sizeof(*t));
	if (!t || mm_prog_parse(text, strlen(text), &p, &err) ||
	    mm_prog_check(&p, false, &err)) {
		fprintf(stderr, "bench_run: bad program: line %d: %s\n", err.line, err.msg);
		return 1;
	}
	for (int i = 0; i < runs; i++) {
		double t0 = now_ms();

		mm_run_program(&p, &opt, &res);
		t[i] = now_ms() - t0;
		if (res.outcome != RUN_OK) {
			fprintf(stderr, "bench_run: program failed: %s\n", res.msg);
			return 1;
		}
	}
	qsort(t, (size_t)runs, sizeof(*t), cmp_double);
	printf("small-page program: %zu statements, median %.3f ms per run "
	       "(min %.3f, p90 %.3f, %d runs), %.0f statements/s\n",
	       p.nr_stmts, t[runs / 2], t[0], t[runs * 9 / 10], runs,
	       p.nr_stmts / (t[runs / 2] / 1e3));
	mm_prog_free(&p);
	free(text);
	free(t);
	return 0;
}
