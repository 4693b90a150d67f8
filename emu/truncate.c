// SPDX-License-Identifier: MIT
/*
 * truncate.c - punching holes in files (fallocate(FALLOC_FL_PUNCH_HOLE |
 * FALLOC_FL_KEEP_SIZE), what MADV_REMOVE does): every mapping of the
 * page-cache pages in the hole is zapped, in every process, then the pages
 * leave the page cache.
 *
 * A page that a GUP reference or pin still holds outlives its removal, as
 * in the kernel: the holder keeps the old content, but it is no longer the
 * file's page, and the next fault of any mapping there gets a fresh one
 * (zero-filled).  Such GUP records stop promising coherence (detached):
 * the hole was punched on purpose.
 *
 * Private mappings keep their COW'd anon copies (even_cows is false),
 * except in hugetlbfs, which zaps every entry of every mapping of the hole.
 */
#include "internal.h"

/* Every VMA of every process that maps @mapping, pid then address order. */
#define for_each_file_vma(w, mapping, vma)				\
	for (int pid_ = 0; pid_ < NR_PROCS; pid_++)			\
		for (struct vm_area_struct *vma = (w)->mm[pid_] ?	\
			(w)->mm[pid_]->mmap : NULL; vma; vma = vma->vm_next) \
			if (vma->vm_file == (mapping))

/*
 * The part of @vma that maps the file pages [first, last), as addresses
 * in [*startp, *endp).  False when it maps none of them.
 */
static bool vma_file_range(const struct vm_area_struct *vma, uint64_t first,
			   uint64_t last, uint64_t *startp, uint64_t *endp)
{
	uint64_t vfirst = vma->vm_pgoff;
	uint64_t vlast = vfirst + ((vma->vm_end - vma->vm_start) >> PAGE_SHIFT);

	first = MAX(first, vfirst);
	last = MIN(last, vlast);
	if (first >= last)
		return false;
	*startp = vma->vm_start + ((first - vfirst) << PAGE_SHIFT);
	*endp = vma->vm_start + ((last - vfirst) << PAGE_SHIFT);
	return true;
}

/* A PTE mapping a page of the file (not an anon copy) goes. */
static int unmap_file_pte_entry(pte_t *ptep, uint64_t addr,
				struct mm_walk *walk)
{
	struct address_space *mapping = walk->vma->vm_file;
	struct world *w = walk->priv;
	pte_t pte = *ptep;

	if (!pte_present(pte))
		return 0;	/* a swap entry is an anon copy's */
	if (!pte_special(pte) && pte.folio->mapping != mapping)
		return 0;
	pte_clear(walk->mm, addr, ptep);
	if (pte_special(pte))
		return 0;
	folio_remove_rmap_pte(w, pte.folio, pte.idx);
	folio_put(w, pte.folio);
	return 0;
}

/* File pages are small: a PMD leaf in a file VMA is an anon copy's. */
static int unmap_file_pmd_entry(pte_t *pmd, uint64_t addr, uint64_t end,
				struct mm_walk *walk)
{
	(void)pmd, (void)addr, (void)end, (void)walk;
	return 0;
}

/*
 * unmap_mapping_range - zap every mapping of the file pages [first, last)
 * of @mapping, in every process; private mappings keep their anon copies.
 *
 * Models: mm/memory.c:unmap_mapping_range(even_cows = 0)
 */
static void unmap_mapping_range(struct world *w, struct address_space *mapping,
				uint64_t first, uint64_t last)
{
	static const struct mm_walk_ops ops = {
		.pte_entry = unmap_file_pte_entry,
		.pmd_entry = unmap_file_pmd_entry,
	};
	uint64_t start, end;

	for_each_file_vma(w, mapping, vma)
		if (vma_file_range(vma, first, last, &start, &end))
			walk_page_range(vma->vm_mm, start, end, &ops, w);
}

/*
 * truncate_inode_pages_range - remove the page-cache folios of
 * [first, last) (all unmapped by now), and for a disk file the blocks
 * behind them, so that they read back as zeros.
 *
 * Models: mm/truncate.c:truncate_inode_pages_range()
 */
static void truncate_inode_pages_range(struct world *w,
				       struct address_space *mapping,
				       uint64_t first, uint64_t last)
{
	uint64_t index = first;

	while (xa_find(&mapping->i_pages, &index) && index < last) {
		struct folio *folio = (struct folio *)(uintptr_t)
			xa_load(&mapping->i_pages, index);
		uint64_t nr = folio_nr_pages(folio);

		MM_BUG_ON_FOLIO(w, folio_mapcount(folio), folio);
		gup_detach_folio(w, folio);
		if (folio_test_hugetlb(folio))
			hugetlb_unreserve_index(mapping, index >>
						hugetlb_file_order(mapping));
		filemap_remove_folio(w, folio);	/* may free it */
		index += nr;
	}
	for (index = first; xa_find(&mapping->disk, &index) && index < last;
	     index++)
		xa_store(&mapping->disk, index, 0);
}

/*
 * hugetlbfs_zero_partial_page - zero the file pages [first, last) inside
 * one huge page, in place: every mapping of it sees the zeros, an anon
 * copy does not.
 *
 * Models: fs/hugetlbfs/inode.c:hugetlbfs_zero_partial_page()
 */
static void hugetlbfs_zero_partial_page(struct address_space *mapping,
					uint64_t first, uint64_t last)
{
	unsigned int order = hugetlb_file_order(mapping);
	uint64_t head = ALIGN_DOWN(first, 1ULL << order);
	struct folio *folio;

	if (head >= mapping->size >> PAGE_SHIFT)
		return;
	folio = (struct folio *)(uintptr_t)xa_load(&mapping->i_pages, head);
	if (!folio)
		return;
	for (uint64_t idx = first - head; idx < last - head; idx++) {
		const struct page_state *page = folio_page_peek(folio, idx);

		if (page && page->content)
			folio_page_set_content(folio, idx, 0);
	}
}

/*
 * hugetlbfs_punch_hole - the whole huge pages of [first, last) are
 * unmapped from every mapping (anon copies of private mappings too) and
 * removed from the file; the partial ones at either end are zeroed.
 *
 * Models: fs/hugetlbfs/inode.c:hugetlbfs_punch_hole() ->
 *         hugetlb_vmdelete_list(), remove_inode_hugepages()
 */
static void hugetlbfs_punch_hole(struct world *w,
				 struct address_space *mapping,
				 uint64_t first, uint64_t last)
{
	uint64_t nr = 1ULL << hugetlb_file_order(mapping);
	uint64_t hole_first = ALIGN_UP(first, nr);
	uint64_t hole_last = ALIGN_DOWN(last, nr);
	uint64_t start, end;

	if (first < hole_first)
		hugetlbfs_zero_partial_page(mapping, first,
					    MIN(last, hole_first));
	if (hole_last > hole_first) {
		for_each_file_vma(w, mapping, vma) {
			if (!vma_file_range(vma, hole_first, hole_last,
					    &start, &end))
				continue;
			__unmap_hugepage_range(w, vma, start, end, NULL);
			gup_detach_range(w, vma->vm_mm, start, end);
		}
	}
	if (last > hole_last && last > hole_first)
		hugetlbfs_zero_partial_page(mapping, MAX(hole_last, first),
					    last);
	if (hole_last > hole_first)
		truncate_inode_pages_range(w, mapping, hole_first, hole_last);
}

/*
 * file_punch_hole - fallocate(PUNCH_HOLE | KEEP_SIZE) of [off, off + len)
 * (page aligned): the file keeps its size, the hole reads back as zeros.
 * -ENODEV for a character device, which has no fallocate.
 *
 * Models: fs/open.c:vfs_fallocate() -> mm/shmem.c:shmem_fallocate(),
 *         mm/truncate.c:truncate_pagecache_range(),
 *         fs/hugetlbfs/inode.c:hugetlbfs_fallocate()
 * Divergence: no file seals (F_SEAL_WRITE would make it -EPERM).
 */
int file_punch_hole(struct world *w, struct address_space *mapping,
		    uint64_t off, uint64_t len)
{
	uint64_t size = mapping->size >> PAGE_SHIFT;
	uint64_t first = off >> PAGE_SHIFT, last = (off + len) >> PAGE_SHIFT;

	if (mapping->chardev)
		return -ENODEV;
	if (is_hugetlb_file(mapping)) {
		hugetlbfs_punch_hole(w, mapping, first, last);
		return 0;
	}
	first = MIN(first, size);
	last = MIN(last, size);
	if (first >= last)
		return 0;
	unmap_mapping_range(w, mapping, first, last);
	truncate_inode_pages_range(w, mapping, first, last);
	return 0;
}
