// Evaluating candidates: the engine's fast path on a genome's mapping value
// (engine::Evaluate, one workspace per thread), the
// layer's lower bound and work check, the constraint-domination ranking, and
// an evaluation cache keyed by the canonical key.
//
// Example:
//   Evaluator ev(space, hw, analysis_options, Objective::kLatency);
//   std::vector<Candidate> batch = ...;   // genomes, keys set by Prepare()
//   ev.EvaluateBatch(batch, /*threads=*/2);
//   std::sort(batch.begin(), batch.end(), RankLess);
//   ev.stats().cache_hits;
//
// EvaluateBatch computes the keys in parallel (unless the caller set them),
// looks up and deduplicates the batch serially, evaluates the misses in
// parallel (pure), and inserts serially, so the cache contents and the
// counts do not depend on the thread count. The parallel loops run on one
// WorkerPool per Evaluator, started at the first batch and reused.
#ifndef MAESTRO_ONNX_SEARCH_EVALUATOR_H_
#define MAESTRO_ONNX_SEARCH_EVALUATOR_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "core/area_model.h"
#include "core/engine/analysis.h"
#include "core/engine/fast_eval.h"
#include "core/objective.h"
#include "search/constraints.h"
#include "search/genome.h"

namespace maestro::search {

// What a search minimises: the objective of the main job's per-layer best
// (core/objective.h), one definition for both.
using ::maestro::Objective;
using ::maestro::ObjectiveName;
using ::maestro::ParseObjective;

// How a candidate stands, best first.
enum class Standing : uint8_t {
  kFeasible = 0,    // fits L1 and L2, exact work, not below the bound
  kOverBuffer = 1,  // L1 or L2 need above the hardware, or a user limit
                    // (--constraint) not met (ranked by violation)
  kRefused = 2,     // fewer MACs than the layer, or runtime below the bound
  kError = 3,       // the engine rejected the mapping
};

struct Metrics {
  Standing standing = Standing::kError;
  int64_t runtime_cycles = 0;
  double energy_pj = 0;
  int64_t l1_size_req = 0;
  int64_t l2_size_req = 0;
  int64_t macs = 0;
  // The design's area and power under the hardware's area model
  // (core/area_model.h), its buffers as configured or, with --buffers fit,
  // sized to this mapping's L1 / L2 needs (Evaluator::set_fit_buffers).
  double area_um2 = 0;
  double power_mw = 0;
  // sum of max(0, need / size - 1) over L1 and L2.
  double violation = 0;
  // The ranking tuple of the objective: (primary, secondary).
  double primary = 0;
  double secondary = 0;
};

struct Candidate {
  Genome genome;
  uint64_t key = 0;
  Metrics metrics;
};

// Total order: standing, then violation (over-buffer), then the objective
// tuple, then the key.
bool RankLess(const Candidate& a, const Candidate& b);
bool MetricsLess(const Metrics& a, uint64_t ka, const Metrics& b, uint64_t kb);

// max(ceil(MACs / (PEs x SIMD lanes)), ceil(off-chip volume / off-chip bw)),
// the volume counting each input, filter and output element once.
int64_t LowerBoundCycles(const Layer& layer, const Hardware& hw);
int64_t OffchipVolume(const Layer& layer);

struct EvalStats {
  int64_t candidates = 0;    // candidates evaluated, cache hits included
  int64_t engine_evals = 0;  // engine calls
  int64_t cache_hits = 0;    // served by the cache or a duplicate in a batch
};

// Threads started once and reused for every parallel loop (a search runs
// ~100 batches, each a loop or two, a few ms apart); the calling thread is
// slot 0 and works too. Items are claimed one at a time, and a loop ends
// when its items are done: a worker that has not woken up yet (the core
// is someone else's) holds nothing up. Idle workers poll briefly, then
// block.
class WorkerPool {
 public:
  explicit WorkerPool(int threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  int threads() const { return static_cast<int>(workers_.size()) + 1; }
  // fn(i, slot) for i in [0, n), slot in [0, threads()) the thread running
  // it; returns when every call has returned. Not reentrant.
  void ForEach(int64_t n, const std::function<void(int64_t, int)>& fn);

 private:
  // One loop of at most kMaxItems items.
  void Loop(int64_t offset, int64_t n);
  // Claims and runs items of the current loop until none is left.
  void Drain(int slot);
  void Work(int slot);

  static constexpr int64_t kMaxItems = (int64_t{1} << 20) - 1;
  std::vector<std::thread> workers_;
  std::atomic<uint32_t> epoch_{0};  // bumped per loop; sleeping workers wait
  // The current loop, packed: epoch (24 bits) | items (20) | next item (20),
  // so an item is claimed by one compare-exchange that fails for a thread
  // still looking at an older loop.
  std::atomic<uint64_t> state_{0};
  std::atomic<uint32_t> done_{0};  // items of the current loop finished
  int64_t offset_ = 0;
  const std::function<void(int64_t, int)>* fn_ = nullptr;
  std::atomic<bool> stop_{false};
};

class Evaluator {
 public:
  Evaluator(const SearchSpace& space, const Hardware& hw,
            const AnalysisOptions& options, Objective objective);

  // The metrics of a LayerResult (or an engine error) for this layer.
  Metrics Judge(const absl::StatusOr<LayerResult>& r) const;
  // The same from the fast path's figures (same rules, same numbers).
  Metrics Judge(const absl::Status& status, const engine::Figures& f) const;
  // One genome through the engine's fast path (no cache; thread-safe; a
  // thread-local workspace, or the caller's).
  Metrics EvaluateUncached(const Genome& g) const;
  Metrics EvaluateUncached(const Genome& g, engine::Workspace& ws) const;
  // Sets key (unless `keyed`: the caller set every key) and metrics of every
  // candidate (see the header comment).
  void EvaluateBatch(std::vector<Candidate>& batch, int threads,
                     bool keyed = false);
  // This evaluator's pool of `threads` threads (restarted when the count
  // changes), for the caller's own parallel loops between batches.
  WorkerPool& Pool(int threads);

  // User limits (constraints.h), counted in the violation; set before
  // evaluating.
  void set_constraints(const Constraints& c) { constraints_ = c; }
  // --buffers fit: area and power with L1 / L2 sized to each mapping's
  // needs (the hardware's sizes stay the limits); else as configured.
  void set_fit_buffers(bool fit) { fit_buffers_ = fit; }
  // The design's area under the configured buffers.
  const AreaEstimate& configured_area() const { return configured_area_; }
  // Re-ranks every judged candidate (lex and weighted objectives); must be
  // thread-safe.
  void set_rerank(std::function<void(Metrics&)> f) { rerank_ = std::move(f); }

  // Whether a canonical key has been evaluated (cached).
  bool Cached(uint64_t key) const { return cache_.contains(key); }

  int64_t lower_bound() const { return lower_bound_; }
  int64_t macs() const { return macs_; }
  const EvalStats& stats() const { return stats_; }
  EvalStats& mutable_stats() { return stats_; }
  const SearchSpace& space() const { return space_; }
  const Hardware& hardware() const { return hw_; }
  const AnalysisOptions& options() const { return options_; }

 private:
  const SearchSpace& space_;
  const Hardware& hw_;
  AnalysisOptions options_;
  Objective objective_;
  // Judge's rules on the figures both engine paths report.
  Metrics JudgeFigures(int64_t runtime, double energy_pj, int64_t l1,
                       int64_t l2, int64_t macs, int64_t macs_model,
                       int64_t maestro_zero_compute) const;

  // Sets m.area_um2 and m.power_mw from its needs, runtime and energy.
  void CostDesign(Metrics& m) const;

  Constraints constraints_;
  AreaModel area_model_;
  AreaEstimate configured_area_;
  bool fit_buffers_ = false;
  std::function<void(Metrics&)> rerank_;
  int64_t lower_bound_ = 0;
  int64_t macs_ = 0;
  absl::StatusOr<engine::PreparedLayer> prepared_;
  std::unique_ptr<WorkerPool> pool_;
  std::vector<engine::Workspace> workspaces_;  // one per pool slot
  absl::flat_hash_map<uint64_t, Metrics> cache_;
  // EvaluateBatch's scratch, kept between batches.
  std::vector<int64_t> misses_;
  std::vector<Metrics> missed_;
  absl::flat_hash_map<uint64_t, int64_t> first_;
  EvalStats stats_;
};

}  // namespace maestro::search

#endif  // MAESTRO_ONNX_SEARCH_EVALUATOR_H_
