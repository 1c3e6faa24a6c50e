// maestro-onnx dse TARGET: which accelerator to build for a network.
//
//   maestro-onnx dse MODEL.onnx|FILE.m [--dataflow NAME|FILE.m|own]
//       [--strategy sweep|rl-ga|ga|random|cosearch]
//       [--sweep pes=64:1024:64,l1=512|1024,noc_bw=8:256:8,...]
//       [--constraint area<=UM2,power<=MW,latency<=CYCLES,energy<=PJ]
//       [--objective latency|energy|edp|perf-per-area|area|power]
//       [--buffers fixed|fit] [--budget N] [--budget-fraction F]
//       [--reading sum|max] [--seed S] [--threads T] [--top K] [--out DIR]
//       [--format table|json] [--quiet] [--progress jsonl]
//       [--shard K/N -o PART.json]  (sweep only; docs/distributed.md)
//       [--hw FILE|PRESET] [--pes N ...]  (tools/hardware_options.h)
// See docs/dse.md.
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <iostream>
#include <memory>
#include <optional>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "core/report/json_text.h"
#include "dse/dse.h"
#include "dse/output.h"
#include "dse/problem.h"
#include "frontend/cli_options.h"
#include "pipeline/model_run.h"
#include "search/target.h"
#include "sharding/dse_shard.h"
#include "tools/command_registry.h"
#include "tools/dse_out_dir.h"
#include "tools/hardware_options.h"
#include "tools/model_input_options.h"
#include "tools/sharded_run.h"

namespace maestro::tools {
namespace {

constexpr int kExitInterrupted = 130;  // 128 + SIGINT
constexpr absl::string_view kDefaultGrid = "pes=64:1024:64,noc_bw=8:256:8";

std::atomic<bool> g_stop{false};
extern "C" void OnDseInterrupt(int) { g_stop = true; }

struct Options {
  std::string target, dataflow = "nvdla", strategy = "sweep", sweep, constraint,
                      objective = "latency", buffers = "fixed", budget,
                      reading = "sum", out, format = "table", progress,
                      semantics = "exact", shard, output;
  bool sweep_given = false;
  HardwareOptions hw;
  uint64_t seed = 1;
  int threads = 0;
  int64_t top = 10;
  double budget_fraction = 0.5;
  bool quiet = false;
  bool strict = false;  // exit 1 when the figures leave a MAC node out
  std::vector<std::string> input_shapes, input_values;
};

absl::StatusOr<dse::DseOptions> MakeOptions(const Options& o) {
  dse::DseFlags f;
  f.strategy = o.strategy;
  f.sweep = o.sweep_given ? o.sweep : std::string(kDefaultGrid);
  f.constraint = o.constraint;
  f.objective = o.objective;
  f.buffers = o.buffers;
  f.budget = o.budget;
  f.reading = o.reading;
  f.semantics = o.semantics;
  f.seed = o.seed;
  f.threads = o.threads;
  f.top = o.top;
  f.budget_fraction = o.budget_fraction;
  absl::StatusOr<dse::DseOptions> d = dse::MakeDseOptions(f);
  if (d.ok()) d->stop = &g_stop;
  return d;
}

// The network (dse/problem.h); a note on stderr when a `.m` file's own
// dataflows are ignored.
absl::StatusOr<dse::DseProblem> LoadProblem(const Options& o,
                                            const Hardware& hw) {
  absl::StatusOr<frontend::FrontendOptions> fo =
      frontend::ParseFrontendFlags(o.input_shapes, o.input_values);
  if (!fo.ok()) return fo.status();
  std::string note;
  absl::StatusOr<dse::DseProblem> p =
      dse::LoadDseProblem(o.target, o.dataflow, hw, *fo, &note);
  if (!note.empty()) std::cerr << note << "\n";
  return p;
}

// Progress on stderr: a line rewritten in place on a terminal, or one JSON
// object per line, at most 10 per second (the sweep throttles).
std::function<void(const dse::DseProgress&)> ProgressFn(
    const Options& o, const dse::DseOptions& d) {
  const bool jsonl = o.progress == "jsonl";
  if (!jsonl && (o.quiet || !isatty(STDERR_FILENO))) return {};
  const std::string objective(dse::DseObjectiveName(d.objective));
  return [jsonl, objective](const dse::DseProgress& p) {
    const double rate = p.elapsed_s > 0 ? p.points / p.elapsed_s : 0;
    const bool any = p.valid > 0;
    if (jsonl) {
      nlohmann::ordered_json j = {
          {"points", p.points},
          {"budget_points", p.budget_points},
          {"valid", p.valid},
          {"best_objective",
           any ? nlohmann::ordered_json(p.best_objective) : nullptr},
          {"objective", objective},
          {"designs_per_s", rate},
          {"elapsed_s", p.elapsed_s}};
      std::cerr << DumpJson(j) << "\n";
      return;
    }
    const double left = p.budget_points - p.points;
    std::cerr << absl::StrFormat(
        "\rdse: %d/%d points, %d valid, best %s %s, %.0f designs/s, ETA %.0f s"
        "   ",
        p.points, p.budget_points, p.valid, objective,
        any ? absl::StrFormat("%.4g", p.best_objective) : "-", rate,
        rate > 0 ? left / rate : 0);
    if (p.points >= p.budget_points) std::cerr << "\n";
  };
}

int WriteOut(const Options& o, const dse::DseProblem& p,
             const dse::DseResult& r, const nlohmann::ordered_json& json) {
  const std::optional<Hardware> best =
      r.best.hw.pes > 0 ? std::optional(dse::ApplyPoint(p.base, r.best.hw))
                        : std::nullopt;
  absl::Status s = WriteDseOutDir(o.out, json, r, best ? &*best : nullptr);
  return s.ok() ? kExitOk : UserError(s.message());
}

// --shard K/N: the shard's part as JSON on stdout or into -o FILE; exit
// 0 whatever the shard found (the merge says), 130 on Ctrl-C.
int RunShard(const Options& o, const dse::DseProblem& p,
             const dse::DseOptions& d, const Shard& shard) {
  g_stop = false;
  auto previous = std::signal(SIGINT, OnDseInterrupt);
  absl::StatusOr<nlohmann::ordered_json> part =
      RunDsePart(p, d, shard, {o.target, o.input_shapes, o.input_values});
  std::signal(SIGINT, previous);
  if (!part.ok()) return UserError(part.status().message());
  absl::Status s = WriteOutput(o.output, DumpJson(*part, 1) + "\n");
  if (!s.ok()) return FailWithStatus(s);
  return (*part)["result"]["stopped_early"].get<bool>() ? kExitInterrupted
                                                        : kExitOk;
}

// What --shard refuses before the model is read.
absl::StatusOr<std::optional<Shard>> ShardOf(const Options& o,
                                             const dse::DseOptions& d) {
  if (o.shard.empty()) {
    if (!o.output.empty()) {
      return absl::InvalidArgumentError(
          "-o writes a shard's part; expected it with --shard K/N (the "
          "result directory is --out DIR)");
    }
    return std::nullopt;
  }
  if (absl::Status s = CheckDseShardable(d); !s.ok()) return s;
  if (!o.out.empty() || o.strict) {
    return absl::InvalidArgumentError(
        "--shard writes a part (-o PART.json), not --out DIR, and --strict "
        "applies to the result; expected `maestro-onnx merge PARTS... -o "
        "result.json` for the result");
  }
  absl::StatusOr<Shard> s = ParseShard(o.shard);
  if (!s.ok()) return s.status();
  return *s;
}

int RunDseCommand(const Options& o) {
  absl::StatusOr<dse::DseOptions> d = MakeOptions(o);
  if (!d.ok()) return UserError(d.status().message());
  absl::StatusOr<std::optional<Shard>> shard = ShardOf(o, *d);
  if (!shard.ok()) return UserError(shard.status().message());
  if (!o.progress.empty() && o.progress != "jsonl") {
    return UserError(
        absl::StrCat("--progress '", o.progress, "'; expected jsonl"));
  }
  absl::StatusOr<Hardware> hw = o.hw.Resolve();
  if (!hw.ok()) return UserError(hw.status().message());
  absl::StatusOr<dse::DseProblem> p = LoadProblem(o, *hw);
  if (!p.ok()) return UserError(p.status().message());
  d->on_progress = ProgressFn(o, *d);
  if (shard->has_value()) return RunShard(o, *p, *d, **shard);
  g_stop = false;
  auto previous = std::signal(SIGINT, OnDseInterrupt);
  absl::StatusOr<dse::DseResult> r = dse::RunDse(*p, *d);
  std::signal(SIGINT, previous);
  if (!r.ok()) return UserError(r.status().message());
  if (r->stopped_early) {
    if (d->on_progress && o.progress.empty()) std::cerr << "\n";  // tty line
    std::cerr << absl::StrFormat(
        "INTERRUPTED (Ctrl-C): the best of the %d design points evaluated so "
        "far is shown (exit 130)\n",
        r->points_evaluated);
  }
  const nlohmann::ordered_json json = dse::DseToJson(*p, *d, *r);
  if (o.format == "json") {
    std::cout << DumpJson(json, 2) << "\n";
  } else {
    dse::WriteDseTable(*p, *d, *r, std::cout);
  }
  if (!o.out.empty()) {
    if (int rc = WriteOut(o, *p, *r, json); rc != kExitOk) return rc;
  }
  if (r->stopped_early) return kExitInterrupted;
  if (!r->found) {
    std::cerr << "error: no design point is valid (every layer costed, "
                 "buffers fitting"
              << (d->constraints.empty()
                      ? ""
                      : absl::StrCat(", ", d->constraints.Text()))
              << "); exit 1\n";
    return kExitCheckFailed;
  }
  if (o.strict && r->partial) {
    std::cerr << "--strict: " << p->name
              << ": PARTIAL: every design's figures leave a MAC-bearing node "
                 "out (see the PARTIAL line)\n";
    return kExitCheckFailed;
  }
  return kExitOk;
}

CommandRegistrar reg("dse", [](CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "dse",
      "Hardware design-space exploration: which accelerator to build for a "
      "network (docs/dse.md)");
  auto o = std::make_shared<Options>();
  cmd->add_option("target", o->target, "ONNX model or .m file")->required();
  cmd->add_option("--dataflow", o->dataflow,
                  "library dataflow or dataflow file (default nvdla), or "
                  "own: a .m target's own Dataflow blocks (sweep only)");
  cmd->add_option("--strategy", o->strategy,
                  "sweep (default), rl-ga, ga, random or cosearch");
  cmd->add_option("--sweep", o->sweep,
                  "the grid: FIELD=MIN:MAX:STEP or FIELD=V1|V2, fields pes, "
                  "l1, l2, noc_bw, offchip_bw (default " +
                      std::string(kDefaultGrid) + ")")
      ->each([o](const std::string&) { o->sweep_given = true; });
  cmd->add_option("--constraint", o->constraint,
                  "area<=UM2,power<=MW,latency<=CYCLES,energy<=PJ");
  cmd->add_option("--objective", o->objective,
                  "latency (default), energy, edp, perf-per-area (cycles x "
                  "area), area or power");
  cmd->add_option("--buffers", o->buffers,
                  "fixed (default: the grid's L1 / L2) or fit (the "
                  "network's largest need)");
  cmd->add_option("--budget", o->budget,
                  "evaluations (rl-ga, ga, random, cosearch): N or evals=N");
  cmd->add_option("--budget-fraction", o->budget_fraction,
                  "rl-ga: the budget as a fraction of the gap between the "
                  "smallest and largest assignment (default 0.5)");
  cmd->add_option("--reading", o->reading,
                  "rl-ga: sum (one sub-accelerator per layer, default) or "
                  "max (one shared accelerator)");
  cmd->add_option("--semantics", o->semantics, "exact (default) or maestro");
  cmd->add_option("--seed", o->seed, "random seed (default 1)");
  cmd->add_option("--threads", o->threads,
                  "threads (default 0: every core); results do not "
                  "depend on it");
  cmd->add_option("--top", o->top, "rank this many designs (default 10)");
  AddHardwareOptions(cmd, o->hw);
  cmd->add_option("--out", o->out,
                  "write result.json, pareto.csv, best-hw.json, best-hw.m, "
                  "best.m here");
  cmd->add_option("--format", o->format, "table (default) or json")
      ->check(CLI::IsMember({"table", "json"}));
  cmd->add_flag("--quiet", o->quiet, "no progress on stderr");
  cmd->add_flag("--strict", o->strict,
                "exit 1 when the figures leave a MAC-bearing node out");
  cmd->add_option("--progress", o->progress,
                  "jsonl: one JSON progress line per update on stderr");
  cmd->add_option("--shard", o->shard,
                  "K/N: cost only shard K of N of the grid (sweep), write "
                  "its part; `maestro-onnx merge` combines the parts");
  cmd->add_option("-o,--output", o->output,
                  "with --shard: write the part to FILE (default stdout)");
  AddModelInputOptions(cmd, &o->input_shapes, &o->input_values);
  return [o]() -> int { return RunDseCommand(*o); };
});

}  // namespace
}  // namespace maestro::tools
