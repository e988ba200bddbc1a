# SPDX-License-Identifier: GPL-3.0-or-later
# An image converted to .ora keeps its pixels: IMAGE -> .ora -> PNG gives the same bytes as
# IMAGE -> PNG directly (both through the same export), and the .ora holds one layer.
set(ora ${OUT}/image.ora)
foreach(f ${ora} ${OUT}/image-direct.png ${OUT}/image-via-ora.png)
  file(REMOVE ${f})
endforeach()
foreach(step "convert;${IMAGE};${ora}" "convert;${IMAGE};${OUT}/image-direct.png;--bits;16"
             "flatten;${ora};${OUT}/image-via-ora.png;--bits;16")
  execute_process(COMMAND ${CLI} ${step} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "signe-cli ${step} failed (${rc}):\n${out}${err}")
  endif()
endforeach()
file(SHA256 ${OUT}/image-direct.png a)
file(SHA256 ${OUT}/image-via-ora.png b)
if(NOT a STREQUAL b)
  message(FATAL_ERROR "the pixels changed on the way through .ora")
endif()
execute_process(COMMAND ${CLI} info ${ora} OUTPUT_VARIABLE out)
if(NOT out MATCHES "format: openraster\n" OR NOT out MATCHES "\nlayers: 1 \\(top to bottom\\)\n  \"[^\n]+\" paint visible=yes opacity=1 ")
  message(FATAL_ERROR "info on the converted image printed:\n${out}")
endif()
