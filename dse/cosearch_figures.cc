#include "dse/cosearch_figures.h"

#include <algorithm>

#include "pipeline/network_job.h"

namespace maestro::dse::cosearch {

DesignPoint MakeDesign(const Hardware& hw,
                       const std::vector<LayerFigure>& layers,
                       BufferPolicy buffers, const BufferCaps& caps,
                       const DseConstraints& c) {
  DesignPoint d;
  for (const LayerFigure& l : layers) {
    if (!l.costed) {
      d.fig.complete = false;
      continue;
    }
    AddLayerFigures(d.fig, l.runtime_cycles, l.energy_pj, l.l1_size_req,
                    l.l2_size_req, l.repeat);
  }
  Hardware designed = hw;
  FitBuffers(buffers, d.fig, designed);
  ScoreDesign(designed, caps, c, d.fig);
  d.hw = PointOf(designed);
  return d;
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
  so.threads = o.threads;
  so.analysis = o.analysis;
  so.stop = o.stop;
  return so;
}

DesignPoint SearchedDesign(const search::NetworkSearch& n,
                           const std::vector<LayerFigure>& library,
                           const Hardware& hw, BufferPolicy buffers,
                           const BufferCaps& caps, const DseConstraints& c) {
  std::vector<LayerFigure> layers = SearchedLayers(n);
  for (size_t i = 0; i < layers.size() && i < library.size(); ++i) {
    if (n.unique_of[i] < 0) layers[i] = library[i];
  }
  return MakeDesign(hw, layers, buffers, caps, c);
}

}  // namespace maestro::dse::cosearch
