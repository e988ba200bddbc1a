# SPDX-License-Identifier: GPL-3.0-or-later
# signe-cli render with an impasto preset: lit and unlit pictures differ, and --height-map
# writes the thickness as a 16-bit greyscale PNG that signe-cli info describes.
foreach(file ${OUT}/lit.png ${OUT}/unlit.png ${OUT}/height.png)
  file(REMOVE ${file})
endforeach()
set(common --preset ${PRESET} --events ${EVENTS} --size 256x160)
execute_process(COMMAND ${CLI} render ${common} --out ${OUT}/lit.png
  RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "lit render failed (${rc}): ${err}")
endif()
execute_process(COMMAND ${CLI} render ${common} --lighting unlit --height-map ${OUT}/height.png
  --out ${OUT}/unlit.png RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT EXISTS ${OUT}/height.png)
  message(FATAL_ERROR "unlit render with a height map failed (${rc}): ${err}")
endif()
file(SHA256 ${OUT}/lit.png lit)
file(SHA256 ${OUT}/unlit.png unlit)
if(lit STREQUAL unlit)
  message(FATAL_ERROR "the relief is lit in neither picture or in both")
endif()
execute_process(COMMAND ${CLI} info ${OUT}/height.png RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "size: 256x160" OR NOT out MATCHES "channels: 1 \\(16 bits each\\)")
  message(FATAL_ERROR "info on the height map printed:\n${out}")
endif()
