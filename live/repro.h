/* SPDX-License-Identifier: MIT */
/*
 * repro.h - the tables a C program written by `mmfuzz repro-c` carries
 * (tools/repro_c.c writes them after this runtime): the steps, who wrote
 * each fresh value, the fork tree, the files.  repro.c runs them.
 */
#ifndef MMFUZZ_LIVE_REPRO_H
#define MMFUZZ_LIVE_REPRO_H

#include <stdint.h>

#include "live.h"

struct step {
	int owner;		/* pK; OWNER_MAIN: the coordinator; OWNER_NONE: skipped */
	int child;		/* fork: pJ */
	int line;
	int emu;		/* in the emulator: 0 it succeeded, 1 it failed, 2 not run */
	const char *text;
};
#define OWNER_MAIN (-1)
#define OWNER_NONE (-2)

struct fresh {
	int inst, step, line, shared;	/* writer (instance), when, where */
};

struct inst {
	int name, parent, fork_step;	/* pN; the instance it forked from */
};

struct file {
	int kind;			/* enum live_file_kind */
	unsigned long size;		/* 0: no such file */
};

/* The generated tables (defined after the runtime). */
extern const struct fresh fresh[];
extern const long nr_fresh;
extern const struct inst insts[];
extern const uint64_t explicit_values[];
extern const long nr_explicit;
extern const struct file file_specs[8];
extern const struct step steps[];
extern const int nr_steps;
extern const char unobserved[];
/* Step @step of the program, in the process that owns it (generated). */
void run_step(int step);

/* The runtime's helpers the generated run_step() calls (repro.c). */
void done(const char *what, int err);
void inconclusive(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void do_mmap(int region, unsigned long len, int prot, int shared,
	     unsigned int opts, int file, unsigned long off);
void do_munmap(unsigned long addr, unsigned long len);
void do_mprotect(unsigned long addr, unsigned long len, int prot);
void do_madvise(unsigned long addr, unsigned long len, int advice);
void do_mlock(unsigned long addr, unsigned long len);
void do_munlock(unsigned long addr, unsigned long len);
void do_mremap(unsigned long addr, unsigned long len, int region);
void do_read(unsigned long addr, unsigned long pages);
void do_write(unsigned long addr, unsigned long pages, uint64_t first,
	      uint64_t value);
void do_memrw(unsigned long addr, unsigned long pages, int write,
	      uint64_t first);
void do_clear_refs(void);
void do_fork(int name, int inst);
void do_exit(void);
void do_vmsplice(int g, unsigned long addr, unsigned long len);
void do_iouring(int g, unsigned long addr, unsigned long len);
void do_handle_read(int g, int check_pin);
void do_handle_put(int g);
void do_file_write(int file, unsigned long off, unsigned long pages,
		   uint64_t first, uint64_t value);
void do_drop_caches(void);

#endif /* MMFUZZ_LIVE_REPRO_H */
