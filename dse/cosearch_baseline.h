// The baseline `dse --strategy cosearch` must beat (issue 13): sweep the
// grid with the problem's dataflow through the main job (pipeline
// RunNetwork), take the winner, then search its mappings (the same inner
// search as cosearch). For tests and benchmarks.
//
// Example:
//   absl::StatusOr<SweepThenSearch> b = RunSweepThenSearch(problem, o, 2000);
//   b->design.fig.runtime_cycles;            // after the mapping search
//   b->sweep_evals + b->search_evals;        // its cost in evaluations
#ifndef MAESTRO_ONNX_DSE_COSEARCH_BASELINE_H_
#define MAESTRO_ONNX_DSE_COSEARCH_BASELINE_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "dse/dse.h"
#include "search/network_search.h"

namespace maestro::dse {

struct SweepThenSearch {
  DesignPoint sweep_winner;  // the winner with the problem's dataflow
  DesignPoint design;        // the same point after the mapping search
  Hardware hw;               // design's hardware (buffers as designed)
  int64_t sweep_evals = 0;   // engine analyses of the sweep
  int64_t search_evals = 0;  // mapping-search candidates
  search::NetworkSearch search;
};

// `layer_evals`: the search's budget per unique layer on average.
absl::StatusOr<SweepThenSearch> RunSweepThenSearch(const DseProblem& problem,
                                                   const DseOptions& options,
                                                   int64_t layer_evals);

}  // namespace maestro::dse

#endif  // MAESTRO_ONNX_DSE_COSEARCH_BASELINE_H_
