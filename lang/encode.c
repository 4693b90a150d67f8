/* SPDX-License-Identifier: MIT */
/*
 * encode.c - the binary form of a program: fuzz input <-> struct mm_prog,
 * and its encoder (struct mm_prog -> bytes).  The alphabets and fields are
 * in alphabet.c, decoding in decode.c.
 *
 * Every byte string decodes to a valid program, and the encoder is its
 * exact inverse on checked programs: mm_prog_decode(mm_prog_encode(p))
 * prints the same canonical text as p.  Fuzz targets decode their input,
 * `mmfuzz decode` shows it as .mm text, `mmfuzz encode` turns scenarios
 * into seeds.
 *
 * Layout
 *
 *   input      := HEADER [DIRECTIVES] STATEMENT*
 *   HEADER     := 1 byte.  Bit 0: a DIRECTIVES block follows.  The other
 *                 bits are reserved: written as 0, ignored when read.
 *   DIRECTIVES := COUNT, then COUNT records of LEN and LEN bytes: one
 *                 directive line as text ("era 5.7", "knob x=on").  A
 *                 record that does not parse as a directive (or repeats
 *                 one that may appear once) is dropped.  Fuzz targets skip
 *                 the block: their era and knobs come from the environment.
 *   STATEMENT  := OP, then the op's argument bytes, one byte per field.
 *
 * Bytes past the end of the input read as zero, so a truncated statement
 * is still a statement; decoding stops after MM_DECODE_MAX_STMTS of them.
 * A field's byte b means b % N for the field's N, so every byte is valid;
 * the encoder writes the smallest such byte.
 *
 *   OP is b % NR_OPS into the alphabet's op table.  Full alphabet: enum
 *   mm_op itself (append only: a new op never renumbers the old ones).
 *
 *   op (full)       fields          op (full)       fields
 *    0 mmap         P rN S B O M    15 gN read      gN
 *    1 munmap       P R             16 gN write     gN
 *    2 mprotect     P R prot        17 gN put       gN
 *    3 madvise      P R advice      18 file         fN kind S
 *    4 mremap       P R rN          19 fN write     fN OFF LEN V
 *    5 read         P R             20 ksm          -
 *    6 write        P R V           21 reclaim      -
 *    7 memwrite     P R             22 khugepaged   -
 *    8 memread      P R             23 compact      -
 *    9 clear-refs   P               24 drop-caches  -
 *   10 fork         P pJ            25 tN step      tN
 *   11 exit         P               26 tN finish    tN
 *   12 gup          P gN R G        27 mmap driver  P rN S D
 *   13 vmsplice     P gN R          28 insert-      P R
 *   14 iouring      P gN R             zeropage
 *
 *   cow alphabet: each kind's cow_opcode in the statement table (stmt.c):
 *   mmap munmap mprotect madvise read write memwrite clear-refs fork exit
 *   gup vmsplice iouring, gN read write put, file, fN write, mmap driver,
 *   insert-zeropage (0-19).
 *
 *   thp alphabet: each kind's thp_opcode: mmap munmap mprotect madvise
 *   mremap read write memwrite memread fork exit gup vmsplice, gN read
 *   write put, khugepaged reclaim compact mlock munlock clear-refs (0-21).
 *   Its programs run with `config thp=always` and `config mthp=16k,64k`:
 *   decoding gives them these lines (fuzz inputs have no directives).
 *
 *   A kind's argument bytes are those of its subject and of its typed
 *   fields in the statement table, in text order (alphabet.c); the
 *   mmap driver's backing is its opcode.
 *
 *   P      bits 0-2: process (mod the alphabet's count); bits 3-7: 1..8
 *          is thread @t0..@t7, anything else no thread
 *   R      three bytes rN OFF LEN: region, then OFF and LEN as below
 *   OFF    0: absent, k: +(k-1) pages             (full: mod 64, cow: 5)
 *   LEN    0: absent (to the end), k: k pages     (full: mod 65, cow: 5)
 *          thp: mod N+1 over a list of N page counts (alphabet.c), 0
 *          absent, k the k-th: offsets 0..513, lengths 1..1024 pages
 *   S      k < NP: k+1 pages; full only: NP is 2m, NP+1 is 1g
 *                                                 (full: NP 64, cow: 4)
 *          thp: b % 8 over 2m 16p 2m 1p 2m 4m 2m 4p
 *   B      mod 2*NF: k < NF is anon, else file f(k-NF); thp: anon
 *   O      file offset, as OFF (ignored for anon)
 *   M      bit 0 shared; bits 1-2 prot (mod 3: none r rw); bits 3-6 mmap
 *          options (hugetlb hugetlb-1g populate ro-file) without the ones
 *          that cannot apply (hugetlb on files, ro-file on anon, both
 *          hugetlb sizes: hugetlb-1g dropped; cow: populate, ro-file only)
 *   D      as M, with ro-file the only option (driver mappings)
 *   G      bit 0 pin (else get); bits 1-4 write longterm force fast
 *   V      bit 7 set: =(b & 127); clear: fresh content
 *   prot, advice, kind, rN, pJ, gN, fN, tN: b % count, through the
 *          alphabet's table (cow: advice dontneed dontfork wipeonfork
 *          populate-write; kinds memfd tmpfile shmem; thp: advice
 *          collapse hugepage nohugepage dontneed populate-write pageout
 *          free populate-read dontfork wipeonfork, p0-p2 r0-r2 g0-g3,
 *          M's options populate only)
 *
 * After decoding, mm_prog_check(drop_invalid) removes statements that
 * cannot apply, and a statement touching more than opts->max_pages pages
 * (512 in a hugetlb 2m region) is dropped so no input runs long; the two
 * repeat until nothing changes.  With opts->skip_unsupported (fuzz
 * targets) the kinds whose row in the statement table says fuzz false
 * are dropped as decoded (tN step/finish), and @tN suffixes stripped.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"

/* ------------------------------------------------------------------ */
/* Encoding                                                           */

/* A growing output buffer; @oom sticks once an allocation failed. */
struct enc {
	uint8_t *buf;
	size_t len, cap;
	bool oom;
};

static void enc_u8(struct enc *e, unsigned int b)
{
	if (e->oom)
		return;
	if (e->len == e->cap) {
		size_t cap = e->cap ? 2 * e->cap : 256;
		uint8_t *buf = realloc(e->buf, cap);

		if (!buf) {
			e->oom = true;
			return;
		}
		e->buf = buf;
		e->cap = cap;
	}
	e->buf[e->len++] = (uint8_t)b;
}

__attribute__((format(printf, 3, 4)))
static void enc_err(struct mm_error *err, int line, const char *fmt, ...)
{
	va_list ap;

	if (err) {
		err->line = line;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
	}
}

static int encode_stmt(struct enc *e, const struct alphabet *a,
		       const struct mm_stmt *s, struct mm_error *err)
{
	int b = codec_encode_op(a, s->op);
	uint8_t fields[MAX_FIELDS];
	enum field f = F_END;
	char text[256];

	if (b < 0)
		goto out_cannot;
	enc_u8(e, (unsigned int)b);
	codec_fields(s->op, fields);
	for (const uint8_t *fp = fields; *fp != F_END; fp++) {
		f = (enum field)*fp;
		b = codec_encode_field(a, f, s);
		if (b < 0)
			goto out_cannot;
		enc_u8(e, (unsigned int)b);
	}
	return 0;
out_cannot:
	mm_stmt_print(s, text, sizeof(text));
	enc_err(err, s->line, "'%s': the %s alphabet has no such %s", text,
		a->name, codec_field_name(f));
	return -ERANGE;
}

/* The directive lines of @p as records (HEADER bit 0 set if any). */
static int encode_directives(struct enc *e, const struct mm_prog *p)
{
	struct mm_prog dirs = *p;
	size_t n = 0, hdr = e->len;
	char *text, *line, *nl;

	dirs.nr_stmts = 0;
	text = mm_prog_print(&dirs);
	if (!text)
		return -ENOMEM;
	enc_u8(e, 0);		/* COUNT, patched below */
	for (line = text; (nl = strchr(line, '\n')); line = nl + 1, n++) {
		enc_u8(e, (unsigned int)(nl - line));
		for (const char *c = line; c < nl; c++)
			enc_u8(e, (unsigned char)*c);
	}
	free(text);
	if (!e->oom) {
		e->buf[hdr] = (uint8_t)n;
		e->buf[0] |= n ? HDR_DIRECTIVES : 0;
	}
	if (!n)
		e->len = hdr;	/* no block at all */
	return 0;
}

/* Index of the first statement where @a and @b differ (or the shorter end). */
static size_t first_difference(const struct mm_prog *a, const struct mm_prog *b)
{
	size_t i = 0;

	while (i < a->nr_stmts && i < b->nr_stmts) {
		struct mm_prog x = *a, y = *b;

		x.stmts = &a->stmts[i];
		y.stmts = &b->stmts[i];
		x.nr_stmts = y.nr_stmts = 1;
		if (!mm_prog_equal(&x, &y))
			break;
		i++;
	}
	return i;
}

/*
 * Decode what was encoded and compare: a field the encoder wrote but the
 * decoder normalises away, or a statement the checker drops, shows here.
 */
static int verify(const uint8_t *buf, size_t len, const struct mm_prog *p,
		  const struct mm_decode_opts *opts, struct mm_error *err)
{
	struct mm_decode_opts o = *opts;
	struct mm_prog got, want = *p;
	int ret;

	o.skip_unsupported = false;
	o.max_pages = 0;
	if (!o.keep_directives) {
		mm_prog_init(&want);
		want.stmts = p->stmts;
		want.nr_stmts = p->nr_stmts;
		/* The alphabet's own configuration is all it has. */
		codec_apply_config(codec_alphabet(o.alphabet), &want);
	}
	if (mm_prog_decode(buf, len, &o, &got)) {
		enc_err(err, 0, "out of memory");
		return -ENOMEM;
	}
	ret = mm_prog_equal(&got, &want) ? 0 : -EINVAL;
	if (ret) {
		size_t i = first_difference(&got, &want);

		if (i < p->nr_stmts)
			enc_err(err, p->stmts[i].line,
				"statement %zu does not decode back (not a checked program?)",
				i + 1);
		else
			enc_err(err, 0, "the directives do not decode back");
	}
	mm_prog_free(&got);
	return ret;
}

/* Encode @p for @opts' alphabet (contract in mmprog.h). */
int mm_prog_encode_opts(const struct mm_prog *p,
			const struct mm_decode_opts *opts,
			uint8_t **out, size_t *len, struct mm_error *err)
{
	const struct alphabet *a;
	struct enc e = { 0 };
	int ret = 0;

	*out = NULL;
	*len = 0;
	if ((unsigned int)opts->alphabet >= MM_NR_ALPHABETS) {
		enc_err(err, 0, "unknown alphabet");
		return -ERANGE;
	}
	if (p->nr_stmts > MM_DECODE_MAX_STMTS) {
		enc_err(err, 0, "more than %d statements", MM_DECODE_MAX_STMTS);
		return -ERANGE;
	}
	a = codec_alphabet(opts->alphabet);
	/* Directives cannot change the configuration an alphabet sets. */
	if (opts->keep_directives && !codec_config_matches(a, p)) {
		enc_err(err, 0, "the %s alphabet runs with its own config thp and mthp",
			a->name);
		return -ERANGE;
	}
	enc_u8(&e, 0);		/* HEADER */
	if (opts->keep_directives)
		ret = encode_directives(&e, p);
	for (size_t i = 0; !ret && i < p->nr_stmts; i++)
		ret = encode_stmt(&e, a, &p->stmts[i], err);
	if (!ret && e.oom) {
		enc_err(err, 0, "out of memory");
		ret = -ENOMEM;
	}
	if (!ret)
		ret = verify(e.buf, e.len, p, opts, err);
	if (ret) {
		free(e.buf);
		return ret;
	}
	*out = e.buf;
	*len = e.len;
	return 0;
}

/* Encode @p in the full alphabet with its directives (mmprog.h). */
size_t mm_prog_encode(const struct mm_prog *p, uint8_t **out)
{
	struct mm_decode_opts o;
	size_t len;

	mm_decode_opts_init(&o);
	if (mm_prog_encode_opts(p, &o, out, &len, NULL))
		return 0;
	return len;
}
