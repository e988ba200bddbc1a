# SPDX-License-Identifier: GPL-3.0-or-later
# Runs CLI with ARGS; passes when it exits 1 or 2 (not a crash) and stderr matches EXPECT.
execute_process(COMMAND ${CLI} ${ARGS} RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_VARIABLE out)
if(NOT (rc EQUAL 1 OR rc EQUAL 2))
  message(FATAL_ERROR "expected exit code 1 or 2, got '${rc}'\nstderr: ${err}")
endif()
if(NOT err MATCHES "${EXPECT}")
  message(FATAL_ERROR "stderr does not match '${EXPECT}':\n${err}")
endif()
