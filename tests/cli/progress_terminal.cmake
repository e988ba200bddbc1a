# SPDX-License-Identifier: GPL-3.0-or-later
# On a terminal (a pseudo-terminal from script(1)) convert shows "saving OUT: N%" and ends
# with 100%; off a terminal the other tests see nothing on stderr.
file(REMOVE ${OUTFILE})
execute_process(COMMAND ${SCRIPT} -qec "${CLI} convert ${IN} ${OUTFILE}" /dev/null
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "convert under script failed (${rc}):\n${out}${err}")
endif()
if(NOT out MATCHES "\rsaving ${OUTFILE}: 100%" OR NOT out MATCHES "\rloading ${IN}: 100%")
  message(FATAL_ERROR "no progress line on the terminal:\n${out}")
endif()
