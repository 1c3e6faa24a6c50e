// Whole networks through the main job: ONNX loading + extraction, and the
// analysis of every layer under every library dataflow.
//
//   ./build/benchmarks/network_bench
// The target: the whole process for weightless resnet50 with all
// library dataflows under 100 ms (time that with hyperfine; see README).
#include "benchmark/benchmark.h"
#include "mappings/library.h"
#include "pipeline/model_run.h"

namespace maestro {
namespace {

const std::string kRoot = MO_SOURCE_DIR;

void BM_LoadOnnx(benchmark::State& state, const char* model) {
  for (auto _ : state) {
    auto m = frontend::LoadOnnxModel(kRoot + "/models/" + model + ".onnx", {});
    if (!m.ok()) state.SkipWithError(std::string(m.status().message()).c_str());
    benchmark::DoNotOptimize(m);
  }
}
BENCHMARK_CAPTURE(BM_LoadOnnx, resnet50, "resnet50")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LoadOnnx, vit_b_16, "vit_b_16")->Unit(benchmark::kMillisecond);

void BM_AnalyzeAllDataflows(benchmark::State& state, const char* model) {
  auto lib = DataflowLibrary::Builtin();
  auto dfs = (*lib)->Select("all");
  auto hw = HardwarePreset(kDefaultHardwarePreset);
  auto m = frontend::LoadOnnxModel(kRoot + "/models/" + model + ".onnx", {});
  if (!m.ok() || !dfs.ok() || !hw.ok()) {
    state.SkipWithError("setup failed");
    return;
  }
  std::vector<JobLayer> layers = JobLayersFromModel(*m);
  JobOptions job;
  job.threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    auto runs = RunNetwork(layers, *dfs, *hw, job);
    benchmark::DoNotOptimize(runs);
  }
  state.counters["layers"] = static_cast<double>(layers.size());
  state.counters["dataflows"] = static_cast<double>(dfs->size());
}
BENCHMARK_CAPTURE(BM_AnalyzeAllDataflows, resnet50, "resnet50")
    ->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_AnalyzeAllDataflows, vgg16, "vgg16")
    ->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_AnalyzeAllDataflows, vit_b_16, "vit_b_16")
    ->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace maestro

BENCHMARK_MAIN();
