/* SPDX-License-Identifier: MIT */
/*
 * test_mutator.c - the structure-aware mutator (fuzzers/mutator.c) and the
 * statement split it rests on (mm_prog_split, lang/encode.c).
 *
 * The mutator and its AFL++ library are compiled in here with a stand-in
 * for LLVMFuzzerMutate, which only fuzzing engines define.  Over random
 * inputs in both alphabets it must stay within max_size (buffers are
 * exact-size heap copies, so ASan sees any overrun), give the same output
 * for the same seed, keep the HEADER and DIRECTIVES bytes, change the
 * statement count by at most a run, and leave no statement cut short.
 * What it generates must fit where it goes (lang/generate.c), and it must
 * make the programs of the buggy knobs' findings far more often than
 * random bytes do.
 */
#include <stdlib.h>

#include "../fuzzers/mutator.c"
#include "../fuzzers/afl_mutator.c"
#include "test.h"

const enum mm_alphabet fz_alphabet = MM_ALPHA_COW;

/*
 * The engine's byte mutation, stood in for: flip one byte, count calls.
 * An empty 8-byte buffer is fz_engine_stmt() asking for a statement: it
 * gets a dictionary word, as libFuzzer may give.
 */
static unsigned int byte_mutations, engine_stmts;

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size)
{
	/* p0 mmap r0 1p anon private rw */
	static const uint8_t word[] = { 0, 0, 0, 0, 0, 0, 0x04 };

	if (!size && max_size == FZ_MAX_STMT) {
		engine_stmts++;
		memcpy(data, word, sizeof(word));
		return sizeof(word);
	}
	byte_mutations++;
	if (!size)
		return 0;
	if (size > max_size)
		size = max_size;
	data[size / 2] ^= 0x5a;
	return size;
}

static uint64_t lcg(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 33;
}

/* Random bytes, half the time small ones (what seeds are made of). */
static size_t random_input(uint64_t *s, uint8_t *buf, size_t max)
{
	size_t len = lcg(s) % (max + 1);
	bool small = lcg(s) & 1;

	for (size_t i = 0; i < len; i++)
		buf[i] = (uint8_t)(small ? lcg(s) % 8 : lcg(s));
	if (len)
		buf[0] &= (uint8_t)~1u;	/* mostly no DIRECTIVES block */
	return len;
}

/* Spans are contiguous from the prefix; all but the last full width. */
static bool spans_ok(const uint8_t *d, size_t size, enum mm_alphabet alpha,
		     bool all_full)
{
	struct mm_stmt_span sp[MM_DECODE_MAX_STMTS];
	size_t prefix, n = mm_prog_split(d, size, alpha, sp,
					 MM_DECODE_MAX_STMTS, &prefix);
	size_t pos = prefix;

	ASSERT_LE(prefix, size);
	for (size_t i = 0; i < n; i++) {
		size_t width = fz_stmt_width(alpha, d[sp[i].off]);

		ASSERT_EQ(sp[i].off, pos);
		ASSERT_GE(sp[i].len, 1);
		ASSERT_LE(sp[i].len, FZ_MAX_STMT);
		if (all_full || i + 1 < n)
			ASSERT_EQ(sp[i].len, width);
		pos += sp[i].len;
	}
	ASSERT_TRUE(n == MM_DECODE_MAX_STMTS || pos == size);
	return true;
}

static size_t count_stmts(const uint8_t *d, size_t size,
			  enum mm_alphabet alpha, size_t *prefix)
{
	struct mm_stmt_span sp[MM_DECODE_MAX_STMTS];

	return mm_prog_split(d, size, alpha, sp, MM_DECODE_MAX_STMTS, prefix);
}

/* The layout of lang/encode.c, as test_encode.c pins it. */
static bool test_split_layout(void)
{
	static const uint8_t in[] = {
		0x01, 2, 7, 'e', 'r', 'a', ' ', '5', '.', '7', 3, 'b', 'a', 'd',
		0, 0, 1, 3, 0, 0, 0x05,		/* mmap: 7 bytes */
		6, 0, 1, 2, 2, 0x87,		/* write: 6 */
		12, 0, 3, 1,			/* gup, cut short: 4 of 7 */
	};
	struct mm_stmt_span sp[MM_DECODE_MAX_STMTS];
	size_t prefix;

	ASSERT_EQ(mm_prog_split(in, sizeof(in), MM_ALPHA_FULL, sp,
				MM_DECODE_MAX_STMTS, &prefix), 3);
	ASSERT_EQ(prefix, 14);
	ASSERT_EQ(sp[0].off, 14);
	ASSERT_EQ(sp[0].len, 7);
	ASSERT_EQ(sp[1].off, 21);
	ASSERT_EQ(sp[1].len, 6);
	ASSERT_EQ(sp[2].off, 27);
	ASSERT_EQ(sp[2].len, 4);
	/* Opcode 12: cow iouring P gN R (6 bytes), full gup P gN R G (7). */
	ASSERT_EQ(fz_stmt_width(MM_ALPHA_COW, 12), 6);
	ASSERT_EQ(fz_stmt_width(MM_ALPHA_FULL, 12), 7);
	ASSERT_EQ(mm_prog_split(in, 0, MM_ALPHA_FULL, sp, 1, &prefix), 0);
	ASSERT_EQ(prefix, 0);
	ASSERT_EQ(mm_prog_split(in, sizeof(in), MM_ALPHA_FULL, sp, 1, &prefix), 1);
	return true;
}

/* Every span list of a random input is well formed. */
static bool test_split_random(void)
{
	uint64_t s = 7;
	uint8_t buf[700];

	for (int i = 0; i < 2000; i++) {
		size_t len = random_input(&s, buf, sizeof(buf));

		if (!spans_ok(buf, len, (enum mm_alphabet)(i % MM_NR_ALPHABETS),
			      false))
			return false;
	}
	return true;
}

/* Mutate a copy of @in (exact-size buffer of @max bytes). */
static size_t mutate_copy(const uint8_t *in, size_t len, size_t max,
			  unsigned int seed, enum mm_alphabet alpha,
			  uint8_t **out)
{
	*out = malloc(max ? max : 1);
	memcpy(*out, in, len);
	return fz_mutate(*out, len, max, seed, alpha, LLVMFuzzerMutate);
}

/* Every statement of @d fits where it stands: the targets run them all. */
static bool all_fit(const uint8_t *d, size_t size, enum mm_alphabet alpha)
{
	struct mm_stmt_span sp[MM_DECODE_MAX_STMTS];
	size_t prefix, n = mm_prog_split(d, size, alpha, sp,
					 MM_DECODE_MAX_STMTS, &prefix);
	struct mm_shadow sh;
	struct mm_stmt s;

	mm_shadow_init(&sh);
	for (size_t i = 0; i < n; i++) {
		mm_stmt_decode(alpha, d + sp[i].off, sp[i].len, &s);
		if (!mm_stmt_fuzz_supported(alpha, &s) || mm_shadow_step(&sh, &s, NULL))
			return false;
	}
	return true;
}

static bool mutation_ok(const uint8_t *in, size_t len, size_t max,
			unsigned int seed, enum mm_alphabet alpha)
{
	unsigned int before = byte_mutations;
	size_t got, again, pre_in, pre_out, n_in, n_out;
	uint8_t *a, *b;
	bool ok = true;

	got = mutate_copy(in, len, max, seed, alpha, &a);
	again = mutate_copy(in, len, max, seed, alpha, &b);
	ok = got <= max && got == again && !memcmp(a, b, got);
	if (ok && byte_mutations == before) {
		/*
		 * Structural: same prefix (a HEADER for an empty input), at
		 * most a run more statements, every one of which runs (what
		 * would not is pruned).
		 */
		n_in = count_stmts(in, len, alpha, &pre_in);
		n_out = count_stmts(a, got, alpha, &pre_out);
		ok = spans_ok(a, got, alpha, true) &&
		     pre_out == (len ? pre_in : 1) && !memcmp(in, a, pre_in) &&
		     n_out <= n_in + FZ_MAX_RUN && all_fit(a, got, alpha);
	}
	free(a);
	free(b);
	return ok;
}

static bool test_mutate_random(void)
{
	uint64_t s = 11;
	uint8_t buf[300];
	unsigned int start = byte_mutations;

	for (unsigned int i = 0; i < 6000; i++) {
		size_t len = random_input(&s, buf, sizeof(buf));
		size_t max = len + lcg(&s) % 16;

		if (!len && max == FZ_MAX_STMT)
			max++;		/* the stub would take it for fz_engine_stmt() */
		if (!mutation_ok(buf, len, max, i, (enum mm_alphabet)(i % MM_NR_ALPHABETS))) {
			fprintf(stderr, "input %u (%zu bytes, max %zu)\n", i,
				len, max);
			return false;
		}
	}
	/* One call in five, plus the changes that could not apply. */
	ASSERT_GT(byte_mutations - start, 2 * 6000 / 6);
	ASSERT_LT(byte_mutations - start, 2 * 6000 / 3);
	ASSERT_GT(engine_stmts, 100);
	return true;
}

/* From nothing, chained mutations grow programs that decode to something. */
static bool test_mutate_from_empty(void)
{
	uint8_t *buf = malloc(512);
	struct mm_decode_opts o;
	size_t len = 0, most = 0;
	struct mm_prog p;

	mm_decode_opts_init(&o);
	o.alphabet = MM_ALPHA_COW;
	o.keep_directives = false;
	o.skip_unsupported = true;
	for (unsigned int i = 0; i < 3000; i++) {
		len = fz_mutate(buf, len, 512, i, MM_ALPHA_COW, LLVMFuzzerMutate);
		ASSERT_LE(len, 512);
		ASSERT_EQ(mm_prog_decode(buf, len, &o, &p), 0);
		if (p.nr_stmts > most)
			most = p.nr_stmts;
		mm_prog_free(&p);
	}
	free(buf);
	ASSERT_GE(most, 3);
	return true;
}

/*
 * fuzz_thp's mutator stays in its alphabet: from nothing, its programs
 * soon map 2m (its commonest size) and always decode with its config.
 */
static bool test_mutate_from_empty_thp(void)
{
	uint8_t *buf = malloc(1024);
	struct mm_decode_opts o;
	unsigned int with_2m = 0;
	size_t len = 0;
	struct mm_prog p;

	mm_decode_opts_init(&o);
	o.alphabet = MM_ALPHA_THP;
	o.keep_directives = false;
	o.skip_unsupported = true;
	for (unsigned int i = 0; i < 3000; i++) {
		bool has_2m = false;

		len = fz_mutate(buf, len, 1024, i, MM_ALPHA_THP, LLVMFuzzerMutate);
		ASSERT_LE(len, 1024);
		ASSERT_TRUE(spans_ok(buf, len, MM_ALPHA_THP, false));
		ASSERT_EQ(mm_prog_decode(buf, len, &o, &p), 0);
		ASSERT_TRUE(p.has_thp && p.thp == MM_THP_ALWAYS);
		ASSERT_EQ(p.mthp_kb_mask, 1u << 0 | 1u << 2);
		for (size_t k = 0; k < p.nr_stmts; k++) {
			ASSERT_TRUE(p.stmts[k].file < 0);
			has_2m |= p.stmts[k].op == MM_OP_MMAP &&
				  p.stmts[k].size == 2ULL << 20;
		}
		with_2m += has_2m;
		mm_prog_free(&p);
	}
	free(buf);
	ASSERT_GT(with_2m, 3000 / 2);
	return true;
}

static bool cross_over_ok(const uint8_t *d1, size_t s1, const uint8_t *d2,
			  size_t s2, size_t max, unsigned int seed,
			  enum mm_alphabet alpha)
{
	uint8_t *a = malloc(max ? max : 1), *b = malloc(max ? max : 1);
	size_t got = fz_cross_over(d1, s1, d2, s2, a, max, seed, alpha);
	size_t again = fz_cross_over(d1, s1, d2, s2, b, max, seed, alpha);
	size_t pre1, pre_out, n1 = count_stmts(d1, s1, alpha, &pre1);
	size_t n2 = count_stmts(d2, s2, alpha, &pre_out);
	bool ok = got <= max && got == again && !memcmp(a, b, got);

	if (ok && got) {
		ok = spans_ok(a, got, alpha, true) &&
		     count_stmts(a, got, alpha, &pre_out) <= n1 + FZ_MAX_RUN &&
		     pre_out == (pre1 ? pre1 : 1) && !memcmp(a, d1, pre1);
	} else if (ok) {
		ok = !n2 || max <= pre1;
	}
	free(a);
	free(b);
	return ok;
}

static bool test_cross_over_random(void)
{
	uint64_t s = 13;
	uint8_t d1[200], d2[200];

	for (unsigned int i = 0; i < 4000; i++) {
		size_t s1 = random_input(&s, d1, sizeof(d1));
		size_t s2 = random_input(&s, d2, sizeof(d2));
		size_t max = lcg(&s) % 400;

		if (!cross_over_ok(d1, s1, d2, s2, max, i,
				   (enum mm_alphabet)(i % MM_NR_ALPHABETS))) {
			fprintf(stderr, "pair %u (%zu, %zu bytes, max %zu)\n",
				i, s1, s2, max);
			return false;
		}
	}
	return true;
}

/* ------------------------------------------------------------------ */
/* Generated statements (lang/generate.c)                              */

static uint64_t test_rand(void *ctx)
{
	return lcg(ctx) << 32 | lcg(ctx);
}

/*
 * Random walks of generated statements: each fits the shadow it was made
 * for (the checker accepts it there), the alphabet says it and decodes
 * it back the same, fuzz decoding keeps it; every kind the alphabet has
 * and the targets run comes up.
 */
static bool test_generate_valid(void)
{
	uint64_t seed = 5;
	struct mm_rand r = { test_rand, &seed };

	for (int a = 0; a < MM_NR_ALPHABETS; a++) {
		enum mm_alphabet alpha = (enum mm_alphabet)a;
		unsigned int seen[MM_NR_OPS] = { 0 };
		struct mm_alphabet_info info;
		struct mm_shadow sh;

		mm_alphabet_get(alpha, &info);
		for (int i = 0; i < 20000; i++) {
			uint8_t b[MM_STMT_MAX_BYTES];
			char t1[160], t2[160];
			struct mm_stmt s, back, kept;
			size_t w;

			if (i % 40 == 0)
				mm_shadow_init(&sh);
			if (!mm_stmt_generate(alpha, &sh, &r, &s)) {
				mm_shadow_init(&sh);	/* everybody exited */
				continue;
			}
			seen[s.op]++;
			w = mm_stmt_encode(alpha, &s, b);
			ASSERT_GT(w, 0);
			ASSERT_EQ(mm_stmt_decode(alpha, b, w, &back), w);
			mm_stmt_print(&s, t1, sizeof(t1));
			mm_stmt_print(&back, t2, sizeof(t2));
			ASSERT_STR_EQ(t2, t1);
			kept = s;
			ASSERT_TRUE(mm_stmt_fuzz_supported(alpha, &kept));
			if (mm_shadow_step(&sh, &s, NULL)) {
				fprintf(stderr, "does not fit: %s\n", t1);
				return false;
			}
		}
		for (int op = 0; op < MM_NR_OPS; op++) {
			struct mm_stmt t;

			mm_stmt_init(&t, (enum mm_op)op);
			if ((info.op_mask & (1ULL << op)) &&
			    mm_stmt_fuzz_supported(alpha, &t) && !seen[op]) {
				fprintf(stderr, "never generated: %s\n",
					mm_op_name((enum mm_op)op));
				return false;
			}
		}
		/* The COW/GUP kinds lead. */
		ASSERT_GT(seen[MM_OP_GUP], seen[MM_OP_CLEAR_REFS]);
		ASSERT_GT(seen[MM_OP_FORK], seen[MM_OP_MUNMAP]);
	}
	return true;
}

/* One argument changed: the same kind, another text, still fitting. */
static bool test_mutate_arg(void)
{
	uint64_t seed = 9;
	struct mm_rand r = { test_rand, &seed };
	unsigned int changed = 0, tried = 0, procs = 0;
	struct mm_shadow sh;

	mm_shadow_init(&sh);
	for (int i = 0; i < 6000; i++) {
		struct mm_stmt s, v;
		struct mm_shadow copy;
		char t1[160], t2[160];

		if (i % 30 == 0)
			mm_shadow_init(&sh);
		if (!mm_stmt_generate(MM_ALPHA_COW, &sh, &r, &s)) {
			mm_shadow_init(&sh);
			continue;
		}
		v = s;
		tried++;
		if (mm_stmt_mutate_arg(MM_ALPHA_COW, &sh, &r, &v)) {
			changed++;
			ASSERT_EQ(v.op, s.op);
			mm_stmt_print(&s, t1, sizeof(t1));
			mm_stmt_print(&v, t2, sizeof(t2));
			ASSERT_TRUE(strcmp(t1, t2) != 0);
			procs += v.proc != s.proc;
			copy = sh;
			ASSERT_EQ(mm_shadow_step(&copy, &v, NULL), 0);
		} else {
			mm_stmt_print(&s, t1, sizeof(t1));
			mm_stmt_print(&v, t2, sizeof(t2));
			ASSERT_STR_EQ(t2, t1);
		}
		ASSERT_EQ(mm_shadow_step(&sh, &s, NULL), 0);
	}
	/* Most statements have another value; processes get swapped too. */
	ASSERT_GT(changed, tried * 3 / 4);
	ASSERT_GT(procs, 50);
	return true;
}

/* Decode @len bytes as fuzz_cow does. */
static bool decode_cow(const uint8_t *d, size_t len, struct mm_prog *p)
{
	struct mm_decode_opts o;

	mm_decode_opts_init(&o);
	o.alphabet = MM_ALPHA_COW;
	o.keep_directives = false;
	o.skip_unsupported = true;
	return mm_prog_decode(d, len, &o, p) == 0;
}

/*
 * Short chains of mutations (no engine) from nothing, as a fuzzer makes
 * them: what the mutator writes survives decoding.
 */
static bool test_structure_survives(void)
{
	struct mm_stmt_span sp[MM_DECODE_MAX_STMTS];
	size_t spans = 0, kept = 0, prefix;
	uint8_t buf[512];
	struct mm_prog p;

	for (unsigned int chain = 0; chain < 400; chain++) {
		size_t len = 0;

		for (unsigned int i = 0; i < 8; i++) {
			len = fz_mutate(buf, len, sizeof(buf), chain * 8 + i,
					MM_ALPHA_COW, NULL);
			ASSERT_LE(len, sizeof(buf));
			ASSERT_GE(len, 1);
		}
		spans += mm_prog_split(buf, len, MM_ALPHA_COW, sp,
				       MM_DECODE_MAX_STMTS, &prefix);
		ASSERT_TRUE(decode_cow(buf, len, &p));
		kept += p.nr_stmts;
		mm_prog_free(&p);
	}
	ASSERT_GT(spans, 1500);
	ASSERT_GT(kept * 10, spans * 9);	/* over 90% of them run */
	return true;
}

/*
 * Does @p pin (gup pin, iouring) a page its process maps?  The kinds are
 * named: no column of the statement table says which take a pin rather
 * than a reference (vmsplice and gup get take a handle too).
 */
static bool pins(const struct mm_prog *p)
{
	for (size_t i = 0; i < p->nr_stmts; i++)
		if (p->stmts[i].op == MM_OP_IOURING ||
		    (p->stmts[i].op == MM_OP_GUP &&
		     p->stmts[i].gup_mode == MM_GUP_PIN))
			return true;
	return false;
}

/*
 * One change to "p0 mmap r0 1p anon private rw" gives a program that
 * pins a mapped page (the second statement of era 5.7's and
 * unshare_maps_writable's findings) about one time in ten; one random
 * statement appended does so about one time in a hundred.
 */
static bool test_one_step_to_a_pin(void)
{
	static const uint8_t mmap_r0[] = { 0, 0, 0, 0, 0, 0, 0, 0x04 };
	uint8_t buf[64];
	unsigned int structural = 0, random = 0;
	uint64_t s = 3;
	struct mm_prog p;

	for (unsigned int seed = 0; seed < 2000; seed++) {
		size_t len;

		memcpy(buf, mmap_r0, sizeof(mmap_r0));
		len = fz_mutate(buf, sizeof(mmap_r0), sizeof(buf), seed,
				MM_ALPHA_COW, NULL);
		ASSERT_TRUE(decode_cow(buf, len, &p));
		structural += pins(&p);
		mm_prog_free(&p);
		memcpy(buf, mmap_r0, sizeof(mmap_r0));
		buf[sizeof(mmap_r0)] = (uint8_t)lcg(&s);
		len = fz_stmt_width(MM_ALPHA_COW, buf[sizeof(mmap_r0)]);
		for (size_t i = 1; i < len; i++)
			buf[sizeof(mmap_r0) + i] = (uint8_t)lcg(&s);
		ASSERT_TRUE(decode_cow(buf, sizeof(mmap_r0) + len, &p));
		random += pins(&p);
		mm_prog_free(&p);
	}
	ASSERT_GT(structural, 2000 / 14);
	ASSERT_LT(random * 4, structural);
	return true;
}

/* The AFL++ library: deterministic, bounded, never empty, crossing over. */
static bool test_afl_library(void)
{
	static const uint8_t other[] = { 0, 0, 0, 1, 1, 0, 0, 0x05, 8, 0, 1 };
	void *a = afl_custom_init(NULL, 77), *b = afl_custom_init(NULL, 77);
	uint8_t in[512] = { 0 }, *oa, *ob;
	size_t len = 1, la, lb, most = 0;
	unsigned int grew = 0;
	struct mm_prog p;

	ASSERT_TRUE(a && b);
	for (unsigned int i = 0; i < 2000; i++) {
		size_t max = i % 7 ? sizeof(in) : 16;

		la = afl_custom_fuzz(a, in, len, &oa, (uint8_t *)other,
				     sizeof(other), max);
		lb = afl_custom_fuzz(b, in, len, &ob, (uint8_t *)other,
				     sizeof(other), max);
		ASSERT_EQ(la, lb);
		ASSERT_EQ(memcmp(oa, ob, la), 0);
		ASSERT_GE(la, 1);
		ASSERT_LE(la, max);
		grew += la > len;
		memcpy(in, oa, la);
		len = la;
		ASSERT_TRUE(decode_cow(in, len, &p));
		if (p.nr_stmts > most)
			most = p.nr_stmts;
		mm_prog_free(&p);
	}
	ASSERT_GT(grew, 200);
	ASSERT_GE(most, 5);
	ASSERT_STR_EQ(afl_custom_describe(a, 64), "mmfuzz");
	afl_custom_deinit(a);
	afl_custom_deinit(b);
	return true;
}

/* Without MMFUZZ_MUTATOR, the entry points are the structural ones. */
static bool test_entry_points(void)
{
	static const uint8_t d[] = { 0, 0, 0, 0, 0, 0, 0, 4, 5, 0, 0, 0, 0 };
	unsigned int crossed = 0;
	uint8_t out[64];
	size_t got;

	if (getenv("MMFUZZ_MUTATOR"))
		return true;
	ASSERT_FALSE(fz_mutate_bytes_only());
	for (unsigned int seed = 0; seed < 300; seed++) {
		got = LLVMFuzzerCustomCrossOver(d, sizeof(d), d, sizeof(d), out,
						sizeof(out), seed);
		ASSERT_LE(got, sizeof(out));
		crossed += got > 1;
	}
	/* Two calls in three decline, leaving the choice to libFuzzer. */
	ASSERT_GT(crossed, 60);
	ASSERT_LT(crossed, 140);
	memcpy(out, d, sizeof(d));
	got = LLVMFuzzerCustomMutator(out, sizeof(d), sizeof(out), 1);
	ASSERT_LE(got, sizeof(out));
	return true;
}

static const struct test tests[] = {
	TEST(test_split_layout),
	TEST(test_split_random),
	TEST(test_mutate_random),
	TEST(test_mutate_from_empty),
	TEST(test_mutate_from_empty_thp),
	TEST(test_cross_over_random),
	TEST(test_generate_valid),
	TEST(test_mutate_arg),
	TEST(test_structure_survives),
	TEST(test_one_step_to_a_pin),
	TEST(test_afl_library),
	TEST(test_entry_points),
	{ 0 },
};

int main(void)
{
	return run_tests(tests);
}
