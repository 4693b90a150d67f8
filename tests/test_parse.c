/* SPDX-License-Identifier: MIT */
/*
 * test_parse.c - the .mm parser: the fields behind the text, directives,
 * every error message pinned to its line, and garbage (binary bytes, word
 * soups, huge lines) rejected cleanly (ASan/LSan watch for leaks).
 */
#include "test_lang.h"

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
	{ "p0 exit @t8", 1, "thread t8 out of range (t0..t7)" },
	{ "p0", 1, "missing argument: OPERATION" },
	/* Only a kind that may run as a thread takes @tN. */
	{ "g0 read @t0", 1, "unexpected '@t0' after statement" },
	{ "t0 step @t1", 1, "unexpected '@t1' after statement" },
	{ "file f0 memfd 1p @t0", 1, "unexpected '@t0' after statement" },
	{ "f0", 1, "missing argument: write" },
	{ "f0 read", 1, "expected write, got 'read'" },
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

static const struct test tests[] = {
	TEST(test_stmt_fields),
	TEST(test_driver_fields),
	TEST(test_directive_values),
	TEST(test_crlf_and_comments),
	TEST(test_malformed),
	TEST(test_nul_byte),
	TEST(test_knob_limit),
	TEST(test_binary_garbage),
	TEST(test_word_soup),
	TEST(test_long_lines),
	{ 0 },
};

int main(void)
{
	return run_tests(tests);
}
