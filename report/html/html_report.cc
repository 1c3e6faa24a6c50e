#include "report/html/html_report.h"

#include <fstream>

#include "absl/strings/str_cat.h"
#include "core/report/json_text.h"
#include "report/html/assets.h"

namespace maestro::html {

std::string ScriptSafeJson(const nlohmann::ordered_json& data) {
  const std::string text = DumpJson(data);
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  // '<', '>' and '&' occur only inside JSON strings, where \uXXXX is the
  // same character.
  for (char c : text) {
    switch (c) {
      case '<':
        out += "\\u003c";
        break;
      case '>':
        out += "\\u003e";
        break;
      case '&':
        out += "\\u0026";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string ReportPage(const nlohmann::ordered_json& data) {
  return absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\">\n<meta name=\"generator\" content=\"maestro-onnx "
      "(",
      kChartJsVersion, ")\">\n<title>maestro-onnx report</title>\n<script>",
      kCaptureJs, "</script>\n<style>", kReportCss,
      "</style>\n</head>\n<body>\n<main id=\"report\"><noscript>This report "
      "draws its tables and charts with JavaScript.</noscript></main>\n"
      "<script type=\"application/json\" id=\"report-data\">",
      ScriptSafeJson(data), "</script>\n<script>", kChartJs,
      "</script>\n<script>", kReportJs, "</script>\n</body>\n</html>\n");
}

absl::StatusOr<int64_t> WriteReportFile(const std::string& path,
                                        const nlohmann::ordered_json& data) {
  const std::string page = ReportPage(data);
  std::ofstream f(path, std::ios::binary);
  if (!f || !(f << page) || !f.flush()) {
    return absl::PermissionDeniedError(
        absl::StrCat("--report ", path, ": cannot write the file"));
  }
  return static_cast<int64_t>(page.size());
}

}  // namespace maestro::html
