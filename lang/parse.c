/* SPDX-License-Identifier: MIT */
/*
 * parse.c - .mm program text to struct mm_prog (spec/program.md §1-§3).
 *
 * The parser is line oriented: lex_words() cuts a line into words, the
 * first word selects a directive (directive.c) or a statement, and one
 * small function per statement consumes the rest.  It is purely syntactic:
 * whether a region is mapped is mm_prog_check()'s business.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lex.h"

struct parser {
	struct mm_prog *p;
	struct mm_error *err;
	bool seen_stmt;		/* directives are only allowed before this */
};

static const struct name_kind PROC = { 'p', MM_NR_PROCS, "process" };
static const struct name_kind REGION = { 'r', MM_NR_REGIONS, "region" };
static const struct name_kind FILE_ = { 'f', MM_NR_FILES, "file" };
static const struct name_kind HANDLE = { 'g', MM_NR_HANDLES, "handle" };
static const struct name_kind THREAD = { 't', MM_NR_THREADS, "thread" };

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

/* An optional trailing "=V". */
static int parse_opt_value(struct lexline *lx, bool *has, uint64_t *value)
{
	if (lx->pos >= lx->n || lx->w[lx->pos].s[0] != '=')
		return 0;
	*has = true;
	return parse_value(lx, lex_next(lx), value);
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
/* Process statements                                                 */

static int parse_prot(struct lexline *lx, enum mm_prot *prot)
{
	const struct word *w = lex_want(lx, "PROT");

	if (!w)
		return -1;
	for (int i = MM_PROT_NONE; i <= MM_PROT_RW; i++) {
		if (lex_word_is(w, mm_prot_name((enum mm_prot)i))) {
			*prot = (enum mm_prot)i;
			return 0;
		}
	}
	return lex_err(lx, "expected a protection (none, r or rw), got '%s'",
		       lex_quote_word(w).s);
}

static int parse_advice(struct lexline *lx, enum mm_advice *advice)
{
	const struct word *w = lex_want(lx, "ADVICE");

	if (!w)
		return -1;
	for (int i = 0; i < MM_NR_ADVICE; i++) {
		if (lex_word_is(w, mm_advice_name((enum mm_advice)i))) {
			*advice = (enum mm_advice)i;
			return 0;
		}
	}
	return lex_err(lx, "unknown advice '%s'", lex_quote_word(w).s);
}

/* anon, driver, fM or fM+OFF; driver makes @s a driver mapping. */
static int parse_backing(struct lexline *lx, struct mm_stmt *s)
{
	const struct word *w = lex_want(lx, "anon|driver|fM");
	const char *plus;
	size_t len;
	int ret;

	if (!w)
		return -1;
	if (lex_word_is(w, "anon"))
		return 0;
	if (lex_word_is(w, "driver")) {
		s->op = MM_OP_MMAP_DRIVER;
		return 0;
	}
	plus = memchr(w->s, '+', w->len);
	len = plus ? (size_t)(plus - w->s) : w->len;
	ret = lex_scan_name(lx, &FILE_, w->s, len, &s->file);
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

static int parse_mmap(struct lexline *lx, struct mm_stmt *s)
{
	const struct word *w;

	if (lex_want_name(lx, &REGION, "rN", &s->region) ||
	    lex_word_size(lx, "SIZE", false, &s->size) ||
	    parse_backing(lx, s))
		return -1;
	w = lex_want(lx, "PRIV");
	if (!w)
		return -1;
	if (!lex_word_is(w, "private") && !lex_word_is(w, "shared"))
		return lex_err(lx, "expected private or shared, got '%s'",
			       lex_quote_word(w).s);
	s->shared = lex_word_is(w, "shared");
	if (parse_prot(lx, &s->prot) ||
	    parse_flags(lx, mm_map_opt_name, "mmap option", &s->map_opts))
		return -1;
	if ((s->map_opts & MM_MAP_HUGETLB) && (s->map_opts & MM_MAP_HUGETLB_1G))
		return lex_err(lx, "hugetlb and hugetlb-1g exclude each other");
	return 0;
}

static int parse_gup(struct lexline *lx, struct mm_stmt *s)
{
	const struct word *w;

	if (lex_want_name(lx, &HANDLE, "gN", &s->handle) ||
	    parse_range(lx, &s->range))
		return -1;
	w = lex_want(lx, "MODE");
	if (!w)
		return -1;
	if (!lex_word_is(w, "get") && !lex_word_is(w, "pin"))
		return lex_err(lx, "expected get or pin, got '%s'",
			       lex_quote_word(w).s);
	s->gup_mode = lex_word_is(w, "pin") ? MM_GUP_PIN : MM_GUP_GET;
	return parse_flags(lx, mm_gup_flag_name, "gup flag", &s->gup_flags);
}

static int parse_proc_args(struct lexline *lx, struct mm_stmt *s)
{
	switch (s->op) {
	case MM_OP_MMAP:
		return parse_mmap(lx, s);
	case MM_OP_MPROTECT:
		return parse_range(lx, &s->range) ? -1 : parse_prot(lx, &s->prot);
	case MM_OP_MADVISE:
		return parse_range(lx, &s->range) ? -1 :
		       parse_advice(lx, &s->advice);
	case MM_OP_MREMAP:
		return parse_range(lx, &s->range) ? -1 :
		       lex_want_name(lx, &REGION, "rN", &s->region);
	case MM_OP_WRITE:
		return parse_range(lx, &s->range) ? -1 :
		       parse_opt_value(lx, &s->has_value, &s->value);
	case MM_OP_FORK:
		return lex_want_name(lx, &PROC, "pJ", &s->child);
	case MM_OP_GUP:
		return parse_gup(lx, s);
	case MM_OP_VMSPLICE:
	case MM_OP_IOURING:
		return lex_want_name(lx, &HANDLE, "gN", &s->handle) ? -1 :
		       parse_range(lx, &s->range);
	case MM_OP_CLEAR_REFS:
	case MM_OP_EXIT:
		return 0;
	default:	/* munmap, read, memwrite, memread, insert-zeropage */
		return parse_range(lx, &s->range);
	}
}

/* A trailing "@tN" on a process statement. */
static int parse_thread_suffix(struct lexline *lx, struct mm_stmt *s)
{
	const struct word *last;
	int ret;

	if (lx->more || lx->n < 3)
		return 0;
	last = &lx->w[lx->n - 1];
	if (last->s[0] != '@')
		return 0;
	ret = lex_scan_name(lx, &THREAD, last->s + 1, last->len - 1, &s->thread);
	if (ret < 0)
		return -1;
	if (!ret)
		return lex_err(lx, "expected a thread (@t0..@t%d), got '%s'",
			       MM_NR_THREADS - 1, lex_quote_word(last).s);
	lx->n--;
	return 0;
}

/* pK OP ARGS... [@tN]; the first word is known to be a process name. */
static int parse_proc_stmt(struct lexline *lx, struct mm_stmt *s)
{
	const struct word *w;
	int op;

	if (lex_want_name(lx, &PROC, "pK", &s->proc) ||
	    parse_thread_suffix(lx, s))
		return -1;
	w = lex_want(lx, "OPERATION");
	if (!w)
		return -1;
	/* The first kind of a keyword: mmap, whose backing may say driver. */
	for (op = 0; op < MM_NR_OPS; op++)
		if (mm_op_is_proc((enum mm_op)op) &&
		    lex_word_is(w, mm_op_name((enum mm_op)op)))
			break;
	if (op == MM_NR_OPS)
		return lex_err(lx, "unknown operation '%s'", lex_quote_word(w).s);
	s->op = (enum mm_op)op;
	return parse_proc_args(lx, s);
}

/* ------------------------------------------------------------------ */
/* Handle, file, thread and system-wide statements                    */

/* A statement whose words are "NAME KEYWORD" (gN read, tN step, ...). */
static int parse_name_keyword(struct lexline *lx, const struct name_kind *k,
			      int8_t *name, const char *arg,
			      const enum mm_op *ops, int nr_ops,
			      struct mm_stmt *s)
{
	const struct word *w;

	if (lex_want_name(lx, k, "NAME", name))
		return -1;
	w = lex_want(lx, arg);
	if (!w)
		return -1;
	for (int i = 0; i < nr_ops; i++) {
		if (lex_word_is(w, mm_op_name(ops[i]))) {
			s->op = ops[i];
			return 0;
		}
	}
	return lex_err(lx, "expected %s, got '%s'", arg, lex_quote_word(w).s);
}

static int parse_handle_stmt(struct lexline *lx, struct mm_stmt *s)
{
	static const enum mm_op ops[] = {
		MM_OP_HANDLE_READ, MM_OP_HANDLE_WRITE, MM_OP_HANDLE_PUT,
	};

	return parse_name_keyword(lx, &HANDLE, &s->handle, "read|write|put",
				  ops, 3, s);
}

static int parse_thread_stmt(struct lexline *lx, struct mm_stmt *s)
{
	static const enum mm_op ops[] = {
		MM_OP_THREAD_STEP, MM_OP_THREAD_FINISH,
	};

	return parse_name_keyword(lx, &THREAD, &s->thread, "step|finish",
				  ops, 2, s);
}

/* fN write [+OFF][:LEN] [=V] */
static int parse_file_write(struct lexline *lx, struct mm_stmt *s)
{
	static const enum mm_op ops[] = { MM_OP_FILE_WRITE };
	const struct word *w;

	if (parse_name_keyword(lx, &FILE_, &s->file, "write", ops, 1, s))
		return -1;
	if (lx->pos < lx->n && (lx->w[lx->pos].s[0] == '+' ||
				lx->w[lx->pos].s[0] == ':')) {
		w = lex_next(lx);
		if (parse_offlen(lx, w, 0, &s->has_fwoff, &s->fwoff,
				 &s->has_fwlen, &s->fwlen))
			return -1;
	}
	return parse_opt_value(lx, &s->has_value, &s->value);
}

/* file fN KIND SIZE */
static int parse_file(struct lexline *lx, struct mm_stmt *s)
{
	const struct word *w;
	int k;

	s->op = MM_OP_FILE;
	lx->pos++;
	if (lex_want_name(lx, &FILE_, "fN", &s->file))
		return -1;
	w = lex_want(lx, "KIND");
	if (!w)
		return -1;
	for (k = 0; k < MM_NR_FILE_KINDS; k++)
		if (lex_word_is(w, mm_file_kind_name((enum mm_file_kind)k)))
			break;
	if (k == MM_NR_FILE_KINDS)
		return lex_err(lx, "unknown file kind '%s'", lex_quote_word(w).s);
	s->file_kind = (enum mm_file_kind)k;
	return lex_word_size(lx, "SIZE", false, &s->size);
}

/* The statements that are a single keyword (ksm, reclaim, ...); -1 if not. */
static int system_op(const struct word *w)
{
	for (int op = MM_OP_KSM; op <= MM_OP_DROP_CACHES; op++)
		if (lex_word_is(w, mm_op_name((enum mm_op)op)))
			return op;
	return -1;
}

/* Statements that start with a name, by the kind of that name. */
static const struct {
	const struct name_kind *kind;
	int (*parse)(struct lexline *lx, struct mm_stmt *s);
} name_stmts[] = {
	{ &PROC, parse_proc_stmt },
	{ &HANDLE, parse_handle_stmt },
	{ &FILE_, parse_file_write },
	{ &THREAD, parse_thread_stmt },
};

/* Dispatch on the first word of a statement line. */
static int parse_stmt_words(struct lexline *lx, struct mm_stmt *s)
{
	const struct word *w = &lx->w[0];
	int op = system_op(w);
	int8_t unused;

	if (op >= 0) {
		s->op = (enum mm_op)op;
		lx->pos++;
		return 0;
	}
	if (lex_word_is(w, "file"))
		return parse_file(lx, s);
	for (size_t i = 0; i < sizeof(name_stmts) / sizeof(name_stmts[0]); i++) {
		int ret = lex_scan_name(lx, name_stmts[i].kind, w->s, w->len,
					&unused);

		if (ret)
			return ret < 0 ? -1 : name_stmts[i].parse(lx, s);
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
	p->swap = true;
	p->hugetlb_2m = 64;
	p->hugetlb_1g = 4;
	p->expect = MM_EXPECT_OK;
}

/* Free the statement array of @p; the directives stay. */
void mm_prog_free(struct mm_prog *p)
{
	free(p->stmts);
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
		n = realloc(p->stmts, cap * sizeof(*n));
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

