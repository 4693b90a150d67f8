// SPDX-License-Identifier: MIT
/*
 * standalone_main.c - replay inputs through a fuzz target without a
 * fuzzing engine (the developer build and ctest).
 *
 *   fuzz_cow FILE|DIR...     every file, and every file of every DIR
 *
 * Each file is copied into a heap buffer of exactly its size, so ASan
 * catches a target reading past the input.  Arguments starting with '-'
 * (libFuzzer flags, the "--" OSS-Fuzz inserts) are skipped.  Prints
 * "name... ok" per input on stdout; a finding aborts the process.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n = -1;

	if (f && fseek(f, 0, SEEK_END) == 0)
		n = ftell(f);
	if (n >= 0 && fseek(f, 0, SEEK_SET) == 0)
		buf = malloc(n ? (size_t)n : 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "%s: %s\n", path, errno ? strerror(errno) :
			"cannot read");
		free(buf);
		if (f)
			fclose(f);
		return 2;
	}
	fclose(f);
	printf("%s... ", path);
	fflush(stdout);
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	printf("ok\n");
	free(buf);
	return 0;
}

/* Every non-hidden entry of @dir, in name order, so runs are repeatable. */
static int run_dir(const char *dir)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort), status = 0;

	if (n < 0) {
		fprintf(stderr, "%s: %s\n", dir, strerror(errno));
		return 2;
	}
	for (int i = 0; i < n; i++) {
		char path[4096];
		struct stat st;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		if (names[i]->d_name[0] != '.' && !stat(path, &st) &&
		    S_ISREG(st.st_mode) && run_file(path))
			status = 2;
		free(names[i]);
	}
	free(names);
	return status;
}

int main(int argc, char **argv)
{
	int status = 0;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		struct stat st;

		if (argv[i][0] == '-')
			continue;
		if (!stat(argv[i], &st) && S_ISDIR(st.st_mode))
			status |= run_dir(argv[i]);
		else
			status |= run_file(argv[i]);
	}
	return status;
}
