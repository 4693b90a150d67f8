// SPDX-License-Identifier: MIT
/*
 * test_hugetlb.c - unit tests of hugetlb: pool reservations, fork and COW
 * of whole huge pages, the owner taking pages back, shared mappings,
 * forced writes and what hugetlb VMAs refuse.
 */
#include "emu_helpers.h"
#include "test.h"

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

/*
 * A private mapping's read of a hole of a hugetlb file gets an anon page
 * of its own from its reservation and leaves the hole; its write reuses
 * that page.  A shared mapping's later fault fills the hole with a page of
 * the file's, which the private mapping does not see.
 */
static bool test_hugetlb_private_hole(void)
{
	struct world *w = new_world_pools("current", 2, 0);
	struct hstate *h = &w->hstates[HSTATE_2M];
	struct folio *anon;

	ASSERT_EQ(mm_file_create(w, 0, MMFT_MEMFD_HUGETLB, SZ_2M), 0);
	ASSERT_EQ(mm_mmap(w, 0, A0, SZ_2M, HUGE_RW, 0, 0, 0), 0);
	ASSERT_EQ(h->resv_huge_pages, 1);
	ASSERT_EQ(load(w, 0, A0), 0);
	anon = huge_entry(w, 0, A0).folio;
	ASSERT_TRUE(folio_test_anon(anon));
	ASSERT_EQ(xa_load(&w->files[0]->i_pages, 0), 0);
	ASSERT_EQ(h->resv_huge_pages, 0);
	ASSERT_EQ(h->free_huge_pages, 1);
	ASSERT_EQ(store(w, 0, A0, 4), 1);
	ASSERT_TRUE(huge_entry(w, 0, A0).folio == anon);
	ASSERT_EQ(mm_mmap(w, 0, A1, SZ_2M, HUGE_RW, MMF_SHARED, 0, 0), 0);
	ASSERT_EQ(store(w, 0, A1, 5), 1);
	ASSERT_EQ(h->free_huge_pages, 0);
	ASSERT_EQ(load(w, 0, A0), 4);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/*
 * FOLL_FORCE|FOLL_WRITE on a R/O private hugetlb mapping: since 6.14 a COW
 * into a page of the process's own behind a read-only leaf (a store still
 * faults); 6.2 to 6.13 refused it (the /proc/self/mem write that moved
 * nothing fails with EIO); before 6.2 the forced write fault mapped the
 * leaf writable, VM_WRITE or not.
 */
static bool test_hugetlb_force_write(void)
{
	struct world *w = new_world_pools("current", 2, 0);
	struct mm_data d = { .value = 4 };
	struct folio *copy;
	int err;

	ASSERT_EQ(mm_mmap(w, 0, A0, SZ_2M, MMP_READ, ANON_HUGE, -1, 0), 0);
	ASSERT_EQ(mm_memaccess(w, 0, A0, PG, true, &d, NULL, NULL, &err), 1);
	ASSERT_EQ(load(w, 0, A0), 4);
	ASSERT_TRUE(!pte_write(huge_entry(w, 0, A0)));
	copy = huge_entry(w, 0, A0).folio;
	ASSERT_TRUE(folio_test_anon(copy) && PageAnonExclusive(copy, 0));
	/* A second forced write uses the exclusive page as it is. */
	d.value = 6;
	ASSERT_EQ(mm_memaccess(w, 0, A0 + PG, PG, true, &d, NULL, NULL, &err), 1);
	ASSERT_TRUE(huge_entry(w, 0, A0).folio == copy);
	ASSERT_EQ(load(w, 0, A0 + PG), 6);
	ASSERT_EQ(store(w, 0, A0, 5), -MM_ESIGSEGV);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	w = new_world_pools("6.2", 2, 0);
	ASSERT_EQ(mm_mmap(w, 0, A0, SZ_2M, MMP_READ, ANON_HUGE, -1, 0), 0);
	ASSERT_EQ(mm_memaccess(w, 0, A0, PG, true, &d, NULL, NULL, &err), -EIO);
	ASSERT_EQ(err, -EIO);
	ASSERT_EQ(load(w, 0, A0), 0);
	world_destroy(w);
	w = new_world_pools("5.19", 2, 0);
	ASSERT_EQ(mm_mmap(w, 0, A0, SZ_2M, MMP_READ, ANON_HUGE, -1, 0), 0);
	ASSERT_EQ(mm_memaccess(w, 0, A0, PG, true, &d, NULL, NULL, &err), 1);
	ASSERT_TRUE(pte_write(huge_entry(w, 0, A0)));
	ASSERT_EQ(store(w, 0, A0 + PG, 5), 1);
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
	ASSERT_EQ(mm_madvise(w, 0, A0 + PG, PG, MMA_DONTNEED), -EINVAL);
	ASSERT_EQ(mm_madvise(w, 0, A0, SZ_2M, MMA_FREE), -EINVAL);
	ASSERT_EQ(mm_madvise(w, 0, A0, SZ_2M, MMA_PAGEOUT), -EINVAL);
	ASSERT_EQ(mm_madvise(w, 0, A0, SZ_2M, MMA_WIPEONFORK), -EINVAL);
	ASSERT_EQ(mm_madvise(w, 0, A0, PG, MMA_DONTFORK), -EINVAL);
	ASSERT_EQ(mm_madvise(w, 0, A0, SZ_2M, MMA_DONTNEED), 0);
	ASSERT_EQ(mm_mremap(w, 0, A0 + PG, PG, A1), -EINVAL);
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

/*
 * A length that ends inside a huge page: MADV_DONTNEED keeps that page
 * since 6.1 (5.18 to 6.0 discarded it), mremap moves all of it (5.16+).
 */
static bool test_hugetlb_partial_length(void)
{
	struct world *w = new_world_pools("current", 4, 0);

	ASSERT_EQ(mm_mmap(w, 0, A0, 2 * SZ_2M, HUGE_RW, ANON_HUGE, -1, 0), 0);
	ASSERT_EQ(store(w, 0, A0, 5), 1);
	ASSERT_EQ(store(w, 0, A0 + SZ_2M, 6), 1);
	ASSERT_EQ(mm_madvise(w, 0, A0, PG, MMA_DONTNEED), 0);
	ASSERT_TRUE(pte_present(huge_entry(w, 0, A0)));
	ASSERT_EQ(mm_madvise(w, 0, A0, SZ_2M + PG, MMA_DONTNEED), 0);
	ASSERT_TRUE(pte_none(huge_entry(w, 0, A0)));
	ASSERT_TRUE(pte_present(huge_entry(w, 0, A0 + SZ_2M)));
	ASSERT_EQ(mm_mremap(w, 0, A0 + SZ_2M, PG, A1), 0);
	ASSERT_TRUE(pte_present(huge_entry(w, 0, A1)));
	ASSERT_TRUE(pte_none(huge_entry(w, 0, A0 + SZ_2M)));
	ASSERT_EQ(mm_munmap(w, 0, A1, SZ_2M), 0);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	w = new_world_pools("5.19", 4, 0);
	ASSERT_EQ(mm_mmap(w, 0, A0, SZ_2M, HUGE_RW, ANON_HUGE, -1, 0), 0);
	ASSERT_EQ(store(w, 0, A0, 5), 1);
	ASSERT_EQ(mm_madvise(w, 0, A0, PG, MMA_DONTNEED), 0);
	ASSERT_TRUE(pte_none(huge_entry(w, 0, A0)));
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

static const struct test tests[] = {
	TEST(test_hugetlb_reservations),
	TEST(test_hugetlb_fork_cow_sparse),
	TEST(test_hugetlb_owner_unmaps_child),
	TEST(test_hugetlb_child_sigbus),
	TEST(test_hugetlb_shared_reservations),
	TEST(test_hugetlb_private_hole),
	TEST(test_hugetlb_force_write),
	TEST(test_hugetlb_forced_cow_break),
	TEST(test_hugetlb_partial_length),
	TEST(test_hugetlb_errors),
	{ 0 },
};

int main(void)
{
	return run_tests(tests);
}
