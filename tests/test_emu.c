// SPDX-License-Identifier: MIT
/*
 * test_emu.c - unit tests of the emulator's machinery, looking inside the
 * world (folios, entries) after public operations, and proving that the
 * structural checker notices corrupted bookkeeping.
 */
#include "internal.h"
#include "test.h"

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

static bool checks_clean(struct world *w)
{
	struct mm_violation v;

	if (world_check(w, &v)) {
		fprintf(stderr, "unexpected %s/%s: %s\n", mm_vclass_name(v.cls),
			v.id, v.msg);
		return false;
	}
	return true;
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
	/* The parent's write copies the folio; only the touched chunk exists. */
	ASSERT_EQ(store(w, 0, A0, 10), 1);
	pte = huge_entry(w, 0, A0);
	new = pte.folio;
	ASSERT_TRUE(new != old && pte_write(pte) && PageAnonExclusive(new, 0));
	for (unsigned long c = 0; c < (1UL << HPAGE_PUD_ORDER) / PAGE_CHUNK_PAGES; c++)
		chunks += new->chunks[c] != NULL;
	ASSERT_EQ(chunks, 1);
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
	TEST(test_check_catches_corruption),
	TEST(test_errors),
	TEST(test_hugetlb_reservations),
	TEST(test_hugetlb_fork_cow_sparse),
	TEST(test_hugetlb_owner_unmaps_child),
	TEST(test_hugetlb_child_sigbus),
	TEST(test_hugetlb_shared_reservations),
	TEST(test_hugetlb_force_write),
	TEST(test_hugetlb_errors),
	{ 0 },
};

int main(void)
{
	return run_tests(tests);
}
