/* SPDX-License-Identifier: MIT */
/*
 * fault.h - rmap (rmap.c), faults (fault.c, wp.c), THP (huge_memory.c,
 * khugepaged.c) and the operation-level checks (check.c).
 */
#ifndef MMFUZZ_EMU_INTERNAL_FAULT_H
#define MMFUZZ_EMU_INTERNAL_FAULT_H

#include "vma.h"

/* ------------------------------------------------------------------ */
/* rmap.c                                                               */

void folio_add_new_anon_rmap(struct world *w, struct folio *folio,
			     unsigned long idx);
int folio_try_dup_anon_rmap_pte(struct world *w, struct mm_struct *src_mm,
				struct folio *folio,
				unsigned long idx);
void folio_dup_file_rmap_pte(struct folio *folio, unsigned long idx);
void folio_add_anon_rmap_pte(struct world *w, struct folio *folio,
			     unsigned long idx);
bool folio_needs_cow_for_dma(struct world *w, struct mm_struct *src_mm,
			     struct folio *folio);
void folio_add_file_rmap_pte(struct folio *folio, unsigned long idx);
void folio_remove_rmap_pte(struct world *w, struct folio *folio,
			   unsigned long idx);
void folio_add_new_anon_rmap_pmd(struct world *w, struct folio *folio);
void folio_remove_rmap_pmd(struct world *w, struct folio *folio);
long page_mapcount(const struct folio *folio, unsigned long idx);

/* ------------------------------------------------------------------ */
/* Faults: fault.c, wp.c                                                */

typedef unsigned int vm_fault_t;
#define VM_FAULT_OOM		(1u << 0)
#define VM_FAULT_SIGBUS		(1u << 1)
#define VM_FAULT_SIGSEGV	(1u << 2)
#define VM_FAULT_FALLBACK	(1u << 3)	/* huge path declined: use PTEs */
#define VM_FAULT_ERROR	(VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV)

#define FAULT_FLAG_WRITE	(1u << 0)
#define FAULT_FLAG_UNSHARE	(1u << 1)
#define FAULT_FLAG_REMOTE	(1u << 2)	/* GUP on behalf of someone */
#define FAULT_FLAG_FORCE	(1u << 3)	/* FOLL_FORCE: may bypass VM_WRITE */

struct vm_fault {
	struct world *w;
	struct vm_area_struct *vma;
	uint64_t address;
	unsigned int flags;
	pte_t *pte;
	pte_t orig_pte;
	bool orig_anon;		/* orig_pte mapped an anon folio (it may be freed since) */
};

vm_fault_t handle_mm_fault(struct world *w, struct vm_area_struct *vma,
			   uint64_t addr, unsigned int flags);
vm_fault_t do_wp_page(struct vm_fault *vmf);
vm_fault_t do_swap_page(struct vm_fault *vmf);
bool wp_can_reuse_anon_folio(struct vm_fault *vmf, struct folio *folio);
int fault_error_to_errno(vm_fault_t ret);

/* huge_memory.c */
struct folio *get_huge_zero_folio(struct world *w);
bool is_huge_zero_pmd(pte_t pmd);
bool thp_vma_allowable_pmd(struct world *w, const struct vm_area_struct *vma,
			   uint64_t addr);
unsigned int thp_anon_fault_order(struct world *w, struct vm_area_struct *vma,
				  uint64_t addr);
vm_fault_t do_huge_pmd_anonymous_page(struct vm_fault *vmf);
vm_fault_t do_huge_pmd_wp_page(struct vm_fault *vmf);
void split_huge_pmd(struct vm_area_struct *vma, uint64_t addr);
long folio_max_map_swapcount(const struct folio *folio);
/* One PTE of @mm at @addr maps a page of @folio (what the rmap would find). */
struct folio_mapping {
	struct folio *folio;
	struct mm_struct *mm;
	uint64_t addr;
};

int split_folio(struct world *w, struct folio *folio,
		const struct folio_mapping *maps, size_t nr_maps);
int copy_huge_pmd(struct world *w, struct vm_area_struct *dst_vma,
		  struct vm_area_struct *src_vma, uint64_t addr, pte_t *src_pmd);
void zap_huge_pmd(struct world *w, struct mm_struct *mm, uint64_t addr);
void change_huge_pmd(struct world *w, struct vm_area_struct *vma,
		     uint64_t addr, pte_t *pmdp, bool try_upgrade);

/* khugepaged.c */
int madvise_collapse(struct world *w, struct mm_struct *mm, uint64_t start,
		     uint64_t end);
void khugepaged_scan(struct world *w);

/* fault.c */
bool vma_wants_writenotify(const struct vm_area_struct *vma);
bool vm_page_prot_writable(const struct vm_area_struct *vma);
/* filemap.c: map the cached pages around a read fault (fault-around). */
void do_fault_around(struct vm_fault *vmf);

/* check.c: operation-level consistency checks (F1-F4). */
void check_write_fault_done(struct vm_fault *vmf);
void check_unshare_fault_done(struct vm_fault *vmf);
void check_mprotect_upgrade(struct world *w, struct vm_area_struct *vma,
			    uint64_t addr, pte_t pte);
void check_force_write(struct world *w, struct vm_area_struct *vma,
		       uint64_t addr, struct folio *folio, unsigned long idx);

#endif /* MMFUZZ_EMU_INTERNAL_FAULT_H */
