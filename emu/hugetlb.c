// SPDX-License-Identifier: MIT
/*
 * hugetlb.c - hugetlb pools and reservations, and what the VMA-level
 * operations do with hugetlb mappings: mmap checks and reservations,
 * split and close, zap, fork (copy_hugetlb_page_range), mprotect
 * (hugetlb_change_protection), mremap, the hugetlbfs page cache.
 * Faults are in hugetlb_fault.c, GUP in hugetlb_gup.c.
 *
 * A hugetlb folio (order 9 or 18, PG_hugetlb) is mapped only as a whole,
 * by one PMD or PUD leaf: its mapcount is one per leaf (entire and large
 * mapcount), its reference one per leaf, PageAnonExclusive lives on the
 * head page.  Pages come from a fixed pool per size (config hugetlb=), so
 * allocation can fail: mmap reserves what a mapping may need (-ENOMEM when
 * the pool cannot back it), faults consume reservations, and a fault with
 * nothing left gets SIGBUS.  hugetlb folios are never swapped, merged,
 * collapsed or migrated.
 *
 * Cost: nothing here walks the pages of a folio; contents are copied by
 * folio_copy_contents(), which visits only the chunks that were touched.
 */
#include "internal.h"

/* ------------------------------------------------------------------ */
/* Sizes.                                                               */

bool is_hugetlb_file(const struct address_space *mapping)
{
	return mapping->type == MMFT_MEMFD_HUGETLB ||
	       mapping->type == MMFT_MEMFD_HUGETLB_1G;
}

unsigned int hugetlb_file_order(const struct address_space *mapping)
{
	return mapping->type == MMFT_MEMFD_HUGETLB_1G ? HPAGE_PUD_ORDER :
							 HPAGE_PMD_ORDER;
}

static unsigned int huge_page_order_vma(const struct vm_area_struct *vma)
{
	return vma->vm_flags & VM_HUGE_1G ? HPAGE_PUD_ORDER : HPAGE_PMD_ORDER;
}

uint64_t huge_page_size_vma(const struct vm_area_struct *vma)
{
	return PAGE_SIZE << huge_page_order_vma(vma);
}

/* Page-table level of the VMA's leaves: 1 (PMD) or 2 (PUD). */
unsigned int hugetlb_level(const struct vm_area_struct *vma)
{
	return vma->vm_flags & VM_HUGE_1G ? 2 : 1;
}

static struct hstate *hstate_order(struct world *w, unsigned int order)
{
	return &w->hstates[order == HPAGE_PUD_ORDER ? HSTATE_1G : HSTATE_2M];
}

static struct hstate *hstate_vma(struct world *w,
				 const struct vm_area_struct *vma)
{
	return hstate_order(w, huge_page_order_vma(vma));
}

/* The pools as configured: every page free, nothing reserved. */
void hugetlb_init(struct world *w)
{
	w->hstates[HSTATE_2M].order = HPAGE_PMD_ORDER;
	w->hstates[HSTATE_2M].free_huge_pages = w->cfg.hugetlb_2m;
	w->hstates[HSTATE_1G].order = HPAGE_PUD_ORDER;
	w->hstates[HSTATE_1G].free_huge_pages = w->cfg.hugetlb_1g;
}

/* Pages nobody has a claim on. */
static long available_huge_pages(const struct hstate *h)
{
	return h->free_huge_pages - h->resv_huge_pages;
}

/* ------------------------------------------------------------------ */
/* Reservation maps: sorted sets of huge page indices.                 */

static struct resv_map *resv_map_alloc(void)
{
	struct resv_map *map = mm_zalloc(sizeof(*map));

	map->refcount = 1;
	return map;
}

static void resv_map_put(struct resv_map *map)
{
	if (!map || --map->refcount)
		return;
	free(map->idx);
	free(map);
}

/* Position of @idx in @map, or where it would go. */
static size_t resv_pos(const struct resv_map *map, uint64_t idx)
{
	size_t lo = 0, hi = map->nr;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (map->idx[mid] < idx)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool resv_test(const struct resv_map *map, uint64_t idx)
{
	size_t pos = resv_pos(map, idx);

	return pos < map->nr && map->idx[pos] == idx;
}

static void resv_add(struct resv_map *map, uint64_t idx)
{
	size_t pos = resv_pos(map, idx);

	if (pos < map->nr && map->idx[pos] == idx)
		return;
	if (map->nr == map->cap) {
		map->cap = map->cap ? 2 * map->cap : 8;
		map->idx = mm_realloc_array(map->idx, map->cap, sizeof(*map->idx));
	}
	memmove(&map->idx[pos + 1], &map->idx[pos],
		(map->nr - pos) * sizeof(*map->idx));
	map->idx[pos] = idx;
	map->nr++;
}

/* Entries in [from, to). */
static long resv_count(const struct resv_map *map, uint64_t from, uint64_t to)
{
	return (long)(resv_pos(map, to) - resv_pos(map, from));
}

/* Huge page index of @addr in @vma's reservation space (its file offsets). */
static uint64_t vma_hugecache_offset(const struct vm_area_struct *vma,
				     uint64_t addr)
{
	return linear_page_index(vma, addr) >> huge_page_order_vma(vma);
}

static struct resv_map *inode_resv_map(struct address_space *mapping)
{
	if (!mapping->resv)
		mapping->resv = resv_map_alloc();
	return mapping->resv;
}

/* ------------------------------------------------------------------ */
/* Allocation from the pools.                                          */

/* A folio of the pool, or NULL; the caller settled the reservation. */
static struct folio *dequeue_huge_folio(struct world *w, struct hstate *h,
					enum folio_kind kind)
{
	struct folio *folio;

	MM_BUG_ON(w, h->free_huge_pages <= 0);
	h->free_huge_pages--;
	folio = folio_alloc(w, kind, h->order);
	folio->flags |= PG_hugetlb;
	return folio;
}

/*
 * free_huge_folio - the last reference of a hugetlb folio is gone: the
 * page goes back to its pool.
 *
 * Models: mm/hugetlb.c:free_huge_folio()
 * Divergence: no surplus pages and no restore-reserve flag: a private
 * mapping's reservation is not given back when its page is zapped (the
 * kernel does so since 6.8), so a refault needs an unreserved page.
 */
void free_huge_folio(struct world *w, struct folio *folio)
{
	hstate_order(w, folio->order)->free_huge_pages++;
}

/*
 * hugetlb_alloc_anon - a new anon hugetlb folio for @vma at @addr.  The
 * owner of a private mapping uses the reservation of that index unless it
 * was consumed already or @avoid_reserve; anybody else (a forked child)
 * needs a page nobody reserved.  NULL when the pool cannot give one.
 *
 * Models: mm/hugetlb.c:alloc_hugetlb_folio() (private mappings)
 */
struct folio *hugetlb_alloc_anon(struct world *w, struct vm_area_struct *vma,
				 uint64_t addr, bool avoid_reserve)
{
	struct hstate *h = hstate_vma(w, vma);
	uint64_t idx = vma_hugecache_offset(vma, addr);
	bool reserved = !avoid_reserve && (vma->resv_flags & HPAGE_RESV_OWNER) &&
			!resv_test(vma->resv, idx);

	if (reserved) {
		h->resv_huge_pages--;
		resv_add(vma->resv, idx);	/* vma_commit_reservation() */
	} else if (available_huge_pages(h) <= 0) {
		return NULL;
	}
	return dequeue_huge_folio(w, h, FOLIO_ANON);
}

/*
 * hugetlb_filemap_get_folio - the page-cache folio of a hugetlb file that
 * covers 4 KiB index @index; when absent and @create, a new zeroed one,
 * taken from the index's reservation if it has one, else from the pages
 * nobody reserved.  NULL past EOF, or when the pool is empty.  No
 * reference is taken for the caller.
 *
 * Models: mm/hugetlb.c:hugetlb_no_page() page-cache part, hugetlb_add_to_page_cache()
 */
struct folio *hugetlb_filemap_get_folio(struct world *w,
					struct address_space *mapping,
					uint64_t index, bool create)
{
	unsigned int order = hugetlb_file_order(mapping);
	struct hstate *h = hstate_order(w, order);
	struct resv_map *resv = inode_resv_map(mapping);
	uint64_t first = ALIGN_DOWN(index, 1ULL << order);
	struct folio *folio;

	if (index >= mapping->size >> PAGE_SHIFT)
		return NULL;
	folio = (struct folio *)(uintptr_t)xa_load(&mapping->i_pages, first);
	if (folio || !create)
		return folio;
	if (resv_test(resv, first >> order)) {
		h->resv_huge_pages--;		/* reserved, not instantiated */
	} else {
		if (available_huge_pages(h) <= 0)
			return NULL;
		resv_add(resv, first >> order);
	}
	folio = dequeue_huge_folio(w, h, FOLIO_FILE);	/* ref: the cache's */
	folio_ref_add(folio, (long)folio_nr_pages(folio) - 1);
	folio->mapping = mapping;
	folio->index = first;
	xa_store(&mapping->i_pages, first, (uint64_t)(uintptr_t)folio);
	return folio;
}

/*
 * hugetlb_unreserve_file - the file is evicted: the reservations of pages
 * that were never instantiated go back to the pool (the page-cache pages
 * themselves are freed by the caller).
 *
 * Models: mm/hugetlb.c:hugetlb_unreserve_pages()
 */
void hugetlb_unreserve_file(struct world *w, struct address_space *mapping)
{
	struct resv_map *resv = mapping->resv;
	unsigned int order = hugetlb_file_order(mapping);

	if (!resv)
		return;
	for (size_t i = 0; i < resv->nr; i++)
		if (!xa_load(&mapping->i_pages, resv->idx[i] << order))
			hstate_order(w, order)->resv_huge_pages--;
	resv_map_put(resv);
	mapping->resv = NULL;
}

/*
 * hugetlb_unreserve_index - page-cache page @hidx (in huge pages) of a
 * hugetlb file was punched out: the index is neither reserved nor
 * instantiated any more.  Its reservation was consumed when the page was
 * instantiated, so the pool's counters stay as they are; a later fault
 * there needs a page nobody reserved.
 *
 * Models: mm/hugetlb.c:hugetlb_unreserve_pages(inode, index, index + 1, 1)
 */
void hugetlb_unreserve_index(struct address_space *mapping, uint64_t hidx)
{
	struct resv_map *map = mapping->resv;
	size_t pos;

	if (!map || !resv_test(map, hidx))
		return;
	pos = resv_pos(map, hidx);
	memmove(&map->idx[pos], &map->idx[pos + 1],
		(map->nr - pos - 1) * sizeof(*map->idx));
	map->nr--;
}

/* ------------------------------------------------------------------ */
/* rmap of whole folios.                                                */

/* Models: mm/rmap.c:hugetlb_add_new_anon_rmap() */
void hugetlb_add_new_anon_rmap(struct world *w, struct folio *folio)
{
	folio->entire_mapcount++;
	folio->large_mapcount++;
	if (knob(w, MMK_ANON_EXCLUSIVE))
		SetPageAnonExclusive(folio, 0);
}

/* Models: include/linux/rmap.h:hugetlb_add_file_rmap() / the dup part of hugetlb_try_dup_anon_rmap() */
void hugetlb_add_rmap(struct folio *folio)
{
	folio->entire_mapcount++;
	folio->large_mapcount++;
}

/* Models: include/linux/rmap.h:hugetlb_remove_rmap() */
void hugetlb_remove_rmap(struct world *w, struct folio *folio)
{
	MM_BUG_ON_FOLIO(w, folio->entire_mapcount <= 0, folio);
	folio->entire_mapcount--;
	folio->large_mapcount--;
}

/* The leaf at @addr (level 1: PMD, 2: PUD), none if absent. */
pte_t huge_ptep_get(struct mm_struct *mm, uint64_t addr, unsigned int level)
{
	pte_t *p = level == 2 ? pud_leaf_offset(mm, addr) :
				pmd_leaf_offset(mm, addr);

	return p ? *p : pte_empty();
}

void set_huge_pte_at(struct mm_struct *mm, uint64_t addr, unsigned int level,
		     pte_t pte)
{
	if (level == 2)
		set_pud_at(mm, addr, pte);
	else
		set_pmd_at(mm, addr, pte);
}

/* ------------------------------------------------------------------ */
/* mmap, split, close.                                                  */

static bool huge_aligned(uint64_t x, unsigned int order)
{
	return IS_ALIGNED(x, PAGE_SIZE << order);
}

/*
 * hugetlb_mmap_check - what mmap() refuses for a hugetlb mapping: a range
 * or file offset that is not huge-page aligned.
 *
 * Divergence: the kernel rounds the length of a MAP_HUGETLB mapping up to
 * the huge page size; the language only allows multiples, so anything
 * else is refused here.
 */
int hugetlb_mmap_check(struct world *w, struct mm_struct *mm, uint64_t addr,
		       uint64_t len, unsigned int flags, int fid, uint64_t off)
{
	unsigned int order;

	if (flags & MMF_ANON) {
		if (!(flags & (MMF_HUGETLB | MMF_HUGETLB_1G)))
			return hugetlb_split_check(mm, addr, addr + len);
		order = flags & MMF_HUGETLB_1G ? HPAGE_PUD_ORDER : HPAGE_PMD_ORDER;
	} else {
		if (!is_hugetlb_file(w->files[fid]))
			return hugetlb_split_check(mm, addr, addr + len);
		order = hugetlb_file_order(w->files[fid]);
	}
	if (!huge_aligned(addr | len | off, order))
		return -EINVAL;
	return hugetlb_split_check(mm, addr, addr + len);
}

/*
 * hugetlb_reserve_pages - reserve what the new mapping @vma may fault in:
 * a private mapping every page of its range (the VMA becomes the owner of
 * the reservation), a shared one every page of the file range that is
 * neither reserved nor in the page cache yet.  -ENOMEM when the pool
 * cannot back it; nothing is reserved then.
 *
 * Models: mm/hugetlb.c:hugetlb_reserve_pages()
 */
int hugetlb_reserve_pages(struct world *w, struct vm_area_struct *vma)
{
	struct hstate *h = hstate_vma(w, vma);
	unsigned int order = huge_page_order_vma(vma);
	uint64_t from = vma_hugecache_offset(vma, vma->vm_start);
	uint64_t to = from + ((vma->vm_end - vma->vm_start) >> (PAGE_SHIFT + order));
	struct resv_map *resv;
	long chg;

	if (!(vma->vm_flags & VM_MAYSHARE)) {
		chg = (long)(to - from);
		if (available_huge_pages(h) < chg)
			return -ENOMEM;
		h->resv_huge_pages += chg;
		vma->resv = resv_map_alloc();
		vma->resv_flags = HPAGE_RESV_OWNER;
		return 0;
	}
	resv = inode_resv_map(vma->vm_file);
	chg = (long)(to - from) - resv_count(resv, from, to);
	if (available_huge_pages(h) < chg)
		return -ENOMEM;
	h->resv_huge_pages += chg;
	for (uint64_t idx = from; idx < to && chg; idx++)
		resv_add(resv, idx);
	return 0;
}

/* A split piece of a private mapping shares its reservation map. */
void hugetlb_vm_op_open(struct vm_area_struct *new, struct vm_area_struct *old)
{
	new->resv = old->resv;
	new->resv_flags = old->resv_flags;
	if (new->resv)
		new->resv->refcount++;
}

/*
 * hugetlb_vm_op_close - the owner's VMA (or a piece of it) goes: the
 * reservations of its range that no fault consumed go back to the pool.
 *
 * Models: mm/hugetlb.c:hugetlb_vm_op_close()
 */
void hugetlb_vm_op_close(struct world *w, struct vm_area_struct *vma)
{
	uint64_t from, to;

	if (!vma->resv)
		return;
	if (vma->resv_flags & HPAGE_RESV_OWNER) {
		from = vma_hugecache_offset(vma, vma->vm_start);
		to = vma_hugecache_offset(vma, vma->vm_end);
		hstate_vma(w, vma)->resv_huge_pages -=
			(long)(to - from) - resv_count(vma->resv, from, to);
	}
	resv_map_put(vma->resv);
	vma->resv = NULL;
	vma->resv_flags = 0;
}

/*
 * hugetlb_split_check - may the VMAs covering @start and @end - 1 be split
 * there?  A hugetlb VMA only at a huge page boundary (-EINVAL otherwise),
 * which is what munmap, mprotect, madvise and mremap return for an
 * unaligned range.
 *
 * Models: mm/hugetlb.c:hugetlb_vm_op_split()
 */
int hugetlb_split_check(struct mm_struct *mm, uint64_t start, uint64_t end)
{
	struct vm_area_struct *vma = vma_lookup(mm, start);

	if (vma && is_vm_hugetlb_page(vma) && vma->vm_start < start &&
	    !IS_ALIGNED(start, huge_page_size_vma(vma)))
		return -EINVAL;
	vma = end > start ? vma_lookup(mm, end - 1) : NULL;
	if (vma && is_vm_hugetlb_page(vma) && vma->vm_end > end &&
	    !IS_ALIGNED(end, huge_page_size_vma(vma)))
		return -EINVAL;
	return 0;
}

/*
 * hugetlb_madvise_check - advice a hugetlb VMA in [start, end) refuses
 * (-EINVAL): MADV_FREE, MADV_PAGEOUT, MADV_WIPEONFORK (the mapping is a
 * hugetlbfs file), MADV_DONTNEED before 5.18 or starting inside a huge
 * page.  Where MADV_DONTNEED ends inside a huge page is
 * hugetlb_dontneed_end()'s; the fork-behaviour flags that would split a
 * huge page are madvise_behavior()'s.
 *
 * Models: mm/madvise.c:madvise_dontneed_free_valid_vma(), can_madv_lru_vma()
 * Divergence: the kernel checks VMA by VMA, so the VMAs before a refused
 * one get the advice; here nothing does.
 */
int hugetlb_madvise_check(struct world *w, struct mm_struct *mm,
			  uint64_t start, uint64_t end, int advice)
{
	for (struct vm_area_struct *v = find_vma(mm, start);
	     v && v->vm_start < end; v = v->vm_next) {
		if (!is_vm_hugetlb_page(v))
			continue;
		switch (advice) {
		case MMA_FREE: case MMA_PAGEOUT: case MMA_WIPEONFORK:
			return -EINVAL;
		case MMA_DONTNEED:
			if (!knob(w, MMK_HUGETLB_MADV_DONTNEED))
				return -EINVAL;
			if (!IS_ALIGNED(MAX(start, v->vm_start),
					huge_page_size_vma(v)))
				return -EINVAL;
			break;
		default:
			break;
		}
	}
	return 0;
}

/*
 * hugetlb_dontneed_end - where MADV_DONTNEED of hugetlb @vma stops when
 * the range ends at @end (within the VMA).  A caller that rounded its
 * length to 4 KiB may not know the mapping has larger pages: since 6.1
 * only the huge pages wholly inside the range go (the end is rounded
 * down, so a range shorter than a huge page does nothing).  5.18 to 6.0
 * rounded the end up and discarded the rest of the last huge page too,
 * data the caller never asked to lose.
 *
 * Models: mm/madvise.c:madvise_dontneed_free_valid_vma() (8ebe0a5eaaeb)
 */
uint64_t hugetlb_dontneed_end(struct world *w, struct vm_area_struct *vma,
			      uint64_t end)
{
	uint64_t size = huge_page_size_vma(vma);

	if (knob(w, MMK_HUGETLB_DONTNEED_ROUND_DOWN))
		return ALIGN_DOWN(end, size);
	return ALIGN_UP(end, size);
}

/* ------------------------------------------------------------------ */
/* Zap.                                                                 */

struct zap_ctx {
	struct world *w;
	struct folio *ref_folio;	/* only entries mapping it */
	unsigned int level;
};

static int zap_huge_entry(pte_t *pte, uint64_t addr, uint64_t end,
			  struct mm_walk *walk)
{
	struct zap_ctx *ctx = walk->priv;
	pte_t old = *pte;
	uint64_t haddr = ALIGN_DOWN(addr, huge_page_size_vma(walk->vma));

	MM_BUG_ON(ctx->w, haddr != addr ||
		  end - addr != huge_page_size_vma(walk->vma));
	if (ctx->ref_folio && old.folio != ctx->ref_folio)
		return 0;
	set_huge_pte_at(walk->mm, haddr, ctx->level, pte_empty());
	hugetlb_remove_rmap(ctx->w, old.folio);
	folio_put(ctx->w, old.folio);
	if (ctx->ref_folio)	/* its next fault must fail, not show zeroes */
		walk->vma->resv_flags |= HPAGE_RESV_UNMAPPED;
	return 0;
}

/*
 * __unmap_hugepage_range - remove the leaves of @vma in [start, end)
 * (huge-page aligned); with @ref_folio only those that map it, marking
 * the VMA so its next fault there gets SIGBUS.
 *
 * Models: mm/hugetlb.c:__unmap_hugepage_range()
 */
void __unmap_hugepage_range(struct world *w, struct vm_area_struct *vma,
			    uint64_t start, uint64_t end,
			    struct folio *ref_folio)
{
	static const struct mm_walk_ops ops = { .hugetlb_entry = zap_huge_entry };
	struct zap_ctx ctx = { .w = w, .ref_folio = ref_folio,
			       .level = hugetlb_level(vma) };

	walk_page_range(vma->vm_mm, start, end, &ops, &ctx);
}

/* ------------------------------------------------------------------ */
/* fork.                                                                */

struct hcopy_ctx {
	struct world *w;
	struct vm_area_struct *dst_vma, *src_vma;
	int ret;
};

/*
 * hugetlb_needs_cow_for_dma - must fork give the child its own copy of
 * this folio because it may be pinned?  Not before 5.12; 5.12 to 5.18 any
 * page that may be pinned in a COW mapping (page-cache pages too, until
 * fb3d824d1a46); from 5.19 the exclusive anon pages whose PageAnonExclusive
 * cannot be cleared (hugetlb_try_dup_anon_rmap).
 *
 * Models: mm/hugetlb.c:copy_hugetlb_page_range() -> page_needs_cow_for_dma() /
 *         include/linux/rmap.h:hugetlb_try_dup_anon_rmap()
 */
static bool hugetlb_needs_cow_for_dma(struct hcopy_ctx *ctx,
				      struct folio *folio)
{
	struct world *w = ctx->w;

	if (!knob(w, MMK_FORK_COPY_PINNED_HUGETLB) ||
	    !is_cow_mapping(ctx->src_vma->vm_flags))
		return false;
	if (knob(w, MMK_ANON_EXCLUSIVE))
		return folio_test_anon(folio) && PageAnonExclusive(folio, 0) &&
		       folio_needs_cow_for_dma(w, ctx->src_vma->vm_mm, folio);
	if (!folio_test_anon(folio) && !knob(w, MMK_FORK_COPY_PINNED_FILE_TOO))
		return false;
	return folio_needs_cow_for_dma(w, ctx->src_vma->vm_mm, folio);
}

/*
 * The child gets a copy of a possibly pinned folio, from the pages nobody
 * reserved (the child has no reservation); mapped dirty, and writable if
 * the VMA is, as make_huge_pte(try_mkwrite) does today.  -ENOMEM fails
 * the fork.
 *
 * Divergence: kernels whose make_huge_pte() took a plain "writable" flag
 * mapped the copy writable even in a read-only VMA; no era models that.
 */
static int hugetlb_copy_for_child(struct hcopy_ctx *ctx, pte_t src,
				  uint64_t addr)
{
	struct vm_area_struct *dst_vma = ctx->dst_vma;
	struct folio *new = hugetlb_alloc_anon(ctx->w, dst_vma, addr, true);

	if (!new)
		return -ENOMEM;
	folio_copy_contents(new, src.folio);
	dst_vma->anon_vma = true;
	hugetlb_add_new_anon_rmap(ctx->w, new);
	set_huge_pte_at(dst_vma->vm_mm, addr, hugetlb_level(dst_vma),
			mk_pte(new, 0, (dst_vma->vm_flags & VM_WRITE ? _PAGE_WRITE : 0) |
			       _PAGE_DIRTY | _PAGE_SOFT_DIRTY | _PAGE_YOUNG |
			       vma_prot_bits(dst_vma)));
	return 0;
}

static int copy_huge_entry(pte_t *src_pte, uint64_t addr, uint64_t end,
			   struct mm_walk *walk)
{
	struct hcopy_ctx *ctx = walk->priv;
	struct vm_area_struct *src_vma = ctx->src_vma;
	unsigned int level = hugetlb_level(src_vma);
	pte_t entry = *src_pte;
	struct folio *folio = entry.folio;

	(void)end;
	if (hugetlb_needs_cow_for_dma(ctx, folio)) {
		ctx->ret = hugetlb_copy_for_child(ctx, entry, addr);
		if (!ctx->ret)
			fork_entry_done(ctx->w, end);
		return ctx->ret;
	}
	if (folio_test_anon(folio) && knob(ctx->w, MMK_ANON_EXCLUSIVE))
		ClearPageAnonExclusive(folio, 0);
	hugetlb_add_rmap(folio);
	folio_get(folio);
	/* GUP-fast vs fork, as in copy_present_pte() (fork.c). */
	mm_yield(ctx->w, "fork: entry shared, the parent's still writable");
	if (is_cow_mapping(src_vma->vm_flags) && pte_write(entry)) {
		entry = pte_wrprotect(entry);
		set_huge_pte_at(src_vma->vm_mm, addr, level, entry);
	}
	set_huge_pte_at(ctx->dst_vma->vm_mm, addr, level, entry);
	fork_entry_done(ctx->w, end);
	return 0;
}

/*
 * copy_hugetlb_page_range - fork for a hugetlb VMA: leaves are shared
 * (write-protected in COW mappings, PageAnonExclusive cleared), except
 * folios that may be pinned, which the child gets a copy of.  From 5.19
 * the parent's write_protect_seq is odd meanwhile, as for small pages
 * (copy_page_range()), so a concurrent GUP-fast pin backs off.
 *
 * Models: mm/hugetlb.c:copy_hugetlb_page_range() (5.19: 623a1ddfeb23)
 */
int copy_hugetlb_page_range(struct world *w, struct vm_area_struct *dst_vma,
			    struct vm_area_struct *src_vma)
{
	static const struct mm_walk_ops ops = { .hugetlb_entry = copy_huge_entry };
	struct hcopy_ctx ctx = { .w = w, .dst_vma = dst_vma, .src_vma = src_vma };
	struct mm_struct *src_mm = src_vma->vm_mm;
	bool seq = is_cow_mapping(src_vma->vm_flags) &&
		   knob(w, MMK_WRITE_PROTECT_SEQ) &&
		   knob(w, MMK_WRITE_PROTECT_SEQ_HUGETLB);

	if (seq)
		src_mm->write_protect_seq++;
	walk_page_range(src_mm, src_vma->vm_start, src_vma->vm_end, &ops, &ctx);
	if (seq)
		src_mm->write_protect_seq++;
	return ctx.ret;
}

/* ------------------------------------------------------------------ */
/* mprotect, mremap.                                                    */

static int change_huge_entry(pte_t *ptep, uint64_t addr, uint64_t end,
			     struct mm_walk *walk)
{
	struct vm_area_struct *vma = walk->vma;
	pte_t pte = pte_wrprotect(*ptep);

	(void)end;
	pte.flags = (pte.flags & ~_PAGE_PROTNONE) | vma_prot_bits(vma);
	if (vm_page_prot_writable(vma))
		pte = pte_mkwrite(pte);
	set_huge_pte_at(walk->mm, addr, hugetlb_level(vma), pte);
	return 0;
}

/*
 * hugetlb_change_protection - every leaf of [start, end) gets the VMA's
 * protection: writable only in shared writable mappings.  Private leaves
 * are never made writable here (no write upgrade as for small pages).
 *
 * Models: mm/hugetlb.c:hugetlb_change_protection()
 */
void hugetlb_change_protection(struct world *w, struct vm_area_struct *vma,
			       uint64_t start, uint64_t end)
{
	static const struct mm_walk_ops ops = { .hugetlb_entry = change_huge_entry };

	walk_page_range(vma->vm_mm, start, end, &ops, w);
}

/*
 * hugetlb_mremap_len - the length mremap moves when [addr, addr + len)
 * ends inside a hugetlb VMA: rounded up to its huge page size, as a
 * caller that rounded to 4 KiB may not know the page size is larger.
 *
 * Models: mm/mremap.c:align_hugetlb() (SYSCALL_DEFINE5(mremap) before 6.17)
 */
uint64_t hugetlb_mremap_len(struct mm_struct *mm, uint64_t addr, uint64_t len)
{
	struct vm_area_struct *vma = vma_lookup(mm, addr + len - 1);

	if (!vma || !is_vm_hugetlb_page(vma))
		return len;
	return ALIGN_UP(addr + len, huge_page_size_vma(vma)) - addr;
}

/*
 * hugetlb_mremap_check - mremap of a hugetlb mapping: only since 5.16,
 * from and to huge page boundaries (the length is rounded up by
 * hugetlb_mremap_len()), never growing.
 *
 * Models: mm/mremap.c:align_hugetlb() (SYSCALL_DEFINE5(mremap) before 6.17)
 */
int hugetlb_mremap_check(struct world *w, struct vm_area_struct *vma,
			 uint64_t addr, uint64_t len, uint64_t new_addr)
{
	if (!is_vm_hugetlb_page(vma))
		return 0;
	if (!knob(w, MMK_HUGETLB_MREMAP))
		return -EINVAL;
	if (!IS_ALIGNED(addr | len | new_addr, huge_page_size_vma(vma)))
		return -EINVAL;
	return 0;
}

struct hmove_ctx {
	struct { uint64_t addr; pte_t pte; } *moved;
	size_t nr, cap;
	unsigned int level;
};

static int take_huge_entry(pte_t *ptep, uint64_t addr, uint64_t end,
			   struct mm_walk *walk)
{
	struct hmove_ctx *ctx = walk->priv;

	(void)end;
	if (ctx->nr == ctx->cap) {
		ctx->cap = ctx->cap ? 2 * ctx->cap : 16;
		ctx->moved = mm_realloc_array(ctx->moved, ctx->cap,
					      sizeof(*ctx->moved));
	}
	ctx->moved[ctx->nr].addr = addr;
	ctx->moved[ctx->nr++].pte = *ptep;
	set_huge_pte_at(walk->mm, addr, ctx->level, pte_empty());
	return 0;
}

/*
 * move_hugetlb_page_tables - mremap's move of the leaves of @vma in
 * [addr, addr + len) to @new_addr, with every bit; the new VMA takes over
 * the old one's reservation map (the old VMA must not give it back).
 *
 * Models: mm/hugetlb.c:move_hugetlb_page_tables(), clear_vma_resv_huge_pages()
 */
void move_hugetlb_page_tables(struct world *w, struct vm_area_struct *vma,
			      struct vm_area_struct *new_vma, uint64_t addr,
			      uint64_t len, uint64_t new_addr)
{
	static const struct mm_walk_ops ops = { .hugetlb_entry = take_huge_entry };
	struct hmove_ctx ctx = { .level = hugetlb_level(vma) };
	struct mm_struct *mm = vma->vm_mm;

	(void)w;
	walk_page_range(mm, addr, addr + len, &ops, &ctx);
	free_pgtables(mm, addr, addr + len);
	for (size_t i = 0; i < ctx.nr; i++)
		set_huge_pte_at(mm, ctx.moved[i].addr - addr + new_addr,
				ctx.level, ctx.moved[i].pte);
	free(ctx.moved);
	new_vma->resv = vma->resv;
	new_vma->resv_flags = vma->resv_flags;
	vma->resv = NULL;
	vma->resv_flags = 0;
}
