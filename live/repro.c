// SPDX-License-Identifier: MIT
/*
 * repro.c - the runtime of the C programs `mmfuzz repro-c` writes: every
 * process of the program runs worker(); the original process coordinates,
 * handing each step to its owner in program order, one at a time.  Each
 * step's system calls are live.c's; this file prints what each step did
 * and observed and judges it (LEAK, PIN LOST, CORRUPT, inconclusive).
 *
 * tools/repro_c.c copies this file, after live.h, live.c, live_iouring.c
 * and repro.h, into the program it writes, then the generated tables
 * (repro.h) and run_step().  Built alone it is an object with those as
 * undefined references, which is how the build checks it.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "live.h"
#include "repro.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

#define NR_PROCS 8
#define NR_HANDLES 32

enum { BAD_LEAK = 1, BAD_PIN = 2, BAD_UNKNOWN = 4, INCONCLUSIVE = 8 };
enum { R_DONE, R_FORKED, R_EXIT, R_CHILD };

struct reply {
	int step, kind, bad;
	pid_t pid, child;
	char msg[160];		/* the first LEAK, PIN LOST or CORRUPT */
	char why[120];		/* why the step is inconclusive */
};

/*
 * The state of this process of the program.  The reproducer is a
 * standalone program whose processes are forks of one another, so its
 * state is plain static data, one copy per process.
 */
static int self, self_inst, cur_step, files[8] = { -1, -1, -1, -1, -1, -1, -1, -1 };
static int ctl[NR_PROCS][2], reply_pipe[2];
static struct live_handle handles[NR_HANDLES];
static struct reply cur;

static void bad(int what, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bad(int what, const char *fmt, ...)
{
	va_list ap;

	cur.bad |= what;
	if (cur.msg[0])
		return;
	va_start(ap, fmt);
	vsnprintf(cur.msg, sizeof(cur.msg), fmt, ap);
	va_end(ap);
}

/* This step does not do here what it does in the emulator: whatever
 * follows cannot show the program's bug, nor its absence. */
void inconclusive(const char *fmt, ...)
{
	va_list ap;

	cur.bad |= INCONCLUSIVE;
	if (cur.why[0])
		return;
	va_start(ap, fmt);
	vsnprintf(cur.why, sizeof(cur.why), fmt, ap);
	va_end(ap);
}

static const char *err_name(int err)
{
	return err ? strerror(err) : "ok";
}

/* Fresh value index (#n - 1), or -1 if @v is not one of this program's. */
static long fresh_index(uint64_t v)
{
	uint64_t n = live_fresh_number(v);

	return n && (long)n <= nr_fresh ? (long)n - 1 : -1;
}

/* May this process have seen @v?  Shared writes, its own writes, and what
 * it inherited from its ancestors before each fork. */
static int may_see(long n)
{
	const struct fresh *f = &fresh[n];
	int i = self_inst, before = cur_step + 1;

	if (f->shared)
		return 1;
	for (;;) {
		if (f->inst == i && f->step < before)
			return 1;
		if (insts[i].parent < 0)
			return 0;
		before = insts[i].fork_step;
		i = insts[i].parent;
	}
}

static int is_explicit(uint64_t v)
{
	for (long e = 0; e < nr_explicit; e++)
		if (explicit_values[e] == v)
			return 1;
	return v == 0;
}

#define SHOWN 16	/* pages printed per access; every page is judged */

/* Print what page @i of @what shows (the first SHOWN pages and anything
 * bad), and judge it.  Written values are numbered from #1, as the
 * emulator's reports number them. */
static void observe(const char *what, unsigned long i, uint64_t v)
{
	long n = fresh_index(v);

	if (n >= 0 && !may_see(n)) {
		printf("    %s page %lu: #%ld (p%d's write at line %d)  <-- LEAK: p%d never saw it\n",
		       what, i, n + 1, insts[fresh[n].inst].name, fresh[n].line, self);
		bad(BAD_LEAK, "%s page %lu saw p%d's private write of line %d",
		    what, i, insts[fresh[n].inst].name, fresh[n].line);
	} else if (n < 0 && !is_explicit(v)) {
		printf("    %s page %lu: 0x%llx  <-- nobody wrote this\n", what, i,
		       (unsigned long long)v);
		bad(BAD_UNKNOWN, "%s page %lu shows 0x%llx", what, i,
		    (unsigned long long)v);
	} else if (i >= SHOWN) {
		return;
	} else if (n >= 0 && fresh[n].inst < 0) {
		printf("    %s page %lu: #%ld (pwrite at line %d)\n", what, i, n + 1,
		       fresh[n].line);
	} else if (n >= 0) {
		printf("    %s page %lu: #%ld (p%d's %s write at line %d)\n", what, i,
		       n + 1, insts[fresh[n].inst].name,
		       fresh[n].shared ? "shared" : "private", fresh[n].line);
	} else {
		printf("    %s page %lu: =%llu\n", what, i, (unsigned long long)v);
	}
}

static void observed(const char *what, unsigned long pages)
{
	if (pages > SHOWN)
		printf("    %s: %lu pages, the first %d shown\n", what, pages, SHOWN);
}

/* ------------------------------------------------------------------ */
/* Statements                                                          */

/* The outcome of a step's system call, against the emulator's. */
void done(const char *what, int err)
{
	int emu = steps[cur_step].emu;

	printf("    %s: %s\n", what, err_name(err));
	if (err && emu != 1)
		inconclusive("%s failed here (%s)%s", what, err_name(err),
			     emu ? "" : ", not in the emulator");
	else if (!err && emu == 1)
		inconclusive("%s succeeded here, not in the emulator", what);
}

void do_mmap(int region, unsigned long len, int prot, int shared,
	     unsigned int opts, int file, unsigned long off)
{
	done("mmap", live_mmap(region, len, (enum live_prot)prot, shared, opts,
			       file < 0 ? -1 : files[file], off));
}

void do_munmap(unsigned long addr, unsigned long len)
{
	done("munmap", live_munmap(addr, len));
}

void do_mprotect(unsigned long addr, unsigned long len, int prot)
{
	done("mprotect", live_mprotect(addr, len, (enum live_prot)prot));
}

void do_madvise(unsigned long addr, unsigned long len, int advice)
{
	done("madvise", live_madvise(addr, len, (enum live_advice)advice));
}

void do_mlock(unsigned long addr, unsigned long len)
{
	done("mlock", live_mlock(addr, len));
}

void do_munlock(unsigned long addr, unsigned long len)
{
	done("munlock", live_munlock(addr, len));
}

void do_mremap(unsigned long addr, unsigned long len, int region)
{
	done("mremap", live_mremap(addr, len, region));
}

void do_read(unsigned long addr, unsigned long pages)
{
	char what[32];

	snprintf(what, sizeof(what), "p%d read", self);
	for (unsigned long i = 0; i < pages; i++) {
		uint64_t v = 0;
		int sig = live_load(addr + i * LIVE_PAGE, &v);

		if (sig) {
			printf("    %s page %lu: %s\n", what, i, strsignal(sig));
			break;
		}
		observe(what, i, v);
	}
	observed(what, pages);
}

void do_write(unsigned long addr, unsigned long pages, uint64_t first,
	      uint64_t value)
{
	for (unsigned long i = 0; i < pages; i++) {
		int sig = live_store_page(addr + i * LIVE_PAGE,
					  live_value(first, value, i));

		if (sig) {
			printf("    write page %lu: %s\n", i, strsignal(sig));
			return;
		}
	}
	done("write", 0);
}

/* /proc/self/mem: GUP with FOLL_FORCE, as ptrace and debuggers do. */
void do_memrw(unsigned long addr, unsigned long pages, int write,
	      uint64_t first)
{
	int fd = open("/proc/self/mem", O_RDWR), err = 0;
	char what[32];

	snprintf(what, sizeof(what), "p%d memread", self);
	for (unsigned long i = 0; fd >= 0 && i < pages; i++) {
		uint64_t a = addr + i * LIVE_PAGE, v = 0;

		err = write ? live_mem_write(fd, a, live_value(first, 0, i)) :
		      live_mem_read(fd, a, &v);
		if (err) {
			printf("    %s page %lu: %s\n", write ? "memwrite" : what, i,
			       strerror(err));
			break;
		}
		if (!write)
			observe(what, i, v);
	}
	if (fd < 0)
		done("open /proc/self/mem", errno);
	else if (write || err)
		done(write ? "memwrite" : "memread", err);
	else
		observed(what, pages);
	if (fd >= 0)
		close(fd);
}

void do_clear_refs(void)
{
	done("clear_refs", live_clear_refs());
}

/* After fork: the parent's handles are not the child's (a pipe end kept
 * open here would keep the parent's references alive after its put). */
static void drop_foreign_handles(void)
{
	for (int g = 0; g < NR_HANDLES; g++)
		live_handle_release(&handles[g], 0);
}

void do_fork(int name, int inst)
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		self = name;
		self_inst = inst;
		drop_foreign_handles();
		cur.kind = R_CHILD;
		return;
	}
	done("fork", pid < 0 ? errno : 0);
	cur.kind = R_FORKED;
	cur.child = pid;
}

void do_exit(void)
{
	for (int g = 0; g < NR_HANDLES; g++)
		live_handle_release(&handles[g], 1);
	cur.kind = R_EXIT;
}

/* vmsplice: the pipe holds references (FOLL_GET, GUP-fast). */
void do_vmsplice(int g, unsigned long addr, unsigned long len)
{
	done("vmsplice", live_vmsplice(&handles[g], addr, len));
}

/* Register [addr, addr + len) as fixed buffer 0 of a new ring. */
void do_iouring(int g, unsigned long addr, unsigned long len)
{
	int err = live_iouring(&handles[g], addr, len);

	done("io_uring register buffers", err);
	if (err)
		inconclusive("no io_uring fixed buffer here (%s)", err_name(err));
}

struct handle_seen {
	const char *what;
	struct live_handle *h;
	int check_pin, mem;
	unsigned long pages;
};

/* What page @i of a handle shows; with check_pin, it must be what this
 * process sees there (it has not unmapped, remapped or discarded it). */
static void handle_page(void *priv, uint64_t i, uint64_t v)
{
	struct handle_seen *hs = priv;
	uint64_t seen = 0;

	hs->pages = i + 1;
	observe(hs->what, i, v);
	if (!hs->check_pin || hs->mem < 0 ||
	    live_mem_read(hs->mem, hs->h->addr + i * LIVE_PAGE, &seen) || seen == v)
		return;
	printf("    p%d sees 0x%llx there  <-- PIN LOST: the pin is not what p%d maps\n",
	       self, (unsigned long long)seen, self);
	bad(BAD_PIN, "%s page %lu is not what p%d maps", hs->what,
	    (unsigned long)i, self);
}

void do_handle_read(int g, int check_pin)
{
	struct live_handle *h = &handles[g];
	struct handle_seen hs = { NULL, h, check_pin && h->kind == LIVE_H_RING, -1, 0 };
	char what[48];
	int err;

	snprintf(what, sizeof(what), "g%d (%s of p%d)", g,
		 h->kind == LIVE_H_RING ? "io_uring" : "pipe", self);
	hs.what = what;
	if (h->kind == LIVE_H_NONE) {
		printf("    g%d: no handle (its gup failed)\n", g);
		return;
	}
	if (hs.check_pin)
		hs.mem = open("/proc/self/mem", O_RDONLY);
	err = live_handle_read(h, handle_page, &hs);
	if (err)
		done(h->kind == LIVE_H_RING ? "io_uring write_fixed" : "tee", err);
	else if (!hs.pages)
		printf("    %s: nothing to read\n", what);
	observed(what, hs.pages);
	if (hs.mem >= 0)
		close(hs.mem);
}

void do_handle_put(int g)
{
	live_handle_release(&handles[g], 1);
	done("put", 0);
}

void do_file_write(int file, unsigned long off, unsigned long pages,
		   uint64_t first, uint64_t value)
{
	done("pwrite", live_file_write(files[file], off, pages, first, value));
}

void do_drop_caches(void)
{
	done("drop_caches (needs root)", live_drop_caches());
}

/* Every file exists from the start, so that every process inherits it. */
static int setup_files(void)
{
	for (int f = 0; f < 8; f++) {
		if (!file_specs[f].size)
			continue;
		files[f] = live_file_create((enum live_file_kind)file_specs[f].kind,
					    file_specs[f].size);
		if (files[f] < 0) {
			printf("file f%d: %s\n", f, strerror(-files[f]));
			return -1;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Coordination: the coordinator sends step numbers down ctl[K]; process
 * pK runs the step and answers on reply_pipe.  One step runs at a time. */

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

static void worker(void)
{
	for (;;) {
		int step;

		if (read_full(ctl[self][0], &step, sizeof(step)) || step < 0)
			break;
		memset(&cur, 0, sizeof(cur));
		cur.step = cur_step = step;
		cur.pid = getpid();
		run_step(step);
		fflush(stdout);
		if (cur.kind == R_CHILD)
			continue;	/* a new process: wait for its first step */
		if (write(reply_pipe[1], &cur, sizeof(cur)) != (ssize_t)sizeof(cur))
			_exit(3);
		if (cur.kind == R_EXIT)
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

	if (fd < 0) {
		usleep(100000);
		return;
	}
	poll(&pfd, 1, 10000);
	close(fd);
}

static int dispatch(int step, pid_t *pids, struct reply *r)
{
	int who = steps[step].owner;
	struct pollfd pfd = { reply_pipe[0], POLLIN, 0 };

	if (write(ctl[who][1], &step, sizeof(step)) != (ssize_t)sizeof(step) ||
	    poll(&pfd, 1, 10000) != 1 || read_full(reply_pipe[0], r, sizeof(*r))) {
		printf("    p%d does not answer\n", who);
		return -1;
	}
	if (r->kind == R_EXIT) {
		wait_gone(r->pid);
		pids[who] = 0;
	}
	if (r->kind == R_FORKED && r->child > 0)
		pids[steps[step].child] = r->child;
	return 0;
}

static int verdict(int bad_all, const char *msg, const char *why)
{
	if (bad_all & BAD_LEAK)
		printf("verdict: LEAK: %s\n", msg);
	else if (bad_all & BAD_PIN)
		printf("verdict: PIN LOST: %s\n", msg);
	else if (bad_all & BAD_UNKNOWN)
		printf("verdict: CORRUPT: %s\n", msg);
	else if (bad_all & INCONCLUSIVE)
		printf("verdict: inconclusive: %s\n", why[0] ? why : "a step could not run here");
	else if (unobserved[0])
		printf("verdict: inconclusive: %s\n", unobserved);
	else
		printf("verdict: ok\n");
	return bad_all & (BAD_LEAK | BAD_PIN | BAD_UNKNOWN) ? 1 :
	       (bad_all & INCONCLUSIVE) || unobserved[0] ? 2 : 0;
}

int main(void)
{
	pid_t pids[NR_PROCS] = { 0 }, group;
	char msg[200] = "", why[200] = "";
	int bad_all = 0, step;

	live_catch_faults();
	signal(SIGPIPE, SIG_IGN);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	for (int k = 0; k < NR_PROCS; k++)
		if (pipe(ctl[k]))
			return verdict(INCONCLUSIVE, msg, "no pipes here");
	if (pipe(reply_pipe))
		return verdict(INCONCLUSIVE, msg, "no pipes here");
	if (setup_files())
		return verdict(INCONCLUSIVE, msg, "the program's files cannot be created here");
	fflush(stdout);
	pids[0] = fork();
	if (pids[0] < 0)
		return verdict(INCONCLUSIVE, msg, "no fork here");
	if (pids[0] == 0) {
		setpgid(0, 0);
		worker();
	}
	group = pids[0];
	setpgid(group, group);
	close(reply_pipe[1]);
	for (step = 0; step < nr_steps; step++) {
		struct reply r;

		printf("%3d: %s\n", steps[step].line, steps[step].text);
		fflush(stdout);
		if (steps[step].owner == OWNER_NONE) {
			printf("    skipped: no userspace equivalent\n");
			bad_all |= INCONCLUSIVE;
			if (!why[0])
				snprintf(why, sizeof(why), "line %d skipped: no userspace equivalent",
					 steps[step].line);
			continue;
		}
		if (steps[step].owner == OWNER_MAIN) {
			memset(&cur, 0, sizeof(cur));
			cur_step = step;
			run_step(step);
			r = cur;
		} else if (dispatch(step, pids, &r)) {
			bad_all |= INCONCLUSIVE;
			if (!why[0])
				snprintf(why, sizeof(why), "line %d: p%d does not answer",
					 steps[step].line, steps[step].owner);
			break;
		}
		if ((r.bad & ~INCONCLUSIVE) && !msg[0])
			snprintf(msg, sizeof(msg), "line %d: %.160s", steps[step].line, r.msg);
		if ((r.bad & INCONCLUSIVE) && !why[0])
			snprintf(why, sizeof(why), "line %d: %.120s", steps[step].line,
				 r.why[0] ? r.why : "could not run here");
		bad_all |= r.bad;
	}
	for (int k = 0; k < NR_PROCS; k++) {
		int quit = -1;

		if (pids[k] && write(ctl[k][1], &quit, sizeof(quit)) < 0)
			break;
	}
	if (step < nr_steps && group > 0)
		kill(-group, SIGKILL);
	while (wait(NULL) > 0 || errno == EINTR)
		;
	return verdict(bad_all, msg, why);
}
