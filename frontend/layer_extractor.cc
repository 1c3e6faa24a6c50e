#include "frontend/layer_extractor.h"

#include <numeric>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "frontend/conv_geometry.h"
#include "frontend/einsum.h"
#include "frontend/extra_op_shapes.h"
#include "frontend/extractor_util.h"
#include "frontend/onnx_util.h"
#include "frontend/op_categories.h"

namespace maestro::frontend {

namespace {

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
}

// MAESTRO form of a GEMM: a 1x1 CONV with Y = M rows, K = N columns, C = K.
// A batch of independent products (attention heads) is `repeat` = B.
Layer GemmLayer(const NodeInfo& info, int64_t b, int64_t mrows, int64_t k,
                int64_t ncols) {
  Layer m = LocatedLayer(info);
  m.type = LayerType::kConv;
  m.Set(Dim::kN, 1).Set(Dim::kK, ncols).Set(Dim::kC, k);
  m.Set(Dim::kR, 1).Set(Dim::kS, 1).Set(Dim::kY, mrows).Set(Dim::kX, 1);
  m.repeat = b;
  return m;
}

// The node as one GEMM: fields and its single part.
void SetGemm(const NodeInfo& info, ExtractedLayer* l, int64_t b, int64_t mrows,
             int64_t k, int64_t ncols) {
  SetGemmForm(l, b, mrows, k, ncols);
  l->parts = {{"", GemmLayer(info, b, mrows, k, ncols)}};
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
  ExtractedLayer l = BaseLayer(info, 0, b_index);
  l.kind = "gemm";
  l.trans_a = static_cast<int>(AttrInt(info.node, "transA", 0));
  l.trans_b = static_cast<int>(AttrInt(info.node, "transB", 0));
  const int64_t m = a.dims[l.trans_a ? 1 : 0], k = a.dims[l.trans_a ? 0 : 1];
  const int64_t n = b.dims[l.trans_b ? 0 : 1];
  SetGemm(info, &l, 1, m, k, n);
  if (AttrFloat(info.node, "alpha", 1) != 1 ||
      (AttrFloat(info.node, "beta", 1) != 1 && info.node.input_size() > 2)) {
    l.note = "alpha/beta scaling not counted as MACs";
  }
  return FinishLayer(info, &l, model);
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
  ExtractedLayer l = BaseLayer(info, 0, b_index);
  const int64_t m = ad[ad.size() - 2], k = ad.back(), n = bd.back();
  const int64_t a_batch = Prod(ad, 0, ad.size() - 2);
  const int64_t b_batch = Prod(bd, 0, bd.size() - 2);
  l.weight_operand = b.constant ? "B" : (a.constant ? "A" : "");
  if (bd.size() == 2) {
    // x[..., M, K] @ W[K, N]: every batch row shares W: one GEMM.
    l.kind = "gemm";
    SetGemm(info, &l, 1, a_batch * m, k, n);
  } else if (ad.size() == 2) {
    // W[M, K] @ x[..., K, N]: the batches are more columns of one GEMM.
    l.kind = "gemm";
    SetGemm(info, &l, 1, m, k, b_batch * n);
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
    SetGemm(info, &l, Prod(batch, 0, batch.size()), m, k, n);
  }
  return FinishLayer(info, &l, model);
}

// DeformConv's MACs as a conv: output numel x C/group x kernel.
int64_t DeformConvMacs(const NodeInfo& info) {
  const ValueState& w = In(info, 1);
  if (info.outputs.empty() || !info.outputs[0].ShapeKnown() ||
      !w.ShapeKnown() || w.dims.size() < 2) {
    return -1;
  }
  const std::vector<int64_t>& o = info.outputs[0].dims;
  const int64_t per_output = Prod(w.dims, 1, w.dims.size());
  return CheckedProduct({Prod(o, 0, o.size()), per_output});
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
    CoverageEntry e = Coverage(
        info, Verdict::kNotSupported, "einsum",
        unknown ? "shapes unknown"
                : "not a two-operand contraction: not mapped to a GEMM "
                  "(macs_estimate: contracted left to right)");
    std::vector<std::vector<int64_t>> shapes;
    for (size_t i = 0; i < info.inputs.size(); ++i) {
      shapes.push_back(In(info, i).ShapeKnown() ? In(info, i).dims
                                                : std::vector<int64_t>{-1});
    }
    e.macs_estimate =
        EinsumMacsEstimate(AttrString(info.node, "equation"), shapes);
    model->coverage.push_back(std::move(e));
    return absl::OkStatus();
  }
  ExtractedLayer l = BaseLayer(info, 0, 1);
  l.weight_operand = b.constant ? "B" : (a.constant ? "A" : "");
  l.kind = g.batch > 1 && l.weight_operand.empty() ? "matmul" : "gemm";
  SetGemm(info, &l, g.batch, g.m, g.k, g.n);
  l.note =
      absl::StrCat("Einsum '", AttrString(info.node, "equation"), "' as GEMM");
  return FinishLayer(info, &l, model);
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
  // One layer, kind "attention", with a part per product.
  ExtractedLayer l = BaseLayer(info, 0, 1);
  l.kind = "attention";
  l.is_gemm = true;
  l.batch_dims = {d.batch, d.q_heads};
  __int128 macs = 0;
  auto part = [&](const char* label, int64_t repeat, int64_t m, int64_t k,
                  int64_t n) {
    l.parts.push_back({label, GemmLayer(info, repeat, m, k, n)});
    macs += static_cast<__int128>(CheckedProduct({repeat, m, k, n}));
  };
  if (packed) part("qkv", 1, d.batch * d.q_seq, d.hidden_in, d.qkv_width);
  const int64_t bh = d.batch * d.q_heads;
  part("scores", bh, d.q_seq, d.head, d.kv_seq);
  part("context", bh, d.q_seq, d.kv_seq, d.v_head);
  l.macs = macs > kMaxElements ? -1 : static_cast<int64_t>(macs);
  l.note = absl::StrCat(
      "fused ", op, " as ", l.parts.size(),
      " GEMMs: ", packed ? "packed Q/K/V projection, " : "",
      "scores Q.K^T and context softmax.V per batch x head (repeat ", bh, ")");
  return FinishLayer(info, &l, model);
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
  if (std_domain && (op == "LSTM" || op == "GRU" || op == "RNN")) {
    return ExtractRecurrent(info, model, unresolved);
  }
  if (std::string why = UnsupportedReason(op); !why.empty()) {
    CoverageEntry e =
        Coverage(info, Verdict::kNotSupported, OpCategory(op), why);
    if (op == "DeformConv") e.macs_estimate = DeformConvMacs(info);
    model->coverage.push_back(std::move(e));
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
