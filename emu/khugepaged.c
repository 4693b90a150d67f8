// SPDX-License-Identifier: MIT
/*
 * khugepaged.c - collapsing PTE-mapped anonymous memory into a PMD-mapped
 * THP: MADV_COLLAPSE and the khugepaged pass.
 *
 * Collapse never works in place: a new THP is allocated, the content of
 * every page copied in, and this mm's PTEs replaced by one PMD mapping it
 * exclusively.  Other processes keep the old pages.  Any reference that
 * is not a mapping (a pin, a GUP reference) makes the range ineligible,
 * since the copy would leave its holder behind.
 *
 * Divergence: khugepaged's limits are fixed at their defaults
 * (max_ptes_none 511, max_ptes_swap 64, max_ptes_shared 256) in every
 * era; kernels before 5.8 refused shared pages and PTE-mapped THPs
 * altogether.  No "referenced" heuristic: one pass collapses every
 * eligible range.
 */
#include "internal.h"

#define KHUGEPAGED_MAX_PTES_NONE	511
#define KHUGEPAGED_MAX_PTES_SWAP	64
#define KHUGEPAGED_MAX_PTES_SHARED	256

enum scan_result {
	SCAN_SUCCEED,
	SCAN_PMD_NONE,		/* no page table: nothing was ever mapped there */
	SCAN_PMD_MAPPED,	/* already a PMD leaf: nothing to do */
	SCAN_EXCEED,		/* over a khugepaged limit */
	SCAN_PAGE_REFS,		/* a pin or GUP reference */
	SCAN_FAIL,		/* KSM page, non-anon page */
};

struct collapse_control {
	bool is_khugepaged;
	unsigned int nr_swap;
};

/* Only its mappings (and the swap cache) hold the folio. */
static bool is_refcount_suitable(const struct folio *folio)
{
	long expected = folio_mapcount(folio);

	if (folio_test_swapcache(folio))
		expected += folio_nr_pages(folio);
	return folio_ref_count(folio) == expected;
}

/*
 * hpage_collapse_scan_pmd - can the 2 MiB at @haddr be collapsed?  Not
 * where no page table was ever allocated (find_pmd_or_thp_or_none()):
 * collapsing there would make a THP of nothing but zeroes, so that
 * MADV_COLLAPSE over a large untouched region would fill it.
 *
 * Models: mm/khugepaged.c:hpage_collapse_scan_pmd()
 * Divergence: the kernel's MADV_COLLAPSE may stop at such a range; the
 * emulator goes on to the next one (the errno, -EINVAL, is the same).
 */
static enum scan_result collapse_scan_pmd(struct mm_struct *mm, uint64_t haddr,
					  struct collapse_control *cc)
{
	unsigned int none = 0, swap = 0, shared = 0;

	if (pmd_leaf_offset(mm, haddr))
		return SCAN_PMD_MAPPED;
	if (!pte_offset(mm, haddr, false))
		return SCAN_PMD_NONE;
	for (unsigned long i = 0; i < PTRS_PER_TABLE; i++) {
		pte_t *ptep = pte_offset(mm, haddr + (i << PAGE_SHIFT), false);
		struct folio *folio;

		if (!ptep || pte_none(*ptep) ||
		    (pte_present(*ptep) && pte_special(*ptep))) {
			none++;
			continue;
		}
		if (ptep->type == PTE_SWAP) {
			swap++;
			continue;
		}
		folio = ptep->folio;
		if (!folio_test_anon(folio) || folio_test_ksm(folio))
			return SCAN_FAIL;
		if (page_mapcount(folio, ptep->idx) > 1)
			shared++;
		if (!is_refcount_suitable(folio))
			return SCAN_PAGE_REFS;
	}
	if (cc->is_khugepaged &&
	    (none > KHUGEPAGED_MAX_PTES_NONE || swap > KHUGEPAGED_MAX_PTES_SWAP ||
	     shared > KHUGEPAGED_MAX_PTES_SHARED))
		return SCAN_EXCEED;
	cc->nr_swap = swap;
	return SCAN_SUCCEED;
}

/* Bring the range's swapped pages back, as read faults would. */
static int collapse_swapin(struct world *w, struct vm_area_struct *vma,
			   uint64_t haddr)
{
	for (unsigned long i = 0; i < PTRS_PER_TABLE; i++) {
		uint64_t a = haddr + (i << PAGE_SHIFT);
		pte_t *ptep = pte_offset(vma->vm_mm, a, false);

		if (ptep && ptep->type == PTE_SWAP &&
		    (handle_mm_fault(w, vma, a, 0) & VM_FAULT_ERROR))
			return -ENOMEM;
	}
	return 0;
}

/*
 * The buggy policy collapse_in_place: when the 512 PTEs map the pages of
 * one PMD-sized folio in order, map that very folio by the PMD and mark it
 * exclusive, although other processes may still map its pages.
 */
static bool collapse_in_place(struct world *w, struct vm_area_struct *vma,
			      uint64_t haddr)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t *first = pte_offset(mm, haddr, false);
	struct folio *folio = first && pte_present(*first) ? first->folio : NULL;
	unsigned int flags = _PAGE_YOUNG | _PAGE_DIRTY | _PAGE_SOFT_DIRTY |
			     vma_prot_bits(vma);

	if (!folio || pte_special(*first) || folio->order != HPAGE_PMD_ORDER)
		return false;
	for (unsigned long i = 0; i < PTRS_PER_TABLE; i++) {
		pte_t *ptep = pte_offset(mm, haddr + (i << PAGE_SHIFT), false);

		if (!pte_present(*ptep) || ptep->folio != folio || ptep->idx != i)
			return false;
	}
	for (unsigned long i = 0; i < PTRS_PER_TABLE; i++) {
		uint64_t a = haddr + (i << PAGE_SHIFT);

		folio_remove_rmap_pte(w, folio, i);
		pte_clear(mm, a, pte_offset(mm, a, false));
	}
	folio_put_refs(w, folio, PTRS_PER_TABLE - 1);
	folio->entire_mapcount++;
	folio->large_mapcount++;
	SetPageAnonExclusive(folio, 0);
	if (vma->vm_flags & VM_WRITE)
		flags |= _PAGE_WRITE;
	set_pmd_at(mm, haddr, mk_pte(folio, 0, flags));
	return true;
}

/*
 * collapse_huge_page - copy the 2 MiB at @haddr into a new THP and map it
 * by a PMD with the VMA's protection, writable if the VMA is, dirty and
 * exclusive.  The old pages
 * lose this mm's mappings and references only.
 *
 * The isolation and the PMD are done under the mmap lock taken for
 * writing (the read lock is dropped first).  A stepwise thread that had to
 * wait for it revalidates: the VMA and every page are looked at again.
 * Yield point (stepwise threads): after isolating the old pages, before
 * installing the PMD; GUP-fast then finds no entry and falls back to the
 * slow path, which waits for the lock: no pin can land on an old page.
 *
 * Models: mm/khugepaged.c:collapse_huge_page()
 * Divergence: outside a thread nothing waits: a collapse that would have
 * to wait for a stepwise thread's lock is given up (-EAGAIN).
 */
static int collapse_huge_page(struct world *w, struct vm_area_struct *vma,
			      uint64_t haddr, struct collapse_control *cc)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned int flags = _PAGE_YOUNG | _PAGE_DIRTY | _PAGE_SOFT_DIRTY;
	struct folio *new;
	int ret = mmap_relock_write(w, mm->pid);

	if (ret < 0)
		return -EAGAIN;
	if (ret > 0) {	/* hugepage_vma_revalidate(), then the scan again */
		vma = vma_lookup(mm, haddr);
		if (!vma || vma->vm_start > haddr ||
		    vma->vm_end < haddr + PMD_SIZE ||
		    collapse_scan_pmd(mm, haddr, cc) != SCAN_SUCCEED)
			return -EAGAIN;
	}

	if (cc->nr_swap) {
		if (collapse_swapin(w, vma, haddr))
			return -ENOMEM;
		if (collapse_scan_pmd(mm, haddr, cc) != SCAN_SUCCEED)
			return -EAGAIN;
	}
	if (knob(w, MMK_COLLAPSE_IN_PLACE) && collapse_in_place(w, vma, haddr))
		return 0;
	new = folio_alloc(w, FOLIO_ANON, HPAGE_PMD_ORDER);
	for (unsigned long i = 0; i < PTRS_PER_TABLE; i++) {
		uint64_t a = haddr + (i << PAGE_SHIFT);
		pte_t *ptep = pte_offset(mm, a, false), pte;

		if (!ptep || pte_none(*ptep))
			continue;
		pte = *ptep;
		pte_clear(mm, a, ptep);
		if (pte_special(pte))
			continue;
		if (folio_page_content(pte.folio, pte.idx))
			folio_page_set_content(new, i,
					       folio_page_content(pte.folio, pte.idx));
		folio_remove_rmap_pte(w, pte.folio, pte.idx);
		free_swap_cache(w, pte.folio);
		folio_put(w, pte.folio);
	}
	mm_yield(w, "collapse: old pages isolated, PMD not installed");
	vma->anon_vma = true;
	folio_add_new_anon_rmap_pmd(w, new);
	flags |= vma_prot_bits(vma);	/* the revalidated VMA's */
	if (vma->vm_flags & VM_WRITE)
		flags |= _PAGE_WRITE;
	set_pmd_at(mm, haddr, mk_pte(new, 0, flags));
	return 0;
}

static int scan_result_to_errno(enum scan_result r)
{
	switch (r) {
	case SCAN_SUCCEED:
	case SCAN_PMD_MAPPED:
		return 0;
	case SCAN_PAGE_REFS:
		return -EAGAIN;
	default:
		return -EINVAL;
	}
}

/* Is @vma one whose THPs the emulator collapses: private anonymous? */
static bool collapse_anon_private(const struct vm_area_struct *vma)
{
	return vma_is_anonymous(vma) &&
	       !(vma->vm_flags & (VM_HUGETLB | VM_NOHUGEPAGE | VM_SHARED |
				  VM_MAYSHARE | VM_MIXEDMAP | VM_PFNMAP | VM_IO));
}

/* May a 2 MiB range of @vma be collapsed at all (sysfs aside)? */
static bool collapse_vma_suitable(const struct vm_area_struct *vma,
				  uint64_t haddr)
{
	return collapse_anon_private(vma) &&
	       haddr >= vma->vm_start && haddr + PMD_SIZE <= vma->vm_end;
}

/*
 * collapse_vma_allowable - may MADV_COLLAPSE touch @vma at all: not
 * hugetlb, MADV_NOHUGEPAGE or a driver's, and, outside a fault, the kernel
 * allows PMD_ORDER only for a VMA that holds a whole PMD-aligned 2 MiB
 * range, which it tests on the last one below vm_end.  An anonymous VMA
 * that never faulted a page in (no anon_vma yet, not even through its
 * parent at fork) allows no order outside a fault either.
 *
 * Models: mm/huge_memory.c:__thp_vma_allowable_orders() (!in_pf),
 *         include/linux/huge_mm.h:thp_vma_suitable_order()
 */
static bool collapse_vma_allowable(const struct vm_area_struct *vma)
{
	if (vma->vm_flags & (VM_HUGETLB | VM_NOHUGEPAGE | VM_MIXEDMAP | VM_PFNMAP | VM_IO))
		return false;
	if (vma_is_anonymous(vma) && !vma->anon_vma)
		return false;
	if (vma->vm_end - vma->vm_start < PMD_SIZE)
		return false;
	return ALIGN_DOWN(vma->vm_end - PMD_SIZE, PMD_SIZE) >= vma->vm_start;
}

/*
 * madvise_collapse - MADV_COLLAPSE over [start, end): every PMD-aligned
 * 2 MiB inside it is collapsed, whatever `config thp` says (the VMA must
 * not be MADV_NOHUGEPAGE).  -EINVAL before 6.1, when a VMA of the range
 * cannot hold a PMD at all (a VMA smaller than 2 MiB, say) or the range
 * starts and ends unaligned inside one 2 MiB of it (Linux 6.18 refuses
 * both, as `mmfuzz diff` showed), -EAGAIN when a page is pinned or
 * referenced.
 *
 * Models: mm/khugepaged.c:madvise_collapse()
 * Divergence: the kernel's madvise walk refuses VMA by VMA, after
 * collapsing the ones before; here every VMA is tested first, so a
 * refused range collapses nothing.  File and shmem THPs are not modelled:
 * a whole 2 MiB of such a VMA is refused.  (Collapsing may wait for the mmap
 * lock, after which the VMA list may have changed: each 2 MiB range looks
 * its VMA up again.)
 */
int madvise_collapse(struct world *w, struct mm_struct *mm, uint64_t start,
		     uint64_t end)
{
	struct collapse_control cc = { .is_khugepaged = false };
	int last = 0;

	if (!knob(w, MMK_MADV_COLLAPSE))
		return -EINVAL;
	for (struct vm_area_struct *v = find_vma(mm, start); v && v->vm_start < end;
	     v = v->vm_next) {
		uint64_t s = start > v->vm_start ? start : v->vm_start;
		uint64_t e = end < v->vm_end ? end : v->vm_end;

		/*
		 * The kernel counts the PMDs of the VMA's part of the range as
		 * (hend - hstart) >> PMD_SHIFT, unsigned: a part that starts
		 * and ends inside one 2 MiB unaligned "holds" a huge count it
		 * never collapses.  An aligned start before its first PMD
		 * boundary holds none, and succeeds.  File and shared VMAs,
		 * whose THPs are not modelled, are refused per 2 MiB below.
		 * (Divergence: a file VMA's pgoff alignment is not tested.)
		 */
		if (!collapse_vma_allowable(v) ||
		    ALIGN_UP(s, PMD_SIZE) > ALIGN_DOWN(e, PMD_SIZE))
			return -EINVAL;
	}
	for (uint64_t haddr = ALIGN_UP(start, PMD_SIZE);
	     haddr + PMD_SIZE <= end; haddr += PMD_SIZE) {
		struct vm_area_struct *vma = vma_lookup(mm, haddr);
		enum scan_result r;

		if (!vma)
			continue;
		if (!collapse_anon_private(vma)) {
			last = -EINVAL;		/* file or shmem THP */
			continue;
		}
		/* A range across two VMAs is in neither VMA's part of the walk. */
		if (!collapse_vma_suitable(vma, haddr))
			continue;
		r = collapse_scan_pmd(mm, haddr, &cc);
		if (r == SCAN_SUCCEED) {
			int err = collapse_huge_page(w, vma, haddr, &cc);

			if (err)
				last = err;
		} else if (r != SCAN_PMD_MAPPED) {
			last = scan_result_to_errno(r);
		}
	}
	return last;
}

/*
 * khugepaged_scan - one khugepaged pass: every 2 MiB of every VMA where
 * `config thp` allows THP is collapsed if within the limits.
 *
 * Models: mm/khugepaged.c:khugepaged_scan_mm_slot()
 */
void khugepaged_scan(struct world *w)
{
	struct collapse_control cc = { .is_khugepaged = true };

	for (int pid = 0; pid < NR_PROCS; pid++) {
		struct mm_struct *mm = w->mm[pid];

		for (struct vm_area_struct *vma = mm ? mm->mmap : NULL; vma;
		     vma = vma->vm_next) {
			for (uint64_t haddr = ALIGN_UP(vma->vm_start, PMD_SIZE);
			     haddr + PMD_SIZE <= vma->vm_end; haddr += PMD_SIZE) {
				if (!thp_vma_allowable_pmd(w, vma, haddr) ||
				    collapse_scan_pmd(mm, haddr, &cc) != SCAN_SUCCEED)
					continue;
				collapse_huge_page(w, vma, haddr, &cc);
			}
		}
	}
}
