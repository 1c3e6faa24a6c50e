// Ops ONNX 1.12 has no schema for: ONNX Runtime's com.microsoft contrib ops
// (ORT-optimized transformers, ORT dynamic quantization) and ai.onnx ops of
// opsets 18-23. Their shapes must propagate so the layers after them are
// costed, and fused attention is costed as the GEMMs it runs.
#include <gtest/gtest.h>

#include "tests/frontend/onnx_builder.h"

namespace maestro::frontend {
namespace {

using testing::Int64Tensor;
using testing::OnnxBuilder;

void ImportMicrosoft(OnnxBuilder* b) {
  auto* o = b->model().add_opset_import();
  o->set_domain("com.microsoft");
  o->set_version(1);
}

const ExtractedLayer* Find(const ExtractedModel& m, const std::string& name) {
  for (const ExtractedLayer& l : m.layers) {
    if (l.name == name) return &l;
  }
  return nullptr;
}

// Part `part` of node `node` (a fused attention's qkv / scores / context).
const Layer* FindPart(const ExtractedModel& m, const std::string& node,
                      const std::string& part) {
  const ExtractedLayer* l = Find(m, node);
  if (!l) return nullptr;
  for (const LayerPart& p : l->parts) {
    if (p.part == part) return &p.layer;
  }
  return nullptr;
}

int64_t PartMacs(const ExtractedModel& m, const std::string& node,
                 const std::string& part) {
  const Layer* l = FindPart(m, node, part);
  return l ? AnalyticMacs(*l) * l->repeat : -1;
}

const CoverageEntry* FindCoverage(const ExtractedModel& m,
                                  const std::string& node) {
  for (const CoverageEntry& e : m.coverage) {
    if (e.node == node) return &e;
  }
  return nullptr;
}

// An ORT-optimized BERT layer: Attention (packed QKV weight, 2 heads),
// output projection, SkipLayerNormalization, FFN with BiasGelu.
TEST(ContribOps, OrtOptimizedTransformerBlock) {
  OnnxBuilder b(13);
  ImportMicrosoft(&b);
  b.Input("x", {1, 10, 8});
  b.Weight("qkv_w", {8, 24}).Weight("qkv_b", {24}).Weight("out_w", {8, 8});
  b.Weight("g", {8}).Weight("beta", {8}).Weight("f1", {8, 32});
  b.Weight("f1_b", {32}).Weight("f2", {32, 8});
  b.Node("Attention", {"x", "qkv_w", "qkv_b"}, {"a"}, "attn")
      .Domain("com.microsoft")
      .Int("num_heads", 2);
  b.Node("MatMul", {"a", "out_w"}, {"o"}, "out_proj");
  b.Node("SkipLayerNormalization", {"o", "x", "g", "beta"}, {"n"}, "ln")
      .Domain("com.microsoft");
  b.Node("MatMul", {"n", "f1"}, {"f"}, "ffn1");
  b.Node("BiasGelu", {"f", "f1_b"}, {"act"}, "gelu").Domain("com.microsoft");
  b.Node("MatMul", {"act", "f2"}, {"y"}, "ffn2");
  b.Output("y");
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 4u);  // one per MAC node
  const ExtractedLayer* attn = Find(*m, "attn");
  ASSERT_NE(attn, nullptr);
  EXPECT_EQ(attn->kind, "attention");
  ASSERT_EQ(attn->parts.size(), 3u);
  EXPECT_EQ(attn->parts[0].layer.name, "attn#qkv");
  EXPECT_EQ(PartMacs(*m, "attn", "qkv"), 10 * 8 * 24);
  const Layer* scores = FindPart(*m, "attn", "scores");
  ASSERT_NE(scores, nullptr);
  EXPECT_EQ(scores->repeat, 2);                                // batch x heads
  EXPECT_EQ(PartMacs(*m, "attn", "scores"), 2 * 10 * 4 * 10);  // S x head x S
  EXPECT_EQ(PartMacs(*m, "attn", "context"), 2 * 10 * 10 * 4);
  EXPECT_EQ(attn->macs, 10 * 8 * 24 + 2 * 10 * 4 * 10 + 2 * 10 * 10 * 4);
  EXPECT_EQ(attn->maestro_macs, attn->macs);
  EXPECT_EQ(Find(*m, "out_proj")->macs, 10 * 8 * 8);
  EXPECT_EQ(Find(*m, "ffn1")->macs, 10 * 8 * 32);
  EXPECT_EQ(Find(*m, "ffn2")->macs, 10 * 32 * 8);
  const CoverageEntry* ln = FindCoverage(*m, "ln");
  ASSERT_NE(ln, nullptr);
  EXPECT_EQ(ln->verdict, Verdict::kNotMacLayer);
  EXPECT_EQ(ln->category, "normalization");
  EXPECT_EQ(FindCoverage(*m, "gelu")->category, "elementwise");
}

// ai.onnx Attention (opset 23), 4-D, grouped-query (4 query heads on 2 KV
// heads) with 3 past keys: scores over 12 + 3 keys.
TEST(ContribOps, OnnxAttention23GroupedQueryWithPast) {
  OnnxBuilder b(23);
  b.Input("q", {1, 4, 10, 16}).Input("k", {1, 2, 12, 16});
  b.Input("v", {1, 2, 12, 8});
  b.Input("past_k", {1, 2, 3, 16}).Input("past_v", {1, 2, 3, 8});
  b.Weight("w", {8, 5});
  b.Node("Attention", {"q", "k", "v", "", "past_k", "past_v"}, {"a"}, "sdpa");
  b.Node("MatMul", {"a", "w"}, {"y"}, "proj");
  b.Output("y");
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 2u);
  EXPECT_EQ(PartMacs(*m, "sdpa", "scores"), 4 * 10 * 16 * 15);
  EXPECT_EQ(PartMacs(*m, "sdpa", "context"), 4 * 10 * 15 * 8);
  EXPECT_EQ(FindPart(*m, "sdpa", "scores")->repeat, 4);
  EXPECT_EQ(Find(*m, "proj")->output_shape,
            (std::vector<int64_t>{1, 4, 10, 5}));
  EXPECT_EQ(Find(*m, "proj")->macs, 4 * 10 * 8 * 5);
}

// The 3-D form: heads from q_num_heads / kv_num_heads.
TEST(ContribOps, OnnxAttention23ThreeD) {
  OnnxBuilder b(23);
  b.Input("q", {2, 6, 32}).Input("k", {2, 9, 32}).Input("v", {2, 9, 16});
  b.Node("Attention", {"q", "k", "v"}, {"a"}, "sdpa")
      .Int("q_num_heads", 4)
      .Int("kv_num_heads", 4);
  b.Output("a");
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 1u);
  EXPECT_EQ(PartMacs(*m, "sdpa", "scores"), 2 * 4 * 6 * 8 * 9);   // head 8
  EXPECT_EQ(PartMacs(*m, "sdpa", "context"), 2 * 4 * 6 * 9 * 4);  // v head 4
}

TEST(ContribOps, MultiHeadAttentionSeparateQkv) {
  OnnxBuilder b(17);
  ImportMicrosoft(&b);
  b.Input("q", {1, 6, 16}).Input("k", {1, 9, 16}).Input("v", {1, 9, 8});
  b.Weight("w", {8, 3});
  b.Node("MultiHeadAttention", {"q", "k", "v"}, {"a"}, "mha")
      .Domain("com.microsoft")
      .Int("num_heads", 2);
  b.Node("MatMul", {"a", "w"}, {"y"}, "proj");
  b.Output("y");
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(PartMacs(*m, "mha", "scores"), 2 * 6 * 8 * 9);
  EXPECT_EQ(PartMacs(*m, "mha", "context"), 2 * 6 * 9 * 4);
  EXPECT_EQ(Find(*m, "proj")->macs, 6 * 8 * 3);
}

// ORT dynamic quantization and QGemm are GEMMs like their float forms.
TEST(ContribOps, QuantizedContribGemms) {
  OnnxBuilder b(13);
  ImportMicrosoft(&b);
  b.Input("x", {1, 10, 8});
  b.Input("xq", {1, 10, 8}, onnx::TensorProto::UINT8);
  b.Input("a2", {4, 8}, onnx::TensorProto::UINT8);
  b.Weight("wq", {8, 16}, onnx::TensorProto::INT8);
  b.Weight("bq", {6, 8}, onnx::TensorProto::INT8);
  b.Weight("s", {1}).Weight("z", {1}, onnx::TensorProto::INT8);
  b.Node("DynamicQuantizeMatMul", {"x", "wq", "s", "z"}, {"d"}, "dqmm")
      .Domain("com.microsoft");
  b.Node("MatMulIntegerToFloat", {"xq", "wq", "s", "s", "z", "z"}, {"i"},
         "mmitf")
      .Domain("com.microsoft");
  b.Node("QGemm", {"a2", "s", "z", "bq", "s", "z"}, {"g"}, "qgemm")
      .Domain("com.microsoft")
      .Int("transB", 1);
  b.Output("d").Output("i").Output("g");
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 3u);
  EXPECT_EQ(Find(*m, "dqmm")->macs, 10 * 8 * 16);
  EXPECT_EQ(Find(*m, "mmitf")->macs, 10 * 8 * 16);
  EXPECT_EQ(Find(*m, "qgemm")->macs, 4 * 8 * 6);
  EXPECT_EQ(Find(*m, "qgemm")->kind, "gemm");
}

// Ops of opsets 18-23 between two convs: the second conv stays costed.
TEST(ContribOps, NewerOpsetOpsKeepShapes) {
  for (const std::string op :
       {"BitwiseNot", "RMSNormalization", "CenterCropPad"}) {
    OnnxBuilder b(23);
    b.Input("x", {1, 3, 8, 8});
    b.Weight("w", {8, 3, 3, 3}).Weight("w2", {4, 8, 1, 1});
    b.Weight("scale", {6});
    b.Node("Conv", {"x", "w"}, {"c"}, "c1");
    if (op == "BitwiseNot") {
      b.Node("Cast", {"c"}, {"ci"}).Int("to", onnx::TensorProto::INT32);
      b.Node(op, {"ci"}, {"bn"});
      b.Node("Cast", {"bn"}, {"m"}).Int("to", onnx::TensorProto::FLOAT);
    } else if (op == "RMSNormalization") {
      b.Node(op, {"c", "scale"}, {"m"});
    } else {
      b.Ints("crop", {5, 5});
      b.Node(op, {"c", "crop"}, {"m"}).Ints("axes", {2, 3});
    }
    b.Node("Conv", {"m", "w2"}, {"y"}, "c2");
    b.Output("y");
    auto m = b.Extract();
    ASSERT_TRUE(m.ok()) << op << ": " << m.status();
    ASSERT_EQ(m->layers.size(), 2u) << op;
    const int64_t side = op == "CenterCropPad" ? 5 : 6;
    EXPECT_EQ(m->layers[1].macs, 4 * 8 * side * side) << op;
  }
}

TEST(ContribOps, EmbedLayerNormalizationFeedsTheEncoder) {
  OnnxBuilder b(13);
  ImportMicrosoft(&b);
  b.Input("ids", {2, 7}, onnx::TensorProto::INT32);
  b.Input("seg", {2, 7}, onnx::TensorProto::INT32);
  b.Weight("word", {1000, 16}).Weight("pos", {64, 16}).Weight("segw", {2, 16});
  b.Weight("g", {16}).Weight("beta", {16}).Weight("w", {16, 4});
  b.Node("EmbedLayerNormalization",
         {"ids", "seg", "word", "pos", "segw", "g", "beta"}, {"e", "mask"},
         "embed")
      .Domain("com.microsoft");
  b.Node("MatMul", {"e", "w"}, {"y"}, "proj");
  b.Output("y");
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 1u);
  EXPECT_EQ(m->layers[0].macs, 2 * 7 * 16 * 4);
  EXPECT_EQ(FindCoverage(*m, "embed")->category, "normalization");
}

// ORT's QOperator format: pooling and concat of quantized tensors are
// com.microsoft ops; the classifier after them stays costed.
TEST(ContribOps, QOperatorPoolingAndConcat) {
  OnnxBuilder b(13);
  ImportMicrosoft(&b);
  b.Input("a", {1, 4, 7, 7}, onnx::TensorProto::UINT8);
  b.Input("c", {1, 7, 7, 6}, onnx::TensorProto::UINT8);  // NHWC
  b.Weight("s", {1}).Weight("z", {1}, onnx::TensorProto::UINT8);
  b.Weight("w", {10, 10}, onnx::TensorProto::UINT8);
  b.Node("QLinearAveragePool", {"a", "s", "z", "s", "z"}, {"p"}, "pool")
      .Domain("com.microsoft")
      .Ints("kernel_shape", {3, 3})
      .Ints("strides", {2, 2});
  b.Node("QLinearGlobalAveragePool", {"p", "s", "z", "s", "z"}, {"g"}, "gap")
      .Domain("com.microsoft");
  b.Node("QLinearGlobalAveragePool", {"c", "s", "z", "s", "z"}, {"g2"},
         "gap_nhwc")
      .Domain("com.microsoft")
      .Int("channels_last", 1);
  b.Node("Transpose", {"g2"}, {"g3"}).Ints("perm", {0, 3, 1, 2});
  b.Node("QLinearConcat", {"s", "z", "g", "s", "z", "g3", "s", "z"}, {"cat"},
         "concat")
      .Domain("com.microsoft")
      .Int("axis", 1);
  b.Ints("flat", {1, 10});
  b.Node("Reshape", {"cat", "flat"}, {"f"});
  b.Node("QLinearMatMul", {"f", "s", "z", "w", "s", "z", "s", "z"}, {"y"},
         "fc");
  b.Output("y");
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 1u);
  EXPECT_EQ(m->layers[0].macs, 10 * 10);
  EXPECT_EQ(FindCoverage(*m, "pool")->output_shapes[0],
            (std::vector<int64_t>{1, 4, 3, 3}));
  EXPECT_EQ(FindCoverage(*m, "gap_nhwc")->output_shapes[0],
            (std::vector<int64_t>{1, 1, 1, 6}));
  EXPECT_EQ(FindCoverage(*m, "concat")->category, "data movement");
}

}  // namespace
}  // namespace maestro::frontend
