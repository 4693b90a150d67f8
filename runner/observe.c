// SPDX-License-Identifier: MIT
/*
 * observe.c - what the emulator shows, handed to the oracles to judge:
 * values loaded, values seen through a GUP handle, every process's view
 * after a statement, and accesses that stopped or went through.
 *
 * The oracles decide what the program means, including which deviations
 * are known kernel behaviours (program.md §6); the runner only records
 * their verdict.  Nothing here asks the emulator why it did something.
 */
#include "run_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

void oracle_fail(struct run_ctx *ctx, const struct oracle_violation *v)
{
	if (!strcmp(v->cls, "known"))
		run_known(ctx, v->id, v->msg);
	else
		run_violation(ctx, v->cls, v->id, v->msg);
}

/*
 * A load by statement @s (read, or memread through /proc/self/mem) went
 * through at @addr and saw @value: may the program read there at all (a
 * FOLL_FORCE fault once left a PROT_NONE page readable), and is @value
 * what it must see?  A CPU load sees the owner's view now; a read of
 * /proc/self/mem copies from the page it took (oracle_mem_take(), @slot).
 * Judged when loaded, against the meaning of the statements completed by
 * then.
 */
bool judge_load(struct run_ctx *ctx, const struct mm_stmt *s, int slot,
		uint64_t addr, uint64_t value, struct oracle_violation *v)
{
	bool force = s->op == MM_OP_MEMREAD;
	struct oracle_violation mv;
	bool bad_value = force ?
		oracle_mem_check_load(ctx->o, slot, value, &mv) :
		oracle_check_load(ctx->o, s->proc, addr, value, &mv);

	if (oracle_check_loaded(ctx->o, s->proc, addr, force, v))
		return true;
	if (bad_value)
		*v = mv;
	return bad_value;
}

void observe_load(void *priv, uint64_t addr, uint64_t value)
{
	struct run_ctx *ctx = priv;
	struct oracle_violation v;

	trace_observe(ctx, value);
	if (!ctx->failed && (ctx->checks & RUN_CHECK_VIEW) &&
	    judge_load(ctx, ctx->stmt, ctx->cur_thread + 1, addr, value, &v))
		oracle_fail(ctx, &v);
}

void observe_handle(void *priv, uint64_t i, uint64_t value)
{
	struct run_ctx *ctx = priv;
	struct oracle_violation v;

	trace_observe(ctx, value);
	if (!ctx->failed && (ctx->checks & RUN_CHECK_REFERENCE) &&
	    oracle_check_handle(ctx->o, ctx->gid, i, value, &v))
		oracle_fail(ctx, &v);
}

void observe_view(void *priv, uint64_t addr, uint64_t value)
{
	struct run_ctx *ctx = priv;
	struct oracle_violation v;

	if (!ctx->failed && oracle_check_view(ctx->o, ctx->pid, addr, value, &v))
		oracle_fail(ctx, &v);
}

void observe_view_zero(void *priv, uint64_t start, uint64_t end)
{
	struct run_ctx *ctx = priv;
	struct oracle_violation v;

	if (!ctx->failed &&
	    oracle_check_view_zero(ctx->o, ctx->pid, start, end, &v))
		oracle_fail(ctx, &v);
}

/*
 * A load or store stopped at page @done with @err: was it entitled to?
 * SIGSEGV and EFAULT say the process was refused the page, and so does
 * EIO from /proc/self/mem (@force), which the oracle judges; SIGBUS says
 * there was no page to give (past a file's end, nothing a driver
 * inserted, an exhausted hugetlb pool).
 */
void judge_access(struct run_ctx *ctx, const struct mm_stmt *s,
		  uint64_t done, int err, bool write, bool force)
{
	uint64_t a = s->range.start + done * MM_PAGE_SIZE;
	struct oracle_violation v;

	if (!(ctx->checks & RUN_CHECK_VIEW) || ctx->failed || !err)
		return;
	if (err != -MM_ESIGSEGV && err != -EFAULT && !(force && err == -EIO))
		return;
	if (oracle_check_refused(ctx->o, s->proc, a, write, force,
				 mm_strerror(err), &v))
		oracle_fail(ctx, &v);
}

/* A store at @addr went through: is the program's meaning that it may? */
void judge_store(struct run_ctx *ctx, const struct mm_stmt *s, uint64_t addr,
		 bool force)
{
	char msg[240];

	if (!(ctx->checks & RUN_CHECK_VIEW) || ctx->failed ||
	    oracle_may_access(ctx->o, s->proc, addr, true, force))
		return;
	snprintf(msg, sizeof(msg), "p%d wrote %#llx, %s", s->proc,
		 (unsigned long long)addr,
		 oracle_driver_zeropage(ctx->o, s->proc, addr) ?
		 "where its driver mapped the shared zeropage" :
		 "which the program made non-writable");
	run_violation(ctx, "isolation", "I1", msg);
}
