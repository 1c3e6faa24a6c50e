// One comparison of the engine's figures, for the tests that check two
// paths give the same numbers: AnalyzeLayer's LayerResult against the fast
// path's engine::Figures, or two Figures (HardwareSweep against Evaluate).
// Every field both types share is compared exactly, energies bit for bit
// (the same functions on the same integers).
//
// Example:
//   ExpectSameFigures(result, figures, "genome 17");
#ifndef MAESTRO_ONNX_TESTS_CORE_FIGURES_TESTLIB_H_
#define MAESTRO_ONNX_TESTS_CORE_FIGURES_TESTLIB_H_

#include <string>

#include "core/engine/analysis.h"
#include "gtest/gtest.h"

namespace maestro::test_support {

template <typename A, typename B>
void ExpectSameFigures(const A& a, const B& b, const std::string& what) {
  SCOPED_TRACE(what);
  EXPECT_EQ(a.macs, b.macs);
  EXPECT_EQ(a.macs_maestro, b.macs_maestro);
  EXPECT_EQ(a.macs_model, b.macs_model);
  EXPECT_EQ(a.runtime_cycles, b.runtime_cycles);
  for (int t = 0; t < kNumTensors; ++t) {
    EXPECT_EQ(a.access[t].l2_read, b.access[t].l2_read);
    EXPECT_EQ(a.access[t].l2_write, b.access[t].l2_write);
    EXPECT_EQ(a.access[t].l1_read, b.access[t].l1_read);
    EXPECT_EQ(a.access[t].l1_write, b.access[t].l1_write);
    EXPECT_EQ(a.l1_size_req_tensor[t], b.l1_size_req_tensor[t]);
    EXPECT_EQ(a.l2_size_req_tensor[t], b.l2_size_req_tensor[t]);
  }
  EXPECT_EQ(a.l1_size_req, b.l1_size_req);
  EXPECT_EQ(a.l2_size_req, b.l2_size_req);
  EXPECT_EQ(a.fits_l1, b.fits_l1);
  EXPECT_EQ(a.fits_l2, b.fits_l2);
  EXPECT_EQ(a.loop_nest, b.loop_nest);
  EXPECT_EQ(a.energy_maestro_xmac, b.energy_maestro_xmac);
  EXPECT_EQ(a.energy_pj, b.energy_pj);
  EXPECT_EQ(a.energy_mac_pj, b.energy_mac_pj);
  EXPECT_EQ(a.energy_l1_pj, b.energy_l1_pj);
  EXPECT_EQ(a.energy_l2_pj, b.energy_l2_pj);
  EXPECT_EQ(a.energy_noc_pj, b.energy_noc_pj);
  EXPECT_EQ(a.energy_dram_pj, b.energy_dram_pj);
}

}  // namespace maestro::test_support

#endif  // MAESTRO_ONNX_TESTS_CORE_FIGURES_TESTLIB_H_
