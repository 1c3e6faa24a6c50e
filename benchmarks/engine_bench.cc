// Speed of the cost engine: one layer under each shipped dataflow style
// (maestro semantics, mapping resolved beforehand), and whole mapping files.
//   build/benchmarks/engine_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <string>

#include "core/dsl/parser.h"
#include "core/engine/network.h"

namespace maestro {
namespace {

const std::string kMap =
    std::string(MO_SOURCE_DIR) + "/tests/data/maestro/inputs/mapping/";

Hardware Acc1() {
  Hardware hw;
  hw.name = "accelerator_1";
  hw.num_pes = 256;
  hw.l1_size = 100;
  hw.l2_size = 3000;
  hw.noc_bw = 1000;
  hw.offchip_bw = 50;
  hw.noc_latency = 1;
  return hw;
}

// One layer of `file` (a 3x3 CONV of ResNet-50 unless said otherwise).
void BM_Layer(benchmark::State& state, const std::string& file, int index,
              Semantics sem) {
  absl::StatusOr<MappingFile> f = LoadMappingFile(kMap + file);
  if (!f.ok() || index >= static_cast<int>(f->layers.size())) {
    state.SkipWithError(f.ok() ? "no such layer"
                               : f.status().ToString().c_str());
    return;
  }
  const Hardware hw = Acc1();
  const MappedLayer& ml = f->layers[index];
  absl::StatusOr<ResolvedMapping> m =
      ResolveDataflow(ml.dataflow, ml.layer, hw);
  if (!m.ok()) {
    state.SkipWithError(m.status().ToString().c_str());
    return;
  }
  AnalysisOptions o;
  o.semantics = sem;
  for (auto _ : state) {
    absl::StatusOr<LayerResult> r = AnalyzeLayer(ml.layer, *m, hw, o);
    benchmark::DoNotOptimize(r);
  }
  state.SetLabel(ml.layer.name);
}

// The library's ykp_os (mappings/ykp_os.m) on ResNet-50's CONV2_1_2: the
// shipped *_ykp_os files are rejected by MAESTRO's own parser.
void BM_YkpOs(benchmark::State& state) {
  const char* text = R"(Network N { Layer CONV2_1_2 { Type: CONV
    Dimensions { K: 64, C: 64, R: 3, S: 3, Y: 56, X: 56 }
    Dataflow { TemporalMap(16,16) K; SpatialMap(Sz(R),1) Y;
      TemporalMap(Sz(S),1) X; TemporalMap(1,1) C; Cluster(16, P);
      SpatialMap(1,1) K; TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S; } } })";
  absl::StatusOr<MappingFile> f = ParseMappingFile(text, "ykp_os.m");
  const Hardware hw = Acc1();
  absl::StatusOr<ResolvedMapping> m =
      f.ok() ? ResolveDataflow(f->layers[0].dataflow, f->layers[0].layer, hw)
             : absl::StatusOr<ResolvedMapping>(f.status());
  if (!m.ok()) {
    state.SkipWithError(m.status().ToString().c_str());
    return;
  }
  AnalysisOptions o;
  o.semantics = Semantics::kMaestro;
  for (auto _ : state) {
    absl::StatusOr<LayerResult> r = AnalyzeLayer(f->layers[0].layer, *m, hw, o);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_YkpOs);

void BM_File(benchmark::State& state, const std::string& file, bool parse,
             Semantics sem) {
  const Hardware hw = Acc1();
  absl::StatusOr<MappingFile> f = LoadMappingFile(kMap + file);
  if (!f.ok()) {
    state.SkipWithError(f.status().ToString().c_str());
    return;
  }
  AnalysisOptions o;
  o.semantics = sem;
  for (auto _ : state) {
    if (parse) f = LoadMappingFile(kMap + file);
    absl::StatusOr<NetworkResult> n = AnalyzeMappingFile(*f, hw, o);
    benchmark::DoNotOptimize(n);
  }
  state.counters["layers"] = static_cast<double>(f->layers.size());
  state.counters["per_layer"] =
      benchmark::Counter(static_cast<double>(f->layers.size()),
                         benchmark::Counter::kIsIterationInvariantRate |
                             benchmark::Counter::kInvert);
}

constexpr Semantics kM = Semantics::kMaestro;
constexpr Semantics kE = Semantics::kExact;

BENCHMARK_CAPTURE(BM_Layer, kcp_ws, std::string("Resnet50_kcp_ws.m"), 2, kM);
BENCHMARK_CAPTURE(BM_Layer, xp_ws, std::string("Resnet50_xp_ws.m"), 2, kM);
BENCHMARK_CAPTURE(BM_Layer, yxp_os, std::string("Resnet50_yxp_os.m"), 2, kM);
BENCHMARK_CAPTURE(BM_Layer, nlr, std::string("Resnet50_nlr.m"), 2, kM);
BENCHMARK_CAPTURE(BM_Layer, rs, std::string("Resnet50_rs.m"), 2, kM);
BENCHMARK_CAPTURE(BM_Layer, maeri, std::string("Resnet50_gen_maeri_ascii.m"), 2,
                  kM);
BENCHMARK_CAPTURE(BM_Layer, kcp_ws_exact, std::string("Resnet50_kcp_ws.m"), 2,
                  kE);
BENCHMARK_CAPTURE(BM_Layer, xp_ws_exact, std::string("Resnet50_xp_ws.m"), 2,
                  kE);
BENCHMARK_CAPTURE(BM_Layer, yxp_os_exact, std::string("Resnet50_yxp_os.m"), 2,
                  kE);
BENCHMARK_CAPTURE(BM_Layer, nlr_exact, std::string("Resnet50_nlr.m"), 2, kE);
BENCHMARK_CAPTURE(BM_File, Resnet50_kcp_ws, std::string("Resnet50_kcp_ws.m"),
                  false, kM);
BENCHMARK_CAPTURE(BM_File, Resnet50_kcp_ws_with_parse,
                  std::string("Resnet50_kcp_ws.m"), true, kM);
BENCHMARK_CAPTURE(BM_File, Resnet50_rs, std::string("Resnet50_rs.m"), false,
                  kM);
BENCHMARK_CAPTURE(BM_File, Resnet50_kcp_ws_exact,
                  std::string("Resnet50_kcp_ws.m"), false, kE);
BENCHMARK_CAPTURE(BM_File, Resnet50_yxp_os_exact,
                  std::string("Resnet50_yxp_os.m"), false, kE);

}  // namespace
}  // namespace maestro

BENCHMARK_MAIN();
