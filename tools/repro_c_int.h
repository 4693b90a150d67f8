/* SPDX-License-Identifier: MIT */
/*
 * repro_c_int.h - what the halves of `mmfuzz repro-c` share: the
 * simulation's state (processes, handles, fresh values, files and each
 * step's code), which the emitters in repro_c_emit.c fill in statement by
 * statement and repro_c.c writes out as the generated program's tables.
 */
#ifndef MMFUZZ_TOOLS_REPRO_C_INT_H
#define MMFUZZ_TOOLS_REPRO_C_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mmprog.h"

#define PAGE		MM_PAGE_SIZE
#define OWNER_MAIN	(-1)
#define OWNER_NONE	(-2)

enum handle_kind { H_NONE, H_PIPE, H_RING, H_UNSUPPORTED };

struct rc_handle {
	enum handle_kind kind;
	int owner;			/* pK */
	uint64_t start, size;
	bool disturbed;			/* the owner unmapped/remapped/discarded it */
};

struct rc_fresh {
	int inst, step, line;
	bool shared;
};

struct rc_inst {
	int name, parent, fork_step;
	bool shared[MM_NR_REGIONS];	/* per slot: the mapping is MAP_SHARED */
};

/* What the emulator did with a step (the generated steps[].emu). */
enum rc_emu { EMU_OK, EMU_FAILED, EMU_NOT_RUN };

struct rc_step {
	int owner, child;
	enum rc_emu emu;
	char code[256];			/* the body of its case in run_step() */
};

struct rc_file {
	int kind;
	uint64_t size;
};

struct rc {
	const char *path;
	const struct mm_prog *p;
	int inst_of[MM_NR_PROCS];
	struct rc_inst *inst;
	size_t nr_inst;
	struct rc_handle handle[MM_NR_HANDLES];
	struct rc_fresh *fresh;
	size_t nr_fresh, cap_fresh;
	uint64_t *explicit_values;
	size_t nr_explicit;
	struct rc_file file[MM_NR_FILES];
	struct rc_step *step;
	int unsupported;
	/*
	 * Why "ok" would say nothing: the emulator's finding changes no
	 * value that a statement at or after it reads ("" when one does).
	 */
	char unobserved[200];
};

/*
 * repro_c_emit.c: step @i of the program, its owner and code, and what
 * the simulation learns.  Returns 0, or -1 when out of memory.
 */
int rc_stmt(struct rc *rc, size_t i);

#endif /* MMFUZZ_TOOLS_REPRO_C_INT_H */
