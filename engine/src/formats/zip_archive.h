// A zip archive of stored (uncompressed) files, enough for a content package.
// Private to the engine.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mltprep {

struct ZipEntry {
  std::string name;  // a relative path with "/" separators
  std::string data;
};

// The archive's bytes: local headers, data, central directory (PKWARE APPNOTE
// 6.3, method 0, no data descriptors, UTF-8 names). Fewer than 65,535 entries
// of under 4 GiB each; larger archives need Zip64.
std::string zip_archive(const std::vector<ZipEntry>& entries);

// CRC-32 as zip uses it (IEEE 802.3 polynomial, reflected).
std::uint32_t crc32(const std::string& data);

}  // namespace mltprep
