// maestro_onnx._core: the library's entry points for Python. Every function
// takes and returns plain values (strings, lists, JSON text that
// maestro_onnx/__init__.py turns into objects); a not-ok absl::Status is
// raised as maestro_onnx.Error (a RuntimeError) with the same located
// message the command line prints. The engine runs with the GIL released.
//
// Example (what maestro_onnx/__init__.py does):
//   import json, maestro_onnx._core as c
//   hw = c.resolve_hardware("pe256", {})          # JSON text of the hardware
//   j = json.loads(c.analyze(["models/resnet50.onnx"], "nvdla", [hw],
//                            "exact", [], [], "exact", 0)[0])
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "core/dsl/hardware_text.h"
#include "core/dsl/parser.h"
#include "core/engine/network.h"
#include "core/report/json_text.h"
#include "core/report/result_json.h"
#include "core/user_file.h"
#include "dse/dse.h"
#include "dse/output.h"
#include "dse/problem.h"
#include "frontend/cli_options.h"
#include "frontend/layer_report.h"
#include "mappings/library.h"
#include "pipeline/network_report.h"
#include "search/network_search.h"
#include "search/report.h"
#include "search/target.h"
#include "sharding/dse_shard.h"
#include "sharding/merge_parts.h"
#include "sharding/network_shard.h"
#include "sharding/part_json.h"
#include "sharding/search_shard.h"

namespace py = pybind11;

namespace maestro::python {
namespace {

using Json = nlohmann::ordered_json;

struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The value, or maestro_onnx.Error with the status's message.
template <class T>
T Take(absl::StatusOr<T> v) {
  if (!v.ok()) throw Error(std::string(v.status().message()));
  return *std::move(v);
}
void Check(const absl::Status& s) {
  if (!s.ok()) throw Error(std::string(s.message()));
}

// Option k of `o` as a T, or maestro_onnx.Error naming the option, its
// value and the type wanted (pybind's own cast error names neither).
template <class T>
T OptionOf(const py::dict& o, const char* k) {
  try {
    return o[k].cast<T>();
  } catch (const py::cast_error&) {
    const char* want = std::is_same_v<T, std::string> ? "a string"
                       : std::is_integral_v<T>        ? "an integer"
                                                      : "a number";
    throw Error(absl::StrCat(
        k, " '", PrintableExcerpt(py::str(o[k]).cast<std::string>()),
        "'; expected ", want));
  }
}

Json ParseJson(const std::string& text, absl::string_view what) {
  return Take(ParseUserJson(text, what, "JSON written by maestro_onnx"));
}

Semantics TakeSemantics(const std::string& name) {
  std::optional<Semantics> s = ParseSemantics(name);
  if (!s) {
    throw Error(absl::StrCat("semantics '", PrintableExcerpt(name),
                             "'; expected exact or maestro"));
  }
  return *s;
}

std::vector<std::string> HardwarePresets() {
  std::vector<std::string> out;
  for (absl::string_view n : HardwarePresetNames()) out.emplace_back(n);
  return out;
}

// As the command line's --hw and override flags (tools/hardware_options.cc):
// a file when it exists, else a preset; the overrides by field name.
std::string ResolveHardware(const std::string& spec,
                            const std::map<std::string, int64_t>& fields) {
  Hardware hw;
  if (spec.empty()) {
    hw = Take(HardwarePreset(kDefaultHardwarePreset));
  } else if (std::filesystem::exists(spec)) {
    hw = Take(LoadHardwareFile(spec));
  } else if (absl::StatusOr<Hardware> p = HardwarePreset(spec); p.ok()) {
    hw = *p;
  } else {
    throw Error(absl::StrCat(
        "error: hardware '", PrintableExcerpt(spec, 4096),
        "' is neither a readable file nor a preset; expected a hardware "
        "file or one of ",
        absl::StrJoin(HardwarePresetNames(), ", ")));
  }
  struct Field {
    const char* key;
    const char* flag;
    int64_t Hardware::*member;
  };
  static const Field kFields[] = {
      {"num_pes", "--pes", &Hardware::num_pes},
      {"l1_size", "--l1-size", &Hardware::l1_size},
      {"l2_size", "--l2-size", &Hardware::l2_size},
      {"noc_bw", "--noc-bw", &Hardware::noc_bw},
      {"noc_latency", "--noc-latency", &Hardware::noc_latency},
      {"offchip_bw", "--offchip-bw", &Hardware::offchip_bw},
      {"simd_lanes", "--simd", &Hardware::simd_lanes}};
  std::vector<std::string> given;
  size_t used = 0;
  for (const Field& f : kFields) {
    auto it = fields.find(f.key);
    if (it == fields.end()) continue;
    ++used;
    hw.*f.member = it->second;
    given.push_back(absl::StrCat(f.flag, " ", it->second));
  }
  if (used != fields.size()) {
    std::vector<std::string> keys;
    for (const Field& f : kFields) keys.push_back(f.key);
    throw Error(absl::StrCat("error: unknown hardware field; expected ",
                             absl::StrJoin(keys, ", ")));
  }
  std::string key;
  absl::Status st = ValidateHardwareKeyed(hw, &key);
  if (!st.ok()) {
    throw Error(
        absl::StrCat("error: hardware '", hw.name, "': ", st.message()));
  }
  if (!given.empty()) {
    hw.name = absl::StrCat(hw.name, " with ", absl::StrJoin(given, " "));
  }
  return DumpJson(HardwareToPart(hw));
}

Hardware HardwareFromText(const std::string& text) {
  Hardware hw = Take(HardwareFromPart(ParseJson(text, "hardware")));
  Check(ValidateHardware(hw));
  return hw;
}

std::string Dataflows() {
  const DataflowLibrary* lib = Take(DataflowLibrary::Builtin());
  Json out = Json::array();
  for (const DataflowLibraryFile& f : lib->entries()) {
    Json types = Json::array();
    for (const auto& [key, df] : f.dataflows) types.push_back(key);
    out.push_back({{"name", f.name},
                   {"description", f.description},
                   {"aliases", f.aliases},
                   {"layer_types", std::move(types)}});
  }
  return DumpJson(out);
}

frontend::FrontendOptions FrontendOf(const std::vector<std::string>& shapes,
                                     const std::vector<std::string>& values,
                                     const std::string& conv_form) {
  frontend::FrontendOptions fo =
      Take(frontend::ParseFrontendFlags(shapes, values));
  fo.conv_form = frontend::ConvFormFromName(conv_form);
  return fo;
}

std::string LoadModel(const std::string& path,
                      const std::vector<std::string>& shapes,
                      const std::vector<std::string>& values,
                      const std::string& conv_form) {
  frontend::FrontendOptions fo = FrontendOf(shapes, values, conv_form);
  absl::StatusOr<frontend::ExtractedModel> m;
  {
    py::gil_scoped_release nogil;
    m = frontend::LoadOnnxModel(path, fo);
  }
  return frontend::FormatLayers(Take(std::move(m)),
                                frontend::ReportFormat::kJson);
}

// The command line's main job on each hardware point: one result JSON
// (text) per hardware point, each what `--format json` prints.
std::vector<std::string> Analyze(const std::vector<std::string>& models,
                                 const std::string& dataflow,
                                 const std::vector<std::string>& hardware,
                                 const std::string& semantics,
                                 const std::vector<std::string>& shapes,
                                 const std::vector<std::string>& values,
                                 const std::string& conv_form, int threads) {
  JobOptions job;
  job.analysis.semantics = TakeSemantics(semantics);
  job.threads = threads;
  frontend::FrontendOptions fo = FrontendOf(shapes, values, conv_form);
  std::vector<DataflowLibraryFile> dfs =
      Take(Take(DataflowLibrary::Builtin())->Select(dataflow));
  std::vector<Hardware> hws;
  for (const std::string& h : hardware) hws.push_back(HardwareFromText(h));
  std::vector<std::string> out;
  py::gil_scoped_release nogil;
  for (const Hardware& hw : hws) {
    std::vector<ModelRun> runs;
    for (const std::string& path : models) {
      // Error is a C++ exception; pybind11 raises it after the GIL is back.
      runs.push_back(Take(RunModel(path, fo, dfs, hw, job)));
      Check(CheckSomethingCosted(runs.back()));
    }
    out.push_back(DumpJson(RunsToJson(runs, hw), 1));
  }
  return out;
}

// `maestro-onnx eval FILE.m --format json` (tools/cmd_eval.cc): the cost
// model on a MAESTRO mapping file, its dataflow named after the file.
std::string Evaluate(const std::string& path, const std::string& hardware,
                     const std::string& semantics) {
  AnalysisOptions opts;
  opts.semantics = TakeSemantics(semantics);
  Hardware hw = HardwareFromText(hardware);
  py::gil_scoped_release nogil;
  MappingFile file = Take(LoadMappingFile(path));
  NetworkResult net = Take(AnalyzeMappingFile(file, hw, opts));
  std::string stem = path.substr(path.find_last_of('/') + 1);
  net.dataflow =
      stem.substr(0, stem.rfind(".m") == std::string::npos ? stem.size()
                                                           : stem.rfind(".m"));
  std::vector<std::vector<Layer>> layers(1);
  for (const MappedLayer& ml : file.layers) layers[0].push_back(ml.layer);
  return DumpJson(ResultsToJson(hw, {net}, &layers), 2);
}

// Runs `work(stop)` on a thread of its own while this thread waits without
// the GIL, checking for a signal every 20 ms (PyErr_CheckSignals; a
// no-op off Python's main thread, e.g. in a Dask worker). On Ctrl-C it sets
// `stop`, which the search and the dse read at their batch or chunk
// boundaries, and waits for `work` to return its best so far. Returns
// (work's value, whether Ctrl-C stopped it); an exception another signal
// handler raised is raised once `work` has returned, `work`'s own errors
// as they are.
template <class F>
auto RunInterruptible(F work)
    -> std::pair<decltype(work(std::declval<const std::atomic<bool>*>())),
                 bool> {
  std::atomic<bool> stop{false};
  auto done = std::async(std::launch::async, [&] { return work(&stop); });
  std::optional<py::error_already_set> raised;  // by the signal handler
  for (;;) {
    {
      py::gil_scoped_release nogil;
      if (done.wait_for(std::chrono::milliseconds(20)) ==
          std::future_status::ready) {
        break;
      }
    }
    if (!raised && PyErr_CheckSignals() != 0) {
      stop = true;
      raised.emplace();  // takes the pending exception
    }
  }
  auto value = done.get();
  if (raised && !raised->matches(PyExc_KeyboardInterrupt)) throw *raised;
  return {std::move(value), raised.has_value()};
}

NetworkSpec SpecFromJson(const Json& j) {
  NetworkSpec s;
  try {
    s.models = j.at("models").get<std::vector<std::string>>();
    s.dataflow = j.at("dataflow").get<std::string>();
    for (const Json& h : j.at("hardware")) {
      s.hardware.push_back(HardwareFromText(DumpJson(h)));
    }
    s.semantics = TakeSemantics(j.at("semantics").get<std::string>());
    s.input_shapes = j.at("input_shapes").get<std::vector<std::string>>();
    s.input_values = j.at("input_values").get<std::vector<std::string>>();
    s.conv_form = j.at("conv_form").get<std::string>();
  } catch (const nlohmann::json::exception& e) {
    throw Error(absl::StrCat("error: a malformed study spec: ", e.what()));
  }
  return s;
}

// The number of items of a run (models x hardware points x dataflows).
int64_t PlanItems(const std::string& spec) {
  return Take(MakeNetworkPlan(SpecFromJson(ParseJson(spec, "spec")))).items();
}

std::string RunItems(const std::string& spec, const std::vector<int64_t>& items,
                     int threads) {
  NetworkPlan plan =
      Take(MakeNetworkPlan(SpecFromJson(ParseJson(spec, "spec"))));
  JobOptions job;
  job.analysis.semantics = plan.spec.semantics;
  job.threads = threads;
  absl::StatusOr<Json> part;
  {
    py::gil_scoped_release nogil;
    part = RunPart(plan, items, job);
  }
  return DumpJson(Take(std::move(part)));
}

// Parts (any kind, sharding/merge_parts.h) -> (their kind: "search",
// "dse" or "main", the merged JSON texts): a search's as `search --format
// json` prints it, a dse sweep's as `dse --format json`, a main job's one
// per hardware point as `--format json` does.
std::pair<std::string, std::vector<std::string>> Merge(
    const std::vector<std::string>& parts,
    const std::vector<std::string>& names) {
  std::vector<std::string> ns = names;
  ns.resize(parts.size(), "part");
  std::vector<Json> js;
  for (size_t i = 0; i < parts.size(); ++i) {
    js.push_back(ParseJson(parts[i], ns[i]));
  }
  absl::StatusOr<MergedParts> merged;
  {
    py::gil_scoped_release nogil;
    merged = MergeAnyParts(js, ns);
  }
  MergedParts m = Take(std::move(merged));
  std::vector<std::string> out;
  const bool one = m.search || m.dse;
  for (const Json& j : m.results) out.push_back(DumpJson(j, one ? 2 : 1));
  return {m.search ? "search" : m.dse ? "dse" : "main", std::move(out)};
}

search::SearchOptions SearchOptionsOf(const py::dict& o) {
  auto str = [&](const char* k) { return OptionOf<std::string>(o, k); };
  auto shown = [&](const char* k) { return py::str(o[k]).cast<std::string>(); };
  auto bad = [](absl::string_view what, absl::string_view v,
                absl::string_view want) {
    return Error(
        absl::StrCat(what, " '", PrintableExcerpt(v), "'; expected ", want));
  };
  search::SearchOptions so;
  std::optional<search::Strategy> st = search::ParseStrategy(str("strategy"));
  if (!st) throw bad("strategy", str("strategy"), search::StrategyChoices());
  std::optional<search::Objective> ob =
      search::ParseObjective(str("objective"));
  if (!ob) throw bad("objective", str("objective"), "latency, energy or edp");
  static const std::map<std::string, search::TileDomain> kTiles = {
      {"any", search::TileDomain::kAny},
      {"divisors", search::TileDomain::kDivisors},
      {"pow2", search::TileDomain::kPow2}};
  auto tiles = kTiles.find(str("tiles"));
  if (tiles == kTiles.end())
    throw bad("tiles", str("tiles"), "any, divisors or pow2");
  so.strategy = *st;
  so.objective = *ob;
  so.space.tiles = tiles->second;
  so.space.max_levels = OptionOf<int>(o, "levels");
  if (so.space.max_levels < 1 || so.space.max_levels > search::kMaxLevels) {
    throw bad("levels", str("levels"), "1, 2 or 3");
  }
  so.analysis.semantics = TakeSemantics(str("semantics"));
  so.seed = OptionOf<uint64_t>(o, "seed");
  so.threads = OptionOf<int>(o, "threads");
  so.population = OptionOf<int>(o, "population");
  so.max_space = OptionOf<double>(o, "max_space");
  if (so.threads < 0) {
    throw bad("threads", absl::StrCat(so.threads),
              "a number of threads, or 0 for every core");
  }
  if (so.population < 4) {
    throw bad("population", absl::StrCat(so.population), "at least 4");
  }
  if (!(so.max_space > 0))
    throw bad("max_space", shown("max_space"), "a positive count");
  const double cap = OptionOf<double>(o, "marvel_cap");
  if (!search::ValidMarvelCap(cap)) {
    throw bad("marvel_cap", shown("marvel_cap"),
              "a whole number of mappings, at least 1");
  }
  so.marvel_cap = static_cast<int64_t>(cap);
  std::optional<search::DramLayout> layout =
      search::ParseDramLayout(str("marvel_layout"));
  if (!layout)
    throw bad("marvel_layout", str("marvel_layout"), "searched or row-major");
  so.marvel_layout = *layout;
  if (!o["budget"].is_none()) {
    so.budget = Take(search::ParseBudget(str("budget")));
    so.budget_given = true;
  }
  return so;
}

// A search's target, hardware and options from `o`, the options by their
// command-line names (see maestro_onnx.search).
struct SearchCall {
  search::SearchOptions options;
  Hardware hw;
  frontend::FrontendOptions frontend;
  SearchRunName run;
};
SearchCall SearchCallOf(const std::string& target, const py::dict& o) {
  SearchCall c;
  c.options = SearchOptionsOf(o);
  c.hw = HardwareFromText(o["hw"].cast<std::string>());
  c.run = {target, o["layer"].is_none() ? "" : o["layer"].cast<std::string>(),
           o["input_shapes"].cast<std::vector<std::string>>(),
           o["input_values"].cast<std::vector<std::string>>()};
  c.frontend = FrontendOf(c.run.input_shapes, c.run.input_values, "exact");
  return c;
}

// Loads the target and selects the layer, as the command does (call
// without the GIL).
search::SearchTarget LoadTarget(const SearchCall& c) {
  search::SearchTarget t =
      Take(search::LoadSearchTarget(c.run.target, c.frontend));
  if (!c.run.layer.empty()) Check(search::SelectLayer(t, c.run.layer));
  return t;
}

// `maestro-onnx search TARGET ... --format json` as JSON text, and whether
// Ctrl-C stopped it (then the best found so far: RunInterruptible).
std::pair<std::string, bool> Search(const std::string& target,
                                    const py::dict& o) {
  const SearchCall c = SearchCallOf(target, o);
  return RunInterruptible([&](const std::atomic<bool>* stop) {
    SearchCall cs = c;
    cs.options.stop = stop;
    search::SearchTarget t = LoadTarget(cs);
    search::NetworkSearch net = Take(search::SearchNetwork(
        t.name, t.layers, cs.hw, cs.options, {}, {}, t.own));
    net.uncosted = t.uncosted;
    return DumpJson(search::SearchToJson(net, cs.hw, cs.options), 2);
  });
}

// `maestro-onnx search TARGET ... --shard K/N -o PART.json`: the part's
// JSON text (`shard` is "K/N").
std::string SearchShard(const std::string& target, const py::dict& o,
                        const std::string& shard) {
  const SearchCall c = SearchCallOf(target, o);
  const Shard k = Take(ParseShard(shard));
  py::gil_scoped_release nogil;
  search::SearchTarget t = LoadTarget(c);
  search::NetworkSearch plan =
      search::PlanNetwork(t.name, t.layers, c.hw, c.options);
  plan.uncosted = t.uncosted;
  return DumpJson(
      Take(RunSearchPart(plan, c.hw, c.options, k, c.run, {}, {}, t.own)), 1);
}

// mo.dse's options (the command's flags by their Python names) checked as
// `maestro-onnx dse` checks them (dse/problem.h), with its messages.
dse::DseOptions DseOptionsOf(const py::dict& o) {
  auto str = [&](const char* k) {
    return o[k].is_none() ? std::string() : OptionOf<std::string>(o, k);
  };
  dse::DseFlags f;
  f.strategy = str("strategy");
  f.sweep = str("sweep");
  f.constraint = str("constraint");
  f.objective = str("objective");
  f.buffers = str("buffers");
  f.budget = str("budget");
  f.reading = str("reading");
  f.semantics = str("semantics");
  f.seed = OptionOf<uint64_t>(o, "seed");
  f.threads = OptionOf<int>(o, "threads");
  f.top = OptionOf<int64_t>(o, "top");
  f.budget_fraction = OptionOf<double>(o, "budget_fraction");
  return Take(dse::MakeDseOptions(f));
}

// `maestro-onnx dse TARGET ... --format json`: (the JSON text, the note on
// a `.m` file's own dataflows or "", whether Ctrl-C stopped it: then the
// best so far, RunInterruptible). With `shard` ("K/N", not ""): the part
// `dse ... --shard K/N` writes instead of the JSON.
std::tuple<std::string, std::string, bool> Dse(const std::string& target,
                                               const py::dict& o,
                                               const std::string& shard) {
  const dse::DseOptions d = DseOptionsOf(o);
  const Hardware hw = HardwareFromText(o["hw"].cast<std::string>());
  const auto shapes = o["input_shapes"].cast<std::vector<std::string>>();
  const auto values = o["input_values"].cast<std::vector<std::string>>();
  const frontend::FrontendOptions fo = FrontendOf(shapes, values, "exact");
  const std::string dataflow = o["dataflow"].cast<std::string>();
  const std::optional<Shard> k =
      shard.empty() ? std::nullopt
                    : std::optional<Shard>(Take(ParseShard(shard)));
  auto [out,
        interrupted] = RunInterruptible([&](const std::atomic<bool>* stop) {
    dse::DseOptions ds = d;
    ds.stop = stop;
    std::string note;
    const dse::DseProblem p =
        Take(dse::LoadDseProblem(target, dataflow, hw, fo, &note));
    if (k) {
      return std::pair(
          DumpJson(Take(RunDsePart(p, ds, *k, {target, shapes, values})), 1),
          note);
    }
    const dse::DseResult r = Take(dse::RunDse(p, ds));
    return std::pair(DumpJson(dse::DseToJson(p, ds, r), 2), note);
  });
  return {std::move(out.first), std::move(out.second), interrupted};
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "maestro-onnx's library (use the maestro_onnx package)";
  py::register_exception<Error>(m, "Error", PyExc_RuntimeError);
  m.def("hardware_presets", &HardwarePresets);
  m.def("resolve_hardware", &ResolveHardware);
  m.def("validate_hardware", [](const std::string& t) {
    return DumpJson(HardwareToPart(HardwareFromText(t)));
  });
  m.def("dataflows", &Dataflows);
  m.def("load_model", &LoadModel);
  m.def("analyze", &Analyze);
  m.def("evaluate", &Evaluate);
  m.def("plan_items", &PlanItems);
  m.def("run_items", &RunItems);
  m.def("merge", &Merge);
  m.def("search", &Search);
  m.def("search_shard", &SearchShard);
  m.def("dse", &Dse);
}

}  // namespace maestro::python
