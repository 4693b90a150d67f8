/* SPDX-License-Identifier: MIT */
/*
 * live.h - the userspace side of every .mm statement on a real kernel:
 * the system calls a statement stands for, at the slot addresses of the
 * .mm language, with the result a program can see (0, an errno value, or
 * the signal a load or store took).
 *
 * This is the one implementation of those semantics.  `mmfuzz live`
 * links it (tools/live_exec.c); `mmfuzz repro-c` copies these files, as
 * they are, into every C program it writes (the build turns them into
 * strings, tools/embed.cmake), so the reproducer and the live run do the
 * same thing.  The files therefore depend on nothing of the project: libc
 * and the kernel's headers only.
 */
#ifndef MMFUZZ_LIVE_H
#define MMFUZZ_LIVE_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define LIVE_PAGE 4096UL
/* Region slot rN, as in the .mm language (program.md §3). */
#define LIVE_SLOT(n) (0x100000000000UL + (unsigned long)(n) * 0x100000000UL)
#define LIVE_NR_SLOTS 16
/*
 * Fresh value #n (numbered from 1, as the emulator's reports number
 * them) is stored as LIVE_TAG | (n - 1): unique, and recognisable.
 */
#define LIVE_TAG 0x6d6d2d0000000000ULL
#define LIVE_TAG_MASK 0xffffff0000000000ULL

/* Protections and file kinds, numbered as the .mm language lists them. */
enum live_prot { LIVE_PROT_NONE, LIVE_PROT_R, LIVE_PROT_RW };
enum live_file_kind {
	LIVE_FILE_MEMFD, LIVE_FILE_TMPFILE, LIVE_FILE_SHMEM,
	LIVE_FILE_MEMFD_HUGETLB, LIVE_FILE_MEMFD_HUGETLB_1G,
};

/* Advice, in the .mm language's order (MM_ADV_*). */
enum live_advice {
	LIVE_ADV_DONTNEED, LIVE_ADV_FREE, LIVE_ADV_DONTFORK, LIVE_ADV_DOFORK,
	LIVE_ADV_WIPEONFORK, LIVE_ADV_KEEPONFORK, LIVE_ADV_HUGEPAGE,
	LIVE_ADV_NOHUGEPAGE, LIVE_ADV_COLLAPSE, LIVE_ADV_PAGEOUT,
	LIVE_ADV_MERGEABLE, LIVE_ADV_UNMERGEABLE, LIVE_ADV_POPULATE_READ,
	LIVE_ADV_POPULATE_WRITE, LIVE_ADV_REMOVE,
	LIVE_NR_ADVICE
};

/* mmap options (the .mm language's MM_MAP_* bits). */
#define LIVE_MAP_HUGETLB	(1u << 0)
#define LIVE_MAP_HUGETLB_1G	(1u << 1)
#define LIVE_MAP_POPULATE	(1u << 2)
#define LIVE_MAP_RO_FILE	(1u << 3)

/* ------------------------------------------------------------------ */
/* Address space: each returns 0 or the errno value of the call.        */

/*
 * mmap at slot @region: anonymous when @fd < 0, else of @fd from @off;
 * with LIVE_MAP_RO_FILE the file is reopened read-only for the call.
 */
int live_mmap(int region, uint64_t len, enum live_prot prot, int shared,
	      unsigned int opts, int fd, uint64_t off);
int live_munmap(uint64_t addr, uint64_t len);
int live_mprotect(uint64_t addr, uint64_t len, enum live_prot prot);
int live_madvise(uint64_t addr, uint64_t len, enum live_advice advice);
int live_mlock(uint64_t addr, uint64_t len);
int live_munlock(uint64_t addr, uint64_t len);
/* mremap(MREMAP_MAYMOVE | MREMAP_FIXED) to the start of slot @region. */
int live_mremap(uint64_t addr, uint64_t len, int region);

/* ------------------------------------------------------------------ */
/* Memory access.                                                       */

/*
 * Catch SIGSEGV and SIGBUS for live_load() and live_store_page(), once
 * per process (a fork child inherits it).
 */
void live_catch_faults(void);
/* Load the first word of the page at @addr into *@v: 0, or the signal. */
int live_load(uint64_t addr, uint64_t *v);
/* Fill the page at @addr with @v: 0, or the signal the store took. */
int live_store_page(uint64_t addr, uint64_t v);
/*
 * /proc/self/mem (GUP with FOLL_FORCE): read the page's first word, or
 * write the page full of @v.  @fd is open on /proc/self/mem (O_RDWR).
 * 0 or the errno value.
 */
int live_mem_read(int fd, uint64_t addr, uint64_t *v);
int live_mem_write(int fd, uint64_t addr, uint64_t v);
/* echo 4 > /proc/self/clear_refs: 0 or the errno value. */
int live_clear_refs(void);

/* Fresh value #@first + @i of a write, or @value when @first is 0. */
uint64_t live_value(uint64_t first, uint64_t value, uint64_t i);
/* The number n of fresh value #n seen as @v, or 0 when it is not one. */
uint64_t live_fresh_number(uint64_t v);

/* ------------------------------------------------------------------ */
/* Files.                                                               */

/*
 * A file of @kind and @size, zero-filled: memfd, O_TMPFILE on a disk
 * file system ($MMFUZZ_TMPDIR or $MMREPRO_TMPDIR, /var/tmp, then .), an
 * unlinked file in /dev/shm, or a hugetlb memfd.  Returns the fd, or
 * -errno.
 */
int live_file_create(enum live_file_kind kind, uint64_t size);
/* pwrite @pages pages of values (live_value) at @off: 0 or errno. */
int live_file_write(int fd, uint64_t off, uint64_t pages, uint64_t first,
		    uint64_t value);
/* echo 1 > /proc/sys/vm/drop_caches (root): 0 or the errno value. */
int live_drop_caches(void);
/* echo 1 > /proc/sys/vm/compact_memory (root): 0 or the errno value. */
int live_compact(void);
/*
 * One full KSM scan (root): ksmd runs until /sys/kernel/mm/ksm/full_scans
 * has counted three more (two whole scans: a page is merged in the scan
 * after the one that saw its content settle), at most 10 s; its run
 * setting is restored after.
 * 0 or the errno value (ETIMEDOUT).
 */
int live_ksm_scan(void);

/* ------------------------------------------------------------------ */
/* Handles: references held by a pipe, pins held by an io_uring.        */

struct live_ring;

struct live_handle {
	int kind;			/* LIVE_H_* */
	uint64_t addr, len;		/* what it holds */
	int pipe[2];			/* LIVE_H_PIPE */
	struct live_ring *ring;		/* LIVE_H_RING */
};
enum { LIVE_H_NONE, LIVE_H_PIPE, LIVE_H_RING };

/* What a handle shows: page @i holds @v (its first word). */
typedef void (*live_seen_fn)(void *priv, uint64_t i, uint64_t v);

/* vmsplice [addr, addr + len) into a new pipe: 0 or errno. */
int live_vmsplice(struct live_handle *h, uint64_t addr, uint64_t len);
/*
 * Register [addr, addr + len) as fixed buffer 0 of a new io_uring
 * (FOLL_PIN | FOLL_WRITE | FOLL_LONGTERM): 0 or errno (EOPNOTSUPP where
 * the kernel headers lack io_uring).
 */
int live_iouring(struct live_handle *h, uint64_t addr, uint64_t len);
/*
 * Read what the handle holds, page by page: a pipe with tee() (the pipe
 * keeps its pages), a ring with IORING_OP_WRITE_FIXED into a memfd.
 * 0 or the errno value.
 */
int live_handle_read(struct live_handle *h, live_seen_fn seen, void *priv);
/*
 * Release the handle.  With @mine false (a fork child's copy of its
 * parent's handle) only this process's file descriptors are closed, the
 * parent's pins stay.
 */
void live_handle_release(struct live_handle *h, int mine);

/* io_uring's part of the above (live_iouring.c). */
int live_ring_register(struct live_handle *h, uint64_t addr, uint64_t len);
int live_ring_read(struct live_handle *h, live_seen_fn seen, void *priv);
void live_ring_release(struct live_handle *h, int mine);

#endif /* MMFUZZ_LIVE_H */
