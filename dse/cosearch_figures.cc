#include "dse/cosearch_figures.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "core/area_model.h"
#include "mappings/library.h"
#include "pipeline/network_job.h"

namespace maestro::dse::cosearch {
namespace {

int64_t* Field(HardwarePoint& p, const std::string& name) {
  if (name == "pes") return &p.pes;
  if (name == "l1" || name == "l1_size") return &p.l1_size;
  if (name == "l2" || name == "l2_size") return &p.l2_size;
  if (name == "noc_bw") return &p.noc_bw;
  if (name == "offchip_bw") return &p.offchip_bw;
  return nullptr;
}

int64_t RoundUp(int64_t v, int64_t g) {
  return std::max<int64_t>(g, (v + g - 1) / g * g);
}

// The buffer a design has for a need under `fit`: the need rounded up to
// the granule, kept within `size` when the need fits it.
int64_t Fitted(int64_t need, int64_t size, int64_t granule) {
  const int64_t r = RoundUp(need, granule);
  return need <= size ? std::min(r, size) : r;
}

double Over(double value, const std::optional<double>& limit) {
  return limit ? std::max(0.0, value / *limit - 1.0) : 0.0;
}

}  // namespace

Hardware PointHardware(const Hardware& base, const HardwarePoint& p) {
  Hardware hw = base;
  if (p.pes > 0) hw.num_pes = p.pes;
  if (p.l1_size > 0) hw.l1_size = p.l1_size;
  if (p.l2_size > 0) hw.l2_size = p.l2_size;
  if (p.noc_bw > 0) hw.noc_bw = p.noc_bw;
  if (p.offchip_bw > 0) hw.offchip_bw = p.offchip_bw;
  return hw;
}

absl::StatusOr<std::vector<HardwarePoint>> GridPoints(const SweepGrid& grid,
                                                      const Hardware& base) {
  const HardwarePoint b{base.num_pes, base.l1_size, base.l2_size, base.noc_bw,
                        base.offchip_bw};
  std::vector<HardwarePoint> pts = {b};
  for (const SweepAxis& a : grid.axes) {
    HardwarePoint probe;
    if (Field(probe, a.field) == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("cosearch: unknown grid field '", a.field,
                       "'; expected pes, l1, l2, noc_bw or offchip_bw"));
    }
    if (a.values.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("cosearch: the grid axis '", a.field,
                       "' has no values; expected at least one"));
    }
    std::vector<HardwarePoint> next;
    for (const HardwarePoint& p : pts) {
      for (int64_t v : a.values) {
        HardwarePoint q = p;
        *Field(q, a.field) = v;
        next.push_back(q);
      }
    }
    pts = std::move(next);
  }
  for (const HardwarePoint& p : pts) {
    absl::Status s = ValidateHardware(PointHardware(base, p));
    if (p.pes <= 0 || p.l1_size <= 0 || p.l2_size <= 0 || p.noc_bw <= 0 ||
        p.offchip_bw <= 0) {
      s = absl::InvalidArgumentError("a field is not positive");
    }
    if (!s.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "cosearch: grid point pes=", p.pes, ",l1=", p.l1_size,
          ",l2=", p.l2_size, ",noc_bw=", p.noc_bw, ",offchip_bw=", p.offchip_bw,
          " is not valid hardware: ", s.message(),
          "; expected positive sizes and bandwidths"));
    }
  }
  return pts;
}

double AreaUm2(const Hardware& hw, int64_t l1, int64_t l2) {
  return EstimateArea(hw, MakeAreaModel(hw.area_model), BufferSizes{l1, l2})
      .total_um2;
}

DesignPoint MakeDesign(const Hardware& hw,
                       const std::vector<LayerFigure>& layers,
                       BufferPolicy buffers, const DseConstraints& c) {
  DesignPoint d;
  DesignFigures& f = d.fig;
  int64_t not_costed = 0;
  for (const LayerFigure& l : layers) {
    if (!l.costed) {
      ++not_costed;
      continue;
    }
    f.runtime_cycles += l.runtime_cycles * l.repeat;
    f.energy_pj += l.energy_pj * static_cast<double>(l.repeat);
    f.l1_size_req = std::max(f.l1_size_req, l.l1_size_req);
    f.l2_size_req = std::max(f.l2_size_req, l.l2_size_req);
  }
  d.hw = {hw.num_pes, hw.l1_size, hw.l2_size, hw.noc_bw, hw.offchip_bw};
  if (buffers == BufferPolicy::kFit) {
    d.hw.l1_size = Fitted(f.l1_size_req, hw.l1_size, kL1Granule);
    d.hw.l2_size = Fitted(f.l2_size_req, hw.l2_size, kL2Granule);
  }
  const AreaEstimate a = EstimateArea(hw, MakeAreaModel(hw.area_model),
                                      BufferSizes{d.hw.l1_size, d.hw.l2_size});
  f.area_um2 = a.total_um2;
  f.power_mw = DesignPowerMw(a, f.energy_pj, f.runtime_cycles, hw.clock_ghz);
  const double l1_over =
      std::max(0.0, static_cast<double>(f.l1_size_req) / hw.l1_size - 1.0);
  const double l2_over =
      std::max(0.0, static_cast<double>(f.l2_size_req) / hw.l2_size - 1.0);
  f.fits = not_costed == 0 && l1_over == 0 && l2_over == 0;
  f.violation = l1_over + l2_over + static_cast<double>(not_costed) +
                Over(f.area_um2, c.area_um2) + Over(f.power_mw, c.power_mw) +
                Over(static_cast<double>(f.runtime_cycles), c.latency_cycles) +
                Over(f.energy_pj, c.energy_pj);
  f.feasible = f.fits && f.violation == 0;
  return d;
}

double ObjectiveValue(DseObjective o, const DesignFigures& f) {
  const double t = static_cast<double>(f.runtime_cycles);
  switch (o) {
    case DseObjective::kLatency:
      return t;
    case DseObjective::kEnergy:
      return f.energy_pj;
    case DseObjective::kEdp:
      return t * f.energy_pj;
    case DseObjective::kPerfPerArea:
      return t * f.area_um2;
    case DseObjective::kArea:
      return f.area_um2;
    case DseObjective::kPower:
      return f.power_mw;
  }
  return t;
}

bool DesignLess(DseObjective o, const DesignFigures& a,
                const DesignFigures& b) {
  if (a.feasible != b.feasible) return a.feasible;
  if (!a.feasible && a.violation != b.violation) {
    return a.violation < b.violation;
  }
  const double va = ObjectiveValue(o, a), vb = ObjectiveValue(o, b);
  if (va != vb) return va < vb;
  // Ties: the faster, then the less energy (then the caller's order).
  return std::tie(a.runtime_cycles, a.energy_pj) <
         std::tie(b.runtime_cycles, b.energy_pj);
}

std::vector<LayerFigure> SearchedLayers(const search::NetworkSearch& n) {
  std::vector<LayerFigure> out(n.layers.size());
  for (size_t i = 0; i < n.layers.size(); ++i) {
    out[i].repeat = n.layers[i].layer.repeat;
    if (n.unique_of[i] < 0) continue;
    const search::Metrics& m = n.unique[n.unique_of[i]].best.metrics;
    if (m.standing == search::Standing::kError ||
        m.standing == search::Standing::kRefused) {
      continue;
    }
    out[i].costed = true;
    out[i].runtime_cycles = m.runtime_cycles;
    out[i].energy_pj = m.energy_pj;
    out[i].l1_size_req = m.l1_size_req;
    out[i].l2_size_req = m.l2_size_req;
  }
  return out;
}

search::Objective InnerObjective(DseObjective o) {
  switch (o) {
    case DseObjective::kEnergy:
    case DseObjective::kPower:
      return search::Objective::kEnergy;
    case DseObjective::kEdp:
      return search::Objective::kEdp;
    default:
      return search::Objective::kLatency;
  }
}

absl::StatusOr<DataflowLibraryFile> ProblemDataflow(const DseProblem& p) {
  absl::StatusOr<const DataflowLibrary*> lib = DataflowLibrary::Builtin();
  if (!lib.ok()) return lib.status();
  absl::StatusOr<std::vector<DataflowLibraryFile>> dfs =
      (*lib)->Select(p.dataflow);
  if (!dfs.ok()) return dfs.status();
  if (dfs->size() != 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "cosearch: --dataflow '", p.dataflow, "' names ", dfs->size(),
        " dataflows; expected one library name or file"));
  }
  return std::move((*dfs)[0]);
}

LibraryRun RunLibrary(const std::vector<JobLayer>& layers,
                      const DataflowLibraryFile& dataflow, const Hardware& hw,
                      const AnalysisOptions& analysis, int threads) {
  JobOptions jo;
  jo.analysis = analysis;
  jo.threads = threads;
  const std::vector<DataflowRun> runs = RunNetwork(layers, {dataflow}, hw, jo);
  LibraryRun out;
  out.evals = runs[0].unique_analyses;
  out.layers.resize(layers.size());
  for (size_t i = 0; i < layers.size(); ++i) {
    const LayerOutcome& o = runs[0].layers[i];
    LayerFigure& f = out.layers[i];
    f.repeat = layers[i].layer.repeat;
    if (!o.status.ok()) continue;
    f.costed = true;
    f.runtime_cycles = o.result.runtime_cycles;
    f.energy_pj = o.result.energy_pj;
    f.l1_size_req = o.result.l1_size_req;
    f.l2_size_req = o.result.l2_size_req;
  }
  return out;
}

search::SearchOptions InnerSearchOptions(const DseOptions& o,
                                         int64_t layer_evals) {
  search::SearchOptions so;
  so.strategy = search::Strategy::kGamma;
  so.objective = InnerObjective(o.objective);
  so.objective_spec.base = so.objective;
  so.budget = {search::BudgetKind::kEvals, static_cast<double>(layer_evals)};
  so.budget_given = true;
  so.seed = o.seed;
  so.threads = std::max(1, o.threads);
  so.analysis = o.analysis;
  so.stop = o.stop;
  return so;
}

DesignPoint SearchedDesign(const search::NetworkSearch& n,
                           const std::vector<LayerFigure>& library,
                           const Hardware& hw, BufferPolicy buffers,
                           const DseConstraints& c) {
  std::vector<LayerFigure> layers = SearchedLayers(n);
  for (size_t i = 0; i < layers.size() && i < library.size(); ++i) {
    if (n.unique_of[i] < 0) layers[i] = library[i];
  }
  return MakeDesign(hw, layers, buffers, c);
}

std::vector<DesignPoint> ParetoFront(const std::vector<DesignPoint>& pts) {
  auto dominates = [](const DesignFigures& a, const DesignFigures& b) {
    const bool no_worse = a.runtime_cycles <= b.runtime_cycles &&
                          a.energy_pj <= b.energy_pj &&
                          a.area_um2 <= b.area_um2;
    const bool better = a.runtime_cycles < b.runtime_cycles ||
                        a.energy_pj < b.energy_pj || a.area_um2 < b.area_um2;
    return no_worse && better;
  };
  std::vector<DesignPoint> front;
  for (const DesignPoint& p : pts) {
    if (!p.fig.feasible) continue;
    bool dominated = false;
    for (const DesignPoint& q : pts) {
      if (q.fig.feasible && dominates(q.fig, p.fig)) {
        dominated = true;
        break;
      }
    }
    if (!dominated) front.push_back(p);
  }
  std::stable_sort(
      front.begin(), front.end(),
      [](const DesignPoint& a, const DesignPoint& b) {
        return std::tie(a.fig.runtime_cycles, a.fig.energy_pj, a.fig.area_um2) <
               std::tie(b.fig.runtime_cycles, b.fig.energy_pj, b.fig.area_um2);
      });
  return front;
}

}  // namespace maestro::dse::cosearch
