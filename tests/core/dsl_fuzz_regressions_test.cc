// Inputs the fuzzers (fuzz/*parser_fuzzer.cc) found crashing or breaking an
// invariant; each must now give a value (ok or an error) and keep the
// invariants the fuzzers check.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/dsl/dataflow_library.h"
#include "core/dsl/parser.h"
#include "core/dsl/printer.h"
#include "core/hardware.h"
#include "core/mapping.h"
#include "gtest/gtest.h"

namespace maestro {
namespace {

namespace fs = std::filesystem;

std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(DslFuzzRegressions, MappingInputs) {
  const Hardware hws[] = {*HardwarePreset("pe256"), *HardwarePreset("tiny4")};
  int n = 0;
  for (const auto& e : fs::directory_iterator(
           std::string(MO_SOURCE_DIR) + "/tests/data/dsl/fuzz_regressions")) {
    if (e.path().filename().string().rfind("map-", 0) != 0) continue;
    const std::string text = Read(e.path());
    for (bool model : {false, true}) {
      ParseOptions opts;
      opts.allow_missing_dataflow = model;
      absl::StatusOr<MappingFile> f = ParseMappingFile(text, "fuzz.m", opts);
      if (!f.ok()) {
        EXPECT_NE(f.status().message().find("error:"), absl::string_view::npos);
        continue;
      }
      for (const MappedLayer& ml : f->layers) {
        for (const Hardware& hw : hws)
          (void)ResolveDataflow(ml.dataflow, ml.layer, hw);
      }
      std::string printed = PrintMappingFile(*f);
      absl::StatusOr<MappingFile> g =
          ParseMappingFile(printed, "printed.m", opts);
      ASSERT_TRUE(g.ok()) << e.path() << ": " << g.status() << "\n" << printed;
      ASSERT_EQ(g->layers.size(), f->layers.size()) << e.path();
      for (size_t i = 0; i < f->layers.size(); ++i) {
        EXPECT_EQ(g->layers[i].layer.name, f->layers[i].layer.name) << e.path();
        EXPECT_EQ(g->layers[i].layer.dims, f->layers[i].layer.dims) << e.path();
        EXPECT_EQ(g->layers[i].dataflow.directives,
                  f->layers[i].dataflow.directives)
            << e.path() << " layer " << i;
      }
      PrintOptions eval;
      eval.evaluate_expressions = true;
      (void)PrintMappingFileChecked(*f, eval);
    }
    (void)ParseDataflowLibraryFile(text, "fuzz.m");
    ++n;
  }
  EXPECT_GE(n, 1);
}

TEST(DslFuzzRegressions, HardwareInputs) {
  for (const auto& e : fs::directory_iterator(
           std::string(MO_SOURCE_DIR) + "/tests/data/dsl/fuzz_regressions")) {
    if (e.path().filename().string().rfind("hw-", 0) != 0) continue;
    absl::StatusOr<Hardware> hw = ParseHardwareText(Read(e.path()), "fuzz.hw");
    if (hw.ok()) EXPECT_TRUE(ValidateHardware(*hw).ok()) << e.path();
  }
}

}  // namespace
}  // namespace maestro
