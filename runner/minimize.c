// SPDX-License-Identifier: MIT
/*
 * minimize.c - shrink a crashing program, keeping its signature
 * (mmtriage.h; `mmfuzz triage` and its tests call it).
 *
 * Every candidate goes the way a repro.mm will: canonical text, parse,
 * mm_prog_check(drop_invalid=false), run.  It is kept only if it runs to
 * the same "CLASS/ID in OPERATION" as the original, so the minimized
 * program is exactly the text triage writes out.  The passes, in order:
 *
 *   1. cut after the failing statement (the run stops there anyway);
 *   2. ddmin: remove chunks of statements, halving the chunk size down to
 *      single statements whenever a whole sweep removes nothing;
 *   3. remove one statement together with what then no longer checks (a
 *      mmap and the accesses to its region, a gup and its handle's uses),
 *      which chunks of neighbours cannot reach;
 *   4. simplify arguments, statement by statement, as the statement
 *      table's minimize hints (MMM_*) and fields allow: drop optional
 *      flags and values, ranges to one page at offset 0, mmap and file
 *      sizes to the smallest that still works;
 *   5. rename processes, regions, handles and files to the lowest numbers,
 *      in order of first use (p0 stays p0);
 *   6. drop the knob lines the finding does not need (the era stays).
 *
 * Passes repeat while one of them changes something.  The work is bounded
 * by m->max_runs runs of the emulator; candidates that do not check cost
 * no run.  Everything is deterministic: no randomness, fixed orders.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmtriage.h"

#define PAGE		MM_PAGE_SIZE
#define MAX_ROUNDS	4

/* ------------------------------------------------------------------ */
/* Candidates                                                          */

/*
 * Text -> parse -> check -> run of @view; on the same signature, @out is
 * the parsed candidate.  With @cascade, statements that no longer check
 * are dropped first (then the result is checked strictly, once printed).
 */
static bool tri_eval(struct tri_min *m, const struct mm_prog *view,
		     bool cascade, struct mm_prog *out)
{
	static const struct run_options no_options;
	struct run_result res;
	struct tri_sig sig;
	char *text;
	int ret;

	if (m->runs >= m->max_runs)
		return false;
	text = mm_prog_print(view);
	if (!text)
		return false;
	ret = mm_prog_parse(text, strlen(text), out, NULL);
	free(text);
	if (ret)
		return false;
	if (cascade) {
		struct mm_prog strict;
		bool ok;

		mm_prog_check(out, true, NULL);
		ok = tri_eval(m, out, false, &strict);
		mm_prog_free(out);
		if (ok)
			*out = strict;
		return ok;
	}
	if (mm_prog_check(out, false, NULL)) {
		mm_prog_free(out);
		return false;
	}
	m->runs++;
	if (m->keep) {
		if (m->keep(m->keep_priv, out))
			return true;
	} else {
		mm_run_program(out, &no_options, &res);
		if (tri_signature(out, &res, &sig) && tri_sig_equal(&sig, &m->want))
			return true;
	}
	mm_prog_free(out);
	return false;
}

/* @p with its statements replaced by @stmts[0..n) (a view, not a copy). */
static struct mm_prog tri_view(const struct mm_prog *p,
			       const struct mm_stmt *stmts, size_t n)
{
	struct mm_prog view = *p;

	view.stmts = (struct mm_stmt *)stmts;
	view.nr_stmts = view.cap_stmts = n;
	return view;
}

/* Keep @stmts[0..n) as @p's statements if they give the signature. */
static bool tri_try(struct tri_min *m, struct mm_prog *p,
		    const struct mm_stmt *stmts, size_t n, bool cascade)
{
	struct mm_prog view = tri_view(p, stmts, n), q;

	if (!tri_eval(m, &view, cascade, &q))
		return false;
	mm_prog_free(p);
	*p = q;
	return true;
}

/* @p without statements [from, from + len); @scratch holds nr_stmts. */
static bool tri_try_remove(struct tri_min *m, struct mm_prog *p,
			   struct mm_stmt *scratch, size_t from, size_t len,
			   bool cascade)
{
	size_t n = p->nr_stmts;

	memcpy(scratch, p->stmts, from * sizeof(*scratch));
	memcpy(scratch + from, p->stmts + from + len,
	       (n - from - len) * sizeof(*scratch));
	return tri_try(m, p, scratch, n - len, cascade);
}

/* @p with statement @i replaced by @v. */
static bool tri_try_stmt(struct tri_min *m, struct mm_prog *p, size_t i,
			 const struct mm_stmt *v)
{
	struct mm_stmt *scratch = malloc(p->nr_stmts * sizeof(*scratch));
	bool ok;

	if (!scratch)
		return false;
	memcpy(scratch, p->stmts, p->nr_stmts * sizeof(*scratch));
	scratch[i] = *v;
	ok = tri_try(m, p, scratch, p->nr_stmts, false);
	free(scratch);
	return ok;
}

/* ------------------------------------------------------------------ */
/* Statement-level reduction                                           */

/*
 * Pass 1: nothing after the failing statement matters.  (A @keep
 * predicate has no failing statement here: ddmin cuts the tail.)
 */
static bool tri_cut_tail(struct tri_min *m, struct mm_prog *p)
{
	static const struct run_options no_options;
	struct run_result res;
	size_t i;

	if (m->keep || m->runs >= m->max_runs)
		return false;
	m->runs++;
	mm_run_program(p, &no_options, &res);
	for (i = 0; i < p->nr_stmts; i++)
		if (p->stmts[i].line == res.line)
			break;
	if (i + 1 >= p->nr_stmts)
		return false;
	return tri_try(m, p, p->stmts, i + 1, false);
}

/*
 * Pass 2, ddmin on complements: remove each chunk that can go; when a
 * sweep removes nothing, halve the chunk, down to single statements.
 */
static bool tri_ddmin(struct tri_min *m, struct mm_prog *p)
{
	struct mm_stmt *scratch = malloc((p->nr_stmts + 1) * sizeof(*scratch));
	size_t chunk = (p->nr_stmts + 1) / 2;
	bool changed = false;

	if (!scratch)
		return false;
	while (chunk && p->nr_stmts > 1 && m->runs < m->max_runs) {
		bool removed = false;

		for (size_t from = 0; from < p->nr_stmts;) {
			size_t len = p->nr_stmts - from < chunk ?
				     p->nr_stmts - from : chunk;

			if (len < p->nr_stmts &&
			    tri_try_remove(m, p, scratch, from, len, false))
				removed = true;
			else
				from += len;
		}
		changed |= removed;
		if (!removed)
			chunk /= 2;
		else if (chunk > (p->nr_stmts + 1) / 2)
			chunk = (p->nr_stmts + 1) / 2;
	}
	free(scratch);
	return changed;
}

/* Pass 3: one statement and what depends on it, from the end. */
static bool tri_cascade(struct tri_min *m, struct mm_prog *p)
{
	struct mm_stmt *scratch = malloc((p->nr_stmts + 1) * sizeof(*scratch));
	bool changed = false;

	if (!scratch)
		return false;
	for (size_t i = p->nr_stmts; i-- > 0 && p->nr_stmts > 1;) {
		if (i < p->nr_stmts &&
		    tri_try_remove(m, p, scratch, i, 1, true))
			changed = true;
	}
	free(scratch);
	return changed;
}

/* ------------------------------------------------------------------ */
/* Argument simplification                                             */

/* What the statement table lets the minimizer simplify in @s. */
static unsigned int min_hints(const struct mm_stmt *s)
{
	const struct mm_stmt_desc *d = mm_stmt_desc(s->op);

	return d ? d->minimize : 0;
}

/*
 * The option word of @s (MMF_MAP_OPTS or MMF_GUP_FLAGS) when its kind
 * may have its flags cleared, NULL otherwise.
 */
static unsigned int *option_bits(struct mm_stmt *s)
{
	if (!(min_hints(s) & MMM_CLEAR_FLAGS))
		return NULL;
	if (mm_stmt_has_field(s->op, MMF_MAP_OPTS))
		return &s->map_opts;
	if (mm_stmt_has_field(s->op, MMF_GUP_FLAGS))
		return &s->gup_flags;
	return NULL;
}

/* Drop each option bit of statement @i in turn. */
static bool tri_drop_bits(struct tri_min *m, struct mm_prog *p, size_t i)
{
	bool changed = false;

	for (unsigned int bit = 0; bit < 4; bit++) {
		struct mm_stmt v = p->stmts[i];
		unsigned int *mask = option_bits(&v);

		if (!mask || !(*mask & (1u << bit)))
			continue;
		*mask &= ~(1u << bit);
		changed |= tri_try_stmt(m, p, i, &v);
	}
	return changed;
}

/*
 * Optional flags and values: mmap options, file offset (of a backing
 * fM+OFF, whose kind may drop its options), gup flags, =V.
 */
static bool tri_drop_options(struct tri_min *m, struct mm_prog *p, size_t i)
{
	bool changed = tri_drop_bits(m, p, i);
	struct mm_stmt v = p->stmts[i];

	if ((min_hints(&v) & MMM_CLEAR_FLAGS) &&
	    mm_stmt_has_field(v.op, MMF_BACKING) && v.has_foff) {
		v.has_foff = false;
		v.foff = 0;
		changed |= tri_try_stmt(m, p, i, &v);
	}
	v = p->stmts[i];
	if ((min_hints(&v) & MMM_DROP_VALUE) && v.has_value) {
		v.has_value = false;
		v.value = 0;
		changed |= tri_try_stmt(m, p, i, &v);
	}
	return changed;
}

/* fN write [+OFF][:LEN]: offset 0, one page. */
static bool tri_shrink_file_write(struct tri_min *m, struct mm_prog *p,
				  size_t i)
{
	struct mm_stmt v = p->stmts[i];
	bool changed = false;

	if (v.has_fwoff) {
		v.has_fwoff = false;
		v.fwoff = 0;
		changed |= tri_try_stmt(m, p, i, &v);
	}
	v = p->stmts[i];
	if (v.fw_size > PAGE) {
		v.has_fwlen = true;
		v.fwlen = PAGE;
		changed |= tri_try_stmt(m, p, i, &v);
	}
	return changed;
}

/*
 * A range to one page at offset 0, then without ":1p" when that is
 * already the rest of the region (same resolved size, shorter text).
 */
static bool tri_shrink_range(struct tri_min *m, struct mm_prog *p, size_t i)
{
	struct mm_stmt v = p->stmts[i];
	bool changed = false;
	struct mm_prog view, q;

	if (v.range.has_off) {
		v.range.has_off = false;
		v.range.off = 0;
		changed |= tri_try_stmt(m, p, i, &v);
	}
	v = p->stmts[i];
	if (v.range.size > PAGE) {
		v.range.has_len = true;
		v.range.len = PAGE;
		changed |= tri_try_stmt(m, p, i, &v);
	}
	v = p->stmts[i];
	if (!v.range.has_len)
		return changed;
	v.range.has_len = false;
	v.range.len = 0;
	/* Only if the check resolves it to the same size: no run needed. */
	view = tri_view(p, p->stmts, p->nr_stmts);
	view.stmts = malloc(p->nr_stmts * sizeof(*view.stmts));
	if (!view.stmts)
		return changed;
	memcpy(view.stmts, p->stmts, p->nr_stmts * sizeof(*view.stmts));
	view.stmts[i] = v;
	q = view;
	if (!mm_prog_check(&q, false, NULL) &&
	    q.stmts[i].range.size == p->stmts[i].range.size)
		changed |= tri_try(m, p, view.stmts, p->nr_stmts, false);
	free(view.stmts);
	return changed;
}

/*
 * The smallest mmap or file size that keeps the signature: every page
 * count below the current one up to 16 pages, then powers of two.
 */
static bool tri_shrink_size(struct tri_min *m, struct mm_prog *p, size_t i)
{
	uint64_t pages = p->stmts[i].size / PAGE;

	for (uint64_t n = 1; n < pages; n = n < 16 ? n + 1 : 2 * n) {
		struct mm_stmt v = p->stmts[i];

		v.size = n * PAGE;
		if (tri_try_stmt(m, p, i, &v))
			return true;
		if (m->runs >= m->max_runs)
			break;
	}
	return false;
}

/*
 * The simplifications statement @i's kind allows, in a fixed order.  A
 * file range ([+OFF][:LEN] of fN write) has no hint of its own: the
 * field is optional text, so it always may go.
 */
static bool tri_simplify_stmt(struct tri_min *m, struct mm_prog *p, size_t i)
{
	bool changed = tri_drop_options(m, p, i);
	enum mm_op op = p->stmts[i].op;
	unsigned int hints = min_hints(&p->stmts[i]);

	if ((hints & MMM_SHRINK_RANGE) && mm_stmt_has_field(op, MMF_RANGE))
		changed |= tri_shrink_range(m, p, i);
	if (mm_stmt_has_field(op, MMF_FILE_RANGE))
		changed |= tri_shrink_file_write(m, p, i);
	if ((hints & MMM_SHRINK_SIZE) && mm_stmt_has_field(op, MMF_SIZE))
		changed |= tri_shrink_size(m, p, i);
	return changed;
}

/* Pass 4: every statement, last first (later uses shrink first). */
static bool tri_simplify(struct tri_min *m, struct mm_prog *p)
{
	bool changed = false;

	for (size_t i = p->nr_stmts; i-- > 0 && m->runs < m->max_runs;)
		changed |= tri_simplify_stmt(m, p, i);
	return changed;
}

/* ------------------------------------------------------------------ */
/* Renaming                                                            */

enum tri_kind { TRI_PROC, TRI_REGION, TRI_HANDLE, TRI_FILE, TRI_NR_KINDS };

static const int tri_kind_count[TRI_NR_KINDS] = {
	MM_NR_PROCS, MM_NR_REGIONS, MM_NR_HANDLES, MM_NR_FILES,
};

/* The fields of @s that name a @kind; up to two (pK and fork's pJ). */
static int tri_names(struct mm_stmt *s, enum tri_kind kind, int8_t *out[2])
{
	int n = 0;

	switch (kind) {
	case TRI_PROC:
		out[n++] = &s->proc;
		out[n++] = &s->child;
		break;
	case TRI_REGION:
		out[n++] = &s->region;
		out[n++] = &s->range.region;
		break;
	case TRI_HANDLE:
		out[n++] = &s->handle;
		break;
	default:
		out[n++] = &s->file;
		break;
	}
	return n;
}

/* Apply the permutation @perm of @kind's names to @stmts[0..n). */
static void tri_rename(struct mm_stmt *stmts, size_t n, enum tri_kind kind,
		       const int8_t *perm)
{
	for (size_t i = 0; i < n; i++) {
		int8_t *names[2];
		int nr = tri_names(&stmts[i], kind, names);

		for (int k = 0; k < nr; k++)
			if (*names[k] >= 0 && *names[k] < tri_kind_count[kind])
				*names[k] = perm[*names[k]];
	}
}

/*
 * The permutation that numbers @kind's names by first use (p0 first);
 * returns false if that is the identity.
 */
static bool tri_first_use(const struct mm_prog *p, enum tri_kind kind,
			  int8_t *perm)
{
	int limit = tri_kind_count[kind], next = 0;
	bool used[MM_NR_HANDLES] = { false };
	bool identity = true;

	if (kind == TRI_PROC)
		used[0] = true, perm[0] = (int8_t)next++;
	for (size_t i = 0; i < p->nr_stmts; i++) {
		int8_t *names[2];
		int nr = tri_names(&p->stmts[i], kind, names);

		for (int k = 0; k < nr; k++) {
			int v = *names[k];

			if (v < 0 || v >= limit || used[v])
				continue;
			used[v] = true;
			perm[v] = (int8_t)next++;
		}
	}
	for (int v = 0; v < limit; v++) {
		if (!used[v])
			perm[v] = (int8_t)next++;
		identity &= perm[v] == v;
	}
	return !identity;
}

/* Try @perm on @p; keep it on the same signature. */
static bool tri_try_perm(struct tri_min *m, struct mm_prog *p,
			 enum tri_kind kind, const int8_t *perm)
{
	struct mm_stmt *scratch = malloc(p->nr_stmts * sizeof(*scratch));
	bool ok;

	if (!scratch)
		return false;
	memcpy(scratch, p->stmts, p->nr_stmts * sizeof(*scratch));
	tri_rename(scratch, p->nr_stmts, kind, perm);
	ok = tri_try(m, p, scratch, p->nr_stmts, false);
	free(scratch);
	return ok;
}

/*
 * Pass 5: the whole first-use numbering at once; failing that, single
 * swaps of a name with the lower one it would get.
 */
static bool tri_renumber(struct tri_min *m, struct mm_prog *p)
{
	bool changed = false;

	for (int kind = 0; kind < TRI_NR_KINDS; kind++) {
		int8_t perm[MM_NR_HANDLES];
		int limit = tri_kind_count[kind];

		if (!tri_first_use(p, kind, perm))
			continue;
		if (tri_try_perm(m, p, kind, perm)) {
			changed = true;
			continue;
		}
		for (int v = 1; v < limit; v++) {
			int8_t swap[MM_NR_HANDLES];

			if (perm[v] >= v)
				continue;
			for (int k = 0; k < limit; k++)
				swap[k] = (int8_t)k;
			swap[v] = perm[v];
			swap[(int)perm[v]] = (int8_t)v;
			changed |= tri_try_perm(m, p, kind, swap);
			tri_first_use(p, kind, perm);
		}
	}
	return changed;
}

/* ------------------------------------------------------------------ */
/* Knobs                                                               */

/* Pass 6: drop each knob line the finding does not need. */
static bool tri_drop_knobs(struct tri_min *m, struct mm_prog *p)
{
	bool changed = false;

	for (int k = p->nr_knobs; k-- > 0;) {
		struct mm_prog view = tri_view(p, p->stmts, p->nr_stmts), q;

		memmove(&view.knobs[k], &view.knobs[k + 1],
			(size_t)(view.nr_knobs - k - 1) * sizeof(view.knobs[0]));
		view.nr_knobs--;
		if (!tri_eval(m, &view, false, &q))
			continue;
		mm_prog_free(p);
		*p = q;
		changed = true;
	}
	return changed;
}

/* ------------------------------------------------------------------ */

void tri_minimize(struct mm_prog *p, struct tri_min *m)
{
	struct mm_prog q;
	bool changed = true;

	/* Start from the canonical text, like every candidate. */
	if (tri_eval(m, p, false, &q)) {
		mm_prog_free(p);
		*p = q;
	}
	tri_cut_tail(m, p);
	for (int round = 0; changed && round < MAX_ROUNDS; round++) {
		changed = tri_ddmin(m, p);
		changed |= tri_cascade(m, p);
		changed |= tri_simplify(m, p);
		changed |= tri_renumber(m, p);
		changed |= tri_drop_knobs(m, p);
	}
}
