// JSON form of analysis results ("maestro-onnx.result", schema_version 1).
//
// Example:
//   nlohmann::ordered_json j = ResultsToJson(hw, {net});
//   std::cout << j.dump(2);
// Layout: {"schema", "schema_version", "hardware": {...}, "dataflows":
// [{"dataflow", "network", "layers": [LAYER...], "totals": {...}}]}; see
// docs/cost-model.md for every field and its unit.
#ifndef MAESTRO_ONNX_CORE_REPORT_RESULT_JSON_H_
#define MAESTRO_ONNX_CORE_REPORT_RESULT_JSON_H_

#include <vector>

#include "core/engine/analysis.h"
#include "nlohmann/json.hpp"

namespace maestro {

// The hardware as a hardware file of ours reads it back (`--hw`).
nlohmann::ordered_json HardwareToJson(const Hardware& hw);
// The configured design's area under hw.area_model: {"model", "area_um2",
// "mac_um2", "l1_um2", "l2_um2", "noc_um2"[, "module_power_mw"]}.
nlohmann::ordered_json DesignAreaToJson(const Hardware& hw);
nlohmann::ordered_json LayerResultToJson(const LayerResult& r,
                                         const Layer* layer);
// The "totals" object of one network (runtime_cycles, macs, energy_pj, ...).
nlohmann::ordered_json TotalsToJson(const NetworkTotals& totals);
nlohmann::ordered_json ResultsToJson(
    const Hardware& hw, const std::vector<NetworkResult>& nets,
    const std::vector<std::vector<Layer>>* layers = nullptr);

}  // namespace maestro

#endif  // MAESTRO_ONNX_CORE_REPORT_RESULT_JSON_H_
