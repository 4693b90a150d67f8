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

static const enum mm_advice cow_advice[] = {
	MM_ADV_DONTNEED, MM_ADV_DONTFORK, MM_ADV_WIPEONFORK,
	MM_ADV_POPULATE_WRITE,
};

/*
 * fuzz_thp: large folios, densely.  The advice that makes, keeps, splits,
 * collapses or frees them; mostly 2m mappings (a PMD's worth, so write
 * faults map a PMD THP), now and then 4m (two) and small ones (mTHP of
 * the alphabet's `config mthp` in 16p); offsets and lengths that reach
 * anywhere inside 2 MiB, dense in single pages, small ranges, powers of
 * two and the PMD's edges (a split or a partial unmap needs those).
 */
static const enum mm_advice thp_advice[] = {
	MM_ADV_COLLAPSE, MM_ADV_HUGEPAGE, MM_ADV_NOHUGEPAGE, MM_ADV_DONTNEED,
	MM_ADV_POPULATE_WRITE, MM_ADV_PAGEOUT, MM_ADV_FREE,
	MM_ADV_POPULATE_READ, MM_ADV_DONTFORK, MM_ADV_WIPEONFORK,
};

static const uint64_t thp_sizes[] = {
	SZ_2M, 16 * PAGE, SZ_2M, PAGE, SZ_2M, 2 * SZ_2M, SZ_2M, 4 * PAGE,
};

static const uint16_t thp_off_pages[] = {
	0, 1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 31, 32, 63, 64, 65, 127, 128,
	255, 256, 257, 383, 384, 448, 496, 504, 508, 510, 511, 512, 513,
};

static const uint16_t thp_len_pages[] = {
	1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 128, 255,
	256, 257, 384, 448, 496, 504, 510, 511, 512, 513, 1024,
};

#define NR_OF(a) (sizeof(a) / sizeof((a)[0]))

/* fuzz_cow's arguments, fuzz_race's too: few processes, regions, pages. */
#define COW_ARGUMENTS							\
	.advice = cow_advice, .nr_advice = NR_OF(cow_advice),		\
	.nr_kinds = MM_FILE_SHMEM + 1,					\
	.nr_procs = 3, .nr_regions = 3, .nr_handles = 8, .nr_files = 2,	\
	.nr_page_sizes = 4, .huge_sizes = false,			\
	.off_mod = 5, .len_mod = 5,					\
	.map_opts = MM_MAP_POPULATE | MM_MAP_RO_FILE

static const struct alphabet alphabets[MM_NR_ALPHABETS] = {
	[MM_ALPHA_FULL] = {
		.name = "full",
		.nr_advice = MM_NR_ADVICE,
		.nr_kinds = MM_NR_FILE_KINDS,
		.nr_procs = MM_NR_PROCS, .nr_regions = MM_NR_REGIONS,
		.nr_handles = MM_NR_HANDLES, .nr_files = MM_NR_FILES,
		.nr_page_sizes = 64, .huge_sizes = true,
		.off_mod = 64, .len_mod = 65, .map_opts = 0xf,
	},
	[MM_ALPHA_COW] = {
		.name = "cow", .opcodes = OPS_COW,
		COW_ARGUMENTS,
	},
	/*
	 * fuzz_race: the cow alphabet, with threads.  A process byte names a
	 * thread a quarter of the time (encode.c), so most statements run
	 * whole, as in fuzz_cow, and the rest stop at their yield points.
	 */
	[MM_ALPHA_RACE] = {
		.name = "race", .opcodes = OPS_RACE,
		COW_ARGUMENTS,
		.threads = true,
	},
	/*
	 * No files: shmem and file THP are not modelled, and a backing byte
	 * naming a file no statement can create would only drop mappings.
	 */
	[MM_ALPHA_THP] = {
		.name = "thp", .opcodes = OPS_THP,
		.advice = thp_advice, .nr_advice = NR_OF(thp_advice),
		.nr_procs = 3, .nr_regions = 3, .nr_handles = 4,
		.sizes = thp_sizes, .nr_sizes = NR_OF(thp_sizes),
		.off_pages = thp_off_pages, .nr_off_pages = NR_OF(thp_off_pages),
		.len_pages = thp_len_pages, .nr_len_pages = NR_OF(thp_len_pages),
		.map_opts = MM_MAP_POPULATE,
		.has_config = true, .thp = MM_THP_ALWAYS,
		.mthp_kb_mask = 1u << 0 | 1u << 2,	/* 16k, 64k */
	},
};

const struct alphabet *codec_alphabet(enum mm_alphabet alpha)
{
	return &alphabets[(unsigned int)alpha < MM_NR_ALPHABETS ? alpha : 0];
}

void codec_apply_config(const struct alphabet *a, struct mm_prog *p)
{
	if (a->threads) {	/* what would wait is skipped (program.md §3) */
		p->has_waits = true;
		p->waits_skip = true;
	}
	if (!a->has_config)
		return;
	p->has_thp = true;
	p->thp = a->thp;
	p->has_mthp = a->mthp_kb_mask != 0;
	p->mthp_kb_mask = a->mthp_kb_mask;
}

bool codec_config_matches(const struct alphabet *a, const struct mm_prog *p)
{
	return (!a->threads || p->waits_skip) &&
	       (!a->has_config ||
		(p->thp == a->thp && p->mthp_kb_mask == a->mthp_kb_mask));
}

/*
 * fuzz_race's: fuzz_cow's, then the statements whose subject is a thread
 * (step, finish) in table order, so that fuzz_cow's inputs read the same.
 */
static int race_opcode(int op)
{
	int n = 0;

	if (mm_stmt_desc(op)->cow_opcode >= 0)
		return mm_stmt_desc(op)->cow_opcode;
	if (mm_stmt_desc(op)->subject != MM_SUBJ_THREAD)
		return -1;
	for (int k = 0; k < MM_NR_OPS; k++)
		n += mm_stmt_desc(k)->cow_opcode >= 0;
	for (int k = 0; k < op; k++)
		n += mm_stmt_desc(k)->subject == MM_SUBJ_THREAD;
	return n;
}

/*
 * fuzz_cow's and fuzz_thp's opcodes are a column of the statement table
 * (cow_opcode, thp_opcode): 0..N-1, each once (test_encode checks), and
 * append only, since the opcode bytes are what their corpora hold.
 */
static int column_opcode(const struct alphabet *a, int op)
{
	const struct mm_stmt_desc *d = mm_stmt_desc(op);

	switch (a->opcodes) {
	case OPS_COW:	return d->cow_opcode;
	case OPS_THP:	return d->thp_opcode;
	case OPS_RACE:	return race_opcode(op);
	case OPS_ALL:	break;
	}
	return op;
}

/*
 * The column's values are 0..N-1 (test_encode checks); a gap would decode
 * as mmap.  fuzz_race's thread statements follow fuzz_cow's N opcodes in
 * table order, as race_opcode() numbers them.
 */
void codec_ops_init(const struct alphabet *a, struct codec_ops *m)
{
	unsigned int threads = 0;

	m->nr = 0;
	memset(m->op, MM_OP_MMAP, sizeof(m->op));
	for (int op = 0; op < MM_NR_OPS; op++) {
		const struct mm_stmt_desc *d = mm_stmt_desc(op);
		int c = a->opcodes == OPS_ALL ? op :
			a->opcodes == OPS_THP ? d->thp_opcode : d->cow_opcode;

		m->nr += c >= 0;
		if (c >= 0 && c < MM_NR_OPS)
			m->op[c] = (uint8_t)op;
	}
	if (a->opcodes != OPS_RACE)
		return;
	for (int op = 0; op < MM_NR_OPS; op++) {
		const struct mm_stmt_desc *d = mm_stmt_desc(op);
		unsigned int c = m->nr + threads;

		if (d->subject != MM_SUBJ_THREAD)
			continue;
		threads++;
		if (d->cow_opcode < 0 && c < MM_NR_OPS)
			m->op[c] = (uint8_t)op;
	}
	m->nr += threads;
}

unsigned int codec_nr_ops(const struct alphabet *a)
{
	struct codec_ops m;

	codec_ops_init(a, &m);
	return m.nr;
}

enum mm_op codec_op(const struct alphabet *a, unsigned int b)
{
	struct codec_ops m;

	codec_ops_init(a, &m);
	return codec_ops_op(&m, b);
}

int codec_encode_op(const struct alphabet *a, enum mm_op op)
{
	if (!mm_stmt_desc(op))
		return -1;
	return column_opcode(a, op);
}

static enum mm_advice alpha_advice(const struct alphabet *a, unsigned int i)
{
	return a->advice ? a->advice[i] : (enum mm_advice)i;
}

/* ------------------------------------------------------------------ */
/* Fields                                                             */

/*
 * The argument bytes of a statement kind come from its row in the
 * statement table (mmstmt.h): the subject's byte, then the bytes of each
 * typed field in text order.  Some fields share a byte: M holds SHARING,
 * PROT and MAP_OPTS, G holds GUP_MODE and GUP_FLAGS.
 */
static const uint8_t subject_byte[MM_SUBJ_NONE + 1] = {
	[MM_SUBJ_PROC] = F_PROC, [MM_SUBJ_HANDLE] = F_HANDLE,
	[MM_SUBJ_FILE] = F_FILE, [MM_SUBJ_THREAD] = F_THREAD,
	[MM_SUBJ_NONE] = F_END,
};

#define FIELD_BYTES	3

static const uint8_t field_bytes[MM_NR_FIELDS][FIELD_BYTES] = {
	[MMF_REGION] = { F_REGION },
	[MMF_SIZE] = { F_SIZE },
	[MMF_BACKING] = { F_BACKING, F_FOFF },
	[MMF_SHARING] = { F_MODE },
	[MMF_PROT] = { F_PROT },	/* alone; after SHARING it is in M */
	[MMF_MAP_OPTS] = { F_END },	/* in M */
	[MMF_RANGE] = { F_RGN, F_OFF, F_LEN },
	[MMF_ADVICE] = { F_ADVICE },
	[MMF_VALUE] = { F_VALUE },
	[MMF_CHILD] = { F_CHILD },
	[MMF_HANDLE] = { F_HANDLE },
	[MMF_GUP_MODE] = { F_GUP },
	[MMF_GUP_FLAGS] = { F_END },	/* in G */
	[MMF_FILE] = { F_FILE },
	[MMF_FILE_KIND] = { F_KIND },
	[MMF_FILE_RANGE] = { F_FWOFF, F_FWLEN },
};

static const uint8_t driver_field_bytes[MM_NR_FIELDS][FIELD_BYTES] = {
	[MMF_REGION] = { F_REGION },
	[MMF_SIZE] = { F_SIZE },
	[MMF_SHARING] = { F_DMODE },
};

void codec_fields(enum mm_op op, uint8_t fields[MAX_FIELDS])
{
	const struct mm_stmt_desc *d = mm_stmt_desc(op);
	const uint8_t (*bytes)[FIELD_BYTES] = field_bytes;
	unsigned int n = 0;

	fields[0] = F_END;
	if (!d)
		return;
	/*
	 * A driver mapping says "driver" where mmap says anon or fM, so its
	 * rows' fields are the same, but its opcode is its backing: it has
	 * no B and O bytes, and its mode byte D has other options than M.
	 */
	if (op == MM_OP_MMAP_DRIVER)
		bytes = driver_field_bytes;
	if (subject_byte[d->subject] != F_END)
		fields[n++] = subject_byte[d->subject];
	for (const uint8_t *f = d->fields; *f != MMF_END; f++) {
		if (*f == MMF_PROT && mm_stmt_has_field(op, MMF_SHARING))
			continue;
		for (unsigned int i = 0; i < FIELD_BYTES && bytes[*f][i] &&
		     n < MAX_FIELDS - 1; i++)
			fields[n++] = bytes[*f][i];
	}
	fields[n] = F_END;
}

static uint64_t size_of(const struct alphabet *a, unsigned int b)
{
	unsigned int k;

	if (a->sizes)
		return a->sizes[b % a->nr_sizes];
	k = b % (a->nr_page_sizes + (a->huge_sizes ? 2 : 0));
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

/* OFF or LEN from a list of @n page counts: 0 is absent, k pages[k - 1]. */
static void listed_of(const uint16_t *pages, unsigned int n, unsigned int b,
		      bool *has, uint64_t *v)
{
	unsigned int k = b % (n + 1);

	*has = k != 0;
	*v = k ? (uint64_t)pages[k - 1] * PAGE : 0;
}

static void offset_of(const struct alphabet *a, unsigned int b, bool *has,
		      uint64_t *off)
{
	if (a->off_pages)
		listed_of(a->off_pages, a->nr_off_pages, b, has, off);
	else
		off_of(b % a->off_mod, has, off);
}

static void length_of(const struct alphabet *a, unsigned int b, bool *has,
		      uint64_t *len)
{
	if (a->len_pages)
		listed_of(a->len_pages, a->nr_len_pages, b, has, len);
	else
		len_of(b % a->len_mod, has, len);
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

/*
 * B: the lower half of the values is anon (-1), the upper half fN; all
 * anon in an alphabet without files.
 */
static int8_t backing_of(const struct alphabet *a, unsigned int b)
{
	int k;

	if (!a->nr_files)
		return -1;
	k = (int)(b % (2 * a->nr_files)) - (int)a->nr_files;

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
			offset_of(a, b, &s->has_foff, &s->foff);
		break;
	case F_MODE:	mode_of(a, b, s); break;
	case F_DMODE:	driver_mode_of(a, b, s); break;
	case F_RGN:	s->range.region = (int8_t)(b % a->nr_regions); break;
	case F_OFF:	offset_of(a, b, &s->range.has_off, &s->range.off); break;
	case F_LEN:	length_of(a, b, &s->range.has_len, &s->range.len); break;
	case F_PROT:	s->prot = (enum mm_prot)(b % 3); break;
	case F_ADVICE:	s->advice = alpha_advice(a, b % a->nr_advice); break;
	case F_CHILD:	s->child = (int8_t)((b & 7) % a->nr_procs); break;
	case F_HANDLE:	s->handle = (int8_t)(b % a->nr_handles); break;
	case F_GUP:
		s->gup_mode = b & 1 ? MM_GUP_PIN : MM_GUP_GET;
		s->gup_flags = (b >> 1) & 0xf;
		break;
	/* Only file statements have these, and only alphabets with files. */
	case F_FILE:	s->file = (int8_t)(b % a->nr_files); break;
	case F_KIND:	s->file_kind = (enum mm_file_kind)(b % a->nr_kinds); break;
	case F_FWOFF:	offset_of(a, b, &s->has_fwoff, &s->fwoff); break;
	case F_FWLEN:	length_of(a, b, &s->has_fwlen, &s->fwlen); break;
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
	for (unsigned int i = 0; a->sizes && i < a->nr_sizes; i++)
		if (a->sizes[i] == size)
			return (int)i;
	if (a->sizes)
		return -1;
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

/* OFF or LEN (as encode_pages) from a list of @n page counts, or -1. */
static int encode_listed(bool has, uint64_t bytes, const uint16_t *pages,
			 unsigned int n)
{
	if (!has)
		return 0;
	if (bytes % PAGE)
		return -1;
	for (unsigned int i = 0; i < n; i++)
		if (pages[i] == bytes / PAGE)
			return (int)i + 1;
	return -1;
}

static int encode_off(const struct alphabet *a, bool has, uint64_t bytes)
{
	if (a->off_pages)
		return encode_listed(has, bytes, a->off_pages, a->nr_off_pages);
	return encode_pages(has, bytes, a->off_mod, true);
}

static int encode_len(const struct alphabet *a, bool has, uint64_t bytes)
{
	if (a->len_pages)
		return encode_listed(has, bytes, a->len_pages, a->nr_len_pages);
	return encode_pages(has, bytes, a->len_mod, false);
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
		return encode_off(a, s->file >= 0 && s->has_foff, s->foff);
	case F_MODE:	return encode_mode(s, a->map_opts);
	case F_DMODE:	return encode_mode(s, a->map_opts & MM_MAP_RO_FILE);
	case F_RGN:	return below((uint64_t)s->range.region, a->nr_regions);
	case F_OFF:
		return encode_off(a, s->range.has_off, s->range.off);
	case F_LEN:
		return encode_len(a, s->range.has_len, s->range.len);
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
	case F_FWOFF:	return encode_off(a, s->has_fwoff, s->fwoff);
	case F_FWLEN:	return encode_len(a, s->has_fwlen, s->fwlen);
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

	struct codec_ops ops;

	memset(info, 0, sizeof(*info));
	info->threads = a->threads;
	codec_ops_init(a, &ops);
	for (unsigned int i = 0; i < ops.nr; i++)
		info->op_mask |= 1ULL << ops.op[i];
	for (unsigned int i = 0; i < a->nr_advice; i++)
		info->advice_mask |= 1u << alpha_advice(a, i);
	info->nr_kinds = a->nr_kinds;
	info->nr_procs = a->nr_procs;
	info->nr_regions = a->nr_regions;
	info->nr_handles = a->nr_handles;
	info->nr_files = a->nr_files;
	info->max_size_pages = a->nr_page_sizes;
	info->huge_sizes = a->huge_sizes;
	info->sizes = a->sizes;
	info->nr_sizes = a->nr_sizes;
	for (unsigned int i = 0; i < a->nr_sizes; i++)
		if (a->sizes[i] / PAGE > info->max_size_pages)
			info->max_size_pages = (unsigned int)(a->sizes[i] / PAGE);
	if (a->off_pages) {
		info->off_pages = a->off_pages;
		info->nr_off_pages = a->nr_off_pages;
		info->max_off_pages = a->off_pages[a->nr_off_pages - 1];
	} else {
		info->max_off_pages = a->off_mod - 2;
	}
	if (a->len_pages) {
		info->len_pages = a->len_pages;
		info->nr_len_pages = a->nr_len_pages;
		info->max_len_pages = a->len_pages[a->nr_len_pages - 1];
	} else {
		info->max_len_pages = a->len_mod - 1;
	}
	info->map_opts = a->map_opts;
}

size_t mm_stmt_decode(enum mm_alphabet alpha, const uint8_t *b, size_t len,
		      struct mm_stmt *s)
{
	const struct alphabet *a = codec_alphabet(alpha);
	uint8_t fields[MAX_FIELDS];
	size_t pos = 0;

#define NEXT()	(pos < len ? b[pos++] : (pos++, 0u))
	mm_stmt_init(s, codec_op(a, NEXT()));
	codec_fields(s->op, fields);
	for (const uint8_t *f = fields; *f != F_END; f++)
		codec_decode_field(a, (enum field)*f, NEXT(), s);
#undef NEXT
	return pos;
}

size_t mm_stmt_encode(enum mm_alphabet alpha, const struct mm_stmt *s,
		      uint8_t *out)
{
	const struct alphabet *a = codec_alphabet(alpha);
	int b = codec_encode_op(a, s->op);
	uint8_t fields[MAX_FIELDS];
	size_t n = 0;

	if (b < 0)
		return 0;
	out[n++] = (uint8_t)b;
	codec_fields(s->op, fields);
	for (const uint8_t *f = fields; *f != F_END; f++) {
		b = codec_encode_field(a, (enum field)*f, s);
		if (b < 0)
			return 0;
		out[n++] = (uint8_t)b;
	}
	return n;
}
