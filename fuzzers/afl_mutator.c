// SPDX-License-Identifier: MIT
/*
 * afl_mutator.c - the structure-aware mutator (mutator.c) as an AFL++
 * custom mutator library.  AFL++'s driver (libAFLDriver.a) never calls
 * LLVMFuzzerCustomMutator; afl-fuzz instead loads a shared object named
 * by AFL_CUSTOM_MUTATOR_LIBRARY and calls its afl_custom_fuzz() in a
 * custom stage before its own havoc stage (AFL++ 4.04c,
 * docs/custom_mutators.md), so the targets' inputs get the same
 * statement changes as under libFuzzer:
 *
 *   - one call in four with a second input (AFL's add_buf, a queue entry)
 *     is a crossover of statement runs (fz_cross_over);
 *   - the others are one to four fz_mutate() changes stacked (as
 *     afl-fuzz's havoc stacks its own: the custom stage mutates the same
 *     queue entry each time, so a single change could not build a
 *     sequence of statements within one stage), with no engine byte
 *     mutation: afl-fuzz's havoc, splice and dictionary (-x) stages do
 *     the byte work around this one.
 *
 * CMake builds it per target as afl-mutator-TARGET.so (in a build
 * without sanitizers: the release preset, where ./build.sh afl builds it)
 * from this file, mutator.c (with FZ_AFL_MUTATOR: no libFuzzer entry
 * points) and the lang library, with FZ_AFL_ALPHABET set to the target's
 * alphabet from MMFUZZ_FUZZ_TARGETS.  Its
 * state is the PRNG word afl_custom_init() seeds from afl-fuzz's seed
 * and the output buffer: the same seed gives the same mutations.
 */
#include <stdlib.h>
#include <string.h>

#include "fz.h"

#ifndef FZ_AFL_ALPHABET
#define FZ_AFL_ALPHABET MM_ALPHA_COW
#endif

struct fz_afl {
	uint64_t state;			/* the seed of the next call */
	uint8_t *buf;			/* what afl_custom_fuzz returns */
	size_t cap;
	enum mm_alphabet alpha;
};

/* AFL++'s C API (custom_mutators.md); afl_state_t is opaque here. */
void *afl_custom_init(void *afl, unsigned int seed);
size_t afl_custom_fuzz(void *data, uint8_t *buf, size_t buf_size,
		       uint8_t **out_buf, uint8_t *add_buf,
		       size_t add_buf_size, size_t max_size);
const char *afl_custom_describe(void *data, size_t max_description_len);
void afl_custom_deinit(void *data);

void *afl_custom_init(void *afl, unsigned int seed)
{
	struct fz_afl *m = calloc(1, sizeof(*m));

	(void)afl;
	if (!m)
		return NULL;
	m->state = seed;
	m->alpha = FZ_AFL_ALPHABET;
	return m;
}

/* The next call's seed: a 64-bit LCG step, its high half. */
static unsigned int fz_afl_seed(struct fz_afl *m)
{
	m->state = m->state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned int)(m->state >> 32);
}

static bool fz_afl_reserve(struct fz_afl *m, size_t size)
{
	uint8_t *b;

	if (size <= m->cap)
		return true;
	b = realloc(m->buf, size);
	if (!b)
		return false;
	m->buf = b;
	m->cap = size;
	return true;
}

/*
 * One mutation of @buf (at most @max_size bytes out) into the library's
 * buffer.  AFL++ wants a length > 0: a failed change returns the input.
 */
size_t afl_custom_fuzz(void *data, uint8_t *buf, size_t buf_size,
		       uint8_t **out_buf, uint8_t *add_buf,
		       size_t add_buf_size, size_t max_size)
{
	struct fz_afl *m = data;
	unsigned int seed = fz_afl_seed(m);
	size_t len = buf_size < max_size ? buf_size : max_size, out = 0;

	if (!max_size || !fz_afl_reserve(m, max_size)) {
		*out_buf = buf;
		return buf_size;
	}
	if (add_buf && add_buf_size && seed % 4 == 0)
		out = fz_cross_over(buf, len, add_buf, add_buf_size, m->buf,
				    max_size, fz_afl_seed(m), m->alpha);
	if (!out) {
		/* One to four changes stacked, as afl-fuzz's havoc stacks its own. */
		memcpy(m->buf, buf, len);
		out = len;
		for (unsigned int n = 1 + seed % 4; n--;)
			out = fz_mutate(m->buf, out, max_size, fz_afl_seed(m),
					m->alpha, NULL);
	}
	if (!out) {
		memcpy(m->buf, buf, len);
		out = len ? len : 1;
		m->buf[0] = len ? m->buf[0] : 0;
	}
	*out_buf = m->buf;
	return out;
}

const char *afl_custom_describe(void *data, size_t max_description_len)
{
	(void)data;
	return max_description_len >= 6 ? "mmfuzz" : "";
}

void afl_custom_deinit(void *data)
{
	struct fz_afl *m = data;

	if (m)
		free(m->buf);
	free(m);
}
