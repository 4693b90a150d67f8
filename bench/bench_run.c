// SPDX-License-Identifier: MIT
/*
 * bench_run.c - how long fixed .mm programs take, end to end: emulator,
 * view and reference oracles, and every structural check after every
 * statement.  Prints figures; asserts nothing.
 *
 *   bench_run [RUNS]            the small-page mix, RUNS runs (200): one
 *                               line for people
 *   bench_run list              every program: NAME, tab, what it is
 *   bench_run print NAME        its text (for mmfuzz run and repro-c)
 *   bench_run time NAME [MS]    time it for at least MS ms (400) and 3
 *                               runs; one tab-separated line (below)
 *
 * The programs (bench/README.md):
 *
 *   mixes       small, thp, hugetlb-2m, hugetlb-1g, fork, gup: about 300
 *               statements of COW, GUP and mprotect traffic each;
 *   kernel-*    mixes that `mmfuzz repro-c` turns entirely into real
 *               system calls, for the ratio to the host kernel;
 *   cost-*      the cost-growth points: a setup that makes the state of
 *               that point (processes, regions, pages touched, mapping
 *               kind and size), then the same 200-statement body.
 *
 * `time` prints: name, statements, runs, median ms per run, min ms, runs
 * per second, statements per second, body statements, median µs per body
 * statement (the setup's own median time taken off, so that only the
 * state the setup left behind differs between the points of a curve;
 * 0 when there is no separate setup), peak RSS in KiB (getrusage, this
 * process: one program per process).  A run that does not end in
 * RUN_OK is an error (exit 1): every bench program must run clean.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "bench_clock.h"
#include "mmrun.h"

/* ------------------------------------------------------------------ */
/* Program text                                                       */

struct sb {
	char *buf;
	size_t len, cap;
};

__attribute__((format(printf, 2, 3)))
static void sb_printf(struct sb *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(sb->buf ? sb->buf + sb->len : NULL,
			      sb->buf ? sb->cap - sb->len : 0, fmt, ap);
		va_end(ap);
		if (n < 0)
			abort();
		if (sb->buf && sb->len + (size_t)n < sb->cap)
			break;
		sb->cap = 2 * (sb->cap + (size_t)n + 64);
		sb->buf = realloc(sb->buf, sb->cap);
		if (!sb->buf)
			abort();
		sb->buf[sb->len] = '\0';
	}
	sb->len += (size_t)n;
}

/*
 * A program is directives + setup + body.  Only the cost points have a
 * setup: its time is measured alone and taken off the whole program's.
 */
struct text {
	struct sb head, setup, body;
};

/* ------------------------------------------------------------------ */
/* The mixes                                                          */

/*
 * One round of the large-page mixes: map, write the first 16 pages,
 * fork, the child pins and writes one page, the parent writes, a
 * long-term pin and an mprotect round trip, then everything is released.
 * The child takes an R/O pin rather than a vmsplice reference: a
 * vmsplice of a hugetlb page may see the parent's write (known
 * hugetlb-vmsplice), and the mixes must run clean.
 */
static void round_large(struct sb *sb, int r, const char *size,
			const char *opt)
{
	sb_printf(sb,
		  "p0 mmap r%d %s anon private rw%s\n"
		  "p0 write r%d:16p\n"
		  "p0 fork p1\n"
		  "p1 gup g0 r%d+1p:1p pin\n"
		  "p1 write r%d+2p:1p\n"
		  "p0 write r%d:16p\n"
		  "g0 read\n"
		  "p0 gup g1 r%d:16p pin longterm\n"
		  "p0 mprotect r%d r\n"
		  "p0 mprotect r%d rw\n"
		  "g1 put\n"
		  "g0 put\n"
		  "p1 exit\n",
		  r, size, opt, r, r, r, r, r, r, r);
}

/* The original 300-statement small-page program (bench_run [RUNS]). */
static void mix_small(struct text *t, int arg)
{
	(void)arg;
	for (int k = 0; k < 25; k++) {
		int r = k % 8;

		sb_printf(&t->body,
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
}

static void mix_thp(struct text *t, int arg)
{
	(void)arg;
	sb_printf(&t->head, "config thp=always\n");
	for (int k = 0; k < 23; k++)
		round_large(&t->body, k % 8, "2m", "");
}

static void mix_hugetlb(struct text *t, int gig)
{
	sb_printf(&t->head, "config hugetlb=2m:64,1g:16\n");
	for (int k = 0; k < 23; k++)
		round_large(&t->body, k % 8, gig ? "1g" : "2m",
			    gig ? " hugetlb-1g" : " hugetlb");
}

/* Fork-heavy: three generations per round over private and shared memory. */
static void mix_fork(struct text *t, int arg)
{
	(void)arg;
	sb_printf(&t->body,
		  "p0 mmap r0 16p anon private rw\n"
		  "p0 write r0\n"
		  "p0 mmap r1 16p anon shared rw\n"
		  "p0 write r1\n");
	for (int k = 0; k < 27; k++) {
		int pg = k % 16;

		sb_printf(&t->body,
			  "p0 fork p1\n"
			  "p1 fork p2\n"
			  "p2 write r0+%dp:1p\n"
			  "p1 write r1+%dp:1p\n"
			  "p2 fork p3\n"
			  "p3 read r0\n"
			  "p3 exit\n"
			  "p2 exit\n"
			  "p0 write r0+%dp:1p\n"
			  "p1 exit\n"
			  "p0 read r1\n", pg, pg, pg);
	}
}

/* GUP-heavy: every kind of reference, on anon, zeropage and file pages. */
static void mix_gup(struct text *t, int arg)
{
	(void)arg;
	sb_printf(&t->body,
		  "file f0 memfd 64k\n"
		  "p0 mmap r0 16p anon private rw\n"
		  "p0 write r0\n"
		  "p0 mmap r1 16p anon private rw\n"
		  "p0 read r1\n"
		  "p0 mmap r2 16p f0 shared rw\n"
		  "p0 write r2\n"
		  "p0 fork p1\n");
	for (int k = 0; k < 15; k++)
		sb_printf(&t->body,
			  "p0 gup g0 r0:4p pin longterm\n"
			  "p0 gup g1 r0+4p:4p pin write longterm fast\n"
			  "p0 gup g2 r1:4p pin longterm\n"
			  "p1 vmsplice g3 r0+8p:4p\n"
			  "p0 iouring g4 r0+12p:4p\n"
			  "p0 gup g5 r2:4p get\n"
			  "p0 write r0\n"
			  "p0 memread r1:1p\n"
			  "g0 read\n"
			  "g1 read\n"
			  "g2 read\n"
			  "g3 read\n"
			  "g4 read\n"
			  "g5 read\n"
			  "g0 put\n"
			  "g1 put\n"
			  "g2 put\n"
			  "g3 put\n"
			  "g4 put\n"
			  "g5 put\n");
}

/*
 * The kernel-* mixes use only what repro-c runs with real system calls:
 * vmsplice and io_uring references, no R/O or short-term pins.
 */
static void mix_kernel_small(struct text *t, int arg)
{
	(void)arg;
	for (int k = 0; k < 25; k++) {
		int r = k % 8;

		sb_printf(&t->body,
			  "p0 mmap r%d 4p anon private rw\n"
			  "p0 write r%d\n"
			  "p0 fork p1\n"
			  "p1 vmsplice g0 r%d+1p:1p\n"
			  "p1 write r%d+2p:1p\n"
			  "p0 write r%d\n"
			  "g0 read\n"
			  "p0 mprotect r%d r\n"
			  "p0 mprotect r%d rw\n"
			  "g0 put\n"
			  "p1 exit\n"
			  "p0 read r%d\n", r, r, r, r, r, r, r, r);
	}
}

static void mix_kernel_iouring(struct text *t, int arg)
{
	(void)arg;
	for (int k = 0; k < 25; k++) {
		int r = k % 8;

		sb_printf(&t->body,
			  "p0 mmap r%d 4p anon private rw\n"
			  "p0 write r%d\n"
			  "p0 iouring g1 r%d:2p\n"
			  "p0 fork p1\n"
			  "p1 write r%d+1p:1p\n"
			  "p0 write r%d\n"
			  "g1 read\n"
			  "p0 mprotect r%d r\n"
			  "p0 mprotect r%d rw\n"
			  "g1 put\n"
			  "p1 exit\n"
			  "p0 read r%d\n", r, r, r, r, r, r, r, r);
	}
}

/* THP where the host allows it: madvise(MADV_HUGEPAGE), as thp=madvise. */
static void mix_kernel_thp(struct text *t, int arg)
{
	(void)arg;
	sb_printf(&t->head, "config thp=madvise\n");
	for (int k = 0; k < 25; k++) {
		int r = k % 8;

		sb_printf(&t->body,
			  "p0 mmap r%d 2m anon private rw\n"
			  "p0 madvise r%d hugepage\n"
			  "p0 write r%d:16p\n"
			  "p0 fork p1\n"
			  "p1 vmsplice g0 r%d+1p:1p\n"
			  "p1 write r%d+2p:1p\n"
			  "p0 write r%d:16p\n"
			  "g0 read\n"
			  "p0 mprotect r%d r\n"
			  "p0 mprotect r%d rw\n"
			  "g0 put\n"
			  "p1 exit\n", r, r, r, r, r, r, r, r);
	}
}

/* hugetlb 2 MiB where the host has a pool: io_uring, no vmsplice. */
static void mix_kernel_hugetlb(struct text *t, int arg)
{
	(void)arg;
	sb_printf(&t->head, "config hugetlb=2m:8\n");
	for (int k = 0; k < 25; k++) {
		int r = k % 2;

		sb_printf(&t->body,
			  "p0 mmap r%d 2m anon private rw hugetlb\n"
			  "p0 write r%d:16p\n"
			  "p0 fork p1\n"
			  "p1 write r%d+2p:1p\n"
			  "p0 write r%d:16p\n"
			  "p0 iouring g1 r%d:16p\n"
			  "g1 read\n"
			  "p0 mprotect r%d r\n"
			  "p0 mprotect r%d rw\n"
			  "g1 put\n"
			  "p1 exit\n"
			  "p0 munmap r%d\n", r, r, r, r, r, r, r, r);
	}
}

/* ------------------------------------------------------------------ */
/* The cost-growth points                                             */

enum cost_kind { K_4K, K_THP, K_HUGETLB_2M, K_HUGETLB_1G };

struct cost_point {
	int procs, regions, pages;	/* pages written per region */
	enum cost_kind kind;
	const char *size;		/* mapping size; NULL: @pages pages */
};

/*
 * Setup: @regions mappings of the point's kind and size, the first
 * @pages pages of each written, then p0 forks @procs - 1 children that
 * stay alive.  Body: the same 200 statements on r0 at every point (one
 * page written, one read, an R/O long-term pin, a GET reference, a
 * /proc/self/mem read, the handles read and released), so that only the
 * state the setup left behind differs.
 */
static void cost_program(struct text *t, const struct cost_point *c)
{
	static const char *const opt[] = {
		[K_4K] = "", [K_THP] = "", [K_HUGETLB_2M] = " hugetlb",
		[K_HUGETLB_1G] = " hugetlb-1g",
	};

	sb_printf(&t->head, "config thp=%s\nconfig hugetlb=2m:64,1g:16\n",
		  c->kind == K_THP ? "always" : "never");
	for (int r = 0; r < c->regions; r++) {
		if (c->size)
			sb_printf(&t->setup, "p0 mmap r%d %s anon private rw%s\n",
				  r, c->size, opt[c->kind]);
		else
			sb_printf(&t->setup, "p0 mmap r%d %dp anon private rw%s\n",
				  r, c->pages, opt[c->kind]);
		sb_printf(&t->setup, "p0 write r%d:%dp\n", r, c->pages);
	}
	for (int p = 1; p < c->procs; p++)
		sb_printf(&t->setup, "p0 fork p%d\n", p);
	for (int k = 0; k < 25; k++)
		sb_printf(&t->body,
			  "p0 write r0+%dp:1p\n"
			  "p0 read r0+%dp:1p\n"
			  "p0 gup g0 r0+%dp:1p pin longterm\n"
			  "p0 gup g1 r0+%dp:1p get\n"
			  "p0 memread r0+%dp:1p\n"
			  "g0 read\n"
			  "g0 put\n"
			  "g1 put\n",
			  k % 4, 4 + k % 4, 8 + k % 4, 12 + k % 4, k % 16);
}

#define PT(pr, re, pa, ki, sz) { .procs = pr, .regions = re, .pages = pa, \
				 .kind = ki, .size = sz }

static const struct cost_point cost_points[] = {
	PT(1, 1, 16, K_4K, NULL), PT(2, 1, 16, K_4K, NULL),
	PT(4, 1, 16, K_4K, NULL), PT(8, 1, 16, K_4K, NULL),
	PT(2, 2, 16, K_4K, NULL), PT(2, 4, 16, K_4K, NULL),
	PT(2, 8, 16, K_4K, NULL), PT(2, 16, 16, K_4K, NULL),
	PT(2, 1, 64, K_4K, NULL), PT(2, 1, 256, K_4K, NULL),
	PT(2, 1, 1024, K_4K, NULL), PT(2, 1, 4096, K_4K, NULL),
	PT(2, 1, 16, K_4K, "2m"), PT(2, 1, 16, K_THP, "2m"),
	PT(2, 1, 16, K_HUGETLB_2M, "2m"), PT(2, 1, 16, K_4K, "1g"),
	PT(2, 1, 16, K_HUGETLB_1G, "1g"),
};

static void cost_gen(struct text *t, int idx)
{
	cost_program(t, &cost_points[idx]);
}

/* ------------------------------------------------------------------ */
/* The table                                                          */

struct bench_prog {
	const char *name, *what;
	void (*gen)(struct text *t, int arg);
	int arg;
};

#define COST(name, idx, what) { name, what, cost_gen, idx }

static const struct bench_prog progs[] = {
	{ "small", "4-page regions: fork, vmsplice, writes, long-term pin, mprotect", mix_small, 0 },
	{ "thp", "the same on 2 MiB THPs (config thp=always), 16 pages written", mix_thp, 0 },
	{ "hugetlb-2m", "the same on 2 MiB hugetlb pages, R/O pin instead of vmsplice", mix_hugetlb, 0 },
	{ "hugetlb-1g", "the same on 1 GiB hugetlb pages", mix_hugetlb, 1 },
	{ "fork", "fork-heavy: three generations per round, private and shared memory", mix_fork, 0 },
	{ "gup", "GUP-heavy: pins, GUP-fast, vmsplice, io_uring, GET on anon, zeropage, memfd", mix_gup, 0 },
	{ "kernel-small", "small pages: fork, vmsplice, writes, mprotect (real-kernel equivalent)", mix_kernel_small, 0 },
	{ "kernel-iouring", "small pages: io_uring pin, fork, writes, mprotect (real-kernel equivalent)", mix_kernel_iouring, 0 },
	{ "kernel-thp", "THP by MADV_HUGEPAGE: fork, vmsplice, writes, mprotect (real-kernel equivalent)", mix_kernel_thp, 0 },
	{ "kernel-hugetlb", "2 MiB hugetlb: fork, io_uring pin, writes, mprotect (real-kernel equivalent)", mix_kernel_hugetlb, 0 },
	COST("cost-procs-1", 0, "processes: 1"),
	COST("cost-procs-2", 1, "processes: 2"),
	COST("cost-procs-4", 2, "processes: 4"),
	COST("cost-procs-8", 3, "processes: 8"),
	COST("cost-regions-1", 1, "regions: 1"),
	COST("cost-regions-2", 4, "regions: 2"),
	COST("cost-regions-4", 5, "regions: 4"),
	COST("cost-regions-8", 6, "regions: 8"),
	COST("cost-regions-16", 7, "regions: 16"),
	COST("cost-pages-16", 1, "pages touched: 16"),
	COST("cost-pages-64", 8, "pages touched: 64"),
	COST("cost-pages-256", 9, "pages touched: 256"),
	COST("cost-pages-1024", 10, "pages touched: 1024"),
	COST("cost-pages-4096", 11, "pages touched: 4096"),
	COST("cost-size-4k-2m", 12, "mapping: 2 MiB of 4 KiB pages"),
	COST("cost-size-thp-2m", 13, "mapping: 2 MiB THP"),
	COST("cost-size-hugetlb-2m", 14, "mapping: 2 MiB hugetlb"),
	COST("cost-size-4k-1g", 15, "mapping: 1 GiB of 4 KiB pages"),
	COST("cost-size-hugetlb-1g", 16, "mapping: 1 GiB hugetlb"),
};

#define NR_PROGS (sizeof(progs) / sizeof(progs[0]))

static const struct bench_prog *find_prog(const char *name)
{
	for (size_t i = 0; i < NR_PROGS; i++)
		if (!strcmp(progs[i].name, name))
			return &progs[i];
	fprintf(stderr, "bench_run: no program '%s' (bench_run list)\n", name);
	return NULL;
}

static void text_free(struct text *t)
{
	free(t->head.buf);
	free(t->setup.buf);
	free(t->body.buf);
}

/* head + setup (+ body): the program's text, malloc'd. */
static char *text_join(const struct text *t, bool body)
{
	struct sb sb = { 0 };

	sb_printf(&sb, "%s%s%s", t->head.buf ? t->head.buf : "",
		  t->setup.buf ? t->setup.buf : "",
		  body && t->body.buf ? t->body.buf : "");
	return sb.buf;
}

/* ------------------------------------------------------------------ */
/* Timing                                                             */

struct timing {
	size_t nr_stmts;
	int runs;
	double median, min, p90;	/* ms per run */
};

static int parse_prog(const char *name, const char *text, struct mm_prog *p)
{
	struct mm_error err;

	if (mm_prog_parse(text, strlen(text), p, &err) ||
	    mm_prog_check(p, false, &err)) {
		fprintf(stderr, "bench_run: %s: bad program: line %d: %s\n",
			name, err.line, err.msg);
		return -1;
	}
	return 0;
}

/*
 * Run @text for at least @min_ms and 3 runs (or @runs exactly when
 * @runs > 0); every run must end in RUN_OK.
 */
static int time_text(const char *name, const char *text, double min_ms,
		     int runs, struct timing *tm)
{
	struct run_options opt = { 0 };
	struct run_result res;
	struct mm_prog p;
	size_t cap = 64;
	double *t = malloc(cap * sizeof(*t)), total = 0;
	int n = 0;

	if (!t || parse_prog(name, text, &p)) {
		free(t);
		return -1;
	}
	while (runs > 0 ? n < runs : (n < 3 || total < min_ms)) {
		double t0 = now_ms();

		mm_run_program(&p, &opt, &res);
		if (res.outcome != RUN_OK) {
			fprintf(stderr, "bench_run: %s: line %d: %s %s/%s: %s\n",
				name, res.line, res.stmt, res.cls, res.id, res.msg);
			mm_prog_free(&p);
			free(t);
			return -1;
		}
		if ((size_t)n == cap) {
			cap *= 2;
			t = realloc(t, cap * sizeof(*t));
			if (!t)
				abort();
		}
		t[n] = now_ms() - t0;
		total += t[n++];
	}
	qsort(t, (size_t)n, sizeof(*t), cmp_double);
	*tm = (struct timing){ .nr_stmts = p.nr_stmts, .runs = n,
			       .median = t[n / 2], .min = t[0],
			       .p90 = t[n * 9 / 10] };
	mm_prog_free(&p);
	free(t);
	return 0;
}

static long maxrss_kib(void)
{
	struct rusage ru;

	return getrusage(RUSAGE_SELF, &ru) ? -1 : ru.ru_maxrss;
}

/* bench_run time NAME [MS]: one tab-separated line (see the top). */
static int cmd_time(const struct bench_prog *bp, double min_ms)
{
	struct text t = { 0 };
	struct timing all, setup = { 0 };
	char *full, *pre;
	double body_us = 0;
	size_t body_stmts;
	int ret;

	bp->gen(&t, bp->arg);
	full = text_join(&t, true);
	pre = text_join(&t, false);
	ret = time_text(bp->name, full, min_ms, 0, &all);
	if (!ret && t.setup.buf)
		ret = time_text(bp->name, pre, min_ms, 0, &setup);
	if (!ret) {
		body_stmts = all.nr_stmts - setup.nr_stmts;
		if (t.setup.buf)
			body_us = (all.median - setup.median) * 1e3 / body_stmts;
		printf("%s\t%zu\t%d\t%.4f\t%.4f\t%.2f\t%.0f\t%zu\t%.3f\t%ld\n",
		       bp->name, all.nr_stmts, all.runs, all.median, all.min,
		       1e3 / all.median, all.nr_stmts * 1e3 / all.median,
		       t.setup.buf ? body_stmts : 0, body_us, maxrss_kib());
	}
	free(full);
	free(pre);
	text_free(&t);
	return ret ? 1 : 0;
}

/* bench_run [RUNS]: the line bench_run always printed. */
static int cmd_small(int runs)
{
	struct text t = { 0 };
	struct timing tm;
	char *text;
	int ret;

	mix_small(&t, 0);
	text = text_join(&t, true);
	ret = time_text("small", text, 0, runs < 1 ? 1 : runs, &tm);
	if (!ret)
		printf("small-page program: %zu statements, median %.3f ms per run "
		       "(min %.3f, p90 %.3f, %d runs), %.0f statements/s\n",
		       tm.nr_stmts, tm.median, tm.min, tm.p90, tm.runs,
		       tm.nr_stmts / (tm.median / 1e3));
	free(text);
	text_free(&t);
	return ret ? 1 : 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: bench_run [RUNS] | list | print NAME | time NAME [MS]\n");
	return 2;
}

int main(int argc, char **argv)
{
	const struct bench_prog *bp = NULL;

	if (argc < 2 || (argv[1][0] >= '0' && argv[1][0] <= '9'))
		return cmd_small(argc > 1 ? atoi(argv[1]) : 200);
	if (!strcmp(argv[1], "list") && argc == 2) {
		for (size_t i = 0; i < NR_PROGS; i++)
			printf("%s\t%s\n", progs[i].name, progs[i].what);
		return 0;
	}
	if (argc < 3 || !(bp = find_prog(argv[2])))
		return usage();
	if (!strcmp(argv[1], "print") && argc == 3) {
		struct text t = { 0 };
		char *text;

		bp->gen(&t, bp->arg);
		text = text_join(&t, true);
		printf("# bench_run %s: %s\n%s", bp->name, bp->what, text);
		free(text);
		text_free(&t);
		return 0;
	}
	if (!strcmp(argv[1], "time") && argc <= 4)
		return cmd_time(bp, argc == 4 ? atof(argv[3]) : 400);
	return usage();
}
