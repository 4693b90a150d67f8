/* SPDX-License-Identifier: MIT */
/*
 * check.c - the static checker of a parsed program (spec/program.md §3).
 *
 * It walks the statements in order with a shadow of what exists: which
 * processes are alive, each process's region slots, the files and the GUP
 * handles.  Every statement is validated against that shadow first and
 * applied to it only once valid, so that dropping an invalid statement
 * (decoded fuzz input) leaves the shadow exactly as if it were never there.
 *
 * The shadow (struct mm_shadow, public for tools that build statements
 * one at a time) is deliberately coarser than the kernel: a region keeps
 * its size after munmap, so a later access resolves and becomes a runtime
 * SIGSEGV in the emulator rather than a check error.
 *
 * What only the kernel can decide is left to the run: a driver refusing to
 * insert the zeropage (-EINVAL in a shared writable mapping since 6.11),
 * an mmap the open mode forbids.  What no real program can do is an error
 * here: insert-zeropage models the driver inserting into its own mapping,
 * so its range must lie in a driver mapping of the process.  The checker also
 * treats every field as untrusted (a decoder builds statements directly),
 * so no index is used before it is range checked.
 */
#include <stdarg.h>
#include <string.h>

#include "mmprog.h"

#define SZ_2M	(2ULL << 20)
#define SZ_1G	(1ULL << 30)

/* The shadow (struct mm_shadow, mmprog.h) and where errors go. */
struct chk {
	struct mm_shadow *sh;
	struct mm_error *err;
};

__attribute__((format(printf, 2, 3)))
static int cerr(struct chk *ck, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ck->err->msg, sizeof(ck->err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

static bool idx_ok(int idx, int limit)
{
	return idx >= 0 && idx < limit;
}

static bool is_pages(uint64_t bytes)
{
	return bytes % MM_PAGE_SIZE == 0;
}

/* A size of a mapping or file: page aligned, non-empty, fits a slot. */
static int check_size(struct chk *ck, const char *what, uint64_t size)
{
	char buf[32];

	if (size && is_pages(size) && size <= MM_MAX_SIZE)
		return 0;
	mm_size_print(size, buf, sizeof(buf));
	return cerr(ck, "invalid %s size %s", what, buf);
}

static int check_huge_multiple(struct chk *ck, const char *what,
			       uint64_t bytes, uint64_t huge)
{
	char buf[32];

	if (!(bytes % huge))
		return 0;
	mm_size_print(bytes, buf, sizeof(buf));
	return cerr(ck, "%s %s is not a multiple of %s", what, buf,
		    huge == SZ_1G ? "1g" : "2m");
}

enum range_fault { RANGE_UNALIGNED, RANGE_OUTSIDE, RANGE_EMPTY };

/* The error of a range that does not fit its region, printed only then. */
static int range_err(struct chk *ck, const struct mm_range *r,
		     const struct mm_shadow_region *reg, enum range_fault why)
{
	char text[96], size[32];

	mm_range_print(r, text, sizeof(text));
	mm_size_print(reg->size, size, sizeof(size));
	switch (why) {
	case RANGE_UNALIGNED:
		return cerr(ck, "range %s is not page aligned", text);
	case RANGE_EMPTY:
		return cerr(ck, "empty range %s (region r%d is %s)", text,
			    r->region, size);
	default:
		return cerr(ck, "range %s is outside region r%d (%s)", text,
			    r->region, size);
	}
}

/* rN+OFF:LEN in process @proc to [start, start + size). */
static int resolve_range(struct chk *ck, int proc, struct mm_range *r)
{
	const struct mm_shadow_region *reg;
	uint64_t len;

	if (!idx_ok(r->region, MM_NR_REGIONS))
		return cerr(ck, "invalid region %d", r->region);
	reg = &ck->sh->proc[proc].region[r->region];
	if (!reg->size)
		return cerr(ck, "region r%d is not mapped in p%d", r->region,
			    proc);
	if (!is_pages(r->off) || (r->has_len && !is_pages(r->len)))
		return range_err(ck, r, reg, RANGE_UNALIGNED);
	if (r->off > reg->size)
		return range_err(ck, r, reg, RANGE_OUTSIDE);
	len = r->has_len ? r->len : reg->size - r->off;
	if (!len)
		return range_err(ck, r, reg, RANGE_EMPTY);
	if (len > reg->size - r->off)
		return range_err(ck, r, reg, RANGE_OUTSIDE);
	r->start = mm_region_addr(r->region) + r->off;
	r->size = len;
	return 0;
}

/* Does the resolved range cover its whole region? Then the slot empties. */
static bool covers_region(const struct mm_shadow_region *reg,
			  const struct mm_range *r)
{
	return r->off == 0 && r->size == reg->size;
}

/* ------------------------------------------------------------------ */
/* Address space                                                      */

static int check_mmap_file(struct chk *ck, const struct mm_stmt *s)
{
	const struct mm_shadow_file *f;

	if (!idx_ok(s->file, MM_NR_FILES))
		return cerr(ck, "invalid file %d", s->file);
	f = &ck->sh->file[s->file];
	if (!f->exists)
		return cerr(ck, "file f%d does not exist", s->file);
	if (s->map_opts & (MM_MAP_HUGETLB | MM_MAP_HUGETLB_1G))
		return cerr(ck, "hugetlb options apply to anon mappings only");
	if (!is_pages(s->foff) || s->foff > MM_MAX_SIZE)
		return cerr(ck, "invalid file offset");
	/*
	 * A mapping past EOF is legal (SIGBUS on access); a hugetlbfs mapping
	 * that is not huge-page aligned is not, and the emulator never sees one.
	 */
	if (f->kind == MM_FILE_MEMFD_HUGETLB ||
	    f->kind == MM_FILE_MEMFD_HUGETLB_1G) {
		uint64_t huge = f->kind == MM_FILE_MEMFD_HUGETLB ? SZ_2M : SZ_1G;

		if (check_huge_multiple(ck, "hugetlb file mapping size",
					s->size, huge) ||
		    check_huge_multiple(ck, "hugetlb file offset", s->foff,
					huge))
			return -1;
	}
	return 0;
}

static int check_mmap_anon(struct chk *ck, const struct mm_stmt *s)
{
	if (s->has_foff)
		return cerr(ck, "file offset on an anon mapping");
	if (s->map_opts & MM_MAP_RO_FILE)
		return cerr(ck, "ro-file applies to file mappings only");
	if (s->map_opts & MM_MAP_HUGETLB)
		return check_huge_multiple(ck, "hugetlb mapping size", s->size,
					   SZ_2M);
	if (s->map_opts & MM_MAP_HUGETLB_1G)
		return check_huge_multiple(ck, "hugetlb-1g mapping size",
					   s->size, SZ_1G);
	return 0;
}

/*
 * A character device's mapping (VM_MIXEDMAP): its driver inserts pages.
 * Private driver mappings are COW mappings, which the kernel allows too;
 * ro-file is the device opened read-only (no VM_MAYWRITE when shared).
 */
static int check_mmap_driver(struct chk *ck, const struct mm_stmt *s)
{
	if (s->file != -1 || s->has_foff)
		return cerr(ck, "a driver mapping has no file");
	if (s->map_opts & ~MM_MAP_RO_FILE)
		return cerr(ck, "a driver mapping takes no option but ro-file");
	return 0;
}

/* MAP_FIXED replaces whatever the slot held, so a mapped slot is fine. */
static int check_mmap(struct chk *ck, const struct mm_stmt *s)
{
	struct mm_shadow_region *reg;

	if (!idx_ok(s->region, MM_NR_REGIONS))
		return cerr(ck, "invalid region %d", s->region);
	if (check_size(ck, "mapping", s->size))
		return -1;
	if (s->map_opts & ~0xfu || (unsigned int)s->prot > MM_PROT_RW)
		return cerr(ck, "invalid mmap options");
	if ((s->map_opts & MM_MAP_HUGETLB) && (s->map_opts & MM_MAP_HUGETLB_1G))
		return cerr(ck, "hugetlb and hugetlb-1g exclude each other");
	if (s->op == MM_OP_MMAP_DRIVER ? check_mmap_driver(ck, s) :
	    s->file >= 0 ? check_mmap_file(ck, s) : check_mmap_anon(ck, s))
		return -1;
	reg = &ck->sh->proc[s->proc].region[s->region];
	reg->size = s->size;
	reg->mapped = true;
	reg->driver = s->op == MM_OP_MMAP_DRIVER;
	reg->shared = s->shared;
	reg->file = reg->driver ? -1 : s->file;
	reg->prot = s->prot;
	return 0;
}

static int check_munmap(struct chk *ck, struct mm_stmt *s)
{
	struct mm_shadow_region *reg;

	if (resolve_range(ck, s->proc, &s->range))
		return -1;
	reg = &ck->sh->proc[s->proc].region[s->range.region];
	if (covers_region(reg, &s->range))
		reg->mapped = false;
	return 0;
}

/*
 * mremap RANGE rM: rM must hold nothing (never mapped, or emptied by a
 * munmap or mremap of the whole region); afterwards it is RANGE's size.
 */
static int check_mremap(struct chk *ck, struct mm_stmt *s)
{
	struct mm_shadow_proc *p = &ck->sh->proc[s->proc];
	struct mm_shadow_region *src;

	if (resolve_range(ck, s->proc, &s->range))
		return -1;
	if (!idx_ok(s->region, MM_NR_REGIONS))
		return cerr(ck, "invalid region %d", s->region);
	if (p->region[s->region].mapped || s->region == s->range.region)
		return cerr(ck, "region r%d is in use", s->region);
	src = &p->region[s->range.region];
	if (covers_region(src, &s->range))
		src->mapped = false;
	p->region[s->region] = *src;	/* the kind moves with the VMAs */
	p->region[s->region].size = s->range.size;
	p->region[s->region].mapped = true;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Processes and handles                                              */

static int check_fork(struct chk *ck, const struct mm_stmt *s)
{
	struct mm_shadow_proc *child;

	if (!idx_ok(s->child, MM_NR_PROCS))
		return cerr(ck, "invalid process %d", s->child);
	if (s->child == s->proc)
		return cerr(ck, "process p%d cannot fork itself", s->proc);
	child = &ck->sh->proc[s->child];
	if (child->alive)
		return cerr(ck, "process p%d already exists", s->child);
	memcpy(child->region, ck->sh->proc[s->proc].region, sizeof(child->region));
	child->alive = true;
	return 0;
}

/* Exit tears the process down and releases the handles it owns. */
static int do_exit(struct chk *ck, const struct mm_stmt *s)
{
	ck->sh->proc[s->proc].alive = false;
	for (int g = 0; g < MM_NR_HANDLES; g++)
		if (ck->sh->handle[g].used && ck->sh->handle[g].owner == s->proc)
			ck->sh->handle[g].used = false;
	return 0;
}

/* gup, vmsplice, iouring: a free handle, then owned by the process. */
static int check_gup(struct chk *ck, struct mm_stmt *s)
{
	struct mm_shadow_handle *h;

	if (!idx_ok(s->handle, MM_NR_HANDLES))
		return cerr(ck, "invalid handle %d", s->handle);
	if ((unsigned int)s->gup_mode > MM_GUP_PIN || s->gup_flags & ~0xfu)
		return cerr(ck, "invalid gup mode or flags");
	h = &ck->sh->handle[s->handle];
	if (h->used)
		return cerr(ck, "handle g%d is in use", s->handle);
	if (resolve_range(ck, s->proc, &s->range))
		return -1;
	h->used = true;
	h->owner = s->proc;
	return 0;
}

/* gN read|write|put */
static int check_handle_use(struct chk *ck, const struct mm_stmt *s)
{
	if (!idx_ok(s->handle, MM_NR_HANDLES))
		return cerr(ck, "invalid handle %d", s->handle);
	if (!ck->sh->handle[s->handle].used)
		return cerr(ck, "handle g%d is not in use", s->handle);
	if (s->op == MM_OP_HANDLE_PUT)
		ck->sh->handle[s->handle].used = false;
	return 0;
}

/* Statements that only need the process to exist and, maybe, a range. */
static int check_simple(struct chk *ck, struct mm_stmt *s)
{
	struct mm_shadow_region *reg;

	switch (s->op) {
	case MM_OP_MPROTECT:
		if ((unsigned int)s->prot > MM_PROT_RW)
			return cerr(ck, "invalid protection");
		if (resolve_range(ck, s->proc, &s->range))
			return -1;
		reg = &ck->sh->proc[s->proc].region[s->range.region];
		if (covers_region(reg, &s->range))
			reg->prot = s->prot;
		return 0;
	case MM_OP_MADVISE:
		if ((unsigned int)s->advice >= MM_NR_ADVICE)
			return cerr(ck, "invalid advice");
		break;
	case MM_OP_CLEAR_REFS:
		return 0;
	default:
		break;
	}
	return resolve_range(ck, s->proc, &s->range);
}

/* The driver inserts into its own mapping only. */
static int check_insert_zeropage(struct chk *ck, struct mm_stmt *s)
{
	if (resolve_range(ck, s->proc, &s->range))
		return -1;
	if (!ck->sh->proc[s->proc].region[s->range.region].driver)
		return cerr(ck, "insert-zeropage: r%d of p%d is not a driver mapping",
			    s->range.region, s->proc);
	return 0;
}

static int check_proc_stmt(struct chk *ck, struct mm_stmt *s)
{
	if (!idx_ok(s->proc, MM_NR_PROCS))
		return cerr(ck, "invalid process %d", s->proc);
	if (s->thread != -1 && !idx_ok(s->thread, MM_NR_THREADS))
		return cerr(ck, "invalid thread %d", s->thread);
	if (!ck->sh->proc[s->proc].alive)
		return cerr(ck, "process p%d does not exist", s->proc);
	switch (s->op) {
	case MM_OP_MMAP:
	case MM_OP_MMAP_DRIVER:
		return check_mmap(ck, s);
	case MM_OP_MUNMAP:
		return check_munmap(ck, s);
	case MM_OP_MREMAP:
		return check_mremap(ck, s);
	case MM_OP_FORK:
		return check_fork(ck, s);
	case MM_OP_EXIT:
		return do_exit(ck, s);
	case MM_OP_GUP:
	case MM_OP_VMSPLICE:
	case MM_OP_IOURING:
		return check_gup(ck, s);
	case MM_OP_INSERT_ZEROPAGE:
		return check_insert_zeropage(ck, s);
	default:
		return check_simple(ck, s);
	}
}

/* ------------------------------------------------------------------ */
/* Files                                                              */

static int check_file(struct chk *ck, const struct mm_stmt *s)
{
	struct mm_shadow_file *f;

	if (!idx_ok(s->file, MM_NR_FILES))
		return cerr(ck, "invalid file %d", s->file);
	if ((unsigned int)s->file_kind >= MM_NR_FILE_KINDS)
		return cerr(ck, "invalid file kind");
	f = &ck->sh->file[s->file];
	if (f->exists)
		return cerr(ck, "file f%d already exists", s->file);
	if (check_size(ck, "file", s->size))
		return -1;
	if (s->file_kind == MM_FILE_MEMFD_HUGETLB &&
	    check_huge_multiple(ck, "memfd-hugetlb file size", s->size, SZ_2M))
		return -1;
	if (s->file_kind == MM_FILE_MEMFD_HUGETLB_1G &&
	    check_huge_multiple(ck, "memfd-hugetlb-1g file size", s->size,
				SZ_1G))
		return -1;
	f->exists = true;
	f->kind = s->file_kind;
	f->size = s->size;
	return 0;
}

/* fN write [+OFF][:LEN]: inside the file; resolves fw_start/fw_size. */
static int check_file_write(struct chk *ck, struct mm_stmt *s)
{
	const struct mm_shadow_file *f;
	uint64_t off, len;
	char size[32];

	if (!idx_ok(s->file, MM_NR_FILES))
		return cerr(ck, "invalid file %d", s->file);
	f = &ck->sh->file[s->file];
	if (!f->exists)
		return cerr(ck, "file f%d does not exist", s->file);
	off = s->has_fwoff ? s->fwoff : 0;
	mm_size_print(f->size, size, sizeof(size));
	if (!is_pages(off) || (s->has_fwlen && !is_pages(s->fwlen)))
		return cerr(ck, "file range is not page aligned");
	if (off > f->size)
		return cerr(ck, "write is outside file f%d (%s)", s->file, size);
	len = s->has_fwlen ? s->fwlen : f->size - off;
	if (!len)
		return cerr(ck, "empty write to file f%d (%s)", s->file, size);
	if (len > f->size - off)
		return cerr(ck, "write is outside file f%d (%s)", s->file, size);
	s->fw_start = off;
	s->fw_size = len;
	return 0;
}

static int check_stmt(struct chk *ck, struct mm_stmt *s)
{
	if ((unsigned int)s->op >= MM_NR_OPS)
		return cerr(ck, "invalid statement kind %d", (int)s->op);
	if (mm_op_is_proc(s->op))
		return check_proc_stmt(ck, s);
	switch (s->op) {
	case MM_OP_HANDLE_READ:
	case MM_OP_HANDLE_WRITE:
	case MM_OP_HANDLE_PUT:
		return check_handle_use(ck, s);
	case MM_OP_FILE:
		return check_file(ck, s);
	case MM_OP_FILE_WRITE:
		return check_file_write(ck, s);
	case MM_OP_THREAD_STEP:
	case MM_OP_THREAD_FINISH:
		/* Stepping is the runner's business; only the name matters. */
		if (!idx_ok(s->thread, MM_NR_THREADS))
			return cerr(ck, "invalid thread %d", s->thread);
		return 0;
	default:	/* ksm, reclaim, khugepaged, compact, drop-caches */
		return 0;
	}
}

void mm_shadow_init(struct mm_shadow *sh)
{
	memset(sh, 0, sizeof(*sh));
	sh->proc[0].alive = true;
}

/* Check @s against @sh and apply it if valid (contract in mmprog.h). */
int mm_shadow_step(struct mm_shadow *sh, struct mm_stmt *s,
		   struct mm_error *err)
{
	struct mm_error scratch;
	struct chk ck = { sh, err ? err : &scratch };

	ck.err->line = s->line;
	ck.err->msg[0] = '\0';
	return check_stmt(&ck, s);
}

/*
 * Check and resolve @p statement by statement (contract in mmprog.h).
 * Returns 0, or -1 with @err set to the first invalid statement's line and
 * the reason; with @drop_invalid, invalid statements are removed from @p
 * (order kept) and 0 is returned.  @err may be NULL.
 */
int mm_prog_check(struct mm_prog *p, bool drop_invalid, struct mm_error *err)
{
	struct mm_error scratch;
	struct mm_shadow sh;
	struct chk ck = { &sh, err ? err : &scratch };
	size_t kept = 0;

	mm_shadow_init(&sh);
	ck.err->line = 0;
	ck.err->msg[0] = '\0';
	for (size_t i = 0; i < p->nr_stmts; i++) {
		if (check_stmt(&ck, &p->stmts[i]) == 0) {
			if (kept != i)
				p->stmts[kept] = p->stmts[i];
			kept++;
		} else if (!drop_invalid) {
			ck.err->line = p->stmts[i].line;
			return -1;
		}
	}
	p->nr_stmts = kept;
	ck.err->msg[0] = '\0';
	return 0;
}
