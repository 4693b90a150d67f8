// SPDX-License-Identifier: MIT
/*
 * live_exec.c - run a program on the running kernel (`mmfuzz live`,
 * `mmfuzz diff`): one real process per program process, forked as the
 * program forks, with real mappings at the slot addresses; each
 * statement is live/'s system calls (live.h), the same code the C
 * reproducers of `mmfuzz repro-c` carry.
 *
 * The mmfuzz process coordinates: it creates every file first (so every
 * process has it), then hands each statement, in program order, to the
 * process that owns it down that process's pipe and waits for its
 * answer, so exactly one statement runs at a time.  The process writes
 * the statement's trace lines (mmtrace.h) to a file all of them share;
 * an exiting process is waited for with a pidfd, so that its address
 * space is gone before the next statement.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "live.h"
#include "live_int.h"
#include "mmtrace.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

/* live.h numbers what the .mm language numbers, in the same order. */
_Static_assert((int)LIVE_NR_ADVICE == (int)MM_NR_ADVICE, "advice tables differ");
_Static_assert(LIVE_ADV_REMOVE == (int)MM_ADV_REMOVE &&
	       LIVE_ADV_POPULATE_WRITE == (int)MM_ADV_POPULATE_WRITE,
	       "advice numbering differs");
_Static_assert(LIVE_PROT_RW == (int)MM_PROT_RW && LIVE_PROT_R == (int)MM_PROT_R,
	       "protections differ");
_Static_assert(LIVE_FILE_MEMFD_HUGETLB_1G == (int)MM_FILE_MEMFD_HUGETLB_1G &&
	       LIVE_FILE_SHMEM == (int)MM_FILE_SHMEM, "file kinds differ");
_Static_assert(LIVE_MAP_HUGETLB == MM_MAP_HUGETLB &&
	       LIVE_MAP_HUGETLB_1G == MM_MAP_HUGETLB_1G &&
	       LIVE_MAP_POPULATE == MM_MAP_POPULATE &&
	       LIVE_MAP_RO_FILE == MM_MAP_RO_FILE, "mmap options differ");

#define OWNER_MAIN	(-1)
#define ANSWER_MS	10000

enum { R_DONE, R_FORKED, R_EXIT };

struct live_reply {
	int kind;
	pid_t pid, child;
};

/*
 * One run.  The coordinator fills it before the first fork; every
 * program process has its own copy from then on (its handles, its name).
 */
struct live_run {
	const struct mm_prog *p;
	uint64_t *first;		/* per statement: first fresh number, 0: =V */
	int *owner;			/* per statement: pK, or OWNER_MAIN */
	int files[MM_NR_FILES];
	int ctl[MM_NR_PROCS][2], reply[2];
	int out;			/* the shared trace file */
	int self;			/* this process's pK */
	struct live_handle handle[MM_NR_HANDLES];
	struct mm_trace_vals seen;
	bool seen_lost;
	uint32_t slot_pages[MM_NR_REGIONS];	/* mm_trace_slot_pages() */
	bool root;			/* page frames are visible */
};

/* ------------------------------------------------------------------ */
/* Results.                                                            */

static const char *errno_name(int err)
{
	static const struct { int err; const char *name; } names[] = {
		{ EINVAL, "EINVAL" }, { EFAULT, "EFAULT" }, { ENOMEM, "ENOMEM" },
		{ EBUSY, "EBUSY" }, { EPERM, "EPERM" }, { EACCES, "EACCES" },
		{ EBADF, "EBADF" }, { ESRCH, "ESRCH" }, { EOPNOTSUPP, "EOPNOTSUPP" },
		{ EAGAIN, "EAGAIN" }, { EIO, "EIO" }, { EEXIST, "EEXIST" },
		{ ENOENT, "ENOENT" }, { ENODEV, "ENODEV" }, { ENOSPC, "ENOSPC" },
		{ EOVERFLOW, "EOVERFLOW" }, { ENXIO, "ENXIO" }, { E2BIG, "E2BIG" },
		{ EHWPOISON, "EHWPOISON" }, { EINTR, "EINTR" }, { ENOSYS, "ENOSYS" },
		{ EMFILE, "EMFILE" }, { ETXTBSY, "ETXTBSY" }, { ETIMEDOUT, "ETIMEDOUT" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].err == err)
			return names[i].name;
	return "EUNKNOWN";
}

static void seen_value(void *priv, uint64_t i, uint64_t v)
{
	struct live_run *lr = priv;
	uint64_t n = live_fresh_number(v);

	(void)i;
	if (mm_trace_push(&lr->seen, n ? MM_TRACE_FRESH | n : v))
		lr->seen_lost = true;
}

/* /proc/kpageflags and /proc/self/pagemap bits (Documentation/admin-guide/mm/pagemap.rst). */
#define KPF_ANON	12
#define KPF_COMPOUND_HEAD	15
#define KPF_COMPOUND_TAIL	16
#define KPF_HUGE	17
#define KPF_KSM		21
#define KPF_THP		22
#define KPF_ZERO_PAGE	24
#define PM_PFN_MASK	((1ULL << 55) - 1)
#define PM_EXCLUSIVE	(1ULL << 56)
#define PM_SWAP		(1ULL << 62)
#define PM_PRESENT	(1ULL << 63)

static void page_flags(uint64_t ent, uint64_t kf, char *f)
{
	bool zero = ent & PM_PRESENT && (kf >> KPF_ZERO_PAGE) & 1;

	if (ent & PM_PRESENT) {
		if (((kf >> KPF_ANON) & 1) && !zero)
			*f++ = 'a';
		if ((kf >> KPF_KSM) & 1)
			*f++ = 'k';
		if (((kf >> KPF_THP) & 1) && !((kf >> KPF_HUGE) & 1))
			*f++ = 't';
		if ((kf >> KPF_HUGE) & 1)
			*f++ = 'h';
		if (zero)
			*f++ = 'z';
		if ((ent & PM_EXCLUSIVE) && !zero)
			*f++ = '1';
	}
	if (ent & PM_SWAP)
		*f++ = 's';
	*f = '\0';
}

/* "/N": how often a present small page is mapped (/proc/kpagecount). */
static void print_count(int kpc, uint64_t ent, uint64_t kf, FILE *f)
{
	uint64_t count;
	const uint64_t large = (1ULL << KPF_COMPOUND_HEAD) | (1ULL << KPF_COMPOUND_TAIL) |
			       (1ULL << KPF_ZERO_PAGE);

	if (!(ent & PM_PRESENT) || (kf & large) ||
	    pread(kpc, &count, 8, (off_t)((ent & PM_PFN_MASK) * 8)) != 8)
		return;
	fprintf(f, "/%" PRIu64, count);
}

/*
 * The pages line (mmtrace.h) of this process, with each page frame as
 * @pHEX: the coordinator numbers them by first appearance (copy_trace).
 */
static void print_pages(struct live_run *lr, FILE *f)
{
	int pm = open("/proc/self/pagemap", O_RDONLY);
	int kpf = open("/proc/kpageflags", O_RDONLY);
	int kpc = open("/proc/kpagecount", O_RDONLY);
	uint64_t ent[64];

	if (pm < 0 || kpf < 0 || kpc < 0)
		goto out;
	fprintf(f, "    pages");
	for (int r = 0; r < MM_NR_REGIONS; r++)
		for (uint32_t n = 0; n < lr->slot_pages[r]; n += 64) {
			uint32_t k = lr->slot_pages[r] - n < 64 ? lr->slot_pages[r] - n : 64;
			off_t off = (off_t)((LIVE_SLOT(r) / LIVE_PAGE + n) * 8);

			if (pread(pm, ent, k * 8, off) != (ssize_t)(k * 8))
				continue;
			for (uint32_t j = 0; j < k; j++) {
				uint64_t kf = 0, pfn = ent[j] & PM_PFN_MASK;
				char flags[8];

				if (!(ent[j] & (PM_PRESENT | PM_SWAP)))
					continue;
				if ((ent[j] & PM_PRESENT) &&
				    pread(kpf, &kf, 8, (off_t)(pfn * 8)) != 8)
					kf = 0;
				page_flags(ent[j], kf, flags);
				fprintf(f, " r%d+%u:%s", r, n + j, flags[0] ? flags : "-");
				print_count(kpc, ent[j], kf, f);
				if (ent[j] & PM_PRESENT)
					fprintf(f, "@p%" PRIx64, pfn);
			}
		}
	fputc('\n', f);
out:
	if (pm >= 0)
		close(pm);
	if (kpf >= 0)
		close(kpf);
	if (kpc >= 0)
		close(kpc);
}

/* Write statement @i's trace lines to the shared trace file. */
static void emit(struct live_run *lr, size_t i, int err, int sig)
{
	const struct mm_stmt *s = &lr->p->stmts[i];
	const char *result = sig == SIGSEGV ? "SIGSEGV" : sig == SIGBUS ? "SIGBUS" :
			     sig ? "signal" : err ? errno_name(err) : "ok";
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return;
	if (lr->seen_lost)
		mm_trace_print_stmt(f, s, "skipped: out of memory", false, NULL);
	else
		mm_trace_print_stmt(f, s, result, mm_stmt_desc(s->op)->observes,
				    &lr->seen);
	if (lr->root && mm_stmt_desc(s->op)->subject == MM_SUBJ_PROC &&
	    s->op != MM_OP_EXIT)
		print_pages(lr, f);
	if (!fclose(f) && write(lr->out, buf, len) != (ssize_t)len)
		lr->seen_lost = true;
	free(buf);
}

/* ------------------------------------------------------------------ */
/* Statements.                                                         */

static int exec_read(struct live_run *lr, const struct mm_stmt *s)
{
	for (uint64_t a = s->range.start; a < s->range.start + s->range.size;
	     a += LIVE_PAGE) {
		uint64_t v = 0;
		int sig = live_load(a, &v);

		if (sig)
			return sig;
		seen_value(lr, 0, v);
	}
	return 0;
}

static int exec_write(struct live_run *lr, size_t i, const struct mm_stmt *s)
{
	for (uint64_t n = 0; n < s->range.size / LIVE_PAGE; n++) {
		int sig = live_store_page(s->range.start + n * LIVE_PAGE,
					  live_value(lr->first[i], s->value, n));

		if (sig)
			return sig;
	}
	return 0;
}

/* /proc/self/mem, page by page, up to the first failure. */
static int exec_mem(struct live_run *lr, size_t i, const struct mm_stmt *s,
		    bool write)
{
	int fd = open("/proc/self/mem", O_RDWR), err = 0;

	if (fd < 0)
		return errno;
	for (uint64_t n = 0; !err && n < s->range.size / LIVE_PAGE; n++) {
		uint64_t a = s->range.start + n * LIVE_PAGE, v = 0;

		if (write) {
			err = live_mem_write(fd, a, live_value(lr->first[i], 0, n));
		} else {
			err = live_mem_read(fd, a, &v);
			if (!err)
				seen_value(lr, n, v);
		}
	}
	close(fd);
	return err;
}

/* gup: a pipe's references or an io_uring's pins (live_check allowed it). */
static int exec_gup(struct live_run *lr, const struct mm_stmt *s, bool pin)
{
	struct live_handle *h = &lr->handle[(int)s->handle];

	return pin ? live_iouring(h, s->range.start, s->range.size) :
	       live_vmsplice(h, s->range.start, s->range.size);
}

/* A fork child: the parent's handles are not its own. */
static void drop_foreign_handles(struct live_run *lr)
{
	for (int g = 0; g < MM_NR_HANDLES; g++)
		live_handle_release(&lr->handle[g], 0);
}

static void release_handles(struct live_run *lr)
{
	for (int g = 0; g < MM_NR_HANDLES; g++)
		live_handle_release(&lr->handle[g], 1);
}

/*
 * Each statement kind's system calls, in its process: 0 or the errno
 * value, *@sig the signal a load or store took.  A fork returns in both
 * processes (r->kind R_FORKED; in the child r->child is 0).  NULL: the
 * kind cannot run live (live_check() refused the program).
 */
struct live_call {
	struct live_run *lr;
	size_t i;
	const struct mm_stmt *s;
	int *sig;
	struct live_reply *r;
};

typedef int (*live_exec_fn)(const struct live_call *c);

static int x_mmap(const struct live_call *c)
{
	const struct mm_stmt *s = c->s;

	return live_mmap(s->region, s->size, (enum live_prot)s->prot, s->shared,
			 s->map_opts, s->file < 0 ? -1 : c->lr->files[(int)s->file],
			 s->has_foff ? s->foff : 0);
}

static int x_munmap(const struct live_call *c)
{
	return live_munmap(c->s->range.start, c->s->range.size);
}

static int x_mprotect(const struct live_call *c)
{
	return live_mprotect(c->s->range.start, c->s->range.size,
			     (enum live_prot)c->s->prot);
}

static int x_madvise(const struct live_call *c)
{
	return live_madvise(c->s->range.start, c->s->range.size,
			    (enum live_advice)c->s->advice);
}

static int x_mlock(const struct live_call *c)
{
	return live_mlock(c->s->range.start, c->s->range.size);
}

static int x_munlock(const struct live_call *c)
{
	return live_munlock(c->s->range.start, c->s->range.size);
}

static int x_mremap(const struct live_call *c)
{
	return live_mremap(c->s->range.start, c->s->range.size, c->s->region);
}

static int x_read(const struct live_call *c)
{
	*c->sig = exec_read(c->lr, c->s);
	return 0;
}

static int x_write(const struct live_call *c)
{
	*c->sig = exec_write(c->lr, c->i, c->s);
	return 0;
}

static int x_memread(const struct live_call *c)
{
	return exec_mem(c->lr, c->i, c->s, false);
}

static int x_memwrite(const struct live_call *c)
{
	return exec_mem(c->lr, c->i, c->s, true);
}

static int x_clear_refs(const struct live_call *c)
{
	(void)c;
	return live_clear_refs();
}

static int x_fork(const struct live_call *c)
{
	pid_t pid = fork();

	if (pid < 0)
		return errno;
	c->r->kind = R_FORKED;
	c->r->child = pid;
	if (pid == 0) {
		c->lr->self = c->s->child;
		drop_foreign_handles(c->lr);
	}
	return 0;
}

static int x_exit(const struct live_call *c)
{
	release_handles(c->lr);
	c->r->kind = R_EXIT;
	return 0;
}

static int x_gup(const struct live_call *c)
{
	return exec_gup(c->lr, c->s, c->s->gup_mode == MM_GUP_PIN);
}

static int x_vmsplice(const struct live_call *c)
{
	return exec_gup(c->lr, c->s, false);
}

static int x_iouring(const struct live_call *c)
{
	return exec_gup(c->lr, c->s, true);
}

static int x_handle_read(const struct live_call *c)
{
	return live_handle_read(&c->lr->handle[(int)c->s->handle], seen_value,
				c->lr);
}

static int x_handle_put(const struct live_call *c)
{
	struct live_handle *h = &c->lr->handle[(int)c->s->handle];

	if (h->kind == LIVE_H_NONE)
		return EINVAL;	/* no such handle, as in the emulator */
	live_handle_release(h, 1);
	return 0;
}

/* Every file is created at the start, so that every process has it. */
static int x_file(const struct live_call *c)
{
	(void)c;
	return 0;
}

static int x_file_write(const struct live_call *c)
{
	const struct mm_stmt *s = c->s;

	return live_file_write(c->lr->files[(int)s->file], s->fw_start,
			       s->fw_size / LIVE_PAGE, c->lr->first[c->i],
			       s->value);
}

/*
 * ksmd scans only what was marked mergeable, and with nothing marked
 * anywhere it sleeps and its scan count stands still: a program that
 * marked nothing before this line has nothing of its own to wait for.
 */
static int x_ksm(const struct live_call *c)
{
	const struct mm_prog *p = c->lr->p;

	for (size_t i = 0; i < c->i; i++)
		if (p->stmts[i].op == MM_OP_MADVISE &&
		    p->stmts[i].advice == MM_ADV_MERGEABLE)
			return live_ksm_scan();
	return 0;
}

static int x_compact(const struct live_call *c)
{
	(void)c;
	return live_compact();
}

static int x_drop_caches(const struct live_call *c)
{
	(void)c;
	return live_drop_caches();
}

static const live_exec_fn live_exec_op[] = {
	[MM_OP_MMAP] = x_mmap,
	[MM_OP_MUNMAP] = x_munmap,
	[MM_OP_MPROTECT] = x_mprotect,
	[MM_OP_MADVISE] = x_madvise,
	[MM_OP_MREMAP] = x_mremap,
	[MM_OP_READ] = x_read,
	[MM_OP_WRITE] = x_write,
	[MM_OP_MEMWRITE] = x_memwrite,
	[MM_OP_MEMREAD] = x_memread,
	[MM_OP_CLEAR_REFS] = x_clear_refs,
	[MM_OP_FORK] = x_fork,
	[MM_OP_EXIT] = x_exit,
	[MM_OP_GUP] = x_gup,
	[MM_OP_VMSPLICE] = x_vmsplice,
	[MM_OP_IOURING] = x_iouring,
	[MM_OP_HANDLE_READ] = x_handle_read,
	[MM_OP_HANDLE_WRITE] = NULL,	/* a device's DMA */
	[MM_OP_HANDLE_PUT] = x_handle_put,
	[MM_OP_FILE] = x_file,
	[MM_OP_FILE_WRITE] = x_file_write,
	[MM_OP_KSM] = x_ksm,
	[MM_OP_RECLAIM] = NULL,
	[MM_OP_KHUGEPAGED] = NULL,
	[MM_OP_COMPACT] = x_compact,
	[MM_OP_DROP_CACHES] = x_drop_caches,
	[MM_OP_THREAD_STEP] = NULL,
	[MM_OP_THREAD_FINISH] = NULL,
	[MM_OP_MMAP_DRIVER] = NULL,
	[MM_OP_INSERT_ZEROPAGE] = NULL,
	[MM_OP_MLOCK] = x_mlock,
	[MM_OP_MUNLOCK] = x_munlock,
};
_Static_assert(sizeof(live_exec_op) / sizeof(live_exec_op[0]) == MM_NR_OPS,
	       "every statement kind needs its entry in live_exec_op");

static int exec_stmt(struct live_run *lr, size_t i, int *sig,
		     struct live_reply *r)
{
	const struct mm_stmt *s = &lr->p->stmts[i];
	struct live_call c = { lr, i, s, sig, r };

	*sig = 0;
	if (!live_exec_op[s->op])
		return EOPNOTSUPP;
	return live_exec_op[s->op](&c);
}

/* ------------------------------------------------------------------ */
/* The program's processes.                                            */

static int read_full(int fd, void *buf, size_t len)
{
	while (len) {
		ssize_t n = read(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf = (char *)buf + n;
		len -= (size_t)n;
	}
	return 0;
}

/* A program process: run the statements it is handed until told to stop. */
static void worker(struct live_run *lr)
{
	for (;;) {
		struct live_reply r = { R_DONE, getpid(), 0 };
		int step, err, sig;

		if (read_full(lr->ctl[lr->self][0], &step, sizeof(step)) || step < 0)
			break;
		lr->seen.n = 0;
		err = exec_stmt(lr, (size_t)step, &sig, &r);
		if (r.kind == R_FORKED && r.child == 0)
			continue;	/* the new process waits for its first step */
		emit(lr, (size_t)step, err, sig);
		if (write(lr->reply[1], &r, sizeof(r)) != (ssize_t)sizeof(r))
			_exit(3);
		if (r.kind == R_EXIT)
			_exit(0);
	}
	while (wait(NULL) > 0 || errno == EINTR)
		;
	_exit(0);
}

/* The exited process is gone, its address space torn down. */
static void wait_gone(pid_t pid)
{
	int fd = (int)syscall(SYS_pidfd_open, pid, 0);
	struct pollfd pfd = { fd, POLLIN, 0 };

	if (fd < 0)
		return;
	poll(&pfd, 1, ANSWER_MS);
	close(fd);
}

static int dispatch(struct live_run *lr, size_t i, pid_t *pids)
{
	int who = lr->owner[i], step = (int)i;
	struct pollfd pfd = { lr->reply[0], POLLIN, 0 };
	struct live_reply r;

	if (write(lr->ctl[who][1], &step, sizeof(step)) != (ssize_t)sizeof(step) ||
	    poll(&pfd, 1, ANSWER_MS) != 1 || read_full(lr->reply[0], &r, sizeof(r)))
		return -1;
	if (r.kind == R_EXIT) {
		wait_gone(r.pid);
		pids[who] = 0;
	}
	if (r.kind == R_FORKED && r.child > 0)
		pids[(int)lr->p->stmts[i].child] = r.child;
	return 0;
}

/* Who runs each statement, and the fresh values each write stores. */
static void plan(struct live_run *lr)
{
	const struct mm_prog *p = lr->p;
	int handle_owner[MM_NR_HANDLES];
	uint64_t seq = 0;

	for (int g = 0; g < MM_NR_HANDLES; g++)
		handle_owner[g] = 0;
	for (size_t i = 0; i < p->nr_stmts; i++) {
		const struct mm_stmt *s = &p->stmts[i];
		uint64_t pages = 0;

		lr->owner[i] = s->proc >= 0 ? s->proc : OWNER_MAIN;
		if (mm_stmt_desc(s->op)->subject == MM_SUBJ_HANDLE)
			lr->owner[i] = handle_owner[(int)s->handle];
		if (mm_stmt_desc(s->op)->effect == MME_TAKE_HANDLE)
			handle_owner[(int)s->handle] = s->proc;
		if (s->op == MM_OP_WRITE || s->op == MM_OP_MEMWRITE)
			pages = s->range.size / LIVE_PAGE;
		else if (s->op == MM_OP_FILE_WRITE)
			pages = s->fw_size / LIVE_PAGE;
		lr->first[i] = 0;
		if (pages && !s->has_value) {
			lr->first[i] = seq + 1;
			seq += pages;
		}
	}
}

static int setup_files(struct live_run *lr, FILE *out)
{
	for (size_t i = 0; i < lr->p->nr_stmts; i++) {
		const struct mm_stmt *s = &lr->p->stmts[i];
		int fd;

		if (s->op != MM_OP_FILE)
			continue;
		fd = live_file_create((enum live_file_kind)s->file_kind, s->size);
		if (fd < 0) {
			fprintf(out, "# line %d: the file cannot be created here: %s\n",
				s->line, errno_name(-fd));
			return -1;
		}
		lr->files[(int)s->file] = fd;
	}
	return 0;
}

/* The ID of page frame @pfn: its rank of first appearance, from 1. */
static uint64_t frame_id(uint64_t **pfns, size_t *n, uint64_t pfn)
{
	uint64_t *np;

	for (size_t i = 0; i < *n; i++)
		if ((*pfns)[i] == pfn)
			return i + 1;
	np = realloc(*pfns, (*n + 1) * sizeof(*np));
	if (!np)
		return 0;
	*pfns = np;
	np[(*n)++] = pfn;
	return *n;
}

/*
 * Copy the shared trace file to @out, each page frame (@pHEX) replaced
 * by its ID, so that no physical address leaves the machine and two
 * runs' traces compare.
 */
static void copy_trace(int fd, FILE *out)
{
	uint64_t *pfns = NULL;
	size_t nr_pfns = 0;
	FILE *in;
	int c;

	lseek(fd, 0, SEEK_SET);
	in = fdopen(dup(fd), "r");
	if (!in)
		return;
	while ((c = getc(in)) != EOF) {
		uint64_t pfn;

		if (c != '@') {
			putc(c, out);
			continue;
		}
		/* Only the pages line has '@': "@p" and the frame in hex. */
		if (getc(in) == 'p' && fscanf(in, "%" SCNx64, &pfn) == 1)
			fprintf(out, "@%" PRIu64, frame_id(&pfns, &nr_pfns, pfn));
	}
	fclose(in);
	free(pfns);
}

static int run_all(struct live_run *lr, pid_t *pids, FILE *out)
{
	for (size_t i = 0; i < lr->p->nr_stmts; i++) {
		if (lr->owner[i] == OWNER_MAIN) {
			struct live_reply r = { R_DONE, 0, 0 };
			int sig, err;

			lr->seen.n = 0;
			err = exec_stmt(lr, i, &sig, &r);
			emit(lr, i, err, sig);
			continue;
		}
		if (dispatch(lr, i, pids)) {
			copy_trace(lr->out, out);
			fprintf(out, "# line %d: p%d does not answer\n",
				lr->p->stmts[i].line, lr->owner[i]);
			return -1;
		}
	}
	copy_trace(lr->out, out);
	return 0;
}

static void close_all(struct live_run *lr)
{
	for (int f = 0; f < MM_NR_FILES; f++)
		if (lr->files[f] >= 0)
			close(lr->files[f]);
	for (int k = 0; k < MM_NR_PROCS; k++)
		for (int e = 0; e < 2; e++)
			if (lr->ctl[k][e] >= 0)
				close(lr->ctl[k][e]);
	for (int e = 0; e < 2; e++)
		if (lr->reply[e] >= 0)
			close(lr->reply[e]);
	free(lr->first);
	free(lr->owner);
	mm_trace_vals_free(&lr->seen);
}

int live_run(const struct mm_prog *p, FILE *out)
{
	struct live_run lr = { .p = p, .out = -1, .self = 0 };
	pid_t pids[MM_NR_PROCS] = { 0 }, group;
	FILE *tmp = tmpfile();
	int ret = -1;

	memset(lr.files, -1, sizeof(lr.files));
	memset(lr.ctl, -1, sizeof(lr.ctl));
	memset(lr.reply, -1, sizeof(lr.reply));
	lr.first = calloc(p->nr_stmts + 1, sizeof(*lr.first));
	lr.owner = calloc(p->nr_stmts + 1, sizeof(*lr.owner));
	if (!tmp || !lr.first || !lr.owner) {
		fprintf(out, "# out of memory\n");
		goto out;
	}
	lr.out = fileno(tmp);
	lr.root = geteuid() == 0;
	mm_trace_slot_pages(p, lr.slot_pages);
	plan(&lr);
	for (int k = 0; k < MM_NR_PROCS; k++)
		if (pipe(lr.ctl[k]))
			goto no_pipes;
	if (pipe(lr.reply))
		goto no_pipes;
	if (setup_files(&lr, out))
		goto out;
	/* Orphans of the program (a parent that exited) are ours to reap. */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	fflush(NULL);
	pids[0] = fork();
	if (pids[0] < 0) {
		fprintf(out, "# no fork here: %s\n", errno_name(errno));
		goto out;
	}
	if (pids[0] == 0) {
		setpgid(0, 0);
		live_catch_faults();
		worker(&lr);
	}
	/* The program's processes are a group of their own, p0's. */
	group = pids[0];
	setpgid(group, group);
	ret = run_all(&lr, pids, out);
	for (int k = 0; k < MM_NR_PROCS; k++) {
		int quit = -1;

		if (pids[k] && write(lr.ctl[k][1], &quit, sizeof(quit)) < 0)
			break;
	}
	if (ret)
		kill(-group, SIGKILL);
	while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
		;
	goto out;
no_pipes:
	fprintf(out, "# no pipes here: %s\n", errno_name(errno));
out:
	close_all(&lr);
	if (tmp)
		fclose(tmp);
	return ret;
}
