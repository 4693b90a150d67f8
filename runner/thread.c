// SPDX-License-Identifier: MIT
/*
 * thread.c - stepwise statements (program.md §3): `pK OP ... @tN` starts
 * OP as thread tN, which stops at its first yield point; `tN step` runs it
 * to the next, `tN finish` to its end; the threads still unfinished at the
 * end of the program finish in the order they were started.  The
 * emulator switches the stacks (emu/sched.c); this file decides what runs
 * and tells the oracle what a thread did.
 *
 * A thread runs the statement's ordinary callback (exec.c), emulator then
 * oracle, so the oracle learns what the statement means when it
 * completes, with its result.  The values it loads are judged as they are
 * loaded, against the meaning of the statements completed by then (a
 * value is right or wrong when it is read), and reported at completion.
 *
 * A thread waiting for an mmap lock is stepped by first finishing the
 * thread that holds it, as a scheduler would (the holder needs no lock
 * the waiter holds: an operation takes its locks when it starts).
 */
#include "run_internal.h"

#include <stdio.h>
#include <string.h>

static void trace_thread(struct run_ctx *ctx, int tid, const char *where)
{
	if (ctx->opt->trace)
		fprintf(ctx->opt->trace, "  t%d: %s\n", tid, where);
}

/* The thread's body, on its own stack. */
static void thread_body(void *arg)
{
	struct run_thread *t = arg;

	t->ret = exec_stmt(t->ctx, t->stmt);
}

/* The thread's statement completed: what the loop does after any other. */
static void thread_done(struct run_ctx *ctx, struct run_thread *t)
{
	t->live = false;
	if (ctx->opt->trace) {
		char buf[256];

		mm_stmt_print(t->stmt, buf, sizeof(buf));
		fprintf(ctx->opt->trace, "  %d: %s -> %s\n", t->stmt->line, buf,
			t->ret ? mm_strerror(t->ret) : "ok");
	}
	if (t->ret == -MM_ENOTMODELLED) {
		char buf[256];

		mm_stmt_print(t->stmt, buf, sizeof(buf));
		run_error(ctx, t->stmt->line, "'%s' is not supported yet", buf);
	}
}

/*
 * Run thread @tid to its next yield point (or start it).  While it runs,
 * the runner's per-statement state is the thread's.
 */
static void thread_slice(struct run_ctx *ctx, int tid)
{
	struct run_thread *t = &ctx->threads[tid];
	const struct mm_stmt *stmt = ctx->stmt;
	const struct mm_data *data = ctx->data;
	int pid = ctx->pid, gid = ctx->gid, cur = ctx->cur_thread, r;

	ctx->stmt = t->stmt;
	ctx->pid = t->pid;
	ctx->gid = t->gid;
	ctx->data = t->data;
	ctx->cur_thread = tid;
	if (t->started) {
		r = mm_thread_run(ctx->w, tid);
	} else {
		t->started = true;
		r = mm_thread_start(ctx->w, tid, t->stmt->proc, thread_body, t);
	}
	t->pid = ctx->pid;
	t->gid = ctx->gid;
	t->data = ctx->data;
	ctx->stmt = stmt;
	ctx->pid = pid;
	ctx->gid = gid;
	ctx->data = data;
	ctx->cur_thread = cur;
	trace_thread(ctx, tid, r == 0 ? "finished" :
		     mm_thread_where(ctx->w, tid));
	if (r == 0)
		thread_done(ctx, t);
}

/*
 * Finish @tid, and first the threads it waits for.  No operation waits
 * while holding a lock it took itself, so the chain ends; @depth guards
 * the model against a cycle (false: given up, an error recorded).
 */
static bool thread_finish(struct run_ctx *ctx, int tid, int depth)
{
	if (depth > MM_NR_THREADS) {
		run_error(ctx, ctx->stmt ? ctx->stmt->line : 0,
			  "threads wait for each other");
		return false;
	}
	while (mm_thread_unfinished(ctx->w, tid)) {
		int holder = mm_thread_blocker(ctx->w, tid);

		if (holder < 0)
			thread_slice(ctx, tid);
		else if (!thread_finish(ctx, holder, depth + 1))
			return false;
	}
	if (ctx->threads[tid].live)	/* its start failed */
		thread_done(ctx, &ctx->threads[tid]);
	return true;
}

static void thread_step(struct run_ctx *ctx, int tid)
{
	int holder;

	while ((holder = mm_thread_blocker(ctx->w, tid)) >= 0)
		if (!thread_finish(ctx, holder, 1))
			return;
	thread_slice(ctx, tid);
}

/* A statement about a thread that cannot be done: error, or skipped. */
static int thread_refused(struct run_ctx *ctx, const struct mm_stmt *s,
			  const char *why)
{
	if (ctx->opt->decoded || ctx->prog->waits_skip)
		return 0;
	run_error(ctx, s->line, "thread t%d %s", s->thread, why);
	return -1;
}

int thread_start(struct run_ctx *ctx, const struct mm_stmt *s)
{
	struct run_thread *t = &ctx->threads[s->thread];

	if (t->live)
		return thread_refused(ctx, s, "is still running");
	memset(t, 0, sizeof(*t));
	t->ctx = ctx;
	t->stmt = s;
	t->live = true;
	t->order = ++ctx->thread_seq;
	thread_slice(ctx, s->thread);
	return 0;
}

int thread_stmt(struct run_ctx *ctx, const struct mm_stmt *s)
{
	struct run_thread *t = &ctx->threads[s->thread];

	if (!t->stmt)
		return thread_refused(ctx, s, "was never started");
	/* Finished already (maybe as the holder of a lock): nothing to do. */
	if (!t->live)
		return 0;
	if (s->op == MM_OP_THREAD_STEP)
		thread_step(ctx, s->thread);
	else if (!thread_finish(ctx, s->thread, 0))
		return -1;
	return 0;
}

/* End of the program (or of the run): the rest finish in start order. */
void threads_finish_all(struct run_ctx *ctx)
{
	for (;;) {
		int next = -1;

		for (int tid = 0; tid < MM_NR_THREADS; tid++)
			if (ctx->threads[tid].live &&
			    (next < 0 || ctx->threads[tid].order <
					 ctx->threads[next].order))
				next = tid;
		if (next < 0)
			return;
		ctx->stmt = ctx->threads[next].stmt;
		if (!thread_finish(ctx, next, 0))
			return;
	}
}

bool threads_idle(const struct run_ctx *ctx)
{
	for (int tid = 0; tid < MM_NR_THREADS; tid++)
		if (ctx->threads[tid].live)
			return false;
	return true;
}

void observe_load_later(void *priv, uint64_t addr, uint64_t value)
{
	struct run_thread *t = priv;
	struct run_ctx *ctx = t->ctx;

	if (!t->load_failed && (ctx->checks & RUN_CHECK_VIEW) &&
	    judge_load(ctx, t->stmt, (int)(t - ctx->threads) + 1, addr, value,
		       &t->load_violation))
		t->load_failed = true;
}

void observe_loads_now(struct run_thread *t)
{
	if (t->load_failed && !t->ctx->failed)
		oracle_fail(t->ctx, &t->load_violation);
}
