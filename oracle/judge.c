// SPDX-License-Identifier: MIT
/*
 * judge.c - the view oracle's judgements (I1): may an access succeed, is
 * the address backed, may a failure be the kernel's, and does what a load
 * or the page tables show match what the process must see (view.c keeps
 * that meaning, statement by statement).
 */
#include "oracle_internal.h"


bool oracle_may_access(const struct oracle *o, int pid, uint64_t addr,
		       bool write, bool force)
{
	const struct oseg *seg = o->procs[pid].alive ?
				 oseg_find(&o->procs[pid], addr) : NULL;

	if (!seg)
		return false;
	/* What a shared driver mapping shows is the read-only zeropage. */
	if (write && seg->driver && seg->shared)
		return false;
	if (force && write && seg->hugetlb && seg->prot != ORACLE_PROT_RW &&
	    o->meaning.hugetlb_force_write_refused)
		return false;
	if (force)	/* FOLL_FORCE: any readable-by-intent VMA; writes need COW or rw */
		return !write || !seg->shared || seg->prot == ORACLE_PROT_RW;
	if (write)
		return seg->prot == ORACLE_PROT_RW;
	return seg->prot != ORACLE_PROT_NONE;
}

bool oracle_backed(const struct oracle *o, int pid, uint64_t addr)
{
	struct oexpect e = oracle_expect(o, pid, addr);

	return e.mapped && !e.beyond_eof;
}

bool oracle_check_refused(const struct oracle *o, int pid, uint64_t addr,
			  bool write, bool force, const char *err,
			  struct oracle_violation *v)
{
	struct oexpect e = oracle_expect(o, pid, addr);

	if (!oracle_may_access(o, pid, addr, write, force) || !e.mapped ||
	    e.beyond_eof)
		return false;
	if (e.seg->huge_size && ohugetlb_may_fail(o, e.seg))
		return false;
	oviolation(v, "isolation", "I1", pid, addr, -1,
		   "p%d %s %#llx failed with %s, but the program may %s it",
		   pid, write ? "writing" : "reading", (unsigned long long)addr,
		   err, write ? "write" : "read");
	return true;
}

bool oracle_check_loaded(const struct oracle *o, int pid, uint64_t addr,
			 bool force, struct oracle_violation *v)
{
	if (oracle_may_access(o, pid, addr, false, force))
		return false;
	oviolation(v, "isolation", "I1", pid, addr, -1,
		   "p%d read %#llx%s, which the program does not let it read",
		   pid, (unsigned long long)addr,
		   force ? " through /proc/self/mem" : "");
	return true;
}

bool oracle_driver_zeropage(const struct oracle *o, int pid, uint64_t addr)
{
	struct oexpect e = oracle_expect(o, pid, addr);

	return e.mapped && e.seg->driver && !e.beyond_eof && !e.own;
}

O_NOCOV_BEGIN

static bool expect_matches(struct oracle *o, int pid, uint64_t addr,
			   const struct oexpect *e, uint64_t value)
{
	if (value == e->value)
		return true;
	if (!e->has_alt || value != e->alt)
		return false;
	/* The lazily freed page was discarded: it reads zero from now on. */
	ohash_put(&o->procs[pid].priv, addr >> O_PAGE_SHIFT, 0, PRIV_OWN);
	return true;
}

static bool check_seen(struct oracle *o, int pid, uint64_t addr,
		       uint64_t value, struct oracle_violation *v,
		       const char *how)
{
	struct oexpect e = oracle_expect(o, pid, addr);
	bool lost;

	if (!e.mapped) {
		oviolation(v, "isolation", "I1", pid, addr, -1,
			   "p%d %s %#llx, which it does not map", pid, how,
			   (unsigned long long)addr);
		return true;
	}
	if (e.beyond_eof) {
		oviolation(v, "isolation", "I1", pid, addr, -1,
			   "p%d %s %#llx, %s", pid, how, (unsigned long long)addr,
			   e.seg->driver ? "where its driver inserted nothing" :
			   "past the end of its file");
		return true;
	}
	if (expect_matches(o, pid, addr, &e, value))
		return false;
	lost = ohugetlb_cow_lost(&e, addr, value);
	oviolation(v, lost ? "known" : "isolation",
		   lost ? "hugetlb-cow-lost" : "I1", pid, addr, -1,
		   "p%d %s %#llx and sees %s%llu, but the program says %s%llu",
		   pid, how, (unsigned long long)addr,
		   value >> 63 ? "#" : "", (unsigned long long)(value & ~(1ULL << 63)),
		   e.value >> 63 ? "#" : "", (unsigned long long)(e.value & ~(1ULL << 63)));
	return true;
}

bool oracle_check_load(struct oracle *o, int pid, uint64_t addr,
		       uint64_t value, struct oracle_violation *v)
{
	return check_seen(o, pid, addr, value, v, "reads");
}

bool oracle_check_view(struct oracle *o, int pid, uint64_t addr,
		       uint64_t value, struct oracle_violation *v)
{
	return check_seen(o, pid, addr, value, v, "maps");
}

struct ocand {
	struct mm_arena *arena;
	uint64_t *addr;
	size_t nr, cap;
};

static void ocand_add(struct ocand *c, uint64_t addr)
{
	if (c->nr == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->addr = mm_arena_realloc_array(c->arena, c->addr, c->cap,
						 sizeof(*c->addr));
	}
	c->addr[c->nr++] = addr;
}

static int ocand_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * The pages of [start, end) whose expectation may be other than zero: the
 * first page of every stretch no segment covers and of every stretch past
 * a file's end, the first page of a driver mapping where nothing was
 * inserted, the object's written pages, the private pages.  Every other
 * page of the range expects zero by construction.
 */
static void zero_range_candidates(const struct oproc *p, uint64_t start,
				  uint64_t end, struct ocand *c)
{
	uint64_t a = start;

	for (size_t i = 0; i < p->nr; i++) {
		const struct oseg *seg = &p->segs[i];
		uint64_t lo, hi, first, last;

		if (seg->end <= start || seg->start >= end)
			continue;
		if (seg->start > a)
			ocand_add(c, a);
		lo = MAX_U64(start, seg->start);
		hi = MIN_U64(end, seg->end);
		a = hi;
		/* A driver mapping's first page where nothing was inserted. */
		for (uint64_t d = lo; seg->driver && d < hi; d += O_PAGE_SIZE)
			if (!ohash_get(&p->priv, d >> O_PAGE_SHIFT)) {
				ocand_add(c, d);
				break;
			}
		if (!seg->obj)
			continue;
		first = seg->pgoff + ((lo - seg->start) >> O_PAGE_SHIFT);
		last = seg->pgoff + ((hi - seg->start) >> O_PAGE_SHIFT);
		if (last > seg->obj->pages)
			ocand_add(c, seg->start + ((MAX_U64(first, seg->obj->pages) -
						    seg->pgoff) << O_PAGE_SHIFT));
		ohash_for_each(&seg->obj->val, s)
			if (s->value && s->key >= first && s->key < last)
				ocand_add(c, seg->start + ((s->key - seg->pgoff) <<
							   O_PAGE_SHIFT));
	}
	if (a < end)
		ocand_add(c, a);
	ohash_for_each(&p->priv, s) {
		uint64_t addr = s->key << O_PAGE_SHIFT;

		if (s->value && addr >= start && addr < end)
			ocand_add(c, addr);
	}
}

/* Ranges this short are checked page by page. */
#define ZERO_RANGE_PAGEWISE	8

bool oracle_check_view_zero(struct oracle *o, int pid, uint64_t start,
			    uint64_t end, struct oracle_violation *v)
{
	struct ocand c = { .arena = o->arena };
	bool bad = false;

	if ((end - start) >> O_PAGE_SHIFT <= ZERO_RANGE_PAGEWISE) {
		for (uint64_t a = start; a < end; a += O_PAGE_SIZE)
			if (check_seen(o, pid, a, 0, v, "maps"))
				return true;
		return false;
	}
	zero_range_candidates(&o->procs[pid], start, end, &c);
	if (c.nr)
		qsort(c.addr, c.nr, sizeof(*c.addr), ocand_cmp);
	for (size_t i = 0; i < c.nr && !bad; i++)
		if (!i || c.addr[i] != c.addr[i - 1])
			bad = check_seen(o, pid, c.addr[i], 0, v, "maps");
	mm_arena_free(c.arena, c.addr);
	return bad;
}

O_NOCOV_END
