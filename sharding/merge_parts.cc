#include "sharding/merge_parts.h"

#include "absl/strings/str_cat.h"
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

}  // namespace

absl::StatusOr<MergedParts> MergeAnyParts(
    const std::vector<Json>& parts, const std::vector<std::string>& names) {
  if (parts.size() != names.size()) {
    return absl::InvalidArgumentError("error: one name per part expected");
  }
  int search = -1, network = -1;  // the first part of each kind
  for (size_t k = 0; k < parts.size(); ++k) {
    if (IsSearchPart(parts[k]) && search < 0) search = static_cast<int>(k);
    if (IsNetworkPart(parts[k]) && network < 0) network = static_cast<int>(k);
  }
  if (search >= 0 && network >= 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "error: ", names[search], " is a part of a search and ", names[network],
        " a part of a main-job run; expected the parts of one run"));
  }
  MergedParts out;
  if (search >= 0) {
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
