// SPDX-License-Identifier: MIT
/*
 * test_trace.c - the trace format (runner/trace.c): what `mmfuzz run
 * --trace` prints for a program, read back; two traces compared, the
 * first divergence at the right line and field with both values; the
 * compressed seen tokens.  No kernel needed.
 */
#define _POSIX_C_SOURCE 200809L	/* open_memstream */
#include <stdlib.h>

#include "mmrun.h"
#include "mmtrace.h"
#include "test.h"

static const char prog_text[] =
	"p0 mmap r0 4p anon private rw\n"
	"p0 write r0:2p\n"
	"p0 fork p1\n"
	"p1 read r0\n"
	"p0 write r0\n"
	"p0 munmap r0+3p\n"
	"p0 read r0+3p\n";

/* The emulator's trace of prog_text, every check off. */
static char *emulator_trace(void)
{
	struct run_options opt = { 0 };
	struct run_result res;
	struct mm_error err;
	struct mm_prog p;
	char *buf = NULL;
	size_t len = 0;

	if (mm_prog_parse(prog_text, strlen(prog_text), &p, &err))
		return NULL;
	if (mm_prog_check(&p, false, &err)) {
		mm_prog_free(&p);
		return NULL;
	}
	opt.checks = RUN_CHECK_NONE;
	opt.stmt_trace = open_memstream(&buf, &len);
	if (opt.stmt_trace) {
		mm_run_program(&p, &opt, &res);
		fclose(opt.stmt_trace);
	}
	mm_prog_free(&p);
	return buf;
}

/* The emulator's own trace reads back as what the program did. */
static bool test_emulator_trace(void)
{
	char *text = emulator_trace(), why[100];
	struct mm_trace t;

	ASSERT_TRUE(text);
	ASSERT_EQ(mm_trace_parse(text, &t, why, sizeof(why)), 0);
	free(text);
	ASSERT_EQ(t.n, 7);
	ASSERT_EQ(t.stmt[3].line, 4);
	ASSERT_STR_EQ(t.stmt[3].text, "p1 read r0");
	ASSERT_STR_EQ(t.stmt[3].result, "ok");
	ASSERT_TRUE(t.stmt[3].has_seen);
	/* #1 #2, then two pages never written. */
	ASSERT_EQ(t.stmt[3].seen.n, 4);
	ASSERT_EQ(t.stmt[3].seen.v[0], MM_TRACE_FRESH | 1);
	ASSERT_EQ(t.stmt[3].seen.v[1], MM_TRACE_FRESH | 2);
	ASSERT_EQ(t.stmt[3].seen.v[2], 0);
	ASSERT_EQ(t.stmt[3].seen.v[3], 0);
	ASSERT_FALSE(t.stmt[1].has_seen);
	/* Unmapped: a SIGSEGV, nothing seen. */
	ASSERT_EQ(t.stmt[6].line, 7);
	ASSERT_STR_EQ(t.stmt[6].result, "SIGSEGV");
	ASSERT_TRUE(t.stmt[6].has_seen);
	ASSERT_EQ(t.stmt[6].seen.n, 0);
	mm_trace_free(&t);
	return true;
}

static const char trace_a[] =
	"trace x.mm (emulator)\n"
	"  1: p0 mmap r0 4p anon private rw -> ok\n"
	"  2: p0 write r0 -> ok\n"
	"  3: p0 read r0 -> ok\n"
	"    seen #1..#3 =0\n"
	"  4: g0 read -> ok\n"
	"    seen =7*3 #9\n"
	"end\n";

/* The same, but the kernel showed something else on page 2 at line 4. */
static const char trace_b[] =
	"trace x.mm (live, Linux 6.18)\n"
	"  1: p0 mmap r0 4p anon private rw -> ok\n"
	"  2: p0 write r0 -> ok\n"
	"  3: p0 read r0 -> ok\n"
	"    seen #1 #2 #3 =0\n"
	"  4: g0 read -> ok\n"
	"    seen =7 =7 #4 #9\n"
	"end\n";

static bool parse2(const char *a, const char *b, struct mm_trace *ta,
		   struct mm_trace *tb)
{
	char why[100];

	if (mm_trace_parse(a, ta, why, sizeof(why)))
		return false;
	if (mm_trace_parse(b, tb, why, sizeof(why))) {
		mm_trace_free(ta);
		return false;
	}
	return true;
}

static bool test_divergence_seen(void)
{
	struct mm_trace a, b;
	struct mm_trace_divergence d;

	ASSERT_TRUE(parse2(trace_a, trace_b, &a, &b));
	ASSERT_TRUE(mm_trace_compare(&a, &b, false, &d));
	ASSERT_EQ(d.line, 4);
	ASSERT_STR_EQ(d.stmt, "g0 read");
	ASSERT_STR_EQ(d.kind, "gN read");
	ASSERT_STR_EQ(d.field, "seen");
	ASSERT_STR_EQ(d.a, "page 2: =7");
	ASSERT_STR_EQ(d.b, "page 2: #4");
	/* A trace agrees with itself. */
	ASSERT_FALSE(mm_trace_compare(&a, &a, false, &d));
	ASSERT_EQ(d.line, 0);
	mm_trace_free(&a);
	mm_trace_free(&b);
	return true;
}

static bool test_divergence_result(void)
{
	static const char b_text[] =
		"  1: p0 mmap r0 4p anon private rw -> ok\n"
		"  2: p0 write r0 -> SIGSEGV\n"
		"  3: p0 read r0 -> ok\n"
		"    seen #1..#3 =0\n";
	static const char skipped[] =
		"  1: p0 mmap r0 4p anon private rw -> skipped: no slots\n";
	struct mm_trace a, b;
	struct mm_trace_divergence d;

	ASSERT_TRUE(parse2(trace_a, b_text, &a, &b));
	ASSERT_TRUE(mm_trace_compare(&a, &b, false, &d));
	ASSERT_EQ(d.line, 2);
	ASSERT_STR_EQ(d.kind, "write");
	ASSERT_STR_EQ(d.field, "result");
	ASSERT_STR_EQ(d.a, "ok");
	ASSERT_STR_EQ(d.b, "SIGSEGV");
	mm_trace_free(&b);
	/* A live side that stopped early: the missing statement. */
	b.n = 0;
	ASSERT_EQ(mm_trace_parse(skipped, &b, d.a, sizeof(d.a)), 0);
	ASSERT_TRUE(mm_trace_compare(&a, &b, false, &d));
	ASSERT_EQ(d.line, 1);
	ASSERT_STR_EQ(d.field, "skipped");
	mm_trace_free(&b);
	ASSERT_EQ(mm_trace_parse("  1: p0 mmap r0 4p anon private rw -> ok\n",
				 &b, d.a, sizeof(d.a)), 0);
	ASSERT_TRUE(mm_trace_compare(&a, &b, false, &d));
	ASSERT_EQ(d.line, 2);
	ASSERT_STR_EQ(d.field, "statement");
	ASSERT_STR_EQ(d.b, "(end of trace)");
	mm_trace_free(&a);
	mm_trace_free(&b);
	return true;
}

/* Pages lines: flags compared (IDs not), only when asked. */
static bool test_divergence_pages(void)
{
	static const char emu[] =
		"  1: p0 read r0 -> ok\n"
		"    seen =0*2\n"
		"    pages r0+0:z r0+1:z\n"
		"  2: p0 write r0 -> ok\n"
		"    pages r0+0:a1 r0+1:a1\n";
	static const char live[] =
		"  1: p0 read r0 -> ok\n"
		"    seen =0*2\n"
		"    pages r0+0:z@1 r0+1:a1@2\n"
		"  2: p0 write r0 -> ok\n"
		"    pages r0+0:a1@3 r0+1:a1@2\n";
	struct mm_trace a, b;
	struct mm_trace_divergence d;

	ASSERT_TRUE(parse2(emu, live, &a, &b));
	ASSERT_FALSE(mm_trace_compare(&a, &b, false, &d));
	ASSERT_TRUE(mm_trace_compare(&a, &b, true, &d));
	ASSERT_EQ(d.line, 1);
	ASSERT_STR_EQ(d.field, "pages");
	ASSERT_STR_EQ(d.a, "r0+1:z");
	ASSERT_STR_EQ(d.b, "r0+1:a1");
	/* Without the differing page, the IDs alone do not diverge. */
	ASSERT_TRUE(a.stmt[0].pages && b.stmt[0].pages);
	strcpy(b.stmt[0].pages, " r0+0:z@1 r0+1:z@2");
	ASSERT_FALSE(mm_trace_compare(&a, &b, true, &d));
	mm_trace_free(&a);
	mm_trace_free(&b);
	return true;
}

/*
 * The emulator folds a run of pages alike (rN+P..Q:T); the live side
 * lists each page with its ID: they agree page for page, and the first
 * page that differs inside a run is the divergence.
 */
static bool test_divergence_page_runs(void)
{
	static const char emu[] =
		"  1: p0 write r0 -> ok\n"
		"    pages r0+0..2:at1 r0+3:a1/1 r1+0..1:h1\n";
	static const char live[] =
		"  1: p0 write r0 -> ok\n"
		"    pages r0+0:at1@1 r0+1:at1@2 r0+2:at1@3 r0+3:a1/1@4 r1+0:h1@5 r1+1:h1@6\n";
	struct mm_trace a, b;
	struct mm_trace_divergence d;

	ASSERT_TRUE(parse2(emu, live, &a, &b));
	ASSERT_FALSE(mm_trace_compare(&a, &b, true, &d));
	strcpy(b.stmt[0].pages, " r0+0:at1@1 r0+1:a1@2 r0+2:at1@3 r0+3:a1/1@4 r1+0:h1@5 r1+1:h1@6");
	ASSERT_TRUE(mm_trace_compare(&a, &b, true, &d));
	ASSERT_STR_EQ(d.a, "r0+1:at1");
	ASSERT_STR_EQ(d.b, "r0+1:a1");
	strcpy(b.stmt[0].pages, " r0+0:at1@1 r0+1:at1@2 r0+2:at1@3 r0+3:a1/1@4 r1+0:h1@5");
	ASSERT_TRUE(mm_trace_compare(&a, &b, true, &d));
	ASSERT_STR_EQ(d.a, "r1+1:h1");
	ASSERT_STR_EQ(d.b, "(no more pages)");
	mm_trace_free(&a);
	mm_trace_free(&b);
	return true;
}

/* What mm_trace_print_stmt() compresses reads back page for page. */
static bool test_seen_round_trip(void)
{
	static const uint64_t vals[] = {
		MM_TRACE_FRESH | 5, MM_TRACE_FRESH | 6, MM_TRACE_FRESH | 7, 0, 0,
		0, 42, MM_TRACE_FRESH | 9, MM_TRACE_FRESH | 9, MM_TRACE_FRESH | 1,
	};
	struct mm_trace_vals seen = { 0 };
	struct mm_stmt s;
	struct mm_trace t;
	char *buf = NULL, why[100];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ASSERT_TRUE(f);
	for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++)
		ASSERT_EQ(mm_trace_push(&seen, vals[i]), 0);
	mm_stmt_init(&s, MM_OP_HANDLE_READ);
	s.handle = 3;
	s.line = 7;
	mm_trace_print_stmt(f, &s, "ok", true, &seen);
	fclose(f);
	ASSERT_STR_EQ(buf, "  7: g3 read -> ok\n    seen #5..#7 =0*3 =42 #9*2 #1\n");
	ASSERT_EQ(mm_trace_parse(buf, &t, why, sizeof(why)), 0);
	free(buf);
	ASSERT_EQ(t.n, 1);
	ASSERT_EQ(t.stmt[0].seen.n, seen.n);
	for (size_t i = 0; i < seen.n; i++)
		ASSERT_EQ(t.stmt[0].seen.v[i], seen.v[i]);
	mm_trace_free(&t);
	mm_trace_vals_free(&seen);
	/* A malformed seen line is an error, not a silent agreement. */
	ASSERT_EQ(mm_trace_parse("  1: g0 read -> ok\n    seen #x\n", &t, why,
				 sizeof(why)), -1);
	return true;
}

static const struct test tests[] = {
	TEST(test_emulator_trace),
	TEST(test_divergence_seen),
	TEST(test_divergence_result),
	TEST(test_divergence_pages),
	TEST(test_divergence_page_runs),
	TEST(test_seen_round_trip),
	{ 0 },
};

int main(void)
{
	return run_tests(tests);
}
