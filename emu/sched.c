// SPDX-License-Identifier: MIT
/*
 * sched.c - stepwise operations (program.md §3): a statement that carries
 * @tN runs as a cooperative thread with a stack of its own, and stops
 * where the kernel could be preempted or retry (mm_yield()).  The
 * operations stay straight-line code, as in the kernel; only the places
 * that matter for a race call mm_yield(), which does nothing outside a
 * thread.  Nothing runs concurrently: the caller decides which thread
 * runs next, one slice at a time, and the run stays deterministic.
 *
 * The mmap lock is modelled as the kernel's rwsem, owned by threads: a
 * thread takes it when its operation starts and holds it until the
 * operation ends.  An operation that is not a thread never stops, so it
 * only has to find the lock free; one that would have to wait is refused
 * with -MM_EWOULDWAIT before it changes anything.
 *
 * Divergence: the kernel drops and retakes the mmap lock inside some
 * operations (a fault that retries, GUP's slow path around a blocking
 * fault); here a thread holds it from the start of its operation to the
 * end, and takes it only at the start (GUP-fast when it falls back).
 */
#define _GNU_SOURCE	/* ucontext: makecontext(), setcontext() */
#include "internal.h"

#include <ucontext.h>

/* AddressSanitizer must be told when the stack changes under it. */
#if defined(__SANITIZE_ADDRESS__)
#define MM_ASAN_FIBERS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MM_ASAN_FIBERS 1
#endif
#endif
#ifdef MM_ASAN_FIBERS
#include <sanitizer/common_interface_defs.h>
#endif

/* Deep enough for any operation of the model, sanitized. */
#define THREAD_STACK_SIZE	(1u << 20)

enum thread_state { THREAD_FREE, THREAD_RUNNABLE, THREAD_WAITING,
		    THREAD_DONE };

struct mm_thread {
	enum thread_state state;
	int pid;			/* the process it runs in */
	mm_thread_fn fn;
	void *arg;
	const char *where;		/* the yield point it stopped at */
	/* mmap locks held: bit pid of the mm */
	unsigned int read_locked, write_locked;
	/* THREAD_WAITING: the lock it waits for */
	int wait_pid;
	enum mmap_lock_mode wait_mode;
	ucontext_t ctx;
	void *stack;
	void *fake_stack;		/* ASan's, while switched away */
};

struct mm_sched {
	struct mm_thread threads[NR_THREADS];
	int current;			/* the running thread, -1: none */
	ucontext_t caller;		/* where mm_thread_run() came from */
	const void *caller_stack;	/* its bounds, for ASan */
	size_t caller_stack_size;
	void *caller_fake_stack;
};

static struct mm_sched *sched_of(struct world *w)
{
	if (!w->sched) {
		w->sched = kzalloc(w, sizeof(*w->sched));
		w->sched->current = -1;
	}
	return w->sched;
}

static struct mm_thread *current_thread(const struct world *w)
{
	if (!w->sched || w->sched->current < 0)
		return NULL;
	return &w->sched->threads[w->sched->current];
}

static bool thread_unfinished(const struct mm_thread *t)
{
	return t->state == THREAD_RUNNABLE || t->state == THREAD_WAITING;
}

/* ------------------------------------------------------------------ */
/* Switching stacks.                                                    */

/*
 * swapcontext() as getcontext() + setcontext(): AddressSanitizer's
 * swapcontext interceptor warns on every run, and the annotations below
 * already tell it what it needs to know.  getcontext() returns a second
 * time when @from is resumed.
 */
static void switch_context(ucontext_t *from, const ucontext_t *to)
{
	volatile bool resumed = false;

	if (getcontext(from))
		abort();
	if (!resumed) {
		resumed = true;
		setcontext(to);
		abort();	/* setcontext() returns only on failure */
	}
}

/* From the thread back to mm_thread_run()'s caller; @exiting: for good. */
static void switch_to_caller(struct mm_sched *s, struct mm_thread *t,
			     bool exiting)
{
#ifdef MM_ASAN_FIBERS
	__sanitizer_start_switch_fiber(exiting ? NULL : &t->fake_stack,
				       s->caller_stack, s->caller_stack_size);
#else
	(void)exiting;
#endif
	switch_context(&t->ctx, &s->caller);
#ifdef MM_ASAN_FIBERS
	__sanitizer_finish_switch_fiber(t->fake_stack, &s->caller_stack,
					&s->caller_stack_size);
#endif
}

static void switch_to_thread(struct mm_sched *s, struct mm_thread *t)
{
#ifdef MM_ASAN_FIBERS
	__sanitizer_start_switch_fiber(&s->caller_fake_stack, t->stack,
				       THREAD_STACK_SIZE);
#endif
	switch_context(&s->caller, &t->ctx);
#ifdef MM_ASAN_FIBERS
	__sanitizer_finish_switch_fiber(s->caller_fake_stack, NULL, NULL);
#endif
}

/*
 * The thread's first frame.  makecontext() passes int arguments only, so
 * the world comes in two halves.
 */
static void thread_main(unsigned int hi, unsigned int lo)
{
	struct world *w = (struct world *)(((uintptr_t)hi << 32) | lo);
	struct mm_sched *s = w->sched;
	struct mm_thread *t = &s->threads[s->current];

#ifdef MM_ASAN_FIBERS
	__sanitizer_finish_switch_fiber(NULL, &s->caller_stack,
					&s->caller_stack_size);
#endif
	t->fn(t->arg);
	/* The operation is over: its locks go with it. */
	t->read_locked = t->write_locked = 0;
	t->state = THREAD_DONE;
	t->where = "finished";
	switch_to_caller(s, t, true);
	mm_bug(w, __FILE__, __LINE__, "a finished thread was resumed", NULL);
}

/* ------------------------------------------------------------------ */
/* The caller's side.                                                   */

int mm_thread_start(struct world *w, int tid, int pid, mm_thread_fn fn,
		    void *arg)
{
	struct mm_sched *s = sched_of(w);
	struct mm_thread *t;
	uintptr_t wp = (uintptr_t)w;

	if (tid < 0 || tid >= NR_THREADS || s->current >= 0)
		return -EINVAL;
	t = &s->threads[tid];
	if (thread_unfinished(t))
		return -EBUSY;
	kfree(w, t->stack);
	memset(t, 0, sizeof(*t));
	t->stack = kmalloc(w, THREAD_STACK_SIZE);	/* not zeroed: it is a stack */
	t->pid = pid;
	t->fn = fn;
	t->arg = arg;
	t->state = THREAD_RUNNABLE;
	t->where = "not started";
	if (getcontext(&t->ctx))
		mm_bug(w, __FILE__, __LINE__, "getcontext failed", NULL);
	t->ctx.uc_stack.ss_sp = t->stack;
	t->ctx.uc_stack.ss_size = THREAD_STACK_SIZE;
	t->ctx.uc_link = NULL;
	makecontext(&t->ctx, (void (*)(void))thread_main, 2,
		    (unsigned int)(wp >> 32), (unsigned int)wp);
	return mm_thread_run(w, tid);
}

int mm_thread_run(struct world *w, int tid)
{
	struct mm_sched *s = sched_of(w);
	struct mm_thread *t;

	if (tid < 0 || tid >= NR_THREADS || s->current >= 0)
		return -EINVAL;
	t = &s->threads[tid];
	if (!thread_unfinished(t))
		return 0;
	s->current = tid;
	switch_to_thread(s, t);
	s->current = -1;
	if (t->state == THREAD_DONE) {
		kfree(w, t->stack);
		t->stack = NULL;
		return 0;
	}
	return 1;
}

bool mm_thread_unfinished(const struct world *w, int tid)
{
	if (!w->sched || tid < 0 || tid >= NR_THREADS)
		return false;
	return thread_unfinished(&w->sched->threads[tid]);
}

const char *mm_thread_where(const struct world *w, int tid)
{
	if (!mm_thread_unfinished(w, tid))
		return "not running";
	return w->sched->threads[tid].where;
}

bool mm_threads_idle(const struct world *w)
{
	for (int tid = 0; w->sched && tid < NR_THREADS; tid++)
		if (thread_unfinished(&w->sched->threads[tid]))
			return false;
	return true;
}

void sched_destroy(struct world *w)
{
	if (!w->sched)
		return;
	for (int tid = 0; tid < NR_THREADS; tid++)
		kfree(w, w->sched->threads[tid].stack);
	kfree(w, w->sched);
	w->sched = NULL;
}

/* ------------------------------------------------------------------ */
/* Yield points.                                                        */

bool mm_in_thread(const struct world *w)
{
	return current_thread(w) != NULL;
}

void mm_yield(struct world *w, const char *why)
{
	struct mm_thread *t = current_thread(w);

	if (!t)
		return;
	t->where = why;
	switch_to_caller(w->sched, t, false);
	/* mm_thread_run() set current back to this thread. */
}

/* ------------------------------------------------------------------ */
/* The mmap lock.                                                       */

/*
 * The unfinished thread, other than @self, that keeps a taker of @pid's
 * lock in @mode from going on; -1 if none.  MMAP_LOCK_EXIT also waits for
 * every thread still running in the process, lock or not (GUP-fast): the
 * mm lives as long as any of its threads uses it.
 */
static int lock_blocker(const struct world *w, int self, int pid,
			enum mmap_lock_mode mode)
{
	unsigned int bit = 1u << pid;

	for (int tid = 0; w->sched && tid < NR_THREADS; tid++) {
		const struct mm_thread *t = &w->sched->threads[tid];

		if (tid == self || !thread_unfinished(t))
			continue;
		if (t->write_locked & bit)
			return tid;
		if (mode != MMAP_LOCK_READ && (t->read_locked & bit))
			return tid;
		/*
		 * Another thread exiting the same process does not hold it:
		 * whichever goes first takes the mm down, and the other
		 * finds it gone (exit_group() of two threads at once).
		 */
		if (mode == MMAP_LOCK_EXIT && t->pid == pid &&
		    !(t->state == THREAD_WAITING && t->wait_pid == pid &&
		      t->wait_mode == MMAP_LOCK_EXIT))
			return tid;
	}
	return -1;
}

int mmap_lock(struct world *w, int pid, enum mmap_lock_mode mode)
{
	struct mm_thread *t = current_thread(w);
	int self = t ? w->sched->current : -1;
	const struct mm_struct *mm = w->mm[pid];

	if (!t)
		return lock_blocker(w, -1, pid, mode) >= 0 ? -MM_EWOULDWAIT : 0;
	/* Waiting for the lock is a yield point, in the kernel too. */
	while (lock_blocker(w, self, pid, mode) >= 0) {
		t->state = THREAD_WAITING;
		t->wait_pid = pid;
		t->wait_mode = mode;
		mm_yield(w, "waiting for the mmap lock");
	}
	t->state = THREAD_RUNNABLE;
	/*
	 * The mm went away meanwhile: the child of a fork that failed,
	 * which a thread had named before the fork returned.
	 */
	if (w->mm[pid] != mm)
		return -ESRCH;
	if (mode == MMAP_LOCK_READ)
		t->read_locked |= 1u << pid;
	else
		t->write_locked |= 1u << pid;
	return 0;
}

/*
 * mmap_read_unlock() then mmap_write_lock(), as collapse does to isolate
 * and install: 0 if the lock was had at once, 1 if the thread waited
 * (anything may have changed: revalidate), -MM_EWOULDWAIT outside a
 * thread that would have to wait.
 */
int mmap_relock_write(struct world *w, int pid)
{
	struct mm_thread *t = current_thread(w);
	bool waited;

	if (!t)
		return lock_blocker(w, -1, pid, MMAP_LOCK_WRITE) >= 0 ?
		       -MM_EWOULDWAIT : 0;
	t->read_locked &= ~(1u << pid);
	waited = lock_blocker(w, w->sched->current, pid, MMAP_LOCK_WRITE) >= 0;
	mmap_lock(w, pid, MMAP_LOCK_WRITE);
	return waited;
}

/*
 * The system-wide passes (KSM, reclaim, khugepaged, compaction) walk
 * every process: none of them may be in the middle of a locked change.
 */
int mmap_lock_all_read(struct world *w)
{
	for (int pid = 0; pid < NR_PROCS; pid++)
		if (w->mm[pid] && mmap_lock(w, pid, MMAP_LOCK_READ))
			return -MM_EWOULDWAIT;
	return 0;
}

int mm_thread_blocker(const struct world *w, int tid)
{
	const struct mm_thread *t;

	if (!mm_thread_unfinished(w, tid))
		return -1;
	t = &w->sched->threads[tid];
	if (t->state != THREAD_WAITING)
		return -1;
	return lock_blocker(w, tid, t->wait_pid, t->wait_mode);
}
