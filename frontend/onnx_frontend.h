// The ONNX frontend: loads a .onnx model and extracts every MAC layer
// (Conv of any dims, depthwise, grouped, dilated, ConvTranspose, Gemm,
// MatMul, LSTM/GRU/RNN, fused attention and quantized forms) as MAESTRO
// layers, with a coverage verdict for every other node.
//
// Example:
//   maestro::frontend::FrontendOptions opts;
//   opts.input_shapes["input"] = {1, 3, 224, 224};   // --input-shape
//   absl::StatusOr<maestro::frontend::ExtractedModel> m =
//       maestro::frontend::LoadOnnxModel("models/resnet50.onnx", opts);
//   if (!m.ok()) { std::cerr << m.status().message(); return 2; }
//   for (const auto& l : m->layers)
//     for (const auto& p : l.parts) use(p.layer);     // MAESTRO form
//
// See docs/onnx-frontend.md for how each op maps to MAESTRO layers.
#ifndef MAESTRO_ONNX_FRONTEND_ONNX_FRONTEND_H_
#define MAESTRO_ONNX_FRONTEND_ONNX_FRONTEND_H_

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/layer.h"
#include "frontend/extracted_layer.h"

namespace onnx {
class ModelProto;
}

namespace maestro::frontend {

struct FrontendOptions {
  // --input-shape NAME=1x3x224x224: replaces the shape of a graph input.
  std::map<std::string, std::vector<int64_t>> input_shapes;
  // --input-value NAME=V: a scalar graph input with a known value.
  std::map<std::string, double> input_values;
  // When true, a layer whose shapes stay unknown because of a dynamic graph
  // input is an error naming the input to pin; when false it goes to the
  // coverage report as "not supported". Layers whose shapes depend on data
  // (every input known) are always reported, with a note, not an error.
  bool require_known_shapes = true;
  // A graph input whose leading (batch) dim is symbolic and not pinned is
  // analysed with batch 1 (a note says so). Other dynamic dims must be pinned.
  bool assume_batch_one = true;
  // --conv-form: dilated convs and ConvTranspose as their dense phase
  // convolutions (exact MACs, the default) or as MAESTRO's single layer
  // (effective kernel / zero-inserted input; zero taps costed).
  ConvForm conv_form = ConvForm::kExact;
};

// Seconds spent in each phase of LoadOnnxModel.
struct FrontendTimings {
  double read = 0;         // reading and parsing the protobuf
  double shapes = 0;       // shape propagation (own functions + ONNX's)
  double folding = 0;      // constant folding of shape computations
  double extraction = 0;   // turning nodes into layers and verdicts
  int64_t file_bytes = 0;  // size of the model file (or bytes given)
  int64_t tensor_bytes_skipped = 0;  // inline weight bytes never parsed
};

struct ExtractedModel {
  std::string file;
  std::string producer;  // "pytorch 1.13.0"
  int64_t opset = 0;     // ai.onnx opset
  int64_t node_count = 0;
  int64_t shape_nodes_folded = 0;
  int64_t if_nodes_inlined = 0;
  int64_t functions_inlined = 0;  // calls of model-local functions
  std::map<std::string, std::vector<int64_t>> inputs;  // activation inputs
  std::vector<ExtractedLayer> layers;
  std::vector<CoverageEntry> coverage;  // one per non-layer node
  std::map<std::string, int64_t> op_histogram;
  std::vector<std::string> notes;  // warnings that did not stop extraction
  FrontendTimings timings;
};

// Reads `path` (weights inline, in external files that are never opened, or
// absent) and extracts its layers. Errors: not an ONNX model, truncated,
// unsupported opset, cycles, inconsistent shapes, unknown shapes.
absl::StatusOr<ExtractedModel> LoadOnnxModel(const std::string& path,
                                             const FrontendOptions& options);

// Same from the bytes of a model file (`name` is used in messages).
absl::StatusOr<ExtractedModel> LoadOnnxModelFromBytes(
    absl::string_view bytes, const std::string& name,
    const FrontendOptions& options);

// Same from a model already in memory (tests build these).
absl::StatusOr<ExtractedModel> ExtractModel(const onnx::ModelProto& model,
                                            const std::string& name,
                                            const FrontendOptions& options);

// "1x3x224x224" -> {1,3,224,224}; "NAME=1x3x224x224" is split by the caller.
absl::StatusOr<std::vector<int64_t>> ParseShapeText(absl::string_view text);

}  // namespace maestro::frontend

#endif  // MAESTRO_ONNX_FRONTEND_ONNX_FRONTEND_H_
