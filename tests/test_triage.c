/* SPDX-License-Identifier: MIT */
/*
 * test_triage.c - the minimizer of `mmfuzz triage` (runner/minimize.c,
 * in the runner library).
 *
 * Each buggy knob's finding, buried in unrelated statements, must shrink
 * to at most 8 statements with the same "CLASS/ID in OPERATION"; the
 * result is canonical text that checks strictly and reproduces alone; the
 * same input always gives the same result; the run budget holds; and a
 * fuzz_cow input decoded as the target decodes it minimizes the same way.
 */
#include <stdlib.h>
#include <string.h>

#include "mmprog.h"
#include "mmrun.h"
#include "test.h"
#include "mmtriage.h"

/*
 * Padding around each bug: other regions, a file, a second child, pins
 * and references that have nothing to do with it.
 */
#define PADDING_HEAD							\
	"p0 mmap r3 8p anon private rw populate\n"			\
	"p0 mmap r5 4p anon private rw\n"				\
	"p0 write r5\n"							\
	"file f2 memfd 4p\n"						\
	"f2 write +1p:2p =7\n"						\
	"p0 mmap r6 4p f2 shared rw\n"					\
	"p0 write r3+2p:3p\n"						\
	"p0 read r6\n"							\
	"p0 fork p4\n"							\
	"p4 write r5+1p:1p\n"						\
	"p4 gup g7 r5+1p:2p pin write longterm\n"			\
	"p4 vmsplice g9 r5:2p\n"
#define PADDING_TAIL							\
	"p0 read r3\n"							\
	"g7 read\n"							\
	"p4 munmap r5\n"						\
	"g9 read\n"

static const struct knob_case {
	const char *knob, *want, *text;
} knob_cases[] = {
	{ "fork_share_pinned", "violation pin-coherence/P6 in fork",
	  PADDING_HEAD
	  "p0 mmap r7 4p anon private rw\n"
	  "p0 write r7+1p:3p\n"
	  "p0 gup g3 r7+1p:2p pin write longterm fast\n"
	  "p0 read r3\n"
	  "p0 fork p6\n"
	  PADDING_TAIL
	  "p6 write r7\n" },
	{ "gup_fast_skip_unshare", "violation exclusivity/X6 in gup",
	  PADDING_HEAD
	  "p0 mmap r2 3p anon private rw\n"
	  "p0 write r2\n"
	  "p0 fork p1\n"
	  "p4 read r5\n"
	  "p0 gup g5 r2+1p:2p pin longterm fast\n"
	  PADDING_TAIL
	  "p0 write r2\n" },
	{ "mprotect_upgrade_mapcount", "violation fault/F3 in mprotect",
	  PADDING_HEAD
	  "p0 mmap r9 2p anon private rw\n"
	  "p0 write r9\n"
	  "p0 fork p2\n"
	  "p2 vmsplice g4 r9\n"
	  "p2 munmap r9\n"
	  "p0 mprotect r9 r\n"
	  "p0 mprotect r9 rw\n"
	  PADDING_TAIL
	  "p0 write r9\n"
	  "g4 read\n" },
	{ "unshare_maps_writable", "violation fault/F2 in gup",
	  PADDING_HEAD
	  "p0 mmap r1 2p anon private rw\n"
	  "p0 write r1\n"
	  "p0 mprotect r1 r\n"
	  "p0 fork p3\n"
	  "p3 munmap r1+1p:1p\n"
	  "p0 gup g2 r1 pin\n"
	  PADDING_TAIL
	  "p0 write r1\n" },
};

/* Parse and check @text with "knob @knob=on" in front. */
static bool load(const char *knob, const char *text, struct mm_prog *p)
{
	size_t len = strlen(knob) + strlen(text) + 16;
	char *buf = malloc(len);
	struct mm_error err;
	bool ok;

	if (!buf)
		return false;
	snprintf(buf, len, "knob %s=on\n%s", knob, text);
	ok = !mm_prog_parse(buf, strlen(buf), p, &err);
	free(buf);
	if (ok && mm_prog_check(p, false, &err)) {
		mm_prog_free(p);
		ok = false;
	}
	if (!ok)
		fprintf(stderr, "line %d: %s\n", err.line, err.msg);
	return ok;
}

/* The signature of a run of @p (no run options), as text. */
static bool signature(const struct mm_prog *p, struct tri_sig *sig,
		      char *text, size_t size)
{
	static const struct run_options no_options;
	struct run_result res;

	mm_run_program(p, &no_options, &res);
	if (!tri_signature(p, &res, sig))
		return false;
	tri_sig_print(sig, text, size);
	return true;
}

/* The minimized text parses, checks strictly and gives @want again. */
static bool reproduces(const struct mm_prog *p, const char *want)
{
	char *text = mm_prog_print(p), got[128] = "";
	struct tri_sig sig;
	struct mm_prog q;
	bool ok;

	ok = text && !mm_prog_parse(text, strlen(text), &q, NULL);
	free(text);
	if (!ok)
		return false;
	ok = !mm_prog_check(&q, false, NULL) &&
	     signature(&q, &sig, got, sizeof(got)) && !strcmp(got, want);
	if (!ok)
		fprintf(stderr, "reproduces: got '%s', want '%s'\n", got, want);
	mm_prog_free(&q);
	return ok;
}

/* Minimize knob case @c; the result in @p (caller frees). */
static bool minimize_case(const struct knob_case *c, struct mm_prog *p,
			  struct tri_min *m)
{
	char got[128];

	if (!load(c->knob, c->text, p))
		return false;
	memset(m, 0, sizeof(*m));
	m->max_runs = 2000;
	if (!signature(p, &m->want, got, sizeof(got)) || strcmp(got, c->want)) {
		fprintf(stderr, "%s: the padded program gives '%s'\n", c->knob,
			got);
		mm_prog_free(p);
		return false;
	}
	tri_minimize(p, m);
	return true;
}

static bool test_each_knob_shrinks_to_8(void)
{
	for (size_t i = 0; i < sizeof(knob_cases) / sizeof(knob_cases[0]); i++) {
		const struct knob_case *c = &knob_cases[i];
		struct tri_min m;
		struct mm_prog p;
		bool ok;

		ASSERT_TRUE(minimize_case(c, &p, &m));
		ok = reproduces(&p, c->want);
		if (!ok || p.nr_stmts > 8)
			fprintf(stderr, "%s: %zu statements\n", c->knob, p.nr_stmts);
		ASSERT_LE(p.nr_stmts, 8);
		ASSERT_LE(m.runs, m.max_runs);
		ASSERT_EQ(p.nr_knobs, 1);
		mm_prog_free(&p);
		ASSERT_TRUE(ok);
	}
	return true;
}

/* Same input, same output, byte for byte. */
static bool test_deterministic(void)
{
	const struct knob_case *c = &knob_cases[0];
	struct tri_min m1, m2;
	struct mm_prog p1, p2;
	char *t1, *t2;
	bool same;

	ASSERT_TRUE(minimize_case(c, &p1, &m1));
	ASSERT_TRUE(minimize_case(c, &p2, &m2));
	t1 = mm_prog_print(&p1);
	t2 = mm_prog_print(&p2);
	same = t1 && t2 && !strcmp(t1, t2);
	free(t1);
	free(t2);
	mm_prog_free(&p1);
	mm_prog_free(&p2);
	ASSERT_TRUE(same);
	ASSERT_EQ(m1.runs, m2.runs);
	return true;
}

/* A tiny budget stops the work and leaves a valid reproducer. */
static bool test_budget(void)
{
	const struct knob_case *c = &knob_cases[2];
	struct tri_min m = { .max_runs = 5 };
	struct mm_prog p;
	char got[128];

	ASSERT_TRUE(load(c->knob, c->text, &p));
	ASSERT_TRUE(signature(&p, &m.want, got, sizeof(got)));
	tri_minimize(&p, &m);
	ASSERT_LE(m.runs, 5);
	ASSERT_TRUE(reproduces(&p, c->want));
	mm_prog_free(&p);
	return true;
}

/* A keep predicate instead of a signature: a fork that p1 then writes after. */
static bool child_writes_after_fork(void *priv, const struct mm_prog *p)
{
	bool forked = false;

	(*(unsigned int *)priv)++;
	for (size_t i = 0; i < p->nr_stmts; i++) {
		if (p->stmts[i].op == MM_OP_FORK)
			forked = true;
		else if (forked && p->stmts[i].op == MM_OP_WRITE && p->stmts[i].proc == 1)
			return true;
	}
	return false;
}

static bool test_keep_predicate(void)
{
	static const char *const want =
		"p0 mmap r0 1p anon private rw\n"
		"p0 fork p1\n"
		"p1 write r0\n";
	unsigned int calls = 0;
	struct tri_min m = { .max_runs = 500, .keep = child_writes_after_fork,
			     .keep_priv = &calls };
	struct mm_prog p;
	char *text;
	bool same;

	static const char *const text0 =
		"p0 mmap r0 4p anon private rw\n"
		"p0 write r0:2p\n"
		"p0 mmap r1 2p anon shared rw\n"
		"p0 fork p1\n"
		"p1 read r0\n"
		"p1 write r0+1p:2p =5\n"
		"p0 write r1\n";

	ASSERT_EQ(mm_prog_parse(text0, strlen(text0), &p, NULL), 0);
	tri_minimize(&p, &m);
	ASSERT_EQ(calls, m.runs);
	ASSERT_LE(m.runs, 500);
	text = mm_prog_print(&p);
	same = text && !strcmp(text, want);
	if (!same)
		fprintf(stderr, "got:\n%s", text ? text : "(null)");
	free(text);
	mm_prog_free(&p);
	ASSERT_TRUE(same);
	return true;
}

/* Arguments shrink: one page, no options, lowest names. */
static bool test_simplifies_arguments(void)
{
	static const char *const want =
		"knob fork_share_pinned=on\n"
		"p0 mmap r0 1p anon private rw\n"
		"p0 gup g0 r0 pin longterm\n"
		"p0 fork p1\n";
	const struct knob_case *c = &knob_cases[0];
	struct tri_min m;
	struct mm_prog p;
	char *text;
	bool same;

	ASSERT_TRUE(minimize_case(c, &p, &m));
	text = mm_prog_print(&p);
	same = text && !strcmp(text, want);
	if (!same)
		fprintf(stderr, "got:\n%s", text ? text : "(null)");
	free(text);
	mm_prog_free(&p);
	ASSERT_TRUE(same);
	return true;
}

/* A fuzz_cow input, decoded as the target decodes it, with the knob. */
static bool test_decoded_input(void)
{
	const struct knob_case *c = &knob_cases[1];
	struct mm_decode_opts opts;
	struct tri_min m = { .max_runs = 2000 };
	struct mm_prog p, q;
	uint8_t *buf;
	size_t len;
	char got[128];

	ASSERT_TRUE(load(c->knob, c->text, &p));
	mm_decode_opts_init(&opts);
	opts.alphabet = MM_ALPHA_COW;
	opts.keep_directives = false;
	opts.skip_unsupported = true;
	/* The cow alphabet has g0-g7 and r0-r2 only: re-encode what fits. */
	if (mm_prog_encode_opts(&p, &opts, &buf, &len, NULL)) {
		mm_prog_free(&p);
		ASSERT_TRUE(load(c->knob,
				 "p0 mmap r2 3p anon private rw\n"
				 "p0 write r2\n"
				 "p0 mmap r1 2p anon private rw\n"
				 "p0 write r1\n"
				 "p0 fork p1\n"
				 "p1 write r1\n"
				 "p0 gup g5 r2+1p:2p pin longterm fast\n"
				 "p0 write r2\n", &p));
		ASSERT_EQ(mm_prog_encode_opts(&p, &opts, &buf, &len, NULL), 0);
	}
	mm_prog_free(&p);
	ASSERT_EQ(mm_prog_decode(buf, len, &opts, &q), 0);
	free(buf);
	ASSERT_EQ(q.nr_knobs, 0);
	snprintf(q.knobs[0].name, sizeof(q.knobs[0].name), "%s", c->knob);
	q.knobs[0].value = true;
	q.nr_knobs = 1;
	ASSERT_TRUE(signature(&q, &m.want, got, sizeof(got)));
	ASSERT_STR_EQ(got, c->want);
	tri_minimize(&q, &m);
	ASSERT_LE(q.nr_stmts, 4);
	ASSERT_TRUE(reproduces(&q, c->want));
	mm_prog_free(&q);
	return true;
}

/* OPERATION is named as fuzzers/fz.c names it: by the failing line. */
static bool test_operation_names(void)
{
	static const char text[] =
		"file f0 memfd 1p\n"		/* line 1 */
		"f0 write\n"
		"p0 mmap r0 1p f0 shared rw\n"
		"p0 gup g0 r0 pin write longterm\n"
		"g0 read\n"			/* line 5 */
		"g0 write\n"
		"g0 put\n"
		"p0 fork p1\n";
	static const struct { int line; const char *want; } cases[] = {
		{ 0, "violation isolation/I2 in setup" },
		{ 2, "violation isolation/I2 in file-write" },
		{ 3, "violation isolation/I2 in mmap" },
		{ 5, "violation isolation/I2 in handle-read" },
		{ 6, "violation isolation/I2 in handle-write" },
		{ 7, "violation isolation/I2 in handle-put" },
		{ 8, "violation isolation/I2 in fork" },
	};
	struct run_result res = { .outcome = RUN_VIOLATION };
	struct tri_sig sig;
	struct mm_prog p;
	char got[128];

	ASSERT_EQ(mm_prog_parse(text, strlen(text), &p, NULL), 0);
	snprintf(res.cls, sizeof(res.cls), "isolation");
	snprintf(res.id, sizeof(res.id), "I2");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		res.line = cases[i].line;
		ASSERT_TRUE(tri_signature(&p, &res, &sig));
		tri_sig_print(&sig, got, sizeof(got));
		ASSERT_STR_EQ(got, cases[i].want);
	}
	res.outcome = RUN_OK;
	ASSERT_FALSE(tri_signature(&p, &res, &sig));
	mm_prog_free(&p);
	return true;
}

/* Every kind has its own signature name, so no two bucket together. */
static bool test_sig_names_unique(void)
{
	for (int a = 0; a < MM_NR_OPS; a++) {
		ASSERT_TRUE(mm_stmt_desc(a)->sig_name);
		for (int b = 0; b < a; b++)
			ASSERT_NE(strcmp(mm_stmt_desc(a)->sig_name,
					 mm_stmt_desc(b)->sig_name), 0);
	}
	return true;
}

/* A knob spec's error, as MMFUZZ_KNOBS would report it. */
static const char *knobspec_error(const char *spec,
				  const struct mm_knobs *preset, char *buf,
				  size_t size)
{
	struct run_options opt = { 0 };
	struct mm_knobspec_error err;

	if (!mm_knobspec_parse(&opt, spec, preset, &err))
		return "ok";
	mm_knobspec_strerror(&err, "MMFUZZ_KNOBS", buf, size);
	return buf;
}

/* NAME=on|off[,...]: one parser for --knob and MMFUZZ_KNOBS. */
static bool test_knobspec(void)
{
	struct run_options opt = { 0 };
	struct mm_knobspec_error err;
	struct mm_knobs preset;
	char buf[256];
	int k;

	ASSERT_EQ(mm_knobspec_parse(&opt, "fork_share_pinned=on,,gup_fast_skip_unshare=off,",
				    NULL, &err), 0);
	ASSERT_EQ(opt.nr_knobs, 2);
	ASSERT_STR_EQ(opt.knobs[0].name, "fork_share_pinned");
	ASSERT_TRUE(opt.knobs[0].value);
	ASSERT_STR_EQ(opt.knobs[1].name, "gup_fast_skip_unshare");
	ASSERT_FALSE(opt.knobs[1].value);
	ASSERT_EQ(mm_knobspec_parse(&opt, NULL, NULL, &err), 0);
	ASSERT_EQ(mm_knobspec_parse(&opt, "", NULL, &err), 0);
	ASSERT_EQ(opt.nr_knobs, 2);

	/* --knob takes exactly one: a list is not NAME=on|off. */
	ASSERT_EQ(mm_knobspec_add(&opt, "a=on,b=on", 9, NULL, &err), -1);
	mm_knobspec_strerror(&err, "--knob", buf, sizeof(buf));
	ASSERT_STR_EQ(buf, "--knob wants NAME=on|off, got 'a=on,b=on'");
	ASSERT_EQ(opt.nr_knobs, 2);

	ASSERT_STR_EQ(knobspec_error("fork_share_pinned=x", NULL, buf, sizeof(buf)),
		      "MMFUZZ_KNOBS wants NAME=on|off,..., got 'fork_share_pinned=x'");
	ASSERT_STR_EQ(knobspec_error("=on", NULL, buf, sizeof(buf)),
		      "MMFUZZ_KNOBS wants NAME=on|off,..., got '=on'");
	ASSERT_STR_EQ(knobspec_error("fork_share_pinned=on,no_such_knob=on", NULL,
				     buf, sizeof(buf)),
		      "MMFUZZ_KNOBS: unknown knob 'no_such_knob'");

	/* With an era's preset, an unmodelled knob keeps the era's value. */
	ASSERT_EQ(mm_era_preset("current", &preset), 0);
	for (k = 0; k < MM_NR_KNOBS && mm_knob_info(k)->modelled; k++)
		;
	if (k < MM_NR_KNOBS) {
		char spec[96], want[160];

		snprintf(spec, sizeof(spec), "%s=%s", mm_knob_info(k)->name,
			 preset.on[k] ? "off" : "on");
		snprintf(want, sizeof(want), "MMFUZZ_KNOBS: knob %s is not supported yet",
			 mm_knob_info(k)->name);
		ASSERT_STR_EQ(knobspec_error(spec, &preset, buf, sizeof(buf)),
			      want);
		ASSERT_STR_EQ(knobspec_error(spec, NULL, buf, sizeof(buf)), "ok");
	}

	opt.nr_knobs = RUN_MAX_KNOBS;
	ASSERT_EQ(mm_knobspec_parse(&opt, "fork_share_pinned=on", NULL, &err), -1);
	mm_knobspec_strerror(&err, "MMFUZZ_KNOBS", buf, sizeof(buf));
	ASSERT_STR_EQ(buf, "MMFUZZ_KNOBS: more than 64 knobs");
	return true;
}

static const struct test tests[] = {
	TEST(test_each_knob_shrinks_to_8),
	TEST(test_deterministic),
	TEST(test_budget),
	TEST(test_simplifies_arguments),
	TEST(test_keep_predicate),
	TEST(test_decoded_input),
	TEST(test_operation_names),
	TEST(test_sig_names_unique),
	TEST(test_knobspec),
	{ 0 },
};

int main(void)
{
	return run_tests(tests);
}
