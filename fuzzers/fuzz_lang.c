// SPDX-License-Identifier: MIT
/*
 * fuzz_lang.c - the .mm text front end: parser, printer, checker, and the
 * binary encoding of what they accept.
 *
 * Any input is either rejected cleanly or parses; then its canonical text
 * parses to an equal program that prints the same, and once the checker
 * has dropped what cannot apply, the program survives encode -> decode.
 * Anything else aborts with "mmfuzz: ..." and the canonical text.
 */
#include <stdlib.h>
#include <string.h>

#include "fz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mm_prog p, q;
	struct mm_error err;
	char *t1, *t2;

	if (mm_prog_parse((const char *)data, size, &p, &err))
		return 0;
	t1 = mm_prog_print(&p);
	if (!t1 || mm_prog_parse(t1, strlen(t1), &q, &err))
		fz_die(t1, "canonical text does not parse: line %d: %s",
		       err.line, err.msg);
	t2 = mm_prog_print(&q);
	if (!t2 || strcmp(t1, t2) || !mm_prog_equal(&p, &q))
		fz_die(t1, "print -> parse -> print differs; second print:\n%s---",
		       t2 ? t2 : "(null)");
	free(t1);
	free(t2);
	mm_prog_free(&q);
	mm_prog_check(&p, true, NULL);
	fz_check_codec(&p);
	mm_prog_free(&p);
	return 0;
}
