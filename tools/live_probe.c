// SPDX-License-Identifier: MIT
/*
 * live_probe.c - what the running kernel and this process offer a live
 * run (THP, the zeropage, hugetlb pools, swap, io_uring, root, free slot
 * addresses), and whether a program can run here at all (live_check).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/utsname.h>

#include "live.h"
#include "live_int.h"

#ifndef SYS_io_uring_setup
#define SYS_io_uring_setup 425
#endif

#define KPF_ZERO_PAGE	24	/* /proc/kpageflags bit */

static int read_text(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	buf[0] = '\0';
	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static long read_num(const char *path)
{
	char buf[64];

	return read_text(path, buf, sizeof(buf)) ? -1 : strtol(buf, NULL, 10);
}

/* The bracketed choice of a sysfs setting: "always [madvise] never". */
static void read_choice(const char *path, char *out, size_t size)
{
	char buf[128], *l, *r;

	snprintf(out, size, "unknown");
	if (read_text(path, buf, sizeof(buf)))
		return;
	l = strchr(buf, '[');
	r = l ? strchr(l, ']') : NULL;
	if (l && r)
		snprintf(out, size, "%.*s", (int)(r - l - 1), l + 1);
}

static long meminfo_kb(const char *key)
{
	char buf[8192], *at;
	int fd = open("/proc/meminfo", O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	at = strstr(buf, key);
	return at ? strtol(at + strlen(key), NULL, 10) : -1;
}

/*
 * Does an anonymous read fault map the shared zeropage?  Map a page, read
 * it, and ask /proc/kpageflags about the page mapped there (root only:
 * pagemap hides the PFN from others).
 */
static int probe_zeropage(void)
{
	volatile uint64_t *p = mmap(NULL, LIVE_PAGE, PROT_READ,
				    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t ent = 0, flags = 0;
	int fd, ret = -1;

	if (p == MAP_FAILED)
		return -1;
	(void)*p;
	fd = open("/proc/self/pagemap", O_RDONLY);
	if (fd >= 0 && pread(fd, &ent, 8, (off_t)((uintptr_t)p / LIVE_PAGE * 8)) == 8) {
		uint64_t pfn = ent & ((1ULL << 55) - 1);
		int kf = open("/proc/kpageflags", O_RDONLY);

		if (!(ent >> 63))
			ret = 0;
		else if (pfn && kf >= 0 && pread(kf, &flags, 8, (off_t)(pfn * 8)) == 8)
			ret = (int)((flags >> KPF_ZERO_PAGE) & 1);
		if (kf >= 0)
			close(kf);
	}
	if (fd >= 0)
		close(fd);
	munmap((void *)p, LIVE_PAGE);
	return ret;
}

/* Anything already mapped at the slot addresses (a sanitizer's shadow)? */
static void probe_slots(struct live_probe *pr)
{
	FILE *f = fopen("/proc/self/maps", "r");
	unsigned long lo, hi;
	char line[512];

	pr->slots_taken[0] = '\0';
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx", &lo, &hi) != 2)
			continue;
		if (lo < LIVE_SLOT(LIVE_NR_SLOTS) && hi > LIVE_SLOT(0)) {
			snprintf(pr->slots_taken, sizeof(pr->slots_taken),
				 "the slot addresses are taken in this process (%lx-%lx%s)",
				 lo, hi,
#if defined(__SANITIZE_ADDRESS__)
				 ": AddressSanitizer's shadow memory; use a build without it"
#else
				 ""
#endif
				 );
			break;
		}
	}
	fclose(f);
}

/* The era (program.md §5) of kernel @release ("6.18.4-..."). */
static void era_of(const char *release, char *era, size_t size)
{
	static const struct { int upto; const char *era; } eras[] = {
		{ 408, "4.8" }, { 507, "5.7" }, { 508, "5.8" }, { 517, "5.9" },
		{ 518, "5.18" }, { 601, "5.19" }, { 614, "6.2" },
		{ 616, "6.15" },
	};
	int major = 0, minor = 0, v;

	sscanf(release, "%d.%d", &major, &minor);
	v = major * 100 + minor;
	for (size_t i = 0; i < sizeof(eras) / sizeof(eras[0]); i++)
		if (v <= eras[i].upto) {
			snprintf(era, size, "%s", eras[i].era);
			return;
		}
	snprintf(era, size, "current");
}

void live_probe(struct live_probe *pr)
{
	struct utsname u;
	const char *h2 = "/sys/kernel/mm/hugepages/hugepages-2048kB/";
	const char *h1 = "/sys/kernel/mm/hugepages/hugepages-1048576kB/";
	char path[128];
	int fd;

	memset(pr, 0, sizeof(*pr));
	snprintf(pr->release, sizeof(pr->release), "%s",
		 uname(&u) ? "unknown" : u.release);
	era_of(pr->release, pr->era, sizeof(pr->era));
	pr->root = geteuid() == 0;
	read_choice("/sys/kernel/mm/transparent_hugepage/enabled", pr->thp,
		    sizeof(pr->thp));
	pr->use_zero_page = (int)read_num("/sys/kernel/mm/transparent_hugepage/use_zero_page");
	snprintf(path, sizeof(path), "%sfree_hugepages", h2);
	pr->huge2m_free = read_num(path);
	snprintf(path, sizeof(path), "%snr_hugepages", h2);
	pr->huge2m_total = read_num(path);
	snprintf(path, sizeof(path), "%sfree_hugepages", h1);
	pr->huge1g_free = read_num(path);
	snprintf(path, sizeof(path), "%snr_hugepages", h1);
	pr->huge1g_total = read_num(path);
	pr->swap_kb = meminfo_kb("SwapTotal:");
	pr->pipe_max = read_num("/proc/sys/fs/pipe-max-size");
	{
		unsigned char params[120] = { 0 };	/* struct io_uring_params */

		fd = (int)syscall(SYS_io_uring_setup, 1, params);
		pr->iouring = fd < 0 ? errno : 0;
		if (fd >= 0)
			close(fd);
	}
	pr->zeropage = probe_zeropage();
	probe_slots(pr);
}

static const char *yes_no_unknown(int v)
{
	return v > 0 ? "yes" : v == 0 ? "no" : "unknown";
}

void live_probe_print(FILE *out, const struct live_probe *pr)
{
	fprintf(out, "probe: Linux %s (era %s), %s, THP %s (huge zeropage %s), hugetlb 2m %ld/%ld free, 1g %ld/%ld free, swap %ld kB, io_uring %s\n",
		pr->release, pr->era, pr->root ? "root" : "not root", pr->thp,
		yes_no_unknown(pr->use_zero_page), pr->huge2m_free,
		pr->huge2m_total, pr->huge1g_free, pr->huge1g_total,
		pr->swap_kb, pr->iouring ? strerror(pr->iouring) : "yes");
	fprintf(out, "probe: anonymous read faults map the zeropage: %s\n",
		pr->zeropage > 0 ? "yes" : pr->zeropage == 0 ?
		"never (this kernel forbids it, as mm_forbids_zeropage())" :
		"unknown (only root can see page frames)");
	fprintf(out, "cannot be checked here:");
	if (pr->slots_taken[0])
		fprintf(out, " anything: %s;", pr->slots_taken);
	if (!pr->root)
		fprintf(out, " ksm, compact, drop-caches (need root);");
	if (pr->huge2m_free <= 0)
		fprintf(out, " 2 MiB hugetlb (pool empty);");
	if (pr->huge1g_free <= 0)
		fprintf(out, " 1 GiB hugetlb (pool empty);");
	if (pr->swap_kb <= 0)
		fprintf(out, " swap-out (no swap: programs run in the emulator with config swap=off);");
	if (pr->iouring)
		fprintf(out, " io_uring pins;");
	if (pr->zeropage == 0)
		fprintf(out, " the zeropage on anonymous read faults (programs run in the emulator with config zeropage=off);");
	fprintf(out, " reclaim, khugepaged, stepwise threads, driver mappings (no userspace trigger)\n");
}

/* ------------------------------------------------------------------ */
/* Can a program run here?                                              */

static const char *gup_why(const struct mm_stmt *s)
{
	unsigned int f = s->gup_flags & ~MM_GUP_FAST;

	if (s->gup_mode == MM_GUP_GET && !f)
		return NULL;
	if (s->gup_mode == MM_GUP_PIN && f == (MM_GUP_WRITE | MM_GUP_LONGTERM))
		return NULL;
	return "only vmsplice (get [fast]) and io_uring (pin write longterm [fast]) hold pages from userspace";
}

/* Why statement @s cannot run here; NULL when it can.  @reason: its key. */
static const char *stmt_why(const struct mm_stmt *s, const struct live_probe *pr,
			    const char **reason)
{
	const struct mm_stmt_desc *d = mm_stmt_desc(s->op);

	*reason = d->sig_name;
	if ((d->may_thread && s->thread >= 0) || d->subject == MM_SUBJ_THREAD) {
		*reason = "stepwise threads";
		return "stepwise threads interleave inside the kernel";
	}
	if (d->live == MM_LIVE_NO)
		return d->live_why;
	if (d->live == MM_LIVE_ROOT && !pr->root) {
		*reason = "needs root";
		return d->live_why;
	}
	if (s->op == MM_OP_GUP && gup_why(s)) {
		*reason = "gup flags";
		return gup_why(s);
	}
	if (s->op == MM_OP_HANDLE_WRITE) {
		*reason = "device write";
		return "a device write through a pin";
	}
	/* A pipe holds the references: no more than it may hold here. */
	if ((s->op == MM_OP_VMSPLICE || (s->op == MM_OP_GUP && s->gup_mode == MM_GUP_GET)) &&
	    s->range.size > (uint64_t)(pr->pipe_max > 65536 ? pr->pipe_max : 65536)) {
		*reason = "pipe too small";
		return "the range is more than a pipe may hold here (/proc/sys/fs/pipe-max-size)";
	}
	if ((s->op == MM_OP_IOURING || (s->op == MM_OP_GUP && s->gup_mode == MM_GUP_PIN)) &&
	    pr->iouring) {
		*reason = "no io_uring";
		return "io_uring is not available here";
	}
	return NULL;
}

/*
 * The hugetlb pages the program asks for, per size, against the pools:
 * why it cannot run here (@key its reason), or NULL.  A program that
 * sets its pool (config hugetlb) may depend on running it dry, so this
 * machine's must have exactly as many free pages.
 */
static const char *hugetlb_why(const struct mm_prog *p, const struct live_probe *pr,
			       char *why, size_t why_size)
{
	uint64_t want[2] = { 0, 0 };	/* 2m, 1g */
	const uint64_t pool[2] = { p->hugetlb_2m, p->hugetlb_1g };
	const long free_pages[2] = { pr->huge2m_free, pr->huge1g_free };
	static const char *const name[2] = { "2m", "1g" };

	for (size_t i = 0; i < p->nr_stmts; i++) {
		const struct mm_stmt *s = &p->stmts[i];

		if (s->op == MM_OP_MMAP && (s->map_opts & MM_MAP_HUGETLB_1G))
			want[1] += (s->size + (1ULL << 30) - 1) >> 30;
		else if (s->op == MM_OP_MMAP && (s->map_opts & MM_MAP_HUGETLB))
			want[0] += (s->size + (2ULL << 20) - 1) >> 21;
		else if (s->op == MM_OP_FILE && s->file_kind == MM_FILE_MEMFD_HUGETLB)
			want[0] += (s->size + (2ULL << 20) - 1) >> 21;
		else if (s->op == MM_OP_FILE && s->file_kind == MM_FILE_MEMFD_HUGETLB_1G)
			want[1] += (s->size + (1ULL << 30) - 1) >> 30;
	}
	for (int k = 0; k < 2; k++) {
		/* What the program's own pool can give, it needs. */
		uint64_t need = want[k] < pool[k] ? want[k] : pool[k];
		long have = free_pages[k] < 0 ? 0 : free_pages[k];

		if (!want[k])
			continue;
		if (have < (long)need) {
			snprintf(why, why_size, "it needs %llu hugetlb %s page(s), this machine has %ld free",
				 (unsigned long long)need, name[k], have);
			return k ? "hugetlb 1g pool empty here" : "hugetlb 2m pool empty here";
		}
		if (p->has_hugetlb && have != (long)pool[k]) {
			snprintf(why, why_size, "config hugetlb gives it %llu %s page(s), this machine has %ld free",
				 (unsigned long long)pool[k], name[k], have);
			return "hugetlb pool size differs";
		}
	}
	return NULL;
}

const char *live_stmt_why(const struct mm_stmt *s, const struct live_probe *pr,
			  const char **reason)
{
	return stmt_why(s, pr, reason);
}

static const char *thp_name(enum mm_thp_policy t)
{
	return t == MM_THP_ALWAYS ? "always" : t == MM_THP_NEVER ? "never" : "madvise";
}

void live_check(const struct mm_prog *p, const struct live_probe *pr,
		char *why, size_t why_size, char *reason, size_t reason_size)
{
	const char *r;

	why[0] = reason[0] = '\0';
	if (pr->slots_taken[0]) {
		snprintf(why, why_size, "%s", pr->slots_taken);
		snprintf(reason, reason_size, "slot addresses taken");
		return;
	}
	for (size_t i = 0; i < p->nr_stmts; i++) {
		const char *w = stmt_why(&p->stmts[i], pr, &r);
		char text[256];

		if (!w)
			continue;
		mm_stmt_print(&p->stmts[i], text, sizeof(text));
		snprintf(why, why_size, "line %d (%s): %s", p->stmts[i].line, text, w);
		snprintf(reason, reason_size, "%s", r);
		return;
	}
	if (p->nr_knobs) {
		snprintf(why, why_size, "knob %s=%s describes another kernel than this one",
			 p->knobs[0].name, p->knobs[0].value ? "on" : "off");
		snprintf(reason, reason_size, "knobs (another kernel)");
		return;
	}
	r = hugetlb_why(p, pr, why, why_size);
	if (r) {
		snprintf(reason, reason_size, "%s", r);
		return;
	}
	if (strcmp(thp_name(p->thp), pr->thp)) {
		snprintf(why, why_size, "config thp=%s, this machine's THP is %s",
			 thp_name(p->thp), pr->thp);
		snprintf(reason, reason_size, "THP setting differs");
		return;
	}
	/* Without the line, diff runs the emulator in this kernel's setting. */
	if (p->has_zeropage && pr->zeropage >= 0 && p->zeropage != (pr->zeropage > 0)) {
		snprintf(why, why_size, "config zeropage=%s, this kernel %s the zeropage on anonymous read faults",
			 p->zeropage ? "on" : "off", pr->zeropage ? "maps" : "never maps");
		snprintf(reason, reason_size, "zeropage setting differs");
		return;
	}
	if (p->has_swap && pr->swap_kb >= 0 && p->swap != (pr->swap_kb > 0)) {
		snprintf(why, why_size, "config swap=%s, this machine %s swap",
			 p->swap ? "on" : "off", pr->swap_kb ? "has" : "has no");
		snprintf(reason, reason_size, "swap setting differs");
	}
}
