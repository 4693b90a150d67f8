// SPDX-License-Identifier: MIT
/*
 * test_iouring_era.c - which mappings an io_uring fixed buffer may live
 * in: before 6.5 io_uring itself refuses file mappings other than shmem
 * and hugetlbfs (knob iouring_file_only_shmem_hugetlb, era 6.2), since
 * then GUP's long-term rules alone decide (era current).
 */
#include "emu_helpers.h"
#include "test.h"

#define RW		(MMP_READ | MMP_WRITE)
/* What the runner asks for an io_uring registration. */
#define IOURING_FLAGS	(MMG_PIN | MMG_WRITE | MMG_LONGTERM | MMG_FAST)

static int iouring(struct world *w, int gid, uint64_t addr, uint64_t len,
		   uint64_t *done)
{
	return mm_gup(w, 0, gid, addr, len, IOURING_FLAGS, MMH_IOURING, done);
}

/* A world of @era with one tmpfile page holding @v, mapped at A0 as @flags. */
static struct world *tmpfile_world(const char *era, unsigned int flags,
				   uint64_t v)
{
	struct world *w = era_world(era);
	struct mm_data d = { .value = v };

	if (!w || mm_file_create(w, 0, MMFT_TMPFILE, PG) ||
	    mm_file_write(w, 0, 0, PG, &d) ||
	    mm_mmap(w, 0, A0, PG, RW, flags, 0, 0))
		return NULL;
	return w;
}

/*
 * Era 6.2, private tmpfile mapping: EOPNOTSUPP after the pin was taken
 * and dropped.  The write fault of the pin stays: the process has its own
 * anonymous copy, which nothing pins.
 */
static bool test_private_tmpfile_refused(void)
{
	struct world *w = tmpfile_world("6.2", 0, 7);
	uint64_t done = ~0ULL;
	pte_t pte;

	ASSERT_TRUE(w);
	ASSERT_EQ(load(w, 0, A0), 7);
	ASSERT_EQ(iouring(w, 0, A0, PG, &done), -EOPNOTSUPP);
	ASSERT_EQ(done, 1);
	ASSERT_EQ(mm_handle_nr_pages(w, 0), 0);
	pte = entry(w, 0, A0);
	ASSERT_TRUE(pte_present(pte));
	ASSERT_TRUE(folio_test_anon(pte.folio));
	ASSERT_FALSE(folio_maybe_dma_pinned(pte.folio));
	ASSERT_EQ(load(w, 0, A0), 7);
	ASSERT_TRUE(checks_clean(w));
	/* The handle is free: a plain pin of the same range may take it. */
	ASSERT_EQ(mm_gup(w, 0, 0, A0, PG, IOURING_FLAGS, MMH_GUP, NULL), 0);
	ASSERT_EQ(mm_handle_nr_pages(w, 0), 1);
	ASSERT_EQ(mm_handle_put(w, 0), 0);
	world_destroy(w);
	return true;
}

/* Era 6.2, shared tmpfile mapping: io_uring refuses, GUP would not. */
static bool test_shared_tmpfile_refused(void)
{
	struct world *w = tmpfile_world("6.2", MMF_SHARED, 3);

	ASSERT_TRUE(w);
	ASSERT_EQ(iouring(w, 0, A0, PG, NULL), -EOPNOTSUPP);
	ASSERT_EQ(mm_handle_nr_pages(w, 0), 0);
	ASSERT_FALSE(folio_maybe_dma_pinned(entry(w, 0, A0).folio));
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* Era 6.2, a driver's private mapping: the device file is refused too. */
static bool test_driver_refused(void)
{
	struct world *w = era_world("6.2");

	ASSERT_TRUE(w);
	ASSERT_EQ(mm_mmap_driver(w, 0, A0, PG, RW, 0), 0);
	ASSERT_EQ(mm_insert_zeropage(w, 0, A0, PG, NULL), 0);
	ASSERT_EQ(iouring(w, 0, A0, PG, NULL), -EOPNOTSUPP);
	ASSERT_EQ(mm_handle_nr_pages(w, 0), 0);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* Era 6.2: anonymous, shmem, memfd and hugetlbfs buffers register. */
static bool test_shmem_hugetlb_anon_accepted(void)
{
	struct world *w = new_world_pools("6.2", 2, 0);

	ASSERT_TRUE(w);
	ASSERT_EQ(mm_file_create(w, 0, MMFT_MEMFD, PG), 0);
	ASSERT_EQ(mm_file_create(w, 1, MMFT_SHMEM, PG), 0);
	ASSERT_EQ(mm_file_create(w, 2, MMFT_MEMFD_HUGETLB, SZ_2M), 0);
	ASSERT_EQ(mm_mmap(w, 0, A0, PG, RW, MMF_SHARED, 0, 0), 0);
	ASSERT_EQ(mm_mmap(w, 0, A0 + PG, PG, RW, 0, 1, 0), 0);
	ASSERT_EQ(mm_mmap(w, 0, A1, SZ_2M, RW, MMF_SHARED, 2, 0), 0);
	ASSERT_EQ(mm_mmap(w, 0, A0 + 2 * PG, PG, RW, MMF_ANON | MMF_SHARED,
			  -1, 0), 0);
	ASSERT_EQ(mm_mmap(w, 0, A0 + 3 * PG, PG, RW, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(iouring(w, 0, A0, 4 * PG, NULL), 0);
	ASSERT_EQ(mm_handle_nr_pages(w, 0), 4);
	ASSERT_EQ(iouring(w, 1, A1, PG, NULL), 0);
	ASSERT_EQ(store(w, 0, A1, 9), 1);
	ASSERT_EQ(handle_value(w, 1), 9);
	ASSERT_TRUE(checks_clean(w));
	ASSERT_EQ(mm_handle_put(w, 0), 0);
	ASSERT_EQ(mm_handle_put(w, 1), 0);
	world_destroy(w);
	return true;
}

/* One tmpfile page in the range is enough to refuse all of it. */
static bool test_range_touching_tmpfile_refused(void)
{
	struct world *w = era_world("6.2");
	uint64_t done = 0;

	ASSERT_TRUE(w);
	ASSERT_EQ(mm_file_create(w, 0, MMFT_TMPFILE, PG), 0);
	ASSERT_EQ(mm_mmap(w, 0, A0, 2 * PG, RW, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(mm_mmap(w, 0, A0 + PG, PG, RW, 0, 0, 0), 0);
	ASSERT_EQ(iouring(w, 0, A0, 2 * PG, &done), -EOPNOTSUPP);
	ASSERT_EQ(done, 2);
	ASSERT_EQ(mm_handle_nr_pages(w, 0), 0);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* Era 6.2 with the knob off: only GUP decides, as since 6.5. */
static bool test_knob_off(void)
{
	struct world_config cfg;
	struct world *w;

	world_config_default(&cfg);
	ASSERT_EQ(mm_era_preset("6.2", &cfg.knobs), 0);
	ASSERT_TRUE(cfg.knobs.on[MMK_IOURING_FILE_ONLY_SHMEM_HUGETLB]);
	cfg.knobs.on[MMK_IOURING_FILE_ONLY_SHMEM_HUGETLB] = false;
	w = world_create(&cfg, NULL);
	ASSERT_EQ(mm_file_create(w, 0, MMFT_TMPFILE, PG), 0);
	ASSERT_EQ(mm_mmap(w, 0, A0, PG, RW, 0, 0, 0), 0);
	ASSERT_EQ(mm_mmap(w, 0, A1, PG, RW, MMF_SHARED, 0, 0), 0);
	ASSERT_EQ(iouring(w, 0, A0, PG, NULL), 0);
	/* 6.2 has no long-term write rule for dirty-tracked files yet. */
	ASSERT_EQ(iouring(w, 1, A1, PG, NULL), 0);
	ASSERT_TRUE(checks_clean(w));
	ASSERT_EQ(mm_handle_put(w, 0), 0);
	ASSERT_EQ(mm_handle_put(w, 1), 0);
	world_destroy(w);
	return true;
}

/*
 * Era current: the private tmpfile buffer registers (its pages are the
 * process's anonymous copies), the shared one is refused by GUP (EFAULT),
 * the driver's private mapping registers.
 */
static bool test_current_gup_decides(void)
{
	struct world *w = tmpfile_world("current", 0, 5);
	pte_t pte;

	ASSERT_TRUE(w);
	ASSERT_FALSE(w->cfg.knobs.on[MMK_IOURING_FILE_ONLY_SHMEM_HUGETLB]);
	ASSERT_EQ(iouring(w, 0, A0, PG, NULL), 0);
	pte = entry(w, 0, A0);
	ASSERT_TRUE(folio_test_anon(pte.folio));
	ASSERT_TRUE(folio_maybe_dma_pinned(pte.folio));
	ASSERT_EQ(handle_value(w, 0), 5);
	ASSERT_EQ(mm_mmap(w, 0, A1, PG, RW, MMF_SHARED, 0, 0), 0);
	ASSERT_EQ(iouring(w, 1, A1, PG, NULL), -EFAULT);
	ASSERT_EQ(mm_handle_nr_pages(w, 1), 0);
	ASSERT_EQ(mm_mmap_driver(w, 0, A1 + PG, PG, RW, 0), 0);
	ASSERT_EQ(mm_insert_zeropage(w, 0, A1 + PG, PG, NULL), 0);
	ASSERT_EQ(iouring(w, 2, A1 + PG, PG, NULL), 0);
	ASSERT_TRUE(checks_clean(w));
	ASSERT_EQ(mm_handle_put(w, 0), 0);
	ASSERT_EQ(mm_handle_put(w, 2), 0);
	world_destroy(w);
	return true;
}

/* Every era before 6.15 has the knob on, 6.15 and current off. */
static bool test_era_presets(void)
{
	static const char *const on[] = { "5.7", "5.8", "5.9", "5.18", "5.19",
					   "6.2" };
	static const char *const off[] = { "6.15", "current" };
	struct mm_knobs k;

	for (size_t i = 0; i < sizeof(on) / sizeof(on[0]); i++) {
		ASSERT_EQ(mm_era_preset(on[i], &k), 0);
		ASSERT_TRUE(k.on[MMK_IOURING_FILE_ONLY_SHMEM_HUGETLB]);
		ASSERT_FALSE(k.on[MMK_LONGTERM_WRITE_FILE_REFUSED]);
	}
	for (size_t i = 0; i < sizeof(off) / sizeof(off[0]); i++) {
		ASSERT_EQ(mm_era_preset(off[i], &k), 0);
		ASSERT_FALSE(k.on[MMK_IOURING_FILE_ONLY_SHMEM_HUGETLB]);
		ASSERT_TRUE(k.on[MMK_LONGTERM_WRITE_FILE_REFUSED]);
	}
	ASSERT_EQ(mm_knob_lookup("iouring_file_only_shmem_hugetlb"),
		  MMK_IOURING_FILE_ONLY_SHMEM_HUGETLB);
	ASSERT_TRUE(mm_knob_info(MMK_IOURING_FILE_ONLY_SHMEM_HUGETLB)->modelled);
	return true;
}

static const struct test tests[] = {
	TEST(test_private_tmpfile_refused),
	TEST(test_shared_tmpfile_refused),
	TEST(test_driver_refused),
	TEST(test_shmem_hugetlb_anon_accepted),
	TEST(test_range_touching_tmpfile_refused),
	TEST(test_knob_off),
	TEST(test_current_gup_decides),
	TEST(test_era_presets),
	{ 0 },
};

int main(void)
{
	return run_tests(tests);
}
