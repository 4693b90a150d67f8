#!/bin/bash -eu
# SPDX-License-Identifier: MIT
#
# bench/ceiling.sh - the engine's ceiling: how many executions per second
# libFuzzer itself allows a target, given how many coverage counters each
# of its executions touches.  Prints figures, asserts nothing.
#
#   bench/ceiling.sh     builds the fuzz targets with cov_count as their
#                        engine; writes $BENCH_WORK/ceiling-counters.tsv
#                        and $BENCH_WORK/ceiling.tsv (work files: ceiling/)
#
# libFuzzer's own work per execution grows with the coverage counters the
# execution touched (each becomes a feature that it collects, and whose
# frequency the entropic schedule updates), whatever the target does.
#
#   counters per run   each target (fuzz_cow, fuzz_mm, fuzz_lang) built
#                      as the no-sanitizer fuzz build builds it (the same
#                      code, the same counters) with bench/cov_count.c
#                      instead of libFuzzer as its engine, which runs
#                      each input once and counts the distinct counters it
#                      touched: mean and max, over the seed corpus
#                      (corpus/TARGET/) and, when bench/throughput.sh left
#                      it, over the corpus of its fuzzing run (the seeds
#                      and what the run added).
#   ceiling            a generated target that only touches counters: N
#                      noinline functions, each `if (x == i) sink++; else
#                      sink--;` (two counters touched per call), all
#                      called by every execution, compiled with the fuzz
#                      build's flags without comparison tracing (as
#                      build.sh compiles emu/, oracle/, runner/: counters
#                      only), plus a function never called (-O0)
#                      that brings the binary's counters to the target's
#                      total, since libFuzzer also clears and scans the
#                      untouched ones.  N and the padding come from three
#                      small probes (the counts are linear in both) so
#                      that one execution touches as many counters as the
#                      target's mean (after fuzzing when there is that
#                      corpus, else the seeds); cov_count measures the
#                      result again.  It runs under libFuzzer from a
#                      one-byte seed, -seed=1, -max_total_time=CEILING_SECS
#                      (3: libFuzzer stops within the next second), no
#                      options file.  Executions per second as
#                      throughput.sh counts them (number_of_executed_units
#                      / wall time), beside the target's own no-sanitizer
#                      fuzzing figure from $BENCH_WORK/throughput.tsv and
#                      the ratio target / ceiling.  SWEEP (100 300 1000
#                      3000) gives more points of the curve: counters per
#                      run, in binaries padded to the largest target's
#                      total.
#
# The ceiling runs are one at a time (one core), after the compilations
# (two at a time, about 5 s).  Needs clang with libFuzzer, as the fuzz
# builds do; without them the part is skipped and
# $BENCH_WORK/ceiling.skipped says why.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
CEILING_SECS=${CEILING_SECS:-3}
TARGETS=${TARGETS:-fuzz_cow fuzz_mm fuzz_lang}
SWEEP=${SWEEP:-100 300 1000 3000}
W="$BENCH_WORK/ceiling"
R=$BENCH_ROOT

now() { date +%s.%N; }

# Command lines on stdin, two at a time; fails when one fails.
par() { xargs -d '\n' -P2 -I{} bash -c '{}'; }

skip() {
  echo "$1" > "$BENCH_WORK/ceiling.skipped"
  echo "ceiling: skipped: $1" >&2
  exit 0
}

# Each target built with bench/cov_count.c as its engine instead of
# libFuzzer (CMake's LIB_FUZZING_ENGINE), with the no-sanitizer fuzz
# build's compiler and flags (lib.sh's FUZZ_NOSAN_CFLAGS): the same code,
# the same counters, the mutator where the libFuzzer build has it.  The
# build directory is kept, so a second run only relinks.
link_targets() {
  local t b="$W/cov-build"
  clang -std=c11 -O2 -Wall -Wextra -c "$R/bench/cov_count.c" -o "$W/cov_count.o"
  echo "ceiling: building the fuzz targets with cov_count as their engine" >&2
  (unset CFLAGS CXXFLAGS LIB_FUZZING_ENGINE
   cmake -S "$R" -B "$b" -DCMAKE_BUILD_TYPE=None -DMMFUZZ_SANITIZE=OFF -DMMFUZZ_WERROR=OFF \
     -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
     -DCMAKE_C_FLAGS="$FUZZ_NOSAN_CFLAGS" -DCMAKE_CXX_FLAGS="$FUZZ_NOSAN_CFLAGS" \
     -DLIB_FUZZING_ENGINE="$W/cov_count.o" >/dev/null
   cmake --build "$b" --target fuzz-targets -j2 >/dev/null)
  for t in $TARGETS; do cp "$b/fuzzers/$t" "$W/cov-$t"; done
}

# count BINARY INPUT...: "inputs total mean max" (cov_count's line).
count() {
  local bin=$1 out
  shift
  out=$(env -u MMFUZZ_ERA -u MMFUZZ_KNOBS -u MMFUZZ_STRICT -u MMFUZZ_ONLY -u MMFUZZ_MUTATOR \
    timeout 300 "$bin" "$@" < /dev/null) || { echo "ceiling: $(basename "$bin") failed on $*" >&2; exit 1; }
  echo "$out" | tail -1
}

# gen N: C source of a target whose every execution calls N functions.
gen() {
  awk -v n="$1" 'BEGIN {
    print "/* Generated by bench/ceiling.sh: " n " functions, all called by every execution. */"
    print "#include <stddef.h>\n#include <stdint.h>\n"
    print "int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);"
    print "volatile int sink;\n"
    for (i = 0; i < n; i++) {
      printf "__attribute__((noinline)) void f%d(int x);\n", i
      printf "__attribute__((noinline)) void f%d(int x) { if (x == %d) sink++; else sink--; }\n", i, i
    }
    print "\nint LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)\n{"
    print "\tint x = size ? data[0] : -1;\n"
    for (i = 0; i < n; i++) printf "\tf%d(x);\n", i
    print "\treturn 0;\n}"
  }'
}

# gen_pad K: a function never called, K conditional stores (two counters
# each), compiled at -O0 (fast; untouched counters only need to exist).
gen_pad() {
  awk -v k="$1" 'BEGIN {
    print "/* Generated by bench/ceiling.sh: counters never touched. */"
    print "void pad(void);\nvolatile int pad_sink;\n\nvoid pad(void)\n{"
    for (i = 0; i < k; i++) printf "\tif (pad_sink == %d) pad_sink = %d;\n", i, 3 * i + 1
    print "}"
  }'
}

# gen_sources NAME N K: gen/NAME.c and gen/NAME-pad.c; prints the command
# lines that compile them.
gen_sources() {
  gen "$2" > "$W/gen/$1.c"
  gen_pad "$3" > "$W/gen/$1-pad.c"
  printf 'clang %s -fno-sanitize-coverage=trace-cmp -Wall -Wextra -c %q -o %q\n' "$FUZZ_NOSAN_CFLAGS" "$W/gen/$1.c" "$W/gen/$1.o"
  printf 'clang -O0 -fsanitize=fuzzer-no-link -Wall -Wextra -c %q -o %q\n' "$W/gen/$1-pad.c" "$W/gen/$1-pad.o"
}

# link NAME: gen/NAME-cov (cov_count) and gen/NAME (libFuzzer).
link() {
  clang "$W/gen/$1.o" "$W/gen/$1-pad.o" "$W/cov_count.o" -o "$W/gen/$1-cov"
  clang -fsanitize=fuzzer "$W/gen/$1.o" "$W/gen/$1-pad.o" -o "$W/gen/$1"
}

# Two-variable linear fit of the generator from three probes:
# counters per run = b + a N; counters in all = tb + at N + ap PAD.
probe() {
  local p n k
  mkdir -p "$W/gen"
  printf 'x' > "$W/seed"
  for p in "10 0" "110 0" "10 100"; do
    read -r n k <<< "$p"
    gen_sources "probe-$n-$k" "$n" "$k"
  done | par
  for p in probe-10-0 probe-110-0 probe-10-100; do
    link "$p"
    count "$W/gen/$p-cov" "$W/seed"
  done | awk '{ c[NR] = $3; t[NR] = $2 }
    END { a = (c[2] - c[1]) / 100; at = (t[2] - t[1]) / 100; ap = (t[3] - t[1]) / 100
      if (a <= 0 || ap <= 0) exit 1
      print a, c[1] - 10 * a, at, t[1] - 10 * at, ap }' > "$W/fit" ||
    { echo "ceiling: the generated target's counters do not grow with its size" >&2; exit 1; }
}

# plan GOAL TOTAL: "N PAD" for GOAL counters per run in TOTAL counters.
plan() {
  awk -v goal="$1" -v total="$2" '{
    n = int((goal - $2) / $1 + 0.5); if (n < 1) n = 1
    k = int((total - $4 - $3 * n) / $5 + 0.5); if (k < 0) k = 0
    print n, k }' "$W/fit"
}

# fuzz BINARY: "executions wall_s libfuzzer_exec_per_s"
fuzz() {
  local d="$1.run" start end
  rm -rf "$d" && mkdir -p "$d/corpus"
  cp "$W/seed" "$d/corpus/seed"
  start=$(now)
  "$1" -seed=1 -max_total_time="$CEILING_SECS" -print_final_stats=1 -artifact_prefix="$d/" \
    "$d/corpus" < /dev/null > "$d/log" 2>&1 || { tail -5 "$d/log" >&2; echo "ceiling: $1 failed" >&2; exit 1; }
  end=$(now)
  fuzz_stats "$d/log" "$(echo "$end - $start" | bc)" ||
    { tail -5 "$d/log" >&2; echo "ceiling: $1: no final stats" >&2; exit 1; }
}

main() {
  local t line f r g from n k name total maxtotal=0 fuzzed ex
  mkdir -p "$BENCH_WORK"
  rm -rf "$W" "$BENCH_WORK"/ceiling.skipped "$BENCH_WORK"/ceiling.tsv "$BENCH_WORK"/ceiling-counters.tsv
  command -v clang >/dev/null || skip "no clang (the fuzz builds need it too)"
  mkdir -p "$W/gen"
  gen 1 > "$W/gen/check.c"
  clang -fsanitize=fuzzer "$W/gen/check.c" -o "$W/gen/check" 2> "$W/gen/check.log" ||
    skip "clang cannot link libFuzzer (-fsanitize=fuzzer): $(head -1 "$W/gen/check.log")"

  link_targets
  printf 'target\tcorpus\tinputs\tcounters_in_binary\tmean_per_run\tmax_per_run\n' > "$BENCH_WORK/ceiling-counters.tsv"
  : > "$W/goals"
  for t in $TARGETS; do
    line=$(count "$W/cov-$t" "$R/corpus/$t"); read -r -a f <<< "$line"
    printf '%s\tseeds\t%s\t%s\t%s\t%s\n' "$t" "${f[@]}" >> "$BENCH_WORK/ceiling-counters.tsv"
    g=${f[2]} from=seeds total=${f[1]}
    fuzzed="$BENCH_WORK/throughput/out-bench-$t/corpus"
    if [ -d "$fuzzed" ]; then
      line=$(count "$W/cov-$t" "$fuzzed"); read -r -a f <<< "$line"
      printf '%s\tafter fuzzing\t%s\t%s\t%s\t%s\n' "$t" "${f[@]}" >> "$BENCH_WORK/ceiling-counters.tsv"
      g=${f[2]} from="after fuzzing"
    fi
    if [ "$total" -gt "$maxtotal" ]; then maxtotal=$total; fi
    printf '%s\t%s\t%s\t%s\n' "$t" "$g" "$total" "$from" >> "$W/goals"
  done

  echo "ceiling: generating and compiling the no-op targets" >&2
  probe
  for g in $SWEEP; do printf 'sweep\t%s\t%s\tfixed\n' "$g" "$maxtotal" >> "$W/goals"; done
  while IFS=$'\t' read -r t g total from; do
    read -r n k <<< "$(plan "$g" "$total")"
    name="$t-$n"
    gen_sources "$name" "$n" "$k"
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$t" "$g" "$from" "$n" >> "$W/points"
  done < "$W/goals" | par

  printf 'point\tgoal_per_run\tgoal_from\tfunctions\tcounters_per_run\tcounters_in_binary\tfuzz_s\texecutions\texec_per_s\tlibfuzzer_exec_per_s\ttarget_exec_per_s\ttarget_over_ceiling\n' \
    > "$BENCH_WORK/ceiling.tsv"
  while IFS=$'\t' read -r name t g from n; do
    link "$name"
    line=$(count "$W/gen/$name-cov" "$W/seed"); read -r -a f <<< "$line"
    awk -v g="$g" -v c="${f[2]}" -v p="$name" 'BEGIN { if (c < 0.9 * g || c > 1.1 * g)
      printf "ceiling: %s touches %s counters per run, not about %s\n", p, c, g > "/dev/stderr" }'
    echo "ceiling: $name: $n functions, ${f[2]} counters per run, ${f[1]} in all: $CEILING_SECS s of libFuzzer" >&2
    line=$(fuzz "$W/gen/$name"); read -r -a r <<< "$line"
    ex=-
    if [ "$t" != sweep ] && [ -f "$BENCH_WORK/throughput.tsv" ]; then
      ex=$(awk -F'\t' -v t="$t" '$1 == t && $2 == "no-sanitizer" { print $5 }' "$BENCH_WORK/throughput.tsv")
    fi
    awk -v OFS='\t' -v p="$t" -v g="$g" -v from="$from" -v n="$n" -v c="${f[2]}" -v tot="${f[1]}" \
      -v s="${r[1]}" -v e="${r[0]}" -v lf="${r[2]:-0}" -v ex="${ex:--}" 'BEGIN {
      eps = e / s
      print p, g, from, n, c, tot, sprintf("%.1f", s), e, sprintf("%.0f", eps), lf, ex,
        (ex == "-" ? "-" : sprintf("%.3f", ex / eps)) }' >> "$BENCH_WORK/ceiling.tsv"
  done < "$W/points"
  column -t -s $'\t' "$BENCH_WORK/ceiling-counters.tsv"
  echo
  column -t -s $'\t' "$BENCH_WORK/ceiling.tsv"
}

main "$@"
