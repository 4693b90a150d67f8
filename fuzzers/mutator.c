// SPDX-License-Identifier: MIT
/*
 * mutator.c - structure-aware mutation for the binary targets (fuzz_mm,
 * fuzz_cow): libFuzzer's LLVMFuzzerCustomMutator and
 * LLVMFuzzerCustomCrossOver, working on whole statements of the encoding
 * of lang/encode.c in the target's alphabet (fz_alphabet).
 *
 * A byte mutation of the encoding mostly changes one field of one
 * statement, or, when it hits an opcode, re-frames every statement after
 * it.  Here an input is split into statements (mm_prog_split) and one of
 * these is applied:
 *
 *   insert      a new statement at a random boundary: three times in
 *               four one the engine makes (often a dictionary word: the
 *               targets' dictionaries hold one encoded statement per
 *               word), else a random opcode with arguments as below
 *   delete      one statement
 *   replace     one statement by a new one
 *   duplicate   one statement, copied to a random boundary
 *   swap        two statements
 *   argument    one argument byte of one statement: one bit flipped, a
 *               small value (p0, r0, g0, 1p, no offset...), the byte at
 *               the same place in another statement (most ops have the
 *               process first and the region next, so statements come to
 *               name the same ones), or any byte
 *   crossover   (LLVMFuzzerCustomCrossOver) a run of up to FZ_MAX_RUN of
 *               the other input's statements spliced in, inserted or
 *               replacing as many
 *
 * One call in four is a plain LLVMFuzzerMutate() byte mutation instead,
 * and so is any call whose statement change cannot apply (no room, no
 * statement).  MMFUZZ_MUTATOR=bytes (fz.h) makes every call one, and the
 * crossover decline, so that libFuzzer's own takes over: the comparison
 * bench/exposure.sh runs.
 *
 * Every choice comes from a PRNG local to the call, seeded from libFuzzer's
 * seed: the same input, seed and engine give the same output.  Nothing is
 * kept between calls.  The HEADER and DIRECTIVES bytes are left as they
 * are (the targets skip directives), an empty input gets a zero HEADER,
 * and a last statement cut short by the end of the input is completed
 * with the zero bytes the decoder would read, so that nothing moved after
 * it changes its arguments.
 *
 * Engine builds only (build.sh): LLVMFuzzerMutate exists in libFuzzer and
 * in AFL++'s driver, never in the standalone replay build (pitfall 24).
 */
#include "fz.h"

#include <string.h>

/* MSan's runtime, in MSan builds only (fz_engine_stmt). */
__attribute__((weak)) void __msan_unpoison(const volatile void *p, size_t n);

/* Longest statement: mmap, the opcode and six argument bytes. */
#define FZ_MAX_STMT	8
/* Most statements a crossover splices in. */
#define FZ_MAX_RUN	4

/* The statement changes fz_mutate_once() picks from. */
enum fz_change {
	FZ_INSERT, FZ_DELETE, FZ_REPLACE, FZ_DUPLICATE, FZ_SWAP, FZ_ARGUMENT,
};

/* ------------------------------------------------------------------ */
/* Randomness                                                          */

/* splitmix64: one state word per call, seeded from libFuzzer's seed. */
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

/* ------------------------------------------------------------------ */
/* Inputs as statements                                                */

/* An input being mutated in place: @data has room for @max_size bytes. */
struct fz_prog {
	uint8_t *data;
	size_t size, max_size;
	enum mm_alphabet alpha;
	size_t prefix, nr;		/* HEADER+DIRECTIVES bytes; statements */
	struct mm_stmt_span spans[MM_DECODE_MAX_STMTS];
};

/* Bytes of the statement whose opcode byte is @op, in alphabet @alpha. */
static size_t fz_stmt_width(enum mm_alphabet alpha, uint8_t op)
{
	uint8_t buf[1 + FZ_MAX_STMT] = { 0, op };	/* HEADER, OP, zeros */
	struct mm_stmt_span span;
	size_t prefix;

	if (!mm_prog_split(buf, sizeof(buf), alpha, &span, 1, &prefix))
		return 1;
	return span.len;
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

/* Open @len bytes at @pos and copy @b there; the new size, 0 if no room. */
static size_t fz_insert_bytes(struct fz_prog *p, size_t pos, const uint8_t *b,
			      size_t len)
{
	if (p->size + len > p->max_size)
		return 0;
	memmove(p->data + pos + len, p->data + pos, p->size - pos);
	memcpy(p->data + pos, b, len);
	return p->size += len;
}

/* ------------------------------------------------------------------ */
/* Statement changes: each returns the new size, 0 when it cannot apply */

/*
 * A byte for argument @idx: small (most fields' first values: p0, r0, g0,
 * 1p, no offset), copied from another statement, or any.
 */
static uint8_t fz_arg_byte(const struct fz_prog *p, struct fz_rng *r,
			   size_t idx)
{
	const struct mm_stmt_span *s;

	switch (fz_below(r, 3)) {
	case 0:
		return (uint8_t)fz_below(r, 8);
	case 1:
		if (!p->nr)
			break;
		s = &p->spans[fz_below(r, p->nr)];
		if (idx < s->len)
			return p->data[s->off + idx];
		break;
	default:
		break;
	}
	return (uint8_t)fz_rand(r);
}

/*
 * The engine's idea of a statement: LLVMFuzzerMutate() on an empty buffer
 * adds a dictionary word (the targets' dictionaries hold one encoded
 * statement per word, corpus/generate.sh) or a few bytes, whose first
 * statement @b then holds.  False if the engine added nothing.
 */
static bool fz_engine_stmt(uint8_t *b)
{
	size_t len;

	memset(b, 0, FZ_MAX_STMT);
	len = LLVMFuzzerMutate(b, 0, FZ_MAX_STMT);
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

/* A new statement in @b, from the engine three times in four; its width. */
static size_t fz_new_stmt(const struct fz_prog *p, struct fz_rng *r,
			  uint8_t *b)
{
	size_t width;

	if (fz_below(r, 4) && fz_engine_stmt(b))
		return fz_stmt_width(p->alpha, b[0]);
	b[0] = (uint8_t)fz_rand(r);	/* the opcode, modulo the table */
	width = fz_stmt_width(p->alpha, b[0]);
	for (size_t i = 1; i < width; i++)
		b[i] = fz_arg_byte(p, r, i);
	return width;
}

static size_t fz_insert(struct fz_prog *p, struct fz_rng *r)
{
	uint8_t b[FZ_MAX_STMT];
	size_t width = fz_new_stmt(p, r, b);

	return fz_insert_bytes(p, fz_stmt_pos(p, fz_below(r, p->nr + 1)), b,
			       width);
}

/* Remove statement @k; p->spans is stale after it. */
static size_t __fz_delete(struct fz_prog *p, size_t k)
{
	const struct mm_stmt_span *s = &p->spans[k];
	size_t end = s->off + s->len;

	memmove(p->data + s->off, p->data + end, p->size - end);
	return p->size -= s->len;
}

static size_t fz_delete(struct fz_prog *p, struct fz_rng *r)
{
	if (!p->nr)
		return 0;
	return __fz_delete(p, fz_below(r, p->nr));
}

/* One statement by a new one (an opcode change that keeps the framing). */
static size_t fz_replace(struct fz_prog *p, struct fz_rng *r)
{
	uint8_t b[FZ_MAX_STMT];
	size_t k, width;

	if (!p->nr)
		return 0;
	k = fz_below(r, p->nr);
	width = fz_new_stmt(p, r, b);
	if (p->size - p->spans[k].len + width > p->max_size)
		return 0;
	__fz_delete(p, k);
	return fz_insert_bytes(p, p->spans[k].off, b, width);
}

static size_t fz_duplicate(struct fz_prog *p, struct fz_rng *r)
{
	const struct mm_stmt_span *s;
	uint8_t b[FZ_MAX_STMT];

	if (!p->nr)
		return 0;
	s = &p->spans[fz_below(r, p->nr)];
	memcpy(b, p->data + s->off, s->len);
	return fz_insert_bytes(p, fz_stmt_pos(p, fz_below(r, p->nr + 1)), b,
			       s->len);
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
	return p->size;
}

/*
 * One argument byte: one bit flipped (flags and modes are bit fields), or
 * a new byte (fz_arg_byte).  A statement without arguments gets none.
 */
static size_t fz_argument(struct fz_prog *p, struct fz_rng *r)
{
	const struct mm_stmt_span *s;
	uint8_t *b, old;

	if (!p->nr)
		return 0;
	s = &p->spans[fz_below(r, p->nr)];
	if (s->len < 2)
		return 0;
	b = &p->data[s->off + 1 + fz_below(r, s->len - 1)];
	old = *b;
	if (fz_below(r, 4) == 0)
		*b ^= (uint8_t)(1u << fz_below(r, 8));
	else
		*b = fz_arg_byte(p, r, (size_t)(b - p->data) - s->off);
	if (*b == old)
		*b = (uint8_t)(old + 1 + fz_below(r, 255));
	return p->size;
}

/* Pick a change by weight and apply it. */
static size_t fz_mutate_once(struct fz_prog *p, struct fz_rng *r)
{
	static const uint8_t weight[] = {
		[FZ_INSERT] = 4, [FZ_DELETE] = 3, [FZ_REPLACE] = 2,
		[FZ_DUPLICATE] = 1, [FZ_SWAP] = 2, [FZ_ARGUMENT] = 4,
	};
	size_t total = 0, pick;
	unsigned int c = 0;

	for (size_t i = 0; i < sizeof(weight); i++)
		total += weight[i];
	for (pick = fz_below(r, total); pick >= weight[c]; c++)
		pick -= weight[c];
	switch ((enum fz_change)c) {
	case FZ_INSERT:		return fz_insert(p, r);
	case FZ_DELETE:		return fz_delete(p, r);
	case FZ_REPLACE:	return fz_replace(p, r);
	case FZ_DUPLICATE:	return fz_duplicate(p, r);
	case FZ_SWAP:		return fz_swap(p, r);
	case FZ_ARGUMENT:	return fz_argument(p, r);
	}
	return 0;
}

/* Mutate one input (fz.h). */
size_t fz_mutate(uint8_t *data, size_t size, size_t max_size,
		 unsigned int seed, enum mm_alphabet alpha)
{
	struct fz_rng r = { seed };
	struct fz_prog p;
	size_t ret = 0;

	if (fz_below(&r, 4) == 0 || !fz_prog_load(&p, data, size, max_size, alpha))
		return LLVMFuzzerMutate(data, size, max_size);
	for (int tries = 0; !ret && tries < 4; tries++)
		ret = fz_mutate_once(&p, &r);
	return ret ? ret : LLVMFuzzerMutate(data, p.size, max_size);
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

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
			       unsigned int seed)
{
	if (fz_mutate_bytes_only())
		return LLVMFuzzerMutate(data, size, max_size);
	return fz_mutate(data, size, max_size, seed, fz_alphabet);
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
