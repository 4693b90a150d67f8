/* SPDX-License-Identifier: MIT */
/*
 * test_lang.c - the .mm language front end: parser, printer, checker.
 *
 * Canonical forms and round trips pin the printer to the parser; the error
 * tables pin every message to its line; the garbage tests make sure binary
 * or huge input is rejected cleanly (ASan/LSan watch for leaks).
 */
#include <stdlib.h>
#include <string.h>

#include "mmprog.h"
#include "test.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static int parse_str(const char *text, struct mm_prog *p,
		     struct mm_error *err)
{
	return mm_prog_parse(text, strlen(text), p, err);
}

/* parse(print(p)) == p, and print(parse(print(p))) == print(p). */
static bool round_trips(const struct mm_prog *p)
{
	struct mm_prog q;
	struct mm_error err;
	char *t1 = mm_prog_print(p), *t2;
	bool ok;

	if (!t1)
		return false;
	if (parse_str(t1, &q, &err)) {
		fprintf(stderr, "reparse failed at %d: %s\n%s", err.line,
			err.msg, t1);
		free(t1);
		return false;
	}
	t2 = mm_prog_print(&q);
	ok = t2 && mm_prog_equal(p, &q) && !strcmp(t1, t2);
	if (!ok)
		fprintf(stderr, "round trip differs:\n%s---\n%s", t1,
			t2 ? t2 : "(null)");
	free(t1);
	free(t2);
	mm_prog_free(&q);
	return ok;
}

/* Input and its canonical text; "" means the input is canonical. */
struct canon {
	const char *in, *out;
};

static const struct canon stmt_canon[] = {
	{ "p0 mmap r0 1p anon private rw", "" },
	{ "p0 mmap r15 2048k anon shared r", "p0 mmap r15 2m anon shared r" },
	{ "p0 mmap r1 4g anon private none populate", "" },
	{ "p0 mmap r1 4m anon private rw hugetlb", "" },
	{ "p0 mmap r1 1g anon private rw hugetlb-1g populate", "" },
	{ "p0 mmap r2 8k f3 shared rw ro-file populate",
	  "p0 mmap r2 2p f3 shared rw populate ro-file" },
	{ "p0 mmap r2 1p f7+0 private r", "p0 mmap r2 1p f7+0 private r" },
	{ "p0 mmap r2 1p f0+1024k private r", "p0 mmap r2 1p f0+1m private r" },
	{ "p1 munmap r3", "" },
	{ "p1 munmap r3+0", "" },
	{ "p1 munmap r3+4k:8k", "p1 munmap r3+1p:2p" },
	{ "p1 munmap r3:2p", "" },
	{ "p2 mprotect r0+1p none", "" },
	{ "p2 mprotect r0 r", "" },
	{ "p3 madvise r0 dontneed", "" },
	{ "p3 madvise r0 populate-write", "" },
	{ "p3 madvise r0:512p collapse", "p3 madvise r0:2m collapse" },
	{ "p4 mremap r0+1p:1p r9", "" },
	{ "p5 read r1", "" },
	{ "p5 write r1", "" },
	{ "p5 write r1 =0", "" },
	{ "p5 write r1 =0x10", "p5 write r1 =16" },
	{ "p5 write r1 =18446744073709551615", "" },
	{ "p5 memwrite r1+2p", "" },
	{ "p5 memread r1", "" },
	{ "p6 clear-refs", "" },
	{ "p0 fork p7", "" },
	{ "p7 exit", "" },
	{ "p0 gup g31 r0 get", "" },
	{ "p0 gup g0 r0 pin fast force longterm write",
	  "p0 gup g0 r0 pin write longterm force fast" },
	{ "p0 gup g0 r0 pin longterm", "" },
	{ "p0 vmsplice g1 r0:1p", "" },
	{ "p0 iouring g2 r0", "" },
	{ "g3 read", "" },
	{ "g3 write", "" },
	{ "g3 put", "" },
	{ "file f0 memfd 4p", "" },
	{ "file f1 tmpfile 1m", "" },
	{ "file f2 shmem 8k", "file f2 shmem 2p" },
	{ "file f3 memfd-hugetlb 2m", "" },
	{ "file f4 memfd-hugetlb-1g 1g", "" },
	{ "f0 write", "" },
	{ "f0 write +1p", "" },
	{ "f0 write :2p", "" },
	{ "f0 write +0:2p =7", "" },
	{ "f0 write =0xff", "f0 write =255" },
	{ "ksm", "" },
	{ "reclaim", "" },
	{ "khugepaged", "" },
	{ "compact", "" },
	{ "drop-caches", "" },
	{ "p0 gup g0 r0 get fast @t1", "" },
	{ "p0 fork p1 @t7", "" },
	{ "p0\tmemwrite   r0 \t @t0", "p0 memwrite r0 @t0" },
	{ "t1 step", "" },
	{ "t7 finish", "" },
	{ "p0 mmap r3 1p driver shared rw", "" },
	{ "p1 mmap r3 8k driver private r", "p1 mmap r3 2p driver private r" },
	{ "p2 mmap r0 1p driver shared r ro-file", "" },
	{ "p0 mmap r0 1p driver shared none @t2", "" },
	{ "p0 insert-zeropage r3", "" },
	{ "p0 insert-zeropage r3+4k:4k", "p0 insert-zeropage r3+1p:1p" },
	{ "p7 insert-zeropage r15:2m @t0", "" },
};

static bool test_every_statement_canonical(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(stmt_canon); i++) {
		const struct canon *c = &stmt_canon[i];
		const char *want = c->out[0] ? c->out : c->in;
		struct mm_prog p;
		struct mm_error err;
		char buf[256];

		if (parse_str(c->in, &p, &err)) {
			fprintf(stderr, "'%s': %d: %s\n", c->in, err.line,
				err.msg);
			return false;
		}
		ASSERT_EQ(p.nr_stmts, 1);
		ASSERT_EQ(p.stmts[0].line, 1);
		mm_stmt_print(&p.stmts[0], buf, sizeof(buf));
		ASSERT_STR_EQ(buf, want);
		ASSERT_TRUE(round_trips(&p));
		mm_prog_free(&p);
	}
	return true;
}

static const struct canon directive_canon[] = {
	{ "era 4.8", "" },
	{ "era current", "" },
	{ "knob foo_1=on\nknob bar=off", "" },
	{ "config thp=always", "" },
	{ "config thp=never", "" },
	{ "config mthp=1m,16k,64k", "config mthp=16k,64k,1m" },
	{ "config mthp=4p,1024k", "config mthp=16k,1m" },
	{ "config mthp=none", "" },
	{ "config huge_zeropage=off", "" },
	{ "config swap=on", "" },
	{ "config hugetlb=1g:2,2m:8", "config hugetlb=2m:8,1g:2" },
	{ "config hugetlb=2m:0", "config hugetlb=2m:0,1g:4" },
	{ "expect ok", "" },
	{ "expect violation isolation", "" },
	{ "expect violation isolation/P5", "" },
	{ "expect violation pin-coherence/P7", "" },
	{ "expect violation accounting/S9", "" },
	{ "expect violation exclusivity/X1", "" },
	{ "expect violation fault/F4", "" },
	{ "expect known hugetlb-vmsplice", "" },
	{ "expect ok\nconfig swap=off\nera 5.18",
	  "era 5.18\nconfig swap=off\nexpect ok" },
};

static bool test_directives_canonical(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(directive_canon); i++) {
		const struct canon *c = &directive_canon[i];
		const char *want = c->out[0] ? c->out : c->in;
		struct mm_prog p;
		struct mm_error err;
		char *text;

		if (parse_str(c->in, &p, &err)) {
			fprintf(stderr, "'%s': %d: %s\n", c->in, err.line,
				err.msg);
			return false;
		}
		text = mm_prog_print(&p);
		ASSERT_TRUE(text);
		ASSERT_EQ(strlen(text), strlen(want) + 1);
		ASSERT_TRUE(!strncmp(text, want, strlen(want)));
		free(text);
		ASSERT_TRUE(round_trips(&p));
		mm_prog_free(&p);
	}
	return true;
}

/* The fields behind the text, for the statements with the most of them. */
static bool test_stmt_fields(void)
{
	struct mm_prog p;
	const struct mm_stmt *s;

	ASSERT_EQ(parse_str("p3 gup g5 r2+1p:2m pin fast write @t4\n"
			    "p0 mmap r7 1g f2+2m shared r hugetlb-1g ro-file\n"
			    "f6 write :3p =0xdeadbeef\n"
			    "p1 mremap r4+1p r5\n",
			    &p, NULL), 0);
	s = &p.stmts[0];
	ASSERT_EQ(s->op, MM_OP_GUP);
	ASSERT_EQ(s->proc, 3);
	ASSERT_EQ(s->handle, 5);
	ASSERT_EQ(s->thread, 4);
	ASSERT_EQ(s->range.region, 2);
	ASSERT_TRUE(s->range.has_off && s->range.has_len);
	ASSERT_EQ(s->range.off, MM_PAGE_SIZE);
	ASSERT_EQ(s->range.len, 2 << 20);
	ASSERT_EQ(s->gup_mode, MM_GUP_PIN);
	ASSERT_EQ(s->gup_flags, MM_GUP_FAST | MM_GUP_WRITE);
	s = &p.stmts[1];
	ASSERT_EQ(s->op, MM_OP_MMAP);
	ASSERT_EQ(s->region, 7);
	ASSERT_EQ(s->size, 1ULL << 30);
	ASSERT_EQ(s->file, 2);
	ASSERT_TRUE(s->has_foff);
	ASSERT_EQ(s->foff, 2 << 20);
	ASSERT_TRUE(s->shared);
	ASSERT_EQ(s->prot, MM_PROT_R);
	ASSERT_EQ(s->map_opts, MM_MAP_HUGETLB_1G | MM_MAP_RO_FILE);
	ASSERT_EQ(s->thread, -1);
	ASSERT_EQ(s->handle, -1);
	s = &p.stmts[2];
	ASSERT_EQ(s->op, MM_OP_FILE_WRITE);
	ASSERT_EQ(s->file, 6);
	ASSERT_FALSE(s->has_fwoff);
	ASSERT_TRUE(s->has_fwlen);
	ASSERT_EQ(s->fwlen, 3 * MM_PAGE_SIZE);
	ASSERT_TRUE(s->has_value);
	ASSERT_EQ(s->value, 0xdeadbeef);
	s = &p.stmts[3];
	ASSERT_EQ(s->op, MM_OP_MREMAP);
	ASSERT_EQ(s->proc, 1);
	ASSERT_EQ(s->range.region, 4);
	ASSERT_FALSE(s->range.has_len);
	ASSERT_EQ(s->region, 5);
	ASSERT_EQ(s->line, 4);
	mm_prog_free(&p);
	return true;
}

/* Driver mappings and insert-zeropage: their own kinds, process statements. */
static bool test_driver_fields(void)
{
	struct mm_prog p;
	const struct mm_stmt *s;

	ASSERT_EQ(parse_str("p2 mmap r6 3p driver shared r ro-file\n"
			    "p2 insert-zeropage r6+1p:2p\n"
			    "p0 mmap r6 3p anon shared r\n",
			    &p, NULL), 0);
	s = &p.stmts[0];
	ASSERT_EQ(s->op, MM_OP_MMAP_DRIVER);
	ASSERT_EQ(s->proc, 2);
	ASSERT_EQ(s->region, 6);
	ASSERT_EQ(s->size, 3 * MM_PAGE_SIZE);
	ASSERT_EQ(s->file, -1);
	ASSERT_FALSE(s->has_foff);
	ASSERT_TRUE(s->shared);
	ASSERT_EQ(s->prot, MM_PROT_R);
	ASSERT_EQ(s->map_opts, MM_MAP_RO_FILE);
	s = &p.stmts[1];
	ASSERT_EQ(s->op, MM_OP_INSERT_ZEROPAGE);
	ASSERT_EQ(s->proc, 2);
	ASSERT_EQ(s->range.region, 6);
	ASSERT_EQ(s->range.off, MM_PAGE_SIZE);
	ASSERT_EQ(s->range.len, 2 * MM_PAGE_SIZE);
	/* The same words but anon: a different statement kind. */
	ASSERT_EQ(p.stmts[2].op, MM_OP_MMAP);
	ASSERT_TRUE(mm_op_is_proc(MM_OP_MMAP_DRIVER));
	ASSERT_TRUE(mm_op_is_proc(MM_OP_INSERT_ZEROPAGE));
	ASSERT_FALSE(mm_op_is_proc(MM_OP_THREAD_FINISH));
	ASSERT_FALSE(mm_op_is_proc(MM_OP_HANDLE_READ));
	ASSERT_TRUE(mm_op_has_range(MM_OP_INSERT_ZEROPAGE));
	ASSERT_FALSE(mm_op_has_range(MM_OP_MMAP_DRIVER));
	ASSERT_FALSE(mm_op_has_range(MM_OP_FORK));
	ASSERT_TRUE(mm_op_has_range(MM_OP_IOURING));
	mm_prog_free(&p);
	return true;
}

static bool test_directive_values(void)
{
	struct mm_prog p;
	struct mm_error err;

	ASSERT_EQ(parse_str("", &p, &err), 0);
	ASSERT_STR_EQ(p.era, "current");
	ASSERT_EQ(p.thp, MM_THP_MADVISE);
	ASSERT_TRUE(p.huge_zeropage && p.swap);
	ASSERT_EQ(p.hugetlb_2m, 64);
	ASSERT_EQ(p.hugetlb_1g, 4);
	ASSERT_EQ(p.expect, MM_EXPECT_OK);
	ASSERT_EQ(parse_str("era 5.9\nknob a=on\nconfig mthp=32k,1m\n"
			    "config hugetlb=1g:7\nexpect violation fault/F2\n",
			    &p, &err), 0);
	ASSERT_STR_EQ(p.era, "5.9");
	ASSERT_EQ(p.nr_knobs, 1);
	ASSERT_STR_EQ(p.knobs[0].name, "a");
	ASSERT_EQ(p.knobs[0].line, 2);
	ASSERT_EQ(p.mthp_kb_mask, (1u << 1) | (1u << 6));
	ASSERT_EQ(p.hugetlb_2m, 64);
	ASSERT_EQ(p.hugetlb_1g, 7);
	ASSERT_EQ(p.expect, MM_EXPECT_VIOLATION);
	ASSERT_STR_EQ(p.expect_class, "fault");
	ASSERT_STR_EQ(p.expect_id, "F2");
	return true;
}

static const char example[] =
	"# CVE-2020-29374: the child's pipe must not see the parent's later write.\n"
	"era 5.7\n"
	"expect violation isolation\n"
	"p0 mmap r0 1p anon private rw\n"
	"p0 write r0\n"
	"p0 fork p1\n"
	"p1 vmsplice g0 r0\n"
	"p1 munmap r0\n"
	"p0 write r0\n"
	"g0 read\n";

static bool test_example_round_trip(void)
{
	struct mm_prog p;
	struct mm_error err;
	char *text;

	ASSERT_EQ(parse_str(example, &p, &err), 0);
	ASSERT_EQ(p.nr_stmts, 7);
	ASSERT_EQ(p.stmts[0].line, 4);
	ASSERT_EQ(p.stmts[6].line, 10);
	ASSERT_EQ(mm_prog_check(&p, false, &err), 0);
	text = mm_prog_print(&p);
	ASSERT_TRUE(text);
	/* The canonical text is the example without its comment line. */
	ASSERT_STR_EQ(text, strchr(example, '\n') + 1);
	free(text);
	ASSERT_TRUE(round_trips(&p));
	mm_prog_free(&p);
	return true;
}

/* Every directive and every statement kind, checker-valid. */
static const char everything[] =
	"era 6.2\n"
	"knob pte_mapped_thp_reuse=on\n"
	"knob x=off\n"
	"config thp=always\n"
	"config mthp=16k,32k,64k,128k,256k,512k,1m\n"
	"config huge_zeropage=off\n"
	"config swap=off\n"
	"config hugetlb=2m:8,1g:1\n"
	"expect violation pin-coherence/P1\n"
	"file f0 memfd 4p\n"
	"file f1 memfd-hugetlb 4m\n"
	"f0 write +1p:1p =5\n"
	"p0 mmap r0 2m anon private rw populate\n"
	"p0 mmap r1 4p f0+0 shared r ro-file\n"
	"p0 mmap r2 2m f1 shared rw\n"
	"p0 mmap r3 2m anon private rw hugetlb\n"
	"p0 mprotect r0+1p:1p r\n"
	"p0 madvise r0 hugepage\n"
	"p0 write r0 =0\n"
	"p0 read r0:4p\n"
	"p0 memwrite r0+2p:1p\n"
	"p0 memread r0+2p\n"
	"p0 clear-refs\n"
	"p0 gup g0 r0:1p pin write longterm force fast @t0\n"
	"t0 step\n"
	"t0 finish\n"
	"p0 fork p1\n"
	"p1 vmsplice g1 r1\n"
	"p1 iouring g2 r3\n"
	"g0 read\n"
	"g2 write\n"
	"g1 put\n"
	"p0 mremap r0+1m r4\n"
	"p1 munmap r0\n"
	"p1 exit\n"
	"p0 mmap r5 2p driver shared r ro-file\n"
	"p0 insert-zeropage r5+1p\n"
	"ksm\n"
	"reclaim\n"
	"khugepaged\n"
	"compact\n"
	"drop-caches\n";

static bool test_everything_round_trip(void)
{
	struct mm_prog p;
	struct mm_error err;
	char *text;

	ASSERT_EQ(parse_str(everything, &p, &err), 0);
	ASSERT_EQ(mm_prog_check(&p, false, &err), 0);
	text = mm_prog_print(&p);
	ASSERT_TRUE(text);
	ASSERT_STR_EQ(text, everything);
	free(text);
	ASSERT_TRUE(round_trips(&p));
	mm_prog_free(&p);
	return true;
}

static bool test_crlf_and_comments(void)
{
	struct mm_prog p;
	struct mm_error err;

	ASSERT_EQ(parse_str("era 5.8\r\n\r\n  # comment\r\n"
			    "p0 mmap r0 1p anon private rw # trailing\r\n"
			    "p0 read r0#glued\r\n"
			    "# \xe2\x80\x94 UTF-8 in a comment\n"
			    "ksm", &p, &err), 0);
	ASSERT_EQ(p.nr_stmts, 3);
	ASSERT_EQ(p.stmts[1].line, 5);
	ASSERT_EQ(p.stmts[2].line, 7);
	ASSERT_EQ(p.stmts[2].op, MM_OP_KSM);
	mm_prog_free(&p);
	return true;
}

struct bad {
	const char *text;
	int line;
	const char *msg;
};

static const struct bad malformed[] = {
	{ "foo", 1, "unknown statement 'foo'" },
	{ "ksm\n\nP0 exit", 3, "unknown statement 'P0'" },
	{ "p0 frobnicate", 1, "unknown operation 'frobnicate'" },
	{ "p0 mmap r0 x anon private rw", 1, "expected a size, got 'x'" },
	{ "p0 mmap r0 3k anon private rw", 1, "size 3k is not a multiple of 4k" },
	{ "p0 mmap r0 4096 anon private rw", 1, "needs a unit" },
	{ "p0 mmap r0 0p anon private rw", 1, "must not be zero" },
	{ "p0 mmap r0 5g anon private rw", 1, "larger than 4g" },
	{ "p0 mmap r0 1p anon private", 1, "missing argument: PROT" },
	{ "p0 mmap r0 1p anon privat rw", 1, "expected private or shared" },
	{ "p0 mmap r0 1p anon private rwx", 1, "expected a protection" },
	{ "p0 mmap r0 1p anon private rw populate populate", 1,
	  "mmap option 'populate' given twice" },
	{ "p0 mmap r0 1p anon private rw hugetlb hugetlb-1g", 1,
	  "exclude each other" },
	{ "p0 mmap r0 1p anon private rw huge", 1, "unknown mmap option 'huge'" },
	{ "p0 mmap r0 1p f8 private rw", 1, "file f8 out of range (f0..f7)" },
	{ "p0 mmap r0 1p f0+ private rw", 1, "missing offset" },
	{ "p0 mmap r0 1p fx private rw", 1, "expected anon, driver or a file" },
	{ "p0 mmap r0 1p drivers shared rw", 1, "expected anon, driver or a file" },
	{ "p0 mmap r0 1p driver+1p shared rw", 1, "expected anon, driver or a file" },
	{ "p0 mmap r0 1p driver shared", 1, "missing argument: PROT" },
	{ "p0 mmap r0 1p driver shared rw zeropage", 1,
	  "unknown mmap option 'zeropage'" },
	{ "p0 insert-zeropage", 1, "missing argument: RANGE" },
	{ "p0 insert-zeropage r0 r1", 1, "unexpected 'r1' after statement" },
	{ "p0 insert-zero r0", 1, "unknown operation 'insert-zero'" },
	{ "insert-zeropage r0", 1, "unknown statement 'insert-zeropage'" },
	{ "p0 read r16", 1, "region r16 out of range (r0..r15)" },
	{ "p0 read r99999999999999999999", 1, "out of range (r0..r15)" },
	{ "p0 read r01", 1, "expected a range" },
	{ "p0 read", 1, "missing argument: RANGE" },
	{ "p0 read x0", 1, "expected a range" },
	{ "p0 read r0+", 1, "missing offset in 'r0+'" },
	{ "p0 read r0:", 1, "missing length in 'r0:'" },
	{ "p0 read r0:0p", 1, "must not be zero" },
	{ "p0 read r0+1p+1p", 1, "expected a size, got '1p+1p'" },
	{ "p0 read r0 zzz", 1, "unexpected 'zzz' after statement" },
	{ "p8 exit", 1, "process p8 out of range (p0..p7)" },
	{ "p0 fork", 1, "missing argument: pJ" },
	{ "p0 fork g1", 1, "expected a process (p0..p7), got 'g1'" },
	{ "p0 gup g32 r0 get", 1, "handle g32 out of range (g0..g31)" },
	{ "p0 gup g0 r0", 1, "missing argument: MODE" },
	{ "p0 gup g0 r0 take", 1, "expected get or pin" },
	{ "p0 gup g0 r0 pin fast fast", 1, "gup flag 'fast' given twice" },
	{ "p0 gup g0 r0 pin slow", 1, "unknown gup flag 'slow'" },
	{ "p0 madvise r0 sleep", 1, "unknown advice 'sleep'" },
	{ "p0 mremap r0 r16", 1, "region r16 out of range" },
	{ "p0 write r0 =", 1, "expected a number after '='" },
	{ "p0 write r0 =0x", 1, "expected a number after '='" },
	{ "p0 write r0 =12a", 1, "expected a number after '='" },
	{ "p0 write r0 =18446744073709551616", 1, "number too large" },
	{ "p0 write r0 =0x10000000000000000", 1, "number too large" },
	{ "p0 mmap r0 18446744073709551616p anon private rw", 1,
	  "number too large" },
	{ "p0 mmap r0 4503599627370496p anon private rw", 1, "number too large" },
	{ "p0 read r0 @t8", 1, "thread t8 out of range (t0..t7)" },
	{ "p0 read r0 @x", 1, "expected a thread" },
	{ "t8 step", 1, "thread t8 out of range" },
	{ "t0 run", 1, "expected step|finish, got 'run'" },
	{ "g0 peek", 1, "expected read|write|put, got 'peek'" },
	{ "g0", 1, "missing argument: read|write|put" },
	{ "ksm now", 1, "unexpected 'now' after statement" },
	{ "file f0 ramfs 1p", 1, "unknown file kind 'ramfs'" },
	{ "file f0 memfd", 1, "missing argument: SIZE" },
	{ "file f9 memfd 1p", 1, "file f9 out of range" },
	{ "f0 write 1p", 1, "unexpected '1p' after statement" },
	{ "f0 write +1p:", 1, "missing length" },
	{ "f0 write +x", 1, "expected a size, got 'x'" },
	{ "ksm\nera 5.7", 2, "directive 'era' after the first statement" },
	{ "era 5.7\nera 5.8", 2, "era given twice" },
	{ "era 3.1", 1, "unknown era '3.1'" },
	{ "era", 1, "missing argument: NAME" },
	{ "era 5.7 5.8", 1, "unexpected '5.8' after directive" },
	{ "knob Foo=on", 1, "invalid knob name 'Foo'" },
	{ "knob =on", 1, "invalid knob name" },
	{ "knob a=yes", 1, "expected on or off, got 'yes'" },
	{ "knob a", 1, "expected NAME=on|off" },
	{ "knob aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=on", 1,
	  "invalid knob name" },
	{ "config thp=sometimes", 1, "expected always, madvise or never" },
	{ "config thp=never\nconfig thp=always", 2, "config thp given twice" },
	{ "config colour=red", 1, "unknown config 'colour'" },
	{ "config thp", 1, "expected KEY=VALUE" },
	{ "config mthp=8k", 1, "unsupported mthp size 8k" },
	{ "config mthp=16k,,32k", 1, "empty item" },
	{ "config mthp=16k,", 1, "empty item" },
	{ "config swap=maybe", 1, "expected on or off" },
	{ "config huge_zeropage=on\nconfig huge_zeropage=on", 2, "given twice" },
	{ "config hugetlb=4m:1", 1, "hugetlb pool size must be 2m or 1g" },
	{ "config hugetlb=2m", 1, "expected 2m:N or 1g:N" },
	{ "config hugetlb=2m:1,2m:2", 1, "hugetlb pool 2m given twice" },
	{ "config hugetlb=2m:x", 1, "expected a page count" },
	{ "config hugetlb=2m:4294967296", 1, "number too large" },
	{ "expect", 1, "missing argument: ok|violation|known" },
	{ "expect maybe", 1, "expected ok, violation or known" },
	{ "expect ok\nexpect ok", 2, "expect given twice" },
	{ "expect violation sadness", 1, "unknown violation class 'sadness'" },
	{ "expect violation pin-coherence/P5", 1,
	  "'P5' is not an id of class pin-coherence (P1-P4, P6, P7)" },
	{ "expect violation isolation/", 1, "is not an id of class isolation" },
	{ "expect violation fault/F5", 1, "not an id of class fault" },
	{ "expect known thing", 1, "unknown known behaviour 'thing'" },
	{ "expect ok ok", 1, "unexpected 'ok' after directive" },
	{ "ksm\n\x01", 2, "invalid byte 0x01" },
	{ "p0 read r0\xc3\xa9", 1, "invalid byte 0xc3" },
	{ "ksm\rreclaim", 1, "invalid byte 0x0d" },
	{ "ksm\n# fine\x7f\nreclaim\x7f", 3, "invalid byte 0x7f" },
};

static bool test_malformed(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(malformed); i++) {
		const struct bad *b = &malformed[i];
		struct mm_prog p;
		struct mm_error err;

		if (parse_str(b->text, &p, &err) == 0) {
			fprintf(stderr, "accepted: '%s'\n", b->text);
			mm_prog_free(&p);
			return false;
		}
		if (err.line != b->line || !strstr(err.msg, b->msg)) {
			fprintf(stderr, "'%s': got %d: %s; want %d: %s\n",
				b->text, err.line, err.msg, b->line, b->msg);
			return false;
		}
		ASSERT_EQ(p.nr_stmts, 0);
		ASSERT_TRUE(p.stmts == NULL);
	}
	return true;
}

static bool test_nul_byte(void)
{
	static const char text[] = "ksm\nre\0claim\n";
	struct mm_prog p;
	struct mm_error err;

	ASSERT_EQ(mm_prog_parse(text, sizeof(text) - 1, &p, &err), -1);
	ASSERT_EQ(err.line, 2);
	ASSERT_STR_EQ(err.msg, "NUL byte in input");
	/* Not NUL-terminated: only @len bytes are read. */
	ASSERT_EQ(mm_prog_parse("ksmX", 3, &p, &err), 0);
	ASSERT_EQ(p.nr_stmts, 1);
	mm_prog_free(&p);
	return true;
}

static bool test_knob_limit(void)
{
	size_t cap = (MM_MAX_KNOB_SETTINGS + 1) * 16, len = 0, len_max = 0;
	char *text = malloc(cap);
	struct mm_prog p;
	struct mm_error err;

	ASSERT_TRUE(text);
	for (int i = 0; i <= MM_MAX_KNOB_SETTINGS; i++) {
		len_max = len;
		len += (size_t)snprintf(text + len, cap - len, "knob k%d=on\n", i);
	}
	ASSERT_EQ(mm_prog_parse(text, len, &p, &err), -1);
	ASSERT_EQ(err.line, MM_MAX_KNOB_SETTINGS + 1);
	ASSERT_TRUE(strstr(err.msg, "knob lines"));
	ASSERT_EQ(mm_prog_parse(text, len_max, &p, &err), 0);
	ASSERT_EQ(p.nr_knobs, MM_MAX_KNOB_SETTINGS);
	ASSERT_TRUE(round_trips(&p));
	mm_prog_free(&p);
	free(text);
	return true;
}

struct bad_check {
	const char *text;
	int line;
	const char *msg;
};

static const struct bad_check check_errors[] = {
	{ "p1 exit", 1, "process p1 does not exist" },
	{ "p0 fork p1\np1 exit\np1 read r0", 3, "process p1 does not exist" },
	{ "p0 fork p0", 1, "process p0 cannot fork itself" },
	{ "p0 fork p1\np0 fork p1", 2, "process p1 already exists" },
	{ "p0 fork p1\np1 fork p2\np2 exit\np1 fork p2\np0 exit\np0 read r0",
	  6, "process p0 does not exist" },
	{ "p0 read r0", 1, "region r0 is not mapped in p0" },
	{ "p0 mmap r0 1p anon private rw\np0 fork p1\np1 read r1", 3,
	  "region r1 is not mapped in p1" },
	{ "p0 mmap r0 4p anon private rw\np0 read r0+1p:4p", 2,
	  "range r0+1p:4p is outside region r0 (4p)" },
	{ "p0 mmap r0 4p anon private rw\np0 read r0+5p", 2,
	  "range r0+5p is outside region r0 (4p)" },
	{ "p0 mmap r0 4p anon private rw\np0 read r0+4p", 2, "empty range" },
	{ "p0 mmap r0 4p anon private rw\np0 read r0:5p", 2, "outside region" },
	{ "p0 mmap r0 4p anon private rw\np0 gup g1 r0 get\np0 gup g1 r0 get",
	  3, "handle g1 is in use" },
	{ "g4 read", 1, "handle g4 is not in use" },
	{ "p0 mmap r0 1p anon private rw\np0 vmsplice g0 r0\ng0 put\ng0 put",
	  4, "handle g0 is not in use" },
	{ "p0 mmap r0 1p anon private rw\np0 fork p1\np1 iouring g0 r0\n"
	  "p1 exit\ng0 write", 5, "handle g0 is not in use" },
	{ "p0 mmap r0 1p anon private rw\np0 mmap r1 1p anon private rw\n"
	  "p0 mremap r0 r1", 3, "region r1 is in use" },
	{ "p0 mmap r0 1p anon private rw\np0 mremap r0 r0", 2,
	  "region r0 is in use" },
	{ "p0 mmap r0 1p f0 private rw", 1, "file f0 does not exist" },
	{ "f2 write", 1, "file f2 does not exist" },
	{ "file f0 memfd 1p\nfile f0 memfd 1p", 2, "file f0 already exists" },
	{ "file f0 memfd 2p\nf0 write +1p:2p", 2, "outside file f0 (2p)" },
	{ "file f0 memfd 2p\nf0 write +2p", 2, "empty write" },
	{ "file f0 memfd 2p\nf0 write +3p", 2, "outside file f0" },
	{ "file f0 memfd 1p\np0 mmap r0 2m f0 private rw hugetlb", 2,
	  "hugetlb options apply to anon mappings only" },
	{ "p0 mmap r0 1m anon private rw hugetlb", 1,
	  "hugetlb mapping size 1m is not a multiple of 2m" },
	{ "p0 mmap r0 2m anon private rw hugetlb-1g", 1,
	  "hugetlb-1g mapping size 2m is not a multiple of 1g" },
	{ "file f0 memfd-hugetlb 1m", 1, "is not a multiple of 2m" },
	{ "file f0 memfd-hugetlb-1g 2m", 1, "is not a multiple of 1g" },
	{ "file f0 memfd-hugetlb 2m\np0 mmap r0 1p f0 shared rw", 2,
	  "hugetlb file mapping size 1p is not a multiple of 2m" },
	{ "p0 mmap r0 1p anon private rw ro-file", 1, "ro-file applies to file" },
	{ "p0 mmap r0 1p driver shared rw populate", 1,
	  "a driver mapping takes no option but ro-file" },
	{ "p0 mmap r0 2m driver private rw hugetlb", 1,
	  "a driver mapping takes no option but ro-file" },
	{ "p0 insert-zeropage r0", 1, "region r0 is not mapped in p0" },
	{ "p0 mmap r0 1p anon shared rw\np0 insert-zeropage r0", 2,
	  "insert-zeropage: r0 of p0 is not a driver mapping" },
	{ "file f0 memfd 1p\np0 mmap r0 1p f0 shared r\n"
	  "p0 insert-zeropage r0", 3, "r0 of p0 is not a driver mapping" },
	{ "p0 mmap r0 2p driver shared r\np0 insert-zeropage r0+1p:2p", 2,
	  "range r0+1p:2p is outside region r0 (2p)" },
	/* A later anon mmap replaces the driver's mapping in the slot. */
	{ "p0 mmap r0 2p driver shared r\np0 mmap r0 2p anon private rw\n"
	  "p0 insert-zeropage r0", 3, "r0 of p0 is not a driver mapping" },
	{ "p0 mmap r0 1p driver shared r\np0 fork p1\np1 insert-zeropage r1",
	  3, "region r1 is not mapped in p1" },
};

static bool test_check_errors(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(check_errors); i++) {
		const struct bad_check *b = &check_errors[i];
		struct mm_prog p;
		struct mm_error err;
		size_t n;

		if (parse_str(b->text, &p, &err)) {
			fprintf(stderr, "'%s': parse: %s\n", b->text, err.msg);
			return false;
		}
		n = p.nr_stmts;
		if (mm_prog_check(&p, false, &err) == 0 ||
		    err.line != b->line || !strstr(err.msg, b->msg)) {
			fprintf(stderr, "'%s': got %d: %s; want %d: %s\n",
				b->text, err.line, err.msg, b->line, b->msg);
			mm_prog_free(&p);
			return false;
		}
		ASSERT_EQ(p.nr_stmts, n);
		/* Dropping leaves exactly the statements before it valid. */
		ASSERT_EQ(mm_prog_check(&p, true, &err), 0);
		ASSERT_LT(p.nr_stmts, n);
		ASSERT_EQ(mm_prog_check(&p, false, &err), 0);
		mm_prog_free(&p);
	}
	return true;
}

static bool test_check_resolves(void)
{
	struct mm_prog p;
	struct mm_error err;

	ASSERT_EQ(parse_str("file f0 memfd 4p\n"
			    "p0 mmap r3 4p anon private rw\n"
			    "p0 read r3+1p:2p\n"
			    "p0 write r3+1p\n"
			    "p0 munmap r3\n"
			    "p0 read r3\n"		/* runtime SIGSEGV */
			    "f0 write +1p\n"
			    "f0 write :3p\n"
			    "p0 mremap r3:1p r4\n"	/* r3 emptied: reusable */
			    "p0 mremap r4 r3\n"
			    "p0 read r3\n",
			    &p, &err), 0);
	ASSERT_EQ(mm_prog_check(&p, false, &err), 0);
	ASSERT_EQ(p.stmts[2].range.start, mm_region_addr(3) + MM_PAGE_SIZE);
	ASSERT_EQ(p.stmts[2].range.size, 2 * MM_PAGE_SIZE);
	ASSERT_EQ(p.stmts[3].range.size, 3 * MM_PAGE_SIZE);
	ASSERT_EQ(p.stmts[5].range.size, 4 * MM_PAGE_SIZE);
	ASSERT_EQ(p.stmts[6].fw_start, MM_PAGE_SIZE);
	ASSERT_EQ(p.stmts[6].fw_size, 3 * MM_PAGE_SIZE);
	ASSERT_EQ(p.stmts[7].fw_start, 0);
	ASSERT_EQ(p.stmts[7].fw_size, 3 * MM_PAGE_SIZE);
	ASSERT_EQ(p.stmts[10].range.start, mm_region_addr(3));
	ASSERT_EQ(p.stmts[10].range.size, MM_PAGE_SIZE);
	mm_prog_free(&p);
	return true;
}

/*
 * The driver mapping follows its VMAs: fork copies it, mremap moves it,
 * munmap keeps the slot's size (a runtime fault, as for any region); what
 * the kernel refuses (a shared writable mapping, 6.11+) is for the run.
 */
static bool test_check_driver(void)
{
	struct mm_prog p;
	struct mm_error err;

	ASSERT_EQ(parse_str("p0 mmap r1 4p driver shared rw\n"
			    "p0 insert-zeropage r1\n"
			    "p0 fork p1\n"
			    "p1 insert-zeropage r1+1p:1p\n"
			    "p1 mremap r1+2p:2p r2\n"
			    "p1 insert-zeropage r2:1p\n"
			    "p0 munmap r1\n"
			    "p0 insert-zeropage r1+3p\n"
			    "p0 mmap r4 1p driver private rw\n"
			    "p0 mprotect r4 r\n"
			    "p0 insert-zeropage r4\n",
			    &p, &err), 0);
	ASSERT_EQ(mm_prog_check(&p, false, &err), 0);
	ASSERT_EQ(p.stmts[1].range.start, mm_region_addr(1));
	ASSERT_EQ(p.stmts[1].range.size, 4 * MM_PAGE_SIZE);
	ASSERT_EQ(p.stmts[5].range.start, mm_region_addr(2));
	ASSERT_EQ(p.stmts[5].range.size, MM_PAGE_SIZE);
	ASSERT_EQ(p.stmts[7].range.start, mm_region_addr(1) + 3 * MM_PAGE_SIZE);
	mm_prog_free(&p);
	return true;
}

/* The shadow a mutator steps through, statement by statement. */
static bool test_shadow_step(void)
{
	struct mm_shadow sh;
	struct mm_error err;
	struct mm_prog p;

	ASSERT_EQ(parse_str("p0 mmap r2 2p driver shared r\n"
			    "file f1 memfd 4p\n"
			    "p0 mmap r3 4p f1 private rw\n"
			    "p0 mprotect r3 r\n"
			    "p0 fork p4\n"
			    "p4 gup g9 r3+1p:1p pin\n"
			    "p4 read r7\n"		/* invalid: r7 not mapped */
			    "p0 mprotect r3:1p rw\n",	/* part: prot stays */
			    &p, &err), 0);
	mm_shadow_init(&sh);
	ASSERT_TRUE(sh.proc[0].alive);
	ASSERT_FALSE(sh.proc[1].alive);
	for (size_t i = 0; i < 6; i++)
		ASSERT_EQ(mm_shadow_step(&sh, &p.stmts[i], &err), 0);
	ASSERT_TRUE(sh.proc[0].region[2].driver);
	ASSERT_TRUE(sh.proc[0].region[2].shared);
	ASSERT_EQ(sh.proc[0].region[2].file, -1);
	ASSERT_FALSE(sh.proc[0].region[3].driver);
	ASSERT_EQ(sh.proc[0].region[3].file, 1);
	ASSERT_EQ(sh.proc[0].region[3].prot, MM_PROT_R);
	ASSERT_EQ(sh.proc[4].region[3].size, 4 * MM_PAGE_SIZE);
	ASSERT_TRUE(sh.proc[4].alive);
	ASSERT_TRUE(sh.file[1].exists);
	ASSERT_EQ(sh.file[1].size, 4 * MM_PAGE_SIZE);
	ASSERT_TRUE(sh.handle[9].used);
	ASSERT_EQ(sh.handle[9].owner, 4);
	ASSERT_EQ(p.stmts[5].range.start, mm_region_addr(3) + MM_PAGE_SIZE);
	ASSERT_EQ(mm_shadow_step(&sh, &p.stmts[6], &err), -1);
	ASSERT_EQ(err.line, 7);
	ASSERT_TRUE(strstr(err.msg, "region r7 is not mapped in p4"));
	ASSERT_FALSE(sh.proc[4].region[7].mapped);
	ASSERT_EQ(mm_shadow_step(&sh, &p.stmts[7], &err), 0);
	ASSERT_EQ(sh.proc[0].region[3].prot, MM_PROT_R);
	mm_prog_free(&p);
	return true;
}

static bool test_drop_invalid(void)
{
	static const char text[] =
		"p1 read r0\n"			/* dropped: no p1 */
		"p0 mmap r0 2p anon private rw\n"
		"p0 fork p0\n"			/* dropped */
		"p0 fork p1\n"
		"p1 gup g0 r0 pin\n"
		"p0 gup g0 r0 get\n"		/* dropped: g0 in use */
		"p1 exit\n"
		"g0 read\n"			/* dropped: released by exit */
		"p0 gup g0 r0+1p get\n"
		"p0 mremap r0 r0\n"		/* dropped */
		"g0 put\n";
	struct mm_prog p;
	struct mm_error err;
	char *out;

	ASSERT_EQ(parse_str(text, &p, &err), 0);
	ASSERT_EQ(mm_prog_check(&p, true, &err), 0);
	out = mm_prog_print(&p);
	ASSERT_TRUE(out);
	ASSERT_STR_EQ(out, "p0 mmap r0 2p anon private rw\n"
			   "p0 fork p1\n"
			   "p1 gup g0 r0 pin\n"
			   "p1 exit\n"
			   "p0 gup g0 r0+1p get\n"
			   "g0 put\n");
	free(out);
	ASSERT_EQ(p.stmts[4].line, 9);
	ASSERT_EQ(p.stmts[4].range.size, MM_PAGE_SIZE);
	mm_prog_free(&p);
	return true;
}

/* A checker fed structures no parser would make must not index out. */
static bool test_check_untrusted_fields(void)
{
	struct mm_prog p;
	struct mm_stmt s;

	mm_prog_init(&p);
	mm_stmt_init(&s, MM_OP_READ);
	s.proc = 0;
	s.range.region = 100;
	ASSERT_EQ(mm_prog_append(&p, &s), 0);
	s.proc = -5;
	ASSERT_EQ(mm_prog_append(&p, &s), 0);
	mm_stmt_init(&s, (enum mm_op)200);
	ASSERT_EQ(mm_prog_append(&p, &s), 0);
	mm_stmt_init(&s, MM_OP_HANDLE_PUT);
	s.handle = 32;
	ASSERT_EQ(mm_prog_append(&p, &s), 0);
	mm_stmt_init(&s, MM_OP_FILE);
	s.file = 0;
	s.size = 5;
	ASSERT_EQ(mm_prog_append(&p, &s), 0);
	mm_stmt_init(&s, MM_OP_KSM);
	ASSERT_EQ(mm_prog_append(&p, &s), 0);
	ASSERT_EQ(mm_prog_check(&p, true, NULL), 0);
	ASSERT_EQ(p.nr_stmts, 1);
	ASSERT_EQ(p.stmts[0].op, MM_OP_KSM);
	mm_prog_free(&p);
	return true;
}

/* Deterministic pseudo-random bytes (Knuth's MMIX LCG). */
static uint64_t lcg(uint64_t *state)
{
	*state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
	return *state >> 33;
}

/* Parse must succeed or fail cleanly, with a printable message. */
static bool parse_cleanly(const char *buf, size_t len, int *ok)
{
	struct mm_prog p;
	struct mm_error err;

	if (mm_prog_parse(buf, len, &p, &err)) {
		ASSERT_TRUE(p.stmts == NULL);
		ASSERT_GE(err.line, 1);
		ASSERT_GT(strlen(err.msg), 0);
		for (const char *c = err.msg; *c; c++)
			ASSERT_TRUE(*c >= 0x20 && *c < 0x7f);
		return true;
	}
	++*ok;
	ASSERT_TRUE(round_trips(&p));
	ASSERT_EQ(mm_prog_check(&p, true, NULL), 0);
	ASSERT_TRUE(round_trips(&p));
	mm_prog_free(&p);
	return true;
}

static bool test_binary_garbage(void)
{
	uint64_t state = 42;
	char buf[512];
	int ok = 0;

	for (int i = 0; i < 1000; i++) {
		size_t len = lcg(&state) % sizeof(buf);

		for (size_t j = 0; j < len; j++) {
			buf[j] = (char)lcg(&state);
			/* Some lines, so that not every error is on line 1. */
			if (lcg(&state) % 16 == 0)
				buf[j] = '\n';
		}
		ASSERT_TRUE(parse_cleanly(buf, len, &ok));
	}
	return true;
}

/* Random soups of real words: reach the deep paths of every parser. */
static bool test_word_soup(void)
{
	static const char *const words[] = {
		"p0", "p1", "p9", "r0", "r1", "r0+1p", "r1:2p", "r0+0:1p",
		"g0", "g1", "f0", "f0+1p", "t0", "@t1", "mmap", "munmap",
		"read", "write", "fork", "exit", "gup", "pin", "get", "fast",
		"write", "longterm", "anon", "private", "shared", "rw", "r",
		"none", "1p", "2m", "3k", "=7", "=0x", "file", "memfd", "put",
		"ksm", "era", "5.7", "knob", "a=on", "config", "thp=never",
		"expect", "ok", "step", "finish", "#", "\n", "\n", "\n",
		"hugetlb", "populate", "madvise", "dontneed", "mremap", "+1p",
		":1p", "vmsplice", "iouring", "mprotect", "drop-caches",
	};
	uint64_t state = 7;
	char buf[1024];
	int ok = 0;

	for (int i = 0; i < 3000; i++) {
		size_t len = 0, n = lcg(&state) % 40;

		for (size_t j = 0; j < n; j++) {
			const char *w = words[lcg(&state) % ARRAY_SIZE(words)];

			len += (size_t)snprintf(buf + len, sizeof(buf) - len,
						"%s ", w);
		}
		ASSERT_TRUE(parse_cleanly(buf, len, &ok));
	}
	ASSERT_GT(ok, 0);
	return true;
}

static bool test_long_lines(void)
{
	size_t n = 100000;
	char *buf = malloc(n + 16);
	struct mm_prog p;
	struct mm_error err;

	ASSERT_TRUE(buf);
	memset(buf, 'a', n);	/* one huge word */
	ASSERT_EQ(mm_prog_parse(buf, n, &p, &err), -1);
	ASSERT_TRUE(strstr(err.msg, "unknown statement 'aaaa"));
	ASSERT_LT(strlen(err.msg), 100);
	for (size_t i = 0; i < n; i += 2)	/* 50 000 words */
		memcpy(buf + i, "a ", 2);
	ASSERT_EQ(mm_prog_parse(buf, n, &p, &err), -1);
	memcpy(buf, "ksm ", 4);
	ASSERT_EQ(mm_prog_parse(buf, n, &p, &err), -1);
	ASSERT_STR_EQ(err.msg, "unexpected 'a' after statement");
	memset(buf, ' ', n);	/* blanks, then a statement */
	memcpy(buf + n, "ksm", 3);
	ASSERT_EQ(mm_prog_parse(buf, n + 3, &p, &err), 0);
	ASSERT_EQ(p.nr_stmts, 1);
	mm_prog_free(&p);
	memcpy(buf, "ksm #", 5);	/* a huge comment */
	ASSERT_EQ(mm_prog_parse(buf, n, &p, &err), 0);
	mm_prog_free(&p);
	free(buf);
	return true;
}

static bool test_size_print(void)
{
	static const struct {
		uint64_t bytes;
		const char *text;
	} sizes[] = {
		{ 0, "0" }, { 4096, "1p" }, { 8192, "2p" }, { 1 << 20, "1m" },
		{ 3 << 20, "3m" }, { (1 << 20) + 4096, "257p" },
		{ 1ULL << 30, "1g" }, { 4ULL << 30, "4g" },
		{ (1ULL << 30) + (1 << 20), "1025m" }, { 1024, "1k" },
		{ 5, "5" },
	};
	char buf[32];

	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		mm_size_print(sizes[i].bytes, buf, sizeof(buf));
		ASSERT_STR_EQ(buf, sizes[i].text);
	}
	mm_size_print(1ULL << 30, buf, 2);	/* truncated, terminated */
	ASSERT_STR_EQ(buf, "1");
	return true;
}

static bool test_names(void)
{
	ASSERT_STR_EQ(mm_op_name(MM_OP_DROP_CACHES), "drop-caches");
	ASSERT_STR_EQ(mm_op_name(MM_OP_MMAP_DRIVER), "mmap");
	ASSERT_STR_EQ(mm_op_name(MM_OP_INSERT_ZEROPAGE), "insert-zeropage");
	ASSERT_STR_EQ(mm_op_name(MM_NR_OPS), "?");
	ASSERT_STR_EQ(mm_advice_name(MM_ADV_POPULATE_READ), "populate-read");
	ASSERT_STR_EQ(mm_prot_name(MM_PROT_RW), "rw");
	ASSERT_STR_EQ(mm_file_kind_name(MM_FILE_MEMFD_HUGETLB_1G),
		      "memfd-hugetlb-1g");
	ASSERT_STR_EQ(mm_map_opt_name(3), "ro-file");
	ASSERT_STR_EQ(mm_gup_flag_name(4), "?");
	return true;
}

static bool test_stmt_print_truncates(void)
{
	struct mm_stmt s;
	char buf[8];

	mm_stmt_init(&s, MM_OP_MMAP);
	s.proc = 0;
	s.region = 1;
	s.size = 1ULL << 30;
	mm_stmt_print(&s, buf, sizeof(buf));
	ASSERT_STR_EQ(buf, "p0 mmap");
	return true;
}

static const struct test tests[] = {
	TEST(test_every_statement_canonical),
	TEST(test_directives_canonical),
	TEST(test_stmt_fields),
	TEST(test_driver_fields),
	TEST(test_directive_values),
	TEST(test_example_round_trip),
	TEST(test_everything_round_trip),
	TEST(test_crlf_and_comments),
	TEST(test_malformed),
	TEST(test_nul_byte),
	TEST(test_knob_limit),
	TEST(test_check_errors),
	TEST(test_check_resolves),
	TEST(test_check_driver),
	TEST(test_shadow_step),
	TEST(test_drop_invalid),
	TEST(test_check_untrusted_fields),
	TEST(test_binary_garbage),
	TEST(test_word_soup),
	TEST(test_long_lines),
	TEST(test_size_print),
	TEST(test_names),
	TEST(test_stmt_print_truncates),
	{ 0 },
};

int main(void)
{
	return run_tests(tests);
}
