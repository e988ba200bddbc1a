# SPDX-License-Identifier: GPL-3.0-or-later
# Runs CLI with ARGS; passes when it exits 0, stdout matches OUT_EXPECT and stderr ERR_EXPECT.
execute_process(COMMAND ${CLI} ${ARGS} RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "expected exit code 0, got '${rc}'\nstdout: ${out}\nstderr: ${err}")
endif()
if(DEFINED OUT_EXPECT AND NOT out MATCHES "${OUT_EXPECT}")
  message(FATAL_ERROR "stdout does not match '${OUT_EXPECT}':\n${out}")
endif()
if(DEFINED ERR_EXPECT AND NOT err MATCHES "${ERR_EXPECT}")
  message(FATAL_ERROR "stderr does not match '${ERR_EXPECT}':\n${err}")
endif()
