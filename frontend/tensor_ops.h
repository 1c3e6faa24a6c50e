// Shape arithmetic and small-tensor kernels shared by the folding
// interpreter (folding.cc) and the shape functions (shape_functions.cc).
// Every function validates its arguments and returns false instead of
// indexing out of range: inputs come from untrusted files.
//
// Example:
//   std::vector<int64_t> out;
//   ReshapeDims({1, 116, 28, 28}, {1, 2, 58, 28, 28}, false, &out);
//   BroadcastDims({{8, 1, 6}, {7, 1}}, &out);          // 8x7x6
#ifndef MAESTRO_ONNX_FRONTEND_TENSOR_OPS_H_
#define MAESTRO_ONNX_FRONTEND_TENSOR_OPS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "frontend/value_state.h"

namespace maestro::frontend {

// Numpy-style broadcast; -1 (unknown) dims stay unknown unless the other
// side fixes them.
bool BroadcastDims(const std::vector<std::vector<int64_t>>& shapes,
                   std::vector<int64_t>* out);
bool UnsqueezeDims(const std::vector<int64_t>& in,
                   const std::vector<int64_t>& axes, std::vector<int64_t>* out);
// Empty axes: drop every dim of size 1 (fails if one is unknown).
bool SqueezeDims(const std::vector<int64_t>& in,
                 const std::vector<int64_t>& axes, std::vector<int64_t>* out);
// Reshape target with 0 (copy, unless allowzero) and one -1 (infer). Dims of
// `in` may be unknown (-1): then an inferred dim is unknown too; `shape` may
// hold kUnknownDim for a dim read from an unknown input dim.
bool ReshapeDims(const std::vector<int64_t>& in,
                 const std::vector<int64_t>& shape, bool allowzero,
                 std::vector<int64_t>* out);
// Output dims of Slice (unknown input dims on sliced axes -> unknown).
bool SliceDims(const std::vector<int64_t>& in,
               const std::vector<int64_t>& starts,
               const std::vector<int64_t>& ends,
               const std::vector<int64_t>& axes,
               const std::vector<int64_t>& steps, std::vector<int64_t>* out);
// Sizes of Split's outputs along axis (split given, or equal parts).
bool SplitSizes(const std::vector<int64_t>& in, int64_t axis,
                const std::vector<int64_t>& split, int num_outputs,
                std::vector<int64_t>* sizes);
bool NormalizeAxis(int64_t* axis, int64_t rank);

bool GatherTensor(const ConstTensor& data, const ConstTensor& idx, int64_t axis,
                  ConstTensor* out);
bool ConcatTensors(const std::vector<const ConstTensor*>& parts, int64_t axis,
                   ConstTensor* out);
bool SliceTensor(const ConstTensor& a, const std::vector<int64_t>& starts,
                 const std::vector<int64_t>& ends,
                 const std::vector<int64_t>& axes,
                 const std::vector<int64_t>& steps, ConstTensor* out);
bool ExpandTensor(const ConstTensor& a, const std::vector<int64_t>& shape,
                  ConstTensor* out);
bool WhereTensor(const ConstTensor& c, const ConstTensor& x,
                 const ConstTensor& y, ConstTensor* out);
bool TransposeTensor(const ConstTensor& a, std::vector<int64_t> perm,
                     ConstTensor* out);
bool TileTensor(const ConstTensor& a, const std::vector<int64_t>& reps,
                ConstTensor* out);
bool ReduceTensor(const ConstTensor& a, std::vector<int64_t> axes,
                  bool keepdims, const std::string& op, ConstTensor* out);

// Add Sub Mul Div Mod Pow Min Max Sum Neg Abs Floor Ceil Round Sqrt
// Reciprocal Equal Less Greater LessOrEqual GreaterOrEqual Not And Or Xor.
bool IsElementwiseFoldable(const std::string& op);
bool ElementwiseTensor(const std::string& op,
                       const std::vector<const ConstTensor*>& args,
                       int64_t fmod, ConstTensor* out);

}  // namespace maestro::frontend

#endif  // MAESTRO_ONNX_FRONTEND_TENSOR_OPS_H_
