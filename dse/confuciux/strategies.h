// The three strategies over an AssignmentSpace and the bookkeeping they
// share (Tracker: the evaluation count, the budget, the best, the
// convergence list, the stop flag and progress). Internal to
// dse/confuciux; the entry points are in confuciux.h.
//
// Example:
//   Tracker t(space, options, budget_evals);
//   RunRandom(space, options, t);
//   t.best(); t.count(); t.convergence();
#ifndef MAESTRO_ONNX_DSE_CONFUCIUX_STRATEGIES_H_
#define MAESTRO_ONNX_DSE_CONFUCIUX_STRATEGIES_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "dse/confuciux/action_table.h"
#include "dse/confuciux/confuciux.h"
#include "dse/dse.h"

namespace maestro::dse::confuciux {

class Tracker {
 public:
  Tracker(const AssignmentSpace& space, const DseOptions& options,
          int64_t budget);

  // One evaluation: costs `a`, counts it, keeps it if best.
  AssignmentCost Evaluate(const Assignment& a);
  // One evaluation that ended before a full assignment (an RL episode
  // that overshot the budget): counted, never a candidate.
  void CountPartial();
  // Evaluations left, 0 once the budget is spent or a stop was asked
  // (read here: call at batch boundaries). Also reports progress.
  int64_t Left();

  int64_t count() const { return count_; }
  int64_t valid() const { return valid_; }
  int64_t distinct() const { return static_cast<int64_t>(seen_.size()); }
  // Whether `a` was evaluated before (a cache lookup, not an evaluation).
  bool Seen(const Assignment& a) const;
  // The best distinct feasible assignments evaluated so far, best first
  // (at most kEliteSize): what the GA stage of rl-ga starts from.
  const std::vector<Assignment>& elite() const { return elite_; }
  const std::vector<AssignmentCost>& elite_cost() const { return elite_cost_; }
  static constexpr size_t kEliteSize = 20;
  bool stopped() const { return stopped_; }
  bool has_best() const { return !best_.empty(); }
  const Assignment& best() const { return best_; }
  const AssignmentCost& best_cost() const { return best_cost_; }
  const std::vector<ConvergencePoint>& convergence() const {
    return convergence_;
  }

 private:
  void KeepElite(const Assignment& a, const AssignmentCost& c);

  const AssignmentSpace& space_;
  const DseOptions& options_;
  int64_t budget_;
  int64_t count_ = 0, valid_ = 0, last_progress_ = 0;
  bool stopped_ = false;
  Assignment best_;
  AssignmentCost best_cost_;
  std::vector<ConvergencePoint> convergence_;
  absl::flat_hash_set<std::string> seen_;
  std::vector<Assignment> elite_;
  std::vector<AssignmentCost> elite_cost_;
  std::chrono::steady_clock::time_point start_ =
      std::chrono::steady_clock::now();
};

// A uniform double in [0, 1) from 53 bits.
inline double Unit(uint64_t bits) {
  return static_cast<double>(bits >> 11) * 0x1.0p-53;
}

// A uniform assignment within the budget: draws from the stream (seed,
// stream, draw) until one fits (at most 1000 redraws, then the last draw,
// over the budget, is returned); `redraws` counts the rejected draws.
Assignment SampleFeasible(const AssignmentSpace& space, uint64_t seed,
                          uint64_t stream, uint64_t draw, int64_t& redraws);

// Uniform budget-feasible assignments (SampleFeasible) until the budget is
// spent; returns the number of redraws.
int64_t RunRandom(const AssignmentSpace& space, const DseOptions& options,
                  Tracker& t);

// ConfuciuX's GA (ga_confx.py, main.py genetic_search) from `initial`
// (its costs, each already evaluated), until the tracker's budget is spent.
// Returns the generations run.
// With `fresh`, a child already evaluated is mutated again (up to
// kFreshTries times) rather than evaluated a second time (ours).
int64_t RunGa(const AssignmentSpace& space, const DseOptions& options,
              std::vector<Assignment> initial,
              std::vector<AssignmentCost> initial_cost, bool fresh, Tracker& t);

// The GA alone: a population of uniform budget-feasible assignments
// (SampleFeasible; the redraws are added to `redraws`), then RunGa.
int64_t RunGaOnly(const AssignmentSpace& space, const DseOptions& options,
                  bool fresh, Tracker& t, int64_t& redraws);

// REINFORCE until `episodes_budget` evaluations are spent (or the
// tracker's budget) with per-layer logits or ConfuciuX's LSTM network
// (lstm_policy.h), rewarded as ConfuciuX does (`confuciux_reward`) or by
// ours (per-layer Lagrangian advantages, docs/dse.md); returns the
// episodes run.
int64_t RunReinforce(const AssignmentSpace& space, const DseOptions& options,
                     int64_t episodes_budget, Tracker& t, RlPolicy policy,
                     bool confuciux_reward);

}  // namespace maestro::dse::confuciux

#endif  // MAESTRO_ONNX_DSE_CONFUCIUX_STRATEGIES_H_
