// maestro-onnx search TARGET: the best mapping of each layer on a hardware.
//
//   maestro-onnx search MODEL.onnx|FILE.m [--layer NAME|INDEX]
//       [--hw FILE|PRESET] [--pes N ...]  (tools/hardware_options.h)
//       [--semantics exact|maestro] [--strategy
//       gamma|gamma-compat|marvel|random|exhaustive]
//       [--objective latency|energy|edp|throughput|area|power|lex:A,B|
//                    weighted:A=W,..|pareto:A,B[,C]]
//       [--constraint l1<=N,area<=UM2,power<=MW,...] [--buffers fixed|fit]
//       [--budget evals=N|time=T|stall=K]
//       [--seed S] [--threads T] [--levels L] [--tiles any|divisors|pow2]
//       [--spatial-rs off|rs|cospatial]
//       [--population P] [--max-space N] [--marvel-cap N]
//       [--marvel-layout searched|row-major] [--count]
//       [--out DIR]
//       [--format table|json] [--quiet] [--progress jsonl] [--report FILE.html]
//       [--shard K/N [-o PART.json]]   (docs/distributed.md)
// See docs/search.md.
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "core/report/json_text.h"
#include "frontend/cli_options.h"
#include "pipeline/network_report.h"
#include "report/html/html_report.h"
#include "search/network_search.h"
#include "search/progress.h"
#include "search/report.h"
#include "search/target.h"
#include "sharding/search_shard.h"
#include "tools/command_registry.h"
#include "tools/hardware_options.h"
#include "tools/model_input_options.h"
#include "tools/sharded_run.h"

namespace maestro::tools {
namespace {

// 128 + SIGINT, as a shell reports an interrupted command.
constexpr int kExitInterrupted = 130;

std::atomic<bool> g_stop{false};
extern "C" void OnInterrupt(int) { g_stop = true; }

struct Options {
  std::string target, layer,
      semantics = "exact", strategy = "gamma", objective = "latency", budget,
      tiles = "any", out, format = "table", constraint, progress, flex, report,
      shard, output, buffers = "fixed", spatial_rs = "off",
      marvel_layout = "searched";
  HardwareOptions hw;
  uint64_t seed = 1;
  int threads = 0, levels = 3, population = 100;
  double max_space = 1e8, marvel_cap = 1e6;
  bool count = false, quiet = false, strict = false;
  std::vector<std::string> input_shapes, input_values;
};

absl::StatusOr<search::SearchOptions> MakeOptions(const Options& o) {
  search::SearchOptions so;
  auto bad = [](absl::string_view flag, absl::string_view v,
                absl::string_view want) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, " '", v, "'; expected ", want));
  };
  std::optional<search::Strategy> st = search::ParseStrategy(o.strategy);
  if (!st) {
    return bad("--strategy", o.strategy, search::StrategyChoices());
  }
  absl::StatusOr<search::ObjectiveSpec> ob =
      search::ParseObjectiveSpec(o.objective);
  if (!ob.ok()) return ob.status();
  std::optional<Semantics> se = ParseSemantics(o.semantics);
  if (!se) return bad("--semantics", o.semantics, "exact or maestro");
  if (o.tiles == "any") {
    so.space.tiles = search::TileDomain::kAny;
  } else if (o.tiles == "divisors") {
    so.space.tiles = search::TileDomain::kDivisors;
  } else if (o.tiles == "pow2") {
    so.space.tiles = search::TileDomain::kPow2;
  } else {
    return bad("--tiles", o.tiles, "any, divisors or pow2");
  }
  std::optional<search::SpatialFilter> sf =
      search::ParseSpatialFilter(o.spatial_rs);
  if (!sf) return bad("--spatial-rs", o.spatial_rs, "off, rs or cospatial");
  if (*sf != search::SpatialFilter::kOff &&
      *st == search::Strategy::kGammaCompat) {
    return bad("--spatial-rs with --strategy", o.strategy,
               "gamma, marvel, random or exhaustive (gamma-compat searches "
               "GAMMA's genome exactly)");
  }
  so.space.spatial_rs = *sf;
  if (o.levels < 1 || o.levels > search::kMaxLevels) {
    return bad("--levels", absl::StrCat(o.levels), "1, 2 or 3");
  }
  if (o.threads < 0) {
    return bad("--threads", absl::StrCat(o.threads),
               "a number of threads, or 0 for every core");
  }
  if (o.population < 4)
    return bad("--population", absl::StrCat(o.population), "at least 4");
  if (!(o.max_space > 0))
    return bad("--max-space", absl::StrCat(o.max_space), "a positive count");
  if (!search::ValidMarvelCap(o.marvel_cap)) {
    return bad("--marvel-cap", absl::StrCat(o.marvel_cap),
               "a whole number of mappings, at least 1");
  }
  std::optional<search::DramLayout> ml =
      search::ParseDramLayout(o.marvel_layout);
  if (!ml)
    return bad("--marvel-layout", o.marvel_layout, "searched or row-major");
  so.marvel_layout = *ml;
  if (!o.budget.empty()) {
    absl::StatusOr<search::Budget> b = search::ParseBudget(o.budget);
    if (!b.ok()) return b.status();
    so.budget = *b;
    so.budget_given = true;
  }
  if (!o.constraint.empty()) {
    absl::StatusOr<search::Constraints> c =
        search::ParseConstraints(o.constraint);
    if (!c.ok()) return c.status();
    so.constraints = *c;
  }
  if (!o.flex.empty()) {
    absl::StatusOr<search::Flex> f = search::ParseFlex(o.flex);
    if (!f.ok()) return f.status();
    absl::StatusOr<const DataflowLibrary*> lib = DataflowLibrary::Builtin();
    if (!lib.ok()) return lib.status();
    bool known = false;
    for (const DataflowLibraryFile& e : (*lib)->entries()) {
      known |= e.name == f->dataflow;
    }
    if (!known) {
      return bad("--flex", o.flex,
                 "a library dataflow (maestro-onnx dataflows lists them)");
    }
    if (*st != search::Strategy::kGamma && *st != search::Strategy::kRandom) {
      return bad("--flex with --strategy", o.strategy, "gamma or random");
    }
    so.flex = *f;
  }
  if (o.buffers != "fixed" && o.buffers != "fit") {
    return bad("--buffers", o.buffers, "fixed or fit");
  }
  so.fit_buffers = o.buffers == "fit";
  so.strategy = *st;
  so.objective = ob->base;
  so.objective_spec = *ob;
  so.analysis.semantics = *se;
  so.space.max_levels = o.levels;
  so.seed = o.seed;
  so.threads = o.threads;
  so.population = o.population;
  so.max_space = o.max_space;
  so.marvel_cap = static_cast<int64_t>(o.marvel_cap);
  so.stop = &g_stop;
  return so;
}

int Count(const search::SearchTarget& t, const Hardware& hw,
          const search::SearchOptions& so) {
  std::cout << absl::StrFormat("%-28s %-6s %6s %14s %14s\n", "layer", "type",
                               "levels", "raw", "canonical");
  for (const JobLayer& jl : t.layers) {
    absl::StatusOr<search::SearchSpace> s =
        search::MakeSearchSpace(jl.layer, hw, so.space);
    if (!s.ok()) {
      std::cout << absl::StrFormat("%-28s %s\n", jl.layer.name,
                                   s.status().message());
      continue;
    }
    for (int l = 1; l <= s->max_levels; ++l) {
      const search::SpaceSize z = search::CountSpace(*s, l);
      std::cout << absl::StrFormat("%-28s %-6s %6d %14s %14s\n", jl.layer.name,
                                   LayerTypeName(jl.layer.type), l,
                                   search::FormatCount(z.raw),
                                   search::FormatCount(z.canonical));
    }
  }
  return kExitOk;
}

bool WriteFile(const std::filesystem::path& p, const std::string& text) {
  std::ofstream f(p);
  f << text;
  return static_cast<bool>(f);
}

// --shard K/N: the shard's unique layers searched, its part written to -o
// (an interrupted shard writes none: its part would be partial).
int RunSearchShard(const Options& o, const search::SearchTarget& t,
                   const Hardware& hw, const search::SearchOptions& so,
                   const search::SearchProgress& report,
                   const search::BatchProgressFn& batch) {
  if (!o.out.empty() || !o.report.empty() || o.format != "table" || o.strict) {
    return UserError(
        "--shard writes a part (-o PART.json) for `maestro-onnx merge`; "
        "--out, --report, --format and --strict apply to the unsharded "
        "search only");
  }
  absl::StatusOr<Shard> shard = ParseShard(o.shard);
  if (!shard.ok()) return UserError(shard.status().message());
  search::NetworkSearch plan = search::PlanNetwork(t.name, t.layers, hw, so);
  plan.uncosted = t.uncosted;
  g_stop = false;
  auto previous = std::signal(SIGINT, OnInterrupt);
  absl::StatusOr<nlohmann::ordered_json> part = RunSearchPart(
      plan, hw, so, *shard, {o.target, o.layer, o.input_shapes, o.input_values},
      report, batch, t.own);
  std::signal(SIGINT, previous);
  if (!part.ok()) return UserError(part.status().message());
  if (g_stop) {
    std::cerr << "INTERRUPTED (Ctrl-C): no part written (exit 130)\n";
    return kExitInterrupted;
  }
  absl::Status s = WriteOutput(o.output, DumpJson(*part, 1) + "\n");
  return s.ok() ? kExitOk : FailWithStatus(s);
}

// The layers' fronts (pareto, edp): pareto.csv and pareto/*.m; the
// network's front: network_front.csv.
int WriteFronts(const std::filesystem::path& dir,
                const search::NetworkSearch& net, const Hardware& hw,
                const search::SearchOptions& so) {
  bool any = false;
  for (const search::LayerSearch& s : net.unique) any |= !s.front.empty();
  if (!any) return kExitOk;
  absl::StatusOr<std::vector<std::pair<std::string, std::string>>> files =
      search::FrontFiles(net, so);
  if (!files.ok()) return UserError(files.status().message());
  std::error_code ec;
  std::filesystem::create_directories(dir / "pareto", ec);
  bool ok =
      !ec && WriteFile(dir / "pareto.csv", search::ParetoCsv(net, hw, so));
  if (net.front.applies) {
    ok = ok &&
         WriteFile(dir / "network_front.csv", search::NetworkFrontCsv(net));
  }
  for (const auto& [name, text] : *files)
    ok = ok && WriteFile(dir / name, text);
  if (!ok)
    return UserError(absl::StrCat("cannot write into '", dir.string(), "'"));
  return kExitOk;
}

int RunSearch(const Options& o) {
  absl::StatusOr<search::SearchOptions> so = MakeOptions(o);
  if (!so.ok()) return UserError(so.status().message());
  absl::StatusOr<Hardware> hw = o.hw.Resolve();
  if (!hw.ok()) return UserError(hw.status().message());
  absl::StatusOr<frontend::FrontendOptions> fo =
      frontend::ParseFrontendFlags(o.input_shapes, o.input_values);
  if (!fo.ok()) return UserError(fo.status().message());
  absl::StatusOr<search::SearchTarget> t =
      search::LoadSearchTarget(o.target, *fo);
  if (!t.ok()) return UserError(t.status().message());
  if (!o.layer.empty()) {
    if (absl::Status s = search::SelectLayer(*t, o.layer); !s.ok())
      return UserError(s.message());
  }
  if (o.count) return Count(*t, *hw, *so);
  if (!o.progress.empty() && o.progress != "jsonl") {
    return UserError(
        absl::StrCat("--progress '", o.progress, "'; expected jsonl"));
  }
  const search::ProgressMode mode =
      !o.progress.empty()                 ? search::ProgressMode::kJsonl
      : !o.quiet && isatty(STDERR_FILENO) ? search::ProgressMode::kTty
                                          : search::ProgressMode::kOff;
  search::ProgressReporter reporter(mode, std::cerr);
  auto report = [&](int i, int n, const search::LayerSearch& s) {
    reporter.LayerDone(i, n, s);
  };
  auto batch = [&](int i, int n, const std::string& l,
                   const search::BatchProgress& p) {
    reporter.Batch(i, n, l, p);
  };
  if (!o.shard.empty()) return RunSearchShard(o, *t, *hw, *so, report, batch);
  if (!o.output.empty()) {
    return UserError(
        "-o writes a --shard part; the search's files go to --out DIR");
  }
  g_stop = false;
  auto previous = std::signal(SIGINT, OnInterrupt);
  absl::StatusOr<search::NetworkSearch> net = search::SearchNetwork(
      t->name, t->layers, *hw, *so, report, batch, t->own);
  std::signal(SIGINT, previous);
  if (!net.ok()) return UserError(net.status().message());
  net->uncosted = t->uncosted;
  const bool interrupted = g_stop;
  if (interrupted) {
    std::cerr << "INTERRUPTED (Ctrl-C): the best found so far is shown; the "
                 "layers not reached have their library result only "
                 "(exit 130)\n";
  }
  if (so->budget.kind == search::BudgetKind::kTime &&
      so->strategy == search::Strategy::kMarvel) {
    // Marvel splits the time itself over its Phase-B candidates: no
    // evals=N run walks them the same way.
    for (const search::LayerSearch& s : net->unique) {
      std::cerr << absl::StrFormat(
          "%s: the time budget ran %d evaluations (marvel splits the time "
          "over its Phase-B candidates, so no --budget evals=N reproduces "
          "it; evals=N and stall=K are reproducible)\n",
          s.layer.name, s.stats.candidates);
    }
  } else if (so->budget.kind == search::BudgetKind::kTime) {
    for (const search::LayerSearch& s : net->unique) {
      std::cerr << absl::StrFormat(
          "%s: the time budget ran %d evaluations; reproduce with: "
          "maestro-onnx search %s --layer '%s' --budget evals=%d --seed %d "
          "(and the same other flags)\n",
          s.layer.name, s.stats.candidates, o.target, s.layer.name,
          s.stats.candidates, o.seed);
    }
  }
  const nlohmann::ordered_json json = search::SearchToJson(*net, *hw, *so);
  if (o.format == "json") {
    std::cout << DumpJson(json, 2) << "\n";
  } else {
    search::WriteSearchTable(*net, *hw, *so, std::cout);
  }
  if (!o.out.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(o.out, ec);
    absl::StatusOr<std::string> best = search::BestMappingText(*net, *so);
    if (!best.ok()) return UserError(best.status().message());
    const std::filesystem::path dir(o.out);
    if (ec || !WriteFile(dir / "result.json", DumpJson(json, 2) + "\n") ||
        !WriteFile(dir / "best.m", *best) ||
        !WriteFile(dir / "convergence.csv", search::ConvergenceCsv(*net))) {
      return UserError(absl::StrCat("cannot write into '", o.out, "'"));
    }
    if (int rc = WriteFronts(dir, *net, *hw, *so); rc != kExitOk) return rc;
  }
  int infeasible = 0;
  if (!o.report.empty()) {
    absl::StatusOr<int64_t> n =
        html::WriteReportFile(o.report, html::SearchReportData(*net, *hw, *so));
    if (!n.ok()) return UserError(n.status().message());
    std::cerr << "wrote " << o.report << " (HTML report, "
              << HumanBytes(static_cast<double>(*n)) << ")\n";
  }
  for (const search::LayerSearch& s : net->unique) {
    infeasible += s.best.metrics.standing != search::Standing::kFeasible;
  }
  if (infeasible > 0 && !so->constraints.empty()) {
    std::cerr << search::InfeasibleMessage(infeasible, so->constraints.Text())
              << "\n";
  }
  const std::string design = search::DesignLimitMessage(*net, *hw, *so);
  if (!design.empty()) std::cerr << "error: " << design << "\n";
  if (interrupted) return kExitInterrupted;
  if (infeasible > 0 || !design.empty()) return kExitCheckFailed;
  if (o.strict && json["partial"].get<bool>()) {
    std::cerr << "--strict: " << net->name
              << ": PARTIAL: the totals leave a MAC-bearing node out (the "
                 "table's ! lines; the JSON's skipped and not_costed)\n";
    return kExitCheckFailed;
  }
  return kExitOk;
}

CommandRegistrar reg("search", [](CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "search", "Search the mapping space of each layer (docs/search.md)");
  auto o = std::make_shared<Options>();
  cmd->add_option("target", o->target, "ONNX model or .m file")->required();
  cmd->add_option("--layer", o->layer,
                  "only this layer (name or 1-based index)");
  AddHardwareOptions(cmd, o->hw);
  cmd->add_option("--semantics", o->semantics, "exact (default) or maestro");
  cmd->add_option(
      "--strategy", o->strategy,
      "gamma (default), gamma-compat, marvel, random or exhaustive");
  cmd->add_option("--objective", o->objective,
                  "latency (default), energy, edp, throughput, area, power, "
                  "lex:A,B, weighted:A=W,B=W or pareto:A,B[,C]");
  cmd->add_option("--constraint", o->constraint,
                  "per layer: l1<=N,l2<=N,pes<=N,latency<=N,energy<=N,"
                  "area<=UM2,power<=MW");
  cmd->add_option("--buffers", o->buffers,
                  "fixed (default): area / power of the configured buffers; "
                  "fit: of buffers sized to each mapping's needs");
  cmd->add_option("--flex", o->flex,
                  "DATAFLOW:tile[,order]: search only these axes of a "
                  "library dataflow");
  cmd->add_option("--budget", o->budget,
                  "per layer: evals=N (default 10000), time=T or stall=K");
  cmd->add_option("--seed", o->seed, "random seed (default 1)");
  cmd->add_option("--threads", o->threads,
                  "evaluation threads (default 0: every core); results do "
                  "not depend on it");
  cmd->add_option("--levels", o->levels,
                  "at most this many cluster levels (1..3, default 3)");
  cmd->add_option("--tiles", o->tiles,
                  "tile sizes: any (default), divisors or pow2");
  cmd->add_option("--spatial-rs", o->spatial_rs,
                  "spread filter dims: off (default), rs (R or S as a "
                  "level's spatial dim) or cospatial (also the Eyeriss "
                  "pair SpatialMap Y; SpatialMap R)");
  cmd->add_option(
      "--population", o->population,
      "gamma's population, and marvel's Phase-B GA's (default 100)");
  cmd->add_option("--max-space", o->max_space,
                  "exhaustive refuses a larger canonical space (default 1e8)");
  cmd->add_option("--marvel-cap", o->marvel_cap,
                  "marvel: Phase B enumerates a kept candidate's on-chip "
                  "subspace up to this size, else runs a GA (default 1e6)");
  cmd->add_option("--marvel-layout", o->marvel_layout,
                  "marvel: Phase A searches each tensor's DRAM layout "
                  "(searched, default) or keeps each row-major (row-major)");
  cmd->add_flag("--count", o->count, "print the raw and canonical space sizes");
  cmd->add_option("--out", o->out,
                  "write result.json, best.m, convergence.csv (and with a "
                  "front pareto.csv, pareto/*.m) here");
  cmd->add_option("--format", o->format, "table (default) or json")
      ->check(CLI::IsMember({"table", "json"}));
  cmd->add_flag("--quiet", o->quiet, "no progress on stderr");
  cmd->add_flag("--strict", o->strict,
                "exit 1 when a MAC-bearing node is not in the totals");
  cmd->add_option("--report", o->report,
                  "also write a self-contained HTML report to FILE.html "
                  "(docs/report.md)");
  cmd->add_option("--progress", o->progress,
                  "jsonl: one JSON progress line per update on stderr");
  cmd->add_option("--shard", o->shard,
                  "K/N: search only shard K of N of the unique layers, write "
                  "its part for `maestro-onnx merge` (docs/distributed.md)");
  cmd->add_option("-o,--output", o->output, "with --shard: the part file");
  AddModelInputOptions(cmd, &o->input_shapes, &o->input_values);
  return [o]() -> int { return RunSearch(*o); };
});

}  // namespace
}  // namespace maestro::tools
