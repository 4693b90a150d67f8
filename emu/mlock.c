// SPDX-License-Identifier: MIT
/*
 * mlock.c - mlock() and munlock(): VM_LOCKED on the VMAs of a range, and
 * the population mlock() does once the flags are set.
 *
 * What VM_LOCKED changes elsewhere: reclaim and MADV_PAGEOUT leave the
 * pages of a locked VMA in memory (swap.c), MADV_DONTNEED, MADV_FREE,
 * MADV_PAGEOUT and MADV_REMOVE refuse a locked VMA (madvise.c), fork does
 * not pass the flag on (fork.c), mprotect making a locked private VMA
 * writable breaks COW at once (mprotect.c).
 *
 * Divergence: there is no PG_mlocked and no unevictable LRU; whether a
 * folio may be reclaimed is decided from the VMAs that map it when reclaim
 * looks, which is what folio_referenced() finds in the kernel.  No
 * RLIMIT_MEMLOCK: every process may lock (CAP_IPC_LOCK).  No
 * MLOCK_ONFAULT (mlock2) and no mlockall().
 */
#include "internal.h"

/*
 * mlock_fixup - give the part [start, end) of @vma the lock flag @locked:
 * split it at the edges, set the flag, merge what became alike.  hugetlb
 * and VM_SPECIAL VMAs (here: driver mappings) never get VM_LOCKED; they
 * are still populated by mlock().
 *
 * Models: mm/mlock.c:mlock_fixup()
 */
static void mlock_fixup(struct world *w, struct vm_area_struct *vma,
			uint64_t start, uint64_t end, bool locked)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned int newflags = locked ? vma->vm_flags | VM_LOCKED :
					 vma->vm_flags & ~VM_LOCKED;

	if (newflags == vma->vm_flags || is_vm_hugetlb_page(vma) ||
	    (vma->vm_flags & (VM_IO | VM_PFNMAP | VM_MIXEDMAP)))
		return;
	vma_isolate_range(mm, start, end);
	vma = vma_lookup(mm, start);
	vma->vm_flags = newflags;
	vma_merge_range(w, mm, start, end);
}

/*
 * apply_vma_lock_flags - set or clear VM_LOCKED on every VMA of
 * [start, end), in address order.  -ENOMEM for a hole: nothing changes
 * when @start itself is unmapped, otherwise the VMAs before the hole keep
 * their new flag, as in the kernel.
 *
 * Models: mm/mlock.c:apply_vma_lock_flags()
 */
static int apply_vma_lock_flags(struct world *w, struct mm_struct *mm,
				uint64_t start, uint64_t end, bool locked)
{
	uint64_t tmp = start;

	while (tmp < end) {
		struct vm_area_struct *vma = vma_lookup(mm, tmp);
		uint64_t next;

		if (!vma)
			return -ENOMEM;
		next = MIN(vma->vm_end, end);
		mlock_fixup(w, vma, tmp, next, locked);
		tmp = next;
	}
	return 0;
}

/*
 * populate_vma_range - fault in [start, end) of @vma as mlock() does:
 * write faults where the VMA is private and writable (so COW is broken
 * now, not on the first write), read faults (FOLL_FORCE) elsewhere.
 * PROT_NONE VMAs are not populated: -EFAULT.
 *
 * Models: mm/gup.c:populate_vma_page_range()
 */
static int populate_vma_range(struct world *w, struct vm_area_struct *vma,
			      uint64_t start, uint64_t end)
{
	unsigned int gup_flags;

	if (!(vma->vm_flags & (VM_READ | VM_WRITE)))
		return -EFAULT;
	if ((vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
		gup_flags = MMG_WRITE;
	else
		gup_flags = MMG_FORCE;
	return populate_range(w, vma->vm_mm, start, end, gup_flags);
}

/*
 * mm_populate - populate every VMA of [start, end), skipping holes and
 * VM_IO/VM_PFNMAP VMAs, stopping at the first error.
 *
 * Models: mm/gup.c:__mm_populate(ignore_errors = 0)
 */
static int mm_populate(struct world *w, struct mm_struct *mm, uint64_t start,
		       uint64_t end)
{
	struct vm_area_struct *vma;

	for (vma = find_vma(mm, start); vma && vma->vm_start < end;
	     vma = vma->vm_next) {
		int err;

		if (vma->vm_flags & (VM_IO | VM_PFNMAP))
			continue;
		err = populate_vma_range(w, vma, MAX(start, vma->vm_start),
					 MIN(end, vma->vm_end));
		if (err)
			return err;
	}
	return 0;
}

/*
 * lock_range - the pages a mlock()/munlock() call covers: @start rounded
 * down, the length (with @start's offset) rounded up, as the kernel does
 * before apply_vma_lock_flags().  -EINVAL when the range wraps, 1 when it
 * is empty (nothing to do), else 0.
 */
static int lock_range(uint64_t *start, uint64_t *end, uint64_t len)
{
	uint64_t off = *start & (PAGE_SIZE - 1);

	*start -= off;
	*end = *start + ALIGN_UP(len + off, PAGE_SIZE);
	if (*end < *start)
		return -EINVAL;
	return *end == *start;
}

/*
 * mm_mlock - lock [start, start + len): VM_LOCKED on its VMAs, then every
 * page faulted in.  A failed population is reported as mlock(2) does:
 * -ENOMEM for a fault that failed (-EFAULT, a PROT_NONE VMA included),
 * -EAGAIN for one that ran out of memory; the flags stay set.
 *
 * Models: mm/mlock.c:do_mlock(), __mlock_posix_error_return()
 */
int mm_mlock(struct world *w, int pid, uint64_t start, uint64_t len)
{
	struct mm_struct *mm = get_mm(w, pid);
	uint64_t end;
	int err;

	if (!mm)
		return -ESRCH;
	if ((err = lock_range(&start, &end, len)))
		return err < 0 ? err : 0;
	if ((err = mmap_lock(w, pid, MMAP_LOCK_WRITE)))
		return err;
	if ((err = apply_vma_lock_flags(w, mm, start, end, true)))
		return err;
	err = mm_populate(w, mm, start, end);
	if (err == -EFAULT)
		return -ENOMEM;
	if (err == -ENOMEM)
		return -EAGAIN;
	return err;
}

/*
 * mm_munlock - clear VM_LOCKED on [start, start + len); the pages stay
 * where they are, reclaim may take them from now on.
 *
 * Models: mm/mlock.c:SYSCALL_DEFINE2(munlock)
 */
int mm_munlock(struct world *w, int pid, uint64_t start, uint64_t len)
{
	struct mm_struct *mm = get_mm(w, pid);
	uint64_t end;
	int err;

	if (!mm)
		return -ESRCH;
	if ((err = lock_range(&start, &end, len)))
		return err < 0 ? err : 0;
	if ((err = mmap_lock(w, pid, MMAP_LOCK_WRITE)))
		return err;
	return apply_vma_lock_flags(w, mm, start, end, false);
}
