// SPDX-License-Identifier: MIT
/*
 * fuzz_race.c - the races of COW and GUP: fuzz_cow's statements, any of
 * which may run as a stepwise thread (`@tN`, program.md §3) that stops at
 * its yield points (GUP per page and per fault, GUP-fast between reading
 * an entry and re-checking it, fork per entry, collapse), with `tN step`
 * and `tN finish` to move it on; what is unfinished finishes at the end.
 * Dirty COW (era 4.8) and GUP-fast racing fork (up to 5.10) are
 * interleavings of such threads.
 *
 * Input: the binary encoding of lang/encode.c in the race alphabet: the
 * cow alphabet, its process byte naming a thread a quarter of the time,
 * and two more opcodes, step and finish.  `mmfuzz decode --target
 * fuzz_race FILE` shows an input as .mm text.
 */
#include "fz.h"

/* FZ_ALPHABET comes from CMakeLists.txt's MMFUZZ_FUZZ_TARGETS. */
FZ_PROGRAM_TARGET()
