// Whole files in and out, for the commands that convert and export.
#pragma once

#include <string>

namespace mltprep::cli {

// The file's bytes; throws Error(not_found) naming the path and the reason.
std::string read_whole_file(const std::string& path);

// Writes to a temporary file beside `path`, flushes it to disk and renames it
// over `path`, so a reader never sees half a file and a failure leaves any
// earlier file as it was. Throws Error(storage) naming the path and the reason.
void write_file_atomically(const std::string& path, const std::string& bytes);

}  // namespace mltprep::cli
