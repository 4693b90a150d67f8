// SPDX-License-Identifier: MIT
/*
 * mmfuzz.c - the command-line tool.
 *
 *   mmfuzz run [--era NAME] [--knob NAME=on|off]... [--verbose] FILE...
 *   mmfuzz print FILE...        canonical text of each program
 *   mmfuzz knobs [--era NAME]   every knob, its value in that era, its commit
 *   mmfuzz encode [--target T] FILE.mm [-o OUT]   program to fuzz input bytes
 *   mmfuzz decode [--target T] FILE [-o OUT]      fuzz input to canonical text
 *   mmfuzz triage [--out DIR] [--era E] [--knob K=on|off]... [--target T] INPUT...
 *                               bucket, minimize and report crashes (triage.c)
 *   mmfuzz repro-c FILE.mm [-o OUT.c]   standalone C program with real
 *                               system calls (repro_c.c)
 *   mmfuzz cow-matrix [--era NAME] [--knob NAME=on|off]... [--print CASE]
 *                     [--expected FILE] [--verbose]
 *                               the kernel COW selftest's 778 cases as
 *                               programs, kselftest TAP (cow_matrix.c)
 *
 * encode/decode without --target use the full alphabet with directives;
 * --target fuzz_mm or fuzz_cow writes or reads exactly what that fuzz
 * target sees (its alphabet, no directives; decode skips what it skips).
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
#include "mmtriage.h"
#include "mmfuzz.h"
#include "cow_matrix.h"

#define MAX_INPUT	(16u << 20)

static void usage(FILE *out)
{
	fprintf(out,
		"usage: mmfuzz run [--era NAME] [--knob NAME=on|off]... [--verbose] FILE...\n"
		"       mmfuzz print FILE...\n"
		"       mmfuzz knobs [--era NAME]\n"
		"       mmfuzz encode [--target fuzz_mm|fuzz_cow] FILE.mm [-o OUT]\n"
		"       mmfuzz decode [--target fuzz_mm|fuzz_cow] FILE [-o OUT]\n"
		"       mmfuzz triage [--out DIR] [--era NAME] [--knob NAME=on|off]...\n"
		"                     [--target fuzz_mm|fuzz_cow] [--max-runs N] INPUT...\n"
		"       mmfuzz repro-c FILE.mm [-o OUT.c]\n"
		"       mmfuzz cow-matrix [--era NAME] [--knob NAME=on|off]... [--print CASE]\n"
		"                         [--expected FILE] [--verbose]\n"
		"FILE may be - for standard input.\n");
}

/* Read all of @path ("-": stdin) into a malloc'd buffer (mmfuzz.h). */
char *mmfuzz_read_input(const char *path, size_t *len, const char **why)
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
	char *text = mmfuzz_read_input(path, &len, &why);

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

void mmfuzz_print_outcome(FILE *out, const char *path,
			  const struct run_result *res)
{
	switch (res->outcome) {
	case RUN_OK:
		fprintf(out, "%s: ok (%zu statements, era %s)\n", path,
			res->nr_statements, res->era);
		break;
	case RUN_VIOLATION:
		fprintf(out, "%s: violation %s/%s at line %d (%s): %s\n",
			path, res->cls, res->id, res->line, res->stmt,
			res->msg);
		break;
	case RUN_KNOWN:
		fprintf(out, "%s: known %s at line %d (%s)\n", path,
			res->id, res->line, res->stmt);
		break;
	case RUN_ERROR:
		fprintf(out, "%s:%d: error: %s\n", path,
			res->line ? res->line : 1, res->msg);
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
	mmfuzz_print_outcome(stdout, path, &res);
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

int mmfuzz_parse_knob_arg(const char *arg, struct run_options *opt)
{
	struct mm_knobspec_error err;
	char msg[512];

	if (!mm_knobspec_add(opt, arg, strlen(arg), NULL, &err))
		return 0;
	mm_knobspec_strerror(&err, "--knob", msg, sizeof(msg));
	fprintf(stderr, "mmfuzz: %s\n", msg);
	return -1;
}

int mmfuzz_check_era_arg(const char *era)
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
			if (mmfuzz_check_era_arg(opt.era))
				return 2;
		} else if (!strcmp(argv[i], "--knob") && i + 1 < argc) {
			if (mmfuzz_parse_knob_arg(argv[++i], &opt))
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

/* ------------------------------------------------------------------ */
/* encode / decode                                                     */

struct codec_args {
	const char *in, *out;
	struct mm_decode_opts opts;
};

/* Options as the fuzz target @name decodes its input; -1 if unknown. */
int mmfuzz_target_opts(const char *name, struct mm_decode_opts *o)
{
	mm_decode_opts_init(o);
	if (!strcmp(name, "fuzz_cow"))
		o->alphabet = MM_ALPHA_COW;
	else if (strcmp(name, "fuzz_mm"))
		return -1;
	o->keep_directives = false;
	o->skip_unsupported = true;
	return 0;
}

static int parse_codec_args(const char *cmd, int argc, char **argv,
			    struct codec_args *a)
{
	memset(a, 0, sizeof(*a));
	mm_decode_opts_init(&a->opts);
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc) {
			a->out = argv[++i];
		} else if (!strcmp(argv[i], "--target") && i + 1 < argc) {
			if (mmfuzz_target_opts(argv[++i], &a->opts) == 0)
				continue;
			fprintf(stderr, "mmfuzz %s: unknown target '%s' (fuzz_mm, fuzz_cow)\n",
				cmd, argv[i]);
			return -1;
		} else if ((argv[i][0] != '-' || !argv[i][1]) && !a->in) {
			a->in = argv[i];
		} else {
			fprintf(stderr, "mmfuzz %s: unexpected argument '%s'\n",
				cmd, argv[i]);
			return -1;
		}
	}
	if (!a->in) {
		fprintf(stderr, "mmfuzz %s: missing input file\n", cmd);
		return -1;
	}
	return 0;
}

/* Write @len bytes to @path (NULL or "-": stdout); 0 or 2 with a message. */
static int write_output(const char *cmd, const char *path, const void *buf,
			size_t len)
{
	bool to_stdout = !path || !strcmp(path, "-");
	FILE *f = to_stdout ? stdout : fopen(path, "wb");
	bool ok;

	if (!f) {
		fprintf(stderr, "mmfuzz %s: %s: %s\n", cmd, path, strerror(errno));
		return 2;
	}
	ok = fwrite(buf, 1, len, f) == len;
	ok = (to_stdout ? fflush(f) : fclose(f)) == 0 && ok;
	if (!ok) {
		fprintf(stderr, "mmfuzz %s: %s: write failed\n", cmd,
			to_stdout ? "stdout" : path);
		return 2;
	}
	return 0;
}

/*
 * mmfuzz_load_checked - parse and check @path like `run` does, with errors
 * on stderr prefixed by @cmd ("mmfuzz encode"...); returns 0 or 2.
 */
int mmfuzz_load_checked(const char *cmd, const char *path, struct mm_prog *p)
{
	struct mm_error err = { 0 };
	const char *why = NULL;
	size_t len;
	char *text = mmfuzz_read_input(path, &len, &why);
	int ret;

	if (!text) {
		fprintf(stderr, "%s: %s: cannot read: %s\n", cmd, path, why);
		return 2;
	}
	ret = mm_prog_parse(text, len, p, &err);
	free(text);
	if (!ret && mm_prog_check(p, false, &err)) {
		mm_prog_free(p);
		ret = -1;
	}
	if (ret) {
		fprintf(stderr, "%s:%d: error: %s\n", path, err.line, err.msg);
		return 2;
	}
	return 0;
}

static int cmd_encode(int argc, char **argv)
{
	struct mm_error err = { 0 };
	struct codec_args a;
	struct mm_prog p;
	uint8_t *buf;
	size_t len;
	int status;

	if (parse_codec_args("encode", argc, argv, &a)) {
		usage(stderr);
		return 2;
	}
	status = mmfuzz_load_checked("mmfuzz encode", a.in, &p);
	if (status)
		return status;
	if (mm_prog_encode_opts(&p, &a.opts, &buf, &len, &err)) {
		fprintf(stderr, "%s:%d: cannot encode: %s\n", a.in, err.line,
			err.msg);
		mm_prog_free(&p);
		return 2;
	}
	status = write_output("encode", a.out, buf, len);
	free(buf);
	mm_prog_free(&p);
	return status;
}

static int cmd_decode(int argc, char **argv)
{
	const char *why = NULL;
	struct codec_args a;
	struct mm_prog p;
	char *data, *text;
	size_t len;
	int status;

	if (parse_codec_args("decode", argc, argv, &a)) {
		usage(stderr);
		return 2;
	}
	data = mmfuzz_read_input(a.in, &len, &why);
	if (!data) {
		fprintf(stderr, "mmfuzz decode: %s: cannot read: %s\n", a.in, why);
		return 2;
	}
	status = mm_prog_decode((const uint8_t *)data, len, &a.opts, &p);
	free(data);
	if (status) {
		fprintf(stderr, "mmfuzz decode: %s: out of memory\n", a.in);
		return 2;
	}
	text = mm_prog_print(&p);
	mm_prog_free(&p);
	if (!text) {
		fprintf(stderr, "mmfuzz decode: out of memory\n");
		return 2;
	}
	status = write_output("decode", a.out, text, strlen(text));
	free(text);
	return status;
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
	if (!strcmp(argv[1], "encode"))
		return cmd_encode(argc - 2, argv + 2);
	if (!strcmp(argv[1], "decode"))
		return cmd_decode(argc - 2, argv + 2);
	if (!strcmp(argv[1], "triage"))
		return mmfuzz_cmd_triage(argc - 2, argv + 2);
	if (!strcmp(argv[1], "repro-c"))
		return mmfuzz_cmd_repro_c(argc - 2, argv + 2);
	if (!strcmp(argv[1], "cow-matrix"))
		return mmfuzz_cmd_cow_matrix(argc - 2, argv + 2);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	fprintf(stderr, "mmfuzz: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
