#include "core/engine/hardware_sweep.h"

#include "absl/strings/str_cat.h"

namespace maestro::engine {

absl::Status HardwareSweep::Prepare(const PreparedLayer& layer,
                                    const MappingValue& m, const Hardware& hw,
                                    const AnalysisOptions& options) {
  prepared_hw_ = hw;
  free_empty_ = options.semantics == Semantics::kExact;
  status_ = engine::Evaluate(layer, m, hw, options, ws_, base_);
  if (!status_.ok()) return status_;
  // The analysis that ran (AnalyzeMapping: the loop nest or the case rules).
  const CaseBook& analysed = base_.loop_nest ? ws_.exact.book : ws_.level.book;
  book_.CompactFrom(analysed);
  num_cases_ = num_analysed_cases_ = 0;
  for (int a = 0; a < book_.num_analyses(); ++a) {
    num_cases_ += static_cast<int64_t>(book_.Cases(a).size());
    num_analysed_cases_ += static_cast<int64_t>(analysed.Cases(a).size());
  }
  return status_;
}

absl::Status HardwareSweep::Evaluate(const Hardware& hw, Figures& f) {
  if (!status_.ok()) return status_;
  if (hw.num_pes != prepared_hw_.num_pes ||
      hw.simd_lanes != prepared_hw_.simd_lanes ||
      hw.noc_latency != prepared_hw_.noc_latency) {
    return absl::InvalidArgumentError(
        absl::StrCat("HardwareSweep: prepared for ", prepared_hw_.num_pes,
                     " PEs x ", prepared_hw_.simd_lanes, " lanes, NoC latency ",
                     prepared_hw_.noc_latency, "; got ", hw.num_pes, " x ",
                     hw.simd_lanes, ", ", hw.noc_latency));
  }
  if (absl::Status s = CheckHardware(hw); !s.ok()) return s;
  f = base_;
  f.runtime_cycles = CostRuntimes(book_, CostRuleOf(hw, free_empty_));
  HardwareFigures(hw, f);
  return absl::OkStatus();
}

}  // namespace maestro::engine
