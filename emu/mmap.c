// SPDX-License-Identifier: MIT
/*
 * mmap.c - creating, removing and moving mappings: mmap (always
 * MAP_FIXED at the region's slot) of anonymous memory, files and
 * character devices, munmap, mremap, and exit's teardown.
 */
#include "internal.h"

/*
 * do_munmap - remove every mapping in [start, start + len): split the
 * VMAs at the edges, zap their entries, free them.  Holes are fine.
 *
 * Models: mm/vma.c:do_vmi_munmap()
 */
int do_munmap(struct world *w, struct mm_struct *mm, uint64_t start,
	      uint64_t len)
{
	uint64_t end = start + len;
	struct vm_area_struct *vma, *next;

	if (hugetlb_split_check(mm, start, end))
		return -EINVAL;
	vma_isolate_range(mm, start, end);
	for (vma = mm->mmap; vma && vma->vm_start < end; vma = next) {
		next = vma->vm_next;
		if (vma->vm_end <= start)
			continue;
		zap_page_range(w, vma, vma->vm_start, vma->vm_end);
		vma_unlink_free(w, vma);
	}
	return 0;
}

static int check_user_range(uint64_t addr, uint64_t len)
{
	if (!len || !IS_ALIGNED(addr | len, PAGE_SIZE) || addr + len < addr)
		return -EINVAL;
	return 0;
}

int mm_munmap(struct world *w, int pid, uint64_t addr, uint64_t len)
{
	struct mm_struct *mm = get_mm(w, pid);
	int err = check_user_range(addr, len);

	if (!mm)
		return -ESRCH;
	if (err)
		return err;
	if ((err = mmap_lock(w, pid, MMAP_LOCK_WRITE)))
		return err;
	return do_munmap(w, mm, addr, len);
}

/* The vm_flags mmap() derives from prot and flags.  Models: do_mmap() */
static unsigned int mmap_vm_flags(unsigned int prot, unsigned int flags)
{
	unsigned int vm_flags = calc_vm_prot_bits(prot) | VM_MAYREAD |
				VM_MAYWRITE | VM_MAYEXEC | VM_SOFTDIRTY;

	if (flags & MMF_SHARED)
		vm_flags |= VM_SHARED | VM_MAYSHARE;
	if (flags & (MMF_HUGETLB | MMF_HUGETLB_1G))
		vm_flags |= VM_HUGETLB;
	if (flags & MMF_HUGETLB_1G)
		vm_flags |= VM_HUGE_1G;
	/* A shared mapping of a file opened read-only can never be written. */
	if ((flags & MMF_SHARED) && (flags & MMF_RO_FILE))
		vm_flags &= ~(VM_MAYWRITE | VM_SHARED);
	return vm_flags;
}

static int mmap_check(struct world *w, uint64_t addr, uint64_t len,
		      unsigned int prot, unsigned int flags, int fid,
		      uint64_t off)
{
	int err = check_user_range(addr, len);

	if (err)
		return err;
	if (flags & MMF_ANON)
		return 0;
	if (fid < 0 || fid >= NR_FILES || !w->files[fid])
		return -EBADF;
	if (!IS_ALIGNED(off, PAGE_SIZE) || off + len < off)
		return -EINVAL;
	if ((flags & MMF_SHARED) && (flags & MMF_RO_FILE) && (prot & MMP_WRITE))
		return -EACCES;
	return 0;
}

/*
 * mm_mmap - MAP_FIXED mmap: whatever was mapped in the range goes first.
 * MAP_SHARED|MAP_ANONYMOUS creates a new shmem object; MAP_POPULATE faults
 * everything in as populate_vma_page_range() does (write faults for
 * private writable mappings).
 *
 * Models: mm/mmap.c:do_mmap() -> mmap_region(); mm/gup.c:__mm_populate()
 */
int mm_mmap(struct world *w, int pid, uint64_t addr, uint64_t len,
	    unsigned int prot, unsigned int flags, int fid, uint64_t off)
{
	struct mm_struct *mm = get_mm(w, pid);
	struct address_space *file = NULL;
	struct vm_area_struct *vma;
	uint64_t pgoff = addr >> PAGE_SHIFT;
	int err;

	if (!mm)
		return -ESRCH;
	if ((err = mmap_check(w, addr, len, prot, flags, fid, off)))
		return err;
	if ((err = mmap_lock(w, pid, MMAP_LOCK_WRITE)))
		return err;
	if (!(flags & MMF_ANON) && w->files[fid] &&
	    is_hugetlb_file(w->files[fid]))
		flags = (flags & ~(MMF_HUGETLB | MMF_HUGETLB_1G)) |
			(hugetlb_file_order(w->files[fid]) == HPAGE_PUD_ORDER ?
			 MMF_HUGETLB_1G : MMF_HUGETLB);
	else if (!(flags & MMF_ANON))
		flags &= ~(MMF_HUGETLB | MMF_HUGETLB_1G);
	if ((err = hugetlb_mmap_check(w, mm, addr, len, flags, fid, off)))
		return err;
	if (!(flags & MMF_ANON)) {
		file = w->files[fid];
		pgoff = off >> PAGE_SHIFT;
	} else if (flags & MMF_SHARED) {
		/* shmem_zero_setup(), or the hugetlbfs file of MAP_HUGETLB */
		file = file_alloc(w, flags & MMF_HUGETLB_1G ? MMFT_MEMFD_HUGETLB_1G :
				  flags & MMF_HUGETLB ? MMFT_MEMFD_HUGETLB :
				  MMFT_SHMEM, len);
		file->anon_shared = true;
		pgoff = 0;
	}
	vma = vma_alloc(mm, addr, addr + len, mmap_vm_flags(prot, flags), file,
			pgoff);
	if (file && (flags & MMF_ANON))
		file_put(w, file);	/* the VMA holds it now */
	/* Reserve before the old mappings go, as 6.12's mmap_region() does. */
	if (is_vm_hugetlb_page(vma) && (err = hugetlb_reserve_pages(w, vma))) {
		if (vma->vm_file)
			file_put(w, vma->vm_file);
		kfree(w, vma);
		return err;
	}
	do_munmap(w, mm, addr, len);
	vma_link(mm, vma);
	mm_step_done(w, MM_STEP_MAPPED, addr);
	if ((flags & MMF_POPULATE) && (vma->vm_flags & (VM_READ | VM_WRITE))) {
		unsigned int gup_flags = MMG_FORCE;

		if ((vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
			gup_flags |= MMG_WRITE;
		populate_range(w, mm, addr, addr + len, gup_flags);
	}
	return 0;
}

/*
 * mm_mmap_driver - MAP_FIXED mmap of a character device whose driver maps
 * pages itself (vm_insert_page() from its mmap handler or an ioctl,
 * vmf_insert_mixed()): a VM_MIXEDMAP VMA of the device's file, empty
 * until the driver inserts something (insert_page.c), with no ->fault
 * handler behind it.  A private mapping is a COW mapping; a shared one of
 * a device opened read-only lacks VM_MAYWRITE (and VM_SHARED), as for any
 * file.
 *
 * Models: mm/mmap.c:do_mmap() -> mmap_region() -> f_op->mmap()
 * Divergence: the driver's mmap handler accepts every size, offset and
 * protection and inserts nothing by itself; insertions are separate calls.
 */
int mm_mmap_driver(struct world *w, int pid, uint64_t addr, uint64_t len,
		   unsigned int prot, unsigned int flags)
{
	struct mm_struct *mm = get_mm(w, pid);
	struct address_space *file;
	struct vm_area_struct *vma;
	int err = check_user_range(addr, len);

	if (!mm)
		return -ESRCH;
	if (err || (flags & ~(MMF_SHARED | MMF_RO_FILE)))
		return -EINVAL;
	if ((flags & MMF_SHARED) && (flags & MMF_RO_FILE) && (prot & MMP_WRITE))
		return -EACCES;
	if ((err = mmap_lock(w, pid, MMAP_LOCK_WRITE)))
		return err;
	/* What it replaces must go: not a part of a huge page. */
	if (hugetlb_split_check(mm, addr, addr + len))
		return -EINVAL;
	file = chardev_alloc(w);
	vma = vma_alloc(mm, addr, addr + len,
			mmap_vm_flags(prot, flags) | VM_MIXEDMAP, file, 0);
	file_put(w, file);	/* the VMA holds it now */
	do_munmap(w, mm, addr, len);
	vma_link(mm, vma);
	return 0;
}

struct move_ctx {
	struct { uint64_t addr; pte_t pte; bool pmd; } *moved;
	size_t nr, cap;
	uint64_t delta;
};

static void move_record(struct move_ctx *ctx, uint64_t addr, pte_t entry,
			bool pmd)
{
	if (ctx->nr == ctx->cap) {
		ctx->cap = ctx->cap ? 2 * ctx->cap : 64;
		ctx->moved = mm_realloc_array(ctx->moved, ctx->cap,
					      sizeof(*ctx->moved));
	}
	ctx->moved[ctx->nr].addr = addr;
	ctx->moved[ctx->nr].pmd = pmd;
	ctx->moved[ctx->nr++].pte = entry;
}

/* First phase of a move: take the entries out, so none is met twice. */
static int move_pte_entry(pte_t *pte, uint64_t addr, struct mm_walk *walk)
{
	move_record(walk->priv, addr, *pte, false);
	pte_clear(walk->mm, addr, pte);
	return 0;
}

/*
 * A whole PMD leaf moves as one when its destination is PMD-aligned too
 * (move_huge_pmd); otherwise it is split and its PTEs move.
 */
static int move_pmd_entry(pte_t *pmd, uint64_t addr, uint64_t end,
			  struct mm_walk *walk)
{
	struct move_ctx *ctx = walk->priv;

	if (IS_ALIGNED(addr, PMD_SIZE) && end - addr == PMD_SIZE &&
	    IS_ALIGNED(ctx->delta, PMD_SIZE)) {
		move_record(ctx, addr, *pmd, true);
		set_pmd_at(walk->mm, addr, pte_empty());
		return 0;
	}
	split_huge_pmd(walk->vma, addr);
	return WALK_SPLIT;
}

/*
 * move_page_tables - move the entries of [addr, addr + len) by @delta.
 * Moved entries become soft-dirty: the range is new to the tracker.
 *
 * Models: mm/mremap.c:move_page_tables() -> move_ptes()
 */
static void move_page_tables(struct mm_struct *mm, uint64_t addr,
			     uint64_t len, uint64_t delta)
{
	static const struct mm_walk_ops ops = { .pte_entry = move_pte_entry,
						.pmd_entry = move_pmd_entry };
	struct move_ctx ctx = { .delta = delta };

	walk_page_range(mm, addr, addr + len, &ops, &ctx);
	free_pgtables(mm, addr, addr + len);
	for (size_t i = 0; i < ctx.nr; i++) {
		uint64_t to = ctx.moved[i].addr + delta;
		pte_t entry = ctx.moved[i].pte;

		if (pte_present(entry))
			entry = pte_mksoft_dirty(entry);
		if (ctx.moved[i].pmd)
			set_pmd_at(mm, to, entry);
		else
			set_pte_at(mm, to, pte_offset(mm, to, true), entry);
	}
	free(ctx.moved);
}

/*
 * move_vma - move [addr, addr + len), which lies in one VMA, to new_addr:
 * whatever new_addr held goes first.  Entries move with every bit
 * (writable, dirty, PageAnonExclusive stays on the page); pins follow.
 *
 * Models: mm/mremap.c:mremap_to() -> move_vma() -> move_page_tables()
 */
static void move_vma(struct world *w, struct mm_struct *mm, uint64_t addr,
		     uint64_t len, uint64_t new_addr)
{
	struct vm_area_struct *vma, *new;

	do_munmap(w, mm, new_addr, len);
	vma_isolate_range(mm, addr, addr + len);
	vma = vma_lookup(mm, addr);
	new = vma_alloc(mm, new_addr, new_addr + len, vma->vm_flags,
			vma->vm_file, vma->vm_file || is_vm_hugetlb_page(vma) ?
			vma->vm_pgoff : new_addr >> PAGE_SHIFT);
	new->anon_vma = vma->anon_vma;
	vma_link(mm, new);
	if (is_vm_hugetlb_page(vma))
		move_hugetlb_page_tables(w, vma, new, addr, len, new_addr);
	else
		move_page_tables(mm, addr, len, new_addr - addr);
	gup_move_range(w, mm, addr, addr + len, new_addr);
	vma_unlink_free(w, vma);
}

/* The part of @vma in [start, end), and where it goes by @delta. */
struct mremap_part {
	uint64_t addr, len;
};

static struct mremap_part mremap_part(const struct vm_area_struct *vma,
				      uint64_t start, uint64_t end)
{
	uint64_t lo = MAX(start, vma->vm_start), hi = MIN(end, vma->vm_end);

	return (struct mremap_part){ lo, hi - lo };
}

/* What refuses to move one VMA's part (a hugetlb mapping's rules). */
static int mremap_check_part(struct world *w, struct mm_struct *mm,
			     struct vm_area_struct *vma, uint64_t start,
			     uint64_t end, uint64_t delta)
{
	struct mremap_part p = mremap_part(vma, start, end);
	int err = hugetlb_mremap_check(w, vma, p.addr, p.len, p.addr + delta);

	return err ? err : hugetlb_split_check(mm, p.addr + delta,
					       p.addr + delta + p.len);
}

/*
 * mm_mremap - move [addr, addr + len) to new_addr (MREMAP_MAYMOVE|
 * MREMAP_FIXED, the same length).  Before 6.17 the range must lie in one
 * VMA (EFAULT otherwise); since 6.17 (mremap_multi_vma) it may span
 * several: each VMA's part moves by the same distance, so a gap between
 * two VMAs stays a gap, and what the destination holds in such a gap
 * stays mapped.  The range must still start in a VMA.  One that ends
 * inside a hugetlb page ends at its end (hugetlb_mremap_len()).
 *
 * Models: mm/mremap.c:do_mremap() -> remap_move() (6.17), check_prep_vma()
 * Divergence: the kernel moves VMA by VMA, so when one refuses (a hugetlb
 * part not huge-page aligned) the VMAs before it have moved and the error
 * is returned; here every part is checked before any moves.  A VMA that
 * the kernel never moves along with others (userfaultfd-armed, or a file
 * whose get_unmapped_area() might not honour MREMAP_FIXED) does not exist
 * here: anonymous, shmem, hugetlbfs and driver mappings all may.  A move
 * whose hugetlb rounding makes it overlap its destination is refused
 * (the kernel checks the overlap before rounding and then unmaps part of
 * what it moves; no program of the language reaches that).
 */
int mm_mremap(struct world *w, int pid, uint64_t addr, uint64_t len,
	      uint64_t new_addr)
{
	struct mm_struct *mm = get_mm(w, pid);
	struct vm_area_struct *vma, *v;
	uint64_t delta = new_addr - addr, end = addr + len;
	int err = check_user_range(addr, len);

	if (!mm)
		return -ESRCH;
	if (err || !IS_ALIGNED(new_addr, PAGE_SIZE))
		return -EINVAL;
	if (new_addr < addr + len && addr < new_addr + len)
		return -EINVAL;
	if ((err = mmap_lock(w, pid, MMAP_LOCK_WRITE)))
		return err;
	len = hugetlb_mremap_len(mm, addr, len);
	end = addr + len;
	if (new_addr < end && addr < new_addr + len)
		return -EINVAL;
	vma = vma_lookup(mm, addr);
	if (!vma || (end > vma->vm_end && !knob(w, MMK_MREMAP_MULTI_VMA)))
		return -EFAULT;
	for (v = vma; v && v->vm_start < end; v = v->vm_next)
		if ((err = mremap_check_part(w, mm, v, addr, end, delta)))
			return err;
	/* Part by part from the start; the moved VMAs land past the range. */
	for (uint64_t cur = addr;
	     cur < end && (v = find_vma(mm, cur)) && v->vm_start < end; ) {
		struct mremap_part p = mremap_part(v, cur, end);

		move_vma(w, mm, p.addr, p.len, p.addr + delta);
		cur = p.addr + p.len;
	}
	return 0;
}

/* Tear down every mapping of @mm (exit, or world destruction). */
void exit_mmap(struct world *w, struct mm_struct *mm)
{
	while (mm->mmap) {
		struct vm_area_struct *vma = mm->mmap;

		zap_page_range(w, vma, vma->vm_start, vma->vm_end);
		vma_unlink_free(w, vma);
	}
}
