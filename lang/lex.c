/* SPDX-License-Identifier: MIT */
/*
 * lex.c - words, numbers, sizes and names of the .mm language (§1).
 *
 * The scalar layer under parse.c and directive.c: a line cut into words,
 * and the small parsers every statement and directive is built from.  Each
 * reports its error through lex_err() with the line of @lx; every word
 * quoted in a message goes through lex_quote(), which escapes anything
 * unprintable, so a message never carries raw bytes of a binary input.
 */
#include <stdarg.h>
#include <string.h>

#include "lex.h"

/* ------------------------------------------------------------------ */
/* Words and errors                                                   */

/* @s escaped and truncated for a message: see lex.h. */
struct quoted lex_quote(const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	struct quoted q;
	size_t o = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		/* Room for one escaped byte, "..." and the NUL. */
		if (o + 8 > sizeof(q.s)) {
			memcpy(q.s + o, "...", 3);
			o += 3;
			break;
		}
		if (c >= 0x20 && c < 0x7f && c != '\\') {
			q.s[o++] = (char)c;
			continue;
		}
		q.s[o++] = '\\';
		q.s[o++] = 'x';
		q.s[o++] = hex[c >> 4];
		q.s[o++] = hex[c & 15];
	}
	q.s[o] = '\0';
	return q;
}

/* lex_quote() of a whole word. */
struct quoted lex_quote_word(const struct word *w)
{
	return lex_quote(w->s, w->len);
}

/* Fill @lx->err with @lx's line and the message; returns -1. */
int lex_err(struct lexline *lx, const char *fmt, ...)
{
	va_list ap;

	lx->err->line = lx->line;
	va_start(ap, fmt);
	vsnprintf(lx->err->msg, sizeof(lx->err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/* Is @w exactly the keyword @kw? */
bool lex_word_is(const struct word *w, const char *kw)
{
	size_t n = strlen(kw);

	return w->len == n && memcmp(w->s, kw, n) == 0;
}

/*
 * Cut @rest at its first @sep: @head gets what precedes it and @rest what
 * follows.  Returns whether a separator was found, i.e. whether another
 * (possibly empty) item follows, so "a," yields a second, empty item.
 */
bool lex_cut(struct word *rest, char sep, struct word *head)
{
	const char *p = memchr(rest->s, sep, rest->len);

	head->s = rest->s;
	if (!p) {
		head->len = rest->len;
		rest->s += rest->len;
		rest->len = 0;
		return false;
	}
	head->len = (size_t)(p - rest->s);
	rest->len -= head->len + 1;
	rest->s = p + 1;
	return true;
}

/* The next word of the line, NULL at its end. */
const struct word *lex_next(struct lexline *lx)
{
	return lx->pos < lx->n ? &lx->w[lx->pos++] : NULL;
}

/* The next word; NULL and "missing argument: @arg" at the end. */
const struct word *lex_want(struct lexline *lx, const char *arg)
{
	const struct word *w = lex_next(lx);

	if (!w)
		lex_err(lx, "missing argument: %s", arg);
	return w;
}

/* 0 at the end of the line, else -1 naming the first word left over. */
int lex_end(struct lexline *lx, const char *what)
{
	const struct word *w = NULL;

	if (lx->pos < lx->n)
		w = &lx->w[lx->pos];
	else if (lx->more)
		w = &lx->extra;
	if (w)
		return lex_err(lx, "unexpected '%s' after %s",
			       lex_quote_word(w).s, what);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Numbers, sizes and names                                           */

/* Digits of @base into *@out; NUM_TOO_LARGE past 64 bits, no message. */
enum num_status lex_digits(const char *s, size_t len, unsigned int base,
			   uint64_t *out)
{
	bool big = false;
	uint64_t v = 0;

	if (!len)
		return NUM_BAD;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		unsigned int d;

		if (c >= '0' && c <= '9')
			d = (unsigned int)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned int)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (unsigned int)(c - 'A' + 10);
		else
			return NUM_BAD;
		if (d >= base)
			return NUM_BAD;
		/* Keep scanning after an overflow: "1...1x" is not a number. */
		if (v > (UINT64_MAX - d) / base)
			big = true;
		else
			v = v * base + d;
	}
	*out = v;
	return big ? NUM_TOO_LARGE : NUM_OK;
}

static int unit_shift(char c)
{
	switch (c) {
	case 'p': return 12;
	case 'k': return 10;
	case 'm': return 20;
	case 'g': return 30;
	}
	return -1;
}

/*
 * Parse a size "N<unit>" in bytes.  A bare "0" is accepted where zero is
 * (offsets), since that is how the printer writes a zero offset.
 */
int lex_size(struct lexline *lx, const char *s, size_t len, bool zero_ok,
	     uint64_t *out)
{
	struct quoted q = lex_quote(s, len);
	size_t nd = 0;
	uint64_t v = 0;
	int shift;

	while (nd < len && s[nd] >= '0' && s[nd] <= '9')
		nd++;
	if (nd == 0 || nd + 1 < len)
		return lex_err(lx, "expected a size, got '%s'", q.s);
	if (lex_digits(s, nd, 10, &v) == NUM_TOO_LARGE)
		return lex_err(lx, "number too large: '%s'", q.s);
	if (nd == len && !(zero_ok && v == 0))
		return lex_err(lx, "size '%s' needs a unit (p, k, m or g)", q.s);
	shift = nd == len ? 0 : unit_shift(s[nd]);
	if (shift < 0)
		return lex_err(lx, "expected a size, got '%s'", q.s);
	if (v > (UINT64_MAX >> shift))
		return lex_err(lx, "number too large: '%s'", q.s);
	v <<= shift;
	if (v % MM_PAGE_SIZE)
		return lex_err(lx, "size %s is not a multiple of 4k", q.s);
	if (v > MM_MAX_SIZE)
		return lex_err(lx, "size %s is larger than 4g", q.s);
	if (!v && !zero_ok)
		return lex_err(lx, "size %s must not be zero", q.s);
	*out = v;
	return 0;
}

/* The next word as a size (lex_size()); @arg names it when missing. */
int lex_word_size(struct lexline *lx, const char *arg, bool zero_ok,
		  uint64_t *out)
{
	const struct word *w = lex_want(lx, arg);

	if (!w)
		return -1;
	return lex_size(lx, w->s, w->len, zero_ok, out);
}

/*
 * Is [s, s+len) a name of kind @k?  1 and *@out set if so, 0 if it does
 * not look like one (the caller words that error), -1 with the error set
 * if it does but the number is out of range.  Leading zeros are not a
 * name: every name has one spelling.
 */
int lex_scan_name(struct lexline *lx, const struct name_kind *k,
		  const char *s, size_t len, int8_t *out)
{
	unsigned int v = 0;

	if (len < 2 || s[0] != k->prefix || (s[1] == '0' && len > 2))
		return 0;
	for (size_t i = 1; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		if (v < 1000)	/* large enough to be out of range, no more */
			v = v * 10 + (unsigned int)(s[i] - '0');
	}
	if (v >= (unsigned int)k->limit)
		return lex_err(lx, "%s %s out of range (%c0..%c%d)", k->what,
			       lex_quote(s, len).s, k->prefix, k->prefix,
			       k->limit - 1);
	*out = (int8_t)v;
	return 1;
}

static int name_error(struct lexline *lx, const struct name_kind *k,
		      const struct word *w)
{
	return lex_err(lx, "expected a %s (%c0..%c%d), got '%s'", k->what,
		       k->prefix, k->prefix, k->limit - 1, lex_quote_word(w).s);
}

/* The next word as a name of @k; @arg names it when missing. */
int lex_want_name(struct lexline *lx, const struct name_kind *k,
		  const char *arg, int8_t *out)
{
	const struct word *w = lex_want(lx, arg);
	int ret;

	if (!w)
		return -1;
	ret = lex_scan_name(lx, k, w->s, w->len, out);
	if (ret < 0)
		return -1;
	return ret ? 0 : name_error(lx, k, w);
}

/* ------------------------------------------------------------------ */
/* Lines                                                              */

/* Printable ASCII: every word of the language is made of these. */
static bool is_word_byte(unsigned char c)
{
	return c > 0x20 && c < 0x7f;
}

static void add_word(struct lexline *lx, const char *s, size_t len)
{
	struct word w = { s, len };

	if (lx->n < MAX_WORDS) {
		lx->w[lx->n++] = w;
	} else if (!lx->more) {
		lx->more = true;
		lx->extra = w;
	}
}

/*
 * Cut a line (without its '\n') into words.  A comment may hold any byte
 * but NUL (UTF-8 prose); outside comments only printable ASCII, spaces and
 * tabs are allowed, so binary garbage fails here with the byte named.
 */
int lex_words(struct lexline *lx, const char *s, size_t len)
{
	const char *hash;
	size_t i = 0;

	if (memchr(s, '\0', len))
		return lex_err(lx, "NUL byte in input");
	if (len && s[len - 1] == '\r')
		len--;
	hash = memchr(s, '#', len);
	if (hash)
		len = (size_t)(hash - s);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t j = i;

		if (c == ' ' || c == '\t') {
			i++;
			continue;
		}
		while (j < len && is_word_byte((unsigned char)s[j]))
			j++;
		if (j == i)
			return lex_err(lx, "invalid byte 0x%02x", c);
		add_word(lx, s + i, j - i);
		i = j;
	}
	return 0;
}

