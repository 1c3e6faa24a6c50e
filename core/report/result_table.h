// Human-readable table of analysis results (fits in 100 columns; thousands
// grouped; units in the header).
//
// Example:
//   WriteResultsTable(hw, {net}, std::cout);
#ifndef MAESTRO_ONNX_CORE_REPORT_RESULT_TABLE_H_
#define MAESTRO_ONNX_CORE_REPORT_RESULT_TABLE_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "core/engine/analysis.h"

namespace maestro {

// 1234567 -> "1,234,567".
std::string GroupThousands(int64_t v);

void WriteResultsTable(const Hardware& hw,
                       const std::vector<NetworkResult>& nets,
                       std::ostream& os);

}  // namespace maestro

#endif  // MAESTRO_ONNX_CORE_REPORT_RESULT_TABLE_H_
