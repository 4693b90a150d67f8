// SPDX-License-Identifier: MIT
/*
 * fuzz_mm.c - every statement kind, every oracle.
 *
 * Input: a program in the binary encoding of lang/encode.c, full alphabet
 * (`mmfuzz decode --target fuzz_mm FILE` shows it as .mm text).  Era and
 * knobs come from MMFUZZ_ERA / MMFUZZ_KNOBS (fuzzers/fz.h); a violation
 * aborts with a "mmfuzz: violation CLASS/ID in OPERATION" report.
 */
#include "fz.h"

/* FZ_ALPHABET comes from CMakeLists.txt's MMFUZZ_FUZZ_TARGETS. */
FZ_PROGRAM_TARGET()
