#include "sharding/dse_shard.h"

#include <algorithm>
#include <chrono>
#include <numeric>

#include "absl/strings/str_cat.h"
#include "core/hardware.h"
#include "core/report/result_json.h"
#include "dse/output.h"
#include "dse/pareto.h"
#include "dse/sweep.h"
#include "sharding/part_common.h"

namespace maestro {
namespace {

using Json = nlohmann::ordered_json;
using dse::DesignPoint;

constexpr PartKind kDsePart = {"dse", "dse run", "result",
                               "target, grid, options or hardware"};

// Every field of a point (PointToJson leaves out fits, violation, complete,
// which the ranking reads).
Json PointToPart(const DesignPoint& p) {
  const dse::DesignFigures& f = p.fig;
  return {
      {"hw",
       {p.hw.pes, p.hw.l1_size, p.hw.l2_size, p.hw.noc_bw, p.hw.offchip_bw}},
      {"runtime_cycles", f.runtime_cycles},
      {"energy_pj", PartNum(f.energy_pj)},
      {"area_um2", PartNum(f.area_um2)},
      {"power_mw", PartNum(f.power_mw)},
      {"l1_size_req", f.l1_size_req},
      {"l2_size_req", f.l2_size_req},
      {"fits", f.fits},
      {"feasible", f.feasible},
      {"violation", PartNum(f.violation)},
      {"complete", f.complete}};
}

DesignPoint PointFromPart(const Json& j) {
  DesignPoint p;
  const Json& h = j.at("hw");
  p.hw = {h.at(0).get<int64_t>(), h.at(1).get<int64_t>(),
          h.at(2).get<int64_t>(), h.at(3).get<int64_t>(),
          h.at(4).get<int64_t>()};
  dse::DesignFigures& f = p.fig;
  f.runtime_cycles = j.at("runtime_cycles").get<int64_t>();
  f.energy_pj = PartNumFrom(j.at("energy_pj"));
  f.area_um2 = PartNumFrom(j.at("area_um2"));
  f.power_mw = PartNumFrom(j.at("power_mw"));
  f.l1_size_req = j.at("l1_size_req").get<int64_t>();
  f.l2_size_req = j.at("l2_size_req").get<int64_t>();
  f.fits = j.at("fits").get<bool>();
  f.feasible = j.at("feasible").get<bool>();
  f.violation = PartNumFrom(j.at("violation"));
  f.complete = j.at("complete").get<bool>();
  return p;
}

Json PointsToPart(const std::vector<DesignPoint>& points) {
  Json a = Json::array();
  for (const DesignPoint& p : points) a.push_back(PointToPart(p));
  return a;
}

// What every part of one run shares: the target, the options and base
// hardware (the JSON head), the grid's values, the ranking's length, the
// notes' inputs of the plan and the number of cost keys.
Json RunIdentity(const dse::DseProblem& p, const dse::DseOptions& o,
                 const DseRunName& run, const dse::SweepNoteFacts& f,
                 bool partial) {
  Json grid = Json::array();
  for (const dse::SweepAxis& a : o.grid.axes) {
    grid.push_back({{"field", a.field}, {"values", a.values}});
  }
  return {{"target", run.target},
          {"input_shapes", run.input_shapes},
          {"input_values", run.input_values},
          {"head", dse::DseHeadJson(p, o)},
          {"grid", std::move(grid)},
          {"keep_ranked", std::max<int64_t>(o.keep_ranked, 1)},
          {"keys", dse::SweepKeyCount(p, o)},
          {"partial", partial},
          {"plan_notes", f.plan_notes},
          {"pes", f.pes},
          {"points_per_pes", f.points_per_pes},
          {"unique_nodes", f.unique_nodes}};
}

// The part's result: counts, best, ranking, front, the notes' inputs that
// depend on the points, best.m.
Json ResultToPart(const dse::DseResult& r, const dse::SweepNoteFacts& f,
                  const Json& best_hardware) {
  Json failures = Json::array();
  for (const dse::GroupFailure& g : f.failures) {
    failures.push_back({{"group", g.group}, {"message", g.message}});
  }
  // RunSweepKeys adds the best.m note after the sweep's notes.
  const size_t sweep_notes = dse::SweepNotesOf(f).size();
  const std::string best_note =
      r.notes.size() > sweep_notes ? r.notes.back() : "";
  const bool has_best = r.best.hw.pes > 0;
  return {{"points_evaluated", r.points_evaluated},
          {"points_valid", r.points_valid},
          {"points_not_costed", r.points_not_costed},
          {"points_over_buffers", r.points_over_buffers},
          {"points_over_constraints", r.points_over_constraints},
          {"stopped_early", r.stopped_early},
          {"best", has_best ? PointToPart(r.best) : Json()},
          {"best_hardware", best_hardware},
          {"best_mappings", r.best_mappings},
          {"best_note", best_note},
          {"ranked", PointsToPart(r.ranked)},
          {"pareto", PointsToPart(r.pareto)},
          {"failures", std::move(failures)},
          {"fallback", std::vector<int>(f.fallback.begin(), f.fallback.end())}};
}

// "key 3 is" or "keys 3..5 are": the keys [begin, end).
std::string Span(int64_t begin, int64_t end) {
  if (end - begin == 1) return absl::StrCat("key ", begin, " is");
  return absl::StrCat("keys ", begin, "..", end - 1, " are");
}

// Every cost key in exactly one part; errors name the parts.
absl::Status CheckCoverage(const std::vector<Json>& parts,
                           const std::vector<std::string>& names,
                           int64_t keys) {
  std::vector<size_t> order(parts.size());
  std::iota(order.begin(), order.end(), 0);
  auto range = [&](size_t k) {
    const Json& r = parts[k].at("key_range");
    return KeyRange{r.at(0).get<int64_t>(), r.at(1).get<int64_t>()};
  };
  for (size_t k = 0; k < parts.size(); ++k) {
    const KeyRange r = range(k);
    if (r.begin < 0 || r.end < r.begin || r.end > keys) {
      return NotAPart(kDsePart, names[k],
                      absl::StrCat("cost keys outside 0..", keys));
    }
    for (size_t m = 0; m < k; ++m) {
      if (parts[m]["shard"] == parts[k]["shard"]) {
        return absl::InvalidArgumentError(
            absl::StrCat("error: ", names[m], " and ", names[k],
                         " are the same shard; expected each shard K/N once"));
      }
    }
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return range(a).begin < range(b).begin;
  });
  int64_t next = 0;
  size_t last = 0;
  for (size_t k : order) {
    const KeyRange r = range(k);
    if (r.begin == r.end) continue;
    if (r.begin < next) {
      return absl::InvalidArgumentError(
          absl::StrCat("error: cost ", Span(r.begin, std::min(next, r.end)),
                       " in two parts, ", names[last], " and ", names[k],
                       "; expected each shard K/N once"));
    }
    if (r.begin > next) break;
    next = r.end;
    last = k;
  }
  if (next < keys) {
    int64_t end = keys;  // the first gap: [next, end)
    for (size_t k : order) {
      const KeyRange r = range(k);
      if (r.begin > next && r.begin < end) end = r.begin;
    }
    return absl::InvalidArgumentError(absl::StrCat(
        "error: of the ", keys, " cost keys of the grid (0..", keys - 1, "), ",
        Span(next, end),
        " in no part; expected the parts of every shard K/N, K = 0..N-1"));
  }
  return absl::OkStatus();
}

// Each part a dse part of the same run as the first, every key in one.
absl::Status CheckParts(const std::vector<Json>& parts,
                        const std::vector<std::string>& names) {
  if (absl::Status s = CheckOneRun(parts, names, kDsePart); !s.ok()) return s;
  return CheckCoverage(parts, names, parts[0]["run"].at("keys").get<int64_t>());
}

// The notes' inputs the run's identity holds (no failure, no fallback).
dse::SweepNoteFacts RunFacts(const Json& run) {
  dse::SweepNoteFacts f;
  f.plan_notes = run.at("plan_notes").get<std::vector<std::string>>();
  f.pes = run.at("pes").get<std::vector<int64_t>>();
  f.points_per_pes = run.at("points_per_pes").get<int64_t>();
  f.unique_nodes = run.at("unique_nodes").get<std::vector<std::string>>();
  f.fallback.assign(f.unique_nodes.size(), 0);
  return f;
}

// The union of the parts' results, kept as the sweep keeps its workers'.
struct Union {
  dse::TopK ranked, best;
  dse::ParetoArchive front;
  dse::SweepNoteFacts facts;
  dse::DseResult r;
  double wall_s = 0;
};

absl::Status AddPart(const Json& part, const std::string& name, Union& u) {
  const Json& x = part.at("result");
  dse::DseResult& r = u.r;
  u.wall_s += part.at("wall_s").get<double>();
  r.points_evaluated += x.at("points_evaluated").get<int64_t>();
  r.points_valid += x.at("points_valid").get<int64_t>();
  r.points_not_costed += x.at("points_not_costed").get<int64_t>();
  r.points_over_buffers += x.at("points_over_buffers").get<int64_t>();
  r.points_over_constraints += x.at("points_over_constraints").get<int64_t>();
  r.stopped_early |= x.at("stopped_early").get<bool>();
  if (!x.at("best").is_null()) u.best.Offer(PointFromPart(x.at("best")));
  for (const Json& p : x.at("ranked")) u.ranked.Offer(PointFromPart(p));
  for (const Json& p : x.at("pareto")) u.front.Insert(PointFromPart(p));
  for (const Json& g : x.at("failures")) {
    u.facts.failures.push_back(
        {g.at("group").get<int64_t>(), g.at("message").get<std::string>()});
  }
  const std::vector<int> fb = x.at("fallback").get<std::vector<int>>();
  if (fb.size() != u.facts.fallback.size()) {
    return NotAPart(kDsePart, name, "a fallback list of another length");
  }
  for (size_t i = 0; i < fb.size(); ++i) u.facts.fallback[i] |= fb[i] != 0;
  return absl::OkStatus();
}

// The result of the part whose best the union's best is (null if none).
const Json* BestPart(const std::vector<Json>& parts,
                     const dse::HardwarePoint& best) {
  for (const Json& part : parts) {
    const Json& x = part.at("result");
    if (x.at("best").is_null()) continue;
    const dse::HardwarePoint h = PointFromPart(x.at("best")).hw;
    if (!dse::PointKeyLess(h, best) && !dse::PointKeyLess(best, h)) return &x;
  }
  return nullptr;
}

// MergeDseParts without the guard against wrong JSON types.
absl::StatusOr<MergedDse> MergeChecked(const std::vector<Json>& parts,
                                       const std::vector<std::string>& names) {
  if (absl::Status s = CheckParts(parts, names); !s.ok()) return s;
  const Json& run = parts[0]["run"];
  const Json& head = run.at("head");
  const std::optional<dse::DseObjective> objective = dse::ParseDseObjective(
      head.at("config").at("objective").get<std::string>());
  if (!objective) return NotAPart(kDsePart, names[0], "an unknown objective");
  Union u{dse::TopK(*objective, run.at("keep_ranked").get<size_t>()),
          dse::TopK(*objective, 1),
          {},
          RunFacts(run),
          {}};
  u.r.partial = run.at("partial").get<bool>();
  for (size_t k = 0; k < parts.size(); ++k) {
    if (absl::Status s = AddPart(parts[k], names[k], u); !s.ok()) return s;
  }
  dse::DseResult& r = u.r;
  dse::NormaliseFailures(u.facts.failures);
  r.ranked = u.ranked.points();
  r.pareto = u.front.Sorted();
  r.found = !r.ranked.empty();
  r.notes = dse::SweepNotesOf(u.facts);
  MergedDse out;
  Json best_hardware;
  if (!u.best.points().empty()) {
    r.best = u.best.points().front();
    if (const Json* x = BestPart(parts, r.best.hw)) {
      best_hardware = x->at("best_hardware");
      r.best_mappings = x->at("best_mappings").get<std::string>();
      const std::string note = x->at("best_note").get<std::string>();
      if (!note.empty()) r.notes.push_back(note);
      absl::StatusOr<Hardware> hw =
          ParseHardwareText(best_hardware.dump(), "best_hardware");
      if (!hw.ok()) return NotAPart(kDsePart, names[0], hw.status().message());
      out.best = *hw;
    }
  }
  r.wall_s = u.wall_s;
  r.designs_per_s = u.wall_s > 0 ? r.points_evaluated / u.wall_s : 0;
  out.json = head;
  dse::AppendDseResultJson(r, best_hardware, out.json);
  out.result = std::move(r);
  out.constraints = head.at("config").at("constraints").get<std::string>();
  return out;
}

}  // namespace

KeyRange ShardKeyRange(int64_t keys, const Shard& shard) {
  const int64_t n = std::max<int64_t>(shard.count, 1);
  const int64_t q = keys / n, rem = keys % n;
  auto start = [&](int64_t k) { return k * q + std::min(k, rem); };
  return {start(shard.index), start(shard.index + 1)};
}

absl::Status CheckDseShardable(const dse::DseOptions& options) {
  if (options.strategy == dse::DseStrategy::kSweep) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      "error: --shard with --strategy ", dse::DseStrategyName(options.strategy),
      ": only the sweep is sharded (rl-ga, ga, random and cosearch are each "
      "one search whose steps depend on the steps before, so shards would not "
      "merge into the unsharded result); expected --strategy sweep, or no "
      "--shard"));
}

bool IsDsePart(const Json& part) { return IsPartOf(part, kDsePart); }

absl::StatusOr<Json> RunDsePart(const dse::DseProblem& problem,
                                const dse::DseOptions& options,
                                const Shard& shard, const DseRunName& run) {
  if (absl::Status s = CheckDseShardable(options); !s.ok()) return s;
  const auto start = std::chrono::steady_clock::now();
  const KeyRange keys =
      ShardKeyRange(dse::SweepKeyCount(problem, options), shard);
  dse::SweepNoteFacts facts;
  absl::StatusOr<dse::DseResult> r =
      dse::RunSweepKeys(problem, options, keys.begin, keys.end, &facts);
  if (!r.ok()) return r.status();
  const Json best_hardware =
      r->best.hw.pes > 0
          ? HardwareToJson(dse::ApplyPoint(problem.base, r->best.hw))
          : Json();
  const double wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  Json part = PartHead(
      kDsePart, RunIdentity(problem, options, run, facts, r->partial), shard);
  part["key_range"] = {keys.begin, keys.end};
  part["result"] = ResultToPart(*r, facts, best_hardware);
  part["wall_s"] = wall_s;
  return part;
}

absl::StatusOr<MergedDse> MergeDseParts(const std::vector<Json>& parts,
                                        const std::vector<std::string>& names) {
  if (parts.size() != names.size()) {
    return absl::InvalidArgumentError("error: one name per part expected");
  }
  return GuardMalformed(kDsePart, [&] { return MergeChecked(parts, names); });
}

}  // namespace maestro
