// Fallback shape inference for ops without a shape function in the
// frontend: runs the op schema's own inference function from Debian's ONNX
// (1.12) on one node, with the shapes and folded constants the frontend has
// computed so far. Never throws: ONNX's errors become "unknown".
//
// Example:
//   std::vector<ValueState> out;
//   if (InferWithOnnxSchema(node, inputs, opset, &out)) use(out[0]);
#ifndef MAESTRO_ONNX_FRONTEND_ONNX_INFERENCE_H_
#define MAESTRO_ONNX_FRONTEND_ONNX_INFERENCE_H_

#include <vector>

#include "absl/status/status.h"
#include "frontend/value_state.h"
#include "onnx/onnx_pb.h"

namespace maestro::frontend {

// True when ONNX knows the op (at `opset` or the newest schema before it)
// and its inference ran; outputs it could not type stay unknown.
bool InferWithOnnxSchema(const onnx::NodeProto& node,
                         const std::vector<const ValueState*>& inputs,
                         int opset, std::vector<ValueState>* outputs);

// An ai.onnx node missing an input its schema requires (a Conv without its
// weight, a MatMul with one input): "node 'c' (Conv) has no input W
// (input 1); expected X and W (the ONNX Conv schema)". OK for other
// domains and ops ONNX does not know.
absl::Status CheckRequiredInputs(const onnx::NodeProto& node, int opset);

// Whether ONNX 1.12 has a schema for the op in this domain and opset.
bool OnnxKnowsOp(const onnx::NodeProto& node, int opset);

// The newest ai.onnx opset this build's ONNX library has schemas for.
int OnnxLibraryMaxOpset();

}  // namespace maestro::frontend

#endif  // MAESTRO_ONNX_FRONTEND_ONNX_INFERENCE_H_
