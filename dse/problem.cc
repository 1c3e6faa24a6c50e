#include "dse/problem.h"

#include <filesystem>
#include <optional>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "core/dsl/parser.h"
#include "core/engine/analysis.h"
#include "pipeline/model_run.h"
#include "search/target.h"

namespace maestro::dse {

namespace {

absl::Status Bad(absl::string_view flag, absl::string_view v,
                 absl::string_view want) {
  return absl::InvalidArgumentError(
      absl::StrCat(flag, " '", v, "'; expected ", want));
}

// --budget N or evals=N, at least 1.
absl::StatusOr<int64_t> ParseBudget(absl::string_view text) {
  absl::string_view v = text;
  absl::ConsumePrefix(&v, "evals=");
  double x = 0;
  if (!absl::SimpleAtod(v, &x) ||
      x != static_cast<double>(static_cast<int64_t>(x)) || x < 1 || x > 1e15) {
    return Bad("--budget", text,
               "a whole number of evaluations of at least 1 (N or evals=N)");
  }
  return static_cast<int64_t>(x);
}

// Per layer of the `.m` file its Dataflow block as the parser reads it (a
// block inherited from the layer before included), nullopt where none.
absl::StatusOr<std::vector<std::optional<Dataflow>>> OwnBlocks(
    const std::string& target) {
  absl::StatusOr<MappingFile> f =
      LoadMappingFile(target, {.allow_missing_dataflow = true});
  if (!f.ok()) return f.status();
  std::vector<std::optional<Dataflow>> own;
  for (const MappedLayer& ml : f->layers) {
    own.push_back(ml.dataflow.directives.empty()
                      ? std::nullopt
                      : std::optional<Dataflow>(ml.dataflow));
  }
  return own;
}

}  // namespace

absl::StatusOr<DseOptions> MakeDseOptions(const DseFlags& o) {
  DseOptions d;
  std::optional<DseStrategy> st = ParseDseStrategy(o.strategy);
  if (!st) {
    return Bad("--strategy", o.strategy,
               "sweep, rl-ga, ga, random or cosearch");
  }
  d.strategy = *st;
  std::optional<DseObjective> ob = ParseDseObjective(o.objective);
  if (!ob) {
    return Bad("--objective", o.objective,
               "latency, energy, edp, perf-per-area, area or power");
  }
  d.objective = *ob;
  std::optional<Semantics> se = ParseSemantics(o.semantics);
  if (!se) return Bad("--semantics", o.semantics, "exact or maestro");
  d.analysis.semantics = *se;
  if (o.buffers != "fixed" && o.buffers != "fit") {
    return Bad("--buffers", o.buffers, "fixed or fit");
  }
  d.buffers = o.buffers == "fit" ? BufferPolicy::kFit : BufferPolicy::kFixed;
  if (o.reading != "sum" && o.reading != "max") {
    return Bad("--reading", o.reading, "sum or max");
  }
  d.reading =
      o.reading == "max" ? AssignmentReading::kMax : AssignmentReading::kSum;
  if (o.threads < 0) {
    return Bad("--threads", absl::StrCat(o.threads),
               "a number of threads, or 0 for every core");
  }
  if (o.top < 1) return Bad("--top", absl::StrCat(o.top), "at least 1");
  if (!(o.budget_fraction > 0 && o.budget_fraction <= 1)) {
    return Bad("--budget-fraction", absl::StrCat(o.budget_fraction),
               "a fraction in (0, 1]");
  }
  if (!o.budget.empty()) {
    if (d.strategy == DseStrategy::kSweep) {
      return Bad("--budget with --strategy", o.strategy,
                 "rl-ga, ga, random or cosearch (a sweep evaluates every "
                 "grid point; narrow --sweep instead)");
    }
    absl::StatusOr<int64_t> b = ParseBudget(o.budget);
    if (!b.ok()) return b.status();
    d.budget_evals = *b;
  }
  absl::StatusOr<SweepGrid> g = ParseSweepGrid(o.sweep);
  if (!g.ok()) return g.status();
  d.grid = *std::move(g);
  absl::StatusOr<DseConstraints> c = ParseDseConstraints(o.constraint);
  if (!c.ok()) return c.status();
  d.constraints = *c;
  d.budget_fraction = o.budget_fraction;
  d.seed = o.seed;
  d.threads = o.threads;
  d.keep_ranked = o.top;
  return d;
}

absl::StatusOr<DseProblem> LoadDseProblem(const std::string& target,
                                          const std::string& dataflow,
                                          const Hardware& base,
                                          const frontend::FrontendOptions& fo,
                                          std::string* note) {
  if (note != nullptr) note->clear();
  DseProblem p;
  p.name = std::filesystem::path(target).stem().string();
  p.dataflow = dataflow;
  p.base = base;
  const bool own = dataflow == kOwnDataflow;
  if (own && !absl::EndsWith(target, ".m")) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--dataflow own: ", target,
        " is an ONNX model, which has no Dataflow blocks; expected a MAESTRO "
        ".m file (each layer costed under its own block) or a library "
        "dataflow (maestro-onnx dataflows lists them)"));
  }
  if (absl::EndsWith(target, ".m")) {
    absl::StatusOr<search::SearchTarget> t =
        search::LoadSearchTarget(target, fo);
    if (!t.ok()) return t.status();
    for (const std::optional<Dataflow>& block : t->own) {
      if (!block || own || note == nullptr) continue;
      *note = absl::StrCat("note: ", target,
                           " has its own Dataflow blocks; dse costs every "
                           "layer under --dataflow ",
                           dataflow,
                           " (--dataflow own costs the file's own "
                           "blocks)");
      break;
    }
    p.layers = std::move(t->layers);
    if (!own) return p;
    absl::StatusOr<std::vector<std::optional<Dataflow>>> blocks =
        OwnBlocks(target);
    if (!blocks.ok()) return blocks.status();
    p.own = *std::move(blocks);
    if (p.own.size() != p.layers.size()) {
      return absl::InternalError(absl::StrCat(target, ": ", p.own.size(),
                                              " Dataflow slots for ",
                                              p.layers.size(), " layers"));
    }
    return p;
  }
  absl::StatusOr<frontend::ExtractedModel> m =
      frontend::LoadOnnxModel(target, fo);
  if (!m.ok()) return m.status();
  p.layers = JobLayersFromModel(*m);
  p.uncosted = UncostedNodesFromModel(*m);
  if (p.layers.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(target,
                     ": no layer to cost; expected a model with at least one "
                     "CONV, DSCONV or GEMM layer"));
  }
  return p;
}

}  // namespace maestro::dse
