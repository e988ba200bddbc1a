# SPDX-License-Identifier: GPL-3.0-or-later
# signe-cli convert ARGS writes OUTFILE, and info on it matches INFO_EXPECT.
file(REMOVE ${OUTFILE})
execute_process(COMMAND ${CLI} ${ARGS} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT EXISTS ${OUTFILE})
  message(FATAL_ERROR "signe-cli ${ARGS} failed (${rc}):\n${out}${err}")
endif()
if(NOT out STREQUAL "wrote ${OUTFILE}\n" OR NOT err STREQUAL "")
  message(FATAL_ERROR "signe-cli ${ARGS} printed:\n${out}\nstderr:\n${err}")
endif()
execute_process(COMMAND ${CLI} info ${OUTFILE} RESULT_VARIABLE rc OUTPUT_VARIABLE out
  ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "${INFO_EXPECT}")
  message(FATAL_ERROR "info ${OUTFILE} (${rc}) does not match '${INFO_EXPECT}':\n${out}${err}")
endif()
