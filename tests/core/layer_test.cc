#include "core/layer.h"

#include "gtest/gtest.h"

namespace maestro {
namespace {

struct MacCase {
  const char* what;
  LayerType type;
  std::vector<std::pair<Dim, int64_t>> dims;
  int64_t stride;
  int64_t out_y, out_x, macs;
};

TEST(LayerTest, AnalyticMacsPerType) {
  const MacCase cases[] = {
      // ResNet-50 CONV1 with padding folded in: 230 -> 112.
      {"conv 7x7 s2", LayerType::kConv,
       {{Dim::kK, 64}, {Dim::kC, 3}, {Dim::kR, 7}, {Dim::kS, 7}, {Dim::kY, 230}, {Dim::kX, 230}},
       2, 112, 112, 64LL * 3 * 49 * 112 * 112},
      // MobileNetV2 depthwise from the reference (K ignored).
      {"dsconv", LayerType::kDsconv,
       {{Dim::kK, 1}, {Dim::kC, 32}, {Dim::kR, 3}, {Dim::kS, 3}, {Dim::kY, 112}, {Dim::kX, 112}},
       1, 110, 110, 3484800},
      // ResNeXt-50 grouped conv from the reference.
      {"ngconv", LayerType::kNgconv,
       {{Dim::kG, 32}, {Dim::kK, 4}, {Dim::kC, 128}, {Dim::kR, 3}, {Dim::kS, 3}, {Dim::kY, 56}, {Dim::kX, 56}},
       1, 54, 54, 429981696},
      {"gemm", LayerType::kGemm, {{Dim::kM, 100}, {Dim::kN, 100}, {Dim::kK, 100}}, 1, 0, 0, 1000000},
      {"batch 4", LayerType::kConv,
       {{Dim::kN, 4}, {Dim::kK, 2}, {Dim::kC, 3}, {Dim::kR, 1}, {Dim::kS, 1}, {Dim::kY, 5}, {Dim::kX, 7}},
       2, 3, 4, 4 * 2 * 3 * 3 * 4},
  };
  for (const auto& c : cases) {
    Layer l;
    l.type = c.type;
    for (auto [d, v] : c.dims) l.Set(d, v);
    l.stride_y = l.stride_x = c.stride;
    EXPECT_EQ(l.OutY(), c.out_y) << c.what;
    EXPECT_EQ(l.OutX(), c.out_x) << c.what;
    EXPECT_EQ(AnalyticMacs(l), c.macs) << c.what;
    EXPECT_TRUE(ValidateLayer(l).ok()) << c.what;
  }
}

TEST(LayerTest, ValidateNamesMissingDimAndLocation) {
  Layer l;
  l.name = "c1";
  l.loc.file = "net.m";
  l.loc.line = 4;
  l.Set(Dim::kK, 2).Set(Dim::kR, 3).Set(Dim::kS, 3).Set(Dim::kY, 8).Set(Dim::kX, 8);
  absl::Status s = ValidateLayer(l);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(),
            "net.m:4: layer 'c1' (CONV) lacks dimension C; expected a positive size");
}

TEST(LayerTest, ValidateRejectsFilterLargerThanInput) {
  Layer l;
  l.name = "c2";
  l.Set(Dim::kK, 2).Set(Dim::kC, 2).Set(Dim::kR, 5).Set(Dim::kS, 5).Set(Dim::kY, 3).Set(Dim::kX, 3);
  EXPECT_FALSE(ValidateLayer(l).ok());
}

}  // namespace
}  // namespace maestro
