// NetworkReportData: the main job's results as the report's JSON blob
// ("kind": "network"). Field names are read by assets/report.js; figures
// include each layer's repeat count, buffers are in bytes.
#include <array>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/report/result_json.h"
#include "pipeline/network_report.h"
#include "report/html/html_report.h"

namespace maestro::html {
namespace {

using Json = nlohmann::ordered_json;

// A figure at 6 significant digits: what a plot or a table shows, at
// about half the text of a full double.
double Sig6(double v) { return std::stod(absl::StrFormat("%.6g", v)); }

Json Hw(const Hardware& hw) {
  Json j = HardwareToJson(hw);
  j["peak_macs_per_cycle"] = PeakMacsPerCycle(hw);
  j["l1_bytes"] = hw.l1_size * hw.bytes_per_element;
  j["l2_bytes"] = hw.l2_size * hw.bytes_per_element;
  return j;
}

// The energy of one result by component (MAC, L1, L2, NoC, DRAM), pJ,
// repeat included.
std::array<double, 5> EnergyParts(const LayerResult& r) {
  const double rep = static_cast<double>(r.repeat);
  return {r.energy_mac_pj * rep, r.energy_l1_pj * rep, r.energy_l2_pj * rep,
          r.energy_noc_pj * rep, r.energy_dram_pj * rep};
}

Json Sig6Array(const std::array<double, 5>& v) {
  Json a = Json::array();
  for (double x : v) a.push_back(Sig6(x));
  return a;
}

// One layer under one dataflow: its figures, or why it was not costed.
Json LayerFigures(const LayerOutcome& o, const Hardware& hw) {
  if (!o.status.ok()) return {{"error", std::string(o.status.message())}};
  const LayerResult& r = o.result;
  const int64_t cycles = r.runtime_cycles * r.repeat;
  const double macs = static_cast<double>(r.macs) * r.repeat;
  Json j = {
      {"cycles", cycles},
      {"energy_pj", Sig6(r.energy_pj * r.repeat)},
      {"energy_parts_pj", Sig6Array(EnergyParts(r))},
      {"util", cycles > 0 ? Sig6(macs / (PeakMacsPerCycle(hw) * cycles)) : 0},
      {"macs_per_cycle", cycles > 0 ? Sig6(macs / cycles) : 0},
      {"bound", std::string(BoundName(r.bound))},
      {"intensity_noc", Sig6(r.arithmetic_intensity)},
      {"l1_bytes", r.l1_size_req_bytes},
      {"l2_bytes", r.l2_size_req_bytes},
      {"fits_l1", r.fits_l1},
      {"fits_l2", r.fits_l2}};
  // MACs per element the off-chip floor charges (DRAM <-> L2).
  if (r.offchip_modelled > 0) {
    j["intensity_offchip"] = Sig6(static_cast<double>(r.macs) /
                                  static_cast<double>(r.offchip_modelled));
  }
  if (r.ExactFallback()) j["approx"] = r.exact_fallback;
  if (!r.warnings.empty()) j["warnings"] = r.warnings;
  return j;
}

Json Totals(const NetworkResult& net, const RunSummary& s, const Hardware& hw) {
  const NetworkTotals& t = net.totals;
  std::array<double, 5> parts{};
  for (const LayerResult& r : net.layers) {
    const std::array<double, 5> p = EnergyParts(r);
    for (size_t k = 0; k < parts.size(); ++k) parts[k] += p[k];
  }
  return {
      {"cycles", t.runtime_cycles},
      {"ms", static_cast<double>(t.runtime_cycles) / (hw.clock_ghz * 1e6)},
      {"energy_pj", t.energy_pj},
      {"energy_parts_pj", Sig6Array(parts)},
      {"macs", t.macs},
      {"util", t.utilization},
      {"macs_per_cycle", t.throughput_macs_per_cycle},
      {"peak_l1_bytes", t.peak_l1_size_req * hw.bytes_per_element},
      {"peak_l2_bytes", t.peak_l2_size_req * hw.bytes_per_element},
      {"layers", s.layers},
      {"layers_costed", s.layers_costed},
      {"partial", PartialLine(s)},
      {"first_not_costed", s.first_not_costed},
      {"layers_approximate", s.layers_approximate},
      {"first_approximate", s.first_approximate},
      {"layers_over_l1", s.layers_over_l1},
      {"layers_over_l2", s.layers_over_l2},
      {"layers_offchip_bound", s.layers_offchip_bound},
      {"offchip_min_bytes", s.offchip_min * hw.bytes_per_element},
      {"offchip_modelled_bytes", s.offchip_modelled * hw.bytes_per_element}};
}

Json Layers(const ModelRun& m) {
  Json ls = Json::array();
  for (const JobLayer& jl : m.layers) {
    ls.push_back({{"name", jl.layer.name},
                  {"node", NodeOf(jl)},
                  {"op", jl.layer.loc.onnx_op},
                  {"part", jl.part},
                  {"kind", jl.kind},
                  {"shape", LayerShapeBrief(jl)},
                  {"repeat", jl.layer.repeat},
                  {"macs", AnalyticMacs(jl.layer) * jl.layer.repeat}});
  }
  return ls;
}

// Whether the terminal comparison ranks (may star) each run: read from
// RunsToJson so that the rule has one copy.
std::vector<bool> RankedRuns(const ModelRun& m, const Hardware& hw) {
  std::vector<bool> ranked(m.runs.size(), m.runs.size() == 1);
  if (m.runs.size() < 2) return ranked;
  const Json j = RunsToJson({m}, hw);
  for (size_t d = 0; d < m.runs.size(); ++d) {
    ranked[d] = j["dataflows"][d]["totals"].value("ranked", false);
  }
  return ranked;
}

Json Dataflows(const ModelRun& m, const Hardware& hw) {
  const std::vector<bool> ranked = RankedRuns(m, hw);
  Json dfs = Json::array();
  for (size_t d = 0; d < m.runs.size(); ++d) {
    const DataflowRun& run = m.runs[d];
    Json ls = Json::array();
    for (const LayerOutcome& o : run.layers) ls.push_back(LayerFigures(o, hw));
    dfs.push_back({{"name", run.dataflow},
                   {"ranked", static_cast<bool>(ranked[d])},
                   {"totals", Totals(run.net, run.summary, hw)},
                   {"layers", std::move(ls)}});
  }
  return dfs;
}

Json Coverage(const ModelRun& m) {
  std::map<std::string, int64_t> verdicts;
  Json unsupported = Json::array();
  for (const auto& c : m.model.coverage) {
    ++verdicts[frontend::VerdictName(c.verdict)];
    if (c.verdict != frontend::Verdict::kNotSupported) continue;
    Json u = {{"node", c.node}, {"op", c.op}, {"reason", c.reason}};
    if (c.macs_estimate >= 0) u["macs_estimate"] = c.macs_estimate;
    unsupported.push_back(std::move(u));
  }
  Json not_costed = Json::array();
  for (const UncostedNode& u : m.uncosted) {
    Json j = {{"node", u.node}, {"op", u.op}, {"reason", u.reason}};
    if (u.macs >= 0) j["macs"] = u.macs;
    not_costed.push_back(std::move(j));
  }
  return {{"nodes", m.model.node_count},
          {"verdicts", verdicts},
          {"not_supported", std::move(unsupported)},
          {"not_costed", std::move(not_costed)}};
}

void AddNote(Json& notes, const char* level, std::string text) {
  notes.push_back({{"level", level}, {"text", std::move(text)}});
}

// What the terminal says a reader must not miss, per dataflow.
void AddRunNotes(const std::string& who, const RunSummary& s, Json& notes) {
  if (s.partial()) {
    AddNote(notes, "error",
            absl::StrCat(who, ": ", PartialLine(s),
                         "; the totals leave out the rest (first not costed: ",
                         s.first_not_costed, ")"));
  }
  if (s.layers_over_l1 > 0 || s.layers_over_l2 > 0) {
    AddNote(notes, "error",
            absl::StrFormat("%s: the mapping DOES NOT FIT the hardware's "
                            "buffers: L1 in %d, L2 in %d of %d layers",
                            who, s.layers_over_l1, s.layers_over_l2,
                            s.layers_costed));
  }
  if (s.layers_approximate > 0) {
    AddNote(notes, "warn",
            absl::StrFormat("%s: APPROXIMATE: %d layers on the "
                            "exact-semantics fallback (MAESTRO's case rules "
                            "with corrections), first %s",
                            who, s.layers_approximate, s.first_approximate));
  }
}

// The mapping warnings of every layer, each distinct text once with the
// number of layers that gave it.
void AddMappingWarnings(const DataflowRun& run, Json& notes) {
  std::map<std::string, int> count;
  std::vector<std::string> order;
  for (const LayerOutcome& o : run.layers) {
    if (!o.status.ok()) continue;
    for (const std::string& w : o.result.warnings) {
      if (count[w]++ == 0) order.push_back(w);
    }
  }
  for (const std::string& w : order) {
    AddNote(notes, "warn",
            absl::StrCat(
                run.dataflow, ": ", w,
                count[w] > 1 ? absl::StrCat(" (", count[w], " layers)") : ""));
  }
}

Json Notes(const ModelRun& m) {
  Json notes = Json::array();
  for (const std::string& n : m.model.notes) AddNote(notes, "info", n);
  for (const DataflowRun& run : m.runs) {
    AddRunNotes(run.dataflow, run.summary, notes);
    AddMappingWarnings(run, notes);
  }
  if (m.runs.size() > 1 && m.best.summary.partial()) {
    AddNote(notes, "error",
            absl::StrCat("per-layer best: ", m.best.summary.layers_not_costed(),
                         " layers not costed by any dataflow"));
  }
  return notes;
}

Json Model(const ModelRun& m, const Hardware& hw) {
  Json j = {{"name", m.name},
            {"file", m.path},
            {"producer", m.model.producer},
            {"opset", m.model.opset},
            {"layers", Layers(m)},
            {"dataflows", Dataflows(m, hw)},
            {"coverage", Coverage(m)},
            {"notes", Notes(m)}};
  if (m.runs.size() > 1) {
    j["best"] = {{"dataflow_index", m.best.dataflow_index},
                 {"totals", Totals(m.best.net, m.best.summary, hw)}};
  }
  return j;
}

// The semantics of the costed results ("" when none is costed).
std::string RunSemantics(const std::vector<ModelRun>& runs) {
  for (const ModelRun& m : runs) {
    for (const DataflowRun& run : m.runs) {
      for (const LayerOutcome& o : run.layers) {
        if (o.status.ok())
          return std::string(SemanticsName(o.result.semantics));
      }
    }
  }
  return "";
}

}  // namespace

nlohmann::ordered_json NetworkReportData(const std::vector<ModelRun>& runs,
                                         const Hardware& hw) {
  Json models = Json::array();
  for (const ModelRun& m : runs) models.push_back(Model(m, hw));
  return {{"kind", "network"},
          {"schema_version", 1},
          {"semantics", RunSemantics(runs)},
          {"hardware", Hw(hw)},
          {"models", std::move(models)}};
}

}  // namespace maestro::html
