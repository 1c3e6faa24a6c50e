// Writes layers and dataflows back as `.m` text.
//
// Example:
//   std::string text = PrintMappingFile(file);            // re-parses equal
//   PrintOptions o;
//   o.evaluate_expressions = true;                        // for MAESTRO
//   absl::StatusOr<std::string> m = PrintMappingFileChecked(file, o);
//
// Output follows MAESTRO's own layout (`Layer NAME {`, `Type: CONV`,
// `Stride { X: 1, Y: 1 }`, `Dimensions { K: 64, ... }`, `Dataflow { ...; }`),
// which MAESTRO reads as long as every expression is plain (an integer or
// Sz(D)). With `evaluate_expressions`, every size/offset that is not plain
// is replaced by its value for the layer, so MAESTRO can read the result.
#ifndef MAESTRO_ONNX_CORE_DSL_PRINTER_H_
#define MAESTRO_ONNX_CORE_DSL_PRINTER_H_

#include <string>

#include "absl/status/statusor.h"
#include "core/dsl/mapping_file.h"

namespace maestro {

struct PrintOptions {
  // Replace non-plain expressions (ours: Stride(), + - * /, min, max,
  // Sz(Y')) by their value for each layer.
  bool evaluate_expressions = false;
  // Write every layer's Dataflow block, also the inherited ones (MAESTRO
  // needs one per layer).
  bool repeat_inherited_dataflows = true;
};

// The Dataflow block of one layer ("\t\tDataflow {\n ... \t\t}\n").
absl::StatusOr<std::string> PrintDataflow(const Dataflow& df,
                                          const Layer& layer,
                                          const PrintOptions& opts = {});

// One `Layer NAME { ... }` block.
absl::StatusOr<std::string> PrintLayer(const MappedLayer& ml,
                                       const PrintOptions& opts = {});

// The whole file. Fails only when an expression cannot be evaluated for
// its layer (with evaluate_expressions).
absl::StatusOr<std::string> PrintMappingFileChecked(
    const MappingFile& f, const PrintOptions& opts = {});

// PrintMappingFileChecked without expression evaluation (cannot fail).
std::string PrintMappingFile(const MappingFile& f);

// True when every directive is plain MAESTRO.
bool IsPlainMaestro(const Dataflow& df);

}  // namespace maestro

#endif  // MAESTRO_ONNX_CORE_DSL_PRINTER_H_
