/* SPDX-License-Identifier: MIT */
/*
 * decode.c - fuzz input -> struct mm_prog (the layout is in encode.c):
 * the HEADER and DIRECTIVES, the statements, what fuzz targets skip, the
 * bound on the pages one statement touches, and mm_prog_split() for
 * structure-aware mutators.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"

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
 * What the fuzz targets run is the statement table's fuzz column, and
 * the thread statements in an alphabet with threads: false to drop @s.
 * Elsewhere the @tN suffix of a statement that may carry one
 * (may_thread) is stripped instead: a quarter of the process bytes name
 * a thread (encode.c), and those targets run whole statements only.
 */
bool mm_stmt_fuzz_supported(enum mm_alphabet alpha, struct mm_stmt *s)
{
	const struct mm_stmt_desc *d = mm_stmt_desc(s->op);
	bool threads = codec_alphabet(alpha)->threads;

	if (!d || !(d->fuzz || (threads && d->subject == MM_SUBJ_THREAD)))
		return false;
	if (d->may_thread && !threads)
		s->thread = -1;
	return true;
}

static void decode_stmt(struct dec *d, const struct alphabet *a,
			const struct codec_ops *ops, struct mm_stmt *s)
{
	uint8_t fields[MAX_FIELDS];

	mm_stmt_init(s, codec_ops_op(ops, dec_u8(d)));
	codec_fields(s->op, fields);
	for (const uint8_t *f = fields; *f != F_END; f++)
		codec_decode_field(a, (enum field)*f, dec_u8(d), s);
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
	switch (mm_stmt_desc(s->op)->effect) {
	case MME_MAP:
		h->huge[s->proc][s->region] = s->map_opts & MM_MAP_HUGETLB;
		break;
	case MME_FORK:
		memcpy(h->huge[s->child], h->huge[s->proc], sizeof(h->huge[0]));
		break;
	case MME_MOVE:
		h->huge[s->proc][s->region] = h->huge[s->proc][s->range.region];
		break;
	default:
		break;
	}
}

/* Whether @s's advice faults its range in page by page. */
static bool populates(const struct mm_stmt *s)
{
	return s->advice == MM_ADV_POPULATE_READ ||
	       s->advice == MM_ADV_POPULATE_WRITE;
}

/*
 * A RANGE that is used rather than remapped (unmap, protect, move change
 * the mapping as a whole), and a populating advice's range only (codec.h).
 */
bool codec_range_touched(const struct mm_stmt *s)
{
	switch (mm_stmt_desc(s->op)->effect) {
	case MME_MAP: case MME_UNMAP: case MME_PROTECT: case MME_MOVE:
		return false;
	default:
		break;
	}
	if (mm_stmt_has_field(s->op, MMF_ADVICE) && !populates(s))
		return false;
	return mm_stmt_has_field(s->op, MMF_RANGE);
}

/*
 * 4 KiB pages that @s loads, stores, faults in or pins one by one: a
 * populated mapping, every page of a touched RANGE, and of a file's
 * range written.
 */
static uint64_t pages_touched(const struct mm_stmt *s)
{
	if (mm_stmt_desc(s->op)->effect == MME_MAP)
		return s->map_opts & MM_MAP_POPULATE ? s->size / PAGE : 0;
	if (codec_range_touched(s))
		return s->range.size / PAGE;
	if (mm_stmt_has_field(s->op, MMF_FILE_RANGE))
		return s->fw_size / PAGE;
	return 0;
}

static bool is_huge(const struct huge_shadow *h, const struct mm_stmt *s)
{
	if (mm_stmt_desc(s->op)->effect == MME_MAP)
		return s->map_opts & MM_MAP_HUGETLB;
	if (!mm_stmt_has_field(s->op, MMF_RANGE) || s->range.region < 0)
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
	const struct alphabet *a = codec_alphabet(o->alphabet);
	struct codec_ops ops;

	codec_ops_init(a, &ops);
	for (int n = 0; n < MM_DECODE_MAX_STMTS && dec_more(d); n++) {
		struct mm_stmt s;

		decode_stmt(d, a, &ops, &s);
		if (o->skip_unsupported && !mm_stmt_fuzz_supported(o->alphabet, &s))
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
	out->arena = opts->arena;	/* the directives have no statement */
	if (!ret)
		codec_apply_config(codec_alphabet(opts->alphabet), out);
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
	const struct alphabet *a = codec_alphabet(alphabet);
	struct dec d = { data, data ? size : 0, 0 };
	struct codec_ops ops;
	size_t n = 0;

	codec_ops_init(a, &ops);
	/* Nothing is kept, so skipping the directives cannot fail. */
	if (dec_u8(&d) & HDR_DIRECTIVES)
		(void)decode_directives(&d, false, NULL);
	*prefix = d.pos < d.size ? d.pos : d.size;
	if (max_spans > MM_DECODE_MAX_STMTS)
		max_spans = MM_DECODE_MAX_STMTS;
	for (; n < max_spans && dec_more(&d); n++) {
		size_t off = d.pos;
		uint8_t fields[MAX_FIELDS];
		const uint8_t *f = fields;

		codec_fields(codec_ops_op(&ops, dec_u8(&d)), fields);
		while (*f++ != F_END)
			d.pos++;	/* one byte per field */
		spans[n].off = off;
		spans[n].len = (d.pos < d.size ? d.pos : d.size) - off;
	}
	return n;
}
