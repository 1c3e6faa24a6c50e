#include "core/dims.h"

#include "gtest/gtest.h"

namespace maestro {
namespace {

TEST(DimsTest, RoundTripsEveryName) {
  for (Dim d : kAllDims) {
    auto parsed = ParseDim(DimName(d));
    ASSERT_TRUE(parsed.has_value()) << DimName(d);
    EXPECT_EQ(*parsed, d);
  }
}

TEST(DimsTest, AcceptsTypographicPrime) {
  EXPECT_EQ(ParseDim("Y\xE2\x80\x99"), Dim::kYo);
  EXPECT_EQ(ParseDim("X\xE2\x80\x99"), Dim::kXo);
  EXPECT_FALSE(ParseDim("Z").has_value());
  EXPECT_FALSE(ParseDim("").has_value());
}

}  // namespace
}  // namespace maestro
