// `--out DIR` of a dse run, for `maestro-onnx dse` and for `maestro-onnx
// merge` of dse parts (docs/dse.md "Outputs"): result.json, pareto.csv and,
// when there is a best design, best-hw.json, best-hw.m and best.m.
//
// Example:
//   Hardware best = dse::ApplyPoint(problem.base, result.best.hw);
//   absl::Status s = WriteDseOutDir("out", json, result, &best);
#ifndef MAESTRO_ONNX_TOOLS_DSE_OUT_DIR_H_
#define MAESTRO_ONNX_TOOLS_DSE_OUT_DIR_H_

#include <string>

#include "absl/status/status.h"
#include "core/hardware.h"
#include "dse/dse.h"
#include "nlohmann/json.hpp"

namespace maestro::tools {

// `json`: the run's JSON (dse::DseToJson, or the merge's); `result`: its
// front and best.m; `best`: the best design's hardware (nullptr: none), named
// "<config.target>-dse-best" in the files. The error names the directory.
absl::Status WriteDseOutDir(const std::string& dir,
                            const nlohmann::ordered_json& json,
                            const dse::DseResult& result, const Hardware* best);

}  // namespace maestro::tools

#endif  // MAESTRO_ONNX_TOOLS_DSE_OUT_DIR_H_
