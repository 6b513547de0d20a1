# Shared by the embedding scripts: reads a file for a C++ raw string literal
# with the given delimiter, refusing a file that contains the delimiter.
function(read_for_embedding file delimiter out_var)
  file(READ "${file}" content)
  string(FIND "${content}" ")${delimiter}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${file} contains the embedding delimiter")
  endif()
  set(${out_var} "${content}" PARENT_SCOPE)
endfunction()
