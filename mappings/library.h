// The dataflow library: the embedded mappings/*.m files, looked up by name or
// alias, plus a user's own dataflow file, and the choice of the directive
// list for each layer.
//
// Example:
//   absl::StatusOr<const DataflowLibrary*> lib = DataflowLibrary::Builtin();
//   absl::StatusOr<std::vector<DataflowLibraryFile>> dfs =
//       (*lib)->Select("nvdla,rs");          // names, aliases, "all" or a path
//   absl::StatusOr<const Dataflow*> df =
//       DataflowForLayer((*dfs)[0], layer, LayerRole::kConv);
//
// Which block serves a layer: DSCONV layers the `DSCONV` block; fully
// connected layers (Gemm/MatMul as CONV with R = S = X = 1) the `FC` block,
// else `CONV`; TRCONV and NGCONV their own block, else `CONV`; GEMM (MAESTRO's
// M/N/K form) the `GEMM` block. See docs/dataflows.md.
#ifndef MAESTRO_ONNX_MAPPINGS_LIBRARY_H_
#define MAESTRO_ONNX_MAPPINGS_LIBRARY_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/dsl/dataflow_library.h"
#include "core/layer.h"
#include "core/mapping.h"

namespace maestro {

// How a layer is used, beyond its MAESTRO type.
enum class LayerRole : uint8_t {
  kConv,            // a convolution (any LayerType but GEMM)
  kFullyConnected,  // a Gemm/MatMul written as CONV (R = S = X = 1)
};

class DataflowLibrary {
 public:
  // The embedded library, parsed once. An error here means a library file
  // does not parse (caught by the tests).
  static absl::StatusOr<const DataflowLibrary*> Builtin();

  const std::vector<DataflowLibraryFile>& entries() const { return entries_; }

  // By name or alias (case-insensitive); nullptr when unknown.
  const DataflowLibraryFile* Find(absl::string_view name) const;

  // Resolves a --dataflow value: a comma-separated list of names, aliases,
  // `all`, or paths to a user's dataflow file (a library-format file, or a
  // MAESTRO template holding one bare `Dataflow { ... }` block, which then
  // serves every layer type). Order is kept, duplicates dropped.
  absl::StatusOr<std::vector<DataflowLibraryFile>> Select(
      absl::string_view spec) const;

 private:
  std::vector<DataflowLibraryFile> entries_;
};

// Reads a user's dataflow file (see Select).
absl::StatusOr<DataflowLibraryFile> LoadUserDataflowFile(
    const std::string& path);

// The directive list of `df` for `layer`; an error names the dataflow and
// the layer when the file has no block for it.
absl::StatusOr<const Dataflow*> DataflowForLayer(const DataflowLibraryFile& df,
                                                 const Layer& layer,
                                                 LayerRole role);

}  // namespace maestro

#endif  // MAESTRO_ONNX_MAPPINGS_LIBRARY_H_
