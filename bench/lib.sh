# SPDX-License-Identifier: MIT
#
# bench/lib.sh - what the bench scripts share.  Sourced, never run.
#
#   build_fuzz_nosan OUT    fuzz targets: libFuzzer, -O2, no sanitizer
#                           (the bench-fuzz preset)
#   build_fuzz_asan         fuzz targets: ./build.sh's out/ (ASan+UBSan)
#   build_bench             bench_run, bench_exec and mmfuzz without
#                           sanitizers (-O2) in build-bench/
#   fuzz_flags OUT TARGET   the [libfuzzer] keys of OUT/TARGET.options
#   loadavg                 the three load averages
#   tsv_json FILE           a TSV file with a header line as a JSON array
#                           (numbers as numbers, - as null)
#   tsv_md FILE HEADER      the same as a Markdown table, HEADER's cells
#                           separated by |
#
#   corpus_dir DIR          DIR/corpus, empty, for a fuzzer's corpus: a
#                           link to a fresh directory in memory
#                           (BENCH_SCRATCH)
#
# BENCH_WORK (build-bench/work) holds every script's figures as TSV.
BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_BUILD="$BENCH_ROOT/build-bench"
BENCH_WORK=${BENCH_WORK:-$BENCH_BUILD/work}
# libFuzzer writes every input it keeps to its corpus directory and unlinks
# every one it replaces by a smaller one.  On the reference machine's disk
# those two system calls took a fifth of a fuzz target's time in its
# first seconds from the seeds (perf: unlink, inode eviction), a cost of
# the machine, not of the engine or the target: the corpora the bench
# fuzzes live in memory (/dev/shm) when there is one.
if [ -z "${BENCH_SCRATCH:-}" ]; then
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    BENCH_SCRATCH=/dev/shm/mmfuzz-bench-$(id -u)
  else
    BENCH_SCRATCH=$BENCH_WORK/scratch
  fi
fi
export BENCH_SCRATCH
corpus_dir() {
  local s
  s="$BENCH_SCRATCH/$(printf '%s' "$1" | tr '/' '_')"
  rm -rf "$s" "$1/corpus" && mkdir -p "$s" "$1" && ln -s "$s" "$1/corpus"
}

# The no-sanitizer libFuzzer build bench/exposure.sh always timed
# (CMakePresets.json's bench-fuzz preset): several times faster than
# out/.  bench/ceiling.sh compiles with the same compiler and flags
# (fuzz_nosan_cflags [BUILD_DIR], read from a build of that preset).
BENCH_FUZZ_BUILD="$BENCH_ROOT/build-bench-fuzz"
build_fuzz_nosan() {
  (unset CC CXX CFLAGS CXXFLAGS LIB_FUZZING_ENGINE SANITIZER FUZZING_ENGINE
   export OUT="$1" WORK="$BENCH_ROOT/build-fuzz"
   "$BENCH_ROOT/build.sh" build --preset bench-fuzz >/dev/null)
}
fuzz_nosan_cflags() {
  sed -n 's/^CMAKE_C_FLAGS:STRING=//p' "${1:-$BENCH_FUZZ_BUILD}/CMakeCache.txt"
}

# ./build.sh's own local build (clang, libFuzzer, ASan+UBSan) into out/.
build_fuzz_asan() {
  (unset CC CXX CFLAGS CXXFLAGS LIB_FUZZING_ENGINE OUT WORK SANITIZER
   "$BENCH_ROOT/build.sh" build >/dev/null)
}

# CMakePresets.json's bench preset: -O2 without -DNDEBUG (the emulator's
# assertions stay, as in the fuzz builds); warnings are not errors there:
# an optimizing build may warn where the -O1 developer build does not.
build_bench() {
  (cd "$BENCH_ROOT"
   unset CFLAGS CXXFLAGS LIB_FUZZING_ENGINE
   cmake --preset bench >/dev/null
   cmake --build --preset bench --target mmfuzz bench_run bench_exec >/dev/null)
}

# Like build.sh's libfuzzer_flags, with the dictionary's full path.
fuzz_flags() {
  local out=$1 t=$2
  if [ -f "$out/$t.options" ]; then
    awk -F' *= *' -v dir="$out" '/^\[/ { s = ($0 == "[libfuzzer]") }
      s && NF == 2 { if ($1 == "dict") $2 = dir "/" $2; printf "-%s=%s ", $1, $2 }' "$out/$t.options"
  fi
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# "EXECUTIONS SECONDS EXEC_PER_SEC" of a libFuzzer run that took SECONDS
# and wrote its final stats (-print_final_stats=1) to LOG; fails without
# them.
fuzz_stats() {
  local log=$1 secs=$2 execs lf
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  lf=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  [ -n "$execs" ] && echo "$execs $secs $lf"
}

# Numbers stay numbers; everything else becomes a JSON string.
tsv_json() {
  awk -F'\t' '
  function val(v) {
    if (v == "-" || v == "") return "null"
    if (v ~ /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/) return v
    gsub(/\\/, "\\\\", v); gsub(/"/, "\\\"", v)
    return "\"" v "\""
  }
  NR == 1 { n = NF; for (i = 1; i <= NF; i++) key[i] = $i; printf "["; next }
  {
    printf "%s\n  {", (NR > 2 ? "," : "")
    for (i = 1; i <= n; i++) printf "%s\"%s\": %s", (i > 1 ? ", " : ""), key[i], val($i)
    printf "}"
  }
  END { printf "%s]", (NR > 1 ? "\n" : "") }' "$1"
}

tsv_md() {
  awk -F'\t' -v header="$2" '
  NR == 1 {
    n = split(header, h, "|")
    for (i = 1; i <= n; i++) { printf "| %s ", h[i]; sep = sep "|---" }
    print "|"; print sep "|"; next
  }
  { for (i = 1; i <= n; i++) printf "| %s ", $i; print "|" }' "$1"
}
