// AnalyzeLayer: builds the layer model, runs the level analysis and turns
// its per-level sums into the reported statistics.
#include <algorithm>
#include <cmath>
#include <optional>

#include "absl/strings/str_cat.h"
#include "core/engine/analysis.h"
#include "core/engine/exact_analysis.h"
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

int64_t TensorSize(const engine::LayerModel& lm, int t, bool output_coordinates,
                   const Layer& layer) {
  const engine::TensorInfo& ti = lm.tensors[t];
  int64_t r = 1;
  for (int i = 0; i < ti.num_dims; ++i) {
    const int d = ti.dims[i];
    if (output_coordinates && d == DimIndex(Dim::kY)) {
      r *= layer.OutY();
    } else if (output_coordinates && d == DimIndex(Dim::kX)) {
      r *= layer.OutX();
    } else {
      r *= lm.full[d];
    }
  }
  return r;
}

// MAESTRO's output_l2_read: Y - R + 1 and X - S + 1, ignoring the stride.
int64_t MaestroOutputSize(const engine::LayerModel& lm) {
  const engine::TensorInfo& ti = lm.tensors[2];
  int64_t r = 1;
  for (int i = 0; i < ti.num_dims; ++i) {
    const int d = ti.dims[i];
    if (lm.overlap && d == DimIndex(Dim::kY)) {
      r *= lm.full[d] - std::max<int64_t>(lm.full[DimIndex(Dim::kR)], 1) + 1;
    } else if (lm.overlap && d == DimIndex(Dim::kX)) {
      r *= lm.full[d] - std::max<int64_t>(lm.full[DimIndex(Dim::kS)], 1) + 1;
    } else {
      r *= lm.full[d];
    }
  }
  return r;
}

}  // namespace

absl::StatusOr<LayerResult> AnalyzeLayer(const Layer& layer,
                                         const ResolvedMapping& mapping,
                                         const Hardware& hw,
                                         const AnalysisOptions& options) {
  if (absl::Status s = ValidateLayer(layer); !s.ok()) return s;
  if (hw.num_pes < 1 || hw.noc_bw < 1 || hw.offchip_bw < 1 ||
      hw.simd_lanes < 1 || hw.noc_latency < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "hardware '", hw.name, "': num_pes ", hw.num_pes, ", noc_bw ",
        hw.noc_bw, ", offchip_bw ", hw.offchip_bw, ", simd_lanes ",
        hw.simd_lanes, ", noc_latency ", hw.noc_latency,
        "; expected positive values (latency >= 0)"));
  }
  const bool maestro = options.semantics == Semantics::kMaestro;
  const bool batch = options.tensors_have_batch.value_or(layer.Has(Dim::kN));
  absl::StatusOr<engine::LayerModel> lm =
      engine::BuildLayerModel(layer, mapping, batch);
  if (!lm.ok()) {
    return absl::Status(
        lm.status().code(),
        absl::StrCat("layer '", layer.name, "': ", lm.status().message()));
  }
  // Exact semantics: the loop-nest analysis when it covers the mapping
  // (engine::LayerModel::exact_ok), else MAESTRO's case rules with the
  // exact corrections (docs/cost-model.md).
  const bool loop_nest = !maestro && lm->exact_ok;
  std::optional<engine::LevelAnalyzer> analyzer;
  std::optional<engine::ExactAnalyzer> exact;
  if (loop_nest) {
    exact.emplace(*lm, hw);
  } else {
    analyzer.emplace(*lm, hw, !maestro);
  }
  const engine::LevelResult& top = loop_nest ? exact->Run() : analyzer->Run();
  // Per-PE L1 needs: MAESTRO's are those of the first innermost analysis;
  // the fallback takes the largest of them (an idle unit's needs nothing).
  const std::array<int64_t, 3> l1_req = loop_nest ? top.l1_req
                                        : maestro ? analyzer->FirstLeaf().l1_req
                                                  : analyzer->LeafL1Max();

  LayerResult r;
  r.name = layer.name;
  r.type = layer.type;
  r.repeat = layer.repeat;
  r.semantics = options.semantics;
  r.num_pes = hw.num_pes;
  r.loop_nest = loop_nest;
  r.warnings = mapping.warnings;
  if (!maestro && !loop_nest) r.exact_fallback = lm->exact_why;
  r.macs = AnalyticMacs(layer);
  r.macs_maestro = maestro ? top.macs : r.macs;
  r.macs_model = top.macs;
  r.runtime_cycles = top.runtime;
  r.throughput_macs_per_cycle =
      top.runtime > 0 ? static_cast<double>(r.macs) / top.runtime : 0;

  for (int t = 0; t < 2; ++t) {
    TensorAccess& a = r.access[t];
    a.l2_read = top.ingress[t];
    a.l2_write = TensorSize(*lm, t, false, layer);
    a.l1_read = r.macs;
    a.l1_write = top.pe_writes[t];
  }
  TensorAccess& out = r.access[kOutput];
  out.l2_write = top.egress;
  out.l2_read = TensorSize(*lm, kOutput, lm->overlap, layer);
  out.l1_read = out.l1_write = r.macs;

  for (int t = 0; t < kNumTensors; ++t) {
    r.l2_size_req_tensor[t] = top.l2_req[t];
    r.l1_size_req_tensor[t] = l1_req[t];
    r.l2_size_req += top.l2_req[t];
    r.l1_size_req += l1_req[t];
  }
  r.l1_size_req_bytes = r.l1_size_req * hw.bytes_per_element;
  r.l2_size_req_bytes = r.l2_size_req * hw.bytes_per_element;
  r.fits_l1 = r.l1_size_req <= hw.l1_size;
  r.fits_l2 = r.l2_size_req <= hw.l2_size;

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

  // MAESTRO's stdout energy, in MAC energies. Under maestro semantics it is
  // computed from MAESTRO's own counts (input/filter L1 write = L2 read,
  // output L2 read without stride, output L1 = MACs of every case).
  double l2 = 0, l1 = 0;
  for (int t = 0; t < kNumTensors; ++t) {
    l2 += static_cast<double>(r.access[t].l2_read) + r.access[t].l2_write;
    l1 += static_cast<double>(r.access[t].l1_read) + r.access[t].l1_write;
  }
  if (maestro) {
    l2 += static_cast<double>(MaestroOutputSize(*lm)) - out.l2_read;
    l1 = 0;
    for (int t = 0; t < 2; ++t) {
      l1 += static_cast<double>(top.macs) + top.ingress[t];
    }
    l1 += 2.0 * top.macs_all;
    r.energy_maestro_xmac = engine::kMaestroL2EnergyXmac * l2 +
                            engine::kMaestroL1EnergyXmac * l1 + top.macs;
  } else {
    r.energy_maestro_xmac = engine::kMaestroL2EnergyXmac * l2 +
                            engine::kMaestroL1EnergyXmac * l1 + r.macs;
  }

  // Our energy in pJ (docs/cost-model.md "Energy").
  const EnergyTable& e = hw.energy;
  double l1_rd = 0, l1_wr = 0, l2_rd = 0, l2_wr = 0;
  for (int t = 0; t < kNumTensors; ++t) {
    l1_rd += r.access[t].l1_read;
    l1_wr += r.access[t].l1_write;
    l2_rd += r.access[t].l2_read;
    l2_wr += r.access[t].l2_write;
  }
  const double noc_elems = static_cast<double>(r.access[kInput].l1_write) +
                           r.access[kFilter].l1_write + out.l2_write;
  const double dram_elems = static_cast<double>(r.access[kInput].l2_write) +
                            r.access[kFilter].l2_write + out.l2_read;
  r.energy_mac_pj = e.mac_pj * r.macs;
  r.energy_l1_pj = e.l1_read_pj * l1_rd + e.l1_write_pj * l1_wr;
  r.energy_l2_pj = e.l2_read_pj * l2_rd + e.l2_write_pj * l2_wr;
  r.energy_noc_pj = e.noc_pj * noc_elems;
  r.energy_dram_pj = e.dram_pj * dram_elems;
  r.energy_pj = r.energy_mac_pj + r.energy_l1_pj + r.energy_l2_pj +
                r.energy_noc_pj + r.energy_dram_pj;

  const engine::AreaPower ap =
      engine::MaestroAreaPower(hw, r.l1_size_req, r.l2_size_req);
  r.area_um2 = ap.area_um2;
  r.power_mw = ap.power_mw;
  return r;
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
