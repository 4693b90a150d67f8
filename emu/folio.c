// SPDX-License-Identifier: MIT
/*
 * folio.c - struct folio: allocation, references, per-page state.
 *
 * A folio is an object of the world's arena (or the heap) that lives
 * exactly as long as its refcount is positive; a freed folio is poisoned
 * until it is handed out again, as late as the arena can (mmarena.h), so
 * AddressSanitizer reports any use of a folio the model has already freed:
 * a reference-counting bug in the model is a crash, not a silent
 * divergence.
 */
#include "internal.h"

void *mm_zalloc(size_t size)
{
	void *p = calloc(1, size ? size : 1);

	if (!p) {
		fprintf(stderr, "mmfuzz: out of memory (%zu bytes)\n", size);
		abort();
	}
	return p;
}

void *mm_realloc_array(void *p, size_t nmemb, size_t size)
{
	void *q;

	if (size && nmemb > SIZE_MAX / size) {
		fprintf(stderr, "mmfuzz: allocation overflow\n");
		abort();
	}
	q = realloc(p, nmemb * size != 0 ? nmemb * size : 1);
	if (!q) {
		fprintf(stderr, "mmfuzz: out of memory\n");
		abort();
	}
	return q;
}

void *kzalloc(struct world *w, size_t size)
{
	return mm_arena_zalloc(w->cfg.arena, size);
}

void *kmalloc(struct world *w, size_t size)
{
	return mm_arena_alloc(w->cfg.arena, size);
}

void *krealloc_array(struct world *w, void *p, size_t nmemb, size_t size)
{
	return mm_arena_realloc_array(w->cfg.arena, p, nmemb, size);
}

void kfree(struct world *w, void *p)
{
	mm_arena_free(w->cfg.arena, p);
}

unsigned long folio_nr_chunks(const struct folio *folio)
{
	unsigned long nr = folio_nr_pages(folio) >> PAGE_CHUNK_SHIFT;

	return nr ? nr : 1;
}

/* The first chunk at or after @c that exists. */
unsigned long folio_next_chunk(const struct folio *folio, unsigned long c)
{
	return find_next_bit(folio->touched, folio_nr_chunks(folio), c);
}

/*
 * The first chunk at or after @c where a page was ever given a non-zero
 * value; the pages of the others all hold zero.
 */
unsigned long folio_next_filled(const struct folio *folio, unsigned long c)
{
	return find_next_bit(folio->filled, folio_nr_chunks(folio), c);
}

/*
 * folio_alloc - a new folio of @order with one reference (the caller's).
 * Contents are zero; no page is mapped; no page state is allocated yet
 * beyond the table of chunk pointers.
 *
 * Models: mm/page_alloc.c:folio_alloc() + the zeroing of vma_alloc_zeroed_movable_folio().
 */
struct folio *folio_alloc(struct world *w, enum folio_kind kind,
			  unsigned int order)
{
	struct folio *folio = kzalloc(w, sizeof(*folio));

	MM_BUG_ON(w, order > MAX_FOLIO_ORDER);
	folio->arena = w->cfg.arena;
	folio->order = order;
	folio->kind = kind;
	folio->refcount = 1;
	folio->id = ++w->next_folio_id;
	if (order) {
		folio->chunks = kzalloc(w, folio_nr_chunks(folio) *
					sizeof(*folio->chunks));
		folio->touched = kzalloc(w, ALIGN_UP(folio_nr_chunks(folio), 64) / 8);
		folio->filled = kzalloc(w, ALIGN_UP(folio_nr_chunks(folio), 64) / 8);
	}
	folio->next = w->folios.next;
	folio->prev = &w->folios;
	w->folios.next->prev = folio;
	w->folios.next = folio;
	w->nr_folios++;
	return folio;
}

static void folio_free(struct world *w, struct folio *folio)
{
	folio->prev->next = folio->next;
	folio->next->prev = folio->prev;
	w->nr_folios--;
	if (folio_test_hugetlb(folio))
		free_huge_folio(w, folio);	/* back to its pool */
	if (folio->chunks) {
		for_each_folio_chunk(folio, c)
			kfree(w, folio->chunks[c]);
		kfree(w, folio->chunks);
		kfree(w, folio->touched);
		kfree(w, folio->filled);
	}
	kfree(w, folio);
}

void folio_get(struct folio *folio)
{
	folio->refcount++;
}

void folio_ref_add(struct folio *folio, long nr)
{
	folio->refcount += nr;
}

/*
 * folio_put_refs - drop @nr references; the last one frees the folio.
 * The zero folios are never freed: the world owns one reference.
 */
void folio_put_refs(struct world *w, struct folio *folio, long nr)
{
	MM_BUG_ON_FOLIO(w, folio->refcount < nr, folio);
	folio->refcount -= nr;
	if (folio->refcount)
		return;
	MM_BUG_ON_FOLIO(w, is_zero_folio(folio), folio);
	MM_BUG_ON_FOLIO(w, folio->mapping, folio);
	folio_free(w, folio);
}

void folio_put(struct world *w, struct folio *folio)
{
	folio_put_refs(w, folio, 1);
}

/* The state of page @idx, allocating its chunk on first use. */
struct page_state *folio_page(struct folio *folio, unsigned long idx)
{
	struct page_state **chunk;

	if (!folio->order)
		return &folio->page0;
	chunk = &folio->chunks[idx >> PAGE_CHUNK_SHIFT];
	if (!*chunk) {
		unsigned long c = idx >> PAGE_CHUNK_SHIFT;

		*chunk = mm_arena_zalloc(folio->arena, folio_chunk_pages(folio) *
					 sizeof(**chunk));
		folio->touched[c / 64] |= 1ULL << (c % 64);
	}
	return &(*chunk)[idx & (PAGE_CHUNK_PAGES - 1)];
}

/* The state of page @idx, or NULL if it was never touched (all zero). */
const struct page_state *folio_page_peek(const struct folio *folio,
					 unsigned long idx)
{
	const struct page_state *chunk;

	if (!folio->order)
		return &folio->page0;
	chunk = folio->chunks[idx >> PAGE_CHUNK_SHIFT];
	return chunk ? &chunk[idx & (PAGE_CHUNK_PAGES - 1)] : NULL;
}

uint64_t folio_page_content(const struct folio *folio, unsigned long idx)
{
	const struct page_state *page = folio_page_peek(folio, idx);

	return page ? page->content : 0;
}

void folio_page_set_content(struct folio *folio, unsigned long idx,
			    uint64_t value)
{
	folio_page(folio, idx)->content = value;
	if (value && folio->order) {
		unsigned long c = idx >> PAGE_CHUNK_SHIFT;

		folio->filled[c / 64] |= 1ULL << (c % 64);
	}
}

/*
 * folio_copy_contents - copy every page of @src into @dst (same size).
 * Only touched chunks are copied: a sparsely written 1 GiB folio costs
 * what was written, not 1 GiB.
 */
void folio_copy_contents(struct folio *dst, const struct folio *src)
{
	if (!src->order) {
		dst->page0.content = src->page0.content;
		return;
	}
	for_each_folio_chunk(src, c) {
		for (unsigned long i = 0; i < folio_chunk_pages(src); i++) {
			uint64_t v = src->chunks[c][i].content;

			if (v)
				folio_page_set_content(dst,
					(c << PAGE_CHUNK_SHIFT) + i, v);
		}
	}
}

/* Total mappings: PTEs of a small folio; PTE + PMD mappings of a large one. */
long folio_mapcount(const struct folio *folio)
{
	if (!folio_test_large(folio))
		return folio->page0.mapcount;
	return folio->large_mapcount;
}

/*
 * folio_maybe_dma_pinned - could the folio be pinned?
 * Exact for large folios; for small ones any folio with at least
 * GUP_PIN_COUNTING_BIAS references qualifies (false positives allowed).
 *
 * Models: include/linux/mm.h:folio_maybe_dma_pinned()
 */
bool folio_maybe_dma_pinned(const struct folio *folio)
{
	if (folio_test_large(folio))
		return folio->pincount > 0;
	return folio->refcount >= GUP_PIN_COUNTING_BIAS;
}

/*
 * PageAnonExclusive - the page is mapped by exactly one entry of one mm
 * and may be written without copying.  For a PMD- or PUD-mapped folio
 * only the head page's bit counts (see the callers).
 */
bool PageAnonExclusive(const struct folio *folio, unsigned long idx)
{
	const struct page_state *page = folio_page_peek(folio, idx);

	return page && page->anon_exclusive;
}

void SetPageAnonExclusive(struct folio *folio, unsigned long idx)
{
	folio_page(folio, idx)->anon_exclusive = true;
}

void ClearPageAnonExclusive(struct folio *folio, unsigned long idx)
{
	folio_page(folio, idx)->anon_exclusive = false;
}
