// Walks an ONNX graph in topological order, computing every value's shape
// (folding constants, own shape functions, ONNX's schema inference as a
// fallback), inlining `If` nodes whose condition folds to a constant and
// walking If/Loop/Scan bodies otherwise, and hands each node to the layer
// extractor.
//
// Example:
//   GraphWalker w(options, opset, "net.onnx", &model);
//   absl::Status s = w.WalkMain(model_proto.graph());
#ifndef MAESTRO_ONNX_FRONTEND_GRAPH_WALKER_H_
#define MAESTRO_ONNX_FRONTEND_GRAPH_WALKER_H_

#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "absl/status/status.h"
#include "frontend/layer_extractor.h"
#include "frontend/onnx_frontend.h"
#include "frontend/value_state.h"
#include "onnx/onnx_pb.h"

namespace maestro::frontend {

// Values visible in a graph: its own, then its parents' (outer scope).
class Scope {
 public:
  explicit Scope(const Scope* parent = nullptr) : parent_(parent) {}
  const ValueState* Find(const std::string& name) const;
  void Set(const std::string& name, ValueState v) {
    vals_[name] = std::move(v);
  }

 private:
  const Scope* parent_;
  std::unordered_map<std::string, ValueState> vals_;
};

class GraphWalker {
 public:
  GraphWalker(const FrontendOptions& options, int opset, std::string file,
              ExtractedModel* model);

  // Model-local functions (FunctionProto), inlined at each call: newer
  // PyTorch exporters wrap modules, Conv included, in them.
  void SetFunctions(const onnx::ModelProto& model);

  // The main graph: initializers, inputs (with --input-shape/--input-value
  // pins), value_info (used only where nothing better is found), nodes.
  absl::Status WalkMain(const onnx::GraphProto& graph);

  const std::vector<Unresolved>& unresolved() const { return unresolved_; }
  // Graph inputs that are activations (not weights), with their shapes.
  const std::vector<std::pair<std::string, ValueState>>& activation_inputs()
      const {
    return activation_inputs_;
  }

 private:
  absl::Status WalkGraph(const onnx::GraphProto& g, Scope* scope,
                         const std::string& path, bool conditional, int depth);
  absl::Status ProcessNode(const onnx::NodeProto& node, Scope* scope,
                           const std::string& path, bool conditional,
                           int depth);
  absl::Status ProcessIf(const onnx::NodeProto& node, const std::string& name,
                         Scope* scope, const std::string& path,
                         bool conditional, int depth,
                         std::vector<ValueState>* outputs);
  absl::Status ProcessLoop(const onnx::NodeProto& node, const std::string& name,
                           Scope* scope, const std::string& path, int depth,
                           const std::vector<const ValueState*>& inputs,
                           std::vector<ValueState>* outputs);
  absl::Status ProcessFunction(const onnx::NodeProto& node,
                               const onnx::FunctionProto& f,
                               const std::string& name, const std::string& path,
                               bool conditional, int depth,
                               const std::vector<const ValueState*>& inputs,
                               std::vector<ValueState>* outputs);
  std::string UniqueName(const onnx::NodeProto& node);

  const FrontendOptions& options_;
  int opset_;
  std::string file_;
  ExtractedModel* model_;
  int64_t node_index_ = 0;
  std::unordered_set<std::string> used_names_;
  std::unordered_map<std::string, ValueState> value_info_;
  std::vector<Unresolved> unresolved_;
  std::vector<std::pair<std::string, ValueState>> activation_inputs_;
  std::map<std::pair<std::string, std::string>, const onnx::FunctionProto*>
      functions_;  // (domain, name)
};

// Kahn's algorithm over the nodes of one graph (edges from names produced in
// it). Error on a cycle, naming a node on it.
absl::StatusOr<std::vector<int>> TopologicalOrder(const onnx::GraphProto& g);

}  // namespace maestro::frontend

#endif  // MAESTRO_ONNX_FRONTEND_GRAPH_WALKER_H_
