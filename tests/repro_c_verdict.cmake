# The verdict of a C reproducer that cannot show its finding here (ctest
# repro-c-verdict): a finding no later statement reads back is
# inconclusive; a step that fails on the real kernel where the
# emulator's succeeded (a hugetlb mmap with an empty pool) makes the
# program inconclusive (exit 2) with that reason, never "ok"; a step that
# fails in both (the program's own pool is empty too) does not.
#
# The generated steps table must carry the emulator's result of each step.
# The programs are compiled always, run only where the 2 MiB hugetlb pool
# has no free page (as with vm.nr_hugepages=0): elsewhere the mmap would
# succeed and there would be nothing to see.
#
#   cmake -DMMFUZZ=mmfuzz -DCC=compiler -DSRC=source-dir -DWORK=scratch-dir -P repro_c_verdict.cmake
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})

function(expect what)
  if(NOT (${ARGN}))
    message(FATAL_ERROR "${what}\nstdout: ${out}\nstderr: ${err}")
  endif()
endfunction()

# generate(NAME INPUT): ${WORK}/NAME.c and the program ${WORK}/NAME.
function(generate name input)
  execute_process(COMMAND ${MMFUZZ} repro-c ${input} -o ${WORK}/${name}.c
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  expect("mmfuzz repro-c ${input}: exit ${rc}" rc EQUAL 0)
  execute_process(COMMAND ${CC} -std=c11 -Wall -Wextra -Werror
                          -o ${WORK}/${name} ${WORK}/${name}.c
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  expect("${CC} ${name}.c: exit ${rc}" rc EQUAL 0)
endfunction()

# The scenario's pool has two pages: lines 9 and 10 map, line 11 fails.
set(pool ${SRC}/scenarios/ops/hugetlb-pool-empty.mm)
generate(pool ${pool})
file(READ ${WORK}/pool.c code)
set(out "${code}")
set(err "")
expect("the steps table lacks the emulator's success of line 9"
       code MATCHES "\t{ 0, -1, 9, 0, \"p0 mmap r0 2m anon private rw hugetlb\" },\n")
expect("the steps table lacks the emulator's failure of line 11"
       code MATCHES "\t{ 0, -1, 11, 1, \"p0 mmap r1 2m anon private rw hugetlb\" },\n")

# Both fail: the emulator's pool is empty as well.
file(WRITE ${WORK}/both.mm
     "config hugetlb=2m:0\n"
     "p0 mmap r0 2m anon private rw hugetlb\n"
     "p0 mmap r1 1p anon private rw\n"
     "p0 write r1\n"
     "p0 read r1\n")
generate(both ${WORK}/both.mm)

# A finding that nothing reads back (a fork that shares a pinned page,
# minimized down to the fork): the real run cannot show it, so its
# verdict is inconclusive with the reason, never "ok".
file(WRITE ${WORK}/unobserved.mm
     "knob fork_share_pinned=on\n"
     "p0 mmap r0 1p anon private rw\n"
     "p0 write r0\n"
     "p0 gup g0 r0 pin write longterm\n"
     "p0 fork p1\n")
generate(unobserved ${WORK}/unobserved.mm)
file(READ ${WORK}/unobserved.c code)
expect("the program does not know its finding is not read back"
       code MATCHES "unobserved\\[\\] = \"the emulator's finding \\(pin-coherence/P6 at line 5\\)")
execute_process(COMMAND ${WORK}/unobserved WORKING_DIRECTORY ${WORK} TIMEOUT 60
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect("a finding nothing reads back: exit ${rc}, want 2" rc EQUAL 2)
expect("a finding nothing reads back is not inconclusive"
       out MATCHES "\nverdict: inconclusive: ")

# With a read through the pin after the parent's write, it is observed.
file(WRITE ${WORK}/observed.mm
     "knob fork_share_pinned=on\n"
     "p0 mmap r0 1p anon private rw\n"
     "p0 write r0\n"
     "p0 gup g0 r0 pin write longterm\n"
     "p0 fork p1\n"
     "p0 write r0\n"
     "g0 read\n")
generate(observed ${WORK}/observed.mm)
file(READ ${WORK}/observed.c code)
expect("a finding read back later is said to be unobserved"
       code MATCHES "unobserved\\[\\] = \"\";")

set(free -1)
if(EXISTS /proc/meminfo)
  file(STRINGS /proc/meminfo lines REGEX "^(HugePages_Free|Hugepagesize):")
  if(lines MATCHES "HugePages_Free: +([0-9]+)" AND lines MATCHES "Hugepagesize: +2048 kB")
    string(REGEX MATCH "HugePages_Free: +([0-9]+)" m "${lines}")
    set(free ${CMAKE_MATCH_1})
  endif()
endif()
if(NOT free EQUAL 0)
  message(STATUS "2 MiB hugetlb pool not empty here (free: ${free}): programs not run")
  return()
endif()

execute_process(COMMAND ${WORK}/pool WORKING_DIRECTORY ${WORK} TIMEOUT 60
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect("an mmap that fails here but not in the emulator: exit ${rc}, want 2" rc EQUAL 2)
expect("the verdict does not say which step could not be set up"
       out MATCHES "\nverdict: inconclusive: line 9: mmap failed here \\([^)]*\\), not in the emulator\n$")

execute_process(COMMAND ${WORK}/both WORKING_DIRECTORY ${WORK} TIMEOUT 60
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect("an mmap that fails in both: exit ${rc}, want 0" rc EQUAL 0)
expect("an mmap that fails in both is not inconclusive" out MATCHES "\nverdict: ok\n$")
