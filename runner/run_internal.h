/* SPDX-License-Identifier: MIT */
/*
 * run_internal.h - the runner's parts: run.c drives a program (set-up,
 * the statement loop, the checks after each statement), exec.c gives
 * every statement kind its callback (the emulator call, then the
 * oracle's event), observe.c passes what the emulator shows to the
 * oracles to judge.
 */
#ifndef MMFUZZ_RUN_INTERNAL_H
#define MMFUZZ_RUN_INTERNAL_H

#include "mmrun.h"

#include "mmemu.h"
#include "mmtrace.h"
#include "oracle.h"

/* A stepwise statement's thread (thread.c). */
struct run_thread {
	struct run_ctx *ctx;
	const struct mm_stmt *stmt;	/* NULL: never started */
	bool started;			/* its stack exists */
	bool live;			/* started, not completed */
	unsigned int order;		/* start order */
	int ret;			/* the statement's result */
	int pid, gid;			/* run_ctx's, while it runs */
	const struct mm_data *data;	/* run_ctx's, while it runs */
	/* The first load judged wrong, reported at completion. */
	bool load_failed;
	struct oracle_violation load_violation;
};

struct run_ctx {
	const struct mm_prog *prog;
	const struct mm_stmt *stmt;
	const struct run_options *opt;
	struct run_result *res;
	struct world *w;
	struct oracle *o;
	unsigned int checks;
	uint64_t seq;			/* fresh content counter */
	uint64_t file_size[MM_NR_FILES];
	uint64_t file_huge_size[MM_NR_FILES];	/* memfd-hugetlb(-1g), else 0 */
	bool failed;			/* a violation or error was recorded */
	int gid;			/* handle being read */
	int pid;			/* process loading */
	const struct mm_data *data;	/* what the statement stores */
	/* --trace (trace.c): what the current statement observed. */
	struct mm_trace_vals seen;
	bool seen_lost;			/* out of memory recording it */
	uint32_t slot_pages[MM_NR_REGIONS];	/* mm_trace_slot_pages() */
	bool slot_pages_known;
	struct run_thread threads[MM_NR_THREADS];
	int cur_thread;			/* the thread running, -1: none */
	unsigned int thread_seq;
};

/* run.c: recording outcomes (the first one wins). */
void run_error(struct run_ctx *ctx, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void run_violation(struct run_ctx *ctx, const char *cls, const char *id,
		   const char *msg);
/* A known, deliberate kernel behaviour (program.md §6) ends the run. */
void run_known(struct run_ctx *ctx, const char *name, const char *msg);

/*
 * exec.c: execute one statement, emulator then oracle; returns the
 * emulator's result (0 or -errno, -MM_ENOTMODELLED).
 */
int exec_stmt(struct run_ctx *ctx, const struct mm_stmt *s);
/* Whether the runner can run statements of kind @op at all. */
bool exec_has_kind(int op);

/*
 * exec.c: the emulator's steps of the running statement (mm_step_fn):
 * the oracle learns each page's fault, reference or store when it
 * happens, since a stepwise thread can stop half-way.
 */
void exec_step(void *priv, enum mm_step step, uint64_t addr);

/* observe.c: what the emulator shows, judged by the oracles. */
void oracle_fail(struct run_ctx *ctx, const struct oracle_violation *v);
bool judge_load(struct run_ctx *ctx, const struct mm_stmt *s, int slot,
		uint64_t addr, uint64_t value, struct oracle_violation *v);
void observe_load(void *priv, uint64_t addr, uint64_t value);
void observe_handle(void *priv, uint64_t i, uint64_t value);
void observe_view(void *priv, uint64_t addr, uint64_t value);
void observe_view_zero(void *priv, uint64_t start, uint64_t end);
void judge_access(struct run_ctx *ctx, const struct mm_stmt *s,
		  uint64_t done, int err, bool write, bool force);
void judge_store(struct run_ctx *ctx, const struct mm_stmt *s, uint64_t addr,
		 bool force);

/* trace.c: the trace format's lines (run_options.stmt_trace). */
void trace_observe(struct run_ctx *ctx, uint64_t value);
void trace_stmt_done(struct run_ctx *ctx, const struct mm_stmt *s, int ret);

/*
 * thread.c: stepwise statements.  thread_start() runs `... @tN` to its
 * first yield point, thread_stmt() does `tN step` / `tN finish`; both
 * return 0, or -1 after recording an error.  threads_finish_all() ends
 * the program's unfinished threads in start order.
 */
int thread_start(struct run_ctx *ctx, const struct mm_stmt *s);
int thread_stmt(struct run_ctx *ctx, const struct mm_stmt *s);
void threads_finish_all(struct run_ctx *ctx);
bool threads_idle(const struct run_ctx *ctx);
/*
 * A thread's loads (priv: its run_thread) are judged when they happen,
 * against what the statements completed by then mean; the verdict is
 * reported when the thread's statement completes.
 */
void observe_load_later(void *priv, uint64_t addr, uint64_t value);
void observe_loads_now(struct run_thread *t);

#endif /* MMFUZZ_RUN_INTERNAL_H */
