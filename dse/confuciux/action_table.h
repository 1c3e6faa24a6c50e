// ConfuciuX's problem (Kao, Jeong, Krishna, MICRO 2020): a fixed dataflow
// and, per layer, a number of PEs and a buffer level. The 144 actions of
// every unique layer are costed once by the engine into an ActionTable; an
// assignment (one action per layer) is then costed by lookups
// (AssignmentSpace). docs/dse.md "ConfuciuX" defines how the level
// parameterises a library dataflow and where it differs from ConfuciuX.
//
// Example:
//   absl::StatusOr<ActionTable> t = BuildActionTable(problem, analysis, 2);
//   absl::StatusOr<AssignmentSpace> s =
//       AssignmentSpace::Make(*t, problem.base, AssignmentReading::kSum,
//                             DseObjective::kLatency, 0.5);
//   Assignment a(t->layers.size(), ActionOf(/*pe_index=*/3, /*level=*/2));
//   AssignmentCost c = s->Cost(a);
//   c.runtime_cycles; c.area_um2; s->Feasible(c);   // area <= budget
#ifndef MAESTRO_ONNX_DSE_CONFUCIUX_ACTION_TABLE_H_
#define MAESTRO_ONNX_DSE_CONFUCIUX_ACTION_TABLE_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/area_model.h"
#include "core/dsl/dataflow_library.h"
#include "core/hardware.h"
#include "core/mapping.h"
#include "dse/dse.h"

namespace maestro::dse::confuciux {

// ConfuciuX's action sets (src/utils/get_action_space.py).
inline constexpr std::array<int64_t, 12> kPeChoices = {1,  2,  4,  8,  12, 16,
                                                       24, 32, 48, 64, 96, 128};
inline constexpr int kLevels = 12;  // buffer levels 1..12
inline constexpr int kActions = 144;

// An action is pe_index * kLevels + (level - 1).
inline int ActionOf(int pe_index, int level) {
  return pe_index * kLevels + level - 1;
}
inline int PeIndexOf(int action) { return action / kLevels; }
inline int LevelOf(int action) { return action % kLevels + 1; }
inline int64_t PesOf(int action) { return kPeChoices[PeIndexOf(action)]; }

// One action of a layer costed on a sub-accelerator of its own: `pes` PEs,
// buffers exactly the mapping's needs.
struct ActionCost {
  bool ok = false;  // false: the dataflow does not resolve or analyse
  int64_t runtime_cycles = 0;  // one instance
  double energy_pj = 0;        // one instance
  int64_t l1_req = 0;          // per PE, elements
  int64_t l2_req = 0;
  double area_um2 = 0;         // EstimateArea(pes, l1_req, l2_req)
  double static_power_mw = 0;  // the area model's module power (maestro)
};

struct ActionTable {
  std::vector<std::string> layers;  // node name per problem layer
  std::vector<int64_t> repeat;      // per problem layer
  // Per problem layer, ConfuciuX's row K, C, Y, X, R, S, T (T: 1 conv, 2
  // depthwise; K = 1 for depthwise): the LSTM policy's input.
  std::vector<std::array<double, 7>> dims;
  std::vector<int> unique_of_layer;  // index into `unique`
  std::vector<std::array<ActionCost, kActions>> unique;
  std::vector<std::string> unique_error;  // first failure, per unique layer
  int64_t engine_evals = 0;               // analyses run to build it

  const ActionCost& At(size_t layer, int action) const {
    return unique[unique_of_layer[layer]][action];
  }
};

// The one dataflow of a --dataflow value (a library name or a file); an
// error when it names none or several.
absl::StatusOr<DataflowLibraryFile> SelectDataflow(absl::string_view spec);

// The library dataflow `df` (the block chosen for `layer`) set to `pes` PEs
// and buffer `level`: every physical Cluster(n) becomes Cluster(min(n,
// pes)); the first map on the tiled dim (K; C for DSCONV) has its size and
// offset multiplied by `level`, capped at the dim's size. An error when the
// block has no map on the tiled dim.
absl::StatusOr<Dataflow> ParameteriseDataflow(const Dataflow& df,
                                              const Layer& layer, int64_t pes,
                                              int level);

// Costs every action of every unique layer of `problem` (identical type,
// dims and strides share a row) with the main job's per-layer analysis, on
// `threads` threads; the table is the same for any thread count. Errors:
// no layers, an unknown dataflow or one without a block for a layer, a
// layer none of whose 144 actions can be costed.
absl::StatusOr<ActionTable> BuildActionTable(const DseProblem& problem,
                                             const AnalysisOptions& analysis,
                                             int threads);

// One action per problem layer.
using Assignment = std::vector<uint8_t>;

struct AssignmentCost {
  bool ok = false;             // every action costed
  int64_t runtime_cycles = 0;  // sum over layers x repeat
  double energy_pj = 0;
  double area_um2 = 0;  // sum of sub-accelerators, or the shared one
  double power_mw = 0;
  int64_t pes = 0;      // sum (sub-accelerators) or max (shared)
  int64_t l1_size = 0;  // max per-PE L1 need
  int64_t l2_size = 0;  // sum or max of the L2 needs
};

// The budgeted problem: costing, objective and budget of assignments.
class AssignmentSpace {
 public:
  // Budget = min + fraction * (max - min) over ConfuciuX's four corner
  // assignments (all PEs x all levels smallest / largest). Errors: an
  // objective other than latency or energy, a fraction outside (0, 1], a
  // corner that cannot be costed, a zero budget.
  static absl::StatusOr<AssignmentSpace> Make(const ActionTable& table,
                                              const Hardware& base,
                                              AssignmentReading reading,
                                              DseObjective objective,
                                              double fraction);

  AssignmentCost Cost(const Assignment& a) const;
  // Area only (no latency read): what a budget check needs.
  double Area(const Assignment& a) const;
  double Objective(const AssignmentCost& c) const;
  bool Feasible(const AssignmentCost& c) const {
    return c.ok && c.area_um2 <= budget_;
  }
  // Ranking: feasible first, then objective, then area; then the actions.
  bool Better(const AssignmentCost& a, const Assignment& aa,
              const AssignmentCost& b, const Assignment& ab) const;

  const ActionTable& table() const { return *table_; }
  size_t num_layers() const { return table_->layers.size(); }
  AssignmentReading reading() const { return reading_; }
  double budget() const { return budget_; }
  double min_area() const { return min_area_; }
  double max_area() const { return max_area_; }

 private:
  const ActionTable* table_ = nullptr;
  Hardware base_;
  AreaModel model_;
  AssignmentReading reading_ = AssignmentReading::kSum;
  DseObjective objective_ = DseObjective::kLatency;
  double budget_ = 0, min_area_ = 0, max_area_ = 0;
};

}  // namespace maestro::dse::confuciux

#endif  // MAESTRO_ONNX_DSE_CONFUCIUX_ACTION_TABLE_H_
