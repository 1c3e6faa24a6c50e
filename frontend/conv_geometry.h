// Spatial geometry of Conv, ConvTranspose and pooling nodes: kernel,
// strides, dilations and the pads ONNX implies (explicit `pads` or
// `auto_pad` SAME_UPPER / SAME_LOWER / VALID), and the output extents.
//
// Example:
//   absl::StatusOr<ConvGeometry> g = ComputeConvGeometry(node, {224, 224},
//                                                       {7, 7});
//   g->pads;   // {3, 3, 3, 3} (begin y, begin x, end y, end x)
//   g->out;    // {112, 112}
#ifndef MAESTRO_ONNX_FRONTEND_CONV_GEOMETRY_H_
#define MAESTRO_ONNX_FRONTEND_CONV_GEOMETRY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "onnx/onnx_pb.h"

namespace maestro::frontend {

struct ConvGeometry {
  std::vector<int64_t> in;      // input spatial extents (-1 unknown)
  std::vector<int64_t> kernel;  // per spatial dim
  std::vector<int64_t> strides;
  std::vector<int64_t> dilations;
  std::vector<int64_t> pads;            // begins then ends, ONNX order
  std::vector<int64_t> output_padding;  // ConvTranspose
  std::vector<int64_t> out;             // output extents (-1 unknown)
  std::string auto_pad = "NOTSET";
};

enum class GeometryKind { kConv, kConvTranspose, kPool };

// `kernel` comes from the weight (or kernel_shape). Errors name the node and
// say what was wrong (a negative pad, a zero stride, a kernel larger than
// the padded input...).
absl::StatusOr<ConvGeometry> ComputeGeometry(
    const onnx::NodeProto& node, GeometryKind kind,
    const std::vector<int64_t>& in, const std::vector<int64_t>& kernel);

// "node 'name' (Op)" for messages.
std::string NodeRef(const onnx::NodeProto& node);

}  // namespace maestro::frontend

#endif  // MAESTRO_ONNX_FRONTEND_CONV_GEOMETRY_H_
