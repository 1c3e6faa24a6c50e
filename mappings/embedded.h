// The dataflow library's `.m` files, embedded at build time.
//
// Example:
//   for (const EmbeddedFile& f : EmbeddedMappingFiles())
//     std::cout << f.name << ": " << f.text.size() << " bytes\n";
#ifndef MAESTRO_ONNX_MAPPINGS_EMBEDDED_H_
#define MAESTRO_ONNX_MAPPINGS_EMBEDDED_H_

#include <vector>

#include "absl/strings/string_view.h"

namespace maestro {

struct EmbeddedFile {
  absl::string_view name;  // file stem, e.g. "nvdla"
  absl::string_view text;  // the whole file
};

// Sorted by name.
const std::vector<EmbeddedFile>& EmbeddedMappingFiles();

}  // namespace maestro

#endif  // MAESTRO_ONNX_MAPPINGS_EMBEDDED_H_
