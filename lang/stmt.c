/* SPDX-License-Identifier: MIT */
/*
 * stmt.c - the statement table (mmstmt.h): one row per statement kind.
 *
 * Every fact about a kind that more than one layer needs is a column
 * here; a layer that needs a new fact adds a column, not a switch.
 */
#include <stddef.h>

#include "mmprog.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define PROC_STMT	.subject = MM_SUBJ_PROC, .may_thread = true
#define RANGE_USE	.needs = MMN_RANGE_MAPPED

/* Only a kernel driver does these; no system call has the same effect. */
#define DRIVER_WHY \
	"a driver mapping (VM_MIXEDMAP of a character device) needs a kernel driver"
#define PASS_WHY "a system-wide kernel pass with no trigger from userspace"

static const struct mm_stmt_desc stmt_table[] = {
	[MM_OP_MMAP] = {
		.keyword = "mmap", .sig_name = "mmap", PROC_STMT,
		.fields = { MMF_REGION, MMF_SIZE, MMF_BACKING, MMF_SHARING,
			    MMF_PROT, MMF_MAP_OPTS },
		.needs = MMN_FILE_EXISTS, .effect = MME_MAP,
		.cow_opcode = 0, .thp_opcode = 0,
		.fuzz = true, .weight = 6,
		.minimize = MMM_CLEAR_FLAGS | MMM_SHRINK_SIZE,
	},
	[MM_OP_MUNMAP] = {
		.keyword = "munmap", .sig_name = "munmap", PROC_STMT,
		.fields = { MMF_RANGE }, RANGE_USE, .effect = MME_UNMAP,
		.cow_opcode = 1, .thp_opcode = 1,
		.fuzz = true, .weight = 3,
		.minimize = MMM_SHRINK_RANGE,
	},
	[MM_OP_MPROTECT] = {
		.keyword = "mprotect", .sig_name = "mprotect", PROC_STMT,
		.fields = { MMF_RANGE, MMF_PROT }, RANGE_USE,
		.effect = MME_PROTECT,
		.cow_opcode = 2, .thp_opcode = 2,
		.fuzz = true, .weight = 5,
		.minimize = MMM_SHRINK_RANGE,
	},
	[MM_OP_MADVISE] = {
		.keyword = "madvise", .sig_name = "madvise", PROC_STMT,
		.fields = { MMF_RANGE, MMF_ADVICE }, RANGE_USE,
		.cow_opcode = 3, .thp_opcode = 3,
		.fuzz = true, .weight = 4,
		.minimize = MMM_SHRINK_RANGE,
	},
	[MM_OP_MREMAP] = {
		.keyword = "mremap", .sig_name = "mremap", PROC_STMT,
		.fields = { MMF_RANGE, MMF_REGION },
		.needs = MMN_RANGE_MAPPED | MMN_TARGET_FREE, .effect = MME_MOVE,
		.cow_opcode = -1, .thp_opcode = 4,
		.fuzz = true, .weight = 2,
		.minimize = MMM_SHRINK_RANGE,
	},
	[MM_OP_READ] = {
		.keyword = "read", .sig_name = "read", PROC_STMT,
		.fields = { MMF_RANGE }, RANGE_USE,
		.cow_opcode = 4, .thp_opcode = 5,
		.fuzz = true, .weight = 5,
		.minimize = MMM_SHRINK_RANGE,
		.observes = true,
	},
	[MM_OP_WRITE] = {
		.keyword = "write", .sig_name = "write", PROC_STMT,
		.fields = { MMF_RANGE, MMF_VALUE }, RANGE_USE,
		.cow_opcode = 5, .thp_opcode = 6,
		.fuzz = true, .weight = 9,
		.minimize = MMM_SHRINK_RANGE | MMM_DROP_VALUE,
	},
	[MM_OP_MEMWRITE] = {
		.keyword = "memwrite", .sig_name = "memwrite", PROC_STMT,
		.fields = { MMF_RANGE }, RANGE_USE,
		.cow_opcode = 6, .thp_opcode = 7,
		.fuzz = true, .weight = 4,
		.minimize = MMM_SHRINK_RANGE,
	},
	[MM_OP_MEMREAD] = {
		.keyword = "memread", .sig_name = "memread", PROC_STMT,
		.fields = { MMF_RANGE }, RANGE_USE,
		.cow_opcode = -1, .thp_opcode = 8,
		.fuzz = true, .weight = 2,
		.minimize = MMM_SHRINK_RANGE,
		.observes = true,
	},
	[MM_OP_CLEAR_REFS] = {
		.keyword = "clear-refs", .sig_name = "clear-refs", PROC_STMT,
		.cow_opcode = 7, .thp_opcode = 21,
		.fuzz = true, .weight = 2,
	},
	[MM_OP_FORK] = {
		.keyword = "fork", .sig_name = "fork", PROC_STMT,
		.fields = { MMF_CHILD }, .needs = MMN_CHILD_FREE,
		.effect = MME_FORK,
		.cow_opcode = 8, .thp_opcode = 9,
		.fuzz = true, .weight = 8,
	},
	[MM_OP_EXIT] = {
		.keyword = "exit", .sig_name = "exit", PROC_STMT,
		.effect = MME_EXIT,
		.cow_opcode = 9, .thp_opcode = 10,
		.fuzz = true, .weight = 3,
	},
	[MM_OP_GUP] = {
		.keyword = "gup", .sig_name = "gup", PROC_STMT,
		.fields = { MMF_HANDLE, MMF_RANGE, MMF_GUP_MODE,
			    MMF_GUP_FLAGS },
		.needs = MMN_RANGE_MAPPED | MMN_HANDLE_FREE,
		.effect = MME_TAKE_HANDLE,
		.cow_opcode = 10, .thp_opcode = 11,
		.fuzz = true, .weight = 11,
		.minimize = MMM_SHRINK_RANGE | MMM_CLEAR_FLAGS,
	},
	[MM_OP_VMSPLICE] = {
		.keyword = "vmsplice", .sig_name = "vmsplice", PROC_STMT,
		.fields = { MMF_HANDLE, MMF_RANGE },
		.needs = MMN_RANGE_MAPPED | MMN_HANDLE_FREE,
		.effect = MME_TAKE_HANDLE,
		.cow_opcode = 11, .thp_opcode = 12,
		.fuzz = true, .weight = 5,
		.minimize = MMM_SHRINK_RANGE,
	},
	[MM_OP_IOURING] = {
		.keyword = "iouring", .sig_name = "iouring", PROC_STMT,
		.fields = { MMF_HANDLE, MMF_RANGE },
		.needs = MMN_RANGE_MAPPED | MMN_HANDLE_FREE,
		.effect = MME_TAKE_HANDLE,
		.cow_opcode = 12, .thp_opcode = -1,
		.fuzz = true, .weight = 5,
		.minimize = MMM_SHRINK_RANGE,
	},
	[MM_OP_HANDLE_READ] = {
		.keyword = "read", .sig_name = "handle-read",
		.subject = MM_SUBJ_HANDLE,
		.cow_opcode = 13, .thp_opcode = 13,
		.fuzz = true, .weight = 6,
		.observes = true,
	},
	[MM_OP_HANDLE_WRITE] = {
		.keyword = "write", .sig_name = "handle-write",
		.subject = MM_SUBJ_HANDLE,
		.cow_opcode = 14, .thp_opcode = 14,
		.fuzz = true, .weight = 2,
	},
	[MM_OP_HANDLE_PUT] = {
		.keyword = "put", .sig_name = "handle-put",
		.subject = MM_SUBJ_HANDLE, .effect = MME_PUT_HANDLE,
		.cow_opcode = 15, .thp_opcode = 15,
		.fuzz = true, .weight = 2,
	},
	[MM_OP_FILE] = {
		.keyword = "file", .sig_name = "file", .subject = MM_SUBJ_NONE,
		.fields = { MMF_FILE, MMF_FILE_KIND, MMF_SIZE },
		.needs = MMN_FILE_FREE, .effect = MME_CREATE_FILE,
		.cow_opcode = 16, .thp_opcode = -1,
		.fuzz = true, .weight = 2,
		.minimize = MMM_SHRINK_SIZE,
	},
	[MM_OP_FILE_WRITE] = {
		.keyword = "write", .sig_name = "file-write",
		.subject = MM_SUBJ_FILE,
		.fields = { MMF_FILE_RANGE, MMF_VALUE },
		.cow_opcode = 17, .thp_opcode = -1,
		.fuzz = true, .weight = 2,
		.minimize = MMM_DROP_VALUE,
	},
	[MM_OP_KSM] = {
		.keyword = "ksm", .sig_name = "ksm", .subject = MM_SUBJ_NONE,
		.cow_opcode = -1, .thp_opcode = -1,
		.fuzz = true, .weight = 1,
		.live = MM_LIVE_ROOT,
		.live_why = "a KSM scan is started through /sys/kernel/mm/ksm",
	},
	[MM_OP_RECLAIM] = {
		.keyword = "reclaim", .sig_name = "reclaim",
		.subject = MM_SUBJ_NONE,
		.cow_opcode = -1, .thp_opcode = 17,
		.fuzz = true, .weight = 1,
		.live = MM_LIVE_NO, .live_why = PASS_WHY,
	},
	[MM_OP_KHUGEPAGED] = {
		.keyword = "khugepaged", .sig_name = "khugepaged",
		.subject = MM_SUBJ_NONE,
		.cow_opcode = -1, .thp_opcode = 16,
		.fuzz = true, .weight = 1,
		.live = MM_LIVE_NO, .live_why = PASS_WHY,
	},
	[MM_OP_COMPACT] = {
		.keyword = "compact", .sig_name = "compact",
		.subject = MM_SUBJ_NONE,
		.cow_opcode = -1, .thp_opcode = 18,
		.fuzz = true, .weight = 1,
		.live = MM_LIVE_ROOT,
		.live_why = "compaction is started through /proc/sys/vm/compact_memory",
	},
	[MM_OP_DROP_CACHES] = {
		.keyword = "drop-caches", .sig_name = "drop-caches",
		.subject = MM_SUBJ_NONE,
		.cow_opcode = -1, .thp_opcode = -1,
		.fuzz = true, .weight = 1,
		.live = MM_LIVE_ROOT,
		.live_why = "caches are dropped through /proc/sys/vm/drop_caches",
	},
	[MM_OP_THREAD_STEP] = {
		.keyword = "step", .sig_name = "thread-step",
		.subject = MM_SUBJ_THREAD,
		.cow_opcode = -1, .thp_opcode = -1,
		.fuzz = false, .weight = 1,
		.live = MM_LIVE_NO,
		.live_why = "stepwise threads interleave inside the kernel",
	},
	[MM_OP_THREAD_FINISH] = {
		.keyword = "finish", .sig_name = "thread-finish",
		.subject = MM_SUBJ_THREAD,
		.cow_opcode = -1, .thp_opcode = -1,
		.fuzz = false, .weight = 1,
		.live = MM_LIVE_NO,
		.live_why = "stepwise threads interleave inside the kernel",
	},
	/* The same keyword as mmap: the backing word "driver" selects it. */
	[MM_OP_MMAP_DRIVER] = {
		.keyword = "mmap", .sig_name = "mmap-driver", PROC_STMT,
		.fields = { MMF_REGION, MMF_SIZE, MMF_BACKING, MMF_SHARING,
			    MMF_PROT, MMF_MAP_OPTS },
		.effect = MME_MAP,
		.cow_opcode = 18, .thp_opcode = -1,
		.fuzz = true, .weight = 1,
		.minimize = MMM_CLEAR_FLAGS | MMM_SHRINK_SIZE,
		.live = MM_LIVE_NO, .live_why = DRIVER_WHY,
		.backing = "driver",
	},
	[MM_OP_INSERT_ZEROPAGE] = {
		.keyword = "insert-zeropage", .sig_name = "insert-zeropage",
		PROC_STMT, .fields = { MMF_RANGE },
		.needs = MMN_RANGE_MAPPED | MMN_RANGE_DRIVER,
		.cow_opcode = 19, .thp_opcode = -1,
		.fuzz = true, .weight = 3,
		.minimize = MMM_SHRINK_RANGE,
		.live = MM_LIVE_NO,
		.live_why = "only a kernel driver inserts the zeropage (vm_insert_page, vmf_insert_mixed)",
	},
	/*
	 * VM_LOCKED: mlock populates the range (a write fault on private
	 * writable mappings), and locked pages stay in memory: reclaim and
	 * MADV_PAGEOUT leave them, MADV_DONTNEED/FREE/REMOVE refuse them.
	 * Not in fuzz_cow: its population is populate-write's, which it has.
	 */
	[MM_OP_MLOCK] = {
		.keyword = "mlock", .sig_name = "mlock", PROC_STMT,
		.fields = { MMF_RANGE }, RANGE_USE,
		.cow_opcode = -1, .thp_opcode = 19,
		.fuzz = true, .weight = 3,
		.minimize = MMM_SHRINK_RANGE,
	},
	[MM_OP_MUNLOCK] = {
		.keyword = "munlock", .sig_name = "munlock", PROC_STMT,
		.fields = { MMF_RANGE }, RANGE_USE,
		.cow_opcode = -1, .thp_opcode = 20,
		.fuzz = true, .weight = 2,
		.minimize = MMM_SHRINK_RANGE,
	},
};
_Static_assert(ARRAY_SIZE(stmt_table) == MM_NR_OPS,
	       "every statement kind needs its row in stmt_table");

const struct mm_stmt_desc *mm_stmt_desc(int op)
{
	if ((unsigned int)op >= ARRAY_SIZE(stmt_table))
		return NULL;
	return &stmt_table[op];
}

bool mm_stmt_has_field(int op, enum mm_field f)
{
	const struct mm_stmt_desc *d = mm_stmt_desc(op);

	for (const uint8_t *p = d ? d->fields : NULL; p && *p != MMF_END; p++)
		if (*p == f)
			return true;
	return false;
}

/* The subject words, and which member of struct mm_stmt each one fills. */
static const struct {
	struct mm_subject_desc desc;
	size_t member;
} subject_table[] = {
	[MM_SUBJ_PROC] = { { 'p', MM_NR_PROCS, "process" },
			   offsetof(struct mm_stmt, proc) },
	[MM_SUBJ_HANDLE] = { { 'g', MM_NR_HANDLES, "handle" },
			     offsetof(struct mm_stmt, handle) },
	[MM_SUBJ_FILE] = { { 'f', MM_NR_FILES, "file" },
			   offsetof(struct mm_stmt, file) },
	[MM_SUBJ_THREAD] = { { 't', MM_NR_THREADS, "thread" },
			     offsetof(struct mm_stmt, thread) },
};
_Static_assert(ARRAY_SIZE(subject_table) == MM_SUBJ_NONE,
	       "every subject word needs its row in subject_table");

const struct mm_subject_desc *mm_subject_desc(enum mm_subject subj)
{
	if ((unsigned int)subj >= ARRAY_SIZE(subject_table))
		return NULL;
	return &subject_table[subj].desc;
}

/* The int8_t member of @s that its subject word fills; NULL if none. */
static const int8_t *subject_member(const struct mm_stmt *s)
{
	const struct mm_stmt_desc *d = mm_stmt_desc(s->op);

	if (!d || !mm_subject_desc(d->subject))
		return NULL;
	return (const int8_t *)((const char *)s +
				subject_table[d->subject].member);
}

int mm_stmt_subject(const struct mm_stmt *s)
{
	const int8_t *name = subject_member(s);

	return name ? *name : -1;
}

void mm_stmt_set_subject(struct mm_stmt *s, int8_t name)
{
	int8_t *member = (int8_t *)subject_member(s);

	if (member)
		*member = name;
}
