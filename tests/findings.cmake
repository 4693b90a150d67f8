# Stored findings and triage's error handling (ctest tools/findings).
#
# A finding laid out as `./build.sh fuzz` stores it (findings/TARGET/NAME/
# with the artifact and its finding.txt) must decode and triage with no
# flag: the sidecar gives the target, era and knobs (triage once defaulted
# to fuzz_mm and no knobs, and called a fuzz_cow finding unreproducible).
# A bare artifact is tried as every target's input, and triage says which
# one reproduced.  Errors: a missing input exits 2; a .mm input that does
# not parse gives its line and message and exits 2; a malformed sidecar
# exits 2; a reused --out keeps no stale bucket; summary.json names the
# era.
#
#   cmake -DMMFUZZ=mmfuzz -DSRC=source-dir -DWORK=scratch-dir -P findings.cmake
file(REMOVE_RECURSE ${WORK})
set(padded ${SRC}/tests/triage/fork_share_pinned-padded.mm)
set(fdir ${WORK}/findings/fuzz_cow/pin-coherence-P6-fork-0123abcd)
file(MAKE_DIRECTORY ${fdir} ${WORK}/bare)

include(${CMAKE_CURRENT_LIST_DIR}/run_expect.cmake)


# The padded program without its knob line: what a fuzz_cow input holds.
file(READ ${padded} text)
string(REGEX REPLACE "\nknob [^\n]*" "" text "\n${text}")
string(REGEX REPLACE "\nexpect [^\n]*" "" text "${text}")
file(WRITE ${WORK}/plain.mm "${text}")
run(${MMFUZZ} encode --target fuzz_cow ${WORK}/plain.mm -o ${fdir}/crash-0123abcd)
expect("encode fuzz_cow" rc EQUAL 0)
file(WRITE ${fdir}/finding.txt
  "# written as build.sh writes it\ntarget=fuzz_cow\nera=current\nknobs=fork_share_pinned=on\n"
  "only=\nstrict=0\nengine=libfuzzer\nfirst_line=mmfuzz: violation pin-coherence/P6 in fork\n"
  "commit=test\nartifact=crash-0123abcd\n")

# decode: the directory or the artifact, no flag; the knob becomes a directive.
foreach(input ${fdir} ${fdir}/ ${fdir}/crash-0123abcd)
  run(${MMFUZZ} decode ${input} -o ${WORK}/decoded.mm)
  expect("decode ${input}" rc EQUAL 0 AND err MATCHES "target fuzz_cow, era current, knobs fork_share_pinned=on")
  file(READ ${WORK}/decoded.mm decoded)
  expect("decode ${input}: no knob directive" decoded MATCHES "^knob fork_share_pinned=on\n")
  run(${MMFUZZ} run ${WORK}/decoded.mm)
  expect("mmfuzz run of the decoded finding" rc EQUAL 1 AND out MATCHES "violation pin-coherence/P6")
endforeach()

# triage: the directory, or all of findings/, no flag.
foreach(input ${fdir} ${WORK}/findings)
  run(${MMFUZZ} triage --out ${WORK}/tri ${input})
  expect("triage ${input}: exit 0" rc EQUAL 0)
  expect("triage ${input}: bucket" out MATCHES "bucket 1: violation pin-coherence/P6 in fork: 1 input\\(s\\), [0-9]+ -> [1-8] statements")
endforeach()
file(READ ${WORK}/tri/summary.json json)
expect("summary.json: era and knobs" json MATCHES "^{\n  \"era\": \"current\", \"knobs\": \\[\"fork_share_pinned=on\"\\]")
expect("summary.json: the bucket's era" json MATCHES "\"era\": \"current\", \"knobs\": \\[\"fork_share_pinned=on\"\\],\n     \"statements\"")

# A reused --out keeps no stale bucket: two buckets, then one.
run(${MMFUZZ} triage --out ${WORK}/reuse ${fdir} ${SRC}/scenarios/knobs/unshare_maps_writable.mm)
expect("triage two buckets" rc EQUAL 0 AND out MATCHES "bucket 2: ")
file(GLOB buckets ${WORK}/reuse/*-*)
list(LENGTH buckets n)
expect("two bucket directories, not ${n}" n EQUAL 2)
file(WRITE ${WORK}/reuse/notes.txt "kept\n")
run(${MMFUZZ} triage --out ${WORK}/reuse ${fdir})
expect("triage one bucket" rc EQUAL 0)
file(GLOB buckets ${WORK}/reuse/*-*)
list(LENGTH buckets n)
expect("a stale bucket directory was kept: ${buckets}" n EQUAL 1)
expect("notes.txt, which triage did not write, was removed" EXISTS ${WORK}/reuse/notes.txt)

# A bare artifact: tried as each target's input; says which reproduced.
file(COPY ${fdir}/crash-0123abcd DESTINATION ${WORK}/bare)
run(${MMFUZZ} triage --out ${WORK}/bare-out ${WORK}/bare/crash-0123abcd)
expect("bare artifact, no knobs: exit 1" rc EQUAL 1)
expect("bare artifact: reason" out MATCHES "unreproducible: runs clean as a fuzz_cow input [^\n]*. runs clean as a fuzz_mm input [^\n]*no finding.txt next to it")
run(${MMFUZZ} encode --target fuzz_mm ${WORK}/plain.mm -o ${WORK}/bare/crash-mm)
run(${MMFUZZ} triage --knob fork_share_pinned=on --out ${WORK}/bare-out ${WORK}/bare/crash-mm)
expect("bare fuzz_mm artifact: exit 0" rc EQUAL 0)
expect("bare fuzz_mm artifact: which target" err MATCHES "crash-mm: no finding.txt next to it. reproduces as a fuzz_mm input")
expect("bare fuzz_mm artifact: bucket" out MATCHES "crash-mm: violation pin-coherence/P6 in fork \\([0-9]+ statements, fuzz_mm\\)")

# Errors.
run(${MMFUZZ} triage --out ${WORK}/err ${WORK}/no-such-file)
expect("missing input: exit 2" rc EQUAL 2 AND err MATCHES "no-such-file: No such file or directory")
file(WRITE ${WORK}/broken.mm "expect ok\np0 mmap r0 1p anon\n")
run(${MMFUZZ} triage --out ${WORK}/err ${WORK}/broken.mm)
expect("a .mm that does not parse: exit 2" rc EQUAL 2)
expect("a .mm that does not parse: no reason" out MATCHES "broken.mm: unreproducible: not a program: line 2: [a-z]")
file(MAKE_DIRECTORY ${WORK}/badside)
file(WRITE ${WORK}/badside/crash-x "x")
file(WRITE ${WORK}/badside/finding.txt "target=fuzz_cow\n")
run(${MMFUZZ} triage --out ${WORK}/err ${WORK}/badside)
expect("a sidecar without artifact=: exit 2" rc EQUAL 2 AND err MATCHES "no artifact=FILE line")
run(${MMFUZZ} decode ${WORK}/badside)
expect("decode, a sidecar without artifact=: exit 2" rc EQUAL 2 AND err MATCHES "no artifact=FILE line")
