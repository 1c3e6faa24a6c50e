// Reports of whole-network runs: the human table (per-layer table, network
// totals, costliest layers, coverage; or, with several dataflows, the
// comparison table and the per-layer best), CSV and JSON.
//
// Example:
//   WriteRunsTable(runs, hw, std::cout);
//   std::cout << RunsToJson(runs, hw).dump(2);
//   WriteRunsCsv(runs, std::cout);
//
// The JSON follows `eval`'s schema ("maestro-onnx.result", schema_version 1;
// docs/result.schema.json) and adds per layer the ONNX node and op, per
// network the frontend's coverage report, the comparison and the per-layer
// best.
#ifndef MAESTRO_ONNX_PIPELINE_NETWORK_REPORT_H_
#define MAESTRO_ONNX_PIPELINE_NETWORK_REPORT_H_

#include <ostream>
#include <string>
#include <vector>

#include "core/hardware.h"
#include "nlohmann/json.hpp"
#include "pipeline/model_run.h"

namespace maestro {

// "3->64 7x7/2 @230", "dw32 3x3/1 @114", "fc 768->2304 M197 x12".
std::string LayerShapeBrief(const JobLayer& l);

// 1536 -> "1.5 KiB"; 12 -> "12 B".
std::string HumanBytes(double bytes);

void WriteRunsTable(const std::vector<ModelRun>& runs, const Hardware& hw,
                    std::ostream& os);
void WriteRunsCsv(const std::vector<ModelRun>& runs, std::ostream& os);
nlohmann::ordered_json RunsToJson(const std::vector<ModelRun>& runs,
                                  const Hardware& hw);

}  // namespace maestro

#endif  // MAESTRO_ONNX_PIPELINE_NETWORK_REPORT_H_
