#!/bin/bash -eu
# SPDX-License-Identifier: MIT
#
# bench/report.sh - bench/results.md, bench/results.json and
# bench/cost.png from the figures bench/run.sh left in build-bench/work/.
# Run by bench/run.sh; run it alone to rewrite the report.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
B="$BENCH_ROOT/bench"
MD="$B/results.md" JSON="$B/results.json"
V=$BENCH_WORK

# Seconds each step took (times.tsv holds the elapsed time at each end).
durations() {
  awk -F'\t' -v OFS='\t' 'BEGIN { print "step", "seconds" } { print $1, $2 - prev; prev = $2 }' "$V/times.tsv"
}

# A TSV file, its rows filtered by AWK_COND, with the header kept.
tsv_where() {
  awk -F'\t' "NR == 1 || ($2)" "$1"
}

md_machine() {
  echo "| | |"
  echo "|---|---|"
  awk -F'\t' '{ printf "| %s | %s |\n", $1, $2 }' "$V/machine.tsv"
  echo "| load average at start (1, 5, 15 min) | $(cat "$V/load.start") |"
  echo "| load average at end | $(cat "$V/load.end") |"
  echo "| whole run | $(cat "$V/seconds") s |"
}

md_cost() {
  local dim title
  for dim in procs regions pages size; do
    case $dim in
      procs) title="(a) processes alive (p0 forks N-1 children after writing 16 pages)" ;;
      regions) title="(b) regions mapped (16 pages each, written; the body uses r0)" ;;
      pages) title="(c) pages touched (one region of N 4 KiB pages, all written)" ;;
      size) title="(d) mapping kind and size (16 pages written)" ;;
    esac
    echo
    echo "$title"
    echo
    tsv_where "$V/cost.tsv" "\$1 == \"$dim\"" | cut -f2,4- |
      tsv_md /dev/stdin "point|statements|median ms per run|µs per statement (whole program)|µs per body statement|peak RSS (KiB)"
  done
}

# Part 2's tables, or why they are not there.
md_ceiling() {
  if [ -f "$V/ceiling.skipped" ]; then
    echo "Skipped: $(cat "$V/ceiling.skipped")."
  elif [ ! -f "$V/ceiling.tsv" ]; then
    echo "Not run."
  else
    echo "Counters per run:"
    echo
    tsv_md "$V/ceiling-counters.tsv" "target|corpus|inputs|counters in the binary|mean counters per run|max counters per run"
    echo
    echo "Ceiling (the generated targets; *sweep*: fixed counts per run):"
    echo
    tsv_md "$V/ceiling.tsv" "for|goal: counters per run|goal from|functions|counters per run|counters in the binary|fuzzing s|executions|exec/s (wall)|exec/s (libFuzzer)|target exec/s (part 1)|target / ceiling"
  fi
}

write_md() {
  cat <<EOF
# Benchmark results

Written by \`./build.sh bench\` (bench/run.sh; bench/README.md says what
each figure is). Benchmarks print figures and assert nothing. To
reproduce: \`git checkout $(sed -n 's/^commit\t//p' "$V/machine.tsv" | cut -d' ' -f1) && ./build.sh bench\`, with the settings below
in the environment where they differ from the defaults.

## Machine

$(md_machine)

## Settings

| setting | value |
|---|---|
| \`SECS\` (part 1): fuzzing seconds per target and build | $SECS |
| \`REPLAY_SECS\` (part 1): seed replay seconds per target and build, about | $REPLAY_SECS |
| \`CEILING_SECS\` (part 2): libFuzzer's \`-max_total_time\` per generated target | ${CEILING_SECS:--} |
| \`MS\` (parts 3, 4, 6): minimum milliseconds of runs per program (and at least 3 runs) | $MS |
| \`RUNS\` (part 6): host kernel executions per program | $RUNS |
| \`SEEDS\` (part 5): libFuzzer seeds per bug and mutator | $SEEDS |
| \`CAP\` (part 5): seconds per exposure run before it counts as a miss | $CAP |
| \`JOBS\` (part 5): exposure runs at a time | $JOBS |
| bugs (part 5) | \`$(cat "$V/bugs")\` |

Seconds per step:

$(durations > "$V/durations.tsv"; tsv_md "$V/durations.tsv" "step|seconds")

## 1. Fuzz target throughput

libFuzzer, one process at a time (one core), era current, no knob.
*Fuzzing*: from a copy of the seed corpus, \`-seed=1\`, for SECS
seconds with the target's options (max_len, dict); executions per second
= \`stat::number_of_executed_units\` / wall time (startup and corpus
load included), libFuzzer's own \`stat::average_exec_per_sec\` beside
it. *Seed replay*: every seed file run N times (\`-runs=N FILE...\`: no
mutation, no corpus bookkeeping; libFuzzer reads the file again for
each run). *no-sanitizer*: -O2 (build-fuzz/out-bench, as exposure.sh
times); *asan-ubsan*: out/, \`./build.sh\`'s build. *status* \`stopped\`:
the run found something and stopped early; its figures cover the time
it ran.

$(tsv_md "$V/throughput.tsv" "target|build|fuzzing s|executions|exec/s (wall)|exec/s (libFuzzer)|seeds|runs each|replay executions|replay s|replay exec/s|status")

## 2. Engine ceiling

What libFuzzer alone allows. Its own work per execution grows with the
coverage counters the execution touches (each becomes a feature that it
collects, and whose frequency the entropic schedule updates), whatever
the target does. *Counters per run*: each target linked from the
no-sanitizer build's own objects with bench/cov_count.c instead of
libFuzzer; it runs each input once and counts the distinct inline 8-bit
counters touched. Over the seed corpus, and over the corpus part 1's
fuzzing left (the seeds and what it added). *Counters in the binary*:
all of them, touched or not. *Ceiling*: a generated target that only
touches counters: N noinline functions, each \`if (x == i) sink++; else
sink--;\` (two counters), all called by every execution, without
comparison tracing (as emu/, oracle/, runner/), with N set so
that an execution touches as many counters as the target's mean (*goal
from*), and counters never touched added up to the target's total
(libFuzzer clears and scans them too). libFuzzer, the no-sanitizer
build's flags, from a one-byte seed, \`-seed=1\`,
\`-max_total_time=CEILING_SECS\` (libFuzzer stops within the next
second), no options file; exec/s as in part 1. *target / ceiling*: the
target's no-sanitizer fuzzing exec/s from part 1 over its ceiling's:
at 1.0 the target would cost no more than the engine. The rest of the
target's time is its own work. *sweep*: fixed counts per run, in
binaries with as many counters as the largest target, for the curve.
One run per point: the figures move with the load.

$(md_ceiling)

## 3. Emulator statements per second (fixed mixes)

bench_run (no sanitizer, -O2), in-process: parse once, then
\`mm_run_program\` with every check after every statement, at least MS
ms and 3 runs; medians. Peak RSS: \`getrusage\` ru_maxrss of the
process that ran only that program (the process's own baseline
included). \`bench_run print NAME\` shows each program.

$(tsv_md "$V/mixes.tsv" "program|statements|runs|median ms per run|statements/s|peak RSS (KiB)|what")

## 4. Cost growth

Each point is a setup (the state of that point) followed by the same
200-statement body on r0 (page writes and reads, an R/O long-term pin,
a GET reference, a /proc/self/mem read, handle reads and puts). *µs per
body statement* = (median of the whole program − median of the setup
alone) / 200: only the state the setup left behind differs between the
points of a curve. Chart: [cost.png](cost.png).

$(md_cost)

Large pages against the same program on 4 KiB pages (same mapping size,
same statements; the goal is at most 3x):

$(tsv_md "$V/ratios.tsv" "comparison|µs per body statement (large)|µs per body statement (4 KiB)|ratio|ratio, whole program")

![cost per statement](cost.png)

## 5. Time to exposure

bench/exposure.sh: from an **empty** corpus, no-sanitizer build, the
target's options (max_len and dictionary), \`-seed=1..SEEDS\`, each run
capped at CAP s, JOBS at a time. The buggy knobs run in era current;
\`era=E/ID\` is an era with no knob where only violation ID counts
(\`MMFUZZ_ONLY=ID\`): each era's bug classes that fuzz_cow's statements
reach, so a common one (5.9's P3) does not hide a rarer one (5.9's P1).
\`collapse_in_place\` needs a PMD THP, its split and \`madvise
collapse\`: it runs on fuzz_thp, whose programs run with thp=always
(fuzz_mm's keep thp=madvise, and it never found it in 20 s runs).
Seconds are wall time to the report,
startup included; a miss counts as CAP, so a median with misses is a
lower bound. Executions are \`stat::number_of_executed_units\`.
*structure*: the structure-aware mutator; *bytes*:
\`MMFUZZ_MUTATOR=bytes\`.

$(tsv_md "$V/exposure.tsv" "bug|target|mutator|found|runs|median s|min s|max s|median executions|min executions|max executions|first report (most runs)")

## 6. Emulator against the host kernel

Each program is printed by \`bench_run print NAME\`, turned into C by
\`mmfuzz repro-c\` (real processes, mmap, fork, vmsplice, io_uring,
mprotect), compiled with \`cc -O2\` and run RUNS times, each a fresh
fork + exec + wait (stdout to /dev/null); its first run must say
\`verdict: ok\`. The emulator runs the same .mm program in-process
(bench_run, every check after every statement). Ratio = emulator
executions/s / host executions/s. kernel-thp asks for THPs with
\`MADV_HUGEPAGE\` (as \`config thp=madvise\` does in the emulator); whether
the host backs them with THPs is up to the host. A program the host
cannot run is skipped, with the reason.

$(tsv_md "$V/kernel.tsv" "program|statements|host runs|host s|host exec/s|emulator runs|emulator exec/s|ratio|skipped")
EOF
}

json_str() { local s=${1//\\/\\\\}; s=${s//\"/\\\"}; printf '"%s"' "$s"; }

write_json() {
  local first=1 k v
  printf '{\n"machine": {'
  while IFS=$'\t' read -r k v; do
    if [ $first = 0 ]; then printf ', '; fi; first=0
    printf '%s: %s' "$(json_str "$k")" "$(json_str "$v")"
  done < "$V/machine.tsv"
  printf ', "load_average_start": %s, "load_average_end": %s, "seconds": %s},\n' \
    "$(json_str "$(cat "$V/load.start")")" "$(json_str "$(cat "$V/load.end")")" "$(cat "$V/seconds")"
  printf '"settings": {"SECS": %s, "REPLAY_SECS": %s, "CEILING_SECS": %s, "MS": %s, "RUNS": %s, "SEEDS": %s, "CAP": %s, "JOBS": %s, "bugs": %s},\n' \
    "$SECS" "$REPLAY_SECS" "${CEILING_SECS:-null}" "$MS" "$RUNS" "$SEEDS" "$CAP" "$JOBS" "$(json_str "$(cat "$V/bugs")")"
  printf '"step_seconds": %s,\n' "$(tsv_json "$V/durations.tsv")"
  printf '"throughput": %s,\n' "$(tsv_json "$V/throughput.tsv")"
  if [ -f "$V/ceiling.tsv" ] && [ ! -f "$V/ceiling.skipped" ]; then
    printf '"counters_per_run": %s,\n' "$(tsv_json "$V/ceiling-counters.tsv")"
    printf '"engine_ceiling": %s,\n"engine_ceiling_skipped": null,\n' "$(tsv_json "$V/ceiling.tsv")"
  else
    printf '"counters_per_run": null,\n"engine_ceiling": null,\n"engine_ceiling_skipped": %s,\n' \
      "$(json_str "$(if [ -f "$V/ceiling.skipped" ]; then cat "$V/ceiling.skipped"; else echo "not run"; fi)")"
  fi
  printf '"mixes": %s,\n' "$(tsv_json "$V/mixes.tsv")"
  printf '"cost": %s,\n' "$(tsv_json "$V/cost.tsv")"
  printf '"large_page_ratios": %s,\n' "$(tsv_json "$V/ratios.tsv")"
  printf '"exposure": %s,\n' "$(tsv_json "$V/exposure.tsv")"
  printf '"kernel": %s\n}\n' "$(tsv_json "$V/kernel.tsv")"
}

main() {
  . "$V/settings"
  CEILING_SECS=${CEILING_SECS:-}  # absent from a work directory older than part 2
  write_md > "$MD"
  write_json > "$JSON"
  if command -v python3 >/dev/null; then
    python3 -m json.tool "$JSON" >/dev/null || { echo "report: $JSON is not valid JSON" >&2; exit 1; }
  fi
  if [ -f "$V/cost.png" ]; then cp "$V/cost.png" "$B/cost.png"; fi
}

main "$@"
