// SPDX-License-Identifier: MIT
/*
 * exec.c - what each statement kind does: one callback per kind of the
 * statement table (lang/include/mmstmt.h), registered in exec_table
 * below.  A callback asks the emulator to do the statement, then tells
 * the oracle what the statement did, as far as the emulator let it.
 *
 * -MM_EWOULDWAIT (a lock held by an unfinished thread) means that the
 * emulator did nothing: the oracle is told nothing either.
 */
#include "run_internal.h"

#include <errno.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

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

/* ------------------------------------------------------------------ */
/* Address space.                                                       */

/* The huge page size of the mapping @s makes, or 0. */
static uint64_t mmap_huge_size(const struct run_ctx *ctx,
			       const struct mm_stmt *s)
{
	if (s->map_opts & MM_MAP_HUGETLB_1G)
		return 1ULL << 30;
	if (s->map_opts & MM_MAP_HUGETLB)
		return 2ULL << 20;
	return s->file >= 0 ? ctx->file_huge_size[s->file] : 0;
}

/* The new mapping's meaning, when it is in place (exec_step). */
static void mmap_mapped(struct run_ctx *ctx, const struct mm_stmt *s)
{
	uint64_t addr = mm_region_addr(s->region), foff = s->has_foff ? s->foff : 0;
	uint64_t huge = mmap_huge_size(ctx, s);

	oracle_mmap(ctx->o, s->proc, addr, s->size, oracle_prot_of(s->prot),
		    s->shared, s->file, foff, s->map_opts & MM_MAP_RO_FILE);
	if (huge)
		oracle_mark_hugetlb(ctx->o, s->proc, addr, s->size, huge);
}

/*
 * MAP_POPULATE's fault of the page at @a: a write fault in a private
 * writable file mapping gives a private copy.  False where it stops.
 */
static bool mmap_populated(struct run_ctx *ctx, const struct mm_stmt *s,
			   uint64_t a)
{
	if (!oracle_backed(ctx->o, s->proc, a))
		return false;
	if (!s->shared && s->prot == MM_PROT_RW && s->file >= 0)
		oracle_write_intent(ctx->o, s->proc, a);
	else
		oracle_touch(ctx->o, s->proc, a, 1);
	return true;
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
	/*
	 * MAP_POPULATE: each page's fault was meant as it happened; the
	 * whole range is meant again here, from the program's meaning alone
	 * (a fault the emulator left out must not go unnoticed).
	 */
	if (!(s->map_opts & MM_MAP_POPULATE) || s->prot == MM_PROT_NONE)
		return 0;
	for (uint64_t a = addr; a < addr + s->size; a += MM_PAGE_SIZE)
		if (!mmap_populated(ctx, s, a))
			break;
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

	if (ret == -MM_EWOULDWAIT)
		return ret;
	oracle_insert_zeropage(ctx->o, s->proc, s->range.start, done);
	return ret;
}

static int exec_munmap(struct run_ctx *ctx, const struct mm_stmt *s)
{
	int ret = mm_munmap(ctx->w, s->proc, s->range.start, s->range.size);

	if (!ret)
		oracle_munmap(ctx->o, s->proc, s->range.start, s->range.size);
	return ret;
}

static int exec_mprotect(struct run_ctx *ctx, const struct mm_stmt *s)
{
	int ret = mm_mprotect(ctx->w, s->proc, s->range.start, s->range.size,
			      emu_prot_of(s->prot));

	/* A hole or a refusal stops it; what came before changed. */
	if (!ret || ret == -ENOMEM || ret == -EACCES)
		oracle_mprotect(ctx->o, s->proc, s->range.start, s->range.size,
				oracle_prot_of(s->prot));
	return ret;
}

static int exec_mremap(struct run_ctx *ctx, const struct mm_stmt *s)
{
	uint64_t to = mm_region_addr(s->region);
	int ret = mm_mremap(ctx->w, s->proc, s->range.start, s->range.size, to);

	if (!ret)
		oracle_mremap(ctx->o, s->proc, s->range.start, s->range.size, to);
	return ret;
}

/* ------------------------------------------------------------------ */
/* madvise: the advice's emulator value and its meaning.                */

static void advise_populate_read(struct run_ctx *ctx, const struct mm_stmt *s)
{
	uint64_t a = s->range.start, len = s->range.size;

	if (!oracle_populate_known(ctx->o))
		return;		/* an unknown advice before 5.14 */
	/* Read faults up to the first page that could not be faulted. */
	for (uint64_t p = a; p < a + len; p += MM_PAGE_SIZE) {
		if (!oracle_may_access(ctx->o, s->proc, p, false, false) ||
		    !oracle_backed(ctx->o, s->proc, p))
			break;
		oracle_touch(ctx->o, s->proc, p, 1);
	}
}

static void advise_populate_write(struct run_ctx *ctx, const struct mm_stmt *s)
{
	uint64_t a = s->range.start, len = s->range.size;

	if (!oracle_populate_known(ctx->o))
		return;		/* an unknown advice before 5.14 */
	/*
	 * A thread's pages were meant as it faulted and took them
	 * (exec_step): another statement may have discarded them since.
	 * Whole, nothing can, and the range is meant again from the
	 * program's meaning alone (a fault the emulator left out shows).
	 */
	if (ctx->cur_thread >= 0)
		return;
	/* Write faults up to the first page that could not be faulted. */
	for (uint64_t p = a; p < a + len; p += MM_PAGE_SIZE) {
		if (!oracle_may_access(ctx->o, s->proc, p, true, false) ||
		    !oracle_backed(ctx->o, s->proc, p))
			break;
		oracle_write_intent(ctx->o, s->proc, p);
	}
}

static void advise_dontneed(struct run_ctx *ctx, const struct mm_stmt *s)
{
	oracle_dontneed(ctx->o, s->proc, s->range.start, s->range.size);
}

static void advise_free(struct run_ctx *ctx, const struct mm_stmt *s)
{
	oracle_free(ctx->o, s->proc, s->range.start, s->range.size);
}

static void advise_remove(struct run_ctx *ctx, const struct mm_stmt *s)
{
	oracle_remove(ctx->o, s->proc, s->range.start, s->range.size);
}

/*
 * DONTNEED and FREE refuse a locked mapping with EINVAL after acting on
 * the mappings before it; the oracle stops there too.
 */
static bool stopped_at_locked(struct run_ctx *ctx, const struct mm_stmt *s,
			      int ret)
{
	return ret == -EINVAL &&
	       (s->advice == MM_ADV_DONTNEED || s->advice == MM_ADV_FREE) &&
	       oracle_locked_in(ctx->o, s->proc, s->range.start,
				s->range.size);
}

static const struct {
	enum mm_madv madv;
	/* What the advice means once the emulator took it; NULL: nothing. */
	void (*mean)(struct run_ctx *ctx, const struct mm_stmt *s);
	bool fork_advice;		/* a MADV_*FORK: oracle_fork_advice */
	enum oracle_advice fork;
	bool even_failed;		/* meant whatever the emulator returned */
} advice_table[MM_NR_ADVICE] = {
	[MM_ADV_DONTNEED] = { MMA_DONTNEED, advise_dontneed, false, 0, false },
	[MM_ADV_FREE] = { MMA_FREE, advise_free, false, 0, false },
	[MM_ADV_DONTFORK] = { MMA_DONTFORK, NULL, true, ORACLE_DONTFORK, false },
	[MM_ADV_DOFORK] = { MMA_DOFORK, NULL, true, ORACLE_DOFORK, false },
	[MM_ADV_WIPEONFORK] = { MMA_WIPEONFORK, NULL, true, ORACLE_WIPEONFORK,
				false },
	[MM_ADV_KEEPONFORK] = { MMA_KEEPONFORK, NULL, true, ORACLE_KEEPONFORK,
				false },
	[MM_ADV_HUGEPAGE] = { MMA_HUGEPAGE, NULL, false, 0, false },
	[MM_ADV_NOHUGEPAGE] = { MMA_NOHUGEPAGE, NULL, false, 0, false },
	[MM_ADV_COLLAPSE] = { MMA_COLLAPSE, NULL, false, 0, false },
	[MM_ADV_PAGEOUT] = { MMA_PAGEOUT, NULL, false, 0, false },
	[MM_ADV_MERGEABLE] = { MMA_MERGEABLE, NULL, false, 0, false },
	[MM_ADV_UNMERGEABLE] = { MMA_UNMERGEABLE, NULL, false, 0, false },
	[MM_ADV_POPULATE_READ] = { MMA_POPULATE_READ, advise_populate_read,
				   false, 0, true },
	/* It stops at the first page it could not fault: the oracle too. */
	[MM_ADV_POPULATE_WRITE] = { MMA_POPULATE_WRITE, advise_populate_write,
				    false, 0, true },
	/* It punches mapping by mapping up to a refusal: the oracle too. */
	[MM_ADV_REMOVE] = { MMA_REMOVE, advise_remove, false, 0, true },
};

static int exec_madvise(struct run_ctx *ctx, const struct mm_stmt *s)
{
	int ret = mm_madvise(ctx->w, s->proc, s->range.start, s->range.size,
			     advice_table[s->advice].madv);

	if (ret == -MM_ENOTMODELLED || ret == -MM_EWOULDWAIT)
		return ret;
	/* A hole in the range: the mapped parts got the advice all the same. */
	if (ret && ret != -ENOMEM && !advice_table[s->advice].even_failed &&
	    !stopped_at_locked(ctx, s, ret))
		return ret;
	if (advice_table[s->advice].fork_advice)
		oracle_fork_advice(ctx->o, s->proc, s->range.start,
				   s->range.size, advice_table[s->advice].fork);
	else if (advice_table[s->advice].mean)
		advice_table[s->advice].mean(ctx, s);
	return ret;
}

/*
 * mlock: a hole refuses it before anything is faulted in (the mappings
 * before the hole are locked all the same); otherwise every page is
 * faulted in up to the first that cannot be.
 */
static int exec_mlock(struct run_ctx *ctx, const struct mm_stmt *s)
{
	int ret = mm_mlock(ctx->w, s->proc, s->range.start, s->range.size);

	if (ret == -MM_EWOULDWAIT)
		return ret;
	/*
	 * Its population is meant page by page as it faults (exec_step);
	 * once it succeeded, the whole range is meant again from the program
	 * alone.  A failure stopped it at a page it could not fault (a
	 * hugetlb COW with the pool dry leaves the file's page mapped
	 * read-only, no copy): only the faulted pages are meant then.
	 */
	if (oracle_mlock(ctx->o, s->proc, s->range.start, s->range.size, true) &&
	    !ret)
		oracle_mlock_populate(ctx->o, s->proc, s->range.start,
				      s->range.size);
	return ret;
}

static int exec_munlock(struct run_ctx *ctx, const struct mm_stmt *s)
{
	int ret = mm_munlock(ctx->w, s->proc, s->range.start, s->range.size);

	if (ret == -MM_EWOULDWAIT)
		return ret;
	oracle_mlock(ctx->o, s->proc, s->range.start, s->range.size, false);
	return ret;
}

/* ------------------------------------------------------------------ */
/* Memory access.                                                       */

/* Each page a store wrote is judged and meant as it is written (exec_step). */
static int do_store(struct run_ctx *ctx, const struct mm_stmt *s, bool force)
{
	uint64_t nr = s->range.size / MM_PAGE_SIZE;
	struct mm_data d = fresh_data(ctx, nr);
	long done;
	int err;

	ctx->data = &d;
	if (force)
		done = mm_memaccess(ctx->w, s->proc, s->range.start, s->range.size,
				    true, &d, NULL, NULL, &err);
	else
		done = mm_access(ctx->w, s->proc, s->range.start, s->range.size,
				 true, &d, NULL, NULL, &err);
	ctx->data = NULL;
	if (err == -MM_EWOULDWAIT)
		return err;
	judge_access(ctx, s, done > 0 ? (uint64_t)done : 0, err, true, force);
	return err;
}

/*
 * A thread's loads are reported at its completion (program.md §3), judged
 * as they happen (thread.c).
 */
static int do_load(struct run_ctx *ctx, const struct mm_stmt *s, bool force)
{
	struct run_thread *t = ctx->cur_thread >= 0 ?
			       &ctx->threads[ctx->cur_thread] : NULL;
	mm_observe_fn obs = t ? observe_load_later : observe_load;
	void *priv = t ? (void *)t : (void *)ctx;
	long done;
	int err;

	ctx->pid = s->proc;
	if (force)
		done = mm_memaccess(ctx->w, s->proc, s->range.start, s->range.size,
				    false, NULL, obs, priv, &err);
	else
		done = mm_access(ctx->w, s->proc, s->range.start, s->range.size,
				 false, NULL, obs, priv, &err);
	if (err == -MM_EWOULDWAIT)
		return err;
	if (t)
		observe_loads_now(t);
	/* /proc/self/mem's faults were meant as they happened (exec_step). */
	if (!force && done > 0)
		oracle_touch(ctx->o, s->proc, s->range.start, (uint64_t)done);
	judge_access(ctx, s, done > 0 ? (uint64_t)done : 0, err, false, force);
	return err;
}

static int exec_read(struct run_ctx *ctx, const struct mm_stmt *s)
{
	return do_load(ctx, s, false);
}

static int exec_memread(struct run_ctx *ctx, const struct mm_stmt *s)
{
	return do_load(ctx, s, true);
}

static int exec_write(struct run_ctx *ctx, const struct mm_stmt *s)
{
	return do_store(ctx, s, false);
}

static int exec_memwrite(struct run_ctx *ctx, const struct mm_stmt *s)
{
	return do_store(ctx, s, true);
}

static int exec_clear_refs(struct run_ctx *ctx, const struct mm_stmt *s)
{
	return mm_clear_refs(ctx->w, s->proc);
}

/* ------------------------------------------------------------------ */
/* Processes.                                                           */

/* The child was meant as fork began to copy, entry by entry (exec_step). */
static int exec_fork(struct run_ctx *ctx, const struct mm_stmt *s)
{
	int ret = mm_fork(ctx->w, s->proc, s->child);

	if (ret != -MM_EWOULDWAIT)
		oracle_fork_end(ctx->o, s->proc, ret == 0);
	return ret;
}

static int exec_exit(struct run_ctx *ctx, const struct mm_stmt *s)
{
	int ret = mm_exit(ctx->w, s->proc);

	if (!ret)
		oracle_exit(ctx->o, s->proc);
	return ret;
}

/* ------------------------------------------------------------------ */
/* GUP references and pins.                                             */

/*
 * The GUP flags of a statement that takes a handle: gN's own, a pipe's
 * references (get_user_pages_fast() without FOLL_WRITE, §2.21), io_uring
 * fixed buffers (a long-term write pin, §2.22).
 */
static unsigned int gup_flags_of(const struct mm_stmt *s)
{
	unsigned int flags = 0;

	if (s->op == MM_OP_VMSPLICE)
		return MMG_FAST;
	if (s->op == MM_OP_IOURING)
		return MMG_PIN | MMG_WRITE | MMG_LONGTERM | MMG_FAST;
	flags |= s->gup_mode == MM_GUP_PIN ? MMG_PIN : 0;
	flags |= s->gup_flags & MM_GUP_WRITE ? MMG_WRITE : 0;
	flags |= s->gup_flags & MM_GUP_LONGTERM ? MMG_LONGTERM : 0;
	flags |= s->gup_flags & MM_GUP_FORCE ? MMG_FORCE : 0;
	flags |= s->gup_flags & MM_GUP_FAST ? MMG_FAST : 0;
	return flags;
}

/*
 * The handle's pages and their faults were meant as they were taken
 * (exec_step); on failure the handle is released again, but the faults
 * before the failure stay.
 */
static int do_gup(struct run_ctx *ctx, const struct mm_stmt *s,
		  enum mm_holder holder)
{
	/* Another thread's GUP is filling gN: this one ends nothing of it. */
	bool busy = oracle_gup_filling(ctx->o, s->handle);
	int ret = mm_gup(ctx->w, s->proc, s->handle, s->range.start,
			 s->range.size, gup_flags_of(s), holder, NULL);

	if (ret != -MM_EWOULDWAIT && !busy)
		oracle_gup_end(ctx->o, s->handle, ret == 0);
	return ret;
}

static int exec_gup(struct run_ctx *ctx, const struct mm_stmt *s)
{
	return do_gup(ctx, s, MMH_GUP);
}

static int exec_vmsplice(struct run_ctx *ctx, const struct mm_stmt *s)
{
	return do_gup(ctx, s, MMH_VMSPLICE);
}

static int exec_iouring(struct run_ctx *ctx, const struct mm_stmt *s)
{
	return do_gup(ctx, s, MMH_IOURING);
}

/* A GUP statement's fault or reference at @addr, meant now. */
static void step_gup(struct run_ctx *ctx, const struct mm_stmt *s,
		     enum mm_step step, uint64_t addr)
{
	unsigned int flags = gup_flags_of(s);
	bool pin = flags & MMG_PIN, write = flags & MMG_WRITE;
	bool longterm = flags & MMG_LONGTERM;

	/*
	 * A R/O long-term pin freezes its copy when GUP unshares the page,
	 * not at the read fault before: the file may change in between.
	 */
	if (step == MM_STEP_FAULTED)
		oracle_gup_faulted(ctx->o, s->proc, addr, 1, pin, write, false);
	else if (step == MM_STEP_UNSHARED)
		oracle_gup_faulted(ctx->o, s->proc, addr, 1, pin, write,
				   longterm);
	else if (step == MM_STEP_TAKEN)
		oracle_gup_page(ctx->o, s->handle, s->proc, s->range.start,
				s->range.size / MM_PAGE_SIZE, addr, pin, write,
				longterm);
}

/*
 * A page stored: judged, then meant.  Through /proc/self/mem it lands on
 * the page taken (oracle_mem_take()), whatever the owner did meanwhile.
 */
static void step_store(struct run_ctx *ctx, const struct mm_stmt *s,
		       uint64_t addr, bool force)
{
	uint64_t v = data_at(ctx->data, (addr - s->range.start) / MM_PAGE_SIZE);

	judge_store(ctx, s, addr, force);
	if (force)
		oracle_mem_store(ctx->o, ctx->cur_thread + 1, v);
	else
		oracle_write(ctx->o, s->proc, addr, v);
}

void exec_step(void *priv, enum mm_step step, uint64_t addr)
{
	struct run_ctx *ctx = priv;
	const struct mm_stmt *s = ctx->stmt;
	bool force = s->op == MM_OP_MEMWRITE || s->op == MM_OP_MEMREAD;

	switch (s->op) {
	case MM_OP_GUP: case MM_OP_VMSPLICE: case MM_OP_IOURING:
		step_gup(ctx, s, step, addr);
		break;
	case MM_OP_WRITE: case MM_OP_MEMWRITE: case MM_OP_MEMREAD:
		/* /proc/self/mem's GUP: the fault, and a reference per page. */
		if (step == MM_STEP_FAULTED && force)
			oracle_gup_faulted(ctx->o, s->proc, addr, 1, false,
					   s->op == MM_OP_MEMWRITE, false);
		if (step == MM_STEP_TAKEN && force)
			oracle_mem_take(ctx->o, ctx->cur_thread + 1, s->proc,
					addr, s->op == MM_OP_MEMWRITE);
		if (step == MM_STEP_STORED && ctx->data)
			step_store(ctx, s, addr, force);
		break;
	case MM_OP_MMAP:
		if (step == MM_STEP_MAPPED)
			mmap_mapped(ctx, s);
		else if ((step == MM_STEP_FAULTED || step == MM_STEP_TAKEN) &&
			 (s->map_opts & MM_MAP_POPULATE))
			mmap_populated(ctx, s, addr);
		break;
	case MM_OP_MLOCK:
		/* mlock's population faults, as oracle_mlock_populate(). */
		if (step == MM_STEP_FAULTED)
			oracle_mlock_populate(ctx->o, s->proc, addr, MM_PAGE_SIZE);
		break;
	case MM_OP_FORK:
		if (step == MM_STEP_FORK_BEGIN)
			oracle_fork_start(ctx->o, s->proc, s->child);
		else if (step == MM_STEP_FORKED)
			oracle_fork_progress(ctx->o, s->proc, addr);
		break;
	case MM_OP_MADVISE:
		/* MADV_POPULATE_WRITE's write fault, as advise_populate_write. */
		if ((step == MM_STEP_FAULTED || step == MM_STEP_TAKEN) &&
		    s->advice == MM_ADV_POPULATE_WRITE &&
		    oracle_populate_known(ctx->o) &&
		    oracle_may_access(ctx->o, s->proc, addr, true, false) &&
		    oracle_backed(ctx->o, s->proc, addr))
			oracle_write_intent(ctx->o, s->proc, addr);
		break;
	default:
		break;
	}
}

static int exec_handle_read(struct run_ctx *ctx, const struct mm_stmt *s)
{
	ctx->gid = s->handle;
	return mm_handle_read(ctx->w, s->handle, observe_handle, ctx);
}

static int exec_handle_write(struct run_ctx *ctx, const struct mm_stmt *s)
{
	struct mm_data d = fresh_data(ctx, mm_handle_nr_pages(ctx->w, s->handle));
	int ret = mm_handle_write(ctx->w, s->handle, &d);

	if (!ret)
		oracle_handle_write(ctx->o, s->handle, d.value, d.unique);
	return ret;
}

static int exec_handle_put(struct run_ctx *ctx, const struct mm_stmt *s)
{
	int ret = mm_handle_put(ctx->w, s->handle);

	oracle_handle_put(ctx->o, s->handle);
	return ret;
}

/* ------------------------------------------------------------------ */
/* Files and system-wide passes.                                        */

static const struct {
	enum mm_file_type type;
	uint64_t huge_size;		/* hugetlb files: the page size */
} file_kinds[MM_NR_FILE_KINDS] = {
	[MM_FILE_MEMFD] = { MMFT_MEMFD, 0 },
	[MM_FILE_TMPFILE] = { MMFT_TMPFILE, 0 },
	[MM_FILE_SHMEM] = { MMFT_SHMEM, 0 },
	[MM_FILE_MEMFD_HUGETLB] = { MMFT_MEMFD_HUGETLB, 2ULL << 20 },
	[MM_FILE_MEMFD_HUGETLB_1G] = { MMFT_MEMFD_HUGETLB_1G, 1ULL << 30 },
};

static int exec_file(struct run_ctx *ctx, const struct mm_stmt *s)
{
	uint64_t huge = file_kinds[s->file_kind].huge_size;
	int ret = mm_file_create(ctx->w, s->file, file_kinds[s->file_kind].type,
				 s->size);

	if (!ret) {
		ctx->file_size[s->file] = s->size;
		ctx->file_huge_size[s->file] = huge;
		oracle_file_create(ctx->o, s->file, s->size, huge);
	}
	return ret;
}

static int exec_file_write(struct run_ctx *ctx, const struct mm_stmt *s)
{
	uint64_t off = s->has_fwoff ? s->fwoff : 0;
	uint64_t len = s->has_fwlen ? s->fwlen : ctx->file_size[s->file] - off;
	struct mm_data d = fresh_data(ctx, len / MM_PAGE_SIZE);
	int ret = mm_file_write(ctx->w, s->file, off, len, &d);

	if (!ret)
		for (uint64_t i = 0; i < len / MM_PAGE_SIZE; i++)
			oracle_file_write(ctx->o, s->file, off / MM_PAGE_SIZE + i,
					  data_at(&d, i));
	return ret;
}

/* The passes change no process's view: the oracle has nothing to learn. */
static int exec_ksm(struct run_ctx *ctx, const struct mm_stmt *s)
{
	(void)s;
	return mm_daemon(ctx->w, MMD_KSM);
}

static int exec_reclaim(struct run_ctx *ctx, const struct mm_stmt *s)
{
	(void)s;
	return mm_daemon(ctx->w, MMD_RECLAIM);
}

static int exec_khugepaged(struct run_ctx *ctx, const struct mm_stmt *s)
{
	(void)s;
	return mm_daemon(ctx->w, MMD_KHUGEPAGED);
}

static int exec_compact(struct run_ctx *ctx, const struct mm_stmt *s)
{
	(void)s;
	return mm_daemon(ctx->w, MMD_COMPACT);
}

static int exec_drop_caches(struct run_ctx *ctx, const struct mm_stmt *s)
{
	(void)s;
	return mm_drop_caches(ctx->w);
}

/* ------------------------------------------------------------------ */
/* The table: one callback per statement kind, NULL for kinds the       */
/* runner cannot run (stepwise threads).                                */

typedef int (*exec_fn)(struct run_ctx *ctx, const struct mm_stmt *s);

static const exec_fn exec_table[] = {
	[MM_OP_MMAP] = exec_mmap,
	[MM_OP_MUNMAP] = exec_munmap,
	[MM_OP_MPROTECT] = exec_mprotect,
	[MM_OP_MADVISE] = exec_madvise,
	[MM_OP_MREMAP] = exec_mremap,
	[MM_OP_READ] = exec_read,
	[MM_OP_WRITE] = exec_write,
	[MM_OP_MEMWRITE] = exec_memwrite,
	[MM_OP_MEMREAD] = exec_memread,
	[MM_OP_CLEAR_REFS] = exec_clear_refs,
	[MM_OP_FORK] = exec_fork,
	[MM_OP_EXIT] = exec_exit,
	[MM_OP_GUP] = exec_gup,
	[MM_OP_VMSPLICE] = exec_vmsplice,
	[MM_OP_IOURING] = exec_iouring,
	[MM_OP_HANDLE_READ] = exec_handle_read,
	[MM_OP_HANDLE_WRITE] = exec_handle_write,
	[MM_OP_HANDLE_PUT] = exec_handle_put,
	[MM_OP_FILE] = exec_file,
	[MM_OP_FILE_WRITE] = exec_file_write,
	[MM_OP_KSM] = exec_ksm,
	[MM_OP_RECLAIM] = exec_reclaim,
	[MM_OP_KHUGEPAGED] = exec_khugepaged,
	[MM_OP_COMPACT] = exec_compact,
	[MM_OP_DROP_CACHES] = exec_drop_caches,
	[MM_OP_THREAD_STEP] = NULL,
	[MM_OP_THREAD_FINISH] = NULL,
	[MM_OP_MMAP_DRIVER] = exec_mmap_driver,
	[MM_OP_INSERT_ZEROPAGE] = exec_insert_zeropage,
	[MM_OP_MLOCK] = exec_mlock,
	[MM_OP_MUNLOCK] = exec_munlock,
};
_Static_assert(ARRAY_SIZE(exec_table) == MM_NR_OPS,
	       "every statement kind needs its row in exec_table");

bool exec_has_kind(int op)
{
	return (unsigned int)op < ARRAY_SIZE(exec_table) && exec_table[op];
}

int exec_stmt(struct run_ctx *ctx, const struct mm_stmt *s)
{
	if (!exec_has_kind(s->op))
		return -MM_ENOTMODELLED;
	return exec_table[s->op](ctx, s);
}
