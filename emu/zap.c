// SPDX-License-Identifier: MIT
/*
 * zap.c - removing entries: munmap, MADV_DONTNEED, mmap over, exit.
 *
 * Per entry the mapping's mapcount and reference go; the zeropage holds
 * neither.  Pins and GUP references are untouched: a pinned page survives
 * unmapped until it is unpinned.  Every zap is the process's own doing, so
 * its GUP records at these addresses stop promising coherence.
 */
#include "internal.h"

static int zap_pte_entry(pte_t *pte, uint64_t addr, struct mm_walk *walk)
{
	struct world *w = walk->priv;
	pte_t old = *pte;

	pte_clear(walk->mm, addr, pte);
	if (old.type == PTE_SWAP) {
		free_swap_and_cache(w, old.swp_offset);
	} else if (!pte_special(old)) {
		folio_remove_rmap_pte(w, old.folio, old.idx);
		free_swap_cache(w, old.folio);
		folio_put(w, old.folio);
	}
	return 0;
}

/* A whole PMD leaf goes at once; a partly covered one is split first. */
static int zap_pmd_entry(pte_t *pmd, uint64_t addr, uint64_t end,
			 struct mm_walk *walk)
{
	(void)pmd;
	if (IS_ALIGNED(addr, PMD_SIZE) && end - addr == PMD_SIZE) {
		zap_huge_pmd(walk->priv, walk->mm, addr);
		return 0;
	}
	split_huge_pmd(walk->vma, addr);
	return WALK_SPLIT;
}

/*
 * zap_page_range - remove every entry of @vma in [start, end) and free the
 * page tables left empty.
 *
 * Models: mm/memory.c:zap_page_range_single() -> zap_pte_range()
 */
void zap_page_range(struct world *w, struct vm_area_struct *vma,
		    uint64_t start, uint64_t end)
{
	static const struct mm_walk_ops ops = { .pte_entry = zap_pte_entry,
						.pmd_entry = zap_pmd_entry };

	start = MAX(start, vma->vm_start);
	end = MIN(end, vma->vm_end);
	if (is_vm_hugetlb_page(vma))
		__unmap_hugepage_range(w, vma, start, end, NULL);
	else
		walk_page_range(vma->vm_mm, start, end, &ops, w);
	free_pgtables(vma->vm_mm, start, end);
	gup_detach_range(w, vma->vm_mm, start, end);
}
