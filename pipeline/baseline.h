// Baselines for CI over model zoos: a compact JSON of every layer's and
// network's key figures, and the comparison of a new result with it.
//
// Example:
//   nlohmann::ordered_json b = MakeBaseline(RunsToJson(runs, hw));
//   std::ofstream("golden.json") << b.dump(1);
//   BaselineDiff d = CompareWithBaseline(b_loaded, MakeBaseline(current),
//   0.005); if (!d.ok()) for (auto& line : d.lines) std::cerr << line << "\n";
//
// A figure "moved" when |new - old| > tolerance * max(|old|, |new|); a layer
// or network present on one side only is a difference too. Both sides may
// be full result JSON (`--format json`) or baselines.
#ifndef MAESTRO_ONNX_PIPELINE_BASELINE_H_
#define MAESTRO_ONNX_PIPELINE_BASELINE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"

namespace maestro {

// Keeps the compared figures of a result JSON (schema "maestro-onnx.result").
nlohmann::ordered_json MakeBaseline(const nlohmann::ordered_json& result);

struct BaselineDiff {
  std::vector<std::string> lines;  // one readable line per difference
  int64_t compared = 0;            // figures compared
  bool ok() const { return lines.empty(); }
};

BaselineDiff CompareWithBaseline(const nlohmann::ordered_json& baseline,
                                 const nlohmann::ordered_json& current,
                                 double tolerance);

// "0.5%" -> 0.005, "0.01" -> 0.01; errors name the text.
absl::StatusOr<double> ParseTolerance(const std::string& text);

// Reads a baseline or result JSON file.
absl::StatusOr<nlohmann::ordered_json> LoadJsonFile(const std::string& path);

}  // namespace maestro

#endif  // MAESTRO_ONNX_PIPELINE_BASELINE_H_
