// SPDX-License-Identifier: MIT
/*
 * mprotect.c - changing protections: VMA flags, then every present entry
 * gets the VMA's derived protection, and read-only entries may be made
 * writable directly when that cannot break COW.
 */
#include "internal.h"

/*
 * can_change_pte_writable - may mprotect map this entry writable without
 * a write fault?  Not while soft-dirty tracking wants the fault; in a
 * private mapping only for an exclusive anon page; in a shared mapping
 * only if the entry is already dirty (the file system knows).
 *
 * Models: mm/mprotect.c:can_change_pte_writable()
 */
bool can_change_pte_writable(struct world *w, struct vm_area_struct *vma,
			     uint64_t addr, pte_t pte)
{
	struct folio *folio;

	(void)addr;
	if (!(vma->vm_flags & VM_WRITE) || pte_protnone(pte))
		return false;
	if (!(vma->vm_flags & VM_SOFTDIRTY) && !pte_soft_dirty(pte))
		return false;
	if (vma->vm_flags & VM_SHARED)
		return pte_dirty(pte);
	folio = pte_special(pte) ? NULL : pte.folio;
	if (!folio || !folio_test_anon(folio))
		return false;
	if (knob(w, MMK_MPROTECT_UPGRADE_MAPCOUNT))	/* the deliberate bug */
		return !folio_test_ksm(folio) &&
		       page_mapcount(folio, pte.idx) == 1;
	/*
	 * The deliberate bug of the April 2025 proposal: any anon folio that
	 * is not "maybe mapped shared", estimated as the kernel's
	 * folio_likely_mapped_shared() did, from the first page's mapcount.
	 */
	if (knob(w, MMK_MPROTECT_UPGRADE_NOT_SHARED))
		return !folio_test_ksm(folio) && page_mapcount(folio, 0) <= 1;
	if (!knob(w, MMK_MPROTECT_UPGRADE_PAE))
		return false;
	return PageAnonExclusive(folio, pte.idx);
}

/*
 * vma_wants_manual_pte_write_upgrade - does a protection change try to
 * make read-only entries writable one by one?  Private writable mappings
 * always (their protection is read-only for COW), shared ones when they
 * need write-notify.
 *
 * Models: include/linux/mm.h:vma_wants_manual_pte_write_upgrade()
 */
static bool vma_wants_manual_pte_write_upgrade(const struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_SHARED)
		return vma_wants_writenotify(vma);
	return vma->vm_flags & VM_WRITE;
}

static int change_pte_entry(pte_t *ptep, uint64_t addr, struct mm_walk *walk)
{
	struct world *w = walk->priv;
	struct vm_area_struct *vma = walk->vma;
	pte_t pte = *ptep;

	if (!pte_present(pte))
		return 0;
	/* pte_modify(): the new protection replaces the old one. */
	pte = pte_wrprotect(pte);
	pte.flags = (pte.flags & ~_PAGE_PROTNONE) | vma_prot_bits(vma);
	if (vm_page_prot_writable(vma) && !pte_special(pte))
		pte = pte_mkwrite(pte);
	else if (vma_wants_manual_pte_write_upgrade(vma) &&
		 can_change_pte_writable(w, vma, addr, pte)) {
		pte = pte_mkwrite(pte);
		check_mprotect_upgrade(w, vma, addr, pte);
	}
	set_pte_at(vma->vm_mm, addr, ptep, pte);
	return 0;
}

/* A whole PMD leaf changes as one; a partly covered one is split first. */
static int change_pmd_entry(pte_t *pmd, uint64_t addr, uint64_t end,
			    struct mm_walk *walk)
{
	struct vm_area_struct *vma = walk->vma;

	if (IS_ALIGNED(addr, PMD_SIZE) && end - addr == PMD_SIZE) {
		change_huge_pmd(walk->priv, vma, addr, pmd,
				vma_wants_manual_pte_write_upgrade(vma));
		return 0;
	}
	split_huge_pmd(vma, addr);
	return WALK_SPLIT;
}

/*
 * mprotect_fixup - give the part [start, end) of @vma the new protection
 * bits: split it at the edges, set the flags, update its entries.  A
 * VM_LOCKED private VMA made writable is populated with write faults, so
 * that its pages need no COW fault later.
 *
 * Models: mm/mprotect.c:mprotect_fixup()
 * Divergence: the population runs before the VMAs merge back (the kernel
 * populates the merged VMA); it stops at the first page that fails and
 * its error is ignored, as the kernel ignores it.
 */
static void mprotect_fixup(struct world *w, struct vm_area_struct *vma,
			   uint64_t start, uint64_t end, unsigned int newbits)
{
	static const struct mm_walk_ops ops = { .pte_entry = change_pte_entry,
						.pmd_entry = change_pmd_entry };
	struct mm_struct *mm = vma->vm_mm;

	unsigned int oldflags;

	vma_isolate_range(mm, start, end);
	vma = vma_lookup(mm, start);
	oldflags = vma->vm_flags;
	vma->vm_flags = (vma->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC)) |
			newbits;
	if (is_vm_hugetlb_page(vma))
		hugetlb_change_protection(w, vma, start, end);
	else
		walk_page_range(mm, start, end, &ops, w);
	/* A locked private VMA that becomes writable breaks COW now. */
	if ((oldflags & (VM_WRITE | VM_SHARED | VM_LOCKED)) == VM_LOCKED &&
	    (newbits & VM_WRITE))
		populate_range(w, mm, start, end, MMG_WRITE);
	vma_merge_range(w, mm, start, end);
}

/*
 * mm_mprotect - change the VMAs of [addr, addr + len) one after the
 * other, as the kernel does: a hole stops it with -ENOMEM, a shared
 * mapping without VM_MAYWRITE asked for PROT_WRITE with -EACCES, a
 * hugetlb VMA that would have to be split off a huge page boundary with
 * -EINVAL; the VMAs before the stop keep their new protection.  A VMA
 * that already has the protection is left alone: no split, no entry
 * touched (mprotect_fixup() returns early when the flags are equal), so
 * a same-protection mprotect write-protects nothing.
 *
 * Models: mm/mprotect.c:do_mprotect_pkey(), mprotect_fixup()
 */
int mm_mprotect(struct world *w, int pid, uint64_t addr, uint64_t len,
		unsigned int prot)
{
	struct mm_struct *mm = get_mm(w, pid);
	unsigned int newbits = calc_vm_prot_bits(prot);
	uint64_t end = addr + len, tmp = addr;
	int err;

	if (!mm)
		return -ESRCH;
	if (!len || !IS_ALIGNED(addr | len, PAGE_SIZE) || end < addr)
		return -EINVAL;
	if ((err = mmap_lock(w, pid, MMAP_LOCK_WRITE)))
		return err;
	while (tmp < end) {
		struct vm_area_struct *vma = vma_lookup(mm, tmp);
		uint64_t next;

		if (!vma)
			return -ENOMEM;
		if ((newbits & VM_WRITE) && !(vma->vm_flags & VM_MAYWRITE))
			return -EACCES;
		next = MIN(vma->vm_end, end);
		if ((vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)) != newbits) {
			/* Only a VMA that changes is split at the edges. */
			if (hugetlb_split_check(mm, tmp, next))
				return -EINVAL;
			mprotect_fixup(w, vma, tmp, next, newbits);
		}
		tmp = next;
	}
	return 0;
}
