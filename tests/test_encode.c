/* SPDX-License-Identifier: MIT */
/*
 * test_encode.c - the binary encoding of programs (lang/encode.c).
 *
 * decode(encode(p)) must print as p for every scenario, in every alphabet
 * that can express it; any byte string must decode to a program that the
 * checker accepts, that round-trips through text and re-encodes exactly;
 * a few hand-written inputs pin the byte layout itself.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mmprog.h"
#include "test.h"

#ifndef MMFUZZ_SCENARIO_DIR
#define MMFUZZ_SCENARIO_DIR "scenarios"
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static void opts_for(struct mm_decode_opts *o, enum mm_alphabet alpha,
		     bool fuzz)
{
	mm_decode_opts_init(o);
	o->alphabet = alpha;
	o->keep_directives = !fuzz;
	o->skip_unsupported = fuzz;
}

/* The config lines of every program of the thp alphabet. */
#define THP_CFG "config thp=always\nconfig mthp=16k,64k\n"

/* Decode @len bytes and return the canonical text (caller frees). */
static char *decode_text(const void *data, size_t len,
			 const struct mm_decode_opts *o)
{
	struct mm_prog p;
	char *text;

	if (mm_prog_decode(data, len, o, &p))
		return NULL;
	text = mm_prog_print(&p);
	mm_prog_free(&p);
	return text;
}

/* parse(print(p)) == p and prints the same; the checker accepts it. */
static bool text_round_trips(struct mm_prog *p)
{
	char *t1 = mm_prog_print(p), *t2 = NULL;
	struct mm_error err;
	struct mm_prog q;
	bool ok = false;

	if (t1 && !mm_prog_parse(t1, strlen(t1), &q, &err)) {
		t2 = mm_prog_print(&q);
		ok = t2 && !strcmp(t1, t2) && mm_prog_equal(p, &q) &&
		     !mm_prog_check(&q, false, &err);
		if (!ok)
			fprintf(stderr, "round trip differs (%s):\n%s---\n%s",
				err.msg, t1, t2 ? t2 : "(null)");
		mm_prog_free(&q);
	} else {
		fprintf(stderr, "reparse failed: %s\n%s", err.msg, t1);
	}
	free(t1);
	free(t2);
	return ok;
}

/* ------------------------------------------------------------------ */
/* Scenarios                                                          */

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*len = (size_t)n;
	}
	fclose(f);
	return buf;
}

/*
 * What the fuzz targets keep of @p: each statement as
 * mm_stmt_fuzz_supported() leaves it (a stepwise suffix stripped, thread
 * steps dropped), then checked as decoded input is.  NULL if @p is
 * already all of it (the caller frees the program otherwise).
 */
static struct mm_prog *fuzz_kept(enum mm_alphabet alpha,
				 const struct mm_prog *p)
{
	struct mm_prog *kept = calloc(1, sizeof(*kept));
	bool same = true;

	if (!kept)
		return NULL;
	mm_prog_init(kept);
	for (size_t i = 0; i < p->nr_stmts; i++) {
		struct mm_stmt s = p->stmts[i];

		if (!mm_stmt_fuzz_supported(alpha, &s) ||
		    s.thread != p->stmts[i].thread) {
			same = false;
			if (!mm_stmt_fuzz_supported(alpha, &s))
				continue;
		}
		if (mm_prog_append(kept, &s))
			same = false;
	}
	if (same) {
		mm_prog_free(kept);
		free(kept);
		return NULL;
	}
	mm_prog_check(kept, true, NULL);
	return kept;
}

/*
 * Encode @p with @o, decode it again: same text as @p (directives aside),
 * or as what the fuzz targets keep of it when @o says so.
 */
static bool codec_round_trips(const char *path, const struct mm_prog *p,
			      const struct mm_decode_opts *o, bool *expressible)
{
	struct mm_prog *kept = o->skip_unsupported ?
			       fuzz_kept(o->alphabet, p) : NULL;
	struct mm_prog want = kept ? *kept : *p;
	struct mm_error err;
	char *t1, *t2;
	uint8_t *buf;
	size_t len;
	bool ok;

	*expressible = !mm_prog_encode_opts(p, o, &buf, &len, &err);
	if (!*expressible) {
		if (o->alphabet == MM_ALPHA_FULL)
			fprintf(stderr, "%s:%d: %s\n", path, err.line, err.msg);
		if (kept) {
			mm_prog_free(kept);
			free(kept);
		}
		return o->alphabet != MM_ALPHA_FULL;
	}
	if (!o->keep_directives) {
		const struct mm_prog *from = kept ? kept : p;

		mm_prog_init(&want);
		want.stmts = from->stmts;
		want.nr_stmts = from->nr_stmts;
	}
	/* The thp alphabet's programs have its config (encode.c). */
	if (o->alphabet == MM_ALPHA_THP) {
		want.has_thp = want.has_mthp = true;
		want.thp = MM_THP_ALWAYS;
		want.mthp_kb_mask = 1u << 0 | 1u << 2;	/* 16k, 64k */
	}
	t1 = mm_prog_print(&want);
	t2 = decode_text(buf, len, o);
	ok = t1 && t2 && !strcmp(t1, t2);
	if (!ok)
		fprintf(stderr, "%s: decode(encode(p)) differs:\n%s---\n%s",
			path, t1, t2 ? t2 : "(null)");
	free(t1);
	free(t2);
	free(buf);
	if (kept) {
		mm_prog_free(kept);
		free(kept);
	}
	return ok;
}

struct walk {
	int files, cow, thp, failed;
};

static void check_scenario(const char *path, struct walk *w)
{
	struct mm_decode_opts o;
	struct mm_error err;
	struct mm_prog p;
	bool ok = true, expr;
	uint8_t *buf;
	size_t len;
	char *text = read_file(path, &len);

	w->files++;
	if (!text || mm_prog_parse(text, len, &p, &err)) {
		fprintf(stderr, "%s: cannot read or parse\n", path);
		free(text);
		w->failed++;
		return;
	}
	free(text);
	ok = !mm_prog_check(&p, false, &err);
	opts_for(&o, MM_ALPHA_FULL, false);
	ok = ok && codec_round_trips(path, &p, &o, &expr);
	buf = NULL;
	ok = ok && mm_prog_encode(&p, &buf) > 0;	/* the same, as a size */
	free(buf);
	opts_for(&o, MM_ALPHA_FULL, true);
	ok = ok && codec_round_trips(path, &p, &o, &expr);
	opts_for(&o, MM_ALPHA_COW, true);
	ok = ok && codec_round_trips(path, &p, &o, &expr);
	w->cow += expr;
	opts_for(&o, MM_ALPHA_THP, true);
	ok = ok && codec_round_trips(path, &p, &o, &expr);
	w->thp += expr;
	w->failed += !ok;
	mm_prog_free(&p);
}

static void walk_dir(const char *dir, struct walk *w)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d) {
		fprintf(stderr, "%s: cannot open\n", dir);
		w->failed++;
		return;
	}
	while ((de = readdir(d))) {
		char path[4096];
		struct stat st;
		size_t n = strlen(de->d_name);

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (stat(path, &st))
			continue;
		if (S_ISDIR(st.st_mode))
			walk_dir(path, w);
		else if (n > 3 && !strcmp(de->d_name + n - 3, ".mm"))
			check_scenario(path, w);
	}
	closedir(d);
}

static bool test_scenarios_round_trip(void)
{
	struct walk w = { 0 };

	walk_dir(MMFUZZ_SCENARIO_DIR, &w);
	printf("     %d scenarios, %d in the cow alphabet, %d in the thp alphabet\n",
	       w.files, w.cow, w.thp);
	ASSERT_GT(w.files, 0);
	ASSERT_GT(w.cow, 0);
	ASSERT_GT(w.thp, 0);
	ASSERT_EQ(w.failed, 0);
	return true;
}

/* ------------------------------------------------------------------ */
/* Random input                                                       */

/* Deterministic 64-bit LCG (Knuth's MMIX constants); the high bits. */
static unsigned int lcg(uint64_t *state)
{
	*state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned int)(*state >> 33);
}

/*
 * Does @s load, store or pin every page of its RANGE?  Those that change
 * the mapping (munmap, mprotect, mremap) do not, nor does madvise but
 * for its populate advice.
 */
static bool uses_range(const struct mm_stmt *s)
{
	const struct mm_stmt_desc *d = mm_stmt_desc(s->op);

	return mm_stmt_has_field(s->op, MMF_RANGE) &&
	       !mm_stmt_has_field(s->op, MMF_ADVICE) &&
	       (d->effect == MME_NONE || d->effect == MME_TAKE_HANDLE);
}

/* Statements never touch more pages than the bound allows. */
static bool within_bounds(const struct mm_prog *p, unsigned int max_pages)
{
	for (size_t i = 0; i < p->nr_stmts; i++) {
		const struct mm_stmt *s = &p->stmts[i];

		if (uses_range(s) &&
		    !(s->range.size <= max_pages * MM_PAGE_SIZE ||
		      s->range.size <= (2u << 20)))
			return false;
	}
	return p->nr_stmts <= MM_DECODE_MAX_STMTS;
}

/* Only what the statement table lets the fuzz targets run is left. */
static bool all_supported(const struct mm_prog *p, enum mm_alphabet alpha)
{
	for (size_t i = 0; i < p->nr_stmts; i++) {
		struct mm_stmt s = p->stmts[i];

		if (!mm_stmt_fuzz_supported(alpha, &s) ||
		    s.thread != p->stmts[i].thread)
			return false;
	}
	return true;
}

/* A decoded program re-encodes to bytes that decode to the same text. */
static bool re_encodes(const struct mm_prog *p, const struct mm_decode_opts *o)
{
	struct mm_error err;
	char *t1, *t2;
	uint8_t *buf;
	size_t len;
	bool ok;

	if (mm_prog_encode_opts(p, o, &buf, &len, &err)) {
		fprintf(stderr, "re-encode failed: line %d: %s\n", err.line,
			err.msg);
		return false;
	}
	t1 = mm_prog_print(p);
	t2 = decode_text(buf, len, o);
	ok = t1 && t2 && !strcmp(t1, t2);
	if (!ok)
		fprintf(stderr, "re-encode differs:\n%s---\n%s", t1, t2);
	free(t1);
	free(t2);
	free(buf);
	return ok;
}

static bool random_input_ok(const uint8_t *data, size_t len,
			    const struct mm_decode_opts *o)
{
	struct mm_error err;
	struct mm_prog p;
	bool ok;

	if (mm_prog_decode(data, len, o, &p))
		return false;
	ok = !mm_prog_check(&p, false, &err) && text_round_trips(&p) &&
	     within_bounds(&p, o->max_pages) && re_encodes(&p, o) &&
	     (!o->skip_unsupported || all_supported(&p, o->alphabet));
	mm_prog_free(&p);
	return ok;
}

static bool test_random_bytes_decode(void)
{
	uint64_t state = 42;
	uint8_t buf[600];
	size_t total = 0;

	for (int i = 0; i < 3000; i++) {
		size_t len = lcg(&state) % sizeof(buf);
		struct mm_decode_opts o;

		for (size_t j = 0; j < len; j++)
			buf[j] = (uint8_t)lcg(&state);
		/* Small bytes are what mutated seeds hold: make some denser. */
		if (i % 3 == 1)
			for (size_t j = 0; j < len; j++)
				buf[j] %= 8;
		opts_for(&o, (enum mm_alphabet)(i % MM_NR_ALPHABETS), i % 4 >= 2);
		if (!random_input_ok(buf, len, &o)) {
			fprintf(stderr, "input %d (%zu bytes) failed\n", i, len);
			return false;
		}
		total += len;
	}
	ASSERT_GT(total, 0);
	return true;
}

/* ------------------------------------------------------------------ */
/* The byte layout                                                    */

struct pinned {
	const char *what;
	enum mm_alphabet alpha;
	bool fuzz;
	uint8_t bytes[32];
	size_t len;
	const char *text;
};

static const struct pinned pinned[] = {
	{ "empty input", MM_ALPHA_FULL, false, { 0 }, 0, "" },
	{ "a zero-filled mmap", MM_ALPHA_FULL, false, { 0, 0 }, 2,
	  "p0 mmap r0 1p anon private none\n" },
	{ "mmap, write =7, gup", MM_ALPHA_FULL, false,
	  { 0x00, 0, 0, 1, 3, 0, 0, 0x05, 6, 0, 1, 2, 2, 0x87,
	    12, 0, 3, 1, 0, 0, 0x0b }, 21,
	  "p0 mmap r1 4p anon shared rw\np0 write r1+1p:2p =7\n"
	  "p0 gup g3 r1 pin write force\n" },
	{ "file, mmap of it at +1p, fork", MM_ALPHA_FULL, false,
	  { 0x00, 18, 2, 1, 7, 0, 0, 0, 3, 8 + 2, 2, 0x04, 10, 0, 1 }, 15,
	  "file f2 tmpfile 8p\np0 mmap r0 4p f2+1p private rw\np0 fork p1\n" },
	{ "opcodes wrap modulo the table (31 kinds)", MM_ALPHA_FULL, false,
	  { 0x00, 31 + 11, 0 }, 3, "p0 exit\n" },
	{ "mlock (29), munlock (30)", MM_ALPHA_FULL, false,
	  { 0x00, 0, 0, 0, 1, 0, 0, 0x04, 29, 0, 0, 0, 0, 30, 0, 0, 2, 1 }, 18,
	  "p0 mmap r0 2p anon private rw\np0 mlock r0\np0 munlock r0+1p:1p\n" },
	{ "driver mmap (27), insert-zeropage (28)", MM_ALPHA_FULL, false,
	  { 0x00, 27, 0, 5, 1, 0x01 | 0x02 | 0x40, 28, 0, 5, 2, 1 }, 11,
	  "p0 mmap r5 2p driver shared r ro-file\n"
	  "p0 insert-zeropage r5+1p:1p\n" },
	{ "driver D: populate and hugetlb bits are dropped", MM_ALPHA_FULL,
	  false,
	  { 0x00, 10, 0, 1, 27, 1, 0, 0, 0x04 | 0x08 | 0x20 }, 9,
	  "p0 fork p1\np1 mmap r0 1p driver private rw\n" },
	{ "insert-zeropage outside a driver mapping is dropped", MM_ALPHA_FULL,
	  false, { 0x00, 0, 0, 0, 0, 0, 0, 0x05, 28, 0, 0, 0, 0 }, 13,
	  "p0 mmap r0 1p anon shared rw\n" },
	{ "fuzzing keeps both", MM_ALPHA_FULL, true,
	  { 0x00, 27, 0, 5, 1, 0x03, 28, 0, 5, 0, 0, 11, 0 }, 13,
	  "p0 mmap r5 2p driver shared r\np0 insert-zeropage r5\np0 exit\n" },
	{ "cow: driver mmap (18), insert-zeropage (19)", MM_ALPHA_COW, false,
	  { 0x00, 18, 0, 2, 0, 0x05, 19, 0, 2, 0, 0, 20 + 18, 0, 1, 0, 0x02 },
	  16, "p0 mmap r2 1p driver shared rw\np0 insert-zeropage r2\n"
	  "p0 mmap r1 1p driver private r\n" },
	{ "@t2 and tN finish", MM_ALPHA_FULL, false,
	  { 0x00, 0, 0, 0, 0, 0, 0, 0, 5, 0x18, 0, 0, 0, 26, 2 }, 15,
	  "p0 mmap r0 1p anon private none\np0 read r0 @t2\nt2 finish\n" },
	{ "fuzzing strips @tN, drops tN finish", MM_ALPHA_FULL, true,
	  { 0x00, 0, 0, 0, 0, 0, 0, 0x02, 5, 0x08, 0, 0, 0, 20, 26, 2 }, 16,
	  "p0 mmap r0 1p anon private r\np0 read r0\nksm\n" },
	{ "cow: p3, r4 and 5p wrap; wipeonfork; iouring", MM_ALPHA_COW, false,
	  { 0x00, 0, 3, 4, 4, 1, 0, 0x05, 3, 0, 1, 0, 0, 2, 12, 6, 7, 1, 0, 0 },
	  20,
	  "p0 mmap r1 1p anon shared rw\np0 madvise r1 wipeonfork\n"
	  "p0 iouring g7 r1\n" },
	{ "directives are kept", MM_ALPHA_FULL, false,
	  { 0x01, 2, 7, 'e', 'r', 'a', ' ', '5', '.', '7', 3, 'b', 'a', 'd',
	    11, 0 }, 16, "era 5.7\np0 exit\n" },
	{ "...and skipped when fuzzing", MM_ALPHA_FULL, true,
	  { 0x01, 2, 7, 'e', 'r', 'a', ' ', '5', '.', '7', 3, 'b', 'a', 'd',
	    11, 0 }, 16, "p0 exit\n" },
	{ "a 2m region is not read whole", MM_ALPHA_FULL, false,
	  { 0x00, 0, 0, 0, 64, 0, 0, 0x05, 5, 0, 0, 0, 0, 5, 0, 0, 0, 64 },
	  18, "p0 mmap r0 2m anon shared rw\np0 read r0:64p\n" },
	/* thp: byte 0 of S is 2m, B is anon whatever it says, O ignored. */
	{ "thp: a zero-filled mmap, with the alphabet's config", MM_ALPHA_THP,
	  true, { 0x00, 0, 0, 0, 0, 7, 3, 0 }, 8,
	  "config thp=always\nconfig mthp=16k,64k\n"
	  "p0 mmap r0 2m anon private none\n" },
	/*
	 * thp opcodes: mmap 0, mprotect 2, madvise 3, write 6, fork 22+9
	 * (wrapped), khugepaged 16.  S 5: 4m.  OFF k: the (k-1)-th offset
	 * (20: 256p, 30: 512p), LEN k: the k-th length (1: 1p, 27: 512p,
	 * 30: absent, wrapped).  Advice 12: the third (nohugepage).
	 */
	{ "thp: sizes, offsets, lengths and advice from its lists",
	  MM_ALPHA_THP, true,
	  { 0x00, 0, 0, 1, 5, 0, 0, 0x04, 6, 0, 1, 20, 1, 0,
	    2, 0, 1, 30, 27, 1, 3, 0, 1, 0, 30, 12, 31, 0, 1, 16 }, 30,
	  "config thp=always\nconfig mthp=16k,64k\n"
	  "p0 mmap r1 4m anon private rw\np0 write r1+1m:1p\n"
	  "p0 mprotect r1+2m:2m r\np0 madvise r1 nohugepage\n"
	  "p0 fork p1\nkhugepaged\n" },
	{ "...unless it is hugetlb", MM_ALPHA_FULL, false,
	  { 0x00, 0, 0, 0, 64, 0, 0, 0x05 | 0x08, 5, 0, 0, 0, 0 }, 13,
	  "p0 mmap r0 2m anon shared rw hugetlb\np0 read r0\n" },
};

static bool test_pinned_layout(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(pinned); i++) {
		const struct pinned *t = &pinned[i];
		struct mm_decode_opts o;
		char *text;

		opts_for(&o, t->alpha, t->fuzz);
		text = decode_text(t->bytes, t->len, &o);
		ASSERT_TRUE(text);
		if (strcmp(text, t->text))
			fprintf(stderr, "%s:\n", t->what);
		ASSERT_STR_EQ(text, t->text);
		free(text);
	}
	return true;
}

/* Lines are numbered as printed, after the directive lines. */
static bool test_line_numbers(void)
{
	static const uint8_t in[] = {
		0x01, 1, 7, 'e', 'r', 'a', ' ', '5', '.', '7',
		0, 0, 0, 0, 0, 0, 0x04,		/* p0 mmap r0 1p anon private rw */
		9, 0,				/* p0 clear-refs */
	};
	struct mm_prog p;

	ASSERT_EQ(mm_prog_decode(in, sizeof(in), NULL, &p), 0);
	ASSERT_EQ(p.nr_stmts, 2);
	ASSERT_EQ(p.stmts[0].line, 2);
	ASSERT_EQ(p.stmts[1].line, 3);
	mm_prog_free(&p);
	return true;
}

static bool encode_fails(const char *text, enum mm_alphabet alpha)
{
	struct mm_decode_opts o;
	struct mm_error err;
	struct mm_prog p;
	uint8_t *buf = (uint8_t *)&o;
	size_t len = 1;
	int ret;

	if (mm_prog_parse(text, strlen(text), &p, &err))
		return false;
	if (mm_prog_check(&p, false, &err)) {
		mm_prog_free(&p);
		return false;
	}
	opts_for(&o, alpha, false);
	ret = mm_prog_encode_opts(&p, &o, &buf, &len, &err);
	mm_prog_free(&p);
	if (!ret) {
		free(buf);
		return false;
	}
	return ret == -ERANGE && !buf && !len && err.line > 0;
}

static bool test_encode_errors(void)
{
	ASSERT_TRUE(encode_fails("p0 mmap r0 65p anon private rw\n", MM_ALPHA_FULL));
	ASSERT_TRUE(encode_fails("p0 mmap r0 4m anon private rw\n", MM_ALPHA_FULL));
	ASSERT_TRUE(encode_fails("p0 mmap r0 1p anon private rw\np0 write r0 =128\n",
				 MM_ALPHA_FULL));
	ASSERT_TRUE(encode_fails("p0 mmap r0 1p anon private rw\np0 mremap r0 r1\n",
				 MM_ALPHA_COW));
	ASSERT_TRUE(encode_fails("p0 mmap r3 1p anon private rw\n", MM_ALPHA_COW));
	ASSERT_FALSE(encode_fails("p0 mmap r2 4p anon private rw\n", MM_ALPHA_COW));
	ASSERT_TRUE(encode_fails("p0 mmap r3 1p driver shared r\n", MM_ALPHA_COW));
	ASSERT_TRUE(encode_fails("p0 mmap r0 2m driver shared r\n", MM_ALPHA_COW));
	ASSERT_FALSE(encode_fails("p0 mmap r0 2m driver shared r ro-file\n"
				  "p0 insert-zeropage r0+1p:3p\n", MM_ALPHA_FULL));
	/*
	 * thp (its config lines, since directives are kept here): only its
	 * sizes, offsets and lengths; no files, no ksm, no hugetlb.
	 */
	ASSERT_TRUE(encode_fails(THP_CFG "p0 mmap r0 8p anon private rw\n",
				 MM_ALPHA_THP));
	ASSERT_TRUE(encode_fails(THP_CFG "p0 mmap r0 2m anon private rw\n"
				 "p0 write r0+6p:1p\n", MM_ALPHA_THP));
	ASSERT_TRUE(encode_fails(THP_CFG "p0 mmap r0 2m anon private rw\n"
				 "p0 write r0:6p\n", MM_ALPHA_THP));
	ASSERT_TRUE(encode_fails(THP_CFG "file f0 memfd 4p\n", MM_ALPHA_THP));
	ASSERT_TRUE(encode_fails(THP_CFG "ksm\n", MM_ALPHA_THP));
	ASSERT_TRUE(encode_fails(THP_CFG "p0 mmap r0 2m anon private rw hugetlb\n",
				 MM_ALPHA_THP));
	ASSERT_FALSE(encode_fails(THP_CFG
				  "p0 mmap r2 4m anon private rw\n"
				  "p0 madvise r2:1024p collapse\n"
				  "p0 madvise r2+513p:511p pageout\n"
				  "p0 mremap r2+511p:2p r0\n", MM_ALPHA_THP));
	return true;
}

/*
 * The thp alphabet's config is its programs' config: with directives
 * kept, a program that says another cannot be encoded; without them,
 * any program's statements can, and decode with the alphabet's config.
 */
static bool test_thp_config(void)
{
	static const char both[] = "p0 mmap r0 2m anon private rw\np0 write r0:1p\n";
	static const char cfg[] = THP_CFG;
	struct mm_decode_opts o;
	struct mm_error err;
	struct mm_prog p;
	char text[256];
	uint8_t *buf;
	size_t len;
	char *got;

	ASSERT_EQ(mm_prog_parse(both, strlen(both), &p, &err), 0);
	opts_for(&o, MM_ALPHA_THP, false);
	ASSERT_EQ(mm_prog_encode_opts(&p, &o, &buf, &len, &err), -ERANGE);
	opts_for(&o, MM_ALPHA_THP, true);
	ASSERT_EQ(mm_prog_encode_opts(&p, &o, &buf, &len, &err), 0);
	got = decode_text(buf, len, &o);
	snprintf(text, sizeof(text), "%s%s", cfg, both);
	ASSERT_STR_EQ(got, text);
	ASSERT_EQ(len, 1 + 7 + 6);	/* no directive block */
	free(got);
	free(buf);
	mm_prog_free(&p);
	/* With its config, directives kept: the block decodes to the same. */
	ASSERT_EQ(mm_prog_parse(text, strlen(text), &p, &err), 0);
	opts_for(&o, MM_ALPHA_THP, false);
	ASSERT_EQ(mm_prog_encode_opts(&p, &o, &buf, &len, &err), 0);
	got = decode_text(buf, len, &o);
	ASSERT_STR_EQ(got, text);
	free(got);
	free(buf);
	mm_prog_free(&p);
	/* The other alphabets set nothing. */
	opts_for(&o, MM_ALPHA_FULL, true);
	got = decode_text("\0\0", 2, &o);
	ASSERT_STR_EQ(got, "p0 mmap r0 1p anon private none\n");
	free(got);
	return true;
}

/*
 * One statement on its own (mm_stmt_decode, mm_stmt_encode): the same
 * bytes as inside a program, and every decoded statement re-encodes to
 * bytes that decode to it again.
 */
static bool test_single_statement(void)
{
	static const uint8_t gup[] = { 12, 0, 3, 1, 0, 0, 0x0b };
	uint64_t state = 7;
	struct mm_stmt s, t;
	uint8_t b[MM_STMT_MAX_BYTES], e[MM_STMT_MAX_BYTES];
	char text[128];

	ASSERT_EQ(mm_stmt_decode(MM_ALPHA_FULL, gup, sizeof(gup), &s), 7);
	mm_stmt_print(&s, text, sizeof(text));
	ASSERT_STR_EQ(text, "p0 gup g3 r1 pin write force");
	ASSERT_EQ(mm_stmt_encode(MM_ALPHA_FULL, &s, e), 7);
	ASSERT_EQ(memcmp(e, gup, 7), 0);
	/* Cut short: the rest reads as zero; the width stays. */
	ASSERT_EQ(mm_stmt_decode(MM_ALPHA_FULL, gup, 2, &s), 7);
	mm_stmt_print(&s, text, sizeof(text));
	ASSERT_STR_EQ(text, "p0 gup g0 r0 get");
	/* Opcode 12 is iouring in the cow alphabet: 6 bytes. */
	ASSERT_EQ(mm_stmt_decode(MM_ALPHA_COW, gup, sizeof(gup), &s), 6);
	ASSERT_EQ(s.op, MM_OP_IOURING);
	/* What an alphabet cannot say: r3 in cow, a 2m mapping in cow. */
	mm_stmt_init(&s, MM_OP_READ);
	s.proc = 0;
	s.range.region = 3;
	ASSERT_EQ(mm_stmt_encode(MM_ALPHA_COW, &s, e), 0);
	ASSERT_EQ(mm_stmt_encode(MM_ALPHA_FULL, &s, e), 5);
	mm_stmt_init(&s, MM_OP_KSM);
	ASSERT_EQ(mm_stmt_encode(MM_ALPHA_COW, &s, e), 0);
	ASSERT_EQ(mm_stmt_encode(MM_ALPHA_FULL, &s, e), 1);
	for (int i = 0; i < 20000; i++) {
		enum mm_alphabet alpha = (enum mm_alphabet)(i % MM_NR_ALPHABETS);
		size_t w, w2;

		for (size_t j = 0; j < sizeof(b); j++)
			b[j] = (uint8_t)lcg(&state);
		w = mm_stmt_decode(alpha, b, sizeof(b), &s);
		ASSERT_GE(w, 1);
		ASSERT_LE(w, MM_STMT_MAX_BYTES);
		w2 = mm_stmt_encode(alpha, &s, e);
		ASSERT_EQ(w2, w);
		ASSERT_EQ(mm_stmt_decode(alpha, e, w2, &t), w);
		mm_stmt_print(&s, text, sizeof(text));
		{
			char text2[128];

			mm_stmt_print(&t, text2, sizeof(text2));
			ASSERT_STR_EQ(text2, text);
		}
	}
	return true;
}

/* fuzz_thp's: 2m first and most, ranges inside 2 MiB, no files. */
static bool test_thp_alphabet_info(void)
{
	struct mm_alphabet_info thp;
	unsigned int n2m = 0;

	mm_alphabet_get(MM_ALPHA_THP, &thp);
	ASSERT_EQ(thp.nr_procs, 3);
	ASSERT_EQ(thp.nr_regions, 3);
	ASSERT_EQ(thp.nr_handles, 4);
	ASSERT_EQ(thp.nr_files, 0);
	ASSERT_EQ(thp.map_opts, MM_MAP_POPULATE);
	ASSERT_EQ(__builtin_popcountll(thp.op_mask), 22);
	ASSERT_TRUE(thp.op_mask & (1ULL << MM_OP_KHUGEPAGED));
	ASSERT_TRUE(thp.op_mask & (1ULL << MM_OP_MREMAP));
	ASSERT_FALSE(thp.op_mask & (1ULL << MM_OP_FILE));
	ASSERT_FALSE(thp.op_mask & (1ULL << MM_OP_KSM));
	ASSERT_TRUE(thp.advice_mask & (1u << MM_ADV_COLLAPSE));
	ASSERT_TRUE(thp.advice_mask & (1u << MM_ADV_HUGEPAGE));
	ASSERT_TRUE(thp.advice_mask & (1u << MM_ADV_NOHUGEPAGE));
	ASSERT_FALSE(thp.advice_mask & (1u << MM_ADV_MERGEABLE));
	ASSERT_TRUE(thp.sizes && thp.nr_sizes == 8);
	ASSERT_EQ(thp.sizes[0], 2ULL << 20);
	for (unsigned int i = 0; i < thp.nr_sizes; i++)
		n2m += thp.sizes[i] == 2ULL << 20;
	ASSERT_EQ(n2m, 4);
	ASSERT_EQ(thp.max_size_pages, 1024);
	ASSERT_TRUE(thp.off_pages && thp.len_pages);
	ASSERT_EQ(thp.off_pages[0], 0);
	ASSERT_EQ(thp.len_pages[0], 1);
	ASSERT_EQ(thp.max_off_pages, 513);
	ASSERT_EQ(thp.max_len_pages, 1024);
	for (unsigned int i = 1; i < thp.nr_off_pages; i++)
		ASSERT_GT(thp.off_pages[i], thp.off_pages[i - 1]);
	for (unsigned int i = 1; i < thp.nr_len_pages; i++)
		ASSERT_GT(thp.len_pages[i], thp.len_pages[i - 1]);
	return true;
}

/* The alphabets' ranges, as the layout in encode.c gives them. */
static bool test_alphabet_info(void)
{
	struct mm_alphabet_info full, cow;

	mm_alphabet_get(MM_ALPHA_FULL, &full);
	mm_alphabet_get(MM_ALPHA_COW, &cow);
	ASSERT_EQ(full.op_mask, (1ULL << MM_NR_OPS) - 1);
	ASSERT_EQ(full.advice_mask, (1u << MM_NR_ADVICE) - 1);
	ASSERT_EQ(full.nr_procs, MM_NR_PROCS);
	ASSERT_EQ(full.max_size_pages, 64);
	ASSERT_TRUE(full.huge_sizes);
	ASSERT_EQ(full.max_off_pages, 62);
	ASSERT_EQ(full.max_len_pages, 64);
	ASSERT_EQ(cow.nr_procs, 3);
	ASSERT_EQ(cow.nr_regions, 3);
	ASSERT_EQ(cow.nr_handles, 8);
	ASSERT_EQ(cow.nr_files, 2);
	ASSERT_EQ(cow.nr_kinds, 3);
	ASSERT_EQ(cow.max_size_pages, 4);
	ASSERT_FALSE(cow.huge_sizes);
	ASSERT_EQ(cow.max_off_pages, 3);
	ASSERT_EQ(cow.max_len_pages, 4);
	ASSERT_EQ(cow.map_opts, MM_MAP_POPULATE | MM_MAP_RO_FILE);
	ASSERT_TRUE(cow.op_mask & (1ULL << MM_OP_MMAP_DRIVER));
	ASSERT_TRUE(cow.op_mask & (1ULL << MM_OP_INSERT_ZEROPAGE));
	ASSERT_FALSE(cow.op_mask & (1ULL << MM_OP_MREMAP));
	ASSERT_FALSE(cow.op_mask & (1ULL << MM_OP_KSM));
	ASSERT_EQ(__builtin_popcountll(cow.op_mask), 20);
	ASSERT_EQ(cow.advice_mask, 1u << MM_ADV_DONTNEED | 1u << MM_ADV_DONTFORK |
		  1u << MM_ADV_WIPEONFORK | 1u << MM_ADV_POPULATE_WRITE);
	ASSERT_TRUE(full.sizes == NULL && full.off_pages == NULL &&
		    full.len_pages == NULL && cow.sizes == NULL);
	return test_thp_alphabet_info();
}

/* What fuzz decoding keeps: driver statements too, tN step/finish not, @tN stripped. */
static bool test_fuzz_supported(void)
{
	struct mm_stmt s;

	/* The table's fuzz column decides, for every kind. */
	for (int op = 0; op < MM_NR_OPS; op++) {
		mm_stmt_init(&s, (enum mm_op)op);
		ASSERT_EQ(mm_stmt_fuzz_supported(MM_ALPHA_FULL, &s), mm_stmt_desc(op)->fuzz);
	}

	mm_stmt_init(&s, MM_OP_MMAP_DRIVER);
	ASSERT_TRUE(mm_stmt_fuzz_supported(MM_ALPHA_FULL, &s));
	mm_stmt_init(&s, MM_OP_INSERT_ZEROPAGE);
	s.thread = 2;
	ASSERT_TRUE(mm_stmt_fuzz_supported(MM_ALPHA_FULL, &s));
	ASSERT_EQ(s.thread, -1);
	mm_stmt_init(&s, MM_OP_THREAD_STEP);
	ASSERT_FALSE(mm_stmt_fuzz_supported(MM_ALPHA_FULL, &s));
	mm_stmt_init(&s, MM_OP_THREAD_FINISH);
	ASSERT_FALSE(mm_stmt_fuzz_supported(MM_ALPHA_FULL, &s));
	mm_stmt_init(&s, MM_OP_KSM);
	ASSERT_TRUE(mm_stmt_fuzz_supported(MM_ALPHA_FULL, &s));
	mm_stmt_init(&s, MM_OP_GUP);
	s.thread = 3;
	ASSERT_TRUE(mm_stmt_fuzz_supported(MM_ALPHA_FULL, &s));
	ASSERT_EQ(s.thread, -1);
	/* hugetlb runs now: kept whole. */
	mm_stmt_init(&s, MM_OP_MMAP);
	s.map_opts = MM_MAP_HUGETLB | MM_MAP_POPULATE;
	ASSERT_TRUE(mm_stmt_fuzz_supported(MM_ALPHA_FULL, &s));
	ASSERT_EQ(s.map_opts, MM_MAP_HUGETLB | MM_MAP_POPULATE);
	mm_stmt_init(&s, MM_OP_FILE);
	s.file_kind = MM_FILE_MEMFD_HUGETLB_1G;
	ASSERT_TRUE(mm_stmt_fuzz_supported(MM_ALPHA_FULL, &s));

	/* fuzz_race keeps threads: @tN stays, step and finish are kept. */
	mm_stmt_init(&s, MM_OP_GUP);
	s.thread = 3;
	ASSERT_TRUE(mm_stmt_fuzz_supported(MM_ALPHA_RACE, &s));
	ASSERT_EQ(s.thread, 3);
	mm_stmt_init(&s, MM_OP_THREAD_STEP);
	ASSERT_TRUE(mm_stmt_fuzz_supported(MM_ALPHA_RACE, &s));
	mm_stmt_init(&s, MM_OP_THREAD_FINISH);
	ASSERT_TRUE(mm_stmt_fuzz_supported(MM_ALPHA_RACE, &s));
	ASSERT_FALSE(mm_stmt_fuzz_supported(MM_ALPHA_COW, &s));
	return true;
}

/*
 * fuzz_cow's and fuzz_thp's opcodes are a column of the table
 * (cow_opcode, thp_opcode): 0..N-1, each once, and opcode byte k decodes
 * to the kind whose column says k.
 */
static bool column_opcodes_ok(enum mm_alphabet alpha, bool thp)
{
	struct mm_alphabet_info info;
	uint64_t seen = 0, mask = 0;
	struct mm_stmt s;
	int n = 0;

	mm_alphabet_get(alpha, &info);
	for (int op = 0; op < MM_NR_OPS; op++) {
		const struct mm_stmt_desc *d = mm_stmt_desc(op);
		int k = thp ? d->thp_opcode : d->cow_opcode;
		uint8_t b = (uint8_t)k, e[MM_STMT_MAX_BYTES];

		ASSERT_GE(k, -1);
		if (k < 0)
			continue;
		ASSERT_FALSE(seen & 1ULL << k);
		seen |= 1ULL << k;
		mask |= 1ULL << op;
		n++;
		mm_stmt_decode(alpha, &b, 1, &s);
		ASSERT_EQ(s.op, op);
		ASSERT_GE(mm_stmt_encode(alpha, &s, e), 1);
		ASSERT_EQ(e[0], k);
	}
	ASSERT_EQ(seen, (1ULL << n) - 1);
	ASSERT_EQ(info.op_mask, mask);
	return true;
}

static bool test_cow_opcodes(void)
{
	return column_opcodes_ok(MM_ALPHA_COW, false);
}

static bool test_thp_opcodes(void)
{
	return column_opcodes_ok(MM_ALPHA_THP, true);
}

/*
 * fuzz_race's opcodes are fuzz_cow's (its inputs read the same), then
 * step and finish.
 */
static bool test_race_opcodes(void)
{
	struct mm_alphabet_info cow, race;
	unsigned int n = 0;
	uint8_t b, e[MM_STMT_MAX_BYTES];
	struct mm_stmt s;

	mm_alphabet_get(MM_ALPHA_COW, &cow);
	mm_alphabet_get(MM_ALPHA_RACE, &race);
	ASSERT_TRUE(race.threads);
	ASSERT_FALSE(cow.threads);
	ASSERT_EQ(race.op_mask, cow.op_mask | 1ULL << MM_OP_THREAD_STEP |
				1ULL << MM_OP_THREAD_FINISH);
	for (int op = 0; op < MM_NR_OPS; op++) {
		if (mm_stmt_desc(op)->cow_opcode < 0)
			continue;
		n++;
		b = (uint8_t)mm_stmt_desc(op)->cow_opcode;
		mm_stmt_decode(MM_ALPHA_RACE, &b, 1, &s);
		ASSERT_EQ(s.op, op);
	}
	b = (uint8_t)n;
	mm_stmt_decode(MM_ALPHA_RACE, &b, 1, &s);
	ASSERT_EQ(s.op, MM_OP_THREAD_STEP);
	b = (uint8_t)(n + 1);
	mm_stmt_decode(MM_ALPHA_RACE, &b, 1, &s);
	ASSERT_EQ(s.op, MM_OP_THREAD_FINISH);
	/* A thread survives encoding and decoding. */
	mm_stmt_init(&s, MM_OP_MEMWRITE);
	s.proc = 1;
	s.thread = 5;
	s.range.region = 2;
	ASSERT_GE(mm_stmt_encode(MM_ALPHA_RACE, &s, e), 1);
	ASSERT_EQ(mm_stmt_decode(MM_ALPHA_RACE, e, sizeof(e), &s) > 0, true);
	ASSERT_EQ(s.thread, 5);
	ASSERT_EQ(s.proc, 1);
	return true;
}

/*
 * The width of every kind in the full alphabet (encode.c's table): the
 * argument bytes come from the statement table's fields, and must not
 * move when a row is edited.
 */
static bool test_widths(void)
{
	static const uint8_t width[MM_NR_OPS] = {
		7, 5, 6, 6, 6, 5, 6, 5, 5, 2,	/* mmap .. clear-refs */
		3, 2, 7, 6, 6, 2, 2, 2, 4, 5,	/* fork .. fN write */
		1, 1, 1, 1, 1, 2, 2, 5, 5,	/* ksm .. insert-zeropage */
		5, 5,				/* mlock, munlock */
	};
	struct mm_stmt s;

	for (int op = 0; op < MM_NR_OPS; op++) {
		uint8_t b = (uint8_t)op;

		ASSERT_EQ(mm_stmt_decode(MM_ALPHA_FULL, &b, 1, &s), width[op]);
		ASSERT_EQ(s.op, op);
	}
	return true;
}

static bool test_statement_limit(void)
{
	uint8_t in[1 + 2 * (MM_DECODE_MAX_STMTS + 10)] = { 0 };
	struct mm_prog p;

	/* "p0 clear-refs", over and over, after one mmap. */
	for (size_t i = 1; i + 1 < sizeof(in); i += 2)
		in[i] = MM_OP_CLEAR_REFS;
	ASSERT_EQ(mm_prog_decode(in, sizeof(in), NULL, &p), 0);
	ASSERT_EQ(p.nr_stmts, MM_DECODE_MAX_STMTS);
	mm_prog_free(&p);
	return true;
}

static const struct test tests[] = {
	TEST(test_scenarios_round_trip),
	TEST(test_random_bytes_decode),
	TEST(test_pinned_layout),
	TEST(test_line_numbers),
	TEST(test_encode_errors),
	TEST(test_statement_limit),
	TEST(test_single_statement),
	TEST(test_alphabet_info),
	TEST(test_fuzz_supported),
	TEST(test_cow_opcodes),
	TEST(test_thp_opcodes),
	TEST(test_race_opcodes),
	TEST(test_thp_config),
	TEST(test_widths),
	{ 0 },
};

int main(void)
{
	return run_tests(tests);
}
