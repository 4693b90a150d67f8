// SPDX-License-Identifier: MIT
/*
 * test_madv_remove.c - MADV_REMOVE: which mappings may punch their file,
 * and what the punch does to every mapping of it, to GUP holders, to
 * private COW copies, to disk files and to hugetlbfs pages and pools.
 */
#include "emu_helpers.h"
#include "test.h"

#define RW	(MMP_READ | MMP_WRITE)

static struct folio *cache_folio(struct world *w, int fid, uint64_t index)
{
	uint64_t v = xa_load(&w->files[fid]->i_pages, index);

	return (struct folio *)(uintptr_t)v;
}

static int write_file(struct world *w, int fid, uint64_t off, uint64_t len,
		      uint64_t value)
{
	struct mm_data d = { .value = value, .unique = true };

	return mm_file_write(w, fid, off, len, &d);
}

/* Private, anonymous, read-only-file and locked mappings refuse. */
static bool test_remove_refused(void)
{
	struct world *w = new_world();

	ASSERT_EQ(mm_file_create(w, 0, MMFT_MEMFD, 4 * PG), 0);
	ASSERT_EQ(write_file(w, 0, 0, 4 * PG, 10), 0);
	ASSERT_EQ(mm_mmap(w, 0, A0, PG, RW, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(store(w, 0, A0, 1), 1);
	ASSERT_EQ(mm_madvise(w, 0, A0, PG, MMA_REMOVE), -EINVAL);
	ASSERT_EQ(load(w, 0, A0), 1);
	ASSERT_EQ(mm_mmap(w, 0, A0 + PG, PG, RW, 0, 0, 0), 0);
	ASSERT_EQ(mm_madvise(w, 0, A0 + PG, PG, MMA_REMOVE), -EACCES);
	ASSERT_EQ(mm_mmap(w, 0, A0 + 2 * PG, PG, MMP_READ,
			  MMF_SHARED | MMF_RO_FILE, 0, PG), 0);
	ASSERT_EQ(mm_madvise(w, 0, A0 + 2 * PG, PG, MMA_REMOVE), -EACCES);
	ASSERT_EQ(mm_mmap(w, 0, A0 + 3 * PG, PG, RW, MMF_SHARED, 0, 2 * PG), 0);
	ASSERT_EQ(mm_mlock(w, 0, A0 + 3 * PG, PG), 0);
	ASSERT_EQ(mm_madvise(w, 0, A0 + 3 * PG, PG, MMA_REMOVE), -EINVAL);
	ASSERT_EQ(load(w, 0, A0 + 3 * PG), 12);
	ASSERT_TRUE(cache_folio(w, 0, 0) && cache_folio(w, 0, 1) &&
		    cache_folio(w, 0, 2));
	/* A driver mapping's device has no fallocate. */
	ASSERT_EQ(mm_mmap_driver(w, 0, A1, PG, RW, MMF_SHARED), 0);
	ASSERT_EQ(mm_madvise(w, 0, A1, PG, MMA_REMOVE), -ENODEV);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/*
 * A shared mapping without PROT_WRITE may punch (VM_MAYWRITE); a hole
 * in the range gives -ENOMEM after the mapped part was punched.
 */
static bool test_remove_read_only_shared_and_hole(void)
{
	struct world *w = new_world();

	ASSERT_EQ(mm_file_create(w, 0, MMFT_SHMEM, 2 * PG), 0);
	ASSERT_EQ(write_file(w, 0, 0, 2 * PG, 10), 0);
	ASSERT_EQ(mm_mmap(w, 0, A0, 2 * PG, MMP_READ, MMF_SHARED, 0, 0), 0);
	ASSERT_EQ(load(w, 0, A0 + PG), 11);
	ASSERT_EQ(mm_madvise(w, 0, A0 + PG, 2 * PG, MMA_REMOVE), -ENOMEM);
	ASSERT_TRUE(cache_folio(w, 0, 1) == NULL);
	ASSERT_TRUE(pte_none(entry(w, 0, A0 + PG)));
	ASSERT_EQ(load(w, 0, A0), 10);
	ASSERT_EQ(load(w, 0, A0 + PG), 0);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/*
 * The punch zaps the file's pages from every process's mappings, shared
 * and private alike; later reads see zeros, from a fresh page-cache page.
 */
static bool test_remove_zaps_every_process(void)
{
	struct world *w = new_world();
	struct folio *old;

	ASSERT_EQ(mm_file_create(w, 0, MMFT_MEMFD, 2 * PG), 0);
	ASSERT_EQ(write_file(w, 0, 0, 2 * PG, 10), 0);
	ASSERT_EQ(mm_fork(w, 0, 1), 0);
	ASSERT_EQ(mm_mmap(w, 0, A0, 2 * PG, RW, MMF_SHARED, 0, 0), 0);
	ASSERT_EQ(mm_mmap(w, 1, A1, 2 * PG, RW, MMF_SHARED, 0, 0), 0);
	ASSERT_EQ(mm_mmap(w, 1, A0, 2 * PG, MMP_READ, 0, 0, 0), 0);
	ASSERT_EQ(load(w, 1, A1), 10);
	ASSERT_EQ(load(w, 1, A0), 10);
	ASSERT_EQ(load(w, 1, A1 + PG), 11);
	old = cache_folio(w, 0, 0);
	ASSERT_TRUE(entry(w, 1, A1).folio == old);
	ASSERT_EQ(mm_madvise(w, 0, A0, PG, MMA_REMOVE), 0);
	ASSERT_TRUE(cache_folio(w, 0, 0) == NULL);
	ASSERT_TRUE(pte_none(entry(w, 1, A1)));
	ASSERT_TRUE(pte_none(entry(w, 1, A0)));
	ASSERT_TRUE(pte_present(entry(w, 1, A1 + PG)));	/* not punched */
	ASSERT_TRUE(checks_clean(w));
	ASSERT_EQ(load(w, 1, A1), 0);
	ASSERT_EQ(load(w, 1, A0), 0);
	ASSERT_EQ(load(w, 0, A0), 0);
	ASSERT_TRUE(entry(w, 0, A0).folio == cache_folio(w, 0, 0));
	ASSERT_EQ(load(w, 0, A0 + PG), 11);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* A private mapping's COW copy of a punched page stays; its other pages go. */
static bool test_remove_keeps_private_copies(void)
{
	struct world *w = new_world();
	struct folio *copy;

	ASSERT_EQ(mm_file_create(w, 0, MMFT_MEMFD, 2 * PG), 0);
	ASSERT_EQ(write_file(w, 0, 0, 2 * PG, 10), 0);
	ASSERT_EQ(mm_mmap(w, 0, A0, 2 * PG, RW, MMF_SHARED, 0, 0), 0);
	ASSERT_EQ(mm_fork(w, 0, 1), 0);
	ASSERT_EQ(mm_mmap(w, 1, A1, 2 * PG, RW, 0, 0, 0), 0);
	ASSERT_EQ(store(w, 1, A1, 99), 1);
	ASSERT_EQ(load(w, 1, A1 + PG), 11);
	copy = entry(w, 1, A1).folio;
	ASSERT_TRUE(folio_test_anon(copy));
	ASSERT_EQ(mm_madvise(w, 0, A0, 2 * PG, MMA_REMOVE), 0);
	ASSERT_TRUE(entry(w, 1, A1).folio == copy);
	ASSERT_EQ(load(w, 1, A1), 99);
	ASSERT_TRUE(pte_none(entry(w, 1, A1 + PG)));
	ASSERT_EQ(load(w, 1, A1 + PG), 0);
	ASSERT_EQ(load(w, 0, A0), 0);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/*
 * A pinned page outlives the punch: the pin keeps the old content, which
 * is no longer the file's; a new read through the mapping sees zeros.
 */
static bool test_remove_pinned_page(void)
{
	struct world *w = new_world();
	struct folio *old;

	ASSERT_EQ(mm_file_create(w, 0, MMFT_MEMFD, PG), 0);
	ASSERT_EQ(mm_mmap(w, 0, A0, PG, RW, MMF_SHARED, 0, 0), 0);
	ASSERT_EQ(mm_fork(w, 0, 1), 0);
	ASSERT_EQ(store(w, 0, A0, 7), 1);
	ASSERT_EQ(mm_gup(w, 1, 0, A0, PG, MMG_PIN | MMG_WRITE | MMG_LONGTERM,
			 MMH_IOURING, NULL), 0);
	old = cache_folio(w, 0, 0);
	ASSERT_TRUE(w->handles[0].pages[0].folio == old);
	ASSERT_EQ(mm_madvise(w, 0, A0, PG, MMA_REMOVE), 0);
	ASSERT_TRUE(old->mapping == NULL);
	ASSERT_EQ(folio_mapcount(old), 0);
	ASSERT_EQ(handle_value(w, 0), 7);
	ASSERT_TRUE(checks_clean(w));
	ASSERT_EQ(load(w, 0, A0), 0);
	ASSERT_EQ(load(w, 1, A0), 0);
	ASSERT_TRUE(entry(w, 1, A0).folio != old);
	/* The device writes the old page: nobody's mapping sees it. */
	{
		struct mm_data d = { .value = 8 };

		ASSERT_EQ(mm_handle_write(w, 0, &d), 0);
	}
	ASSERT_EQ(load(w, 1, A0), 0);
	ASSERT_EQ(handle_value(w, 0), 8);
	ASSERT_TRUE(checks_clean(w));
	ASSERT_EQ(mm_handle_put(w, 0), 0);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* A disk file loses the written-back content of the hole too. */
static bool test_remove_tmpfile(void)
{
	struct world *w = new_world();

	ASSERT_EQ(mm_file_create(w, 0, MMFT_TMPFILE, 2 * PG), 0);
	ASSERT_EQ(write_file(w, 0, 0, 2 * PG, 10), 0);
	ASSERT_EQ(mm_drop_caches(w), 0);
	ASSERT_TRUE(cache_folio(w, 0, 0) == NULL);
	ASSERT_EQ(mm_mmap(w, 0, A0, 2 * PG, RW, MMF_SHARED, 0, 0), 0);
	ASSERT_EQ(load(w, 0, A0 + PG), 11);
	ASSERT_EQ(mm_madvise(w, 0, A0, 2 * PG, MMA_REMOVE), 0);
	ASSERT_EQ(xa_load(&w->files[0]->disk, 0), 0);
	ASSERT_EQ(load(w, 0, A0), 0);
	ASSERT_EQ(load(w, 0, A0 + PG), 0);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* MAP_SHARED|MAP_ANONYMOUS is shmem: it may punch itself. */
static bool test_remove_shared_anon(void)
{
	struct world *w = new_world();

	ASSERT_EQ(mm_mmap(w, 0, A0, 2 * PG, RW, MMF_SHARED | MMF_ANON, -1, 0),
		  0);
	ASSERT_EQ(store(w, 0, A0, 3), 1);
	ASSERT_EQ(store(w, 0, A0 + PG, 4), 1);
	ASSERT_EQ(mm_fork(w, 0, 1), 0);
	ASSERT_EQ(load(w, 1, A0), 3);
	ASSERT_EQ(mm_madvise(w, 1, A0, PG, MMA_REMOVE), 0);
	ASSERT_TRUE(pte_none(entry(w, 0, A0)));
	ASSERT_EQ(load(w, 0, A0), 0);
	ASSERT_EQ(load(w, 0, A0 + PG), 4);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/*
 * hugetlbfs: a whole huge page in the hole leaves the file and every
 * mapping, private copies included, and goes back to the pool; a partial
 * one is zeroed in place where the hole covers it.
 */
static bool test_remove_hugetlb(void)
{
	struct world *w = new_world_pools("current", 4, 0);
	struct hstate *h = &w->hstates[HSTATE_2M];
	struct folio *second;

	ASSERT_EQ(mm_file_create(w, 0, MMFT_MEMFD_HUGETLB, 2 * SZ_2M), 0);
	ASSERT_EQ(mm_mmap(w, 0, A0, 2 * SZ_2M, HUGE_RW, MMF_SHARED, 0, 0), 0);
	ASSERT_EQ(store(w, 0, A0, 1), 1);
	ASSERT_EQ(store(w, 0, A0 + SZ_2M, 2), 1);
	ASSERT_EQ(store(w, 0, A0 + SZ_2M + PG, 3), 1);
	ASSERT_EQ(mm_fork(w, 0, 1), 0);
	ASSERT_EQ(mm_mmap(w, 1, A1, SZ_2M, HUGE_RW, 0, 0, 0), 0);
	ASSERT_EQ(store(w, 1, A1 + PG, 9), 1);	/* a private copy */
	ASSERT_EQ(h->free_huge_pages, 1);
	ASSERT_EQ(h->resv_huge_pages, 0);
	ASSERT_TRUE(checks_clean(w));
	/* 4 KiB into the second huge page: zeroed in place, still mapped. */
	second = huge_entry(w, 0, A0 + SZ_2M).folio;
	ASSERT_EQ(mm_madvise(w, 1, A0 + SZ_2M + PG, PG, MMA_REMOVE), 0);
	ASSERT_TRUE(huge_entry(w, 0, A0 + SZ_2M).folio == second);
	ASSERT_EQ(load(w, 0, A0 + SZ_2M), 2);
	ASSERT_EQ(load(w, 0, A0 + SZ_2M + PG), 0);
	/* The whole first huge page: gone from both processes. */
	ASSERT_EQ(mm_madvise(w, 0, A0, SZ_2M, MMA_REMOVE), 0);
	ASSERT_TRUE(pte_none(huge_entry(w, 0, A0)));
	ASSERT_TRUE(pte_none(huge_entry(w, 1, A0)));
	ASSERT_TRUE(pte_none(huge_entry(w, 1, A1)));
	ASSERT_TRUE(cache_folio(w, 0, 0) == NULL);
	ASSERT_EQ(h->free_huge_pages, 3);
	ASSERT_EQ(h->resv_huge_pages, 0);
	ASSERT_TRUE(checks_clean(w));
	ASSERT_EQ(load(w, 1, A0), 0);
	ASSERT_EQ(load(w, 1, A1 + PG), 0);
	/* One fresh page for the file, which the private mapping reads. */
	ASSERT_TRUE(huge_entry(w, 1, A1).folio == cache_folio(w, 0, 0));
	ASSERT_EQ(h->free_huge_pages, 2);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* A pin on a punched huge page keeps it out of the pool until unpinned. */
static bool test_remove_hugetlb_pinned(void)
{
	struct world *w = new_world_pools("current", 2, 0);
	struct hstate *h = &w->hstates[HSTATE_2M];

	ASSERT_EQ(mm_file_create(w, 0, MMFT_MEMFD_HUGETLB, SZ_2M), 0);
	ASSERT_EQ(mm_mmap(w, 0, A0, SZ_2M, HUGE_RW, MMF_SHARED, 0, 0), 0);
	ASSERT_EQ(store(w, 0, A0, 5), 1);
	ASSERT_EQ(mm_gup(w, 0, 0, A0, PG, MMG_PIN, MMH_GUP, NULL), 0);
	ASSERT_EQ(mm_madvise(w, 0, A0, SZ_2M, MMA_REMOVE), 0);
	ASSERT_EQ(h->free_huge_pages, 1);
	ASSERT_EQ(handle_value(w, 0), 5);
	ASSERT_EQ(load(w, 0, A0), 0);
	ASSERT_EQ(h->free_huge_pages, 0);
	ASSERT_TRUE(checks_clean(w));
	ASSERT_EQ(mm_handle_put(w, 0), 0);
	ASSERT_EQ(h->free_huge_pages, 1);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

static const struct test tests[] = {
	TEST(test_remove_refused),
	TEST(test_remove_read_only_shared_and_hole),
	TEST(test_remove_zaps_every_process),
	TEST(test_remove_keeps_private_copies),
	TEST(test_remove_pinned_page),
	TEST(test_remove_tmpfile),
	TEST(test_remove_shared_anon),
	TEST(test_remove_hugetlb),
	TEST(test_remove_hugetlb_pinned),
	{ 0 },
};

int main(void)
{
	return run_tests(tests);
}
