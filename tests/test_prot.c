// SPDX-License-Identifier: MIT
/*
 * test_prot.c - every entry the emulator installs takes the protection of
 * its VMA (vm_page_prot): a FOLL_FORCE fault, swap-in, collapse or COW in
 * a PROT_NONE mapping leaves an inaccessible entry, so the program's own
 * load still faults and is refused (SIGSEGV), as on Linux.  fork's early
 * copy is in test_emu.c (test_fork_copy_pinned_protnone).  Last, the view
 * oracle must see it when such a load goes through all the same.
 */
#include <string.h>

#include "emu_helpers.h"
#include "mmrun.h"
#include "test.h"

static struct world *new_world_cfg(const char *era, enum mm_thp_mode thp,
				   uint32_t n2m)
{
	struct world_config cfg;

	world_config_default(&cfg);
	if (mm_era_preset(era, &cfg.knobs))
		return NULL;
	cfg.thp = thp;
	cfg.hugetlb_2m = n2m;
	return world_create(&cfg, NULL);
}

/* Does the program's own load of @addr fault and get refused? */
static bool load_refused(struct world *w, int pid, uint64_t addr)
{
	return mm_access(w, pid, addr, PG, false, NULL, NULL, NULL, NULL) ==
	       -MM_ESIGSEGV;
}

/* /proc/self/mem: what a FOLL_FORCE read of @addr sees; ~0 on failure. */
static uint64_t memread(struct world *w, int pid, uint64_t addr)
{
	uint64_t v = ~0ULL;

	if (mm_memaccess(w, pid, addr, PG, false, NULL, load_obs, &v, NULL) != 1)
		return ~0ULL;
	return v;
}

static long memwrite(struct world *w, int pid, uint64_t addr, uint64_t v)
{
	struct mm_data d = { .value = v };

	return mm_memaccess(w, pid, addr, PG, true, &d, NULL, NULL, NULL);
}

/*
 * A FOLL_FORCE read pin of a PROT_NONE anonymous page maps the zeropage
 * inaccessible (do_anonymous_page() builds it from vm_page_prot); after
 * mprotect(PROT_READ) the same zeropage entry is readable.
 */
static bool test_force_read_zeropage(void)
{
	struct world *w = new_world();
	pte_t pte;

	ASSERT_EQ(mm_mmap(w, 0, A0, PG, MMP_NONE, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(mm_gup(w, 0, 0, A0, PG, MMG_PIN | MMG_FORCE, MMH_GUP, NULL), 0);
	pte = entry(w, 0, A0);
	ASSERT_TRUE(pte.folio == w->zero_folio && pte_special(pte));
	ASSERT_TRUE(pte_protnone(pte) && !pte_write(pte));
	ASSERT_TRUE(load_refused(w, 0, A0));
	ASSERT_EQ(mm_mprotect(w, 0, A0, PG, MMP_READ), 0);
	ASSERT_FALSE(pte_protnone(entry(w, 0, A0)));
	ASSERT_EQ(load(w, 0, A0), 0);
	ASSERT_EQ(mm_handle_put(w, 0), 0);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* The same read in a THP-eligible range maps the huge zeropage inaccessible. */
static bool test_force_read_huge_zeropage(void)
{
	struct world *w = new_world_cfg("current", MM_THP_MODE_ALWAYS, 0);
	pte_t pmd;

	ASSERT_EQ(mm_mmap(w, 0, A0, SZ_2M, MMP_NONE, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(memread(w, 0, A0), 0);
	pmd = huge_entry(w, 0, A0);
	ASSERT_TRUE(is_huge_zero_pmd(pmd) && pte_protnone(pmd));
	ASSERT_TRUE(load_refused(w, 0, A0 + SZ_2M - PG));
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/*
 * A FOLL_FORCE write there allocates a THP: inaccessible, and not
 * writable (no VM_WRITE); /proc/self/mem still reads what it wrote.
 */
static bool test_force_write_thp(void)
{
	struct world *w = new_world_cfg("current", MM_THP_MODE_ALWAYS, 0);
	pte_t pmd;

	ASSERT_EQ(mm_mmap(w, 0, A0, SZ_2M, MMP_NONE, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(memwrite(w, 0, A0, 5), 1);
	pmd = huge_entry(w, 0, A0);
	ASSERT_TRUE(pte_present(pmd) && folio_test_anon(pmd.folio));
	ASSERT_EQ(pmd.folio->order, HPAGE_PMD_ORDER);
	ASSERT_TRUE(pte_protnone(pmd) && !pte_write(pmd));
	ASSERT_TRUE(load_refused(w, 0, A0));
	ASSERT_EQ(memread(w, 0, A0), 5);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/*
 * Before 5.8 a write fault on the huge zeropage copied the whole 2 MiB
 * into a new THP (do_huge_pmd_wp_page()): in a PROT_NONE mapping that
 * copy is inaccessible too.
 */
static bool test_force_write_huge_zero_copy_5_7(void)
{
	struct world *w = new_world_cfg("5.7", MM_THP_MODE_ALWAYS, 0);
	pte_t pmd;

	ASSERT_TRUE(w != NULL);
	ASSERT_EQ(mm_mmap(w, 0, A0, SZ_2M, MMP_NONE, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(memread(w, 0, A0), 0);
	ASSERT_TRUE(is_huge_zero_pmd(huge_entry(w, 0, A0)));
	ASSERT_EQ(memwrite(w, 0, A0, 6), 1);
	pmd = huge_entry(w, 0, A0);
	ASSERT_TRUE(pte_present(pmd) && folio_test_anon(pmd.folio));
	ASSERT_EQ(pmd.folio->order, HPAGE_PMD_ORDER);
	ASSERT_TRUE(pte_protnone(pmd) && !pte_write(pmd));
	ASSERT_TRUE(load_refused(w, 0, A0));
	ASSERT_EQ(memread(w, 0, A0), 6);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/*
 * A page swapped out of a PROT_NONE mapping comes back inaccessible when
 * a FOLL_FORCE read faults it in (do_swap_page()).
 */
static bool test_force_read_swapin(void)
{
	struct world *w = new_world();
	pte_t pte;

	ASSERT_EQ(mm_mmap(w, 0, A0, PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(store(w, 0, A0, 3), 1);
	ASSERT_EQ(mm_mprotect(w, 0, A0, PG, MMP_NONE), 0);
	ASSERT_EQ(mm_madvise(w, 0, A0, PG, MMA_PAGEOUT), 0);
	ASSERT_EQ(entry(w, 0, A0).type, PTE_SWAP);
	ASSERT_EQ(memread(w, 0, A0), 3);
	pte = entry(w, 0, A0);
	ASSERT_TRUE(pte_present(pte) && pte_protnone(pte) && !pte_write(pte));
	ASSERT_TRUE(load_refused(w, 0, A0));
	ASSERT_EQ(mm_mprotect(w, 0, A0, PG, MMP_READ), 0);
	ASSERT_EQ(load(w, 0, A0), 3);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* MADV_COLLAPSE of a PROT_NONE range maps the new THP inaccessible. */
static bool test_collapse_protnone(void)
{
	struct world *w = new_world();
	pte_t pmd;

	ASSERT_EQ(mm_mmap(w, 0, A0, SZ_2M, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(store(w, 0, A0, 4), 1);
	ASSERT_EQ(mm_mprotect(w, 0, A0, SZ_2M, MMP_NONE), 0);
	ASSERT_EQ(mm_madvise(w, 0, A0, SZ_2M, MMA_COLLAPSE), 0);
	pmd = huge_entry(w, 0, A0);
	ASSERT_TRUE(pte_present(pmd) && pmd.folio->order == HPAGE_PMD_ORDER);
	ASSERT_TRUE(pte_protnone(pmd) && !pte_write(pmd));
	ASSERT_TRUE(load_refused(w, 0, A0));
	ASSERT_EQ(memread(w, 0, A0), 4);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/*
 * The buggy in-place collapse (knob collapse_in_place) re-maps the very
 * folio by a PMD: its bug is the exclusivity, not the protection, which
 * is the VMA's there too.
 */
static bool test_collapse_in_place_protnone(void)
{
	struct world_config cfg;
	struct world *w;
	struct folio *folio;
	pte_t pmd;

	world_config_default(&cfg);
	cfg.thp = MM_THP_MODE_ALWAYS;
	cfg.knobs.on[MMK_COLLAPSE_IN_PLACE] = true;
	w = world_create(&cfg, NULL);
	ASSERT_EQ(mm_mmap(w, 0, A0, SZ_2M, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(store(w, 0, A0, 8), 1);
	folio = huge_entry(w, 0, A0).folio;
	ASSERT_EQ(mm_mprotect(w, 0, A0, PG, MMP_NONE), 0);	/* splits the PMD */
	ASSERT_TRUE(pte_none(huge_entry(w, 0, A0)));
	ASSERT_EQ(mm_mprotect(w, 0, A0, SZ_2M, MMP_NONE), 0);
	ASSERT_EQ(mm_madvise(w, 0, A0, SZ_2M, MMA_COLLAPSE), 0);
	pmd = huge_entry(w, 0, A0);
	ASSERT_TRUE(pmd.folio == folio);		/* in place */
	ASSERT_TRUE(pte_protnone(pmd) && !pte_write(pmd));
	ASSERT_TRUE(load_refused(w, 0, A0));
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/*
 * hugetlb: a FOLL_FORCE read of a PROT_NONE private mapping allocates the
 * page behind an inaccessible leaf (make_huge_pte() with vm_page_prot).
 */
static bool test_hugetlb_force_read(void)
{
	struct world *w = new_world_cfg("current", MM_THP_MODE_MADVISE, 1);
	pte_t leaf;

	ASSERT_EQ(mm_mmap(w, 0, A0, SZ_2M, MMP_NONE, ANON_HUGE, -1, 0), 0);
	ASSERT_EQ(memread(w, 0, A0), 0);
	leaf = huge_entry(w, 0, A0);
	ASSERT_TRUE(pte_present(leaf) && folio_test_hugetlb(leaf.folio));
	ASSERT_TRUE(pte_protnone(leaf) && !pte_write(leaf));
	ASSERT_TRUE(load_refused(w, 0, A0));
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/*
 * hugetlb COW: the child's FOLL_FORCE write to a page shared with its
 * parent in a PROT_NONE mapping copies it (hugetlb_wp()) behind an
 * inaccessible leaf; the parent keeps its page.
 */
static bool test_hugetlb_force_write_cow(void)
{
	struct world *w = new_world_cfg("current", MM_THP_MODE_MADVISE, 2);
	struct folio *old;
	pte_t leaf;

	ASSERT_EQ(mm_mmap(w, 0, A0, SZ_2M, HUGE_RW, ANON_HUGE, -1, 0), 0);
	ASSERT_EQ(store(w, 0, A0, 1), 1);
	old = huge_entry(w, 0, A0).folio;
	ASSERT_EQ(mm_mprotect(w, 0, A0, SZ_2M, MMP_NONE), 0);
	ASSERT_EQ(mm_fork(w, 0, 1), 0);
	ASSERT_EQ(memwrite(w, 1, A0, 2), 1);
	leaf = huge_entry(w, 1, A0);
	ASSERT_TRUE(leaf.folio != old && folio_test_hugetlb(leaf.folio));
	ASSERT_TRUE(pte_protnone(leaf) && !pte_write(leaf));
	ASSERT_TRUE(load_refused(w, 1, A0));
	ASSERT_EQ(memread(w, 1, A0), 2);
	ASSERT_EQ(memread(w, 0, A0), 1);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* After statement 1, make p0's entry at r0 accessible: the old bug. */
static int drop_protnone(void *priv, size_t idx, struct world *w, char *msg,
			 size_t msg_size)
{
	pte_t *ptep = pte_offset(w->mm[0], A0, false);

	(void)priv;
	(void)msg;
	(void)msg_size;
	if (idx == 1 && ptep && pte_present(*ptep))
		ptep->flags &= ~_PAGE_PROTNONE;
	return 0;
}

/* Run @text, with drop_protnone() after each statement if @tamper. */
static enum run_outcome run_tampered(const char *text, bool tamper,
				     struct run_result *res)
{
	struct run_options opt = { .checks = RUN_CHECK_ALL,
				   .after_stmt = tamper ? drop_protnone : NULL };
	struct mm_error err;
	struct mm_prog p;
	enum run_outcome out;

	if (mm_prog_parse(text, strlen(text), &p, &err) ||
	    mm_prog_check(&p, false, &err))
		return RUN_ERROR;
	out = mm_run_program(&p, &opt, res);
	mm_prog_free(&p);
	return out;
}

/*
 * The view oracle judges loads that went through: with the entry made
 * accessible behind its back, the program's read of its PROT_NONE page is
 * I1, also from a stepwise thread; a /proc/self/mem read may succeed.
 */
static bool test_oracle_judges_successful_loads(void)
{
	static const char *const reads[] = { "p0 read r0\n",
					     "p0 read r0 @t0\n" };
	const char *setup = "p0 mmap r0 1p anon private none\n"
			    "p0 gup g0 r0 pin force\n";
	struct run_result res;
	char text[256];

	for (size_t i = 0; i < sizeof(reads) / sizeof(reads[0]); i++) {
		snprintf(text, sizeof(text), "%s%s", setup, reads[i]);
		ASSERT_EQ(run_tampered(text, false, &res), RUN_OK);
		ASSERT_EQ(run_tampered(text, true, &res), RUN_VIOLATION);
		ASSERT_STR_EQ(res.cls, "isolation");
		ASSERT_STR_EQ(res.id, "I1");
		ASSERT_EQ(res.line, 3);
	}
	snprintf(text, sizeof(text), "%sp0 memread r0\n", setup);
	ASSERT_EQ(run_tampered(text, true, &res), RUN_OK);
	return true;
}

static const struct test tests[] = {
	TEST(test_force_read_zeropage),
	TEST(test_force_read_huge_zeropage),
	TEST(test_force_write_thp),
	TEST(test_force_write_huge_zero_copy_5_7),
	TEST(test_force_read_swapin),
	TEST(test_collapse_protnone),
	TEST(test_collapse_in_place_protnone),
	TEST(test_hugetlb_force_read),
	TEST(test_hugetlb_force_write_cow),
	TEST(test_oracle_judges_successful_loads),
	{ 0 },
};

int main(void)
{
	return run_tests(tests);
}
