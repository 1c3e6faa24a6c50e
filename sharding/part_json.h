// Lossless JSON of what a main-job run holds in memory, for shard results:
// a model's layers, coverage and uncosted nodes, and one dataflow run's
// per-layer outcomes. Reading a part back gives a ModelRun that
// RunsToJson, PerLayerBest and CheckSomethingCosted treat exactly as the
// original (numbers bit for bit: doubles are written in their shortest
// round-trip form, non-finite ones as strings).
//
// Example:
//   nlohmann::ordered_json m = ModelToPart(run);        // no runs
//   nlohmann::ordered_json r = RunToPart(run.runs[0]);
//   ModelRun back;
//   absl::Status s = ModelFromPart(m, back);
//   absl::StatusOr<DataflowRun> d = RunFromPart(r, back, hw);  // totals too
//
// What is kept: everything RunsToJson, PerLayerBest, CheckSomethingCosted
// and the summaries read (tests/sharding compare merged results byte for
// byte with unsharded ones on the zoo). Timings are not kept.
#ifndef MAESTRO_ONNX_SHARDING_PART_JSON_H_
#define MAESTRO_ONNX_SHARDING_PART_JSON_H_

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "pipeline/model_run.h"

namespace maestro {

nlohmann::ordered_json HardwareToPart(const Hardware& hw);
absl::StatusOr<Hardware> HardwareFromPart(const nlohmann::ordered_json& j);

// The model's identity, frontend report, JobLayers and uncosted nodes.
nlohmann::ordered_json ModelToPart(const ModelRun& m);
// Fills every field of `m` that ModelToPart wrote (runs and best untouched).
absl::Status ModelFromPart(const nlohmann::ordered_json& j, ModelRun& m);

// One dataflow run's outcomes (net and summary are recomputed on reading).
nlohmann::ordered_json RunToPart(const DataflowRun& run);
absl::StatusOr<DataflowRun> RunFromPart(const nlohmann::ordered_json& j,
                                        const ModelRun& m, const Hardware& hw);

}  // namespace maestro

#endif  // MAESTRO_ONNX_SHARDING_PART_JSON_H_
