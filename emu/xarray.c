// SPDX-License-Identifier: MIT
/*
 * xarray.c - a sparse array of 64-bit values indexed by page number.
 *
 * Two levels: a table of chunk pointers sized for the largest index, and
 * chunks of XA_CHUNK values allocated on first store.  A 4 GiB file costs
 * a 16 KiB table until its pages are used.
 *
 * Divergence: the kernel's xarray is a radix tree with marks and
 * multi-index entries; the page cache here needs load, store and an
 * ordered walk only.
 */
#include "internal.h"

#define XA_CHUNK_SHIFT	9
#define XA_CHUNK	(1ULL << XA_CHUNK_SHIFT)

void xa_init(struct world *w, struct xarray *xa, uint64_t nr_indices)
{
	xa->w = w;
	xa->nr_chunks = (nr_indices + XA_CHUNK - 1) >> XA_CHUNK_SHIFT;
	xa->chunks = kzalloc(w, xa->nr_chunks * sizeof(*xa->chunks));
	xa->nr_values = 0;
}

void xa_destroy(struct xarray *xa)
{
	for (uint64_t c = 0; c < xa->nr_chunks; c++)
		kfree(xa->w, xa->chunks[c]);
	kfree(xa->w, xa->chunks);
	xa->chunks = NULL;
	xa->nr_chunks = 0;
}

/* The value at @index; 0 when nothing was stored. */
uint64_t xa_load(const struct xarray *xa, uint64_t index)
{
	uint64_t c = index >> XA_CHUNK_SHIFT;

	if (c >= xa->nr_chunks || !xa->chunks[c])
		return 0;
	return xa->chunks[c][index & (XA_CHUNK - 1)];
}

/* Store @value (0 erases) at @index, which must be below the initial size. */
void xa_store(struct xarray *xa, uint64_t index, uint64_t value)
{
	uint64_t c = index >> XA_CHUNK_SHIFT, *slot;

	if (!xa->chunks[c]) {
		if (!value)
			return;
		xa->chunks[c] = kzalloc(xa->w, XA_CHUNK * sizeof(uint64_t));
	}
	slot = &xa->chunks[c][index & (XA_CHUNK - 1)];
	xa->nr_values += (value != 0) - (*slot != 0);
	*slot = value;
}

/*
 * xa_find - the first index >= *@index holding a value; returns false when
 * there is none.  Skips absent chunks, so a walk costs what is stored.
 */
bool xa_find(const struct xarray *xa, uint64_t *index)
{
	for (uint64_t i = *index; (i >> XA_CHUNK_SHIFT) < xa->nr_chunks;) {
		uint64_t *chunk = xa->chunks[i >> XA_CHUNK_SHIFT];

		if (!chunk) {
			i = ALIGN_DOWN(i, XA_CHUNK) + XA_CHUNK;
			continue;
		}
		if (chunk[i & (XA_CHUNK - 1)]) {
			*index = i;
			return true;
		}
		i++;
	}
	return false;
}
