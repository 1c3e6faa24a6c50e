#include "core/source_location.h"

#include "absl/strings/str_cat.h"

namespace maestro {

std::string SourceLocation::ToString() const {
  if (!onnx_node.empty() || !onnx_op.empty()) {
    std::string s = absl::StrCat("node '", onnx_node, "' (", onnx_op, ")");
    if (!file.empty()) s = absl::StrCat(file, ": ", s);
    return s;
  }
  if (file.empty()) return "";
  if (line <= 0) return file;
  if (column <= 0) return absl::StrCat(file, ":", line);
  return absl::StrCat(file, ":", line, ":", column);
}

}  // namespace maestro
