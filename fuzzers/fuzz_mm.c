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

/*
 * Also the alphabet of this target's custom mutator (mutator.c).  FZ_ALPHABET
 * comes from CMakeLists.txt's MMFUZZ_FUZZ_TARGETS, the one place that
 * names each target's alphabet.
 */
const enum mm_alphabet fz_alphabet = FZ_ALPHABET;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_run(data, size, fz_alphabet);
	return 0;
}
