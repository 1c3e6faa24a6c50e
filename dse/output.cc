#include "dse/output.h"

#include <sstream>

#include "absl/strings/str_format.h"
#include "core/area_model.h"
#include "core/report/format.h"
#include "core/report/json_text.h"
#include "core/report/result_json.h"

namespace maestro::dse {
namespace {

using Json = nlohmann::ordered_json;

double Edp(const DesignFigures& f) {
  return static_cast<double>(f.runtime_cycles) * f.energy_pj;
}

Json AxesJson(const SweepGrid& g) {
  Json a = Json::array();
  for (const SweepAxis& x : g.axes) {
    a.push_back({{"field", x.field},
                 {"count", x.values.size()},
                 {"min", x.values.empty() ? 0 : x.values.front()},
                 {"max", x.values.empty() ? 0 : x.values.back()}});
  }
  return a;
}

Json ConfigJson(const DseProblem& p, const DseOptions& o) {
  return {{"target", p.name},
          {"dataflow", p.dataflow},
          {"strategy", std::string(DseStrategyName(o.strategy))},
          {"objective", std::string(DseObjectiveName(o.objective))},
          {"constraints", o.constraints.Text()},
          {"buffers", o.buffers == BufferPolicy::kFit ? "fit" : "fixed"},
          {"grid", AxesJson(o.grid)},
          {"grid_points", o.grid.size()},
          {"semantics", std::string(SemanticsName(o.analysis.semantics))},
          {"area_model", std::string(AreaModelName(p.base.area_model))},
          {"budget_evals", o.budget_evals},
          {"budget_fraction", o.budget_fraction},
          {"reading", o.reading == AssignmentReading::kSum ? "sum" : "max"},
          {"seed", o.seed}};
}

Json AssignmentJson(const std::vector<LayerAssignment>& a) {
  Json out = Json::array();
  for (const LayerAssignment& l : a) {
    out.push_back({{"layer", l.layer},
                   {"pes", l.pes},
                   {"buffer_level", l.buffer_level},
                   {"runtime_cycles", l.runtime_cycles},
                   {"energy_pj", l.energy_pj}});
  }
  return out;
}

bool HasBest(const DseResult& r) { return r.best.hw.pes > 0; }

const char* kColumns = "  %5s %9s %9s %7s %10s %15s %12s %10s %10s\n";
const char* kRow = "  %5d %9d %9d %7d %10d %15d %12.5g %10.4f %10.4g\n";

void WriteRows(const std::vector<DesignPoint>& pts, bool rank,
               std::ostream& os) {
  os << absl::StrFormat("%s", rank ? "  rank" : "")
     << absl::StrFormat(kColumns, "pes", "l1_size", "l2_size", "noc_bw",
                        "offchip_bw", "runtime_cycles", "energy_pj", "area_mm2",
                        "power_mw");
  for (size_t i = 0; i < pts.size(); ++i) {
    const DesignPoint& p = pts[i];
    if (rank) os << absl::StrFormat("  %4d", i + 1);
    os << absl::StrFormat(kRow, p.hw.pes, p.hw.l1_size, p.hw.l2_size,
                          p.hw.noc_bw, p.hw.offchip_bw, p.fig.runtime_cycles,
                          p.fig.energy_pj, p.fig.area_um2 / 1e6,
                          p.fig.power_mw);
  }
}

// rl-ga / ga / random: the best design's PEs and buffer level per layer.
void WriteAssignment(const std::vector<LayerAssignment>& a, std::ostream& os) {
  if (a.empty()) return;
  std::vector<std::string> names;
  names.reserve(a.size());
  for (const LayerAssignment& l : a) names.push_back(l.layer);
  const ElidedNames shown = ElideUnique(names, 40);
  os << absl::StrFormat(
      "\nPer-layer assignment of the best design (%d layers):\n", a.size());
  os << absl::StrFormat("  %-*s %6s %6s %15s %12s\n", shown.width, "layer",
                        "pes", "level", "runtime_cycles", "energy_pj");
  for (size_t i = 0; i < a.size(); ++i) {
    os << absl::StrFormat("  %-*s %6d %6d %15d %12.5g\n", shown.width,
                          shown.names[i], a[i].pes, a[i].buffer_level,
                          a[i].runtime_cycles, a[i].energy_pj);
  }
}

}  // namespace

Json PointToJson(const DesignPoint& p) {
  return {{"pes", p.hw.pes},
          {"l1_size", p.hw.l1_size},
          {"l2_size", p.hw.l2_size},
          {"noc_bw", p.hw.noc_bw},
          {"offchip_bw", p.hw.offchip_bw},
          {"runtime_cycles", p.fig.runtime_cycles},
          {"energy_pj", p.fig.energy_pj},
          {"edp", Edp(p.fig)},
          {"area_um2", p.fig.area_um2},
          {"power_mw", p.fig.power_mw},
          {"l1_size_req", p.fig.l1_size_req},
          {"l2_size_req", p.fig.l2_size_req},
          {"feasible", p.fig.feasible}};
}

Json DseHeadJson(const DseProblem& p, const DseOptions& o) {
  Json j;
  j["schema"] = "maestro-onnx.dse";
  j["schema_version"] = 1;
  j["config"] = ConfigJson(p, o);
  j["base_hardware"] = HardwareToJson(p.base);
  return j;
}

Json DseToJson(const DseProblem& p, const DseOptions& o, const DseResult& r) {
  Json j = DseHeadJson(p, o);
  AppendDseResultJson(
      r, HasBest(r) ? HardwareToJson(ApplyPoint(p.base, r.best.hw)) : Json(),
      j);
  return j;
}

void AppendDseResultJson(const DseResult& r, const Json& best_hardware,
                         Json& j) {
  j["found"] = r.found;
  if (HasBest(r)) {
    Json b = PointToJson(r.best);
    b["hardware"] = best_hardware;
    j["best"] = b;
  } else {
    j["best"] = nullptr;
  }
  j["pareto"] = Json::array();
  for (const DesignPoint& d : r.pareto) j["pareto"].push_back(PointToJson(d));
  j["ranked"] = Json::array();
  for (const DesignPoint& d : r.ranked) j["ranked"].push_back(PointToJson(d));
  if (!r.assignment.empty()) j["assignment"] = AssignmentJson(r.assignment);
  j["points_evaluated"] = r.points_evaluated;
  j["points_valid"] = r.points_valid;
  j["points_not_costed"] = r.points_not_costed;
  j["points_over_buffers"] = r.points_over_buffers;
  j["points_over_constraints"] = r.points_over_constraints;
  j["screen_evals"] = r.screen_evals;
  j["inner_evals"] = r.inner_evals;
  j["stopped_early"] = r.stopped_early;
  j["partial"] = r.partial;
  j["notes"] = r.notes;
  j["designs_per_s"] = r.designs_per_s;
  j["wall_s"] = r.wall_s;
  j["timing_fields"] = {"designs_per_s", "wall_s"};
}

void WriteDseTable(const DseProblem& p, const DseOptions& o, const DseResult& r,
                   std::ostream& os) {
  os << absl::StrFormat(
      "dse %s: %s under %s, objective %s, buffers %s, area model %s\n", p.name,
      DseStrategyName(o.strategy), DataflowLabel(p),
      DseObjectiveName(o.objective),
      o.buffers == BufferPolicy::kFit ? "fit" : "fixed",
      AreaModelName(p.base.area_model));
  const double pct =
      r.points_evaluated > 0 ? 100.0 * r.points_valid / r.points_evaluated : 0;
  os << absl::StrFormat(
      "  %d design points evaluated, %d valid (%.1f %%)%s%s\n",
      r.points_evaluated, r.points_valid, pct,
      o.constraints.empty() ? "" : ", constraints ", o.constraints.Text());
  const int64_t invalid = r.points_evaluated - r.points_valid;
  if (invalid > 0) {
    os << absl::StrFormat(
        "  not valid: %d with a layer not costed, %d with buffers below the "
        "needs, %d missing a constraint\n",
        r.points_not_costed, r.points_over_buffers, r.points_over_constraints);
  }
  for (const std::string& n : r.notes) os << "  " << n << "\n";
  if (!r.found) {
    os << "\nNo valid design.";
    if (HasBest(r)) {
      os << " The one closest to valid (smallest violation of the buffer "
            "needs and constraints):\n";
      WriteRows({r.best}, false, os);
    } else {
      os << "\n";
    }
    return;
  }
  if (r.ranked.size() == 1) {
    os << absl::StrFormat("\nBest design by %s:\n",
                          DseObjectiveName(o.objective));
  } else {
    os << absl::StrFormat("\nBest %d designs by %s:\n", r.ranked.size(),
                          DseObjectiveName(o.objective));
  }
  WriteRows(r.ranked, true, os);
  os << absl::StrFormat(
      "\nPareto front of (runtime, energy, area): %d designs, by runtime\n",
      r.pareto.size());
  WriteRows(r.pareto, false, os);
  WriteAssignment(r.assignment, os);
  os << "\nHow to read it: each row is one accelerator (the base hardware "
        "with these fields)\n"
        "costing the whole network, every layer x its repeat. Valid: every "
        "layer costed, its\n"
        "L1 / L2 needs within the design's buffers, every --constraint met. "
        "Ties rank by\n"
        "pes, l1_size, l2_size, noc_bw, offchip_bw. On the front no other "
        "valid design is as\n"
        "good in runtime, energy and area and better in one: down the list, "
        "runtime grows\n"
        "and energy or area falls; of designs with equal figures the one "
        "with the smallest\n"
        "fields stands for all. Sizes in elements, bandwidths in "
        "elements/cycle, area and\n"
        "power from the area model (docs/hardware.md). `--out DIR` writes "
        "the best as\n"
        "best-hw.json / best-hw.m (use with --hw) and its mappings as "
        "best.m.\n";
  if (o.buffers == BufferPolicy::kFit) {
    os << absl::StrFormat(
        "Buffers fit: a design's L1 / L2 are its needs rounded up to %d / %d "
        "elements;\n"
        "an l1 / l2 axis of --sweep is a limit on the needs, not a size.\n",
        kFitL1Granule, kFitL2Granule);
  }
}

std::string ParetoCsv(const DseResult& r) {
  std::ostringstream os;
  os << "runtime_cycles,energy_pj,area_um2,power_mw,edp,pes,l1_size,l2_size,"
        "noc_bw,offchip_bw\n";
  for (const DesignPoint& p : r.pareto) {
    os << absl::StrFormat("%d,%.17g,%.17g,%.17g,%.17g,%d,%d,%d,%d,%d\n",
                          p.fig.runtime_cycles, p.fig.energy_pj, p.fig.area_um2,
                          p.fig.power_mw, Edp(p.fig), p.hw.pes, p.hw.l1_size,
                          p.hw.l2_size, p.hw.noc_bw, p.hw.offchip_bw);
  }
  return os.str();
}

std::string HardwareFileJson(const Hardware& hw) {
  return DumpJson(HardwareToJson(hw), 2) + "\n";
}

std::string MaestroHardwareText(const Hardware& hw) {
  return absl::StrFormat(
      "num_pes: %d\nl1_size_cstr: %d\nl2_size_cstr: %d\nnoc_bw_cstr: %d\n"
      "offchip_bw_cstr: %d\nNoC_NumHops: %d\n",
      hw.num_pes, hw.l1_size, hw.l2_size, hw.noc_bw, hw.offchip_bw,
      hw.noc_latency);
}

}  // namespace maestro::dse
