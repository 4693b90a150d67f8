// SPDX-License-Identifier: MIT
/*
 * gup.c - get_user_pages and pin_user_pages: flag validation, the slow
 * path (follow the entry, fault, retry), GUP-fast, grabbing and releasing
 * references, and the handles that hold them (pipe buffers, io_uring fixed
 * buffers, test pins).
 *
 * "grab" is the kernel's word: FOLL_GET takes a plain reference, FOLL_PIN
 * a pin (GUP_PIN_COUNTING_BIAS references on a small folio, one reference
 * and one _pincount on a large one).
 */
#include "internal.h"

/* Internal FOLL_* flags on top of the MMG_* request flags: internal.h. */

/*
 * check_vma_flags - may this GUP touch this VMA at all?
 *
 * Models: mm/gup.c:check_vma_flags()
 */
int check_vma_flags(struct world *w, struct vm_area_struct *vma,
		    unsigned int gup_flags)
{
	unsigned int vm_flags = vma->vm_flags;
	bool write = gup_flags & MMG_WRITE;

	if (vm_flags & (VM_IO | VM_PFNMAP))
		return -EFAULT;
	if (write && !vma_is_anonymous(vma) && (gup_flags & MMG_LONGTERM) &&
	    (gup_flags & MMG_PIN) && knob(w, MMK_LONGTERM_WRITE_FILE_REFUSED) &&
	    (vm_flags & (VM_SHARED | VM_WRITE)) == (VM_SHARED | VM_WRITE) &&
	    file_needs_dirty_tracking(vma->vm_file))
		return -EFAULT;
	if (write) {
		if (!(vm_flags & VM_WRITE)) {
			if (!(gup_flags & MMG_FORCE))
				return -EFAULT;
			/* 6.2+: hugetlb has no forced write to R/O leaves. */
			if ((vm_flags & VM_HUGETLB) &&
			    knob(w, MMK_HUGETLB_NO_FORCE_WRITE))
				return -EFAULT;
			if (!is_cow_mapping(vm_flags))
				return -EFAULT;
		}
	} else if (!(vm_flags & VM_READ)) {
		if (!(gup_flags & MMG_FORCE))
			return -EFAULT;
		if (!(vm_flags & VM_MAYREAD))
			return -EFAULT;
	}
	return 0;
}

/*
 * gup_must_unshare - must a R/O pin of this page first unshare it, so that
 * the pin lands on an exclusive anon page that later writes will reuse?
 * @vma is NULL for GUP-fast, which cannot tell whether a non-anon page
 * sits in a COW mapping and so falls back to the slow path.
 *
 * Models: mm/internal.h:gup_must_unshare()
 */
bool gup_must_unshare(struct world *w, struct vm_area_struct *vma,
		      unsigned int gup_flags, struct folio *folio,
		      unsigned long idx)
{
	if ((gup_flags & (MMG_WRITE | MMG_PIN)) != MMG_PIN)
		return false;
	if (!knob(w, MMK_UNSHARE_ANON))
		return false;
	if (!folio_test_anon(folio)) {
		if (!knob(w, MMK_UNSHARE_ANY_COW_LONGTERM))
			return false;
		if (!(gup_flags & MMG_LONGTERM))
			return false;
		if (!vma)
			return true;
		return is_cow_mapping(vma->vm_flags);
	}
	return !PageAnonExclusive(folio, folio_pae_idx(folio, idx));
}

/*
 * can_follow_write_pte - may a FOLL_WRITE GUP use this read-only entry?
 * Only FOLL_FORCE on a private VMA without VM_WRITE, and only for an
 * exclusive anon page (one that a write fault already made private) with
 * no soft-dirty tracking pending.  4.9 to 5.19: any entry a COW fault of
 * this GUP left dirty (FOLL_COW); in 5.8 also without FOLL_FORCE.  For a
 * PMD that test came only in 4.10.  Before 4.9 (4.8.3), never: the retry
 * after a COW fault dropped FOLL_WRITE instead (gup_one_page()).
 *
 * Models: mm/gup.c:can_follow_write_pte(), can_follow_write_pmd() (5.8:
 *         17839856fd58; 4.9: 19be0eaffa3a; PMD 4.10: 8310d48b125d)
 */
static bool can_follow_write_pte(struct world *w, pte_t pte,
				 struct folio *folio, struct vm_area_struct *vma,
				 unsigned int gup_flags, bool pmd)
{
	if (pte_write(pte))
		return true;
	/*
	 * 5.8 dropped the FOLL_FORCE test: its forced COW break write-faults
	 * VMAs without VM_WRITE too (check_vma_flags() saw a read), and
	 * FOLL_COW alone says that the fault already gave us our own page.
	 */
	if (!(gup_flags & MMG_FORCE) && !knob(w, MMK_GUP_FORCED_COW_BREAK))
		return false;
	/* 4.9 to 5.19: a COW fault happened (FOLL_COW) and the entry is dirty. */
	if (!knob(w, MMK_FORCE_WRITE_NEEDS_PAE))
		return knob(w, pmd ? MMK_THP_FOLL_COW_CHECK :
				     MMK_FOLL_COW_DIRTY_CHECK) &&
		       (gup_flags & FOLL_COW) && pte_dirty(pte);
	if (vma->vm_flags & (VM_MAYSHARE | VM_SHARED))
		return false;
	if (!(vma->vm_flags & VM_MAYWRITE) || (vma->vm_flags & VM_WRITE))
		return false;
	if (!folio || !folio_test_anon(folio) ||
	    !PageAnonExclusive(folio, pte.idx))
		return false;
	return (vma->vm_flags & VM_SOFTDIRTY) || pte_soft_dirty(pte);
}

/*
 * gup_grab_folio - take what @gup_flags asks for on @folio.  Pins of the
 * shared zeropage are no-ops since 6.5: it can never change, and pinning
 * it could overflow its refcount.
 *
 * Models: mm/gup.c:try_grab_folio()
 * Divergence: cannot fail, so it is not named try_: the kernel's returns
 * -ENOMEM when the refcount would overflow (and -EREMOTEIO for P2PDMA
 * pages without FOLL_PCI_P2PDMA), which its callers must check; the model
 * has no refcount limit and no device pages.
 */
void gup_grab_folio(struct world *w, struct folio *folio,
		    unsigned int gup_flags)
{
	/* Before FOLL_PIN (5.7) a pin is the reference GUP always took. */
	if (!(gup_flags & MMG_PIN) || !knob(w, MMK_PIN_COUNTING)) {
		folio_get(folio);
		return;
	}
	if (folio->kind == FOLIO_ZERO && knob(w, MMK_ZEROPAGE_PIN_NOOP))
		return;
	if (folio_test_large(folio)) {
		folio_ref_add(folio, 1);
		folio->pincount++;
	} else {
		folio_ref_add(folio, GUP_PIN_COUNTING_BIAS);
	}
}

/*
 * unpin_or_put - release what gup_grab_folio() took.
 *
 * Models: mm/gup.c:unpin_user_page() / put_page()
 */
void unpin_or_put(struct world *w, struct folio *folio, unsigned int gup_flags)
{
	if (!(gup_flags & MMG_PIN) || !knob(w, MMK_PIN_COUNTING)) {
		folio_put(w, folio);
		return;
	}
	if (folio->kind == FOLIO_ZERO && knob(w, MMK_ZEROPAGE_PIN_NOOP))
		return;
	if (folio_test_large(folio)) {
		MM_BUG_ON_FOLIO(w, folio->pincount <= 0, folio);
		folio->pincount--;
		folio_put(w, folio);
	} else {
		folio_put_refs(w, folio, GUP_PIN_COUNTING_BIAS);
	}
}


/*
 * follow_page_pte - the page mapped at @addr, usable for this GUP as it
 * is?  FOLLOW_FAULT asks for a (read or write) fault, FOLLOW_UNSHARE for
 * an unshare fault, FOLLOW_ERROR for -EFAULT.  On FOLLOW_OK the page is
 * grabbed (unless FOLL_NOGRAB) and returned in *@folio / *@idx.
 *
 * Models: mm/gup.c:follow_page_pte()
 */
static enum follow_result follow_page_pte(struct world *w,
					  struct vm_area_struct *vma,
					  uint64_t addr, unsigned int gup_flags,
					  struct folio **foliop,
					  unsigned long *idx)
{
	pte_t *ptep = pte_offset(vma->vm_mm, addr, false);
	struct folio *folio;
	pte_t pte;

	if (is_vm_hugetlb_page(vma))
		return follow_hugetlb_page(w, vma, addr, gup_flags, foliop, idx);
	if (!ptep || !pte_present(*ptep))
		return FOLLOW_FAULT;
	pte = *ptep;
	folio = pte_special(pte) ? NULL : pte.folio;
	if ((gup_flags & MMG_WRITE) &&
	    !can_follow_write_pte(w, pte, folio, vma, gup_flags, false))
		return FOLLOW_FAULT;
	if (!folio) {
		if (pte.folio != w->zero_folio)
			return FOLLOW_ERROR;
		folio = w->zero_folio;
	}
	if (!pte_write(pte) &&
	    gup_must_unshare(w, vma, gup_flags, folio, pte.idx))
		return FOLLOW_UNSHARE;
	if (!(gup_flags & FOLL_NOGRAB))
		gup_grab_folio(w, folio, gup_flags);
	if ((gup_flags & MMG_WRITE) && folio->kind != FOLIO_ZERO)
		folio->flags |= PG_dirty;	/* FOLL_TOUCH */
	set_pte_at(vma->vm_mm, addr, ptep, pte_mkyoung(pte));
	*foliop = folio;
	*idx = pte.idx;
	return FOLLOW_OK;
}

/*
 * touch_pmd - FOLL_TOUCH on a PMD: young, and dirty for a write.  Before
 * 4.15 (a8f97366452e) it was made dirty for reads too: with the FOLL_COW
 * test of 4.10 a read GUP (/proc/self/mem) could then make a forced write
 * follow the read-only huge zero PMD (Huge Dirty COW, CVE-2017-1000405).
 *
 * Models: mm/huge_memory.c:touch_pmd()
 */
static pte_t touch_pmd(struct world *w, pte_t pmd, unsigned int gup_flags)
{
	pmd = pte_mkyoung(pmd);
	if ((gup_flags & MMG_WRITE) && !is_huge_zero_pmd(pmd))
		pmd = pte_mkdirty(pmd);
	else if (knob(w, MMK_TOUCH_PMD_ALWAYS_DIRTY))
		pmd = pte_mkdirty(pmd);
	return pmd;
}

/*
 * follow_huge_pmd - follow_page_pte() for a PMD-mapped THP or the huge
 * zeropage: the same tests, with the head page's exclusivity.  A FOLL_GET
 * or FOLL_PIN of the huge zeropage takes it like any large folio.
 *
 * Models: mm/gup.c:follow_huge_pmd()
 */
static enum follow_result follow_huge_pmd(struct world *w,
					  struct vm_area_struct *vma,
					  uint64_t addr, pte_t *pmdp,
					  unsigned int gup_flags,
					  struct folio **foliop,
					  unsigned long *idx)
{
	pte_t pmd = *pmdp;
	struct folio *folio = pmd.folio;
	bool zero = is_huge_zero_pmd(pmd);

	if ((gup_flags & MMG_WRITE) &&
	    !can_follow_write_pte(w, pmd, zero ? NULL : folio, vma, gup_flags,
				  true))
		return FOLLOW_FAULT;
	if (!pte_write(pmd) && gup_must_unshare(w, vma, gup_flags, folio, 0))
		return FOLLOW_UNSHARE;
	if (!(gup_flags & FOLL_NOGRAB))
		gup_grab_folio(w, folio, gup_flags);
	pmd = touch_pmd(w, pmd, gup_flags);
	if ((gup_flags & MMG_WRITE) && !zero)
		folio->flags |= PG_dirty;	/* FOLL_TOUCH */
	*pmdp = pmd;
	*foliop = folio;
	*idx = pmd.idx + ((addr & (PMD_SIZE - 1)) >> PAGE_SHIFT);
	return FOLLOW_OK;
}

/* Models: mm/gup.c:follow_page_mask() */
static enum follow_result follow_page_mask(struct world *w,
					   struct vm_area_struct *vma,
					   uint64_t addr, unsigned int gup_flags,
					   struct folio **foliop,
					   unsigned long *idx)
{
	pte_t *pmdp = pmd_leaf_offset(vma->vm_mm, addr);

	if (pmdp && pte_present(*pmdp) && !(vma->vm_flags & VM_HUGETLB))
		return follow_huge_pmd(w, vma, addr, pmdp, gup_flags, foliop,
				       idx);
	return follow_page_pte(w, vma, addr, gup_flags, foliop, idx);
}

/*
 * faultin_page - fault so that the next follow succeeds: a write fault
 * for FOLL_WRITE, an unshare fault when asked, else a read fault.
 *
 * Models: mm/gup.c:faultin_page()
 */
static int faultin_page(struct world *w, struct vm_area_struct *vma,
			uint64_t addr, unsigned int gup_flags, bool unshare)
{
	unsigned int fault_flags = FAULT_FLAG_REMOTE;
	vm_fault_t ret;

	if (gup_flags & MMG_WRITE)
		fault_flags |= FAULT_FLAG_WRITE;
	else if (unshare)
		fault_flags |= FAULT_FLAG_UNSHARE;
	if (gup_flags & MMG_FORCE)
		fault_flags |= FAULT_FLAG_FORCE;
	ret = handle_mm_fault(w, vma, addr, fault_flags);
	if (ret & VM_FAULT_OOM)
		return -ENOMEM;
	if (ret & VM_FAULT_ERROR)
		return -EFAULT;
	return 0;
}

/*
 * should_force_cow_break - 5.8 only (17839856fd58, removed again by
 * a308c71bf1e6): a GUP that takes a reference (FOLL_GET or FOLL_PIN) in a
 * COW mapping is done as a write GUP, so that COW is broken now, in the
 * caller, and no later COW fault of another process can take the page
 * over while the reference points at it.  This covers hugetlb VMAs
 * (follow_hugetlb_page() gets the write too) and /proc/self/mem reads,
 * which take a FOLL_GET reference per page.  Populating takes no
 * reference (the kernel passes no page array, so no FOLL_GET) and is left
 * alone.
 *
 * Models: mm/gup.c:should_force_cow_break() (5.8)
 */
static bool should_force_cow_break(struct world *w, struct vm_area_struct *vma,
				   unsigned int gup_flags)
{
	return knob(w, MMK_GUP_FORCED_COW_BREAK) &&
	       is_cow_mapping(vma->vm_flags) && !(gup_flags & FOLL_NOGRAB);
}

/*
 * gup_one_page - the slow path for one page: look up the VMA, check it,
 * follow the entry, fault and retry until it can be used.  Returns the
 * grabbed folio (page index in *@idxp) or NULL with *@err set.  In 5.8 a
 * read GUP in a COW mapping becomes a write GUP after the VMA check, as
 * in the kernel: the VMA check still sees a read, so a read-only private
 * mapping gets a write fault without VM_WRITE (a dirty read-only private
 * copy, like FOLL_FORCE's).
 *
 * Models: mm/gup.c:__get_user_pages() (one iteration of its loop)
 * Divergence: FOLL_COW is set after any fault of a write GUP in a VMA
 * without VM_WRITE; the kernel sets it only when the fault says it broke
 * COW (VM_FAULT_WRITE from do_wp_page()/do_huge_pmd_wp_page()).  After a
 * fault on a missing entry the kernel therefore faults once more, and
 * do_wp_page() reuses the page just mapped (mapcount 1, or PAE): the same
 * end, one round later.  Likewise, before 4.9 FOLL_WRITE is dropped after
 * any such fault (the kernel: after one that returned VM_FAULT_WRITE).
 *
 * Yield points (stepwise threads): after each lookup and after each fault,
 * where the kernel's loop calls cond_resched() and may be preempted.  A
 * lookup that found the page returns it at once: the caller yields
 * (gup_yield_taken()) once it holds it where others can see it.
 * Between a COW fault and the next lookup another thread can zap the new
 * private copy (MADV_DONTNEED): the lookup must then not trust what the
 * fault did.  That window is the Dirty COW race (CVE-2016-5195).
 */
struct folio *gup_one_page(struct world *w, struct mm_struct *mm,
			   uint64_t addr, unsigned int gup_flags,
			   unsigned long *idxp, struct vm_area_struct **vmap,
			   int *err)
{
	struct vm_area_struct *vma = vma_lookup(mm, addr);
	struct folio *folio = NULL;

	*err = vma ? check_vma_flags(w, vma, gup_flags) : -EFAULT;
	if (*err)
		return NULL;
	if (vmap)
		*vmap = vma;
	if (should_force_cow_break(w, vma, gup_flags))
		gup_flags |= MMG_WRITE;
	/* Each fault makes progress; more than a few rounds is a model bug. */
	for (int round = 0; round < 5; round++) {
		enum follow_result r = follow_page_mask(w, vma, addr, gup_flags,
							&folio, idxp);

		if (r == FOLLOW_OK)
			return folio;
		mm_yield(w, "gup: after the page lookup");
		if (r == FOLLOW_ERROR) {
			*err = -EFAULT;
			return NULL;
		}
		*err = faultin_page(w, vma, addr, gup_flags,
				    r == FOLLOW_UNSHARE);
		if (*err)
			return NULL;
		mm_step_done(w, r == FOLLOW_UNSHARE ? MM_STEP_UNSHARED :
			     MM_STEP_FAULTED, addr);
		if ((gup_flags & MMG_WRITE) && !(vma->vm_flags & VM_WRITE)) {
			/*
			 * Dirty COW: "the fault broke COW, so a read lookup
			 * will find our private copy" - unless it is gone
			 * by the time of the lookup.
			 */
			if (knob(w, MMK_GUP_FORCE_WRITE_DROPPED_AFTER_COW))
				gup_flags &= ~MMG_WRITE;
			else
				gup_flags |= FOLL_COW;
		}
		mm_yield(w, "gup: after the fault");
	}
	mm_bug(w, __FILE__, __LINE__, "GUP made no progress", NULL);
}

/*
 * gup_yield_taken - the slow path took the page at @addr (the caller has
 * recorded it): the step is reported, then the yield point after the
 * lookup.  A thread stopped here holds the page whatever its owner does
 * meanwhile.
 */
void gup_yield_taken(struct world *w, uint64_t addr)
{
	mm_step_done(w, MM_STEP_TAKEN, addr);
	mm_yield(w, "gup: after the page lookup");
}

/*
 * gup_fast_pmd_leaf - GUP-fast on a PMD leaf: the PTE rules with the
 * head's exclusivity.  Since d82d09e48219 the huge zero PMD is special
 * and refused; before, it was grabbed and the must-unshare test sent
 * long-term R/O pins to the slow path.
 *
 * Models: mm/gup.c:gup_fast_pmd_leaf()
 */
static struct folio *gup_fast_pmd_leaf(struct world *w, pte_t pmd,
				       uint64_t addr, unsigned int gup_flags,
				       unsigned long *idxp)
{
	struct folio *folio = pmd.folio;

	if (pte_protnone(pmd) || ((gup_flags & MMG_WRITE) && !pte_write(pmd)))
		return NULL;
	if (is_huge_zero_pmd(pmd) && knob(w, MMK_HUGE_ZERO_PMD_SPECIAL))
		return NULL;
	if (!pte_write(pmd) && !knob(w, MMK_GUP_FAST_SKIP_UNSHARE) &&
	    gup_must_unshare(w, NULL, gup_flags, folio, 0))
		return NULL;
	gup_grab_folio(w, folio, gup_flags);
	*idxp = pmd.idx + ((addr & (PMD_SIZE - 1)) >> PAGE_SHIFT);
	return folio;
}

/*
 * gup_fast_one - the lockless walk for one page: usable only when the
 * entry is present, accessible, writable if needed, not special, the page
 * not subject to unsharing, and (for long-term write pins) not file-backed
 * outside shmem.  The reference is taken on what the entry showed, then
 * the entry is read again: if it changed meanwhile (fork write-protected
 * it, a zap cleared it), the reference is dropped and the slow path
 * decides.  Returns the grabbed folio or NULL to fall back.
 *
 * Yield points (stepwise threads): after reading the entry and after
 * taking the reference, before the re-check.  A fork that has decided to
 * share the page but not yet write-protected the parent's entry lets the
 * pin through both: the GUP-fast vs fork race that write_protect_seq
 * closed in 5.11 (mm_gup()).
 *
 * Models: mm/gup.c:gup_fast_pte_range()
 * The long-term and must-unshare tests come after the re-check, as in
 * the kernel since 5.19 (with 088b8aa537c2's barrier in 6.1, which a
 * sequentially consistent model has no use for).
 *
 * Divergence: when the thread resumes after reading the entry, the entry
 * is compared before the reference is taken, not only after: the kernel
 * may take a reference on a page freed meanwhile (and drop it at the
 * re-check), the model must not touch a freed folio.  Either way a
 * changed entry sends the page to the slow path.  The PMD-leaf and
 * hugetlb paths have no yield points.
 */
static struct folio *gup_fast_one(struct world *w, struct mm_struct *mm,
				  uint64_t addr, unsigned int gup_flags,
				  unsigned long *idxp)
{
	pte_t *ptep = pte_offset(mm, addr, false), *pmdp;
	struct folio *folio;
	pte_t pte;

	pmdp = pmd_leaf_offset(mm, addr);
	if (pmdp && pte_present(*pmdp) && !(pmdp->folio->flags & PG_hugetlb))
		return gup_fast_pmd_leaf(w, *pmdp, addr, gup_flags, idxp);

	if (!ptep)	/* no PTE table: maybe a hugetlb leaf */
		return gup_fast_hugetlb(w, mm, addr, gup_flags, idxp);
	if (!pte_present(*ptep) || pte_protnone(*ptep))
		return NULL;
	pte = *ptep;
	if (mm_in_thread(w)) {
		mm_yield(w, "gup-fast: after reading the entry");
		ptep = pte_offset(mm, addr, false);
		if (!ptep || !pte_same(*ptep, pte))
			return NULL;
	}
	if ((gup_flags & MMG_WRITE) && !pte_write(pte))
		return NULL;
	if (pte_special(pte))
		return NULL;
	folio = pte.folio;
	gup_grab_folio(w, folio, gup_flags);
	mm_yield(w, "gup-fast: after taking the reference");
	ptep = pte_offset(mm, addr, false);
	if (!ptep || !pte_same(*ptep, pte))
		goto put;
	/*
	 * Only now, with the reference held and the entry unchanged, is the
	 * page's state final enough to test: PageAnonExclusive is cleared
	 * (fork, KSM, swap) only on pages that are not maybe pinned.
	 */
	if ((gup_flags & (MMG_PIN | MMG_LONGTERM | MMG_WRITE)) ==
	    (MMG_PIN | MMG_LONGTERM | MMG_WRITE) &&
	    folio->kind == FOLIO_FILE && !folio->mapping->shmem &&
	    knob(w, MMK_LONGTERM_WRITE_FILE_REFUSED))
		goto put;
	if (!pte_write(pte) && !knob(w, MMK_GUP_FAST_SKIP_UNSHARE) &&
	    gup_must_unshare(w, NULL, gup_flags, folio, pte.idx))
		goto put;
	*idxp = pte.idx;
	return folio;
put:
	unpin_or_put(w, folio, gup_flags);
	return NULL;
}

static void gup_record(struct world *w, struct gup_page *gp,
		       struct mm_struct *mm, uint64_t addr,
		       struct folio *folio, unsigned long idx)
{
	struct vm_area_struct *vma = vma_lookup(mm, addr);
	unsigned int level = 0;
	pte_t *ptep = leaf_offset(mm, addr, &level);
	/* A PMD or PUD mapping keeps its exclusivity on the head page. */
	unsigned long xidx = level && ptep && pte_present(*ptep) &&
			     ptep->folio == folio ? ptep->idx : idx;

	gp->folio = folio;
	gp->idx = (uint32_t)idx;
	gp->addr = addr;
	gp->detached = false;
	gp->was_anon = folio_test_anon(folio);
	/*
	 * Without PageAnonExclusive (before 5.19), "mapped once" is the best
	 * witness; a KSM page is never exclusive, however often it is mapped.
	 */
	if (knob(w, MMK_ANON_EXCLUSIVE))
		gp->was_exclusive = gp->was_anon && PageAnonExclusive(folio, xidx);
	else
		gp->was_exclusive = gp->was_anon && !folio_test_ksm(folio) &&
				    page_mapcount(folio, idx) == 1;
	gp->in_shared = vma && (vma->vm_flags & (VM_SHARED | VM_MAYSHARE));
}

static void handle_release(struct world *w, struct gup_handle *h,
			   uint64_t nr)
{
	for (uint64_t i = 0; i < nr; i++)
		unpin_or_put(w, h->pages[i].folio, h->gup_flags);
	kfree(w, h->pages);
	memset(h, 0, sizeof(*h));
	w->handles_used &= ~(1ull << (h - w->handles));
}

/* Flag combinations pin_user_pages()/get_user_pages() refuse. */
static int is_valid_gup_args(unsigned int gup_flags)
{
	if ((gup_flags & MMG_LONGTERM) && !(gup_flags & MMG_PIN))
		return -EINVAL;
	return 0;
}

/*
 * gup_fast_flags - the flags GUP-fast walks with.  In 5.8 (17839856fd58)
 * it cannot tell from the page tables whether COW must be broken, so it
 * walks every request as a write: only entries that are already writable
 * are taken, in any mapping, and anything else falls back to the slow
 * path, which decides (should_force_cow_break()).
 *
 * Models: mm/gup.c:internal_get_user_pages_fast() (5.8)
 */
static unsigned int gup_fast_flags(struct world *w, unsigned int gup_flags)
{
	if (knob(w, MMK_GUP_FORCED_COW_BREAK))
		gup_flags |= MMG_WRITE;
	return gup_flags;
}

/*
 * iouring_vmas_refused - io_uring's own test of the VMAs behind a fixed
 * buffer it has just pinned, before 6.5: anonymous memory, shmem (memfd,
 * MAP_SHARED|MAP_ANONYMOUS) and hugetlbfs are accepted, any other file
 * mapping (a disk file, a device) makes the registration fail with
 * EOPNOTSUPP and the pins are dropped again.  34ed8d0dcd69 removed the
 * test once GUP refused long-term write pins of dirty-tracked files
 * (MMK_LONGTERM_WRITE_FILE_REFUSED).
 *
 * Models: io_uring/rsrc.c:io_pin_pages() (6.0 - 6.4; fs/io_uring.c:
 *         io_sqe_buffer_register() from 5.1)
 * Divergence: before 5.14 shmem was refused too; the model accepts it in
 * every era.
 */
static int iouring_vmas_refused(struct mm_struct *mm, uint64_t addr,
				uint64_t nr)
{
	for (uint64_t i = 0; i < nr; i++) {
		struct vm_area_struct *vma =
			vma_lookup(mm, addr + (i << PAGE_SHIFT));
		struct address_space *file = vma ? vma->vm_file : NULL;

		if (file && !file->shmem && !is_hugetlb_file(file))
			return -EOPNOTSUPP;
	}
	return 0;
}

/*
 * gup_fast_range - the lockless part: GUP-fast takes what it can from the
 * start of the range, up to the first page it cannot.  From 5.11 a pin
 * also reads the mm's write_protect_seq first and backs off altogether
 * while fork is copying (odd), or if a fork ran meanwhile (changed): the
 * pins it took may sit on pages that fork has just COW-shared.  GET
 * references are not protected (they are not meant to be coherent).
 * Returns the number of pages taken into @h.
 *
 * Models: mm/gup.c:gup_fast() (5.11: lockless_pages_from_mm(), 57efa1fe5957)
 * Divergence: hugetlb's fork raises the count only from 5.19
 * (623a1ddfeb23); the model's hugetlb fork never does, and has no yield
 * point either.
 */
static uint64_t gup_fast_range(struct world *w, struct mm_struct *mm,
			       struct gup_handle *h, uint64_t addr, uint64_t nr,
			       unsigned int gup_flags)
{
	bool seq_check = (gup_flags & MMG_PIN) && knob(w, MMK_WRITE_PROTECT_SEQ);
	unsigned long seq = mm->write_protect_seq;
	uint64_t i;

	/* A child whose fork did not return runs nothing yet (see mm_struct). */
	if (mm->dup_in_progress || (seq_check && (seq & 1)))
		return 0;
	for (i = 0; i < nr; i++) {
		uint64_t a = addr + (i << PAGE_SHIFT);
		unsigned long idx;
		struct folio *folio = gup_fast_one(w, mm, a,
						   gup_fast_flags(w, gup_flags),
						   &idx);

		if (!folio)
			break;
		gup_record(w, &h->pages[i], mm, a, folio, idx);
		mm_step_done(w, MM_STEP_TAKEN, a);
	}
	if (seq_check && mm->write_protect_seq != seq) {
		for (uint64_t j = 0; j < i; j++)
			unpin_or_put(w, h->pages[j].folio, gup_flags);
		memset(h->pages, 0, i * sizeof(*h->pages));
		return 0;
	}
	return i;
}

/*
 * mm_gup - get_user_pages(_fast) / pin_user_pages(_fast) over a range into
 * handle @gid.  GUP-fast takes what it can from the start of the range and
 * the slow path does the rest under the mmap lock, as the kernel's callers
 * do.
 *
 * Divergence: all or nothing; the kernel returns a partial count, which
 * callers such as io_uring then release.  FOLL_LONGTERM does not migrate
 * pages out of ZONE_MOVABLE/CMA: the model has no zones.
 */
int mm_gup(struct world *w, int pid, int gid, uint64_t addr, uint64_t len,
	   unsigned int gup_flags, enum mm_holder holder, uint64_t *done)
{
	struct mm_struct *mm = get_mm(w, pid);
	struct gup_handle *h;
	uint64_t nr = len >> PAGE_SHIFT, i = 0;
	int err = 0;

	if (done)
		*done = 0;
	/* A handle a stepwise GUP is still filling (pages) is taken too. */
	if (!mm || gid < 0 || gid >= NR_HANDLES || w->handles[gid].used ||
	    w->handles[gid].pages)
		return -EINVAL;
	if (!nr || !IS_ALIGNED(addr | len, PAGE_SIZE))
		return -EINVAL;
	if ((err = is_valid_gup_args(gup_flags)))
		return err;
	if (gup_flags & MMG_PIN)
		mm->flags |= MMF_HAS_PINNED;	/* before the walk, as GUP-fast does */
	h = &w->handles[gid];
	h->pages = kzalloc(w, nr * sizeof(*h->pages));
	h->gup_flags = gup_flags;
	/* Filled page by page: the owner's unmaps reach it meanwhile. */
	h->pid = pid;
	h->nr = nr;
	if (gup_flags & MMG_FAST)
		i = gup_fast_range(w, mm, h, addr, nr, gup_flags);
	/* The rest goes through the slow path. */
	if (i < nr && (err = mmap_lock(w, pid, MMAP_LOCK_READ))) {
		handle_release(w, h, i);
		return err;
	}
	for (; i < nr; i++) {
		uint64_t a = addr + (i << PAGE_SHIFT);
		unsigned long idx;
		struct folio *folio = gup_one_page(w, mm, a, gup_flags, &idx,
						   NULL, &err);

		if (!folio)
			break;
		gup_record(w, &h->pages[i], mm, a, folio, idx);
		gup_yield_taken(w, a);
	}
	if (!err && holder == MMH_IOURING &&
	    knob(w, MMK_IOURING_FILE_ONLY_SHMEM_HUGETLB))
		err = iouring_vmas_refused(mm, addr, nr);
	if (done)
		*done = i;
	if (err) {
		handle_release(w, h, i);
		return err;
	}
	h->used = true;
	w->handles_used |= 1ull << gid;
	h->holder = holder;
	return 0;
}

/*
 * populate_range - fault in [start, end) the way GUP would, taking no
 * references: MAP_POPULATE, MADV_POPULATE_(READ|WRITE).  Stops at the
 * first page that fails; -ENOMEM where no VMA covers it.
 *
 * Models: mm/gup.c:populate_vma_page_range() / faultin_page_range()
 */
int populate_range(struct world *w, struct mm_struct *mm, uint64_t start,
		   uint64_t end, unsigned int gup_flags)
{
	for (uint64_t a = start; a < end; a += PAGE_SIZE) {
		struct vm_area_struct *vma;
		unsigned long idx;
		int err;

		if (!gup_one_page(w, mm, a, gup_flags | FOLL_NOGRAB, &idx,
				  &vma, &err))
			return vma_lookup(mm, a) ? err : -ENOMEM;
		gup_yield_taken(w, a);
		/* The rest of a huge page is populated with it (page_mask). */
		if (is_vm_hugetlb_page(vma))
			a = ALIGN_DOWN(a, huge_page_size_vma(vma)) +
			    huge_page_size_vma(vma) - PAGE_SIZE;
	}
	return 0;
}

int mm_handle_read(struct world *w, int gid, mm_observe_fn obs, void *priv)
{
	struct gup_handle *h;

	if (gid < 0 || gid >= NR_HANDLES || !w->handles[gid].used)
		return -EINVAL;
	h = &w->handles[gid];
	for (uint64_t i = 0; i < h->nr; i++)
		obs(priv, i, folio_page_content(h->pages[i].folio,
						h->pages[i].idx));
	return 0;
}

/*
 * mm_handle_write - a device writes through a write pin (DMA), then the
 * driver dirties the pages as unpin_user_pages_dirty_lock() would.
 */
int mm_handle_write(struct world *w, int gid, const struct mm_data *data)
{
	struct gup_handle *h;

	if (gid < 0 || gid >= NR_HANDLES || !w->handles[gid].used)
		return -EINVAL;
	h = &w->handles[gid];
	if ((h->gup_flags & (MMG_PIN | MMG_WRITE)) != (MMG_PIN | MMG_WRITE))
		return -EPERM;
	for (uint64_t i = 0; i < h->nr; i++) {
		struct folio *folio = h->pages[i].folio;

		/*
		 * A write pin reaches the zeropage only through a writable
		 * zeropage entry, which only a driver could insert, before
		 * 6.11: the device then writes the zeropage itself (S5).
		 */
		MM_BUG_ON_FOLIO(w, folio->kind == FOLIO_HUGE_ZERO ||
				(folio->kind == FOLIO_ZERO &&
				 knob(w, MMK_ZEROPAGE_INSERT_SPECIAL)), folio);
		folio_page_set_content(folio, h->pages[i].idx,
				       data->value + (data->unique ? i : 0));
		folio->flags |= PG_dirty;
	}
	return 0;
}

int mm_handle_put(struct world *w, int gid)
{
	if (gid < 0 || gid >= NR_HANDLES || !w->handles[gid].used)
		return -EINVAL;
	handle_release(w, &w->handles[gid], w->handles[gid].nr);
	return 0;
}

uint64_t mm_handle_nr_pages(const struct world *w, int gid)
{
	if (gid < 0 || gid >= NR_HANDLES || !w->handles[gid].used)
		return 0;
	return w->handles[gid].nr;
}

/* The process removed or replaced its mapping of [start, end). */
void gup_detach_range(struct world *w, struct mm_struct *mm, uint64_t start,
		      uint64_t end)
{
	for_each_gup_record(w, g) {
		struct gup_handle *h = &w->handles[g];

		if (h->pid != mm->pid)
			continue;
		for (uint64_t i = 0; i < h->nr; i++)
			if (h->pages[i].addr >= start && h->pages[i].addr < end)
				h->pages[i].detached = true;
	}
}

/*
 * gup_detach_folio - @folio left the page cache (hole punch): whoever
 * holds it holds a page that no mapping will show again.
 */
void gup_detach_folio(struct world *w, struct folio *folio)
{
	for_each_gup_record(w, g) {
		struct gup_handle *h = &w->handles[g];

		for (uint64_t i = 0; i < h->nr; i++)
			if (h->pages[i].folio == folio)
				h->pages[i].detached = true;
	}
}

/* mremap moved [start, end) to new_start: records follow the move. */
void gup_move_range(struct world *w, struct mm_struct *mm, uint64_t start,
		    uint64_t end, uint64_t new_start)
{
	for_each_gup_record(w, g) {
		struct gup_handle *h = &w->handles[g];

		if (h->pid != mm->pid)
			continue;
		for (uint64_t i = 0; i < h->nr; i++) {
			struct gup_page *gp = &h->pages[i];

			if (!gp->detached && gp->addr >= start && gp->addr < end)
				gp->addr = gp->addr - start + new_start;
		}
	}
}

/* Process exit: its pipes and io_uring instances go away. */
void gup_release_handles_of(struct world *w, int pid)
{
	for_each_gup_handle(w, g)
		if (w->handles[g].pid == pid)
			mm_handle_put(w, g);
}
