// The frontend's own shape functions for the ops that matter to layer
// extraction and to the shape chains that lead to them. They see folded
// constant inputs (a Reshape's target, a Resize's sizes) that ONNX 1.12's
// inference cannot, and check that layer operands agree.
//
// Example:
//   std::vector<ValueState> out;
//   absl::StatusOr<bool> handled = InferShapes(node, inputs, 17, &out);
//   if (!handled.ok()) return handled.status();  // e.g. Conv weight mismatch
//   if (!*handled) { /* unknown op: ask ONNX's schema (onnx_inference.h) */ }
#ifndef MAESTRO_ONNX_FRONTEND_SHAPE_FUNCTIONS_H_
#define MAESTRO_ONNX_FRONTEND_SHAPE_FUNCTIONS_H_

#include <vector>

#include "absl/status/statusor.h"
#include "frontend/value_state.h"
#include "onnx/onnx_pb.h"

namespace maestro::frontend {

// Fills one state per node output. Returns false when the op has no shape
// function here, an error when the inputs contradict each other.
absl::StatusOr<bool> InferShapes(const onnx::NodeProto& node,
                                 const std::vector<const ValueState*>& inputs,
                                 int opset, std::vector<ValueState>* outputs);

}  // namespace maestro::frontend

#endif  // MAESTRO_ONNX_FRONTEND_SHAPE_FUNCTIONS_H_
