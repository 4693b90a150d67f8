/* SPDX-License-Identifier: MIT */
/*
 * triage.h - crash signatures and the minimizer of `mmfuzz triage`.
 *
 * A signature is what the fuzz targets print as the first line of a
 * finding (fuzzers/fz.h): "violation CLASS/ID in OPERATION", or "known
 * NAME in OPERATION" in strict mode.  triage.c buckets inputs by it;
 * triage_min.c shrinks a bucket's smallest program while keeping it.
 */
#ifndef MMFUZZ_TOOLS_TRIAGE_H
#define MMFUZZ_TOOLS_TRIAGE_H

#include <stdbool.h>

#include "mmprog.h"
#include "mmrun.h"

struct tri_sig {
	enum run_outcome outcome;	/* RUN_VIOLATION or RUN_KNOWN */
	char cls[24], id[32];		/* known: cls "known", id the name */
	char op[24];			/* OPERATION, as fuzzers/fz.c names it */
};

/*
 * The signature of @res, a run of @p.  Returns false (and leaves @sig
 * unset) when the run found nothing: ok or error.
 */
bool tri_signature(const struct mm_prog *p, const struct run_result *res,
		   struct tri_sig *sig);
bool tri_sig_equal(const struct tri_sig *a, const struct tri_sig *b);
/* "violation CLASS/ID in OP" or "known NAME in OP". */
void tri_sig_print(const struct tri_sig *sig, char *buf, size_t size);

/* A minimization: what must be kept, and the run budget. */
struct tri_min {
	struct tri_sig want;
	unsigned int runs, max_runs;	/* runs so far; stop at max_runs */
};

/*
 * Shrink @p, a checked program whose run (directives only, no run
 * options) gives @m->want: statement-level delta debugging, then argument
 * simplification, each candidate kept only if it checks with
 * mm_prog_check(drop_invalid=false) and runs to the same signature.  @p
 * is replaced by the result, parsed back from its canonical text (so its
 * lines are the printed ones).  Never fails: out of memory or out of
 * budget, @p is simply left as small as it got.
 */
void tri_minimize(struct mm_prog *p, struct tri_min *m);

#endif /* MMFUZZ_TOOLS_TRIAGE_H */
