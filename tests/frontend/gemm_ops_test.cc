// Per-operator table tests for Gemm / MatMul and their quantized forms.
#include <gtest/gtest.h>

#include "core/layer.h"
#include "tests/frontend/onnx_builder.h"

namespace maestro::frontend {
namespace {

using testing::OnnxBuilder;

struct GemmCase {
  std::string name;
  std::string op;
  std::vector<int64_t> a, b;
  bool b_is_weight;  // initializer, else an activation input
  int trans_a = 0, trans_b = 0;
  // Expected: kind, B (repeat), M, K, N, MACs.
  std::string kind;
  int64_t batch, m, k, n, macs;
};

class GemmOpTest : public ::testing::TestWithParam<GemmCase> {};

TEST_P(GemmOpTest, ExtractsLayer) {
  const GemmCase& c = GetParam();
  OnnxBuilder b;
  const bool q = c.op == "QLinearMatMul";
  const int32_t et = q || c.op == "MatMulInteger" ? onnx::TensorProto::UINT8
                                                  : onnx::TensorProto::FLOAT;
  b.Input("a", c.a, et);
  if (c.b_is_weight) {
    b.Weight("b", c.b, et);
  } else {
    b.Input("b", c.b, et);
  }
  std::vector<std::string> in = {"a", "b"};
  if (q) {
    b.Ints("s", {1}).Ints("z", {0});
    in = {"a", "s", "z", "b", "s", "z", "s", "z"};
  }
  auto node = b.Node(c.op, in, {"y"}, "mm");
  if (c.op == "Gemm") {
    if (c.trans_a) node.Int("transA", 1);
    if (c.trans_b) node.Int("transB", 1);
  }
  b.Output("y");
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 1u);
  const ExtractedLayer& l = m->layers[0];
  EXPECT_EQ(l.kind, c.kind);
  EXPECT_TRUE(l.is_gemm);
  EXPECT_EQ(l.gemm_b, c.batch);
  EXPECT_EQ(l.gemm_m, c.m);
  EXPECT_EQ(l.gemm_k, c.k);
  EXPECT_EQ(l.gemm_n, c.n);
  EXPECT_EQ(l.macs, c.macs);
  // MAESTRO form: CONV 1x1 with Y = M, X = 1, K = N, C = K; repeat = batch.
  EXPECT_EQ(l.parts[0].layer.type, LayerType::kConv);
  EXPECT_EQ(l.parts[0].layer.Get(Dim::kY), c.m);
  EXPECT_EQ(l.parts[0].layer.Get(Dim::kX), 1);
  EXPECT_EQ(l.parts[0].layer.Get(Dim::kK), c.n);
  EXPECT_EQ(l.parts[0].layer.Get(Dim::kC), c.k);
  EXPECT_EQ(l.parts[0].layer.Get(Dim::kR), 1);
  EXPECT_EQ(l.parts[0].layer.repeat, c.batch);
  EXPECT_EQ(l.maestro_macs, c.macs);
}

// clang-format off
const GemmCase kCases[] = {
    {"gemm_transB", "Gemm", {4, 64}, {32, 64}, true, 0, 1, "gemm", 1, 4, 64, 32, 8192},
    {"gemm_transA", "Gemm", {64, 4}, {64, 32}, true, 1, 0, "gemm", 1, 4, 64, 32, 8192},
    {"gemm_both", "Gemm", {64, 4}, {32, 64}, true, 1, 1, "gemm", 1, 4, 64, 32, 8192},
    {"matmul_3d_x_weight", "MatMul", {2, 5, 16}, {16, 8}, true, 0, 0, "gemm", 1, 10, 16, 8, 1280},
    {"matmul_2d_activation", "MatMul", {3, 7, 16}, {16, 8}, false, 0, 0, "gemm", 1, 21, 16, 8,
     2688},
    {"matmul_attention", "MatMul", {1, 12, 10, 64}, {1, 12, 64, 10}, false, 0, 0, "matmul", 12,
     10, 64, 10, 76800},
    {"matmul_broadcast_batch", "MatMul", {3, 1, 4, 8}, {5, 8, 2}, false, 0, 0, "matmul", 15, 4,
     8, 2, 960},
    {"matmul_vector", "MatMul", {16}, {16, 8}, true, 0, 0, "gemm", 1, 1, 16, 8, 128},
    {"matmulinteger", "MatMulInteger", {4, 16}, {16, 8}, true, 0, 0, "gemm", 1, 4, 16, 8, 512},
    {"qlinearmatmul", "QLinearMatMul", {4, 16}, {16, 8}, true, 0, 0, "gemm", 1, 4, 16, 8, 512},
};
// clang-format on

INSTANTIATE_TEST_SUITE_P(Table, GemmOpTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return info.param.name; });

TEST(GemmOp, AlphaBetaDoNotChangeMacs) {
  OnnxBuilder b;
  b.Input("a", {2, 8}).Weight("w", {8, 4}).Weight("c", {4});
  b.Node("Gemm", {"a", "w", "c"}, {"y"}, "g")
      .Float("alpha", 0.5f)
      .Float("beta", 2.f);
  b.Output("y");
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 1u);
  EXPECT_EQ(m->layers[0].macs, 2 * 8 * 4);
  EXPECT_NE(m->layers[0].note.find("alpha/beta"), std::string::npos);
}

TEST(GemmOp, InnerDimMismatchIsAnError) {
  OnnxBuilder b;
  b.Input("a", {2, 8}).Weight("w", {9, 4});
  b.Node("Gemm", {"a", "w"}, {"y"}, "g");
  b.Output("y");
  auto m = b.Extract();
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("inner dimension: 8 vs 9"),
            std::string::npos)
      << m.status();
}

TEST(GemmOp, MatMulWeightFromConstantNodeIsWeightOperand) {
  OnnxBuilder b;
  b.Input("a", {1, 6, 16});
  b.Node("Constant", {}, {"w"}).Tensor("value", testing::FloatTensor({16, 4}));
  b.Node("MatMul", {"a", "w"}, {"y"}, "mm");
  b.Output("y");
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 1u);
  EXPECT_EQ(m->layers[0].weight_operand, "B");
  EXPECT_EQ(m->layers[0].macs, 6 * 16 * 4);
}

TEST(Coverage, EveryNonLayerNodeGetsAVerdict) {
  OnnxBuilder b;
  b.Input("x", {1, 4, 8, 8}).Weight("w", {4, 4, 1, 1});
  b.Node("Relu", {"x"}, {"r"}, "relu");
  b.Node("Conv", {"r", "w"}, {"c"}, "conv");
  b.Node("MaxPool", {"c"}, {"p"}, "pool")
      .Ints("kernel_shape", {2, 2})
      .Ints("strides", {2, 2});
  b.Weight("lw", {1, 16, 4}).Weight("lr", {1, 16, 4});  // X, W, R required
  b.Node("LSTM", {"p", "lw", "lr"}, {"l"}, "lstm");
  b.Node("Custom", {"p"}, {"z"}, "custom").Domain("my.domain");
  b.Output("l").Output("z");
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 1u);
  ASSERT_EQ(m->coverage.size(), 4u);
  EXPECT_EQ(m->coverage[0].node, "relu");
  EXPECT_EQ(m->coverage[0].category, "elementwise");
  EXPECT_EQ(m->coverage[0].verdict, Verdict::kNotMacLayer);
  EXPECT_EQ(m->coverage[0].output_elements, 256);
  EXPECT_EQ(m->coverage[1].category, "pooling");
  EXPECT_EQ(m->coverage[1].output_shapes[0],
            (std::vector<int64_t>{1, 4, 4, 4}));
  EXPECT_EQ(m->coverage[2].verdict, Verdict::kNotSupported);
  // An LSTM without its W/R operands: a recurrent layer of unknown shapes.
  EXPECT_EQ(m->coverage[2].category, "recurrent");
  EXPECT_EQ(m->coverage[2].reason, "shapes unknown");
  EXPECT_EQ(m->coverage[3].verdict, Verdict::kNotSupported);
  EXPECT_EQ(m->coverage[3].op, "my.domain.Custom");
}

}  // namespace
}  // namespace maestro::frontend

namespace maestro::frontend {
namespace {

struct EinsumCase {
  std::string name, equation;
  std::vector<int64_t> a, b;
  bool b_is_weight;
  std::string kind;
  int64_t batch, m, k, n;
};

class EinsumOpTest : public ::testing::TestWithParam<EinsumCase> {};

TEST_P(EinsumOpTest, ExtractsGemm) {
  const EinsumCase& c = GetParam();
  testing::OnnxBuilder b;
  b.Input("a", c.a);
  if (c.b_is_weight) {
    b.Weight("b", c.b);
  } else {
    b.Input("b", c.b);
  }
  b.Node("Einsum", {"a", "b"}, {"y"}, "ein").Str("equation", c.equation);
  b.Output("y");
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 1u);
  const ExtractedLayer& l = m->layers[0];
  EXPECT_EQ(l.kind, c.kind);
  EXPECT_EQ(l.gemm_b, c.batch);
  EXPECT_EQ(l.gemm_m, c.m);
  EXPECT_EQ(l.gemm_k, c.k);
  EXPECT_EQ(l.gemm_n, c.n);
  EXPECT_EQ(l.macs, c.batch * c.m * c.k * c.n);
  EXPECT_EQ(l.maestro_macs, l.macs);
}

// clang-format off
const EinsumCase kEinsum[] = {
    {"attention", "bhqd,bhkd->bhqk", {1, 12, 10, 64}, {1, 12, 10, 64}, false, "matmul", 12, 10,
     64, 10},
    {"dense_weight", "bsd,df->bsf", {2, 5, 16}, {16, 8}, true, "gemm", 1, 10, 16, 8},
    {"ellipsis", "...ij,...jk->...ik", {3, 4, 8}, {3, 8, 2}, false, "matmul", 3, 4, 8, 2},
    {"implicit", "ij,jk", {4, 8}, {8, 2}, false, "gemm", 1, 4, 8, 2},
};
// clang-format on

INSTANTIATE_TEST_SUITE_P(Table, EinsumOpTest, ::testing::ValuesIn(kEinsum),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace maestro::frontend
