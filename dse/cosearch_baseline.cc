#include "dse/cosearch_baseline.h"

#include "dse/cosearch_figures.h"
#include "dse/sweep.h"

namespace maestro::dse {

absl::StatusOr<SweepThenSearch> RunSweepThenSearch(const DseProblem& problem,
                                                   const DseOptions& options,
                                                   int64_t layer_evals) {
  if (absl::Status s = CheckSweepInput(problem, options); !s.ok()) return s;
  absl::StatusOr<DataflowLibraryFile> df = LoadDseDataflow(problem);
  if (!df.ok()) return df.status();
  const std::vector<HardwarePoint> pts = GridPoints(options.grid, problem.base);
  SweepThenSearch out;
  Hardware winner_hw;
  BufferCaps winner_caps;
  std::vector<cosearch::LayerFigure> winner_layers;
  for (size_t i = 0; i < pts.size(); ++i) {
    const Hardware hw = ApplyPoint(problem.base, pts[i]);
    cosearch::LibraryRun lib = cosearch::RunLibrary(
        problem.layers, *df, hw, options.analysis, options.threads);
    out.sweep_evals += lib.evals;
    const BufferCaps caps = BufferCapsOf(options.buffers, options.grid, hw);
    const DesignPoint d = cosearch::MakeDesign(hw, lib.layers, options.buffers,
                                               caps, options.constraints);
    if (i == 0 || DesignLess(options.objective, d, out.sweep_winner)) {
      out.sweep_winner = d;
      winner_hw = hw;
      winner_caps = caps;
      winner_layers = std::move(lib.layers);
    }
  }
  const search::SearchOptions so =
      cosearch::InnerSearchOptions(options, layer_evals);
  absl::StatusOr<search::NetworkSearch> n =
      search::SearchNetwork(problem.name, problem.layers, winner_hw, so);
  if (!n.ok()) return n.status();
  out.search_evals = n->candidates;
  out.design =
      cosearch::SearchedDesign(*n, winner_layers, winner_hw, options.buffers,
                               winner_caps, options.constraints);
  out.hw = ApplyPoint(problem.base, out.design.hw);
  out.search = *std::move(n);
  return out;
}

}  // namespace maestro::dse
