# Checks `mmfuzz cow-matrix` where it does not depend on what the emulator
# models yet: the TAP header and plan, 778 result lines numbered in order
# with unique names, the totals line agreeing with them, --expected
# (match, mismatch, malformed file), --print (by number and by name, a
# program `mmfuzz run` replays) and usage errors.
# The whole matrix runs in era 5.18, where the emulator runs every case
# to its end today (in 5.19 and later the R/O pins of previously shared
# PTE-mapped THPs, cases 543 to 646, stop it on a use after free).
# Usage: cmake -DMMFUZZ=path/to/mmfuzz -DWORK=scratch-dir -P cow_matrix_structure.cmake
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(era --era 5.18)

execute_process(COMMAND ${MMFUZZ} cow-matrix ${era}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cow-matrix exited ${rc}: ${err}")
endif()
if(NOT out MATCHES "^TAP version 13\n1\\.\\.778\n")
  message(FATAL_ERROR "no TAP header and plan 1..778")
endif()
file(WRITE ${WORK}/current.tap "${out}")
file(STRINGS ${WORK}/current.tap lines)

set(n 0)
set(names "")
set(expected "")
foreach(o pass fail xfail xpass skip error)
  set(count_${o} 0)
endforeach()
foreach(line IN LISTS lines)
  if(NOT line MATCHES "^(not )?ok ")
    continue()
  endif()
  math(EXPR n "${n} + 1")
  if(NOT line MATCHES "^(not )?ok ([0-9]+) (# (XFAIL|XPASS|SKIP|error) )?(.+)$")
    message(FATAL_ERROR "malformed result line: ${line}")
  endif()
  set(ok "${CMAKE_MATCH_1}")
  set(nr "${CMAKE_MATCH_2}")
  set(directive "${CMAKE_MATCH_4}")
  set(name "${CMAKE_MATCH_5}")
  if(NOT nr EQUAL n)
    message(FATAL_ERROR "result ${n} is numbered ${nr}")
  endif()
  if(directive STREQUAL "" AND ok STREQUAL "")
    set(o pass)
  elseif(directive STREQUAL "" AND ok STREQUAL "not ")
    set(o fail)
  elseif(directive STREQUAL "XFAIL" AND ok STREQUAL "")
    set(o xfail)
  elseif(directive STREQUAL "SKIP" AND ok STREQUAL "")
    set(o skip)
  elseif(directive STREQUAL "error" AND ok STREQUAL "not ")
    set(o error)
  else()
    message(FATAL_ERROR "unexpected result line: ${line}")
  endif()
  math(EXPR count_${o} "${count_${o}} + 1")
  list(APPEND names "${name}")
  string(APPEND expected "${n} ${o} ${name}\n")
endforeach()
if(NOT n EQUAL 778)
  message(FATAL_ERROR "${n} result lines, want 778")
endif()
set(unique ${names})
list(REMOVE_DUPLICATES unique)
list(LENGTH unique nunique)
if(NOT nunique EQUAL 778)
  message(FATAL_ERROR "${nunique} distinct names among 778 cases")
endif()
list(GET lines -1 last)
if(NOT last MATCHES "^# Totals: pass:([0-9]+) fail:([0-9]+) xfail:([0-9]+) xpass:([0-9]+) skip:([0-9]+) error:([0-9]+)$")
  message(FATAL_ERROR "last line is not kselftest's totals line: ${last}")
endif()
set(i 1)
foreach(o pass fail xfail xpass skip error)
  if(NOT CMAKE_MATCH_${i} EQUAL count_${o})
    message(FATAL_ERROR "totals say ${o}:${CMAKE_MATCH_${i}}, the lines ${count_${o}}")
  endif()
  math(EXPR i "${i} + 1")
endforeach()
if(NOT count_pass GREATER 0)
  message(FATAL_ERROR "no case passes (the base-page cases run today)")
endif()

# --expected: the run's own outcomes match; one changed outcome does not;
# a file naming another case is refused.
file(WRITE ${WORK}/same.txt "# the run's own outcomes\n${expected}")
# (cases 1-60 only: the whole matrix runs once above)
execute_process(COMMAND ${MMFUZZ} cow-matrix ${era} --cases 1-60 --expected ${WORK}/same.txt
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "\n# 0 of 60 cases differ from ")
  message(FATAL_ERROR "--expected with the run's own outcomes: exit ${rc}\n${err}")
endif()
string(REGEX REPLACE "^1 pass " "1 fail " flipped "${expected}")
if(flipped STREQUAL expected)
  message(FATAL_ERROR "case 1 does not pass: ${expected}")
endif()
file(WRITE ${WORK}/flipped.txt "${flipped}")
execute_process(COMMAND ${MMFUZZ} cow-matrix ${era} --cases 1-60 --expected ${WORK}/flipped.txt
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 1 OR NOT out MATCHES "\nok 1 [^\n]*\n# expected fail, got pass\n"
   OR NOT out MATCHES "\n# 1 of 60 cases differ from ")
  message(FATAL_ERROR "--expected with case 1 changed: exit ${rc}")
endif()
string(REGEX REPLACE "\n2 ([a-z]+) [^\n]*" "\n2 \\1 no such case" renamed "${expected}")
file(WRITE ${WORK}/renamed.txt "${renamed}")
execute_process(COMMAND ${MMFUZZ} cow-matrix ${era} --cases 1-60 --expected ${WORK}/renamed.txt
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "renamed.txt:2: case 2 is ")
  message(FATAL_ERROR "--expected naming another case: exit ${rc}: ${err}")
endif()

# --print: by number and by exact name the same text, which `mmfuzz run`
# accepts and runs clean (case 1 is a base page).
execute_process(COMMAND ${MMFUZZ} cow-matrix --print 1
                RESULT_VARIABLE rc OUTPUT_VARIABLE by_nr ERROR_VARIABLE err)
list(GET names 0 name1)
execute_process(COMMAND ${MMFUZZ} cow-matrix --print "${name1}"
                RESULT_VARIABLE rc2 OUTPUT_VARIABLE by_name ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT rc2 EQUAL 0 OR NOT by_nr STREQUAL by_name)
  message(FATAL_ERROR "--print 1 and --print NAME differ")
endif()
if(NOT by_nr MATCHES "\n# ---- setup ends; the test starts ----\n")
  message(FATAL_ERROR "--print does not mark the end of the setup:\n${by_nr}")
endif()
file(WRITE ${WORK}/case1.mm "${by_nr}")
execute_process(COMMAND ${MMFUZZ} run ${WORK}/case1.mm
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES ": ok \\(")
  message(FATAL_ERROR "mmfuzz run of --print 1: exit ${rc}: ${out}${err}")
endif()
execute_process(COMMAND ${MMFUZZ} cow-matrix --era 5.7 --knob fork_share_pinned=on --print 778
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "\nera 5.7\nknob fork_share_pinned=on\n")
  message(FATAL_ERROR "--print does not carry --era and --knob: ${out}${err}")
endif()

# --verbose: each case's [RUN] line and the runner's trace as diagnostics.
execute_process(COMMAND ${MMFUZZ} cow-matrix ${era} --cases 1-3 --verbose
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "\n# \\[RUN\\] Basic COW after fork\\(\\) \\.\\.\\. with base page\n#   [0-9]+: p0 mmap r0 1p anon private rw -> ok\n")
  message(FATAL_ERROR "--verbose: exit ${rc}")
endif()

# Usage errors.
foreach(args "--print;0" "--print;779" "--era;nosuch" "--knob;nosuch=on" "--bogus"
             "--cases;0-3" "--cases;5-779" "--cases;9-2" "--cases;1-2x")
  execute_process(COMMAND ${MMFUZZ} cow-matrix ${args}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 2)
    message(FATAL_ERROR "cow-matrix ${args}: exit ${rc}, want 2")
  endif()
endforeach()
