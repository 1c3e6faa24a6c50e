// maestro-onnx eval FILE.m: runs the cost model on a MAESTRO mapping file.
//
//   maestro-onnx eval net.m [--hw FILE|PRESET] [--pes N] [--l1-size N]
//       [--l2-size N] [--noc-bw N] [--noc-latency N] [--offchip-bw N]
//       [--simd N]    (tools/hardware_options.h, shared with the main command)
//       [--semantics exact|maestro] [--format table|csv|json] [-o FILE]
//       [--wide]
// The table uses the main job's units (bytes, uJ; core/report/format.h).
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "absl/strings/match.h"
#include "core/dsl/parser.h"
#include "core/engine/network.h"
#include "core/hardware.h"
#include "core/report/format.h"
#include "core/report/json_text.h"
#include "core/report/result_csv.h"
#include "core/report/result_json.h"
#include "core/report/result_table.h"
#include "core/user_file.h"
#include "tools/command_registry.h"
#include "tools/hardware_options.h"

namespace maestro::tools {
namespace {

struct EvalOptions {
  std::string file;
  HardwareOptions hw;
  std::string semantics = "exact";
  std::string format = "table";
  std::string output;
  bool wide = false;
};

int RunEval(const EvalOptions& o) {
  std::optional<Semantics> sem = ParseSemantics(o.semantics);
  if (!sem) {
    std::cerr << "error: --semantics '" << PrintableExcerpt(o.semantics)
              << "'; expected exact or maestro\n";
    return kExitUserError;
  }
  absl::StatusOr<Hardware> hw = o.hw.Resolve();
  if (!hw.ok()) {
    const absl::string_view msg = hw.status().message();
    std::cerr << (absl::StrContains(msg, "error: ") ? "" : "error: ") << msg
              << "\n";
    return kExitUserError;
  }
  absl::StatusOr<MappingFile> file = LoadMappingFile(o.file);
  if (!file.ok()) {
    std::cerr << file.status().message() << "\n";
    return kExitUserError;
  }
  AnalysisOptions opts;
  opts.semantics = *sem;
  absl::StatusOr<NetworkResult> net = AnalyzeMappingFile(*file, *hw, opts);
  if (!net.ok()) {
    std::cerr << net.status().message() << "\n";
    return kExitUserError;
  }
  // A MAESTRO file maps each layer itself: name the dataflow after the file.
  std::string stem = o.file.substr(o.file.find_last_of('/') + 1);
  net->dataflow =
      stem.substr(0, stem.rfind(".m") == std::string::npos ? stem.size()
                                                           : stem.rfind(".m"));
  std::vector<NetworkResult> nets = {*std::move(net)};
  std::vector<std::vector<Layer>> layers(1);
  for (const MappedLayer& ml : file->layers) layers[0].push_back(ml.layer);

  std::ostringstream out;
  if (o.format == "json") {
    out << DumpJson(ResultsToJson(*hw, nets, &layers), 2) << "\n";
  } else if (o.format == "csv") {
    WriteResultsCsv(nets, out);
  } else {
    WriteResultsTable(*hw, nets, out, o.wide ? 0 : TerminalWidth());
  }
  if (o.output.empty() || o.output == "-") {
    std::cout << out.str();
  } else {
    std::ofstream f(o.output);
    f << out.str();
    if (!f) {
      std::cerr << "error: cannot write '" << o.output << "'\n";
      return kExitUserError;
    }
  }
  return kExitOk;
}

CommandRegistrar reg("eval", [](CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "eval", "Run the cost model on a MAESTRO .m mapping file");
  auto o = std::make_shared<EvalOptions>();
  cmd->add_option("file", o->file, "mapping file (.m)")->required();
  AddHardwareOptions(cmd, o->hw);
  cmd->add_option("--semantics", o->semantics,
                  "exact (default) or maestro (MAESTRO-compatible)")
      ->check(CLI::IsMember({"exact", "maestro"}));
  cmd->add_option("--format", o->format, "table (default), csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  cmd->add_option("-o,--output", o->output, "write to FILE instead of stdout");
  cmd->add_flag("--wide", o->wide,
                "do not elide layer names to fit the terminal (default "
                "width: the terminal's, or 100 columns when piped)");
  return [o]() -> int { return RunEval(*o); };
});

}  // namespace
}  // namespace maestro::tools
