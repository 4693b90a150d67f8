/* SPDX-License-Identifier: MIT */
/*
 * oracle.h - the view (I1) and reference (I2) oracles.
 *
 * They know what a program means, never how the kernel implements it:
 * mmap creates a mapping whose pages read zero (anonymous) or the file's
 * content; a private write changes the writer's view only; a shared write
 * or pwrite changes every view of the object; fork copies the parent's
 * view; munmap and MADV_DONTNEED discard.  There is no folio, refcount or
 * page table here, so a bug in the emulator's machinery cannot hide by
 * corrupting the oracle's bookkeeping with it.
 *
 * The runner tells the oracle what each statement did (after asking the
 * emulator to do it) and asks it to judge what the emulator shows:
 * values loaded, values seen through a GUP handle, and the whole view of
 * every process after every statement.
 */
#ifndef MMFUZZ_ORACLE_H
#define MMFUZZ_ORACLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct oracle;

/*
 * What the program means beyond its statements: its era (program.md §5)
 * and its hugetlb pools (config hugetlb=).  Never the emulator's knobs: a
 * knob changes what the emulator does, not what the program means.
 */
struct oracle_config {
	const char *era;		/* "5.8", "current"... */
	uint64_t hugetlb_2m, hugetlb_1g;	/* pages in the pools */
	/* Where the oracle's state comes from (mmarena.h); NULL: the heap. */
	struct mm_arena *arena;
};

/* The era-dependent meaning (program.md §4: private copies made without a write). */
struct oracle_meaning {
	/* A R/O long-term pin of a private file page gives the process its
	 * own copy, frozen at that moment (6.2+ unshare). */
	bool longterm_pin_snapshots;
	/* A FOLL_FORCE write to a hugetlb mapping without PROT_WRITE is
	 * refused (6.2+), not a private copy. */
	bool hugetlb_force_write_refused;
	/* Every GUP that takes a reference in a private mapping is a write
	 * fault (5.8): the process gets its own copy, as a write GUP gives. */
	bool gup_breaks_cow;
	/* MADV_POPULATE_(READ|WRITE) exist (5.14+); before, they are an
	 * unknown advice and fault nothing in. */
	bool madv_populate;
};

/* The meaning of era @era: 0, or -1 when the oracle knows no such era. */
int oracle_era_meaning(const char *era, struct oracle_meaning *out);
/* Does the program's era know MADV_POPULATE_(READ|WRITE)? */
bool oracle_populate_known(const struct oracle *o);
/* The name of the oracle's era @i (0, 1...), NULL past the last. */
const char *oracle_era_name(size_t i);

/*
 * A violation, or (cls "known") a known kernel behaviour of program.md §6
 * whose name is in @id: what the program means allows it.
 */
struct oracle_violation {
	char cls[24];		/* "isolation", "pin-coherence", "known" */
	char id[24];		/* "I1", "I2", "P1".."P5", "hugetlb-vmsplice" */
	char msg[240];
	int pid;
	uint64_t addr;
	int gid;
};

/* NULL when @cfg->era is not an era the oracle knows. */
struct oracle *oracle_create(const struct oracle_config *cfg);
void oracle_destroy(struct oracle *o);

enum oracle_prot { ORACLE_PROT_NONE, ORACLE_PROT_R, ORACLE_PROT_RW };
enum oracle_advice { ORACLE_DONTFORK, ORACLE_DOFORK, ORACLE_WIPEONFORK,
		     ORACLE_KEEPONFORK };

/* --- what happened (call after the emulator succeeded) ------------- */

/* @huge_size: the page size of a hugetlb file (memfd-hugetlb), else 0. */
void oracle_file_create(struct oracle *o, int fid, uint64_t size,
			uint64_t huge_size);
void oracle_file_write(struct oracle *o, int fid, uint64_t index,
		       uint64_t value);
/* fid < 0: anonymous (shared anonymous is a new shmem object). */
void oracle_mmap(struct oracle *o, int pid, uint64_t addr, uint64_t len,
		 enum oracle_prot prot, bool shared, int fid,
		 uint64_t foff, bool ro_file);
/*
 * A mapping of a character device whose driver inserts pages itself: no
 * page exists (an access raises SIGBUS) until oracle_insert_zeropage().
 */
void oracle_mmap_driver(struct oracle *o, int pid, uint64_t addr,
			uint64_t len, enum oracle_prot prot, bool shared,
			bool ro_file);
/*
 * The driver put the shared zeropage at [addr, addr + nr pages): those
 * pages read zero.  In a private mapping a write gives the process its own
 * copy; in a shared one nothing may ever write them.
 */
void oracle_insert_zeropage(struct oracle *o, int pid, uint64_t addr,
			    uint64_t nr);
/*
 * [addr, addr + len) of @pid, just mapped, is a hugetlb mapping of pages of
 * @huge_size bytes: a private copy covers a whole huge page.
 */
void oracle_mark_hugetlb(struct oracle *o, int pid, uint64_t addr, uint64_t len,
			 uint64_t huge_size);
void oracle_munmap(struct oracle *o, int pid, uint64_t addr, uint64_t len);
void oracle_mprotect(struct oracle *o, int pid, uint64_t addr, uint64_t len,
		     enum oracle_prot prot);
void oracle_mremap(struct oracle *o, int pid, uint64_t addr, uint64_t len,
		   uint64_t new_addr);
/*
 * MADV_DONTNEED and MADV_FREE act mapping by mapping and stop at the first
 * locked one (the mappings before it got the advice).
 */
void oracle_dontneed(struct oracle *o, int pid, uint64_t addr, uint64_t len);
void oracle_free(struct oracle *o, int pid, uint64_t addr, uint64_t len);
void oracle_fork_advice(struct oracle *o, int pid, uint64_t addr,
			uint64_t len, enum oracle_advice advice);
/*
 * mlock (@locked) or munlock of [addr, addr + len), mapping by mapping up
 * to the first hole (false: a hole stopped it).  hugetlb and driver
 * mappings are never locked.
 */
bool oracle_mlock(struct oracle *o, int pid, uint64_t addr, uint64_t len,
		  bool locked);
/* mlock() faulted [addr, addr + len) in after locking all of it. */
void oracle_mlock_populate(struct oracle *o, int pid, uint64_t addr,
			   uint64_t len);
/* Is a mapping of [addr, addr + len) locked? */
bool oracle_locked_in(const struct oracle *o, int pid, uint64_t addr,
		      uint64_t len);
/*
 * MADV_REMOVE of [addr, addr + len): the file pages behind its shared
 * mappings are punched, up to the first mapping that refuses (locked,
 * private, of a read-only file, a driver's).
 */
void oracle_remove(struct oracle *o, int pid, uint64_t addr, uint64_t len);
void oracle_fork(struct oracle *o, int parent, int child);
/*
 * The same, entry by entry (a stepwise fork stops between entries and
 * other statements run meanwhile): the child is the parent's copy from
 * oracle_fork_start() on, but a change the parent's page at or above
 * the address of oracle_fork_progress() takes (a device writing through
 * a pin, say) is the child's too, until fork copies that entry.
 * oracle_fork_end(): it completed (@ok), or failed and the child is gone.
 */
void oracle_fork_start(struct oracle *o, int parent, int child);
void oracle_fork_progress(struct oracle *o, int parent, uint64_t below);
void oracle_fork_end(struct oracle *o, int parent, bool ok);
void oracle_exit(struct oracle *o, int pid);
/* A store of @value at @addr that took effect (CPU, /proc/self/mem). */
void oracle_write(struct oracle *o, int pid, uint64_t addr, uint64_t value);
/* A write fault without a store (write GUP, MADV_POPULATE_WRITE, populate). */
void oracle_write_intent(struct oracle *o, int pid, uint64_t addr);
/* Read faults on [addr, addr + nr pages) (a load, populate, mlock). */
void oracle_touch(struct oracle *o, int pid, uint64_t addr, uint64_t nr);
/*
 * The faults of a GUP over [addr, addr + nr pages), e.g. before it failed,
 * or of a /proc/self/mem read (a reference per page, nothing else).
 */
void oracle_gup_faulted(struct oracle *o, int pid, uint64_t addr,
			uint64_t nr, bool pin, bool write, bool longterm);
/* GUP gN over [addr, addr + nr pages) succeeded. */
void oracle_gup(struct oracle *o, int gid, int pid, uint64_t addr,
		uint64_t nr, bool pin, bool write, bool longterm);
/*
 * The same, page by page as it happens (a stepwise GUP stops between
 * pages, and other statements run meanwhile): the page at @addr of the
 * GUP of gN over [start, start + nr pages) was taken now, with its
 * faults; a page taken again replaces what it held.  oracle_gup_end()
 * says whether the GUP completed or failed (nothing is held then; the
 * faults stay).  A handle still filling is not checked.
 */
void oracle_gup_page(struct oracle *o, int gid, int pid, uint64_t start,
		     uint64_t nr, uint64_t addr, bool pin, bool write,
		     bool longterm);
void oracle_gup_end(struct oracle *o, int gid, bool ok);
/* Is a GUP filling gN now (another GUP into it fails, and ends nothing)? */
bool oracle_gup_filling(const struct oracle *o, int gid);
void oracle_handle_write(struct oracle *o, int gid, uint64_t value,
			 bool unique);
void oracle_handle_put(struct oracle *o, int gid);
/*
 * A /proc/self/mem access of @pid took the page at @addr now (a FOLL_FORCE
 * reference, with FOLL_WRITE for a write, held until its copy is done;
 * its faults came before, through oracle_gup_faulted()).  The copy is
 * oracle_mem_store() or oracle_mem_check_load(), and goes where a write
 * pin's would: the page the owner had then, which the owner may have
 * discarded or replaced meanwhile.  @slot: one per access that may be in
 * flight at once (the runner's thread tN is N + 1, no thread 0).
 */
void oracle_mem_take(struct oracle *o, int slot, int pid, uint64_t addr,
		     bool write);
void oracle_mem_store(struct oracle *o, int slot, uint64_t value);
/* @value was copied from the page taken (the check of oracle_check_load()). */
bool oracle_mem_check_load(struct oracle *o, int slot, uint64_t value,
			   struct oracle_violation *v);

/* End of a statement: GUP handles remember what their owner saw. */
void oracle_statement_done(struct oracle *o);

/* --- judgements: true and @v filled when the emulator is wrong ----- */

/* May this access succeed?  A plain load/store, or /proc/self/mem (force). */
bool oracle_may_access(const struct oracle *o, int pid, uint64_t addr,
		       bool write, bool force);
/*
 * A load or store (@force: through /proc/self/mem) by @pid stopped at
 * @addr, refused the page (@err names the error: SIGSEGV, EFAULT).  True
 * and @v filled when the program's meaning entitled @pid to it.
 */
bool oracle_check_refused(const struct oracle *o, int pid, uint64_t addr,
			  bool write, bool force, const char *err,
			  struct oracle_violation *v);
/*
 * A load (@force: through /proc/self/mem) by @pid at @addr went through.
 * True and @v filled when the program does not let @pid read it (a
 * PROT_NONE mapping, nothing mapped): the access must have faulted.
 */
bool oracle_check_loaded(const struct oracle *o, int pid, uint64_t addr,
			 bool force, struct oracle_violation *v);
/* Is @addr mapped and inside its file (no SIGBUS expected)? */
bool oracle_backed(const struct oracle *o, int pid, uint64_t addr);
/* Does @pid see, at @addr, the zeropage a driver inserted? */
bool oracle_driver_zeropage(const struct oracle *o, int pid, uint64_t addr);
/* @value was loaded by @pid at @addr. */
bool oracle_check_load(struct oracle *o, int pid, uint64_t addr,
		       uint64_t value, struct oracle_violation *v);
/* @value is what @pid's page table shows at @addr (no fault taken). */
bool oracle_check_view(struct oracle *o, int pid, uint64_t addr,
		       uint64_t value, struct oracle_violation *v);
/* Every page of [start, end) of @pid's page tables shows zero. */
bool oracle_check_view_zero(struct oracle *o, int pid, uint64_t start,
			    uint64_t end, struct oracle_violation *v);
/* Page @i of handle @gid shows @value. */
bool oracle_check_handle(struct oracle *o, int gid, uint64_t i,
			 uint64_t value, struct oracle_violation *v);

#endif /* MMFUZZ_ORACLE_H */
