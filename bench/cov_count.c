// SPDX-License-Identifier: MIT
/*
 * cov_count.c - how many distinct coverage counters one execution of a
 * fuzz target touches.  bench/ceiling.sh links it, instead of libFuzzer,
 * with a target's objects as the fuzz build compiled them
 * (-fsanitize=fuzzer-no-link); this file itself is not instrumented.
 * Prints figures; asserts nothing.
 *
 *   cov_count [-v] FILE|DIR...
 *
 * Each input (a file, or every regular file under a directory) runs once
 * through LLVMFuzzerTestOneInput, in the order given (a directory's files
 * in name order), after LLVMFuzzerInitialize if the target has one.  The
 * counters are zeroed before each run and the nonzero ones counted after
 * it, as libFuzzer does around each execution.  Prints one
 * tab-separated line: inputs, counters in the binary, mean and max
 * counters touched per run.  -v first prints each input's count and path.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The counter ranges, one per instrumented module (a static link has one). */
#define MAX_MODULES 16
static struct {
	uint8_t *begin, *end;
} modules[MAX_MODULES];
static size_t n_modules;

/* Called by each module's constructor, before main. */
void __sanitizer_cov_8bit_counters_init(uint8_t *begin, uint8_t *end);
void __sanitizer_cov_8bit_counters_init(uint8_t *begin, uint8_t *end)
{
	size_t i;

	for (i = 0; i < n_modules; i++)
		if (modules[i].begin == begin)
			return;
	if (n_modules == MAX_MODULES) {
		fprintf(stderr, "cov_count: more than %d instrumented modules\n",
			MAX_MODULES);
		exit(2);
	}
	modules[n_modules].begin = begin;
	modules[n_modules].end = end;
	n_modules++;
}

/*
 * The rest of -fsanitize=fuzzer-no-link's instrumentation (pc-table,
 * trace-cmp, indirect-calls, stack-depth), which libFuzzer defines and
 * this driver ignores.  It is there so that the objects are compiled as
 * the fuzz build compiles them: the same flags give the same counters
 * (-fsanitize-coverage=inline-8bit-counters alone gives fewer).
 */
_Thread_local uintptr_t __sancov_lowest_stack;

#define IGNORE(name, type)					\
	void name(type a, type b);				\
	void name(type a, type b)				\
	{							\
		(void)a;					\
		(void)b;					\
	}
IGNORE(__sanitizer_cov_trace_cmp1, uint8_t)
IGNORE(__sanitizer_cov_trace_cmp2, uint16_t)
IGNORE(__sanitizer_cov_trace_cmp4, uint32_t)
IGNORE(__sanitizer_cov_trace_cmp8, uint64_t)
IGNORE(__sanitizer_cov_trace_const_cmp1, uint8_t)
IGNORE(__sanitizer_cov_trace_const_cmp2, uint16_t)
IGNORE(__sanitizer_cov_trace_const_cmp4, uint32_t)
IGNORE(__sanitizer_cov_trace_const_cmp8, uint64_t)
IGNORE(__sanitizer_cov_pcs_init, const uintptr_t *)

/*
 * The structure-aware mutator (fuzzers/mutator.c) is linked as in the
 * fuzz build, so that the binary holds the same counters; nothing here
 * mutates, so its call of the engine's byte mutation never comes.
 */
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size)
{
	(void)data;
	(void)max_size;
	return size;
}

void __sanitizer_cov_trace_switch(uint64_t val, uint64_t *cases);
void __sanitizer_cov_trace_switch(uint64_t val, uint64_t *cases)
{
	(void)val;
	(void)cases;
}

void __sanitizer_cov_trace_pc_indir(uintptr_t callee);
void __sanitizer_cov_trace_pc_indir(uintptr_t callee)
{
	(void)callee;
}

static size_t counters_total(void)
{
	size_t i, n = 0;

	for (i = 0; i < n_modules; i++)
		n += (size_t)(modules[i].end - modules[i].begin);
	return n;
}

static void counters_clear(void)
{
	size_t i;

	for (i = 0; i < n_modules; i++)
		memset(modules[i].begin, 0,
		       (size_t)(modules[i].end - modules[i].begin));
}

static size_t counters_touched(void)
{
	size_t i, n = 0;
	const uint8_t *p;

	for (i = 0; i < n_modules; i++)
		for (p = modules[i].begin; p < modules[i].end; p++)
			n += *p != 0;
	return n;
}

struct totals {
	size_t inputs, max;
	double sum;
	int verbose;
};

static int run_file(const char *path, struct totals *t)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (!f) {
		perror(path);
		return -1;
	}
	do {
		if (len == cap) {
			uint8_t *b = realloc(buf, cap = cap ? 2 * cap : 4096);

			if (!b) {
				fprintf(stderr, "cov_count: out of memory\n");
				exit(2);
			}
			buf = b;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n);
	if (ferror(f)) {
		perror(path);
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	counters_clear();
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	n = counters_touched();
	if (t->verbose)
		printf("%zu\t%s\n", n, path);
	t->inputs++;
	t->sum += (double)n;
	if (n > t->max)
		t->max = n;
	return 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_path(const char *path, struct totals *t);

/* Every entry of directory @path but . and .., in name order. */
static int run_dir(const char *path, struct totals *t)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	if (!d) {
		perror(path);
		return -1;
	}
	while ((e = readdir(d))) {
		size_t len;
		char *s;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (n == cap) {
			char **p = realloc(names, (cap = cap ? 2 * cap : 64) *
							  sizeof(*names));

			if (!p) {
				fprintf(stderr, "cov_count: out of memory\n");
				exit(2);
			}
			names = p;
		}
		len = strlen(path) + strlen(e->d_name) + 2;
		s = malloc(len);
		if (!s) {
			fprintf(stderr, "cov_count: out of memory\n");
			exit(2);
		}
		snprintf(s, len, "%s/%s", path, e->d_name);
		names[n++] = s;
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_name);
	for (i = 0; i < n; i++) {
		if (run_path(names[i], t))
			rc = -1;
		free(names[i]);
	}
	free(names);
	return rc;
}

static int run_path(const char *path, struct totals *t)
{
	struct stat st;

	if (stat(path, &st)) {
		perror(path);
		return -1;
	}
	if (S_ISDIR(st.st_mode))
		return run_dir(path, t);
	if (S_ISREG(st.st_mode))
		return run_file(path, t);
	return 0;
}

int main(int argc, char **argv)
{
	struct totals t = { 0, 0, 0.0, 0 };
	int i = 1, rc = 0;

	if (i < argc && !strcmp(argv[i], "-v")) {
		t.verbose = 1;
		i++;
	}
	if (i == argc) {
		fprintf(stderr, "usage: cov_count [-v] FILE|DIR...\n");
		return 2;
	}
	if (!n_modules) {
		fprintf(stderr, "cov_count: the target has no inline 8-bit counters "
				"(build it with -fsanitize-coverage=inline-8bit-counters,pc-table)\n");
		return 2;
	}
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (; i < argc; i++)
		if (run_path(argv[i], &t))
			rc = 1;
	if (!t.inputs) {
		fprintf(stderr, "cov_count: no input\n");
		return 2;
	}
	printf("%zu\t%zu\t%.1f\t%zu\n", t.inputs, counters_total(),
	       t.sum / (double)t.inputs, t.max);
	return rc;
}
