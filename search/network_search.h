// Searching every costed layer of a network: identical layers (type, dims,
// strides) searched once, in a fixed order, and network totals against the
// library dataflows.
//
// Example:
//   std::vector<JobLayer> layers = JobLayersFromModel(model);
//   absl::StatusOr<NetworkSearch> n = SearchNetwork("resnet18", layers, hw,
//   opts); n->totals.found_runtime;  n->totals.best_single_runtime;
#ifndef MAESTRO_ONNX_SEARCH_NETWORK_SEARCH_H_
#define MAESTRO_ONNX_SEARCH_NETWORK_SEARCH_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/network_job.h"
#include "search/network_front.h"
#include "search/search.h"

namespace maestro::search {

struct NetworkTotals {
  // Sums over the searched layers of runtime (energy) x repeat.
  int64_t found_runtime = 0;
  double found_energy = 0;
  int64_t lower_bound = 0;
  int64_t per_layer_library_runtime = 0;  // each layer's library best
  double per_layer_library_energy = 0;
  // The library dataflow with the best network objective among those that
  // apply to every searched layer ("" when none does).
  std::string best_single;
  int64_t best_single_runtime = 0;
  double best_single_energy = 0;
  int64_t macs = 0;
};

// The network EDP choice (design 6.3): sum(E) x sum(L) is not additive, so
// the per-layer EDP optima need not give the network's. Over each unique
// layer's (latency, energy) front, for lambda on a 64-point geometric grid
// (spanning the fronts' trade-off slopes) each layer takes argmin(L +
// lambda E); the lambda with the lowest sum(E) x sum(L) is kept unless the
// per-layer EDP choice is lower; then (ours) single-layer moves that lower
// the product are made until none does.
struct NetworkEdpChoice {
  bool applied = false;  // edp, more than one unique layer, fronts known
  std::string why_not;   // when not applied ("" otherwise)
  // Sums over the layers (x repeat) of the per-layer EDP choice and of the
  // network choice.
  int64_t per_layer_runtime = 0;
  double per_layer_energy = 0;
  int64_t runtime = 0;
  double energy = 0;
  double lambda = 0;  // the grid's lambda kept (0: per-layer choice kept)
  int moves = 0;      // single-layer moves after the grid
  int changed = 0;    // unique layers whose choice is not their EDP best
};

inline constexpr int kEdpGridPoints = 64;

// One layer's front point for the choice: latency, energy.
struct LatencyEnergy {
  double latency = 0, energy = 0;
};
// The choice over `fronts` (each sorted by latency, no dominated point),
// with `repeat` instances each, from the per-layer EDP choice `start`
// (indices into the fronts). Returns the chosen index per layer and fills
// `info` (its sums and lambda).
std::vector<size_t> ChooseNetworkEdp(
    const std::vector<std::vector<LatencyEnergy>>& fronts,
    const std::vector<int64_t>& repeat, const std::vector<size_t>& start,
    NetworkEdpChoice* info);

struct NetworkSearch {
  std::string name;
  std::vector<JobLayer> layers;
  std::vector<int>
      unique_of;  // per layer: index into `unique`, -1 = not searched
  std::vector<std::string>
      skipped;  // per layer: why not searched ("" = searched)
  std::vector<LayerSearch> unique;
  std::vector<int> unique_repeat;  // total instances of each unique layer
  std::vector<size_t> first_of;    // per unique layer: its first layer
  std::vector<double> budgets;     // per unique layer (SplitBudget)
  NetworkTotals totals;
  NetworkEdpChoice edp;  // --objective edp (ApplyNetworkEdp)
  NetworkFront front;    // edp, pareto:latency,energy (ApplyNetworkFront)
  double wall_s = 0;
  int64_t candidates = 0, engine_evals = 0, cache_hits = 0;
  // The model's MAC-bearing nodes that have no layer (the frontend does not
  // cost them): not searched and not in the totals, so the result is
  // partial. Set by the caller from SearchTarget::uncosted.
  std::vector<UncostedNode> uncosted;
};

// The budget of each unique layer (design 6.3): with an evals or time budget
// B given for U > 1 unique layers, the network's B x U split in proportion
// to max(MAC share, 1 / (4 U)) (MACs x instances; evals rounded down, at
// least 1); otherwise B each (stall budgets, exhaustive without a budget).
std::vector<double> SplitBudget(const SearchOptions& o,
                                const std::vector<JobLayer>& layers,
                                const std::vector<size_t>& first_of,
                                const std::vector<int>& repeat);

// Called after each unique layer (i of n) for progress output.
using SearchProgress = std::function<void(int i, int n, const LayerSearch&)>;

// Called after each batch of unique layer i of n (progress lines).
using BatchProgressFn = std::function<void(
    int i, int n, const std::string& layer, const BatchProgress& p)>;

// Per layer, the target file's own Dataflow block (a `.m` with blocks).
using OwnDataflows = std::vector<std::optional<Dataflow>>;

// The unique layers, instances, skipped layers and budgets of a network,
// nothing searched yet (`unique` empty): what every shard of a search
// shares (sharding/search_shard.h).
NetworkSearch PlanNetwork(const std::string& name,
                          const std::vector<JobLayer>& layers,
                          const Hardware& hw, const SearchOptions& options);

// Searches unique layer `u` of a planned network with its budget. A unique
// layer's search depends on nothing but the layer, the hardware, the
// options, its budget and its own blocks (its random stream is keyed by
// the layer; no cache is shared across layers), so any subset of them can
// be searched apart.
absl::StatusOr<LayerSearch> SearchUnique(const NetworkSearch& n, size_t u,
                                         const Hardware& hw,
                                         const SearchOptions& options,
                                         const BatchProgressFn& batch = {},
                                         const OwnDataflows& own = {});

// Fills n.totals and the network's evals, engine_evals and cache_hits
// from n.unique and n.unique_repeat.
void ComputeTotals(const SearchOptions& o, NetworkSearch& n);

// Whether a search uses the design's area / power: an area or power
// objective or constraint, or --buffers fit.
bool DesignInUse(const SearchOptions& o);

// The network's design under the hardware's area model: buffers as
// configured, or with --buffers fit L1 / L2 = the largest needs of the
// layers' chosen mappings (design 6.3); power = the model's module power, or
// the run's average, total energy / total time.
struct NetworkDesign {
  int64_t l1 = 0, l2 = 0;  // the buffer sizes the area is of
  double area_um2 = 0, power_mw = 0;
};
NetworkDesign NetworkDesignOf(const NetworkSearch& n, const Hardware& hw,
                              const SearchOptions& o);

// Whether ApplyNetworkEdp applies: --objective edp on more than one unique
// layer.
bool NetworkEdpApplies(const SearchOptions& o, size_t unique_layers);
// Then each unique layer's best becomes its point of ChooseNetworkEdp (n.edp
// says what was done). Returns per unique layer the index into its front of
// the new best, or -1 where the best is unchanged.
std::vector<int64_t> ApplyNetworkEdp(const SearchOptions& o, NetworkSearch& n);

// The network's (latency, energy) front (network_front.h) from the unique
// layers' fronts into n.front, when HasLatencyEnergyFronts(o); not with
// --buffers fit (n.front.why_not: a layer's energy would depend on the
// buffers the other layers' choices need) or when a layer has no front.
void ApplyNetworkFront(const SearchOptions& o, NetworkSearch& n);

// PlanNetwork, SearchUnique of every unique layer in order, ApplyNetworkEdp,
// ComputeTotals.
// `own` (when given) adds each layer's own block as a seed and candidate
// of its unique layer.
absl::StatusOr<NetworkSearch> SearchNetwork(const std::string& name,
                                            const std::vector<JobLayer>& layers,
                                            const Hardware& hw,
                                            const SearchOptions& options,
                                            const SearchProgress& progress = {},
                                            const BatchProgressFn& batch = {},
                                            const OwnDataflows& own = {});

}  // namespace maestro::search

#endif  // MAESTRO_ONNX_SEARCH_NETWORK_SEARCH_H_
