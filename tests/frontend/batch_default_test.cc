// A symbolic batch dim is analysed as 1 (with a note); other dynamic dims
// still need --input-shape.
#include "gtest/gtest.h"
#include "tests/frontend/onnx_builder.h"

namespace maestro::frontend {
namespace {

using testing::OnnxBuilder;

TEST(BatchDefaultTest, SymbolicBatchIsOneWithANote) {
  OnnxBuilder b;
  b.Input("x", {-1, 3, 8, 8});
  b.Weight("w", {4, 3, 3, 3});
  b.Node("Conv", {"x", "w"}, {"y"}, "conv");
  b.Output("y");
  auto m = b.Extract();
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 1u);
  EXPECT_EQ(m->layers[0].N, 1);
  EXPECT_EQ(m->layers[0].macs, 4 * 3 * 9 * 6 * 6);
  ASSERT_EQ(m->notes.size(), 1u);
  EXPECT_NE(m->notes[0].find("dynamic batch dim taken as 1"),
            std::string::npos);
}

TEST(BatchDefaultTest, OtherDynamicDimsStillNeedPinning) {
  OnnxBuilder b;
  b.Input("x", {-1, 3, -1, 8});
  b.Weight("w", {4, 3, 3, 3});
  b.Node("Conv", {"x", "w"}, {"y"}, "conv");
  b.Output("y");
  auto m = b.Extract();
  ASSERT_FALSE(m.ok());
  EXPECT_NE(std::string(m.status().message()).find("--input-shape x="),
            std::string::npos)
      << m.status();
}

TEST(BatchDefaultTest, CanBeTurnedOff) {
  OnnxBuilder b;
  b.Input("x", {-1, 3, 8, 8});
  b.Weight("w", {4, 3, 3, 3});
  b.Node("Conv", {"x", "w"}, {"y"}, "conv");
  b.Output("y");
  FrontendOptions o;
  o.assume_batch_one = false;
  EXPECT_FALSE(b.Extract(o).ok());
}

}  // namespace
}  // namespace maestro::frontend
