// SPDX-License-Identifier: MIT
/*
 * ksm.c - Kernel Samepage Merging: MADV_MERGEABLE / MADV_UNMERGEABLE and
 * one full scan of ksmd (the `ksm` statement).
 *
 * A KSM page is an order-0 anon folio with PG_ksm: read-only wherever it
 * is mapped, never PageAnonExclusive, possibly mapped by several mms.  Any
 * write to it copies (wp.c); a R/O pin unshares it (gup.c, 5.19+).
 *
 *   ksm_do_scan                       every present page of every
 *     cmp_and_merge_page              VM_MERGEABLE VMA, in turn:
 *       stable tree hit ............. try_to_merge_one_page(page, kpage)
 *       unstable tree hit ........... try_to_merge_two_pages: the page
 *                                     becomes the KSM page in place, the
 *                                     tree page is replaced by it
 *       miss ........................ into the unstable tree
 *     try_to_merge_one_page
 *       write_protect_page .......... entry read-only and clean, PAE
 *                                     dropped; refused when anybody but
 *                                     the mappings (and the swap cache)
 *                                     holds a reference
 *       replace_page ................ the entry now maps the KSM page
 *
 * Divergence:
 *  - no mm_slots or rmap_items: the scan walks the page tables of every
 *    process in pid order, each in address order; which of two identical
 *    pages becomes the KSM page follows that order;
 *  - the stable tree is rebuilt at the start of each scan from the KSM
 *    folios that are still mapped (the kernel prunes stale nodes lazily),
 *    and has no max_page_sharing chains;
 *  - no checksums: a page is a merge candidate at its first scan.  The
 *    kernel puts a page into the unstable tree only once its checksum was
 *    unchanged since the previous pass, so one `ksm` statement merges what
 *    two or three passes of ksmd would;
 *  - pages are compared by their content value (struct page_state);
 *  - use_zero_pages is off, the kernel's default: zero-filled pages merge
 *    into a KSM page like any other content (the language has no
 *    configuration for it);
 *  - large folios are not split to be merged: they are skipped, PTE- or
 *    PMD-mapped;
 *  - KSM pages are never swapped out (swap.c), although one that was in
 *    the swap cache when it was merged stays there.
 */
#include "internal.h"

/* One node of the stable or the unstable tree: a sorted array by content. */
struct ksm_node {
	uint64_t content;
	struct folio *kfolio;		/* stable tree: the KSM page */
	struct mm_struct *mm;		/* unstable tree: where the page is */
	uint64_t addr;
};

struct ksm_tree {
	struct ksm_node *nodes;
	size_t nr, cap;
};

struct ksm_scan {
	struct world *w;
	struct ksm_tree stable, unstable;
};

/* Index of the first node whose content is >= @content. */
static size_t tree_lower_bound(const struct ksm_tree *t, uint64_t content)
{
	size_t lo = 0, hi = t->nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->nodes[mid].content < content)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static struct ksm_node *tree_search(struct ksm_tree *t, uint64_t content)
{
	size_t i = tree_lower_bound(t, content);

	return i < t->nr && t->nodes[i].content == content ? &t->nodes[i] : NULL;
}

/* Insert @node after the nodes of equal content (so the oldest is found). */
static void tree_insert(struct ksm_tree *t, struct ksm_node node)
{
	size_t i = tree_lower_bound(t, node.content);

	while (i < t->nr && t->nodes[i].content == node.content)
		i++;
	if (t->nr == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 32;
		t->nodes = mm_realloc_array(t->nodes, t->cap, sizeof(*t->nodes));
	}
	memmove(&t->nodes[i + 1], &t->nodes[i], (t->nr - i) * sizeof(*t->nodes));
	t->nodes[i] = node;
	t->nr++;
}

static void tree_erase(struct ksm_tree *t, struct ksm_node *node)
{
	size_t i = (size_t)(node - t->nodes);

	memmove(&t->nodes[i], &t->nodes[i + 1], (t->nr - i - 1) * sizeof(*t->nodes));
	t->nr--;
}

/*
 * stable_tree_build - the stable tree as the scan starts: every KSM folio
 * that some entry still maps, by content; in creation order within equal
 * content, so the oldest KSM page is the one found.
 */
static void stable_tree_build(struct ksm_scan *scan)
{
	struct world *w = scan->w;

	/* The folio list runs from the newest to the oldest. */
	for (struct folio *f = w->folios.prev; f != &w->folios; f = f->prev)
		if (folio_test_ksm(f) && folio_mapcount(f))
			tree_insert(&scan->stable, (struct ksm_node){
				.content = folio_page_content(f, 0), .kfolio = f });
}

/*
 * write_protect_page - make the entry at @addr read-only and clean before
 * the page is shared.  If it is writable, dirty or maps an exclusive page,
 * the entry is cleared first (so GUP-fast cannot start a new reference),
 * then the page must have no reference beyond its mappings and the swap
 * cache, then PageAnonExclusive goes (refused if the page may be pinned).
 * A clean read-only entry of a possibly shared page is taken as it is.
 * Returns 0 with the resulting entry in *@orig, or -EFAULT.
 *
 * Models: mm/ksm.c:write_protect_page()
 * Divergence: the scanner holds no reference of its own, so the test is
 * mapcount + swapcache == refcount (the kernel counts its own as + 1).
 */
static int write_protect_page(struct world *w, struct vm_area_struct *vma,
			      uint64_t addr, struct folio *folio, pte_t *orig)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t *ptep = pte_offset(mm, addr, false);
	pte_t entry;
	bool exclusive;

	if (!ptep || !pte_present(*ptep) || pte_special(*ptep) ||
	    ptep->folio != folio)
		return -EFAULT;
	entry = *ptep;
	exclusive = PageAnonExclusive(folio, entry.idx);
	if (pte_write(entry) || pte_dirty(entry) || exclusive) {
		long swapped = folio_test_swapcache(folio) ? 1 : 0;

		pte_clear(mm, addr, ptep);	/* ptep_clear_flush() */
		if (folio_mapcount(folio) + swapped != folio_ref_count(folio) ||
		    (exclusive &&
		     folio_try_share_anon_rmap_pte(w, folio, entry.idx))) {
			set_pte_at(mm, addr, ptep, entry);
			return -EFAULT;
		}
		if (pte_dirty(entry))
			folio->flags |= PG_dirty;
		entry = pte_wrprotect(pte_mkclean(entry));
		set_pte_at(mm, addr, ptep, entry);
	}
	*orig = entry;
	return 0;
}

/*
 * replace_page - the entry at @addr, which maps @folio read-only, now maps
 * the KSM page @kfolio (one more mapping and reference, never exclusive);
 * @folio loses the mapping and its reference, and its swap cache once
 * nothing maps it.
 *
 * Models: mm/ksm.c:replace_page()
 */
static int replace_page(struct world *w, struct vm_area_struct *vma,
			uint64_t addr, struct folio *folio,
			struct folio *kfolio, pte_t orig)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t *ptep = pte_offset(mm, addr, false);
	/* The VMA's protection, as mk_pte() with vma->vm_page_prot. */
	unsigned int flags = _PAGE_YOUNG | vma_prot_bits(vma);

	if (!ptep || memcmp(ptep, &orig, sizeof(orig)))	/* !pte_same() */
		return -EFAULT;
	folio_get(kfolio);
	folio_add_anon_rmap_pte(w, kfolio, 0);
	pte_clear(mm, addr, ptep);
	set_pte_at(mm, addr, ptep, mk_pte(kfolio, 0, flags));
	folio_remove_rmap_pte(w, folio, orig.idx);
	if (!folio_mapcount(folio))
		folio_free_swap(w, folio);
	folio_put(w, folio);
	return 0;
}

/*
 * try_to_merge_one_page - write-protect the page @folio mapped at @addr
 * and then either turn it into a KSM page in place (@kfolio NULL) or
 * replace it by @kfolio if the contents still match.  Returns 0 or
 * -EFAULT.
 *
 * Models: mm/ksm.c:try_to_merge_one_page()
 */
static int try_to_merge_one_page(struct world *w, struct vm_area_struct *vma,
				 uint64_t addr, struct folio *folio,
				 struct folio *kfolio)
{
	pte_t orig;

	if (folio == kfolio)		/* a KSM page that fork shared */
		return 0;
	if (!folio_test_anon(folio) || folio_test_large(folio))
		return -EFAULT;
	if (write_protect_page(w, vma, addr, folio, &orig))
		return -EFAULT;
	if (!kfolio) {
		/* Dirty, so that reclaim would write it out, never drop it. */
		folio->flags |= PG_ksm | PG_dirty;
		return 0;
	}
	if (folio_page_content(folio, orig.idx) != folio_page_content(kfolio, 0))
		return -EFAULT;		/* !pages_identical() */
	return replace_page(w, vma, addr, folio, kfolio, orig);
}

/*
 * break_ksm - make the entry at @addr map a private page again if it maps
 * a KSM page: an unshare fault since 6.2 (the entry stays read-only), a
 * write fault before (it becomes writable where the VMA allows).
 *
 * Models: mm/ksm.c:break_ksm()
 * Divergence: FAULT_FLAG_UNSHARE is used only together with the 5.19
 * unsharing machinery (knob unshare_anon), which it needs.
 */
static int break_ksm(struct world *w, struct vm_area_struct *vma,
		     uint64_t addr)
{
	unsigned int flags = FAULT_FLAG_REMOTE;

	if (knob(w, MMK_KSM_UNMERGE_UNSHARE) && knob(w, MMK_UNSHARE_ANON))
		flags |= FAULT_FLAG_UNSHARE;
	else
		flags |= FAULT_FLAG_WRITE;
	for (int round = 0;; round++) {
		pte_t *ptep = pte_offset(vma->vm_mm, addr, false);
		vm_fault_t ret;

		if (!ptep || !pte_present(*ptep) || pte_special(*ptep) ||
		    !folio_test_ksm(ptep->folio))
			return 0;
		MM_BUG_ON(w, round > 2);	/* a fault must make progress */
		ret = handle_mm_fault(w, vma, addr, flags);
		if (ret & VM_FAULT_OOM)
			return -ENOMEM;
		if (ret & VM_FAULT_ERROR)
			return 0;
	}
}

/* The mergeable VMA at @addr of @mm, or NULL.  Models: find_mergeable_vma() */
static struct vm_area_struct *find_mergeable_vma(struct mm_struct *mm,
						 uint64_t addr)
{
	struct vm_area_struct *vma = vma_lookup(mm, addr);

	if (!vma || !(vma->vm_flags & VM_MERGEABLE) || !vma->anon_vma)
		return NULL;
	return vma;
}

/*
 * try_to_merge_two_pages - two identical pages that are not KSM pages yet:
 * the one being scanned becomes the KSM page, the one from the unstable
 * tree is replaced by it.  If the second step fails, the new KSM page has
 * a single mapping, which is broken again.  Returns the KSM page or NULL.
 *
 * Models: mm/ksm.c:try_to_merge_two_pages()
 */
static struct folio *try_to_merge_two_pages(struct world *w,
					    struct vm_area_struct *vma,
					    uint64_t addr, struct folio *folio,
					    struct vm_area_struct *tree_vma,
					    uint64_t tree_addr,
					    struct folio *tree_folio)
{
	if (try_to_merge_one_page(w, vma, addr, folio, NULL))
		return NULL;
	if (try_to_merge_one_page(w, tree_vma, tree_addr, tree_folio, folio)) {
		break_ksm(w, vma, addr);	/* break_cow() */
		return NULL;
	}
	return folio;
}

/*
 * get_mergeable_page - the page an unstable-tree node stands for, if it is
 * still an ordinary small anon page there.
 *
 * Models: mm/ksm.c:get_mergeable_page()
 */
static struct folio *get_mergeable_page(const struct ksm_node *node,
					struct vm_area_struct **vmap)
{
	struct vm_area_struct *vma = find_mergeable_vma(node->mm, node->addr);
	pte_t *ptep = vma ? pte_offset(node->mm, node->addr, false) : NULL;
	struct folio *folio;

	if (!ptep || !pte_present(*ptep) || pte_special(*ptep))
		return NULL;
	folio = ptep->folio;
	if (!folio_test_anon(folio) || folio_test_ksm(folio) ||
	    folio_test_large(folio) ||
	    folio_page_content(folio, ptep->idx) != node->content)
		return NULL;
	*vmap = vma;
	return folio;
}

/*
 * cmp_and_merge_page - one page of the scan: merge it with an identical
 * KSM page, or with an identical page seen earlier in this scan (the two
 * then make a new KSM page), or remember it for the pages still to come.
 *
 * Models: mm/ksm.c:cmp_and_merge_page()
 */
static void cmp_and_merge_page(struct ksm_scan *scan,
			       struct vm_area_struct *vma, uint64_t addr,
			       struct folio *folio, unsigned long idx)
{
	struct world *w = scan->w;
	uint64_t content = folio_page_content(folio, idx);
	struct ksm_node *node = tree_search(&scan->stable, content);
	struct vm_area_struct *tree_vma;
	struct folio *tree_folio, *kfolio;

	if (node) {
		try_to_merge_one_page(w, vma, addr, folio, node->kfolio);
		return;
	}
	if (folio_test_ksm(folio))
		return;
	node = tree_search(&scan->unstable, content);
	if (!node) {
		tree_insert(&scan->unstable, (struct ksm_node){
			.content = content, .mm = vma->vm_mm, .addr = addr });
		return;
	}
	tree_folio = get_mergeable_page(node, &tree_vma);
	/* Gone, or the same page again (shared by fork): nothing to merge. */
	if (!tree_folio || tree_folio == folio)
		return;
	kfolio = try_to_merge_two_pages(w, vma, addr, folio, tree_vma,
					node->addr, tree_folio);
	if (!kfolio)
		return;
	tree_erase(&scan->unstable, node);
	tree_insert(&scan->stable, (struct ksm_node){ .content = content,
						      .kfolio = kfolio });
}

/* PMD-mapped THPs (and the huge zeropage) are not merged: see the top. */
static int ksm_skip_pmd_entry(pte_t *pmd, uint64_t addr, uint64_t end,
			      struct mm_walk *walk)
{
	(void)pmd; (void)addr; (void)end; (void)walk;
	return 0;
}

static int ksm_scan_pte_entry(pte_t *ptep, uint64_t addr, struct mm_walk *walk)
{
	pte_t pte = *ptep;

	if (!pte_present(pte) || pte_special(pte))
		return 0;
	/* Only small anon pages: page cache and large folios stay as they are. */
	if (!folio_test_anon(pte.folio) || folio_test_large(pte.folio))
		return 0;
	cmp_and_merge_page(walk->priv, walk->vma, addr, pte.folio, pte.idx);
	return 0;
}

/*
 * ksm_do_scan - one full pass of ksmd over every VM_MERGEABLE VMA that
 * has anon pages; the unstable tree lives for this pass only.
 *
 * Models: mm/ksm.c:ksm_do_scan() until scan_get_next_rmap_item() wraps
 */
int ksm_do_scan(struct world *w)
{
	static const struct mm_walk_ops ops = { .pte_entry = ksm_scan_pte_entry,
						.pmd_entry = ksm_skip_pmd_entry };
	struct ksm_scan scan = { .w = w };

	stable_tree_build(&scan);
	for (int pid = 0; pid < NR_PROCS; pid++) {
		struct mm_struct *mm = w->mm[pid];

		for (struct vm_area_struct *v = mm ? mm->mmap : NULL; v;
		     v = v->vm_next)
			if ((v->vm_flags & VM_MERGEABLE) && v->anon_vma)
				walk_page_range(mm, v->vm_start, v->vm_end,
						&ops, &scan);
	}
	free(scan.stable.nodes);
	free(scan.unstable.nodes);
	return 0;
}

static int unmerge_pte_entry(pte_t *ptep, uint64_t addr, struct mm_walk *walk)
{
	if (!pte_present(*ptep) || pte_special(*ptep) ||
	    !folio_test_ksm(ptep->folio))
		return 0;
	return break_ksm(walk->priv, walk->vma, addr);
}

/*
 * unmerge_ksm_pages - break every KSM page mapped in [start, end) of @vma.
 *
 * Models: mm/ksm.c:unmerge_ksm_pages()
 */
static int unmerge_ksm_pages(struct world *w, struct vm_area_struct *vma,
			     uint64_t start, uint64_t end)
{
	/* KSM pages are small: PMD leaves hold none. */
	static const struct mm_walk_ops ops = { .pte_entry = unmerge_pte_entry,
						.pmd_entry = ksm_skip_pmd_entry };

	return walk_page_range(vma->vm_mm, start, end, &ops, w);
}

/*
 * vma_ksm_compatible - may KSM merge in this VMA at all?  Not in shared
 * mappings, hugetlb, or driver mappings.
 *
 * Models: mm/ksm.c:vma_ksm_compatible()
 */
static bool vma_ksm_compatible(const struct vm_area_struct *vma)
{
	return !(vma->vm_flags & (VM_SHARED | VM_MAYSHARE | VM_PFNMAP | VM_IO |
				  VM_HUGETLB | VM_MIXEDMAP));
}

/* Would the advice change @vma?  Only those VMAs are split and updated. */
static bool ksm_advice_applies(const struct vm_area_struct *vma,
			       enum mm_madv advice)
{
	if (advice == MMA_MERGEABLE)
		return !(vma->vm_flags & VM_MERGEABLE) && vma_ksm_compatible(vma);
	return vma->vm_flags & VM_MERGEABLE;
}

/*
 * ksm_madvise - MADV_MERGEABLE sets VM_MERGEABLE on the compatible VMAs of
 * the range (others are silently left alone); MADV_UNMERGEABLE first
 * breaks every KSM page the range maps, then clears it.
 *
 * Models: mm/ksm.c:ksm_madvise() + mm/madvise.c:madvise_update_vma()
 */
int ksm_madvise(struct world *w, struct mm_struct *mm, uint64_t start,
		uint64_t end, enum mm_madv advice)
{
	for (struct vm_area_struct *v = find_vma(mm, start);
	     v && v->vm_start < end; v = v->vm_next) {
		int err;

		if (!ksm_advice_applies(v, advice))
			continue;
		if (v->vm_start < start)
			v = split_vma(v, start);
		if (v->vm_end > end)
			split_vma(v, end);
		if (advice == MMA_MERGEABLE) {
			v->vm_flags |= VM_MERGEABLE;
			continue;
		}
		if (v->anon_vma &&
		    (err = unmerge_ksm_pages(w, v, v->vm_start, v->vm_end)))
			return err;
		v->vm_flags &= ~VM_MERGEABLE;
	}
	vma_merge_range(w, mm, start, end);
	return 0;
}

/*
 * reuse_ksm_page - 5.0 to 5.8: a write fault on a KSM page that only this
 * entry maps and nobody else references (refcount 1, not in the swap
 * cache) turns it back into an ordinary anon page of the faulting VMA and
 * reuses it.  Removed in 5.9 (1a0cf26323c8): KSM pages are always copied.
 *
 * Models: mm/ksm.c:reuse_ksm_page() with its caller's test in do_wp_page()
 * (5.0 - 5.8)
 */
bool reuse_ksm_page(struct world *w, struct folio *folio)
{
	if (!knob(w, MMK_KSM_REUSE_SINGLE_MAPPED))
		return false;
	if (folio_test_swapcache(folio) || folio_ref_count(folio) != 1)
		return false;
	/* page_move_anon_rmap(): the anon mapping replaces the stable node. */
	folio->flags &= ~PG_ksm;
	return true;
}
