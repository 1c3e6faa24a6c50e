#include "frontend/extractor_util.h"

#include "absl/strings/str_cat.h"
#include "frontend/conv_geometry.h"
#include "frontend/onnx_util.h"

namespace maestro::frontend {

const ValueState& In(const NodeInfo& info, size_t i) {
  static const ValueState kUnknown;
  return i < info.inputs.size() && info.inputs[i] ? *info.inputs[i] : kUnknown;
}

int64_t Prod(const std::vector<int64_t>& v, size_t from, size_t to) {
  __int128 p = 1;
  for (size_t i = from; i < to && i < v.size(); ++i) {
    p *= v[i];
    if (p > kMaxElements) return -1;
  }
  return static_cast<int64_t>(p);
}

int64_t CheckedProduct(std::initializer_list<int64_t> factors) {
  __int128 p = 1;
  for (int64_t f : factors) {
    if (f < 0) return -1;
    p *= f;
    if (p > kMaxElements) return -1;
  }
  return static_cast<int64_t>(p);
}

CoverageEntry Coverage(const NodeInfo& info, Verdict verdict,
                       std::string category, std::string reason) {
  CoverageEntry e;
  e.node = info.name;
  e.op = info.node.domain().empty() || info.node.domain() == "ai.onnx"
             ? info.node.op_type()
             : absl::StrCat(info.node.domain(), ".", info.node.op_type());
  e.subgraph = info.subgraph;
  e.verdict = verdict;
  e.category = std::move(category);
  e.reason = std::move(reason);
  for (const ValueState* v : info.inputs) {
    e.input_shapes.push_back(v && v->rank_known ? v->dims
                                                : std::vector<int64_t>{-1});
  }
  for (const ValueState& v : info.outputs) {
    e.output_shapes.push_back(v.rank_known ? v.dims : std::vector<int64_t>{-1});
  }
  if (!info.outputs.empty()) e.output_elements = info.outputs[0].NumElements();
  return e;
}

Layer LocatedLayer(const NodeInfo& info) {
  Layer m;
  m.name = info.name;
  m.loc.file = info.file;
  m.loc.onnx_node = info.node.name().empty() ? info.name : info.node.name();
  m.loc.onnx_op = info.node.op_type();
  return m;
}

ExtractedLayer BaseLayer(const NodeInfo& info, int x_index, int w_index) {
  ExtractedLayer l;
  l.name = info.name;
  l.op = info.node.op_type();
  l.subgraph = info.subgraph;
  l.conditional = info.conditional;
  l.input = InputName(info.node, x_index);
  l.weight = InputName(info.node, w_index);
  l.output = info.node.output_size() ? info.node.output(0) : "";
  l.input_shape = In(info, x_index).dims;
  l.weight_shape = In(info, w_index).dims;
  if (!info.outputs.empty()) l.output_shape = info.outputs[0].dims;
  return l;
}

void AddNote(std::string* note, const std::string& text) {
  absl::StrAppend(note, note->empty() ? "" : "; ", text);
}

absl::Status FinishLayer(const NodeInfo& info, ExtractedLayer* l,
                         ExtractedModel* model, bool exact_may_differ) {
  if (l->parts.empty()) {
    return absl::InternalError(
        absl::StrCat(NodeRef(info.node), ": no MAESTRO layer for the node"));
  }
  __int128 costed = 0;
  for (LayerPart& p : l->parts) {
    Layer& m = p.layer;
    m.name =
        l->parts.size() == 1 ? l->name : absl::StrCat(l->name, "#", p.part);
    if (l->parts.size() == 1) p.part.clear();
    // Bounds AnalyticMacs (Y' <= Y, X' <= X) away from int64 overflow.
    if (l->macs < 0 ||
        CheckedProduct({m.GetOr1(Dim::kN), m.GetOr1(Dim::kK), m.Get(Dim::kC),
                        m.Get(Dim::kR), m.Get(Dim::kS), m.Get(Dim::kY),
                        m.Get(Dim::kX), m.repeat}) < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(NodeRef(info.node),
                       ": the layer's MAC count overflows 64 bits; "
                       "expected a realistic layer size"));
    }
    costed += static_cast<__int128>(AnalyticMacs(m)) * m.repeat;
  }
  if (costed > kMaxElements) {
    return absl::InvalidArgumentError(absl::StrCat(
        NodeRef(info.node), ": the layer's MAC count overflows 64 bits"));
  }
  l->maestro_macs = static_cast<int64_t>(costed);
  if (!exact_may_differ && l->maestro_macs != l->macs) {
    return absl::InternalError(absl::StrCat(
        NodeRef(info.node), ": its ", l->parts.size(), " MAESTRO layer(s) do ",
        l->maestro_macs, " MACs but the node does ", l->macs,
        "; expected equal (a frontend bug)"));
  }
  model->layers.push_back(std::move(*l));
  return absl::OkStatus();
}

}  // namespace maestro::frontend
