#include "sharding/search_shard.h"

#include <chrono>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "search/report.h"
#include "sharding/part_common.h"

namespace maestro {
namespace {

using Json = nlohmann::ordered_json;
using search::LayerSearch;
using search::LibraryEntry;
using search::NetworkSearch;
using search::Standing;

constexpr PartKind kSearchPart = {"search", "search", "layers",
                                  "target, layers, options or hardware"};

// What ComputeTotals, ApplyNetworkEdp and ApplyNetworkFront (with
// `fronts`: each front point's figures and "best" entry) and the "interrupted"
// flag read of a unique layer.
Json TotalsRecord(const LayerSearch& s, bool fronts) {
  Json lib = Json::array();
  for (const LibraryEntry& e : s.library) {
    lib.push_back({{"dataflow", e.dataflow},
                   {"own", e.own},
                   {"applies", e.status.ok()},
                   {"standing", static_cast<int>(e.metrics.standing)},
                   {"runtime_cycles", e.metrics.runtime_cycles},
                   {"energy_pj", PartNum(e.metrics.energy_pj)}});
  }
  Json front = Json::array();
  for (size_t k = 0; fronts && k < s.front.size(); ++k) {
    const search::Metrics& m = s.front[k].w.metrics;
    front.push_back({{"runtime_cycles", m.runtime_cycles},
                     {"energy_pj", PartNum(m.energy_pj)},
                     {"best", search::WinnerJson(s, s.front[k].w)}});
  }
  return {{"macs", s.macs},
          {"front", std::move(front)},
          {"lower_bound_cycles", s.lower_bound_cycles},
          {"runtime_cycles", s.best.metrics.runtime_cycles},
          {"energy_pj", PartNum(s.best.metrics.energy_pj)},
          {"candidates", s.stats.candidates},
          {"engine_evals", s.stats.engine_evals},
          {"cache_hits", s.stats.cache_hits},
          {"stopped_early", s.stopped_early},
          {"library_best", s.library_best},
          {"library", std::move(lib)}};
}

LayerSearch FromTotalsRecord(const Json& r) {
  LayerSearch s;
  s.macs = r.at("macs").get<int64_t>();
  s.lower_bound_cycles = r.at("lower_bound_cycles").get<int64_t>();
  s.best.metrics.runtime_cycles = r.at("runtime_cycles").get<int64_t>();
  s.best.metrics.energy_pj = PartNumFrom(r.at("energy_pj"));
  s.stats.candidates = r.at("candidates").get<int64_t>();
  s.stats.engine_evals = r.at("engine_evals").get<int64_t>();
  s.stats.cache_hits = r.at("cache_hits").get<int64_t>();
  s.stopped_early = r.at("stopped_early").get<bool>();
  s.library_best = r.at("library_best").get<int>();
  for (const Json& x : r.value("front", Json::array())) {
    search::FrontPoint p;
    p.w.metrics.standing = Standing::kFeasible;
    p.w.metrics.runtime_cycles = x.at("runtime_cycles").get<int64_t>();
    p.w.metrics.energy_pj = PartNumFrom(x.at("energy_pj"));
    s.front.push_back(std::move(p));
  }
  for (const Json& x : r.at("library")) {
    LibraryEntry e;
    e.dataflow = x.at("dataflow").get<std::string>();
    e.own = x.at("own").get<bool>();
    if (!x.at("applies").get<bool>()) e.status = absl::UnknownError("n/a");
    e.metrics.standing = static_cast<Standing>(x.at("standing").get<int>());
    e.metrics.runtime_cycles = x.at("runtime_cycles").get<int64_t>();
    e.metrics.energy_pj = PartNumFrom(x.at("energy_pj"));
    s.library.push_back(std::move(e));
  }
  return s;
}

// What every part of one search shares: the target, the options and
// hardware (the JSON head), the unique layers (their keys) and skipped
// layers.
Json RunIdentity(const NetworkSearch& plan, const Hardware& hw,
                 const search::SearchOptions& o, const SearchRunName& run) {
  Json keys = Json::array();
  for (size_t i : plan.first_of) {
    keys.push_back(absl::StrFormat(
        "%016x", search::LayerKey(plan.layers[i].layer) ^
                     static_cast<uint64_t>(plan.layers[i].role)));
  }
  return {{"target", run.target},
          {"layer", run.layer},
          {"input_shapes", run.input_shapes},
          {"input_values", run.input_values},
          {"head", search::SearchHeadJson(plan, hw, o)},
          {"skipped", search::SkippedToJson(plan)},
          {"instances", plan.unique_repeat},
          {"unique_keys", std::move(keys)}};
}

// MergeSearchParts without the guard against wrong JSON types.
absl::StatusOr<Json> MergeChecked(const std::vector<Json>& parts,
                                  const std::vector<std::string>& names) {
  if (absl::Status s = CheckOneRun(parts, names, kSearchPart); !s.ok())
    return s;
  const Json& run = parts[0]["run"];
  const size_t total = run.at("unique_keys").size();
  std::vector<const Json*> slot(total, nullptr);
  std::vector<size_t> owner(total, 0);
  double wall_s = 0;
  for (size_t k = 0; k < parts.size(); ++k) {
    wall_s += parts[k].at("wall_s").get<double>();
    for (const Json& l : parts[k]["layers"]) {
      const int64_t u = l.value("unique", int64_t{-1});
      if (u < 0 || static_cast<size_t>(u) >= total) {
        return NotAPart(kSearchPart, names[k],
                        absl::StrCat("a unique layer outside 0..", total - 1));
      }
      if (slot[u] != nullptr) {
        return absl::InvalidArgumentError(absl::StrCat(
            "error: unique layer ", u, " is in two parts, ", names[owner[u]],
            " and ", names[k], "; expected each shard K/N once"));
      }
      slot[u] = &l;
      owner[u] = k;
    }
  }
  std::vector<int64_t> missing;
  for (size_t u = 0; u < total; ++u) {
    if (slot[u] == nullptr) missing.push_back(static_cast<int64_t>(u));
  }
  if (!missing.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "error: of the ", total, " unique layers (0..", total - 1, "), ",
        ListNumbers(missing),
        " are in no part; expected the parts of every shard K/N, K = 0..N-1"));
  }
  const Json& head = run.at("head");
  absl::StatusOr<search::ObjectiveSpec> ob = search::ParseObjectiveSpec(
      head.at("config").at("objective").get<std::string>());
  if (!ob.ok()) return ob.status();
  search::SearchOptions o;
  o.objective = ob->base;
  o.objective_spec = *ob;
  NetworkSearch n;
  n.unique_repeat = run.at("instances").get<std::vector<int>>();
  Json layers = Json::array();
  for (size_t u = 0; u < total; ++u) {
    n.unique.push_back(FromTotalsRecord(slot[u]->at("totals")));
    layers.push_back(slot[u]->at("json"));
  }
  // The network EDP choice over the parts' fronts, as the unsharded search
  // makes it: a moved layer's best is its chosen front point's entry.
  const std::vector<int64_t> moved = search::ApplyNetworkEdp(o, n);
  for (size_t u = 0; u < total; ++u) {
    if (moved[u] < 0) continue;
    layers[u]["best"] =
        slot[u]->at("totals").at("front").at(moved[u]).at("best");
  }
  search::ApplyNetworkFront(o, n);
  search::ComputeTotals(o, n);
  n.wall_s = wall_s;
  return search::AssembleSearchJson(head, std::move(layers), run.at("skipped"),
                                    n);
}

}  // namespace

bool IsSearchPart(const Json& part) { return IsPartOf(part, kSearchPart); }

absl::StatusOr<Json> RunSearchPart(const NetworkSearch& plan,
                                   const Hardware& hw,
                                   const search::SearchOptions& options,
                                   const Shard& shard, const SearchRunName& run,
                                   const search::SearchProgress& progress,
                                   const search::BatchProgressFn& batch,
                                   const search::OwnDataflows& own) {
  if (search::DesignInUse(options)) {
    return absl::InvalidArgumentError(
        "--shard: the network's design (area, power, --buffers fit) needs "
        "every layer's mapping at once; expected an unsharded search for "
        "area / power objectives or constraints and --buffers fit");
  }
  const auto start = std::chrono::steady_clock::now();
  const int count = static_cast<int>(plan.first_of.size());
  const bool fronts =
      search::NetworkEdpApplies(options, plan.first_of.size()) ||
      search::HasLatencyEnergyFronts(options);
  Json layers = Json::array();
  for (int64_t u = shard.index; u < count; u += shard.count) {
    absl::StatusOr<LayerSearch> s =
        search::SearchUnique(plan, u, hw, options, batch, own);
    if (!s.ok()) return s.status();
    if (progress) progress(static_cast<int>(u) + 1, count, *s);
    layers.push_back({{"unique", u},
                      {"json", search::UniqueLayerToJson(plan, u, *s)},
                      {"totals", TotalsRecord(*s, fronts)}});
  }
  const double wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  Json part = PartHead(kSearchPart, RunIdentity(plan, hw, options, run), shard);
  part["layers"] = std::move(layers);
  part["wall_s"] = wall_s;
  return part;
}

absl::StatusOr<Json> MergeSearchParts(const std::vector<Json>& parts,
                                      const std::vector<std::string>& names) {
  if (parts.size() != names.size()) {
    return absl::InvalidArgumentError("error: one name per part expected");
  }
  return GuardMalformed(kSearchPart,
                        [&] { return MergeChecked(parts, names); });
}

}  // namespace maestro
