// SPDX-License-Identifier: MIT
/*
 * filemap.c - files and their page cache: memfd, shmem, tmpfile, the
 * shmem object behind MAP_SHARED|MAP_ANONYMOUS, and the page-cache-less
 * file of a character device behind a driver mapping.
 *
 * The page cache holds one reference per folio (nr_pages, with small
 * folios: 1).  A tmpfile lives on a disk file system: written-back content
 * survives in ->disk when its page-cache folio is dropped, and shared
 * writable mappings of it need dirty tracking (write-notify).  shmem and
 * memfd have no backing store but swap, so their folios are never dropped.
 */
#include "internal.h"

static const char *const file_type_names[] = {
	[MMFT_MEMFD] = "memfd", [MMFT_TMPFILE] = "tmpfile",
	[MMFT_SHMEM] = "shmem", [MMFT_MEMFD_HUGETLB] = "memfd-hugetlb",
	[MMFT_MEMFD_HUGETLB_1G] = "memfd-hugetlb-1g",
};

const char *file_type_name(enum mm_file_type type)
{
	return file_type_names[type];
}

/* A new file of @size bytes (zero-filled) with one reference. */
struct address_space *file_alloc(struct world *w, enum mm_file_type type,
				 uint64_t size)
{
	struct address_space *mapping = kzalloc(w, sizeof(*mapping));

	mapping->type = type;
	mapping->shmem = type != MMFT_TMPFILE;
	mapping->size = size;
	mapping->refcount = 1;
	mapping->fid = -1;
	xa_init(w, &mapping->i_pages, size >> PAGE_SHIFT);
	xa_init(w, &mapping->disk, size >> PAGE_SHIFT);
	return mapping;
}

void file_get(struct address_space *mapping)
{
	mapping->refcount++;
}

/*
 * Remove @folio from the page cache, dropping the cache's references;
 * whoever else holds it keeps a folio that is no file's page any more.
 *
 * Models: mm/filemap.c:filemap_remove_folio()
 */
void filemap_remove_folio(struct world *w, struct folio *folio)
{
	struct address_space *mapping = folio->mapping;

	xa_store(&mapping->i_pages, folio->index, 0);
	folio->mapping = NULL;
	folio_put_refs(w, folio, folio_nr_pages(folio));
}

/*
 * file_put - drop a reference; the last one evicts the page cache
 * (truncate_inode_pages) and frees the file.  Folios still referenced by
 * GUP survive their eviction, as in the kernel.
 */
void file_put(struct world *w, struct address_space *mapping)
{
	uint64_t index = 0;

	if (--mapping->refcount)
		return;
	if (is_hugetlb_file(mapping))
		hugetlb_unreserve_file(w, mapping);
	while (xa_find(&mapping->i_pages, &index)) {
		struct folio *folio = (struct folio *)(uintptr_t)
			xa_load(&mapping->i_pages, index);

		MM_BUG_ON_FOLIO(w, folio_mapcount(folio), folio);
		filemap_remove_folio(w, folio);
	}
	xa_destroy(&mapping->i_pages);
	xa_destroy(&mapping->disk);
	kfree(w, mapping);
}

/*
 * filemap_get_folio - the page-cache folio at @index, read in (from the
 * disk content, or zero-filled) when absent and @create.  Returns NULL past
 * EOF or when absent and !@create.  No reference is taken for the caller.
 *
 * Models: mm/filemap.c:__filemap_get_folio(FGP_CREAT) + ->read_folio()
 */
struct folio *filemap_get_folio(struct world *w, struct address_space *mapping,
				uint64_t index, bool create)
{
	struct folio *folio;

	if (index >= mapping->size >> PAGE_SHIFT)
		return NULL;
	folio = (struct folio *)(uintptr_t)xa_load(&mapping->i_pages, index);
	if (folio || !create)
		return folio;
	folio = folio_alloc(w, FOLIO_FILE, 0);	/* its reference: the cache's */
	folio->mapping = mapping;
	folio->index = index;
	folio_page_set_content(folio, 0, xa_load(&mapping->disk, index));
	xa_store(&mapping->i_pages, index, (uint64_t)(uintptr_t)folio);
	return folio;
}

/*
 * fault_around_bytes: its default, 64 KiB, is 16 pages (debugfs can change
 * it, nothing here does).
 */
#define FAULT_AROUND_PAGES	16

/*
 * filemap_map_pages - map, read-only as a read fault would (writable only
 * in a shared mapping that needs no write-notify), each page of [start,
 * end) whose page-cache folio is already there, taking a reference and a
 * mapcount per page.  Missing pages are not read in and entries already
 * present stay as they are.
 *
 * Models: mm/filemap.c:filemap_map_pages() -> filemap_map_folio_range()
 * Divergence: the kernel also skips folios that are locked, not uptodate
 * or marked for readahead, and may map a large folio by a PMD; here every
 * page-cache folio is small, uptodate and unlocked, and nothing reads
 * ahead (a fault on a tmpfile reads only its own page).
 */
static void filemap_map_pages(struct vm_fault *vmf, uint64_t start,
			      uint64_t end)
{
	struct vm_area_struct *vma = vmf->vma;
	struct mm_struct *mm = vma->vm_mm;
	unsigned int flags = _PAGE_YOUNG | vma_prot_bits(vma);

	if (vm_page_prot_writable(vma))
		flags |= _PAGE_WRITE;
	for (uint64_t a = start; a < end; a += PAGE_SIZE) {
		struct folio *folio = filemap_get_folio(vmf->w, vma->vm_file,
						linear_page_index(vma, a), false);
		pte_t *pte = pte_offset(mm, a, true);

		if (!folio || !pte_none(*pte))
			continue;
		folio_get(folio);
		folio_add_file_rmap_pte(folio, 0);
		set_pte_at(mm, a, pte, mk_pte(folio, 0, flags));
	}
}

/*
 * do_fault_around - before a read fault on a missing entry of a file
 * mapping is served, map the cached pages around it: 16 pages from the
 * 64 KiB-aligned block of the address, or from the VMA's start if that
 * is later, never past the VMA or the page table (2 MiB) of the address.
 * The faulting page is among them when it is cached.  A driver mapping
 * (no ->map_pages) does not fault around.
 *
 * Models: mm/memory.c:do_fault_around(), should_fault_around()
 * Divergence: no VMA here is registered with userfaultfd, which would
 * turn fault-around off.
 */
void do_fault_around(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	uint64_t pmd = ALIGN_DOWN(vmf->address, PMD_SIZE);
	uint64_t start = ALIGN_DOWN(vmf->address, FAULT_AROUND_PAGES * PAGE_SIZE);
	uint64_t end;

	if (vma->vm_file->chardev)
		return;
	start = MAX(start, MAX(vma->vm_start, pmd));
	end = MIN(start + FAULT_AROUND_PAGES * PAGE_SIZE,
		  MIN(vma->vm_end, pmd + PMD_SIZE));
	filemap_map_pages(vmf, start, end);
}

/*
 * Shared writable mappings of this file need write-notify for writeback.
 * shmem has no writeback, and neither has a character device (its
 * backing_dev_info is noop_backing_dev_info).
 *
 * Models: include/linux/backing-dev.h:mapping_can_writeback()
 */
bool file_needs_dirty_tracking(const struct address_space *mapping)
{
	return !mapping->shmem && !mapping->chardev;
}

/*
 * chardev_alloc - the file of a character device, opened for one driver
 * mapping, with one reference.  It has no size and no page cache: what
 * its mappings show is what the driver inserted (insert_page.c).
 *
 * Divergence: every driver mapping opens its own device file; nothing a
 * modelled rule consults depends on which file backs a driver mapping.
 */
struct address_space *chardev_alloc(struct world *w)
{
	struct address_space *mapping = file_alloc(w, MMFT_MEMFD, 0);

	mapping->shmem = false;
	mapping->chardev = true;
	return mapping;
}

int mm_file_create(struct world *w, int fid, enum mm_file_type type,
		   uint64_t size)
{
	if (fid < 0 || fid >= NR_FILES || w->files[fid])
		return -EINVAL;
	if (!size || !IS_ALIGNED(size, PAGE_SIZE) || size > MM_MAX_FILE_SIZE)
		return -EINVAL;
	/* hugetlbfs: ftruncate() only to a multiple of the huge page size */
	if ((type == MMFT_MEMFD_HUGETLB && !IS_ALIGNED(size, PMD_SIZE)) ||
	    (type == MMFT_MEMFD_HUGETLB_1G && !IS_ALIGNED(size, PUD_SIZE)))
		return -EINVAL;
	w->files[fid] = file_alloc(w, type, size);
	w->files[fid]->fid = fid;
	return 0;
}

/*
 * mm_file_write - pwrite(): store into the page-cache folios, which become
 * dirty.  Every mapping of the page (shared, or private and not yet
 * COW-broken) sees the new content.
 */
int mm_file_write(struct world *w, int fid, uint64_t off, uint64_t len,
		  const struct mm_data *data)
{
	struct address_space *mapping;

	if (fid < 0 || fid >= NR_FILES || !(mapping = w->files[fid]))
		return -EBADF;
	if (!IS_ALIGNED(off | len, PAGE_SIZE) || off + len > mapping->size ||
	    off + len < off)
		return -EINVAL;
	if (is_hugetlb_file(mapping))
		return -EINVAL;		/* hugetlbfs has no write(): mmap it */
	for (uint64_t i = 0; i < len >> PAGE_SHIFT; i++) {
		struct folio *folio = filemap_get_folio(w, mapping,
						(off >> PAGE_SHIFT) + i, true);

		folio_page_set_content(folio, 0, data->value +
				       (data->unique ? i : 0));
		folio->flags |= PG_dirty;
	}
	return 0;
}

/*
 * drop_pagecache_sb - drop every page-cache folio that nobody maps or
 * references.  shmem/memfd folios have no backing store and stay.
 *
 * Models: fs/drop_caches.c:drop_pagecache_sb() -> invalidate_mapping_pages()
 * Divergence: dirty tmpfile folios are written back first, as
 * `sync; echo 1 > /proc/sys/vm/drop_caches` would do.
 */
static void drop_pagecache(struct world *w, struct address_space *mapping)
{
	uint64_t index = 0;

	if (mapping->shmem)
		return;
	for (; xa_find(&mapping->i_pages, &index); index++) {
		struct folio *folio = (struct folio *)(uintptr_t)
			xa_load(&mapping->i_pages, index);

		xa_store(&mapping->disk, index, folio_page_content(folio, 0));
		folio->flags &= ~PG_dirty;
		if (folio_mapcount(folio) ||
		    folio_ref_count(folio) != (long)folio_nr_pages(folio))
			continue;
		filemap_remove_folio(w, folio);
	}
}

int mm_drop_caches(struct world *w)
{
	for (int fid = 0; fid < NR_FILES; fid++)
		if (w->files[fid])
			drop_pagecache(w, w->files[fid]);
	return 0;
}
