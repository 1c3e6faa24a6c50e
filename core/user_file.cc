#include "core/user_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace maestro {
namespace {

const char* FileTypeName(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  return "not a regular file";
}

std::string Prefix(const std::string& path, const UserFileKind& kind) {
  return absl::StrCat(PrintableExcerpt(path, 200), ": ",
                      kind.error_tag ? "error: " : "");
}

bool IsControl(unsigned char c) { return c < 0x20 || c == 0x7f; }

}  // namespace

absl::StatusOr<int> OpenUserFile(const std::string& path,
                                 const UserFileKind& kind, int64_t* size) {
  // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    return absl::NotFoundError(
        absl::StrCat(Prefix(path, kind), "cannot open the ", kind.what, " (",
                     std::strerror(errno), "); expected ", kind.expected));
  }
  struct stat st;
  const bool stat_ok = ::fstat(fd, &st) == 0;
  if (!stat_ok || !S_ISREG(st.st_mode)) {
    const char* type = stat_ok ? FileTypeName(st.st_mode) : "not readable";
    ::close(fd);
    return absl::InvalidArgumentError(
        absl::StrCat(Prefix(path, kind), "the ", kind.what, " is ", type,
                     ", not a regular file; expected ", kind.expected));
  }
  if (st.st_size > kind.max_bytes) {
    ::close(fd);
    return absl::InvalidArgumentError(
        absl::StrCat(Prefix(path, kind), "the ", kind.what, " is ", st.st_size,
                     " bytes, over the limit of ", kind.max_bytes,
                     " bytes; expected ", kind.expected));
  }
  // Back to blocking reads for a regular file (O_NONBLOCK has no effect on
  // them, but the descriptor may be handed to code that expects it clear).
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  *size = st.st_size;
  return fd;
}

absl::StatusOr<std::string> ReadUserFile(const std::string& path,
                                         const UserFileKind& kind) {
  int64_t size = 0;
  absl::StatusOr<int> fd = OpenUserFile(path, kind, &size);
  if (!fd.ok()) return fd.status();
  std::string text;
  // Read to the end, not to `size`: the file may change while it is read;
  // the cap still holds.
  char buf[1 << 16];
  while (true) {
    const ssize_t n = ::read(*fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(*fd);
      return absl::InvalidArgumentError(
          absl::StrCat(Prefix(path, kind), "cannot read the ", kind.what, " (",
                       std::strerror(err), ")"));
    }
    if (n == 0) break;
    if (static_cast<int64_t>(text.size()) + n > kind.max_bytes) {
      ::close(*fd);
      return absl::InvalidArgumentError(absl::StrCat(
          Prefix(path, kind), "the ", kind.what, " grew over the limit of ",
          kind.max_bytes, " bytes while it was read"));
    }
    text.append(buf, static_cast<size_t>(n));
  }
  ::close(*fd);
  return text;
}

std::string PrintableExcerpt(absl::string_view s, size_t max_bytes) {
  size_t end = std::min(s.size(), max_bytes);
  // Cut at a character boundary, not inside a UTF-8 sequence.
  while (end < s.size() && end > 0 &&
         (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) {
    --end;
  }
  std::string out;
  for (size_t i = 0; i < end; ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (IsControl(c)) {
      absl::StrAppend(&out, "\\x", absl::Hex(c, absl::kZeroPad2));
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  if (end < s.size()) out += "...";
  return out;
}

bool HasControlBytes(absl::string_view s) {
  for (char c : s) {
    if (IsControl(static_cast<unsigned char>(c))) return true;
  }
  return false;
}

}  // namespace maestro
