/* SPDX-License-Identifier: MIT */
/*
 * swap.h - swap slots and the swap cache (swap.c), KSM (ksm.c) and
 * migration (migrate.c).
 */
#ifndef MMFUZZ_EMU_INTERNAL_SWAP_H
#define MMFUZZ_EMU_INTERNAL_SWAP_H

#include "vma.h"

/* ------------------------------------------------------------------ */
/* Swap slots (swap.c).                                                 */

struct swap_slot {
	bool used;
	long count;			/* swap entries referring to it */
	struct folio *cache;		/* folio in the swap cache, or NULL */
	uint64_t content;		/* what was written back */
	long chk_count;			/* scratch for world_check() */
	bool chk_exclusive;		/* an entry carries the exclusive marker */
};

bool folio_free_swap(struct world *w, struct folio *folio);
void swap_duplicate(struct world *w, uint64_t off);
void swap_free(struct world *w, uint64_t off);
void free_swap_and_cache(struct world *w, uint64_t off);
void free_swap_cache(struct world *w, struct folio *folio);
uint64_t swap_entry_content(struct world *w, uint64_t off);
long swap_slot_count(struct world *w, uint64_t off);
struct folio *swap_cache_folio(struct world *w, uint64_t off);
int madvise_pageout(struct world *w, struct mm_struct *mm, uint64_t start,
		    uint64_t end);
void reclaim_anon(struct world *w);
void swap_destroy(struct world *w);

/* ------------------------------------------------------------------ */
/* KSM (ksm.c) and migration (migrate.c).                               */

int ksm_madvise(struct world *w, struct mm_struct *mm, uint64_t start,
		uint64_t end, enum mm_madv advice);
int ksm_do_scan(struct world *w);
bool reuse_ksm_page(struct world *w, struct folio *folio);
int folio_try_share_anon_rmap_pte(struct world *w, struct folio *folio,
				  unsigned long idx);
long compact_nodes(struct world *w);

#endif /* MMFUZZ_EMU_INTERNAL_SWAP_H */
