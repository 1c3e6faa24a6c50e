// The pieces `dse --strategy cosearch` and its baseline share: a design's
// network figures from per-layer results (scored by dse.h's FitBuffers and
// ScoreDesign, the sweep's rules), the inner mapping search's options, and
// the network through the main job. See docs/dse.md (cosearch).
//
// Example:
//   std::vector<HardwarePoint> pts = GridPoints(grid, base);   // dse.h
//   Hardware hw = ApplyPoint(base, pts[0]);
//   std::vector<cosearch::LayerFigure> per_layer = ...;  // layer order
//   const BufferCaps caps = BufferCapsOf(BufferPolicy::kFit, grid, hw);
//   DesignPoint d = cosearch::MakeDesign(hw, per_layer, BufferPolicy::kFit,
//                                        caps, constraints);
//   double v = DseObjectiveValue(DseObjective::kLatency, d.fig);
#ifndef MAESTRO_ONNX_DSE_COSEARCH_FIGURES_H_
#define MAESTRO_ONNX_DSE_COSEARCH_FIGURES_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "dse/dse.h"
#include "search/network_search.h"

namespace maestro::dse::cosearch {

// One layer of the network on a design (one instance; `repeat` instances).
struct LayerFigure {
  bool costed = false;  // false: no mapping was costed for it
  int64_t runtime_cycles = 0;
  double energy_pj = 0;
  int64_t l1_size_req = 0;
  int64_t l2_size_req = 0;
  int64_t repeat = 1;
};

// The design `hw` runs the layers with these results: runtime and energy
// summed in layer order (AddLayerFigures, as the main job's totals), a
// layer not costed makes it incomplete; buffers by FitBuffers, area,
// power, fits (the needs within `caps`, BufferCapsOf of the point) and
// violation by ScoreDesign (dse.h), as the sweep.
DesignPoint MakeDesign(const Hardware& hw,
                       const std::vector<LayerFigure>& layers,
                       BufferPolicy buffers, const BufferCaps& caps,
                       const DseConstraints& c);

// Per layer of a searched network: its unique layer's winner (layers not
// searched are not costed here).
std::vector<LayerFigure> SearchedLayers(const search::NetworkSearch& n);

// The mapping search's objective for a DSE objective: latency for latency,
// perf-per-area and area; energy for energy and power; edp for edp.
search::Objective InnerObjective(DseObjective o);

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
                           const BufferCaps& caps, const DseConstraints& c);

}  // namespace maestro::dse::cosearch

#endif  // MAESTRO_ONNX_DSE_COSEARCH_FIGURES_H_
