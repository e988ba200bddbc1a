# SPDX-License-Identifier: GPL-3.0-or-later
# signe-cli new writes a canvas that signe-cli info describes.
file(REMOVE ${OUT})
execute_process(COMMAND ${CLI} new --size 2048x1536 --background "#f4efe6" --out ${OUT}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT EXISTS ${OUT})
  message(FATAL_ERROR "new failed (${rc}): ${err}")
endif()
execute_process(COMMAND ${CLI} info ${OUT} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "size: 2048x1536" OR NOT out MATCHES "format: png"
   OR NOT out MATCHES "layers: 1")
  message(FATAL_ERROR "info printed:\n${out}${err}")
endif()
