// Where a layer, directive or hardware key came from, for diagnostics.
//
// Example:
//   SourceLocation loc{.file = "net.m", .line = 12, .column = 5};
//   std::string s = loc.ToString();   // "net.m:12:5"
//   SourceLocation onnx{.onnx_node = "/layer1/conv", .onnx_op = "Conv"};
//   onnx.ToString();                  // "node '/layer1/conv' (Conv)"
#ifndef MAESTRO_ONNX_CORE_SOURCE_LOCATION_H_
#define MAESTRO_ONNX_CORE_SOURCE_LOCATION_H_

#include <string>

namespace maestro {

struct SourceLocation {
  std::string file;  // path of a text file, or of the .onnx model
  int line = 0;      // 1-based; 0 = unknown
  int column = 0;    // 1-based; 0 = unknown
  std::string onnx_node;  // ONNX node name, when the layer came from a model
  std::string onnx_op;    // ONNX op type, e.g. "Conv", "MatMul"

  // "file:line:col", "file:line", "file", or "node 'n' (Op)"; "" when empty.
  std::string ToString() const;
};

}  // namespace maestro

#endif  // MAESTRO_ONNX_CORE_SOURCE_LOCATION_H_
