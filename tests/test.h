/* SPDX-License-Identifier: MIT */
/*
 * test.h - the unit-test harness: bool test functions, one test list per
 * file, assertions that print both values.
 *
 *   static bool test_something(void) { ASSERT_EQ(1 + 1, 2); return true; }
 *   static const struct test tests[] = { TEST(test_something), {0} };
 *   int main(void) { return run_tests(tests); }
 */
#ifndef MMFUZZ_TEST_H
#define MMFUZZ_TEST_H

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

struct test {
	const char *name;
	bool (*fn)(void);
};

#define TEST(fn) { #fn, fn }

#define ASSERT_OP(a, op, b) do {						\
	long long __a = (long long)(a), __b = (long long)(b);			\
	if (!(__a op __b)) {							\
		fprintf(stderr, "%s:%d: `%s %s %s` (%lld %s %lld)\n",		\
			__FILE__, __LINE__, #a, #op, #b, __a, #op, __b);	\
		return false;							\
	}									\
} while (0)

#define ASSERT_EQ(a, b) ASSERT_OP(a, ==, b)
#define ASSERT_NE(a, b) ASSERT_OP(a, !=, b)
#define ASSERT_GE(a, b) ASSERT_OP(a, >=, b)
#define ASSERT_LE(a, b) ASSERT_OP(a, <=, b)
#define ASSERT_LT(a, b) ASSERT_OP(a, <, b)
#define ASSERT_GT(a, b) ASSERT_OP(a, >, b)
#define ASSERT_TRUE(c) ASSERT_OP(!!(c), ==, 1)
#define ASSERT_FALSE(c) ASSERT_OP(!!(c), ==, 0)

#define ASSERT_STR_EQ(a, b) do {						\
	const char *__a = (a), *__b = (b);					\
	if (strcmp(__a, __b) != 0) {						\
		fprintf(stderr, "%s:%d: `%s == %s` (\"%s\" == \"%s\")\n",	\
			__FILE__, __LINE__, #a, #b, __a, __b);			\
		return false;							\
	}									\
} while (0)

static inline int run_tests(const struct test *tests)
{
	int run = 0, failed = 0;

	for (const struct test *t = tests; t->name; t++) {
		bool ok = t->fn();

		run++;
		if (!ok)
			failed++;
		printf("%s %s\n", ok ? "ok  " : "FAIL", t->name);
	}
	printf("%d passed, %d failed\n", run - failed, failed);
	return failed ? 1 : 0;
}

#endif /* MMFUZZ_TEST_H */
