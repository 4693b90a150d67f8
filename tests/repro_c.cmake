# `mmfuzz repro-c INPUT -o OUT` and a warning-free compile of OUT with the
# project's C compiler (ctest repro-c/<scenario>): -Wall -Wextra -Werror.
# With -DFULL=ON an optimized compile to an object, so the warnings that
# need the optimizer (clobbered by longjmp, truncation) are seen too;
# else -fsyntax-only, a tenth of the time.
#
#   cmake -DMMFUZZ=mmfuzz -DCC=compiler -DINPUT=file.mm -DOUT=file.c [-DFULL=ON] -P repro_c.cmake
get_filename_component(dir ${OUT} DIRECTORY)
file(MAKE_DIRECTORY ${dir})
execute_process(COMMAND ${MMFUZZ} repro-c ${INPUT} -o ${OUT}
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "mmfuzz repro-c: exit ${rc}\n${err}")
endif()
if(FULL)
  set(mode -O2 -c -o ${OUT}.o)
else()
  set(mode -fsyntax-only)
endif()
execute_process(COMMAND ${CC} -std=c11 -Wall -Wextra -Werror ${mode} ${OUT}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE cerr)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${CC} ${OUT}: exit ${rc}\n${out}${cerr}")
endif()
