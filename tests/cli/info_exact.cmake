# SPDX-License-Identifier: GPL-3.0-or-later
# signe-cli info FILE prints "file: FILE" and then exactly the lines in EXPECTED, with nothing
# on stderr.
execute_process(COMMAND ${CLI} info ${FILE} RESULT_VARIABLE rc OUTPUT_VARIABLE out
  ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "info failed (${rc}): ${err}")
endif()
file(READ ${EXPECTED} expected)
if(NOT out STREQUAL "file: ${FILE}\n${expected}")
  message(FATAL_ERROR "info printed:\n${out}\nexpected:\nfile: ${FILE}\n${expected}")
endif()
if(NOT err STREQUAL "")
  message(FATAL_ERROR "info wrote to stderr:\n${err}")
endif()
