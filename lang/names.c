/* SPDX-License-Identifier: MIT */
/*
 * names.c - the keywords of the .mm language and canonical sizes.
 *
 * These tables are the single spelling of every keyword: the parser looks
 * words up in them and the printer writes them, so the two cannot drift.
 * A statement's own keyword is its row's in the statement table (stmt.c).
 */
#include <inttypes.h>

#include "mmprog.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const char *const advice_names[] = {
	[MM_ADV_DONTNEED] = "dontneed",
	[MM_ADV_FREE] = "free",
	[MM_ADV_DONTFORK] = "dontfork",
	[MM_ADV_DOFORK] = "dofork",
	[MM_ADV_WIPEONFORK] = "wipeonfork",
	[MM_ADV_KEEPONFORK] = "keeponfork",
	[MM_ADV_HUGEPAGE] = "hugepage",
	[MM_ADV_NOHUGEPAGE] = "nohugepage",
	[MM_ADV_COLLAPSE] = "collapse",
	[MM_ADV_PAGEOUT] = "pageout",
	[MM_ADV_MERGEABLE] = "mergeable",
	[MM_ADV_UNMERGEABLE] = "unmergeable",
	[MM_ADV_POPULATE_READ] = "populate-read",
	[MM_ADV_POPULATE_WRITE] = "populate-write",
	[MM_ADV_REMOVE] = "remove",
};
_Static_assert(ARRAY_SIZE(advice_names) == MM_NR_ADVICE,
	       "advice_names out of date");

static const char *const prot_names[] = {
	[MM_PROT_NONE] = "none",
	[MM_PROT_R] = "r",
	[MM_PROT_RW] = "rw",
};

static const char *const file_kind_names[] = {
	[MM_FILE_MEMFD] = "memfd",
	[MM_FILE_TMPFILE] = "tmpfile",
	[MM_FILE_SHMEM] = "shmem",
	[MM_FILE_MEMFD_HUGETLB] = "memfd-hugetlb",
	[MM_FILE_MEMFD_HUGETLB_1G] = "memfd-hugetlb-1g",
};
_Static_assert(ARRAY_SIZE(file_kind_names) == MM_NR_FILE_KINDS,
	       "file_kind_names out of date");

/*
 * The keyword of statement kind @op, from the statement table ("read"
 * for both `pK read` and `gN read`); "?" for a value outside the enum, so
 * that printing a corrupt statement never dereferences NULL.
 */
const char *mm_op_name(enum mm_op op)
{
	const struct mm_stmt_desc *d = mm_stmt_desc(op);

	return d ? d->keyword : "?";
}

/* The madvise keyword of @a, "?" if out of range. */
const char *mm_advice_name(enum mm_advice a)
{
	if ((unsigned int)a >= ARRAY_SIZE(advice_names))
		return "?";
	return advice_names[a];
}

/* The PROT keyword of @p ("none", "r", "rw"), "?" if out of range. */
const char *mm_prot_name(enum mm_prot p)
{
	if ((unsigned int)p >= ARRAY_SIZE(prot_names))
		return "?";
	return prot_names[p];
}

/* The `file` KIND keyword of @k, "?" if out of range. */
const char *mm_file_kind_name(enum mm_file_kind k)
{
	if ((unsigned int)k >= ARRAY_SIZE(file_kind_names))
		return "?";
	return file_kind_names[k];
}

/*
 * Write @bytes in canonical form: a multiple of 1 GiB as "Ng", else of
 * 1 MiB as "Nm", else of 4 KiB as "Np"; 0 is "0" (an offset).  A size the
 * language cannot express (not page aligned, only a structure built by
 * hand) is written as "Nk" or as a bare byte count, which the parser then
 * rejects loudly instead of silently rounding it.
 */
void mm_size_print(uint64_t bytes, char *buf, size_t size)
{
	const uint64_t gib = 1ULL << 30, mib = 1ULL << 20;

	if (!size)
		return;
	if (bytes == 0)
		snprintf(buf, size, "0");
	else if (bytes % gib == 0)
		snprintf(buf, size, "%" PRIu64 "g", bytes / gib);
	else if (bytes % mib == 0)
		snprintf(buf, size, "%" PRIu64 "m", bytes / mib);
	else if (bytes % MM_PAGE_SIZE == 0)
		snprintf(buf, size, "%" PRIu64 "p",
			 (uint64_t)(bytes / MM_PAGE_SIZE));
	else if (bytes % 1024 == 0)
		snprintf(buf, size, "%" PRIu64 "k", bytes / 1024);
	else
		snprintf(buf, size, "%" PRIu64, bytes);
}

/* Indexed by bit number: MM_MAP_HUGETLB is 1 << 0, ... (printing order). */
static const char *const map_opt_names[] = {
	"hugetlb", "hugetlb-1g", "populate", "ro-file",
};
_Static_assert(MM_MAP_HUGETLB == 1u << 0 && MM_MAP_HUGETLB_1G == 1u << 1 &&
	       MM_MAP_POPULATE == 1u << 2 && MM_MAP_RO_FILE == 1u << 3,
	       "map_opt_names out of date");

/* Indexed by bit number: MM_GUP_WRITE is 1 << 0, ... (printing order). */
static const char *const gup_flag_names[] = {
	"write", "longterm", "force", "fast",
};
_Static_assert(MM_GUP_WRITE == 1u << 0 && MM_GUP_LONGTERM == 1u << 1 &&
	       MM_GUP_FORCE == 1u << 2 && MM_GUP_FAST == 1u << 3,
	       "gup_flag_names out of date");

/* The mmap option keyword of bit number @bit, "?" past the last one. */
const char *mm_map_opt_name(unsigned int bit)
{
	if (bit >= ARRAY_SIZE(map_opt_names))
		return "?";
	return map_opt_names[bit];
}

/* The gup flag keyword of bit number @bit, "?" past the last one. */
const char *mm_gup_flag_name(unsigned int bit)
{
	if (bit >= ARRAY_SIZE(gup_flag_names))
		return "?";
	return gup_flag_names[bit];
}
