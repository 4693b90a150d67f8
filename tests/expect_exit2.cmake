# Runs `mmfuzz run INPUT` and requires exit status 2 and a FILE:LINE: error line.
execute_process(COMMAND ${MMFUZZ} run ${INPUT}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 2)
  message(FATAL_ERROR "expected exit status 2, got ${rc}\nstdout: ${out}\nstderr: ${err}")
endif()
if(NOT out MATCHES ":[0-9]+: error: ")
  message(FATAL_ERROR "expected 'FILE:LINE: error: MESSAGE', got: ${out}")
endif()
