// SPDX-License-Identifier: MIT
/*
 * access.c - the CPU: loads and stores through the page tables, with the
 * MMU's check first and a page fault when it fails.
 *
 * A store through a writable entry needs no fault at all, whatever the
 * VMA says: that is why a writable entry where the rules forbid one is a
 * bug the view oracle sees.
 */
#include "internal.h"

/* Would the MMU let this access through without a fault? */
static bool mmu_allows(pte_t *ptep, bool write)
{
	if (!ptep || !pte_present(*ptep) || pte_protnone(*ptep))
		return false;
	return !write || pte_write(*ptep);
}

/*
 * access_error - is the faulting access allowed by the VMA at all?
 *
 * Models: arch/x86/mm/fault.c:access_error()
 */
static bool access_error(const struct vm_area_struct *vma, bool write)
{
	if (write)
		return !(vma->vm_flags & VM_WRITE);
	return !(vma->vm_flags & (VM_READ | VM_WRITE));
}

/* The entry mapping @addr at any level, and the page of its folio there. */
static pte_t *entry_for(struct mm_struct *mm, uint64_t addr, unsigned long *idx)
{
	unsigned int level = 0;
	pte_t *ptep = leaf_offset(mm, addr, &level);

	if (ptep && pte_present(*ptep))
		*idx = ptep->idx + ((addr & (leaf_size(level) - 1)) >> PAGE_SHIFT);
	return ptep;
}

/* One load or store at @addr; returns 0 or a negative error. */
static int access_one(struct world *w, struct mm_struct *mm, uint64_t addr,
		      bool write, uint64_t value, mm_observe_fn obs, void *priv)
{
	unsigned long idx = 0;
	pte_t *ptep = entry_for(mm, addr, &idx);

	for (int round = 0; !mmu_allows(ptep, write); round++) {
		struct vm_area_struct *vma = vma_lookup(mm, addr);
		vm_fault_t ret;

		if (!vma || access_error(vma, write))
			return -MM_ESIGSEGV;
		MM_BUG_ON(w, round > 2);	/* a fault must make progress */
		ret = handle_mm_fault(w, vma, addr, write ? FAULT_FLAG_WRITE : 0);
		if (ret & VM_FAULT_ERROR)
			return fault_error_to_errno(ret);
		ptep = entry_for(mm, addr, &idx);
	}
	if (write) {
		/* The MMU sets the accessed and dirty bits. */
		folio_page_set_content(ptep->folio, idx, value);
		ptep->flags |= _PAGE_DIRTY | _PAGE_YOUNG;
	} else {
		ptep->flags |= _PAGE_YOUNG;
		if (obs)
			obs(priv, addr, folio_page_content(ptep->folio, idx));
	}
	return 0;
}

/*
 * access_range - loads or stores over a range, page by page, as a user
 * program's memcpy (or a read()/write() of /proc/self/mem) would; stops
 * at the first page @one fails on.  Returns the pages done, or the error
 * if none was; *@errp gets the error that stopped it (0 if none).
 */
long access_range(struct world *w, int pid, uint64_t addr, uint64_t len,
		  bool write, const struct mm_data *data, mm_observe_fn obs,
		  void *priv, int *errp, access_one_fn one)
{
	struct mm_struct *mm = get_mm(w, pid);
	uint64_t nr = len >> PAGE_SHIFT, done = 0;
	int err = 0;

	if (!mm)
		err = -ESRCH;
	else if (!nr || !IS_ALIGNED(addr | len, PAGE_SIZE) || (write && !data))
		err = -EINVAL;
	else	/* faults; /proc/self/mem's GUP */
		err = mmap_lock(w, pid, MMAP_LOCK_READ);
	while (!err && done < nr) {
		uint64_t value = write ? data->value + (data->unique ? done : 0) : 0;

		err = one(w, mm, addr + (done << PAGE_SHIFT), write, value, obs,
			  priv);
		if (err)
			break;
		if (write)
			mm_step_done(w, MM_STEP_STORED, addr + (done << PAGE_SHIFT));
		done++;
	}
	if (errp)
		*errp = err;
	return done ? (long)done : err;
}

long mm_access(struct world *w, int pid, uint64_t addr, uint64_t len,
	       bool write, const struct mm_data *data, mm_observe_fn obs,
	       void *priv, int *errp)
{
	return access_range(w, pid, addr, len, write, data, obs, priv, errp,
			    access_one);
}

MM_NOCOV_BEGIN

/*
 * The view walk reports pages holding zero as ranges: runs of them, in
 * PTEs or huge leaves, are gathered in [zero_start, zero_end) and handed
 * over when the run breaks.
 */
struct view_ctx {
	struct world *w;
	mm_observe_fn obs;
	mm_observe_zero_fn zero;
	void *priv;
	uint64_t zero_start, zero_end;
};

static void view_flush(struct view_ctx *ctx)
{
	if (ctx->zero_start < ctx->zero_end)
		ctx->zero(ctx->priv, ctx->zero_start, ctx->zero_end);
	ctx->zero_start = ctx->zero_end = 0;
}

static inline void view_page(struct view_ctx *ctx, uint64_t addr, uint64_t value)
{
	if (value) {
		view_flush(ctx);
		ctx->obs(ctx->priv, addr, value);
	} else if (ctx->zero_start < ctx->zero_end && ctx->zero_end == addr) {
		ctx->zero_end += PAGE_SIZE;
	} else {
		view_flush(ctx);
		ctx->zero_start = addr;
		ctx->zero_end = addr + PAGE_SIZE;
	}
}

static void view_zero(struct view_ctx *ctx, uint64_t start, uint64_t end)
{
	if (ctx->zero_start < ctx->zero_end && ctx->zero_end == start) {
		ctx->zero_end = end;
		return;
	}
	view_flush(ctx);
	ctx->zero_start = start;
	ctx->zero_end = end;
}

/* A present page shows its content; a swapped one what swap-in brings back. */
static int view_pte_entry(pte_t *ptep, uint64_t addr, struct mm_walk *walk)
{
	struct view_ctx *ctx = walk->priv;

	if (pte_present(*ptep))
		view_page(ctx, addr, folio_page_content(ptep->folio, ptep->idx));
	else
		view_page(ctx, addr, swap_entry_content(ctx->w, ptep->swp_offset));
	return 0;
}

/* A run of PTEs over one large folio: its pages chunk by chunk. */
static int view_pte_batch(pte_t *ptep, uint64_t addr, unsigned int nr,
			  struct mm_walk *walk)
{
	struct view_ctx *ctx = walk->priv;
	const struct folio *folio = ptep->folio;
	unsigned long idx = ptep->idx, end = idx + nr;

	while (idx < end) {
		unsigned long stop = MIN(end, ALIGN_DOWN(idx, PAGE_CHUNK_PAGES) +
					      PAGE_CHUNK_PAGES);
		unsigned long c = idx >> PAGE_CHUNK_SHIFT;
		const struct page_state *page;

		if (folio_next_filled(folio, c) != c) {
			view_zero(ctx, addr, addr + ((stop - idx) << PAGE_SHIFT));
			addr += (stop - idx) << PAGE_SHIFT;
			idx = stop;
			continue;
		}
		page = folio->chunks[c] + (idx & (PAGE_CHUNK_PAGES - 1));
		for (; idx < stop; idx++, page++, addr += PAGE_SIZE)
			view_page(ctx, addr, page->content);
	}
	return 0;
}

/*
 * A huge leaf: a chunk of page state never given a non-zero value holds
 * zero throughout and is passed over whole, so the cost is what was
 * written, not the leaf's size.
 */
static int view_leaf_entry(pte_t *leaf, uint64_t addr, uint64_t end,
			   struct mm_walk *walk)
{
	struct view_ctx *ctx = walk->priv;
	const struct folio *folio = leaf->folio;
	unsigned long first = leaf->idx +
		((addr & (leaf_size(leaf_level(leaf, walk)) - 1)) >> PAGE_SHIFT);
	unsigned long last = first + ((end - addr) >> PAGE_SHIFT);
	uint64_t zero_from = addr;

	if (!pte_present(*leaf))
		return 0;
	for (unsigned long c = folio_next_filled(folio, first >> PAGE_CHUNK_SHIFT);
	     c < folio_nr_chunks(folio) && (c << PAGE_CHUNK_SHIFT) < last;
	     c = folio_next_filled(folio, c + 1)) {
		unsigned long idx = MAX(first, c << PAGE_CHUNK_SHIFT);
		unsigned long stop = MIN(last, (c + 1) << PAGE_CHUNK_SHIFT);

		for (; idx < stop; idx++) {
			uint64_t value = folio->chunks[c][idx & (PAGE_CHUNK_PAGES - 1)].content;
			uint64_t a = addr + ((uint64_t)(idx - first) << PAGE_SHIFT);

			if (!value)
				continue;
			if (zero_from < a)
				view_zero(ctx, zero_from, a);
			view_page(ctx, a, value);
			zero_from = a + PAGE_SIZE;
		}
	}
	if (zero_from < end)
		view_zero(ctx, zero_from, end);
	return 0;
}

void mm_walk_view(struct world *w, int pid, mm_observe_fn obs,
		  mm_observe_zero_fn zero, void *priv)
{
	static const struct mm_walk_ops ops = { .pte_entry = view_pte_entry,
						.pte_batch = view_pte_batch,
						.pmd_entry = view_leaf_entry,
						.hugetlb_entry = view_leaf_entry };
	struct mm_struct *mm = get_mm(w, pid);
	struct view_ctx ctx = { .w = w, .obs = obs, .zero = zero, .priv = priv };

	if (!mm)
		return;
	walk_page_range(mm, 0, TASK_SIZE, &ops, &ctx);
	view_flush(&ctx);
}

MM_NOCOV_END

int mm_page_query(struct world *w, int pid, uint64_t addr,
		  struct mm_page_info *info)
{
	struct mm_struct *mm = get_mm(w, pid);
	unsigned int level = 0;
	struct folio *folio;
	unsigned long idx;
	pte_t *ptep;

	memset(info, 0, sizeof(*info));
	if (!mm)
		return -ESRCH;
	ptep = leaf_offset(mm, addr, &level);
	if (!ptep || pte_none(*ptep))
		return 0;
	info->level = level;
	if (ptep->type == PTE_SWAP) {
		info->swapped = true;
		return 0;
	}
	folio = ptep->folio;
	idx = ptep->idx + ((addr & (leaf_size(level) - 1)) >> PAGE_SHIFT);
	info->present = true;
	info->order = folio->order;
	info->anon = folio_test_anon(folio);
	info->ksm = folio_test_ksm(folio);
	info->hugetlb = folio->flags & PG_hugetlb;
	info->zeropage = folio->kind == FOLIO_ZERO;
	info->huge_zeropage = folio->kind == FOLIO_HUGE_ZERO;
	info->writable = pte_write(*ptep);
	/* A PMD or PUD mapping keeps its exclusivity on the head page. */
	info->exclusive = info->anon &&
			  PageAnonExclusive(folio, level ? ptep->idx : idx);
	info->refcount = folio_ref_count(folio);
	info->mapcount = folio_mapcount(folio);
	info->pincount = folio->pincount;
	return 0;
}
