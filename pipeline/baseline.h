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

#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"

namespace maestro {

// Keeps the compared figures of a result JSON (schema "maestro-onnx.result").
nlohmann::ordered_json MakeBaseline(const nlohmann::ordered_json& result);

// What moved in one network / dataflow entry of the baseline.
struct EntryDiff {
  std::string key;         // "resnet18 / nvdla"
  int64_t moved = 0;       // figures beyond the tolerance
  int64_t other = 0;       // layers or figures present on one side only
  double largest_rel = 0;  // |new - old| / |old| of the largest move
  std::string largest;     // its detail line, "" when none moved
};

struct BaselineDiff {
  std::vector<std::string> lines;  // one readable line per difference
  std::vector<EntryDiff> entries;  // entries with differences, baseline order
  // "num_pes 256 -> 128", one per hardware field that differs (the figures
  // are then expected to move).
  std::vector<std::string> hardware_changes;
  int64_t compared = 0;  // figures compared
  bool ok() const { return lines.empty(); }
};

BaselineDiff CompareWithBaseline(const nlohmann::ordered_json& baseline,
                                 const nlohmann::ordered_json& current,
                                 double tolerance);

// The report of a comparison, for a person: the summary first (figures
// compared, whether the hardware differs from the baseline's, per network /
// dataflow the figures moved and the largest change), then the details,
// the first `max_details` of them (all when max_details < 0).
//   baseline golden.json: 3 differences beyond tolerance 0.5 % ...
void WriteBaselineDiff(const BaselineDiff& d, const std::string& path,
                       const std::string& tolerance_text, int max_details,
                       std::ostream& os);

// What a baseline holds, for the confirmation of --write-baseline:
// "2 models (alexnet, vgg16), 8 dataflows (eyeriss, ...), hardware pe256".
std::string DescribeBaseline(const nlohmann::ordered_json& baseline);

// A percentage, as printed: "0.5%" and "0.5" -> 0.005, "5" -> 0.05; anything
// else (negative, above 100, not a number) is an error naming the text.
absl::StatusOr<double> ParseTolerance(const std::string& text);

// Reads a baseline or result JSON file.
absl::StatusOr<nlohmann::ordered_json> LoadJsonFile(const std::string& path);

}  // namespace maestro

#endif  // MAESTRO_ONNX_PIPELINE_BASELINE_H_
