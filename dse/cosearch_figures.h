// The pieces `dse --strategy cosearch` and its baseline share: the grid's
// hardware points, a design's network figures from per-layer results (area
// and power from core/area_model.h, buffers fixed or fitted, constraints),
// and the objective value. See docs/dse-cosearch.md.
//
// Example:
//   std::vector<HardwarePoint> pts = cosearch::GridPoints(grid, base);
//   Hardware hw = cosearch::PointHardware(base, pts[0]);
//   std::vector<cosearch::LayerFigure> per_layer = ...;  // layer order
//   DesignPoint d = cosearch::MakeDesign(hw, per_layer, BufferPolicy::kFit,
//                                        constraints);
//   double v = cosearch::ObjectiveValue(DseObjective::kLatency, d.fig);
#ifndef MAESTRO_ONNX_DSE_COSEARCH_FIGURES_H_
#define MAESTRO_ONNX_DSE_COSEARCH_FIGURES_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "dse/dse.h"
#include "search/network_search.h"

namespace maestro::dse::cosearch {

// `--buffers fit` rounds a need up to these many elements (L1 per PE, L2).
inline constexpr int64_t kL1Granule = 16;
inline constexpr int64_t kL2Granule = 1024;

// `base` with the point's fields set (fields of 0 keep the base value).
Hardware PointHardware(const Hardware& base, const HardwarePoint& p);

// Every point of the grid, the first axis varying slowest; fields the grid
// does not list keep the base value. An error when an axis is empty, names
// an unknown field, or a point is not valid hardware (e.g. 0 PEs).
absl::StatusOr<std::vector<HardwarePoint>> GridPoints(const SweepGrid& grid,
                                                      const Hardware& base);

// One layer of the network on a design (one instance; `repeat` instances).
struct LayerFigure {
  bool costed = false;  // false: no mapping was costed for it
  int64_t runtime_cycles = 0;
  double energy_pj = 0;
  int64_t l1_size_req = 0;
  int64_t l2_size_req = 0;
  int64_t repeat = 1;
};

// The design `hw` runs the layers with these results. Runtime and energy
// are summed in layer order (as the main job's totals). Under `fit` the
// design's L1 / L2 are the largest need rounded up to the granule (not
// above hw's size when the need fits it), so a design never pays for
// buffer it does not use; under `fixed` they are hw's. `fits`: every need
// within hw's sizes and every layer costed; `violation` sums the buffer
// overflow, one per layer not costed, and max(0, value / limit - 1) per
// constraint.
DesignPoint MakeDesign(const Hardware& hw,
                       const std::vector<LayerFigure>& layers,
                       BufferPolicy buffers, const DseConstraints& c);

// Area and power of `hw` with the given buffers under its area model.
double AreaUm2(const Hardware& hw, int64_t l1, int64_t l2);

// The value an objective minimises (perf-per-area: cycles x area).
double ObjectiveValue(DseObjective o, const DesignFigures& f);

// Feasible first, then the smaller violation, then the objective.
bool DesignLess(DseObjective o, const DesignFigures& a, const DesignFigures& b);

// Per layer of a searched network: its unique layer's winner (layers not
// searched are not costed here).
std::vector<LayerFigure> SearchedLayers(const search::NetworkSearch& n);

// The mapping search's objective for a DSE objective: latency for latency,
// perf-per-area and area; energy for energy and power; edp for edp.
search::Objective InnerObjective(DseObjective o);

// The problem's dataflow: one library name or alias, or a file path.
absl::StatusOr<DataflowLibraryFile> ProblemDataflow(const DseProblem& p);

// The network on `hw` with one dataflow through the main job (pipeline
// RunNetwork): per layer its result (not costed when the dataflow does not
// apply), and the engine analyses it took (identical layers once).
struct LibraryRun {
  std::vector<LayerFigure> layers;
  int64_t evals = 0;
};
LibraryRun RunLibrary(const std::vector<JobLayer>& layers,
                      const DataflowLibraryFile& dataflow, const Hardware& hw,
                      const AnalysisOptions& analysis, int threads);

// The mapping search cosearch runs at a point: gamma, the inner objective,
// `layer_evals` per unique layer on average, options' seed, threads,
// analysis and stop flag.
search::SearchOptions InnerSearchOptions(const DseOptions& o,
                                         int64_t layer_evals);

// The design of a searched network on `hw`: each searched layer's winner,
// the layers the search leaves out (not searchable) with their result in
// `library` (per layer).
DesignPoint SearchedDesign(const search::NetworkSearch& n,
                           const std::vector<LayerFigure>& library,
                           const Hardware& hw, BufferPolicy buffers,
                           const DseConstraints& c);

// Pareto front of (runtime, energy, area) over the feasible designs,
// sorted by runtime, energy, area.
std::vector<DesignPoint> ParetoFront(const std::vector<DesignPoint>& pts);

}  // namespace maestro::dse::cosearch

#endif  // MAESTRO_ONNX_DSE_COSEARCH_FIGURES_H_
