// CSV form of analysis results: one row per layer, with a header.
//
// Example:
//   WriteResultsCsv({net}, std::cout);
#ifndef MAESTRO_ONNX_CORE_REPORT_RESULT_CSV_H_
#define MAESTRO_ONNX_CORE_REPORT_RESULT_CSV_H_

#include <ostream>
#include <vector>

#include "core/engine/analysis.h"

namespace maestro {

void WriteResultsCsv(const std::vector<NetworkResult>& nets, std::ostream& os);

}  // namespace maestro

#endif  // MAESTRO_ONNX_CORE_REPORT_RESULT_CSV_H_
