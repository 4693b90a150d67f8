// SPDX-License-Identifier: MIT
/*
 * test_arena.c - the arena of base/ (mmarena.h): recycling, zeroing,
 * realloc, the leak and double-free checks, heap blocks kept across
 * resets, AddressSanitizer's poisoning of freed and reset memory (a
 * recycled folio included), and whole runs that leave nothing allocated.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <signal.h>
#include <unistd.h>

#include "internal.h"
#include "mmarena.h"
#include "mmprog.h"
#include "mmrun.h"
#include "test.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TEST_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(TEST_ASAN)
#define TEST_ASAN 1
#endif
#ifdef TEST_ASAN
#include <sanitizer/asan_interface.h>
#define POISONED(p)	__asan_address_is_poisoned(p)
#else
#define POISONED(p)	((void)(p), 0)
#endif

/* Every size up to 64 KiB is usable in full; the same size is recycled. */
static bool test_sizes_and_recycling(void)
{
	struct mm_arena *a = mm_arena_create();

	for (size_t size = 0; size <= 65536; size += size < 256 ? 1 : 97) {
		unsigned char *p = mm_arena_zalloc(a, size), *q;

		ASSERT_EQ((uintptr_t)p % 16, 0);
		for (size_t i = 0; i < size; i++)
			ASSERT_EQ(p[i], 0);
		memset(p, 0xa5, size);
		ASSERT_EQ(mm_arena_live(a), 1);
		mm_arena_free(a, p);
		q = mm_arena_zalloc(a, size);	/* the only free block of its class */
		ASSERT_TRUE(q == p);
		for (size_t i = 0; i < size; i++)
			ASSERT_EQ(q[i], 0);	/* zeroed again */
		mm_arena_free(a, q);
	}
	ASSERT_EQ(mm_arena_live(a), 0);
	mm_arena_reset(a);
	mm_arena_destroy(a);
	return true;
}

/* realloc keeps the contents, in place or moved to a larger class. */
static bool test_realloc(void)
{
	struct mm_arena *a = mm_arena_create();
	uint64_t *v = NULL;

	for (size_t n = 1; n <= 5000; n++) {
		v = mm_arena_realloc_array(a, v, n, sizeof(*v));
		v[n - 1] = n * 7;
		for (size_t i = 0; i < n; i += 111)
			ASSERT_EQ(v[i], (i + 1) * 7);
	}
	v = mm_arena_realloc_array(a, v, 3, sizeof(*v));	/* shrinks in place */
	ASSERT_EQ(v[2], 21);
	ASSERT_EQ(mm_arena_live(a), 1);
	mm_arena_free(a, v);
	mm_arena_destroy(a);
	return true;
}

/* Blocks larger than a quarter chunk (thread stacks) survive a reset. */
static bool test_big_blocks_kept(void)
{
	struct mm_arena *a = mm_arena_create();
	void *stack = mm_arena_alloc(a, 1u << 20), *again;

	mm_arena_free(a, stack);
	mm_arena_reset(a);
	again = mm_arena_alloc(a, 1u << 20);
	ASSERT_TRUE(again == stack);
	mm_arena_free(a, again);
	mm_arena_destroy(a);
	return true;
}

/* A NULL arena is the heap: the same calls work. */
static bool test_heap(void)
{
	char *p = mm_arena_zalloc(NULL, 10);

	ASSERT_EQ(p[9], 0);
	p = mm_arena_realloc_array(NULL, p, 100, 1);
	p[99] = 1;
	mm_arena_free(NULL, p);
	ASSERT_EQ(mm_arena_live(NULL), 0);
	return true;
}

/* @fn run in a child process ends it with SIGABRT. */
static bool aborts(void (*fn)(void))
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		/* The child's report is expected: keep the test's output clean. */
		if (!freopen("/dev/null", "w", stderr))
			_exit(3);
		fn();
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return false;
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

static void leak_then_reset(void)
{
	struct mm_arena *a = mm_arena_create();

	(void)mm_arena_zalloc(a, 64);
	mm_arena_reset(a);
}

static void free_twice(void)
{
	struct mm_arena *a = mm_arena_create();
	void *p = mm_arena_zalloc(a, 64);

	mm_arena_free(a, p);
	mm_arena_free(a, p);
}

static void nothing_wrong(void)
{
	struct mm_arena *a = mm_arena_create();

	mm_arena_free(a, mm_arena_zalloc(a, 64));
	mm_arena_reset(a);
	mm_arena_destroy(a);
}

/* An object never freed is found at reset; a second free is refused. */
static bool test_leak_and_double_free_abort(void)
{
	ASSERT_FALSE(aborts(nothing_wrong));
	ASSERT_TRUE(aborts(leak_then_reset));
	ASSERT_TRUE(aborts(free_twice));
	return true;
}

/*
 * Under AddressSanitizer: a live object's bytes are addressable and the
 * byte after it is not; a freed object and everything after a reset are
 * poisoned.
 */
static bool test_poisoning(void)
{
	struct mm_arena *a;
	char *p, *q;

	if (!mm_arena_poisons()) {
		printf("test_poisoning: skipped: not built with AddressSanitizer\n");
		return true;
	}
	a = mm_arena_create();
	p = mm_arena_zalloc(a, 100);
	q = mm_arena_zalloc(a, 100);
	ASSERT_FALSE(POISONED(p));
	ASSERT_FALSE(POISONED(p + 99));
	ASSERT_TRUE(POISONED(p + 100));		/* redzone */
	ASSERT_TRUE(POISONED(p - 1));		/* header */
	mm_arena_free(a, p);
	ASSERT_TRUE(POISONED(p));
	ASSERT_TRUE(POISONED(p + 50));
	ASSERT_FALSE(POISONED(q));
	p = mm_arena_realloc_array(a, NULL, 10, 1);
	p = mm_arena_realloc_array(a, p, 20, 1);	/* grows in place */
	ASSERT_FALSE(POISONED(p + 19));
	ASSERT_TRUE(POISONED(p + 20));
	mm_arena_free(a, p);
	mm_arena_free(a, q);
	mm_arena_reset(a);
	ASSERT_TRUE(POISONED(q));
	mm_arena_destroy(a);
	return true;
}

/*
 * A folio freed by its last folio_put() is poisoned in the world's arena,
 * and a folio allocated after it does not reuse it at once when another
 * freed block of its class waits (first in, first out under ASan), so a
 * stale pointer to a recycled folio still faults.
 */
static bool test_freed_folio_poisoned(void)
{
	struct mm_arena *a = mm_arena_create();
	struct world_config cfg;
	struct folio *f1, *f2, *f3;
	struct world *w;
	int err;

	world_config_default(&cfg);
	cfg.arena = a;
	w = world_create(&cfg, &err);
	ASSERT_TRUE(w != NULL);
	f1 = folio_alloc(w, FOLIO_ANON, 0);
	f2 = folio_alloc(w, FOLIO_ANON, 0);
	folio_put(w, f1);
	folio_put(w, f2);
	f3 = folio_alloc(w, FOLIO_ANON, 0);
	if (mm_arena_poisons()) {
		ASSERT_TRUE(f3 == f1);			/* the oldest free block */
		ASSERT_TRUE(POISONED(&f2->refcount));	/* a use after free faults */
	} else {
		printf("test_freed_folio_poisoned: poisoning skipped: not built with AddressSanitizer\n");
	}
	ASSERT_EQ(f3->refcount, 1);
	ASSERT_EQ(f3->mapping, NULL);		/* zeroed, not the old contents */
	folio_put(w, f3);
	world_destroy(w);
	ASSERT_EQ(mm_arena_live(a), 0);
	mm_arena_reset(a);
	mm_arena_destroy(a);
	return true;
}

/*
 * Whole runs through one arena, as the fuzz targets do: each leaves
 * nothing allocated, and the arena's reuse does not change an outcome.
 */
static bool run_text(struct mm_arena *a, const char *text,
		     enum run_outcome want)
{
	struct run_options opt = { .arena = a };
	struct run_result res;
	struct mm_prog p;

	ASSERT_EQ(mm_prog_parse(text, strlen(text), &p, NULL), 0);
	ASSERT_EQ(mm_prog_check(&p, false, NULL), 0);
	for (int i = 0; i < 3; i++) {
		ASSERT_EQ(mm_run_program(&p, &opt, &res), want);
		ASSERT_EQ(mm_arena_live(a), 0);
		mm_arena_reset(a);
	}
	mm_prog_free(&p);
	return true;
}

static bool test_runs_free_everything(void)
{
	struct mm_arena *a = mm_arena_create();

	/* Dirty COW in 4.8: a thread, its stack, a file, a COW copy. */
	ASSERT_TRUE(run_text(a,
		"era 4.8\n"
		"file f0 tmpfile 1p\n"
		"f0 write\n"
		"p0 mmap r0 1p f0 private r\n"
		"p0 memwrite r0 @t0\n"
		"t0 step\n"
		"p0 madvise r0 dontneed\n"
		"t0 finish\n", RUN_VIOLATION));
	/* fork, pins, THP, mremap, reclaim: today's rules hold. */
	ASSERT_TRUE(run_text(a,
		"config thp=always\n"
		"p0 mmap r0 2m anon private rw\n"
		"p0 write r0\n"
		"p0 gup g0 r0:1p pin write longterm\n"
		"p0 fork p1\n"
		"p1 write r0\n"
		"p0 mprotect r0:1p r\n"
		"p0 mremap r0 r1\n"
		"reclaim\n"
		"g0 put\n"
		"p1 exit\n", RUN_OK));
	mm_arena_destroy(a);
	return true;
}

static const struct test tests[] = {
	TEST(test_sizes_and_recycling),
	TEST(test_realloc),
	TEST(test_big_blocks_kept),
	TEST(test_heap),
	TEST(test_leak_and_double_free_abort),
	TEST(test_poisoning),
	TEST(test_freed_folio_poisoned),
	TEST(test_runs_free_everything),
	{ 0 },
};

int main(void)
{
	return run_tests(tests);
}
