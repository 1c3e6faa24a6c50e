// Runs whole networks under one or more dataflows: every layer resolved and
// analysed, identical layers (same type, dims, strides and dataflow block)
// analysed once, work spread over threads with results in layer order, so
// the output does not depend on the thread count.
//
// Example:
//   std::vector<JobLayer> layers = JobLayersFromModel(extracted_model);
//   JobOptions opts;  opts.threads = 4;
//   std::vector<DataflowRun> runs = RunNetwork(layers, dataflows, hw, opts);
//   runs[0].net.totals.runtime_cycles;   // the network under dataflows[0]
//   runs[0].layers[3].status;            // why layer 3 was not costed, if so
//   runs[0].summary.partial();           // a MAC node was left out
//   PartialLine(runs[0].summary);        // "PARTIAL: 17 of 54 layers ..."
#ifndef MAESTRO_ONNX_PIPELINE_NETWORK_JOB_H_
#define MAESTRO_ONNX_PIPELINE_NETWORK_JOB_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "core/dsl/dataflow_library.h"
#include "core/engine/analysis.h"
#include "core/hardware.h"
#include "core/layer.h"
#include "core/objective.h"
#include "mappings/library.h"

namespace maestro {

struct JobLayer {
  Layer layer;  // MAESTRO form; layer.loc carries the ONNX node and op
  LayerRole role = LayerRole::kConv;
  std::string kind;  // frontend kind ("conv", "dwconv", "gemm", ...), may be ""
  // The ONNX node (unique name) this layer costs. A node the frontend costs
  // as several MAESTRO layers (phases of a dilated or transposed conv, the
  // gate GEMMs of an LSTM, ...) gives one JobLayer per part, all with the
  // same `node`; `part` names the part ("" when the node is one layer).
  std::string node;
  std::string part;
  // Elements between DRAM and L2 at the minimum (each input, weight and
  // output element once) this part adds to the totals; -1 = its own
  // analysis's count x repeat. A decomposed conv (phases of a dilated or
  // transposed conv, depth slices of a 3-D conv) shares its filter and input
  // across parts and instances: its node's tensors are counted once, on the
  // first part, and 0 on the others.
  int64_t offchip_min = -1;
};

// A MAC-bearing ONNX node the frontend did not turn into layers: an op not
// costed (3-D conv, recurrent, custom), shapes hidden by data-dependent ops,
// or a layer inside an If/Loop body that was not inlined.
struct UncostedNode {
  std::string node;
  std::string op;
  std::string reason;
  int64_t macs = -1;  // -1 when unknown
};

// How much of a network one run costed, counted per ONNX node: a node costed
// as several parts counts once, and as costed only when every part is.
struct RunSummary {
  int64_t layers = 0;               // MAC-bearing nodes (costed or not)
  int64_t layers_costed = 0;        // nodes whose every part was costed
  int64_t macs_costed = 0;          // MACs in the totals (repeat included)
  int64_t macs_not_costed = 0;      // known MACs left out of the totals
  int64_t layers_macs_unknown = 0;  // nodes left out whose MACs are unknown
  std::string first_not_costed;     // "NODE: why", the first node left out
  // Costed nodes with a part on the exact-semantics fallback, or whose
  // buffer need exceeds the hardware's (per-PE L1, shared L2).
  int64_t layers_approximate = 0;
  std::string first_approximate;  // "NODE: why"
  int64_t layers_over_l1 = 0;
  int64_t layers_over_l2 = 0;
  int64_t layers_offchip_bound = 0;  // costed nodes with a part bound offchip
  // Elements between DRAM and L2: each tensor element once, and what the
  // cost model charges (LayerResult::offchip_modelled), repeat included.
  int64_t offchip_min = 0;
  int64_t offchip_modelled = 0;

  int64_t layers_not_costed() const { return layers - layers_costed; }
  bool partial() const { return layers_costed < layers; }
  bool overflows() const { return layers_over_l1 + layers_over_l2 > 0; }
  // macs_costed / (macs_costed + macs_not_costed); 1 when nothing is left.
  double MacsFraction() const;
};

// "PARTIAL: 17 of 54 layers costed, 63.2 % of MACs" (plus how many layers'
// MACs are unknown); "" when the run is complete.
std::string PartialLine(const RunSummary& s);

struct LayerOutcome {
  absl::Status status;  // not ok: not costed under this dataflow, and why
  LayerResult result;   // valid when status.ok()
  bool reused = false;  // same analysis as an earlier identical layer
};

struct DataflowRun {
  std::string dataflow;              // library name or user file path
  std::vector<LayerOutcome> layers;  // one per input layer, in order
  NetworkResult net;                 // the costed layers and their totals
  RunSummary summary;                // what was costed, what is flagged
  int64_t unique_analyses = 0;
};

struct JobOptions {
  AnalysisOptions analysis;
  Objective objective = Objective::kLatency;  // of the per-layer best
  int threads = 1;                            // 0 = hardware concurrency
};

// `uncosted`: the model's MAC-bearing nodes that have no JobLayer; they
// count in every run's summary as not costed.
std::vector<DataflowRun> RunNetwork(
    const std::vector<JobLayer>& layers,
    const std::vector<DataflowLibraryFile>& dataflows, const Hardware& hw,
    const JobOptions& options, const std::string& network_name = "",
    const std::vector<UncostedNode>& uncosted = {});

// Fills run.net (the costed outcomes in layer order, their totals) and
// run.summary from run.dataflow and run.layers: what RunNetwork does after
// the analyses, and what a merge of shard results does with stored ones.
void CompleteRun(const std::vector<JobLayer>& layers, const Hardware& hw,
                 const std::string& network_name,
                 const std::vector<UncostedNode>& uncosted, DataflowRun& run);

// Counts one run's outcomes (one per layer) and the uncosted nodes.
RunSummary SummarizeRun(const std::vector<JobLayer>& layers,
                        const std::vector<LayerOutcome>& outcomes,
                        const std::vector<UncostedNode>& uncosted);

// The per-layer best dataflow: what a reconfigurable accelerator choosing
// per layer would achieve. The lowest value of the objective (fewest cycles
// by default) among the dataflows whose mapping fits the hardware's buffers,
// else (no fitting one) the lowest value; ties to the earlier dataflow.
struct BestChoice {
  Objective objective = Objective::kLatency;
  std::vector<int> dataflow_index;   // per layer, -1 if no dataflow costed it
  std::vector<LayerOutcome> layers;  // the chosen outcome per layer
  NetworkResult net;                 // the chosen results and their totals
  RunSummary summary;
};
BestChoice PerLayerBest(const std::vector<JobLayer>& layers,
                        const std::vector<DataflowRun>& runs,
                        const Hardware& hw,
                        const std::vector<UncostedNode>& uncosted = {},
                        Objective objective = Objective::kLatency);

// The least traffic between DRAM and L2 for one instance: every input and
// filter element loaded once (L2 writes) and every output stored once.
int64_t OffchipElements(const LayerResult& r);

// What a located message says without its location: the text after its
// last "error: " ("Cluster(64,P) ... more than the 4 PEs ..."), or all of it.
std::string BriefError(absl::string_view message);

// The ONNX node a layer costs (its layer name when `node` is empty).
const std::string& NodeOf(const JobLayer& l);

}  // namespace maestro

#endif  // MAESTRO_ONNX_PIPELINE_NETWORK_JOB_H_
