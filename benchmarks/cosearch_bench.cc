// `dse --strategy cosearch` against "sweep with the library dataflow, then
// search mappings on the winner" (issue 13), on zoo models, over seeds:
// the median and spread of the objective, never the best seed.
//
//   ./build/benchmarks/cosearch_bench                 # the comparison tables
//   ./build/benchmarks/cosearch_bench --benchmark_filter=BM_  # timing only
//
// Per model and seed three runs on the same grid and constraints:
// - cosearch with its default budget (screen + 8 points x 2,000 evaluations
//   per unique layer);
// - the baseline with the same per-layer budget (2,000) on its winner;
// - the baseline at iso-cost: its search given cosearch's whole inner
//   budget (cosearch's evaluations minus the sweep, per unique layer).
// Printed: each run's network runtime (the objective, latency) and cost in
// evaluations, the ratio baseline / cosearch (> 1: cosearch better).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

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
  o.grid.axes = {{"pes", {64, 128, 256, 512, 1024}},
                 {"l1", {64, 256, 1024}},
                 {"l2", {65536, 262144, 1048576}},
                 {"noc_bw", {32, 128}}};
  o.constraints.area_um2 = c.area_um2;
  o.buffers = BufferPolicy::kFixed;
  o.seed = seed;
  o.threads = 2;
  return o;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

void Compare(const Case& c, int seeds) {
  const DseProblem p = Problem(c);
  if (p.layers.empty()) {
    std::printf("%s: could not load\n", c.model);
    return;
  }
  std::printf(
      "\n%s (%zu layers), nvdla, pe256 base, grid pes x l1 x l2 x noc_bw = "
      "90 points, area <= %.3g um^2, latency, buffers fixed, 2 threads\n",
      c.model, p.layers.size(), c.area_um2);
  std::printf("%4s %14s %14s %14s %9s %9s %12s %12s %12s %7s  %s\n", "seed",
              "cosearch", "base(2000)", "base(iso)", "b2000/co", "iso/co",
              "co evals", "b2000 evals", "iso evals", "wall s",
              "cosearch best hw / baseline hw");
  std::vector<double> r_same, r_iso;
  for (int seed = 1; seed <= seeds; ++seed) {
    const DseOptions o = Options(c, seed);
    const auto t0 = std::chrono::steady_clock::now();
    absl::StatusOr<CosearchRun> co =
        RunCosearchDetailed(p, o, CosearchConfig());
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
            .count();
    absl::StatusOr<SweepThenSearch> b = RunSweepThenSearch(p, o, 2000);
    if (!co.ok() || !b.ok()) {
      std::printf(
          "error: %s\n",
          std::string((!co.ok() ? co.status() : b.status()).message()).c_str());
      return;
    }
    const int64_t unique = std::max<size_t>(1, b->search.first_of.size());
    const int64_t iso_layer =
        (co->screen_evals + co->inner_evals - b->sweep_evals) / unique;
    absl::StatusOr<SweepThenSearch> iso = RunSweepThenSearch(p, o, iso_layer);
    if (!iso.ok()) return;
    const double cv = co->result.best.fig.runtime_cycles;
    const double bv = b->design.fig.runtime_cycles;
    const double iv = iso->design.fig.runtime_cycles;
    r_same.push_back(bv / cv);
    r_iso.push_back(iv / cv);
    const HardwarePoint& ch = co->result.best.hw;
    const HardwarePoint& bh = b->design.hw;
    std::printf(
        "%4d %14.0f %14.0f %14.0f %9.4f %9.4f %12lld %12lld %12lld %7.1f  "
        "%lld/%lld/%lld/%lld %s / %lld/%lld/%lld/%lld%s\n",
        seed, cv, bv, iv, bv / cv, iv / cv,
        static_cast<long long>(co->screen_evals + co->inner_evals),
        static_cast<long long>(b->sweep_evals + b->search_evals),
        static_cast<long long>(iso->sweep_evals + iso->search_evals), wall,
        static_cast<long long>(ch.pes), static_cast<long long>(ch.l1_size),
        static_cast<long long>(ch.l2_size), static_cast<long long>(ch.noc_bw),
        co->result.found ? "" : "(infeasible)", static_cast<long long>(bh.pes),
        static_cast<long long>(bh.l1_size), static_cast<long long>(bh.l2_size),
        static_cast<long long>(bh.noc_bw),
        b->design.fig.feasible ? "" : "(infeasible)");
  }
  auto minmax = [](const std::vector<double>& v) {
    return std::make_pair(*std::min_element(v.begin(), v.end()),
                          *std::max_element(v.begin(), v.end()));
  };
  std::printf(
      "baseline(2000)/cosearch: median %.4f [min %.4f, max %.4f]; "
      "baseline(iso-cost)/cosearch: median %.4f [min %.4f, max %.4f] over "
      "%d seeds\n",
      Median(r_same), minmax(r_same).first, minmax(r_same).second,
      Median(r_iso), minmax(r_iso).first, minmax(r_iso).second, seeds);
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
  benchmark::Initialize(&argc, argv);
  if (filtered) {
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
  }
  for (const maestro::dse::Case& c :
       {maestro::dse::Case{"resnet18", 0, 2.5e6},
        maestro::dse::Case{"mobilenet_v2", 0, 2.5e6},
        maestro::dse::Case{"vgg16", 0, 2.5e6}}) {
    maestro::dse::Compare(c, seeds);
  }
  benchmark::Shutdown();
  return 0;
}
