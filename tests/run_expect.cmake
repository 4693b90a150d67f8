# SPDX-License-Identifier: MIT
# The two helpers of the command-line test scripts (cli, findings, triage):
#   run(COMMAND...)            run in ${WORK}; sets rc, out and err
#   expect(MESSAGE CONDITION...) fail with MESSAGE and the last run's exit
#                              status and output unless if(CONDITION)
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err WORKING_DIRECTORY ${WORK})
  set(rc ${rc} PARENT_SCOPE)
  set(out "${out}" PARENT_SCOPE)
  set(err "${err}" PARENT_SCOPE)
endfunction()

function(expect what)
  if(NOT (${ARGN}))
    message(FATAL_ERROR "${what}\nexit: ${rc}\nstdout: ${out}\nstderr: ${err}")
  endif()
endfunction()
