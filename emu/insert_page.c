// SPDX-License-Identifier: MIT
/*
 * insert_page.c - a driver inserting the shared zeropage into its own
 * mapping: vm_insert_page(), vm_insert_pages(), vm_map_pages() and
 * vmf_insert_mixed() called with ZERO_PAGE(0), as drivers do to map a
 * range that reads as zeros without allocating memory for it.
 *
 * Since 6.11 (fce831c92092, knob zeropage_insert_special) the zeropage
 * goes in as a special entry, like the one of an anonymous read fault: no
 * reference, no mapcount, and only into a mapping whose entries can never
 * become writable through it (a COW mapping, whose write faults copy; or a
 * mapping without VM_WRITE and VM_MAYWRITE).  Anywhere else the insertion
 * fails with -EINVAL.
 *
 * Before, the zeropage was inserted like any page a driver owns: one
 * reference, one file mapcount, a normal entry with the mapping's
 * protection.  In a shared writable mapping (no write-notify: a character
 * device has no writeback) that entry is writable, and a store goes
 * straight into the zeropage every process reads zeros from (S5).
 */
#include "internal.h"

/*
 * vm_mixed_zeropage_allowed - may the zeropage be mapped into @vma
 * without ever becoming writable there?  In a COW mapping a write fault
 * or an unshare replaces it by an anon copy; without VM_WRITE and
 * VM_MAYWRITE no entry of the mapping can ever be writable.
 *
 * Models: mm/memory.c:vm_mixed_zeropage_allowed()
 * Divergence: no mm forbids the zeropage (mm_forbids_zeropage() is s390
 * only), and no modelled driver has vm_ops->pfn_mkwrite on a DAX or VM_IO
 * mapping, the third case the kernel accepts.
 */
static bool vm_mixed_zeropage_allowed(const struct vm_area_struct *vma)
{
	if (is_cow_mapping(vma->vm_flags))
		return true;
	return !(vma->vm_flags & (VM_WRITE | VM_MAYWRITE));
}

/*
 * validate_page_before_insert - may a driver insert @folio at all?  The
 * only page modelled here is the zeropage: refused where it could become
 * writable since 6.11, accepted anywhere before.
 *
 * Models: mm/memory.c:validate_page_before_insert()
 */
static int validate_page_before_insert(struct world *w,
				       const struct vm_area_struct *vma,
				       const struct folio *folio)
{
	MM_BUG_ON_FOLIO(w, folio->kind != FOLIO_ZERO, folio);
	if (knob(w, MMK_ZEROPAGE_INSERT_SPECIAL) &&
	    !vm_mixed_zeropage_allowed(vma))
		return -EINVAL;
	return 0;
}

/*
 * insert_page_into_pte_locked - map @folio at @addr if nothing is mapped
 * there yet (-EBUSY otherwise).  The entry takes the mapping's protection
 * (vm_page_prot): read-only in a COW mapping, writable in a shared
 * writable one.  The zeropage is a special entry that takes nothing since
 * 6.11; before, it took a reference and a file mapcount like any page.
 *
 * Models: mm/memory.c:insert_page_into_pte_locked()
 * Divergence: before 6.11 some unmap paths of the kernel could leave the
 * zeropage's refcount unbalanced (semantics §2.23); here every unmap drops
 * what the insertion took, so S1 and S2 hold under both rules.  Before
 * 6.11, vmf_insert_mixed() on an architecture with special PTEs mapped
 * the zeropage through insert_pfn(): special and unreferenced, but with
 * the mapping's protection all the same (writable in a shared writable
 * mapping); only vm_insert_page()'s normal entry is modelled for the old
 * rule.
 */
static int insert_page_into_pte_locked(struct world *w,
				       struct vm_area_struct *vma, pte_t *ptep,
				       uint64_t addr, struct folio *folio)
{
	unsigned int flags = _PAGE_YOUNG | vma_prot_bits(vma);

	if (!pte_none(*ptep))
		return -EBUSY;
	if (vm_page_prot_writable(vma))
		flags |= _PAGE_WRITE;
	if (knob(w, MMK_ZEROPAGE_INSERT_SPECIAL)) {
		/* vm_mixed_zeropage_allowed() saw to it. */
		MM_BUG_ON(w, flags & _PAGE_WRITE);
		flags |= _PAGE_SPECIAL;
	} else {
		folio_get(folio);
		folio_add_file_rmap_pte(folio, 0);
	}
	set_pte_at(vma->vm_mm, addr, ptep, mk_pte(folio, 0, flags));
	return 0;
}

/*
 * vm_insert_page - insert @folio (a small folio) at @addr of @vma, a
 * driver mapping: -EFAULT outside it, else what validation and the entry
 * decide.
 *
 * Models: mm/memory.c:vm_insert_page() -> insert_page()
 * Divergence: the VMA is VM_MIXEDMAP from its mmap on (the kernel sets
 * the flag on the first insertion from the driver's mmap handler); no RSS
 * counters.
 */
static int vm_insert_page(struct world *w, struct vm_area_struct *vma,
			  uint64_t addr, struct folio *folio)
{
	int err;

	if (addr < vma->vm_start || addr >= vma->vm_end ||
	    !(vma->vm_flags & VM_MIXEDMAP))
		return -EFAULT;
	err = validate_page_before_insert(w, vma, folio);
	if (err)
		return err;
	return insert_page_into_pte_locked(w, vma,
					   pte_offset(vma->vm_mm, addr, true),
					   addr, folio);
}

/*
 * mm_insert_zeropage - the driver maps the zeropage at every page of
 * [addr, addr + len), one page after the other, and stops at the first
 * failure; what it inserted before stays (as vm_map_pages() leaves it).
 * Only the driver's own mapping can be reached: a page outside a driver
 * mapping fails with -EFAULT.
 *
 * Models: mm/memory.c:vm_map_pages() / a loop of vm_insert_page() or
 * vmf_insert_mixed(ZERO_PAGE)
 * Divergence: vmf_insert_mixed() reports a refused zeropage as
 * VM_FAULT_SIGBUS to its fault handler; here every refusal is the errno
 * vm_insert_page() returns.
 */
int mm_insert_zeropage(struct world *w, int pid, uint64_t addr, uint64_t len,
		       uint64_t *done)
{
	struct mm_struct *mm = get_mm(w, pid);
	uint64_t nr = len >> PAGE_SHIFT, i;
	int err = 0;

	if (done)
		*done = 0;
	if (!mm)
		return -ESRCH;
	if (!nr || !IS_ALIGNED(addr | len, PAGE_SIZE) || addr + len < addr)
		return -EINVAL;
	/* The driver inserts from its mmap handler: under the write lock. */
	if ((err = mmap_lock(w, pid, MMAP_LOCK_WRITE)))
		return err;
	for (i = 0; i < nr && !err; i++) {
		uint64_t a = addr + (i << PAGE_SHIFT);
		struct vm_area_struct *vma = vma_lookup(mm, a);

		err = vma ? vm_insert_page(w, vma, a, w->zero_folio) : -EFAULT;
		if (!err && done)
			*done = i + 1;
	}
	return err;
}
