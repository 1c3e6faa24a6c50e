// Marvel's Phase B (docs/search.md "marvel"): the subspace index of a
// genome (the GA's repair), exhaustive up to --marvel-cap equal to a brute
// force over PhaseBGenome's indexes, the GA against uniform draws at an
// equal budget over 20 seeds, and the GA deterministic over thread counts.
#include "search/marvel.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <random>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "search/network_search.h"
#include "search/report.h"
#include "search/search.h"
#include "search/space.h"
#include "tests/core/layers_testlib.h"

namespace maestro::search {
namespace {

using test_support::Conv;

SearchOptions MarvelOptions(int64_t evals, uint64_t seed, int64_t cap) {
  SearchOptions o;
  o.strategy = Strategy::kMarvel;
  o.budget = {BudgetKind::kEvals, static_cast<double>(evals)};
  o.budget_given = true;
  o.seed = seed;
  o.space.max_levels = 2;
  o.marvel_cap = cap;
  return o;
}

// FirstOfLoadsClass (a pruned depth-first walk) is the first permutation,
// in lexicographic order, with the loads of the given order: checked
// against the scan of every permutation on a conv, a depthwise and a GEMM,
// with trips drawn among 1, 2, 3, 4 and 6 (products coincide, e.g. 2 x 3 =
// 6, and trips of 1 leave loads alike across orders).
TEST(Marvel, FirstOfLoadsClassIsTheScanFirst) {
  const Hardware hw = *HardwarePreset("pe256");
  const std::vector<Layer> layers = {Conv("c", 64, 64, 30, 3),
                                     test_support::Dw("d", 96, 30, 3, 2),
                                     test_support::Gemm("g", 64, 96, 128)};
  const int64_t kTrips[] = {1, 2, 3, 4, 6};
  uint64_t x = 12345;
  auto next = [&] {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    return x >> 33;
  };
  int checked = 0, not_identity = 0;
  for (const Layer& layer : layers) {
    const SearchSpace s = *MakeSearchSpace(layer, hw, {2, TileDomain::kAny});
    for (int trial = 0; trial < 200; ++trial) {
      DimArray trips{};
      for (int d = 0; d < s.n; ++d) trips[d] = kTrips[next() % 5];
      DimArray tiles{};
      for (int d = 0; d < s.n; ++d) tiles[d] = 1;
      std::array<uint32_t, 3> dims{};
      const std::array<TensorTile, 3> t = MarvelTensors(s, tiles);
      for (int a = 0; a < 3; ++a) dims[a] = t[a].dims;
      Order order{};
      for (int i = 0; i < kMaxDims; ++i) order[i] = static_cast<int8_t>(i);
      std::shuffle(order.begin(), order.begin() + s.n,
                   std::mt19937(static_cast<unsigned>(next())));
      // Loads by hand: the trips' product up to each tensor's last dim.
      auto loads = [&](const Order& o) {
        std::array<int64_t, 3> l{1, 1, 1};
        for (int a = 0; a < 3; ++a) {
          int64_t p = 1;
          for (int i = 0; i < s.n; ++i) {
            p *= trips[o[i]];
            if (dims[a] >> o[i] & 1u) l[a] = p;
          }
        }
        return l;
      };
      Order o{};
      for (int i = 0; i < kMaxDims; ++i) o[i] = static_cast<int8_t>(i);
      int64_t rank = 0;
      while (loads(o) != loads(order)) {
        std::next_permutation(o.begin(), o.begin() + s.n);
        ++rank;
      }
      ASSERT_EQ(FirstOfLoadsClass(s, dims, trips, order), rank)
          << layer.name << " trial " << trial;
      ++checked;
      if (rank > 0) ++not_identity;
    }
  }
  EXPECT_EQ(checked, 600);
  EXPECT_GT(not_identity, 300);  // most classes are not the identity's
}

// Every valid index of a kept candidate is its genome's PhaseBIndex, and a
// genome from anywhere in the space projects to an index that decodes
// unless its L1 tiles overflow.
TEST(Marvel, PhaseBIndexInvertsPhaseBGenome) {
  const Hardware hw = *HardwarePreset("pe256");
  const SearchSpace s =
      *MakeSearchSpace(Conv("c", 64, 64, 30, 3), hw, {2, TileDomain::kAny});
  const std::vector<OffchipCandidate> keep =
      PhaseA(s, hw.l2_size, kMarvelKeep, nullptr);
  ASSERT_GE(keep.size(), 2u);
  for (const OffchipCandidate& c : {keep[0], keep[1]}) {
    const int64_t size = static_cast<int64_t>(PhaseBSize(s, c));
    int valid = 0;
    for (int64_t i = 0; i < size; i += std::max<int64_t>(1, size / 20000)) {
      std::optional<Genome> g = PhaseBGenome(s, c, i, 1 << 30);
      if (!g) continue;
      ++valid;
      ASSERT_EQ(PhaseBIndex(s, c, *g), i) << Describe(s, *g);
    }
    EXPECT_GT(valid, 100);
  }
}

// The keys of Phase B's candidates (every batch after the first, the
// library genomes') and those of the first batch.
struct Keys {
  absl::flat_hash_set<uint64_t> seeds, phase_b;
  int64_t phase_b_count = 0;
};

// (a) Every kept candidate's subspace within the cap and its share: Phase
// B evaluates exactly what a brute force over PhaseBGenome's indexes keeps
// (utilisation below half the best seen, duplicates and the seeds pruned),
// and the GA and uniform settings give the same result (neither runs).
TEST(Marvel, WithinTheCapPhaseBIsTheExhaustiveWalk) {
  const Hardware hw = *HardwarePreset("tiny4");
  const Layer l = Conv("e", 4, 2, 4, 3);
  const SearchSpace s = *MakeSearchSpace(l, hw, {2, TileDomain::kAny});
  const std::vector<OffchipCandidate> keep =
      PhaseA(s, hw.l2_size, kMarvelKeep, nullptr);
  ASSERT_EQ(keep.size(), static_cast<size_t>(kMarvelKeep));
  long double biggest = 0;
  for (const OffchipCandidate& c : keep)
    biggest = std::max(biggest, PhaseBSize(s, c));
  const int64_t cap = static_cast<int64_t>(biggest);
  // Every share (budget / 16 at most) holds the biggest subspace.
  SearchOptions o = MarvelOptions(kMarvelKeep * cap, 3, cap);
  Keys got;
  int batches = 0;
  o.on_evaluated = [&](const std::vector<Candidate>& b) {
    for (const Candidate& c : b) {
      if (batches == 0) {
        got.seeds.insert(c.key);
      } else {
        got.phase_b.insert(c.key);
        ++got.phase_b_count;
      }
    }
    ++batches;
  };
  absl::StatusOr<LayerSearch> r = SearchLayer(l, LayerRole::kConv, hw, o);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_NE(r->note.find("Phase B: 16 enumerated, 0 by GA"), std::string::npos)
      << r->note;
  // The brute force.
  double best_util = 0;
  absl::flat_hash_set<uint64_t> want;
  for (const OffchipCandidate& c : keep) {
    for (int64_t i = 0; i < static_cast<int64_t>(PhaseBSize(s, c)); ++i) {
      std::optional<Genome> g = PhaseBGenome(s, c, i, hw.l1_size);
      if (!g) continue;
      const double u = PeUtilisation(s, *g);
      if (u < 0.5 * best_util) continue;
      best_util = std::max(best_util, u);
      const uint64_t key = CanonicalKey(s, *g);
      if (!got.seeds.contains(key)) want.insert(key);
    }
  }
  EXPECT_GT(want.size(), 100u);
  EXPECT_EQ(got.phase_b_count, static_cast<int64_t>(got.phase_b.size()));
  EXPECT_TRUE(got.phase_b == want)
      << got.phase_b.size() << " evaluated, " << want.size() << " expected";
  o.on_evaluated = nullptr;
  o.marvel_uniform = true;
  absl::StatusOr<LayerSearch> u = SearchLayer(l, LayerRole::kConv, hw, o);
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->best.metrics.runtime_cycles, r->best.metrics.runtime_cycles);
  EXPECT_EQ(u->best.describe, r->best.describe);
  EXPECT_EQ(u->stats.candidates, r->stats.candidates);
  // Below the subspaces: every candidate by the GA, within the budget.
  o.marvel_uniform = false;
  o.marvel_cap = 1;
  o.budget.value = 800;
  absl::StatusOr<LayerSearch> ga = SearchLayer(l, LayerRole::kConv, hw, o);
  ASSERT_TRUE(ga.ok());
  EXPECT_NE(ga->note.find("Phase B: 0 enumerated, 16 by GA (--marvel-cap 1)"),
            std::string::npos)
      << ga->note;
  EXPECT_LE(ga->stats.candidates, 800);
  EXPECT_EQ(ga->best.metrics.standing, Standing::kFeasible);
  // A cap between the sizes: some walked, the others by the GA (the walk's
  // batch evaluated before each GA), the same for two threads.
  std::vector<long double> sizes;
  for (const OffchipCandidate& c : keep) sizes.push_back(PhaseBSize(s, c));
  std::sort(sizes.begin(), sizes.end());
  o.marvel_cap = static_cast<int64_t>(sizes[sizes.size() / 2]);
  // Every share at least the cap (the library genomes' evaluations come
  // first).
  o.budget.value = static_cast<double>(kMarvelKeep * o.marvel_cap + 1000);
  absl::StatusOr<LayerSearch> one = SearchLayer(l, LayerRole::kConv, hw, o);
  o.threads = 2;
  absl::StatusOr<LayerSearch> two = SearchLayer(l, LayerRole::kConv, hw, o);
  ASSERT_TRUE(one.ok() && two.ok());
  const int walked = static_cast<int>(
      std::count_if(sizes.begin(), sizes.end(),
                    [&](long double z) { return z <= o.marvel_cap; }));
  ASSERT_GT(walked, 0);
  ASSERT_LT(walked, kMarvelKeep);
  EXPECT_NE(one->note.find(absl::StrCat("Phase B: ", walked, " enumerated, ",
                                        kMarvelKeep - walked, " by GA")),
            std::string::npos)
      << one->note;
  EXPECT_EQ(one->best.describe, two->best.describe);
  EXPECT_EQ(one->stats.candidates, two->stats.candidates);
  ASSERT_EQ(one->convergence.size(), two->convergence.size());
  for (size_t i = 0; i < one->convergence.size(); ++i) {
    EXPECT_EQ(one->convergence[i].best_runtime,
              two->convergence[i].best_runtime);
  }
}

// (c) The GA's batches are the same for any thread count.
TEST(Marvel, GaDeterministicOverThreads) {
  const Hardware hw = *HardwarePreset("pe256");
  std::vector<JobLayer> layers(2);
  layers[0].layer = Conv("c3x3", 64, 64, 30, 3);
  layers[1].layer = test_support::Gemm("gemm", 64, 96, 128);
  std::string first;
  for (int threads : {1, 2}) {
    SearchOptions o = MarvelOptions(1500, 7, 1000);
    o.space.max_levels = 3;
    o.threads = threads;
    absl::StatusOr<NetworkSearch> n = SearchNetwork("two", layers, hw, o);
    ASSERT_TRUE(n.ok()) << n.status();
    for (const LayerSearch& s : n->unique) {
      EXPECT_NE(s.note.find("16 by GA"), std::string::npos) << s.note;
    }
    nlohmann::ordered_json j = SearchToJson(*n, hw, o);
    j.erase("wall_s");
    j.erase("evals_per_s");
    for (auto& l : j["layers"]) l.erase("wall_s");
    if (threads == 1) {
      first = j.dump();
    } else {
      EXPECT_EQ(j.dump(), first);
    }
  }
}

// (d) Under a stall or time budget each kept candidate gets its own share
// (the budget's rule applied globally would end Phase B inside the first
// candidates): stall=K runs every GA until K evaluations without a better
// mapping since it began, the same for any thread count; a time budget
// starts all 16 (a budget of twice the stall run's wall, so that Phase A,
// whose time depends on the machine and the sanitizers, leaves room).
TEST(Marvel, StallAndTimeBudgetsReachEveryCandidate) {
  const Hardware hw = *HardwarePreset("pe256");
  const Layer l = Conv("c3x3", 64, 64, 30, 3);
  SearchOptions o = MarvelOptions(0, 5, 1);  // cap 1: every share by the GA
  o.budget = {BudgetKind::kStall, 60};
  std::string first;
  double stall_wall = 0;
  for (int threads : {1, 2}) {
    o.threads = threads;
    absl::StatusOr<LayerSearch> r = SearchLayer(l, LayerRole::kConv, hw, o);
    ASSERT_TRUE(r.ok()) << r.status();
    if (threads == 1) stall_wall = r->wall_s;
    EXPECT_NE(
        r->note.find("Phase B: 0 enumerated, 16 by GA (--marvel-cap 1), "
                     "each until 60 evaluations without a better mapping"),
        std::string::npos)
        << r->note;
    // Every GA ran at least its 60 evaluations.
    EXPECT_GE(r->stats.candidates, kMarvelKeep * 60);
    const std::string got =
        absl::StrCat(r->best.describe, " ", r->best.metrics.runtime_cycles, " ",
                     r->stats.candidates);
    if (threads == 1) {
      first = got;
    } else {
      EXPECT_EQ(got, first);
    }
  }
  o.threads = 1;
  o.budget = {BudgetKind::kTime, std::max(1.5, 2 * stall_wall)};
  absl::StatusOr<LayerSearch> t = SearchLayer(l, LayerRole::kConv, hw, o);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_NE(t->note.find("Phase B: 0 enumerated, 16 by GA (--marvel-cap 1), "
                         "each an equal part of the time left"),
            std::string::npos)
      << t->note;
  EXPECT_EQ(t->note.find("not reached"), std::string::npos) << t->note;
  EXPECT_EQ(t->best.metrics.standing, Standing::kFeasible);
  // A millisecond ends inside Phase A (its 235224 off-chip candidates): the
  // note says that no kept candidate was mapped on chip.
  o.budget = {BudgetKind::kTime, 0.001};
  absl::StatusOr<LayerSearch> z = SearchLayer(l, LayerRole::kConv, hw, o);
  ASSERT_TRUE(z.ok()) << z.status();
  EXPECT_NE(z->note.find("Phase B: 0 enumerated, 0 by GA (--marvel-cap 1), "
                         "each an equal part of the time left; 16 of the 16 "
                         "kept not reached before the budget ran out"),
            std::string::npos)
      << z->note;
}

// Phase B's best feasible runtime (the first batch, the library genomes,
// left out) and the candidates evaluated.
struct PhaseBRun {
  int64_t best = 0;
  int64_t evals = 0;
  double wall_s = 0;
};
PhaseBRun RunPhaseB(const Layer& l, const Hardware& hw, SearchOptions o) {
  int batches = 0;
  int64_t best = std::numeric_limits<int64_t>::max();
  o.on_evaluated = [&](const std::vector<Candidate>& b) {
    if (batches++ == 0) return;
    for (const Candidate& c : b) {
      if (c.metrics.standing == Standing::kFeasible)
        best = std::min(best, c.metrics.runtime_cycles);
    }
  };
  absl::StatusOr<LayerSearch> r = SearchLayer(l, LayerRole::kConv, hw, o);
  EXPECT_TRUE(r.ok()) << r.status();
  if (!r.ok()) return {};
  return {best, r->stats.candidates, r->wall_s};
}

struct Spread {
  double median = 0, q1 = 0, q3 = 0;
};
Spread SpreadOf(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  auto at = [&](double q) {
    const double x = q * (v.size() - 1);
    const size_t i = static_cast<size_t>(x);
    return i + 1 < v.size() ? v[i] + (x - i) * (v[i + 1] - v[i]) : v[i];
  };
  return {at(0.5), at(0.25), at(0.75)};
}

// Phase B's best runtimes over seeds 1..20 by the GA and by uniform
// draws, at an equal budget and cap, with the candidates used and walls.
struct GaVsUniform {
  std::vector<double> ga, uniform, ga_evals, uniform_evals, ga_wall,
      uniform_wall;
};
GaVsUniform Compare(const Layer& l, const Hardware& hw, int64_t evals,
                    int64_t cap) {
  GaVsUniform r;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    SearchOptions o = MarvelOptions(evals, seed, cap);
    const PhaseBRun a = RunPhaseB(l, hw, o);
    o.marvel_uniform = true;
    const PhaseBRun b = RunPhaseB(l, hw, o);
    r.ga.push_back(a.best), r.uniform.push_back(b.best);
    r.ga_evals.push_back(a.evals), r.uniform_evals.push_back(b.evals);
    r.ga_wall.push_back(a.wall_s), r.uniform_wall.push_back(b.wall_s);
  }
  const int64_t lb = LowerBoundCycles(l, hw);
  auto show = [&](const char* what, const std::vector<double>& v,
                  const std::vector<double>& e, const std::vector<double>& w) {
    const Spread s = SpreadOf(v);
    std::printf(
        "%s %s evals=%lld cap=%lld %-7s median %.0f (%.4f x LB) IQR [%.0f, "
        "%.0f] range [%.0f, %.0f]; candidates median %.0f; wall median %.3f "
        "s\n",
        l.name.c_str(), hw.name.c_str(), static_cast<long long>(evals),
        static_cast<long long>(cap), what, s.median, s.median / lb, s.q1, s.q3,
        *std::min_element(v.begin(), v.end()),
        *std::max_element(v.begin(), v.end()), SpreadOf(e).median,
        SpreadOf(w).median);
  };
  show("ga", r.ga, r.ga_evals, r.ga_wall);
  show("uniform", r.uniform, r.uniform_evals, r.uniform_wall);
  return r;
}

// (b) Above the cap the GA's median is no worse than uniform draws' at the
// same budget (seeds 1..20, every kept subspace above the cap). Measured
// (this test's output): a ResNet-style 3x3 conv on pe1024, evals=1000 (62
// per kept candidate): GA median 112969 cycles, IQR [112945, 112969],
// range [112945, 112977], all 1000 candidates used; uniform 112977, IQR
// [112975, 112977], range [112945, 112977], 450 candidates (its 50 x share
// tries ran out). VGG's 3x3 128->256 on 56x56 on pe256, evals=600: both
// medians 3613788 (1.0003 x the lower bound), GA IQR [3613764, 3613869],
// uniform [3613764, 3613788]: on pe256 both reach the same optima.
TEST(Marvel, GaNoWorseThanUniformDraws) {
  struct Case {
    Layer layer;
    const char* hw;
    int64_t evals;
  };
  for (const Case& c : {Case{Conv("r50_3x3", 128, 128, 30, 3), "pe1024", 1000},
                        Case{Conv("vgg56", 256, 128, 58, 3), "pe256", 600}}) {
    const GaVsUniform r =
        Compare(c.layer, *HardwarePreset(c.hw), c.evals, 1000);
    EXPECT_LE(SpreadOf(r.ga).median, SpreadOf(r.uniform).median)
        << c.layer.name;
    // The GA spends its budget: every share is used.
    EXPECT_GE(SpreadOf(r.ga_evals).median, 0.99 * c.evals) << c.layer.name;
  }
}

// The comparison on more layers and hardware (docs/search.md "marvel"):
//   MARVEL_HW=pe256 MARVEL_EVALS=600 [MARVEL_LAYERS=vgg56,fc]
//     build/tests/mo_search_tests
//     --gtest_filter=Marvel.DISABLED_Compare --gtest_also_run_disabled_tests
TEST(Marvel, DISABLED_Compare) {
  const char* hw_name = std::getenv("MARVEL_HW");
  const char* evals = std::getenv("MARVEL_EVALS");
  const Hardware hw = *HardwarePreset(hw_name ? hw_name : "pe256");
  for (const Layer& l :
       {Conv("vgg56", 256, 128, 58, 3), Conv("vgg28", 512, 512, 30, 3),
        Conv("r50_1x1", 256, 64, 56, 1), Conv("r50_3x3", 128, 128, 30, 3),
        test_support::Dw("dw", 96, 30, 3, 2),
        test_support::Gemm("gemm", 64, 96, 128),
        Conv("fc", 1000, 2048, 1, 1)}) {
    const char* only = std::getenv("MARVEL_LAYERS");
    if (only && std::string(only).find(l.name) == std::string::npos) continue;
    Compare(l, hw, evals ? std::atoll(evals) : 3000, 1000);
  }
}

}  // namespace
}  // namespace maestro::search
