// The HTML report: one self-contained file (Chart.js, our script and style
// inlined, the results as one JSON blob) that opens from disk in any
// browser and fetches nothing. docs/report.md says what each plot shows.
//
// Example:
//   nlohmann::ordered_json data = html::NetworkReportData(runs, hw);
//   absl::StatusOr<int64_t> bytes = html::WriteReportFile("/tmp/r.html", data);
//   // or, for `search`:
//   bytes = html::WriteReportFile(path, html::SearchReportData(net, hw, o));
//
// The data's "kind" ("network" or "search") selects what the page draws;
// report/html/assets/report.js reads it. Same inputs give the same bytes.
#ifndef MAESTRO_ONNX_REPORT_HTML_HTML_REPORT_H_
#define MAESTRO_ONNX_REPORT_HTML_HTML_REPORT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/hardware.h"
#include "nlohmann/json.hpp"
#include "pipeline/model_run.h"
#include "search/network_search.h"

namespace maestro::html {

// The main job's results: per model its layers, every dataflow's per-layer
// figures and totals, the per-layer best, coverage and notes.
nlohmann::ordered_json NetworkReportData(const std::vector<ModelRun>& runs,
                                         const Hardware& hw);

// A search's results (SearchToJson's content) plus each layer's shape and
// convergence log.
nlohmann::ordered_json SearchReportData(const search::NetworkSearch& n,
                                        const Hardware& hw,
                                        const search::SearchOptions& o);

// The JSON text, safe inside a <script> element: '<', '>' and '&' written
// as \u003c, \u003e, \u0026 (so "</script>" in a layer name cannot end the
// element), invalid UTF-8 replaced by U+FFFD. JSON.parse reads it back
// unchanged.
std::string ScriptSafeJson(const nlohmann::ordered_json& data);

// The whole page.
std::string ReportPage(const nlohmann::ordered_json& data);

// Writes ReportPage(data) to `path`: the bytes written, or an error naming
// the path.
absl::StatusOr<int64_t> WriteReportFile(const std::string& path,
                                        const nlohmann::ordered_json& data);

}  // namespace maestro::html

#endif  // MAESTRO_ONNX_REPORT_HTML_HTML_REPORT_H_
