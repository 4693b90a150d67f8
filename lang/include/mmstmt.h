/* SPDX-License-Identifier: MIT */
/*
 * mmstmt.h - the statement table: one description per statement kind.
 *
 * What a statement kind *is* is written here once: its keyword, how a
 * line of it is spelled (the subject before the keyword and the typed
 * fields after it), which names it needs and what it does to them, which
 * fuzz alphabets may say it, its name in a crash signature, and what the
 * stepwise and live-kernel machinery may do with it.  The parser, the
 * printer, the checker, the binary codec, the generator and mutator, the
 * minimizer and the crash signature all read it (the model is syzkaller's
 * syscall descriptions, where one description drives everything).
 *
 * What a kind *does* is not here: the runner registers the emulator call
 * and the oracle event beside this table (runner/), repro-c and the live
 * tools register the real system calls (tools/).
 *
 * Adding a statement kind: append to enum mm_op (the binary encoding
 * numbers kinds), add its row in stmt.c, then the runner's callback and
 * the other per-kind tables that stmt.c's _Static_assert names; see the
 * README, "What is in the tree".
 */
#ifndef MMFUZZ_MMSTMT_H
#define MMFUZZ_MMSTMT_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Who performs a statement: the word before its keyword.
 *   MM_SUBJ_PROC    pK KEYWORD FIELDS... [@tN]
 *   MM_SUBJ_HANDLE  gN KEYWORD FIELDS...
 *   MM_SUBJ_FILE    fN KEYWORD FIELDS...
 *   MM_SUBJ_THREAD  tN KEYWORD
 *   MM_SUBJ_NONE    KEYWORD FIELDS...     (file fN ..., ksm, reclaim, ...)
 */
enum mm_subject {
	MM_SUBJ_PROC, MM_SUBJ_HANDLE, MM_SUBJ_FILE, MM_SUBJ_THREAD,
	MM_SUBJ_NONE,
};

/*
 * The typed fields after the keyword, in text order.  Each names the
 * struct mm_stmt members it fills; optional fields may be absent in text.
 */
enum mm_field {
	MMF_END,
	MMF_REGION,	/* rN: mmap slot, mremap target (region) */
	MMF_SIZE,	/* SIZE (size) */
	MMF_BACKING,	/* anon|driver|fM[+OFF] (file, has_foff, foff) */
	MMF_SHARING,	/* private|shared (shared) */
	MMF_PROT,	/* none|r|rw (prot) */
	MMF_MAP_OPTS,	/* [populate] [ro-file] [hugetlb|hugetlb-1g] (map_opts) */
	MMF_RANGE,	/* rN[+OFF][:LEN] (range) */
	MMF_ADVICE,	/* ADVICE (advice) */
	MMF_VALUE,	/* optional =V (has_value, value) */
	MMF_CHILD,	/* pJ (child) */
	MMF_HANDLE,	/* gN (handle) */
	MMF_GUP_MODE,	/* get|pin (gup_mode) */
	MMF_GUP_FLAGS,	/* [write] [longterm] [force] [fast] (gup_flags) */
	MMF_FILE,	/* fN (file) */
	MMF_FILE_KIND,	/* memfd|tmpfile|... (file_kind) */
	MMF_FILE_RANGE,	/* optional [+OFF][:LEN] (has_fwoff, fwoff, ...) */
	MM_NR_FIELDS
};

#define MM_STMT_MAX_FIELDS	7

/*
 * The names a statement needs before it runs (checked by the checker,
 * chosen by the generator) and what it does to the shadow of live
 * processes, regions, handles and files.  The subject's own name is
 * implied: a process statement needs its process alive, a handle
 * statement its handle in use, a file statement its file to exist.
 */
#define MMN_RANGE_MAPPED	(1u << 0)  /* RANGE lies in a mapped region */
#define MMN_RANGE_DRIVER	(1u << 1)  /* ... of a driver mapping */
#define MMN_HANDLE_FREE		(1u << 2)  /* gN is free (then taken) */
#define MMN_CHILD_FREE		(1u << 3)  /* pJ does not exist */
#define MMN_TARGET_FREE		(1u << 4)  /* mremap's rN holds nothing */
#define MMN_FILE_FREE		(1u << 5)  /* file fN does not exist yet */
#define MMN_FILE_EXISTS		(1u << 6)  /* mmap fM: the file exists */

enum mm_effect {
	MME_NONE,
	MME_MAP,	/* the slot rN is mapped with this statement's kind */
	MME_UNMAP,	/* a RANGE covering its region empties the slot */
	MME_MOVE,	/* RANGE moves to the slot rN */
	MME_PROTECT,	/* a RANGE covering its region sets its prot */
	MME_FORK,	/* pJ is born with a copy of pK's regions */
	MME_EXIT,	/* pK is gone, with the handles it took */
	MME_TAKE_HANDLE,/* gN is in use, owned by pK */
	MME_PUT_HANDLE,	/* gN is free again */
	MME_CREATE_FILE,/* fN exists */
};

/* Minimization hints (triage): what may be simplified in a statement. */
#define MMM_SHRINK_RANGE	(1u << 0)  /* RANGE to fewer pages */
#define MMM_DROP_VALUE		(1u << 1)  /* =V to fresh content */
#define MMM_CLEAR_FLAGS		(1u << 2)  /* option or flag words, one by one */
#define MMM_SHRINK_SIZE		(1u << 3)  /* SIZE to fewer pages */

/* Whether and how a statement runs on a real kernel (repro-c, live). */
enum mm_live {
	MM_LIVE_YES,		/* system calls any process may make */
	MM_LIVE_ROOT,		/* needs root (e.g. a sysctl or /proc write) */
	MM_LIVE_NO,		/* cannot be forced from userspace: see why */
};

struct mm_stmt_desc {
	const char *keyword;	/* the statement's word: "mmap", "read" */
	const char *sig_name;	/* its name in a crash signature */
	enum mm_subject subject;
	uint8_t fields[MM_STMT_MAX_FIELDS + 1];	/* MMF_*, MMF_END-terminated */
	unsigned int needs;	/* MMN_* */
	enum mm_effect effect;
	/* Fuzzing. */
	int8_t cow_opcode;	/* fuzz_cow's opcode byte, -1: not in it */
	int8_t thp_opcode;	/* fuzz_thp's opcode byte, -1: not in it */
	bool fuzz;		/* fuzz decoding keeps it (the runner can
				 * run it); false: dropped */
	uint8_t weight;		/* generator's relative weight */
	unsigned int minimize;	/* MMM_* */
	/* Stepwise execution: may carry @tN and run as a thread. */
	bool may_thread;
	/* The live kernel. */
	enum mm_live live;
	const char *live_why;	/* MM_LIVE_NO/ROOT: the reason, for reports */
	/*
	 * MMF_BACKING spelled by a fixed word that selects this kind among
	 * those of the same subject and keyword ("driver": a driver
	 * mapping, VM_MIXEDMAP, without a file); NULL: anon or fM.
	 */
	const char *backing;
	/*
	 * Its result shows memory content (a load, a read through a
	 * handle): a real-kernel run can see a finding only through these.
	 */
	bool observes;
};

/* The description of @op; NULL when @op is not a statement kind. */
const struct mm_stmt_desc *mm_stmt_desc(int op);

/* Whether field @f is among @op's fields. */
bool mm_stmt_has_field(int op, enum mm_field f);

/*
 * The names a subject word is one of (p0..p7, ...), for the parser, the
 * printer and the checker's messages.
 */
struct mm_subject_desc {
	char prefix;		/* 'p', 'g', 'f', 't' */
	int limit;		/* names prefix0 .. prefix(limit - 1) */
	const char *what;	/* "process", for messages */
};

/* The description of @subj; NULL for MM_SUBJ_NONE or a bad value. */
const struct mm_subject_desc *mm_subject_desc(enum mm_subject subj);

struct mm_stmt;

/*
 * The name the subject word of @s gives (K of pK): the struct mm_stmt
 * member its subject fills.  -1 when its kind has no subject word.
 */
int mm_stmt_subject(const struct mm_stmt *s);
/* Set that member (the parser); nothing when the kind has no subject. */
void mm_stmt_set_subject(struct mm_stmt *s, int8_t name);

#endif /* MMFUZZ_MMSTMT_H */
