#include "frontend/extra_op_shapes.h"

#include <set>
#include <string>

#include "frontend/onnx_util.h"
#include "frontend/shape_functions.h"
#include "frontend/tensor_ops.h"

namespace maestro::frontend {

namespace {

using Inputs = std::vector<const ValueState*>;
using Outputs = std::vector<ValueState>;

const ValueState& In(const Inputs& in, size_t i) {
  static const ValueState kUnknown;
  return i < in.size() && in[i] ? *in[i] : kUnknown;
}

ValueState Like(const ValueState& x, int32_t elem_type = 0) {
  ValueState v;
  v.elem_type = elem_type ? elem_type : x.elem_type;
  v.rank_known = x.rank_known;
  v.dims = x.dims;
  return v;
}

int64_t Div(int64_t a, int64_t b) { return a < 0 || b <= 0 ? -1 : a / b; }
int64_t Mul(int64_t a, int64_t b) { return a < 0 || b < 0 ? -1 : a * b; }
int64_t Add(int64_t a, int64_t b) { return a < 0 || b < 0 ? -1 : a + b; }

// Elementwise and normalization-like contrib ops: output 0 has input 0's
// shape (SkipLayerNormalization's output 3, the skip sum, too).
const std::set<std::string>& SameShapeContribOps() {
  static const auto* s =
      new std::set<std::string>{"Gelu",
                                "FastGelu",
                                "BiasGelu",
                                "QuickGelu",
                                "BiasAdd",
                                "BiasDropout",
                                "BitmaskBiasDropout",
                                "LayerNormalization",
                                "SimplifiedLayerNormalization",
                                "SkipLayerNormalization",
                                "SkipSimplifiedLayerNormalization",
                                "RotaryEmbedding",
                                "GroupNorm",
                                "SkipGroupNorm",
                                "QLinearSigmoid",
                                "QLinearLeakyRelu",
                                "QLinearSoftmax",
                                "QuantizeLinear",
                                "DequantizeLinear",
                                "Inverse"};
  return *s;
}

// MatMul's output dims (numpy broadcasting of the batch dims).
bool MatMulDims(std::vector<int64_t> a, std::vector<int64_t> b,
                std::vector<int64_t>* out) {
  if (a.empty() || b.empty()) return false;
  const bool a1 = a.size() == 1, b1 = b.size() == 1;
  if (a1) a.insert(a.begin(), 1);
  if (b1) b.push_back(1);
  std::vector<int64_t> batch;
  if (!BroadcastDims({std::vector<int64_t>(a.begin(), a.end() - 2),
                      std::vector<int64_t>(b.begin(), b.end() - 2)},
                     &batch)) {
    return false;
  }
  *out = batch;
  if (!a1) out->push_back(a[a.size() - 2]);
  if (!b1) out->push_back(b.back());
  return true;
}

void AttentionOutputs(const onnx::NodeProto& node, const Inputs& in,
                      Outputs* out) {
  AttentionDims d;
  const int32_t type = In(in, 0).elem_type;
  if (AttentionOperandDims(node, in, &d)) {
    std::vector<int64_t> y =
        d.four_d
            ? std::vector<int64_t>{d.batch, d.q_heads, d.q_seq, d.v_head}
            : std::vector<int64_t>{d.batch, d.q_seq, Mul(d.q_heads, d.v_head)};
    out->push_back(ValueState::Shaped(type, y));
  } else {
    out->push_back(ValueState());
  }
  out->resize(node.output_size());
}

}  // namespace

const char* ContribOpCategory(const std::string& op) {
  if (op == "QLinearAveragePool" || op == "QLinearGlobalAveragePool")
    return "pooling";
  if (op == "QLinearConcat") return "data movement";
  if (op == "EmbedLayerNormalization" || op.find("Norm") != std::string::npos)
    return "normalization";
  if (op == "QuantizeLinear" || op == "DequantizeLinear") return "quantization";
  if (SameShapeContribOps().count(op) || op == "QLinearAdd" ||
      op == "QLinearMul") {
    return "elementwise";
  }
  return nullptr;
}

bool AttentionDims::Known() const {
  for (int64_t v : {batch, q_heads, q_seq, kv_seq, head, v_head}) {
    if (v <= 0) return false;
  }
  return true;
}

bool AttentionOperandDims(const onnx::NodeProto& node, const Inputs& in,
                          AttentionDims* d) {
  const std::string& dom = node.domain();
  const std::string& op = node.op_type();
  const bool std_domain = dom.empty() || dom == "ai.onnx";
  const ValueState& q = In(in, 0);
  if (!q.rank_known) return false;
  *d = AttentionDims();
  if (std_domain && op == "Attention") {
    const ValueState& k = In(in, 1);
    const ValueState& v = In(in, 2);
    if (!k.rank_known || !v.rank_known) return false;
    const ValueState& past = In(in, 4);
    const int64_t past_seq =
        past.rank_known && past.dims.size() == 4 ? past.dims[2] : 0;
    if (q.dims.size() == 4 && k.dims.size() == 4 && v.dims.size() == 4) {
      d->four_d = true;
      d->batch = q.dims[0];
      d->q_heads = q.dims[1];
      d->q_seq = q.dims[2];
      d->head = q.dims[3];
      d->kv_heads = k.dims[1];
      d->kv_seq = Add(k.dims[2], past_seq);
      d->v_head = v.dims[3];
      return true;
    }
    if (q.dims.size() == 3 && k.dims.size() == 3 && v.dims.size() == 3) {
      d->q_heads = AttrInt(node, "q_num_heads", -1);
      d->kv_heads = AttrInt(node, "kv_num_heads", -1);
      d->batch = q.dims[0];
      d->q_seq = q.dims[1];
      d->head = Div(q.dims[2], d->q_heads);
      d->kv_seq = Add(k.dims[1], past_seq);
      d->v_head = Div(v.dims[2], d->kv_heads);
      return true;
    }
    return false;
  }
  if (dom != "com.microsoft") return false;
  const int64_t heads = AttrInt(node, "num_heads", -1);
  d->q_heads = d->kv_heads = heads;
  if (op == "Attention") {
    // input [B, S, H_in], weights [H_in, Dq + Dk + Dv], past [2, B, N, P, h]
    const ValueState& w = In(in, 1);
    if (q.dims.size() != 3 || !w.rank_known || w.dims.size() != 2) {
      return false;
    }
    std::vector<int64_t> sizes = AttrInts(node, "qkv_hidden_sizes");
    if (sizes.size() != 3) {
      const int64_t third = Div(w.dims[1], 3);
      sizes = {third, third, third};
    }
    const ValueState& past = In(in, 4);
    const int64_t past_seq =
        past.rank_known && past.dims.size() == 5 ? past.dims[3] : 0;
    d->batch = q.dims[0];
    d->q_seq = q.dims[1];
    d->kv_seq = Add(q.dims[1], past_seq);
    d->hidden_in = q.dims[2];
    d->qkv_width = w.dims[1];
    d->head = Div(sizes[0], heads);
    d->v_head = Div(sizes[2], heads);
    return true;
  }
  if (op == "MultiHeadAttention") {
    const ValueState& k = In(in, 1);
    const ValueState& v = In(in, 2);
    d->batch = q.dims.empty() ? -1 : q.dims[0];
    if (q.dims.size() == 5) {  // packed QKV [B, S, N, 3, h]
      d->q_seq = d->kv_seq = q.dims[1];
      d->head = d->v_head = q.dims[4];
    } else if (q.dims.size() == 3 && k.rank_known && k.dims.size() == 5) {
      d->q_seq = q.dims[1];  // packed KV [B, L, N, 2, h]
      d->kv_seq = k.dims[1];
      d->head = d->v_head = k.dims[4];
    } else if (q.dims.size() == 3 && k.rank_known && v.rank_known &&
               k.dims.size() == v.dims.size() &&
               (k.dims.size() == 3 || k.dims.size() == 4)) {
      d->q_seq = q.dims[1];
      d->head = Div(q.dims[2], heads);
      if (k.dims.size() == 3) {  // [B, L, D]
        d->kv_seq = k.dims[1];
        d->v_head = Div(v.dims[2], heads);
      } else {  // [B, N, L, h]
        d->kv_seq = k.dims[2];
        d->v_head = v.dims[3];
      }
    } else {
      return false;
    }
    const ValueState& past = In(in, 6);
    if (past.rank_known && past.dims.size() == 4) {
      d->kv_seq = Add(d->kv_seq, past.dims[2]);
    }
    return true;
  }
  return false;
}

bool InferExtraOpShapes(const onnx::NodeProto& node, const Inputs& in,
                        int opset, Outputs* out) {
  out->clear();
  const std::string& dom = node.domain();
  const std::string& op = node.op_type();
  const bool std_domain = dom.empty() || dom == "ai.onnx";
  const ValueState& x = In(in, 0);
  if (std_domain && op == "Attention") {
    AttentionOutputs(node, in, out);
    return true;
  }
  if (std_domain && op == "CenterCropPad") {
    const ValueState& s = In(in, 1);
    std::vector<int64_t> axes = AttrInts(node, "axes");
    ValueState y = Like(x);
    if (!x.rank_known || !s.value || s.value->IsFloat()) {
      out->push_back(x.rank_known ? ValueState::Shaped(
                                        x.elem_type,
                                        std::vector<int64_t>(x.dims.size(), -1))
                                  : ValueState());
      return true;
    }
    const int64_t rank = static_cast<int64_t>(x.dims.size());
    if (axes.empty()) {
      for (int64_t i = 0; i < rank; ++i) axes.push_back(i);
    }
    if (static_cast<int64_t>(axes.size()) != s.value->NumElements()) {
      out->push_back(ValueState());
      return true;
    }
    for (size_t i = 0; i < axes.size(); ++i) {
      int64_t a = axes[i] < 0 ? axes[i] + rank : axes[i];
      if (a < 0 || a >= rank) {
        out->clear();
        out->push_back(ValueState());
        return true;
      }
      y.dims[a] = s.value->IntAt(static_cast<int64_t>(i));
    }
    out->push_back(y);
    return true;
  }
  if (dom != "com.microsoft") return false;
  if (SameShapeContribOps().count(op)) {
    out->push_back(Like(x));
    for (int i = 1; i < node.output_size(); ++i) {
      out->push_back(op.rfind("Skip", 0) == 0 && i == 3 ? Like(x)
                                                        : ValueState());
    }
    return true;
  }
  if (op == "Attention" || op == "MultiHeadAttention") {
    AttentionOutputs(node, in, out);
    return true;
  }
  if (op == "QLinearAdd" || op == "QLinearMul") {
    const ValueState& b = In(in, 3);
    std::vector<int64_t> dims;
    if (x.rank_known && b.rank_known &&
        BroadcastDims({x.dims, b.dims}, &dims)) {
      out->push_back(ValueState::Shaped(x.elem_type, dims));
    } else {
      out->push_back(ValueState());
    }
    return true;
  }
  if (op == "DynamicQuantizeMatMul" || op == "MatMulIntegerToFloat") {
    const ValueState& b = In(in, 1);
    std::vector<int64_t> dims;
    if (x.rank_known && b.rank_known && MatMulDims(x.dims, b.dims, &dims)) {
      out->push_back(ValueState::Shaped(onnx::TensorProto::FLOAT, dims));
    } else {
      out->push_back(ValueState());
    }
    return true;
  }
  if (op == "QGemm") {
    const ValueState& b = In(in, 3);
    if (x.rank_known && b.rank_known && x.dims.size() == 2 &&
        b.dims.size() == 2) {
      const bool ta = AttrInt(node, "transA", 0),
                 tb = AttrInt(node, "transB", 0);
      out->push_back(ValueState::Shaped(
          In(in, 6).elem_type ? In(in, 6).elem_type : onnx::TensorProto::FLOAT,
          {x.dims[ta ? 1 : 0], b.dims[tb ? 0 : 1]}));
    } else {
      out->push_back(ValueState());
    }
    return true;
  }
  if (op == "QLinearAveragePool" || op == "QLinearGlobalAveragePool" ||
      op == "QLinearConcat") {
    // As the float op on the quantized tensors: QLinear(Global)AveragePool
    // reads x at 0, QLinearConcat (y_scale, y_zp, then x, scale, zp per
    // input) at 2, 5, 8...
    const bool concat = op == "QLinearConcat";
    const bool nhwc = AttrInt(node, "channels_last", 0) != 0;
    onnx::NodeProto f = node;
    f.set_domain("");
    f.set_op_type(op.substr(7));  // "AveragePool", "GlobalAveragePool"...
    f.clear_input();
    Inputs fin;
    for (int i = concat ? 2 : 0; i < node.input_size(); i += concat ? 3 : 1) {
      f.add_input(node.input(i));
      fin.push_back(i < static_cast<int>(in.size()) ? in[i] : nullptr);
      if (!concat) break;
    }
    ValueState nchw;
    if (nhwc && !concat && x.rank_known && x.dims.size() >= 3) {
      nchw = x;  // [N, spatial..., C] -> [N, C, spatial...]
      nchw.dims.insert(nchw.dims.begin() + 1, nchw.dims.back());
      nchw.dims.pop_back();
      fin[0] = &nchw;
    }
    auto r = InferShapes(f, fin, 17, out);
    if (!r.ok() || !*r || out->empty()) {
      out->assign(1, ValueState());
    } else if (nhwc && !concat && (*out)[0].rank_known &&
               (*out)[0].dims.size() >= 3) {
      std::vector<int64_t>& d = (*out)[0].dims;
      d.push_back(d[1]);
      d.erase(d.begin() + 1);
    }
    out->resize(node.output_size());
    return true;
  }
  if (op == "EmbedLayerNormalization") {
    // input_ids [B, S], word_embedding [V, H] -> [B, S, H], mask_index [B]
    const ValueState& emb = In(in, 2);
    if (x.rank_known && x.dims.size() == 2 && emb.rank_known &&
        emb.dims.size() == 2) {
      out->push_back(ValueState::Shaped(emb.elem_type,
                                        {x.dims[0], x.dims[1], emb.dims[1]}));
      out->push_back(ValueState::Shaped(onnx::TensorProto::INT32, {x.dims[0]}));
    } else {
      out->push_back(ValueState());
    }
    out->resize(node.output_size());
    return true;
  }
  (void)opset;
  return false;
}

}  // namespace maestro::frontend
