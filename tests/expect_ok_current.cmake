# Runs `mmfuzz run --era current INPUT`: an era scenario's program, which
# must expose its era's bug, must run clean under today's rules.
execute_process(COMMAND ${MMFUZZ} run --era current ${INPUT}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT out MATCHES ": ok \\(")
  message(FATAL_ERROR "expected ok in era current, got: ${out}${err}")
endif()
