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
 * The statement table (mmstmt.h) drives it: a kind is picked by its
 * weight, its names by what it needs (a free handle for gup, a used one
 * for gN read, a free child for fork), its values by its typed fields.
 * The values lean towards what COW and GUP bugs are made of: small
 * private anonymous mappings, writes, forks, pins, and whole regions, with
 * every flag and kind still reachable.
 */
#include <string.h>

#include "codec.h"		/* PAGE, codec_range_touched() */

#define TRIES		16

struct gen {
	enum mm_alphabet alpha;
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

	if (g->a.sizes)
		return g->a.sizes[below(g, g->a.nr_sizes)];
	if (g->a.huge_sizes && chance(g, 2))
		return chance(g, 80) ? 2ULL << 20 : 1ULL << 30;
	if (chance(g, 10))
		return (1 + below(g, max)) * PAGE;
	k = small[below(g, sizeof(small))];
	return (k < max ? k : max) * PAGE;
}

/* One of the first @n of @list's @nr page counts (ascending) below @lim. */
static uint64_t pick_listed(struct gen *g, const uint16_t *list,
			    unsigned int nr, uint64_t lim)
{
	unsigned int n = 0;

	while (n < nr && list[n] < lim)
		n++;
	return n ? list[below(g, n)] : 0;
}

/*
 * Pages [off, off + len) of a @pages-page region: the whole region more
 * than half the time, else a part the alphabet can say.  A region longer
 * than @max_len pages is always cut.
 */
static void pick_span(struct gen *g, uint64_t pages, uint64_t max_len,
		      bool *has_off, uint64_t *off, bool *has_len,
		      uint64_t *len)
{
	uint64_t o = 0, l, max_off = g->a.max_off_pages;

	*has_off = *has_len = false;
	*off = *len = 0;
	if (pages <= max_len && chance(g, 55))
		return;
	if (pages > 1 && chance(g, 60)) {
		if (g->a.off_pages)
			o = pick_listed(g, g->a.off_pages, g->a.nr_off_pages,
					pages);
		else
			o = below(g, (unsigned int)(pages < max_off + 1 ?
						    pages : max_off + 1));
		*has_off = o || chance(g, 10);
	}
	l = pages - o;
	if (l > max_len)
		l = max_len;
	if (chance(g, 50))
		l = 1;
	else if (g->a.len_pages)
		l = pick_listed(g, g->a.len_pages, g->a.nr_len_pages, l + 1);
	else
		l = 1 + below(g, (unsigned int)l);
	*off = o * PAGE;
	*len = l * PAGE;
	*has_len = true;
}

/*
 * The range of @s (its kind and advice drawn) in @proc's @region: no
 * longer than the alphabet's longest length, nor, where @s touches the
 * pages one by one, than fuzz decoding keeps (a whole 2m read would be
 * dropped; only fuzz_thp has lengths that long).
 */
static void pick_range(struct gen *g, const struct mm_stmt *s, int proc,
		       int region, struct mm_range *r)
{
	uint64_t pages = region_of(g, proc, region)->size / PAGE;
	uint64_t max_len = g->a.max_len_pages;

	if (codec_range_touched(s) && max_len > MM_DECODE_MAX_PAGES)
		max_len = MM_DECODE_MAX_PAGES;
	memset(r, 0, sizeof(*r));
	r->region = (int8_t)region;
	pick_span(g, pages, max_len, &r->has_off, &r->off, &r->has_len,
		  &r->len);
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
		if (g->a.advice_mask & (1u << a) && mm_stmt_fuzz_supported(g->alpha, &t))
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

/*
 * A driver mapping: the table gives it mmap's fields, and no column says
 * how its values lean apart from an mmap's: shared more often, ro-file
 * its only option, the zeropage only from a read-only device.
 */
static bool driver_mapping(enum mm_op op)
{
	return op == MM_OP_MMAP_DRIVER;
}

/* A statement of @proc on a range: pick the process, region and range. */
static bool gen_ranged(struct gen *g, struct mm_stmt *s, bool driver_only)
{
	int proc = pick_proc(g, true, driver_only);

	if (proc < 0)
		return false;
	s->proc = (int8_t)proc;
	pick_range(g, s, proc, pick_region(g, proc, driver_only), &s->range);
	return true;
}

/* The slot an mmap maps: the first free one seven times in ten, else any. */
static int8_t map_slot(struct gen *g, int proc)
{
	int region = -1;

	for (unsigned int i = 0; i < g->a.nr_regions && region < 0; i++)
		if (!region_of(g, proc, (int)i)->mapped)
			region = (int)i;
	/* Any: MAP_FIXED over what is there. */
	if (region < 0 || chance(g, 30))
		region = (int)below(g, g->a.nr_regions);
	return (int8_t)region;
}

/* The backing: anon mostly, now and then a file that exists. */
static void gen_backing(struct gen *g, const struct mm_stmt_desc *d,
			struct mm_stmt *s)
{
	if (d->needs & MMN_FILE_EXISTS && chance(g, 30))
		s->file = (int8_t)used_file(g);
	if (s->file >= 0 && chance(g, 20)) {
		s->has_foff = true;
		s->foff = below(g, g->a.max_off_pages + 1) * PAGE;
	}
}

static void gen_map_opts(struct gen *g, struct mm_stmt *s)
{
	bool driver = driver_mapping(s->op);

	if (!driver && chance(g, 15))
		s->map_opts |= MM_MAP_POPULATE;
	/* A huge size is a hugetlb mapping one time in three. */
	if (!driver && s->file < 0 && s->size % (2ULL << 20) == 0 &&
	    g->a.map_opts & MM_MAP_HUGETLB && chance(g, 33))
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
}

static void gen_gup_flags(struct gen *g, struct mm_stmt *s)
{
	s->gup_flags = 0;
	if (chance(g, 40))
		s->gup_flags |= MM_GUP_WRITE;
	if (chance(g, 45))
		s->gup_flags |= MM_GUP_LONGTERM;
	if (chance(g, 15))
		s->gup_flags |= MM_GUP_FORCE;
	if (chance(g, 40))
		s->gup_flags |= MM_GUP_FAST;
}

/* A thread some statement started, mostly; any thread otherwise. */
static int started_thread(struct gen *g)
{
	int cand[MM_NR_THREADS], n = 0;

	for (int t = 0; t < MM_NR_THREADS; t++)
		if (g->sh->threads & (1u << t))
			cand[n++] = t;
	return n && chance(g, 90) ? cand[below(g, (unsigned int)n)] :
				    (int)below(g, MM_NR_THREADS);
}

/* The subject; a process on a RANGE is picked with it (it maps a region). */
static bool gen_subject(struct gen *g, const struct mm_stmt_desc *d,
			struct mm_stmt *s)
{
	switch (d->subject) {
	case MM_SUBJ_PROC:
		if (mm_stmt_has_field(s->op, MMF_RANGE))
			return true;
		s->proc = (int8_t)pick_proc(g, false, false);
		return s->proc >= 0;
	case MM_SUBJ_HANDLE:
		s->handle = (int8_t)used_handle(g);
		return s->handle >= 0;
	case MM_SUBJ_FILE:
		s->file = (int8_t)used_file(g);
		return s->file >= 0;
	case MM_SUBJ_THREAD:
		s->thread = (int8_t)started_thread(g);
		return true;
	case MM_SUBJ_NONE:
		break;
	}
	return true;
}

/* The names of field @f: free or in use, as the kind needs (MMN_*). */
static bool gen_name(struct gen *g, const struct mm_stmt_desc *d,
		     enum mm_field f, struct mm_stmt *s)
{
	switch (f) {
	case MMF_FILE:
		s->file = (int8_t)(d->needs & MMN_FILE_FREE ? free_file(g) :
				   used_file(g));
		return s->file >= 0;
	case MMF_HANDLE:
		s->handle = (int8_t)(d->needs & MMN_HANDLE_FREE ?
				     free_handle(g) : used_handle(g));
		return s->handle >= 0;
	case MMF_CHILD:
		s->child = (int8_t)(d->needs & MMN_CHILD_FREE ? free_proc(g) :
				    pick_proc(g, false, false));
		return s->child >= 0;
	case MMF_RANGE:
		return gen_ranged(g, s, d->needs & MMN_RANGE_DRIVER);
	case MMF_REGION:
		/* The mremap target (MMN_TARGET_FREE): fits() checks it. */
		s->region = d->effect == MME_MAP ? map_slot(g, s->proc) :
			    (int8_t)below(g, g->a.nr_regions);
		return true;
	default:
		return true;
	}
}

/* The value of field @f. */
static void gen_value(struct gen *g, const struct mm_stmt_desc *d,
		      enum mm_field f, struct mm_stmt *s)
{
	switch (f) {
	case MMF_SIZE:
		s->size = pick_size(g);
		break;
	case MMF_BACKING:
		gen_backing(g, d, s);
		break;
	case MMF_SHARING:
		s->shared = chance(g, driver_mapping(s->op) ? 50 : 25);
		break;
	case MMF_PROT:
		s->prot = pick_prot(g);
		break;
	case MMF_MAP_OPTS:
		gen_map_opts(g, s);
		break;
	case MMF_ADVICE:
		s->advice = pick_advice(g);
		break;
	case MMF_VALUE:
		pick_value(g, &s->has_value, &s->value);
		break;
	case MMF_GUP_MODE:
		s->gup_mode = chance(g, 65) ? MM_GUP_PIN : MM_GUP_GET;
		break;
	case MMF_GUP_FLAGS:
		gen_gup_flags(g, s);
		break;
	case MMF_FILE_KIND:
		s->file_kind = (enum mm_file_kind)below(g, g->a.nr_kinds);
		break;
	case MMF_FILE_RANGE:
		pick_span(g, g->sh->file[s->file].size / PAGE,
			  g->a.max_len_pages, &s->has_fwoff,
			  &s->fwoff, &s->has_fwlen, &s->fwlen);
		break;
	default:
		break;
	}
}

/*
 * The order the fields of a statement are drawn in, whatever their text
 * order: mprotect's PROT before its RANGE but gup's mode after it, an
 * mmap's backing after its mode...  It is the order each kind's own
 * generator used to draw them in, kept so that a random stream gives
 * the statements it gave (seeds, the mutator's tests).
 */
static const uint8_t draw_order[] = {
	MMF_FILE, MMF_FILE_KIND, MMF_REGION, MMF_SIZE, MMF_SHARING, MMF_PROT,
	MMF_BACKING, MMF_MAP_OPTS, MMF_ADVICE, MMF_FILE_RANGE, MMF_VALUE,
	MMF_HANDLE, MMF_RANGE, MMF_GUP_MODE, MMF_GUP_FLAGS, MMF_CHILD,
};
_Static_assert(sizeof(draw_order) == MM_NR_FIELDS - 1,
	       "every field has its place in draw_order");

/* Fill the arguments of a statement of kind s->op; false if none fit. */
static bool gen_args(struct gen *g, struct mm_stmt *s)
{
	const struct mm_stmt_desc *d = mm_stmt_desc(s->op);

	if (!gen_subject(g, d, s))
		return false;
	for (size_t i = 0; i < sizeof(draw_order); i++) {
		enum mm_field f = (enum mm_field)draw_order[i];

		if (!mm_stmt_has_field(s->op, f))
			continue;
		if (!gen_name(g, d, f, s))
			return false;
		gen_value(g, d, f, s);
	}
	return true;
}

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
		const struct mm_stmt_desc *d = mm_stmt_desc(op);

		mm_stmt_init(&t, (enum mm_op)op);
		w[op] = d->weight;
		if (!(g->a.op_mask & (1ULL << op)) || !mm_stmt_fuzz_supported(g->alpha, &t))
			w[op] = 0;
		/* Nothing mapped yet: most statements would need a region. */
		if (!mapped && d->effect == MME_MAP)
			w[op] *= 8;
		/* A thread is running: a race is its steps among the rest. */
		if (g->sh->threads && d->subject == MM_SUBJ_THREAD)
			w[op] *= 6;
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
	g->alpha = alphabet;
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

	return mm_stmt_fuzz_supported(alphabet, &t) && t.thread == s->thread &&
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
		if (!gen_args(&g, s))
			continue;
		/* In an alphabet with threads, now and then a stepwise one. */
		if (g.a.threads && mm_stmt_desc(s->op)->may_thread &&
		    chance(&g, 25))
			s->thread = (int8_t)below(&g, MM_NR_THREADS);
		if (fits(alphabet, sh, s))
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

/* The slot of each field; a mapping's PROT is in its mode. */
static const uint16_t field_slot[MM_NR_FIELDS] = {
	[MMF_REGION] = SL_REGION, [MMF_SIZE] = SL_SIZE,
	[MMF_BACKING] = SL_FILE, [MMF_SHARING] = SL_MODE,
	[MMF_PROT] = SL_PROT, [MMF_MAP_OPTS] = SL_MODE,
	[MMF_RANGE] = SL_RANGE, [MMF_ADVICE] = SL_ADVICE,
	[MMF_VALUE] = SL_VALUE, [MMF_CHILD] = SL_CHILD,
	[MMF_HANDLE] = SL_HANDLE, [MMF_GUP_MODE] = SL_GUP,
	[MMF_GUP_FLAGS] = SL_GUP, [MMF_FILE] = SL_FILE,
	[MMF_FILE_KIND] = SL_KIND, [MMF_FILE_RANGE] = SL_RANGE,
};

/* A thread's statement has no slot: its tN is all it says. */
static const uint16_t subject_slot[MM_SUBJ_NONE + 1] = {
	[MM_SUBJ_PROC] = SL_PROC, [MM_SUBJ_HANDLE] = SL_HANDLE,
	[MM_SUBJ_FILE] = SL_FILE, [MM_SUBJ_THREAD] = 0, [MM_SUBJ_NONE] = 0,
};

static unsigned int slots_of(enum mm_op op)
{
	const struct mm_stmt_desc *d = mm_stmt_desc(op);
	unsigned int slots;

	if (!d)
		return 0;
	slots = subject_slot[d->subject];
	/* A driver's backing names no file (MMN_FILE_EXISTS): no slot. */
	for (const uint8_t *f = d->fields; *f != MMF_END; f++) {
		if (*f == MMF_PROT && mm_stmt_has_field(op, MMF_SHARING))
			slots |= SL_MODE;
		else if (*f != MMF_BACKING || d->needs & MMN_FILE_EXISTS)
			slots |= field_slot[*f];
	}
	return slots;
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
	const struct mm_stmt_desc *d = mm_stmt_desc(s->op);
	bool ranged = mm_stmt_has_field(s->op, MMF_RANGE);
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
		} else if (slot == SL_RANGE && ranged) {
			int region = pick_region(&g, s->proc, d->needs &
						 MMN_RANGE_DRIVER);

			if (region < 0)
				return false;
			pick_range(&g, s, s->proc, region, &v.range);
		} else {
			mm_stmt_init(&fresh, s->op);
			if (!gen_args(&g, &fresh))
				continue;
			take_slot(&v, &fresh, slot);
			/* A new process needs its own region and range. */
			if (slot == SL_PROC && ranged)
				take_slot(&v, &fresh, SL_RANGE);
		}
		if (fits(alphabet, sh, &v) && memcmp(&v, s, sizeof(v))) {
			*s = v;
			return true;
		}
	}
	return false;
}
