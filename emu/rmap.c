// SPDX-License-Identifier: MIT
/*
 * rmap.c - mapcounts and PageAnonExclusive as mappings come and go.
 *
 * Rule of the kernel kept here: each mapcount taken is paired with exactly
 * one reference taken by the caller, and PageAnonExclusive is only ever
 * set on a page that is mapped by a single entry.
 *
 * Divergence: no anon_vma / reverse-map chains; nothing in the modelled
 * rules walks the reverse map (the view walk and the checker scan page
 * tables instead), and folio_move_anon_rmap() has no observable effect.
 */
#include "internal.h"

static void folio_inc_mapcount(struct folio *folio, unsigned long idx)
{
	folio_page(folio, idx)->mapcount++;
	if (folio_test_large(folio))
		folio->large_mapcount++;
}

/*
 * folio_add_new_anon_rmap - first mapping of a freshly allocated anon
 * page: mapcount 1, and exclusive where the era tracks exclusivity.
 *
 * Models: mm/rmap.c:folio_add_new_anon_rmap() (RMAP_EXCLUSIVE)
 */
void folio_add_new_anon_rmap(struct world *w, struct folio *folio,
			     unsigned long idx)
{
	folio_inc_mapcount(folio, idx);
	if (knob(w, MMK_ANON_EXCLUSIVE))
		SetPageAnonExclusive(folio, idx);
}

/*
 * folio_needs_cow_for_dma - may the page be pinned by the mm that maps it?
 * Then fork must copy it instead of sharing it.
 *
 * Models: include/linux/mm.h:folio_needs_cow_for_dma()
 */
bool folio_needs_cow_for_dma(struct world *w, struct mm_struct *src_mm,
			     struct folio *folio)
{
	if (knob(w, MMK_FORK_SHARE_PINNED))
		return false;	/* the deliberate bug: share it anyway */
	if (!knob(w, MMK_FORK_COPY_PINNED))
		return false;
	if (!(src_mm->flags & MMF_HAS_PINNED))
		return false;
	return folio_maybe_dma_pinned(folio);
}

/*
 * folio_try_dup_anon_rmap_pte - duplicate the mapping of an anon page for
 * fork's child.  An exclusive page loses PageAnonExclusive (it becomes
 * possibly shared); one that may be pinned cannot, and -EBUSY tells the
 * caller to give the child a copy instead.  On success: mapcount +1 (the
 * caller takes the matching reference).
 *
 * Models: include/linux/rmap.h:folio_try_dup_anon_rmap_pte()
 */
int folio_try_dup_anon_rmap_pte(struct world *w, struct mm_struct *src_mm,
				struct folio *folio, unsigned long idx)
{
	if (PageAnonExclusive(folio, idx)) {
		if (folio_needs_cow_for_dma(w, src_mm, folio))
			return -EBUSY;
		ClearPageAnonExclusive(folio, idx);
	}
	folio_inc_mapcount(folio, idx);
	return 0;
}

/*
 * folio_add_anon_rmap_pte - map an existing anon page again (swap-in);
 * the caller decides about PageAnonExclusive.
 *
 * Models: mm/rmap.c:folio_add_anon_rmap_pte()
 */
void folio_add_anon_rmap_pte(struct world *w, struct folio *folio,
			     unsigned long idx)
{
	(void)w;
	folio_inc_mapcount(folio, idx);
}

/* Models: include/linux/rmap.h:folio_dup_file_rmap_pte() */
void folio_dup_file_rmap_pte(struct folio *folio, unsigned long idx)
{
	folio_inc_mapcount(folio, idx);
}

/* Models: mm/rmap.c:folio_add_file_rmap_pte() */
void folio_add_file_rmap_pte(struct folio *folio, unsigned long idx)
{
	folio_inc_mapcount(folio, idx);
}

/*
 * folio_remove_rmap_pte - one PTE mapping of the page is gone.  The caller
 * drops the matching reference afterwards.  PageAnonExclusive stays as it
 * is: an exclusive page zapped while pinned remains exclusive.
 *
 * Models: mm/rmap.c:folio_remove_rmap_pte()
 */
void folio_remove_rmap_pte(struct world *w, struct folio *folio,
			   unsigned long idx)
{
	struct page_state *page = folio_page(folio, idx);

	MM_BUG_ON_FOLIO(w, page->mapcount <= 0, folio);
	page->mapcount--;
	if (folio_test_large(folio))
		folio->large_mapcount--;
}

/*
 * folio_add_new_anon_rmap_pmd - a new THP mapped by one PMD: entire
 * mapcount 1, the head exclusive where the era tracks exclusivity.
 *
 * Models: mm/rmap.c:folio_add_new_anon_rmap() (RMAP_LEVEL_PMD)
 */
void folio_add_new_anon_rmap_pmd(struct world *w, struct folio *folio)
{
	folio->entire_mapcount++;
	folio->large_mapcount++;
	if (knob(w, MMK_ANON_EXCLUSIVE))
		SetPageAnonExclusive(folio, 0);
}

/* Models: mm/rmap.c:folio_remove_rmap_pmd() */
void folio_remove_rmap_pmd(struct world *w, struct folio *folio)
{
	MM_BUG_ON_FOLIO(w, folio->entire_mapcount <= 0, folio);
	folio->entire_mapcount--;
	folio->large_mapcount--;
}

/*
 * page_mapcount - mappings of one page: its PTEs plus the PMD/PUD
 * mappings of its folio.
 *
 * Models: include/linux/mm.h:page_mapcount() (before 6.12)
 */
long page_mapcount(const struct folio *folio, unsigned long idx)
{
	const struct page_state *page = folio_page_peek(folio, idx);

	return (page ? page->mapcount : 0) + folio->entire_mapcount;
}
