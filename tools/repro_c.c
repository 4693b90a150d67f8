// SPDX-License-Identifier: MIT
/*
 * repro_c.c - `mmfuzz repro-c FILE.mm [-o OUT.c]`: the program as a
 * standalone C program that performs the same steps with real system
 * calls, for checking a finding (or a scenario) on a real kernel.
 *
 * The generated program (its runtime is live/, the files `mmfuzz live`
 * runs too, copied in by the build: repro_c.h):
 *
 *   - runs every .mm process as a real process; the original process
 *     coordinates: it hands each step, in program order, to the process
 *     that owns it down that process's pipe and waits for the answer, so
 *     exactly one step runs at a time (fork children start waiting on
 *     their pipe; an exiting process is waited for with a pidfd);
 *   - maps regions with MAP_FIXED at the slot addresses, and calls
 *     munmap, mprotect, madvise, mremap(MAYMOVE|FIXED), fork, exit;
 *   - stores a unique 64-bit value into every page a write covers (value
 *     #n of the program is TAG | n; `=V` stores V), loads under a SIGSEGV
 *     handler, reads and writes /proc/self/mem for memread/memwrite, and
 *     writes 4 to /proc/self/clear_refs;
 *   - creates every file at the start (memfd_create, O_TMPFILE, an
 *     unlinked /dev/shm file), so that every process has it, and pwrite()s;
 *   - turns vmsplice (and gup get [fast]) into vmsplice() into a pipe, read
 *     back with tee() so that a read does not consume it; iouring (and gup
 *     pin write longterm [fast]) into io_uring fixed buffers through raw
 *     system calls, read with IORING_OP_WRITE_FIXED into a memfd.
 *
 * It prints every step and what each load and handle read observes, and
 * judges what it can judge without the emulator: the generator knows who
 * wrote each fresh value, into private or shared memory, and the fork
 * tree, so a value a process (or its handle) could never have seen is a
 * LEAK (P5, I1, I2: another process's private write after they parted);
 * an io_uring pin whose owner did not unmap, remap or discard the range
 * must show what the owner maps, else PIN LOST (P1); a value nobody
 * wrote is CORRUPT.  The last line is "verdict: ..."; the exit status is
 * 0 (ok), 1 (LEAK, PIN LOST, CORRUPT) or 2 (inconclusive, with the first
 * reason: a step was skipped, or it failed here where the emulator's
 * succeeded or the other way round, e.g. a hugetlb mmap with an empty
 * pool; what follows such a step is not the program's, so "ok" would say
 * nothing).  Which steps succeed in the emulator, the generator learns by
 * running the program once (its trace).
 *
 * Statements with no userspace equivalent become comments in the output
 * and are listed on stderr ("no userspace equivalent: line N: ..."):
 * other gup flag combinations (FOLL_FORCE, R/O or short-term pins, GET
 * with write), device writes through a handle, KSM/reclaim/khugepaged/
 * compaction passes, stepwise @tN statements, driver mappings and the
 * zeropage a driver inserts (a driver mapping's slot is unmapped instead,
 * so that nothing mapped there before is read as if it were the
 * driver's).  drop-caches is attempted (root only).
 *
 * This file runs the simulation and the emulator and writes the program;
 * repro_c_emit.c holds each statement kind's step in run_step() and what
 * it tells the simulation (the emitters and their table).
 */
#define _POSIX_C_SOURCE 200809L	/* open_memstream */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmfuzz.h"
#include "repro_c.h"
#include "repro_c_int.h"

/* ------------------------------------------------------------------ */
/* The simulation: every step, then its result in the emulator         */

/*
 * One line of the emulator's trace, "  LINE: STATEMENT -> RESULT": the
 * result of the step with that line and text.
 */
static void rc_emu_line(struct rc *rc, const char *line)
{
	const char *arrow = strstr(line, " -> "), *text;
	char want[256];
	long n;

	if (!arrow)
		return;
	n = strtol(line, (char **)&text, 10);
	if (text == line || strncmp(text, ": ", 2))
		return;
	text += 2;
	for (size_t i = 0; i < rc->p->nr_stmts; i++) {
		const struct mm_stmt *s = &rc->p->stmts[i];

		if (s->line != n)
			continue;
		mm_stmt_print(s, want, sizeof(want));
		if ((size_t)(arrow - text) == strlen(want) &&
		    !strncmp(text, want, strlen(want)))
			rc->step[i].emu = strcmp(arrow + 4, "ok") ?
					  EMU_FAILED : EMU_OK;
		return;
	}
}

/*
 * Run the program in the emulator, as `mmfuzz run` does, for each step's
 * result: a step the kernel does differently makes the verdict
 * inconclusive.  Steps after the run stopped stay EMU_NOT_RUN.
 */
/*
 * A finding the real program cannot show: the emulator stopped at a
 * statement (a fork that shared a pinned page, say) and nothing at or
 * after it reads memory, so a real run would say "ok" whatever the
 * kernel did.  The verdict is then inconclusive, with the reason.
 */
static void rc_check_observed(struct rc *rc, const struct run_result *res)
{
	const struct mm_prog *p = rc->p;
	size_t i = 0;

	if (res->outcome != RUN_VIOLATION && res->outcome != RUN_KNOWN)
		return;
	while (i < p->nr_stmts && p->stmts[i].line != res->line)
		i++;
	for (; i < p->nr_stmts; i++)
		if (mm_stmt_desc(p->stmts[i].op)->observes)
			return;
	snprintf(rc->unobserved, sizeof(rc->unobserved),
		 "the emulator's finding (%s/%s at line %d) is not read back by any later statement: add a write and a read that show it",
		 res->cls, res->id, res->line);
}

static int rc_emulate(struct rc *rc)
{
	struct run_options opt = { 0 };
	struct run_result res;
	char *buf = NULL, *line, *nl;
	size_t len = 0;

	for (size_t i = 0; i < rc->p->nr_stmts; i++)
		rc->step[i].emu = EMU_NOT_RUN;
	opt.trace = open_memstream(&buf, &len);
	if (!opt.trace)
		return -1;
	mm_run_program(rc->p, &opt, &res);
	rc_check_observed(rc, &res);
	if (fclose(opt.trace) || !buf) {
		free(buf);
		return -1;
	}
	for (line = buf; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			break;
		*nl = '\0';
		while (*line == ' ')
			line++;
		rc_emu_line(rc, line);
	}
	free(buf);
	return 0;
}

static int rc_simulate(struct rc *rc)
{
	size_t n = rc->p->nr_stmts;

	rc->step = calloc(n ? n : 1, sizeof(*rc->step));
	rc->inst = calloc(n + 1, sizeof(*rc->inst));
	if (!rc->step || !rc->inst)
		return -1;
	for (int k = 0; k < MM_NR_PROCS; k++)
		rc->inst_of[k] = -1;
	rc->inst_of[0] = 0;
	rc->inst[0].parent = -1;
	rc->nr_inst = 1;
	for (size_t i = 0; i < n; i++)
		if (rc_stmt(rc, i))
			return -1;
	return rc_emulate(rc);
}

/* ------------------------------------------------------------------ */
/* Output                                                              */

/* The runtime's files, each without its #include "..." lines. */
static void rc_runtime(FILE *out)
{
	for (size_t f = 0; repro_rt_names[f]; f++) {
		const char *line = repro_rt_texts[f], *nl;

		fprintf(out, "\n/* ---- %s ---- */\n", repro_rt_names[f]);
		for (; *line; line = nl + 1) {
			nl = strchr(line, '\n');
			if (!nl)
				nl = line + strlen(line) - 1;
			if (strncmp(line, "#include \"", 10))
				fwrite(line, 1, (size_t)(nl - line) + 1, out);
		}
	}
}

static void rc_header(const struct rc *rc, FILE *out)
{
	const struct mm_prog *p = rc->p;
	char line[256];

	fprintf(out, "/*\n * Generated by `mmfuzz repro-c %s`: the program below, with real\n"
		" * system calls.  Build: cc -Wall -o repro repro.c   Run: ./repro\n"
		" * Exit status: 0 ok, 1 LEAK / PIN LOST / CORRUPT, 2 inconclusive.\n"
		" *\n", rc->path);
	if (p->expect == MM_EXPECT_VIOLATION)
		fprintf(out, " * The emulator expects: violation %s%s%s (era %s).\n",
			p->expect_class, p->expect_id[0] ? "/" : "",
			p->expect_id, p->era);
	else if (p->expect == MM_EXPECT_KNOWN)
		fprintf(out, " * The emulator expects: known %s (era %s).\n",
			p->expect_known, p->era);
	for (int k = 0; k < p->nr_knobs; k++)
		fprintf(out, " * Knob %s=%s (emulator only: the kernel has its own rules).\n",
			p->knobs[k].name, p->knobs[k].value ? "on" : "off");
	for (size_t i = 0; i < p->nr_stmts; i++) {
		mm_stmt_print(&p->stmts[i], line, sizeof(line));
		fprintf(out, " *  %3d  %s\n", p->stmts[i].line, line);
	}
	fprintf(out, " */\n");
}

static void rc_tables(const struct rc *rc, FILE *out)
{
	const struct mm_prog *p = rc->p;
	char text[256];

	fprintf(out, "\n/* Generated tables. */\nconst long nr_fresh = %zu;\n", rc->nr_fresh);
	fprintf(out, "const struct fresh fresh[] = {\n");
	for (size_t n = 0; n < rc->nr_fresh; n++)
		fprintf(out, "\t{ %d, %d, %d, %d },\t/* #%zu */\n", rc->fresh[n].inst,
			rc->fresh[n].step, rc->fresh[n].line, rc->fresh[n].shared, n + 1);
	fprintf(out, "%s};\n", rc->nr_fresh ? "" : "\t{ 0, 0, 0, 0 },\n");
	fprintf(out, "const struct inst insts[] = {\n");
	for (size_t n = 0; n < rc->nr_inst; n++)
		fprintf(out, "\t{ %d, %d, %d },\n", rc->inst[n].name,
			rc->inst[n].parent, rc->inst[n].fork_step);
	fprintf(out, "};\nconst long nr_explicit = %zu;\nconst uint64_t explicit_values[] = {",
		rc->nr_explicit);
	for (size_t n = 0; n < rc->nr_explicit; n++)
		fprintf(out, " %" PRIu64 "ULL,", rc->explicit_values[n]);
	fprintf(out, " 0 };\nconst struct file file_specs[8] = {\n");
	for (int f = 0; f < MM_NR_FILES; f++)
		fprintf(out, "\t{ %d, 0x%" PRIx64 "UL },\n", rc->file[f].kind,
			rc->file[f].size);
	fprintf(out, "};\nconst int nr_steps = %zu;\nconst struct step steps[] = {\n",
		p->nr_stmts);
	for (size_t i = 0; i < p->nr_stmts; i++) {
		mm_stmt_print(&p->stmts[i], text, sizeof(text));
		fprintf(out, "\t{ %d, %d, %d, %d, \"%s\" },\n", rc->step[i].owner,
			rc->step[i].child, p->stmts[i].line, rc->step[i].emu,
			text);
	}
	fprintf(out, "%s};\n", p->nr_stmts ? "" : "\t{ OWNER_NONE, -1, 0, 2, \"\" },\n");
	fprintf(out, "const char unobserved[] = \"%s\";\n", rc->unobserved);
}

static void rc_run_step(const struct rc *rc, FILE *out)
{
	fprintf(out, "\n/* Step @step of the program, in the process that owns it. */\n"
		"void run_step(int step)\n{\n\tswitch (step) {\n");
	for (size_t i = 0; i < rc->p->nr_stmts; i++) {
		char text[256];

		mm_stmt_print(&rc->p->stmts[i], text, sizeof(text));
		fprintf(out, "\tcase %zu:\t/* line %d: %s */\n\t\t%s\n\t\tbreak;\n",
			i, rc->p->stmts[i].line, text, rc->step[i].code);
	}
	fprintf(out, "\tdefault:\n\t\tbreak;\n\t}\n}\n");
}

static void rc_emit(const struct rc *rc, FILE *out)
{
	rc_header(rc, out);
	rc_runtime(out);
	rc_tables(rc, out);
	rc_run_step(rc, out);
}

/* ------------------------------------------------------------------ */
/* Command                                                             */

static void rc_free(struct rc *rc)
{
	free(rc->inst);
	free(rc->fresh);
	free(rc->explicit_values);
	free(rc->step);
}

int mmfuzz_cmd_repro_c(int argc, char **argv)
{
	const char *in = NULL, *out_path = NULL;
	struct rc rc = { 0 };
	struct mm_prog p;
	FILE *out;
	int status = 0;

	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc) {
			out_path = argv[++i];
		} else if (!in && (argv[i][0] != '-' || !argv[i][1])) {
			in = argv[i];
		} else {
			fprintf(stderr, "usage: mmfuzz repro-c FILE.mm [-o OUT.c]\n");
			return 2;
		}
	}
	if (!in) {
		fprintf(stderr, "usage: mmfuzz repro-c FILE.mm [-o OUT.c]\n");
		return 2;
	}
	if (mmfuzz_load_checked("mmfuzz repro-c", in, &p))
		return 2;
	rc.path = in;
	rc.p = &p;
	if (rc_simulate(&rc)) {
		fprintf(stderr, "mmfuzz repro-c: out of memory\n");
		status = 2;
	}
	out = !status && out_path && strcmp(out_path, "-") ? fopen(out_path, "w") : stdout;
	if (!status && !out) {
		fprintf(stderr, "mmfuzz repro-c: %s: %s\n", out_path, strerror(errno));
		status = 2;
	}
	if (!status) {
		rc_emit(&rc, out);
		if ((out == stdout ? fflush(out) : fclose(out)) != 0)
			status = 2;
	}
	rc_free(&rc);
	mm_prog_free(&p);
	return status;
}
