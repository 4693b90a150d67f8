#!/bin/bash -eu
# SPDX-License-Identifier: MIT
#
# build.sh - the fuzz build, under the OSS-Fuzz build.sh contract
# (fuzzing-ecosystem.md §1.4), and local fuzzing helpers.  Usage: below,
# or ./build.sh --help.
#
# OSS-Fuzz runs it as `bash -eux build.sh` with CC CXX CFLAGS CXXFLAGS
# LIB_FUZZING_ENGINE OUT WORK set; everything is compiled through CMake
# (CMakeLists.txt) with $CC $CFLAGS and each target linked with $CXX
# $CXXFLAGS ... $LIB_FUZZING_ENGINE, in $WORK.  With LIB_FUZZING_ENGINE
# unset it builds locally with CMakePresets.json's libfuzzer preset (clang,
# libFuzzer, ASan+UBSan) in build-libfuzzer/, targets copied to out/.  Environment of the targets
# (MMFUZZ_ERA, MMFUZZ_KNOBS, MMFUZZ_ONLY, MMFUZZ_STRICT, FZ_VERBOSE,
# MMFUZZ_MUTATOR): fuzzers/fz.h.  `fuzz` and `afl` check them, the target
# and their arguments before building anything (with `mmfuzz fuzz-env`,
# which knows the valid names), build the `mmfuzz` tool without
# sanitizers into build-release/, and keep what they find:
#
#   build-fuzz/fuzz-TARGET/corpus/     the corpus, kept and grown across
#   (afl: build-fuzz/afl-TARGET/)      runs, the seeds merged in each run
#   findings/TARGET/NAME/              one directory per new finding: the
#                                      engine's artifact, finding.txt (the
#                                      target, era, knobs, MMFUZZ_ONLY and
#                                      commit it was found with: `mmfuzz
#                                      decode|triage` read it) and the
#                                      target's report (report.txt)
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

usage() {
  cat <<'EOF'
usage: ./build.sh                         build every fuzz target into $OUT
                                          (the OSS-Fuzz contract; local: out/)
       ./build.sh build --preset NAME     the same with a CMakePresets.json
                                          preset (libfuzzer, afl, bench-fuzz)
       ./build.sh fuzz [TARGET] [SECONDS] [-j N] [LIBFUZZER_FLAG...]
                                          fuzz TARGET (fuzz_cow) for SECONDS (60)
                                          with libFuzzer, N processes (-fork=N);
                                          flags like -max_len=512 pass through
       ./build.sh afl [TARGET] [SECONDS] [-j N]
                                          AFL++ build and afl-fuzz, one -M and
                                          N-1 -S instances
       ./build.sh test                    developer build (ASan+UBSan, -Werror)
                                          and every test
       ./build.sh coverage [TARGET]       llvm-cov report over the seeds and
                                          the kept corpus
       ./build.sh bench                   the benchmark suite (about 10 min)
       ./build.sh -h | --help

fuzz and afl keep the corpus in build-fuzz/{fuzz,afl}-TARGET/corpus/ and each
new finding in findings/TARGET/NAME/ with a finding.txt that `mmfuzz decode` and
`mmfuzz triage` read; they build the mmfuzz tool into build-release/.
The targets read MMFUZZ_ERA, MMFUZZ_KNOBS, MMFUZZ_ONLY, MMFUZZ_STRICT and
MMFUZZ_MUTATOR (fuzzers/fz.h); a bad value stops build.sh before it builds.
Exit status: 0 nothing found, 1 a finding, 2 a usage or configuration error.
EOF
}

# Usage error: the message and the usage on stderr, exit 2.
die_usage() {
  echo "build.sh: $*" >&2
  usage >&2
  exit 2
}

# @1 as the user would type it from where build.sh was started.
show() {
  case $1 in
    "$PWD"/*) echo "${1#"$PWD"/}" ;;
    *) echo "$1" ;;
  esac
}

# The fuzz targets: one per fuzzers/fuzz_*.c.
targets() {
  local f
  for f in "$ROOT"/fuzzers/fuzz_*.c; do basename "${f%.c}"; done
}

check_target() {
  if ! targets | grep -qx -- "$1"; then
    echo "build.sh: no fuzz target '$1'; targets: $(targets | paste -sd' ')" >&2
    exit 2
  fi
}

# The mmfuzz tool without sanitizers (build-release/mmfuzz): for the
# user, and to check the targets' environment before the long build.
TOOL_DIR="$ROOT/build-release"
build_tool() {
  local log="$ROOT/build-release.log"
  if ! (unset CC CXX CFLAGS CXXFLAGS LIB_FUZZING_ENGINE AFL_QUIET
        cd "$ROOT" && cmake --preset release && cmake --build --preset release) > "$log" 2>&1; then
    tail -30 "$log" >&2
    echo "build.sh: building the mmfuzz tool failed (log: $(show "$log"))" >&2
    exit 2
  fi
  rm -f "$log"
}

# The targets' environment as `mmfuzz fuzz-env` checks and prints it
# (sidecar lines); exit 2, with its message, when a value is bad.
check_env() {
  if ! FUZZ_ENV=$("$TOOL_DIR/mmfuzz" fuzz-env); then
    echo "build.sh: nothing built; fix the variable above" >&2
    exit 2
  fi
}

env_value() {
  printf '%s\n' "$FUZZ_ENV" | sed -n "s/^$1=//p"
}

banner() {
  local knobs only
  knobs=$(env_value knobs)
  only=$(env_value only)
  echo "build.sh: $1 $2 for $3 s, $4 process(es): era $(env_value era)," \
       "knobs ${knobs:-none}, MMFUZZ_ONLY ${only:-all}"
}

commit() {
  git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown
}

# The first line of a finding's report as a directory name:
# "mmfuzz: violation pin-coherence/P6 in fork" -> pin-coherence-P6-fork.
slug() {
  sed -e 's/^mmfuzz: //' -e 's/^violation //' -e 's/ in /-/' \
      -e 's/[^A-Za-z0-9._-]/-/g' -e 's/--*/-/g' -e 's/^-//' -e 's/-$//' | cut -c1-60
}

# Store artifact @3 of engine @2 for target @1 (binary @4) as a finding,
# unless one with the same first line and configuration is stored
# already.  Says "DIR new" or "DIR known" on fd 3.
store_finding() {
  local t=$1 engine=$2 a=$3 bin=$4 report first name dir d side
  report=$(timeout 120 "$bin" "$a" 2>&1 < /dev/null || true)
  first=$(printf '%s\n' "$report" | grep -m1 -E '^mmfuzz: (violation|known) ' || true)
  if [ -z "$first" ]; then
    first=$(printf '%s\n' "$report" | grep -m1 -E '^(SUMMARY: |==[0-9]+==ERROR)' || true)
  fi
  name=$(printf '%s\n' "${first:-$(basename "$a" | sed 's/-.*//')}" | slug)
  side=$(printf 'target=%s\n%s\nengine=%s\nfirst_line=%s\n' "$t" "$FUZZ_ENV" "$engine" "$first" |
         grep -v '^mutator=')
  for d in "$FINDINGS/$t/$name"-*/; do
    [ -f "$d/finding.txt" ] || continue
    if [ "$(grep -E '^(target|era|knobs|only|strict|engine|first_line)=' "$d/finding.txt")" = "$side" ]; then
      echo "${d%/} known" >&3
      return 0
    fi
  done
  dir="$FINDINGS/$t/$name-$(sha1sum < "$a" | cut -c1-8)"
  mkdir -p "$dir"
  cp "$a" "$dir/"
  printf '%s\n' "$report" > "$dir/report.txt"
  {
    echo "# mmfuzz finding: \`mmfuzz decode DIR\` and \`mmfuzz triage DIR\` read this file"
    printf '%s\n' "$side"
    echo "commit=$(commit)"
    echo "artifact=$(basename "$a")"
  } > "$dir/finding.txt"
  echo "$dir new" >&3
}

# Store every artifact of the directories @4...; say what was stored and
# how to read it (an artifact like one stored a moment ago is not
# mentioned: fork mode and afl-fuzz instances find the same bug more than
# once).  Returns 1 if there was an artifact.
collect() {
  local t=$1 engine=$2 bin=$3 a d dir state first stored
  shift 3
  stored=$(for d in "$@"; do for a in "$d"/*; do
             [ -f "$a" ] || continue
             case $(basename "$a") in README.txt|.*|slow-unit-*) continue ;; esac
             store_finding "$t" "$engine" "$a" "$bin" 3>&1 >/dev/null
           done; done | awk '$2 == "new" { n[$1] = 1 } { l[NR] = $0; d[NR] = $1 }
                       END { for (i = 1; i <= NR; i++) if (!(d[i] in seen) && (l[i] ~ / new$/ || !(d[i] in n))) { seen[d[i]] = 1; print l[i] } }')
  [ -n "$stored" ] || return 0
  while read -r dir state; do
    first=$(sed -n 's/^first_line=//p' "$dir/finding.txt")
    echo "build.sh: $t: $state finding: $(show "$dir")/"
    echo "  ${first:-(no mmfuzz report line: see report.txt)}"
  done <<< "$stored"
  dir=$(printf '%s\n' "$stored" | head -1 | cut -d' ' -f1)
  echo "build.sh: read it with:    $(show "$TOOL_DIR/mmfuzz") decode $(show "$dir")"
  echo "build.sh: triage it with:  $(show "$TOOL_DIR/mmfuzz") triage $(show "$dir")"
  return 1
}

# libFuzzer keeps an input that ran longer than -report_slow_units as
# slow-unit-*: not a crash (a loaded machine makes any input slow), so it
# is not a finding; say where it is, for the throughput work.
slow_inputs() {
  local n
  n=$(find "$2" -maxdepth 1 -name 'slow-unit-*' -type f | wc -l)
  if [ "$n" -gt 0 ]; then
    echo "build.sh: $1: $n slow input(s), not crashes: $(show "$2")/slow-unit-*"
  fi
}

# The local build: CMakePresets.json's libfuzzer preset (clang,
# libFuzzer, ASan+UBSan) into out/.
local_env() {
  BUILD_PRESET=libfuzzer
  export OUT="$ROOT/out" WORK="$ROOT/build-fuzz"
}

# The fuzz targets through CMake (CMakeLists.txt: which targets, their
# alphabets and mutators, and where comparison tracing is left out), then
# each into $OUT with its seed corpus, dictionary and options.  Locally
# (BUILD_PRESET set) the CMake preset's build directory, kept between runs; for
# OSS-Fuzz, the compiler and flags of the environment in
# $WORK/cmake-SANITIZER-ENGINE.
build() {
  local b t log
  mkdir -p "$OUT" "$WORK"
  if [ -n "$BUILD_PRESET" ]; then
    b="$ROOT/build-$BUILD_PRESET" log="$WORK/cmake-$BUILD_PRESET.log"
    (cd "$ROOT" && cmake --preset "$BUILD_PRESET") > "$log" 2>&1 ||
      { cat "$log" >&2; echo "build.sh: cmake --preset $BUILD_PRESET failed" >&2; exit 2; }
  else
    b="$WORK/cmake-${SANITIZER:-local}-${FUZZING_ENGINE:-libfuzzer}" log="$b.log"
    # A new configuration each time: CMake keeps the compiler and flags of
    # its first configure, and this build must use the environment's.
    rm -rf "$b"
    cmake -S "$ROOT" -B "$b" -DCMAKE_BUILD_TYPE=None -DMMFUZZ_SANITIZE=OFF -DMMFUZZ_WERROR=OFF \
      -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
      -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_CXX_FLAGS="$CXXFLAGS" \
      -DLIB_FUZZING_ENGINE="$LIB_FUZZING_ENGINE" > "$log" 2>&1 ||
      { cat "$log" >&2; echo "build.sh: cmake configure failed" >&2; exit 2; }
  fi
  if [ -n "$BUILD_PRESET" ]; then
    # Locally the compiler's progress goes to the log, shown on failure.
    cmake --build "$b" --target fuzz-targets -j"$(nproc)" >> "$log" 2>&1 ||
      { tail -40 "$log" >&2; echo "build.sh: building the fuzz targets failed (log: $(show "$log"))" >&2; exit 2; }
    echo "build.sh: fuzz targets built with the $BUILD_PRESET preset ($(show "$b")) into $(show "$OUT")"
  else
    cmake --build "$b" --target fuzz-targets -j"$(nproc)"
  fi
  # standalone_main.c is never linked here: $OUT holds fuzz targets only.
  for t in $(targets); do
    cp "$b/fuzzers/$t" "$OUT/$t"
    rm -f "$OUT/${t}_seed_corpus.zip"
    if [ -d "$ROOT/corpus/$t" ]; then
      (cd "$ROOT/corpus/$t" && zip -q -r -X "$OUT/${t}_seed_corpus.zip" .)
    fi
    if [ -f "$ROOT/dict/$t.dict" ]; then cp "$ROOT/dict/$t.dict" "$OUT/"; fi
    if [ -f "$ROOT/options/$t.options" ]; then cp "$ROOT/options/$t.options" "$OUT/"; fi
  done
}

# The [libfuzzer] keys of options/TARGET.options as -key=value flags.
libfuzzer_flags() {
  if [ -f "$OUT/$1.options" ]; then
    awk -F' *= *' '/^\[/ { s = ($0 == "[libfuzzer]") } s && NF == 2 { printf "-%s=%s ", $1, $2 }' "$OUT/$1.options"
  fi
}

fuzz() {
  local t=$1 secs=$2 jobs=$3 w c rc start status=0
  shift 3
  w="$WORK/fuzz-$t"
  c="$w/corpus"
  rm -rf "$w/artifacts"
  mkdir -p "$c" "$w/artifacts"
  if [ -f "$OUT/${t}_seed_corpus.zip" ]; then unzip -qo "$OUT/${t}_seed_corpus.zip" -d "$c"; fi
  banner fuzzing "$t" "$secs" "$jobs"
  echo "build.sh: corpus $(show "$c") ($(find "$c" -type f | wc -l) inputs), log $(show "$w/log")"
  start=$(date +%s)
  rc=0
  (cd "$OUT" && "./$t" $(libfuzzer_flags "$t") -max_total_time="$secs" -print_final_stats=1 \
     $(if [ "$jobs" -gt 1 ]; then echo "-fork=$jobs"; fi) "$@" \
     -artifact_prefix="$w/artifacts/" "$c") > "$w/log" 2>&1 || rc=$?
  grep -E '^(#[0-9]+ +DONE|stat::(number_of_executed_units|average_exec_per_sec|new_units_added))' "$w/log" || true
  if [ "$jobs" -gt 1 ]; then merge_corpus "$t" "$c"; fi
  echo "build.sh: corpus kept: $(show "$c") ($(find "$c" -type f | wc -l) inputs)"
  collect "$t" libfuzzer "$OUT/$t" "$w/artifacts" || status=1
  slow_inputs "$t" "$w/artifacts"
  if [ "$status" = 1 ]; then
    echo "build.sh: $t: CRASH after $(($(date +%s) - start)) s (libFuzzer exit $rc)"
    exit 1
  fi
  if [ "$rc" -ne 0 ]; then
    tail -15 "$w/log" >&2
    echo "build.sh: $t: libFuzzer exited $rc without an artifact (log: $(show "$w/log"))" >&2
    exit 2
  fi
  echo "build.sh: $t: no crash in $secs s"
}

# Merge mode keeps one input per feature, so the corpus does not grow
# without bound across runs; it survives inputs that crash.
merge_corpus() {
  local t=$1 c=$2
  rm -rf "$c.new" && mkdir -p "$c.new"
  if (cd "$OUT" && "./$t" -merge=1 -timeout=25 "$c.new" "$c") > "$WORK/fuzz-$t/merge.log" 2>&1; then
    rm -rf "$c" && mv "$c.new" "$c"
  else
    rm -rf "$c.new"
    echo "build.sh: corpus merge failed (log: $(show "$WORK/fuzz-$t/merge.log")); corpus left as it was"
  fi
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
  local t=$1 secs=$2 jobs=$3 w stats crashes so i name status=0 total=0
  local pids=() names=() role=()
  # CMakePresets.json's afl preset (afl-clang-fast, libAFLDriver.a, ASan).
  BUILD_PRESET=afl
  export WORK="$ROOT/build-fuzz" OUT="$ROOT/build-fuzz/out-afl"
  AFL_QUIET=1 build
  so=$(afl_mutator "$t")
  w="$WORK/afl-$t"
  rm -rf "$w/in" "$w/out"
  mkdir -p "$w/in" "$w/corpus"
  unzip -qo "$OUT/${t}_seed_corpus.zip" -d "$w/in"
  find "$w/corpus" -maxdepth 1 -type f -exec cp {} "$w/in/" \;
  # afl-fuzz's environment, for every instance (and printed, so that more
  # instances can join by hand: afl-fuzz -S NAME with the same -o).
  local env=(AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_FAST_CAL=1
             AFL_TRY_AFFINITY=1 AFL_FORKSRV_INIT_TMOUT=30000
             ASAN_OPTIONS=abort_on_error=1:symbolize=0:detect_leaks=0:detect_odr_violation=0
             ${so:+"AFL_CUSTOM_MUTATOR_LIBRARY=$so"})
  local args=(-V "$secs" -i "$w/in" -o "$w/out" -m none -t 5000+)
  if [ -f "$OUT/$t.dict" ]; then args+=(-x "$OUT/$t.dict"); fi
  banner "afl-fuzz" "$t" "$secs" "$jobs"
  echo "build.sh: mutator ${so:-bytes}, logs in $(show "$w")/log-*"
  echo "build.sh: instance environment: ${env[*]}"
  for ((i = 0; i < jobs; i++)); do
    if [ "$i" = 0 ]; then name=main; else name=s$i; fi
    names+=("$name")
    if [ "$jobs" = 1 ]; then role=(); elif [ "$i" = 0 ]; then role=(-M main); else role=(-S "$name"); fi
    env "${env[@]}" timeout $((secs + 120)) afl-fuzz "${role[@]}" "${args[@]}" -- "$OUT/$t" \
      > "$w/log-$name" 2>&1 &
    pids+=($!)
  done
  for i in "${pids[@]}"; do wait "$i" || true; done
  for name in "${names[@]}"; do
    if [ "$jobs" = 1 ]; then name=default; fi
    stats="$w/out/$name/fuzzer_stats"
    if [ ! -f "$stats" ]; then
      tail -20 "$w/log-${names[0]}" >&2
      echo "build.sh: afl-fuzz instance $name did not start" >&2
      exit 2
    fi
    echo "build.sh: instance $name:" $(grep -E '^(execs_done|execs_per_sec|corpus_count|saved_crashes) ' "$stats" | tr -s ' ')
    crashes=$(sed -n 's/^saved_crashes *: *//p' "$stats")
    total=$((total + crashes))
    find "$w/out/$name/queue" -maxdepth 1 -type f -name 'id:*' | while read -r q; do
      cp "$q" "$w/corpus/$(sha1sum < "$q" | cut -c1-40)"
    done
    if [ "$jobs" = 1 ]; then break; fi
  done
  if [ -n "$so" ]; then echo "build.sh: custom mutator: $(find "$w/out" -path '*/queue/*mmfuzz' | wc -l) queue entries made by it"; fi
  echo "build.sh: corpus kept: $(show "$w/corpus") ($(find "$w/corpus" -type f | wc -l) inputs)"
  if [ "$jobs" = 1 ]; then names=(default); fi
  names=("${names[@]/#/$w/out/}")
  collect "$t" afl "$OUT/$t" "${names[@]/%//crashes}" || status=1
  if [ "$status" = 1 ] || [ "$total" != 0 ]; then
    echo "build.sh: $t: $total crash(es) (replay: $(show "$OUT/$t") FILE)"
    exit 1
  fi
  echo "build.sh: $t: no crash in $secs s"
}

# AFL++ never calls LLVMFuzzerCustomMutator (fuzzing-ecosystem.md §3): the
# same mutator goes to afl-fuzz as a custom mutator library
# (AFL_CUSTOM_MUTATOR_LIBRARY, fuzzers/afl_mutator.c), built without
# sanitizers for afl-fuzz's own process, in the target's alphabet: CMake's
# afl-mutator-TARGET in the release build.  Prints its path; nothing for a
# target without an alphabet (fuzz_lang) or with MMFUZZ_MUTATOR=bytes.
afl_mutator() {
  local t=$1 log="$WORK/afl-mutator.log"
  [ "${MMFUZZ_MUTATOR:-}" != bytes ] || return 0
  cmake --build "$TOOL_DIR" --target help 2>/dev/null | grep -w "afl-mutator-$t" >/dev/null || return 0
  if ! (unset CC CXX CFLAGS CXXFLAGS LIB_FUZZING_ENGINE AFL_QUIET
        cmake --build "$TOOL_DIR" --target "afl-mutator-$t" -j2) > "$log" 2>&1; then
    tail -30 "$log" >&2
    echo "build.sh: building the AFL++ mutator of $t failed (log: $(show "$log"))" >&2
    exit 2
  fi
  echo "$TOOL_DIR/fuzzers/afl-mutator-$t.so"
}

# The dev preset (CMakePresets.json): ASan+UBSan, -Werror, in build-dev/.
run_tests() {
  (cd "$ROOT"
   unset CFLAGS CXXFLAGS LIB_FUZZING_ENGINE
   cmake --preset dev >/dev/null
   cmake --build --preset dev
   ctest --preset dev)
}

# fuzz|afl [TARGET] [SECONDS] [-j N] [FLAG...] into T, SECS, JOBS, EXTRA.
parse_fuzz_args() {
  local cmd=$1 pos=0
  shift
  T=fuzz_cow SECS=60 JOBS=1 EXTRA=()
  while [ $# -gt 0 ]; do
    case $1 in
      -h|--help) usage; exit 0 ;;
      -j|--jobs) [ $# -ge 2 ] || die_usage "$1 wants a number"; JOBS=$2; shift ;;
      -j*) JOBS=${1#-j} ;;
      --jobs=*) JOBS=${1#--jobs=} ;;
      -fork=*) [ "$cmd" = fuzz ] || die_usage "$cmd: '$1' is a libFuzzer flag (use -j N)"; JOBS=${1#-fork=} ;;
      -artifact_prefix=*|-exact_artifact_path=*|-max_total_time=*|-jobs=*|-workers=*|-merge=*)
        die_usage "'$1': build.sh sets it itself (SECONDS, -j N, findings/)" ;;
      -[a-z]*=*)
        [ "$cmd" = fuzz ] || die_usage "$cmd takes no engine flags, not '$1'"
        EXTRA+=("$1") ;;
      -*) die_usage "$cmd: unknown option '$1'" ;;
      *)
        pos=$((pos + 1))
        case $pos in
          1) T=$1 ;;
          2) SECS=$1 ;;
          *) die_usage "$cmd: unexpected argument '$1'" ;;
        esac ;;
    esac
    shift
  done
  [[ $SECS =~ ^[0-9]+$ ]] && [ "$SECS" -gt 0 ] || die_usage "SECONDS must be a positive number, not '$SECS'"
  [[ $JOBS =~ ^[0-9]+$ ]] && [ "$JOBS" -ge 1 ] || die_usage "-j wants a positive number, not '$JOBS'"
  check_target "$T"
}

# Each extra flag must be one libFuzzer knows: it ignores the others with
# a warning nobody reads.
check_libfuzzer_flags() {
  local f name help
  [ ${#EXTRA[@]} -gt 0 ] || return 0
  help=$("$OUT/$T" -help=1 2>&1 || true)
  for f in "${EXTRA[@]}"; do
    name=${f%%=*}
    name=${name#-}
    if ! printf '%s\n' "$help" | grep -qE "^ *$name( |$)"; then
      echo "build.sh: libFuzzer has no flag '-$name' ($T -help=1 lists them)" >&2
      exit 2
    fi
  done
}

# fuzz and afl: every check before the long build, then the mmfuzz tool.
prepare() {
  build_tool
  echo "build.sh: the mmfuzz tool: $(show "$TOOL_DIR/mmfuzz") (install: cmake --install $(show "$TOOL_DIR") --prefix DIR)"
  check_env
}

FINDINGS="$ROOT/findings"
BUILD_PRESET=
cmd=${1:-build}
[ $# -eq 0 ] || shift
case $cmd in
  -h|--help|help) usage ;;
  build)
    if [ $# -eq 2 ] && [ "$1" = --preset ]; then
      BUILD_PRESET=$2
      export OUT=${OUT:-$ROOT/out} WORK=${WORK:-$ROOT/build-fuzz}
    elif [ $# -eq 0 ]; then
      if [ -z "${LIB_FUZZING_ENGINE:-}" ]; then local_env; fi
    else
      die_usage "build takes no argument but --preset NAME"
    fi
    build ;;
  fuzz)
    parse_fuzz_args fuzz "$@"
    prepare
    if [ -z "${LIB_FUZZING_ENGINE:-}" ]; then local_env; fi
    build
    check_libfuzzer_flags
    fuzz "$T" "$SECS" "$JOBS" ${EXTRA[@]+"${EXTRA[@]}"} ;;
  afl)
    parse_fuzz_args afl "$@"
    command -v afl-clang-fast >/dev/null || { echo "build.sh: afl needs AFL++ (apt-get install afl++)" >&2; exit 2; }
    prepare
    afl "$T" "$SECS" "$JOBS" ;;
  test)
    [ $# -eq 0 ] || die_usage "test takes no argument"
    run_tests ;;
  coverage)
    [ $# -le 1 ] || die_usage "coverage takes one TARGET"
    check_target "${1:-fuzz_cow}"
    coverage "${1:-fuzz_cow}" ;;
  bench)
    [ $# -eq 0 ] || die_usage "bench takes no argument"
    "$ROOT/bench/run.sh" ;;
  *) die_usage "unknown command '$cmd'" ;;
esac
