// SPDX-License-Identifier: MIT
/*
 * fork.c - duplicating an address space: dup_mmap() and copy_page_range().
 *
 * In a COW mapping a shared page becomes read-only in both processes, and
 * its PageAnonExclusive is cleared: whoever writes first copies.  A page
 * that may be pinned cannot be shared that way (the parent's next write
 * would copy away from the pin), so the child gets its own copy at once.
 */
#include "internal.h"

struct copy_ctx {
	struct world *w;
	struct vm_area_struct *dst_vma, *src_vma;
};

/*
 * copy_present_page - give the child a private copy of an anon page that
 * may be pinned: a new exclusive page, dirty, with the VMA's protection
 * (writable if it is, inaccessible in a PROT_NONE VMA, as mk_pte() with
 * vm_page_prot gives it).  The parent's entry is left as it was.
 *
 * Models: mm/memory.c:copy_present_page()
 */
static void copy_present_page(struct copy_ctx *ctx, pte_t src, uint64_t addr,
			      pte_t *dst_pte)
{
	struct vm_area_struct *dst_vma = ctx->dst_vma;
	struct folio *new = folio_alloc(ctx->w, FOLIO_ANON, 0);
	unsigned int flags = _PAGE_YOUNG | _PAGE_DIRTY | _PAGE_SOFT_DIRTY |
			     vma_prot_bits(dst_vma);

	folio_page_set_content(new, 0, folio_page_content(src.folio, src.idx));
	folio_add_new_anon_rmap(ctx->w, new, 0);
	if (dst_vma->vm_flags & VM_WRITE)
		flags |= _PAGE_WRITE;
	set_pte_at(dst_vma->vm_mm, addr, dst_pte, mk_pte(new, 0, flags));
}

/*
 * page_needs_cow_for_dma_old - the early-copy rule of 5.9 to 5.18, before
 * PageAnonExclusive: in a COW mapping of an mm that ever pinned, any page
 * that may be pinned is copied for the child (page-cache pages too, until
 * 5.19 restricted it to anon pages).  From 5.19 the decision is made by
 * folio_try_dup_anon_rmap_pte() on exclusive pages instead.
 *
 * Models: mm/memory.c:copy_present_page() (5.9) / page_needs_cow_for_dma()
 */
static bool page_needs_cow_for_dma_old(struct copy_ctx *ctx,
				       struct folio *folio)
{
	struct world *w = ctx->w;

	if (knob(w, MMK_ANON_EXCLUSIVE) || !is_cow_mapping(ctx->src_vma->vm_flags))
		return false;
	if (!folio_test_anon(folio) && !knob(w, MMK_FORK_COPY_PINNED_FILE_TOO))
		return false;
	return folio_needs_cow_for_dma(w, ctx->src_vma->vm_mm, folio);
}

/*
 * copy_present_pte - copy one present entry to the child.  Anon pages are
 * shared (PAE cleared, +1 mapcount and reference) unless they may be
 * pinned; page-cache pages are shared; the zeropage is copied as is.  In
 * a COW mapping both entries end up read-only; in a shared mapping the
 * child's entry is clean.
 *
 * Yield points (stepwise threads): after deciding to share the page,
 * before the parent's entry is write-protected, and once the child's
 * entry is installed.  At the first the parent's entry is still writable
 * and GUP-fast, which takes no lock, can pin the page fork has just
 * decided to share; the parent's next write then copies away from the
 * pin (P6).  write_protect_seq (5.11) makes GUP-fast back off.
 *
 * Models: mm/memory.c:copy_present_pte() up to 6.8, one entry at a time
 * Divergence: the kernel holds both page-table locks over the loop, so
 * only lockless walkers (GUP-fast) see its intermediate states; the
 * model lets any operation that needs no mmap lock of these processes
 * run at a yield point.  6.9+ copies the PTEs of a large folio in batches
 * (copy_present_ptes() with folio_pte_batch()), duplicating their rmap at
 * once and falling back to one entry at a time when a page may be pinned;
 * each entry ends the same as here.
 */
static void copy_present_pte(struct copy_ctx *ctx, pte_t *src_pte,
			     pte_t *dst_pte, uint64_t addr)
{
	struct vm_area_struct *src_vma = ctx->src_vma;
	unsigned int vm_flags = src_vma->vm_flags;
	pte_t pte = *src_pte;
	struct folio *folio = pte_special(pte) ? NULL : pte.folio;

	if (folio && page_needs_cow_for_dma_old(ctx, folio)) {
		copy_present_page(ctx, pte, addr, dst_pte);
		fork_entry_done(ctx->w, addr + PAGE_SIZE);
		return;
	}
	if (folio && folio_test_anon(folio)) {
		if (folio_try_dup_anon_rmap_pte(ctx->w, src_vma->vm_mm, folio,
						pte.idx)) {
			copy_present_page(ctx, pte, addr, dst_pte);
			fork_entry_done(ctx->w, addr + PAGE_SIZE);
			return;
		}
		folio_get(folio);
	} else if (folio) {
		folio_dup_file_rmap_pte(folio, pte.idx);
		folio_get(folio);
	}
	mm_yield(ctx->w, "fork: entry shared, the parent's still writable");
	if (is_cow_mapping(vm_flags) && pte_write(pte)) {
		set_pte_at(src_vma->vm_mm, addr, src_pte, pte_wrprotect(pte));
		pte = pte_wrprotect(pte);
	}
	if (vm_flags & VM_SHARED)
		pte = pte_mkclean(pte);
	pte = pte_mkold(pte);
	set_pte_at(ctx->dst_vma->vm_mm, addr, dst_pte, pte);
	fork_entry_done(ctx->w, addr + PAGE_SIZE);
}

/*
 * copy_nonpresent_pte - a swap entry: one more reference to the slot.
 * The page is shared from now on, so the parent's entry loses its
 * exclusive marker and the child's never had it.
 *
 * Models: mm/memory.c:copy_nonpresent_pte()
 */
static void copy_nonpresent_pte(struct copy_ctx *ctx, pte_t *src_pte,
				pte_t *dst_pte, uint64_t addr)
{
	pte_t pte = *src_pte;

	swap_duplicate(ctx->w, pte.swp_offset);
	if (pte.flags & _PAGE_SWP_EXCLUSIVE) {
		pte.flags &= ~_PAGE_SWP_EXCLUSIVE;
		set_pte_at(ctx->src_vma->vm_mm, addr, src_pte, pte);
	}
	set_pte_at(ctx->dst_vma->vm_mm, addr, dst_pte, pte);
}

static int copy_pte_entry(pte_t *src_pte, uint64_t addr, struct mm_walk *walk)
{
	struct copy_ctx *ctx = walk->priv;
	pte_t *dst_pte = pte_offset(ctx->dst_vma->vm_mm, addr, true);

	if (src_pte->type == PTE_SWAP)
		copy_nonpresent_pte(ctx, src_pte, dst_pte, addr);
	else
		copy_present_pte(ctx, src_pte, dst_pte, addr);
	return 0;
}

static int copy_pmd_entry(pte_t *src_pmd, uint64_t addr, uint64_t end,
			  struct mm_walk *walk)
{
	struct copy_ctx *ctx = walk->priv;

	(void)end;
	return copy_huge_pmd(ctx->w, ctx->dst_vma, ctx->src_vma, addr, src_pmd);
}

/*
 * vma_needs_copy - page tables are copied only where the child could not
 * refault the same content: VMAs with anon pages.  File and shmem pages
 * come back from the page cache on the child's first access.
 *
 * Models: mm/memory.c:vma_needs_copy()
 */
static bool vma_needs_copy(const struct vm_area_struct *src_vma)
{
	if (src_vma->vm_flags & (VM_PFNMAP | VM_MIXEDMAP))
		return true;
	return src_vma->anon_vma;
}

/*
 * copy_page_range - copy @src_vma's entries into @dst_vma (same range).
 * While a COW mapping is copied the parent's write_protect_seq is odd, so
 * a concurrent GUP-fast pin backs off.
 *
 * Models: mm/memory.c:copy_page_range()
 */
static int copy_page_range(struct world *w, struct vm_area_struct *dst_vma,
			   struct vm_area_struct *src_vma)
{
	static const struct mm_walk_ops ops = { .pte_entry = copy_pte_entry,
						.pmd_entry = copy_pmd_entry };
	struct copy_ctx ctx = { .w = w, .dst_vma = dst_vma, .src_vma = src_vma };
	struct mm_struct *src_mm = src_vma->vm_mm;
	bool cow = is_cow_mapping(src_vma->vm_flags);

	if (!vma_needs_copy(src_vma))
		return 0;
	if (is_vm_hugetlb_page(src_vma))
		return copy_hugetlb_page_range(w, dst_vma, src_vma);
	if (cow)
		src_mm->write_protect_seq++;
	walk_page_range(src_mm, src_vma->vm_start, src_vma->vm_end, &ops, &ctx);
	if (cow)
		src_mm->write_protect_seq++;
	return 0;
}

/*
 * dup_mmap - build the child's address space from the parent's.  VMAs
 * marked VM_DONTCOPY are left out; VM_WIPEONFORK VMAs come empty; locks
 * are not inherited (VM_LOCKED is cleared in the child).
 *
 * Models: kernel/fork.c:dup_mmap()
 */
void fork_entry_done(struct world *w, uint64_t end)
{
	mm_step_done(w, MM_STEP_FORKED, end);
	mm_yield(w, "fork: after installing the child's entry");
}

int dup_mmap(struct world *w, struct mm_struct *oldmm, struct mm_struct *mm)
{
	for (struct vm_area_struct *vma = oldmm->mmap; vma; vma = vma->vm_next) {
		struct vm_area_struct *new;

		if (vma->vm_flags & VM_DONTCOPY)
			continue;
		new = vma_alloc(mm, vma->vm_start, vma->vm_end,
				vma->vm_flags & ~VM_LOCKED,
				vma->vm_file, vma->vm_pgoff);
		vma_link(mm, new);
		if (vma->vm_flags & VM_WIPEONFORK)
			continue;
		new->anon_vma = vma->anon_vma;
		if (copy_page_range(w, new, vma))
			return -ENOMEM;	/* no huge page for a pinned one */
	}
	return 0;
}
