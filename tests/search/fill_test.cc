// search/fill.h: the compute-time bound of the mapping space (checked
// against the exhaustive optimum of small spaces under exact semantics),
// the PE-filling seeds and the spatial-tile snap.
#include "search/fill.h"

#include <algorithm>
#include <cstdio>

#include "gtest/gtest.h"
#include "search/evaluator.h"
#include "search/space.h"
#include "tests/core/layers_testlib.h"

namespace maestro::search {
namespace {

using test_support::Conv;
using test_support::Dw;
using test_support::Gemm;

// 256 PEs, buffers and bandwidths unconstrained (GAMMA's defaults).
Hardware Unbounded(int64_t pes) {
  Hardware hw = *HardwarePreset("pe256");
  hw.num_pes = pes;
  hw.l1_size = hw.l2_size = hw.noc_bw = hw.offchip_bw = int64_t{1} << 30;
  return hw;
}

SearchSpace Space(const Layer& l, const Hardware& hw, int levels = 3) {
  absl::StatusOr<SearchSpace> s = MakeSearchSpace(l, hw, {levels});
  EXPECT_TRUE(s.ok()) << s.status();
  return *s;
}

// MobileNetV2's 144-channel 56x56 depthwise layer (GAMMA's L5): 144 x 54 x
// 54 points do not split evenly over 256 PEs. Best: 1701 steps of 9 MACs =
// 15,309 cycles, 1.037x ceil(MACs / PEs) = 14,763, e.g. C over 7 units (21
// channels each), Y' over 2 (27 rows), X' over 18 (3 columns) on 252 PEs,
// or C 16 (9 channels) x Y' 8 (7 rows) x X' 2 (27 columns) on all 256.
TEST(Fill, DepthwiseBoundAbovePesBound) {
  const Layer l = Dw("dw", 144, 56, 3);
  const Hardware hw = Unbounded(256);
  const SearchSpace s = Space(l, hw);
  EXPECT_EQ(LowerBoundCycles(l, hw), 14763);
  const std::vector<UnitAssignment> best = BestAssignments(s, 8);
  ASSERT_EQ(best.size(), 8u);
  EXPECT_EQ(best[0].steps, 21 * 27 * 3);
  EXPECT_EQ(best[0].steps, 9 * 7 * 27);
  EXPECT_EQ(best[0].pes, 256);  // ties: more PEs busy first
  EXPECT_EQ(best[0].units[0] * best[0].units[1] * best[0].units[2], 256);
  EXPECT_EQ(SpaceComputeBound(s), 15309);
  for (const UnitAssignment& a : best) EXPECT_GE(a.steps, best[0].steps);
  // With two levels (two spread dims) the best is C 36 x Y' 7: 15,552.
  EXPECT_EQ(SpaceComputeBound(Space(l, hw, 2)), 15552);
  EXPECT_EQ(SpaceComputeBound(Space(l, hw, 1)), 9 * 54 * 54 * 1);
}

// GAMMA's L1 (ResNet-50 conv1 at stride 1, C = 3): K 64 x Y' 2 x X' 2 fills
// the 256 PEs exactly; two levels leave 0.9 % (K 64 x Y' 4: 55 rows of 218).
TEST(Fill, Conv1BoundEqualsPesBound) {
  const Layer l = Conv("conv1", 64, 3, 224, 7);
  const Hardware hw = Unbounded(256);
  EXPECT_EQ(SpaceComputeBound(Space(l, hw)), LowerBoundCycles(l, hw));
  EXPECT_EQ(SpaceComputeBound(Space(l, hw)), 1746507);
  EXPECT_EQ(SpaceComputeBound(Space(l, hw, 2)), 64 / 64 * 3 * 55 * 218 * 49);
}

// The bound is a bound: on small spaces, enumerated whole under exact
// semantics, no genome runs faster (the optimum is 1-2 cycles of fill
// above it), and the best PE-filling seed is the optimum.
TEST(Fill, BoundHoldsOnExhaustiveSpaces) {
  struct Case {
    Layer layer;
    int64_t pes;
    int levels;
    int64_t bound;  // hand-computed
  };
  const Case cases[] = {
      // 3 x 3 x 3 points on 4 PEs: 7 steps if they split evenly, but one
      // dim over 3 units leaves 3 x 3 steps, two over 2 x 2 leave 2 x 2 x 3.
      {Dw("dw", 3, 5, 3), 4, 2, 9 * 9},
      // K 4 x C 2 x Y' 2 x X' 2 on 6 PEs: 6 steps if even; K over 3 units
      // (2 filters each) and C over 2 leave 2 x 1 x 2 x 2.
      {Conv("conv", 4, 2, 4, 3), 6, 2, 8 * 9},
      // M 5 x N 3 x K 2 on 4 PEs: 8 steps if even; M over 2 and K over 2
      // leave 3 x 3 x 1.
      {Gemm("gemm", 5, 3, 2), 4, 2, 9},
  };
  for (const Case& c : cases) {
    const Hardware hw = Unbounded(c.pes);
    const SearchSpace s = Space(c.layer, hw, c.levels);
    EXPECT_EQ(SpaceComputeBound(s), c.bound) << c.layer.name;
    AnalysisOptions exact;
    exact.semantics = Semantics::kExact;
    Evaluator ev(s, hw, exact, Objective::kLatency);
    int64_t best = 0, count = 0;
    for (int l = 1; l <= c.levels; ++l) {
      EnumerateGenomes(s, l, false, [&](const Genome& g) {
        const Metrics m = ev.EvaluateUncached(g);
        if (m.standing == Standing::kError) return true;
        ++count;
        if (best == 0 || m.runtime_cycles < best) best = m.runtime_cycles;
        return true;
      });
    }
    int64_t seeded = 0;
    for (const Genome& g : FillSeeds(s, 4)) {
      EXPECT_EQ(StructuralError(s, g), "");
      const int64_t t = ev.EvaluateUncached(g).runtime_cycles;
      if (seeded == 0 || t < seeded) seeded = t;
    }
    std::printf(
        "%s on %lld PEs: %lld genomes, optimum %lld, bound %lld, best "
        "fill seed %lld\n",
        c.layer.name.c_str(), static_cast<long long>(c.pes),
        static_cast<long long>(count), static_cast<long long>(best),
        static_cast<long long>(c.bound), static_cast<long long>(seeded));
    EXPECT_GT(count, 1000);
    EXPECT_GE(best, c.bound) << c.layer.name;
    EXPECT_EQ(seeded, best) << c.layer.name;
  }
}

// The seeds of the depthwise layer reach its bound on unconstrained
// hardware (the engine adds 3 cycles of fill and drain).
TEST(Fill, DepthwiseSeedsReachTheBound) {
  const Layer l = Dw("dw", 144, 56, 3);
  const Hardware hw = Unbounded(256);
  const SearchSpace s = Space(l, hw);
  AnalysisOptions exact;
  Evaluator ev(s, hw, exact, Objective::kLatency);
  const std::vector<Genome> seeds = FillSeeds(s, 4);
  EXPECT_GE(seeds.size(), 4u);
  int64_t best = 0;
  for (const Genome& g : seeds) {
    EXPECT_EQ(StructuralError(s, g), "");
    const int64_t t = ev.EvaluateUncached(g).runtime_cycles;
    if (best == 0 || t < best) best = t;
  }
  EXPECT_EQ(best, 15312);
}

// On pe256 (NoC 128 elements/cycle) the two-cut seeds reach 15,619 cycles
// that fit L1 and L2: the optimum of the whole genome space there, by
// benchmarks/search_floor_bench's branch and bound (docs/search.md
// "GAMMA's workload"); without them the best seed runs more.
TEST(Fill, DepthwiseTwoCutSeedsReachTheSpaceOptimumOnPe256) {
  const Layer l = Dw("dw", 144, 56, 3);
  const Hardware hw = *HardwarePreset("pe256");
  const SearchSpace s = Space(l, hw);
  AnalysisOptions exact;
  Evaluator ev(s, hw, exact, Objective::kLatency);
  auto best_fitting = [&](bool two_cuts) {
    int64_t best = 0;
    for (const Genome& g : FillSeeds(s, 4, two_cuts)) {
      EXPECT_EQ(StructuralError(s, g), "");
      const Metrics m = ev.EvaluateUncached(g);
      if (m.standing != Standing::kFeasible) continue;
      if (best == 0 || m.runtime_cycles < best) best = m.runtime_cycles;
    }
    return best;
  };
  EXPECT_EQ(best_fitting(true), 15619);
  EXPECT_GT(best_fitting(false), 15619);
}

TEST(Fill, SnapCoversTheParentInOneStep) {
  const Layer l = Dw("dw", 144, 56, 3);
  const SearchSpace s = Space(l, Unbounded(256));
  Genome g = AllOnesGenome(s);
  g.num_levels = 2;
  g.levels[0].sp = 0;  // C
  g.levels[1].sp = 1;  // Y'
  g.levels[1].cluster = 18;
  g.levels[0].tile = {144, 54, 54};
  g.levels[1].tile = {1, 1, 1};
  Repair(s, g);
  EXPECT_EQ(LevelUnits(s, g, 0), 14);  // floor(256 / 18)
  SnapSpatialTile(s, g, 0);
  EXPECT_EQ(g.levels[0].tile[0], 11);  // ceil(144 / 14)
  SnapSpatialTile(s, g, 1);
  EXPECT_EQ(g.levels[1].tile[1], 3);  // ceil(54 / 18)
  EXPECT_EQ(StructuralError(s, g), "");
  // Divisor tiles: the smallest divisor of the parent >= ceil(parent/units).
  SearchSpace d = s;
  d.tiles = TileDomain::kDivisors;
  Genome h = AllOnesGenome(d);
  h.levels[0].sp = 0;
  SnapSpatialTile(d, h, 0);  // 256 units over C = 144: tile 1
  EXPECT_EQ(h.levels[0].tile[0], 1);
  h.levels[0].sp = 1;
  SnapSpatialTile(d, h, 0);
  EXPECT_EQ(h.levels[0].tile[1], 1);
}

}  // namespace
}  // namespace maestro::search
