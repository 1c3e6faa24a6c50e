// T4 with the loop-nest enumerator (tests/core/engine_enumerator_testlib.h,
// the ground truth of exact semantics): every genome's mapping computes
// each point of the iteration space exactly once, and the engine's counts
// for it (loop-nest analysis) equal the walk's — on random genomes and on
// the winners of small searches.
#include "gtest/gtest.h"
#include "search/rng.h"
#include "search/search.h"
#include "tests/core/engine_enumerator_testlib.h"

namespace maestro::search {
namespace {

Layer Tiny(LayerType t, int64_t k, int64_t c, int64_t y, int64_t r,
           int64_t stride) {
  Layer l;
  l.name = "tiny";
  l.type = t;
  if (t == LayerType::kGemm) {
    l.Set(Dim::kM, y).Set(Dim::kN, k).Set(Dim::kK, c);
    return l;
  }
  l.Set(Dim::kN, 1)
      .Set(Dim::kC, c)
      .Set(Dim::kY, y)
      .Set(Dim::kX, y + 1)
      .Set(Dim::kR, r)
      .Set(Dim::kS, r);
  if (t != LayerType::kDsconv) l.Set(Dim::kK, k);
  l.stride_y = l.stride_x = stride;
  return l;
}

struct Tally {
  int checked = 0;
};

// Engine (exact) against the walk for one genome.
void Check(const SearchSpace& s, const Hardware& hw, const Genome& g,
           Tally& tally) {
  const ResolvedMapping m = ToResolved(s, g);
  absl::StatusOr<test::Enumerated> e = test::EnumerateMapping(s.layer, m);
  ASSERT_TRUE(e.ok()) << e.status() << " " << Describe(s, g);
  absl::StatusOr<LayerResult> r = AnalyzeLayer(s.layer, m, hw, {});
  ASSERT_TRUE(r.ok()) << r.status();
  const std::string d = Describe(s, g);
  EXPECT_EQ(e->min_point, 1) << d;
  EXPECT_EQ(e->max_point, 1) << d;
  EXPECT_EQ(e->macs, AnalyticMacs(s.layer)) << d;
  EXPECT_TRUE(r->loop_nest) << r->exact_fallback << " " << d;
  EXPECT_EQ(r->macs_model, e->macs) << d;
  EXPECT_EQ(r->access[kInput].l2_read, e->l2_read[0]) << d;
  EXPECT_EQ(r->access[kFilter].l2_read, e->l2_read[1]) << d;
  EXPECT_EQ(r->access[kOutput].l2_write, e->output_l2_write) << d;
  EXPECT_EQ(r->access[kInput].l1_write, e->l1_write[0]) << d;
  EXPECT_EQ(r->access[kFilter].l1_write, e->l1_write[1]) << d;
  for (int t = 0; t < kNumTensors; ++t) {
    EXPECT_EQ(r->l1_size_req_tensor[t], 2 * e->pe_need[t]) << d;
  }
  ++tally.checked;
}

std::vector<Layer> Layers() {
  return {Tiny(LayerType::kConv, 4, 4, 4, 3, 1),  // E1
          Tiny(LayerType::kConv, 2, 2, 4, 3, 1),  // E2
          Tiny(LayerType::kConv, 3, 2, 9, 3, 2),  // strided
          Tiny(LayerType::kDsconv, 1, 5, 8, 3, 2),
          Tiny(LayerType::kGemm, 5, 6, 7, 1, 1)};
}

TEST(Enumerator, RandomGenomes) {
  Tally tally;
  for (const Layer& l : Layers()) {
    for (int64_t pes : {4, 16}) {
      Hardware hw = *HardwarePreset("tiny4");
      hw.num_pes = pes;
      absl::StatusOr<SearchSpace> s = MakeSearchSpace(l, hw, {});
      ASSERT_TRUE(s.ok());
      for (uint64_t i = 0; i < 40; ++i) {
        Rng rng = Rng::For(9, pes, 0, i, Op::kRandom);
        Check(*s, hw, RandomGenome(*s, 1 + i % 3, rng), tally);
      }
    }
  }
  EXPECT_EQ(tally.checked, 5 * 2 * 40);
}

// The same with spread filter dims (--spatial-rs rs and cospatial): R/S
// spatial maps and the Eyeriss pair compute every point once, and the
// engine's counts equal the walk's.
TEST(Enumerator, RandomGenomesWithSpreadFilterDims) {
  Tally tally;
  int spread = 0;
  for (SpatialFilter f : {SpatialFilter::kRs, SpatialFilter::kCospatial}) {
    for (const Layer& l : Layers()) {
      for (int64_t pes : {4, 16}) {
        Hardware hw = *HardwarePreset("tiny4");
        hw.num_pes = pes;
        absl::StatusOr<SearchSpace> s =
            MakeSearchSpace(l, hw, {3, TileDomain::kAny, f});
        ASSERT_TRUE(s.ok());
        for (uint64_t i = 0; i < 40; ++i) {
          Rng rng = Rng::For(13, pes, 0, i, Op::kRandom);
          const Genome g = RandomGenome(*s, 1 + i % 3, rng);
          for (int lv = 0; lv < g.num_levels; ++lv) {
            spread += SpreadSlot(*s, g.levels[lv]) >= kMaxDims;
          }
          Check(*s, hw, g, tally);
        }
      }
    }
  }
  EXPECT_EQ(tally.checked, 2 * 5 * 2 * 40);
  EXPECT_GT(spread, 150);
}

TEST(Enumerator, SmallWinners) {
  Tally tally;
  for (const Layer& l : Layers()) {
    Hardware hw = *HardwarePreset("tiny16");
    SearchOptions o;
    o.budget = {BudgetKind::kEvals, 600};
    o.budget_given = true;
    for (Objective obj : {Objective::kLatency, Objective::kEnergy}) {
      o.objective = obj;
      absl::StatusOr<LayerSearch> r = SearchLayer(l, LayerRole::kConv, hw, o);
      ASSERT_TRUE(r.ok()) << r.status();
      if (!r->best.genome) continue;  // a library mapping won
      absl::StatusOr<SearchSpace> s = MakeSearchSpace(l, hw, {});
      Check(*s, hw, *r->best.genome, tally);
    }
  }
  EXPECT_GE(tally.checked, 5);
}

}  // namespace
}  // namespace maestro::search
