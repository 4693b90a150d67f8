// SPDX-License-Identifier: MIT
/*
 * knobspec.c - NAME=on|off[,NAME=on|off...], the knob settings of
 * `--knob` and of MMFUZZ_KNOBS (mmtriage.h).  One parser, so that the
 * fuzz targets, `mmfuzz run` and `mmfuzz triage` accept the same specs.
 */
#include "mmtriage.h"

#include <stdio.h>
#include <string.h>

static int knobspec_fail(struct mm_knobspec_error *err,
			 enum mm_knobspec_status status, const char *item,
			 size_t len, size_t name_len)
{
	err->status = status;
	err->item = item;
	err->len = (int)len;
	err->name_len = (int)name_len;
	err->list = false;
	return -1;
}

int mm_knobspec_add(struct run_options *opt, const char *item, size_t len,
		    const struct mm_knobs *preset,
		    struct mm_knobspec_error *err)
{
	const char *eq = memchr(item, '=', len);
	size_t n = eq ? (size_t)(eq - item) : 0;
	const char *val = eq ? eq + 1 : "";
	size_t vlen = eq ? len - n - 1 : 0;
	bool on = vlen == 2 && !strncmp(val, "on", 2);
	bool off = vlen == 3 && !strncmp(val, "off", 3);
	char name[sizeof(opt->knobs[0].name)];
	int k;

	if (!n || n >= sizeof(name) || (!on && !off))
		return knobspec_fail(err, MM_KNOBSPEC_SYNTAX, item, len, n);
	if (opt->nr_knobs == RUN_MAX_KNOBS)
		return knobspec_fail(err, MM_KNOBSPEC_TOO_MANY, item, len, n);
	memcpy(name, item, n);
	name[n] = '\0';
	k = mm_knob_lookup(name);
	if (k < 0)
		return knobspec_fail(err, MM_KNOBSPEC_UNKNOWN, item, len, n);
	/* An unmodelled knob is the era's rule: it cannot be turned. */
	if (preset && !mm_knob_info(k)->modelled && on != preset->on[k])
		return knobspec_fail(err, MM_KNOBSPEC_FIXED, item, len, n);
	memcpy(opt->knobs[opt->nr_knobs].name, name, n + 1);
	opt->knobs[opt->nr_knobs++].value = on;
	return 0;
}

int mm_knobspec_parse(struct run_options *opt, const char *spec,
		      const struct mm_knobs *preset,
		      struct mm_knobspec_error *err)
{
	while (spec && *spec) {
		const char *comma = strchr(spec, ',');
		size_t len = comma ? (size_t)(comma - spec) : strlen(spec);

		if (len && mm_knobspec_add(opt, spec, len, preset, err)) {
			err->list = true;
			return -1;
		}
		spec = comma ? comma + 1 : NULL;
	}
	return 0;
}

void mm_knobspec_strerror(const struct mm_knobspec_error *err,
			  const char *what, char *buf, size_t size)
{
	switch (err->status) {
	case MM_KNOBSPEC_OK:
		snprintf(buf, size, "%s: no error", what);
		break;
	case MM_KNOBSPEC_SYNTAX:
		snprintf(buf, size, "%s wants NAME=on|off%s, got '%.*s'", what,
			 err->list ? ",..." : "", err->len, err->item);
		break;
	case MM_KNOBSPEC_TOO_MANY:
		snprintf(buf, size, "%s: more than %d knobs", what,
			 RUN_MAX_KNOBS);
		break;
	case MM_KNOBSPEC_UNKNOWN:
		snprintf(buf, size, "%s: unknown knob '%.*s'", what,
			 err->name_len, err->item);
		break;
	case MM_KNOBSPEC_FIXED:
		snprintf(buf, size, "%s: knob %.*s is not supported yet", what,
			 err->name_len, err->item);
		break;
	}
}
