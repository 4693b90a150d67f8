// SPDX-License-Identifier: MIT
/*
 * triage_report.c - what `mmfuzz triage` writes once the inputs are
 * bucketed (triage.c): each bucket's minimized program as
 * DIR/<n>-.../repro.mm with the verbose run of it as report.txt,
 * DIR/summary.json and DIR/summary.md over every bucket and the
 * unreproducible inputs, and each bucket's lines on stdout.  Bucket
 * directories an earlier triage left in DIR are removed first.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mmfuzz.h"
#include "mmtriage.h"
#include "triage_int.h"

/* ------------------------------------------------------------------ */
/* Output                                                              */

/*
 * Bucket directories of an earlier triage into @out: "N-..." holding
 * repro.mm and report.txt.  Removed so that DIR shows this run only;
 * anything else is left alone.
 */
void tri_clean_out(const struct tri *t)
{
	struct dirent **names;
	int n = scandir(t->out, &names, NULL, alphasort);

	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		char path[4200], file[4300];
		size_t digits = strspn(name, "0123456789");

		snprintf(path, sizeof(path), "%s/%s", t->out, name);
		if (digits && name[digits] == '-') {
			snprintf(file, sizeof(file), "%s/repro.mm", path);
			unlink(file);
			snprintf(file, sizeof(file), "%s/report.txt", path);
			unlink(file);
			if (rmdir(path) && errno != ENOENT && errno != ENOTDIR)
				fprintf(stderr, "mmfuzz triage: %s: left in place: %s\n",
					path, strerror(errno));
		}
		free(names[i]);
	}
	if (n > 0)
		free(names);
}

int tri_mkdir(const char *path)
{
	char buf[4096];

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *c = buf + 1; *c; c++) {
		if (*c != '/')
			continue;
		*c = '\0';
		if (mkdir(buf, 0777) && errno != EEXIST)
			return -1;
		*c = '/';
	}
	return mkdir(buf, 0777) && errno != EEXIST ? -1 : 0;
}

static FILE *tri_open(const struct tri *t, const char *dir, const char *name)
{
	char path[4096];
	FILE *f;

	if (dir)
		snprintf(path, sizeof(path), "%s/%s/%s", t->out, dir, name);
	else
		snprintf(path, sizeof(path), "%s/%s", t->out, name);
	f = fopen(path, "w");
	if (!f)
		fprintf(stderr, "mmfuzz triage: %s: %s\n", path, strerror(errno));
	return f;
}

static int tri_close(FILE *f)
{
	bool bad = ferror(f);

	return fclose(f) || bad ? -1 : 0;
}

/* The text of repro.mm: a comment, then the canonical program. */
static char *tri_repro_text(const struct tri *t, struct tri_bucket *b)
{
	struct mm_prog *p = &b->prog;
	char head[512], sig[128], *body, *text;

	p->has_expect = true;
	if (b->sig.outcome == RUN_KNOWN) {
		p->expect = MM_EXPECT_KNOWN;
		snprintf(p->expect_known, sizeof(p->expect_known), "%s",
			 b->sig.id);
	} else {
		p->expect = MM_EXPECT_VIOLATION;
		snprintf(p->expect_class, sizeof(p->expect_class), "%s",
			 b->sig.cls);
		snprintf(p->expect_id, sizeof(p->expect_id), "%.7s", b->sig.id);
	}
	tri_sig_print(&b->sig, sig, sizeof(sig));
	snprintf(head, sizeof(head),
		 "# mmfuzz triage: %s\n"
		 "# %zu input(s); the smallest (%zu statements) minimized to %zu in %u runs.\n"
		 "# Reproduce: mmfuzz run --verbose repro.mm\n",
		 sig, b->count, b->before, p->nr_stmts, b->runs);
	body = mm_prog_print(p);
	if (!body)
		return NULL;
	text = malloc(strlen(head) + strlen(body) + 1);
	if (text) {
		strcpy(text, head);
		strcat(text, body);
	}
	free(body);
	(void)t;
	return text;
}

/*
 * report.txt: `mmfuzz run --verbose repro.mm`, run from the text written,
 * so its line numbers are the file's.  Returns 0 if the run matches the
 * program's expect line.
 */
static int tri_report(const struct tri *t, const struct tri_bucket *b,
		      const char *text)
{
	struct run_options opt = { 0 };
	struct run_result res;
	struct mm_prog p;
	FILE *f;
	int ret = -1;

	if (mm_prog_parse(text, strlen(text), &p, NULL))
		return -1;
	if (mm_prog_check(&p, false, NULL) || !(f = tri_open(t, b->dir, "report.txt"))) {
		mm_prog_free(&p);
		return -1;
	}
	opt.trace = f;
	mm_run_program(&p, &opt, &res);
	mmfuzz_print_outcome(f, "repro.mm", &res);
	if (mm_run_matches_expect(&p, &res))
		ret = 0;
	if (tri_close(f))
		ret = -1;
	mm_prog_free(&p);
	return ret;
}

static void tri_bucket_dir(struct tri_bucket *b, size_t n)
{
	if (b->sig.outcome == RUN_KNOWN)
		snprintf(b->dir, sizeof(b->dir), "%zu-known-%.24s-%.20s", n,
			 b->sig.id, b->sig.op);
	else
		snprintf(b->dir, sizeof(b->dir), "%zu-%.20s-%.8s-%.20s", n,
			 b->sig.cls, b->sig.id, b->sig.op);
}

/* Minimize bucket @n's program and write its directory. */
int tri_write_bucket(struct tri *t, size_t n)
{
	struct tri_bucket *b = &t->b[n];
	struct tri_min m = { .want = b->sig, .max_runs = t->max_runs };
	char path[4200], *text;
	FILE *f;
	int ret;

	tri_minimize(&b->prog, &m);
	b->runs = m.runs;
	tri_bucket_dir(b, n + 1);
	snprintf(path, sizeof(path), "%s/%s", t->out, b->dir);
	if (tri_mkdir(path)) {
		fprintf(stderr, "mmfuzz triage: %s: %s\n", path, strerror(errno));
		return -1;
	}
	text = tri_repro_text(t, b);
	if (!text || !(f = tri_open(t, b->dir, "repro.mm"))) {
		free(text);
		return -1;
	}
	fputs(text, f);
	ret = tri_close(f);
	if (!ret && tri_report(t, b, text)) {
		fprintf(stderr, "mmfuzz triage: %s/repro.mm does not reproduce\n",
			path);
		ret = -1;
	}
	free(text);
	return ret;
}

/* ------------------------------------------------------------------ */
/* Summaries                                                           */

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* The first line a fuzz target prints for @sig (fuzzers/fz.h). */
static void tri_first_line(const struct tri_sig *sig, char *buf, size_t size)
{
	char text[128];

	tri_sig_print(sig, text, sizeof(text));
	snprintf(buf, size, "mmfuzz: %s", text);
}

/* A K=on,K=off list as a JSON array of strings. */
static void json_knobs(FILE *f, const char *list)
{
	const char *sep = "";
	char item[96];

	fputc('[', f);
	while (*list) {
		size_t n = strcspn(list, ",");

		snprintf(item, sizeof(item), "%.*s", (int)n, list);
		fputs(sep, f);
		json_str(f, item);
		sep = ", ";
		list += n + (list[n] == ',');
	}
	fputc(']', f);
}

static void tri_json_bucket(const struct tri *t, FILE *f, size_t n)
{
	const struct tri_bucket *b = &t->b[n];
	char line[160];
	const char *sep = "";

	tri_sig_print(&b->sig, line, sizeof(line));
	fprintf(f, "    {\"bucket\": %zu, \"dir\": ", n + 1);
	json_str(f, b->dir);
	fprintf(f, ", \"signature\": ");
	json_str(f, line);
	tri_first_line(&b->sig, line, sizeof(line));
	fprintf(f, ", \"first_line\": ");
	json_str(f, line);
	fprintf(f, ",\n     \"count\": %zu, \"representative\": ", b->count);
	json_str(f, t->in[b->rep].path);
	fprintf(f, ", \"era\": ");
	json_str(f, t->in[b->rep].ran_era);
	fprintf(f, ", \"knobs\": ");
	json_knobs(f, t->in[b->rep].ran_knobs);
	fprintf(f, ",\n     \"statements\": %zu, \"minimized_statements\": %zu, \"runs\": %u,\n     \"inputs\": [",
		b->before, b->prog.nr_stmts, b->runs);
	for (size_t i = 0; i < t->nr_in; i++) {
		if (t->in[i].bucket != (int)n)
			continue;
		fputs(sep, f);
		json_str(f, t->in[i].path);
		sep = ", ";
	}
	fprintf(f, "]}%s\n", n + 1 < t->nr_b ? "," : "");
}

/*
 * The era and knobs every input ran with, or NULL (@era "mixed") when
 * they differ.  Inputs that could not be read ran in none.
 */
static const char *tri_common(const struct tri *t, const char **era)
{
	const char *knobs = "";
	bool first = true;

	*era = NULL;
	for (size_t i = 0; i < t->nr_in; i++) {
		const struct tri_input *in = &t->in[i];

		if (!in->ran_era[0])
			continue;
		if (first) {
			*era = in->ran_era;
			knobs = in->ran_knobs;
			first = false;
		}
		if (strcmp(*era, in->ran_era))
			*era = "mixed";
		if (knobs && strcmp(knobs, in->ran_knobs))
			knobs = NULL;
	}
	if (!*era)
		*era = t->opt.era ? t->opt.era : "current";
	return knobs;
}

int tri_json(const struct tri *t)
{
	FILE *f = tri_open(t, NULL, "summary.json");
	const char *sep = "\n", *era, *knobs = tri_common(t, &era);

	if (!f)
		return -1;
	fprintf(f, "{\n  \"era\": ");
	json_str(f, era);
	fprintf(f, ", \"knobs\": ");
	if (knobs)
		json_knobs(f, knobs);
	else
		fputs("\"mixed\"", f);
	fprintf(f, ", \"inputs\": %zu,\n  \"buckets\": [\n", t->nr_in);
	for (size_t n = 0; n < t->nr_b; n++)
		tri_json_bucket(t, f, n);
	fprintf(f, "  ],\n  \"unreproducible\": [");
	for (size_t i = 0; i < t->nr_in; i++) {
		if (t->in[i].bucket >= 0)
			continue;
		fprintf(f, "%s    {\"input\": ", sep);
		json_str(f, t->in[i].path);
		fprintf(f, ", \"reason\": ");
		json_str(f, t->in[i].reason);
		fprintf(f, "}");
		sep = ",\n";
	}
	fprintf(f, "%s]\n}\n", t->unreproducible ? "\n  " : "");
	return tri_close(f);
}

int tri_markdown(const struct tri *t)
{
	FILE *f = tri_open(t, NULL, "summary.md");
	char sig[128], line[160];

	if (!f)
		return -1;
	fprintf(f, "# mmfuzz triage\n\n%zu inputs, %zu buckets, %zu unreproducible.\n\n",
		t->nr_in, t->nr_b, t->unreproducible);
	fprintf(f, "| bucket | signature | inputs | statements | first line |\n"
		   "|---|---|---|---|---|\n");
	for (size_t n = 0; n < t->nr_b; n++) {
		const struct tri_bucket *b = &t->b[n];

		tri_sig_print(&b->sig, sig, sizeof(sig));
		tri_first_line(&b->sig, line, sizeof(line));
		fprintf(f, "| [%s](%s/repro.mm) | %s | %zu | %zu → %zu | `%s` |\n",
			b->dir, b->dir, sig, b->count, b->before,
			b->prog.nr_stmts, line);
	}
	for (size_t n = 0; n < t->nr_b; n++) {
		fprintf(f, "\n## %s\n\n", t->b[n].dir);
		for (size_t i = 0; i < t->nr_in; i++)
			if (t->in[i].bucket == (int)n)
				fprintf(f, "- `%s`%s\n", t->in[i].path,
					i == t->b[n].rep ? " (minimized)" : "");
	}
	if (t->unreproducible)
		fprintf(f, "\n## Unreproducible\n\n");
	for (size_t i = 0; i < t->nr_in; i++)
		if (t->in[i].bucket < 0)
			fprintf(f, "- `%s`: %s\n", t->in[i].path,
				t->in[i].reason);
	return tri_close(f);
}

/* The bucket on stdout: its line, then the minimized program. */
void tri_print_bucket(const struct tri *t, size_t n)
{
	const struct tri_bucket *b = &t->b[n];
	char sig[128], stmt[256];

	tri_sig_print(&b->sig, sig, sizeof(sig));
	printf("bucket %zu: %s: %zu input(s), %zu -> %zu statements (%u runs)\n",
	       n + 1, sig, b->count, b->before, b->prog.nr_stmts, b->runs);
	printf("  %s/%s/repro.mm\n", t->out, b->dir);
	for (size_t i = 0; i < b->prog.nr_stmts; i++) {
		mm_stmt_print(&b->prog.stmts[i], stmt, sizeof(stmt));
		printf("    %s\n", stmt);
	}
}
