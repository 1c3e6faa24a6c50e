// Per-operator table tests for the Conv family (OpTester style): a one-node
// graph per case, the expected MAESTRO layer and MACs worked out by hand.
#include <gtest/gtest.h>

#include "core/layer.h"
#include "tests/frontend/onnx_builder.h"

namespace maestro::frontend {
namespace {

using testing::OnnxBuilder;

struct ConvCase {
  std::string name;
  std::string op;  // Conv, ConvTranspose, QLinearConv, ConvInteger
  std::vector<int64_t> x, w;
  int64_t group = 1;
  std::vector<int64_t> pads, strides, dilations, output_padding;
  std::string auto_pad;
  // Expected.
  std::string kind;
  LayerType type;
  int64_t N, K, C, R, S, Y, X;  // MAESTRO form (padded Y/X, effective R/S)
  int64_t stride_y, stride_x, repeat;
  int64_t Yo, Xo;
  std::array<int64_t, 4> out_pads;
  int64_t macs;          // true MACs
  int64_t maestro_macs;  // AnalyticMacs * repeat
  // --conv-form maestro: the one-layer form of dilated / transposed convs.
  ConvForm form = ConvForm::kExact;
};

class ConvOpTest : public ::testing::TestWithParam<ConvCase> {};

TEST_P(ConvOpTest, ExtractsLayer) {
  const ConvCase& c = GetParam();
  OnnxBuilder b;
  const bool q = c.op == "QLinearConv";
  const int32_t et = q || c.op == "ConvInteger" ? onnx::TensorProto::UINT8
                                                : onnx::TensorProto::FLOAT;
  b.Input("x", c.x, et);
  b.Weight("w", c.w, et);
  std::vector<std::string> in = {"x", "w"};
  if (q) {
    b.Ints("s", {1}).Ints("z", {0});
    in = {"x", "s", "z", "w", "s", "z", "s", "z"};
  }
  auto n = b.Node(c.op, in, {"y"}, "node");
  if (c.group != 1) n.Int("group", c.group);
  if (!c.pads.empty()) n.Ints("pads", c.pads);
  if (!c.strides.empty()) n.Ints("strides", c.strides);
  if (!c.dilations.empty()) n.Ints("dilations", c.dilations);
  if (!c.output_padding.empty()) n.Ints("output_padding", c.output_padding);
  if (!c.auto_pad.empty()) n.Str("auto_pad", c.auto_pad);
  b.Output("y");
  FrontendOptions o;
  o.conv_form = c.form;
  auto m = b.Extract(o);
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 1u);
  const ExtractedLayer& l = m->layers[0];
  ASSERT_EQ(l.parts.size(), 1u);
  EXPECT_EQ(l.parts[0].part, "");
  const Layer& ml = l.parts[0].layer;
  EXPECT_EQ(ml.name, "node");
  EXPECT_EQ(l.kind, c.kind);
  EXPECT_EQ(l.op, c.op);
  EXPECT_EQ(ml.loc.onnx_node, "node");
  EXPECT_EQ(ml.loc.onnx_op, c.op);
  EXPECT_EQ(ml.type, c.type);
  EXPECT_EQ(ml.Get(Dim::kN), c.N);
  EXPECT_EQ(ml.Get(Dim::kK), c.K);
  EXPECT_EQ(ml.Get(Dim::kC), c.C);
  EXPECT_EQ(ml.Get(Dim::kR), c.R);
  EXPECT_EQ(ml.Get(Dim::kS), c.S);
  EXPECT_EQ(ml.Get(Dim::kY), c.Y);
  EXPECT_EQ(ml.Get(Dim::kX), c.X);
  EXPECT_EQ(ml.stride_y, c.stride_y);
  EXPECT_EQ(ml.stride_x, c.stride_x);
  EXPECT_EQ(ml.repeat, c.repeat);
  EXPECT_EQ(l.Yo, c.Yo);
  EXPECT_EQ(l.Xo, c.Xo);
  EXPECT_EQ(ml.OutY(), c.Yo);
  EXPECT_EQ(ml.OutX(), c.Xo);
  EXPECT_EQ(l.pads, c.out_pads);
  EXPECT_EQ(l.macs, c.macs);
  EXPECT_EQ(l.maestro_macs, c.maestro_macs);
  EXPECT_TRUE(ValidateLayer(ml).ok());
}

// clang-format off
const ConvCase kCases[] = {
    {"plain_pad1", "Conv", {1, 3, 32, 32}, {16, 3, 3, 3}, 1, {1, 1, 1, 1}, {}, {}, {}, "",
     "conv", LayerType::kConv, 1, 16, 3, 3, 3, 34, 34, 1, 1, 1, 32, 32, {1, 1, 1, 1},
     442368, 442368},
    {"stride2_nopad", "Conv", {1, 8, 15, 15}, {4, 8, 3, 3}, 1, {}, {2, 2}, {}, {}, "",
     "conv", LayerType::kConv, 1, 4, 8, 3, 3, 15, 15, 2, 2, 1, 7, 7, {0, 0, 0, 0},
     14112, 14112},
    {"same_upper", "Conv", {1, 4, 10, 10}, {8, 4, 3, 3}, 1, {}, {2, 2}, {}, {}, "SAME_UPPER",
     "conv", LayerType::kConv, 1, 8, 4, 3, 3, 11, 11, 2, 2, 1, 5, 5, {0, 0, 1, 1},
     7200, 7200},
    {"same_lower", "Conv", {1, 4, 10, 10}, {8, 4, 3, 3}, 1, {}, {2, 2}, {}, {}, "SAME_LOWER",
     "conv", LayerType::kConv, 1, 8, 4, 3, 3, 11, 11, 2, 2, 1, 5, 5, {1, 1, 0, 0},
     7200, 7200},
    {"valid", "Conv", {1, 4, 10, 10}, {8, 4, 3, 3}, 1, {}, {}, {}, {}, "VALID",
     "conv", LayerType::kConv, 1, 8, 4, 3, 3, 10, 10, 1, 1, 1, 8, 8, {0, 0, 0, 0},
     18432, 18432},
    {"dilated", "Conv", {1, 2, 16, 16}, {4, 2, 3, 3}, 1, {2, 2, 2, 2}, {}, {2, 2}, {}, "",
     "conv", LayerType::kConv, 1, 4, 2, 5, 5, 20, 20, 1, 1, 1, 16, 16, {2, 2, 2, 2},
     18432, 51200, ConvForm::kMaestro},
    {"asymmetric_pads", "Conv", {1, 1, 10, 10}, {2, 1, 3, 3}, 1, {1, 2, 3, 4}, {}, {}, {}, "",
     "conv", LayerType::kConv, 1, 2, 1, 3, 3, 14, 16, 1, 1, 1, 12, 14, {1, 2, 3, 4},
     3024, 3024},
    {"batch2", "Conv", {2, 3, 8, 8}, {4, 3, 1, 1}, 1, {}, {}, {}, {}, "",
     "conv", LayerType::kConv, 2, 4, 3, 1, 1, 8, 8, 1, 1, 1, 8, 8, {0, 0, 0, 0},
     1536, 1536},
    {"depthwise", "Conv", {1, 32, 16, 16}, {32, 1, 3, 3}, 32, {1, 1, 1, 1}, {}, {}, {}, "",
     "dwconv", LayerType::kDsconv, 1, 1, 32, 3, 3, 18, 18, 1, 1, 1, 16, 16, {1, 1, 1, 1},
     73728, 73728},
    {"depthwise_multiplier2", "Conv", {1, 8, 8, 8}, {16, 1, 3, 3}, 8, {1, 1, 1, 1}, {}, {}, {}, "",
     "dwconv", LayerType::kDsconv, 1, 1, 8, 3, 3, 10, 10, 1, 1, 2, 8, 8, {1, 1, 1, 1},
     9216, 9216},
    {"grouped4", "Conv", {1, 8, 8, 8}, {16, 2, 3, 3}, 4, {1, 1, 1, 1}, {}, {}, {}, "",
     "grouped", LayerType::kConv, 1, 4, 2, 3, 3, 10, 10, 1, 1, 4, 8, 8, {1, 1, 1, 1},
     18432, 18432},
    {"conv1d_height1", "Conv", {1, 4, 20}, {6, 4, 5}, 1, {2, 2}, {}, {}, {}, "",
     "conv", LayerType::kConv, 1, 6, 4, 1, 5, 1, 24, 1, 1, 1, 1, 20, {0, 2, 0, 2},
     2400, 2400},
    {"conv_transpose", "ConvTranspose", {1, 4, 5, 5}, {4, 6, 3, 3}, 1, {1, 1, 1, 1}, {2, 2}, {},
     {1, 1}, "",
     "convtranspose", LayerType::kConv, 1, 6, 4, 3, 3, 12, 12, 1, 1, 1, 10, 10, {1, 1, 1, 1},
     5400, 21600, ConvForm::kMaestro},
    {"qlinearconv", "QLinearConv", {1, 3, 32, 32}, {16, 3, 3, 3}, 1, {1, 1, 1, 1}, {}, {}, {}, "",
     "conv", LayerType::kConv, 1, 16, 3, 3, 3, 34, 34, 1, 1, 1, 32, 32, {1, 1, 1, 1},
     442368, 442368},
    {"convinteger_grouped", "ConvInteger", {1, 8, 8, 8}, {16, 2, 3, 3}, 4, {1, 1, 1, 1}, {}, {},
     {}, "",
     "grouped", LayerType::kConv, 1, 4, 2, 3, 3, 10, 10, 1, 1, 4, 8, 8, {1, 1, 1, 1},
     18432, 18432},
};
// clang-format on

INSTANTIATE_TEST_SUITE_P(Table, ConvOpTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return info.param.name; });

TEST(ConvOp, WeightShapeDisagreeingWithInputIsAnError) {
  OnnxBuilder b;
  b.Input("x", {1, 3, 8, 8}).Weight("w", {4, 5, 3, 3});
  b.Node("Conv", {"x", "w"}, {"y"}, "bad_conv");
  b.Output("y");
  auto m = b.Extract();
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("node 'bad_conv' (Conv)"),
            std::string::npos);
  EXPECT_NE(m.status().message().find("expects 5 input channels"),
            std::string::npos)
      << m.status();
}

TEST(ConvOp, KernelLargerThanPaddedInputIsAnError) {
  OnnxBuilder b;
  b.Input("x", {1, 3, 2, 2}).Weight("w", {4, 3, 5, 5});
  b.Node("Conv", {"x", "w"}, {"y"}, "big");
  b.Output("y");
  auto m = b.Extract();
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("larger than the padded input"),
            std::string::npos)
      << m.status();
}

TEST(ConvOp, WeightFromConstantNode) {
  OnnxBuilder b;
  b.Input("x", {1, 3, 8, 8});
  b.Node("Constant", {}, {"w"})
      .Tensor("value", testing::FloatTensor({4, 3, 3, 3}));
  b.Node("Conv", {"x", "w"}, {"y"}, "conv").Ints("pads", {1, 1, 1, 1});
  b.Output("y");
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 1u);
  EXPECT_EQ(m->layers[0].K, 4);
  EXPECT_EQ(m->layers[0].macs, 4 * 3 * 9 * 64);
}

TEST(ConvOp, EmptyAndDuplicateNamesAreMadeUnique) {
  OnnxBuilder b;
  b.Input("x", {1, 3, 8, 8}).Weight("w", {3, 3, 1, 1});
  b.Node("Conv", {"x", "w"}, {"y1"}, "same");
  b.Node("Conv", {"y1", "w"}, {"y2"}, "same");
  b.Node("Conv", {"y2", "w"}, {"y3"}).Name("");
  b.Output("y3");
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 3u);
  EXPECT_EQ(m->layers[0].name, "same");
  EXPECT_EQ(m->layers[1].name, "same_2");
  EXPECT_EQ(m->layers[2].name, "Conv_2");
}

}  // namespace
}  // namespace maestro::frontend
