// Reads a dataflow library file (mappings/*.m): one named dataflow with a
// directive list per set of layer types.
//
// Example file (nvdla.m):
//   // free comments
//   Description: "NVDLA-style weight stationary"
//   Aliases: kcp_ws dla
//   Dataflow CONV TRCONV NGCONV FC { SpatialMap(1,1) K; ... }
//   Dataflow DSCONV { SpatialMap(1,1) C; ... }
//
// Example use:
//   absl::StatusOr<DataflowLibraryFile> f =
//       ParseDataflowLibraryFile(text, "mappings/nvdla.m");
//   f->name;                              // "nvdla" (the file stem)
//   const Dataflow* df = f->ForType(LayerType::kDsconv);
//   const Dataflow* fc = f->Find("FC");
//
// Errors are `file:line:col: error: found ...; expected ...`.
#ifndef MAESTRO_ONNX_CORE_DSL_DATAFLOW_LIBRARY_H_
#define MAESTRO_ONNX_CORE_DSL_DATAFLOW_LIBRARY_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/layer.h"
#include "core/mapping.h"

namespace maestro {

struct DataflowLibraryFile {
  std::string name;         // the file name without directory and extension
  std::string description;  // the Description string ("" when absent)
  std::vector<std::string> aliases;
  // Keyed by the type names written after `Dataflow`: CONV, DSCONV, GEMM,
  // NGCONV, TRCONV, and FC (fully-connected layers, which a frontend may
  // treat apart from CONV). Each key appears in one block only.
  std::map<std::string, Dataflow> dataflows;

  const Dataflow* Find(absl::string_view type_key) const;
  const Dataflow* ForType(LayerType t) const { return Find(LayerTypeName(t)); }
};

// The keys a `Dataflow` block may name.
bool IsDataflowTypeKey(absl::string_view key);

absl::StatusOr<DataflowLibraryFile> ParseDataflowLibraryFile(
    absl::string_view text, absl::string_view filename);

}  // namespace maestro

#endif  // MAESTRO_ONNX_CORE_DSL_DATAFLOW_LIBRARY_H_
