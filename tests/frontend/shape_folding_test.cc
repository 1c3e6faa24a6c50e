// The traps real exporters set: shapes computed at run time (Shape -> Gather
// -> Div -> Concat -> Reshape), If on a constant condition, stale
// value_info, symbolic batch dims, subgraphs.
#include <gtest/gtest.h>

#include "tests/frontend/onnx_builder.h"

namespace maestro::frontend {
namespace {

using testing::Int64Tensor;
using testing::OnnxBuilder;

// ShuffleNet v2's channel shuffle and split as torch exports them: the
// group size is Shape(x)[1] / 2, which ONNX 1.12 does not propagate.
OnnxBuilder ShuffleNetBlock(const std::vector<int64_t>& input) {
  OnnxBuilder b;
  b.Input("x", input);
  b.Weight("w", {58, 58, 1, 1});
  b.Node("Shape", {"x"}, {"s"});
  b.Node("Constant", {}, {"i0"}).Tensor("value", Int64Tensor({0}, {}));
  b.Node("Constant", {}, {"i1"}).Tensor("value", Int64Tensor({1}, {}));
  b.Node("Constant", {}, {"two"}).Tensor("value", Int64Tensor({2}, {}));
  b.Node("Gather", {"s", "i0"}, {"n"}).Int("axis", 0);
  b.Node("Gather", {"s", "i1"}, {"c"}).Int("axis", 0);
  b.Node("Div", {"c", "two"}, {"half"});
  b.Node("Unsqueeze", {"n", "ax0"}, {"n1"});
  b.Node("Unsqueeze", {"half", "ax0"}, {"h1"});
  b.Ints("ax0", {0}).Ints("two1", {2}).Ints("m1", {-1});
  b.Node("Concat", {"n1", "two1", "h1", "m1"}, {"shape5"}).Int("axis", 0);
  b.Node("Reshape", {"x", "shape5"}, {"r5"});
  b.Node("Transpose", {"r5"}, {"t5"}).Ints("perm", {0, 2, 1, 3});
  b.Node("Shape", {"x"}, {"s2"});
  b.Node("Reshape", {"t5", "s2"}, {"shuffled"});
  // Split in two halves with sizes computed from the shape.
  b.Node("Concat", {"h1", "h1"}, {"sizes"}).Int("axis", 0);
  b.Node("Split", {"shuffled", "sizes"}, {"left", "right"}).Int("axis", 1);
  b.Node("Conv", {"right", "w"}, {"y"}, "branch_conv");
  b.Output("y").Output("left");
  return b;
}

TEST(ShapeFolding, ShuffleNetChannelSplit) {
  OnnxBuilder b = ShuffleNetBlock({1, 116, 28, 28});
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 1u);
  const ExtractedLayer& l = m->layers[0];
  EXPECT_EQ(l.C, 58);
  EXPECT_EQ(l.input_shape, (std::vector<int64_t>{1, 58, 28, 28}));
  EXPECT_EQ(l.macs, 58 * 58 * 28 * 28);
  EXPECT_GE(m->shape_nodes_folded, 8);
}

TEST(ShapeFolding, SymbolicBatchNeedsPinAndNamesTheInput) {
  OnnxBuilder b = ShuffleNetBlock({-1, 116, -1, -1});
  auto m = b.Extract();
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("--input-shape x="), std::string::npos)
      << m.status();
  EXPECT_NE(m.status().message().find("branch_conv"), std::string::npos);
  FrontendOptions o;
  o.input_shapes["x"] = {1, 116, 28, 28};
  auto pinned = b.Extract(o);
  ASSERT_TRUE(pinned.ok()) << pinned.status();
  ASSERT_EQ(pinned->layers.size(), 1u);
  EXPECT_EQ(pinned->layers[0].macs, 58 * 58 * 28 * 28);
  EXPECT_EQ(pinned->inputs.at("x"), (std::vector<int64_t>{1, 116, 28, 28}));
}

TEST(ShapeFolding, PinContradictingFixedDimsIsAnError) {
  OnnxBuilder b = ShuffleNetBlock({1, 116, 28, 28});
  FrontendOptions o;
  o.input_shapes["x"] = {1, 3, 28, 28};
  auto m = b.Extract(o);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("contradicts"), std::string::npos);
  o.input_shapes.clear();
  o.input_shapes["nope"] = {1};
  EXPECT_FALSE(b.Extract(o).ok());
}

onnx::GraphProto Branch(const std::string& name, int64_t k) {
  onnx::GraphProto g;
  g.set_name(name);
  OnnxBuilder bb(17, &g);
  bb.Weight(name + "_w", {k, 3, 3, 3});
  bb.Node("Conv", {"x", name + "_w"}, {name + "_y"}, name + "_conv");
  bb.Output(name + "_y");
  return g;
}

TEST(ShapeFolding, IfWithConstantConditionIsInlined) {
  OnnxBuilder b;
  b.Input("x", {1, 3, 16, 16});
  // cond = Shape(x)[0] == 1: known once the shape is.
  b.Node("Shape", {"x"}, {"s"});
  b.Node("Constant", {}, {"i0"}).Tensor("value", Int64Tensor({0}, {}));
  b.Node("Gather", {"s", "i0"}, {"n"});
  b.Node("Constant", {}, {"one"}).Tensor("value", Int64Tensor({1}, {}));
  b.Node("Equal", {"n", "one"}, {"cond"});
  b.Node("If", {"cond"}, {"y"}, "if")
      .Graph("then_branch", Branch("then", 8))
      .Graph("else_branch", Branch("else", 16));
  b.Output("y");
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 1u);
  EXPECT_EQ(m->layers[0].K, 8);
  EXPECT_FALSE(m->layers[0].conditional);
  EXPECT_EQ(m->if_nodes_inlined, 1);
}

TEST(ShapeFolding, IfOnAnInputIsWalkedAsConditionalOrPinned) {
  OnnxBuilder b;
  b.Input("x", {1, 3, 16, 16});
  b.Input("flag", {}, onnx::TensorProto::BOOL);
  b.Node("If", {"flag"}, {"y"}, "if")
      .Graph("then_branch", Branch("then", 8))
      .Graph("else_branch", Branch("else", 16));
  b.Output("y");
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 2u);
  EXPECT_TRUE(m->layers[0].conditional);
  EXPECT_TRUE(m->layers[1].conditional);
  EXPECT_EQ(m->layers[0].subgraph, "if/then_branch");
  EXPECT_EQ(m->if_nodes_inlined, 0);
  FrontendOptions o;
  o.input_values["flag"] = 0;
  auto pinned = b.Extract(o);
  ASSERT_TRUE(pinned.ok()) << pinned.status();
  ASSERT_EQ(pinned->layers.size(), 1u);
  EXPECT_EQ(pinned->layers[0].K, 16);
  EXPECT_FALSE(pinned->layers[0].conditional);
}

TEST(ShapeFolding, LoopBodyLayersAreConditional) {
  onnx::GraphProto body;
  body.set_name("body");
  OnnxBuilder bb(17, &body);
  bb.Input("iter", {}, onnx::TensorProto::INT64);
  bb.Input("cond_in", {}, onnx::TensorProto::BOOL);
  bb.Input("h", {1, 32});
  bb.Weight("wl", {32, 32});
  bb.Node("MatMul", {"h", "wl"}, {"h2"}, "loop_mm");
  bb.Node("Identity", {"cond_in"}, {"cond_out"});
  bb.Output("cond_out").Output("h2");
  OnnxBuilder b;
  b.Input("h0", {1, 32});
  b.Ints("trip", {4}).Initializer("c", [] {
    onnx::TensorProto t;
    t.set_data_type(onnx::TensorProto::BOOL);
    t.add_int32_data(1);
    return t;
  }());
  b.Node("Loop", {"trip", "c", "h0"}, {"hn"}, "loop").Graph("body", body);
  b.Output("hn");
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 1u);
  EXPECT_TRUE(m->layers[0].conditional);
  EXPECT_EQ(m->layers[0].subgraph, "loop/body");
  EXPECT_EQ(m->layers[0].macs, 32 * 32);
}

TEST(ShapeFolding, StaleValueInfoDoesNotWin) {
  OnnxBuilder b;
  b.Input("x", {1, 3, 16, 16})
      .Weight("w1", {8, 3, 3, 3})
      .Weight("w2", {4, 8, 1, 1});
  b.Node("Conv", {"x", "w1"}, {"c1"}, "conv1").Ints("strides", {2, 2});
  b.Node("Conv", {"c1", "w2"}, {"c2"}, "conv2");
  b.Output("c2");
  // A stale entry from before the stride was changed, and a symbolic one.
  b.ValueInfo("c1", {1, 8, 14, 14});
  b.ValueInfo("c2", {-1, 4, -1, -1});
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 2u);
  EXPECT_EQ(m->layers[1].Y, 7);
  EXPECT_EQ(m->layers[1].output_shape, (std::vector<int64_t>{1, 4, 7, 7}));
}

TEST(ShapeFolding, ResizeWithComputedSizesAndUpsample) {
  OnnxBuilder b;
  b.Input("x", {1, 4, 8, 8}).Weight("w", {2, 4, 3, 3});
  b.Node("Shape", {"x"}, {"s"});
  b.Ints("st", {2}).Ints("en", {4}).Ints("ax", {0});
  b.Node("Slice", {"s", "st", "en", "ax"}, {"hw"});
  b.Ints("two", {2});
  b.Node("Mul", {"hw", "two"}, {"hw2"});
  b.Ints("nc", {1, 4});
  b.Node("Concat", {"nc", "hw2"}, {"sizes"}).Int("axis", 0);
  b.Node("Resize", {"x", "", "", "sizes"}, {"up"}).Str("mode", "nearest");
  b.Node("Conv", {"up", "w"}, {"y"}, "conv").Ints("pads", {1, 1, 1, 1});
  b.Output("y");
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 1u);
  EXPECT_EQ(m->layers[0].Y, 16);
  EXPECT_EQ(m->layers[0].macs, 2 * 4 * 9 * 16 * 16);
}

TEST(ShapeFolding, ExternalDataFileIsNeverRead) {
  // Weight() declares external data in a file that does not exist.
  OnnxBuilder b;
  b.Input("x", {1, 3, 8, 8}).Weight("w", {4, 3, 3, 3});
  b.Node("Conv", {"x", "w"}, {"y"}, "conv");
  b.Output("y");
  auto m = LoadOnnxModelFromBytes(b.Bytes(), "ext.onnx", {});
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->layers.size(), 1u);
}

TEST(ShapeFolding, CycleIsAnError) {
  OnnxBuilder b;
  b.Input("x", {1, 3});
  b.Node("Add", {"x", "b"}, {"a"}, "n1");
  b.Node("Relu", {"a"}, {"b"}, "n2");
  b.Output("b");
  auto m = b.Extract();
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("cycle"), std::string::npos)
      << m.status();
}

TEST(ShapeFolding, OpsetNewerThanKnownIsAnError) {
  OnnxBuilder b(99);
  b.Input("x", {1, 3});
  b.Node("Relu", {"x"}, {"y"});
  b.Output("y");
  auto m = b.Extract();
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("opset 99"), std::string::npos)
      << m.status();
}

TEST(ShapeFolding, Opset18SplitAndReduceAxesAsInputs) {
  OnnxBuilder b(18);
  b.Input("x", {1, 8, 6, 6}).Weight("w", {4, 4, 1, 1});
  b.Node("Split", {"x"}, {"a", "c"}).Int("axis", 1).Int("num_outputs", 2);
  b.Ints("axes", {2, 3});
  b.Node("ReduceMean", {"c", "axes"}, {"m"}).Int("keepdims", 1);
  b.Node("Conv", {"m", "w"}, {"y"}, "conv");
  b.Output("y").Output("a");
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 1u);
  EXPECT_EQ(m->layers[0].input_shape, (std::vector<int64_t>{1, 4, 1, 1}));
  EXPECT_FALSE(m->notes.empty());
}

}  // namespace
}  // namespace maestro::frontend

namespace maestro::frontend {
namespace {

// Newer PyTorch exporters wrap modules in model-local functions; the Conv
// inside is a layer at every call, attribute references resolved.
TEST(ShapeFolding, ModelLocalFunctionsAreInlined) {
  testing::OnnxBuilder b(18);
  auto* f = b.model().add_functions();
  f->set_name("ConvBlock");
  f->set_domain("pkg.torch");
  f->add_input("x");
  f->add_input("w");
  f->add_output("y");
  f->add_attribute("stride");
  auto* conv = f->add_node();
  conv->set_op_type("Conv");
  conv->set_name("conv");
  conv->add_input("x");
  conv->add_input("w");
  conv->add_output("c");
  auto* ref = conv->add_attribute();
  ref->set_name("strides");
  ref->set_type(onnx::AttributeProto::INTS);
  ref->set_ref_attr_name("stride");
  auto* relu = f->add_node();
  relu->set_op_type("Relu");
  relu->add_input("c");
  relu->add_output("y");
  auto* imp = b.model().add_opset_import();
  imp->set_domain("pkg.torch");
  imp->set_version(1);
  b.Input("input", {1, 3, 16, 16})
      .Weight("w1", {8, 3, 1, 1})
      .Weight("w2", {4, 8, 1, 1});
  b.Node("ConvBlock", {"input", "w1"}, {"a"}, "block1")
      .Domain("pkg.torch")
      .Ints("stride", {2, 2});
  b.Node("ConvBlock", {"a", "w2"}, {"b"}, "block2")
      .Domain("pkg.torch")
      .Ints("stride", {1, 1});
  b.Output("b");
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 2u);
  EXPECT_EQ(m->layers[0].name, "block1/conv");
  EXPECT_EQ(m->layers[0].Yo, 8);
  EXPECT_EQ(m->layers[1].name, "block2/conv");
  EXPECT_EQ(m->layers[1].macs, 4 * 8 * 8 * 8);
  EXPECT_FALSE(m->layers[1].conditional);
  EXPECT_EQ(m->functions_inlined, 2);
  int calls = 0;
  for (const auto& c : m->coverage) {
    if (c.node == "block1" || c.node == "block2") {
      EXPECT_EQ(c.category, "function call (inlined)");
      ++calls;
    }
  }
  EXPECT_EQ(calls, 2);
}

}  // namespace
}  // namespace maestro::frontend
