// SPDX-License-Identifier: MIT
/*
 * test_oracle.c - the view and reference oracles on their own.
 *
 * The buggy knobs must be caught by the model-independent oracles alone,
 * with every structural and fault check switched off: this is what shows
 * that the oracles see real, user-visible consequences and not just the
 * emulator's bookkeeping.  Each program passes with the knob off.
 */
#include <stdlib.h>
#include <string.h>

#include <errno.h>

#include "mmemu.h"
#include "mmrun.h"
#include "oracle.h"
#include "test.h"

/* Parse, check and run @text with only the checks in @mask. */
static enum run_outcome run_text(const char *text, unsigned int mask,
				 struct run_result *res)
{
	struct run_options opt = { .checks = mask };
	struct mm_error err;
	struct mm_prog p;
	enum run_outcome out;

	if (mm_prog_parse(text, strlen(text), &p, &err) ||
	    mm_prog_check(&p, false, &err)) {
		fprintf(stderr, "line %d: %s\n", err.line, err.msg);
		return RUN_ERROR;
	}
	out = mm_run_program(&p, &opt, res);
	mm_prog_free(&p);
	return out;
}

#define ORACLES_ONLY	(RUN_CHECK_VIEW | RUN_CHECK_REFERENCE)

/* Runs @body with and without "knob @name=on"; only the knob may fail. */
static bool caught_only_with_knob(const char *name, const char *body,
				  const char *cls)
{
	char text[2048];
	struct run_result res;

	ASSERT_EQ(run_text(body, RUN_CHECK_ALL, &res), RUN_OK);
	snprintf(text, sizeof(text), "knob %s=on\n%s", name, body);
	ASSERT_EQ(run_text(text, ORACLES_ONLY, &res), RUN_VIOLATION);
	ASSERT_STR_EQ(res.cls, cls);
	return true;
}

/* The parent's write after fork copies away from its pin: the device misses it. */
static bool test_fork_share_pinned_seen_by_reference(void)
{
	return caught_only_with_knob("fork_share_pinned",
		"p0 mmap r0 1p anon private rw\n"
		"p0 write r0\n"
		"p0 iouring g0 r0\n"
		"p0 fork p1\n"
		"p0 write r0\n"
		"g0 read\n", "pin-coherence");
}

/* cow.c T4: the mprotect upgrade reuses a page the child's pipe still reads. */
static bool test_mprotect_upgrade_mapcount_seen_by_reference(void)
{
	return caught_only_with_knob("mprotect_upgrade_mapcount",
		"p0 mmap r0 1p anon private rw\n"
		"p0 write r0\n"
		"p0 fork p1\n"
		"p1 vmsplice g0 r0\n"
		"p1 munmap r0\n"
		"p0 mprotect r0 r\n"
		"p0 mprotect r0 rw\n"
		"p0 write r0\n"
		"g0 read\n", "isolation");
}

/* cow.c T10: a R/O fast pin on a shared page misses the parent's write. */
static bool test_gup_fast_skip_unshare_seen_by_reference(void)
{
	return caught_only_with_knob("gup_fast_skip_unshare",
		"p0 mmap r0 1p anon private rw\n"
		"p0 write r0\n"
		"p0 fork p1\n"
		"p0 gup g0 r0 pin longterm fast\n"
		"p0 write r0\n"
		"g0 read\n", "pin-coherence");
}

/* The unshare copy is writable in a read-only mapping: a store goes through. */
static bool test_unshare_maps_writable_seen_by_view(void)
{
	return caught_only_with_knob("unshare_maps_writable",
		"p0 mmap r0 1p anon private rw\n"
		"p0 write r0\n"
		"p0 fork p1\n"
		"p0 mprotect r0 r\n"
		"p0 gup g0 r0 pin\n"
		"p0 write r0\n", "isolation");
}

/* The view oracle alone: fork copies, private writes stay private. */
static bool test_view_semantics(void)
{
	struct oracle_config cfg = { .era = "current" };
	struct oracle *o = oracle_create(&cfg);
	struct oracle_violation v;
	const uint64_t a = 0x100000000000ULL;

	oracle_mmap(o, 0, a, 4096, ORACLE_PROT_RW, false, -1, 0, false);
	oracle_write(o, 0, a, 5);
	oracle_fork(o, 0, 1);
	oracle_write(o, 0, a, 6);
	ASSERT_FALSE(oracle_check_view(o, 1, a, 5, &v));
	ASSERT_TRUE(oracle_check_view(o, 1, a, 6, &v));
	ASSERT_STR_EQ(v.id, "I1");
	oracle_dontneed(o, 0, a, 4096);
	ASSERT_FALSE(oracle_check_load(o, 0, a, 0, &v));
	ASSERT_TRUE(oracle_check_view(o, 0, a + 4096, 0, &v));	/* unmapped */
	oracle_destroy(o);
	return true;
}

/*
 * A zero range is wrong wherever the program says non-zero (a private
 * write, a file page, a page past the end of the file) or maps nothing;
 * right elsewhere, however long.  A private copy of a hugetlb file page
 * covers its whole huge page and freezes the file's content there.
 */
static bool test_view_zero_ranges(void)
{
	struct oracle_config cfg = { .era = "current" };
	struct oracle *o = oracle_create(&cfg);
	struct oracle_violation v;
	const uint64_t pg = 4096, a = 0x100000000000ULL, f = 0x100100000000ULL;

	oracle_mmap(o, 0, a, 64 * pg, ORACLE_PROT_RW, false, -1, 0, false);
	oracle_write(o, 0, a + 40 * pg, 7);
	ASSERT_FALSE(oracle_check_view_zero(o, 0, a, a + 40 * pg, &v));
	ASSERT_FALSE(oracle_check_view_zero(o, 0, a + 41 * pg, a + 64 * pg, &v));
	ASSERT_TRUE(oracle_check_view_zero(o, 0, a, a + 64 * pg, &v));
	ASSERT_EQ(v.addr, a + 40 * pg);
	ASSERT_TRUE(oracle_check_view_zero(o, 0, a + 41 * pg, a + 65 * pg, &v));
	ASSERT_EQ(v.addr, a + 64 * pg);				/* unmapped */

	/* A 2 MiB hugetlb file mapped privately: page 300 of the file holds 9. */
	oracle_file_create(o, 0, 512 * pg, 512 * pg);
	oracle_file_write(o, 0, 300, 9);
	oracle_mmap(o, 0, f, 512 * pg, ORACLE_PROT_RW, false, 0, 0, false);
	oracle_mark_hugetlb(o, 0, f, 512 * pg, 512 * pg);
	ASSERT_TRUE(oracle_check_view_zero(o, 0, f, f + 512 * pg, &v));
	ASSERT_EQ(v.addr, f + 300 * pg);
	/* The first private write copies the huge page: the file's 9 stays. */
	oracle_write(o, 0, f, 1);
	oracle_file_write(o, 0, 300, 10);
	oracle_file_write(o, 0, 301, 11);
	ASSERT_FALSE(oracle_check_view(o, 0, f + 300 * pg, 9, &v));
	ASSERT_FALSE(oracle_check_view_zero(o, 0, f + 301 * pg, f + 512 * pg, &v));
	ASSERT_TRUE(oracle_check_view(o, 0, f + 301 * pg, 11, &v));
	oracle_destroy(o);
	return true;
}

/*
 * A driver mapping: a page exists only where the driver inserted the
 * zeropage; a private write copies it, a shared one may never be written;
 * fork copies what was inserted.  A zero range over a page where nothing
 * was inserted is wrong, however long the range.
 */
static bool test_driver_view_semantics(void)
{
	struct oracle_config cfg = { .era = "current" };
	struct oracle *o = oracle_create(&cfg);
	struct oracle_violation v;
	const uint64_t a = 0x100000000000ULL, b = 0x100100000000ULL, pg = 4096;

	oracle_mmap_driver(o, 0, a, 32 * pg, ORACLE_PROT_RW, false, false);
	oracle_mmap_driver(o, 0, b, pg, ORACLE_PROT_R, true, true);
	ASSERT_FALSE(oracle_backed(o, 0, a));
	ASSERT_TRUE(oracle_check_view(o, 0, a, 0, &v));
	ASSERT_TRUE(strstr(v.msg, "inserted nothing") != NULL);
	oracle_insert_zeropage(o, 0, a, 16);
	oracle_insert_zeropage(o, 0, b, 1);
	ASSERT_TRUE(oracle_backed(o, 0, a + 15 * pg));
	ASSERT_FALSE(oracle_backed(o, 0, a + 16 * pg));
	ASSERT_TRUE(oracle_driver_zeropage(o, 0, a));
	ASSERT_FALSE(oracle_check_view_zero(o, 0, a, a + 16 * pg, &v));
	ASSERT_TRUE(oracle_check_view_zero(o, 0, a, a + 17 * pg, &v));
	ASSERT_EQ(v.addr, a + 16 * pg);
	ASSERT_TRUE(oracle_may_access(o, 0, a, true, false));
	ASSERT_FALSE(oracle_may_access(o, 0, b, true, true));
	ASSERT_TRUE(oracle_may_access(o, 0, b, false, false));
	oracle_write(o, 0, a, 5);
	ASSERT_FALSE(oracle_driver_zeropage(o, 0, a));
	oracle_fork(o, 0, 1);
	ASSERT_FALSE(oracle_check_view(o, 1, a, 5, &v));
	ASSERT_FALSE(oracle_check_view(o, 1, a + pg, 0, &v));
	ASSERT_FALSE(oracle_check_view(o, 1, b, 0, &v));
	oracle_dontneed(o, 1, a, pg);
	ASSERT_FALSE(oracle_backed(o, 1, a));
	ASSERT_TRUE(oracle_backed(o, 0, a));
	oracle_destroy(o);
	return true;
}

/*
 * A load that went through is judged too: a plain one where the program
 * made the page PROT_NONE, or any where nothing is mapped, is I1; a
 * /proc/self/mem read (FOLL_FORCE) of a PROT_NONE page may succeed, and so
 * may a plain one after mprotect gave the page back.
 */
static bool test_load_judged(void)
{
	struct oracle_config cfg = { .era = "current" };
	struct oracle *o = oracle_create(&cfg);
	struct oracle_violation v;
	const uint64_t a = 0x100000000000ULL, b = 0x100100000000ULL, pg = 4096;

	oracle_mmap(o, 0, a, 2 * pg, ORACLE_PROT_RW, false, -1, 0, false);
	ASSERT_FALSE(oracle_check_loaded(o, 0, a, false, &v));
	oracle_mprotect(o, 0, a, pg, ORACLE_PROT_NONE);
	ASSERT_TRUE(oracle_check_loaded(o, 0, a, false, &v));
	ASSERT_STR_EQ(v.cls, "isolation");
	ASSERT_STR_EQ(v.id, "I1");
	ASSERT_EQ(v.addr, a);
	ASSERT_FALSE(oracle_check_loaded(o, 0, a, true, &v));
	ASSERT_FALSE(oracle_check_loaded(o, 0, a + pg, false, &v));
	ASSERT_TRUE(oracle_check_loaded(o, 0, b, false, &v));
	ASSERT_TRUE(oracle_check_loaded(o, 0, b, true, &v));
	oracle_mprotect(o, 0, a, pg, ORACLE_PROT_R);
	ASSERT_FALSE(oracle_check_loaded(o, 0, a, false, &v));
	oracle_destroy(o);
	return true;
}

/* The reference oracle: a plain reference showing a foreign private write is P5. */
static bool test_reference_leak_is_p5(void)
{
	struct oracle_config cfg = { .era = "current" };
	struct oracle *o = oracle_create(&cfg);
	struct oracle_violation v;
	const uint64_t a = 0x100000000000ULL;

	oracle_mmap(o, 0, a, 4096, ORACLE_PROT_RW, false, -1, 0, false);
	oracle_write(o, 0, a, 5);
	oracle_fork(o, 0, 1);
	oracle_gup(o, 0, 1, a, 1, false, false, false);
	oracle_munmap(o, 1, a, 4096);
	oracle_write(o, 0, a, 6);
	oracle_statement_done(o);
	ASSERT_FALSE(oracle_check_handle(o, 0, 0, 5, &v));
	ASSERT_TRUE(oracle_check_handle(o, 0, 0, 6, &v));
	ASSERT_STR_EQ(v.cls, "isolation");
	ASSERT_STR_EQ(v.id, "P5");
	oracle_destroy(o);
	return true;
}

/* A long-term write pin must follow its owner's view while mapped. */
static bool test_reference_coherence(void)
{
	struct oracle_config cfg = { .era = "current" };
	struct oracle *o = oracle_create(&cfg);
	struct oracle_violation v;
	const uint64_t a = 0x100000000000ULL;

	oracle_mmap(o, 0, a, 4096, ORACLE_PROT_RW, false, -1, 0, false);
	oracle_write(o, 0, a, 5);
	oracle_gup(o, 0, 0, a, 1, true, true, true);
	oracle_write(o, 0, a, 6);
	oracle_statement_done(o);
	ASSERT_TRUE(oracle_check_handle(o, 0, 0, 5, &v));
	ASSERT_STR_EQ(v.cls, "pin-coherence");
	ASSERT_STR_EQ(v.id, "P1");
	ASSERT_FALSE(oracle_check_handle(o, 0, 0, 6, &v));
	oracle_munmap(o, 0, a, 4096);	/* the owner's own doing: no promise */
	ASSERT_FALSE(oracle_check_handle(o, 0, 0, 5, &v));
	oracle_destroy(o);
	return true;
}

/*
 * Before 6.11 (zeropage_insert_special off) a driver's zeropage in a
 * shared writable mapping is writable: a store to it is one the program
 * may not make, and a device write through a pin on it shows in every
 * process's zero pages.  Both pass with the 6.11 rule (EINVAL, SIGBUS).
 */
static bool test_driver_writable_zeropage_seen_by_view(void)
{
	static const char *const bodies[] = {
		"p0 mmap r0 1p anon private r\n"
		"p0 read r0\n"
		"p0 mmap r1 1p driver shared rw\n"
		"p0 insert-zeropage r1\n"
		"p0 write r1\n"		/* line 6 */
		"p0 read r0\n",
		"p0 mmap r0 1p anon private r\n"
		"p0 read r0\n"
		"p0 mmap r1 1p driver shared rw\n"
		"p0 insert-zeropage r1\n"
		"p0 gup g0 r1 pin write\n"
		"g0 write\n"			/* line 7 */
		"p0 read r0\n",
	};
	char text[512];
	struct run_result res;

	for (int i = 0; i < 2; i++) {
		snprintf(text, sizeof(text), "knob zeropage_insert_special=on\n%s",
			 bodies[i]);
		ASSERT_EQ(run_text(text, RUN_CHECK_ALL, &res), RUN_OK);
		snprintf(text, sizeof(text), "knob zeropage_insert_special=off\n%s",
			 bodies[i]);
		ASSERT_EQ(run_text(text, ORACLES_ONLY, &res), RUN_VIOLATION);
		ASSERT_STR_EQ(res.cls, "isolation");
		ASSERT_STR_EQ(res.id, "I1");
		ASSERT_EQ(res.line, 6 + i);
	}
	return true;
}

/*
 * The oracle's description of the eras and the emulator's presets are
 * written apart: for every era they must agree on each rule of meaning
 * and the knob that switches its behaviour on, and know the same eras
 * (program.md §5).
 */
static bool test_era_meaning_matches_presets(void)
{
	static const char *const spec_eras[] = {
		"4.8", "5.7", "5.8", "5.9", "5.18", "5.19", "6.2", "6.15",
		"6.17", "current",
	};
	size_t n = 0;

	for (const char *era; (era = oracle_era_name(n)); n++) {
		struct oracle_meaning m;
		struct mm_knobs k;
		int ret = mm_era_preset(era, &k);

		ASSERT_EQ(oracle_era_meaning(era, &m), 0);
		ASSERT_EQ(ret, 0);
		ASSERT_EQ(m.gup_breaks_cow, k.on[MMK_GUP_FORCED_COW_BREAK]);
		ASSERT_EQ(m.longterm_pin_snapshots,
			  k.on[MMK_UNSHARE_ANY_COW_LONGTERM]);
		ASSERT_EQ(m.hugetlb_force_write_refused,
			  k.on[MMK_HUGETLB_NO_FORCE_WRITE]);
		ASSERT_EQ(m.madv_populate, k.on[MMK_MADV_POPULATE]);
	}
	ASSERT_EQ(n, sizeof(spec_eras) / sizeof(spec_eras[0]));
	for (size_t i = 0; i < n; i++) {
		struct oracle_meaning m;

		ASSERT_EQ(oracle_era_meaning(spec_eras[i], &m), 0);
		ASSERT_TRUE(mm_era_canonical(spec_eras[i]) != NULL);
	}
	return true;
}

/* A knob override is no era: the oracle's meaning stays the era's. */
static bool test_knob_does_not_change_meaning(void)
{
	struct run_result res;

	/* 5.19 with the 6.2 unshare: the pin freezes a copy the file's
	 * later write does not reach, where 5.19 means the file's page. */
	ASSERT_EQ(run_text("era 5.19\n"
			   "knob unshare_any_cow_longterm=on\n"
			   "file f0 memfd 1p\n"
			   "p0 mmap r0 1p f0 private r\n"
			   "p0 gup g0 r0 pin longterm\n"
			   "f0 write\n"
			   "p0 read r0\n", ORACLES_ONLY, &res), RUN_VIOLATION);
	ASSERT_STR_EQ(res.id, "I1");
	ASSERT_EQ(oracle_create(&(struct oracle_config){ .era = "nosuch" }) ==
		  NULL, 1);
	return true;
}

/*
 * hugetlb: a failed fault is the pool's doing only where the pool may be
 * dry, or where a mapping inherited by fork may have lost its page to the
 * owner while it was; a mapping of the process's own with pages to spare
 * must not fail.
 */
static bool test_hugetlb_refused(void)
{
	struct oracle_config cfg = { .era = "current", .hugetlb_2m = 3 };
	struct oracle *o = oracle_create(&cfg);
	struct oracle_violation v;
	const uint64_t a = 0x100000000000ULL, b = 0x100100000000ULL;
	const uint64_t h = 2ULL << 20;

	oracle_mmap(o, 0, a, h, ORACLE_PROT_RW, false, -1, 0, false);
	oracle_mark_hugetlb(o, 0, a, h, h);
	oracle_write(o, 0, a, 1);
	oracle_statement_done(o);
	/* One page of three held: the owner's fault may not fail. */
	ASSERT_TRUE(oracle_check_refused(o, 0, a, true, false, "EFAULT", &v));
	ASSERT_STR_EQ(v.id, "I1");
	oracle_fork(o, 0, 1);
	oracle_statement_done(o);
	ASSERT_TRUE(oracle_check_refused(o, 1, a, false, true, "EFAULT", &v));
	/* A third mapping: the pool may be dry, p1 may have lost its page. */
	oracle_mmap(o, 0, b, h, ORACLE_PROT_RW, false, -1, 0, false);
	oracle_mark_hugetlb(o, 0, b, h, h);
	oracle_statement_done(o);
	ASSERT_FALSE(oracle_check_refused(o, 0, a, true, false, "EFAULT", &v));
	oracle_munmap(o, 0, b, h);
	oracle_statement_done(o);
	/* Pages to spare again: only the inherited mapping stays lost. */
	ASSERT_FALSE(oracle_check_refused(o, 1, a, false, true, "EFAULT", &v));
	ASSERT_TRUE(oracle_check_refused(o, 0, a, true, false, "EFAULT", &v));
	/* Nothing mapped there any more: nothing to judge. */
	ASSERT_FALSE(oracle_check_refused(o, 0, b, true, false, "SIGSEGV", &v));
	oracle_destroy(o);
	return true;
}

/*
 * A private hugetlb file mapping's first touch of a hole of the file gives
 * it a zeroed page of its own (later writes to the file do not show); where
 * a shared mapping touched first, the file has the page and it follows the
 * file.  A punched huge page is a hole again.
 */
static bool test_hugetlb_private_hole(void)
{
	struct oracle_config cfg = { .era = "current" };
	struct oracle *o = oracle_create(&cfg);
	struct oracle_violation v;
	const uint64_t a = 0x100000000000ULL, h = 2ULL << 20;
	const uint64_t s = a + 4 * h, b = a + 8 * h;

	oracle_file_create(o, 0, 2 * h, h);
	oracle_mmap(o, 0, a, 2 * h, ORACLE_PROT_RW, false, 0, 0, false);
	oracle_mark_hugetlb(o, 0, a, 2 * h, h);
	oracle_mmap(o, 0, s, 2 * h, ORACLE_PROT_RW, true, 0, 0, false);
	oracle_mark_hugetlb(o, 0, s, 2 * h, h);
	oracle_mmap(o, 0, b, 2 * h, ORACLE_PROT_RW, false, 0, 0, false);
	oracle_mark_hugetlb(o, 0, b, 2 * h, h);
	oracle_touch(o, 0, a, 1);		/* a hole: its own page */
	oracle_touch(o, 0, s + h, 1);	/* the file's second page */
	oracle_touch(o, 0, a + h + 4096, 1);
	oracle_write(o, 0, s, 5);
	oracle_write(o, 0, s + h, 6);
	ASSERT_FALSE(oracle_check_load(o, 0, a, 0, &v));
	ASSERT_TRUE(oracle_check_load(o, 0, a, 5, &v));
	ASSERT_FALSE(oracle_check_load(o, 0, a + h, 6, &v));
	/* b was not touched: it follows the file. */
	ASSERT_FALSE(oracle_check_load(o, 0, b, 5, &v));
	oracle_touch(o, 0, b, 1);
	oracle_write(o, 0, s, 7);
	ASSERT_FALSE(oracle_check_load(o, 0, b, 7, &v));
	oracle_remove(o, 0, s, 2 * h);		/* holes again */
	oracle_touch(o, 0, b + h, 1);
	oracle_write(o, 0, s + h, 8);
	ASSERT_FALSE(oracle_check_load(o, 0, b + h, 0, &v));
	ASSERT_FALSE(oracle_check_load(o, 0, a + h, 8, &v));
	oracle_destroy(o);
	return true;
}

/*
 * A process forked from one whose hugetlb page may have been taken sees
 * a first touch there: the file's page is known hugetlb-cow-lost, any
 * other value a violation.
 */
static bool test_hugetlb_cow_lost(void)
{
	struct oracle_config cfg = { .era = "current", .hugetlb_2m = 2 };
	struct oracle *o = oracle_create(&cfg);
	struct oracle_violation v;
	const uint64_t a = 0x100000000000ULL, h = 2ULL << 20;

	oracle_file_create(o, 0, h, h);
	oracle_file_write(o, 0, 0, 7);
	oracle_mmap(o, 0, a, h, ORACLE_PROT_RW, false, 0, 0, false);
	oracle_mark_hugetlb(o, 0, a, h, h);
	oracle_write(o, 0, a, 1);
	oracle_fork(o, 0, 1);
	oracle_statement_done(o);
	oracle_fork(o, 1, 2);
	oracle_fork(o, 0, 3);	/* the owner's child lost nothing */
	ASSERT_TRUE(oracle_check_load(o, 2, a, 7, &v));
	ASSERT_STR_EQ(v.cls, "known");
	ASSERT_STR_EQ(v.id, "hugetlb-cow-lost");
	ASSERT_TRUE(oracle_check_load(o, 2, a, 8, &v));
	ASSERT_STR_EQ(v.id, "I1");
	ASSERT_TRUE(oracle_check_load(o, 1, a, 7, &v));
	ASSERT_STR_EQ(v.id, "I1");
	ASSERT_TRUE(oracle_check_load(o, 3, a, 7, &v));
	ASSERT_STR_EQ(v.id, "I1");
	oracle_destroy(o);
	return true;
}

/* A plain reference on a private hugetlb page: the leak is the known one. */
static bool test_hugetlb_vmsplice(void)
{
	struct oracle_config cfg = { .era = "current", .hugetlb_2m = 64 };
	struct oracle *o = oracle_create(&cfg);
	struct oracle_violation v;
	const uint64_t a = 0x100000000000ULL, h = 2ULL << 20;

	oracle_mmap(o, 0, a, h, ORACLE_PROT_RW, false, -1, 0, false);
	oracle_mark_hugetlb(o, 0, a, h, h);
	oracle_write(o, 0, a, 5);
	oracle_fork(o, 0, 1);
	oracle_gup(o, 0, 1, a, 1, false, false, false);
	oracle_gup(o, 1, 1, a, 1, true, false, false);
	oracle_munmap(o, 1, a, h);
	oracle_write(o, 0, a, 6);
	oracle_statement_done(o);
	ASSERT_TRUE(oracle_check_handle(o, 0, 0, 6, &v));
	ASSERT_STR_EQ(v.cls, "known");
	ASSERT_STR_EQ(v.id, "hugetlb-vmsplice");
	ASSERT_TRUE(oracle_check_handle(o, 1, 0, 6, &v));	/* a pin */
	ASSERT_STR_EQ(v.id, "I2");
	oracle_destroy(o);
	return true;
}

static const struct test tests[] = {
	TEST(test_fork_share_pinned_seen_by_reference),
	TEST(test_mprotect_upgrade_mapcount_seen_by_reference),
	TEST(test_gup_fast_skip_unshare_seen_by_reference),
	TEST(test_unshare_maps_writable_seen_by_view),
	TEST(test_driver_writable_zeropage_seen_by_view),
	TEST(test_view_semantics),
	TEST(test_view_zero_ranges),
	TEST(test_driver_view_semantics),
	TEST(test_load_judged),
	TEST(test_reference_leak_is_p5),
	TEST(test_reference_coherence),
	TEST(test_era_meaning_matches_presets),
	TEST(test_knob_does_not_change_meaning),
	TEST(test_hugetlb_refused),
	TEST(test_hugetlb_private_hole),
	TEST(test_hugetlb_cow_lost),
	TEST(test_hugetlb_vmsplice),
	{ 0 },
};

int main(void)
{
	return run_tests(tests);
}
