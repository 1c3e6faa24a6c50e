// Human-readable table of analysis results (`eval`): per layer MACs,
// cycles, utilisation, energy, buffer needs in bytes and what bounds it, in
// the units of the main job's report (core/report/format.h).
//
// Example:
//   WriteResultsTable(hw, {net}, std::cout, TerminalWidth());
#ifndef MAESTRO_ONNX_CORE_REPORT_RESULT_TABLE_H_
#define MAESTRO_ONNX_CORE_REPORT_RESULT_TABLE_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "core/engine/analysis.h"
#include "core/report/format.h"

namespace maestro {

// `width`: the columns the table may use (names are elided in the middle to
// fit, never made ambiguous); 0 = as wide as the longest name needs.
void WriteResultsTable(const Hardware& hw,
                       const std::vector<NetworkResult>& nets, std::ostream& os,
                       int width = 100);

}  // namespace maestro

#endif  // MAESTRO_ONNX_CORE_REPORT_RESULT_TABLE_H_
