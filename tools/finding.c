// SPDX-License-Identifier: MIT
/*
 * finding.c - the fuzz targets' configuration as the tool sees it, and the
 * sidecar of a stored finding (finding.h).
 *
 *   mmfuzz fuzz-env     check MMFUZZ_ERA, MMFUZZ_KNOBS, MMFUZZ_ONLY,
 *                       MMFUZZ_STRICT and MMFUZZ_MUTATOR as the fuzz
 *                       targets will read them; print them as sidecar
 *                       lines, or exit 2 naming what is valid
 *
 * The valid names come from the emulator and the language themselves:
 * eras are asked of mm_era_canonical(), knobs of mm_knob_info(), and
 * violation ids of the parser, which knows which ids an expect line may
 * name for each class.  build.sh runs this before it builds anything, so
 * a typo costs a second, not a build and a fuzzing run that cannot find
 * anything.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mmemu.h"
#include "mmprog.h"
#include "mmfuzz.h"
#include "finding.h"
#include "mmtriage.h"

/* ------------------------------------------------------------------ */
/* Valid names                                                         */

/*
 * Eras are named after kernel versions; the emulator has no list of them
 * to hand out, so every MAJOR.MINOR it could plausibly know is asked.
 */
#define ERA_MAX_MAJOR	9
#define ERA_MAX_MINOR	39

static void list_era(FILE *out, const char *name, const char **sep)
{
	struct mm_knobs k;

	if (!mm_era_canonical(name))
		return;
	fprintf(out, "%s%s%s", *sep, name,
		mm_era_preset(name, &k) ? " (not modelled yet)" : "");
	*sep = ", ";
}

void finding_list_eras(FILE *out)
{
	const char *sep = "";
	char name[32];		/* room for any two unsigned ints */

	for (unsigned int major = 2; major <= ERA_MAX_MAJOR; major++) {
		for (unsigned int minor = 0; minor <= ERA_MAX_MINOR; minor++) {
			snprintf(name, sizeof(name), "%u.%u", major, minor);
			list_era(out, name, &sep);
		}
	}
	list_era(out, "current", &sep);
}

bool finding_id_valid(const char *id)
{
	return mm_violation_id_valid(id);
}

/* Ids are a capital letter and a number (I1, P6, S9). */
void finding_list_ids(FILE *out)
{
	const char *sep = "";
	char id[16];		/* room for a letter and any unsigned int */

	for (int c = MMV_ISOLATION; c <= MMV_FAULT; c++) {
		for (char l = 'A'; l <= 'Z'; l++) {
			for (unsigned int nr = 1; nr < 20; nr++) {
				snprintf(id, sizeof(id), "%c%u", l, nr);
				if (!mm_violation_id_of_class((int)c, id))
					continue;
				fprintf(out, "%s%s", sep, id);
				sep = ", ";
			}
		}
	}
}

static void list_knobs(FILE *out)
{
	const char *sep = "";

	for (int i = 0; i < MM_NR_KNOBS; i++) {
		const struct mm_knob_info *info = mm_knob_info(i);

		if (!info->modelled)
			continue;
		fprintf(out, "%s%s", sep, info->name);
		sep = ", ";
	}
}

/* ------------------------------------------------------------------ */
/* Knob lists                                                          */

int finding_parse_knobs(const char *cmd, const char *what, const char *spec,
			struct run_options *opt)
{
	struct mm_knobspec_error err;
	char msg[512];

	if (!mm_knobspec_parse(opt, spec, NULL, &err))
		return 0;
	mm_knobspec_strerror(&err, what, msg, sizeof(msg));
	fprintf(stderr, "%s: %s\n%s: in %s='%s'\n", cmd, msg, cmd, what, spec);
	return -1;
}

/* ------------------------------------------------------------------ */
/* fuzz-env                                                            */

static const char *env_or(const char *name, const char *dflt)
{
	const char *v = getenv(name);

	return v && *v ? v : dflt;
}

static int check_era(const char *era, struct mm_knobs *preset)
{
	int ret = mm_era_preset(era, preset);

	if (!ret)
		return 0;
	fprintf(stderr, "mmfuzz fuzz-env: MMFUZZ_ERA: era '%s' %s\n", era,
		ret == -ENOENT ? "is unknown" : "is not modelled yet");
	fprintf(stderr, "  eras: ");
	finding_list_eras(stderr);
	fputc('\n', stderr);
	return -1;
}

/* Knobs as fz.c reads them: a fixed knob may not move off its era's value. */
static int check_knobs(const char *spec, const struct mm_knobs *preset)
{
	struct run_options opt = { 0 };

	if (finding_parse_knobs("mmfuzz fuzz-env", "MMFUZZ_KNOBS", spec, &opt))
		goto bad;
	for (int i = 0; i < opt.nr_knobs; i++) {
		int k = mm_knob_lookup(opt.knobs[i].name);

		if (!mm_knob_info(k)->modelled &&
		    opt.knobs[i].value != preset->on[k]) {
			fprintf(stderr, "mmfuzz fuzz-env: MMFUZZ_KNOBS: knob %s is not modelled yet\n",
				opt.knobs[i].name);
			goto bad;
		}
	}
	return 0;
bad:
	fprintf(stderr, "  knobs: ");
	list_knobs(stderr);
	fprintf(stderr, "\n  (mmfuzz knobs --era E shows each with its value)\n");
	return -1;
}

static int check_only(const char *spec)
{
	char id[16];

	while (*spec) {
		const char *comma = strchr(spec, ',');
		size_t len = comma ? (size_t)(comma - spec) : strlen(spec);

		if (len >= sizeof(id) || !len)
			goto bad;
		memcpy(id, spec, len);
		id[len] = '\0';
		if (!finding_id_valid(id))
			goto bad;
		spec = comma ? comma + 1 : spec + len;
		if (comma && !*spec)
			goto bad;
	}
	return 0;
bad:
	fprintf(stderr, "mmfuzz fuzz-env: MMFUZZ_ONLY: '%.*s' is not a violation id\n",
		(int)strcspn(spec, ","), spec);
	fprintf(stderr, "  ids: ");
	finding_list_ids(stderr);
	fputc('\n', stderr);
	return -1;
}

int mmfuzz_cmd_fuzz_env(int argc, char **argv)
{
	const char *era = env_or("MMFUZZ_ERA", "current");
	const char *knobs = env_or("MMFUZZ_KNOBS", "");
	const char *only = env_or("MMFUZZ_ONLY", "");
	const char *mutator = env_or("MMFUZZ_MUTATOR", "structure");
	const char *strict = env_or("MMFUZZ_STRICT", "0");
	struct mm_knobs preset;
	int bad = 0;

	(void)argv;
	if (argc) {
		fprintf(stderr, "usage: mmfuzz fuzz-env\n");
		return 2;
	}
	if (check_era(era, &preset))
		bad = 1;
	else if (check_knobs(knobs, &preset))
		bad = 1;
	if (check_only(only))
		bad = 1;
	if (strcmp(mutator, "structure") && strcmp(mutator, "bytes")) {
		fprintf(stderr, "mmfuzz fuzz-env: MMFUZZ_MUTATOR wants structure or bytes, got '%s'\n",
			mutator);
		bad = 1;
	}
	if (bad)
		return 2;
	printf("era=%s\nknobs=%s\nonly=%s\nstrict=%d\nmutator=%s\n", era,
	       knobs, only, strcmp(strict, "0") ? 1 : 0, mutator);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Sidecars                                                            */

static int copy_value(const char *cmd, const char *path, int lineno,
		      char *dst, size_t size, const char *v, size_t n)
{
	if (n >= size) {
		fprintf(stderr, "%s: %s:%d: value too long\n", cmd, path, lineno);
		return -1;
	}
	memcpy(dst, v, n);
	dst[n] = '\0';
	return 0;
}

/* One KEY=VALUE line of a sidecar. */
static int sidecar_line(const char *cmd, struct finding *f, int lineno,
			const char *l, size_t n)
{
	static const struct {
		const char *key;
		size_t off, size;
	} keys[] = {
#define KEY(k)	{ #k, offsetof(struct finding, k), sizeof(((struct finding *)0)->k) }
		KEY(target), KEY(era), KEY(knobs), KEY(only), KEY(artifact),
#undef KEY
	};
	const char *eq = memchr(l, '=', n);

	if (n && l[n - 1] == '\r')
		n--;
	if (!n || l[0] == '#')
		return 0;
	if (!eq) {
		fprintf(stderr, "%s: %s:%d: want KEY=VALUE\n", cmd, f->path,
			lineno);
		return -1;
	}
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (strlen(keys[i].key) != (size_t)(eq - l) ||
		    memcmp(keys[i].key, l, (size_t)(eq - l)))
			continue;
		return copy_value(cmd, f->path, lineno, (char *)f + keys[i].off,
				  keys[i].size, eq + 1,
				  n - (size_t)(eq + 1 - l));
	}
	return 0;	/* commit, engine, first_line...: for people */
}

static int sidecar_parse(const char *cmd, struct finding *f)
{
	const char *why = NULL, *l, *end;
	size_t len;
	char *buf = mmfuzz_read_input(f->path, &len, &why);
	int lineno = 0, ret = 0;

	if (!buf) {
		fprintf(stderr, "%s: %s: cannot read: %s\n", cmd, f->path, why);
		return -1;
	}
	for (l = buf, end = buf + len; l < end && !ret; ) {
		const char *nl = memchr(l, '\n', (size_t)(end - l));
		size_t n = nl ? (size_t)(nl - l) : (size_t)(end - l);

		ret = sidecar_line(cmd, f, ++lineno, l, n);
		l += n + 1;
	}
	free(buf);
	if (!ret && (!f->artifact[0] || strchr(f->artifact, '/'))) {
		fprintf(stderr, "%s: %s: no artifact=FILE line naming a file next to it\n",
			cmd, f->path);
		ret = -1;
	}
	return ret ? -1 : 1;
}

int finding_read(const char *cmd, const char *path, struct finding *f,
		 char *artifact, size_t size)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t dirlen = slash ? (size_t)(slash - path) : 0;
	struct stat st;
	bool dir;
	int ret;

	memset(f, 0, sizeof(*f));
	if (stat(path, &st))
		return 0;
	dir = S_ISDIR(st.st_mode);
	if (dir)
		snprintf(f->path, sizeof(f->path), "%s/%s", path, FINDING_SIDECAR);
	else
		snprintf(f->path, sizeof(f->path), "%.*s%s%s", (int)dirlen,
			 path, slash ? "/" : "", FINDING_SIDECAR);
	if (stat(f->path, &st) || !S_ISREG(st.st_mode))
		return 0;
	ret = sidecar_parse(cmd, f);
	if (ret <= 0)
		return ret;
	if (dir) {
		snprintf(artifact, size, "%s/%s", path, f->artifact);
		return 1;
	}
	/* A sidecar speaks for its own artifact only. */
	return strcmp(base, f->artifact) ? 0 : 1;
}

void finding_trim(char *dst, size_t size, const char *path)
{
	size_t n = strlen(path);

	while (n > 1 && path[n - 1] == '/')
		n--;
	snprintf(dst, size, "%.*s", (int)n, path);
}
