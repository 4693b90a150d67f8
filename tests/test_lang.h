/* SPDX-License-Identifier: MIT */
/*
 * test_lang.h - helpers of the .mm language's unit tests (test_parse.c,
 * test_print.c, test_check.c): parse a C string, and the round trip that
 * pins the printer to the parser.
 */
#ifndef MMFUZZ_TEST_LANG_H
#define MMFUZZ_TEST_LANG_H

#include <stdlib.h>
#include <string.h>

#include "mmprog.h"
#include "test.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static inline int parse_str(const char *text, struct mm_prog *p,
		     struct mm_error *err)
{
	return mm_prog_parse(text, strlen(text), p, err);
}

/* parse(print(p)) == p, and print(parse(print(p))) == print(p). */
static inline bool round_trips(const struct mm_prog *p)
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

#endif /* MMFUZZ_TEST_LANG_H */
