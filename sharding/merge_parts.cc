#include "sharding/merge_parts.h"

#include "absl/strings/str_cat.h"
#include "sharding/dse_shard.h"
#include "sharding/network_shard.h"
#include "sharding/search_shard.h"

namespace maestro {
namespace {

using Json = nlohmann::ordered_json;

// A main-job part: a part without a "kind".
bool IsNetworkPart(const Json& j) {
  return j.is_object() && j.value("schema", Json()) == "maestro-onnx.part" &&
         !j.contains("kind");
}

// The kinds of part, as the mixing error names them.
struct Kind {
  bool (*is)(const Json&);
  const char* what;
};
constexpr Kind kKinds[] = {{IsSearchPart, "a part of a search"},
                           {IsDsePart, "a part of a dse sweep"},
                           {IsNetworkPart, "a part of a main-job run"}};
constexpr int kSearch = 0, kDse = 1;

absl::StatusOr<MergedParts> MergeDse(const std::vector<Json>& parts,
                                     const std::vector<std::string>& names) {
  absl::StatusOr<MergedDse> d = MergeDseParts(parts, names);
  if (!d.ok()) return d.status();
  MergedParts out;
  out.dse = true;
  out.results.push_back(d->json);
  out.dse_run = *std::move(d);
  return out;
}

}  // namespace

absl::StatusOr<MergedParts> MergeAnyParts(
    const std::vector<Json>& parts, const std::vector<std::string>& names) {
  if (parts.size() != names.size()) {
    return absl::InvalidArgumentError("error: one name per part expected");
  }
  int first[3] = {-1, -1, -1};  // the first part of each kind
  for (size_t k = 0; k < parts.size(); ++k) {
    for (int i = 0; i < 3; ++i) {
      if (kKinds[i].is(parts[k]) && first[i] < 0)
        first[i] = static_cast<int>(k);
    }
  }
  for (int a = 0; a < 3; ++a) {
    for (int b = a + 1; b < 3; ++b) {
      if (first[a] < 0 || first[b] < 0) continue;
      return absl::InvalidArgumentError(
          absl::StrCat("error: ", names[first[a]], " is ", kKinds[a].what,
                       " and ", names[first[b]], " ", kKinds[b].what,
                       "; expected the parts of one run"));
    }
  }
  if (first[kDse] >= 0) return MergeDse(parts, names);
  MergedParts out;
  if (first[kSearch] >= 0) {
    absl::StatusOr<Json> j = MergeSearchParts(parts, names);
    if (!j.ok()) return j.status();
    out.search = true;
    out.results.push_back(*std::move(j));
    return out;
  }
  absl::StatusOr<std::vector<Json>> merged = MergeParts(parts, names);
  if (!merged.ok()) return merged.status();
  out.results = *std::move(merged);
  return out;
}

}  // namespace maestro
