// SPDX-License-Identifier: MIT
/*
 * fuzz_thp.c - large folios, densely: PMD THPs and mTHPs made, split,
 * collapsed, copied on write, pinned and freed.
 *
 * Input: the binary encoding of lang/encode.c in the thp alphabet: p0-p2,
 * r0-r2, g0-g3, anon mappings of mostly 2m (else 4m, 1p, 4p, 16p), ranges
 * anywhere inside them (up to 512 pages, single pages and small ranges
 * common); mmap, munmap, mprotect, mremap, madvise collapse/hugepage/
 * nohugepage/dontneed/populate-write/pageout/free/populate-read/dontfork/
 * wipeonfork, read, write, memwrite, memread, fork, exit, gup, vmsplice,
 * gN read/write/put, khugepaged, reclaim, compact, mlock, munlock,
 * clear-refs.  Every program runs with `config thp=always` and `config
 * mthp=16k,64k`, which decoding gives it: fuzz_mm's programs keep the
 * default thp=madvise, where a PMD THP needs madvise hugepage first.
 * `mmfuzz decode --target fuzz_thp FILE` shows an input as .mm text,
 * config lines included, so `mmfuzz run` reproduces it.
 */
#include "fz.h"

/* FZ_ALPHABET comes from CMakeLists.txt's MMFUZZ_FUZZ_TARGETS. */
FZ_PROGRAM_TARGET()
