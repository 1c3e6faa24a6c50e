#include "dse/confuciux/confuciux.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/dsl/mapping_file.h"
#include "core/dsl/printer.h"
#include "core/threads.h"
#include "dse/confuciux/strategies.h"
#include "mappings/library.h"

namespace maestro::dse {
namespace confuciux {
namespace {

int64_t BudgetOf(const DseOptions& o) {
  return o.budget_evals > 0 ? o.budget_evals : kDefaultBudgetEvals;
}

// DseStrategyName lives in dse/dse.cc (the command's side); ours needs
// only these three.
const char* DseStrategyNameOf(DseStrategy s) {
  return s == DseStrategy::kRlGa ? "rl-ga"
         : s == DseStrategy::kGa ? "ga"
                                 : "random";
}

DesignPoint PointOf(const AssignmentSpace& space, const Hardware& base,
                    const AssignmentCost& c) {
  DesignPoint p;
  p.hw.pes = c.pes;
  p.hw.l1_size = c.l1_size;
  p.hw.l2_size = c.l2_size;
  p.hw.noc_bw = base.noc_bw;
  p.hw.offchip_bw = base.offchip_bw;
  p.fig.runtime_cycles = c.runtime_cycles;
  p.fig.energy_pj = c.energy_pj;
  p.fig.area_um2 = c.area_um2;
  p.fig.power_mw = c.power_mw;
  p.fig.l1_size_req = c.l1_size;
  p.fig.l2_size_req = c.l2_size;
  p.fig.fits = c.ok;
  p.fig.feasible = space.Feasible(c);
  p.fig.violation =
      c.ok ? std::max(0.0, c.area_um2 - space.budget()) / space.budget() : 1;
  return p;
}

std::vector<LayerAssignment> LayersOf(const AssignmentSpace& space,
                                      const Assignment& a) {
  std::vector<LayerAssignment> out;
  const ActionTable& t = space.table();
  for (size_t i = 0; i < a.size(); ++i) {
    const ActionCost& c = t.At(i, a[i]);
    out.push_back({t.layers[i], PesOf(a[i]), LevelOf(a[i]),
                   c.runtime_cycles * t.repeat[i],
                   c.energy_pj * static_cast<double>(t.repeat[i])});
  }
  return out;
}

// The best design's mapping per layer: the dataflow at the layer's PEs and
// level, as one `.m` file (each layer's PEs in the header: a MAESTRO file
// has one hardware, so run each layer with its own --num_pes).
absl::StatusOr<std::string> BestMappings(const DseProblem& problem,
                                         const Assignment& best,
                                         const DseOptions& o) {
  absl::StatusOr<DataflowLibraryFile> file = SelectDataflow(problem.dataflow);
  if (!file.ok()) return file.status();
  MappingFile f;
  f.network_name = problem.name;
  std::string header = absl::StrCat(
      "// maestro-onnx dse: strategy ", DseStrategyNameOf(o.strategy),
      ", dataflow ", file->name, ", seed ", o.seed, ", version 1\n",
      "// per layer: PEs, buffer level (ConfuciuX's actions; docs/dse.md)\n");
  for (size_t i = 0; i < best.size(); ++i) {
    const JobLayer& jl = problem.layers[i];
    absl::StatusOr<const Dataflow*> df =
        DataflowForLayer(*file, jl.layer, jl.role);
    if (!df.ok()) return df.status();
    absl::StatusOr<Dataflow> p =
        ParameteriseDataflow(**df, jl.layer, PesOf(best[i]), LevelOf(best[i]));
    if (!p.ok()) return p.status();
    absl::StrAppend(&header, "//   ", jl.layer.name, ": ", PesOf(best[i]),
                    " PEs, level ", LevelOf(best[i]), "\n");
    f.layers.push_back({jl.layer, *std::move(p), false});
  }
  PrintOptions po;
  po.evaluate_expressions = true;
  absl::StatusOr<std::string> body = PrintMappingFileChecked(f, po);
  if (!body.ok()) return body.status();
  return header + *body;
}

std::vector<std::string> Notes(const AssignmentSpace& space, const Outcome& o) {
  std::vector<std::string> notes;
  if (space.reading() == AssignmentReading::kSum) {
    notes.push_back(
        "reading sum: the design is a set of sub-accelerators, one per layer; "
        "area and power are their sums, pes and l2_size the summed PEs and "
        "L2, l1_size the largest per-PE L1");
  } else {
    notes.push_back(
        "reading max: one shared accelerator with the largest PEs, L1 and L2 "
        "any layer is assigned; each layer runs on its assigned PEs");
  }
  notes.push_back(absl::StrFormat(
      "area budget %.6g um^2 = min %.6g + fraction x (max %.6g - min)",
      space.budget(), space.min_area(), space.max_area()));
  notes.push_back(absl::StrCat(
      "evaluations count every assignment read, repeats included (", o.distinct,
      " distinct); the action table took ", space.table().engine_evals,
      " engine analyses (", space.table().unique.size(),
      " unique layers x 144 actions)"));
  if (o.rejected > 0) {
    notes.push_back(absl::StrCat(
        "uniform draws over the budget redrawn (not counted): ", o.rejected));
  }
  notes.push_back(
      "pareto and ranked hold the best design only; best_mappings is the "
      "dataflow at each layer's PEs and level (docs/dse.md)");
  return notes;
}

// rl-ga's GA stage: from 20 copies of the RL's best (ConfuciuX), or from
// the RL's best distinct feasible assignments (ours; the best when none is
// feasible, the all-smallest assignment when nothing was evaluated).
int64_t GaFromRl(const AssignmentSpace& space, const DseOptions& options,
                 const Variant& v, Tracker& t) {
  if (!v.confuciux && !t.elite().empty()) {
    return RunGa(space, options, t.elite(), t.elite_cost(), true, t);
  }
  const Assignment start =
      t.has_best() ? t.best()
                   : Assignment(space.num_layers(),
                                static_cast<uint8_t>(ActionOf(0, 1)));
  const AssignmentCost cost = t.has_best() ? t.best_cost() : space.Cost(start);
  return RunGa(space, options, {start}, {cost}, !v.confuciux, t);
}

}  // namespace

// ConfuciuX splits epochs: 2/3 RL episodes, 1/3 GA generations of 20
// children, so of E evaluations the RL gets E * (2/3) / (2/3 + 20/3) = E/11.
int64_t RlEvaluations(int64_t budget, const Variant& v) {
  const double share = v.rl_share >= 0 ? v.rl_share : 1.0 / 11;
  return static_cast<int64_t>(share * static_cast<double>(budget));
}

absl::StatusOr<Outcome> Search(const AssignmentSpace& space,
                               const DseOptions& options, Variant v) {
  const int64_t budget = BudgetOf(options);
  Tracker t(space, options, budget);
  Outcome out;
  switch (options.strategy) {
    case DseStrategy::kRandom:
      out.rejected = RunRandom(space, options, t);
      break;
    case DseStrategy::kGa:
      out.ga_generations =
          RunGaOnly(space, options, !v.confuciux, t, out.rejected);
      break;
    case DseStrategy::kRlGa: {
      out.rl_episodes = RunReinforce(space, options, RlEvaluations(budget, v),
                                     t, v.policy, v.confuciux);
      out.ga_generations = GaFromRl(space, options, v, t);
      break;
    }
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("RunConfuciux runs rl-ga, ga or random, not strategy ",
                       static_cast<int>(options.strategy)));
  }
  out.best = t.best();
  out.best_cost = t.best_cost();
  out.convergence = t.convergence();
  out.distinct = t.distinct();
  out.result.found = t.has_best() && space.Feasible(t.best_cost());
  out.result.points_evaluated = t.count();
  out.result.points_valid = t.valid();
  out.result.stopped_early = t.stopped();
  return out;
}

absl::StatusOr<Outcome> RunDetailed(const DseProblem& problem,
                                    const DseOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  if (options.strategy != DseStrategy::kRlGa &&
      options.strategy != DseStrategy::kGa &&
      options.strategy != DseStrategy::kRandom) {
    return absl::InvalidArgumentError(
        "RunConfuciux runs --strategy rl-ga, ga or random");
  }
  if (options.budget_evals < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "evaluation budget ", options.budget_evals,
        "; expected a positive number of evaluations (0 = default ",
        kDefaultBudgetEvals, ")"));
  }
  const int threads = ResolveThreads(options.threads);
  absl::StatusOr<ActionTable> table =
      BuildActionTable(problem, options.analysis, threads);
  if (!table.ok()) return table.status();
  absl::StatusOr<AssignmentSpace> space =
      AssignmentSpace::Make(*table, problem.base, options.reading,
                            options.objective, options.budget_fraction);
  if (!space.ok()) return space.status();
  absl::StatusOr<Outcome> out = Search(*space, options);
  if (!out.ok()) return out.status();
  DseResult& r = out->result;
  if (!out->best.empty()) {
    r.best = PointOf(*space, problem.base, out->best_cost);
    r.pareto = {r.best};
    r.ranked = {r.best};
    r.assignment = LayersOf(*space, out->best);
    absl::StatusOr<std::string> m = BestMappings(problem, out->best, options);
    if (!m.ok()) return m.status();
    r.best_mappings = *std::move(m);
  }
  r.notes = Notes(*space, *out);
  r.wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  r.designs_per_s =
      r.wall_s > 0 ? static_cast<double>(r.points_evaluated) / r.wall_s : 0;
  return out;
}

int64_t EvalsToReach(const std::vector<ConvergencePoint>& c, double target,
                     double fraction) {
  for (const ConvergencePoint& p : c) {
    if (p.feasible && p.objective <= target * (1 + fraction)) return p.evals;
  }
  return -1;
}

}  // namespace confuciux

absl::StatusOr<DseResult> RunConfuciux(const DseProblem& problem,
                                       const DseOptions& options) {
  absl::StatusOr<confuciux::Outcome> out =
      confuciux::RunDetailed(problem, options);
  if (!out.ok()) return out.status();
  return std::move(out->result);
}

}  // namespace maestro::dse
