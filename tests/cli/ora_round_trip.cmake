# SPDX-License-Identifier: GPL-3.0-or-later
# convert IN.ora -> OUT/round-trip.ora keeps the document: info prints the same lines (but the
# file name), and both flatten to byte-identical 16-bit PNGs. A second round trip changes
# nothing either. Also the quiet rule: with stderr not a terminal, nothing goes there.
set(copy ${OUT}/round-trip.ora)
set(again ${OUT}/round-trip-again.ora)
foreach(f ${copy} ${again} ${OUT}/rt-in.png ${OUT}/rt-copy.png ${OUT}/rt-again.png)
  file(REMOVE ${f})
endforeach()

function(run)
  execute_process(COMMAND ${CLI} ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "signe-cli ${ARGN} failed (${rc}):\n${out}${err}")
  endif()
  if(NOT err STREQUAL "")
    message(FATAL_ERROR "signe-cli ${ARGN} wrote to stderr (no progress off a terminal):\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()

function(info_without_name file var)
  run(info ${file})
  string(REGEX REPLACE "^file: [^\n]*\n" "" rest "${out}")
  set(${var} "${rest}" PARENT_SCOPE)
endfunction()

run(convert ${IN} ${copy})
if(NOT out STREQUAL "wrote ${copy}\n")
  message(FATAL_ERROR "convert printed: ${out}")
endif()
run(convert ${copy} ${again} --threads 1)

info_without_name(${IN} before)
info_without_name(${copy} after)
info_without_name(${again} afterAgain)
if(NOT before STREQUAL after OR NOT before STREQUAL afterAgain)
  message(FATAL_ERROR "info differs after the round trip:\n${before}\n---\n${after}\n---\n${afterAgain}")
endif()

run(flatten ${IN} ${OUT}/rt-in.png --bits 16)
run(flatten ${copy} ${OUT}/rt-copy.png --bits 16)
run(convert ${again} ${OUT}/rt-again.png --bits 16)
file(SHA256 ${OUT}/rt-in.png a)
file(SHA256 ${OUT}/rt-copy.png b)
file(SHA256 ${OUT}/rt-again.png c)
if(NOT a STREQUAL b OR NOT a STREQUAL c)
  message(FATAL_ERROR "the flattened pixels differ after the round trip")
endif()
