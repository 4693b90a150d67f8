/* SPDX-License-Identifier: MIT */
/*
 * mmfuzz.h - what the subcommands of the mmfuzz tool share: input files,
 * the fuzz targets' decoding options, --era/--knob arguments and the
 * one-line outcome of a run (spec/program.md §7).
 *
 * mmfuzz.c holds main() and run/print/knobs/encode/decode; triage.c and
 * runner/minimize.c the triage command; repro_c.c the C reproducer generator.
 */
#ifndef MMFUZZ_TOOLS_MMFUZZ_H
#define MMFUZZ_TOOLS_MMFUZZ_H

#include <stdio.h>

#include "mmprog.h"
#include "mmrun.h"

/*
 * Read all of @path ("-": stdin) into a malloc'd buffer of *@len bytes.
 * Returns NULL with *@why set (a static string) when it cannot.
 */
char *mmfuzz_read_input(const char *path, size_t *len, const char **why);
int mmfuzz_load_checked(const char *cmd, const char *path, struct mm_prog *p);

/*
 * Decoding options of fuzz target @name exactly as fuzzers/fz.c decodes
 * its input (alphabet, no directives, unsupported statements skipped).
 * Returns 0, or -1 if @name is neither fuzz_mm nor fuzz_cow.
 */
int mmfuzz_target_opts(const char *name, struct mm_decode_opts *o);

/* --knob NAME=on|off into @opt; 0, or -1 after a message on stderr. */
int mmfuzz_parse_knob_arg(const char *arg, struct run_options *opt);

/* --era NAME: 0 if the era exists (modelled or not), else -1 and a message. */
int mmfuzz_check_era_arg(const char *era);

/* @opt's era and knobs as directives of @p; -1 if too many knob lines. */
int mmfuzz_bake(const struct run_options *opt, struct mm_prog *p);

/* The one-line outcome of `mmfuzz run` for @path, on @out. */
void mmfuzz_print_outcome(FILE *out, const char *path,
			  const struct run_result *res);

/* Subcommands: argc/argv after the command word; exit status. */
int mmfuzz_cmd_triage(int argc, char **argv);
int mmfuzz_cmd_repro_c(int argc, char **argv);
/* live_cmd.c: the running kernel's traces, and their diff with the emulator's. */
int mmfuzz_cmd_live(int argc, char **argv);
int mmfuzz_cmd_diff(int argc, char **argv);

#endif /* MMFUZZ_TOOLS_MMFUZZ_H */
