// SPDX-License-Identifier: MIT
/*
 * madvise.c - MADV_DONTNEED, MADV_FREE, the fork-behaviour flags,
 * MADV_(NO)HUGEPAGE, MADV_POPULATE_(READ|WRITE) and MADV_REMOVE (whose
 * hole punch is truncate.c's); MADV_PAGEOUT is swap.c's, MADV_COLLAPSE
 * khugepaged.c's, MADV_(UN)MERGEABLE ksm.c's.
 */
#include "internal.h"

/* Models: mm/madvise.c:madvise_free_pte_range() */
static int madvise_free_pte_entry(pte_t *ptep, uint64_t addr,
				  struct mm_walk *walk)
{
	pte_t pte = *ptep;
	struct folio *folio;

	if (!pte_present(pte) || pte_special(pte))
		return 0;
	folio = pte.folio;
	/* A page someone else maps too cannot be freed lazily. */
	if (!folio_test_anon(folio) || folio_mapcount(folio) != 1)
		return 0;
	folio->flags &= ~PG_dirty;
	folio->flags |= PG_lazyfree;
	set_pte_at(walk->mm, addr, ptep, pte_mkold(pte_mkclean(pte)));
	return 0;
}

/* MADV_FREE works on PTEs: a THP only partly covered is split first. */
static int madvise_free_pmd_entry(pte_t *pmd, uint64_t addr, uint64_t end,
				  struct mm_walk *walk)
{
	(void)pmd;
	(void)end;
	split_huge_pmd(walk->vma, addr);
	return WALK_SPLIT;
}

static int madvise_free(struct world *w, struct mm_struct *mm, uint64_t start,
			uint64_t end)
{
	static const struct mm_walk_ops ops = { .pte_entry = madvise_free_pte_entry,
						.pmd_entry = madvise_free_pmd_entry };

	for (struct vm_area_struct *v = find_vma(mm, start);
	     v && v->vm_start < end; v = v->vm_next)
		if (!vma_is_anonymous(v) ||
		    (v->vm_flags & (VM_SHARED | VM_LOCKED)))
			return -EINVAL;
	walk_page_range(mm, start, end, &ops, w);
	return 0;
}

/*
 * madvise_dontneed - zap the range VMA by VMA; a VM_LOCKED VMA stops it
 * with -EINVAL, the VMAs before it are zapped already.  In a hugetlb VMA
 * only whole huge pages go (hugetlb_dontneed_end()).
 *
 * Models: mm/madvise.c:madvise_dontneed_single_vma(),
 *         madvise_dontneed_free_valid_vma()
 */
static int madvise_dontneed(struct world *w, struct mm_struct *mm,
			    uint64_t start, uint64_t end)
{
	for (struct vm_area_struct *v = find_vma(mm, start);
	     v && v->vm_start < end; v = v->vm_next) {
		uint64_t s = MAX(start, v->vm_start), e = MIN(end, v->vm_end);

		if (v->vm_flags & VM_LOCKED)
			return -EINVAL;
		if (is_vm_hugetlb_page(v))
			e = hugetlb_dontneed_end(w, v, e);
		if (s < e)
			zap_page_range(w, v, s, e);
	}
	return 0;
}

/*
 * madvise_pageout_vmas - MADV_PAGEOUT stops at the first VM_LOCKED VMA
 * with -EINVAL; the VMAs before it are paged out.
 *
 * Models: mm/madvise.c:madvise_pageout() -> can_madv_lru_vma()
 */
static int madvise_pageout_vmas(struct world *w, struct mm_struct *mm,
				uint64_t start, uint64_t end)
{
	struct vm_area_struct *v;

	for (v = find_vma(mm, start); v && v->vm_start < end; v = v->vm_next)
		if (v->vm_flags & VM_LOCKED)
			break;
	if (v && v->vm_start < end) {
		if (v->vm_start > start)
			madvise_pageout(w, mm, start, v->vm_start);
		return -EINVAL;
	}
	return madvise_pageout(w, mm, start, end);
}

/*
 * madvise_remove - punch [start, end) of one VMA out of its file.  The
 * VMA must be shared and may-write: a private file mapping gets -EACCES,
 * an anonymous private one -EINVAL (it has no file), as does a locked one.
 *
 * Models: mm/madvise.c:madvise_remove()
 * Divergence: before 6.7 the kernel asked for VM_WRITE rather than
 * VM_MAYWRITE (a shared mapping without PROT_WRITE got -EACCES); no era
 * models that.  A private MAP_HUGETLB mapping has no file here; the
 * kernel's has one (hugetlbfs) and so gets -EACCES, which is returned.
 */
static int madvise_remove(struct world *w, struct vm_area_struct *vma,
			  uint64_t start, uint64_t end)
{
	uint64_t off;

	if (vma->vm_flags & VM_LOCKED)
		return -EINVAL;
	if (!vma->vm_file)
		return is_vm_hugetlb_page(vma) ? -EACCES : -EINVAL;
	if (!vma_is_shared_maywrite(vma))
		return -EACCES;
	off = (start - vma->vm_start) + (vma->vm_pgoff << PAGE_SHIFT);
	return file_punch_hole(w, vma->vm_file, off, end - start);
}

/* MADV_REMOVE VMA by VMA; the first refusal stops it. */
static int madvise_remove_vmas(struct world *w, struct mm_struct *mm,
			       uint64_t start, uint64_t end)
{
	for (struct vm_area_struct *v = find_vma(mm, start);
	     v && v->vm_start < end; v = v->vm_next) {
		int err = madvise_remove(w, v, MAX(start, v->vm_start),
					 MIN(end, v->vm_end));

		if (err)
			return err;
	}
	return 0;
}

/* The flags @advice gives a VMA that has @flags. */
static unsigned long madvise_new_flags(unsigned long flags,
				       enum mm_madv advice)
{
	switch (advice) {
	case MMA_DONTFORK:	return flags | VM_DONTCOPY;
	case MMA_DOFORK:	return flags & ~VM_DONTCOPY;
	case MMA_WIPEONFORK:	return flags | VM_WIPEONFORK;
	case MMA_KEEPONFORK:	return flags & ~VM_WIPEONFORK;
	case MMA_HUGEPAGE:	return (flags & ~VM_NOHUGEPAGE) | VM_HUGEPAGE;
	default:		return (flags & ~VM_HUGEPAGE) | VM_NOHUGEPAGE;
	}
}

/*
 * The fork-behaviour flags and MADV_(NO)HUGEPAGE.  (NO)HUGEPAGE only
 * decides future faults and khugepaged: existing THPs stay as they are.
 * A VMA whose flags the advice does not change is left alone, not split:
 * so a hugetlb VMA refuses only an advice that would change the flags of
 * part of a huge page.
 *
 * Models: mm/madvise.c:madvise_update_vma() / hugepage_madvise()
 */
static int madvise_behavior(struct world *w, struct mm_struct *mm,
			    uint64_t start, uint64_t end, enum mm_madv advice)
{
	struct vm_area_struct *v;

	for (v = find_vma(mm, start); v && v->vm_start < end; v = v->vm_next) {
		if (advice == MMA_WIPEONFORK &&
		    (v->vm_file || (v->vm_flags & VM_SHARED)))
			return -EINVAL;
		if (advice == MMA_DOFORK && (v->vm_flags & VM_IO))
			return -EINVAL;
		if ((advice == MMA_HUGEPAGE || advice == MMA_NOHUGEPAGE) &&
		    (v->vm_flags & VM_HUGETLB))
			return -EINVAL;
		if (madvise_new_flags(v->vm_flags, advice) != v->vm_flags &&
		    hugetlb_split_check(mm, MAX(start, v->vm_start),
					MIN(end, v->vm_end)))
			return -EINVAL;
	}
	for (uint64_t cur = start;
	     cur < end && (v = find_vma(mm, cur)) && v->vm_start < end; ) {
		uint64_t s = MAX(start, v->vm_start), e = MIN(end, v->vm_end);

		cur = e;
		if (madvise_new_flags(v->vm_flags, advice) == v->vm_flags)
			continue;
		vma_isolate_range(mm, s, e);
		v = vma_lookup(mm, s);
		v->vm_flags = madvise_new_flags(v->vm_flags, advice);
	}
	vma_merge_range(w, mm, start, end);
	return 0;
}

/*
 * madvise_populate - MADV_POPULATE_(READ|WRITE): fault the range in, VMA
 * by VMA, without FOLL_FORCE.  A VMA these GUP flags may not touch at all
 * (PROT_NONE, a write to a mapping without PROT_WRITE, VM_IO/VM_PFNMAP)
 * is -EINVAL, not GUP's -EFAULT: the kernel reports incompatible
 * mappings and permissions as invalid advice.  A hole is -ENOMEM; a fault
 * that fails (SIGBUS beyond the end of a file) stays -EFAULT.  The VMAs
 * before a failing one stay populated.
 *
 * Models: mm/madvise.c:madvise_populate(), mm/gup.c:faultin_page_range()
 */
static int madvise_populate(struct world *w, struct mm_struct *mm,
			    uint64_t start, uint64_t end,
			    unsigned int gup_flags)
{
	while (start < end) {
		struct vm_area_struct *vma = vma_lookup(mm, start);
		uint64_t next;
		int ret;

		if (!vma)
			return -ENOMEM;
		if (check_vma_flags(w, vma, gup_flags))
			return -EINVAL;
		next = MIN(vma->vm_end, end);
		ret = populate_range(w, mm, start, next, gup_flags);
		if (ret)
			return ret;
		start = next;
	}
	return 0;
}

/*
 * Does this kernel know the advice at all?  MADV_POPULATE_(READ|WRITE)
 * came with 5.14; an older kernel refuses them as any unknown advice,
 * before looking at the range.  (MADV_COLLAPSE, 6.1, is refused later, by
 * madvise_collapse itself, as the knob madv_collapse was modelled first.)
 *
 * Models: mm/madvise.c:madvise_behavior_valid()
 */
static bool madvise_behavior_valid(struct world *w, enum mm_madv advice)
{
	if (advice == MMA_POPULATE_READ || advice == MMA_POPULATE_WRITE)
		return knob(w, MMK_MADV_POPULATE);
	return true;
}

/*
 * mm_madvise - the advice applies to the mapped parts of the range; a hole
 * makes the call return -ENOMEM afterwards, as the kernel's
 * madvise_walk_vmas() does.  Populate stops at the first hole.
 *
 * Models: mm/madvise.c:do_madvise()
 * Divergence: MADV_FREE checks every VMA before changing any, where the
 * kernel stops at the first non-anonymous (or VM_LOCKED) VMA after
 * changing the ones before it.
 */
/*
 * madvise_need_mmap_write - advice that changes VMA flags (and may split
 * or merge VMAs) takes the mmap lock for writing; advice that only acts
 * on pages takes it for reading.  A stepwise GUP holding it for reading
 * keeps the VMA it looked up.
 *
 * Models: mm/madvise.c:madvise_need_mmap_write()
 */
static bool madvise_need_mmap_write(enum mm_madv advice)
{
	switch (advice) {
	case MMA_DONTNEED: case MMA_FREE: case MMA_PAGEOUT: case MMA_REMOVE:
	case MMA_POPULATE_READ: case MMA_POPULATE_WRITE: case MMA_COLLAPSE:
		return false;
	default:
		return true;
	}
}

int mm_madvise(struct world *w, int pid, uint64_t addr, uint64_t len,
	       enum mm_madv advice)
{
	struct mm_struct *mm = get_mm(w, pid);
	uint64_t end = addr + len;
	int ret, hole;

	if (!mm)
		return -ESRCH;
	if (!madvise_behavior_valid(w, advice))
		return -EINVAL;
	if (!len || !IS_ALIGNED(addr | len, PAGE_SIZE) || end < addr)
		return -EINVAL;
	if ((ret = mmap_lock(w, pid, madvise_need_mmap_write(advice) ?
				       MMAP_LOCK_WRITE : MMAP_LOCK_READ)))
		return ret;
	if ((ret = hugetlb_madvise_check(w, mm, addr, end, advice)))
		return ret;
	hole = range_fully_mapped(mm, addr, end) ? 0 : -ENOMEM;
	switch (advice) {
	case MMA_DONTNEED:
		ret = madvise_dontneed(w, mm, addr, end);
		break;
	case MMA_FREE:
		ret = madvise_free(w, mm, addr, end);
		break;
	case MMA_DONTFORK:
	case MMA_DOFORK:
	case MMA_WIPEONFORK:
	case MMA_KEEPONFORK:
	case MMA_HUGEPAGE:
	case MMA_NOHUGEPAGE:
		ret = madvise_behavior(w, mm, addr, end, advice);
		break;
	case MMA_COLLAPSE:
		ret = madvise_collapse(w, mm, addr, end);
		break;
	case MMA_PAGEOUT:
		ret = madvise_pageout_vmas(w, mm, addr, end);
		break;
	case MMA_REMOVE:
		ret = madvise_remove_vmas(w, mm, addr, end);
		break;
	case MMA_MERGEABLE:
	case MMA_UNMERGEABLE:
		ret = ksm_madvise(w, mm, addr, end, advice);
		break;
	case MMA_POPULATE_READ:
		return madvise_populate(w, mm, addr, end, 0);
	case MMA_POPULATE_WRITE:
		return madvise_populate(w, mm, addr, end, MMG_WRITE);
	default:
		return -MM_ENOTMODELLED;
	}
	return ret ? ret : hole;
}
