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

static unsigned int pgd_index(uint64_t addr) { return (addr >> PGDIR_SHIFT) & 511; }
static unsigned int pud_index(uint64_t addr) { return (addr >> PUD_SHIFT) & 511; }
static unsigned int pmd_index(uint64_t addr) { return (addr >> PMD_SHIFT) & 511; }
static unsigned int pte_index(uint64_t addr) { return (addr >> PAGE_SHIFT) & 511; }

static pud_t *pud_offset(struct mm_struct *mm, uint64_t addr, bool alloc)
{
	struct pud_table **pudt = &mm->pgd->pud[pgd_index(addr)];

	if (!*pudt) {
		if (!alloc)
			return NULL;
		*pudt = mm_zalloc(sizeof(**pudt));
	}
	return &(*pudt)->pud[pud_index(addr)];
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
		pud->table = mm_zalloc(sizeof(*pud->table));
		mm->pgd->pud[pgd_index(addr)]->nr_used++;
	}
	return &pud->table->pmd[pmd_index(addr)];
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
		pmd->table = mm_zalloc(sizeof(*pmd->table));
		pud_offset(mm, addr, false)->table->nr_used++;
	}
	return &pmd->table->pte[pte_index(addr)];
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
	pmd = &pud->table->pmd[pmd_index(addr)];
	if (!pte_none(pmd->leaf)) {
		*level = 1;
		return &pmd->leaf;
	}
	if (!pmd->table)
		return NULL;
	*level = 0;
	return &pmd->table->pte[pte_index(addr)];
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
		free(pmd->table);
		pmd->table = NULL;
		pmdt->nr_used--;
	}
	if (pte_none(pmd->leaf) && !pte_none(leaf))
		pmdt->nr_used++;
	else if (!pte_none(pmd->leaf) && pte_none(leaf))
		pmdt->nr_used--;
	pmd->leaf = leaf;
}

/* The same one level up, for 1 GiB leaves. */
void set_pud_at(struct mm_struct *mm, uint64_t addr, pte_t leaf)
{
	pud_t *pud = pud_offset(mm, addr, !pte_none(leaf));
	struct pud_table *pudt;

	if (!pud)
		return;
	pudt = mm->pgd->pud[pgd_index(addr)];
	if (pud->table) {
		MM_BUG_ON(NULL, pud->table->nr_used);
		free(pud->table);
		pud->table = NULL;
		pudt->nr_used--;
	}
	if (pte_none(pud->leaf) && !pte_none(leaf))
		pudt->nr_used++;
	else if (!pte_none(pud->leaf) && pte_none(leaf))
		pudt->nr_used--;
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
		table->nr_used++;
	else if (!pte_none(*ptep) && pte_none(pte))
		table->nr_used--;
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
		pmd = &pud->table->pmd[pmd_index(addr)];
		if (pmd->table && !pmd->table->nr_used) {
			free(pmd->table);
			pmd->table = NULL;
			pud->table->nr_used--;
		}
		if (!pud->table->nr_used) {
			free(pud->table);
			pud->table = NULL;
			mm->pgd->pud[pgd_index(addr)]->nr_used--;
		}
	}
}

/* Free every table of @mm; the entries must already be gone. */
void free_pgd(struct mm_struct *mm)
{
	for (int g = 0; g < PTRS_PER_TABLE; g++) {
		struct pud_table *pudt = mm->pgd->pud[g];

		if (!pudt)
			continue;
		for (int u = 0; u < PTRS_PER_TABLE; u++) {
			struct pmd_table *pmdt = pudt->pud[u].table;

			if (!pmdt)
				continue;
			for (int m = 0; m < PTRS_PER_TABLE; m++)
				free(pmdt->pmd[m].table);
			free(pmdt);
		}
		free(pudt);
	}
	free(mm->pgd);
	mm->pgd = NULL;
}

/*
 * The walkers below stop scanning a table once they have met as many
 * used slots as the table holds: a sparse table costs what is in it, not
 * its 512 slots.  Entries the callback clears still count as met.
 */
static int walk_pte_range(struct pte_table *table, uint64_t addr,
			  uint64_t end, struct mm_walk *walk)
{
	unsigned int left = table->nr_used;
	int ret = 0;

	for (; addr < end && left; addr += PAGE_SIZE) {
		pte_t *pte = &table->pte[pte_index(addr)];

		if (pte_none(*pte))
			continue;
		left--;
		if (!walk->vma || addr < walk->vma->vm_start ||
		    addr >= walk->vma->vm_end)
			walk->vma = vma_lookup(walk->mm, addr);
		ret = walk->ops->pte_entry(pte, addr, walk);
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
	unsigned int left = table->nr_used;
	uint64_t next;
	int ret = 0;

	do {
		pmd_t *pmd = &table->pmd[pmd_index(addr)];

		next = next_boundary(addr, PMD_SIZE, end);
		if (!pte_none(pmd->leaf)) {
			left--;
			ret = walk_leaf(&pmd->leaf, 1, addr, next, walk);
			if (ret != WALK_SPLIT)
				continue;
			ret = 0;
		}
		if (pmd->table) {
			left--;
			ret = walk_pte_range(pmd->table, addr, next, walk);
		}
	} while (!ret && left && (addr = next) != end);
	return ret;
}

static int walk_pud_range(struct pud_table *table, uint64_t addr,
			  uint64_t end, struct mm_walk *walk)
{
	unsigned int left = table->nr_used;
	uint64_t next;
	int ret = 0;

	do {
		pud_t *pud = &table->pud[pud_index(addr)];

		next = next_boundary(addr, PUD_SIZE, end);
		if (!pte_none(pud->leaf)) {
			left--;
			ret = walk_leaf(&pud->leaf, 2, addr, next, walk);
			if (ret != WALK_SPLIT)
				continue;
			ret = 0;
		}
		if (pud->table) {
			left--;
			ret = walk_pmd_range(pud->table, addr, next, walk);
		}
	} while (!ret && left && (addr = next) != end);
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
	uint64_t addr = start, next;
	int ret = 0;

	if (start >= end)
		return 0;
	do {
		struct pud_table *pudt = mm->pgd->pud[pgd_index(addr)];

		next = next_boundary(addr, PGDIR_SIZE, end);
		if (pudt)
			ret = walk_pud_range(pudt, addr, next, &walk);
	} while (!ret && (addr = next) != end);
	return ret;
}
