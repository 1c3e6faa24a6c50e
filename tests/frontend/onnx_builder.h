// Builds small ONNX models in tests, in the style of ONNX Runtime's OpTester:
// declare inputs and weights, add nodes with attributes, extract.
//
// Example:
//   OnnxBuilder b;
//   b.Input("x", {1, 3, 8, 8});
//   b.Weight("w", {4, 3, 3, 3});
//   b.Node("Conv", {"x", "w"}, {"y"}).Ints("pads", {1, 1, 1, 1});
//   b.Output("y");
//   absl::StatusOr<ExtractedModel> m = b.Extract();
#ifndef MAESTRO_ONNX_TESTS_FRONTEND_ONNX_BUILDER_H_
#define MAESTRO_ONNX_TESTS_FRONTEND_ONNX_BUILDER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "frontend/onnx_frontend.h"
#include "onnx/onnx_pb.h"

namespace maestro::frontend::testing {

class NodeRef {
 public:
  explicit NodeRef(onnx::NodeProto* n) : n_(n) {}
  NodeRef& Int(const std::string& name, int64_t v) {
    auto* a = Add(name, onnx::AttributeProto::INT);
    a->set_i(v);
    return *this;
  }
  NodeRef& Float(const std::string& name, float v) {
    auto* a = Add(name, onnx::AttributeProto::FLOAT);
    a->set_f(v);
    return *this;
  }
  NodeRef& Ints(const std::string& name, const std::vector<int64_t>& v) {
    auto* a = Add(name, onnx::AttributeProto::INTS);
    for (int64_t x : v) a->add_ints(x);
    return *this;
  }
  NodeRef& Str(const std::string& name, const std::string& v) {
    auto* a = Add(name, onnx::AttributeProto::STRING);
    a->set_s(v);
    return *this;
  }
  NodeRef& Graph(const std::string& name, const onnx::GraphProto& g) {
    auto* a = Add(name, onnx::AttributeProto::GRAPH);
    *a->mutable_g() = g;
    return *this;
  }
  NodeRef& Tensor(const std::string& name, const onnx::TensorProto& t) {
    auto* a = Add(name, onnx::AttributeProto::TENSOR);
    *a->mutable_t() = t;
    return *this;
  }
  NodeRef& Name(const std::string& name) {
    n_->set_name(name);
    return *this;
  }
  NodeRef& Domain(const std::string& d) {
    n_->set_domain(d);
    return *this;
  }
  onnx::NodeProto* proto() { return n_; }

 private:
  onnx::AttributeProto* Add(const std::string& name,
                            onnx::AttributeProto::AttributeType t) {
    auto* a = n_->add_attribute();
    a->set_name(name);
    a->set_type(t);
    return a;
  }
  onnx::NodeProto* n_;
};

// An int64 tensor (for Constant nodes, initializers, shapes).
inline onnx::TensorProto Int64Tensor(const std::vector<int64_t>& values,
                                     std::vector<int64_t> dims = {-1}) {
  onnx::TensorProto t;
  t.set_data_type(onnx::TensorProto::INT64);
  if (dims == std::vector<int64_t>{-1}) {
    dims = {static_cast<int64_t>(values.size())};
  }
  for (int64_t d : dims) t.add_dims(d);
  for (int64_t v : values) t.add_int64_data(v);
  return t;
}

// A float tensor of zeros with the given dims (its contents never matter).
inline onnx::TensorProto FloatTensor(const std::vector<int64_t>& dims) {
  onnx::TensorProto t;
  t.set_data_type(onnx::TensorProto::FLOAT);
  int64_t n = 1;
  for (int64_t d : dims) {
    t.add_dims(d);
    n *= d;
  }
  for (int64_t i = 0; i < n; ++i) t.add_float_data(0.f);
  return t;
}

// A graph input / output type; a negative dim becomes a symbolic dim_param.
inline void SetType(onnx::ValueInfoProto* vi, const std::string& name,
                    const std::vector<int64_t>& dims, int32_t elem_type) {
  vi->set_name(name);
  auto* tt = vi->mutable_type()->mutable_tensor_type();
  tt->set_elem_type(elem_type);
  auto* shape = tt->mutable_shape();
  for (size_t i = 0; i < dims.size(); ++i) {
    auto* d = shape->add_dim();
    if (dims[i] >= 0) {
      d->set_dim_value(dims[i]);
    } else {
      d->set_dim_param("d" + std::to_string(i));
    }
  }
}

class OnnxBuilder {
 public:
  explicit OnnxBuilder(int opset = 17, onnx::GraphProto* graph = nullptr) {
    model_.set_ir_version(8);
    model_.set_producer_name("onnx_builder");
    auto* o = model_.add_opset_import();
    o->set_domain("");
    o->set_version(opset);
    g_ = graph ? graph : model_.mutable_graph();
    if (!graph) g_->set_name("test");
  }

  OnnxBuilder& Input(const std::string& name, const std::vector<int64_t>& dims,
                     int32_t elem_type = onnx::TensorProto::FLOAT) {
    SetType(g_->add_input(), name, dims, elem_type);
    return *this;
  }
  // A float initializer without data (shape only, like external data).
  OnnxBuilder& Weight(const std::string& name, const std::vector<int64_t>& dims,
                      int32_t elem_type = onnx::TensorProto::FLOAT) {
    auto* t = g_->add_initializer();
    t->set_name(name);
    t->set_data_type(elem_type);
    for (int64_t d : dims) t->add_dims(d);
    t->set_data_location(onnx::TensorProto::EXTERNAL);
    auto* e = t->add_external_data();
    e->set_key("location");
    e->set_value(name + ".bin");
    return *this;
  }
  OnnxBuilder& Initializer(const std::string& name, onnx::TensorProto t) {
    t.set_name(name);
    *g_->add_initializer() = std::move(t);
    return *this;
  }
  OnnxBuilder& Ints(const std::string& name, const std::vector<int64_t>& v) {
    return Initializer(name, Int64Tensor(v));
  }
  NodeRef Node(const std::string& op, const std::vector<std::string>& inputs,
               const std::vector<std::string>& outputs,
               const std::string& name = "") {
    auto* n = g_->add_node();
    n->set_op_type(op);
    n->set_name(name.empty() ? op + "_" + std::to_string(g_->node_size())
                             : name);
    for (const auto& i : inputs) n->add_input(i);
    for (const auto& o : outputs) n->add_output(o);
    return NodeRef(n);
  }
  OnnxBuilder& Output(const std::string& name) {
    g_->add_output()->set_name(name);
    return *this;
  }
  OnnxBuilder& ValueInfo(const std::string& name,
                         const std::vector<int64_t>& dims) {
    SetType(g_->add_value_info(), name, dims, onnx::TensorProto::FLOAT);
    return *this;
  }

  absl::StatusOr<ExtractedModel> Extract(const FrontendOptions& o = {}) const {
    return ExtractModel(model_, "test.onnx", o);
  }
  std::string Bytes() const { return model_.SerializeAsString(); }
  onnx::ModelProto& model() { return model_; }
  onnx::GraphProto& graph() { return *g_; }

 private:
  onnx::ModelProto model_;
  onnx::GraphProto* g_;
};

}  // namespace maestro::frontend::testing

#endif  // MAESTRO_ONNX_TESTS_FRONTEND_ONNX_BUILDER_H_
