// SPDX-License-Identifier: MIT
/*
 * test_mlock.c - mlock() and munlock(): VM_LOCKED on the VMAs, population,
 * and what the flag changes for reclaim, MADV_PAGEOUT, MADV_DONTNEED,
 * MADV_FREE, fork, mremap and mprotect.
 */
#include "emu_helpers.h"
#include "test.h"

#define RW	(MMP_READ | MMP_WRITE)

static bool vma_locked(struct world *w, int pid, uint64_t addr)
{
	struct vm_area_struct *vma = vma_lookup(w->mm[pid], addr);

	return vma && (vma->vm_flags & VM_LOCKED);
}

static long nr_vmas(struct world *w, int pid)
{
	long n = 0;

	for (struct vm_area_struct *v = w->mm[pid]->mmap; v; v = v->vm_next)
		n++;
	return n;
}

/* A private writable mapping is populated with write faults: own pages. */
static bool test_mlock_populates_private_writable(void)
{
	struct world *w = new_world();

	ASSERT_EQ(mm_mmap(w, 0, A0, 4 * PG, RW, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(mm_mlock(w, 0, A0, 4 * PG), 0);
	ASSERT_TRUE(vma_locked(w, 0, A0));
	for (uint64_t i = 0; i < 4; i++) {
		pte_t pte = entry(w, 0, A0 + i * PG);

		ASSERT_TRUE(pte_present(pte));
		ASSERT_TRUE(folio_test_anon(pte.folio));
		ASSERT_TRUE(pte_write(pte));
		ASSERT_TRUE(PageAnonExclusive(pte.folio, pte.idx));
	}
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/*
 * Read-only and shared mappings get read faults: the zeropage, the page
 * cache; a COW-shared page of a private writable mapping is copied.
 */
static bool test_mlock_read_faults_and_cow(void)
{
	struct world *w = new_world();
	struct mm_data d = { .value = 5 };
	struct folio *shared;

	ASSERT_EQ(mm_file_create(w, 0, MMFT_MEMFD, 2 * PG), 0);
	ASSERT_EQ(mm_file_write(w, 0, 0, 2 * PG, &d), 0);
	ASSERT_EQ(mm_mmap(w, 0, A0, PG, MMP_READ, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(mm_mmap(w, 0, A0 + PG, 2 * PG, RW, MMF_SHARED, 0, 0), 0);
	ASSERT_EQ(mm_mmap(w, 0, A1, PG, RW, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(store(w, 0, A1, 9), 1);
	shared = entry(w, 0, A1).folio;
	ASSERT_EQ(mm_fork(w, 0, 1), 0);
	ASSERT_EQ(mm_mlock(w, 1, A0, 3 * PG), 0);
	ASSERT_EQ(mm_mlock(w, 1, A1, PG), 0);
	ASSERT_TRUE(entry(w, 1, A0).folio == w->zero_folio);
	ASSERT_EQ(entry(w, 1, A0 + PG).folio->kind, FOLIO_FILE);
	ASSERT_EQ((uint64_t)(uintptr_t)entry(w, 1, A0 + 2 * PG).folio,
		  xa_load(&w->files[0]->i_pages, 1));
	ASSERT_TRUE(entry(w, 1, A1).folio != shared);
	ASSERT_TRUE(pte_write(entry(w, 1, A1)));
	ASSERT_EQ(folio_page_content(entry(w, 1, A1).folio, 0), 9);
	ASSERT_TRUE(entry(w, 0, A1).folio == shared);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* The flag splits VMAs at the range's edges; munlock merges them back. */
static bool test_mlock_splits_and_merges(void)
{
	struct world *w = new_world();

	ASSERT_EQ(mm_mmap(w, 0, A0, 3 * PG, RW, MMF_ANON, -1, 0), 0);
	/* Unaligned: the start is rounded down, the end up. */
	ASSERT_EQ(mm_mlock(w, 0, A0 + PG + 100, 10), 0);
	ASSERT_EQ(nr_vmas(w, 0), 3);
	ASSERT_FALSE(vma_locked(w, 0, A0));
	ASSERT_TRUE(vma_locked(w, 0, A0 + PG));
	ASSERT_FALSE(vma_locked(w, 0, A0 + 2 * PG));
	ASSERT_TRUE(pte_present(entry(w, 0, A0 + PG)));
	ASSERT_TRUE(pte_none(entry(w, 0, A0)));
	ASSERT_EQ(mm_mlock(w, 0, A0, 0), 0);
	ASSERT_EQ(mm_munlock(w, 0, A0 + PG, PG), 0);
	ASSERT_EQ(nr_vmas(w, 0), 1);
	ASSERT_FALSE(vma_locked(w, 0, A0 + PG));
	ASSERT_TRUE(pte_present(entry(w, 0, A0 + PG)));
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/*
 * A hole: -ENOMEM.  The VMAs before it are locked but nothing is
 * populated; a range starting in the hole changes nothing.
 */
static bool test_mlock_hole(void)
{
	struct world *w = new_world();

	ASSERT_EQ(mm_mmap(w, 0, A0, PG, RW, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(mm_mmap(w, 0, A0 + 2 * PG, PG, RW, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(mm_mlock(w, 0, A0 + PG, 2 * PG), -ENOMEM);
	ASSERT_FALSE(vma_locked(w, 0, A0 + 2 * PG));
	ASSERT_EQ(mm_mlock(w, 0, A0, 3 * PG), -ENOMEM);
	ASSERT_TRUE(vma_locked(w, 0, A0));
	ASSERT_FALSE(vma_locked(w, 0, A0 + 2 * PG));
	ASSERT_TRUE(pte_none(entry(w, 0, A0)));
	ASSERT_EQ(mm_munlock(w, 0, A0, 3 * PG), -ENOMEM);
	ASSERT_FALSE(vma_locked(w, 0, A0));
	ASSERT_EQ(mm_mlock(w, 7, A0, PG), -ESRCH);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* PROT_NONE is locked but never populated: mlock(2) says -ENOMEM. */
static bool test_mlock_prot_none(void)
{
	struct world *w = new_world();

	ASSERT_EQ(mm_mmap(w, 0, A0, PG, MMP_NONE, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(mm_mmap(w, 0, A0 + PG, PG, RW, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(mm_mlock(w, 0, A0, 2 * PG), -ENOMEM);
	ASSERT_TRUE(vma_locked(w, 0, A0));
	ASSERT_TRUE(vma_locked(w, 0, A0 + PG));
	ASSERT_TRUE(pte_none(entry(w, 0, A0)));
	/* Population stops at the first failure. */
	ASSERT_TRUE(pte_none(entry(w, 0, A0 + PG)));
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* Reclaim leaves locked pages in place; after munlock it swaps them. */
static bool test_reclaim_skips_locked(void)
{
	struct world *w = new_world();

	ASSERT_EQ(mm_mmap(w, 0, A0, 2 * PG, RW, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(mm_mmap(w, 0, A1, PG, RW, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(store(w, 0, A0, 1), 1);
	ASSERT_EQ(store(w, 0, A0 + PG, 2), 1);
	ASSERT_EQ(store(w, 0, A1, 3), 1);
	ASSERT_EQ(mm_mlock(w, 0, A0, 2 * PG), 0);
	ASSERT_EQ(mm_daemon(w, MMD_RECLAIM), 0);
	ASSERT_TRUE(pte_present(entry(w, 0, A0)));
	ASSERT_TRUE(pte_present(entry(w, 0, A0 + PG)));
	ASSERT_EQ(entry(w, 0, A1).type, PTE_SWAP);	/* reclaim did run */
	ASSERT_TRUE(checks_clean(w));
	ASSERT_EQ(mm_munlock(w, 0, A0, PG), 0);
	ASSERT_EQ(mm_daemon(w, MMD_RECLAIM), 0);
	ASSERT_EQ(entry(w, 0, A0).type, PTE_SWAP);
	ASSERT_TRUE(pte_present(entry(w, 0, A0 + PG)));
	ASSERT_EQ(load(w, 0, A0), 1);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* A large folio in a locked VMA is neither split nor swapped. */
static bool test_reclaim_skips_locked_thp(void)
{
	struct world *w = new_world();

	ASSERT_EQ(mm_mmap(w, 0, A0, SZ_2M, RW, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(mm_madvise(w, 0, A0, SZ_2M, MMA_HUGEPAGE), 0);
	ASSERT_EQ(mm_mlock(w, 0, A0, SZ_2M), 0);
	ASSERT_TRUE(pte_present(huge_entry(w, 0, A0)));
	ASSERT_EQ(mm_daemon(w, MMD_RECLAIM), 0);
	ASSERT_TRUE(pte_present(huge_entry(w, 0, A0)));
	ASSERT_TRUE(checks_clean(w));
	ASSERT_EQ(mm_munlock(w, 0, A0, SZ_2M), 0);
	ASSERT_EQ(mm_daemon(w, MMD_RECLAIM), 0);
	ASSERT_EQ(entry(w, 0, A0).type, PTE_SWAP);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/*
 * MADV_PAGEOUT, MADV_DONTNEED and MADV_FREE refuse a locked VMA with
 * -EINVAL; the VMAs before it got the advice.
 */
static bool test_madvise_locked_einval(void)
{
	struct world *w = new_world();

	ASSERT_EQ(mm_mmap(w, 0, A0, 2 * PG, RW, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(store(w, 0, A0, 1), 1);
	ASSERT_EQ(store(w, 0, A0 + PG, 2), 1);
	ASSERT_EQ(mm_mlock(w, 0, A0 + PG, PG), 0);
	ASSERT_EQ(mm_madvise(w, 0, A0 + PG, PG, MMA_DONTNEED), -EINVAL);
	ASSERT_EQ(mm_madvise(w, 0, A0 + PG, PG, MMA_FREE), -EINVAL);
	ASSERT_EQ(mm_madvise(w, 0, A0 + PG, PG, MMA_PAGEOUT), -EINVAL);
	ASSERT_EQ(load(w, 0, A0 + PG), 2);
	ASSERT_TRUE(pte_present(entry(w, 0, A0 + PG)));
	ASSERT_EQ(mm_madvise(w, 0, A0, 2 * PG, MMA_PAGEOUT), -EINVAL);
	ASSERT_EQ(entry(w, 0, A0).type, PTE_SWAP);
	ASSERT_TRUE(pte_present(entry(w, 0, A0 + PG)));
	ASSERT_EQ(mm_madvise(w, 0, A0, 2 * PG, MMA_DONTNEED), -EINVAL);
	ASSERT_TRUE(pte_none(entry(w, 0, A0)));
	ASSERT_EQ(load(w, 0, A0 + PG), 2);
	ASSERT_TRUE(checks_clean(w));
	ASSERT_EQ(mm_munlock(w, 0, A0 + PG, PG), 0);
	ASSERT_EQ(mm_madvise(w, 0, A0 + PG, PG, MMA_DONTNEED), 0);
	ASSERT_EQ(load(w, 0, A0 + PG), 0);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/*
 * The child of fork does not inherit the lock; a page both map stays in
 * memory while the parent's mapping of it is locked.
 */
static bool test_fork_does_not_inherit(void)
{
	struct world *w = new_world();

	ASSERT_EQ(mm_mmap(w, 0, A0, PG, RW, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(mm_mmap(w, 0, A1, PG, RW, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(mm_mlock(w, 0, A0, PG), 0);
	ASSERT_EQ(store(w, 0, A0, 4), 1);
	ASSERT_EQ(store(w, 0, A1, 5), 1);
	ASSERT_EQ(mm_fork(w, 0, 1), 0);
	ASSERT_TRUE(vma_locked(w, 0, A0));
	ASSERT_FALSE(vma_locked(w, 1, A0));
	ASSERT_TRUE(entry(w, 1, A0).folio == entry(w, 0, A0).folio);
	ASSERT_EQ(mm_daemon(w, MMD_RECLAIM), 0);
	ASSERT_TRUE(pte_present(entry(w, 0, A0)));
	ASSERT_TRUE(pte_present(entry(w, 1, A0)));
	ASSERT_EQ(entry(w, 1, A1).type, PTE_SWAP);
	ASSERT_TRUE(checks_clean(w));
	ASSERT_EQ(mm_exit(w, 0), 0);
	ASSERT_EQ(mm_daemon(w, MMD_RECLAIM), 0);
	ASSERT_EQ(entry(w, 1, A0).type, PTE_SWAP);
	ASSERT_EQ(load(w, 1, A0), 4);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* mremap keeps the lock; the moved pages stay unreclaimable. */
static bool test_mremap_keeps_lock(void)
{
	struct world *w = new_world();

	ASSERT_EQ(mm_mmap(w, 0, A0, PG, RW, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(mm_mlock(w, 0, A0, PG), 0);
	ASSERT_EQ(store(w, 0, A0, 6), 1);
	ASSERT_EQ(mm_mremap(w, 0, A0, PG, A1), 0);
	ASSERT_TRUE(vma_locked(w, 0, A1));
	ASSERT_EQ(mm_daemon(w, MMD_RECLAIM), 0);
	ASSERT_TRUE(pte_present(entry(w, 0, A1)));
	ASSERT_EQ(load(w, 0, A1), 6);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* A locked private VMA made writable breaks COW at once. */
static bool test_mprotect_locked_populates(void)
{
	struct world *w = new_world();
	pte_t pte;

	ASSERT_EQ(mm_mmap(w, 0, A0, PG, MMP_READ, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(mm_mlock(w, 0, A0, PG), 0);
	ASSERT_TRUE(entry(w, 0, A0).folio == w->zero_folio);
	ASSERT_EQ(mm_mprotect(w, 0, A0, PG, RW), 0);
	pte = entry(w, 0, A0);
	ASSERT_TRUE(pte_present(pte) && folio_test_anon(pte.folio));
	ASSERT_TRUE(pte_write(pte));
	ASSERT_TRUE(vma_locked(w, 0, A0));
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* Swap-in into a locked VMA frees the swap cache, even on a read fault. */
static bool test_swapin_locked_frees_swapcache(void)
{
	struct world *w = new_world();
	pte_t pte;

	ASSERT_EQ(mm_mmap(w, 0, A0, 2 * PG, RW, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(store(w, 0, A0, 5), 1);
	ASSERT_EQ(store(w, 0, A0 + PG, 6), 1);
	ASSERT_EQ(mm_mprotect(w, 0, A0, 2 * PG, MMP_READ), 0);
	ASSERT_EQ(mm_madvise(w, 0, A0, 2 * PG, MMA_PAGEOUT), 0);
	ASSERT_EQ(entry(w, 0, A0).type, PTE_SWAP);
	ASSERT_EQ(load(w, 0, A0 + PG), 6);
	ASSERT_TRUE(folio_test_swapcache(entry(w, 0, A0 + PG).folio));
	ASSERT_EQ(mm_mlock(w, 0, A0, PG), 0);
	pte = entry(w, 0, A0);
	ASSERT_TRUE(pte_present(pte));
	ASSERT_FALSE(folio_test_swapcache(pte.folio));
	ASSERT_EQ(folio_page_content(pte.folio, 0), 5);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* hugetlb VMAs are populated but never get VM_LOCKED (nor split). */
static bool test_mlock_hugetlb(void)
{
	struct world *w = new_world_pools("current", 2, 0);

	ASSERT_EQ(mm_mmap(w, 0, A0, 2 * SZ_2M, HUGE_RW, ANON_HUGE, -1, 0), 0);
	ASSERT_EQ(mm_mlock(w, 0, A0 + PG, SZ_2M), 0);
	ASSERT_EQ(nr_vmas(w, 0), 1);
	ASSERT_FALSE(vma_locked(w, 0, A0));
	ASSERT_TRUE(pte_present(huge_entry(w, 0, A0)));
	ASSERT_TRUE(pte_write(huge_entry(w, 0, A0)));
	ASSERT_TRUE(pte_present(huge_entry(w, 0, A0 + SZ_2M)));
	ASSERT_EQ(mm_munlock(w, 0, A0, 2 * SZ_2M), 0);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

static const struct test tests[] = {
	TEST(test_mlock_populates_private_writable),
	TEST(test_mlock_read_faults_and_cow),
	TEST(test_mlock_splits_and_merges),
	TEST(test_mlock_hole),
	TEST(test_mlock_prot_none),
	TEST(test_reclaim_skips_locked),
	TEST(test_reclaim_skips_locked_thp),
	TEST(test_madvise_locked_einval),
	TEST(test_fork_does_not_inherit),
	TEST(test_mremap_keeps_lock),
	TEST(test_mprotect_locked_populates),
	TEST(test_swapin_locked_frees_swapcache),
	TEST(test_mlock_hugetlb),
	{ 0 },
};

int main(void)
{
	return run_tests(tests);
}
