/* SPDX-License-Identifier: MIT */
/*
 * repro_c.h - the runtime text of the C programs `mmfuzz repro-c` writes
 * (repro_c_rt.c, repro_c_rt_iouring.c, repro_c_rt_main.c), in the order
 * repro_c.c emits it:
 *
 *   header comment (generated)
 *   repro_rt_head        includes, fallback constants, table types
 *   tables (generated)   fresh values, fork tree, files, steps
 *   repro_rt_body        coordination state, judging, one helper per statement
 *   repro_rt_iouring     io_uring through raw system calls, or
 *   repro_rt_no_iouring  its stubs, for programs without io_uring
 *   run_step (generated) one case per statement
 *   repro_rt_main        the worker loop, the coordinator, the verdict
 *
 * Each array is NULL-terminated, one source line per element.
 */
#ifndef MMFUZZ_TOOLS_REPRO_C_H
#define MMFUZZ_TOOLS_REPRO_C_H

extern const char *const repro_rt_head[];
extern const char *const repro_rt_body[];
extern const char *const repro_rt_iouring[];
extern const char *const repro_rt_no_iouring[];
extern const char *const repro_rt_main[];

#endif /* MMFUZZ_TOOLS_REPRO_C_H */
