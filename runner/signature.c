// SPDX-License-Identifier: MIT
/*
 * signature.c - the crash signature of a finding (mmtriage.h): what the
 * fuzz targets print first and what `mmfuzz triage` buckets by.
 */
#include "mmtriage.h"

#include <stdio.h>
#include <string.h>

#include "mmemu.h"
#include "mmprog.h"
#include "mmstmt.h"

/*
 * The statement the runner stopped at, by its signature name (statements
 * sharing a keyword are told apart there: handle-read, file-write, ...);
 * "setup" when the run stopped before any statement.  Lines of a parsed
 * or decoded program are unique.
 */
static const char *tri_failing_op(const struct mm_prog *p, int line)
{
	for (size_t i = 0; i < p->nr_stmts; i++) {
		const struct mm_stmt_desc *d;

		if (p->stmts[i].line != line)
			continue;
		d = mm_stmt_desc(p->stmts[i].op);
		return d ? d->sig_name : "?";
	}
	return "setup";
}

bool tri_signature(const struct mm_prog *p, const struct run_result *res,
		   struct tri_sig *sig)
{
	if (res->outcome != RUN_VIOLATION && res->outcome != RUN_KNOWN)
		return false;
	memset(sig, 0, sizeof(*sig));
	sig->outcome = res->outcome;
	snprintf(sig->cls, sizeof(sig->cls), "%s",
		 res->outcome == RUN_KNOWN ? "known" : res->cls);
	snprintf(sig->id, sizeof(sig->id), "%s", res->id);
	snprintf(sig->op, sizeof(sig->op), "%s", tri_failing_op(p, res->line));
	return true;
}

bool tri_sig_equal(const struct tri_sig *a, const struct tri_sig *b)
{
	return a->outcome == b->outcome && !strcmp(a->cls, b->cls) &&
	       !strcmp(a->id, b->id) && !strcmp(a->op, b->op);
}

void tri_sig_print(const struct tri_sig *sig, char *buf, size_t size)
{
	if (sig->outcome == RUN_KNOWN)
		snprintf(buf, size, "known %s in %s", sig->id, sig->op);
	else
		snprintf(buf, size, "violation %s/%s in %s", sig->cls, sig->id,
			 sig->op);
}

/* Would `expect violation CLASS/ID` parse for class @cls? */
bool mm_violation_id_of_class(int cls, const char *id)
{
	struct mm_prog p;
	char text[96];
	int n;

	n = snprintf(text, sizeof(text), "expect violation %s/%s\n",
		     mm_vclass_name((enum mm_vclass)cls), id);
	if (n < 0 || (size_t)n >= sizeof(text))
		return false;
	if (mm_prog_parse(text, (size_t)n, &p, NULL))
		return false;
	mm_prog_free(&p);
	return true;
}

bool mm_violation_id_valid(const char *id)
{
	for (int c = MMV_ISOLATION; c <= MMV_FAULT; c++)
		if (mm_violation_id_of_class(c, id))
			return true;
	return false;
}
