// Analysis of one cluster level for given dim sizes: enumerates the level's
// iteration cases (MAESTRO's case order), books traffic, MACs, delays and
// buffer needs per case, and recurses into the level below for the compute
// delay of outer levels (sub-analyses are memoised per dim sizes).
//
// Example:
//   engine::LevelAnalyzer a(model, hw, /*exact=*/false);
//   const engine::LevelResult& top = a.Run();
//   top.runtime;                 // cycles
//   a.FirstLeaf().l1_req[kInput];  // per-PE L1 need of the input
#ifndef MAESTRO_ONNX_CORE_ENGINE_LEVEL_ANALYSIS_H_
#define MAESTRO_ONNX_CORE_ENGINE_LEVEL_ANALYSIS_H_

#include <array>
#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "core/engine/layer_model.h"
#include "core/engine/level_tables.h"
#include "core/hardware.h"

namespace maestro::engine {

struct LevelResult {
  int64_t runtime = 0;   // cycles (sum of occurrences x case delay)
  int64_t macs = 0;      // MACs of the valid cases
  int64_t macs_all = 0;  // MACs of all cases (MAESTRO's output L1 counts)
  std::array<int64_t, 2> ingress{};    // input, filter elements moved down
  int64_t egress = 0;                  // output elements moved up
  std::array<int64_t, 2> pe_writes{};  // input, filter elements written
                                       // into PE buffers (all PEs below)
  int64_t occurrences = 0;             // valid case occurrences
  int64_t peak_bw = 0;
  int64_t avg_bw_num = 0;           // maestro: sum of floored occ x ratio
  double avg_bw_sum = 0;            // exact: sum of occ x ratio
  std::array<int64_t, 3> l2_req{};  // this level's upstream buffer needs
  std::array<int64_t, 3> l1_req{};  // per sub-unit buffer needs
  // Delay statistics over valid cases (compute delay 0 counted as 1).
  int64_t in_min = 0, in_max = 0, eg_min = 0, eg_max = 0, cp_min = 0,
          cp_max = 0;
  double in_sum = 0, eg_sum = 0, cp_sum = 0;  // occurrence-weighted
  double active_sum = 0;  // occurrence-weighted active sub-units (PEs)
  // Top level: cycles decided by compute, NoC, off-chip.
  std::array<int64_t, 3> bound_cycles{};
  double offchip_peak = 0;  // elements/cycle (exact rule)
  // Top level: elements the off-chip floor charges (per case the L2 fill of
  // input + filter and the drain of outputs, x occurrences).
  int64_t offchip_modelled = 0;
  // Exact analysis: elements of each tensor one PE needs in one step, max
  // over every PE and step below this level (input, filter, output).
  std::array<int64_t, 3> pe_need{};

  double AvgActive() const {
    return occurrences ? active_sum / occurrences : 0;
  }
};

// One case of a level as both analyses (LevelAnalyzer, ExactAnalyzer) book
// it: the traffic and compute of one occurrence and how often it occurs.
struct CaseCost {
  int64_t occ = 0;      // occurrences
  int64_t ingress = 0;  // input + filter elements moved to the sub-units
  int64_t egress = 0;   // output elements moved up
  int64_t compute = 0;  // cycles of the level below (or the PEs)
  int64_t ingress_delay = 0, egress_delay = 0;  // NoC delays of the two
  double active = 0;                            // active sub-units
  bool all_init = false;  // the first step: compute after the ingress
};

// The top level's least case delay: half of what the L2 needs take over
// the off-chip link, ⌊⌊(L2 input + filter)/bw⌋/2⌋ and ⌊⌊L2 output/bw⌋/2⌋
// (MAESTRO's rule).
int64_t OffchipFloor(const std::array<int64_t, 3>& l2_req, int64_t bw);

// The shared case accumulator: books a case's delay (the all-Init case
// compute + ingress, others the max of ingress, compute and egress; at the
// top level at least `offchip_floor`) into the runtime and, with
// `statistics` (AnalyzeLayer's reporting; nothing the fast path's figures
// read), the term that decided it, occurrences, active units, the NoC
// bandwidth ratios and the delay statistics into `res`. BeginCases /
// EndCases set up and close the min statistics.
void BeginCases(LevelResult& res);
void BookCase(const CaseCost& c, bool top, int64_t offchip_floor,
              bool statistics, LevelResult& res);
void EndCases(bool any_case, LevelResult& res);

// What a LevelAnalyzer keeps between calls (no allocation once grown).
struct LevelWorkspace {
  struct Entry {
    int level;
    std::array<int64_t, kNumDims> dims;
    LevelResult result;
  };
  std::vector<LevelTables> base_tables;
  std::vector<Entry> memo;
  bool statistics = true;  // BookCase's reporting statistics
};

class LevelAnalyzer {
 public:
  // `ws` (optional) is reused and must outlive the analyzer's results.
  LevelAnalyzer(const LayerModel& lm, const Hardware& hw, bool exact,
                LevelWorkspace* ws = nullptr);
  // Analyses the whole layer; the reference stays valid while `this` lives.
  const LevelResult& Run();
  // The first innermost-level analysis that finished (MAESTRO's L1 sizes).
  // The first leaf-level result; all zeros when no valid case at an upper
  // level reached the leaf (it was read from before memo_ then: ASan).
  const LevelResult& FirstLeaf() const {
    static const LevelResult kNone{};
    return first_leaf_ < 0 ? kNone : ws_.memo[first_leaf_].result;
  }
  // The largest per-PE L1 needs over every innermost-level analysis (exact
  // semantics: the first one may be an idle unit's, with no need at all).
  std::array<int64_t, 3> LeafL1Max() const;

 private:
  int Analyze(int li, const std::array<int64_t, kNumDims>& dims);
  int64_t NocDelay(int64_t v) const;

  const LayerModel& lm_;
  const Hardware& hw_;
  bool exact_;
  LevelWorkspace own_;
  LevelWorkspace& ws_;
  int first_leaf_ = -1;
};

}  // namespace maestro::engine

#endif  // MAESTRO_ONNX_CORE_ENGINE_LEVEL_ANALYSIS_H_
