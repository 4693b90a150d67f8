#!/bin/bash -eu
# SPDX-License-Identifier: MIT
#
# bench/run.sh - the whole benchmark suite (`./build.sh bench`): builds
# what it needs, runs each part, and writes bench/results.md,
# bench/results.json and bench/cost.png.  About 10 minutes on 2 cores;
# no root.  Prints figures, asserts nothing.
#
#   1. throughput.sh  fuzz targets under libFuzzer, exec/s, two builds
#   2. ceiling.sh     counters touched per execution, and the exec/s of
#                     libFuzzer alone at that many counters
#   3. programs.sh    emulator statements/s on fixed mixes, peak RSS
#   4. programs.sh    cost growth per statement, the chart, the ratios
#   5. exposure.sh    time to exposure per bug class, two mutators
#   6. kernel.sh      the same programs on the host kernel
#   report.sh         results.md, results.json, cost.png from the figures
#
# Settings (environment): SECS (15) and REPLAY_SECS (2) for 1,
# CEILING_SECS (3) for 2, MS (400) for 3, 4 and 6, RUNS (50) for 6,
# SEEDS (5), CAP (20) and JOBS (2) for 5.  Intermediate figures:
# build-bench/work/.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export SECS=${SECS:-15} REPLAY_SECS=${REPLAY_SECS:-2} CEILING_SECS=${CEILING_SECS:-3}
export MS=${MS:-400} RUNS=${RUNS:-50}
export SEEDS=${SEEDS:-5} CAP=${CAP:-20} JOBS=${JOBS:-2} BUILT=1
# collapse_in_place runs on fuzz_thp (fuzz_cow has no THP; fuzz_mm, whose
# programs keep thp=madvise, found it in no 20 s run).
KNOB_BUGS="fork_share_pinned mprotect_upgrade_mapcount gup_fast_skip_unshare unshare_maps_writable mprotect_upgrade_not_shared collapse_in_place@fuzz_thp"
# Each era's bug classes that fuzz_cow's statements can reach (README,
# "Eras"): /ID counts only that violation (MMFUZZ_ONLY).
ERA_BUGS="era=5.7/P5 era=5.7/P6 era=5.8/P5 era=5.8/P6 era=5.9/P1 era=5.9/P3 era=5.18/P3 era=5.19/P3"
# The races (fuzz_race): Dirty COW in its era, GUP-fast vs fork alone.
RACE_BUGS="era=4.8/F4@fuzz_race write_protect_seq=off@fuzz_race"
B="$BENCH_ROOT/bench"

now() { date +%s; }

# The commit measured; "(modified)" when the tree differs from it in more
# than the results themselves.
commit() {
  local c
  c=$(git -C "$BENCH_ROOT" rev-parse --short=12 HEAD 2>/dev/null) || { echo unknown; return 0; }
  git -C "$BENCH_ROOT" diff --quiet HEAD -- . ':!bench/results.*' ':!bench/cost.png' || c="$c (modified)"
  echo "$c"
}

# key value lines, shown as a table and written as a JSON object.
machine() {
  local thp=/sys/kernel/mm/transparent_hugepage/enabled
  echo "date	$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "commit	$(commit)"
  echo "cpus (nproc)	$(nproc)"
  echo "cpu model	$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "memory	$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "kernel	$(uname -r)"
  echo "transparent_hugepage	$(if [ -r $thp ]; then sed 's/.*\[\(.*\)\].*/\1/' $thp; else echo absent; fi)"
  echo "hugetlb 2 MiB pool (free/total)	$(awk '/^HugePages_Free:/ { f = $2 } /^HugePages_Total:/ { t = $2 } END { print f "/" t }' /proc/meminfo)"
  echo "clang	$(clang --version | head -1)"
  echo "cc	$(cc --version | head -1)"
}

step() { echo "bench: $* (load average $(loadavg))" >&2; }

run_all() {
  local t0 bugs
  t0=$(now)
  mkdir -p "$BENCH_WORK"
  machine > "$BENCH_WORK/machine.tsv"
  printf 'SECS=%s\nREPLAY_SECS=%s\nCEILING_SECS=%s\nMS=%s\nRUNS=%s\nSEEDS=%s\nCAP=%s\nJOBS=%s\n' \
    "$SECS" "$REPLAY_SECS" "$CEILING_SECS" "$MS" "$RUNS" "$SEEDS" "$CAP" "$JOBS" > "$BENCH_WORK/settings"
  echo "$(loadavg)" > "$BENCH_WORK/load.start"
  step "building: fuzz targets without sanitizer and with ASan+UBSan, then bench_run"
  build_fuzz_nosan "$BENCH_ROOT/build-fuzz/out-bench" & build_fuzz_asan; wait $!
  build_bench
  echo "build	$(($(now) - t0))" > "$BENCH_WORK/times.tsv"
  step "1. throughput"; "$B/throughput.sh" >/dev/null
  echo "throughput	$(($(now) - t0))" >> "$BENCH_WORK/times.tsv"
  step "2. engine ceiling"; "$B/ceiling.sh" >/dev/null
  echo "ceiling	$(($(now) - t0))" >> "$BENCH_WORK/times.tsv"
  step "3-4. mixes and cost growth"; "$B/programs.sh" >/dev/null
  echo "programs	$(($(now) - t0))" >> "$BENCH_WORK/times.tsv"
  bugs="$KNOB_BUGS $ERA_BUGS $RACE_BUGS"
  echo "$bugs" > "$BENCH_WORK/bugs"
  step "5. time to exposure: $bugs"
  BENCH_OUT="$BENCH_ROOT/build-fuzz/out-bench" BUGS="$bugs" TABLE=tsv "$B/exposure.sh" > "$BENCH_WORK/exposure.tsv"
  echo "exposure	$(($(now) - t0))" >> "$BENCH_WORK/times.tsv"
  step "6. real kernel"; "$B/kernel.sh" >/dev/null
  echo "kernel	$(($(now) - t0))" >> "$BENCH_WORK/times.tsv"
  echo "$(loadavg)" > "$BENCH_WORK/load.end"
  echo "$(($(now) - t0))" > "$BENCH_WORK/seconds"
}

main() {
  rm -rf "$BENCH_WORK"
  run_all
  "$B/report.sh"
  step "done in $(cat "$BENCH_WORK/seconds") s: bench/results.md, bench/results.json, bench/cost.png"
}

main "$@"
