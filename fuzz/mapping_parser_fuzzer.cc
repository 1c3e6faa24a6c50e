// libFuzzer target for the mapping language: MAESTRO .m files, dataflow
// library files, resolution against presets and the printer round trip.
// Run (see docs/mapping-language.md, "Fuzzing"):
//   build-fuzz/fuzz/mapping_parser_fuzzer -max_len=4096 -timeout=2 CORPUS
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "core/dsl/dataflow_library.h"
#include "core/dsl/parser.h"
#include "core/dsl/printer.h"
#include "core/hardware.h"
#include "core/mapping.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace maestro;
  absl::string_view text(reinterpret_cast<const char*>(data), size);
  static const Hardware kHw[] = {*HardwarePreset("pe256"),
                                 *HardwarePreset("tiny4")};
  for (bool model : {false, true}) {
    ParseOptions opts;
    opts.allow_missing_dataflow = model;
    absl::StatusOr<MappingFile> f = ParseMappingFile(text, "fuzz.m", opts);
    if (!f.ok()) continue;
    for (const MappedLayer& ml : f->layers) {
      for (const Hardware& hw : kHw) {
        (void)ResolveDataflow(ml.dataflow, ml.layer, hw);
      }
    }
    // The printer's output must parse again to the same layers.
    std::string printed = PrintMappingFile(*f);
    absl::StatusOr<MappingFile> g =
        ParseMappingFile(printed, "printed.m", opts);
    if (!g.ok() || g->layers.size() != f->layers.size()) abort();
    for (size_t i = 0; i < f->layers.size(); ++i) {
      if (g->layers[i].layer.dims != f->layers[i].layer.dims ||
          g->layers[i].layer.name != f->layers[i].layer.name ||
          !(g->layers[i].dataflow.directives ==
            f->layers[i].dataflow.directives)) {
        abort();
      }
    }
    PrintOptions eval;
    eval.evaluate_expressions = true;
    (void)PrintMappingFileChecked(*f, eval);
  }
  (void)ParseDataflowLibraryFile(text, "fuzz.m");
  return 0;
}
