// The engine's phases (docs/engine.md): PrepareLayer, CheckHardware,
// AnalyzeMapping, ComputeFigures. AnalyzeLayer (layer_analysis.cc) and the
// fast path Evaluate both run them.
#include "core/engine/fast_eval.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "core/engine/hardware_cost.h"

namespace maestro::engine {
namespace {

constexpr int kY = DimIndex(Dim::kY), kX = DimIndex(Dim::kX);

int64_t TensorSize(const LayerShape& sh, int t, bool output_coordinates,
                   const Layer& layer) {
  const TensorInfo& ti = sh.tensors[t];
  int64_t r = 1;
  for (int i = 0; i < ti.num_dims; ++i) {
    const int d = ti.dims[i];
    if (output_coordinates && d == kY) {
      r *= layer.OutY();
    } else if (output_coordinates && d == kX) {
      r *= layer.OutX();
    } else {
      r *= sh.full[d];
    }
  }
  return r;
}

// MAESTRO's output_l2_read: Y - R + 1 and X - S + 1, ignoring the stride.
int64_t MaestroOutputSize(const LayerShape& sh) {
  const TensorInfo& ti = sh.tensors[kOutput];
  int64_t r = 1;
  for (int i = 0; i < ti.num_dims; ++i) {
    const int d = ti.dims[i];
    if (sh.overlap && d == kY) {
      r *= sh.full[d] - std::max<int64_t>(sh.full[DimIndex(Dim::kR)], 1) + 1;
    } else if (sh.overlap && d == kX) {
      r *= sh.full[d] - std::max<int64_t>(sh.full[DimIndex(Dim::kS)], 1) + 1;
    } else {
      r *= sh.full[d];
    }
  }
  return r;
}

// MAESTRO's stdout energy, in MAC energies. Under maestro semantics it is
// computed from MAESTRO's own counts (input/filter L1 write = L2 read,
// output L2 read without stride, output L1 = MACs of every case).
double MaestroEnergy(const PreparedLayer& pl, const LevelResult& top,
                     bool maestro, const Figures& f) {
  double l2 = 0, l1 = 0;
  for (int t = 0; t < kNumTensors; ++t) {
    l2 += static_cast<double>(f.access[t].l2_read) + f.access[t].l2_write;
    l1 += static_cast<double>(f.access[t].l1_read) + f.access[t].l1_write;
  }
  if (!maestro) {
    return kMaestroL2EnergyXmac * l2 + kMaestroL1EnergyXmac * l1 + f.macs;
  }
  l2 += static_cast<double>(pl.maestro_output_size) - f.access[kOutput].l2_read;
  l1 = 0;
  for (int t = 0; t < 2; ++t) {
    l1 += static_cast<double>(top.macs) + top.ingress[t];
  }
  l1 += 2.0 * top.macs_all;
  return kMaestroL2EnergyXmac * l2 + kMaestroL1EnergyXmac * l1 + top.macs;
}

// Our energy in pJ (docs/cost-model.md "Energy").
void EnergyPj(const EnergyTable& e, Figures& f) {
  double l1_rd = 0, l1_wr = 0, l2_rd = 0, l2_wr = 0;
  for (int t = 0; t < kNumTensors; ++t) {
    l1_rd += f.access[t].l1_read;
    l1_wr += f.access[t].l1_write;
    l2_rd += f.access[t].l2_read;
    l2_wr += f.access[t].l2_write;
  }
  const auto& a = f.access;
  const double noc_elems = static_cast<double>(a[kInput].l1_write) +
                           a[kFilter].l1_write + a[kOutput].l2_write;
  const double dram_elems = static_cast<double>(a[kInput].l2_write) +
                            a[kFilter].l2_write + a[kOutput].l2_read;
  f.energy_mac_pj = e.mac_pj * f.macs;
  f.energy_l1_pj = e.l1_read_pj * l1_rd + e.l1_write_pj * l1_wr;
  f.energy_l2_pj = e.l2_read_pj * l2_rd + e.l2_write_pj * l2_wr;
  f.energy_noc_pj = e.noc_pj * noc_elems;
  f.energy_dram_pj = e.dram_pj * dram_elems;
  f.energy_pj = f.energy_mac_pj + f.energy_l1_pj + f.energy_l2_pj +
                f.energy_noc_pj + f.energy_dram_pj;
}

}  // namespace

absl::StatusOr<PreparedLayer> PrepareLayer(const Layer& layer,
                                           const AnalysisOptions& options) {
  if (absl::Status s = ValidateLayer(layer); !s.ok()) return s;
  PreparedLayer pl;
  pl.layer = layer;
  const bool batch = options.tensors_have_batch.value_or(layer.Has(Dim::kN));
  pl.shape = PrepareShape(layer, batch);
  pl.macs = AnalyticMacs(layer);
  for (int t = 0; t < 2; ++t) {
    pl.tensor_size[t] = TensorSize(pl.shape, t, false, layer);
  }
  pl.tensor_size[kOutput] =
      TensorSize(pl.shape, kOutput, pl.shape.overlap, layer);
  pl.maestro_output_size = MaestroOutputSize(pl.shape);
  return pl;
}

ResolvedMapping ToResolvedMapping(const MappingValue& m) {
  ResolvedMapping r;
  r.levels.resize(m.num_levels);
  for (int l = 0; l < m.num_levels; ++l) {
    const MappingLevel& ml = m.levels[l];
    r.levels[l].num_units = ml.num_units;
    r.levels[l].maps.assign(ml.maps.begin(), ml.maps.begin() + ml.num_maps);
    r.levels[l].locs.resize(ml.num_maps);
  }
  return r;
}

absl::Status ValidateMapping(const PreparedLayer& pl, const MappingValue& m,
                             const Hardware& hw) {
  if (m.num_levels < 1 || m.num_levels > kMaxMappingLevels) {
    return absl::InvalidArgumentError(
        absl::StrCat("error: the mapping has ", m.num_levels,
                     " cluster levels; expected 1..", kMaxMappingLevels));
  }
  // ResolveDataflow's rules on the same directives (one copy of them).
  Dataflow df;
  int64_t below = 1;
  for (int l = 0; l < m.num_levels; ++l) {
    const MappingLevel& ml = m.levels[l];
    if (ml.num_maps < 0 || ml.num_maps > kMaxLevelMaps) {
      return absl::InvalidArgumentError(
          absl::StrCat("error: cluster level ", l, " has ", ml.num_maps,
                       " maps; expected 0..", kMaxLevelMaps));
    }
    if (l > 0) {
      df.directives.push_back(Directive::Cluster(Expr::Const(ml.num_units)));
      below *= std::max<int64_t>(ml.num_units, 1);
    }
    for (int j = 0; j < ml.num_maps; ++j) {
      const Map& x = ml.maps[j];
      const Expr s = Expr::Const(x.size), o = Expr::Const(x.offset);
      df.directives.push_back(x.spatial() ? Directive::Spatial(s, o, x.dim)
                                          : Directive::Temporal(s, o, x.dim));
    }
  }
  absl::StatusOr<ResolvedMapping> r = ResolveDataflow(df, pl.layer, hw);
  if (!r.ok()) return r.status();
  const int64_t top = r->levels[0].num_units;
  if (m.levels[0].num_units < 1 || m.levels[0].num_units > top) {
    return absl::InvalidArgumentError(
        absl::StrCat("error: the top cluster level has ", m.levels[0].num_units,
                     " units; expected 1..", top, " (", hw.num_pes, " PEs / ",
                     below, " per top-level unit)"));
  }
  return absl::OkStatus();
}

absl::Status CheckHardware(const Hardware& hw) {
  if (hw.num_pes >= 1 && hw.noc_bw >= 1 && hw.offchip_bw >= 1 &&
      hw.simd_lanes >= 1 && hw.noc_latency >= 0) {
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "hardware '", hw.name, "': num_pes ", hw.num_pes, ", noc_bw ", hw.noc_bw,
      ", offchip_bw ", hw.offchip_bw, ", simd_lanes ", hw.simd_lanes,
      ", noc_latency ", hw.noc_latency,
      "; expected positive values (latency >= 0)"));
}

absl::Status AnalyzeMapping(const PreparedLayer& pl,
                            std::span<const LevelView> levels,
                            const Hardware& hw, Semantics semantics,
                            bool statistics, Workspace& ws, Analysis& out) {
  LayerModel& lm = ws.model;
  ws.exact.statistics = ws.level.statistics = statistics;
  if (absl::Status s = BuildLayerModelInto(pl.layer, pl.shape, levels, lm);
      !s.ok()) {
    return absl::Status(
        s.code(), absl::StrCat("layer '", pl.layer.name, "': ", s.message()));
  }
  // Exact semantics: the loop-nest analysis when it covers the mapping
  // (LayerModel::exact_ok), else MAESTRO's case rules with the exact
  // corrections (docs/cost-model.md).
  const bool maestro = semantics == Semantics::kMaestro;
  out.loop_nest = !maestro && lm.exact_ok;
  if (out.loop_nest) {
    ExactAnalyzer exact(lm, hw, &ws.exact);
    out.top = &exact.Run();
    out.l1_req = out.top->l1_req;
    return absl::OkStatus();
  }
  LevelAnalyzer analyzer(lm, hw, !maestro, &ws.level);
  out.top = &analyzer.Run();
  // Per-PE L1 needs: MAESTRO's are those of the first innermost analysis;
  // the fallback takes the largest of them (an idle unit's needs nothing).
  out.l1_req = maestro ? analyzer.FirstLeaf().l1_req : analyzer.LeafL1Max();
  return absl::OkStatus();
}

void ComputeFigures(const PreparedLayer& pl, const Analysis& a,
                    const Hardware& hw, Semantics semantics, Figures& f) {
  const LevelResult& top = *a.top;
  const bool maestro = semantics == Semantics::kMaestro;
  f.loop_nest = a.loop_nest;
  f.maestro_zero_compute = maestro ? top.zero_compute_occ : 0;
  f.macs = pl.macs;
  f.macs_maestro = maestro ? top.macs : f.macs;
  f.macs_model = top.macs;
  f.runtime_cycles = top.runtime;
  for (int t = 0; t < 2; ++t) {
    TensorAccess& x = f.access[t];
    x.l2_read = top.ingress[t];
    x.l2_write = pl.tensor_size[t];
    x.l1_read = f.macs;
    x.l1_write = top.pe_writes[t];
  }
  TensorAccess& out = f.access[kOutput];
  out.l2_write = top.egress;
  out.l2_read = pl.tensor_size[kOutput];
  out.l1_read = out.l1_write = f.macs;
  f.l1_size_req = f.l2_size_req = 0;
  for (int t = 0; t < kNumTensors; ++t) {
    f.l2_size_req_tensor[t] = top.l2_req[t];
    f.l1_size_req_tensor[t] = a.l1_req[t];
    f.l2_size_req += top.l2_req[t];
    f.l1_size_req += a.l1_req[t];
  }
  f.energy_maestro_xmac = MaestroEnergy(pl, top, maestro, f);
  HardwareFigures(hw, f);
}

void HardwareFigures(const Hardware& hw, Figures& f) {
  f.fits_l1 = f.l1_size_req <= hw.l1_size;
  f.fits_l2 = f.l2_size_req <= hw.l2_size;
  EnergyPj(hw.energy, f);
}

absl::Status Evaluate(const PreparedLayer& pl, const MappingValue& m,
                      const Hardware& hw, const AnalysisOptions& options,
                      Workspace& ws, Figures& f) {
  if (absl::Status s = CheckHardware(hw); !s.ok()) return s;
  const int n = m.num_levels;
  if (n < 1 || n > kMaxMappingLevels) {
    return absl::InvalidArgumentError(
        absl::StrCat("layer '", pl.layer.name, "': the mapping has ", n,
                     " cluster levels; expected 1..", kMaxMappingLevels));
  }
  std::array<LevelView, kMaxMappingLevels> views;
  for (int l = 0; l < n; ++l) {
    const MappingLevel& ml = m.levels[l];
    if (ml.num_maps < 0 || ml.num_maps > kMaxLevelMaps) {
      return absl::InvalidArgumentError(absl::StrCat(
          "layer '", pl.layer.name, "': cluster level ", l, " has ",
          ml.num_maps, " maps; expected 0..", kMaxLevelMaps));
    }
    views[l] = {ml.num_units,
                std::span<const Map>(ml.maps.data(), ml.num_maps)};
  }
  Analysis a;
  if (absl::Status s =
          AnalyzeMapping(pl, std::span(views.data(), n), hw, options.semantics,
                         /*statistics=*/false, ws, a);
      !s.ok()) {
    return s;
  }
  ComputeFigures(pl, a, hw, options.semantics, f);
  return absl::OkStatus();
}

}  // namespace maestro::engine
