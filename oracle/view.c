// SPDX-License-Identifier: MIT
/*
 * view.c - the view oracle (I1): what each process must see.
 *
 *   private anonymous page   zero, or what the process itself last wrote
 *   private file page        the file's current content until the process
 *                            writes (or takes a write GUP / a frozen copy)
 *   shared page              the object's current content
 *   driver page              zero where the driver inserted the zeropage
 *                            (a private write copies it), none elsewhere
 *
 * A private hugetlb file mapping whose first touch of a huge page finds a
 * hole of the file gets a zeroed page of its own there (hugetlb.c).
 *
 * fork copies the parent's segments and private pages (not those marked
 * dontfork; wipeonfork ranges start empty); munmap/dontneed discard.
 * The judgements against this meaning are in judge.c.
 */
#include "oracle_internal.h"

#include <stdarg.h>


void *oxcalloc(struct mm_arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		fprintf(stderr, "mmfuzz: allocation overflow\n");
		abort();
	}
	return mm_arena_zalloc(a, n * size);
}

void oviolation(struct oracle_violation *v, const char *cls, const char *id,
		int pid, uint64_t addr, int gid, const char *fmt, ...)
{
	va_list ap;

	memset(v, 0, sizeof(*v));
	snprintf(v->cls, sizeof(v->cls), "%s", cls);
	snprintf(v->id, sizeof(v->id), "%s", id);
	v->pid = pid;
	v->addr = addr;
	v->gid = gid;
	va_start(ap, fmt);
	vsnprintf(v->msg, sizeof(v->msg), fmt, ap);
	va_end(ap);
}

struct oobj *oobj_new(struct oracle *o, uint64_t pages)
{
	struct oobj *obj = oxcalloc(o->arena, 1, sizeof(*obj));

	obj->arena = o->arena;
	obj->refcount = 1;
	obj->pages = pages;
	ohash_init(&obj->val, o->arena);
	ohash_init(&obj->huge_pages, o->arena);
	return obj;
}

void oobj_put(struct oobj *obj)
{
	if (obj && --obj->refcount == 0) {
		ohash_free(&obj->val);
		ohash_free(&obj->huge_pages);
		mm_arena_free(obj->arena, obj);
	}
}

uint64_t oobj_get(const struct oobj *obj, uint64_t index)
{
	const struct ohash_slot *s = ohash_get(&obj->val, index);

	return s ? s->value : 0;
}

struct oracle *oracle_create(const struct oracle_config *cfg)
{
	struct oracle_meaning meaning;
	struct oracle *o;

	if (oracle_era_meaning(cfg->era, &meaning))
		return NULL;
	o = oxcalloc(cfg->arena, 1, sizeof(*o));
	o->arena = cfg->arena;
	o->meaning = meaning;
	o->pool_2m = cfg->hugetlb_2m;
	o->pool_1g = cfg->hugetlb_1g;
	o->procs[0].alive = true;
	for (int p = 0; p < O_NR_PROCS; p++) {
		o->procs[p].arena = o->arena;
		ohash_init(&o->procs[p].priv, o->arena);
		ohash_init(&o->procs[p].frozen, o->arena);
	}
	ohash_init(&o->prov, o->arena);
	return o;
}

static void oproc_clear(struct oproc *p)
{
	for (size_t i = 0; i < p->nr; i++)
		oobj_put(p->segs[i].obj);
	mm_arena_free(p->arena, p->segs);
	p->segs = NULL;
	p->nr = p->cap = 0;
	ohash_free(&p->priv);
	ohash_free(&p->frozen);
	p->alive = false;
}

void oracle_destroy(struct oracle *o)
{
	if (!o)
		return;
	ohandles_free(o);
	for (int p = 0; p < O_NR_PROCS; p++)
		oproc_clear(&o->procs[p]);
	for (int f = 0; f < O_NR_FILES; f++)
		oobj_put(o->files[f]);
	ohash_free(&o->prov);
	mm_arena_free(o->arena, o);
}

O_NOCOV_BEGIN
struct oseg *oseg_find(const struct oproc *p, uint64_t addr)
{
	for (size_t i = 0; i < p->nr; i++)
		if (addr >= p->segs[i].start && addr < p->segs[i].end)
			return &p->segs[i];
	return NULL;
}

O_NOCOV_END

/* Forget the private pages (and whole-huge-page copies) in [lo, hi). */
void opriv_del_range(struct oproc *p, uint64_t lo, uint64_t hi)
{
	ohash_del_range(&p->priv, lo, hi);
	ohash_del_range(&p->frozen, lo, hi);
}

/* Move the entries of @h in [lo, hi) by @delta pages. */
static void ohash_move_range(struct ohash *h, uint64_t lo, uint64_t hi,
			     int64_t delta)
{
	struct ohash moved;

	ohash_init(&moved, h->arena);
	ohash_for_each(h, s)
		if (s->key >= lo && s->key < hi)
			ohash_put(&moved, (uint64_t)((int64_t)s->key + delta),
				  s->value, s->tag);
	ohash_del_range(h, lo, hi);
	ohash_for_each(&moved, s)
		ohash_put(h, s->key, s->value, s->tag);
	ohash_free(&moved);
}

/* The private copy of the huge page holding @addr, if one was made. */
static bool ofrozen(const struct oproc *p, const struct oseg *seg,
		    uint64_t addr)
{
	return seg->huge_size && !seg->shared && seg->obj &&
	       ohash_get(&p->frozen, (addr & ~(seg->huge_size - 1)) >> O_PAGE_SHIFT);
}

static void oseg_insert(struct oproc *p, const struct oseg *seg)
{
	size_t i = 0;

	if (p->nr == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 8;
		p->segs = mm_arena_realloc_array(p->arena, p->segs, p->cap,
						 sizeof(*p->segs));
	}
	while (i < p->nr && p->segs[i].start < seg->start)
		i++;
	memmove(&p->segs[i + 1], &p->segs[i], (p->nr - i) * sizeof(*seg));
	p->segs[i] = *seg;
	p->nr++;
}

/* Split the segment containing @addr so that a segment starts at @addr. */
static void oseg_split(struct oproc *p, uint64_t addr)
{
	struct oseg *seg = oseg_find(p, addr), tail;

	if (!seg || seg->start == addr)
		return;
	tail = *seg;
	tail.start = addr;
	tail.pgoff += (addr - seg->start) >> O_PAGE_SHIFT;
	seg->end = addr;
	if (tail.obj)
		tail.obj->refcount++;
	oseg_insert(p, &tail);
}

void oseg_isolate(struct oproc *p, uint64_t start, uint64_t end)
{
	oseg_split(p, start);
	oseg_split(p, end);
}

/* Remove segments (and private pages) in [start, end). */
static void oseg_remove(struct oproc *p, uint64_t start, uint64_t end)
{
	size_t i = 0;

	oseg_isolate(p, start, end);
	while (i < p->nr) {
		if (p->segs[i].start >= start && p->segs[i].end <= end) {
			oobj_put(p->segs[i].obj);
			memmove(&p->segs[i], &p->segs[i + 1],
				(p->nr - i - 1) * sizeof(p->segs[0]));
			p->nr--;
		} else {
			i++;
		}
	}
	opriv_del_range(p, start >> O_PAGE_SHIFT, end >> O_PAGE_SHIFT);
}

O_NOCOV_BEGIN
struct oexpect oracle_expect(const struct oracle *o, int pid, uint64_t addr)
{
	const struct oproc *p = &o->procs[pid];
	struct oexpect e = { 0 };
	const struct ohash_slot *s;
	uint64_t index;

	e.seg = p->alive ? oseg_find(p, addr) : NULL;
	if (!e.seg)
		return e;
	e.mapped = true;
	if (e.seg->driver) {
		s = ohash_get(&p->priv, addr >> O_PAGE_SHIFT);
		e.beyond_eof = !s;
		e.value = s ? s->value : 0;
		e.own = s && s->tag == PRIV_OWN;
		return e;
	}
	index = e.seg->pgoff + ((addr - e.seg->start) >> O_PAGE_SHIFT);
	if (e.seg->obj && index >= e.seg->obj->pages) {
		e.beyond_eof = true;
		return e;
	}
	if (e.seg->shared) {
		e.value = oobj_get(e.seg->obj, index);
		return e;
	}
	s = ohash_get(&p->priv, addr >> O_PAGE_SHIFT);
	if (s) {
		e.own = true;
		e.value = s->value;
		e.has_alt = s->tag == PRIV_LAZY;
		return e;
	}
	if (ofrozen(p, e.seg, addr)) {
		e.own = true;
		return e;
	}
	e.value = e.seg->obj ? oobj_get(e.seg->obj, index) : 0;
	return e;
}

O_NOCOV_END

void oracle_file_create(struct oracle *o, int fid, uint64_t size,
			uint64_t huge_size)
{
	oobj_put(o->files[fid]);
	o->files[fid] = oobj_new(o, size >> O_PAGE_SHIFT);
	o->files[fid]->huge_size = huge_size;
}

void oracle_file_write(struct oracle *o, int fid, uint64_t index,
		       uint64_t value)
{
	struct oobj *obj = o->files[fid];

	ohash_put(&obj->val, index, value, 0);
	if (obj->huge_size)
		ohash_put(&obj->huge_pages,
			  index / (obj->huge_size >> O_PAGE_SHIFT), 1, 0);
	if (!ohash_get(&o->prov, value))
		ohash_put(&o->prov, value, 0, 0);	/* nobody's private write */
}

void oracle_mmap(struct oracle *o, int pid, uint64_t addr, uint64_t len,
		 enum oracle_prot prot, bool shared, int fid, uint64_t foff,
		 bool ro_file)
{
	struct oproc *p = &o->procs[pid];
	struct oseg seg = { .start = addr, .end = addr + len, .shared = shared,
			    .prot = prot, .ro_file = ro_file };

	ohandles_detach(o, pid, addr, addr + len);
	oseg_remove(p, addr, addr + len);
	if (fid >= 0) {
		seg.obj = o->files[fid];
		seg.obj->refcount++;
		seg.pgoff = foff >> O_PAGE_SHIFT;
	} else if (shared) {
		seg.obj = oobj_new(o, len >> O_PAGE_SHIFT);
	}
	oseg_insert(p, &seg);
}

void oracle_mmap_driver(struct oracle *o, int pid, uint64_t addr,
			uint64_t len, enum oracle_prot prot, bool shared,
			bool ro_file)
{
	struct oproc *p = &o->procs[pid];
	struct oseg seg = { .start = addr, .end = addr + len, .shared = shared,
			    .prot = prot, .ro_file = ro_file, .driver = true };

	ohandles_detach(o, pid, addr, addr + len);
	oseg_remove(p, addr, addr + len);
	oseg_insert(p, &seg);
}

/* Pages of a driver mapping that hold nothing yet get the zeropage. */
void oracle_insert_zeropage(struct oracle *o, int pid, uint64_t addr,
			    uint64_t nr)
{
	struct oproc *p = &o->procs[pid];

	for (uint64_t i = 0; i < nr; i++) {
		uint64_t a = addr + (i << O_PAGE_SHIFT);
		const struct oseg *seg = oseg_find(p, a);

		if (seg && seg->driver && !ohash_get(&p->priv, a >> O_PAGE_SHIFT))
			ohash_put(&p->priv, a >> O_PAGE_SHIFT, 0, PRIV_DRIVER);
	}
}

void oracle_munmap(struct oracle *o, int pid, uint64_t addr, uint64_t len)
{
	ohandles_detach(o, pid, addr, addr + len);
	oseg_remove(&o->procs[pid], addr, addr + len);
}

/*
 * A locked private mapping made writable is faulted in for writing at
 * once (mprotect_fixup() populates it, so that a locked range never
 * takes a COW fault later): its file pages become the process's own, up
 * to the first page past the end of the file.
 */
static void omprotect_populate(struct oracle *o, int pid, uint64_t start,
			       uint64_t end)
{
	for (uint64_t a = start; a < end; a += 1ULL << O_PAGE_SHIFT) {
		struct oexpect e = oracle_expect(o, pid, a);

		if (!e.mapped || e.beyond_eof)
			return;
		oracle_write_intent(o, pid, a);
	}
}

/*
 * mprotect changes the mapping from @addr on, one mapping after the
 * other, up to the first hole or to a shared mapping of a read-only file
 * asked to become writable; what comes before keeps the new protection.
 */
void oracle_mprotect(struct oracle *o, int pid, uint64_t addr, uint64_t len,
		     enum oracle_prot prot)
{
	struct oproc *p = &o->procs[pid];
	uint64_t tmp = addr, end = addr + len;

	while (tmp < end) {
		struct oseg *seg = oseg_find(p, tmp);
		uint64_t next;

		if (!seg || (seg->ro_file && seg->shared && prot == ORACLE_PROT_RW))
			break;
		next = seg->end < end ? seg->end : end;
		/*
		 * Only a segment that changes is cut: the same protection is
		 * no change at all, and leaves a hugetlb mapping's huge pages
		 * whole (the emulator does not split it either).
		 */
		if (seg->prot != prot) {
			bool upgrade = prot == ORACLE_PROT_RW && !seg->shared &&
				       seg->locked;

			oseg_isolate(p, tmp, next);
			oseg_find(p, tmp)->prot = prot;
			if (upgrade)
				omprotect_populate(o, pid, tmp, next);
		}
		tmp = next;
	}
}

/* The first segment of @p that reaches past @from and starts before @end. */
static const struct oseg *oseg_next(const struct oproc *p, uint64_t from,
				    uint64_t end)
{
	const struct oseg *best = NULL;

	for (size_t i = 0; i < p->nr; i++)
		if (p->segs[i].end > from && p->segs[i].start < end &&
		    (!best || p->segs[i].start < best->start))
			best = &p->segs[i];
	return best;
}

/*
 * The fork-behaviour advice: only a segment whose flag changes is cut
 * (the kernel leaves a VMA the advice does not change alone, so a huge
 * page stays whole).
 */
void oracle_fork_advice(struct oracle *o, int pid, uint64_t addr,
			uint64_t len, enum oracle_advice advice)
{
	struct oproc *p = &o->procs[pid];
	bool fork_flag = advice == ORACLE_DONTFORK || advice == ORACLE_DOFORK;
	bool set = advice == ORACLE_DONTFORK || advice == ORACLE_WIPEONFORK;
	const struct oseg *seg;

	for (uint64_t t = addr; t < addr + len &&
	     (seg = oseg_next(p, t, addr + len)); ) {
		uint64_t s = MAX_U64(seg->start, t);
		struct oseg *cut;

		t = MIN_U64(seg->end, addr + len);
		if ((fork_flag ? seg->dontfork : seg->wipeonfork) == set)
			continue;
		oseg_isolate(p, s, t);
		cut = oseg_find(p, s);
		if (fork_flag)
			cut->dontfork = set;
		else
			cut->wipeonfork = set;
	}
}

/*
 * mremap: the segment parts and their private pages move; pins follow.
 * Each mapped part replaces what its destination held.  A gap in the
 * range (6.17+: the move may span several mappings) stays a gap, and the
 * destination of a gap keeps what it held.
 */
void oracle_mremap(struct oracle *o, int pid, uint64_t addr, uint64_t len,
		   uint64_t new_addr)
{
	struct oproc *p = &o->procs[pid];
	const struct oseg *last = oseg_find(p, addr + len - 1);

	/* A range that ends inside a huge page moves all of it. */
	if (last && last->huge_size)
		len = O_ALIGN_UP(addr + len, last->huge_size) - addr;
	uint64_t lo = addr >> O_PAGE_SHIFT, hi = (addr + len) >> O_PAGE_SHIFT;
	/* Signed: the move may go to a lower address. */
	int64_t delta = (int64_t)(new_addr >> O_PAGE_SHIFT) -
			(int64_t)(addr >> O_PAGE_SHIFT);
	const struct oseg *seg;

	for (uint64_t t = addr; t < addr + len &&
	     (seg = oseg_next(p, t, addr + len)); ) {
		uint64_t s = seg->start > t ? seg->start : t;
		uint64_t e = seg->end < addr + len ? seg->end : addr + len;

		oracle_munmap(o, pid, s - addr + new_addr, e - s);
		t = e;
	}
	oseg_isolate(p, addr, addr + len);
	/* hugetlb moves are huge-page aligned: the copies' keys stay so. */
	ohash_move_range(&p->priv, lo, hi, delta);
	ohash_move_range(&p->frozen, lo, hi, delta);
	/* Every segment of the range moves, whole (isolated above). */
	for (size_t i = 0; i < p->nr; ) {
		struct oseg seg = p->segs[i];

		if (seg.start < addr || seg.end > addr + len ||
		    seg.start >= addr + len) {
			i++;
			continue;
		}
		memmove(&p->segs[i], &p->segs[i + 1],
			(p->nr - i - 1) * sizeof(seg));
		p->nr--;
		seg.start = seg.start - addr + new_addr;
		seg.end = seg.end - addr + new_addr;
		oseg_insert(p, &seg);
		i = 0;	/* moved segments land outside the old range */
	}
	ohandles_move(o, pid, addr, addr + len, new_addr);
}

/*
 * MADV_DONTNEED discards the range up to a locked mapping; of a hugetlb
 * mapping only the huge pages wholly inside it (a caller may not know its
 * pages are larger than 4 KiB: the rest of a huge page stays).
 */
void oracle_dontneed(struct oracle *o, int pid, uint64_t addr, uint64_t len)
{
	struct oproc *p = &o->procs[pid];
	uint64_t end = olocked_stop(p, addr, addr + len);
	const struct oseg *seg;

	for (uint64_t t = addr; t < end && (seg = oseg_next(p, t, end)); ) {
		uint64_t s = MAX_U64(seg->start, t), e = MIN_U64(seg->end, end);

		t = e;
		if (seg->huge_size)
			e = O_ALIGN_DOWN(e, seg->huge_size);
		if (s >= e)
			continue;
		ohandles_detach(o, pid, s, e);
		opriv_del_range(p, s >> O_PAGE_SHIFT, e >> O_PAGE_SHIFT);
	}
}

/* MADV_FREE: private anonymous content may become zero until rewritten. */
void oracle_free(struct oracle *o, int pid, uint64_t addr, uint64_t len)
{
	struct oproc *p = &o->procs[pid];
	uint64_t end = olocked_stop(p, addr, addr + len);

	ohash_for_each(&p->priv, s) {
		uint64_t a = s->key << O_PAGE_SHIFT;
		struct oseg *seg;

		if (a < addr || a >= end || !s->value)
			continue;
		seg = oseg_find(p, a);
		if (seg && !seg->obj && !seg->driver)
			s->tag = PRIV_LAZY;
	}
}

void oracle_fork(struct oracle *o, int parent, int child)
{
	struct oproc *pp = &o->procs[parent], *cp = &o->procs[child];

	oproc_clear(cp);
	cp->alive = true;
	for (size_t i = 0; i < pp->nr; i++) {
		struct oseg seg = pp->segs[i];

		if (seg.dontfork)
			continue;
		seg.locked = false;	/* VM_LOCKED is not inherited */
		if (seg.obj)
			seg.obj->refcount++;
		ohugetlb_fork(&pp->segs[i], &seg);
		oseg_insert(cp, &seg);
	}
	ohash_for_each(&pp->priv, s) {
		struct oseg *seg = oseg_find(cp, s->key << O_PAGE_SHIFT);

		if (seg && !seg->wipeonfork)
			ohash_put(&cp->priv, s->key, s->value, s->tag);
	}
	ohash_for_each(&pp->frozen, s) {
		struct oseg *seg = oseg_find(cp, s->key << O_PAGE_SHIFT);

		if (seg && !seg->wipeonfork)
			ohash_put(&cp->frozen, s->key, s->value, s->tag);
	}
}

void oracle_fork_start(struct oracle *o, int parent, int child)
{
	oracle_fork(o, parent, child);
	o->forking[parent].active = true;
	o->forking[parent].child = child;
	o->forking[parent].below = 0;
}

void oracle_fork_progress(struct oracle *o, int parent, uint64_t below)
{
	if (o->forking[parent].active && below > o->forking[parent].below)
		o->forking[parent].below = below;
}

void oracle_fork_end(struct oracle *o, int parent, bool ok)
{
	int child = o->forking[parent].child;

	if (!o->forking[parent].active)
		return;
	o->forking[parent].active = false;
	if (!ok)
		oracle_exit(o, child);
}

/*
 * The child of a fork still copying shares @pid's private page at @addr
 * if fork has not copied its entry yet: NULL, or the child's segment.
 */
static struct oseg *ofork_sharer(struct oracle *o, int pid, uint64_t addr,
				 int *child)
{
	struct oseg *seg;

	if (!o->forking[pid].active || addr < o->forking[pid].below)
		return NULL;
	*child = o->forking[pid].child;
	seg = oseg_find(&o->procs[*child], addr);
	return seg && !seg->wipeonfork && !seg->shared ? seg : NULL;
}

void oracle_exit(struct oracle *o, int pid)
{
	ohandles_release_of(o, pid);
	oproc_clear(&o->procs[pid]);
}

void oprov_note(struct oracle *o, uint64_t value, int pid, bool priv)
{
	if (!ohash_get(&o->prov, value))
		ohash_put(&o->prov, value, (uint64_t)(pid + 1) | (priv ? 256 : 0), 0);
}

/*
 * A private copy of a hugetlb file page is made for the whole huge page at
 * once: every 4 KiB of it not yet the process's own freezes at the file's
 * content of this moment.  Only the file's written pages are copied into
 * priv; the huge page is marked copied, and its other pages read zero, so
 * a 1 GiB copy costs what the file holds, not 262144 entries.
 */
void opriv_huge_page(struct oracle *o, int pid, const struct oseg *seg,
		     uint64_t addr)
{
	struct oproc *p = &o->procs[pid];
	uint64_t base, start, end;

	if (!seg->huge_size || seg->shared || !seg->obj || ofrozen(p, seg, addr))
		return;
	base = addr & ~(seg->huge_size - 1);
	start = MAX_U64(base, seg->start);
	end = MIN_U64(base + seg->huge_size, seg->end);
	ohash_for_each(&seg->obj->val, s) {
		uint64_t a;

		if (s->key < seg->pgoff || !s->value)
			continue;
		a = seg->start + ((s->key - seg->pgoff) << O_PAGE_SHIFT);
		if (a >= start && a < end && s->key < seg->obj->pages &&
		    !ohash_get(&p->priv, a >> O_PAGE_SHIFT))
			ohash_put(&p->priv, a >> O_PAGE_SHIFT, s->value, PRIV_OWN);
	}
	ohash_put(&p->frozen, base >> O_PAGE_SHIFT, 1, 0);
}

void oracle_write(struct oracle *o, int pid, uint64_t addr, uint64_t value)
{
	struct oproc *p = &o->procs[pid];
	struct oseg *seg = oseg_find(p, addr);
	int child;

	/* The zeropage in a shared driver mapping never changes (S5). */
	if (!seg || (seg->driver && seg->shared))
		return;
	ohugetlb_touch(seg, addr);
	opriv_huge_page(o, pid, seg, addr);
	oprov_note(o, value, pid, !seg->shared);
	if (seg->shared)
		ohash_put(&seg->obj->val, seg->pgoff +
			  ((addr - seg->start) >> O_PAGE_SHIFT), value, 0);
	else
		ohash_put(&p->priv, addr >> O_PAGE_SHIFT, value, PRIV_OWN);
	if (!seg->shared && ofork_sharer(o, pid, addr, &child))
		oracle_write(o, child, addr, value);
}

/* A write fault without a store gives a private page a content of its own. */
void oracle_write_intent(struct oracle *o, int pid, uint64_t addr)
{
	struct oexpect e = oracle_expect(o, pid, addr);
	int child;

	if (!e.mapped || e.beyond_eof)
		return;
	ohugetlb_touch(e.seg, addr);
	if (e.seg->shared)
		return;
	opriv_huge_page(o, pid, e.seg, addr);
	ohash_put(&o->procs[pid].priv, addr >> O_PAGE_SHIFT, e.value, PRIV_OWN);
	if (ofork_sharer(o, pid, addr, &child))
		oracle_write_intent(o, child, addr);
}

/*
 * A read fault (or any fault) on [addr, addr + nr pages) of @pid: the
 * only thing a read changes in the program's meaning is where a hugetlb
 * mapping meets a hole of its file (hugetlb.c).
 */
void oracle_touch(struct oracle *o, int pid, uint64_t addr, uint64_t nr)
{
	for (uint64_t i = 0; i < nr; i++) {
		uint64_t a = addr + (i << O_PAGE_SHIFT);
		struct oexpect e = oracle_expect(o, pid, a);

		if (!e.mapped || e.beyond_eof || !e.seg->huge_size)
			continue;
		if (ohugetlb_touch(e.seg, a))
			opriv_huge_page(o, pid, e.seg, a);
	}
}

void oracle_mark_hugetlb(struct oracle *o, int pid, uint64_t addr, uint64_t len,
			 uint64_t huge_size)
{
	struct oproc *p = &o->procs[pid];

	for (size_t i = 0; i < p->nr; i++)
		if (p->segs[i].start >= addr && p->segs[i].end <= addr + len) {
			p->segs[i].hugetlb = true;
			p->segs[i].huge_size = huge_size;
			/* Shared anonymous hugetlb: its object is a hugetlbfs file. */
			if (p->segs[i].obj)
				p->segs[i].obj->huge_size = huge_size;
		}
}
