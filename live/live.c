// SPDX-License-Identifier: MIT
/*
 * live.c - the system calls behind each .mm statement (live.h): slots at
 * fixed addresses, the mmap family with every advice, loads and stores
 * under a SIGSEGV/SIGBUS handler, /proc/self/mem, clear_refs, files and
 * pipes.  io_uring is in live_iouring.c.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/uio.h>

#include "live.h"

#ifndef MADV_FREE
#define MADV_FREE 8
#endif
#ifndef MADV_WIPEONFORK
#define MADV_WIPEONFORK 18
#define MADV_KEEPONFORK 19
#endif
#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif
#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#define MADV_POPULATE_WRITE 23
#endif
#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25
#endif
#ifndef MAP_HUGE_1GB
#define MAP_HUGE_1GB (30 << 26)
#endif
#ifndef MFD_HUGETLB
#define MFD_HUGETLB 4U
#endif
#ifndef MFD_HUGE_1GB
#define MFD_HUGE_1GB (30U << 26)
#endif

static int live_errno(int failed)
{
	return failed ? errno : 0;
}

static int live_prot_bits(enum live_prot prot)
{
	return prot == LIVE_PROT_RW ? PROT_READ | PROT_WRITE :
	       prot == LIVE_PROT_R ? PROT_READ : PROT_NONE;
}

/* ------------------------------------------------------------------ */
/* Address space.                                                       */

int live_mmap(int region, uint64_t len, enum live_prot prot, int shared,
	      unsigned int opts, int fd, uint64_t off)
{
	int flags = (shared ? MAP_SHARED : MAP_PRIVATE) | MAP_FIXED, err;
	char path[64];
	void *p;

	if (fd < 0)
		flags |= MAP_ANONYMOUS;
	if (opts & LIVE_MAP_POPULATE)
		flags |= MAP_POPULATE;
	if (opts & (LIVE_MAP_HUGETLB | LIVE_MAP_HUGETLB_1G))
		flags |= MAP_HUGETLB;
	if (opts & LIVE_MAP_HUGETLB_1G)
		flags |= MAP_HUGE_1GB;
	/* ro-file: the file was opened read-only (no VM_MAYWRITE). */
	if (fd >= 0 && (opts & LIVE_MAP_RO_FILE)) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			return errno;
	}
	p = mmap((void *)LIVE_SLOT(region), len, live_prot_bits(prot), flags,
		 fd, (off_t)off);
	err = live_errno(p == MAP_FAILED);
	if (fd >= 0 && (opts & LIVE_MAP_RO_FILE))
		close(fd);
	return err;
}

int live_munmap(uint64_t addr, uint64_t len)
{
	return live_errno(munmap((void *)addr, len) != 0);
}

int live_mprotect(uint64_t addr, uint64_t len, enum live_prot prot)
{
	return live_errno(mprotect((void *)addr, len, live_prot_bits(prot)) != 0);
}

static const int live_madv[LIVE_NR_ADVICE] = {
	[LIVE_ADV_DONTNEED] = MADV_DONTNEED, [LIVE_ADV_FREE] = MADV_FREE,
	[LIVE_ADV_DONTFORK] = MADV_DONTFORK, [LIVE_ADV_DOFORK] = MADV_DOFORK,
	[LIVE_ADV_WIPEONFORK] = MADV_WIPEONFORK,
	[LIVE_ADV_KEEPONFORK] = MADV_KEEPONFORK,
	[LIVE_ADV_HUGEPAGE] = MADV_HUGEPAGE,
	[LIVE_ADV_NOHUGEPAGE] = MADV_NOHUGEPAGE,
	[LIVE_ADV_COLLAPSE] = MADV_COLLAPSE, [LIVE_ADV_PAGEOUT] = MADV_PAGEOUT,
	[LIVE_ADV_MERGEABLE] = MADV_MERGEABLE,
	[LIVE_ADV_UNMERGEABLE] = MADV_UNMERGEABLE,
	[LIVE_ADV_POPULATE_READ] = MADV_POPULATE_READ,
	[LIVE_ADV_POPULATE_WRITE] = MADV_POPULATE_WRITE,
	[LIVE_ADV_REMOVE] = MADV_REMOVE,
};

int live_madvise(uint64_t addr, uint64_t len, enum live_advice advice)
{
	if ((unsigned int)advice >= LIVE_NR_ADVICE)
		return EINVAL;
	return live_errno(madvise((void *)addr, len, live_madv[advice]) != 0);
}

int live_mlock(uint64_t addr, uint64_t len)
{
	return live_errno(mlock((void *)addr, len) != 0);
}

int live_munlock(uint64_t addr, uint64_t len)
{
	return live_errno(munlock((void *)addr, len) != 0);
}

int live_mremap(uint64_t addr, uint64_t len, int region)
{
	void *p = mremap((void *)addr, len, len, MREMAP_MAYMOVE | MREMAP_FIXED,
			 (void *)LIVE_SLOT(region));

	return live_errno(p == MAP_FAILED);
}

/* ------------------------------------------------------------------ */
/* Loads and stores under a fault handler.                              */

/*
 * Where a faulting load or store resumes.  A signal handler takes no
 * argument, so this is the one piece of process state the runtime keeps
 * outside its callers' objects; each program process has its own copy.
 */
static struct {
	sigjmp_buf jmp;
	volatile sig_atomic_t sig;
} live_fault;

static void live_on_fault(int sig)
{
	live_fault.sig = sig;
	siglongjmp(live_fault.jmp, 1);
}

void live_catch_faults(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = live_on_fault;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
}

int live_load(uint64_t addr, uint64_t *v)
{
	volatile uint64_t *volatile p = (volatile uint64_t *)addr;
	uint64_t *volatile out = v;

	if (sigsetjmp(live_fault.jmp, 1))
		return live_fault.sig;
	*out = *p;
	return 0;
}

int live_store_page(uint64_t addr, uint64_t v)
{
	volatile uint64_t *volatile p = (volatile uint64_t *)addr;
	volatile uint64_t value = v;

	if (sigsetjmp(live_fault.jmp, 1))
		return live_fault.sig;
	for (unsigned long i = 0; i < LIVE_PAGE / 8; i++)
		p[i] = value;
	return 0;
}

uint64_t live_value(uint64_t first, uint64_t value, uint64_t i)
{
	return first ? LIVE_TAG | (first - 1 + i) : value;
}

uint64_t live_fresh_number(uint64_t v)
{
	return (v & LIVE_TAG_MASK) == LIVE_TAG ? (v & ~LIVE_TAG_MASK) + 1 : 0;
}

static void live_fill(uint64_t *page, uint64_t v)
{
	for (unsigned long i = 0; i < LIVE_PAGE / 8; i++)
		page[i] = v;
}

int live_mem_read(int fd, uint64_t addr, uint64_t *v)
{
	return live_errno(pread(fd, v, 8, (off_t)addr) != 8);
}

int live_mem_write(int fd, uint64_t addr, uint64_t v)
{
	uint64_t page[LIVE_PAGE / 8];

	live_fill(page, v);
	return live_errno(pwrite(fd, page, LIVE_PAGE, (off_t)addr) != (ssize_t)LIVE_PAGE);
}

/* Write @text to the file @path: 0 or the errno value. */
static int live_echo(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY), err;

	if (fd < 0)
		return errno;
	err = live_errno(write(fd, text, strlen(text)) != (ssize_t)strlen(text));
	close(fd);
	return err;
}

int live_clear_refs(void)
{
	return live_echo("/proc/self/clear_refs", "4");
}

int live_drop_caches(void)
{
	return live_echo("/proc/sys/vm/drop_caches", "1");
}

int live_compact(void)
{
	return live_echo("/proc/sys/vm/compact_memory", "1");
}

/* ------------------------------------------------------------------ */
/* Files.                                                               */

static int live_tmpfile(void)
{
	const char *dir = getenv("MMFUZZ_TMPDIR");
	int fd;

	/* MMREPRO_TMPDIR: the name the first reproducers read. */
	if (!dir)
		dir = getenv("MMREPRO_TMPDIR");
	fd = open(dir ? dir : "/var/tmp", O_TMPFILE | O_RDWR, 0600);

	return fd >= 0 ? fd : open(".", O_TMPFILE | O_RDWR, 0600);
}

static int live_shmem_file(void)
{
	char path[80];
	int fd;

	for (int n = 0; n < 100; n++) {
		snprintf(path, sizeof(path), "/dev/shm/mmfuzz-live-%d-%d",
			 (int)getpid(), n);
		fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
		if (fd >= 0) {
			unlink(path);
			return fd;
		}
		if (errno != EEXIST)
			break;
	}
	return -1;
}

int live_file_create(enum live_file_kind kind, uint64_t size)
{
	unsigned int flags = kind == LIVE_FILE_MEMFD_HUGETLB ? MFD_HUGETLB :
			     kind == LIVE_FILE_MEMFD_HUGETLB_1G ?
			     MFD_HUGETLB | MFD_HUGE_1GB : 0;
	int fd, err;

	if (kind == LIVE_FILE_TMPFILE)
		fd = live_tmpfile();
	else if (kind == LIVE_FILE_SHMEM)
		fd = live_shmem_file();
	else
		fd = memfd_create("mmfuzz-live", flags);
	if (fd < 0)
		return -errno;
	if (ftruncate(fd, (off_t)size)) {
		err = errno;
		close(fd);
		return -err;
	}
	return fd;
}

int live_file_write(int fd, uint64_t off, uint64_t pages, uint64_t first,
		    uint64_t value)
{
	uint64_t page[LIVE_PAGE / 8];

	for (uint64_t i = 0; i < pages; i++) {
		live_fill(page, live_value(first, value, i));
		if (pwrite(fd, page, LIVE_PAGE, (off_t)(off + i * LIVE_PAGE)) < 0)
			return errno;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Handles.                                                             */

int live_vmsplice(struct live_handle *h, uint64_t addr, uint64_t len)
{
	struct iovec iov = { (void *)addr, len };
	int err = 0;

	memset(h, 0, sizeof(*h));
	if (pipe(h->pipe))
		return errno;
	fcntl(h->pipe[1], F_SETPIPE_SZ, len > 65536 ? (int)len : 65536);
	while (iov.iov_len && !err) {
		ssize_t n = vmsplice(h->pipe[1], &iov, 1, SPLICE_F_NONBLOCK);

		if (n <= 0) {
			err = n < 0 ? errno : EAGAIN;
		} else {
			iov.iov_base = (char *)iov.iov_base + n;
			iov.iov_len -= (size_t)n;
		}
	}
	h->kind = LIVE_H_PIPE;
	h->addr = addr;
	h->len = len - iov.iov_len;
	/* All or nothing, as the emulator's GUP: a failed one holds no handle. */
	if (err)
		live_handle_release(h, 1);
	return err;
}

int live_iouring(struct live_handle *h, uint64_t addr, uint64_t len)
{
	memset(h, 0, sizeof(*h));
	return live_ring_register(h, addr, len);
}

/* A pipe's pages, without consuming them: tee() into a second pipe. */
static int live_pipe_read(struct live_handle *h, live_seen_fn seen, void *priv)
{
	uint64_t page[LIVE_PAGE / 8];
	ssize_t n;
	int q[2], err = 0;

	if (!h->len)
		return 0;
	if (pipe(q))
		return errno;
	fcntl(q[1], F_SETPIPE_SZ, h->len > 65536 ? (int)h->len : 65536);
	n = tee(h->pipe[0], q[1], h->len, SPLICE_F_NONBLOCK);
	if (n < 0)
		err = errno;
	for (uint64_t i = 0; n > 0 && i * LIVE_PAGE < (uint64_t)n; i++) {
		if (read(q[0], page, LIVE_PAGE) != (ssize_t)LIVE_PAGE)
			break;
		seen(priv, i, page[0]);
	}
	close(q[0]);
	close(q[1]);
	return err;
}

int live_handle_read(struct live_handle *h, live_seen_fn seen, void *priv)
{
	if (h->kind == LIVE_H_PIPE)
		return live_pipe_read(h, seen, priv);
	if (h->kind == LIVE_H_RING)
		return live_ring_read(h, seen, priv);
	return EINVAL;		/* no such handle, as in the emulator */
}

void live_handle_release(struct live_handle *h, int mine)
{
	if (h->kind == LIVE_H_PIPE) {
		close(h->pipe[0]);
		close(h->pipe[1]);
	} else if (h->kind == LIVE_H_RING) {
		live_ring_release(h, mine);
	}
	h->kind = LIVE_H_NONE;
}

/* ------------------------------------------------------------------ */
/* KSM.                                                                 */

static long live_read_long(const char *path)
{
	char buf[64] = "";
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return n > 0 ? strtol(buf, NULL, 10) : -1;
}

int live_ksm_scan(void)
{
	const char *run = "/sys/kernel/mm/ksm/run";
	const char *scans = "/sys/kernel/mm/ksm/full_scans";
	long was = live_read_long(run), start = live_read_long(scans), now = start;
	int err;

	if (was < 0 || start < 0)
		return errno ? errno : ENOENT;
	err = live_echo(run, "1");
	/*
	 * Two whole scans from now (the count's next step may end a scan
	 * begun before): ksmd merges a page only once its checksum held
	 * still across a scan, so the first sees it, the second merges it.
	 * With nothing marked mergeable anywhere (say the marking process
	 * has exited) ksmd sleeps and the count stands still: three seconds
	 * without a step, before the first or after any, end the wait with
	 * nothing (more) to merge.  A scan that ended just before the last
	 * mergeable memory went away is such a step.
	 */
	long last = start;
	int still = 0;

	for (int waited = 0; !err && now < start + 3 && still < 3000 &&
	     waited < 30000; waited += 10) {
		usleep(10000);
		now = live_read_long(scans);
		if (now == last) {
			still += 10;
		} else {
			last = now;
			still = 0;
		}
	}
	if (!err && still < 3000 && now < start + 3)
		err = ETIMEDOUT;
	if (was != 1)
		live_echo(run, was == 2 ? "2" : "0");
	return err;
}
