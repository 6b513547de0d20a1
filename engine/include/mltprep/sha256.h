// SHA-256 (FIPS 180-4), for storing instructor tokens as hashes only.
// Private to the engine.
#pragma once

#include <string>

namespace mltprep {

// The digest of `data` as 64 lower-case hex digits.
std::string sha256_hex(const std::string& data);

}  // namespace mltprep
