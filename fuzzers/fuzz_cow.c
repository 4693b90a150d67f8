// SPDX-License-Identifier: MIT
/*
 * fuzz_cow.c - copy-on-write against GUP references and pins, densely.
 *
 * Input: the binary encoding of lang/encode.c in the cow alphabet: p0-p2,
 * r0-r2, g0-g7, f0-f1, mappings of 1-4 pages; mmap (anon or file, private
 * or shared), munmap, mprotect, madvise dontneed/dontfork/wipeonfork/
 * populate-write, read, write, memwrite, clear-refs, fork, exit, gup,
 * vmsplice, iouring, gN read/write/put, file, fN write.  Small programs
 * over few pages make fork-then-pin-then-write orders frequent.
 * `mmfuzz decode --target fuzz_cow FILE` shows an input as .mm text.
 */
#include "fz.h"

/* FZ_ALPHABET comes from CMakeLists.txt's MMFUZZ_FUZZ_TARGETS. */
FZ_PROGRAM_TARGET()
