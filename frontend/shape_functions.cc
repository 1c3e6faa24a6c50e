#include "frontend/shape_functions.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>
#include <string>
#include <unordered_map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "frontend/conv_geometry.h"
#include "frontend/einsum.h"
#include "frontend/extra_op_shapes.h"
#include "frontend/folding.h"
#include "frontend/onnx_util.h"
#include "frontend/tensor_ops.h"

namespace maestro::frontend {

namespace {

using Inputs = std::vector<const ValueState*>;
using Outputs = std::vector<ValueState>;
using ShapeFn = std::function<absl::Status(const onnx::NodeProto&,
                                           const Inputs&, int, Outputs*)>;

const ValueState& In(const Inputs& in, size_t i) {
  static const ValueState kUnknown;
  return i < in.size() && in[i] ? *in[i] : kUnknown;
}

ValueState Unknown(int32_t elem_type) {
  ValueState v;
  v.elem_type = elem_type;
  return v;
}

ValueState RankOnly(int32_t elem_type, size_t rank) {
  if (rank > 64) return Unknown(elem_type);  // no real tensor has that rank
  return ValueState::Shaped(elem_type, std::vector<int64_t>(rank, -1));
}

absl::Status Bad(const onnx::NodeProto& node, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(NodeRef(node), ": ", what));
}

// floor(dim * scale) for Resize/Upsample; unknown dims stay unknown.
absl::StatusOr<int64_t> ScaledDim(const onnx::NodeProto& node, int64_t dim,
                                  double scale, int64_t axis) {
  constexpr double kMaxScale = 1e6;
  constexpr double kMaxResult = static_cast<double>(int64_t{1} << 40);
  if (!(scale > 0) || scale > kMaxScale) {
    return Bad(node, absl::StrCat("scale ", scale, " of axis ", axis,
                                  "; expected a scale above 0 and at most ",
                                  kMaxScale));
  }
  if (dim < 0) return dim;
  const double r = std::floor(static_cast<double>(dim) * scale);
  if (r > kMaxResult) {
    return Bad(node, absl::StrCat("axis ", axis, " of size ", dim,
                                  " scaled by ", scale, " is over 2^40; ",
                                  "expected a smaller scale"));
  }
  return static_cast<int64_t>(r);
}

// A fully known integer list from a constant input, or nullopt.
std::optional<std::vector<int64_t>> ConstInts(const Inputs& in, size_t i,
                                              bool allow_unknown = false) {
  const ValueState& v = In(in, i);
  if (!v.value || v.value->IsFloat()) return std::nullopt;
  if (!allow_unknown && HasUnknown(*v.value)) return std::nullopt;
  return v.value->ints;
}

// Integer list from input i (newer opsets) or attribute `attr`.
std::optional<std::vector<int64_t>> IntsArg(const onnx::NodeProto& node,
                                            const Inputs& in, size_t i,
                                            const char* attr) {
  if (!InputName(node, i).empty()) return ConstInts(in, i);
  if (attr && HasAttr(node, attr)) return AttrInts(node, attr);
  return std::vector<int64_t>{};
}

absl::Status SameShape(const onnx::NodeProto& node, const Inputs& in, int,
                       Outputs* out) {
  const ValueState& x = In(in, 0);
  ValueState v;
  v.elem_type = x.elem_type;
  v.rank_known = x.rank_known;
  v.dims = x.dims;
  for (int i = 0; i < node.output_size(); ++i) out->push_back(v);
  return absl::OkStatus();
}

absl::Status Broadcast(const onnx::NodeProto& node, const Inputs& in, int,
                       Outputs* out) {
  std::vector<std::vector<int64_t>> shapes;
  const size_t first = node.op_type() == "Where" ? 0 : 0;
  int32_t type = In(in, node.op_type() == "Where" ? 1 : 0).elem_type;
  static const std::set<std::string> kBool = {
      "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual",
      "And",   "Or",   "Xor",     "Not"};
  if (kBool.count(node.op_type())) type = onnx::TensorProto::BOOL;
  for (size_t i = first; i < in.size(); ++i) {
    if (InputName(node, i).empty()) continue;
    if (!In(in, i).rank_known) {
      out->push_back(Unknown(type));
      return absl::OkStatus();
    }
    shapes.push_back(In(in, i).dims);
  }
  std::vector<int64_t> dims;
  if (!BroadcastDims(shapes, &dims)) {
    std::string s;
    for (const auto& sh : shapes)
      absl::StrAppend(&s, s.empty() ? "" : ", ", DimsString(sh));
    return Bad(node, absl::StrCat("input shapes ", s,
                                  " do not broadcast; expected numpy-"
                                  "compatible shapes"));
  }
  out->push_back(ValueState::Shaped(type, dims));
  return absl::OkStatus();
}

absl::Status CastShape(const onnx::NodeProto& node, const Inputs& in, int o,
                       Outputs* out) {
  SameShape(node, in, o, out).IgnoreError();
  int64_t to = AttrInt(node, "to", 0);
  if (node.op_type() == "CastLike") to = In(in, 1).elem_type;
  if (node.op_type() == "DequantizeLinear") to = onnx::TensorProto::FLOAT;
  if (node.op_type() == "QuantizeLinear") {
    to = In(in, 2).elem_type ? In(in, 2).elem_type : onnx::TensorProto::UINT8;
  }
  (*out)[0].elem_type = static_cast<int32_t>(to);
  return absl::OkStatus();
}

// Conv, ConvInteger, QLinearConv, FusedConv: x at 0, w at `w_index`.
absl::Status ConvShape(const onnx::NodeProto& node, const Inputs& in, int,
                       Outputs* out) {
  const bool qlinear = node.op_type() == "QLinearConv";
  const ValueState& x = In(in, 0);
  const ValueState& w = In(in, qlinear ? 3 : 1);
  int32_t type = x.elem_type;
  if (node.op_type() == "ConvInteger") type = onnx::TensorProto::INT32;
  if (qlinear) type = In(in, 7).elem_type ? In(in, 7).elem_type : x.elem_type;
  if (!x.rank_known || !w.rank_known) {
    out->push_back(x.rank_known ? RankOnly(type, x.dims.size())
                                : Unknown(type));
    return absl::OkStatus();
  }
  if (x.dims.size() < 3 || w.dims.size() != x.dims.size()) {
    return Bad(node, absl::StrCat("input ", ShapeString(x), " and weight ",
                                  ShapeString(w),
                                  "; expected N x C x spatial input and a "
                                  "weight K x C/group x kernel of the same "
                                  "rank"));
  }
  const int64_t group = AttrInt(node, "group", 1);
  if (group <= 0)
    return Bad(node, absl::StrCat("group ", group, "; expected >= 1"));
  const int64_t c = x.dims[1], k = w.dims[0], cg = w.dims[1];
  if (c >= 0 && cg >= 0 && c != cg * group) {
    return Bad(node, absl::StrCat("weight ", ShapeString(w), " with group ",
                                  group, " expects ", cg * group,
                                  " input channels but the input ",
                                  ShapeString(x), " has ", c));
  }
  if (k >= 0 && k % group != 0) {
    return Bad(node, absl::StrCat("weight has ", k,
                                  " output channels, not a multiple of group ",
                                  group));
  }
  std::vector<int64_t> spatial(x.dims.begin() + 2, x.dims.end());
  std::vector<int64_t> kernel(w.dims.begin() + 2, w.dims.end());
  std::vector<int64_t> ks = AttrInts(node, "kernel_shape");
  if (!ks.empty()) {
    if (ks.size() != kernel.size())
      return Bad(node, "kernel_shape rank differs from the weight's");
    for (size_t i = 0; i < ks.size(); ++i) {
      if (kernel[i] >= 0 && ks[i] != kernel[i]) {
        return Bad(node, absl::StrCat("kernel_shape disagrees with weight ",
                                      ShapeString(w)));
      }
    }
    kernel = ks;
  }
  for (int64_t kd : kernel) {
    if (kd < 0) {
      out->push_back(RankOnly(type, x.dims.size()));
      return absl::OkStatus();
    }
  }
  auto g = ComputeGeometry(node, GeometryKind::kConv, spatial, kernel);
  if (!g.ok()) return g.status();
  std::vector<int64_t> dims = {x.dims[0], k};
  dims.insert(dims.end(), g->out.begin(), g->out.end());
  out->push_back(ValueState::Shaped(type, dims));
  return absl::OkStatus();
}

absl::Status ConvTransposeShape(const onnx::NodeProto& node, const Inputs& in,
                                int, Outputs* out) {
  const ValueState& x = In(in, 0);
  const ValueState& w = In(in, 1);
  if (!x.rank_known || !w.rank_known) {
    out->push_back(Unknown(x.elem_type));
    return absl::OkStatus();
  }
  if (x.dims.size() < 3 || w.dims.size() != x.dims.size()) {
    return Bad(node, absl::StrCat("input ", ShapeString(x), " and weight ",
                                  ShapeString(w),
                                  "; expected weight C x K/group x kernel of "
                                  "the input's rank"));
  }
  const int64_t group = AttrInt(node, "group", 1);
  if (group <= 0) return Bad(node, "group must be >= 1");
  if (x.dims[1] >= 0 && w.dims[0] >= 0 && x.dims[1] != w.dims[0]) {
    return Bad(node, absl::StrCat("weight ", ShapeString(w), " expects ",
                                  w.dims[0], " input channels but the input ",
                                  ShapeString(x), " has ", x.dims[1]));
  }
  std::vector<int64_t> spatial(x.dims.begin() + 2, x.dims.end());
  std::vector<int64_t> kernel(w.dims.begin() + 2, w.dims.end());
  if (HasAttr(node, "kernel_shape")) kernel = AttrInts(node, "kernel_shape");
  if (std::any_of(kernel.begin(), kernel.end(),
                  [](int64_t v) { return v < 0; })) {
    out->push_back(RankOnly(x.elem_type, x.dims.size()));
    return absl::OkStatus();
  }
  auto g = ComputeGeometry(node, GeometryKind::kConvTranspose, spatial, kernel);
  if (!g.ok()) return g.status();
  std::vector<int64_t> dims = {x.dims[0],
                               w.dims[1] < 0 ? -1 : w.dims[1] * group};
  dims.insert(dims.end(), g->out.begin(), g->out.end());
  out->push_back(ValueState::Shaped(x.elem_type, dims));
  return absl::OkStatus();
}

absl::Status PoolShape(const onnx::NodeProto& node, const Inputs& in, int,
                       Outputs* out) {
  const ValueState& x = In(in, 0);
  if (!x.rank_known) {
    for (int i = 0; i < node.output_size(); ++i)
      out->push_back(Unknown(x.elem_type));
    return absl::OkStatus();
  }
  if (x.dims.size() < 3)
    return Bad(node, absl::StrCat("input ", ShapeString(x),
                                  "; expected N x C x spatial"));
  std::vector<int64_t> dims(x.dims.begin(), x.dims.begin() + 2);
  if (absl::StartsWith(node.op_type(), "Global")) {
    dims.resize(x.dims.size(), 1);
  } else {
    std::vector<int64_t> spatial(x.dims.begin() + 2, x.dims.end());
    auto g = ComputeGeometry(node, GeometryKind::kPool, spatial,
                             AttrInts(node, "kernel_shape"));
    if (!g.ok()) return g.status();
    dims.insert(dims.end(), g->out.begin(), g->out.end());
  }
  out->push_back(ValueState::Shaped(x.elem_type, dims));
  if (node.output_size() > 1) {
    out->push_back(ValueState::Shaped(onnx::TensorProto::INT64, dims));
  }
  return absl::OkStatus();
}

absl::Status GemmShape(const onnx::NodeProto& node, const Inputs& in, int,
                       Outputs* out) {
  const ValueState& a = In(in, 0);
  const ValueState& b = In(in, 1);
  if (!a.rank_known || !b.rank_known) {
    out->push_back(RankOnly(a.elem_type, 2));
    return absl::OkStatus();
  }
  if (a.dims.size() != 2 || b.dims.size() != 2) {
    return Bad(node, absl::StrCat("operands ", ShapeString(a), " and ",
                                  ShapeString(b), "; expected 2-D matrices"));
  }
  const bool ta = AttrInt(node, "transA", 0), tb = AttrInt(node, "transB", 0);
  int64_t m = a.dims[ta ? 1 : 0], ka = a.dims[ta ? 0 : 1];
  int64_t kb = b.dims[tb ? 1 : 0], n = b.dims[tb ? 0 : 1];
  if (ka >= 0 && kb >= 0 && ka != kb) {
    return Bad(node, absl::StrCat("A ", ShapeString(a), " (transA=", ta,
                                  ") and B ", ShapeString(b), " (transB=", tb,
                                  ") disagree on the inner dimension: ", ka,
                                  " vs ", kb));
  }
  out->push_back(ValueState::Shaped(a.elem_type, {m, n}));
  return absl::OkStatus();
}

absl::Status MatMulShape(const onnx::NodeProto& node, const Inputs& in, int,
                         Outputs* out) {
  const bool qlinear = node.op_type() == "QLinearMatMul";
  const ValueState& a = In(in, 0);
  const ValueState& b = In(in, qlinear ? 3 : 1);
  int32_t type = a.elem_type;
  if (node.op_type() == "MatMulInteger") type = onnx::TensorProto::INT32;
  if (qlinear) type = In(in, 7).elem_type ? In(in, 7).elem_type : a.elem_type;
  if (!a.rank_known || !b.rank_known) {
    out->push_back(Unknown(type));
    return absl::OkStatus();
  }
  if (a.dims.empty() || b.dims.empty())
    return Bad(node, "MatMul of a scalar; expected tensors of rank >= 1");
  std::vector<int64_t> ad = a.dims, bd = b.dims;
  const bool a1 = ad.size() == 1, b1 = bd.size() == 1;
  if (a1) ad.insert(ad.begin(), 1);
  if (b1) bd.push_back(1);
  int64_t ka = ad.back(), kb = bd[bd.size() - 2];
  if (node.op_type() == "FusedMatMul") {
    if (AttrInt(node, "transA", 0))
      std::swap(ad[ad.size() - 1], ad[ad.size() - 2]);
    if (AttrInt(node, "transB", 0))
      std::swap(bd[bd.size() - 1], bd[bd.size() - 2]);
    ka = ad.back();
    kb = bd[bd.size() - 2];
  }
  if (ka >= 0 && kb >= 0 && ka != kb) {
    return Bad(node, absl::StrCat(
                         "operands ", ShapeString(a), " and ", ShapeString(b),
                         " disagree on the inner dimension: ", ka, " vs ", kb));
  }
  std::vector<int64_t> batch;
  if (!BroadcastDims({std::vector<int64_t>(ad.begin(), ad.end() - 2),
                      std::vector<int64_t>(bd.begin(), bd.end() - 2)},
                     &batch)) {
    return Bad(node, absl::StrCat("batch dims of ", ShapeString(a), " and ",
                                  ShapeString(b), " do not broadcast"));
  }
  if (!a1) batch.push_back(ad[ad.size() - 2]);
  if (!b1) batch.push_back(bd.back());
  out->push_back(ValueState::Shaped(type, batch));
  return absl::OkStatus();
}

absl::Status FlattenShape(const onnx::NodeProto& node, const Inputs& in, int,
                          Outputs* out) {
  const ValueState& x = In(in, 0);
  if (!x.rank_known) {
    out->push_back(RankOnly(x.elem_type, 2));
    return absl::OkStatus();
  }
  int64_t axis = AttrInt(node, "axis", 1);
  const int64_t rank = static_cast<int64_t>(x.dims.size());
  if (axis < 0) axis += rank;
  if (axis < 0 || axis > rank)
    return Bad(node, absl::StrCat("axis out of range for rank ", rank));
  int64_t a = 1, b = 1;
  for (int64_t i = 0; i < rank; ++i) {
    int64_t& p = i < axis ? a : b;
    p = (p < 0 || x.dims[i] < 0) ? -1 : p * x.dims[i];
  }
  out->push_back(ValueState::Shaped(x.elem_type, {a, b}));
  return absl::OkStatus();
}

absl::Status ReshapeShape(const onnx::NodeProto& node, const Inputs& in, int,
                          Outputs* out) {
  const ValueState& x = In(in, 0);
  const ValueState& s = In(in, 1);
  std::vector<int64_t> shape;
  if (node.op_type() == "Reshape" && InputName(node, 1).empty()) {
    shape = AttrInts(node, "shape");  // opset 1-4
  } else if (s.value && !s.value->IsFloat()) {
    shape = s.value->ints;
  } else {
    out->push_back(s.ShapeKnown() && s.dims.size() == 1
                       ? RankOnly(x.elem_type, s.dims[0])
                       : Unknown(x.elem_type));
    return absl::OkStatus();
  }
  std::vector<int64_t> xdims = x.rank_known ? x.dims : std::vector<int64_t>{};
  if (!x.rank_known) {
    for (int64_t& d : shape) {
      if (d == 0 || d == -1) d = kUnknownDim;
    }
  }
  std::vector<int64_t> dims;
  if (!ReshapeDims(xdims, shape, AttrInt(node, "allowzero", 0), &dims) &&
      x.rank_known) {
    return Bad(node, absl::StrCat("cannot reshape ", ShapeString(x), " to [",
                                  absl::StrJoin(shape, ","),
                                  "]; expected the same number of elements"));
  }
  out->push_back(ValueState::Shaped(x.elem_type, dims));
  return absl::OkStatus();
}

absl::Status TransposeShape(const onnx::NodeProto& node, const Inputs& in, int,
                            Outputs* out) {
  const ValueState& x = In(in, 0);
  if (!x.rank_known) {
    out->push_back(Unknown(x.elem_type));
    return absl::OkStatus();
  }
  ConstTensor t;
  t.dims = x.dims;  // permute the dims as if they were a tensor's axes
  std::vector<int64_t> perm = AttrInts(node, "perm");
  const int64_t rank = static_cast<int64_t>(x.dims.size());
  if (perm.empty()) {
    for (int64_t i = rank - 1; i >= 0; --i) perm.push_back(i);
  }
  std::vector<int64_t> dims;
  std::vector<bool> used(rank, false);
  if (static_cast<int64_t>(perm.size()) != rank)
    return Bad(node, "perm length differs from the input rank");
  for (int64_t p : perm) {
    if (p < 0 || p >= rank || used[p])
      return Bad(node, "perm is not a permutation");
    used[p] = true;
    dims.push_back(x.dims[p]);
  }
  out->push_back(ValueState::Shaped(x.elem_type, dims));
  return absl::OkStatus();
}

absl::Status SqueezeLike(const onnx::NodeProto& node, const Inputs& in, int,
                         Outputs* out) {
  const ValueState& x = In(in, 0);
  auto axes = IntsArg(node, in, 1, "axes");
  if (!x.rank_known || !axes) {
    out->push_back(Unknown(x.elem_type));
    return absl::OkStatus();
  }
  std::vector<int64_t> dims;
  bool ok = node.op_type() == "Squeeze" ? SqueezeDims(x.dims, *axes, &dims)
                                        : UnsqueezeDims(x.dims, *axes, &dims);
  if (!ok) {
    if (node.op_type() == "Squeeze" && axes->empty()) {
      out->push_back(Unknown(x.elem_type));
      return absl::OkStatus();
    }
    return Bad(node, absl::StrCat("axes do not fit input ", ShapeString(x)));
  }
  out->push_back(ValueState::Shaped(x.elem_type, dims));
  return absl::OkStatus();
}

absl::Status ConcatShape(const onnx::NodeProto& node, const Inputs& in, int,
                         Outputs* out) {
  const int32_t type = In(in, 0).elem_type;
  int64_t axis = AttrInt(node, "axis", 0);
  std::vector<int64_t> dims;
  for (size_t i = 0; i < in.size(); ++i) {
    const ValueState& v = In(in, i);
    if (!v.rank_known) {
      out->push_back(dims.empty() ? Unknown(type)
                                  : RankOnly(type, dims.size()));
      return absl::OkStatus();
    }
    if (i == 0) {
      dims = v.dims;
      if (!NormalizeAxis(&axis, dims.size()))
        return Bad(node, "axis out of range");
      continue;
    }
    if (v.dims.size() != dims.size())
      return Bad(node, "inputs of different ranks");
    for (size_t j = 0; j < dims.size(); ++j) {
      if (static_cast<int64_t>(j) == axis) {
        dims[j] = dims[j] < 0 || v.dims[j] < 0 ? -1 : dims[j] + v.dims[j];
      } else if (dims[j] < 0) {
        dims[j] = v.dims[j];
      } else if (v.dims[j] >= 0 && v.dims[j] != dims[j]) {
        return Bad(node, absl::StrCat("inputs differ on dim ", j, ": ", dims[j],
                                      " vs ", v.dims[j]));
      }
    }
  }
  out->push_back(ValueState::Shaped(type, dims));
  return absl::OkStatus();
}

absl::Status SplitShape(const onnx::NodeProto& node, const Inputs& in,
                        int opset, Outputs* out) {
  const ValueState& x = In(in, 0);
  auto split = IntsArg(node, in, 1, "split");
  std::vector<int64_t> sizes;
  int64_t axis = AttrInt(node, "axis", 0);
  if (!x.rank_known || !split ||
      !SplitSizes(x.dims, axis, *split, node.output_size(), &sizes)) {
    if (x.rank_known && split && !split->empty() &&
        static_cast<int>(split->size()) != node.output_size()) {
      return Bad(node, "split has a different count than the outputs");
    }
    for (int i = 0; i < node.output_size(); ++i) {
      out->push_back(x.rank_known ? RankOnly(x.elem_type, x.dims.size())
                                  : Unknown(x.elem_type));
    }
    return absl::OkStatus();
  }
  NormalizeAxis(&axis, x.dims.size());
  for (int64_t s : sizes) {
    ValueState v = ValueState::Shaped(x.elem_type, x.dims);
    v.dims[axis] = s;
    out->push_back(v);
  }
  return absl::OkStatus();
}

absl::Status SliceShape(const onnx::NodeProto& node, const Inputs& in,
                        int opset, Outputs* out) {
  const ValueState& x = In(in, 0);
  if (!x.rank_known) {
    out->push_back(Unknown(x.elem_type));
    return absl::OkStatus();
  }
  auto starts = IntsArg(node, in, 1, "starts");
  auto ends = IntsArg(node, in, 2, "ends");
  auto axes = IntsArg(node, in, 3, "axes");
  auto steps = IntsArg(node, in, 4, nullptr);
  std::vector<int64_t> dims;
  if (!starts || !ends || !axes || !steps ||
      !SliceDims(x.dims, *starts, *ends, *axes, *steps, &dims)) {
    out->push_back(RankOnly(x.elem_type, x.dims.size()));
    return absl::OkStatus();
  }
  out->push_back(ValueState::Shaped(x.elem_type, dims));
  return absl::OkStatus();
}

absl::Status GatherShape(const onnx::NodeProto& node, const Inputs& in, int,
                         Outputs* out) {
  const ValueState& x = In(in, 0);
  const ValueState& idx = In(in, 1);
  int64_t axis = AttrInt(node, "axis", 0);
  if (!x.rank_known || !idx.rank_known) {
    out->push_back(Unknown(x.elem_type));
    return absl::OkStatus();
  }
  if (!NormalizeAxis(&axis, x.dims.size()))
    return Bad(node, "axis out of range");
  std::vector<int64_t> dims(x.dims.begin(), x.dims.begin() + axis);
  dims.insert(dims.end(), idx.dims.begin(), idx.dims.end());
  dims.insert(dims.end(), x.dims.begin() + axis + 1, x.dims.end());
  out->push_back(ValueState::Shaped(x.elem_type, dims));
  return absl::OkStatus();
}

absl::Status PadShape(const onnx::NodeProto& node, const Inputs& in, int,
                      Outputs* out) {
  const ValueState& x = In(in, 0);
  auto pads = IntsArg(node, in, 1, HasAttr(node, "pads") ? "pads" : "paddings");
  auto axes = IntsArg(node, in, 3, nullptr);
  if (!x.rank_known || !pads || !axes) {
    out->push_back(x.rank_known ? RankOnly(x.elem_type, x.dims.size())
                                : Unknown(x.elem_type));
    return absl::OkStatus();
  }
  const int64_t rank = x.dims.size();
  std::vector<int64_t> ax = *axes;
  if (ax.empty()) {
    for (int64_t i = 0; i < rank; ++i) ax.push_back(i);
  }
  if (pads->size() != 2 * ax.size())
    return Bad(node, "pads length is not twice the padded axes");
  for (int64_t p : *pads) {
    if (p > kMaxDim || p < -kMaxDim)
      return Bad(node, "pad larger than any tensor");
  }
  std::vector<int64_t> dims = x.dims;
  for (size_t i = 0; i < ax.size(); ++i) {
    int64_t a = ax[i];
    if (!NormalizeAxis(&a, rank)) return Bad(node, "axis out of range");
    if (dims[a] >= 0) dims[a] += (*pads)[i] + (*pads)[i + ax.size()];
    if (dims[a] < -1) return Bad(node, "negative padded extent");
  }
  out->push_back(ValueState::Shaped(x.elem_type, dims));
  return absl::OkStatus();
}

absl::Status ResizeShape(const onnx::NodeProto& node, const Inputs& in,
                         int opset, Outputs* out) {
  const ValueState& x = In(in, 0);
  if (!x.rank_known) {
    out->push_back(Unknown(x.elem_type));
    return absl::OkStatus();
  }
  const bool upsample = node.op_type() == "Upsample" || opset < 11;
  const size_t scales_i = upsample ? 1 : 2, sizes_i = 3;
  std::vector<int64_t> axes = AttrInts(node, "axes");
  const int64_t rank = x.dims.size();
  if (axes.empty()) {
    for (int64_t i = 0; i < rank; ++i) axes.push_back(i);
  }
  std::vector<int64_t> dims = x.dims;
  const ValueState& sizes = In(in, sizes_i);
  const ValueState& scales = In(in, scales_i);
  if (!upsample && sizes.value && sizes.value->NumElements() > 0) {
    if (sizes.value->NumElements() != static_cast<int64_t>(axes.size()))
      return Bad(node, "sizes length differs from the resized axes");
    for (size_t i = 0; i < axes.size(); ++i) {
      int64_t a = axes[i];
      if (!NormalizeAxis(&a, rank)) return Bad(node, "axis out of range");
      int64_t v = sizes.value->IntAt(i);
      dims[a] = v == kUnknownDim ? -1 : v;
    }
  } else if (scales.value && scales.value->NumElements() > 0) {
    if (scales.value->NumElements() != static_cast<int64_t>(axes.size()))
      return Bad(node, "scales length differs from the resized axes");
    for (size_t i = 0; i < axes.size(); ++i) {
      int64_t a = axes[i];
      if (!NormalizeAxis(&a, rank)) return Bad(node, "axis out of range");
      absl::StatusOr<int64_t> d =
          ScaledDim(node, dims[a], scales.value->FloatAt(i), a);
      if (!d.ok()) return d.status();
      dims[a] = *d;
    }
  } else if (upsample && HasAttr(node, "scales")) {
    const auto* a = FindAttr(node, "scales");
    if (a->floats_size() != rank)
      return Bad(node, "scales length differs from rank");
    for (int64_t i = 0; i < rank; ++i) {
      absl::StatusOr<int64_t> d = ScaledDim(node, dims[i], a->floats(i), i);
      if (!d.ok()) return d.status();
      dims[i] = *d;
    }
  } else {
    dims.assign(rank, -1);
  }
  out->push_back(ValueState::Shaped(x.elem_type, dims));
  return absl::OkStatus();
}

absl::Status ReduceShape(const onnx::NodeProto& node, const Inputs& in,
                         int opset, Outputs* out) {
  const ValueState& x = In(in, 0);
  const bool arg = node.op_type() == "ArgMax" || node.op_type() == "ArgMin";
  const int32_t type = arg ? onnx::TensorProto::INT64 : x.elem_type;
  std::optional<std::vector<int64_t>> axes;
  if (arg) {
    axes = std::vector<int64_t>{AttrInt(node, "axis", 0)};
  } else {
    axes = IntsArg(node, in, 1, "axes");
  }
  if (!x.rank_known || !axes) {
    out->push_back(Unknown(type));
    return absl::OkStatus();
  }
  const bool keep = AttrInt(node, "keepdims", 1) != 0;
  const int64_t rank = x.dims.size();
  if (axes->empty() && AttrInt(node, "noop_with_empty_axes", 0)) {
    out->push_back(ValueState::Shaped(type, x.dims));
    return absl::OkStatus();
  }
  std::vector<bool> red(rank, axes->empty());
  for (int64_t a : *axes) {
    if (!NormalizeAxis(&a, rank)) return Bad(node, "axis out of range");
    red[a] = true;
  }
  std::vector<int64_t> dims;
  for (int64_t i = 0; i < rank; ++i) {
    if (!red[i])
      dims.push_back(x.dims[i]);
    else if (keep)
      dims.push_back(1);
  }
  out->push_back(ValueState::Shaped(type, dims));
  return absl::OkStatus();
}

absl::Status ExpandShape(const onnx::NodeProto& node, const Inputs& in, int,
                         Outputs* out) {
  const ValueState& x = In(in, 0);
  auto shape = ConstInts(in, 1, /*allow_unknown=*/true);
  if (!x.rank_known || !shape) {
    const ValueState& s = In(in, 1);
    out->push_back(
        s.ShapeKnown() && s.dims.size() == 1
            ? RankOnly(x.elem_type, std::max<int64_t>(s.dims[0], x.dims.size()))
            : Unknown(x.elem_type));
    return absl::OkStatus();
  }
  for (int64_t& d : *shape) {
    if (d == kUnknownDim) d = -1;
  }
  std::vector<int64_t> dims;
  if (!BroadcastDims({x.dims, *shape}, &dims)) {
    return Bad(node, absl::StrCat("cannot expand ", ShapeString(x), " to [",
                                  absl::StrJoin(*shape, ","), "]"));
  }
  out->push_back(ValueState::Shaped(x.elem_type, dims));
  return absl::OkStatus();
}

absl::Status TileShape(const onnx::NodeProto& node, const Inputs& in, int,
                       Outputs* out) {
  const ValueState& x = In(in, 0);
  auto reps = ConstInts(in, 1);
  if (!x.rank_known || !reps || reps->size() != x.dims.size()) {
    out->push_back(x.rank_known ? RankOnly(x.elem_type, x.dims.size())
                                : Unknown(x.elem_type));
    return absl::OkStatus();
  }
  std::vector<int64_t> dims = x.dims;
  for (size_t i = 0; i < dims.size(); ++i) {
    if ((*reps)[i] < 0 || (*reps)[i] > kMaxDim) return Bad(node, "bad repeats");
    if (dims[i] >= 0 && (*reps)[i] > 0 && dims[i] > kMaxDim / (*reps)[i]) {
      return Bad(node, "tiled dim larger than any tensor");
    }
    if (dims[i] >= 0) dims[i] *= (*reps)[i];
  }
  out->push_back(ValueState::Shaped(x.elem_type, dims));
  return absl::OkStatus();
}

absl::Status SpaceDepthShape(const onnx::NodeProto& node, const Inputs& in, int,
                             Outputs* out) {
  const ValueState& x = In(in, 0);
  const int64_t b = AttrInt(node, "blocksize", 1);
  if (!x.rank_known || x.dims.size() != 4 || b <= 0 || b > (1 << 20)) {
    out->push_back(RankOnly(x.elem_type, 4));
    return absl::OkStatus();
  }
  auto mul = [](int64_t d, int64_t f) { return d < 0 ? -1 : d * f; };
  auto div = [](int64_t d, int64_t f) { return d < 0 ? -1 : d / f; };
  std::vector<int64_t> d = x.dims;
  if (node.op_type() == "DepthToSpace") {
    d = {d[0], div(d[1], b * b), mul(d[2], b), mul(d[3], b)};
  } else {
    d = {d[0], mul(d[1], b * b), div(d[2], b), div(d[3], b)};
  }
  out->push_back(ValueState::Shaped(x.elem_type, d));
  return absl::OkStatus();
}

absl::Status ShapeOfShape(const onnx::NodeProto& node, const Inputs& in, int,
                          Outputs* out) {
  const ValueState& x = In(in, 0);
  if (node.op_type() == "Size") {
    out->push_back(ValueState::Shaped(onnx::TensorProto::INT64, {}));
  } else if (node.op_type() == "Shape" && x.rank_known) {
    std::vector<ConstTensor> v;
    FoldNode(node, in, 0, &v);
    out->push_back(ValueState::Shaped(onnx::TensorProto::INT64,
                                      {v.empty() ? -1 : v[0].dims[0]}));
  } else {
    out->push_back(RankOnly(onnx::TensorProto::INT64, 1));
  }
  return absl::OkStatus();
}

absl::Status ConstantOfShapeShape(const onnx::NodeProto& node, const Inputs& in,
                                  int, Outputs* out) {
  int32_t type = onnx::TensorProto::FLOAT;
  if (const auto* a = FindAttr(node, "value"); a && a->has_t())
    type = a->t().data_type();
  auto shape = ConstInts(in, 0, true);
  if (!shape) {
    const ValueState& s = In(in, 0);
    out->push_back(s.ShapeKnown() && s.dims.size() == 1
                       ? RankOnly(type, s.dims[0])
                       : Unknown(type));
    return absl::OkStatus();
  }
  for (int64_t& d : *shape) {
    if (d == kUnknownDim)
      d = -1;
    else if (d < 0)
      return Bad(node, "negative dim in shape");
  }
  out->push_back(ValueState::Shaped(type, *shape));
  return absl::OkStatus();
}

absl::Status FirstOutputSame(const onnx::NodeProto& node, const Inputs& in,
                             int opset, Outputs* out) {
  // Normalization / Dropout: output 0 like the input, others unknown.
  const ValueState& x = In(in, 0);
  ValueState v;
  v.elem_type = x.elem_type;
  v.rank_known = x.rank_known;
  v.dims = x.dims;
  out->push_back(v);
  for (int i = 1; i < node.output_size(); ++i) out->push_back(Unknown(0));
  return absl::OkStatus();
}

absl::Status EinsumShape(const onnx::NodeProto& node, const Inputs& in, int,
                         Outputs* out) {
  const ValueState& a = In(in, 0);
  const ValueState& b = In(in, 1);
  EinsumGemm g;
  if (in.size() == 2 && a.ShapeKnown() && b.ShapeKnown() &&
      EinsumAsGemm(AttrString(node, "equation"), a.dims, b.dims, &g)) {
    out->push_back(ValueState::Shaped(a.elem_type, g.output_dims));
  } else {
    out->push_back(Unknown(a.elem_type));
  }
  return absl::OkStatus();
}

// A Constant too large to fold: its shape from the attribute.
absl::Status ConstantShape(const onnx::NodeProto& node, const Inputs&, int,
                           Outputs* out) {
  for (const auto& a : node.attribute()) {
    if (a.name() == "value" && a.has_t()) {
      ValueState v = StateFromTensor(a.t());
      v.value.reset();
      out->push_back(v);
      return absl::OkStatus();
    }
    if (a.name() == "value_ints" || a.name() == "value_floats") {
      out->push_back(ValueState::Shaped(
          a.name() == "value_ints" ? onnx::TensorProto::INT64
                                   : onnx::TensorProto::FLOAT,
          {a.name() == "value_ints" ? a.ints_size() : a.floats_size()}));
      return absl::OkStatus();
    }
  }
  out->push_back(Unknown(0));
  return absl::OkStatus();
}

const std::unordered_map<std::string, ShapeFn>& Functions() {
  static const auto* m = [] {
    auto* f = new std::unordered_map<std::string, ShapeFn>();
    for (const char* op : {"Relu",
                           "LeakyRelu",
                           "PRelu",
                           "Sigmoid",
                           "Tanh",
                           "HardSigmoid",
                           "HardSwish",
                           "Clip",
                           "Elu",
                           "Selu",
                           "Celu",
                           "Gelu",
                           "Erf",
                           "Exp",
                           "Log",
                           "Softplus",
                           "Softsign",
                           "Softmax",
                           "LogSoftmax",
                           "Hardmax",
                           "Identity",
                           "Neg",
                           "Abs",
                           "Sqrt",
                           "Reciprocal",
                           "Floor",
                           "Ceil",
                           "Round",
                           "Sin",
                           "Cos",
                           "Tan",
                           "Atan",
                           "Sign",
                           "Mish",
                           "ThresholdedRelu",
                           "Shrink",
                           "LpNormalization",
                           "LRN",
                           "MeanVarianceNormalization",
                           "Trilu",
                           "CumSum",
                           "Relu6"}) {
      (*f)[op] = SameShape;
    }
    (*f)["BitwiseNot"] = SameShape;              // opset 18
    (*f)["RMSNormalization"] = FirstOutputSame;  // opset 23
    (*f)["RotaryEmbedding"] = SameShape;         // opset 23
    for (const char* op : {"BitwiseAnd", "BitwiseOr", "BitwiseXor"}) {
      (*f)[op] = Broadcast;  // opset 18
    }
    for (const char* op : {"Not", "IsNaN", "IsInf"}) {
      (*f)[op] = [](const onnx::NodeProto& n, const Inputs& in, int o,
                    Outputs* out) {
        SameShape(n, in, o, out).IgnoreError();
        (*out)[0].elem_type = onnx::TensorProto::BOOL;
        return absl::OkStatus();
      };
    }
    for (const char* op :
         {"BatchNormalization", "InstanceNormalization", "LayerNormalization",
          "GroupNormalization", "Dropout"}) {
      (*f)[op] = FirstOutputSame;
    }
    for (const char* op :
         {"Add",   "Sub",  "Mul",     "Div",         "Pow",
          "Mod",   "Min",  "Max",     "Sum",         "Mean",
          "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual",
          "And",   "Or",   "Xor",     "BitShift",    "Where"}) {
      (*f)[op] = Broadcast;
    }
    for (const char* op :
         {"Cast", "CastLike", "QuantizeLinear", "DequantizeLinear"}) {
      (*f)[op] = CastShape;
    }
    for (const char* op : {"Conv", "ConvInteger", "QLinearConv", "FusedConv"}) {
      (*f)[op] = ConvShape;
    }
    (*f)["ConvTranspose"] = ConvTransposeShape;
    for (const char* op :
         {"MaxPool", "AveragePool", "LpPool", "GlobalAveragePool",
          "GlobalMaxPool", "GlobalLpPool"}) {
      (*f)[op] = PoolShape;
    }
    (*f)["Gemm"] = GemmShape;
    (*f)["FusedGemm"] = GemmShape;
    for (const char* op :
         {"MatMul", "MatMulInteger", "QLinearMatMul", "FusedMatMul"}) {
      (*f)[op] = MatMulShape;
    }
    (*f)["Flatten"] = FlattenShape;
    (*f)["Reshape"] = ReshapeShape;
    (*f)["Transpose"] = TransposeShape;
    (*f)["Squeeze"] = SqueezeLike;
    (*f)["Unsqueeze"] = SqueezeLike;
    (*f)["Concat"] = ConcatShape;
    (*f)["Split"] = SplitShape;
    (*f)["Slice"] = SliceShape;
    (*f)["Gather"] = GatherShape;
    (*f)["Pad"] = PadShape;
    (*f)["Resize"] = ResizeShape;
    (*f)["Upsample"] = ResizeShape;
    for (const char* op :
         {"ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd",
          "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp",
          "ReduceSumSquare", "ArgMax", "ArgMin"}) {
      (*f)[op] = ReduceShape;
    }
    (*f)["Expand"] = ExpandShape;
    (*f)["Constant"] = ConstantShape;
    (*f)["Einsum"] = EinsumShape;
    (*f)["Tile"] = TileShape;
    (*f)["DepthToSpace"] = SpaceDepthShape;
    (*f)["SpaceToDepth"] = SpaceDepthShape;
    (*f)["Shape"] = ShapeOfShape;
    (*f)["Size"] = ShapeOfShape;
    (*f)["ConstantOfShape"] = ConstantOfShapeShape;
    return f;
  }();
  return *m;
}

}  // namespace

absl::StatusOr<bool> InferShapes(const onnx::NodeProto& node,
                                 const std::vector<const ValueState*>& inputs,
                                 int opset, std::vector<ValueState>* outputs) {
  outputs->clear();
  if (node.output_size() == 0) return true;  // nothing to infer (fuzzer)
  const std::string& d = node.domain();
  if (!d.empty() && d != "ai.onnx" && d != "com.microsoft") return false;
  auto it = Functions().find(node.op_type());
  if (d == "com.microsoft" && !absl::StartsWith(node.op_type(), "Fused") &&
      node.op_type() != "QLinearConv") {
    it = Functions().end();  // contrib ops: extra_op_shapes.h
  }
  if (it == Functions().end()) {
    if (!InferExtraOpShapes(node, inputs, opset, outputs)) return false;
  } else {
    absl::Status s = it->second(node, inputs, opset, outputs);
    if (!s.ok()) return s;
  }
  if (node.op_type() == "Einsum" && !outputs->empty() &&
      !(*outputs)[0].rank_known) {
    return false;  // one operand, or unknown shapes: ONNX's inference
  }
  outputs->resize(node.output_size());
  for (ValueState& v : *outputs) {
    for (int64_t& dim : v.dims) {
      if (dim < 0) dim = -1;
    }
  }
  return true;
}

}  // namespace maestro::frontend
