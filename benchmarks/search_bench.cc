// Speed of the mapping search (docs/search.md "Measured"):
//  - BM_Evaluate: Evaluator::EvaluateUncached (genome -> MappingValue ->
//    engine::Evaluate, a thread-local workspace), no cache, over
//    4096 random genomes, for VGG16 conv2 (K=C=64, Y=X=226, R=S=3) and a
//    MobileNetV2 depthwise layer, 1 and 2 threads (items/s = evals/s);
//  - then (unless --benchmark_filter is given) a timed run of GAMMA's
//    workload (spec T6: 7 layers, 256 PEs, 10^4 evaluations, both semantics,
//    hardware A = buffers and bandwidths 2^30 and B = pe256), printing per
//    layer the best runtime, the lower bound, the wall time and the CPU
//    time of the process (all threads: on a shared machine the wall time
//    also counts waiting for a core). Seed 1 only: search_t6_bench runs the
//    same table over many seeds (median [min, max]).
//   build/benchmarks/search_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <vector>

#include "benchmarks/gamma_workload.h"
#include "search/evaluator.h"
#include "search/rng.h"
#include "search/search.h"

namespace maestro::search {
namespace {

Layer Vgg16Conv2() { return test_support::Conv("vgg16_conv2", 64, 64, 226, 3); }

void BM_Evaluate(benchmark::State& state, Layer layer) {
  const Hardware hw = *HardwarePreset("pe256");
  const SearchSpace s = *MakeSearchSpace(layer, hw, {});
  Evaluator ev(s, hw, {}, Objective::kLatency);
  std::vector<Genome> gs;
  for (uint64_t i = 0; i < 4096; ++i) {
    Rng rng = Rng::For(1, 0, 0, i, Op::kRandom);
    gs.push_back(RandomGenome(s, 1 + i % 3, rng));
  }
  size_t i = state.thread_index() * 1031;
  for (auto _ : state) {
    benchmark::DoNotOptimize(ev.EvaluateUncached(gs[i++ % gs.size()]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(BM_Evaluate, vgg16_conv2, Vgg16Conv2())
    ->Threads(1)
    ->Threads(2)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_Evaluate, mnv2_dw_c144_56,
                  test_support::Dw("dw", 144, 58, 3))
    ->Threads(1)
    ->Threads(2)
    ->UseRealTime();

// The search's own share of an evaluation: canonical key + ResolvedMapping.
void BM_KeyAndResolve(benchmark::State& state, Layer layer) {
  const Hardware hw = *HardwarePreset("pe256");
  const SearchSpace s = *MakeSearchSpace(layer, hw, {});
  std::vector<Genome> gs;
  for (uint64_t i = 0; i < 4096; ++i) {
    Rng rng = Rng::For(1, 0, 0, i, Op::kRandom);
    gs.push_back(RandomGenome(s, 1 + i % 3, rng));
  }
  size_t i = 0;
  for (auto _ : state) {
    const Genome& g = gs[i++ % gs.size()];
    benchmark::DoNotOptimize(CanonicalKey(s, g));
    benchmark::DoNotOptimize(ToResolved(s, g));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(BM_KeyAndResolve, vgg16_conv2, Vgg16Conv2());

void GammaTable(int threads) {
  const Hardware a = GammaHardwareA(), b = GammaHardwareB();
  std::printf(
      "\nGAMMA workload (spec T6): gamma, 10^4 evaluations, seed 1, %d "
      "thread(s)\n",
      threads);
  std::printf("%-9s %-8s %-20s %12s %12s %8s %9s %9s %7s  %s\n", "hardware",
              "semantic", "layer", "lower bound", "best", "best/LB", "ms",
              "cpu ms", "hit %", "source");
  for (const Hardware& hw : {a, b}) {
    for (Semantics sem : {Semantics::kExact, Semantics::kMaestro}) {
      for (const Layer& l : GammaWorkload()) {
        SearchOptions o;
        o.budget = {BudgetKind::kEvals, 1e4};
        o.budget_given = true;
        o.threads = threads;
        o.analysis.semantics = sem;
        const LayerRole role = GammaRole(l);
        const std::clock_t c0 = std::clock();  // process CPU, all threads
        const auto t0 = std::chrono::steady_clock::now();
        absl::StatusOr<LayerSearch> r = SearchLayer(l, role, hw, o);
        const double ms = std::chrono::duration<double, std::milli>(
                              std::chrono::steady_clock::now() - t0)
                              .count();
        const double cpu_ms = 1000.0 * (std::clock() - c0) / CLOCKS_PER_SEC;
        if (!r.ok()) {
          std::printf("%-20s error: %s\n", l.name.c_str(),
                      std::string(r.status().message()).c_str());
          continue;
        }
        const int64_t best = r->best.metrics.runtime_cycles;
        std::printf(
            "%-9s %-8s %-20s %12lld %12lld %8.4f %9.1f %9.1f %7.2f  %s\n",
            hw.name.c_str(), std::string(SemanticsName(sem)).c_str(),
            l.name.c_str(), static_cast<long long>(r->lower_bound_cycles),
            static_cast<long long>(best),
            static_cast<double>(best) / r->lower_bound_cycles, ms, cpu_ms,
            100.0 * r->stats.cache_hits /
                std::max<int64_t>(r->stats.candidates, 1),
            r->best.source.c_str());
      }
    }
  }
}

}  // namespace
}  // namespace maestro::search

int main(int argc, char** argv) {
  bool filtered = false;
  for (int i = 1; i < argc; ++i)
    filtered |= std::strncmp(argv[i], "--benchmark_filter", 18) == 0;
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (!filtered) maestro::search::GammaTable(2);
  return 0;
}
