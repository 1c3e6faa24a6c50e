// The phase decompositions of dilated and transposed convolutions against a
// brute-force enumeration of every output's taps, on many small random
// geometries: every output with taps is covered by exactly one class, with
// exactly its rows, and the MACs of the dense segments are the brute-force
// count.
#include "frontend/conv_phases.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <vector>

namespace maestro::frontend {
namespace {

using Rows = std::map<int64_t, std::vector<int64_t>>;  // output -> rows

// Rows every output of a class reads, from the class description alone.
Rows ClassRows(const std::vector<PhaseClass>& classes, int64_t* covered) {
  Rows rows;
  for (const PhaseClass& c : classes) {
    EXPECT_EQ(c.row_step % c.tap_step, 0);
    for (int64_t i = 0; i < c.outputs; ++i) {
      const int64_t o = c.first_output + i * c.output_step;
      std::vector<int64_t>& r = rows[o];
      EXPECT_TRUE(r.empty()) << "output " << o << " in two classes";
      for (int64_t m = 0; m < c.kernel; ++m) {
        r.push_back(c.first_row + i * c.row_step + m * c.tap_step);
      }
      std::sort(r.begin(), r.end());
      ++*covered;
    }
  }
  return rows;
}

// Conv: output y reads padded rows y*s + j*d.
Rows BruteConv(int64_t k, int64_t s, int64_t d, int64_t outputs) {
  Rows rows;
  for (int64_t y = 0; y < outputs; ++y) {
    for (int64_t j = 0; j < k; ++j) rows[y].push_back(y * s + j * d);
  }
  return rows;
}

// ConvTranspose, gather form: output o reads input row i through tap j when
// i*s + j*d = o + p (rows outside the input included, like padding).
Rows BruteTransposed(int64_t k, int64_t s, int64_t d, int64_t p,
                     int64_t outputs) {
  Rows rows;
  for (int64_t o = 0; o < outputs; ++o) {
    for (int64_t j = 0; j < k; ++j) {
      const int64_t v = o + p - j * d;
      if (((v % s) + s) % s == 0) rows[o].push_back(v / s);
    }
    std::sort(rows[o].begin(), rows[o].end());
    if (rows[o].empty()) rows.erase(o);
  }
  return rows;
}

int64_t Taps(const Rows& rows) {
  int64_t n = 0;
  for (const auto& [o, r] : rows) n += static_cast<int64_t>(r.size());
  return n;
}

struct ConvCase {
  int64_t k, s, d, outputs;
};

class DilatedConv : public ::testing::TestWithParam<ConvCase> {};

TEST_P(DilatedConv, ClassesCoverEveryOutputOnceWithItsRows) {
  const ConvCase& c = GetParam();
  auto classes = DilatedConvClasses(c.k, c.s, c.d, c.outputs);
  int64_t covered = 0;
  Rows got = ClassRows(classes, &covered);
  Rows want = BruteConv(c.k, c.s, c.d, c.outputs);
  EXPECT_EQ(covered, c.outputs);
  EXPECT_EQ(got, want);
  auto seg = Segments(classes);
  EXPECT_EQ(SegmentMacs(seg), Taps(want));
  EXPECT_LE(classes.size(), static_cast<size_t>(c.d));
  for (const DenseSegment& s : seg) {
    EXPECT_EQ((s.extent - s.kernel) / s.stride + 1, s.outputs);
  }
}

const ConvCase kConvTable[] = {
    {3, 1, 2, 10},  {3, 1, 1, 7}, {3, 2, 2, 6},  {3, 2, 4, 9}, {2, 3, 2, 5},
    {3, 1, 12, 28}, {5, 4, 6, 4}, {1, 1, 3, 11}, {3, 2, 3, 1}, {7, 3, 5, 13},
};
INSTANTIATE_TEST_SUITE_P(Table, DilatedConv, ::testing::ValuesIn(kConvTable));

std::vector<ConvCase> RandomConvCases() {
  std::mt19937 rng(8);
  std::vector<ConvCase> v;
  for (int i = 0; i < 300; ++i) {
    auto u = [&](int lo, int hi) {
      return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
    };
    v.push_back({u(1, 7), u(1, 5), u(1, 8), u(1, 40)});
  }
  return v;
}
INSTANTIATE_TEST_SUITE_P(Random, DilatedConv,
                         ::testing::ValuesIn(RandomConvCases()));

struct TransposedCase {
  int64_t k, s, d, p, outputs;
};

class TransposedConv : public ::testing::TestWithParam<TransposedCase> {};

TEST_P(TransposedConv, ClassesCoverEveryOutputWithTapsOnce) {
  const TransposedCase& c = GetParam();
  auto classes = TransposedConvClasses(c.k, c.s, c.d, c.p, c.outputs);
  int64_t covered = 0;
  Rows got = ClassRows(classes, &covered);
  Rows want = BruteTransposed(c.k, c.s, c.d, c.p, c.outputs);
  EXPECT_EQ(covered, static_cast<int64_t>(want.size()));
  EXPECT_EQ(got, want);
  auto seg = Segments(classes);
  EXPECT_EQ(SegmentMacs(seg), Taps(want));
  for (const DenseSegment& s : seg) {
    EXPECT_EQ(s.stride, 1);
    EXPECT_EQ(s.extent - s.kernel + 1, s.outputs);
  }
}

const TransposedCase kTransposedTable[] = {
    {2, 2, 1, 0, 8},  {3, 2, 1, 1, 8}, {4, 2, 1, 1, 8},  {3, 2, 1, 1, 7},
    {5, 3, 1, 2, 12}, {1, 2, 1, 0, 6}, {3, 1, 1, 2, 5},  {3, 2, 2, 1, 9},
    {3, 4, 2, 0, 13}, {4, 3, 2, 1, 9}, {2, 2, 1, -1, 9}, {3, 3, 3, 0, 10},
};
INSTANTIATE_TEST_SUITE_P(Table, TransposedConv,
                         ::testing::ValuesIn(kTransposedTable));

std::vector<TransposedCase> RandomTransposedCases() {
  std::mt19937 rng(9);
  std::vector<TransposedCase> v;
  for (int i = 0; i < 300; ++i) {
    auto u = [&](int lo, int hi) {
      return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
    };
    v.push_back({u(1, 7), u(1, 5), u(1, 4), u(-2, 4), u(1, 40)});
  }
  return v;
}
INSTANTIATE_TEST_SUITE_P(Random, TransposedConv,
                         ::testing::ValuesIn(RandomTransposedCases()));

// With Out = s*H (k2s2, k3s2p1 op1, k4s2p1...) the gather count equals the
// scatter count PyTorch reports: every input row times every tap.
TEST(TransposedConv, GatherEqualsInputTimesKernelWhenOutIsStrideTimesInput) {
  for (int64_t h = 1; h < 12; ++h) {
    for (auto [k, s, p] : {std::array<int64_t, 3>{2, 2, 0},
                           {3, 2, 1},
                           {4, 2, 1},
                           {6, 3, 1},
                           {8, 4, 2}}) {
      const int64_t out = s * h;
      auto seg = Segments(TransposedConvClasses(k, s, 1, p, out));
      EXPECT_EQ(SegmentMacs(seg), h * k) << k << " " << s << " " << p;
    }
  }
}

}  // namespace
}  // namespace maestro::frontend
