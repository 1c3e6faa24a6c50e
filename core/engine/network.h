// Analysis of a whole mapping file: every layer under its dataflow, with
// network totals.
//
// Example:
//   absl::StatusOr<MappingFile> f = LoadMappingFile("Resnet50_kcp_ws.m");
//   absl::StatusOr<NetworkResult> n = AnalyzeMappingFile(*f, hw, opts);
//   n->totals.runtime_cycles;   // sum over layers of runtime x repeat
#ifndef MAESTRO_ONNX_CORE_ENGINE_NETWORK_H_
#define MAESTRO_ONNX_CORE_ENGINE_NETWORK_H_

#include <vector>

#include "absl/status/statusor.h"
#include "core/dsl/mapping_file.h"
#include "core/engine/analysis.h"

namespace maestro {

// Per layer: whether its tensors include the batch dim N. Under maestro
// semantics MAESTRO fixes this per layer type from the first layer of that
// type in the file (NOTES.md item 11); under exact semantics it is each
// layer's own N.
std::vector<bool> TensorBatchFlags(const MappingFile& file,
                                   Semantics semantics);

// Resolves and analyses one layer of `file` (index `i`).
absl::StatusOr<LayerResult> AnalyzeMappedLayer(const MappingFile& file,
                                               size_t i, const Hardware& hw,
                                               const AnalysisOptions& options,
                                               const std::vector<bool>& batch);

// Analyses every layer; the first error (resolution or analysis) is
// returned, naming the layer.
absl::StatusOr<NetworkResult> AnalyzeMappingFile(
    const MappingFile& file, const Hardware& hw,
    const AnalysisOptions& options);

}  // namespace maestro

#endif  // MAESTRO_ONNX_CORE_ENGINE_NETWORK_H_
