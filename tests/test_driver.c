// SPDX-License-Identifier: MIT
/*
 * test_driver.c - driver mappings (VM_MIXEDMAP) and the zeropage their
 * driver inserts (semantics.md §2.23): the entries, references and
 * errors of the 6.11 rule and of the rule before it, and what fork,
 * mprotect, GUP and munmap do with them.
 */
#include "internal.h"
#include "test.h"
#include "test_world.h"

#define A0	0x100000000000ULL	/* slot r0 */
#define A1	0x100100000000ULL	/* slot r1 */
#define A2	0x100200000000ULL	/* slot r2 */
#define PG	4096ULL
#define RW	(MMP_READ | MMP_WRITE)

static struct world *new_world_knob(bool insert_special)
{
	struct world_config cfg;

	world_config_default(&cfg);
	cfg.knobs.on[MMK_ZEROPAGE_INSERT_SPECIAL] = insert_special;
	return world_create(&cfg, NULL);
}

static pte_t entry(struct world *w, int pid, uint64_t addr)
{
	pte_t *ptep = pte_offset(w->mm[pid], addr, false);

	return ptep ? *ptep : pte_empty();
}

static void observe(void *priv, uint64_t addr, uint64_t value)
{
	(void)addr;
	*(uint64_t *)priv = value;
}

/* Load one page; 0 and the value seen, or the error. */
static int read_page(struct world *w, int pid, uint64_t addr, uint64_t *value)
{
	int err = 0;

	*value = ~0ULL;
	if (mm_access(w, pid, addr, PG, false, NULL, observe, value, &err) == 1)
		return 0;
	return err;
}

static int store(struct world *w, int pid, uint64_t addr, uint64_t v)
{
	struct mm_data d = { .value = v };
	int err = 0;

	mm_access(w, pid, addr, PG, true, &d, NULL, NULL, &err);
	return err;
}

static bool is_special_zero(struct world *w, pte_t pte)
{
	return pte_present(pte) && pte_special(pte) && !pte_write(pte) &&
	       pte.folio == w->zero_folio;
}

/* 6.11+: a special, read-only, unreferenced entry in a COW mapping. */
static bool test_insert_private(void)
{
	struct world *w = new_world_knob(true);
	struct vm_area_struct *vma;
	uint64_t done = 99, v;
	pte_t pte;

	ASSERT_EQ(mm_mmap_driver(w, 0, A0, 4 * PG, RW, 0), 0);
	vma = vma_lookup(w->mm[0], A0);
	ASSERT_TRUE(vma && (vma->vm_flags & VM_MIXEDMAP));
	ASSERT_TRUE(is_cow_mapping(vma->vm_flags));
	ASSERT_FALSE(vma_is_anonymous(vma));
	ASSERT_EQ(mm_insert_zeropage(w, 0, A0, 2 * PG, &done), 0);
	ASSERT_EQ(done, 2);
	ASSERT_TRUE(is_special_zero(w, entry(w, 0, A0)));
	ASSERT_TRUE(is_special_zero(w, entry(w, 0, A0 + PG)));
	ASSERT_EQ(w->zero_folio->refcount, 1);
	ASSERT_EQ(w->zero_folio->page0.mapcount, 0);
	/* Something is there already. */
	ASSERT_EQ(mm_insert_zeropage(w, 0, A0 + PG, 2 * PG, &done), -EBUSY);
	ASSERT_EQ(done, 0);
	ASSERT_EQ(read_page(w, 0, A0, &v), 0);
	ASSERT_EQ(v, 0);
	/* No ->fault handler where nothing was inserted. */
	ASSERT_EQ(read_page(w, 0, A0 + 2 * PG, &v), -MM_ESIGBUS);
	ASSERT_EQ(store(w, 0, A0 + 3 * PG, 5), -MM_ESIGBUS);
	/* A write copies into an exclusive anon page. */
	ASSERT_EQ(store(w, 0, A0, 7), 0);
	pte = entry(w, 0, A0);
	ASSERT_TRUE(pte_present(pte) && pte_write(pte) && !pte_special(pte));
	ASSERT_TRUE(folio_test_anon(pte.folio));
	ASSERT_TRUE(PageAnonExclusive(pte.folio, 0));
	ASSERT_TRUE(is_special_zero(w, entry(w, 0, A0 + PG)));
	ASSERT_EQ(folio_page_content(w->zero_folio, 0), 0);
	ASSERT_EQ(mm_insert_zeropage(w, 0, A0, PG, NULL), -EBUSY);
	/* The rest of the range can still be filled. */
	ASSERT_EQ(mm_insert_zeropage(w, 0, A0 + 2 * PG, 2 * PG, &done), 0);
	ASSERT_EQ(done, 2);
	ASSERT_TRUE(checks_clean(w));
	ASSERT_EQ(mm_munmap(w, 0, A0, 4 * PG), 0);
	ASSERT_EQ(w->zero_folio->refcount, 1);
	world_destroy(w);
	return true;
}

/* 6.11+: -EINVAL wherever the entry could ever become writable. */
static bool test_insert_refused(void)
{
	struct world *w = new_world_knob(true);
	uint64_t done = 99, v;

	ASSERT_EQ(mm_mmap_driver(w, 0, A0, PG, RW, MMF_SHARED), 0);
	ASSERT_EQ(mm_insert_zeropage(w, 0, A0, PG, &done), -EINVAL);
	ASSERT_EQ(done, 0);
	ASSERT_TRUE(pte_none(entry(w, 0, A0)));
	ASSERT_EQ(store(w, 0, A0, 1), -MM_ESIGBUS);
	/* Read-only, but VM_MAYWRITE: mprotect could make it writable. */
	ASSERT_EQ(mm_mmap_driver(w, 0, A0, PG, MMP_READ, MMF_SHARED), 0);
	ASSERT_EQ(mm_insert_zeropage(w, 0, A0, PG, NULL), -EINVAL);
	/* A device opened read-only: no VM_MAYWRITE, allowed. */
	ASSERT_EQ(mm_mmap_driver(w, 0, A0, 2 * PG, RW, MMF_SHARED | MMF_RO_FILE),
		  -EACCES);
	ASSERT_EQ(mm_mmap_driver(w, 0, A0, 2 * PG, MMP_READ,
				 MMF_SHARED | MMF_RO_FILE), 0);
	ASSERT_EQ(mm_insert_zeropage(w, 0, A0, PG, &done), 0);
	ASSERT_EQ(done, 1);
	ASSERT_TRUE(is_special_zero(w, entry(w, 0, A0)));
	ASSERT_EQ(read_page(w, 0, A0, &v), 0);
	ASSERT_EQ(v, 0);
	ASSERT_EQ(store(w, 0, A0, 1), -MM_ESIGSEGV);
	ASSERT_EQ(mm_mprotect(w, 0, A0, PG, RW), -EACCES);
	/* The driver reaches its own mapping only. */
	ASSERT_EQ(mm_insert_zeropage(w, 0, A0 + PG, 2 * PG, &done), -EFAULT);
	ASSERT_EQ(done, 1);
	ASSERT_EQ(mm_mmap(w, 0, A1, PG, RW, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(mm_insert_zeropage(w, 0, A1, PG, &done), -EFAULT);
	ASSERT_EQ(mm_insert_zeropage(w, 0, A0 + 1, PG, &done), -EINVAL);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/*
 * Before 6.11: a referenced, mapcounted, normal entry with the mapping's
 * protection; the bookkeeping balances through fork and unmap.
 */
static bool test_insert_refcounted(void)
{
	struct world *w = new_world_knob(false);
	pte_t pte;

	ASSERT_EQ(mm_mmap_driver(w, 0, A0, 2 * PG, RW, 0), 0);
	ASSERT_EQ(mm_insert_zeropage(w, 0, A0, 2 * PG, NULL), 0);
	pte = entry(w, 0, A0);
	ASSERT_TRUE(pte_present(pte) && !pte_special(pte) && !pte_write(pte));
	ASSERT_TRUE(pte.folio == w->zero_folio);
	ASSERT_EQ(w->zero_folio->refcount, 3);
	ASSERT_EQ(w->zero_folio->page0.mapcount, 2);
	ASSERT_TRUE(checks_clean(w));
	ASSERT_EQ(mm_fork(w, 0, 1), 0);
	ASSERT_EQ(w->zero_folio->refcount, 5);
	ASSERT_EQ(w->zero_folio->page0.mapcount, 4);
	/* The child's write copies; the zeropage loses that mapping. */
	ASSERT_EQ(store(w, 1, A0, 9), 0);
	ASSERT_TRUE(folio_test_anon(entry(w, 1, A0).folio));
	ASSERT_EQ(w->zero_folio->refcount, 4);
	ASSERT_EQ(folio_page_content(w->zero_folio, 0), 0);
	ASSERT_TRUE(checks_clean(w));
	ASSERT_EQ(mm_exit(w, 1), 0);
	ASSERT_EQ(mm_munmap(w, 0, A0, PG), 0);
	ASSERT_EQ(w->zero_folio->refcount, 2);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);	/* asserts the zeropage is back to one reference */
	return true;
}

/*
 * Before 6.11 in a shared writable mapping: the entry is writable (S5),
 * and a store writes the global zeropage, which the checker sees too.
 */
static bool test_insert_writable_zeropage(void)
{
	struct world *w = new_world_knob(false);
	struct mm_violation v;
	uint64_t value;

	ASSERT_EQ(mm_mmap(w, 0, A1, PG, RW, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(read_page(w, 0, A1, &value), 0);	/* the anon zeropage */
	ASSERT_EQ(mm_mmap_driver(w, 0, A0, PG, RW, MMF_SHARED), 0);
	ASSERT_EQ(mm_insert_zeropage(w, 0, A0, PG, NULL), 0);
	ASSERT_TRUE(pte_write(entry(w, 0, A0)));
	ASSERT_TRUE(world_check(w, &v));
	ASSERT_STR_EQ(v.id, "S5");
	ASSERT_EQ(store(w, 0, A0, 0x55), 0);
	ASSERT_EQ(read_page(w, 0, A1, &value), 0);
	ASSERT_EQ(value, 0x55);
	/* A COW copy of the zeropage is zero-filled, never a copy of it. */
	ASSERT_EQ(mm_mmap_driver(w, 0, A2, PG, RW, 0), 0);
	ASSERT_EQ(mm_insert_zeropage(w, 0, A2, PG, NULL), 0);
	ASSERT_EQ(read_page(w, 0, A2, &value), 0);
	ASSERT_EQ(value, 0x55);
	ASSERT_EQ(mm_gup(w, 0, 0, A2, PG, MMG_WRITE, MMH_GUP, NULL), 0);
	ASSERT_TRUE(folio_test_anon(entry(w, 0, A2).folio));
	ASSERT_EQ(read_page(w, 0, A2, &value), 0);
	ASSERT_EQ(value, 0);
	ASSERT_EQ(mm_handle_put(w, 0), 0);
	ASSERT_EQ(mm_munmap(w, 0, A2, PG), 0);
	/* Once the entry is gone, the content still gives it away. */
	ASSERT_EQ(mm_munmap(w, 0, A0, PG), 0);
	ASSERT_TRUE(world_check(w, &v));
	ASSERT_STR_EQ(v.id, "S5");
	w->zero_folio->page0.content = 0;
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/*
 * GUP (§2.23): the slow path returns the zeropage (a pin is a no-op), a
 * R/O long-term pin unshares in a COW mapping and stays on the zeropage
 * elsewhere; GUP-fast falls back on the special entry.
 */
static bool test_gup(void)
{
	struct world *w = new_world_knob(true);
	pte_t pte;

	ASSERT_EQ(mm_mmap_driver(w, 0, A0, 4 * PG, MMP_READ, 0), 0);
	ASSERT_EQ(mm_insert_zeropage(w, 0, A0, 4 * PG, NULL), 0);
	ASSERT_EQ(mm_gup(w, 0, 0, A0, PG, MMG_PIN, MMH_GUP, NULL), 0);
	ASSERT_TRUE(w->handles[0].pages[0].folio == w->zero_folio);
	ASSERT_EQ(w->zero_folio->refcount, 1);
	ASSERT_EQ(mm_gup(w, 0, 1, A0 + PG, PG, MMG_FAST, MMH_VMSPLICE, NULL), 0);
	ASSERT_TRUE(w->handles[1].pages[0].folio == w->zero_folio);
	ASSERT_EQ(w->zero_folio->refcount, 2);
	ASSERT_TRUE(is_special_zero(w, entry(w, 0, A0 + PG)));
	ASSERT_EQ(mm_gup(w, 0, 2, A0 + 2 * PG, PG, MMG_PIN | MMG_LONGTERM | MMG_FAST,
			 MMH_GUP, NULL), 0);
	pte = entry(w, 0, A0 + 2 * PG);
	ASSERT_TRUE(pte_present(pte) && !pte_write(pte) &&
		    folio_test_anon(pte.folio) && PageAnonExclusive(pte.folio, 0));
	ASSERT_TRUE(w->handles[2].pages[0].folio == pte.folio);
	/* A forced write lands on a private copy, never on the zeropage. */
	ASSERT_EQ(mm_gup(w, 0, 3, A0 + 3 * PG, PG, MMG_PIN | MMG_WRITE | MMG_FORCE,
			 MMH_GUP, NULL), 0);
	ASSERT_TRUE(folio_test_anon(w->handles[3].pages[0].folio));
	ASSERT_TRUE(checks_clean(w));
	for (int g = 0; g < 4; g++)
		ASSERT_EQ(mm_handle_put(w, g), 0);
	ASSERT_EQ(w->zero_folio->refcount, 1);
	/* Not a COW mapping: the long-term pin stays on the zeropage. */
	ASSERT_EQ(mm_mmap_driver(w, 0, A1, PG, MMP_READ, MMF_SHARED | MMF_RO_FILE), 0);
	ASSERT_EQ(mm_insert_zeropage(w, 0, A1, PG, NULL), 0);
	ASSERT_EQ(mm_gup(w, 0, 0, A1, PG, MMG_PIN | MMG_LONGTERM, MMH_GUP, NULL), 0);
	ASSERT_TRUE(w->handles[0].pages[0].folio == w->zero_folio);
	ASSERT_TRUE(is_special_zero(w, entry(w, 0, A1)));
	/* Nothing inserted: the fault has no handler. */
	ASSERT_EQ(mm_munmap(w, 0, A0, PG), 0);
	ASSERT_EQ(mm_mmap_driver(w, 0, A0, PG, MMP_READ, 0), 0);
	ASSERT_EQ(mm_gup(w, 0, 1, A0, PG, 0, MMH_GUP, NULL), -EFAULT);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

/* fork copies a driver mapping's entries; mprotect never upgrades them. */
static bool test_fork_mprotect(void)
{
	struct world *w = new_world_knob(true);
	uint64_t v;

	ASSERT_EQ(mm_mmap_driver(w, 0, A0, 2 * PG, MMP_READ, 0), 0);
	ASSERT_EQ(mm_insert_zeropage(w, 0, A0, PG, NULL), 0);
	ASSERT_EQ(mm_fork(w, 0, 1), 0);
	ASSERT_TRUE(is_special_zero(w, entry(w, 1, A0)));
	ASSERT_TRUE(pte_none(entry(w, 1, A0 + PG)));
	ASSERT_EQ(mm_mprotect(w, 0, A0, 2 * PG, RW), 0);
	ASSERT_TRUE(is_special_zero(w, entry(w, 0, A0)));
	ASSERT_EQ(store(w, 0, A0, 3), 0);
	ASSERT_TRUE(folio_test_anon(entry(w, 0, A0).folio));
	ASSERT_EQ(read_page(w, 1, A0, &v), 0);
	ASSERT_EQ(v, 0);
	ASSERT_EQ(read_page(w, 1, A0 + PG, &v), -MM_ESIGBUS);
	/* Driver mappings are never merged with their neighbours. */
	ASSERT_EQ(mm_mprotect(w, 1, A0, PG, RW), 0);
	ASSERT_EQ(mm_mprotect(w, 1, A0, PG, MMP_READ), 0);
	ASSERT_TRUE(vma_lookup(w->mm[1], A0)->vm_end == A0 + PG);
	ASSERT_TRUE(checks_clean(w));
	world_destroy(w);
	return true;
}

static const struct test tests[] = {
	TEST(test_insert_private),
	TEST(test_insert_refused),
	TEST(test_insert_refcounted),
	TEST(test_insert_writable_zeropage),
	TEST(test_gup),
	TEST(test_fork_mprotect),
	{ 0 },
};

int main(void)
{
	return run_tests(tests);
}
