# The command-line conventions of `mmfuzz` (ctest tools/cli):
#
# * `mmfuzz -h`, `--help`, and `mmfuzz SUB -h|--help` for every command
#   exit 0 with the usage on stdout and nothing on stderr (print --help
#   once opened a file named --help);
# * usage errors exit 2 with the usage on stderr and nothing on stdout;
# * `mmfuzz --version` prints the version;
# * print's errors go to stderr; run's error line is its result line on
#   stdout (spec/program.md §7);
# * a binary input given to run or print suggests `mmfuzz decode`;
# * `cow-matrix --cases A-B` is valid TAP: plan 1..B-A+1, results 1..N;
# * `fuzz-env` refuses a bad MMFUZZ_ERA, MMFUZZ_KNOBS or MMFUZZ_ONLY
#   (MMFUZZ_ONLY=Q9 was once accepted) with exit 2 and the valid names;
# * `decode --target fuzz_thp` prints the config its alphabet gives every
#   program, so that `mmfuzz run` of the printed text reproduces it.
#
#   cmake -DMMFUZZ=mmfuzz -DWORK=scratch-dir -P cli.cmake
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})

include(${CMAKE_CURRENT_LIST_DIR}/run_expect.cmake)


# Help: exit 0, usage on stdout, stderr empty.
foreach(h -h --help help)
  run(${MMFUZZ} ${h})
  expect("mmfuzz ${h}" rc EQUAL 0 AND out MATCHES "^usage: mmfuzz run " AND err MATCHES "^$")
endforeach()
foreach(cmd run print knobs encode decode triage repro-c cow-matrix fuzz-env)
  foreach(h -h --help)
    run(${MMFUZZ} ${cmd} ${h})
    expect("mmfuzz ${cmd} ${h}" rc EQUAL 0 AND out MATCHES "^usage: mmfuzz ${cmd}" AND err MATCHES "^$")
  endforeach()
  run(${MMFUZZ} help ${cmd})
  expect("mmfuzz help ${cmd}" rc EQUAL 0 AND out MATCHES "^usage: mmfuzz ${cmd}")
endforeach()
# --help after other arguments, but not as an option's value.
run(${MMFUZZ} run --era 5.7 x.mm --help)
expect("run ... --help" rc EQUAL 0 AND out MATCHES "^usage: mmfuzz run")
run(${MMFUZZ} decode --target -h)
expect("decode --target -h is a target named -h" rc EQUAL 2 AND err MATCHES "unknown target '-h'")

# Version.
run(${MMFUZZ} --version)
expect("--version" rc EQUAL 0 AND out MATCHES "^mmfuzz [0-9]+\\.[0-9]+\\.[0-9]+")

# Usage errors: exit 2, usage on stderr, nothing on stdout.
foreach(args "" "nosuch" "run" "run;--bogus" "print" "print;--bogus" "knobs;--bogus"
             "encode" "decode" "triage" "repro-c" "cow-matrix;--bogus" "fuzz-env;x"
             "triage;--bogus" "decode;--target;nosuch;x")
  run(${MMFUZZ} ${args})
  expect("mmfuzz ${args}: want exit 2" rc EQUAL 2)
  expect("mmfuzz ${args}: usage error on stdout" out MATCHES "^$")
  expect("mmfuzz ${args}: no usage on stderr" err MATCHES "usage: mmfuzz")
endforeach()

# Errors: print's on stderr; run's §7 line on stdout.
run(${MMFUZZ} print ${WORK}/missing.mm)
expect("print missing: exit 2, message on stderr only"
       rc EQUAL 2 AND out MATCHES "^$" AND err MATCHES "missing.mm:0: error: cannot read")
run(${MMFUZZ} run ${WORK}/missing.mm)
expect("run missing: exit 2 and its result line"
       rc EQUAL 2 AND out MATCHES "missing.mm:0: error: cannot read")

# A binary input: suggest decode.
execute_process(COMMAND printf "p0\\000\\001" OUTPUT_FILE ${WORK}/crash-nul)
foreach(cmd run print)
  run(${MMFUZZ} ${cmd} ${WORK}/crash-nul)
  expect("${cmd} of a binary input: exit 2" rc EQUAL 2)
  expect("${cmd} of a binary input does not suggest decode"
         err MATCHES "mmfuzz ${cmd}: [^\n]*crash-nul looks like a fuzz input[^\n]*\n  [^\n]*mmfuzz decode --target fuzz_cow [^\n]*crash-nul\n")
endforeach()

# cow-matrix --cases: a valid TAP stream of its own.
run(${MMFUZZ} cow-matrix --cases 5-7)
expect("cow-matrix --cases 5-7: exit ${rc}" rc EQUAL 0)
expect("cow-matrix --cases 5-7: plan" out MATCHES "^TAP version 13\n1\\.\\.3\n")
string(REGEX MATCHALL "\n(not )?ok [0-9]+" results "${out}")
string(REGEX REPLACE "\n(not )?ok " "" results "${results}")
string(REPLACE ";" "," results "${results}")
expect("cow-matrix --cases 5-7: results numbered ${results}" results STREQUAL "1,2,3")
expect("cow-matrix --cases 5-7 says which case result 1 is" out MATCHES "\n# cases 5-7 of 778: result N is case N\\+4\n")

# fuzz-env: the fuzz targets' variables checked, the valid names listed.
run(${CMAKE_COMMAND} -E env MMFUZZ_ERA=5.7 MMFUZZ_KNOBS=fork_share_pinned=on MMFUZZ_ONLY=P6,X6
    ${MMFUZZ} fuzz-env)
expect("fuzz-env, good values" rc EQUAL 0 AND out MATCHES "era=5.7\nknobs=fork_share_pinned=on\nonly=P6,X6\n")
foreach(bad "MMFUZZ_ERA=4.9;eras: [^\n]*5\\.7"
            "MMFUZZ_KNOBS=nosuch=on;knobs: [^\n]*fork_share_pinned"
            "MMFUZZ_KNOBS=fork_share_pinned=maybe;knobs: "
            "MMFUZZ_ONLY=Q9;ids: [^\n]*P6" "MMFUZZ_ONLY=P6,;ids: "
            "MMFUZZ_MUTATOR=nosuch;structure or bytes")
  list(GET bad 0 setting)
  list(GET bad 1 pattern)
  run(${CMAKE_COMMAND} -E env ${setting} ${MMFUZZ} fuzz-env)
  expect("fuzz-env ${setting}: want exit 2 and '${pattern}' on stderr"
         rc EQUAL 2 AND out MATCHES "^$" AND err MATCHES "${pattern}")
endforeach()
# The tool's other --era arguments list the eras too.
run(${MMFUZZ} knobs --era 4.9)
expect("knobs --era 4.9" rc EQUAL 2 AND err MATCHES "eras: [^\n]*5\\.7")

# fuzz_thp: its inputs have no directives, its programs thp=always and
# mthp=16k,64k; decoded, they say so, and run as the target ran them.
file(WRITE ${WORK}/thp.mm "config thp=always
p0 mmap r0 2m anon private rw
p0 write r0:16p
p0 mprotect r0+1p:1p r
p0 mprotect r0+1p:1p rw
p0 fork p1
p0 madvise r0 collapse
")
run(${MMFUZZ} encode --target fuzz_thp ${WORK}/thp.mm -o ${WORK}/thp.bin)
expect("encode --target fuzz_thp" rc EQUAL 0)
run(${MMFUZZ} decode --target fuzz_thp ${WORK}/thp.bin -o ${WORK}/thp-decoded.mm)
file(READ ${WORK}/thp-decoded.mm decoded)
expect("decode --target fuzz_thp prints the config" rc EQUAL 0 AND
       decoded MATCHES "^config thp=always\nconfig mthp=16k,64k\np0 mmap r0 2m anon private rw\n")
run(${MMFUZZ} run --knob collapse_in_place=on ${WORK}/thp-decoded.mm)
expect("the decoded fuzz_thp program reproduces" rc EQUAL 1 AND
       out MATCHES "violation exclusivity/X2 at line 8 ")
run(${MMFUZZ} decode --target fuzz_mm ${WORK}/thp.bin)
expect("the same bytes as fuzz_mm have no config" rc EQUAL 0 AND
       NOT out MATCHES "config")
