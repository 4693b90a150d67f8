/* SPDX-License-Identifier: MIT */
/*
 * internal.h - what the emulator's files share: the model of struct folio,
 * page tables, VMAs, mm, files and GUP handles, and the assertion family.
 * It is split by concept under internal/, each part including the parts it
 * builds on; the .c files include this header alone.
 *
 * Names follow the kernel's (mm/memory.c, mm/gup.c, include/linux/mm.h) so
 * that every modelled function can be read next to its original.
 */
#ifndef MMFUZZ_EMU_INTERNAL_H
#define MMFUZZ_EMU_INTERNAL_H

#include "internal/base.h"	/* geometry, bits, assertions, allocation */
#include "internal/folio.h"	/* struct folio, per-page state */
#include "internal/pgtable.h"	/* entries, tables, the walker */
#include "internal/file.h"	/* address_space, xarray, resv_map */
#include "internal/vma.h"	/* vm_flags, VMAs, mm; vma, mmap, zap, fork */
#include "internal/gup.h"	/* GUP handles, gup.c, populate, access */
#include "internal/fault.h"	/* rmap, faults, THP, F-checks */
#include "internal/swap.h"	/* swap, KSM, migration */
#include "internal/hugetlb.h"	/* pools, reservations, hugetlb VMAs */
#include "internal/world.h"	/* struct world, knobs, violations */

#endif /* MMFUZZ_EMU_INTERNAL_H */
