// `maestro-onnx search ... --shard K/N` and the merge of its parts: the
// unique layers of a network search split into shards, each shard's
// layers searched with the budgets of the whole search and written as a
// part, and the parts merged into the search's --format json, byte for
// byte (timing fields aside: docs/distributed.md).
//
// Example:
//   NetworkSearch plan = PlanNetwork(t.name, t.layers, hw, opts);
//   absl::StatusOr<nlohmann::ordered_json> part = RunSearchPart(
//       plan, hw, opts, *ParseShard("1/3"), {"models/resnet18.onnx", ""});
//   ... one part per shard, in any order ...
//   absl::StatusOr<nlohmann::ordered_json> j =
//       MergeSearchParts({p0, p1, p2}, {"p0.json", "p1.json", "p2.json"});
//   j->dump(2);   // == `maestro-onnx search ... --format json`
//
// Shard K/N searches the unique layers u (numbered as the search numbers
// them) with u % N == K. Every shard plans the whole network (so budgets,
// instances and layer indices are the unsharded run's), and a unique
// layer's search depends on nothing else (SearchUnique).
#ifndef MAESTRO_ONNX_SHARDING_SEARCH_SHARD_H_
#define MAESTRO_ONNX_SHARDING_SEARCH_SHARD_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "search/network_search.h"
#include "sharding/network_shard.h"

namespace maestro {

// What names the search beyond its options: the target as given, the
// --layer selection ("" = all) and the frontend flags (NAME=...).
struct SearchRunName {
  std::string target, layer;
  std::vector<std::string> input_shapes, input_values;
};

// Searches the shard's unique layers of `plan` (PlanNetwork) and returns
// its part: {"schema": "maestro-onnx.part", "kind": "search", ...}.
absl::StatusOr<nlohmann::ordered_json> RunSearchPart(
    const search::NetworkSearch& plan, const Hardware& hw,
    const search::SearchOptions& options, const Shard& shard,
    const SearchRunName& run, const search::SearchProgress& progress = {},
    const search::BatchProgressFn& batch = {},
    const search::OwnDataflows& own = {});

// Whether `part` is a search part (kind "search").
bool IsSearchPart(const nlohmann::ordered_json& part);

// The search JSON of the parts. Errors, naming the part: not a search
// part, parts of different searches, a unique layer missing or in two
// parts. wall_s is the sum of the parts' wall_s (evals_per_s follows).
absl::StatusOr<nlohmann::ordered_json> MergeSearchParts(
    const std::vector<nlohmann::ordered_json>& parts,
    const std::vector<std::string>& names);

}  // namespace maestro

#endif  // MAESTRO_ONNX_SHARDING_SEARCH_SHARD_H_
