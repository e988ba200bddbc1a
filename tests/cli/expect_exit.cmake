# SPDX-License-Identifier: GPL-3.0-or-later
# Runs CLI with ARGS; passes when it exits with CODE, the first line of stderr is exactly
# FIRST_LINE and nothing went to stdout. Exact, so a reworded message is a deliberate change.
execute_process(COMMAND ${CLI} ${ARGS} RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_VARIABLE out)
if(NOT rc EQUAL CODE)
  message(FATAL_ERROR "expected exit code ${CODE}, got '${rc}'\nstdout: ${out}\nstderr: ${err}")
endif()
string(FIND "${err}" "\n" newline)
string(SUBSTRING "${err}" 0 ${newline} first)
if(NOT first STREQUAL FIRST_LINE)
  message(FATAL_ERROR "stderr's first line is\n  ${first}\nexpected\n  ${FIRST_LINE}")
endif()
if(NOT out STREQUAL "")
  message(FATAL_ERROR "expected nothing on stdout, got:\n${out}")
endif()
