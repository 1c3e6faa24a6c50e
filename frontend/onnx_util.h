// Small helpers over the ONNX protobuf types: attribute lookup, converting a
// TensorProto (inline, raw or external data) to a ConstTensor / ValueState,
// and reading a ValueInfoProto's type.
//
// Example:
//   int64_t group = AttrInt(node, "group", 1);
//   std::vector<int64_t> pads = AttrInts(node, "pads");
//   ValueState w = StateFromTensor(initializer);   // never reads external data
#ifndef MAESTRO_ONNX_FRONTEND_ONNX_UTIL_H_
#define MAESTRO_ONNX_FRONTEND_ONNX_UTIL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "frontend/value_state.h"
#include "onnx/onnx_pb.h"

namespace maestro::frontend {

const onnx::AttributeProto* FindAttr(const onnx::NodeProto& node,
                                     const char* name);
int64_t AttrInt(const onnx::NodeProto& node, const char* name, int64_t dflt);
float AttrFloat(const onnx::NodeProto& node, const char* name, float dflt);
std::string AttrString(const onnx::NodeProto& node, const char* name,
                       const std::string& dflt = "");
std::vector<int64_t> AttrInts(const onnx::NodeProto& node, const char* name);
bool HasAttr(const onnx::NodeProto& node, const char* name);

// Shape and, when small and stored in the file, contents. Tensors in
// external files keep only their shape: the external file is never opened.
ValueState StateFromTensor(const onnx::TensorProto& t);

// A tensor whose dims contradict the file: a negative dim, or data stored
// in the file that does not hold dims' element count (a 2^40x3x3x3 weight
// holding 16 bytes). Tensors without data (weights stripped, external) pass.
// Errors: "WHERE 'NAME': ...; expected ...".
absl::Status CheckTensorProto(const onnx::TensorProto& t,
                              absl::string_view where);

// The type of a graph input/output or value_info entry (dims with a
// dim_param or no value become -1).
ValueState StateFromValueInfo(const onnx::ValueInfoProto& vi);

// A ConstTensor back as a TensorProto (for ONNX's own inference functions).
onnx::TensorProto TensorFromConst(const ConstTensor& c);

// Input i of the node, or "" when absent.
const std::string& InputName(const onnx::NodeProto& node, int i);

}  // namespace maestro::frontend

#endif  // MAESTRO_ONNX_FRONTEND_ONNX_UTIL_H_
