# Runs the kernel COW selftest's whole matrix in one era and compares
# every case with tests/cow_matrix/expected-ERA.txt (semantics.md section 4).
# Usage: cmake -DMMFUZZ=path/to/mmfuzz -DSRC=source-dir -DERA=5.9 -P cow_matrix.cmake
# CMakeLists.txt registers it for every modelled era.
set(want ${SRC}/tests/cow_matrix/expected-${ERA}.txt)
if(NOT EXISTS ${want})
  message(FATAL_ERROR "no expectation file ${want}")
endif()
execute_process(COMMAND ${MMFUZZ} cow-matrix --era ${ERA} --expected ${want}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  # Each mismatch: its diagnostic, its result line, "# expected ...".
  string(REGEX MATCHALL "(# [^\n]*\n)?(not )?ok [^\n]*\n# expected [^\n]*" diffs "${out}")
  string(REGEX MATCH "# [0-9]+ of 778 cases differ[^\n]*\n# Totals[^\n]*" summary "${out}")
  list(LENGTH diffs ndiffs)
  if(ndiffs GREATER 40)
    list(SUBLIST diffs 0 40 diffs)
  endif()
  string(REPLACE ";" "\n" diffs "${diffs}")
  message("${diffs}\n${summary}\n${err}")
  message(FATAL_ERROR "era ${ERA}: exit ${rc} (first mismatches above)")
endif()
