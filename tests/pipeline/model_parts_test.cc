// JobLayersFromModel on nodes costed as several MAESTRO layers: one JobLayer
// per part with `node` and `part` set, and the network run under nvdla
// costs every part with the node's true MACs in total.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "core/hardware.h"
#include "mappings/library.h"
#include "pipeline/model_run.h"

namespace maestro {
namespace {

const std::string kExtra =
    std::string(MO_SOURCE_DIR) + "/tests/frontend/data/extra/";

TEST(JobLayersFromModel, OneJobLayerPerPartWithNodeAndPart) {
  auto m = frontend::LoadOnnxModel(kExtra + "lstm_lm.onnx", {});
  ASSERT_TRUE(m.ok()) << m.status();
  std::vector<JobLayer> jl = JobLayersFromModel(*m);
  ASSERT_EQ(jl.size(), 5u);  // 2 LSTM layers x (input, recurrent) + Linear
  EXPECT_EQ(jl[0].node, "/lstm/LSTM");
  EXPECT_EQ(jl[0].part, "input");
  EXPECT_EQ(jl[0].layer.name, "/lstm/LSTM#input");
  EXPECT_EQ(jl[1].node, "/lstm/LSTM");
  EXPECT_EQ(jl[1].part, "recurrent");
  EXPECT_EQ(jl[1].layer.repeat, 35);  // one recurrent GEMM per time step
  EXPECT_EQ(jl[4].part, "");
  EXPECT_EQ(jl[4].layer.name, jl[4].node);
  for (const JobLayer& j : jl) {
    EXPECT_EQ(j.role, LayerRole::kFullyConnected) << j.layer.name;
  }
}

TEST(JobLayersFromModel, NetworkCostsEveryPartWithTheTrueMacs) {
  auto m = frontend::LoadOnnxModel(kExtra + "convtranspose_decoder.onnx", {});
  ASSERT_TRUE(m.ok()) << m.status();
  std::vector<JobLayer> jl = JobLayersFromModel(*m);
  std::map<std::string, int64_t> node_macs;
  for (const JobLayer& j : jl) {
    node_macs[j.node] += AnalyticMacs(j.layer) * j.layer.repeat;
  }
  int64_t total = 0;
  for (const auto& l : m->layers) {
    EXPECT_EQ(node_macs[l.name], l.macs) << l.name;
    total += l.macs;
  }
  EXPECT_EQ(total, 12562432);  // PyTorch's count
  auto lib = DataflowLibrary::Builtin();
  ASSERT_TRUE(lib.ok());
  auto dfs = (*lib)->Select("nvdla");
  ASSERT_TRUE(dfs.ok());
  auto hw = HardwarePreset(kDefaultHardwarePreset);
  ASSERT_TRUE(hw.ok());
  std::vector<DataflowRun> runs = RunNetwork(jl, *dfs, *hw, {});
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_FALSE(runs[0].summary.partial());
  EXPECT_EQ(runs[0].summary.macs_costed, total);
  int64_t costed = 0;
  for (const LayerOutcome& o : runs[0].layers) {
    ASSERT_TRUE(o.status.ok()) << o.status;
    costed += o.result.macs * o.result.repeat;
  }
  EXPECT_EQ(costed, total);
}

}  // namespace
}  // namespace maestro

namespace maestro {
namespace {

// A decomposed conv counts its node's ONNX tensors once in the off-chip
// minimum, not once per phase instance (the phases share filter and input).
TEST(JobLayersFromModel, DecomposedConvsCountTheirTensorsOnceOffChip) {
  auto m = frontend::LoadOnnxModel(kExtra + "strided_dilated.onnx", {});
  ASSERT_TRUE(m.ok()) << m.status();
  std::vector<JobLayer> jl = JobLayersFromModel(*m);
  ASSERT_EQ(jl.size(), 4u);  // /a, /b (9 phases as repeat), /c (2 parts)
  // input + weight + output elements of each node, from its ONNX shapes.
  EXPECT_EQ(jl[0].offchip_min, 3 * 33 * 33 + 8 * 3 * 9 + 8 * 17 * 17);
  EXPECT_EQ(jl[1].offchip_min, 8 * 17 * 17 + 8 * 8 * 9 + 8 * 9 * 9);
  EXPECT_EQ(jl[2].offchip_min, 8 * 9 * 9 + 4 * 8 * 9 + 4 * 9 * 5);
  EXPECT_EQ(jl[3].offchip_min, 0);  // the node's second part
  auto lib = DataflowLibrary::Builtin();
  ASSERT_TRUE(lib.ok());
  auto dfs = (*lib)->Select("nvdla");
  ASSERT_TRUE(dfs.ok());
  auto hw = HardwarePreset(kDefaultHardwarePreset);
  ASSERT_TRUE(hw.ok());
  std::vector<DataflowRun> runs = RunNetwork(jl, *dfs, *hw, {});
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].summary.offchip_min, 5795 + 3536 + 1116);
}

}  // namespace
}  // namespace maestro
