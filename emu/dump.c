// SPDX-License-Identifier: MIT
/*
 * dump.c - a readable picture of the world for violation reports:
 * processes (VMAs and entries), folios, GUP handles.  Folios are named by
 * their creation number (#N), never by address, so dumps are stable.
 *
 * Must not assert anything: it also runs from mm_bug() on a corrupt world.
 */
#include "internal.h"

#define DUMP_MAX_LINES	64	/* per section; the rest is counted */

static void vm_flags_str(unsigned int f, char *buf, size_t size)
{
	snprintf(buf, size, "%c%c%c%s%s%s%s%s%s",
		 f & VM_READ ? 'r' : '-', f & VM_WRITE ? 'w' : '-',
		 f & VM_SHARED ? 's' : (f & VM_MAYSHARE ? 'S' : 'p'),
		 f & VM_MAYWRITE ? "" : " !maywrite",
		 f & VM_DONTCOPY ? " dontfork" : "",
		 f & VM_WIPEONFORK ? " wipeonfork" : "",
		 f & VM_SOFTDIRTY ? " softdirty" : "",
		 f & VM_MERGEABLE ? " mergeable" : "",
		 f & VM_LOCKED ? " locked" : "");
}

static void pte_flags_str(pte_t pte, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s%s%s%s%s",
		 pte_write(pte) ? "W" : "R", pte_dirty(pte) ? " dirty" : "",
		 pte_soft_dirty(pte) ? " sd" : "",
		 pte_special(pte) ? " special" : "",
		 pte_protnone(pte) ? " protnone" : "",
		 pte.flags & _PAGE_YOUNG ? " young" : "");
}

static void print_value(FILE *out, uint64_t v)
{
	if (v >> 63)
		fprintf(out, "#%llu", (unsigned long long)(v & ~(1ULL << 63)));
	else
		fprintf(out, "%llu", (unsigned long long)v);
}

struct dump_ctx {
	FILE *out;
	int lines;
	const struct mm_violation *v;
};

static int dump_pte_entry(pte_t *ptep, uint64_t addr, struct mm_walk *walk)
{
	struct dump_ctx *ctx = walk->priv;
	pte_t pte = *ptep;
	char flags[64];

	if (++ctx->lines > DUMP_MAX_LINES)
		return 0;
	pte_flags_str(pte, flags, sizeof(flags));
	fprintf(ctx->out, "    %#llx: ", (unsigned long long)addr);
	if (pte.type == PTE_MIGRATION) {	/* only seen by a dump from mm_bug() */
		fprintf(ctx->out, "migration entry (%s) folio #%llu[%u]\n",
			pte_write(pte) ? "writable" :
			pte.flags & _PAGE_MIGRATION_EXCLUSIVE ?
			"readable-exclusive" : "readable",
			(unsigned long long)pte.folio->id, pte.idx);
		return 0;
	}
	if (!pte_present(pte)) {
		fprintf(ctx->out, "swap slot %llu%s%s\n",
			(unsigned long long)pte.swp_offset,
			pte.flags & _PAGE_SWP_EXCLUSIVE ? " exclusive" : "",
			pte_soft_dirty(pte) ? " sd" : "");
		return 0;
	}
	if (pte.folio->kind == FOLIO_ZERO)
		fprintf(ctx->out, "zeropage");
	else
		fprintf(ctx->out, "folio #%llu[%u]", (unsigned long long)pte.folio->id,
			pte.idx);
	fprintf(ctx->out, " %s = ", flags);
	print_value(ctx->out, folio_page_content(pte.folio, pte.idx));
	fprintf(ctx->out, "%s\n", ctx->v && ctx->v->folio_id == pte.folio->id ?
		"   <--" : "");
	return 0;
}

/* A huge leaf: one line for all the pages it maps. */
static int dump_leaf_entry(pte_t *leaf, uint64_t addr, uint64_t end,
			   struct mm_walk *walk)
{
	struct dump_ctx *ctx = walk->priv;
	char flags[64];

	if (++ctx->lines > DUMP_MAX_LINES)
		return 0;
	pte_flags_str(*leaf, flags, sizeof(flags));
	fprintf(ctx->out, "    %#llx-%#llx: %s ", (unsigned long long)addr,
		(unsigned long long)end, walk->level == 2 ? "PUD" : "PMD");
	if (!pte_present(*leaf))
		fprintf(ctx->out, "non-present");
	else if (leaf->folio->kind == FOLIO_HUGE_ZERO)
		fprintf(ctx->out, "huge zeropage");
	else
		fprintf(ctx->out, "folio #%llu[%u]", (unsigned long long)leaf->folio->id,
			leaf->idx);
	fprintf(ctx->out, " %s%s\n", flags, pte_present(*leaf) && ctx->v &&
		ctx->v->folio_id == leaf->folio->id ? "   <--" : "");
	return 0;
}

static void dump_mm(struct world *w, struct mm_struct *mm, struct dump_ctx *ctx)
{
	static const struct mm_walk_ops ops = { .pte_entry = dump_pte_entry,
						.pmd_entry = dump_leaf_entry,
						.hugetlb_entry = dump_leaf_entry };

	fprintf(ctx->out, "  p%d%s\n", mm->pid,
		mm->flags & MMF_HAS_PINNED ? " (has pinned)" : "");
	for (struct vm_area_struct *v = mm->mmap; v; v = v->vm_next) {
		char flags[96];

		vm_flags_str(v->vm_flags, flags, sizeof(flags));
		fprintf(ctx->out, "   vma %#llx-%#llx %s %s%s\n",
			(unsigned long long)v->vm_start, (unsigned long long)v->vm_end,
			flags, !v->vm_file ? "anon" : v->vm_file->anon_shared ?
			"shmem (anon shared)" : v->vm_file->chardev ?
			"driver (mixedmap)" : file_type_name(v->vm_file->type),
			v->anon_vma ? " anon_vma" : "");
	}
	ctx->lines = 0;
	walk_page_range(mm, 0, TASK_SIZE, &ops, ctx);
	if (ctx->lines > DUMP_MAX_LINES)
		fprintf(ctx->out, "    ... %d more entries\n",
			ctx->lines - DUMP_MAX_LINES);
	(void)w;
}

static const char *folio_kind_str(const struct folio *f)
{
	switch (f->kind) {
	case FOLIO_ANON: return f->flags & PG_ksm ? "ksm" : "anon";
	case FOLIO_FILE: return "file";
	case FOLIO_ZERO: return "zeropage";
	default: return "huge-zeropage";
	}
}

static void dump_folio(FILE *out, const struct folio *f,
		       const struct mm_violation *v)
{
	const struct page_state *p0 = folio_page_peek(f, 0);

	fprintf(out, "  folio #%llu %s%s order %u refcount %ld mapcount %ld",
		(unsigned long long)f->id, folio_kind_str(f),
		f->flags & PG_hugetlb ? " hugetlb" : "", f->order,
		f->refcount, folio_mapcount(f));
	if (folio_test_large(f))
		fprintf(out, " pincount %ld", f->pincount);
	else if (folio_maybe_dma_pinned(f))
		fprintf(out, " maybe-pinned");
	if (p0 && p0->anon_exclusive)
		fprintf(out, " exclusive");
	if (f->flags & PG_dirty)
		fprintf(out, " dirty");
	if (f->flags & PG_lazyfree)
		fprintf(out, " lazyfree");
	if (f->flags & PG_swapcache)
		fprintf(out, " swapcache@%llu", (unsigned long long)f->swap);
	if (f->mapping)
		fprintf(out, " cache %s@%llu", file_type_name(f->mapping->type),
			(unsigned long long)f->index);
	fprintf(out, " = ");
	print_value(out, folio_page_content(f, 0));
	fprintf(out, "%s\n", v && v->folio_id == f->id ? "   <--" : "");
}

static void dump_handles(struct world *w, FILE *out)
{
	static const char *const holders[] = { "gup", "vmsplice", "iouring" };

	for (int g = 0; g < NR_HANDLES; g++) {
		struct gup_handle *h = &w->handles[g];

		if (!h->used)
			continue;
		fprintf(out, "  g%d %s of p%d: %s%s%s%s%s, %llu pages\n", g,
			holders[h->holder], h->pid,
			h->gup_flags & MMG_PIN ? "pin" : "get",
			h->gup_flags & MMG_WRITE ? " write" : "",
			h->gup_flags & MMG_LONGTERM ? " longterm" : "",
			h->gup_flags & MMG_FORCE ? " force" : "",
			h->gup_flags & MMG_FAST ? " fast" : "",
			(unsigned long long)h->nr);
		for (uint64_t i = 0; i < h->nr && i < 16; i++)
			fprintf(out, "    [%llu] %#llx -> folio #%llu[%u]%s\n",
				(unsigned long long)i,
				(unsigned long long)h->pages[i].addr,
				(unsigned long long)h->pages[i].folio->id,
				h->pages[i].idx,
				h->pages[i].detached ? " (unmapped by owner)" : "");
	}
}

/* Print the state; the objects named by @v (if any) are marked "<--". */
void world_dump(struct world *w, FILE *out, const struct mm_violation *v)
{
	struct dump_ctx ctx = { .out = out, .v = v };
	int n = 0;

	fprintf(out, "processes:\n");
	for (int pid = 0; pid < NR_PROCS; pid++)
		if (w->mm[pid])
			dump_mm(w, w->mm[pid], &ctx);
	fprintf(out, "folios:\n");
	for (struct folio *f = w->folios.prev; f != &w->folios; f = f->prev) {
		if (f->kind == FOLIO_ZERO && f->refcount == 1)
			continue;	/* the idle zeropage says nothing */
		if (++n <= DUMP_MAX_LINES)
			dump_folio(out, f, v);
	}
	if (n > DUMP_MAX_LINES)
		fprintf(out, "  ... %d more folios\n", n - DUMP_MAX_LINES);
	fprintf(out, "handles:\n");
	dump_handles(w, out);
}
