#!/bin/bash -eu
# SPDX-License-Identifier: MIT
#
# bench/programs.sh - statements per second of the emulator on the fixed
# program mixes, and the cost growth curves, with bench_run (no
# sanitizer, -O2).  Prints figures, asserts nothing; but every program
# must run clean: each is first run by `mmfuzz run --verbose`, and a
# statement that does not end "-> ok" (or an outcome other than ok) stops
# the script.
#
#   bench/programs.sh     builds unless BUILT=1; writes to $BENCH_WORK:
#                         mixes.tsv, cost.tsv, ratios.tsv, cost.png
#
# Each program runs in its own process (its peak RSS is its own) for at
# least MS (400) ms and 3 runs; the figures are medians.  The cost points
# also time their setup alone and report the body's time per statement
# (bench_run.c).  The chart needs gnuplot (Debian: gnuplot-nox).
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
MS=${MS:-400}
BR="$BENCH_BUILD/bench_run"

# check NAME: the program runs clean, every statement "-> ok".
check() {
  local f="$BENCH_WORK/programs/$1.mm" log="$BENCH_WORK/programs/$1.log" bad
  "$BR" print "$1" > "$f"
  "$BENCH_BUILD/mmfuzz" run --verbose "$f" > "$log" 2>&1 || true
  bad=$(grep -E '^ +[0-9]+: ' "$log" | grep -v -- '-> ok$' | head -3 || true)
  if [ -n "$bad" ] || ! tail -1 "$log" | grep -q ': ok ('; then
    echo "programs: $1 does not run clean ($log):" >&2
    echo "${bad:-$(tail -1 "$log")}" >&2
    exit 1
  fi
}

mixes() {
  local name what l
  printf 'program\tstatements\truns\tmedian_ms\tstatements_per_s\tmaxrss_kib\twhat\n' > "$BENCH_WORK/mixes.tsv"
  "$BR" list | grep -v -E '^(cost|kernel)-' | while IFS=$'\t' read -r name what; do
    check "$name"
    l=$("$BR" time "$name" "$MS")
    echo "$l" | awk -F'\t' -v what="$what" -v OFS='\t' '{ print $1, $2, $3, $4, $7, $10, what }'
  done >> "$BENCH_WORK/mixes.tsv"
}

# cost-DIM-POINT -> dimension and x; the mapping points get x = 1..5.
cost() {
  local name what l i=0
  printf 'dimension\tpoint\tx\tstatements\tmedian_ms\tus_per_statement\tus_per_body_statement\tmaxrss_kib\n' \
    > "$BENCH_WORK/cost.tsv"
  "$BR" list | grep -E '^cost-' | while IFS=$'\t' read -r name what; do
    check "$name"
    l=$("$BR" time "$name" "$MS")
    case $name in cost-size-*) i=$((i + 1)) ;; esac
    echo "$l" | awk -F'\t' -v what="$what" -v i=$i -v OFS='\t' '{
      split($1, n, "-"); dim = n[2]; x = n[3]
      if (dim == "size") x = i
      sub(/^[^:]*: /, "", what)
      print dim, what, x, $2, $4, sprintf("%.3f", $4 * 1000 / $2), $9, $10 }'
  done >> "$BENCH_WORK/cost.tsv"
}

# ratio BIG SMALL LABEL: large-page point / the same program on 4 KiB pages.
ratio() {
  awk -F'\t' -v big="$1" -v small="$2" -v label="$3" -v OFS='\t' '
    $2 == big { bb = $7; bw = $6 } $2 == small { sb = $7; sw = $6 }
    END { print label, bb, sb, sprintf("%.2f", bb / sb), sprintf("%.2f", bw / sw) }' "$BENCH_WORK/cost.tsv"
}

ratios() {
  printf 'comparison\tbig_us_per_body_statement\tsmall_us_per_body_statement\tratio\tratio_whole_program\n' > "$BENCH_WORK/ratios.tsv"
  { ratio "1 GiB hugetlb" "1 GiB of 4 KiB pages" "1 GiB hugetlb / 4 KiB pages"
    ratio "2 MiB THP" "2 MiB of 4 KiB pages" "2 MiB THP / 4 KiB pages"
    ratio "2 MiB hugetlb" "2 MiB of 4 KiB pages" "2 MiB hugetlb / 4 KiB pages"
  } >> "$BENCH_WORK/ratios.tsv"
}

# Four panels: µs per body statement against each dimension.
chart() {
  local term=png d="$BENCH_WORK/cost-data"
  if ! command -v gnuplot >/dev/null; then
    echo "programs: no gnuplot (apt-get install gnuplot-nox): no chart" >&2
    return 0
  fi
  if gnuplot -e 'set terminal pngcairo' 2>/dev/null; then term=pngcairo; fi
  mkdir -p "$d"
  for dim in procs regions pages size; do
    awk -F'\t' -v dim=$dim -v OFS='\t' '$1 == dim { print $3, $7, "\"" $2 "\"" }' "$BENCH_WORK/cost.tsv" > "$d/$dim.dat"
  done
  gnuplot <<EOF
set terminal $term size 1200,900
set output "$BENCH_WORK/cost.png"
set multiplot layout 2,2 title "mmfuzz: cost per statement (µs, same 200-statement body; no sanitizer, -O2)"
set grid
set ylabel "µs per body statement"
set yrange [0:*]
set key off
set title "(a) processes alive"
set xlabel "processes"
plot "$d/procs.dat" using 1:2 with linespoints pt 7
set title "(b) regions mapped"
set xlabel "regions (16 pages each, written)"
set logscale x 2
plot "$d/regions.dat" using 1:2 with linespoints pt 7
set title "(c) pages touched"
set xlabel "pages written (4 KiB, one region)"
plot "$d/pages.dat" using 1:2 with linespoints pt 7
unset logscale x
set title "(d) mapping (16 pages written)"
set xlabel ""
set style fill solid 0.6
set boxwidth 0.6
set xrange [0.3:5.7]
set xtics rotate by -20 font ",9"
plot "$d/size.dat" using 1:2:xtic(3) with boxes
unset multiplot
EOF
}

main() {
  if [ "${BUILT:-0}" != 1 ]; then build_bench; fi
  mkdir -p "$BENCH_WORK/programs"
  echo "programs: mixes" >&2
  mixes
  echo "programs: cost growth" >&2
  cost
  ratios
  chart
  column -t -s $'\t' "$BENCH_WORK/mixes.tsv"
  column -t -s $'\t' "$BENCH_WORK/cost.tsv"
  column -t -s $'\t' "$BENCH_WORK/ratios.tsv"
}

main "$@"
