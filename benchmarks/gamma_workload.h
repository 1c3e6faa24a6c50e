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
#include "tests/core/layers_testlib.h"

namespace maestro::search {

// Spec section 9 (GAMMA's rows; Y, X input sizes, stride 1).
inline std::vector<Layer> GammaWorkload() {
  using test_support::Conv;  // K C Y(=X) R(=S), stride 1
  return {Conv("L1_conv1_7x7", 64, 3, 224, 7),
          Conv("L2_conv3x3_56", 64, 64, 56, 3),
          Conv("L3_conv1x1_56", 256, 64, 56, 1),
          Conv("L4_conv3x3_7_deep", 512, 512, 7, 3),
          test_support::Dw("L5_dw3x3_56", 144, 56, 3),
          Conv("L6_fc_1000x2048", 1000, 2048, 1, 1),
          test_support::Gemm("L7_gemm_bert", 512, 768, 768)};
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
