#include "search/network_front.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace maestro::search {
namespace {

// A partial sum over the first layers: its costs and how it was formed
// (the previous stage's node, this layer's point).
struct Node {
  int64_t latency;
  double energy;
  int prev, k;
};

// The non-dominated nodes of `c` (sorted by latency, then energy, then
// formation): each kept one has less energy than every one before it.
std::vector<Node> NonDominated(std::vector<Node>& c) {
  std::sort(c.begin(), c.end(), [](const Node& a, const Node& b) {
    return std::tie(a.latency, a.energy, a.prev, a.k) <
           std::tie(b.latency, b.energy, b.prev, b.k);
  });
  std::vector<Node> out;
  for (const Node& x : c) {
    if (out.empty() || x.energy < out.back().energy) out.push_back(x);
  }
  return out;
}

// The epsilon-Pareto subset of a front sorted by latency: a point stays
// when the last kept one has more than (1 + eps) times its energy; both
// ends stay (so the network's least latency and least energy are exact).
std::vector<Node> EpsilonThin(const std::vector<Node>& v, double eps) {
  std::vector<Node> out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (out.empty() || i + 1 == v.size() ||
        out.back().energy > (1 + eps) * v[i].energy)
      out.push_back(v[i]);
  }
  return out;
}

}  // namespace

NetworkFront SumFronts(const std::vector<std::vector<FrontCost>>& fronts,
                       const std::vector<int64_t>& repeat, double tolerance,
                       size_t max_points) {
  NetworkFront out;
  // (The thinning needs energies >= 0, as the cost model's are.)
  for (const std::vector<FrontCost>& f : fronts) {
    for (const FrontCost& p : f) {
      if (p.energy < 0 || p.latency < 0) {
        out.why_not = "a layer front has a negative latency or energy";
        return out;
      }
    }
  }
  out.applies = true;
  max_points = std::max<size_t>(max_points, 2);
  double bound = 1;  // the product of (1 + epsilon) over the layers
  const double eps =
      fronts.empty() ? 0 : std::pow(1 + tolerance, 1.0 / fronts.size()) - 1;
  // stages[u]: the partial sums over layers 0..u-1.
  std::vector<std::vector<Node>> stages;
  std::vector<Node> cur = {{0, 0, -1, -1}};
  for (size_t u = 0; u < fronts.size(); ++u) {
    std::vector<Node> next;
    next.reserve(cur.size() * fronts[u].size());
    for (size_t i = 0; i < cur.size(); ++i) {
      for (size_t k = 0; k < fronts[u].size(); ++k) {
        const FrontCost& p = fronts[u][k];
        next.push_back(
            {cur[i].latency + p.latency * repeat[u],
             cur[i].energy + p.energy * static_cast<double>(repeat[u]),
             static_cast<int>(i), static_cast<int>(k)});
      }
    }
    next = NonDominated(next);
    // This layer's epsilon: the base one, doubled while the partial front
    // is above max_points (the bound widens accordingly).
    double e = eps;
    std::vector<Node> kept = e > 0 ? EpsilonThin(next, e) : next;
    while (kept.size() > max_points) {
      e = e > 0 ? 2 * e : 1e-6;
      kept = EpsilonThin(next, e);
      out.capped = true;
    }
    next = std::move(kept);
    bound *= 1 + e;
    stages.push_back(std::move(cur));
    cur = std::move(next);
  }
  out.tolerance = bound - 1;
  if (fronts.empty()) return out;
  for (const Node& last : cur) {
    NetworkFrontPoint p{last.latency, last.energy,
                        std::vector<int>(fronts.size(), 0)};
    const Node* x = &last;
    for (size_t u = fronts.size(); u-- > 0;) {
      p.picks[u] = x->k;
      if (u > 0) x = &stages[u][x->prev];
    }
    out.points.push_back(std::move(p));
  }
  return out;
}

bool HasLatencyEnergyFronts(const SearchOptions& o) {
  const std::vector<Metric> m = FrontMetrics(o);
  return m.size() == 2 &&
         ((m[0] == Metric::kLatency && m[1] == Metric::kEnergy) ||
          (m[0] == Metric::kEnergy && m[1] == Metric::kLatency));
}

}  // namespace maestro::search
