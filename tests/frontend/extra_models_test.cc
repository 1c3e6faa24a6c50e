// Real exported models beyond the zoo in models/, each exercising traps the
// zoo does not (tests/frontend/data/extra/README.md). The expected MACs are
// PyTorch's own, counted by scripts/export_test_models.py at export time
// (forward hooks and wrapped conv/linear/matmul calls, independent of ONNX).
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "frontend/onnx_frontend.h"

namespace maestro::frontend {
namespace {

struct Case {
  const char* file;
  std::map<std::string, std::vector<int64_t>> pins;
  int conv_layers;  // conv + dwconv + grouped (PyTorch Conv1d/2d modules)
  int fc_layers;    // gemm + matmul (nn.Linear, torch.matmul)
  int64_t conv_macs;
  int64_t fc_macs;
  int64_t other_macs = 0;  // convtranspose
  int rnn_layers = 0;      // recurrent (nn.LSTM / GRU / RNN layers)
  int64_t rnn_macs = 0;
  // PyTorch's MACs of each call in order (conv, linear, matmul, LSTM...
  // layer), when listed.
  std::vector<int64_t> layer_macs = {};
};

std::string Path(const char* file) {
  return std::string(MO_SOURCE_DIR) + "/tests/frontend/data/extra/" + file;
}

const std::vector<int64_t> k224 = {1, 3, 224, 224};

const Case kCases[] = {
    // Channel split / shuffle from Shape->Gather->Div, dynamic batch,
    // opset 11 (Split with a `split` attribute, Squeeze axes attribute).
    {"shufflenet_v2_dynbatch_op11.onnx", {}, 56, 1, 143883992, 1024000},
    // Batch, H and W dynamic: pinned.
    {"resnet18_dyn.onnx", {{"input", k224}}, 20, 1, 1813561344, 512000},
    // Grouped 3x3 convs (group width 8), squeeze-excitation, opset 11.
    {"regnet_y_400mf_op11.onnx", {}, 85, 1, 401402848, 440000},
    // Depthwise 7x7, Linear on NHWC 4-D tensors (MatMul with batch dims
    // flattened into M), LayerNorm, dynamic H/W.
    {"convnext_tiny_dyn.onnx",
     {{"input", k224}},
     22,
     37,
     292965120,
     4162566144},
    // Resize to sizes computed from Shape (opset 11 Resize with roi/scales
    // inputs), dilated depthwise convs.
    {"lraspp_mobilenet_v3_large_op11.onnx", {}, 66, 0, 379281312, 0},
    // ASPP: dilated 3x3 convs (dilation 12, 24, 36) on a 28x28 map.
    {"deeplabv3_mobilenet_v3_large.onnx", {}, 70, 0, 1882169120, 0},
    // Conv1d, ConvTranspose2d, dilated and grouped conv, F.pad (Pad with a
    // computed pads input), interpolate to x.shape // 2, Linear on 3-D, an
    // activation x activation matmul; opset 11.
    {"mixed_ops_op11.onnx", {}, 4, 2, 938816, 24576 + 786432, 663552},
    // Embedding + 2-layer LSTM (seq 35, batch 2, 64 -> 128) + Linear.
    {"lstm_lm.onnx",
     {},
     0,
     1,
     0,
     8960000,
     0,
     2,
     16056320,
     {6881280, 9175040, 8960000}},
    // Bidirectional batch-first GRU (2x20x32 -> 2x48) + Linear.
    {"bigru.onnx", {}, 0, 1, 0, 38400, 0, 1, 921600, {921600, 38400}},
    // 2-layer tanh RNN (10x3x16 -> 24) + Linear.
    {"rnn_tanh.onnx", {}, 0, 1, 0, 288, 0, 2, 63360, {28800, 34560, 288}},
    // ConvTranspose k2s2, k3s2p1op1, k4s2p1 grouped, k4s2p1.
    {"convtranspose_decoder.onnx",
     {},
     2,
     0,
     634880,
     0,
     11927552,
     0,
     0,
     {110592, 262144, 1179648, 2097152, 8388608, 524288}},
    // Dilated causal Conv1d stack (dilation 1, 2, 4, 8; chomped by Slice).
    {"tcn_conv1d.onnx",
     {},
     6,
     0,
     349440,
     0,
     0,
     0,
     0,
     {12800, 78336, 79872, 82944, 89088, 6400}},
    // FCN-ResNet50 and DeepLabV3-ResNet50 (224x224): dilated (2, 4) layer3
    // and layer4 convs, the FCN head / ASPP (dilation 12, 24, 36).
    {"fcn_resnet50.onnx", {}, 55, 0, 26484498432, 0},
    {"deeplabv3_resnet50.onnx", {}, 61, 0, 31310548992, 0},
    // SSD300-VGG16 (detection, 300x300): conv6 dilated 6 on 19x19 (4
    // phase shapes); NMS / TopK post-processing carries no MACs.
    {"ssd300_vgg16.onnx", {}, 35, 0, 34858153472, 0},
    // R3D-18 (video, 1x3x16x112x112): 20 Conv3d (depth folded into C and
    // repeat), incl. depth stride 2, and the fc.
    {"r3d_18.onnx", {}, 20, 1, 40696348672, 204800},
    // Stride 2 with dilation 2 and 3, stride (1,2) with dilation (2,1).
    {"strided_dilated.onnx",
     {},
     3,
     0,
     122040,
     0,
     0,
     0,
     0,
     {62424, 46656, 12960}},
};

class ExtraModels : public ::testing::TestWithParam<Case> {};

TEST_P(ExtraModels, LayersAndMacsEqualPyTorch) {
  const Case& c = GetParam();
  FrontendOptions o;
  o.input_shapes = c.pins;
  auto m = LoadOnnxModel(Path(c.file), o);
  ASSERT_TRUE(m.ok()) << m.status();
  int conv = 0, fc = 0, rnn = 0;
  int64_t conv_macs = 0, fc_macs = 0, other = 0, rnn_macs = 0;
  std::vector<int64_t> layer_macs;
  for (const ExtractedLayer& l : m->layers) {
    EXPECT_FALSE(l.conditional) << l.name;
    EXPECT_EQ(l.maestro_macs, l.macs) << l.name << ": costed MACs";
    layer_macs.push_back(l.macs);
    if (l.kind == "conv" || l.kind == "dwconv" || l.kind == "grouped") {
      ++conv;
      conv_macs += l.macs;
    } else if (l.kind == "gemm" || l.kind == "matmul") {
      ++fc;
      fc_macs += l.macs;
    } else if (l.kind == "recurrent") {
      ++rnn;
      rnn_macs += l.macs;
    } else {
      other += l.macs;
    }
  }
  EXPECT_EQ(conv, c.conv_layers);
  EXPECT_EQ(fc, c.fc_layers);
  EXPECT_EQ(rnn, c.rnn_layers);
  EXPECT_EQ(conv_macs, c.conv_macs);
  EXPECT_EQ(fc_macs, c.fc_macs);
  EXPECT_EQ(other, c.other_macs);
  EXPECT_EQ(rnn_macs, c.rnn_macs);
  if (!c.layer_macs.empty()) EXPECT_EQ(layer_macs, c.layer_macs);
  for (const CoverageEntry& e : m->coverage) {
    EXPECT_NE(e.verdict, Verdict::kNotSupported)
        << e.node << " (" << e.op << "): " << e.reason;
  }
}

INSTANTIATE_TEST_SUITE_P(Exported, ExtraModels, ::testing::ValuesIn(kCases),
                         [](const auto& info) {
                           std::string n = info.param.file;
                           n = n.substr(0, n.find('.'));
                           return n;
                         });

int64_t Total(const ExtractedModel& m) {
  int64_t t = 0;
  for (const ExtractedLayer& l : m.layers) t += l.conditional ? 0 : l.macs;
  return t;
}

// A dynamic batch scales every layer: batch 4 is four times batch 1.
TEST(ExtraModels, PinnedBatchScalesMacs) {
  FrontendOptions o;
  o.input_shapes["input"] = {4, 3, 224, 224};
  auto m = LoadOnnxModel(Path("shufflenet_v2_dynbatch_op11.onnx"), o);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(Total(*m), 4 * (143883992 + 1024000));
  // Unpinned: batch 1, with a note.
  auto one = LoadOnnxModel(Path("shufflenet_v2_dynbatch_op11.onnx"), {});
  ASSERT_TRUE(one.ok()) << one.status();
  EXPECT_EQ(Total(*one), 143883992 + 1024000);
  ASSERT_EQ(one->notes.size(), 1u);
  EXPECT_TRUE(absl::StrContains(one->notes[0], "dynamic batch dim taken as 1"));
}

// Batch, H and W pinned to another shape than the traced one (3x3x320x256):
// PyTorch's count at that shape.
TEST(ExtraModels, DynamicModelAtAnotherShape) {
  FrontendOptions o;
  o.input_shapes["input"] = {3, 3, 320, 256};
  auto m = LoadOnnxModel(Path("resnet18_dyn.onnx"), o);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(Total(*m), int64_t{8884285440});
  EXPECT_EQ(m->layers.back().macs, 3 * 512 * 1000);  // fc
}

// H and W dynamic and not pinned: an error naming the input.
TEST(ExtraModels, DynamicSpatialDimsNeedAPin) {
  auto m = LoadOnnxModel(Path("resnet18_dyn.onnx"), {});
  ASSERT_FALSE(m.ok());
  EXPECT_TRUE(
      absl::StrContains(m.status().message(), "--input-shape input=1x3xDxD"))
      << m.status();
}

// torch.jit.script `if x.size(2) > 64`: the condition folds once the input
// is pinned, and the If is inlined with the branch for that size.
TEST(ExtraModels, ShapeDependentIfFollowsThePinnedSize) {
  FrontendOptions o;
  o.input_shapes["input"] = {1, 3, 96, 96};
  auto big = LoadOnnxModel(Path("if_shape_dependent.onnx"), o);
  ASSERT_TRUE(big.ok()) << big.status();
  EXPECT_EQ(big->if_nodes_inlined, 1);
  EXPECT_EQ(Total(*big), 5419008 + 160);  // 7x7 stride-2 conv + Linear
  o.input_shapes["input"] = {1, 3, 48, 48};
  auto small = LoadOnnxModel(Path("if_shape_dependent.onnx"), o);
  ASSERT_TRUE(small.ok()) << small.status();
  EXPECT_EQ(Total(*small), 16 * 3 * 9 * 48 * 48 + 160);  // the 3x3 branch
}

// torch.jit.script `if y.mean() > 0`: both branches are listed as
// conditional; PyTorch took the 3x3 branch (1179648 MACs) on its input.
TEST(ExtraModels, DataDependentIfListsBothBranches) {
  auto m = LoadOnnxModel(Path("if_data_dependent.onnx"), {});
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(Total(*m), 1400992 - 1179648);  // stem conv + head
  int64_t conditional = 0;
  int branches = 0;
  for (const ExtractedLayer& l : m->layers) {
    if (!l.conditional) continue;
    conditional += l.macs;
    ++branches;
  }
  EXPECT_EQ(branches, 2);
  EXPECT_EQ(conditional, 1179648 + 16 * 8 * 32 * 32);  // 3x3 and 1x1 branch
}

// Faster R-CNN: the backbone, FPN and RPN convs are costed (equal to
// PyTorch); the box head's four Linear layers run on a data-dependent number
// of RoIs (TopK / NMS): reported, not costed, and the load succeeds.
TEST(ExtraModels, DetectionHeadAfterDataDependentOpsIsReported) {
  auto m =
      LoadOnnxModel(Path("fasterrcnn_mobilenet_v3_large_320_fpn.onnx"), {});
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->layers.size(), 75u);
  EXPECT_EQ(Total(*m), 718998400);
  int not_costed = 0;
  for (const CoverageEntry& e : m->coverage) {
    if (e.verdict == Verdict::kNotSupported) {
      ++not_costed;
      EXPECT_TRUE(absl::StrContains(e.node, "/roi_heads/")) << e.node;
    }
  }
  EXPECT_EQ(not_costed, 4);
  bool noted = false;
  for (const std::string& n : m->notes) {
    noted |= absl::StrContains(n, "4 MAC layers not costed");
  }
  EXPECT_TRUE(noted);
}

}  // namespace
}  // namespace maestro::frontend
