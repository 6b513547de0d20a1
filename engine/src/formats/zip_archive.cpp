#include "formats/zip_archive.h"

#include <array>

#include "mltprep/error.h"

namespace mltprep {
namespace {

constexpr std::uint16_t kVersion = 20;                           // 2.0: what stored files need
constexpr std::uint16_t kUtf8Names = 1 << 11;                    // general-purpose flag bit 11
constexpr std::uint16_t kDosDate1980 = (0 << 9) | (1 << 5) | 1;  // 1980-01-01: no clock, reproducible bytes

void put16(std::string& out, std::uint32_t value) {
  out += static_cast<char>(value & 0xFF);
  out += static_cast<char>((value >> 8) & 0xFF);
}

void put32(std::string& out, std::uint32_t value) {
  put16(out, value & 0xFFFF);
  put16(out, value >> 16);
}

// The fields local and central headers share, from "version needed" to the extra field length.
void put_common(std::string& out, const ZipEntry& entry, std::uint32_t crc) {
  put16(out, kVersion);
  put16(out, kUtf8Names);
  put16(out, 0);  // method: stored
  put16(out, 0);  // time 00:00
  put16(out, kDosDate1980);
  put32(out, crc);
  put32(out, static_cast<std::uint32_t>(entry.data.size()));  // compressed size
  put32(out, static_cast<std::uint32_t>(entry.data.size()));  // uncompressed size
  put16(out, static_cast<std::uint32_t>(entry.name.size()));
  put16(out, 0);  // extra field length
}

}  // namespace

std::uint32_t crc32(const std::string& data) {
  static const auto table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int bit = 0; bit < 8; ++bit) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  std::uint32_t crc = 0xFFFFFFFFu;
  for (const char c : data) crc = table[(crc ^ static_cast<unsigned char>(c)) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

std::string zip_archive(const std::vector<ZipEntry>& entries) {
  if (entries.size() >= 0xFFFF)
    throw Error(ErrorCode::invalid_input, "a zip archive holds fewer than 65,535 files");
  std::string archive, directory;
  for (const auto& entry : entries) {
    if (entry.data.size() >= 0xFFFFFFFFu || archive.size() >= 0xFFFFFFFFu) {
      throw Error(ErrorCode::invalid_input, "a zip archive without Zip64 stays under 4 GiB");
    }
    const auto offset = static_cast<std::uint32_t>(archive.size());
    const auto crc = crc32(entry.data);
    put32(archive, 0x04034b50);  // local file header
    put_common(archive, entry, crc);
    archive += entry.name;
    archive += entry.data;

    put32(directory, 0x02014b50);  // central directory header
    put16(directory, kVersion);    // version made by (MS-DOS attributes)
    put_common(directory, entry, crc);
    put16(directory, 0);  // comment length
    put16(directory, 0);  // disk number
    put16(directory, 0);  // internal attributes
    put32(directory, 0);  // external attributes
    put32(directory, offset);
    directory += entry.name;
  }
  const auto directory_offset = static_cast<std::uint32_t>(archive.size());
  archive += directory;
  put32(archive, 0x06054b50);  // end of central directory
  put16(archive, 0);
  put16(archive, 0);
  put16(archive, static_cast<std::uint32_t>(entries.size()));
  put16(archive, static_cast<std::uint32_t>(entries.size()));
  put32(archive, static_cast<std::uint32_t>(directory.size()));
  put32(archive, directory_offset);
  put16(archive, 0);  // comment length
  return archive;
}

}  // namespace mltprep
