// The report's embedded assets (generated at build time by
// report/html/embed_assets.cmake): Chart.js from Debian's libjs-chart.js
// and the files of report/html/assets/.
//
// Example:
//   std::string page = absl::StrCat("<script>", kChartJs, "</script>");
#ifndef MAESTRO_ONNX_REPORT_HTML_ASSETS_H_
#define MAESTRO_ONNX_REPORT_HTML_ASSETS_H_

namespace maestro::html {

extern const char kChartJs[];         // chart.min.js
extern const char kChartJsVersion[];  // "Chart.js v3.9.1"
extern const char kCaptureJs[];       // records errors; runs first
extern const char kReportJs[];        // draws the report from its data
extern const char kReportCss[];

}  // namespace maestro::html

#endif  // MAESTRO_ONNX_REPORT_HTML_ASSETS_H_
