# Turns data/digits.csv.gz into a C++ initializer list (digits_data.inc), so the
# program needs no data file at run time. Run as: cmake -DIN=... -DOUT=... -P this
execute_process(COMMAND gzip -dc "${IN}" OUTPUT_VARIABLE csv RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "could not gunzip ${IN} (is gzip installed?)")
endif()
string(STRIP "${csv}" csv)
string(REPLACE "\n" ",\n" csv "${csv}")
file(WRITE "${OUT}" "// Generated from data/digits.csv.gz by cmake/embed_digits.cmake. Do not edit.\n${csv}\n")
