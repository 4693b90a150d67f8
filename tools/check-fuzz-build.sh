#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# tools/check-fuzz-build.sh - OSS-Fuzz's build checks, without Docker.
#
# Builds the fuzz targets as OSS-Fuzz does (`bash -eux ./build.sh` in its
# compile environment) and checks them as its build check and runner would,
# following fuzzing-ecosystem.md §6 steps 0-10:
#
#   presubmit    oss-fuzz/, .clusterfuzzlite/ and the CFLite workflows
#   build        libFuzzer with ASan, UBSan, MSan and coverage; AFL++ (ASan)
#                and an AFL++ CmpLog build
#   out          static checks on $OUT: only fuzz targets executable, ELF
#                x86-64, static, seed zips named exactly after the targets
#                and holding corpus/<t>/, dicts and options present and valid
#   objects      every object carries the sanitizer's and the engine's
#                instrumentation (the blind spot of OSS-Fuzz's own check)
#   probe        from a relocated $OUT: 4-run startup probe, architecture,
#                mixed-sanitizer call counts (OSS-Fuzz's thresholds)
#   seeds        every seed corpus runs clean with -runs=0 (libFuzzer), or as
#                file arguments (AFL++ builds ignore -runs=)
#   smoke        FZ_RUNS executions per target from its seeds, era current,
#                with the .options flags and dict: must find nothing
#   afl          afl-fuzz on fuzz_cow for FZ_AFL_SECS s (the other targets
#                FZ_AFL_SHORT_SECS s), failing on saved_crashes > 0 (afl-fuzz
#                exits 0 with crashes); the same with CmpLog
#   coverage     merge-mode replay, llvm-profdata, llvm-cov report and HTML
#   cmake        the libfuzzer and afl CMake presets build engine targets
#   replay       ctest replays every seed through the standalone main
#   reproduce    positive control: a buggy knob is found from the seeds,
#                reproduced as OSS-Fuzz does, with a stable first line, and
#                caught by the AFL++ gate (so the gates are not vacuous)
#
# Prints one `check: PASS|FAIL NAME  detail` line per check, a closing
# `fuzz-checks: N passed, M failed` line, and exits 1 on any failure.
# Logs go to $FZ/logs (kept on failure or with FZ_KEEP=1).
#
# Environment:
#   FZ                 scratch directory, outside the source tree
#                      (default: a new one under ${TMPDIR:-/var/tmp})
#   FZ_RUNS            libFuzzer smoke executions per target and sanitizer (20000)
#   FZ_AFL_SECS        afl-fuzz seconds on fuzz_cow (10)
#   FZ_AFL_SHORT_SECS  afl-fuzz seconds on the other targets and for CmpLog (3)
#   FZ_SMOKE_MAX_SECS  time cap of one smoke run; hitting it FAILS (300)
#   FZ_KEEP=1          keep $FZ on success too
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

FZ_RUNS=${FZ_RUNS:-20000}
FZ_AFL_SECS=${FZ_AFL_SECS:-10}
FZ_AFL_SHORT_SECS=${FZ_AFL_SHORT_SECS:-3}
FZ_SMOKE_MAX_SECS=${FZ_SMOKE_MAX_SECS:-300}
AFL_DRIVER=/usr/lib/afl/libAFLDriver.a
SYSPY=/usr/bin/python3            # Debian's, with python3-yaml

if [ -z "${FZ:-}" ]; then
  FZ=$(mktemp -d "${TMPDIR:-/var/tmp}/mmfuzz-checks.XXXXXX")
fi
mkdir -p "$FZ"
FZ=$(cd "$FZ" && pwd -P)
case "$FZ/" in
  "$(cd "$ROOT" && pwd -P)/"*) echo "check-fuzz-build: FZ=$FZ is inside the source tree" >&2; exit 2 ;;
esac
LOGS=$FZ/logs
mkdir -p "$LOGS"

# The OSS-Fuzz runner's sanitizer options (§1.10), for libFuzzer runs only:
# afl-fuzz refuses them (pitfall 7), so they are never exported.
RUN_ASAN_OPTIONS=alloc_dealloc_mismatch=0:allocator_may_return_null=1:allocator_release_to_os_interval_ms=500:check_malloc_usable_size=0:detect_container_overflow=1:detect_odr_violation=0:detect_leaks=1:detect_stack_use_after_return=1:fast_unwind_on_fatal=0:handle_abort=1:handle_segv=1:handle_sigill=1:max_uar_stack_size_log=16:print_scariness=1:quarantine_size_mb=10:strict_memcmp=1:symbolize=1:use_sigaltstack=1:dedup_token_length=3
RUN_MSAN_OPTIONS=print_stats=1:symbolize=1:dedup_token_length=3
RUN_UBSAN_OPTIONS=print_stacktrace=1:print_summary=1:silence_unsigned_overflow=1:symbolize=1:dedup_token_length=3
# AFL++ run environment (§3, pitfalls 4, 5, 7, 9): no @@, required *_OPTIONS.
AFL_RUN_ENV=(AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
  AFL_FAST_CAL=1 AFL_CMPLOG_ONLY_NEW=1 AFL_TRY_AFFINITY=1 AFL_FORKSRV_INIT_TMOUT=30000
  ASAN_OPTIONS=abort_on_error=1:symbolize=0:detect_leaks=0:detect_odr_violation=0
  MSAN_OPTIONS=exit_code=86:symbolize=0)

# The fuzz targets' own configuration is pinned: era current, no knobs.
unset MMFUZZ_ERA MMFUZZ_KNOBS MMFUZZ_STRICT FZ_VERBOSE ASAN_OPTIONS MSAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS
export MMFUZZ_ERA=current

npass=0 nfail=0 failed=()
# check NAME FUNCTION ARGS...: runs FUNCTION in a subshell under set -e with
# its output in $LOGS/NAME.log; the last line starting with "detail: " is
# the summary's detail.
check() {
  local name=$1 log="$LOGS/${1//\//_}.log" start rc detail secs
  shift
  start=$(date +%s)
  # No pipefail inside: `nm x | grep -q` would fail on nm's SIGPIPE.
  (set -e +o pipefail; "$@") >"$log" 2>&1
  rc=$?
  secs=$(( $(date +%s) - start ))
  detail=$(sed -n 's/^detail: //p' "$log" | tail -1)
  if [ "$rc" -eq 0 ]; then
    npass=$((npass + 1))
    printf 'check: PASS %-28s %s (%d s)\n' "$name" "$detail" "$secs"
  else
    nfail=$((nfail + 1)); failed+=("$name")
    printf 'check: FAIL %-28s %s (%d s, exit %d, log %s)\n' "$name" "$detail" "$secs" "$rc" "$log"
    grep -E '^(PROBLEM|mmfuzz: |==[0-9]+==ERROR|SUMMARY|.*PROGRAM ABORT)' "$log" | head -20 | sed 's/^/    /'
    tail -15 "$log" | sed 's/^/    | /'
  fi
}

# ---------------------------------------------------------------------------
# Step 0: OSS-Fuzz's compile environment.
# fzenv SANITIZER ENGINE [VARIANT]   (address|undefined|memory|coverage,
# libfuzzer|afl; VARIANT cmplog for the AFL++ CmpLog build).  Sets, does not
# clean: fzclean does.
fzenv() {
  export SANITIZER=$1 FUZZING_ENGINE=${2:-libfuzzer} ARCHITECTURE=x86_64 FUZZING_LANGUAGE=c PROJECT_NAME=mmfuzz
  local variant=${3:-} base="-O1 -fno-omit-frame-pointer -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION" san="" cov=""
  case $SANITIZER in
    address)   san="-fsanitize=address -fsanitize-address-use-after-scope" ;;
    undefined) san="-fsanitize=array-bounds,bool,builtin,enum,function,integer-divide-by-zero,null,object-size,return,returns-nonnull-attribute,shift,signed-integer-overflow,unsigned-integer-overflow,unreachable,vla-bound,vptr -fno-sanitize-recover=array-bounds,bool,builtin,enum,function,integer-divide-by-zero,null,object-size,return,returns-nonnull-attribute,shift,signed-integer-overflow,unreachable,vla-bound,vptr -fno-sanitize=function" ;;
    memory)    san="-fsanitize=memory -fsanitize-memory-track-origins" ;;
  esac
  if [ "$FUZZING_ENGINE" = afl ]; then
    export CC=afl-clang-fast CXX=afl-clang-fast++ LIB_FUZZING_ENGINE=$AFL_DRIVER
    # What OSS-Fuzz's AFL compile step exports for the build.
    export AFL_QUIET=1 AFL_IGNORE_PROBLEMS=1 AFL_IGNORE_UNKNOWN_ENVS=1
    export ASAN_OPTIONS=detect_leaks=0:symbolize=0:detect_odr_violation=0:abort_on_error=1
    if [ "$variant" = cmplog ]; then export AFL_LLVM_CMPLOG=1; else unset AFL_LLVM_CMPLOG; fi
  else
    export CC=clang CXX=clang++ LIB_FUZZING_ENGINE=-fsanitize=fuzzer
    if [ "$SANITIZER" = coverage ]; then
      cov="-fprofile-instr-generate -fcoverage-mapping -pthread -Wl,--no-as-needed -Wl,-ldl -Wl,-lm -Wno-unused-command-line-argument"
    else cov="-fsanitize=fuzzer-no-link"; fi
  fi
  # No -stdlib=libc++: libc++-14-dev is not installed (pitfall 2).
  export CFLAGS="$base $san $cov" CXXFLAGS="$base $san $cov"
  CFG=$FUZZING_ENGINE-$SANITIZER${variant:+-$variant}
  export SRC=$ROOT OUT=$FZ/out/$CFG WORK=$FZ/build/$CFG
}
fzclean() { rm -rf "$OUT" "$WORK"; mkdir -p "$OUT" "$WORK"; }

problem() { echo "PROBLEM: $*"; PROBLEMS=$((PROBLEMS + 1)); }

fz_targets() {      # executables in $1 that contain the entry point
  local f
  for f in "$1"/*; do
    if [ -f "$f" ] && [ -x "$f" ] && grep -q LLVMFuzzerTestOneInput "$f"; then basename "$f"; fi
  done
}
src_targets() {     # what build.sh should produce: one target per fuzzers/fuzz_*.c
  local f
  for f in "$ROOT"/fuzzers/fuzz_*.c; do basename "${f%.c}"; done
}
# [libfuzzer] keys of $1 (an .options file) as -key=value, relative dict paths
# made absolute against $1's directory; [SECTION] of $1 as k=v:k=v with $2.
opt_flags() {
  python3 - "$1" <<'PY'
import configparser, os, sys
c = configparser.ConfigParser(); c.read_string(open(sys.argv[1]).read())
d = os.path.dirname(os.path.abspath(sys.argv[1]))
if c.has_section('libfuzzer'):
    for k, v in c.items('libfuzzer'):
        if k == 'dict' and not os.path.isabs(v): v = os.path.join(d, v)
        print('-%s=%s' % (k, v))
PY
}
opt_san() {
  python3 - "$1" "$2" <<'PY'
import configparser, sys
c = configparser.ConfigParser(); c.read_string(open(sys.argv[1]).read())
print(':'.join('%s=%s' % kv for kv in c.items(sys.argv[2])) if c.has_section(sys.argv[2]) else '')
PY
}
# run_env SANITIZER TARGET_OPTIONS_FILE: the environment of a libFuzzer run.
run_env() {
  local a=$RUN_ASAN_OPTIONS m=$RUN_MSAN_OPTIONS u=$RUN_UBSAN_OPTIONS x
  if [ -f "${2:-}" ]; then
    x=$(opt_san "$2" asan); a=$a${x:+:$x}
    x=$(opt_san "$2" msan); m=$m${x:+:$x}
    x=$(opt_san "$2" ubsan); u=$u${x:+:$x}
  fi
  echo "ASAN_OPTIONS=$a MSAN_OPTIONS=$m UBSAN_OPTIONS=$u"
}

# ---------------------------------------------------------------------------
# Prerequisites and presubmit (§1.1, §1.2, §2).
c_tools() {
  local t missing=()
  for t in clang clang++ afl-clang-fast afl-clang-fast++ afl-fuzz llvm-profdata llvm-cov \
           llvm-symbolizer objdump nm file ldd zip unzip python3 cmake ctest timeout; do
    command -v "$t" >/dev/null || missing+=("$t")
  done
  [ -f "$AFL_DRIVER" ] || missing+=("$AFL_DRIVER")
  $SYSPY -c 'import yaml' 2>/dev/null || missing+=("$SYSPY with yaml (python3-yaml)")
  if [ ${#missing[@]} -gt 0 ]; then echo "PROBLEM: missing ${missing[*]}"; return 1; fi
  echo "detail: clang $(clang -dumpversion), $(afl-fuzz -h 2>&1 | grep -o 'afl-fuzz++[0-9.a-z]*' | head -1), vm.mmap_rnd_bits=$(cat /proc/sys/vm/mmap_rnd_bits 2>/dev/null || echo '?')"
}

c_presubmit() {
  PROBLEMS=0
  local f
  $SYSPY - "$ROOT" <<'PY' || PROBLEMS=$((PROBLEMS + 1))
import os, sys, yaml
root = sys.argv[1]; bad = 0
def problem(m):
    global bad; bad += 1; print('PROBLEM:', m)
allowed = set('architectures auto_ccs blackbox builds_per_day coverage_extra_args disabled '
              'disable_remediation disable_remediation_pre_review fuzzing_engines help_url homepage '
              'language labels main_repo primary_contact run_tests sanitizers selective_unpack '
              'vendor_ccs view_restrictions file_github_issue indexer base_os_version'.split())
langs = {'c', 'c++', 'go', 'javascript', 'jvm', 'python', 'rust', 'swift', 'ruby'}
sans = {'address', 'none', 'memory', 'undefined', 'thread', 'coverage', 'introspector', 'hwaddress'}
p = yaml.safe_load(open(os.path.join(root, 'oss-fuzz/project.yaml')))
for k in p:
    if k not in allowed: problem('oss-fuzz/project.yaml: key %r not allowed' % k)
if p.get('language') != 'c': problem('oss-fuzz/project.yaml: language must be c')
if not p.get('main_repo'): problem('oss-fuzz/project.yaml: main_repo missing')
for k in ('primary_contact',):
    v = p.get(k, '')
    if '@' not in v or '.' not in v: problem('oss-fuzz/project.yaml: %s must be an e-mail' % k)
for v in p.get('auto_ccs', []):
    if '@' not in v or '.' not in v: problem('oss-fuzz/project.yaml: auto_ccs %r' % v)
names = [s if isinstance(s, str) else next(iter(s)) for s in p.get('sanitizers', [])]
for s in names:
    if s not in sans: problem('oss-fuzz/project.yaml: sanitizer %r' % s)
for s in ('address', 'undefined', 'memory'):
    if s not in names: problem('oss-fuzz/project.yaml: sanitizer %s missing' % s)
if p.get('fuzzing_engines') != ['libfuzzer', 'afl']:
    problem('oss-fuzz/project.yaml: fuzzing_engines must be stated as [libfuzzer, afl]')
if p.get('architectures') != ['x86_64']: problem('oss-fuzz/project.yaml: architectures must be [x86_64]')
c = yaml.safe_load(open(os.path.join(root, '.clusterfuzzlite/project.yaml')))
if c.get('language') != 'c': problem('.clusterfuzzlite/project.yaml: language must be c')
modes = set()
wf = os.path.join(root, '.github/workflows')
for n in sorted(os.listdir(wf)):
    if not n.startswith('cflite_'): continue
    w = yaml.safe_load(open(os.path.join(wf, n)))
    for job in w['jobs'].values():
        uses = [s.get('uses', '') for s in job['steps']]
        for s in job['steps']:
            u = s.get('uses', '')
            if u.startswith('google/clusterfuzzlite/actions/run_fuzzers'):
                modes.add(s['with'].get('mode', 'code-change'))
            if u.startswith('google/clusterfuzzlite/actions/build_fuzzers') and s['with'].get('language') != 'c':
                problem('%s: build_fuzzers without language c' % n)
        if not any(u.startswith('google/clusterfuzzlite/actions/build_fuzzers@') for u in uses):
            problem('%s: a job without build_fuzzers' % n)
for m in ('code-change', 'batch', 'prune', 'coverage'):
    if m not in modes: problem('.github/workflows: no ClusterFuzzLite %s job' % m)
print('workflow modes:', sorted(modes))
sys.exit(1 if bad else 0)
PY
  for f in oss-fuzz/Dockerfile .clusterfuzzlite/Dockerfile; do
    grep -q '^FROM gcr.io/oss-fuzz-base/base-builder' "$f" || problem "$f: not FROM gcr.io/oss-fuzz-base/base-builder"
    awk '{ u = index($0, "apt-get update"); i = index($0, "apt-get install") }
         i && !upd && !(u && u < i) { bad = 1 } u { upd = 1 } END { exit bad }' "$f" \
      || problem "$f: apt-get install before apt-get update"
    grep -q 'apt-get install.* zip' "$f" || problem "$f: does not install zip"
    grep -q '^WORKDIR ' "$f" || problem "$f: no WORKDIR"
    grep -q '^COPY .*build.sh \$SRC/' "$f" || problem "$f: does not COPY build.sh to \$SRC/"
  done
  grep -q '^RUN git clone .* mmfuzz$' oss-fuzz/Dockerfile || problem "oss-fuzz/Dockerfile: does not clone mmfuzz"
  grep -q '^COPY \. \$SRC/mmfuzz' .clusterfuzzlite/Dockerfile || problem ".clusterfuzzlite/Dockerfile: does not COPY the source"
  for f in oss-fuzz/Dockerfile oss-fuzz/build.sh; do
    grep -q 'Licensed under the Apache License, Version 2.0' "$f" || problem "$f: no Apache license header (OSS-Fuzz presubmit)"
  done
  for f in oss-fuzz/build.sh .clusterfuzzlite/build.sh; do
    [ -x "$f" ] || problem "$f: not executable"
    bash -n "$f" || problem "$f: syntax"
    grep -q '^exec "\$SRC/mmfuzz/build.sh"$' "$f" || problem "$f: does not exec \$SRC/mmfuzz/build.sh"
  done
  if grep -rn -- '-lFuzzingEngine' build.sh oss-fuzz .clusterfuzzlite; then problem "-lFuzzingEngine (use \$LIB_FUZZING_ENGINE)"; fi
  if [ -n "$(find oss-fuzz .clusterfuzzlite -name '*.zip')" ]; then problem "a committed *.zip seed corpus"; fi
  [ "$PROBLEMS" -eq 0 ]
  echo "detail: oss-fuzz/, .clusterfuzzlite/, 4 workflow modes"
}

# ---------------------------------------------------------------------------
# Step 1: build exactly as OSS-Fuzz would.
c_build() {
  fzenv "$@"; fzclean
  bash -eux ./build.sh
  echo "detail: $(fz_targets "$OUT" | wc -l) targets in $OUT"
}

# Step 2: static checks on $OUT (§1.6).
c_out() {
  fzenv "$@"
  PROBLEMS=0
  local f t z n want got maxlen big
  cd "$OUT"
  for f in *; do
    [ -e "$f" ] || continue
    if [ -f "$f" ] && [ -x "$f" ]; then
      case "$f" in afl-*|llvm-symbolizer|*.so) problem "unexpected runtime file $f"; continue ;; esac
      [[ "$f" =~ ^[A-Za-z0-9_-]+$ ]] || problem "bad target name: $f"
      grep -q LLVMFuzzerTestOneInput "$f" || problem "executable that is not a fuzz target: $f"
      file -L "$f" | grep -q 'ELF 64-bit.*x86-64' || problem "not an x86-64 ELF: $f"
      if ldd "./$f" | grep -v -E 'linux-vdso|libc\.so|libm\.so|libpthread|libdl\.so|librt\.so|libstdc\+\+|libgcc_s|ld-linux'; then
        problem "unexpected shared libraries (link statically): $f"
      fi
      if nm "$f" 2>/dev/null | grep -q ' T main$' && ! nm "$f" | grep -q -E 'LLVMFuzzerRunDriver|__afl_persistent_loop|_ZN6fuzzer'; then
        problem "$f has a main() but no engine (the standalone replay main?)"
      fi
    else
      case "$f" in
        *_seed_corpus.zip|*.dict|*.options) ;;
        *) problem "unexpected file in \$OUT: $f" ;;
      esac
    fi
  done
  want=$(src_targets | sort | tr '\n' ' ')
  got=$(fz_targets "$OUT" | sort | tr '\n' ' ')
  [ "$want" = "$got" ] || problem "targets in \$OUT ($got) != fuzzers/fuzz_*.c ($want)"
  for z in *_seed_corpus.zip; do
    [ -e "$z" ] || continue
    t=${z%_seed_corpus.zip}
    [ -x "$t" ] || problem "seed zip not named after a target: $z"
  done
  for f in *.dict *.options; do
    [ -e "$f" ] || continue
    t=${f%.*}
    [ -x "$t" ] || grep -q "dict *= *$f" ./*.options 2>/dev/null || problem "orphan side file: $f"
  done
  for t in $got; do
    [ -f "${t}_seed_corpus.zip" ] || problem "$t: no ${t}_seed_corpus.zip"
    [ -f "$t.dict" ] || problem "$t: no $t.dict"
    [ -f "$t.options" ] || problem "$t: no $t.options"
    if [ -f "${t}_seed_corpus.zip" ]; then
      n=$(unzip -Z1 "${t}_seed_corpus.zip" | grep -vc '/$' || true)
      [ "$n" -gt 0 ] || problem "$t: empty seed zip"
      if [ -d "$ROOT/corpus/$t" ]; then
        want=$(cd "$ROOT/corpus/$t" && find . -type f | sed 's|^\./||' | sort | md5sum)
        [ "$(unzip -Z1 "${t}_seed_corpus.zip" | grep -v '/$' | sort | md5sum)" = "$want" ] \
          || problem "$t: seed zip does not hold exactly corpus/$t/"
      fi
    fi
    if [ -f "$t.options" ]; then
      python3 -c 'import configparser,sys; c=configparser.ConfigParser(); c.read_string(open(sys.argv[1]).read()); print(sys.argv[1], c.sections())' "$t.options" \
        || problem "$t.options: not INI"
      f=$(opt_flags "$t.options" | sed -n 's/^-dict=//p')
      if [ -n "$f" ] && [ ! -f "$f" ]; then problem "$t.options: dict $f not in \$OUT"; fi
      maxlen=$(opt_flags "$t.options" | sed -n 's/^-max_len=//p')
      if [ -n "$maxlen" ] && [ -d "$ROOT/corpus/$t" ]; then
        # ClusterFuzz silently drops seeds larger than max_len (pitfall 16).
        big=$(find "$ROOT/corpus/$t" -type f -size +"${maxlen}"c | wc -l)
        [ "$big" -eq 0 ] || problem "$t: $big seeds larger than max_len=$maxlen"
      fi
    fi
    if [ -f "$t.dict" ]; then
      # libFuzzer's syntax: name="value" or "value", comments, blank lines.
      if grep -v -E '^[[:space:]]*(#.*)?$' "$t.dict" | grep -v -E '^[A-Za-z0-9_]*[[:space:]]*=?[[:space:]]*".*"[[:space:]]*$'; then
        problem "$t.dict: lines not in dictionary syntax"
      fi
    fi
  done
  [ "$PROBLEMS" -eq 0 ]
  echo "detail: $(echo $got | wc -w) targets, seed zips/dicts/options complete"
}

# Step 3: every object is instrumented (pitfall 17).
fz_only_hooks() {   # defines only functions AFL++ leaves uninstrumented (§3)
  ! nm --defined-only "$1" | awk '$2 == "T" {print $3}' \
    | grep -q -v -E '^LLVMFuzzer(CustomMutator|CustomCrossOver|Initialize)$'
}
# The source of a CMake object (DIR/CMakeFiles/T.dir/base/arena.c.o ->
# $ROOT/base/arena.c) says itself that it opts out of coverage: a source
# whose functions all carry no_sanitize("coverage") (base/arena.c, whose
# branches depend on earlier runs) is exempt from the coverage test.
fz_no_coverage() {
  local rel=${1##*.dir/}
  rel=${rel%.o}
  [ -f "$ROOT/$rel" ] &&
    grep -q 'attribute push(__attribute__((no_sanitize("coverage"))), apply_to = function)' "$ROOT/$rel"
}
c_objects() {
  fzenv "$@"
  PROBLEMS=0
  local san cov o n=0 extra= optout=0
  case $SANITIZER in address) san=__asan_init ;; memory) san=__msan_init ;; *) san= ;; esac
  case $FUZZING_ENGINE-$SANITIZER in
    *-coverage) cov=__profc_ ;;
    afl-*)      cov=__afl_area_ptr ;;
    *)          cov=__sanitizer_cov_8bit_counters_init ;;
  esac
  [ "${3:-}" = cmplog ] && extra=__cmplog_
  for o in $(find "$WORK" -name '*.o' | sort); do
    n=$((n + 1))
    if [ -n "$san" ] && ! nm "$o" | grep -q "$san"; then problem "not $SANITIZER-instrumented: $o"; fi
    if [ "$SANITIZER" = undefined ] && nm "$o" | grep -q -E '__(asan|msan)_init'; then problem "other sanitizer in $o"; fi
    if [ "$FUZZING_ENGINE" = afl ] && fz_only_hooks "$o"; then continue; fi
    if fz_no_coverage "$o"; then optout=$((optout + 1)); continue; fi
    if ! nm "$o" | grep -q "$cov"; then problem "no $cov (coverage instrumentation): $o"; fi
    if [ "$FUZZING_ENGINE" = afl ] && ! nm "$o" | grep -q __sanitizer_cov_trace_pc_guard_init; then
      problem "no __sanitizer_cov_trace_pc_guard_init: $o"
    fi
  done
  [ "$n" -gt 0 ] || problem "no objects under $WORK"
  if [ "$SANITIZER" = undefined ]; then
    san="__ubsan_handle_* in $(for o in $(find "$WORK" -name '*.o'); do nm "$o" | grep -q ' U __ubsan_handle_' && echo "$o"; done | wc -l)"
    [ "${san##* in }" -gt 0 ] || problem "no object calls a __ubsan_handle_* function"
  fi
  if [ -n "$extra" ]; then
    for t in $(fz_targets "$OUT"); do
      nm "$OUT/$t" | grep -q "$extra" || problem "$t: no CmpLog hooks ($extra*)"
    done
  fi
  [ "$PROBLEMS" -eq 0 ]
  echo "detail: $n objects with ${san:+$san + }$cov${extra:+ + $extra} ($optout opting out of coverage by their source)"
}

# Step 4: OSS-Fuzz's build check (§1.9), from a relocated $OUT.
fz_check_mixed() {  # counts calls to __asan*, __msan*, __ubsan*, __dfsan* in one objdump pass
  local t=$1 a m u d ok=1
  read -r a m u d < <(objdump -dC "$t" | awk '/call.*<__asan/ { a++ } /call.*<__msan/ { m++ }
      /call.*<__ubsan/ { u++ } /call.*<__dfsan/ { d++ } END { print a + 0, m + 0, u + 0, d + 0 }')
  case $SANITIZER in
    address)   [ "$a" -ge 1000 ] && [ "$m" -le 3 ] && [ "$u" -le 200 ] && [ "$d" -eq 0 ] || ok=0 ;;
    memory)    [ "$m" -ge 1000 ] && [ "$a" -eq 0 ] && [ "$u" -le 200 ] && [ "$d" -eq 0 ] || ok=0 ;;
    undefined) [ "$u" -ge 168 ]  && [ "$a" -eq 0 ] && [ "$m" -le 3 ]   && [ "$d" -eq 0 ] || ok=0 ;;
  esac
  echo "$(basename "$t"): $a asan, $m msan, $u ubsan, $d dfsan calls"
  [ "$ok" = 1 ] || problem "mixed or missing sanitizer: $(basename "$t") ($a asan, $m msan, $u ubsan, $d dfsan)"
}
relocate() {        # move $OUT to a random directory (OSS-Fuzz's check does)
  local moved
  moved=$(mktemp -d "$FZ/relocated-$CFG.XXXXXX")
  rmdir "$moved" && mv "$OUT" "$moved"
  echo "$moved" > "$FZ/relocated-$CFG"
}
relocated() { cat "$FZ/relocated-$CFG"; }
c_probe() {
  fzenv "$@"
  PROBLEMS=0
  local t log n targets warn=
  relocate
  R=$(relocated)
  targets=$(fz_targets "$R")
  [ -n "$targets" ] || problem "no targets in $R"
  for t in $targets; do
    file -L "$R/$t" | grep -q 'x86-64' || problem "$t: not x86-64"
    fz_check_mixed "$R/$t"
    [ "$FUZZING_ENGINE" = libfuzzer ] || continue
    if ! log=$(cd / && env $(run_env "$SANITIZER") "$R/$t" -seed=1337 -runs=4 -rss_limit_mb=2560 -timeout=25 </dev/null 2>&1); then
      printf '%s\n' "$log" | tail -20; problem "$t: startup failure"; continue
    fi
    printf '%s\n' "$log" | grep -q 'Done 4 runs' || problem "$t: no 'Done 4 runs'"
    if printf '%s\n' "$log" | grep -q 'Is the code instrumented'; then problem "$t: no coverage instrumentation"; fi
    n=$(printf '%s\n' "$log" | sed -n 's/^INFO: Loaded [0-9]* modules *(\([0-9]*\) .*/\1/p' | head -1)
    echo "$t: ${n:-0} coverage counters"
    if [ "${n:-0}" -lt 100 ]; then warn="$warn $t"; echo "WARNING: $t has only ${n:-0} coverage counters"; fi
  done
  [ "$PROBLEMS" -eq 0 ]
  echo "detail: $(echo $targets | wc -w) targets from $(basename "$R")${warn:+, few counters:$warn}"
}

# Step 5a: every seed corpus runs clean (libFuzzer -runs=0; AFL++ builds take
# the seeds as file arguments, pitfall 9).
unzip_seeds() {     # unzip_seeds ZIP DIR
  rm -rf "$2"; mkdir -p "$2"
  if [ -f "$1" ]; then unzip -oq "$1" -d "$2"; fi
}
c_seeds() {
  fzenv "$@"
  PROBLEMS=0
  local t c log n total=0
  R=$(relocated)
  for t in $(fz_targets "$R"); do
    c=$FZ/seeds/$CFG/$t
    unzip_seeds "$R/${t}_seed_corpus.zip" "$c"
    n=$(find "$c" -type f | wc -l); total=$((total + n))
    [ "$n" -gt 0 ] || problem "$t: no seeds"
    if [ "$FUZZING_ENGINE" = libfuzzer ]; then
      # As OSS-Fuzz's runner: from $OUT, its options appended, a '--' inserted.
      log=$(cd "$R" && env $(run_env "$SANITIZER" "$R/$t.options") "./$t" -runs=0 -rss_limit_mb=2560 -timeout=25 -artifact_prefix="$c-" -- "$c" $(opt_flags "$R/$t.options") </dev/null 2>&1) \
        || { printf '%s\n' "$log" | grep -m3 -E '^(mmfuzz: |==[0-9]+==ERROR|SUMMARY|Running: )' || printf '%s\n' "$log" | tail -30
             problem "$t: a seed fails (-runs=0)"; continue; }
      printf '%s\n' "$log" | grep -E '^(INFO: +[0-9]+ files found|#[0-9]+ +INITED|Done)' || true
    else
      log=$(cd / && env ASAN_OPTIONS=detect_leaks=1:symbolize=1 "$R/$t" $(find "$c" -type f | sort) </dev/null 2>&1) \
        || { printf '%s\n' "$log" | grep -m3 -E '^(mmfuzz: |==[0-9]+==ERROR|SUMMARY|Reading )' || printf '%s\n' "$log" | tail -30
             problem "$t: a seed fails (file arguments)"; continue; }
      [ "$(printf '%s\n' "$log" | grep -c '^Execution successful')" -eq "$n" ] \
        || { printf '%s\n' "$log" | tail -10; problem "$t: not every seed was run"; }
    fi
    echo "$t: $n seeds clean"
  done
  [ "$PROBLEMS" -eq 0 ]
  echo "detail: $total seeds clean"
}

# Step 5b: bounded smoke fuzzing from the seeds, era current: must find nothing.
c_smoke() {
  fzenv "$@"
  PROBLEMS=0
  local t c log rc done_runs summary=
  R=$(relocated)
  for t in $(fz_targets "$R"); do
    c=$FZ/smoke/$CFG/$t
    rm -rf "$c"; mkdir -p "$c/new" "$c/art"
    rc=0
    log=$(cd "$R" && env $(run_env "$SANITIZER" "$R/$t.options") "./$t" -seed=1337 -runs="$FZ_RUNS" \
            -max_total_time="$FZ_SMOKE_MAX_SECS" -print_final_stats=1 -rss_limit_mb=2560 -timeout=25 \
            -artifact_prefix="$c/art/" -- "$c/new" "$FZ/seeds/$CFG/$t" $(opt_flags "$R/$t.options") </dev/null 2>&1) || rc=$?
    printf '%s\n' "$log" | grep -E '^(#[0-9]+ +(INITED|DONE)|Done|stat::(number_of_executed_units|average_exec_per_sec|new_units_added))' || true
    if [ "$rc" -ne 0 ]; then
      printf '%s\n' "$log" | grep -m3 -E '^(mmfuzz: |==[0-9]+==ERROR|SUMMARY)' || printf '%s\n' "$log" | tail -20
      problem "$t: FOUND SOMETHING (exit $rc), artifact $(ls "$c"/art/* 2>/dev/null | head -1); decode: mmfuzz decode --target $t ARTIFACT"
      continue
    fi
    done_runs=$(printf '%s\n' "$log" | sed -n 's/^Done \([0-9]*\) runs.*/\1/p' | tail -1)
    # Hitting the time cap means fewer runs than asked: a failure, not a silent cut.
    [ "${done_runs:-0}" -ge "$FZ_RUNS" ] || problem "$t: only ${done_runs:-0}/$FZ_RUNS runs in the ${FZ_SMOKE_MAX_SECS} s cap"
    summary="$summary $t=${done_runs:-0}"
  done
  [ "$PROBLEMS" -eq 0 ]
  echo "detail: runs per target:$summary, nothing found"
}

# Step 6: AFL++ runs gated on saved_crashes (pitfall 7: afl-fuzz exits 0).
# afl_run TARGET SECS OUTDIR [CMPLOG_BINARY]; env ENV... before it for the target.
afl_run() {
  local t=$1 secs=$2 o=$3 cmplog=${4:-} in=$3-in
  R=$(relocated)
  unzip_seeds "$R/${t}_seed_corpus.zip" "$in"
  rm -rf "$o"
  env -u ASAN_OPTIONS -u MSAN_OPTIONS -u UBSAN_OPTIONS -u LSAN_OPTIONS "${AFL_RUN_ENV[@]}" \
    timeout $((secs + 120)) afl-fuzz -V "$secs" -i "$in" -o "$o" \
      $(if [ -f "$R/$t.dict" ]; then echo "-x $R/$t.dict"; fi) \
      $(if [ -n "$cmplog" ]; then echo "-c $cmplog -l 2"; fi) \
      -m none -t 5000+ -- "$R/$t" </dev/null > "$o.log" 2>&1 || true
}
afl_stat() { sed -n "s/^$1 *: *//p" "$2/default/fuzzer_stats" | sed 's/ *$//'; }
c_afl() {
  fzenv address afl
  PROBLEMS=0
  local t secs o crashes summary= cmplog_bin=
  if [ "${1:-}" = cmplog ]; then cmplog_bin=$(cat "$FZ/relocated-afl-address-cmplog")/fuzz_cow; fi
  for t in $(if [ -n "$cmplog_bin" ]; then echo fuzz_cow; else fz_targets "$(relocated)"; fi); do
    secs=$FZ_AFL_SHORT_SECS
    if [ "$t" = fuzz_cow ] && [ -z "$cmplog_bin" ]; then secs=$FZ_AFL_SECS; fi
    o=$FZ/afl/$t${cmplog_bin:+-cmplog}
    afl_run "$t" "$secs" "$o" "$cmplog_bin"
    if [ ! -f "$o/default/fuzzer_stats" ]; then
      tail -30 "$o.log"; problem "$t: afl-fuzz did not start (log $o.log)"; continue
    fi
    grep -q 'All set and ready to roll' "$o.log" || problem "$t: no 'All set and ready to roll'"
    grep -E '^(execs_done|execs_per_sec|corpus_count|stability|saved_crashes|saved_hangs|target_mode|command_line) ' "$o/default/fuzzer_stats"
    [ "$(afl_stat target_mode "$o")" = "persistent shmem_testcase deferred" ] || problem "$t: not persistent/shmem/deferred"
    [ "$(afl_stat execs_done "$o")" -gt 0 ] || problem "$t: no executions"
    crashes=$(afl_stat saved_crashes "$o")
    if [ "$crashes" != 0 ]; then
      for f in $(ls "$o"/default/crashes/id:* 2>/dev/null | head -3); do
        "$(relocated)/$t" "$f" </dev/null 2>&1 | grep -m2 -E '^(mmfuzz: |==[0-9]+==ERROR|SUMMARY)' || true
      done
      problem "$t: afl-fuzz saved $crashes crash(es) in $o/default/crashes/"
    fi
    summary="$summary $t=$(afl_stat execs_done "$o")execs/${crashes}crashes"
  done
  [ "$PROBLEMS" -eq 0 ]
  echo "detail:${summary}${cmplog_bin:+ (CmpLog -c, -l 2)}"
}

# Step 7: coverage build's report (merge mode survives crashing inputs).
c_coverage() {
  fzenv coverage libfuzzer
  PROBLEMS=0
  local t cov lines summary=
  for t in $(fz_targets "$OUT"); do
    cov=$FZ/cov/$t
    rm -rf "$cov"; mkdir -p "$cov/empty"
    unzip_seeds "$OUT/${t}_seed_corpus.zip" "$cov/seed"
    LLVM_PROFILE_FILE="$cov/$t.%1m.profraw" "$OUT/$t" -merge=1 -timeout=100 -- "$cov/empty" "$cov/seed" \
      $(if [ -d "$FZ/smoke/libfuzzer-address/$t/new" ]; then echo "$FZ/smoke/libfuzzer-address/$t/new"; fi) \
      > "$cov/merge.log" 2>&1 || { tail -20 "$cov/merge.log"; problem "$t: merge replay failed"; continue; }
    llvm-profdata merge -sparse "$cov"/*.profraw -o "$cov/$t.profdata"
    llvm-cov report -instr-profile="$cov/$t.profdata" -object="$OUT/$t" -ignore-filename-regex='.*/fuzzers/.*' > "$cov/report.txt"
    llvm-cov show -format=html -output-dir="$cov/html" -instr-profile="$cov/$t.profdata" \
      -object="$OUT/$t" -ignore-filename-regex='.*/fuzzers/.*'
    [ -f "$cov/html/index.html" ] || problem "$t: no HTML report"
    # TOTAL: regions missed cover% functions missed executed% lines missed cover% ...
    lines=$(awk '$1 == "TOTAL" { print $10 }' "$cov/report.txt")
    echo "$t: $(grep '^TOTAL' "$cov/report.txt")"
    case "${lines:-}" in ""|0.00%|-) problem "$t: no line coverage (${lines:-no TOTAL})" ;; esac
    summary="$summary $t=${lines}"
  done
  [ "$PROBLEMS" -eq 0 ]
  echo "detail: line coverage (fuzzers/ excluded):$summary"
}

# Step 8: the CMake presets (libfuzzer, afl) build engine targets.
c_cmake() {
  fzenv address "$1"
  CFG=cmake-$CFG
  PROBLEMS=0
  local b=$FZ/build/$CFG t log n
  rm -rf "$b"
  (unset CC CXX CFLAGS CXXFLAGS LIB_FUZZING_ENGINE
   cmake --preset "$1" -B "$b")
  cmake --build "$b" -j2 --target fuzz-targets
  for t in $(src_targets); do
    [ -x "$b/fuzzers/$t" ] || { problem "$t: not built by CMake"; continue; }
    rm -rf "$b/seeds-$t"; mkdir -p "$b/seeds-$t"
    if [ -d "$ROOT/corpus/$t" ]; then cp -r "$ROOT/corpus/$t/." "$b/seeds-$t/"; fi
    if [ "$1" = libfuzzer ]; then
      log=$(env $(run_env address) "$b/fuzzers/$t" -seed=1337 -runs=4 </dev/null 2>&1) && printf '%s\n' "$log" | grep -q 'Done 4 runs' \
        || { printf '%s\n' "$log" | tail -20; problem "$t: CMake libFuzzer build fails its probe"; }
    else
      n=$(find "$b/seeds-$t" -type f | wc -l)
      log=$(env ASAN_OPTIONS=detect_leaks=1 "$b/fuzzers/$t" $(find "$b/seeds-$t" -type f | sort) </dev/null 2>&1) \
        && [ "$(printf '%s\n' "$log" | grep -c '^Execution successful')" -eq "$n" ] \
        || { printf '%s\n' "$log" | tail -20; problem "$t: CMake AFL++ build fails on its seeds"; }
    fi
  done
  [ "$PROBLEMS" -eq 0 ]
  echo "detail: $(src_targets | wc -l) targets built and run"
}

# Step 9: regression replay without a fuzzer runtime (standalone main, ctest).
c_replay() {
  local b=$FZ/build/replay out
  rm -rf "$b"
  (unset CC CXX CFLAGS CXXFLAGS LIB_FUZZING_ENGINE
   cmake --preset dev -B "$b" >/dev/null
   cmake --build "$b" -j2 --target fuzz-targets)
  out=$(ctest --test-dir "$b" -R '^fuzz/' --output-on-failure 2>&1); rc=$?
  printf '%s\n' "$out"
  [ "$rc" -eq 0 ] || return 1
  printf '%s\n' "$out" | grep -q '100% tests passed' || { echo "PROBLEM: no replay test ran"; return 1; }
  echo "detail: $(printf '%s\n' "$out" | grep -c 'Passed') replay tests (ASan+UBSan standalone main)"
}

# Step 10: positive control and reproduction as OSS-Fuzz does (§5.1): with
# the buggy knob fork_share_pinned, the seeds must reach the bug, the artifact
# must reproduce (-runs=100 -rss_limit_mb=2560 -timeout=65) with the same
# first line twice, must not reproduce without the knob, and the AFL++ gate
# must count crashes.
c_reproduce() {
  fzenv address libfuzzer
  PROBLEMS=0
  local t=fuzz_cow knob=fork_share_pinned=on c=$FZ/repro R a log1 log2 t1 t2 rc o crashes
  R=$(relocated)
  rm -rf "$c"; mkdir -p "$c/art"
  (cd "$R" && env $(run_env address) MMFUZZ_KNOBS=$knob "./$t" -runs=0 -artifact_prefix="$c/art/" -- "$FZ/seeds/$CFG/$t" </dev/null > "$c/find.log" 2>&1) \
    && problem "$knob: the seeds did not reach the bug"
  a=$(ls "$c"/art/crash-* 2>/dev/null | head -1)
  if [ -z "$a" ]; then tail -20 "$c/find.log"; problem "no crash artifact"; else
    rc=0; log1=$(cd "$R" && env $(run_env address) MMFUZZ_KNOBS=$knob "./$t" -runs=100 -rss_limit_mb=2560 -timeout=65 "$a" </dev/null 2>&1) || rc=$?
    [ "$rc" -ne 0 ] || problem "artifact does not reproduce with $knob"
    log2=$(cd "$R" && env $(run_env address) MMFUZZ_KNOBS=$knob "./$t" -runs=100 -rss_limit_mb=2560 -timeout=65 "$a" </dev/null 2>&1) || true
    t1=$(printf '%s\n' "$log1" | grep -m1 '^mmfuzz: ' || true)
    t2=$(printf '%s\n' "$log2" | grep -m1 '^mmfuzz: ' || true)
    echo "title: $t1"
    [ -n "$t1" ] && [ "$t1" = "$t2" ] || problem "unstable or missing first line: '$t1' vs '$t2'"
    case "$t1" in "mmfuzz: violation pin-coherence/P6 "*) ;; *) problem "unexpected title: $t1" ;; esac
    (cd "$R" && env $(run_env address) "./$t" -runs=100 "$a" </dev/null > "$c/noknob.log" 2>&1) \
      || { tail -10 "$c/noknob.log"; problem "artifact crashes without the knob too"; }
  fi
  fzenv address afl
  o=$FZ/afl/positive-control
  # Stops at the first crash (at most 60 s).
  (export MMFUZZ_KNOBS=$knob AFL_BENCH_UNTIL_CRASH=1; afl_run "$t" 60 "$o")
  if [ -f "$o/default/fuzzer_stats" ]; then
    crashes=$(afl_stat saved_crashes "$o")
    echo "afl-fuzz with $knob: saved_crashes $crashes after $(afl_stat execs_done "$o") execs"
    [ "$crashes" -gt 0 ] || problem "the AFL++ gate saw no crash with $knob"
    a=$(ls "$o"/default/crashes/id:* 2>/dev/null | head -1)
    if [ -n "$a" ]; then
      t2=$(MMFUZZ_KNOBS=$knob ASAN_OPTIONS=detect_leaks=0 "$(relocated)/$t" "$a" </dev/null 2>&1 | grep -m1 '^mmfuzz: ' || true)
      echo "AFL++ crash replayed: $t2"
      case "$t2" in "mmfuzz: violation "*) ;; *) problem "the AFL++ crash does not replay with a violation report" ;; esac
    fi
  else
    tail -20 "$o.log"; problem "afl-fuzz did not start (positive control)"
  fi
  [ "$PROBLEMS" -eq 0 ]
  echo "detail: $knob found from seeds, reproduced as '${t1:-?}', AFL++ saved ${crashes:-0} crashes"
}

# ---------------------------------------------------------------------------
echo "check-fuzz-build: scratch $FZ, runs $FZ_RUNS, afl $FZ_AFL_SECS s"
bits=$(cat /proc/sys/vm/mmap_rnd_bits 2>/dev/null || echo 28)
if [ "$bits" -gt 28 ]; then   # OSS-Fuzz forces 28 (pitfall 22)
  sysctl -w vm.mmap_rnd_bits=28 >/dev/null 2>&1 || echo "check-fuzz-build: WARNING: vm.mmap_rnd_bits=$bits (OSS-Fuzz uses 28); MSan may fail"
fi
check tools c_tools
if [ "$nfail" -ne 0 ]; then
  echo "fuzz-checks: $npass passed, $nfail failed"
  exit 1
fi
check presubmit c_presubmit

for cfg in "address libfuzzer" "undefined libfuzzer" "memory libfuzzer" "address afl" "address afl cmplog" "coverage libfuzzer"; do
  set -- $cfg
  name=$2-$1${3:+-$3}
  check "build/$name" c_build "$@"
  if [ ! -d "$FZ/out/$name" ] || [ -z "$(fz_targets "$FZ/out/$name")" ]; then continue; fi
  check "out/$name" c_out "$@"
  check "objects/$name" c_objects "$@"
  [ "$1" = coverage ] && continue
  check "probe/$name" c_probe "$@"
  [ "${3:-}" = cmplog ] && continue
  check "seeds/$name" c_seeds "$@"
  if [ "$2" = libfuzzer ]; then check "smoke/$name" c_smoke "$@"; fi
done
check afl/fuzz_cow+others c_afl
check afl/cmplog c_afl cmplog
check coverage/report c_coverage
check cmake/libfuzzer c_cmake libfuzzer
check cmake/afl c_cmake afl
check replay/ctest c_replay
check reproduce/positive-control c_reproduce

echo "fuzz-checks: $npass passed, $nfail failed"
if [ "$nfail" -ne 0 ]; then
  echo "check-fuzz-build: FAILED: ${failed[*]}; logs kept in $LOGS"
  exit 1
fi
if [ "${FZ_KEEP:-0}" = 1 ]; then echo "check-fuzz-build: kept $FZ"; else rm -rf "$FZ"; fi
