// SPDX-License-Identifier: MIT
/*
 * hugetlb_gup.c - GUP on hugetlb leaves (slow path and GUP-fast), and
 * the page-by-page view of a leaf for the walkers that report content.
 *
 * A GUP of one 4 KiB page of a huge page takes one reference (or pin) on
 * the whole folio, as the kernel's try_grab_folio(folio, refs) does for
 * each page it returns.
 */
#include "internal.h"

/*
 * can_follow_write_hugetlb - may a FOLL_WRITE GUP use this hugetlb leaf?
 * A writable one, yes; since 6.14 also a read-only leaf of a private
 * mapping without VM_WRITE for FOLL_FORCE, once its page is exclusively
 * ours (the COW a forced write fault made).
 *
 * Models: mm/gup.c:can_follow_write_common() (hugetlb leaves, 6.14)
 */
static bool can_follow_write_hugetlb(struct world *w,
				     const struct vm_area_struct *vma, pte_t pte,
				     struct folio *folio, unsigned int gup_flags)
{
	if (pte_write(pte))
		return true;
	if (!knob(w, MMK_HUGETLB_FORCE_WRITE_COW) || !(gup_flags & MMG_FORCE))
		return false;
	if (vma->vm_flags & (VM_MAYSHARE | VM_SHARED))
		return false;
	if (!(vma->vm_flags & VM_MAYWRITE) || (vma->vm_flags & VM_WRITE))
		return false;
	return folio_test_anon(folio) && PageAnonExclusive(folio, 0);
}

/*
 * follow_hugetlb_page - the page of the hugetlb leaf at @addr, usable for
 * this GUP as it is?  A write needs a writable leaf, or since 6.14 a
 * forced write one its COW made ours (before 6.2 the forced write fault
 * made the leaf writable; 6.2 to 6.13 refused the forced write).  A R/O pin of a
 * possibly shared anon folio (head not PAE), or a R/O long-term pin of a
 * page-cache folio in a COW mapping (6.2+), must unshare first.
 *
 * In 5.8 every GET or PIN in a private mapping arrives here as a write
 * (should_force_cow_break() in gup.c, applied before the hugetlb branch
 * as the kernel's __get_user_pages() did): the pipe or pin gets the
 * caller's own copy, copied or reused by the mapcount rule of
 * hugetlb_wp().  hugetlb has no FOLL_COW test: the fault leaves the leaf
 * writable, also in a read-only VMA, where any read GUP (vmsplice, a R/O
 * pin) now lets the process store to memory it mapped read-only.
 *
 * Models: mm/gup.c:follow_huge_pmd()/follow_huge_pud() (6.9+),
 *         mm/hugetlb.c:follow_hugetlb_page() before
 */
enum follow_result follow_hugetlb_page(struct world *w,
				       struct vm_area_struct *vma,
				       uint64_t addr, unsigned int gup_flags,
				       struct folio **foliop,
				       unsigned long *idx)
{
	unsigned int level = hugetlb_level(vma);
	pte_t pte = huge_ptep_get(vma->vm_mm, addr, level);
	struct folio *folio;

	/* Protnone is followed: GUP honours NUMA hinting only when asked. */
	if (!pte_present(pte))
		return FOLLOW_FAULT;
	folio = pte.folio;
	if ((gup_flags & MMG_WRITE) &&
	    !can_follow_write_hugetlb(w, vma, pte, folio, gup_flags))
		return FOLLOW_FAULT;
	if (!pte_write(pte) && gup_must_unshare(w, vma, gup_flags, folio, 0))
		return FOLLOW_UNSHARE;
	if (!(gup_flags & FOLL_NOGRAB))
		gup_grab_folio(w, folio, gup_flags);
	if (gup_flags & MMG_WRITE)
		folio->flags |= PG_dirty;
	*foliop = folio;
	*idx = leaf_page_idx(pte, level, addr);
	return FOLLOW_OK;
}

/*
 * gup_fast_hugetlb - GUP-fast on a hugetlb leaf: as for PTEs, give up
 * (fall back) on anything not plainly usable: not present, protnone, a
 * write to a read-only leaf, or a R/O pin that must unshare (decided
 * without the VMA).  Long-term write pins of hugetlb page cache are fine.
 * In 5.8 every request comes as a write (gup_fast_flags() in gup.c), so
 * only writable leaves are taken.
 * Returns the grabbed folio, or NULL (also when @addr has no hugetlb leaf).
 * The yield points and the re-check of the entry are gup_fast_one()'s
 * (gup.c), with the same divergence.
 *
 * Models: mm/gup.c:gup_fast_pmd_leaf()/gup_fast_pud_leaf()
 */
struct folio *gup_fast_hugetlb(struct world *w, struct mm_struct *mm,
			       uint64_t addr, unsigned int gup_flags,
			       unsigned long *idxp)
{
	unsigned int level = 0;
	pte_t *ptep = leaf_offset(mm, addr, &level), leaf;
	struct folio *folio;

	if (!ptep || !level || !pte_present(*ptep) || pte_protnone(*ptep))
		return NULL;
	leaf = *ptep;
	folio = leaf.folio;
	if (!folio_test_hugetlb(folio))
		return NULL;
	if (mm_in_thread(w)) {
		mm_yield(w, "gup-fast: after reading the entry");
		ptep = leaf_offset(mm, addr, &level);
		if (!ptep || !pte_same(*ptep, leaf))
			return NULL;
	}
	if ((gup_flags & MMG_WRITE) && !pte_write(leaf))
		return NULL;
	gup_grab_folio(w, folio, gup_flags);
	mm_yield(w, "gup-fast: after taking the reference");
	ptep = leaf_offset(mm, addr, &level);
	if (!ptep || !pte_same(*ptep, leaf) ||
	    (!pte_write(leaf) && !knob(w, MMK_GUP_FAST_SKIP_UNSHARE) &&
	     gup_must_unshare(w, NULL, gup_flags, folio, 0))) {
		unpin_or_put(w, folio, gup_flags);
		return NULL;
	}
	*idxp = leaf_page_idx(leaf, level, addr);
	return folio;
}
