/* SPDX-License-Identifier: MIT */
/*
 * print.c - struct mm_prog to canonical .mm text, and structural equality.
 *
 * Canonical means: directives first (only those present), one statement
 * per line, single spaces, sizes through mm_size_print(), values in
 * decimal, flags and options in a fixed order, "@tN" last.  Parsing the
 * output gives back an equal program, and printing that gives the same
 * text, so a fuzz input's decoded form is stable.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "mmprog.h"

/* A bounded appender into a caller's buffer; output is truncated safely. */
struct sbuf {
	char *buf;
	size_t size, len;
};

__attribute__((format(printf, 2, 3)))
static void sb_add(struct sbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (sb->len + 1 >= sb->size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(sb->buf + sb->len, sb->size - sb->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	sb->len += (size_t)n;
	if (sb->len >= sb->size)
		sb->len = sb->size - 1;
}

static void sb_size(struct sbuf *sb, const char *prefix, uint64_t bytes)
{
	char size[32];

	mm_size_print(bytes, size, sizeof(size));
	sb_add(sb, "%s%s", prefix, size);
}

/* Write "rN", "rN+OFF", "rN:LEN" or "rN+OFF:LEN" as written. */
void mm_range_print(const struct mm_range *r, char *buf, size_t size)
{
	struct sbuf sb = { buf, size, 0 };

	if (!size)
		return;
	buf[0] = '\0';
	sb_add(&sb, "r%d", r->region);
	if (r->has_off)
		sb_size(&sb, "+", r->off);
	if (r->has_len)
		sb_size(&sb, ":", r->len);
}

static void sb_range(struct sbuf *sb, const struct mm_range *r)
{
	char range[80];

	mm_range_print(r, range, sizeof(range));
	sb_add(sb, " %s", range);
}

static void sb_flags(struct sbuf *sb, unsigned int mask,
		     const char *(*name_of)(unsigned int))
{
	for (unsigned int bit = 0; bit < 4; bit++)
		if (mask & (1u << bit))
			sb_add(sb, " %s", name_of(bit));
}

/* ------------------------------------------------------------------ */
/* Statements: the subject, the keyword, then one printer per field    */

/* anon, driver (the kind's fixed backing word) or fM[+OFF]. */
static void print_backing(struct sbuf *sb, const struct mm_stmt *s)
{
	const char *word = mm_stmt_desc(s->op)->backing;

	if (word)
		sb_add(sb, " %s", word);
	else if (s->file < 0)
		sb_add(sb, " anon");
	else
		sb_add(sb, " f%d", s->file);
	if (s->file >= 0 && s->has_foff)
		sb_size(sb, "+", s->foff);
}

static void print_region(struct sbuf *sb, const struct mm_stmt *s)
{
	sb_add(sb, " r%d", s->region);
}

static void print_size(struct sbuf *sb, const struct mm_stmt *s)
{
	sb_size(sb, " ", s->size);
}

static void print_sharing(struct sbuf *sb, const struct mm_stmt *s)
{
	sb_add(sb, " %s", s->shared ? "shared" : "private");
}

static void print_prot(struct sbuf *sb, const struct mm_stmt *s)
{
	sb_add(sb, " %s", mm_prot_name(s->prot));
}

static void print_map_opts(struct sbuf *sb, const struct mm_stmt *s)
{
	sb_flags(sb, s->map_opts, mm_map_opt_name);
}

static void print_range(struct sbuf *sb, const struct mm_stmt *s)
{
	sb_range(sb, &s->range);
}

static void print_advice(struct sbuf *sb, const struct mm_stmt *s)
{
	sb_add(sb, " %s", mm_advice_name(s->advice));
}

static void print_value(struct sbuf *sb, const struct mm_stmt *s)
{
	if (s->has_value)
		sb_add(sb, " =%" PRIu64, s->value);
}

static void print_child(struct sbuf *sb, const struct mm_stmt *s)
{
	sb_add(sb, " p%d", s->child);
}

static void print_handle(struct sbuf *sb, const struct mm_stmt *s)
{
	sb_add(sb, " g%d", s->handle);
}

static void print_gup_mode(struct sbuf *sb, const struct mm_stmt *s)
{
	sb_add(sb, " %s", s->gup_mode == MM_GUP_PIN ? "pin" : "get");
}

static void print_gup_flags(struct sbuf *sb, const struct mm_stmt *s)
{
	sb_flags(sb, s->gup_flags, mm_gup_flag_name);
}

static void print_file(struct sbuf *sb, const struct mm_stmt *s)
{
	sb_add(sb, " f%d", s->file);
}

static void print_file_kind(struct sbuf *sb, const struct mm_stmt *s)
{
	sb_add(sb, " %s", mm_file_kind_name(s->file_kind));
}

/* [+OFF][:LEN] as one word, absent when both are. */
static void print_file_range(struct sbuf *sb, const struct mm_stmt *s)
{
	if (s->has_fwoff || s->has_fwlen)
		sb_add(sb, " ");
	if (s->has_fwoff)
		sb_size(sb, "+", s->fwoff);
	if (s->has_fwlen)
		sb_size(sb, ":", s->fwlen);
}

/* Each field's text, with its leading space when present. */
static void (*const print_field[MM_NR_FIELDS])(struct sbuf *sb,
					       const struct mm_stmt *s) = {
	[MMF_REGION] = print_region,
	[MMF_SIZE] = print_size,
	[MMF_BACKING] = print_backing,
	[MMF_SHARING] = print_sharing,
	[MMF_PROT] = print_prot,
	[MMF_MAP_OPTS] = print_map_opts,
	[MMF_RANGE] = print_range,
	[MMF_ADVICE] = print_advice,
	[MMF_VALUE] = print_value,
	[MMF_CHILD] = print_child,
	[MMF_HANDLE] = print_handle,
	[MMF_GUP_MODE] = print_gup_mode,
	[MMF_GUP_FLAGS] = print_gup_flags,
	[MMF_FILE] = print_file,
	[MMF_FILE_KIND] = print_file_kind,
	[MMF_FILE_RANGE] = print_file_range,
};

/*
 * Write statement @s in canonical form, without a newline, into @buf
 * (truncated, always NUL-terminated when @size > 0): its subject word,
 * its keyword, its fields in the table's order, "@tN" last.
 */
void mm_stmt_print(const struct mm_stmt *s, char *buf, size_t size)
{
	struct sbuf sb = { buf, size, 0 };
	const struct mm_stmt_desc *d = mm_stmt_desc(s->op);
	const struct mm_subject_desc *subj;

	if (!size)
		return;
	buf[0] = '\0';
	if (!d) {
		sb_add(&sb, "%s", mm_op_name(s->op));
		return;
	}
	subj = mm_subject_desc(d->subject);
	if (subj)
		sb_add(&sb, "%c%d ", subj->prefix, mm_stmt_subject(s));
	sb_add(&sb, "%s", d->keyword);
	for (const uint8_t *f = d->fields; *f != MMF_END; f++)
		print_field[*f](&sb, s);
	if (d->may_thread && s->thread >= 0)
		sb_add(&sb, " @t%d", s->thread);
}

/* ------------------------------------------------------------------ */
/* Whole programs                                                     */

/* A growing, malloc'd string; @oom sticks once an allocation failed. */
struct dbuf {
	char *s;
	size_t len, cap;
	bool oom;
};

static void db_line(struct dbuf *d, const char *line)
{
	size_t n = strlen(line);

	if (d->oom)
		return;
	if (d->len + n + 2 > d->cap) {
		size_t cap = (d->cap ? d->cap : 256);
		char *s;

		while (cap < d->len + n + 2)
			cap *= 2;
		s = realloc(d->s, cap);
		if (!s) {
			d->oom = true;
			return;
		}
		d->s = s;
		d->cap = cap;
	}
	memcpy(d->s + d->len, line, n);
	d->len += n;
	d->s[d->len++] = '\n';
	d->s[d->len] = '\0';
}

static const char *const thp_names[] = {
	[MM_THP_MADVISE] = "madvise",
	[MM_THP_ALWAYS] = "always",
	[MM_THP_NEVER] = "never",
};

/* mTHP sizes in the spec's spelling, by bit of mthp_kb_mask. */
static const char *const mthp_names[] = {
	"16k", "32k", "64k", "128k", "256k", "512k", "1m",
};

static void print_mthp(struct dbuf *d, uint32_t mask)
{
	char line[128];
	struct sbuf sb = { line, sizeof(line), 0 };
	const char *sep = "=";

	sb_add(&sb, "config mthp");
	for (unsigned int k = 0; k < 7; k++) {
		if (mask & (1u << k)) {
			sb_add(&sb, "%s%s", sep, mthp_names[k]);
			sep = ",";
		}
	}
	if (!(mask & 0x7f))
		sb_add(&sb, "=none");
	db_line(d, line);
}

static void print_expect(struct dbuf *d, const struct mm_prog *p)
{
	char line[128];

	if (p->expect == MM_EXPECT_VIOLATION)
		snprintf(line, sizeof(line), "expect violation %.24s%s%.8s",
			 p->expect_class, p->expect_id[0] ? "/" : "",
			 p->expect_id);
	else if (p->expect == MM_EXPECT_KNOWN)
		snprintf(line, sizeof(line), "expect known %.32s",
			 p->expect_known);
	else
		snprintf(line, sizeof(line), "expect ok");
	db_line(d, line);
}

static void print_directives(struct dbuf *d, const struct mm_prog *p)
{
	char line[128];
	int nr_knobs = p->nr_knobs < MM_MAX_KNOB_SETTINGS ?
		       p->nr_knobs : MM_MAX_KNOB_SETTINGS;

	if (p->has_era) {
		snprintf(line, sizeof(line), "era %.16s", p->era);
		db_line(d, line);
	}
	for (int i = 0; i < nr_knobs; i++) {
		snprintf(line, sizeof(line), "knob %.48s=%s", p->knobs[i].name,
			 p->knobs[i].value ? "on" : "off");
		db_line(d, line);
	}
	if (p->has_thp && (unsigned int)p->thp <= MM_THP_NEVER) {
		snprintf(line, sizeof(line), "config thp=%s", thp_names[p->thp]);
		db_line(d, line);
	}
	if (p->has_mthp)
		print_mthp(d, p->mthp_kb_mask);
	if (p->has_huge_zeropage)
		db_line(d, p->huge_zeropage ? "config huge_zeropage=on" :
					      "config huge_zeropage=off");
	if (p->has_zeropage)
		db_line(d, p->zeropage ? "config zeropage=on" :
					 "config zeropage=off");
	if (p->has_swap)
		db_line(d, p->swap ? "config swap=on" : "config swap=off");
	if (p->has_waits)
		db_line(d, p->waits_skip ? "config waits=skip" :
					   "config waits=error");
	if (p->has_hugetlb) {
		snprintf(line, sizeof(line), "config hugetlb=2m:%" PRIu32
			 ",1g:%" PRIu32, p->hugetlb_2m, p->hugetlb_1g);
		db_line(d, line);
	}
	if (p->has_expect)
		print_expect(d, p);
}

/*
 * The canonical text of @p (see mmprog.h); the caller frees it.  The
 * hugetlb pools are always printed together, so "2m:8" comes back as
 * "2m:8,1g:4": the same pools, one spelling.
 */
char *mm_prog_print(const struct mm_prog *p)
{
	struct dbuf d = { .s = malloc(256), .cap = 256 };
	char line[256];

	if (!d.s)
		return NULL;
	d.s[0] = '\0';		/* an empty program is "" */
	print_directives(&d, p);
	for (size_t i = 0; i < p->nr_stmts && !d.oom; i++) {
		mm_stmt_print(&p->stmts[i], line, sizeof(line));
		db_line(&d, line);
	}
	if (d.oom) {
		free(d.s);
		return NULL;
	}
	return d.s;
}

/* ------------------------------------------------------------------ */
/* Equality                                                           */

static bool ranges_equal(const struct mm_range *a, const struct mm_range *b)
{
	return a->region == b->region && a->has_off == b->has_off &&
	       a->has_len == b->has_len && a->off == b->off &&
	       a->len == b->len;
}

/* Every field as written; not the line nor what the checker resolved. */
static bool stmts_equal(const struct mm_stmt *a, const struct mm_stmt *b)
{
	return a->op == b->op && a->proc == b->proc &&
	       a->thread == b->thread && a->handle == b->handle &&
	       a->file == b->file && a->region == b->region &&
	       a->child == b->child && ranges_equal(&a->range, &b->range) &&
	       a->size == b->size && a->shared == b->shared &&
	       a->prot == b->prot && a->map_opts == b->map_opts &&
	       a->has_foff == b->has_foff && a->foff == b->foff &&
	       a->advice == b->advice && a->gup_mode == b->gup_mode &&
	       a->gup_flags == b->gup_flags &&
	       a->file_kind == b->file_kind &&
	       a->has_fwoff == b->has_fwoff && a->has_fwlen == b->has_fwlen &&
	       a->fwoff == b->fwoff && a->fwlen == b->fwlen &&
	       a->has_value == b->has_value && a->value == b->value;
}

static bool knobs_equal(const struct mm_prog *a, const struct mm_prog *b)
{
	if (a->nr_knobs != b->nr_knobs || a->nr_knobs < 0 ||
	    a->nr_knobs > MM_MAX_KNOB_SETTINGS)
		return a->nr_knobs == b->nr_knobs;
	for (int i = 0; i < a->nr_knobs; i++) {
		const struct mm_knob_setting *x = &a->knobs[i], *y = &b->knobs[i];

		if (strncmp(x->name, y->name, sizeof(x->name)) ||
		    x->value != y->value)
			return false;
	}
	return true;
}

static bool directives_equal(const struct mm_prog *a, const struct mm_prog *b)
{
	return a->has_era == b->has_era &&
	       !strncmp(a->era, b->era, sizeof(a->era)) && knobs_equal(a, b) &&
	       a->has_thp == b->has_thp && a->thp == b->thp &&
	       a->has_mthp == b->has_mthp &&
	       a->mthp_kb_mask == b->mthp_kb_mask &&
	       a->has_huge_zeropage == b->has_huge_zeropage &&
	       a->huge_zeropage == b->huge_zeropage &&
	       a->has_zeropage == b->has_zeropage &&
	       a->zeropage == b->zeropage &&
	       a->has_swap == b->has_swap && a->swap == b->swap &&
	       a->has_waits == b->has_waits && a->waits_skip == b->waits_skip &&
	       a->has_hugetlb == b->has_hugetlb &&
	       a->hugetlb_2m == b->hugetlb_2m &&
	       a->hugetlb_1g == b->hugetlb_1g &&
	       a->has_expect == b->has_expect && a->expect == b->expect &&
	       !strncmp(a->expect_class, b->expect_class,
			sizeof(a->expect_class)) &&
	       !strncmp(a->expect_id, b->expect_id, sizeof(a->expect_id)) &&
	       !strncmp(a->expect_known, b->expect_known,
			sizeof(a->expect_known));
}

/* Structural equality: directives and statements, not lines (mmprog.h). */
bool mm_prog_equal(const struct mm_prog *a, const struct mm_prog *b)
{
	if (!directives_equal(a, b) || a->nr_stmts != b->nr_stmts)
		return false;
	for (size_t i = 0; i < a->nr_stmts; i++)
		if (!stmts_equal(&a->stmts[i], &b->stmts[i]))
			return false;
	return true;
}
