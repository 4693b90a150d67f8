/* SPDX-License-Identifier: MIT */
/*
 * emu_helpers.h - what the unit tests that look inside the emulator
 * (internal.h) share: addresses, worlds of an era or with hugetlb pools,
 * the entry mapping an address, one-page loads and stores.
 */
#ifndef MMFUZZ_EMU_HELPERS_H
#define MMFUZZ_EMU_HELPERS_H

#include "internal.h"
#include "test_world.h"

#define A0	0x100000000000ULL	/* slot r0 */
#define A1	0x100100000000ULL	/* slot r1 */
#define A2	0x100200000000ULL	/* slot r2 */
#define PG	4096ULL
#define SZ_2M	(2ULL << 20)
#define SZ_1G	(1ULL << 30)

#define HUGE_RW		(MMP_READ | MMP_WRITE)
#define ANON_HUGE	(MMF_ANON | MMF_HUGETLB)

static inline struct world *new_world(void)
{
	struct world_config cfg;

	world_config_default(&cfg);
	return world_create(&cfg, NULL);
}

/* A world of era @era, or NULL if the era is unknown. */
static inline struct world *era_world(const char *era)
{
	struct world_config cfg;

	world_config_default(&cfg);
	if (mm_era_preset(era, &cfg.knobs))
		return NULL;
	return world_create(&cfg, NULL);
}

static inline struct world *new_world_pools(const char *era, uint32_t n2m,
					    uint32_t n1g)
{
	struct world_config cfg;

	world_config_default(&cfg);
	mm_era_preset(era, &cfg.knobs);
	cfg.hugetlb_2m = n2m;
	cfg.hugetlb_1g = n1g;
	return world_create(&cfg, NULL);
}

/* The PTE of @pid at @addr, none if there is no PTE table. */
static inline pte_t entry(struct world *w, int pid, uint64_t addr)
{
	pte_t *ptep = pte_offset(w->mm[pid], addr, false);

	return ptep ? *ptep : pte_empty();
}

/* The PMD or PUD leaf of @pid at @addr, none if there is none. */
static inline pte_t huge_entry(struct world *w, int pid, uint64_t addr)
{
	unsigned int level;
	pte_t *ptep = leaf_offset(w->mm[pid], addr, &level);

	return ptep && level ? *ptep : pte_empty();
}

/* Store @v into the page at @addr: the number of pages done, or -errno. */
static inline long store(struct world *w, int pid, uint64_t addr, uint64_t v)
{
	struct mm_data d = { .value = v };

	return mm_access(w, pid, addr, PG, true, &d, NULL, NULL, NULL);
}

static inline void load_obs(void *priv, uint64_t addr, uint64_t value)
{
	(void)addr;
	*(uint64_t *)priv = value;
}

/* What a CPU load of the page at @addr sees (faulting); ~0 on failure. */
static inline uint64_t load(struct world *w, int pid, uint64_t addr)
{
	uint64_t v = ~0ULL;

	if (mm_access(w, pid, addr, PG, false, NULL, load_obs, &v, NULL) != 1)
		return ~0ULL;
	return v;
}

/* What handle @gid's page 0 holds. */
static inline uint64_t handle_value(struct world *w, int gid)
{
	uint64_t v = ~0ULL;

	mm_handle_read(w, gid, load_obs, &v);
	return v;
}

#endif /* MMFUZZ_EMU_HELPERS_H */
