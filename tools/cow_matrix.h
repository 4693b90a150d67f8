/* SPDX-License-Identifier: MIT */
/*
 * cow_matrix.h - the kernel COW selftest's matrix as .mm programs
 * (`mmfuzz cow-matrix`).
 *
 * tools/testing/selftests/mm/cow.c runs 14 anonymous tests on 54 page
 * kinds, 4 THP collapse tests and 3 non-anonymous tests on 6 kinds: 778
 * cases, numbered and named as the selftest prints them.
 *
 *   cow_matrix_cases.c  the case table; each case written as a program
 *   cow_matrix_print.c  that program as canonical text with its checkpoints
 *   cow_matrix_run.c    one case through the runner, its kselftest outcome
 *   cow_matrix.c        the command: TAP, --print, --expected
 *
 * A program sets up its page kind the way cow.c does, then runs the
 * test's steps.  cow.c looks at /proc/self/pagemap to learn whether the
 * setup gave what it asked for ("Did not get a THP populated"); here the
 * same questions are checkpoints: after a given statement the runner's
 * after_stmt hook asks mm_page_query() what maps the memory, and a setup
 * that did not produce its page kind stops the case as an error.
 */
#ifndef MMFUZZ_TOOLS_COW_MATRIX_H
#define MMFUZZ_TOOLS_COW_MATRIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "mmprog.h"
#include "mmrun.h"

#define CM_NR_ANON_TESTS	14
#define CM_NR_ANON_KINDS	54
#define CM_NR_COLLAPSE_TESTS	4
#define CM_NR_NONANON_TESTS	3
#define CM_NR_NONANON_KINDS	6
#define CM_NR_CASES	(CM_NR_ANON_TESTS * CM_NR_ANON_KINDS +		\
			 CM_NR_COLLAPSE_TESTS +				\
			 CM_NR_NONANON_TESTS * CM_NR_NONANON_KINDS)

enum cm_group { CM_ANON, CM_COLLAPSE, CM_NONANON };

/* Page kinds, named after cow.c's run_with_*() / THP_RUN_* setups. */
enum cm_kind {
	CMK_BASE,		/* run_with_base_page */
	CMK_BASE_SWAP,		/* run_with_base_page_swap */
	CMK_THP,		/* THP_RUN_PMD */
	CMK_THP_SWAP,		/* THP_RUN_PMD_SWAPOUT */
	CMK_PTE,		/* THP_RUN_PTE */
	CMK_PTE_SWAP,		/* THP_RUN_PTE_SWAPOUT */
	CMK_SINGLE_PTE,		/* THP_RUN_SINGLE_PTE */
	CMK_SINGLE_PTE_SWAP,	/* THP_RUN_SINGLE_PTE_SWAPOUT */
	CMK_MREMAP,		/* THP_RUN_PARTIAL_MREMAP */
	CMK_SHARED,		/* THP_RUN_PARTIAL_SHARED */
	CMK_HUGETLB,		/* run_with_hugetlb */
	CMK_ZEROPAGE,		/* run_with_zeropage */
	CMK_MEMFD,		/* run_with_memfd */
	CMK_TMPFILE,		/* run_with_tmpfile */
	CMK_HUGE_ZEROPAGE,	/* run_with_huge_zeropage */
	CMK_MEMFD_HUGETLB,	/* run_with_memfd_hugetlb */
};

struct cm_case {
	int nr;			/* 1-based: the TAP test number */
	char name[128];		/* as cow.c's log_test_start() formats it */
	enum cm_group group;
	int test;		/* index in the group's test list (cow.c order) */
	enum cm_kind kind;
	uint64_t size;		/* THP or hugetlb size in bytes, else 0 */
	bool xfail;		/* cow.c reports a failure as XFAIL (hugetlb vmsplice) */
};

/* What a checkpoint asks of the memory (cow_matrix.c answers). */
enum cm_check_kind {
	CMC_POPULATED,		/* the last page of the range is present */
	CMC_ANON_PTE,		/* each page: anon, PTE-mapped, folio of @order */
	CMC_NONE,		/* each page: nothing mapped, no swap entry */
	CMC_SWAPPED,		/* each page: a swap entry */
	CMC_PMD_THP,		/* anon THP of @order mapped by one PMD */
	CMC_HUGETLB,		/* hugetlb folio of @order, PMD/PUD-mapped, @anon */
	CMC_ZEROPAGE,		/* the shared zeropage */
	CMC_PAGECACHE,		/* a small page-cache page */
	CMC_HUGE_ZEROPAGE,	/* the huge zeropage, PMD-mapped */
	CMC_COLLAPSED,		/* MADV_COLLAPSE: refused -> SKIP, else CMC_PMD_THP */
};

struct cm_check {
	size_t stmt;		/* after this statement (0-based index) */
	enum cm_check_kind what;
	int region;
	uint64_t off, len;	/* bytes into the region */
	unsigned int order;
	bool anon;		/* CMC_HUGETLB: anon mapping, else hugetlbfs file */
	bool setup_end;		/* the case's setup ends after this statement */
};

#define CM_MAX_CHECKS	8

/* One case's program, as generated (directives, statements, no comments). */
struct cm_prog {
	char *text;		/* malloc'd, NUL-terminated */
	size_t nr_stmts;
	int nr_checks;
	struct cm_check checks[CM_MAX_CHECKS];
};

/* Fill @cases (CM_NR_CASES of them) in cow.c's order. */
void cm_cases(struct cm_case *cases);

/*
 * Write case @c as a program for @era (NULL: no era directive) with the
 * knob settings of @knobs (NULL: none) as directives.  Returns 0, or
 * -ENOMEM (out of memory, or a case the generator cannot write).
 */
int cm_generate(const struct cm_case *c, const char *era,
		const struct run_options *knobs, struct cm_prog *out);
void cm_prog_free(struct cm_prog *cp);

/*
 * The canonical text of @p (the parsed and checked @cp) through the lang
 * printer, with comment lines naming the case and marking every
 * checkpoint; parsing it gives @p back.  malloc'd; NULL if out of memory.
 */
char *cm_print(const struct cm_case *c, const struct cm_prog *cp,
	       const struct mm_prog *p);

/*
 * Range text for [off, off + len) of region @r whose slot holds @regsize
 * bytes: "rN", "rN+OFF", "rN:LEN" or "rN+OFF:LEN".  Returns @buf.
 */
const char *cm_range_text(char *buf, size_t size, int r, uint64_t off,
			  uint64_t len, uint64_t regsize);

/* One line saying what checkpoint @ck verifies, into @buf. */
void cm_check_describe(const struct cm_check *ck, char *buf, size_t size);

/*
 * Case @c ready to run: generated into @cp, then printed by cm_print()
 * into *@text, and that text parsed and checked into @p, so that the
 * program run is the text --print shows, line for line.  Returns 0, or
 * -1 with @why filled (nothing to free then).
 */
int cm_load(const struct cm_case *c, const char *era,
	    const struct run_options *knobs, struct cm_prog *cp,
	    char **text, struct mm_prog *p, char *why, size_t size);

/* Find case @arg: a number 1..CM_NR_CASES or an exact name; NULL if none. */
const struct cm_case *cm_find_case(const struct cm_case *cases,
				   const char *arg);

/* ------------------------------------------------------------------ */
/* Running a case (cow_matrix_run.c)                                   */

/* kselftest's result kinds. */
enum cm_outcome { CMO_PASS, CMO_FAIL, CMO_XFAIL, CMO_XPASS, CMO_SKIP,
		  CMO_ERROR, CMO_NR };

const char *cm_outcome_name(enum cm_outcome o);
/* The outcome called @name ("pass", "xfail"...) or -1. */
int cm_outcome_lookup(const char *name, size_t len);

/*
 * Run @p, case @c's program with the checkpoints of @cp, and map the
 * runner's result to the selftest's outcome.  @diag gets one line saying
 * why (empty for a pass).  With @trace, the runner's statement trace is
 * written there as "# " lines.
 */
enum cm_outcome cm_run(const struct cm_case *c, const struct cm_prog *cp,
		       const struct mm_prog *p, FILE *trace, char *diag,
		       size_t size);

/* `mmfuzz cow-matrix` (cow_matrix.c): argc/argv after the command word. */
int mmfuzz_cmd_cow_matrix(int argc, char **argv);

#endif /* MMFUZZ_TOOLS_COW_MATRIX_H */
