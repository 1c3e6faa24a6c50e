#include "sharding/part_common.h"

#include <cmath>
#include <limits>

#include "absl/strings/str_cat.h"

namespace maestro {

using Json = nlohmann::ordered_json;

Json PartNum(double v) {
  if (std::isfinite(v)) return v;
  return std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf");
}

double PartNumFrom(const Json& j) {
  if (j.is_number()) return j.get<double>();
  const std::string s = j.get<std::string>();
  if (s == "nan") return std::numeric_limits<double>::quiet_NaN();
  return s == "inf" ? std::numeric_limits<double>::infinity()
                    : -std::numeric_limits<double>::infinity();
}

Json PartHead(const PartKind& kind, Json run, const Shard& shard) {
  return Json{{"schema", kPartSchema},
              {"schema_version", 1},
              {"kind", kind.kind},
              {"run", std::move(run)},
              {"shard", {{"index", shard.index}, {"count", shard.count}}}};
}

bool IsPartOf(const Json& part, const PartKind& kind) {
  return part.is_object() && part.value("schema", Json()) == kPartSchema &&
         part.value("kind", Json()) == kind.kind;
}

absl::Status NotAPart(const PartKind& kind, const std::string& name,
                      absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("error: ", name, ": not a ", kind.kind, " shard result (",
                   why, "); expected the output of `maestro-onnx ", kind.kind,
                   " ... --shard K/N`"));
}

absl::Status CheckOneRun(const std::vector<Json>& parts,
                         const std::vector<std::string>& names,
                         const PartKind& kind) {
  if (parts.empty()) return absl::InvalidArgumentError("error: no part given");
  for (size_t k = 0; k < parts.size(); ++k) {
    if (!IsPartOf(parts[k], kind)) {
      return NotAPart(kind, names[k],
                      absl::StrCat("no kind \"", kind.kind, "\""));
    }
    if (!parts[k].contains("run") || !parts[k].contains(kind.body)) {
      return NotAPart(kind, names[k],
                      absl::StrCat("no \"run\" or \"", kind.body, "\""));
    }
    if (parts[k]["run"] != parts[0]["run"]) {
      return absl::InvalidArgumentError(absl::StrCat(
          "error: ", names[k], " is a shard of another ", kind.run, " than ",
          names[0], " (their runs differ: ", kind.differs, ")"));
    }
  }
  return absl::OkStatus();
}

}  // namespace maestro
