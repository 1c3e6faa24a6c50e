// What `maestro-onnx search` searches: the costed layers of an ONNX model
// or of a `.m` file (with or without Dataflow blocks), optionally one of
// them (--layer NAME or 1-based INDEX).
//
// Example:
//   absl::StatusOr<SearchTarget> t = LoadSearchTarget("models/resnet18.onnx",
//   {}); absl::Status s = SelectLayer(*t, "3");   // keeps only the third layer
#ifndef MAESTRO_ONNX_SEARCH_TARGET_H_
#define MAESTRO_ONNX_SEARCH_TARGET_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "frontend/onnx_frontend.h"
#include "pipeline/network_job.h"

namespace maestro::search {

struct SearchTarget {
  std::string name;  // file stem
  std::vector<JobLayer> layers;
  // Per layer: its Dataflow block in a `.m` target that has one.
  std::vector<std::optional<Dataflow>> own;
  // An ONNX model's MAC-bearing nodes that have no layer (empty for `.m`).
  std::vector<UncostedNode> uncosted;
};

// `.m` files by extension, everything else as ONNX.
absl::StatusOr<SearchTarget> LoadSearchTarget(
    const std::string& path, const frontend::FrontendOptions& options);

// Keeps the one layer named `which` (exact name, or a 1-based index).
absl::Status SelectLayer(SearchTarget& t, const std::string& which);

}  // namespace maestro::search

#endif  // MAESTRO_ONNX_SEARCH_TARGET_H_
