// SPDX-License-Identifier: MIT
/*
 * reference.c - the reference oracle (I2): what a GUP handle may show.
 *
 * A handle page remembers every value its owner could see at that address
 * from the moment it was taken until the owner unmapped or discarded the
 * address.  Reading anything else through the handle is a leak (I2, or P5
 * when a plain reference shows another process's private write).  For
 * long-term and write pins, what the handle shows must moreover be what
 * the owner sees right now (pin coherence), as long as the owner keeps the
 * address mapped.
 */
#include "oracle_internal.h"

static void hist_add(struct oracle *o, struct ohandle_page *hp,
		     uint64_t value)
{
	for (size_t i = 0; i < hp->nhist; i++)
		if (hp->hist[i] == value)
			return;
	if (hp->nhist == hp->caph) {
		hp->caph = hp->caph ? hp->caph * 2 : 4;
		hp->hist = mm_arena_realloc_array(o->arena, hp->hist, hp->caph,
						  sizeof(*hp->hist));
	}
	hp->hist[hp->nhist++] = value;
}

static bool hist_has(const struct ohandle_page *hp, uint64_t value)
{
	for (size_t i = 0; i < hp->nhist; i++)
		if (hp->hist[i] == value)
			return true;
	return false;
}

/*
 * What the handle page may show from now on joins the history: the
 * owner's current view while attached, and the object page it holds.
 */
static void hist_note(struct oracle *o, const struct ohandle *h,
		      struct ohandle_page *hp)
{
	struct oexpect e;

	if (hp->obj)
		hist_add(o, hp, oobj_get(hp->obj, hp->index));
	if (hp->detached)
		return;
	e = oracle_expect(o, h->pid, hp->addr);
	if (!e.mapped || e.beyond_eof)
		return;
	hist_add(o, hp, e.value);
	if (e.has_alt)
		hist_add(o, hp, e.alt);
}

static void handle_free(struct oracle *o, struct ohandle *h)
{
	for (uint64_t i = 0; i < h->nr; i++) {
		mm_arena_free(o->arena, h->pages[i].hist);
		oobj_put(h->pages[i].obj);
	}
	mm_arena_free(o->arena, h->pages);
	memset(h, 0, sizeof(*h));
	o->handles_used &= ~(1ull << (h - o->handles));
}

void ohandles_free(struct oracle *o)
{
	for_each_ohandle(o, g)
		handle_free(o, &o->handles[g]);
}

void ohandles_release_of(struct oracle *o, int pid)
{
	for_each_ohandle(o, g)
		if (o->handles[g].pid == pid)
			handle_free(o, &o->handles[g]);
}

void ohandles_detach(struct oracle *o, int pid, uint64_t start, uint64_t end)
{
	for_each_ohandle(o, g) {
		struct ohandle *h = &o->handles[g];

		if (h->pid != pid)
			continue;
		for (uint64_t i = 0; i < h->nr; i++)
			if (h->pages[i].addr >= start && h->pages[i].addr < end)
				h->pages[i].detached = true;
	}
}

void ohandles_move(struct oracle *o, int pid, uint64_t start, uint64_t end,
		   uint64_t new_start)
{
	for_each_ohandle(o, g) {
		struct ohandle *h = &o->handles[g];

		if (h->pid != pid)
			continue;
		for (uint64_t i = 0; i < h->nr; i++) {
			struct ohandle_page *hp = &h->pages[i];

			if (!hp->detached && hp->addr >= start && hp->addr < end)
				hp->addr = hp->addr - start + new_start;
		}
	}
}

/*
 * oracle_gup_faulted - the faults GUP takes on [addr, addr + nr pages),
 * also when it fails after them: a write GUP is a write fault without a
 * store, so private pages get content of their own; a R/O long-term pin
 * of a private file page freezes a copy where the era says so, and so
 * does any GUP where the era makes every GUP a write.
 */
void oracle_gup_faulted(struct oracle *o, int pid, uint64_t addr,
			uint64_t nr, bool pin, bool write, bool longterm)
{
	if (o->meaning.gup_breaks_cow)
		write = true;
	for (uint64_t i = 0; i < nr; i++) {
		uint64_t a = addr + (i << O_PAGE_SHIFT);
		struct oexpect e = oracle_expect(o, pid, a);

		if (write || (pin && longterm && o->meaning.longterm_pin_snapshots &&
			      e.mapped && e.seg->obj && !e.seg->shared))
			oracle_write_intent(o, pid, a);
		else
			oracle_touch(o, pid, a, 1);
	}
}

/* Remember the object page behind a handle page, if the view shows one. */
static void handle_page_backing(struct oracle *o, int pid,
				struct ohandle_page *hp)
{
	struct oexpect e = oracle_expect(o, pid, hp->addr);

	if (e.mapped && !e.beyond_eof)
		hp->huge_size = e.seg->huge_size;
	if (!e.mapped || e.beyond_eof || !e.seg->obj || e.own)
		return;
	hp->obj = e.seg->obj;
	hp->obj->refcount++;
	hp->index = e.seg->pgoff + ((hp->addr - e.seg->start) >> O_PAGE_SHIFT);
	hp->obj_shared = e.seg->shared;
}

/* Forget what handle page @hp held: it is taken again. */
static void handle_page_reset(struct ohandle_page *hp)
{
	oobj_put(hp->obj);
	hp->obj = NULL;
	hp->nhist = 0;
	hp->detached = false;
	hp->huge_size = 0;
}

/*
 * oracle_gup_page - the GUP of handle @gid over [start, start + nr pages)
 * took the page at @addr now: the page's faults first, then the handle
 * page, which from now on remembers what the owner sees there.  The
 * first page starts the handle (a handle still in use is replaced).
 */
void oracle_gup_page(struct oracle *o, int gid, int pid, uint64_t start,
		     uint64_t nr, uint64_t addr, bool pin, bool write,
		     bool longterm)
{
	struct ohandle *h = &o->handles[gid];
	struct ohandle_page *hp;
	uint64_t i = (addr - start) >> O_PAGE_SHIFT;

	if (h->used && (!h->filling || h->pid != pid || h->nr != nr))
		handle_free(o, h);
	if (!h->used) {
		h->used = true;
		h->filling = true;
		o->handles_used |= 1ull << gid;
		h->pid = pid;
		h->pin = pin;
		h->write = write;
		h->longterm = longterm;
		h->nr = nr;
		h->pages = oxcalloc(o->arena, nr, sizeof(*h->pages));
		for (uint64_t k = 0; k < nr; k++)
			h->pages[k].addr = start + (k << O_PAGE_SHIFT);
	}
	if (i >= nr)
		return;
	oracle_gup_faulted(o, pid, addr, 1, pin, write, longterm);
	hp = &h->pages[i];
	handle_page_reset(hp);
	hp->addr = addr;
	hp->taken = true;
	handle_page_backing(o, pid, hp);
	hist_note(o, h, hp);
}

/* oracle_gup_end - the GUP of @gid completed (@ok), or failed: released. */
void oracle_gup_end(struct oracle *o, int gid, bool ok)
{
	struct ohandle *h = &o->handles[gid];

	if (!h->used || !h->filling)
		return;
	if (ok)
		h->filling = false;
	else
		handle_free(o, h);
}

bool oracle_gup_filling(const struct oracle *o, int gid)
{
	return o->handles[gid].used && o->handles[gid].filling;
}

/* oracle_gup - a handle is taken over [addr, addr + nr pages) at once. */
void oracle_gup(struct oracle *o, int gid, int pid, uint64_t addr,
		uint64_t nr, bool pin, bool write, bool longterm)
{
	for (uint64_t i = 0; i < nr; i++)
		oracle_gup_page(o, gid, pid, addr, nr,
				addr + (i << O_PAGE_SHIFT), pin, write,
				longterm);
	oracle_gup_end(o, gid, true);
}

void oracle_statement_done(struct oracle *o)
{
	ohugetlb_statement_done(o);
	for_each_ohandle(o, g) {
		struct ohandle *h = &o->handles[g];

		for (uint64_t i = 0; i < h->nr; i++)
			if (h->pages[i].taken)
				hist_note(o, h, &h->pages[i]);
	}
}

/*
 * Other handle pages of the same owner at the same address, in the same
 * attached or detached state, hold the same page: they see the write too.
 */
static void hist_add_same_page(struct oracle *o, const struct ohandle *h,
			       const struct ohandle_page *hp, uint64_t v)
{
	for_each_ohandle(o, g) {
		struct ohandle *other = &o->handles[g];

		for (uint64_t i = 0; other->pid == h->pid && i < other->nr; i++)
			if (other->pages[i].addr == hp->addr &&
			    other->pages[i].detached == hp->detached)
				hist_add(o, &other->pages[i], v);
	}
}

/*
 * A device writes through a write pin: into the object page it holds
 * (shared mapping), else into the owner's page while still mapped.
 */
void oracle_handle_write(struct oracle *o, int gid, uint64_t value,
			 bool unique)
{
	struct ohandle *h = &o->handles[gid];

	for (uint64_t i = 0; i < h->nr; i++) {
		struct ohandle_page *hp = &h->pages[i];
		uint64_t v = value + (unique ? i : 0);

		hist_add(o, hp, v);
		hist_add_same_page(o, h, hp, v);
		if (hp->obj && hp->obj_shared) {
			ohash_put(&hp->obj->val, hp->index, v, 0);
			oprov_note(o, v, h->pid, false);
		} else if (!hp->detached) {
			oracle_write(o, h->pid, hp->addr, v);
		}
	}
}

/* A handle its GUP is still filling is not there to put yet. */
void oracle_handle_put(struct oracle *o, int gid)
{
	if (o->handles[gid].used && !o->handles[gid].filling)
		handle_free(o, &o->handles[gid]);
}

/* Which §3.3 guarantee a coherence failure of this page breaks. */
static const char *coherence_id(const struct ohandle *h, const struct oexpect *e)
{
	if (e->seg->shared)
		return "P4";
	if (h->write)
		return "P1";
	if (!e->seg->obj && e->own)
		return "P2";
	return "P3";
}

static void leak_violation(struct oracle *o, const struct ohandle *h, int gid,
			   uint64_t i, uint64_t value,
			   struct oracle_violation *v)
{
	const struct ohash_slot *s = ohash_get(&o->prov, value);
	int writer = s ? (int)(s->value & 255) - 1 : -1;
	bool priv = s && (s->value & 256);
	bool foreign = priv && writer >= 0 && writer != h->pid;
	bool p5 = foreign && !h->pin;
	bool known = p5 && ohugetlb_vmsplice(h, &h->pages[i]);

	oviolation(v, known ? "known" : "isolation",
		   known ? "hugetlb-vmsplice" : p5 ? "P5" : "I2", h->pid,
		   h->pages[i].addr, gid,
		   "g%d (p%d) page %llu shows %s%llu, %s", gid, h->pid,
		   (unsigned long long)i, value >> 63 ? "#" : "",
		   (unsigned long long)(value & ~(1ULL << 63)),
		   foreign ? "a private write of another process" :
		   "a value its owner never saw there");
	if (foreign)
		snprintf(v->msg + strlen(v->msg), sizeof(v->msg) - strlen(v->msg),
			 " (p%d)", writer);
}

bool oracle_check_handle(struct oracle *o, int gid, uint64_t i,
			 uint64_t value, struct oracle_violation *v)
{
	struct ohandle *h = &o->handles[gid];
	struct ohandle_page *hp = &h->pages[i];
	struct oexpect e;

	if (!hist_has(hp, value)) {
		leak_violation(o, h, gid, i, value, v);
		return true;
	}
	if (hp->detached || !h->pin || !(h->longterm || h->write))
		return false;
	e = oracle_expect(o, h->pid, hp->addr);
	if (!e.mapped || e.beyond_eof || value == e.value ||
	    (e.has_alt && value == e.alt))
		return false;
	oviolation(v, "pin-coherence", coherence_id(h, &e), h->pid, hp->addr,
		   gid, "g%d page %llu shows %s%llu but p%d sees %s%llu at %#llx",
		   gid, (unsigned long long)i, value >> 63 ? "#" : "",
		   (unsigned long long)(value & ~(1ULL << 63)), h->pid,
		   e.value >> 63 ? "#" : "",
		   (unsigned long long)(e.value & ~(1ULL << 63)),
		   (unsigned long long)hp->addr);
	return true;
}

/* ------------------------------------------------------------------ */
/* /proc/self/mem: a reference per page, held while the page is copied */

static struct ohandle *mem_handle(struct oracle *o, int slot)
{
	if (slot < 0 || slot >= O_NR_MEM_SLOTS)
		return NULL;
	return &o->handles[O_NR_PROG_HANDLES + slot];
}

void oracle_mem_take(struct oracle *o, int slot, int pid, uint64_t addr,
		     bool write)
{
	struct ohandle *h = mem_handle(o, slot);

	if (!h)
		return;
	oracle_gup_page(o, O_NR_PROG_HANDLES + slot, pid, addr, 1, addr,
			false, write, false);
	oracle_gup_end(o, O_NR_PROG_HANDLES + slot, true);
}

void oracle_mem_store(struct oracle *o, int slot, uint64_t value)
{
	struct ohandle *h = mem_handle(o, slot);

	if (!h || !h->used)
		return;
	oracle_handle_write(o, O_NR_PROG_HANDLES + slot, value, false);
	handle_free(o, h);
}

/*
 * Judged as a load of the owner's view, unless the page taken is no
 * longer what the owner sees there: then as a read through a handle.
 */
bool oracle_mem_check_load(struct oracle *o, int slot, uint64_t value,
			   struct oracle_violation *v)
{
	struct ohandle *h = mem_handle(o, slot);
	bool bad;

	if (!h || !h->used)
		return false;
	bad = oracle_check_load(o, h->pid, h->pages[0].addr, value, v) &&
	      !hist_has(&h->pages[0], value);
	handle_free(o, h);
	return bad;
}
