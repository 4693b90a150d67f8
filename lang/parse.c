/* SPDX-License-Identifier: MIT */
/*
 * parse.c - .mm program text to struct mm_prog (spec/program.md §1-§3).
 *
 * The parser is line oriented: lex_words() cuts a line into words, the
 * first word selects a directive (directive.c) or a statement.  A
 * statement's kind is looked up in the statement table (mmstmt.h): a
 * keyword alone (ksm, file), or a subject's name (pK, gN, fN, tN) and the
 * keyword after it.  Then one parser per field type reads the fields the
 * kind's row lists, in order.  It is purely syntactic: whether a region is
 * mapped is mm_prog_check()'s business.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lex.h"
#include "mmarena.h"

struct parser {
	struct mm_prog *p;
	struct mm_error *err;
	bool seen_stmt;		/* directives are only allowed before this */
};

/* Regions are no statement's subject (mmstmt.h names those). */
static const struct name_kind REGION = { 'r', MM_NR_REGIONS, "region" };

/*
 * The "+OFF", ":LEN" or "+OFF:LEN" tail of a range or of `fN write`,
 * starting at byte @i of @w.
 */
static int parse_offlen(struct lexline *lx, const struct word *w, size_t i,
			bool *has_off, uint64_t *off,
			bool *has_len, uint64_t *len)
{
	struct word rest = { w->s + i, w->len - i }, item;
	bool colon;

	if (rest.len && rest.s[0] == '+') {
		rest.s++;
		rest.len--;
		colon = lex_cut(&rest, ':', &item);
		if (!item.len)
			return lex_err(lx, "missing offset in '%s'",
				       lex_quote_word(w).s);
		if (lex_size(lx, item.s, item.len, true, off))
			return -1;
		*has_off = true;
		if (!colon)
			return 0;
	} else if (rest.len && rest.s[0] == ':') {
		rest.s++;
		rest.len--;
	} else if (rest.len) {
		return lex_err(lx, "expected +OFF or :LEN, got '%s'",
			       lex_quote_word(w).s);
	} else {
		return 0;
	}
	if (!rest.len)
		return lex_err(lx, "missing length in '%s'", lex_quote_word(w).s);
	if (lex_size(lx, rest.s, rest.len, false, len))
		return -1;
	*has_len = true;
	return 0;
}

/* RANGE: rN, rN+OFF, rN:LEN or rN+OFF:LEN. */
static int parse_range(struct lexline *lx, struct mm_range *r)
{
	const struct word *w = lex_want(lx, "RANGE");
	size_t i = 0;
	int ret;

	if (!w)
		return -1;
	while (i < w->len && w->s[i] != '+' && w->s[i] != ':')
		i++;
	ret = lex_scan_name(lx, &REGION, w->s, i, &r->region);
	if (ret < 0)
		return -1;
	if (!ret)
		return lex_err(lx, "expected a range (rN[+OFF][:LEN]), got '%s'",
			       lex_quote_word(w).s);
	return parse_offlen(lx, w, i, &r->has_off, &r->off,
			    &r->has_len, &r->len);
}

/* "=V": decimal or 0x hexadecimal, the full 64-bit range. */
static int parse_value(struct lexline *lx, const struct word *w, uint64_t *out)
{
	const char *s = w->s + 1;
	size_t len = w->len - 1;
	unsigned int base = 10;

	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		len -= 2;
		base = 16;
	}
	switch (lex_digits(s, len, base, out)) {
	case NUM_OK:
		return 0;
	case NUM_TOO_LARGE:
		return lex_err(lx, "number too large: '%s'", lex_quote_word(w).s);
	default:
		return lex_err(lx, "expected a number after '=', got '%s'",
			       lex_quote_word(w).s);
	}
}

/*
 * The rest of the line: words that each set one of 4 bits, in any order,
 * each at most once.  @name_of maps a bit number to its keyword.
 */
static int parse_flags(struct lexline *lx, const char *(*name_of)(unsigned int),
		       const char *what, unsigned int *mask)
{
	const struct word *w;

	while ((w = lex_next(lx))) {
		unsigned int bit = 0;

		while (bit < 4 && !lex_word_is(w, name_of(bit)))
			bit++;
		if (bit == 4)
			return lex_err(lx, "unknown %s '%s'", what,
				       lex_quote_word(w).s);
		if (*mask & (1u << bit))
			return lex_err(lx, "%s '%s' given twice", what,
				       name_of(bit));
		*mask |= 1u << bit;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Fields: one parser per MMF_* type                                  */

/* The names of subject @subj as a name class: p0..p7, g0..g31, ... */
static struct name_kind subject_names(enum mm_subject subj)
{
	const struct mm_subject_desc *d = mm_subject_desc(subj);

	return (struct name_kind){ d->prefix, d->limit, d->what };
}

static int want_name(struct lexline *lx, enum mm_subject subj,
		     const char *arg, int8_t *out)
{
	struct name_kind k = subject_names(subj);

	return lex_want_name(lx, &k, arg, out);
}

static int parse_region(struct lexline *lx, struct mm_stmt *s)
{
	return lex_want_name(lx, &REGION, "rN", &s->region);
}

static int parse_size(struct lexline *lx, struct mm_stmt *s)
{
	return lex_word_size(lx, "SIZE", false, &s->size);
}

/*
 * anon, driver, fM or fM+OFF.  A fixed word such as "driver" selects the
 * kind of the same subject and keyword whose backing it is.
 */
static int parse_backing(struct lexline *lx, struct mm_stmt *s)
{
	const struct mm_stmt_desc *d = mm_stmt_desc(s->op), *alt;
	const struct word *w = lex_want(lx, "anon|driver|fM");
	struct name_kind files = subject_names(MM_SUBJ_FILE);
	const char *plus;
	size_t len;
	int ret;

	if (!w)
		return -1;
	if (lex_word_is(w, "anon"))
		return 0;
	for (int op = 0; (alt = mm_stmt_desc(op)); op++) {
		if (alt->backing && lex_word_is(w, alt->backing) &&
		    alt->subject == d->subject &&
		    !strcmp(alt->keyword, d->keyword)) {
			s->op = (enum mm_op)op;
			return 0;
		}
	}
	plus = memchr(w->s, '+', w->len);
	len = plus ? (size_t)(plus - w->s) : w->len;
	ret = lex_scan_name(lx, &files, w->s, len, &s->file);
	if (ret < 0)
		return -1;
	if (!ret)
		return lex_err(lx, "expected anon, driver or a file (f0..f%d), got '%s'",
			       MM_NR_FILES - 1, lex_quote_word(w).s);
	if (!plus)
		return 0;
	s->has_foff = true;
	if (len + 1 == w->len)
		return lex_err(lx, "missing offset in '%s'", lex_quote_word(w).s);
	return lex_size(lx, plus + 1, w->len - len - 1, true, &s->foff);
}

static int parse_sharing(struct lexline *lx, struct mm_stmt *s)
{
	const struct word *w = lex_want(lx, "PRIV");

	if (!w)
		return -1;
	if (!lex_word_is(w, "private") && !lex_word_is(w, "shared"))
		return lex_err(lx, "expected private or shared, got '%s'",
			       lex_quote_word(w).s);
	s->shared = lex_word_is(w, "shared");
	return 0;
}

static int parse_prot(struct lexline *lx, struct mm_stmt *s)
{
	const struct word *w = lex_want(lx, "PROT");

	if (!w)
		return -1;
	for (int i = MM_PROT_NONE; i <= MM_PROT_RW; i++) {
		if (lex_word_is(w, mm_prot_name((enum mm_prot)i))) {
			s->prot = (enum mm_prot)i;
			return 0;
		}
	}
	return lex_err(lx, "expected a protection (none, r or rw), got '%s'",
		       lex_quote_word(w).s);
}

static int parse_map_opts(struct lexline *lx, struct mm_stmt *s)
{
	if (parse_flags(lx, mm_map_opt_name, "mmap option", &s->map_opts))
		return -1;
	if ((s->map_opts & MM_MAP_HUGETLB) && (s->map_opts & MM_MAP_HUGETLB_1G))
		return lex_err(lx, "hugetlb and hugetlb-1g exclude each other");
	return 0;
}

static int parse_range_field(struct lexline *lx, struct mm_stmt *s)
{
	return parse_range(lx, &s->range);
}

static int parse_advice(struct lexline *lx, struct mm_stmt *s)
{
	const struct word *w = lex_want(lx, "ADVICE");

	if (!w)
		return -1;
	for (int i = 0; i < MM_NR_ADVICE; i++) {
		if (lex_word_is(w, mm_advice_name((enum mm_advice)i))) {
			s->advice = (enum mm_advice)i;
			return 0;
		}
	}
	return lex_err(lx, "unknown advice '%s'", lex_quote_word(w).s);
}

/* An optional trailing "=V". */
static int parse_opt_value(struct lexline *lx, struct mm_stmt *s)
{
	if (lx->pos >= lx->n || lx->w[lx->pos].s[0] != '=')
		return 0;
	s->has_value = true;
	return parse_value(lx, lex_next(lx), &s->value);
}

static int parse_child(struct lexline *lx, struct mm_stmt *s)
{
	return want_name(lx, MM_SUBJ_PROC, "pJ", &s->child);
}

static int parse_handle(struct lexline *lx, struct mm_stmt *s)
{
	return want_name(lx, MM_SUBJ_HANDLE, "gN", &s->handle);
}

static int parse_gup_mode(struct lexline *lx, struct mm_stmt *s)
{
	const struct word *w = lex_want(lx, "MODE");

	if (!w)
		return -1;
	if (!lex_word_is(w, "get") && !lex_word_is(w, "pin"))
		return lex_err(lx, "expected get or pin, got '%s'",
			       lex_quote_word(w).s);
	s->gup_mode = lex_word_is(w, "pin") ? MM_GUP_PIN : MM_GUP_GET;
	return 0;
}

static int parse_gup_flags(struct lexline *lx, struct mm_stmt *s)
{
	return parse_flags(lx, mm_gup_flag_name, "gup flag", &s->gup_flags);
}

static int parse_file(struct lexline *lx, struct mm_stmt *s)
{
	return want_name(lx, MM_SUBJ_FILE, "fN", &s->file);
}

static int parse_file_kind(struct lexline *lx, struct mm_stmt *s)
{
	const struct word *w = lex_want(lx, "KIND");
	int k;

	if (!w)
		return -1;
	for (k = 0; k < MM_NR_FILE_KINDS; k++)
		if (lex_word_is(w, mm_file_kind_name((enum mm_file_kind)k)))
			break;
	if (k == MM_NR_FILE_KINDS)
		return lex_err(lx, "unknown file kind '%s'", lex_quote_word(w).s);
	s->file_kind = (enum mm_file_kind)k;
	return 0;
}

/* An optional [+OFF][:LEN] word (fN write). */
static int parse_file_range(struct lexline *lx, struct mm_stmt *s)
{
	const struct word *w;

	if (lx->pos >= lx->n || (lx->w[lx->pos].s[0] != '+' &&
				 lx->w[lx->pos].s[0] != ':'))
		return 0;
	w = lex_next(lx);
	return parse_offlen(lx, w, 0, &s->has_fwoff, &s->fwoff,
			    &s->has_fwlen, &s->fwlen);
}

static int (*const parse_field[MM_NR_FIELDS])(struct lexline *lx,
					       struct mm_stmt *s) = {
	[MMF_REGION] = parse_region,
	[MMF_SIZE] = parse_size,
	[MMF_BACKING] = parse_backing,
	[MMF_SHARING] = parse_sharing,
	[MMF_PROT] = parse_prot,
	[MMF_MAP_OPTS] = parse_map_opts,
	[MMF_RANGE] = parse_range_field,
	[MMF_ADVICE] = parse_advice,
	[MMF_VALUE] = parse_opt_value,
	[MMF_CHILD] = parse_child,
	[MMF_HANDLE] = parse_handle,
	[MMF_GUP_MODE] = parse_gup_mode,
	[MMF_GUP_FLAGS] = parse_gup_flags,
	[MMF_FILE] = parse_file,
	[MMF_FILE_KIND] = parse_file_kind,
	[MMF_FILE_RANGE] = parse_file_range,
};

/*
 * The fields after the keyword, in the table's order.  The backing may
 * change the kind (mmap to driver mmap); both kinds have the same fields.
 */
static int parse_fields(struct lexline *lx, struct mm_stmt *s)
{
	const struct mm_stmt_desc *d = mm_stmt_desc(s->op);

	for (const uint8_t *f = d->fields; *f != MMF_END; f++)
		if (parse_field[*f](lx, s))
			return -1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Statements: the subject word and the keyword select the kind       */

/*
 * The first kind of subject @subj spelled @w (mmap before driver mmap,
 * whose backing word selects it); -1 if none.
 */
static int find_kind(enum mm_subject subj, const struct word *w)
{
	const struct mm_stmt_desc *d;

	for (int op = 0; (d = mm_stmt_desc(op)); op++)
		if (d->subject == subj && lex_word_is(w, d->keyword))
			return op;
	return -1;
}

/* Whether some kind of subject @subj may carry "@tN". */
static bool subject_may_thread(enum mm_subject subj)
{
	const struct mm_stmt_desc *d;

	for (int op = 0; (d = mm_stmt_desc(op)); op++)
		if (d->subject == subj && d->may_thread)
			return true;
	return false;
}

/*
 * A trailing "@tN" after a subject some of whose kinds may carry it;
 * taken off the line (*@taken) before the keyword is read, so that the
 * fields never see it.
 */
static int parse_thread_suffix(struct lexline *lx, struct mm_stmt *s,
			       bool *taken)
{
	struct name_kind threads = subject_names(MM_SUBJ_THREAD);
	const struct word *last;
	int ret;

	if (lx->more || lx->n < 3)
		return 0;
	last = &lx->w[lx->n - 1];
	if (last->s[0] != '@')
		return 0;
	ret = lex_scan_name(lx, &threads, last->s + 1, last->len - 1,
			    &s->thread);
	if (ret < 0)
		return -1;
	if (!ret)
		return lex_err(lx, "expected a thread (@t0..@t%d), got '%s'",
			       MM_NR_THREADS - 1, lex_quote_word(last).s);
	lx->n--;
	*taken = true;
	return 0;
}

/*
 * The keywords of subject @subj, "read|write|put", for its messages; a
 * kind its backing word selects is left out (its keyword is listed).
 */
static void subject_keywords(enum mm_subject subj, char *buf, size_t size)
{
	const struct mm_stmt_desc *d;
	size_t len = 0;

	buf[0] = '\0';
	for (int op = 0; (d = mm_stmt_desc(op)); op++)
		if (d->subject == subj && !d->backing && len < size)
			len += (size_t)snprintf(buf + len, size - len, "%s%s",
						len ? "|" : "", d->keyword);
}

/* The keyword after the subject word of @subj: the statement's kind. */
static int parse_keyword(struct lexline *lx, enum mm_subject subj,
			 struct mm_stmt *s)
{
	/* A process has too many keywords to list: it says OPERATION. */
	bool listed = subj != MM_SUBJ_PROC;
	const struct word *w;
	char words[64];
	int op;

	subject_keywords(subj, words, sizeof(words));
	w = lex_want(lx, listed ? words : "OPERATION");
	if (!w)
		return -1;
	op = find_kind(subj, w);
	if (op >= 0) {
		s->op = (enum mm_op)op;
		return 0;
	}
	if (listed)
		return lex_err(lx, "expected %s, got '%s'", words,
			       lex_quote_word(w).s);
	return lex_err(lx, "unknown operation '%s'", lex_quote_word(w).s);
}

/* NAME KEYWORD FIELDS... [@tN]; the first word is a name of @subj. */
static int parse_subject_stmt(struct lexline *lx, enum mm_subject subj,
			      struct mm_stmt *s)
{
	bool suffix = false;
	int8_t name;

	if (want_name(lx, subj, "NAME", &name) ||
	    (subject_may_thread(subj) &&
	     parse_thread_suffix(lx, s, &suffix)) ||
	    parse_keyword(lx, subj, s))
		return -1;
	mm_stmt_set_subject(s, name);
	if (suffix && !mm_stmt_desc(s->op)->may_thread) {
		/* Not a suffix of this kind: a word too many. */
		lx->n++;
		s->thread = -1;
	}
	return parse_fields(lx, s);
}

/* Dispatch on the first word: a keyword alone, or a subject's name. */
static int parse_stmt_words(struct lexline *lx, struct mm_stmt *s)
{
	const struct word *w = &lx->w[0];
	int op = find_kind(MM_SUBJ_NONE, w);
	int8_t unused;

	if (op >= 0) {
		s->op = (enum mm_op)op;
		lx->pos++;
		return parse_fields(lx, s);
	}
	for (int subj = 0; subj < MM_SUBJ_NONE; subj++) {
		struct name_kind k = subject_names((enum mm_subject)subj);
		int ret = lex_scan_name(lx, &k, w->s, w->len, &unused);

		if (ret)
			return ret < 0 ? -1 :
			       parse_subject_stmt(lx, (enum mm_subject)subj, s);
	}
	return lex_err(lx, "unknown statement '%s'", lex_quote_word(w).s);
}

static int parse_stmt(struct parser *ps, struct lexline *lx)
{
	struct mm_stmt s;

	mm_stmt_init(&s, MM_OP_KSM);
	s.line = lx->line;
	if (parse_stmt_words(lx, &s) || lex_end(lx, "statement"))
		return -1;
	if (mm_prog_append(ps->p, &s))
		return lex_err(lx, "out of memory");
	ps->seen_stmt = true;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Lines                                                              */

static bool is_directive(const struct word *w)
{
	return lex_word_is(w, "era") || lex_word_is(w, "knob") ||
	       lex_word_is(w, "config") || lex_word_is(w, "expect");
}

static int parse_line(struct parser *ps, const char *s, size_t len, int line)
{
	struct lexline lx = { .line = line, .err = ps->err };

	if (lex_words(&lx, s, len))
		return -1;
	if (lx.n == 0)
		return 0;
	if (!is_directive(&lx.w[0]))
		return parse_stmt(ps, &lx);
	if (ps->seen_stmt)
		return lex_err(&lx, "directive '%s' after the first statement",
			       lex_quote_word(&lx.w[0]).s);
	return lang_parse_directive(ps->p, &lx);
}

/* ------------------------------------------------------------------ */
/* Programs                                                           */

/* Initialise @p: every directive at its spec/program.md §2 default. */
void mm_prog_init(struct mm_prog *p)
{
	memset(p, 0, sizeof(*p));
	strcpy(p->era, "current");
	p->thp = MM_THP_MADVISE;
	p->huge_zeropage = true;
	p->zeropage = true;
	p->swap = true;
	p->hugetlb_2m = 64;
	p->hugetlb_1g = 4;
	p->expect = MM_EXPECT_OK;
}

/* Free the statement array of @p; the directives stay. */
void mm_prog_free(struct mm_prog *p)
{
	mm_arena_free(p->arena, p->stmts);
	p->stmts = NULL;
	p->nr_stmts = 0;
	p->cap_stmts = 0;
}

/* Append a copy of @s, doubling the array; 0 or -ENOMEM (@p unchanged). */
int mm_prog_append(struct mm_prog *p, const struct mm_stmt *s)
{
	if (p->nr_stmts == p->cap_stmts) {
		size_t cap = p->cap_stmts ? p->cap_stmts * 2 : 16;
		struct mm_stmt *n;

		if (cap > SIZE_MAX / sizeof(*n))
			return -ENOMEM;
		n = mm_arena_try_realloc_array(p->arena, p->stmts, cap,
					       sizeof(*n));
		if (!n)
			return -ENOMEM;
		p->stmts = n;
		p->cap_stmts = cap;
	}
	p->stmts[p->nr_stmts++] = *s;
	return 0;
}

/* A statement of kind @op with no names (-1) and every option absent. */
void mm_stmt_init(struct mm_stmt *s, enum mm_op op)
{
	memset(s, 0, sizeof(*s));
	s->op = op;
	s->proc = s->thread = s->handle = s->file = s->region = -1;
	s->child = -1;
	s->range.region = -1;
}

/*
 * Parse @len bytes of @text into @p (see mmprog.h).  Lines end at '\n'
 * (a '\r' before it is dropped); a missing final newline is fine.
 */
int mm_prog_parse(const char *text, size_t len, struct mm_prog *p,
		  struct mm_error *err)
{
	struct mm_error scratch;
	struct parser ps = { .p = p, .err = err ? err : &scratch };
	size_t i = 0;
	int line = 0;

	mm_prog_init(p);
	ps.err->line = 0;
	ps.err->msg[0] = '\0';
	if (!text)
		len = 0;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;

		if (line < INT32_MAX)
			line++;
		if (parse_line(&ps, text + i, end - i, line)) {
			mm_prog_free(p);
			return -1;
		}
		i = end + 1;
	}
	return 0;
}

