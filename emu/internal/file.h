/* SPDX-License-Identifier: MIT */
/*
 * file.h - files: struct address_space with its page cache (an xarray)
 * and hugetlb reservation map; filemap.c and truncate.c.
 */
#ifndef MMFUZZ_EMU_INTERNAL_FILE_H
#define MMFUZZ_EMU_INTERNAL_FILE_H

#include "folio.h"

/* ------------------------------------------------------------------ */
/* Files and their page cache.                                         */

/* xarray.c: sparse index -> 64-bit value (0 = empty). */
struct xarray {
	struct world *w;		/* whose arena the chunks come from */
	uint64_t **chunks;
	uint64_t nr_chunks;
	uint64_t nr_values;
};

void xa_init(struct world *w, struct xarray *xa, uint64_t nr_indices);
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

/* filemap.c */
struct address_space *file_alloc(struct world *w, enum mm_file_type type,
				 uint64_t size);
void file_get(struct address_space *mapping);
void file_put(struct world *w, struct address_space *mapping);
struct folio *filemap_get_folio(struct world *w, struct address_space *mapping,
				uint64_t index, bool create);
bool file_needs_dirty_tracking(const struct address_space *mapping);
struct address_space *chardev_alloc(struct world *w);
void filemap_remove_folio(struct world *w, struct folio *folio);
const char *file_type_name(enum mm_file_type type);

/* truncate.c */
int file_punch_hole(struct world *w, struct address_space *mapping,
		    uint64_t off, uint64_t len);

#endif /* MMFUZZ_EMU_INTERNAL_FILE_H */
