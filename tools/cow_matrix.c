// SPDX-License-Identifier: MIT
/*
 * cow_matrix.c - `mmfuzz cow-matrix`: run the kernel COW selftest's whole
 * matrix (cow_matrix_cases.c) through the runner and print kselftest TAP.
 *
 *   mmfuzz cow-matrix [--era NAME] [--knob NAME=on|off]... [--print CASE]
 *                     [--cases A-B] [--expected FILE] [--verbose]
 *
 * Each case is one program (cow_matrix_cases.c), run with the setup
 * checks of cow_matrix_run.c, whose outcome (pass, fail, xfail, skip,
 * error) is printed as kselftest.h's ksft_test_result_*() print it:
 * "ok N NAME", "not ok N NAME", "ok N # XFAIL NAME", "ok N # SKIP NAME",
 * "not ok N # error NAME", each preceded by a "# ..." diagnostic saying
 * why when it is not a pass.  The first lines are kselftest's TAP header
 * and plan, the last its "# Totals: ..." line.  --cases A-B runs a part
 * of the matrix as a TAP stream of its own: plan 1..B-A+1, results
 * numbered from 1, and a diagnostic saying which case is result 1.
 *
 * The program run is exactly what `--print CASE` shows (canonical text
 * with the era, the knobs and the checkpoints as comments), so line
 * numbers in diagnostics are that text's, and `mmfuzz run` replays it
 * (without the setup checks, which need the after_stmt hook).
 *
 * --expected FILE holds one "NUMBER OUTCOME NAME" line per case ('#'
 * lines are comments); each case whose outcome differs gets a "# expected
 * ..." diagnostic.  Exit status: 0 when the matrix ran (and, with
 * --expected, every outcome matched), 1 on a mismatch, 2 on a usage
 * error or an unreadable expectation file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cow_matrix.h"
#include "mmfuzz.h"

struct cm_args {
	const char *era;		/* as given; "current" by default */
	struct run_options knobs;	/* --knob settings only */
	const char *print;		/* --print CASE */
	const char *expected;		/* --expected FILE */
	bool verbose;
	int first, last;		/* --cases A-B: the cases run (1-based) */
};

/* Load and run case @c; print its diagnostic; return its outcome. */
static enum cm_outcome run_case(const struct cm_args *a, const struct cm_case *c)
{
	struct cm_prog cp;
	struct mm_prog p;
	char *text, why[240], diag[640];
	enum cm_outcome o;

	if (cm_load(c, a->era, &a->knobs, &cp, &text, &p, why, sizeof(why))) {
		printf("# error: the generated program is invalid: %s\n", why);
		return CMO_ERROR;
	}
	o = cm_run(c, &cp, &p, a->verbose ? stdout : NULL, diag, sizeof(diag));
	if (diag[0])
		printf("# %s\n", diag);
	mm_prog_free(&p);
	cm_prog_free(&cp);
	free(text);
	return o;
}

/*
 * kselftest.h's result lines.  TAP numbers the results 1..N in the order
 * run: with --cases A-B, result @nr is case A + nr - 1.
 */
static void print_result(int nr, const struct cm_case *c, enum cm_outcome o)
{
	static const char *const directive[CMO_NR] = {
		[CMO_PASS] = "", [CMO_FAIL] = "", [CMO_XFAIL] = "# XFAIL ",
		[CMO_XPASS] = "# XPASS ", [CMO_SKIP] = "# SKIP ",
		[CMO_ERROR] = "# error ",
	};
	bool ok = o != CMO_FAIL && o != CMO_ERROR;

	printf("%s %d %s%s\n", ok ? "ok" : "not ok", nr, directive[o],
	       c->name);
}

/* ------------------------------------------------------------------ */
/* Expectations                                                         */

/* Parse one "NUMBER OUTCOME NAME" line for case @c; -1 with a message. */
static int parse_expect_line(const char *path, int lineno, const char *l,
			     size_t n, const struct cm_case *c,
			     enum cm_outcome *out)
{
	const char *sp1 = memchr(l, ' ', n), *sp2;
	int o;

	if (n && l[n - 1] == '\r')
		n--;
	sp2 = sp1 ? memchr(sp1 + 1, ' ', n - (size_t)(sp1 + 1 - l)) : NULL;
	if (!sp2 || atoi(l) != c->nr ||
	    (size_t)(sp1 - l) != (size_t)snprintf(NULL, 0, "%d", c->nr)) {
		fprintf(stderr, "%s:%d: want \"%d OUTCOME %s\"\n", path,
			lineno, c->nr, c->name);
		return -1;
	}
	o = cm_outcome_lookup(sp1 + 1, (size_t)(sp2 - sp1 - 1));
	if (o < 0) {
		fprintf(stderr, "%s:%d: unknown outcome '%.*s' (pass, fail, xfail, xpass, skip, error)\n",
			path, lineno, (int)(sp2 - sp1 - 1), sp1 + 1);
		return -1;
	}
	if ((size_t)(l + n - sp2 - 1) != strlen(c->name) ||
	    memcmp(sp2 + 1, c->name, strlen(c->name))) {
		fprintf(stderr, "%s:%d: case %d is \"%s\", not \"%.*s\"\n",
			path, lineno, c->nr, c->name,
			(int)(l + n - sp2 - 1), sp2 + 1);
		return -1;
	}
	*out = (enum cm_outcome)o;
	return 0;
}

/* Read @path: an outcome for every case, in order.  0, or -1 with a message. */
static int load_expected(const char *path, const struct cm_case *cases,
			 enum cm_outcome *out)
{
	const char *why = NULL;
	size_t len;
	char *buf = mmfuzz_read_input(path, &len, &why);
	const char *l, *end;
	int lineno = 0, nr = 0, ret = 0;

	if (!buf) {
		fprintf(stderr, "mmfuzz cow-matrix: %s: cannot read: %s\n", path, why);
		return -1;
	}
	for (l = buf, end = buf + len; l < end && !ret; ) {
		const char *nl = memchr(l, '\n', (size_t)(end - l));
		size_t n = nl ? (size_t)(nl - l) : (size_t)(end - l);

		lineno++;
		if (n && l[0] != '#' && !(n == 1 && l[0] == '\r')) {
			if (nr == CM_NR_CASES) {
				fprintf(stderr, "%s:%d: more than %d cases\n",
					path, lineno, CM_NR_CASES);
				ret = -1;
			} else {
				ret = parse_expect_line(path, lineno, l, n,
							&cases[nr], &out[nr]);
				nr++;
			}
		}
		l += n + 1;
	}
	if (!ret && nr != CM_NR_CASES) {
		fprintf(stderr, "%s: %d cases, want %d\n", path, nr, CM_NR_CASES);
		ret = -1;
	}
	free(buf);
	return ret;
}

/* ------------------------------------------------------------------ */
/* The command                                                          */

static int usage_error(void)
{
	fprintf(stderr,
		"usage: mmfuzz cow-matrix [--era NAME] [--knob NAME=on|off]... [--print CASE]\n"
		"                         [--cases A-B] [--expected FILE] [--verbose]\n");
	return 2;
}

static int parse_args(int argc, char **argv, struct cm_args *a)
{
	memset(a, 0, sizeof(*a));
	a->era = "current";
	a->first = 1;
	a->last = CM_NR_CASES;
	for (int i = 0; i < argc; i++) {
		bool more = i + 1 < argc;

		if (!strcmp(argv[i], "--era") && more) {
			a->era = argv[++i];
			if (mmfuzz_check_era_arg(a->era))
				return -1;
		} else if (!strcmp(argv[i], "--knob") && more) {
			if (mmfuzz_parse_knob_arg(argv[++i], &a->knobs))
				return -1;
		} else if (!strcmp(argv[i], "--print") && more) {
			a->print = argv[++i];
		} else if (!strcmp(argv[i], "--cases") && more) {
			char tail;

			if (sscanf(argv[++i], "%d-%d%c", &a->first, &a->last,
				   &tail) != 2 || a->first < 1 ||
			    a->last > CM_NR_CASES || a->first > a->last) {
				fprintf(stderr, "mmfuzz cow-matrix: --cases wants A-B within 1-%d, not '%s'\n",
					CM_NR_CASES, argv[i]);
				return usage_error();
			}
		} else if (!strcmp(argv[i], "--expected") && more) {
			a->expected = argv[++i];
		} else if (!strcmp(argv[i], "--verbose") || !strcmp(argv[i], "-v")) {
			a->verbose = true;
		} else {
			fprintf(stderr, "mmfuzz cow-matrix: unexpected argument '%s'\n",
				argv[i]);
			return usage_error();
		}
	}
	return 0;
}

static int print_case(const struct cm_args *a, const struct cm_case *cases)
{
	const struct cm_case *c = cm_find_case(cases, a->print);
	struct cm_prog cp;
	struct mm_prog p;
	char *text, why[240];

	if (!c) {
		fprintf(stderr, "mmfuzz cow-matrix: no case '%s' (1..%d or an exact name)\n",
			a->print, CM_NR_CASES);
		return 2;
	}
	if (cm_load(c, a->era, &a->knobs, &cp, &text, &p, why, sizeof(why))) {
		fprintf(stderr, "mmfuzz cow-matrix: case %d: %s\n", c->nr, why);
		return 2;
	}
	fputs(text, stdout);
	free(text);
	mm_prog_free(&p);
	cm_prog_free(&cp);
	return 0;
}

int mmfuzz_cmd_cow_matrix(int argc, char **argv)
{
	unsigned int count[CMO_NR] = { 0 }, mismatches = 0;
	enum cm_outcome *want = NULL;
	struct cm_case *cases;
	struct cm_args a;
	int status;

	if (parse_args(argc, argv, &a))
		return 2;
	cases = calloc(CM_NR_CASES, sizeof(*cases));
	want = calloc(CM_NR_CASES, sizeof(*want));
	if (!cases || !want) {
		fprintf(stderr, "mmfuzz cow-matrix: out of memory\n");
		free(cases);
		free(want);
		return 2;
	}
	cm_cases(cases);
	if (a.print || (a.expected && load_expected(a.expected, cases, want))) {
		status = a.print ? print_case(&a, cases) : 2;
		free(cases);
		free(want);
		return status;
	}
	printf("TAP version 13\n1..%d\n", a.last - a.first + 1);
	if (a.first != 1 || a.last != CM_NR_CASES)
		printf("# cases %d-%d of %d: result N is case N+%d\n", a.first,
		       a.last, CM_NR_CASES, a.first - 1);
	for (int i = a.first - 1; i < a.last; i++) {
		enum cm_outcome o;

		if (a.verbose)
			printf("# [RUN] %s\n", cases[i].name);
		o = run_case(&a, &cases[i]);
		print_result(i - a.first + 2, &cases[i], o);
		count[o]++;
		if (a.expected && o != want[i]) {
			printf("# expected %s, got %s\n", cm_outcome_name(want[i]),
			       cm_outcome_name(o));
			mismatches++;
		}
		fflush(stdout);
	}
	if (a.expected)
		printf("# %u of %d cases differ from %s\n", mismatches,
		       a.last - a.first + 1, a.expected);
	printf("# Totals: pass:%u fail:%u xfail:%u xpass:%u skip:%u error:%u\n",
	       count[CMO_PASS], count[CMO_FAIL], count[CMO_XFAIL],
	       count[CMO_XPASS], count[CMO_SKIP], count[CMO_ERROR]);
	free(cases);
	free(want);
	return mismatches ? 1 : 0;
}
