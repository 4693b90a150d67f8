# `mmfuzz triage` end to end (ctest tools/triage).
#
# A fork_share_pinned finding, buried in padding, comes in twice: as .mm
# text and as a fuzz_cow crash file (its encoding, under a directory named
# like build.sh's artifacts, so the target is inferred); a clean program
# comes along.  Triage must put the two in one bucket, shrink it to <= 8
# statements, write a repro.mm that `mmfuzz run` accepts, a report with
# the state dump, both summaries, list the clean program as unreproducible
# (exit status 1), and write the same files when run again; then take
# MMFUZZ_ERA and MMFUZZ_KNOBS from the environment when the command line
# has no --era or --knob.
#
#   cmake -DMMFUZZ=mmfuzz -DSRC=source-dir -DWORK=scratch-dir -P triage.cmake
set(padded ${SRC}/tests/triage/fork_share_pinned-padded.mm)
set(clean ${SRC}/scenarios/ops/fork.mm)
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/fuzz-fuzz_cow/artifacts)
set(crash ${WORK}/fuzz-fuzz_cow/artifacts/crash-padded)

include(${CMAKE_CURRENT_LIST_DIR}/run_expect.cmake)


run(${MMFUZZ} encode --target fuzz_cow ${padded} -o ${crash})
expect("encode failed (${rc})" rc EQUAL 0)

foreach(dir out out2)
  run(${MMFUZZ} triage --out ${dir} --knob fork_share_pinned=on ${crash} ${padded} ${clean})
  expect("triage: expected exit status 1 (one unreproducible input), got ${rc}" rc EQUAL 1)
endforeach()
expect("no bucket line" out MATCHES "bucket 1: violation pin-coherence/P6 in fork: 2 input\\(s\\)")
expect("crash file not decoded as fuzz_cow" out MATCHES "crash-padded: violation pin-coherence/P6 in fork \\([0-9]+ statements, fuzz_cow\\)")

set(bucket ${WORK}/out/1-pin-coherence-P6-fork)
foreach(f ${bucket}/repro.mm ${bucket}/report.txt ${WORK}/out/summary.md ${WORK}/out/summary.json)
  expect("missing ${f}" EXISTS ${f})
endforeach()

# repro.mm reproduces alone, with <= 8 statements.
run(${MMFUZZ} run ${bucket}/repro.mm)
expect("mmfuzz run repro.mm: exit ${rc}" rc EQUAL 0)
file(STRINGS ${bucket}/repro.mm lines)
set(stmts 0)
foreach(line IN LISTS lines)
  if(NOT line MATCHES "^(#|era |knob |config |expect )")
    math(EXPR stmts "${stmts} + 1")
  endif()
endforeach()
expect("repro.mm has ${stmts} statements" stmts LESS_EQUAL 8)
file(READ ${bucket}/repro.mm repro)
expect("repro.mm lacks its directives" repro MATCHES "knob fork_share_pinned=on\nexpect violation pin-coherence/P6\n")

file(READ ${bucket}/report.txt report)
expect("report.txt lacks the report or the dump" report MATCHES "mmfuzz: violation pin-coherence/P6 at line [0-9]+ .*\nprocesses:\n.*folios:\n.*handles:\n")

file(READ ${WORK}/out/summary.json json)
expect("summary.json: bucket" json MATCHES "\"count\": 2, \"representative\": \"[^\"]*artifacts/crash-padded\"")
expect("summary.json: unreproducible" json MATCHES "\"unreproducible\": \\[\n    {\"input\": \"[^\"]*ops/fork.mm\", \"reason\": \"runs clean")
file(READ ${WORK}/out/summary.md md)
expect("summary.md: table row" md MATCHES "\\| violation pin-coherence/P6 in fork \\| 2 \\| 21 → [1-8] \\| `mmfuzz: violation pin-coherence/P6 in fork` \\|")

# Deterministic: the second run wrote the same files.
foreach(f 1-pin-coherence-P6-fork/repro.mm 1-pin-coherence-P6-fork/report.txt summary.md summary.json)
  file(READ ${WORK}/out/${f} a)
  file(READ ${WORK}/out2/${f} b)
  string(REPLACE "out2" "out" b "${b}")
  expect("${f} differs between two runs" a STREQUAL b)
endforeach()

# Without --era or --knob, the fuzz targets' MMFUZZ_ERA and MMFUZZ_KNOBS
# are taken (the shell that found the crash), written into repro.mm and
# said on stderr; an --era or --knob on the command line wins over them.
set(crash57 ${WORK}/fuzz-fuzz_cow/artifacts/crash-5.7)
run(${MMFUZZ} encode --target fuzz_cow ${SRC}/scenarios/eras/5.7-pin-lost-at-fork.mm -o ${crash57})
expect("encode 5.7 failed (${rc})" rc EQUAL 0)
run(${CMAKE_COMMAND} -E env MMFUZZ_ERA=5.7 ${MMFUZZ} triage --out env-era ${crash57})
expect("MMFUZZ_ERA=5.7: expected exit status 0, got ${rc}" rc EQUAL 0)
expect("MMFUZZ_ERA not said" err MATCHES "era 5.7 \\(MMFUZZ_ERA\\)")
expect("MMFUZZ_ERA not taken" out MATCHES "bucket 1: violation pin-coherence/P6 in fork: 1 input")
file(READ ${WORK}/env-era/1-pin-coherence-P6-fork/repro.mm repro)
expect("repro.mm lacks the era of MMFUZZ_ERA" repro MATCHES "\nera 5.7\n")
run(${CMAKE_COMMAND} -E env MMFUZZ_ERA=5.7 ${MMFUZZ} triage --era current --out env-era2 ${crash57})
expect("--era current must win over MMFUZZ_ERA=5.7 (exit 1), got ${rc}" rc EQUAL 1)
run(${MMFUZZ} triage --out env-era3 ${crash57})
expect("no MMFUZZ_ERA: the 5.7 finding must run clean (exit 1), got ${rc}" rc EQUAL 1)

run(${CMAKE_COMMAND} -E env MMFUZZ_KNOBS=fork_share_pinned=on ${MMFUZZ} triage --out env-knobs ${crash})
expect("MMFUZZ_KNOBS: expected exit status 0, got ${rc}" rc EQUAL 0)
expect("MMFUZZ_KNOBS not said" err MATCHES "knobs fork_share_pinned=on \\(MMFUZZ_KNOBS\\)")
expect("MMFUZZ_KNOBS not taken" out MATCHES "bucket 1: violation pin-coherence/P6 in fork: 1 input")
file(READ ${WORK}/env-knobs/1-pin-coherence-P6-fork/repro.mm repro)
expect("repro.mm lacks the knob of MMFUZZ_KNOBS" repro MATCHES "knob fork_share_pinned=on\n")
run(${CMAKE_COMMAND} -E env MMFUZZ_KNOBS=no_such_knob=on ${MMFUZZ} triage --out env-knobs2 --knob fork_share_pinned=on ${crash})
expect("--knob must win over MMFUZZ_KNOBS (exit 0), got ${rc}" rc EQUAL 0)
run(${CMAKE_COMMAND} -E env MMFUZZ_KNOBS=fork_share_pinned=on,no_such_knob=on ${MMFUZZ} triage --out env-knobs3 ${crash})
expect("a bad MMFUZZ_KNOBS: expected exit status 2, got ${rc}" rc EQUAL 2)
expect("a bad MMFUZZ_KNOBS is not named" err MATCHES "unknown knob 'no_such_knob'\nmmfuzz triage: in MMFUZZ_KNOBS='fork_share_pinned=on,no_such_knob=on'")
