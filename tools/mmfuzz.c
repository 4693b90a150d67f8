// SPDX-License-Identifier: MIT
/*
 * mmfuzz.c - the command-line tool.
 *
 *   mmfuzz run [--era NAME] [--knob NAME=on|off]... [--verbose] FILE...
 *   mmfuzz print FILE...        canonical text of each program
 *   mmfuzz knobs [--era NAME]   every knob, its value in that era, its commit
 *
 * `run` prints one line per file (spec/program.md §7) and exits 0 when
 * every outcome matches its file's expect directive, 1 when one does not,
 * 2 when a file could not be read or parsed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmemu.h"
#include "mmprog.h"
#include "mmrun.h"

#define MAX_INPUT	(16u << 20)

static void usage(FILE *out)
{
	fprintf(out,
		"usage: mmfuzz run [--era NAME] [--knob NAME=on|off]... [--verbose] FILE...\n"
		"       mmfuzz print FILE...\n"
		"       mmfuzz knobs [--era NAME]\n"
		"FILE may be - for standard input.\n");
}

/* Read all of @path ("-": stdin) into a malloc'd buffer. */
static char *read_input(const char *path, size_t *len, const char **why)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	size_t cap = 4096, n = 0;
	char *buf;

	if (!f) {
		*why = strerror(errno);
		return NULL;
	}
	buf = malloc(cap);
	while (buf) {
		size_t got = fread(buf + n, 1, cap - n, f);

		n += got;
		if (n < cap)
			break;
		if (cap >= MAX_INPUT) {
			free(buf);
			buf = NULL;
			*why = "file too large";
			break;
		}
		cap *= 2;
		char *nbuf = realloc(buf, cap);

		if (!nbuf)
			free(buf);
		buf = nbuf;
	}
	if (buf && ferror(f)) {
		free(buf);
		buf = NULL;
		*why = strerror(errno);
	} else if (!buf && !*why) {
		*why = "out of memory";
	}
	if (f != stdin)
		fclose(f);
	*len = n;
	return buf;
}

/* Load and check one program; on failure print the error line, return 2. */
static int load_program(const char *path, struct mm_prog *p)
{
	const char *why = NULL;
	struct mm_error err = { 0 };
	size_t len;
	char *text = read_input(path, &len, &why);

	if (!text) {
		printf("%s:0: error: cannot read: %s\n", path, why);
		return 2;
	}
	if (mm_prog_parse(text, len, p, &err)) {
		free(text);
		printf("%s:%d: error: %s\n", path, err.line, err.msg);
		return 2;
	}
	free(text);
	if (mm_prog_check(p, false, &err)) {
		printf("%s:%d: error: %s\n", path, err.line, err.msg);
		mm_prog_free(p);
		return 2;
	}
	return 0;
}

static void print_outcome(const char *path, const struct run_result *res)
{
	switch (res->outcome) {
	case RUN_OK:
		printf("%s: ok (%zu statements, era %s)\n", path,
		       res->nr_statements, res->era);
		break;
	case RUN_VIOLATION:
		printf("%s: violation %s/%s at line %d (%s): %s\n", path,
		       res->cls, res->id, res->line, res->stmt, res->msg);
		break;
	case RUN_KNOWN:
		printf("%s: known %s at line %d (%s)\n", path, res->id,
		       res->line, res->stmt);
		break;
	case RUN_ERROR:
		printf("%s:%d: error: %s\n", path, res->line ? res->line : 1,
		       res->msg);
		break;
	}
}

static void print_expected(const char *path, const struct mm_prog *p)
{
	if (p->expect == MM_EXPECT_OK)
		fprintf(stderr, "%s: expected ok\n", path);
	else if (p->expect == MM_EXPECT_VIOLATION)
		fprintf(stderr, "%s: expected violation %s%s%s\n", path,
			p->expect_class, p->expect_id[0] ? "/" : "", p->expect_id);
	else
		fprintf(stderr, "%s: expected known %s\n", path, p->expect_known);
}

static int run_file(const char *path, const struct run_options *opt)
{
	struct run_result res;
	struct mm_prog p;
	int status = load_program(path, &p);

	if (status)
		return status;
	mm_run_program(&p, opt, &res);
	print_outcome(path, &res);
	if (res.outcome == RUN_ERROR)
		status = 2;
	else if (!mm_run_matches_expect(&p, &res)) {
		print_expected(path, &p);
		status = 1;
	}
	mm_prog_free(&p);
	fflush(stdout);
	return status;
}

static int parse_knob_arg(const char *arg, struct run_options *opt)
{
	const char *eq = strchr(arg, '=');
	size_t n = eq ? (size_t)(eq - arg) : 0;

	if (!eq || !n || n >= sizeof(opt->knobs[0].name) ||
	    (strcmp(eq + 1, "on") && strcmp(eq + 1, "off"))) {
		fprintf(stderr, "mmfuzz: --knob wants NAME=on|off, got '%s'\n", arg);
		return -1;
	}
	if (opt->nr_knobs == RUN_MAX_KNOBS) {
		fprintf(stderr, "mmfuzz: too many --knob options\n");
		return -1;
	}
	memcpy(opt->knobs[opt->nr_knobs].name, arg, n);
	opt->knobs[opt->nr_knobs].name[n] = '\0';
	if (mm_knob_lookup(opt->knobs[opt->nr_knobs].name) < 0) {
		fprintf(stderr, "mmfuzz: unknown knob '%s'\n",
			opt->knobs[opt->nr_knobs].name);
		return -1;
	}
	opt->knobs[opt->nr_knobs++].value = !strcmp(eq + 1, "on");
	return 0;
}

static int check_era_arg(const char *era)
{
	struct mm_knobs k;
	int ret = mm_era_preset(era, &k);

	if (ret == -ENOENT) {
		fprintf(stderr, "mmfuzz: unknown era '%s'\n", era);
		return -1;
	}
	return 0;	/* a known but unmodelled era is reported per file */
}

static int cmd_run(int argc, char **argv)
{
	struct run_options opt = { 0 };
	int i, status = 0, nfiles = 0;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--era") && i + 1 < argc) {
			opt.era = argv[++i];
			if (check_era_arg(opt.era))
				return 2;
		} else if (!strcmp(argv[i], "--knob") && i + 1 < argc) {
			if (parse_knob_arg(argv[++i], &opt))
				return 2;
		} else if (!strcmp(argv[i], "--verbose") || !strcmp(argv[i], "-v")) {
			opt.trace = stdout;
		} else if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "mmfuzz: unknown option '%s'\n", argv[i]);
			usage(stderr);
			return 2;
		} else {
			break;
		}
	}
	for (; i < argc; i++) {
		int s = run_file(argv[i], &opt);

		nfiles++;
		if (s > status)
			status = s;
	}
	if (!nfiles) {
		usage(stderr);
		return 2;
	}
	return status;
}

static int cmd_print(int argc, char **argv)
{
	int status = argc ? 0 : 2;

	for (int i = 0; i < argc; i++) {
		struct mm_prog p;
		char *text;

		if (load_program(argv[i], &p)) {
			status = 2;
			continue;
		}
		text = mm_prog_print(&p);
		fputs(text, stdout);
		free(text);
		mm_prog_free(&p);
	}
	if (!argc)
		usage(stderr);
	return status;
}

static int cmd_knobs(int argc, char **argv)
{
	const char *era = "current";
	struct mm_knobs k;
	int ret;

	if (argc == 2 && !strcmp(argv[0], "--era"))
		era = argv[1];
	else if (argc) {
		usage(stderr);
		return 2;
	}
	ret = mm_era_preset(era, &k);
	if (ret) {
		fprintf(stderr, "mmfuzz: era '%s' %s\n", era,
			ret == -ENOENT ? "is unknown" : "is not supported yet");
		return 2;
	}
	printf("# era %s\n", era);
	for (int i = 0; i < MM_NR_KNOBS; i++) {
		const struct mm_knob_info *info = mm_knob_info(i);

		printf("%-34s %-3s %-12s %s%s\n", info->name, k.on[i] ? "on" : "off",
		       info->commit[0] ? info->commit : "-", info->what,
		       info->modelled ? "" : " [fixed]");
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "run"))
		return cmd_run(argc - 2, argv + 2);
	if (!strcmp(argv[1], "print"))
		return cmd_print(argc - 2, argv + 2);
	if (!strcmp(argv[1], "knobs"))
		return cmd_knobs(argc - 2, argv + 2);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	fprintf(stderr, "mmfuzz: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
