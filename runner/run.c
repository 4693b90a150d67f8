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
 */
#include "mmrun.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mmemu.h"
#include "oracle.h"

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
	bool file_hugetlb[MM_NR_FILES];	/* memfd-hugetlb(-1g) */
	uint64_t file_huge_size[MM_NR_FILES];
	bool failed;			/* a violation or error was recorded */
	int gid;			/* handle being read */
	int pid;			/* process loading */
};

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

static void run_error(struct run_ctx *ctx, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void run_error(struct run_ctx *ctx, int line, const char *fmt, ...)
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

static void run_violation(struct run_ctx *ctx, const char *cls,
			  const char *id, const char *msg)
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

static void oracle_fail(struct run_ctx *ctx, const struct oracle_violation *v)
{
	run_violation(ctx, v->cls, v->id, v->msg);
}

/* A known, deliberate kernel behaviour (program.md §6) ends the run. */
static void run_known(struct run_ctx *ctx, const char *name, const char *msg)
{
	run_violation(ctx, "known", name, msg);
	ctx->res->outcome = RUN_KNOWN;
}

/* ------------------------------------------------------------------ */
/* Observation callbacks.                                              */

/*
 * What @ctx->pid sees at @v->addr differs from the program's meaning.  Where
 * the process forked from one whose private hugetlb pages the reservation
 * owner had taken away (its pool empty), the kernel maps the file's page
 * or a fresh one in place of the parent's data: a known behaviour.  Only
 * the emulator knows; the oracle stays agnostic.
 */
static void view_fail(struct run_ctx *ctx, const struct oracle_violation *v)
{
	if (!strcmp(v->id, "I1") &&
	    mm_hugetlb_lost_in_parent(ctx->w, ctx->pid, v->addr))
		run_known(ctx, "hugetlb-cow-lost", v->msg);
	else
		oracle_fail(ctx, v);
}

static void observe_load(void *priv, uint64_t addr, uint64_t value)
{
	struct run_ctx *ctx = priv;
	struct oracle_violation v;

	if (!ctx->failed && (ctx->checks & RUN_CHECK_VIEW) &&
	    oracle_check_load(ctx->o, ctx->pid, addr, value, &v))
		view_fail(ctx, &v);
}

static void observe_handle(void *priv, uint64_t i, uint64_t value)
{
	struct run_ctx *ctx = priv;
	struct oracle_violation v;

	if (ctx->failed || !(ctx->checks & RUN_CHECK_REFERENCE) ||
	    !oracle_check_handle(ctx->o, ctx->gid, i, value, &v))
		return;
	/*
	 * A plain reference on a hugetlb page that shows another process's
	 * write: hugetlb COW reuse is mapcount based on purpose.  Only the
	 * emulator knows the page is hugetlb; the oracle stays agnostic.
	 */
	if (!strcmp(v.cls, "isolation") &&
	    mm_handle_is_hugetlb_get(ctx->w, ctx->gid, i))
		run_known(ctx, "hugetlb-vmsplice", v.msg);
	else
		oracle_fail(ctx, &v);
}

static void observe_view(void *priv, uint64_t addr, uint64_t value)
{
	struct run_ctx *ctx = priv;
	struct oracle_violation v;

	if (!ctx->failed && oracle_check_view(ctx->o, ctx->pid, addr, value, &v))
		view_fail(ctx, &v);
}

static void observe_view_zero(void *priv, uint64_t start, uint64_t end)
{
	struct run_ctx *ctx = priv;
	struct oracle_violation v;

	if (!ctx->failed &&
	    oracle_check_view_zero(ctx->o, ctx->pid, start, end, &v))
		view_fail(ctx, &v);
}

/* ------------------------------------------------------------------ */
/* Statements.                                                          */

static struct mm_data fresh_data(struct run_ctx *ctx, uint64_t nr)
{
	const struct mm_stmt *s = ctx->stmt;
	struct mm_data d;

	if (s->has_value) {
		d.value = s->value;
		d.unique = false;
		return d;
	}
	/* Fresh values have the top bit set: "#N" in reports. */
	d.value = (1ULL << 63) | (ctx->seq + 1);
	d.unique = true;
	ctx->seq += nr;
	return d;
}

static uint64_t data_at(const struct mm_data *d, uint64_t i)
{
	return d->value + (d->unique ? i : 0);
}

static enum oracle_prot oracle_prot_of(enum mm_prot p)
{
	return p == MM_PROT_RW ? ORACLE_PROT_RW :
	       p == MM_PROT_R ? ORACLE_PROT_R : ORACLE_PROT_NONE;
}

static unsigned int emu_prot_of(enum mm_prot p)
{
	return p == MM_PROT_RW ? MMP_READ | MMP_WRITE :
	       p == MM_PROT_R ? MMP_READ : MMP_NONE;
}

static int exec_mmap(struct run_ctx *ctx, const struct mm_stmt *s)
{
	unsigned int flags = 0;
	uint64_t addr = mm_region_addr(s->region), foff = s->has_foff ? s->foff : 0;
	int ret;

	if (s->shared)
		flags |= MMF_SHARED;
	if (s->file < 0)
		flags |= MMF_ANON;
	if (s->map_opts & MM_MAP_HUGETLB)
		flags |= MMF_HUGETLB;
	if (s->map_opts & MM_MAP_HUGETLB_1G)
		flags |= MMF_HUGETLB_1G;
	if (s->map_opts & MM_MAP_POPULATE)
		flags |= MMF_POPULATE;
	if (s->map_opts & MM_MAP_RO_FILE)
		flags |= MMF_RO_FILE;
	ret = mm_mmap(ctx->w, s->proc, addr, s->size, emu_prot_of(s->prot),
		      flags, s->file, foff);
	if (ret)
		return ret;
	oracle_mmap(ctx->o, s->proc, addr, s->size, oracle_prot_of(s->prot),
		    s->shared, s->file, foff, s->map_opts & MM_MAP_RO_FILE);
	if ((s->map_opts & (MM_MAP_HUGETLB | MM_MAP_HUGETLB_1G)) ||
	    (s->file >= 0 && ctx->file_hugetlb[s->file])) {
		bool gig = (s->map_opts & MM_MAP_HUGETLB_1G) ||
			   (s->file >= 0 && ctx->file_huge_size[s->file] == (1ULL << 30));

		oracle_mark_hugetlb(ctx->o, s->proc, addr, s->size,
				    gig ? 1ULL << 30 : 2ULL << 20);
	}
	/* MAP_POPULATE write-faults private writable mappings: private copies. */
	if ((s->map_opts & MM_MAP_POPULATE) && !s->shared &&
	    s->prot == MM_PROT_RW && s->file >= 0)
		for (uint64_t a = addr; a < addr + s->size; a += MM_PAGE_SIZE) {
			if (!oracle_backed(ctx->o, s->proc, a))
				break;
			oracle_write_intent(ctx->o, s->proc, a);
		}
	return 0;
}

/* A character device's mapping: pages exist where its driver inserts them. */
static int exec_mmap_driver(struct run_ctx *ctx, const struct mm_stmt *s)
{
	unsigned int flags = 0;
	uint64_t addr = mm_region_addr(s->region);
	int ret;

	if (s->shared)
		flags |= MMF_SHARED;
	if (s->map_opts & MM_MAP_RO_FILE)
		flags |= MMF_RO_FILE;
	ret = mm_mmap_driver(ctx->w, s->proc, addr, s->size,
			     emu_prot_of(s->prot), flags);
	if (!ret)
		oracle_mmap_driver(ctx->o, s->proc, addr, s->size,
				   oracle_prot_of(s->prot), s->shared,
				   s->map_opts & MM_MAP_RO_FILE);
	return ret;
}

/* What the driver inserted before a refusal stays inserted. */
static int exec_insert_zeropage(struct run_ctx *ctx, const struct mm_stmt *s)
{
	uint64_t done;
	int ret = mm_insert_zeropage(ctx->w, s->proc, s->range.start,
				     s->range.size, &done);

	oracle_insert_zeropage(ctx->o, s->proc, s->range.start, done);
	return ret;
}

static const enum mm_madv madv_of[MM_NR_ADVICE] = {
	[MM_ADV_DONTNEED] = MMA_DONTNEED, [MM_ADV_FREE] = MMA_FREE,
	[MM_ADV_DONTFORK] = MMA_DONTFORK, [MM_ADV_DOFORK] = MMA_DOFORK,
	[MM_ADV_WIPEONFORK] = MMA_WIPEONFORK,
	[MM_ADV_KEEPONFORK] = MMA_KEEPONFORK,
	[MM_ADV_HUGEPAGE] = MMA_HUGEPAGE, [MM_ADV_NOHUGEPAGE] = MMA_NOHUGEPAGE,
	[MM_ADV_COLLAPSE] = MMA_COLLAPSE, [MM_ADV_PAGEOUT] = MMA_PAGEOUT,
	[MM_ADV_MERGEABLE] = MMA_MERGEABLE,
	[MM_ADV_UNMERGEABLE] = MMA_UNMERGEABLE,
	[MM_ADV_POPULATE_READ] = MMA_POPULATE_READ,
	[MM_ADV_POPULATE_WRITE] = MMA_POPULATE_WRITE,
};

static void oracle_madvise(struct run_ctx *ctx, const struct mm_stmt *s,
			   int ret)
{
	uint64_t a = s->range.start, len = s->range.size;

	/* A hole in the range: the mapped parts got the advice all the same. */
	if (ret == -ENOMEM)
		ret = 0;

	switch (s->advice) {
	case MM_ADV_DONTNEED:
		if (!ret)
			oracle_dontneed(ctx->o, s->proc, a, len);
		break;
	case MM_ADV_FREE:
		if (!ret)
			oracle_free(ctx->o, s->proc, a, len);
		break;
	case MM_ADV_DONTFORK: case MM_ADV_DOFORK:
	case MM_ADV_WIPEONFORK: case MM_ADV_KEEPONFORK:
		if (!ret)
			oracle_fork_advice(ctx->o, s->proc, a, len,
				s->advice == MM_ADV_DONTFORK ? ORACLE_DONTFORK :
				s->advice == MM_ADV_DOFORK ? ORACLE_DOFORK :
				s->advice == MM_ADV_WIPEONFORK ? ORACLE_WIPEONFORK :
				ORACLE_KEEPONFORK);
		break;
	case MM_ADV_POPULATE_WRITE:
		/* Write faults up to the first page that could not be faulted. */
		for (uint64_t p = a; p < a + len; p += MM_PAGE_SIZE) {
			if (!oracle_may_access(ctx->o, s->proc, p, true, false) ||
			    !oracle_backed(ctx->o, s->proc, p))
				break;
			oracle_write_intent(ctx->o, s->proc, p);
		}
		break;
	default:
		break;
	}
}

static int exec_madvise(struct run_ctx *ctx, const struct mm_stmt *s)
{
	int ret = mm_madvise(ctx->w, s->proc, s->range.start, s->range.size,
			     madv_of[s->advice]);

	if (ret != -MM_ENOTMODELLED)
		oracle_madvise(ctx, s, ret);
	return ret;
}

/*
 * A load or store stopped at page @done with @err: was it entitled to?
 * A signal where the program's meaning allows the access is a bug, as is
 * a store that went through where the meaning forbids it.
 */
static void judge_access(struct run_ctx *ctx, const struct mm_stmt *s,
			 uint64_t done, int err, bool write, bool force)
{
	uint64_t a = s->range.start + done * MM_PAGE_SIZE, huge;
	char msg[240];

	if (!(ctx->checks & RUN_CHECK_VIEW) || ctx->failed || !err)
		return;
	if (err != -MM_ESIGSEGV && err != -EFAULT)
		return;
	if (!oracle_may_access(ctx->o, s->proc, a, write, force) ||
	    !oracle_backed(ctx->o, s->proc, a))
		return;
	/*
	 * An empty hugetlb pool fails the fault (SIGBUS, EFAULT for GUP), and
	 * so does a mapping whose pages the reservation owner took away.
	 */
	huge = oracle_hugetlb_size(ctx->o, s->proc, a);
	if (huge && (mm_hugetlb_unreserved(ctx->w, huge) <= 0 ||
		     mm_hugetlb_taken_by_owner(ctx->w, s->proc, a)))
		return;
	snprintf(msg, sizeof(msg), "p%d %s %#llx failed with %s, but the program may %s it",
		 s->proc, write ? "writing" : "reading", (unsigned long long)a,
		 mm_strerror(err), write ? "write" : "read");
	run_violation(ctx, "isolation", "I1", msg);
}

static int exec_store(struct run_ctx *ctx, const struct mm_stmt *s, bool force)
{
	uint64_t nr = s->range.size / MM_PAGE_SIZE;
	struct mm_data d = fresh_data(ctx, nr);
	long done;
	int err;

	if (force)
		done = mm_memaccess(ctx->w, s->proc, s->range.start, s->range.size,
				    true, &d, NULL, NULL, &err);
	else
		done = mm_access(ctx->w, s->proc, s->range.start, s->range.size,
				 true, &d, NULL, NULL, &err);
	for (long i = 0; i < done; i++) {
		uint64_t a = s->range.start + (uint64_t)i * MM_PAGE_SIZE;

		if ((ctx->checks & RUN_CHECK_VIEW) && !ctx->failed &&
		    !oracle_may_access(ctx->o, s->proc, a, true, force)) {
			char msg[240];

			snprintf(msg, sizeof(msg), "p%d wrote %#llx, %s", s->proc,
				 (unsigned long long)a,
				 oracle_driver_zeropage(ctx->o, s->proc, a) ?
				 "where its driver mapped the shared zeropage" :
				 "which the program made non-writable");
			run_violation(ctx, "isolation", "I1", msg);
		}
		oracle_write(ctx->o, s->proc, a, data_at(&d, (uint64_t)i));
	}
	judge_access(ctx, s, done > 0 ? (uint64_t)done : 0, err, true, force);
	return err;
}

static int exec_load(struct run_ctx *ctx, const struct mm_stmt *s, bool force)
{
	long done;
	int err;

	ctx->pid = s->proc;
	if (force)
		done = mm_memaccess(ctx->w, s->proc, s->range.start, s->range.size,
				    false, NULL, observe_load, ctx, &err);
	else
		done = mm_access(ctx->w, s->proc, s->range.start, s->range.size,
				 false, NULL, observe_load, ctx, &err);
	if (force && done > 0)	/* /proc/self/mem took a reference per page */
		oracle_gup_faulted(ctx->o, s->proc, s->range.start,
				   (uint64_t)done, false, false, false);
	judge_access(ctx, s, done > 0 ? (uint64_t)done : 0, err, false, force);
	return err;
}

static int exec_gup(struct run_ctx *ctx, const struct mm_stmt *s)
{
	unsigned int flags = 0;
	enum mm_holder holder = MMH_GUP;
	uint64_t done;
	int ret;

	if (s->op == MM_OP_VMSPLICE) {
		flags = MMG_FAST;
		holder = MMH_VMSPLICE;
	} else if (s->op == MM_OP_IOURING) {
		flags = MMG_PIN | MMG_WRITE | MMG_LONGTERM | MMG_FAST;
		holder = MMH_IOURING;
	} else {
		flags |= s->gup_mode == MM_GUP_PIN ? MMG_PIN : 0;
		flags |= s->gup_flags & MM_GUP_WRITE ? MMG_WRITE : 0;
		flags |= s->gup_flags & MM_GUP_LONGTERM ? MMG_LONGTERM : 0;
		flags |= s->gup_flags & MM_GUP_FORCE ? MMG_FORCE : 0;
		flags |= s->gup_flags & MM_GUP_FAST ? MMG_FAST : 0;
	}
	ret = mm_gup(ctx->w, s->proc, s->handle, s->range.start, s->range.size,
		     flags, holder, &done);
	if (!ret)
		oracle_gup(ctx->o, s->handle, s->proc, s->range.start,
			   s->range.size / MM_PAGE_SIZE, flags & MMG_PIN,
			   flags & MMG_WRITE, flags & MMG_LONGTERM);
	else	/* released again, but the faults before the failure stay */
		oracle_gup_faulted(ctx->o, s->proc, s->range.start, done,
				   flags & MMG_PIN, flags & MMG_WRITE,
				   flags & MMG_LONGTERM);
	return ret;
}

static int exec_handle(struct run_ctx *ctx, const struct mm_stmt *s)
{
	struct mm_data d;
	int ret;

	switch (s->op) {
	case MM_OP_HANDLE_READ:
		ctx->gid = s->handle;
		return mm_handle_read(ctx->w, s->handle, observe_handle, ctx);
	case MM_OP_HANDLE_WRITE:
		d = fresh_data(ctx, mm_handle_nr_pages(ctx->w, s->handle));
		ret = mm_handle_write(ctx->w, s->handle, &d);
		if (!ret)
			oracle_handle_write(ctx->o, s->handle, d.value, d.unique);
		return ret;
	default:
		ret = mm_handle_put(ctx->w, s->handle);
		oracle_handle_put(ctx->o, s->handle);
		return ret;
	}
}

static const enum mm_file_type file_type_of[MM_NR_FILE_KINDS] = {
	[MM_FILE_MEMFD] = MMFT_MEMFD, [MM_FILE_TMPFILE] = MMFT_TMPFILE,
	[MM_FILE_SHMEM] = MMFT_SHMEM,
	[MM_FILE_MEMFD_HUGETLB] = MMFT_MEMFD_HUGETLB,
	[MM_FILE_MEMFD_HUGETLB_1G] = MMFT_MEMFD_HUGETLB_1G,
};

static int exec_file(struct run_ctx *ctx, const struct mm_stmt *s)
{
	uint64_t off, len;
	struct mm_data d;
	int ret;

	if (s->op == MM_OP_FILE) {
		ret = mm_file_create(ctx->w, s->file, file_type_of[s->file_kind],
				     s->size);
		if (!ret) {
			ctx->file_size[s->file] = s->size;
			ctx->file_hugetlb[s->file] =
				s->file_kind == MM_FILE_MEMFD_HUGETLB ||
				s->file_kind == MM_FILE_MEMFD_HUGETLB_1G;
			ctx->file_huge_size[s->file] =
				s->file_kind == MM_FILE_MEMFD_HUGETLB_1G ?
				1ULL << 30 : 2ULL << 20;
			oracle_file_create(ctx->o, s->file, s->size);
		}
		return ret;
	}
	off = s->has_fwoff ? s->fwoff : 0;
	len = s->has_fwlen ? s->fwlen : ctx->file_size[s->file] - off;
	d = fresh_data(ctx, len / MM_PAGE_SIZE);
	ret = mm_file_write(ctx->w, s->file, off, len, &d);
	if (!ret)
		for (uint64_t i = 0; i < len / MM_PAGE_SIZE; i++)
			oracle_file_write(ctx->o, s->file, off / MM_PAGE_SIZE + i,
					  data_at(&d, i));
	return ret;
}

static int exec_process(struct run_ctx *ctx, const struct mm_stmt *s)
{
	int ret;

	if (s->op == MM_OP_FORK) {
		ret = mm_fork(ctx->w, s->proc, s->child);
		if (!ret)
			oracle_fork(ctx->o, s->proc, s->child);
		return ret;
	}
	ret = mm_exit(ctx->w, s->proc);
	if (!ret)
		oracle_exit(ctx->o, s->proc);
	return ret;
}

/* Execute one statement; returns the emulator's result (0 or -errno). */
static int exec_stmt(struct run_ctx *ctx, const struct mm_stmt *s)
{
	const struct mm_range *r = &s->range;
	int ret;

	switch (s->op) {
	case MM_OP_MMAP:
		return exec_mmap(ctx, s);
	case MM_OP_MMAP_DRIVER:
		return exec_mmap_driver(ctx, s);
	case MM_OP_INSERT_ZEROPAGE:
		return exec_insert_zeropage(ctx, s);
	case MM_OP_MUNMAP:
		ret = mm_munmap(ctx->w, s->proc, r->start, r->size);
		if (!ret)
			oracle_munmap(ctx->o, s->proc, r->start, r->size);
		return ret;
	case MM_OP_MPROTECT:
		ret = mm_mprotect(ctx->w, s->proc, r->start, r->size,
				  emu_prot_of(s->prot));
		/* A hole or a refusal stops it; what came before changed. */
		if (!ret || ret == -ENOMEM || ret == -EACCES)
			oracle_mprotect(ctx->o, s->proc, r->start, r->size,
					oracle_prot_of(s->prot));
		return ret;
	case MM_OP_MADVISE:
		return exec_madvise(ctx, s);
	case MM_OP_MREMAP:
		ret = mm_mremap(ctx->w, s->proc, r->start, r->size,
				mm_region_addr(s->region));
		if (!ret)
			oracle_mremap(ctx->o, s->proc, r->start, r->size,
				      mm_region_addr(s->region));
		return ret;
	case MM_OP_READ:
		return exec_load(ctx, s, false);
	case MM_OP_MEMREAD:
		return exec_load(ctx, s, true);
	case MM_OP_WRITE:
		return exec_store(ctx, s, false);
	case MM_OP_MEMWRITE:
		return exec_store(ctx, s, true);
	case MM_OP_CLEAR_REFS:
		return mm_clear_refs(ctx->w, s->proc);
	case MM_OP_FORK:
	case MM_OP_EXIT:
		return exec_process(ctx, s);
	case MM_OP_GUP:
	case MM_OP_VMSPLICE:
	case MM_OP_IOURING:
		return exec_gup(ctx, s);
	case MM_OP_HANDLE_READ:
	case MM_OP_HANDLE_WRITE:
	case MM_OP_HANDLE_PUT:
		return exec_handle(ctx, s);
	case MM_OP_FILE:
	case MM_OP_FILE_WRITE:
		return exec_file(ctx, s);
	case MM_OP_KSM:
		return mm_daemon(ctx->w, MMD_KSM);
	case MM_OP_RECLAIM:
		return mm_daemon(ctx->w, MMD_RECLAIM);
	case MM_OP_KHUGEPAGED:
		return mm_daemon(ctx->w, MMD_KHUGEPAGED);
	case MM_OP_COMPACT:
		return mm_daemon(ctx->w, MMD_COMPACT);
	case MM_OP_DROP_CACHES:
		return mm_drop_caches(ctx->w);
	default:
		return -MM_ENOTMODELLED;
	}
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
	cfg->swap = p->swap;
	cfg->hugetlb_2m = p->hugetlb_2m;
	cfg->hugetlb_1g = p->hugetlb_1g;
	return true;
}

static void trace_stmt(struct run_ctx *ctx, const struct mm_stmt *s, int ret)
{
	char buf[256];

	if (!ctx->opt->trace)
		return;
	mm_stmt_print(s, buf, sizeof(buf));
	fprintf(ctx->opt->trace, "  %d: %s -> %s\n", s->line, buf,
		ret ? mm_strerror(ret) : "ok");
}

static bool stmt_supported(struct run_ctx *ctx, const struct mm_stmt *s)
{
	if (s->thread >= 0 || s->op == MM_OP_THREAD_STEP ||
	    s->op == MM_OP_THREAD_FINISH) {
		run_error(ctx, s->line, "stepwise operations (@tN, tN step/finish) are not supported yet");
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
		int ret;

		ctx->stmt = s;
		if (!stmt_supported(ctx, s))
			break;
		world_clear_violation(ctx->w);
		ret = exec_stmt(ctx, s);
		trace_stmt(ctx, s, ret);
		if (ret == -MM_ENOTMODELLED) {
			char buf[256];

			mm_stmt_print(s, buf, sizeof(buf));
			run_error(ctx, s->line, "'%s' is not supported yet", buf);
			break;
		}
		check_after(ctx);
		oracle_statement_done(ctx->o);
		ctx->res->nr_statements = i + 1;
		if (!ctx->failed && ctx->opt->after_stmt)
			run_hook(ctx, i);
	}
}

enum run_outcome mm_run_program(const struct mm_prog *p,
				const struct run_options *opt,
				struct run_result *res)
{
	struct run_ctx ctx = { .prog = p, .opt = opt, .res = res };
	struct oracle_config ocfg = { 0 };
	struct world_config cfg;
	int err;

	memset(res, 0, sizeof(*res));
	res->outcome = RUN_OK;
	ctx.checks = opt->checks ? opt->checks : RUN_CHECK_ALL;
	if (!setup_config(&ctx, &cfg))
		return res->outcome;
	ctx.w = world_create(&cfg, &err);
	if (!ctx.w) {
		run_error(&ctx, 0, "configuration not supported yet (%s)",
			  mm_strerror(err));
		return res->outcome;
	}
	ocfg.longterm_pin_snapshots = cfg.knobs.on[MMK_UNSHARE_ANY_COW_LONGTERM];
	ocfg.hugetlb_force_write_refused = cfg.knobs.on[MMK_HUGETLB_NO_FORCE_WRITE];
	ocfg.gup_breaks_cow = cfg.knobs.on[MMK_GUP_FORCED_COW_BREAK];
	ctx.o = oracle_create(&ocfg);
	run_statements(&ctx);
	if (opt->trace && res->outcome == RUN_VIOLATION) {
		struct mm_violation v = { 0 };

		fprintf(opt->trace, "mmfuzz: violation %s/%s at line %d (%s): %s\n",
			res->cls, res->id, res->line, res->stmt, res->msg);
		world_dump(ctx.w, opt->trace, world_check(ctx.w, &v) ? &v : NULL);
	}
	oracle_destroy(ctx.o);
	world_destroy(ctx.w);
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
