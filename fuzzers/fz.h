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
 *   FZ_VERBOSE=1              print every decoded program on stderr
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
 * handle-put, file-write, thread-step, thread-finish.
 */
#ifndef MMFUZZ_FZ_H
#define MMFUZZ_FZ_H

#include <stddef.h>
#include <stdint.h>

#include "mmprog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Read the environment once; exits with status 2 on a bad value. */
void fz_init(void);

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
