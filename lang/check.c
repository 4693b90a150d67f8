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
 *
 * What to check is the statement table's (mmstmt.h): the subject's name,
 * each field by its type, the needs (MMN_*), then the effect (MME_*) with
 * the few rules particular to it (what each mmap backing allows, hugetlb
 * sizes).
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

/*
 * rN+OFF:LEN in process @proc to [start, start + size); the region index
 * is known to be valid (the RANGE field's check).
 */
static int resolve_range(struct chk *ck, int proc, struct mm_range *r)
{
	const struct mm_shadow_region *reg;
	uint64_t len;

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

/* The region of @s's process that its (resolved) range lies in. */
static struct mm_shadow_region *range_region(struct chk *ck,
					     const struct mm_stmt *s)
{
	return &ck->sh->proc[s->proc].region[s->range.region];
}

/* The huge page size a file of kind @kind is made of; 0: none. */
static uint64_t file_kind_huge(enum mm_file_kind kind)
{
	if (kind == MM_FILE_MEMFD_HUGETLB)
		return SZ_2M;
	return kind == MM_FILE_MEMFD_HUGETLB_1G ? SZ_1G : 0;
}

/* ------------------------------------------------------------------ */
/* The subject: its name is valid and exists                          */

static int proc_alive(struct chk *ck, int proc)
{
	if (!ck->sh->proc[proc].alive)
		return cerr(ck, "process p%d does not exist", proc);
	return 0;
}

static int handle_in_use(struct chk *ck, int handle)
{
	if (!ck->sh->handle[handle].used)
		return cerr(ck, "handle g%d is not in use", handle);
	return 0;
}

static int file_exists(struct chk *ck, int file)
{
	if (!ck->sh->file[file].exists)
		return cerr(ck, "file f%d does not exist", file);
	return 0;
}

/*
 * What a subject's name must name, by subject; a thread has nothing to
 * exist (stepping is the runner's business, only the name matters).
 */
static int (*const subject_exists[])(struct chk *ck, int name) = {
	[MM_SUBJ_PROC] = proc_alive,
	[MM_SUBJ_HANDLE] = handle_in_use,
	[MM_SUBJ_FILE] = file_exists,
	[MM_SUBJ_THREAD] = NULL,
};

static int check_subject(struct chk *ck, const struct mm_stmt *s,
			 const struct mm_stmt_desc *d)
{
	const struct mm_subject_desc *subj = mm_subject_desc(d->subject);
	int name = mm_stmt_subject(s);

	if (!subj)
		return 0;
	if (!idx_ok(name, subj->limit))
		return cerr(ck, "invalid %s %d", subj->what, name);
	if (d->may_thread && s->thread != -1 &&
	    !idx_ok(s->thread, MM_NR_THREADS))
		return cerr(ck, "invalid thread %d", s->thread);
	return subject_exists[d->subject] ?
	       subject_exists[d->subject](ck, name) : 0;
}

/* ------------------------------------------------------------------ */
/* Fields: each holds a value of its type                             */

static int check_region(struct chk *ck, struct mm_stmt *s)
{
	if (!idx_ok(s->region, MM_NR_REGIONS))
		return cerr(ck, "invalid region %d", s->region);
	return 0;
}

/* The size of the file a statement names (file fN), else of a mapping. */
static int check_size_field(struct chk *ck, struct mm_stmt *s)
{
	return check_size(ck, mm_stmt_has_field(s->op, MMF_FILE) ?
			  "file" : "mapping", s->size);
}

/* fM names a file; a fixed backing word ("driver") and anon do not. */
static int check_backing(struct chk *ck, struct mm_stmt *s)
{
	if (!mm_stmt_desc(s->op)->backing && s->file >= 0 &&
	    !idx_ok(s->file, MM_NR_FILES))
		return cerr(ck, "invalid file %d", s->file);
	return 0;
}

/* mmap says a bad prot among its options, as it always has. */
static int check_prot(struct chk *ck, struct mm_stmt *s)
{
	if ((unsigned int)s->prot <= MM_PROT_RW)
		return 0;
	return cerr(ck, mm_stmt_has_field(s->op, MMF_MAP_OPTS) ?
		    "invalid mmap options" : "invalid protection");
}

static int check_map_opts(struct chk *ck, struct mm_stmt *s)
{
	if (s->map_opts & ~0xfu)
		return cerr(ck, "invalid mmap options");
	if ((s->map_opts & MM_MAP_HUGETLB) && (s->map_opts & MM_MAP_HUGETLB_1G))
		return cerr(ck, "hugetlb and hugetlb-1g exclude each other");
	return 0;
}

static int check_range(struct chk *ck, struct mm_stmt *s)
{
	if (!idx_ok(s->range.region, MM_NR_REGIONS))
		return cerr(ck, "invalid region %d", s->range.region);
	return 0;
}

static int check_advice(struct chk *ck, struct mm_stmt *s)
{
	if ((unsigned int)s->advice >= MM_NR_ADVICE)
		return cerr(ck, "invalid advice");
	return 0;
}

static int check_child(struct chk *ck, struct mm_stmt *s)
{
	if (!idx_ok(s->child, MM_NR_PROCS))
		return cerr(ck, "invalid process %d", s->child);
	if (s->child == s->proc)
		return cerr(ck, "process p%d cannot fork itself", s->proc);
	return 0;
}

static int check_handle(struct chk *ck, struct mm_stmt *s)
{
	if (!idx_ok(s->handle, MM_NR_HANDLES))
		return cerr(ck, "invalid handle %d", s->handle);
	return 0;
}

static int check_gup_mode(struct chk *ck, struct mm_stmt *s)
{
	if ((unsigned int)s->gup_mode > MM_GUP_PIN)
		return cerr(ck, "invalid gup mode or flags");
	return 0;
}

static int check_gup_flags(struct chk *ck, struct mm_stmt *s)
{
	if (s->gup_flags & ~0xfu)
		return cerr(ck, "invalid gup mode or flags");
	return 0;
}

static int check_file(struct chk *ck, struct mm_stmt *s)
{
	if (!idx_ok(s->file, MM_NR_FILES))
		return cerr(ck, "invalid file %d", s->file);
	return 0;
}

static int check_file_kind(struct chk *ck, struct mm_stmt *s)
{
	if ((unsigned int)s->file_kind >= MM_NR_FILE_KINDS)
		return cerr(ck, "invalid file kind");
	return 0;
}

/*
 * fN write [+OFF][:LEN]: inside the file (the subject, known to exist);
 * resolves fw_start/fw_size.
 */
static int check_file_range(struct chk *ck, struct mm_stmt *s)
{
	const struct mm_shadow_file *f = &ck->sh->file[s->file];
	uint64_t off = s->has_fwoff ? s->fwoff : 0, len;
	char size[32];

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

/* Each field's own validity; NULL: every value is valid (bools, =V). */
static int (*const check_field[MM_NR_FIELDS])(struct chk *ck,
					      struct mm_stmt *s) = {
	[MMF_REGION] = check_region,
	[MMF_SIZE] = check_size_field,
	[MMF_BACKING] = check_backing,
	[MMF_PROT] = check_prot,
	[MMF_MAP_OPTS] = check_map_opts,
	[MMF_RANGE] = check_range,
	[MMF_ADVICE] = check_advice,
	[MMF_CHILD] = check_child,
	[MMF_HANDLE] = check_handle,
	[MMF_GUP_MODE] = check_gup_mode,
	[MMF_GUP_FLAGS] = check_gup_flags,
	[MMF_FILE] = check_file,
	[MMF_FILE_KIND] = check_file_kind,
	[MMF_FILE_RANGE] = check_file_range,
};

/* ------------------------------------------------------------------ */
/* Needs: the names the statement uses exist, or do not yet           */

static int need_handle_free(struct chk *ck, struct mm_stmt *s)
{
	if (ck->sh->handle[s->handle].used)
		return cerr(ck, "handle g%d is in use", s->handle);
	return 0;
}

static int need_range_mapped(struct chk *ck, struct mm_stmt *s)
{
	return resolve_range(ck, s->proc, &s->range);
}

/* The driver inserts into its own mapping only. */
static int need_range_driver(struct chk *ck, struct mm_stmt *s)
{
	if (!range_region(ck, s)->driver)
		return cerr(ck, "%s: r%d of p%d is not a driver mapping",
			    mm_op_name(s->op), s->range.region, s->proc);
	return 0;
}

/*
 * mremap RANGE rM: rM must hold nothing (never mapped, or emptied by a
 * munmap or mremap of the whole region).
 */
static int need_target_free(struct chk *ck, struct mm_stmt *s)
{
	if (ck->sh->proc[s->proc].region[s->region].mapped ||
	    s->region == s->range.region)
		return cerr(ck, "region r%d is in use", s->region);
	return 0;
}

static int need_child_free(struct chk *ck, struct mm_stmt *s)
{
	if (ck->sh->proc[s->child].alive)
		return cerr(ck, "process p%d already exists", s->child);
	return 0;
}

static int need_file_free(struct chk *ck, struct mm_stmt *s)
{
	if (ck->sh->file[s->file].exists)
		return cerr(ck, "file f%d already exists", s->file);
	return 0;
}

/* mmap fM: the file exists; anon and driver mappings name none. */
static int need_file_exists(struct chk *ck, struct mm_stmt *s)
{
	return s->file >= 0 ? file_exists(ck, s->file) : 0;
}

/* In the order they are checked: the first unmet one is the error. */
static const struct {
	unsigned int need;
	int (*check)(struct chk *ck, struct mm_stmt *s);
} needs[] = {
	{ MMN_HANDLE_FREE, need_handle_free },
	{ MMN_RANGE_MAPPED, need_range_mapped },
	{ MMN_RANGE_DRIVER, need_range_driver },
	{ MMN_TARGET_FREE, need_target_free },
	{ MMN_CHILD_FREE, need_child_free },
	{ MMN_FILE_FREE, need_file_free },
	{ MMN_FILE_EXISTS, need_file_exists },
};

/* ------------------------------------------------------------------ */
/* Effects on the shadow (and the rules particular to one of them)    */

static int check_mmap_file(struct chk *ck, const struct mm_stmt *s)
{
	const struct mm_shadow_file *f = &ck->sh->file[s->file];
	uint64_t huge = file_kind_huge(f->kind);

	if (s->map_opts & (MM_MAP_HUGETLB | MM_MAP_HUGETLB_1G))
		return cerr(ck, "hugetlb options apply to anon mappings only");
	if (!is_pages(s->foff) || s->foff > MM_MAX_SIZE)
		return cerr(ck, "invalid file offset");
	/*
	 * A mapping past EOF is legal (SIGBUS on access); a hugetlbfs mapping
	 * that is not huge-page aligned is not, and the emulator never sees one.
	 */
	if (huge && (check_huge_multiple(ck, "hugetlb file mapping size",
					 s->size, huge) ||
		     check_huge_multiple(ck, "hugetlb file offset", s->foff,
					 huge)))
		return -1;
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

/*
 * The slot rN now holds this mapping.  MAP_FIXED replaces whatever the
 * slot held, so a mapped slot is fine; what each backing allows is
 * checked first.  The one kind with a fixed backing word is the driver
 * mapping.
 */
static int effect_map(struct chk *ck, struct mm_stmt *s)
{
	bool driver = mm_stmt_desc(s->op)->backing != NULL;
	struct mm_shadow_region *reg;

	if (driver ? check_mmap_driver(ck, s) :
	    s->file >= 0 ? check_mmap_file(ck, s) : check_mmap_anon(ck, s))
		return -1;
	reg = &ck->sh->proc[s->proc].region[s->region];
	reg->size = s->size;
	reg->mapped = true;
	reg->driver = driver;
	reg->shared = s->shared;
	reg->file = driver ? -1 : s->file;
	reg->prot = s->prot;
	return 0;
}

static int effect_unmap(struct chk *ck, struct mm_stmt *s)
{
	struct mm_shadow_region *reg = range_region(ck, s);

	if (covers_region(reg, &s->range))
		reg->mapped = false;
	return 0;
}

/* RANGE moves to rM, which is then RANGE's size. */
static int effect_move(struct chk *ck, struct mm_stmt *s)
{
	struct mm_shadow_proc *p = &ck->sh->proc[s->proc];
	struct mm_shadow_region *src = &p->region[s->range.region];

	if (covers_region(src, &s->range))
		src->mapped = false;
	p->region[s->region] = *src;	/* the kind moves with the VMAs */
	p->region[s->region].size = s->range.size;
	p->region[s->region].mapped = true;
	return 0;
}

static int effect_protect(struct chk *ck, struct mm_stmt *s)
{
	struct mm_shadow_region *reg = range_region(ck, s);

	if (covers_region(reg, &s->range))
		reg->prot = s->prot;
	return 0;
}

static int effect_fork(struct chk *ck, struct mm_stmt *s)
{
	struct mm_shadow_proc *child = &ck->sh->proc[s->child];

	memcpy(child->region, ck->sh->proc[s->proc].region,
	       sizeof(child->region));
	child->alive = true;
	return 0;
}

/* Exit tears the process down and releases the handles it owns. */
static int effect_exit(struct chk *ck, struct mm_stmt *s)
{
	ck->sh->proc[s->proc].alive = false;
	for (int g = 0; g < MM_NR_HANDLES; g++)
		if (ck->sh->handle[g].used && ck->sh->handle[g].owner == s->proc)
			ck->sh->handle[g].used = false;
	return 0;
}

/* gup, vmsplice, iouring: the handle is owned by the process. */
static int effect_take_handle(struct chk *ck, struct mm_stmt *s)
{
	ck->sh->handle[s->handle].used = true;
	ck->sh->handle[s->handle].owner = s->proc;
	return 0;
}

static int effect_put_handle(struct chk *ck, struct mm_stmt *s)
{
	ck->sh->handle[s->handle].used = false;
	return 0;
}

/* A hugetlb file is made of whole huge pages. */
static int effect_create_file(struct chk *ck, struct mm_stmt *s)
{
	struct mm_shadow_file *f = &ck->sh->file[s->file];
	uint64_t huge = file_kind_huge(s->file_kind);
	char what[48];

	snprintf(what, sizeof(what), "%s file size",
		 mm_file_kind_name(s->file_kind));
	if (huge && check_huge_multiple(ck, what, s->size, huge))
		return -1;
	f->exists = true;
	f->kind = s->file_kind;
	f->size = s->size;
	return 0;
}

/* Each effect; NULL for MME_NONE.  Only a valid statement gets here. */
static int (*const effect[])(struct chk *ck, struct mm_stmt *s) = {
	[MME_NONE] = NULL,
	[MME_MAP] = effect_map,
	[MME_UNMAP] = effect_unmap,
	[MME_MOVE] = effect_move,
	[MME_PROTECT] = effect_protect,
	[MME_FORK] = effect_fork,
	[MME_EXIT] = effect_exit,
	[MME_TAKE_HANDLE] = effect_take_handle,
	[MME_PUT_HANDLE] = effect_put_handle,
	[MME_CREATE_FILE] = effect_create_file,
};

/* ------------------------------------------------------------------ */
/* Statements                                                         */

/*
 * The statement table drives it all: the subject's name, each field's
 * value, the needs in their fixed order, then the effect.  Every check
 * comes before any change, so an invalid statement leaves the shadow as
 * it was; each step relies on the indices the earlier ones checked.
 */
static int check_stmt(struct chk *ck, struct mm_stmt *s)
{
	const struct mm_stmt_desc *d = mm_stmt_desc(s->op);

	if (!d)
		return cerr(ck, "invalid statement kind %d", (int)s->op);
	if (check_subject(ck, s, d))
		return -1;
	for (const uint8_t *f = d->fields; *f != MMF_END; f++)
		if (check_field[*f] && check_field[*f](ck, s))
			return -1;
	for (size_t i = 0; i < sizeof(needs) / sizeof(needs[0]); i++)
		if ((d->needs & needs[i].need) && needs[i].check(ck, s))
			return -1;
	if ((unsigned int)d->effect < sizeof(effect) / sizeof(effect[0]) &&
	    effect[d->effect] && effect[d->effect](ck, s))
		return -1;
	if (d->may_thread && s->thread >= 0)
		ck->sh->threads |= (uint8_t)(1u << s->thread);
	if (s->op == MM_OP_THREAD_FINISH && s->thread >= 0)
		ck->sh->threads &= (uint8_t)~(1u << s->thread);
	return 0;
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
