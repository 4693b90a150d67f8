#!/bin/bash -eu
# SPDX-License-Identifier: MIT
#
# bench/exposure.sh - time to exposure: how long fuzz_cow takes, from an
# empty corpus, to report a bug, with the structure-aware mutator
# (fuzzers/mutator.c) and with byte mutation only (MMFUZZ_MUTATOR=bytes).
#
#   bench/exposure.sh            build, run, print the table
#
# Bugs: each buggy knob (MMFUZZ_KNOBS=K=on, era current) and era 5.7 with
# no knob.  Each (bug, mutator) pair runs with -seed=1..SEEDS, capped at
# CAP seconds, JOBS runs at a time, with the libFuzzer flags of
# options/fuzz_cow.options (max_len, dict; DICT=0 leaves the dict out).
# A run that reports nothing counts as CAP seconds ("found" says how many
# did report).  Seconds are wall time from start to the report, startup
# included; executions are libFuzzer's stat::number_of_executed_units.
# Prints figures, asserts nothing.
#
# Environment: SEEDS (5), CAP (60), JOBS (2), DICT (1), BUGS and MUTATORS
# (the lists above, to run fewer), BENCH_OUT: a
# directory holding a fuzz_cow already built (for example out/, the
# ASan+UBSan build of ./build.sh); without it the script builds libFuzzer
# without sanitizers (-O2) into build-fuzz/out-bench, several times faster.
# Logs: build-fuzz/exposure/.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SEEDS=${SEEDS:-5} CAP=${CAP:-60} JOBS=${JOBS:-2} DICT=${DICT:-1}
W="$ROOT/build-fuzz/exposure"
BUGS=${BUGS:-fork_share_pinned mprotect_upgrade_mapcount gup_fast_skip_unshare unshare_maps_writable era=5.7}
MUTATORS=${MUTATORS:-structure bytes}

if [ -z "${BENCH_OUT:-}" ]; then
  BENCH_OUT="$ROOT/build-fuzz/out-bench"
  echo "exposure: building fuzz_cow (libFuzzer, no sanitizer, -O2) into $BENCH_OUT" >&2
  (export CC=clang CXX=clang++ LIB_FUZZING_ENGINE=-fsanitize=fuzzer SANITIZER=none \
     OUT="$BENCH_OUT" WORK="$ROOT/build-fuzz" \
     CFLAGS="-O2 -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION -fsanitize=fuzzer-no-link"
   export CXXFLAGS="$CFLAGS"
   "$ROOT/build.sh" build >/dev/null)
fi
T="$BENCH_OUT/fuzz_cow"
[ -x "$T" ] || { echo "exposure: no $T" >&2; exit 2; }
FLAGS="-max_len=512"
if [ "$DICT" != 0 ]; then FLAGS="$FLAGS -dict=$BENCH_OUT/fuzz_cow.dict"; fi

# One run: BUG MUTATOR SEED -> "BUG MUTATOR SEED FOUND SECS EXECS REPORT".
one_run() {
  local bug=$1 mut=$2 seed=$3 d="$W/$1-$2-$3" env start end execs report
  rm -rf "$d" && mkdir -p "$d/corpus"
  case $bug in
    era=*) env="MMFUZZ_ERA=${bug#era=} MMFUZZ_KNOBS=" ;;
    *) env="MMFUZZ_ERA=current MMFUZZ_KNOBS=$bug=on" ;;
  esac
  start=$(date +%s.%N)
  env $env MMFUZZ_MUTATOR=$mut "$T" $FLAGS -seed="$seed" -max_total_time="$CAP" \
    -print_final_stats=1 -artifact_prefix="$d/" "$d/corpus" > "$d/log" 2>&1 || true
  end=$(date +%s.%N)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$d/log")
  report=$(sed -n 's/^mmfuzz: violation \([^ ]*\) in \(.*\)/\1@\2/p' "$d/log" | head -1)
  if [ -n "$report" ]; then
    echo "$bug $mut $seed 1 $(echo "$end - $start" | bc) ${execs:-0} $report"
  else
    echo "$bug $mut $seed 0 $CAP ${execs:-0} -"
  fi
}
export -f one_run
export W T FLAGS CAP

rm -rf "$W" && mkdir -p "$W"
echo "exposure: $T, $SEEDS seeds, cap $CAP s, $JOBS at a time, flags: $FLAGS" >&2
echo "exposure: load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
begin=$(date +%s)
for bug in $BUGS; do
  for mut in $MUTATORS; do
    for seed in $(seq 1 "$SEEDS"); do echo "$bug $mut $seed"; done
  done
done | xargs -P "$JOBS" -L 1 bash -c 'one_run "$@"' _ > "$W/runs.txt"
echo "exposure: $(($(date +%s) - begin)) s in all; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); runs in $W/runs.txt" >&2

# Median (middle of the sorted values; the lower middle for even counts).
sort -k1,1 -k2,2r -k3,3n "$W/runs.txt" | awk -v seeds="$SEEDS" -v cap="$CAP" '
function med(a, n,   i, j, t) {
  for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
  return a[int((n + 1) / 2)]
}
function flush() {
  if (!n) return
  ms = med(s, n); me = med(e, n)
  printf "%-27s %-9s %3d/%-3d %8.1f %6.1f-%-6.1f %9d %8d-%-8d %s\n", key1, key2, found, n, ms, smin, smax, me, emin, emax, top
  n = 0
}
BEGIN {
  printf "%-27s %-9s %7s %8s %13s %9s %17s %s\n", "bug", "mutator", "found", "median s", "min-max s", "median ex", "min-max executions", "first report (most runs)"
}
{
  if ($1 != key1 || $2 != key2) { flush(); key1 = $1; key2 = $2; found = 0; delete cnt; top = ""; best = 0 }
  n++; s[n] = $5 + 0; e[n] = $6 + 0; found += $4
  if (n == 1 || $5 < smin) smin = $5; if (n == 1 || $5 > smax) smax = $5
  if (n == 1 || $6 < emin) emin = $6; if (n == 1 || $6 > emax) emax = $6
  if ($7 != "-" && ++cnt[$7] > best) { best = cnt[$7]; top = $7 }
}
END { flush() }'
