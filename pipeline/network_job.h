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
#ifndef MAESTRO_ONNX_PIPELINE_NETWORK_JOB_H_
#define MAESTRO_ONNX_PIPELINE_NETWORK_JOB_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "core/dsl/dataflow_library.h"
#include "core/engine/analysis.h"
#include "core/hardware.h"
#include "core/layer.h"
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
};

struct LayerOutcome {
  absl::Status status;  // not ok: not costed under this dataflow, and why
  LayerResult result;   // valid when status.ok()
  bool reused = false;  // same analysis as an earlier identical layer
};

struct DataflowRun {
  std::string dataflow;              // library name or user file path
  std::vector<LayerOutcome> layers;  // one per input layer, in order
  NetworkResult net;                 // the costed layers and their totals
  int64_t not_costed = 0;            // layers whose status is not ok
  int64_t unique_analyses = 0;
};

struct JobOptions {
  AnalysisOptions analysis;
  int threads = 1;  // 0 = hardware concurrency
};

std::vector<DataflowRun> RunNetwork(
    const std::vector<JobLayer>& layers,
    const std::vector<DataflowLibraryFile>& dataflows, const Hardware& hw,
    const JobOptions& options, const std::string& network_name = "");

// The per-layer best dataflow (fewest cycles; ties to the earlier dataflow):
// what a reconfigurable accelerator choosing per layer would achieve.
struct BestChoice {
  std::vector<int> dataflow_index;  // per layer, -1 if no dataflow costed it
  NetworkResult net;                // the chosen results and their totals
};
BestChoice PerLayerBest(const std::vector<DataflowRun>& runs,
                        const Hardware& hw);

// Elements moved between DRAM and L2 for one instance: every input and
// filter element loaded once (L2 writes) and every output stored once.
int64_t OffchipElements(const LayerResult& r);

}  // namespace maestro

#endif  // MAESTRO_ONNX_PIPELINE_NETWORK_JOB_H_
