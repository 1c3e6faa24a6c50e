// `dse --strategy cosearch`: hardware and mapping searched together
// (DiGamma-like), the hardware outside, the mapping search inside.
//
// Example:
//   DseProblem p;  p.layers = ...;  p.dataflow = "nvdla";  p.base = pe256;
//   DseOptions o;
//   o.strategy = DseStrategy::kCosearch;
//   o.grid = *ParseSweepGrid("pes=64|128|256,l2=65536|262144,noc_bw=16|64");
//   o.constraints.area_um2 = 5e6;
//   o.buffers = BufferPolicy::kFit;   // L2 fitted, at most the axis value
//   o.budget_evals = 200000;   // screen + inner mapping evaluations
//   absl::StatusOr<DseResult> r = RunCosearch(p, o);
//   r->best.hw.pes;  r->best.fig.runtime_cycles;  r->best_mappings;  // best.m
//
// The walk (docs/dse.md, "Co-search"):
// 1. Screen: every grid point costed with the problem's dataflow through
//    the main job (pipeline RunNetwork); one evaluation per unique layer
//    analysed.
// 2. Order: best-first by an optimistic bound of the objective (the
//    network's lower-bound cycles, the area with the smallest buffers a
//    design can have, the module power), ties by the screen's ranking, then
//    the grid index. A point whose bound cannot meet a constraint (area,
//    power, latency) is never searched.
// 3. Successive halving over the screen's winner (the sweep's choice) and
//    the next points of that order, as many as the inner budget gives
//    `layer_evals` per unique layer (1 to `points`): each round
//    searches every remaining point's mappings (gamma,
//    search/network_search.h) seeded with the library dataflows and the
//    winners of the point's own earlier search, of the point searched last
//    and of the best design so far (warm start); then the better half
//    stays. The earlier rounds share half of the inner budget evenly, the
//    last round (one point) gets the other half. A point whose bound is no
//    better than the best feasible design is dropped. Ctrl-C (`stop`) ends
//    the walk with the best so far.
// budget_evals = screen evaluations + inner candidates (library and warm
// seeds and cache hits included, as `search` counts them); 0 = the screen
// plus `points` x `layer_evals` per unique layer. Deterministic for any
// thread count (a fixed visit order; the search and the main job are
// deterministic).
#ifndef MAESTRO_ONNX_DSE_COSEARCH_H_
#define MAESTRO_ONNX_DSE_COSEARCH_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "dse/dse.h"
#include "search/network_search.h"

namespace maestro::dse {

struct CosearchConfig {
  // Points in the first round of successive halving.
  int64_t points = 8;
  // budget_evals 0: the screen plus `points` x `layer_evals` per unique
  // layer (spec: 2,000 evaluations per unique layer and point, on average).
  int64_t layer_evals = 2000;
  // Share of the inner budget the last round (the winner alone) gets; the
  // earlier rounds split the rest evenly.
  double final_fraction = 0.5;
  // A point gets at most the budget left; below this many evaluations per
  // unique layer (about 12 go to the seeds) it is not searched.
  int64_t min_layer_evals = 100;
};

// One hardware point searched, in visit order.
struct CosearchVisit {
  size_t grid_index = 0;
  int round = 0;            // successive-halving round, 0 first
  DesignPoint design;       // buffers as designed (fitted under fit)
  DesignPoint library;      // the same point with the problem's dataflow
  int64_t inner_evals = 0;  // mapping-search candidates at this point
  int64_t layer_evals = 0;  // its budget per unique layer
  bool warm = false;        // seeded with earlier points' winners
};

struct CosearchRun {
  DseResult result;
  std::vector<CosearchVisit> visits;
  int64_t grid_points = 0;
  int64_t screen_evals = 0;
  int64_t inner_evals = 0;
  int64_t budget_evals = 0;  // the budget used (default filled in)
  int64_t pruned = 0;        // points skipped by their bound
  // The best design's hardware (buffers as designed) and its search.
  Hardware best_hw;
  std::optional<search::NetworkSearch> best_search;
};

absl::StatusOr<DseResult> RunCosearch(const DseProblem& problem,
                                      const DseOptions& options);

// RunCosearch with its walk's details and settings.
absl::StatusOr<CosearchRun> RunCosearchDetailed(const DseProblem& problem,
                                                const DseOptions& options,
                                                const CosearchConfig& config);

}  // namespace maestro::dse

#endif  // MAESTRO_ONNX_DSE_COSEARCH_H_
