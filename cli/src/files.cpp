#include "files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "mltprep/error.h"

namespace mltprep::cli {
namespace {

[[noreturn]] void fail_writing(const std::string& path, const std::string& temporary, int error) {
  ::unlink(temporary.c_str());
  throw Error(ErrorCode::storage, "cannot write " + path + ": " + std::strerror(error));
}

}  // namespace

std::string read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::not_found, "cannot read " + path + ": " + std::strerror(errno));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) throw Error(ErrorCode::not_found, "cannot read " + path + ": " + std::strerror(errno));
  return bytes.str();
}

void write_file_atomically(const std::string& path, const std::string& bytes) {
  const std::string temporary = path + ".partial-" + std::to_string(::getpid());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw Error(ErrorCode::storage, "cannot write " + path + ": " + std::strerror(errno));
  std::size_t written = 0;
  while (written < bytes.size()) {
    const auto n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      fail_writing(path, temporary, error);
    }
    written += static_cast<std::size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  const int sync_error = errno;
  if (::close(fd) != 0 || !synced) fail_writing(path, temporary, synced ? errno : sync_error);
  if (::rename(temporary.c_str(), path.c_str()) != 0) fail_writing(path, temporary, errno);
}

}  // namespace mltprep::cli
