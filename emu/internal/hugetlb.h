/* SPDX-License-Identifier: MIT */
/*
 * hugetlb.h - hugetlb pools, reservations, faults and GUP (hugetlb.c,
 * hugetlb_fault.c, hugetlb_gup.c).
 */
#ifndef MMFUZZ_EMU_INTERNAL_HUGETLB_H
#define MMFUZZ_EMU_INTERNAL_HUGETLB_H

#include "fault.h"
#include "gup.h"

/* ------------------------------------------------------------------ */
/* hugetlb pools (hugetlb.c).                                           */

/* One pool per huge page size: struct hstate's counters that matter. */
struct hstate {
	unsigned int order;
	long free_huge_pages;		/* free in the pool, reserved ones included */
	long resv_huge_pages;		/* promised to mappings, not yet faulted */
};

#define HSTATE_2M	0
#define HSTATE_1G	1

/* ------------------------------------------------------------------ */
/* hugetlb.c, hugetlb_fault.c, hugetlb_gup.c                            */

static inline bool is_vm_hugetlb_page(const struct vm_area_struct *vma)
{
	return vma->vm_flags & VM_HUGETLB;
}

/* The page of a leaf's folio mapped at @addr (the leaf's own page for a PTE). */
static inline unsigned long leaf_page_idx(pte_t pte, unsigned int level,
					  uint64_t addr)
{
	return pte.idx + ((addr & ((1ULL << (PAGE_SHIFT + 9 * level)) - 1)) >>
			  PAGE_SHIFT);
}

bool is_hugetlb_file(const struct address_space *mapping);
unsigned int hugetlb_file_order(const struct address_space *mapping);
uint64_t huge_page_size_vma(const struct vm_area_struct *vma);
void hugetlb_init(struct world *w);
void free_huge_folio(struct world *w, struct folio *folio);
int hugetlb_mmap_check(struct world *w, struct mm_struct *mm, uint64_t addr,
		       uint64_t len, unsigned int flags, int fid, uint64_t off);
int hugetlb_reserve_pages(struct world *w, struct vm_area_struct *vma);
void hugetlb_vm_op_open(struct vm_area_struct *new, struct vm_area_struct *old);
void hugetlb_vm_op_close(struct world *w, struct vm_area_struct *vma);
void hugetlb_unreserve_file(struct world *w, struct address_space *mapping);
void hugetlb_unreserve_index(struct address_space *mapping, uint64_t hidx);
int hugetlb_split_check(struct mm_struct *mm, uint64_t start, uint64_t end);
int hugetlb_madvise_check(struct world *w, struct mm_struct *mm,
			  uint64_t start, uint64_t end, int advice);
uint64_t hugetlb_dontneed_end(struct world *w, struct vm_area_struct *vma,
			      uint64_t end);
uint64_t hugetlb_mremap_len(struct mm_struct *mm, uint64_t addr, uint64_t len);
int hugetlb_mremap_check(struct world *w, struct vm_area_struct *vma,
			 uint64_t addr, uint64_t len, uint64_t new_addr);
void move_hugetlb_page_tables(struct world *w, struct vm_area_struct *vma,
			      struct vm_area_struct *new_vma, uint64_t addr,
			      uint64_t len, uint64_t new_addr);
void __unmap_hugepage_range(struct world *w, struct vm_area_struct *vma,
			    uint64_t start, uint64_t end,
			    struct folio *ref_folio);
int copy_hugetlb_page_range(struct world *w, struct vm_area_struct *dst_vma,
			    struct vm_area_struct *src_vma);
void hugetlb_change_protection(struct world *w, struct vm_area_struct *vma,
			       uint64_t start, uint64_t end);
struct folio *hugetlb_alloc_anon(struct world *w, struct vm_area_struct *vma,
				 uint64_t addr, bool avoid_reserve);
struct folio *hugetlb_filemap_get_folio(struct world *w,
					struct address_space *mapping,
					uint64_t index, bool create);
void hugetlb_add_new_anon_rmap(struct world *w, struct folio *folio);
void hugetlb_add_rmap(struct folio *folio);
void hugetlb_remove_rmap(struct world *w, struct folio *folio);
pte_t huge_ptep_get(struct mm_struct *mm, uint64_t addr, unsigned int level);
void set_huge_pte_at(struct mm_struct *mm, uint64_t addr, unsigned int level,
		     pte_t pte);
unsigned int hugetlb_level(const struct vm_area_struct *vma);
vm_fault_t hugetlb_fault(struct world *w, struct vm_area_struct *vma,
			 uint64_t address, unsigned int flags);
enum follow_result follow_hugetlb_page(struct world *w, struct vm_area_struct *vma,
			uint64_t addr, unsigned int gup_flags,
			struct folio **foliop, unsigned long *idx);
struct folio *gup_fast_hugetlb(struct world *w, struct mm_struct *mm,
			       uint64_t addr, unsigned int gup_flags,
			       unsigned long *idxp);

#endif /* MMFUZZ_EMU_INTERNAL_HUGETLB_H */
