// Reading a file the user named, safely: a FIFO, a directory or a device is
// refused before anything blocks on it, and a file over its cap is refused
// before it is read. Also the one printable-excerpt rule for echoing what a
// user wrote in a message.
//
// Example:
//   constexpr UserFileKind kMapping{"mapping file", "a readable .m file",
//                                   kMaxTextFileBytes};
//   absl::StatusOr<std::string> text = ReadUserFile("net.m", kMapping);
//   // e.g. "net.m: error: the mapping file is a FIFO, not a regular file;
//   //       expected a readable .m file"
//   std::string shown = PrintableExcerpt(user_value);  // "\x1b[31m..." cut
#ifndef MAESTRO_ONNX_CORE_USER_FILE_H_
#define MAESTRO_ONNX_CORE_USER_FILE_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace maestro {

// The cap on a text input (.m mapping, dataflow or hardware file): far above
// any real file (a 1000-layer network export is ~0.5 MB) and small enough
// that its tokens stay within a few hundred MB (docs/developing.md).
inline constexpr int64_t kMaxTextFileBytes = int64_t{16} << 20;

struct UserFileKind {
  absl::string_view what;      // "mapping file"
  absl::string_view expected;  // "a readable .m file"
  int64_t max_bytes = kMaxTextFileBytes;
  bool error_tag = true;  // "PATH: error: ..." (false: "PATH: ...")
};

// Opens `path` read-only without blocking and checks it is a regular file
// of at most kind.max_bytes. Returns the descriptor (the caller closes it)
// and stores the size.
absl::StatusOr<int> OpenUserFile(const std::string& path,
                                 const UserFileKind& kind, int64_t* size);

// The whole file, or one message naming the path and the cause.
absl::StatusOr<std::string> ReadUserFile(const std::string& path,
                                         const UserFileKind& kind);

// `s` fit for a message or a terminal: control bytes (ESC, CR, NUL, ...)
// escaped as \xHH, other bytes kept, cut to `max_bytes` with "..." after.
std::string PrintableExcerpt(absl::string_view s, size_t max_bytes = 60);

// Whether `s` holds a control byte PrintableExcerpt would escape.
bool HasControlBytes(absl::string_view s);

}  // namespace maestro

#endif  // MAESTRO_ONNX_CORE_USER_FILE_H_
