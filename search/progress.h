// Progress of `maestro-onnx search` on stderr: a line rewritten in place on
// a terminal, or one JSON object per line (`--progress jsonl`), at most
// 10 updates per second plus one when each layer finishes. Progress never
// changes what the search does.
//
// Example:
//   ProgressReporter pr(ProgressMode::kJsonl, std::cerr);
//   SearchNetwork(name, layers, hw, opts,
//       [&](int i, int n, const LayerSearch& s) { pr.LayerDone(i, n, s); },
//       [&](int i, int n, const std::string& l, const BatchProgress& p) {
//         pr.Batch(i, n, l, p); });
//
// A JSON line: {"layer_index", "layers", "layer", "evals" (this layer),
// "evals_total" (all layers so far, never decreasing), "budget_evals" (null
// unless evals=N), "evals_per_s", "best_runtime_cycles",
// "library_best_runtime_cycles", "gain_vs_library", "valid_pct",
// "elapsed_s", "eta_s" (null when unknown), "done"}.
#ifndef MAESTRO_ONNX_SEARCH_PROGRESS_H_
#define MAESTRO_ONNX_SEARCH_PROGRESS_H_

#include <chrono>
#include <ostream>
#include <string>

#include "search/search.h"

namespace maestro::search {

enum class ProgressMode : uint8_t { kOff, kTty, kJsonl };

class ProgressReporter {
 public:
  ProgressReporter(ProgressMode mode, std::ostream& os);
  // After a batch; dropped when the last update is under 0.1 s old.
  void Batch(int i, int n, const std::string& layer, const BatchProgress& p);
  // After unique layer i of n (always written).
  void LayerDone(int i, int n, const LayerSearch& s);

 private:
  void Write(int i, int n, const std::string& layer, const BatchProgress& p,
             bool done);

  ProgressMode mode_;
  std::ostream& os_;
  std::chrono::steady_clock::time_point start_, last_;
  bool wrote_ = false;
  int64_t finished_evals_ = 0;  // evaluations of the finished layers
};

}  // namespace maestro::search

#endif  // MAESTRO_ONNX_SEARCH_PROGRESS_H_
