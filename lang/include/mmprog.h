/* SPDX-License-Identifier: MIT */
/*
 * mmprog.h - the .mm program language: syntax tree, parser, printer, checker.
 *
 * A program is a list of directives followed by a list of statements, as
 * specified by spec/program.md.  The parser turns text into a struct mm_prog,
 * the printer turns a struct mm_prog back into canonical text, and the
 * checker walks the statements in order, tracking which processes, regions
 * and handles exist, so that every range can be resolved to an address and
 * every malformed use reported with its line number.
 *
 * Round trip contract: mm_prog_parse(mm_prog_print(p)) yields a program equal
 * to p (mm_prog_equal), and printing that again gives the same text.
 */
#ifndef MMFUZZ_MMPROG_H
#define MMFUZZ_MMPROG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define MM_NR_PROCS	8
#define MM_NR_REGIONS	16
#define MM_NR_FILES	8
#define MM_NR_HANDLES	32
#define MM_NR_THREADS	8

#define MM_PAGE_SIZE	4096ULL
/* Region slot rN starts at MM_REGION_BASE + N * MM_REGION_STRIDE. */
#define MM_REGION_BASE		0x100000000000ULL
#define MM_REGION_STRIDE	0x100000000ULL
/* Largest region or file: one slot. */
#define MM_MAX_SIZE		MM_REGION_STRIDE

static inline uint64_t mm_region_addr(int region)
{
	return MM_REGION_BASE + (uint64_t)region * MM_REGION_STRIDE;
}

/* Statement kinds.  Append only: the binary encoding numbers them. */
enum mm_op {
	MM_OP_MMAP,		/* pK mmap rN SIZE anon|fM[+OFF] PRIV PROT [opt...] */
	MM_OP_MUNMAP,		/* pK munmap RANGE */
	MM_OP_MPROTECT,		/* pK mprotect RANGE PROT */
	MM_OP_MADVISE,		/* pK madvise RANGE ADVICE */
	MM_OP_MREMAP,		/* pK mremap RANGE rN */
	MM_OP_READ,		/* pK read RANGE */
	MM_OP_WRITE,		/* pK write RANGE [=V] */
	MM_OP_MEMWRITE,		/* pK memwrite RANGE */
	MM_OP_MEMREAD,		/* pK memread RANGE */
	MM_OP_CLEAR_REFS,	/* pK clear-refs */
	MM_OP_FORK,		/* pK fork pJ */
	MM_OP_EXIT,		/* pK exit */
	MM_OP_GUP,		/* pK gup gN RANGE get|pin [write] [longterm] [force] [fast] */
	MM_OP_VMSPLICE,		/* pK vmsplice gN RANGE */
	MM_OP_IOURING,		/* pK iouring gN RANGE */
	MM_OP_HANDLE_READ,	/* gN read */
	MM_OP_HANDLE_WRITE,	/* gN write */
	MM_OP_HANDLE_PUT,	/* gN put */
	MM_OP_FILE,		/* file fN KIND SIZE */
	MM_OP_FILE_WRITE,	/* fN write [+OFF][:LEN] [=V] */
	MM_OP_KSM,		/* ksm */
	MM_OP_RECLAIM,		/* reclaim */
	MM_OP_KHUGEPAGED,	/* khugepaged */
	MM_OP_COMPACT,		/* compact */
	MM_OP_DROP_CACHES,	/* drop-caches */
	MM_OP_THREAD_STEP,	/* tN step */
	MM_OP_THREAD_FINISH,	/* tN finish */
	MM_OP_MMAP_DRIVER,	/* pK mmap rN SIZE driver PRIV PROT [ro-file] */
	MM_OP_INSERT_ZEROPAGE,	/* pK insert-zeropage RANGE */
	MM_OP_MLOCK,		/* pK mlock RANGE */
	MM_OP_MUNLOCK,		/* pK munlock RANGE */
	MM_NR_OPS
};

#include "mmstmt.h"

struct mm_arena;	/* mmarena.h */

/* A statement performed by a process (pK ...), by the statement table. */
static inline bool mm_op_is_proc(enum mm_op op)
{
	const struct mm_stmt_desc *d = mm_stmt_desc(op);

	return d && d->subject == MM_SUBJ_PROC;
}

/* A statement with a RANGE argument (all are process statements). */
static inline bool mm_op_has_range(enum mm_op op)
{
	return mm_stmt_has_field(op, MMF_RANGE);
}

enum mm_prot { MM_PROT_NONE, MM_PROT_R, MM_PROT_RW };

/* mmap options (bit mask). */
#define MM_MAP_HUGETLB		(1u << 0)	/* hugetlb (2 MiB) */
#define MM_MAP_HUGETLB_1G	(1u << 1)	/* hugetlb-1g */
#define MM_MAP_POPULATE		(1u << 2)	/* populate */
#define MM_MAP_RO_FILE		(1u << 3)	/* ro-file */

enum mm_advice {
	MM_ADV_DONTNEED, MM_ADV_FREE, MM_ADV_DONTFORK, MM_ADV_DOFORK,
	MM_ADV_WIPEONFORK, MM_ADV_KEEPONFORK, MM_ADV_HUGEPAGE,
	MM_ADV_NOHUGEPAGE, MM_ADV_COLLAPSE, MM_ADV_PAGEOUT,
	MM_ADV_MERGEABLE, MM_ADV_UNMERGEABLE, MM_ADV_POPULATE_READ,
	MM_ADV_POPULATE_WRITE, MM_ADV_REMOVE,
	MM_NR_ADVICE
};

enum mm_file_kind {
	MM_FILE_MEMFD, MM_FILE_TMPFILE, MM_FILE_SHMEM, MM_FILE_MEMFD_HUGETLB,
	MM_FILE_MEMFD_HUGETLB_1G,
	MM_NR_FILE_KINDS
};

/* gup flags (bit mask); MODE get/pin is separate. */
#define MM_GUP_WRITE		(1u << 0)
#define MM_GUP_LONGTERM		(1u << 1)
#define MM_GUP_FORCE		(1u << 2)
#define MM_GUP_FAST		(1u << 3)

enum mm_gup_mode { MM_GUP_GET, MM_GUP_PIN };

/*
 * A range as written: rN, rN+OFF, rN:LEN, rN+OFF:LEN.  The checker resolves
 * it to [start, start + len) in the statement's process.
 */
struct mm_range {
	int8_t region;
	bool has_off, has_len;
	uint64_t off, len;		/* bytes, as written */
	uint64_t start, size;		/* resolved by mm_prog_check() */
};

struct mm_stmt {
	enum mm_op op;
	int line;			/* 1-based source line, 0 if none */
	int8_t proc;			/* pK, -1 if none */
	int8_t thread;			/* @tN (or tN of step/finish), -1 if none */
	int8_t handle;			/* gN, -1 if none */
	int8_t file;			/* fN (mmap backing, file, fN write), -1 if
					 * none (anon, driver) */
	int8_t region;			/* mmap rN, mremap target rN, -1 if none */
	int8_t child;			/* fork pJ, -1 if none */
	struct mm_range range;		/* munmap mprotect madvise mremap read
					 * write mem* gup vmsplice iouring
					 * insert-zeropage */
	uint64_t size;			/* mmap SIZE, file SIZE */
	/* mmap (and driver mmap: no file, map_opts ro-file only) */
	bool shared;
	enum mm_prot prot;		/* mmap, mprotect */
	unsigned int map_opts;		/* MM_MAP_* */
	bool has_foff;			/* mmap fM+OFF */
	uint64_t foff;
	/* madvise */
	enum mm_advice advice;
	/* gup */
	enum mm_gup_mode gup_mode;
	unsigned int gup_flags;		/* MM_GUP_* */
	/* file */
	enum mm_file_kind file_kind;
	/* fN write [+OFF][:LEN]; off/len are bytes */
	bool has_fwoff, has_fwlen;
	uint64_t fwoff, fwlen;
	/* write / fN write =V */
	bool has_value;
	uint64_t value;
	/* fN write: the byte range in the file, resolved by mm_prog_check() */
	uint64_t fw_start, fw_size;
};

enum mm_thp_policy { MM_THP_MADVISE, MM_THP_ALWAYS, MM_THP_NEVER };
enum mm_expect_kind { MM_EXPECT_OK, MM_EXPECT_VIOLATION, MM_EXPECT_KNOWN };

struct mm_knob_setting {
	char name[48];
	bool value;
	int line;
};

#define MM_MAX_KNOB_SETTINGS	64

struct mm_prog {
	/* Directives. */
	bool has_era;
	char era[16];			/* "current" when !has_era */
	int era_line;			/* line of the era directive, 0 if none */
	int nr_knobs;
	struct mm_knob_setting knobs[MM_MAX_KNOB_SETTINGS];
	bool has_thp, has_mthp, has_huge_zeropage, has_swap, has_hugetlb;
	bool has_zeropage;
	/*
	 * config waits=skip: a statement that is not a thread and would wait
	 * for a lock an unfinished thread holds is skipped, as in decoded
	 * fuzz input (program.md §3), not an error; decoding an alphabet with
	 * threads sets it, so that the printed program runs as the target ran it.
	 */
	bool has_waits, waits_skip;
	enum mm_thp_policy thp;		/* default madvise */
	uint32_t mthp_kb_mask;		/* bit k set: size (16 KiB << k) enabled, k=0..6 (16k..1m) */
	bool huge_zeropage;		/* default on */
	bool zeropage;			/* default on; off: mm_forbids_zeropage() */
	bool swap;			/* default on */
	uint32_t hugetlb_2m, hugetlb_1g;	/* default 64, 4 */
	bool has_expect;
	enum mm_expect_kind expect;	/* default MM_EXPECT_OK */
	char expect_class[24];		/* violation: "isolation", ... */
	char expect_id[8];		/* violation: "I2", "" when absent */
	char expect_known[32];		/* known: "hugetlb-vmsplice" */
	/* Statements. */
	struct mm_stmt *stmts;
	size_t nr_stmts, cap_stmts;
	/* Where @stmts comes from (mmarena.h); NULL (mm_prog_init): the heap. */
	struct mm_arena *arena;
};

/* An error with its line; line 0 means "the whole file". */
struct mm_error {
	int line;
	char msg[200];
};

/* Initialise @p with the defaults of every directive and no statements. */
void mm_prog_init(struct mm_prog *p);
/* Free the statements of @p (the struct itself is the caller's). */
void mm_prog_free(struct mm_prog *p);
/* Append a copy of @s; returns 0 or -ENOMEM. */
int mm_prog_append(struct mm_prog *p, const struct mm_stmt *s);
/* A statement with every optional field "absent" (-1 names). */
void mm_stmt_init(struct mm_stmt *s, enum mm_op op);

/*
 * Parse @len bytes of @text (need not be NUL-terminated; NUL bytes are an
 * error) into @p, which the function initialises.  Returns 0, or -1 with
 * @err filled (the first error only).  On error @p holds no memory.
 * Parsing is purely syntactic; call mm_prog_check() to resolve ranges.
 */
int mm_prog_parse(const char *text, size_t len, struct mm_prog *p,
		  struct mm_error *err);

/*
 * Check @p statement by statement: processes exist (p0 at start, others
 * from fork, gone after exit), regions are mapped in that process with a
 * known size, ranges lie inside their region and are page aligned and
 * non-empty, handles are free for gup/vmsplice/iouring and in use for
 * read/write/put, files exist (or not, for `file`), mremap targets an
 * unused slot, fork names a free process.  Resolves every range (fills
 * range.start/size).
 *
 * With @drop_invalid false, the first invalid statement is an error
 * (returns -1, @err filled).  With @drop_invalid true (decoded fuzz
 * input), invalid statements are removed instead and 0 is returned.
 */
int mm_prog_check(struct mm_prog *p, bool drop_invalid, struct mm_error *err);

/*
 * What exists before a statement, as mm_prog_check() tracks it, for tools
 * that build statements one at a time (fuzzers/mutator.c).  Deliberately
 * coarse: a region keeps its size after munmap (a later access resolves
 * and faults at run time); its kind is what the last mmap or mremap put
 * in the slot, its prot the last mmap or mprotect of the whole region.
 */
struct mm_shadow_region {
	uint64_t size;		/* 0: never mapped, no size known */
	bool mapped;		/* something may still be mapped in the slot */
	bool driver;		/* a driver mapping (insert-zeropage) */
	bool shared;
	int8_t file;		/* backing file, -1: anon or driver */
	enum mm_prot prot;
};

struct mm_shadow_proc {
	bool alive;
	struct mm_shadow_region region[MM_NR_REGIONS];
};

struct mm_shadow_file {
	bool exists;
	enum mm_file_kind kind;
	uint64_t size;
};

struct mm_shadow_handle {
	bool used;
	int8_t owner;		/* the process that took it */
};

struct mm_shadow {
	struct mm_shadow_proc proc[MM_NR_PROCS];
	struct mm_shadow_file file[MM_NR_FILES];
	struct mm_shadow_handle handle[MM_NR_HANDLES];
	uint8_t threads;	/* bit N: tN started (@tN), not finished */
};

/* The state before the first statement: p0 alive, nothing else. */
void mm_shadow_init(struct mm_shadow *sh);

/*
 * Check statement @s against @sh as mm_prog_check() does (resolving its
 * ranges) and apply it.  Returns 0, or -1 with @err (may be NULL) filled
 * and @sh unchanged: the statement is invalid there.
 */
int mm_shadow_step(struct mm_shadow *sh, struct mm_stmt *s,
		   struct mm_error *err);

/* Canonical text of a whole program; malloc'd, NUL-terminated; NULL if out
 * of memory. */
char *mm_prog_print(const struct mm_prog *p);
/* Canonical text of one statement into @buf (always NUL-terminated). */
void mm_stmt_print(const struct mm_stmt *s, char *buf, size_t size);
/* Canonical text of a size, e.g. "1p", "2m", "1g". */
void mm_size_print(uint64_t bytes, char *buf, size_t size);
/* Canonical text of a range as written, e.g. "r0+1p:2p". */
void mm_range_print(const struct mm_range *r, char *buf, size_t size);

/* Structural equality of two programs (directives and statements, not lines). */
bool mm_prog_equal(const struct mm_prog *a, const struct mm_prog *b);

/* Names, for printers and error messages. */
const char *mm_op_name(enum mm_op op);
const char *mm_advice_name(enum mm_advice a);
const char *mm_prot_name(enum mm_prot p);
const char *mm_file_kind_name(enum mm_file_kind k);
/* Name of mmap option bit @bit (MM_MAP_HUGETLB is bit 0), "?" if none. */
const char *mm_map_opt_name(unsigned int bit);
/* Name of gup flag bit @bit (MM_GUP_WRITE is bit 0), "?" if none. */
const char *mm_gup_flag_name(unsigned int bit);

/* ------------------------------------------------------------------ */
/* Binary encoding (encode.c): fuzz input bytes <-> programs.         */

/*
 * Which statements an input can name.  MM_ALPHA_FULL is every statement
 * kind (enum mm_op order); MM_ALPHA_COW is the narrow COW/GUP alphabet of
 * fuzz_cow: p0..p2, r0..r2, g0..g7, f0..f1, 1-4 page sizes; MM_ALPHA_THP
 * is fuzz_thp's, dense in large folios: mostly 2m anon mappings, ranges
 * up to 512 pages, the THP advice, and its programs run with `config
 * thp=always` and `config mthp=16k,64k` (decoding sets them).  MM_ALPHA_RACE
 * is fuzz_race's: the cow alphabet with stepwise threads (program.md §3),
 * `@tN` on its statements and `tN step` / `tN finish`.  Append only.
 */
enum mm_alphabet { MM_ALPHA_FULL, MM_ALPHA_COW, MM_ALPHA_THP, MM_ALPHA_RACE,
		   MM_NR_ALPHABETS };

/* No input decodes to more statements (before the checker drops any). */
#define MM_DECODE_MAX_STMTS	256
/* Default bound on the 4 KiB pages one decoded statement may touch. */
#define MM_DECODE_MAX_PAGES	64

struct mm_decode_opts {
	enum mm_alphabet alphabet;
	bool keep_directives;	/* decode the directive block (else skip it) */
	bool skip_unsupported;	/* drop (or strip) what the emulator cannot
				 * run yet: stepwise threads, driver
				 * mappings and insert-zeropage */
	unsigned int max_pages;	/* drop statements touching more pages
				 * (hugetlb 2m regions: 512); 0: no bound */
	struct mm_arena *arena;	/* the program's statements' (struct
				 * mm_prog); NULL: the heap */
};

/* Full alphabet, directives kept, nothing skipped, MM_DECODE_MAX_PAGES. */
void mm_decode_opts_init(struct mm_decode_opts *o);

/*
 * Decode @size bytes of @data into @out (initialised here; @opts NULL means
 * mm_decode_opts_init()).  Never rejects input: every byte string is a
 * program, checked with mm_prog_check(drop_invalid) and with line numbers
 * as printed.  Returns 0, or -ENOMEM (then @out holds no memory).
 */
int mm_prog_decode(const uint8_t *data, size_t size,
		   const struct mm_decode_opts *opts, struct mm_prog *out);

/*
 * Encode @p in the full alphabet, directives included, into a malloc'd
 * *@out.  Returns the length, or 0 (*@out NULL) when @p has something the
 * encoding cannot express or decode(encode(p)) would differ from @p.
 */
size_t mm_prog_encode(const struct mm_prog *p, uint8_t **out);

/*
 * mm_prog_encode() for @opts' alphabet, with directives only when
 * @opts->keep_directives.  Returns 0 with *@out and *@len set, or with
 * @err (may be NULL) filled: -ERANGE when the alphabet cannot express a
 * statement (a name, size, offset or value out of its range), -EINVAL
 * when decoding would not give @p back (@p is not a checked program),
 * -ENOMEM.
 */
int mm_prog_encode_opts(const struct mm_prog *p,
			const struct mm_decode_opts *opts,
			uint8_t **out, size_t *len, struct mm_error *err);

/* The bytes [off, off + len) of one encoded statement in an input. */
struct mm_stmt_span {
	size_t off, len;
};

/*
 * Where the statements of @size bytes of @data lie for @alphabet, as
 * mm_prog_decode() reads them before dropping any: fills the first
 * @max_spans of them (MM_DECODE_MAX_STMTS: all) into @spans and returns
 * how many it filled.  *@prefix is set to the bytes before the first
 * statement (HEADER and DIRECTIVES).  Each span is the opcode byte and
 * the op's argument bytes, except that a last statement cut short by the
 * end of the input has only the bytes present (the decoder reads the rest
 * as zeros).  Bytes after the last span are never decoded.  For
 * structure-aware mutators (fuzzers/mutator.c).
 */
size_t mm_prog_split(const uint8_t *data, size_t size,
		     enum mm_alphabet alphabet, struct mm_stmt_span *spans,
		     size_t max_spans, size_t *prefix);

/*
 * One statement on its own, for structure-aware mutators: they build
 * statements with names that exist (struct mm_shadow) and encode them.
 */

/* Most bytes one statement takes: the opcode and six argument bytes. */
#define MM_STMT_MAX_BYTES	7

/* What an alphabet can say. */
struct mm_alphabet_info {
	uint64_t op_mask;		/* bit op: enum mm_op op has an opcode */
	uint32_t advice_mask;		/* bit a: enum mm_advice a */
	unsigned int nr_kinds;		/* file kinds: the first N of the enum */
	unsigned int nr_procs, nr_regions, nr_handles, nr_files;
	unsigned int max_size_pages;	/* mmap and file sizes: 1..N pages */
	bool huge_sizes;		/* and 2m, 1g */
	unsigned int max_off_pages;	/* offsets (+OFF): 0..N pages */
	unsigned int max_len_pages;	/* lengths (:LEN): 1..N pages */
	/*
	 * Where not NULL, the only sizes (bytes; a size listed twice is
	 * drawn twice as often), offsets and lengths (pages, ascending) the
	 * alphabet has, instead of every value up to the maxima above (which
	 * are then the largest in each list).
	 */
	const uint64_t *sizes;
	unsigned int nr_sizes;
	const uint16_t *off_pages, *len_pages;
	unsigned int nr_off_pages, nr_len_pages;
	bool threads;			/* @tN, tN step, tN finish */
	unsigned int map_opts;		/* MM_MAP_* an mmap may have */
};

void mm_alphabet_get(enum mm_alphabet alphabet, struct mm_alphabet_info *info);

/*
 * Decode the statement whose bytes start at @b into @s, unchecked, as
 * mm_prog_decode() reads it (bytes past @len read as zero).  Returns how
 * many bytes the statement takes (its width, at most MM_STMT_MAX_BYTES).
 */
size_t mm_stmt_decode(enum mm_alphabet alphabet, const uint8_t *b,
		      size_t len, struct mm_stmt *s);

/*
 * The bytes of @s alone in @alphabet, into @out (room for
 * MM_STMT_MAX_BYTES): returns its width, or 0 when the alphabet cannot
 * say the statement (a name, size, offset or option out of its range).
 */
size_t mm_stmt_encode(enum mm_alphabet alphabet, const struct mm_stmt *s,
		      uint8_t *out);

/*
 * What fuzz decoding (skip_unsupported) does with @s: false when it drops
 * the statement (the emulator cannot run it yet); it may also strip a
 * part of it (an @tN suffix) and keep it.
 */
bool mm_stmt_fuzz_supported(enum mm_alphabet alpha, struct mm_stmt *s);

/* A source of uniform 64-bit random numbers: the caller's, seeded. */
struct mm_rand {
	uint64_t (*next)(void *ctx);
	void *ctx;
};

/*
 * A statement valid after the state @sh (mm_shadow_step accepts it), that
 * @alphabet can say and fuzz decoding keeps: its names exist (a living
 * process, a region it maps, a free handle for gup, a used one for gN
 * read), its range lies in its region (generate.c).  False when nothing
 * fits (every process gone and nothing else to do).
 */
bool mm_stmt_generate(enum mm_alphabet alphabet, const struct mm_shadow *sh,
		      struct mm_rand *r, struct mm_stmt *s);

/*
 * Change one argument of @s, valid after @sh, to another value that keeps
 * it so: the process (with a range of its own), the range, the region,
 * size, mode, one gup flag, prot, advice, value, handle, child or file.
 * False, @s unchanged, when no other value fits.
 */
bool mm_stmt_mutate_arg(enum mm_alphabet alphabet, const struct mm_shadow *sh,
			struct mm_rand *r, struct mm_stmt *s);

#endif /* MMFUZZ_MMPROG_H */
