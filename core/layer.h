// A DNN layer in MAESTRO's terms: type, dims, strides and a repeat count.
//
// Example:
//   Layer conv;
//   conv.name = "conv1";
//   conv.type = LayerType::kConv;
//   conv.Set(Dim::kK, 64).Set(Dim::kC, 3).Set(Dim::kR, 7).Set(Dim::kS, 7)
//       .Set(Dim::kY, 230).Set(Dim::kX, 230);
//   conv.stride_y = conv.stride_x = 2;
//   conv.OutY();          // 112
//   AnalyticMacs(conv);   // 118013952 (one instance; times `repeat` for all)
//
// Y and X are INPUT extents with padding already folded in (MAESTRO has no
// padding). A grouped convolution is one CONV per group with `repeat` =
// groups; a batched MatMul is one GEMM with `repeat` = batch.
#ifndef MAESTRO_ONNX_CORE_LAYER_H_
#define MAESTRO_ONNX_CORE_LAYER_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/status/status.h"
#include "core/dims.h"
#include "core/source_location.h"

namespace maestro {

enum class LayerType : uint8_t { kConv, kDsconv, kGemm, kNgconv, kTrconv };

// "CONV", "DSCONV", "GEMM", "NGCONV", "TRCONV".
absl::string_view LayerTypeName(LayerType t);
std::optional<LayerType> ParseLayerType(absl::string_view text);

struct Layer {
  std::string name;
  LayerType type = LayerType::kConv;
  // Dim sizes indexed by DimIndex(); 0 means the dim is absent from the
  // layer's Dimensions block. Yo/Xo are never stored: they are derived.
  std::array<int64_t, kNumDims> dims{};
  int64_t stride_y = 1;
  int64_t stride_x = 1;
  int64_t repeat = 1;  // identical instances (groups, batched matmul heads)
  SourceLocation loc;

  int64_t Get(Dim d) const { return dims[DimIndex(d)]; }
  bool Has(Dim d) const { return dims[DimIndex(d)] > 0; }
  // Size, or 1 when the dim is absent (N, G and, for DSCONV, K).
  int64_t GetOr1(Dim d) const { return Has(d) ? Get(d) : 1; }
  Layer& Set(Dim d, int64_t v) {
    dims[DimIndex(d)] = v;
    return *this;
  }

  // Output extents (Y - R) / stride + 1 and (X - S) / stride + 1, floored;
  // 0 for GEMM or when the filter does not fit.
  int64_t OutY() const;
  int64_t OutX() const;

  bool IsConvLike() const { return type != LayerType::kGemm; }
};

// The true MAC count of one instance (without `repeat`):
//   CONV/TRCONV N·K·C·R·S·Y'·X', DSCONV N·C·R·S·Y'·X', NGCONV N·G·K·C·R·S·Y'·X',
//   GEMM M·N·K.
int64_t AnalyticMacs(const Layer& layer);

// Checks that the dims the layer type needs are present and positive and that
// the filter fits the input. Errors name layer.loc.
absl::Status ValidateLayer(const Layer& layer);

// The dims that index each tensor of a layer type, in MAESTRO's order
// (CONV input{N,C,Y,X}, filter{K,C,R,S}, output{N,K,Y',X'}; see
// spec/mapping-language.md). N is listed; callers drop it when absent.
struct TensorDims {
  std::vector<Dim> input, filter, output;
};
const TensorDims& TensorDimsFor(LayerType t);

}  // namespace maestro

#endif  // MAESTRO_ONNX_CORE_LAYER_H_
