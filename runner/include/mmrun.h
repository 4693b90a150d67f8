/* SPDX-License-Identifier: MIT */
/*
 * mmrun.h - run a checked .mm program: every statement goes to the
 * emulator, then to the oracles, then every check runs; the first
 * violation ends the run.
 */
#ifndef MMFUZZ_MMRUN_H
#define MMFUZZ_MMRUN_H

#include <stdbool.h>
#include <stdio.h>

#include "mmprog.h"

struct world;
struct mm_arena;

#define RUN_MAX_KNOBS	64

/* Which checks run (all by default). */
#define RUN_CHECK_VIEW		(1u << 0)	/* I1 */
#define RUN_CHECK_REFERENCE	(1u << 1)	/* I2 */
#define RUN_CHECK_STRUCTURE	(1u << 2)	/* S, X, P */
#define RUN_CHECK_FAULT		(1u << 3)	/* F */
#define RUN_CHECK_ALL		0xfu
/* No check at all: the run goes to the end (a trace for `mmfuzz diff`). */
#define RUN_CHECK_NONE		(1u << 31)

struct run_options {
	const char *era;		/* overrides the program's era if set */
	int nr_knobs;			/* applied after the program's knobs */
	struct { char name[48]; bool value; } knobs[RUN_MAX_KNOBS];
	unsigned int checks;		/* RUN_CHECK_*; 0 means all */
	FILE *trace;			/* --verbose: statement trace and dump */
	FILE *stmt_trace;		/* --trace: the trace format (mmtrace.h) */
	/*
	 * Called after each statement that ran and was checked (index into
	 * the program's statements), with the world for read-only queries
	 * such as mm_page_query(); a non-zero return stops the run as an
	 * error carrying that statement's line and the message left in
	 * @msg.  Optional.
	 */
	int (*after_stmt)(void *priv, size_t idx, struct world *w,
			  char *msg, size_t msg_size);
	void *hook_priv;
	/*
	 * The program was decoded from fuzz input: a statement that would
	 * wait for a lock held by an unfinished thread, or that names a
	 * thread it cannot start or step, is skipped (an error otherwise).
	 */
	bool decoded;
	/*
	 * Where the world and the oracle get their memory (mmarena.h); NULL:
	 * the C library's heap.  Everything the run allocates there is freed
	 * before mm_run_program() returns, so the caller can reset it.
	 */
	struct mm_arena *arena;
};

enum run_outcome { RUN_OK, RUN_VIOLATION, RUN_KNOWN, RUN_ERROR };

struct run_result {
	enum run_outcome outcome;
	size_t nr_statements;		/* statements executed */
	char era[16];
	int line;			/* violation, known or error */
	char stmt[256];			/* canonical statement text */
	char cls[24], id[24];		/* violation class and id; known name in id */
	char msg[240];			/* explanation or error message */
};

/*
 * Run @p, which mm_prog_check() has accepted.  Returns the outcome (also
 * in @res).  Errors (RUN_ERROR) are programs the emulator cannot run:
 * unknown era or knob, something not modelled yet.
 */
enum run_outcome mm_run_program(const struct mm_prog *p,
				const struct run_options *opt,
				struct run_result *res);

/* Does @res satisfy @p's expect directive? */
bool mm_run_matches_expect(const struct mm_prog *p, const struct run_result *res);

#endif /* MMFUZZ_MMRUN_H */
