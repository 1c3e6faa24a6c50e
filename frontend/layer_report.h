// Printing an ExtractedModel: a human table, CSV (one row per node) or JSON
// (keys as in models/layers/<model>.json where they mean the same), plus
// the per-type totals and the coverage report.
//
// Example:
//   std::string text = FormatLayers(model, ReportFormat::kTable);
//   std::string json = FormatLayers(model, ReportFormat::kJson);
#ifndef MAESTRO_ONNX_FRONTEND_LAYER_REPORT_H_
#define MAESTRO_ONNX_FRONTEND_LAYER_REPORT_H_

#include <cstdint>
#include <map>
#include <string>

#include "frontend/onnx_frontend.h"

namespace maestro::frontend {

enum class ReportFormat { kTable, kCsv, kJson };

std::string FormatLayers(const ExtractedModel& model, ReportFormat format);

// Per layer kind ("conv", "dwconv", "grouped", "convtranspose", "gemm",
// "matmul", and "recurrent" / "attention" when present): count and true
// MACs of unconditional layers; "in_subgraphs"
// sums the layers of If/Loop bodies that were not inlined; "total" the rest.
struct LayerTotals {
  std::map<std::string, int64_t> count, macs;
  int64_t total_macs = 0;
  int64_t conditional_macs = 0;
};
LayerTotals ComputeTotals(const ExtractedModel& model);

// "1.23 ms" style timing lines for --timings.
std::string FormatTimings(const FrontendTimings& t);

}  // namespace maestro::frontend

#endif  // MAESTRO_ONNX_FRONTEND_LAYER_REPORT_H_
