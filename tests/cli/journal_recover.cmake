# SPDX-License-Identifier: GPL-3.0-or-later
# render --journal records every stroke; recover rebuilds, from the journal alone, byte for
# byte the picture render wrote; info lists the journal's strokes.
file(REMOVE_RECURSE ${OUT}/journal)
file(MAKE_DIRECTORY ${OUT}/journal)
set(journal ${OUT}/journal/scribble.signe-journal)
execute_process(COMMAND ${CLI} render --preset ${PRESET} --events ${EVENTS} --size 256x160
  --background "#f4efe6" --color "#1d4e89" --seed 7 --over ${OVER} --drying strokes:2
  --journal ${journal} --out ${OUT}/journal/direct.png RESULT_VARIABLE rc OUTPUT_VARIABLE out
  ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "render --journal (${rc}):\n${out}${err}")
endif()
execute_process(COMMAND ${CLI} recover ${journal} --out ${OUT}/journal/recovered.png --threads 2
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "^recovered 3 operations \\(3 strokes\\) from .*scribble.signe-journal. wrote .*recovered.png\n$" OR NOT err STREQUAL "")
  message(FATAL_ERROR "recover (${rc}):\n${out}${err}")
endif()
file(SHA256 ${OUT}/journal/direct.png a)
file(SHA256 ${OUT}/journal/recovered.png b)
if(NOT a STREQUAL b)
  message(FATAL_ERROR "the recovered picture differs from the one render painted")
endif()
execute_process(COMMAND ${CLI} info ${journal} RESULT_VARIABLE rc OUTPUT_VARIABLE out)
set(expected "file: ${journal}
format: signe-journal
snapshot: scribble.signe-journal.snapshot-1.ora
operations: 3
  1. stroke: 'Wet on Wet' on layer 0, 60 events, #1d4e89ff, seed 7
  2. stroke: 'Wet on Wet' on layer 0, 25 events, #1d4e89ff, seed 8
  3. stroke: 'Wet on Wet' on layer 0, 46 events, #1d4e89ff, seed 9
")
if(NOT rc EQUAL 0 OR NOT out STREQUAL expected)
  message(FATAL_ERROR "info on the journal printed:\n${out}\nexpected:\n${expected}")
endif()
# A journal cut off in the middle of its last line: recover keeps what came before.
file(READ ${journal} text)
string(LENGTH "${text}" length)
math(EXPR cut "${length} - 40")
string(SUBSTRING "${text}" 0 ${cut} text)
file(WRITE ${journal} "${text}")
execute_process(COMMAND ${CLI} recover ${journal} --out ${OUT}/journal/cut.ora
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "^recovered 2 operations \\(2 strokes\\)"
   OR NOT err MATCHES "warning: journal .* line 5 is unfinished")
  message(FATAL_ERROR "recover of a cut journal (${rc}):\n${out}${err}")
endif()
