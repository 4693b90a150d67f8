// SPDX-License-Identifier: MIT
/*
 * huge_memory.c - anonymous transparent huge pages: which faults get a
 * PMD-mapped THP, an mTHP or the huge zeropage; write and unshare faults
 * on a PMD; splitting a PMD into PTEs; copying, zapping, changing and
 * following PMD leaves.
 *
 * A PMD-mapped THP is one leaf entry for 512 pages: it holds one
 * reference, one entire mapcount and one large mapcount, and only the
 * head page's PageAnonExclusive counts.  Splitting the PMD gives every
 * subpage its own PTE, reference and mapcount, and the head's exclusivity.
 * The huge zeropage is mapped read-only and holds nothing per mapping.
 *
 * Divergence: no shmem or file THP (page-cache folios are order 0); no
 * deferred split queue (a partly unmapped THP keeps its folio, which is
 * what the kernel shows until memory pressure); no PUD-sized anon THP.
 */
#include "internal.h"

/* The huge zero folio, created on first use; the world keeps one reference. */
struct folio *get_huge_zero_folio(struct world *w)
{
	if (!w->huge_zero_folio)
		w->huge_zero_folio = folio_alloc(w, FOLIO_HUGE_ZERO,
						 HPAGE_PMD_ORDER);
	return w->huge_zero_folio;
}

bool is_huge_zero_pmd(pte_t pmd)
{
	return pte_present(pmd) && pmd.folio->kind == FOLIO_HUGE_ZERO;
}

/* The private anonymous VMAs where THP of any order may be used. */
static bool vma_thp_capable(const struct vm_area_struct *vma)
{
	return vma_is_anonymous(vma) &&
	       !(vma->vm_flags & (VM_HUGETLB | VM_NOHUGEPAGE | VM_SHARED |
				  VM_MAYSHARE | VM_MIXEDMAP | VM_PFNMAP | VM_IO));
}

static bool range_in_vma(const struct vm_area_struct *vma, uint64_t start,
			 uint64_t size)
{
	return start >= vma->vm_start && start + size <= vma->vm_end;
}

/*
 * thp_vma_allowable_pmd - may a fault at @addr map a PMD-sized THP (or
 * the huge zeropage)?  `config thp`: always, or madvise with
 * MADV_HUGEPAGE on the VMA; the aligned 2 MiB must lie inside the VMA.
 *
 * Models: include/linux/huge_mm.h:thp_vma_allowable_order() for PMD_ORDER
 */
bool thp_vma_allowable_pmd(struct world *w, const struct vm_area_struct *vma,
			   uint64_t addr)
{
	if (!vma_thp_capable(vma) ||
	    !range_in_vma(vma, ALIGN_DOWN(addr, PMD_SIZE), PMD_SIZE))
		return false;
	switch (w->cfg.thp) {
	case MM_THP_MODE_ALWAYS:
		return true;
	case MM_THP_MODE_MADVISE:
		return vma->vm_flags & VM_HUGEPAGE;
	default:
		return false;
	}
}

/*
 * thp_anon_fault_order - the order of the folio a write fault at @addr
 * allocates: the largest `config mthp` size whose aligned range lies in
 * the VMA and has no entry yet, else 0.
 *
 * Models: mm/memory.c:alloc_anon_folio() / thp_vma_suitable_orders()
 * Divergence: the sizes of `config mthp` behave like the kernel's
 * per-size "always" (the setting cow.c uses), independent of `config
 * thp`; MADV_NOHUGEPAGE still forbids them.  Allocation never fails.
 */
unsigned int thp_anon_fault_order(struct world *w, struct vm_area_struct *vma,
				  uint64_t addr)
{
	uint32_t mask = w->cfg.mthp_kb_mask;

	if (!mask || !vma_thp_capable(vma))
		return 0;
	for (int k = 6; k >= 0; k--) {
		unsigned int order = (unsigned int)k + 2;	/* 16k << k */
		uint64_t size = PAGE_SIZE << order;
		uint64_t start = ALIGN_DOWN(addr, size);
		bool empty = true;

		if (!(mask & (1u << k)) || !range_in_vma(vma, start, size))
			continue;
		for (uint64_t a = start; a < start + size && empty; a += PAGE_SIZE) {
			pte_t *ptep = pte_offset(vma->vm_mm, a, false);

			empty = !ptep || pte_none(*ptep);
		}
		if (empty)
			return order;
	}
	return 0;
}

/*
 * do_huge_pmd_anonymous_page - first touch of a THP-eligible 2 MiB range.
 * A read maps the huge zeropage (if enabled); otherwise a new THP is
 * mapped writable (if the VMA is) and dirty, its head exclusive.  Both
 * take the VMA's protection: inaccessible after a FOLL_FORCE fault in a
 * PROT_NONE mapping.
 *
 * Models: mm/huge_memory.c:do_huge_pmd_anonymous_page(),
 * set_huge_zero_folio(), map_anon_folio_pmd()
 */
vm_fault_t do_huge_pmd_anonymous_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	uint64_t haddr = ALIGN_DOWN(vmf->address, PMD_SIZE);
	struct folio *folio;
	unsigned int flags = _PAGE_YOUNG | vma_prot_bits(vma);

	if (!(vmf->flags & FAULT_FLAG_WRITE) && !mm_forbids_zeropage(vmf->w) &&
	    vmf->w->cfg.huge_zeropage) {
		set_pmd_at(vma->vm_mm, haddr,
			   mk_pte(get_huge_zero_folio(vmf->w), 0,
				  _PAGE_SPECIAL | flags));
		return 0;
	}
	flags |= _PAGE_DIRTY | _PAGE_SOFT_DIRTY;
	vma->anon_vma = true;
	folio = folio_alloc(vmf->w, FOLIO_ANON, HPAGE_PMD_ORDER);
	folio_add_new_anon_rmap_pmd(vmf->w, folio);
	if (vma->vm_flags & VM_WRITE)
		flags |= _PAGE_WRITE;
	set_pmd_at(vma->vm_mm, haddr, mk_pte(folio, 0, flags));
	return 0;
}

/*
 * __split_huge_pmd - replace the PMD leaf covering @addr by a table of 512
 * PTEs mapping the same pages: each subpage gets a reference and a
 * mapcount, the folio loses its entire mapping; the entry bits are
 * copied, and the head's exclusivity goes to every subpage.  A huge zero
 * PMD becomes 512 zeropage PTEs.  Always possible, pins included: the
 * pinned pages stay mapped where they were.
 *
 * Models: mm/huge_memory.c:__split_huge_pmd_locked()
 */
void split_huge_pmd(struct vm_area_struct *vma, uint64_t addr)
{
	struct mm_struct *mm = vma->vm_mm;
	struct world *w = mm->w;
	uint64_t haddr = ALIGN_DOWN(addr, PMD_SIZE);
	pte_t *pmdp = pmd_leaf_offset(mm, haddr), pmd;
	struct folio *folio;
	bool exclusive;

	if (!pmdp || (vma->vm_flags & VM_HUGETLB))
		return;
	pmd = *pmdp;
	MM_BUG_ON(w, !pte_present(pmd));
	set_pmd_at(mm, haddr, pte_empty());
	if (is_huge_zero_pmd(pmd)) {
		unsigned int flags = _PAGE_SPECIAL |
			(pmd.flags & (_PAGE_YOUNG | _PAGE_SOFT_DIRTY | _PAGE_PROTNONE));

		for (unsigned long i = 0; i < PTRS_PER_TABLE; i++) {
			uint64_t a = haddr + (i << PAGE_SHIFT);

			set_pte_at(mm, a, pte_offset(mm, a, true),
				   mk_pte(w->zero_folio, 0, flags));
		}
		return;
	}
	folio = pmd.folio;
	exclusive = folio_test_anon(folio) && PageAnonExclusive(folio, 0);
	folio_ref_add(folio, PTRS_PER_TABLE - 1);
	folio->entire_mapcount--;
	folio->large_mapcount += PTRS_PER_TABLE - 1;
	for (unsigned long i = 0; i < PTRS_PER_TABLE; i++) {
		uint64_t a = haddr + (i << PAGE_SHIFT);
		struct page_state *page = folio_page(folio, i);

		page->mapcount++;
		if (folio_test_anon(folio))
			page->anon_exclusive = exclusive;
		set_pte_at(mm, a, pte_offset(mm, a, true),
			   mk_pte(folio, i, pmd.flags));
	}
}

/*
 * folio_max_map_swapcount - the pre-5.18 reuse test of a THP: the largest
 * number of mappings plus swap references of any of its pages, PMD
 * mappings counting for every page.
 *
 * Models: mm/swapfile.c:page_trans_huge_map_swapcount() (5.17 and before)
 * Divergence: large folios are never in the swap cache here (swap-out
 * splits them first), so only mappings count.
 */
long folio_max_map_swapcount(const struct folio *folio)
{
	long max = 0;

	if (!folio->order)
		return folio->page0.mapcount + folio->entire_mapcount;
	for_each_folio_chunk(folio, c)
		for (unsigned long i = 0; i < folio_chunk_pages(folio); i++)
			max = MAX(max, folio->chunks[c][i].mapcount);
	return max + folio->entire_mapcount;
}

/*
 * Whole-THP copy of the kernels before 5.8: the faulting mapping gets a
 * new THP with the old content (zeros for the huge zeropage), writable
 * (if the VMA is), dirty and exclusive, with the VMA's protection; the
 * old folio loses this PMD mapping.
 *
 * Models: mm/huge_memory.c:do_huge_pmd_wp_page_fallback() / do_huge_pmd_wp_page() (5.7)
 */
static vm_fault_t wp_huge_pmd_copy(struct vm_fault *vmf, struct folio *old)
{
	struct vm_area_struct *vma = vmf->vma;
	uint64_t haddr = ALIGN_DOWN(vmf->address, PMD_SIZE);
	struct folio *new = folio_alloc(vmf->w, FOLIO_ANON, HPAGE_PMD_ORDER);
	unsigned int flags = _PAGE_YOUNG | _PAGE_DIRTY | _PAGE_SOFT_DIRTY |
			     vma_prot_bits(vma);

	if (old)
		folio_copy_contents(new, old);
	vma->anon_vma = true;
	folio_add_new_anon_rmap_pmd(vmf->w, new);
	if (vma->vm_flags & VM_WRITE)
		flags |= _PAGE_WRITE;
	set_pmd_at(vma->vm_mm, haddr, mk_pte(new, 0, flags));
	if (old) {
		folio_remove_rmap_pmd(vmf->w, old);
		folio_put(vmf->w, old);
	}
	return 0;
}

/* May the faulting mapping keep this PMD-mapped anon THP? */
static bool huge_pmd_reusable(struct world *w, struct folio *folio)
{
	if (folio_test_ksm(folio))
		return false;
	if (knob(w, MMK_THP_WP_REUSE_REFCOUNT))
		return folio_ref_count(folio) == 1;
	return folio_max_map_swapcount(folio) <= 1;
}

/*
 * do_huge_pmd_wp_page - a write or unshare fault on a read-only PMD.
 * An exclusive head, or a THP nobody else holds (refcount 1 since 5.18,
 * mappings before), is reused in place; anything else is split and the
 * fault continues on the PTE (VM_FAULT_FALLBACK), which copies 4 KiB.
 * The huge zeropage is split too.  Before 5.8 the whole THP was copied.
 *
 * Models: mm/huge_memory.c:do_huge_pmd_wp_page()
 */
vm_fault_t do_huge_pmd_wp_page(struct vm_fault *vmf)
{
	struct world *w = vmf->w;
	struct vm_area_struct *vma = vmf->vma;
	bool unshare = vmf->flags & FAULT_FLAG_UNSHARE;
	pte_t pmd = vmf->orig_pte;
	struct folio *folio = pmd.folio;

	if (is_huge_zero_pmd(pmd)) {
		if (!unshare && !knob(w, MMK_THP_COW_SPLIT))
			return wp_huge_pmd_copy(vmf, NULL);
		split_huge_pmd(vma, vmf->address);
		return VM_FAULT_FALLBACK;
	}
	if (folio_test_anon(folio) &&
	    (PageAnonExclusive(folio, 0) || huge_pmd_reusable(w, folio))) {
		if (knob(w, MMK_ANON_EXCLUSIVE))
			SetPageAnonExclusive(folio, 0);
		if (!unshare)
			*vmf->pte = pte_mkyoung(pte_mkdirty(
				(vma->vm_flags & VM_WRITE) ? pte_mkwrite(pmd) : pmd));
		else if (knob(w, MMK_UNSHARE_MAPS_WRITABLE))	/* the deliberate bug */
			*vmf->pte = pte_mkwrite(pmd);
		return 0;
	}
	if (folio_test_anon(folio) && !unshare && !knob(w, MMK_THP_COW_SPLIT))
		return wp_huge_pmd_copy(vmf, folio);
	split_huge_pmd(vma, vmf->address);
	return VM_FAULT_FALLBACK;
}

/*
 * copy_huge_pmd - fork of a PMD leaf.  The huge zeropage is copied as is.
 * A THP that may be pinned is not shared: the parent's PMD is split and
 * the PTE rules copy the pinned pages (returns WALK_SPLIT).  Otherwise
 * both map it read-only and the head loses its exclusivity.
 *
 * Models: mm/huge_memory.c:copy_huge_pmd()
 */
int copy_huge_pmd(struct world *w, struct vm_area_struct *dst_vma,
		  struct vm_area_struct *src_vma, uint64_t addr, pte_t *src_pmd)
{
	struct mm_struct *src_mm = src_vma->vm_mm;
	pte_t pmd = *src_pmd;
	struct folio *folio = pmd.folio;

	if (!is_huge_zero_pmd(pmd) && folio_test_anon(folio)) {
		bool pinned = folio_needs_cow_for_dma(w, src_mm, folio);

		if (knob(w, MMK_ANON_EXCLUSIVE) ? pinned && PageAnonExclusive(folio, 0) :
		    pinned && is_cow_mapping(src_vma->vm_flags)) {
			split_huge_pmd(src_vma, addr);
			return WALK_SPLIT;
		}
		ClearPageAnonExclusive(folio, 0);
		folio_get(folio);
		folio->entire_mapcount++;
		folio->large_mapcount++;
	} else if (!is_huge_zero_pmd(pmd)) {
		folio_get(folio);
		folio->entire_mapcount++;
		folio->large_mapcount++;
	}
	if (is_cow_mapping(src_vma->vm_flags) && pte_write(pmd)) {
		pmd = pte_wrprotect(pmd);
		*src_pmd = pmd;
	}
	set_pmd_at(dst_vma->vm_mm, ALIGN_DOWN(addr, PMD_SIZE), pte_mkold(pmd));
	return 0;
}

/*
 * zap_huge_pmd - remove a PMD leaf: the THP loses one entire mapping and
 * its reference; the huge zeropage holds nothing.
 *
 * Models: mm/huge_memory.c:zap_huge_pmd()
 */
void zap_huge_pmd(struct world *w, struct mm_struct *mm, uint64_t addr)
{
	uint64_t haddr = ALIGN_DOWN(addr, PMD_SIZE);
	pte_t pmd = *pmd_leaf_offset(mm, haddr);

	set_pmd_at(mm, haddr, pte_empty());
	if (is_huge_zero_pmd(pmd))
		return;
	folio_remove_rmap_pmd(w, pmd.folio);
	folio_put(w, pmd.folio);
}

/*
 * can_change_pmd_writable - the PMD version of can_change_pte_writable():
 * only an exclusive anon THP, without pending soft-dirty tracking.
 *
 * Models: mm/huge_memory.c:can_change_pmd_writable() (6.2+)
 */
static bool can_change_pmd_writable(struct world *w,
				    struct vm_area_struct *vma, pte_t pmd)
{
	if (!(vma->vm_flags & VM_WRITE) || pte_protnone(pmd) ||
	    is_huge_zero_pmd(pmd))
		return false;
	if (!(vma->vm_flags & VM_SOFTDIRTY) && !pte_soft_dirty(pmd))
		return false;
	if (vma->vm_flags & VM_SHARED)
		return pte_dirty(pmd);
	if (!folio_test_anon(pmd.folio) || folio_test_ksm(pmd.folio))
		return false;
	if (knob(w, MMK_MPROTECT_UPGRADE_MAPCOUNT))	/* the deliberate bug */
		return folio_mapcount(pmd.folio) == 1;
	return knob(w, MMK_MPROTECT_UPGRADE_PAE) && PageAnonExclusive(pmd.folio, 0);
}

/*
 * change_huge_pmd - mprotect of a whole PMD leaf: the VMA's protection,
 * plus the write upgrade for exclusive anon THPs.
 *
 * Models: mm/huge_memory.c:change_huge_pmd()
 */
void change_huge_pmd(struct world *w, struct vm_area_struct *vma,
		     uint64_t addr, pte_t *pmdp, bool try_upgrade)
{
	pte_t pmd = pte_wrprotect(*pmdp);

	pmd.flags = (pmd.flags & ~_PAGE_PROTNONE) | vma_prot_bits(vma);
	if (try_upgrade && can_change_pmd_writable(w, vma, pmd)) {
		pmd = pte_mkwrite(pmd);
		check_mprotect_upgrade(w, vma, addr, pmd);
	}
	*pmdp = pmd;
}

/*
 * split_folio - split a PTE-mapped anon large folio into small folios,
 * one per mapped page, keeping every page's content, mappings and
 * exclusivity; unmapped pages are freed.  Refused (-EBUSY) while anybody
 * holds a reference that is not a mapping: a pinned folio cannot be
 * split.  @maps are the folio's PTE mappings, every one of them.
 *
 * Models: mm/huge_memory.c:split_huge_page_to_list_to_order()
 * Divergence: no rmap: the caller passes the mappings its own page-table
 * walk found (one walk for all the folios it splits, not one per folio);
 * the migration entries of the kernel's unmap/remap are not visible, the
 * emulator being sequential.
 */
int split_folio(struct world *w, struct folio *folio,
		const struct folio_mapping *maps, size_t nr_maps)
{
	unsigned long nr = folio_nr_pages(folio);
	struct folio **pages;		/* the new small folio of each page */

	if (!folio_test_large(folio) || !folio_test_anon(folio) ||
	    folio->entire_mapcount || folio_test_swapcache(folio) ||
	    folio_ref_count(folio) != folio->large_mapcount)
		return -EBUSY;
	/* Every mapping is remapped: one left behind would map a freed folio. */
	MM_BUG_ON_FOLIO(w, (long)nr_maps != folio->large_mapcount, folio);
	pages = mm_zalloc(nr * sizeof(*pages));
	for (unsigned long i = 0; i < nr; i++) {
		const struct page_state *page = folio_page_peek(folio, i);
		struct folio *new;

		if (!page || !page->mapcount)
			continue;
		new = folio_alloc(w, FOLIO_ANON, 0);
		new->flags = folio->flags & PG_dirty;
		new->page0.content = page->content;
		new->page0.mapcount = page->mapcount;
		new->page0.anon_exclusive = page->anon_exclusive;
		folio_ref_add(new, page->mapcount - 1);
		pages[i] = new;
	}
	for (size_t m = 0; m < nr_maps; m++) {
		pte_t *ptep = pte_offset(maps[m].mm, maps[m].addr, false);

		MM_BUG_ON_FOLIO(w, maps[m].folio != folio || !ptep ||
				!pte_present(*ptep) || ptep->folio != folio, folio);
		ptep->folio = pages[ptep->idx];
		ptep->idx = 0;
	}
	free(pages);
	folio->large_mapcount = 0;
	folio_put_refs(w, folio, folio_ref_count(folio));
	return 0;
}
