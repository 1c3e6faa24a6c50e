// `maestro-onnx export` output parses with the mapping-language parser
// (which accepts what MAESTRO's parser accepts) and carries every layer:
// the MACs of the parsed file equal the model's true MAC total (a node
// costed as several MAESTRO layers is written as each of its parts).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "core/dsl/parser.h"
#include "core/layer.h"
#include "frontend/layer_report.h"
#include "frontend/onnx_frontend.h"

namespace maestro::frontend {
namespace {

std::string RunCommand(const std::string& cmd, int* rc) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  *rc = pclose(p);
  return out;
}

class ExportTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ExportTest, ParsesBackWithTheSameMacs) {
  const std::string bin = std::string(MO_BINARY_DIR) + "/tools/maestro-onnx";
  if (!std::filesystem::exists(bin)) GTEST_SKIP() << "maestro-onnx not built";
  const std::string model =
      std::string(MO_SOURCE_DIR) + "/" + GetParam() + ".onnx";
  int rc = -1;
  std::string text = RunCommand(bin + " export " + model, &rc);
  ASSERT_EQ(rc, 0);
  auto file = ParseMappingFile(text, "export.m");
  ASSERT_TRUE(file.ok()) << file.status();
  auto m = LoadOnnxModel(model, {});
  ASSERT_TRUE(m.ok()) << m.status();
  int64_t expected_layers = 0;
  for (const auto& l : m->layers) {
    for (const LayerPart& p : l.parts) expected_layers += p.layer.repeat;
  }
  ASSERT_EQ(static_cast<int64_t>(file->layers.size()), expected_layers);
  int64_t macs = 0;
  for (const auto& ml : file->layers) {
    EXPECT_TRUE(ValidateLayer(ml.layer).ok()) << ml.layer.name;
    EXPECT_FALSE(ml.dataflow.directives.empty()) << ml.layer.name;
    macs += AnalyticMacs(ml.layer);
  }
  EXPECT_EQ(macs, ComputeTotals(*m).total_macs);
}

INSTANTIATE_TEST_SUITE_P(Models, ExportTest,
                         ::testing::Values("models/mobilenet_v2",
                                           "models/resnet50", "models/vit_b_16",
                                           "models/googlenet",
                                           // nodes with several parts
                                           "tests/frontend/data/extra/"
                                           "convtranspose_decoder",
                                           "tests/frontend/data/extra/lstm_lm",
                                           "tests/frontend/data/extra/"
                                           "strided_dilated"),
                         [](const auto& info) {
                           std::string n = info.param;
                           return n.substr(n.rfind('/') + 1);
                         });

}  // namespace
}  // namespace maestro::frontend
