// The --input-shape and --input-value flags every command that reads an
// ONNX model shares: they pin a graph input's dynamic dims or a scalar
// input's value (docs/onnx-frontend.md), parsed by
// frontend::ParseFrontendFlags.
//
// Example:
//   AddModelInputOptions(cmd, &o->input_shapes, &o->input_values);
//   auto fo = frontend::ParseFrontendFlags(o->input_shapes, o->input_values);
#ifndef MAESTRO_ONNX_TOOLS_MODEL_INPUT_OPTIONS_H_
#define MAESTRO_ONNX_TOOLS_MODEL_INPUT_OPTIONS_H_

#include <string>
#include <vector>

#include "CLI/CLI.hpp"

namespace maestro::tools {

inline void AddModelInputOptions(CLI::App* cmd,
                                 std::vector<std::string>* shapes,
                                 std::vector<std::string>* values) {
  cmd->add_option("--input-shape", *shapes,
                  "NAME=1x3x224x224: pin the dims of a graph input");
  cmd->add_option("--input-value", *values,
                  "NAME=V: the value of a scalar graph input");
}

}  // namespace maestro::tools

#endif  // MAESTRO_ONNX_TOOLS_MODEL_INPUT_OPTIONS_H_
