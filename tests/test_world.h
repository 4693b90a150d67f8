/* SPDX-License-Identifier: MIT */
/* test_world.h - what the emulator's unit tests share beyond test.h. */
#ifndef MMFUZZ_TEST_WORLD_H
#define MMFUZZ_TEST_WORLD_H

#include <stdbool.h>
#include <stdio.h>

#include "mmemu.h"

/* No structural violation now; otherwise say which, with the state dump. */
static inline bool checks_clean(struct world *w)
{
	struct mm_violation v;

	if (world_check(w, &v)) {
		fprintf(stderr, "unexpected %s/%s: %s\n", mm_vclass_name(v.cls),
			v.id, v.msg);
		world_dump(w, stderr, &v);
		return false;
	}
	return true;
}

#endif /* MMFUZZ_TEST_WORLD_H */
