// Parsing the frontend's command-line flags into FrontendOptions, shared by
// the `layers` and `export` subcommands.
//
// Example:
//   auto o = ParseFrontendFlags({"input=1x3x224x224"}, {"sample_rate=16000"});
//   o->input_shapes["input"];   // {1, 3, 224, 224}
#ifndef MAESTRO_ONNX_FRONTEND_CLI_OPTIONS_H_
#define MAESTRO_ONNX_FRONTEND_CLI_OPTIONS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "frontend/onnx_frontend.h"

namespace maestro::frontend {

// Each shape is NAME=DIMS (DIMS like 1x3x224x224), each value NAME=NUMBER.
absl::StatusOr<FrontendOptions> ParseFrontendFlags(
    const std::vector<std::string>& input_shapes,
    const std::vector<std::string>& input_values);

// "maestro" -> ConvForm::kMaestro; anything else (the flag's check allows
// only "exact") -> kExact.
ConvForm ConvFormFromName(const std::string& name);

}  // namespace maestro::frontend

#endif  // MAESTRO_ONNX_FRONTEND_CLI_OPTIONS_H_
