// The network's (latency, energy) Pareto front from its unique layers'
// fronts. Under fixed hardware a network's latency and energy are sums over
// its layers (x instances), so every network trade-off is one front point
// per unique layer, and the network front is the non-dominated part of the
// weighted Minkowski sum of the layer fronts (docs/search.md, "The
// network's front").
//
// Example:
//   NetworkSearch n = *SearchNetwork(...);  // fills n.front (network_search.h)
//   if (n.front.applies) for (const NetworkFrontPoint& p : n.front.points)
//     p.runtime_cycles;  p.energy_pj;  p.picks[u];  // index into
//                                                   // n.unique[u].front
#ifndef MAESTRO_ONNX_SEARCH_NETWORK_FRONT_H_
#define MAESTRO_ONNX_SEARCH_NETWORK_FRONT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "search/search.h"

namespace maestro::search {

// The partial fronts between layers are thinned by energy (an
// epsilon-Pareto set): a point is left out when a kept one has no more
// latency and at most (1 + eps) times its energy, with eps per layer such
// that over all L layers (1 + eps)^L = 1 + kNetworkFrontTolerance. So for
// every non-dominated network point some listed point has no more latency
// and at most 0.1 % more energy; both ends of each partial front are kept,
// so the least latency and the least energy are exact. A partial front
// still above kMaxNetworkFront points is thinned with eps doubled until it
// fits (`capped`): the bound is then the product of the layers' (1 + eps),
// reported as `tolerance`. Time and memory stay bounded: a layer costs at
// most kMaxNetworkFront x its front size candidates.
inline constexpr double kNetworkFrontTolerance = 1e-3;
inline constexpr size_t kMaxNetworkFront = 1000;

struct NetworkFrontPoint {
  int64_t runtime_cycles = 0;  // sum over layers of runtime x instances
  double energy_pj = 0;        // the same for energy, summed in layer order
  std::vector<int> picks;      // per unique layer: its front point
};

struct NetworkFront {
  bool applies = false;  // a (latency, energy) front on every unique layer
  std::string why_not;   // when it does not apply although fronts exist
  double tolerance = 0;  // the energy bound above (0: the exact front)
  bool capped = false;   // eps widened on some layer (kMaxNetworkFront)
  std::vector<NetworkFrontPoint> points;  // latency up, energy down
};

// One layer's front for the sum: (latency, energy) per point.
struct FrontCost {
  int64_t latency = 0;
  double energy = 0;
};
// The non-dominated sums of one point per layer (each layer's costs times
// `repeat`), sorted by latency, thinned as above with `tolerance` (0: the
// exact front unless above `max_points`) and `max_points`. Latencies and
// energies must be >= 0 (else not applied, `why_not`). Ties are broken by how a
// sum was formed, so the result is a function of the input.
NetworkFront SumFronts(const std::vector<std::vector<FrontCost>>& fronts,
                       const std::vector<int64_t>& repeat,
                       double tolerance = kNetworkFrontTolerance,
                       size_t max_points = kMaxNetworkFront);

// Whether a search has a network front: --objective edp or
// pareto:latency,energy (the layer fronts are (latency, energy) ones).
bool HasLatencyEnergyFronts(const SearchOptions& o);

}  // namespace maestro::search

#endif  // MAESTRO_ONNX_SEARCH_NETWORK_FRONT_H_
