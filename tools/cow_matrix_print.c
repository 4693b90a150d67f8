// SPDX-License-Identifier: MIT
/*
 * cow_matrix_print.c - a case of `mmfuzz cow-matrix` as the text it runs
 * and --print shows: the lang printer's canonical program with comment
 * lines naming the case and saying, after each checkpoint's statement,
 * what the setup check asks of the memory and where the setup ends.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cow_matrix.h"

void cm_check_describe(const struct cm_check *ck, char *buf, size_t size)
{
	char r[64];

	cm_range_text(r, sizeof(r), ck->region, ck->off, ck->len, 0);
	switch (ck->what) {
	case CMC_POPULATED:
		snprintf(buf, size, "the last page of %s is populated (a THP was allocated)", r);
		break;
	case CMC_ANON_PTE:
		snprintf(buf, size, "every page of %s is an anon folio of order %u mapped by PTEs",
			 r, ck->order);
		break;
	case CMC_NONE:
		snprintf(buf, size, "nothing is mapped in %s", r);
		break;
	case CMC_SWAPPED:
		snprintf(buf, size, "every page of %s is swapped out", r);
		break;
	case CMC_PMD_THP:
		snprintf(buf, size, "%s is an anon THP of order %u mapped by a PMD", r,
			 ck->order);
		break;
	case CMC_HUGETLB:
		snprintf(buf, size, "%s is a%s hugetlb folio of order %u mapped by a %s",
			 r, ck->anon ? "n anon" : " hugetlbfs", ck->order,
			 ck->order > 9 ? "PUD" : "PMD");
		break;
	case CMC_ZEROPAGE:
		snprintf(buf, size, "%s maps the shared zeropage", r);
		break;
	case CMC_PAGECACHE:
		snprintf(buf, size, "%s maps a page-cache page", r);
		break;
	case CMC_HUGE_ZEROPAGE:
		snprintf(buf, size, "%s maps the huge zeropage by a PMD", r);
		break;
	case CMC_COLLAPSED:
		snprintf(buf, size, "MADV_COLLAPSE refused: SKIP; else %s is an anon THP of order %u mapped by a PMD",
			 r, ck->order);
		break;
	}
}

static int append(char **s, size_t *len, size_t *cap, const char *line,
		  size_t n)
{
	if (*len + n + 2 > *cap) {
		size_t c = *cap ? *cap : 1024;
		char *ns;

		while (c < *len + n + 2)
			c *= 2;
		ns = realloc(*s, c);
		if (!ns)
			return -1;
		*s = ns;
		*cap = c;
	}
	memcpy(*s + *len, line, n);
	*len += n;
	(*s)[(*len)++] = '\n';
	(*s)[*len] = '\0';
	return 0;
}

static int append_str(char **s, size_t *len, size_t *cap, const char *line)
{
	return append(s, len, cap, line, strlen(line));
}

/* The comment lines that follow statement @idx. */
static int append_checks(char **s, size_t *len, size_t *cap,
			 const struct cm_prog *cp, size_t idx)
{
	char line[256], what[200];
	bool end = false;

	for (int i = 0; i < cp->nr_checks; i++) {
		if (cp->checks[i].stmt != idx)
			continue;
		cm_check_describe(&cp->checks[i], what, sizeof(what));
		snprintf(line, sizeof(line), "# check: %s", what);
		if (append_str(s, len, cap, line))
			return -1;
		end |= cp->checks[i].setup_end;
	}
	if (end && append_str(s, len, cap, "# ---- setup ends; the test starts ----"))
		return -1;
	return 0;
}

char *cm_print(const struct cm_case *c, const struct cm_prog *cp,
	       const struct mm_prog *p)
{
	char *canon = mm_prog_print(p), *s = NULL, line[256];
	size_t len = 0, cap = 0, nr_lines = 0, nr_directives, i;
	const char *l;
	int err = 0;

	if (!canon)
		return NULL;
	for (l = canon; *l; l++)
		nr_lines += *l == '\n';
	nr_directives = nr_lines - p->nr_stmts;
	snprintf(line, sizeof(line), "# mmfuzz cow-matrix case %d: %s", c->nr,
		 c->name);
	err |= append_str(&s, &len, &cap, line);
	err |= append_str(&s, &len, &cap,
			  "# (tools/testing/selftests/mm/cow.c; the checks run in cow-matrix only)");
	i = 0;
	for (l = canon; *l && !err; i++) {
		const char *nl = strchr(l, '\n');
		size_t n = nl ? (size_t)(nl - l) : strlen(l);

		err |= append(&s, &len, &cap, l, n);
		if (i >= nr_directives && !err)
			err |= append_checks(&s, &len, &cap, cp, i - nr_directives);
		l += n + (nl ? 1 : 0);
	}
	free(canon);
	if (err) {
		free(s);
		return NULL;
	}
	return s;
}

static int parse_checked(const char *text, struct mm_prog *p, char *why,
			 size_t size)
{
	struct mm_error err = { 0 };

	if (mm_prog_parse(text, strlen(text), p, &err)) {
		snprintf(why, size, "line %d: %s", err.line, err.msg);
		return -1;
	}
	if (mm_prog_check(p, false, &err)) {
		snprintf(why, size, "line %d: %s", err.line, err.msg);
		mm_prog_free(p);
		return -1;
	}
	return 0;
}

int cm_load(const struct cm_case *c, const char *era,
	    const struct run_options *knobs, struct cm_prog *cp,
	    char **text, struct mm_prog *p, char *why, size_t size)
{
	struct mm_prog gen;

	*text = NULL;
	if (cm_generate(c, era, knobs, cp)) {
		snprintf(why, size, "out of memory");
		return -1;
	}
	if (parse_checked(cp->text, &gen, why, size))
		goto fail;
	*text = cm_print(c, cp, &gen);
	mm_prog_free(&gen);
	if (!*text) {
		snprintf(why, size, "out of memory");
		goto fail;
	}
	if (parse_checked(*text, p, why, size))
		goto fail;
	if (p->nr_stmts != cp->nr_stmts) {
		snprintf(why, size, "%zu statements printed, %zu generated",
			 p->nr_stmts, cp->nr_stmts);
		mm_prog_free(p);
		goto fail;
	}
	return 0;
fail:
	free(*text);
	*text = NULL;
	cm_prog_free(cp);
	return -1;
}
