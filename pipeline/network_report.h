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
// best (by the job's objective). The CSV ends each model / dataflow with a
// TOTAL row (status "total", or "partial total").
#ifndef MAESTRO_ONNX_PIPELINE_NETWORK_REPORT_H_
#define MAESTRO_ONNX_PIPELINE_NETWORK_REPORT_H_

#include <ostream>
#include <string>
#include <vector>

#include "core/hardware.h"
#include "core/report/format.h"
#include "nlohmann/json.hpp"
#include "pipeline/model_run.h"

namespace maestro {

// "3->64 7x7/2 @230" (input -> output channels, filter/stride, input rows
// with padding), "dw32 3x3/1 @114", "fc 768->2304 M197 x12" (M rows, 12
// instances), "gemm 64x64x64".
std::string LayerShapeBrief(const JobLayer& l);

struct ReportOptions {
  // Columns the tables may use: layer names are elided in the middle to
  // fit (never made ambiguous, never below 20 characters); shapes and
  // messages are never cut. 0 = no limit (--wide). TerminalWidth() gives
  // the terminal's width, or 100 when stdout is not a terminal.
  int width = 100;
};

// Several models end with a summary table across them.
// The "not_costed" list of the JSON outputs: per node, its name, op, why,
// and "macs_estimate" where the shapes are known.
nlohmann::ordered_json UncostedToJson(const std::vector<UncostedNode>& u);

void WriteRunsTable(const std::vector<ModelRun>& runs, const Hardware& hw,
                    std::ostream& os, const ReportOptions& options = {});
void WriteRunsCsv(const std::vector<ModelRun>& runs, std::ostream& os);
nlohmann::ordered_json RunsToJson(const std::vector<ModelRun>& runs,
                                  const Hardware& hw);

}  // namespace maestro

#endif  // MAESTRO_ONNX_PIPELINE_NETWORK_REPORT_H_
