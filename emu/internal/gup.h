/* SPDX-License-Identifier: MIT */
/*
 * gup.h - GUP: the handles that hold references and pins, the slow
 * path and GUP-fast (gup.c), population, and CPU accesses (access.c).
 */
#ifndef MMFUZZ_EMU_INTERNAL_GUP_H
#define MMFUZZ_EMU_INTERNAL_GUP_H

#include "vma.h"

/* ------------------------------------------------------------------ */
/* GUP handles (pipe buffers, io_uring fixed buffers, test pins).       */

struct gup_page {
	struct folio *folio;
	uint32_t idx;
	uint64_t addr;		/* in the owner's mm, follows mremap */
	bool detached;		/* the owner unmapped/discarded the address */
	bool was_anon;		/* folio anon when taken */
	bool was_exclusive;	/* page exclusive (or, before 5.19, mapped once) when taken */
	bool in_shared;		/* taken in a shared (VM_MAYSHARE) mapping */
};

struct gup_handle {
	bool used;
	int pid;
	unsigned int gup_flags;	/* MMG_* */
	enum mm_holder holder;
	uint64_t nr;
	struct gup_page *pages;
};

/*
 * Every handle with pages, also one a stepwise GUP is still filling
 * (pages taken so far; the others have no folio): what happens to the
 * owner's mappings meanwhile happens to the pages it already holds.
 */
#define for_each_gup_record(w, g)					\
	for (int g = 0; g < NR_HANDLES; g++)				\
		if ((w)->handles[g].pages)

/* gup.c */
void gup_detach_range(struct world *w, struct mm_struct *mm, uint64_t start,
		      uint64_t end);
void gup_move_range(struct world *w, struct mm_struct *mm, uint64_t start,
		    uint64_t end, uint64_t new_start);
void gup_release_handles_of(struct world *w, int pid);
void gup_detach_folio(struct world *w, struct folio *folio);
struct folio *gup_one_page(struct world *w, struct mm_struct *mm,
			   uint64_t addr, unsigned int gup_flags,
			   unsigned long *idxp, struct vm_area_struct **vmap,
			   int *err);
void unpin_or_put(struct world *w, struct folio *folio, unsigned int gup_flags);
void gup_yield_taken(struct world *w, uint64_t addr);

/* gup.c, populate */
int check_vma_flags(struct world *w, struct vm_area_struct *vma,
		    unsigned int gup_flags);
int populate_range(struct world *w, struct mm_struct *mm, uint64_t start,
		   uint64_t end, unsigned int gup_flags);

/* gup.c, shared with hugetlb_gup.c */
/* Result of following an entry without faulting. */
enum follow_result { FOLLOW_OK, FOLLOW_FAULT, FOLLOW_UNSHARE, FOLLOW_ERROR };
#define FOLL_TOUCH	(1u << 8)
#define FOLL_NOGRAB	(1u << 9)	/* populate: fault in, take nothing */
#define FOLL_COW	(1u << 10)	/* a write fault broke COW (before 6.0) */
bool gup_must_unshare(struct world *w, struct vm_area_struct *vma,
		      unsigned int gup_flags, struct folio *folio,
		      unsigned long idx);
void gup_grab_folio(struct world *w, struct folio *folio,
		    unsigned int gup_flags);

/* access.c */
typedef int (*access_one_fn)(struct world *w, struct mm_struct *mm,
			     uint64_t addr, bool write, uint64_t value,
			     mm_observe_fn obs, void *priv);
long access_range(struct world *w, int pid, uint64_t addr, uint64_t len,
		  bool write, const struct mm_data *data, mm_observe_fn obs,
		  void *priv, int *errp, access_one_fn one);

#endif /* MMFUZZ_EMU_INTERNAL_GUP_H */
