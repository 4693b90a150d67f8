/* SPDX-License-Identifier: MIT */
/*
 * test_print.c - the .mm printer: canonical text of every statement kind
 * and directive, round trips through the parser, sizes and names.
 */
#include "test_lang.h"

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
	TEST(test_example_round_trip),
	TEST(test_everything_round_trip),
	TEST(test_size_print),
	TEST(test_names),
	TEST(test_stmt_print_truncates),
	{ 0 },
};

int main(void)
{
	return run_tests(tests);
}
