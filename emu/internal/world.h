/* SPDX-License-Identifier: MIT */
/*
 * world.h - struct world, which holds everything of one run, the
 * knobs and the violation record (world.c).
 */
#ifndef MMFUZZ_EMU_INTERNAL_WORLD_H
#define MMFUZZ_EMU_INTERNAL_WORLD_H

#include "gup.h"
#include "hugetlb.h"
#include "swap.h"

/* ------------------------------------------------------------------ */
/* The world.                                                           */

struct world {
	struct world_config cfg;
	struct mm_struct *mm[NR_PROCS];
	struct address_space *files[NR_FILES];
	struct gup_handle handles[NR_HANDLES];
	uint64_t handles_used;		/* bit g: handles[g].used */
	struct folio folios;		/* list head of every live folio */
	uint64_t next_folio_id;
	long nr_folios;
	struct folio *zero_folio;
	struct folio *huge_zero_folio;	/* created on first use */
	struct swap_slot *swap_slots;
	uint64_t nr_swap_slots;
	uint64_t swap_free_hint;	/* every slot below it is in use */
	struct hstate hstates[2];	/* HSTATE_2M, HSTATE_1G */
	bool has_violation;
	struct mm_violation violation;
	struct mm_sched *sched;		/* stepwise threads, on first use */
	mm_step_fn step_hook;		/* mm_set_step_hook() */
	void *step_priv;
};

/*
 * fork installed the child's entries below @end: the step (mmemu.h), then
 * the yield point after it.
 */
void fork_entry_done(struct world *w, uint64_t end);

/* Tell the step hook (mmemu.h) that @step happened at @addr. */
static inline void mm_step_done(struct world *w, enum mm_step step,
				uint64_t addr)
{
	if (w->step_hook)
		w->step_hook(w->step_priv, step, addr);
}

static inline bool knob(const struct world *w, enum mm_knob k)
{
	return w->cfg.knobs.on[k];
}

/*
 * mm_forbids_zeropage - a read fault of private anonymous memory may not
 * map the shared zeropage (nor the huge one): it allocates a page as a
 * write would.  The kernel decides per architecture and configuration;
 * here it is the program's `config zeropage=off`.
 *
 * Models: include/linux/mm.h:mm_forbids_zeropage()
 */
static inline bool mm_forbids_zeropage(const struct world *w)
{
	return !w->cfg.zeropage;
}

/* Record the first violation of this operation (later ones are dropped). */
void report_violation(struct world *w, enum mm_vclass cls, const char *id,
		      const struct folio *folio, int pid, uint64_t addr,
		      const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/*
 * sched.c: yield points and the mmap lock.  mm_yield() stops the running
 * thread (a no-op outside one); @why names the yield point.
 */
void mm_yield(struct world *w, const char *why);
bool mm_in_thread(const struct world *w);
enum mmap_lock_mode {
	MMAP_LOCK_READ,
	MMAP_LOCK_WRITE,
	MMAP_LOCK_EXIT,		/* write, and no thread left in the process */
};
/*
 * Take @pid's mmap lock for the rest of the running thread's operation,
 * waiting (a yield point) while another thread holds it; -ESRCH if the
 * mm went away meanwhile (the caller's mm pointer is stale then).
 * Outside a thread nothing waits: -MM_EWOULDWAIT if it would have to,
 * else 0.
 */
int mmap_lock(struct world *w, int pid, enum mmap_lock_mode mode);
int mmap_relock_write(struct world *w, int pid);
/* Every process's lock for reading (the system-wide passes). */
int mmap_lock_all_read(struct world *w);
void sched_destroy(struct world *w);

/* world.c */
struct mm_struct *get_mm(struct world *w, int pid);

#endif /* MMFUZZ_EMU_INTERNAL_WORLD_H */
