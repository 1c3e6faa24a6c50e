// The coverage category of ops that are not MAC layers, and the reason for
// ops that carry MACs the frontend does not map.
//
// Example:
//   OpCategory("Relu");        // "elementwise"
//   UnsupportedReason("LSTM"); // "recurrent layer: MACs not modelled ..."
#ifndef MAESTRO_ONNX_FRONTEND_OP_CATEGORIES_H_
#define MAESTRO_ONNX_FRONTEND_OP_CATEGORIES_H_

#include <string>

namespace maestro::frontend {

// "elementwise", "pooling", "normalization", "data movement", "reduction",
// "quantization", "constant", "control flow", or "other (no MACs)".
std::string OpCategory(const std::string& op_type);

// Non-empty for ops with MACs the frontend does not cost (LSTM, Einsum...).
std::string UnsupportedReason(const std::string& op_type);

}  // namespace maestro::frontend

#endif  // MAESTRO_ONNX_FRONTEND_OP_CATEGORIES_H_
