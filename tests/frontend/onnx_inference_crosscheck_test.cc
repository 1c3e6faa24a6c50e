// Cross-check of the frontend's own shape functions against ONNX's full
// shape inference (onnx::shape_inference::InferShapes, data propagation on)
// on the ten reference models: wherever ONNX infers a static shape for a
// node's first output, the frontend found the same one.
#include <gtest/gtest.h>

#include <fstream>
#include <unordered_map>

#include "frontend/onnx_frontend.h"
#include "onnx/shape_inference/implementation.h"

namespace maestro::frontend {
namespace {

class OnnxCrossCheck : public ::testing::TestWithParam<std::string> {};

TEST_P(OnnxCrossCheck, StaticShapesAgree) {
  const std::string path =
      std::string(MO_SOURCE_DIR) + "/models/" + GetParam() + ".onnx";
  onnx::ModelProto proto;
  {
    std::ifstream f(path, std::ios::binary);
    ASSERT_TRUE(proto.ParseFromIstream(&f));
  }
  auto m = ExtractModel(proto, path, {});
  ASSERT_TRUE(m.ok()) << m.status();
  onnx::ShapeInferenceOptions opts(false, 0, true);
  onnx::shape_inference::InferShapes(proto, onnx::OpSchemaRegistry::Instance(),
                                     opts);
  std::unordered_map<std::string, std::vector<int64_t>> onnx_shapes;
  for (const auto& vi : proto.graph().value_info()) {
    const auto& tt = vi.type().tensor_type();
    if (!tt.has_shape()) continue;
    std::vector<int64_t> dims;
    bool static_shape = true;
    for (const auto& d : tt.shape().dim()) {
      static_shape &= d.has_dim_value();
      dims.push_back(d.dim_value());
    }
    if (static_shape) onnx_shapes[vi.name()] = dims;
  }
  std::unordered_map<std::string, std::string> first_output;
  for (const auto& n : proto.graph().node()) {
    if (n.output_size()) first_output[n.name()] = n.output(0);
  }
  int compared = 0;
  for (const auto& c : m->coverage) {
    auto it = onnx_shapes.find(first_output[c.node]);
    if (it == onnx_shapes.end() || c.output_shapes.empty()) continue;
    EXPECT_EQ(c.output_shapes[0], it->second) << c.node << " (" << c.op << ")";
    ++compared;
  }
  for (const auto& l : m->layers) {
    auto it = onnx_shapes.find(l.output);
    if (it == onnx_shapes.end()) continue;
    EXPECT_EQ(l.output_shape, it->second) << l.name;
    ++compared;
  }
  EXPECT_GT(compared, static_cast<int>(m->node_count) / 2);
}

INSTANTIATE_TEST_SUITE_P(Models, OnnxCrossCheck,
                         ::testing::Values("alexnet", "efficientnet_b0",
                                           "googlenet", "mobilenet_v2",
                                           "mobilenet_v3_small", "resnet18",
                                           "resnet50", "squeezenet1_1", "vgg16",
                                           "vit_b_16"));

}  // namespace
}  // namespace maestro::frontend
