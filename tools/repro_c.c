// SPDX-License-Identifier: MIT
/*
 * repro_c.c - `mmfuzz repro-c FILE.mm [-o OUT.c]`: the program as a
 * standalone C program that performs the same steps with real system
 * calls, for checking a finding (or a scenario) on a real kernel.
 *
 * The generated program (runtime text in repro_c_rt.c):
 *
 *   - runs every .mm process as a real process; the original process
 *     coordinates: it hands each step, in program order, to the process
 *     that owns it down that process's pipe and waits for the answer, so
 *     exactly one step runs at a time (fork children start waiting on
 *     their pipe; an exiting process is waited for with a pidfd);
 *   - maps regions with MAP_FIXED at the slot addresses, and calls
 *     munmap, mprotect, madvise, mremap(MAYMOVE|FIXED), fork, exit;
 *   - stores a unique 64-bit value into every page a write covers (value
 *     #n of the program is TAG | n; `=V` stores V), loads under a SIGSEGV
 *     handler, reads and writes /proc/self/mem for memread/memwrite, and
 *     writes 4 to /proc/self/clear_refs;
 *   - creates every file at the start (memfd_create, O_TMPFILE, an
 *     unlinked /dev/shm file), so that every process has it, and pwrite()s;
 *   - turns vmsplice (and gup get [fast]) into vmsplice() into a pipe, read
 *     back with tee() so that a read does not consume it; iouring (and gup
 *     pin write longterm [fast]) into io_uring fixed buffers through raw
 *     system calls, read with IORING_OP_WRITE_FIXED into a memfd.
 *
 * It prints every step and what each load and handle read observes, and
 * judges what it can judge without the emulator: the generator knows who
 * wrote each fresh value, into private or shared memory, and the fork
 * tree, so a value a process (or its handle) could never have seen is a
 * LEAK (P5, I1, I2: another process's private write after they parted);
 * an io_uring pin whose owner did not unmap, remap or discard the range
 * must show what the owner maps, else PIN LOST (P1); a value nobody
 * wrote is CORRUPT.  The last line is "verdict: ..."; the exit status is
 * 0 (ok), 1 (LEAK, PIN LOST, CORRUPT) or 2 (inconclusive, with the first
 * reason: a step was skipped, or it failed here where the emulator's
 * succeeded or the other way round, e.g. a hugetlb mmap with an empty
 * pool; what follows such a step is not the program's, so "ok" would say
 * nothing).  Which steps succeed in the emulator, the generator learns by
 * running the program once (its trace).
 *
 * Statements with no userspace equivalent become comments in the output
 * and are listed on stderr ("no userspace equivalent: line N: ..."):
 * other gup flag combinations (FOLL_FORCE, R/O or short-term pins, GET
 * with write), device writes through a handle, KSM/reclaim/khugepaged/
 * compaction passes, stepwise @tN statements, driver mappings and the
 * zeropage a driver inserts (a driver mapping's slot is unmapped instead,
 * so that nothing mapped there before is read as if it were the
 * driver's).  drop-caches is attempted (root only).
 */
#define _POSIX_C_SOURCE 200809L	/* open_memstream */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmfuzz.h"
#include "repro_c.h"

#define PAGE		MM_PAGE_SIZE
#define OWNER_MAIN	(-1)
#define OWNER_NONE	(-2)

enum handle_kind { H_NONE, H_PIPE, H_RING, H_UNSUPPORTED };

struct rc_handle {
	enum handle_kind kind;
	int owner;			/* pK */
	uint64_t start, size;
	bool disturbed;			/* the owner unmapped/remapped/discarded it */
};

struct rc_fresh {
	int inst, step, line;
	bool shared;
};

struct rc_inst {
	int name, parent, fork_step;
	bool shared[MM_NR_REGIONS];	/* per slot: the mapping is MAP_SHARED */
};

/* What the emulator did with a step (the generated steps[].emu). */
enum rc_emu { EMU_OK, EMU_FAILED, EMU_NOT_RUN };

struct rc_step {
	int owner, child;
	enum rc_emu emu;
	char code[256];			/* the body of its case in run_step() */
};

struct rc_file {
	int kind;
	uint64_t size;
};

struct rc {
	const char *path;
	const struct mm_prog *p;
	int inst_of[MM_NR_PROCS];
	struct rc_inst *inst;
	size_t nr_inst;
	struct rc_handle handle[MM_NR_HANDLES];
	struct rc_fresh *fresh;
	size_t nr_fresh, cap_fresh;
	uint64_t *explicit_values;
	size_t nr_explicit;
	struct rc_file file[MM_NR_FILES];
	struct rc_step *step;
	int unsupported;
	bool iouring;
};

/* ------------------------------------------------------------------ */
/* The simulation: who owns what, who wrote what                       */

__attribute__((format(printf, 3, 4)))
static void rc_code(struct rc *rc, size_t i, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(rc->step[i].code, sizeof(rc->step[i].code), fmt, ap);
	va_end(ap);
}

static void rc_unsupported(struct rc *rc, size_t i, const char *why)
{
	const struct mm_stmt *s = &rc->p->stmts[i];
	char text[256];

	mm_stmt_print(s, text, sizeof(text));
	fprintf(stderr, "mmfuzz repro-c: no userspace equivalent: line %d: %s (%s)\n",
		s->line, text, why);
	rc->step[i].owner = OWNER_NONE;
	rc_code(rc, i, "/* no userspace equivalent: %s */", why);
	rc->unsupported++;
}

/* Fresh values #first.. for @pages pages written by @s; first, or -1. */
static int64_t rc_fresh(struct rc *rc, size_t i, uint64_t pages, bool shared)
{
	const struct mm_stmt *s = &rc->p->stmts[i];
	int inst = s->proc >= 0 ? rc->inst_of[(int)s->proc] : -1;
	int64_t first = (int64_t)rc->nr_fresh;

	if (rc->nr_fresh + pages > rc->cap_fresh) {
		size_t cap = 2 * (rc->cap_fresh + pages);
		struct rc_fresh *f = realloc(rc->fresh, cap * sizeof(*f));

		if (!f)
			return -1;
		rc->fresh = f;
		rc->cap_fresh = cap;
	}
	for (uint64_t n = 0; n < pages; n++)
		rc->fresh[rc->nr_fresh++] = (struct rc_fresh){
			inst, (int)i, s->line, shared,
		};
	return first;
}

static int rc_explicit(struct rc *rc, uint64_t v)
{
	uint64_t *e = realloc(rc->explicit_values,
			      (rc->nr_explicit + 1) * sizeof(*e));

	if (!e)
		return -1;
	rc->explicit_values = e;
	e[rc->nr_explicit++] = v;
	return 0;
}

static bool *rc_shared(struct rc *rc, int proc, int region)
{
	return &rc->inst[rc->inst_of[proc]].shared[region];
}

/* The owner's handles over [start, start + size) stop being comparable. */
static void rc_disturb(struct rc *rc, int proc, uint64_t start, uint64_t size)
{
	for (int g = 0; g < MM_NR_HANDLES; g++) {
		struct rc_handle *h = &rc->handle[g];

		if (h->kind != H_NONE && h->owner == proc &&
		    start < h->start + h->size && h->start < start + size)
			h->disturbed = true;
	}
}

static const char *rc_prot(enum mm_prot prot)
{
	return prot == MM_PROT_RW ? "PROT_READ | PROT_WRITE" :
	       prot == MM_PROT_R ? "PROT_READ" : "PROT_NONE";
}

static const char *const rc_advice[MM_NR_ADVICE] = {
	[MM_ADV_DONTNEED] = "MADV_DONTNEED", [MM_ADV_FREE] = "MADV_FREE",
	[MM_ADV_DONTFORK] = "MADV_DONTFORK", [MM_ADV_DOFORK] = "MADV_DOFORK",
	[MM_ADV_WIPEONFORK] = "MADV_WIPEONFORK",
	[MM_ADV_KEEPONFORK] = "MADV_KEEPONFORK",
	[MM_ADV_HUGEPAGE] = "MADV_HUGEPAGE",
	[MM_ADV_NOHUGEPAGE] = "MADV_NOHUGEPAGE",
	[MM_ADV_COLLAPSE] = "MADV_COLLAPSE", [MM_ADV_PAGEOUT] = "MADV_PAGEOUT",
	[MM_ADV_MERGEABLE] = "MADV_MERGEABLE",
	[MM_ADV_UNMERGEABLE] = "MADV_UNMERGEABLE",
	[MM_ADV_POPULATE_READ] = "MADV_POPULATE_READ",
	[MM_ADV_POPULATE_WRITE] = "MADV_POPULATE_WRITE",
	[MM_ADV_REMOVE] = "MADV_REMOVE",
};

static int rc_mmap(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	char flags[160];
	unsigned int o = s->map_opts;

	snprintf(flags, sizeof(flags), "%s%s%s%s%s",
		 s->shared ? "MAP_SHARED" : "MAP_PRIVATE",
		 s->file < 0 ? " | MAP_ANONYMOUS" : "",
		 o & MM_MAP_POPULATE ? " | MAP_POPULATE" : "",
		 o & (MM_MAP_HUGETLB | MM_MAP_HUGETLB_1G) ? " | MAP_HUGETLB" : "",
		 o & MM_MAP_HUGETLB_1G ? " | MAP_HUGE_1GB" : "");
	rc_code(rc, i, "do_mmap(%d, 0x%" PRIx64 "UL, %s, %s, %d, 0x%" PRIx64 "UL, %d);",
		s->region, s->size, rc_prot(s->prot), flags, s->file,
		s->file >= 0 ? s->foff : 0, !!(o & MM_MAP_RO_FILE));
	rc_disturb(rc, s->proc, mm_region_addr(s->region), MM_REGION_STRIDE);
	*rc_shared(rc, s->proc, s->region) = s->shared;
	return 0;
}

/* write, memwrite: fresh values (#first..) into every page; -1, no memory. */
static int64_t rc_fresh_range(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	bool shared = *rc_shared(rc, s->proc, s->range.region);

	return rc_fresh(rc, i, s->range.size / PAGE, shared);
}

static int rc_write(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	uint64_t pages = s->range.size / PAGE;
	int64_t first;

	if (s->has_value) {
		rc_code(rc, i, "do_write(0x%" PRIx64 "UL, %" PRIu64 ", ~0ULL, %" PRIu64 "ULL);",
			s->range.start, pages, s->value);
		return rc_explicit(rc, s->value);
	}
	first = rc_fresh_range(rc, i, s);
	if (first < 0)
		return -1;
	rc_code(rc, i, "do_write(0x%" PRIx64 "UL, %" PRIu64 ", %" PRId64 ", 0);",
		s->range.start, pages, first);
	return 0;
}

static int rc_memwrite(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	int64_t first = rc_fresh_range(rc, i, s);

	if (first < 0)
		return -1;
	rc_code(rc, i, "do_memrw(0x%" PRIx64 "UL, %" PRIu64 ", 1, %" PRId64 ");",
		s->range.start, (uint64_t)(s->range.size / PAGE), first);
	return 0;
}

static int rc_fork(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	struct rc_inst *in = &rc->inst[rc->nr_inst];

	*in = rc->inst[rc->inst_of[(int)s->proc]];
	in->name = s->child;
	in->parent = rc->inst_of[(int)s->proc];
	in->fork_step = (int)i;
	rc->inst_of[(int)s->child] = (int)rc->nr_inst;
	rc->step[i].child = s->child;
	rc_code(rc, i, "do_fork(%d, %zu);", s->child, rc->nr_inst++);
	return 0;
}

static int rc_exit(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	for (int g = 0; g < MM_NR_HANDLES; g++)
		if (rc->handle[g].owner == s->proc)
			rc->handle[g].kind = H_NONE;
	rc->inst_of[(int)s->proc] = -1;
	rc_code(rc, i, "do_exit();");
	return 0;
}

/* gup, vmsplice, iouring take handle gN as a pipe or a ring, if they can. */
static void rc_take_handle(struct rc *rc, size_t i, const struct mm_stmt *s,
			   enum handle_kind kind)
{
	struct rc_handle *h = &rc->handle[(int)s->handle];
	bool ring = kind == H_RING;

	*h = (struct rc_handle){ kind, s->proc, s->range.start, s->range.size,
				 false };
	if (kind == H_UNSUPPORTED) {
		rc_unsupported(rc, i, "only vmsplice (get [fast]) and io_uring (pin write longterm [fast]) hold pages from userspace");
		return;
	}
	rc->iouring |= ring;
	rc_code(rc, i, "do_%s(%d, 0x%" PRIx64 "UL, 0x%" PRIx64 "UL);",
		ring ? "iouring" : "vmsplice", s->handle, s->range.start,
		s->range.size);
}

/* gup: only the flag sets a pipe or a ring gives have a userspace twin. */
static int rc_gup(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	unsigned int f = s->gup_flags & ~MM_GUP_FAST;

	if (s->gup_mode == MM_GUP_GET && !f)
		rc_take_handle(rc, i, s, H_PIPE);
	else if (s->gup_mode == MM_GUP_PIN &&
		 f == (MM_GUP_WRITE | MM_GUP_LONGTERM))
		rc_take_handle(rc, i, s, H_RING);
	else
		rc_take_handle(rc, i, s, H_UNSUPPORTED);
	return 0;
}

static int rc_vmsplice(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	rc_take_handle(rc, i, s, H_PIPE);
	return 0;
}

static int rc_iouring(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	rc_take_handle(rc, i, s, H_RING);
	return 0;
}

/*
 * The handle gN of a handle statement, run by its owner; NULL (the step
 * then has no equivalent) when its gup had none.
 */
static struct rc_handle *rc_handle_use(struct rc *rc, size_t i,
				       const struct mm_stmt *s)
{
	struct rc_handle *h = &rc->handle[(int)s->handle];

	if (h->kind == H_UNSUPPORTED) {
		rc_unsupported(rc, i, "the handle's gup has no userspace equivalent");
		return NULL;
	}
	rc->step[i].owner = h->owner;
	return h;
}

static int rc_handle_read(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	struct rc_handle *h = rc_handle_use(rc, i, s);

	if (h)
		rc_code(rc, i, "do_handle_read(%d, %d);", s->handle,
			h->kind == H_RING && !h->disturbed);
	return 0;
}

/*
 * A write through a pin is the device's (a DMA into the page): userspace
 * could only start one through a driver or an io_uring read into a fixed
 * buffer, which the generated program does not do.
 */
static int rc_handle_write(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	if (rc_handle_use(rc, i, s))
		rc_unsupported(rc, i, "a device write through a pin");
	return 0;
}

static int rc_handle_put(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	struct rc_handle *h = rc_handle_use(rc, i, s);

	rc->handle[(int)s->handle].kind = H_NONE;
	if (h)
		rc_code(rc, i, "do_handle_put(%d);", s->handle);
	return 0;
}

static int rc_file(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	rc->file[(int)s->file] = (struct rc_file){ s->file_kind, s->size };
	rc->step[i].owner = OWNER_MAIN;
	rc_code(rc, i, "done(\"file (created at the start)\", 0);");
	return 0;
}

static int rc_file_write(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	uint64_t pages = s->fw_size / PAGE;
	int64_t first;

	rc->step[i].owner = OWNER_MAIN;
	if (s->has_value) {
		rc_code(rc, i, "do_file_write(%d, 0x%" PRIx64 "UL, %" PRIu64 ", ~0ULL, %" PRIu64 "ULL);",
			s->file, s->fw_start, pages, s->value);
		return rc_explicit(rc, s->value);
	}
	first = rc_fresh(rc, i, pages, true);
	if (first < 0)
		return -1;
	rc_code(rc, i, "do_file_write(%d, 0x%" PRIx64 "UL, %" PRIu64 ", %" PRId64 ", 0);",
		s->file, s->fw_start, pages, first);
	return 0;
}

static int rc_munmap(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	uint64_t a = s->range.start, len = s->range.size;

	rc_disturb(rc, s->proc, a, len);
	rc_code(rc, i, "do_munmap(0x%" PRIx64 "UL, 0x%" PRIx64 "UL);", a, len);
	return 0;
}

static int rc_mprotect(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	rc_code(rc, i, "do_mprotect(0x%" PRIx64 "UL, 0x%" PRIx64 "UL, %s);",
		s->range.start, s->range.size, rc_prot(s->prot));
	return 0;
}

static int rc_madvise(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	uint64_t a = s->range.start, len = s->range.size;

	/* What a pin compares against is gone (or may be). */
	if (s->advice == MM_ADV_DONTNEED || s->advice == MM_ADV_FREE ||
	    s->advice == MM_ADV_REMOVE)
		rc_disturb(rc, s->proc, a, len);
	rc_code(rc, i, "do_madvise(0x%" PRIx64 "UL, 0x%" PRIx64 "UL, %s);",
		a, len, rc_advice[s->advice]);
	return 0;
}

static int rc_mlock(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	rc_code(rc, i, "do_mlock(0x%" PRIx64 "UL, 0x%" PRIx64 "UL);",
		s->range.start, s->range.size);
	return 0;
}

static int rc_munlock(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	rc_code(rc, i, "do_munlock(0x%" PRIx64 "UL, 0x%" PRIx64 "UL);",
		s->range.start, s->range.size);
	return 0;
}

static int rc_mremap(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	uint64_t a = s->range.start, len = s->range.size;

	rc_disturb(rc, s->proc, a, len);
	*rc_shared(rc, s->proc, s->region) =
		*rc_shared(rc, s->proc, s->range.region);
	rc_code(rc, i, "do_mremap(0x%" PRIx64 "UL, 0x%" PRIx64 "UL, %d);",
		a, len, s->region);
	return 0;
}

static int rc_read(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	rc_code(rc, i, "do_read(0x%" PRIx64 "UL, %" PRIu64 ");",
		s->range.start, (uint64_t)(s->range.size / PAGE));
	return 0;
}

static int rc_memread(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	rc_code(rc, i, "do_memrw(0x%" PRIx64 "UL, %" PRIu64 ", 0, 0);",
		s->range.start, (uint64_t)(s->range.size / PAGE));
	return 0;
}

static int rc_clear_refs(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	(void)s;
	rc_code(rc, i, "do_clear_refs();");
	return 0;
}

static int rc_drop_caches(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	(void)s;
	rc->step[i].owner = OWNER_MAIN;
	rc_code(rc, i, "do_drop_caches();");
	return 0;
}

/*
 * ksm and compact: root could start them (the table's live_why says
 * how), but the generated program does not, and says so in these words.
 */
static int rc_root_pass(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	(void)s;
	rc_unsupported(rc, i, "a system-wide kernel pass with no trigger from userspace");
	return 0;
}

/* MM_LIVE_NO kinds with no stand-in: rc_stmt() reported them already. */
static int rc_nothing(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	(void)rc, (void)i, (void)s;
	return 0;
}

/*
 * A character device whose driver maps pages (vm_insert_page,
 * vmf_insert_mixed) is kernel code: no userspace call does the same (the
 * table's live_why, already reported).  The slot of a driver mapping is
 * unmapped instead, so that later steps fault rather than read an older
 * mapping as if it were the driver's.
 */
static int rc_mmap_driver(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	uint64_t a = mm_region_addr(s->region);

	rc->step[i].owner = s->proc;
	rc_disturb(rc, s->proc, a, MM_REGION_STRIDE);
	*rc_shared(rc, s->proc, s->region) = s->shared;
	rc_code(rc, i, "do_munmap(0x%" PRIx64 "UL, 0x%" PRIx64 "UL); inconclusive(\"no driver mapping here\"); /* no userspace equivalent: %s; the slot is left unmapped */",
		a, s->size, mm_stmt_desc(s->op)->live_why);
	return 0;
}

/*
 * Each statement kind's step: its code in run_step(), its owner, and what
 * the simulation learns.  A kind the table marks MM_LIVE_NO is reported
 * unsupported before its entry runs (which may leave a stand-in).
 * Returns 0, or -1 when out of memory.
 */
typedef int (*rc_emit_fn)(struct rc *rc, size_t i, const struct mm_stmt *s);

static const rc_emit_fn rc_emit_op[] = {
	[MM_OP_MMAP] = rc_mmap,
	[MM_OP_MUNMAP] = rc_munmap,
	[MM_OP_MPROTECT] = rc_mprotect,
	[MM_OP_MADVISE] = rc_madvise,
	[MM_OP_MLOCK] = rc_mlock,
	[MM_OP_MUNLOCK] = rc_munlock,
	[MM_OP_MREMAP] = rc_mremap,
	[MM_OP_READ] = rc_read,
	[MM_OP_WRITE] = rc_write,
	[MM_OP_MEMWRITE] = rc_memwrite,
	[MM_OP_MEMREAD] = rc_memread,
	[MM_OP_CLEAR_REFS] = rc_clear_refs,
	[MM_OP_FORK] = rc_fork,
	[MM_OP_EXIT] = rc_exit,
	[MM_OP_GUP] = rc_gup,
	[MM_OP_VMSPLICE] = rc_vmsplice,
	[MM_OP_IOURING] = rc_iouring,
	[MM_OP_HANDLE_READ] = rc_handle_read,
	[MM_OP_HANDLE_WRITE] = rc_handle_write,
	[MM_OP_HANDLE_PUT] = rc_handle_put,
	[MM_OP_FILE] = rc_file,
	[MM_OP_FILE_WRITE] = rc_file_write,
	[MM_OP_KSM] = rc_root_pass,
	[MM_OP_RECLAIM] = rc_nothing,
	[MM_OP_KHUGEPAGED] = rc_nothing,
	[MM_OP_COMPACT] = rc_root_pass,
	[MM_OP_DROP_CACHES] = rc_drop_caches,
	[MM_OP_THREAD_STEP] = rc_nothing,
	[MM_OP_THREAD_FINISH] = rc_nothing,
	[MM_OP_MMAP_DRIVER] = rc_mmap_driver,
	[MM_OP_INSERT_ZEROPAGE] = rc_nothing,
};
_Static_assert(sizeof(rc_emit_op) / sizeof(rc_emit_op[0]) == MM_NR_OPS,
	       "every statement kind needs its entry in rc_emit_op");

/*
 * Why a statement run as a thread (@tN) cannot be reproduced: what the
 * table says of the thread statements themselves.
 */
static const char *rc_thread_why(void)
{
	for (int op = 0; op < MM_NR_OPS; op++)
		if (mm_stmt_desc(op)->subject == MM_SUBJ_THREAD)
			return mm_stmt_desc(op)->live_why;
	return "a stepwise thread";
}

static int rc_stmt(struct rc *rc, size_t i)
{
	const struct mm_stmt *s = &rc->p->stmts[i];
	const struct mm_stmt_desc *d = mm_stmt_desc(s->op);

	rc->step[i].owner = s->proc;
	rc->step[i].child = -1;
	if (d->may_thread && s->thread >= 0) {
		rc_unsupported(rc, i, rc_thread_why());
		return 0;
	}
	if (d->live == MM_LIVE_NO)
		rc_unsupported(rc, i, d->live_why);
	if (!rc_emit_op[s->op]) {
		rc_unsupported(rc, i, "not supported by repro-c");
		return 0;
	}
	return rc_emit_op[s->op](rc, i, s);
}

/*
 * One line of the emulator's trace, "  LINE: STATEMENT -> RESULT": the
 * result of the step with that line and text.
 */
static void rc_emu_line(struct rc *rc, const char *line)
{
	const char *arrow = strstr(line, " -> "), *text;
	char want[256];
	long n;

	if (!arrow)
		return;
	n = strtol(line, (char **)&text, 10);
	if (text == line || strncmp(text, ": ", 2))
		return;
	text += 2;
	for (size_t i = 0; i < rc->p->nr_stmts; i++) {
		const struct mm_stmt *s = &rc->p->stmts[i];

		if (s->line != n)
			continue;
		mm_stmt_print(s, want, sizeof(want));
		if ((size_t)(arrow - text) == strlen(want) &&
		    !strncmp(text, want, strlen(want)))
			rc->step[i].emu = strcmp(arrow + 4, "ok") ?
					  EMU_FAILED : EMU_OK;
		return;
	}
}

/*
 * Run the program in the emulator, as `mmfuzz run` does, for each step's
 * result: a step the kernel does differently makes the verdict
 * inconclusive.  Steps after the run stopped stay EMU_NOT_RUN.
 */
static int rc_emulate(struct rc *rc)
{
	struct run_options opt = { 0 };
	struct run_result res;
	char *buf = NULL, *line, *nl;
	size_t len = 0;

	for (size_t i = 0; i < rc->p->nr_stmts; i++)
		rc->step[i].emu = EMU_NOT_RUN;
	opt.trace = open_memstream(&buf, &len);
	if (!opt.trace)
		return -1;
	mm_run_program(rc->p, &opt, &res);
	if (fclose(opt.trace) || !buf) {
		free(buf);
		return -1;
	}
	for (line = buf; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			break;
		*nl = '\0';
		while (*line == ' ')
			line++;
		rc_emu_line(rc, line);
	}
	free(buf);
	return 0;
}

static int rc_simulate(struct rc *rc)
{
	size_t n = rc->p->nr_stmts;

	rc->step = calloc(n ? n : 1, sizeof(*rc->step));
	rc->inst = calloc(n + 1, sizeof(*rc->inst));
	if (!rc->step || !rc->inst)
		return -1;
	for (int k = 0; k < MM_NR_PROCS; k++)
		rc->inst_of[k] = -1;
	rc->inst_of[0] = 0;
	rc->inst[0].parent = -1;
	rc->nr_inst = 1;
	for (size_t i = 0; i < n; i++)
		if (rc_stmt(rc, i))
			return -1;
	return rc_emulate(rc);
}

/* ------------------------------------------------------------------ */
/* Output                                                              */

static void rc_lines(FILE *out, const char *const *lines)
{
	for (; *lines; lines++)
		fprintf(out, "%s\n", *lines);
}

static void rc_header(const struct rc *rc, FILE *out)
{
	const struct mm_prog *p = rc->p;
	char line[256];

	fprintf(out, "/*\n * Generated by `mmfuzz repro-c %s`: the program below, with real\n"
		" * system calls.  Build: cc -Wall -o repro repro.c   Run: ./repro\n"
		" * Exit status: 0 ok, 1 LEAK / PIN LOST / CORRUPT, 2 inconclusive.\n"
		" *\n", rc->path);
	if (p->expect == MM_EXPECT_VIOLATION)
		fprintf(out, " * The emulator expects: violation %s%s%s (era %s).\n",
			p->expect_class, p->expect_id[0] ? "/" : "",
			p->expect_id, p->era);
	else if (p->expect == MM_EXPECT_KNOWN)
		fprintf(out, " * The emulator expects: known %s (era %s).\n",
			p->expect_known, p->era);
	for (int k = 0; k < p->nr_knobs; k++)
		fprintf(out, " * Knob %s=%s (emulator only: the kernel has its own rules).\n",
			p->knobs[k].name, p->knobs[k].value ? "on" : "off");
	for (size_t i = 0; i < p->nr_stmts; i++) {
		mm_stmt_print(&p->stmts[i], line, sizeof(line));
		fprintf(out, " *  %3d  %s\n", p->stmts[i].line, line);
	}
	fprintf(out, " */\n");
}

static void rc_tables(const struct rc *rc, FILE *out)
{
	const struct mm_prog *p = rc->p;
	char text[256];

	fprintf(out, "\n/* Generated tables. */\n#define NR_FRESH %zu\n", rc->nr_fresh);
	fprintf(out, "static const struct fresh fresh[] = {\n");
	for (size_t n = 0; n < rc->nr_fresh; n++)
		fprintf(out, "\t{ %d, %d, %d, %d },\t/* #%zu */\n", rc->fresh[n].inst,
			rc->fresh[n].step, rc->fresh[n].line, rc->fresh[n].shared, n);
	fprintf(out, "%s};\n", rc->nr_fresh ? "" : "\t{ 0, 0, 0, 0 },\n");
	fprintf(out, "static const struct inst insts[] = {\n");
	for (size_t n = 0; n < rc->nr_inst; n++)
		fprintf(out, "\t{ %d, %d, %d },\n", rc->inst[n].name,
			rc->inst[n].parent, rc->inst[n].fork_step);
	fprintf(out, "};\n#define NR_EXPLICIT %zuu\nstatic const uint64_t explicit_values[] = {",
		rc->nr_explicit);
	for (size_t n = 0; n < rc->nr_explicit; n++)
		fprintf(out, " %" PRIu64 "ULL,", rc->explicit_values[n]);
	fprintf(out, " 0 };\nstatic const struct file file_specs[8] = {\n");
	for (int f = 0; f < MM_NR_FILES; f++)
		fprintf(out, "\t{ %d, 0x%" PRIx64 "UL },\n", rc->file[f].kind,
			rc->file[f].size);
	fprintf(out, "};\n#define NR_STEPS %zu\nstatic const struct step steps[] = {\n",
		p->nr_stmts);
	for (size_t i = 0; i < p->nr_stmts; i++) {
		mm_stmt_print(&p->stmts[i], text, sizeof(text));
		fprintf(out, "\t{ %d, %d, %d, %d, \"%s\" },\n", rc->step[i].owner,
			rc->step[i].child, p->stmts[i].line, rc->step[i].emu,
			text);
	}
	fprintf(out, "%s};\n", p->nr_stmts ? "" : "\t{ OWNER_NONE, -1, 0, 2, \"\" },\n");
}

static void rc_run_step(const struct rc *rc, FILE *out)
{
	fprintf(out, "\n/* Step @step of the program, in the process that owns it. */\n"
		"static void run_step(int step)\n{\n\tswitch (step) {\n");
	for (size_t i = 0; i < rc->p->nr_stmts; i++) {
		char text[256];

		mm_stmt_print(&rc->p->stmts[i], text, sizeof(text));
		fprintf(out, "\tcase %zu:\t/* line %d: %s */\n\t\t%s\n\t\tbreak;\n",
			i, rc->p->stmts[i].line, text, rc->step[i].code);
	}
	fprintf(out, "\tdefault:\n\t\tbreak;\n\t}\n}\n");
}

static void rc_emit(const struct rc *rc, FILE *out)
{
	rc_header(rc, out);
	rc_lines(out, repro_rt_head);
	rc_tables(rc, out);
	rc_lines(out, repro_rt_body);
	rc_lines(out, rc->iouring ? repro_rt_iouring : repro_rt_no_iouring);
	rc_run_step(rc, out);
	rc_lines(out, repro_rt_main);
}

/* ------------------------------------------------------------------ */
/* Command                                                             */

static void rc_free(struct rc *rc)
{
	free(rc->inst);
	free(rc->fresh);
	free(rc->explicit_values);
	free(rc->step);
}

int mmfuzz_cmd_repro_c(int argc, char **argv)
{
	const char *in = NULL, *out_path = NULL;
	struct rc rc = { 0 };
	struct mm_prog p;
	FILE *out;
	int status = 0;

	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc) {
			out_path = argv[++i];
		} else if (!in && (argv[i][0] != '-' || !argv[i][1])) {
			in = argv[i];
		} else {
			fprintf(stderr, "usage: mmfuzz repro-c FILE.mm [-o OUT.c]\n");
			return 2;
		}
	}
	if (!in) {
		fprintf(stderr, "usage: mmfuzz repro-c FILE.mm [-o OUT.c]\n");
		return 2;
	}
	if (mmfuzz_load_checked("mmfuzz repro-c", in, &p))
		return 2;
	rc.path = in;
	rc.p = &p;
	if (rc_simulate(&rc)) {
		fprintf(stderr, "mmfuzz repro-c: out of memory\n");
		status = 2;
	}
	out = !status && out_path && strcmp(out_path, "-") ? fopen(out_path, "w") : stdout;
	if (!status && !out) {
		fprintf(stderr, "mmfuzz repro-c: %s: %s\n", out_path, strerror(errno));
		status = 2;
	}
	if (!status) {
		rc_emit(&rc, out);
		if ((out == stdout ? fflush(out) : fclose(out)) != 0)
			status = 2;
	}
	rc_free(&rc);
	mm_prog_free(&p);
	return status;
}
