// SPDX-License-Identifier: MIT
/*
 * test_emu.c - unit tests of the emulator's machinery, looking inside the
 * world (folios, entries) after public operations, and proving that the
 * structural checker notices corrupted bookkeeping.
 */
#include "internal.h"
#include "test.h"
#include "test_world.h"

#define A0	0x100000000000ULL	/* slot r0 */
#define A1	0x100100000000ULL	/* slot r1 */
#define PG	4096ULL

static struct world *new_world(void)
{
	struct world_config cfg;

	world_config_default(&cfg);
	return world_create(&cfg, NULL);
}

static pte_t entry(struct world *w, int pid, uint64_t addr)
{
	pte_t *ptep = pte_offset(w->mm[pid], addr, false);

	return ptep ? *ptep : pte_empty();
}

static long store(struct world *w, int pid, uint64_t addr, uint64_t v)
{
	struct mm_data d = { .value = v };

	return mm_access(w, pid, addr, PG, true, &d, NULL, NULL, NULL);
}

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

static struct world *era_world(const char *era)
{
	struct world_config cfg;

	world_config_default(&cfg);
	if (mm_era_preset(era, &cfg.knobs))
		return NULL;
	return world_create(&cfg, NULL);
}

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
	/* No whole 2 MiB in the range: nothing to collapse. */
	ASSERT_EQ(mm_madvise(w, 0, A0, PG, MMA_COLLAPSE), 0);
	world_destroy(w);
	return true;
}

/* ------------------------------------------------------------------ */
/* hugetlb                                                              */

#define SZ_2M	(2ULL << 20)
#define SZ_1G	(1ULL << 30)

static struct world *new_world_pools(const char *era, uint32_t n2m,
				     uint32_t n1g)
{
	struct world_config cfg;

	world_config_default(&cfg);
	mm_era_preset(era, &cfg.knobs);
	cfg.hugetlb_2m = n2m;
	cfg.hugetlb_1g = n1g;
	return world_create(&cfg, NULL);
}

static pte_t huge_entry(struct world *w, int pid, uint64_t addr)
{
	unsigned int level;
	pte_t *ptep = leaf_offset(w->mm[pid], addr, &level);

	return ptep && level ? *ptep : pte_empty();
}

#define HUGE_RW	(MMP_READ | MMP_WRITE)
#define ANON_HUGE	(MMF_ANON | MMF_HUGETLB)

/* mmap reserves, faults consume, munmap gives back what was not used. */
static bool test_hugetlb_reservations(void)
{
	struct world *w = new_world_pools("current", 2, 0);
	struct hstate *h = &w->hstates[HSTATE_2M];

	ASSERT_EQ(mm_mmap(w, 0, A0, 2 * SZ_2M, HUGE_RW, ANON_HUGE, -1, 0), 0);
	ASSERT_EQ(h->free_huge_pages, 2);
	ASSERT_EQ(h->resv_huge_pages, 2);
	/* Nothing left to back another mapping: -ENOMEM, nothing changes. */
	ASSERT_EQ(mm_mmap(w, 0, A1, SZ_2M, HUGE_RW, ANON_HUGE, -1, 0), -ENOMEM);
	ASSERT_TRUE(vma_lookup(w->mm[0], A1) == NULL);
	ASSERT_EQ(store(w, 0, A0, 5), 1);
	ASSERT_EQ(h->free_huge_pages, 1);
	ASSERT_EQ(h->resv_huge_pages, 1);
	ASSERT_TRUE(checks_clean(w));
	ASSERT_EQ(mm_munmap(w, 0, A0, 2 * SZ_2M), 0);
	ASSERT_EQ(h->free_huge_pages, 2);
	ASSERT_EQ(h->resv_huge_pages, 0);
	world_destroy(w);
	return true;
}

/* A leaf maps the whole folio: one mapcount and one reference per leaf. */
static bool test_hugetlb_fork_cow_sparse(void)
{
	struct world *w = new_world_pools("current", 0, 2);
	pte_t pte;
	struct folio *old, *new;
	unsigned long chunks = 0;

	ASSERT_EQ(mm_mmap(w, 0, A0, SZ_1G, HUGE_RW, MMF_ANON | MMF_HUGETLB_1G,
			  -1, 0), 0);
	ASSERT_EQ(store(w, 0, A0 + 100 * PG, 9), 1);
	old = huge_entry(w, 0, A0).folio;
	ASSERT_TRUE(folio_test_hugetlb(old) && old->order == HPAGE_PUD_ORDER);
	ASSERT_TRUE(PageAnonExclusive(old, 0));
	ASSERT_EQ(mm_fork(w, 0, 1), 0);
	ASSERT_EQ(old->entire_mapcount, 2);
	ASSERT_EQ(old->refcount, 2);
	ASSERT_TRUE(!PageAnonExclusive(old, 0));
	ASSERT_TRUE(checks_clean(w));
	/*
	 * The parent's write copies the folio; only the chunks of touched
	 * pages exist: page 100's (content) and the head's (exclusivity).
	 */
	ASSERT_EQ(store(w, 0, A0, 10), 1);
	pte = huge_entry(w, 0, A0);
	new = pte.folio;
	ASSERT_TRUE(new != old && pte_write(pte) && PageAnonExclusive(new, 0));
	for (unsigned long c = 0; c < (1UL << HPAGE_PUD_ORDER) / PAGE_CHUNK_PAGES; c++)
		chunks += new->chunks[c] != NULL;
	ASSERT_TRUE(new->chunks[0] && new->chunks[100 >> PAGE_CHUNK_SHIFT]);
	ASSERT_EQ(chunks, 1 + (100 >> PAGE_CHUNK_SHIFT != 0));
	ASSERT_EQ(folio_page_content(new, 100), 9);
	ASSERT_EQ(folio_page_content(old, 0), 0);
	ASSERT_EQ(old->entire_mapcount, 1);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* The owner's COW with an empty pool takes the page away from the child. */
static bool test_hugetlb_owner_unmaps_child(void)
{
	struct world *w = new_world_pools("current", 1, 0);
	struct folio *f;

	ASSERT_EQ(mm_mmap(w, 0, A0, SZ_2M, HUGE_RW, ANON_HUGE, -1, 0), 0);
	ASSERT_EQ(store(w, 0, A0, 1), 1);
	f = huge_entry(w, 0, A0).folio;
	ASSERT_EQ(mm_fork(w, 0, 1), 0);
	ASSERT_EQ(store(w, 0, A0, 2), 1);
	ASSERT_TRUE(huge_entry(w, 0, A0).folio == f);	/* reused */
	ASSERT_TRUE(pte_none(huge_entry(w, 1, A0)));
	ASSERT_EQ(f->entire_mapcount, 1);
	ASSERT_EQ(mm_access(w, 1, A0, PG, false, NULL, NULL, NULL, NULL),
		  -MM_ESIGBUS);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* A child has no reservation: with nothing unreserved, its fault fails. */
static bool test_hugetlb_child_sigbus(void)
{
	struct world *w = new_world_pools("current", 1, 0);

	ASSERT_EQ(mm_mmap(w, 0, A0, SZ_2M, HUGE_RW, ANON_HUGE, -1, 0), 0);
	ASSERT_EQ(mm_fork(w, 0, 1), 0);
	ASSERT_EQ(store(w, 1, A0, 1), -MM_ESIGBUS);
	ASSERT_EQ(store(w, 0, A0, 1), 1);	/* the owner's reservation */
	world_destroy(w);
	return true;
}

/* Shared mappings reserve per file page, once. */
static bool test_hugetlb_shared_reservations(void)
{
	struct world *w = new_world_pools("current", 1, 0);
	struct hstate *h = &w->hstates[HSTATE_2M];

	ASSERT_EQ(mm_file_create(w, 0, MMFT_MEMFD_HUGETLB, 4 * PG), -EINVAL);
	ASSERT_EQ(mm_file_create(w, 0, MMFT_MEMFD_HUGETLB, 2 * SZ_2M), 0);
	ASSERT_EQ(mm_mmap(w, 0, A0, 2 * SZ_2M, HUGE_RW, MMF_SHARED, 0, 0), -ENOMEM);
	ASSERT_EQ(mm_mmap(w, 0, A0, SZ_2M, HUGE_RW, MMF_SHARED, 0, 0), 0);
	ASSERT_EQ(mm_mmap(w, 0, A1, SZ_2M, HUGE_RW, MMF_SHARED, 0, 0), 0);
	ASSERT_EQ(h->resv_huge_pages, 1);
	ASSERT_EQ(store(w, 0, A0, 3), 1);
	ASSERT_EQ(h->resv_huge_pages, 0);
	ASSERT_EQ(h->free_huge_pages, 0);
	{
		struct mm_data d = { .value = 1 };

		ASSERT_EQ(mm_file_write(w, 0, 0, PG, &d), -EINVAL);
	}
	ASSERT_TRUE(huge_entry(w, 0, A1).type == PTE_NONE);
	ASSERT_EQ(mm_access(w, 0, A1, PG, false, NULL, NULL, NULL, NULL), 1);
	ASSERT_TRUE(huge_entry(w, 0, A1).folio == huge_entry(w, 0, A0).folio);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* FOLL_FORCE|FOLL_WRITE on a R/O hugetlb mapping: refused since 6.2. */
static bool test_hugetlb_force_write(void)
{
	struct world *w = new_world_pools("current", 2, 0);
	struct mm_data d = { .value = 4 };
	int err;

	ASSERT_EQ(mm_mmap(w, 0, A0, SZ_2M, MMP_READ, ANON_HUGE, -1, 0), 0);
	ASSERT_EQ(mm_memaccess(w, 0, A0, PG, true, &d, NULL, NULL, &err), -EFAULT);
	world_destroy(w);
	/* Before: the forced write fault maps the leaf writable, VM_WRITE or not. */
	w = new_world_pools("5.19", 2, 0);
	ASSERT_EQ(mm_mmap(w, 0, A0, SZ_2M, MMP_READ, ANON_HUGE, -1, 0), 0);
	ASSERT_EQ(mm_memaccess(w, 0, A0, PG, true, &d, NULL, NULL, &err), 1);
	ASSERT_TRUE(pte_write(huge_entry(w, 0, A0)));
	ASSERT_EQ(store(w, 0, A0 + PG, 5), 1);
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
	/* /proc/self/mem reads break COW; MADV_POPULATE_READ does not. */
	a = entry(w, 0, A0 + 2 * PG).folio;
	ASSERT_EQ(mm_memaccess(w, 0, A0 + 2 * PG, PG, false, NULL, NULL, NULL,
			       NULL), 1);
	ASSERT_TRUE(entry(w, 0, A0 + 2 * PG).folio != a);
	a = entry(w, 0, A0 + 3 * PG).folio;
	ASSERT_EQ(mm_madvise(w, 0, A0 + 3 * PG, PG, MMA_POPULATE_READ), 0);
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
 * 5.8 on hugetlb: a R/O GUP after fork copies the huge page for the
 * caller; in a read-only mapping the forced write fault leaves the leaf
 * writable (hugetlb has no FOLL_COW test), so a store then succeeds.
 */
static bool test_hugetlb_forced_cow_break(void)
{
	struct world *w = new_world_pools("5.8", 3, 0);
	struct folio *a;

	ASSERT_EQ(mm_mmap(w, 0, A0, SZ_2M, HUGE_RW, ANON_HUGE, -1, 0), 0);
	ASSERT_EQ(store(w, 0, A0, 1), 1);
	a = huge_entry(w, 0, A0).folio;
	ASSERT_EQ(mm_fork(w, 0, 1), 0);
	ASSERT_EQ(mm_gup(w, 1, 0, A0, PG, MMG_FAST, MMH_VMSPLICE, NULL), 0);
	ASSERT_TRUE(huge_entry(w, 1, A0).folio != a);
	ASSERT_TRUE(w->handles[0].pages[0].folio == huge_entry(w, 1, A0).folio);
	ASSERT_TRUE(huge_entry(w, 0, A0).folio == a);
	ASSERT_TRUE(checks_clean(w));
	ASSERT_EQ(mm_exit(w, 1), 0);
	ASSERT_EQ(mm_mmap(w, 0, A1, SZ_2M, MMP_READ, ANON_HUGE, -1, 0), 0);
	ASSERT_EQ(mm_access(w, 0, A1, PG, false, NULL, NULL, NULL, NULL), 1);
	ASSERT_FALSE(pte_write(huge_entry(w, 0, A1)));
	ASSERT_EQ(mm_gup(w, 0, 1, A1, PG, MMG_PIN, MMH_GUP, NULL), 0);
	ASSERT_TRUE(pte_write(huge_entry(w, 0, A1)));
	ASSERT_EQ(store(w, 0, A1, 5), 1);
	world_destroy(w);
	return true;
}

/* What hugetlb VMAs refuse: unaligned splits, some advice, old eras. */
static bool test_hugetlb_errors(void)
{
	struct world *w = new_world_pools("current", 4, 0);

	ASSERT_EQ(mm_mmap(w, 0, A0, 2 * SZ_2M, HUGE_RW, ANON_HUGE, -1, 0), 0);
	ASSERT_EQ(mm_mmap(w, 0, A1, PG, HUGE_RW, ANON_HUGE, -1, 0), -EINVAL);
	ASSERT_EQ(mm_munmap(w, 0, A0 + PG, PG), -EINVAL);
	ASSERT_EQ(mm_mprotect(w, 0, A0, PG, MMP_READ), -EINVAL);
	ASSERT_EQ(mm_madvise(w, 0, A0, PG, MMA_DONTNEED), -EINVAL);
	ASSERT_EQ(mm_madvise(w, 0, A0, SZ_2M, MMA_FREE), -EINVAL);
	ASSERT_EQ(mm_madvise(w, 0, A0, SZ_2M, MMA_PAGEOUT), -EINVAL);
	ASSERT_EQ(mm_madvise(w, 0, A0, SZ_2M, MMA_WIPEONFORK), -EINVAL);
	ASSERT_EQ(mm_madvise(w, 0, A0, PG, MMA_DONTFORK), -EINVAL);
	ASSERT_EQ(mm_madvise(w, 0, A0, SZ_2M, MMA_DONTNEED), 0);
	ASSERT_EQ(mm_mremap(w, 0, A0, PG, A1), -EINVAL);
	ASSERT_EQ(mm_mremap(w, 0, A0, SZ_2M, A1), 0);
	ASSERT_EQ(mm_munmap(w, 0, A0 + SZ_2M, SZ_2M), 0);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	w = new_world_pools("5.9", 4, 0);
	ASSERT_EQ(mm_mmap(w, 0, A0, SZ_2M, HUGE_RW, ANON_HUGE, -1, 0), 0);
	ASSERT_EQ(mm_madvise(w, 0, A0, SZ_2M, MMA_DONTNEED), -EINVAL);
	ASSERT_EQ(mm_mremap(w, 0, A0, SZ_2M, A1), -EINVAL);
	world_destroy(w);
	return true;
}

static const struct test tests[] = {
	TEST(test_folio_lifetime),
	TEST(test_folio_sparse),
	TEST(test_pgtable_alloc_free),
	TEST(test_anon_read_then_write),
	TEST(test_fork_cow),
	TEST(test_fork_copies_pinned),
	TEST(test_ro_pin_unshares),
	TEST(test_gup_fast_falls_back),
	TEST(test_mprotect_upgrade),
	TEST(test_clear_refs_skips_pinned),
	TEST(test_private_file_cow),
	TEST(test_mremap_moves),
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
	TEST(test_check_catches_corruption),
	TEST(test_errors),
	TEST(test_hugetlb_reservations),
	TEST(test_hugetlb_fork_cow_sparse),
	TEST(test_hugetlb_owner_unmaps_child),
	TEST(test_hugetlb_child_sigbus),
	TEST(test_hugetlb_shared_reservations),
	TEST(test_hugetlb_force_write),
	TEST(test_forced_cow_break),
	TEST(test_hugetlb_forced_cow_break),
	TEST(test_hugetlb_errors),
	{ 0 },
};

int main(void)
{
	return run_tests(tests);
}
