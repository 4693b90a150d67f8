// SPDX-License-Identifier: MIT
/*
 * run.c - the program runner: statement -> emulator call -> oracle update
 * -> checks.  The order of checks after a statement is fixed:
 *
 *   1. what the statement itself observed (loads, handle reads, whether a
 *      store was allowed to succeed): view and reference oracles;
 *   2. operation-level checks the emulator recorded (F1-F4);
 *   3. structural invariants (P, X, S);
 *   4. the whole view of every process against the program's meaning (I1).
 *
 * The first violation found ends the run.
 *
 * While a stepwise thread (thread.c) is in the middle of its operation,
 * the kernel's state is what it is inside a locked section, or holds
 * GUP-fast's transient references: checks 3 and 4 wait until no thread is
 * unfinished, and run after the statement that completes the last one.
 * Checks 1 and 2 run after every statement, a step or finish included:
 * the oracle knows what the completed statements mean.
 */
#include "run_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Recording outcomes.                                                 */

static void set_stmt(struct run_ctx *ctx)
{
	struct run_result *res = ctx->res;

	res->line = ctx->stmt ? ctx->stmt->line : 0;
	if (ctx->stmt)
		mm_stmt_print(ctx->stmt, res->stmt, sizeof(res->stmt));
	else
		res->stmt[0] = '\0';
}

void run_error(struct run_ctx *ctx, int line, const char *fmt, ...)
{
	va_list ap;

	if (ctx->failed)
		return;
	ctx->failed = true;
	set_stmt(ctx);
	ctx->res->outcome = RUN_ERROR;
	ctx->res->line = line;
	va_start(ap, fmt);
	vsnprintf(ctx->res->msg, sizeof(ctx->res->msg), fmt, ap);
	va_end(ap);
}

void run_violation(struct run_ctx *ctx, const char *cls, const char *id,
		   const char *msg)
{
	if (ctx->failed)
		return;
	ctx->failed = true;
	set_stmt(ctx);
	ctx->res->outcome = RUN_VIOLATION;
	snprintf(ctx->res->cls, sizeof(ctx->res->cls), "%s", cls);
	snprintf(ctx->res->id, sizeof(ctx->res->id), "%s", id);
	snprintf(ctx->res->msg, sizeof(ctx->res->msg), "%s", msg);
}

void run_known(struct run_ctx *ctx, const char *name, const char *msg)
{
	run_violation(ctx, "known", name, msg);
	ctx->res->outcome = RUN_KNOWN;
}

/* ------------------------------------------------------------------ */
/* Checks after a statement.                                           */

static void check_after(struct run_ctx *ctx)
{
	const struct mm_violation *fv = world_violation(ctx->w);
	struct mm_violation v;

	if (ctx->failed)
		return;
	if (fv && (ctx->checks & RUN_CHECK_FAULT)) {
		run_violation(ctx, mm_vclass_name(fv->cls), fv->id, fv->msg);
		return;
	}
	if (!threads_idle(ctx))
		return;
	if ((ctx->checks & RUN_CHECK_STRUCTURE) && world_check(ctx->w, &v)) {
		if (v.cls == MMV_KNOWN)
			run_known(ctx, v.id, v.msg);
		else
			run_violation(ctx, mm_vclass_name(v.cls), v.id, v.msg);
		return;
	}
	if (!(ctx->checks & RUN_CHECK_VIEW))
		return;
	for (int pid = 0; pid < MM_NR_PROCS && !ctx->failed; pid++) {
		ctx->pid = pid;
		mm_walk_view(ctx->w, pid, observe_view, observe_view_zero, ctx);
	}
}

/* ------------------------------------------------------------------ */
/* Set-up.                                                              */

static bool apply_knob(struct run_ctx *ctx, struct world_config *cfg,
		       const struct mm_knobs *preset, const char *name,
		       bool value, int line)
{
	int k = mm_knob_lookup(name);

	if (k < 0) {
		run_error(ctx, line, "unknown knob '%s'", name);
		return false;
	}
	if (!mm_knob_info(k)->modelled && value != preset->on[k]) {
		run_error(ctx, line, "knob %s is not supported yet", name);
		return false;
	}
	cfg->knobs.on[k] = value;
	return true;
}

static bool setup_config(struct run_ctx *ctx, struct world_config *cfg)
{
	const struct mm_prog *p = ctx->prog;
	const char *era = ctx->opt->era ? ctx->opt->era : p->era;
	struct mm_knobs preset;
	int ret;

	world_config_default(cfg);
	snprintf(ctx->res->era, sizeof(ctx->res->era), "%s", era);
	ret = mm_era_preset(era, &preset);
	if (ret) {
		run_error(ctx, ctx->opt->era ? 0 : p->era_line,
			  ret == -ENOENT ? "unknown era '%s'" :
			  "era %s is not supported yet", era);
		return false;
	}
	cfg->knobs = preset;
	for (int i = 0; i < p->nr_knobs; i++)
		if (!apply_knob(ctx, cfg, &preset, p->knobs[i].name,
				p->knobs[i].value, p->knobs[i].line))
			return false;
	for (int i = 0; i < ctx->opt->nr_knobs; i++)
		if (!apply_knob(ctx, cfg, &preset, ctx->opt->knobs[i].name,
				ctx->opt->knobs[i].value, 0))
			return false;
	cfg->thp = p->thp == MM_THP_ALWAYS ? MM_THP_MODE_ALWAYS :
		   p->thp == MM_THP_NEVER ? MM_THP_MODE_NEVER : MM_THP_MODE_MADVISE;
	cfg->mthp_kb_mask = p->mthp_kb_mask;
	cfg->huge_zeropage = p->huge_zeropage;
	cfg->zeropage = p->zeropage;
	cfg->swap = p->swap;
	cfg->hugetlb_2m = p->hugetlb_2m;
	cfg->hugetlb_1g = p->hugetlb_1g;
	return true;
}

static void trace_stmt(struct run_ctx *ctx, const struct mm_stmt *s, int ret)
{
	char buf[256];

	trace_stmt_done(ctx, s, ret);
	if (!ctx->opt->trace)
		return;
	mm_stmt_print(s, buf, sizeof(buf));
	fprintf(ctx->opt->trace, "  %d: %s -> %s\n", s->line, buf,
		ret ? mm_strerror(ret) : "ok");
}

/*
 * A statement that is not a thread found an mmap lock held by an
 * unfinished thread: an error in a program, skipped in fuzz input.
 */
static bool refuse_waiting(struct run_ctx *ctx, const struct mm_stmt *s)
{
	char buf[256];

	if (ctx->opt->decoded || ctx->prog->waits_skip)
		return false;
	mm_stmt_print(s, buf, sizeof(buf));
	run_error(ctx, s->line, "'%s' would wait for an mmap lock held by an unfinished thread",
		  buf);
	return true;
}

/*
 * One statement: a stepwise one (thread.c), or run to completion here.
 * Returns false when the run must stop.
 */
static bool run_one(struct run_ctx *ctx, const struct mm_stmt *s)
{
	const struct mm_stmt_desc *d = mm_stmt_desc(s->op);
	int ret;

	if (d->subject == MM_SUBJ_THREAD)
		return !thread_stmt(ctx, s);
	if (d->may_thread && s->thread >= 0)
		return !thread_start(ctx, s);
	ret = exec_stmt(ctx, s);
	trace_stmt(ctx, s, ret);
	if (ret == -MM_EWOULDWAIT)
		return !refuse_waiting(ctx, s);
	if (ret == -MM_ENOTMODELLED) {
		char buf[256];

		mm_stmt_print(s, buf, sizeof(buf));
		run_error(ctx, s->line, "'%s' is not supported yet", buf);
		return false;
	}
	return true;
}

/* The caller's after_stmt hook; its refusal is an error at this line. */
static void run_hook(struct run_ctx *ctx, size_t i)
{
	char msg[200] = "";

	if (ctx->opt->after_stmt(ctx->opt->hook_priv, i, ctx->w, msg,
				 sizeof(msg)))
		run_error(ctx, ctx->prog->stmts[i].line, "%s", msg);
}

static void run_statements(struct run_ctx *ctx)
{
	for (size_t i = 0; i < ctx->prog->nr_stmts && !ctx->failed; i++) {
		const struct mm_stmt *s = &ctx->prog->stmts[i];

		ctx->stmt = s;
		world_clear_violation(ctx->w);
		if (!run_one(ctx, s))
			break;
		check_after(ctx);
		oracle_statement_done(ctx->o);
		ctx->res->nr_statements = i + 1;
		if (!ctx->failed && ctx->opt->after_stmt)
			run_hook(ctx, i);
	}
	/* Unfinished threads finish now, whatever happened, then are checked. */
	world_clear_violation(ctx->w);
	if (threads_idle(ctx))
		return;
	threads_finish_all(ctx);
	check_after(ctx);
	oracle_statement_done(ctx->o);
}

enum run_outcome mm_run_program(const struct mm_prog *p,
				const struct run_options *opt,
				struct run_result *res)
{
	struct run_ctx ctx = { .prog = p, .opt = opt, .res = res,
			       .cur_thread = -1 };
	struct oracle_config ocfg = { .hugetlb_2m = p->hugetlb_2m,
				      .hugetlb_1g = p->hugetlb_1g };
	struct world_config cfg;
	int err;

	memset(res, 0, sizeof(*res));
	res->outcome = RUN_OK;
	ctx.checks = opt->checks ? opt->checks : RUN_CHECK_ALL;
	if (!setup_config(&ctx, &cfg))
		return res->outcome;
	cfg.arena = ocfg.arena = opt->arena;
	ctx.w = world_create(&cfg, &err);
	if (!ctx.w) {
		run_error(&ctx, 0, "configuration not supported yet (%s)",
			  mm_strerror(err));
		return res->outcome;
	}
	mm_set_step_hook(ctx.w, exec_step, &ctx);
	/* The oracle's meaning follows the era, whatever the knobs say. */
	ocfg.era = res->era;
	ctx.o = oracle_create(&ocfg);
	if (!ctx.o) {
		run_error(&ctx, 0, "era %s has no meaning in the oracle", res->era);
		world_destroy(ctx.w);
		return res->outcome;
	}
	run_statements(&ctx);
	if (opt->trace && res->outcome == RUN_VIOLATION) {
		struct mm_violation v = { 0 };

		fprintf(opt->trace, "mmfuzz: violation %s/%s at line %d (%s): %s\n",
			res->cls, res->id, res->line, res->stmt, res->msg);
		world_dump(ctx.w, opt->trace, world_check(ctx.w, &v) ? &v : NULL);
	}
	oracle_destroy(ctx.o);
	world_destroy(ctx.w);
	mm_trace_vals_free(&ctx.seen);
	return res->outcome;
}

bool mm_run_matches_expect(const struct mm_prog *p, const struct run_result *res)
{
	switch (p->expect) {
	case MM_EXPECT_OK:
		return res->outcome == RUN_OK;
	case MM_EXPECT_VIOLATION:
		return res->outcome == RUN_VIOLATION &&
		       !strcmp(res->cls, p->expect_class) &&
		       (!p->expect_id[0] || !strcmp(res->id, p->expect_id));
	case MM_EXPECT_KNOWN:
		return res->outcome == RUN_KNOWN &&
		       !strcmp(res->id, p->expect_known);
	}
	return false;
}
