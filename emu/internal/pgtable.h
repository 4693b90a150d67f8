/* SPDX-License-Identifier: MIT */
/*
 * pgtable.h - page-table entries and tables, and the page-table walker
 * (pgtable.c).
 */
#ifndef MMFUZZ_EMU_INTERNAL_PGTABLE_H
#define MMFUZZ_EMU_INTERNAL_PGTABLE_H

#include "folio.h"

/* ------------------------------------------------------------------ */
/* Page-table entries.  One type for PTEs and PMD/PUD leaves.           */

/*
 * PTE_MIGRATION: a migration entry (.folio, .idx: the page being moved).
 * The emulator is sequential: one exists only inside migrate.c.
 */
enum pte_type { PTE_NONE = 0, PTE_PRESENT, PTE_SWAP, PTE_MIGRATION };

/* pte_t.flags */
#define _PAGE_WRITE		(1u << 0)
#define _PAGE_DIRTY		(1u << 1)
#define _PAGE_YOUNG		(1u << 2)
#define _PAGE_SOFT_DIRTY	(1u << 3)
#define _PAGE_SPECIAL		(1u << 4)	/* vm_normal_page() says no */
#define _PAGE_PROTNONE		(1u << 5)	/* present, inaccessible */
#define _PAGE_SWP_EXCLUSIVE	(1u << 6)
/* Migration entries: _PAGE_WRITE is the writable kind, this one readable-exclusive. */
#define _PAGE_MIGRATION_EXCLUSIVE	_PAGE_SWP_EXCLUSIVE

typedef struct {
	uint8_t type;
	uint8_t flags;
	uint32_t idx;			/* page of the folio (the "pfn") */
	union {
		struct folio *folio;	/* PTE_PRESENT, PTE_MIGRATION */
		uint64_t swp_offset;	/* PTE_SWAP */
	};
} pte_t;

static inline bool pte_none(pte_t pte) { return pte.type == PTE_NONE; }
/* The same entry, every bit: GUP-fast's re-check. */
static inline bool pte_same(pte_t a, pte_t b)
{
	return a.type == b.type && a.flags == b.flags && a.idx == b.idx &&
	       (a.type == PTE_SWAP ? a.swp_offset == b.swp_offset :
				     a.folio == b.folio);
}
static inline bool pte_present(pte_t pte) { return pte.type == PTE_PRESENT; }
static inline bool pte_write(pte_t pte) { return pte.flags & _PAGE_WRITE; }
static inline bool pte_dirty(pte_t pte) { return pte.flags & _PAGE_DIRTY; }
static inline bool pte_soft_dirty(pte_t pte) { return pte.flags & _PAGE_SOFT_DIRTY; }
static inline bool pte_special(pte_t pte) { return pte.flags & _PAGE_SPECIAL; }
static inline bool pte_protnone(pte_t pte) { return pte.flags & _PAGE_PROTNONE; }

static inline pte_t pte_mkwrite(pte_t pte) { pte.flags |= _PAGE_WRITE; return pte; }
static inline pte_t pte_wrprotect(pte_t pte) { pte.flags &= ~_PAGE_WRITE; return pte; }
/* x86: setting the dirty bit also sets soft-dirty. */
static inline pte_t pte_mkdirty(pte_t pte) { pte.flags |= _PAGE_DIRTY | _PAGE_SOFT_DIRTY; return pte; }
static inline pte_t pte_mkclean(pte_t pte) { pte.flags &= ~_PAGE_DIRTY; return pte; }
static inline pte_t pte_mkyoung(pte_t pte) { pte.flags |= _PAGE_YOUNG; return pte; }
static inline pte_t pte_mkold(pte_t pte) { pte.flags &= ~_PAGE_YOUNG; return pte; }
static inline pte_t pte_mksoft_dirty(pte_t pte) { pte.flags |= _PAGE_SOFT_DIRTY; return pte; }
static inline pte_t pte_clear_soft_dirty(pte_t pte) { pte.flags &= ~_PAGE_SOFT_DIRTY; return pte; }

static inline pte_t mk_pte(struct folio *folio, unsigned long idx,
			   unsigned int flags)
{
	pte_t pte = { .type = PTE_PRESENT, .flags = (uint8_t)flags,
		      .idx = (uint32_t)idx };

	pte.folio = folio;
	return pte;
}

static inline pte_t pte_empty(void)
{
	pte_t pte = { .type = PTE_NONE };

	return pte;
}

/*
 * Every table keeps a bitmap of its used slots beside their count, so the
 * walker visits what a table holds without scanning its 512 slots.
 */
#define TABLE_WORDS	(PTRS_PER_TABLE / 64)

struct pte_table {
	pte_t pte[PTRS_PER_TABLE];
	unsigned int nr_used;		/* non-none entries */
	uint64_t used[TABLE_WORDS];	/* which they are */
};

/* A PMD slot: a leaf (huge PMD or PMD migration/swap entry) or a table. */
typedef struct {
	pte_t leaf;
	struct pte_table *table;
} pmd_t;

struct pmd_table {
	pmd_t pmd[PTRS_PER_TABLE];
	unsigned int nr_used;		/* slots with a leaf or a table */
	uint64_t used[TABLE_WORDS];
};

typedef struct {
	pte_t leaf;
	struct pmd_table *table;
} pud_t;

struct pud_table {
	pud_t pud[PTRS_PER_TABLE];
	unsigned int nr_used;
	uint64_t used[TABLE_WORDS];
};

struct pgd_table {
	struct pud_table *pud[PTRS_PER_TABLE];
	uint64_t used[TABLE_WORDS];	/* slots with a PUD table */
};

struct mm_struct;
struct vm_area_struct;

/* ------------------------------------------------------------------ */
/* pgtable.c                                                            */

pmd_t *pmd_offset(struct mm_struct *mm, uint64_t addr, bool alloc);
pte_t *pte_offset(struct mm_struct *mm, uint64_t addr, bool alloc);
pte_t *leaf_offset(struct mm_struct *mm, uint64_t addr, unsigned int *level);
/* Bytes mapped by one entry of @level (0 PTE, 1 PMD, 2 PUD). */
static inline uint64_t leaf_size(unsigned int level)
{
	return PAGE_SIZE << (9 * level);
}
void set_pmd_at(struct mm_struct *mm, uint64_t addr, pte_t leaf);
void set_pud_at(struct mm_struct *mm, uint64_t addr, pte_t leaf);
pte_t *pmd_leaf_offset(struct mm_struct *mm, uint64_t addr);
pte_t *pud_leaf_offset(struct mm_struct *mm, uint64_t addr);
void set_pte_at(struct mm_struct *mm, uint64_t addr, pte_t *ptep, pte_t pte);
void pte_clear(struct mm_struct *mm, uint64_t addr, pte_t *ptep);
void free_pgtables(struct mm_struct *mm, uint64_t start, uint64_t end);
struct pgd_table *pgd_alloc(struct world *w);
void free_pgd(struct mm_struct *mm);

struct mm_walk;
/*
 * Callbacks return 0 to go on, non-zero to stop the walk.  The leaf
 * callbacks get the part [addr, end) of the leaf that the walk covers.
 */
struct mm_walk_ops {
	/* Every non-none PTE (but those ->pte_batch takes). */
	int (*pte_entry)(pte_t *pte, uint64_t addr, struct mm_walk *walk);
	/*
	 * Optional, for walks that only look: present PTEs of large folios,
	 * in runs of @nr (at least 1) mapping consecutive pages of one folio
	 * with the same flags inside one VMA, as the kernel's
	 * folio_pte_batch() groups them.
	 */
	int (*pte_batch)(pte_t *pte, uint64_t addr, unsigned int nr,
			 struct mm_walk *walk);
	/* Every non-none PMD leaf outside hugetlb VMAs (THP, huge zero). */
	int (*pmd_entry)(pte_t *pmd, uint64_t addr, uint64_t end,
			 struct mm_walk *walk);
	/* Every non-none PMD or PUD leaf of a hugetlb VMA. */
	int (*hugetlb_entry)(pte_t *pte, uint64_t addr, uint64_t end,
			     struct mm_walk *walk);
};
/* The level of a leaf handed to ->pmd_entry or ->hugetlb_entry. */
unsigned int leaf_level(const pte_t *leaf, const struct mm_walk *walk);
/* From ->pmd_entry: the leaf is now a PTE table; walk its entries. */
#define WALK_SPLIT	0x5917
struct mm_walk {
	const struct mm_walk_ops *ops;
	struct mm_struct *mm;
	struct vm_area_struct *vma;
	void *priv;
	unsigned int level;		/* of the leaf being visited */
};
int walk_page_range(struct mm_struct *mm, uint64_t start, uint64_t end,
		    const struct mm_walk_ops *ops, void *priv);

#endif /* MMFUZZ_EMU_INTERNAL_PGTABLE_H */
