// GAMMA's workload for the search's T6 (docs/search.md "Measured"): its
// seven rows (K,C,Y,X,R,S; Y, X input sizes, stride 1) and the two hardware
// configurations, shared by search_bench and search_t6_bench.
//
// Example:
//   for (const Layer& l : maestro::search::GammaWorkload())
//     SearchLayer(l, GammaRole(l), GammaHardwareA(), options);
#ifndef MAESTRO_ONNX_BENCHMARKS_GAMMA_WORKLOAD_H_
#define MAESTRO_ONNX_BENCHMARKS_GAMMA_WORKLOAD_H_

#include <cstdint>
#include <vector>

#include "core/hardware.h"
#include "core/layer.h"
#include "mappings/library.h"

namespace maestro::search {

inline Layer GammaConv(const char* name, int64_t k, int64_t c, int64_t y,
                       int64_t x, int64_t r) {
  Layer l;
  l.name = name;
  l.type = LayerType::kConv;
  l.Set(Dim::kN, 1)
      .Set(Dim::kK, k)
      .Set(Dim::kC, c)
      .Set(Dim::kY, y)
      .Set(Dim::kX, x)
      .Set(Dim::kR, r)
      .Set(Dim::kS, r);
  return l;
}

inline Layer GammaDepthwise(const char* name, int64_t c, int64_t y) {
  Layer l = GammaConv(name, 1, c, y, y, 3);
  l.type = LayerType::kDsconv;
  l.Set(Dim::kK, 0);
  return l;
}

inline Layer GammaGemm(const char* name, int64_t m, int64_t n, int64_t k) {
  Layer l;
  l.name = name;
  l.type = LayerType::kGemm;
  l.Set(Dim::kM, m).Set(Dim::kN, n).Set(Dim::kK, k);
  return l;
}

// Spec section 9 (GAMMA's rows; Y, X input sizes, stride 1).
inline std::vector<Layer> GammaWorkload() {
  return {GammaConv("L1_conv1_7x7", 64, 3, 224, 224, 7),
          GammaConv("L2_conv3x3_56", 64, 64, 56, 56, 3),
          GammaConv("L3_conv1x1_56", 256, 64, 56, 56, 1),
          GammaConv("L4_conv3x3_7_deep", 512, 512, 7, 7, 3),
          GammaDepthwise("L5_dw3x3_56", 144, 56),
          GammaConv("L6_fc_1000x2048", 1000, 2048, 1, 1, 1),
          GammaGemm("L7_gemm_bert", 512, 768, 768)};
}

// The FC row (1x1 filter on a 1x1 input) runs as a fully-connected layer.
inline LayerRole GammaRole(const Layer& l) {
  return l.Get(Dim::kR) == 1 && l.Get(Dim::kX) == 1 ? LayerRole::kFullyConnected
                                                    : LayerRole::kConv;
}

// (A) 256 PEs with buffers and bandwidths unconstrained (GAMMA's CLI
// defaults, 2^30); (B) the pe256 preset.
inline Hardware GammaHardwareA() {
  Hardware a = *HardwarePreset("pe256");
  a.name = "A(2^30)";
  a.l1_size = a.l2_size = a.noc_bw = a.offchip_bw = int64_t{1} << 30;
  return a;
}
inline Hardware GammaHardwareB() { return *HardwarePreset("pe256"); }

}  // namespace maestro::search

#endif  // MAESTRO_ONNX_BENCHMARKS_GAMMA_WORKLOAD_H_
