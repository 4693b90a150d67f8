#!/bin/bash -eu
# SPDX-License-Identifier: MIT
#
# corpus/generate.sh - regenerate the seed corpora and the binary
# dictionaries from scenarios/ with `mmfuzz encode`.  Nobody edits seed
# bytes by hand: change a scenario, run this, commit the result.
#
#   corpus/fuzz_mm/NAME       every scenario, full alphabet, no directives
#   corpus/fuzz_cow/NAME      the scenarios the cow alphabet can express
#   corpus/fuzz_thp/NAME      the scenarios the thp alphabet can express
#                             (they run with its config thp=always,
#                             mthp=16k,64k whatever their config lines say)
#   corpus/fuzz_race/NAME     the scenarios the race alphabet can express
#                             (the cow alphabet with stepwise threads)
#   corpus/fuzz_lang/NAME.mm  the scenario text itself
#   dict/fuzz_mm.dict, dict/fuzz_cow.dict, dict/fuzz_thp.dict,
#   dict/fuzz_race.dict
#                             encoded single statements
#
# Usage: corpus/generate.sh [PATH_TO_MMFUZZ]
# Without an argument, mmfuzz is built with the CMake release preset
# (build-release/mmfuzz).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MMFUZZ="${1:-}"
if [ -z "$MMFUZZ" ]; then
  (cd "$ROOT" && cmake --preset release >/dev/null && cmake --build --preset release >/dev/null)
  MMFUZZ="$ROOT/build-release/mmfuzz"
fi

# The alphabets that say a subset of the scenarios (fuzz_mm says all).
SUBSET_TARGETS="fuzz_cow fuzz_thp fuzz_race"
for t in fuzz_mm $SUBSET_TARGETS fuzz_lang; do
  rm -rf "${ROOT:?}/corpus/$t"
  mkdir -p "$ROOT/corpus/$t"
done
# A seed must not crash its target: the statements alone (no knobs, era
# current, as the targets run them) must run clean, else the scenario is
# left out of the binary corpora and listed.
seed_runs_clean() {
  "$MMFUZZ" decode --target "$1" "$2" | "$MMFUZZ" run - >/dev/null 2>&1
}
declare -A nr_in
left_out=""
left_out_thp=""
while IFS= read -r mm; do
  name=$(basename "${mm%.mm}")
  cp "$mm" "$ROOT/corpus/fuzz_lang/$name.mm"
  "$MMFUZZ" encode --target fuzz_mm "$mm" -o "$ROOT/corpus/fuzz_mm/$name"
  if ! seed_runs_clean fuzz_mm "$ROOT/corpus/fuzz_mm/$name"; then
    rm -f "$ROOT/corpus/fuzz_mm/$name"
    left_out="$left_out $name"
    continue
  fi
  for t in $SUBSET_TARGETS; do
    out="$ROOT/corpus/$t/$name"
    if ! "$MMFUZZ" encode --target "$t" "$mm" -o "$out" 2>/dev/null; then
      rm -f "$out"
      continue
    fi
    # fuzz_thp runs a seed with its own config, not the scenario's, and
    # fuzz_race keeps the threads an era's race needs: one that is not
    # clean there is left out of its corpus (and listed).
    if [ "$t" != fuzz_cow ] && ! seed_runs_clean "$t" "$out"; then
      rm -f "$out"
      left_out_thp="$left_out_thp $t/$name"
      continue
    fi
    nr_in[$t]=$((${nr_in[$t]:-0} + 1))
  done
done < <(find "$ROOT/scenarios" -name '*.mm' | LC_ALL=C sort)
echo "corpus: $(ls "$ROOT/corpus/fuzz_mm" | wc -l) seeds, ${nr_in[fuzz_cow]:-0} in the cow alphabet, ${nr_in[fuzz_thp]:-0} in the thp alphabet, ${nr_in[fuzz_race]:-0} in the race alphabet"
if [ -n "$left_out" ]; then echo "left out (not clean in era current):$left_out"; fi
if [ -n "$left_out_thp" ]; then echo "left out (not clean as the target runs it):$left_out_thp"; fi

# A dictionary entry is the bytes one statement adds to a program: encode
# the setup alone and the setup plus the statement, keep the difference.
SETUP='file f0 memfd 4p
file f1 tmpfile 4p
p0 mmap r0 4p anon private rw
p0 mmap r1 4p f0 shared rw
p0 mmap r2 4p f1 private rw
p0 gup g0 r0 pin write longterm
p0 fork p1
p0 mmap r2 4p driver private rw'
STATEMENTS=(
  'p0 mmap r0 1p anon private rw' 'p0 mmap r1 2p f0 shared rw'
  'p0 mmap r2 1p f1 private r' 'p0 mmap r0 4p anon private rw populate'
  'p0 munmap r0' 'p0 mprotect r0 r' 'p0 mprotect r0 rw'
  'p0 madvise r0 dontneed' 'p0 madvise r0 dontfork' 'p0 madvise r0 wipeonfork'
  'p0 madvise r0 populate-write' 'p0 read r0' 'p1 read r0' 'p0 write r0'
  'p1 write r0' 'p0 write r0 =0' 'p0 memwrite r0' 'p0 clear-refs'
  'p0 fork p2' 'p1 exit' 'p0 gup g1 r0 pin write longterm'
  'p0 gup g1 r0 pin longterm fast' 'p0 gup g1 r0 get' 'p0 gup g1 r2 pin longterm'
  'p1 gup g1 r0 pin write longterm' 'p0 vmsplice g1 r0' 'p1 vmsplice g1 r0'
  'p0 iouring g1 r0' 'g0 read' 'g0 write' 'g0 put' 'f0 write' 'f1 write :1p'
  'p0 mmap r0 1p driver private rw' 'p0 mmap r1 1p driver shared r ro-file'
  'p0 insert-zeropage r2' 'p0 insert-zeropage r2+1p:1p'
  'p0 mlock r0' 'p0 munlock r0' 'p0 madvise r1 remove'
)
# fuzz_thp has no files and its own sizes: 2m regions, parts of them.
THP_SETUP='p0 mmap r0 2m anon private rw
p0 mmap r1 2m anon private rw
p0 gup g0 r0:1p pin write longterm
p0 fork p1'
THP_STATEMENTS=(
  'p0 mmap r0 2m anon private rw' 'p0 mmap r2 4m anon private rw'
  'p0 mmap r2 16p anon private rw' 'p0 mmap r2 2m anon shared rw'
  'p0 munmap r0+256p:256p' 'p0 mprotect r0+1p:1p r' 'p0 mprotect r0+1p:1p rw'
  'p0 mremap r0+256p:256p r2' 'p0 madvise r0 collapse' 'p0 madvise r0 hugepage'
  'p0 madvise r0 nohugepage' 'p0 madvise r0+256p:256p dontneed'
  'p0 madvise r0:1p populate-write' 'p0 madvise r0 pageout'
  'p0 madvise r0+1p:1p free' 'p0 madvise r0 dontfork' 'p0 read r0:16p'
  'p1 read r0:1p' 'p0 write r0:1p' 'p0 write r0+1p:1p' 'p1 write r0+511p:1p'
  'p0 memwrite r0:1p' 'p0 clear-refs' 'p0 fork p2' 'p1 exit'
  'p0 gup g1 r0:1p pin write longterm' 'p1 gup g1 r0:1p pin longterm'
  'p0 vmsplice g1 r0:1p' 'g0 read' 'g0 put' 'khugepaged' 'reclaim' 'compact'
  'p0 mlock r0:16p' 'p0 munlock r0:16p'
)
hexdump_c() { od -An -v -tx1 | tr -s ' \n' ' ' | sed 's/ $//; s/^ //; s/ /\\x/g; s/^/\\x/'; }
# make_dict TARGET SETUP STATEMENT...
make_dict() {
  local t=$1 setup=$2 dict="$ROOT/dict/$1.dict" base stmt bytes
  shift 2
  printf '# Generated by corpus/generate.sh: one encoded statement each.\n' > "$dict"
  base=$(printf '%s\n' "$setup" | "$MMFUZZ" encode --target "$t" - | wc -c)
  for stmt in "$@"; do
    if bytes=$(printf '%s\n%s\n' "$setup" "$stmt" | "$MMFUZZ" encode --target "$t" - 2>/dev/null \
               | tail -c +$((base + 1)) | hexdump_c) && [ -n "$bytes" ]; then
      printf '# %s\n"%s"\n' "$stmt" "$bytes" >> "$dict"
    fi
  done
}
for t in fuzz_mm fuzz_cow; do
  make_dict "$t" "$SETUP" "${STATEMENTS[@]}"
done
# fuzz_race: fuzz_cow's words and the stepwise ones.
make_dict fuzz_race "$SETUP" "${STATEMENTS[@]}" \
  'p0 memwrite r2 @t0' 'p0 fork p2 @t0' 'p0 gup g1 r0 pin write longterm fast @t1' \
  'p0 gup g1 r0:2p pin longterm @t1' 'p0 madvise r0 populate-write @t2' \
  't0 step' 't0 finish' 't1 step' 't1 finish' 't2 step' 't2 finish' 
make_dict fuzz_thp "$THP_SETUP" "${THP_STATEMENTS[@]}"
