// SPDX-License-Identifier: MIT
/*
 * knobs.c - policy knobs and era presets (semantics.md Appendix A, §0.3).
 *
 * Every behaviour that changed in the kernel's history is a knob that the
 * rules consult where the kernel's code changed; an era is only a preset.
 * A knob whose alternative behaviour is not modelled yet is marked so, and
 * setting it away from its era value is refused rather than ignored.
 */
#include "internal.h"

static const struct mm_knob_info knob_table[MM_NR_KNOBS] = {
	[MMK_GUP_FORCE_WRITE_DROPPED_AFTER_COW] = { "gup_force_write_dropped_after_cow", "19be0eaffa3a",
		"after a COW write fault the GUP retry drops FOLL_WRITE (Dirty COW)", false, true },
	[MMK_FOLL_COW_DIRTY_CHECK] = { "foll_cow_dirty_check", "19be0eaffa3a",
		"FOLL_FORCE write to a R/O PTE allowed iff FOLL_COW and pte_dirty", false, true },
	[MMK_THP_FOLL_COW_CHECK] = { "thp_foll_cow_check", "8310d48b125d",
		"FOLL_COW + dirty check for PMDs", false, true },
	[MMK_TOUCH_PMD_ALWAYS_DIRTY] = { "touch_pmd_always_dirty", "a8f97366452e",
		"FOLL_TOUCH marks the PMD dirty even for reads (Huge Dirty COW)", false, true },
	[MMK_PIN_COUNTING] = { "pin_counting", "3faa52c03f44",
		"FOLL_PIN counts with GUP_PIN_COUNTING_BIAS / _pincount", false, true },
	[MMK_GUP_FORCED_COW_BREAK] = { "gup_forced_cow_break", "17839856fd58",
		"GET/PIN in COW mappings become write GUPs; GUP-fast needs writable entries", false, true },
	[MMK_THP_COW_SPLIT] = { "thp_cow_split", "3917c80280c9",
		"PMD-THP COW splits the PMD and copies 4 KiB", false, true },
	[MMK_WP_REUSE_REFCOUNT] = { "wp_reuse_refcount", "09854ba94c6a",
		"do_wp_page reuses iff refcount == 1 (else by mapcount)", false, true },
	[MMK_KSM_REUSE_SINGLE_MAPPED] = { "ksm_reuse_single_mapped", "1a0cf26323c8",
		"a KSM page mapped once is reused by a write fault", false, true },
	[MMK_FORK_COPY_PINNED] = { "fork_copy_pinned", "70e806e4e645",
		"fork copies possibly pinned pages for the child", false, true },
	[MMK_FORK_COPY_PINNED_FILE_TOO] = { "fork_copy_pinned_file_too", "fb3d824d1a46",
		"fork's early copy also for page-cache pages in private mappings", false, true },
	[MMK_FORK_COPY_PINNED_HUGETLB] = { "fork_copy_pinned_hugetlb", "4eae4efa2c29",
		"fork's early copy for hugetlb", false, true },
	[MMK_WRITE_PROTECT_SEQ] = { "write_protect_seq", "57efa1fe5957",
		"GUP-fast pin aborts when fork ran concurrently", false, true },
	[MMK_NO_SWAPCACHE_IF_PINNED] = { "no_swapcache_if_pinned", "feb889fb40fa",
		"reclaim skips possibly pinned anon folios", false, true },
	[MMK_CLEAR_REFS_SKIP_PINNED] = { "clear_refs_skip_pinned", "9348b73c2e1b",
		"soft-dirty clearing leaves possibly pinned writable PTEs alone", false, true },
	[MMK_SWAPIN_REUSE_REFCOUNT] = { "swapin_reuse_refcount", "c145e0b47c77",
		"swap-in reuse by refcount instead of mapcount + swapcount", false, true },
	[MMK_THP_WP_REUSE_REFCOUNT] = { "thp_wp_reuse_refcount", "3bff7e3f1f16",
		"PMD-THP write fault reuse by refcount", false, true },
	[MMK_WP_REUSE_FREE_SWAPCACHE] = { "wp_reuse_free_swapcache", "53a05ad9f21d",
		"drop the swap cache before the reuse refcount test", false, true },
	[MMK_ANON_EXCLUSIVE] = { "anon_exclusive", "6c287605fd56",
		"PageAnonExclusive tracking and PAE-based reuse", false, true },
	[MMK_UNSHARE_ANON] = { "unshare_anon", "a7f226604170",
		"R/O FOLL_PIN on a possibly shared anon page unshares it", false, true },
	[MMK_SWP_EXCLUSIVE_MARKER] = { "swp_exclusive_marker", "1493a1913e34",
		"exclusive marker in swap PTEs", false, true },
	[MMK_FORCE_WRITE_NEEDS_PAE] = { "force_write_needs_pae", "5535be309971",
		"FOLL_FORCE writes to R/O PTEs only for exclusive anon pages", false, true },
	[MMK_MPROTECT_UPGRADE_PAE] = { "mprotect_upgrade_pae", "64fe24a3e05e",
		"mprotect maps exclusive anon PTEs writable directly", false, true },
	[MMK_UNSHARE_ANY_COW_LONGTERM] = { "unshare_any_cow_longterm", "84209e87c696",
		"R/O long-term pins unshare non-anon pages in COW mappings", false, true },
	[MMK_HUGETLB_NO_FORCE_WRITE] = { "hugetlb_no_force_write", "f347454d0349",
		"FOLL_FORCE|FOLL_WRITE refused on hugetlb", false, true },
	[MMK_KSM_UNMERGE_UNSHARE] = { "ksm_unmerge_unshare", "6cce3314b928",
		"KSM unmerging through unshare faults", false, true },
	[MMK_ZEROPAGE_PIN_NOOP] = { "zeropage_pin_noop", "c8070b787519",
		"FOLL_PIN does not touch the zeropage's refcount", false, true },
	[MMK_LONGTERM_WRITE_FILE_REFUSED] = { "longterm_write_file_refused", "8ac268436e6d",
		"FOLL_PIN|LONGTERM|WRITE refused on dirty-tracked file mappings", false, true },
	[MMK_ZEROPAGE_INSERT_SPECIAL] = { "zeropage_insert_special", "fce831c92092",
		"the zeropage inserted by vm_insert_page is special and unrefcounted", false, true },
	[MMK_SWAPIN_WRITABLE_ON_READ] = { "swapin_writable_on_read", "c18160dba5ff",
		"exclusive swap-in mapped writable on read faults", false, true },
	[MMK_LARGE_FOLIO_WP_REUSE] = { "large_folio_wp_reuse", "1da190f4d0a6",
		"write faults reuse exclusively mapped PTE-mapped large anon folios", false, true },
	[MMK_HUGE_ZERO_PMD_SPECIAL] = { "huge_zero_pmd_special", "d82d09e48219",
		"the huge zero PMD is special; GUP-fast refuses it", false, true },
	[MMK_FORK_COPY_WRPROTECTS_PARENT] = { "fork_copy_wrprotects_parent", "",
		"fork write-protects the parent PTE while copying a pinned page (proposed)", false, false },
	[MMK_HUGETLB_REUSE_MAPCOUNT] = { "hugetlb_reuse_mapcount", "",
		"hugetlb COW reuse decided by mapcount == 1 (deliberate)", false, true },
	[MMK_MADV_COLLAPSE] = { "madv_collapse", "7d8faaf15545",
		"MADV_COLLAPSE exists (6.1; presets from 6.2)", false, true },
	[MMK_FORK_SHARE_PINNED] = { "fork_share_pinned", "",
		"BUG: fork shares a possibly pinned exclusive page instead of copying it", true, true },
	[MMK_MPROTECT_UPGRADE_MAPCOUNT] = { "mprotect_upgrade_mapcount", "",
		"BUG: mprotect upgrades a private anon PTE whose mapcount is 1, ignoring PAE", true, true },
	[MMK_MPROTECT_UPGRADE_NOT_SHARED] = { "mprotect_upgrade_not_shared", "",
		"BUG: mprotect upgrades any anon folio not maybe-mapped-shared", true, true },
	[MMK_COLLAPSE_IN_PLACE] = { "collapse_in_place", "",
		"BUG: collapse re-maps the existing folio by a PMD and marks it exclusive", true, true },
	[MMK_GUP_FAST_SKIP_UNSHARE] = { "gup_fast_skip_unshare", "",
		"BUG: GUP-fast pins read-only entries without the must-unshare test", true, true },
	[MMK_UNSHARE_MAPS_WRITABLE] = { "unshare_maps_writable", "",
		"BUG: the unshare fault maps the page writable", true, true },
	[MMK_HUGETLB_MREMAP] = { "hugetlb_mremap", "550a7d60bd5e",
		"mremap() may move hugetlb mappings", false, true },
	[MMK_HUGETLB_MADV_DONTNEED] = { "hugetlb_madv_dontneed", "90e7e7f5ef3f",
		"MADV_DONTNEED is allowed on hugetlb mappings", false, true },
	[MMK_IOURING_FILE_ONLY_SHMEM_HUGETLB] = { "iouring_file_only_shmem_hugetlb", "34ed8d0dcd69",
		"io_uring fixed buffers refuse file mappings but shmem and hugetlbfs (until 6.4)", false, true },
	[MMK_WRITE_PROTECT_SEQ_HUGETLB] = { "write_protect_seq_hugetlb", "623a1ddfeb23",
		"fork of a hugetlb mapping raises write_protect_seq too", false, true },
	/*
	 * "mm/hugetlb: support FOLL_FORCE|FOLL_WRITE" (Guillaume Morin, merged
	 * for 6.14; its mainline id is not recorded here): no commit named.
	 */
	[MMK_HUGETLB_FORCE_WRITE_COW] = { "hugetlb_force_write_cow", "",
		"FOLL_FORCE|FOLL_WRITE on private hugetlb: a COW into a R/O leaf, as for PTEs (6.14)", false, true },
	/*
	 * "mm/mremap: permit mremap() move of multiple VMAs" (Lorenzo
	 * Stoakes, merged for 6.17; its mainline id is not recorded here).
	 */
	[MMK_MREMAP_MULTI_VMA] = { "mremap_multi_vma", "",
		"a MREMAP_FIXED move without resize may span several VMAs (6.17)", false, true },
	[MMK_MADV_POPULATE] = { "madv_populate", "4ca9b3859dac",
		"MADV_POPULATE_(READ|WRITE) exist (5.14; presets from 5.18)", false, true },
	[MMK_HUGETLB_DONTNEED_ROUND_DOWN] = { "hugetlb_dontneed_round_down", "8ebe0a5eaaeb",
		"MADV_DONTNEED on hugetlb ends at the last whole huge page (6.1; before, the rest of the last one went too)", false, true },
};

const struct mm_knob_info *mm_knob_info(enum mm_knob k)
{
	if ((unsigned int)k >= MM_NR_KNOBS)
		return NULL;
	return &knob_table[k];
}

int mm_knob_lookup(const char *name)
{
	for (int k = 0; k < MM_NR_KNOBS; k++)
		if (!strcmp(knob_table[k].name, name))
			return k;
	return -1;
}

/*
 * Era presets: the mainline release named (the first of its range), with
 * every change merged by then.  Each era adds knobs to the one before.
 * "modelled" eras have all of their small-page rules modelled.
 *
 * The races of the knobs below need stepwise statements (@tN) to show:
 *   Dirty COW (CVE-2016-5195)       era 4.8 (gup_force_write_dropped_after_cow)
 *   Huge Dirty COW (CVE-2017-1000405) 4.10 - 4.14: era 5.7 with
 *                                   knob touch_pmd_always_dirty=on
 *   GUP-fast vs fork                up to 5.10: eras 5.7, 5.8, 5.9
 *                                   (write_protect_seq off); for hugetlb
 *                                   up to 5.18: eras up to 5.18
 *                                   (write_protect_seq_hugetlb off)
 */
struct era {
	const char *name;
	const char *canonical;
	bool modelled;
	const enum mm_knob *on;		/* knobs this era switches on */
	const struct era *base;		/* the era before, or NULL */
	const enum mm_knob *off;	/* knobs of the base it switches off */
};

#define K(...)	((const enum mm_knob[]){ __VA_ARGS__, MM_NR_KNOBS })

/*
 * 4.8.0 - 4.8.2 and before: Dirty COW.  A forced write's retry drops
 * FOLL_WRITE after the COW fault; there is no FOLL_COW test yet, for PTEs
 * or PMDs, and FOLL_TOUCH dirties PMDs on reads.  There is no FOLL_PIN
 * either (5.6/5.7): pin_counting is off, and a `pin` takes the one
 * reference a GUP took then, which folio_maybe_dma_pinned() cannot tell
 * from any other (no rule of this era asks: fork_copy_pinned,
 * no_swapcache_if_pinned, clear_refs_skip_pinned and the unsharing rules
 * are all off, and KSM, migration and collapse refuse any extra
 * reference).
 */
static const struct era era_4_8 = { "4.8", "4.8", true,
	K(MMK_GUP_FORCE_WRITE_DROPPED_AFTER_COW, MMK_TOUCH_PMD_ALWAYS_DIRTY,
	  MMK_HUGETLB_REUSE_MAPCOUNT), NULL, NULL };
/*
 * A: 4.9 - 5.7.  io_uring (5.1) checks the VMAs of fixed buffers itself
 * until 6.4; before 5.14 it refused shmem too, which is not modelled.
 */
static const struct era era_5_7 = { "5.7", "5.7", true,
	K(MMK_FOLL_COW_DIRTY_CHECK, MMK_THP_FOLL_COW_CHECK, MMK_PIN_COUNTING,
	  MMK_KSM_REUSE_SINGLE_MAPPED, MMK_HUGETLB_REUSE_MAPCOUNT,
	  MMK_IOURING_FILE_ONLY_SHMEM_HUGETLB), NULL, NULL };
/* B: 5.8, the forced COW break in GUP. */
static const struct era era_5_8 = { "5.8", "5.8", true,
	K(MMK_GUP_FORCED_COW_BREAK, MMK_THP_COW_SPLIT), &era_5_7, NULL };
/* C: 5.9 - 5.17, refcount-based reuse of small pages, early COW at fork. */
static const struct era era_5_9 = { "5.9", "5.9", true,
	K(MMK_THP_COW_SPLIT, MMK_WP_REUSE_REFCOUNT, MMK_FORK_COPY_PINNED,
	  MMK_FORK_COPY_PINNED_FILE_TOO), &era_5_7,
	K(MMK_KSM_REUSE_SINGLE_MAPPED) };
/*
 * D: 5.18, "COW fixes part 1", with the 5.11, 5.12 and 5.16 changes before
 * it, among them MADV_POPULATE_(READ|WRITE) (5.14): era 5.9 is 5.9 itself,
 * where they are an unknown advice.
 */
static const struct era era_5_18 = { "5.18", "5.18", true,
	K(MMK_WRITE_PROTECT_SEQ, MMK_NO_SWAPCACHE_IF_PINNED, MMK_HUGETLB_MREMAP,
	  MMK_HUGETLB_MADV_DONTNEED,
	  MMK_CLEAR_REFS_SKIP_PINNED, MMK_FORK_COPY_PINNED_HUGETLB,
	  MMK_SWAPIN_REUSE_REFCOUNT, MMK_THP_WP_REUSE_REFCOUNT,
	  MMK_WP_REUSE_FREE_SWAPCACHE, MMK_MADV_POPULATE), &era_5_9, NULL };
/*
 * E: 5.19 - 6.1, PageAnonExclusive and unsharing of anon pages.  6.1 (and
 * 6.0's stable updates) round a hugetlb MADV_DONTNEED down: era 6.2 here.
 */
static const struct era era_5_19 = { "5.19", "5.19", true,
	K(MMK_ANON_EXCLUSIVE, MMK_UNSHARE_ANON, MMK_SWP_EXCLUSIVE_MARKER,
	  MMK_WRITE_PROTECT_SEQ_HUGETLB),
	&era_5_18, K(MMK_FORK_COPY_PINNED_FILE_TOO) };
/* F: 6.2 - 6.14, with 6.0's FOLL_FORCE and mprotect changes. */
static const struct era era_6_2 = { "6.2", "6.2", true,
	K(MMK_FORCE_WRITE_NEEDS_PAE, MMK_MPROTECT_UPGRADE_PAE,
	  MMK_UNSHARE_ANY_COW_LONGTERM, MMK_HUGETLB_NO_FORCE_WRITE,
	  MMK_KSM_UNMERGE_UNSHARE, MMK_MADV_COLLAPSE,
	  MMK_HUGETLB_DONTNEED_ROUND_DOWN), &era_5_19,
	K(MMK_FOLL_COW_DIRTY_CHECK, MMK_THP_FOLL_COW_CHECK) };
/*
 * G: 6.15 - 6.16.  Since 6.5 GUP's long-term rules alone decide which
 * file mappings io_uring may pin (34ed8d0dcd69 after 8ac268436e6d).  Since
 * 6.14 hugetlb takes FOLL_FORCE writes again, properly (a COW into a
 * read-only leaf), where 6.2 to 6.13 refused them (Linux 6.18, through
 * `mmfuzz diff`, does the write).
 */
static const struct era era_6_15 = { "6.15", "6.15", true,
	K(MMK_ZEROPAGE_PIN_NOOP, MMK_LONGTERM_WRITE_FILE_REFUSED,
	  MMK_ZEROPAGE_INSERT_SPECIAL, MMK_SWAPIN_WRITABLE_ON_READ,
	  MMK_LARGE_FOLIO_WP_REUSE, MMK_HUGETLB_FORCE_WRITE_COW), &era_6_2,
	K(MMK_IOURING_FILE_ONLY_SHMEM_HUGETLB, MMK_HUGETLB_NO_FORCE_WRITE) };
/*
 * H: 6.17 and later.  A MREMAP_FIXED move that does not resize may span
 * several VMAs (Linux 6.18, through `mmfuzz diff`, moves them).
 */
static const struct era era_6_17 = { "6.17", "6.17", true,
	K(MMK_MREMAP_MULTI_VMA), &era_6_15, NULL };
static const struct era era_current = { "current", "6.17", true, NULL,
	&era_6_17, NULL };

static const struct era *const eras[] = {
	&era_4_8, &era_5_7, &era_5_8, &era_5_9, &era_5_18, &era_5_19,
	&era_6_2, &era_6_15, &era_6_17, &era_current,
};

static const struct era *era_lookup(const char *name)
{
	for (size_t i = 0; i < sizeof(eras) / sizeof(eras[0]); i++)
		if (!strcmp(eras[i]->name, name))
			return eras[i];
	return NULL;
}

const char *mm_era_canonical(const char *name)
{
	const struct era *era = era_lookup(name);

	return era ? era->canonical : NULL;
}

static void era_apply(const struct era *era, struct mm_knobs *out)
{
	if (era->base)
		era_apply(era->base, out);
	for (const enum mm_knob *k = era->on; k && *k != MM_NR_KNOBS; k++)
		out->on[*k] = true;
	for (const enum mm_knob *k = era->off; k && *k != MM_NR_KNOBS; k++)
		out->on[*k] = false;
}

int mm_era_preset(const char *name, struct mm_knobs *out)
{
	const struct era *era = era_lookup(name);

	if (!era)
		return -ENOENT;
	if (!era->modelled)
		return -MM_ENOTMODELLED;
	memset(out, 0, sizeof(*out));
	era_apply(era, out);
	return 0;
}
