/* SPDX-License-Identifier: MIT */
/*
 * mmtrace.h - the trace of a program run: per statement its line, its
 * result and what each load or handle read observed, in one text format
 * for the emulator (`mmfuzz run --trace`) and the running kernel
 * (`mmfuzz live`), so that the two can be compared (`mmfuzz diff`).
 *
 * The format (README, "Live kernel traces"):
 *
 *   trace FILE (SIDE)
 *     LINE: STATEMENT -> RESULT
 *       seen V V ...
 *   end
 *
 * RESULT is `ok`, an errno name (ENOMEM), SIGSEGV or SIGBUS, or on the
 * live side `skipped: WHY`.  After a statement of a process (not its
 * exit), `pages` lists every page of that process's slots (the first
 * MM_TRACE_SLOT_PAGES of each) that is present or swapped:
 *
 *       pages rN+P:FLAGS[/COUNT][@ID] ...
 *
 * P the page's index in slot rN; FLAGS (or `-`) from `a` anonymous, `k`
 * KSM, `t` part of a transparent huge page, `h` hugetlb, `z` the zeropage
 * (small or huge), `1` mapped exactly once (never the zeropage), `s`
 * swapped out; /COUNT how many times a small present page (not the
 * zeropage) is mapped; @ID the physical page, the same ID for the same page,
 * numbered by first appearance in the program's trace (live side, as
 * root: /proc/PID/pagemap, /proc/kpageflags).  The live side lists pages
 * only as root.  rN+P..Q:FLAGS[/COUNT] stands for pages P to Q alike (the
 * emulator folds such runs; comparisons go page by page).  A `seen` line follows a statement that
 * observed memory: one token per page in order, `#N` for written value
 * #N (numbered from #1 as the emulator numbers them), `=V` for an
 * explicit value (=0: zeros), `#A..#B` for a run of consecutive values,
 * `TOKEN*K` for K pages alike.  Any other line (comments, `#`) is
 * ignored by the comparison.
 */
#ifndef MMFUZZ_MMTRACE_H
#define MMFUZZ_MMTRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "mmprog.h"

/* How many pages of each slot `pages` lists at most (16 MiB). */
#define MM_TRACE_SLOT_PAGES	4096u

/* A written value #N is kept as MM_TRACE_FRESH | N, any other as itself. */
#define MM_TRACE_FRESH	((uint64_t)1 << 63)

/* What one statement observed, page by page. */
struct mm_trace_vals {
	uint64_t *v;
	size_t n, cap;
};

/* Append @v; 0 or -ENOMEM. */
int mm_trace_push(struct mm_trace_vals *t, uint64_t v);
void mm_trace_vals_free(struct mm_trace_vals *t);

/*
 * Print statement @s with @result ("ok", "ENOMEM", ...) and, when
 * @observes, the values seen.
 */
void mm_trace_print_stmt(FILE *out, const struct mm_stmt *s,
			 const char *result, bool observes,
			 const struct mm_trace_vals *seen);

/*
 * The pages `pages` looks at: per slot, how many pages the program ever
 * maps there (at most MM_TRACE_SLOT_PAGES).
 */
void mm_trace_slot_pages(const struct mm_prog *p,
			 uint32_t pages[MM_NR_REGIONS]);

/* A parsed trace. */
struct mm_trace_stmt {
	int line;
	char text[256];		/* the statement */
	char result[160];
	bool has_seen;
	struct mm_trace_vals seen;
	char *pages;		/* the pages line after "pages", NULL: none */
};

struct mm_trace {
	struct mm_trace_stmt *stmt;
	size_t n, cap;
};

/* Parse @text; 0, or -1 with a message in @why. */
int mm_trace_parse(const char *text, struct mm_trace *t, char *why,
		   size_t why_size);
void mm_trace_free(struct mm_trace *t);

/* The first place where two traces differ. */
struct mm_trace_divergence {
	int line;			/* 0: none */
	char stmt[256];
	char kind[32];			/* statement kind: "read", "gN read" */
	char field[32];			/* "result", "seen", "statement" */
	char a[200], b[200];		/* the two values */
};

/*
 * Compare @a (the emulator's) with @b (the live kernel's) statement by
 * statement; returns true and fills @d at the first difference.  A
 * statement @b skipped is a difference with field "skipped".  With
 * @pages, the pages lines are compared too where both sides have one
 * (field "pages"; flags only: the emulator's trace has no IDs).
 */
bool mm_trace_compare(const struct mm_trace *a, const struct mm_trace *b,
		      bool pages, struct mm_trace_divergence *d);

#endif /* MMFUZZ_MMTRACE_H */
