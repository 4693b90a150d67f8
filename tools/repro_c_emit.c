// SPDX-License-Identifier: MIT
/*
 * repro_c_emit.c - each statement kind's step in the C program `mmfuzz
 * repro-c` writes (repro_c.c): the code of its case in run_step(), the
 * process that owns it, and what the simulation learns from it (who
 * wrote which fresh value, into private or shared memory; the fork tree;
 * which handles an owner's unmap, remap or discard disturbs).  Kinds with
 * no userspace equivalent are reported on stderr and become comments.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmfuzz.h"
#include "repro_c_int.h"

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

static int rc_mmap(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	rc_code(rc, i, "do_mmap(%d, 0x%" PRIx64 "UL, %d, %d, %uu, %d, 0x%" PRIx64 "UL);",
		s->region, s->size, (int)s->prot, (int)s->shared, s->map_opts,
		s->file, s->file >= 0 ? s->foff : 0);
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
		rc_code(rc, i, "do_write(0x%" PRIx64 "UL, %" PRIu64 ", 0, %" PRIu64 "ULL);",
			s->range.start, pages, s->value);
		return rc_explicit(rc, s->value);
	}
	first = rc_fresh_range(rc, i, s);
	if (first < 0)
		return -1;
	rc_code(rc, i, "do_write(0x%" PRIx64 "UL, %" PRIu64 ", %" PRId64 ", 0);",
		s->range.start, pages, first + 1);
	return 0;
}

static int rc_memwrite(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	int64_t first = rc_fresh_range(rc, i, s);

	if (first < 0)
		return -1;
	rc_code(rc, i, "do_memrw(0x%" PRIx64 "UL, %" PRIu64 ", 1, %" PRId64 ");",
		s->range.start, (uint64_t)(s->range.size / PAGE), first + 1);
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
		rc_code(rc, i, "do_file_write(%d, 0x%" PRIx64 "UL, %" PRIu64 ", 0, %" PRIu64 "ULL);",
			s->file, s->fw_start, pages, s->value);
		return rc_explicit(rc, s->value);
	}
	first = rc_fresh(rc, i, pages, true);
	if (first < 0)
		return -1;
	rc_code(rc, i, "do_file_write(%d, 0x%" PRIx64 "UL, %" PRIu64 ", %" PRId64 ", 0);",
		s->file, s->fw_start, pages, first + 1);
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
	rc_code(rc, i, "do_mprotect(0x%" PRIx64 "UL, 0x%" PRIx64 "UL, %d);",
		s->range.start, s->range.size, (int)s->prot);
	return 0;
}

static int rc_madvise(struct rc *rc, size_t i, const struct mm_stmt *s)
{
	uint64_t a = s->range.start, len = s->range.size;

	/* What a pin compares against is gone (or may be). */
	if (s->advice == MM_ADV_DONTNEED || s->advice == MM_ADV_FREE ||
	    s->advice == MM_ADV_REMOVE)
		rc_disturb(rc, s->proc, a, len);
	rc_code(rc, i, "do_madvise(0x%" PRIx64 "UL, 0x%" PRIx64 "UL, %d);",
		a, len, (int)s->advice);
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

int rc_stmt(struct rc *rc, size_t i)
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
