// SPDX-License-Identifier: MIT
/*
 * fz.c - the shared half of the fuzz targets (interface in fz.h).
 *
 * The only global is the configuration, written once by fz_init() before
 * the first input and read-only after, and the arena every run's memory
 * comes from (mmarena.h).  A run's state lives in its own struct mm_prog
 * and in the world and oracle mm_run_program() creates and destroys, and
 * the arena is reset after each run (every object freed, checked), so
 * inputs cannot influence each other (AFL stability 100 %): only where
 * in the arena's memory an object lies depends on the runs before, and
 * nothing reads addresses.
 */
#include "fz.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmarena.h"
#include "mmemu.h"
#include "mmrun.h"
#include "mmtriage.h"

static struct {
	bool ready;
	bool strict, verbose;
	bool mutate_bytes;		/* MMFUZZ_MUTATOR=bytes */
	char only[128];			/* MMFUZZ_ONLY, as ",ID,ID,"; "" all */
	struct run_options run;
} fz_cfg;

/* ------------------------------------------------------------------ */
/* Configuration                                                       */

__attribute__((noreturn, format(printf, 1, 2)))
static void fz_config_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mmfuzz: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	exit(2);
}

static bool env_flag(const char *name)
{
	const char *v = getenv(name);

	return v && *v && strcmp(v, "0");
}

/* MMFUZZ_KNOBS, checked against the era's preset (mmtriage.h). */
static void fz_parse_knobs(const char *spec, const struct mm_knobs *preset)
{
	struct mm_knobspec_error err;
	char msg[512];

	if (!mm_knobspec_parse(&fz_cfg.run, spec, preset, &err))
		return;
	mm_knobspec_strerror(&err, "MMFUZZ_KNOBS", msg, sizeof(msg));
	fz_config_error("%s", msg);
}

/* MMFUZZ_MUTATOR: checked here so that a typo stops the fuzzer at once. */
static void fz_parse_mutator(const char *v)
{
	if (!v || !*v || !strcmp(v, "structure"))
		return;
	if (strcmp(v, "bytes"))
		fz_config_error("MMFUZZ_MUTATOR wants structure or bytes, got '%s'",
				v);
	fz_cfg.mutate_bytes = true;
}

/*
 * MMFUZZ_ONLY=ID[,ID...]: the violation ids (P1, X6, F3, ...) that count
 * as findings; the others are let through like a clean run.
 */
static void fz_parse_only(const char *v)
{
	size_t n = 1;

	if (!v || !*v)
		return;
	if (strlen(v) + 3 > sizeof(fz_cfg.only))
		fz_config_error("MMFUZZ_ONLY: list too long");
	fz_cfg.only[0] = ',';
	for (const char *c = v; *c; c++) {
		bool start = c == v || c[-1] == ',';

		if (!(*c == ',' ? !start && c[1] :
		      start ? *c >= 'A' && *c <= 'Z' : *c >= '0' && *c <= '9'))
			fz_config_error("MMFUZZ_ONLY wants violation ids like P1,X6, got '%s'",
					v);
		fz_cfg.only[n++] = *c;
	}
	fz_cfg.only[n++] = ',';
	fz_cfg.only[n] = '\0';
	/* An id no check reports would silently find nothing. */
	for (const char *id = fz_cfg.only + 1; *id; id += strcspn(id, ",") + 1) {
		char one[16];
		size_t len = strcspn(id, ",");

		if (len >= sizeof(one))
			fz_config_error("MMFUZZ_ONLY: '%.*s' is not a violation id",
					(int)len, id);
		memcpy(one, id, len);
		one[len] = '\0';
		if (!mm_violation_id_valid(one))
			fz_config_error("MMFUZZ_ONLY: '%s' is not a violation id (mmfuzz fuzz-env lists them)",
					one);
	}
}

/* Is a violation with this id a finding (MMFUZZ_ONLY)? */
static bool fz_wanted(const char *id)
{
	char key[sizeof(fz_cfg.only)];
	int n;

	if (!fz_cfg.only[0])
		return true;
	n = snprintf(key, sizeof(key), ",%s,", id);
	return n > 0 && (size_t)n < sizeof(key) && strstr(fz_cfg.only, key);
}

/* Read the environment (fz.h); idempotent. */
void fz_init(void)
{
	const char *era = getenv("MMFUZZ_ERA");
	struct mm_knobs preset;
	int ret;

	if (fz_cfg.ready)
		return;
	era = era && *era ? era : "current";
	ret = mm_era_preset(era, &preset);
	if (ret)
		fz_config_error("MMFUZZ_ERA: era '%s' %s", era,
				ret == -ENOENT ? "is unknown" : "is not supported yet");
	fz_cfg.run.era = era;
	fz_parse_knobs(getenv("MMFUZZ_KNOBS"), &preset);
	fz_cfg.strict = env_flag("MMFUZZ_STRICT");
	fz_cfg.verbose = env_flag("FZ_VERBOSE");
	fz_parse_mutator(getenv("MMFUZZ_MUTATOR"));
	fz_parse_only(getenv("MMFUZZ_ONLY"));
	fz_cfg.run.decoded = true;
	/* Process-lifetime: its memory serves every run. */
	fz_cfg.run.arena = mm_arena_create();
	fz_cfg.ready = true;
}

/* MMFUZZ_MUTATOR=bytes (fz.h). */
bool fz_mutate_bytes_only(void)
{
	fz_init();
	return fz_cfg.mutate_bytes;
}

/* ------------------------------------------------------------------ */
/* Reports                                                             */

/* Report "mmfuzz: MESSAGE", then @text, and abort() (fz.h). */
void fz_die(const char *text, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mmfuzz: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s", text ? text : "");
	fflush(stderr);
	abort();
}

__attribute__((noreturn))
static void fz_report(const struct mm_prog *p, const struct run_result *res)
{
	char *text = mm_prog_print(p);
	struct tri_sig sig;
	char title[128];

	/* The first line is the signature `mmfuzz triage` buckets by. */
	tri_signature(p, res, &sig);
	tri_sig_print(&sig, title, sizeof(title));
	fprintf(stderr, "mmfuzz: %s\n", title);
	fz_die(text, "at line %d (%s): %s (era %s)", res->line, res->stmt,
	       res->msg, res->era);
}

/* ------------------------------------------------------------------ */
/* Runs                                                                */

/* Decode, run, report (fz.h). */
void fz_run(const uint8_t *data, size_t size, enum mm_alphabet alpha)
{
	struct mm_decode_opts opts;
	struct run_result res;
	struct mm_prog p;

	fz_init();
	mm_decode_opts_init(&opts);
	opts.alphabet = alpha;
	opts.keep_directives = false;
	opts.skip_unsupported = true;
	opts.arena = fz_cfg.run.arena;
	if (mm_prog_decode(data, size, &opts, &p))
		return;		/* out of memory: not a finding */
	if (fz_cfg.verbose) {
		char *text = mm_prog_print(&p);

		fprintf(stderr, "mmfuzz: decoded program:\n%s", text ? text : "");
		free(text);
	}
	mm_run_program(&p, &fz_cfg.run, &res);
	if ((res.outcome == RUN_VIOLATION && fz_wanted(res.id)) ||
	    (res.outcome == RUN_KNOWN && fz_cfg.strict))
		fz_report(&p, &res);
	/* RUN_ERROR: decoding skipped what is not modelled; nothing to do. */
	mm_prog_free(&p);
	/* Aborts if the run left an object allocated (a leak of the model). */
	mm_arena_reset(fz_cfg.run.arena);
}

/* The canonical text of @len bytes decoded with @opts; NULL if no memory. */
static char *fz_decode_text(const uint8_t *buf, size_t len,
			    const struct mm_decode_opts *opts)
{
	struct mm_prog q;
	char *text;

	if (mm_prog_decode(buf, len, opts, &q))
		return NULL;
	text = mm_prog_print(&q);
	mm_prog_free(&q);
	return text;
}

/* encode -> decode gives a checked program back (fz.h). */
void fz_check_codec(const struct mm_prog *p)
{
	struct mm_decode_opts opts;
	struct mm_error err;
	char *want, *got;
	uint8_t *buf;
	size_t len;
	int ret;

	mm_decode_opts_init(&opts);
	opts.max_pages = 0;		/* the text has no bound either */
	want = mm_prog_print(p);
	if (!want)
		return;
	ret = mm_prog_encode_opts(p, &opts, &buf, &len, &err);
	if (ret == -ERANGE || ret == -ENOMEM) {
		free(want);
		return;
	}
	if (ret)
		fz_die(want, "encode failed at line %d: %s", err.line, err.msg);
	got = fz_decode_text(buf, len, &opts);
	free(buf);
	if (!got || strcmp(want, got))
		fz_die(want, "decode(encode(p)) differs; decoded:\n%s---",
		       got ? got : "(null)");
	free(got);
	free(want);
}
