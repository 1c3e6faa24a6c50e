// Speed of engine::HardwareSweep (docs/engine.md "Cases and their
// costing"): one mapping of one layer re-costed at many hardware points
// that share the PE array (256 PEs) and differ in L1/L2 size, NoC and
// off-chip bandwidth and the energy table. VGG16 conv2 (K=C=64, 226x226
// input, 3x3) under the library's nvdla and eyeriss dataflows, both
// semantics, 1 and 2 threads; next to it the same points through
// engine::Evaluate (what a sweep costs without the split). Items are
// hardware points.
//   build/benchmarks/hardware_sweep_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <random>
#include <vector>

#include "core/engine/fast_eval.h"
#include "core/engine/hardware_sweep.h"
#include "mappings/library.h"

namespace maestro::engine {
namespace {

Layer Vgg16Conv2() {
  Layer l;
  l.name = "vgg16_conv2";
  l.type = LayerType::kConv;
  l.Set(Dim::kN, 1)
      .Set(Dim::kK, 64)
      .Set(Dim::kC, 64)
      .Set(Dim::kY, 226)
      .Set(Dim::kX, 226)
      .Set(Dim::kR, 3)
      .Set(Dim::kS, 3);
  return l;
}

// The library dataflow resolved for the layer on `hw`, as a value.
MappingValue LibraryMapping(const char* name, const Layer& layer,
                            const Hardware& hw) {
  const DataflowLibraryFile* file = (*DataflowLibrary::Builtin())->Find(name);
  const Dataflow* df = *DataflowForLayer(*file, layer, LayerRole::kConv);
  const ResolvedMapping r = *ResolveDataflow(*df, layer, hw);
  MappingValue m;
  m.num_levels = static_cast<int>(r.levels.size());
  for (int l = 0; l < m.num_levels; ++l) {
    m.levels[l].num_units = r.levels[l].num_units;
    for (const Map& x : r.levels[l].maps) m.levels[l].Add(x);
  }
  return m;
}

// 4096 points of a grid-like sweep: buffers, bandwidths, energy scale.
std::vector<Hardware> Points(const Hardware& base) {
  std::mt19937_64 rng(1);
  std::vector<Hardware> ps;
  for (int i = 0; i < 4096; ++i) {
    Hardware h = base;
    h.noc_bw = 8 * (1 + static_cast<int64_t>(rng() % 32));
    h.offchip_bw = 4 * (1 + static_cast<int64_t>(rng() % 64));
    h.l1_size = 64 << (rng() % 6);
    h.l2_size = 16384 << (rng() % 8);
    h.energy.l2_read_pj *= 1.0 + static_cast<double>(rng() % 8) / 8;
    ps.push_back(h);
  }
  return ps;
}

struct Setup {
  Hardware hw = *HardwarePreset("pe256");
  Layer layer = Vgg16Conv2();
  AnalysisOptions options;
  PreparedLayer prepared;
  MappingValue mapping;
  std::vector<Hardware> points;
  Setup(const char* dataflow, Semantics sem) {
    options.semantics = sem;
    prepared = *PrepareLayer(layer, options);
    mapping = LibraryMapping(dataflow, layer, hw);
    points = Points(hw);
  }
};

void BM_HardwareSweep(benchmark::State& state, const char* dataflow,
                      Semantics sem) {
  const Setup s(dataflow, sem);  // per thread
  HardwareSweep sweep;
  if (!sweep.Prepare(s.prepared, s.mapping, s.hw, s.options).ok()) std::abort();
  Figures f;
  size_t i = state.thread_index() * 1031;
  int64_t errors = 0;
  for (auto _ : state) {
    errors += !sweep.Evaluate(s.points[i++ % s.points.size()], f).ok();
    benchmark::DoNotOptimize(f.runtime_cycles);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["errors"] = static_cast<double>(errors);
  // (Per thread: each has the same sweep.)
  state.counters["cases"] = benchmark::Counter(
      static_cast<double>(sweep.num_cases()), benchmark::Counter::kAvgThreads);
  state.counters["analysed_cases"] =
      benchmark::Counter(static_cast<double>(sweep.num_analysed_cases()),
                         benchmark::Counter::kAvgThreads);
}

// The same points through the whole fast path (what Evaluate did before).
void BM_EvaluatePerPoint(benchmark::State& state, const char* dataflow,
                         Semantics sem) {
  const Setup s(dataflow, sem);
  Workspace ws;
  Figures f;
  size_t i = state.thread_index() * 1031;
  for (auto _ : state) {
    benchmark::DoNotOptimize(engine::Evaluate(s.prepared, s.mapping,
                                              s.points[i++ % s.points.size()],
                                              s.options, ws, f));
  }
  state.SetItemsProcessed(state.iterations());
}

#define MO_BENCH(fn, name, df, sem) \
  BENCHMARK_CAPTURE(fn, name, df, sem)->Threads(1)->Threads(2)->UseRealTime()

MO_BENCH(BM_HardwareSweep, nvdla_exact, "nvdla", Semantics::kExact);
MO_BENCH(BM_HardwareSweep, nvdla_maestro, "nvdla", Semantics::kMaestro);
MO_BENCH(BM_HardwareSweep, eyeriss_exact, "eyeriss", Semantics::kExact);
MO_BENCH(BM_HardwareSweep, eyeriss_maestro, "eyeriss", Semantics::kMaestro);
MO_BENCH(BM_EvaluatePerPoint, nvdla_exact, "nvdla", Semantics::kExact);
MO_BENCH(BM_EvaluatePerPoint, nvdla_maestro, "nvdla", Semantics::kMaestro);
MO_BENCH(BM_EvaluatePerPoint, eyeriss_exact, "eyeriss", Semantics::kExact);
MO_BENCH(BM_EvaluatePerPoint, eyeriss_maestro, "eyeriss", Semantics::kMaestro);

}  // namespace
}  // namespace maestro::engine

BENCHMARK_MAIN();
