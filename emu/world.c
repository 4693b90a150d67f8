// SPDX-License-Identifier: MIT
/*
 * world.c - the world object: creation and destruction, processes (fork,
 * exit), violation records, and the failure path of MM_BUG_ON.
 */
#include "internal.h"

#include <stdarg.h>

void world_config_default(struct world_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	mm_era_preset("current", &cfg->knobs);
	cfg->thp = MM_THP_MODE_MADVISE;
	cfg->huge_zeropage = true;
	cfg->zeropage = true;
	cfg->swap = true;
	cfg->hugetlb_2m = 64;
	cfg->hugetlb_1g = 4;
}

static struct mm_struct *mm_alloc(struct world *w, int pid)
{
	struct mm_struct *mm = kzalloc(w, sizeof(*mm));

	mm->w = w;
	mm->pid = pid;
	mm->pgd = pgd_alloc(w);
	return mm;
}

/*
 * Refuse what the configuration asks that the emulator cannot do yet:
 * knob combinations where a forced write to a read-only entry loops in
 * the kernel's GUP for ever.  Without any of the three forced-write rules
 * (the retry that drops FOLL_WRITE, FOLL_COW, PageAnonExclusive) it never
 * succeeds; 4.9 had the FOLL_COW test for PTEs only, and such a write to
 * a read-only THP looped until 8310d48b125d (4.10) added it for PMDs.
 */
static int world_config_check(const struct world_config *cfg)
{
	const bool *on = cfg->knobs.on;

	if (on[MMK_FORCE_WRITE_NEEDS_PAE])
		return 0;
	if (on[MMK_FOLL_COW_DIRTY_CHECK])
		return on[MMK_THP_FOLL_COW_CHECK] ? 0 : -MM_ENOTMODELLED;
	return on[MMK_GUP_FORCE_WRITE_DROPPED_AFTER_COW] ? 0 : -MM_ENOTMODELLED;
}

struct world *world_create(const struct world_config *cfg, int *err)
{
	struct world *w;
	int ret = world_config_check(cfg);

	if (ret) {
		if (err)
			*err = ret;
		return NULL;
	}
	w = mm_arena_zalloc(cfg->arena, sizeof(*w));
	w->cfg = *cfg;
	w->folios.next = w->folios.prev = &w->folios;
	w->zero_folio = folio_alloc(w, FOLIO_ZERO, 0);	/* the world's reference */
	hugetlb_init(w);
	w->mm[0] = mm_alloc(w, 0);
	if (err)
		*err = 0;
	return w;
}

static void mm_free(struct world *w, int pid)
{
	struct mm_struct *mm = w->mm[pid];

	gup_release_handles_of(w, pid);
	exit_mmap(w, mm);
	free_pgd(mm);
	kfree(w, mm);
	w->mm[pid] = NULL;
}

void world_destroy(struct world *w)
{
	if (!w)
		return;
	/* An unfinished thread's operation is abandoned with its stack. */
	sched_destroy(w);
	for (int pid = 0; pid < NR_PROCS; pid++)
		if (w->mm[pid])
			mm_free(w, pid);
	for (int fid = 0; fid < NR_FILES; fid++)
		if (w->files[fid])
			file_put(w, w->files[fid]);
	swap_destroy(w);
	if (w->huge_zero_folio) {
		struct folio *hz = w->huge_zero_folio;

		MM_BUG_ON_FOLIO(w, hz->refcount != 1 || hz->pincount, hz);
		hz->refcount = 0;
		hz->prev->next = hz->next;
		hz->next->prev = hz->prev;
		/* Pages of it have state only if a bug wrote into it (S5). */
		for_each_folio_chunk(hz, c)
			kfree(w, hz->chunks[c]);
		kfree(w, hz->chunks);
		kfree(w, hz->touched);
		kfree(w, hz->filled);
		kfree(w, hz);
		w->nr_folios--;
	}
	MM_BUG_ON_FOLIO(w, w->zero_folio->refcount != 1, w->zero_folio);
	w->zero_folio->refcount = 0;
	w->zero_folio->prev->next = w->zero_folio->next;
	w->zero_folio->next->prev = w->zero_folio->prev;
	kfree(w, w->zero_folio);
	w->nr_folios--;
	/* Every folio must be gone: anything left is a reference leak. */
	MM_BUG_ON_FOLIO(w, w->nr_folios != 0, w->folios.next);
	mm_arena_free(w->cfg.arena, w);
}

void mm_set_step_hook(struct world *w, mm_step_fn fn, void *priv)
{
	w->step_hook = fn;
	w->step_priv = priv;
}

struct mm_struct *get_mm(struct world *w, int pid)
{
	if (pid < 0 || pid >= NR_PROCS)
		return NULL;
	return w->mm[pid];
}

bool mm_proc_alive(const struct world *w, int pid)
{
	return pid >= 0 && pid < NR_PROCS && w->mm[pid];
}

/*
 * mm_fork - fork(): @child gets a copy of @parent's address space.  The
 * child does not inherit MMF_HAS_PINNED, nor the parent's GUP handles.
 *
 * Models: kernel/fork.c:copy_mm() -> dup_mm()
 */
int mm_fork(struct world *w, int parent, int child)
{
	struct mm_struct *oldmm = get_mm(w, parent);
	int err;

	if (!oldmm || child < 0 || child >= NR_PROCS)
		return -EINVAL;
	if ((err = mmap_lock(w, parent, MMAP_LOCK_WRITE)))
		return err;
	/* After the lock: a thread that waited for it may find pJ taken. */
	if (w->mm[child])
		return -EINVAL;
	w->mm[child] = mm_alloc(w, child);
	/* The new mm is locked too while its tables are copied. */
	mmap_lock(w, child, MMAP_LOCK_WRITE);
	w->mm[child]->dup_in_progress = true;
	mm_step_done(w, MM_STEP_FORK_BEGIN, 0);
	err = dup_mmap(w, oldmm, w->mm[child]);
	w->mm[child]->dup_in_progress = false;
	if (err)	/* the half-built child goes, as dup_mmap's failure path does */
		mm_free(w, child);
	return err;
}

/* Models: kernel/exit.c:do_exit() -> exit_mm() -> mmput() -> exit_mmap() */
int mm_exit(struct world *w, int pid)
{
	int err;

	if (!get_mm(w, pid))
		return -ESRCH;
	if ((err = mmap_lock(w, pid, MMAP_LOCK_EXIT)))
		return err;
	if (!get_mm(w, pid))	/* another thread of it exited first */
		return -ESRCH;
	mm_free(w, pid);
	return 0;
}

/*
 * mm_daemon - the system-wide passes.  reclaim: every anon folio that can
 * go to swap does, then clean unmapped page cache is dropped.  ksm: one
 * full scan (ksm.c).  compact: one migration pass (migrate.c).
 */
int mm_daemon(struct world *w, enum mm_daemon which)
{
	if (mmap_lock_all_read(w))
		return -MM_EWOULDWAIT;
	switch (which) {
	case MMD_RECLAIM:
		reclaim_anon(w);
		return mm_drop_caches(w);
	case MMD_KHUGEPAGED:
		khugepaged_scan(w);
		return 0;
	case MMD_KSM:
		return ksm_do_scan(w);
	case MMD_COMPACT:
		compact_nodes(w);
		return 0;
	default:
		return -MM_ENOTMODELLED;
	}
}

const char *mm_strerror(int err)
{
	switch (-err) {
	case 0: return "success";
	case EINVAL: return "EINVAL";
	case EFAULT: return "EFAULT";
	case EIO: return "EIO";
	case ENOMEM: return "ENOMEM";
	case EBUSY: return "EBUSY";
	case EPERM: return "EPERM";
	case EACCES: return "EACCES";
	case EBADF: return "EBADF";
	case ESRCH: return "ESRCH";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case EAGAIN: return "EAGAIN";
	case ENOENT: return "ENOENT";
	case ENODEV: return "ENODEV";
	case MM_ESIGSEGV: return "SIGSEGV";
	case MM_ESIGBUS: return "SIGBUS";
	case MM_ENOTMODELLED: return "not supported yet";
	case MM_EWOULDWAIT: return "would wait for the mmap lock";
	default: return "error";
	}
}

static const char *const vclass_names[] = {
	[MMV_NONE] = "none", [MMV_ISOLATION] = "isolation",
	[MMV_PIN_COHERENCE] = "pin-coherence", [MMV_ACCOUNTING] = "accounting",
	[MMV_EXCLUSIVITY] = "exclusivity", [MMV_FAULT] = "fault",
	[MMV_KNOWN] = "known",
};

const char *mm_vclass_name(enum mm_vclass c)
{
	return vclass_names[c];
}

enum mm_vclass mm_vclass_lookup(const char *name)
{
	for (int c = MMV_ISOLATION; c <= MMV_FAULT; c++)
		if (!strcmp(vclass_names[c], name))
			return c;
	return MMV_NONE;
}

void report_violation(struct world *w, enum mm_vclass cls, const char *id,
		      const struct folio *folio, int pid, uint64_t addr,
		      const char *fmt, ...)
{
	struct mm_violation *v = &w->violation;
	va_list ap;

	if (w->has_violation)
		return;
	w->has_violation = true;
	memset(v, 0, sizeof(*v));
	v->cls = cls;
	snprintf(v->id, sizeof(v->id), "%s", id);
	v->folio_id = folio ? folio->id : 0;
	v->pid = pid;
	v->addr = addr;
	v->gid = -1;
	va_start(ap, fmt);
	vsnprintf(v->msg, sizeof(v->msg), fmt, ap);
	va_end(ap);
}

const struct mm_violation *world_violation(const struct world *w)
{
	return w->has_violation ? &w->violation : NULL;
}

void world_clear_violation(struct world *w)
{
	w->has_violation = false;
}

/*
 * mm_bug - the model's own state is corrupt (not a kernel rule broken: an
 * emulator bug).  The first line is stable for crash deduplication.
 */
void mm_bug(struct world *w, const char *file, int line, const char *cond,
	    const struct folio *folio)
{
	fprintf(stderr, "BUG: mmfuzz emulator invariant: %s at %s:%d\n",
		cond, file, line);
	if (folio)
		fprintf(stderr, "folio #%llu order %u kind %d refcount %ld mapcount %ld\n",
			(unsigned long long)folio->id, folio->order, folio->kind,
			folio->refcount, folio_mapcount(folio));
	if (w)
		world_dump(w, stderr, NULL);
	abort();
}
