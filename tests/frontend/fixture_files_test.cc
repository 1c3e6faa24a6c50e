// The small .onnx files under tests/frontend/data/ (used by the golden
// tests of `maestro-onnx layers` and as fuzzing seeds) are built here with
// the protobuf API; this test checks the committed files are what the code
// builds. MO_UPDATE_FIXTURES=1 rewrites them.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "frontend/layer_report.h"
#include "tests/frontend/onnx_builder.h"

namespace maestro::frontend {
namespace {

using testing::OnnxBuilder;

const std::string kData = std::string(MO_SOURCE_DIR) + "/tests/frontend/data/";

std::string SmallNet(int opset, const std::vector<int64_t>& input,
                     const std::vector<int64_t>& weight) {
  OnnxBuilder b(opset);
  b.Input("input", input)
      .Weight("conv.weight", weight)
      .Weight("fc.weight", {10, 8});
  b.Node("Conv", {"input", "conv.weight"}, {"c"}, "/conv/Conv")
      .Ints("pads", {1, 1, 1, 1})
      .Ints("strides", {2, 2});
  b.Node("Relu", {"c"}, {"r"}, "/relu/Relu");
  b.Node("GlobalAveragePool", {"r"}, {"p"}, "/pool/GlobalAveragePool");
  b.Node("Flatten", {"p"}, {"f"}, "/Flatten");
  b.Node("Gemm", {"f", "fc.weight"}, {"output"}, "/fc/Gemm").Int("transB", 1);
  b.Output("output");
  return b.Bytes();
}

std::string Cycle() {
  OnnxBuilder b;
  b.Input("x", {1, 3});
  b.Node("Add", {"x", "b"}, {"a"}, "add");
  b.Node("Relu", {"a"}, {"b"}, "relu");
  b.Output("b");
  return b.Bytes();
}

// UBSan finding of the fuzzer: an empty tensor reshaped (allowzero) to
// huge dims overflowed the element count.
std::string ReshapeEmptyToHugeDims() {
  OnnxBuilder b;
  onnx::TensorProto empty;
  empty.set_data_type(onnx::TensorProto::FLOAT);
  empty.add_dims(0);
  b.Node("Constant", {}, {"e"}).Tensor("value", empty);
  b.Node("Constant", {}, {"s"})
      .Tensor("value",
              testing::Int64Tensor({0, int64_t{1} << 40, int64_t{1} << 40}));
  b.Node("Reshape", {"e", "s"}, {"r"}, "reshape").Int("allowzero", 1);
  b.Output("r");
  return b.Bytes();
}

// Nodes without outputs: shape functions that set output 0's type (Cast,
// Not, QuantizeLinear) wrote past an empty vector.
std::string OutputLessNodes() {
  OnnxBuilder b;
  b.Input("x", {1, 3, 8, 8});
  b.Weight("w", {4, 3, 3, 3});
  b.Node("Conv", {"x", "w"}, {"y"}, "conv");
  for (const char* op : {"Cast", "Not", "IsNaN", "QuantizeLinear",
                         "DequantizeLinear", "CastLike", "Relu"}) {
    b.Node(op, {"y", "y", "y"}, {}).Int("to", 1);
  }
  b.Output("y");
  return b.Bytes();
}

// ESC, CR and NUL in node, input and output names: printed raw, they drove
// the terminal (issue 9). The loader escapes them.
std::string ControlByteNames() {
  OnnxBuilder b;
  b.Input("in\r", {1, 3, 8, 8});
  b.Weight("w", {4, 3, 3, 3});
  b.Node("Conv", {"in\r", "w"}, {"c"}, "conv\x1b[31mred\x1b[0m");
  b.Node("Relu", {"c"}, {std::string("out\0", 4)},
         std::string("relu\0\r\x1b]0;title\x07", 17));
  b.Output(std::string("out\0", 4));
  return b.Bytes();
}

std::map<std::string, std::string> Fixtures() {
  std::map<std::string, std::string> f;
  f["small_net.onnx"] = SmallNet(17, {1, 3, 16, 16}, {8, 3, 3, 3});
  f["dynamic_batch.onnx"] = SmallNet(17, {-1, 3, -1, -1}, {8, 3, 3, 3});
  f["conv_mismatch.onnx"] = SmallNet(17, {1, 3, 16, 16}, {8, 4, 3, 3});
  f["opset99.onnx"] = SmallNet(99, {1, 3, 16, 16}, {8, 3, 3, 3});
  f["cycle.onnx"] = Cycle();
  std::string small = f["small_net.onnx"];
  f["truncated.onnx"] = small.substr(0, small.size() * 2 / 3);
  f["zeros.onnx"] = std::string(512, '\0');
  f["not_onnx.txt"] = "This is a text file, not an ONNX model.\n";
  f["empty.onnx"] = "";
  f["fuzz_regressions/reshape_empty_huge_dims.onnx"] = ReshapeEmptyToHugeDims();
  f["fuzz_regressions/output_less_nodes.onnx"] = OutputLessNodes();
  f["fuzz_regressions/control_byte_names.onnx"] = ControlByteNames();
  return f;
}

TEST(FixtureFiles, CommittedFilesMatchBuilders) {
  const bool update = std::getenv("MO_UPDATE_FIXTURES") != nullptr;
  for (const auto& [name, bytes] : Fixtures()) {
    const std::string path = kData + name;
    if (update) {
      std::ofstream(path, std::ios::binary) << bytes;
      continue;
    }
    std::ifstream in(path, std::ios::binary);
    ASSERT_TRUE(in) << path << " missing: run with MO_UPDATE_FIXTURES=1";
    std::stringstream ss;
    ss << in.rdbuf();
    EXPECT_EQ(ss.str(), bytes) << path << " is stale: MO_UPDATE_FIXTURES=1";
  }
}

TEST(FixtureFiles, BadInputsGiveOneClearError) {
  struct Case {
    std::string file, message;
  } cases[] = {
      {"zeros.onnx", "not an ONNX model"},
      {"truncated.onnx", "not an ONNX model"},
      {"not_onnx.txt", "not an ONNX model"},
      {"opset99.onnx", "opset 99"},
      {"cycle.onnx", "cycle"},
      {"conv_mismatch.onnx", "expects 4 input channels"},
      {"dynamic_batch.onnx", "--input-shape input="},
      {"does_not_exist.onnx", "cannot open"},
      {"empty.onnx", "empty file"},
  };
  for (const auto& c : cases) {
    auto m = LoadOnnxModel(kData + c.file, {});
    ASSERT_FALSE(m.ok()) << c.file;
    EXPECT_NE(m.status().message().find(c.message), std::string::npos)
        << c.file << ": " << m.status();
    EXPECT_EQ(m.status().message().find('\n'), std::string::npos);
  }
}

TEST(FixtureFiles, SmallNetExtracts) {
  auto m = LoadOnnxModel(kData + "small_net.onnx", {});
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 2u);
  EXPECT_EQ(m->layers[0].macs, 8 * 3 * 9 * 8 * 8);
  EXPECT_EQ(m->layers[1].macs, 8 * 10);
  EXPECT_EQ(m->coverage.size(), 3u);
}

}  // namespace
}  // namespace maestro::frontend

namespace maestro::frontend {
namespace {

// Inputs that once crashed the fuzzer (fuzz/onnx_loader_fuzzer.cc): each
// must load or fail with a Status, and print in every format.
TEST(FixtureFiles, FuzzRegressionsDoNotCrash) {
  const std::string dir = kData + "fuzz_regressions";
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    for (bool require : {true, false}) {
      FrontendOptions o;
      o.require_known_shapes = require;
      auto m =
          LoadOnnxModelFromBytes(ss.str(), e.path().filename().string(), o);
      if (m.ok()) {
        for (auto f :
             {ReportFormat::kJson, ReportFormat::kTable, ReportFormat::kCsv}) {
          EXPECT_FALSE(FormatLayers(*m, f).empty());
        }
      } else {
        EXPECT_FALSE(m.status().message().empty());
      }
    }
    ++n;
  }
  EXPECT_GE(n, 1);
}

}  // namespace
}  // namespace maestro::frontend
