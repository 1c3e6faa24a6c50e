#include "frontend/layer_extractor.h"

#include <numeric>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "frontend/conv_geometry.h"
#include "frontend/einsum.h"
#include "frontend/extra_op_shapes.h"
#include "frontend/onnx_util.h"
#include "frontend/op_categories.h"

namespace maestro::frontend {

namespace {

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

ExtractedLayer Base(const NodeInfo& info, int x_index, int w_index) {
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
  l.layer.name = info.name;
  l.layer.loc.file = info.file;
  l.layer.loc.onnx_node =
      info.node.name().empty() ? info.name : info.node.name();
  l.layer.loc.onnx_op = info.node.op_type();
  return l;
}

// Product of positive factors, or -1 beyond kMaxElements.
int64_t CheckedProduct(std::initializer_list<int64_t> factors) {
  __int128 p = 1;
  for (int64_t f : factors) {
    if (f < 0) return -1;
    p *= f;
    if (p > kMaxElements) return -1;
  }
  return static_cast<int64_t>(p);
}

absl::Status Finish(const NodeInfo& info, ExtractedLayer* l,
                    ExtractedModel* model) {
  const Layer& m = l->layer;
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
  l->maestro_macs = AnalyticMacs(l->layer) * l->layer.repeat;
  model->layers.push_back(std::move(*l));
  return absl::OkStatus();
}

// Conv, ConvInteger, QLinearConv, FusedConv and ConvTranspose.
absl::Status ExtractConv(const NodeInfo& info, ExtractedModel* model,
                         std::vector<Unresolved>* unresolved) {
  const std::string& op = info.node.op_type();
  const bool transpose = op == "ConvTranspose";
  const int w_index = op == "QLinearConv" ? 3 : 1;
  const ValueState& x = In(info, 0);
  const ValueState& w = In(info, w_index);
  if (!x.ShapeKnown() || !w.ShapeKnown() || info.outputs.empty() ||
      !info.outputs[0].ShapeKnown()) {
    unresolved->push_back(
        {info.name, op,
         absl::StrCat("input ", ShapeString(x), ", weight ", ShapeString(w))});
    model->coverage.push_back(
        Coverage(info, Verdict::kNotSupported, "conv", "shapes unknown"));
    return absl::OkStatus();
  }
  const size_t spatial = x.dims.size() - 2;
  if (spatial > 2) {
    model->coverage.push_back(
        Coverage(info, Verdict::kNotSupported, "conv",
                 absl::StrCat(spatial,
                              "-D convolution is not costed: MAESTRO layers "
                              "have two spatial dims")));
    return absl::OkStatus();
  }
  std::vector<int64_t> in(x.dims.begin() + 2, x.dims.end());
  std::vector<int64_t> kernel(w.dims.begin() + 2, w.dims.end());
  auto g = ComputeGeometry(
      info.node, transpose ? GeometryKind::kConvTranspose : GeometryKind::kConv,
      in, kernel);
  if (!g.ok()) return g.status();
  // 1-D convolutions become height-1 2-D ones.
  auto dim2 = [&](const std::vector<int64_t>& v, size_t i, int64_t one) {
    return spatial == 1 ? (i == 0 ? one : v[0]) : v[i];
  };
  ExtractedLayer l = Base(info, 0, w_index);
  l.spatial_dims = static_cast<int>(spatial);
  l.auto_pad = g->auto_pad;
  const int64_t group = AttrInt(info.node, "group", 1);
  if (group <= 0 || x.dims[1] % group != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(NodeRef(info.node), ": group ", group,
                     " does not divide the ", x.dims[1], " input channels"));
  }
  const int64_t n = x.dims[0];
  const int64_t c_total = x.dims[1];
  const int64_t k_total = transpose ? w.dims[1] * group : w.dims[0];
  const int64_t cg = c_total / group, kg = k_total / group;
  l.N = n;
  l.G = group;
  l.C_total = c_total;
  l.C = cg;
  l.K = k_total;
  l.R = dim2(kernel, 0, 1);
  l.S = dim2(kernel, 1, 1);
  l.Y = dim2(in, 0, 1);
  l.X = dim2(in, 1, 1);
  l.stride = {dim2(g->strides, 0, 1), dim2(g->strides, 1, 1)};
  l.dilation = {dim2(g->dilations, 0, 1), dim2(g->dilations, 1, 1)};
  const size_t ns = spatial;
  if (spatial == 1) {
    l.pads = {0, g->pads[0], 0, g->pads[1]};
  } else {
    l.pads = {g->pads[0], g->pads[1], g->pads[ns], g->pads[ns + 1]};
  }
  l.output_padding = {dim2(g->output_padding, 0, 0),
                      dim2(g->output_padding, 1, 0)};
  l.Yo = dim2(g->out, 0, 1);
  l.Xo = dim2(g->out, 1, 1);
  const int64_t reff = (l.R - 1) * l.dilation[0] + 1;
  const int64_t seff = (l.S - 1) * l.dilation[1] + 1;
  Layer& m = l.layer;
  if (transpose) {
    // Equivalent stride-1 conv over the input with (stride-1) zeros inserted
    // between pixels and padded by d*(k-1) - pad (+ output_padding at the end).
    l.kind = "convtranspose";
    l.Yp = (l.Y - 1) * l.stride[0] + 1 + 2 * (reff - 1) - l.pads[0] -
           l.pads[2] + l.output_padding[0];
    l.Xp = (l.X - 1) * l.stride[1] + 1 + 2 * (seff - 1) - l.pads[1] -
           l.pads[3] + l.output_padding[1];
    l.macs = CheckedProduct({n, c_total, kg, l.R, l.S, l.Y, l.X});
    l.note = "ConvTranspose as a stride-1 conv over the zero-inserted input";
    m.stride_y = m.stride_x = 1;
  } else {
    l.Yp = l.Y + l.pads[0] + l.pads[2];
    l.Xp = l.X + l.pads[1] + l.pads[3];
    l.macs = CheckedProduct({n, k_total, cg, l.R, l.S, l.Yo, l.Xo});
    m.stride_y = l.stride[0];
    m.stride_x = l.stride[1];
  }
  if (l.dilation[0] > 1 || l.dilation[1] > 1) {
    absl::StrAppend(&l.note, l.note.empty() ? "" : "; ",
                    "dilated: costed as its effective kernel ", reff, "x",
                    seff);
  }
  m.Set(Dim::kN, n).Set(Dim::kR, reff).Set(Dim::kS, seff);
  m.Set(Dim::kY, l.Yp).Set(Dim::kX, l.Xp);
  if (group == 1) {
    if (!transpose) l.kind = "conv";
    m.type = LayerType::kConv;
    m.Set(Dim::kK, k_total).Set(Dim::kC, c_total);
  } else if (cg == 1 && group == c_total) {
    if (!transpose) l.kind = "dwconv";
    m.type = LayerType::kDsconv;
    m.Set(Dim::kK, 1).Set(Dim::kC, c_total);
    l.channel_multiplier = kg;
    if (kg > 1) {
      m.repeat = kg;
      absl::StrAppend(&l.note, l.note.empty() ? "" : "; ",
                      "depthwise with channel multiplier ", kg,
                      ": DSCONV repeated ", kg, " times");
    }
  } else {
    if (!transpose) l.kind = "grouped";
    m.type = LayerType::kConv;
    m.Set(Dim::kK, kg).Set(Dim::kC, cg);
    m.repeat = group;
  }
  if (spatial == 1) {
    absl::StrAppend(&l.note, l.note.empty() ? "" : "; ",
                    "1-D convolution as height 1");
  }
  if (m.OutY() != l.Yo || m.OutX() != l.Xo) {
    return absl::InternalError(absl::StrCat(
        NodeRef(info.node), ": MAESTRO form gives output ", m.OutY(), "x",
        m.OutX(), " but the node's output is ", l.Yo, "x", l.Xo));
  }
  return Finish(info, &l, model);
}

void SetGemmForm(ExtractedLayer* l, int64_t b, int64_t mrows, int64_t k,
                 int64_t ncols) {
  l->is_gemm = true;
  l->gemm_b = b;
  l->gemm_m = mrows;
  l->gemm_k = k;
  l->gemm_n = ncols;
  l->N = b;
  l->K = ncols;
  l->C = l->C_total = k;
  l->Y = l->Yp = l->Yo = mrows;
  l->X = l->Xp = l->Xo = 1;
  l->macs = CheckedProduct({b, mrows, k, ncols});
  // MAESTRO form: a 1x1 CONV with Y = M rows, K = N columns, C = K. A batch
  // of independent products (attention heads) is `repeat` = B.
  Layer& m = l->layer;
  m.type = LayerType::kConv;
  m.Set(Dim::kN, 1).Set(Dim::kK, ncols).Set(Dim::kC, k);
  m.Set(Dim::kR, 1).Set(Dim::kS, 1).Set(Dim::kY, mrows).Set(Dim::kX, 1);
  m.repeat = b;
}

absl::Status ExtractGemm(const NodeInfo& info, ExtractedModel* model,
                         std::vector<Unresolved>* unresolved) {
  const int b_index = info.node.op_type() == "QGemm" ? 3 : 1;
  const ValueState& a = In(info, 0);
  const ValueState& b = In(info, b_index);
  if (!a.ShapeKnown() || !b.ShapeKnown() || a.dims.size() != 2 ||
      b.dims.size() != 2) {
    unresolved->push_back(
        {info.name, info.node.op_type(),
         absl::StrCat("A ", ShapeString(a), ", B ", ShapeString(b))});
    model->coverage.push_back(
        Coverage(info, Verdict::kNotSupported, "gemm", "shapes unknown"));
    return absl::OkStatus();
  }
  ExtractedLayer l = Base(info, 0, b_index);
  l.kind = "gemm";
  l.trans_a = static_cast<int>(AttrInt(info.node, "transA", 0));
  l.trans_b = static_cast<int>(AttrInt(info.node, "transB", 0));
  const int64_t m = a.dims[l.trans_a ? 1 : 0], k = a.dims[l.trans_a ? 0 : 1];
  const int64_t n = b.dims[l.trans_b ? 0 : 1];
  SetGemmForm(&l, 1, m, k, n);
  if (AttrFloat(info.node, "alpha", 1) != 1 ||
      (AttrFloat(info.node, "beta", 1) != 1 && info.node.input_size() > 2)) {
    l.note = "alpha/beta scaling not counted as MACs";
  }
  return Finish(info, &l, model);
}

absl::Status ExtractMatMul(const NodeInfo& info, ExtractedModel* model,
                           std::vector<Unresolved>* unresolved) {
  const std::string& op = info.node.op_type();
  const int b_index = op == "QLinearMatMul" ? 3 : 1;
  const ValueState& a = In(info, 0);
  const ValueState& b = In(info, b_index);
  if (!a.ShapeKnown() || !b.ShapeKnown() || a.dims.empty() || b.dims.empty()) {
    unresolved->push_back(
        {info.name, op,
         absl::StrCat("A ", ShapeString(a), ", B ", ShapeString(b))});
    model->coverage.push_back(
        Coverage(info, Verdict::kNotSupported, "matmul", "shapes unknown"));
    return absl::OkStatus();
  }
  std::vector<int64_t> ad = a.dims, bd = b.dims;
  if (ad.size() == 1) ad.insert(ad.begin(), 1);
  if (bd.size() == 1) bd.push_back(1);
  if (op == "FusedMatMul") {
    if (AttrInt(info.node, "transA", 0))
      std::swap(ad[ad.size() - 1], ad[ad.size() - 2]);
    if (AttrInt(info.node, "transB", 0))
      std::swap(bd[bd.size() - 1], bd[bd.size() - 2]);
  }
  ExtractedLayer l = Base(info, 0, b_index);
  const int64_t m = ad[ad.size() - 2], k = ad.back(), n = bd.back();
  const int64_t a_batch = Prod(ad, 0, ad.size() - 2);
  const int64_t b_batch = Prod(bd, 0, bd.size() - 2);
  l.weight_operand = b.constant ? "B" : (a.constant ? "A" : "");
  if (bd.size() == 2) {
    // x[..., M, K] @ W[K, N]: every batch row shares W: one GEMM.
    l.kind = "gemm";
    SetGemmForm(&l, 1, a_batch * m, k, n);
  } else if (ad.size() == 2) {
    // W[M, K] @ x[..., K, N]: the batches are more columns of one GEMM.
    l.kind = "gemm";
    SetGemmForm(&l, 1, m, k, b_batch * n);
  } else {
    std::vector<int64_t> batch;
    const size_t rank = std::max(ad.size(), bd.size()) - 2;
    for (size_t i = 0; i < rank; ++i) {
      auto at = [&](const std::vector<int64_t>& d) -> int64_t {
        const size_t r = d.size() - 2;
        return i + r >= rank ? d[i + r - rank] : 1;
      };
      batch.push_back(std::max(at(ad), at(bd)));
    }
    l.batch_dims = batch;
    l.kind = l.weight_operand.empty() ? "matmul" : "gemm";
    SetGemmForm(&l, Prod(batch, 0, batch.size()), m, k, n);
  }
  return Finish(info, &l, model);
}

// Two-operand Einsum as a (batched) GEMM; other forms go to the coverage.
absl::Status ExtractEinsum(const NodeInfo& info, ExtractedModel* model,
                           std::vector<Unresolved>* unresolved) {
  const ValueState& a = In(info, 0);
  const ValueState& b = In(info, 1);
  EinsumGemm g;
  if (info.inputs.size() != 2 || !a.ShapeKnown() || !b.ShapeKnown() ||
      !EinsumAsGemm(AttrString(info.node, "equation"), a.dims, b.dims, &g)) {
    const bool unknown =
        info.inputs.size() == 2 && (!a.ShapeKnown() || !b.ShapeKnown());
    if (unknown) {
      unresolved->push_back(
          {info.name, "Einsum",
           absl::StrCat("A ", ShapeString(a), ", B ", ShapeString(b))});
    }
    model->coverage.push_back(Coverage(
        info, Verdict::kNotSupported, "einsum",
        unknown ? "shapes unknown"
                : "not a two-operand contraction: not mapped to a GEMM"));
    return absl::OkStatus();
  }
  ExtractedLayer l = Base(info, 0, 1);
  l.weight_operand = b.constant ? "B" : (a.constant ? "A" : "");
  l.kind = g.batch > 1 && l.weight_operand.empty() ? "matmul" : "gemm";
  SetGemmForm(&l, g.batch, g.m, g.k, g.n);
  l.note =
      absl::StrCat("Einsum '", AttrString(info.node, "equation"), "' as GEMM");
  return Finish(info, &l, model);
}

// Fused attention (ai.onnx Attention-23, com.microsoft Attention and
// MultiHeadAttention) as the GEMMs it runs: for com.microsoft.Attention the
// packed Q/K/V projection (a weight GEMM), then per batch and head the
// scores Q·Kᵀ and the context softmax(scores)·V (repeat = batch × heads).
// Softmax, scaling, masks and biases carry no MACs.
absl::Status ExtractAttention(const NodeInfo& info, ExtractedModel* model,
                              std::vector<Unresolved>* unresolved) {
  AttentionDims d;
  const std::string& op = info.node.op_type();
  const bool packed =
      info.node.domain() == "com.microsoft" && op == "Attention";
  if (!AttentionOperandDims(info.node, info.inputs, &d) || !d.Known() ||
      (packed && (d.hidden_in <= 0 || d.qkv_width <= 0))) {
    unresolved->push_back(
        {info.name, op,
         absl::StrCat("query ", ShapeString(In(info, 0)), ", key/weights ",
                      ShapeString(In(info, 1)))});
    model->coverage.push_back(
        Coverage(info, Verdict::kNotSupported, "attention", "shapes unknown"));
    return absl::OkStatus();
  }
  auto part = [&](const char* suffix, int64_t repeat, int64_t m, int64_t k,
                  int64_t n, const char* kind) -> absl::Status {
    ExtractedLayer l = Base(info, 0, 1);
    l.name = l.layer.name = absl::StrCat(info.name, "/", suffix);
    l.kind = kind;
    l.weight_operand = std::string(kind) == "gemm" ? "B" : "";
    SetGemmForm(&l, repeat, m, k, n);
    if (repeat > 1) l.batch_dims = {d.batch, d.q_heads};
    l.note = absl::StrCat("part of fused ", op, " '", info.name, "'");
    return Finish(info, &l, model);
  };
  if (packed) {
    absl::Status s =
        part("qkv", 1, d.batch * d.q_seq, d.hidden_in, d.qkv_width, "gemm");
    if (!s.ok()) return s;
  }
  const int64_t bh = d.batch * d.q_heads;
  absl::Status s = part("scores", bh, d.q_seq, d.head, d.kv_seq, "matmul");
  if (!s.ok()) return s;
  return part("context", bh, d.q_seq, d.kv_seq, d.v_head, "matmul");
}

}  // namespace

bool IsContribMacOp(const std::string& op) {
  return op == "DynamicQuantizeMatMul" || op == "MatMulIntegerToFloat" ||
         op == "QGemm";
}

bool IsMacOp(const std::string& op) {
  return op == "Conv" || op == "ConvInteger" || op == "QLinearConv" ||
         op == "FusedConv" || op == "ConvTranspose" || op == "Gemm" ||
         op == "FusedGemm" || op == "MatMul" || op == "MatMulInteger" ||
         op == "QLinearMatMul" || op == "FusedMatMul" || IsContribMacOp(op);
}

absl::Status ExtractNode(const NodeInfo& info, ExtractedModel* model,
                         std::vector<Unresolved>* unresolved) {
  const std::string& op = info.node.op_type();
  const std::string& domain = info.node.domain();
  if (info.function_call) {
    model->coverage.push_back(
        Coverage(info, Verdict::kNotMacLayer, "function call (inlined)", ""));
    return absl::OkStatus();
  }
  const bool std_domain = domain.empty() || domain == "ai.onnx";
  const bool ms = domain == "com.microsoft";
  if ((std_domain && op == "Attention") ||
      (ms && (op == "Attention" || op == "MultiHeadAttention"))) {
    return ExtractAttention(info, model, unresolved);
  }
  if ((std_domain || ms) && IsMacOp(op) &&
      (std_domain ? !absl::StartsWith(op, "Fused") && !IsContribMacOp(op)
                  : absl::StartsWith(op, "Fused") || op == "QLinearConv" ||
                        IsContribMacOp(op))) {
    if (op == "Gemm" || op == "FusedGemm" || op == "QGemm") {
      return ExtractGemm(info, model, unresolved);
    }
    if (op.find("MatMul") != std::string::npos) {
      return ExtractMatMul(info, model, unresolved);
    }
    return ExtractConv(info, model, unresolved);
  }
  if (const char* category = ms ? ContribOpCategory(op) : nullptr) {
    model->coverage.push_back(
        Coverage(info, Verdict::kNotMacLayer, category, ""));
    return absl::OkStatus();
  }
  if (!std_domain && domain != "ai.onnx.ml") {
    model->coverage.push_back(
        Coverage(info, Verdict::kNotSupported, "custom",
                 absl::StrCat("op of domain '", domain,
                              "': its semantics are unknown to the frontend")));
    return absl::OkStatus();
  }
  if (std_domain && op == "Einsum")
    return ExtractEinsum(info, model, unresolved);
  if (std::string why = UnsupportedReason(op); !why.empty()) {
    model->coverage.push_back(
        Coverage(info, Verdict::kNotSupported, OpCategory(op), why));
    return absl::OkStatus();
  }
  model->coverage.push_back(Coverage(
      info, info.folded ? Verdict::kShapeFolded : Verdict::kNotMacLayer,
      info.folded ? "shape computation" : OpCategory(op), ""));
  return absl::OkStatus();
}

const char* VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kNotMacLayer:
      return "not a MAC layer";
    case Verdict::kShapeFolded:
      return "folded";
    case Verdict::kNotSupported:
      return "not supported";
  }
  return "?";
}

}  // namespace maestro::frontend
