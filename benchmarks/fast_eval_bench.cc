// Speed of one engine evaluation from a search loop (docs/search.md
// "Measured", docs/engine.md): the fast path (genome -> MappingValue ->
// engine::Evaluate with a per-thread workspace) against the reporting path
// (genome -> ResolvedMapping -> AnalyzeLayer), on VGG16 conv2 (K=C=64,
// 226x226 input, 3x3) and MobileNetV2's depthwise 3x3 (C=144, 58x58 input),
// pe256, both semantics, 1, 2 and all threads (spec T8; all = 2 on a 2-core
// machine), over 4096 genomes from the search's own operators (half uniform
// random genomes of 1-3 levels, half GAMMA offspring of them). No cache: every
// iteration is an engine call.
//   build/benchmarks/fast_eval_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <memory>
#include <vector>

#include "benchmarks/pool_timing.h"
#include "core/engine/fast_eval.h"
#include "search/evaluator.h"
#include "search/operators.h"
#include "search/rng.h"
#include "tests/core/layers_testlib.h"

namespace maestro::search {
namespace {

using test_support::Conv;  // K C Y(=X) R(=S)

const Layer kVgg = Conv("vgg16_conv2", 64, 64, 226, 3);
const Layer kDw = test_support::Dw("mnv2_dw_c144_56", 144, 58, 3);

// A pass benchmark: one iteration (fixed work, for instruction counts).
#define MO_PASS(fn, name, layer, sem) \
  BENCHMARK_CAPTURE(fn, name, layer, sem)->Iterations(1)

std::vector<Genome> Pool(const SearchSpace& s) {
  constexpr int kN = 4096;
  std::vector<Genome> gs;
  for (uint64_t i = 0; i < kN / 2; ++i) {
    Rng rng = Rng::For(1, 0, 0, i, Op::kRandom);
    gs.push_back(RandomGenome(s, 1 + i % 3, rng));
  }
  for (uint64_t i = 0; gs.size() < kN; ++i) {
    gs.push_back(Offspring(s, gs[i % (kN / 2)], gs[(i * 7 + 3) % (kN / 2)],
                           {1, 1, 1, i}));
  }
  return gs;
}

struct Setup : EvalPool {
  Setup(const Layer& layer, Semantics sem) {
    Prepare(layer, sem);
    pool = Pool(space);
  }
};

void BM_FastEval(benchmark::State& state, Layer layer, Semantics sem) {
  static thread_local std::unique_ptr<Setup> setup;  // per thread, once
  if (!setup || setup->space.layer.name != layer.name ||
      setup->options.semantics != sem) {
    setup = std::make_unique<Setup>(layer, sem);
  }
  const Setup& s = *setup;
  TimeEvaluations(state, s);
}

// One pass over the whole pool per iteration (fixed work per iteration:
// for instruction counts, callgrind
// --toggle-collect=maestro::engine::Evaluate*).
void BM_FastEvalPass(benchmark::State& state, Layer layer, Semantics sem) {
  const Setup s(layer, sem);
  engine::Workspace ws;
  engine::MappingValue m;
  engine::Figures f;
  int64_t analyses = 0, cases = 0;
  for (auto _ : state) {
    for (const Genome& g : s.pool) {
      ToMappingValue(s.space, g, m);
      benchmark::DoNotOptimize(
          engine::Evaluate(s.prepared, m, s.hw, s.options, ws, f).ok());
      // The level analyses and cases this evaluation recorded.
      const engine::CaseBook& book =
          f.loop_nest ? ws.exact.book : ws.level.book;
      analyses += book.num_analyses();
      for (int a = 0; a < book.num_analyses(); ++a) {
        cases += static_cast<int64_t>(book.Cases(a).size());
      }
    }
  }
  const double evals = static_cast<double>(state.iterations() * s.pool.size());
  state.SetItemsProcessed(state.iterations() * s.pool.size());
  state.counters["analyses"] = static_cast<double>(analyses) / evals;
  state.counters["cases"] = static_cast<double>(cases) / evals;
}
MO_PASS(BM_FastEvalPass, vgg16_conv2_exact, kVgg, Semantics::kExact);
MO_PASS(BM_FastEvalPass, mnv2_dw_exact, kDw, Semantics::kExact);
MO_PASS(BM_FastEvalPass, vgg16_conv2_maestro, kVgg, Semantics::kMaestro);
MO_PASS(BM_FastEvalPass, mnv2_dw_maestro, kDw, Semantics::kMaestro);

// Not a timing: how many of a pass's recorded cases cost alike at any
// hardware (CaseBook::CompactFrom merges them), per evaluation.
void BM_CaseClasses(benchmark::State& state, Layer layer, Semantics sem) {
  const Setup s(layer, sem);
  engine::Workspace ws;
  engine::MappingValue m;
  engine::Figures f;
  engine::CaseBook merged;
  int64_t cases = 0, classes = 0;
  for (auto _ : state) {
    for (const Genome& g : s.pool) {
      ToMappingValue(s.space, g, m);
      if (!engine::Evaluate(s.prepared, m, s.hw, s.options, ws, f).ok()) {
        continue;
      }
      const engine::CaseBook& book =
          f.loop_nest ? ws.exact.book : ws.level.book;
      merged.CompactFrom(book);
      for (int a = 0; a < book.num_analyses(); ++a) {
        cases += static_cast<int64_t>(book.Cases(a).size());
        classes += static_cast<int64_t>(merged.Cases(a).size());
      }
    }
  }
  const double evals = static_cast<double>(state.iterations() * s.pool.size());
  state.counters["cases"] = static_cast<double>(cases) / evals;
  state.counters["classes"] = static_cast<double>(classes) / evals;
}
MO_PASS(BM_CaseClasses, vgg16_conv2_exact, kVgg, Semantics::kExact);
MO_PASS(BM_CaseClasses, mnv2_dw_exact, kDw, Semantics::kExact);
MO_PASS(BM_CaseClasses, vgg16_conv2_maestro, kVgg, Semantics::kMaestro);
MO_PASS(BM_CaseClasses, mnv2_dw_maestro, kDw, Semantics::kMaestro);

// The same pass through AnalyzeLayer (the reporting path).
void BM_AnalyzeLayerPass(benchmark::State& state, Layer layer, Semantics sem) {
  const Setup s(layer, sem);
  for (auto _ : state) {
    for (const Genome& g : s.pool) {
      benchmark::DoNotOptimize(
          AnalyzeLayer(s.space.layer, ToResolved(s.space, g), s.hw, s.options));
    }
  }
  state.SetItemsProcessed(state.iterations() * s.pool.size());
}
MO_PASS(BM_AnalyzeLayerPass, vgg16_conv2_exact, kVgg, Semantics::kExact);
MO_PASS(BM_AnalyzeLayerPass, mnv2_dw_exact, kDw, Semantics::kExact);

void BM_AnalyzeLayer(benchmark::State& state, Layer layer, Semantics sem) {
  static thread_local std::unique_ptr<Setup> setup;
  if (!setup || setup->space.layer.name != layer.name ||
      setup->options.semantics != sem) {
    setup = std::make_unique<Setup>(layer, sem);
  }
  const Setup& s = *setup;
  size_t i = state.thread_index() * 1031;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        AnalyzeLayer(s.space.layer, ToResolved(s.space, s.pool[i++ % 4096]),
                     s.hw, s.options));
  }
  state.SetItemsProcessed(state.iterations());
}

#define MO_BENCH(fn, name, layer, sem) \
  BENCHMARK_CAPTURE(fn, name, layer, sem)->Apply(EngineThreads)

MO_BENCH(BM_FastEval, vgg16_conv2_exact, kVgg, Semantics::kExact);
MO_BENCH(BM_FastEval, vgg16_conv2_maestro, kVgg, Semantics::kMaestro);
MO_BENCH(BM_FastEval, mnv2_dw_exact, kDw, Semantics::kExact);
MO_BENCH(BM_FastEval, mnv2_dw_maestro, kDw, Semantics::kMaestro);
MO_BENCH(BM_AnalyzeLayer, vgg16_conv2_exact, kVgg, Semantics::kExact);
MO_BENCH(BM_AnalyzeLayer, mnv2_dw_exact, kDw, Semantics::kExact);

}  // namespace
}  // namespace maestro::search

BENCHMARK_MAIN();
