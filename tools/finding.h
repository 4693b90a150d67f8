/* SPDX-License-Identifier: MIT */
/*
 * finding.h - what a fuzzing run's configuration and its findings look
 * like to the mmfuzz tool.
 *
 * The fuzz targets read MMFUZZ_ERA, MMFUZZ_KNOBS, MMFUZZ_ONLY,
 * MMFUZZ_STRICT and MMFUZZ_MUTATOR (fuzzers/fz.h).  `mmfuzz fuzz-env`
 * checks them before anything is built and prints them as the lines of a
 * finding's sidecar; build.sh stores each crash as
 *
 *   findings/TARGET/NAME/crash-...      the engine's artifact
 *   findings/TARGET/NAME/finding.txt    the sidecar: KEY=VALUE lines
 *
 * with the keys target, era, knobs, only, strict, engine, commit,
 * artifact and first_line ('#' lines are comments; unknown keys are
 * ignored).  decode and triage read the sidecar next to an artifact so
 * that they need no --target, --era or --knob.
 */
#ifndef MMFUZZ_TOOLS_FINDING_H
#define MMFUZZ_TOOLS_FINDING_H

#include <stdbool.h>
#include <stdio.h>

#include "mmrun.h"

#define FINDING_SIDECAR		"finding.txt"

struct finding {
	char path[4096];	/* the sidecar read */
	char target[32];	/* "" if the sidecar has none */
	char era[16];		/* "" if none */
	char knobs[512];	/* NAME=on|off,... as MMFUZZ_KNOBS */
	char only[128];
	char artifact[256];	/* file name of the artifact it describes */
};

/*
 * The sidecar describing @path: a finding directory (its finding.txt),
 * or an artifact whose directory holds a finding.txt naming it.  Fills
 * @f and, when @path is a directory, @artifact (room for @size) with the
 * artifact's path.  Returns 1 if found, 0 if there is none, -1 after a
 * message on stderr (@cmd prefixes it) if it is malformed.
 */
int finding_read(const char *cmd, const char *path, struct finding *f,
		 char *artifact, size_t size);

/*
 * MMFUZZ_KNOBS-style @spec (NAME=on|off,...) into @opt's knobs; -1 after
 * a message on stderr, prefixed by @cmd and naming @what (the variable
 * or file), if it is bad.
 */
int finding_parse_knobs(const char *cmd, const char *what, const char *spec,
			struct run_options *opt);

/* @path without its trailing slashes, into @dst (room for @size). */
void finding_trim(char *dst, size_t size, const char *path);

/* Every era the emulator knows, ", "-separated, on @out. */
void finding_list_eras(FILE *out);
/* Every violation id a program's expect line may name, on @out. */
void finding_list_ids(FILE *out);
/* Is @id a violation id of some class (I1, P6, X6...)? */
bool finding_id_valid(const char *id);

/* `mmfuzz fuzz-env`: argc/argv after the command word; exit status. */
int mmfuzz_cmd_fuzz_env(int argc, char **argv);

#endif /* MMFUZZ_TOOLS_FINDING_H */
