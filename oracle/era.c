// SPDX-License-Identifier: MIT
/*
 * era.c - what a program means in each era (program.md §5).
 *
 * A few rules of meaning changed with the kernel: whether a process gets
 * a private copy of a page without writing it.  The oracle takes them from
 * the era alone, from its own list of the releases where each rule
 * changed (semantics.md §0.3, §7).  A policy knob set in the program
 * changes what the emulator does, never what the program means: a knob
 * that reintroduces an old or buggy rule is exactly what the oracle must
 * catch.
 */
#include "oracle_internal.h"

/* A mainline release as a number that sorts: 5.8 is 508, 6.15 is 615. */
#define REL(major, minor)	((major) * 100 + (minor))
#define REL_NEVER		REL(99, 0)

/* The eras of program.md §5: the first mainline release of each. */
static const struct { const char *name; unsigned int release; } oeras[] = {
	{ "4.8", REL(4, 8) },	/* before the Dirty COW fix */
	{ "5.7", REL(5, 7) },	/* A: 4.9 - 5.7 */
	{ "5.8", REL(5, 8) },	/* B */
	{ "5.9", REL(5, 9) },	/* C: 5.9 - 5.17 */
	{ "5.18", REL(5, 18) },	/* D */
	{ "5.19", REL(5, 19) },	/* E: 5.19 - 6.1 */
	{ "6.2", REL(6, 2) },	/* F: 6.2 - 6.14 */
	{ "6.15", REL(6, 15) },	/* G: 6.15 - 6.16 */
	{ "6.17", REL(6, 17) },	/* H */
	{ "current", REL(6, 17) },
};

/*
 * Each rule of meaning that changed, with the releases (and commits)
 * where it started and stopped holding.
 */
enum orule { OR_GUP_BREAKS_COW, OR_LONGTERM_SNAPSHOT, OR_HUGETLB_FORCE_REFUSED,
	     OR_MADV_POPULATE, OR_NR };

static const struct {
	unsigned int since, until;
	const char *commits;
} orules[OR_NR] = {
	/*
	 * Every GUP taking a reference in a COW mapping is a write GUP:
	 * the process gets its own copy as a write would give it.
	 */
	[OR_GUP_BREAKS_COW] = { REL(5, 8), REL(5, 9),
				"17839856fd58, reverted by a308c71bf1e6" },
	/*
	 * A R/O long-term pin of a private file page unshares it: the
	 * process gets its own copy, frozen at that moment.
	 */
	[OR_LONGTERM_SNAPSHOT] = { REL(6, 2), REL_NEVER,
				   "8d6a0ac09a16, 84209e87c696" },
	/*
	 * FOLL_FORCE|FOLL_WRITE on hugetlb is refused, not a private copy,
	 * until hugetlb supported it properly ("mm/hugetlb: support
	 * FOLL_FORCE|FOLL_WRITE", 6.14).
	 */
	[OR_HUGETLB_FORCE_REFUSED] = { REL(6, 2), REL(6, 14),
				       "f347454d0349, undone in 6.14" },
	/* The advice MADV_POPULATE_(READ|WRITE) exists. */
	[OR_MADV_POPULATE] = { REL(5, 14), REL_NEVER, "4ca9b3859dac" },
};

static bool orule_holds(enum orule r, unsigned int release)
{
	return release >= orules[r].since && release < orules[r].until;
}

int oracle_era_meaning(const char *era, struct oracle_meaning *out)
{
	for (size_t i = 0; era && i < sizeof(oeras) / sizeof(oeras[0]); i++) {
		unsigned int rel = oeras[i].release;

		if (strcmp(oeras[i].name, era))
			continue;
		out->gup_breaks_cow = orule_holds(OR_GUP_BREAKS_COW, rel);
		out->longterm_pin_snapshots =
			orule_holds(OR_LONGTERM_SNAPSHOT, rel);
		out->hugetlb_force_write_refused =
			orule_holds(OR_HUGETLB_FORCE_REFUSED, rel);
		out->madv_populate = orule_holds(OR_MADV_POPULATE, rel);
		return 0;
	}
	return -1;
}

const char *oracle_era_name(size_t i)
{
	return i < sizeof(oeras) / sizeof(oeras[0]) ? oeras[i].name : NULL;
}

bool oracle_populate_known(const struct oracle *o)
{
	return o->meaning.madv_populate;
}
