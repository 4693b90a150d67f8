/* SPDX-License-Identifier: MIT */
/*
 * test_cow_matrix.c - `mmfuzz cow-matrix` (tools/cow_matrix_cases.c,
 * cow_matrix_print.c and cow_matrix_run.c, compiled into this test by
 * CMakeLists.txt).
 *
 * What holds whatever the emulator models: 778 cases in cow.c's order
 * with unique names and the hugetlb vmsplice cases flagged; every case's
 * printed program parses, checks, prints back to itself and marks where
 * its setup ends; the expectation files of tests/cow_matrix/ name the
 * same cases and keep the totals of semantics.md section 4.  And the
 * mapping of runner results to kselftest outcomes: pass, fail, xfail,
 * skip on a refused MADV_COLLAPSE, error on a setup that did not give
 * its page kind.
 */
#include <stdlib.h>
#include <string.h>

#include "cow_matrix.h"
#include "test.h"

static const char *const eras[] = {
	"5.7", "5.8", "5.9", "5.18", "5.19", "6.2", "current",
};

/* pass, fail, xfail, skip of each era (semantics.md section 4). */
static const int totals[][4] = {
	{ 416, 350, 8, 4 }, { 674, 98, 2, 4 }, { 349, 417, 8, 4 },
	{ 386, 380, 8, 4 }, { 754, 12, 8, 4 }, { 770, 0, 8, 0 },
	{ 770, 0, 8, 0 },
};

static struct cm_case *all_cases(void)
{
	struct cm_case *cases = calloc(CM_NR_CASES, sizeof(*cases));

	if (cases)
		cm_cases(cases);
	return cases;
}

static bool test_case_table(void)
{
	struct cm_case *c = all_cases();
	int xfail = 0, group[3] = { 0 };

	ASSERT_TRUE(c);
	ASSERT_EQ(CM_NR_CASES, 778);
	for (int i = 0; i < CM_NR_CASES; i++) {
		ASSERT_EQ(c[i].nr, i + 1);
		ASSERT_GT(strlen(c[i].name), 0);
		for (int j = 0; j < i; j++)
			ASSERT_NE(strcmp(c[i].name, c[j].name), 0);
		group[c[i].group]++;
		if (c[i].xfail) {
			xfail++;
			ASSERT_EQ(c[i].kind, CMK_HUGETLB);
			ASSERT_TRUE(strstr(c[i].name, "vmsplice()"));
		}
	}
	ASSERT_EQ(group[CM_ANON], 756);
	ASSERT_EQ(group[CM_COLLAPSE], 4);
	ASSERT_EQ(group[CM_NONANON], 18);
	ASSERT_EQ(xfail, 8);
	/* A few names exactly as cow.c prints them. */
	ASSERT_STR_EQ(c[0].name, "Basic COW after fork() ... with base page");
	ASSERT_STR_EQ(c[44].name, "Basic COW after fork() ... with THP (2048 kB)");
	ASSERT_STR_EQ(c[53].name, "Basic COW after fork() ... with hugetlb (1048576 kB)");
	ASSERT_STR_EQ(c[756].name, "Basic COW after fork() when collapsing before fork()");
	ASSERT_STR_EQ(c[777].name, "R/O longterm GUP-fast pin ... with memfd hugetlb (1048576 kB)");
	ASSERT_TRUE(cm_find_case(c, "45") == &c[44]);
	ASSERT_TRUE(cm_find_case(c, c[300].name) == &c[300]);
	ASSERT_TRUE(cm_find_case(c, "0") == NULL);
	ASSERT_TRUE(cm_find_case(c, "779") == NULL);
	ASSERT_TRUE(cm_find_case(c, "no such case") == NULL);
	free(c);
	return true;
}

/* Count the lines of @text that are exactly @line. */
static int count_lines(const char *text, const char *line)
{
	size_t n = strlen(line);
	int count = 0;

	for (const char *s = text; (s = strstr(s, line)); s += n)
		if ((s == text || s[-1] == '\n') && s[n] == '\n')
			count++;
	return count;
}

/* One case: loads, prints back to itself, has one setup end. */
static bool check_one(const struct cm_case *c, const char *era,
		      const struct run_options *knobs)
{
	struct cm_prog cp;
	struct mm_prog p;
	char *text, *again, why[240];
	int setup_ends = 0;

	if (cm_load(c, era, knobs, &cp, &text, &p, why, sizeof(why))) {
		fprintf(stderr, "case %d (%s): %s\n", c->nr, era, why);
		return false;
	}
	again = cm_print(c, &cp, &p);
	ASSERT_TRUE(again);
	ASSERT_STR_EQ(again, text);
	ASSERT_EQ(count_lines(text, "# ---- setup ends; the test starts ----"), 1);
	for (int i = 0; i < cp.nr_checks; i++) {
		ASSERT_LT(cp.checks[i].stmt, p.nr_stmts);
		setup_ends += cp.checks[i].setup_end;
	}
	ASSERT_EQ(setup_ends, 1);
	ASSERT_STR_EQ(p.era, era);
	free(again);
	free(text);
	mm_prog_free(&p);
	cm_prog_free(&cp);
	return true;
}

static bool test_every_case_prints_and_parses(void)
{
	struct cm_case *c = all_cases();
	struct run_options knobs = { .nr_knobs = 1 };

	ASSERT_TRUE(c);
	snprintf(knobs.knobs[0].name, sizeof(knobs.knobs[0].name),
		 "fork_share_pinned");
	knobs.knobs[0].value = true;
	for (size_t e = 0; e < sizeof(eras) / sizeof(eras[0]); e++)
		for (int i = 0; i < CM_NR_CASES; i++)
			if (!check_one(&c[i], eras[e], e ? NULL : &knobs))
				return false;
	free(c);
	return true;
}

/* tests/cow_matrix/expected-ERA.txt: these cases, these totals. */
static bool check_expected_file(const char *era, const int want[4],
				const struct cm_case *c)
{
	char path[512], line[512];
	int count[CMO_NR] = { 0 }, nr = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/expected-%s.txt", MMFUZZ_COW_MATRIX_DIR,
		 era);
	f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "cannot open %s\n", path);
		return false;
	}
	while (fgets(line, sizeof(line), f)) {
		char *sp1, *sp2, *nl = strchr(line, '\n');
		int o;

		if (nl)
			*nl = '\0';
		if (line[0] == '#' || !line[0])
			continue;
		sp1 = strchr(line, ' ');
		sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
		ASSERT_TRUE(sp2);
		ASSERT_LT(nr, CM_NR_CASES);
		ASSERT_EQ(atoi(line), c[nr].nr);
		o = cm_outcome_lookup(sp1 + 1, (size_t)(sp2 - sp1 - 1));
		ASSERT_GE(o, 0);
		ASSERT_STR_EQ(sp2 + 1, c[nr].name);
		count[o]++;
		nr++;
	}
	fclose(f);
	ASSERT_EQ(nr, CM_NR_CASES);
	ASSERT_EQ(count[CMO_PASS], want[0]);
	ASSERT_EQ(count[CMO_FAIL], want[1]);
	ASSERT_EQ(count[CMO_XFAIL], want[2]);
	ASSERT_EQ(count[CMO_SKIP], want[3]);
	ASSERT_EQ(count[CMO_XPASS] + count[CMO_ERROR], 0);
	return true;
}

static bool test_expected_files(void)
{
	struct cm_case *c = all_cases();

	ASSERT_TRUE(c);
	for (size_t e = 0; e < sizeof(eras) / sizeof(eras[0]); e++)
		if (!check_expected_file(eras[e], totals[e], c))
			return false;
	free(c);
	return true;
}

/* Run @c's program (or @text instead, with @cp's checks) in @era. */
static enum cm_outcome run_as(const struct cm_case *c, const char *era,
			      char *diag, size_t size)
{
	struct cm_prog cp;
	struct mm_prog p;
	char *text, why[240];
	enum cm_outcome o;

	if (cm_load(c, era, NULL, &cp, &text, &p, why, sizeof(why))) {
		snprintf(diag, size, "%s", why);
		return CMO_NR;
	}
	o = cm_run(c, &cp, &p, NULL, diag, size);
	free(text);
	mm_prog_free(&p);
	cm_prog_free(&cp);
	return o;
}

static bool test_outcomes(void)
{
	struct cm_case *c = all_cases();
	struct cm_case flagged;
	char diag[640];

	ASSERT_TRUE(c);
	/* Base page, basic COW: passes in every modelled era. */
	ASSERT_EQ(run_as(&c[0], "current", diag, sizeof(diag)), CMO_PASS);
	ASSERT_STR_EQ(diag, "");
	/* T3 on a base page leaks in 5.7: fail, or xfail if flagged. */
	ASSERT_EQ(run_as(&c[2 * 54], "5.7", diag, sizeof(diag)), CMO_FAIL);
	ASSERT_TRUE(strstr(diag, "violation isolation/"));
	flagged = c[2 * 54];
	flagged.xfail = true;
	ASSERT_EQ(run_as(&flagged, "5.7", diag, sizeof(diag)), CMO_XFAIL);
	ASSERT_EQ(run_as(&c[2 * 54], "current", diag, sizeof(diag)), CMO_PASS);
	/* 5.8: the child's vmsplice breaks COW (T3), one before fork does not (T5). */
	ASSERT_EQ(run_as(&c[2 * 54], "5.8", diag, sizeof(diag)), CMO_PASS);
	ASSERT_EQ(run_as(&c[4 * 54], "5.8", diag, sizeof(diag)), CMO_FAIL);
	ASSERT_TRUE(strstr(diag, "violation isolation/P5"));
	/* 4.8 reuses by mapcount as 5.7 does: T3 leaks there too. */
	ASSERT_EQ(run_as(&c[2 * 54], "4.8", diag, sizeof(diag)), CMO_FAIL);
	ASSERT_TRUE(strstr(diag, "violation isolation/"));
	ASSERT_EQ(run_as(&c[0], "4.8", diag, sizeof(diag)), CMO_PASS);
	free(c);
	return true;
}

/* A setup that does not give its page kind is an error, never a pass. */
static bool test_setup_check_refuses(void)
{
	struct cm_case *c = all_cases();
	struct cm_prog cp;
	struct mm_prog p;
	char *text, why[240], diag[640];

	ASSERT_TRUE(c);
	ASSERT_EQ(cm_load(&c[0], "current", NULL, &cp, &text, &p, why,
			  sizeof(why)), 0);
	ASSERT_EQ(cp.nr_checks, 1);
	ASSERT_EQ(cp.checks[0].what, CMC_ANON_PTE);
	ASSERT_EQ(cm_run(&c[0], &cp, &p, NULL, diag, sizeof(diag)), CMO_PASS);
	cp.checks[0].order = 9;		/* claim a THP where a base page is */
	ASSERT_EQ(cm_run(&c[0], &cp, &p, NULL, diag, sizeof(diag)), CMO_ERROR);
	ASSERT_TRUE(strstr(diag, "setup check failed"));
	ASSERT_TRUE(strstr(diag, "anon folio of order 0 mapped at level 0"));
	cp.checks[0].what = CMC_SWAPPED;
	cp.checks[0].order = 0;
	ASSERT_EQ(cm_run(&c[0], &cp, &p, NULL, diag, sizeof(diag)), CMO_ERROR);
	ASSERT_TRUE(strstr(diag, "swapped out"));
	free(text);
	mm_prog_free(&p);
	cm_prog_free(&cp);
	free(c);
	return true;
}

/*
 * A refused collapse is a SKIP, read from the statement's result; a
 * "collapse" that succeeds without a PMD is an error.  Stand-ins with
 * known results: a GUP the kernel refuses (EINVAL), a write that works.
 */
static bool test_collapse_skip(void)
{
	static const char text[] =
		"p0 mmap r0 2m anon private rw\n"
		"p0 gup g0 r0 get longterm\n"
		"p0 write r0:1p\n";
	struct cm_case *c = all_cases();
	struct mm_error err;
	struct cm_prog cp = { 0 };
	struct mm_prog p;
	char diag[640];

	ASSERT_TRUE(c);
	ASSERT_EQ(mm_prog_parse(text, strlen(text), &p, &err), 0);
	ASSERT_EQ(mm_prog_check(&p, false, &err), 0);
	cp.nr_stmts = p.nr_stmts;
	cp.nr_checks = 1;
	cp.checks[0] = (struct cm_check){ .stmt = 1, .what = CMC_COLLAPSED,
					  .len = 2 << 20, .order = 9 };
	ASSERT_EQ(cm_run(&c[756], &cp, &p, NULL, diag, sizeof(diag)), CMO_SKIP);
	ASSERT_TRUE(strstr(diag, "MADV_COLLAPSE failed: EINVAL"));
	cp.checks[0].stmt = 2;
	ASSERT_EQ(cm_run(&c[756], &cp, &p, NULL, diag, sizeof(diag)), CMO_ERROR);
	ASSERT_TRUE(strstr(diag, "setup check failed"));
	mm_prog_free(&p);
	free(c);
	return true;
}

static const struct test tests[] = {
	TEST(test_case_table),
	TEST(test_every_case_prints_and_parses),
	TEST(test_expected_files),
	TEST(test_outcomes),
	TEST(test_setup_check_refuses),
	TEST(test_collapse_skip),
	{ 0 },
};

int main(void)
{
	return run_tests(tests);
}
