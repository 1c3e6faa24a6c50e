// What the parts of a search and of a dse sweep share (docs/distributed.md):
// the schema name, lossless doubles, the part's head (schema, kind, run,
// shard), and the checks a merge starts with (each file a part of this
// kind, all of one run), with one wording for every kind.
//
// Example:
//   constexpr PartKind kDse = {"dse", "dse run", "result",
//                              "target, grid, options or hardware"};
//   Json part = PartHead(kDse, run_identity, shard);
//   part["result"] = ...;
//   ...
//   if (absl::Status s = CheckOneRun(parts, names, kDse); !s.ok()) return s;
//   double e = PartNumFrom(part["result"]["energy_pj"]);
#ifndef MAESTRO_ONNX_SHARDING_PART_COMMON_H_
#define MAESTRO_ONNX_SHARDING_PART_COMMON_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"
#include "sharding/network_shard.h"

namespace maestro {

inline constexpr const char* kPartSchema = "maestro-onnx.part";

// A kind of part and how its messages name it.
struct PartKind {
  const char* kind;     // "kind" in the part, and the command's name
  const char* run;      // "a shard of another RUN than ..."
  const char* body;     // the key beside "run" that holds the shard's work
  const char* differs;  // "(their runs differ: DIFFERS)"
};

// A double losslessly: JSON numbers print in shortest round-trip form;
// non-finite values as strings ("nan", "inf", "-inf").
nlohmann::ordered_json PartNum(double v);
double PartNumFrom(const nlohmann::ordered_json& j);

// {"schema", "schema_version": 1, "kind", "run", "shard"}: the part's
// fields before its body.
nlohmann::ordered_json PartHead(const PartKind& kind,
                                nlohmann::ordered_json run, const Shard& shard);

// Whether `part` is a part of this kind.
bool IsPartOf(const nlohmann::ordered_json& part, const PartKind& kind);

// "error: NAME: not a KIND shard result (WHY); expected the output of
// `maestro-onnx KIND ... --shard K/N`".
absl::Status NotAPart(const PartKind& kind, const std::string& name,
                      absl::string_view why);

// At least one part, each of this kind with a run and a body, all with the
// first one's run; errors name the part.
absl::Status CheckOneRun(const std::vector<nlohmann::ordered_json>& parts,
                         const std::vector<std::string>& names,
                         const PartKind& kind);

// `merge()` with a malformed part (a JSON type error) as one message.
template <class F>
auto GuardMalformed(const PartKind& kind, F merge) -> decltype(merge()) {
  try {
    return merge();
  } catch (const nlohmann::json::exception& e) {
    return absl::InvalidArgumentError(
        std::string("error: a malformed ") + kind.kind + " shard result (" +
        e.what() + "); expected parts written by `maestro-onnx " + kind.kind +
        " ... --shard K/N`");
  }
}

}  // namespace maestro

#endif  // MAESTRO_ONNX_SHARDING_PART_COMMON_H_
