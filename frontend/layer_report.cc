#include "frontend/layer_report.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "core/report/json_text.h"
#include "frontend/value_state.h"

namespace maestro::frontend {

namespace {

// Always listed (JSON `counts`, `MACs`); "recurrent" and "attention" appear
// when a model has them.
const char* const kKinds[] = {"conv",          "dwconv", "grouped",
                              "convtranspose", "gemm",   "matmul"};
const char* const kOtherKinds[] = {"recurrent", "attention"};

int64_t PartMacs(const Layer& m) { return AnalyticMacs(m) * m.repeat; }

// "  (costed N MACs)" when the MAESTRO form does other work than the node.
std::string CostedMark(const ExtractedLayer& l) {
  if (l.maestro_macs == l.macs) return "";
  return absl::StrCat("  (costed ", l.maestro_macs, " MACs: see note)");
}

std::string Pair(const std::array<int64_t, 2>& a) {
  return absl::StrCat(a[0], "x", a[1]);
}

std::string Pads(const std::array<int64_t, 4>& p) {
  return absl::StrJoin(p, ",");
}

std::string Shapes(const std::vector<std::vector<int64_t>>& shapes) {
  std::vector<std::string> parts;
  for (const auto& s : shapes) parts.push_back(DimsString(s));
  return absl::StrJoin(parts, " ");
}

nlohmann::json MaestroJson(const Layer& m) {
  nlohmann::json j;
  j["type"] = std::string(LayerTypeName(m.type));
  for (Dim d :
       {Dim::kN, Dim::kK, Dim::kC, Dim::kR, Dim::kS, Dim::kY, Dim::kX}) {
    if (m.Has(d)) j[std::string(DimName(d))] = m.Get(d);
  }
  j["stride"] = {m.stride_y, m.stride_x};
  if (m.repeat != 1) j["repeat"] = m.repeat;
  return j;
}

nlohmann::json LayerJson(const ExtractedLayer& l) {
  nlohmann::json j;
  j["name"] = l.name;
  j["op"] = l.op;
  j["subgraph"] = l.subgraph;
  j["conditional"] = l.conditional;
  j["input"] = l.input;
  j["weight"] = l.weight;
  j["output"] = l.output;
  j["input_shape"] = l.input_shape;
  j["weight_shape"] = l.weight_shape;
  j["output_shape"] = l.output_shape;
  if (l.op == "Gemm" || l.op == "FusedGemm") {
    j["transA"] = l.trans_a;
    j["transB"] = l.trans_b;
  }
  if (l.op.find("MatMul") != std::string::npos) {
    j["batch_dims"] = l.batch_dims;
    j["weight_operand"] = l.weight_operand.empty()
                              ? nlohmann::json(nullptr)
                              : nlohmann::json(l.weight_operand);
  }
  j["type"] = l.kind;
  j["N"] = l.N;
  j["K"] = l.K;
  j["C"] = l.C;
  j["C_total"] = l.C_total;
  j["G"] = l.G;
  j["R"] = l.R;
  j["S"] = l.S;
  j["Y"] = l.Y;
  j["X"] = l.X;
  j["Yp"] = l.Yp;
  j["Xp"] = l.Xp;
  j["Yo"] = l.Yo;
  j["Xo"] = l.Xo;
  j["stride"] = l.stride;
  j["pads"] = l.pads;
  j["dilation"] = l.dilation;
  if (!l.is_gemm) {
    j["auto_pad"] = l.auto_pad;
    j["spatial_dims"] = l.spatial_dims;
    if (l.kind == "convtranspose") j["output_padding"] = l.output_padding;
    if (l.channel_multiplier > 1)
      j["channel_multiplier"] = l.channel_multiplier;
  } else {
    j["gemm"] = {
        {"B", l.gemm_b}, {"M", l.gemm_m}, {"K", l.gemm_k}, {"N", l.gemm_n}};
  }
  j["MACs"] = l.macs;
  if (l.parts.size() == 1) {
    j["maestro"] = MaestroJson(l.parts[0].layer);
  } else {
    j["parts"] = nlohmann::json::array();
    for (const LayerPart& p : l.parts) {
      j["parts"].push_back({{"part", p.part},
                            {"name", p.layer.name},
                            {"maestro", MaestroJson(p.layer)},
                            {"MACs", PartMacs(p.layer)}});
    }
  }
  j["maestro_MACs"] = l.maestro_macs;
  if (!l.note.empty()) j["note"] = l.note;
  return j;
}

std::string Json(const ExtractedModel& m) {
  nlohmann::json j;
  j["file"] = m.file;
  j["opset"] = {{"ai.onnx", m.opset}};
  j["producer"] = m.producer;
  j["inputs"] = m.inputs;
  j["nodes"] = m.node_count;
  j["shape_nodes_folded"] = m.shape_nodes_folded;
  j["if_nodes_inlined"] = m.if_nodes_inlined;
  LayerTotals t = ComputeTotals(m);
  j["counts"] = t.count;
  nlohmann::json macs = {{"total", t.total_macs},
                         {"in_subgraphs", t.conditional_macs}};
  for (const auto& [k, v] : t.macs) macs[k] = v;
  j["MACs"] = macs;
  j["op_histogram"] = m.op_histogram;
  j["layers"] = nlohmann::json::array();
  for (const auto& l : m.layers) j["layers"].push_back(LayerJson(l));
  j["coverage"] = nlohmann::json::array();
  for (const auto& c : m.coverage) {
    nlohmann::json e = {{"node", c.node},
                        {"op", c.op},
                        {"subgraph", c.subgraph},
                        {"verdict", VerdictName(c.verdict)},
                        {"category", c.category},
                        {"input_shapes", c.input_shapes},
                        {"output_shapes", c.output_shapes}};
    if (!c.reason.empty()) e["reason"] = c.reason;
    if (c.macs_estimate >= 0) e["macs_estimate"] = c.macs_estimate;
    j["coverage"].push_back(e);
  }
  j["notes"] = m.notes;
  // Names come from the file: invalid UTF-8 is replaced, not thrown on.
  return DumpJson(j, 1) + "\n";
}

std::string Csv(const ExtractedModel& m) {
  std::string s =
      "name,op,verdict,type,N,K,C,G,R,S,Y,X,Yp,Xp,Yo,Xo,stride_y,stride_x,"
      "pad_y0,pad_x0,pad_y1,pad_x1,dilation_y,dilation_x,repeat,MACs,"
      "maestro_type,conditional,detail\n";
  auto quote = [](const std::string& v) {
    if (v.find_first_of(",\"\n") == std::string::npos) return v;
    std::string q = "\"";
    for (char c : v) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  for (const auto& l : m.layers) {
    const bool one = l.parts.size() == 1;
    const Layer& first = l.parts[0].layer;
    absl::StrAppend(&s, quote(l.name), ",", l.op, ",layer,", l.kind, ",", l.N,
                    ",", l.K, ",", l.C, ",", l.G, ",", l.R, ",", l.S, ",", l.Y,
                    ",", l.X, ",", l.Yp, ",", l.Xp, ",", l.Yo, ",", l.Xo, ",",
                    l.stride[0], ",", l.stride[1], ",", Pads(l.pads), ",",
                    l.dilation[0], ",", l.dilation[1], ",",
                    one ? absl::StrCat(first.repeat) : "", ",", l.macs, ",",
                    one ? std::string(LayerTypeName(first.type))
                        : absl::StrCat(l.parts.size(), " parts"),
                    ",", l.conditional ? 1 : 0, ",", quote(l.note), "\n");
    if (one) continue;
    // One row per part: its MAESTRO dims (padded Y X) and costed MACs.
    for (const LayerPart& p : l.parts) {
      const Layer& q = p.layer;
      absl::StrAppend(&s, quote(q.name), ",", l.op, ",part,", l.kind, ",",
                      q.GetOr1(Dim::kN), ",", q.GetOr1(Dim::kK), ",",
                      q.Get(Dim::kC), ",,", q.Get(Dim::kR), ",", q.Get(Dim::kS),
                      ",", q.Get(Dim::kY), ",", q.Get(Dim::kX), ",,,", q.OutY(),
                      ",", q.OutX(), ",", q.stride_y, ",", q.stride_x,
                      ",,,,,,,", q.repeat, ",", PartMacs(q), ",",
                      LayerTypeName(q.type), ",", l.conditional ? 1 : 0, ",\n");
    }
  }
  for (const auto& c : m.coverage) {
    absl::StrAppend(
        &s, quote(c.node), ",", quote(c.op), ",", VerdictName(c.verdict), ",",
        quote(c.category), ",,,,,,,,,,,,,,,,,,,,,,,,",
        c.subgraph.empty() ? 0 : 1, ",",
        quote(c.reason.empty() ? Shapes(c.output_shapes) : c.reason), "\n");
  }
  return s;
}

// The parts of a node costed as several MAESTRO layers, under its row: the
// MAESTRO dims (Y X padded), output, strides, repeat and costed MACs.
std::string PartRows(const ExtractedLayer& l, int name_w) {
  std::string s;
  for (const LayerPart& p : l.parts) {
    const Layer& q = p.layer;
    absl::StrAppend(
        &s, absl::StrFormat(
                "  %-*s %-13s %-13s %4d %5d %5d %4s %2d %2d %9s %9s %9s %5s "
                "%7s %5s %3d %14d\n",
                name_w - 2, absl::StrCat("#", p.part), "",
                LayerTypeName(q.type), q.GetOr1(Dim::kN), q.GetOr1(Dim::kK),
                q.Get(Dim::kC), "", q.Get(Dim::kR), q.Get(Dim::kS),
                absl::StrCat(q.Get(Dim::kY), "x", q.Get(Dim::kX)), "",
                absl::StrCat(q.OutY(), "x", q.OutX()),
                absl::StrCat(q.stride_y, "x", q.stride_x), "", "", q.repeat,
                PartMacs(q)));
  }
  return s;
}

std::string Table(const ExtractedModel& m) {
  std::string s = absl::StrFormat(
      "%s: opset %d, %d nodes, %d layers, %d shape nodes folded, %d If "
      "inlined\n",
      m.file, m.opset, m.node_count, m.layers.size(), m.shape_nodes_folded,
      m.if_nodes_inlined);
  for (const auto& n : m.notes) absl::StrAppend(&s, "note: ", n, "\n");
  // The name column fits the longest name: names are never cut.
  int name_w = 44;
  for (const auto& l : m.layers) {
    name_w = std::max(name_w, static_cast<int>(l.name.size()));
  }
  absl::StrAppend(
      &s, absl::StrFormat("%-*s %-13s %-13s %4s %5s %5s %4s %2s "
                          "%2s %9s %9s %9s %5s %7s %5s %3s "
                          "%14s\n",
                          name_w, "layer", "op", "type", "N", "K", "C", "G",
                          "R", "S", "YxX", "YpxXp", "Y'xX'", "str", "pads",
                          "dil", "rep", "MACs"));
  for (const auto& l : m.layers) {
    const bool one = l.parts.size() == 1;
    std::string type =
        one ? absl::StrCat(l.kind, "/", LayerTypeName(l.parts[0].layer.type))
            : l.kind;
    absl::StrAppend(
        &s, absl::StrFormat(
                "%-*s %-13s %-13s %4d %5d %5d %4d %2d %2d %9s %9s %9s %5s "
                "%7s %5s %3s %14d%s\n",
                name_w, l.name, l.op, type, l.N, l.K, l.C, l.G, l.R, l.S,
                absl::StrCat(l.Y, "x", l.X), absl::StrCat(l.Yp, "x", l.Xp),
                absl::StrCat(l.Yo, "x", l.Xo), Pair(l.stride), Pads(l.pads),
                Pair(l.dilation),
                one ? absl::StrCat(l.parts[0].layer.repeat) : "", l.macs,
                absl::StrCat(l.conditional ? "  (conditional)" : "",
                             CostedMark(l))));
    if (!one) absl::StrAppend(&s, PartRows(l, name_w));
  }
  LayerTotals t = ComputeTotals(m);
  absl::StrAppend(&s, "\ntotals:\n");
  auto kind_line = [&](const char* k) {
    if (!t.count[k]) return;
    absl::StrAppend(&s, absl::StrFormat("  %-14s %5d layers %16d MACs\n", k,
                                        t.count[k], t.macs[k]));
  };
  for (const char* k : kKinds) kind_line(k);
  for (const char* k : kOtherKinds) kind_line(k);
  absl::StrAppend(
      &s, absl::StrFormat("  %-14s %5d layers %16d MACs (%.4f G)\n", "total",
                          m.layers.size(), t.total_macs, t.total_macs / 1e9));
  if (t.conditional_macs) {
    absl::StrAppend(&s, absl::StrFormat("  %-14s %22d MACs\n", "in subgraphs",
                                        t.conditional_macs));
  }
  std::map<std::string, int64_t> summary;
  for (const auto& c : m.coverage) {
    ++summary[absl::StrCat(VerdictName(c.verdict), ": ", c.category)];
  }
  absl::StrAppend(&s, "\ncoverage (", m.coverage.size(),
                  " nodes that are not layers):\n");
  for (const auto& [k, n] : summary) {
    absl::StrAppend(&s, absl::StrFormat("  %-44s %5d\n", k, n));
  }
  for (const auto& c : m.coverage) {
    if (c.verdict == Verdict::kShapeFolded) continue;
    absl::StrAppend(
        &s,
        absl::StrFormat(
            "  %-44s %-20s %-16s %s%s\n", c.node, c.op,
            c.verdict == Verdict::kNotSupported ? "NOT SUPPORTED" : c.category,
            c.reason.empty() ? "" : c.reason + ": ",
            Shapes(c.input_shapes) + " -> " + Shapes(c.output_shapes) +
                (c.macs_estimate >= 0
                     ? absl::StrCat(" (about ", c.macs_estimate, " MACs)")
                     : "")));
  }
  return s;
}

}  // namespace

LayerTotals ComputeTotals(const ExtractedModel& m) {
  LayerTotals t;
  for (const char* k : kKinds) {
    t.count[k] = 0;
    t.macs[k] = 0;
  }
  for (const auto& l : m.layers) {
    if (l.conditional) {
      t.conditional_macs += l.macs;
      continue;
    }
    ++t.count[l.kind];
    t.macs[l.kind] += l.macs;
    t.total_macs += l.macs;
  }
  return t;
}

std::string FormatLayers(const ExtractedModel& model, ReportFormat format) {
  switch (format) {
    case ReportFormat::kJson:
      return Json(model);
    case ReportFormat::kCsv:
      return Csv(model);
    case ReportFormat::kTable:
      break;
  }
  return Table(model);
}

std::string FormatTimings(const FrontendTimings& t) {
  return absl::StrFormat(
      "timings: read+parse %.3f ms, shape inference %.3f ms, folding %.3f "
      "ms, extraction %.3f ms (file %.1f MB, %.1f MB of inline tensor data "
      "skipped unread)\n",
      t.read * 1e3, t.shapes * 1e3, t.folding * 1e3, t.extraction * 1e3,
      t.file_bytes / 1e6, t.tensor_bytes_skipped / 1e6);
}

}  // namespace maestro::frontend
