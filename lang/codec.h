/* SPDX-License-Identifier: MIT */
/*
 * codec.h - what the binary encoding's files share (internal to lang/):
 * the alphabets and the argument bytes of each statement kind
 * (alphabet.c, from the statement table), used by decoding (decode.c)
 * and encoding (encode.c).  The byte layout itself is documented at the
 * top of encode.c.
 */
#ifndef MMFUZZ_CODEC_H
#define MMFUZZ_CODEC_H

#include "mmprog.h"

#define HDR_DIRECTIVES	0x01
#define PAGE		MM_PAGE_SIZE
#define SZ_2M		(2ULL << 20)
#define SZ_1G		(1ULL << 30)

/* Which opcode table an alphabet has. */
enum opcodes {
	OPS_ALL,	/* enum mm_op order */
	OPS_COW,	/* the statement table's cow_opcode column */
	OPS_THP,	/* its thp_opcode column */
	OPS_RACE,	/* the cow_opcode column, then the thread statements */
};

/* Which names and values an input can say (encode.c: "Alphabets"). */
struct alphabet {
	const char *name;		/* for messages: "full", "cow" */
	enum opcodes opcodes;
	const enum mm_advice *advice;	/* NULL: enum mm_advice order */
	unsigned int nr_advice;
	unsigned int nr_kinds;		/* a prefix of enum mm_file_kind */
	unsigned int nr_procs, nr_regions, nr_handles, nr_files;
	unsigned int nr_page_sizes;	/* S: 1..N pages */
	bool huge_sizes;		/* S: then 2m and 1g */
	const uint64_t *sizes;		/* S: instead, b % nr_sizes here */
	unsigned int nr_sizes;
	unsigned int off_mod, len_mod;
	/* OFF, LEN: instead, k = b % (N + 1) is absent or pages[k - 1] */
	const uint16_t *off_pages, *len_pages;
	unsigned int nr_off_pages, nr_len_pages;
	unsigned int map_opts;		/* M: options that may be set */
	/*
	 * The configuration every program of the alphabet runs with, since
	 * fuzz inputs carry no directives: decoding sets it (printed, it
	 * is the program's config lines).
	 */
	bool has_config;
	enum mm_thp_policy thp;
	uint32_t mthp_kb_mask;
	/* Stepwise threads: @tN is kept, not stripped (mm_stmt_fuzz_supported). */
	bool threads;
};

/* One argument byte of a statement. */
enum field {
	F_END, F_PROC, F_REGION, F_SIZE, F_BACKING, F_FOFF, F_MODE,
	F_RGN, F_OFF, F_LEN, F_PROT, F_ADVICE, F_CHILD, F_HANDLE, F_GUP,
	F_FILE, F_KIND, F_FWOFF, F_FWLEN, F_VALUE, F_THREAD, F_DMODE,
	NR_FIELDS
};

/* Most argument bytes of a statement, plus the F_END. */
#define MAX_FIELDS	7

/* The alphabet @alpha (MM_ALPHA_FULL when out of range). */
const struct alphabet *codec_alphabet(enum mm_alphabet alpha);
/*
 * Give @p the configuration of @a (decoding), or tell whether @p has it
 * (encoding: an alphabet with a configuration says nothing else).
 */
void codec_apply_config(const struct alphabet *a, struct mm_prog *p);
bool codec_config_matches(const struct alphabet *a, const struct mm_prog *p);

/*
 * Whether @s loads, stores, faults in or pins the pages of its RANGE one
 * by one, so that decoding bounds how many (decode.c).
 */
bool codec_range_touched(const struct mm_stmt *s);

/* The argument bytes of statement kind @op into @fields, F_END-terminated. */
void codec_fields(enum mm_op op, uint8_t fields[MAX_FIELDS]);

/*
 * @a's opcodes inverted, for decoding many statements: op[i] is opcode
 * i's statement kind.  Built in one pass over the statement table
 * (codec_ops_init()), where looking each byte up would scan the table.
 */
struct codec_ops {
	unsigned int nr;		/* an opcode byte is taken modulo this */
	uint8_t op[MM_NR_OPS];
};

void codec_ops_init(const struct alphabet *a, struct codec_ops *m);
/* Opcode byte @b (any) to its statement kind. */
static inline enum mm_op codec_ops_op(const struct codec_ops *m,
				      unsigned int b)
{
	return (enum mm_op)m->op[b % m->nr];
}
/* How many opcodes @a has: an opcode byte is taken modulo this. */
unsigned int codec_nr_ops(const struct alphabet *a);
/* Opcode byte @b (any) to its statement kind in @a (one statement). */
enum mm_op codec_op(const struct alphabet *a, unsigned int b);
/* The smallest opcode byte of @op in @a, or -1. */
int codec_encode_op(const struct alphabet *a, enum mm_op op);

/* Set field @f of @s from byte @b (any byte is valid). */
void codec_decode_field(const struct alphabet *a, enum field f,
			unsigned int b, struct mm_stmt *s);
/* The smallest byte of field @f of @s, or -1 when @a cannot say it. */
int codec_encode_field(const struct alphabet *a, enum field f,
		       const struct mm_stmt *s);
/* What field @f is called in "cannot be expressed" messages. */
const char *codec_field_name(enum field f);

#endif /* MMFUZZ_CODEC_H */
