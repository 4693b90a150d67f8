// SPDX-License-Identifier: MIT
/*
 * triage.c - `mmfuzz triage`: bucket crash files, minimize one per bucket,
 * write a reproducer and a report for each.
 *
 *   mmfuzz triage [--out DIR] [--era E] [--knob K=on|off]...
 *                 [--target TARGET] [--max-runs N] INPUT...
 *
 * An INPUT is a file or a directory (its regular files, in name order;
 * AFL++'s README.txt and finding.txt sidecars are skipped; the
 * subdirectories that are stored findings, or named after a target, are
 * entered).  A stored finding (build.sh's findings/TARGET/NAME/, or the
 * artifact in it) has a finding.txt sidecar (finding.h) that gives its
 * target, era and knobs.  A file that parses as .mm text is a program,
 * with its own directives; anything else is a fuzz input, decoded exactly
 * as its fuzz target decodes it (mmfuzz_target_opts()).  The target is
 * --target, else the sidecar's; else every target is tried, first the
 * one a path component names (AFL++'s afl-fuzz_cow/out/default/crashes/),
 * and stdout says which one reproduced.  --era and --knob play MMFUZZ_ERA
 * and MMFUZZ_KNOBS: they are written into the program as directives, so
 * every reproducer carries them.  Without them, a finding's sidecar
 * speaks for it; for other inputs the environment's MMFUZZ_ERA and
 * MMFUZZ_KNOBS are taken (as the fuzz targets read them, fuzzers/fz.h),
 * so that a crash triages in the shell that found it; stderr says so.
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
 * Buckets are numbered in order of first appearance.  Bucket directories
 * an earlier triage left in DIR are removed first.  Exit status: 0 when
 * every input reproduced, 1 when some did not, 2 on a usage or I/O error
 * (a missing input included) or when a .mm input does not parse or check
 * (its line and message are its reason).
 *
 * This file reads, classifies and buckets the inputs and runs the
 * command; triage_report.c writes DIR and each bucket's lines on stdout.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mmfuzz.h"
#include "finding.h"
#include "mmtriage.h"
#include "triage_int.h"

#define TRI_DEFAULT_OUT		"triage"
#define TRI_DEFAULT_RUNS	2000u
#define TRI_USAGE \
	"usage: mmfuzz triage [--out DIR] [--era NAME] [--knob NAME=on|off]...\n" \
	"                     [--target TARGET] [--max-runs N] INPUT...\n"

/* ------------------------------------------------------------------ */
/* Inputs                                                              */

/* The target name as one of mmfuzz_targets' names, or NULL. */
static const char *tri_target_name(const char *name)
{
	for (size_t i = 0; i < MMFUZZ_NR_TARGETS; i++)
		if (!strcmp(mmfuzz_targets[i].name, name))
			return mmfuzz_targets[i].name;
	return NULL;
}

static void tri_note_env(struct tri *t)
{
	if (t->env_said)
		return;
	t->env_said = true;
	if (t->env.era)
		fprintf(stderr, "mmfuzz triage: era %s (MMFUZZ_ERA)\n", t->env.era);
	if (t->env.nr_knobs)
		fprintf(stderr, "mmfuzz triage: knobs %s (MMFUZZ_KNOBS)\n",
			getenv("MMFUZZ_KNOBS"));
}

/*
 * What input @in runs with: the command line's --era and --knob, else
 * its sidecar's @f, else the environment's.  0, or -1 after a message.
 */
static int tri_input_options(struct tri *t, struct tri_input *in,
			     const struct finding *f)
{
	struct run_options *o = &in->opt;

	in->want = t->target;
	if (f && !in->want && f->target[0]) {
		in->want = tri_target_name(f->target);
		if (!in->want) {
			char names[128];

			fprintf(stderr, "mmfuzz triage: %s: target '%s' has no binary input (%s)\n",
				f->path, f->target,
				mmfuzz_target_list(names, sizeof(names)));
			return -1;
		}
	}
	if (t->opt.era) {
		o->era = t->opt.era;
	} else if (f && f->era[0]) {
		if (mmfuzz_check_era_arg(f->era))
			return -1;
		o->era = strcpy(in->era, f->era);
	} else if (!f && t->env.era) {
		o->era = t->env.era;
		tri_note_env(t);
	}
	if (t->opt.nr_knobs) {
		memcpy(o->knobs, t->opt.knobs, sizeof(o->knobs));
		o->nr_knobs = t->opt.nr_knobs;
	} else if (f) {
		if (finding_parse_knobs("mmfuzz triage", f->path, f->knobs, o))
			return -1;
	} else if (t->env.nr_knobs) {
		memcpy(o->knobs, t->env.knobs, sizeof(o->knobs));
		o->nr_knobs = t->env.nr_knobs;
		tri_note_env(t);
	}
	if (f)
		fprintf(stderr, "mmfuzz triage: %s: target %s, era %s, knobs %s (%s)\n",
			in->path, in->want ? in->want : "any",
			o->era ? o->era : "current", f->knobs[0] ? f->knobs : "none",
			f->path);
	return 0;
}

static int tri_add_input(struct tri *t, const char *path,
			 const struct finding *f)
{
	struct tri_input *in;

	if (t->nr_in == t->cap_in) {
		size_t cap = t->cap_in ? 2 * t->cap_in : 16;

		in = realloc(t->in, cap * sizeof(*in));
		if (!in)
			return -1;
		t->in = in;
		t->cap_in = cap;
	}
	in = &t->in[t->nr_in];
	memset(in, 0, sizeof(*in));
	in->bucket = -1;
	in->finding = f != NULL;
	in->path = strdup(path);
	if (!in->path)
		return -1;
	t->nr_in++;
	return tri_input_options(t, in, f);
}

/* A file given or found: with its sidecar if it has one. */
static int tri_add_file(struct tri *t, const char *path)
{
	struct finding f;
	char unused[8];
	int ret = finding_read("mmfuzz triage", path, &f, unused, sizeof(unused));

	if (ret < 0)
		return -1;
	return tri_add_input(t, path, ret ? &f : NULL);
}

static int tri_add_path(struct tri *t, const char *path, bool given);

/* A stored finding, or a directory of them (findings/, findings/TARGET/). */
static bool tri_enter(const char *path, const char *name)
{
	char side[4096];
	struct stat st;
	int n = snprintf(side, sizeof(side), "%s/%s", path, FINDING_SIDECAR);

	if (n < 0 || (size_t)n >= sizeof(side))
		return false;
	return tri_target_name(name) || !strcmp(name, "findings") ||
	       (!stat(side, &st) && S_ISREG(st.st_mode));
}

/* A directory's regular, non-hidden files in name order. */
static int tri_add_dir(struct tri *t, const char *path)
{
	struct dirent **names;
	struct stat st;
	int n, ret = 0;

	n = scandir(path, &names, NULL, alphasort);
	if (n < 0) {
		fprintf(stderr, "mmfuzz triage: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (int i = 0; i < n; i++) {
		char file[4096];
		const char *name = names[i]->d_name;
		int len = snprintf(file, sizeof(file), "%s/%s", path, name);

		if (ret || len < 0 || (size_t)len >= sizeof(file) || name[0] == '.' || !strcmp(name, "README.txt") ||
		    !strcmp(name, FINDING_SIDECAR) || stat(file, &st)) {
			free(names[i]);
			continue;
		}
		if (S_ISREG(st.st_mode))
			ret = tri_add_file(t, file);
		else if (S_ISDIR(st.st_mode) && tri_enter(file, name))
			ret = tri_add_path(t, file, false);
		free(names[i]);
	}
	free(names);
	return ret;
}

static int tri_add_path(struct tri *t, const char *arg, bool given)
{
	char artifact[4200], path[4096];
	struct finding f;
	struct stat st;
	int ret;

	finding_trim(path, sizeof(path), arg);
	if (stat(path, &st)) {
		fprintf(stderr, "mmfuzz triage: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return given ? tri_add_file(t, path) : tri_add_input(t, path, NULL);
	ret = finding_read("mmfuzz triage", path, &f, artifact, sizeof(artifact));
	if (ret < 0)
		return -1;
	if (!ret)
		return tri_add_dir(t, path);
	if (stat(artifact, &st) || !S_ISREG(st.st_mode)) {
		fprintf(stderr, "mmfuzz triage: %s: its artifact %s is missing\n",
			f.path, artifact);
		return -1;
	}
	return tri_add_input(t, artifact, &f);
}

/* A target a component of @path names, else NULL. */
static const char *tri_infer_target(const char *path)
{
	const char *best = NULL, *at = NULL;

	for (size_t i = 0; i < MMFUZZ_NR_TARGETS; i++) {
		const char *hit = strstr(path, mmfuzz_targets[i].name);

		if (hit && (!at || hit < at)) {
			at = hit;
			best = mmfuzz_targets[i].name;
		}
	}
	return best;
}

/*
 * @data as .mm text: 1 and @p if it parses and checks; 0 with in->reason
 * if it does not parse (then it may be a fuzz input) or does not check.
 */
static int tri_as_text(struct tri_input *in, const char *data,
		       struct mm_prog *p)
{
	struct mm_error err = { 0 };

	if (mm_prog_parse(data, in->bytes, p, &err)) {
		snprintf(in->reason, sizeof(in->reason),
			 "not a program: line %d: %s", err.line, err.msg);
		in->bad_text = true;
		return 0;
	}
	if (mm_prog_check(p, false, &err)) {
		snprintf(in->reason, sizeof(in->reason), "line %d: %s",
			 err.line, err.msg);
		in->bad_text = true;
		mm_prog_free(p);
		return 0;
	}
	if (mmfuzz_bake(&in->opt, p)) {
		snprintf(in->reason, sizeof(in->reason), "too many knob lines");
		mm_prog_free(p);
		return 0;
	}
	return 1;
}

/* @data as @target decodes it: 0 and @p, or -1 with in->reason. */
static int tri_as_input(struct tri_input *in, const char *target,
			const char *data, struct mm_prog *p)
{
	struct mm_decode_opts opts;

	in->target = target;
	mmfuzz_target_opts(target, &opts);
	if (mm_prog_decode((const uint8_t *)data, in->bytes, &opts, p)) {
		snprintf(in->reason, sizeof(in->reason), "out of memory");
		return -1;
	}
	if (mmfuzz_bake(&in->opt, p)) {
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

/* What @p ran with, for the summaries. */
static void tri_ran_with(struct tri_input *in, const struct mm_prog *p,
			 const struct run_result *res)
{
	size_t n = 0;

	snprintf(in->ran_era, sizeof(in->ran_era), "%s", res->era);
	in->ran_knobs[0] = '\0';
	for (int k = 0; k < p->nr_knobs && n < sizeof(in->ran_knobs); k++)
		n += (size_t)snprintf(in->ran_knobs + n, sizeof(in->ran_knobs) - n,
				      "%s%s=%s", k ? "," : "", p->knobs[k].name,
				      p->knobs[k].value ? "on" : "off");
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
	tri_ran_with(in, p, &res);
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
 * Input @i as a fuzz input: of its known target, else of each target in
 * turn, the one its path names first.  1 if one reproduced, 0 with
 * in->reason, -1 out of memory.
 */
static int tri_try_targets(struct tri *t, size_t i, const char *data,
			   bool binary)
{
	struct tri_input *in = &t->in[i];
	const char *order[MMFUZZ_NR_TARGETS], *named = tri_infer_target(in->path);
	char why[sizeof(in->reason)] = "";
	size_t n = 0, len = 0;
	struct mm_prog p;
	int ret = 0;

	if (in->want)
		order[n++] = in->want;
	else if (named)
		order[n++] = named;
	for (size_t k = 0; !in->want && k < MMFUZZ_NR_TARGETS; k++)
		if (mmfuzz_targets[k].name != named)
			order[n++] = mmfuzz_targets[k].name;
	if (!binary && in->reason[0])
		len = (size_t)snprintf(why, sizeof(why), "%s; ", in->reason);
	for (size_t k = 0; k < n && !ret; k++) {
		if (tri_as_input(in, order[k], data, &p))
			return -1;
		ret = tri_bucket_input(t, i, &p);
		if (ret || len >= sizeof(why))
			continue;
		len += (size_t)snprintf(why + len, sizeof(why) - len, "%s%s",
					k ? "; " : "", in->reason);
	}
	if (ret > 0 && n > 1 && !in->finding)
		fprintf(stderr, "mmfuzz triage: %s: no %s next to it; reproduces as a %s input\n",
			in->path, FINDING_SIDECAR, in->target);
	if (!ret) {
		const char *hint = in->finding || in->opt.era || in->opt.nr_knobs ?
			"" : " (no finding.txt next to it: give --era and --knob as when it was found)";

		if (strlen(why) + strlen(hint) >= sizeof(in->reason))
			hint = "";
		memcpy(in->reason, why, strlen(why) + 1);
		strcat(in->reason, hint);
	}
	return ret;
}

/*
 * Input @i: as .mm text if it parses, else (or if the text finds nothing
 * and the name does not end in .mm) as a fuzz input.
 */
static int tri_classify(struct tri *t, size_t i)
{
	struct tri_input *in = &t->in[i];
	const char *why = NULL;
	char *data = mmfuzz_read_input(in->path, &in->bytes, &why);
	struct mm_prog p;
	bool binary;
	int ret = 0;

	if (!data) {
		fprintf(stderr, "mmfuzz triage: %s: cannot read: %s\n",
			in->path, why);
		return -1;
	}
	binary = memchr(data, '\0', in->bytes) != NULL;
	if (!in->finding && tri_as_text(in, data, &p))
		ret = tri_bucket_input(t, i, &p);
	if (!ret && !tri_is_mm(in->path))
		ret = tri_try_targets(t, i, data, binary);
	free(data);
	if (ret)
		return ret < 0 ? -1 : 0;
	if (tri_is_mm(in->path) && in->bad_text) {
		fprintf(stderr, "mmfuzz triage: %s: %s\n", in->path, in->reason);
		t->malformed++;
	}
	t->unreproducible++;
	printf("%s: unreproducible: %s\n", in->path, in->reason);
	return 0;
}


/* ------------------------------------------------------------------ */
/* Command                                                             */

/*
 * What the fuzz targets' environment says, for the inputs no sidecar
 * speaks for, where the command line says nothing: MMFUZZ_ERA without
 * --era, MMFUZZ_KNOBS without any --knob.
 */
static int tri_env(struct tri *t)
{
	const char *era = getenv("MMFUZZ_ERA"), *knobs = getenv("MMFUZZ_KNOBS");

	if (!t->opt.era && era && *era) {
		if (mmfuzz_check_era_arg(era))
			return -1;
		t->env.era = era;
	}
	if (!t->opt.nr_knobs && knobs && *knobs &&
	    finding_parse_knobs("mmfuzz triage", "MMFUZZ_KNOBS", knobs, &t->env))
		return -1;
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
				char names[128];

				fprintf(stderr, "mmfuzz triage: unknown target '%s' (%s)\n",
					t->target, mmfuzz_target_list(names, sizeof(names)));
				return -1;
			}
		} else if (!strcmp(a, "--max-runs") && i + 1 < argc) {
			t->max_runs = (unsigned int)strtoul(argv[++i], NULL, 10);
		} else if (!strcmp(a, "--")) {
			i++;
			break;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "mmfuzz triage: unknown option '%s'\n%s",
				a, TRI_USAGE);
			return -1;
		} else {
			break;
		}
	}
	if (tri_env(t))
		return -1;
	for (; i < argc; i++)
		if (tri_add_path(t, argv[i], true))
			return -1;
	if (!t->nr_in) {
		fprintf(stderr, "mmfuzz triage: no input\n%s", TRI_USAGE);
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
	if (!status)
		tri_clean_out(&t);
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
		status = t.malformed ? 2 : t.unreproducible ? 1 : 0;
	}
	tri_free(&t);
	return status;
}
