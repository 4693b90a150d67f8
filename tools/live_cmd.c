// SPDX-License-Identifier: MIT
/*
 * live_cmd.c - `mmfuzz live FILE.mm...` runs programs on the running
 * kernel and prints their traces (live_exec.c); `mmfuzz diff FILE|DIR...`
 * runs each program in the emulator and on the kernel, compares the two
 * traces (runner/trace.c) and buckets where they part.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "live_int.h"
#include "mmfuzz.h"
#include "mmrun.h"
#include "mmtrace.h"

/* ------------------------------------------------------------------ */
/* mmfuzz live                                                          */

static void trace_header(FILE *out, const char *path, const char *side)
{
	fprintf(out, "trace %s (%s)\n", path, side);
}

/* One program's live trace on @out; 0 ran, 1 skipped, 2 error. */
static int live_one(const char *path, const struct live_probe *pr, FILE *out,
		    char *why, size_t why_size, char *reason, size_t reason_size)
{
	struct mm_prog p;
	char side[96];
	int ret;

	if (mmfuzz_load_checked("mmfuzz live", path, &p)) {
		snprintf(why, why_size, "does not parse");
		snprintf(reason, reason_size, "does not parse");
		return 2;
	}
	live_check(&p, pr, why, why_size, reason, reason_size);
	if (why[0]) {
		mm_prog_free(&p);
		return 1;
	}
	snprintf(side, sizeof(side), "live, Linux %s", pr->release);
	trace_header(out, path, side);
	fflush(NULL);
	ret = live_run(&p, out);
	fprintf(out, "end\n");
	mm_prog_free(&p);
	if (ret) {
		snprintf(why, why_size, "the live run broke off");
		snprintf(reason, reason_size, "live run broke off");
		return 1;
	}
	return 0;
}

int mmfuzz_cmd_live(int argc, char **argv)
{
	struct live_probe pr;
	int status = 0;

	if (!argc) {
		fprintf(stderr, "mmfuzz live: no FILE\n");
		return 2;
	}
	live_probe(&pr);
	for (int i = 0; i < argc; i++) {
		char why[400], reason[64];
		int s = live_one(argv[i], &pr, stdout, why, sizeof(why), reason,
				 sizeof(reason));

		if (s == 1)
			printf("%s: skipped: %s\n", argv[i], why);
		if (s > status)
			status = s;
		fflush(stdout);
	}
	return status == 1 ? 0 : status;
}

/* ------------------------------------------------------------------ */
/* mmfuzz diff                                                          */

static struct bucket *bucket_add(struct bucket **b, size_t *n, const char *key,
				 const char *example, int *error)
{
	struct bucket *nb;

	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*b)[i].key, key)) {
			(*b)[i].count++;
			return &(*b)[i];
		}
	nb = realloc(*b, (*n + 1) * sizeof(*nb));
	if (!nb) {
		*error = 1;
		return NULL;
	}
	*b = nb;
	nb = &nb[(*n)++];
	memset(nb, 0, sizeof(*nb));
	snprintf(nb->key, sizeof(nb->key), "%s", key);
	snprintf(nb->example, sizeof(nb->example), "%s", example);
	nb->count = 1;
	return nb;
}

/* The emulator's trace of @p, every check off so that it runs to the end. */
static char *emulator_trace(const struct mm_prog *p, const char *path,
			    const char *era, const struct run_options *knobs,
			    struct run_result *res)
{
	struct run_options opt = *knobs;
	char *buf = NULL;
	size_t len = 0;

	opt.checks = RUN_CHECK_NONE;
	opt.era = era;
	opt.stmt_trace = open_memstream(&buf, &len);
	if (!opt.stmt_trace)
		return NULL;
	fprintf(opt.stmt_trace, "trace %s (emulator, era %s)\n", path, era);
	mm_run_program(p, &opt, res);
	fprintf(opt.stmt_trace, "end\n");
	if (fclose(opt.stmt_trace)) {
		free(buf);
		return NULL;
	}
	return buf;
}

static char *live_trace(const struct mm_prog *p, const char *path,
			const struct live_probe *pr, int *ret)
{
	char *buf = NULL, side[96];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	snprintf(side, sizeof(side), "live, Linux %s", pr->release);
	trace_header(f, path, side);
	fflush(NULL);
	*ret = live_run(p, f);
	fprintf(f, "end\n");
	if (fclose(f)) {
		free(buf);
		return NULL;
	}
	return buf;
}

void diff_skip(struct diff_state *st, const char *path, const char *why,
		      const char *reason)
{
	char ex[400];

	st->skipped++;
	printf("%s: skipped: %s\n", path, why);
	/* The example is cut to its buffer, and says so. */
	if (snprintf(ex, sizeof(ex), "%s: %s", path, why) >= (int)sizeof(ex))
		memcpy(ex + sizeof(ex) - 4, "...", 4);
	bucket_add(&st->skip, &st->nr_skip, reason, ex, &st->error);
}

/* --traces DIR: DIR/PATH.emulator and DIR/PATH.live, '/' in PATH as '_'. */
static void keep_traces(struct diff_state *st, const char *path,
			const char *emu, const char *live)
{
	const char *side[2] = { "emulator", "live" }, *text[2] = { emu, live };

	for (int k = 0; k < 2; k++) {
		char name[600];
		FILE *f;
		int n = snprintf(name, sizeof(name), "%s/", st->keep);

		for (const char *c = path; *c && n < (int)sizeof(name) - 16; c++)
			name[n++] = *c == '/' ? '_' : *c;
		snprintf(name + n, sizeof(name) - (size_t)n, ".%s", side[k]);
		f = fopen(name, "w");
		if (!f || fputs(text[k], f) < 0 || fclose(f)) {
			fprintf(stderr, "mmfuzz diff: %s: %s\n", name, strerror(errno));
			st->error = 1;
		}
	}
}

/*
 * Wall-clock seconds, for the speed line of the summary only: nothing a
 * program does or how it is judged depends on it.
 */
static double seconds_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Run @p in the emulator and on the kernel and compare the traces; prints
 * nothing.  The program's zeropage and swap settings, where it has none,
 * are this kernel's.
 */
void diff_outcome(const struct diff_state *st, const char *path,
		  struct mm_prog *p, struct diff_outcome *o)
{
	const struct live_probe *pr = &st->pr;
	struct run_result res;
	struct mm_trace a, b;
	int ret = 0;
	double t;

	memset(o, 0, sizeof(*o));
	o->verdict = DIFF_SKIP;
	live_check(p, pr, o->why, sizeof(o->why), o->reason, sizeof(o->reason));
	if (o->why[0])
		return;
	if (!p->has_zeropage && pr->zeropage >= 0)
		p->zeropage = pr->zeropage > 0;
	if (!p->has_swap && pr->swap_kb == 0)
		p->swap = false;
	t = seconds_now();
	o->emu = emulator_trace(p, path, pr->era, &st->emu_knobs, &res);
	o->emu_secs = seconds_now() - t;
	if (o->emu && res.outcome == RUN_ERROR) {
		snprintf(o->why, sizeof(o->why), "the emulator cannot run it: line %d: %s",
			 res.line, res.msg);
		snprintf(o->reason, sizeof(o->reason), "emulator cannot run it");
		return;
	}
	if (o->emu) {
		t = seconds_now();
		o->live = live_trace(p, path, pr, &ret);
		o->live_secs = seconds_now() - t;
	}
	if (!o->emu || !o->live) {
		o->verdict = DIFF_ERROR;
		snprintf(o->why, sizeof(o->why), "out of memory");
		snprintf(o->reason, sizeof(o->reason), "out of memory");
		return;
	}
	if (ret) {
		snprintf(o->why, sizeof(o->why), "the live run broke off");
		snprintf(o->reason, sizeof(o->reason), "live run broke off");
		return;
	}
	if (mm_trace_parse(o->emu, &a, o->why, sizeof(o->why))) {
		snprintf(o->reason, sizeof(o->reason), "unreadable trace");
		return;
	}
	if (mm_trace_parse(o->live, &b, o->why, sizeof(o->why))) {
		mm_trace_free(&a);
		snprintf(o->reason, sizeof(o->reason), "unreadable trace");
		return;
	}
	if (!mm_trace_compare(&a, &b, st->pages, &o->d)) {
		o->verdict = DIFF_AGREE;
	} else if (!strcmp(o->d.field, "skipped")) {
		snprintf(o->why, sizeof(o->why), "line %d (%.60s): %.120s",
			 o->d.line, o->d.stmt, o->d.b);
		snprintf(o->reason, sizeof(o->reason), "live statement skipped");
	} else {
		o->verdict = DIFF_DIVERGE;
	}
	mm_trace_free(&a);
	mm_trace_free(&b);
}

void diff_outcome_free(struct diff_outcome *o)
{
	free(o->emu);
	free(o->live);
	o->emu = o->live = NULL;
}

/* Count and print @o, the outcome of program @path. */
void diff_account(struct diff_state *st, const char *path,
		  const struct diff_outcome *o)
{
	const struct mm_trace_divergence *d = &o->d;
	char key[80], ex[400];

	st->programs++;
	if (o->emu) {
		st->emu_runs++;
		st->emu_secs += o->emu_secs;
	}
	if (o->live) {
		st->live_runs++;
		st->live_secs += o->live_secs;
	}
	switch (o->verdict) {
	case DIFF_AGREE:
		st->agree++;
		if (st->verbose)
			printf("%s: agree\n", path);
		break;
	case DIFF_ERROR:
		st->error = 1;
		/* fall through */
	case DIFF_SKIP:
		diff_skip(st, path, o->why, o->reason);
		break;
	case DIFF_DIVERGE:
		st->diverge++;
		if (st->keep)
			keep_traces(st, path, o->emu, o->live);
		printf("%s: diverge at line %d (%s): %s: emulator %s, live %s\n",
		       path, d->line, d->stmt, d->field, d->a, d->b);
		snprintf(key, sizeof(key), "%s %s", d->kind, d->field);
		snprintf(ex, sizeof(ex), "%.120s:%d: %.80s: emulator %.80s, live %.80s",
			 path, d->line, d->stmt, d->a, d->b);
		bucket_add(&st->div, &st->nr_div, key, ex, &st->error);
		break;
	}
	fflush(stdout);
}

static void diff_file(struct diff_state *st, const char *path)
{
	struct diff_outcome o;
	struct mm_prog p;

	if (mmfuzz_load_checked("mmfuzz diff", path, &p)) {
		st->programs++;
		diff_skip(st, path, "does not parse", "does not parse");
		return;
	}
	diff_outcome(st, path, &p, &o);
	diff_account(st, path, &o);
	diff_outcome_free(&o);
	mm_prog_free(&p);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.mm under @dir, in name order, recursively. */
static void diff_dir(struct diff_state *st, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;

	if (!d) {
		fprintf(stderr, "mmfuzz diff: %s: %s\n", dir, strerror(errno));
		st->error = 1;
		return;
	}
	while ((e = readdir(d))) {
		char **nn;

		if (e->d_name[0] == '.')
			continue;
		nn = realloc(names, (n + 1) * sizeof(*nn));
		if (!nn)
			break;
		names = nn;
		if (asprintf(&names[n], "%s%s%s", dir,
			     dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/",
			     e->d_name) < 0)
			break;
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		struct stat sb;
		size_t len = strlen(names[i]);

		if (!stat(names[i], &sb) && S_ISDIR(sb.st_mode))
			diff_dir(st, names[i]);
		else if (len > 3 && !strcmp(names[i] + len - 3, ".mm"))
			diff_file(st, names[i]);
		free(names[i]);
	}
	free(names);
}

static int cmp_bucket(const void *a, const void *b)
{
	const struct bucket *x = a, *y = b;

	return x->count != y->count ? y->count - x->count : strcmp(x->key, y->key);
}

void print_buckets(const char *title, struct bucket *b, size_t n)
{
	if (!n)
		return;
	qsort(b, n, sizeof(*b), cmp_bucket);
	printf("%s:\n", title);
	for (size_t i = 0; i < n; i++) {
		printf("  %4d  %s", b[i].count, b[i].key);
		printf("\n        e.g. %s\n", b[i].example);
	}
}

/*
 * The speed of each side, after the summary line: programs per second
 * over the programs each side ran (a skipped program may have run in the
 * emulator only, or on neither side).
 */
static void print_speed(const struct diff_state *st)
{
	printf("speed: emulator %.1f programs/s (%d in %.2f s), live %.1f programs/s (%d in %.2f s)\n",
	       st->emu_secs > 0 ? st->emu_runs / st->emu_secs : 0.0,
	       st->emu_runs, st->emu_secs,
	       st->live_secs > 0 ? st->live_runs / st->live_secs : 0.0,
	       st->live_runs, st->live_secs);
}

int mmfuzz_cmd_diff(int argc, char **argv)
{
	struct diff_state st = { 0 };
	const char *target = "fuzz_cow", *out = "diff-random";
	unsigned long random = 0;
	uint64_t seed = 1;
	char *end;
	int i = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "--verbose") || !strcmp(argv[i], "-v")) {
			st.verbose = true;
		} else if (!strcmp(argv[i], "--pages")) {
			st.pages = true;
		} else if (!strcmp(argv[i], "--traces") && i + 1 < argc) {
			st.keep = argv[++i];
			if (mkdir(st.keep, 0777) && errno != EEXIST) {
				fprintf(stderr, "mmfuzz diff: %s: %s\n", st.keep, strerror(errno));
				return 2;
			}
		} else if (!strcmp(argv[i], "--random") && i + 1 < argc) {
			random = strtoul(argv[++i], &end, 10);
			if (*end || !random || argv[i][0] == '-') {
				fprintf(stderr, "mmfuzz diff: --random wants a positive number, not '%s'\n", argv[i]);
				return 2;
			}
		} else if (!strcmp(argv[i], "--seed") && i + 1 < argc) {
			seed = strtoull(argv[++i], &end, 0);
			if (*end || argv[i][0] == '-') {
				fprintf(stderr, "mmfuzz diff: --seed wants a number, not '%s'\n", argv[i]);
				return 2;
			}
		} else if (!strcmp(argv[i], "--knob") && i + 1 < argc) {
			if (mmfuzz_parse_knob_arg(argv[++i], &st.emu_knobs))
				return 2;
		} else if (!strcmp(argv[i], "--target") && i + 1 < argc) {
			target = argv[++i];
		} else if (!strcmp(argv[i], "--out") && i + 1 < argc) {
			out = argv[++i];
		} else {
			fprintf(stderr, "mmfuzz diff: unknown option '%s'\n", argv[i]);
			return 2;
		}
	}
	if (i == argc && !random) {
		fprintf(stderr, "mmfuzz diff: no FILE or DIR (or --random N)\n");
		return 2;
	}
	if (i < argc && random) {
		fprintf(stderr, "mmfuzz diff: --random takes no FILE or DIR\n");
		return 2;
	}
	live_probe(&st.pr);
	live_probe_print(stdout, &st.pr);
	for (int k = 0; k < st.emu_knobs.nr_knobs; k++)
		printf("emulator knob %s=%s (not this kernel's: divergences are expected)\n",
		       st.emu_knobs.knobs[k].name, st.emu_knobs.knobs[k].value ? "on" : "off");
	fflush(stdout);
	if (random && diff_random(&st, random, seed, target, out))
		return 2;
	for (; i < argc; i++) {
		struct stat sb;

		if (!stat(argv[i], &sb) && S_ISDIR(sb.st_mode))
			diff_dir(&st, argv[i]);
		else
			diff_file(&st, argv[i]);
	}
	print_buckets("divergences (statement kind, field)", st.div, st.nr_div);
	print_buckets("skipped (reason)", st.skip, st.nr_skip);
	printf("diff: %d programs, %d agree, %d diverge, %d skipped\n",
	       st.programs, st.agree, st.diverge, st.skipped);
	print_speed(&st);
	free(st.div);
	free(st.skip);
	if (st.error)
		return 2;
	return st.diverge ? 1 : 0;
}
