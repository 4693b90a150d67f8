// SPDX-License-Identifier: MIT
/*
 * test_emu.c - unit tests of the emulator's machinery, looking inside the
 * world (folios, entries) after public operations, and proving that the
 * structural checker notices corrupted bookkeeping.  KSM and compaction
 * are in test_ksm.c, hugetlb in test_hugetlb.c.
 */
#include "emu_helpers.h"
#include "test.h"

/* A folio lives exactly as long as its references. */
static bool test_folio_lifetime(void)
{
	struct world *w = new_world();
	long base = w->nr_folios;
	struct folio *f = folio_alloc(w, FOLIO_ANON, 0);

	ASSERT_EQ(w->nr_folios, base + 1);
	folio_get(f);
	folio_put(w, f);
	ASSERT_EQ(w->nr_folios, base + 1);
	folio_put(w, f);
	ASSERT_EQ(w->nr_folios, base);
	world_destroy(w);
	return true;
}

/* A 1 GiB folio allocates page state only where it is touched. */
static bool test_folio_sparse(void)
{
	struct world *w = new_world();
	struct folio *f = folio_alloc(w, FOLIO_ANON, HPAGE_PUD_ORDER);
	struct folio *g = folio_alloc(w, FOLIO_ANON, HPAGE_PUD_ORDER);
	unsigned long touched = 0;

	ASSERT_TRUE(folio_page_peek(f, 200000) == NULL);
	folio_page_set_content(f, 200000, 42);
	ASSERT_EQ(folio_page_content(f, 200000), 42);
	ASSERT_EQ(folio_page_content(f, 199999), 0);
	folio_copy_contents(g, f);
	ASSERT_EQ(folio_page_content(g, 200000), 42);
	for (unsigned long c = 0; c < (1UL << HPAGE_PUD_ORDER) / PAGE_CHUNK_PAGES; c++)
		touched += g->chunks[c] != NULL;
	ASSERT_EQ(touched, 1);
	folio_put(w, f);
	folio_put(w, g);
	world_destroy(w);
	return true;
}

/* Tables appear under installed entries and go when emptied. */
static bool test_pgtable_alloc_free(void)
{
	struct world *w = new_world();
	struct mm_struct *mm = w->mm[0];
	pte_t *ptep;

	ASSERT_TRUE(pte_offset(mm, A0, false) == NULL);
	ptep = pte_offset(mm, A0, true);
	set_pte_at(mm, A0, ptep, mk_pte(w->zero_folio, 0, _PAGE_SPECIAL));
	ASSERT_EQ(pmd_offset(mm, A0, false)->table->nr_used, 1);
	pte_clear(mm, A0, ptep);
	free_pgtables(mm, A0, A0 + PG);
	ASSERT_TRUE(pmd_offset(mm, A0, false) == NULL);
	world_destroy(w);
	return true;
}

/* Read faults map the zeropage; a write then gets a fresh exclusive page. */
static bool test_anon_read_then_write(void)
{
	struct world *w = new_world();
	pte_t pte;

	ASSERT_EQ(mm_mmap(w, 0, A0, PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(mm_access(w, 0, A0, PG, false, NULL, NULL, NULL, NULL), 1);
	pte = entry(w, 0, A0);
	ASSERT_TRUE(pte.folio == w->zero_folio && pte_special(pte) && !pte_write(pte));
	ASSERT_EQ(store(w, 0, A0, 7), 1);
	pte = entry(w, 0, A0);
	ASSERT_TRUE(folio_test_anon(pte.folio) && pte_write(pte));
	ASSERT_TRUE(PageAnonExclusive(pte.folio, 0));
	ASSERT_EQ(folio_ref_count(pte.folio), 1);
	ASSERT_EQ(w->zero_folio->refcount, 1);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/*
 * config zeropage=off (mm_forbids_zeropage()): a read fault gets a page of
 * its own, writable and dirty in a writable VMA, and the later write
 * reuses it in place; a THP read fault gets a THP, not the huge zeropage.
 */
static bool test_anon_read_zeropage_forbidden(void)
{
	struct world_config cfg;
	struct world *w;
	struct folio *folio;
	pte_t pte;

	world_config_default(&cfg);
	cfg.zeropage = false;
	cfg.thp = MM_THP_MODE_ALWAYS;
	w = world_create(&cfg, NULL);
	ASSERT_EQ(mm_mmap(w, 0, A0, PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(mm_access(w, 0, A0, PG, false, NULL, NULL, NULL, NULL), 1);
	pte = entry(w, 0, A0);
	folio = pte.folio;
	ASSERT_TRUE(folio != w->zero_folio && folio_test_anon(folio));
	ASSERT_TRUE(!pte_special(pte) && pte_write(pte) && pte_dirty(pte));
	ASSERT_TRUE(PageAnonExclusive(folio, 0));
	ASSERT_EQ(store(w, 0, A0, 7), 1);
	ASSERT_TRUE(entry(w, 0, A0).folio == folio);
	ASSERT_EQ(mm_mmap(w, 0, A1, SZ_2M, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(mm_access(w, 0, A1, PG, false, NULL, NULL, NULL, NULL), 1);
	pte = huge_entry(w, 0, A1);
	ASSERT_TRUE(pte_present(pte) && folio_test_anon(pte.folio));
	ASSERT_EQ(pte.folio->order, HPAGE_PMD_ORDER);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/*
 * fork's early copy of a pinned page takes the VMA's protection: in a
 * PROT_NONE mapping the child's copy is inaccessible, and its load faults
 * (Linux 6.18: SIGSEGV; the copy once came out readable).
 */
static bool test_fork_copy_pinned_protnone(void)
{
	struct world *w = new_world();
	pte_t pte;

	ASSERT_EQ(mm_mmap(w, 0, A0, PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(store(w, 0, A0, 1), 1);
	ASSERT_EQ(mm_gup(w, 0, 0, A0, PG, MMG_PIN | MMG_WRITE | MMG_LONGTERM,
			 MMH_GUP, NULL), 0);
	ASSERT_EQ(mm_mprotect(w, 0, A0, PG, 0), 0);
	ASSERT_EQ(mm_fork(w, 0, 1), 0);
	pte = entry(w, 1, A0);
	ASSERT_TRUE(pte.folio != entry(w, 0, A0).folio);	/* the early copy */
	ASSERT_TRUE(pte_protnone(pte) && !pte_write(pte));
	ASSERT_EQ(mm_access(w, 1, A0, PG, false, NULL, NULL, NULL, NULL),
		  -MM_ESIGSEGV);
	ASSERT_EQ(mm_handle_put(w, 0), 0);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/*
 * fork shares an exclusive page read-only in both and clears PAE; the
 * first writer copies, the last one reuses.
 *   parent A(rw,PAE) --fork--> parent A(ro) child A(ro)
 */
static bool test_fork_cow(void)
{
	struct world *w = new_world();
	struct folio *a;

	mm_mmap(w, 0, A0, PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	store(w, 0, A0, 1);
	a = entry(w, 0, A0).folio;
	ASSERT_EQ(mm_fork(w, 0, 1), 0);
	ASSERT_TRUE(entry(w, 1, A0).folio == a);
	ASSERT_FALSE(pte_write(entry(w, 0, A0)));
	ASSERT_FALSE(PageAnonExclusive(a, 0));
	ASSERT_EQ(folio_ref_count(a), 2);
	ASSERT_EQ(folio_mapcount(a), 2);
	store(w, 0, A0, 2);			/* copies: refcount 2 */
	ASSERT_TRUE(entry(w, 0, A0).folio != a);
	ASSERT_EQ(folio_ref_count(a), 1);
	store(w, 1, A0, 3);			/* reuses: refcount 1 */
	ASSERT_TRUE(entry(w, 1, A0).folio == a);
	ASSERT_TRUE(PageAnonExclusive(a, 0));
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* A pinned exclusive page is copied for the child at fork, not shared. */
static bool test_fork_copies_pinned(void)
{
	struct world *w = new_world();
	struct folio *a;

	mm_mmap(w, 0, A0, PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	store(w, 0, A0, 1);
	a = entry(w, 0, A0).folio;
	ASSERT_EQ(mm_gup(w, 0, 0, A0, PG, MMG_PIN | MMG_WRITE | MMG_LONGTERM, MMH_GUP, NULL), 0);
	ASSERT_EQ(folio_ref_count(a), 1 + GUP_PIN_COUNTING_BIAS);
	ASSERT_TRUE(w->mm[0]->flags & MMF_HAS_PINNED);
	mm_fork(w, 0, 1);
	ASSERT_TRUE(entry(w, 1, A0).folio != a);
	ASSERT_EQ(folio_page_content(entry(w, 1, A0).folio, 0), 1);
	ASSERT_TRUE(pte_write(entry(w, 0, A0)));
	ASSERT_TRUE(PageAnonExclusive(a, 0));
	ASSERT_EQ(mm_handle_put(w, 0), 0);
	ASSERT_EQ(folio_ref_count(a), 1);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* A R/O pin of a shared anon page unshares first: it lands on a PAE copy. */
static bool test_ro_pin_unshares(void)
{
	struct world *w = new_world();
	struct folio *a, *b;

	mm_mmap(w, 0, A0, PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	store(w, 0, A0, 1);
	a = entry(w, 0, A0).folio;
	mm_fork(w, 0, 1);
	ASSERT_EQ(mm_gup(w, 0, 0, A0, PG, MMG_PIN | MMG_LONGTERM, MMH_GUP, NULL), 0);
	b = entry(w, 0, A0).folio;
	ASSERT_TRUE(b != a);
	ASSERT_TRUE(PageAnonExclusive(b, 0));
	ASSERT_FALSE(pte_write(entry(w, 0, A0)));
	ASSERT_EQ(w->handles[0].pages[0].folio == b, 1);
	/* The write reuses the pinned page (PAE), so the pin sees it. */
	store(w, 0, A0, 9);
	ASSERT_TRUE(entry(w, 0, A0).folio == b);
	ASSERT_EQ(folio_page_content(b, 0), 9);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* GUP-fast falls back for a R/O pin of a shared page; the result is the same. */
static bool test_gup_fast_falls_back(void)
{
	struct world *w = new_world();
	struct folio *a;

	mm_mmap(w, 0, A0, PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	store(w, 0, A0, 1);
	a = entry(w, 0, A0).folio;
	mm_fork(w, 0, 1);
	ASSERT_EQ(mm_gup(w, 0, 0, A0, PG, MMG_PIN | MMG_FAST, MMH_GUP, NULL), 0);
	ASSERT_TRUE(w->handles[0].pages[0].folio != a);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* mprotect maps exclusive anon pages writable directly, shared ones not. */
static bool test_mprotect_upgrade(void)
{
	struct world *w = new_world();

	mm_mmap(w, 0, A0, 2 * PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	store(w, 0, A0, 1);
	store(w, 0, A0 + PG, 2);
	mm_fork(w, 0, 1);
	mm_exit(w, 1);			/* A0+PG's page is still not PAE */
	store(w, 0, A0, 3);		/* reuse: PAE again */
	mm_mprotect(w, 0, A0, 2 * PG, MMP_READ);
	ASSERT_FALSE(pte_write(entry(w, 0, A0)));
	mm_mprotect(w, 0, A0, 2 * PG, MMP_READ | MMP_WRITE);
	ASSERT_TRUE(pte_write(entry(w, 0, A0)));
	ASSERT_FALSE(pte_write(entry(w, 0, A0 + PG)));
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* clear_refs write-protects, except writable pinned pages. */
static bool test_clear_refs_skips_pinned(void)
{
	struct world *w = new_world();

	mm_mmap(w, 0, A0, 2 * PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	store(w, 0, A0, 1);
	store(w, 0, A0 + PG, 2);
	mm_gup(w, 0, 0, A0, PG, MMG_PIN | MMG_WRITE, MMH_GUP, NULL);
	ASSERT_EQ(mm_clear_refs(w, 0), 0);
	ASSERT_TRUE(pte_write(entry(w, 0, A0)));
	ASSERT_FALSE(pte_write(entry(w, 0, A0 + PG)));
	ASSERT_FALSE(w->mm[0]->mmap->vm_flags & VM_SOFTDIRTY);
	world_destroy(w);
	return true;
}

/* A private file page is COW-copied on write; the page cache keeps its content. */
static bool test_private_file_cow(void)
{
	struct world *w = new_world();
	struct mm_data d = { .value = 5 };
	struct folio *cache;

	ASSERT_EQ(mm_file_create(w, 0, MMFT_MEMFD, PG), 0);
	ASSERT_EQ(mm_file_write(w, 0, 0, PG, &d), 0);
	mm_mmap(w, 0, A0, PG, MMP_READ | MMP_WRITE, 0, 0, 0);
	mm_access(w, 0, A0, PG, false, NULL, NULL, NULL, NULL);
	cache = entry(w, 0, A0).folio;
	ASSERT_EQ(cache->kind, FOLIO_FILE);
	ASSERT_EQ(folio_ref_count(cache), 2);	/* page cache + mapping */
	store(w, 0, A0, 6);
	ASSERT_TRUE(folio_test_anon(entry(w, 0, A0).folio));
	ASSERT_EQ(folio_page_content(cache, 0), 5);
	ASSERT_EQ(folio_ref_count(cache), 1);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* mremap moves entries with their bits; the pin follows. */
static bool test_mremap_moves(void)
{
	struct world *w = new_world();
	struct folio *a;

	mm_mmap(w, 0, A0, PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	store(w, 0, A0, 1);
	a = entry(w, 0, A0).folio;
	mm_gup(w, 0, 0, A0, PG, MMG_PIN | MMG_WRITE, MMH_GUP, NULL);
	ASSERT_EQ(mm_mremap(w, 0, A0, PG, A1), 0);
	ASSERT_TRUE(pte_none(entry(w, 0, A0)));
	ASSERT_TRUE(entry(w, 0, A1).folio == a && pte_write(entry(w, 0, A1)));
	ASSERT_EQ(w->handles[0].pages[0].addr, A1);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/*
 * A move of three pages over three VMAs (the middle one locked, a page
 * unmapped past them): 6.15 refuses it (EFAULT, nothing moves); 6.17 and
 * current move each VMA by the same distance, so the unmapped page stays a
 * hole and what the destination had there stays mapped.
 */
static bool test_mremap_multi_vma(void)
{
	static const struct { const char *era; bool moves; } cases[] = {
		{ "6.15", false }, { "6.17", true }, { "current", true },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct world *w = era_world(cases[i].era);
		struct folio *a, *b, *d;

		mm_mmap(w, 0, A0, 4 * PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
		mm_mmap(w, 0, A1, 4 * PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
		store(w, 0, A0, 1);
		store(w, 0, A0 + PG, 2);
		store(w, 0, A1 + 2 * PG, 3);
		a = entry(w, 0, A0).folio;
		b = entry(w, 0, A0 + PG).folio;
		d = entry(w, 0, A1 + 2 * PG).folio;
		ASSERT_EQ(mm_mlock(w, 0, A0 + PG, PG), 0);
		ASSERT_EQ(mm_munmap(w, 0, A0 + 2 * PG, PG), 0);
		/* Not from a hole, in any era. */
		ASSERT_EQ(mm_mremap(w, 0, A0 + 2 * PG, 2 * PG, A1), -EFAULT);
		if (!cases[i].moves) {
			ASSERT_EQ(mm_mremap(w, 0, A0, 3 * PG, A1), -EFAULT);
			ASSERT_TRUE(entry(w, 0, A0).folio == a);
			ASSERT_TRUE(entry(w, 0, A0 + PG).folio == b);
			ASSERT_TRUE(pte_none(entry(w, 0, A1)));
		} else {
			ASSERT_EQ(mm_mremap(w, 0, A0, 3 * PG, A1), 0);
			ASSERT_TRUE(vma_lookup(w->mm[0], A0) == NULL);
			ASSERT_TRUE(vma_lookup(w->mm[0], A0 + PG) == NULL);
			ASSERT_TRUE(entry(w, 0, A1).folio == a);
			ASSERT_TRUE(entry(w, 0, A1 + PG).folio == b);
			ASSERT_TRUE(vma_lookup(w->mm[0], A1 + PG)->vm_flags &
				    VM_LOCKED);
			/* The hole's destination keeps its page. */
			ASSERT_TRUE(entry(w, 0, A1 + 2 * PG).folio == d);
		}
		ASSERT_TRUE(checks_clean(w));
		world_destroy(w);
	}
	return true;
}

/* MADV_POPULATE_(READ|WRITE) came with 5.14: unknown advice before. */
static bool test_madv_populate_era(void)
{
	static const struct { const char *era; int ret; } cases[] = {
		{ "5.7", -EINVAL }, { "5.9", -EINVAL }, { "5.18", 0 },
		{ "current", 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct world *w = era_world(cases[i].era);

		mm_mmap(w, 0, A0, 2 * PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
		ASSERT_EQ(mm_madvise(w, 0, A0, PG, MMA_POPULATE_WRITE),
			  cases[i].ret);
		ASSERT_EQ(mm_madvise(w, 0, A0 + PG, PG, MMA_POPULATE_READ),
			  cases[i].ret);
		ASSERT_EQ(pte_none(entry(w, 0, A0)), cases[i].ret != 0);
		ASSERT_EQ(pte_none(entry(w, 0, A0 + PG)), cases[i].ret != 0);
		/* The advice is judged before the range. */
		if (cases[i].ret)
			ASSERT_EQ(mm_madvise(w, 0, A0 + 1, PG,
					     MMA_POPULATE_READ), -EINVAL);
		ASSERT_TRUE(checks_clean(w));
		world_destroy(w);
	}
	return true;
}

/*
 * Fault-around: a read fault on a file mapping maps the cached pages of
 * the 64 KiB block around it (from the VMA's start when that is later,
 * never past its end), one reference and mapcount each, read-only in a
 * private mapping; an uncached page stays unmapped and is not read in.  A
 * write fault (COW) and an anonymous mapping do not fault around.
 */
static bool test_fault_around(void)
{
	struct world *w = new_world();
	struct mm_data d = { 10, true };
	struct folio *f;

	ASSERT_EQ(mm_file_create(w, 0, MMFT_MEMFD, 32 * PG), 0);
	ASSERT_EQ(mm_file_write(w, 0, 0, 5 * PG, &d), 0);
	ASSERT_EQ(mm_file_write(w, 0, 6 * PG, 14 * PG, &d), 0);
	ASSERT_EQ(mm_mmap(w, 0, A0, 32 * PG, MMP_READ, 0, 0, 0), 0);
	ASSERT_EQ(mm_access(w, 0, A0 + 3 * PG, PG, false, NULL, NULL, NULL,
			    NULL), 1);
	for (int i = 0; i < 32; i++)
		ASSERT_EQ(pte_none(entry(w, 0, A0 + i * PG)), i == 5 || i >= 16);
	f = entry(w, 0, A0 + 7 * PG).folio;
	ASSERT_TRUE(!pte_write(entry(w, 0, A0 + 7 * PG)));
	ASSERT_EQ(folio_mapcount(f), 1);
	ASSERT_EQ(folio_ref_count(f), 2);	/* the cache's and the PTE's */
	ASSERT_EQ(xa_load(&w->files[0]->i_pages, 5), 0);	/* not read in */
	/* A VMA starting at file page 3: 16 pages from its start, clipped. */
	ASSERT_EQ(mm_mmap(w, 0, A1 + 3 * PG, 8 * PG, MMP_READ, 0, 0, 3 * PG), 0);
	ASSERT_EQ(mm_access(w, 0, A1 + 9 * PG, PG, false, NULL, NULL, NULL,
			    NULL), 1);
	for (int i = 3; i < 11; i++)
		ASSERT_EQ(pte_none(entry(w, 0, A1 + i * PG)), i == 5);
	/* A write fault of a private mapping copies its page alone. */
	ASSERT_EQ(mm_mmap(w, 0, A2, 16 * PG, MMP_READ | MMP_WRITE, 0, 0, 0), 0);
	ASSERT_EQ(store(w, 0, A2 + PG, 7), 1);
	for (int i = 0; i < 16; i++)
		ASSERT_EQ(pte_none(entry(w, 0, A2 + i * PG)), i != 1);
	ASSERT_TRUE(folio_test_anon(entry(w, 0, A2 + PG).folio));
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* The checker is not vacuous: corrupted counters are reported. */
static bool test_check_catches_corruption(void)
{
	struct world *w = new_world();
	struct mm_violation v;
	struct folio *a;

	mm_mmap(w, 0, A0, PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	store(w, 0, A0, 1);
	a = entry(w, 0, A0).folio;
	a->refcount++;
	ASSERT_TRUE(world_check(w, &v));
	ASSERT_STR_EQ(v.id, "S2");
	a->refcount--;
	a->page0.mapcount++;
	ASSERT_TRUE(world_check(w, &v));
	ASSERT_STR_EQ(v.id, "S1");
	a->page0.mapcount--;
	ClearPageAnonExclusive(a, 0);
	ASSERT_TRUE(world_check(w, &v));
	ASSERT_STR_EQ(v.id, "X1");
	SetPageAnonExclusive(a, 0);
	ASSERT_FALSE(world_check(w, &v));
	world_destroy(w);
	return true;
}

/* Operations refuse bad arguments with the kernel's errors. */
static bool test_errors(void)
{
	struct world *w = new_world();

	ASSERT_EQ(mm_mmap(w, 0, A0 + 1, PG, MMP_READ, MMF_ANON, -1, 0), -EINVAL);
	ASSERT_EQ(mm_mmap(w, 0, A0, PG, MMP_READ, 0, 3, 0), -EBADF);
	ASSERT_EQ(mm_munmap(w, 5, A0, PG), -ESRCH);
	ASSERT_EQ(mm_mprotect(w, 0, A0, PG, MMP_READ), -ENOMEM);
	mm_mmap(w, 0, A0, PG, MMP_READ, MMF_ANON, -1, 0);
	ASSERT_EQ(store(w, 0, A0, 1), -MM_ESIGSEGV);
	ASSERT_EQ(mm_gup(w, 0, 0, A0, PG, MMG_LONGTERM, MMH_GUP, NULL), -EINVAL);
	ASSERT_EQ(mm_gup(w, 0, 0, A0, PG, MMG_PIN | MMG_WRITE, MMH_GUP, NULL), -EFAULT);
	ASSERT_EQ(mm_handle_nr_pages(w, 0), 0);
	ASSERT_EQ(mm_madvise(w, 0, A0, PG, MMA_WIPEONFORK), 0);
	/* A VMA that cannot hold a PMD is refused (Linux 6.18 does). */
	ASSERT_EQ(mm_madvise(w, 0, A0, PG, MMA_COLLAPSE), -EINVAL);
	/* One that can, but a range inside one 2 MiB, unaligned: refused too. */
	ASSERT_EQ(mm_mmap(w, 0, A1, SZ_2M, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0), 0);
	/* Never faulted (no anon_vma): refused whatever the range (6.18). */
	ASSERT_EQ(mm_madvise(w, 0, A1, PG, MMA_COLLAPSE), -EINVAL);
	ASSERT_EQ(mm_madvise(w, 0, A1, SZ_2M, MMA_COLLAPSE), -EINVAL);
	ASSERT_EQ(store(w, 0, A1, 1), 1);
	ASSERT_EQ(mm_madvise(w, 0, A1 + PG, PG, MMA_COLLAPSE), -EINVAL);
	/* From an aligned start, short of the next boundary: nothing to do. */
	ASSERT_EQ(mm_madvise(w, 0, A1, PG, MMA_COLLAPSE), 0);
	/* The whole 2 MiB with a page in it: collapsed. */
	ASSERT_EQ(mm_madvise(w, 0, A1, SZ_2M, MMA_COLLAPSE), 0);
	ASSERT_EQ(huge_entry(w, 0, A1).folio->order, HPAGE_PMD_ORDER);
	world_destroy(w);
	return true;
}

/*
 * 5.8's forced COW break: a R/O GUP of a COW-shared page (GUP-fast falls
 * back: the entry is read-only) breaks COW in the caller, so the handle
 * holds the caller's own copy; a read GUP of a read-only private mapping
 * gets a dirty read-only private page (FOLL_COW without FOLL_FORCE).  A
 * /proc/self/mem read takes a reference and breaks COW too; populating
 * takes none and leaves the page shared.  5.7 pins the shared page.
 */
static bool test_forced_cow_break(void)
{
	struct world *w = era_world("5.8");
	struct folio *a, *b;
	pte_t pte;

	ASSERT_TRUE(w != NULL);
	mm_mmap(w, 0, A0, 4 * PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	for (int i = 0; i < 4; i++)
		store(w, 0, A0 + i * PG, 1 + i);
	a = entry(w, 0, A0).folio;
	ASSERT_EQ(mm_fork(w, 0, 1), 0);
	ASSERT_EQ(mm_gup(w, 0, 0, A0, PG, MMG_PIN | MMG_LONGTERM | MMG_FAST,
			 MMH_GUP, NULL), 0);
	b = entry(w, 0, A0).folio;
	ASSERT_TRUE(b != a && w->handles[0].pages[0].folio == b);
	ASSERT_TRUE(pte_write(entry(w, 0, A0)));
	ASSERT_EQ(folio_page_content(b, 0), 1);
	ASSERT_TRUE(entry(w, 1, A0).folio == a);
	ASSERT_EQ(folio_mapcount(a), 1);
	/* vmsplice (FOLL_GET, GUP-fast) in the child: its own copy too. */
	a = entry(w, 1, A0 + PG).folio;
	ASSERT_EQ(mm_gup(w, 1, 1, A0 + PG, PG, MMG_FAST, MMH_VMSPLICE, NULL), 0);
	ASSERT_TRUE(entry(w, 1, A0 + PG).folio != a);
	ASSERT_TRUE(w->handles[1].pages[0].folio == entry(w, 1, A0 + PG).folio);
	/*
	 * /proc/self/mem reads break COW; MADV_POPULATE_READ does not exist
	 * yet (5.14): refused as an unknown advice, it faults nothing.
	 */
	a = entry(w, 0, A0 + 2 * PG).folio;
	ASSERT_EQ(mm_memaccess(w, 0, A0 + 2 * PG, PG, false, NULL, NULL, NULL,
			       NULL), 1);
	ASSERT_TRUE(entry(w, 0, A0 + 2 * PG).folio != a);
	a = entry(w, 0, A0 + 3 * PG).folio;
	ASSERT_EQ(mm_madvise(w, 0, A0 + 3 * PG, PG, MMA_POPULATE_READ), -EINVAL);
	ASSERT_TRUE(entry(w, 0, A0 + 3 * PG).folio == a);
	/* A read-only mapping: the zeropage is replaced by a private page. */
	mm_mmap(w, 0, A1, PG, MMP_READ, MMF_ANON, -1, 0);
	ASSERT_EQ(mm_access(w, 0, A1, PG, false, NULL, NULL, NULL, NULL), 1);
	ASSERT_EQ(mm_gup(w, 0, 2, A1, PG, MMG_FAST, MMH_VMSPLICE, NULL), 0);
	pte = entry(w, 0, A1);
	ASSERT_TRUE(folio_test_anon(pte.folio) && !pte_write(pte) && pte_dirty(pte));
	ASSERT_TRUE(w->handles[2].pages[0].folio == pte.folio);
	ASSERT_EQ(store(w, 0, A1, 5), -MM_ESIGSEGV);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	/* 5.7: the R/O pin lands on the COW-shared page. */
	w = era_world("5.7");
	mm_mmap(w, 0, A0, PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	store(w, 0, A0, 1);
	a = entry(w, 0, A0).folio;
	mm_fork(w, 0, 1);
	ASSERT_EQ(mm_gup(w, 0, 0, A0, PG, MMG_PIN | MMG_LONGTERM | MMG_FAST,
			 MMH_GUP, NULL), 0);
	ASSERT_TRUE(entry(w, 0, A0).folio == a && w->handles[0].pages[0].folio == a);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/*
 * pin_counting: from 5.7 a pin of a small page adds GUP_PIN_COUNTING_BIAS
 * references, so folio_maybe_dma_pinned() sees it; before FOLL_PIN (era
 * 4.8) a pin is the one reference GUP always took, and is not seen.
 */
static bool test_pin_counting(void)
{
	static const struct { const char *era; long refs; bool seen; } cases[] = {
		{ "4.8", 1, false }, { "5.7", GUP_PIN_COUNTING_BIAS, true },
		{ "current", GUP_PIN_COUNTING_BIAS, true },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct world *w = era_world(cases[i].era);
		struct mm_page_info before, after;

		mm_mmap(w, 0, A0, PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
		store(w, 0, A0, 1);
		ASSERT_EQ(mm_page_query(w, 0, A0, &before), 0);
		ASSERT_EQ(mm_gup(w, 0, 0, A0, PG, MMG_PIN | MMG_WRITE, MMH_GUP,
				 NULL), 0);
		ASSERT_EQ(mm_page_query(w, 0, A0, &after), 0);
		ASSERT_EQ(after.refcount - before.refcount, cases[i].refs);
		ASSERT_EQ(folio_maybe_dma_pinned(entry(w, 0, A0).folio),
			  cases[i].seen);
		ASSERT_TRUE(checks_clean(w));
		ASSERT_EQ(mm_handle_put(w, 0), 0);
		ASSERT_EQ(mm_page_query(w, 0, A0, &after), 0);
		ASSERT_EQ(after.refcount, before.refcount);
		world_destroy(w);
	}
	return true;
}

static const struct test tests[] = {
	TEST(test_folio_lifetime),
	TEST(test_pin_counting),
	TEST(test_folio_sparse),
	TEST(test_pgtable_alloc_free),
	TEST(test_anon_read_then_write),
	TEST(test_anon_read_zeropage_forbidden),
	TEST(test_fork_copy_pinned_protnone),
	TEST(test_fork_cow),
	TEST(test_fork_copies_pinned),
	TEST(test_ro_pin_unshares),
	TEST(test_gup_fast_falls_back),
	TEST(test_mprotect_upgrade),
	TEST(test_clear_refs_skips_pinned),
	TEST(test_private_file_cow),
	TEST(test_mremap_moves),
	TEST(test_mremap_multi_vma),
	TEST(test_madv_populate_era),
	TEST(test_fault_around),
	TEST(test_check_catches_corruption),
	TEST(test_errors),
	TEST(test_forced_cow_break),
	{ 0 },
};

int main(void)
{
	return run_tests(tests);
}
