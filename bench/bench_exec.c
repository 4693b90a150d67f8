// SPDX-License-Identifier: MIT
/*
 * bench_exec.c - how many times per second a program runs to its end on
 * this machine: each run is fork + exec + wait, output to /dev/null, as
 * a fuzzer on a real kernel would run each input in a fresh process.
 * Prints figures; asserts nothing.
 *
 *   bench_exec RUNS PROGRAM [ARG...]
 *
 * Prints one tab-separated line: runs, total seconds, median ms per run,
 * min ms, runs per second (runs / total).  A run that does not exit 0 is
 * an error (exit 1, its status on stderr).
 */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_clock.h"

/* One run of @argv with stdout and stderr on /dev/null; its wait status. */
static int run_once(char **argv)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (!pid) {
		int fd = open("/dev/null", O_WRONLY);

		if (fd < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
			_exit(127);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

int main(int argc, char **argv)
{
	int runs = argc > 2 ? atoi(argv[1]) : 0;
	double *t, t0, total;

	if (runs < 1) {
		fprintf(stderr, "usage: bench_exec RUNS PROGRAM [ARG...]\n");
		return 2;
	}
	t = calloc((size_t)runs, sizeof(*t));
	if (!t)
		return 1;
	t0 = now_ms();
	for (int i = 0; i < runs; i++) {
		double s = now_ms();
		int status = run_once(argv + 2);

		if (status) {
			fprintf(stderr, "bench_exec: %s: run %d: %s %d\n", argv[2], i + 1,
				status < 0 ? "cannot run, status" :
				WIFEXITED(status) ? "exit status" : "wait status",
				status < 0 ? status :
				WIFEXITED(status) ? WEXITSTATUS(status) : status);
			free(t);
			return 1;
		}
		t[i] = now_ms() - s;
	}
	total = now_ms() - t0;
	qsort(t, (size_t)runs, sizeof(*t), cmp_double);
	printf("%d\t%.3f\t%.3f\t%.3f\t%.2f\n", runs, total / 1e3, t[runs / 2],
	       t[0], runs * 1e3 / total);
	free(t);
	return 0;
}
