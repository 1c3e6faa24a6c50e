// The parts of one run merged, whichever kind they are: main-job parts
// (`maestro-onnx MODELS... --shard K/N`) into one result per hardware
// point, search parts (`maestro-onnx search ... --shard K/N`) into the
// search's JSON, dse parts (`maestro-onnx dse ... --shard K/N`) into the
// dse's JSON. What `maestro-onnx merge` and maestro_onnx.merge call.
//
// Example:
//   absl::StatusOr<MergedParts> m =
//       MergeAnyParts({p0, p1}, {"p0.json", "p1.json"});
//   if (m->search) m->results[0].dump(2);  // == search --format json
//
// Errors: parts of different kinds together (naming the first part of
// each kind), and MergeParts', MergeSearchParts' or MergeDseParts' own.
#ifndef MAESTRO_ONNX_SHARDING_MERGE_PARTS_H_
#define MAESTRO_ONNX_SHARDING_MERGE_PARTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "sharding/dse_shard.h"

namespace maestro {

struct MergedParts {
  bool search = false;  // the parts were a search's
  // search, dse: the one JSON; main job: one result per hardware point.
  std::vector<nlohmann::ordered_json> results;
  bool dse = false;   // the parts were a dse sweep's
  MergedDse dse_run;  // dse: the merge (results[0] is its json)
};

absl::StatusOr<MergedParts> MergeAnyParts(
    const std::vector<nlohmann::ordered_json>& parts,
    const std::vector<std::string>& names);

}  // namespace maestro

#endif  // MAESTRO_ONNX_SHARDING_MERGE_PARTS_H_
