// The one way JSON is written and read from user files.
//
// Writing: names and paths come from user files and may hold any bytes;
// DumpJson replaces invalid UTF-8 with U+FFFD instead of throwing.
// Reading: nlohmann's dump, copy and compare recurse, so a value nested
// 100,000 deep overflows the stack; ParseUserJson refuses nesting deeper
// than kMaxJsonDepth before parsing, with file:line:col.
//
// Example:
//   std::cout << DumpJson(ResultsToJson(hw, nets), 2) << "\n";
//   absl::StatusOr<nlohmann::ordered_json> j =
//       ParseUserJson(text, "golden.json");   // "golden.json:1:65: error:
//                                             //  JSON nested deeper than 64"
//   std::string shown = JsonExcerpt(*j);       // at most ~60 bytes
#ifndef MAESTRO_ONNX_CORE_REPORT_JSON_TEXT_H_
#define MAESTRO_ONNX_CORE_REPORT_JSON_TEXT_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"

namespace maestro {

// Deeper than any file this program reads or writes (results are 4 deep).
inline constexpr int kMaxJsonDepth = 64;

// j.dump(indent) with invalid UTF-8 replaced (never throws).
template <typename J>
std::string DumpJson(const J& j, int indent = -1) {
  return j.dump(indent, ' ', false, J::error_handler_t::replace);
}

// An error "FILE:LINE:COL: error: JSON nested deeper than kMaxJsonDepth
// levels; expected ..." at the first bracket too deep, or OK.
absl::Status CheckJsonDepth(absl::string_view text, absl::string_view file,
                            absl::string_view expected);

// Parses text after CheckJsonDepth; a syntax error names file:line:col.
absl::StatusOr<nlohmann::ordered_json> ParseUserJson(
    absl::string_view text, absl::string_view file, absl::string_view expected);

// A short printable rendering of a user's value for a message: numbers as
// JSON text, `string "abc"`, `boolean true`, cut to ~60 bytes; arrays and
// objects by their size ("an array of 3 elements").
std::string JsonExcerpt(const nlohmann::ordered_json& v);
std::string JsonExcerpt(const nlohmann::json& v);

}  // namespace maestro

#endif  // MAESTRO_ONNX_CORE_REPORT_JSON_TEXT_H_
