/* SPDX-License-Identifier: MIT */
/*
 * lex.h - private to lang/: the word layer shared by parse.c (statements)
 * and directive.c (directives).
 *
 * Every function that can fail returns 0 (or a value) on success and -1
 * with @lx->err filled on failure: the line of @lx and a message whose
 * quoted words are escaped (lex_quote()).
 */
#ifndef MMFUZZ_LANG_LEX_H
#define MMFUZZ_LANG_LEX_H

#include "mmprog.h"

/* No statement has more words; the cap keeps a 100 000-word line linear. */
#define MAX_WORDS	16

/* A word of the input: not NUL-terminated. */
struct word {
	const char *s;
	size_t len;
};

/* One line being parsed: its words and a cursor over them. */
struct lexline {
	struct word w[MAX_WORDS];
	int n, pos;
	bool more;		/* the line has more words than w[] holds... */
	struct word extra;	/* ...and this is the first one left out */
	int line;
	struct mm_error *err;
};

/* A name class: processes p0..p7, regions r0..r15, ... */
struct name_kind {
	char prefix;
	int limit;
	const char *what;
};

/* An error message quotes at most this much of a word. */
struct quoted {
	char s[48];
};

enum num_status { NUM_OK, NUM_BAD, NUM_TOO_LARGE };

/* Cut a line (without '\n') into @lx's words; rejects NUL and bytes that
 * are neither printable ASCII nor blanks outside a comment. */
int lex_words(struct lexline *lx, const char *s, size_t len);

/* @s escaped (\xNN) and truncated with "..." for an error message. */
struct quoted lex_quote(const char *s, size_t len);
struct quoted lex_quote_word(const struct word *w);
/* Set @lx->err to the formatted message at @lx's line; returns -1. */
__attribute__((format(printf, 2, 3)))
int lex_err(struct lexline *lx, const char *fmt, ...);

bool lex_word_is(const struct word *w, const char *kw);
/* Split @rest at its first @sep into @head and the rest; whether found. */
bool lex_cut(struct word *rest, char sep, struct word *head);
/* The next word, or NULL at the end of the line. */
const struct word *lex_next(struct lexline *lx);
/* The next word, or NULL and "missing argument: @arg". */
const struct word *lex_want(struct lexline *lx, const char *arg);
/* -1 and "unexpected 'X' after @what" if words remain, else 0. */
int lex_end(struct lexline *lx, const char *what);

/* Digits of @base (10 or 16) into *@out; no error message. */
enum num_status lex_digits(const char *s, size_t len, unsigned int base,
			   uint64_t *out);
/* A size "N<p|k|m|g>" in bytes: page multiple, at most MM_MAX_SIZE,
 * non-zero unless @zero_ok (then a bare "0" is accepted too). */
int lex_size(struct lexline *lx, const char *s, size_t len, bool zero_ok,
	     uint64_t *out);
/* The next word as a size; @arg names it when missing. */
int lex_word_size(struct lexline *lx, const char *arg, bool zero_ok,
		  uint64_t *out);
/* 1 if [s, s+len) is a name of @k (*@out set), 0 if it does not look like
 * one, -1 with the error set if its number is out of range. */
int lex_scan_name(struct lexline *lx, const struct name_kind *k,
		  const char *s, size_t len, int8_t *out);
/* The next word as a name of @k; @arg names it when missing. */
int lex_want_name(struct lexline *lx, const struct name_kind *k,
		  const char *arg, int8_t *out);

/* directive.c: parse the era/knob/config/expect line @lx into @p. */
int lang_parse_directive(struct mm_prog *p, struct lexline *lx);

#endif /* MMFUZZ_LANG_LEX_H */
