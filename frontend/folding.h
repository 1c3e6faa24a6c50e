// A small constant-folding interpreter for the tensors exporters use to
// compute shapes: Shape -> Gather -> Div/Mul -> Concat -> Reshape/Slice/Split,
// Range, ConstantOfShape, Expand, Equal/Where conditions, casts...
//
// Values are ConstTensors. A dim that is not known (a dynamic batch read by
// Shape) is carried as kUnknownDim through the ops that only move or combine
// integers (Gather, Concat, Slice, Mul...), so that the known parts of a
// shape survive; comparisons on it do not fold.
//
// Example:
//   std::vector<const ValueState*> in = {&x};      // x: 1x116x28x28
//   std::vector<ConstTensor> out;
//   if (FoldNode(shape_node, in, /*opset=*/17, &out)) out[0];  // [1,116,28,28]
#ifndef MAESTRO_ONNX_FRONTEND_FOLDING_H_
#define MAESTRO_ONNX_FRONTEND_FOLDING_H_

#include <cstdint>
#include <limits>
#include <vector>

#include "frontend/value_state.h"
#include "onnx/onnx_pb.h"

namespace maestro::frontend {

inline constexpr int64_t kUnknownDim = std::numeric_limits<int64_t>::min() + 7;

// Whether FoldNode knows the op (ai.onnx domain).
bool IsFoldableOp(const std::string& op_type);

// Computes every output of `node` from its inputs (nullptr for an omitted
// optional input). Returns false when an input value it needs is unknown or
// the op is not foldable; never throws. Inputs whose values are not needed
// (Shape's data) may lack a value.
bool FoldNode(const onnx::NodeProto& node,
              const std::vector<const ValueState*>& inputs, int opset,
              std::vector<ConstTensor>* outputs);

// True when t holds kUnknownDim somewhere.
bool HasUnknown(const ConstTensor& t);

}  // namespace maestro::frontend

#endif  // MAESTRO_ONNX_FRONTEND_FOLDING_H_
