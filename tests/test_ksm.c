// SPDX-License-Identifier: MIT
/*
 * test_ksm.c - unit tests of KSM (merging, unmerging, unsharing, reuse)
 * and of compaction (migration of small and large folios), looking inside
 * the world after public operations.
 */
#include "emu_helpers.h"
#include "test.h"

/* Number of live KSM folios. */
static long nr_ksm_folios(struct world *w)
{
	long n = 0;

	for (struct folio *f = w->folios.next; f != &w->folios; f = f->next)
		n += folio_test_ksm(f);
	return n;
}

/*
 * ksm merges identical pages of mergeable VMAs into one read-only KSM
 * page (never PAE); different content, and VMAs without MADV_MERGEABLE,
 * are left alone; a later identical page joins through the stable tree.
 */
static bool test_ksm_merge(void)
{
	struct world *w = new_world();
	struct folio *k, *c, *other;
	pte_t pte;

	mm_mmap(w, 0, A0, 4 * PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	mm_mmap(w, 0, A1, PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	ASSERT_EQ(mm_madvise(w, 0, A0, 3 * PG, MMA_MERGEABLE), 0);
	store(w, 0, A0, 5);
	store(w, 0, A0 + PG, 5);
	store(w, 0, A0 + 2 * PG, 7);
	store(w, 0, A0 + 3 * PG, 5);		/* outside the advice */
	store(w, 0, A1, 5);			/* not mergeable */
	c = entry(w, 0, A0 + 2 * PG).folio;
	other = entry(w, 0, A1).folio;
	ASSERT_EQ(mm_daemon(w, MMD_KSM), 0);
	k = entry(w, 0, A0).folio;
	ASSERT_TRUE(folio_test_ksm(k));
	ASSERT_TRUE(entry(w, 0, A0 + PG).folio == k);
	ASSERT_EQ(folio_ref_count(k), 2);
	ASSERT_EQ(folio_mapcount(k), 2);
	ASSERT_FALSE(PageAnonExclusive(k, 0));
	pte = entry(w, 0, A0 + PG);
	ASSERT_FALSE(pte_write(pte) || pte_dirty(pte));
	ASSERT_TRUE(entry(w, 0, A0 + 2 * PG).folio == c && !folio_test_ksm(c));
	ASSERT_TRUE(pte_write(entry(w, 0, A0 + 2 * PG)));
	ASSERT_FALSE(folio_test_ksm(entry(w, 0, A0 + 3 * PG).folio));
	ASSERT_TRUE(entry(w, 0, A1).folio == other && !folio_test_ksm(other));
	ASSERT_EQ(nr_ksm_folios(w), 1);
	ASSERT_TRUE(checks_clean(w));
	/* A second scan changes nothing; a new identical page joins k. */
	store(w, 0, A0 + 2 * PG, 5);
	ASSERT_EQ(mm_daemon(w, MMD_KSM), 0);
	ASSERT_TRUE(entry(w, 0, A0 + 2 * PG).folio == k);
	ASSERT_EQ(folio_mapcount(k), 3);
	ASSERT_EQ(nr_ksm_folios(w), 1);
	/* Any write copies; the other mappings keep k. */
	store(w, 0, A0, 6);
	ASSERT_TRUE(entry(w, 0, A0).folio != k);
	ASSERT_TRUE(PageAnonExclusive(entry(w, 0, A0).folio, 0));
	ASSERT_EQ(folio_mapcount(k), 2);
	ASSERT_EQ(folio_page_content(k, 0), 5);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* Pages of two processes merge; each one's later write copies. */
static bool test_ksm_across_processes(void)
{
	struct world *w = new_world();
	struct folio *k;

	mm_mmap(w, 0, A0, PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	mm_madvise(w, 0, A0, PG, MMA_MERGEABLE);
	store(w, 0, A0, 5);
	ASSERT_EQ(mm_fork(w, 0, 1), 0);		/* VM_MERGEABLE is inherited */
	store(w, 1, A0, 5);			/* p1's own copy, same content */
	ASSERT_TRUE(entry(w, 0, A0).folio != entry(w, 1, A0).folio);
	mm_daemon(w, MMD_KSM);
	k = entry(w, 0, A0).folio;
	ASSERT_TRUE(folio_test_ksm(k) && entry(w, 1, A0).folio == k);
	ASSERT_EQ(folio_ref_count(k), 2);
	store(w, 1, A0, 8);
	ASSERT_TRUE(entry(w, 1, A0).folio != k);
	ASSERT_TRUE(entry(w, 0, A0).folio == k);
	/* Mapped once now, still a KSM page: the write copies (5.9+). */
	store(w, 0, A0, 9);
	ASSERT_TRUE(entry(w, 0, A0).folio != k);
	ASSERT_EQ(nr_ksm_folios(w), 0);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/*
 * A page held by a pin or a GUP reference is never merged: write_protect_page
 * sees the extra reference.  Its identical partner became a KSM page for a
 * moment and is broken again (an unshare fault: read-only, exclusive).
 */
static bool test_ksm_no_merge_referenced(void)
{
	for (int pin = 0; pin < 2; pin++) {
		struct world *w = new_world();
		struct folio *a, *b;

		mm_mmap(w, 0, A0, 2 * PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
		mm_madvise(w, 0, A0, 2 * PG, MMA_MERGEABLE);
		store(w, 0, A0, 5);
		store(w, 0, A0 + PG, 5);
		a = entry(w, 0, A0).folio;
		b = entry(w, 0, A0 + PG).folio;
		ASSERT_EQ(mm_gup(w, 0, 0, A0, PG, pin ? MMG_PIN | MMG_LONGTERM : 0,
				 MMH_GUP, NULL), 0);
		mm_daemon(w, MMD_KSM);
		ASSERT_TRUE(entry(w, 0, A0).folio == a);
		ASSERT_TRUE(pte_write(entry(w, 0, A0)));
		ASSERT_TRUE(PageAnonExclusive(a, 0));
		ASSERT_EQ(nr_ksm_folios(w), 0);
		ASSERT_TRUE(entry(w, 0, A0 + PG).folio != b);
		ASSERT_FALSE(pte_write(entry(w, 0, A0 + PG)));
		ASSERT_TRUE(PageAnonExclusive(entry(w, 0, A0 + PG).folio, 0));
		ASSERT_EQ(folio_page_content(entry(w, 0, A0 + PG).folio, 0), 5);
		ASSERT_TRUE(checks_clean(w));
		world_destroy(w);
	}
	return true;
}

/* A R/O pin of a KSM page unshares it (5.19+): the pin is on a private copy. */
static bool test_ksm_ro_pin_unshares(void)
{
	struct world *w = new_world();
	struct folio *k, *p;

	mm_mmap(w, 0, A0, 2 * PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	mm_madvise(w, 0, A0, 2 * PG, MMA_MERGEABLE);
	store(w, 0, A0, 5);
	store(w, 0, A0 + PG, 5);
	mm_daemon(w, MMD_KSM);
	k = entry(w, 0, A0).folio;
	ASSERT_TRUE(folio_test_ksm(k));
	ASSERT_EQ(mm_gup(w, 0, 0, A0, PG, MMG_PIN | MMG_FAST, MMH_GUP, NULL), 0);
	p = w->handles[0].pages[0].folio;
	ASSERT_TRUE(p != k && !folio_test_ksm(p) && PageAnonExclusive(p, 0));
	ASSERT_TRUE(entry(w, 0, A0).folio == p);
	ASSERT_EQ(folio_mapcount(k), 1);
	/* Pinned and exclusive: the next scan leaves it alone. */
	mm_daemon(w, MMD_KSM);
	ASSERT_TRUE(entry(w, 0, A0).folio == p);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/*
 * MADV_UNMERGEABLE breaks every KSM page of the range: an unshare fault
 * since 6.2 (read-only exclusive copy), a write fault before (writable).
 */
static bool test_ksm_unmerge(void)
{
	static const char *const eras[] = { "current", "5.19", "5.9" };

	for (int e = 0; e < 3; e++) {
		struct world *w = era_world(eras[e]);
		struct folio *k, *p;

		ASSERT_TRUE(w != NULL);
		mm_mmap(w, 0, A0, 2 * PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
		mm_madvise(w, 0, A0, 2 * PG, MMA_MERGEABLE);
		store(w, 0, A0, 5);
		store(w, 0, A0 + PG, 5);
		mm_daemon(w, MMD_KSM);
		k = entry(w, 0, A0).folio;
		ASSERT_TRUE(folio_test_ksm(k) && entry(w, 0, A0 + PG).folio == k);
		ASSERT_EQ(mm_madvise(w, 0, A0, PG, MMA_UNMERGEABLE), 0);
		p = entry(w, 0, A0).folio;
		ASSERT_TRUE(p != k && !folio_test_ksm(p));
		ASSERT_EQ(folio_page_content(p, 0), 5);
		ASSERT_EQ(pte_write(entry(w, 0, A0)), e != 0);
		ASSERT_EQ(PageAnonExclusive(p, 0), e != 2);
		ASSERT_TRUE(entry(w, 0, A0 + PG).folio == k);
		ASSERT_FALSE(vma_lookup(w->mm[0], A0)->vm_flags & VM_MERGEABLE);
		ASSERT_TRUE(vma_lookup(w->mm[0], A0 + PG)->vm_flags & VM_MERGEABLE);
		/* No longer mergeable: the next scan does not merge it back. */
		mm_daemon(w, MMD_KSM);
		ASSERT_TRUE(entry(w, 0, A0).folio == p);
		ASSERT_TRUE(checks_clean(w));
		world_destroy(w);
	}
	return true;
}

/* 5.0 - 5.8: a write reuses a KSM page that only this entry holds. */
static bool test_ksm_reuse_single_mapped(void)
{
	struct world *w = era_world("5.7");
	struct folio *k;

	ASSERT_TRUE(w != NULL);
	mm_mmap(w, 0, A0, 2 * PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	mm_madvise(w, 0, A0, 2 * PG, MMA_MERGEABLE);
	store(w, 0, A0, 5);
	store(w, 0, A0 + PG, 5);
	mm_daemon(w, MMD_KSM);
	k = entry(w, 0, A0).folio;
	ASSERT_TRUE(folio_test_ksm(k));
	store(w, 0, A0, 6);			/* mapped twice: copies */
	ASSERT_TRUE(entry(w, 0, A0).folio != k);
	store(w, 0, A0 + PG, 7);		/* mapped once: reused */
	ASSERT_TRUE(entry(w, 0, A0 + PG).folio == k);
	ASSERT_FALSE(folio_test_ksm(k));
	ASSERT_TRUE(pte_write(entry(w, 0, A0 + PG)));
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/*
 * compact moves every movable folio: anon (exclusive and writable,
 * shared after fork, KSM), page cache mapped or not.  Exclusivity and the
 * write bit come back from the migration entries; the page cache points
 * at the new folio.  Pinned and GUP-referenced folios stay where they are.
 */
static bool test_compact(void)
{
	struct world *w = new_world();
	struct mm_data d = { .value = 3 };
	struct folio *excl, *shared, *pinned, *got, *k, *cache, *unmapped, *f;
	struct address_space *mapping;

	mm_file_create(w, 0, MMFT_SHMEM, 2 * PG);
	mm_file_write(w, 0, 0, 2 * PG, &d);
	mm_mmap(w, 0, A0, 6 * PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	mm_mmap(w, 0, A1, PG, MMP_READ | MMP_WRITE, MMF_SHARED, 0, 0);
	mm_madvise(w, 0, A0 + 4 * PG, 2 * PG, MMA_MERGEABLE);
	for (int i = 0; i < 4; i++)
		store(w, 0, A0 + i * PG, 10 + i);
	store(w, 0, A0 + 4 * PG, 5);
	store(w, 0, A0 + 5 * PG, 5);
	mm_daemon(w, MMD_KSM);
	store(w, 0, A1, 4);
	mm_fork(w, 0, 1);
	store(w, 0, A0, 20);			/* exclusive again in p0 */
	excl = entry(w, 0, A0).folio;
	shared = entry(w, 0, A0 + PG).folio;
	mm_gup(w, 0, 0, A0 + 2 * PG, PG, MMG_PIN | MMG_WRITE, MMH_GUP, NULL);
	pinned = entry(w, 0, A0 + 2 * PG).folio;
	mm_gup(w, 0, 1, A0 + 3 * PG, PG, MMG_FAST, MMH_VMSPLICE, NULL);
	got = entry(w, 0, A0 + 3 * PG).folio;
	k = entry(w, 0, A0 + 4 * PG).folio;
	cache = entry(w, 0, A1).folio;
	mapping = cache->mapping;
	unmapped = filemap_get_folio(w, mapping, 1, false);
	ASSERT_TRUE(folio_test_ksm(k) && unmapped != NULL);

	ASSERT_GE(compact_nodes(w), 5);
	f = entry(w, 0, A0).folio;
	ASSERT_TRUE(f != excl && PageAnonExclusive(f, 0));
	ASSERT_TRUE(pte_write(entry(w, 0, A0)) && pte_dirty(entry(w, 0, A0)));
	ASSERT_EQ(folio_page_content(f, 0), 20);
	f = entry(w, 0, A0 + PG).folio;
	ASSERT_TRUE(f != shared && entry(w, 1, A0 + PG).folio == f);
	ASSERT_FALSE(PageAnonExclusive(f, 0) || pte_write(entry(w, 0, A0 + PG)));
	ASSERT_EQ(folio_mapcount(f), 2);
	ASSERT_TRUE(entry(w, 0, A0 + 2 * PG).folio == pinned);
	ASSERT_TRUE(PageAnonExclusive(pinned, 0) && pte_write(entry(w, 0, A0 + 2 * PG)));
	ASSERT_TRUE(entry(w, 0, A0 + 3 * PG).folio == got);
	f = entry(w, 0, A0 + 4 * PG).folio;
	ASSERT_TRUE(f != k && folio_test_ksm(f) && entry(w, 1, A0 + 5 * PG).folio == f);
	ASSERT_EQ(folio_mapcount(f), 4);
	f = entry(w, 0, A1).folio;
	ASSERT_TRUE(f != cache && f->mapping == mapping && pte_write(entry(w, 0, A1)));
	ASSERT_TRUE(filemap_get_folio(w, mapping, 0, false) == f);
	ASSERT_TRUE(filemap_get_folio(w, mapping, 1, false) != unmapped);
	ASSERT_EQ(folio_page_content(filemap_get_folio(w, mapping, 1, false), 0), 3);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/*
 * compact and large folios: a PTE-mapped mTHP moves whole (per-page
 * exclusivity and contents kept, also after fork); a pinned one and a
 * PMD-mapped THP stay.  KSM leaves large folios alone.
 */
static bool test_compact_large(void)
{
	struct world_config cfg;
	struct folio *m, *pinned, *thp, *f;
	struct mm_data d = { .value = 40, .unique = true };
	struct world *w;

	world_config_default(&cfg);
	cfg.thp = MM_THP_MODE_ALWAYS;
	cfg.mthp_kb_mask = 1u << 2;		/* 64 KiB */
	w = world_create(&cfg, NULL);
	ASSERT_TRUE(w != NULL);
	mm_mmap(w, 0, A0, 16 * PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	mm_mmap(w, 0, A1, 16 * PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	mm_mmap(w, 0, A0 + (1ULL << 30), 2ULL << 20, MMP_READ | MMP_WRITE,
		MMF_ANON, -1, 0);
	mm_madvise(w, 0, A0, 16 * PG, MMA_MERGEABLE);
	mm_access(w, 0, A0, 16 * PG, true, &d, NULL, NULL, NULL);
	mm_access(w, 0, A1, 16 * PG, true, &d, NULL, NULL, NULL);
	store(w, 0, A0 + (1ULL << 30), 1);
	m = entry(w, 0, A0).folio;
	pinned = entry(w, 0, A1).folio;
	thp = pmd_leaf_offset(w->mm[0], A0 + (1ULL << 30))->folio;
	ASSERT_EQ(m->order, 4);
	ASSERT_EQ(thp->order, HPAGE_PMD_ORDER);
	ASSERT_EQ(mm_gup(w, 0, 0, A1 + 3 * PG, PG, MMG_PIN | MMG_WRITE, MMH_GUP, NULL), 0);
	mm_daemon(w, MMD_KSM);
	ASSERT_TRUE(entry(w, 0, A0).folio == m);
	compact_nodes(w);
	f = entry(w, 0, A0).folio;
	ASSERT_TRUE(f != m && f->order == 4);
	for (unsigned long i = 0; i < 16; i++) {
		pte_t pte = entry(w, 0, A0 + i * PG);

		ASSERT_TRUE(pte.folio == f && pte.idx == i && pte_write(pte));
		ASSERT_TRUE(PageAnonExclusive(f, i));
		ASSERT_EQ(folio_page_content(f, i), 40 + i);
	}
	ASSERT_EQ(folio_ref_count(f), 16);
	ASSERT_TRUE(entry(w, 0, A1).folio == pinned);
	ASSERT_TRUE(PageAnonExclusive(pinned, 3) && pte_write(entry(w, 0, A1 + 3 * PG)));
	ASSERT_TRUE(pmd_leaf_offset(w->mm[0], A0 + (1ULL << 30))->folio == thp);
	ASSERT_TRUE(checks_clean(w));
	/* After fork the pages are shared: they move read-only, not exclusive. */
	mm_handle_put(w, 0);
	mm_munmap(w, 0, A0 + (1ULL << 30), 2ULL << 20);
	mm_fork(w, 0, 1);
	compact_nodes(w);
	f = entry(w, 0, A0 + 5 * PG).folio;
	ASSERT_TRUE(f->order == 4 && entry(w, 1, A0 + 5 * PG).folio == f);
	ASSERT_FALSE(PageAnonExclusive(f, 5) || pte_write(entry(w, 1, A0 + 5 * PG)));
	ASSERT_EQ(folio_mapcount(f), 32);
	ASSERT_TRUE(entry(w, 0, A1).folio != pinned);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* hugetlb is neither merged nor migrated: MADV_MERGEABLE leaves the VMA alone. */
static bool test_ksm_compact_skip_hugetlb(void)
{
	struct world *w = new_world();
	struct folio *h;
	pte_t *leaf;

	ASSERT_EQ(mm_mmap(w, 0, A0, 2ULL << 20, MMP_READ | MMP_WRITE,
			  MMF_ANON | MMF_HUGETLB, -1, 0), 0);
	ASSERT_EQ(mm_madvise(w, 0, A0, 2ULL << 20, MMA_MERGEABLE), 0);
	ASSERT_FALSE(vma_lookup(w->mm[0], A0)->vm_flags & VM_MERGEABLE);
	ASSERT_EQ(store(w, 0, A0, 5), 1);
	leaf = pmd_leaf_offset(w->mm[0], A0);
	ASSERT_TRUE(leaf && pte_present(*leaf));
	h = leaf->folio;
	ASSERT_TRUE(h->flags & PG_hugetlb);
	mm_daemon(w, MMD_KSM);
	ASSERT_EQ(compact_nodes(w), 0);
	ASSERT_TRUE(pmd_leaf_offset(w->mm[0], A0)->folio == h);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* The checker knows KSM pages and migration entries. */
static bool test_check_ksm_and_migration(void)
{
	struct world *w = new_world();
	struct mm_violation v;
	struct folio *k;
	pte_t *ptep;

	mm_mmap(w, 0, A0, 2 * PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	mm_madvise(w, 0, A0, 2 * PG, MMA_MERGEABLE);
	store(w, 0, A0, 5);
	store(w, 0, A0 + PG, 5);
	mm_daemon(w, MMD_KSM);
	ptep = pte_offset(w->mm[0], A0, false);
	k = ptep->folio;
	ASSERT_FALSE(world_check(w, &v));
	ptep->flags |= _PAGE_WRITE;
	ASSERT_TRUE(world_check(w, &v));
	ASSERT_STR_EQ(v.id, "S8");
	ptep->flags &= ~_PAGE_WRITE;
	SetPageAnonExclusive(k, 0);
	ASSERT_TRUE(world_check(w, &v));
	ASSERT_STR_EQ(v.id, "S8");
	ClearPageAnonExclusive(k, 0);
	ptep->type = PTE_MIGRATION;
	ASSERT_TRUE(world_check(w, &v));
	ASSERT_STR_EQ(v.id, "S1");
	ptep->type = PTE_PRESENT;
	ASSERT_FALSE(world_check(w, &v));
	world_destroy(w);
	return true;
}

static const struct test tests[] = {
	TEST(test_ksm_merge),
	TEST(test_ksm_across_processes),
	TEST(test_ksm_no_merge_referenced),
	TEST(test_ksm_ro_pin_unshares),
	TEST(test_ksm_unmerge),
	TEST(test_ksm_reuse_single_mapped),
	TEST(test_compact),
	TEST(test_compact_large),
	TEST(test_ksm_compact_skip_hugetlb),
	TEST(test_check_ksm_and_migration),
	{ 0 },
};

int main(void)
{
	return run_tests(tests);
}
