// One ONNX model through the whole job: load and extract its layers, run
// them under each chosen dataflow, and pick the per-layer best.
//
// Example:
//   absl::StatusOr<ModelRun> run =
//       RunModel("models/resnet50.onnx", frontend_opts, dataflows, hw,
//       job_opts);
//   run->runs[0].net.totals.runtime_cycles;
//   run->model.coverage;   // the frontend's verdict on every other node
#ifndef MAESTRO_ONNX_PIPELINE_MODEL_RUN_H_
#define MAESTRO_ONNX_PIPELINE_MODEL_RUN_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "frontend/onnx_frontend.h"
#include "pipeline/network_job.h"

namespace maestro {

struct ModelRun {
  std::string path;  // as given by the user
  std::string name;  // file stem, e.g. "resnet50"
  frontend::ExtractedModel model;
  std::vector<JobLayer> layers;        // one per part of each extracted layer
  std::vector<UncostedNode> uncosted;  // MAC nodes without a JobLayer
  std::vector<DataflowRun> runs;       // one per dataflow, same order
  BestChoice best;                     // meaningful when runs.size() > 1
  double seconds_frontend = 0;
  double seconds_analysis = 0;
};

// The analysable layers of an extracted model: layers inside If/Loop bodies
// that were not inlined are left out (they are listed as conditional by the
// frontend); a node costed as several MAESTRO layers gives one JobLayer per
// part (same `node`, `part` set); Gemm/MatMul, recurrent and attention
// layers get the fully-connected role.
std::vector<JobLayer> JobLayersFromModel(const frontend::ExtractedModel& m);

// The MAC-bearing nodes of an extracted model that have no JobLayer: the
// coverage's "not supported" nodes (MACs estimated where the shapes are
// known) and the conditional layers left out, one entry per node.
std::vector<UncostedNode> UncostedNodesFromModel(
    const frontend::ExtractedModel& m);

// "4 MAC-bearing nodes have no layer (the frontend does not cost them;
// first: NODE (OP): why)"; "" when `uncosted` is empty. The search and the
// dse print it after "PARTIAL: ".
std::string UncostedSummary(const std::vector<UncostedNode>& uncosted);

absl::StatusOr<ModelRun> RunModel(
    const std::string& path, const frontend::FrontendOptions& frontend_options,
    const std::vector<DataflowLibraryFile>& dataflows, const Hardware& hw,
    const JobOptions& options);

// Not ok (a located message) when none of the model's MAC layers was costed
// under any of its dataflows: there is nothing to report.
absl::Status CheckSomethingCosted(const ModelRun& m);

}  // namespace maestro

#endif  // MAESTRO_ONNX_PIPELINE_MODEL_RUN_H_
