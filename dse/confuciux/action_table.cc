#include "dse/confuciux/action_table.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "core/engine/analysis.h"
#include "mappings/library.h"
#include "pipeline/network_job.h"

namespace maestro::dse::confuciux {
namespace {

// Buffers the analysis runs with: large enough for any need (ConfuciuX runs
// MAESTRO with 819,200,000-element caps); the area is costed from the needs.
constexpr int64_t kUnboundedBuffer = 819200000;

Dim TiledDim(const Layer& layer) {
  return layer.type == LayerType::kDsconv || !layer.Has(Dim::kK) ? Dim::kC
                                                                 : Dim::kK;
}

std::string Located(const Layer& l, absl::string_view what) {
  const std::string where = l.loc.ToString();
  return absl::StrCat(where.empty() ? l.name : where, ": ", what);
}

// Identity of a layer's row: what the analysis reads from it.
std::string RowKey(const Layer& l, const Dataflow* df) {
  std::string key =
      absl::StrCat(static_cast<int>(l.type), ":", l.stride_y, ":", l.stride_x,
                   ":", reinterpret_cast<uintptr_t>(df));
  for (int64_t d : l.dims) absl::StrAppend(&key, ",", d);
  return key;
}

struct Row {
  const Layer* layer;
  const Dataflow* df;
};

ActionCost CostAction(const Row& row, int action, const Hardware& base,
                      const AreaModel& model, const AnalysisOptions& analysis,
                      std::string& error) {
  ActionCost c;
  Hardware hw = base;
  hw.num_pes = PesOf(action);
  hw.l1_size = kUnboundedBuffer;
  hw.l2_size = kUnboundedBuffer;
  absl::StatusOr<Dataflow> df =
      ParameteriseDataflow(*row.df, *row.layer, hw.num_pes, LevelOf(action));
  absl::StatusOr<ResolvedMapping> m =
      df.ok() ? ResolveDataflow(*df, *row.layer, hw)
              : absl::StatusOr<ResolvedMapping>(df.status());
  absl::StatusOr<LayerResult> r =
      m.ok() ? AnalyzeLayer(*row.layer, *m, hw, analysis)
             : absl::StatusOr<LayerResult>(m.status());
  if (!r.ok()) {
    error = std::string(r.status().message());
    return c;
  }
  c.ok = true;
  c.runtime_cycles = r->runtime_cycles;
  c.energy_pj = r->energy_pj;
  c.l1_req = r->l1_size_req;
  c.l2_req = r->l2_size_req;
  const AreaEstimate a = EstimateArea(hw, model, {c.l1_req, c.l2_req});
  c.area_um2 = a.total_um2;
  c.static_power_mw = a.static_power_mw;
  return c;
}

}  // namespace

absl::StatusOr<DataflowLibraryFile> SelectDataflow(absl::string_view spec) {
  absl::StatusOr<const DataflowLibrary*> lib = DataflowLibrary::Builtin();
  if (!lib.ok()) return lib.status();
  absl::StatusOr<std::vector<DataflowLibraryFile>> dfs = (*lib)->Select(spec);
  if (!dfs.ok()) return dfs.status();
  if (dfs->size() != 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "rl-ga/ga/random: --dataflow '", spec, "' names ", dfs->size(),
        " dataflows; expected exactly one (ConfuciuX fixes the dataflow)"));
  }
  return std::move((*dfs)[0]);
}

absl::StatusOr<Dataflow> ParameteriseDataflow(const Dataflow& df,
                                              const Layer& layer, int64_t pes,
                                              int level) {
  Dataflow out = df;
  const Dim tiled = TiledDim(layer);
  bool tiled_done = false;
  for (Directive& d : out.directives) {
    if (d.kind == DirectiveKind::kCluster) {
      if (d.logical) continue;
      absl::StatusOr<int64_t> n = d.size.Eval(layer);
      if (!n.ok()) return n.status();
      if (*n > pes) d.size = Expr::Const(pes);
      continue;
    }
    if (tiled_done || d.dim != tiled) continue;
    tiled_done = true;
    if (level == 1) continue;  // the library's own tile
    absl::StatusOr<int64_t> size = d.size.Eval(layer);
    if (!size.ok()) return size.status();
    absl::StatusOr<int64_t> offset = d.offset.Eval(layer);
    if (!offset.ok()) return offset.status();
    const int64_t extent = layer.GetOr1(tiled);
    d.size = Expr::Const(std::min(*size * level, extent));
    d.offset = Expr::Const(std::min(*offset * level, extent));
  }
  if (!tiled_done) {
    return absl::InvalidArgumentError(Located(
        layer, absl::StrCat("dataflow block '", df.name, "' has no map on ",
                            DimName(tiled), ": the buffer level (",
                            "ConfuciuX's KTileSz) has nothing to tile; "
                            "expected a TemporalMap or SpatialMap on ",
                            DimName(tiled))));
  }
  return out;
}

absl::StatusOr<ActionTable> BuildActionTable(const DseProblem& problem,
                                             const AnalysisOptions& analysis,
                                             int threads) {
  if (problem.layers.empty()) {
    return absl::InvalidArgumentError(
        "rl-ga/ga/random: the network has no layers to assign");
  }
  absl::StatusOr<DataflowLibraryFile> file = SelectDataflow(problem.dataflow);
  if (!file.ok()) return file.status();
  ActionTable t;
  std::vector<Row> rows;
  absl::flat_hash_map<std::string, int> row_of;
  for (const JobLayer& jl : problem.layers) {
    absl::StatusOr<const Dataflow*> df =
        DataflowForLayer(*file, jl.layer, jl.role);
    if (!df.ok()) return df.status();
    auto [it, fresh] = row_of.try_emplace(RowKey(jl.layer, *df),
                                          static_cast<int>(rows.size()));
    if (fresh) rows.push_back({&jl.layer, *df});
    t.layers.push_back(NodeOf(jl));
    t.repeat.push_back(jl.layer.repeat);
    const Layer& l = jl.layer;
    const bool dw = l.type == LayerType::kDsconv;
    t.dims.push_back({dw ? 1.0 : static_cast<double>(l.GetOr1(Dim::kK)),
                      static_cast<double>(l.GetOr1(Dim::kC)),
                      static_cast<double>(l.GetOr1(Dim::kY)),
                      static_cast<double>(l.GetOr1(Dim::kX)),
                      static_cast<double>(l.GetOr1(Dim::kR)),
                      static_cast<double>(l.GetOr1(Dim::kS)), dw ? 2.0 : 1.0});
    t.unique_of_layer.push_back(it->second);
  }
  t.unique.resize(rows.size());
  std::vector<std::string> errors(rows.size() * kActions);
  const AreaModel model = MakeAreaModel(problem.base.area_model);
  const int64_t tasks = static_cast<int64_t>(errors.size());
  std::atomic<int64_t> next{0};
  auto work = [&] {
    for (int64_t i = next++; i < tasks; i = next++) {
      const int action = static_cast<int>(i % kActions);
      t.unique[i / kActions][action] = CostAction(
          rows[i / kActions], action, problem.base, model, analysis, errors[i]);
    }
  };
  const int n = std::max(1, std::min<int>(threads, 64));
  std::vector<std::thread> pool;
  for (int k = 1; k < n; ++k) pool.emplace_back(work);
  work();
  for (std::thread& th : pool) th.join();
  t.engine_evals = tasks;
  t.unique_error.resize(rows.size());
  for (size_t u = 0; u < rows.size(); ++u) {
    bool any = false;
    for (int a = 0; a < kActions; ++a) {
      any |= t.unique[u][a].ok;
      if (!t.unique[u][a].ok && t.unique_error[u].empty()) {
        t.unique_error[u] = errors[u * kActions + a];
      }
    }
    if (!any) {
      return absl::InvalidArgumentError(Located(
          *rows[u].layer,
          absl::StrCat("none of the 144 (PEs, buffer level) actions of "
                       "dataflow '",
                       file->name, "' can be costed: ", t.unique_error[u])));
    }
  }
  return t;
}

}  // namespace maestro::dse::confuciux
