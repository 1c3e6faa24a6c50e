// maestro-onnx layers MODEL.onnx [--format table|json|csv]
//     [--input-shape NAME=1x3x224x224]... [--input-value NAME=V]...
//     [--conv-form exact|maestro] [--timings]
// Prints the MAC layers the ONNX frontend extracts, the totals per layer
// type and the coverage report of every other node. A node costed as several
// MAESTRO layers shows its parts under its row.
#include <iostream>
#include <memory>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "frontend/cli_options.h"
#include "frontend/layer_report.h"
#include "frontend/onnx_frontend.h"
#include "tools/command_registry.h"
#include "tools/conv_form_option.h"
#include "tools/model_input_options.h"

namespace maestro::tools {
namespace {

struct LayersOptions {
  std::string model;
  std::string format = "table";
  std::vector<std::string> input_shapes, input_values;
  bool timings = false;
  std::string conv_form = "exact";
};

int RunLayers(const LayersOptions& o) {
  auto opts = frontend::ParseFrontendFlags(o.input_shapes, o.input_values);
  if (!opts.ok()) {
    std::cerr << "error: " << opts.status().message() << "\n";
    return kExitUserError;
  }
  opts->conv_form = frontend::ConvFormFromName(o.conv_form);
  auto model = frontend::LoadOnnxModel(o.model, *opts);
  if (!model.ok()) {
    std::cerr << "error: " << model.status().message() << "\n";
    return kExitUserError;
  }
  frontend::ReportFormat f = o.format == "json" ? frontend::ReportFormat::kJson
                             : o.format == "csv"
                                 ? frontend::ReportFormat::kCsv
                                 : frontend::ReportFormat::kTable;
  std::cout << frontend::FormatLayers(*model, f);
  if (o.timings) std::cerr << frontend::FormatTimings(model->timings);
  return kExitOk;
}

CommandRegistrar reg("layers", [](CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "layers",
      "List the conv/GEMM layers of an ONNX model and a coverage "
      "report of every other node");
  auto o = std::make_shared<LayersOptions>();
  cmd->add_option("model", o->model, "ONNX model file")->required();
  cmd->add_option("--format", o->format, "table, json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  AddModelInputOptions(cmd, &o->input_shapes, &o->input_values);
  AddConvFormOption(cmd, &o->conv_form);
  cmd->add_flag("--timings", o->timings,
                "print the time of each phase to stderr");
  return [o]() -> int { return RunLayers(*o); };
});

}  // namespace
}  // namespace maestro::tools
