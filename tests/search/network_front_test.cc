// The network's (latency, energy) front (search/network_front.h): the sum
// of the layer fronts against a brute force over every combination of one
// point per layer, exact and with the energy tolerance; the cap; and on a
// searched network, its ends and its refusal with --buffers fit.
#include "search/network_front.h"

#include <algorithm>
#include <random>

#include "gtest/gtest.h"
#include "search/network_search.h"
#include "search/objective.h"
#include "search/target.h"

namespace maestro::search {
namespace {

struct Sum {
  int64_t latency;
  double energy;
};

// A random layer front: latency up, energy strictly down.
std::vector<FrontCost> RandomFront(std::mt19937_64& rng, int n) {
  std::vector<FrontCost> f;
  int64_t l = 100 + static_cast<int64_t>(rng() % 100);
  double e = 1000 + static_cast<double>(rng() % 1000);
  for (int k = 0; k < n; ++k) {
    f.push_back({l, e});
    l += 1 + static_cast<int64_t>(rng() % 50);
    e -= 1 + static_cast<double>(rng() % 40);
  }
  return f;
}

// A random network: `layers` fronts of `points` points (0: 1..7 each),
// instances 1..max_repeat.
struct RandomNet {
  std::vector<std::vector<FrontCost>> fronts;
  std::vector<int64_t> repeat;
};
RandomNet MakeRandomNet(std::mt19937_64& rng, int layers, int points,
                        int max_repeat) {
  RandomNet n;
  for (int u = 0; u < layers; ++u) {
    n.fronts.push_back(RandomFront(
        rng, points > 0 ? points : 1 + static_cast<int>(rng() % 7)));
    n.repeat.push_back(1 + static_cast<int64_t>(rng() % max_repeat));
  }
  return n;
}

// Every combination's sum, then the non-dominated ones (latency up).
std::vector<Sum> BruteFront(const std::vector<std::vector<FrontCost>>& fronts,
                            const std::vector<int64_t>& repeat) {
  std::vector<Sum> all = {{0, 0}};
  for (size_t u = 0; u < fronts.size(); ++u) {
    std::vector<Sum> next;
    for (const Sum& s : all) {
      for (const FrontCost& p : fronts[u]) {
        next.push_back({s.latency + p.latency * repeat[u],
                        s.energy + p.energy * static_cast<double>(repeat[u])});
      }
    }
    all = std::move(next);
  }
  std::sort(all.begin(), all.end(), [](const Sum& a, const Sum& b) {
    return a.latency != b.latency ? a.latency < b.latency : a.energy < b.energy;
  });
  std::vector<Sum> front;
  for (const Sum& s : all) {
    if (front.empty() || s.energy < front.back().energy) front.push_back(s);
  }
  return front;
}

// Each point's picks give its sums.
void ExpectPicksSum(const NetworkFront& f,
                    const std::vector<std::vector<FrontCost>>& fronts,
                    const std::vector<int64_t>& repeat) {
  for (const NetworkFrontPoint& p : f.points) {
    ASSERT_EQ(p.picks.size(), fronts.size());
    int64_t l = 0;
    double e = 0;
    for (size_t u = 0; u < fronts.size(); ++u) {
      l += fronts[u][p.picks[u]].latency * repeat[u];
      e += fronts[u][p.picks[u]].energy * static_cast<double>(repeat[u]);
    }
    EXPECT_EQ(p.runtime_cycles, l);
    EXPECT_EQ(p.energy_pj, e);
  }
}

TEST(NetworkFront, ExactSumEqualsBruteForce) {
  for (uint64_t seed = 1; seed <= 30; ++seed) {
    std::mt19937_64 rng(seed);
    const auto [fronts, repeat] =
        MakeRandomNet(rng, 1 + static_cast<int>(seed % 4), 0, 3);
    const NetworkFront f = SumFronts(fronts, repeat, /*tolerance=*/0);
    const std::vector<Sum> want = BruteFront(fronts, repeat);
    ASSERT_EQ(f.points.size(), want.size()) << "seed " << seed;
    for (size_t i = 0; i < want.size(); ++i) {
      EXPECT_EQ(f.points[i].runtime_cycles, want[i].latency)
          << seed << " " << i;
      EXPECT_EQ(f.points[i].energy_pj, want[i].energy) << seed << " " << i;
    }
    EXPECT_FALSE(f.capped);
    ExpectPicksSum(f, fronts, repeat);
  }
}

// With a tolerance every non-dominated sum has a listed point with no more
// latency and at most (1 + tolerance) its energy; the ends are exact; and
// the list is shorter than the exact front.
TEST(NetworkFront, ToleranceCoversEveryNonDominatedSum) {
  constexpr double kTol = 0.01;
  size_t exact_total = 0, thinned_total = 0;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    std::mt19937_64 rng(seed);
    const auto [fronts, repeat] = MakeRandomNet(rng, 5, 8, 3);
    const NetworkFront f = SumFronts(fronts, repeat, kTol);
    const std::vector<Sum> want = BruteFront(fronts, repeat);
    ExpectPicksSum(f, fronts, repeat);
    for (const Sum& p : want) {
      bool covered = false;
      for (const NetworkFrontPoint& q : f.points) {
        covered |= q.runtime_cycles <= p.latency &&
                   q.energy_pj <= (1 + kTol) * p.energy;
      }
      EXPECT_TRUE(covered) << "seed " << seed << ": " << p.latency << ", "
                           << p.energy;
    }
    EXPECT_EQ(f.points.front().runtime_cycles, want.front().latency);
    EXPECT_EQ(f.points.front().energy_pj, want.front().energy);
    EXPECT_EQ(f.points.back().energy_pj, want.back().energy);
    exact_total += want.size();
    thinned_total += f.points.size();
  }
  EXPECT_LT(thinned_total, exact_total / 2)
      << thinned_total << " points listed of " << exact_total;
}

// Above max_points the epsilon widens: the front fits, says so, and the
// widened bound it reports still covers every non-dominated sum.
TEST(NetworkFront, CapWidensTheBoundAndSaysSo) {
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    std::mt19937_64 rng(seed);
    const auto [fronts, repeat] = MakeRandomNet(rng, 4, 8, 1);
    const std::vector<Sum> want = BruteFront(fronts, repeat);
    ASSERT_GT(want.size(), 6u);
    const NetworkFront f = SumFronts(fronts, repeat, 0, /*max_points=*/6);
    EXPECT_TRUE(f.capped);
    EXPECT_LE(f.points.size(), 6u);
    EXPECT_GT(f.tolerance, 0);
    EXPECT_EQ(f.points.front().runtime_cycles, want.front().latency);
    EXPECT_EQ(f.points.back().energy_pj, want.back().energy);
    ExpectPicksSum(f, fronts, repeat);
    for (const Sum& p : want) {
      bool covered = false;
      for (const NetworkFrontPoint& q : f.points) {
        covered |= q.runtime_cycles <= p.latency &&
                   q.energy_pj <= (1 + f.tolerance) * p.energy * (1 + 1e-12);
      }
      EXPECT_TRUE(covered) << "seed " << seed << ": " << p.latency;
    }
  }
}

TEST(NetworkFront, NegativeEnergyIsRefused) {
  const NetworkFront f = SumFronts({{{10, 5}, {20, -1}}}, {1});
  EXPECT_FALSE(f.applies);
  EXPECT_NE(f.why_not, "");
  EXPECT_TRUE(f.points.empty());
}

// On a searched network: the front's ends are the sums of the layers'
// least-latency and least-energy front points; --buffers fit refuses it.
TEST(NetworkFront, SearchedNetworkEnds) {
  absl::StatusOr<SearchTarget> t = LoadSearchTarget(
      std::string(MO_SOURCE_DIR) + "/models/resnet18.onnx", {});
  ASSERT_TRUE(t.ok()) << t.status();
  t->layers.resize(6);
  const Hardware hw = *HardwarePreset("pe256");
  SearchOptions o;
  o.budget = {BudgetKind::kEvals, 400};
  o.objective_spec = *ParseObjectiveSpec("pareto:latency,energy");
  o.objective = o.objective_spec.base;
  absl::StatusOr<NetworkSearch> n = SearchNetwork("r18", t->layers, hw, o);
  ASSERT_TRUE(n.ok()) << n.status();
  ASSERT_TRUE(n->front.applies);
  ASSERT_GT(n->unique.size(), 1u);
  int64_t least_latency = 0;
  double least_energy = 0;
  for (size_t u = 0; u < n->unique.size(); ++u) {
    const std::vector<FrontPoint>& f = n->unique[u].front;
    ASSERT_FALSE(f.empty());
    int64_t l = f[0].w.metrics.runtime_cycles;
    double e = f[0].w.metrics.energy_pj;
    for (const FrontPoint& p : f) {
      l = std::min(l, p.w.metrics.runtime_cycles);
      e = std::min(e, p.w.metrics.energy_pj);
    }
    least_latency += l * n->unique_repeat[u];
    least_energy += e * n->unique_repeat[u];
  }
  EXPECT_EQ(n->front.points.front().runtime_cycles, least_latency);
  EXPECT_DOUBLE_EQ(n->front.points.back().energy_pj, least_energy);
  EXPECT_FALSE(n->front.capped);

  o.fit_buffers = true;
  ApplyNetworkFront(o, *n);
  EXPECT_FALSE(n->front.applies);
  EXPECT_NE(n->front.why_not.find("--buffers fit"), std::string::npos);
  o.fit_buffers = false;
  o.objective_spec = *ParseObjectiveSpec("latency");
  o.objective = o.objective_spec.base;
  ApplyNetworkFront(o, *n);
  EXPECT_FALSE(n->front.applies);
  EXPECT_EQ(n->front.why_not, "");
}

}  // namespace
}  // namespace maestro::search
