// Copies a serialized ModelProto without the contents of its large tensors,
// so that a model with hundreds of MB of inline weights parses in
// microseconds: the frontend needs only their dims (tensors beyond
// kMaxFoldElements are never read), and on a memory-mapped file the skipped
// pages are never even read from disk.
//
// Walked at the wire-format level: ModelProto.graph -> GraphProto
// .initializer / .node -> NodeProto.attribute -> AttributeProto.t / .tensors
// / .g / .graphs (subgraphs, recursively). In a TensorProto, raw_data and the
// packed typed fields (float_data, int32_data, int64_data, double_data,
// uint64_data) longer than `min_bytes`, or of a tensor whose dims (written
// before the data, as every serializer does) hold more than `min_elements`
// elements, are dropped; everything else is copied byte for byte.
//
// Example:
//   std::string small;
//   int64_t skipped = 0;
//   if (SkipLargeTensorData(file_bytes, 1 << 19, 1 << 16, &small, &skipped)) {
//     model.ParseFromString(small);  // same dims, no weight bytes
//   }  // else: not well-formed wire format: parse file_bytes as is
#ifndef MAESTRO_ONNX_FRONTEND_TENSOR_DATA_SKIPPER_H_
#define MAESTRO_ONNX_FRONTEND_TENSOR_DATA_SKIPPER_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace maestro::frontend {

// Tensor data of more than this many bytes holds more than kMaxFoldElements
// elements of any type of up to 8 bytes: the frontend never reads it.
inline constexpr int64_t kSkippableTensorBytes = int64_t{8} << 16;

// False when `bytes` is not well-formed at the levels walked (truncated,
// lengths past the end, group wire types, nesting deeper than 64): the
// caller then parses the original bytes, which reports the error.
bool SkipLargeTensorData(absl::string_view bytes, int64_t min_bytes,
                         int64_t min_elements, std::string* out,
                         int64_t* skipped_bytes);

}  // namespace maestro::frontend

#endif  // MAESTRO_ONNX_FRONTEND_TENSOR_DATA_SKIPPER_H_
