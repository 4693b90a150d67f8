// SPDX-License-Identifier: MIT
/*
 * lock.c - the meaning of mlock()/munlock() and of MADV_REMOVE.
 *
 * A locked mapping's content means what it meant before: locking only
 * keeps pages in memory, which a program cannot observe.  What it can
 * observe is that mlock() faults every page in (a private writable page
 * then has content of its own, as after a write) and that MADV_DONTNEED,
 * MADV_FREE and MADV_REMOVE refuse a locked mapping, after acting on the
 * mappings before it.
 *
 * MADV_REMOVE punches a hole in the file behind a shared mapping: those
 * file pages read zero from then on, in every mapping that reads the file
 * (shared ones, and private ones where the process made no copy of its
 * own).  A GUP handle on a punched page keeps the old page, which is no
 * longer the file's: it keeps its content and follows neither the file
 * nor its owner any more.
 */
#include "oracle_internal.h"


uint64_t olocked_stop(const struct oproc *p, uint64_t addr, uint64_t end)
{
	for (size_t i = 0; i < p->nr; i++) {
		const struct oseg *seg = &p->segs[i];

		if (seg->end > addr && seg->start < end && seg->locked)
			return MAX_U64(seg->start, addr);
	}
	return end;
}

bool oracle_locked_in(const struct oracle *o, int pid, uint64_t addr,
		      uint64_t len)
{
	return olocked_stop(&o->procs[pid], addr, addr + len) < addr + len;
}

/*
 * mlock/munlock set the flag mapping by mapping up to the first hole,
 * which stops them (the mappings before it keep the new flag).  hugetlb
 * and driver mappings are never locked (VM_SPECIAL and hugetlb are left
 * out of VM_LOCKED), though mlock() still faults them in.
 */
bool oracle_mlock(struct oracle *o, int pid, uint64_t addr, uint64_t len,
		  bool locked)
{
	struct oproc *p = &o->procs[pid];
	uint64_t tmp = addr, end = addr + len;

	while (tmp < end) {
		struct oseg *seg = oseg_find(p, tmp);
		uint64_t next;

		if (!seg)
			return false;
		next = MIN_U64(seg->end, end);
		/* Only a segment that changes is cut (a huge page stays whole). */
		if (!seg->hugetlb && !seg->driver && seg->locked != locked) {
			oseg_isolate(p, tmp, next);
			oseg_find(p, tmp)->locked = locked;
		}
		tmp = next;
	}
	return true;
}

/*
 * mlock()'s population, once the whole range is locked: a private
 * writable file page takes a write fault and so a copy of its own (as
 * MAP_POPULATE gives; a private anonymous page reads the same either
 * way).  It stops at the first page that cannot be faulted in: one
 * without access (PROT_NONE) or past the end of its file.
 */
void oracle_mlock_populate(struct oracle *o, int pid, uint64_t addr,
			   uint64_t len)
{
	for (uint64_t a = addr; a < addr + len; a += 1ULL << O_PAGE_SHIFT) {
		struct oexpect e = oracle_expect(o, pid, a);

		if (!e.mapped || e.beyond_eof ||
		    e.seg->prot == ORACLE_PROT_NONE)
			return;
		if (e.seg->prot == ORACLE_PROT_RW && !e.seg->shared &&
		    e.seg->obj)
			oracle_write_intent(o, pid, a);
		else
			oracle_touch(o, pid, a, 1);
	}
}

/*
 * Handle pages holding object page [lo, hi) of @obj let go of the file:
 * they hold the removed pages from now on, which no mapping shows.  Those
 * pages are one object of their own, so that what a device writes through
 * one handle, another handle on the same page sees, as before.
 */
static void ohandles_unlink(struct oracle *o, struct oobj *obj,
			    uint64_t lo, uint64_t hi)
{
	struct oobj *orphan = oobj_new(o, obj->pages);

	ohash_for_each(&obj->val, s)
		if (s->key >= lo && s->key < hi)
			ohash_put(&orphan->val, s->key, s->value, 0);
	for_each_ohandle(o, g) {
		struct ohandle *h = &o->handles[g];

		for (uint64_t i = 0; i < h->nr; i++) {
			struct ohandle_page *hp = &h->pages[i];

			if (hp->obj != obj || hp->index < lo || hp->index >= hi)
				continue;
			oobj_put(hp->obj);
			hp->obj = orphan;
			orphan->refcount++;
			hp->obj_shared = true;
			hp->detached = true;
		}
	}
	oobj_put(orphan);
}

/*
 * A hugetlb file loses whole huge pages from every mapping, the private
 * copies of other mappings included (the kernel unmaps the huge page
 * from every VMA of the file); the copies of a shmem file stay.
 */
static void opriv_drop_copies(struct oracle *o, const struct oobj *obj,
			      uint64_t lo, uint64_t hi)
{
	for (int pid = 0; pid < O_NR_PROCS; pid++) {
		struct oproc *p = &o->procs[pid];

		for (size_t i = 0; p->alive && i < p->nr; i++) {
			const struct oseg *seg = &p->segs[i];
			uint64_t first = seg->pgoff;
			uint64_t last = first + ((seg->end - seg->start) >>
						 O_PAGE_SHIFT);
			uint64_t from = MAX_U64(first, lo), to = MIN_U64(last, hi);

			uint64_t a, b;

			if (seg->obj != obj || seg->shared || from >= to)
				continue;
			a = seg->start + ((from - first) << O_PAGE_SHIFT);
			b = seg->start + ((to - first) << O_PAGE_SHIFT);
			/* A handle on such a copy keeps it, unmapped. */
			ohandles_detach(o, pid, a, b);
			opriv_del_range(p, a >> O_PAGE_SHIFT, b >> O_PAGE_SHIFT);
		}
	}
}

/* Punch object pages [lo, hi) of @obj. */
static void oobj_punch(struct oracle *o, struct oobj *obj, uint64_t lo,
		       uint64_t hi)
{
	uint64_t huge = obj->huge_size >> O_PAGE_SHIFT;
	uint64_t whole_lo = lo, whole_hi = hi;

	/* hugetlb: only whole huge pages go; partial ones are zeroed. */
	if (huge) {
		whole_lo = (lo + huge - 1) / huge * huge;
		whole_hi = hi / huge * huge;
		if (whole_hi < whole_lo)
			whole_hi = whole_lo;
	}
	if (!huge)
		ohandles_unlink(o, obj, lo, hi);
	else if (whole_lo < whole_hi) {
		ohandles_unlink(o, obj, whole_lo, whole_hi);
		opriv_drop_copies(o, obj, whole_lo, whole_hi);
		ohugetlb_file_punch(obj, whole_lo, whole_hi);
	}
	ohash_del_range(&obj->val, lo, hi);
}

/*
 * MADV_REMOVE, mapping by mapping: a hole is passed over; a locked
 * mapping, a private one, a shared one that may not write (a read-only
 * file) or a driver's stops it, and the mappings before it were punched.
 * Neighbouring segments over consecutive pages of one object are punched
 * as one range: the segments are this oracle's bookkeeping (an mlock or
 * a madvise may have cut a mapping in two), and a hugetlb file loses a
 * huge page only when the range covers it whole.
 */
void oracle_remove(struct oracle *o, int pid, uint64_t addr, uint64_t len)
{
	struct oproc *p = &o->procs[pid];
	uint64_t end = addr + len, lo = 0, hi = 0;
	struct oobj *obj = NULL;

	for (size_t i = 0; i < p->nr; i++) {
		const struct oseg *seg = &p->segs[i];
		uint64_t from = MAX_U64(seg->start, addr), to = MIN_U64(seg->end, end);

		if (from >= to)
			continue;
		if (seg->locked || !seg->shared || !seg->obj || seg->ro_file ||
		    seg->driver)
			break;
		from = seg->pgoff + ((from - seg->start) >> O_PAGE_SHIFT);
		to = MIN_U64(seg->pgoff + ((to - seg->start) >> O_PAGE_SHIFT),
			 seg->obj->pages);
		if (obj == seg->obj && from == hi) {
			hi = MAX_U64(hi, to);
			continue;
		}
		if (obj && lo < hi)
			oobj_punch(o, obj, lo, hi);
		obj = seg->obj;
		lo = from;
		hi = to;
	}
	if (obj && lo < hi)
		oobj_punch(o, obj, lo, hi);
}
