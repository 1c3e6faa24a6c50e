// `maestro-onnx dse --strategy sweep`: every point of a hardware grid over
// the whole network with one dataflow, the valid points ranked and their
// Pareto front of (latency, energy, area). See docs/dse.md.
//
// Each layer is costed as the main job costs it (pipeline/network_job.h):
// its block of the dataflow (DataflowForLayer; under --dataflow own its own
// block in the `.m` file), resolved for the point's PE
// count (ResolveDataflow), identical layers (type, dims, strides, block)
// costed once and counted `repeat` times in layer order. The costing goes
// through engine::HardwareSweep: prepared once per (unique layer, PE count)
// per worker, then one Evaluate per (PE count, noc_bw, offchip_bw); the
// L1 / L2 values of the grid reuse that evaluation (the engine's figures
// depend on the buffer sizes only through the fits flags, which the sweep
// recomputes from the needs; tests/dse/sweep_test.cc checks every point
// against RunNetwork).
//
// Example:
//   DseOptions o;
//   o.grid = *ParseSweepGrid("pes=64:256:64,noc_bw=16|64");
//   absl::StatusOr<DseResult> r = RunSweep(problem, o);
//   r->best.hw.pes;  r->pareto.size();  r->points_valid;
#ifndef MAESTRO_ONNX_DSE_SWEEP_H_
#define MAESTRO_ONNX_DSE_SWEEP_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/dsl/dataflow_library.h"
#include "core/engine/fast_eval.h"
#include "core/mapping.h"
#include "dse/dse.h"

namespace maestro::dse {

// A resolved mapping as an engine value; an error when it has more levels
// or maps per level than the value holds (engine::kMaxMappingLevels,
// kMaxLevelMaps).
absl::StatusOr<engine::MappingValue> MappingValueOf(const ResolvedMapping& m);

// The network as the sweep costs it: per layer its unique layer (-1: not
// costed under the dataflow, `skipped` says why), per unique layer its
// first layer, dataflow block and prepared layer.
struct NetworkPlan {
  std::shared_ptr<const DataflowLibraryFile> dataflow;
  std::vector<int> unique_of;
  std::vector<std::string> skipped;
  std::vector<size_t> first_of;
  std::vector<const Dataflow*> block;
  std::vector<engine::PreparedLayer> prepared;
};

// problem.dataflow: one library name or alias, or a dataflow file; an
// error when it names none or several.
absl::StatusOr<DataflowLibraryFile> LoadDseDataflow(const DseProblem& problem);

// Loads problem.dataflow (LoadDseDataflow) and plans the layers; under
// --dataflow own (kOwnDataflow) each layer's block is its own in
// problem.own (the plan points into it: `problem` outlives the plan), a
// layer without one skipped, and the tensors' batch dim as `eval` reads
// the file (TensorBatchFlags). An error when the dataflow is unknown or
// costs no layer.
absl::StatusOr<NetworkPlan> PlanDseNetwork(const DseProblem& problem,
                                           const AnalysisOptions& analysis);

// Refuses what cannot give a valid point: an empty grid, an area (or,
// under a module-power area model, power) cap below the grid's smallest
// design (under fit: buffers at one granule). One message naming the flag.
absl::Status CheckSweepInput(const DseProblem& problem,
                             const DseOptions& options);

absl::StatusOr<DseResult> RunSweep(const DseProblem& problem,
                                   const DseOptions& options);

// A part of the sweep, for `dse --shard K/N` (sharding/dse_shard.h). The
// grid's cost keys are its (pes, noc_bw, offchip_bw) triples, numbered pes
// slowest, offchip_bw fastest; the l1 x l2 points of a key are costed from
// one evaluation and go with it.
int64_t SweepKeyCount(const DseProblem& problem, const DseOptions& options);

// A PE count at which a layer was not costed: every point with it is
// invalid (group: the index of the PE count in the grid's pes values).
struct GroupFailure {
  int64_t group = 0;
  std::string message;
};

// What a sweep's notes are made of, and mergeable over parts: the plan's
// PARTIAL notes, the grid's PE counts and points per PE count, the unique
// layers' node names; the failures (sorted by group, one per group) and
// per unique layer whether it was approximate at some point.
struct SweepNoteFacts {
  std::vector<std::string> plan_notes;
  std::vector<int64_t> pes;
  int64_t points_per_pes = 0;
  std::vector<std::string> unique_nodes;
  std::vector<GroupFailure> failures;
  std::vector<char> fallback;
};
// Sorts `failures` by (group, message) and keeps the first of each group.
void NormaliseFailures(std::vector<GroupFailure>& failures);
// The notes of a sweep (RunSweep's, but the best.m one).
std::vector<std::string> SweepNotesOf(const SweepNoteFacts& facts);

// RunSweep over the cost keys [key_begin, key_end) only; `facts` (if not
// null) gets the notes' inputs. result.best is the best point of the range
// (set when a point was costed); best_mappings its text, or the best.m
// note last in notes.
absl::StatusOr<DseResult> RunSweepKeys(const DseProblem& problem,
                                       const DseOptions& options,
                                       int64_t key_begin, int64_t key_end,
                                       SweepNoteFacts* facts);

// The best design's mapping per costed layer in MAESTRO's grammar (best.m),
// with a header comment naming the run; a layer with repeat n is written n
// times (NAME_r0 ...), as MAESTRO has no repeat count.
absl::StatusOr<std::string> BestMappingsText(const DseProblem& problem,
                                             const NetworkPlan& plan,
                                             const DseOptions& options,
                                             const DesignPoint& best);

}  // namespace maestro::dse

#endif  // MAESTRO_ONNX_DSE_SWEEP_H_
