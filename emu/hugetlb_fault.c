// SPDX-License-Identifier: MIT
/*
 * hugetlb_fault.c - faults on hugetlb VMAs: a missing leaf
 * (hugetlb_no_page), and write or unshare faults on read-only leaves
 * (hugetlb_wp, the hugetlb COW).
 *
 *   hugetlb_wp
 *     shared VMA ........................ make the leaf writable
 *     anon folio mapped once ............ reuse: PAE, writable (write) / R/O (unshare)
 *     anything else ..................... copy into a new folio, or, when the
 *                                          pool is empty and this is the
 *                                          reservation owner, take the page
 *                                          away from the children and reuse
 *
 * Reuse is decided by the mapcount in every era (b8a2528835b3 documents
 * why): copying on every extra reference could drain a pool that cannot
 * overcommit.  So a plain reference (vmsplice) on a hugetlb page can see a
 * write of the last process mapping it: the known "hugetlb-vmsplice"
 * behaviour (program.md §6).
 */
#include "internal.h"

struct hvm_fault {
	struct world *w;
	struct vm_area_struct *vma;
	uint64_t haddr;
	unsigned int flags;
	unsigned int level;
	pte_t orig_pte;
};

/*
 * hugetlb_wp_writable - does the leaf a write or unshare fault leaves map
 * writable?  A write fault's does; since 6.14 only in a VMA with VM_WRITE
 * (a FOLL_FORCE write to a read-only private mapping gets its copy behind a
 * read-only leaf, as can_follow_write_common() then lets GUP use it); an
 * unshare's never (but for the buggy knob).
 *
 * Models: mm/hugetlb.c:hugetlb_wp() -> make_huge_pte(), set_huge_ptep_maybe_writable()
 */
static bool hugetlb_wp_writable(const struct hvm_fault *vmf, bool unshare)
{
	struct world *w = vmf->w;

	if (unshare && !knob(w, MMK_UNSHARE_MAPS_WRITABLE))
		return false;
	return (vmf->vma->vm_flags & VM_WRITE) ||
	       !knob(w, MMK_HUGETLB_FORCE_WRITE_COW);
}

/*
 * make_huge_pte - a leaf for @folio in @vma: writable and dirty, or
 * read-only, with the VMA's protection (inaccessible in a PROT_NONE
 * mapping a FOLL_FORCE fault reached).  Like the kernel's, a writable
 * leaf does not look at VM_WRITE.
 *
 * Models: mm/hugetlb.c:make_huge_pte()
 */
static pte_t make_huge_pte(const struct vm_area_struct *vma,
			   struct folio *folio, bool writable)
{
	unsigned int flags = _PAGE_YOUNG | vma_prot_bits(vma);

	if (writable)
		flags |= _PAGE_WRITE | _PAGE_DIRTY | _PAGE_SOFT_DIRTY;
	return mk_pte(folio, 0, flags);
}

/* Models: mm/hugetlb.c:set_huge_ptep_writable() */
static void set_huge_ptep_writable(struct hvm_fault *vmf)
{
	set_huge_pte_at(vmf->vma->vm_mm, vmf->haddr, vmf->level,
			pte_mkyoung(pte_mkwrite(pte_mkdirty(vmf->orig_pte))));
}

/*
 * hugetlb_can_reuse - may the faulting mapping keep this folio?  An anon
 * folio mapped by this leaf alone, whoever else holds references.  With
 * the knob hugetlb_reuse_mapcount off, the small-page rule instead:
 * exclusive, or no reference but this mapping's.
 */
static bool hugetlb_can_reuse(struct world *w, struct folio *folio)
{
	if (!folio_test_anon(folio))
		return false;
	if (knob(w, MMK_HUGETLB_REUSE_MAPCOUNT))
		return folio_mapcount(folio) == 1;
	return PageAnonExclusive(folio, 0) || folio_ref_count(folio) == 1;
}

/*
 * unmap_ref_private - the reservation owner could not get a page for its
 * COW: every other private (non-owner) mapping of @folio loses it, and
 * faults there get SIGBUS from now on.  The owner keeps its data.
 *
 * Models: mm/hugetlb.c:unmap_ref_private()
 * Divergence: the kernel finds the other mappings through the file's
 * i_mmap tree; here every process's private hugetlb VMAs are scanned for
 * leaves mapping the folio.
 */
static void unmap_ref_private(struct world *w, struct vm_area_struct *vma,
			      struct folio *folio)
{
	for (int pid = 0; pid < NR_PROCS; pid++) {
		struct mm_struct *mm = w->mm[pid];

		for (struct vm_area_struct *v = mm ? mm->mmap : NULL; v;
		     v = v->vm_next) {
			if (v == vma || !is_vm_hugetlb_page(v) ||
			    (v->vm_flags & VM_MAYSHARE) ||
			    (v->resv_flags & HPAGE_RESV_OWNER))
				continue;
			__unmap_hugepage_range(w, v, v->vm_start, v->vm_end,
					       folio);
		}
	}
}

/*
 * hugetlb_wp - a write or unshare fault on a read-only hugetlb leaf.
 * @pagecache_folio is the page-cache folio at this index of a private
 * file mapping (NULL for anonymous memory): only a COW of that page may
 * use the owner's reservation.
 *
 * Models: mm/hugetlb.c:hugetlb_wp() (hugetlb_cow() before 5.19)
 * Divergence: the old folio's extra reference taken during the fault is
 * not modelled (the reuse rule is the mapcount).
 */
static vm_fault_t hugetlb_wp(struct hvm_fault *vmf,
			     struct folio *pagecache_folio)
{
	struct world *w = vmf->w;
	struct vm_area_struct *vma = vmf->vma;
	bool unshare = vmf->flags & FAULT_FLAG_UNSHARE;
	struct folio *old = vmf->orig_pte.folio, *new;
	bool outside_reserve, retried = false;

	/* 6.2+: no write fault without VM_WRITE (FOLL_FORCE is refused). */
	if (!unshare && !(vma->vm_flags & VM_WRITE) &&
	    knob(w, MMK_HUGETLB_NO_FORCE_WRITE))
		return VM_FAULT_SIGSEGV;
	if (vma->vm_flags & VM_MAYSHARE) {
		set_huge_ptep_writable(vmf);
		return 0;
	}
retry_avoidcopy:
	if (hugetlb_can_reuse(w, old)) {
		if (knob(w, MMK_ANON_EXCLUSIVE))
			SetPageAnonExclusive(old, 0);
		if (hugetlb_wp_writable(vmf, unshare))
			set_huge_ptep_writable(vmf);
		return 0;
	}
	outside_reserve = (vma->resv_flags & HPAGE_RESV_OWNER) &&
			  old != pagecache_folio;
	new = hugetlb_alloc_anon(w, vma, vmf->haddr, outside_reserve);
	if (!new) {
		if (!outside_reserve || retried)
			return VM_FAULT_SIGBUS;
		unmap_ref_private(w, vma, old);
		retried = true;
		goto retry_avoidcopy;
	}
	vma->anon_vma = true;
	folio_copy_contents(new, old);
	hugetlb_remove_rmap(w, old);
	hugetlb_add_new_anon_rmap(w, new);
	set_huge_pte_at(vma->vm_mm, vmf->haddr, vmf->level,
			make_huge_pte(vma, new, hugetlb_wp_writable(vmf, unshare)));
	folio_put(w, old);
	return 0;
}

/*
 * hugetlb_no_page - first touch of a huge page.  Shared mappings map the
 * page-cache folio (allocated on first use), writable if the VMA is.
 * Private mappings map the file's folio where the file has one; anywhere
 * else (anonymous memory, or a hole of the file) a new zeroed anon folio
 * of their own, taken from the mapping's reservation, read-only, then a
 * write fault goes on to hugetlb_wp() (which reuses it).  The file keeps
 * its hole: later writes to the file there do not show in the mapping.
 * A VMA whose pages the owner took away, or an empty pool, gets SIGBUS.
 *
 * Models: mm/hugetlb.c:hugetlb_no_page()
 */
static vm_fault_t hugetlb_no_page(struct hvm_fault *vmf)
{
	struct world *w = vmf->w;
	struct vm_area_struct *vma = vmf->vma;
	bool write = vmf->flags & FAULT_FLAG_WRITE;
	struct folio *folio, *pagecache_folio = NULL;
	pte_t pte;

	if (vma->resv_flags & HPAGE_RESV_UNMAPPED)
		return VM_FAULT_SIGBUS;
	if (vma->vm_file) {
		uint64_t index = linear_page_index(vma, vmf->haddr);

		if (index >= vma->vm_file->size >> PAGE_SHIFT)
			return VM_FAULT_SIGBUS;
		pagecache_folio = hugetlb_filemap_get_folio(w, vma->vm_file,
				index, vma->vm_flags & VM_MAYSHARE);
	}
	if (pagecache_folio) {
		folio = pagecache_folio;
		folio_get(folio);
		hugetlb_add_rmap(folio);
		pte = make_huge_pte(vma, folio, (vma->vm_flags & VM_WRITE) &&
					   (vma->vm_flags & VM_SHARED));
	} else if (vma->vm_flags & VM_MAYSHARE) {
		return VM_FAULT_SIGBUS;		/* the pool is empty */
	} else {
		folio = hugetlb_alloc_anon(w, vma, vmf->haddr, false);
		if (!folio)
			return VM_FAULT_SIGBUS;
		vma->anon_vma = true;
		hugetlb_add_new_anon_rmap(w, folio);
		pte = make_huge_pte(vma, folio, false);
	}
	set_huge_pte_at(vma->vm_mm, vmf->haddr, vmf->level, pte);
	if (!write || (vma->vm_flags & VM_SHARED))
		return 0;
	vmf->orig_pte = pte;
	return hugetlb_wp(vmf, pagecache_folio);
}

/*
 * hugetlb_fault - resolve a fault in a hugetlb VMA at the leaf covering
 * @address.  The caller (handle_mm_fault) has dropped FAULT_FLAG_UNSHARE
 * outside COW mappings.
 *
 * Models: mm/hugetlb.c:hugetlb_fault()
 */
vm_fault_t hugetlb_fault(struct world *w, struct vm_area_struct *vma,
			 uint64_t address, unsigned int flags)
{
	struct hvm_fault vmf = { .w = w, .vma = vma, .flags = flags,
				 .level = hugetlb_level(vma) };
	struct folio *pagecache_folio = NULL;
	pte_t entry;

	vmf.haddr = ALIGN_DOWN(address, huge_page_size_vma(vma));
	vmf.orig_pte = entry = huge_ptep_get(vma->vm_mm, vmf.haddr, vmf.level);
	if (pte_none(entry))
		return hugetlb_no_page(&vmf);
	if (!(flags & (FAULT_FLAG_WRITE | FAULT_FLAG_UNSHARE)) ||
	    pte_write(entry)) {
		if (flags & FAULT_FLAG_WRITE)
			entry = pte_mkdirty(entry);
		set_huge_pte_at(vma->vm_mm, vmf.haddr, vmf.level,
				pte_mkyoung(entry));
		return 0;
	}
	if (!(vma->vm_flags & VM_MAYSHARE) && vma->vm_file)
		pagecache_folio = hugetlb_filemap_get_folio(w, vma->vm_file,
				linear_page_index(vma, vmf.haddr), false);
	return hugetlb_wp(&vmf, pagecache_folio);
}
