// The timed loop shared by the engine-throughput benchmarks
// (fast_eval_bench's random pool, search_genomes_bench's recorded search
// genomes), so that their items/s measure the same work: per iteration one
// genome of the pool through search::ToMappingValue and engine::Evaluate,
// each thread starting at its own offset in the pool.
//
// Example:
//   EvalPool p;
//   p.Prepare(layer, Semantics::kExact);  // pe256, its search space
//   p.pool = ...;                          // the genomes to time
//   TimeEvaluations(state, p);
#ifndef MAESTRO_ONNX_BENCHMARKS_POOL_TIMING_H_
#define MAESTRO_ONNX_BENCHMARKS_POOL_TIMING_H_

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <thread>
#include <vector>

#include "core/engine/fast_eval.h"
#include "core/hardware.h"
#include "search/genome.h"

namespace maestro::search {

// A layer prepared for the fast path on pe256, with genomes to evaluate.
struct EvalPool {
  Hardware hw = *HardwarePreset("pe256");
  SearchSpace space;
  AnalysisOptions options;
  engine::PreparedLayer prepared;
  std::vector<Genome> pool;

  void Prepare(const Layer& layer, Semantics sem) {
    space = *MakeSearchSpace(layer, hw, {});
    options.semantics = sem;
    prepared = *engine::PrepareLayer(layer, options);
  }
};

inline void TimeEvaluations(benchmark::State& state, const EvalPool& s) {
  engine::Workspace ws;
  engine::MappingValue m;
  engine::Figures f;
  size_t i = state.thread_index() * 1031;
  int64_t errors = 0;
  for (auto _ : state) {
    ToMappingValue(s.space, s.pool[i++ % s.pool.size()], m);
    errors += !engine::Evaluate(s.prepared, m, s.hw, s.options, ws, f).ok();
    benchmark::DoNotOptimize(f.runtime_cycles);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["errors"] = static_cast<double>(errors);
}

// Spec T8's thread counts: 1, 2 and all cores (when more than 2).
inline void EngineThreads(benchmark::internal::Benchmark* b) {
  b->Threads(1)->Threads(2);
  const int all = static_cast<int>(std::thread::hardware_concurrency());
  if (all > 2) b->Threads(all);
  b->UseRealTime();
}

}  // namespace maestro::search

#endif  // MAESTRO_ONNX_BENCHMARKS_POOL_TIMING_H_
