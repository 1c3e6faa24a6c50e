// The ten torchvision networks in models/: layer by layer against the
// independent reference models/layers/<model>.json, totals against
// models/layers/summary.csv.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "absl/strings/str_split.h"
#include "frontend/layer_report.h"
#include "frontend/onnx_frontend.h"

namespace maestro::frontend {
namespace {

const std::string kDir = std::string(MO_SOURCE_DIR) + "/models/";

class ReferenceModelTest : public ::testing::TestWithParam<std::string> {};

std::vector<int64_t> Vec(const nlohmann::json& j) {
  return j.get<std::vector<int64_t>>();
}

TEST_P(ReferenceModelTest, LayersEqualReference) {
  const std::string model = GetParam();
  std::ifstream f(kDir + "layers/" + model + ".json");
  ASSERT_TRUE(f) << model;
  nlohmann::json ref = nlohmann::json::parse(f);
  auto m = LoadOnnxModel(kDir + model + ".onnx", {});
  ASSERT_TRUE(m.ok()) << m.status();
  const auto& layers = ref["layers"];
  ASSERT_EQ(m->layers.size(), layers.size());
  for (size_t i = 0; i < layers.size(); ++i) {
    const auto& r = layers[i];
    const ExtractedLayer& l = m->layers[i];
    SCOPED_TRACE(l.name);
    EXPECT_EQ(l.name, r["name"]);
    EXPECT_EQ(l.op, r["op"]);
    EXPECT_EQ(l.kind, r["type"]);
    EXPECT_EQ(l.input, r["input"]);
    EXPECT_EQ(l.weight, r["weight"]);
    EXPECT_EQ(l.input_shape, Vec(r["input_shape"]));
    EXPECT_EQ(l.weight_shape, Vec(r["weight_shape"]));
    EXPECT_EQ(l.output_shape, Vec(r["output_shape"]));
    EXPECT_EQ(l.N, r["N"]);
    EXPECT_EQ(l.K, r["K"]);
    EXPECT_EQ(l.C, r["C"]);
    EXPECT_EQ(l.C_total, r["C_total"]);
    EXPECT_EQ(l.G, r["G"]);
    EXPECT_EQ(l.R, r["R"]);
    EXPECT_EQ(l.S, r["S"]);
    EXPECT_EQ(l.Y, r["Y"]);
    EXPECT_EQ(l.X, r["X"]);
    EXPECT_EQ(l.Yp, r["Yp"]);
    EXPECT_EQ(l.Xp, r["Xp"]);
    EXPECT_EQ(l.Yo, r["Yo"]);
    EXPECT_EQ(l.Xo, r["Xo"]);
    EXPECT_EQ(l.stride[0], r["stride"][0]);
    EXPECT_EQ(l.stride[1], r["stride"][1]);
    for (int k = 0; k < 4; ++k) EXPECT_EQ(l.pads[k], r["pads"][k]);
    EXPECT_EQ(l.dilation[0], r["dilation"][0]);
    EXPECT_EQ(l.macs, r["MACs"].get<int64_t>());
    EXPECT_EQ(l.maestro_macs, r["MACs"].get<int64_t>());
    if (r.contains("gemm")) {
      EXPECT_EQ(l.gemm_b, r["gemm"]["B"]);
      EXPECT_EQ(l.gemm_m, r["gemm"]["M"]);
      EXPECT_EQ(l.gemm_k, r["gemm"]["K"]);
      EXPECT_EQ(l.gemm_n, r["gemm"]["N"]);
    }
    if (r.contains("weight_operand")) {
      EXPECT_EQ(l.weight_operand, r["weight_operand"].is_null()
                                      ? ""
                                      : r["weight_operand"].get<std::string>());
    }
    const auto& mr = r["maestro"];
    ASSERT_EQ(l.parts.size(), 1u);
    const Layer& ml = l.parts[0].layer;
    EXPECT_EQ(LayerTypeName(ml.type), mr["type"].get<std::string>());
    EXPECT_EQ(ml.Get(Dim::kK), mr["K"]);
    EXPECT_EQ(ml.Get(Dim::kC), mr["C"]);
    EXPECT_EQ(ml.Get(Dim::kR), mr["R"]);
    EXPECT_EQ(ml.Get(Dim::kS), mr["S"]);
    EXPECT_EQ(ml.Get(Dim::kY), mr["Y"]);
    EXPECT_EQ(ml.Get(Dim::kX), mr["X"]);
    EXPECT_EQ(ml.stride_y, mr["stride"][0]);
    EXPECT_EQ(ml.stride_x, mr["stride"][1]);
    // The reference writes a batch of attention heads as N = B; we write
    // repeat = B with N = 1 (each head has its own second operand, so no
    // filter reuse across heads). Same MACs.
    EXPECT_EQ(ml.Get(Dim::kN) * ml.repeat,
              mr["N"].get<int64_t>() * mr.value("repeat", int64_t{1}));
  }
}

TEST_P(ReferenceModelTest, TotalsEqualSummary) {
  const std::string model = GetParam();
  std::ifstream f(kDir + "layers/summary.csv");
  std::string header, line, row;
  std::getline(f, header);
  while (std::getline(f, line)) {
    if (line.rfind(model + ",", 0) == 0) row = line;
  }
  ASSERT_FALSE(row.empty());
  std::vector<std::string> keys = absl::StrSplit(header, ',');
  std::vector<std::string> vals = absl::StrSplit(row, ',');
  std::map<std::string, std::string> s;
  for (size_t i = 0; i < keys.size(); ++i) s[keys[i]] = vals[i];
  auto m = LoadOnnxModel(kDir + model + ".onnx", {});
  ASSERT_TRUE(m.ok()) << m.status();
  LayerTotals t = ComputeTotals(*m);
  EXPECT_EQ(m->node_count, std::stoll(s["nodes"]));
  EXPECT_EQ(t.total_macs, std::stoll(s["MACs_total"]));
  EXPECT_EQ(t.conditional_macs, std::stoll(s["MACs_in_subgraphs"]));
  for (const std::string k :
       {"conv", "dwconv", "grouped", "convtranspose", "gemm", "matmul"}) {
    EXPECT_EQ(t.count[k], std::stoll(s[k])) << k;
    EXPECT_EQ(t.macs[k], std::stoll(s["MACs_" + k])) << k;
  }
  // Every node is either a layer or in the coverage report.
  EXPECT_EQ(m->layers.size() + m->coverage.size(),
            static_cast<size_t>(m->node_count));
}

INSTANTIATE_TEST_SUITE_P(Models, ReferenceModelTest,
                         ::testing::Values("alexnet", "efficientnet_b0",
                                           "googlenet", "mobilenet_v2",
                                           "mobilenet_v3_small", "resnet18",
                                           "resnet50", "squeezenet1_1", "vgg16",
                                           "vit_b_16"));

}  // namespace
}  // namespace maestro::frontend
