// What `maestro-onnx dse` and `mo.dse` share before RunDse: the options
// from the flags' text (each checked, errors naming the flag) and the
// network a DSE costs (a `.m` file's layers or an ONNX model's, with the
// model's MAC nodes the frontend does not cost: they go into the notes).
//
// Example:
//   DseFlags f;
//   f.sweep = "pes=64:256:64";
//   absl::StatusOr<DseOptions> o = MakeDseOptions(f);
//   std::string note;
//   absl::StatusOr<DseProblem> p = LoadDseProblem(
//       "models/resnet18.onnx", "nvdla", *HardwarePreset("pe256"), {}, &note);
//   if (!note.empty()) std::cerr << note << "\n";
//   absl::StatusOr<DseResult> r = RunDse(*p, *o);
#ifndef MAESTRO_ONNX_DSE_PROBLEM_H_
#define MAESTRO_ONNX_DSE_PROBLEM_H_

#include <string>

#include "absl/status/statusor.h"
#include "core/hardware.h"
#include "dse/dse.h"
#include "frontend/cli_options.h"

namespace maestro::dse {

// The flags' text and values (tools/cmd_dse.cc's help says what each
// takes); `budget` "" = none, `constraint` "" = none.
struct DseFlags {
  std::string strategy = "sweep", sweep, constraint, objective = "latency",
              buffers = "fixed", budget, reading = "sum", semantics = "exact";
  uint64_t seed = 1;
  int threads = 1;
  int64_t top = 10;  // DseOptions::keep_ranked
  double budget_fraction = 0.5;
};

// The options, or InvalidArgument "--FLAG 'VALUE'; expected ..." (the grid
// and constraints: ParseSweepGrid's and ParseDseConstraints' messages).
// Leaves stop and on_progress unset.
absl::StatusOr<DseOptions> MakeDseOptions(const DseFlags& f);

// `target` (ONNX model or `.m` file) as a problem under `dataflow` on
// `base`; `dataflow` "own" (kOwnDataflow, a `.m` file only) fills
// DseProblem::own with each layer's block in the file. `note` (may be
// null) gets "note: ..." when a `.m` file's own Dataflow blocks are ignored
// (every layer is costed under `dataflow`), else "". Errors: the
// frontend's, a model with no layer to cost, "own" with an ONNX model.
absl::StatusOr<DseProblem> LoadDseProblem(const std::string& target,
                                          const std::string& dataflow,
                                          const Hardware& base,
                                          const frontend::FrontendOptions& fo,
                                          std::string* note);

}  // namespace maestro::dse

#endif  // MAESTRO_ONNX_DSE_PROBLEM_H_
