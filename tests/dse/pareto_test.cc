// The Pareto front and the best-k list on hand-made sets: the exact front,
// equal figures kept once, any insertion order or split into merged parts
// giving the same result.
#include "dse/pareto.h"

#include <algorithm>
#include <vector>

#include "gtest/gtest.h"

namespace maestro::dse {
namespace {

DesignPoint P(int64_t pes, int64_t cycles, double energy, double area) {
  DesignPoint p;
  p.hw.pes = pes;
  p.fig.runtime_cycles = cycles;
  p.fig.energy_pj = energy;
  p.fig.area_um2 = area;
  return p;
}

std::vector<int64_t> Pes(const std::vector<DesignPoint>& v) {
  std::vector<int64_t> out;
  for (const DesignPoint& p : v) out.push_back(p.hw.pes);
  return out;
}

// (cycles, energy, area); pes names each point.
const std::vector<DesignPoint> kSet = {
    P(1, 100, 10, 5),  // front: fastest
    P(2, 200, 5, 5),   // front: less energy
    P(3, 300, 5, 1),   // front: smallest
    P(4, 300, 6, 2),   // dominated by 3
    P(5, 100, 10, 6),  // dominated by 1 (area)
    P(6, 250, 5, 5),   // dominated by 2
    P(7, 200, 5, 5),   // equal to 2: 2 stands for both
    P(8, 150, 8, 9),   // front: between 1 and 2 in time and energy
};

TEST(ParetoFront, HandMadeSet) {
  EXPECT_EQ(Pes(ParetoFront(kSet)), (std::vector<int64_t>{1, 8, 2, 3}));
}

TEST(Dominates, Strict) {
  EXPECT_TRUE(Dominates(kSet[0].fig, kSet[4].fig));
  EXPECT_FALSE(Dominates(kSet[1].fig, kSet[6].fig));  // equal
  EXPECT_FALSE(Dominates(kSet[0].fig, kSet[1].fig));  // incomparable
  EXPECT_FALSE(Dominates(kSet[1].fig, kSet[0].fig));
}

TEST(ParetoArchive, OrderAndSplitDoNotMatter) {
  std::vector<DesignPoint> v = kSet;
  const std::vector<int64_t> want = Pes(ParetoFront(kSet));
  std::sort(v.begin(), v.end(), [](const DesignPoint& a, const DesignPoint& b) {
    return a.hw.pes < b.hw.pes;
  });
  do {  // every order of the first four, every split
    for (size_t cut = 0; cut <= v.size(); ++cut) {
      ParetoArchive a, b;
      for (size_t i = 0; i < v.size(); ++i) (i < cut ? a : b).Insert(v[i]);
      b.Merge(a);
      ASSERT_EQ(Pes(b.Sorted()), want);
    }
  } while (std::next_permutation(
      v.begin(), v.begin() + 4, [](const DesignPoint& a, const DesignPoint& b) {
        return a.hw.pes < b.hw.pes;
      }));
}

TEST(TopK, KeepsTheBestInOrder) {
  TopK a(DseObjective::kEnergy, 3), b(DseObjective::kEnergy, 3);
  for (size_t i = 0; i < kSet.size(); ++i) {
    (i % 2 ? a : b).Offer(kSet[i]);
  }
  a.Merge(b);
  // Energy 5 three times (pes 2, 3, 6, 7): ties by pes.
  EXPECT_EQ(Pes(a.points()), (std::vector<int64_t>{2, 3, 6}));
  TopK one(DseObjective::kLatency, 1);
  for (const DesignPoint& p : kSet) one.Offer(p);
  EXPECT_EQ(Pes(one.points()), (std::vector<int64_t>{1}));
}

}  // namespace
}  // namespace maestro::dse
