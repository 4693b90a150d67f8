// SPDX-License-Identifier: MIT
/*
 * test_thp.c - transparent huge pages: which faults map a PMD, an mTHP or
 * the huge zeropage, and what splitting, fork, COW, GUP, swap-out and
 * collapse do to them, looked at through mm_page_query() and the folios.
 */
#include "internal.h"
#include "test.h"
#include "test_world.h"

#define A0	0x100000000000ULL	/* slot r0 */
#define A1	0x100100000000ULL	/* slot r1 */
#define PG	4096ULL
#define HPAGE	(2ULL << 20)

static struct world *new_world_thp(enum mm_thp_mode thp, uint32_t mthp)
{
	struct world_config cfg;

	world_config_default(&cfg);
	cfg.thp = thp;
	cfg.mthp_kb_mask = mthp;
	return world_create(&cfg, NULL);
}

static struct world *new_world_era(const char *era)
{
	struct world_config cfg;

	world_config_default(&cfg);
	mm_era_preset(era, &cfg.knobs);
	cfg.thp = MM_THP_MODE_ALWAYS;
	return world_create(&cfg, NULL);
}

static long store(struct world *w, int pid, uint64_t addr, uint64_t len,
		  uint64_t v)
{
	struct mm_data d = { .value = v, .unique = true };

	return mm_access(w, pid, addr, len, true, &d, NULL, NULL, NULL);
}

struct seen { uint64_t value; };

static void remember(void *priv, uint64_t addr, uint64_t value)
{
	(void)addr;
	((struct seen *)priv)->value = value;
}

static uint64_t load(struct world *w, int pid, uint64_t addr)
{
	struct seen s = { 0 };

	mm_access(w, pid, addr, PG, false, NULL, remember, &s, NULL);
	return s.value;
}

static struct mm_page_info query(struct world *w, int pid, uint64_t addr)
{
	struct mm_page_info info;

	mm_page_query(w, pid, addr, &info);
	return info;
}

/* A write fault in an eligible 2 MiB maps one exclusive PMD-mapped THP. */
static bool test_write_fault_maps_pmd(void)
{
	struct world *w = new_world_thp(MM_THP_MODE_ALWAYS, 0);
	struct mm_page_info info;

	ASSERT_EQ(mm_mmap(w, 0, A0, HPAGE, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(store(w, 0, A0, PG, 7), 1);
	info = query(w, 0, A0 + HPAGE - PG);
	ASSERT_TRUE(info.present);
	ASSERT_EQ(info.level, 1);
	ASSERT_EQ(info.order, 9);
	ASSERT_TRUE(info.exclusive && info.writable);
	ASSERT_EQ(info.refcount, 1);
	ASSERT_EQ(info.mapcount, 1);
	ASSERT_EQ(load(w, 0, A0), 7);
	ASSERT_EQ(load(w, 0, A0 + PG), 0);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* With thp=madvise only MADV_HUGEPAGE regions get THPs; never gets none. */
static bool test_thp_policy(void)
{
	struct world *w = new_world_thp(MM_THP_MODE_MADVISE, 0);

	mm_mmap(w, 0, A0, HPAGE, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	mm_mmap(w, 0, A1, HPAGE, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	ASSERT_EQ(mm_madvise(w, 0, A1, HPAGE, MMA_HUGEPAGE), 0);
	store(w, 0, A0, PG, 1);
	store(w, 0, A1, PG, 1);
	ASSERT_EQ(query(w, 0, A0).level, 0);
	ASSERT_EQ(query(w, 0, A1).level, 1);
	/* A VMA smaller than 2 MiB never gets a PMD. */
	mm_munmap(w, 0, A1, HPAGE);
	mm_mmap(w, 0, A1, HPAGE - PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	mm_madvise(w, 0, A1, HPAGE - PG, MMA_HUGEPAGE);
	store(w, 0, A1, PG, 1);
	ASSERT_EQ(query(w, 0, A1).level, 0);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* A read fault maps the huge zeropage, which a write splits (5.8+). */
static bool test_huge_zeropage(void)
{
	struct world *w = new_world_thp(MM_THP_MODE_ALWAYS, 0);
	struct mm_page_info info;

	mm_mmap(w, 0, A0, HPAGE, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	ASSERT_EQ(load(w, 0, A0 + 5 * PG), 0);
	info = query(w, 0, A0);
	ASSERT_TRUE(info.huge_zeropage && info.level == 1 && !info.writable);
	ASSERT_TRUE(checks_clean(w));
	store(w, 0, A0 + 3 * PG, PG, 9);
	info = query(w, 0, A0 + 3 * PG);
	ASSERT_TRUE(info.anon && info.level == 0 && info.order == 0);
	info = query(w, 0, A0 + 4 * PG);
	ASSERT_TRUE(info.zeropage && info.level == 0);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* Partial mprotect splits the PMD; the folio stays whole, exclusivity kept. */
static bool test_partial_mprotect_splits_pmd(void)
{
	struct world *w = new_world_thp(MM_THP_MODE_ALWAYS, 0);
	struct mm_page_info info;

	mm_mmap(w, 0, A0, HPAGE, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	store(w, 0, A0, HPAGE, 100);
	ASSERT_EQ(mm_mprotect(w, 0, A0 + PG, PG, MMP_READ), 0);
	ASSERT_EQ(mm_mprotect(w, 0, A0 + PG, PG, MMP_READ | MMP_WRITE), 0);
	info = query(w, 0, A0 + 7 * PG);
	ASSERT_EQ(info.level, 0);
	ASSERT_EQ(info.order, 9);
	ASSERT_EQ(info.refcount, 512);
	ASSERT_EQ(info.mapcount, 512);
	ASSERT_TRUE(info.exclusive && info.writable);
	/* The page whose protection went round trip is upgraded back (6.0+). */
	ASSERT_TRUE(query(w, 0, A0 + PG).writable);
	ASSERT_EQ(load(w, 0, A0 + 7 * PG), 107);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/*
 * fork shares the PMD; the parent's write splits and copies 4 KiB, the
 * child keeps seeing the old data.
 */
static bool test_fork_cow_splits(void)
{
	struct world *w = new_world_thp(MM_THP_MODE_ALWAYS, 0);
	struct mm_page_info info;

	mm_mmap(w, 0, A0, HPAGE, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	store(w, 0, A0, HPAGE, 100);
	ASSERT_EQ(mm_fork(w, 0, 1), 0);
	info = query(w, 1, A0);
	ASSERT_TRUE(info.level == 1 && !info.exclusive && !info.writable);
	ASSERT_EQ(info.refcount, 2);
	ASSERT_TRUE(checks_clean(w));
	store(w, 0, A0 + 2 * PG, PG, 5);
	info = query(w, 0, A0 + 2 * PG);
	ASSERT_TRUE(info.order == 0 && info.exclusive && info.writable);
	ASSERT_EQ(query(w, 0, A0 + 3 * PG).level, 0);
	ASSERT_EQ(query(w, 1, A0 + 3 * PG).level, 1);
	ASSERT_EQ(load(w, 1, A0 + 2 * PG), 102);
	ASSERT_EQ(load(w, 0, A0 + 2 * PG), 5);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* Before 5.8 the whole THP was copied on COW. */
static bool test_fork_cow_copies_whole_thp_in_5_7(void)
{
	struct world *w = new_world_era("5.7");
	struct mm_page_info info;

	mm_mmap(w, 0, A0, HPAGE, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	store(w, 0, A0, HPAGE, 100);
	mm_fork(w, 0, 1);
	store(w, 0, A0, PG, 5);
	info = query(w, 0, A0);
	ASSERT_TRUE(info.level == 1 && info.order == 9 && info.writable);
	ASSERT_EQ(info.refcount, 1);
	ASSERT_EQ(load(w, 0, A0 + PG), 101);
	ASSERT_EQ(load(w, 1, A0), 100);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* A R/O long-term pin of a shared PMD THP unshares one 4 KiB page. */
static bool test_ro_pin_unshares(void)
{
	struct world *w = new_world_thp(MM_THP_MODE_ALWAYS, 0);
	struct mm_page_info info;

	mm_mmap(w, 0, A0, HPAGE, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	store(w, 0, A0, HPAGE, 100);
	mm_fork(w, 0, 1);
	ASSERT_EQ(mm_gup(w, 0, 0, A0, PG, MMG_PIN | MMG_LONGTERM, MMH_GUP, NULL), 0);
	info = query(w, 0, A0);
	ASSERT_TRUE(info.order == 0 && info.exclusive && !info.writable);
	ASSERT_TRUE(checks_clean(w));
	ASSERT_EQ(mm_handle_put(w, 0), 0);
	world_destroy(w);
	return true;
}

/* fork of a pinned exclusive THP copies the pinned pages for the child. */
static bool test_fork_pinned_thp(void)
{
	struct world *w = new_world_thp(MM_THP_MODE_ALWAYS, 0);

	mm_mmap(w, 0, A0, HPAGE, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	store(w, 0, A0, HPAGE, 100);
	ASSERT_EQ(mm_gup(w, 0, 0, A0, HPAGE, MMG_PIN | MMG_WRITE | MMG_LONGTERM,
			 MMH_IOURING, NULL), 0);
	ASSERT_EQ(mm_fork(w, 0, 1), 0);
	ASSERT_TRUE(query(w, 0, A0).exclusive);
	ASSERT_EQ(query(w, 0, A0).level, 0);
	ASSERT_EQ(query(w, 1, A0).order, 0);
	ASSERT_EQ(load(w, 1, A0 + PG), 101);
	ASSERT_TRUE(checks_clean(w));
	mm_handle_put(w, 0);
	world_destroy(w);
	return true;
}

/* mTHP: a write maps all pages of the largest enabled size at once. */
static bool test_mthp_fault(void)
{
	/* mthp_kb_mask bit k = 16 KiB << k: 64k is bit 2. */
	struct world *w = new_world_thp(MM_THP_MODE_NEVER, 1u << 2);
	struct mm_page_info info;

	mm_mmap(w, 0, A0, 128 * 1024, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	store(w, 0, A0, PG, 1);
	info = query(w, 0, A0 + 15 * PG);
	ASSERT_TRUE(info.present && info.order == 4 && info.level == 0);
	ASSERT_EQ(info.refcount, 16);
	ASSERT_TRUE(info.exclusive);
	ASSERT_TRUE(!query(w, 0, A0 + 16 * PG).present);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* MADV_PAGEOUT of a THP leaves per-page swap entries; swap-in is per page. */
static bool test_pageout_thp(void)
{
	struct world *w = new_world_thp(MM_THP_MODE_ALWAYS, 0);

	mm_mmap(w, 0, A0, HPAGE, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	store(w, 0, A0, HPAGE, 100);
	ASSERT_EQ(mm_madvise(w, 0, A0, HPAGE, MMA_PAGEOUT), 0);
	ASSERT_TRUE(query(w, 0, A0).swapped);
	ASSERT_TRUE(query(w, 0, A0 + HPAGE - PG).swapped);
	ASSERT_TRUE(checks_clean(w));
	ASSERT_EQ(load(w, 0, A0 + 9 * PG), 109);
	ASSERT_EQ(query(w, 0, A0 + 9 * PG).order, 0);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* A pinned THP is not swapped out. */
static bool test_pageout_pinned_thp(void)
{
	struct world *w = new_world_thp(MM_THP_MODE_ALWAYS, 0);

	mm_mmap(w, 0, A0, HPAGE, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	store(w, 0, A0, HPAGE, 100);
	mm_gup(w, 0, 0, A0, PG, MMG_PIN | MMG_LONGTERM, MMH_GUP, NULL);
	mm_madvise(w, 0, A0, HPAGE, MMA_PAGEOUT);
	ASSERT_EQ(query(w, 0, A0 + PG).level, 1);
	ASSERT_TRUE(checks_clean(w));
	mm_handle_put(w, 0);
	world_destroy(w);
	return true;
}

/* MADV_COLLAPSE copies into a new exclusive THP; the child keeps the old pages. */
static bool test_collapse_after_fork(void)
{
	struct world *w = new_world_thp(MM_THP_MODE_ALWAYS, 0);
	struct mm_page_info info;

	mm_mmap(w, 0, A0, HPAGE, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	store(w, 0, A0, HPAGE, 100);
	mm_mprotect(w, 0, A0 + PG, PG, MMP_READ);
	mm_mprotect(w, 0, A0 + PG, PG, MMP_READ | MMP_WRITE);
	mm_fork(w, 0, 1);
	ASSERT_EQ(mm_madvise(w, 0, A0, HPAGE, MMA_COLLAPSE), 0);
	info = query(w, 0, A0);
	ASSERT_TRUE(info.level == 1 && info.exclusive && info.writable);
	ASSERT_EQ(info.refcount, 1);
	ASSERT_EQ(query(w, 1, A0).level, 0);
	store(w, 0, A0, PG, 5);
	ASSERT_EQ(load(w, 1, A0), 100);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* The collapse_in_place bug leaves the child's pages under an exclusive PMD. */
static bool test_collapse_in_place_bug(void)
{
	struct world *w = new_world_thp(MM_THP_MODE_ALWAYS, 0);
	struct mm_violation v;

	w->cfg.knobs.on[MMK_COLLAPSE_IN_PLACE] = true;
	mm_mmap(w, 0, A0, HPAGE, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	store(w, 0, A0, HPAGE, 100);
	mm_mprotect(w, 0, A0 + PG, PG, MMP_READ);
	mm_mprotect(w, 0, A0 + PG, PG, MMP_READ | MMP_WRITE);
	mm_fork(w, 0, 1);
	ASSERT_EQ(mm_madvise(w, 0, A0, HPAGE, MMA_COLLAPSE), 0);
	ASSERT_TRUE(world_check(w, &v));
	ASSERT_EQ(v.cls, MMV_EXCLUSIVITY);
	world_destroy(w);
	return true;
}

/* MADV_COLLAPSE does not exist before 6.1 (presets before 6.2). */
static bool test_collapse_era(void)
{
	struct world *w = new_world_era("5.19");

	mm_mmap(w, 0, A0, HPAGE, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	ASSERT_EQ(mm_madvise(w, 0, A0, HPAGE, MMA_COLLAPSE), -EINVAL);
	world_destroy(w);
	return true;
}

/*
 * MADV_COLLAPSE leaves alone a 2 MiB range that never had a page table
 * (-EINVAL, as for any range it cannot collapse) and collapses the one
 * written to: no THP full of zeroes appears where nothing was mapped.
 */
static bool test_collapse_skips_untouched(void)
{
	struct world *w = new_world_thp(MM_THP_MODE_NEVER, 0);
	long folios;

	mm_mmap(w, 0, A0, 3 * HPAGE, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	store(w, 0, A0 + HPAGE + PG, PG, 7);
	folios = w->nr_folios;
	ASSERT_EQ(mm_madvise(w, 0, A0, 3 * HPAGE, MMA_COLLAPSE), -EINVAL);
	ASSERT_EQ(query(w, 0, A0 + HPAGE).level, 1);
	ASSERT_EQ(load(w, 0, A0 + HPAGE + PG), 7);
	ASSERT_TRUE(!query(w, 0, A0).present && !query(w, 0, A0 + 2 * HPAGE).present);
	/* The small folio went, the THP came: nothing else was allocated. */
	ASSERT_EQ(w->nr_folios, folios);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* Half a PMD-mapped THP moved by mremap: split, the moved half keeps its pages. */
static bool test_partial_mremap(void)
{
	struct world *w = new_world_thp(MM_THP_MODE_ALWAYS, 0);
	struct mm_page_info info;

	mm_mmap(w, 0, A0, HPAGE, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	store(w, 0, A0, HPAGE, 100);
	ASSERT_EQ(mm_mremap(w, 0, A0 + HPAGE / 2, HPAGE / 2, A1), 0);
	info = query(w, 0, A1);
	ASSERT_TRUE(info.level == 0 && info.order == 9 && info.exclusive);
	ASSERT_EQ(load(w, 0, A1), 100 + 256);
	ASSERT_EQ(load(w, 0, A0 + PG), 101);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* khugepaged collapses a range of small pages where THP is enabled. */
static bool test_khugepaged(void)
{
	struct world *w = new_world_thp(MM_THP_MODE_NEVER, 0);

	mm_mmap(w, 0, A0, HPAGE, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	store(w, 0, A0, 4 * PG, 100);
	ASSERT_EQ(query(w, 0, A0).level, 0);
	w->cfg.thp = MM_THP_MODE_ALWAYS;
	ASSERT_EQ(mm_daemon(w, MMD_KHUGEPAGED), 0);
	ASSERT_EQ(query(w, 0, A0).level, 1);
	ASSERT_EQ(load(w, 0, A0 + 3 * PG), 103);
	ASSERT_EQ(load(w, 0, A0 + 4 * PG), 0);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/*
 * A 64 KiB mTHP written whole, shared by fork with a child that then
 * exits: the parent maps all 16 pages read-only, none exclusive, and is
 * the only one left.  large_folio_wp_reuse (6.15) chosen by @reuse.
 */
static struct world *mthp_after_child_exit(bool reuse)
{
	struct world *w = new_world_thp(MM_THP_MODE_NEVER, 1u << 2);

	w->cfg.knobs.on[MMK_LARGE_FOLIO_WP_REUSE] = reuse;
	mm_mmap(w, 0, A0, 16 * PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	store(w, 0, A0, 16 * PG, 100);
	mm_fork(w, 0, 1);
	mm_exit(w, 1);
	return w;
}

/*
 * A write to a page of the PTE-mapped mTHP: before 6.15 the 4 KiB page is
 * copied; from 6.15 the folio, mapped by this mm alone and referenced by
 * its mappings only, is reused: that page becomes exclusive and writable,
 * the others stay as they were.
 */
static bool test_mthp_wp_reuse_knob(void)
{
	for (int reuse = 0; reuse <= 1; reuse++) {
		struct world *w = mthp_after_child_exit(reuse);
		struct mm_page_info info = query(w, 0, A0 + 3 * PG);

		ASSERT_TRUE(info.order == 4 && !info.exclusive && !info.writable);
		ASSERT_EQ(info.refcount, 16);
		ASSERT_EQ(store(w, 0, A0 + 3 * PG, PG, 7), 1);
		info = query(w, 0, A0 + 3 * PG);
		ASSERT_TRUE(info.exclusive && info.writable);
		ASSERT_EQ(info.order, reuse ? 4 : 0);
		info = query(w, 0, A0 + 4 * PG);
		ASSERT_TRUE(info.order == 4 && !info.exclusive && !info.writable);
		ASSERT_EQ(info.refcount, reuse ? 16 : 15);
		ASSERT_EQ(info.mapcount, reuse ? 16 : 15);
		ASSERT_EQ(load(w, 0, A0 + 3 * PG), 7);
		ASSERT_EQ(load(w, 0, A0 + 4 * PG), 104);
		ASSERT_TRUE(checks_clean(w));
		world_destroy(w);
	}
	return true;
}

/* The same for a PMD-sized THP that a partial mprotect left PTE-mapped. */
static bool test_thp_wp_reuse_knob(void)
{
	for (int reuse = 0; reuse <= 1; reuse++) {
		struct world *w = new_world_thp(MM_THP_MODE_ALWAYS, 0);
		struct mm_page_info info;

		w->cfg.knobs.on[MMK_LARGE_FOLIO_WP_REUSE] = reuse;
		mm_mmap(w, 0, A0, HPAGE, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
		store(w, 0, A0, HPAGE, 100);
		mm_mprotect(w, 0, A0 + PG, PG, MMP_READ);
		mm_mprotect(w, 0, A0 + PG, PG, MMP_READ | MMP_WRITE);
		mm_fork(w, 0, 1);
		mm_exit(w, 1);
		ASSERT_EQ(query(w, 0, A0 + 300 * PG).level, 0);
		ASSERT_EQ(store(w, 0, A0 + 300 * PG, PG, 7), 1);
		info = query(w, 0, A0 + 300 * PG);
		ASSERT_TRUE(info.exclusive && info.writable);
		ASSERT_EQ(info.order, reuse ? 9 : 0);
		ASSERT_EQ(query(w, 0, A0).refcount, reuse ? 512 : 511);
		ASSERT_EQ(load(w, 0, A0 + 301 * PG), 401);
		ASSERT_TRUE(checks_clean(w));
		world_destroy(w);
	}
	return true;
}

/* The 6.15 preset reuses, 6.2 does not: era values of the knob. */
static bool test_wp_reuse_eras(void)
{
	static const char *const eras[] = { "6.2", "6.15", "current" };

	for (int i = 0; i < 3; i++) {
		struct world_config cfg;
		struct world *w;

		world_config_default(&cfg);
		ASSERT_EQ(mm_era_preset(eras[i], &cfg.knobs), 0);
		cfg.thp = MM_THP_MODE_NEVER;
		cfg.mthp_kb_mask = 1u << 2;
		w = world_create(&cfg, NULL);
		mm_mmap(w, 0, A0, 16 * PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
		store(w, 0, A0, 16 * PG, 100);
		mm_fork(w, 0, 1);
		mm_exit(w, 1);
		store(w, 0, A0 + 3 * PG, PG, 7);
		ASSERT_EQ(query(w, 0, A0 + 3 * PG).order, i ? 4 : 0);
		ASSERT_TRUE(checks_clean(w));
		world_destroy(w);
	}
	return true;
}

/* Another mm still mapping the folio (the child lives): always a copy. */
static bool test_wp_reuse_not_while_shared(void)
{
	struct world *w = new_world_thp(MM_THP_MODE_NEVER, 1u << 2);

	mm_mmap(w, 0, A0, 16 * PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0);
	store(w, 0, A0, 16 * PG, 100);
	mm_fork(w, 0, 1);
	/* The child keeps a single page: still a mapping in another mm. */
	ASSERT_EQ(mm_munmap(w, 1, A0, 9 * PG), 0);
	ASSERT_EQ(mm_munmap(w, 1, A0 + 10 * PG, 6 * PG), 0);
	store(w, 0, A0 + 3 * PG, PG, 7);
	ASSERT_EQ(query(w, 0, A0 + 3 * PG).order, 0);
	ASSERT_EQ(load(w, 1, A0 + 9 * PG), 109);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* Only one page of the folio left mapped: copied, so the folio can go. */
static bool test_wp_reuse_not_last_page(void)
{
	struct world *w = mthp_after_child_exit(true);

	ASSERT_EQ(mm_munmap(w, 0, A0, 3 * PG), 0);
	ASSERT_EQ(mm_munmap(w, 0, A0 + 4 * PG, 12 * PG), 0);
	ASSERT_EQ(query(w, 0, A0 + 3 * PG).mapcount, 1);
	store(w, 0, A0 + 3 * PG, PG, 7);
	ASSERT_EQ(query(w, 0, A0 + 3 * PG).order, 0);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/*
 * A R/O long-term pin after the child exited: the unshare fault reuses
 * the pinned page in place (6.15), the pin keeps the folio from being
 * reused for the other pages, and the pin stays coherent.
 */
static bool test_wp_reuse_pinned(void)
{
	for (int reuse = 0; reuse <= 1; reuse++) {
		struct world *w = mthp_after_child_exit(reuse);
		struct mm_page_info info;

		ASSERT_EQ(mm_gup(w, 0, 0, A0, PG, MMG_PIN | MMG_LONGTERM,
				 MMH_GUP, NULL), 0);
		info = query(w, 0, A0);
		ASSERT_TRUE(info.exclusive && !info.writable);
		ASSERT_EQ(info.order, reuse ? 4 : 0);
		/* Small folios count pins in the refcount, large ones apart. */
		ASSERT_EQ(info.pincount, reuse ? 1 : 0);
		ASSERT_EQ(info.refcount, reuse ? 17 : 1 + GUP_PIN_COUNTING_BIAS);
		/* Another page of the folio: the pin's reference forces a copy. */
		store(w, 0, A0 + 3 * PG, PG, 7);
		ASSERT_EQ(query(w, 0, A0 + 3 * PG).order, 0);
		ASSERT_EQ(query(w, 0, A0 + 4 * PG).refcount, reuse ? 16 : 14);
		/* The pinned page itself is exclusive: written in place. */
		store(w, 0, A0, PG, 8);
		info = query(w, 0, A0);
		ASSERT_TRUE(info.exclusive && info.writable);
		ASSERT_EQ(info.order, reuse ? 4 : 0);
		ASSERT_EQ(info.refcount, reuse ? 16 : 1 + GUP_PIN_COUNTING_BIAS);
		ASSERT_TRUE(checks_clean(w));
		ASSERT_EQ(mm_handle_put(w, 0), 0);
		/* Unpinned: the next page is reused again (6.15). */
		store(w, 0, A0 + 5 * PG, PG, 9);
		ASSERT_EQ(query(w, 0, A0 + 5 * PG).order, reuse ? 4 : 0);
		ASSERT_TRUE(checks_clean(w));
		world_destroy(w);
	}
	return true;
}

static const struct test tests[] = {
	TEST(test_write_fault_maps_pmd),
	TEST(test_thp_policy),
	TEST(test_huge_zeropage),
	TEST(test_partial_mprotect_splits_pmd),
	TEST(test_fork_cow_splits),
	TEST(test_fork_cow_copies_whole_thp_in_5_7),
	TEST(test_ro_pin_unshares),
	TEST(test_fork_pinned_thp),
	TEST(test_mthp_fault),
	TEST(test_pageout_thp),
	TEST(test_pageout_pinned_thp),
	TEST(test_collapse_after_fork),
	TEST(test_collapse_in_place_bug),
	TEST(test_collapse_era),
	TEST(test_collapse_skips_untouched),
	TEST(test_partial_mremap),
	TEST(test_khugepaged),
	TEST(test_mthp_wp_reuse_knob),
	TEST(test_thp_wp_reuse_knob),
	TEST(test_wp_reuse_eras),
	TEST(test_wp_reuse_not_while_shared),
	TEST(test_wp_reuse_not_last_page),
	TEST(test_wp_reuse_pinned),
	{ 0 },
};

int main(void)
{
	return run_tests(tests);
}
