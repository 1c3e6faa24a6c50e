// Hardware DSE throughput (docs/dse.md "Speed"):
// - BM_KernelOneLayer: engine::HardwareSweep::Evaluate alone, one layer
//   (ResNet-50's 3x3 conv of stage 2) with nvdla's mapping at 256 PEs,
//   over noc_bw x offchip_bw; one sweep per benchmark thread.
// - BM_SweepOneLayer: the whole sweep (RunSweep) of that layer over
//   pes=256, noc_bw=1:1000:1, offchip_bw=1:100:1 (10^5 design points, each
//   costed by an Evaluate), --threads 1 and 2: designs/s.
// - BM_SweepResnet50: RunSweep of all of ResNet-50 under nvdla over
//   pes=64:1024:64, noc_bw=8:256:8, offchip_bw=8:160:8 (10,240 points,
//   every one costed), --threads 1 and 2: wall time per sweep.
#include <benchmark/benchmark.h>

#include "core/engine/hardware_sweep.h"
#include "dse/sweep.h"
#include "frontend/onnx_frontend.h"
#include "mappings/library.h"
#include "pipeline/model_run.h"

namespace maestro::dse {
namespace {

const DseProblem& Resnet50() {
  static const DseProblem p = [] {
    DseProblem q;
    absl::StatusOr<frontend::ExtractedModel> m = frontend::LoadOnnxModel(
        std::string(MO_SOURCE_DIR) + "/models/resnet50.onnx", {});
    if (m.ok()) q.layers = JobLayersFromModel(*m);
    q.name = "resnet50";
    q.base = *HardwarePreset("pe256");
    return q;
  }();
  return p;
}

// The first 3x3 conv (R = 3) of the network.
DseProblem OneLayer() {
  DseProblem p = Resnet50();
  for (const JobLayer& l : p.layers) {
    if (l.layer.Get(Dim::kR) == 3 && l.layer.type == LayerType::kConv) {
      p.layers = {l};
      p.layers[0].layer.repeat = 1;
      break;
    }
  }
  return p;
}

void BM_KernelOneLayer(benchmark::State& state) {
  const DseProblem p = OneLayer();
  const AnalysisOptions options;
  absl::StatusOr<engine::PreparedLayer> pl =
      engine::PrepareLayer(p.layers[0].layer, options);
  const DataflowLibraryFile* df = (*DataflowLibrary::Builtin())->Find("nvdla");
  absl::StatusOr<const Dataflow*> block =
      DataflowForLayer(*df, p.layers[0].layer, p.layers[0].role);
  Hardware hw = p.base;
  absl::StatusOr<ResolvedMapping> rm =
      ResolveDataflow(**block, p.layers[0].layer, hw);
  absl::StatusOr<engine::MappingValue> mv = MappingValueOf(*rm);
  engine::HardwareSweep sweep;
  if (!pl.ok() || !mv.ok() || !sweep.Prepare(*pl, *mv, hw, options).ok()) {
    state.SkipWithError("prepare failed");
    return;
  }
  engine::Figures f;
  int64_t i = state.thread_index();
  for (auto _ : state) {
    hw.noc_bw = 1 + i % 1000;
    hw.offchip_bw = 1 + (i / 1000) % 100;
    ++i;
    benchmark::DoNotOptimize(sweep.Evaluate(hw, f));
    benchmark::DoNotOptimize(f.runtime_cycles);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_KernelOneLayer)->Threads(1)->Threads(2)->UseRealTime();

void RunAndCount(benchmark::State& state, const DseProblem& p,
                 const std::string& grid) {
  DseOptions o;
  o.grid = *ParseSweepGrid(grid);
  o.threads = static_cast<int>(state.range(0));
  int64_t points = 0;
  for (auto _ : state) {
    absl::StatusOr<DseResult> r = RunSweep(p, o);
    if (!r.ok()) {
      state.SkipWithError(std::string(r.status().message()).c_str());
      return;
    }
    points += r->points_evaluated;
    benchmark::DoNotOptimize(r->best.fig.runtime_cycles);
  }
  state.counters["designs_per_s"] = benchmark::Counter(
      static_cast<double>(points), benchmark::Counter::kIsRate);
  state.counters["points"] = static_cast<double>(points) / state.iterations();
}

void BM_SweepOneLayer(benchmark::State& state) {
  RunAndCount(state, OneLayer(), "pes=256,noc_bw=1:1000:1,offchip_bw=1:100:1");
}
BENCHMARK(BM_SweepOneLayer)
    ->Arg(1)
    ->Arg(2)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

void BM_SweepResnet50(benchmark::State& state) {
  RunAndCount(state, Resnet50(),
              "pes=64:1024:64,noc_bw=8:256:8,offchip_bw=8:160:8");
}
BENCHMARK(BM_SweepResnet50)
    ->Arg(1)
    ->Arg(2)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

}  // namespace
}  // namespace maestro::dse

BENCHMARK_MAIN();
