#include "frontend/onnx_inference.h"

#include <exception>
#include <string>
#include <unordered_map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "frontend/conv_geometry.h"
#include "frontend/folding.h"
#include "frontend/onnx_util.h"
#include "onnx/defs/schema.h"
#include "onnx/shape_inference/implementation.h"

namespace maestro::frontend {

namespace {

const onnx::OpSchema* FindSchema(const onnx::NodeProto& node, int opset) {
  const std::string domain = node.domain() == "ai.onnx" ? "" : node.domain();
  int version = opset;
  if (!domain.empty()) version = 1 << 20;  // newest in that domain
  return onnx::OpSchemaRegistry::Schema(node.op_type(), version, domain);
}

onnx::TypeProto TypeFromState(const ValueState& v) {
  onnx::TypeProto t;
  auto* tt = t.mutable_tensor_type();
  tt->set_elem_type(v.elem_type);
  if (v.rank_known) {
    auto* shape = tt->mutable_shape();
    for (int64_t d : v.dims) {
      auto* dim = shape->add_dim();
      if (d >= 0) dim->set_dim_value(d);
    }
  }
  return t;
}

ValueState StateFromType(const onnx::TypeProto& t) {
  ValueState v;
  if (!t.has_tensor_type()) return v;
  const auto& tt = t.tensor_type();
  v.elem_type = tt.elem_type();
  if (!tt.has_shape()) return v;
  v.rank_known = true;
  for (const auto& d : tt.shape().dim()) {
    v.dims.push_back(d.has_dim_value() && d.dim_value() >= 0 ? d.dim_value()
                                                             : -1);
  }
  return v;
}

}  // namespace

int OnnxLibraryMaxOpset() {
  const auto& m =
      onnx::OpSchemaRegistry::DomainToVersionRange::Instance().Map();
  auto it = m.find("");
  return it == m.end() ? 0 : it->second.second;
}

absl::Status CheckRequiredInputs(const onnx::NodeProto& node, int opset) {
  if (!node.domain().empty() && node.domain() != "ai.onnx") {
    return absl::OkStatus();
  }
  const onnx::OpSchema* schema = nullptr;
  try {
    schema = FindSchema(node, opset);
  } catch (...) {
  }
  if (!schema) return absl::OkStatus();
  const auto& formal = schema->inputs();
  std::vector<std::string> required;
  int missing = -1;
  for (size_t i = 0; i < formal.size(); ++i) {
    if (formal[i].GetOption() != onnx::OpSchema::Single) continue;
    required.push_back(formal[i].GetName());
    const bool absent = static_cast<int>(i) >= node.input_size() ||
                        node.input(static_cast<int>(i)).empty();
    if (absent && missing < 0) missing = static_cast<int>(i);
  }
  if (missing < 0) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      NodeRef(node), " has no input ", formal[missing].GetName(), " (input ",
      missing, "); expected ", absl::StrJoin(required, ", "), " (the ONNX ",
      node.op_type(), " schema)"));
}

bool OnnxKnowsOp(const onnx::NodeProto& node, int opset) {
  try {
    return FindSchema(node, opset) != nullptr;
  } catch (...) {
    return false;
  }
}

bool InferWithOnnxSchema(const onnx::NodeProto& node_in,
                         const std::vector<const ValueState*>& inputs,
                         int opset, std::vector<ValueState>* outputs) {
  outputs->assign(node_in.output_size(), ValueState());
  try {
    const onnx::OpSchema* schema = FindSchema(node_in, opset);
    if (!schema || !schema->has_type_and_shape_inference_function()) {
      return false;
    }
    onnx::NodeProto node = node_in;
    schema->Verify(node);  // input/output counts and attribute types
    std::vector<onnx::TypeProto> types(inputs.size());
    std::vector<onnx::TensorProto> data(inputs.size());
    std::unordered_map<std::string, onnx::TypeProto*> types_by_name;
    std::unordered_map<std::string, const onnx::TensorProto*> data_by_name;
    for (size_t i = 0; i < inputs.size(); ++i) {
      const std::string& name = InputName(node, i);
      if (name.empty() || !inputs[i] || inputs[i]->elem_type == 0) continue;
      types[i] = TypeFromState(*inputs[i]);
      types_by_name[name] = &types[i];
      if (inputs[i]->value && !HasUnknown(*inputs[i]->value) &&
          onnx::TensorProto_DataType_IsValid(inputs[i]->value->elem_type)) {
        data[i] = TensorFromConst(*inputs[i]->value);
        data_by_name[name] = &data[i];
      }
    }
    onnx::shape_inference::InferenceContextImpl ctx(node, types_by_name,
                                                    data_by_name, {});
    schema->GetTypeAndShapeInferenceFunction()(ctx);
    for (int i = 0; i < node.output_size(); ++i) {
      (*outputs)[i] = StateFromType(*ctx.getOutputType(i));
    }
    return true;
  } catch (const std::exception&) {
    return false;
  } catch (...) {
    return false;
  }
}

}  // namespace maestro::frontend
