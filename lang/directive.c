/* SPDX-License-Identifier: MIT */
/*
 * directive.c - the directives of a .mm program (spec/program.md §2).
 *
 * era, knob, config and expect lines, which come before the first
 * statement.  Every directive but knob may appear once, so a program never
 * says two things about the same setting.
 */
#include <string.h>

#include "lex.h"

static const char *const era_names[] = {
	"4.8", "5.7", "5.8", "5.9", "5.18", "5.19", "6.2", "6.15", "6.17",
	"current",
};

/* spec/program.md §4: the ids each violation class may report. */
static const struct {
	const char *name;
	const char *ids[10];
	const char *ids_text;
} violation_classes[] = {
	{ "isolation", { "I1", "I2", "P5" }, "I1, I2, P5" },
	{ "pin-coherence", { "P1", "P2", "P3", "P4", "P6", "P7" },
	  "P1-P4, P6, P7" },
	{ "accounting", { "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8",
			  "S9" }, "S1-S9" },
	{ "exclusivity", { "X1", "X2", "X3", "X4", "X5", "X6" }, "X1-X6" },
	{ "fault", { "F1", "F2", "F3", "F4" }, "F1-F4" },
};

/* spec/program.md §6, and hugetlb-cow-lost (README, "Known kernel behaviours") */
static const char *const known_names[] = { "hugetlb-vmsplice",
					   "hugetlb-cow-lost" };

#define NR_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Directives other than knob may appear once; @has is that directive's. */
static int once(struct lexline *lx, bool *has, const char *what)
{
	if (*has)
		return lex_err(lx, "%s given twice", what);
	*has = true;
	return 0;
}

static int parse_on_off(struct lexline *lx, const struct word *w, bool *out)
{
	if (!lex_word_is(w, "on") && !lex_word_is(w, "off"))
		return lex_err(lx, "expected on or off, got '%s'",
			       lex_quote_word(w).s);
	*out = lex_word_is(w, "on");
	return 0;
}

static int parse_era(struct lexline *lx, struct mm_prog *p)
{
	const struct word *w = lex_want(lx, "NAME");

	if (!w || once(lx, &p->has_era, "era"))
		return -1;
	for (size_t i = 0; i < NR_OF(era_names); i++) {
		if (lex_word_is(w, era_names[i])) {
			strcpy(p->era, era_names[i]);
			p->era_line = lx->line;
			return 0;
		}
	}
	return lex_err(lx, "unknown era '%s'", lex_quote_word(w).s);
}

static bool is_knob_name(const struct word *w)
{
	if (!w->len || w->len >= sizeof(((struct mm_knob_setting *)0)->name))
		return false;
	for (size_t i = 0; i < w->len; i++) {
		char c = w->s[i];

		if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') &&
		    c != '_')
			return false;
	}
	return true;
}

/* knob NAME=on|off; the name is checked against the knob table elsewhere. */
static int parse_knob(struct lexline *lx, struct mm_prog *p)
{
	const struct word *w = lex_want(lx, "NAME=on|off");
	struct word rest, name;
	struct mm_knob_setting *k;

	if (!w)
		return -1;
	rest = *w;
	if (!lex_cut(&rest, '=', &name))
		return lex_err(lx, "expected NAME=on|off, got '%s'",
			       lex_quote_word(w).s);
	if (!is_knob_name(&name))
		return lex_err(lx, "invalid knob name '%s' ([a-z0-9_], 1-47 bytes)",
			       lex_quote_word(&name).s);
	if (p->nr_knobs >= MM_MAX_KNOB_SETTINGS)
		return lex_err(lx, "more than %d knob lines", MM_MAX_KNOB_SETTINGS);
	k = &p->knobs[p->nr_knobs];
	if (parse_on_off(lx, &rest, &k->value))
		return -1;
	memcpy(k->name, name.s, name.len);
	k->name[name.len] = '\0';
	k->line = lx->line;
	p->nr_knobs++;
	return 0;
}

static int config_thp(struct lexline *lx, struct mm_prog *p,
		      const struct word *val)
{
	if (once(lx, &p->has_thp, "config thp"))
		return -1;
	if (lex_word_is(val, "always"))
		p->thp = MM_THP_ALWAYS;
	else if (lex_word_is(val, "madvise"))
		p->thp = MM_THP_MADVISE;
	else if (lex_word_is(val, "never"))
		p->thp = MM_THP_NEVER;
	else
		return lex_err(lx, "expected always, madvise or never, got '%s'",
			       lex_quote_word(val).s);
	return 0;
}

/* mthp=16k,32k,... or mthp=none (the default, spelled out). */
static int config_mthp(struct lexline *lx, struct mm_prog *p,
		       const struct word *val)
{
	struct word rest = *val, item;
	uint64_t bytes;
	bool more;
	int k;

	if (once(lx, &p->has_mthp, "config mthp"))
		return -1;
	p->mthp_kb_mask = 0;
	if (lex_word_is(val, "none"))
		return 0;
	do {
		more = lex_cut(&rest, ',', &item);
		if (!item.len)
			return lex_err(lx, "empty item in mthp list '%s'",
				       lex_quote_word(val).s);
		if (lex_size(lx, item.s, item.len, false, &bytes))
			return -1;
		for (k = 0; k < 7 && (16384ULL << k) != bytes; k++)
			;
		if (k == 7)
			return lex_err(lx, "unsupported mthp size %s (16k, 32k, ..., 1m)",
				       lex_quote_word(&item).s);
		p->mthp_kb_mask |= 1u << k;
	} while (more);
	return 0;
}

/* One "2m:N" or "1g:N" item of config hugetlb=. */
static int hugetlb_item(struct lexline *lx, struct mm_prog *p,
			struct word item, unsigned int *seen)
{
	struct word sz;
	uint64_t bytes, n;
	unsigned int which;

	if (!lex_cut(&item, ':', &sz))
		return lex_err(lx, "expected 2m:N or 1g:N, got '%s'",
			       lex_quote_word(&sz).s);
	if (lex_size(lx, sz.s, sz.len, false, &bytes))
		return -1;
	if (bytes != 2ULL << 20 && bytes != 1ULL << 30)
		return lex_err(lx, "hugetlb pool size must be 2m or 1g, got '%s'",
			       lex_quote_word(&sz).s);
	which = bytes == 2ULL << 20 ? 0 : 1;
	if (*seen & (1u << which))
		return lex_err(lx, "hugetlb pool %s given twice",
			       which ? "1g" : "2m");
	*seen |= 1u << which;
	switch (lex_digits(item.s, item.len, 10, &n)) {
	case NUM_BAD:
		return lex_err(lx, "expected a page count, got '%s'",
			       lex_quote_word(&item).s);
	case NUM_TOO_LARGE:
		return lex_err(lx, "number too large: '%s'",
			       lex_quote_word(&item).s);
	case NUM_OK:
		break;
	}
	if (n > UINT32_MAX)
		return lex_err(lx, "number too large: '%s'",
			       lex_quote_word(&item).s);
	*(which ? &p->hugetlb_1g : &p->hugetlb_2m) = (uint32_t)n;
	return 0;
}

static int config_hugetlb(struct lexline *lx, struct mm_prog *p,
			  const struct word *val)
{
	struct word rest = *val, item;
	unsigned int seen = 0;
	bool more;

	if (once(lx, &p->has_hugetlb, "config hugetlb"))
		return -1;
	do {
		more = lex_cut(&rest, ',', &item);
		if (hugetlb_item(lx, p, item, &seen))
			return -1;
	} while (more);
	return 0;
}

static int parse_config(struct lexline *lx, struct mm_prog *p)
{
	const struct word *w = lex_want(lx, "KEY=VALUE");
	struct word val, key;

	if (!w)
		return -1;
	val = *w;
	if (!lex_cut(&val, '=', &key))
		return lex_err(lx, "expected KEY=VALUE, got '%s'",
			       lex_quote_word(w).s);
	if (lex_word_is(&key, "thp"))
		return config_thp(lx, p, &val);
	if (lex_word_is(&key, "mthp"))
		return config_mthp(lx, p, &val);
	if (lex_word_is(&key, "huge_zeropage"))
		return once(lx, &p->has_huge_zeropage, "config huge_zeropage") ?
		       -1 : parse_on_off(lx, &val, &p->huge_zeropage);
	if (lex_word_is(&key, "zeropage"))
		return once(lx, &p->has_zeropage, "config zeropage") ?
		       -1 : parse_on_off(lx, &val, &p->zeropage);
	if (lex_word_is(&key, "waits")) {
		if (once(lx, &p->has_waits, "config waits"))
			return -1;
		if (lex_word_is(&val, "skip") || lex_word_is(&val, "error")) {
			p->waits_skip = lex_word_is(&val, "skip");
			return 0;
		}
		return lex_err(lx, "config waits: expected skip or error, got '%s'",
			       lex_quote_word(&val).s);
	}
	if (lex_word_is(&key, "swap"))
		return once(lx, &p->has_swap, "config swap") ?
		       -1 : parse_on_off(lx, &val, &p->swap);
	if (lex_word_is(&key, "hugetlb"))
		return config_hugetlb(lx, p, &val);
	return lex_err(lx, "unknown config '%s'", lex_quote_word(&key).s);
}

/* expect violation CLASS[/ID] */
static int parse_expect_violation(struct lexline *lx, struct mm_prog *p)
{
	const struct word *w = lex_want(lx, "CLASS");
	struct word id, cls;
	bool has_id;
	size_t c;

	if (!w)
		return -1;
	id = *w;
	has_id = lex_cut(&id, '/', &cls);
	for (c = 0; c < NR_OF(violation_classes); c++)
		if (lex_word_is(&cls, violation_classes[c].name))
			break;
	if (c == NR_OF(violation_classes))
		return lex_err(lx, "unknown violation class '%s'",
			       lex_quote_word(&cls).s);
	p->expect = MM_EXPECT_VIOLATION;
	strcpy(p->expect_class, violation_classes[c].name);
	if (!has_id)
		return 0;
	for (const char *const *i = violation_classes[c].ids; *i; i++) {
		if (lex_word_is(&id, *i)) {
			strcpy(p->expect_id, *i);
			return 0;
		}
	}
	return lex_err(lx, "'%s' is not an id of class %s (%s)",
		       lex_quote_word(&id).s, violation_classes[c].name,
		       violation_classes[c].ids_text);
}

static int parse_expect(struct lexline *lx, struct mm_prog *p)
{
	const struct word *w = lex_want(lx, "ok|violation|known");

	if (!w || once(lx, &p->has_expect, "expect"))
		return -1;
	if (lex_word_is(w, "ok")) {
		p->expect = MM_EXPECT_OK;
		return 0;
	}
	if (lex_word_is(w, "violation"))
		return parse_expect_violation(lx, p);
	if (!lex_word_is(w, "known"))
		return lex_err(lx, "expected ok, violation or known, got '%s'",
			       lex_quote_word(w).s);
	w = lex_want(lx, "NAME");
	if (!w)
		return -1;
	for (size_t i = 0; i < NR_OF(known_names); i++) {
		if (lex_word_is(w, known_names[i])) {
			p->expect = MM_EXPECT_KNOWN;
			strcpy(p->expect_known, known_names[i]);
			return 0;
		}
	}
	return lex_err(lx, "unknown known behaviour '%s'", lex_quote_word(w).s);
}

/*
 * Parse the directive line @lx (its first word is era, knob, config or
 * expect) into @p.  Returns 0, or -1 with @lx->err set.
 */
int lang_parse_directive(struct mm_prog *p, struct lexline *lx)
{
	const struct word *w = lex_next(lx);
	int ret;

	if (lex_word_is(w, "era"))
		ret = parse_era(lx, p);
	else if (lex_word_is(w, "knob"))
		ret = parse_knob(lx, p);
	else if (lex_word_is(w, "config"))
		ret = parse_config(lx, p);
	else
		ret = parse_expect(lx, p);
	return ret ? -1 : lex_end(lx, "directive");
}

