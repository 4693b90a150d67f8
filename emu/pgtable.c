// SPDX-License-Identifier: MIT
/*
 * pgtable.c - four-level page tables and the page-table walker.
 *
 *   pgd (bits 39-47) -> pud (30-38) -> pmd (21-29) -> pte (12-20)
 *
 * Tables are allocated when an entry is first installed below them and
 * freed when their last entry goes, so the cost of an address space is
 * proportional to what is mapped, never to the size of its VMAs.  PMD and
 * PUD slots can hold a leaf (a huge mapping) instead of a table.
 */
#include "internal.h"

#include <stddef.h>

static unsigned int pgd_index(uint64_t addr) { return (addr >> PGDIR_SHIFT) & 511; }
static unsigned int pud_index(uint64_t addr) { return (addr >> PUD_SHIFT) & 511; }
static unsigned int pmd_index(uint64_t addr) { return (addr >> PMD_SHIFT) & 511; }
static unsigned int pte_index(uint64_t addr) { return (addr >> PAGE_SHIFT) & 511; }

/* Mark slot @i of a table used or free, keeping its count. */
static void slot_set(uint64_t *used, unsigned int *nr, unsigned int i)
{
	used[i / 64] |= 1ULL << (i % 64);
	if (nr)
		(*nr)++;
}

static void slot_clear(uint64_t *used, unsigned int *nr, unsigned int i)
{
	used[i / 64] &= ~(1ULL << (i % 64));
	if (nr)
		(*nr)--;
}

/* The first used slot in [@i, @end) of a table, or @end. */
static inline __attribute__((always_inline))
unsigned int next_used(const uint64_t *used, unsigned int i, unsigned int end)
{
	return (unsigned int)find_next_bit(used, end, i);
}

static inline __attribute__((always_inline))
bool slot_used(const uint64_t *used, unsigned int i)
{
	return (used[i / 64] >> (i % 64)) & 1;
}

/*
 * Tables are allocated without clearing their slots (clearing 8-12 KiB per
 * table dominated the cost of small mappings): only the count and the
 * bitmap start zeroed, and a slot the bitmap calls unused is cleared when
 * it is looked at.  Every access to a slot goes through the helpers below.
 */
static void *table_alloc(struct world *w, size_t size, size_t header)
{
	char *t = kmalloc(w, size);

	memset(t + header, 0, size - header);
	return t;
}

#define TABLE_ALLOC(w, type, first_counted) \
	((type *)table_alloc((w), sizeof(type), offsetof(type, first_counted)))

struct pgd_table *pgd_alloc(struct world *w)
{
	return TABLE_ALLOC(w, struct pgd_table, used);
}

static struct pud_table *pgd_slot(const struct pgd_table *pgd, unsigned int i)
{
	return slot_used(pgd->used, i) ? pgd->pud[i] : NULL;
}

static pud_t *pud_slot(struct pud_table *t, unsigned int i)
{
	if (!slot_used(t->used, i))
		memset(&t->pud[i], 0, sizeof(t->pud[i]));
	return &t->pud[i];
}

static pmd_t *pmd_slot(struct pmd_table *t, unsigned int i)
{
	if (!slot_used(t->used, i))
		memset(&t->pmd[i], 0, sizeof(t->pmd[i]));
	return &t->pmd[i];
}

static pte_t *pte_slot(struct pte_table *t, unsigned int i)
{
	if (!slot_used(t->used, i))
		t->pte[i] = pte_empty();
	return &t->pte[i];
}

static pud_t *pud_offset(struct mm_struct *mm, uint64_t addr, bool alloc)
{
	struct pud_table *pudt = pgd_slot(mm->pgd, pgd_index(addr));

	if (!pudt) {
		if (!alloc)
			return NULL;
		pudt = TABLE_ALLOC(mm->w, struct pud_table, nr_used);
		mm->pgd->pud[pgd_index(addr)] = pudt;
		slot_set(mm->pgd->used, NULL, pgd_index(addr));
	}
	return pud_slot(pudt, pud_index(addr));
}

/* The PMD slot covering @addr, allocating the tables above it if @alloc. */
pmd_t *pmd_offset(struct mm_struct *mm, uint64_t addr, bool alloc)
{
	pud_t *pud = pud_offset(mm, addr, alloc);

	if (!pud || !pte_none(pud->leaf))
		return NULL;
	if (!pud->table) {
		if (!alloc)
			return NULL;
		struct pud_table *pudt = pgd_slot(mm->pgd, pgd_index(addr));

		pud->table = TABLE_ALLOC(mm->w, struct pmd_table, nr_used);
		slot_set(pudt->used, &pudt->nr_used, pud_index(addr));
	}
	return pmd_slot(pud->table, pmd_index(addr));
}

/*
 * The PTE slot for @addr, or NULL when no PTE table covers it (and !@alloc)
 * or when a huge leaf maps it.
 */
pte_t *pte_offset(struct mm_struct *mm, uint64_t addr, bool alloc)
{
	pmd_t *pmd = pmd_offset(mm, addr, alloc);

	if (!pmd || !pte_none(pmd->leaf))
		return NULL;
	if (!pmd->table) {
		if (!alloc)
			return NULL;
		struct pmd_table *pmdt = pud_offset(mm, addr, false)->table;

		pmd->table = TABLE_ALLOC(mm->w, struct pte_table, nr_used);
		slot_set(pmdt->used, &pmdt->nr_used, pmd_index(addr));
	}
	return pte_slot(pmd->table, pte_index(addr));
}

/*
 * The entry that maps @addr at whichever level: a PUD leaf (*@level 2), a
 * PMD leaf (1) or a PTE (0).  NULL when no table reaches @addr; the entry
 * returned may be none.
 */
pte_t *leaf_offset(struct mm_struct *mm, uint64_t addr, unsigned int *level)
{
	pud_t *pud = pud_offset(mm, addr, false);
	pmd_t *pmd;

	if (!pud)
		return NULL;
	if (!pte_none(pud->leaf)) {
		*level = 2;
		return &pud->leaf;
	}
	if (!pud->table)
		return NULL;
	pmd = pmd_slot(pud->table, pmd_index(addr));
	if (!pte_none(pmd->leaf)) {
		*level = 1;
		return &pmd->leaf;
	}
	if (!pmd->table)
		return NULL;
	*level = 0;
	return pte_slot(pmd->table, pte_index(addr));
}

/*
 * Install or clear the huge leaf of the PMD slot covering @addr (which must
 * hold no PTE table with entries: an empty one is freed).
 */
void set_pmd_at(struct mm_struct *mm, uint64_t addr, pte_t leaf)
{
	pmd_t *pmd = pmd_offset(mm, addr, !pte_none(leaf));
	struct pmd_table *pmdt;

	if (!pmd)
		return;
	pmdt = pud_offset(mm, addr, false)->table;
	if (pmd->table) {
		MM_BUG_ON(NULL, pmd->table->nr_used);
		kfree(mm->w, pmd->table);
		pmd->table = NULL;
		slot_clear(pmdt->used, &pmdt->nr_used, pmd_index(addr));
	}
	if (pte_none(pmd->leaf) && !pte_none(leaf))
		slot_set(pmdt->used, &pmdt->nr_used, pmd_index(addr));
	else if (!pte_none(pmd->leaf) && pte_none(leaf))
		slot_clear(pmdt->used, &pmdt->nr_used, pmd_index(addr));
	pmd->leaf = leaf;
}

/* The same one level up, for 1 GiB leaves. */
void set_pud_at(struct mm_struct *mm, uint64_t addr, pte_t leaf)
{
	pud_t *pud = pud_offset(mm, addr, !pte_none(leaf));
	struct pud_table *pudt;

	if (!pud)
		return;
	pudt = pgd_slot(mm->pgd, pgd_index(addr));
	if (pud->table) {
		MM_BUG_ON(NULL, pud->table->nr_used);
		kfree(mm->w, pud->table);
		pud->table = NULL;
		slot_clear(pudt->used, &pudt->nr_used, pud_index(addr));
	}
	if (pte_none(pud->leaf) && !pte_none(leaf))
		slot_set(pudt->used, &pudt->nr_used, pud_index(addr));
	else if (!pte_none(pud->leaf) && pte_none(leaf))
		slot_clear(pudt->used, &pudt->nr_used, pud_index(addr));
	pud->leaf = leaf;
}

/* The PMD slot's leaf, or NULL when it holds none (or a table). */
pte_t *pmd_leaf_offset(struct mm_struct *mm, uint64_t addr)
{
	pmd_t *pmd = pmd_offset(mm, addr, false);

	return pmd && !pte_none(pmd->leaf) ? &pmd->leaf : NULL;
}

/* The PUD slot's leaf, or NULL. */
pte_t *pud_leaf_offset(struct mm_struct *mm, uint64_t addr)
{
	pud_t *pud = pud_offset(mm, addr, false);

	return pud && !pte_none(pud->leaf) ? &pud->leaf : NULL;
}

static struct pte_table *pte_table_of(struct mm_struct *mm, uint64_t addr)
{
	pmd_t *pmd = pmd_offset(mm, addr, false);

	return pmd ? pmd->table : NULL;
}

/* Install @pte at @ptep, keeping the table's entry count. */
void set_pte_at(struct mm_struct *mm, uint64_t addr, pte_t *ptep, pte_t pte)
{
	struct pte_table *table = pte_table_of(mm, addr);

	if (pte_none(*ptep) && !pte_none(pte))
		slot_set(table->used, &table->nr_used, pte_index(addr));
	else if (!pte_none(*ptep) && pte_none(pte))
		slot_clear(table->used, &table->nr_used, pte_index(addr));
	*ptep = pte;
}

void pte_clear(struct mm_struct *mm, uint64_t addr, pte_t *ptep)
{
	set_pte_at(mm, addr, ptep, pte_empty());
}

/*
 * free_pgtables - free the PTE, PMD and PUD tables in [start, end) that no
 * longer hold any entry.
 *
 * Models: mm/memory.c:free_pgtables()
 */
void free_pgtables(struct mm_struct *mm, uint64_t start, uint64_t end)
{
	for (uint64_t addr = ALIGN_DOWN(start, PMD_SIZE); addr < end;
	     addr += PMD_SIZE) {
		pud_t *pud = pud_offset(mm, addr, false);
		pmd_t *pmd;

		if (!pud || !pud->table) {
			addr = ALIGN_DOWN(addr, PUD_SIZE) + PUD_SIZE - PMD_SIZE;
			continue;
		}
		pmd = pmd_slot(pud->table, pmd_index(addr));
		if (pmd->table && !pmd->table->nr_used) {
			kfree(mm->w, pmd->table);
			pmd->table = NULL;
			slot_clear(pud->table->used, &pud->table->nr_used,
				   pmd_index(addr));
		}
		if (!pud->table->nr_used) {
			struct pud_table *pudt = pgd_slot(mm->pgd, pgd_index(addr));

			kfree(mm->w, pud->table);
			pud->table = NULL;
			slot_clear(pudt->used, &pudt->nr_used, pud_index(addr));
		}
	}
}

/* Free every table of @mm; the entries must already be gone. */
void free_pgd(struct mm_struct *mm)
{
	struct pgd_table *pgd = mm->pgd;

	for (unsigned int g = next_used(pgd->used, 0, PTRS_PER_TABLE);
	     g < PTRS_PER_TABLE; g = next_used(pgd->used, g + 1, PTRS_PER_TABLE)) {
		struct pud_table *pudt = pgd->pud[g];

		for (unsigned int u = next_used(pudt->used, 0, PTRS_PER_TABLE);
		     u < PTRS_PER_TABLE;
		     u = next_used(pudt->used, u + 1, PTRS_PER_TABLE)) {
			struct pmd_table *pmdt = pudt->pud[u].table;

			if (!pmdt)
				continue;
			for (unsigned int m = next_used(pmdt->used, 0, PTRS_PER_TABLE);
			     m < PTRS_PER_TABLE;
			     m = next_used(pmdt->used, m + 1, PTRS_PER_TABLE))
				kfree(mm->w, pmdt->pmd[m].table);
			kfree(mm->w, pmdt);
		}
		kfree(mm->w, pudt);
	}
	kfree(mm->w, pgd);
	mm->pgd = NULL;
}

MM_NOCOV_BEGIN

/*
 * The walkers below visit the used slots of a table from its bitmap: a
 * sparse table costs what is in it, not its 512 slots.  The bitmap is read
 * again after every callback, which may clear the entry it was given (or,
 * through WALK_SPLIT, replace a leaf by a table); a walk stops once it has
 * met as many slots as the table held when it started.
 */

/* The slots of a table of @size-sized entries that [addr, end) covers. */
static unsigned int first_slot(uint64_t addr, uint64_t size)
{
	return (addr / size) & 511;
}

static unsigned int end_slot(uint64_t end, uint64_t size)
{
	return (((end - 1) / size) & 511) + 1;
}

/* [addr, end) clipped to slot @i of the table holding @addr. */
static uint64_t slot_start(uint64_t addr, unsigned int i, uint64_t size)
{
	uint64_t base = ALIGN_DOWN(addr, size * PTRS_PER_TABLE) + i * size;

	return MAX(addr, base);
}

/*
 * How many PTEs from slot @i (at @addr) map consecutive pages of one folio
 * with the same flags, up to slot @last and the end of @vma.
 */
static unsigned int pte_batch_len(const struct pte_table *table,
				  unsigned int i, unsigned int last,
				  uint64_t addr, const struct vm_area_struct *vma)
{
	const pte_t *pte = &table->pte[i];
	unsigned int nr = 1, max = last - i, used = 0;

	if (!vma)
		return 1;
	max = MIN(max, (unsigned int)((vma->vm_end - addr) >> PAGE_SHIFT));
	/* The used slots from @i on, a bitmap word at a time. */
	while (used < max) {
		unsigned int bit = (i + used) % 64;
		uint64_t holes = ~table->used[(i + used) / 64] >> bit;
		unsigned int run = holes ? (unsigned int)__builtin_ctzll(holes) : 64 - bit;

		used += run;
		if (run < 64 - bit)
			break;
	}
	max = MIN(max, used);
	while (nr < max && pte[nr].type == PTE_PRESENT &&
	       pte[nr].folio == pte->folio && pte[nr].idx == pte->idx + nr &&
	       pte[nr].flags == pte->flags)
		nr++;
	return nr;
}

static int walk_pte_range(struct pte_table *table, uint64_t addr,
			  uint64_t end, struct mm_walk *walk)
{
	unsigned int last = end_slot(end, PAGE_SIZE), left = table->nr_used;
	uint64_t base = ALIGN_DOWN(addr, PMD_SIZE);	/* pages start on slots */
	int ret = 0;

	for (unsigned int i = next_used(table->used, first_slot(addr, PAGE_SIZE), last);
	     i < last; i = --left ? next_used(table->used, i + 1, last) : last) {
		uint64_t a = base + ((uint64_t)i << PAGE_SHIFT);
		unsigned int nr;

		if (!walk->vma || a < walk->vma->vm_start ||
		    a >= walk->vma->vm_end)
			walk->vma = vma_lookup(walk->mm, a);
		/* Only a large folio's pages can form a run. */
		if (!walk->ops->pte_batch || !pte_present(table->pte[i]) ||
		    !folio_test_large(table->pte[i].folio)) {
			ret = walk->ops->pte_entry(&table->pte[i], a, walk);
		} else {
			nr = pte_batch_len(table, i, last, a, walk->vma);
			ret = walk->ops->pte_batch(&table->pte[i], a, nr, walk);
			i += nr - 1;
			left -= nr - 1;
		}
		if (ret)
			break;
	}
	return ret;
}

static uint64_t next_boundary(uint64_t addr, uint64_t size, uint64_t end)
{
	uint64_t next = ALIGN_DOWN(addr, size) + size;

	return next < end ? next : end;
}

/*
 * A huge leaf covering [addr, end) (clipped to the walk): hugetlb VMAs go
 * to ->hugetlb_entry (skipped without one, as the kernel's walker skips
 * hugetlb VMAs), others (THP, the huge zeropage) to ->pmd_entry; an op
 * meeting a THP it has no callback for is a bug of the emulator.  A
 * callback that split the leaf into a PTE table returns WALK_SPLIT and the
 * walk goes on through the new PTEs.
 */
unsigned int leaf_level(const pte_t *leaf, const struct mm_walk *walk)
{
	(void)leaf;
	return walk->level;
}

static int walk_leaf(pte_t *leaf, unsigned int level, uint64_t addr,
		     uint64_t end, struct mm_walk *walk)
{
	walk->level = level;
	if (!walk->vma || addr < walk->vma->vm_start ||
	    addr >= walk->vma->vm_end)
		walk->vma = vma_lookup(walk->mm, addr);
	if (walk->vma && (walk->vma->vm_flags & VM_HUGETLB))
		return walk->ops->hugetlb_entry ?
		       walk->ops->hugetlb_entry(leaf, addr, end, walk) : 0;
	MM_BUG_ON(NULL, level != 1 || !walk->ops->pmd_entry);
	return walk->ops->pmd_entry(leaf, addr, end, walk);
}

static int walk_pmd_range(struct pmd_table *table, uint64_t addr,
			  uint64_t end, struct mm_walk *walk)
{
	unsigned int last = end_slot(end, PMD_SIZE), left = table->nr_used;
	int ret = 0;

	for (unsigned int i = next_used(table->used, first_slot(addr, PMD_SIZE), last);
	     i < last && !ret;
	     i = --left ? next_used(table->used, i + 1, last) : last) {
		pmd_t *pmd = &table->pmd[i];
		uint64_t a = slot_start(addr, i, PMD_SIZE);
		uint64_t next = next_boundary(a, PMD_SIZE, end);

		if (!pte_none(pmd->leaf)) {
			ret = walk_leaf(&pmd->leaf, 1, a, next, walk);
			if (ret != WALK_SPLIT)
				continue;
			ret = 0;
		}
		if (pmd->table)
			ret = walk_pte_range(pmd->table, a, next, walk);
	}
	return ret;
}

static int walk_pud_range(struct pud_table *table, uint64_t addr,
			  uint64_t end, struct mm_walk *walk)
{
	unsigned int last = end_slot(end, PUD_SIZE), left = table->nr_used;
	int ret = 0;

	for (unsigned int i = next_used(table->used, first_slot(addr, PUD_SIZE), last);
	     i < last && !ret;
	     i = --left ? next_used(table->used, i + 1, last) : last) {
		pud_t *pud = &table->pud[i];
		uint64_t a = slot_start(addr, i, PUD_SIZE);
		uint64_t next = next_boundary(a, PUD_SIZE, end);

		if (!pte_none(pud->leaf)) {
			ret = walk_leaf(&pud->leaf, 2, a, next, walk);
			if (ret != WALK_SPLIT)
				continue;
			ret = 0;
		}
		if (pud->table)
			ret = walk_pmd_range(pud->table, a, next, walk);
	}
	return ret;
}

/*
 * walk_page_range - call @ops->pte_entry for every non-none PTE of @mm in
 * [start, end), in address order, skipping absent tables.  walk->vma is
 * the VMA covering the entry (NULL if none).  The callback may change or
 * clear the entry it is given; it must not free tables.
 *
 * Models: mm/pagewalk.c:walk_page_range()
 */
int walk_page_range(struct mm_struct *mm, uint64_t start, uint64_t end,
		    const struct mm_walk_ops *ops, void *priv)
{
	struct mm_walk walk = { .ops = ops, .mm = mm, .priv = priv };
	const uint64_t *used = mm->pgd->used;
	unsigned int last;
	int ret = 0;

	if (start >= end)
		return 0;
	last = end_slot(end, PGDIR_SIZE);
	for (unsigned int i = next_used(used, first_slot(start, PGDIR_SIZE), last);
	     i < last && !ret; i = next_used(used, i + 1, last)) {
		uint64_t a = MAX(start, (uint64_t)i * PGDIR_SIZE);

		ret = walk_pud_range(mm->pgd->pud[i], a,
				     next_boundary(a, PGDIR_SIZE, end), &walk);
	}
	return ret;
}

MM_NOCOV_END
