// T2: exhaustive truth on E1 and E2 (spec section 7) over 20 seeds (1..20,
// all of them): the share of seeds whose search reaches the exhaustive
// optimum within 2 % of the canonical space, and the median and IQR of the
// evaluations it took, gamma against random. Evaluations count every
// candidate (library dataflows and cache hits included), the same for both.
#include <algorithm>
#include <cstdio>

#include "gtest/gtest.h"
#include "search/search.h"
#include "tests/core/layers_testlib.h"

namespace maestro::search {
namespace {

using test_support::Conv;

struct Case {
  const char* name;
  Layer layer;
  SpaceOptions space;
};

struct Spread {
  double median = 0, q1 = 0, q3 = 0;
  int reached_2pct = 0;
  int reached = 0;  // within the budget
};

// Quartiles by linear interpolation.
double Quantile(std::vector<int64_t> v, double q) {
  std::sort(v.begin(), v.end());
  const double x = q * (v.size() - 1);
  const size_t i = static_cast<size_t>(x);
  return i + 1 < v.size() ? v[i] + (x - i) * (v[i + 1] - v[i]) : v[i];
}

Spread RunSeeds(const Case& c, const Hardware& hw, Strategy st,
                const Metrics& optimum, int64_t space, int64_t budget,
                const GammaRates& rates = {}) {
  std::vector<int64_t> evals;
  Spread s;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    SearchOptions o;
    o.strategy = st;
    o.space = c.space;
    o.seed = seed;
    o.budget = {BudgetKind::kEvals, static_cast<double>(budget)};
    o.budget_given = true;
    // GAMMA's default population.
    o.population = 100;
    o.rates = rates;
    absl::StatusOr<LayerSearch> r =
        SearchLayer(c.layer, LayerRole::kConv, hw, o);
    EXPECT_TRUE(r.ok()) << r.status();
    // Not reached within the budget: censored at budget + 1.
    // Nothing beats the exhaustive optimum.
    EXPECT_GE(r->best.metrics.primary, optimum.primary)
        << c.name << " seed " << seed;
    const bool hit = r->best.metrics.primary == optimum.primary;
    s.reached += hit;
    const int64_t e = hit ? r->evals_to_best_primary : budget + 1;
    evals.push_back(e);
    s.reached_2pct += hit && e <= space / 50;
  }
  s.median = Quantile(evals, 0.5);
  s.q1 = Quantile(evals, 0.25);
  s.q3 = Quantile(evals, 0.75);
  return s;
}

struct Outcome {
  Spread gamma, random;
  // gamma without its PE-filling seeds (search/fill.h): the operators alone.
  Spread operators;
};

// Runs E1 and E2 and prints the measured spread.
std::vector<Outcome> Measure() {
  std::vector<Outcome> out;
  Hardware hw = *HardwarePreset("tiny4");
  const Case cases[] = {
      {"E1", Conv("e", 4, 4, 4, 3), {1, TileDomain::kAny}},
      {"E2", Conv("e", 2, 2, 4, 3), {2, TileDomain::kDivisors}},
  };
  for (const Case& c : cases) {
    SearchOptions ex;
    ex.strategy = Strategy::kExhaustive;
    ex.space = c.space;
    absl::StatusOr<LayerSearch> truth =
        SearchLayer(c.layer, LayerRole::kConv, hw, ex);
    EXPECT_TRUE(truth.ok()) << truth.status();
    if (!truth.ok()) return out;
    const int64_t space = static_cast<int64_t>(truth->space.canonical);
    // The exhaustive run saw the whole canonical space (plus the seeds).
    EXPECT_GE(truth->stats.candidates, space);
    const Metrics optimum = truth->best.metrics;
    const int64_t budget = std::max<int64_t>(space / 5, 200);
    const Spread g = RunSeeds(c, hw, Strategy::kGamma, optimum, space, budget);
    const Spread r = RunSeeds(c, hw, Strategy::kRandom, optimum, space, budget);
    GammaRates no_seeds;
    no_seeds.fill_seeds = false;
    const Spread op =
        RunSeeds(c, hw, Strategy::kGamma, optimum, space, budget, no_seeds);
    std::printf(
        "%s: canonical space %lld, optimum %.0f cycles (%s); evals to optimum "
        "over seeds 1..20: gamma median %.1f IQR [%.1f, %.1f], %d/20 within "
        "2%% "
        "(%lld evals); random median %.1f IQR [%.1f, %.1f], %d/20 within 2%%\n",
        c.name, static_cast<long long>(space), optimum.primary,
        truth->best.source.c_str(), g.median, g.q1, g.q3, g.reached_2pct,
        static_cast<long long>(space / 50), r.median, r.q1, r.q3,
        r.reached_2pct);
    std::printf(
        "%s: reached within the budget (%lld evals): gamma %d/20, random "
        "%d/20\n",
        c.name, static_cast<long long>(budget), g.reached, r.reached);
    std::printf(
        "%s: gamma without PE-filling seeds: median %.1f IQR [%.1f, %.1f], "
        "%d/20 within 2%%, %d/20 within the budget\n",
        c.name, op.median, op.q1, op.q3, op.reached_2pct, op.reached);
    out.push_back({g, r, op});
  }
  return out;
}

// The spec's T2 criteria (section 7): optimum within 2 % of the space on
// >= 19/20 seeds and median evals-to-optimum <= 0.5x random's. On E1 the
// ratio cannot be met by any strategy seeded with the library (R6): the
// 4th candidate, a library seed, is already optimal for gamma and random
// alike (median 4 for both); there gamma must not be slower than random.
// Measure() also checks that nothing beats the exhaustive optimum. On E2
// gamma's PE-filling seeds (search/fill.h) hold the optimum, so the
// criteria are also asserted for gamma without them: its operators alone.
TEST(ExhaustiveTruth, SpecCriteria) {
  const std::vector<Outcome> out = Measure();
  ASSERT_EQ(out.size(), 2u);
  // Gamma reaches the optimum within the budget (20 % of the space) always.
  for (const Outcome& o : out) EXPECT_EQ(o.gamma.reached, 20);
  EXPECT_GE(out[0].gamma.reached_2pct, 19);
  EXPECT_LE(out[0].gamma.median, out[0].random.median);
  EXPECT_GE(out[1].gamma.reached_2pct, 19);
  EXPECT_LE(out[1].gamma.median, 0.5 * out[1].random.median);
  EXPECT_EQ(out[1].operators.reached, 20);
  EXPECT_GE(out[1].operators.reached_2pct, 19);
  EXPECT_LE(out[1].operators.median, 0.5 * out[1].random.median);
}

}  // namespace
}  // namespace maestro::search
