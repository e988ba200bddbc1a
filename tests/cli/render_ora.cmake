# SPDX-License-Identifier: GPL-3.0-or-later
# render --out X.ora writes the painted document: info describes one painted layer, and its
# flattened picture is byte for byte what render --out X.png writes.
foreach(f ${OUT}/painted.ora ${OUT}/painted.png ${OUT}/painted-from-ora.png)
  file(REMOVE ${f})
endforeach()
set(common render --preset ${PRESET} --events ${EVENTS} --size 300x200 --color "#c03020" --seed 3)
execute_process(COMMAND ${CLI} ${common} --out ${OUT}/painted.ora RESULT_VARIABLE rc
  OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "wrote .*painted.ora\n$" OR NOT err STREQUAL "")
  message(FATAL_ERROR "render to .ora (${rc}):\n${out}${err}")
endif()
execute_process(COMMAND ${CLI} ${common} --out ${OUT}/painted.png RESULT_VARIABLE rc)
execute_process(COMMAND ${CLI} flatten ${OUT}/painted.ora ${OUT}/painted-from-ora.png
  RESULT_VARIABLE rc2)
if(NOT rc EQUAL 0 OR NOT rc2 EQUAL 0)
  message(FATAL_ERROR "render to PNG (${rc}) or flatten (${rc2}) failed")
endif()
file(SHA256 ${OUT}/painted.png a)
file(SHA256 ${OUT}/painted-from-ora.png b)
if(NOT a STREQUAL b)
  message(FATAL_ERROR "the .ora flattens to another picture than render's PNG")
endif()
execute_process(COMMAND ${CLI} info ${OUT}/painted.ora RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "format: openraster\nsize: 300x200\n"
   OR NOT out MATCHES "\nlayers: 1 \\(top to bottom\\)\n  \"Layer 1\" paint visible=yes opacity=1 blend=svg:src-over offset=0,0 alpha-lock=no edit-lock=no bounds=[0-9]+x[0-9]+@[0-9]+,[0-9]+\n$")
  message(FATAL_ERROR "info on the rendered .ora printed:\n${out}")
endif()
