// SPDX-License-Identifier: MIT
/*
 * live_iouring.c - io_uring fixed buffers through raw system calls
 * (live.h): a ring per handle, the range registered as fixed buffer 0
 * (FOLL_PIN | FOLL_WRITE | FOLL_LONGTERM), and IORING_OP_WRITE_FIXED
 * into a memfd to see what the pinned pages hold.  Where the kernel
 * headers have no io_uring, registering fails with EOPNOTSUPP.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include "live.h"

#if defined(__has_include)
#if __has_include(<linux/io_uring.h>)
#define LIVE_HAVE_IOURING 1
#endif
#endif

#ifdef LIVE_HAVE_IOURING
#include <linux/io_uring.h>

#ifndef SYS_io_uring_setup
#define SYS_io_uring_setup 425
#define SYS_io_uring_enter 426
#define SYS_io_uring_register 427
#endif

struct live_ring {
	int fd, out;			/* the ring; the memfd it writes to */
	void *sq, *cq;
	size_t sq_len, cq_len, sqes_len;
	struct io_uring_sqe *sqes;
	unsigned int *sq_tail, *sq_mask, *sq_array;
	unsigned int *cq_head, *cq_tail, *cq_mask;
	struct io_uring_cqe *cqes;
};

static void *live_ring_map(int fd, size_t len, off_t off)
{
	return mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
		    fd, off);
}

static int live_ring_setup(struct live_ring *r)
{
	struct io_uring_params p;

	memset(&p, 0, sizeof(p));
	r->fd = (int)syscall(SYS_io_uring_setup, 4, &p);
	if (r->fd < 0)
		return errno;
	r->sq_len = p.sq_off.array + p.sq_entries * sizeof(unsigned int);
	r->cq_len = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
	r->sqes_len = p.sq_entries * sizeof(struct io_uring_sqe);
	r->sq = live_ring_map(r->fd, r->sq_len, IORING_OFF_SQ_RING);
	r->cq = live_ring_map(r->fd, r->cq_len, IORING_OFF_CQ_RING);
	r->sqes = live_ring_map(r->fd, r->sqes_len, IORING_OFF_SQES);
	if (r->sq == MAP_FAILED || r->cq == MAP_FAILED || r->sqes == MAP_FAILED)
		return errno;
	r->sq_tail = (unsigned int *)((char *)r->sq + p.sq_off.tail);
	r->sq_mask = (unsigned int *)((char *)r->sq + p.sq_off.ring_mask);
	r->sq_array = (unsigned int *)((char *)r->sq + p.sq_off.array);
	r->cq_head = (unsigned int *)((char *)r->cq + p.cq_off.head);
	r->cq_tail = (unsigned int *)((char *)r->cq + p.cq_off.tail);
	r->cq_mask = (unsigned int *)((char *)r->cq + p.cq_off.ring_mask);
	r->cqes = (struct io_uring_cqe *)((char *)r->cq + p.cq_off.cqes);
	return 0;
}

static void live_ring_free(struct live_ring *r)
{
	if (r->sq && r->sq != MAP_FAILED)
		munmap(r->sq, r->sq_len);
	if (r->cq && r->cq != MAP_FAILED)
		munmap(r->cq, r->cq_len);
	if (r->sqes && (void *)r->sqes != MAP_FAILED)
		munmap(r->sqes, r->sqes_len);
	if (r->fd >= 0)
		close(r->fd);
	if (r->out >= 0)
		close(r->out);
	free(r);
}

int live_ring_register(struct live_handle *h, uint64_t addr, uint64_t len)
{
	struct iovec iov = { (void *)addr, len };
	struct live_ring *r = calloc(1, sizeof(*r));
	int err;

	if (!r)
		return ENOMEM;
	r->fd = r->out = -1;
	err = live_ring_setup(r);
	if (!err && syscall(SYS_io_uring_register, r->fd,
			    IORING_REGISTER_BUFFERS, &iov, 1))
		err = errno;
	if (!err && (r->out = memfd_create("mmfuzz-live-out", 0)) < 0)
		err = errno;
	if (err) {
		live_ring_free(r);
		return err;
	}
	h->kind = LIVE_H_RING;
	h->ring = r;
	h->addr = addr;
	h->len = len;
	return 0;
}

/* One IORING_OP_WRITE_FIXED of the whole buffer to the memfd: bytes or -errno. */
static int live_ring_write_fixed(struct live_handle *h)
{
	struct live_ring *r = h->ring;
	unsigned int tail = *r->sq_tail, idx = tail & *r->sq_mask, head;
	struct io_uring_sqe *sqe = &r->sqes[idx];
	int res;

	memset(sqe, 0, sizeof(*sqe));
	sqe->opcode = IORING_OP_WRITE_FIXED;
	sqe->fd = r->out;
	sqe->addr = h->addr;
	sqe->len = (unsigned int)h->len;
	sqe->buf_index = 0;
	r->sq_array[idx] = idx;
	__atomic_store_n(r->sq_tail, tail + 1, __ATOMIC_RELEASE);
	if (syscall(SYS_io_uring_enter, r->fd, 1, 1, IORING_ENTER_GETEVENTS, NULL, 0) < 0)
		return -errno;
	head = *r->cq_head;
	if (head == __atomic_load_n(r->cq_tail, __ATOMIC_ACQUIRE))
		return -EAGAIN;
	res = r->cqes[head & *r->cq_mask].res;
	__atomic_store_n(r->cq_head, head + 1, __ATOMIC_RELEASE);
	return res;
}

int live_ring_read(struct live_handle *h, live_seen_fn seen, void *priv)
{
	int res = live_ring_write_fixed(h);

	if (res < 0)
		return -res;
	for (uint64_t i = 0; i * LIVE_PAGE < (uint64_t)res; i++) {
		uint64_t v = 0;

		if (pread(h->ring->out, &v, 8, (off_t)(i * LIVE_PAGE)) != 8)
			break;
		seen(priv, i, v);
	}
	return 0;
}

/* Unpin only if @mine: a fork child's ring is its parent's. */
void live_ring_release(struct live_handle *h, int mine)
{
	if (!h->ring)
		return;
	if (mine)
		syscall(SYS_io_uring_register, h->ring->fd,
			IORING_UNREGISTER_BUFFERS, NULL, 0);
	live_ring_free(h->ring);
	h->ring = NULL;
}

#else /* no <linux/io_uring.h> */

int live_ring_register(struct live_handle *h, uint64_t addr, uint64_t len)
{
	(void)h, (void)addr, (void)len;
	return EOPNOTSUPP;
}

int live_ring_read(struct live_handle *h, live_seen_fn seen, void *priv)
{
	(void)h, (void)seen, (void)priv;
	return EOPNOTSUPP;
}

void live_ring_release(struct live_handle *h, int mine)
{
	(void)h, (void)mine;
}

#endif
