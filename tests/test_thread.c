/* SPDX-License-Identifier: MIT */
/*
 * test_thread.c - stepwise statements (program.md §3; runner/thread.c,
 * emu/sched.c): where a thread stops, what `tN step` and `tN finish` run,
 * the order in which the program's end finishes threads, waiting for the
 * mmap lock, and the error for a statement that would have to wait.
 * The runner's trace shows every stop of a thread ("  tN: WHERE").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmprog.h"
#include "mmrun.h"
#include "test.h"

struct outcome {
	enum run_outcome outcome;
	struct run_result res;
	char trace[4096];		/* the thread lines of the trace */
};

/* Run @text (checked strictly); keep the lines about threads. */
static bool run_text(const char *text, bool decoded, struct outcome *o)
{
	struct run_options opt = { .decoded = decoded };
	struct mm_error err;
	struct mm_prog p;
	char line[256];
	FILE *f = tmpfile();

	memset(o, 0, sizeof(*o));
	if (!f)
		return false;
	if (mm_prog_parse(text, strlen(text), &p, &err) ||
	    mm_prog_check(&p, false, &err)) {
		fprintf(stderr, "line %d: %s\n", err.line, err.msg);
		fclose(f);
		return false;
	}
	opt.trace = f;
	o->outcome = mm_run_program(&p, &opt, &o->res);
	mm_prog_free(&p);
	rewind(f);
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "  t", 3))
			strncat(o->trace, line + 2,
				sizeof(o->trace) - strlen(o->trace) - 1);
	fclose(f);
	return true;
}

#define RUN(text, decoded, o) ASSERT_TRUE(run_text((text), (decoded), (o)))

/* A forced write stops after each lookup and each fault; step and finish. */
static bool test_step_and_finish(void)
{
	struct outcome o;

	RUN("file f0 tmpfile 1p\n"
	    "p0 mmap r0 1p f0 private r\n"
	    "p0 memwrite r0 @t0\n"
	    "t0 step\n"
	    "p0 read r0\n"		/* another reader: no wait */
	    "t0 finish\n"
	    "t0 finish\n"		/* finished already: nothing */
	    "p0 read r0\n", false, &o);
	ASSERT_EQ(o.outcome, RUN_OK);
	ASSERT_EQ(o.res.nr_statements, 8);
	ASSERT_STR_EQ(o.trace,
		      "t0: gup: after the page lookup\n"	/* start */
		      "t0: gup: after the fault\n"		/* step */
		      "t0: gup: after the page lookup\n"	/* finish */
		      "t0: finished\n");
	return true;
}

/*
 * A waiting thread is stepped by finishing the holder first; a thread of
 * another process runs while one is parked.
 */
static bool test_lock_waiting(void)
{
	struct outcome o;

	RUN("p0 mmap r0 2p anon private rw\n"
	    "p0 write r0\n"
	    "p0 fork p1 @t0\n"		/* stops at the first entry */
	    "p0 munmap r0+1p @t1\n"	/* needs p0's lock: waits */
	    "p0 mmap r1 1p anon private rw\n"
	    "t1 step\n"			/* t0 first, then t1 takes the lock */
	    "p1 read r0\n", false, &o);
	/* p0 mmap without @tN would wait: an error at its line. */
	ASSERT_EQ(o.outcome, RUN_ERROR);
	ASSERT_EQ(o.res.line, 5);
	ASSERT_TRUE(strstr(o.res.msg, "would wait for an mmap lock"));

	RUN("p0 mmap r0 2p anon private rw\n"
	    "p0 write r0\n"
	    "p0 mmap r2 1p anon private rw\n"
	    "p0 fork p2\n"
	    "p0 fork p1 @t0\n"
	    "p0 munmap r0+1p @t1\n"
	    "p2 write r2\n"		/* another process: runs */
	    "t1 step\n"
	    "p1 read r0\n"
	    "p0 read r0:1p\n", false, &o);
	ASSERT_EQ(o.outcome, RUN_OK);
	ASSERT_STR_EQ(o.trace,
		      "t0: fork: entry shared, the parent's still writable\n"
		      "t1: waiting for the mmap lock\n"
		      "t0: fork: after installing the child's entry\n"
		      "t0: fork: entry shared, the parent's still writable\n"
		      "t0: fork: after installing the child's entry\n"
		      "t0: finished\n"
		      "t1: finished\n");
	return true;
}

/* Unfinished threads finish at the end in the order they were started. */
static bool test_end_finishes_in_start_order(void)
{
	struct outcome o;

	RUN("file f0 tmpfile 2p\n"
	    "p0 mmap r0 2p f0 private r\n"
	    "p0 memread r0+1p:1p @t5\n"
	    "p0 memread r0:1p @t2\n", false, &o);
	ASSERT_EQ(o.outcome, RUN_OK);
	ASSERT_STR_EQ(o.trace,
		      "t5: gup: after the page lookup\n"
		      "t2: gup: after the page lookup\n"
		      /* the end of the program: t5 first */
		      "t5: gup: after the fault\n"
		      "t5: gup: after the page lookup\n"
		      "t5: finished\n"
		      "t2: gup: after the fault\n"
		      "t2: gup: after the page lookup\n"
		      "t2: finished\n");
	return true;
}

/*
 * A statement without @tN that would wait is an error in a program,
 * skipped in decoded fuzz input; GUP-fast waits only when it must fall
 * back to the slow path.
 */
static bool test_waiting_statement_refused(void)
{
	static const char *const text =
		"era 5.9\n"
		"p0 mmap r0 1p anon private rw\n"
		"p0 write r0\n"
		"p0 fork p1 @t0\n"
		"p0 gup g0 r0 get fast\n"	/* lockless: goes through */
		"p0 gup g1 r0 get\n"		/* slow path: would wait */
		"t0 finish\n"
		"p0 write r0\n";
	struct outcome o;

	RUN(text, false, &o);
	ASSERT_EQ(o.outcome, RUN_ERROR);
	ASSERT_EQ(o.res.line, 6);
	ASSERT_STR_EQ(o.res.stmt, "p0 gup g1 r0 get");
	/* The run stopped, and the fork was finished all the same. */
	ASSERT_TRUE(strstr(o.trace, "t0: finished\n"));

	RUN(text, true, &o);
	ASSERT_EQ(o.outcome, RUN_OK);
	ASSERT_EQ(o.res.nr_statements, 7);

	/* A pin from 5.11 sees the fork at work and falls back: it waits. */
	RUN("era 5.18\n"
	    "p0 mmap r0 1p anon private rw\n"
	    "p0 write r0\n"
	    "p0 fork p1 @t0\n"
	    "p0 gup g0 r0 pin write fast\n", false, &o);
	ASSERT_EQ(o.outcome, RUN_ERROR);
	ASSERT_EQ(o.res.line, 5);
	return true;
}

/* Threads named wrongly: an error in a program, skipped when decoded. */
static bool test_thread_names(void)
{
	struct outcome o;

	RUN("p0 mmap r0 1p anon private rw\n"
	    "t3 step\n", false, &o);
	ASSERT_EQ(o.outcome, RUN_ERROR);
	ASSERT_EQ(o.res.line, 2);
	ASSERT_TRUE(strstr(o.res.msg, "t3 was never started"));
	RUN("p0 mmap r0 1p anon private rw\n"
	    "t3 step\n", true, &o);
	ASSERT_EQ(o.outcome, RUN_OK);

	RUN("file f0 tmpfile 1p\n"
	    "p0 mmap r0 1p f0 private r\n"
	    "p0 memread r0 @t1\n"
	    "p0 memread r0 @t1\n", false, &o);
	ASSERT_EQ(o.outcome, RUN_ERROR);
	ASSERT_EQ(o.res.line, 4);
	ASSERT_TRUE(strstr(o.res.msg, "t1 is still running"));

	/*
	 * The handle a parked GUP fills is taken: another gup of it fails
	 * (EINVAL), a put finds nothing to release; the pin lands once.
	 */
	RUN("p0 mmap r0 1p anon private rw\n"
	    "p0 gup g0 r0 pin write @t0\n"
	    "g0 put\n"
	    "p0 gup g0 r0 get\n"
	    "t0 finish\n"
	    "g0 read\n"
	    "p0 exit @t1\n", false, &o);
	ASSERT_EQ(o.outcome, RUN_OK);

	/*
	 * What a thread checked before it waited is checked again once it
	 * has the lock: the fork's child slot was taken meanwhile.
	 */
	RUN("p0 mmap r0 1p anon private rw\n"
	    "p0 write r0\n"
	    "p0 memread r0 @t0\n"	/* holds the read lock */
	    "p0 fork p1 @t1\n"		/* waits */
	    "t0 finish\n"		/* t1 still waits: the lock is free */
	    "p1 exit\n"		/* ESRCH: no fork happened yet */
	    "p0 fork p1\n"
	    "t1 finish\n"		/* EINVAL: p1 exists */
	    "p1 read r0\n", false, &o);
	ASSERT_EQ(o.outcome, RUN_OK);
	ASSERT_TRUE(strstr(o.trace, "t1: waiting for the mmap lock\nt0: "));

	/* The child of a fork that fails goes: its waiting thread gets ESRCH. */
	RUN("config hugetlb=2m:1\n"
	    "p0 mmap r0 1p anon private rw\n"
	    "p0 write r0\n"
	    "p0 mmap r1 2m anon private rw hugetlb\n"
	    "p0 write r1:1p\n"
	    "p0 gup g0 r1:1p pin write longterm\n"	/* fork must copy it */
	    "p0 fork p1 @t0\n"		/* stops at r0's entry */
	    "p1 read r0 @t1\n"		/* waits for the fork */
	    "t0 finish\n"		/* no huge page for the copy: ENOMEM */
	    "t1 finish\n", false, &o);
	ASSERT_EQ(o.outcome, RUN_OK);
	ASSERT_STR_EQ(o.trace,
		      "t0: fork: entry shared, the parent's still writable\n"
		      "t1: waiting for the mmap lock\n"
		      "t0: fork: after installing the child's entry\n"
		      "t0: finished\n"
		      "t1: finished\n");

	/* A finished thread's name may be used again. */
	RUN("file f0 tmpfile 1p\n"
	    "p0 mmap r0 1p f0 private r\n"
	    "p0 memread r0 @t1\n"
	    "t1 finish\n"
	    "p0 memread r0 @t1\n", false, &o);
	ASSERT_EQ(o.outcome, RUN_OK);
	return true;
}

/*
 * The structural checks wait while a thread is in the middle: GUP-fast's
 * transient reference is no accounting error; they run once it is done.
 */
static bool test_checks_wait_for_threads(void)
{
	struct outcome o;

	RUN("p0 mmap r0 1p anon private rw\n"
	    "p0 write r0\n"
	    "p0 gup g0 r0 pin write fast @t0\n"
	    "t0 step\n"			/* the pin is taken, not recorded */
	    "p0 read r0\n"
	    "t0 finish\n"
	    "g0 read\n", false, &o);
	ASSERT_EQ(o.outcome, RUN_OK);
	ASSERT_STR_EQ(o.trace,
		      "t0: gup-fast: after reading the entry\n"
		      "t0: gup-fast: after taking the reference\n"
		      "t0: finished\n");
	return true;
}

/*
 * A thread's loads are judged when they happen and reported when it
 * completes: a page read before another statement changed it is right.
 */
static bool test_loads_judged_when_loaded(void)
{
	struct outcome o;

	RUN("file f0 tmpfile 2p\n"
	    "f0 write =5\n"
	    "p0 mmap r0 2p f0 shared r\n"
	    "p0 memread r0 @t0\n"	/* stops before loading page 0 */
	    "t0 step\n"
	    "t0 step\n"
	    "t0 step\n"		/* page 0 loaded, page 1 looked up */
	    "f0 write :1p =6\n"
	    "t0 finish\n", false, &o);
	ASSERT_EQ(o.outcome, RUN_OK);
	/* Page 0's fault mapped page 1 too (fault-around): no second fault. */
	ASSERT_STR_EQ(o.trace,
		      "t0: gup: after the page lookup\n"
		      "t0: gup: after the fault\n"
		      "t0: gup: after the page lookup\n"
		      "t0: gup: after the page lookup\n"
		      "t0: finished\n");
	return true;
}

/*
 * Collapse stops with the old pages isolated and the PMD not installed:
 * GUP-fast finds no entry and waits for the lock in the slow path.  A
 * collapse that waited for the lock looks at the pages again: a pin
 * taken meanwhile makes it give up.
 */
static bool test_collapse(void)
{
	struct outcome o;

	RUN("config thp=never\n"
	    "p0 mmap r0 2m anon private rw\n"
	    "p0 write r0\n"
	    "p0 madvise r0 collapse @t0\n"
	    "p0 gup g0 r0:1p pin write fast @t1\n"
	    "t1 finish\n"
	    "p0 write r0:1p\n"
	    "g0 read\n", false, &o);
	ASSERT_EQ(o.outcome, RUN_OK);
	ASSERT_STR_EQ(o.trace,
		      "t0: collapse: old pages isolated, PMD not installed\n"
		      "t1: waiting for the mmap lock\n"
		      "t0: finished\n"
		      "t1: gup: after the page lookup\n"
		      "t1: finished\n");

	RUN("config thp=never\n"
	    "p0 mmap r0 2m anon private rw\n"
	    "p0 write r0+1p\n"
	    "p0 gup g0 r0:1p pin write @t1\n"	/* lock held, no pin yet */
	    "p0 madvise r0 collapse @t0\n"	/* waits to write-lock */
	    "t0 finish\n"
	    "p0 write r0:1p\n"
	    "g0 read\n", false, &o);
	ASSERT_EQ(o.outcome, RUN_OK);
	ASSERT_STR_EQ(o.trace,
		      "t1: gup: after the page lookup\n"
		      "t0: waiting for the mmap lock\n"
		      "t1: gup: after the fault\n"
		      "t1: gup: after the page lookup\n"
		      "t1: finished\n"
		      "t0: finished\n");
	return true;
}

/*
 * Two threads exiting the same process do not wait for each other: the
 * first takes the mm down, the second finds it gone.  (They once did,
 * the end of the program gave up finishing, and the operations still
 * stopped leaked their references.)
 */
static bool test_two_exits(void)
{
	struct outcome o;

	RUN("p0 mmap r2 2p anon private rw\n"
	    "p0 fork p2\n"
	    "p0 write r2\n"
	    "p0 fork p1\n"
	    "p0 memwrite r2 @t0\n"
	    "p0 exit @t4\n"
	    "p2 exit\n"
	    "p1 fork p2 @t2\n"
	    "p2 fork p0 @t4\n"
	    "p0 exit @t5\n", true, &o);
	ASSERT_EQ(o.outcome, RUN_OK);
	ASSERT_TRUE(strstr(o.trace, "t4: finished\n"));
	ASSERT_TRUE(strstr(o.trace, "t2: finished\n"));
	return true;
}

/*
 * madvise that changes VMA flags takes the mmap lock for writing, as the
 * kernel's madvise_need_mmap_write() says: it waits for a stopped GUP
 * (which holds the VMA it looked up), while MADV_DONTNEED does not.
 */
static bool test_madvise_lock_modes(void)
{
	struct outcome o;

	RUN("p0 mmap r0 2p anon private rw\n"
	    "p0 write r0\n"
	    "p0 gup g0 r0 pin @t0\n"
	    "p0 madvise r0+1p:1p dontfork\n", false, &o);
	ASSERT_EQ(o.outcome, RUN_ERROR);
	ASSERT_EQ(o.res.line, 4);
	ASSERT_TRUE(strstr(o.res.msg, "would wait for an mmap lock"));
	RUN("p0 mmap r0 2p anon private rw\n"
	    "p0 write r0\n"
	    "p0 gup g0 r0 pin @t0\n"
	    "p0 madvise r0+1p:1p dontneed\n", false, &o);
	ASSERT_EQ(o.outcome, RUN_OK);
	return true;
}

static const struct test tests[] = {
	TEST(test_step_and_finish),
	TEST(test_lock_waiting),
	TEST(test_end_finishes_in_start_order),
	TEST(test_waiting_statement_refused),
	TEST(test_thread_names),
	TEST(test_checks_wait_for_threads),
	TEST(test_loads_judged_when_loaded),
	TEST(test_collapse),
	TEST(test_two_exits),
	TEST(test_madvise_lock_modes),
	{ 0 },
};

int main(void)
{
	return run_tests(tests);
}
