/* SPDX-License-Identifier: MIT */
/*
 * triage_int.h - what the two halves of `mmfuzz triage` share: the
 * inputs, the buckets and the run's state, which triage.c fills in while
 * it reads and buckets the inputs and triage_report.c writes out.
 */
#ifndef MMFUZZ_TOOLS_TRIAGE_INT_H
#define MMFUZZ_TOOLS_TRIAGE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "mmprog.h"
#include "mmrun.h"
#include "mmtriage.h"

struct tri_input {
	char *path;
	const char *target;		/* NULL: .mm text */
	const char *want;		/* --target or the sidecar's; NULL: any */
	bool finding;			/* has a sidecar */
	bool bad_text;			/* does not parse or check as .mm */
	struct run_options opt;		/* era and knobs baked into it */
	char era[16];			/* opt.era's storage */
	size_t bytes, nr_stmts;
	int bucket;			/* -1: unreproducible */
	char ran_era[16];		/* the era it ran in */
	char ran_knobs[512];		/* and its knobs, K=on,K=off */
	char reason[512];
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
	struct run_options env;		/* MMFUZZ_ERA, MMFUZZ_KNOBS */
	bool env_said;
	unsigned int max_runs;
	struct tri_input *in;
	size_t nr_in, cap_in;
	struct tri_bucket *b;
	size_t nr_b;
	size_t unreproducible;
	size_t malformed;		/* .mm inputs that do not parse or check */
};

/* triage_report.c: DIR and stdout. */
void tri_clean_out(const struct tri *t);
int tri_mkdir(const char *path);
int tri_write_bucket(struct tri *t, size_t n);
int tri_json(const struct tri *t);
int tri_markdown(const struct tri *t);
void tri_print_bucket(const struct tri *t, size_t n);

#endif /* MMFUZZ_TOOLS_TRIAGE_INT_H */
