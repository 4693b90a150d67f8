#!/bin/bash -eu
# SPDX-License-Identifier: MIT
#
# bench/throughput.sh - executions per second of each fuzz target under
# libFuzzer, one process at a time (one core), in two builds: no
# sanitizer (-O2, build-fuzz/out-bench, as bench/exposure.sh times) and
# ASan+UBSan (out/, ./build.sh's).  Prints figures, asserts nothing.
#
#   bench/throughput.sh          builds unless BUILT=1, writes
#                                $BENCH_WORK/throughput.tsv
#
# Per target and build, two figures:
#   fuzzing  from a copy of the seed corpus, -seed=1, for SECS (15)
#            seconds, with the target's options file (max_len, dict);
#            executions are libFuzzer's stat::number_of_executed_units,
#            divided by the wall time measured here (startup and the
#            corpus load included); libFuzzer's own exec/s beside it;
#   replay   the seed files run one after the other, -runs=N (each file
#            N times: no mutation, no corpus bookkeeping; libFuzzer reads
#            the file again for each run), N chosen after one pass so that
#            the replay lasts about REPLAY_SECS (2) seconds.
# Era current, no knob.  A fuzzing run that finds something stops early:
# its "status" says so and its figures cover the time it ran.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SECS=${SECS:-15} REPLAY_SECS=${REPLAY_SECS:-2}
TARGETS=${TARGETS:-fuzz_cow fuzz_mm fuzz_lang}
W="$BENCH_WORK/throughput"

now() { date +%s.%N; }

# fuzz OUT TARGET: "executions wall_s wall_exec_per_s libfuzzer_exec_per_s status"
fuzz() {
  local out=$1 t=$2 d="$W/$(basename "$1")-$2" start end stats status=ok
  rm -rf "$d" && corpus_dir "$d"
  unzip -q "$out/${t}_seed_corpus.zip" -d "$d/corpus/"
  start=$(now)
  env -u MMFUZZ_ERA -u MMFUZZ_KNOBS -u MMFUZZ_MUTATOR "$out/$t" $(fuzz_flags "$out" "$t") \
    -seed=1 -max_total_time="$SECS" -print_final_stats=1 -artifact_prefix="$d/" \
    "$d/corpus" > "$d/log" 2>&1 || status=stopped
  end=$(now)
  stats=$(fuzz_stats "$d/log" "$(echo "$end - $start" | bc)") ||
    { tail -5 "$d/log" >&2; echo "throughput: $t: no final stats" >&2; exit 1; }
  echo "$stats $status"
}

# replay OUT TARGET: "inputs runs_each executions seconds"
replay() {
  local out=$1 t=$2 d="$W/$(basename "$1")-$2-seeds" n=1 secs files
  rm -rf "$d" && mkdir -p "$d"
  unzip -q "$out/${t}_seed_corpus.zip" -d "$d"
  files=$(find "$d" -type f | wc -l)
  secs=$(replay_once "$out/$t" "$d" $n)
  if [ "$(echo "$secs < $REPLAY_SECS" | bc)" = 1 ]; then
    n=$(echo "$REPLAY_SECS / $secs + 1" | bc)
    secs=$(replay_once "$out/$t" "$d" $n)
  fi
  echo "$files $n $((files * n)) $secs"
}

# replay_once BINARY DIR N: every file of DIR N times; prints the seconds.
replay_once() {
  local start
  start=$(now)
  env -u MMFUZZ_ERA -u MMFUZZ_KNOBS "$1" -runs="$3" "$2"/* > "$W/replay.log" 2>&1 ||
    { tail -5 "$W/replay.log" >&2; echo "throughput: $1: replay failed" >&2; exit 1; }
  echo "$(now) - $start" | bc
}

main() {
  if [ "${BUILT:-0}" != 1 ]; then
    echo "throughput: building the fuzz targets (no sanitizer and ASan+UBSan)" >&2
    build_fuzz_nosan "$BENCH_ROOT/build-fuzz/out-bench" & build_fuzz_asan; wait $!
  fi
  rm -rf "$W" && mkdir -p "$W"
  printf 'target\tbuild\tfuzz_s\texecutions\texec_per_s\tlibfuzzer_exec_per_s\treplay_inputs\treplay_runs_each\treplay_executions\treplay_s\treplay_exec_per_s\tstatus\n' \
    > "$BENCH_WORK/throughput.tsv"
  local out build t f r line
  for t in $TARGETS; do
    for build in no-sanitizer asan-ubsan; do
      out="$BENCH_ROOT/build-fuzz/out-bench"
      if [ $build = asan-ubsan ]; then out="$BENCH_ROOT/out"; fi
      echo "throughput: $t ($build): $SECS s fuzzing, then seed replay" >&2
      line=$(fuzz "$out" "$t"); read -r -a f <<< "$line"
      line=$(replay "$out" "$t"); read -r -a r <<< "$line"
      printf '%s\t%s\t%.1f\t%d\t%.0f\t%s\t%d\t%d\t%d\t%.2f\t%.0f\t%s\n' "$t" "$build" \
        "${f[1]}" "${f[0]}" "$(echo "${f[0]} / ${f[1]}" | bc -l)" "${f[2]:-0}" \
        "${r[0]}" "${r[1]}" "${r[2]}" "${r[3]}" "$(echo "${r[2]} / ${r[3]}" | bc -l)" "${f[3]}" \
        >> "$BENCH_WORK/throughput.tsv"
    done
  done
  column -t -s $'\t' "$BENCH_WORK/throughput.tsv"
}

main "$@"
