// Hostile ONNX input (issue 9): each gets a clear error naming the cause,
// or a correct result, never a silent wrong answer.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "frontend/layer_report.h"
#include "frontend/model_reader.h"
#include "tests/frontend/onnx_builder.h"

namespace maestro::frontend {
namespace {

using testing::OnnxBuilder;

absl::StatusOr<ExtractedModel> Load(const OnnxBuilder& b) {
  return LoadOnnxModelFromBytes(b.Bytes(), "m.onnx", {});
}

std::string ErrorOf(const OnnxBuilder& b) {
  absl::StatusOr<ExtractedModel> m = Load(b);
  return m.ok() ? "ok" : std::string(m.status().message());
}

onnx::TensorProto FloatData(const std::vector<int64_t>& dims, int values) {
  onnx::TensorProto t;
  t.set_data_type(onnx::TensorProto::FLOAT);
  for (int64_t d : dims) t.add_dims(d);
  for (int i = 0; i < values; ++i) t.add_float_data(1.f);
  return t;
}

TEST(HostileOnnx, NegativeInitializerDimIsNamed) {
  OnnxBuilder b;
  b.Input("x", {1, 3, 8, 8});
  b.Initializer("w", FloatData({4, -3, 3, 3}, 0));
  b.Node("Conv", {"x", "w"}, {"y"}, "conv");
  b.Output("y");
  EXPECT_EQ(ErrorOf(b),
            "m.onnx: initializer 'w' has dim -3; expected dims >= 0");
}

TEST(HostileOnnx, InitializerDataMustMatchItsDims) {
  // 2^40x3x3x3 elements declared, 16 bytes (4 floats) stored.
  OnnxBuilder b;
  b.Input("x", {1, 3, 8, 8});
  onnx::TensorProto t;
  t.set_data_type(onnx::TensorProto::FLOAT);
  for (int64_t d : {int64_t{1} << 40, int64_t{3}, int64_t{3}, int64_t{3}}) {
    t.add_dims(d);
  }
  t.set_raw_data(std::string(16, '\0'));
  b.Initializer("w", t);
  b.Node("Conv", {"x", "w"}, {"y"}, "conv");
  b.Output("y");
  EXPECT_EQ(ErrorOf(b),
            "m.onnx: initializer 'w' (1099511627776x3x3x3) holds 4 elements "
            "of data; expected 29686813949952 (or no data)");
}

TEST(HostileOnnx, TypedInitializerDataMustMatchItsDims) {
  OnnxBuilder b;
  b.Input("x", {1, 3, 8, 8});
  b.Initializer("w", FloatData({4, 3, 3, 3}, 5));
  b.Node("Conv", {"x", "w"}, {"y"}, "conv");
  b.Output("y");
  EXPECT_EQ(ErrorOf(b),
            "m.onnx: initializer 'w' (4x3x3x3) holds 5 elements of data; "
            "expected 108 (or no data)");
}

TEST(HostileOnnx, ConstantNodeNegativeDimIsNamed) {
  OnnxBuilder b;
  b.Node("Constant", {}, {"c"}, "const").Tensor("value", FloatData({-2}, 0));
  b.Output("c");
  EXPECT_EQ(ErrorOf(b),
            "m.onnx: node 'const' (Constant): value has dim -2; expected "
            "dims >= 0");
}

TEST(HostileOnnx, ConvWithoutWeightIsNamed) {
  OnnxBuilder b;
  b.Input("x", {1, 3, 8, 8});
  b.Node("Conv", {"x"}, {"y"}, "conv");
  b.Output("y");
  EXPECT_EQ(ErrorOf(b),
            "m.onnx: node 'conv' (Conv) has no input W (input 1); expected X, "
            "W (the ONNX Conv schema)");
  OnnxBuilder e;  // an empty name is an absent input
  e.Input("x", {1, 3, 8, 8});
  e.Node("MatMul", {"x", ""}, {"y"}, "mm");
  e.Output("y");
  EXPECT_EQ(ErrorOf(e),
            "m.onnx: node 'mm' (MatMul) has no input B (input 1); expected A, "
            "B (the ONNX MatMul schema)");
}

TEST(HostileOnnx, GraphWithoutInputsNamesTheMissingValue) {
  OnnxBuilder b;
  b.Weight("w", {4, 3, 3, 3});
  b.Node("Conv", {"x", "w"}, {"y"}, "conv");
  b.Output("y");
  EXPECT_EQ(ErrorOf(b),
            "m.onnx: node 'conv' (Conv) reads 'x', which no node, initializer "
            "or graph input produces");
}

TEST(HostileOnnx, NoInputsIsNamedInTheNoteNotADataDependentOp) {
  OnnxBuilder b;
  b.Weight("w", {4, 3, 3, 3});
  b.Node("Source", {}, {"x"}, "src").Domain("my.domain");
  b.Node("Conv", {"x", "w"}, {"y"}, "conv");
  b.Output("y");
  absl::StatusOr<ExtractedModel> m = Load(b);
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->notes.size(), 1u);
  EXPECT_EQ(m->notes[0],
            "1 MAC layer not costed: node 'conv' (Conv): shapes not known "
            "(input (unknown rank), weight 4x3x3x3); the graph has no "
            "activation inputs, so the shape comes from an op upstream whose "
            "output shape is not known");
}

TEST(HostileOnnx, FifoIsRefusedWithoutBlocking) {
  char tmpl[] = "/tmp/mo_fifo_XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  const std::string fifo = dir + "/f.onnx";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  onnx::ModelProto m;
  absl::Status s = ReadModelFile(fifo, &m);
  EXPECT_EQ(std::string(s.message()),
            fifo +
                ": the model is a FIFO, not a regular file; "
                "expected a readable .onnx file");
  std::remove(fifo.c_str());
  rmdir(dir.c_str());
}

TEST(HostileOnnx, NegativeOutputPaddingIsRejected) {
  OnnxBuilder b;
  b.Input("x", {1, 4, 8, 8});
  b.Weight("w", {4, 4, 3, 3});
  b.Node("ConvTranspose", {"x", "w"}, {"y"}, "deconv")
      .Ints("strides", {2, 2})
      .Ints("output_padding", {-1, 0});
  b.Output("y");
  EXPECT_NE(ErrorOf(b).find("output_padding [-1,0]; expected non-negative"),
            std::string::npos)
      << ErrorOf(b);
}

TEST(HostileOnnx, NegativeOpsetIsNamed) {
  OnnxBuilder b(-5);
  b.Input("x", {1, 3});
  b.Node("Relu", {"x"}, {"y"});
  b.Output("y");
  EXPECT_EQ(ErrorOf(b),
            "m.onnx: imports ai.onnx opset -5, which this frontend does not "
            "know; expected an opset from 1 to 23");
}

TEST(HostileOnnx, HugeResizeScaleIsNamed) {
  OnnxBuilder b(13);
  b.Input("x", {1, 3, 8, 8});
  onnx::TensorProto scales;
  scales.set_data_type(onnx::TensorProto::FLOAT);
  scales.add_dims(4);
  for (float s : {1.f, 1.f, 1e30f, 1.f}) scales.add_float_data(s);
  b.Initializer("scales", scales);
  b.Node("Resize", {"x", "", "scales"}, {"y"}, "resize");
  b.Output("y");
  EXPECT_NE(ErrorOf(b).find("scale 1e+30 of axis 2; expected a scale above 0 "
                            "and at most 1e+06"),
            std::string::npos)
      << ErrorOf(b);
}

// A chain of If nodes, each holding the next in its then branch.
std::string NestedIf(int depth) {
  onnx::GraphProto inner;
  inner.set_name("leaf");
  {
    auto* n = inner.add_node();
    n->set_op_type("Identity");
    n->add_input("x");
    n->add_output("y0");
    inner.add_output()->set_name("y0");
  }
  for (int i = 1; i < depth; ++i) {
    onnx::GraphProto g;
    g.set_name("g" + std::to_string(i));
    auto* n = g.add_node();
    n->set_op_type("If");
    n->add_input("c");
    n->add_output("y" + std::to_string(i));
    auto* then_branch = n->add_attribute();
    then_branch->set_name("then_branch");
    then_branch->set_type(onnx::AttributeProto::GRAPH);
    *then_branch->mutable_g() = inner;
    g.add_output()->set_name("y" + std::to_string(i));
    inner = std::move(g);
  }
  OnnxBuilder b;
  b.Input("x", {1, 3});
  b.Input("c", {}, onnx::TensorProto::BOOL);
  *b.graph().add_node() = inner.node(0);
  b.Output(inner.output(0).name());
  return b.Bytes();
}

TEST(HostileOnnx, DeeplyNestedIfIsNamedNotTruncated) {
  absl::StatusOr<ExtractedModel> m =
      LoadOnnxModelFromBytes(NestedIf(90), "m.onnx", {});
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().message(),
            "m.onnx: messages nested more than 100 levels deep (subgraphs of "
            "If/Loop/Scan nested about 33 deep); expected shallower nesting");
}

TEST(HostileOnnx, ControlBytesInNamesAreEscaped) {
  OnnxBuilder b;
  b.Input("in\r", {1, 3, 8, 8});
  b.Weight("w\\", {4, 3, 3, 3});
  b.Node("Conv", {"in\r", "w\\"}, {"y"}, std::string("conv\x1b[2J\0x", 10));
  b.Output("y");
  absl::StatusOr<ExtractedModel> m = Load(b);
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 1u);
  EXPECT_EQ(m->layers[0].name, "conv\\x1b[2J\\x00x");
  EXPECT_EQ(m->inputs.count("in\\x0d"), 1u);
  const std::string table = FormatLayers(*m, ReportFormat::kTable);
  for (char c : table) {
    EXPECT_FALSE(c != '\n' && static_cast<unsigned char>(c) < 0x20)
        << "control byte " << int(c) << " in\n"
        << table;
  }
}

TEST(HostileOnnx, NodeCapIsStated) {
  // kMaxGraphNodes + 1 empty nodes, written straight as protobuf bytes:
  // ModelProto { ir_version: 8 (field 1), graph (field 7) { node {} ... } }.
  const int n = kMaxGraphNodes + 1;
  std::string graph;
  for (int i = 0; i < n; ++i) graph += std::string("\x0a\x00", 2);
  std::string len;
  for (uint64_t v = graph.size();; v >>= 7) {
    if (v < 0x80) {
      len.push_back(static_cast<char>(v));
      break;
    }
    len.push_back(static_cast<char>((v & 0x7f) | 0x80));
  }
  const std::string bytes = std::string("\x08\x08\x3a", 3) + len + graph;
  onnx::ModelProto proto;
  absl::Status s = ParseModelBytes(bytes, "big.onnx", &proto);
  EXPECT_EQ(std::string(s.message()),
            "big.onnx: the graph has 1000001 nodes; expected at most 1000000 "
            "(the frontend needs about 1.1 KB per node)");
}

}  // namespace
}  // namespace maestro::frontend
