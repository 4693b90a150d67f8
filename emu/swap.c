// SPDX-License-Identifier: MIT
/*
 * swap.c - swap slots and the swap cache, swap-out (MADV_PAGEOUT and
 * reclaim) and swap-in (do_swap_page) of small anonymous folios.
 *
 * A slot counts the swap entries that refer to it (swap_count) and may
 * have a folio in the swap cache; the cache holds one reference per page.
 * Written-back content stays in the slot.  The device is not synchronous:
 * swap-in always goes through the swap cache.
 *
 * Divergence: there is no reverse map; swap-out finds a folio's mappings
 * by scanning page tables (MADV_PAGEOUT only takes folios mapped once,
 * reclaim scans every process).  Writeback completes at once: a folio
 * nobody else references leaves the swap cache right after unmapping.
 * Large folios are not swapped yet.
 */
#include "internal.h"

static struct swap_slot *swap_slot(struct world *w, uint64_t off)
{
	MM_BUG_ON(w, off >= w->nr_swap_slots || !w->swap_slots[off].used);
	return &w->swap_slots[off];
}

/* Slot @off is free again. */
static void swap_slot_release(struct world *w, uint64_t off)
{
	w->swap_slots[off].used = false;
	w->swap_free_hint = MIN(w->swap_free_hint, off);
}

/*
 * A free slot, the lowest one, so runs stay deterministic.  The scan starts
 * at the hint below which every slot is in use: swapping out N pages costs
 * N steps, not N^2.
 */
static uint64_t swap_alloc_slot(struct world *w)
{
	uint64_t off;

	for (off = w->swap_free_hint; off < w->nr_swap_slots; off++)
		if (!w->swap_slots[off].used)
			break;
	w->swap_free_hint = off + 1;
	if (off == w->nr_swap_slots) {
		w->nr_swap_slots = w->nr_swap_slots ? 2 * w->nr_swap_slots : 16;
		w->swap_slots = krealloc_array(w, w->swap_slots, w->nr_swap_slots,
						 sizeof(*w->swap_slots));
		memset(&w->swap_slots[off], 0,
		       (w->nr_swap_slots - off) * sizeof(*w->swap_slots));
	}
	memset(&w->swap_slots[off], 0, sizeof(w->swap_slots[off]));
	w->swap_slots[off].used = true;
	return off;
}

/*
 * delete_from_swap_cache - the folio leaves the swap cache: its content is
 * on the device now; the slot stays while swap entries refer to it.
 */
static void delete_from_swap_cache(struct world *w, struct folio *folio)
{
	struct swap_slot *slot = swap_slot(w, folio->swap);

	slot->content = folio_page_content(folio, 0);
	slot->cache = NULL;
	if (!slot->count)
		swap_slot_release(w, folio->swap);
	folio->flags &= ~PG_swapcache;
	folio_put(w, folio);
}

/*
 * folio_free_swap - free the swap cache and the slot of @folio if no swap
 * entry refers to the slot any more.  Returns true if it did.
 *
 * Models: mm/swapfile.c:folio_free_swap()
 */
bool folio_free_swap(struct world *w, struct folio *folio)
{
	if (!folio_test_swapcache(folio) || swap_slot(w, folio->swap)->count)
		return false;
	delete_from_swap_cache(w, folio);
	return true;
}

/* fork: one more entry refers to the slot.  Models: swap_duplicate() */
void swap_duplicate(struct world *w, uint64_t off)
{
	swap_slot(w, off)->count++;
}

/*
 * swap_free - one entry less refers to the slot; the last one frees the
 * slot unless a folio is still in the swap cache for it.
 *
 * Models: mm/swapfile.c:swap_free()
 */
void swap_free(struct world *w, uint64_t off)
{
	struct swap_slot *slot = swap_slot(w, off);

	MM_BUG_ON(w, slot->count <= 0);
	if (!--slot->count && !slot->cache)
		swap_slot_release(w, off);
}

/*
 * free_swap_and_cache - a swap entry is zapped: as swap_free(), and the
 * swap cache goes too once nobody maps the cached folio.
 *
 * Models: mm/swapfile.c:free_swap_and_cache()
 */
void free_swap_and_cache(struct world *w, uint64_t off)
{
	struct folio *folio = swap_slot(w, off)->cache;

	swap_free(w, off);
	if (folio && !folio_mapcount(folio))
		folio_free_swap(w, folio);
}

/*
 * free_swap_cache - a mapping of @folio was zapped: if it was the last,
 * the swap cache has no reason to keep it.
 *
 * Models: mm/swap_state.c:free_swap_cache()
 */
void free_swap_cache(struct world *w, struct folio *folio)
{
	if (folio_test_swapcache(folio) && !folio_mapcount(folio))
		folio_free_swap(w, folio);
}

/* How many swap entries refer to slot @off. */
long swap_slot_count(struct world *w, uint64_t off)
{
	return swap_slot(w, off)->count;
}

/* The content a swap entry stands for. */
uint64_t swap_entry_content(struct world *w, uint64_t off)
{
	struct swap_slot *slot = swap_slot(w, off);

	return slot->cache ? folio_page_content(slot->cache, 0) : slot->content;
}

/* The folio a swap entry's slot holds in the swap cache, or NULL. */
struct folio *swap_cache_folio(struct world *w, uint64_t off)
{
	return swap_slot(w, off)->cache;
}

static void add_to_swap(struct world *w, struct folio *folio)
{
	uint64_t off = swap_alloc_slot(w);

	folio->swap = off;
	folio->flags |= PG_swapcache;
	folio_get(folio);		/* the swap cache's reference */
	w->swap_slots[off].cache = folio;
}

/*
 * try_to_unmap_one - replace one PTE mapping of @folio by a swap entry.
 * An exclusive page first loses its entry, then its PageAnonExclusive;
 * if it may be pinned that is refused and the entry comes back (5.19's
 * clear-then-check protocol against GUP-fast).  The swap entry remembers
 * the exclusivity.  Returns false if the folio must stay.
 *
 * Models: mm/rmap.c:try_to_unmap_one()
 */
static bool try_to_unmap_one(struct world *w, struct mm_struct *mm,
			     uint64_t addr, pte_t *ptep)
{
	pte_t pte = *ptep, swp = { .type = PTE_SWAP };
	struct folio *folio = pte.folio;
	bool exclusive = PageAnonExclusive(folio, pte.idx);

	if (exclusive) {
		if (folio_maybe_dma_pinned(folio))
			return false;
		ClearPageAnonExclusive(folio, pte.idx);
		if (knob(w, MMK_SWP_EXCLUSIVE_MARKER))
			swp.flags |= _PAGE_SWP_EXCLUSIVE;
	}
	if (pte_soft_dirty(pte))
		swp.flags |= _PAGE_SOFT_DIRTY;
	swp.swp_offset = folio->swap;
	set_pte_at(mm, addr, ptep, swp);
	swap_duplicate(w, folio->swap);
	folio_remove_rmap_pte(w, folio, pte.idx);
	folio_put(w, folio);
	return true;
}

/* Where a folio is mapped: found by scanning page tables. */
/* Can this anon folio go to swap at all? */
static bool folio_swappable(struct world *w, struct folio *folio)
{
	if (!w->cfg.swap || !folio_test_anon(folio) || folio_test_large(folio) ||
	    folio_test_ksm(folio))
		return false;
	/* 5.11+: a possibly pinned folio never enters the swap cache. */
	return !(knob(w, MMK_NO_SWAPCACHE_IF_PINNED) &&
		 folio_maybe_dma_pinned(folio));
}

/*
 * shrink_folio - swap out @folio, whose @nr mappings are all in @maps:
 * into the swap cache, every mapping becomes a swap entry, then
 * writeback; a folio nobody else references leaves the cache and is
 * freed.  If a mapping refuses (pinned exclusive page), the ones already
 * unmapped stay swap entries and the folio stays in the swap cache.
 *
 * Models: mm/vmscan.c:shrink_folio_list() for one anon folio
 */
static void shrink_folio(struct world *w, struct folio_mapping *maps, size_t nr)
{
	struct folio *folio = maps[0].folio;

	if (!folio_test_swapcache(folio))
		add_to_swap(w, folio);
	for (size_t i = 0; i < nr; i++) {
		pte_t *ptep = pte_offset(maps[i].mm, maps[i].addr, false);

		if (!try_to_unmap_one(w, maps[i].mm, maps[i].addr, ptep))
			return;
	}
	if (folio_ref_count(folio) == 1)	/* only the swap cache */
		delete_from_swap_cache(w, folio);
}

struct scan_ctx {
	struct folio_mapping *maps;
	size_t nr, cap;
	bool exclusive_only;		/* MADV_PAGEOUT: mapped once */
};

static int scan_pte_entry(pte_t *ptep, uint64_t addr, struct mm_walk *walk)
{
	struct scan_ctx *ctx = walk->priv;
	pte_t pte = *ptep;

	if (!pte_present(pte) || pte_special(pte) || !folio_test_anon(pte.folio))
		return 0;
	if (ctx->exclusive_only && folio_mapcount(pte.folio) != 1)
		return 0;
	if (ctx->nr == ctx->cap) {
		ctx->cap = ctx->cap ? 2 * ctx->cap : 64;
		ctx->maps = mm_realloc_array(ctx->maps, ctx->cap, sizeof(*ctx->maps));
	}
	ctx->maps[ctx->nr++] = (struct folio_mapping){ pte.folio, walk->mm, addr };
	return 0;
}

/* What is still PMD-mapped (huge zeropage, pinned THP) stays. */
static int scan_skip_leaf(pte_t *leaf, uint64_t addr, uint64_t end,
			  struct mm_walk *walk)
{
	(void)leaf, (void)addr, (void)end, (void)walk;
	return 0;
}

static int cmp_mapping(const void *a, const void *b)
{
	const struct folio_mapping *x = a, *y = b;

	if (x->folio->id != y->folio->id)
		return x->folio->id < y->folio->id ? -1 : 1;
	if (x->mm->pid != y->mm->pid)
		return x->mm->pid - y->mm->pid;
	return (x->addr > y->addr) - (x->addr < y->addr);
}

/*
 * Is one of these mappings in a VM_LOCKED VMA?  Then the folio stays:
 * folio_referenced() and try_to_unmap_one() stop at a locked VMA (and
 * mlock the folio), so reclaim puts it back.
 *
 * Models: mm/rmap.c:folio_referenced_one(), try_to_unmap_one() (VM_LOCKED)
 */
static bool mapped_in_locked_vma(const struct folio_mapping *maps, size_t nr)
{
	for (size_t k = 0; k < nr; k++) {
		struct vm_area_struct *vma;

		vma = vma_lookup(maps[k].mm, maps[k].addr);
		if (vma && (vma->vm_flags & VM_LOCKED))
			return true;
	}
	return false;
}

/* Swap out every folio of @ctx whose mappings were all found. */
static void shrink_scanned(struct world *w, struct scan_ctx *ctx)
{
	size_t i = 0;

	if (ctx->nr)
		qsort(ctx->maps, ctx->nr, sizeof(*ctx->maps), cmp_mapping);
	while (i < ctx->nr) {
		struct folio *folio = ctx->maps[i].folio;
		size_t j = i;

		while (j < ctx->nr && ctx->maps[j].folio == folio)
			j++;
		if ((long)(j - i) == folio_mapcount(folio) &&
		    folio_swappable(w, folio) &&
		    !mapped_in_locked_vma(&ctx->maps[i], j - i))
			shrink_folio(w, &ctx->maps[i], j - i);
		i = j;
	}
	free(ctx->maps);
}

/*
 * Large folios go to swap as small pages: a PMD-mapped THP is split to
 * PTEs, then every large anon folio whose mappings were all found is
 * split into small folios (refused while pinned or referenced).
 *
 * Divergence: the kernel can swap a large folio whole (THP_SWP) and swap
 * it back in whole or per page; per-page entries are what §4's swapped
 * THP variants observe either way.  A large folio mapped by a VM_LOCKED
 * VMA is not split: the kernel keeps a mlocked folio off the LRU it
 * reclaims from.
 */
struct large_ctx {
	struct folio_mapping *maps;
	size_t nr, cap;
	bool exclusive_only;
};

/* Only mappings hold the folio: no pin, no GUP reference. */
static bool large_folio_splittable(struct world *w, struct folio *folio)
{
	return w->cfg.swap && folio_test_anon(folio) && !folio_test_ksm(folio) &&
	       folio_ref_count(folio) == folio->large_mapcount;
}

static int large_pmd_entry(pte_t *pmdp, uint64_t addr, uint64_t end,
			   struct mm_walk *walk)
{
	struct large_ctx *ctx = walk->priv;
	struct world *w = walk->mm->w;

	(void)end;
	if (!pte_present(*pmdp) || is_huge_zero_pmd(*pmdp) ||
	    !large_folio_splittable(w, pmdp->folio) ||
	    (walk->vma->vm_flags & VM_LOCKED))
		return 0;
	/* MADV_PAGEOUT leaves a THP another process maps too. */
	if (ctx->exclusive_only && folio_mapcount(pmdp->folio) != 1)
		return 0;
	split_huge_pmd(walk->vma, addr);
	return WALK_SPLIT;
}

static int large_pte_entry(pte_t *ptep, uint64_t addr, struct mm_walk *walk)
{
	struct large_ctx *ctx = walk->priv;

	if (!pte_present(*ptep) || pte_special(*ptep) ||
	    !folio_test_large(ptep->folio) || !folio_test_anon(ptep->folio))
		return 0;
	if (ctx->nr == ctx->cap) {
		ctx->cap = ctx->cap ? 2 * ctx->cap : 64;
		ctx->maps = mm_realloc_array(ctx->maps, ctx->cap, sizeof(*ctx->maps));
	}
	ctx->maps[ctx->nr++] = (struct folio_mapping){ ptep->folio, walk->mm, addr };
	return 0;
}

static int cmp_mapping(const void *a, const void *b);

/* Split the large folios of [start, end) of @mm (every mm if NULL). */
static void split_large_for_swap(struct world *w, struct mm_struct *mm,
				 uint64_t start, uint64_t end)
{
	static const struct mm_walk_ops ops = { .pte_entry = large_pte_entry,
						.pmd_entry = large_pmd_entry,
						.hugetlb_entry = scan_skip_leaf };
	struct large_ctx ctx = { .exclusive_only = mm != NULL };
	size_t i = 0;

	for (int pid = 0; pid < NR_PROCS; pid++)
		if (mm ? w->mm[pid] == mm : w->mm[pid] != NULL)
			walk_page_range(w->mm[pid], start, end, &ops, &ctx);
	if (ctx.nr)
		qsort(ctx.maps, ctx.nr, sizeof(*ctx.maps), cmp_mapping);
	while (i < ctx.nr) {
		struct folio *folio = ctx.maps[i].folio;
		size_t j = i;

		while (j < ctx.nr && ctx.maps[j].folio == folio)
			j++;
		if ((long)(j - i) == folio->large_mapcount &&
		    large_folio_splittable(w, folio) &&
		    !mapped_in_locked_vma(&ctx.maps[i], j - i))
			split_folio(w, folio, &ctx.maps[i], j - i);
		i = j;
	}
	free(ctx.maps);
}

/*
 * madvise_pageout - MADV_PAGEOUT: swap out the range's anon folios that
 * nobody else maps.  Post-fork shared pages are left alone.
 *
 * Models: mm/madvise.c:madvise_cold_or_pageout_pte_range()
 */
int madvise_pageout(struct world *w, struct mm_struct *mm, uint64_t start,
		    uint64_t end)
{
	static const struct mm_walk_ops ops = { .pte_entry = scan_pte_entry,
						.pmd_entry = scan_skip_leaf,
						.hugetlb_entry = scan_skip_leaf };
	struct scan_ctx ctx = { .exclusive_only = true };

	split_large_for_swap(w, mm, start, end);
	walk_page_range(mm, start, end, &ops, &ctx);
	shrink_scanned(w, &ctx);
	return 0;
}

/*
 * reclaim_anon - one reclaim pass over anonymous memory: every anon folio
 * whose mappings can all be unmapped goes to swap.
 *
 * Models: mm/vmscan.c:shrink_lruvec() for the anon LRU, everything cold
 */
void reclaim_anon(struct world *w)
{
	static const struct mm_walk_ops ops = { .pte_entry = scan_pte_entry,
						.pmd_entry = scan_skip_leaf,
						.hugetlb_entry = scan_skip_leaf };
	struct scan_ctx ctx = { 0 };

	split_large_for_swap(w, NULL, 0, TASK_SIZE);
	for (int pid = 0; pid < NR_PROCS; pid++)
		if (w->mm[pid])
			walk_page_range(w->mm[pid], 0, TASK_SIZE, &ops, &ctx);
	shrink_scanned(w, &ctx);
}

/* Read the slot's content into a new folio in the swap cache. */
static struct folio *swap_read_folio(struct world *w, uint64_t off)
{
	struct swap_slot *slot = swap_slot(w, off);
	struct folio *folio = folio_alloc(w, FOLIO_ANON, 0);	/* cache's ref */

	folio_page_set_content(folio, 0, slot->content);
	folio->swap = off;
	folio->flags |= PG_swapcache;
	slot->cache = folio;
	return folio;
}

/*
 * swapin_may_reuse - may swap-in map the folio exclusive (and writable)?
 * 5.19+: the entry's exclusive marker, or nobody else references it.
 * 5.18: the refcount alone.  Before: on a write fault, the mapcount and
 * swap count alone (reuse_swap_page), whoever else holds a reference.
 */
static bool swapin_may_reuse(struct vm_fault *vmf, struct folio *folio,
			     bool exclusive)
{
	struct world *w = vmf->w;

	if (folio_test_ksm(folio))
		return false;
	if (!knob(w, MMK_SWAPIN_REUSE_REFCOUNT))
		return (vmf->flags & FAULT_FLAG_WRITE) &&
		       folio_mapcount(folio) + (folio_test_swapcache(folio) ?
			swap_slot(w, folio->swap)->count : 0) <= 1;
	return exclusive || folio_ref_count(folio) == 1;
}

/*
 * do_swap_page - fault on a swap entry: find the folio in the swap cache
 * or read it, drop the entry's slot reference, free the swap cache when
 * this was the last user and a write is coming or the VMA is locked (a
 * locked page will not go back to swap), then map it: exclusive (and
 * writable where allowed) if the entry said so or nobody else holds it,
 * otherwise read-only and shared; a write then goes on to do_wp_page.
 *
 * Models: mm/memory.c:do_swap_page(), should_try_to_free_swap()
 */
vm_fault_t do_swap_page(struct vm_fault *vmf)
{
	struct world *w = vmf->w;
	struct vm_area_struct *vma = vmf->vma;
	uint64_t off = vmf->orig_pte.swp_offset;
	struct folio *folio = swap_cache_folio(w, off);
	bool exclusive = knob(w, MMK_SWP_EXCLUSIVE_MARKER) &&
			 (vmf->orig_pte.flags & _PAGE_SWP_EXCLUSIVE);
	bool write = vmf->flags & FAULT_FLAG_WRITE;
	/* The VMA's protection (mk_pte() with vm_page_prot): PROT_NONE stays inaccessible. */
	unsigned int flags = _PAGE_YOUNG | vma_prot_bits(vma);
	bool reuse;
	pte_t pte;

	if (!folio)
		folio = swap_read_folio(w, off);
	folio_get(folio);		/* becomes the mapping's reference */
	reuse = swapin_may_reuse(vmf, folio, exclusive);
	swap_free(w, off);
	if ((write && folio_ref_count(folio) == 2) ||
	    (vma->vm_flags & VM_LOCKED))
		folio_free_swap(w, folio);
	if (!knob(w, MMK_SWAPIN_REUSE_REFCOUNT) && reuse)
		folio_free_swap(w, folio);
	if (knob(w, MMK_SWAPIN_REUSE_REFCOUNT))
		reuse = swapin_may_reuse(vmf, folio, exclusive);
	if (vmf->orig_pte.flags & _PAGE_SOFT_DIRTY)
		flags |= _PAGE_SOFT_DIRTY;
	folio_add_anon_rmap_pte(w, folio, 0);
	if (reuse) {
		if (knob(w, MMK_ANON_EXCLUSIVE))
			SetPageAnonExclusive(folio, 0);
		if ((vma->vm_flags & VM_WRITE) &&
		    (write || knob(w, MMK_SWAPIN_WRITABLE_ON_READ)) &&
		    ((vma->vm_flags & VM_SOFTDIRTY) || (flags & _PAGE_SOFT_DIRTY)))
			flags |= _PAGE_WRITE;
		if (write && (flags & _PAGE_WRITE)) {
			flags |= _PAGE_DIRTY | _PAGE_SOFT_DIRTY;
			write = false;
		}
	}
	pte = mk_pte(folio, 0, flags);
	set_pte_at(vma->vm_mm, vmf->address, vmf->pte, pte);
	vmf->orig_pte = pte;
	vmf->orig_anon = true;
	if (!write)
		return 0;
	return do_wp_page(vmf);
}

/* World teardown: drop what the swap cache still holds, then the slots. */
void swap_destroy(struct world *w)
{
	for (uint64_t off = 0; off < w->nr_swap_slots; off++)
		if (w->swap_slots[off].used && w->swap_slots[off].cache)
			delete_from_swap_cache(w, w->swap_slots[off].cache);
	kfree(w, w->swap_slots);
	w->swap_slots = NULL;
	w->nr_swap_slots = 0;
	w->swap_free_hint = 0;
}
