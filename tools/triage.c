// SPDX-License-Identifier: MIT
/*
 * triage.c - `mmfuzz triage`: bucket crash files, minimize one per bucket,
 * write a reproducer and a report for each.
 *
 *   mmfuzz triage [--out DIR] [--era E] [--knob K=on|off]...
 *                 [--target fuzz_mm|fuzz_cow] [--max-runs N] INPUT...
 *
 * An INPUT is a file or a directory (its regular files, in name order;
 * AFL++'s README.txt is skipped).  A file that parses as .mm text is a
 * program, with its own directives; anything else is a fuzz input,
 * decoded exactly as its fuzz target decodes it (mmfuzz_target_opts()).
 * The target is --target, else fuzz_cow or fuzz_mm if a path component
 * names one (build.sh's build-fuzz/fuzz-fuzz_cow/artifacts/, AFL++'s
 * afl-fuzz_cow/out/default/crashes/), else fuzz_mm.  --era and --knob
 * play MMFUZZ_ERA and MMFUZZ_KNOBS: they are written into the program as
 * directives, so every reproducer carries them.  Without --era, the
 * environment's MMFUZZ_ERA is taken, and without any --knob its
 * MMFUZZ_KNOBS (as the fuzz targets read them, fuzzers/fz.h), so that a
 * crash triages in the shell that found it; stderr says so.
 *
 * Each input is run once and bucketed by the first line the fuzz target
 * would print: "violation CLASS/ID in OPERATION".  The smallest input of
 * each bucket (fewest statements, then fewest bytes, then first given) is
 * minimized (runner/minimize.c) and written as
 *
 *   DIR/<n>-<class>-<id>-<op>/repro.mm     `mmfuzz run repro.mm` exits 0
 *   DIR/<n>-<class>-<id>-<op>/report.txt   `mmfuzz run --verbose` of it
 *   DIR/summary.md, DIR/summary.json       every bucket and its inputs,
 *                                          and the unreproducible inputs
 *
 * Buckets are numbered in order of first appearance.  Exit status: 0 when
 * every input reproduced, 1 when some did not, 2 on a usage or I/O error.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mmfuzz.h"
#include "mmtriage.h"

#define TRI_DEFAULT_OUT		"triage"
#define TRI_DEFAULT_RUNS	2000u

struct tri_input {
	char *path;
	const char *target;		/* NULL: .mm text */
	size_t bytes, nr_stmts;
	int bucket;			/* -1: unreproducible */
	char reason[240];
};

struct tri_bucket {
	struct tri_sig sig;
	size_t count, rep;		/* rep: index of the smallest input */
	struct mm_prog prog;		/* rep's program, then minimized */
	size_t before;			/* rep's statements */
	unsigned int runs;
	char dir[128];
};

struct tri {
	const char *out, *target;
	struct run_options opt;		/* --era, --knob: baked into programs */
	unsigned int max_runs;
	struct tri_input *in;
	size_t nr_in, cap_in;
	struct tri_bucket *b;
	size_t nr_b;
	size_t unreproducible;
};

/* ------------------------------------------------------------------ */
/* Inputs                                                              */

static int tri_add_input(struct tri *t, const char *path)
{
	if (t->nr_in == t->cap_in) {
		size_t cap = t->cap_in ? 2 * t->cap_in : 16;
		struct tri_input *in = realloc(t->in, cap * sizeof(*in));

		if (!in)
			return -1;
		t->in = in;
		t->cap_in = cap;
	}
	memset(&t->in[t->nr_in], 0, sizeof(t->in[0]));
	t->in[t->nr_in].path = strdup(path);
	t->in[t->nr_in].bucket = -1;
	return t->in[t->nr_in++].path ? 0 : -1;
}

/* A directory's regular, non-hidden files in name order; or the file. */
static int tri_add_path(struct tri *t, const char *path)
{
	struct dirent **names;
	struct stat st;
	int n, ret = 0;

	if (stat(path, &st) || !S_ISDIR(st.st_mode))
		return tri_add_input(t, path);
	n = scandir(path, &names, NULL, alphasort);
	if (n < 0) {
		fprintf(stderr, "mmfuzz triage: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (int i = 0; i < n; i++) {
		char file[4096];
		const char *name = names[i]->d_name;

		snprintf(file, sizeof(file), "%s/%s", path, name);
		if (!ret && name[0] != '.' && strcmp(name, "README.txt") &&
		    !stat(file, &st) && S_ISREG(st.st_mode))
			ret = tri_add_input(t, file);
		free(names[i]);
	}
	free(names);
	return ret;
}

/* fuzz_cow or fuzz_mm if a component of @path names it, else fuzz_mm. */
static const char *tri_infer_target(const char *path)
{
	const char *cow = strstr(path, "fuzz_cow");

	if (cow && (!strstr(path, "fuzz_mm") || strstr(path, "fuzz_mm") < cow))
		return "fuzz_cow";
	return "fuzz_mm";
}

/* --era and --knob as directives of @p, so its text reproduces alone. */
static int tri_bake(const struct tri *t, struct mm_prog *p)
{
	if (t->opt.era) {
		p->has_era = true;
		snprintf(p->era, sizeof(p->era), "%s", t->opt.era);
	}
	for (int k = 0; k < t->opt.nr_knobs; k++) {
		int i;

		for (i = 0; i < p->nr_knobs; i++)
			if (!strcmp(p->knobs[i].name, t->opt.knobs[k].name))
				break;
		if (i == MM_MAX_KNOB_SETTINGS)
			return -1;
		if (i == p->nr_knobs) {
			p->nr_knobs++;
			memcpy(p->knobs[i].name, t->opt.knobs[k].name,
			       sizeof(p->knobs[i].name));
			p->knobs[i].line = 0;
		}
		p->knobs[i].value = t->opt.knobs[k].value;
	}
	return 0;
}

/*
 * @data as .mm text: 1 and @p if it parses and checks; 0 if it does not
 * parse (then it may be a fuzz input); -1 with in->reason if it parses
 * but does not check.
 */
static int tri_as_text(const struct tri *t, struct tri_input *in,
		       const char *data, struct mm_prog *p)
{
	struct mm_error err = { 0 };

	if (mm_prog_parse(data, in->bytes, p, &err))
		return 0;
	if (mm_prog_check(p, false, &err)) {
		snprintf(in->reason, sizeof(in->reason), "line %d: %s",
			 err.line, err.msg);
		mm_prog_free(p);
		return -1;
	}
	if (tri_bake(t, p)) {
		snprintf(in->reason, sizeof(in->reason), "too many knob lines");
		mm_prog_free(p);
		return -1;
	}
	return 1;
}

/* @data as its fuzz target decodes it: 0 and @p, or -1 with in->reason. */
static int tri_as_input(const struct tri *t, struct tri_input *in,
			const char *data, struct mm_prog *p)
{
	struct mm_decode_opts opts;

	in->target = t->target ? t->target : tri_infer_target(in->path);
	mmfuzz_target_opts(in->target, &opts);
	if (mm_prog_decode((const uint8_t *)data, in->bytes, &opts, p)) {
		snprintf(in->reason, sizeof(in->reason), "out of memory");
		return -1;
	}
	if (tri_bake(t, p)) {
		snprintf(in->reason, sizeof(in->reason), "too many knob lines");
		mm_prog_free(p);
		return -1;
	}
	return 0;
}

static bool tri_is_mm(const char *path)
{
	size_t n = strlen(path);

	return n >= 3 && !strcmp(path + n - 3, ".mm");
}

/* ------------------------------------------------------------------ */
/* Bucketing                                                           */

static struct tri_bucket *tri_bucket_of(struct tri *t, const struct tri_sig *sig)
{
	struct tri_bucket *b;

	for (size_t i = 0; i < t->nr_b; i++)
		if (tri_sig_equal(&t->b[i].sig, sig))
			return &t->b[i];
	b = realloc(t->b, (t->nr_b + 1) * sizeof(*b));
	if (!b)
		return NULL;
	t->b = b;
	b = &t->b[t->nr_b++];
	memset(b, 0, sizeof(*b));
	b->sig = *sig;
	b->rep = (size_t)-1;
	return b;
}

/* Is input @i a better representative than the bucket's? */
static bool tri_smaller(const struct tri *t, const struct tri_bucket *b,
			size_t i)
{
	const struct tri_input *a = &t->in[i], *r;

	if (b->rep == (size_t)-1)
		return true;
	r = &t->in[b->rep];
	return a->nr_stmts < r->nr_stmts ||
	       (a->nr_stmts == r->nr_stmts && a->bytes < r->bytes);
}

static void tri_unreproducible(struct tri_input *in,
			       const struct run_result *res)
{
	if (res->outcome == RUN_OK)
		snprintf(in->reason, sizeof(in->reason),
			 "runs clean%s%s%s (%zu statements, era %s)",
			 in->target ? " as a " : "", in->target ? in->target : "",
			 in->target ? " input" : "", res->nr_statements, res->era);
	else
		snprintf(in->reason, sizeof(in->reason), "line %d: %.200s",
			 res->line, res->msg);
}

/*
 * Run @p, input @i's program; on a finding, @i goes into its bucket
 * (which may keep @p) and 1 is returned; 0 with in->reason if nothing
 * was found; -1 out of memory.  @p is the bucket's or freed.
 */
static int tri_bucket_input(struct tri *t, size_t i, struct mm_prog *p)
{
	static const struct run_options no_options;
	struct tri_input *in = &t->in[i];
	struct tri_bucket *b;
	struct run_result res;
	struct tri_sig sig;
	char text[128];

	in->nr_stmts = p->nr_stmts;
	mm_run_program(p, &no_options, &res);
	if (!tri_signature(p, &res, &sig)) {
		tri_unreproducible(in, &res);
		mm_prog_free(p);
		return 0;
	}
	b = tri_bucket_of(t, &sig);
	if (!b) {
		mm_prog_free(p);
		return -1;
	}
	in->bucket = (int)(b - t->b);
	b->count++;
	tri_sig_print(&sig, text, sizeof(text));
	printf("%s: %s (%zu statements, %s)\n", in->path, text, p->nr_stmts,
	       in->target ? in->target : ".mm text");
	if (!tri_smaller(t, b, i)) {
		mm_prog_free(p);
		return 1;
	}
	if (b->rep != (size_t)-1)
		mm_prog_free(&b->prog);
	b->rep = i;
	b->prog = *p;
	b->before = p->nr_stmts;
	return 1;
}

/*
 * Input @i: as .mm text if it parses, else (or if the text finds nothing
 * and the name does not end in .mm) as its fuzz target's input.
 */
static int tri_classify(struct tri *t, size_t i)
{
	struct tri_input *in = &t->in[i];
	const char *why = NULL;
	char *data = mmfuzz_read_input(in->path, &in->bytes, &why);
	struct mm_prog p;
	int ret = 0, text;

	if (!data) {
		snprintf(in->reason, sizeof(in->reason), "cannot read: %s", why);
		goto out_unreproducible;
	}
	text = tri_as_text(t, in, data, &p);
	if (text > 0)
		ret = tri_bucket_input(t, i, &p);
	if (!ret && !tri_is_mm(in->path) && !tri_as_input(t, in, data, &p))
		ret = tri_bucket_input(t, i, &p);
	free(data);
	if (ret)
		return ret < 0 ? -1 : 0;
out_unreproducible:
	t->unreproducible++;
	printf("%s: unreproducible: %s\n", in->path, in->reason);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Output                                                              */

static int tri_mkdir(const char *path)
{
	char buf[4096];

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *c = buf + 1; *c; c++) {
		if (*c != '/')
			continue;
		*c = '\0';
		if (mkdir(buf, 0777) && errno != EEXIST)
			return -1;
		*c = '/';
	}
	return mkdir(buf, 0777) && errno != EEXIST ? -1 : 0;
}

static FILE *tri_open(const struct tri *t, const char *dir, const char *name)
{
	char path[4096];
	FILE *f;

	if (dir)
		snprintf(path, sizeof(path), "%s/%s/%s", t->out, dir, name);
	else
		snprintf(path, sizeof(path), "%s/%s", t->out, name);
	f = fopen(path, "w");
	if (!f)
		fprintf(stderr, "mmfuzz triage: %s: %s\n", path, strerror(errno));
	return f;
}

static int tri_close(FILE *f)
{
	bool bad = ferror(f);

	return fclose(f) || bad ? -1 : 0;
}

/* The text of repro.mm: a comment, then the canonical program. */
static char *tri_repro_text(const struct tri *t, struct tri_bucket *b)
{
	struct mm_prog *p = &b->prog;
	char head[512], sig[128], *body, *text;

	p->has_expect = true;
	if (b->sig.outcome == RUN_KNOWN) {
		p->expect = MM_EXPECT_KNOWN;
		snprintf(p->expect_known, sizeof(p->expect_known), "%s",
			 b->sig.id);
	} else {
		p->expect = MM_EXPECT_VIOLATION;
		snprintf(p->expect_class, sizeof(p->expect_class), "%s",
			 b->sig.cls);
		snprintf(p->expect_id, sizeof(p->expect_id), "%.7s", b->sig.id);
	}
	tri_sig_print(&b->sig, sig, sizeof(sig));
	snprintf(head, sizeof(head),
		 "# mmfuzz triage: %s\n"
		 "# %zu input(s); the smallest (%zu statements) minimized to %zu in %u runs.\n"
		 "# Reproduce: mmfuzz run --verbose repro.mm\n",
		 sig, b->count, b->before, p->nr_stmts, b->runs);
	body = mm_prog_print(p);
	if (!body)
		return NULL;
	text = malloc(strlen(head) + strlen(body) + 1);
	if (text) {
		strcpy(text, head);
		strcat(text, body);
	}
	free(body);
	(void)t;
	return text;
}

/*
 * report.txt: `mmfuzz run --verbose repro.mm`, run from the text written,
 * so its line numbers are the file's.  Returns 0 if the run matches the
 * program's expect line.
 */
static int tri_report(const struct tri *t, const struct tri_bucket *b,
		      const char *text)
{
	struct run_options opt = { 0 };
	struct run_result res;
	struct mm_prog p;
	FILE *f;
	int ret = -1;

	if (mm_prog_parse(text, strlen(text), &p, NULL))
		return -1;
	if (mm_prog_check(&p, false, NULL) || !(f = tri_open(t, b->dir, "report.txt"))) {
		mm_prog_free(&p);
		return -1;
	}
	opt.trace = f;
	mm_run_program(&p, &opt, &res);
	mmfuzz_print_outcome(f, "repro.mm", &res);
	if (mm_run_matches_expect(&p, &res))
		ret = 0;
	if (tri_close(f))
		ret = -1;
	mm_prog_free(&p);
	return ret;
}

static void tri_bucket_dir(struct tri_bucket *b, size_t n)
{
	if (b->sig.outcome == RUN_KNOWN)
		snprintf(b->dir, sizeof(b->dir), "%zu-known-%.24s-%.20s", n,
			 b->sig.id, b->sig.op);
	else
		snprintf(b->dir, sizeof(b->dir), "%zu-%.20s-%.8s-%.20s", n,
			 b->sig.cls, b->sig.id, b->sig.op);
}

/* Minimize bucket @n's program and write its directory. */
static int tri_write_bucket(struct tri *t, size_t n)
{
	struct tri_bucket *b = &t->b[n];
	struct tri_min m = { .want = b->sig, .max_runs = t->max_runs };
	char path[4200], *text;
	FILE *f;
	int ret;

	tri_minimize(&b->prog, &m);
	b->runs = m.runs;
	tri_bucket_dir(b, n + 1);
	snprintf(path, sizeof(path), "%s/%s", t->out, b->dir);
	if (tri_mkdir(path)) {
		fprintf(stderr, "mmfuzz triage: %s: %s\n", path, strerror(errno));
		return -1;
	}
	text = tri_repro_text(t, b);
	if (!text || !(f = tri_open(t, b->dir, "repro.mm"))) {
		free(text);
		return -1;
	}
	fputs(text, f);
	ret = tri_close(f);
	if (!ret && tri_report(t, b, text)) {
		fprintf(stderr, "mmfuzz triage: %s/repro.mm does not reproduce\n",
			path);
		ret = -1;
	}
	free(text);
	return ret;
}

/* ------------------------------------------------------------------ */
/* Summaries                                                           */

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* The first line a fuzz target prints for @sig (fuzzers/fz.h). */
static void tri_first_line(const struct tri_sig *sig, char *buf, size_t size)
{
	char text[128];

	tri_sig_print(sig, text, sizeof(text));
	snprintf(buf, size, "mmfuzz: %s", text);
}

static void tri_json_bucket(const struct tri *t, FILE *f, size_t n)
{
	const struct tri_bucket *b = &t->b[n];
	char line[160];
	const char *sep = "";

	tri_sig_print(&b->sig, line, sizeof(line));
	fprintf(f, "    {\"bucket\": %zu, \"dir\": ", n + 1);
	json_str(f, b->dir);
	fprintf(f, ", \"signature\": ");
	json_str(f, line);
	tri_first_line(&b->sig, line, sizeof(line));
	fprintf(f, ", \"first_line\": ");
	json_str(f, line);
	fprintf(f, ",\n     \"count\": %zu, \"representative\": ", b->count);
	json_str(f, t->in[b->rep].path);
	fprintf(f, ", \"statements\": %zu, \"minimized_statements\": %zu, \"runs\": %u,\n     \"inputs\": [",
		b->before, b->prog.nr_stmts, b->runs);
	for (size_t i = 0; i < t->nr_in; i++) {
		if (t->in[i].bucket != (int)n)
			continue;
		fputs(sep, f);
		json_str(f, t->in[i].path);
		sep = ", ";
	}
	fprintf(f, "]}%s\n", n + 1 < t->nr_b ? "," : "");
}

static int tri_json(const struct tri *t)
{
	FILE *f = tri_open(t, NULL, "summary.json");
	const char *sep = "\n";

	if (!f)
		return -1;
	fprintf(f, "{\n  \"era\": ");
	if (t->opt.era)
		json_str(f, t->opt.era);
	else
		fputs("null", f);
	fprintf(f, ", \"knobs\": [");
	for (int k = 0; k < t->opt.nr_knobs; k++) {
		char knob[64];

		snprintf(knob, sizeof(knob), "%s=%s", t->opt.knobs[k].name,
			 t->opt.knobs[k].value ? "on" : "off");
		fputs(k ? ", " : "", f);
		json_str(f, knob);
	}
	fprintf(f, "], \"inputs\": %zu,\n  \"buckets\": [\n", t->nr_in);
	for (size_t n = 0; n < t->nr_b; n++)
		tri_json_bucket(t, f, n);
	fprintf(f, "  ],\n  \"unreproducible\": [");
	for (size_t i = 0; i < t->nr_in; i++) {
		if (t->in[i].bucket >= 0)
			continue;
		fprintf(f, "%s    {\"input\": ", sep);
		json_str(f, t->in[i].path);
		fprintf(f, ", \"reason\": ");
		json_str(f, t->in[i].reason);
		fprintf(f, "}");
		sep = ",\n";
	}
	fprintf(f, "%s]\n}\n", t->unreproducible ? "\n  " : "");
	return tri_close(f);
}

static int tri_markdown(const struct tri *t)
{
	FILE *f = tri_open(t, NULL, "summary.md");
	char sig[128], line[160];

	if (!f)
		return -1;
	fprintf(f, "# mmfuzz triage\n\n%zu inputs, %zu buckets, %zu unreproducible.\n\n",
		t->nr_in, t->nr_b, t->unreproducible);
	fprintf(f, "| bucket | signature | inputs | statements | first line |\n"
		   "|---|---|---|---|---|\n");
	for (size_t n = 0; n < t->nr_b; n++) {
		const struct tri_bucket *b = &t->b[n];

		tri_sig_print(&b->sig, sig, sizeof(sig));
		tri_first_line(&b->sig, line, sizeof(line));
		fprintf(f, "| [%s](%s/repro.mm) | %s | %zu | %zu → %zu | `%s` |\n",
			b->dir, b->dir, sig, b->count, b->before,
			b->prog.nr_stmts, line);
	}
	for (size_t n = 0; n < t->nr_b; n++) {
		fprintf(f, "\n## %s\n\n", t->b[n].dir);
		for (size_t i = 0; i < t->nr_in; i++)
			if (t->in[i].bucket == (int)n)
				fprintf(f, "- `%s`%s\n", t->in[i].path,
					i == t->b[n].rep ? " (minimized)" : "");
	}
	if (t->unreproducible)
		fprintf(f, "\n## Unreproducible\n\n");
	for (size_t i = 0; i < t->nr_in; i++)
		if (t->in[i].bucket < 0)
			fprintf(f, "- `%s`: %s\n", t->in[i].path,
				t->in[i].reason);
	return tri_close(f);
}

/* The bucket on stdout: its line, then the minimized program. */
static void tri_print_bucket(const struct tri *t, size_t n)
{
	const struct tri_bucket *b = &t->b[n];
	char sig[128], stmt[256];

	tri_sig_print(&b->sig, sig, sizeof(sig));
	printf("bucket %zu: %s: %zu input(s), %zu -> %zu statements (%u runs)\n",
	       n + 1, sig, b->count, b->before, b->prog.nr_stmts, b->runs);
	printf("  %s/%s/repro.mm\n", t->out, b->dir);
	for (size_t i = 0; i < b->prog.nr_stmts; i++) {
		mm_stmt_print(&b->prog.stmts[i], stmt, sizeof(stmt));
		printf("    %s\n", stmt);
	}
}

/* ------------------------------------------------------------------ */
/* Command                                                             */

/* MMFUZZ_KNOBS=K=on,K=off into t->opt; -1 after a message. */
static int tri_env_knobs(struct tri *t, const char *spec)
{
	struct mm_knobspec_error err;
	char msg[512];

	if (!mm_knobspec_parse(&t->opt, spec, NULL, &err))
		return 0;
	mm_knobspec_strerror(&err, "MMFUZZ_KNOBS", msg, sizeof(msg));
	fprintf(stderr, "mmfuzz: %s\nmmfuzz triage: in MMFUZZ_KNOBS='%s'\n",
		msg, getenv("MMFUZZ_KNOBS"));
	return -1;
}

/*
 * What the fuzz targets' environment says, where the command line says
 * nothing: MMFUZZ_ERA without --era, MMFUZZ_KNOBS without any --knob.
 */
static int tri_env(struct tri *t)
{
	const char *era = getenv("MMFUZZ_ERA"), *knobs = getenv("MMFUZZ_KNOBS");

	if (!t->opt.era && era && *era) {
		if (mmfuzz_check_era_arg(era))
			return -1;
		t->opt.era = era;
		fprintf(stderr, "mmfuzz triage: era %s (MMFUZZ_ERA)\n", era);
	}
	if (!t->opt.nr_knobs && knobs && *knobs) {
		if (tri_env_knobs(t, knobs))
			return -1;
		fprintf(stderr, "mmfuzz triage: knobs %s (MMFUZZ_KNOBS)\n", knobs);
	}
	return 0;
}

static int tri_args(struct tri *t, int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--out") && i + 1 < argc) {
			t->out = argv[++i];
		} else if (!strcmp(a, "--era") && i + 1 < argc) {
			t->opt.era = argv[++i];
			if (mmfuzz_check_era_arg(t->opt.era))
				return -1;
		} else if (!strcmp(a, "--knob") && i + 1 < argc) {
			if (mmfuzz_parse_knob_arg(argv[++i], &t->opt))
				return -1;
		} else if (!strcmp(a, "--target") && i + 1 < argc) {
			struct mm_decode_opts o;

			t->target = argv[++i];
			if (mmfuzz_target_opts(t->target, &o)) {
				fprintf(stderr, "mmfuzz triage: unknown target '%s' (fuzz_mm, fuzz_cow)\n",
					t->target);
				return -1;
			}
		} else if (!strcmp(a, "--max-runs") && i + 1 < argc) {
			t->max_runs = (unsigned int)strtoul(argv[++i], NULL, 10);
		} else if (!strcmp(a, "--")) {
			i++;
			break;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "mmfuzz triage: unknown option '%s'\n", a);
			return -1;
		} else {
			break;
		}
	}
	if (tri_env(t))
		return -1;
	for (; i < argc; i++)
		if (tri_add_path(t, argv[i]))
			return -1;
	if (!t->nr_in) {
		fprintf(stderr, "mmfuzz triage: no input\n");
		return -1;
	}
	return 0;
}

static void tri_free(struct tri *t)
{
	for (size_t i = 0; i < t->nr_in; i++)
		free(t->in[i].path);
	for (size_t n = 0; n < t->nr_b; n++)
		mm_prog_free(&t->b[n].prog);
	free(t->in);
	free(t->b);
}

int mmfuzz_cmd_triage(int argc, char **argv)
{
	struct tri t = { .out = TRI_DEFAULT_OUT, .max_runs = TRI_DEFAULT_RUNS };
	int status = 0;

	if (tri_args(&t, argc, argv)) {
		tri_free(&t);
		return 2;
	}
	for (size_t i = 0; i < t.nr_in && !status; i++)
		if (tri_classify(&t, i))
			status = 2;
	if (!status && tri_mkdir(t.out)) {
		fprintf(stderr, "mmfuzz triage: %s: %s\n", t.out, strerror(errno));
		status = 2;
	}
	for (size_t n = 0; n < t.nr_b && !status; n++) {
		if (tri_write_bucket(&t, n))
			status = 2;
		else
			tri_print_bucket(&t, n);
	}
	if (!status && (tri_json(&t) || tri_markdown(&t)))
		status = 2;
	if (!status) {
		printf("triage: %zu inputs, %zu buckets, %zu unreproducible; %s/summary.md\n",
		       t.nr_in, t.nr_b, t.unreproducible, t.out);
		status = t.unreproducible ? 1 : 0;
	}
	tri_free(&t);
	return status;
}
