// `maestro-onnx dse ... --strategy sweep --shard K/N` and the merge of its
// parts: the grid's points split into shards, each shard's points costed
// and written as a part, and the parts merged into the unsharded
// `dse --format json`, byte for byte (timing fields aside:
// docs/distributed.md).
//
// Example:
//   absl::StatusOr<nlohmann::ordered_json> part =
//       RunDsePart(problem, options, *ParseShard("1/3"),
//                  {"models/resnet18.onnx", {}, {}});
//   ... one part per shard, in any order ...
//   absl::StatusOr<MergedDse> m =
//       MergeDseParts({p0, p1, p2}, {"p0.json", "p1.json", "p2.json"});
//   m->json.dump(2);   // == `maestro-onnx dse ... --format json`
//
// Shard K/N costs one contiguous block of the grid's cost keys (dse/sweep.h:
// the (pes, noc_bw, offchip_bw) triples, each with all its l1 x l2 points):
// ShardKeyRange. Every point is in exactly one shard whatever N (a shard
// may be empty when N exceeds the keys). A part keeps what the merge needs
// to be exact: the counts, its ranked top-K (the global top-K is within
// their union), its Pareto front (the global front is the front of the
// union of the fronts), its best point with its best.m text (the global
// best is some shard's best), the notes' inputs (PE counts that failed,
// approximate layers) and the run's identity.
#ifndef MAESTRO_ONNX_SHARDING_DSE_SHARD_H_
#define MAESTRO_ONNX_SHARDING_DSE_SHARD_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "dse/dse.h"
#include "nlohmann/json.hpp"
#include "sharding/network_shard.h"

namespace maestro {

// What names the run beyond its options: the target as given and the
// frontend flags (NAME=...).
struct DseRunName {
  std::string target;
  std::vector<std::string> input_shapes, input_values;
};

// Cost keys [begin, end) of shard K/N of `keys` keys: the blocks of
// K = 0..N-1 follow each other from 0 to keys, sizes differing by at most
// one (the first keys % N blocks one longer).
struct KeyRange {
  int64_t begin = 0, end = 0;
};
KeyRange ShardKeyRange(int64_t keys, const Shard& shard);

// OK for --strategy sweep; the refusal of --shard with another strategy.
absl::Status CheckDseShardable(const dse::DseOptions& options);

// Runs the shard's points of a sweep and returns its part:
// {"schema": "maestro-onnx.part", "kind": "dse", ...}. Errors:
// CheckDseShardable's and RunSweepKeys'.
absl::StatusOr<nlohmann::ordered_json> RunDsePart(
    const dse::DseProblem& problem, const dse::DseOptions& options,
    const Shard& shard, const DseRunName& run);

// Whether `part` is a dse part (kind "dse").
bool IsDsePart(const nlohmann::ordered_json& part);

struct MergedDse {
  nlohmann::ordered_json json;  // as `dse --format json`
  // The merged result: counts, best (with best_mappings, best.m's text, ""
  // when none), ranked, front, found, stopped_early (a shard interrupted).
  dse::DseResult result;
  std::optional<Hardware> best;  // the best design's hardware, if any
  std::string constraints;       // --constraint as text
};

// The dse JSON of the parts, and what `--out DIR` writes of it
// (tools/dse_out_dir.h). Errors, naming the part: not a dse part, parts of
// different runs, a cost key missing or in two parts. wall_s is
// the sum of the parts' wall_s (designs_per_s follows).
absl::StatusOr<MergedDse> MergeDseParts(
    const std::vector<nlohmann::ordered_json>& parts,
    const std::vector<std::string>& names);

}  // namespace maestro

#endif  // MAESTRO_ONNX_SHARDING_DSE_SHARD_H_
