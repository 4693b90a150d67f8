/* SPDX-License-Identifier: MIT */
/*
 * world.h - struct world, which holds everything of one run, the
 * knobs and the violation record (world.c).
 */
#ifndef MMFUZZ_EMU_INTERNAL_WORLD_H
#define MMFUZZ_EMU_INTERNAL_WORLD_H

#include "gup.h"
#include "hugetlb.h"
#include "swap.h"

/* ------------------------------------------------------------------ */
/* The world.                                                           */

struct world {
	struct world_config cfg;
	struct mm_struct *mm[NR_PROCS];
	struct address_space *files[NR_FILES];
	struct gup_handle handles[NR_HANDLES];
	uint64_t handles_used;		/* bit g: handles[g].used */
	struct folio folios;		/* list head of every live folio */
	uint64_t next_folio_id;
	long nr_folios;
	struct folio *zero_folio;
	struct folio *huge_zero_folio;	/* created on first use */
	struct swap_slot *swap_slots;
	uint64_t nr_swap_slots;
	uint64_t swap_free_hint;	/* every slot below it is in use */
	struct hstate hstates[2];	/* HSTATE_2M, HSTATE_1G */
	bool has_violation;
	struct mm_violation violation;
};

static inline bool knob(const struct world *w, enum mm_knob k)
{
	return w->cfg.knobs.on[k];
}

/*
 * mm_forbids_zeropage - a read fault of private anonymous memory may not
 * map the shared zeropage (nor the huge one): it allocates a page as a
 * write would.  The kernel decides per architecture and configuration;
 * here it is the program's `config zeropage=off`.
 *
 * Models: include/linux/mm.h:mm_forbids_zeropage()
 */
static inline bool mm_forbids_zeropage(const struct world *w)
{
	return !w->cfg.zeropage;
}

/* Record the first violation of this operation (later ones are dropped). */
void report_violation(struct world *w, enum mm_vclass cls, const char *id,
		      const struct folio *folio, int pid, uint64_t addr,
		      const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* world.c */
struct mm_struct *get_mm(struct world *w, int pid);

#endif /* MMFUZZ_EMU_INTERNAL_WORLD_H */
