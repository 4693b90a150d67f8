/* SPDX-License-Identifier: MIT */
/*
 * mmtriage.h - what the fuzz targets and `mmfuzz triage` must agree on:
 * the crash signature of a finding, the minimizer that keeps it, and the
 * knob specs both read from the command line and the environment.
 *
 * A signature is what the fuzz targets print as the first line of a
 * finding (fuzzers/fz.h): "violation CLASS/ID in OPERATION", or "known
 * NAME in OPERATION" in strict mode, OPERATION being the failing
 * statement's sig_name in the statement table (mmstmt.h).  triage buckets
 * inputs by it; tri_minimize() shrinks a bucket's smallest program while
 * keeping it.  One copy here, so that the two cannot drift apart.
 */
#ifndef MMFUZZ_MMTRIAGE_H
#define MMFUZZ_MMTRIAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "mmemu.h"
#include "mmprog.h"
#include "mmrun.h"

/* ------------------------------------------------------------------ */
/* Signatures (signature.c)                                            */

struct tri_sig {
	enum run_outcome outcome;	/* RUN_VIOLATION or RUN_KNOWN */
	char cls[24], id[32];		/* known: cls "known", id the name */
	char op[24];			/* OPERATION: the sig_name */
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

/* ------------------------------------------------------------------ */
/* Minimization (minimize.c)                                           */

/*
 * A minimization: what must be kept, and the run budget.  What is kept is
 * the signature @want of an emulator run, or, with @keep set, whatever
 * @keep says of a candidate (`mmfuzz diff --random`: the same first
 * divergence from the kernel); each call of @keep counts as a run.
 */
struct tri_min {
	struct tri_sig want;
	unsigned int runs, max_runs;	/* runs so far; stop at max_runs */
	bool (*keep)(void *priv, const struct mm_prog *p);
	void *keep_priv;
};

/*
 * Shrink @p, a checked program whose run (directives only, no run
 * options) gives @m->want: statement-level delta debugging, then argument
 * simplification as each kind's minimize hints (MMM_*) allow, each
 * candidate kept only if it checks with mm_prog_check(drop_invalid=false)
 * and runs to the same signature.  @p is replaced by the result, parsed
 * back from its canonical text (so its lines are the printed ones).
 * Never fails: out of memory or out of budget, @p is simply left as small
 * as it got.
 */
void tri_minimize(struct mm_prog *p, struct tri_min *m);

/* ------------------------------------------------------------------ */
/* Knob specs (knobspec.c): NAME=on|off[,NAME=on|off...]               */

enum mm_knobspec_status {
	MM_KNOBSPEC_OK,
	MM_KNOBSPEC_SYNTAX,	/* not NAME=on|off, or NAME too long */
	MM_KNOBSPEC_TOO_MANY,	/* more than RUN_MAX_KNOBS */
	MM_KNOBSPEC_UNKNOWN,	/* no knob of that name */
	MM_KNOBSPEC_FIXED,	/* not modelled, and not the era's value */
};

/* What was wrong with a spec, for mm_knobspec_strerror(). */
struct mm_knobspec_error {
	enum mm_knobspec_status status;
	const char *item;	/* the offending NAME=VALUE ... */
	int len;		/* ... its length ... */
	int name_len;		/* ... and its NAME's */
	bool list;		/* it came from a comma-separated list */
};

/*
 * Append the one knob setting @item[0, @len) ("NAME=on" or "NAME=off")
 * to @opt's knobs.  With @preset (an era's knobs), a knob that is not
 * modelled may only be given its value there.  Returns 0, or -1 with
 * @err filled and @opt unchanged.
 */
int mm_knobspec_add(struct run_options *opt, const char *item, size_t len,
		    const struct mm_knobs *preset,
		    struct mm_knobspec_error *err);

/*
 * Append every setting of the comma-separated @spec (NULL or "" is none;
 * empty items are skipped), in order, as mm_knobspec_add() does.  Returns
 * 0, or -1 with @err filled at the first bad item (the ones before it are
 * in @opt).
 */
int mm_knobspec_parse(struct run_options *opt, const char *spec,
		      const struct mm_knobs *preset,
		      struct mm_knobspec_error *err);

/*
 * @err as a message naming where the spec came from (@what: "--knob",
 * "MMFUZZ_KNOBS"), e.g. "MMFUZZ_KNOBS: unknown knob 'foo'".
 */
void mm_knobspec_strerror(const struct mm_knobspec_error *err,
			  const char *what, char *buf, size_t size);

/*
 * Is @id a violation id (I1, P6, X3...) of some class, as an `expect
 * violation CLASS/ID` line would accept it?  (MMFUZZ_ONLY, fuzz-env.)
 */
bool mm_violation_id_valid(const char *id);
/* ... of class @cls (enum mm_vclass). */
bool mm_violation_id_of_class(int cls, const char *id);

#endif /* MMFUZZ_MMTRIAGE_H */
