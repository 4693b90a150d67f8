// SPDX-License-Identifier: MIT
/*
 * wp.c - write-protect faults: a write or an unshare request hits a
 * present read-only entry.  Shared mappings are made writable in place;
 * private mappings either reuse the page (it is exclusive, or provably
 * nobody else can see it) or copy it.
 *
 *   do_wp_page
 *     shared VMA ..................... wp_page_shared
 *     anon page, PAE or reusable ..... set PAE; wp_page_reuse (write) / done (unshare)
 *     anything else .................. wp_page_copy
 */
#include "internal.h"

/* The folio behind a present entry, NULL for special entries (zeropage). */
static struct folio *vm_normal_folio(pte_t pte)
{
	return pte_special(pte) ? NULL : pte.folio;
}

/*
 * reuse_swap_page - the rule before 5.9: reuse when this is the only
 * mapping (mapcount + swapcount <= 1), whoever else holds a reference.
 * A GUP reference does not count, which is how a pipe or a pin could see
 * another process's later writes (CVE-2020-29374).  For a THP the count
 * is that of its most mapped page.
 *
 * Divergence: semantics §4.2 gives era A a leak (F) in T3-T6 for every
 * PTE-mapped THP variant, saying the max-over-subpages rule "gives the
 * same answers here".  For the partially mremap()'ed THP it does not:
 * fork also shares the moved half, whose pages stay mapped twice, so the
 * maximum is 2 and the write copies (P).  We follow the rule.  The same
 * goes for era B (5.8), whose table says F for T5 on that kind: the pipe
 * got its reference before fork, so the forced COW break of GUP does not
 * help, but the child's write still sees the moved half's mapcount of 2.
 *
 * Models: mm/swapfile.c:reuse_swap_page() (5.8 and before)
 */
static bool reuse_swap_page(struct world *w, struct folio *folio)
{
	long count = folio_test_large(folio) ? folio_max_map_swapcount(folio) :
		     folio_mapcount(folio);

	if (count > 1)
		return false;
	if (folio_test_swapcache(folio)) {
		count += swap_slot_count(w, folio->swap);
		if (count != 1)
			return false;
		folio_free_swap(w, folio);
	}
	return true;
}

/*
 * folio_mapped_in_mm_window - how many pages of @folio the faulting mm maps
 * where the folio's pages would sit if its page @idx were at the fault
 * address: page i at the folio's start + i pages.  At most the folio's
 * size in lookups (anon THPs are at most PMD-sized).
 */
static long folio_mapped_in_mm_window(struct vm_fault *vmf,
				      struct folio *folio)
{
	uint64_t addr = ALIGN_DOWN(vmf->address, PAGE_SIZE);
	uint64_t before = (uint64_t)vmf->orig_pte.idx * PAGE_SIZE;
	unsigned long first = 0, nr = folio_nr_pages(folio);
	long found = 0;

	/* A folio moved by mremap may start below 0 or end past TASK_SIZE. */
	if (before > addr)
		first = (before - addr) / PAGE_SIZE;
	for (unsigned long i = first; i < nr; i++) {
		uint64_t a = addr + i * PAGE_SIZE - before;
		pte_t *ptep;

		if (a >= TASK_SIZE)
			break;
		ptep = pte_offset(vmf->vma->vm_mm, a, false);
		if (ptep && pte_present(*ptep) && !pte_special(*ptep) &&
		    ptep->folio == folio && ptep->idx == i)
			found++;
	}
	return found;
}

/*
 * __wp_can_reuse_large_anon_folio - may a write fault reuse a page of a
 * PTE-mapped large anon folio that is not PageAnonExclusive?  Since 6.15:
 * if every mapping of the folio is in this mm and every reference comes
 * from a mapping (no GUP reference, no pin, no swap cache), nobody else
 * can observe the page.  A folio with a single page mapped is not reused,
 * so that the rest of it can be freed.
 *
 * Models: mm/memory.c:__wp_can_reuse_large_anon_folio() (6.15)
 * Divergence: the kernel knows "mapped by this mm only" from the folio's
 * two MM-owner slots (folio_maybe_mapped_shared()); without a reverse
 * map we count this mm's PTEs that map the folio's pages in their natural
 * place around the fault address, and require all mappings to be found
 * there.  Pages of the folio that mremap moved elsewhere in the same mm
 * therefore count as shared: we copy where the kernel reuses.  The kernel
 * may also keep "maybe shared" after two other mms unmapped while a third
 * still maps, and copy where we reuse.  Both are safe either way (a copy
 * is never wrong, a reuse happens only with no other mapping or
 * reference).  The swap cache step (free it first) is left out: large
 * folios are split before swap-out (swap.c) so never sit in it.
 */
static bool __wp_can_reuse_large_anon_folio(struct vm_fault *vmf,
					    struct folio *folio)
{
	if (!knob(vmf->w, MMK_LARGE_FOLIO_WP_REUSE))
		return false;	/* before 6.15: give the large folio back sooner */
	if (folio->large_mapcount <= 1)
		return false;
	MM_BUG_ON_FOLIO(vmf->w, folio_test_ksm(folio) ||
			folio_test_swapcache(folio), folio);
	if (folio_ref_count(folio) != folio->large_mapcount)
		return false;
	/* A PMD mapping is never in the window: no need to count. */
	if (folio->entire_mapcount)
		return false;
	return folio_mapped_in_mm_window(vmf, folio) == folio->large_mapcount;
}

/*
 * wp_can_reuse_anon_folio - may a write fault reuse this possibly shared
 * anon folio?  Only if nobody else can observe it: not KSM and exactly one
 * reference (the mapping that faults), or for a large folio (6.15) no
 * reference but this mm's mappings.  Any other mapping, GUP reference or
 * pin forces a copy.
 *
 * Models: mm/memory.c:wp_can_reuse_anon_folio()
 * Divergence: no LRU batches, so lru_add_drain() has nothing to drop;
 * 5.9-5.17 tested the page count alone, which a PTE-mapped THP passes
 * only when a single page is left mapped: we never reuse large folios
 * there (no selftest outcome changes, semantics §4.2).
 */
bool wp_can_reuse_anon_folio(struct vm_fault *vmf, struct folio *folio)
{
	struct world *w = vmf->w;

	if (folio_test_ksm(folio))
		return reuse_ksm_page(w, folio);	/* 5.0 - 5.8 only */
	if (!knob(w, MMK_WP_REUSE_REFCOUNT))
		return reuse_swap_page(w, folio);
	if (folio_test_large(folio))
		return __wp_can_reuse_large_anon_folio(vmf, folio);
	/*
	 * 5.18+: a folio in the swap cache whose slot nobody else uses can
	 * leave it first; before, the cache's reference always forced a copy.
	 */
	if (knob(w, MMK_WP_REUSE_FREE_SWAPCACHE) && folio_test_swapcache(folio)) {
		if (folio_ref_count(folio) > 2)
			return false;
		folio_free_swap(w, folio);
	}
	return folio_ref_count(folio) == 1;
}

/* Models: include/linux/mm.h:maybe_mkwrite() */
static pte_t maybe_mkwrite(pte_t pte, const struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_WRITE)
		pte = pte_mkwrite(pte);
	return pte;
}

/*
 * wp_page_reuse - keep the page and let the write proceed: the entry
 * becomes young, dirty and (if the VMA allows) writable.  With FOLL_FORCE
 * on a VMA without VM_WRITE the entry stays read-only; the page is
 * exclusive, which is what lets GUP write to it.
 *
 * Models: mm/memory.c:wp_page_reuse()
 */
static vm_fault_t wp_page_reuse(struct vm_fault *vmf)
{
	pte_t entry = pte_mkyoung(vmf->orig_pte);

	entry = maybe_mkwrite(pte_mkdirty(entry), vmf->vma);
	set_pte_at(vmf->vma->vm_mm, vmf->address, vmf->pte, entry);
	return 0;
}

/*
 * wp_page_shared - write fault in a shared mapping: make the entry
 * writable and dirty.  Never copies.
 *
 * Models: mm/memory.c:wp_page_shared()
 * Divergence: page_mkwrite is not modelled (the kernel calls it first for
 * file systems with writeback, which may refuse or wait); the folio is
 * only marked dirty.
 */
static vm_fault_t wp_page_shared(struct vm_fault *vmf, struct folio *folio)
{
	if (folio)
		folio->flags |= PG_dirty;
	return wp_page_reuse(vmf);
}

/*
 * wp_page_copy - give the faulting mapping its own copy.
 *
 * High level logic flow:
 *  - allocate a new anon page: zeroed if the entry mapped the zeropage,
 *    else a copy of the old page's content;
 *  - map it exclusive: writable and dirty for a write fault, read-only
 *    (keeping soft-dirty) for an unshare fault;
 *  - the old page loses this mapping and its reference, after the entry
 *    points at the copy.
 *
 * Models: mm/memory.c:wp_page_copy()
 */
static vm_fault_t wp_page_copy(struct vm_fault *vmf, struct folio *old)
{
	struct vm_area_struct *vma = vmf->vma;
	bool unshare = vmf->flags & FAULT_FLAG_UNSHARE;
	struct folio *new;
	pte_t entry;

	vma->anon_vma = true;
	new = folio_alloc(vmf->w, FOLIO_ANON, 0);
	/*
	 * The zeropage is never copied but replaced by a zeroed page, also
	 * when it is a normal entry (a driver inserted it before 6.11).
	 */
	if (old && old->kind != FOLIO_ZERO)
		folio_page_set_content(new, 0,
				       folio_page_content(old, vmf->orig_pte.idx));
	folio_add_new_anon_rmap(vmf->w, new, 0);
	entry = mk_pte(new, 0, _PAGE_YOUNG | vma_prot_bits(vma));
	if (unshare) {
		if (pte_soft_dirty(vmf->orig_pte))
			entry = pte_mksoft_dirty(entry);
		if (knob(vmf->w, MMK_UNSHARE_MAPS_WRITABLE))
			entry = pte_mkwrite(entry);	/* the deliberate bug */
	} else {
		entry = maybe_mkwrite(pte_mkdirty(entry), vma);
	}
	set_pte_at(vma->vm_mm, vmf->address, vmf->pte, entry);
	/*
	 * Drop the old mapping only now that the entry points at the copy;
	 * a reuse check looking at the old folio must still count us.
	 */
	if (old) {
		folio_remove_rmap_pte(vmf->w, old, vmf->orig_pte.idx);
		folio_put(vmf->w, old);
	}
	return 0;
}

/*
 * wp_unshare_not_anon_allowed - may an unshare fault replace a non-anon
 * page (page cache, zeropage) by an anon copy?  Only since 6.2; before,
 * unsharing concerned anon pages alone and was a no-op here.
 */
static bool wp_unshare_not_anon_allowed(struct vm_fault *vmf)
{
	return knob(vmf->w, MMK_UNSHARE_ANY_COW_LONGTERM);
}

/*
 * do_wp_page - a write (or unshare) fault on a present, read-only entry.
 * Entered for private mappings with FAULT_FLAG_WRITE or
 * FAULT_FLAG_UNSHARE, for shared mappings with FAULT_FLAG_WRITE only
 * (handle_mm_fault() drops UNSHARE there).
 *
 * Returns 0 or VM_FAULT_* bits.  On reuse the refcount and mapcount do
 * not change; on copy the old folio loses one mapping and one reference.
 *
 * Models: mm/memory.c:do_wp_page()
 */
vm_fault_t do_wp_page(struct vm_fault *vmf)
{
	bool unshare = vmf->flags & FAULT_FLAG_UNSHARE;
	struct folio *folio = vm_normal_folio(vmf->orig_pte);
	unsigned long idx = vmf->orig_pte.idx;

	if (vmf->vma->vm_flags & (VM_SHARED | VM_MAYSHARE))
		return wp_page_shared(vmf, folio);

	if (folio && folio_test_anon(folio) &&
	    (PageAnonExclusive(folio, idx) ||
	     wp_can_reuse_anon_folio(vmf, folio))) {
		if (knob(vmf->w, MMK_ANON_EXCLUSIVE))
			SetPageAnonExclusive(folio, idx);
		if (!unshare)
			return wp_page_reuse(vmf);
		if (knob(vmf->w, MMK_UNSHARE_MAPS_WRITABLE))	/* the deliberate bug */
			set_pte_at(vmf->vma->vm_mm, vmf->address, vmf->pte,
				   pte_mkwrite(vmf->orig_pte));
		return 0;
	}
	if (unshare && !(folio && folio_test_anon(folio)) &&
	    !wp_unshare_not_anon_allowed(vmf))
		return 0;
	return wp_page_copy(vmf, folio);
}
