// The engine's fast path (core/engine/fast_eval.h) against AnalyzeLayer on
// the search's own genomes: every reported figure identical (integers equal,
// doubles bit-equal: the same phase functions compute them), under both
// semantics, over conv, strided conv, 1x1, depthwise and GEMM layers with
// any (non-dividing) tiles; the evaluator's metrics equal Judge(AnalyzeLayer);
// the mapping-value validator; no heap allocation per evaluation once the
// workspace has grown (a counting global operator new).
#include "core/engine/fast_eval.h"

#include <atomic>
#include <cstdlib>
#include <new>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/engine/analysis.h"
#include "gtest/gtest.h"
#include "search/evaluator.h"
#include "search/genome.h"
#include "search/operators.h"
#include "search/rng.h"
#include "tests/core/count_allocations.h"
#include "tests/core/figures_testlib.h"
#include "tests/core/layers_testlib.h"

using maestro::test_support::g_allocs;
using maestro::test_support::g_counting;

namespace maestro::search {
namespace {

using test_support::Conv;
using test_support::Dw;
using test_support::Gemm;
using test_support::With;

std::vector<Layer> Layers() {
  return {Conv("conv3x3", 24, 10, 22, 3),
          Conv("conv_s2_7x7", 12, 3, 29, 7, 2),
          With(Conv("conv1x1_b2", 20, 12, 9, 1), Dim::kN, 2),
          Conv("conv5x5_s3", 9, 7, 23, 5, 3),
          Dw("dw3x3", 36, 30, 3, 1),
          Dw("dw3x3_s2", 20, 31, 3, 2),
          Gemm("gemm", 33, 17, 40)};
}

std::vector<Hardware> Hardwares() {
  Hardware a = *HardwarePreset("pe256");
  a.num_pes = 12;
  a.noc_bw = 5;
  a.offchip_bw = 3;
  a.noc_latency = 2;
  a.simd_lanes = 2;
  Hardware b = *HardwarePreset("pe256");
  return {a, b};
}

// Random genomes and offspring of them (the search's operators).
std::vector<Genome> Genomes(const SearchSpace& s, int n, uint64_t seed) {
  std::vector<Genome> gs;
  for (int i = 0; i < n / 2; ++i) {
    Rng rng = Rng::For(seed, 0, 0, i, Op::kRandom);
    gs.push_back(RandomGenome(s, 1 + i % s.max_levels, rng));
  }
  for (int i = 0; gs.size() < static_cast<size_t>(n); ++i) {
    const Genome& a = gs[i % (n / 2)];
    const Genome& b = gs[(i * 7 + 3) % (n / 2)];
    gs.push_back(Offspring(s, a, b, {seed, 1, 1, static_cast<uint64_t>(i)}));
  }
  return gs;
}

void ExpectSameMetrics(const Metrics& a, const Metrics& b) {
  EXPECT_EQ(a.standing, b.standing);
  EXPECT_EQ(a.runtime_cycles, b.runtime_cycles);
  EXPECT_EQ(a.energy_pj, b.energy_pj);
  EXPECT_EQ(a.l1_size_req, b.l1_size_req);
  EXPECT_EQ(a.l2_size_req, b.l2_size_req);
  EXPECT_EQ(a.macs, b.macs);
  EXPECT_EQ(a.violation, b.violation);
  EXPECT_EQ(a.primary, b.primary);
  EXPECT_EQ(a.secondary, b.secondary);
}

struct Compared {
  int64_t compared = 0, loop_nest = 0, fallback = 0;
};

// The fast path against AnalyzeLayer on `genomes` search genomes per layer
// and hardware of the space `options` makes.
void CompareOnSearchGenomes(const SpaceOptions& options, int genomes,
                            Compared& c) {
  int64_t& compared = c.compared;
  int64_t& loop_nest = c.loop_nest;
  int64_t& fallback = c.fallback;
  for (const Layer& layer : Layers()) {
    for (const Hardware& hw : Hardwares()) {
      absl::StatusOr<SearchSpace> s = MakeSearchSpace(layer, hw, options);
      ASSERT_TRUE(s.ok()) << s.status();
      const std::vector<Genome> gs = Genomes(*s, genomes, 11);
      for (Semantics sem : {Semantics::kExact, Semantics::kMaestro}) {
        AnalysisOptions o;
        o.semantics = sem;
        absl::StatusOr<engine::PreparedLayer> pl =
            engine::PrepareLayer(layer, o);
        ASSERT_TRUE(pl.ok()) << pl.status();
        Evaluator ev(*s, hw, o, Objective::kEdp);
        engine::Workspace ws;  // reused across every genome
        for (const Genome& g : gs) {
          const std::string what =
              absl::StrCat(layer.name, " ", hw.num_pes, " PEs ",
                           SemanticsName(sem), " ", Describe(*s, g));
          absl::StatusOr<LayerResult> r =
              AnalyzeLayer(layer, ToResolved(*s, g), hw, o);
          engine::MappingValue m;
          ToMappingValue(*s, g, m);
          EXPECT_TRUE(engine::ValidateMapping(*pl, m, hw).ok()) << what;
          engine::Figures f;
          const absl::Status st = engine::Evaluate(*pl, m, hw, o, ws, f);
          ASSERT_EQ(r.ok(), st.ok()) << what << " " << st;
          if (r.ok()) {
            test_support::ExpectSameFigures(*r, f, what);
            ++(r->loop_nest ? loop_nest : fallback);
          } else {
            EXPECT_EQ(r.status().message(), st.message()) << what;
          }
          ExpectSameMetrics(ev.Judge(r), ev.EvaluateUncached(g, ws));
          ++compared;
        }
      }
    }
  }
}

// 7 layers x 2 hardware x 2 semantics x 240 genomes = 6,720 comparisons.
TEST(FastEval, EqualsAnalyzeLayerOnSearchGenomes) {
  Compared c;
  CompareOnSearchGenomes({}, 240, c);
  EXPECT_EQ(c.compared, 7 * 2 * 2 * 240);
  // Both engine analyses took part (exact: the loop nest; maestro: the
  // case rules).
  EXPECT_GT(c.loop_nest, 1000);
  EXPECT_GT(c.fallback, 1000);
}

// The same on genomes with spread filter dims (--spatial-rs rs, cospatial).
TEST(FastEval, EqualsAnalyzeLayerWithSpreadFilterDims) {
  for (SpatialFilter f : {SpatialFilter::kRs, SpatialFilter::kCospatial}) {
    Compared c;
    CompareOnSearchGenomes({3, TileDomain::kAny, f}, 120, c);
    EXPECT_EQ(c.compared, 7 * 2 * 2 * 120);
    EXPECT_GT(c.loop_nest, 500);
    EXPECT_GT(c.fallback, 500);
  }
}

struct MergeCount {
  int64_t compared = 0, all_cases = 0, merged_cases = 0;
};

// Analyses 300 genomes per layer (the equivalence test's and a 64x64 3x3 on
// 58x58) and PE array (12, 256, 4) twice, with statistics (every case
// enumerated) and without (alike cases merged), and compares every sum and
// need of the top level, the L1 needs and the number of level analyses.
// Under exact semantics only the loop-nest analyses are compared.
MergeCount CompareMergedWithEveryCase(Semantics semantics, uint64_t seed) {
  std::vector<Layer> layers = Layers();
  layers.push_back(Conv("conv3x3_mid", 64, 64, 58, 3));
  std::vector<Hardware> hws = Hardwares();
  hws.push_back(hws[0]);
  hws.back().num_pes = 4;
  const bool exact = semantics == Semantics::kExact;
  AnalysisOptions o;
  o.semantics = semantics;
  MergeCount n;
  for (const Layer& layer : layers) {
    const engine::PreparedLayer pl = *engine::PrepareLayer(layer, o);
    for (const Hardware& hw : hws) {
      const SearchSpace s = *MakeSearchSpace(layer, hw, {});
      engine::Workspace every, merged;
      for (const Genome& g : Genomes(s, 300, seed)) {
        engine::MappingValue m;
        ToMappingValue(s, g, m);
        std::array<engine::LevelView, engine::kMaxMappingLevels> v;
        for (int l = 0; l < m.num_levels; ++l) {
          v[l] = {m.levels[l].num_units,
                  std::span<const Map>(m.levels[l].maps.data(),
                                       m.levels[l].num_maps)};
        }
        const std::span<const engine::LevelView> views(v.data(), m.num_levels);
        engine::Analysis a, b;
        EXPECT_TRUE(engine::AnalyzeMapping(pl, views, hw, semantics,
                                           /*statistics=*/true, every, a)
                        .ok());
        EXPECT_TRUE(engine::AnalyzeMapping(pl, views, hw, semantics,
                                           /*statistics=*/false, merged, b)
                        .ok());
        if (a.top == nullptr || b.top == nullptr) return n;
        if (exact && !a.loop_nest) continue;
        SCOPED_TRACE(
            absl::StrCat(layer.name, " ", hw.num_pes, " PEs ", Describe(s, g)));
        const engine::LevelResult &x = *a.top, &y = *b.top;
        EXPECT_EQ(x.runtime, y.runtime);
        EXPECT_EQ(x.macs, y.macs);
        EXPECT_EQ(x.macs_all, y.macs_all);
        EXPECT_EQ(x.ingress, y.ingress);
        EXPECT_EQ(x.egress, y.egress);
        EXPECT_EQ(x.pe_writes, y.pe_writes);
        EXPECT_EQ(x.l2_req, y.l2_req);
        EXPECT_EQ(x.l1_req, y.l1_req);
        EXPECT_EQ(x.pe_need, y.pe_need);
        EXPECT_EQ(a.l1_req, b.l1_req);
        const engine::CaseBook& eb =
            exact ? every.exact.book : every.level.book;
        const engine::CaseBook& mb =
            exact ? merged.exact.book : merged.level.book;
        EXPECT_EQ(exact ? every.exact.memo.size() : every.level.memo.size(),
                  exact ? merged.exact.memo.size() : merged.level.memo.size());
        for (int i = 0; i < eb.num_analyses(); ++i) {
          n.all_cases += eb.Cases(i).size();
        }
        for (int i = 0; i < mb.num_analyses(); ++i) {
          n.merged_cases += mb.Cases(i).size();
        }
        ++n.compared;
      }
    }
  }
  return n;
}

// The exact analysis merges alike cases when it books no statistics (the
// fast path): a state whose case equals an earlier state's up to a shift
// adds its occurrences to that one (exact_analysis.cc, PlanStateClasses).
TEST(FastEval, MergedAlikeCasesEqualEveryCase) {
  const MergeCount n = CompareMergedWithEveryCase(Semantics::kExact, 23);
  EXPECT_GT(n.compared, 5000);
  EXPECT_LT(n.merged_cases, n.all_cases);
}

// MAESTRO's rules merge the cases that cost alike when they book no
// statistics (the fast path): before the innermost moving directive a
// directive's Init and Steady cost alike (level_analysis.cc,
// CaseStates::ForEachClass); the needs still come from the cases in order.
TEST(FastEval, MaestroMergedAlikeCasesEqualEveryCase) {
  const MergeCount n = CompareMergedWithEveryCase(Semantics::kMaestro, 29);
  EXPECT_EQ(n.compared, 8 * 3 * 300);
  EXPECT_LT(n.merged_cases, n.all_cases * 9 / 10);
}

// Consecutive evaluations do not depend on what the workspace saw before.
TEST(FastEval, WorkspaceHistoryDoesNotMatter) {
  const Layer layer = Conv("conv3x3", 24, 10, 22, 3);
  const Hardware hw = Hardwares()[0];
  const SearchSpace s = *MakeSearchSpace(layer, hw, {});
  const std::vector<Genome> gs = Genomes(s, 60, 5);
  const engine::PreparedLayer pl = *engine::PrepareLayer(layer, {});
  engine::Workspace shared;
  for (size_t i = 0; i < gs.size(); ++i) {
    engine::MappingValue m;
    ToMappingValue(s, gs[i], m);
    engine::Workspace fresh;
    engine::Figures a, b;
    ASSERT_TRUE(engine::Evaluate(pl, m, hw, {}, shared, a).ok());
    ASSERT_TRUE(engine::Evaluate(pl, m, hw, {}, fresh, b).ok());
    EXPECT_EQ(a.runtime_cycles, b.runtime_cycles) << i;
    EXPECT_EQ(a.energy_pj, b.energy_pj) << i;
    EXPECT_EQ(a.l1_size_req, b.l1_size_req) << i;
    EXPECT_EQ(a.l2_size_req, b.l2_size_req) << i;
  }
}

engine::MappingValue OneLevel(int64_t units, std::vector<Map> maps) {
  engine::MappingValue m;
  m.num_levels = 1;
  m.levels[0].num_units = units;
  for (const Map& x : maps) m.levels[0].Add(x);
  return m;
}

constexpr DirectiveKind kT = DirectiveKind::kTemporalMap;
constexpr DirectiveKind kSp = DirectiveKind::kSpatialMap;

TEST(FastEval, ValidatorRejectsWhatResolveDataflowRejects) {
  const Layer layer = Conv("c", 8, 4, 10, 3);
  const Hardware hw = *HardwarePreset("pe256");
  const engine::PreparedLayer pl = *engine::PrepareLayer(layer, {});
  const std::vector<Map> good = {{kSp, 1, 1, Dim::kK}, {kT, 1, 1, Dim::kC},
                                 {kT, 3, 1, Dim::kY},  {kT, 3, 1, Dim::kX},
                                 {kT, 3, 3, Dim::kR},  {kT, 3, 3, Dim::kS}};
  EXPECT_TRUE(engine::ValidateMapping(pl, OneLevel(256, good), hw).ok());

  std::vector<Map> no_spatial = good;
  no_spatial[0].kind = kT;
  absl::Status s = engine::ValidateMapping(pl, OneLevel(256, no_spatial), hw);
  EXPECT_NE(s.message().find("has no SpatialMap"), std::string::npos) << s;

  std::vector<Map> partial_r = good;
  partial_r[4].size = partial_r[4].offset = 2;
  s = engine::ValidateMapping(pl, OneLevel(256, partial_r), hw);
  EXPECT_NE(s.message().find("must cover the whole filter"), std::string::npos)
      << s;

  std::vector<Map> gap = good;
  gap[1].offset = 2;  // C tiles of 1 advancing by 2: skips every other C
  s = engine::ValidateMapping(pl, OneLevel(256, gap), hw);
  EXPECT_NE(s.message().find("offset 2 > size 1"), std::string::npos) << s;

  std::vector<Map> bad_dim = good;
  bad_dim[1].dim = Dim::kM;
  s = engine::ValidateMapping(pl, OneLevel(256, bad_dim), hw);
  EXPECT_NE(s.message().find("which the layer does not have"),
            std::string::npos)
      << s;

  s = engine::ValidateMapping(pl, OneLevel(257, good), hw);
  EXPECT_NE(s.message().find("has 257 units; expected 1..256"),
            std::string::npos)
      << s;

  engine::MappingValue two = OneLevel(16, good);
  two.num_levels = 2;
  two.levels[1] = two.levels[0];
  two.levels[1].num_units = 512;  // more than the 256 PEs
  s = engine::ValidateMapping(pl, two, hw);
  EXPECT_NE(s.message().find("more than the 256 PEs"), std::string::npos) << s;

  engine::MappingValue none;
  s = engine::ValidateMapping(pl, none, hw);
  EXPECT_NE(s.message().find("0 cluster levels"), std::string::npos) << s;
}

TEST(FastEval, EvaluateRefusesCountsOutOfRange) {
  const Layer layer = Conv("c", 8, 4, 10, 3);
  const Hardware hw = *HardwarePreset("pe256");
  const engine::PreparedLayer pl = *engine::PrepareLayer(layer, {});
  engine::Workspace ws;
  engine::Figures f;
  engine::MappingValue none;
  absl::Status s = engine::Evaluate(pl, none, hw, {}, ws, f);
  EXPECT_EQ(s.message(),
            "layer 'c': the mapping has 0 cluster levels; expected 1..4");
  engine::MappingValue full = OneLevel(4, {});
  for (int i = 0; i <= engine::kMaxLevelMaps; ++i) {
    full.levels[0].Add({kSp, 1, 1, Dim::kK});  // the 13th does not fit
  }
  s = engine::Evaluate(pl, full, hw, {}, ws, f);
  EXPECT_EQ(s.message(),
            "layer 'c': cluster level 0 has 13 maps; expected 0..12");
  EXPECT_FALSE(engine::ValidateMapping(pl, full, hw).ok());
}

TEST(FastEval, LayerValidatedOnceAtPrepare) {
  Layer bad = Conv("bad", 8, 4, 2, 3);  // 3x3 filter on a 2x2 input
  absl::StatusOr<engine::PreparedLayer> pl = engine::PrepareLayer(bad, {});
  EXPECT_FALSE(pl.ok());
  EXPECT_EQ(pl.status().message(), ValidateLayer(bad).message());
}

// The steady state allocates nothing: after one pass over the genomes (the
// workspace grows to the largest mapping), a second pass over the same
// genomes and a pass over new ones make no heap allocation at all, under
// both semantics (the evaluator's own path, genome -> value -> figures).
TEST(FastEval, NoHeapAllocationPerEvaluation) {
  for (const Layer& layer :
       {Conv("conv3x3", 24, 10, 22, 3), Dw("dw3x3_s2", 20, 31, 3, 2),
        Gemm("gemm", 33, 17, 40)}) {
    const Hardware hw = *HardwarePreset("pe256");
    const SearchSpace s = *MakeSearchSpace(layer, hw, {});
    for (Semantics sem : {Semantics::kExact, Semantics::kMaestro}) {
      AnalysisOptions o;
      o.semantics = sem;
      Evaluator ev(s, hw, o, Objective::kLatency);
      const std::vector<Genome> warm = Genomes(s, 400, 21);
      const std::vector<Genome> fresh = Genomes(s, 200, 22);
      engine::Workspace ws;
      for (const Genome& g : warm) ev.EvaluateUncached(g, ws);
      g_allocs = 0;
      g_counting = true;
      int64_t feasible = 0;
      for (const Genome& g : warm) {
        feasible += ev.EvaluateUncached(g, ws).standing == Standing::kFeasible;
      }
      const int64_t again = g_allocs.load();
      for (const Genome& g : fresh) ev.EvaluateUncached(g, ws);
      g_counting = false;
      EXPECT_EQ(again, 0) << layer.name << " " << SemanticsName(sem);
      // New mappings may still grow a buffer now and then, never per call.
      EXPECT_LE(g_allocs.load(), 4) << layer.name << " " << SemanticsName(sem);
      EXPECT_GT(feasible, 0);
    }
  }
}

}  // namespace
}  // namespace maestro::search
