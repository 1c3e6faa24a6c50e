#include "frontend/folding.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>
#include <string>

#include "frontend/onnx_util.h"
#include "frontend/tensor_ops.h"

namespace maestro::frontend {

bool HasUnknown(const ConstTensor& t) {
  if (t.IsFloat()) return false;
  return std::find(t.ints.begin(), t.ints.end(), kUnknownDim) != t.ints.end();
}

namespace {

using Fold = std::function<bool(const onnx::NodeProto&,
                                const std::vector<const ValueState*>&, int,
                                std::vector<ConstTensor>*)>;

const ConstTensor* Val(const std::vector<const ValueState*>& in, size_t i) {
  if (i >= in.size() || !in[i] || !in[i]->value) return nullptr;
  return &*in[i]->value;
}

// Integer list from an input or, in older opsets, an attribute.
bool IntsFrom(const onnx::NodeProto& node,
              const std::vector<const ValueState*>& in, size_t input,
              const char* attr, std::vector<int64_t>* out, bool* present) {
  *present = false;
  if (const ConstTensor* t = Val(in, input)) {
    if (HasUnknown(*t)) return false;
    out->clear();
    for (int64_t i = 0; i < t->NumElements(); ++i) out->push_back(t->IntAt(i));
    *present = true;
    return true;
  }
  if (input < in.size() && in[input]) return false;  // given but not constant
  if (attr && HasAttr(node, attr)) {
    *out = AttrInts(node, attr);
    *present = true;
  }
  return true;
}

bool FoldConstant(const onnx::NodeProto& node,
                  const std::vector<const ValueState*>&, int,
                  std::vector<ConstTensor>* out) {
  for (const auto& a : node.attribute()) {
    if (a.name() == "value" && a.has_t()) {
      ValueState v = StateFromTensor(a.t());
      if (!v.value) return false;
      out->push_back(*v.value);
      return true;
    }
    if (a.name() == "value_int") {
      out->push_back(ConstTensor::Scalar(a.i()));
      return true;
    }
    if (a.name() == "value_ints") {
      out->push_back(ConstTensor::Int64s({a.ints().begin(), a.ints().end()}));
      return true;
    }
    if (a.name() == "value_float") {
      out->push_back(ConstTensor::FloatScalar(a.f()));
      return true;
    }
    if (a.name() == "value_floats") {
      ConstTensor t;
      t.elem_type = onnx::TensorProto::FLOAT;
      t.dims = {a.floats_size()};
      t.floats.assign(a.floats().begin(), a.floats().end());
      out->push_back(std::move(t));
      return true;
    }
  }
  return false;
}

bool FoldShape(const onnx::NodeProto& node,
               const std::vector<const ValueState*>& in, int,
               std::vector<ConstTensor>* out) {
  if (in.empty() || !in[0] || !in[0]->rank_known) return false;
  const auto& dims = in[0]->dims;
  const int64_t rank = static_cast<int64_t>(dims.size());
  int64_t start = AttrInt(node, "start", 0);
  int64_t end = AttrInt(node, "end", rank);
  if (start < 0) start += rank;
  if (end < 0) end += rank;
  start = std::clamp<int64_t>(start, 0, rank);
  end = std::clamp<int64_t>(end, 0, rank);
  std::vector<int64_t> v;
  for (int64_t i = start; i < end; ++i) {
    v.push_back(dims[i] < 0 ? kUnknownDim : dims[i]);
  }
  out->push_back(ConstTensor::Int64s(std::move(v)));
  return true;
}

bool FoldSize(const onnx::NodeProto&, const std::vector<const ValueState*>& in,
              int, std::vector<ConstTensor>* out) {
  if (in.empty() || !in[0]) return false;
  int64_t n = in[0]->NumElements();
  if (n < 0) return false;
  out->push_back(ConstTensor::Scalar(n));
  return true;
}

bool FoldIdentity(const onnx::NodeProto&,
                  const std::vector<const ValueState*>& in, int,
                  std::vector<ConstTensor>* out) {
  const ConstTensor* a = Val(in, 0);
  if (!a) return false;
  out->push_back(*a);
  return true;
}

bool FoldCast(const onnx::NodeProto& node,
              const std::vector<const ValueState*>& in, int,
              std::vector<ConstTensor>* out) {
  const ConstTensor* a = Val(in, 0);
  if (!a) return false;
  int32_t to = static_cast<int32_t>(AttrInt(node, "to", 0));
  if (to == 0 || to == onnx::TensorProto::STRING) return false;
  ConstTensor r;
  r.elem_type = to;
  r.dims = a->dims;
  if (IsFloatType(to)) {
    if (HasUnknown(*a)) return false;
    for (int64_t i = 0; i < a->NumElements(); ++i) {
      r.floats.push_back(a->FloatAt(i));
    }
  } else {
    for (int64_t i = 0; i < a->NumElements(); ++i) {
      int64_t v = a->IntAt(i);
      if (to == onnx::TensorProto::BOOL && v != kUnknownDim) v = v != 0;
      r.ints.push_back(v);
    }
  }
  out->push_back(std::move(r));
  return true;
}

bool FoldGather(const onnx::NodeProto& node,
                const std::vector<const ValueState*>& in, int,
                std::vector<ConstTensor>* out) {
  const ConstTensor* data = Val(in, 0);
  const ConstTensor* idx = Val(in, 1);
  if (!data || !idx || HasUnknown(*idx)) return false;
  ConstTensor r;
  if (!GatherTensor(*data, *idx, AttrInt(node, "axis", 0), &r)) return false;
  out->push_back(std::move(r));
  return true;
}

bool FoldUnsqueeze(const onnx::NodeProto& node,
                   const std::vector<const ValueState*>& in, int opset,
                   std::vector<ConstTensor>* out) {
  const ConstTensor* a = Val(in, 0);
  if (!a) return false;
  std::vector<int64_t> axes;
  bool present;
  if (!IntsFrom(node, in, 1, "axes", &axes, &present) || !present) return false;
  std::vector<int64_t> dims;
  if (!UnsqueezeDims(a->dims, axes, &dims)) return false;
  ConstTensor r = *a;
  r.dims = dims;
  out->push_back(std::move(r));
  return true;
}

bool FoldSqueeze(const onnx::NodeProto& node,
                 const std::vector<const ValueState*>& in, int opset,
                 std::vector<ConstTensor>* out) {
  const ConstTensor* a = Val(in, 0);
  if (!a) return false;
  std::vector<int64_t> axes;
  bool present;
  if (!IntsFrom(node, in, 1, "axes", &axes, &present)) return false;
  std::vector<int64_t> dims;
  if (!SqueezeDims(a->dims, axes, &dims)) return false;
  ConstTensor r = *a;
  r.dims = dims;
  out->push_back(std::move(r));
  return true;
}

bool FoldConcat(const onnx::NodeProto& node,
                const std::vector<const ValueState*>& in, int,
                std::vector<ConstTensor>* out) {
  std::vector<const ConstTensor*> parts;
  for (size_t i = 0; i < in.size(); ++i) {
    const ConstTensor* t = Val(in, i);
    if (!t) return false;
    parts.push_back(t);
  }
  ConstTensor r;
  if (!ConcatTensors(parts, AttrInt(node, "axis", 0), &r)) return false;
  out->push_back(std::move(r));
  return true;
}

bool FoldSlice(const onnx::NodeProto& node,
               const std::vector<const ValueState*>& in, int opset,
               std::vector<ConstTensor>* out) {
  const ConstTensor* a = Val(in, 0);
  if (!a) return false;
  std::vector<int64_t> starts, ends, axes, steps;
  bool p1, p2, p3, p4;
  if (!IntsFrom(node, in, 1, "starts", &starts, &p1) ||
      !IntsFrom(node, in, 2, "ends", &ends, &p2) ||
      !IntsFrom(node, in, 3, "axes", &axes, &p3) ||
      !IntsFrom(node, in, 4, nullptr, &steps, &p4) || !p1 || !p2) {
    return false;
  }
  ConstTensor r;
  if (!SliceTensor(*a, starts, ends, axes, steps, &r)) return false;
  out->push_back(std::move(r));
  return true;
}

bool FoldReshape(const onnx::NodeProto& node,
                 const std::vector<const ValueState*>& in, int,
                 std::vector<ConstTensor>* out) {
  const ConstTensor* a = Val(in, 0);
  const ConstTensor* s = Val(in, 1);
  if (!a || !s || HasUnknown(*s)) return false;
  std::vector<int64_t> shape;
  for (int64_t i = 0; i < s->NumElements(); ++i) shape.push_back(s->IntAt(i));
  std::vector<int64_t> dims;
  if (!ReshapeDims(a->dims, shape, AttrInt(node, "allowzero", 0), &dims)) {
    return false;
  }
  ConstTensor r = *a;
  r.dims = dims;
  if (r.NumElements() != a->NumElements()) return false;
  out->push_back(std::move(r));
  return true;
}

bool FoldConstantOfShape(const onnx::NodeProto& node,
                         const std::vector<const ValueState*>& in, int,
                         std::vector<ConstTensor>* out) {
  const ConstTensor* s = Val(in, 0);
  if (!s || HasUnknown(*s)) return false;
  ConstTensor r;
  r.elem_type = onnx::TensorProto::FLOAT;
  double fill = 0;
  int64_t ifill = 0;
  if (const auto* a = FindAttr(node, "value"); a && a->has_t()) {
    ValueState v = StateFromTensor(a->t());
    if (!v.value || v.value->NumElements() != 1) return false;
    r.elem_type = v.value->elem_type;
    fill = v.value->FloatAt(0);
    ifill = v.value->IntAt(0);
  }
  int64_t n = 1;
  for (int64_t i = 0; i < s->NumElements(); ++i) {
    int64_t d = s->IntAt(i);
    if (d < 0 || d > kMaxFoldElements) return false;
    r.dims.push_back(d);
    n *= d;
    if (n > kMaxFoldElements) return false;
  }
  if (r.IsFloat()) {
    r.floats.assign(n, fill);
  } else {
    r.ints.assign(n, ifill);
  }
  out->push_back(std::move(r));
  return true;
}

bool FoldRange(const onnx::NodeProto&, const std::vector<const ValueState*>& in,
               int, std::vector<ConstTensor>* out) {
  const ConstTensor* s = Val(in, 0);
  const ConstTensor* l = Val(in, 1);
  const ConstTensor* d = Val(in, 2);
  if (!s || !l || !d || HasUnknown(*s) || HasUnknown(*l) || HasUnknown(*d) ||
      s->NumElements() != 1 || l->NumElements() != 1 || d->NumElements() != 1) {
    return false;
  }
  ConstTensor r;
  r.elem_type = s->elem_type;
  double start = s->FloatAt(0), limit = l->FloatAt(0), delta = d->FloatAt(0);
  if (delta == 0 || !std::isfinite(start) || !std::isfinite(limit) ||
      !std::isfinite(delta)) {
    return false;
  }
  double count = std::max(0.0, std::ceil((limit - start) / delta));
  if (count > kMaxFoldElements) return false;
  int64_t n = static_cast<int64_t>(count);
  r.dims = {n};
  for (int64_t i = 0; i < n; ++i) {
    if (r.IsFloat()) {
      r.floats.push_back(start + i * delta);
    } else {
      __int128 v = static_cast<__int128>(s->IntAt(0)) +
                   static_cast<__int128>(i) * d->IntAt(0);
      if (v > INT64_MAX || v < INT64_MIN) return false;
      r.ints.push_back(static_cast<int64_t>(v));
    }
  }
  out->push_back(std::move(r));
  return true;
}

bool FoldExpand(const onnx::NodeProto&,
                const std::vector<const ValueState*>& in, int,
                std::vector<ConstTensor>* out) {
  const ConstTensor* a = Val(in, 0);
  const ConstTensor* s = Val(in, 1);
  if (!a || !s || HasUnknown(*s)) return false;
  std::vector<int64_t> shape;
  for (int64_t i = 0; i < s->NumElements(); ++i) shape.push_back(s->IntAt(i));
  ConstTensor r;
  if (!ExpandTensor(*a, shape, &r)) return false;
  out->push_back(std::move(r));
  return true;
}

bool FoldWhere(const onnx::NodeProto&, const std::vector<const ValueState*>& in,
               int, std::vector<ConstTensor>* out) {
  const ConstTensor* c = Val(in, 0);
  const ConstTensor* x = Val(in, 1);
  const ConstTensor* y = Val(in, 2);
  if (!c || !x || !y || HasUnknown(*c)) return false;
  ConstTensor r;
  if (!WhereTensor(*c, *x, *y, &r)) return false;
  out->push_back(std::move(r));
  return true;
}

bool FoldTranspose(const onnx::NodeProto& node,
                   const std::vector<const ValueState*>& in, int,
                   std::vector<ConstTensor>* out) {
  const ConstTensor* a = Val(in, 0);
  if (!a) return false;
  ConstTensor r;
  if (!TransposeTensor(*a, AttrInts(node, "perm"), &r)) return false;
  out->push_back(std::move(r));
  return true;
}

bool FoldTile(const onnx::NodeProto&, const std::vector<const ValueState*>& in,
              int, std::vector<ConstTensor>* out) {
  const ConstTensor* a = Val(in, 0);
  const ConstTensor* rep = Val(in, 1);
  if (!a || !rep || HasUnknown(*rep)) return false;
  std::vector<int64_t> reps;
  for (int64_t i = 0; i < rep->NumElements(); ++i)
    reps.push_back(rep->IntAt(i));
  ConstTensor r;
  if (!TileTensor(*a, reps, &r)) return false;
  out->push_back(std::move(r));
  return true;
}

bool FoldReduce(const onnx::NodeProto& node,
                const std::vector<const ValueState*>& in, int opset,
                std::vector<ConstTensor>* out) {
  const ConstTensor* a = Val(in, 0);
  if (!a || HasUnknown(*a)) return false;
  std::vector<int64_t> axes;
  bool present;
  // ReduceSum takes axes as an input from opset 13, the others from 18.
  if (!IntsFrom(node, in, 1, "axes", &axes, &present)) return false;
  const bool noop = AttrInt(node, "noop_with_empty_axes", 0) != 0;
  if (!present && noop) {
    out->push_back(*a);
    return true;
  }
  ConstTensor r;
  if (!ReduceTensor(*a, axes, AttrInt(node, "keepdims", 1) != 0, node.op_type(),
                    &r)) {
    return false;
  }
  out->push_back(std::move(r));
  return true;
}

bool FoldSplit(const onnx::NodeProto& node,
               const std::vector<const ValueState*>& in, int opset,
               std::vector<ConstTensor>* out) {
  const ConstTensor* a = Val(in, 0);
  if (!a) return false;
  std::vector<int64_t> split;
  bool present;
  if (!IntsFrom(node, in, 1, "split", &split, &present)) return false;
  std::vector<int64_t> sizes;
  int64_t axis = AttrInt(node, "axis", 0);
  if (!SplitSizes(a->dims, axis, split, node.output_size(), &sizes)) {
    return false;
  }
  const int64_t rank = static_cast<int64_t>(a->dims.size());
  if (axis < 0) axis += rank;
  int64_t start = 0;
  for (int64_t s : sizes) {
    ConstTensor r;
    if (!SliceTensor(*a, {start}, {start + s}, {axis}, {1}, &r)) return false;
    out->push_back(std::move(r));
    start += s;
  }
  return true;
}

bool FoldElementwise(const onnx::NodeProto& node,
                     const std::vector<const ValueState*>& in, int,
                     std::vector<ConstTensor>* out) {
  std::vector<const ConstTensor*> args;
  for (size_t i = 0; i < in.size(); ++i) {
    const ConstTensor* t = Val(in, i);
    if (!t) return false;
    args.push_back(t);
  }
  if (args.empty()) return false;
  ConstTensor r;
  if (!ElementwiseTensor(node.op_type(), args, AttrInt(node, "fmod", 0), &r)) {
    return false;
  }
  out->push_back(std::move(r));
  return true;
}

const std::unordered_map<std::string, Fold>& Folders() {
  static const auto* m = new std::unordered_map<std::string, Fold>{
      {"Constant", FoldConstant},
      {"Shape", FoldShape},
      {"Size", FoldSize},
      {"Identity", FoldIdentity},
      {"Cast", FoldCast},
      {"Gather", FoldGather},
      {"Unsqueeze", FoldUnsqueeze},
      {"Squeeze", FoldSqueeze},
      {"Concat", FoldConcat},
      {"Slice", FoldSlice},
      {"Reshape", FoldReshape},
      {"Flatten", nullptr},
      {"ConstantOfShape", FoldConstantOfShape},
      {"Range", FoldRange},
      {"Expand", FoldExpand},
      {"Where", FoldWhere},
      {"Transpose", FoldTranspose},
      {"Tile", FoldTile},
      {"ReduceProd", FoldReduce},
      {"ReduceSum", FoldReduce},
      {"ReduceMin", FoldReduce},
      {"ReduceMax", FoldReduce},
      {"Split", FoldSplit},
  };
  return *m;
}

}  // namespace

bool IsFoldableOp(const std::string& op) {
  auto it = Folders().find(op);
  if (it != Folders().end()) return it->second != nullptr;
  return IsElementwiseFoldable(op);
}

bool FoldNode(const onnx::NodeProto& node,
              const std::vector<const ValueState*>& inputs, int opset,
              std::vector<ConstTensor>* outputs) {
  outputs->clear();
  const std::string& op = node.op_type();
  if (!node.domain().empty() && node.domain() != "ai.onnx") return false;
  auto it = Folders().find(op);
  bool ok = false;
  if (it != Folders().end()) {
    ok = it->second && it->second(node, inputs, opset, outputs);
  } else if (IsElementwiseFoldable(op)) {
    ok = FoldElementwise(node, inputs, opset, outputs);
  }
  if (!ok || outputs->empty() ||
      static_cast<int>(outputs->size()) > node.output_size()) {
    outputs->clear();
    return false;
  }
  for (const auto& t : *outputs) {
    if (t.NumElements() > kMaxFoldElements) {
      outputs->clear();
      return false;
    }
  }
  return true;
}

}  // namespace maestro::frontend
