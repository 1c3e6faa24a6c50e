// AnalyzeLayer: the engine's phases (fast_eval.h: PrepareLayer,
// CheckHardware, AnalyzeMapping, ComputeFigures) and the reporting fields
// around their figures.
#include <algorithm>
#include <cmath>
#include <optional>

#include "absl/strings/str_cat.h"
#include "core/engine/analysis.h"
#include "core/engine/fast_eval.h"
#include "core/engine/hardware_cost.h"
#include "core/engine/layer_model.h"
#include "core/engine/level_analysis.h"

namespace maestro {

absl::string_view SemanticsName(Semantics s) {
  return s == Semantics::kMaestro ? "maestro" : "exact";
}

std::optional<Semantics> ParseSemantics(absl::string_view text) {
  if (text == "exact") return Semantics::kExact;
  if (text == "maestro") return Semantics::kMaestro;
  return std::nullopt;
}

absl::string_view TensorName(int t) {
  switch (t) {
    case kInput:
      return "input";
    case kFilter:
      return "filter";
    default:
      return "output";
  }
}

absl::string_view BoundName(Bound b) {
  switch (b) {
    case Bound::kCompute:
      return "compute";
    case Bound::kNoc:
      return "noc";
    default:
      return "offchip";
  }
}

namespace {

// The reporting fields around the figures: names, the NoC and off-chip
// bandwidth needs, delay statistics, bound, area and power.
LayerResult ReportLayer(const engine::PreparedLayer& pl,
                        const ResolvedMapping& mapping, const Hardware& hw,
                        Semantics semantics, const engine::LayerModel& lm,
                        const engine::Analysis& a, const engine::Figures& f) {
  const engine::LevelResult& top = *a.top;
  const bool maestro = semantics == Semantics::kMaestro;
  LayerResult r;
  r.name = pl.layer.name;
  r.type = pl.layer.type;
  r.repeat = pl.layer.repeat;
  r.semantics = semantics;
  r.num_pes = hw.num_pes;
  r.loop_nest = a.loop_nest;
  r.warnings = mapping.warnings;
  if (!maestro && !a.loop_nest) r.exact_fallback = lm.exact_why;
  r.macs = f.macs;
  r.macs_maestro = f.macs_maestro;
  r.macs_model = f.macs_model;
  r.maestro_zero_compute = f.maestro_zero_compute;
  if (r.maestro_zero_compute > 0) {
    r.warnings.push_back(absl::StrCat(
        "warning: layer '", r.name, "': ", r.maestro_zero_compute,
        " top-level iteration case occurrence(s) compute nothing; MAESTRO "
        "divides by their zero compute delay and dies of SIGFPE, so these "
        "maestro-semantics figures have no MAESTRO counterpart"));
  }
  r.runtime_cycles = f.runtime_cycles;
  r.throughput_macs_per_cycle =
      top.runtime > 0 ? static_cast<double>(r.macs) / top.runtime : 0;
  r.access = f.access;
  r.l2_size_req_tensor = f.l2_size_req_tensor;
  r.l1_size_req_tensor = f.l1_size_req_tensor;
  r.l1_size_req = f.l1_size_req;
  r.l2_size_req = f.l2_size_req;
  r.l1_size_req_bytes = r.l1_size_req * hw.bytes_per_element;
  r.l2_size_req_bytes = r.l2_size_req * hw.bytes_per_element;
  r.fits_l1 = f.fits_l1;
  r.fits_l2 = f.fits_l2;

  r.noc_bw_req_peak = top.peak_bw;
  if (top.occurrences > 0) {
    r.noc_bw_req_avg =
        maestro ? static_cast<double>(top.avg_bw_num) / top.occurrences
                : top.avg_bw_sum / top.occurrences;
    r.ingress_delay = {top.in_min, top.in_max, top.in_sum / top.occurrences};
    r.egress_delay = {top.eg_min, top.eg_max, top.eg_sum / top.occurrences};
    r.compute_delay = {top.cp_min, top.cp_max, top.cp_sum / top.occurrences};
  }
  r.offchip_bw_req = top.offchip_peak;
  r.offchip_modelled = top.offchip_modelled;
  const int64_t ingress = top.ingress[0] + top.ingress[1];
  r.arithmetic_intensity =
      ingress > 0 ? static_cast<double>(r.macs) / ingress : 0;
  r.avg_utilized_pes = top.AvgActive();
  const auto& bc = top.bound_cycles;
  r.bound = bc[2] > std::max(bc[0], bc[1]) ? Bound::kOffchip
            : bc[1] > bc[0]                ? Bound::kNoc
                                           : Bound::kCompute;

  r.energy_maestro_xmac = f.energy_maestro_xmac;
  r.energy_pj = f.energy_pj;
  r.energy_mac_pj = f.energy_mac_pj;
  r.energy_l1_pj = f.energy_l1_pj;
  r.energy_l2_pj = f.energy_l2_pj;
  r.energy_noc_pj = f.energy_noc_pj;
  r.energy_dram_pj = f.energy_dram_pj;

  const engine::AreaPower ap =
      engine::MaestroAreaPower(hw, r.l1_size_req, r.l2_size_req);
  r.area_um2 = ap.area_um2;
  r.power_mw = ap.power_mw;
  return r;
}

}  // namespace

absl::StatusOr<LayerResult> AnalyzeLayer(const Layer& layer,
                                         const ResolvedMapping& mapping,
                                         const Hardware& hw,
                                         const AnalysisOptions& options) {
  absl::StatusOr<engine::PreparedLayer> pl =
      engine::PrepareLayer(layer, options);
  if (!pl.ok()) return pl.status();
  if (absl::Status s = engine::CheckHardware(hw); !s.ok()) return s;
  std::vector<engine::LevelView> views;
  views.reserve(mapping.levels.size());
  for (const ClusterLevel& cl : mapping.levels) {
    views.push_back({cl.num_units, cl.maps});
  }
  engine::Workspace ws;
  engine::Analysis a;
  if (absl::Status s = engine::AnalyzeMapping(*pl, views, hw, options.semantics,
                                              /*statistics=*/true, ws, a);
      !s.ok()) {
    return s;
  }
  engine::Figures f;
  engine::ComputeFigures(*pl, a, hw, options.semantics, f);
  return ReportLayer(*pl, mapping, hw, options.semantics, ws.model, a, f);
}

void ComputeTotals(const Hardware& hw, NetworkResult& net) {
  NetworkTotals t;
  for (const LayerResult& l : net.layers) {
    t.runtime_cycles += l.runtime_cycles * l.repeat;
    t.macs += l.macs * l.repeat;
    t.energy_pj += l.energy_pj * l.repeat;
    t.energy_maestro_xmac += l.energy_maestro_xmac * l.repeat;
    t.peak_l1_size_req = std::max(t.peak_l1_size_req, l.l1_size_req);
    t.peak_l2_size_req = std::max(t.peak_l2_size_req, l.l2_size_req);
    t.exact_fallback_layers += l.ExactFallback() ? 1 : 0;
  }
  if (t.runtime_cycles > 0) {
    t.throughput_macs_per_cycle =
        static_cast<double>(t.macs) / t.runtime_cycles;
    t.utilization = t.throughput_macs_per_cycle / PeakMacsPerCycle(hw);
  }
  net.totals = t;
}

}  // namespace maestro
