/* SPDX-License-Identifier: MIT */
/*
 * generate.c - statements that are valid where they are put: for a state
 * (struct mm_shadow) and an alphabet, a statement whose names exist (a
 * living process, a region it maps, a free or a used handle, a file),
 * whose range lies inside its region and which fuzz decoding keeps; and
 * one argument of a statement changed to another valid value.  For
 * structure-aware mutators (fuzzers/mutator.c): a random byte string names
 * a process, region and handle that line up with the statements before it
 * about once in a hundred tries, a generated statement always does.
 *
 * The values lean towards what COW and GUP bugs are made of: small
 * private anonymous mappings, writes, forks, pins, and whole regions, with
 * every flag and kind still reachable.
 */
#include <string.h>

#include "mmprog.h"

#define PAGE		MM_PAGE_SIZE
#define TRIES		16

struct gen {
	const struct mm_shadow *sh;
	struct mm_alphabet_info a;
	struct mm_rand *r;
};

static uint64_t rnd(struct gen *g)
{
	return g->r->next(g->r->ctx);
}

/* Uniform in [0, @n); 0 when @n is 0. */
static unsigned int below(struct gen *g, unsigned int n)
{
	return n ? (unsigned int)(rnd(g) % n) : 0;
}

static bool chance(struct gen *g, unsigned int percent)
{
	return below(g, 100) < percent;
}

/* ------------------------------------------------------------------ */
/* Names that exist                                                   */

static const struct mm_shadow_region *region_of(struct gen *g, int proc,
						 int region)
{
	return &g->sh->proc[proc].region[region];
}

/* A region of @proc with a known size (mapped three times in four), or -1. */
static int pick_region(struct gen *g, int proc, bool driver_only)
{
	int cand[MM_NR_REGIONS], n = 0, mapped = 0;

	for (unsigned int i = 0; i < g->a.nr_regions; i++) {
		const struct mm_shadow_region *reg = region_of(g, proc, (int)i);

		if (!reg->size || (driver_only && !reg->driver))
			continue;
		/* The mapped ones first, so that a prefix of cand is them. */
		if (reg->mapped) {
			cand[n++] = cand[mapped];
			cand[mapped++] = (int)i;
		} else {
			cand[n++] = (int)i;
		}
	}
	if (!n)
		return -1;
	if (mapped && (mapped == n || chance(g, 75)))
		return cand[below(g, (unsigned int)mapped)];
	return cand[below(g, (unsigned int)n)];
}

/* A living process with a region (@need_region), or -1. */
static int pick_proc(struct gen *g, bool need_region, bool driver_only)
{
	int cand[MM_NR_PROCS], n = 0;

	for (unsigned int p = 0; p < g->a.nr_procs; p++) {
		if (!g->sh->proc[p].alive)
			continue;
		if (need_region && pick_region(g, (int)p, driver_only) < 0)
			continue;
		cand[n++] = (int)p;
	}
	return n ? cand[below(g, (unsigned int)n)] : -1;
}

/* The first free slot half the time (p1, g0, f0 first), else any; or -1. */
static int pick_free(struct gen *g, const bool *used, size_t stride,
		     unsigned int nr)
{
	int cand[MM_NR_HANDLES], n = 0;

	for (unsigned int i = 0; i < nr; i++)
		if (!*(const bool *)((const char *)used + i * stride))
			cand[n++] = (int)i;
	if (!n)
		return -1;
	return chance(g, 50) ? cand[0] : cand[below(g, (unsigned int)n)];
}

static int free_proc(struct gen *g)
{
	return pick_free(g, &g->sh->proc[0].alive, sizeof(g->sh->proc[0]),
			 g->a.nr_procs);
}

static int free_handle(struct gen *g)
{
	return pick_free(g, &g->sh->handle[0].used, sizeof(g->sh->handle[0]),
			 g->a.nr_handles);
}

static int free_file(struct gen *g)
{
	return pick_free(g, &g->sh->file[0].exists, sizeof(g->sh->file[0]),
			 g->a.nr_files);
}

/* A slot that is in use (a handle, a file), or -1. */
static int pick_used(struct gen *g, const bool *used, size_t stride,
		     unsigned int nr)
{
	int cand[MM_NR_HANDLES], n = 0;

	for (unsigned int i = 0; i < nr; i++)
		if (*(const bool *)((const char *)used + i * stride))
			cand[n++] = (int)i;
	return n ? cand[below(g, (unsigned int)n)] : -1;
}

static int used_handle(struct gen *g)
{
	return pick_used(g, &g->sh->handle[0].used, sizeof(g->sh->handle[0]),
			 g->a.nr_handles);
}

static int used_file(struct gen *g)
{
	return pick_used(g, &g->sh->file[0].exists, sizeof(g->sh->file[0]),
			 g->a.nr_files);
}

/* ------------------------------------------------------------------ */
/* Values                                                             */

/* Mostly 1-4 pages; now and then any size the alphabet has. */
static uint64_t pick_size(struct gen *g)
{
	static const uint8_t small[] = { 1, 1, 1, 1, 2, 2, 2, 3, 4, 4 };
	unsigned int max = g->a.max_size_pages, k;

	if (g->a.huge_sizes && chance(g, 2))
		return chance(g, 80) ? 2ULL << 20 : 1ULL << 30;
	if (chance(g, 10))
		return (1 + below(g, max)) * PAGE;
	k = small[below(g, sizeof(small))];
	return (k < max ? k : max) * PAGE;
}

/*
 * Pages [off, off + len) of a @pages-page region: the whole region more
 * than half the time, else a part the alphabet can say.  A region longer
 * than the longest length is always cut (a whole 2m read is dropped).
 */
static void pick_span(struct gen *g, uint64_t pages, bool *has_off,
		      uint64_t *off, bool *has_len, uint64_t *len)
{
	uint64_t o = 0, l;

	*has_off = *has_len = false;
	*off = *len = 0;
	if (pages <= g->a.max_len_pages && chance(g, 55))
		return;
	if (pages > 1 && chance(g, 60)) {
		o = below(g, (unsigned int)(pages < g->a.max_off_pages + 1 ?
					    pages : g->a.max_off_pages + 1));
		*has_off = o || chance(g, 10);
	}
	l = pages - o;
	if (l > g->a.max_len_pages)
		l = g->a.max_len_pages;
	l = chance(g, 50) ? 1 : 1 + below(g, (unsigned int)l);
	*off = o * PAGE;
	*len = l * PAGE;
	*has_len = true;
}

static void pick_range(struct gen *g, int proc, int region,
		       struct mm_range *r)
{
	uint64_t pages = region_of(g, proc, region)->size / PAGE;

	memset(r, 0, sizeof(*r));
	r->region = (int8_t)region;
	pick_span(g, pages, &r->has_off, &r->off, &r->has_len, &r->len);
}

static enum mm_prot pick_prot(struct gen *g)
{
	unsigned int k = below(g, 20);

	return k < 13 ? MM_PROT_RW : k < 18 ? MM_PROT_R : MM_PROT_NONE;
}

/* An advice of the alphabet that fuzz decoding keeps. */
static enum mm_advice pick_advice(struct gen *g)
{
	enum mm_advice cand[MM_NR_ADVICE];
	unsigned int n = 0;
	struct mm_stmt t;

	for (int a = 0; a < MM_NR_ADVICE; a++) {
		mm_stmt_init(&t, MM_OP_MADVISE);
		t.advice = (enum mm_advice)a;
		if (g->a.advice_mask & (1u << a) && mm_stmt_fuzz_supported(&t))
			cand[n++] = (enum mm_advice)a;
	}
	return n ? cand[below(g, n)] : MM_ADV_DONTNEED;
}

/* Fresh content mostly; a few small values, so pages can be equal. */
static void pick_value(struct gen *g, bool *has, uint64_t *value)
{
	*has = chance(g, 15);
	*value = *has ? below(g, 4) : 0;
}

/* ------------------------------------------------------------------ */
/* Statements                                                         */

static bool gen_mmap(struct gen *g, struct mm_stmt *s, bool driver)
{
	int proc = pick_proc(g, false, false), region = -1;

	if (proc < 0)
		return false;
	s->proc = (int8_t)proc;
	/* The first free slot seven times in ten, else any (MAP_FIXED over). */
	for (unsigned int i = 0; i < g->a.nr_regions && region < 0; i++)
		if (!region_of(g, proc, (int)i)->mapped)
			region = (int)i;
	if (region < 0 || chance(g, 30))
		region = (int)below(g, g->a.nr_regions);
	s->region = (int8_t)region;
	s->size = pick_size(g);
	s->shared = chance(g, driver ? 50 : 25);
	s->prot = pick_prot(g);
	if (!driver && chance(g, 30))
		s->file = (int8_t)used_file(g);
	if (s->file >= 0 && chance(g, 20)) {
		s->has_foff = true;
		s->foff = below(g, g->a.max_off_pages + 1) * PAGE;
	}
	if (!driver && chance(g, 15))
		s->map_opts |= MM_MAP_POPULATE;
	/* A huge size is a hugetlb mapping one time in three. */
	if (!driver && s->file < 0 && s->size % (2ULL << 20) == 0 &&
	    chance(g, 33))
		s->map_opts |= s->size % (1ULL << 30) == 0 && chance(g, 50) ?
			       MM_MAP_HUGETLB_1G : MM_MAP_HUGETLB;
	if ((driver || s->file >= 0) && chance(g, 15))
		s->map_opts |= MM_MAP_RO_FILE;
	/*
	 * A shared driver mapping takes the zeropage (since 6.11) only from a
	 * device opened read-only, and then cannot be writable.
	 */
	if (driver && s->shared && chance(g, 50)) {
		s->map_opts |= MM_MAP_RO_FILE;
		if (s->prot == MM_PROT_RW)
			s->prot = MM_PROT_R;
	}
	s->map_opts &= g->a.map_opts;
	return true;
}

/* A statement of @proc on a range: pick the process, region and range. */
static bool gen_ranged(struct gen *g, struct mm_stmt *s, bool driver_only)
{
	int proc = pick_proc(g, true, driver_only);

	if (proc < 0)
		return false;
	s->proc = (int8_t)proc;
	pick_range(g, proc, pick_region(g, proc, driver_only), &s->range);
	return true;
}

static bool gen_gup(struct gen *g, struct mm_stmt *s)
{
	int h = free_handle(g);

	if (h < 0 || !gen_ranged(g, s, false))
		return false;
	s->handle = (int8_t)h;
	if (s->op != MM_OP_GUP)
		return true;
	s->gup_mode = chance(g, 65) ? MM_GUP_PIN : MM_GUP_GET;
	s->gup_flags = (chance(g, 40) ? MM_GUP_WRITE : 0) |
		       (chance(g, 45) ? MM_GUP_LONGTERM : 0) |
		       (chance(g, 15) ? MM_GUP_FORCE : 0) |
		       (chance(g, 40) ? MM_GUP_FAST : 0);
	return true;
}

static bool gen_process(struct gen *g, struct mm_stmt *s)
{
	int proc = pick_proc(g, false, false), child;

	if (proc < 0)
		return false;
	s->proc = (int8_t)proc;
	if (s->op != MM_OP_FORK)
		return true;
	child = free_proc(g);
	s->child = (int8_t)child;
	return child >= 0;
}

static bool gen_file(struct gen *g, struct mm_stmt *s)
{
	int f = s->op == MM_OP_FILE ? free_file(g) : used_file(g);
	uint64_t pages;

	if (f < 0)
		return false;
	s->file = (int8_t)f;
	if (s->op == MM_OP_FILE) {
		s->file_kind = (enum mm_file_kind)below(g, g->a.nr_kinds);
		s->size = pick_size(g);
		return true;
	}
	pages = g->sh->file[f].size / PAGE;
	pick_span(g, pages, &s->has_fwoff, &s->fwoff, &s->has_fwlen, &s->fwlen);
	pick_value(g, &s->has_value, &s->value);
	return true;
}

/* Fill the arguments of a statement of kind s->op; false if none fit. */
static bool gen_args(struct gen *g, struct mm_stmt *s)
{
	switch (s->op) {
	case MM_OP_MMAP:
		return gen_mmap(g, s, false);
	case MM_OP_MMAP_DRIVER:
		return gen_mmap(g, s, true);
	case MM_OP_MPROTECT:
		s->prot = pick_prot(g);
		return gen_ranged(g, s, false);
	case MM_OP_MADVISE:
		s->advice = pick_advice(g);
		return gen_ranged(g, s, false);
	case MM_OP_MREMAP:
		s->region = (int8_t)below(g, g->a.nr_regions);
		return gen_ranged(g, s, false);
	case MM_OP_WRITE:
		pick_value(g, &s->has_value, &s->value);
		return gen_ranged(g, s, false);
	case MM_OP_MUNMAP: case MM_OP_READ: case MM_OP_MEMWRITE:
	case MM_OP_MEMREAD:
		return gen_ranged(g, s, false);
	case MM_OP_INSERT_ZEROPAGE:
		return gen_ranged(g, s, true);
	case MM_OP_GUP: case MM_OP_VMSPLICE: case MM_OP_IOURING:
		return gen_gup(g, s);
	case MM_OP_CLEAR_REFS: case MM_OP_FORK: case MM_OP_EXIT:
		return gen_process(g, s);
	case MM_OP_HANDLE_READ: case MM_OP_HANDLE_WRITE: case MM_OP_HANDLE_PUT:
		s->handle = (int8_t)used_handle(g);
		return s->handle >= 0;
	case MM_OP_FILE: case MM_OP_FILE_WRITE:
		return gen_file(g, s);
	case MM_OP_THREAD_STEP: case MM_OP_THREAD_FINISH:
		s->thread = (int8_t)below(g, MM_NR_THREADS);
		return true;
	default:	/* ksm, reclaim, khugepaged, compact, drop-caches */
		return true;
	}
}

/* How often each kind is tried: the COW/GUP ones most. */
static const uint8_t op_weight[MM_NR_OPS] = {
	[MM_OP_MMAP] = 6, [MM_OP_MUNMAP] = 3, [MM_OP_MPROTECT] = 5,
	[MM_OP_MADVISE] = 4, [MM_OP_MREMAP] = 2, [MM_OP_READ] = 5,
	[MM_OP_WRITE] = 9, [MM_OP_MEMWRITE] = 4, [MM_OP_MEMREAD] = 2,
	[MM_OP_CLEAR_REFS] = 2, [MM_OP_FORK] = 8, [MM_OP_EXIT] = 3,
	[MM_OP_GUP] = 11, [MM_OP_VMSPLICE] = 5, [MM_OP_IOURING] = 5,
	[MM_OP_HANDLE_READ] = 6, [MM_OP_HANDLE_WRITE] = 2,
	[MM_OP_HANDLE_PUT] = 2, [MM_OP_FILE] = 2, [MM_OP_FILE_WRITE] = 2,
	[MM_OP_KSM] = 1, [MM_OP_RECLAIM] = 1, [MM_OP_KHUGEPAGED] = 1,
	[MM_OP_COMPACT] = 1, [MM_OP_DROP_CACHES] = 1, [MM_OP_THREAD_STEP] = 1,
	[MM_OP_THREAD_FINISH] = 1, [MM_OP_MMAP_DRIVER] = 1,
	[MM_OP_INSERT_ZEROPAGE] = 3,
};

/* Does any region exist in a living process of the alphabet? */
static bool any_region(struct gen *g)
{
	return pick_proc(g, true, false) >= 0;
}

/* A kind by weight among those the alphabet has and decoding keeps. */
static enum mm_op pick_op(struct gen *g)
{
	unsigned int w[MM_NR_OPS], total = 0, k;
	bool mapped = any_region(g);
	struct mm_stmt t;

	for (int op = 0; op < MM_NR_OPS; op++) {
		mm_stmt_init(&t, (enum mm_op)op);
		w[op] = op_weight[op];
		if (!(g->a.op_mask & (1ULL << op)) || !mm_stmt_fuzz_supported(&t))
			w[op] = 0;
		/* Nothing mapped yet: most statements would need a region. */
		if (!mapped && (op == MM_OP_MMAP || op == MM_OP_MMAP_DRIVER))
			w[op] *= 8;
		total += w[op];
	}
	k = below(g, total);
	for (int op = 0; op < MM_NR_OPS; op++) {
		if (k < w[op])
			return (enum mm_op)op;
		k -= w[op];
	}
	return MM_OP_MMAP;
}

static void gen_init(struct gen *g, enum mm_alphabet alphabet,
		     const struct mm_shadow *sh, struct mm_rand *r)
{
	g->sh = sh;
	g->r = r;
	mm_alphabet_get(alphabet, &g->a);
}

/* @s is valid after @sh, kept by fuzz decoding and sayable in @alphabet. */
static bool fits(enum mm_alphabet alphabet, const struct mm_shadow *sh,
		 const struct mm_stmt *s)
{
	struct mm_shadow copy = *sh;
	struct mm_stmt t = *s;
	uint8_t b[MM_STMT_MAX_BYTES];

	return mm_stmt_fuzz_supported(&t) && t.thread == s->thread &&
	       t.map_opts == s->map_opts && mm_stmt_encode(alphabet, s, b) &&
	       mm_shadow_step(&copy, &t, NULL) == 0;
}

/* A valid statement for @sh (mmprog.h). */
bool mm_stmt_generate(enum mm_alphabet alphabet, const struct mm_shadow *sh,
		      struct mm_rand *r, struct mm_stmt *s)
{
	struct gen g;

	gen_init(&g, alphabet, sh, r);
	for (int i = 0; i < TRIES; i++) {
		mm_stmt_init(s, pick_op(&g));
		if (gen_args(&g, s) && fits(alphabet, sh, s))
			return true;
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* One argument                                                       */

/* The argument slots a statement kind has, as bits. */
enum slot {
	SL_PROC = 1 << 0, SL_RANGE = 1 << 1, SL_REGION = 1 << 2,
	SL_SIZE = 1 << 3, SL_MODE = 1 << 4, SL_GUP = 1 << 5, SL_PROT = 1 << 6,
	SL_ADVICE = 1 << 7, SL_VALUE = 1 << 8, SL_HANDLE = 1 << 9,
	SL_CHILD = 1 << 10, SL_FILE = 1 << 11, SL_KIND = 1 << 12,
};

static unsigned int slots_of(enum mm_op op)
{
	unsigned int s = mm_op_is_proc(op) ? SL_PROC : 0;

	if (mm_op_has_range(op))
		s |= SL_RANGE;
	switch (op) {
	case MM_OP_MMAP:	return s | SL_REGION | SL_SIZE | SL_MODE | SL_FILE;
	case MM_OP_MMAP_DRIVER:	return s | SL_REGION | SL_SIZE | SL_MODE;
	case MM_OP_MPROTECT:	return s | SL_PROT;
	case MM_OP_MADVISE:	return s | SL_ADVICE;
	case MM_OP_MREMAP:	return s | SL_REGION;
	case MM_OP_WRITE:	return s | SL_VALUE;
	case MM_OP_FORK:	return s | SL_CHILD;
	case MM_OP_GUP:		return s | SL_HANDLE | SL_GUP;
	case MM_OP_VMSPLICE: case MM_OP_IOURING:
		return s | SL_HANDLE;
	case MM_OP_HANDLE_READ: case MM_OP_HANDLE_WRITE: case MM_OP_HANDLE_PUT:
		return SL_HANDLE;
	case MM_OP_FILE:	return SL_FILE | SL_KIND | SL_SIZE;
	case MM_OP_FILE_WRITE:	return SL_FILE | SL_RANGE | SL_VALUE;
	default:		return s;
	}
}

/* Copy slot @slot of @from into @to. */
static void take_slot(struct mm_stmt *to, const struct mm_stmt *from,
		      unsigned int slot)
{
	switch (slot) {
	case SL_PROC:	to->proc = from->proc; break;
	case SL_RANGE:
		to->range = from->range;
		to->has_fwoff = from->has_fwoff;
		to->fwoff = from->fwoff;
		to->has_fwlen = from->has_fwlen;
		to->fwlen = from->fwlen;
		break;
	case SL_REGION:	to->region = from->region; break;
	case SL_SIZE:	to->size = from->size; break;
	case SL_MODE:
		to->shared = from->shared;
		to->prot = from->prot;
		to->map_opts = from->map_opts;
		break;
	case SL_PROT:	to->prot = from->prot; break;
	case SL_ADVICE:	to->advice = from->advice; break;
	case SL_VALUE:
		to->has_value = from->has_value;
		to->value = from->value;
		break;
	case SL_HANDLE:	to->handle = from->handle; break;
	case SL_CHILD:	to->child = from->child; break;
	case SL_FILE:
		to->file = from->file;
		to->has_foff = from->has_foff;
		to->foff = from->foff;
		break;
	case SL_KIND:	to->file_kind = from->file_kind; break;
	}
}

/* gup: one of mode, write, longterm, force, fast flipped. */
static void flip_gup(struct gen *g, struct mm_stmt *s)
{
	unsigned int bit = below(g, 5);

	if (!bit)
		s->gup_mode = s->gup_mode == MM_GUP_PIN ? MM_GUP_GET : MM_GUP_PIN;
	else
		s->gup_flags ^= 1u << (bit - 1);
}

/* One argument of @s changed to another valid value (mmprog.h). */
bool mm_stmt_mutate_arg(enum mm_alphabet alphabet, const struct mm_shadow *sh,
			struct mm_rand *r, struct mm_stmt *s)
{
	unsigned int slots = slots_of(s->op), nr = 0, slot = 0, k;
	struct mm_stmt fresh, v;
	struct gen g;

	gen_init(&g, alphabet, sh, r);
	for (unsigned int b = slots; b; b &= b - 1)
		nr++;
	if (!nr)
		return false;
	for (int i = 0; i < TRIES; i++) {
		k = below(&g, nr);
		for (unsigned int b = slots; b; b &= b - 1)
			if (!k--)
				slot = b & -b;
		v = *s;
		if (slot == SL_GUP) {
			flip_gup(&g, &v);
		} else if (slot == SL_RANGE && mm_op_is_proc(s->op)) {
			int region = pick_region(&g, s->proc, s->op ==
						 MM_OP_INSERT_ZEROPAGE);

			if (region < 0)
				return false;
			pick_range(&g, s->proc, region, &v.range);
		} else {
			mm_stmt_init(&fresh, s->op);
			if (!gen_args(&g, &fresh))
				continue;
			take_slot(&v, &fresh, slot);
			/* A new process needs its own region and range. */
			if (slot == SL_PROC && mm_op_has_range(s->op))
				take_slot(&v, &fresh, SL_RANGE);
		}
		if (fits(alphabet, sh, &v) && memcmp(&v, s, sizeof(v))) {
			*s = v;
			return true;
		}
	}
	return false;
}
