// The marvel and gamma-compat strategies: Marvel's Phase-A traffic model on
// hand-computed cases, Phase B's genomes valid, GAMMA's genome converted to
// ours valid, and both strategies never worse than the library (T5) and
// deterministic over thread counts (T3).
#include <algorithm>
#include <limits>
#include <map>

#include "absl/strings/str_cat.h"
#include "core/engine/analysis.h"
#include "gtest/gtest.h"
#include "search/constraints.h"
#include "search/flex.h"
#include "search/gamma_compat.h"
#include "search/marvel.h"
#include "search/network_search.h"
#include "search/report.h"
#include "search/rng.h"
#include "search/search.h"
#include "tests/core/layers_testlib.h"

namespace maestro::search {
namespace {

using test_support::Conv;
using test_support::Dw;
using test_support::Gemm;

SearchSpace Space(const Layer& l, const char* hw = "pe256", int levels = 2) {
  return *MakeSearchSpace(l, *HardwarePreset(hw), {levels, TileDomain::kAny});
}

// CONV K=4, C=2, 4x4 input, 3x3 filter (Y'=X'=2); dims K C Y' X'; top tiles
// K2 C2 Y'1 X'2, so trips n = (2, 1, 2, 1). Input tile C2 x Y3 x X4 (X
// fastest: 4, others 6), filter K2 C2 R3 S3 (S fastest: 3, others 12),
// output K2 Y'1 X'2 (2 and 2).
TEST(Marvel, PhaseATrafficByHand) {
  const SearchSpace s = Space(Conv("e", 4, 2, 4, 3), "tiny4");
  const DimArray tiles = {2, 2, 1, 2, 0};
  const std::array<TensorTile, 3> t = MarvelTensors(s, tiles);
  // Row-major: the last dim fastest.
  auto fastest = [&](int a) { return t[a].extent[t[a].fastest]; };
  EXPECT_EQ(fastest(0), 4);
  EXPECT_EQ(t[0].volume(), 4 * 6);
  EXPECT_EQ(fastest(1), 3);
  EXPECT_EQ(t[1].volume(), 3 * 12);
  EXPECT_EQ(fastest(2), 2);
  EXPECT_EQ(t[2].volume(), 2 * 2);
  EXPECT_EQ(LayoutText(s, tiles, RowMajorLayout(t)),
            "input NCYX, filter KCRS, output NKY'X'");
  // Order Y' K C X': every tensor's last dim is at position 3 or 2.
  const Order a = {2, 0, 1, 3, 4};
  EXPECT_EQ(Loads(s, tiles, a), (std::array<int64_t, 3>{4, 4, 4}));
  // B = 32: input 4*1*6*32 + filter 4*1*12*32 + output (2*4-4)*1*2*32.
  EXPECT_EQ(OffchipTraffic(s, tiles, a, 32), 768 + 1536 + 256);
  // B = 2: blocks ceil(4/2)*6 = 12, ceil(3/2)*12 = 24, ceil(2/2)*2 = 2.
  EXPECT_EQ(OffchipTraffic(s, tiles, a, 2), 96 + 192 + 16);
  // Order Y' X' C K: the input is last indexed at position 2 (loads 2*1*1).
  const Order b = {2, 3, 1, 0, 4};
  EXPECT_EQ(Loads(s, tiles, b), (std::array<int64_t, 3>{2, 4, 4}));
  EXPECT_EQ(OffchipTraffic(s, tiles, b, 32), 384 + 1536 + 256);
}

// GEMM M=64, N=32, K=16, tiles M8 N32 K16: A (M x K, K fastest) is loaded
// once per M tile, B once in all when M is outermost... with order M N K:
// trips (8, 1, 1); every tensor is last indexed at position 2: loads 8.
TEST(Marvel, PhaseATrafficGemm) {
  const SearchSpace s = Space(Gemm("gemm", 64, 32, 16));
  const DimArray tiles = {8, 32, 16, 0, 0};
  EXPECT_EQ(Loads(s, tiles, {0, 1, 2, 3, 4}),
            (std::array<int64_t, 3>{8, 8, 8}));
  // A: ceil(16/32)*8 = 8 blocks; B: ceil(32/32)*16 = 16; C: ceil(32/32)*8.
  // Output term (2*8 - 8) * 8 blocks.
  EXPECT_EQ(OffchipTraffic(s, tiles, {0, 1, 2, 3, 4}, 32),
            8 * 8 * 32 + 8 * 16 * 32 + 8 * 8 * 32);
  // Order N K M: A and C last indexed at position 2 (loads 8), B at
  // position 1 (loads 1): B read once.
  EXPECT_EQ(Loads(s, tiles, {1, 2, 0, 3, 4}),
            (std::array<int64_t, 3>{8, 1, 8}));
}

// A 1x1 conv on 7x7 with 64 channels, one tile: X (7) or S (1) fastest
// fills a quarter or a 32nd of a block, the channels fill two.
TEST(Marvel, LayoutsByHand) {
  const SearchSpace s = Space(Conv("c", 64, 64, 7, 1));
  const DimArray tiles = {64, 64, 7, 7, 0};
  const std::array<TensorTile, 3> t = MarvelTensors(s, tiles);
  const Layout best = BestLayout(t);
  // Input: X fastest ceil(7/32)*448 = 448 blocks, C fastest 2*49 = 98.
  // Filter: S (or R) 4096, K or C 2*64 = 128 (a tie: the faster, C).
  // Output: X' 448, K 98.
  EXPECT_EQ(LayoutText(s, tiles, best),
            "input NYXC, filter KRSC, output NY'X'K");
  // One tile of everything: loads 1, each output written once.
  const Order o = {0, 1, 2, 3, 4};
  EXPECT_EQ(OffchipTraffic(s, tiles, o, best), 32 * (98 + 128 + 98));
  EXPECT_EQ(OffchipTraffic(s, tiles, o), 32 * (448 + 4096 + 448));
  EXPECT_EQ(OffchipTraffic(s, tiles, o, RowMajorLayout(t)),
            OffchipTraffic(s, tiles, o));
  // Ties keep row-major: X = 32 fills its blocks, and so would C = 32 (1024
  // blocks either way); the 1x1 filter's S does not (C fastest).
  const SearchSpace w = Space(Conv("w", 8, 32, 32, 1));
  const DimArray wt = {8, 32, 32, 32, 0};
  const std::array<TensorTile, 3> u = MarvelTensors(w, wt);
  EXPECT_EQ(BestLayout(u), (Layout{3, 1, 3}));
  EXPECT_EQ(LayoutText(w, wt, BestLayout(u)),
            "input NCYX, filter KRSC, output NKY'X'");
  EXPECT_EQ(ParseDramLayout("searched"), DramLayout::kSearched);
  EXPECT_EQ(ParseDramLayout("row-major"), DramLayout::kRowMajor);
  EXPECT_FALSE(ParseDramLayout("onnx").has_value());
  EXPECT_FALSE(ParseDramLayout("nhwc").has_value());
}

// Phase A against a brute force over every tile vector, order and layout
// (every choice of fastest dim per tensor: the model reads the same blocks
// for every permutation with the same fastest dim): its kept traffics are
// the lowest of the (tiles, loads class) minima over the layouts that fit
// L2, each kept candidate's layout among the best of its tiles and order,
// and row-major the same over that layout alone. Conv, depthwise
// and GEMM; the searched layouts read strictly less on each.
TEST(Marvel, PhaseALayoutsAreTheBruteForceBest) {
  // (The L2 sizes where each layer's best tiles leave a dim below a burst.)
  const std::pair<Layer, int64_t> cases[] = {{Conv("c", 8, 16, 10, 3), 4096},
                                             {Dw("d", 32, 18, 3), 4096},
                                             {Gemm("g", 64, 48, 40), 1024}};
  for (const auto& [l, l2] : cases) {
    SCOPED_TRACE(l.name);
    const SearchSpace s = Space(l);
    std::vector<std::vector<int64_t>> choices(s.n);
    for (int d = 0; d < s.n; ++d) {
      for (int64_t v = 1; v <= s.extent[d]; ++v) {
        bool top = s.extent[d] % v == 0;
        for (int64_t k = 1; k <= 8; ++k) {
          top |= v == (s.extent[d] + k - 1) / k;
        }
        if (top) choices[d].push_back(v);
      }
    }
    // Per (tiles, loads) class that fits: its least traffic over every
    // layout, and row-major.
    std::map<std::pair<DimArray, std::array<int64_t, 3>>,
             std::pair<int64_t, int64_t>>
        least;
    std::vector<size_t> idx(s.n, 0);
    for (bool more = true; more;) {
      DimArray tiles{};
      for (int d = 0; d < s.n; ++d) tiles[d] = choices[d][idx[d]];
      const std::array<TensorTile, 3> t = MarvelTensors(s, tiles);
      if (2 * (t[0].volume() + t[1].volume() + t[2].volume()) <= l2) {
        Order o = {0, 1, 2, 3, 4};
        do {
          const auto key = std::make_pair(tiles, Loads(s, tiles, o));
          if (least.count(key)) continue;
          int64_t lo = std::numeric_limits<int64_t>::max();
          Layout lay{};
          for (lay[0] = 0; lay[0] < t[0].rank; ++lay[0]) {
            for (lay[1] = 0; lay[1] < t[1].rank; ++lay[1]) {
              for (lay[2] = 0; lay[2] < t[2].rank; ++lay[2]) {
                lo = std::min(lo, OffchipTraffic(s, tiles, o, lay));
              }
            }
          }
          least[key] = {lo, OffchipTraffic(s, tiles, o)};
        } while (std::next_permutation(o.begin(), o.begin() + s.n));
      }
      int d = 0;
      while (d < s.n && ++idx[d] == choices[d].size()) idx[d++] = 0;
      more = d < s.n;
    }
    std::vector<int64_t> all, onnx;
    for (const auto& [key, v] : least) {
      all.push_back(v.first);
      onnx.push_back(v.second);
    }
    std::sort(all.begin(), all.end());
    std::sort(onnx.begin(), onnx.end());
    ASSERT_GE(all.size(), static_cast<size_t>(kMarvelKeep));
    PhaseASize zs, zo;
    const std::vector<OffchipCandidate> keep =
        PhaseA(s, l2, kMarvelKeep, &zs, DramLayout::kSearched);
    const std::vector<OffchipCandidate> keep_rm =
        PhaseA(s, l2, kMarvelKeep, &zo, DramLayout::kRowMajor);
    ASSERT_EQ(keep.size(), static_cast<size_t>(kMarvelKeep));
    ASSERT_EQ(keep_rm.size(), static_cast<size_t>(kMarvelKeep));
    for (int i = 0; i < kMarvelKeep; ++i) {
      EXPECT_EQ(keep[i].traffic, all[i]) << i;
      EXPECT_EQ(keep[i].traffic, OffchipTraffic(s, keep[i].tiles, keep[i].order,
                                                keep[i].layout));
      EXPECT_EQ(keep_rm[i].traffic, onnx[i]) << i;
      EXPECT_EQ(keep_rm[i].layout,
                RowMajorLayout(MarvelTensors(s, keep_rm[i].tiles)));
    }
    EXPECT_LT(keep[0].traffic, keep_rm[0].traffic);
    // The sizes: the layouts multiply the raw space by the permutations of
    // each tensor's dims, the classes by its choices of fastest dim.
    const std::array<TensorTile, 3> t = MarvelTensors(s, keep[0].tiles);
    long double perms = 1, fastest = 1;
    for (const TensorTile& x : t) {
      fastest *= x.rank;
      for (int r = 2; r <= x.rank; ++r) perms *= r;
    }
    EXPECT_EQ(zs.raw, zo.raw * perms);
    EXPECT_EQ(zs.classes, zo.classes * fastest);
    EXPECT_EQ(zs.feasible, zo.feasible * fastest);
    EXPECT_EQ(zo.feasible, static_cast<long double>(least.size()));
  }
}

TEST(Marvel, PhaseAKeepsTheLowestTrafficThatFit) {
  const SearchSpace s = Space(Conv("c", 64, 64, 30, 3));
  PhaseASize z;
  const int64_t l2 = 512 * 1024;
  const std::vector<OffchipCandidate> keep = PhaseA(s, l2, kMarvelKeep, &z);
  ASSERT_EQ(keep.size(), static_cast<size_t>(kMarvelKeep));
  EXPECT_GT(z.raw, z.classes);
  EXPECT_GE(z.classes, z.feasible);
  for (size_t i = 0; i < keep.size(); ++i) {
    EXPECT_EQ(keep[i].traffic,
              OffchipTraffic(s, keep[i].tiles, keep[i].order, keep[i].layout));
    if (i > 0) {
      EXPECT_LE(keep[i - 1].traffic, keep[i].traffic);
    }
    const std::array<TensorTile, 3> t = MarvelTensors(s, keep[i].tiles);
    EXPECT_LE(2 * (t[0].volume() + t[1].volume() + t[2].volume()), l2);
  }
  // Nothing fits an L2 of 1 element.
  EXPECT_TRUE(PhaseA(s, 1, kMarvelKeep, &z).empty());
  EXPECT_EQ(z.feasible, 0);
}

TEST(Marvel, PhaseBGenomesAreValid) {
  const SearchSpace s = Space(Conv("c", 64, 64, 30, 3));
  const std::vector<OffchipCandidate> keep =
      PhaseA(s, 512 * 1024, kMarvelKeep, nullptr);
  ASSERT_FALSE(keep.empty());
  const int64_t size = static_cast<int64_t>(PhaseBSize(s, keep[0]));
  int valid = 0;
  for (int64_t i = 0; i < size; i += std::max<int64_t>(1, size / 5000)) {
    std::optional<Genome> g = PhaseBGenome(s, keep[0], i, 1024);
    if (!g) continue;
    ++valid;
    EXPECT_EQ(StructuralError(s, *g), "");
    const double u = PeUtilisation(s, *g);
    EXPECT_GT(u, 0);
    EXPECT_LE(u, 1);
  }
  EXPECT_GT(valid, 0);
}

TEST(GammaCompat, OffspringConvertToValidGenomes) {
  for (const Layer& l : {Conv("c", 64, 32, 30, 3), Gemm("gemm", 64, 96, 128)}) {
    const SearchSpace s = Space(l, "pe256", 3);
    CompatGenome a = CompatRandom(s, 2, {1, 2, 0, 0});
    CompatGenome b = CompatAllOnes(s, 2);
    for (uint64_t k = 0; k < 500; ++k) {
      CompatGenome c = CompatOffspring(s, a, b, {1, 2, 1, k});
      EXPECT_EQ(StructuralError(s, ToGenome(s, c)), "");
      // GAMMA's genes: every tile within its parent, the R/S genes kept.
      for (int lv = 0; lv < c.num_levels; ++lv) {
        for (int d = 0; d < s.n; ++d) {
          EXPECT_GE(c.levels[lv].tile[d], 1);
          EXPECT_LE(c.levels[lv].tile[d],
                    lv == 0 ? s.extent[d] : c.levels[lv - 1].tile[d]);
        }
        std::array<int8_t, kCompatGenes> o = c.levels[lv].order;
        std::sort(o.begin(), o.begin() + CompatGeneCount(s));
        for (int i = 0; i < CompatGeneCount(s); ++i) EXPECT_EQ(o[i], i);
      }
      a = c;
    }
  }
}

// T5 and T3 for both strategies on five layer kinds.
TEST(Strategies, NeverWorseThanLibraryAndDeterministic) {
  const Hardware hw = *HardwarePreset("pe256");
  std::vector<JobLayer> layers;
  const Layer dw = Dw("dw", 96, 30, 3, 2);
  for (const Layer& l :
       {Conv("c3x3", 64, 64, 30, 3), Conv("c7x7s2", 32, 3, 61, 7, 2),
        Conv("c1x1", 128, 64, 14, 1), dw, Gemm("gemm", 64, 96, 128)}) {
    JobLayer jl;
    jl.layer = l;
    jl.role = LayerRole::kConv;
    layers.push_back(jl);
  }
  for (Strategy st : {Strategy::kMarvel, Strategy::kGammaCompat}) {
    std::string first;
    for (int threads : {1, 2}) {
      SearchOptions o;
      o.strategy = st;
      o.budget = {BudgetKind::kEvals, 600};
      o.budget_given = true;
      o.threads = threads;
      o.seed = 5;
      absl::StatusOr<NetworkSearch> n = SearchNetwork("five", layers, hw, o);
      ASSERT_TRUE(n.ok()) << n.status();
      int compared = 0;
      for (const LayerSearch& s : n->unique) {
        EXPECT_GE(s.best.metrics.runtime_cycles, s.lower_bound_cycles);
        if (s.library_best < 0) continue;  // no library dataflow applies
        ++compared;
        const Metrics& lib = s.library[s.library_best].metrics;
        EXPECT_LE(s.best.metrics.primary, lib.primary)
            << StrategyName(st) << " " << s.layer.name;
      }
      EXPECT_GE(compared, 4);
      // The network's budget: 600 per unique layer, split by MAC share.
      EXPECT_LE(n->candidates, 600 * static_cast<int64_t>(n->unique.size()));
      nlohmann::ordered_json j = SearchToJson(*n, hw, o);
      j.erase("wall_s");
      j.erase("evals_per_s");
      for (auto& l : j["layers"]) l.erase("wall_s");
      if (threads == 1) {
        first = j.dump();
      } else {
        EXPECT_EQ(j.dump(), first) << StrategyName(st);
      }
    }
  }
}

}  // namespace
}  // namespace maestro::search

namespace maestro::search {
namespace {

TEST(Constraints, Parse) {
  absl::StatusOr<Constraints> c =
      ParseConstraints("l1<=512,l2<=1e5,pes<=64,latency<=2e5,energy<=3.5e7");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(*c->l1, 512);
  EXPECT_EQ(*c->l2, 1e5);
  EXPECT_EQ(*c->pes, 64);
  EXPECT_EQ(*c->latency, 2e5);
  EXPECT_EQ(*c->energy, 3.5e7);
  EXPECT_EQ(c->Text(),
            "l1<=512,l2<=100000,pes<=64,latency<=200000,energy<=3.5e+07");
  // area and power are accepted (tests/search/pareto_test.cc).
  for (const char* bad :
       {"l1<=0", "l1=5", "foo<=2", "pes<=2.5", "latency<=x", ""}) {
    EXPECT_FALSE(ParseConstraints(bad).ok()) << bad;
  }
}

TEST(Constraints, RankedByDomination) {
  const Hardware hw = *HardwarePreset("pe256");
  const Layer l = Conv("c", 64, 64, 30, 3);
  SearchOptions o;
  o.budget = {BudgetKind::kEvals, 1500};
  o.budget_given = true;
  absl::StatusOr<LayerSearch> free = SearchLayer(l, LayerRole::kConv, hw, o);
  ASSERT_TRUE(free.ok());
  // A limit below the free winner's L1 need: the winner meets it.
  const int64_t cap = free->best.metrics.l1_size_req / 2;
  o.constraints = *ParseConstraints(absl::StrCat("l1<=", cap));
  absl::StatusOr<LayerSearch> r = SearchLayer(l, LayerRole::kConv, hw, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->best.metrics.standing, Standing::kFeasible);
  EXPECT_LE(r->best.metrics.l1_size_req, cap);
  EXPECT_GE(r->best.metrics.runtime_cycles, free->best.metrics.runtime_cycles);
  // pes<=16: the bound is that of 16 PEs and the winner keeps to it.
  o.constraints = *ParseConstraints("pes<=16");
  r = SearchLayer(l, LayerRole::kConv, hw, o);
  ASSERT_TRUE(r.ok());
  Hardware h16 = hw;
  h16.num_pes = 16;
  EXPECT_EQ(r->lower_bound_cycles, LowerBoundCycles(l, h16));
  EXPECT_GE(r->best.metrics.runtime_cycles, r->lower_bound_cycles);
  // Unmeetable limits: the least-violating mapping, marked.
  o.constraints = *ParseConstraints("l1<=2");
  r = SearchLayer(l, LayerRole::kConv, hw, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->best.metrics.standing, Standing::kOverBuffer);
  EXPECT_GT(r->best.metrics.violation, 0);
  // A latency below the lower bound is refused before searching.
  o.constraints = *ParseConstraints("latency<=10");
  EXPECT_FALSE(SearchLayer(l, LayerRole::kConv, hw, o).ok());
}

}  // namespace
}  // namespace maestro::search

namespace maestro::search {
namespace {

// Design 6.3: B x U split in proportion to max(MAC share, 1 / (4 U)).
TEST(NetworkBudget, SplitByMacShare) {
  SearchOptions o;
  o.budget = {BudgetKind::kEvals, 1000};
  std::vector<JobLayer> ls(2);
  // K = 3 vs K = 1, otherwise equal: MAC shares 0.75 and 0.25.
  ls[0].layer = Conv("a", 3, 11, 6, 3);
  ls[1].layer = Conv("b", 1, 11, 6, 3);
  std::vector<double> b = SplitBudget(o, ls, {0, 1}, {1, 1});
  EXPECT_EQ(b, (std::vector<double>{1500, 500}));
  // The small layer is held up at 1 / (4 U) = 0.125: weights 0.9, 0.125.
  ls[0].layer = Conv("a", 99, 11, 6, 3);
  b = SplitBudget(o, ls, {0, 1}, {1, 1});
  EXPECT_EQ(b, (std::vector<double>{std::floor(2000 * 0.99 / 1.115),
                                    std::floor(2000 * 0.125 / 1.115)}));
  // Instances count: one of K = 1 vs three of K = 1.
  ls[0].layer = Conv("a", 1, 11, 6, 3);
  b = SplitBudget(o, ls, {0, 1}, {1, 3});
  EXPECT_EQ(b, (std::vector<double>{500, 1500}));
  // Stall budgets stay per layer.
  o.budget = {BudgetKind::kStall, 50};
  EXPECT_EQ(SplitBudget(o, ls, {0, 1}, {1, 9}), (std::vector<double>{50, 50}));
}

}  // namespace
}  // namespace maestro::search

namespace maestro::search {
namespace {

TEST(Objectives, ParseAndRank) {
  for (const char* bad :
       {"lex:latency", "lex:latency,foo", "weighted:", "weighted:latency=0",
        "weighted:latency", "areas", "pareto:latency"}) {
    EXPECT_FALSE(ParseObjectiveSpec(bad).ok()) << bad;
  }
  Metrics m;
  m.runtime_cycles = 200;
  m.energy_pj = 30;
  ApplyObjective(*ParseObjectiveSpec("lex:energy,latency"), {}, m);
  EXPECT_EQ(m.primary, 30);
  EXPECT_EQ(m.secondary, 200);
  // (200 / 100)^2 * (30 / 60)^1 = 2.
  ApplyObjective(*ParseObjectiveSpec("weighted:latency=2,energy=1"),
                 {100, 60, 6000}, m);
  EXPECT_DOUBLE_EQ(m.primary, 2.0);
  EXPECT_EQ(ParseObjectiveSpec("weighted:latency=2,energy=1")->base,
            Objective::kLatency);
  EXPECT_TRUE(ParseObjectiveSpec("throughput")->throughput);
}

// weighted:latency=1,energy=1 ranks exactly as edp (the references are
// constants), so both searches find the same winner.
TEST(Objectives, WeightedEqualWeightsIsEdp) {
  const Hardware hw = *HardwarePreset("pe256");
  const Layer l = Conv("c", 64, 64, 30, 3);
  SearchOptions o;
  o.budget = {BudgetKind::kEvals, 1500};
  o.budget_given = true;
  o.objective = Objective::kEdp;
  absl::StatusOr<LayerSearch> edp = SearchLayer(l, LayerRole::kConv, hw, o);
  o.objective_spec = *ParseObjectiveSpec("weighted:latency=1,energy=1");
  o.objective = o.objective_spec.base;
  absl::StatusOr<LayerSearch> w = SearchLayer(l, LayerRole::kConv, hw, o);
  ASSERT_TRUE(edp.ok() && w.ok());
  EXPECT_EQ(w->best.metrics.runtime_cycles, edp->best.metrics.runtime_cycles);
  EXPECT_EQ(w->best.metrics.energy_pj, edp->best.metrics.energy_pj);
  EXPECT_EQ(w->library_best, edp->library_best);
}

}  // namespace
}  // namespace maestro::search

namespace maestro::search {
namespace {

// A `.m` target's own Dataflow block seeds its layer: a search with a tiny
// budget keeps a winner found before with a large one.
TEST(OwnDataflows, SeedTheSearch) {
  const Hardware hw = *HardwarePreset("pe256");
  const Layer l = Conv("c", 64, 64, 30, 3);
  SearchOptions o;
  o.budget = {BudgetKind::kEvals, 3000};
  o.budget_given = true;
  absl::StatusOr<LayerSearch> big = SearchLayer(l, LayerRole::kConv, hw, o);
  ASSERT_TRUE(big.ok());
  o.budget.value = 20;
  absl::StatusOr<LayerSearch> small = SearchLayer(l, LayerRole::kConv, hw, o);
  ASSERT_TRUE(small.ok());
  ASSERT_GT(small->best.metrics.runtime_cycles,
            big->best.metrics.runtime_cycles);  // 20 evaluations are few
  o.own_dataflows = {big->best.mapping};
  absl::StatusOr<LayerSearch> seeded = SearchLayer(l, LayerRole::kConv, hw, o);
  ASSERT_TRUE(seeded.ok());
  EXPECT_EQ(seeded->best.metrics.runtime_cycles,
            big->best.metrics.runtime_cycles);
  EXPECT_EQ(seeded->best.source, "file");
  // The library baseline is unchanged by the own block.
  EXPECT_EQ(seeded->library_best, small->library_best);
}

}  // namespace
}  // namespace maestro::search

namespace maestro::search {
namespace {

// The library entry of `name` in a layer search, or null.
const LibraryEntry* FindEntry(const LayerSearch& r, const std::string& name) {
  for (const LibraryEntry& e : r.library) {
    if (e.dataflow == name) return &e;
  }
  return nullptr;
}

// ApplyFlex keeps everything of `base` but the flexible axes: levels,
// spatial dims, pairs, clusters and (tile-only flex) orders, on 200 random
// candidates, each valid.
void ExpectFlexKeepsBase(const Flex& flex, const SearchSpace& s,
                         const Genome& base) {
  for (uint64_t k = 0; k < 200; ++k) {
    Rng rng(k);
    Genome g = RandomGenome(s, 3, rng);
    ApplyFlex(flex, s, base, g);
    ASSERT_EQ(g.num_levels, base.num_levels);
    for (int lv = 0; lv < g.num_levels; ++lv) {
      EXPECT_EQ(g.levels[lv].sp, base.levels[lv].sp);
      EXPECT_EQ(g.levels[lv].co, base.levels[lv].co);
      EXPECT_EQ(g.levels[lv].cluster, base.levels[lv].cluster);
      EXPECT_EQ(g.levels[lv].order, base.levels[lv].order);
    }
    EXPECT_EQ(StructuralError(s, g), "");
  }
}

// --flex nvdla:tile keeps nvdla's levels, spatial dims, clusters and
// orders; only tiles move, and the result is never worse than nvdla.
TEST(Flex, OnlyTheNamedAxesMove) {
  EXPECT_FALSE(ParseFlex("nvdla").ok());
  EXPECT_FALSE(ParseFlex("nvdla:size").ok());
  EXPECT_EQ(ParseFlex("nvdla:order,tile")->Text(), "nvdla:tile,order");
  const Hardware hw = *HardwarePreset("pe256");
  const Layer l = Conv("c", 64, 64, 30, 3);
  SearchOptions o;
  o.budget = {BudgetKind::kEvals, 1000};
  o.budget_given = true;
  o.flex = *ParseFlex("nvdla:tile");
  absl::StatusOr<LayerSearch> r = SearchLayer(l, LayerRole::kConv, hw, o);
  ASSERT_TRUE(r.ok());
  const LibraryEntry* nvdla = FindEntry(*r, "nvdla");
  ASSERT_NE(nvdla, nullptr);
  ASSERT_TRUE(nvdla->exact_genome);
  EXPECT_NE(r->note.find("--flex nvdla:tile"), std::string::npos) << r->note;
  const SearchSpace s = *MakeSearchSpace(l, hw, {});
  const Genome base = *FromResolved(s, *ResolveDataflow(nvdla->block, l, hw));
  ExpectFlexKeepsBase(o.flex, s, base);
  // The winner is nvdla with other tiles (on this layer they beat every
  // library dataflow).
  ASSERT_EQ(r->best.source, "search");
  const Genome& w = *r->best.genome;
  ASSERT_EQ(w.num_levels, base.num_levels);
  for (int lv = 0; lv < w.num_levels; ++lv) {
    EXPECT_EQ(w.levels[lv].sp, base.levels[lv].sp);
    EXPECT_EQ(w.levels[lv].cluster, base.levels[lv].cluster);
  }
  EXPECT_LE(r->best.metrics.runtime_cycles, nvdla->metrics.runtime_cycles);
}

// --flex eyeriss:tile: eyeriss has an exact genome only with the Eyeriss
// pair in the genome (--spatial-rs cospatial); then its tiles are searched
// and its pair, clusters and spatial dims kept.
TEST(Flex, EyerissTilesWithThePair) {
  const Hardware hw = *HardwarePreset("pe256");
  const Layer l = Conv("c", 64, 64, 30, 3);
  SearchOptions o;
  o.budget = {BudgetKind::kEvals, 1000};
  o.budget_given = true;
  o.flex = *ParseFlex("eyeriss:tile");
  absl::StatusOr<LayerSearch> off = SearchLayer(l, LayerRole::kConv, hw, o);
  ASSERT_TRUE(off.ok());
  EXPECT_NE(off->note.find("has no exact genome"), std::string::npos)
      << off->note;
  o.space.spatial_rs = SpatialFilter::kCospatial;
  absl::StatusOr<LayerSearch> r = SearchLayer(l, LayerRole::kConv, hw, o);
  ASSERT_TRUE(r.ok());
  const LibraryEntry* eyeriss = FindEntry(*r, "eyeriss");
  ASSERT_NE(eyeriss, nullptr);
  ASSERT_TRUE(eyeriss->exact_genome);
  EXPECT_NE(r->note.find("--flex eyeriss:tile: eyeriss as in the library"),
            std::string::npos)
      << r->note;
  const SearchSpace s = *MakeSearchSpace(l, hw, o.space);
  const Genome base = *FromResolved(s, *ResolveDataflow(eyeriss->block, l, hw));
  ASSERT_EQ(base.num_levels, 2);
  EXPECT_TRUE(base.levels[1].co);
  // Every candidate keeps eyeriss's levels, spatial dims, pair and clusters.
  ExpectFlexKeepsBase(o.flex, s, base);
  // The searched tiles beat the template (the note's second figure; the
  // overall winner here is another library dataflow).
  const std::string key = "with its tiles searched ";
  const size_t at = r->note.find(key);
  ASSERT_NE(at, std::string::npos) << r->note;
  std::string digits;
  for (size_t i = at + key.size(); i < r->note.size() && r->note[i] != ' ';
       ++i) {
    if (r->note[i] != ',') digits += r->note[i];
  }
  EXPECT_LT(std::stoll(digits), eyeriss->metrics.runtime_cycles) << r->note;
  EXPECT_LE(r->best.metrics.runtime_cycles, eyeriss->metrics.runtime_cycles);
}

}  // namespace
}  // namespace maestro::search

namespace maestro::search {
namespace {

// R3: a timed run is reproduced by evals=N with N its evaluation count (the
// number the tool prints), for gamma and random.
TEST(TimeBudget, ReproducedByItsEvalCount) {
  const Hardware hw = *HardwarePreset("pe256");
  const Layer l = Conv("c", 64, 64, 30, 3);
  for (Strategy st : {Strategy::kGamma, Strategy::kRandom}) {
    SearchOptions o;
    o.strategy = st;
    o.budget = {BudgetKind::kTime, 0.05};
    o.budget_given = true;
    absl::StatusOr<LayerSearch> timed = SearchLayer(l, LayerRole::kConv, hw, o);
    ASSERT_TRUE(timed.ok());
    o.budget = {BudgetKind::kEvals,
                static_cast<double>(timed->stats.candidates)};
    absl::StatusOr<LayerSearch> again = SearchLayer(l, LayerRole::kConv, hw, o);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->stats.candidates, timed->stats.candidates);
    EXPECT_EQ(again->best.metrics.runtime_cycles,
              timed->best.metrics.runtime_cycles);
    EXPECT_EQ(again->best.describe, timed->best.describe);
    ASSERT_EQ(again->convergence.size(), timed->convergence.size());
  }
}

}  // namespace
}  // namespace maestro::search
