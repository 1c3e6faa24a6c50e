// The main job as a list of items (models x hardware points x dataflows),
// split into shards, each shard's result a part file, and the merge of the
// parts into the result of the unsharded run, byte for byte.
//
// Example:
//   absl::StatusOr<NetworkPlan> plan = MakeNetworkPlan(spec);
//   absl::StatusOr<Shard> shard = ParseShard("1/3");      // 0-based K/N
//   absl::StatusOr<nlohmann::ordered_json> part =
//       RunPart(*plan, ShardItems(*plan, *shard), job);
//   ... one part per shard, in any order ...
//   absl::StatusOr<std::vector<nlohmann::ordered_json>> results =
//       MergeParts({part0, part1, part2}, {"p0.json", "p1.json", "p2.json"});
//   DumpJson((*results)[0], 1);   // == the unsharded run's --format json
//
// Items are numbered model-major, then hardware point, then dataflow;
// shard K/N holds the items i with i % N == K, so the shards of any N
// partition the run. A part carries the plan (what every shard must agree
// on), its item numbers and what the merge needs of each model and run
// (sharding/part_json.h): merging needs neither N nor the models.
#ifndef MAESTRO_ONNX_SHARDING_NETWORK_SHARD_H_
#define MAESTRO_ONNX_SHARDING_NETWORK_SHARD_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "pipeline/model_run.h"

namespace maestro {

struct Shard {
  int64_t index = 0;  // K, 0 <= K < count
  int64_t count = 1;  // N
};
// "K/N" with 0 <= K < N (K is a Slurm array task id).
absl::StatusOr<Shard> ParseShard(absl::string_view text);

// Numbers as "3, 7, 9 ... (12 in all)" (the first 8), for merge errors.
std::string ListNumbers(const std::vector<int64_t>& numbers);

// What a main-job run is, as given on its command line.
struct NetworkSpec {
  std::vector<std::string> models;
  std::string dataflow = "nvdla";  // as --dataflow: names, "all", FILE.m
  std::vector<Hardware> hardware;  // resolved hardware points (>= 1)
  Semantics semantics = Semantics::kExact;
  std::vector<std::string> input_shapes, input_values;  // NAME=...
  std::string conv_form = "exact";
};

struct NetworkPlan {
  NetworkSpec spec;
  std::vector<DataflowLibraryFile> dataflows;  // spec.dataflow selected
  frontend::FrontendOptions frontend;
  nlohmann::ordered_json identity;  // what the parts of one run share

  int64_t items() const;
  struct Item {
    size_t model, hardware, dataflow;
  };
  Item ItemAt(int64_t i) const;
};

absl::StatusOr<NetworkPlan> MakeNetworkPlan(const NetworkSpec& spec);

std::vector<int64_t> ShardItems(const NetworkPlan& plan, const Shard& shard);

// Runs the given items (each model loaded once; `job.threads` as in the
// command) and returns their part: {"schema": "maestro-onnx.part", ...}.
absl::StatusOr<nlohmann::ordered_json> RunPart(
    const NetworkPlan& plan, const std::vector<int64_t>& items,
    const JobOptions& job);

// The runs the parts hold, one vector of ModelRuns per hardware point,
// with the per-layer best (computed as RunModel does). Errors, naming the
// part: not a part, parts of different runs, an item missing or in two
// parts, a model no dataflow costed (CheckSomethingCosted).
struct MergedRuns {
  std::vector<Hardware> hardware;
  std::vector<std::vector<ModelRun>> runs;  // [hardware point][model]
};
absl::StatusOr<MergedRuns> MergeRuns(
    const std::vector<nlohmann::ordered_json>& parts,
    const std::vector<std::string>& names);

// RunsToJson of each hardware point's merged runs: what `maestro-onnx
// MODELS... --format json` prints for that hardware.
absl::StatusOr<std::vector<nlohmann::ordered_json>> MergeParts(
    const std::vector<nlohmann::ordered_json>& parts,
    const std::vector<std::string>& names);

}  // namespace maestro

#endif  // MAESTRO_ONNX_SHARDING_NETWORK_SHARD_H_
