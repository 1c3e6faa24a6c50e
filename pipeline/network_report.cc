#include "pipeline/network_report.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "core/area_model.h"
#include "core/report/format.h"
#include "core/report/result_json.h"
#include "core/report/result_table.h"

namespace maestro {
namespace {

// "loop-nest", "fallback: WHY" (exact semantics) or "maestro".
std::string ExactModel(const LayerResult& r) {
  if (r.semantics != Semantics::kExact) return "maestro";
  return r.loop_nest ? "loop-nest"
                     : absl::StrCat("fallback: ", r.exact_fallback);
}

std::string Uj(double pj) { return Microjoules(pj); }
double Ms(int64_t cycles, const Hardware& hw) {
  return Milliseconds(cycles, hw);
}

// The column widths of a table of layers: shapes are never cut; names get
// what is left of the width (elided in the middle, still unique).
struct Columns {
  size_t name = 0, shape = 0;
  // The printed names: the layers', then the uncosted nodes'.
  std::vector<std::string> names;
};
Columns LayerColumns(const ModelRun& m, const ReportOptions& ro, size_t fixed) {
  std::vector<std::string> names;
  Columns c{5, 5, {}};
  for (const JobLayer& l : m.layers) {
    names.push_back(l.layer.name);
    c.shape = std::max(c.shape, LayerShapeBrief(l).size());
  }
  for (const UncostedNode& u : m.uncosted) {
    names.push_back(u.node);
    c.shape = std::max(c.shape, u.op.size());
  }
  size_t room = SIZE_MAX;  // --wide: no limit
  if (ro.width > 0) {
    room = static_cast<size_t>(
        std::max(20, ro.width - static_cast<int>(fixed + c.shape)));
  }
  ElidedNames e = ElideUnique(names, room);
  c.name = std::max(c.name, e.width);
  c.names = std::move(e.names);
  return c;
}

// The shape notation of LayerShapeBrief, for the legend under a table.
constexpr const char* kShapeLegend =
    "shape: C->K RxS/stride @Y = input and output channels, filter, stride "
    "and input rows\n (padding included; @YxX when not square); dwC = "
    "depthwise; fc C->K M<rows>; gemm MxKxN;\n xN = N instances (groups, "
    "heads), included in MACs, cycles and energy;\n";

// Columns of a layer-table row besides the name and the shape.
constexpr size_t kLayerTableFixed = 79;

void WriteLayerTable(const ModelRun& m, const DataflowRun& run,
                     const Hardware& hw, const ReportOptions& ro,
                     std::ostream& os) {
  const Columns c = LayerColumns(m, ro, kLayerTableFixed);
  const int nw = static_cast<int>(c.name), sw = static_cast<int>(c.shape);
  os << absl::StrFormat("%3s %-*s %-*s %7s %12s %4s %7s %8s %8s %s\n", "#", nw,
                        "layer", sw, "shape", "MACs", "cycles", "util",
                        "energy", "L1/PE", "L2", "bound");
  os << absl::StrFormat("%3s %-*s %-*s %7s %12s %4s %7s\n", "", nw, "", sw, "",
                        "", "", "%", "uJ");
  for (size_t i = 0; i < m.layers.size(); ++i) {
    const JobLayer& jl = m.layers[i];
    const LayerOutcome& o = run.layers[i];
    const std::string& name = c.names[i];
    const std::string shape = LayerShapeBrief(jl);
    if (!o.status.ok()) {
      os << absl::StrFormat("%3d %-*s %-*s not costed: %s\n", i + 1, nw, name,
                            sw, shape, o.status.message());
      continue;
    }
    const LayerResult& r = o.result;
    double rep = static_cast<double>(r.repeat);
    std::string line = absl::StrFormat(
        "%3d %-*s %-*s %7s %12s %4.0f %7s %8s %8s %s%s", i + 1, nw, name, sw,
        shape, ShortCount(static_cast<double>(r.macs) * rep),
        GroupThousands(r.runtime_cycles * r.repeat), 100 * Utilization(r, hw),
        Uj(r.energy_pj * rep), BufferCell(r.l1_size_req, hw.l1_size, hw),
        BufferCell(r.l2_size_req, hw.l2_size, hw), BoundName(r.bound),
        r.semantics == Semantics::kExact && !r.loop_nest ? " approx" : "");
    os << line << "\n";
  }
  for (const UncostedNode& u : m.uncosted) {
    os << absl::StrFormat("%3s %-*s %-*s not costed: %s\n", "-", nw,
                          c.names[m.layers.size() + (&u - &m.uncosted[0])], sw,
                          u.op, u.reason);
  }
  os << "(" << kShapeLegend
     << " L1/PE, L2: the mapping's buffer need, '!' = larger than the "
        "hardware's buffer;\n"
        " bound: what decides most cycles: compute, noc (NoC bandwidth) or "
        "offchip (MAESTRO's\n"
        " off-chip floor: every top-level step refills its L2 tiles from "
        "DRAM, so a mapping that\n"
        " does not reuse its L2 across steps is offchip-bound; compare "
        "\"off-chip modelled\" with\n"
        " the minimum below); approx = exact semantics fell back to "
        "MAESTRO's case rules)\n";
}

// What a script or a reader must not miss: the run is partial, or some
// layers are approximate.
void WriteFlagLines(const RunSummary& s, std::ostream& os) {
  if (s.partial()) {
    os << "  " << PartialLine(s) << "; the totals leave out the rest\n"
       << "    first not costed: " << s.first_not_costed << "\n";
  }
  if (s.layers_approximate > 0) {
    os << absl::StrFormat(
        "  APPROXIMATE: %d %s on the exact-semantics fallback (MAESTRO's "
        "case rules with\n    corrections), first %s\n",
        s.layers_approximate, s.layers_approximate == 1 ? "layer" : "layers",
        s.first_approximate);
  }
}

void WriteBufferLine(const char* what, const char* per, int64_t peak,
                     int64_t have, int64_t over, const RunSummary& s,
                     const Hardware& hw, std::ostream& os) {
  BufferText t =
      Buffers(peak * hw.bytes_per_element, have * hw.bytes_per_element);
  os << absl::StrFormat("  peak %s need   %s%s (hardware %s)", what, t.need,
                        per, t.have);
  if (over > 0) {
    os << absl::StrFormat(": DOES NOT FIT in %d of %d layers", over,
                          s.layers_costed);
  }
  os << "\n";
}

void WriteBufferLines(const DataflowRun& run, const Hardware& hw,
                      std::ostream& os) {
  const NetworkTotals& t = run.net.totals;
  WriteBufferLine("L1", " per PE", t.peak_l1_size_req, hw.l1_size,
                  run.summary.layers_over_l1, run.summary, hw, os);
  WriteBufferLine("L2", "", t.peak_l2_size_req, hw.l2_size,
                  run.summary.layers_over_l2, run.summary, hw, os);
}

void WriteOffchipLines(const RunSummary& s, const Hardware& hw,
                       std::ostream& os) {
  auto bytes = [&](int64_t elems) {
    return HumanBytes(static_cast<double>(elems * hw.bytes_per_element));
  };
  os << absl::StrFormat(
      "  off-chip       %s modelled (MAESTRO's rule: every top-level step "
      "refills its L2\n"
      "                 tiles from DRAM), %s minimum (each input, weight and "
      "output\n"
      "                 element once); %d of %d layers offchip-bound\n",
      bytes(s.offchip_modelled), bytes(s.offchip_min), s.layers_offchip_bound,
      s.layers_costed);
}

// The run's power: the design's module power under the maestro area model,
// else the run's average power (energy / time).
double RunPowerMw(const NetworkTotals& t, const Hardware& hw) {
  const AreaEstimate a = EstimateArea(hw, MakeAreaModel(hw.area_model),
                                      BufferSizes::Configured(hw));
  return DesignPowerMw(a, t.energy_pj, t.runtime_cycles, hw.clock_ghz);
}

void WriteAreaPowerLine(const NetworkTotals& t, const Hardware& hw,
                        std::ostream& os) {
  const AreaEstimate a = EstimateArea(hw, MakeAreaModel(hw.area_model),
                                      BufferSizes::Configured(hw));
  auto pct = [&](double v) {
    return a.total_um2 > 0 ? 100 * v / a.total_um2 : 0;
  };
  const bool noc = MakeAreaModel(hw.area_model).noc;
  os << absl::StrFormat(
      "  area           %.3f mm^2 (%s model: MACs %.0f%%, L1 %.0f%%, L2 "
      "%.0f%%, %s)\n",
      a.total_um2 / 1e6, AreaModelName(a.model), pct(a.mac_um2),
      pct(a.l1_um2), pct(a.l2_um2),
      noc ? absl::StrFormat("NoC %.0f%%", pct(a.noc_um2))
          : std::string("NoC not costed"));
  os << absl::StrFormat(
      "  power          %.1f mW (%s)\n", RunPowerMw(t, hw),
      a.static_power_mw > 0 ? "MAESTRO's module power of the design"
                            : "average over the run: energy / time; leakage "
                              "not modelled");
}

void WriteTotals(const ModelRun& m, const DataflowRun& run, const Hardware& hw,
                 std::ostream& os) {
  const NetworkTotals& t = run.net.totals;
  double e_mac = 0, e_l1 = 0, e_l2 = 0, e_noc = 0, e_dram = 0;
  for (const LayerResult& r : run.net.layers) {
    double rep = static_cast<double>(r.repeat);
    e_mac += r.energy_mac_pj * rep;
    e_l1 += r.energy_l1_pj * rep;
    e_l2 += r.energy_l2_pj * rep;
    e_noc += r.energy_noc_pj * rep;
    e_dram += r.energy_dram_pj * rep;
  }
  auto pct = [&](double v) {
    return t.energy_pj > 0 ? 100 * v / t.energy_pj : 0;
  };
  os << absl::StrFormat("\nnetwork totals (%s, dataflow %s)\n", m.name,
                        run.dataflow);
  WriteFlagLines(run.summary, os);
  os << absl::StrFormat("  latency        %s cycles = %.3f ms at %.2f GHz\n",
                        GroupThousands(t.runtime_cycles),
                        Ms(t.runtime_cycles, hw), hw.clock_ghz);
  os << absl::StrFormat(
      "  energy         %s uJ (MAC %.0f%%, L1 %.0f%%, L2 %.0f%%, NoC %.0f%%, "
      "DRAM %.0f%%)\n",
      Uj(t.energy_pj), pct(e_mac), pct(e_l1), pct(e_l2), pct(e_noc),
      pct(e_dram));
  os << absl::StrFormat("  MACs           %s\n", GroupThousands(t.macs));
  os << absl::StrFormat("  utilisation    %.1f %% (MACs / (PEs x %scycles))\n",
                        100 * t.utilization,
                        hw.simd_lanes > 1 ? "SIMD lanes x " : "");
  os << absl::StrFormat("  throughput     %.1f MACs/cycle = %.1f GMAC/s\n",
                        t.throughput_macs_per_cycle,
                        t.throughput_macs_per_cycle * hw.clock_ghz);
  WriteBufferLines(run, hw, os);
  WriteOffchipLines(run.summary, hw, os);
  WriteAreaPowerLine(t, hw, os);
  // The five costliest layers by cycles (repeat included).
  std::vector<size_t> idx(run.net.layers.size());
  std::iota(idx.begin(), idx.end(), 0);
  auto cyc = [&](size_t i) {
    return run.net.layers[i].runtime_cycles * run.net.layers[i].repeat;
  };
  std::stable_sort(idx.begin(), idx.end(),
                   [&](size_t a, size_t b) { return cyc(a) > cyc(b); });
  os << "  costliest layers (cycles):\n";
  for (size_t k = 0; k < std::min<size_t>(5, idx.size()); ++k) {
    const LayerResult& r = run.net.layers[idx[k]];
    double share =
        t.runtime_cycles > 0 ? 100.0 * cyc(idx[k]) / t.runtime_cycles : 0;
    os << absl::StrFormat("    %d. %-40s %13s  %4.1f %%\n", k + 1, r.name,
                          GroupThousands(cyc(idx[k])), share);
  }
}

// MAC-bearing nodes that have JobLayers (the others are m.uncosted).
int64_t CostableNodes(const ModelRun& m) {
  absl::flat_hash_set<std::string> nodes;
  for (const JobLayer& l : m.layers) nodes.insert(NodeOf(l));
  return static_cast<int64_t>(nodes.size());
}

// "model NAME (PATH): M MAC layers", M counting every MAC-bearing node.
void WriteModelLine(const ModelRun& m, std::ostream& os) {
  const int64_t costable = CostableNodes(m);
  os << absl::StrFormat("\nmodel %s (%s): %d MAC layers", m.name, m.path,
                        costable + static_cast<int64_t>(m.uncosted.size()));
  if (static_cast<int64_t>(m.layers.size()) != costable) {
    os << absl::StrFormat(" (costed as %d MAESTRO layers)", m.layers.size());
  }
  if (!m.uncosted.empty()) {
    os << absl::StrFormat(", %d of them not costable (see coverage)",
                          m.uncosted.size());
  }
  os << "\n";
}

void WriteCoverage(const ModelRun& m, std::ostream& os) {
  int64_t not_mac = 0, folded = 0, unsupported = 0;
  for (const auto& c : m.model.coverage) {
    switch (c.verdict) {
      case frontend::Verdict::kNotMacLayer:
        ++not_mac;
        break;
      case frontend::Verdict::kShapeFolded:
        ++folded;
        break;
      case frontend::Verdict::kNotSupported:
        ++unsupported;
        break;
    }
  }
  int64_t conditional = 0;  // a node may give several JobLayers (parts)
  for (const auto& l : m.model.layers) conditional += l.conditional ? 1 : 0;
  os << absl::StrFormat(
      "\ncoverage: %d MAC layers extracted from %d nodes; %d other nodes are "
      "not MAC layers,\n  %d shape computations folded, %d not supported",
      CostableNodes(m), m.model.node_count, not_mac, folded, unsupported);
  if (conditional > 0) {
    os << absl::StrFormat(", %d conditional layers left out", conditional);
  }
  os << "\n";
  for (const auto& c : m.model.coverage) {
    if (c.verdict != frontend::Verdict::kNotSupported) continue;
    os << absl::StrFormat("  not supported: %s (%s): %s\n", c.node, c.op,
                          c.reason);
  }
  if (unsupported > 0 || not_mac > 0) {
    os << "  (`maestro-onnx layers MODEL` lists every node and its verdict)\n";
  }
}

// Whether run d costed every layer some dataflow costed: a run that left
// layers out looks faster than it is, so only such runs are ranked.
bool CostsWhatOthersCost(const ModelRun& m, size_t d) {
  for (size_t i = 0; i < m.layers.size(); ++i) {
    if (m.runs[d].layers[i].status.ok()) continue;
    for (const DataflowRun& r : m.runs) {
      if (r.layers[i].status.ok()) return false;
    }
  }
  return true;
}

// Whether the comparison may star run d: it costed something, everything
// the others costed, and its mappings fit the hardware's buffers.
bool Ranked(const ModelRun& m, size_t d) {
  const RunSummary& s = m.runs[d].summary;
  return s.layers_costed > 0 && CostsWhatOthersCost(m, d) && !s.overflows();
}

// The note of a comparison row: what keeps it from being ranked or whole.
std::string RowNote(const RunSummary& s, bool incomplete, bool best) {
  std::vector<std::string> parts;
  if (best && s.partial()) {
    parts.push_back(
        absl::StrCat(s.layers_not_costed(), " not costed by any dataflow"));
  } else if (s.layers_costed == 0) {
    parts.push_back(absl::StrCat("no layer costed: ", s.first_not_costed));
  } else if (incomplete) {
    parts.push_back(absl::StrFormat("incomplete: %d of %d layers",
                                    s.layers_costed, s.layers));
  } else if (s.partial()) {
    parts.push_back(
        absl::StrFormat("partial: %d of %d layers", s.layers_costed, s.layers));
  }
  if (s.layers_over_l1 > 0) {
    parts.push_back(absl::StrCat("L1 overflow in ", s.layers_over_l1));
  }
  if (s.layers_over_l2 > 0) {
    parts.push_back(absl::StrCat("L2 overflow in ", s.layers_over_l2));
  }
  if (s.layers_approximate > 0) {
    parts.push_back(absl::StrCat(s.layers_approximate, " approx"));
  }
  return absl::StrJoin(parts, "; ");
}

// The comparison of a model's dataflows: one row per dataflow, then the
// per-layer best; the best of each column among the ranked rows (the
// per-layer best row is a bound, not a competitor).
struct ComparisonRow {
  std::string name;
  const NetworkResult* net;
  const RunSummary* summary;
  bool ranked;
  std::string note;
};
enum Column { kCycles, kEnergy, kUtil, kL1, kL2, kNumColumns };
constexpr const char* kColumnKeys[kNumColumns] = {
    "runtime_cycles", "energy_pj", "utilization", "peak_l1_size_req",
    "peak_l2_size_req"};
double ColumnValue(const NetworkResult& n, int c) {
  const NetworkTotals& t = n.totals;
  switch (c) {
    case kCycles:
      return static_cast<double>(t.runtime_cycles);
    case kEnergy:
      return t.energy_pj;
    case kUtil:
      return t.utilization;
    case kL1:
      return static_cast<double>(t.peak_l1_size_req);
    default:
      return static_cast<double>(t.peak_l2_size_req);
  }
}
struct Comparison {
  std::vector<ComparisonRow> rows;
  double best[kNumColumns];
  int best_by_objective = -1;  // the ranked row the objective prefers
  bool Starred(const ComparisonRow& r, int c) const {
    return r.ranked && ColumnValue(*r.net, c) == best[c];
  }
};

Comparison MakeComparison(const ModelRun& m) {
  Comparison cmp;
  for (size_t d = 0; d < m.runs.size(); ++d) {
    const DataflowRun& r = m.runs[d];
    cmp.rows.push_back({r.dataflow, &r.net, &r.summary, Ranked(m, d),
                        RowNote(r.summary, !CostsWhatOthersCost(m, d), false)});
  }
  cmp.rows.push_back({"per-layer best", &m.best.net, &m.best.summary, false,
                      RowNote(m.best.summary, false, true)});
  // Lower is better except utilisation.
  for (int c = 0; c < kNumColumns; ++c) {
    const bool lower = c != kUtil;
    double b = lower ? INFINITY : -INFINITY;
    for (const ComparisonRow& r : cmp.rows) {
      if (!r.ranked) continue;
      const double v = ColumnValue(*r.net, c);
      b = lower ? std::min(b, v) : std::max(b, v);
    }
    cmp.best[c] = b;
  }
  double best_value = INFINITY;
  for (size_t i = 0; i < cmp.rows.size(); ++i) {
    const ComparisonRow& r = cmp.rows[i];
    if (!r.ranked) continue;
    const double v =
        ObjectiveValue(m.best.objective, ColumnValue(*r.net, kCycles),
                       r.net->totals.energy_pj);
    if (v < best_value) best_value = v, cmp.best_by_objective = int(i);
  }
  return cmp;
}

// "fewest cycles", "least energy", "least energy-delay product".
const char* ObjectiveGoal(Objective o) {
  switch (o) {
    case Objective::kEnergy:
      return "least energy";
    case Objective::kEdp:
      return "least energy x cycles";
    case Objective::kLatency:
      break;
  }
  return "fewest cycles";
}

void WriteWins(const ModelRun& m, std::ostream& os);

void WriteComparison(const ModelRun& m, const Hardware& hw, std::ostream& os) {
  const Comparison cmp = MakeComparison(m);
  os << absl::StrFormat(
      "\n%s: dataflow comparison (* = best of column among the dataflows "
      "that cost every\n  layer any dataflow costs and fit the buffers; "
      "'!' = larger than the hardware's)\n",
      m.name);
  os << absl::StrFormat("%-15s %15s %10s %12s %7s %9s %9s %9s %s\n", "dataflow",
                        "cycles", "ms", "energy uJ", "util %", "peak L1",
                        "peak L2", "MAC/cyc", "note");
  for (const ComparisonRow& r : cmp.rows) {
    auto mark = [&](int c) { return cmp.Starred(r, c) ? "*" : " "; };
    const NetworkTotals& t = r.net->totals;
    std::string line;
    if (r.summary->layers_costed == 0) {
      line = absl::StrFormat("%-15s %14s  %10s %11s  %6s  %8s  %8s  %9s %s",
                             r.name, "-", "-", "-", "-", "-", "-", "-", r.note);
    } else {
      line = absl::StrFormat(
          "%-15s %14s%s %10.3f %11s%s %6.1f%s %8s%s %8s%s %9.1f %s", r.name,
          GroupThousands(t.runtime_cycles), mark(kCycles),
          Ms(t.runtime_cycles, hw), Uj(t.energy_pj), mark(kEnergy),
          100 * t.utilization, mark(kUtil),
          BufferCell(t.peak_l1_size_req, hw.l1_size, hw), mark(kL1),
          BufferCell(t.peak_l2_size_req, hw.l2_size, hw), mark(kL2),
          t.throughput_macs_per_cycle, r.note);
    }
    os << absl::StripTrailingAsciiWhitespace(line) << "\n";
  }
  WriteWins(m, os);
}

// How often each dataflow wins a layer of the per-layer best.
void WriteWins(const ModelRun& m, std::ostream& os) {
  std::vector<int> wins(m.runs.size(), 0);
  for (int d : m.best.dataflow_index) {
    if (d >= 0) ++wins[d];
  }
  std::vector<std::string> won;
  for (size_t d = 0; d < m.runs.size(); ++d) {
    if (wins[d] > 0) {
      won.push_back(absl::StrCat(m.runs[d].dataflow, " ", wins[d]));
    }
  }
  os << "per-layer best by " << ObjectiveName(m.best.objective)
     << " (a reconfigurable accelerator choosing per layer the "
     << ObjectiveGoal(m.best.objective) << ",\n  fitting buffers first; "
     << "--objective latency|energy|edp):\n  "
     << (won.empty() ? "no" : absl::StrJoin(won, ", ")) << " layers";
  if (m.best.summary.partial()) {
    os << "; " << m.best.summary.layers_not_costed()
       << " not costed by any dataflow";
  }
  os << "\n";
}

// The worst dataflow's figure for layer i by the objective: cycles, uJ, or
// (edp) the ratio of the worst energy-delay product to the pick's.
std::string WorstCell(const ModelRun& m, size_t i, const LayerResult& pick) {
  const Objective o = m.best.objective;
  double worst = 0;
  for (const DataflowRun& r : m.runs) {
    if (!r.layers[i].status.ok()) continue;
    const LayerResult& x = r.layers[i].result;
    worst = std::max(worst,
                     ObjectiveValue(o, double(x.runtime_cycles), x.energy_pj));
  }
  const double rep = static_cast<double>(pick.repeat);
  if (o == Objective::kLatency) {
    return GroupThousands(static_cast<int64_t>(worst) * pick.repeat);
  }
  if (o == Objective::kEnergy) return Uj(worst * rep);
  const double best =
      ObjectiveValue(o, double(pick.runtime_cycles), pick.energy_pj);
  return best > 0 ? absl::StrFormat("%.2fx", worst / best) : "-";
}

constexpr size_t kBestTableFixed = 56;

void WriteBestTable(const ModelRun& m, const ReportOptions& ro,
                    std::ostream& os) {
  const Columns c = LayerColumns(m, ro, kBestTableFixed);
  const int nw = static_cast<int>(c.name), sw = static_cast<int>(c.shape);
  const Objective o = m.best.objective;
  const std::string worst = o == Objective::kLatency  ? "worst cycles"
                            : o == Objective::kEnergy ? "worst uJ"
                                                      : "worst EDP";
  os << absl::StrFormat("\n%-*s %-*s %-11s %13s %10s %13s\n", nw, "layer", sw,
                        "shape", "best", "cycles", "energy uJ", worst);
  for (size_t i = 0; i < m.layers.size(); ++i) {
    const std::string& name = c.names[i];
    const std::string shape = LayerShapeBrief(m.layers[i]);
    int d = m.best.dataflow_index[i];
    if (d < 0) {
      os << absl::StrFormat("%-*s %-*s %s\n", nw, name, sw, shape,
                            "not costed by any dataflow");
      continue;
    }
    const LayerResult& b = m.runs[d].layers[i].result;
    std::string flags;
    if (!b.fits_l1) flags += " L1!";
    if (!b.fits_l2) flags += " L2!";
    if (b.semantics == Semantics::kExact && !b.loop_nest) flags += " approx";
    os << absl::StrFormat("%-*s %-*s %-11s %13s %10s %13s%s\n", nw, name, sw,
                          shape, m.runs[d].dataflow,
                          GroupThousands(b.runtime_cycles * b.repeat),
                          Uj(b.energy_pj * static_cast<double>(b.repeat)),
                          WorstCell(m, i, b), flags);
  }
  for (const UncostedNode& u : m.uncosted) {
    os << absl::StrFormat("%-*s %-*s %s\n", nw,
                          c.names[m.layers.size() + (&u - &m.uncosted[0])], sw,
                          u.op, "not costed by any dataflow (see coverage)");
  }
  os << "(" << kShapeLegend << " best: the dataflow with the "
     << ObjectiveGoal(o) << " among those that fit the buffers;\n"
     << " " << worst
     << (o == Objective::kEdp ? ": the worst dataflow's EDP over the best's"
                              : ": the worst dataflow's")
     << "; L1!/L2! = no dataflow fits that buffer;\n"
        " approx = exact semantics fell back to MAESTRO's case rules)\n";
}

// One row per model: its MACs and, per dataflow (or, with several, the
// ranked dataflow the objective prefers and the per-layer best), the totals.
void WriteModelsSummary(const std::vector<ModelRun>& runs, const Hardware& hw,
                        std::ostream& os) {
  size_t nw = 5;
  for (const ModelRun& m : runs) nw = std::max(nw, m.name.size());
  const bool several = runs[0].runs.size() > 1;
  os << absl::StrFormat("\nsummary of %d models", runs.size());
  if (several) {
    os << " (best: the ranked dataflow with the "
       << ObjectiveGoal(runs[0].best.objective) << ")";
  }
  os << absl::StrFormat("\n%-*s %6s %8s %-15s %14s %10s %11s %6s %s\n", nw,
                        "model", "layers", "MACs",
                        several ? "best" : "dataflow", "cycles", "ms",
                        "energy uJ", "util %", "note");
  auto row = [&](const std::string& model, const ModelRun& m,
                 const std::string& df, const NetworkResult& net,
                 const RunSummary& s) {
    const NetworkTotals& t = net.totals;
    const std::string line = absl::StrFormat(
        "%-*s %6d %8s %-15s %14s %10.3f %11s %6.1f %s", nw, model,
        CostableNodes(m) + static_cast<int64_t>(m.uncosted.size()),
        ShortCount(static_cast<double>(t.macs)), df,
        GroupThousands(t.runtime_cycles), Ms(t.runtime_cycles, hw),
        Uj(t.energy_pj), 100 * t.utilization,
        s.partial() ? PartialLine(s) : "");
    os << absl::StripTrailingAsciiWhitespace(line) << "\n";
  };
  for (const ModelRun& m : runs) {
    if (!several) {
      row(m.name, m, m.runs[0].dataflow, m.runs[0].net, m.runs[0].summary);
      continue;
    }
    const Comparison cmp = MakeComparison(m);
    if (cmp.best_by_objective >= 0) {
      const ComparisonRow& b = cmp.rows[cmp.best_by_objective];
      row(m.name, m, b.name, *b.net, *b.summary);
    } else {
      os << absl::StrFormat("%-*s %s\n", nw, m.name,
                            "no dataflow ranked (see its comparison)");
    }
    row("", m, "per-layer best", m.best.net, m.best.summary);
  }
}

// The comparison table as JSON: per row its totals, whether it is ranked,
// the columns it is best of, and its note; the dataflow the objective picks.
nlohmann::ordered_json ComparisonToJson(const ModelRun& m, const Hardware& hw) {
  const Comparison cmp = MakeComparison(m);
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const ComparisonRow& r : cmp.rows) {
    const NetworkTotals& t = r.net->totals;
    nlohmann::ordered_json best_of = nlohmann::ordered_json::array();
    for (int c = 0; c < kNumColumns; ++c) {
      if (cmp.Starred(r, c)) best_of.push_back(kColumnKeys[c]);
    }
    rows.push_back({{"dataflow", r.name},
                    {"runtime_cycles", t.runtime_cycles},
                    {"runtime_ms", Ms(t.runtime_cycles, hw)},
                    {"energy_pj", t.energy_pj},
                    {"utilization", t.utilization},
                    {"peak_l1_size_req", t.peak_l1_size_req},
                    {"peak_l2_size_req", t.peak_l2_size_req},
                    {"throughput_macs_per_cycle", t.throughput_macs_per_cycle},
                    {"layers_costed", r.summary->layers_costed},
                    {"ranked", r.ranked},
                    {"best_of", std::move(best_of)},
                    {"note", r.note}});
  }
  nlohmann::ordered_json j;
  j["objective"] = std::string(ObjectiveName(m.best.objective));
  j["best"] = cmp.best_by_objective >= 0
                  ? nlohmann::ordered_json(cmp.rows[cmp.best_by_objective].name)
                  : nlohmann::ordered_json(nullptr);
  j["rows"] = std::move(rows);
  return j;
}

// The summary's fields in a JSON totals object.
void AddSummary(const RunSummary& s, nlohmann::ordered_json& t) {
  t["partial"] = s.partial();
  t["layers"] = s.layers;
  t["layers_costed"] = s.layers_costed;
  t["layers_not_costed"] = s.layers_not_costed();
  t["macs_not_costed"] = s.macs_not_costed;
  t["layers_macs_unknown"] = s.layers_macs_unknown;
  t["macs_costed_fraction"] = s.MacsFraction();
  if (!s.first_not_costed.empty()) t["first_not_costed"] = s.first_not_costed;
  t["layers_approximate"] = s.layers_approximate;
  t["fits_l1"] = s.layers_over_l1 == 0;
  t["fits_l2"] = s.layers_over_l2 == 0;
  t["layers_over_l1"] = s.layers_over_l1;
  t["layers_over_l2"] = s.layers_over_l2;
  t["layers_offchip_bound"] = s.layers_offchip_bound;
  t["offchip_elements"] = s.offchip_min;
  t["offchip_elements_modelled"] = s.offchip_modelled;
}

}  // namespace

std::string LayerShapeBrief(const JobLayer& jl) {
  const Layer& l = jl.layer;
  std::string s;
  if (jl.role == LayerRole::kFullyConnected && l.type == LayerType::kConv) {
    s = absl::StrCat("fc ", l.Get(Dim::kC), "->", l.Get(Dim::kK), " M",
                     l.Get(Dim::kY));
    if (l.GetOr1(Dim::kN) > 1) absl::StrAppend(&s, " N", l.Get(Dim::kN));
  } else if (l.type == LayerType::kGemm) {
    s = absl::StrCat("gemm ", l.Get(Dim::kM), "x", l.Get(Dim::kK), "x",
                     l.Get(Dim::kN));
  } else {
    if (l.type == LayerType::kDsconv) {
      s = absl::StrCat("dw", l.Get(Dim::kC));
    } else {
      s = absl::StrCat(l.Get(Dim::kC), "->", l.Get(Dim::kK));
    }
    absl::StrAppend(&s, " ", l.Get(Dim::kR), "x", l.Get(Dim::kS), "/",
                    l.stride_y, " @", l.Get(Dim::kY));
    if (l.Get(Dim::kX) != l.Get(Dim::kY))
      absl::StrAppend(&s, "x", l.Get(Dim::kX));
  }
  if (l.repeat > 1) absl::StrAppend(&s, " x", l.repeat);
  return s;
}

nlohmann::ordered_json UncostedToJson(const std::vector<UncostedNode>& u) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const UncostedNode& n : u) {
    nlohmann::ordered_json j = {
        {"node", n.node}, {"op", n.op}, {"reason", n.reason}};
    if (n.macs >= 0) j["macs_estimate"] = n.macs;
    list.push_back(std::move(j));
  }
  return list;
}

void WriteRunsTable(const std::vector<ModelRun>& runs, const Hardware& hw,
                    std::ostream& os, const ReportOptions& ro) {
  WriteHardwareLine(hw, os);
  for (const ModelRun& m : runs) {
    WriteModelLine(m, os);
    for (const std::string& n : m.model.notes) os << "note: " << n << "\n";
    if (m.runs.size() == 1) {
      os << absl::StrFormat("dataflow %s\n\n", m.runs[0].dataflow);
      WriteLayerTable(m, m.runs[0], hw, ro, os);
      WriteTotals(m, m.runs[0], hw, os);
    } else {
      WriteComparison(m, hw, os);
      WriteBestTable(m, ro, os);
    }
    WriteCoverage(m, os);
  }
  if (runs.size() > 1) WriteModelsSummary(runs, hw, os);
}

// A CSV row of a run's totals: layer "TOTAL", status "total" (or "partial
// total" when layers were left out), the summed figures and the peaks.
template <typename Quote>
void WriteTotalsCsvRow(const std::string& model, const std::string& dataflow,
                       const NetworkTotals& t, const RunSummary& s,
                       const Quote& q, std::ostream& os) {
  os << q(model) << "," << q(dataflow) << ",TOTAL" << std::string(14, ',')
     << (s.partial() ? "partial total" : "total") << "," << t.macs << ","
     << t.runtime_cycles << "," << absl::StrFormat("%.6g", t.energy_pj) << ","
     << absl::StrFormat("%.6g", t.energy_maestro_xmac) << ","
     << t.peak_l1_size_req << "," << t.peak_l2_size_req << std::string(10, ',')
     << (s.layers_over_l1 == 0 ? 1 : 0) << ","
     << (s.layers_over_l2 == 0 ? 1 : 0) << "," << s.offchip_min << ","
     << s.offchip_modelled << "\n";
}

void WriteRunsCsv(const std::vector<ModelRun>& runs, std::ostream& os) {
  os << "model,dataflow,layer,onnx_node,onnx_op,type,N,K,C,R,S,Y,X,stride_y,"
        "stride_x,repeat,status,macs,runtime_cycles,energy_pj,"
        "energy_maestro_xmac,l1_size_req,l2_size_req,noc_bw_req_peak,"
        "noc_bw_req_avg,avg_utilized_pes,bound,input_l2_read,filter_l2_read,"
        "output_l2_write,part,exact_model,fits_l1,fits_l2,offchip_min,"
        "offchip_modelled\n";
  auto q = [](const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string o = "\"";
    for (char c : s) o += (c == '"') ? std::string("\"\"") : std::string(1, c);
    return o + "\"";
  };
  for (const ModelRun& m : runs) {
    for (const DataflowRun& run : m.runs) {
      for (size_t i = 0; i < m.layers.size(); ++i) {
        const Layer& l = m.layers[i].layer;
        const LayerOutcome& o = run.layers[i];
        os << q(m.name) << "," << q(run.dataflow) << "," << q(l.name) << ","
           << q(l.loc.onnx_node) << "," << q(l.loc.onnx_op) << ","
           << LayerTypeName(l.type);
        for (Dim d :
             {Dim::kN, Dim::kK, Dim::kC, Dim::kR, Dim::kS, Dim::kY, Dim::kX}) {
          os << "," << l.Get(d);
        }
        os << "," << l.stride_y << "," << l.stride_x << "," << l.repeat;
        if (!o.status.ok()) {
          os << "," << q(std::string(o.status.message())) << ",,,,,,,,,,,,,,"
             << q(m.layers[i].part) << ",,,,,\n";
          continue;
        }
        const LayerResult& r = o.result;
        os << ",ok," << r.macs << "," << r.runtime_cycles << ","
           << absl::StrFormat("%.6g", r.energy_pj) << ","
           << absl::StrFormat("%.6g", r.energy_maestro_xmac) << ","
           << r.l1_size_req << "," << r.l2_size_req << "," << r.noc_bw_req_peak
           << "," << absl::StrFormat("%.6g", r.noc_bw_req_avg) << ","
           << absl::StrFormat("%.6g", r.avg_utilized_pes) << ","
           << BoundName(r.bound) << "," << r.access[kInput].l2_read << ","
           << r.access[kFilter].l2_read << "," << r.access[kOutput].l2_write
           << "," << q(m.layers[i].part) << "," << q(ExactModel(r)) << ","
           << (r.fits_l1 ? 1 : 0) << "," << (r.fits_l2 ? 1 : 0) << ","
           << OffchipElements(r) << "," << r.offchip_modelled << "\n";
      }
      // The MAC nodes the frontend could not turn into layers: in every
      // dataflow's rows, so a sum over the rows cannot look complete.
      for (const UncostedNode& u : m.uncosted) {
        os << q(m.name) << "," << q(run.dataflow) << "," << q(u.node) << ","
           << q(u.node) << "," << q(u.op) << ",,,,,,,,,,,,"
           << q(absl::StrCat("not costed: ", u.reason)) << ","
           << (u.macs >= 0 ? absl::StrCat(u.macs) : "")
           << ",,,,,,,,,,,,,,,,,,\n";
      }
      WriteTotalsCsvRow(m.name, run.dataflow, run.net.totals, run.summary, q,
                        os);
    }
    if (m.runs.size() > 1) {
      WriteTotalsCsvRow(m.name, "per-layer best", m.best.net.totals,
                        m.best.summary, q, os);
    }
  }
}

nlohmann::ordered_json RunsToJson(const std::vector<ModelRun>& runs,
                                  const Hardware& hw) {
  nlohmann::ordered_json j;
  j["schema"] = "maestro-onnx.result";
  j["schema_version"] = 1;
  j["hardware"] = HardwareToJson(hw);
  j["area"] = DesignAreaToJson(hw);
  nlohmann::ordered_json dfs = nlohmann::ordered_json::array();
  nlohmann::ordered_json models = nlohmann::ordered_json::array();
  for (const ModelRun& m : runs) {
    for (const DataflowRun& run : m.runs) {
      nlohmann::ordered_json d;
      d["dataflow"] = run.dataflow;
      d["network"] = m.name;
      nlohmann::ordered_json ls = nlohmann::ordered_json::array();
      for (size_t i = 0; i < m.layers.size(); ++i) {
        const JobLayer& jl = m.layers[i];
        const LayerOutcome& o = run.layers[i];
        nlohmann::ordered_json lj;
        if (o.status.ok()) {
          lj = LayerResultToJson(o.result, &jl.layer);
        } else {
          lj["name"] = jl.layer.name;
          lj["type"] = std::string(LayerTypeName(jl.layer.type));
          lj["repeat"] = jl.layer.repeat;
          lj["macs"] = AnalyticMacs(jl.layer);
          lj["error"] = std::string(o.status.message());
        }
        lj["onnx_node"] = jl.layer.loc.onnx_node;
        lj["onnx_op"] = jl.layer.loc.onnx_op;
        lj["kind"] = jl.kind;
        if (!jl.part.empty()) lj["part"] = jl.part;
        lj["costed"] = o.status.ok();
        lj["reused"] = o.reused;
        if (o.status.ok()) {
          lj["offchip_elements_min"] = OffchipElements(o.result);
          lj["offchip_elements_modelled"] = o.result.offchip_modelled;
        }
        ls.push_back(std::move(lj));
      }
      d["layers"] = std::move(ls);
      nlohmann::ordered_json totals = TotalsToJson(run.net.totals);
      totals["runtime_ms"] = Ms(run.net.totals.runtime_cycles, hw);
      totals["power_mw"] = RunPowerMw(run.net.totals, hw);
      AddSummary(run.summary, totals);
      totals["unique_analyses"] = run.unique_analyses;
      if (m.runs.size() > 1) {
        totals["ranked"] = Ranked(m, static_cast<size_t>(&run - &m.runs[0]));
      }
      d["totals"] = std::move(totals);
      dfs.push_back(std::move(d));
    }
    nlohmann::ordered_json mj;
    mj["network"] = m.name;
    mj["file"] = m.path;
    mj["producer"] = m.model.producer;
    mj["opset"] = m.model.opset;
    mj["nodes"] = m.model.node_count;
    mj["mac_layers"] = m.layers.size();
    mj["notes"] = m.model.notes;
    nlohmann::ordered_json cov = nlohmann::ordered_json::array();
    for (const auto& c : m.model.coverage) {
      nlohmann::ordered_json cj = {
          {"node", c.node},
          {"op", c.op},
          {"verdict", frontend::VerdictName(c.verdict)}};
      if (!c.category.empty()) cj["category"] = c.category;
      if (!c.reason.empty()) cj["reason"] = c.reason;
      if (!c.output_shapes.empty()) cj["output_shapes"] = c.output_shapes;
      cov.push_back(std::move(cj));
    }
    mj["coverage"] = std::move(cov);
    mj["not_costed"] = UncostedToJson(m.uncosted);
    if (m.runs.size() > 1) {
      nlohmann::ordered_json best = nlohmann::ordered_json::array();
      for (size_t i = 0; i < m.layers.size(); ++i) {
        int d = m.best.dataflow_index[i];
        best.push_back({{"layer", m.layers[i].layer.name},
                        {"dataflow", d >= 0 ? m.runs[d].dataflow : ""}});
      }
      nlohmann::ordered_json bt = {
          {"runtime_cycles", m.best.net.totals.runtime_cycles},
          {"macs", m.best.net.totals.macs},
          {"energy_pj", m.best.net.totals.energy_pj},
          {"utilization", m.best.net.totals.utilization}};
      AddSummary(m.best.summary, bt);
      mj["per_layer_best"] = {
          {"objective", std::string(ObjectiveName(m.best.objective))},
          {"layers", std::move(best)},
          {"totals", std::move(bt)}};
      mj["comparison"] = ComparisonToJson(m, hw);
    }
    models.push_back(std::move(mj));
  }
  j["dataflows"] = std::move(dfs);
  j["models"] = std::move(models);
  return j;
}

}  // namespace maestro
