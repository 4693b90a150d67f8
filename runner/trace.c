// SPDX-License-Identifier: MIT
/*
 * trace.c - the trace format (mmtrace.h): writing a statement's line and
 * what it observed, reading a trace back, comparing two; and the
 * emulator's side of it, fed by the runner (run.c, observe.c) when
 * run_options.stmt_trace is set.
 */
#include "run_internal.h"
#include "mmtrace.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

int mm_trace_push(struct mm_trace_vals *t, uint64_t v)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 64;
		uint64_t *nv = realloc(t->v, cap * sizeof(*nv));

		if (!nv)
			return -ENOMEM;
		t->v = nv;
		t->cap = cap;
	}
	t->v[t->n++] = v;
	return 0;
}

void mm_trace_vals_free(struct mm_trace_vals *t)
{
	free(t->v);
	memset(t, 0, sizeof(*t));
}

/* ------------------------------------------------------------------ */
/* Writing.                                                             */

static void print_value(FILE *out, uint64_t v)
{
	if (v & MM_TRACE_FRESH)
		fprintf(out, "#%" PRIu64, v & ~MM_TRACE_FRESH);
	else
		fprintf(out, "=%" PRIu64, v);
}

void mm_trace_print_stmt(FILE *out, const struct mm_stmt *s,
			 const char *result, bool observes,
			 const struct mm_trace_vals *seen)
{
	char text[256];

	mm_stmt_print(s, text, sizeof(text));
	fprintf(out, "  %d: %s -> %s\n", s->line, text, result);
	if (!observes)
		return;
	fprintf(out, "    seen");
	for (size_t i = 0; seen && i < seen->n;) {
		uint64_t v = seen->v[i];
		size_t k = 1;

		while (i + k < seen->n && seen->v[i + k] == v)
			k++;
		fputc(' ', out);
		print_value(out, v);
		if (k > 1) {
			fprintf(out, "*%zu", k);
			i += k;
			continue;
		}
		/* A run of consecutive written values: #A..#B. */
		while ((v & MM_TRACE_FRESH) && i + k < seen->n &&
		       seen->v[i + k] == v + k)
			k++;
		if (k > 1) {
			fprintf(out, "..");
			print_value(out, v + k - 1);
		}
		i += k;
	}
	fputc('\n', out);
}

void mm_trace_slot_pages(const struct mm_prog *p,
			 uint32_t pages[MM_NR_REGIONS])
{
	for (int r = 0; r < MM_NR_REGIONS; r++)
		pages[r] = 0;
	for (size_t i = 0; i < p->nr_stmts; i++) {
		const struct mm_stmt *s = &p->stmts[i];
		uint64_t size = 0;

		if (s->op == MM_OP_MMAP || s->op == MM_OP_MMAP_DRIVER)
			size = s->size;
		else if (s->op == MM_OP_MREMAP)
			size = s->range.size;
		if (!size)
			continue;
		size /= MM_PAGE_SIZE;
		if (size > MM_TRACE_SLOT_PAGES)
			size = MM_TRACE_SLOT_PAGES;
		if (size > pages[(int)s->region])
			pages[(int)s->region] = (uint32_t)size;
	}
}

/* ------------------------------------------------------------------ */
/* The emulator's side.                                                 */

/* The flags of the pages line (mmtrace.h) of what the emulator maps. */
static void emu_page_flags(const struct mm_page_info *pi, char *f)
{
	bool zero = pi->zeropage || pi->huge_zeropage;

	if (pi->anon && !zero)
		*f++ = 'a';
	if (pi->ksm)
		*f++ = 'k';
	if (pi->order > 0 && !pi->hugetlb)
		*f++ = 't';
	if (pi->hugetlb)
		*f++ = 'h';
	if (zero)
		*f++ = 'z';
	if (pi->present && !zero && pi->mapcount == 1)
		*f++ = '1';
	if (pi->swapped)
		*f++ = 's';
	*f = '\0';
}

/* One page of the pages line: its slot, index and FLAGS[/COUNT]. */
struct page_tok {
	int r;
	uint32_t n;
	char text[16];
};

/* Print a run of pages alike: rN+P:T, or rN+P..Q:T for more than one. */
static void print_page_run(FILE *out, const struct page_tok *first,
			   uint32_t last)
{
	if (last == first->n)
		fprintf(out, " r%d+%u:%s", first->r, first->n, first->text);
	else
		fprintf(out, " r%d+%u..%u:%s", first->r, first->n, last,
			first->text);
}

/*
 * The pages line of process @pid: its present or swapped pages, runs of
 * consecutive pages alike folded (a 2 MiB page is one token, not 512).
 */
static void emu_pages(struct run_ctx *ctx, FILE *out, int pid)
{
	struct page_tok run = { -1, 0, "" };
	uint32_t last = 0;

	if (!ctx->slot_pages_known) {
		mm_trace_slot_pages(ctx->prog, ctx->slot_pages);
		ctx->slot_pages_known = true;
	}
	fprintf(out, "    pages");
	for (int r = 0; r < MM_NR_REGIONS; r++)
		for (uint32_t n = 0; n < ctx->slot_pages[r]; n++) {
			struct mm_page_info pi;
			struct page_tok t = { r, n, "" };
			char flags[8];

			if (mm_page_query(ctx->w, pid, mm_region_addr(r) +
					  n * MM_PAGE_SIZE, &pi) ||
			    !(pi.present || pi.swapped))
				continue;
			emu_page_flags(&pi, flags);
			/* A small page's mapcount is its folio's. */
			if (pi.present && !pi.order && !pi.zeropage &&
			    !pi.huge_zeropage)
				snprintf(t.text, sizeof(t.text), "%s/%ld",
					 flags[0] ? flags : "-", pi.mapcount);
			else
				snprintf(t.text, sizeof(t.text), "%s",
					 flags[0] ? flags : "-");
			if (run.r == r && last + 1 == n &&
			    !strcmp(run.text, t.text)) {
				last = n;
				continue;
			}
			if (run.r >= 0)
				print_page_run(out, &run, last);
			run = t;
			last = n;
		}
	if (run.r >= 0)
		print_page_run(out, &run, last);
	fputc('\n', out);
}

void trace_observe(struct run_ctx *ctx, uint64_t value)
{
	if (ctx->opt->stmt_trace && mm_trace_push(&ctx->seen, value))
		ctx->seen_lost = true;
}

void trace_stmt_done(struct run_ctx *ctx, const struct mm_stmt *s, int ret)
{
	FILE *out = ctx->opt->stmt_trace;

	if (!out)
		return;
	if (ret == -MM_ENOTMODELLED)
		mm_trace_print_stmt(out, s, "skipped: not supported yet", false, NULL);
	else if (ctx->seen_lost)
		mm_trace_print_stmt(out, s, "skipped: out of memory", false, NULL);
	else
		mm_trace_print_stmt(out, s, ret ? mm_strerror(ret) : "ok",
				    mm_stmt_desc(s->op)->observes, &ctx->seen);
	if (mm_stmt_desc(s->op)->subject == MM_SUBJ_PROC && s->op != MM_OP_EXIT)
		emu_pages(ctx, out, s->proc);
	ctx->seen.n = 0;
	ctx->seen_lost = false;
}

/* ------------------------------------------------------------------ */
/* Reading.                                                             */

void mm_trace_free(struct mm_trace *t)
{
	for (size_t i = 0; i < t->n; i++) {
		mm_trace_vals_free(&t->stmt[i].seen);
		free(t->stmt[i].pages);
	}
	free(t->stmt);
	memset(t, 0, sizeof(*t));
}

/* One token of a seen line: #N, =V, #A..#B, TOKEN*K.  0 or -1. */
static int parse_token(const char *tok, struct mm_trace_vals *vals)
{
	uint64_t v, last, count = 1;
	char *end;

	if (*tok != '#' && *tok != '=')
		return -1;
	v = strtoull(tok + 1, &end, 10);
	if (end == tok + 1)
		return -1;
	if (*tok == '#')
		v |= MM_TRACE_FRESH;
	last = v;
	if (*tok == '#' && !strncmp(end, "..#", 3)) {
		const char *b = end + 3;

		last = strtoull(b, &end, 10) | MM_TRACE_FRESH;
		if (end == b || last < v)
			return -1;
	} else if (*end == '*') {
		const char *k = end + 1;

		count = strtoull(k, &end, 10);
		if (end == k || !count)
			return -1;
	}
	if (*end)
		return -1;
	for (uint64_t x = v; x <= last; x++)
		for (uint64_t c = 0; c < count; c++)
			if (mm_trace_push(vals, x))
				return -1;
	return 0;
}

static int parse_seen(char *rest, struct mm_trace_vals *vals)
{
	char *tok = rest;

	for (;;) {
		char *end;

		while (*tok == ' ' || *tok == '\t')
			tok++;
		if (!*tok)
			return 0;
		end = tok + strcspn(tok, " \t");
		if (*end)
			*end++ = '\0';
		if (parse_token(tok, vals))
			return -1;
		tok = end;
	}
}

/* "  LINE: STATEMENT -> RESULT": 1 when @l is one, filled in @st. */
static int parse_stmt_line(const char *l, struct mm_trace_stmt *st)
{
	const char *arrow = strstr(l, " -> ");
	char *end;
	long n;

	while (*l == ' ')
		l++;
	if (!arrow || !isdigit((unsigned char)*l))
		return 0;
	n = strtol(l, &end, 10);
	if (strncmp(end, ": ", 2) || end + 2 > arrow)
		return 0;
	memset(st, 0, sizeof(*st));
	st->line = (int)n;
	snprintf(st->text, sizeof(st->text), "%.*s", (int)(arrow - end - 2), end + 2);
	snprintf(st->result, sizeof(st->result), "%s", arrow + 4);
	return 1;
}

int mm_trace_parse(const char *text, struct mm_trace *t, char *why,
		   size_t why_size)
{
	const char *l = text;
	int lineno = 0;

	memset(t, 0, sizeof(*t));
	while (*l) {
		const char *nl = strchr(l, '\n');
		size_t len = nl ? (size_t)(nl - l) : strlen(l);
		char *buf = malloc(len + 1), *p = buf;
		struct mm_trace_stmt st;
		int is_stmt;

		lineno++;
		if (!buf) {
			snprintf(why, why_size, "out of memory");
			mm_trace_free(t);
			return -1;
		}
		memcpy(buf, l, len);
		buf[len] = '\0';
		l += len + (nl ? 1 : 0);
		while (*p == ' ')
			p++;
		if (!strncmp(p, "seen", 4) && (!p[4] || p[4] == ' ')) {
			struct mm_trace_stmt *last = t->n ? &t->stmt[t->n - 1] : NULL;

			if (!last || last->has_seen || parse_seen(p + 4, &last->seen)) {
				snprintf(why, why_size, "trace line %d: bad seen line", lineno);
				free(buf);
				mm_trace_free(t);
				return -1;
			}
			last->has_seen = true;
			free(buf);
			continue;
		}
		if (!strncmp(p, "pages", 5) && (!p[5] || p[5] == ' ')) {
			struct mm_trace_stmt *last = t->n ? &t->stmt[t->n - 1] : NULL;

			if (!last || last->pages) {
				snprintf(why, why_size, "trace line %d: bad pages line", lineno);
				free(buf);
				mm_trace_free(t);
				return -1;
			}
			memmove(buf, p + 5, strlen(p + 5) + 1);
			last->pages = buf;
			continue;
		}
		is_stmt = parse_stmt_line(buf, &st);
		free(buf);
		if (!is_stmt)
			continue;
		if (t->n == t->cap) {
			size_t cap = t->cap ? 2 * t->cap : 32;
			struct mm_trace_stmt *ns = realloc(t->stmt, cap * sizeof(*ns));

			if (!ns) {
				snprintf(why, why_size, "out of memory");
				mm_trace_free(t);
				return -1;
			}
			t->stmt = ns;
			t->cap = cap;
		}
		t->stmt[t->n++] = st;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Comparing.                                                           */

/* The kind of a statement from its text: "read", "gN read", "ksm". */
static void stmt_kind(const char *text, char *kind, size_t size)
{
	const char *sp = strchr(text, ' ');

	if (sp && strchr("pgft", text[0]) && isdigit((unsigned char)text[1])) {
		const char *w = sp + 1, *e = strchr(w, ' ');
		int len = e ? (int)(e - w) : (int)strlen(w);

		if (text[0] == 'p')
			snprintf(kind, size, "%.*s", len, w);
		else
			snprintf(kind, size, "%cN %.*s", text[0], len, w);
	} else {
		snprintf(kind, size, "%.*s", sp ? (int)(sp - text) : (int)strlen(text), text);
	}
}

static void value_text(char *buf, size_t size, const struct mm_trace_vals *v,
		       size_t i)
{
	if (i >= v->n)
		snprintf(buf, size, "page %zu: nothing", i);
	else if (v->v[i] & MM_TRACE_FRESH)
		snprintf(buf, size, "page %zu: #%" PRIu64, i, v->v[i] & ~MM_TRACE_FRESH);
	else
		snprintf(buf, size, "page %zu: =%" PRIu64, i, v->v[i]);
}

static bool differ(struct mm_trace_divergence *d, const struct mm_trace_stmt *s,
		   const char *field, const char *a, const char *b)
{
	d->line = s->line;
	snprintf(d->stmt, sizeof(d->stmt), "%s", s->text);
	stmt_kind(s->text, d->kind, sizeof(d->kind));
	snprintf(d->field, sizeof(d->field), "%s", field);
	snprintf(d->a, sizeof(d->a), "%s", a);
	snprintf(d->b, sizeof(d->b), "%s", b);
	return true;
}

static bool compare_seen(const struct mm_trace_stmt *x,
			 const struct mm_trace_stmt *y,
			 struct mm_trace_divergence *d)
{
	const struct mm_trace_vals *a = &x->seen, *b = &y->seen;
	size_t n = a->n > b->n ? a->n : b->n;
	char ta[100], tb[100];

	for (size_t i = 0; i < n; i++) {
		if (i < a->n && i < b->n && a->v[i] == b->v[i])
			continue;
		value_text(ta, sizeof(ta), a, i);
		value_text(tb, sizeof(tb), b, i);
		return differ(d, x, "seen", ta, tb);
	}
	return false;
}

/*
 * The pages of a pages line one by one: a run rN+P..Q:T (the emulator's
 * folding) gives rN+P:T to rN+Q:T.  IDs are dropped: the emulator's pages
 * line has none.
 */
struct page_iter {
	const char *l;		/* the rest of the line */
	int r;
	uint32_t n, last;	/* the run's next page and its last */
	char text[48];		/* FLAGS[/COUNT] */
	bool in_run;
};

static bool next_page(struct page_iter *it, char *tok, size_t size)
{
	const char *l = it->l;
	char word[96];
	size_t n;
	int used = 0;

	if (!it->in_run) {
		while (l && *l == ' ')
			l++;
		if (!l || !*l)
			return false;
		n = strcspn(l, " ");
		snprintf(word, sizeof(word), "%.*s", (int)n, l);
		it->l = l + n;
		word[strcspn(word, "@")] = '\0';
		if (sscanf(word, "r%d+%u..%u:%n", &it->r, &it->n, &it->last,
			   &used) < 3 || !used) {
			used = 0;
			if (sscanf(word, "r%d+%u:%n", &it->r, &it->n, &used) < 2 ||
			    !used) {
				/* Not a page token: compared as it is. */
				snprintf(tok, size, "%s", word);
				return true;
			}
			it->last = it->n;
		}
		snprintf(it->text, sizeof(it->text), "%s", word + used);
		it->in_run = true;
	}
	snprintf(tok, size, "r%d+%u:%s", it->r, it->n, it->text);
	if (it->n++ >= it->last)
		it->in_run = false;
	return true;
}

/* Two pages lines: the same pages with the same flags. */
static bool compare_pages(const struct mm_trace_stmt *x,
			  const struct mm_trace_stmt *y,
			  struct mm_trace_divergence *d)
{
	struct page_iter a = { .l = x->pages }, b = { .l = y->pages };
	char ta[128], tb[128];

	for (;;) {
		bool ha = next_page(&a, ta, sizeof(ta));
		bool hb = next_page(&b, tb, sizeof(tb));

		if (!ha && !hb)
			return false;
		if (!ha || !hb || strcmp(ta, tb))
			return differ(d, x, "pages", ha ? ta : "(no more pages)",
				      hb ? tb : "(no more pages)");
	}
}

bool mm_trace_compare(const struct mm_trace *a, const struct mm_trace *b,
		      bool pages, struct mm_trace_divergence *d)
{
	size_t n = a->n > b->n ? a->n : b->n;

	memset(d, 0, sizeof(*d));
	for (size_t i = 0; i < n; i++) {
		const struct mm_trace_stmt *x = i < a->n ? &a->stmt[i] : NULL;
		const struct mm_trace_stmt *y = i < b->n ? &b->stmt[i] : NULL;

		if (!x || !y || x->line != y->line || strcmp(x->text, y->text))
			return differ(d, x ? x : y, "statement",
				      x ? x->text : "(end of trace)",
				      y ? y->text : "(end of trace)");
		if (!strncmp(y->result, "skipped", 7) ||
		    !strncmp(x->result, "skipped", 7))
			return differ(d, x, "skipped", x->result, y->result);
		if (strcmp(x->result, y->result))
			return differ(d, x, "result", x->result, y->result);
		if (compare_seen(x, y, d))
			return true;
		if (pages && x->pages && y->pages && compare_pages(x, y, d))
			return true;
	}
	return false;
}
