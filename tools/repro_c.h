/* SPDX-License-Identifier: MIT */
/*
 * repro_c.h - the runtime of the C programs `mmfuzz repro-c` writes: the
 * files of live/ (live.h, live.c, live_iouring.c, repro.h, repro.c) as
 * strings, made by the build from the files themselves (tools/embed.cmake),
 * so that the reproducer runs the same code as `mmfuzz live`.  repro_c.c
 * writes them in this order, without their #include "..." lines (each
 * header is already there), then the tables and run_step().
 */
#ifndef MMFUZZ_TOOLS_REPRO_C_H
#define MMFUZZ_TOOLS_REPRO_C_H

/* NULL-terminated: each file's name (as "live/live.c") and its text. */
extern const char *const repro_rt_names[];
extern const char *const repro_rt_texts[];

#endif /* MMFUZZ_TOOLS_REPRO_C_H */
