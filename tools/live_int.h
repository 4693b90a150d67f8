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

#endif /* MMFUZZ_TOOLS_LIVE_INT_H */
