// The --conv-form flag shared by `layers`, `export` and the main job: how
// dilated convolutions and ConvTranspose are costed (docs/onnx-frontend.md).
//
// Example:
//   std::string form = "exact";
//   AddConvFormOption(cmd, &form);
//   opts.conv_form = frontend::ConvFormFromName(form);
#ifndef MAESTRO_ONNX_TOOLS_CONV_FORM_OPTION_H_
#define MAESTRO_ONNX_TOOLS_CONV_FORM_OPTION_H_

#include <string>

#include "CLI/CLI.hpp"
#include "frontend/cli_options.h"

namespace maestro::tools {

inline void AddConvFormOption(CLI::App* cmd, std::string* form) {
  cmd->add_option("--conv-form", *form,
                  "exact (default): dilated and transposed convs as their "
                  "dense phase convolutions, costed MACs = true MACs; "
                  "maestro: MAESTRO's single layer (effective kernel, "
                  "zero-inserted input), zero taps costed")
      ->check(CLI::IsMember({"exact", "maestro"}));
}

}  // namespace maestro::tools

#endif  // MAESTRO_ONNX_TOOLS_CONV_FORM_OPTION_H_
