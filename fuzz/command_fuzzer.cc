// libFuzzer target over the whole command path, in-process: what the
// program does with a file, from opening it (under a path holding a
// non-UTF-8 byte) to every output writer, JSON included. The first byte
// picks the input kind, the rest is the file:
//   0: an ONNX model  -> RunModel (ykp_os and nvdla), table, CSV, JSON,
//                        baseline written and compared, layers table/JSON
//   1: a .m mapping   -> LoadMappingFile, AnalyzeMappingFile, table/CSV/JSON
//   2: a hardware file (MAESTRO .m or JSON) -> LoadHardwareFile, one eval
//   3: a --baseline file -> LoadJsonFile, CompareWithBaseline
//   4: a --dataflow file -> LoadUserDataflowFile, RunModel on a tiny model
// Crashes, leaks, hangs and unbounded allocations are findings.
//
//   CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja \
//       -DMO_BUILD_FUZZERS=ON -DMO_BUILD_TESTS=OFF -DMO_BUILD_BENCHMARKS=OFF
//   cmake --build build-fuzz --target command_fuzzer
//   build-fuzz/fuzz/command_fuzzer -rss_limit_mb=2048 -timeout=10 -jobs=1 \
//       -max_len=65536 NEW_CORPUS fuzz/corpus/command
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <sstream>
#include <string>

#include "core/dsl/parser.h"
#include "core/engine/network.h"
#include "core/hardware.h"
#include "core/report/json_text.h"
#include "core/report/result_csv.h"
#include "core/report/result_json.h"
#include "core/report/result_table.h"
#include "frontend/layer_report.h"
#include "mappings/library.h"
#include "pipeline/baseline.h"
#include "pipeline/model_run.h"
#include "pipeline/network_report.h"

namespace {

using namespace maestro;

// A path with a byte that is not UTF-8 (it reaches every report).
std::string WriteInput(absl::string_view bytes, const char* ext) {
  static const std::string dir = [] {
    char tmpl[] = "/tmp/mo_fuzz_XXXXXX";
    const char* d = mkdtemp(tmpl);
    return std::string(d ? d : "/tmp");
  }();
  const std::string path = dir + "/in\xff" + ext;
  FILE* f = fopen(path.c_str(), "wb");
  if (!f) abort();
  if (!bytes.empty() &&
      fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size()) {
    abort();
  }
  fclose(f);
  return path;
}

const Hardware& SmallHw() {
  static const Hardware hw = *HardwarePreset("tiny16");
  return hw;
}

std::vector<DataflowLibraryFile> Dataflows(const char* names) {
  return *(*DataflowLibrary::Builtin())->Select(names);
}

void WriteEveryModelReport(const std::vector<ModelRun>& runs,
                           const Hardware& hw) {
  std::ostringstream os;
  WriteRunsTable(runs, hw, os);
  WriteRunsCsv(runs, os);
  nlohmann::ordered_json json = RunsToJson(runs, hw);
  (void)DumpJson(json, 1);
  nlohmann::ordered_json base = MakeBaseline(json);
  (void)DumpJson(base, 1);
  (void)CompareWithBaseline(base, base, 0);
  for (const ModelRun& r : runs) {
    (void)frontend::FormatLayers(r.model, frontend::ReportFormat::kJson);
    (void)frontend::FormatLayers(r.model, frontend::ReportFormat::kTable);
  }
}

void RunOnnx(const std::string& path,
             const std::vector<DataflowLibraryFile>& dfs) {
  frontend::FrontendOptions fo;
  JobOptions job;
  job.threads = 1;
  absl::StatusOr<ModelRun> r = RunModel(path, fo, dfs, SmallHw(), job);
  if (!r.ok()) return;
  WriteEveryModelReport({*std::move(r)}, SmallHw());
}

void WriteEveryResultReport(const Hardware& hw, const MappingFile& f) {
  absl::StatusOr<NetworkResult> net = AnalyzeMappingFile(f, hw, {});
  if (!net.ok()) return;
  std::vector<NetworkResult> nets = {*std::move(net)};
  std::vector<std::vector<Layer>> layers(1);
  for (const MappedLayer& ml : f.layers) layers[0].push_back(ml.layer);
  std::ostringstream os;
  WriteResultsTable(hw, nets, os);
  WriteResultsCsv(nets, os);
  (void)DumpJson(ResultsToJson(hw, nets, &layers), 2);
}

constexpr absl::string_view kTinyMapping =
    "Network n {\nLayer L {\nType: CONV\nDimensions { K: 4, C: 4, R: 3, S: 3, "
    "Y: 8, X: 8 }\nDataflow {\nSpatialMap(1,1) K;\nTemporalMap(1,1) C;\n"
    "TemporalMap(Sz(R),Sz(R)) R;\nTemporalMap(Sz(S),Sz(S)) S;\n"
    "TemporalMap(Sz(R),1) Y;\nTemporalMap(Sz(S),1) X;\n}\n}\n}\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const int kind = data[0] % 5;
  absl::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (kind) {
    case 0:
      RunOnnx(WriteInput(body, ".onnx"), Dataflows("ykp_os,nvdla"));
      break;
    case 1: {
      absl::StatusOr<MappingFile> f = LoadMappingFile(WriteInput(body, ".m"));
      if (f.ok()) WriteEveryResultReport(SmallHw(), *f);
      break;
    }
    case 2: {
      absl::StatusOr<Hardware> hw = LoadHardwareFile(WriteInput(body, ".m"));
      if (!hw.ok() || !ValidateHardware(*hw).ok()) break;
      absl::StatusOr<MappingFile> f = ParseMappingFile(kTinyMapping, "tiny.m");
      if (f.ok()) WriteEveryResultReport(*hw, *f);
      break;
    }
    case 3: {
      absl::StatusOr<nlohmann::ordered_json> b =
          LoadJsonFile(WriteInput(body, ".json"));
      if (!b.ok()) break;
      (void)CompareWithBaseline(*b, *b, 0.005);
      (void)DumpJson(*b, 1);
      break;
    }
    case 4: {
      absl::StatusOr<DataflowLibraryFile> df =
          LoadUserDataflowFile(WriteInput(body, ".m"));
      if (!df.ok()) break;
      static const std::string model =
          std::string(MO_SOURCE_DIR) + "/tests/frontend/data/small_net.onnx";
      RunOnnx(model, {*std::move(df)});
      break;
    }
  }
  return 0;
}
