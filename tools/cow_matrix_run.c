// SPDX-License-Identifier: MIT
/*
 * cow_matrix_run.c - run one case of `mmfuzz cow-matrix` and map the
 * runner's result to the outcome the kernel's COW selftest reports:
 *
 *   runner ok                         pass
 *   violation                         fail
 *   violation or known behaviour in   xfail   cow.c flags the hugetlb vmsplice
 *     a case cow.c flags                      cases XFAIL whatever leaked
 *   MADV_COLLAPSE refused             skip    cow.c skips on any failure
 *   runner error, or a setup that     error
 *     did not give its page kind
 *
 * cow.c never reports XPASS: a flagged case that does not leak passes.
 *
 * The setup checks are cow.c's pagemap questions ("Did not get a THP
 * populated", "MADV_PAGEOUT did not work"), asked through the runner's
 * after_stmt hook with mm_page_query() after the statements the program
 * marks.  A refusal stops the run as an error at that statement, so a
 * case never passes on memory that is not the kind it claims to test.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cow_matrix.h"
#include "mmemu.h"

static const char *const outcome_names[CMO_NR] = {
	"pass", "fail", "xfail", "xpass", "skip", "error",
};

const char *cm_outcome_name(enum cm_outcome o)
{
	return (unsigned int)o < CMO_NR ? outcome_names[o] : "?";
}

int cm_outcome_lookup(const char *name, size_t len)
{
	for (int o = 0; o < CMO_NR; o++)
		if (strlen(outcome_names[o]) == len &&
		    !memcmp(outcome_names[o], name, len))
			return o;
	return -1;
}

/* What the after_stmt hook needs, and what it found. */
struct cm_hook {
	const struct cm_prog *cp;
	FILE *trace;			/* the runner's statement trace */
	char *trace_buf;
	size_t trace_len;
	bool skip;			/* the run stopped for a SKIP */
};

/* ------------------------------------------------------------------ */
/* Setup checks                                                         */

static void page_describe(const struct mm_page_info *pi, char *buf, size_t n)
{
	if (pi->swapped)
		snprintf(buf, n, "swapped out");
	else if (!pi->present)
		snprintf(buf, n, "not mapped");
	else
		snprintf(buf, n, "%s%s%s folio of order %u mapped at level %u",
			 pi->zeropage ? "the zeropage, " :
			 pi->huge_zeropage ? "the huge zeropage, " : "",
			 pi->hugetlb ? "hugetlb " : "",
			 pi->anon ? "anon" : "file", pi->order, pi->level);
}

/* Does one page satisfy @ck? */
static bool page_ok(const struct cm_check *ck, const struct mm_page_info *pi)
{
	switch (ck->what) {
	case CMC_POPULATED:
		return pi->present;
	case CMC_ANON_PTE:
		return pi->present && pi->anon && !pi->hugetlb && !pi->ksm &&
		       pi->level == 0 && pi->order == ck->order;
	case CMC_NONE:
		return !pi->present && !pi->swapped;
	case CMC_SWAPPED:
		return pi->swapped;
	case CMC_PMD_THP:
	case CMC_COLLAPSED:
		return pi->present && pi->anon && !pi->hugetlb &&
		       pi->level == 1 && pi->order == ck->order;
	case CMC_HUGETLB:
		return pi->present && pi->hugetlb && pi->anon == ck->anon &&
		       pi->level == (ck->order > 9 ? 2u : 1u) &&
		       pi->order == ck->order;
	case CMC_ZEROPAGE:
		return pi->present && pi->zeropage;
	case CMC_PAGECACHE:
		return pi->present && !pi->anon && !pi->zeropage &&
		       !pi->huge_zeropage && !pi->hugetlb && pi->order == 0;
	case CMC_HUGE_ZEROPAGE:
		return pi->present && pi->huge_zeropage && pi->level == 1;
	}
	return false;
}

/*
 * Ask about the pages of @ck: each one, except that a leaf meant to map
 * a whole huge folio is asked about at both ends only (a 1 GiB folio
 * costs two queries, not 262144), and POPULATED asks about the last page.
 */
static bool check_pages(const struct cm_check *ck, struct world *w,
			char *msg, size_t size)
{
	uint64_t base = mm_region_addr(ck->region) + ck->off;
	uint64_t nr = ck->len / MM_PAGE_SIZE, step = 1;
	struct mm_page_info pi;
	char what[200], got[96];

	if (ck->what == CMC_PMD_THP || ck->what == CMC_COLLAPSED ||
	    ck->what == CMC_HUGETLB)
		step = nr > 1 ? nr - 1 : 1;
	for (uint64_t i = ck->what == CMC_POPULATED ? nr - 1 : 0; i < nr;
	     i += step) {
		if (mm_page_query(w, 0, base + i * MM_PAGE_SIZE, &pi) ||
		    !page_ok(ck, &pi)) {
			cm_check_describe(ck, what, sizeof(what));
			page_describe(&pi, got, sizeof(got));
			snprintf(msg, size, "setup check failed: want %s; page %llu of r%d is %s",
				 what, (unsigned long long)(ck->off / MM_PAGE_SIZE + i),
				 ck->region, got);
			return false;
		}
	}
	return true;
}

/*
 * The result of the statement just run, from the runner's trace line
 * "  L: STATEMENT -> RESULT" ("ok" or an error name such as "EINVAL"):
 * the after_stmt hook is not told it, and only the result distinguishes
 * a refused MADV_COLLAPSE from an emulator that collapsed nothing.
 */
static void last_result(struct cm_hook *h, char *buf, size_t size)
{
	const char *s, *end, *arrow = NULL;

	snprintf(buf, size, "?");
	if (fflush(h->trace) || !h->trace_buf || !h->trace_len)
		return;
	end = h->trace_buf + h->trace_len;
	if (end[-1] == '\n')
		end--;
	for (s = end; s > h->trace_buf && s[-1] != '\n'; s--)
		;
	for (const char *p = s; p + 4 <= end; p++)
		if (!memcmp(p, " -> ", 4))
			arrow = p + 4;
	if (arrow)
		snprintf(buf, size, "%.*s", (int)(end - arrow), arrow);
}

static int cm_after_stmt(void *priv, size_t idx, struct world *w, char *msg,
			 size_t size)
{
	struct cm_hook *h = priv;

	for (int i = 0; i < h->cp->nr_checks; i++) {
		const struct cm_check *ck = &h->cp->checks[i];

		if (ck->stmt != idx)
			continue;
		if (ck->what == CMC_COLLAPSED) {
			char ret[32];

			last_result(h, ret, sizeof(ret));
			if (strcmp(ret, "ok")) {
				h->skip = true;
				snprintf(msg, size, "MADV_COLLAPSE failed: %s", ret);
				return -1;
			}
		}
		if (!check_pages(ck, w, msg, size))
			return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* One case                                                             */

/* The trace as TAP diagnostics on @out. */
static void print_trace(FILE *out, const char *buf, size_t len)
{
	const char *s = buf, *end = buf + len;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);

		fprintf(out, "# %.*s\n", (int)n, s);
		s += n + 1;
	}
}

static bool has_collapse(const struct cm_prog *cp)
{
	for (int i = 0; i < cp->nr_checks; i++)
		if (cp->checks[i].what == CMC_COLLAPSED)
			return true;
	return false;
}

static enum cm_outcome classify(const struct cm_case *c,
				const struct cm_hook *h,
				const struct run_result *res, char *diag,
				size_t size)
{
	switch (res->outcome) {
	case RUN_OK:
		diag[0] = '\0';
		return CMO_PASS;
	case RUN_VIOLATION:
		snprintf(diag, size, "violation %s/%s at line %d (%s): %s",
			 res->cls, res->id, res->line, res->stmt, res->msg);
		return c->xfail ? CMO_XFAIL : CMO_FAIL;
	case RUN_KNOWN:
		snprintf(diag, size, "known %s at line %d (%s)", res->id,
			 res->line, res->stmt);
		return c->xfail ? CMO_XFAIL : CMO_FAIL;
	case RUN_ERROR:
		break;
	}
	if (h->skip) {
		snprintf(diag, size, "%s (line %d)", res->msg, res->line);
		return CMO_SKIP;
	}
	if (res->line)
		snprintf(diag, size, "error at line %d (%s): %s", res->line,
			 res->stmt, res->msg);
	else
		snprintf(diag, size, "error: %s", res->msg);
	return CMO_ERROR;
}

enum cm_outcome cm_run(const struct cm_case *c, const struct cm_prog *cp,
		       const struct mm_prog *p, FILE *trace, char *diag,
		       size_t size)
{
	struct run_options opt = { 0 };
	struct cm_hook h = { .cp = cp };
	struct run_result res;

	if (trace || has_collapse(cp)) {
		h.trace = open_memstream(&h.trace_buf, &h.trace_len);
		if (!h.trace) {
			snprintf(diag, size, "error: %s", strerror(errno));
			return CMO_ERROR;
		}
	}
	opt.trace = h.trace;
	opt.after_stmt = cm_after_stmt;
	opt.hook_priv = &h;
	mm_run_program(p, &opt, &res);
	if (h.trace) {
		fclose(h.trace);
		if (trace)
			print_trace(trace, h.trace_buf, h.trace_len);
		free(h.trace_buf);
	}
	return classify(c, &h, &res, diag, size);
}
