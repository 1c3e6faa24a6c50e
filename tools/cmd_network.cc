// The main job (no subcommand):
//   maestro-onnx MODEL.onnx... [--dataflow nvdla|nvdla,eyeriss|all|FILE.m]
//       [--hw FILE|PRESET] [--pes N ...] [--semantics exact|maestro]
//       [--format table|csv|json] [-o FILE] [--threads N]
//       [--baseline golden.json [--tolerance 0.5] [--verbose]]
//       [--write-baseline FILE] [--objective latency|energy|edp] [--wide]
//       [--strict] [--report FILE.html] [--shard K/N]
// Every MAC layer of every model under every chosen dataflow, with network
// totals, a comparison when several dataflows are given, and a regression
// check against a stored baseline. Exit 2 when no layer of a model could be
// costed; with --strict, exit 1 when any result is partial.
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/objective.h"
#include "core/report/format.h"
#include "core/report/json_text.h"
#include "core/user_file.h"
#include "frontend/cli_options.h"
#include "mappings/library.h"
#include "pipeline/baseline.h"
#include "pipeline/model_run.h"
#include "pipeline/network_report.h"
#include "report/html/html_report.h"
#include "tools/command_registry.h"
#include "tools/conv_form_option.h"
#include "tools/hardware_options.h"
#include "tools/model_input_options.h"
#include "tools/sharded_run.h"

namespace maestro::tools {
namespace {

struct NetworkOptions {
  std::vector<std::string> models;
  std::string dataflow = "nvdla";
  HardwareOptions hw;
  std::string semantics = "exact";
  std::string format = "table";
  std::string output, report;
  int threads = 0;
  std::vector<std::string> input_shapes, input_values;
  std::string conv_form = "exact";
  std::string baseline, write_baseline, tolerance = "0";
  std::string objective = "latency";
  bool timings = false;
  bool strict = false;
  bool verbose = false;
  bool wide = false;
  std::string shard;  // "K/N": run only shard K's items, write its part
};

// Baseline differences listed after the summary unless --verbose.
constexpr int kMaxBaselineDetails = 20;

// --strict: every run partial, one line each on stderr; true if any.
bool ReportPartial(const std::vector<ModelRun>& runs) {
  bool any = false;
  for (const ModelRun& m : runs) {
    for (const DataflowRun& r : m.runs) {
      if (!r.summary.partial()) continue;
      any = true;
      std::cerr << "--strict: " << m.name << " / " << r.dataflow << ": "
                << PartialLine(r.summary) << "\n";
    }
  }
  return any;
}

int Fail(const absl::Status& s) {
  // Diagnostics of the parsers already say "file:line:col: error: ...".
  const bool tagged = absl::StrContains(s.message(), "error: ");
  std::cerr << (tagged ? "" : "error: ") << s.message() << "\n";
  return kExitUserError;
}

int RunNetworkCommand(const NetworkOptions& o) {
  std::optional<Semantics> sem = ParseSemantics(o.semantics);
  if (!sem) {
    return Fail(absl::InvalidArgumentError(
        absl::StrCat("--semantics '", PrintableExcerpt(o.semantics),
                     "'; expected exact or maestro")));
  }
  std::optional<Objective> objective = ParseObjective(o.objective);
  if (!objective) {
    return Fail(absl::InvalidArgumentError(
        absl::StrCat("--objective '", PrintableExcerpt(o.objective),
                     "'; expected latency, energy or edp")));
  }
  absl::StatusOr<double> tol = ParseTolerance(o.tolerance);
  if (!tol.ok()) return Fail(tol.status());
  absl::StatusOr<Hardware> hw = o.hw.Resolve();
  if (!hw.ok()) return Fail(hw.status());
  if (!o.shard.empty()) {
    if (!o.baseline.empty() || !o.write_baseline.empty() || o.strict) {
      return Fail(absl::InvalidArgumentError(
          "--shard writes a part of the run; --baseline, --write-baseline "
          "and --strict apply to the merged result (`maestro-onnx merge`)"));
    }
    return RunShardCommand({o.models,
                            o.dataflow,
                            {*hw},
                            *sem,
                            o.input_shapes,
                            o.input_values,
                            o.conv_form},
                           o.shard, o.threads, o.output);
  }
  absl::StatusOr<const DataflowLibrary*> lib = DataflowLibrary::Builtin();
  if (!lib.ok()) return Fail(lib.status());
  absl::StatusOr<std::vector<DataflowLibraryFile>> dfs =
      (*lib)->Select(o.dataflow);
  if (!dfs.ok()) return Fail(dfs.status());
  absl::StatusOr<frontend::FrontendOptions> fo =
      frontend::ParseFrontendFlags(o.input_shapes, o.input_values);
  if (!fo.ok()) return Fail(fo.status());
  fo->conv_form = frontend::ConvFormFromName(o.conv_form);

  JobOptions job;
  job.analysis.semantics = *sem;
  job.threads = o.threads;
  job.objective = *objective;
  std::vector<ModelRun> runs;
  for (const std::string& path : o.models) {
    absl::StatusOr<ModelRun> r = RunModel(path, *fo, *dfs, *hw, job);
    if (!r.ok()) return Fail(r.status());
    if (absl::Status s = CheckSomethingCosted(*r); !s.ok()) return Fail(s);
    if (o.timings) {
      std::cerr << absl::StrCat(r->name, ": frontend ",
                                r->seconds_frontend * 1e3, " ms, analysis ",
                                r->seconds_analysis * 1e3, " ms\n");
    }
    runs.push_back(*std::move(r));
  }

  std::ostringstream out;
  nlohmann::ordered_json json;
  bool need_json =
      o.format == "json" || !o.baseline.empty() || !o.write_baseline.empty();
  if (need_json) json = RunsToJson(runs, *hw);
  if (o.format == "json") {
    out << DumpJson(json, 1) << "\n";
  } else if (o.format == "csv") {
    WriteRunsCsv(runs, out);
  } else {
    ReportOptions ro;
    ro.width = o.wide ? 0 : TerminalWidth();
    WriteRunsTable(runs, *hw, out, ro);
  }
  if (o.output.empty()) {
    std::cout << out.str();
  } else {
    std::ofstream f(o.output, std::ios::binary);
    if (!(f << out.str())) {
      return Fail(absl::PermissionDeniedError(
          absl::StrCat("-o ", o.output, ": cannot write the file")));
    }
  }
  if (!o.report.empty()) {
    absl::StatusOr<int64_t> n =
        html::WriteReportFile(o.report, html::NetworkReportData(runs, *hw));
    if (!n.ok()) return Fail(n.status());
    std::cerr << "wrote " << o.report << " (HTML report, "
              << HumanBytes(static_cast<double>(*n)) << ")\n";
  }
  if (!o.write_baseline.empty()) {
    const nlohmann::ordered_json b = MakeBaseline(json);
    std::ofstream f(o.write_baseline, std::ios::binary);
    if (!(f << DumpJson(b, 1) << "\n")) {
      return Fail(absl::PermissionDeniedError(absl::StrCat(
          "--write-baseline ", o.write_baseline, ": cannot write the file")));
    }
    std::cerr << "wrote baseline " << o.write_baseline << ": "
              << DescribeBaseline(b) << "\n";
  }
  if (!o.baseline.empty()) {
    absl::StatusOr<nlohmann::ordered_json> base = LoadJsonFile(o.baseline);
    if (!base.ok()) return Fail(base.status());
    BaselineDiff d = CompareWithBaseline(*base, MakeBaseline(json), *tol);
    WriteBaselineDiff(d, o.baseline, o.tolerance,
                      o.verbose ? -1 : kMaxBaselineDetails, std::cerr);
    if (!d.ok()) return kExitCheckFailed;
  }
  if (o.strict && ReportPartial(runs)) return kExitCheckFailed;
  return kExitOk;
}

DefaultCommandRegistrar reg([](CLI::App& app) -> CommandAction {
  auto o = std::make_shared<NetworkOptions>();
  app.add_option("models", o->models, "ONNX model files");
  app.add_option(
         "--dataflow,-d", o->dataflow,
         "dataflow(s): a name or alias (see `maestro-onnx dataflows`), a "
         "comma-separated list, `all`, or a .m dataflow file")
      ->capture_default_str();
  AddHardwareOptions(&app, o->hw);
  app.add_option("--semantics", o->semantics, "exact (default) or maestro")
      ->check(CLI::IsMember({"exact", "maestro"}));
  app.add_option("--format", o->format, "table (default), csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  app.add_option("-o,--output", o->output, "write the report to FILE");
  app.add_option("--report", o->report,
                 "also write a self-contained HTML report with plots to "
                 "FILE.html (docs/report.md)");
  app.add_option(
      "--threads", o->threads,
      "analysis threads (0 = all cores); results do not depend on it");
  AddModelInputOptions(&app, &o->input_shapes, &o->input_values);
  AddConvFormOption(&app, &o->conv_form);
  app.add_option("--baseline", o->baseline,
                 "compare with a stored baseline; exit 1 when anything moved");
  app.add_option("--tolerance", o->tolerance,
                 "for --baseline: the relative change allowed, in percent: 5 "
                 "or 5% both mean 5 % (default 0: exact)");
  app.add_flag("--verbose", o->verbose,
               "for --baseline: list every difference (default: the first " +
                   std::to_string(kMaxBaselineDetails) + " after the summary)");
  app.add_option("--write-baseline", o->write_baseline,
                 "write a baseline of this run to FILE");
  app.add_option("--objective", o->objective,
                 "what the per-layer best minimises: latency (default), "
                 "energy or edp (energy x cycles)");
  app.add_flag("--wide", o->wide,
               "do not elide layer names to fit the terminal (default "
               "width: the terminal's, or 100 columns when piped)");
  app.add_flag("--strict", o->strict,
               "exit 1 when a result is partial (a MAC layer not costed)");
  app.add_option("--shard", o->shard,
                 "K/N: run shard K (0-based) of N and write its part (JSON) "
                 "for `maestro-onnx merge` (docs/distributed.md)");
  app.add_flag("--timings", o->timings,
               "print frontend/analysis times to stderr");
  return [o, &app]() -> int {
    if (o->models.empty()) {
      std::cerr << "error: no ONNX model given; expected `maestro-onnx "
                   "MODEL.onnx... [options]` (`maestro-onnx --help` lists "
                   "them)\n";
      return kExitUserError;
    }
    return RunNetworkCommand(*o);
  };
});

}  // namespace
}  // namespace maestro::tools
