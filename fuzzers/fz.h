/* SPDX-License-Identifier: MIT */
/*
 * fz.h - what the fuzz targets share: their configuration, read once from
 * the environment, and decode -> run -> report.
 *
 * Environment (read by fz_init(), from LLVMFuzzerInitialize or the first
 * input; a bad value stops the fuzzer before it starts):
 *
 *   MMFUZZ_ERA=NAME           era of every run (default current)
 *   MMFUZZ_KNOBS=K=on,K=off   knobs on top of the era
 *   MMFUZZ_STRICT=1           known kernel behaviours crash too
 *   MMFUZZ_ONLY=P1,X6         only violations with these ids are findings
 *                             (to look for an era's rarer bugs past its
 *                             common ones)
 *   FZ_VERBOSE=1              print every decoded program on stderr
 *   MMFUZZ_MUTATOR=bytes      the custom mutator (mutator.c) only calls
 *                             LLVMFuzzerMutate, and its crossover gives
 *                             way to libFuzzer's (build.sh afl: no custom
 *                             mutator library); default: structure
 *
 * A finding aborts the process after a report on stderr whose first line
 * is stable, for bucketing:
 *
 *   mmfuzz: violation CLASS/ID in OPERATION
 *   mmfuzz: at line L (STATEMENT): explanation
 *   <the decoded program>
 *
 * OPERATION is the statement's keyword (mmap, fork, write, gup, ...);
 * statements that share one are told apart: handle-read, handle-write,
 * handle-put, file-write, thread-step, thread-finish, mmap-driver (the
 * sig_name column of the statement table).  The first line is
 * tri_sig_print()'s (mmtriage.h), which `mmfuzz triage` buckets by.
 */
#ifndef MMFUZZ_FZ_H
#define MMFUZZ_FZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mmprog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Read the environment once; exits with status 2 on a bad value. */
void fz_init(void);

/*
 * The alphabet of a binary target, defined by its fuzz_*.c from
 * FZ_ALPHABET, which CMakeLists.txt's MMFUZZ_FUZZ_TARGETS sets; the
 * engine builds link the structure-aware mutator into each such target.
 */
extern const enum mm_alphabet fz_alphabet;

/*
 * The whole of a target whose input decodes to a program: its alphabet
 * (FZ_ALPHABET) and the engine's two entry points.  A fuzz_*.c says what
 * it fuzzes and writes FZ_PROGRAM_TARGET().
 */
#define FZ_PROGRAM_TARGET()						\
	const enum mm_alphabet fz_alphabet = FZ_ALPHABET;		\
									\
	int LLVMFuzzerInitialize(int *argc, char ***argv)		\
	{								\
		(void)argc;						\
		(void)argv;						\
		fz_init();						\
		return 0;						\
	}								\
									\
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)	\
	{								\
		fz_run(data, size, fz_alphabet);			\
		return 0;						\
	}

/* ------------------------------------------------------------------ */
/* Structure-aware mutation (mutator.c; engine builds only, since it
 * calls LLVMFuzzerMutate, which only libFuzzer and AFL++'s driver define). */

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
			       unsigned int seed);
size_t LLVMFuzzerCustomCrossOver(const uint8_t *data1, size_t size1,
				 const uint8_t *data2, size_t size2,
				 uint8_t *out, size_t max_out_size,
				 unsigned int seed);

/* MMFUZZ_MUTATOR=bytes: leave mutation to the engine. */
bool fz_mutate_bytes_only(void);

/* An engine's byte mutation: LLVMFuzzerMutate's contract. */
typedef size_t (*fz_engine_mutate)(uint8_t *data, size_t size,
				   size_t max_size);

/*
 * Mutate the input @data[0, @size) (room for @max_size bytes) of a target
 * with alphabet @alpha, one statement-level change chosen by @seed, or one
 * byte change by @engine (LLVMFuzzerMutate; NULL where the engine mutates
 * bytes on its own, as afl-fuzz does: then a raw argument byte).  Returns
 * the new size, <= @max_size.
 */
size_t fz_mutate(uint8_t *data, size_t size, size_t max_size,
		 unsigned int seed, enum mm_alphabet alpha,
		 fz_engine_mutate engine);

/*
 * Write into @out (room for @max_out bytes) @d1's statements with a run of
 * @d2's spliced in, inserted or replacing some, as chosen by @seed.
 * Returns the size written, 0 if @d2 has no statement.
 */
size_t fz_cross_over(const uint8_t *d1, size_t s1, const uint8_t *d2,
		     size_t s2, uint8_t *out, size_t max_out,
		     unsigned int seed, enum mm_alphabet alpha);

/*
 * Decode @data as the fuzz targets do (alphabet @alpha, no directives,
 * unsupported statements skipped), run it with every oracle, and abort()
 * with the report above on a violation (or a known behaviour in strict
 * mode).  Returns normally otherwise, having freed everything.
 */
void fz_run(const uint8_t *data, size_t size, enum mm_alphabet alpha);

/*
 * @p is a checked program: encoding it in the full alphabet either fails
 * for want of range (-ERANGE) or decodes back to the same text; abort()
 * with a report otherwise.
 */
void fz_check_codec(const struct mm_prog *p);

/* Report "mmfuzz: MESSAGE", then @text if not NULL, and abort(). */
__attribute__((noreturn, format(printf, 2, 3)))
void fz_die(const char *text, const char *fmt, ...);

#endif /* MMFUZZ_FZ_H */
