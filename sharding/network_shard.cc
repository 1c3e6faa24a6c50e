#include "sharding/network_shard.h"

#include <algorithm>
#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "core/report/json_text.h"
#include "core/user_file.h"
#include "frontend/cli_options.h"
#include "mappings/library.h"
#include "pipeline/network_report.h"
#include "sharding/part_common.h"
#include "sharding/part_json.h"

namespace maestro {
namespace {

using Json = nlohmann::ordered_json;

inline constexpr int64_t kMaxShards = 1000000;

Json Identity(const NetworkPlan& p) {
  Json hw = Json::array();
  for (const Hardware& h : p.spec.hardware) hw.push_back(HardwareToPart(h));
  Json dfs = Json::array();
  for (const DataflowLibraryFile& d : p.dataflows) dfs.push_back(d.name);
  return {{"command", "network"},
          {"models", p.spec.models},
          {"dataflows", std::move(dfs)},
          {"hardware", std::move(hw)},
          {"semantics", std::string(SemanticsName(p.spec.semantics))},
          {"input_shapes", p.spec.input_shapes},
          {"input_values", p.spec.input_values},
          {"conv_form", p.spec.conv_form}};
}

// The dataflows of `plan` that `items` (sorted) hold for one model and
// hardware point, in plan order.
std::vector<DataflowLibraryFile> DataflowsOf(const NetworkPlan& plan,
                                             const std::vector<int64_t>& items,
                                             size_t model, size_t hw) {
  std::vector<DataflowLibraryFile> out;
  for (int64_t i : items) {
    const NetworkPlan::Item it = plan.ItemAt(i);
    if (it.model == model && it.hardware == hw) {
      out.push_back(plan.dataflows[it.dataflow]);
    }
  }
  return out;
}

// Runs model `m` on every hardware point it has items for; appends its
// runs' parts (in item order) and the model's part.
absl::Status RunModelItems(const NetworkPlan& plan,
                           const std::vector<int64_t>& items, size_t m,
                           const JobOptions& job, Json& item_parts,
                           Json& model_parts) {
  std::optional<ModelRun> run;
  for (size_t h = 0; h < plan.spec.hardware.size(); ++h) {
    std::vector<DataflowLibraryFile> dfs = DataflowsOf(plan, items, m, h);
    if (dfs.empty()) continue;
    const Hardware& hw = plan.spec.hardware[h];
    if (!run) {
      absl::StatusOr<ModelRun> r =
          RunModel(plan.spec.models[m], plan.frontend, dfs, hw, job);
      if (!r.ok()) return r.status();
      run = *std::move(r);
      model_parts.push_back({{"model", m}, {"data", ModelToPart(*run)}});
    } else {
      run->runs =
          RunNetwork(run->layers, dfs, hw, job, run->name, run->uncosted);
    }
    size_t k = 0;
    for (int64_t i : items) {
      const NetworkPlan::Item it = plan.ItemAt(i);
      if (it.model != m || it.hardware != h) continue;
      item_parts.push_back({{"item", i}, {"run", RunToPart(run->runs[k++])}});
    }
  }
  return absl::OkStatus();
}

// One part's plan and items, checked against the first part's plan.
struct PartView {
  const Json* plan = nullptr;
  const Json* items = nullptr;
  const Json* models = nullptr;
};
absl::StatusOr<PartView> ViewPart(const Json& part, const std::string& name) {
  auto bad = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat(
        "error: ", name, ": not a shard result (", why,
        "); expected the output of `maestro-onnx ... --shard K/N`"));
  };
  if (!part.is_object() || !part.contains("schema"))
    return bad("no \"schema\"");
  if (part["schema"] != std::string(kPartSchema)) {
    return bad(absl::StrCat("its \"schema\" is ", JsonExcerpt(part["schema"])));
  }
  PartView v;
  for (auto [key, ptr] :
       {std::pair{"plan", &v.plan}, std::pair{"items", &v.items},
        std::pair{"models", &v.models}}) {
    if (!part.contains(key)) return bad(absl::StrCat("no \"", key, "\""));
    *ptr = &part[key];
  }
  if (!v.items->is_array() || !v.models->is_array()) {
    return bad("\"items\" and \"models\" are not arrays");
  }
  return v;
}

}  // namespace

std::string ListNumbers(const std::vector<int64_t>& missing) {
  std::vector<int64_t> head(
      missing.begin(), missing.begin() + std::min<size_t>(8, missing.size()));
  return absl::StrCat(absl::StrJoin(head, ", "),
                      missing.size() > 8 ? " ..." : "", " (", missing.size(),
                      " in all)");
}

absl::StatusOr<Shard> ParseShard(absl::string_view text) {
  std::vector<absl::string_view> kn = absl::StrSplit(text, '/');
  Shard s;
  if (kn.size() != 2 || !absl::SimpleAtoi(kn[0], &s.index) ||
      !absl::SimpleAtoi(kn[1], &s.count) || s.count < 1 ||
      s.count > kMaxShards || s.index < 0 || s.index >= s.count) {
    return absl::InvalidArgumentError(
        absl::StrCat("error: --shard '", PrintableExcerpt(text),
                     "'; expected K/N with 1 <= N <= ", kMaxShards,
                     " and 0 <= K < N (shard K of N, e.g. 0/4 1/4 2/4 3/4)"));
  }
  return s;
}

int64_t NetworkPlan::items() const {
  return static_cast<int64_t>(spec.models.size() * spec.hardware.size() *
                              dataflows.size());
}

NetworkPlan::Item NetworkPlan::ItemAt(int64_t i) const {
  const size_t d = dataflows.size(), h = spec.hardware.size();
  const size_t u = static_cast<size_t>(i);
  return {u / (d * h), (u / d) % h, u % d};
}

absl::StatusOr<NetworkPlan> MakeNetworkPlan(const NetworkSpec& spec) {
  NetworkPlan p;
  p.spec = spec;
  if (spec.hardware.empty()) {
    return absl::InvalidArgumentError("error: no hardware point given");
  }
  absl::StatusOr<const DataflowLibrary*> lib = DataflowLibrary::Builtin();
  if (!lib.ok()) return lib.status();
  absl::StatusOr<std::vector<DataflowLibraryFile>> dfs =
      (*lib)->Select(spec.dataflow);
  if (!dfs.ok()) return dfs.status();
  p.dataflows = *std::move(dfs);
  absl::StatusOr<frontend::FrontendOptions> fo =
      frontend::ParseFrontendFlags(spec.input_shapes, spec.input_values);
  if (!fo.ok()) return fo.status();
  p.frontend = *std::move(fo);
  p.frontend.conv_form = frontend::ConvFormFromName(spec.conv_form);
  p.identity = Identity(p);
  return p;
}

std::vector<int64_t> ShardItems(const NetworkPlan& plan, const Shard& shard) {
  std::vector<int64_t> out;
  for (int64_t i = shard.index; i < plan.items(); i += shard.count) {
    out.push_back(i);
  }
  return out;
}

absl::StatusOr<nlohmann::ordered_json> RunPart(
    const NetworkPlan& plan, const std::vector<int64_t>& given,
    const JobOptions& job) {
  std::vector<int64_t> items = given;
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  if (!items.empty() && (items.front() < 0 || items.back() >= plan.items())) {
    return absl::InvalidArgumentError(
        absl::StrCat("error: item numbers run from 0 to ", plan.items() - 1));
  }
  Json item_parts = Json::array(), model_parts = Json::array();
  for (size_t m = 0; m < plan.spec.models.size(); ++m) {
    absl::Status s =
        RunModelItems(plan, items, m, job, item_parts, model_parts);
    if (!s.ok()) return s;
  }
  return Json{{"schema", kPartSchema},
              {"schema_version", 1},
              {"plan", plan.identity},
              {"items", std::move(item_parts)},
              {"models", std::move(model_parts)}};
}

namespace {

// MergeRuns without the guard against a wrong JSON type in a part.
absl::StatusOr<MergedRuns> MergeChecked(const std::vector<Json>& parts,
                                        const std::vector<std::string>& names) {
  if (parts.empty()) return absl::InvalidArgumentError("error: no part given");
  std::vector<PartView> views;
  for (size_t k = 0; k < parts.size(); ++k) {
    absl::StatusOr<PartView> v = ViewPart(parts[k], names[k]);
    if (!v.ok()) return v.status();
    if (!views.empty() && *v->plan != *views[0].plan) {
      return absl::InvalidArgumentError(absl::StrCat(
          "error: ", names[k], " is a shard of another run than ", names[0],
          " (their plans differ: models, dataflows, hardware or options)"));
    }
    views.push_back(*v);
  }
  const Json& plan = *views[0].plan;
  MergedRuns out;
  std::vector<std::string> models;
  size_t dataflows = 0;
  try {
    models = plan.at("models").get<std::vector<std::string>>();
    dataflows = plan.at("dataflows").size();
    for (const Json& h : plan.at("hardware")) {
      absl::StatusOr<Hardware> hw = HardwareFromPart(h);
      if (!hw.ok()) return hw.status();
      out.hardware.push_back(*hw);
    }
  } catch (const nlohmann::json::exception& e) {
    return absl::InvalidArgumentError(
        absl::StrCat("error: ", names[0], ": a malformed plan: ", e.what()));
  }
  const size_t total = models.size() * out.hardware.size() * dataflows;
  std::vector<const Json*> item(total, nullptr);
  std::vector<size_t> owner(total, 0);
  std::vector<const Json*> model(models.size(), nullptr);
  for (size_t k = 0; k < views.size(); ++k) {
    for (const Json& it : *views[k].items) {
      const int64_t i = it.value("item", int64_t{-1});
      if (i < 0 || static_cast<size_t>(i) >= total || !it.contains("run")) {
        return absl::InvalidArgumentError(
            absl::StrCat("error: ", names[k], ": an item ",
                         JsonExcerpt(it.value("item", Json())), " outside 0..",
                         total - 1, " or without its run"));
      }
      if (item[i] != nullptr) {
        return absl::InvalidArgumentError(absl::StrCat(
            "error: item ", i, " is in two parts, ", names[owner[i]], " and ",
            names[k], "; expected each shard K/N once"));
      }
      item[i] = &it["run"];
      owner[i] = k;
    }
    for (const Json& mj : *views[k].models) {
      const int64_t m = mj.value("model", int64_t{-1});
      if (m >= 0 && static_cast<size_t>(m) < models.size() &&
          mj.contains("data") && model[m] == nullptr) {
        model[m] = &mj["data"];
      }
    }
  }
  std::vector<int64_t> missing;
  for (size_t i = 0; i < total; ++i) {
    if (item[i] == nullptr) missing.push_back(static_cast<int64_t>(i));
  }
  if (!missing.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "error: items ", ListNumbers(missing), " of ", total,
        " are in no part; expected the parts of every shard K/N, K = 0..N-1"));
  }
  out.runs.resize(out.hardware.size());
  for (size_t h = 0; h < out.hardware.size(); ++h) {
    for (size_t m = 0; m < models.size(); ++m) {
      ModelRun run;
      if (model[m] == nullptr) {
        return absl::InvalidArgumentError(
            absl::StrCat("error: no part holds model ", models[m], " itself"));
      }
      if (absl::Status s = ModelFromPart(*model[m], run); !s.ok()) return s;
      for (size_t d = 0; d < dataflows; ++d) {
        const size_t i = (m * out.hardware.size() + h) * dataflows + d;
        absl::StatusOr<DataflowRun> r =
            RunFromPart(*item[i], run, out.hardware[h]);
        if (!r.ok()) return r.status();
        run.runs.push_back(*std::move(r));
      }
      if (run.runs.size() > 1) {
        run.best =
            PerLayerBest(run.layers, run.runs, out.hardware[h], run.uncosted);
      }
      if (absl::Status s = CheckSomethingCosted(run); !s.ok()) return s;
      out.runs[h].push_back(std::move(run));
    }
  }
  return out;
}

}  // namespace

absl::StatusOr<MergedRuns> MergeRuns(const std::vector<Json>& parts,
                                     const std::vector<std::string>& names) {
  if (parts.size() != names.size()) {
    return absl::InvalidArgumentError("error: one name per part expected");
  }
  try {
    return MergeChecked(parts, names);
  } catch (const nlohmann::json::exception& e) {
    return absl::InvalidArgumentError(absl::StrCat(
        "error: a malformed shard result (", e.what(),
        "); expected parts written by `maestro-onnx ... --shard K/N`"));
  }
}

absl::StatusOr<std::vector<nlohmann::ordered_json>> MergeParts(
    const std::vector<Json>& parts, const std::vector<std::string>& names) {
  absl::StatusOr<MergedRuns> merged = MergeRuns(parts, names);
  if (!merged.ok()) return merged.status();
  std::vector<Json> out;
  for (size_t h = 0; h < merged->hardware.size(); ++h) {
    out.push_back(RunsToJson(merged->runs[h], merged->hardware[h]));
  }
  return out;
}

}  // namespace maestro
