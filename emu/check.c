// SPDX-License-Identifier: MIT
/*
 * check.c - the structural invariants of semantics.md §3, recomputed from
 * scratch after every statement, and the operation-level checks F1-F4
 * that fault, mprotect and FOLL_FORCE paths call when they finish.
 *
 * world_check() never trusts a counter it checks: it walks every page
 * table and every GUP record, counts what it finds into scratch fields,
 * and compares.  The emulator holds no transient references, so the
 * refcount must equal what is found exactly (S2 in the kernel is only a
 * lower bound because of LRU batches and racing lookups).
 */
#include "internal.h"

MM_NOCOV_BEGIN

struct check_ctx {
	struct world *w;
	struct mm_violation *v;
	bool found;
	int pid;
};

#define CHECK_FAIL(ctx, cls, id, folio, addr, ...)			\
	do {								\
		check_fail((ctx), (cls), (id), (folio), (addr));	\
		snprintf((ctx)->v->msg, sizeof((ctx)->v->msg), __VA_ARGS__); \
	} while (0)

static void check_fail(struct check_ctx *ctx, enum mm_vclass cls,
		       const char *id, const struct folio *folio,
		       uint64_t addr)
{
	struct mm_violation *v = ctx->v;

	ctx->found = true;
	memset(v, 0, sizeof(*v));
	v->cls = cls;
	snprintf(v->id, sizeof(v->id), "%s", id);
	v->folio_id = folio ? folio->id : 0;
	v->pid = ctx->pid;
	v->addr = addr;
	v->gid = -1;
}

/* Zero the per-page scratch counts of @folio (the chunks that exist). */
static void reset_pages(struct folio *folio)
{
	if (!folio->order) {
		folio->page0.chk_mapcount = 0;
		folio->page0.chk_writer = 0;
		return;
	}
	for_each_folio_chunk(folio, c) {
		struct page_state *page = folio->chunks[c];

		for (unsigned long i = folio_chunk_pages(folio); i; i--, page++) {
			page->chk_mapcount = 0;
			page->chk_writer = 0;
		}
	}
}

static void reset_scratch(struct world *w)
{
	for (struct folio *f = w->folios.next; f != &w->folios; f = f->next) {
		f->chk_refs = f->chk_pins = f->chk_maps = f->chk_entire = 0;
		f->chk_writer = 0;
		reset_pages(f);
	}
	w->zero_folio->chk_refs = 1;	/* the world's own reference */
	if (w->huge_zero_folio)
		w->huge_zero_folio->chk_refs = 1;
	for (uint64_t off = 0; off < w->nr_swap_slots; off++) {
		w->swap_slots[off].chk_count = 0;
		w->swap_slots[off].chk_exclusive = false;
	}
}

/* Per-entry rules: S5, S8, S6, S7, X1. */
static void check_entry(struct check_ctx *ctx, struct vm_area_struct *vma,
			pte_t pte, uint64_t addr)
{
	struct folio *folio = pte.folio;
	bool anon = folio_test_anon(folio);

	if (!vma) {
		CHECK_FAIL(ctx, MMV_ACCOUNTING, "S1", folio, addr,
			   "p%d has an entry at %#llx outside any VMA", ctx->pid,
			   (unsigned long long)addr);
	} else if (is_zero_folio(folio) && pte_write(pte)) {
		CHECK_FAIL(ctx, MMV_ACCOUNTING, "S5", folio, addr,
			   "p%d maps the zeropage writable at %#llx", ctx->pid,
			   (unsigned long long)addr);
	} else if (folio_test_ksm(folio) && pte_write(pte)) {
		CHECK_FAIL(ctx, MMV_ACCOUNTING, "S8", folio, addr,
			   "p%d maps KSM page #%llu writable at %#llx", ctx->pid,
			   (unsigned long long)folio->id, (unsigned long long)addr);
	} else if (pte_write(pte) && is_cow_mapping(vma->vm_flags) &&
		   (!anon || folio_test_ksm(folio))) {
		CHECK_FAIL(ctx, MMV_ACCOUNTING, "S6", folio, addr,
			   "p%d maps a non-anon page writable in a private mapping at %#llx",
			   ctx->pid, (unsigned long long)addr);
	} else if ((vma->vm_flags & VM_SHARED) && anon) {
		CHECK_FAIL(ctx, MMV_ACCOUNTING, "S7", folio, addr,
			   "p%d maps a private anon page in a shared mapping at %#llx",
			   ctx->pid, (unsigned long long)addr);
	} else if (anon && pte_write(pte) && knob(ctx->w, MMK_ANON_EXCLUSIVE) &&
		   !PageAnonExclusive(folio, pte.idx)) {
		CHECK_FAIL(ctx, MMV_EXCLUSIVITY, "X1", folio, addr,
			   "p%d maps a possibly shared anon page writable at %#llx",
			   ctx->pid, (unsigned long long)addr);
	}
}

static int count_pte_entry(pte_t *ptep, uint64_t addr, struct mm_walk *walk)
{
	struct check_ctx *ctx = walk->priv;
	pte_t pte = *ptep;
	struct page_state *page;

	if (pte.type == PTE_SWAP) {
		struct swap_slot *slot = pte.swp_offset < ctx->w->nr_swap_slots ?
					 &ctx->w->swap_slots[pte.swp_offset] : NULL;

		if (!slot || !slot->used) {
			if (!ctx->found)
				CHECK_FAIL(ctx, MMV_ACCOUNTING, "S4", NULL, addr,
					   "p%d has a swap entry at %#llx for a free slot",
					   ctx->pid, (unsigned long long)addr);
			return 0;
		}
		slot->chk_count++;
		if (pte.flags & _PAGE_SWP_EXCLUSIVE)
			slot->chk_exclusive = true;
		return 0;
	}
	if (pte.type == PTE_MIGRATION) {
		/* Migration is one operation: no entry may outlive it. */
		if (!ctx->found)
			CHECK_FAIL(ctx, MMV_ACCOUNTING, "S1", pte.folio, addr,
				   "p%d has a migration entry at %#llx after the migration",
				   ctx->pid, (unsigned long long)addr);
		return 0;
	}
	if (!pte_present(pte))
		return 0;
	if (!ctx->found)
		check_entry(ctx, walk->vma, pte, addr);
	if (pte_special(pte))
		return 0;
	pte.folio->chk_refs++;
	pte.folio->chk_maps++;
	page = folio_page(pte.folio, pte.idx);
	page->chk_mapcount++;
	/* Remember one writer: P5 needs to know who may write in place. */
	if (pte_write(pte)) {
		page->chk_writer = (int8_t)(ctx->pid + 1);
		if (!folio_test_large(pte.folio))
			pte.folio->chk_writer = ctx->pid + 1;
	}
	return 0;
}

/* A hugetlb leaf: one entire mapping and one reference of its folio. */
static int count_hugetlb_entry(pte_t *ptep, uint64_t addr, uint64_t end,
			       struct mm_walk *walk)
{
	struct check_ctx *ctx = walk->priv;
	pte_t pte = *ptep;

	(void)end;
	if (!pte_present(pte))
		return 0;
	if (!ctx->found)
		check_entry(ctx, walk->vma, pte, addr);
	if (!ctx->found && (!folio_test_hugetlb(pte.folio) || pte.idx))
		CHECK_FAIL(ctx, MMV_ACCOUNTING, "S1", pte.folio, addr,
			   "p%d maps a hugetlb VMA at %#llx with something else than a whole hugetlb folio",
			   ctx->pid, (unsigned long long)addr);
	pte.folio->chk_refs++;
	pte.folio->chk_maps++;
	pte.folio->chk_entire++;
	if (pte_write(pte))
		pte.folio->chk_writer = ctx->pid + 1;
	return 0;
}

/* A PMD leaf: one reference, one entire and one large mapping (not the huge zeropage). */
static int count_pmd_entry(pte_t *pmdp, uint64_t addr, uint64_t end,
			   struct mm_walk *walk)
{
	struct check_ctx *ctx = walk->priv;
	pte_t pmd = *pmdp;

	(void)end;
	if (!pte_present(pmd))
		return 0;
	if (!ctx->found)
		check_entry(ctx, walk->vma, pmd, addr);
	if (is_huge_zero_pmd(pmd))
		return 0;
	pmd.folio->chk_refs++;
	pmd.folio->chk_maps++;
	pmd.folio->chk_entire++;
	if (pte_write(pmd))
		pmd.folio->chk_writer = ctx->pid + 1;
	return 0;
}

/*
 * A run of present PTEs over consecutive pages of one folio with the same
 * flags: the per-entry rules hold for all of them or none, except X1,
 * which depends on each page's exclusivity.
 */
static int count_pte_batch(pte_t *ptep, uint64_t addr, unsigned int nr,
			   struct mm_walk *walk)
{
	struct check_ctx *ctx = walk->priv;
	pte_t pte = *ptep;
	struct folio *folio = pte.folio;
	/* A writable run lets this process write each of its pages in place. */
	int8_t writer = pte_write(pte) ? (int8_t)(ctx->pid + 1) : 0;

	if (!ctx->found)
		check_entry(ctx, walk->vma, pte, addr);
	for (unsigned int k = 1; k < nr && !ctx->found && pte_write(pte); k++) {
		pte.idx = ptep->idx + k;
		check_entry(ctx, walk->vma, pte, addr + ((uint64_t)k << PAGE_SHIFT));
	}
	if (pte_special(pte))
		return 0;
	folio->chk_refs += nr;
	folio->chk_maps += nr;
	for (unsigned long idx = ptep->idx, end = idx + nr; idx < end;) {
		unsigned long stop = MIN(end, ALIGN_DOWN(idx, PAGE_CHUNK_PAGES) +
					      PAGE_CHUNK_PAGES);
		struct page_state *page = folio_page(folio, idx);

		for (; idx < stop; idx++, page++) {
			page->chk_mapcount++;
			if (writer)
				page->chk_writer = writer;
		}
	}
	return 0;
}

/* Walk every page table of every process, counting into the scratch fields. */
static void count_mappings(struct check_ctx *ctx)
{
	static const struct mm_walk_ops ops = { .pte_entry = count_pte_entry,
						.pte_batch = count_pte_batch,
						.pmd_entry = count_pmd_entry,
						.hugetlb_entry = count_hugetlb_entry };

	for (int pid = 0; pid < NR_PROCS; pid++) {
		if (!ctx->w->mm[pid])
			continue;
		ctx->pid = pid;
		walk_page_range(ctx->w->mm[pid], 0, TASK_SIZE, &ops, ctx);
	}
	ctx->pid = -1;
}

static void count_handles(struct world *w)
{
	for_each_gup_handle(w, g) {
		struct gup_handle *h = &w->handles[g];
		/* Before FOLL_PIN a pin is a plain reference (gup.c). */
		bool pin = (h->gup_flags & MMG_PIN) &&
			   knob(w, MMK_PIN_COUNTING);

		for (uint64_t i = 0; i < h->nr; i++) {
			struct folio *f = h->pages[i].folio;

			if (!pin)
				f->chk_refs++;
			else if (f->kind == FOLIO_ZERO &&
				 knob(w, MMK_ZEROPAGE_PIN_NOOP))
				continue;
			else
				f->chk_refs += folio_test_large(f) ? 1 :
					       GUP_PIN_COUNTING_BIAS;
			f->chk_pins += pin;
		}
	}
}

/* S1, X2, X3 for the pages of a large folio (only the chunks that exist). */
static void check_large_pages(struct check_ctx *ctx, struct folio *f)
{
	for_each_folio_chunk(f, c) {
		for (unsigned long i = 0; i < folio_chunk_pages(f); i++) {
			struct page_state *page = &f->chunks[c][i];
			unsigned long idx = (c << PAGE_CHUNK_SHIFT) + i;
			/* A PMD/PUD mapping counts for the head's exclusivity. */
			long mapped = page->chk_mapcount + (idx ? 0 : f->chk_entire);

			if (page->mapcount != page->chk_mapcount) {
				CHECK_FAIL(ctx, MMV_ACCOUNTING, "S1", f, 0,
					   "folio #%llu page %lu has mapcount %d but %d PTEs map it",
					   (unsigned long long)f->id, idx,
					   page->mapcount, page->chk_mapcount);
			} else if (page->anon_exclusive &&
				   (!folio_test_anon(f) || folio_test_ksm(f))) {
				CHECK_FAIL(ctx, MMV_EXCLUSIVITY, "X3", f, 0,
					   "folio #%llu page %lu is marked exclusive but is not an anon page",
					   (unsigned long long)f->id, idx);
			} else if (page->anon_exclusive && mapped > 1) {
				CHECK_FAIL(ctx, MMV_EXCLUSIVITY, "X2", f, 0,
					   "folio #%llu page %lu is exclusive but mapped by %ld entries",
					   (unsigned long long)f->id, idx, mapped);
			}
			if (ctx->found)
				return;
		}
	}
}

/* S1, S2, S3, S5 (zeropage content), S8, X2, X3 for one folio. */
static void check_folio(struct check_ctx *ctx, struct folio *f)
{
	long expect_refs = f->chk_refs;

	if (folio_test_swapcache(f))
		expect_refs += folio_nr_pages(f);
	if (f->mapping) {
		expect_refs += folio_nr_pages(f);
		if (xa_load(&f->mapping->i_pages, f->index) != (uint64_t)(uintptr_t)f)
			CHECK_FAIL(ctx, MMV_ACCOUNTING, "S2", f, 0,
				   "folio #%llu claims a page-cache slot it does not hold",
				   (unsigned long long)f->id);
	}
	if (ctx->found)
		return;
	if (!folio_test_large(f) && f->page0.mapcount != f->page0.chk_mapcount)
		CHECK_FAIL(ctx, MMV_ACCOUNTING, "S1", f, 0,
			   "folio #%llu has mapcount %d but %d entries map it",
			   (unsigned long long)f->id, f->page0.mapcount,
			   f->page0.chk_mapcount);
	else if (folio_test_large(f) && f->large_mapcount != f->chk_maps)
		CHECK_FAIL(ctx, MMV_ACCOUNTING, "S1", f, 0,
			   "folio #%llu has large mapcount %ld but %ld entries map it",
			   (unsigned long long)f->id, f->large_mapcount, f->chk_maps);
	else if (folio_test_large(f) && f->entire_mapcount != f->chk_entire)
		CHECK_FAIL(ctx, MMV_ACCOUNTING, "S1", f, 0,
			   "folio #%llu has entire mapcount %ld but %ld PMD/PUD entries map it",
			   (unsigned long long)f->id, f->entire_mapcount, f->chk_entire);
	else if (f->refcount != expect_refs)
		CHECK_FAIL(ctx, MMV_ACCOUNTING, "S2", f, 0,
			   "folio #%llu has refcount %ld but mappings, page cache and GUP account for %ld",
			   (unsigned long long)f->id, f->refcount, expect_refs);
	else if (f->kind == FOLIO_ZERO && f->page0.content)
		CHECK_FAIL(ctx, MMV_ACCOUNTING, "S5", f, 0,
			   "the zeropage holds %s%llu instead of zeros",
			   f->page0.content >> 63 ? "#" : "",
			   (unsigned long long)(f->page0.content & ~(1ULL << 63)));
	else if (folio_test_hugetlb(f) && f->entire_mapcount != f->chk_entire)
		CHECK_FAIL(ctx, MMV_ACCOUNTING, "S1", f, 0,
			   "hugetlb folio #%llu has entire mapcount %ld but %ld leaves map it",
			   (unsigned long long)f->id, f->entire_mapcount, f->chk_entire);
	else if (folio_test_large(f) && f->pincount != f->chk_pins)
		CHECK_FAIL(ctx, MMV_ACCOUNTING, "S3", f, 0,
			   "folio #%llu has pincount %ld but %ld pins are held",
			   (unsigned long long)f->id, f->pincount, f->chk_pins);
	else if (folio_test_ksm(f) && f->page0.anon_exclusive)
		CHECK_FAIL(ctx, MMV_ACCOUNTING, "S8", f, 0,
			   "KSM page #%llu is marked exclusive",
			   (unsigned long long)f->id);
	else if (folio_test_large(f))
		check_large_pages(ctx, f);
	else if (f->page0.anon_exclusive && !folio_test_anon(f))
		CHECK_FAIL(ctx, MMV_EXCLUSIVITY, "X3", f, 0,
			   "folio #%llu is marked exclusive but is not an anon page",
			   (unsigned long long)f->id);
	else if (folio_test_hugetlb(f) && PageAnonExclusive(f, 0) &&
		 (!folio_test_anon(f) || f->chk_maps > 1))
		CHECK_FAIL(ctx, MMV_EXCLUSIVITY, folio_test_anon(f) ? "X2" : "X3",
			   f, 0, "hugetlb folio #%llu is exclusive but %s",
			   (unsigned long long)f->id, folio_test_anon(f) ?
			   "mapped more than once" : "not anon");
	else if (f->page0.anon_exclusive && f->page0.chk_mapcount > 1)
		CHECK_FAIL(ctx, MMV_EXCLUSIVITY, "X2", f, 0,
			   "folio #%llu is exclusive but mapped by %d entries",
			   (unsigned long long)f->id, f->page0.chk_mapcount);
}

/* The entry of @mm at @addr (any level) and the folio page it maps there. */
static pte_t *entry_at(struct mm_struct *mm, uint64_t addr, unsigned long *idx,
		       unsigned int *level)
{
	pte_t *ptep = leaf_offset(mm, addr, level);

	if (ptep && pte_present(*ptep))
		*idx = ptep->idx + ((addr & (leaf_size(*level) - 1)) >> PAGE_SHIFT);
	return ptep;
}

/*
 * Does @h's owner still map @gp's page where it was pinned?  A swap entry
 * counts if swap-in will bring back this very folio (P7 is checked first).
 */
static bool gup_page_coherent(struct world *w, const struct gup_handle *h,
			      const struct gup_page *gp)
{
	unsigned long idx = 0;
	unsigned int level = 0;
	pte_t *ptep = entry_at(w->mm[h->pid], gp->addr, &idx, &level);

	if (ptep && ptep->type == PTE_SWAP)
		return swap_cache_folio(w, ptep->swp_offset) == gp->folio;
	return ptep && pte_present(*ptep) && ptep->folio == gp->folio &&
	       idx == gp->idx;
}

/* Did the pinned page at @gp go to swap (P7)? */
static bool gup_page_swapped(struct world *w, const struct gup_handle *h,
			     const struct gup_page *gp)
{
	unsigned long idx = 0;
	unsigned int level = 0;
	pte_t *ptep = entry_at(w->mm[h->pid], gp->addr, &idx, &level);

	return !gp->detached && ptep && ptep->type == PTE_SWAP &&
	       swap_cache_folio(w, ptep->swp_offset) == gp->folio;
}

/*
 * Which guarantee of §3.3 covers this record, if any: "P1" write pins,
 * (checked in every era: in older presets a failure is the era's
 * historical bug, which is what a scenario of that era expects),
 * "P4" pins in shared mappings, "P2" R/O pins of anon pages, "P3" R/O
 * long-term pins in COW mappings.  Short-term R/O pins of the zeropage or
 * page cache, and plain references, promise nothing.
 */
static const char *pin_guarantee(const struct gup_handle *h,
				 const struct gup_page *gp)
{
	if (!(h->gup_flags & MMG_PIN))
		return NULL;
	if (gp->in_shared)
		return "P4";
	if (h->gup_flags & MMG_WRITE)
		return "P1";
	if (gp->was_anon)
		return "P2";
	if (h->gup_flags & MMG_LONGTERM)
		return "P3";
	return NULL;
}

/*
 * Is a pinned page exclusive?  While its folio is PMD/PUD-mapped the
 * head's bit speaks for every page; a THP whose PMD mapping went away
 * keeps its exclusivity on the head too.
 */
static bool pinned_page_exclusive(const struct folio *f, unsigned long idx)
{
	if (PageAnonExclusive(f, idx))
		return true;
	return folio_test_large(f) && (f->chk_entire || !f->chk_maps) &&
	       PageAnonExclusive(f, 0);
}

/* P1-P4, P5, P6, X6, S9 over every GUP record. */
static void check_gup_record(struct check_ctx *ctx, int g,
			     const struct gup_handle *h, uint64_t i)
{
	const struct gup_page *gp = &h->pages[i];
	struct folio *f = gp->folio;
	const char *pid = pin_guarantee(h, gp);
	const struct page_state *page = folio_page_peek(f, gp->idx);
	long mapped = (page ? page->chk_mapcount : 0) + f->chk_entire;
	bool pin = h->gup_flags & MMG_PIN;
	/* Who may write this very page in place (pid + 1), if anybody. */
	int writer = f->chk_writer ? f->chk_writer : page ? page->chk_writer : 0;

	ctx->pid = h->pid;
	/* P6 is about pages pinned while exclusive and shared later (fork). */
	if (pin && gp->was_exclusive && mapped > 1)
		CHECK_FAIL(ctx, MMV_PIN_COHERENCE, "P6", f, gp->addr,
			   "g%d pins page %llu of p%d at %#llx, now mapped by %ld entries",
			   g, (unsigned long long)i, h->pid,
			   (unsigned long long)gp->addr, mapped);
	else if (pin && gup_page_swapped(ctx->w, h, gp))
		CHECK_FAIL(ctx, MMV_PIN_COHERENCE, "P7", f, gp->addr,
			   "g%d pins folio #%llu, which p%d swapped out at %#llx",
			   g, (unsigned long long)f->id, h->pid,
			   (unsigned long long)gp->addr);
	else if (pid && !strcmp(pid, "P3") && !gp->was_anon)
		CHECK_FAIL(ctx, MMV_PIN_COHERENCE, "P3", f, gp->addr,
			   "g%d: R/O long-term pin of p%d at %#llx landed on a non-anon page",
			   g, h->pid, (unsigned long long)gp->addr);
	else if (pid && !gp->detached && !gup_page_coherent(ctx->w, h, gp))
		CHECK_FAIL(ctx, MMV_PIN_COHERENCE, pid, f, gp->addr,
			   "g%d pins folio #%llu but p%d no longer maps it at %#llx",
			   g, (unsigned long long)f->id, h->pid,
			   (unsigned long long)gp->addr);
	else if (!pin && folio_test_anon(f) && writer &&
		 writer != h->pid + 1 && folio_test_hugetlb(f))
		/* hugetlb reuse is mapcount based on purpose (program.md §6) */
		CHECK_FAIL(ctx, MMV_KNOWN, "hugetlb-vmsplice", f, gp->addr,
			   "g%d of p%d references hugetlb folio #%llu, which p%d may write in place",
			   g, h->pid, (unsigned long long)f->id, writer - 1);
	else if (!pin && folio_test_anon(f) && writer && writer != h->pid + 1)
		CHECK_FAIL(ctx, MMV_ISOLATION, "P5", f, gp->addr,
			   "g%d of p%d references page %u of folio #%llu, which p%d may write in place",
			   g, h->pid, gp->idx, (unsigned long long)f->id,
			   writer - 1);
	else if (pin && folio_test_anon(f) && knob(ctx->w, MMK_ANON_EXCLUSIVE) &&
		 !pinned_page_exclusive(f, gp->idx))
		CHECK_FAIL(ctx, MMV_EXCLUSIVITY, "X6", f, gp->addr,
			   "g%d pins an anon page of p%d at %#llx that is not exclusive",
			   g, h->pid, (unsigned long long)gp->addr);
	else if (pin && !(ctx->w->mm[h->pid]->flags & MMF_HAS_PINNED))
		CHECK_FAIL(ctx, MMV_ACCOUNTING, "S9", f, gp->addr,
			   "p%d holds pins but MMF_HAS_PINNED is clear", h->pid);
	if (ctx->found)
		ctx->v->gid = g;
}

static void check_gup_records(struct check_ctx *ctx)
{
	for_each_gup_handle(ctx->w, g) {
		const struct gup_handle *h = &ctx->w->handles[g];

		for (uint64_t i = 0; i < h->nr && !ctx->found; i++)
			check_gup_record(ctx, g, h, i);
		if (ctx->found)
			break;
	}
}

/* S4 and X5 for one swap slot. */
static void check_swap_slot(struct check_ctx *ctx, uint64_t off)
{
	struct swap_slot *slot = &ctx->w->swap_slots[off];
	struct folio *f = slot->cache;

	if (!slot->used)
		return;
	if (slot->count != slot->chk_count)
		CHECK_FAIL(ctx, MMV_ACCOUNTING, "S4", f, 0,
			   "swap slot %llu has swap_count %ld but %ld entries refer to it",
			   (unsigned long long)off, slot->count, slot->chk_count);
	else if (!slot->count && !f)
		CHECK_FAIL(ctx, MMV_ACCOUNTING, "S4", NULL, 0,
			   "swap slot %llu is held by nothing", (unsigned long long)off);
	else if (f && (!folio_test_swapcache(f) || f->swap != off))
		CHECK_FAIL(ctx, MMV_ACCOUNTING, "S4", f, 0,
			   "swap slot %llu caches folio #%llu, which does not hold it",
			   (unsigned long long)off, (unsigned long long)f->id);
	else if (slot->chk_exclusive && (slot->count != 1 ||
					 (f && folio_mapcount(f))))
		CHECK_FAIL(ctx, MMV_EXCLUSIVITY, "X5", f, 0,
			   "swap slot %llu has an exclusive entry but %ld entries%s",
			   (unsigned long long)off, slot->count,
			   f && folio_mapcount(f) ? " and a mapped page" : "");
}

bool world_check(struct world *w, struct mm_violation *v)
{
	struct check_ctx ctx = { .w = w, .v = v, .pid = -1 };
	struct mm_violation entry_v;
	bool entry_found;

	reset_scratch(w);
	count_mappings(&ctx);
	entry_found = ctx.found;
	if (entry_found)
		entry_v = *v;
	ctx.found = false;
	count_handles(w);
	/* Pin guarantees first: they name the rule a user relies on. */
	check_gup_records(&ctx);
	if (!ctx.found && entry_found) {
		*v = entry_v;
		ctx.found = true;
	}
	for (struct folio *f = w->folios.next; f != &w->folios && !ctx.found;
	     f = f->next)
		check_folio(&ctx, f);
	for (uint64_t off = 0; off < w->nr_swap_slots && !ctx.found; off++)
		check_swap_slot(&ctx, off);
	return ctx.found;
}

MM_NOCOV_END

/* ------------------------------------------------------------------ */
/* Operation-level checks (F1-F4).                                      */

/* The entry after the fault (a PMD leaf keeps the head's index). */
static pte_t fault_result(struct vm_fault *vmf)
{
	unsigned int level = 0;
	pte_t *ptep = leaf_offset(vmf->vma->vm_mm, vmf->address, &level);

	return ptep ? *ptep : pte_empty();
}

/* F1: a write fault leaves the entry writable, or (FOLL_FORCE) exclusive. */
void check_write_fault_done(struct vm_fault *vmf)
{
	pte_t pte = fault_result(vmf);
	struct world *w = vmf->w;

	if (!pte_present(pte)) {
		report_violation(w, MMV_FAULT, "F1", NULL, vmf->vma->vm_mm->pid,
				 vmf->address, "write fault at %#llx left no entry",
				 (unsigned long long)vmf->address);
	} else if (vmf->vma->vm_flags & VM_WRITE) {
		if (!pte_write(pte))
			report_violation(w, MMV_FAULT, "F1", pte.folio,
					 vmf->vma->vm_mm->pid, vmf->address,
					 "write fault at %#llx left the entry read-only",
					 (unsigned long long)vmf->address);
	} else if (knob(w, MMK_ANON_EXCLUSIVE) &&
		   (pte_special(pte) || !folio_test_anon(pte.folio) ||
		    !PageAnonExclusive(pte.folio, pte.idx))) {
		report_violation(w, MMV_FAULT, "F1", pte.folio,
				 vmf->vma->vm_mm->pid, vmf->address,
				 "forced write fault at %#llx left no exclusive anon page",
				 (unsigned long long)vmf->address);
	}
}

/* F2: an unshare fault never makes an entry writable, leaves an exclusive anon page. */
void check_unshare_fault_done(struct vm_fault *vmf)
{
	pte_t pte = fault_result(vmf);
	struct world *w = vmf->w;
	bool was_anon = vmf->orig_anon;

	if (!pte_present(vmf->orig_pte) || pte_write(vmf->orig_pte))
		return;
	if (pte_present(pte) && pte_write(pte)) {
		report_violation(w, MMV_FAULT, "F2", pte.folio,
				 vmf->vma->vm_mm->pid, vmf->address,
				 "unshare fault at %#llx made the entry writable",
				 (unsigned long long)vmf->address);
		return;
	}
	if (!was_anon && !knob(w, MMK_UNSHARE_ANY_COW_LONGTERM))
		return;
	if (!pte_present(pte) || pte_special(pte) || !folio_test_anon(pte.folio) ||
	    !PageAnonExclusive(pte.folio, pte.idx))
		report_violation(w, MMV_FAULT, "F2", pte_present(pte) ? pte.folio : NULL,
				 vmf->vma->vm_mm->pid, vmf->address,
				 "unshare fault at %#llx left no exclusive anon page",
				 (unsigned long long)vmf->address);
}

/* F3: mprotect makes writable only what needs no COW. */
void check_mprotect_upgrade(struct world *w, struct vm_area_struct *vma,
			    uint64_t addr, pte_t pte)
{
	struct folio *folio = pte_special(pte) ? NULL : pte.folio;
	bool ok;

	if (vma->vm_flags & VM_SHARED)
		ok = folio && !is_zero_folio(folio);
	else
		ok = folio && folio_test_anon(folio) && !folio_test_ksm(folio) &&
		     PageAnonExclusive(folio, pte.idx);
	if (!ok)
		report_violation(w, MMV_FAULT, "F3", folio, vma->vm_mm->pid, addr,
				 "mprotect made %#llx writable over a page that needs COW",
				 (unsigned long long)addr);
}

/*
 * F4: a FOLL_FORCE write where the VMA is read-only hits an exclusive anon
 * page (6.0+); before 6.0 at least a page that a COW fault made, an anon
 * one, never the page cache or a zeropage (Dirty COW, Huge Dirty COW).
 */
void check_force_write(struct world *w, struct vm_area_struct *vma,
		       uint64_t addr, struct folio *folio, unsigned long idx)
{
	if (vma->vm_flags & VM_WRITE)
		return;
	if (!knob(w, MMK_FORCE_WRITE_NEEDS_PAE)) {
		if (!folio_test_anon(folio))
			report_violation(w, MMV_FAULT, "F4", folio,
					 vma->vm_mm->pid, addr,
					 "FOLL_FORCE write at %#llx modifies a page no COW fault made (%s)",
					 (unsigned long long)addr,
					 is_zero_folio(folio) ? "a zeropage" :
					 "the page cache");
		return;
	}
	/* A PMD/PUD-mapped folio keeps its exclusivity on the head page. */
	if (folio_test_anon(folio) &&
	    (PageAnonExclusive(folio, idx) ||
	     (folio->entire_mapcount && PageAnonExclusive(folio, 0))))
		return;
	report_violation(w, MMV_FAULT, "F4", folio, vma->vm_mm->pid, addr,
			 "FOLL_FORCE write at %#llx modifies a page that is not exclusive anon",
			 (unsigned long long)addr);
}
