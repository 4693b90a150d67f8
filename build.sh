#!/bin/bash -eu
# SPDX-License-Identifier: MIT
#
# build.sh - the fuzz build, under the OSS-Fuzz build.sh contract
# (fuzzing-ecosystem.md §1.4), and local fuzzing helpers.
#
#   ./build.sh                        build every fuzzers/fuzz_*.c into $OUT
#   ./build.sh fuzz [TARGET] [SECS]   fuzz TARGET (fuzz_cow) for SECS (60) s
#                                     from a copy of its seed corpus
#   ./build.sh test                   developer build (ASan+UBSan, -Werror)
#                                     and ctest, corpus replay included
#   ./build.sh coverage [TARGET]      coverage build; report and HTML over
#                                     the seeds and the last `fuzz` corpus
#   ./build.sh afl [TARGET] [SECS]    AFL++ build (ASan) and afl-fuzz run,
#                                     with the structure-aware mutator as
#                                     a custom mutator library (needs
#                                     Debian's afl++ package)
#   ./build.sh bench                  the benchmark suite (bench/run.sh,
#                                     about 10 minutes): bench/results.md,
#                                     bench/results.json, bench/cost.png
#
# OSS-Fuzz runs it as `bash -eux build.sh` with CC CXX CFLAGS CXXFLAGS
# LIB_FUZZING_ENGINE OUT WORK set; everything is compiled with $CC $CFLAGS
# and each target linked with $CXX $CXXFLAGS ... $LIB_FUZZING_ENGINE.  With
# LIB_FUZZING_ENGINE unset it builds locally: clang, libFuzzer, ASan+UBSan,
# targets in out/, objects in build-fuzz/.  Environment of the targets
# (MMFUZZ_ERA, MMFUZZ_KNOBS, MMFUZZ_STRICT, FZ_VERBOSE, MMFUZZ_MUTATOR):
# fuzzers/fz.h.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

local_env() {
  export CC=clang CXX=clang++ LIB_FUZZING_ENGINE=-fsanitize=fuzzer
  export CFLAGS="-O1 -fno-omit-frame-pointer -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION -fsanitize=address,undefined -fsanitize-address-use-after-scope -fno-sanitize-recover=undefined -fsanitize=fuzzer-no-link"
  export CXXFLAGS="$CFLAGS" OUT="$ROOT/out" WORK="$ROOT/build-fuzz"
}

# The emulator, oracle and runner compare state derived from the program,
# never the input's bytes: libFuzzer's comparison tracing there gives its
# mutators nothing to splice into an input and took about a quarter
# of every execution.  It stays in lang/ (the decoder reads the bytes) and in
# the targets; coverage counters stay everywhere.  Only where $CFLAGS asks
# for SanitizerCoverage and $CC takes the flag (clang).
no_trace_cmp() {
  local t
  case " $CFLAGS " in *" -fsanitize=fuzzer"*) ;; *) return 0 ;; esac
  t=$(mktemp -d)
  if echo 'int x;' > "$t/p.c" && $CC $CFLAGS -fno-sanitize-coverage=trace-cmp -c "$t/p.c" -o "$t/p.o" 2>/dev/null; then
    echo "-fno-sanitize-coverage=trace-cmp"
  fi
  rm -rf "$t"
}

build() {
  local b="$WORK/mmfuzz-${SANITIZER:-local}-${FUZZING_ENGINE:-libfuzzer}" f d name mut= m x nocmp
  local inc="-std=c11 -I$ROOT/emu/include -I$ROOT/lang/include -I$ROOT/oracle/include -I$ROOT/runner/include -I$ROOT/fuzzers"
  rm -rf "$b"
  mkdir -p "$b/lib" "$OUT"
  nocmp=$(no_trace_cmp)
  for f in "$ROOT"/emu/*.c "$ROOT"/lang/*.c "$ROOT"/oracle/*.c "$ROOT"/runner/*.c "$ROOT"/fuzzers/fz.c; do
    d=$(basename "$(dirname "$f")")
    case $d in emu|oracle|runner) x=$nocmp ;; *) x= ;; esac
    $CC $CFLAGS $x $inc -c "$f" -o "$b/lib/${d}_$(basename "${f%.c}").o"
  done
  ${AR:-ar} rcs "$b/libmmfuzz.a" "$b"/lib/*.o
  # The custom mutator calls LLVMFuzzerMutate, which only libFuzzer and
  # AFL++'s driver define (pitfall 24); it goes into each target that
  # names its alphabet (fz_alphabet: fuzz_mm, fuzz_cow).
  case ${FUZZING_ENGINE:-libfuzzer} in
    libfuzzer|afl) $CC $CFLAGS $inc -c "$ROOT/fuzzers/mutator.c" -o "$b/mutator.o"; mut="$b/mutator.o" ;;
  esac
  # standalone_main.c is never linked here: $OUT holds fuzz targets only.
  for f in "$ROOT"/fuzzers/fuzz_*.c; do
    name=$(basename "${f%.c}")
    $CC $CFLAGS $inc -c "$f" -o "$b/$name.o"
    m=; if grep -q '^const enum mm_alphabet fz_alphabet' "$f"; then m=$mut; fi
    $CXX $CXXFLAGS "$b/$name.o" $m "$b/libmmfuzz.a" $LIB_FUZZING_ENGINE -o "$OUT/$name"
    rm -f "$OUT/${name}_seed_corpus.zip"
    if [ -d "$ROOT/corpus/$name" ]; then
      (cd "$ROOT/corpus/$name" && zip -q -r -X "$OUT/${name}_seed_corpus.zip" .)
    fi
    if [ -f "$ROOT/dict/$name.dict" ]; then cp "$ROOT/dict/$name.dict" "$OUT/"; fi
    if [ -f "$ROOT/options/$name.options" ]; then cp "$ROOT/options/$name.options" "$OUT/"; fi
  done
}

# The [libfuzzer] keys of options/TARGET.options as -key=value flags.
libfuzzer_flags() {
  if [ -f "$OUT/$1.options" ]; then
    awk -F' *= *' '/^\[/ { s = ($0 == "[libfuzzer]") } s && NF == 2 { printf "-%s=%s ", $1, $2 }' "$OUT/$1.options"
  fi
}

fuzz() {
  local t=${1:-fuzz_cow} secs=${2:-60} w rc start
  [ -x "$OUT/$t" ] || { echo "build.sh: no target $t in $OUT" >&2; exit 2; }
  w="$WORK/fuzz-$t"
  rm -rf "$w" && mkdir -p "$w/corpus" "$w/artifacts"
  if [ -f "$OUT/${t}_seed_corpus.zip" ]; then unzip -q "$OUT/${t}_seed_corpus.zip" -d "$w/corpus"; fi
  echo "build.sh: fuzzing $t for $secs s (era ${MMFUZZ_ERA:-current}, knobs ${MMFUZZ_KNOBS:-none}), log in $w/log"
  start=$(date +%s)
  rc=0
  (cd "$OUT" && "./$t" $(libfuzzer_flags "$t") -max_total_time="$secs" -print_final_stats=1 \
     -artifact_prefix="$w/artifacts/" "$w/corpus") > "$w/log" 2>&1 || rc=$?
  grep -E '^(#[0-9]+ +DONE|stat::(number_of_executed_units|average_exec_per_sec|new_units_added))' "$w/log" || true
  if [ "$rc" -ne 0 ]; then
    grep -m1 -E '^(mmfuzz: |==[0-9]+==ERROR|SUMMARY)' "$w/log" || tail -5 "$w/log"
    echo "build.sh: $t: CRASH after $(($(date +%s) - start)) s (exit $rc): $(ls "$w"/artifacts/* 2>/dev/null | head -1)"
    echo "build.sh: read it with: mmfuzz decode --target $t ARTIFACT"
    exit 1
  fi
  echo "build.sh: $t: no crash in $secs s"
}

# fuzzing-ecosystem.md §1.7 and §6 step 7, locally: merge mode survives
# inputs that crash.
coverage() {
  local t=${1:-fuzz_cow} cov
  export CC=clang CXX=clang++ LIB_FUZZING_ENGINE=-fsanitize=fuzzer SANITIZER=coverage
  export CFLAGS="-O1 -fno-omit-frame-pointer -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION -fprofile-instr-generate -fcoverage-mapping -pthread -Wl,--no-as-needed -Wl,-ldl -Wl,-lm -Wno-unused-command-line-argument"
  export CXXFLAGS="$CFLAGS" WORK="$ROOT/build-fuzz" OUT="$ROOT/build-fuzz/out-coverage"
  build
  [ -x "$OUT/$t" ] || { echo "build.sh: no target $t" >&2; exit 2; }
  cov="$WORK/coverage-$t"
  rm -rf "$cov" && mkdir -p "$cov/empty" "$cov/seed"
  if [ -f "$OUT/${t}_seed_corpus.zip" ]; then unzip -q "$OUT/${t}_seed_corpus.zip" -d "$cov/seed"; fi
  LLVM_PROFILE_FILE="$cov/$t.%1m.profraw" "$OUT/$t" -merge=1 -timeout=100 "$cov/empty" "$cov/seed" \
    $(if [ -d "$WORK/fuzz-$t/corpus" ]; then echo "$WORK/fuzz-$t/corpus"; fi) > "$cov/merge.log" 2>&1
  llvm-profdata merge -sparse "$cov"/*.profraw -o "$cov/$t.profdata"
  llvm-cov report -instr-profile="$cov/$t.profdata" -object="$OUT/$t" -ignore-filename-regex='.*/fuzzers/.*'
  llvm-cov show -format=html -output-dir="$cov/html" -instr-profile="$cov/$t.profdata" \
    -object="$OUT/$t" -ignore-filename-regex='.*/fuzzers/.*'
  echo "build.sh: coverage of $t: $cov/html/index.html"
}

# fuzzing-ecosystem.md §3 and §6 step 6: AFL++ 4.04c's driver must get no
# @@ (pitfall 4), afl-fuzz exits 0 on crashes (gate on saved_crashes), and
# it refuses ASAN_OPTIONS without abort_on_error=1:symbolize=0.
afl() {
  local t=${1:-fuzz_cow} secs=${2:-60} w stats crashes so
  command -v afl-clang-fast >/dev/null || { echo "build.sh: afl needs AFL++ (apt-get install afl++)" >&2; exit 2; }
  export CC=afl-clang-fast CXX=afl-clang-fast++ LIB_FUZZING_ENGINE=/usr/lib/afl/libAFLDriver.a
  export CFLAGS="-O1 -fno-omit-frame-pointer -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION -fsanitize=address -fsanitize-address-use-after-scope"
  export CXXFLAGS="$CFLAGS" SANITIZER=address FUZZING_ENGINE=afl WORK="$ROOT/build-fuzz" OUT="$ROOT/build-fuzz/out-afl"
  AFL_QUIET=1 build
  [ -x "$OUT/$t" ] || { echo "build.sh: no target $t" >&2; exit 2; }
  so=$(afl_mutator "$t")
  w="$WORK/afl-$t"
  rm -rf "$w" && mkdir -p "$w/in"
  unzip -q "$OUT/${t}_seed_corpus.zip" -d "$w/in"
  echo "build.sh: afl-fuzz $t for $secs s (era ${MMFUZZ_ERA:-current}, knobs ${MMFUZZ_KNOBS:-none}, mutator ${so:-bytes}), log in $w/log"
  AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_FAST_CAL=1 \
  AFL_TRY_AFFINITY=1 AFL_FORKSRV_INIT_TMOUT=30000 \
  ASAN_OPTIONS=abort_on_error=1:symbolize=0:detect_leaks=0:detect_odr_violation=0 \
    env ${so:+"AFL_CUSTOM_MUTATOR_LIBRARY=$so"} timeout $((secs + 120)) afl-fuzz -V "$secs" -i "$w/in" -o "$w/out" \
      $(if [ -f "$OUT/$t.dict" ]; then echo "-x $OUT/$t.dict"; fi) -m none -t 5000+ -- "$OUT/$t" \
      > "$w/log" 2>&1 || true
  stats="$w/out/default/fuzzer_stats"
  [ -f "$stats" ] || { tail -20 "$w/log"; echo "build.sh: afl-fuzz did not start" >&2; exit 2; }
  grep -E '^(execs_done|execs_per_sec|corpus_count|saved_crashes|target_mode) ' "$stats"
  if [ -n "$so" ]; then echo "build.sh: custom mutator: $(grep -c mmfuzz <(ls "$w/out/default/queue") || true) queue entries made by it"; fi
  crashes=$(sed -n 's/^saved_crashes *: *//p' "$stats")
  if [ "$crashes" != 0 ]; then
    echo "build.sh: $t: $crashes crash(es) in $w/out/default/crashes/ (replay: $OUT/$t FILE)"
    exit 1
  fi
  echo "build.sh: $t: no crash in $secs s"
}

# AFL++ never calls LLVMFuzzerCustomMutator (fuzzing-ecosystem.md §3): the
# same mutator goes to afl-fuzz as a custom mutator library
# (AFL_CUSTOM_MUTATOR_LIBRARY, fuzzers/afl_mutator.c), built without
# sanitizers for afl-fuzz's own process, in the target's alphabet.  Prints
# its path; nothing for a target without an alphabet (fuzz_lang) or with
# MMFUZZ_MUTATOR=bytes.
afl_mutator() {
  local t=$1 alpha so="$WORK/afl-mutator/$1.so"
  alpha=$(sed -n 's/^const enum mm_alphabet fz_alphabet = \(MM_ALPHA_[A-Z]*\);.*/\1/p' "$ROOT/fuzzers/$t.c")
  if [ -z "$alpha" ] || [ "${MMFUZZ_MUTATOR:-}" = bytes ]; then return 0; fi
  mkdir -p "$WORK/afl-mutator"
  ${AFL_MUTATOR_CC:-clang} -std=c11 -O2 -fPIC -shared -Wl,--no-undefined -DFZ_AFL_MUTATOR -DFZ_AFL_ALPHABET="$alpha" \
    -I"$ROOT/lang/include" -I"$ROOT/lang" -I"$ROOT/fuzzers" "$ROOT"/lang/*.c "$ROOT/fuzzers/mutator.c" \
    "$ROOT/fuzzers/afl_mutator.c" -o "$so"
  echo "$so"
}

run_tests() {
  (unset CC CXX CFLAGS CXXFLAGS LIB_FUZZING_ENGINE
   cmake -S "$ROOT" -B "$ROOT/build-test" -DLIB_FUZZING_ENGINE= >/dev/null
   cmake --build "$ROOT/build-test" -j2
   ctest --test-dir "$ROOT/build-test" --output-on-failure -j2)
}

cmd=${1:-build}
case $cmd in
  build|fuzz)
    if [ -z "${LIB_FUZZING_ENGINE:-}" ]; then local_env; fi
    build
    if [ "$cmd" = fuzz ]; then fuzz "${2:-fuzz_cow}" "${3:-60}"; fi ;;
  test) run_tests ;;
  coverage) coverage "${2:-fuzz_cow}" ;;
  afl) afl "${2:-fuzz_cow}" "${3:-60}" ;;
  bench) "$ROOT/bench/run.sh" ;;
  *) echo "usage: $0 [build | fuzz [TARGET] [SECONDS] | test | coverage [TARGET] | afl [TARGET] [SECONDS] | bench]" >&2; exit 2 ;;
esac
