#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# tests/journey.sh - the fuzzing workflow as a new user lives it, on a
# fresh clone of the committed tree (HEAD), step by step:
#
#   1. ./build.sh -h; the quick start's first command, ./build.sh fuzz,
#      which also builds the mmfuzz tool and says where it is;
#   2. a buggy-knob run with -j 2 that stores a finding under findings/;
#   3. a second run, which leaves the first finding in place and grows
#      the kept corpus;
#   4. the "triage it with" hint run exactly as build.sh printed it: no
#      flag, reduced to <= 8 statements; the "read it with" hint too;
#   5. mmfuzz repro-c on the reproducer, compiled;
#   6. cmake --install of the tool;
#   7. the bad inputs: a bad era, knob, target, MMFUZZ_ONLY id, SECONDS,
#      engine flag, a missing triage input, each exits 2 with a message
#      on stderr, before any build, and no sanitizer report.
#
# Each step guards a bug that once was there (README "Scaling out" and
# "Findings"): a step that fails prints what it ran and its output.
#
#   tests/journey.sh [SCRATCH_DIR]      (default: a new directory under
#                                        ${TMPDIR:-/var/tmp}; kept on failure)
set -uo pipefail

SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCRATCH=${1:-$(mktemp -d "${TMPDIR:-/var/tmp}/mmfuzz-journey.XXXXXX")}
mkdir -p "$SCRATCH"
LOG=$SCRATCH/log
steps=0

fail() {
  echo "journey: FAIL: $*" >&2
  echo "journey: scratch directory kept: $SCRATCH" >&2
  exit 1
}

# run NAME WANT_STATUS COMMAND...: run in the clone, output in $LOG.
run() {
  local name=$1 want=$2 rc
  shift 2
  steps=$((steps + 1))
  echo "journey: $name: $*"
  (cd "$CLONE" && "$@") > "$LOG.out" 2> "$LOG.err"
  rc=$?
  if [ "$rc" != "$want" ]; then
    sed 's/^/  stdout: /' "$LOG.out" | tail -40
    sed 's/^/  stderr: /' "$LOG.err" | tail -40
    fail "$name: exit $rc, want $want"
  fi
}

# The last run's output must (or, with !, must not) match an ERE.
want_out() { grep -qE -- "$1" "$LOG.out" || { cat "$LOG.out"; fail "stdout lacks /$1/"; }; }
want_err() { grep -qE -- "$1" "$LOG.err" || { cat "$LOG.err"; fail "stderr lacks /$1/"; }; }
no_sanitizer() {
  if grep -qE 'ERROR: (Address|UndefinedBehavior|Leak)Sanitizer|runtime error:|CRASH|decode' "$LOG.out" "$LOG.err"; then
    cat "$LOG.out" "$LOG.err"
    fail "a sanitizer report, a CRASH or a decode hint for a usage error"
  fi
}

CLONE=$SCRATCH/mmfuzz
rm -rf "$CLONE"
git clone -q "$SRC" "$CLONE" || fail "git clone $SRC"

# 1. Help and the quick start.
run "help" 0 ./build.sh -h
want_out '^usage: \./build\.sh'
run "quick start" 0 ./build.sh fuzz fuzz_cow 5
want_out 'the mmfuzz tool: build-release/mmfuzz'
want_out 'no crash in 5 s'
MMFUZZ=$CLONE/build-release/mmfuzz
[ -x "$MMFUZZ" ] || fail "no build-release/mmfuzz"
run "mmfuzz --version" 0 "$MMFUZZ" --version
want_out '^mmfuzz [0-9]+\.[0-9]+\.[0-9]+ \(git '

# 2. A buggy knob, two processes.
export MMFUZZ_KNOBS=fork_share_pinned=on
run "buggy knob, -j 2" 1 ./build.sh fuzz fuzz_cow 60 -j 2
want_out 'fuzzing fuzz_cow for 60 s, 2 process\(es\): era current, knobs fork_share_pinned=on, MMFUZZ_ONLY all'
want_out 'new finding: findings/fuzz_cow/pin-coherence-P6-fork-[0-9a-f]{8}/'
finding=$(sed -n 's/^build.sh: fuzz_cow: new finding: \(.*\)\/$/\1/p' "$LOG.out" | head -1)
[ -f "$CLONE/$finding/finding.txt" ] || fail "no $finding/finding.txt"
grep -q '^knobs=fork_share_pinned=on$' "$CLONE/$finding/finding.txt" || fail "finding.txt lacks the knobs"
triage_hint=$(sed -n 's/^build.sh: triage it with:  //p' "$LOG.out")
decode_hint=$(sed -n 's/^build.sh: read it with:    //p' "$LOG.out")
sum1=$(cd "$CLONE/$finding" && sha1sum ./* | sha1sum)
corpus1=$(find "$CLONE/build-fuzz/fuzz-fuzz_cow/corpus" -type f | wc -l)

# 3. A second run keeps the first finding and the corpus.
run "second run" 1 ./build.sh fuzz fuzz_cow 60
want_out '(new|known) finding: findings/fuzz_cow/'
[ "$(cd "$CLONE/$finding" && sha1sum ./* | sha1sum)" = "$sum1" ] || fail "the first finding changed or went"
corpus2=$(find "$CLONE/build-fuzz/fuzz-fuzz_cow/corpus" -type f | wc -l)
[ "$corpus2" -ge "$corpus1" ] || fail "the corpus shrank from $corpus1 to $corpus2 inputs"
unset MMFUZZ_KNOBS

# 4. The hints, run as printed: no flag.
[ -n "$triage_hint" ] && [ -n "$decode_hint" ] || fail "no triage or decode hint"
run "triage hint" 0 $triage_hint
want_out 'bucket 1: violation pin-coherence/P6 in fork: [0-9]+ input\(s\), [0-9]+ -> [1-8] statements'
repro=$(sed -n 's/^  \(.*repro\.mm\)$/\1/p' "$LOG.out" | head -1)
run "mmfuzz run repro.mm" 0 "$MMFUZZ" run "$repro"
run "decode hint" 0 $decode_hint
want_out '^knob fork_share_pinned=on$'

# 5. repro-c on the reproducer.
run "repro-c" 0 "$MMFUZZ" repro-c "$repro" -o "$SCRATCH/repro.c"
run "cc repro.c" 0 cc -std=c11 -Wall -Werror -O2 -o "$SCRATCH/repro" "$SCRATCH/repro.c"

# 6. Installing the tool.
run "cmake --install" 0 cmake --install build-release --prefix "$SCRATCH/prefix"
run "installed mmfuzz" 0 "$SCRATCH/prefix/bin/mmfuzz" --help

# 7. Bad inputs: exit 2, a message on stderr, nothing built, no report.
touch "$CLONE/out/fuzz_cow.stamp"
for bad in "MMFUZZ_ERA=9.9|eras: .*5\.7" "MMFUZZ_KNOBS=fork_copy_wrprotects_parent=on|not modelled" \
           "MMFUZZ_KNOBS=no_such_knob=on|knobs: .*fork_share_pinned" \
           "MMFUZZ_ONLY=Q9|ids: .*P6" "MMFUZZ_MUTATOR=nosuch|structure or bytes"; do
  run "bad ${bad%%|*}" 2 env "${bad%%|*}" ./build.sh fuzz fuzz_cow 5
  want_err "${bad#*|}"
  no_sanitizer
done
[ "$CLONE/out/fuzz_cow.stamp" -nt "$CLONE/out/fuzz_cow" ] || fail "a bad variable still rebuilt the targets"
run "bad target" 2 ./build.sh fuzz fuzz_nosuch 5
want_err "targets: fuzz_cow fuzz_lang fuzz_mm"
no_sanitizer
run "bad SECONDS" 2 ./build.sh fuzz fuzz_cow soon
want_err 'SECONDS must be a positive number'
run "bad -j" 2 ./build.sh fuzz fuzz_cow 5 -j 0
want_err '-j wants a positive number'
run "engine flag build.sh sets" 2 ./build.sh fuzz fuzz_cow 5 -max_total_time=9
want_err 'build.sh sets it itself'
run "unknown engine flag" 2 ./build.sh fuzz fuzz_cow 5 -no_such_flag=1
want_err "libFuzzer has no flag '-no_such_flag'"
no_sanitizer
run "afl engine flag" 2 ./build.sh afl fuzz_cow 5 -max_len=9
run "triage, missing input" 2 "$MMFUZZ" triage "$SCRATCH/no-such-crash"
want_err 'No such file or directory'
run "mmfuzz run on a crash file" 2 "$MMFUZZ" run "$CLONE/$finding"/crash-*
want_err "decode $CLONE/$finding/crash-"

echo "journey: $steps steps passed"
rm -rf "$SCRATCH"
