/* SPDX-License-Identifier: MIT */
/*
 * encode.c - the binary form of a program: fuzz input <-> struct mm_prog.
 *
 * Every byte string decodes to a valid program, and the encoder is its
 * exact inverse on checked programs: mm_prog_decode(mm_prog_encode(p))
 * prints the same canonical text as p.  Fuzz targets decode their input,
 * `mmfuzz decode` shows it as .mm text, `mmfuzz encode` turns scenarios
 * into seeds.
 *
 * Layout
 *
 *   input      := HEADER [DIRECTIVES] STATEMENT*
 *   HEADER     := 1 byte.  Bit 0: a DIRECTIVES block follows.  The other
 *                 bits are reserved: written as 0, ignored when read.
 *   DIRECTIVES := COUNT, then COUNT records of LEN and LEN bytes: one
 *                 directive line as text ("era 5.7", "knob x=on").  A
 *                 record that does not parse as a directive (or repeats
 *                 one that may appear once) is dropped.  Fuzz targets skip
 *                 the block: their era and knobs come from the environment.
 *   STATEMENT  := OP, then the op's argument bytes, one byte per field.
 *
 * Bytes past the end of the input read as zero, so a truncated statement
 * is still a statement; decoding stops after MM_DECODE_MAX_STMTS of them.
 * A field's byte b means b % N for the field's N, so every byte is valid;
 * the encoder writes the smallest such byte.
 *
 *   OP is b % NR_OPS into the alphabet's op table.  Full alphabet: enum
 *   mm_op itself (append only: a new op never renumbers the old ones).
 *
 *   op (full)       fields          op (full)       fields
 *    0 mmap         P rN S B O M    13 vmsplice     P gN R
 *    1 munmap       P R             14 iouring      P gN R
 *    2 mprotect     P R prot        15 gN read      gN
 *    3 madvise      P R advice      16 gN write     gN
 *    4 mremap       P R rN          17 gN put       gN
 *    5 read         P R             18 file         fN kind S
 *    6 write        P R V           19 fN write     fN OFF LEN V
 *    7 memwrite     P R             20 ksm          -
 *    8 memread      P R             21 reclaim      -
 *    9 clear-refs   P               22 khugepaged   -
 *   10 fork         P pJ            23 compact      -
 *   11 exit         P               24 drop-caches  -
 *   12 gup          P gN R G        25 tN step      tN
 *                                   26 tN finish    tN
 *
 *   P      bits 0-2: process (mod the alphabet's count); bits 3-7: 1..8
 *          is thread @t0..@t7, anything else no thread
 *   R      three bytes rN OFF LEN: region, then OFF and LEN as below
 *   OFF    0: absent, k: +(k-1) pages             (full: mod 64, cow: 5)
 *   LEN    0: absent (to the end), k: k pages     (full: mod 65, cow: 5)
 *   S      k < NP: k+1 pages; full only: NP is 2m, NP+1 is 1g
 *                                                 (full: NP 64, cow: 4)
 *   B      mod 2*NF: k < NF is anon, else file f(k-NF)
 *   O      file offset, as OFF (ignored for anon)
 *   M      bit 0 shared; bits 1-2 prot (mod 3: none r rw); bits 3-6 mmap
 *          options (hugetlb hugetlb-1g populate ro-file) without the ones
 *          that cannot apply (hugetlb on files, ro-file on anon, both
 *          hugetlb sizes: hugetlb-1g dropped; cow: populate, ro-file only)
 *   G      bit 0 pin (else get); bits 1-4 write longterm force fast
 *   V      bit 7 set: =(b & 127); clear: fresh content
 *   prot, advice, kind, rN, pJ, gN, fN, tN: b % count, through the
 *          alphabet's table (cow: advice dontneed dontfork wipeonfork
 *          populate-write; kinds memfd tmpfile shmem)
 *
 * After decoding, mm_prog_check(drop_invalid) removes statements that
 * cannot apply, and a statement touching more than opts->max_pages pages
 * (512 in a hugetlb 2m region) is dropped so no input runs long; the two
 * repeat until nothing changes.  With opts->skip_unsupported (fuzz
 * targets) what the emulator does not model yet is dropped as decoded:
 * tN step/finish; and stripped: @tN suffixes.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmprog.h"

#define HDR_DIRECTIVES	0x01
#define PAGE		MM_PAGE_SIZE
#define SZ_2M		(2ULL << 20)
#define SZ_1G		(1ULL << 30)

/* ------------------------------------------------------------------ */
/* Alphabets                                                          */

struct alphabet {
	const enum mm_op *ops;		/* NULL: enum mm_op order */
	unsigned int nr_ops;
	const enum mm_advice *advice;	/* NULL: enum mm_advice order */
	unsigned int nr_advice;
	unsigned int nr_kinds;		/* a prefix of enum mm_file_kind */
	unsigned int nr_procs, nr_regions, nr_handles, nr_files;
	unsigned int nr_page_sizes;	/* S: 1..N pages */
	bool huge_sizes;		/* S: then 2m and 1g */
	unsigned int off_mod, len_mod;
	unsigned int map_opts;		/* M: options that may be set */
};

/* Append only: the index is the opcode byte of fuzz_cow inputs. */
static const enum mm_op cow_ops[] = {
	MM_OP_MMAP, MM_OP_MUNMAP, MM_OP_MPROTECT, MM_OP_MADVISE, MM_OP_READ,
	MM_OP_WRITE, MM_OP_MEMWRITE, MM_OP_CLEAR_REFS, MM_OP_FORK, MM_OP_EXIT,
	MM_OP_GUP, MM_OP_VMSPLICE, MM_OP_IOURING, MM_OP_HANDLE_READ,
	MM_OP_HANDLE_WRITE, MM_OP_HANDLE_PUT, MM_OP_FILE, MM_OP_FILE_WRITE,
};

static const enum mm_advice cow_advice[] = {
	MM_ADV_DONTNEED, MM_ADV_DONTFORK, MM_ADV_WIPEONFORK,
	MM_ADV_POPULATE_WRITE,
};

#define NR_OF(a) (sizeof(a) / sizeof((a)[0]))

static const struct alphabet alphabets[MM_NR_ALPHABETS] = {
	[MM_ALPHA_FULL] = {
		.nr_ops = MM_NR_OPS, .nr_advice = MM_NR_ADVICE,
		.nr_kinds = MM_NR_FILE_KINDS,
		.nr_procs = MM_NR_PROCS, .nr_regions = MM_NR_REGIONS,
		.nr_handles = MM_NR_HANDLES, .nr_files = MM_NR_FILES,
		.nr_page_sizes = 64, .huge_sizes = true,
		.off_mod = 64, .len_mod = 65, .map_opts = 0xf,
	},
	[MM_ALPHA_COW] = {
		.ops = cow_ops, .nr_ops = NR_OF(cow_ops),
		.advice = cow_advice, .nr_advice = NR_OF(cow_advice),
		.nr_kinds = MM_FILE_SHMEM + 1,
		.nr_procs = 3, .nr_regions = 3, .nr_handles = 8, .nr_files = 2,
		.nr_page_sizes = 4, .huge_sizes = false,
		.off_mod = 5, .len_mod = 5,
		.map_opts = MM_MAP_POPULATE | MM_MAP_RO_FILE,
	},
};

static enum mm_op alpha_op(const struct alphabet *a, unsigned int i)
{
	return a->ops ? a->ops[i] : (enum mm_op)i;
}

static enum mm_advice alpha_advice(const struct alphabet *a, unsigned int i)
{
	return a->advice ? a->advice[i] : (enum mm_advice)i;
}

/* ------------------------------------------------------------------ */
/* Fields                                                             */

enum field {
	F_END, F_PROC, F_REGION, F_SIZE, F_BACKING, F_FOFF, F_MODE,
	F_RGN, F_OFF, F_LEN, F_PROT, F_ADVICE, F_CHILD, F_HANDLE, F_GUP,
	F_FILE, F_KIND, F_FWOFF, F_FWLEN, F_VALUE, F_THREAD,
};

#define RANGE	F_RGN, F_OFF, F_LEN

/* The argument bytes of each statement kind, in input order. */
static const uint8_t op_fields[MM_NR_OPS][7] = {
	[MM_OP_MMAP] = { F_PROC, F_REGION, F_SIZE, F_BACKING, F_FOFF, F_MODE },
	[MM_OP_MUNMAP] = { F_PROC, RANGE },
	[MM_OP_MPROTECT] = { F_PROC, RANGE, F_PROT },
	[MM_OP_MADVISE] = { F_PROC, RANGE, F_ADVICE },
	[MM_OP_MREMAP] = { F_PROC, RANGE, F_REGION },
	[MM_OP_READ] = { F_PROC, RANGE },
	[MM_OP_WRITE] = { F_PROC, RANGE, F_VALUE },
	[MM_OP_MEMWRITE] = { F_PROC, RANGE },
	[MM_OP_MEMREAD] = { F_PROC, RANGE },
	[MM_OP_CLEAR_REFS] = { F_PROC },
	[MM_OP_FORK] = { F_PROC, F_CHILD },
	[MM_OP_EXIT] = { F_PROC },
	[MM_OP_GUP] = { F_PROC, F_HANDLE, RANGE, F_GUP },
	[MM_OP_VMSPLICE] = { F_PROC, F_HANDLE, RANGE },
	[MM_OP_IOURING] = { F_PROC, F_HANDLE, RANGE },
	[MM_OP_HANDLE_READ] = { F_HANDLE },
	[MM_OP_HANDLE_WRITE] = { F_HANDLE },
	[MM_OP_HANDLE_PUT] = { F_HANDLE },
	[MM_OP_FILE] = { F_FILE, F_KIND, F_SIZE },
	[MM_OP_FILE_WRITE] = { F_FILE, F_FWOFF, F_FWLEN, F_VALUE },
	[MM_OP_THREAD_STEP] = { F_THREAD },
	[MM_OP_THREAD_FINISH] = { F_THREAD },
};

static uint64_t size_of(const struct alphabet *a, unsigned int b)
{
	unsigned int k = b % (a->nr_page_sizes + (a->huge_sizes ? 2 : 0));

	if (k < a->nr_page_sizes)
		return (k + 1) * PAGE;
	return k == a->nr_page_sizes ? SZ_2M : SZ_1G;
}

/* OFF: 0 is absent, k is (k - 1) pages. */
static void off_of(unsigned int k, bool *has, uint64_t *off)
{
	*has = k != 0;
	*off = k ? (k - 1) * PAGE : 0;
}

/* LEN: 0 is absent, k is k pages. */
static void len_of(unsigned int k, bool *has, uint64_t *len)
{
	*has = k != 0;
	*len = k * PAGE;
}

/* M: options that cannot apply are dropped, so the checker keeps it. */
static void mode_of(const struct alphabet *a, unsigned int b,
		    struct mm_stmt *s)
{
	unsigned int opts = (b >> 3) & a->map_opts;

	s->shared = b & 1;
	s->prot = (enum mm_prot)(((b >> 1) & 3) % 3);
	if (s->file >= 0)
		opts &= ~(MM_MAP_HUGETLB | MM_MAP_HUGETLB_1G);
	else
		opts &= ~MM_MAP_RO_FILE;
	if (opts & MM_MAP_HUGETLB)
		opts &= ~MM_MAP_HUGETLB_1G;
	s->map_opts = opts;
}

/* B: the lower half of the values is anon (-1), the upper half fN. */
static int8_t backing_of(const struct alphabet *a, unsigned int b)
{
	int k = (int)(b % (2 * a->nr_files)) - (int)a->nr_files;

	return (int8_t)(k < 0 ? -1 : k);
}

static void decode_proc(unsigned int b, unsigned int nr_procs,
			struct mm_stmt *s)
{
	int t = (int)(b >> 3) - 1;

	s->proc = (int8_t)((b & 7) % nr_procs);
	s->thread = (int8_t)(t < MM_NR_THREADS ? t : -1);
}

/* Set the field @f of @s from byte @b. */
static void decode_field(const struct alphabet *a, enum field f,
			 unsigned int b, struct mm_stmt *s)
{
	switch (f) {
	case F_PROC:	decode_proc(b, a->nr_procs, s); break;
	case F_REGION:	s->region = (int8_t)(b % a->nr_regions); break;
	case F_SIZE:	s->size = size_of(a, b); break;
	case F_BACKING:
		s->file = backing_of(a, b);
		break;
	case F_FOFF:
		if (s->file >= 0)
			off_of(b % a->off_mod, &s->has_foff, &s->foff);
		break;
	case F_MODE:	mode_of(a, b, s); break;
	case F_RGN:	s->range.region = (int8_t)(b % a->nr_regions); break;
	case F_OFF:	off_of(b % a->off_mod, &s->range.has_off, &s->range.off); break;
	case F_LEN:	len_of(b % a->len_mod, &s->range.has_len, &s->range.len); break;
	case F_PROT:	s->prot = (enum mm_prot)(b % 3); break;
	case F_ADVICE:	s->advice = alpha_advice(a, b % a->nr_advice); break;
	case F_CHILD:	s->child = (int8_t)((b & 7) % a->nr_procs); break;
	case F_HANDLE:	s->handle = (int8_t)(b % a->nr_handles); break;
	case F_GUP:
		s->gup_mode = b & 1 ? MM_GUP_PIN : MM_GUP_GET;
		s->gup_flags = (b >> 1) & 0xf;
		break;
	case F_FILE:	s->file = (int8_t)(b % a->nr_files); break;
	case F_KIND:	s->file_kind = (enum mm_file_kind)(b % a->nr_kinds); break;
	case F_FWOFF:	off_of(b % a->off_mod, &s->has_fwoff, &s->fwoff); break;
	case F_FWLEN:	len_of(b % a->len_mod, &s->has_fwlen, &s->fwlen); break;
	case F_VALUE:
		s->has_value = b & 0x80;
		s->value = b & 0x80 ? b & 0x7f : 0;
		break;
	case F_THREAD:	s->thread = (int8_t)(b % MM_NR_THREADS); break;
	case F_END:	break;
	}
}

/* The byte of a count @v below @n, or -1. */
static int below(uint64_t v, unsigned int n)
{
	return v < n ? (int)v : -1;
}

static int encode_size(const struct alphabet *a, uint64_t size)
{
	if (size && size % PAGE == 0 && size / PAGE <= a->nr_page_sizes)
		return (int)(size / PAGE - 1);
	if (a->huge_sizes && size == SZ_2M)
		return (int)a->nr_page_sizes;
	if (a->huge_sizes && size == SZ_1G)
		return (int)a->nr_page_sizes + 1;
	return -1;
}

/* OFF (@is_off: pages + 1) or LEN (pages, not 0) below @mod, or -1. */
static int encode_pages(bool has, uint64_t bytes, unsigned int mod,
			bool is_off)
{
	uint64_t k = bytes / PAGE + (is_off ? 1 : 0);

	if (!has)
		return 0;
	if (bytes % PAGE || k == 0)
		return -1;
	return below(k, mod);
}

static int encode_proc(const struct alphabet *a, const struct mm_stmt *s)
{
	if (below((uint64_t)s->proc, a->nr_procs) < 0 ||
	    s->thread < -1 || s->thread >= MM_NR_THREADS)
		return -1;
	return s->proc | (s->thread + 1) << 3;
}

static int encode_mode(const struct alphabet *a, const struct mm_stmt *s)
{
	if ((unsigned int)s->prot > MM_PROT_RW || s->map_opts & ~a->map_opts)
		return -1;
	return (int)(s->shared | (unsigned int)s->prot << 1 |
		     s->map_opts << 3);
}

static int encode_advice(const struct alphabet *a, enum mm_advice adv)
{
	for (unsigned int i = 0; i < a->nr_advice; i++)
		if (alpha_advice(a, i) == adv)
			return (int)i;
	return -1;
}

/* The byte of field @f of @s, or -1 when the alphabet cannot say it. */
static int encode_field(const struct alphabet *a, enum field f,
			const struct mm_stmt *s)
{
	switch (f) {
	case F_PROC:	return encode_proc(a, s);
	case F_REGION:	return below((uint64_t)s->region, a->nr_regions);
	case F_SIZE:	return encode_size(a, s->size);
	case F_BACKING:
		return s->file < 0 ? 0 : below((uint64_t)s->file + a->nr_files,
					       2 * a->nr_files);
	case F_FOFF:
		return encode_pages(s->file >= 0 && s->has_foff, s->foff,
				    a->off_mod, true);
	case F_MODE:	return encode_mode(a, s);
	case F_RGN:	return below((uint64_t)s->range.region, a->nr_regions);
	case F_OFF:
		return encode_pages(s->range.has_off, s->range.off, a->off_mod, true);
	case F_LEN:
		return encode_pages(s->range.has_len, s->range.len, a->len_mod, false);
	case F_PROT:	return below((unsigned int)s->prot, 3);
	case F_ADVICE:	return encode_advice(a, s->advice);
	case F_CHILD:	return below((uint64_t)s->child, a->nr_procs);
	case F_HANDLE:	return below((uint64_t)s->handle, a->nr_handles);
	case F_GUP:
		if ((unsigned int)s->gup_mode > MM_GUP_PIN || s->gup_flags > 0xf)
			return -1;
		return (int)((unsigned int)s->gup_mode | s->gup_flags << 1);
	case F_FILE:	return below((uint64_t)s->file, a->nr_files);
	case F_KIND:	return below((unsigned int)s->file_kind, a->nr_kinds);
	case F_FWOFF:	return encode_pages(s->has_fwoff, s->fwoff, a->off_mod, true);
	case F_FWLEN:	return encode_pages(s->has_fwlen, s->fwlen, a->len_mod, false);
	case F_VALUE:
		if (!s->has_value)
			return 0;
		return s->value < 0x80 ? (int)(0x80 | s->value) : -1;
	case F_THREAD:	return below((uint64_t)s->thread, MM_NR_THREADS);
	case F_END:	return 0;
	}
	return -1;
}

/* ------------------------------------------------------------------ */
/* Decoding                                                           */

/* A cursor over the input; past the end every byte reads as zero. */
struct dec {
	const uint8_t *data;
	size_t size, pos;
};

static unsigned int dec_u8(struct dec *d)
{
	return d->pos < d->size ? d->data[d->pos++] : (d->pos++, 0u);
}

static bool dec_more(const struct dec *d)
{
	return d->pos < d->size;
}

/*
 * What the emulator does not model yet: false to drop @s; @tN suffixes are
 * stripped instead, since most process bytes would otherwise select them.
 * Keep in step with emu/ (MM_ENOTMODELLED).
 */
static bool stmt_supported(struct mm_stmt *s)
{
	switch (s->op) {
	case MM_OP_THREAD_STEP: case MM_OP_THREAD_FINISH:
		return false;
	default:
		break;
	}
	if (s->op <= MM_OP_IOURING)
		s->thread = -1;
	return true;
}

static void decode_stmt(struct dec *d, const struct alphabet *a,
			struct mm_stmt *s)
{
	mm_stmt_init(s, alpha_op(a, dec_u8(d) % a->nr_ops));
	for (const uint8_t *f = op_fields[s->op]; *f != F_END; f++)
		decode_field(a, (enum field)*f, dec_u8(d), s);
}

/* ------------------------------------------------------------------ */
/* Directives                                                         */

/* Growing text of the directive lines accepted so far. */
struct text {
	char *s;
	size_t len;
};

/*
 * Accept the directive record [@rec, @rec + @len) if the lines so far plus
 * this one still parse as directives only.  -ENOMEM or 0.
 */
static int add_directive(struct text *t, const uint8_t *rec, size_t len)
{
	struct mm_prog tmp;
	char *s;
	int bad;

	if (memchr(rec, '\n', len) || memchr(rec, '\r', len))
		return 0;
	s = realloc(t->s, t->len + len + 2);
	if (!s)
		return -ENOMEM;
	t->s = s;
	memcpy(s + t->len, rec, len);
	s[t->len + len] = '\n';
	bad = mm_prog_parse(s, t->len + len + 1, &tmp, NULL);
	if (!bad) {
		bad = tmp.nr_stmts != 0;
		mm_prog_free(&tmp);
	}
	if (!bad)
		t->len += len + 1;
	return 0;
}

/* The DIRECTIVES block; kept in @t when @keep, else only skipped. */
static int decode_directives(struct dec *d, bool keep, struct text *t)
{
	unsigned int count = dec_u8(d);

	for (unsigned int i = 0; i < count && dec_more(d); i++) {
		size_t len = dec_u8(d), avail = d->pos < d->size ?
			     d->size - d->pos : 0;
		const uint8_t *rec = d->data + d->pos;

		if (len > avail)
			len = avail;	/* the rest reads as zeros: no line */
		d->pos += len;
		if (keep && len && add_directive(t, rec, len))
			return -ENOMEM;
	}
	return 0;
}

/* Every configuration the language has is modelled now. */
static void strip_unsupported_config(struct mm_prog *p)
{
	(void)p;
}

/* ------------------------------------------------------------------ */
/* Bounds                                                             */

/* Which regions each process has mapped hugetlb (2m), as in check.c. */
struct huge_shadow {
	bool huge[MM_NR_PROCS][MM_NR_REGIONS];
};

static void shadow_update(struct huge_shadow *h, const struct mm_stmt *s)
{
	switch (s->op) {
	case MM_OP_MMAP:
		h->huge[s->proc][s->region] = s->map_opts & MM_MAP_HUGETLB;
		break;
	case MM_OP_FORK:
		memcpy(h->huge[s->child], h->huge[s->proc], sizeof(h->huge[0]));
		break;
	case MM_OP_MREMAP:
		h->huge[s->proc][s->region] = h->huge[s->proc][s->range.region];
		break;
	default:
		break;
	}
}

/* 4 KiB pages that @s loads, stores, faults in or pins one by one. */
static uint64_t pages_touched(const struct mm_stmt *s)
{
	switch (s->op) {
	case MM_OP_MMAP:
		return s->map_opts & MM_MAP_POPULATE ? s->size / PAGE : 0;
	case MM_OP_MADVISE:
		if (s->advice != MM_ADV_POPULATE_READ &&
		    s->advice != MM_ADV_POPULATE_WRITE)
			return 0;
		return s->range.size / PAGE;
	case MM_OP_READ: case MM_OP_WRITE: case MM_OP_MEMWRITE:
	case MM_OP_MEMREAD: case MM_OP_GUP: case MM_OP_VMSPLICE:
	case MM_OP_IOURING:
		return s->range.size / PAGE;
	case MM_OP_FILE_WRITE:
		return s->fw_size / PAGE;
	default:
		return 0;
	}
}

static bool is_huge(const struct huge_shadow *h, const struct mm_stmt *s)
{
	if (s->op == MM_OP_MMAP)
		return s->map_opts & MM_MAP_HUGETLB;
	if (s->op > MM_OP_IOURING || s->range.region < 0)
		return false;
	return h->huge[s->proc][s->range.region];
}

/* Drop the checked statements of @p that touch too many pages; how many. */
static size_t drop_heavy(struct mm_prog *p, unsigned int max_pages)
{
	const uint64_t huge_max = SZ_2M / PAGE;
	struct huge_shadow h;
	size_t kept = 0, dropped;

	memset(&h, 0, sizeof(h));
	for (size_t i = 0; i < p->nr_stmts; i++) {
		const struct mm_stmt *s = &p->stmts[i];
		uint64_t limit = max_pages;

		if (is_huge(&h, s) && limit < huge_max)
			limit = huge_max;
		if (pages_touched(s) > limit)
			continue;
		shadow_update(&h, s);
		p->stmts[kept++] = *s;
	}
	dropped = p->nr_stmts - kept;
	p->nr_stmts = kept;
	return dropped;
}

/* Lines as printed: after the directive lines, one per statement. */
static int number_lines(struct mm_prog *p)
{
	size_t nr = p->nr_stmts;
	int first = 1;
	char *text;

	p->nr_stmts = 0;
	text = mm_prog_print(p);
	p->nr_stmts = nr;
	if (!text)
		return -ENOMEM;
	for (const char *c = text; *c; c++)
		first += *c == '\n';
	free(text);
	for (size_t i = 0; i < nr; i++)
		p->stmts[i].line = first + (int)i;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Programs                                                           */

void mm_decode_opts_init(struct mm_decode_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->alphabet = MM_ALPHA_FULL;
	o->keep_directives = true;
	o->max_pages = MM_DECODE_MAX_PAGES;
}

static int decode_stmts(struct dec *d, const struct mm_decode_opts *o,
			struct mm_prog *p)
{
	const struct alphabet *a = &alphabets[(unsigned int)o->alphabet <
					      MM_NR_ALPHABETS ? o->alphabet : 0];

	for (int n = 0; n < MM_DECODE_MAX_STMTS && dec_more(d); n++) {
		struct mm_stmt s;

		decode_stmt(d, a, &s);
		if (o->skip_unsupported && !stmt_supported(&s))
			continue;
		if (mm_prog_append(p, &s))
			return -ENOMEM;
	}
	return 0;
}

/* Check, bound, repeat: dropping a statement can invalidate later ones. */
static void check_and_bound(struct mm_prog *p, unsigned int max_pages)
{
	do {
		mm_prog_check(p, true, NULL);
	} while (max_pages && drop_heavy(p, max_pages));
}

/* Decode @data into @out (contract in mmprog.h). */
int mm_prog_decode(const uint8_t *data, size_t size,
		   const struct mm_decode_opts *opts, struct mm_prog *out)
{
	struct dec d = { data, data ? size : 0, 0 };
	struct mm_decode_opts defaults;
	struct text t = { NULL, 0 };
	int ret = 0;

	if (!opts) {
		mm_decode_opts_init(&defaults);
		opts = &defaults;
	}
	mm_prog_init(out);
	if (dec_u8(&d) & HDR_DIRECTIVES)
		ret = decode_directives(&d, opts->keep_directives, &t);
	if (!ret && t.len && mm_prog_parse(t.s, t.len, out, NULL))
		ret = -ENOMEM;	/* the lines parsed one by one: cannot fail */
	free(t.s);
	if (!ret && opts->skip_unsupported)
		strip_unsupported_config(out);
	if (!ret)
		ret = decode_stmts(&d, opts, out);
	if (!ret) {
		check_and_bound(out, opts->max_pages);
		ret = number_lines(out);
	}
	if (ret)
		mm_prog_free(out);
	return ret;
}

/* ------------------------------------------------------------------ */
/* Statement spans                                                    */

/* Split @data into statements as decode_stmts() reads them (mmprog.h). */
size_t mm_prog_split(const uint8_t *data, size_t size,
		     enum mm_alphabet alphabet, struct mm_stmt_span *spans,
		     size_t max_spans, size_t *prefix)
{
	const struct alphabet *a = &alphabets[(unsigned int)alphabet <
					      MM_NR_ALPHABETS ? alphabet : 0];
	struct dec d = { data, data ? size : 0, 0 };
	size_t n = 0;

	/* Nothing is kept, so skipping the directives cannot fail. */
	if (dec_u8(&d) & HDR_DIRECTIVES)
		(void)decode_directives(&d, false, NULL);
	*prefix = d.pos < d.size ? d.pos : d.size;
	if (max_spans > MM_DECODE_MAX_STMTS)
		max_spans = MM_DECODE_MAX_STMTS;
	for (; n < max_spans && dec_more(&d); n++) {
		size_t off = d.pos;
		const uint8_t *f = op_fields[alpha_op(a, dec_u8(&d) % a->nr_ops)];

		while (*f++ != F_END)
			d.pos++;	/* one byte per field */
		spans[n].off = off;
		spans[n].len = (d.pos < d.size ? d.pos : d.size) - off;
	}
	return n;
}

/* ------------------------------------------------------------------ */
/* Encoding                                                           */

/* A growing output buffer; @oom sticks once an allocation failed. */
struct enc {
	uint8_t *buf;
	size_t len, cap;
	bool oom;
};

static void enc_u8(struct enc *e, unsigned int b)
{
	if (e->oom)
		return;
	if (e->len == e->cap) {
		size_t cap = e->cap ? 2 * e->cap : 256;
		uint8_t *buf = realloc(e->buf, cap);

		if (!buf) {
			e->oom = true;
			return;
		}
		e->buf = buf;
		e->cap = cap;
	}
	e->buf[e->len++] = (uint8_t)b;
}

__attribute__((format(printf, 3, 4)))
static void enc_err(struct mm_error *err, int line, const char *fmt, ...)
{
	va_list ap;

	if (err) {
		err->line = line;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
	}
}

static int encode_op(const struct alphabet *a, enum mm_op op)
{
	for (unsigned int i = 0; i < a->nr_ops; i++)
		if (alpha_op(a, i) == op)
			return (int)i;
	return -1;
}

/* What a field is called in "cannot be expressed" messages. */
static const char *const field_names[] = {
	[F_END] = "operation", [F_PROC] = "process or thread",
	[F_REGION] = "region", [F_SIZE] = "size", [F_BACKING] = "file",
	[F_FOFF] = "file offset", [F_MODE] = "protection or mmap option",
	[F_RGN] = "region", [F_OFF] = "offset", [F_LEN] = "length",
	[F_PROT] = "protection", [F_ADVICE] = "advice", [F_CHILD] = "process",
	[F_HANDLE] = "handle", [F_GUP] = "gup mode or flag", [F_FILE] = "file",
	[F_KIND] = "file kind", [F_FWOFF] = "offset", [F_FWLEN] = "length",
	[F_VALUE] = "value (=0..=127)", [F_THREAD] = "thread",
};

static int encode_stmt(struct enc *e, const struct alphabet *a,
		       const struct mm_stmt *s, struct mm_error *err)
{
	static const char *const alpha_names[] = { "full", "cow" };
	int b = (unsigned int)s->op < MM_NR_OPS ? encode_op(a, s->op) : -1;
	enum field f = F_END;
	char text[256];

	if (b < 0)
		goto out_cannot;
	enc_u8(e, (unsigned int)b);
	for (const uint8_t *fp = op_fields[s->op]; *fp != F_END; fp++) {
		f = (enum field)*fp;
		b = encode_field(a, f, s);
		if (b < 0)
			goto out_cannot;
		enc_u8(e, (unsigned int)b);
	}
	return 0;
out_cannot:
	mm_stmt_print(s, text, sizeof(text));
	enc_err(err, s->line, "'%s': the %s alphabet has no such %s", text,
		alpha_names[a == &alphabets[MM_ALPHA_COW]], field_names[f]);
	return -ERANGE;
}

/* The directive lines of @p as records (HEADER bit 0 set if any). */
static int encode_directives(struct enc *e, const struct mm_prog *p)
{
	struct mm_prog dirs = *p;
	size_t n = 0, hdr = e->len;
	char *text, *line, *nl;

	dirs.nr_stmts = 0;
	text = mm_prog_print(&dirs);
	if (!text)
		return -ENOMEM;
	enc_u8(e, 0);		/* COUNT, patched below */
	for (line = text; (nl = strchr(line, '\n')); line = nl + 1, n++) {
		enc_u8(e, (unsigned int)(nl - line));
		for (const char *c = line; c < nl; c++)
			enc_u8(e, (unsigned char)*c);
	}
	free(text);
	if (!e->oom) {
		e->buf[hdr] = (uint8_t)n;
		e->buf[0] |= n ? HDR_DIRECTIVES : 0;
	}
	if (!n)
		e->len = hdr;	/* no block at all */
	return 0;
}

/* Index of the first statement where @a and @b differ (or the shorter end). */
static size_t first_difference(const struct mm_prog *a, const struct mm_prog *b)
{
	size_t i = 0;

	while (i < a->nr_stmts && i < b->nr_stmts) {
		struct mm_prog x = *a, y = *b;

		x.stmts = &a->stmts[i];
		y.stmts = &b->stmts[i];
		x.nr_stmts = y.nr_stmts = 1;
		if (!mm_prog_equal(&x, &y))
			break;
		i++;
	}
	return i;
}

/*
 * Decode what was encoded and compare: a field the encoder wrote but the
 * decoder normalises away, or a statement the checker drops, shows here.
 */
static int verify(const uint8_t *buf, size_t len, const struct mm_prog *p,
		  const struct mm_decode_opts *opts, struct mm_error *err)
{
	struct mm_decode_opts o = *opts;
	struct mm_prog got, want = *p;
	int ret;

	o.skip_unsupported = false;
	o.max_pages = 0;
	if (!o.keep_directives) {
		mm_prog_init(&want);
		want.stmts = p->stmts;
		want.nr_stmts = p->nr_stmts;
	}
	if (mm_prog_decode(buf, len, &o, &got)) {
		enc_err(err, 0, "out of memory");
		return -ENOMEM;
	}
	ret = mm_prog_equal(&got, &want) ? 0 : -EINVAL;
	if (ret) {
		size_t i = first_difference(&got, &want);

		if (i < p->nr_stmts)
			enc_err(err, p->stmts[i].line,
				"statement %zu does not decode back (not a checked program?)",
				i + 1);
		else
			enc_err(err, 0, "the directives do not decode back");
	}
	mm_prog_free(&got);
	return ret;
}

/* Encode @p for @opts' alphabet (contract in mmprog.h). */
int mm_prog_encode_opts(const struct mm_prog *p,
			const struct mm_decode_opts *opts,
			uint8_t **out, size_t *len, struct mm_error *err)
{
	const struct alphabet *a;
	struct enc e = { 0 };
	int ret = 0;

	*out = NULL;
	*len = 0;
	if ((unsigned int)opts->alphabet >= MM_NR_ALPHABETS) {
		enc_err(err, 0, "unknown alphabet");
		return -ERANGE;
	}
	if (p->nr_stmts > MM_DECODE_MAX_STMTS) {
		enc_err(err, 0, "more than %d statements", MM_DECODE_MAX_STMTS);
		return -ERANGE;
	}
	a = &alphabets[opts->alphabet];
	enc_u8(&e, 0);		/* HEADER */
	if (opts->keep_directives)
		ret = encode_directives(&e, p);
	for (size_t i = 0; !ret && i < p->nr_stmts; i++)
		ret = encode_stmt(&e, a, &p->stmts[i], err);
	if (!ret && e.oom) {
		enc_err(err, 0, "out of memory");
		ret = -ENOMEM;
	}
	if (!ret)
		ret = verify(e.buf, e.len, p, opts, err);
	if (ret) {
		free(e.buf);
		return ret;
	}
	*out = e.buf;
	*len = e.len;
	return 0;
}

/* Encode @p in the full alphabet with its directives (mmprog.h). */
size_t mm_prog_encode(const struct mm_prog *p, uint8_t **out)
{
	struct mm_decode_opts o;
	size_t len;

	mm_decode_opts_init(&o);
	if (mm_prog_encode_opts(p, &o, out, &len, NULL))
		return 0;
	return len;
}
