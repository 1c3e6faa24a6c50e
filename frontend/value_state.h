// What the frontend knows about one ONNX value while it walks the graph:
// its element type, its shape (dims of -1 are unknown) and, for small
// constant tensors, their contents (for folding shape computations).
//
// Example:
//   ValueState v = ValueState::Shaped(onnx::TensorProto::FLOAT, {1, 3, -1,
//   -1}); v.rank_known;            // true v.ShapeKnown();          // false: H
//   and W are dynamic ConstTensor c = ConstTensor::Int64s({1, 2});   // a 1-D
//   int64 tensor
#ifndef MAESTRO_ONNX_FRONTEND_VALUE_STATE_H_
#define MAESTRO_ONNX_FRONTEND_VALUE_STATE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace maestro::frontend {

// Constant tensors larger than this are not materialized (only their shape
// is kept): shape computations never need more.
inline constexpr int64_t kMaxFoldElements = 1 << 16;
// No dim may exceed kMaxDim and no tensor kMaxElements: beyond them a model
// is rejected, which keeps every shape product far from int64 overflow.
inline constexpr int64_t kMaxDim = int64_t{1} << 40;
inline constexpr int64_t kMaxElements = int64_t{1} << 62;

// A small constant tensor. Integer and bool types live in `ints`, floating
// types in `floats`; `elem_type` is the ONNX TensorProto data type.
struct ConstTensor {
  int32_t elem_type = 7;  // onnx::TensorProto::INT64
  std::vector<int64_t> dims;
  std::vector<int64_t> ints;
  std::vector<double> floats;

  bool IsFloat() const;
  int64_t NumElements() const;
  // Element i as int64 (floats truncated) or as double.
  int64_t IntAt(int64_t i) const;
  double FloatAt(int64_t i) const;

  static ConstTensor Int64s(std::vector<int64_t> values);  // 1-D
  static ConstTensor Scalar(int64_t v, int32_t elem_type = 7);
  static ConstTensor FloatScalar(double v, int32_t elem_type = 1);
};

// Whether `elem_type` (onnx::TensorProto_DataType) is a floating type.
bool IsFloatType(int32_t elem_type);

struct ValueState {
  int32_t elem_type = 0;  // 0 = unknown
  bool rank_known = false;
  std::vector<int64_t> dims;  // -1 = unknown dim
  std::optional<ConstTensor> value;
  // Computed only from initializers and Constant nodes (a weight), even when
  // the contents were not materialized.
  bool constant = false;
  // Shape taken from the file's value_info (nothing better was available).
  bool from_value_info = false;

  bool ShapeKnown() const;
  int64_t NumElements() const;  // -1 when not known

  static ValueState Shaped(int32_t elem_type, std::vector<int64_t> dims);
  static ValueState FromConst(ConstTensor t);
};

// "1x3x224x224", "?" for unknown dims, "(unknown rank)".
std::string ShapeString(const ValueState& v);
std::string DimsString(const std::vector<int64_t>& dims);

}  // namespace maestro::frontend

#endif  // MAESTRO_ONNX_FRONTEND_VALUE_STATE_H_
