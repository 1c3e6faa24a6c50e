// Nodes costed as several MAESTRO layers (parts): dilated and transposed
// convs as their dense phase convolutions, N-D convs folded to 2-D, LSTM /
// GRU / RNN as gate GEMMs. One-node graphs, the parts and MACs worked out by
// hand (PyTorch's count where it applies); the parts' MACs always sum to
// the node's.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/layer.h"
#include "frontend/onnx_frontend.h"
#include "tests/frontend/onnx_builder.h"

namespace maestro::frontend {
namespace {

using testing::OnnxBuilder;

// One part as expected: MAESTRO dims (padded Y X), strides, repeat.
struct Part {
  int64_t K, C, R, S, Y, X, stride_y, stride_x, repeat;
};

struct ConvPartsCase {
  std::string name;
  std::string op;
  std::vector<int64_t> x, w;
  int64_t group = 1;
  std::vector<int64_t> pads, strides, dilations, output_padding;
  int64_t macs;  // true MACs (PyTorch's count)
  std::vector<Part> parts;
};

class ConvParts : public ::testing::TestWithParam<ConvPartsCase> {};

TEST_P(ConvParts, PartsAndMacs) {
  const ConvPartsCase& c = GetParam();
  OnnxBuilder b;
  b.Input("x", c.x).Weight("w", c.w);
  auto n = b.Node(c.op, {"x", "w"}, {"y"}, "node");
  if (c.group != 1) n.Int("group", c.group);
  if (!c.pads.empty()) n.Ints("pads", c.pads);
  if (!c.strides.empty()) n.Ints("strides", c.strides);
  if (!c.dilations.empty()) n.Ints("dilations", c.dilations);
  if (!c.output_padding.empty()) n.Ints("output_padding", c.output_padding);
  b.Output("y");
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 1u);
  const ExtractedLayer& l = m->layers[0];
  EXPECT_EQ(l.macs, c.macs);
  EXPECT_EQ(l.maestro_macs, c.macs);
  ASSERT_EQ(l.parts.size(), c.parts.size()) << l.note;
  int64_t sum = 0;
  for (size_t i = 0; i < c.parts.size(); ++i) {
    const Part& e = c.parts[i];
    const Layer& p = l.parts[i].layer;
    SCOPED_TRACE(p.name);
    EXPECT_EQ(p.name, c.parts.size() == 1 ? "node" : "node#" + l.parts[i].part);
    EXPECT_EQ(p.Get(Dim::kK), e.K);
    EXPECT_EQ(p.Get(Dim::kC), e.C);
    EXPECT_EQ(p.Get(Dim::kR), e.R);
    EXPECT_EQ(p.Get(Dim::kS), e.S);
    EXPECT_EQ(p.Get(Dim::kY), e.Y);
    EXPECT_EQ(p.Get(Dim::kX), e.X);
    EXPECT_EQ(p.stride_y, e.stride_y);
    EXPECT_EQ(p.stride_x, e.stride_x);
    EXPECT_EQ(p.repeat, e.repeat);
    EXPECT_TRUE(ValidateLayer(p).ok());
    sum += AnalyticMacs(p) * p.repeat;
  }
  EXPECT_EQ(sum, c.macs);
}

// clang-format off
const ConvPartsCase kConvParts[] = {
    // 2x2 phases of 8x8 outputs, each a dense 3x3 conv on 10x10 rows: one
    // shape, repeat 4.
    {"dilated2_pad2", "Conv", {1, 2, 16, 16}, {4, 2, 3, 3}, 1, {2, 2, 2, 2}, {}, {2, 2}, {},
     4 * 2 * 9 * 16 * 16, {{4, 2, 3, 3, 10, 10, 1, 1, 4}}},
    // 11 outputs: phases of 6 and 5 rows: 4 shapes.
    {"dilated2_odd", "Conv", {1, 1, 15, 15}, {1, 1, 3, 3}, 1, {}, {}, {2, 2}, {},
     9 * 11 * 11,
     {{1, 1, 3, 3, 8, 8, 1, 1, 1}, {1, 1, 3, 3, 8, 7, 1, 1, 1},
      {1, 1, 3, 3, 7, 8, 1, 1, 1}, {1, 1, 3, 3, 7, 7, 1, 1, 1}}},
    // Stride 2 = dilation 2: one phase, a dense stride-1 3x3 conv.
    {"stride2_dilation2", "Conv", {1, 1, 16, 16}, {1, 1, 3, 3}, 1, {2, 2, 2, 2}, {2, 2}, {2, 2},
     {}, 9 * 8 * 8, {{1, 1, 3, 3, 10, 10, 1, 1, 1}}},
    // Stride 2, dilation 3: 3 phases (outputs 0,3,6 / 1,4 / 2,5), stride 2.
    {"stride2_dilation3", "Conv", {1, 1, 20, 20}, {1, 1, 3, 3}, 1, {}, {2, 2}, {3, 3}, {},
     9 * 7 * 7,
     {{1, 1, 3, 3, 7, 7, 2, 2, 1}, {1, 1, 3, 3, 7, 5, 2, 2, 2},
      {1, 1, 3, 3, 5, 7, 2, 2, 2}, {1, 1, 3, 3, 5, 5, 2, 2, 4}}},
    // Dilated only along X.
    {"dilation_1x4", "Conv", {1, 3, 12, 12}, {5, 3, 3, 3}, 1, {1, 4, 1, 4}, {}, {1, 4}, {},
     5 * 3 * 9 * 12 * 12, {{5, 3, 3, 3, 14, 5, 1, 1, 4}}},
    // Depthwise dilated: DSCONV phases.
    {"depthwise_dilated", "Conv", {1, 8, 14, 14}, {8, 1, 3, 3}, 8, {2, 2, 2, 2}, {}, {2, 2}, {},
     8 * 9 * 14 * 14, {{1, 8, 3, 3, 9, 9, 1, 1, 4}}},
    // Conv1d (TCN-like), dilation 4: 4 phases of 5 outputs along X.
    {"conv1d_dilated4", "Conv", {1, 4, 20}, {6, 4, 3}, 1, {4, 4}, {}, {4}, {},
     6 * 4 * 3 * 20, {{6, 4, 1, 3, 1, 7, 1, 1, 4}}},
    // ConvTranspose k2 s2: 4 phases of one tap each.
    {"convt_k2s2", "ConvTranspose", {1, 4, 5, 5}, {4, 6, 2, 2}, 1, {}, {2, 2}, {}, {},
     25 * 4 * 6 * 4, {{6, 4, 1, 1, 5, 5, 1, 1, 4}}},
    // k3 s2 p1 op1: phases with 2 and 1 taps.
    {"convt_k3s2p1op1", "ConvTranspose", {1, 4, 5, 5}, {4, 6, 3, 3}, 1, {1, 1, 1, 1}, {2, 2},
     {}, {1, 1}, 25 * 4 * 6 * 9,
     {{6, 4, 2, 2, 6, 6, 1, 1, 1}, {6, 4, 2, 1, 6, 5, 1, 1, 1},
      {6, 4, 1, 2, 5, 6, 1, 1, 1}, {6, 4, 1, 1, 5, 5, 1, 1, 1}}},
    // k4 s2 p1: every phase has 2x2 taps.
    {"convt_k4s2p1", "ConvTranspose", {1, 2, 4, 4}, {2, 3, 4, 4}, 1, {1, 1, 1, 1}, {2, 2}, {},
     {}, 16 * 2 * 3 * 16, {{3, 2, 2, 2, 5, 5, 1, 1, 4}}},
    // Grouped k2 s2: 2 groups x 4 phases.
    {"convt_grouped", "ConvTranspose", {1, 4, 5, 5}, {4, 3, 2, 2}, 2, {}, {2, 2}, {}, {},
     25 * 4 * 3 * 4, {{3, 2, 1, 1, 5, 5, 1, 1, 8}}},
    // Conv3d: depth taps folded into C (2 x 3), output depth 2 in repeat.
    {"conv3d", "Conv", {1, 2, 4, 8, 8}, {3, 2, 3, 3, 3}, 1, {}, {}, {}, {},
     3 * 2 * 27 * 2 * 6 * 6, {{3, 6, 3, 3, 8, 8, 1, 1, 2}}},
    // Conv3d with depth stride 2, dilation 2, pads: output depth 4.
    {"conv3d_depth_stride_dilation", "Conv", {1, 2, 9, 8, 8}, {4, 2, 3, 3, 3}, 1,
     {1, 0, 0, 1, 0, 0}, {2, 1, 1}, {2, 1, 1}, {}, 4 * 2 * 27 * 4 * 6 * 6,
     {{4, 6, 3, 3, 8, 8, 1, 1, 4}}},
    // Conv3d (1,2,2)-dilated in H/W: phases in H and W, depth folded.
    {"conv3d_dilated_hw", "Conv", {1, 2, 3, 10, 10}, {2, 2, 1, 3, 3}, 1, {}, {}, {1, 2, 2}, {},
     2 * 2 * 9 * 3 * 6 * 6, {{2, 2, 3, 3, 5, 5, 1, 1, 12}}},
    // Depthwise Conv3d: one CONV per channel (K 1, C = depth taps).
    {"conv3d_depthwise", "Conv", {1, 4, 4, 6, 6}, {4, 1, 3, 3, 3}, 4, {}, {}, {}, {},
     4 * 27 * 2 * 4 * 4, {{1, 3, 3, 3, 6, 6, 1, 1, 8}}},
};
// clang-format on

INSTANTIATE_TEST_SUITE_P(Table, ConvParts, ::testing::ValuesIn(kConvParts),
                         [](const auto& info) { return info.param.name; });

// --conv-form maestro: one layer with the zero taps, `macs` still true.
TEST(ConvParts, MaestroFormKeepsTrueMacsAndSaysSo) {
  OnnxBuilder b;
  b.Input("x", {1, 4, 5, 5}).Weight("w", {4, 6, 2, 2});
  b.Node("ConvTranspose", {"x", "w"}, {"y"}, "up").Ints("strides", {2, 2});
  b.Output("y");
  FrontendOptions o;
  o.conv_form = ConvForm::kMaestro;
  auto m = b.Extract(o);
  ASSERT_TRUE(m.ok()) << m.status();
  const ExtractedLayer& l = m->layers[0];
  ASSERT_EQ(l.parts.size(), 1u);
  EXPECT_EQ(l.parts[0].layer.Get(Dim::kY), 11);  // 10 outputs, kernel 2
  EXPECT_EQ(l.macs, 2400);
  EXPECT_EQ(l.maestro_macs, 6 * 4 * 4 * 100);
  EXPECT_NE(l.note.find("conv-form maestro"), std::string::npos) << l.note;
}

// A ConvTranspose whose output is not stride x input: the gather form
// counts the taps every output has; the note gives PyTorch's count.
TEST(ConvParts, TransposedGatherCountDiffersWhenOutputIsNotStrideTimesInput) {
  OnnxBuilder b;
  b.Input("x", {1, 1, 3, 3}).Weight("w", {1, 2, 3, 3});
  b.Node("ConvTranspose", {"x", "w"}, {"y"}, "t");
  b.Output("y");
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  const ExtractedLayer& l = m->layers[0];
  EXPECT_EQ(l.Yo, 5);
  EXPECT_EQ(l.macs, 2 * 9 * 25);  // 25 outputs x 9 taps (padded edges)
  EXPECT_NE(l.note.find("(PyTorch's count) would be 162"), std::string::npos)
      << l.note;
}

// Kernel 1, stride 2, pad 1, one output: that output's phase has no tap.
TEST(ConvParts, TransposedWithoutTapsIsNoMacLayer) {
  OnnxBuilder b;
  b.Input("x", {1, 2, 1, 1}).Weight("w", {2, 3, 1, 1});
  b.Node("ConvTranspose", {"x", "w"}, {"y"}, "t")
      .Ints("strides", {2, 2})
      .Ints("pads", {1, 1, 0, 0})
      .Ints("output_padding", {1, 1});
  b.Output("y");
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_TRUE(m->layers.empty());
  ASSERT_EQ(m->coverage.size(), 1u);
  EXPECT_EQ(m->coverage[0].verdict, Verdict::kNotMacLayer);
}

struct RecurrentCase {
  std::string op;
  std::vector<int64_t> x, w, r;
  std::string direction;
  int64_t layout;
  int64_t macs;                // T*B*gates*H*(I+H) per direction
  int64_t input_m, input_rep;  // input GEMM: M, repeat
  int64_t rec_m, rec_rep;      // recurrent GEMM: M, repeat
  int64_t n, input_k, rec_k;   // N = gates*H, K's
};

class Recurrent : public ::testing::TestWithParam<RecurrentCase> {};

TEST_P(Recurrent, GateGemms) {
  const RecurrentCase& c = GetParam();
  OnnxBuilder b;
  b.Input("x", c.x).Weight("W", c.w).Weight("R", c.r);
  auto n = b.Node(c.op, {"x", "W", "R"}, {"y"}, "rnn");
  n.Int("hidden_size", c.r[2]);
  if (!c.direction.empty()) n.Str("direction", c.direction);
  if (c.layout) n.Int("layout", c.layout);
  b.Output("y");
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 1u);
  const ExtractedLayer& l = m->layers[0];
  EXPECT_EQ(l.kind, "recurrent");
  EXPECT_EQ(l.macs, c.macs);
  EXPECT_EQ(l.maestro_macs, c.macs);
  ASSERT_EQ(l.parts.size(), 2u);
  const Layer& in = l.parts[0].layer;
  const Layer& rec = l.parts[1].layer;
  EXPECT_EQ(in.name, "rnn#input");
  EXPECT_EQ(rec.name, "rnn#recurrent");
  EXPECT_EQ(in.Get(Dim::kY), c.input_m);
  EXPECT_EQ(in.Get(Dim::kC), c.input_k);
  EXPECT_EQ(in.Get(Dim::kK), c.n);
  EXPECT_EQ(in.repeat, c.input_rep);
  EXPECT_EQ(rec.Get(Dim::kY), c.rec_m);
  EXPECT_EQ(rec.Get(Dim::kC), c.rec_k);
  EXPECT_EQ(rec.Get(Dim::kK), c.n);
  EXPECT_EQ(rec.repeat, c.rec_rep);
  EXPECT_NE(l.note.find("sequential"), std::string::npos);
}

const RecurrentCase kRecurrent[] = {
    // LSTM: seq 5, batch 2, input 8, hidden 4.
    {"LSTM",
     {5, 2, 8},
     {1, 16, 8},
     {1, 16, 4},
     "",
     0,
     5 * 2 * 16 * 12,
     10,
     1,
     2,
     5,
     16,
     8,
     4},
    // Bidirectional GRU: seq 7, batch 3, input 6, hidden 5.
    {"GRU",
     {7, 3, 6},
     {2, 15, 6},
     {2, 15, 5},
     "bidirectional",
     0,
     2 * 7 * 3 * 15 * 11,
     21,
     2,
     3,
     14,
     15,
     6,
     5},
    // RNN, batch-first layout: batch 3, seq 4, input 6, hidden 5.
    {"RNN",
     {3, 4, 6},
     {1, 5, 6},
     {1, 5, 5},
     "",
     1,
     4 * 3 * 5 * 11,
     12,
     1,
     3,
     4,
     5,
     6,
     5},
};

INSTANTIATE_TEST_SUITE_P(Table, Recurrent, ::testing::ValuesIn(kRecurrent),
                         [](const auto& info) { return info.param.op; });

// A three-operand Einsum is not costed, but its MACs are estimated
// (contracted left to right: ij,jk -> ik costs i*j*k, then ik,kl -> il).
TEST(NotCosted, ThreeOperandEinsumHasAMacsEstimate) {
  OnnxBuilder b;
  b.Input("a", {2, 3}).Input("b", {3, 4}).Input("c", {4, 5});
  b.Node("Einsum", {"a", "b", "c"}, {"y"}, "e").Str("equation", "ij,jk,kl->il");
  b.Output("y");
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->coverage.size(), 1u);
  EXPECT_EQ(m->coverage[0].verdict, Verdict::kNotSupported);
  EXPECT_EQ(m->coverage[0].macs_estimate, 2 * 3 * 4 + 2 * 4 * 5);
}

}  // namespace
}  // namespace maestro::frontend
