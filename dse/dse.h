// Hardware design-space exploration (`maestro-onnx dse`): which accelerator
// to build for a network. The shared vocabulary of every strategy: a design
// point (the hardware fields a sweep varies), its figures over the network,
// the problem (network, dataflow, base hardware) and the options. Each
// strategy lives in its own file (sweep, ConfuciuX's rl-ga / ga / random,
// cosearch) and returns a DseResult. See docs/dse.md.
//
// Example:
//   DseProblem p;
//   p.name = "resnet50";
//   p.layers = JobLayersFromModel(model);   // pipeline/network_job.h
//   p.dataflow = "nvdla";
//   p.base = *HardwarePreset("pe256");
//   DseOptions o;
//   o.strategy = DseStrategy::kSweep;
//   o.grid = *ParseSweepGrid("pes=64:1024:64,noc_bw=8:256:8");
//   o.constraints = *ParseDseConstraints("area<=5e6");
//   absl::StatusOr<DseResult> r = RunDse(p, o);
//   r->best.hw.pes; r->best.fig.runtime_cycles; r->pareto.size();
#ifndef MAESTRO_ONNX_DSE_DSE_H_
#define MAESTRO_ONNX_DSE_DSE_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/engine/analysis.h"
#include "core/hardware.h"
#include "core/mapping.h"
#include "pipeline/network_job.h"

namespace maestro::dse {

// The hardware fields a design point sets; names and units are those of the
// hardware files (docs/hardware.md): PEs, L1 per PE and L2 in elements,
// bandwidths in elements per cycle. Everything else comes from the base
// hardware.
struct HardwarePoint {
  int64_t pes = 0;
  int64_t l1_size = 0;
  int64_t l2_size = 0;
  int64_t noc_bw = 0;
  int64_t offchip_bw = 0;
};

// `base` with the point's fields set.
Hardware ApplyPoint(const Hardware& base, const HardwarePoint& p);
HardwarePoint PointOf(const Hardware& hw);

// A design's figures over the whole network (each layer x its repeat).
struct DesignFigures {
  int64_t runtime_cycles = 0;
  double energy_pj = 0;
  double area_um2 = 0;
  double power_mw = 0;
  // The network's largest L1 (per PE) and L2 needs, elements.
  int64_t l1_size_req = 0;
  int64_t l2_size_req = 0;
  bool fits = true;      // every layer's needs within the point's buffers
  bool feasible = true;  // fits and every constraint met
  double violation = 0;  // normalised constraint violation (0 = feasible)
  // Every layer costed at this point (false: a layer's dataflow cannot be
  // resolved at this PE count; the point is invalid, violation infinite).
  bool complete = true;
};

// Adds `repeat` instances of one layer to a network's figures: runtime and
// energy summed (in layer order, as the main job's totals), the L1 / L2
// needs the largest.
inline void AddLayerFigures(DesignFigures& f, int64_t runtime_cycles,
                            double energy_pj, int64_t l1_size_req,
                            int64_t l2_size_req, int64_t repeat) {
  f.runtime_cycles += runtime_cycles * repeat;
  f.energy_pj += energy_pj * static_cast<double>(repeat);
  if (l1_size_req > f.l1_size_req) f.l1_size_req = l1_size_req;
  if (l2_size_req > f.l2_size_req) f.l2_size_req = l2_size_req;
}

struct DesignPoint {
  HardwarePoint hw;
  DesignFigures fig;
};

enum class DseStrategy : uint8_t { kSweep, kRlGa, kGa, kRandom, kCosearch };
absl::string_view DseStrategyName(DseStrategy s);  // "sweep", "rl-ga", ...
std::optional<DseStrategy> ParseDseStrategy(absl::string_view text);

// latency, energy, edp, perf-per-area (cycles x area, lower wins),
// area, power.
enum class DseObjective : uint8_t {
  kLatency,
  kEnergy,
  kEdp,
  kPerfPerArea,
  kArea,
  kPower
};
absl::string_view DseObjectiveName(DseObjective o);
std::optional<DseObjective> ParseDseObjective(absl::string_view text);
// The value the objective minimises.
double DseObjectiveValue(DseObjective o, const DesignFigures& f);

// --constraint area<=UM2,power<=MW,latency<=CYCLES,energy<=PJ.
struct DseConstraints {
  std::optional<double> area_um2;
  std::optional<double> power_mw;
  std::optional<double> latency_cycles;
  std::optional<double> energy_pj;
  bool empty() const {
    return !area_um2 && !power_mw && !latency_cycles && !energy_pj;
  }
  std::string Text() const;  // "area<=5e+06,latency<=1e+06"
};

// "area<=5e6,power<=1000": each key at most once, values positive; "" =
// none. Errors name the item and what was expected.
absl::StatusOr<DseConstraints> ParseDseConstraints(absl::string_view text);

// The L1 (per PE) and L2 sizes a design's needs must be within; 0 = no
// limit. See BufferCapsOf.
struct BufferCaps {
  int64_t l1 = 0;
  int64_t l2 = 0;
};

// Sets f.area_um2 and f.power_mw (hw.area_model, core/area_model.h, for the
// buffers hw has: the design's L1 / L2), f.fits (complete and the
// network's L1 / L2 needs within `caps`), f.violation (sum over the buffer
// needs and constraints of value / cap - 1 where over; infinite when
// incomplete) and f.feasible. Reads f.runtime_cycles, energy_pj,
// l1/l2_size_req, complete.
void ScoreDesign(const Hardware& hw, const BufferCaps& caps,
                 const DseConstraints& c, DesignFigures& f);

// One swept axis: the values of a field, e.g. pes=64:1024:64 (min:max:step)
// or l1=512|1024 (a list); see ParseSweepGrid.
struct SweepAxis {
  std::string field;  // pes, l1, l2, noc_bw, offchip_bw
  std::vector<int64_t> values;
};
struct SweepGrid {
  std::vector<SweepAxis> axes;  // fields not listed keep the base value
  int64_t size() const;         // product of the axes' sizes (0 if none)
  const SweepAxis* Find(absl::string_view field) const;  // nullptr if fixed
};

// The most design points one grid may hold, and the most values of one
// axis (the axes are stored as lists: 10^6 values are 8 MB, 10^8 would be
// 800 MB before a point is costed).
inline constexpr int64_t kMaxSweepPoints = 100'000'000;
inline constexpr int64_t kMaxAxisValues = 1'000'000;

// "pes=64:1024:64,l1=512|1024,noc_bw=8:256:8": each item FIELD=MIN:MAX:STEP,
// FIELD=V1|V2|... or FIELD=V; fields pes (num_pes), l1 (l1_size), l2
// (l2_size), noc_bw, offchip_bw, each once; values whole numbers from 1 to
// 2^40. Axes come back in the order pes, l1, l2, noc_bw, offchip_bw, list
// values sorted. Errors: an empty text, an unknown or repeated field, a
// value out of range (0 PEs), a step <= 0, MIN > MAX, more than
// kMaxAxisValues values on an axis or kMaxSweepPoints points.
absl::StatusOr<SweepGrid> ParseSweepGrid(absl::string_view text);

// The values each field takes over a grid: the grid's axis, or `base`'s
// value for a field the grid does not list.
struct GridValues {
  std::vector<int64_t> pes, l1, l2, noc_bw, offchip_bw;
};
GridValues GridValuesOf(const SweepGrid& grid, const Hardware& base);

// Every point of the grid (GridValuesOf), pes varying slowest, then l1,
// l2, noc_bw, offchip_bw fastest.
std::vector<HardwarePoint> GridPoints(const SweepGrid& grid,
                                      const Hardware& base);

// `--buffers fixed` keeps the point's L1 / L2; `fit` sets them to the
// network's largest need (rounded up to a granule, docs/dse.md). Under
// `fit` an l1 / l2 axis of the grid is an upper limit: a point is valid
// only if the needs are within its axis values (BufferCapsOf), and a
// mapping search at the point (cosearch) works under those sizes; a field
// without an axis does not limit a fitted design, whatever the base
// hardware's size. Every strategy applies it through FitBuffers,
// BufferCapsOf and ScoreDesign.
enum class BufferPolicy : uint8_t { kFixed, kFit };
// The granules of `fit`, in elements: L1 (per PE) and L2 needs are rounded
// up to a multiple of these (at least one granule).
inline constexpr int64_t kFitL1Granule = 64;
inline constexpr int64_t kFitL2Granule = 1024;
inline int64_t FitSize(int64_t need, int64_t granule) {
  return need <= granule ? granule : (need + granule - 1) / granule * granule;
}
// hw's L1 / L2 under the policy for figures with these needs: unchanged
// under fixed, FitSize of the needs under fit (which may exceed a limit
// that is not a multiple of the granule by less than one granule).
void FitBuffers(BufferPolicy b, const DesignFigures& f, Hardware& hw);
// The limits of a design at point hardware `hw` (ApplyPoint, before
// FitBuffers): under fixed hw's L1 / L2; under fit hw's L1 / L2 where
// `grid` has an l1 / l2 axis, none (0) where not.
BufferCaps BufferCapsOf(BufferPolicy b, const SweepGrid& grid,
                        const Hardware& hw);

// ConfuciuX: one sub-accelerator per layer (areas summed) or one shared
// accelerator (the max over layers).
enum class AssignmentReading : uint8_t { kSum, kMax };

struct DseProgress {
  int64_t points = 0;         // evaluated so far
  int64_t budget_points = 0;  // 0 when not known
  int64_t valid = 0;
  double best_objective = 0;
  double elapsed_s = 0;
};

struct DseOptions {
  DseStrategy strategy = DseStrategy::kSweep;
  DseObjective objective = DseObjective::kLatency;
  DseConstraints constraints;
  SweepGrid grid;
  BufferPolicy buffers = BufferPolicy::kFixed;
  int64_t budget_evals = 0;      // rl-ga / ga / random / cosearch; 0 = default
  double budget_fraction = 0.5;  // rl-ga: ConfuciuX's `mul`
  AssignmentReading reading = AssignmentReading::kSum;
  uint64_t seed = 1;
  int threads = 1;
  AnalysisOptions analysis;                 // semantics etc.
  const std::atomic<bool>* stop = nullptr;  // Ctrl-C: stop, keep the best
  std::function<void(const DseProgress&)> on_progress;
  int64_t keep_ranked = 20;  // DseResult::ranked keeps this many
};

struct DseProblem {
  std::string name;  // model or file stem
  std::vector<JobLayer> layers;
  // A library dataflow name or a dataflow file path (as --dataflow), or
  // kOwnDataflow: each layer under its block in `own`.
  std::string dataflow = "nvdla";
  Hardware base;
  // The model's MAC-bearing nodes that have no layer (the frontend's
  // "not supported"): every design's figures leave them out, said in notes.
  std::vector<UncostedNode> uncosted;
  // dataflow == kOwnDataflow (a `.m` target, the sweep only): per layer its
  // Dataflow block in the file (one inherited from the layer before
  // included, as `maestro-onnx eval` reads it); nullopt where the layer has
  // none (not costed, PARTIAL). Empty under any other dataflow.
  std::vector<std::optional<Dataflow>> own;
};

// --dataflow own: every layer of a `.m` target under its own Dataflow block.
inline constexpr absl::string_view kOwnDataflow = "own";
// The dataflow as the outputs name it: problem.dataflow, or under own
// "own (each layer's Dataflow block in NAME.m)".
std::string DataflowLabel(const DseProblem& problem);

// rl-ga / ga / random: each layer's PEs and buffer level (ConfuciuX).
struct LayerAssignment {
  std::string layer;  // node name
  int64_t pes = 0;
  int buffer_level = 0;
  int64_t runtime_cycles = 0;
  double energy_pj = 0;
};

struct DseResult {
  DesignPoint best;
  bool found = false;               // false: no point met the constraints
  std::vector<DesignPoint> pareto;  // (latency, energy, area), sorted
  std::vector<DesignPoint> ranked;  // valid points, best first (capped)
  std::vector<LayerAssignment> assignment;  // rl-ga / ga / random
  // The best design's mapping per layer as `.m` text (best.m).
  std::string best_mappings;
  int64_t points_evaluated = 0;
  int64_t points_valid = 0;
  bool stopped_early = false;
  double wall_s = 0;
  double designs_per_s = 0;
  std::vector<std::string> notes;  // what is approximate or left out
  // A layer or MAC node is left out of every design's figures (notes say
  // which); the figures are the costed layers' only.
  bool partial = false;
  // Why the points that are not valid are not: a layer not costed at the
  // point's PE count, buffers smaller than the needs, a constraint missed
  // (buffers fitting).
  int64_t points_not_costed = 0;
  int64_t points_over_buffers = 0;
  int64_t points_over_constraints = 0;
  // cosearch: the screen's engine analyses and the inner mapping-search
  // evaluations (candidates, as `search` counts them); 0 for the sweep.
  int64_t screen_evals = 0;
  int64_t inner_evals = 0;
};

// Ranking, a total order: feasible first; among infeasible points the
// smaller violation; then the objective's value; then the point's fields
// (pes, l1, l2, noc_bw, offchip_bw) as the deterministic tie-break.
bool PointKeyLess(const HardwarePoint& a, const HardwarePoint& b);
bool DesignLess(DseObjective o, const DesignPoint& a, const DesignPoint& b);

// Runs options.strategy (sweep: dse/sweep.h, cosearch: dse/cosearch.h,
// rl-ga / ga / random: dse/confuciux/confuciux.h). Bad input (an
// impossible constraint, an empty grid): InvalidArgument with one message.
absl::StatusOr<DseResult> RunDse(const DseProblem& problem,
                                 const DseOptions& options);

}  // namespace maestro::dse

#endif  // MAESTRO_ONNX_DSE_DSE_H_
