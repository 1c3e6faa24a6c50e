// The timed loop shared by the engine-throughput benchmarks
// (fast_eval_bench's random pool, search_genomes_bench's recorded search
// genomes), so that their items/s measure the same work: per iteration one
// genome of the pool through search::ToMappingValue and engine::Evaluate,
// each thread starting at its own offset in the pool.
//
// Example:
//   void BM_X(benchmark::State& state) {
//     const Setup& s = ...;  // space, pool, prepared, hw, options
//     TimeEvaluations(state, s);
//   }
#ifndef MAESTRO_ONNX_BENCHMARKS_POOL_TIMING_H_
#define MAESTRO_ONNX_BENCHMARKS_POOL_TIMING_H_

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>

#include "core/engine/fast_eval.h"
#include "search/genome.h"

namespace maestro::search {

// `s` has `space`, `pool` (genomes), `prepared`, `hw` and `options`.
template <typename PoolSetup>
void TimeEvaluations(benchmark::State& state, const PoolSetup& s) {
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

}  // namespace maestro::search

#endif  // MAESTRO_ONNX_BENCHMARKS_POOL_TIMING_H_
