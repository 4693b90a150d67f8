// SPDX-License-Identifier: MIT
/*
 * mmfuzz.c - the command-line tool.
 *
 *   mmfuzz run [--era NAME] [--knob NAME=on|off]... [--verbose] [--trace] FILE...
 *   mmfuzz print FILE...        canonical text of each program
 *   mmfuzz knobs [--era NAME]   every knob, its value in that era, its commit
 *   mmfuzz encode [--target T] FILE.mm [-o OUT]   program to fuzz input bytes
 *   mmfuzz decode [--target T] FILE [-o OUT]      fuzz input to canonical text
 *   mmfuzz triage [--out DIR] [--era E] [--knob K=on|off]... [--target T] INPUT...
 *                               bucket, minimize and report crashes (triage.c)
 *   mmfuzz repro-c FILE.mm [-o OUT.c]   standalone C program with real
 *                               system calls (repro_c.c)
 *   mmfuzz live FILE.mm...      run on the running kernel, print traces
 *   mmfuzz diff FILE.mm...|DIR...   emulator vs kernel traces (live_cmd.c)
 *   mmfuzz cow-matrix [--era NAME] [--knob NAME=on|off]... [--print CASE]
 *                     [--cases A-B] [--expected FILE] [--verbose]
 *                               the kernel COW selftest's 778 cases as
 *                               programs, kselftest TAP (cow_matrix.c)
 *   mmfuzz fuzz-env             check the fuzz targets' MMFUZZ_* variables
 *                               (finding.c)
 *   mmfuzz --help, mmfuzz COMMAND --help, mmfuzz --version
 *
 * encode/decode without --target use the full alphabet with directives;
 * --target fuzz_mm or fuzz_cow writes or reads exactly what that fuzz
 * target sees (its alphabet, no directives; decode skips what it skips).
 * decode given a stored finding (build.sh's findings/TARGET/NAME/, or the
 * artifact in it) takes the target, era and knobs from its finding.txt.
 *
 * Conventions: results on stdout, diagnostics on stderr; --help exits 0
 * with the usage on stdout; a usage error exits 2 with the usage on
 * stderr.  `run` prints one line per file (spec/program.md §7), errors
 * included, on stdout: that line is the file's result.  It exits 0 when
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
#include "finding.h"

#define MAX_INPUT	(16u << 20)

#ifndef MMFUZZ_VERSION
#define MMFUZZ_VERSION	"unknown"
#endif

static void usage(FILE *out);
static void usage_of(FILE *out, const char *cmd);

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

/*
 * A file that does not parse because it holds a NUL byte is most likely a
 * fuzz input or a crash file: say how to read it.
 */
static void binary_hint(const char *self, const char *cmd, const char *path,
			const char *text, size_t len)
{
	struct finding f;
	char artifact[16];

	if (!memchr(text, '\0', len))
		return;
	if (finding_read("mmfuzz", path, &f, artifact, sizeof(artifact)) > 0)
		fprintf(stderr, "mmfuzz %s: %s is a fuzz input (%s next to it); read it with:\n  %s decode %s\n",
			cmd, path, FINDING_SIDECAR, self, path);
	else
		fprintf(stderr, "mmfuzz %s: %s looks like a fuzz input, not .mm text; read it with:\n  %s decode --target fuzz_cow %s\n  (or --target fuzz_mm: the target that found it)\n",
			cmd, path, self, path);
}

/*
 * Load and check one program; on failure print the error line on @err
 * (run: stdout, it is the file's result; print: stderr) and return 2.
 */
static int load_program(const char *self, const char *cmd, FILE *err_out,
			const char *path, struct mm_prog *p)
{
	const char *why = NULL;
	struct mm_error err = { 0 };
	size_t len;
	char *text = mmfuzz_read_input(path, &len, &why);

	if (!text) {
		fprintf(err_out, "%s:0: error: cannot read: %s\n", path, why);
		return 2;
	}
	if (mm_prog_parse(text, len, p, &err)) {
		fprintf(err_out, "%s:%d: error: %s\n", path, err.line, err.msg);
		fflush(err_out);
		binary_hint(self, cmd, path, text, len);
		free(text);
		return 2;
	}
	free(text);
	if (mm_prog_check(p, false, &err)) {
		fprintf(err_out, "%s:%d: error: %s\n", path, err.line, err.msg);
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

static int run_file(const char *self, const char *path,
		    const struct run_options *opt)
{
	struct run_result res;
	struct mm_prog p;
	int status = load_program(self, "run", stdout, path, &p);

	if (status)
		return status;
	if (opt->stmt_trace)
		fprintf(opt->stmt_trace, "trace %s (emulator)\n", path);
	mm_run_program(&p, opt, &res);
	if (opt->stmt_trace)
		fprintf(opt->stmt_trace, "end\n");
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
		fprintf(stderr, "mmfuzz: unknown era '%s' (eras: ", era);
		finding_list_eras(stderr);
		fprintf(stderr, ")\n");
		return -1;
	}
	return 0;	/* a known but unmodelled era is reported per file */
}

static int cmd_run(const char *self, int argc, char **argv)
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
		} else if (!strcmp(argv[i], "--trace")) {
			opt.stmt_trace = stdout;
		} else if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "mmfuzz run: unknown option '%s'\n", argv[i]);
			usage_of(stderr, "run");
			return 2;
		} else {
			break;
		}
	}
	for (; i < argc; i++) {
		int s = run_file(self, argv[i], &opt);

		nfiles++;
		if (s > status)
			status = s;
	}
	if (!nfiles) {
		fprintf(stderr, "mmfuzz run: no FILE\n");
		usage_of(stderr, "run");
		return 2;
	}
	return status;
}

static int cmd_print(const char *self, int argc, char **argv)
{
	int status = 0;

	if (!argc) {
		fprintf(stderr, "mmfuzz print: no FILE\n");
		usage_of(stderr, "print");
		return 2;
	}
	for (int i = 0; i < argc; i++) {
		struct mm_prog p;
		char *text;

		if (!strcmp(argv[i], "--") && !i)
			continue;
		if (argv[i][0] == '-' && argv[i][1] && !i) {
			fprintf(stderr, "mmfuzz print: unknown option '%s'\n",
				argv[i]);
			usage_of(stderr, "print");
			return 2;
		}
		if (load_program(self, "print", stderr, argv[i], &p)) {
			status = 2;
			continue;
		}
		text = mm_prog_print(&p);
		fputs(text, stdout);
		free(text);
		mm_prog_free(&p);
	}
	return status;
}

static int cmd_knobs(const char *self, int argc, char **argv)
{
	const char *era = "current";
	struct mm_knobs k;
	int ret;

	if (argc == 2 && !strcmp(argv[0], "--era"))
		era = argv[1];
	else if (argc) {
		usage_of(stderr, "knobs");
		return 2;
	}
	(void)self;
	ret = mm_era_preset(era, &k);
	if (ret) {
		fprintf(stderr, "mmfuzz knobs: era '%s' %s (eras: ", era,
			ret == -ENOENT ? "is unknown" : "is not supported yet");
		finding_list_eras(stderr);
		fprintf(stderr, ")\n");
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
	const char *target;		/* --target, NULL if not given */
	struct mm_decode_opts opts;
};

#define MMFUZZ_TARGET_ROW(name, alpha) { #name, alpha },
const struct mmfuzz_target mmfuzz_targets[MMFUZZ_NR_TARGETS] = {
	MMFUZZ_FOR_EACH_TARGET(MMFUZZ_TARGET_ROW)
};

const char *mmfuzz_target_list(char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < MMFUZZ_NR_TARGETS && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? ", " : "",
					mmfuzz_targets[i].name);
	return buf;
}

/* Options as the fuzz target @name decodes its input; -1 if unknown. */
int mmfuzz_target_opts(const char *name, struct mm_decode_opts *o)
{
	size_t i;

	mm_decode_opts_init(o);
	for (i = 0; i < MMFUZZ_NR_TARGETS; i++)
		if (!strcmp(name, mmfuzz_targets[i].name))
			break;
	if (i == MMFUZZ_NR_TARGETS)
		return -1;
	o->alphabet = mmfuzz_targets[i].alphabet;
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
			a->target = argv[++i];
			if (mmfuzz_target_opts(a->target, &a->opts) == 0)
				continue;
			char names[128];

			fprintf(stderr, "mmfuzz %s: unknown target '%s' (%s)\n",
				cmd, argv[i], mmfuzz_target_list(names, sizeof(names)));
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

/* --era and --knob settings as directives of @p (mmfuzz.h). */
int mmfuzz_bake(const struct run_options *opt, struct mm_prog *p)
{
	if (opt->era) {
		p->has_era = true;
		snprintf(p->era, sizeof(p->era), "%s", opt->era);
	}
	for (int k = 0; k < opt->nr_knobs; k++) {
		int i;

		for (i = 0; i < p->nr_knobs; i++)
			if (!strcmp(p->knobs[i].name, opt->knobs[k].name))
				break;
		if (i == MM_MAX_KNOB_SETTINGS)
			return -1;
		if (i == p->nr_knobs) {
			p->nr_knobs++;
			memcpy(p->knobs[i].name, opt->knobs[k].name,
			       sizeof(p->knobs[i].name));
			p->knobs[i].line = 0;
		}
		p->knobs[i].value = opt->knobs[k].value;
	}
	return 0;
}

static int cmd_encode(const char *self, int argc, char **argv)
{
	struct mm_error err = { 0 };
	struct codec_args a;
	struct mm_prog p;
	uint8_t *buf;
	size_t len;
	int status;

	(void)self;
	if (parse_codec_args("encode", argc, argv, &a)) {
		usage_of(stderr, "encode");
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

/*
 * Without --target, a stored finding's sidecar says how to decode it:
 * its target, and the era and knobs it was found with, which become
 * directives so that `mmfuzz run` of the text reproduces it.  0, or 2
 * after a message.
 */
static int decode_finding(struct codec_args *a, struct run_options *opt,
			  char *era, char *artifact, size_t size)
{
	struct finding f;
	int ret;

	if (a->target)
		return 0;
	finding_trim(artifact, size / 2, a->in);
	artifact[size / 2] = '\0';
	a->in = artifact;
	ret = finding_read("mmfuzz decode", artifact, &f, artifact + size / 2,
			   size / 2);
	if (ret < 0)
		return 2;
	if (!ret)
		return 0;
	if (artifact[size / 2])
		a->in = artifact + size / 2;
	if (f.target[0] && mmfuzz_target_opts(f.target, &a->opts)) {
		char names[128];

		fprintf(stderr, "mmfuzz decode: %s: target '%s' has no binary input (%s)\n",
			f.path, f.target, mmfuzz_target_list(names, sizeof(names)));
		return 2;
	}
	if (f.era[0] && strcmp(f.era, "current")) {
		if (mmfuzz_check_era_arg(f.era))
			return 2;
		opt->era = strcpy(era, f.era);
	}
	if (finding_parse_knobs("mmfuzz decode", f.path, f.knobs, opt))
		return 2;
	fprintf(stderr, "mmfuzz decode: %s: target %s, era %s, knobs %s (%s)\n",
		a->in, f.target[0] ? f.target : "fuzz_mm",
		f.era[0] ? f.era : "current", f.knobs[0] ? f.knobs : "none",
		f.path);
	return 0;
}

static int cmd_decode(const char *self, int argc, char **argv)
{
	struct run_options opt = { 0 };
	char artifact[8400] = "", era[sizeof(((struct finding *)0)->era)];
	const char *why = NULL;
	struct codec_args a;
	struct mm_prog p;
	char *data, *text;
	size_t len;
	int status;

	(void)self;
	if (parse_codec_args("decode", argc, argv, &a)) {
		usage_of(stderr, "decode");
		return 2;
	}
	status = decode_finding(&a, &opt, era, artifact, sizeof(artifact));
	if (status)
		return status;
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
	if (mmfuzz_bake(&opt, &p)) {
		fprintf(stderr, "mmfuzz decode: %s: too many knobs\n", a.in);
		mm_prog_free(&p);
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

/* ------------------------------------------------------------------ */
/* Commands, usage and help                                            */

static int cmd_triage(const char *self, int argc, char **argv)
{
	(void)self;
	return mmfuzz_cmd_triage(argc, argv);
}

static int cmd_repro_c(const char *self, int argc, char **argv)
{
	(void)self;
	return mmfuzz_cmd_repro_c(argc, argv);
}

static int cmd_live(const char *self, int argc, char **argv)
{
	(void)self;
	return mmfuzz_cmd_live(argc, argv);
}

static int cmd_diff(const char *self, int argc, char **argv)
{
	(void)self;
	return mmfuzz_cmd_diff(argc, argv);
}

static int cmd_cow_matrix(const char *self, int argc, char **argv)
{
	(void)self;
	return mmfuzz_cmd_cow_matrix(argc, argv);
}

static int cmd_fuzz_env(const char *self, int argc, char **argv)
{
	(void)self;
	return mmfuzz_cmd_fuzz_env(argc, argv);
}

static const struct command {
	const char *name;
	int (*fn)(const char *self, int argc, char **argv);
	const char *synopsis;	/* after "mmfuzz NAME " */
	const char *help;	/* what --help adds */
} commands[] = {
	{ "run", cmd_run, "[--era NAME] [--knob NAME=on|off]... [--verbose] [--trace] FILE...",
	  "Run each .mm program (- reads stdin) and print one line per file:\n"
	  "ok, violation, known, or FILE:LINE: error.  Exit 0 when every outcome\n"
	  "matches its file's expect line, 1 when one does not, 2 when a file\n"
	  "cannot be read or parsed.  --trace first prints the program's trace\n"
	  "(mmfuzz help live), up to the first violation.\n" },
	{ "print", cmd_print, "FILE...",
	  "Print each program's canonical text.\n" },
	{ "knobs", cmd_knobs, "[--era NAME]",
	  "List every knob with its value in the era and the commit behind it.\n" },
	{ "encode", cmd_encode, "[--target TARGET] FILE.mm [-o OUT]",
	  "Encode a program as fuzz input bytes (a seed).\n" },
	{ "decode", cmd_decode, "[--target TARGET] FILE [-o OUT]",
	  "Decode fuzz input bytes (a crash file) as .mm text.  Given a stored\n"
	  "finding (findings/TARGET/NAME/ or the artifact in it), its finding.txt\n"
	  "gives the target, era and knobs, which become directives.\n" },
	{ "triage", cmd_triage,
	  "[--out DIR] [--era NAME] [--knob NAME=on|off]...\n"
	  "                     [--target TARGET] [--max-runs N] INPUT...",
	  "Bucket crash files, fuzz inputs or .mm programs by signature, minimize\n"
	  "one per bucket and write DIR/N-.../repro.mm, report.txt and\n"
	  "DIR/summary.{md,json} (DIR: triage).  A stored finding needs no\n"
	  "option: its finding.txt gives the target, era and knobs.  Exit 0 when\n"
	  "every input reproduced, 1 when some did not, 2 on an error.\n" },
	{ "repro-c", cmd_repro_c, "FILE.mm [-o OUT.c]",
	  "Write a standalone C program doing the same with real system calls.\n"
	  "It prints ok, LEAK, PIN LOST or CORRUPT.\n" },
	{ "live", cmd_live, "FILE.mm...",
	  "Run each program on the running kernel, with no compiler: one real\n"
	  "process per program process, real mappings at the slot addresses, the\n"
	  "system calls of live/ (those of repro-c's programs).  Prints a trace\n"
	  "per program, or FILE: skipped: WHY when it cannot run here:\n"
	  "\n"
	  "  trace FILE (live, Linux RELEASE)      `run --trace`: (emulator)\n"
	  "    LINE: STATEMENT -> RESULT\n"
	  "      seen V V ...\n"
	  "  end\n"
	  "\n"
	  "RESULT: ok, an errno name (ENOMEM), SIGSEGV or SIGBUS (a load or\n"
	  "store stopped there), or skipped: WHY.  A statement that observes\n"
	  "memory (read, memread, gN read) has a seen line: per page in order,\n"
	  "#N for written value #N (numbered from #1, as the emulator numbers\n"
	  "them), =V for an explicit value (=0: zeros); #A..#B is a run of\n"
	  "consecutive values, TOKEN*K K pages alike.  As root, a statement of a\n"
	  "process is followed by its present or swapped pages (the first 16 MiB\n"
	  "of each slot the program maps), from /proc/PID/pagemap and\n"
	  "/proc/kpageflags:\n"
	  "      pages rN+P:FLAGS/COUNT@ID ...\n"
	  "FLAGS (or -): a anonymous, k KSM, t transparent huge page, h hugetlb,\n"
	  "z zeropage, 1 mapped exactly once, s swapped; COUNT how many times a\n"
	  "small page is mapped (/proc/kpagecount); ID the physical page,\n"
	  "numbered by first appearance (the emulator's trace has no ID).  Lines\n"
	  "starting with # are comments.  Exit 0, or 2 when a file cannot be read.\n" },
	{ "diff", cmd_diff, "[--verbose] [--pages] [--traces DIR] [--knob NAME=on|off]... FILE.mm...|DIR...\n"
	  "                   or: mmfuzz diff --random N [--seed S] [--target T] [--out DIR] [--pages]",
	  "Probe the kernel (THP, zeropage, hugetlb pools, swap, io_uring, root)\n"
	  "and say what cannot be checked here, then run each program (every\n"
	  "*.mm under a DIR) in the emulator, every check off, and on the\n"
	  "kernel, and compare the traces.  Prints each diverging program's first\n"
	  "divergence (line, statement, field, both values), each skipped one with\n"
	  "why, the divergences bucketed by statement kind and field with an\n"
	  "example, the skip reasons counted, and last\n"
	  "  diff: N programs, A agree, D diverge, S skipped\n"
	  "Results and seen values are compared; --pages compares the pages\n"
	  "lines too (flags only), --verbose lists agreeing programs, --traces\n"
	  "DIR writes both traces of each diverging program there.  --knob sets\n"
	  "a knob on the emulator's side only: a positive control, whose\n"
	  "divergences show that diff sees a wrong rule or errno.\n"
	  "--random N generates N programs instead (seed S, default 1) in the\n"
	  "alphabet of fuzz target T (fuzz_cow by default), from the statements\n"
	  "that run on this kernel, shows progress every 10, and writes each\n"
	  "diverging program to DIR (diff-random), minimized by the triage\n"
	  "minimizer to the statements that keep the first divergence's\n"
	  "statement kind and field.\n"
	  "Exit 0 when none diverges, 1 when one does, 2 on an error.\n" },
	{ "cow-matrix", cmd_cow_matrix,
	  "[--era NAME] [--knob NAME=on|off]... [--print CASE]\n"
	  "                         [--cases A-B] [--expected FILE] [--verbose]",
	  "Run the kernel COW selftest's 778 cases as programs; kselftest TAP.\n" },
	{ "fuzz-env", cmd_fuzz_env, "",
	  "Check MMFUZZ_ERA, MMFUZZ_KNOBS, MMFUZZ_ONLY, MMFUZZ_STRICT and\n"
	  "MMFUZZ_MUTATOR as the fuzz targets read them and print them; exit 2\n"
	  "listing the valid names when one is wrong.\n" },
};

#define NR_COMMANDS	(sizeof(commands) / sizeof(commands[0]))

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < NR_COMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static void usage(FILE *out)
{
	for (size_t i = 0; i < NR_COMMANDS; i++)
		fprintf(out, "%s mmfuzz %s %s\n", i ? "      " : "usage:",
			commands[i].name, commands[i].synopsis);
	fprintf(out, "       mmfuzz --version\n"
		"FILE may be - for standard input.  mmfuzz COMMAND --help says more.\n");
}

static void usage_of(FILE *out, const char *name)
{
	const struct command *c = find_command(name);

	fprintf(out, "usage: mmfuzz %s %s\n", c->name, c->synopsis);
}

/*
 * Does @argv ask for help?  -h or --help anywhere before "--", except as
 * the value of an option that takes one.
 */
static bool wants_help(int argc, char **argv)
{
	static const char *const with_value[] = {
		"--era", "--knob", "--target", "-o", "--out", "--max-runs",
		"--traces",
		"--print", "--cases", "--expected",
	};

	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			return false;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return true;
		for (size_t v = 0; v < sizeof(with_value) / sizeof(with_value[0]); v++)
			if (!strcmp(argv[i], with_value[v])) {
				i++;
				break;
			}
	}
	return false;
}

int main(int argc, char **argv)
{
	const struct command *c;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		c = argc > 2 && !strcmp(argv[1], "help") ? find_command(argv[2]) : NULL;
		if (c) {
			usage_of(stdout, c->name);
			fputs(c->help, stdout);
		} else {
			usage(stdout);
		}
		return 0;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("mmfuzz %s\n", MMFUZZ_VERSION);
		return 0;
	}
	c = find_command(argv[1]);
	if (!c) {
		fprintf(stderr, "mmfuzz: unknown command '%s'\n", argv[1]);
		usage(stderr);
		return 2;
	}
	if (wants_help(argc - 2, argv + 2)) {
		usage_of(stdout, c->name);
		fputs(c->help, stdout);
		return 0;
	}
	return c->fn(argv[0], argc - 2, argv + 2);
}
