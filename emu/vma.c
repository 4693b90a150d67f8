// SPDX-License-Identifier: MIT
/*
 * vma.c - struct vm_area_struct: lookup, linking, splitting.
 *
 * An mm keeps its VMAs in an address-sorted list.  Programs have at most a
 * few dozen VMAs, so a list is as fast as a maple tree here.
 *
 * Adjacent VMAs merge back after mprotect and madvise when nothing tells
 * them apart (vma_merge_range()), which MADV_COLLAPSE relies on.
 * Divergence: mmap and mremap never merge a new VMA with its neighbours.
 * Merging changes no page state and no rule consults the VMA count.
 */
#include "internal.h"

/* The VMA containing @addr, or NULL.  Models: include/linux/mm.h:vma_lookup() */
struct vm_area_struct *vma_lookup(struct mm_struct *mm, uint64_t addr)
{
	for (struct vm_area_struct *vma = mm->mmap; vma; vma = vma->vm_next) {
		if (addr < vma->vm_start)
			return NULL;
		if (addr < vma->vm_end)
			return vma;
	}
	return NULL;
}

/* The first VMA that ends above @addr, or NULL.  Models: mm/mmap.c:find_vma() */
struct vm_area_struct *find_vma(struct mm_struct *mm, uint64_t addr)
{
	for (struct vm_area_struct *vma = mm->mmap; vma; vma = vma->vm_next)
		if (addr < vma->vm_end)
			return vma;
	return NULL;
}

struct vm_area_struct *vma_alloc(struct mm_struct *mm, uint64_t start,
				 uint64_t end, unsigned int flags,
				 struct address_space *file, uint64_t pgoff)
{
	struct vm_area_struct *vma = kzalloc(mm->w, sizeof(*vma));

	vma->vm_mm = mm;
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_flags = flags;
	vma->vm_file = file;
	vma->vm_pgoff = pgoff;
	if (file)
		file_get(file);
	return vma;
}

/* Insert @vma in address order; the range must be free. */
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = NULL, *next = mm->mmap;

	while (next && next->vm_start < vma->vm_start) {
		prev = next;
		next = next->vm_next;
	}
	vma->vm_prev = prev;
	vma->vm_next = next;
	if (next)
		next->vm_prev = vma;
	if (prev)
		prev->vm_next = vma;
	else
		mm->mmap = vma;
}

/* Unlink @vma from its mm and free it; its entries must be gone. */
void vma_unlink_free(struct world *w, struct vm_area_struct *vma)
{
	struct mm_struct *mm = vma->vm_mm;

	if (vma->vm_prev)
		vma->vm_prev->vm_next = vma->vm_next;
	else
		mm->mmap = vma->vm_next;
	if (vma->vm_next)
		vma->vm_next->vm_prev = vma->vm_prev;
	if (is_vm_hugetlb_page(vma))
		hugetlb_vm_op_close(w, vma);
	if (vma->vm_file)
		file_put(w, vma->vm_file);
	kfree(w, vma);
}

/*
 * split_vma - split @vma at @addr (inside it, page aligned): @vma keeps
 * [vm_start, addr), the returned new VMA gets [addr, vm_end).
 *
 * A PMD-mapped THP straddling @addr is split to PTEs first: a leaf
 * never spans two VMAs.
 *
 * Models: mm/vma.c:__split_vma() with vma_adjust_trans_huge()
 */
struct vm_area_struct *split_vma(struct vm_area_struct *vma, uint64_t addr)
{
	struct vm_area_struct *new;

	if (!IS_ALIGNED(addr, PMD_SIZE))
		split_huge_pmd(vma, addr);

	new = vma_alloc(vma->vm_mm, addr, vma->vm_end, vma->vm_flags,
			vma->vm_file, vma->vm_pgoff +
			((addr - vma->vm_start) >> PAGE_SHIFT));
	new->anon_vma = vma->anon_vma;
	if (is_vm_hugetlb_page(vma))
		hugetlb_vm_op_open(new, vma);
	vma->vm_end = addr;
	vma_link(vma->vm_mm, new);
	return new;
}

/*
 * vma_isolate_range - split VMAs so that [start, end) is covered only by
 * whole VMAs (holes allowed).  Returns 0.
 */
int vma_isolate_range(struct mm_struct *mm, uint64_t start, uint64_t end)
{
	struct vm_area_struct *vma = vma_lookup(mm, start);

	if (vma && vma->vm_start < start)
		split_vma(vma, start);
	vma = vma_lookup(mm, end - 1);
	if (vma && vma->vm_end > end)
		split_vma(vma, end);
	return 0;
}

/*
 * Can @next be appended to @prev?  Same flags (soft-dirty aside), same
 * file at a contiguous offset, or both anonymous with contiguous offsets
 * (anonymous offsets follow addresses, except after mremap).
 *
 * Models: mm/vma.c:is_mergeable_vma() / can_vma_merge_after()
 */
static bool vma_can_merge(const struct vm_area_struct *prev,
			  const struct vm_area_struct *next)
{
	/*
	 * hugetlb VMAs are VM_DONTEXPAND and driver mappings VM_MIXEDMAP
	 * (both VM_SPECIAL): never merged.
	 */
	return prev->vm_end == next->vm_start &&
	       !(prev->vm_flags & (VM_HUGETLB | VM_MIXEDMAP)) &&
	       !((prev->vm_flags ^ next->vm_flags) & ~VM_SOFTDIRTY) &&
	       prev->vm_file == next->vm_file &&
	       prev->vm_pgoff + ((prev->vm_end - prev->vm_start) >> PAGE_SHIFT) ==
	       next->vm_pgoff;
}

/*
 * vma_merge_range - merge every VMA touching [start, end) with compatible
 * neighbours, as mprotect_fixup() and madvise_update_vma() do through
 * vma_modify().
 */
void vma_merge_range(struct world *w, struct mm_struct *mm, uint64_t start,
		     uint64_t end)
{
	struct vm_area_struct *vma = find_vma(mm, start > 0 ? start - 1 : 0);

	while (vma && vma->vm_next && vma->vm_start <= end) {
		struct vm_area_struct *next = vma->vm_next;

		if (!vma_can_merge(vma, next)) {
			vma = next;
			continue;
		}
		vma->vm_end = next->vm_end;
		vma->vm_flags |= next->vm_flags & VM_SOFTDIRTY;
		vma->anon_vma = vma->anon_vma || next->anon_vma;
		vma_unlink_free(w, next);
	}
}

/* Is every byte of [start, end) inside some VMA? */
bool range_fully_mapped(struct mm_struct *mm, uint64_t start, uint64_t end)
{
	uint64_t addr = start;

	while (addr < end) {
		struct vm_area_struct *vma = vma_lookup(mm, addr);

		if (!vma)
			return false;
		addr = vma->vm_end;
	}
	return true;
}

/* PROT_* (mm_map_prot) to VM_READ/VM_WRITE. */
unsigned int calc_vm_prot_bits(unsigned int prot)
{
	unsigned int flags = 0;

	if (prot & MMP_READ)
		flags |= VM_READ;
	if (prot & MMP_WRITE)
		flags |= VM_WRITE | VM_READ;
	return flags;
}
