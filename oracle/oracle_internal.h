/* SPDX-License-Identifier: MIT */
/*
 * oracle_internal.h - the program's meaning as plain data: objects (files
 * and shared anonymous memory) with a value per page, processes with
 * mapping segments and their private pages, and GUP handles with the
 * values their owner could see.
 */
#ifndef MMFUZZ_ORACLE_INTERNAL_H
#define MMFUZZ_ORACLE_INTERNAL_H

#include "oracle.h"
#include "ohash.h"
#include "mmarena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define O_NR_PROCS	8
#define O_NR_FILES	8
/*
 * The program's handles g0..g31, then one per /proc/self/mem access in
 * flight (oracle_mem_take(): the program's thread t0..t7, or none).
 */
#define O_NR_PROG_HANDLES	32
#define O_NR_MEM_SLOTS		9
#define O_NR_HANDLES	(O_NR_PROG_HANDLES + O_NR_MEM_SLOTS)	/* at most 64 */
#define O_PAGE_SHIFT	12
#define O_PAGE_SIZE	(1ULL << O_PAGE_SHIFT)
#define MAX_U64(a, b)	((a) > (b) ? (a) : (b))
#define MIN_U64(a, b)	((a) < (b) ? (a) : (b))
/* @a a power of two. */
#define O_ALIGN_DOWN(x, a)	((x) & ~((uint64_t)(a) - 1))
#define O_ALIGN_UP(x, a)	O_ALIGN_DOWN((x) + (a) - 1, (a))

/* Tags of a process's private page. */
#define PRIV_OWN	1	/* its own content: value */
#define PRIV_LAZY	2	/* MADV_FREE'd: value, or zero once discarded */
#define PRIV_DRIVER	3	/* driver mapping: the zeropage its driver inserted */

/* A file or a shared anonymous object: what every shared view reads. */
struct oobj {
	struct mm_arena *arena;	/* the oracle's */
	int refcount;
	uint64_t pages;
	uint64_t huge_size;	/* a hugetlb file's page size, else 0 */
	struct ohash val;	/* index -> value; absent = 0 */
	/*
	 * A hugetlb file: huge page number -> 1 where the file has a page
	 * (hugetlb.c).  A hole is a page no shared mapping touched yet.
	 */
	struct ohash huge_pages;
};

struct oseg {
	uint64_t start, end;
	bool shared;
	struct oobj *obj;	/* NULL: private anonymous */
	uint64_t pgoff;		/* object page at start */
	enum oracle_prot prot;
	bool ro_file, dontfork, wipeonfork;
	bool locked;		/* mlock()ed (lock.c); fork does not pass it on */
	bool hugetlb;		/* a MAP_HUGETLB or hugetlbfs mapping */
	/*
	 * A character device's mapping: a page exists only where its driver
	 * inserted one (a PRIV_DRIVER page, or the private copy a write made
	 * of it); anywhere else an access raises SIGBUS.
	 */
	bool driver;
	uint64_t huge_size;	/* its page size in bytes, else 0 */
	/*
	 * Private hugetlb mappings a process got by fork, not by its own
	 * mmap (hugetlb.c): it holds no reservation there; the pool may
	 * have run dry since, so the owner may have taken its pages; it was
	 * forked from a process whose pages there may have been taken.
	 */
	bool no_resv, may_be_taken, lost_in_parent;
};

struct oproc {
	struct mm_arena *arena;	/* the oracle's */
	bool alive;
	struct oseg *segs;	/* sorted, disjoint */
	size_t nr, cap;
	struct ohash priv;	/* page number -> private content */
	/*
	 * Huge pages of private hugetlb file mappings copied whole: first page
	 * number -> 1.  Their pages absent from priv read zero (the copy of
	 * what the file held there then); the others are in priv.
	 */
	struct ohash frozen;
};

struct ohandle_page {
	uint64_t addr;
	bool detached;
	uint64_t huge_size;	/* taken on a hugetlb mapping: its page size */
	/*
	 * The object page behind it when it was taken (shared mapping, or a
	 * private page still showing its file): the handle holds that page,
	 * whose content keeps following the object after the owner unmaps.
	 */
	struct oobj *obj;
	uint64_t index;
	bool obj_shared;
	uint64_t *hist;		/* every value the owner could see there */
	size_t nhist, caph;
	bool taken;		/* the GUP has taken it (oracle_gup_page()) */
};

struct ohandle {
	bool used;
	bool filling;		/* its GUP has not completed yet */
	int pid;
	bool pin, write, longterm;
	uint64_t nr;
	struct ohandle_page *pages;
};

struct oracle {
	struct mm_arena *arena;		/* where its state comes from */
	struct oracle_meaning meaning;	/* of the program's era */
	uint64_t pool_2m, pool_1g;	/* hugetlb pool sizes */
	struct oproc procs[O_NR_PROCS];
	struct oobj *files[O_NR_FILES];
	struct ohandle handles[O_NR_HANDLES];
	uint64_t handles_used;	/* bit g: handles[g].used */
	struct ohash prov;	/* value -> (writer pid + 1) | private << 8 */
	/*
	 * A fork of process P still copying (a stepwise thread stopped in
	 * it), by P: the child's pages at and above @below are still P's.
	 */
	struct {
		bool active;
		int child;
		uint64_t below;
	} forking[O_NR_PROCS];
};

/*
 * Every handle in use, in index order (most slots are empty, and the
 * histories are noted after every statement).  The body may free handle
 * g, never take a new one.
 */
#define for_each_ohandle(o, g)						\
	for (uint64_t g##_left = (o)->handles_used, g;			\
	     g##_left && (g = (uint64_t)__builtin_ctzll(g##_left), 1);	\
	     g##_left &= g##_left - 1)

/* What a process must see at an address. */
struct oexpect {
	bool mapped;		/* inside a segment */
	/* No page: a file page past the end, or nothing a driver inserted: SIGBUS */
	bool beyond_eof;
	uint64_t value;
	bool has_alt;		/* MADV_FREE'd: value or alt (zero) */
	uint64_t alt;
	const struct oseg *seg;
	bool own;		/* private page with content of its own */
};

void *oxcalloc(struct mm_arena *a, size_t n, size_t size);
struct oobj *oobj_new(struct oracle *o, uint64_t pages);
uint64_t oobj_get(const struct oobj *obj, uint64_t index);
void oobj_put(struct oobj *obj);
void oprov_note(struct oracle *o, uint64_t value, int pid, bool priv);
struct oseg *oseg_find(const struct oproc *p, uint64_t addr);
void oseg_isolate(struct oproc *p, uint64_t start, uint64_t end);
/* Forget the private pages (and whole-huge-page copies) in [lo, hi). */
void opriv_del_range(struct oproc *p, uint64_t lo, uint64_t hi);
struct oexpect oracle_expect(const struct oracle *o, int pid, uint64_t addr);
void ohandles_detach(struct oracle *o, int pid, uint64_t start, uint64_t end);
void ohandles_move(struct oracle *o, int pid, uint64_t start, uint64_t end,
		   uint64_t new_start);
void ohandles_release_of(struct oracle *o, int pid);
void ohandles_free(struct oracle *o);
/* lock.c: the first locked address of [addr, end) of @p, or @end. */
uint64_t olocked_stop(const struct oproc *p, uint64_t addr, uint64_t end);
/* hugetlb.c: the pool and the known hugetlb behaviours. */
void ohugetlb_statement_done(struct oracle *o);
void ohugetlb_fork(const struct oseg *parent, struct oseg *child);
bool ohugetlb_cow_lost(const struct oexpect *e, uint64_t addr, uint64_t value);
bool ohugetlb_vmsplice(const struct ohandle *h, const struct ohandle_page *hp);
bool ohugetlb_may_fail(const struct oracle *o, const struct oseg *seg);
bool ohugetlb_touch(const struct oseg *seg, uint64_t addr);
void ohugetlb_file_punch(struct oobj *obj, uint64_t lo, uint64_t hi);
/* view.c: a private mapping's copy of the whole huge page at @addr. */
void opriv_huge_page(struct oracle *o, int pid, const struct oseg *seg,
		     uint64_t addr);

void oviolation(struct oracle_violation *v, const char *cls, const char *id,
		int pid, uint64_t addr, int gid, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

#endif /* MMFUZZ_ORACLE_INTERNAL_H */
