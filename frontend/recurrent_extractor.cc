// LSTM, GRU and RNN (ai.onnx) as the gate GEMMs they run (docs/
// onnx-frontend.md, "Recurrent layers"): the input projection of every
// time step at once (M = seq x batch, K = input size, N = gates x hidden)
// and the recurrent product, one per step (M = batch, K = hidden, N = gates
// x hidden, repeat = seq), both times the number of directions.
#include "absl/strings/str_cat.h"
#include "frontend/conv_geometry.h"
#include "frontend/extractor_util.h"
#include "frontend/onnx_util.h"

namespace maestro::frontend {

namespace {

int64_t Gates(const std::string& op) {
  if (op == "LSTM") return 4;
  if (op == "GRU") return 3;
  return 1;
}

Layer GemmPart(const NodeInfo& info, int64_t repeat, int64_t m, int64_t k,
               int64_t n) {
  Layer l = LocatedLayer(info);
  l.type = LayerType::kConv;
  l.Set(Dim::kN, 1).Set(Dim::kK, n).Set(Dim::kC, k);
  l.Set(Dim::kR, 1).Set(Dim::kS, 1).Set(Dim::kY, m).Set(Dim::kX, 1);
  l.repeat = repeat;
  return l;
}

std::string RecurrentNote(const NodeInfo& info, int64_t gates, int64_t seq,
                          int64_t dirs) {
  const std::string& op = info.node.op_type();
  std::string note = absl::StrCat(
      op, ", ", gates, " gate", gates > 1 ? "s" : "", ", ", dirs, " direction",
      dirs > 1 ? "s" : "", ": the input projection of all ", seq,
      " steps as one GEMM, the recurrent GEMM once per step (sequential: "
      "step t needs h(t-1)); biases, ",
      op == "LSTM" ? "peepholes, " : "",
      "activations and the elementwise gate math are not counted");
  if (op == "GRU" && AttrInt(info.node, "linear_before_reset", 0) == 0) {
    absl::StrAppend(&note,
                    "; linear_before_reset=0: the candidate's R.(r*h) waits "
                    "for the reset gate (same MACs)");
  }
  if (!InputName(info.node, 4).empty()) {
    absl::StrAppend(&note, "; sequence_lens given: counted at the full length ",
                    seq,
                    " (an upper bound when sequences are shorter: the "
                    "lengths are data)");
  }
  return note;
}

}  // namespace

absl::Status ExtractRecurrent(const NodeInfo& info, ExtractedModel* model,
                              std::vector<Unresolved>* unresolved) {
  const std::string& op = info.node.op_type();
  const ValueState& x = In(info, 0);
  const ValueState& w = In(info, 1);
  const ValueState& r = In(info, 2);
  const int64_t gates = Gates(op);
  if (!x.ShapeKnown() || !w.ShapeKnown() || !r.ShapeKnown() ||
      x.dims.size() != 3 || w.dims.size() != 3 || r.dims.size() != 3 ||
      w.dims[1] % gates != 0) {
    unresolved->push_back(
        {info.name, op,
         absl::StrCat("X ", ShapeString(x), ", W ", ShapeString(w), ", R ",
                      ShapeString(r))});
    model->coverage.push_back(
        Coverage(info, Verdict::kNotSupported, "recurrent", "shapes unknown"));
    return absl::OkStatus();
  }
  const bool batch_first = AttrInt(info.node, "layout", 0) == 1;
  const int64_t seq = x.dims[batch_first ? 1 : 0];
  const int64_t batch = x.dims[batch_first ? 0 : 1];
  const int64_t input = x.dims[2];
  const int64_t dirs = w.dims[0];
  const int64_t hidden = w.dims[1] / gates;
  if (w.dims[2] != input || r.dims[0] != dirs || r.dims[1] != w.dims[1] ||
      r.dims[2] != hidden) {
    return absl::InvalidArgumentError(absl::StrCat(
        NodeRef(info.node), ": X ", ShapeString(x), ", W ", ShapeString(w),
        ", R ", ShapeString(r), "; expected W [directions, ", gates,
        "*hidden, input] and R [directions, ", gates, "*hidden, hidden]"));
  }
  ExtractedLayer l = BaseLayer(info, 0, 1);
  l.kind = "recurrent";
  l.is_gemm = true;
  l.N = batch;
  l.K = gates * hidden;
  l.C = l.C_total = input;
  l.gemm_b = dirs;
  l.gemm_m = seq * batch;
  l.gemm_k = input + hidden;
  l.gemm_n = gates * hidden;
  l.macs = CheckedProduct({dirs, seq, batch, gates * hidden, input + hidden});
  l.parts.push_back(
      {"input", GemmPart(info, dirs, seq * batch, input, gates * hidden)});
  l.parts.push_back(
      {"recurrent", GemmPart(info, dirs * seq, batch, hidden, gates * hidden)});
  l.note = RecurrentNote(info, gates, seq, dirs);
  return FinishLayer(info, &l, model);
}

}  // namespace maestro::frontend
