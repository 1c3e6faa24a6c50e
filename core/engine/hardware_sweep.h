// One mapping of one layer costed on many hardware points that share the
// PE array (PEs, SIMD lanes, NoC latency) and differ in buffers, bandwidths
// (noc_bw, offchip_bw) or the energy table: what a hardware sweep needs.
// Prepare analyses the mapping once (engine::Evaluate: the per-case
// volumes, counts and compute cycles, docs/engine.md "Cases and their
// costing") and keeps its cases, those that cost alike merged; each
// Evaluate re-costs them at a point with the analysis' own costing
// (CostRuntimes) and recomputes fits and energies (HardwareFigures). Its
// figures equal engine::Evaluate's on the same hardware
// (tests/core/hardware_sweep_test.cc checks them field by field).
//
// Example:
//   engine::HardwareSweep sweep;
//   absl::Status s = sweep.Prepare(prepared_layer, mapping, hw, options);
//   for (int64_t bw : {8, 16, 32}) {
//     Hardware h = hw;
//     h.noc_bw = bw;
//     engine::Figures f;
//     s = sweep.Evaluate(h, f);   // no heap allocation
//   }
#ifndef MAESTRO_ONNX_CORE_ENGINE_HARDWARE_SWEEP_H_
#define MAESTRO_ONNX_CORE_ENGINE_HARDWARE_SWEEP_H_

#include <cstdint>

#include "absl/status/status.h"
#include "core/engine/case_book.h"
#include "core/engine/fast_eval.h"
#include "core/hardware.h"

namespace maestro::engine {

class HardwareSweep {
 public:
  // Analyses `m` on `layer` for hardware like `hw` (its PE array is fixed
  // from here on). Errors as engine::Evaluate's; Evaluate then returns the
  // same error.
  absl::Status Prepare(const PreparedLayer& layer, const MappingValue& m,
                       const Hardware& hw, const AnalysisOptions& options);

  // The figures on `hw`. An error when `hw` changes what Prepare fixed
  // (PEs, SIMD lanes, NoC latency) or a bandwidth is not positive.
  absl::Status Evaluate(const Hardware& hw, Figures& f);

  // Cases one Evaluate costs (after merging) and the analysis had.
  int64_t num_cases() const { return num_cases_; }
  int64_t num_analysed_cases() const { return num_analysed_cases_; }

 private:
  absl::Status status_ =
      absl::FailedPreconditionError("HardwareSweep: Prepare first");
  Hardware prepared_hw_;
  bool free_empty_ = true;  // CostRule::free_empty of the semantics
  Figures base_;            // the figures at Prepare's hardware
  CaseBook book_;           // the analysis' cases, merged
  int64_t num_cases_ = 0, num_analysed_cases_ = 0;
  Workspace ws_;
};

}  // namespace maestro::engine

#endif  // MAESTRO_ONNX_CORE_ENGINE_HARDWARE_SWEEP_H_
