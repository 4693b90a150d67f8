// SPDX-License-Identifier: MIT
/*
 * fault.c - the page-fault handler for entries that are missing, and the
 * dispatcher handle_mm_fault().  Write and unshare faults on present
 * read-only entries continue in wp.c.
 *
 * Lock context of the kernel (mmap lock held for read, PTE lock around the
 * entry update) is implicit: the emulator is sequential.
 */
#include "internal.h"

/*
 * do_anonymous_page - first touch of a private anonymous page.  A read
 * maps the shared zeropage (special, read-only, no reference, no mapcount,
 * no anon_vma); a write, or a read where the zeropage is forbidden,
 * allocates a zeroed exclusive folio: order 0, or an mTHP whose every
 * page is mapped at once (one reference and one mapcount per PTE, every
 * page exclusive), writable and dirty if the VMA is, whichever the fault.
 * Either entry has the VMA's protection: a FOLL_FORCE fault in a PROT_NONE
 * mapping leaves an inaccessible one, zeropage included, and the user's
 * own load then still faults and is refused.
 *
 * Models: mm/memory.c:do_anonymous_page() -> alloc_anon_folio()
 */
static vm_fault_t do_anonymous_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct mm_struct *mm = vma->vm_mm;
	struct folio *folio;
	unsigned int flags = _PAGE_YOUNG | vma_prot_bits(vma), order;
	uint64_t start;

	if (!(vmf->flags & FAULT_FLAG_WRITE) && !mm_forbids_zeropage(vmf->w)) {
		set_pte_at(mm, vmf->address, vmf->pte,
			   mk_pte(vmf->w->zero_folio, 0, _PAGE_SPECIAL | flags));
		return 0;
	}
	vma->anon_vma = true;		/* anon_vma_prepare() */
	order = thp_anon_fault_order(vmf->w, vma, vmf->address);
	folio = folio_alloc(vmf->w, FOLIO_ANON, order);	/* ref: the first PTE's */
	folio_ref_add(folio, (long)folio_nr_pages(folio) - 1);
	if (vma->vm_flags & VM_WRITE)
		flags |= _PAGE_WRITE | _PAGE_DIRTY | _PAGE_SOFT_DIRTY;
	start = ALIGN_DOWN(vmf->address, PAGE_SIZE << order);
	for (unsigned long i = 0; i < folio_nr_pages(folio); i++) {
		uint64_t a = start + (i << PAGE_SHIFT);

		folio_add_new_anon_rmap(vmf->w, folio, i);
		set_pte_at(mm, a, pte_offset(mm, a, true), mk_pte(folio, i, flags));
	}
	return 0;
}

/* The page-cache folio backing the faulting address, or NULL past EOF. */
static struct folio *fault_file_folio(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;

	return filemap_get_folio(vmf->w, vma->vm_file,
				 linear_page_index(vma, vmf->address), true);
}

/*
 * vma_wants_writenotify - must a shared writable mapping take a write fault
 * before a page becomes writable?  For file systems with writeback, and
 * while soft-dirty tracking is armed (clear_refs cleared VM_SOFTDIRTY).
 *
 * Models: mm/mmap.c:vma_wants_writenotify()
 */
bool vma_wants_writenotify(const struct vm_area_struct *vma)
{
	if ((vma->vm_flags & (VM_WRITE | VM_SHARED)) != (VM_WRITE | VM_SHARED))
		return false;
	/* Soft-dirty tracking does not apply to hugetlb. */
	if (!(vma->vm_flags & VM_SOFTDIRTY) && !is_vm_hugetlb_page(vma))
		return true;
	return vma->vm_file && file_needs_dirty_tracking(vma->vm_file);
}

/*
 * Is the protection that mmap/mprotect derive for @vma (vm_page_prot)
 * writable?  Private mappings never are: writes must fault for COW.
 */
bool vm_page_prot_writable(const struct vm_area_struct *vma)
{
	if (!(vma->vm_flags & VM_SHARED) || !(vma->vm_flags & VM_WRITE))
		return false;
	return !vma_wants_writenotify(vma);
}

/*
 * do_read_fault - map the page-cache folio (shared or private mapping)
 * with the VMA's protection: read-only in private mappings, writable in
 * shared writable ones that need no write-notify.
 *
 * Models: mm/memory.c:do_read_fault() -> finish_fault() -> set_pte_range()
 */
static vm_fault_t do_read_fault(struct vm_fault *vmf)
{
	struct folio *folio;
	unsigned int flags = _PAGE_YOUNG | vma_prot_bits(vmf->vma);

	do_fault_around(vmf);	/* it may have mapped the page already */
	if (!pte_none(*vmf->pte))
		return 0;
	folio = fault_file_folio(vmf);
	if (!folio)
		return VM_FAULT_SIGBUS;
	folio_get(folio);
	folio_add_file_rmap_pte(folio, 0);
	if (vm_page_prot_writable(vmf->vma))
		flags |= _PAGE_WRITE;
	set_pte_at(vmf->vma->vm_mm, vmf->address, vmf->pte,
		   mk_pte(folio, 0, flags));
	return 0;
}

/*
 * do_cow_fault - write fault on a missing entry of a private file mapping:
 * copy the page-cache page into a new exclusive anon page.  The page-cache
 * page itself is not mapped.
 *
 * Models: mm/memory.c:do_cow_fault()
 */
static vm_fault_t do_cow_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct folio *src = fault_file_folio(vmf), *folio;
	unsigned int flags = _PAGE_YOUNG | _PAGE_DIRTY | _PAGE_SOFT_DIRTY |
			     vma_prot_bits(vma);

	if (!src)
		return VM_FAULT_SIGBUS;
	vma->anon_vma = true;
	folio = folio_alloc(vmf->w, FOLIO_ANON, 0);
	folio_page_set_content(folio, 0, folio_page_content(src, 0));
	folio_add_new_anon_rmap(vmf->w, folio, 0);
	if (vma->vm_flags & VM_WRITE)
		flags |= _PAGE_WRITE;
	set_pte_at(vma->vm_mm, vmf->address, vmf->pte, mk_pte(folio, 0, flags));
	return 0;
}

/*
 * do_shared_fault - write fault on a missing entry of a shared file
 * mapping: map the page-cache page writable and dirty (with the VMA's
 * protection, though GUP lets no write fault into a shared mapping
 * without VM_WRITE, so that is never PROT_NONE).
 *
 * Models: mm/memory.c:do_shared_fault()
 * Divergence: page_mkwrite is not modelled (no file system is told of the
 * write, none can refuse it); the folio is only marked dirty.
 */
static vm_fault_t do_shared_fault(struct vm_fault *vmf)
{
	struct folio *folio = fault_file_folio(vmf);

	if (!folio)
		return VM_FAULT_SIGBUS;
	folio_get(folio);
	folio_add_file_rmap_pte(folio, 0);
	folio->flags |= PG_dirty;
	set_pte_at(vmf->vma->vm_mm, vmf->address, vmf->pte,
		   mk_pte(folio, 0, _PAGE_YOUNG | _PAGE_WRITE | _PAGE_DIRTY |
			  _PAGE_SOFT_DIRTY | vma_prot_bits(vmf->vma)));
	return 0;
}

/*
 * Is there a ->fault handler to fill a missing entry?  Not behind a
 * driver mapping: its driver inserts pages itself (insert_page.c) and
 * leaves vm_ops->fault unset.
 */
static bool vma_has_fault_handler(const struct vm_area_struct *vma)
{
	return !vma->vm_file->chardev;
}

/*
 * do_pte_missing - first touch of a missing entry: an anonymous page, a
 * page-cache page, or SIGBUS where no ->fault handler could provide one
 * (a driver mapping where the driver inserted nothing).
 *
 * Models: mm/memory.c:do_pte_missing() / do_fault()
 */
static vm_fault_t do_pte_missing(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;

	if (vma_is_anonymous(vma))
		return do_anonymous_page(vmf);
	if (!vma_has_fault_handler(vma))
		return VM_FAULT_SIGBUS;
	if (!(vmf->flags & FAULT_FLAG_WRITE))
		return do_read_fault(vmf);
	if (!(vma->vm_flags & VM_SHARED))
		return do_cow_fault(vmf);
	return do_shared_fault(vmf);
}

/*
 * handle_pte_fault - dispatch on the entry: missing, or present (write or
 * unshare of a read-only entry goes to do_wp_page; otherwise only the
 * accessed/dirty bits change).
 *
 * Models: mm/memory.c:handle_pte_fault()
 * Divergence: no NUMA hinting faults (protnone entries come only from
 * PROT_NONE VMAs, where the kernel falls through to the same paths).
 */
static vm_fault_t handle_pte_fault(struct vm_fault *vmf)
{
	pte_t entry = *vmf->pte;

	if (pte_none(entry))
		return do_pte_missing(vmf);
	if (entry.type == PTE_SWAP)
		return do_swap_page(vmf);
	if (vmf->flags & (FAULT_FLAG_WRITE | FAULT_FLAG_UNSHARE)) {
		if (!pte_write(entry))
			return do_wp_page(vmf);
		if (vmf->flags & FAULT_FLAG_WRITE)
			entry = pte_mkdirty(entry);
	}
	set_pte_at(vmf->vma->vm_mm, vmf->address, vmf->pte, pte_mkyoung(entry));
	return 0;
}

/*
 * handle_pmd_fault - the PMD level of a fault: a THP-eligible empty range
 * gets a THP or the huge zeropage; a PMD leaf takes write and unshare
 * faults itself.  VM_FAULT_FALLBACK sends the fault on to the PTE level.
 *
 * Models: mm/memory.c:__handle_mm_fault() (PMD part)
 */
static vm_fault_t handle_pmd_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	pmd_t *pmd = pmd_offset(vma->vm_mm, vmf->address, true);

	if (pte_none(pmd->leaf)) {
		if (pmd->table || !thp_vma_allowable_pmd(vmf->w, vma, vmf->address))
			return VM_FAULT_FALLBACK;
		vmf->pte = &pmd->leaf;
		return do_huge_pmd_anonymous_page(vmf);
	}
	vmf->pte = &pmd->leaf;
	vmf->orig_pte = pmd->leaf;
	vmf->orig_anon = pte_present(pmd->leaf) &&
			 folio_test_anon(pmd->leaf.folio);
	if ((vmf->flags & (FAULT_FLAG_WRITE | FAULT_FLAG_UNSHARE)) &&
	    !pte_write(pmd->leaf)) {
		return do_huge_pmd_wp_page(vmf);
	}
	/* huge_pmd_set_accessed() */
	pmd->leaf = pte_mkyoung(pmd->leaf);
	if (vmf->flags & FAULT_FLAG_WRITE)
		pmd->leaf = pte_mkdirty(pmd->leaf);
	return 0;
}

/*
 * handle_mm_fault - resolve a fault at @addr in @vma.  The caller has
 * checked that the access is allowed (the arch's access_error(), or GUP's
 * check_vma_flags() for FOLL_FORCE).  An unshare request in a mapping that
 * is not a COW mapping degrades to a read fault.
 *
 * Returns 0 or VM_FAULT_* error bits.
 * Models: mm/memory.c:handle_mm_fault() -> __handle_mm_fault()
 */
vm_fault_t handle_mm_fault(struct world *w, struct vm_area_struct *vma,
			   uint64_t addr, unsigned int flags)
{
	struct vm_fault vmf = { .w = w, .vma = vma, .flags = flags,
				.address = ALIGN_DOWN(addr, PAGE_SIZE) };
	vm_fault_t ret;

	if ((flags & FAULT_FLAG_UNSHARE) && !is_cow_mapping(vma->vm_flags))
		vmf.flags &= ~FAULT_FLAG_UNSHARE;
	if (is_vm_hugetlb_page(vma)) {
		vmf.orig_pte = huge_ptep_get(vma->vm_mm,
				ALIGN_DOWN(addr, huge_page_size_vma(vma)),
				hugetlb_level(vma));
		ret = hugetlb_fault(w, vma, addr, vmf.flags);
	} else if ((ret = handle_pmd_fault(&vmf)) & VM_FAULT_FALLBACK) {
		vmf.pte = pte_offset(vma->vm_mm, vmf.address, true);
		MM_BUG_ON(w, !vmf.pte);
		vmf.orig_pte = *vmf.pte;
		vmf.orig_anon = pte_present(vmf.orig_pte) &&
				!pte_special(vmf.orig_pte) &&
				folio_test_anon(vmf.orig_pte.folio);
		ret = handle_pte_fault(&vmf);
	}
	if (ret & VM_FAULT_ERROR)
		return ret;
	if (vmf.flags & FAULT_FLAG_WRITE)
		check_write_fault_done(&vmf);
	else if (vmf.flags & FAULT_FLAG_UNSHARE)
		check_unshare_fault_done(&vmf);
	return ret;
}

/* What a user-visible caller returns for a fault error. */
int fault_error_to_errno(vm_fault_t ret)
{
	if (ret & VM_FAULT_OOM)
		return -ENOMEM;
	if (ret & VM_FAULT_SIGBUS)
		return -MM_ESIGBUS;
	return -MM_ESIGSEGV;
}
