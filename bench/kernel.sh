#!/bin/bash -eu
# SPDX-License-Identifier: MIT
#
# bench/kernel.sh - the emulator against the host kernel on the same
# programs: each kernel-* program of bench_run becomes a C program with
# real system calls (`mmfuzz repro-c`), compiled with cc -O2, run RUNS
# (50) times by bench_exec (fork + exec + wait each time: a fuzzer on a
# real kernel needs a fresh process per input); the emulator runs the
# same .mm program in-process (bench_run time).  Prints executions per
# second both ways and their ratio; asserts nothing.  No root needed.
#
#   bench/kernel.sh      builds unless BUILT=1, writes $BENCH_WORK/kernel.tsv
#
# A program is skipped, with the reason in the table, when the host
# cannot run it: kernel-thp when /sys/kernel/mm/transparent_hugepage
# says never (or is absent), kernel-hugetlb when the 2 MiB pool has
# fewer than 4 free pages, kernel-iouring when io_uring is not allowed
# (the program's own first run says so and exits 2).  Any program must
# translate completely (repro-c lists nothing without a userspace
# equivalent) and its first run must end "verdict: ok".
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RUNS=${RUNS:-50} MS=${MS:-400}
PROGRAMS=${PROGRAMS:-kernel-small kernel-iouring kernel-thp kernel-hugetlb}
W="$BENCH_WORK/kernel"

# host_skip NAME: why the host cannot run NAME; nothing when it can.
host_skip() {
  local thp=/sys/kernel/mm/transparent_hugepage/enabled free
  case $1 in
    kernel-thp)
      if [ ! -r $thp ] || grep -q '\[never\]' $thp; then echo "THP disabled on the host"; fi ;;
    kernel-hugetlb)
      free=$(awk '/^HugePages_Free:/ { print $2 }' /proc/meminfo)
      if [ "$(awk '/^Hugepagesize:/ { print $2 }' /proc/meminfo)" != 2048 ] || [ "${free:-0}" -lt 4 ]; then
        echo "no 2 MiB hugetlb pool on the host (HugePages_Free ${free:-0})"
      fi ;;
  esac
}

# compile NAME: repro-c, then cc; prints why it cannot run, or nothing.
compile() {
  local n=$1 rc=0
  "$BENCH_BUILD/bench_run" print "$n" > "$W/$n.mm"
  "$BENCH_BUILD/mmfuzz" repro-c "$W/$n.mm" -o "$W/$n.c" 2> "$W/$n.repro.err"
  if [ -s "$W/$n.repro.err" ]; then
    echo "kernel: $n: repro-c left statements out:" >&2; cat "$W/$n.repro.err" >&2; exit 1
  fi
  cc -std=c11 -O2 -o "$W/$n" "$W/$n.c"
  "$W/$n" > "$W/$n.out" 2>&1 || rc=$?
  if [ $rc = 2 ] && grep -q 'no io_uring fixed buffer here' "$W/$n.out"; then
    echo "io_uring not available on the host ($(grep -m1 'io_uring register buffers' "$W/$n.out" | sed 's/^ *//'))"
  elif [ $rc != 0 ] || [ "$(tail -1 "$W/$n.out")" != "verdict: ok" ]; then
    echo "kernel: $n: first run on the host: exit $rc, $(tail -1 "$W/$n.out")" >&2; exit 1
  fi
}

main() {
  local n skip k e
  if [ "${BUILT:-0}" != 1 ]; then build_bench; fi
  rm -rf "$W" && mkdir -p "$W"
  printf 'program\tstatements\thost_runs\thost_s\thost_exec_per_s\temulator_runs\temulator_exec_per_s\tratio\tskipped\n' \
    > "$BENCH_WORK/kernel.tsv"
  for n in $PROGRAMS; do
    skip=$(host_skip "$n")
    if [ -z "$skip" ]; then skip=$(compile "$n"); fi
    if [ -n "$skip" ]; then
      echo "kernel: $n: skipped: $skip" >&2
      printf '%s\t-\t-\t-\t-\t-\t-\t-\t%s\n' "$n" "$skip" >> "$BENCH_WORK/kernel.tsv"
      continue
    fi
    echo "kernel: $n: $RUNS runs on the host, then the emulator" >&2
    k=$("$BENCH_BUILD/bench_exec" "$RUNS" "$W/$n")
    e=$("$BENCH_BUILD/bench_run" time "$n" "$MS")
    printf '%s\n%s\n' "$k" "$e" | awk -F'\t' -v n="$n" -v OFS='\t' '
      NR == 1 { hr = $1; hs = $2; hx = $5 }
      NR == 2 { print n, $2, hr, hs, hx, $3, sprintf("%.2f", $6), sprintf("%.2f", $6 / hx), "-" }' \
      >> "$BENCH_WORK/kernel.tsv"
  done
  column -t -s $'\t' "$BENCH_WORK/kernel.tsv"
}

main "$@"
