// ConfuciuX's hardware assignment (`maestro-onnx dse --strategy rl-ga | ga |
// random`): per layer a number of PEs and a buffer level for a fixed
// dataflow, minimising the network's latency (or energy) under an area
// budget of min + budget_fraction * (max - min). rl-ga: REINFORCE over the
// layers for 1/11 of the evaluations (ConfuciuX's 2/3 of the epochs), then
// ConfuciuX's GA fine-tune from the RL's best distinct assignments; ga: the
// GA alone from a random population; random: uniform budget-feasible
// assignments. Where ours differs from ConfuciuX (the RL's reward, the GA's
// start, no repeated children): docs/dse.md "ConfuciuX".
//
// Example:
//   DseProblem p;  p.layers = JobLayersFromModel(model);
//   p.dataflow = "shidiannao";  p.base = *HardwarePreset("pe256");
//   DseOptions o;  o.strategy = DseStrategy::kRlGa;  o.budget_evals = 4000;
//   absl::StatusOr<DseResult> r = RunConfuciux(p, o);
//   r->best.fig.runtime_cycles;  r->assignment[3].pes;
//
// Counting: one evaluation is one assignment whose latency / energy the
// strategy reads (an RL episode, complete or ended by overshooting the
// budget, is one), repeats included. Budget checks that read only the area
// (random's rejection, the GA's undo) are not evaluations.
#ifndef MAESTRO_ONNX_DSE_CONFUCIUX_CONFUCIUX_H_
#define MAESTRO_ONNX_DSE_CONFUCIUX_CONFUCIUX_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "dse/confuciux/action_table.h"
#include "dse/dse.h"

namespace maestro::dse {

absl::StatusOr<DseResult> RunConfuciux(const DseProblem& problem,
                                       const DseOptions& options);

namespace confuciux {

inline constexpr int64_t kDefaultBudgetEvals = 4000;

// The best so far, each time it improves.
struct ConvergencePoint {
  int64_t evals = 0;  // evaluations done when it was found
  double objective = 0;
  bool feasible = false;
};

struct Outcome {
  DseResult result;
  Assignment best;  // action per layer
  AssignmentCost best_cost;
  std::vector<ConvergencePoint> convergence;
  int64_t distinct = 0;        // distinct assignments evaluated
  int64_t rejected = 0;        // random, ga: over-budget uniform draws redrawn
  int64_t rl_episodes = 0;     // rl-ga: episodes of the RL phase
  int64_t ga_generations = 0;  // ga / rl-ga
};

// rl-ga's policy: per-(layer, decision) logits (the default), or
// ConfuciuX's encoders + FC + LSTMCell network (lstm_policy.h; about 100x
// slower per episode), kept for the comparison in docs/dse.md.
enum class RlPolicy : uint8_t { kLogits, kLstm };

// How rl-ga and ga run. The command uses the default (ours); `confuciux`
// runs them as ConfuciuX's code reads (its per-step reward and returns,
// the GA from 20 copies of the RL's best, repeated children evaluated
// again), for the comparison in docs/dse.md. Both give the RL phase
// ConfuciuX's share, 1/11 of the evaluations (its 2/3 of the epochs).
struct Variant {
  RlPolicy policy = RlPolicy::kLogits;
  bool confuciux = false;
  double rl_share = -1;  // of the evaluations; < 0: 1/11
};

// The evaluations rl-ga gives its RL phase out of `budget`.
int64_t RlEvaluations(int64_t budget, const Variant& v);

// The strategy of options.strategy on a space already built (so many seeds
// share one table). Errors: a strategy other than rl-ga, ga or random.
absl::StatusOr<Outcome> Search(const AssignmentSpace& space,
                               const DseOptions& options, Variant v = {});

// The table, the space and the search, with the result's design point and
// per-layer assignment filled in.
absl::StatusOr<Outcome> RunDetailed(const DseProblem& problem,
                                    const DseOptions& options);

// The evaluations after which the best objective first came within
// `fraction` (0.01 = 1 %) of `target` while feasible; -1 if never.
int64_t EvalsToReach(const std::vector<ConvergencePoint>& c, double target,
                     double fraction);

}  // namespace confuciux
}  // namespace maestro::dse

#endif  // MAESTRO_ONNX_DSE_CONFUCIUX_CONFUCIUX_H_
