#!/bin/bash -eu
# SPDX-License-Identifier: MIT
#
# bench/exposure.sh - time to exposure: how long a fuzz target (fuzz_cow
# unless the bug names another), from an empty corpus (or its seeds:
# FROM=seeds), takes to report a
# bug, with the structure-aware mutator (fuzzers/mutator.c) and with byte
# mutation only (MMFUZZ_MUTATOR=bytes).
#
#   bench/exposure.sh            build, run, print the table
#
# Bugs: each buggy knob (MMFUZZ_KNOBS=K=on, era current) and era 5.7 with
# no knob; in BUGS, era=E is an era with no knob, K=off a fix knob turned
# off in era current (write_protect_seq=off: GUP-fast racing fork alone), BUG/ID[+ID] counts only
# violations with those ids (MMFUZZ_ONLY: era=5.9/P1 is 5.9's wrong COW of
# a pinned page, past its commoner P3), and BUG@TARGET fuzzes TARGET
# instead of fuzz_cow (collapse_in_place@fuzz_thp: fuzz_cow has no THP).  Each (bug, mutator) pair runs with -seed=1..SEEDS, capped at
# CAP seconds, JOBS runs at a time, with the libFuzzer flags of
# options/TARGET.options (max_len, dict; DICT=0 leaves the dict out).
# A run that reports nothing counts as CAP seconds ("found" says how many
# did report).  Seconds are wall time from start to the report, startup
# included; executions are libFuzzer's stat::number_of_executed_units.
# Prints figures, asserts nothing.
#
# Environment: SEEDS (5), CAP (60), JOBS (2), DICT (1), FROM (empty, or
# seeds: each run starts from a copy of corpus/TARGET/ less the seeds
# FROM_SKIP names, e.g. the bug's own scenario), BUGS and MUTATORS
# (the lists above, to run fewer), TABLE=tsv (the table tab-separated,
# with a header line, for bench/run.sh), BENCH_OUT: a directory holding
# the fuzz targets already built (for example out/, the ASan+UBSan build
# of ./build.sh); without it the script builds libFuzzer without
# sanitizers (-O2) into build-fuzz/out-bench, several times faster.
# Logs: build-fuzz/exposure/.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT=$BENCH_ROOT
SEEDS=${SEEDS:-5} CAP=${CAP:-60} JOBS=${JOBS:-2} DICT=${DICT:-1} TABLE=${TABLE:-text}
FROM=${FROM:-empty} FROM_SKIP=${FROM_SKIP:-}
case $FROM in empty|seeds) ;; *) echo "exposure: FROM is empty or seeds, not '$FROM'" >&2; exit 2 ;; esac
W="$ROOT/build-fuzz/exposure"
BUGS=${BUGS:-fork_share_pinned mprotect_upgrade_mapcount gup_fast_skip_unshare unshare_maps_writable era=5.7}
MUTATORS=${MUTATORS:-structure bytes}

if [ -z "${BENCH_OUT:-}" ]; then
  BENCH_OUT="$ROOT/build-fuzz/out-bench"
  echo "exposure: building the fuzz targets (libFuzzer, no sanitizer, -O2) into $BENCH_OUT" >&2
  build_fuzz_nosan "$BENCH_OUT"
fi

# flags TARGET: its options' libFuzzer flags, without the dict if DICT=0.
flags() {
  local f
  for f in $(fuzz_flags "$BENCH_OUT" "$1"); do
    case $f in -dict=*) if [ "$DICT" = 0 ]; then continue; fi ;; esac
    printf '%s ' "$f"
  done
}

# One run: BUG MUTATOR SEED -> "BUG MUTATOR SEED FOUND SECS EXECS REPORT".
one_run() {
  local bug=$1 mut=$2 seed=$3 d="$W/${1//\//_}-$2-$3" env start end execs report t=fuzz_cow b=${1%@*} only=
  rm -rf "$d" && corpus_dir "$d"
  case $bug in *@*) t=${bug#*@} ;; esac
  if [ "$FROM" = seeds ]; then
    cp "$BENCH_ROOT/corpus/$t/"* "$d/corpus/"
    for f in $FROM_SKIP; do rm -f "$d/corpus/$f"; done
  fi
  case $b in */*) only=${b#*/}; b=${b%%/*} ;; esac
  case $b in
    era=*) env="MMFUZZ_ERA=${b#era=} MMFUZZ_KNOBS=" ;;
    *=off) env="MMFUZZ_ERA=current MMFUZZ_KNOBS=$b" ;;
    *) env="MMFUZZ_ERA=current MMFUZZ_KNOBS=$b=on" ;;
  esac
  env="$env MMFUZZ_ONLY=${only//+/,}"
  start=$(date +%s.%N)
  env $env MMFUZZ_MUTATOR=$mut "$BENCH_OUT/$t" $(flags $t) -seed="$seed" -max_total_time="$CAP" \
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
export -f one_run flags fuzz_flags corpus_dir
export W BENCH_OUT DICT CAP FROM FROM_SKIP BENCH_ROOT

rm -rf "$W" && mkdir -p "$W"
for bug in $BUGS; do
  case $bug in *@*) t=${bug#*@} ;; *) t=fuzz_cow ;; esac
  [ -x "$BENCH_OUT/$t" ] || { echo "exposure: no $BENCH_OUT/$t" >&2; exit 2; }
done
echo "exposure: $BENCH_OUT, from $FROM${FROM_SKIP:+ less $FROM_SKIP}, $SEEDS seeds, cap $CAP s, $JOBS at a time, fuzz_cow flags: $(flags fuzz_cow)" >&2
echo "exposure: load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
begin=$(date +%s)
for bug in $BUGS; do
  for mut in $MUTATORS; do
    for seed in $(seq 1 "$SEEDS"); do echo "$bug $mut $seed"; done
  done
done | xargs -P "$JOBS" -L 1 bash -c 'one_run "$@"' _ > "$W/runs.txt"
echo "exposure: $(($(date +%s) - begin)) s in all; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); runs in $W/runs.txt" >&2

# Median (middle of the sorted values; the lower middle for even counts).
# Rows in the order of BUGS, the structure-aware mutator first.
tsv=0; if [ "$TABLE" = tsv ]; then tsv=1; fi
sort -k1,1 -k2,2r -k3,3n "$W/runs.txt" | awk -v tsv=$tsv -v order="$BUGS" '
function med(a, n,   i, j, t) {
  for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
  return a[int((n + 1) / 2)]
}
function flush() {
  if (!n) return
  ms = med(s, n); me = med(e, n)
  if (tsv) {
    bug = key1; target = "fuzz_cow"
    if (bug ~ /@/) { target = bug; sub(/.*@/, "", target); sub(/@.*/, "", bug) }
    r = top == "" ? "-" : top; sub(/@/, " in ", r)
    row[key1] = row[key1] sprintf("%s\t%s\t%s\t%d\t%d\t%.1f\t%.1f\t%.1f\t%d\t%d\t%d\t%s\n", bug, target, key2, found, n, ms, smin, smax, me, emin, emax, r)
  } else {
    row[key1] = row[key1] sprintf("%-27s %-9s %3d/%-3d %8.1f %6.1f-%-6.1f %9d %8d-%-8d %s\n", key1, key2, found, n, ms, smin, smax, me, emin, emax, top)
  }
  n = 0
}
BEGIN {
  if (tsv) print "bug\ttarget\tmutator\tfound\truns\tmedian_s\tmin_s\tmax_s\tmedian_executions\tmin_executions\tmax_executions\tfirst_report"
  else printf "%-27s %-9s %7s %8s %13s %9s %17s %s\n", "bug", "mutator", "found", "median s", "min-max s", "median ex", "min-max executions", "first report (most runs)"
}
{
  if ($1 != key1 || $2 != key2) { flush(); key1 = $1; key2 = $2; found = 0; delete cnt; top = ""; best = 0 }
  n++; s[n] = $5 + 0; e[n] = $6 + 0; found += $4
  if (n == 1 || $5 < smin) smin = $5; if (n == 1 || $5 > smax) smax = $5
  if (n == 1 || $6 < emin) emin = $6; if (n == 1 || $6 > emax) emax = $6
  if ($7 != "-" && ++cnt[$7] > best) { best = cnt[$7]; top = $7 }
}
END { flush(); nb = split(order, b, " "); for (i = 1; i <= nb; i++) printf "%s", row[b[i]] }'
