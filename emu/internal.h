/* SPDX-License-Identifier: MIT */
/*
 * internal.h - what the emulator's files share: the model of struct folio,
 * page tables, VMAs, mm, files and GUP handles, and the assertion family.
 *
 * Names follow the kernel's (mm/memory.c, mm/gup.c, include/linux/mm.h) so
 * that every modelled function can be read next to its original.
 */
#ifndef MMFUZZ_EMU_INTERNAL_H
#define MMFUZZ_EMU_INTERNAL_H

#include "mmemu.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Geometry (x86-64, 4-level).                                          */

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1ULL << PAGE_SHIFT)
#define PMD_SHIFT	21
#define PMD_SIZE	(1ULL << PMD_SHIFT)
#define PUD_SHIFT	30
#define PUD_SIZE	(1ULL << PUD_SHIFT)
#define PGDIR_SHIFT	39
#define PGDIR_SIZE	(1ULL << PGDIR_SHIFT)
#define PTRS_PER_TABLE	512
#define TASK_SIZE	(1ULL << 47)
#define MM_MAX_FILE_SIZE	(4ULL << 30)
#define HPAGE_PMD_ORDER	(PMD_SHIFT - PAGE_SHIFT)
#define HPAGE_PUD_ORDER	(PUD_SHIFT - PAGE_SHIFT)
#define MAX_FOLIO_ORDER	HPAGE_PUD_ORDER

#define GUP_PIN_COUNTING_BIAS	1024

/* Names in the language: p0..p7, f0..f7, g0..g31. */
#define NR_PROCS	8
#define NR_FILES	8
#define NR_HANDLES	32	/* at most 64: world.handles_used */

#define ALIGN_DOWN(x, a)	((x) & ~((uint64_t)(a) - 1))
#define ALIGN_UP(x, a)		ALIGN_DOWN((x) + (a) - 1, (a))
#define IS_ALIGNED(x, a)	(((x) & ((uint64_t)(a) - 1)) == 0)
#define MIN(a, b)		((a) < (b) ? (a) : (b))
#define MAX(a, b)		((a) > (b) ? (a) : (b))

/* The first set bit of @bits at or after @start, or @size if none. */
static inline __attribute__((always_inline))
unsigned long find_next_bit(const uint64_t *bits, unsigned long size,
			    unsigned long start)
{
	while (start < size) {
		uint64_t word = bits[start / 64] >> (start % 64);

		if (word) {
			start += (unsigned long)__builtin_ctzll(word);
			return start < size ? start : size;
		}
		start = (start | 63) + 1;
	}
	return size;
}

/*
 * Every GUP handle in use, in index order: the checks run after every
 * statement, and most of the NR_HANDLES slots are empty.
 */
#define for_each_gup_handle(w, g)					\
	for (int g = (int)find_next_bit(&(w)->handles_used, NR_HANDLES, 0);	\
	     g < NR_HANDLES;						\
	     g = (int)find_next_bit(&(w)->handles_used, NR_HANDLES,	\
				    (unsigned long)g + 1))

/* ------------------------------------------------------------------ */
/* Assertions.  MM_BUG_ON: the model itself is corrupt; dump and abort.  */

struct folio;

/*
 * Code that only checks (the structural checker, the page-table walker's
 * loops, the view walk, the oracle's lookups) is left out of the fuzzer's
 * coverage instrumentation (SanitizerCoverage, clang only): its branches
 * say nothing about which programs are new, and instrumenting its loops
 * cost more than the emulation itself.  Functions between the two marks.
 */
#if defined(__clang__)
#define MM_NOCOV_BEGIN \
	_Pragma("clang attribute push(__attribute__((no_sanitize(\"coverage\"))), apply_to = function)")
#define MM_NOCOV_END	_Pragma("clang attribute pop")
#else
#define MM_NOCOV_BEGIN
#define MM_NOCOV_END
#endif

void mm_bug(struct world *w, const char *file, int line, const char *cond,
	    const struct folio *folio) __attribute__((noreturn));

#define MM_BUG_ON(w, cond)						\
	do { if (cond) mm_bug((w), __FILE__, __LINE__, #cond, NULL); } while (0)
#define MM_BUG_ON_FOLIO(w, cond, folio)					\
	do { if (cond) mm_bug((w), __FILE__, __LINE__, #cond, (folio)); } while (0)

/* Allocation that never fails: the model has no memory pressure of its own. */
void *mm_zalloc(size_t size);
void *mm_realloc_array(void *p, size_t nmemb, size_t size);

/* ------------------------------------------------------------------ */
/* Folios.                                                              */

enum folio_kind {
	FOLIO_ANON,		/* anonymous (PageAnon); KSM is a flag on top */
	FOLIO_FILE,		/* page cache: memfd, shmem, tmpfile */
	FOLIO_ZERO,		/* the shared 4 KiB zeropage */
	FOLIO_HUGE_ZERO,	/* the PMD-sized huge zero folio */
};

/* folio->flags */
#define PG_dirty	(1u << 0)
#define PG_swapcache	(1u << 1)
#define PG_ksm		(1u << 2)
#define PG_hugetlb	(1u << 3)
#define PG_lazyfree	(1u << 4)	/* MADV_FREE'd: !PG_swapbacked */

/* Per-4 KiB-page state of a folio (struct page fields that matter). */
struct page_state {
	uint64_t content;	/* what the 4 KiB hold, as one value */
	int32_t mapcount;	/* PTE mappings of this page */
	int32_t chk_mapcount;	/* scratch for world_check() */
	bool anon_exclusive;	/* PG_anon_exclusive */
	int8_t chk_writer;	/* scratch: pid + 1 of a writable PTE */
};

#define PAGE_CHUNK_SHIFT	6
#define PAGE_CHUNK_PAGES	(1u << PAGE_CHUNK_SHIFT)

struct address_space;

struct folio {
	struct folio *next, *prev;	/* world->folios */
	uint64_t id;			/* creation number, for dumps */
	unsigned int order;
	enum folio_kind kind;
	unsigned int flags;
	long refcount;			/* _refcount */
	long pincount;			/* _pincount (large folios only) */
	long large_mapcount;		/* PTE + PMD/PUD mappings (large) */
	long entire_mapcount;		/* PMD/PUD mappings (large) */
	struct address_space *mapping;	/* page cache owner */
	uint64_t index;			/* page-cache index of page 0 */
	/*
	 * Page state: inline for order 0; for large folios a table of
	 * chunks of PAGE_CHUNK_PAGES pages allocated when first touched, so
	 * a 1 GiB folio costs nothing until its pages are written or mapped.
	 * The bitmap @touched says which chunks exist: walks over a folio's
	 * pages visit those only.
	 */
	struct page_state page0;
	struct page_state **chunks;
	uint64_t *touched;
	uint64_t *filled;		/* chunks a non-zero value was written to */
	uint64_t swap;			/* swap slot while PG_swapcache */
	/* Scratch for world_check(). */
	long chk_refs, chk_pins, chk_maps, chk_entire;
	/*
	 * pid + 1 of a process that may write every page in place: a
	 * writable PTE of a small folio, or a writable PMD/PUD leaf.  A
	 * writable PTE of a large folio writes only its own page
	 * (page_state.chk_writer).
	 */
	int chk_writer;
};

static inline unsigned long folio_nr_pages(const struct folio *folio)
{
	return 1UL << folio->order;
}

static inline bool folio_test_large(const struct folio *folio)
{
	return folio->order > 0;
}

static inline bool folio_test_anon(const struct folio *folio)
{
	return folio->kind == FOLIO_ANON;
}

static inline bool folio_test_ksm(const struct folio *folio)
{
	return folio->flags & PG_ksm;
}

static inline bool folio_test_swapcache(const struct folio *folio)
{
	return folio->flags & PG_swapcache;
}

static inline bool folio_test_hugetlb(const struct folio *folio)
{
	return folio->flags & PG_hugetlb;
}

/*
 * The page whose PageAnonExclusive speaks for page @idx: a hugetlb folio
 * is mapped as a whole, so only its head page's bit counts.
 */
static inline unsigned long folio_pae_idx(const struct folio *folio,
					  unsigned long idx)
{
	return folio_test_hugetlb(folio) ? 0 : idx;
}

static inline bool is_zero_folio(const struct folio *folio)
{
	return folio->kind == FOLIO_ZERO || folio->kind == FOLIO_HUGE_ZERO;
}

static inline long folio_ref_count(const struct folio *folio)
{
	return folio->refcount;
}

struct folio *folio_alloc(struct world *w, enum folio_kind kind,
			  unsigned int order);
void folio_get(struct folio *folio);
void folio_ref_add(struct folio *folio, long nr);
void folio_put(struct world *w, struct folio *folio);
void folio_put_refs(struct world *w, struct folio *folio, long nr);
struct page_state *folio_page(struct folio *folio, unsigned long idx);
unsigned long folio_nr_chunks(const struct folio *folio);
unsigned long folio_next_chunk(const struct folio *folio, unsigned long c);
unsigned long folio_next_filled(const struct folio *folio, unsigned long c);
/* The chunks of page state of a large folio that exist, in order. */
#define for_each_folio_chunk(folio, c)					\
	for (unsigned long c = folio_next_chunk(folio, 0);		\
	     c < folio_nr_chunks(folio); c = folio_next_chunk(folio, c + 1))
static inline unsigned long folio_chunk_pages(const struct folio *folio)
{
	return MIN(1UL << folio->order, (unsigned long)PAGE_CHUNK_PAGES);
}
const struct page_state *folio_page_peek(const struct folio *folio,
					 unsigned long idx);
uint64_t folio_page_content(const struct folio *folio, unsigned long idx);
void folio_page_set_content(struct folio *folio, unsigned long idx,
			    uint64_t value);
void folio_copy_contents(struct folio *dst, const struct folio *src);
long folio_mapcount(const struct folio *folio);
bool folio_maybe_dma_pinned(const struct folio *folio);
bool PageAnonExclusive(const struct folio *folio, unsigned long idx);
void SetPageAnonExclusive(struct folio *folio, unsigned long idx);
void ClearPageAnonExclusive(struct folio *folio, unsigned long idx);

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

/* ------------------------------------------------------------------ */
/* VMAs, mm, files.                                                     */

#define VM_READ		(1u << 0)
#define VM_WRITE	(1u << 1)
#define VM_EXEC		(1u << 2)
#define VM_SHARED	(1u << 3)
#define VM_MAYREAD	(1u << 4)
#define VM_MAYWRITE	(1u << 5)
#define VM_MAYEXEC	(1u << 6)
#define VM_MAYSHARE	(1u << 7)
#define VM_DONTCOPY	(1u << 8)
#define VM_WIPEONFORK	(1u << 9)
#define VM_SOFTDIRTY	(1u << 10)
#define VM_HUGEPAGE	(1u << 11)
#define VM_NOHUGEPAGE	(1u << 12)
#define VM_HUGETLB	(1u << 13)
#define VM_MERGEABLE	(1u << 14)
#define VM_MIXEDMAP	(1u << 15)
#define VM_IO		(1u << 16)
#define VM_PFNMAP	(1u << 17)
/*
 * A VM_HUGETLB VMA of 1 GiB pages (hstate 1G); without it 2 MiB.  The
 * kernel finds the hstate through the hugetlbfs file behind the VMA.
 */
#define VM_HUGE_1G	(1u << 18)
#define VM_LOCKED	(1u << 19)	/* mlock(): not reclaimed, not swapped */

/* xarray.c: sparse index -> 64-bit value (0 = empty). */
struct xarray {
	uint64_t **chunks;
	uint64_t nr_chunks;
	uint64_t nr_values;
};

void xa_init(struct xarray *xa, uint64_t nr_indices);
void xa_destroy(struct xarray *xa);
uint64_t xa_load(const struct xarray *xa, uint64_t index);
void xa_store(struct xarray *xa, uint64_t index, uint64_t value);
bool xa_find(const struct xarray *xa, uint64_t *index);

/*
 * A hugetlb reservation map (struct resv_map), as a sorted set of huge
 * page indices.  For a private mapping (owned by the VMA that mmap()ed
 * it, shared by the pieces it is split into) the indices whose
 * reservation was consumed by a fault; for a hugetlb file the indices
 * that are reserved or instantiated in the page cache.
 */
struct resv_map {
	long refcount;
	uint64_t *idx;
	size_t nr, cap;
};

/* A file (struct inode + struct address_space in one). */
struct address_space {
	enum mm_file_type type;
	bool shmem;			/* shmem/memfd: no writeback, no write-notify */
	bool anon_shared;		/* the object behind MAP_SHARED|MAP_ANONYMOUS */
	/*
	 * A character device's file (driver mappings): no page cache, no
	 * writeback, no ->fault handler; its driver inserts pages itself.
	 */
	bool chardev;
	uint64_t size;			/* i_size in bytes */
	long refcount;			/* file table + VMAs */
	int fid;			/* fN, or -1 */
	struct xarray i_pages;		/* index -> struct folio *, the page cache */
	struct xarray disk;		/* index -> content written back (tmpfile) */
	struct resv_map *resv;		/* hugetlb files: the inode's reservations */
};

struct mm_struct;

struct vm_area_struct {
	struct vm_area_struct *vm_next, *vm_prev;
	struct mm_struct *vm_mm;
	uint64_t vm_start, vm_end;
	unsigned int vm_flags;
	uint64_t vm_pgoff;		/* in pages */
	struct address_space *vm_file;
	bool anon_vma;			/* an anon_vma was prepared */
	/* hugetlb, private mappings: vm_private_data and its flags */
	struct resv_map *resv;
	unsigned int resv_flags;	/* HPAGE_RESV_* */
};

#define HPAGE_RESV_OWNER	(1u << 0)	/* the mmap()er: its pages are reserved */
#define HPAGE_RESV_UNMAPPED	(1u << 1)	/* the owner took a page away (failed COW) */
/*
 * Not the kernel's: this VMA was forked from one with HPAGE_RESV_UNMAPPED
 * (or this bit).  No rule reads it; the runner asks for it to tell the
 * kernel's silent loss of the parent's data from a leak.
 */
#define HPAGE_LOST_IN_PARENT	(1u << 2)

/* mm->flags */
#define MMF_HAS_PINNED	(1u << 0)

struct mm_struct {
	struct world *w;		/* the world it lives in */
	int pid;
	struct vm_area_struct *mmap;	/* sorted by address */
	struct pgd_table *pgd;
	unsigned int flags;
	unsigned long write_protect_seq;
};

static inline bool is_cow_mapping(unsigned int flags)
{
	return (flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}

/*
 * The entry bits vm_page_prot gives every new entry of @vma: PROT_NONE
 * VMAs (reached by FOLL_FORCE) get inaccessible entries.
 */
static inline unsigned int vma_prot_bits(const struct vm_area_struct *vma)
{
	return vma->vm_flags & (VM_READ | VM_WRITE) ? 0 : _PAGE_PROTNONE;
}

static inline bool vma_is_anonymous(const struct vm_area_struct *vma)
{
	return !vma->vm_file;
}

static inline bool vma_is_shared_maywrite(const struct vm_area_struct *vma)
{
	return (vma->vm_flags & (VM_SHARED | VM_MAYWRITE)) ==
	       (VM_SHARED | VM_MAYWRITE);
}

static inline uint64_t linear_page_index(const struct vm_area_struct *vma,
					 uint64_t addr)
{
	return ((addr - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
}

/* ------------------------------------------------------------------ */
/* GUP handles (pipe buffers, io_uring fixed buffers, test pins).       */

struct gup_page {
	struct folio *folio;
	uint32_t idx;
	uint64_t addr;		/* in the owner's mm, follows mremap */
	bool detached;		/* the owner unmapped/discarded the address */
	bool was_anon;		/* folio anon when taken */
	bool was_exclusive;	/* page exclusive (or, before 5.19, mapped once) when taken */
	bool in_shared;		/* taken in a shared (VM_MAYSHARE) mapping */
};

struct gup_handle {
	bool used;
	int pid;
	unsigned int gup_flags;	/* MMG_* */
	enum mm_holder holder;
	uint64_t nr;
	struct gup_page *pages;
};

/* ------------------------------------------------------------------ */
/* Swap slots (swap.c).                                                 */

struct swap_slot {
	bool used;
	long count;			/* swap entries referring to it */
	struct folio *cache;		/* folio in the swap cache, or NULL */
	uint64_t content;		/* what was written back */
	long chk_count;			/* scratch for world_check() */
	bool chk_exclusive;		/* an entry carries the exclusive marker */
};

bool folio_free_swap(struct world *w, struct folio *folio);
void swap_duplicate(struct world *w, uint64_t off);
void swap_free(struct world *w, uint64_t off);
void free_swap_and_cache(struct world *w, uint64_t off);
void free_swap_cache(struct world *w, struct folio *folio);
uint64_t swap_entry_content(struct world *w, uint64_t off);
long swap_slot_count(struct world *w, uint64_t off);
struct folio *swap_cache_folio(struct world *w, uint64_t off);
int madvise_pageout(struct world *w, struct mm_struct *mm, uint64_t start,
		    uint64_t end);
void reclaim_anon(struct world *w);
void swap_destroy(struct world *w);

/* ------------------------------------------------------------------ */
/* KSM (ksm.c) and migration (migrate.c).                               */

int ksm_madvise(struct world *w, struct mm_struct *mm, uint64_t start,
		uint64_t end, enum mm_madv advice);
int ksm_do_scan(struct world *w);
bool reuse_ksm_page(struct world *w, struct folio *folio);
int folio_try_share_anon_rmap_pte(struct world *w, struct folio *folio,
				  unsigned long idx);
long compact_nodes(struct world *w);

/* ------------------------------------------------------------------ */
/* hugetlb pools (hugetlb.c).                                           */

/* One pool per huge page size: struct hstate's counters that matter. */
struct hstate {
	unsigned int order;
	long free_huge_pages;		/* free in the pool, reserved ones included */
	long resv_huge_pages;		/* promised to mappings, not yet faulted */
};

#define HSTATE_2M	0
#define HSTATE_1G	1

/* ------------------------------------------------------------------ */
/* The world.                                                           */

struct world {
	struct world_config cfg;
	struct mm_struct *mm[NR_PROCS];
	struct address_space *files[NR_FILES];
	struct gup_handle handles[NR_HANDLES];
	uint64_t handles_used;		/* bit g: handles[g].used */
	struct folio folios;		/* list head of every live folio */
	uint64_t next_folio_id;
	long nr_folios;
	struct folio *zero_folio;
	struct folio *huge_zero_folio;	/* created on first use */
	struct swap_slot *swap_slots;
	uint64_t nr_swap_slots;
	uint64_t swap_free_hint;	/* every slot below it is in use */
	struct hstate hstates[2];	/* HSTATE_2M, HSTATE_1G */
	bool has_violation;
	struct mm_violation violation;
};

static inline bool knob(const struct world *w, enum mm_knob k)
{
	return w->cfg.knobs.on[k];
}

/* Record the first violation of this operation (later ones are dropped). */
void report_violation(struct world *w, enum mm_vclass cls, const char *id,
		      const struct folio *folio, int pid, uint64_t addr,
		      const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

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
struct pgd_table *pgd_alloc(void);
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

/* ------------------------------------------------------------------ */
/* vma.c                                                                */

struct vm_area_struct *vma_lookup(struct mm_struct *mm, uint64_t addr);
struct vm_area_struct *find_vma(struct mm_struct *mm, uint64_t addr);
struct vm_area_struct *vma_alloc(struct mm_struct *mm, uint64_t start,
				 uint64_t end, unsigned int flags,
				 struct address_space *file, uint64_t pgoff);
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma);
void vma_unlink_free(struct world *w, struct vm_area_struct *vma);
struct vm_area_struct *split_vma(struct vm_area_struct *vma, uint64_t addr);
int vma_isolate_range(struct mm_struct *mm, uint64_t start, uint64_t end);
void vma_merge_range(struct world *w, struct mm_struct *mm, uint64_t start,
		     uint64_t end);
bool range_fully_mapped(struct mm_struct *mm, uint64_t start, uint64_t end);
unsigned int calc_vm_prot_bits(unsigned int prot);

/* ------------------------------------------------------------------ */
/* rmap.c                                                               */

void folio_add_new_anon_rmap(struct world *w, struct folio *folio,
			     unsigned long idx);
int folio_try_dup_anon_rmap_pte(struct world *w, struct mm_struct *src_mm,
				struct folio *folio,
				unsigned long idx);
void folio_dup_file_rmap_pte(struct folio *folio, unsigned long idx);
void folio_add_anon_rmap_pte(struct world *w, struct folio *folio,
			     unsigned long idx);
bool folio_needs_cow_for_dma(struct world *w, struct mm_struct *src_mm,
			     struct folio *folio);
void folio_add_file_rmap_pte(struct folio *folio, unsigned long idx);
void folio_remove_rmap_pte(struct world *w, struct folio *folio,
			   unsigned long idx);
void folio_add_new_anon_rmap_pmd(struct world *w, struct folio *folio);
void folio_remove_rmap_pmd(struct world *w, struct folio *folio);
long page_mapcount(const struct folio *folio, unsigned long idx);

/* ------------------------------------------------------------------ */
/* Faults: fault.c, wp.c                                                */

typedef unsigned int vm_fault_t;
#define VM_FAULT_OOM		(1u << 0)
#define VM_FAULT_SIGBUS		(1u << 1)
#define VM_FAULT_SIGSEGV	(1u << 2)
#define VM_FAULT_FALLBACK	(1u << 3)	/* huge path declined: use PTEs */
#define VM_FAULT_ERROR	(VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV)

#define FAULT_FLAG_WRITE	(1u << 0)
#define FAULT_FLAG_UNSHARE	(1u << 1)
#define FAULT_FLAG_REMOTE	(1u << 2)	/* GUP on behalf of someone */
#define FAULT_FLAG_FORCE	(1u << 3)	/* FOLL_FORCE: may bypass VM_WRITE */

struct vm_fault {
	struct world *w;
	struct vm_area_struct *vma;
	uint64_t address;
	unsigned int flags;
	pte_t *pte;
	pte_t orig_pte;
	bool orig_anon;		/* orig_pte mapped an anon folio (it may be freed since) */
};

vm_fault_t handle_mm_fault(struct world *w, struct vm_area_struct *vma,
			   uint64_t addr, unsigned int flags);
vm_fault_t do_wp_page(struct vm_fault *vmf);
vm_fault_t do_swap_page(struct vm_fault *vmf);
bool wp_can_reuse_anon_folio(struct vm_fault *vmf, struct folio *folio);
int fault_error_to_errno(vm_fault_t ret);

/* huge_memory.c */
struct folio *get_huge_zero_folio(struct world *w);
bool is_huge_zero_pmd(pte_t pmd);
bool thp_vma_allowable_pmd(struct world *w, const struct vm_area_struct *vma,
			   uint64_t addr);
unsigned int thp_anon_fault_order(struct world *w, struct vm_area_struct *vma,
				  uint64_t addr);
vm_fault_t do_huge_pmd_anonymous_page(struct vm_fault *vmf);
vm_fault_t do_huge_pmd_wp_page(struct vm_fault *vmf);
void split_huge_pmd(struct vm_area_struct *vma, uint64_t addr);
long folio_max_map_swapcount(const struct folio *folio);
/* One PTE of @mm at @addr maps a page of @folio (what the rmap would find). */
struct folio_mapping {
	struct folio *folio;
	struct mm_struct *mm;
	uint64_t addr;
};

int split_folio(struct world *w, struct folio *folio,
		const struct folio_mapping *maps, size_t nr_maps);
int copy_huge_pmd(struct world *w, struct vm_area_struct *dst_vma,
		  struct vm_area_struct *src_vma, uint64_t addr, pte_t *src_pmd);
void zap_huge_pmd(struct world *w, struct mm_struct *mm, uint64_t addr);
void change_huge_pmd(struct world *w, struct vm_area_struct *vma,
		     uint64_t addr, pte_t *pmdp, bool try_upgrade);

/* khugepaged.c */
int madvise_collapse(struct world *w, struct mm_struct *mm, uint64_t start,
		     uint64_t end);
void khugepaged_scan(struct world *w);

/* zap.c */
void zap_page_range(struct world *w, struct vm_area_struct *vma,
		    uint64_t start, uint64_t end);

/* fork.c */
int dup_mmap(struct world *w, struct mm_struct *oldmm, struct mm_struct *mm);

/* gup.c */
void gup_detach_range(struct world *w, struct mm_struct *mm, uint64_t start,
		      uint64_t end);
void gup_move_range(struct world *w, struct mm_struct *mm, uint64_t start,
		    uint64_t end, uint64_t new_start);
void gup_release_handles_of(struct world *w, int pid);
void gup_detach_folio(struct world *w, struct folio *folio);
struct folio *gup_one_page(struct world *w, struct mm_struct *mm,
			   uint64_t addr, unsigned int gup_flags,
			   unsigned long *idxp, struct vm_area_struct **vmap,
			   int *err);
void unpin_or_put(struct world *w, struct folio *folio, unsigned int gup_flags);

/* mmap.c */
int do_munmap(struct world *w, struct mm_struct *mm, uint64_t start,
	      uint64_t len);
void exit_mmap(struct world *w, struct mm_struct *mm);

/* filemap.c */
struct address_space *file_alloc(enum mm_file_type type, uint64_t size);
void file_get(struct address_space *mapping);
void file_put(struct world *w, struct address_space *mapping);
struct folio *filemap_get_folio(struct world *w, struct address_space *mapping,
				uint64_t index, bool create);
bool file_needs_dirty_tracking(const struct address_space *mapping);
struct address_space *chardev_alloc(void);
void filemap_remove_folio(struct world *w, struct folio *folio);

/* truncate.c */
int file_punch_hole(struct world *w, struct address_space *mapping,
		    uint64_t off, uint64_t len);

/* fault.c */
bool vma_wants_writenotify(const struct vm_area_struct *vma);
bool vm_page_prot_writable(const struct vm_area_struct *vma);

/* gup.c, populate */
int populate_range(struct world *w, struct mm_struct *mm, uint64_t start,
		   uint64_t end, unsigned int gup_flags);

/* filemap.c */
const char *file_type_name(enum mm_file_type type);

/* mprotect.c */
bool can_change_pte_writable(struct world *w, struct vm_area_struct *vma,
			     uint64_t addr, pte_t pte);

/* check.c: operation-level consistency checks (F1-F4). */
void check_write_fault_done(struct vm_fault *vmf);
void check_unshare_fault_done(struct vm_fault *vmf);
void check_mprotect_upgrade(struct world *w, struct vm_area_struct *vma,
			    uint64_t addr, pte_t pte);
void check_force_write(struct world *w, struct vm_area_struct *vma,
		       uint64_t addr, struct folio *folio, unsigned long idx);

/* access.c */
typedef int (*access_one_fn)(struct world *w, struct mm_struct *mm,
			     uint64_t addr, bool write, uint64_t value,
			     mm_observe_fn obs, void *priv);
long access_range(struct world *w, int pid, uint64_t addr, uint64_t len,
		  bool write, const struct mm_data *data, mm_observe_fn obs,
		  void *priv, int *errp, access_one_fn one);

/* world.c */
struct mm_struct *get_mm(struct world *w, int pid);

/* gup.c, shared with hugetlb_gup.c */
/* Result of following an entry without faulting. */
enum follow_result { FOLLOW_OK, FOLLOW_FAULT, FOLLOW_UNSHARE, FOLLOW_ERROR };
#define FOLL_TOUCH	(1u << 8)
#define FOLL_NOGRAB	(1u << 9)	/* populate: fault in, take nothing */
#define FOLL_COW	(1u << 10)	/* a write fault broke COW (before 6.0) */
bool gup_must_unshare(struct world *w, struct vm_area_struct *vma,
		      unsigned int gup_flags, struct folio *folio,
		      unsigned long idx);
void gup_grab_folio(struct world *w, struct folio *folio,
		    unsigned int gup_flags);

/* ------------------------------------------------------------------ */
/* hugetlb.c, hugetlb_fault.c, hugetlb_gup.c                            */

static inline bool is_vm_hugetlb_page(const struct vm_area_struct *vma)
{
	return vma->vm_flags & VM_HUGETLB;
}

/* The page of a leaf's folio mapped at @addr (the leaf's own page for a PTE). */
static inline unsigned long leaf_page_idx(pte_t pte, unsigned int level,
					  uint64_t addr)
{
	return pte.idx + ((addr & ((1ULL << (PAGE_SHIFT + 9 * level)) - 1)) >>
			  PAGE_SHIFT);
}

bool is_hugetlb_file(const struct address_space *mapping);
unsigned int hugetlb_file_order(const struct address_space *mapping);
uint64_t huge_page_size_vma(const struct vm_area_struct *vma);
void hugetlb_init(struct world *w);
void free_huge_folio(struct world *w, struct folio *folio);
int hugetlb_mmap_check(struct world *w, struct mm_struct *mm, uint64_t addr,
		       uint64_t len, unsigned int flags, int fid, uint64_t off);
int hugetlb_reserve_pages(struct world *w, struct vm_area_struct *vma);
void hugetlb_vm_op_open(struct vm_area_struct *new, struct vm_area_struct *old);
void hugetlb_vm_op_close(struct world *w, struct vm_area_struct *vma);
void hugetlb_unreserve_file(struct world *w, struct address_space *mapping);
void hugetlb_unreserve_index(struct address_space *mapping, uint64_t hidx);
int hugetlb_split_check(struct mm_struct *mm, uint64_t start, uint64_t end);
int hugetlb_madvise_check(struct world *w, struct mm_struct *mm,
			  uint64_t start, uint64_t end, int advice);
int hugetlb_mremap_check(struct world *w, struct vm_area_struct *vma,
			 uint64_t addr, uint64_t len, uint64_t new_addr);
void move_hugetlb_page_tables(struct world *w, struct vm_area_struct *vma,
			      struct vm_area_struct *new_vma, uint64_t addr,
			      uint64_t len, uint64_t new_addr);
void __unmap_hugepage_range(struct world *w, struct vm_area_struct *vma,
			    uint64_t start, uint64_t end,
			    struct folio *ref_folio);
int copy_hugetlb_page_range(struct world *w, struct vm_area_struct *dst_vma,
			    struct vm_area_struct *src_vma);
void hugetlb_change_protection(struct world *w, struct vm_area_struct *vma,
			       uint64_t start, uint64_t end);
struct folio *hugetlb_alloc_anon(struct world *w, struct vm_area_struct *vma,
				 uint64_t addr, bool avoid_reserve);
struct folio *hugetlb_filemap_get_folio(struct world *w,
					struct address_space *mapping,
					uint64_t index, bool create);
void hugetlb_add_new_anon_rmap(struct world *w, struct folio *folio);
void hugetlb_add_rmap(struct folio *folio);
void hugetlb_remove_rmap(struct world *w, struct folio *folio);
pte_t huge_ptep_get(struct mm_struct *mm, uint64_t addr, unsigned int level);
void set_huge_pte_at(struct mm_struct *mm, uint64_t addr, unsigned int level,
		     pte_t pte);
unsigned int hugetlb_level(const struct vm_area_struct *vma);
vm_fault_t hugetlb_fault(struct world *w, struct vm_area_struct *vma,
			 uint64_t address, unsigned int flags);
enum follow_result follow_hugetlb_page(struct world *w, struct vm_area_struct *vma,
			uint64_t addr, unsigned int gup_flags,
			struct folio **foliop, unsigned long *idx);
struct folio *gup_fast_hugetlb(struct world *w, struct mm_struct *mm,
			       uint64_t addr, unsigned int gup_flags,
			       unsigned long *idxp);

#endif /* MMFUZZ_EMU_INTERNAL_H */
