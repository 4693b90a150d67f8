/* SPDX-License-Identifier: MIT */
/*
 * alphabet.c - the alphabets of the binary encoding and the argument
 * fields of each statement kind: byte -> field value and back, and one
 * statement on its own (mm_stmt_decode, mm_stmt_encode) for
 * structure-aware mutators.  The layout is documented in encode.c.
 */
#include <string.h>

#include "codec.h"

/* ------------------------------------------------------------------ */
/* Alphabets                                                          */

/* Append only: the index is the opcode byte of fuzz_cow inputs. */
static const enum mm_op cow_ops[] = {
	MM_OP_MMAP, MM_OP_MUNMAP, MM_OP_MPROTECT, MM_OP_MADVISE, MM_OP_READ,
	MM_OP_WRITE, MM_OP_MEMWRITE, MM_OP_CLEAR_REFS, MM_OP_FORK, MM_OP_EXIT,
	MM_OP_GUP, MM_OP_VMSPLICE, MM_OP_IOURING, MM_OP_HANDLE_READ,
	MM_OP_HANDLE_WRITE, MM_OP_HANDLE_PUT, MM_OP_FILE, MM_OP_FILE_WRITE,
	MM_OP_MMAP_DRIVER, MM_OP_INSERT_ZEROPAGE,
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

const struct alphabet *codec_alphabet(enum mm_alphabet alpha)
{
	return &alphabets[(unsigned int)alpha < MM_NR_ALPHABETS ? alpha : 0];
}

bool codec_is_cow(const struct alphabet *a)
{
	return a == &alphabets[MM_ALPHA_COW];
}

enum mm_op codec_op(const struct alphabet *a, unsigned int b)
{
	unsigned int i = b % a->nr_ops;

	return a->ops ? a->ops[i] : (enum mm_op)i;
}

int codec_encode_op(const struct alphabet *a, enum mm_op op)
{
	for (unsigned int i = 0; i < a->nr_ops; i++)
		if (codec_op(a, i) == op)
			return (int)i;
	return -1;
}

static enum mm_advice alpha_advice(const struct alphabet *a, unsigned int i)
{
	return a->advice ? a->advice[i] : (enum mm_advice)i;
}

/* ------------------------------------------------------------------ */
/* Fields                                                             */

#define RANGE	F_RGN, F_OFF, F_LEN

/* The argument bytes of each statement kind, in input order. */
static const uint8_t op_fields[MM_NR_OPS][MAX_FIELDS] = {
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
	[MM_OP_MMAP_DRIVER] = { F_PROC, F_REGION, F_SIZE, F_DMODE },
	[MM_OP_INSERT_ZEROPAGE] = { F_PROC, RANGE },
};

const uint8_t *codec_fields(enum mm_op op)
{
	static const uint8_t none[1] = { F_END };

	return (unsigned int)op < MM_NR_OPS ? op_fields[op] : none;
}

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

/* D: as M, with ro-file the only option a driver mapping takes. */
static void driver_mode_of(const struct alphabet *a, unsigned int b,
			   struct mm_stmt *s)
{
	s->shared = b & 1;
	s->prot = (enum mm_prot)(((b >> 1) & 3) % 3);
	s->map_opts = (b >> 3) & a->map_opts & MM_MAP_RO_FILE;
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

void codec_decode_field(const struct alphabet *a, enum field f,
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
	case F_DMODE:	driver_mode_of(a, b, s); break;
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
	case F_END: case NR_FIELDS:	break;
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

static int encode_mode(const struct mm_stmt *s, unsigned int opts)
{
	if ((unsigned int)s->prot > MM_PROT_RW || s->map_opts & ~opts)
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

int codec_encode_field(const struct alphabet *a, enum field f,
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
	case F_MODE:	return encode_mode(s, a->map_opts);
	case F_DMODE:	return encode_mode(s, a->map_opts & MM_MAP_RO_FILE);
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
	case NR_FIELDS:	break;
	}
	return -1;
}

const char *codec_field_name(enum field f)
{
	static const char *const names[NR_FIELDS] = {
		[F_END] = "operation", [F_PROC] = "process or thread",
		[F_REGION] = "region", [F_SIZE] = "size", [F_BACKING] = "file",
		[F_FOFF] = "file offset", [F_MODE] = "protection or mmap option",
		[F_RGN] = "region", [F_OFF] = "offset", [F_LEN] = "length",
		[F_PROT] = "protection", [F_ADVICE] = "advice",
		[F_CHILD] = "process", [F_HANDLE] = "handle",
		[F_GUP] = "gup mode or flag", [F_FILE] = "file",
		[F_KIND] = "file kind", [F_FWOFF] = "offset",
		[F_FWLEN] = "length", [F_VALUE] = "value (=0..=127)",
		[F_THREAD] = "thread",
		[F_DMODE] = "protection or driver mmap option",
	};

	return (unsigned int)f < NR_FIELDS ? names[f] : "?";
}

/* ------------------------------------------------------------------ */
/* One statement (mmprog.h)                                           */

void mm_alphabet_get(enum mm_alphabet alpha, struct mm_alphabet_info *info)
{
	const struct alphabet *a = codec_alphabet(alpha);

	memset(info, 0, sizeof(*info));
	for (unsigned int i = 0; i < a->nr_ops; i++)
		info->op_mask |= 1ULL << codec_op(a, i);
	for (unsigned int i = 0; i < a->nr_advice; i++)
		info->advice_mask |= 1u << alpha_advice(a, i);
	info->nr_kinds = a->nr_kinds;
	info->nr_procs = a->nr_procs;
	info->nr_regions = a->nr_regions;
	info->nr_handles = a->nr_handles;
	info->nr_files = a->nr_files;
	info->max_size_pages = a->nr_page_sizes;
	info->huge_sizes = a->huge_sizes;
	info->max_off_pages = a->off_mod - 2;
	info->max_len_pages = a->len_mod - 1;
	info->map_opts = a->map_opts;
}

size_t mm_stmt_decode(enum mm_alphabet alpha, const uint8_t *b, size_t len,
		      struct mm_stmt *s)
{
	const struct alphabet *a = codec_alphabet(alpha);
	size_t pos = 0;

#define NEXT()	(pos < len ? b[pos++] : (pos++, 0u))
	mm_stmt_init(s, codec_op(a, NEXT()));
	for (const uint8_t *f = codec_fields(s->op); *f != F_END; f++)
		codec_decode_field(a, (enum field)*f, NEXT(), s);
#undef NEXT
	return pos;
}

size_t mm_stmt_encode(enum mm_alphabet alpha, const struct mm_stmt *s,
		      uint8_t *out)
{
	const struct alphabet *a = codec_alphabet(alpha);
	int b = (unsigned int)s->op < MM_NR_OPS ? codec_encode_op(a, s->op) : -1;
	size_t n = 0;

	if (b < 0)
		return 0;
	out[n++] = (uint8_t)b;
	for (const uint8_t *f = codec_fields(s->op); *f != F_END; f++) {
		b = codec_encode_field(a, (enum field)*f, s);
		if (b < 0)
			return 0;
		out[n++] = (uint8_t)b;
	}
	return n;
}
