// Turns one ONNX node, whose input and output shapes are known, into MAESTRO
// layers (Conv family, ConvTranspose, Gemm, MatMul, quantized forms) or into
// a coverage verdict (not a MAC layer / not supported, with the reason).
//
// Example:
//   NodeInfo info{node, "conv1", "", false, inputs, outputs, "net.onnx"};
//   absl::Status s = ExtractNode(info, &model, &unresolved);
#ifndef MAESTRO_ONNX_FRONTEND_LAYER_EXTRACTOR_H_
#define MAESTRO_ONNX_FRONTEND_LAYER_EXTRACTOR_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "frontend/onnx_frontend.h"
#include "frontend/value_state.h"
#include "onnx/onnx_pb.h"

namespace maestro::frontend {

struct NodeInfo {
  const onnx::NodeProto& node;
  std::string name;      // unique
  std::string subgraph;  // "" at top level
  bool conditional = false;
  const std::vector<const ValueState*>& inputs;
  const std::vector<ValueState>& outputs;
  std::string file;
  bool folded = false;         // every output was folded to a constant
  bool function_call = false;  // a model-local function, inlined
  ConvForm conv_form = ConvForm::kExact;
};

// A MAC node whose shapes are not known.
struct Unresolved {
  std::string node, op, what;
};

// Appends a layer or a coverage entry to `model`. A MAC node whose shapes
// are not known goes to `unresolved` (and to the coverage report).
absl::Status ExtractNode(const NodeInfo& info, ExtractedModel* model,
                         std::vector<Unresolved>* unresolved);

// Whether the op carries MACs the frontend maps (Conv, Gemm, MatMul...).
bool IsMacOp(const std::string& op_type);
// The com.microsoft quantized GEMM ops (DynamicQuantizeMatMul,
// MatMulIntegerToFloat, QGemm), mapped like MatMul / Gemm.
bool IsContribMacOp(const std::string& op_type);

}  // namespace maestro::frontend

#endif  // MAESTRO_ONNX_FRONTEND_LAYER_EXTRACTOR_H_
