// libFuzzer target over the ONNX frontend: model bytes in, layers or one
// error out, never a crash, hang or unbounded allocation.
//
//   CC=clang CXX=clang++ cmake -S . -B build-fuzz-onnx -G Ninja \
//       -DMO_BUILD_FUZZERS=ON -DMO_BUILD_TESTS=OFF -DMO_BUILD_BENCHMARKS=OFF
//   cmake --build build-fuzz-onnx --target onnx_loader_fuzzer
//   build-fuzz-onnx/fuzz/onnx_loader_fuzzer -rss_limit_mb=2048 -timeout=5 \
//       CORPUS_DIR tests/frontend/data
#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "frontend/layer_report.h"
#include "frontend/onnx_frontend.h"
#include "frontend/tensor_data_skipper.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  maestro::frontend::FrontendOptions options;
  options.require_known_shapes = (size % 2) == 0;
  auto m = maestro::frontend::LoadOnnxModelFromBytes(
      absl::string_view(reinterpret_cast<const char*>(data), size), "fuzz.onnx",
      options);
  if (m.ok()) {
    // The printers walk every field of the result.
    (void)maestro::frontend::FormatLayers(
        *m, maestro::frontend::ReportFormat::kJson);
    (void)maestro::frontend::FormatLayers(
        *m, maestro::frontend::ReportFormat::kTable);
  }
  // The tensor-data skipper (used on files over 512 KB) with small bounds,
  // so that small inputs reach it; its output must load like any model.
  std::string small;
  int64_t skipped = 0;
  if (maestro::frontend::SkipLargeTensorData(
          absl::string_view(reinterpret_cast<const char*>(data), size), 16, 16,
          &small, &skipped)) {
    (void)maestro::frontend::LoadOnnxModelFromBytes(small, "fuzz.onnx",
                                                    options);
  }
  return 0;
}
