// What a MAESTRO `.m` mapping file holds: a network of layers, each with
// the dataflow that maps it.
//
// Example:
//   absl::StatusOr<MappingFile> f = LoadMappingFile("Resnet50_kcp_ws.m");
//   for (const MappedLayer& ml : f->layers)
//     std::cout << ml.layer.name << ": " << ml.dataflow.directives.size();
//
// See core/dsl/parser.h for the reader and core/dsl/printer.h for the
// writer.
#ifndef MAESTRO_ONNX_CORE_DSL_MAPPING_FILE_H_
#define MAESTRO_ONNX_CORE_DSL_MAPPING_FILE_H_

#include <string>
#include <vector>

#include "core/layer.h"
#include "core/mapping.h"

namespace maestro {

struct MappedLayer {
  Layer layer;
  Dataflow dataflow;  // empty only for model files (ParseOptions)
  // True when the layer had no Dataflow block and reuses the previous
  // layer's (our extension; MAESTRO intends it but breaks).
  bool dataflow_inherited = false;
};

struct MappingFile {
  std::string network_name;  // as written after `Network` (may be empty)
  std::vector<MappedLayer> layers;
};

}  // namespace maestro

#endif  // MAESTRO_ONNX_CORE_DSL_MAPPING_FILE_H_
