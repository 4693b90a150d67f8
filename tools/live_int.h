/* SPDX-License-Identifier: MIT */
/*
 * live_int.h - `mmfuzz live` and `mmfuzz diff` (live_cmd.c): what the
 * running kernel offers (live_probe.c) and running a program on it, one
 * real process per program process (live_exec.c, with live/'s system
 * calls).
 */
#ifndef MMFUZZ_TOOLS_LIVE_INT_H
#define MMFUZZ_TOOLS_LIVE_INT_H

#include <stdbool.h>
#include <stdio.h>

#include "mmprog.h"
#include "mmrun.h"
#include "mmtrace.h"

/* What this machine and this process offer (live_probe.c). */
struct live_probe {
	char release[80];		/* uname -r */
	char era[16];			/* the .mm era of this kernel (program.md §5) */
	bool root;
	char thp[16];			/* transparent_hugepage/enabled: "madvise" */
	int use_zero_page;		/* huge zeropage; -1 unknown */
	long huge2m_free, huge2m_total, huge1g_free, huge1g_total;
	long swap_kb;
	long pipe_max;			/* bytes a pipe may hold (pipe-max-size) */
	int iouring;			/* 0 or the errno of io_uring_setup */
	/* Anonymous read faults map the zeropage: 1 yes, 0 never, -1 unknown. */
	int zeropage;
	/* Why no program can run in this process ("" when they can). */
	char slots_taken[160];
};

void live_probe(struct live_probe *pr);
void live_probe_print(FILE *out, const struct live_probe *pr);

/*
 * Why @p cannot run live here ("" when it can), with the line of the
 * statement that cannot (0: the set-up); @reason is a short key for
 * counting ("stepwise threads", "hugetlb pool empty").
 */
void live_check(const struct mm_prog *p, const struct live_probe *pr,
		char *why, size_t why_size, char *reason, size_t reason_size);

/*
 * Run @p on the running kernel, writing its trace (mmtrace.h) to @out.
 * Returns 0, or -1 when the run broke off (a process does not answer),
 * after writing why as a comment.
 */
int live_run(const struct mm_prog *p, FILE *out);

/* Why statement @s cannot run live here (NULL when it can); live_check(). */
const char *live_stmt_why(const struct mm_stmt *s, const struct live_probe *pr,
			  const char **reason);

/* ------------------------------------------------------------------ */
/* mmfuzz diff (live_cmd.c) and its random campaign (live_random.c)    */

struct bucket {
	char key[80];
	int count;
	char example[400];
};

struct diff_state {
	struct live_probe pr;
	bool verbose;
	bool pages;			/* --pages: compare the pages lines too */
	const char *keep;		/* --traces DIR: both traces of each diverging program */
	int programs, agree, diverge, skipped;
	struct bucket *div, *skip;
	size_t nr_div, nr_skip;
	int error;			/* out of memory */
	/* The speed of each side: programs run and seconds taken. */
	int emu_runs, live_runs;
	double emu_secs, live_secs;
	/* --knob: knobs of the emulator's side only (a positive control). */
	struct run_options emu_knobs;
};

enum diff_verdict { DIFF_AGREE, DIFF_DIVERGE, DIFF_SKIP, DIFF_ERROR };

/* One program run both ways. */
struct diff_outcome {
	enum diff_verdict verdict;
	char why[400], reason[64];		/* DIFF_SKIP, DIFF_ERROR */
	struct mm_trace_divergence d;		/* DIFF_DIVERGE: the first */
	char *emu, *live;			/* the traces (NULL if not run) */
	double emu_secs, live_secs;		/* time taken by each (0: not run) */
};

void diff_outcome(const struct diff_state *st, const char *path,
		  struct mm_prog *p, struct diff_outcome *o);
void diff_outcome_free(struct diff_outcome *o);
void diff_account(struct diff_state *st, const char *path,
		  const struct diff_outcome *o);
void diff_skip(struct diff_state *st, const char *path, const char *why,
	       const char *reason);
void print_buckets(const char *title, struct bucket *b, size_t n);

/*
 * mmfuzz diff --random N: N programs generated in @target's alphabet from
 * the statements that run here, each run both ways; every diverging one
 * is minimized (keeping the first divergence's statement kind and field)
 * and written to @out.  Returns 0, or -1 on an error (said on stderr).
 */
int diff_random(struct diff_state *st, unsigned long n, uint64_t seed,
		const char *target, const char *out);

#endif /* MMFUZZ_TOOLS_LIVE_INT_H */
