// Reads a .onnx file into a ModelProto without copying it first: the file is
// memory-mapped, the contents of large tensors (inline weights, hundreds of
// MB) are skipped at the wire level (frontend/tensor_data_skipper.h: only
// their dims are kept) and the rest is parsed through a CodedInputStream
// whose total-bytes limit is protobuf's 2 GB maximum. External data files
// are never opened.
//
// Example:
//   onnx::ModelProto m;
//   absl::Status s = ReadModelFile("vgg16.onnx", &m);
//   // s: "vgg16.onnx: not an ONNX model: ..." on bad input
#ifndef MAESTRO_ONNX_FRONTEND_MODEL_READER_H_
#define MAESTRO_ONNX_FRONTEND_MODEL_READER_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "onnx/onnx_pb.h"

namespace maestro::frontend {

// `skipped_bytes` (optional) receives the inline tensor bytes left unparsed.
absl::Status ReadModelFile(const std::string& path, onnx::ModelProto* model,
                           int64_t* skipped_bytes = nullptr);

// Parses and checks the envelope (a graph with at most kMaxGraphNodes nodes,
// an IR version). `name` prefixes messages. Control bytes in names are
// escaped (\xHH), so that no name printed later drives a terminal.
absl::Status ParseModelBytes(absl::string_view bytes, const std::string& name,
                             onnx::ModelProto* model,
                             int64_t* skipped_bytes = nullptr);

// The ai.onnx opset the model imports, or an error when absent or too new.
absl::StatusOr<int> ModelOpset(const onnx::ModelProto& model,
                               const std::string& name);

// The most nodes a main graph may have: real models have under 100,000;
// the frontend needs about 1.1 KB of memory per node (docs/onnx-frontend.md).
inline constexpr int kMaxGraphNodes = 1000000;

// The newest ai.onnx opset the frontend accepts (its own shape functions
// cover the changes after ONNX 1.12's opset 17 for the ops it handles).
inline constexpr int kMaxSupportedOpset = 23;

}  // namespace maestro::frontend

#endif  // MAESTRO_ONNX_FRONTEND_MODEL_READER_H_
