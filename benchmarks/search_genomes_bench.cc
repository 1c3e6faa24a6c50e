// The engine on the genomes a real search evaluates (docs/search.md
// "Measured"), next to fast_eval_bench's pool of uniform random genomes and
// their offspring: the candidates gamma sends to the engine in a seeded
// 10^4-evaluation search (seed 1, pe256, the same semantics), recorded once
// per process in evaluation order (cache hits and in-batch repeats left
// out), on the layers of fast_eval_bench: VGG16 conv2 (K=C=64, 226x226
// input, 3x3) and MobileNetV2's depthwise 3x3 (C=144, 58x58 input).
//  - BM_SearchGenomes: ToMappingValue + engine::Evaluate over that pool, 1
//    and 2 threads, real time, items/s over all threads;
//  - BM_SearchGenomesPass: one pass over the pool per iteration (fixed work,
//    for instruction counts: callgrind --collect-atstart=no
//    --toggle-collect='maestro::search::(anonymous
//    namespace)::BM_SearchGenomesPass(*'
//    --toggle-collect='maestro::search::(anonymous namespace)::Pool(*'
//    counts the pass without the recording search);
//  - BM_GammaSearch: the whole 10^4-evaluation search (SearchLayer, seed 1)
//    with --threads 1 and 2, items/s = candidates per second of wall time,
//    CPU of the process (all threads).
//   build/benchmarks/search_genomes_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "benchmarks/pool_timing.h"
#include "core/engine/fast_eval.h"
#include "search/search.h"
#include "tests/core/layers_testlib.h"

namespace maestro::search {
namespace {

const Layer kVgg = test_support::Conv("vgg16_conv2", 64, 64, 226, 3);
const Layer kDw = test_support::Dw("mnv2_dw_c144_56", 144, 58, 3);

SearchOptions GammaOptions(Semantics sem, int threads) {
  SearchOptions o;
  o.budget = {BudgetKind::kEvals, 1e4};
  o.budget_given = true;
  o.seed = 1;
  o.threads = threads;
  o.analysis.semantics = sem;
  return o;
}

// `pool`: the genomes the search's engine calls took.
struct Recorded : EvalPool {
  int64_t candidates = 0;  // the search's candidates, cache hits included
};

std::unique_ptr<Recorded> Record(const Layer& layer, Semantics sem) {
  auto r = std::make_unique<Recorded>();
  r->Prepare(layer, sem);
  SearchOptions o = GammaOptions(sem, 1);
  absl::flat_hash_set<uint64_t> seen;
  o.on_evaluated = [&](const std::vector<Candidate>& batch) {
    r->candidates += static_cast<int64_t>(batch.size());
    for (const Candidate& c : batch) {
      if (seen.insert(c.key).second) r->pool.push_back(c.genome);
    }
  };
  (void)SearchLayer(layer, LayerRole::kConv, r->hw, o);
  return r;
}

// Recorded once per (layer, semantics) for all threads and benchmarks.
const Recorded& Pool(const Layer& layer, Semantics sem) {
  static std::mutex mu;
  static std::map<std::pair<std::string, Semantics>, std::unique_ptr<Recorded>>
      pools;
  std::lock_guard<std::mutex> lock(mu);
  std::unique_ptr<Recorded>& p = pools[{layer.name, sem}];
  if (!p) p = Record(layer, sem);
  return *p;
}

void BM_SearchGenomes(benchmark::State& state, Layer layer, Semantics sem) {
  const Recorded& s = Pool(layer, sem);
  TimeEvaluations(state, s);
  state.counters["pool"] = benchmark::Counter(
      static_cast<double>(s.pool.size()), benchmark::Counter::kAvgThreads);
}

void BM_SearchGenomesPass(benchmark::State& state, Layer layer, Semantics sem) {
  const Recorded& s = Pool(layer, sem);
  engine::Workspace ws;
  engine::MappingValue m;
  engine::Figures f;
  for (auto _ : state) {
    for (const Genome& g : s.pool) {
      ToMappingValue(s.space, g, m);
      benchmark::DoNotOptimize(
          engine::Evaluate(s.prepared, m, s.hw, s.options, ws, f).ok());
    }
  }
  state.SetItemsProcessed(state.iterations() * s.pool.size());
  state.counters["pool"] = static_cast<double>(s.pool.size());
  state.counters["search_candidates"] = static_cast<double>(s.candidates);
}

void BM_GammaSearch(benchmark::State& state, Layer layer, Semantics sem) {
  const Hardware hw = *HardwarePreset("pe256");
  const SearchOptions o = GammaOptions(sem, static_cast<int>(state.range(0)));
  int64_t candidates = 0, engine_evals = 0, hits = 0;
  for (auto _ : state) {
    absl::StatusOr<LayerSearch> r = SearchLayer(layer, LayerRole::kConv, hw, o);
    if (!r.ok()) {
      state.SkipWithError(std::string(r.status().message()).c_str());
      return;
    }
    candidates += r->stats.candidates;
    engine_evals += r->stats.engine_evals;
    hits += r->stats.cache_hits;
  }
  state.SetItemsProcessed(candidates);
  state.counters["engine_evals"] = benchmark::Counter(
      static_cast<double>(engine_evals), benchmark::Counter::kAvgIterations);
  state.counters["hit_pct"] =
      candidates ? 100.0 * static_cast<double>(hits) / candidates : 0;
}

#define MO_POOL_BENCH(name, layer, sem)                                        \
  BENCHMARK_CAPTURE(BM_SearchGenomes, name, layer, sem)->Apply(EngineThreads); \
  BENCHMARK_CAPTURE(BM_SearchGenomesPass, name, layer, sem)->Iterations(1);    \
  BENCHMARK_CAPTURE(BM_GammaSearch, name, layer, sem)                          \
      ->ArgName("threads")                                                     \
      ->Arg(1)                                                                 \
      ->Arg(2)                                                                 \
      ->MeasureProcessCPUTime()                                                \
      ->UseRealTime()                                                          \
      ->Unit(benchmark::kMillisecond)

MO_POOL_BENCH(vgg16_conv2_exact, kVgg, Semantics::kExact);
MO_POOL_BENCH(vgg16_conv2_maestro, kVgg, Semantics::kMaestro);
MO_POOL_BENCH(mnv2_dw_exact, kDw, Semantics::kExact);
MO_POOL_BENCH(mnv2_dw_maestro, kDw, Semantics::kMaestro);

}  // namespace
}  // namespace maestro::search

BENCHMARK_MAIN();
