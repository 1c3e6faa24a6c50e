#include "core/engine/hardware_sweep.h"

#include "absl/strings/str_cat.h"

namespace maestro::engine {

// Reference implementation: every Evaluate runs the whole fast path. It
// defines the numbers a faster re-costing must reproduce.
absl::Status HardwareSweep::Prepare(const PreparedLayer& layer,
                                    const MappingValue& m, const Hardware& hw,
                                    const AnalysisOptions& options) {
  layer_ = &layer;
  mapping_ = m;
  prepared_hw_ = hw;
  options_ = options;
  Figures f;
  return engine::Evaluate(layer, m, hw, options, ws_, f);
}

absl::Status HardwareSweep::Evaluate(const Hardware& hw, Figures& f) {
  if (layer_ == nullptr) {
    return absl::FailedPreconditionError("HardwareSweep: Prepare first");
  }
  if (hw.num_pes != prepared_hw_.num_pes ||
      hw.simd_lanes != prepared_hw_.simd_lanes ||
      hw.noc_latency != prepared_hw_.noc_latency) {
    return absl::InvalidArgumentError(absl::StrCat(
        "HardwareSweep: prepared for ", prepared_hw_.num_pes, " PEs x ",
        prepared_hw_.simd_lanes, " lanes, NoC latency ",
        prepared_hw_.noc_latency, "; got ", hw.num_pes, " x ", hw.simd_lanes,
        ", ", hw.noc_latency));
  }
  return engine::Evaluate(*layer_, mapping_, hw, options_, ws_, f);
}

}  // namespace maestro::engine
