// SPDX-License-Identifier: MIT
/*
 * mutator.c - structure-aware mutation for the binary targets (fuzz_mm,
 * fuzz_cow): libFuzzer's LLVMFuzzerCustomMutator and
 * LLVMFuzzerCustomCrossOver, and the same changes for AFL++'s custom
 * mutator library (afl_mutator.c), working on whole statements of the
 * encoding of lang/encode.c in the target's alphabet (fz_alphabet).
 *
 * A byte mutation of the encoding mostly changes one field of one
 * statement into a name nothing else uses, or, when it hits an opcode,
 * re-frames every statement after it.  Here an input is split into
 * statements (mm_prog_split), the statements before a chosen place are
 * stepped through the checker's shadow (mm_shadow_step: which processes
 * live, which regions they map, which handles are taken), and one of
 * these is applied:
 *
 *   insert      a new statement at a boundary (the end half the time),
 *               generated for the shadow there (mm_stmt_generate: names
 *               that exist, a range inside its region, a free handle...)
 *   insert run  two or three generated statements at the end
 *   engine      a statement the engine makes (libFuzzer: often a
 *               dictionary word, one encoded statement each), its names
 *               re-bound to the shadow when they do not fit there
 *   delete      one statement
 *   replace     one statement by a generated one
 *   duplicate   one statement, copied to a random boundary, then re-bound
 *               (a copied fork names another child, a gup a free handle)
 *   splice      a run of up to FZ_MAX_RUN statements copied elsewhere,
 *               re-bound likewise
 *   swap        two statements, re-bound likewise
 *   argument    one argument of one statement changed to another value
 *               that fits the shadow (mm_stmt_mutate_arg: another living
 *               process, region, range, one gup flag, prot...); a raw
 *               argument byte when none fits
 *   crossover   (LLVMFuzzerCustomCrossOver) a run of up to FZ_MAX_RUN of
 *               the other input's statements spliced in, inserted or
 *               replacing as many
 *
 * After a change, the statements the targets would drop (that no longer
 * fit where they stand, or that the emulator does not run yet) are
 * pruned, as decoding would: a deleted mmap takes the statements on its
 * region along, and no later change is spent on a statement that never
 * runs.
 *
 * One call in five is a plain byte mutation by the engine instead
 * (LLVMFuzzerMutate: libFuzzer's mutators, its dictionary and CMP
 * tables), and so is any call whose statement change cannot apply (no
 * room, no statement).  MMFUZZ_MUTATOR=bytes (fz.h) makes every call one,
 * and the crossover decline, so that libFuzzer's own takes over: the
 * comparison bench/exposure.sh runs.
 *
 * Every choice comes from a PRNG local to the call, seeded from the
 * engine's seed: the same input, seed and engine give the same output.
 * Nothing is kept between calls.  The HEADER and DIRECTIVES bytes are
 * left as they are (the targets skip directives), an empty input gets a
 * zero HEADER, and a last statement cut short by the end of the input is
 * completed with the zero bytes the decoder would read, so that nothing
 * moved after it changes its arguments.
 *
 * Engine builds only (build.sh): LLVMFuzzerMutate exists in libFuzzer and
 * in AFL++'s driver, never in the standalone replay build (pitfall 24).
 * The AFL++ library (built with FZ_AFL_MUTATOR) has no engine mutation:
 * afl-fuzz's own stages mutate bytes around it.
 */
#include "fz.h"

#include <string.h>

/* MSan's runtime, in MSan builds only (fz_engine_stmt). */
__attribute__((weak)) void __msan_unpoison(const volatile void *p, size_t n);

/* Longest statement: mmap, the opcode and six argument bytes. */
#define FZ_MAX_STMT	MM_STMT_MAX_BYTES
/* Most statements a crossover or a splice copies. */
#define FZ_MAX_RUN	4
/* Most statements an insert run generates. */
#define FZ_MAX_GEN	3

/* The statement changes fz_mutate_once() picks from. */
enum fz_change {
	FZ_INSERT, FZ_INSERT_RUN, FZ_ENGINE, FZ_DELETE, FZ_REPLACE,
	FZ_DUPLICATE, FZ_SPLICE, FZ_SWAP, FZ_ARGUMENT, FZ_NR_CHANGES
};

/* ------------------------------------------------------------------ */
/* Randomness                                                          */

/* splitmix64: one state word per call, seeded from the engine's seed. */
struct fz_rng {
	uint64_t s;
};

static uint64_t fz_rand(struct fz_rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, @n), 0 when @n is 0. */
static size_t fz_below(struct fz_rng *r, size_t n)
{
	return n ? (size_t)(fz_rand(r) % n) : 0;
}

/* The same generator for lang's statement generation (struct mm_rand). */
static uint64_t fz_next(void *r)
{
	return fz_rand(r);
}

/* ------------------------------------------------------------------ */
/* Inputs as statements                                                */

/* An input being mutated in place: @data has room for @max_size bytes. */
struct fz_prog {
	uint8_t *data;
	size_t size, max_size;
	enum mm_alphabet alpha;
	fz_engine_mutate engine;	/* NULL: no engine mutation */
	size_t prefix, nr;		/* HEADER+DIRECTIVES bytes; statements */
	struct mm_stmt_span spans[MM_DECODE_MAX_STMTS];
};

/* Bytes of the statement whose opcode byte is @op, in alphabet @alpha. */
static size_t fz_stmt_width(enum mm_alphabet alpha, uint8_t op)
{
	struct mm_stmt s;

	return mm_stmt_decode(alpha, &op, 1, &s);
}

/* Where statement @k starts; @k == nr is the end of the last one. */
static size_t fz_stmt_pos(const struct fz_prog *p, size_t k)
{
	if (k < p->nr)
		return p->spans[k].off;
	if (!p->nr)
		return p->prefix;
	return p->spans[p->nr - 1].off + p->spans[p->nr - 1].len;
}

/*
 * Complete a last statement cut short with the zero bytes the decoder
 * reads, so that whatever comes after it does not become its arguments;
 * without room, drop it.
 */
static void fz_complete_last(struct fz_prog *p)
{
	struct mm_stmt_span *last = &p->spans[p->nr - 1];
	size_t width = fz_stmt_width(p->alpha, p->data[last->off]);

	if (last->len == width)
		return;
	if (last->off + width <= p->max_size) {
		memset(p->data + p->size, 0, last->off + width - p->size);
		p->size = last->off + width;
		last->len = width;
	} else {
		p->size = last->off;
		p->nr--;
	}
}

/*
 * Split @data for @alpha into @p.  An empty input gets its HEADER.  A
 * DIRECTIVES block that runs to the end of the input would swallow any
 * statement added after it: its HEADER bit is cleared (the targets skip
 * directives anyway).  False when there is no room even for the HEADER.
 */
static bool fz_prog_load(struct fz_prog *p, uint8_t *data, size_t size,
			 size_t max_size, enum mm_alphabet alpha)
{
	if (!max_size)
		return false;
	p->data = data;
	p->max_size = max_size;
	p->alpha = alpha;
	p->size = size < max_size ? size : max_size;
	if (!p->size)
		data[p->size++] = 0;
	for (int pass = 0; pass < 2; pass++) {
		p->nr = mm_prog_split(data, p->size, alpha, p->spans,
				      MM_DECODE_MAX_STMTS, &p->prefix);
		if (p->nr || p->prefix < p->size || !(data[0] & 1))
			break;
		data[0] &= (uint8_t)~1u;
	}
	if (p->nr)
		fz_complete_last(p);
	return true;
}

/* Statement @k of @p, decoded on its own. */
static void fz_decode(const struct fz_prog *p, size_t k, struct mm_stmt *s)
{
	mm_stmt_decode(p->alpha, p->data + p->spans[k].off, p->spans[k].len, s);
}

/*
 * The shadow before statement @k: the statements before it stepped as
 * the targets decode them (what they do not run skipped, what is invalid
 * dropped).
 */
static void fz_shadow_at(const struct fz_prog *p, size_t k,
			 struct mm_shadow *sh)
{
	struct mm_stmt s;

	mm_shadow_init(sh);
	for (size_t i = 0; i < k && i < p->nr; i++) {
		fz_decode(p, i, &s);
		if (mm_stmt_fuzz_supported(p->alpha, &s))
			(void)mm_shadow_step(sh, &s, NULL);
	}
}

/* Open @len bytes at @pos and copy @b there; the new size, 0 if no room. */
static size_t fz_insert_bytes(struct fz_prog *p, size_t pos, const uint8_t *b,
			      size_t len)
{
	if (!len || p->size + len > p->max_size)
		return 0;
	memmove(p->data + pos + len, p->data + pos, p->size - pos);
	memcpy(p->data + pos, b, len);
	return p->size += len;
}

/* The spans again, after bytes moved (whole statements only). */
static void fz_resplit(struct fz_prog *p)
{
	p->nr = mm_prog_split(p->data, p->size, p->alpha, p->spans,
			      MM_DECODE_MAX_STMTS, &p->prefix);
}

/*
 * Drop the statements the targets would drop (those that do not fit
 * where they stand, or that they do not run yet), as decoding does: a
 * deleted mmap takes the statements on its region with it, and no later
 * change is spent on a statement that never runs.
 */
static size_t fz_prune(struct fz_prog *p)
{
	struct mm_shadow sh;
	struct mm_stmt s;
	size_t out;

	fz_resplit(p);
	mm_shadow_init(&sh);
	out = p->prefix;
	for (size_t i = 0; i < p->nr; i++) {
		const struct mm_stmt_span *sp = &p->spans[i];

		fz_decode(p, i, &s);
		if (!mm_stmt_fuzz_supported(p->alpha, &s) || mm_shadow_step(&sh, &s, NULL))
			continue;
		memmove(p->data + out, p->data + sp->off, sp->len);
		out += sp->len;
	}
	/* Bytes after the last statement (none, or a cut-short one) go too. */
	p->size = out;
	fz_resplit(p);
	return p->size;
}

/* A boundary for a new statement: the end half the time, else any. */
static size_t fz_boundary(const struct fz_prog *p, struct fz_rng *r)
{
	return fz_below(r, 2) ? p->nr : fz_below(r, p->nr + 1);
}

/* ------------------------------------------------------------------ */
/* New statements                                                      */

/*
 * Up to @count statements generated for the shadow before statement @k,
 * each for the shadow the one before leaves, into @b; their bytes.
 */
static size_t fz_generate(const struct fz_prog *p, struct fz_rng *r,
			  size_t k, unsigned int count, uint8_t *b)
{
	struct mm_rand mr = { fz_next, r };
	struct mm_shadow sh;
	struct mm_stmt s;
	size_t len = 0, w;

	fz_shadow_at(p, k, &sh);
	for (unsigned int i = 0; i < count; i++) {
		if (!mm_stmt_generate(p->alpha, &sh, &mr, &s))
			break;
		w = mm_stmt_encode(p->alpha, &s, b + len);
		if (!w || mm_shadow_step(&sh, &s, NULL))
			break;		/* cannot happen: generated to fit */
		len += w;
	}
	return len;
}

/*
 * The engine's idea of a statement: LLVMFuzzerMutate() on an empty buffer
 * adds a dictionary word (the targets' dictionaries hold one encoded
 * statement per word, corpus/generate.sh) or a few bytes, whose first
 * statement @b then holds.  False if the engine added nothing.
 */
static bool fz_engine_stmt(const struct fz_prog *p, uint8_t *b)
{
	size_t len;

	memset(b, 0, FZ_MAX_STMT);
	len = p->engine ? p->engine(b, 0, FZ_MAX_STMT) : 0;
	if (!len || len > FZ_MAX_STMT)
		return false;
	/*
	 * The engine is not MSan-instrumented: its copies from its own
	 * buffers (dictionary words) carry their "uninitialised" shadow, so
	 * bless what it wrote, as libFuzzer does before running an input.
	 */
	if (__msan_unpoison)
		__msan_unpoison(b, len);
	memset(b + len, 0, FZ_MAX_STMT - len);	/* as the decoder reads */
	return true;
}

/* @s fits after @sh: the targets would keep it. */
static bool fz_fits(enum mm_alphabet alpha, const struct mm_shadow *sh,
		    const struct mm_stmt *s)
{
	struct mm_shadow copy = *sh;
	struct mm_stmt t = *s;

	return mm_stmt_fuzz_supported(alpha, &t) && !mm_shadow_step(&copy, &t, NULL);
}

/*
 * Re-bind statements [@from, @to) of @p that do not fit where they stand
 * (a copy of a fork names a child that exists, a moved gup a handle in
 * use): up to three arguments of each changed to what exists there, the
 * statement left as it is when it still does not fit.  Kinds, hence
 * widths, stay: the spans stay valid.
 */
static void fz_fit(struct fz_prog *p, struct fz_rng *r, size_t from,
		   size_t to)
{
	struct mm_rand mr = { fz_next, r };
	uint8_t b[FZ_MAX_STMT];
	struct mm_shadow sh;
	struct mm_stmt s, v;

	mm_shadow_init(&sh);
	for (size_t i = 0; i < to && i < p->nr; i++) {
		fz_decode(p, i, &s);
		v = s;
		for (int t = 0; i >= from && t < 3 && !fz_fits(p->alpha, &sh, &v); t++)
			if (!mm_stmt_mutate_arg(p->alpha, &sh, &mr, &v))
				break;
		if (i >= from && fz_fits(p->alpha, &sh, &v) &&
		    mm_stmt_encode(p->alpha, &v, b) == p->spans[i].len) {
			memcpy(p->data + p->spans[i].off, b, p->spans[i].len);
			s = v;
		}
		if (mm_stmt_fuzz_supported(p->alpha, &s))
			(void)mm_shadow_step(&sh, &s, NULL);
	}
}

/*
 * An engine statement inserted at a boundary.  Its names are the word's
 * (p0, r0, g1...): when they do not fit there, up to three of its
 * arguments are re-bound to what exists; if it still does not fit, the
 * change does not apply (the targets would drop the statement).
 */
static size_t fz_insert_engine(struct fz_prog *p, struct fz_rng *r)
{
	struct mm_rand mr = { fz_next, r };
	uint8_t b[FZ_MAX_STMT];
	struct mm_shadow sh;
	struct mm_stmt s;
	size_t k = fz_boundary(p, r), width;

	if (!fz_engine_stmt(p, b))
		return 0;
	width = mm_stmt_decode(p->alpha, b, FZ_MAX_STMT, &s);
	fz_shadow_at(p, k, &sh);
	for (int i = 0; i < 3 && !fz_fits(p->alpha, &sh, &s); i++)
		if (!mm_stmt_mutate_arg(p->alpha, &sh, &mr, &s))
			break;
	/* The same kind, so the same width. */
	if (!fz_fits(p->alpha, &sh, &s) || mm_stmt_encode(p->alpha, &s, b) != width)
		return 0;
	return fz_insert_bytes(p, fz_stmt_pos(p, k), b, width);
}

/* ------------------------------------------------------------------ */
/* Statement changes: each returns the new size, 0 when it cannot apply */

static size_t fz_insert(struct fz_prog *p, struct fz_rng *r, unsigned int n)
{
	uint8_t b[FZ_MAX_GEN * FZ_MAX_STMT];
	size_t k = n > 1 ? p->nr : fz_boundary(p, r);

	return fz_insert_bytes(p, fz_stmt_pos(p, k),
			       b, fz_generate(p, r, k, n, b));
}

/* Remove statement @k; p->spans is stale after it. */
static size_t __fz_delete(struct fz_prog *p, size_t k)
{
	const struct mm_stmt_span *s = &p->spans[k];
	size_t end = s->off + s->len;

	memmove(p->data + s->off, p->data + end, p->size - end);
	return p->size -= s->len;
}

/*
 * One statement; a stepwise thread's start takes its steps and finish
 * along (up to the thread's next start), which would do nothing without it.
 */
static size_t fz_delete(struct fz_prog *p, struct fz_rng *r)
{
	size_t k, j;
	struct mm_stmt s, t;

	if (!p->nr)
		return 0;
	k = fz_below(r, p->nr);
	fz_decode(p, k, &s);
	if (mm_stmt_desc(s.op)->may_thread && s.thread >= 0) {
		/* The thread's own statements, last first: spans before stay. */
		for (j = k + 1; j < p->nr; j++) {
			fz_decode(p, j, &t);
			if (mm_stmt_desc(t.op)->may_thread && t.thread == s.thread)
				break;
		}
		while (--j > k) {
			fz_decode(p, j, &t);
			if (mm_stmt_desc(t.op)->subject == MM_SUBJ_THREAD &&
			    t.thread == s.thread)
				__fz_delete(p, j);
		}
	}
	return __fz_delete(p, k);
}

/* One statement by a generated one, which fits where it goes. */
static size_t fz_replace(struct fz_prog *p, struct fz_rng *r)
{
	uint8_t b[FZ_MAX_STMT];
	size_t k, width;

	if (!p->nr)
		return 0;
	k = fz_below(r, p->nr);
	width = fz_generate(p, r, k, 1, b);
	if (!width || p->size - p->spans[k].len + width > p->max_size)
		return 0;
	__fz_delete(p, k);
	return fz_insert_bytes(p, p->spans[k].off, b, width);
}

/*
 * A run of 1 (duplicate) or up to FZ_MAX_RUN (splice) statements copied
 * to a boundary, then re-bound to fit there.
 */
static size_t fz_copy_run(struct fz_prog *p, struct fz_rng *r, size_t most)
{
	uint8_t b[FZ_MAX_RUN * FZ_MAX_STMT];
	size_t from, n, to, len = 0;

	if (!p->nr)
		return 0;
	from = fz_below(r, p->nr);
	n = 1 + fz_below(r, p->nr - from < most ? p->nr - from : most);
	for (size_t i = from; i < from + n; i++) {
		memcpy(b + len, p->data + p->spans[i].off, p->spans[i].len);
		len += p->spans[i].len;
	}
	to = fz_below(r, p->nr + 1);
	if (!fz_insert_bytes(p, fz_stmt_pos(p, to), b, len))
		return 0;
	fz_resplit(p);
	fz_fit(p, r, to, to + n);
	return p->size;
}

/*
 * Statements i < j of different lengths:
 *
 *   before  | A | M ...... | B  |
 *   after   | B  | M ...... | A |
 */
static size_t fz_swap(struct fz_prog *p, struct fz_rng *r)
{
	const struct mm_stmt_span *a, *b;
	uint8_t ta[FZ_MAX_STMT], tb[FZ_MAX_STMT];
	size_t i, j, mid;

	if (p->nr < 2)
		return 0;
	i = fz_below(r, p->nr);
	j = fz_below(r, p->nr - 1);
	j += j >= i;			/* any other statement */
	a = &p->spans[i < j ? i : j];
	b = &p->spans[i < j ? j : i];
	mid = b->off - (a->off + a->len);
	memcpy(ta, p->data + a->off, a->len);
	memcpy(tb, p->data + b->off, b->len);
	memmove(p->data + a->off + b->len, p->data + a->off + a->len, mid);
	memcpy(p->data + a->off, tb, b->len);
	memcpy(p->data + a->off + b->len + mid, ta, a->len);
	fz_resplit(p);
	fz_fit(p, r, i < j ? i : j, (i < j ? j : i) + 1);
	return p->size;
}

/*
 * A raw argument byte: one bit flipped (flags and modes are bit fields),
 * a small value (p0, r0, g0, 1p, no offset...), the byte at the same
 * place in another statement, or any byte.
 */
static size_t fz_argument_byte(struct fz_prog *p, struct fz_rng *r, size_t k)
{
	const struct mm_stmt_span *s = &p->spans[k], *o;
	size_t idx;
	uint8_t *b, old;

	if (s->len < 2)
		return 0;
	idx = 1 + fz_below(r, s->len - 1);
	b = &p->data[s->off + idx];
	old = *b;
	switch (fz_below(r, 4)) {
	case 0:
		*b ^= (uint8_t)(1u << fz_below(r, 8));
		break;
	case 1:
		*b = (uint8_t)fz_below(r, 8);
		break;
	case 2:
		o = &p->spans[fz_below(r, p->nr)];
		if (idx < o->len)
			*b = p->data[o->off + idx];
		break;
	default:
		*b = (uint8_t)fz_rand(r);
		break;
	}
	if (*b == old)
		*b = (uint8_t)(old + 1 + fz_below(r, 255));
	return p->size;
}

/*
 * One argument of one statement: another value that fits the shadow
 * before it, three times in four; else (or when none fits) a raw byte.
 * The statement keeps its kind, hence its width.
 */
static size_t fz_argument(struct fz_prog *p, struct fz_rng *r)
{
	struct mm_rand mr = { fz_next, r };
	uint8_t b[FZ_MAX_STMT];
	struct mm_shadow sh;
	struct mm_stmt s;
	size_t k;

	if (!p->nr)
		return 0;
	k = fz_below(r, p->nr);
	if (fz_below(r, 4)) {
		fz_decode(p, k, &s);
		fz_shadow_at(p, k, &sh);
		if (mm_stmt_mutate_arg(p->alpha, &sh, &mr, &s) &&
		    mm_stmt_encode(p->alpha, &s, b) == p->spans[k].len) {
			memcpy(p->data + p->spans[k].off, b, p->spans[k].len);
			return p->size;
		}
	}
	return fz_argument_byte(p, r, k);
}

/* Pick a change by weight and apply it. */
static size_t fz_mutate_once(struct fz_prog *p, struct fz_rng *r)
{
	static const uint8_t weight[FZ_NR_CHANGES] = {
		[FZ_INSERT] = 6, [FZ_INSERT_RUN] = 2, [FZ_ENGINE] = 2,
		[FZ_DELETE] = 2, [FZ_REPLACE] = 2, [FZ_DUPLICATE] = 1,
		[FZ_SPLICE] = 1, [FZ_SWAP] = 1, [FZ_ARGUMENT] = 5,
	};
	size_t total = 0, pick;
	unsigned int c = 0;

	for (size_t i = 0; i < FZ_NR_CHANGES; i++)
		total += weight[i];
	for (pick = fz_below(r, total); pick >= weight[c]; c++)
		pick -= weight[c];
	switch ((enum fz_change)c) {
	case FZ_INSERT:		return fz_insert(p, r, 1);
	case FZ_INSERT_RUN:	return fz_insert(p, r, 2 + fz_below(r, 2));
	case FZ_ENGINE:		return fz_insert_engine(p, r);
	case FZ_DELETE:		return fz_delete(p, r);
	case FZ_REPLACE:	return fz_replace(p, r);
	case FZ_DUPLICATE:	return fz_copy_run(p, r, 1);
	case FZ_SPLICE:		return fz_copy_run(p, r, FZ_MAX_RUN);
	case FZ_SWAP:		return fz_swap(p, r);
	case FZ_ARGUMENT:	return fz_argument(p, r);
	case FZ_NR_CHANGES:	break;
	}
	return 0;
}

/* Mutate one input (fz.h). */
size_t fz_mutate(uint8_t *data, size_t size, size_t max_size,
		 unsigned int seed, enum mm_alphabet alpha,
		 fz_engine_mutate engine)
{
	struct fz_rng r = { seed };
	struct fz_prog p;
	size_t ret = 0;

	if (engine && fz_below(&r, 5) == 0)
		return engine(data, size, max_size);
	if (!fz_prog_load(&p, data, size, max_size, alpha))
		return engine ? engine(data, size, max_size) : 0;
	p.engine = engine;
	for (int tries = 0; !ret && tries < 4; tries++)
		ret = fz_mutate_once(&p, &r);
	if (ret)
		return fz_prune(&p);
	if (engine)
		return engine(data, p.size, max_size);
	/* No engine: a raw argument byte, else the input as loaded. */
	return p.nr ? fz_argument_byte(&p, &r, fz_below(&r, p.nr)) : p.size;
}

/* ------------------------------------------------------------------ */
/* Crossover                                                           */

/* An output buffer that takes whole statements while they fit. */
struct fz_out {
	uint8_t *buf;
	size_t len, max;
	enum mm_alphabet alpha;
};

/* Append statement @s of @d, completed to its width; false if no room. */
static bool fz_put_stmt(struct fz_out *o, const uint8_t *d,
			const struct mm_stmt_span *s)
{
	size_t width = fz_stmt_width(o->alpha, d[s->off]);

	if (o->len + width > o->max)
		return false;
	memcpy(o->buf + o->len, d + s->off, s->len);
	memset(o->buf + o->len + s->len, 0, width - s->len);
	o->len += width;
	return true;
}

/* Append statements [@from, @to) of @spans over @d while they fit. */
static bool fz_put_run(struct fz_out *o, const uint8_t *d,
		       const struct mm_stmt_span *spans, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (!fz_put_stmt(o, d, &spans[i]))
			return false;
	return true;
}

/*
 * d1[0, a) d2[b, c) d1[a2, n1): the run of at most FZ_MAX_RUN statements
 * of d2 is inserted (a2 == a) or replaces up to as many of d1's.
 */
size_t fz_cross_over(const uint8_t *d1, size_t s1, const uint8_t *d2,
		     size_t s2, uint8_t *out, size_t max_out,
		     unsigned int seed, enum mm_alphabet alpha)
{
	struct mm_stmt_span sp1[MM_DECODE_MAX_STMTS], sp2[MM_DECODE_MAX_STMTS];
	struct fz_out o = { out, 0, max_out, alpha };
	struct fz_rng r = { seed };
	size_t n1, n2, pre1, pre2, a, a2, b, c;

	n1 = mm_prog_split(d1, s1, alpha, sp1, MM_DECODE_MAX_STMTS, &pre1);
	n2 = mm_prog_split(d2, s2, alpha, sp2, MM_DECODE_MAX_STMTS, &pre2);
	if (!n2 || pre1 >= max_out)
		return 0;
	a = fz_below(&r, n1 + 1);
	b = fz_below(&r, n2);
	c = b + 1 + fz_below(&r, n2 - b < FZ_MAX_RUN ? n2 - b : FZ_MAX_RUN);
	a2 = a + fz_below(&r, n1 - a < c - b ? n1 - a + 1 : c - b + 1);
	memcpy(out, d1, pre1);
	o.len = pre1;
	if (!o.len)
		out[o.len++] = 0;	/* HEADER of an empty d1 */
	if (fz_put_run(&o, d1, sp1, 0, a) && fz_put_run(&o, d2, sp2, b, c))
		fz_put_run(&o, d1, sp1, a2, n1);
	return o.len;
}

/* ------------------------------------------------------------------ */
/* libFuzzer's entry points                                            */

#ifndef FZ_AFL_MUTATOR
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
			       unsigned int seed)
{
	if (fz_mutate_bytes_only())
		return LLVMFuzzerMutate(data, size, max_size);
	return fz_mutate(data, size, max_size, seed, fz_alphabet,
			 LLVMFuzzerMutate);
}

size_t LLVMFuzzerCustomCrossOver(const uint8_t *data1, size_t size1,
				 const uint8_t *data2, size_t size2,
				 uint8_t *out, size_t max_out_size,
				 unsigned int seed)
{
	struct fz_rng r = { seed };

	/*
	 * libFuzzer picks this and the mutator above alike, retrying when
	 * one declines: decline two calls in three, so that one mutation in
	 * four is a crossover (byte mode: all, libFuzzer's own).
	 */
	if (fz_mutate_bytes_only() || fz_below(&r, 3))
		return 0;
	return fz_cross_over(data1, size1, data2, size2, out, max_out_size,
			     (unsigned int)fz_rand(&r), fz_alphabet);
}
#endif /* !FZ_AFL_MUTATOR */
