#include "search/report.h"

#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/dsl/printer.h"
#include "core/report/result_table.h"
#include "pipeline/model_run.h"
#include "pipeline/network_report.h"

namespace maestro::search {
namespace {

using Json = nlohmann::ordered_json;

std::string Human(double v) {
  if (v >= 1e9) return absl::StrFormat("%.1fG", v / 1e9);
  if (v >= 1e6) return absl::StrFormat("%.1fM", v / 1e6);
  if (v >= 1e3) return absl::StrFormat("%.1fK", v / 1e3);
  return absl::StrFormat("%.0f", v);
}

std::string Clip(const std::string& s, size_t w) {
  return s.size() <= w ? s : "~" + s.substr(s.size() - (w - 1));
}

double Gain(int64_t library, int64_t found) {
  return found > 0 ? static_cast<double>(library) / found : 0;
}

const JobLayer& FirstLayer(const NetworkSearch& n, size_t u) {
  for (size_t i = 0; i < n.layers.size(); ++i) {
    if (n.unique_of[i] == static_cast<int>(u)) return n.layers[i];
  }
  return n.layers[0];
}

std::string StandingName(Standing s) {
  switch (s) {
    case Standing::kFeasible:
      return "feasible";
    case Standing::kOverBuffer:
      return "over_buffer";
    case Standing::kRefused:
      return "refused";
    default:
      return "error";
  }
}

std::string ObjectiveText(const SearchOptions& o) {
  return o.objective_spec.text.empty() ? std::string(ObjectiveName(o.objective))
                                       : o.objective_spec.text;
}

// A metric's value as the table prints it.
std::string MetricText(Metric m, double v) {
  switch (m) {
    case Metric::kLatency:
      return absl::StrCat(GroupThousands(static_cast<int64_t>(v)), " cycles");
    case Metric::kEnergy:
      return absl::StrFormat("%.5g uJ", v / 1e6);
    case Metric::kEdp:
      return absl::StrFormat("EDP %.4g pJ*cycles", v);
    case Metric::kArea:
      return absl::StrFormat("%.4f mm2", v / 1e6);
    default:
      return absl::StrFormat("%.3f mW", v);
  }
}

std::string MetricsText(const LayerSearch& s, const Objectives& f) {
  std::string out;
  for (size_t i = 0; i < s.front_metrics.size(); ++i) {
    absl::StrAppend(&out, i ? ", " : "", MetricText(s.front_metrics[i], f[i]));
  }
  return out;
}

// Pareto: the front's size, hypervolume, knee and best point per objective.
void WriteFrontNote(const LayerSearch& s, std::ostream& os) {
  std::vector<Objectives> f;
  for (const FrontPoint& p : s.front) f.push_back(p.f);
  const int n = static_cast<int>(s.front_metrics.size());
  os << "    pareto front: " << s.front.size() << " points";
  if (s.hypervolume >= 0) {
    os << absl::StrFormat(
        ", hypervolume %.4f of the box to 2 x the library best", s.hypervolume);
  }
  os << "\n";
  if (f.empty()) return;
  os << "      knee:   " << MetricsText(s, f[KneeIndex(f, n)]) << "\n";
  for (int m = 0; m < n; ++m) {
    size_t best = 0;
    for (size_t i = 1; i < f.size(); ++i)
      best = f[i][m] < f[best][m] ? i : best;
    os << absl::StrFormat("      best %-7s ", MetricName(s.front_metrics[m]))
       << MetricsText(s, f[best]) << "\n";
  }
}

bool Interrupted(const NetworkSearch& n) {
  for (const LayerSearch& s : n.unique) {
    if (s.stopped_early) return true;
  }
  return false;
}

// One unique layer's row of the table and its notes.
void WriteLayerRow(const NetworkSearch& n, size_t u, const SearchOptions& o,
                   std::ostream& os) {
  const LayerSearch& s = n.unique[u];
  const JobLayer& jl = FirstLayer(n, u);
  const std::string lib =
      s.library_best >= 0 ? s.library[s.library_best].dataflow : "-";
  const int64_t lib_rt = s.library_best >= 0
                             ? s.library[s.library_best].metrics.runtime_cycles
                             : 0;
  const int64_t rt = s.best.metrics.runtime_cycles;
  os << absl::StrFormat(
      "%3d %-22s %-20s %3d %8s %12s %-10s %12s %12s %5.2fx %6.3f %7d%s\n",
      u + 1, Clip(jl.layer.name, 22), Clip(LayerShapeBrief(jl), 20),
      n.unique_repeat[u], Human(static_cast<double>(s.macs)),
      GroupThousands(s.lower_bound_cycles), lib, GroupThousands(lib_rt),
      GroupThousands(rt), Gain(lib_rt, rt),
      s.lower_bound_cycles ? static_cast<double>(rt) / s.lower_bound_cycles : 0,
      s.stats.candidates,
      s.best.source == "search" ? "" : absl::StrCat("  (", s.best.source, ")"));
  if (s.best.metrics.standing != Standing::kFeasible) {
    os << (o.constraints.empty()
               ? "    ! no mapping fits this hardware's buffers; the "
                 "least-violating one is shown\n"
               : "    ! NO FEASIBLE MAPPING: none found fits this hardware's "
                 "buffers and meets the constraints; the least-violating one "
                 "is shown\n");
  }
  if (!s.note.empty()) os << "    " << s.note << "\n";
  if (s.stopped_early) {
    os << "    ! interrupted: the best of " << s.stats.candidates
       << " candidates so far\n";
  }
  if (s.best.semantics_differ) {
    os << absl::StrFormat(
        "    ! under exact semantics this mapping takes %s cycles (the two "
        "semantics "
        "differ by more than 1 %%)\n",
        GroupThousands(s.best.exact_runtime_cycles));
  }
  std::string inexact;
  for (const LibraryEntry& e : s.library) {
    if (e.status.ok() && !e.exact_genome)
      absl::StrAppend(&inexact, " ", e.dataflow);
  }
  if (!inexact.empty()) {
    os << "    no exact genome (own result a candidate):" << inexact << "\n";
  }
  if (DesignInUse(o)) {
    os << absl::StrFormat(
        "    design: area %.4f mm2, power %.3f mW (%s)\n",
        s.best.metrics.area_um2 / 1e6, s.best.metrics.power_mw,
        o.fit_buffers
            ? absl::StrFormat("buffers fit to this mapping: L1 %d, L2 %d",
                              s.best.metrics.l1_size_req,
                              s.best.metrics.l2_size_req)
            : std::string("buffers as configured"));
  }
  if (o.objective_spec.pareto()) WriteFrontNote(s, os);
}

// The design line of the totals and, when the network's design misses an
// area or power limit, the warning.
void WriteDesignTotals(const NetworkSearch& n, const Hardware& hw,
                       const SearchOptions& o, std::ostream& os) {
  if (!DesignInUse(o)) return;
  const NetworkDesign d = NetworkDesignOf(n, hw, o);
  os << absl::StrFormat(
      "  design (%s model)     area %.4f mm2 with L1 %d, L2 %d (%s), power "
      "%.3f mW\n",
      AreaModelName(hw.area_model), d.area_um2 / 1e6, d.l1, d.l2,
      o.fit_buffers ? "largest needs of the chosen mappings" : "configured",
      d.power_mw);
  const std::string limit = DesignLimitMessage(n, hw, o);
  if (!limit.empty()) os << "  ! " << limit << "\n";
}

// Network EDP: the choice over the layers' fronts against the per-layer
// EDP optima summed.
void WriteEdpTotals(const NetworkSearch& n, std::ostream& os) {
  const NetworkEdpChoice& e = n.edp;
  if (!e.why_not.empty()) {
    os << "  ! network EDP: per-layer EDP optima summed (" << e.why_not
       << "), not the network's EDP optimum\n";
  }
  if (!e.applied) return;
  const double per_layer = e.per_layer_runtime * e.per_layer_energy;
  const double chosen = e.runtime * e.energy;
  os << absl::StrFormat(
      "  network EDP             %.6g pJ*cycles (sum E x sum L); per-layer "
      "EDP optima summed %.6g (%.4fx); %d of %d unique layers moved off "
      "their own EDP optimum (lambda %.4g, %d single-layer moves)\n",
      chosen, per_layer, chosen > 0 ? per_layer / chosen : 0.0, e.changed,
      n.unique.size(), e.lambda, e.moves);
}

// The network's front: its size, and its lowest-latency, knee and
// lowest-energy points.
void WriteNetworkFront(const NetworkSearch& n, std::ostream& os) {
  const NetworkFront& f = n.front;
  if (!f.why_not.empty()) {
    os << "  ! network front not computed: " << f.why_not << "\n";
  }
  if (!f.applies || f.points.empty()) return;
  os << "  network front (latency, energy): " << f.points.size()
     << " points (one front point per unique layer each";
  if (f.tolerance > 0) {
    os << absl::StrFormat(
        "; every non-dominated network point has one here with no more "
        "latency and at most %.3g %% more energy",
        100 * f.tolerance);
  }
  os << ")\n";
  if (f.capped) {
    os << absl::StrFormat(
        "  ! the bound is %.3g %%, not %g %%: partial fronts above %d points "
        "were thinned further\n",
        100 * f.tolerance, 100 * kNetworkFrontTolerance, kMaxNetworkFront);
  }
  std::vector<Objectives> obj;
  for (const NetworkFrontPoint& p : f.points)
    obj.push_back({static_cast<double>(p.runtime_cycles), p.energy_pj, 0});
  auto line = [&](const char* what, const NetworkFrontPoint& p) {
    os << absl::StrFormat("    %-15s %14s cycles, %.2f uJ\n", what,
                          GroupThousands(p.runtime_cycles), p.energy_pj / 1e6);
  };
  line("lowest latency", f.points.front());
  line("knee", f.points[KneeIndex(obj, 2)]);
  line("lowest energy", f.points.back());
}

Json NetworkFrontJson(const NetworkFront& f) {
  Json points = Json::array();
  for (const NetworkFrontPoint& p : f.points) {
    points.push_back(
        {{"latency_cycles", p.runtime_cycles},
         {"energy_pj", p.energy_pj},
         {"edp", static_cast<double>(p.runtime_cycles) * p.energy_pj},
         {"picks", p.picks}});
  }
  return {{"applies", f.applies},
          {"why_not", f.why_not},
          {"energy_tolerance", f.tolerance},
          {"capped", f.capped},
          {"max_points", kMaxNetworkFront},
          {"size", f.points.size()},
          {"points", std::move(points)}};
}

// Marvel's Phase A and B account (docs/search.schema.json "marvel").
Json MarvelJson(const MarvelSummary& m) {
  Json layout = Json::array();
  for (const auto& [tensor, name] : m.best_layout) {
    layout.push_back({{"tensor", tensor}, {"layout", name}});
  }
  return {
      {"offchip_subspace",
       {{"raw", static_cast<double>(m.offchip.raw)},
        {"classes", static_cast<double>(m.offchip.classes)},
        {"fit_l2", static_cast<double>(m.offchip.feasible)}}},
      {"kept", m.kept},
      {"onchip_subspace", static_cast<double>(m.onchip)},
      {"dram_layout",
       m.layout_mode == DramLayout::kSearched ? "searched" : "row-major"},
      {"best_layout", layout},
      {"kept_not_row_major", m.kept_not_row_major},
      {"phase_b", {{"enumerated", m.enumerated}, {"searched", m.searched}}}};
}

Json FrontJson(size_t u, const LayerSearch& s) {
  Json objectives = Json::array();
  for (Metric m : s.front_metrics) objectives.push_back(MetricName(m));
  Json points = Json::array();
  for (size_t k = 0; k < s.front.size(); ++k) {
    const Metrics& m = s.front[k].w.metrics;
    points.push_back(
        {{"latency_cycles", m.runtime_cycles},
         {"energy_pj", m.energy_pj},
         {"area_um2", m.area_um2},
         {"power_mw", m.power_mw},
         {"edp", static_cast<double>(m.runtime_cycles) * m.energy_pj},
         {"l1_size_req", m.l1_size_req},
         {"l2_size_req", m.l2_size_req},
         {"key", absl::StrFormat("%016x", s.front[k].key)},
         {"source", s.front[k].w.source},
         {"genome", s.front[k].w.describe},
         {"file", FrontPointFile(u, k)}});
  }
  Json ref = nullptr;
  if (s.hv_reference) {
    ref = Json::array();
    for (size_t i = 0; i < s.front_metrics.size(); ++i)
      ref.push_back((*s.hv_reference)[i]);
  }
  Json hv = nullptr;
  if (s.hypervolume >= 0) hv = s.hypervolume;
  return {{"objectives", objectives},
          {"size", s.front.size()},
          {"hypervolume", hv},
          {"reference", ref},
          {"points", points}};
}

}  // namespace

Json WinnerJson(const LayerSearch& s, const Winner& w) {
  std::string text;
  if (absl::StatusOr<std::string> t =
          PrintDataflow(w.mapping, s.layer, {true, true});
      t.ok()) {
    text = *t;
  }
  return {{"runtime_cycles", w.metrics.runtime_cycles},
          {"energy_pj", w.metrics.energy_pj},
          {"l1_size_req", w.metrics.l1_size_req},
          {"l2_size_req", w.metrics.l2_size_req},
          {"area_um2", w.metrics.area_um2},
          {"power_mw", w.metrics.power_mw},
          {"standing", StandingName(w.metrics.standing)},
          {"source", w.source},
          {"genome", w.describe},
          {"exact_runtime_cycles", w.exact_runtime_cycles},
          {"semantics_differ", w.semantics_differ},
          {"mapping", text}};
}

std::string FrontPointFile(size_t u, size_t k) {
  return absl::StrFormat("pareto/layer%03d_%03d.m", u + 1, k + 1);
}

std::string DesignLimitMessage(const NetworkSearch& n, const Hardware& hw,
                               const SearchOptions& o) {
  if (!o.constraints.UsesArea() || n.unique.size() < 2) return "";
  const NetworkDesign d = NetworkDesignOf(n, hw, o);
  std::string out;
  if (o.constraints.area && d.area_um2 > *o.constraints.area) {
    out = absl::StrFormat(
        "the network's design area %.6g um2 is above "
        "--constraint area<=%g",
        d.area_um2, *o.constraints.area);
  }
  if (o.constraints.power && d.power_mw > *o.constraints.power) {
    absl::StrAppend(&out, out.empty() ? "" : "; ",
                    absl::StrFormat("the network's design power %.6g mW is "
                                    "above --constraint power<=%g",
                                    d.power_mw, *o.constraints.power));
  }
  if (out.empty()) return out;
  return absl::StrCat(out,
                      " (each layer meets it alone; the shared buffers are the "
                      "largest needs and the power the whole run's)");
}

std::string ParetoCsv(const NetworkSearch& n, const Hardware& hw,
                      const SearchOptions& o) {
  const Hardware h = SearchHardware(hw, o);
  std::ostringstream os;
  os << "layer,point,latency_cycles,energy_pj,area_um2,power_mw,edp,num_pes,"
        "l1,l2,noc_bw,l1_size_req,l2_size_req,key,source,file\n";
  for (size_t u = 0; u < n.unique.size(); ++u) {
    const LayerSearch& s = n.unique[u];
    for (size_t k = 0; k < s.front.size(); ++k) {
      const Metrics& m = s.front[k].w.metrics;
      os << absl::StrFormat(
          "%s,%d,%d,%.12g,%.12g,%.12g,%.12g,%d,%d,%d,%d,%d,%d,%016x,%s,%s\n",
          s.layer.name, k + 1, m.runtime_cycles, m.energy_pj, m.area_um2,
          m.power_mw, static_cast<double>(m.runtime_cycles) * m.energy_pj,
          h.num_pes, o.fit_buffers ? m.l1_size_req : h.l1_size,
          o.fit_buffers ? m.l2_size_req : h.l2_size, h.noc_bw, m.l1_size_req,
          m.l2_size_req, s.front[k].key, s.front[k].w.source,
          FrontPointFile(u, k));
    }
  }
  return os.str();
}

std::string NetworkFrontCsv(const NetworkSearch& n) {
  std::ostringstream os;
  os << "point,latency_cycles,energy_pj,edp,picks\n";
  for (size_t i = 0; i < n.front.points.size(); ++i) {
    const NetworkFrontPoint& p = n.front.points[i];
    std::string picks;
    for (size_t u = 0; u < p.picks.size(); ++u)
      absl::StrAppend(&picks, u ? " " : "", p.picks[u] + 1);
    os << absl::StrFormat(
        "%d,%d,%.12g,%.12g,%s\n", i + 1, p.runtime_cycles, p.energy_pj,
        static_cast<double>(p.runtime_cycles) * p.energy_pj, picks);
  }
  return os.str();
}

absl::StatusOr<std::vector<std::pair<std::string, std::string>>> FrontFiles(
    const NetworkSearch& n, const SearchOptions& o) {
  std::vector<std::pair<std::string, std::string>> files;
  for (size_t u = 0; u < n.unique.size(); ++u) {
    const LayerSearch& s = n.unique[u];
    for (size_t k = 0; k < s.front.size(); ++k) {
      MappingFile f;
      f.network_name = n.name;
      f.layers.push_back({s.layer, s.front[k].w.mapping, false});
      PrintOptions po;
      po.evaluate_expressions = true;
      absl::StatusOr<std::string> body = PrintMappingFileChecked(f, po);
      if (!body.ok()) return body.status();
      const Metrics& m = s.front[k].w.metrics;
      files.push_back(
          {FrontPointFile(u, k),
           absl::StrFormat("// maestro-onnx search: objective %s, front point "
                           "%d of %d of layer '%s': %d cycles, %.6g pJ, "
                           "%.6g um2, %.6g mW (%s)\n",
                           ObjectiveText(o), k + 1, s.front.size(),
                           s.layer.name, m.runtime_cycles, m.energy_pj,
                           m.area_um2, m.power_mw, s.front[k].w.source) +
               *body});
    }
  }
  return files;
}

Json UniqueLayerToJson(const NetworkSearch& n, size_t u, const LayerSearch& s) {
  Json l;
  l["name"] = s.layer.name;
  l["type"] = LayerTypeName(s.layer.type);
  Json idx = Json::array();
  for (size_t i = 0; i < n.layers.size(); ++i) {
    if (n.unique_of[i] == static_cast<int>(u)) idx.push_back(i);
  }
  l["layer_indices"] = idx;
  l["instances"] = n.unique_repeat[u];
  l["macs"] = s.macs;
  l["lower_bound_cycles"] = s.lower_bound_cycles;
  l["best"] = WinnerJson(s, s.best);
  if (s.library_best >= 0) {
    const LibraryEntry& e = s.library[s.library_best];
    l["library_best"] = {{"dataflow", e.dataflow},
                         {"runtime_cycles", e.metrics.runtime_cycles},
                         {"energy_pj", e.metrics.energy_pj}};
  } else {
    l["library_best"] = nullptr;
  }
  Json lib = Json::array();
  for (const LibraryEntry& e : s.library) {
    Json x = {{"dataflow", e.dataflow}, {"applies", e.status.ok()}};
    if (e.status.ok()) {
      x["runtime_cycles"] = e.metrics.runtime_cycles;
      x["energy_pj"] = e.metrics.energy_pj;
      x["standing"] = StandingName(e.metrics.standing);
      x["exact_genome"] = e.exact_genome;
    } else {
      x["reason"] = std::string(e.status.message());
    }
    lib.push_back(x);
  }
  l["library"] = lib;
  l["space"] = {{"raw", static_cast<double>(s.space.raw)},
                {"canonical", static_cast<double>(s.space.canonical)}};
  l["evals"] = s.stats.candidates;
  l["engine_evals"] = s.stats.engine_evals;
  l["cache_hits"] = s.stats.cache_hits;
  l["feasible"] = s.feasible;
  l["over_buffer"] = s.over_buffer;
  l["refused"] = s.refused;
  l["errors"] = s.errors;
  l["generations"] = s.generations;
  l["evals_to_best"] = s.evals_to_best;
  l["stopped_early"] = s.stopped_early;
  l["note"] = s.note;
  if (s.marvel) l["marvel"] = MarvelJson(*s.marvel);
  if (!s.front_metrics.empty()) l["pareto"] = FrontJson(u, s);
  l["wall_s"] = s.wall_s;
  return l;
}

void WriteSearchTable(const NetworkSearch& n, const Hardware& hw,
                      const SearchOptions& o, std::ostream& os) {
  os << absl::StrFormat(
      "search %s: %d layers, %d unique searched; strategy %s, objective %s, "
      "budget %s per layer%s, seed %d, semantics %s\n",
      n.name, n.layers.size(), n.unique.size(), StrategyName(o.strategy),
      ObjectiveText(o), BudgetText(o.budget),
      n.unique.size() > 1 && o.budget.kind != BudgetKind::kStall
          ? " on average (split by MAC share)"
          : "",
      o.seed, SemanticsName(o.analysis.semantics));
  os << absl::StrFormat(
      "hardware %s: %d PEs, L1 %d, L2 %d, NoC %d, off-chip %d\n", hw.name,
      hw.num_pes, hw.l1_size, hw.l2_size, hw.noc_bw, hw.offchip_bw);
  if (o.flex.active()) {
    os << "flex: only the " << (o.flex.tile ? "tiles" : "")
       << (o.flex.tile && o.flex.order ? " and " : "")
       << (o.flex.order ? "loop orders" : "") << " of " << o.flex.dataflow
       << " are searched\n";
  }
  if (!o.constraints.empty()) {
    os << "constraints per layer: " << o.constraints.Text() << "\n";
  }
  if (o.space.spatial_rs != SpatialFilter::kOff) {
    os << "spatial filter dims: --spatial-rs "
       << SpatialFilterName(o.space.spatial_rs)
       << (o.space.spatial_rs == SpatialFilter::kRs
               ? " (R or S may be a level's spatial dim)\n"
               : " (R or S spatial, or paired with Y'/X' as in Eyeriss)\n");
  }
  if (DesignInUse(o)) {
    os << "area model " << AreaModelName(hw.area_model) << ", buffers "
       << (o.fit_buffers ? "fit to each mapping's needs" : "as configured")
       << "\n";
  }
  os << "\n";
  os << absl::StrFormat(
      "%3s %-22s %-20s %3s %8s %12s %-10s %12s %12s %6s %6s %7s\n", "#",
      "layer", "shape", "n", "MACs", "lower bound", "library", "lib cycles",
      "found", "gain", "/LB", "evals");
  for (size_t u = 0; u < n.unique.size(); ++u) WriteLayerRow(n, u, o, os);
  int skipped = 0;
  for (const std::string& k : n.skipped) skipped += !k.empty();
  if (skipped > 0) {
    os << "\n! " << skipped
       << " layers not searched (type outside the search space), "
       << "excluded from the totals\n";
  }
  if (!n.uncosted.empty()) {
    os << "\n! PARTIAL: " << UncostedSummary(n.uncosted)
       << "; not searched, excluded from the totals\n";
  }
  if (Interrupted(n)) {
    os << "\n! INTERRUPTED: the search was stopped; every layer shows the "
          "best found so far\n";
  }
  const NetworkTotals& t = n.totals;
  os << absl::StrFormat(
      "\nnetwork totals (cycles x repeat, %d searched layers)\n",
      n.layers.size() - skipped);
  os << absl::StrFormat("  lower bound             %14s\n",
                        GroupThousands(t.lower_bound));
  os << absl::StrFormat("  found                   %14s  energy %.2f uJ\n",
                        GroupThousands(t.found_runtime), t.found_energy / 1e6);
  os << absl::StrFormat(
      "  per-layer best library  %14s  energy %.2f uJ  gain %.2fx\n",
      GroupThousands(t.per_layer_library_runtime),
      t.per_layer_library_energy / 1e6,
      Gain(t.per_layer_library_runtime, t.found_runtime));
  if (t.best_single.empty()) {
    os << "  best single library     (no library dataflow fits every layer)\n";
  } else {
    os << absl::StrFormat("  %-23s %14s  energy %.2f uJ  gain %.2fx\n",
                          absl::StrCat("best single (", t.best_single, ")"),
                          GroupThousands(t.best_single_runtime),
                          t.best_single_energy / 1e6,
                          Gain(t.best_single_runtime, t.found_runtime));
  }
  WriteEdpTotals(n, os);
  WriteNetworkFront(n, os);
  WriteDesignTotals(n, hw, o, os);
  const double hit = n.candidates ? 100.0 * n.cache_hits / n.candidates : 0;
  os << absl::StrFormat(
      "  evaluations             %d candidates, %d engine evaluations "
      "(cache hits %.1f %%), %.2f s\n",
      n.candidates, n.engine_evals, hit, n.wall_s);
}

Json SearchHeadJson(const NetworkSearch& n, const Hardware& hw,
                    const SearchOptions& o) {
  Json j;
  j["schema"] = "maestro-onnx.search";
  j["version"] = 1;
  j["config"] = {{"strategy", StrategyName(o.strategy)},
                 {"objective", ObjectiveText(o)},
                 {"budget", BudgetText(o.budget)},
                 {"seed", o.seed},
                 {"semantics", SemanticsName(o.analysis.semantics)},
                 {"levels", o.space.max_levels},
                 {"tiles", TileDomainName(o.space.tiles)},
                 {"population", o.population},
                 {"flex", o.flex.Text()},
                 {"constraints", o.constraints.Text()}};
  if (o.space.spatial_rs != SpatialFilter::kOff) {  // absent when off
    j["config"]["spatial_rs"] = SpatialFilterName(o.space.spatial_rs);
  }
  if (o.strategy == Strategy::kMarvel) {  // absent for other strategies
    j["config"]["marvel_cap"] = o.marvel_cap;
  }
  j["hardware"] = {{"name", hw.name},
                   {"num_pes", hw.num_pes},
                   {"l1_size", hw.l1_size},
                   {"l2_size", hw.l2_size},
                   {"noc_bw", hw.noc_bw},
                   {"offchip_bw", hw.offchip_bw},
                   {"simd_lanes", hw.simd_lanes}};
  j["network"] = n.name;
  // Known when the search is planned, so a merge of parts keeps them.
  int skipped = 0;
  for (const std::string& k : n.skipped) skipped += !k.empty();
  j["partial"] = skipped > 0 || !n.uncosted.empty();
  j["not_costed"] = UncostedToJson(n.uncosted);
  return j;
}

Json SkippedToJson(const NetworkSearch& n) {
  Json skipped = Json::array();
  for (size_t i = 0; i < n.layers.size(); ++i) {
    if (!n.skipped[i].empty())
      skipped.push_back({{"index", i},
                         {"name", n.layers[i].layer.name},
                         {"reason", n.skipped[i]}});
  }
  return skipped;
}

Json AssembleSearchJson(Json head, Json layers, Json skipped,
                        const NetworkSearch& n) {
  Json j = std::move(head);
  j["layers"] = std::move(layers);
  j["skipped"] = std::move(skipped);
  const NetworkTotals& t = n.totals;
  j["totals"] = {
      {"macs", t.macs},
      {"lower_bound_cycles", t.lower_bound},
      {"runtime_cycles", t.found_runtime},
      {"energy_pj", t.found_energy},
      {"per_layer_library_runtime_cycles", t.per_layer_library_runtime},
      {"per_layer_library_energy_pj", t.per_layer_library_energy},
      {"best_single_library", t.best_single},
      {"best_single_library_runtime_cycles", t.best_single_runtime},
      {"best_single_library_energy_pj", t.best_single_energy}};
  if (n.edp.applied || !n.edp.why_not.empty()) {
    const NetworkEdpChoice& e = n.edp;
    j["network_edp"] = {
        {"applied", e.applied},
        {"why_not", e.why_not},
        {"edp", static_cast<double>(e.runtime) * e.energy},
        {"per_layer_edp_sum",
         static_cast<double>(e.per_layer_runtime) * e.per_layer_energy},
        {"per_layer_runtime_cycles", e.per_layer_runtime},
        {"per_layer_energy_pj", e.per_layer_energy},
        {"lambda", e.lambda},
        {"grid_points", kEdpGridPoints},
        {"moves", e.moves},
        {"layers_moved", e.changed}};
  }
  if (n.front.applies || !n.front.why_not.empty()) {
    j["network_front"] = NetworkFrontJson(n.front);
  }
  j["interrupted"] = Interrupted(n);
  j["evals"] = n.candidates;
  j["engine_evals"] = n.engine_evals;
  j["cache_hits"] = n.cache_hits;
  j["wall_s"] = n.wall_s;
  j["evals_per_s"] = n.wall_s > 0 ? n.candidates / n.wall_s : 0;
  j["timing_fields"] = {"wall_s", "evals_per_s", "layers[].wall_s"};
  return j;
}

Json SearchToJson(const NetworkSearch& n, const Hardware& hw,
                  const SearchOptions& o) {
  Json layers = Json::array();
  for (size_t u = 0; u < n.unique.size(); ++u)
    layers.push_back(UniqueLayerToJson(n, u, n.unique[u]));
  Json j = AssembleSearchJson(SearchHeadJson(n, hw, o), std::move(layers),
                              SkippedToJson(n), n);
  if (DesignInUse(o)) {
    const NetworkDesign d = NetworkDesignOf(n, hw, o);
    j["totals"]["design"] = {
        {"area_model", AreaModelName(hw.area_model)},
        {"buffers", o.fit_buffers ? "fit" : "fixed"},
        {"l1_size", d.l1},
        {"l2_size", d.l2},
        {"area_um2", d.area_um2},
        {"power_mw", d.power_mw},
        {"limits_met", DesignLimitMessage(n, hw, o).empty()}};
  }
  return j;
}

std::string InfeasibleMessage(int infeasible, const std::string& constraints) {
  return absl::StrCat("error: no feasible mapping for ", infeasible,
                      " layer(s) under --constraint ", constraints,
                      " (and the hardware's buffers); the least-violating "
                      "mappings are shown");
}

absl::StatusOr<std::string> BestMappingText(const NetworkSearch& n,
                                            const SearchOptions& o) {
  MappingFile f;
  f.network_name = n.name;
  for (size_t i = 0; i < n.layers.size(); ++i) {
    if (n.unique_of[i] < 0) continue;
    const LayerSearch& s = n.unique[n.unique_of[i]];
    f.layers.push_back({n.layers[i].layer, s.best.mapping, false});
  }
  PrintOptions po;
  po.evaluate_expressions = true;
  absl::StatusOr<std::string> body = PrintMappingFileChecked(f, po);
  if (!body.ok()) return body.status();
  return absl::StrCat(
      "// maestro-onnx search: strategy ", StrategyName(o.strategy),
      ", objective ", ObjectiveText(o), ", budget ", BudgetText(o.budget),
      ", seed ", o.seed, ", semantics ", SemanticsName(o.analysis.semantics),
      ", version ", "1\n", *body);
}

std::string ConvergenceCsv(const NetworkSearch& n) {
  std::ostringstream os;
  os << "layer,evals,generation,best_runtime_cycles,best_energy_pj,"
        "hypervolume,valid_pct,elapsed_s\n";
  for (const LayerSearch& s : n.unique) {
    for (const ConvergencePoint& p : s.convergence) {
      const std::string hv =
          p.hypervolume >= 0 ? absl::StrFormat("%.6f", p.hypervolume) : "";
      os << absl::StrFormat("%s,%d,%d,%d,%.6g,%s,%.2f,%.6f\n", s.layer.name,
                            p.evals, p.generation, p.best_runtime,
                            p.best_energy, hv, p.valid_pct, p.elapsed_s);
    }
  }
  return os.str();
}

}  // namespace maestro::search
