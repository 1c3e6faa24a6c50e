// ConfuciuX's strategies compared at equal evaluations (spec T7, and the T2
// numbers per seed), printed as tables; docs/dse.md "ConfuciuX" has a run.
//
//   build/benchmarks/confuciux_bench example [EVALS] [FIRST_SEED]   # T2
//   build/benchmarks/confuciux_bench mobilenet [EVALS] [SEEDS] [sum|max]
//       [lstm|-] [FIRST_SEED]
//
// `example`: ConfuciuX's 2-layer example.csv, shidiannao, mul 0.5, latency;
// per strategy the evaluations to the brute-force optimum over 20 seeds.
// `mobilenet`: models/mobilenet_v2.onnx, shidiannao, mul 0.5, latency;
// rl-ga, ga and random at the same evaluation budget (default 4000) over 10
// seeds: the best latency (median, min, max, IQR) and the evaluations to
// come within 1 % of the best any run found. `lstm` adds rl-ga with
// ConfuciuX's LSTM policy (slow); `example` always shows it. Seeds start at
// FIRST_SEED (default 1; another range checks that a result is not the
// seeds'). Arms: rl-ga and ga as ours and as ConfuciuX's code reads
// ("/cx", confuciux::Variant), random.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "dse/confuciux/confuciux.h"
#include "frontend/onnx_frontend.h"
#include "pipeline/model_run.h"
#include "tests/dse/confuciux_testlib.h"

namespace {

using namespace maestro;
using namespace maestro::dse;
using namespace maestro::dse::confuciux;

// A strategy as compared: rl-ga and ga as ours and as ConfuciuX's code
// reads ("/cx"), rl-ga with ConfuciuX's LSTM policy, random.
struct Arm {
  const char* name;
  DseStrategy strategy;
  Variant variant;
};
std::vector<Arm> Arms(bool lstm) {
  Variant cx;
  cx.confuciux = true;
  const Variant ours;
  std::vector<Arm> arms = {{"rl-ga", DseStrategy::kRlGa, ours},
                           {"rl-ga/cx", DseStrategy::kRlGa, cx},
                           {"ga", DseStrategy::kGa, {}},
                           {"ga/cx", DseStrategy::kGa, cx},
                           {"random", DseStrategy::kRandom, {}}};
  if (lstm) {
    Variant l = ours;
    l.policy = RlPolicy::kLstm;
    arms.insert(arms.begin() + 2, {"rl-ga/lstm", DseStrategy::kRlGa, l});
  }
  return arms;
}

// Quantile q of `v` (linear interpolation); `v` sorted.
double Quantile(const std::vector<double>& v, double q) {
  const double pos = q * static_cast<double>(v.size() - 1);
  const size_t lo = static_cast<size_t>(pos);
  const size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

struct Runs {
  std::vector<Outcome> out;
  double seconds = 0;
};

// Seeds first_seed .. first_seed + seeds - 1.
int first_seed = 1;

Runs RunSeeds(const AssignmentSpace& s, const Arm& arm, int64_t evals,
              int seeds) {
  Runs r;
  const auto t0 = std::chrono::steady_clock::now();
  for (int seed = first_seed; seed < first_seed + seeds; ++seed) {
    DseOptions o;
    o.strategy = arm.strategy;
    o.seed = static_cast<uint64_t>(seed);
    o.budget_evals = evals;
    r.out.push_back(*Search(s, o, arm.variant));
  }
  r.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
          .count();
  return r;
}

// "median [q1, q3] (reached n/N)" of the evaluations to `target`.
std::string EvalsCell(const Runs& r, double target, double fraction) {
  std::vector<double> hit;
  for (const Outcome& o : r.out) {
    const int64_t e = EvalsToReach(o.convergence, target, fraction);
    if (e >= 0) hit.push_back(static_cast<double>(e));
  }
  char buf[128];
  if (hit.size() < r.out.size()) {
    // Unreached runs count as infinite: the median exists only if more
    // than half reached.
    std::vector<double> all = hit;
    all.resize(r.out.size(), 1e300);
    std::sort(all.begin(), all.end());
    const double med = Quantile(all, 0.5);
    if (med > 1e299) {
      std::snprintf(buf, sizeof buf, "median never (reached %zu/%zu)",
                    hit.size(), r.out.size());
    } else {
      std::snprintf(buf, sizeof buf, "median %.0f (reached %zu/%zu)", med,
                    hit.size(), r.out.size());
    }
    return buf;
  }
  std::sort(hit.begin(), hit.end());
  std::snprintf(buf, sizeof buf,
                "median %.0f IQR [%.0f, %.0f] (reached %zu/%zu)",
                Quantile(hit, 0.5), Quantile(hit, 0.25), Quantile(hit, 0.75),
                hit.size(), r.out.size());
  return buf;
}

int Example(int64_t evals) {
  DseProblem p = ExampleProblem("shidiannao");
  absl::StatusOr<ActionTable> t = BuildActionTable(p, {}, 2);
  if (!t.ok())
    return std::fprintf(stderr, "%s\n", t.status().ToString().c_str()), 2;
  absl::StatusOr<AssignmentSpace> s = AssignmentSpace::Make(
      *t, p.base, AssignmentReading::kSum, DseObjective::kLatency, 0.5);
  if (!s.ok())
    return std::fprintf(stderr, "%s\n", s.status().ToString().c_str()), 2;
  const Assignment best = ExhaustiveBest(*s);
  const double opt = s->Objective(s->Cost(best));
  std::printf(
      "example.csv, shidiannao, mul 0.5, sum: optimum %.0f cycles; "
      "%lld evaluations per run, seeds %d..%d\n",
      opt, static_cast<long long>(evals), first_seed, first_seed + 19);
  std::printf("%-10s %-58s %s\n", "strategy", "evals to the optimum",
              "final gap to the optimum (median, max)");
  for (const Arm& arm : Arms(true)) {
    const Runs r = RunSeeds(*s, arm, evals, 20);
    std::vector<double> gap;
    for (const Outcome& o : r.out) {
      gap.push_back(s->Objective(o.best_cost) / opt - 1);
    }
    std::sort(gap.begin(), gap.end());
    std::printf("%-10s %-58s %.4f %% %.4f %%\n", arm.name,
                EvalsCell(r, opt, 0).c_str(), 100 * Quantile(gap, 0.5),
                100 * gap.back());
    std::string per_seed;  // every seed's evaluations, "-" = not reached
    for (const Outcome& o : r.out) {
      const int64_t e = EvalsToReach(o.convergence, opt, 0);
      per_seed += ' ';
      per_seed += e < 0 ? std::string("-") : std::to_string(e);
    }
    std::printf("%-10s   per seed:%s\n", "", per_seed.c_str());
  }
  return 0;
}

int Mobilenet(int64_t evals, int seeds, AssignmentReading reading, bool lstm) {
  const std::string path =
      std::string(MO_SOURCE_DIR) + "/models/mobilenet_v2.onnx";
  absl::StatusOr<frontend::ExtractedModel> m =
      frontend::LoadOnnxModel(path, {});
  if (!m.ok())
    return std::fprintf(stderr, "%s\n", m.status().ToString().c_str()), 2;
  DseProblem p;
  p.name = "mobilenet_v2";
  p.layers = JobLayersFromModel(*m);
  p.dataflow = "shidiannao";
  p.base = *HardwarePreset("pe256");
  const auto t0 = std::chrono::steady_clock::now();
  absl::StatusOr<ActionTable> t = BuildActionTable(p, {}, 2);
  if (!t.ok())
    return std::fprintf(stderr, "%s\n", t.status().ToString().c_str()), 2;
  const double table_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
          .count();
  absl::StatusOr<AssignmentSpace> s =
      AssignmentSpace::Make(*t, p.base, reading, DseObjective::kLatency, 0.5);
  if (!s.ok())
    return std::fprintf(stderr, "%s\n", s.status().ToString().c_str()), 2;
  std::printf(
      "mobilenet_v2: %zu layers (%zu unique), shidiannao, mul 0.5, "
      "reading %s, latency; table %lld analyses in %.2f s (2 threads); "
      "budget %.4g um^2 in [%.4g, %.4g]; %lld evaluations per run, seeds "
      "%d..%d\n",
      t->layers.size(), t->unique.size(),
      reading == AssignmentReading::kSum ? "sum" : "max",
      static_cast<long long>(t->engine_evals), table_s, s->budget(),
      s->min_area(), s->max_area(), static_cast<long long>(evals), first_seed,
      first_seed + seeds - 1);
  std::vector<Runs> runs;
  double best = 1e300;
  const std::vector<Arm> arms = Arms(lstm);
  for (const Arm& arm : arms) {
    runs.push_back(RunSeeds(*s, arm, evals, seeds));
    for (const Outcome& o : runs.back().out) {
      if (s->Feasible(o.best_cost))
        best = std::min(best, s->Objective(o.best_cost));
    }
  }
  std::printf("best found by any run: %.0f cycles\n", best);
  std::printf("%-10s %10s %10s %10s %23s %9s  %-44s %7s\n", "strategy",
              "median", "min", "max", "IQR", "feasible",
              "evals to within 1 % of the best found", "s/run");
  for (size_t k = 0; k < runs.size(); ++k) {
    std::vector<double> v;  // an infeasible run's best counts as infinite
    int feasible = 0;
    for (const Outcome& o : runs[k].out) {
      const bool f = s->Feasible(o.best_cost);
      feasible += f;
      v.push_back(f ? s->Objective(o.best_cost) : 1e300);
    }
    std::sort(v.begin(), v.end());
    auto cell = [](double x) {
      char b[32];
      std::snprintf(b, sizeof b, x > 1e299 ? "inf" : "%.0f", x);
      return std::string(b);
    };
    char iqr[64];
    std::snprintf(iqr, sizeof iqr, "[%s, %s]", cell(Quantile(v, 0.25)).c_str(),
                  cell(Quantile(v, 0.75)).c_str());
    std::printf("%-10s %10s %10s %10s %23s %6d/%-2d  %-44s %7.3f\n",
                arms[k].name, cell(Quantile(v, 0.5)).c_str(),
                cell(v.front()).c_str(), cell(v.back()).c_str(), iqr, feasible,
                seeds, EvalsCell(runs[k], best, 0.01).c_str(),
                runs[k].seconds / seeds);
  }
  // Where rl-ga stands when its RL phase ends.
  for (size_t k = 0; k < arms.size(); ++k) {
    if (arms[k].strategy != DseStrategy::kRlGa) continue;
    const int64_t rl = RlEvaluations(evals, arms[k].variant);
    std::vector<double> rl_phase;
    for (const Outcome& o : runs[k].out) {
      double b = 1e300;
      for (const ConvergencePoint& c : o.convergence) {
        if (c.evals <= rl && c.feasible) b = c.objective;
      }
      rl_phase.push_back(b);
    }
    std::sort(rl_phase.begin(), rl_phase.end());
    std::printf(
        "%s after its RL phase (%lld evaluations): median best %.0f, "
        "min %.0f, max %.0f\n",
        arms[k].name, static_cast<long long>(rl), Quantile(rl_phase, 0.5),
        rl_phase.front(), rl_phase.back());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "mobilenet";
  if (mode == "example") {
    first_seed = argc > 3 ? std::atoi(argv[3]) : 1;
    return Example(argc > 2 ? std::atoll(argv[2]) : 415);
  }
  if (mode == "mobilenet") {
    const int64_t evals = argc > 2 ? std::atoll(argv[2]) : kDefaultBudgetEvals;
    const int seeds = argc > 3 ? std::atoi(argv[3]) : 10;
    const bool max = argc > 4 && std::strcmp(argv[4], "max") == 0;
    const bool lstm = argc > 5 && std::strcmp(argv[5], "lstm") == 0;
    first_seed = argc > 6 ? std::atoi(argv[6]) : 1;
    return Mobilenet(evals, seeds,
                     max ? AssignmentReading::kMax : AssignmentReading::kSum,
                     lstm);
  }
  std::fprintf(stderr,
               "usage: confuciux_bench example [EVALS] [FIRST_SEED] | "
               "mobilenet [EVALS] [SEEDS] [sum|max] [lstm|-] [FIRST_SEED]\n");
  return 2;
}
