/* SPDX-License-Identifier: MIT */
/*
 * test_check.c - the .mm checker: every error message pinned to its line,
 * ranges resolved, the shadow stepped statement by statement, invalid
 * statements dropped, untrusted fields never indexed out.
 */
#include "test_lang.h"

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

/*
 * The messages of what only a decoder or a mutator can build: each
 * statement below is valid but for one field, and the shadow stays as
 * it was.
 */
struct bad_field {
	const char *text;	/* the statement, before @edit */
	void (*edit)(struct mm_stmt *s);
	const char *msg;	/* the whole message */
};

static void prot_7(struct mm_stmt *s)
{
	s->prot = (enum mm_prot)7;
}
static void opts_16(struct mm_stmt *s)
{
	s->map_opts |= 16;
}
static void both_hugetlb(struct mm_stmt *s)
{
	s->map_opts |= MM_MAP_HUGETLB | MM_MAP_HUGETLB_1G;
}
static void size_5(struct mm_stmt *s)
{
	s->size = 5;
}
static void size_0(struct mm_stmt *s)
{
	s->size = 0;
}
static void region_16(struct mm_stmt *s)
{
	s->region = 16;
}
static void region_neg(struct mm_stmt *s)
{
	s->region = -1;
}
static void range_region_16(struct mm_stmt *s)
{
	s->range.region = 16;
}
static void file_9(struct mm_stmt *s)
{
	s->file = 9;
}
static void file_0(struct mm_stmt *s)
{
	s->file = 0;
}
static void foff_1p(struct mm_stmt *s)
{
	s->has_foff = true;
	s->foff = MM_PAGE_SIZE;
}
static void foff_5(struct mm_stmt *s)
{
	s->foff = 5;
}
static void advice_99(struct mm_stmt *s)
{
	s->advice = (enum mm_advice)99;
}
static void mode_2(struct mm_stmt *s)
{
	s->gup_mode = (enum mm_gup_mode)2;
}
static void flags_16(struct mm_stmt *s)
{
	s->gup_flags = 16;
}
static void handle_40(struct mm_stmt *s)
{
	s->handle = 40;
}
static void handle_neg(struct mm_stmt *s)
{
	s->handle = -1;
}
static void thread_9(struct mm_stmt *s)
{
	s->thread = 9;
}
static void thread_8(struct mm_stmt *s)
{
	s->thread = 8;
}
static void child_8(struct mm_stmt *s)
{
	s->child = 8;
}
static void proc_8(struct mm_stmt *s)
{
	s->proc = 8;
}
static void kind_9(struct mm_stmt *s)
{
	s->file_kind = (enum mm_file_kind)9;
}
static void fwoff_5(struct mm_stmt *s)
{
	s->has_fwoff = true;
	s->fwoff = 5;
}
static void op_200(struct mm_stmt *s)
{
	s->op = (enum mm_op)200;
}

static const struct bad_field bad_fields[] = {
	{ "p0 mmap r0 1p anon private rw", prot_7, "invalid mmap options" },
	{ "p0 mmap r0 1p anon private rw", opts_16, "invalid mmap options" },
	{ "p0 mmap r0 1g anon private rw", both_hugetlb,
	  "hugetlb and hugetlb-1g exclude each other" },
	{ "p0 mmap r0 1p anon private rw", size_5, "invalid mapping size 5" },
	{ "p0 mmap r0 1p anon private rw", region_16, "invalid region 16" },
	{ "p0 mmap r0 1p anon private rw", file_9, "invalid file 9" },
	{ "p0 mmap r0 1p anon private rw", foff_1p,
	  "file offset on an anon mapping" },
	{ "p0 mmap r0 1p f0+1p private rw", foff_5, "invalid file offset" },
	{ "p0 mmap r0 1p driver shared rw", file_0,
	  "a driver mapping has no file" },
	{ "p0 mmap r0 1p driver shared rw", foff_1p,
	  "a driver mapping has no file" },
	{ "p0 mprotect r1 r", prot_7, "invalid protection" },
	{ "p0 mprotect r1 r", range_region_16, "invalid region 16" },
	{ "p0 madvise r1 free", advice_99, "invalid advice" },
	{ "p0 gup g0 r1 get", mode_2, "invalid gup mode or flags" },
	{ "p0 gup g0 r1 get", flags_16, "invalid gup mode or flags" },
	{ "p0 gup g0 r1 get", handle_40, "invalid handle 40" },
	{ "p0 read r1", thread_9, "invalid thread 9" },
	{ "p0 read r1", proc_8, "invalid process 8" },
	{ "p0 fork p2", child_8, "invalid process 8" },
	{ "p0 mremap r1 r2", region_neg, "invalid region -1" },
	{ "file f1 memfd 1p", kind_9, "invalid file kind" },
	{ "file f1 memfd 1p", size_0, "invalid file size 0" },
	{ "file f1 memfd 1p", file_9, "invalid file 9" },
	{ "f0 write", fwoff_5, "file range is not page aligned" },
	{ "f0 write", file_9, "invalid file 9" },
	{ "t0 step", thread_8, "invalid thread 8" },
	{ "g5 read", handle_neg, "invalid handle -1" },
	{ "ksm", op_200, "invalid statement kind 200" },
};

static bool test_check_bad_fields(void)
{
	struct mm_prog setup, p;
	struct mm_shadow sh, before;
	struct mm_error err;

	ASSERT_EQ(parse_str("file f0 memfd 4p\n"
			    "p0 mmap r1 4p anon private rw\n"
			    "p0 gup g5 r1 pin\n", &setup, &err), 0);
	mm_shadow_init(&sh);
	for (size_t i = 0; i < setup.nr_stmts; i++)
		ASSERT_EQ(mm_shadow_step(&sh, &setup.stmts[i], &err), 0);
	for (size_t i = 0; i < ARRAY_SIZE(bad_fields); i++) {
		const struct bad_field *b = &bad_fields[i];
		struct mm_stmt s;

		ASSERT_EQ(parse_str(b->text, &p, &err), 0);
		s = p.stmts[0];
		mm_prog_free(&p);
		memcpy(&before, &sh, sizeof(sh));
		/* Valid as written... */
		ASSERT_EQ(mm_shadow_step(&sh, &s, &err), 0);
		memcpy(&sh, &before, sizeof(sh));
		/* ...but not with the one field changed. */
		b->edit(&s);
		if (mm_shadow_step(&sh, &s, &err) == 0 ||
		    strcmp(err.msg, b->msg)) {
			fprintf(stderr, "'%s' edited: got '%s', want '%s'\n",
				b->text, err.msg, b->msg);
			return false;
		}
		ASSERT_TRUE(!memcmp(&sh, &before, sizeof(sh)));
	}
	mm_prog_free(&setup);
	return true;
}

static const struct test tests[] = {
	TEST(test_check_errors),
	TEST(test_check_resolves),
	TEST(test_check_driver),
	TEST(test_shadow_step),
	TEST(test_drop_invalid),
	TEST(test_check_untrusted_fields),
	TEST(test_check_bad_fields),
	{ 0 },
};

int main(void)
{
	return run_tests(tests);
}
