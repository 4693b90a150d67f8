/* SPDX-License-Identifier: MIT */
/*
 * folio.h - struct folio (one per allocation: anon, page cache, the
 * zero folios, hugetlb) and the per-page state it keeps.
 */
#ifndef MMFUZZ_EMU_INTERNAL_FOLIO_H
#define MMFUZZ_EMU_INTERNAL_FOLIO_H

#include "base.h"

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
	struct mm_arena *arena;		/* the world's, for the page chunks */
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

#endif /* MMFUZZ_EMU_INTERNAL_FOLIO_H */
