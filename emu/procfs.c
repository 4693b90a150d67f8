// SPDX-License-Identifier: MIT
/*
 * procfs.c - /proc/self/clear_refs (soft-dirty reset) and /proc/self/mem
 * (FOLL_FORCE access to another mapping's pages, one page at a time).
 */
#include "internal.h"

/*
 * pte_is_pinned - a writable entry of a COW mapping whose page may be
 * pinned must stay writable: write-protecting it would let the next write
 * copy away from the pin.
 *
 * Models: fs/proc/task_mmu.c:pte_is_pinned()
 */
static bool pte_is_pinned(struct world *w, struct vm_area_struct *vma,
			  pte_t pte)
{
	if (!knob(w, MMK_CLEAR_REFS_SKIP_PINNED))
		return false;
	if (!pte_write(pte) || !is_cow_mapping(vma->vm_flags))
		return false;
	if (!(vma->vm_mm->flags & MMF_HAS_PINNED))
		return false;
	return !pte_special(pte) && folio_maybe_dma_pinned(pte.folio);
}

/* Models: fs/proc/task_mmu.c:clear_soft_dirty() */
static int clear_soft_dirty_entry(pte_t *ptep, uint64_t addr,
				  struct mm_walk *walk)
{
	struct world *w = walk->priv;
	pte_t pte = *ptep;

	if (pte_present(pte) && pte_is_pinned(w, walk->vma, pte))
		return 0;
	if (pte_present(pte))
		pte = pte_wrprotect(pte);
	set_pte_at(walk->mm, addr, ptep, pte_clear_soft_dirty(pte));
	return 0;
}

/* clear_refs has no hugetlb callback: the kernel's walk skips hugetlb VMAs. */
static int clear_soft_dirty_hugetlb(pte_t *ptep, uint64_t addr, uint64_t end,
				    struct mm_walk *walk)
{
	(void)ptep; (void)addr; (void)end; (void)walk;
	return 0;
}

/* A PMD is write-protected and cleaned whatever pins it (no pin exception). */
static int clear_soft_dirty_pmd(pte_t *pmdp, uint64_t addr, uint64_t end,
				struct mm_walk *walk)
{
	(void)addr;
	(void)end;
	(void)walk;
	if (pte_present(*pmdp))
		*pmdp = pte_clear_soft_dirty(pte_wrprotect(*pmdp));
	return 0;
}

/*
 * mm_clear_refs - echo 4 > /proc/self/clear_refs: every VMA loses
 * VM_SOFTDIRTY (shared writable ones now need write-notify), every entry
 * its soft-dirty bit, and present entries are write-protected so the next
 * write faults and is recorded.
 *
 * Models: fs/proc/task_mmu.c:clear_refs_write() (CLEAR_REFS_SOFT_DIRTY)
 */
int mm_clear_refs(struct world *w, int pid)
{
	static const struct mm_walk_ops ops = { .pte_entry = clear_soft_dirty_entry,
						.pmd_entry = clear_soft_dirty_pmd,
						.hugetlb_entry = clear_soft_dirty_hugetlb };
	struct mm_struct *mm = get_mm(w, pid);
	int err;

	if (!mm)
		return -ESRCH;
	if ((err = mmap_lock(w, pid, MMAP_LOCK_READ)))
		return err;
	for (struct vm_area_struct *v = mm->mmap; v; v = v->vm_next)
		v->vm_flags &= ~VM_SOFTDIRTY;
	walk_page_range(mm, 0, TASK_SIZE, &ops, w);
	return 0;
}

/*
 * mem_rw_one - one page of /proc/self/mem: GUP with FOLL_FORCE (and
 * FOLL_WRITE), copy, release.  A forced write to a read-only private
 * mapping lands on an exclusive anon copy, never on the page cache.  In
 * 5.8 a read of a COW mapping breaks COW too: the reference it takes is a
 * FOLL_GET (should_force_cow_break() in gup.c).  A page GUP refuses ends
 * the transfer; the read() or write() that moved nothing fails with EIO,
 * whatever GUP's error was (mem_rw() in fs/proc/base.c), so that is what
 * the program sees.
 *
 * Models: mm/memory.c:__access_remote_vm(), fs/proc/base.c:mem_rw()
 */
static int mem_rw_one(struct world *w, struct mm_struct *mm, uint64_t addr,
		      bool write, uint64_t value, mm_observe_fn obs, void *priv)
{
	unsigned int gup_flags = MMG_FORCE | (write ? MMG_WRITE : 0);
	struct vm_area_struct *vma;
	struct folio *folio;
	unsigned long idx;
	int err;

	folio = gup_one_page(w, mm, addr, gup_flags, &idx, &vma, &err);
	if (!folio)
		return -EIO;
	gup_yield_taken(w, addr);
	if (write) {
		check_force_write(w, vma, addr, folio, idx);
		folio_page_set_content(folio, idx, value);
		folio->flags |= PG_dirty;	/* set_page_dirty_lock() */
	} else if (obs) {
		obs(priv, addr, folio_page_content(folio, idx));
	}
	unpin_or_put(w, folio, gup_flags);
	return 0;
}

long mm_memaccess(struct world *w, int pid, uint64_t addr, uint64_t len,
		  bool write, const struct mm_data *data, mm_observe_fn obs,
		  void *priv, int *errp)
{
	return access_range(w, pid, addr, len, write, data, obs, priv, errp,
			    mem_rw_one);
}
