// SPDX-License-Identifier: MIT
/*
 * live_random.c - `mmfuzz diff --random N`: a differential campaign.
 *
 * Programs are generated statement by statement in a fuzz target's
 * alphabet (mm_stmt_generate: names that exist, ranges inside their
 * regions), keeping only statements that run on this kernel (the probe and
 * the statement table's live column, live_stmt_why()).  Each runs in the
 * emulator and on the kernel (diff_outcome()); a diverging one is
 * minimized with the triage minimizer, keeping "diverges first at the same
 * statement kind and field", and written out as a .mm file that
 * `mmfuzz diff` and `mmfuzz run` read.  The seed makes the programs the
 * same every time; what the kernel does with them may not be.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "live_int.h"
#include "mmfuzz.h"
#include "mmtriage.h"

#define RANDOM_MIN_STMTS	4
#define RANDOM_MAX_STMTS	24
#define RANDOM_TRIES		32	/* to find a statement that runs here */
#define RANDOM_MIN_RUNS		150	/* minimizer budget, both sides each */
#define RANDOM_PROGRESS		10

/* splitmix64: the campaign's only source of randomness, from --seed. */
static uint64_t random_next(void *ctx)
{
	uint64_t *state = ctx, z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* This kernel's THP setting as the program's, so that no program skips. */
static void random_config(const struct live_probe *pr, struct mm_prog *p)
{
	p->has_thp = true;
	p->thp = !strcmp(pr->thp, "always") ? MM_THP_ALWAYS :
		 !strcmp(pr->thp, "never") ? MM_THP_NEVER : MM_THP_MADVISE;
}

/*
 * A program of RANDOM_MIN_STMTS..RANDOM_MAX_STMTS statements that all run
 * here, in canonical form (printed and parsed back, so its lines are the
 * printed ones).  False when out of memory or nothing could be generated.
 */
static bool random_program(const struct live_probe *pr, enum mm_alphabet alpha,
			   uint64_t *state, struct mm_prog *out)
{
	struct mm_rand r = { random_next, state };
	unsigned int n = RANDOM_MIN_STMTS +
		(unsigned int)(random_next(state) % (RANDOM_MAX_STMTS - RANDOM_MIN_STMTS + 1));
	struct mm_shadow sh;
	struct mm_prog p;
	char *text;
	bool ok;

	mm_prog_init(&p);
	random_config(pr, &p);
	mm_shadow_init(&sh);
	for (unsigned int i = 0; i < n; i++) {
		struct mm_stmt s;
		const char *reason;
		int tries = 0;

		do {
			if (!mm_stmt_generate(alpha, &sh, &r, &s))
				tries = RANDOM_TRIES;
		} while (tries < RANDOM_TRIES && live_stmt_why(&s, pr, &reason) &&
			 ++tries < RANDOM_TRIES);
		if (tries >= RANDOM_TRIES || mm_shadow_step(&sh, &s, NULL))
			break;
		s.line = (int)i + 1;
		if (mm_prog_append(&p, &s)) {
			mm_prog_free(&p);
			return false;
		}
	}
	text = p.nr_stmts ? mm_prog_print(&p) : NULL;
	mm_prog_free(&p);
	ok = text && !mm_prog_parse(text, strlen(text), out, NULL);
	free(text);
	if (ok && mm_prog_check(out, false, NULL)) {
		mm_prog_free(out);
		ok = false;
	}
	return ok;
}

/* What the minimizer keeps: the first divergence's kind and field. */
struct random_keep {
	const struct diff_state *st;
	const struct mm_trace_divergence *want;
};

static bool random_keeps(void *priv, const struct mm_prog *p)
{
	const struct random_keep *k = priv;
	struct mm_prog q = *p;		/* diff_outcome() may set its zeropage */
	struct diff_outcome o;
	bool same;

	diff_outcome(k->st, "candidate", &q, &o);
	same = o.verdict == DIFF_DIVERGE && !strcmp(o.d.kind, k->want->kind) &&
	       !strcmp(o.d.field, k->want->field);
	diff_outcome_free(&o);
	return same;
}

/* "gN read seen" -> "gN-read-seen", for a file name. */
static void random_slug(char *dst, size_t size, const char *kind,
			const char *field)
{
	snprintf(dst, size, "%s-%s", kind, field);
	for (char *c = dst; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9')))
			*c = '-';
}

/* Minimize diverging program @p (number @k) and write it under @out. */
static int random_keep_divergence(struct diff_state *st, const char *out,
				  uint64_t seed, unsigned long k, struct mm_prog *p,
				  const struct diff_outcome *o)
{
	struct random_keep keep = { st, &o->d };
	struct tri_min m = { .max_runs = RANDOM_MIN_RUNS, .keep = random_keeps,
			     .keep_priv = &keep };
	struct diff_outcome again;
	char path[512], slug[80], *text;
	FILE *f;

	tri_minimize(p, &m);
	/* Say where the minimized program parts, which may be another line. */
	diff_outcome(st, "minimized", p, &again);
	random_slug(slug, sizeof(slug), o->d.kind, o->d.field);
	snprintf(path, sizeof(path), "%s/%06lu-%s.mm", out, k, slug);
	text = mm_prog_print(p);
	f = text ? fopen(path, "w") : NULL;
	if (!f || fprintf(f, "# mmfuzz diff --random: seed %llu, program %lu, minimized in %u runs\n"
			  "# first divergence: line %d (%s): %s: emulator %s, live %s\n%s",
			  (unsigned long long)seed, k, m.runs,
			  again.verdict == DIFF_DIVERGE ? again.d.line : o->d.line,
			  again.verdict == DIFF_DIVERGE ? again.d.stmt : o->d.stmt,
			  o->d.field,
			  again.verdict == DIFF_DIVERGE ? again.d.a : o->d.a,
			  again.verdict == DIFF_DIVERGE ? again.d.b : o->d.b,
			  text) < 0 || fclose(f)) {
		fprintf(stderr, "mmfuzz diff: %s: %s\n", path, strerror(errno));
		free(text);
		diff_outcome_free(&again);
		return -1;
	}
	printf("  minimized to %zu statements: %s\n", p->nr_stmts, path);
	free(text);
	diff_outcome_free(&again);
	return 0;
}

int diff_random(struct diff_state *st, unsigned long n, uint64_t seed,
		const char *target, const char *out)
{
	struct mm_decode_opts opts;
	uint64_t state = seed;
	unsigned long k;

	if (mmfuzz_target_opts(target, &opts)) {
		fprintf(stderr, "mmfuzz diff: no fuzz target '%s' that decodes programs\n", target);
		return -1;
	}
	if (mkdir(out, 0777) && errno != EEXIST) {
		fprintf(stderr, "mmfuzz diff: %s: %s\n", out, strerror(errno));
		return -1;
	}
	printf("random: %lu programs, seed %llu, %s's alphabet, diverging ones minimized into %s/\n",
	       n, (unsigned long long)seed, target, out);
	for (k = 1; k <= n; k++) {
		struct diff_outcome o;
		struct mm_prog p;
		char name[64];

		snprintf(name, sizeof(name), "random#%lu", k);
		if (!random_program(&st->pr, opts.alphabet, &state, &p)) {
			st->programs++;
			diff_skip(st, name, "nothing that runs here could be generated",
				  "nothing generated");
			continue;
		}
		diff_outcome(st, name, &p, &o);
		diff_account(st, name, &o);
		if (o.verdict == DIFF_DIVERGE &&
		    random_keep_divergence(st, out, seed, k, &p, &o))
			st->error = 1;
		diff_outcome_free(&o);
		mm_prog_free(&p);
		if (k % RANDOM_PROGRESS == 0 || k == n)
			printf("random: %lu/%lu programs, %d agree, %d diverge, %d skipped\n",
			       k, n, st->agree, st->diverge, st->skipped);
		fflush(stdout);
	}
	return 0;
}
