#include "frontend/graph_walker.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <queue>

#include "absl/strings/str_cat.h"
#include "frontend/conv_geometry.h"
#include "frontend/folding.h"
#include "frontend/onnx_inference.h"
#include "frontend/onnx_util.h"
#include "frontend/shape_functions.h"

namespace maestro::frontend {

namespace {

constexpr int kMaxDepth = 32;

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Both branches' shapes: dims that agree are kept.
ValueState Merge(const ValueState& a, const ValueState& b) {
  ValueState v;
  v.elem_type = a.elem_type ? a.elem_type : b.elem_type;
  if (!a.rank_known || !b.rank_known || a.dims.size() != b.dims.size()) {
    return v;
  }
  v.rank_known = true;
  for (size_t i = 0; i < a.dims.size(); ++i) {
    v.dims.push_back(a.dims[i] == b.dims[i] ? a.dims[i] : -1);
  }
  return v;
}

// Dims beyond kMaxDim or tensors beyond kMaxElements are rejected, so that
// no later shape product overflows.
absl::Status CheckSize(const ValueState& v, const std::string& name,
                       const std::string& where) {
  if (!v.rank_known) return absl::OkStatus();
  if (v.dims.size() > 64) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, ": '", name, "' has rank ", v.dims.size(),
                     "; expected at most 64 dims"));
  }
  __int128 n = 1;
  for (int64_t d : v.dims) {
    if (d > kMaxDim || d < -1) {
      return absl::InvalidArgumentError(absl::StrCat(
          where, ": '", name, "' has dim ", d, "; expected 0 to ", kMaxDim));
    }
    if (d > 0) n *= d;
    if (n > kMaxElements) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ": '", name, "' (", ShapeString(v),
                       ") has more elements than any real tensor"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

const ValueState* Scope::Find(const std::string& name) const {
  for (const Scope* s = this; s; s = s->parent_) {
    auto it = s->vals_.find(name);
    if (it != s->vals_.end()) return &it->second;
  }
  return nullptr;
}

absl::StatusOr<std::vector<int>> TopologicalOrder(const onnx::GraphProto& g) {
  const int n = g.node_size();
  std::unordered_map<std::string, int> producer;
  for (int i = 0; i < n; ++i) {
    for (const auto& o : g.node(i).output()) {
      if (o.empty()) continue;
      if (!producer.emplace(o, i).second) {
        return absl::InvalidArgumentError(
            absl::StrCat(NodeRef(g.node(i)), ": output '", o,
                         "' is also produced by ", NodeRef(g.node(producer[o])),
                         "; expected each value to have one producer"));
      }
    }
  }
  std::vector<int> indegree(n, 0);
  std::vector<std::vector<int>> users(n);
  for (int i = 0; i < n; ++i) {
    for (const auto& in : g.node(i).input()) {
      auto it = producer.find(in);
      if (it == producer.end()) continue;
      ++indegree[i];
      users[it->second].push_back(i);
    }
  }
  // Smallest index first: a file already in topological order keeps it.
  std::priority_queue<int, std::vector<int>, std::greater<int>> ready;
  for (int i = 0; i < n; ++i) {
    if (indegree[i] == 0) ready.push(i);
  }
  std::vector<int> order;
  order.reserve(n);
  while (!ready.empty()) {
    int i = ready.top();
    ready.pop();
    order.push_back(i);
    for (int u : users[i]) {
      if (--indegree[u] == 0) ready.push(u);
    }
  }
  if (static_cast<int>(order.size()) != n) {
    for (int i = 0; i < n; ++i) {
      if (indegree[i] > 0) {
        return absl::InvalidArgumentError(
            absl::StrCat(NodeRef(g.node(i)), " is on a cycle in graph '",
                         g.name(), "'; expected an acyclic graph"));
      }
    }
  }
  return order;
}

GraphWalker::GraphWalker(const FrontendOptions& options, int opset,
                         std::string file, ExtractedModel* model)
    : options_(options), opset_(opset), file_(std::move(file)), model_(model) {}

void GraphWalker::SetFunctions(const onnx::ModelProto& model) {
  for (const auto& f : model.functions()) {
    functions_[{f.domain(), f.name()}] = &f;
  }
}

std::string GraphWalker::UniqueName(const onnx::NodeProto& node) {
  std::string base = node.name();
  if (base.empty()) base = absl::StrCat(node.op_type(), "_", node_index_);
  ++node_index_;
  std::string name = base;
  for (int k = 2; !used_names_.insert(name).second; ++k) {
    name = absl::StrCat(base, "_", k);
  }
  return name;
}

absl::Status GraphWalker::WalkMain(const onnx::GraphProto& graph) {
  for (const auto& vi : graph.value_info()) {
    value_info_[vi.name()] = StateFromValueInfo(vi);
  }
  Scope scope;
  for (const auto& t : graph.initializer()) {
    if (absl::Status s = CheckTensorProto(t, "initializer"); !s.ok()) return s;
    ValueState v = StateFromTensor(t);
    absl::Status s = CheckSize(v, t.name(), "initializer");
    if (!s.ok()) return s;
    scope.Set(t.name(), std::move(v));
  }
  for (const auto& t : graph.sparse_initializer()) {
    scope.Set(t.values().name(),
              ValueState::Shaped(t.values().data_type(),
                                 {t.dims().begin(), t.dims().end()}));
  }
  for (const auto& [name, dims] : options_.input_shapes) {
    bool found = false;
    for (const auto& in : graph.input()) found |= in.name() == name;
    if (!found) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--input-shape names '", name, "', which is not a graph input"));
    }
  }
  for (const auto& in : graph.input()) {
    if (scope.Find(in.name())) continue;  // an initializer (IR < 4 style)
    ValueState v = StateFromValueInfo(in);
    if (in.doc_string() != "weightless:initializer" &&
        std::count(v.dims.begin(), v.dims.end(), 0) > 0) {
      // Some exporters write dim_value 0 for an unknown dim; an empty
      // network input has nothing to cost, so read 0 as dynamic (a pin may
      // then set it).
      for (int64_t& d : v.dims) d = d == 0 ? -1 : d;
      if (!options_.input_shapes.count(in.name())) {
        model_->notes.push_back(absl::StrCat("input '", in.name(),
                                             "': dims of size 0 read as ",
                                             "dynamic in ", ShapeString(v)));
      }
    }
    if (auto it = options_.input_shapes.find(in.name());
        it != options_.input_shapes.end()) {
      if (v.rank_known && v.dims.size() != it->second.size()) {
        return absl::InvalidArgumentError(absl::StrCat(
            "--input-shape ", in.name(), "=", DimsString(it->second),
            " has rank ", it->second.size(), " but the input is ",
            ShapeString(v)));
      }
      for (size_t i = 0; v.rank_known && i < v.dims.size(); ++i) {
        if (v.dims[i] >= 0 && v.dims[i] != it->second[i]) {
          return absl::InvalidArgumentError(absl::StrCat(
              "--input-shape ", in.name(), "=", DimsString(it->second),
              " contradicts the model's fixed shape ", ShapeString(v)));
        }
      }
      v.rank_known = true;
      v.dims = it->second;
    } else if (options_.assume_batch_one &&
               in.doc_string() != "weightless:initializer" && v.rank_known &&
               v.dims.size() >= 2 && v.dims[0] < 0) {
      // A symbolic leading (batch) dim: analyse one sample, as the
      // accelerator literature does, and say so. Other dynamic dims still
      // need --input-shape.
      v.dims[0] = 1;
      model_->notes.push_back(absl::StrCat(
          "input '", in.name(),
          "': dynamic batch dim taken as 1 (pin it with --input-shape ",
          in.name(), "=...)"));
    }
    if (auto it = options_.input_values.find(in.name());
        it != options_.input_values.end()) {
      int32_t type = v.elem_type ? v.elem_type : onnx::TensorProto::INT64;
      ConstTensor c =
          IsFloatType(type)
              ? ConstTensor::FloatScalar(it->second, type)
              : ConstTensor::Scalar(static_cast<int64_t>(it->second), type);
      if (v.rank_known && v.NumElements() == 1) c.dims = v.dims;
      v = ValueState::FromConst(c);
      v.constant = false;
    }
    if (absl::Status s = CheckSize(v, in.name(), "graph input"); !s.ok()) {
      return s;
    }
    if (in.doc_string() == "weightless:initializer") {
      v.constant = true;  // a weight moved out of the file
    } else {
      activation_inputs_.emplace_back(in.name(), v);
    }
    scope.Set(in.name(), std::move(v));
  }
  for (const auto& [name, value] : options_.input_values) {
    bool found = false;
    for (const auto& in : graph.input()) found |= in.name() == name;
    if (!found) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--input-value names '", name, "', which is not a graph input"));
    }
  }
  return WalkGraph(graph, &scope, "", false, 0);
}

absl::Status GraphWalker::WalkGraph(const onnx::GraphProto& g, Scope* scope,
                                    const std::string& path, bool conditional,
                                    int depth) {
  if (depth > kMaxDepth) {
    return absl::InvalidArgumentError(absl::StrCat(
        "subgraphs nested more than ", kMaxDepth, " deep at '", path, "'"));
  }
  if (depth > 0) {
    for (const auto& t : g.initializer()) {
      if (absl::Status s = CheckTensorProto(t, "initializer"); !s.ok()) {
        return s;
      }
      ValueState v = StateFromTensor(t);
      absl::Status s = CheckSize(v, t.name(), "initializer");
      if (!s.ok()) return s;
      scope->Set(t.name(), std::move(v));
    }
  }
  auto order = TopologicalOrder(g);
  if (!order.ok()) return order.status();
  for (int i : *order) {
    absl::Status s = ProcessNode(g.node(i), scope, path, conditional, depth);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status GraphWalker::ProcessNode(const onnx::NodeProto& node, Scope* scope,
                                      const std::string& path, bool conditional,
                                      int depth) {
  const std::string name = UniqueName(node);
  if (depth == 0) {
    ++model_->node_count;
    ++model_->op_histogram[node.op_type()];
  }
  if (node.op_type() == "Constant") {
    for (const auto& a : node.attribute()) {
      if (!a.has_t()) continue;
      absl::Status s =
          CheckTensorProto(a.t(), absl::StrCat(NodeRef(node), ": value"));
      if (!s.ok()) return s;
    }
  }
  if (absl::Status s = CheckRequiredInputs(node, opset_); !s.ok()) return s;
  std::vector<const ValueState*> inputs;
  bool all_constant = node.input_size() > 0;
  for (const auto& in : node.input()) {
    if (in.empty()) {
      inputs.push_back(nullptr);
      continue;
    }
    const ValueState* v = scope->Find(in);
    if (!v) {
      return absl::InvalidArgumentError(absl::StrCat(
          NodeRef(node), " reads '", in,
          "', which no node, initializer or graph input produces"));
    }
    all_constant &= v->constant;
    inputs.push_back(v);
  }
  std::vector<ValueState> outputs;
  const std::string& op = node.op_type();
  const bool std_domain = node.domain().empty() || node.domain() == "ai.onnx";
  bool folded = false;
  auto fn = functions_.empty()
                ? functions_.end()
                : functions_.find({node.domain(), node.op_type()});
  if (fn != functions_.end()) {
    absl::Status s = ProcessFunction(node, *fn->second, name, path, conditional,
                                     depth, inputs, &outputs);
    if (!s.ok()) return s;
  } else if (std_domain && op == "If") {
    absl::Status s =
        ProcessIf(node, name, scope, path, conditional, depth, &outputs);
    if (!s.ok()) return s;
  } else if (std_domain && (op == "Loop" || op == "Scan")) {
    absl::Status s =
        ProcessLoop(node, name, scope, path, depth, inputs, &outputs);
    if (!s.ok()) return s;
  } else {
    auto t0 = Clock::now();
    std::vector<ConstTensor> values;
    if (std_domain && IsFoldableOp(op) &&
        FoldNode(node, inputs, opset_, &values)) {
      folded = true;
      ++model_->shape_nodes_folded;
      for (auto& v : values) {
        bool partial = HasUnknown(v);
        ValueState s = ValueState::FromConst(std::move(v));
        s.constant = (all_constant || op == "Constant") && !partial;
        outputs.push_back(std::move(s));
      }
      model_->timings.folding += Since(t0);
    } else {
      auto handled = InferShapes(node, inputs, opset_, &outputs);
      if (!handled.ok()) return handled.status();
      if (!*handled) InferWithOnnxSchema(node, inputs, opset_, &outputs);
      for (ValueState& v : outputs)
        v.constant = all_constant || op == "Constant";
      model_->timings.shapes += Since(t0);
    }
  }
  outputs.resize(node.output_size());
  for (int i = 0; i < node.output_size(); ++i) {
    ValueState& v = outputs[i];
    if (!v.rank_known && depth == 0) {
      auto it = value_info_.find(node.output(i));
      if (it != value_info_.end() && it->second.rank_known) {
        bool c = v.constant;
        v = it->second;
        v.constant = c;
        v.from_value_info = true;
      }
    }
    if (absl::Status s = CheckSize(v, node.output(i), NodeRef(node)); !s.ok()) {
      return s;
    }
  }
  auto t1 = Clock::now();
  NodeInfo info{node,
                name,
                path,
                conditional,
                inputs,
                outputs,
                file_,
                folded,
                fn != functions_.end(),
                options_.conv_form};
  absl::Status s = ExtractNode(info, model_, &unresolved_);
  model_->timings.extraction += Since(t1);
  if (!s.ok()) return s;
  for (int i = 0; i < node.output_size(); ++i) {
    if (!node.output(i).empty())
      scope->Set(node.output(i), std::move(outputs[i]));
  }
  return absl::OkStatus();
}

absl::Status GraphWalker::ProcessFunction(
    const onnx::NodeProto& node, const onnx::FunctionProto& f,
    const std::string& name, const std::string& path, bool conditional,
    int depth, const std::vector<const ValueState*>& inputs,
    std::vector<ValueState>* outputs) {
  // The body as a graph: attribute references resolved against the call,
  // node names prefixed with the caller's so that layers say where they are.
  onnx::GraphProto g;
  g.set_name(f.name());
  for (const auto& n : f.node()) {
    onnx::NodeProto* c = g.add_node();
    *c = n;
    c->clear_attribute();
    for (const auto& a : n.attribute()) {
      if (a.ref_attr_name().empty()) {
        *c->add_attribute() = a;
        continue;
      }
      for (const auto& ca : node.attribute()) {
        if (ca.name() == a.ref_attr_name()) {
          onnx::AttributeProto* r = c->add_attribute();
          *r = ca;
          r->set_name(a.name());
        }
      }
    }
    c->set_name(
        absl::StrCat(name, "/", n.name().empty() ? n.op_type() : n.name()));
  }
  Scope child;  // a function sees only its inputs
  for (int i = 0; i < f.input_size(); ++i) {
    if (i < static_cast<int>(inputs.size()) && inputs[i]) {
      child.Set(f.input(i), *inputs[i]);
    }
  }
  absl::Status s = WalkGraph(g, &child, path, conditional, depth + 1);
  if (!s.ok()) return s;
  for (int i = 0; i < node.output_size(); ++i) {
    const ValueState* v =
        i < f.output_size() ? child.Find(f.output(i)) : nullptr;
    outputs->push_back(v ? *v : ValueState());
  }
  ++model_->functions_inlined;
  return absl::OkStatus();
}

absl::Status GraphWalker::ProcessIf(const onnx::NodeProto& node,
                                    const std::string& name, Scope* scope,
                                    const std::string& path, bool conditional,
                                    int depth,
                                    std::vector<ValueState>* outputs) {
  const onnx::GraphProto* branches[2] = {nullptr, nullptr};
  for (const auto& a : node.attribute()) {
    if (a.name() == "then_branch" && a.has_g()) branches[0] = &a.g();
    if (a.name() == "else_branch" && a.has_g()) branches[1] = &a.g();
  }
  if (!branches[0] || !branches[1]) {
    return absl::InvalidArgumentError(
        absl::StrCat(NodeRef(node), " lacks then_branch or else_branch"));
  }
  const ValueState* cond =
      node.input_size() ? scope->Find(node.input(0)) : nullptr;
  const std::string prefix =
      path.empty() ? name : absl::StrCat(path, "/", name);
  auto output_states = [&](const onnx::GraphProto& g, const Scope& s) {
    std::vector<ValueState> out;
    for (const auto& o : g.output()) {
      const ValueState* v = s.Find(o.name());
      out.push_back(v ? *v : StateFromValueInfo(o));
    }
    return out;
  };
  if (cond && cond->value && cond->value->NumElements() == 1 &&
      !HasUnknown(*cond->value)) {
    const bool take_then = cond->value->FloatAt(0) != 0;
    const onnx::GraphProto& g = *branches[take_then ? 0 : 1];
    Scope child(scope);
    absl::Status s = WalkGraph(
        g, &child,
        absl::StrCat(prefix, take_then ? "/then_branch" : "/else_branch"),
        conditional, depth + 1);
    if (!s.ok()) return s;
    *outputs = output_states(g, child);
    ++model_->if_nodes_inlined;
    return absl::OkStatus();
  }
  std::vector<ValueState> merged[2];
  for (int b = 0; b < 2; ++b) {
    Scope child(scope);
    absl::Status s = WalkGraph(
        *branches[b], &child,
        absl::StrCat(prefix, b == 0 ? "/then_branch" : "/else_branch"), true,
        depth + 1);
    if (!s.ok()) return s;
    merged[b] = output_states(*branches[b], child);
  }
  for (int i = 0; i < node.output_size(); ++i) {
    if (i < static_cast<int>(merged[0].size()) &&
        i < static_cast<int>(merged[1].size())) {
      outputs->push_back(Merge(merged[0][i], merged[1][i]));
    } else {
      outputs->push_back(ValueState());
    }
  }
  return absl::OkStatus();
}

absl::Status GraphWalker::ProcessLoop(
    const onnx::NodeProto& node, const std::string& name, Scope* scope,
    const std::string& path, int depth,
    const std::vector<const ValueState*>& inputs,
    std::vector<ValueState>* outputs) {
  const onnx::GraphProto* body = nullptr;
  for (const auto& a : node.attribute()) {
    if (a.name() == "body" && a.has_g()) body = &a.g();
  }
  if (!body) {
    return absl::InvalidArgumentError(
        absl::StrCat(NodeRef(node), " lacks its body graph"));
  }
  const bool loop = node.op_type() == "Loop";
  Scope child(scope);
  // Loop body inputs: iteration number, condition, loop-carried values.
  // Scan body inputs: state values, then one slice of each scan input.
  const int first_carried = loop ? 2 : 0;
  const int carried_from = loop ? 2 : 0;
  for (int i = 0; i < body->input_size(); ++i) {
    ValueState v = StateFromValueInfo(body->input(i));
    if (loop && i == 0) v = ValueState::Shaped(onnx::TensorProto::INT64, {});
    if (loop && i == 1) v = ValueState::Shaped(onnx::TensorProto::BOOL, {});
    const int outer = carried_from + (i - first_carried);
    if (i >= first_carried && outer < static_cast<int>(inputs.size()) &&
        inputs[outer] && !v.rank_known) {
      ValueState o = *inputs[outer];
      o.value.reset();
      if (!loop && o.rank_known && !o.dims.empty() &&
          i - first_carried >=
              body->input_size() - AttrInt(node, "num_scan_inputs", 0)) {
        o.dims.erase(o.dims.begin());  // one slice along the scan axis
      }
      v = o;
    }
    child.Set(body->input(i).name(), std::move(v));
  }
  const std::string prefix =
      path.empty() ? name : absl::StrCat(path, "/", name);
  absl::Status s =
      WalkGraph(*body, &child, absl::StrCat(prefix, "/body"), true, depth + 1);
  if (!s.ok()) return s;
  // Outputs: final carried values, then scan outputs (one more leading dim).
  const int body_first = loop ? 1 : 0;
  const int num_carried =
      loop ? std::max(0, node.input_size() - 2)
           : node.input_size() -
                 static_cast<int>(AttrInt(node, "num_scan_inputs", 0));
  for (int i = 0; i < node.output_size(); ++i) {
    const int bi = body_first + i;
    ValueState v;
    if (bi < body->output_size()) {
      const ValueState* b = child.Find(body->output(bi).name());
      if (b) v = *b;
      v.value.reset();
      v.constant = false;
      if (i >= num_carried && v.rank_known) v.dims.insert(v.dims.begin(), -1);
    }
    outputs->push_back(v);
  }
  return absl::OkStatus();
}

}  // namespace maestro::frontend
