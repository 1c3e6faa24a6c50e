// The wire-level skipper drops exactly the tensor contents the frontend never
// reads (initializers, Constant nodes, subgraph initializers) and keeps
// everything else byte for byte; malformed input is refused, never crashes.
#include "frontend/tensor_data_skipper.h"

#include <gtest/gtest.h>

#include "frontend/model_reader.h"
#include "frontend/value_state.h"
#include "tests/frontend/onnx_builder.h"

namespace maestro::frontend {
namespace {

using testing::Int64Tensor;
using testing::OnnxBuilder;

onnx::TensorProto RawFloat(const std::vector<int64_t>& dims) {
  onnx::TensorProto t;
  t.set_data_type(onnx::TensorProto::FLOAT);
  int64_t n = 1;
  for (int64_t d : dims) {
    t.add_dims(d);
    n *= d;
  }
  t.mutable_raw_data()->assign(n * 4, '\x01');
  return t;
}

// conv weight 256x32x3x3 (73728 floats, 288 KB: over kMaxFoldElements), a
// Constant node with 70000 packed floats, an If branch with a 2.6 MB
// initializer, and a small int64 shape that folding needs.
OnnxBuilder Model() {
  OnnxBuilder b;
  b.Input("x", {1, 32, 8, 8});
  b.Initializer("w", RawFloat({256, 32, 3, 3}));
  b.Node("Conv", {"x", "w"}, {"c"}, "conv").Ints("pads", {1, 1, 1, 1});
  onnx::TensorProto big;
  big.set_data_type(onnx::TensorProto::FLOAT);
  big.add_dims(70000);
  for (int i = 0; i < 70000; ++i) big.add_float_data(1.f);
  b.Node("Constant", {}, {"k"}, "big_const").Tensor("value", big);
  b.Ints("shape", {1, -1});
  b.Node("Reshape", {"c", "shape"}, {"flat"}, "reshape");
  OnnxBuilder then_b(17, nullptr);
  then_b.graph().set_name("then");
  then_b.Initializer("fc", RawFloat({16384, 40}));
  then_b.Node("MatMul", {"flat", "fc"}, {"y_then"}, "fc_then");
  then_b.Output("y_then");
  OnnxBuilder else_b(17, nullptr);
  else_b.graph().set_name("else");
  else_b.Node("Identity", {"flat"}, {"y_else"}, "id_else");
  else_b.Output("y_else");
  b.Input("flag", {}, onnx::TensorProto::BOOL);
  b.Node("If", {"flag"}, {"y"}, "branch")
      .Graph("then_branch", then_b.graph())
      .Graph("else_branch", else_b.graph());
  b.Output("y").Output("k");
  return b;
}

TEST(TensorDataSkipper, DropsOnlyTensorsTheFrontendNeverReads) {
  OnnxBuilder b = Model();
  const std::string bytes = b.Bytes();
  std::string small;
  int64_t skipped = 0;
  ASSERT_TRUE(SkipLargeTensorData(bytes, kSkippableTensorBytes,
                                  kMaxFoldElements, &small, &skipped));
  // The conv weight (dims over the element bound), the Constant's packed
  // floats, the If branch's 640 KB initializer.
  EXPECT_EQ(skipped, 256 * 32 * 9 * 4 + 70000 * 4 + 16384 * 40 * 4);
  onnx::ModelProto m;
  ASSERT_TRUE(m.ParseFromString(small));
  const onnx::GraphProto& g = m.graph();
  ASSERT_EQ(g.initializer_size(), 2);
  EXPECT_EQ(g.initializer(0).name(), "w");
  EXPECT_EQ(g.initializer(0).dims_size(), 4);
  EXPECT_FALSE(g.initializer(0).has_raw_data());
  EXPECT_EQ(g.initializer(1).int64_data_size(), 2);  // the shape is kept
  EXPECT_EQ(g.node(1).attribute(0).t().float_data_size(), 0);
  EXPECT_EQ(g.node(1).attribute(0).t().dims(0), 70000);
  const onnx::GraphProto& then_g = g.node(3).attribute(0).g();
  EXPECT_EQ(then_g.initializer(0).dims(1), 40);
  EXPECT_FALSE(then_g.initializer(0).has_raw_data());
  // Everything but the data is unchanged.
  onnx::ModelProto expected = b.model();
  expected.mutable_graph()->mutable_initializer(0)->clear_raw_data();
  expected.mutable_graph()
      ->mutable_node(1)
      ->mutable_attribute(0)
      ->mutable_t()
      ->clear_float_data();
  expected.mutable_graph()
      ->mutable_node(3)
      ->mutable_attribute(0)
      ->mutable_g()
      ->mutable_initializer(0)
      ->clear_raw_data();
  EXPECT_TRUE(m.SerializeAsString() == expected.SerializeAsString());
}

TEST(TensorDataSkipper, SameLayersWithAndWithoutTheWeights) {
  OnnxBuilder b = Model();
  const std::string bytes = b.Bytes();
  auto direct = b.Extract();
  auto loaded = LoadOnnxModelFromBytes(bytes, "m.onnx", {});
  ASSERT_TRUE(direct.ok()) << direct.status();
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_GT(loaded->timings.tensor_bytes_skipped, 0);
  ASSERT_EQ(loaded->layers.size(), direct->layers.size());
  for (size_t i = 0; i < direct->layers.size(); ++i) {
    EXPECT_EQ(loaded->layers[i].name, direct->layers[i].name);
    EXPECT_EQ(loaded->layers[i].macs, direct->layers[i].macs);
  }
  EXPECT_EQ(direct->layers[0].macs, 256 * 32 * 9 * 8 * 8);
}

// A length-delimited field.
std::string Field(int field, const std::string& body) {
  std::string out;
  for (uint64_t v : {static_cast<uint64_t>(field) << 3 | 2,
                     static_cast<uint64_t>(body.size())}) {
    while (v >= 0x80) {
      out.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    out.push_back(static_cast<char>(v));
  }
  return out + body;
}

// ModelProto{graph{node{attribute{g{node{attribute{g{...}}}}}}}}, `levels`
// subgraphs deep.
std::string Nested(int levels) {
  std::string graph;
  for (int i = 0; i < levels; ++i) {
    graph = Field(1, Field(5, Field(6, graph)));  // node.attribute.g
  }
  return Field(7, graph);
}

TEST(TensorDataSkipper, RefusesMalformedInput) {
  const std::string bytes = Model().Bytes();
  std::string out;
  int64_t skipped;
  // Truncated inside a length-delimited field.
  EXPECT_FALSE(SkipLargeTensorData(bytes.substr(0, bytes.size() / 2), 16, 16,
                                   &out, &skipped));
  // A group wire type, a zero field number, an overlong varint.
  EXPECT_FALSE(
      SkipLargeTensorData(std::string("\x0b\x0c", 2), 16, 16, &out, &skipped));
  EXPECT_FALSE(
      SkipLargeTensorData(std::string("\x00\x00", 2), 16, 16, &out, &skipped));
  EXPECT_FALSE(
      SkipLargeTensorData(std::string(11, '\xff'), 16, 16, &out, &skipped));
  // Subgraphs nested past the bound (graph -> node -> attribute.g -> ...)
  // are refused rather than recursed into.
  EXPECT_FALSE(SkipLargeTensorData(Nested(30), 16, 16, &out, &skipped));
  EXPECT_TRUE(SkipLargeTensorData(Nested(5), 16, 16, &out, &skipped));
  EXPECT_TRUE(SkipLargeTensorData("", 16, 16, &out, &skipped));
  EXPECT_TRUE(out.empty());
}

// A full-size model whose file is bad keeps the plain parser's message.
TEST(TensorDataSkipper, BadLargeFileKeepsTheParserError) {
  std::string bytes = Model().Bytes();
  bytes.resize(bytes.size() - 10);
  onnx::ModelProto m;
  absl::Status s = ParseModelBytes(bytes, "t.onnx", &m);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("does not parse"), std::string::npos) << s;
}

}  // namespace
}  // namespace maestro::frontend
