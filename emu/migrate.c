// SPDX-License-Identifier: MIT
/*
 * migrate.c - page migration, as compaction drives it (the `compact`
 * statement): every movable folio is moved to a new folio, or stays where
 * it is when something beyond its mappings and its cache holds it.
 *
 *   compact_nodes
 *     isolate_migratepages ..... the candidates: small and PTE-mapped
 *                                large anon, KSM, swap-cache and
 *                                page-cache folios
 *     migrate_folio_unmap
 *       try_to_migrate_one ..... each entry -> a migration entry that
 *                                remembers write / exclusive / young /
 *                                dirty / soft-dirty; PAE is dropped
 *                                (refused if the folio may be pinned)
 *     folio_migrate_mapping .... the refcount must be exactly the
 *                                expected one; the page cache or swap
 *                                cache now holds the new folio
 *     remove_migration_ptes .... each entry -> a present entry of the new
 *                                folio (of the old one when the move
 *                                failed), PAE back from the entry kind
 *
 * Divergence: no reverse map: a folio's mappings are found by scanning
 * every process's page tables, and a folio is moved only if all of its
 * mappings were found.  No zones or nodes: every candidate moves once, in
 * creation order, to a newly allocated folio.  The emulator is sequential:
 * a migration entry exists only inside one folio's move (no fault waits
 * on one, fork never copies one); a move that fails is not retried.
 * Folios mapped by a PMD or PUD, and hugetlb folios, are skipped: their
 * migration belongs to THP and hugetlb.  The young and dirty bits travel
 * in the entry in every era (the kernel keeps them since 6.1 [release
 * unverified]; before, restored entries were old and clean, which only
 * KSM's write_protect_page() of 5.18 and before could tell apart).
 */
#include "internal.h"

/*
 * folio_try_share_anon_rmap_pte - the caller cleared the entry of an
 * exclusive page and now drops PageAnonExclusive (KSM, migration).  A
 * folio that may be pinned keeps it and -EBUSY says so: its entry must be
 * restored.  Clearing the entry first is what makes the pin test safe
 * against a concurrent GUP-fast.
 *
 * Models: include/linux/rmap.h:folio_try_share_anon_rmap_pte()
 */
int folio_try_share_anon_rmap_pte(struct world *w, struct folio *folio,
				  unsigned long idx)
{
	(void)w;
	if (folio_maybe_dma_pinned(folio))
		return -EBUSY;
	ClearPageAnonExclusive(folio, idx);
	return 0;
}

/* One present mapping of a folio, found by scanning page tables. */
struct migrate_map {
	uint64_t folio_id;
	struct mm_struct *mm;
	uint64_t addr;
};

struct migrate_scan {
	struct migrate_map *maps;
	size_t nr, cap;
};

static int collect_pte_entry(pte_t *ptep, uint64_t addr, struct mm_walk *walk)
{
	struct migrate_scan *scan = walk->priv;

	if (!pte_present(*ptep) || pte_special(*ptep))
		return 0;
	if (scan->nr == scan->cap) {
		scan->cap = scan->cap ? 2 * scan->cap : 64;
		scan->maps = mm_realloc_array(scan->maps, scan->cap,
					      sizeof(*scan->maps));
	}
	scan->maps[scan->nr++] = (struct migrate_map){ ptep->folio->id,
						       walk->mm, addr };
	return 0;
}

/* A PMD leaf: its folio has an entire mapping and is skipped (folio_movable). */
static int skip_pmd_entry(pte_t *pmd, uint64_t addr, uint64_t end,
			  struct mm_walk *walk)
{
	(void)pmd; (void)addr; (void)end; (void)walk;
	return 0;
}

static int cmp_map(const void *a, const void *b)
{
	const struct migrate_map *x = a, *y = b;

	if (x->folio_id != y->folio_id)
		return x->folio_id < y->folio_id ? -1 : 1;
	if (x->mm->pid != y->mm->pid)
		return x->mm->pid - y->mm->pid;
	return (x->addr > y->addr) - (x->addr < y->addr);
}

static int cmp_folio_id(const void *a, const void *b)
{
	const struct folio *x = *(struct folio *const *)a;
	const struct folio *y = *(struct folio *const *)b;

	return (x->id > y->id) - (x->id < y->id);
}

/* Does the page cache or the swap cache hold the folio (folio_mapping())? */
static bool folio_has_mapping(const struct folio *folio)
{
	return folio->mapping || folio_test_swapcache(folio);
}

/*
 * folio_movable - is @folio a candidate, and may it be isolated?  An anon
 * folio held by more than its mappings (a GUP reference, a pin) and by no
 * cache is not even isolated: its migration could only fail.
 *
 * Models: mm/compaction.c:isolate_migratepages_block() (its tests)
 */
static bool folio_movable(const struct folio *folio)
{
	if (folio->kind != FOLIO_ANON && folio->kind != FOLIO_FILE)
		return false;
	/* Huge mappings and hugetlb: not here (THP, hugetlb). */
	if ((folio->flags & PG_hugetlb) || folio->entire_mapcount)
		return false;
	if (!folio_has_mapping(folio) &&
	    folio_ref_count(folio) > folio_mapcount(folio))
		return false;
	return true;
}

/*
 * try_to_migrate_one - replace one entry of @folio by a migration entry.
 * An exclusive page first loses its entry, then its PageAnonExclusive; if
 * the folio may be pinned that is refused and the entry comes back.  The
 * entry's kind remembers what to restore: writable, readable-exclusive
 * (5.19+: the page was exclusive) or readable.  Returns false on refusal.
 *
 * Models: mm/rmap.c:try_to_migrate_one()
 */
static bool try_to_migrate_one(struct world *w, struct folio *folio,
			       const struct migrate_map *m)
{
	pte_t *ptep = pte_offset(m->mm, m->addr, false);
	pte_t pte = *ptep, entry = { .type = PTE_MIGRATION };
	bool exclusive = folio_test_anon(folio) &&
			 PageAnonExclusive(folio, pte.idx);

	pte_clear(m->mm, m->addr, ptep);	/* ptep_clear_flush() */
	if (exclusive && folio_try_share_anon_rmap_pte(w, folio, pte.idx)) {
		set_pte_at(m->mm, m->addr, ptep, pte);
		return false;
	}
	if (pte_dirty(pte))
		folio->flags |= PG_dirty;
	entry.folio = folio;
	entry.idx = pte.idx;
	if (pte_write(pte))
		entry.flags |= _PAGE_WRITE;
	else if (exclusive)
		entry.flags |= _PAGE_MIGRATION_EXCLUSIVE;
	entry.flags |= pte.flags & (_PAGE_YOUNG | _PAGE_DIRTY | _PAGE_SOFT_DIRTY);
	set_pte_at(m->mm, m->addr, ptep, entry);
	folio_remove_rmap_pte(w, folio, pte.idx);
	folio_put(w, folio);
	return true;
}

/*
 * remove_migration_pte - the migration entry at @m for @src becomes a
 * present entry of @dst (the new folio, or @src itself after a failed
 * move): the VMA's protection, write from a writable entry, young, dirty
 * and soft-dirty from the entry, and PageAnonExclusive for an anon page
 * whose entry was writable or readable-exclusive.
 *
 * Models: mm/migrate.c:remove_migration_pte()
 */
static void remove_migration_pte(struct world *w, struct folio *src,
				 struct folio *dst, const struct migrate_map *m)
{
	struct vm_area_struct *vma = vma_lookup(m->mm, m->addr);
	pte_t *ptep = pte_offset(m->mm, m->addr, false);
	pte_t entry = *ptep, pte;

	MM_BUG_ON_FOLIO(w, !vma || entry.type != PTE_MIGRATION ||
			entry.folio != src, src);
	pte = mk_pte(dst, entry.idx, vma_prot_bits(vma));
	if (vm_page_prot_writable(vma))
		pte = pte_mkwrite(pte);
	if (entry.flags & _PAGE_SOFT_DIRTY)
		pte = pte_mksoft_dirty(pte);
	if (entry.flags & _PAGE_WRITE)
		pte = pte_mkwrite(pte);
	if (entry.flags & _PAGE_YOUNG)
		pte = pte_mkyoung(pte);
	/* x86: pte_mkdirty() sets soft-dirty too, as in the kernel. */
	if ((dst->flags & PG_dirty) && (entry.flags & _PAGE_DIRTY))
		pte = pte_mkdirty(pte);
	folio_get(dst);
	if (folio_test_anon(dst)) {
		folio_add_anon_rmap_pte(w, dst, entry.idx);
		if ((entry.flags & (_PAGE_WRITE | _PAGE_MIGRATION_EXCLUSIVE)) &&
		    knob(w, MMK_ANON_EXCLUSIVE))
			SetPageAnonExclusive(dst, entry.idx);
	} else {
		folio_add_file_rmap_pte(dst, entry.idx);
	}
	set_pte_at(m->mm, m->addr, ptep, pte);
}

/* Models: mm/migrate.c:remove_migration_ptes() */
static void remove_migration_ptes(struct world *w, struct folio *src,
				  struct folio *dst,
				  const struct migrate_map *maps, size_t nr)
{
	for (size_t i = 0; i < nr; i++)
		remove_migration_pte(w, src, dst, &maps[i]);
}

/*
 * folio_migrate_mapping - the move proper: @src may be held only by the
 * migration (its isolation reference) and by the page cache or swap
 * cache; then that cache holds @dst instead, with its references.
 * Returns 0 or -EAGAIN.
 *
 * Models: mm/migrate.c:folio_migrate_mapping() / folio_expected_refs()
 */
static int folio_migrate_mapping(struct world *w, struct folio *dst,
				 struct folio *src)
{
	long nr = (long)folio_nr_pages(src);
	long expected = 1 + (folio_has_mapping(src) ? nr : 0);

	if (folio_ref_count(src) != expected)
		return -EAGAIN;
	if (src->mapping) {
		dst->mapping = src->mapping;
		dst->index = src->index;
		xa_store(&src->mapping->i_pages, src->index,
			 (uint64_t)(uintptr_t)dst);
		src->mapping = NULL;
	}
	if (folio_test_swapcache(src)) {
		dst->swap = src->swap;
		dst->flags |= PG_swapcache;
		w->swap_slots[src->swap].cache = dst;
		src->flags &= ~PG_swapcache;
	}
	if (folio_has_mapping(dst)) {
		folio_ref_add(dst, nr);
		folio_put_refs(w, src, nr);
	}
	return 0;
}

/*
 * folio_migrate_flags - what the new folio inherits: contents, dirty,
 * KSM (the stable node follows the page), lazy-free.  PageAnonExclusive
 * is not copied: the migration entries carry it.
 *
 * Models: mm/migrate.c:folio_migrate_flags() + folio_copy()
 */
static void folio_migrate_flags(struct folio *dst, struct folio *src)
{
	folio_copy_contents(dst, src);
	dst->flags |= src->flags & (PG_dirty | PG_ksm | PG_lazyfree);
}

/*
 * migrate_one_folio - unmap @src (mapped exactly by @maps), move it, map
 * the new folio where it was mapped.  On any refusal the old folio is
 * mapped back as it was.  The caller holds the isolation reference.
 *
 * Models: mm/migrate.c:migrate_folio_unmap() + migrate_folio_move()
 */
static bool migrate_one_folio(struct world *w, struct folio *src,
			      const struct migrate_map *maps, size_t nr)
{
	struct folio *dst;
	size_t done = 0;

	while (done < nr && try_to_migrate_one(w, src, &maps[done]))
		done++;
	if (done < nr) {
		remove_migration_ptes(w, src, src, maps, done);
		return false;
	}
	dst = folio_alloc(w, src->kind, src->order);	/* the migration's ref */
	if (folio_migrate_mapping(w, dst, src)) {
		folio_put(w, dst);
		remove_migration_ptes(w, src, src, maps, nr);
		return false;
	}
	folio_migrate_flags(dst, src);
	remove_migration_ptes(w, src, dst, maps, nr);
	folio_put(w, dst);
	return true;
}

/* The candidates, oldest first, each with the isolation reference. */
static struct folio **isolate_migratepages(struct world *w, size_t *nrp)
{
	struct folio **list = mm_zalloc(sizeof(*list) * (size_t)MAX(w->nr_folios, 1));
	size_t nr = 0;

	for (struct folio *f = w->folios.next; f != &w->folios; f = f->next) {
		if (!folio_movable(f))
			continue;
		folio_get(f);			/* isolate_lru_folio() */
		list[nr++] = f;
	}
	if (nr)
		qsort(list, nr, sizeof(*list), cmp_folio_id);
	*nrp = nr;
	return list;
}

/*
 * compact_nodes - one compaction pass: every movable folio whose mappings
 * are all known is migrated; pinned or GUP-referenced folios stay put.
 * Returns the number of folios moved.
 *
 * Models: mm/compaction.c:compact_nodes() -> migrate_pages()
 */
long compact_nodes(struct world *w)
{
	static const struct mm_walk_ops ops = { .pte_entry = collect_pte_entry,
						.pmd_entry = skip_pmd_entry };
	struct migrate_scan scan = { 0 };
	size_t nr_folios, m = 0;
	struct folio **list;
	long moved = 0;

	for (int pid = 0; pid < NR_PROCS; pid++)
		if (w->mm[pid])
			walk_page_range(w->mm[pid], 0, TASK_SIZE, &ops, &scan);
	if (scan.nr)
		qsort(scan.maps, scan.nr, sizeof(*scan.maps), cmp_map);
	list = isolate_migratepages(w, &nr_folios);
	for (size_t i = 0; i < nr_folios; i++) {
		struct folio *src = list[i];
		const struct migrate_map *maps;
		size_t first;

		while (m < scan.nr && scan.maps[m].folio_id < src->id)
			m++;
		first = m;
		while (m < scan.nr && scan.maps[m].folio_id == src->id)
			m++;
		maps = scan.maps ? &scan.maps[first] : NULL;	/* none mapped */
		if ((long)(m - first) == folio_mapcount(src) &&
		    migrate_one_folio(w, src, maps, m - first))
			moved++;
		folio_put(w, src);		/* putback, or the old folio is freed */
	}
	free(list);
	free(scan.maps);
	return moved;
}
