// SPDX-License-Identifier: MIT
/*
 * cow_matrix_cases.c - the cases of the kernel COW selftest
 * (tools/testing/selftests/mm/cow.c) and each one as a .mm program.
 *
 * Order and names are cow.c's: for each anonymous test, the base page,
 * the swapped-out base page, then for each THP size (16 KiB ... 2 MiB,
 * ascending; PMD-mapped and swapped-out PMD-mapped first at 2 MiB) the six
 * PTE-mapped variants, then hugetlb 2 MiB and 1 GiB; then the four THP
 * collapse tests; then each non-anonymous test on the shared zeropage,
 * memfd, tmpfile, the huge zeropage and hugetlb memfds.
 *
 * A program's memory is r0 (cow.c's `mem`, THP-aligned because region
 * slots are); r1 is `smem` of the non-anonymous tests and the target of
 * the partial mremap.  p0 is the test process, p1 its child.  Contents
 * are fresh values rather than cow.c's 1s and 0xff, so a leak shows
 * whose write leaked.
 *
 * Divergences from cow.c, none of which changes what a case tests:
 *  - cow.c maps twice the THP size and aligns inside it; slots are
 *    aligned, so r0 is exactly the THP.
 *  - the base page is not given MADV_NOHUGEPAGE: a one-page VMA cannot
 *    hold a large folio, so the advice changes nothing.
 *  - run_with_hugetlb's probe for a second free huge page is left out:
 *    the default pools (2m:64, 1g:4) have it.
 *  - the partial mremap moves to an unused slot instead of over a
 *    PROT_NONE placeholder (MREMAP_FIXED replaces it either way).
 *  - the harness's final munmap of `mem` is left out; the test's own
 *    teardown (pipe reads, unpinning, the child's exit) is kept.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cow_matrix.h"

#define KB		((uint64_t)1024)
#define MB		(1024 * KB)
#define GB		(1024 * MB)
#define PAGE		MM_PAGE_SIZE
#define PMD_SIZE	(2 * MB)
/* A vmsplice() moves at most one pipe's worth: PIPE_DEF_BUFFERS pages. */
#define VMSPLICE_MAX	(16 * PAGE)

/* cow.c's anon_test_cases[], anon_thp_test_cases[], non_anon_test_cases[]. */
enum { T_COW, T_COW_MPROTECT, T_VMSPLICE_CHILD, T_VMSPLICE_CHILD_MPROTECT,
       T_VMSPLICE_BEFORE_FORK, T_VMSPLICE_AFTER_FORK, T_IOURING_RO,
       T_IOURING_FORK, T_RO_PIN_SHARED, T_RO_FAST_PIN_SHARED,
       T_RO_PIN_PREV_SHARED, T_RO_FAST_PIN_PREV_SHARED, T_RO_PIN_EXCL,
       T_RO_FAST_PIN_EXCL };

static const char *const anon_descs[CM_NR_ANON_TESTS] = {
	"Basic COW after fork()",
	"Basic COW after fork() with mprotect() optimization",
	"vmsplice() + unmap in child",
	"vmsplice() + unmap in child with mprotect() optimization",
	"vmsplice() before fork(), unmap in parent after fork()",
	"vmsplice() + unmap in parent after fork()",
	"R/O-mapping a page registered as iouring fixed buffer",
	"fork() with an iouring fixed buffer",
	"R/O GUP pin on R/O-mapped shared page",
	"R/O GUP-fast pin on R/O-mapped shared page",
	"R/O GUP pin on R/O-mapped previously-shared page",
	"R/O GUP-fast pin on R/O-mapped previously-shared page",
	"R/O GUP pin on R/O-mapped exclusive page",
	"R/O GUP-fast pin on R/O-mapped exclusive page",
};

enum { C_UNSHARED, C_FULLY_SHARED, C_LOWER_SHARED, C_UPPER_SHARED };

static const char *const collapse_descs[CM_NR_COLLAPSE_TESTS] = {
	"Basic COW after fork() when collapsing before fork()",
	"Basic COW after fork() when collapsing after fork() (fully shared)",
	"Basic COW after fork() when collapsing after fork() (lower shared)",
	"Basic COW after fork() when collapsing after fork() (upper shared)",
};

enum { N_COW, N_RO_PIN, N_RO_FAST_PIN };

static const char *const nonanon_descs[CM_NR_NONANON_TESTS] = {
	"Basic COW",
	"R/O longterm GUP pin",
	"R/O longterm GUP-fast pin",
};

/* What cow.c detects on x86-64: every anon mTHP order up to the PMD's. */
static const uint64_t thp_sizes[] = {
	16 * KB, 32 * KB, 64 * KB, 128 * KB, 256 * KB, 512 * KB, 1 * MB, 2 * MB,
};
static const uint64_t hugetlb_sizes[] = { 2 * MB, 1 * GB };

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------ */
/* The case table                                                      */

/* The " ... with KIND" part of a name, as cow.c's run_with_*() print it. */
static void kind_suffix(enum cm_kind k, uint64_t size, char *buf, size_t n)
{
	static const char *const fmt[] = {
		[CMK_BASE] = " ... with base page",
		[CMK_BASE_SWAP] = " ... with swapped out base page",
		[CMK_THP] = " ... with THP (%" PRIu64 " kB)",
		[CMK_THP_SWAP] = " ... with swapped-out THP (%" PRIu64 " kB)",
		[CMK_PTE] = " ... with PTE-mapped THP (%" PRIu64 " kB)",
		[CMK_PTE_SWAP] = " ... with swapped-out, PTE-mapped THP (%" PRIu64 " kB)",
		[CMK_SINGLE_PTE] = " ... with single PTE of THP (%" PRIu64 " kB)",
		[CMK_SINGLE_PTE_SWAP] = " ... with single PTE of swapped-out THP (%" PRIu64 " kB)",
		[CMK_MREMAP] = " ... with partially mremap()'ed THP (%" PRIu64 " kB)",
		[CMK_SHARED] = " ... with partially shared THP (%" PRIu64 " kB)",
		[CMK_HUGETLB] = " ... with hugetlb (%" PRIu64 " kB)",
		[CMK_ZEROPAGE] = " ... with shared zeropage",
		[CMK_MEMFD] = " ... with memfd",
		[CMK_TMPFILE] = " ... with tmpfile",
		[CMK_HUGE_ZEROPAGE] = " ... with huge zeropage",
		[CMK_MEMFD_HUGETLB] = " ... with memfd hugetlb (%" PRIu64 " kB)",
	};

	snprintf(buf, n, fmt[k], size / KB);
}

static void add_case(struct cm_case *cases, int *n, enum cm_group group,
		     int test, enum cm_kind kind, uint64_t size)
{
	struct cm_case *c = &cases[*n];
	char suffix[96] = "";

	memset(c, 0, sizeof(*c));
	c->nr = ++*n;
	c->group = group;
	c->test = test;
	c->kind = kind;
	c->size = size;
	if (group == CM_ANON) {
		kind_suffix(kind, size, suffix, sizeof(suffix));
		snprintf(c->name, sizeof(c->name), "%s%s", anon_descs[test],
			 suffix);
	} else if (group == CM_COLLAPSE) {
		snprintf(c->name, sizeof(c->name), "%s", collapse_descs[test]);
	} else {
		kind_suffix(kind, size, suffix, sizeof(suffix));
		snprintf(c->name, sizeof(c->name), "%s%s", nonanon_descs[test],
			 suffix);
	}
	/* do_test_cow_in_parent / do_test_vmsplice_in_parent's xfail flag. */
	c->xfail = group == CM_ANON && kind == CMK_HUGETLB &&
		   test >= T_VMSPLICE_CHILD && test <= T_VMSPLICE_AFTER_FORK;
}

/* run_anon_test_case(), run_anon_thp_test_cases(), run_non_anon_test_case(). */
void cm_cases(struct cm_case *cases)
{
	static const enum cm_kind pte_kinds[] = {
		CMK_PTE, CMK_PTE_SWAP, CMK_SINGLE_PTE, CMK_SINGLE_PTE_SWAP,
		CMK_MREMAP, CMK_SHARED,
	};
	int n = 0;

	for (int t = 0; t < CM_NR_ANON_TESTS; t++) {
		add_case(cases, &n, CM_ANON, t, CMK_BASE, 0);
		add_case(cases, &n, CM_ANON, t, CMK_BASE_SWAP, 0);
		for (size_t i = 0; i < ARRAY_SIZE(thp_sizes); i++) {
			uint64_t size = thp_sizes[i];

			if (size == PMD_SIZE) {
				add_case(cases, &n, CM_ANON, t, CMK_THP, size);
				add_case(cases, &n, CM_ANON, t, CMK_THP_SWAP, size);
			}
			for (size_t k = 0; k < ARRAY_SIZE(pte_kinds); k++)
				add_case(cases, &n, CM_ANON, t, pte_kinds[k], size);
		}
		for (size_t i = 0; i < ARRAY_SIZE(hugetlb_sizes); i++)
			add_case(cases, &n, CM_ANON, t, CMK_HUGETLB,
				 hugetlb_sizes[i]);
	}
	for (int t = 0; t < CM_NR_COLLAPSE_TESTS; t++)
		add_case(cases, &n, CM_COLLAPSE, t, CMK_THP, PMD_SIZE);
	for (int t = 0; t < CM_NR_NONANON_TESTS; t++) {
		add_case(cases, &n, CM_NONANON, t, CMK_ZEROPAGE, 0);
		add_case(cases, &n, CM_NONANON, t, CMK_MEMFD, 0);
		add_case(cases, &n, CM_NONANON, t, CMK_TMPFILE, 0);
		add_case(cases, &n, CM_NONANON, t, CMK_HUGE_ZEROPAGE, 0);
		for (size_t i = 0; i < ARRAY_SIZE(hugetlb_sizes); i++)
			add_case(cases, &n, CM_NONANON, t, CMK_MEMFD_HUGETLB,
				 hugetlb_sizes[i]);
	}
}

const struct cm_case *cm_find_case(const struct cm_case *cases,
				   const char *arg)
{
	char *end;
	long nr = strtol(arg, &end, 10);

	if (*arg && !*end)
		return nr >= 1 && nr <= CM_NR_CASES ? &cases[nr - 1] : NULL;
	for (int i = 0; i < CM_NR_CASES; i++)
		if (!strcmp(cases[i].name, arg))
			return &cases[i];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Program text                                                        */

struct gen {
	char *s;
	size_t len, cap;
	bool failed;		/* out of memory, or a generator bug */
	struct cm_prog *out;
};

__attribute__((format(printf, 3, 4)))
static void gen_line(struct gen *g, bool stmt, const char *fmt, ...)
{
	char line[256];
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	n = strlen(line);
	if (g->failed)
		return;
	if (g->len + n + 2 > g->cap) {
		size_t cap = g->cap ? 2 * g->cap : 1024;
		char *s;

		while (cap < g->len + n + 2)
			cap *= 2;
		s = realloc(g->s, cap);
		if (!s) {
			g->failed = true;
			return;
		}
		g->s = s;
		g->cap = cap;
	}
	memcpy(g->s + g->len, line, n);
	g->len += n;
	g->s[g->len++] = '\n';
	g->s[g->len] = '\0';
	if (stmt)
		g->out->nr_stmts++;
}

#define STMT(g, ...)	gen_line(g, true, __VA_ARGS__)
#define DIRECTIVE(g, ...)	gen_line(g, false, __VA_ARGS__)

/* A checkpoint after the statement written last. */
static void gen_check(struct gen *g, enum cm_check_kind what, int region,
		      uint64_t off, uint64_t len, unsigned int order)
{
	struct cm_prog *cp = g->out;
	struct cm_check *ck;

	if (cp->nr_checks == CM_MAX_CHECKS || !cp->nr_stmts) {
		g->failed = true;		/* a generator bug; reported as such */
		return;
	}
	ck = &cp->checks[cp->nr_checks++];
	memset(ck, 0, sizeof(*ck));
	ck->stmt = cp->nr_stmts - 1;
	ck->what = what;
	ck->region = region;
	ck->off = off;
	ck->len = len;
	ck->order = order;
}

/* The checkpoint written last closes the setup. */
static void gen_setup_end(struct gen *g)
{
	if (g->out->nr_checks)
		g->out->checks[g->out->nr_checks - 1].setup_end = true;
}

static unsigned int order_of(uint64_t size)
{
	unsigned int order = 0;

	while ((PAGE << order) < size)
		order++;
	return order;
}

const char *cm_range_text(char *buf, size_t size, int r, uint64_t off,
			  uint64_t len, uint64_t regsize)
{
	char o[32], l[32];
	int n;

	mm_size_print(off, o, sizeof(o));
	mm_size_print(len, l, sizeof(l));
	if (off + len == regsize)
		n = snprintf(buf, size, off ? "r%d+%s" : "r%d", r, o);
	else if (off)
		n = snprintf(buf, size, "r%d+%s:%s", r, o, l);
	else
		n = snprintf(buf, size, "r%d:%s", r, l);
	/* A cut range would change the program: the callers' buffers fit any. */
	if (n < 0 || (size_t)n >= size)
		abort();
	return buf;
}

static void gen_directives(struct gen *g, const char *era,
			   const struct run_options *knobs)
{
	if (era)
		DIRECTIVE(g, "era %s", era);
	for (int i = 0; knobs && i < knobs->nr_knobs; i++)
		DIRECTIVE(g, "knob %s=%s", knobs->knobs[i].name,
			  knobs->knobs[i].value ? "on" : "off");
}

/*
 * The THP settings run_anon_test_case() pushes for one size: that size
 * "always", the PMD size "never" (unless it is the size).
 */
static void gen_thp_config(struct gen *g, uint64_t size)
{
	if (size == PMD_SIZE) {
		DIRECTIVE(g, "config thp=always");
		return;
	}
	DIRECTIVE(g, "config thp=never");
	if (size < MB)
		DIRECTIVE(g, "config mthp=%" PRIu64 "k", size / KB);
	else
		DIRECTIVE(g, "config mthp=%" PRIu64 "m", size / MB);
}

/*
 * do_run_with_thp(): populate a THP of @size in r0, then turn it into
 * @kind.  Returns the size the test runs on.
 */
static uint64_t gen_thp_setup(struct gen *g, enum cm_kind kind, uint64_t size)
{
	unsigned int order = order_of(size);
	uint64_t test_size = size;
	char r[64];

	mm_size_print(size, r, sizeof(r));
	STMT(g, "p0 mmap r0 %s anon private rw", r);
	STMT(g, "p0 madvise r0 hugepage");
	/* mem[0] = 1, then "is the last sub-page populated?" */
	STMT(g, "p0 write r0:1p");
	gen_check(g, CMC_POPULATED, 0, 0, size, order);
	STMT(g, "p0 write r0");
	switch (kind) {
	case CMK_THP:
	case CMK_THP_SWAP:
		gen_check(g, CMC_PMD_THP, 0, 0, size, order);
		break;
	case CMK_PTE:
	case CMK_PTE_SWAP:
		/* PTE-map it by mapping one sub-page R/O for a moment. */
		STMT(g, "p0 mprotect r0+1p:1p r");
		STMT(g, "p0 mprotect r0+1p:1p rw");
		gen_check(g, CMC_ANON_PTE, 0, 0, size, order);
		break;
	case CMK_SINGLE_PTE:
	case CMK_SINGLE_PTE_SWAP:
		/* Discard all but the first sub-page. */
		STMT(g, "p0 madvise r0+1p dontneed");
		gen_check(g, CMC_ANON_PTE, 0, 0, PAGE, order);
		gen_check(g, CMC_NONE, 0, PAGE, size - PAGE, 0);
		test_size = PAGE;
		break;
	case CMK_MREMAP:
		/* Move the upper half away; the test uses the lower one. */
		STMT(g, "p0 mremap %s r1", cm_range_text(r, 64, 0, size / 2, size / 2, size));
		gen_check(g, CMC_ANON_PTE, 0, 0, size / 2, order);
		test_size = size / 2;
		break;
	case CMK_SHARED:
		/* Share only the first sub-page with a child that exits. */
		STMT(g, "p0 madvise r0+1p dontfork");
		STMT(g, "p0 fork p1");
		STMT(g, "p1 exit");
		STMT(g, "p0 madvise r0+1p dofork");
		gen_check(g, CMC_ANON_PTE, 0, 0, size, order);
		break;
	default:
		g->failed = true;
		break;
	}
	if (kind == CMK_THP_SWAP || kind == CMK_PTE_SWAP ||
	    kind == CMK_SINGLE_PTE_SWAP) {
		STMT(g, "p0 madvise %s pageout", cm_range_text(r, 64, 0, 0, test_size, size));
		gen_check(g, CMC_SWAPPED, 0, 0, test_size, 0);
	}
	gen_setup_end(g);
	return test_size;
}

/* run_with_base_page(), run_with_base_page_swap(), run_with_hugetlb(). */
static void gen_small_or_hugetlb_setup(struct gen *g, enum cm_kind kind,
				       uint64_t size)
{
	switch (kind) {
	case CMK_BASE:
	case CMK_BASE_SWAP:
		STMT(g, "p0 mmap r0 1p anon private rw");
		STMT(g, "p0 write r0");
		if (kind == CMK_BASE) {
			gen_check(g, CMC_ANON_PTE, 0, 0, PAGE, 0);
		} else {
			STMT(g, "p0 madvise r0 pageout");
			gen_check(g, CMC_SWAPPED, 0, 0, PAGE, 0);
		}
		break;
	default:		/* CMK_HUGETLB */
		STMT(g, "p0 mmap r0 %s anon private rw %s",
		     size == GB ? "1g" : "2m",
		     size == GB ? "hugetlb-1g" : "hugetlb");
		STMT(g, "p0 write r0");
		gen_check(g, CMC_HUGETLB, 0, 0, size, order_of(size));
		g->out->checks[g->out->nr_checks - 1].anon = true;
		break;
	}
	gen_setup_end(g);
}

/* The steps of anon test @t on [r0, r0 + size) of a slot of @regsize. */
static void gen_anon_test(struct gen *g, int t, uint64_t size, uint64_t regsize)
{
	const char *pin = (t == T_RO_FAST_PIN_SHARED ||
			   t == T_RO_FAST_PIN_PREV_SHARED ||
			   t == T_RO_FAST_PIN_EXCL) ? " fast" : "";
	uint64_t vlen = size < VMSPLICE_MAX ? size : VMSPLICE_MAX;
	char m[64], v[64];

	cm_range_text(m, sizeof(m), 0, 0, size, regsize);
	cm_range_text(v, sizeof(v), 0, 0, vlen, regsize);
	switch (t) {
	case T_COW:
	case T_COW_MPROTECT:
	case T_VMSPLICE_CHILD:
	case T_VMSPLICE_CHILD_MPROTECT:
		/* do_test_cow_in_parent(): the child snapshots first. */
		STMT(g, "p0 fork p1");
		STMT(g, "p1 read %s", m);
		if (t == T_VMSPLICE_CHILD || t == T_VMSPLICE_CHILD_MPROTECT) {
			STMT(g, "p1 vmsplice g0 %s", v);
			STMT(g, "p1 munmap %s", m);
		}
		if (t == T_COW_MPROTECT || t == T_VMSPLICE_CHILD_MPROTECT) {
			STMT(g, "p0 mprotect %s r", m);
			STMT(g, "p0 mprotect %s rw", m);
		}
		STMT(g, "p0 write %s", m);
		if (t == T_COW || t == T_COW_MPROTECT)
			STMT(g, "p1 read %s", m);
		else
			STMT(g, "g0 read");
		STMT(g, "p1 exit");
		break;
	case T_VMSPLICE_BEFORE_FORK:
	case T_VMSPLICE_AFTER_FORK:
		/* do_test_vmsplice_in_parent(). */
		STMT(g, "p0 read %s", m);
		if (t == T_VMSPLICE_BEFORE_FORK)
			STMT(g, "p0 vmsplice g0 %s", v);
		STMT(g, "p0 fork p1");
		if (t == T_VMSPLICE_AFTER_FORK)
			STMT(g, "p0 vmsplice g0 %s", v);
		STMT(g, "p0 munmap %s", m);
		STMT(g, "p1 write %s", m);
		STMT(g, "p1 exit");
		STMT(g, "g0 read");
		STMT(g, "g0 put");
		break;
	case T_IOURING_RO:
	case T_IOURING_FORK:
		/* do_test_iouring(): register, then write_fixed what it pins. */
		STMT(g, "p0 iouring g0 %s", m);
		if (t == T_IOURING_FORK) {
			STMT(g, "p0 fork p1");
		} else {
			STMT(g, "p0 mprotect %s r", m);
			STMT(g, "p0 clear-refs");
			STMT(g, "p0 mprotect %s rw", m);
		}
		STMT(g, "p0 write %s", m);
		STMT(g, "g0 read");
		if (t == T_IOURING_FORK)
			STMT(g, "p1 exit");
		STMT(g, "g0 put");
		break;
	default:
		/* do_test_ro_pin(): PIN_LONGTERM_TEST_START/READ/STOP. */
		if (t == T_RO_PIN_EXCL || t == T_RO_FAST_PIN_EXCL) {
			STMT(g, "p0 mprotect %s r", m);
			STMT(g, "p0 clear-refs");
			STMT(g, "p0 mprotect %s rw", m);
		} else {
			STMT(g, "p0 fork p1");
			if (t == T_RO_PIN_PREV_SHARED ||
			    t == T_RO_FAST_PIN_PREV_SHARED)
				STMT(g, "p1 exit");
		}
		STMT(g, "p0 gup g0 %s pin longterm%s", m, pin);
		STMT(g, "p0 write %s", m);
		STMT(g, "g0 read");
		STMT(g, "g0 put");
		if (t == T_RO_PIN_SHARED || t == T_RO_FAST_PIN_SHARED)
			STMT(g, "p1 exit");
		break;
	}
}

/* do_test_anon_thp_collapse() on a PMD-mapped THP in r0. */
static void gen_collapse_test(struct gen *g, int t)
{
	unsigned int order = order_of(PMD_SIZE);
	const char *child = t == C_LOWER_SHARED ? "r0:1m" :
			    t == C_UPPER_SHARED ? "r0+1m" : "r0";

	STMT(g, "p0 mprotect r0+1p:1p r");
	STMT(g, "p0 mprotect r0+1p:1p rw");
	gen_check(g, CMC_ANON_PTE, 0, 0, PMD_SIZE, order);
	if (t == C_UNSHARED) {
		STMT(g, "p0 madvise r0 collapse");
		gen_check(g, CMC_COLLAPSED, 0, 0, PMD_SIZE, order);
	} else if (t == C_LOWER_SHARED) {
		STMT(g, "p0 madvise r0+1m dontfork");
	} else if (t == C_UPPER_SHARED) {
		STMT(g, "p0 madvise r0:1m dontfork");
	}
	STMT(g, "p0 fork p1");
	STMT(g, "p1 read %s", child);
	if (t != C_UNSHARED) {
		if (t != C_FULLY_SHARED)
			STMT(g, "p0 madvise r0 dofork");
		STMT(g, "p0 madvise r0 collapse");
		gen_check(g, CMC_COLLAPSED, 0, 0, PMD_SIZE, order);
	}
	STMT(g, "p0 write r0");
	STMT(g, "p1 read %s", child);
	STMT(g, "p1 exit");
}

/* run_with_zeropage() ... run_with_memfd_hugetlb(): mem is r0, smem r1. */
static uint64_t gen_nonanon_setup(struct gen *g, enum cm_kind kind,
				  uint64_t hsize)
{
	const char *hs = hsize == GB ? "1g" : "2m";

	switch (kind) {
	case CMK_ZEROPAGE:
		STMT(g, "p0 mmap r0 1p anon private rw");
		STMT(g, "p0 mmap r1 1p anon private r");
		STMT(g, "p0 read r0");
		STMT(g, "p0 read r1");
		gen_check(g, CMC_ZEROPAGE, 0, 0, PAGE, 0);
		gen_check(g, CMC_ZEROPAGE, 1, 0, PAGE, 0);
		break;
	case CMK_MEMFD:
	case CMK_TMPFILE:
		STMT(g, "file f0 %s 1p", kind == CMK_MEMFD ? "memfd" : "tmpfile");
		STMT(g, "p0 mmap r0 1p f0 private rw");
		STMT(g, "p0 mmap r1 1p f0 shared r");
		STMT(g, "p0 read r0");
		STMT(g, "p0 read r1");
		gen_check(g, CMC_PAGECACHE, 0, 0, PAGE, 0);
		gen_check(g, CMC_PAGECACHE, 1, 0, PAGE, 0);
		break;
	case CMK_HUGE_ZEROPAGE:
		STMT(g, "p0 mmap r0 2m anon private rw");
		STMT(g, "p0 mmap r1 2m anon private r");
		STMT(g, "p0 madvise r0 hugepage");
		STMT(g, "p0 madvise r1 hugepage");
		STMT(g, "p0 read r0:1p");
		STMT(g, "p0 read r1:1p");
		gen_check(g, CMC_HUGE_ZEROPAGE, 0, PAGE, PAGE, 0);
		gen_check(g, CMC_HUGE_ZEROPAGE, 1, PAGE, PAGE, 0);
		hsize = PMD_SIZE;
		break;
	default:		/* CMK_MEMFD_HUGETLB */
		STMT(g, "file f0 memfd-hugetlb%s %s", hsize == GB ? "-1g" : "", hs);
		STMT(g, "p0 mmap r0 %s f0 private rw", hs);
		STMT(g, "p0 mmap r1 %s f0 shared r", hs);
		/*
		 * cow.c fallocate()s the file's page first: smem's read
		 * makes it here.  mem's read on a hole would get an anon
		 * page of its own instead (hugetlb_no_page()).
		 */
		STMT(g, "p0 read r1:1p");
		STMT(g, "p0 read r0:1p");
		gen_check(g, CMC_HUGETLB, 0, 0, hsize, order_of(hsize));
		gen_check(g, CMC_HUGETLB, 1, 0, hsize, order_of(hsize));
		break;
	}
	gen_setup_end(g);
	return kind == CMK_ZEROPAGE || kind == CMK_MEMFD || kind == CMK_TMPFILE ?
	       PAGE : hsize;
}

/* test_cow(), test_ro_pin(), test_ro_fast_pin(). */
static void gen_nonanon_test(struct gen *g, int t)
{
	if (t == N_COW) {
		STMT(g, "p0 read r1");
		STMT(g, "p0 write r0");
		STMT(g, "p0 read r1");
		return;
	}
	STMT(g, "p0 gup g0 r0 pin longterm%s", t == N_RO_FAST_PIN ? " fast" : "");
	STMT(g, "p0 write r0");
	STMT(g, "g0 read");
	STMT(g, "g0 put");
}

int cm_generate(const struct cm_case *c, const char *era,
		const struct run_options *knobs, struct cm_prog *out)
{
	struct gen g = { .out = out };
	uint64_t size;

	memset(out, 0, sizeof(*out));
	gen_directives(&g, era, knobs);
	switch (c->group) {
	case CM_ANON:
		if (c->kind == CMK_BASE || c->kind == CMK_BASE_SWAP ||
		    c->kind == CMK_HUGETLB) {
			gen_small_or_hugetlb_setup(&g, c->kind, c->size);
			size = c->size ? c->size : PAGE;
			gen_anon_test(&g, c->test, size, size);
		} else {
			gen_thp_config(&g, c->size);
			size = gen_thp_setup(&g, c->kind, c->size);
			gen_anon_test(&g, c->test, size, c->size);
		}
		break;
	case CM_COLLAPSE:
		/* run_anon_thp_test_cases() keeps the default THP settings. */
		gen_thp_setup(&g, CMK_THP, PMD_SIZE);
		gen_collapse_test(&g, c->test);
		break;
	case CM_NONANON:
		gen_nonanon_setup(&g, c->kind, c->size);
		gen_nonanon_test(&g, c->test);
		break;
	}
	if (g.failed) {
		free(g.s);
		memset(out, 0, sizeof(*out));
		return -ENOMEM;
	}
	out->text = g.s;
	return 0;
}

void cm_prog_free(struct cm_prog *cp)
{
	free(cp->text);
	memset(cp, 0, sizeof(*cp));
}
