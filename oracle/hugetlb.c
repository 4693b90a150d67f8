// SPDX-License-Identifier: MIT
/*
 * hugetlb.c - what the hugetlb pool allows a program, and the two known
 * hugetlb behaviours of program.md §6.
 *
 * hugetlb memory comes from a pool of fixed size (config hugetlb=).  mmap
 * reserves what a mapping may fault in: every huge page of a private
 * mapping, whose VMA becomes the reservation owner, and the file range of
 * a shared one (hugetlb_reserve_pages()); it fails with ENOMEM when the
 * pool cannot back it.  A fault inside a reservation cannot fail.  Three
 * kernel rules make some faults fail all the same, and one makes a
 * process lose data without a signal:
 *
 *  1. A child gets no reservation: fork clears the reservation map of a
 *     private hugetlb VMA in the child (hugetlb_dup_vma_private(): faults
 *     of the children are not guaranteed to succeed, even read faults).
 *     Every page it needs must be one nobody reserved; with none free
 *     the fault fails (SIGBUS; EFAULT through GUP).
 *  2. When the owner's COW of a page it shares with such a child finds no
 *     page outside its own reservation, the owner takes the page away
 *     from every non-owner private VMA that maps it and marks them
 *     (hugetlb_wp() -> unmap_ref_private(), HPAGE_RESV_UNMAPPED); every
 *     later fault of a marked VMA fails for good (hugetlb_no_page()),
 *     however many pages the pool has by then.
 *  3. Reservations are bookkeeping the program's meaning does not follow
 *     (one consumed by a page since zapped is not given back; a COW of a
 *     shared anon page avoids the owner's reserve): any hugetlb fault may
 *     need a page nobody reserved, and fails when the pool has none.
 *  4. A process forked from a marked VMA is not marked (fork clears the
 *     flags with the map) and its page tables have no entry where the
 *     page was taken: its next fault there is a first touch, mapping the
 *     file's page or a zeroed one where its parent's data was.  The
 *     kernel does not remember: known "hugetlb-cow-lost".  It needs a
 *     free page for that fault, so only after the pool got one back (the
 *     owner unmapped or exited, say).
 *
 * A hugetlb file has pages only where a shared mapping touched it (a
 * fault there adds a zeroed page to the page cache); elsewhere it has a
 * hole.  A private mapping's first touch of a huge page (read, write or
 * GUP) maps the file's page where there is one, as any private file
 * mapping does; on a hole it gets a zeroed anon page of its own instead
 * (hugetlb_no_page() adds nothing to the page cache for a private
 * mapping), which later writes to the file there do not reach: the
 * oracle keeps it as a whole-huge-page copy of the hole.  Which huge
 * pages of a file exist is the program's meaning: the statements that
 * touched them through shared mappings, never the emulator's page cache.
 *
 * The oracle keeps no pool accounting of the kernel's kind (that needs
 * folio sharing, which it does not know).  It bounds from above the huge
 * pages the program may hold or have reserved, from its meaning alone:
 * one page per huge page of every hugetlb mapping of every process (its
 * reservation, its page, or its own copy), every page of every hugetlb
 * file, one per page a GUP handle holds.  Where that bound does not reach
 * the pool size, the pool cannot be dry and no hugetlb fault may fail.
 */
#include "oracle_internal.h"

#define GIGANTIC	(1ULL << 30)

static uint64_t opool_size(const struct oracle *o, uint64_t huge_size)
{
	return huge_size == GIGANTIC ? o->pool_1g : o->pool_2m;
}

/* Huge pages spanned by [start, end). */
static uint64_t ohuge_span(uint64_t start, uint64_t end, uint64_t huge_size)
{
	uint64_t lo = start & ~(huge_size - 1);
	uint64_t hi = (end + huge_size - 1) & ~(huge_size - 1);

	return (hi - lo) / huge_size;
}

/* The upper bound of the pages of @huge_size the program holds or reserved. */
static uint64_t ohuge_bound(const struct oracle *o, uint64_t huge_size)
{
	uint64_t n = 0;

	for (int pid = 0; pid < O_NR_PROCS; pid++) {
		const struct oproc *p = &o->procs[pid];

		for (size_t i = 0; p->alive && i < p->nr; i++)
			if (p->segs[i].huge_size == huge_size)
				n += ohuge_span(p->segs[i].start, p->segs[i].end,
						huge_size);
	}
	for (int f = 0; f < O_NR_FILES; f++)
		if (o->files[f] && o->files[f]->huge_size == huge_size)
			n += ohuge_span(0, o->files[f]->pages << O_PAGE_SHIFT,
					huge_size);
	for_each_ohandle(o, g)
		for (uint64_t i = 0; i < o->handles[g].nr; i++)
			n += o->handles[g].pages[i].huge_size == huge_size;
	return n;
}

/* May the pool of @huge_size have no free page left (rule 3)? */
static bool opool_may_be_dry(const struct oracle *o, uint64_t huge_size)
{
	return ohuge_bound(o, huge_size) >= opool_size(o, huge_size);
}

/*
 * After every statement: where the pool may have run dry, every page of
 * a private mapping held without reservation may have been taken by its
 * owner (rule 2).  What a statement holds in the middle is bounded by
 * what it holds before or after, so checking between statements misses
 * no moment the pool may have been dry.
 */
void ohugetlb_statement_done(struct oracle *o)
{
	/* Each pool's bound only once a mapping could be taken (-1: not yet). */
	int dry_2m = -1, dry_1g = -1;

	for (int pid = 0; pid < O_NR_PROCS; pid++) {
		struct oproc *p = &o->procs[pid];

		for (size_t i = 0; p->alive && i < p->nr; i++) {
			struct oseg *seg = &p->segs[i];
			int *dry = seg->huge_size == GIGANTIC ? &dry_1g : &dry_2m;

			if (!seg->no_resv || seg->may_be_taken)
				continue;
			if (*dry < 0)
				*dry = opool_may_be_dry(o, seg->huge_size);
			seg->may_be_taken = *dry;
		}
	}
}

/* A private hugetlb mapping inherited by fork holds no reservation (rule 1). */
void ohugetlb_fork(const struct oseg *parent, struct oseg *child)
{
	if (!parent->huge_size || parent->shared)
		return;
	child->no_resv = true;
	child->may_be_taken = false;
	child->lost_in_parent = parent->may_be_taken || parent->lost_in_parent;
}

/*
 * A hugetlb fault of @seg failed: the kernel may do so where the pool may
 * be dry now (rules 1 and 3), or for good where the owner may have taken
 * the page (rule 2).
 */
bool ohugetlb_may_fail(const struct oracle *o, const struct oseg *seg)
{
	return seg->may_be_taken || opool_may_be_dry(o, seg->huge_size);
}

/*
 * @e (at @addr) shows @value where the program says otherwise: is it the
 * first touch of rule 4?  Only in a private hugetlb mapping forked from
 * one whose page may have been taken, and only what a first touch maps:
 * the file's page there, or zero.
 */
bool ohugetlb_cow_lost(const struct oexpect *e, uint64_t addr, uint64_t value)
{
	const struct oseg *seg = e->seg;
	uint64_t index;

	if (!e->mapped || e->beyond_eof || !seg->huge_size || seg->shared ||
	    !seg->lost_in_parent)
		return false;
	index = seg->pgoff + ((addr - seg->start) >> O_PAGE_SHIFT);
	return value == (seg->obj ? oobj_get(seg->obj, index) : 0);
}

/*
 * A plain reference (vmsplice, gup get) shows another process's private
 * write (P5): known "hugetlb-vmsplice" when it was taken on a private
 * hugetlb page of the process's own (not the file's page).  hugetlb COW
 * reuse is decided by the mapcount (hugetlb_wp(), on purpose:
 * b8a2528835b3), so whichever process maps the page last writes it in
 * place, whatever references it.  A pin is not covered: unsharing (5.19)
 * and the copy at fork (5.12) keep it coherent.
 */
bool ohugetlb_vmsplice(const struct ohandle *h, const struct ohandle_page *hp)
{
	return !h->pin && hp->huge_size && !hp->obj;
}

/* The huge page number of a hugetlb file holding its 4 KiB page @index. */
static uint64_t ohuge_index(const struct oseg *seg, uint64_t index)
{
	return index / (seg->huge_size >> O_PAGE_SHIFT);
}

/*
 * A fault of @seg at @addr (inside its file, or anonymous).  A shared
 * hugetlb file mapping gives the file its page there; true where a private
 * one meets a hole of the file: the caller makes the huge page the
 * process's own (zero, as the file reads there).
 */
bool ohugetlb_touch(const struct oseg *seg, uint64_t addr)
{
	uint64_t hidx;

	if (!seg->huge_size || !seg->obj || seg->driver)
		return false;
	hidx = ohuge_index(seg, seg->pgoff +
			   ((addr - seg->start) >> O_PAGE_SHIFT));
	if (seg->shared) {
		ohash_put(&seg->obj->huge_pages, hidx, 1, 0);
		return false;
	}
	return !ohash_get(&seg->obj->huge_pages, hidx);
}

/* Huge pages [lo, hi) (in 4 KiB pages, whole huge pages) were punched. */
void ohugetlb_file_punch(struct oobj *obj, uint64_t lo, uint64_t hi)
{
	uint64_t huge = obj->huge_size >> O_PAGE_SHIFT;

	ohash_del_range(&obj->huge_pages, lo / huge, hi / huge);
}
