// maestro-onnx eval FILE.m: runs the cost model on a MAESTRO mapping file.
//
//   maestro-onnx eval net.m [--hw FILE|PRESET] [--num-pes N ...]
//       [--semantics exact|maestro] [--format table|csv|json] [-o FILE]
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "core/dsl/parser.h"
#include "core/engine/network.h"
#include "core/hardware.h"
#include "core/report/result_csv.h"
#include "core/report/result_json.h"
#include "core/report/result_table.h"
#include "tools/command_registry.h"

namespace maestro::tools {
namespace {

struct EvalOptions {
  std::string file;
  std::string hw;
  std::optional<int64_t> num_pes, l1_size, l2_size, noc_bw, noc_latency,
      offchip_bw, simd_lanes;
  std::string semantics = "exact";
  std::string format = "table";
  std::string output;
};

absl::StatusOr<Hardware> ChooseHardware(const EvalOptions& o) {
  absl::StatusOr<Hardware> hw = absl::NotFoundError("");
  if (o.hw.empty()) {
    hw = HardwarePreset(kDefaultHardwarePreset);
  } else if (std::ifstream(o.hw).good()) {
    hw = LoadHardwareFile(o.hw);
  } else {
    hw = HardwarePreset(o.hw);
    if (!hw.ok()) {
      std::string names;
      for (absl::string_view n : HardwarePresetNames()) {
        names += (names.empty() ? "" : ", ") + std::string(n);
      }
      return absl::InvalidArgumentError("--hw '" + o.hw +
                                        "' is neither a readable file nor a "
                                        "preset; expected a file or one of: " +
                                        names);
    }
  }
  if (!hw.ok()) return hw.status();
  if (o.num_pes) hw->num_pes = *o.num_pes;
  if (o.l1_size) hw->l1_size = *o.l1_size;
  if (o.l2_size) hw->l2_size = *o.l2_size;
  if (o.noc_bw) hw->noc_bw = *o.noc_bw;
  if (o.noc_latency) hw->noc_latency = *o.noc_latency;
  if (o.offchip_bw) hw->offchip_bw = *o.offchip_bw;
  if (o.simd_lanes) hw->simd_lanes = *o.simd_lanes;
  if (absl::Status s = ValidateHardware(*hw); !s.ok()) return s;
  return hw;
}

int RunEval(const EvalOptions& o) {
  std::optional<Semantics> sem = ParseSemantics(o.semantics);
  if (!sem) {
    std::cerr << "error: --semantics '" << o.semantics
              << "'; expected exact or maestro\n";
    return kExitUserError;
  }
  absl::StatusOr<Hardware> hw = ChooseHardware(o);
  if (!hw.ok()) {
    std::cerr << "error: " << hw.status().message() << "\n";
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
    out << ResultsToJson(*hw, nets, &layers).dump(2) << "\n";
  } else if (o.format == "csv") {
    WriteResultsCsv(nets, out);
  } else {
    WriteResultsTable(*hw, nets, out);
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
  cmd->add_option("--hw", o->hw, "hardware file or preset name");
  cmd->add_option("--num-pes", o->num_pes, "number of PEs");
  cmd->add_option("--l1-size", o->l1_size, "L1 size per PE (elements)");
  cmd->add_option("--l2-size", o->l2_size, "L2 size (elements)");
  cmd->add_option("--noc-bw", o->noc_bw, "NoC bandwidth (elements/cycle)");
  cmd->add_option("--noc-latency", o->noc_latency,
                  "NoC latency per transfer (cycles)");
  cmd->add_option("--offchip-bw", o->offchip_bw,
                  "off-chip bandwidth (elements/cycle)");
  cmd->add_option("--simd-lanes", o->simd_lanes, "MACs per PE per cycle");
  cmd->add_option("--semantics", o->semantics,
                  "exact (default) or maestro (MAESTRO-compatible)")
      ->check(CLI::IsMember({"exact", "maestro"}));
  cmd->add_option("--format", o->format, "table (default), csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  cmd->add_option("-o,--output", o->output, "write to FILE instead of stdout");
  return [o]() -> int { return RunEval(*o); };
});

}  // namespace
}  // namespace maestro::tools
