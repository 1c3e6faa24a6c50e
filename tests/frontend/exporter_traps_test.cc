// Patterns found by running the frontend on models from other exporters and
// architectures than the zoo (scripts/export_test_models.py): each test
// reproduces one in a tiny graph.
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "tests/frontend/onnx_builder.h"

namespace maestro::frontend {
namespace {

using testing::Int64Tensor;
using testing::OnnxBuilder;

bool AnyNoteHas(const ExtractedModel& m, const std::string& text) {
  for (const std::string& n : m.notes) {
    if (absl::StrContains(n, text)) return true;
  }
  return false;
}

// Older exporters write dim_value 0 for an unknown batch: read as dynamic
// (then batch 1), not as an empty tensor with 0 MACs.
TEST(ExporterTraps, ZeroSizedInputDimIsReadAsDynamic) {
  OnnxBuilder b(11);
  b.Input("x", {0, 3, 8, 8});
  b.Weight("w", {4, 3, 3, 3});
  b.Node("Conv", {"x", "w"}, {"y"}).Ints("pads", {1, 1, 1, 1});
  b.Output("y");
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 1u);
  EXPECT_EQ(m->layers[0].N, 1);
  EXPECT_EQ(m->layers[0].macs, 4 * 3 * 3 * 3 * 8 * 8);
  EXPECT_TRUE(AnyNoteHas(*m, "size 0"));
  EXPECT_EQ(m->inputs.at("x"), (std::vector<int64_t>{1, 3, 8, 8}));
}

// A pinned input keeps the user's dims; a 0 in a weight is left alone.
TEST(ExporterTraps, ZeroSizedDimPinnedByTheUser) {
  OnnxBuilder b(11);
  b.Input("x", {0, 3, 8, 8});
  b.Weight("w", {4, 3, 3, 3});
  b.Node("Conv", {"x", "w"}, {"y"});
  b.Output("y");
  FrontendOptions o;
  o.input_shapes["x"] = {2, 3, 8, 8};
  auto m = b.Extract(o);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->layers[0].macs, 2 * 4 * 3 * 3 * 3 * 6 * 6);
  EXPECT_FALSE(AnyNoteHas(*m, "size 0"));
}

// Faster R-CNN's box head: the number of RoIs comes out of NonZero / TopK /
// NonMaxSuppression. No input can be pinned to fix it: the backbone is
// costed, the head is listed as not supported and a note says why.
TEST(ExporterTraps, DataDependentShapesAreReportedNotAnError) {
  OnnxBuilder b;
  b.Input("x", {1, 3, 8, 8});
  b.Input("scores", {100});
  b.Weight("w", {4, 3, 3, 3});
  b.Weight("feats", {100, 32});
  b.Weight("fc", {8, 32});
  b.Node("Conv", {"x", "w"}, {"c"}, "backbone");
  b.Node("NonZero", {"scores"}, {"nz"});
  b.Ints("flat", {-1});
  b.Node("Reshape", {"nz", "flat"}, {"idx"});
  b.Node("Gather", {"feats", "idx"}, {"rois"}).Int("axis", 0);
  b.Node("Gemm", {"rois", "fc"}, {"y"}, "box_head").Int("transB", 1);
  b.Output("c").Output("y");
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 1u);
  EXPECT_EQ(m->layers[0].name, "backbone");
  EXPECT_EQ(m->layers[0].macs, 4 * 3 * 9 * 6 * 6);
  EXPECT_TRUE(AnyNoteHas(*m, "1 MAC layer not costed: node 'box_head'"));
  bool listed = false;
  for (const CoverageEntry& e : m->coverage) {
    if (e.node == "box_head") {
      listed = e.verdict == Verdict::kNotSupported &&
               absl::StrContains(e.reason, "shapes unknown");
    }
  }
  EXPECT_TRUE(listed);
}

// The same unknown, but a graph input is dynamic: still an error that names
// the input to pin (pinning may be the fix).
TEST(ExporterTraps, UnknownShapeWithADynamicInputStillAsksForAPin) {
  OnnxBuilder b;
  b.Input("x", {1, 3, -1, -1});
  b.Weight("w", {4, 3, 3, 3});
  b.Node("Conv", {"x", "w"}, {"y"}, "c");
  b.Output("y");
  auto m = b.Extract();
  ASSERT_FALSE(m.ok());
  EXPECT_TRUE(absl::StrContains(m.status().message(), "--input-shape x="))
      << m.status();
}

// tf2onnx and hand-built graphs leave nodes unnamed: errors name the node by
// its output instead of printing node ''.
TEST(ExporterTraps, UnnamedNodeErrorNamesItsOutput) {
  OnnxBuilder b;
  b.Input("x", {1, 3, 8});
  b.Node("Transpose", {"x"}, {"t"}).Ints("perm", {0, 2, 1, 3}).Name("");
  b.Output("t");
  auto m = b.Extract();
  ASSERT_FALSE(m.ok());
  EXPECT_TRUE(absl::StrContains(m.status().message(),
                                "unnamed node (Transpose) with output 't'"))
      << m.status();
}

}  // namespace
}  // namespace maestro::frontend
