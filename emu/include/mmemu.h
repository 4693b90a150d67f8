/* SPDX-License-Identifier: MIT */
/*
 * mmemu.h - public interface of the mm emulator.
 *
 * One struct world holds every object of one run: processes and their page
 * tables and VMAs, folios, files and their page cache, the zeropage, GUP
 * handles, the policy knobs.  Nothing is global; two worlds never share
 * state, and a run is a pure function of its configuration and calls.
 *
 * The calls mirror what a user program can do (mmap, fork, write, pin...).
 * Every call returns 0 (or a count) on success and a negative error on
 * failure: a Linux errno (-EINVAL, -EFAULT, -ENOMEM, -EBUSY...) where the
 * kernel returns one, or -MM_ESIGSEGV / -MM_ESIGBUS where a memory access
 * would deliver that signal.  A failing call leaves the world consistent.
 *
 * After each call the emulator may have recorded a violation: either an
 * operation-level consistency check (F1-F4) failed during the call, or a
 * later world_check() finds a structural invariant broken (S, X, P ids of
 * semantics.md section 3).
 */
#ifndef MMFUZZ_MMEMU_H
#define MMFUZZ_MMEMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct world;
struct mm_arena;	/* mmarena.h */

/* Errors beyond errno: a memory access that raises a signal. */
#define MM_ESIGSEGV	1000
#define MM_ESIGBUS	1001
/* The operation exists in the language but is not modelled yet. */
#define MM_ENOTMODELLED	1002
/*
 * An operation that is not a thread would have to wait for an mmap lock
 * held by an unfinished thread (stepwise execution); nothing was done.
 */
#define MM_EWOULDWAIT	1003

/* Human-readable name of a (negative) return code: "EFAULT", "SIGSEGV"... */
const char *mm_strerror(int err);

/* ------------------------------------------------------------------ */
/* Policy knobs (semantics.md Appendix A).  Append only.               */

enum mm_knob {
	MMK_GUP_FORCE_WRITE_DROPPED_AFTER_COW,
	MMK_FOLL_COW_DIRTY_CHECK,
	MMK_THP_FOLL_COW_CHECK,
	MMK_TOUCH_PMD_ALWAYS_DIRTY,
	MMK_PIN_COUNTING,
	MMK_GUP_FORCED_COW_BREAK,
	MMK_THP_COW_SPLIT,
	MMK_WP_REUSE_REFCOUNT,
	MMK_KSM_REUSE_SINGLE_MAPPED,
	MMK_FORK_COPY_PINNED,
	MMK_FORK_COPY_PINNED_FILE_TOO,
	MMK_FORK_COPY_PINNED_HUGETLB,
	MMK_WRITE_PROTECT_SEQ,
	MMK_NO_SWAPCACHE_IF_PINNED,
	MMK_CLEAR_REFS_SKIP_PINNED,
	MMK_SWAPIN_REUSE_REFCOUNT,
	MMK_THP_WP_REUSE_REFCOUNT,
	MMK_WP_REUSE_FREE_SWAPCACHE,
	MMK_ANON_EXCLUSIVE,
	MMK_UNSHARE_ANON,
	MMK_SWP_EXCLUSIVE_MARKER,
	MMK_FORCE_WRITE_NEEDS_PAE,
	MMK_MPROTECT_UPGRADE_PAE,
	MMK_UNSHARE_ANY_COW_LONGTERM,
	MMK_HUGETLB_NO_FORCE_WRITE,
	MMK_KSM_UNMERGE_UNSHARE,
	MMK_ZEROPAGE_PIN_NOOP,
	MMK_LONGTERM_WRITE_FILE_REFUSED,
	MMK_ZEROPAGE_INSERT_SPECIAL,
	MMK_SWAPIN_WRITABLE_ON_READ,
	MMK_LARGE_FOLIO_WP_REUSE,
	MMK_HUGE_ZERO_PMD_SPECIAL,
	MMK_FORK_COPY_WRPROTECTS_PARENT,
	MMK_HUGETLB_REUSE_MAPCOUNT,
	MMK_MADV_COLLAPSE,
	MMK_HUGETLB_MREMAP,
	MMK_HUGETLB_MADV_DONTNEED,
	MMK_IOURING_FILE_ONLY_SHMEM_HUGETLB,
	MMK_WRITE_PROTECT_SEQ_HUGETLB,
	MMK_HUGETLB_FORCE_WRITE_COW,
	MMK_MREMAP_MULTI_VMA,
	MMK_MADV_POPULATE,
	MMK_HUGETLB_DONTNEED_ROUND_DOWN,
	/* Deliberately buggy policies: off in every era. */
	MMK_FORK_SHARE_PINNED,
	MMK_MPROTECT_UPGRADE_MAPCOUNT,
	MMK_MPROTECT_UPGRADE_NOT_SHARED,
	MMK_COLLAPSE_IN_PLACE,
	MMK_GUP_FAST_SKIP_UNSHARE,
	MMK_UNSHARE_MAPS_WRITABLE,
	MM_NR_KNOBS
};

struct mm_knob_info {
	const char *name;
	const char *commit;	/* commit that introduced the change, or "" */
	const char *what;	/* one line */
	bool buggy;		/* deliberate bug, off in every era */
	bool modelled;		/* the rules consult it (others are fixed at the era value) */
};

const struct mm_knob_info *mm_knob_info(enum mm_knob k);
/* Index of the knob called @name, or -1. */
int mm_knob_lookup(const char *name);

struct mm_knobs {
	bool on[MM_NR_KNOBS];
};

/*
 * Fill @out with the preset of era @name ("current", "6.17"...).
 * Returns 0, -ENOENT for an unknown name, -MM_ENOTMODELLED for an era whose
 * rules are not modelled yet.
 */
int mm_era_preset(const char *name, struct mm_knobs *out);
/* Canonical name of the era @name stands for ("current" -> "6.17"). */
const char *mm_era_canonical(const char *name);

/* ------------------------------------------------------------------ */
/* World.                                                               */

enum mm_thp_mode { MM_THP_MODE_MADVISE, MM_THP_MODE_ALWAYS, MM_THP_MODE_NEVER };

struct world_config {
	struct mm_knobs knobs;
	enum mm_thp_mode thp;
	uint32_t mthp_kb_mask;	/* as struct mm_prog */
	bool huge_zeropage;
	bool zeropage;		/* false: mm_forbids_zeropage() */
	bool swap;
	uint32_t hugetlb_2m, hugetlb_1g;
	/*
	 * Where the world's objects come from (mmarena.h): the caller's
	 * arena, which must outlive the world; NULL (the default): the C
	 * library's heap.
	 */
	struct mm_arena *arena;
};

/* The default configuration of era current. */
void world_config_default(struct world_config *cfg);

/*
 * Create a world with process 0 alive and an empty address space.
 * Returns NULL when the configuration asks for something not modelled yet
 * (with *@err = -MM_ENOTMODELLED) or on allocation failure (-ENOMEM).
 */
struct world *world_create(const struct world_config *cfg, int *err);
/* Free everything; no folio, table or handle survives. */
void world_destroy(struct world *w);

/* ------------------------------------------------------------------ */
/* Operations.  pid: 0..7, gup handles 0..31, files 0..7.               */

enum mm_map_prot { MMP_NONE = 0, MMP_READ = 1, MMP_WRITE = 2 };

/* mmap flags. */
#define MMF_SHARED	(1u << 0)	/* else MAP_PRIVATE */
#define MMF_ANON	(1u << 1)	/* else file @fid */
#define MMF_POPULATE	(1u << 2)
#define MMF_HUGETLB	(1u << 3)
#define MMF_HUGETLB_1G	(1u << 4)
#define MMF_RO_FILE	(1u << 5)	/* file opened read-only */

int mm_fork(struct world *w, int parent, int child);
int mm_exit(struct world *w, int pid);
/* MAP_FIXED mapping of [addr, addr+len); replaces what was there. */
int mm_mmap(struct world *w, int pid, uint64_t addr, uint64_t len,
	    unsigned int prot, unsigned int flags, int fid, uint64_t off);
/*
 * MAP_FIXED mapping of a character device whose driver inserts pages
 * itself (VM_MIXEDMAP); @flags: MMF_SHARED, MMF_RO_FILE (the device was
 * opened read-only).  Nothing is mapped until mm_insert_zeropage(); a
 * fault where nothing was inserted raises SIGBUS.
 */
int mm_mmap_driver(struct world *w, int pid, uint64_t addr, uint64_t len,
		   unsigned int prot, unsigned int flags);
/*
 * The driver of the mapping at [addr, addr+len) inserts the shared
 * zeropage at every page (vm_insert_page, vmf_insert_mixed), in order,
 * stopping at the first page it cannot: -EFAULT outside a driver
 * mapping, -EINVAL where the era's rule refuses the zeropage, -EBUSY
 * where something is mapped already.  *@done (if not NULL) gets the
 * number of pages inserted; they stay inserted after a failure.
 */
int mm_insert_zeropage(struct world *w, int pid, uint64_t addr, uint64_t len,
		       uint64_t *done);
int mm_munmap(struct world *w, int pid, uint64_t addr, uint64_t len);
int mm_mprotect(struct world *w, int pid, uint64_t addr, uint64_t len,
		unsigned int prot);

enum mm_madv {
	MMA_DONTNEED, MMA_FREE, MMA_DONTFORK, MMA_DOFORK, MMA_WIPEONFORK,
	MMA_KEEPONFORK, MMA_HUGEPAGE, MMA_NOHUGEPAGE, MMA_COLLAPSE,
	MMA_PAGEOUT, MMA_MERGEABLE, MMA_UNMERGEABLE, MMA_POPULATE_READ,
	MMA_POPULATE_WRITE,
	/*
	 * MADV_REMOVE: punch the range out of the file behind a shared
	 * writable mapping (shmem, memfd, hugetlbfs, a tmpfile): its pages
	 * leave the page cache and every mapping of them, in every process;
	 * the next access reads zeros (a GUP holder keeps the old page).
	 * VMA by VMA: -EINVAL for a VM_LOCKED or anonymous private one,
	 * -EACCES for one not shared or without VM_MAYWRITE, -ENODEV for a
	 * driver mapping; the VMAs before it were punched.
	 */
	MMA_REMOVE
};
int mm_madvise(struct world *w, int pid, uint64_t addr, uint64_t len,
	       enum mm_madv advice);
/*
 * mlock(2) / munlock(2) of [addr, addr+len) (addr rounded down, the end up
 * to pages).  mlock sets VM_LOCKED on the VMAs (hugetlb and driver
 * mappings excepted), then faults every page in: write faults in private
 * writable mappings (COW broken now), read faults elsewhere.  Locked pages
 * are never reclaimed or paged out.  Returns 0; -ENOMEM for a hole in the
 * range (VMAs before it keep the new flag) or a page that could not be
 * faulted in (a PROT_NONE VMA, SIGBUS); -EAGAIN when memory ran out.
 * munlock clears VM_LOCKED: 0 or -ENOMEM for a hole.
 */
int mm_mlock(struct world *w, int pid, uint64_t addr, uint64_t len);
int mm_munlock(struct world *w, int pid, uint64_t addr, uint64_t len);
/* MREMAP_MAYMOVE|MREMAP_FIXED of [addr, addr+len) to new_addr. */
int mm_mremap(struct world *w, int pid, uint64_t addr, uint64_t len,
	      uint64_t new_addr);

/*
 * Observation callback: page at @addr holds @value.  Used by reads, by
 * handle reads (addr is then the handle's page index), and by the view walk.
 */
typedef void (*mm_observe_fn)(void *priv, uint64_t addr, uint64_t value);

/* Observation of a range: every page of [start, end) holds zero. */
typedef void (*mm_observe_zero_fn)(void *priv, uint64_t start, uint64_t end);

/*
 * Content written by a store: page i of the range gets @value + i when
 * @unique, else @value.
 */
struct mm_data {
	uint64_t value;
	bool unique;
};

/*
 * CPU load (@write false) or store of every page of the range, faulting
 * as needed.  Stops at the first page that raises a signal.  Returns the
 * number of pages done, or a negative error if not even one page was;
 * *@err (if not NULL) gets the error that stopped it (0 if none).
 */
long mm_access(struct world *w, int pid, uint64_t addr, uint64_t len,
	       bool write, const struct mm_data *data, mm_observe_fn obs,
	       void *priv, int *err);
/* /proc/self/mem access: GUP with FOLL_FORCE (and FOLL_WRITE), one page at a time. */
long mm_memaccess(struct world *w, int pid, uint64_t addr, uint64_t len,
		  bool write, const struct mm_data *data, mm_observe_fn obs,
		  void *priv, int *err);
/* echo 4 > /proc/self/clear_refs */
int mm_clear_refs(struct world *w, int pid);

/* GUP flags for mm_gup(). */
#define MMG_PIN		(1u << 0)	/* FOLL_PIN, else FOLL_GET */
#define MMG_WRITE	(1u << 1)
#define MMG_LONGTERM	(1u << 2)
#define MMG_FORCE	(1u << 3)
#define MMG_FAST	(1u << 4)

enum mm_holder { MMH_GUP, MMH_VMSPLICE, MMH_IOURING };

/*
 * Take references or pins on every page of the range into handle @gid.
 * All or nothing: on failure nothing stays referenced, but the faults
 * taken for the first *@done pages (if @done) have happened.
 */
int mm_gup(struct world *w, int pid, int gid, uint64_t addr, uint64_t len,
	   unsigned int gup_flags, enum mm_holder holder, uint64_t *done);
/*
 * The steps of an operation, page by page, as they take effect: a
 * stepwise thread (program.md §3) can stop between two pages, and what
 * it did before stopping is visible to every statement run meanwhile, so
 * whoever keeps track of the program's meaning must learn it then, not
 * when the statement completes.
 *   MM_STEP_FAULTED: GUP's fault on the page at @addr succeeded (a write
 *                    fault made the page the process's own, say);
 *   MM_STEP_UNSHARED: GUP's unsharing fault (FAULT_FLAG_UNSHARE) gave the
 *                    process its own copy of the page at @addr;
 *   MM_STEP_TAKEN:   GUP took the page at @addr into its handle (again,
 *                    if GUP-fast's pages were dropped and retaken);
 *   MM_STEP_STORED:  a store (CPU or /proc/self/mem) wrote the page.
 *   MM_STEP_MAPPED:  mmap has put the new mapping at @addr in place (its
 *                    MAP_POPULATE faults follow);
 *   MM_STEP_FORK_BEGIN: fork is about to copy the page tables (@addr 0);
 *   MM_STEP_FORKED:  fork has given the child its entries below @addr
 *                    (their pages are the child's from now on: a write
 *                    the parent's page takes later is not the child's).
 */
enum mm_step { MM_STEP_FAULTED, MM_STEP_UNSHARED, MM_STEP_TAKEN, MM_STEP_STORED,
	       MM_STEP_MAPPED, MM_STEP_FORK_BEGIN, MM_STEP_FORKED };
typedef void (*mm_step_fn)(void *priv, enum mm_step step, uint64_t addr);
void mm_set_step_hook(struct world *w, mm_step_fn fn, void *priv);
/* Observe every page held by @gid (obs gets the page index as addr). */
int mm_handle_read(struct world *w, int gid, mm_observe_fn obs, void *priv);
/* Device write through a write pin. */
int mm_handle_write(struct world *w, int gid, const struct mm_data *data);
int mm_handle_put(struct world *w, int gid);
/* Number of pages a live handle holds, 0 if free. */
uint64_t mm_handle_nr_pages(const struct world *w, int gid);

enum mm_file_type {
	MMFT_MEMFD, MMFT_TMPFILE, MMFT_SHMEM, MMFT_MEMFD_HUGETLB,
	MMFT_MEMFD_HUGETLB_1G
};
int mm_file_create(struct world *w, int fid, enum mm_file_type type,
		   uint64_t size);
/* pwrite: page i of [off, off+len) gets the data. */
int mm_file_write(struct world *w, int fid, uint64_t off, uint64_t len,
		  const struct mm_data *data);
int mm_drop_caches(struct world *w);
/* System-wide passes: ksm, reclaim, khugepaged, compact. */
enum mm_daemon { MMD_KSM, MMD_RECLAIM, MMD_KHUGEPAGED, MMD_COMPACT };
int mm_daemon(struct world *w, enum mm_daemon which);

bool mm_proc_alive(const struct world *w, int pid);

/* ------------------------------------------------------------------ */
/* Observation, checking, reporting.                                    */

/*
 * What process @pid sees through its page tables without faulting: @obs
 * is called for every present entry (and swap entry) with the content of
 * the mapped page, except that pages holding zero are reported through
 * @zero, as ranges of adjacent ones, so that a 1 GiB mapping costs what
 * was written of it.  Ascending address order.
 */
void mm_walk_view(struct world *w, int pid, mm_observe_fn obs,
		  mm_observe_zero_fn zero, void *priv);

/*
 * What maps one page of @pid's address space, for tools that must check a
 * program set up the memory it meant to (the selftest matrix asks "is this
 * a PMD-mapped THP?" as cow.c does through /proc/self/pagemap).
 */
struct mm_page_info {
	bool present;		/* a present entry maps the page */
	bool swapped;		/* a swap entry */
	unsigned int level;	/* entry level: 0 PTE, 1 PMD leaf, 2 PUD leaf */
	unsigned int order;	/* order of the mapped folio */
	bool anon, ksm, hugetlb, zeropage, huge_zeropage;
	bool writable, exclusive;	/* entry writable; PageAnonExclusive */
	long refcount, mapcount, pincount;	/* of the folio */
};

/* 0, or -ESRCH for no such process (@info is zeroed when nothing maps). */
int mm_page_query(struct world *w, int pid, uint64_t addr,
		  struct mm_page_info *info);

enum mm_vclass {
	MMV_NONE, MMV_ISOLATION, MMV_PIN_COHERENCE, MMV_ACCOUNTING,
	MMV_EXCLUSIVITY, MMV_FAULT, MMV_KNOWN
};

struct mm_violation {
	enum mm_vclass cls;
	char id[24];		/* "S1", "X6", "P1"... ; for MMV_KNOWN the name */
	char msg[240];		/* one line, no trailing newline */
	/* What the dump should show first (0 / -1 when unknown). */
	uint64_t folio_id;
	int pid;
	uint64_t addr;
	int gid;
};

const char *mm_vclass_name(enum mm_vclass c);
/* Parse "isolation" etc.; returns MMV_NONE when unknown. */
enum mm_vclass mm_vclass_lookup(const char *name);

/* The first violation recorded by an operation since the last clear. */
const struct mm_violation *world_violation(const struct world *w);
void world_clear_violation(struct world *w);

/*
 * Check the structural invariants (S1-S9, X1-X6, P1-P7 that apply).
 * Returns true and fills @v for the first one broken.
 */
bool world_check(struct world *w, struct mm_violation *v);

/* State dump: processes (VMAs, entries), folios, handles. */
void world_dump(struct world *w, FILE *out, const struct mm_violation *v);

/* ------------------------------------------------------------------ */
/* Stepwise operations (program.md §3): cooperative threads t0..t7.     */

#define MM_EMU_NR_THREADS	8

typedef void (*mm_thread_fn)(void *arg);

/*
 * Start thread @tid of process @pid running @fn(@arg), which calls the
 * operations above; it runs to its first yield point.  Returns 1 if it
 * stopped there, 0 if it finished, -EBUSY if @tid is still unfinished.
 * Only the caller switches threads: never call these from inside @fn.
 */
int mm_thread_start(struct world *w, int tid, int pid, mm_thread_fn fn,
		    void *arg);
/* Run @tid to its next yield point: 1 stopped there, 0 finished (or was). */
int mm_thread_run(struct world *w, int tid);
bool mm_thread_unfinished(const struct world *w, int tid);
/* No thread is unfinished. */
bool mm_threads_idle(const struct world *w);
/* The yield point where @tid stopped ("waiting for the mmap lock"...). */
const char *mm_thread_where(const struct world *w, int tid);
/* The thread that holds the lock @tid waits for, or -1. */
int mm_thread_blocker(const struct world *w, int tid);

#endif /* MMFUZZ_MMEMU_H */
