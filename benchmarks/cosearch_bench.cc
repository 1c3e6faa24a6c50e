// `dse --strategy cosearch` against "sweep with the library dataflow, then
// search mappings on the winner" (issue 13), on zoo models, over seeds:
// the median and spread of the objective, never the best seed.
//
//   ./build/benchmarks/cosearch_bench [--seeds=5]     # the comparison tables
//   ./build/benchmarks/cosearch_bench --fit           # resnet18, --buffers fit
//   ./build/benchmarks/cosearch_bench --example       # one run in full
//   ./build/benchmarks/cosearch_bench --benchmark_filter=BM_  # timing only
//
// Per model and seed four runs on the same grid and constraints:
// A cosearch with its default budget (screen + 8 points x 2,000 evaluations
//   per unique layer);
// B the baseline with the same per-layer budget (2,000) on its winner;
// C the baseline at A's cost: its search given all of A's evaluations but
//   the sweep's;
// D cosearch at B's cost (budget_evals = B's evaluations).
// Printed: each run's network runtime (the objective, latency) and cost in
// evaluations, the ratios B/A, C/A, B/D (> 1: cosearch better), median and
// spread over the seeds.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "benchmark/benchmark.h"
#include "dse/cosearch.h"
#include "dse/cosearch_baseline.h"
#include "search/target.h"

namespace maestro::dse {
namespace {

const std::string kRoot = MO_SOURCE_DIR;

struct Case {
  const char* model;
  size_t layers;  // 0 = all
  double area_um2;
  BufferPolicy buffers = BufferPolicy::kFixed;
};

DseProblem Problem(const Case& c) {
  DseProblem p;
  absl::StatusOr<search::SearchTarget> t =
      search::LoadSearchTarget(kRoot + "/models/" + c.model + ".onnx", {});
  if (!t.ok()) return p;
  p.name = c.model;
  p.layers = t->layers;
  if (c.layers > 0 && p.layers.size() > c.layers) p.layers.resize(c.layers);
  p.dataflow = "nvdla";
  p.base = *HardwarePreset("pe256");
  return p;
}

DseOptions Options(const Case& c, uint64_t seed) {
  DseOptions o;
  o.strategy = DseStrategy::kCosearch;
  o.objective = DseObjective::kLatency;
  // Under fit the l1 / l2 values are upper limits of the fitted buffers.
  o.grid.axes = {{"pes", {64, 128, 256, 512, 1024}},
                 {"l1", {64, 256, 1024}},
                 {"l2", {65536, 262144, 1048576}},
                 {"noc_bw", {32, 128}}};
  o.constraints.area_um2 = c.area_um2;
  o.buffers = c.buffers;
  o.seed = seed;
  o.threads = 2;
  return o;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

int64_t Cost(const CosearchRun& r) { return r.screen_evals + r.inner_evals; }
int64_t Cost(const SweepThenSearch& b) {
  return b.sweep_evals + b.search_evals;
}

std::string Hw(const DesignPoint& d) {
  return absl::StrFormat("%d/%d/%d/%d%s", d.hw.pes, d.hw.l1_size, d.hw.l2_size,
                         d.hw.noc_bw, d.fig.feasible ? "" : "(infeasible)");
}

std::string Spread(const std::vector<double>& v) {
  return absl::StrFormat("median %.4f [min %.4f, max %.4f]", Median(v),
                         *std::min_element(v.begin(), v.end()),
                         *std::max_element(v.begin(), v.end()));
}

void Compare(const Case& c, int seeds) {
  const DseProblem p = Problem(c);
  if (p.layers.empty()) {
    std::printf("%s: could not load\n", c.model);
    return;
  }
  const SweepGrid grid = Options(c, 1).grid;
  std::string axes;
  for (const SweepAxis& a : grid.axes) {
    axes += (axes.empty() ? "" : " x ") + a.field;
  }
  std::printf(
      "\n%s (%zu layers), nvdla, pe256 base, grid %s = %lld points, area <= "
      "%.3g um^2, latency, buffers %s, 2 threads\n"
      "runtime cycles (cost in evaluations); A = cosearch, default budget; "
      "B = sweep + search on the winner at 2,000/layer; C = B's search given "
      "A's cost; D = cosearch given B's cost\n",
      c.model, p.layers.size(), axes.c_str(),
      static_cast<long long>(grid.size()), c.area_um2,
      c.buffers == BufferPolicy::kFit ? "fit" : "fixed");
  std::printf("%4s %22s %22s %22s %22s %8s %8s %8s %6s  %s\n", "seed", "A", "B",
              "C", "D", "B/A", "C/A", "B/D", "A s",
              "hw A | B | D (pes/l1/l2/noc_bw)");
  std::vector<double> ba, ca, bd;
  for (int seed = 1; seed <= seeds; ++seed) {
    const DseOptions o = Options(c, seed);
    const auto t0 = std::chrono::steady_clock::now();
    absl::StatusOr<CosearchRun> a = RunCosearchDetailed(p, o, CosearchConfig());
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
            .count();
    absl::StatusOr<SweepThenSearch> b = RunSweepThenSearch(p, o, 2000);
    if (!a.ok() || !b.ok()) {
      std::printf(
          "error: %s\n",
          std::string((!a.ok() ? a.status() : b.status()).message()).c_str());
      return;
    }
    const int64_t unique = std::max<size_t>(1, b->search.first_of.size());
    absl::StatusOr<SweepThenSearch> cc =
        RunSweepThenSearch(p, o, (Cost(*a) - b->sweep_evals) / unique);
    DseOptions od = o;
    od.budget_evals = Cost(*b);
    absl::StatusOr<CosearchRun> d =
        RunCosearchDetailed(p, od, CosearchConfig());
    if (!cc.ok() || !d.ok()) {
      std::printf(
          "error: %s\n",
          std::string((!cc.ok() ? cc.status() : d.status()).message()).c_str());
      return;
    }
    const double av = a->result.best.fig.runtime_cycles;
    const double bv = b->design.fig.runtime_cycles;
    const double cv = cc->design.fig.runtime_cycles;
    const double dv = d->result.best.fig.runtime_cycles;
    ba.push_back(bv / av);
    ca.push_back(cv / av);
    bd.push_back(bv / dv);
    auto cell = [](double v, int64_t cost) {
      return absl::StrFormat("%.0f (%d)", v, cost);
    };
    std::printf(
        "%4d %22s %22s %22s %22s %8.4f %8.4f %8.4f %6.1f  %s | %s | %s\n", seed,
        cell(av, Cost(*a)).c_str(), cell(bv, Cost(*b)).c_str(),
        cell(cv, Cost(*cc)).c_str(), cell(dv, Cost(*d)).c_str(), bv / av,
        cv / av, bv / dv, wall, Hw(a->result.best).c_str(),
        Hw(b->design).c_str(), Hw(d->result.best).c_str());
    std::fflush(stdout);
  }
  std::printf("B/A %s\nC/A %s\nB/D %s\n(> 1: cosearch better) over %d seeds\n",
              Spread(ba).c_str(), Spread(ca).c_str(), Spread(bd).c_str(),
              seeds);
  std::fflush(stdout);
}

// One cosearch run printed in full (docs/dse.md, "Co-search", shows it).
void Example() {
  const Case c{"resnet18", 0, 2.5e6};
  const DseProblem p = Problem(c);
  const DseOptions o = Options(c, 1);
  absl::StatusOr<CosearchRun> r = RunCosearchDetailed(p, o, CosearchConfig());
  if (!r.ok()) {
    std::printf("error: %s\n", std::string(r.status().message()).c_str());
    return;
  }
  const DseResult& d = r->result;
  for (const std::string& n : d.notes) std::printf("note: %s\n", n.c_str());
  std::printf("%5s %5s %-10s %5s %5s %7s %6s %12s %14s %12s %9s\n", "round",
              "grid", "", "pes", "l1", "l2", "noc_bw", "runtime", "energy_pj",
              "area_um2", "power_mw");
  for (const CosearchVisit& v : r->visits) {
    for (const DesignPoint* x : {&v.library, &v.design}) {
      std::printf(
          "%5d %5zu %-10s %5lld %5lld %7lld %6lld %12lld %14.4g %12.4g "
          "%9.4g\n",
          v.round, v.grid_index, x == &v.library ? "nvdla" : "searched",
          static_cast<long long>(x->hw.pes),
          static_cast<long long>(x->hw.l1_size),
          static_cast<long long>(x->hw.l2_size),
          static_cast<long long>(x->hw.noc_bw),
          static_cast<long long>(x->fig.runtime_cycles), x->fig.energy_pj,
          x->fig.area_um2, x->fig.power_mw);
    }
  }
  std::printf(
      "best: %s runtime %lld energy %.6g pJ area %.6g um^2 power %.4g "
      "mW; pareto %zu points; points_evaluated %lld, valid %lld\n",
      Hw(d.best).c_str(), static_cast<long long>(d.best.fig.runtime_cycles),
      d.best.fig.energy_pj, d.best.fig.area_um2, d.best.fig.power_mw,
      d.pareto.size(), static_cast<long long>(d.points_evaluated),
      static_cast<long long>(d.points_valid));
  std::printf("best.m (first 24 lines):\n");
  size_t pos = 0;
  for (int line = 0; line < 24 && pos < d.best_mappings.size(); ++line) {
    const size_t e = d.best_mappings.find('\n', pos);
    std::printf("%s\n", d.best_mappings.substr(pos, e - pos).c_str());
    pos = e == std::string::npos ? e : e + 1;
  }
}

// One cosearch run (resnet18's first 6 layers), for its wall time.
void BM_Cosearch(benchmark::State& state) {
  const Case c{"resnet18", 6, 2.5e6};
  const DseProblem p = Problem(c);
  DseOptions o = Options(c, 1);
  o.threads = static_cast<int>(state.range(0));
  CosearchConfig cfg;
  cfg.layer_evals = 500;
  int64_t evals = 0;
  for (auto _ : state) {
    absl::StatusOr<CosearchRun> r = RunCosearchDetailed(p, o, cfg);
    if (!r.ok()) {
      state.SkipWithError(std::string(r.status().message()).c_str());
      return;
    }
    evals = r->screen_evals + r->inner_evals;
    benchmark::DoNotOptimize(r);
  }
  state.counters["evals"] = static_cast<double>(evals);
  state.counters["evals_per_s"] =
      benchmark::Counter(static_cast<double>(evals),
                         benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_Cosearch)->Arg(1)->Arg(2)->Unit(benchmark::kSecond);

}  // namespace
}  // namespace maestro::dse

int main(int argc, char** argv) {
  bool filtered = false;
  int seeds = 5;
  for (int i = 1; i < argc; ++i) {
    filtered |= std::strncmp(argv[i], "--benchmark_filter", 18) == 0;
    if (std::strncmp(argv[i], "--seeds=", 8) == 0)
      seeds = std::atoi(argv[i] + 8);
  }
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--example") == 0) {
      maestro::dse::Example();
      return 0;
    }
  }
  benchmark::Initialize(&argc, argv);
  if (filtered) {
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
  }
  bool fit = false;
  for (int i = 1; i < argc; ++i) fit |= std::strcmp(argv[i], "--fit") == 0;
  using maestro::dse::Case;
  const std::vector<Case> fixed = {Case{"resnet18", 0, 2.5e6},
                                   Case{"mobilenet_v2", 0, 2.5e6},
                                   Case{"vgg16", 0, 2.5e6}};
  const std::vector<Case> fitted = {
      Case{"resnet18", 0, 1.0e6, maestro::dse::BufferPolicy::kFit}};
  for (const Case& c : fit ? fitted : fixed) {
    maestro::dse::Compare(c, seeds);
  }
  benchmark::Shutdown();
  return 0;
}
