// maestro-onnx export MODEL.onnx [--dataflow NAME] [--input-shape ...]
//     [--input-value ...] [--conv-form exact|maestro] [-o model.m]
// Writes the network's layers as a MAESTRO mapping file: padding folded into
// Y/X, one Dataflow block per layer (default: the NVDLA-style kcp_ws for
// CONV and fully-connected layers, its dpt form for DSCONV), every
// expression evaluated to a number so that MAESTRO's own parser reads it.
// MAESTRO has no `repeat`: a layer repeated n times (groups, attention
// heads, depthwise channel multiplier) is written n times. A node costed as
// several MAESTRO layers (phases of a dilated or transposed conv, LSTM gate
// GEMMs) is written as each of its parts (`node_phase0`, ...).
// Each layer's mapping is checked on the hardware (--hw and the hardware
// flags, default pe256) by MAESTRO's rules: a mapping MAESTRO cannot run
// there (e.g. maeri's R x S virtual neuron on more PEs than there are;
// MAESTRO itself crashes on such a file) is refused, naming the layers,
// and no file is written (docs/differences-from-maestro.md).
#include <fstream>
#include <iostream>
#include <memory>
#include <set>

#include "absl/strings/str_cat.h"
#include "core/dsl/mapping_file.h"
#include "core/dsl/printer.h"
#include "core/mapping.h"
#include "frontend/cli_options.h"
#include "frontend/onnx_frontend.h"
#include "mappings/library.h"
#include "tools/command_registry.h"
#include "tools/conv_form_option.h"
#include "tools/hardware_options.h"
#include "tools/model_input_options.h"

namespace maestro::tools {
namespace {

struct ExportOptions {
  std::string model;
  std::string dataflow = "nvdla";
  std::vector<std::string> input_shapes, input_values;
  std::string conv_form = "exact";
  std::string output;  // "" or "-": stdout
  HardwareOptions hw;
};

// MAESTRO's lexer is happiest with identifiers: [A-Za-z0-9_].
std::string MaestroName(const std::string& name) {
  std::string out;
  for (char c : name) {
    out.push_back(std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  }
  size_t start = out.find_first_not_of('_');
  out = start == std::string::npos ? "layer" : out.substr(start);
  if (std::isdigit(static_cast<unsigned char>(out[0]))) out = "L" + out;
  return out;
}

std::string NetworkName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  size_t dot = base.rfind('.');
  if (dot != std::string::npos && dot > 0) base = base.substr(0, dot);
  return MaestroName(base);
}

// The layers whose mapping MAESTRO cannot run on `hw`: each one's error,
// then what to do; exit 2.
int RefuseUnrunnable(const std::vector<std::string>& errors,
                     const DataflowLibraryFile& df, const Hardware& hw) {
  for (const std::string& e : errors) std::cerr << e << "\n";
  std::cerr << "error: export: " << errors.size()
            << " layer(s) cannot run under " << df.name << " on hardware '"
            << hw.name << "' (" << hw.num_pes
            << " PEs), and MAESTRO fails on such a file; no file written. "
               "Expected another dataflow (--dataflow) or hardware (--hw, "
               "--pes) for the MAESTRO run\n";
  return kExitUserError;
}

int RunExport(const ExportOptions& o) {
  auto opts = frontend::ParseFrontendFlags(o.input_shapes, o.input_values);
  if (!opts.ok()) {
    std::cerr << "error: " << opts.status().message() << "\n";
    return kExitUserError;
  }
  opts->conv_form = frontend::ConvFormFromName(o.conv_form);
  auto lib = DataflowLibrary::Builtin();
  if (!lib.ok()) {
    std::cerr << "error: " << lib.status().message() << "\n";
    return kExitUserError;
  }
  auto dataflows = (*lib)->Select(o.dataflow);
  if (!dataflows.ok()) {
    std::cerr << "error: " << dataflows.status().message() << "\n";
    return kExitUserError;
  }
  if (dataflows->size() != 1) {
    std::cerr << "error: --dataflow '" << o.dataflow
              << "' names several dataflows; expected one for export\n";
    return kExitUserError;
  }
  const DataflowLibraryFile& df = (*dataflows)[0];
  absl::StatusOr<Hardware> hw = o.hw.Resolve();
  if (!hw.ok()) {
    std::cerr << hw.status().message() << "\n";
    return kExitUserError;
  }
  auto model = frontend::LoadOnnxModel(o.model, *opts);
  if (!model.ok()) {
    std::cerr << "error: " << model.status().message() << "\n";
    return kExitUserError;
  }
  MappingFile file;
  file.network_name = NetworkName(o.model);
  std::set<std::string> used;
  std::vector<std::string> unrunnable;  // one error per layer MAESTRO can't run
  std::string header = absl::StrCat("// ", o.model, ": ", model->layers.size(),
                                    " ONNX layers, dataflow ", df.name,
                                    "; written by maestro-onnx export\n");
  for (const auto& l : model->layers) {
    const LayerRole role = l.kind == "gemm" || l.kind == "matmul" ||
                                   l.kind == "recurrent" ||
                                   l.kind == "attention"
                               ? LayerRole::kFullyConnected
                               : LayerRole::kConv;
    if (l.conditional) {
      absl::StrAppend(&header, "// ", l.name,
                      ": inside a conditional subgraph\n");
    }
    if (l.parts.size() > 1) {
      absl::StrAppend(&header, "// ", l.name, ": ", l.parts.size(),
                      " MAESTRO layers (", l.note, ")\n");
    }
    for (const frontend::LayerPart& p : l.parts) {
      auto flow = DataflowForLayer(df, p.layer, role);
      if (!flow.ok()) {
        std::cerr << "error: " << flow.status().message() << "\n";
        return kExitUserError;
      }
      // MAESTRO's own rules (its semantics), as `eval --semantics maestro`.
      absl::StatusOr<ResolvedMapping> fits =
          ResolveDataflow(**flow, p.layer, *hw, {CoverageCheck::kWarning});
      if (!fits.ok()) unrunnable.emplace_back(fits.status().message());
      for (int64_t r = 0; r < p.layer.repeat; ++r) {
        MappedLayer ml;
        ml.layer = p.layer;
        ml.layer.repeat = 1;
        std::string base = MaestroName(p.layer.name);
        if (p.layer.repeat > 1) absl::StrAppend(&base, "_r", r);
        std::string name = base;
        for (int k = 2; !used.insert(name).second; ++k) {
          name = absl::StrCat(base, "_", k);
        }
        ml.layer.name = name;
        ml.dataflow = **flow;
        file.layers.push_back(std::move(ml));
      }
    }
  }
  if (!unrunnable.empty()) return RefuseUnrunnable(unrunnable, df, *hw);
  PrintOptions po;
  po.evaluate_expressions = true;
  auto text = PrintMappingFileChecked(file, po);
  if (!text.ok()) {
    std::cerr << "error: " << text.status().message() << "\n";
    return kExitUserError;
  }
  if (o.output.empty() || o.output == "-") {
    std::cout << header << *text;
    return kExitOk;
  }
  std::ofstream f(o.output, std::ios::binary);
  if (!(f << header << *text) || !f.flush()) {
    std::cerr << "error: -o " << o.output << ": cannot write the file\n";
    return kExitUserError;
  }
  std::cerr << "wrote " << o.output << ": " << file.layers.size()
            << " MAESTRO layers, dataflow " << df.name << "\n";
  return kExitOk;
}

CommandRegistrar reg("export", [](CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "export", "Write an ONNX model's layers as a MAESTRO mapping file");
  auto o = std::make_shared<ExportOptions>();
  cmd->add_option("model", o->model, "ONNX model file")->required();
  cmd->add_option("--dataflow", o->dataflow,
                  "dataflow name or alias (default nvdla = kcp_ws), or a "
                  "dataflow file");
  AddModelInputOptions(cmd, &o->input_shapes, &o->input_values);
  AddConvFormOption(cmd, &o->conv_form);
  AddHardwareOptions(cmd, o->hw);
  cmd->add_option("-o,--output", o->output,
                  "write the mapping file to FILE instead of stdout");
  return [o]() -> int { return RunExport(*o); };
});

}  // namespace
}  // namespace maestro::tools
