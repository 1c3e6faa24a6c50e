// Conv, ConvInteger, QLinearConv, FusedConv and ConvTranspose, of any number
// of spatial dims, as MAESTRO CONV / DSCONV layers (docs/onnx-frontend.md,
// "Mapping to MAESTRO layers"):
//   * the last two spatial dims are MAESTRO's Y and X (1-D: height 1);
//   * leading spatial dims (depth of a Conv3d) are folded: their kernel taps
//     multiply C and their outputs multiply `repeat`;
//   * dilated and transposed dims are split into the dense phase
//     convolutions of conv_phases.h (--conv-form exact, the default), or
//     costed as MAESTRO's one layer (effective kernel, zero-inserted input).
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "frontend/conv_geometry.h"
#include "frontend/conv_phases.h"
#include "frontend/extractor_util.h"
#include "frontend/onnx_util.h"

namespace maestro::frontend {

namespace {

struct DimGeom {
  int64_t in = 1, kernel = 1, stride = 1, dilation = 1, pad0 = 0, pad1 = 0;
  int64_t out = 1;
  int64_t Eff() const { return (kernel - 1) * dilation + 1; }
};

std::vector<DimGeom> DimGeoms(const ConvGeometry& g) {
  const size_t n = g.in.size();
  std::vector<DimGeom> d(n);
  for (size_t i = 0; i < n; ++i) {
    d[i] = {g.in[i],   g.kernel[i],   g.strides[i], g.dilations[i],
            g.pads[i], g.pads[i + n], g.out[i]};
  }
  return d;
}

// The dense 1-D convs costing one spatial dim.
std::vector<DenseSegment> DimSegments(const DimGeom& d, bool transpose,
                                      ConvForm form) {
  if (transpose) {
    if (form == ConvForm::kMaestro) {
      // Stride-1 conv over the zero-inserted, re-padded input.
      return {{d.out + d.Eff() - 1, 1, d.Eff(), d.out, 1}};
    }
    return Segments(
        TransposedConvClasses(d.kernel, d.stride, d.dilation, d.pad0, d.out));
  }
  const int64_t padded = d.in + d.pad0 + d.pad1;
  if (d.dilation == 1) return {{padded, d.stride, d.kernel, d.out, 1}};
  if (form == ConvForm::kMaestro) {
    return {{padded, d.stride, d.Eff(), d.out, 1}};
  }
  return Segments(DilatedConvClasses(d.kernel, d.stride, d.dilation, d.out));
}

// A leading spatial dim folded: `channels` taps per output, `repeat` outputs.
struct Fold {
  int64_t channels = 1, repeat = 1;
};

std::vector<Fold> LeadFolds(const std::vector<DimGeom>& lead, bool transpose,
                            ConvForm form) {
  std::vector<Fold> folds = {{}};
  for (const DimGeom& d : lead) {
    // A conv's output reads `kernel` planes whatever the stride/dilation.
    std::vector<DenseSegment> segs =
        transpose ? DimSegments(d, true, form)
                  : std::vector<DenseSegment>{{1, 1, d.kernel, d.out, 1}};
    std::vector<Fold> next;
    for (const Fold& f : folds) {
      for (const DenseSegment& s : segs) {
        Fold n{f.channels * s.kernel, f.repeat * s.outputs * s.count};
        bool merged = false;
        for (Fold& e : next) {
          if (e.channels == n.channels) {
            e.repeat += n.repeat;
            merged = true;
            break;
          }
        }
        if (!merged) next.push_back(n);
      }
    }
    folds = next;
  }
  return folds;
}

bool SameShape(const Layer& a, const Layer& b) {
  return a.type == b.type && a.dims == b.dims && a.stride_y == b.stride_y &&
         a.stride_x == b.stride_x;
}

// Every combination of folded lead dims and Y and X segments as a part of
// `base` (type, N, K, C per fold unit), identical shapes merged.
absl::Status AddParts(const NodeInfo& info, const Layer& base,
                      const std::vector<Fold>& folds,
                      const std::vector<DenseSegment>& ys,
                      const std::vector<DenseSegment>& xs,
                      std::vector<LayerPart>* parts) {
  for (const Fold& f : folds) {
    for (const DenseSegment& y : ys) {
      for (const DenseSegment& x : xs) {
        Layer m = base;
        m.Set(Dim::kC, base.Get(Dim::kC) * f.channels);
        m.Set(Dim::kR, y.kernel).Set(Dim::kS, x.kernel);
        m.Set(Dim::kY, y.extent).Set(Dim::kX, x.extent);
        m.stride_y = y.stride;
        m.stride_x = x.stride;
        m.repeat = base.repeat * f.repeat * y.count * x.count;
        if (m.OutY() != y.outputs || m.OutX() != x.outputs) {
          return absl::InternalError(
              absl::StrCat(NodeRef(info.node), ": a MAESTRO part gives output ",
                           m.OutY(), "x", m.OutX(), " where ", y.outputs, "x",
                           x.outputs, " were expected (a frontend bug)"));
        }
        bool merged = false;
        for (LayerPart& p : *parts) {
          if (SameShape(p.layer, m)) {
            p.layer.repeat += m.repeat;
            merged = true;
            break;
          }
        }
        if (!merged) {
          parts->push_back(
              {absl::StrCat("phase", parts->size()), std::move(m)});
        }
      }
    }
  }
  return absl::OkStatus();
}

// The frontend-level fields (last two spatial dims as Y and X).
void FillConvFields(const ConvGeometry& g, const ValueState& x, int64_t k_total,
                    int64_t group, bool transpose, ExtractedLayer* l) {
  const size_t spatial = g.in.size();
  auto dim2 = [&](const std::vector<int64_t>& v, size_t i, int64_t one) {
    return spatial == 1 ? (i == 0 ? one : v[0]) : v[spatial - 2 + i];
  };
  l->spatial_dims = static_cast<int>(spatial);
  l->auto_pad = g.auto_pad;
  l->N = x.dims[0];
  l->G = group;
  l->C_total = x.dims[1];
  l->C = x.dims[1] / group;
  l->K = k_total;
  l->R = dim2(g.kernel, 0, 1);
  l->S = dim2(g.kernel, 1, 1);
  l->Y = dim2(g.in, 0, 1);
  l->X = dim2(g.in, 1, 1);
  l->stride = {dim2(g.strides, 0, 1), dim2(g.strides, 1, 1)};
  l->dilation = {dim2(g.dilations, 0, 1), dim2(g.dilations, 1, 1)};
  const size_t ns = spatial;
  const size_t y = spatial == 1 ? ns : spatial - 2;  // index of Y's pad
  if (spatial == 1) {
    l->pads = {0, g.pads[0], 0, g.pads[1]};
  } else {
    l->pads = {g.pads[y], g.pads[y + 1], g.pads[ns + y], g.pads[ns + y + 1]};
  }
  l->output_padding = {dim2(g.output_padding, 0, 0),
                       dim2(g.output_padding, 1, 0)};
  l->Yo = dim2(g.out, 0, 1);
  l->Xo = dim2(g.out, 1, 1);
  const int64_t reff = (l->R - 1) * l->dilation[0] + 1;
  const int64_t seff = (l->S - 1) * l->dilation[1] + 1;
  if (transpose) {
    // Extent of the zero-inserted, re-padded input (MAESTRO's view).
    l->Yp = l->Yo + reff - 1;
    l->Xp = l->Xo + seff - 1;
  } else {
    l->Yp = l->Y + l->pads[0] + l->pads[2];
    l->Xp = l->X + l->pads[1] + l->pads[3];
  }
}

// The MAESTRO type and per-instance K, C, repeat of the node's groups.
Layer GroupedBase(const NodeInfo& info, ExtractedLayer* l, bool transpose) {
  Layer m = LocatedLayer(info);
  m.Set(Dim::kN, l->N);
  const int64_t kg = l->K / l->G;
  const bool depthwise = l->C == 1 && l->G == l->C_total;
  if (l->G == 1) {
    if (!transpose) l->kind = "conv";
    m.Set(Dim::kK, l->K).Set(Dim::kC, l->C_total);
  } else if (depthwise && l->spatial_dims <= 2) {
    if (!transpose) l->kind = "dwconv";
    m.type = LayerType::kDsconv;
    m.Set(Dim::kK, 1).Set(Dim::kC, l->C_total);
    l->channel_multiplier = kg;
    if (kg > 1) {
      m.repeat = kg;
      AddNote(&l->note, absl::StrCat("depthwise with channel multiplier ", kg,
                                     ": DSCONV repeated ", kg, " times"));
    }
  } else {
    if (!transpose) l->kind = depthwise ? "dwconv" : "grouped";
    l->channel_multiplier = depthwise ? kg : 1;
    m.Set(Dim::kK, kg).Set(Dim::kC, l->C);
    m.repeat = l->G;
    if (depthwise) {
      AddNote(&l->note,
              "depthwise N-D: one CONV per channel (the folded "
              "depth taps are summed, which DSCONV cannot)");
    }
  }
  return m;
}

void NoteForms(const std::vector<DimGeom>& d, bool transpose, ConvForm form,
               size_t parts, ExtractedLayer* l) {
  bool dilated = false;
  for (const DimGeom& g : d) dilated |= g.dilation > 1;
  if (form == ConvForm::kMaestro && (transpose || dilated)) {
    AddNote(&l->note,
            transpose ? "conv-form maestro: ConvTranspose as a stride-1 conv "
                        "over the zero-inserted input (zero taps costed as "
                        "MACs: maestro_MACs > MACs)"
                      : "conv-form maestro: dilated conv costed as its "
                        "effective kernel (zero taps costed as MACs: "
                        "maestro_MACs > MACs)");
    return;
  }
  if (transpose) {
    AddNote(&l->note,
            absl::StrCat("ConvTranspose as its output-phase (sub-pixel) "
                         "stride-1 convolutions, no zero taps: ",
                         parts, " distinct part", parts > 1 ? "s" : ""));
  } else if (dilated) {
    AddNote(&l->note,
            absl::StrCat("dilated: costed as the dense convolutions over the "
                         "phase-subsampled input, exact edges: ",
                         parts, " distinct part", parts > 1 ? "s" : ""));
  }
}

// ConvTranspose in gather form counts each output times the taps of its
// phase; PyTorch counts input x kernel. They differ when a dim's output is
// not stride x input (taps cropped by pads, or edge outputs reading
// padding); say so.
void NoteTransposedConvention(const std::vector<DimGeom>& d,
                              ExtractedLayer* l) {
  __int128 scatter = 1, gather = 1;
  for (const DimGeom& g : d) {
    scatter *= g.in * g.kernel;
    gather *= SegmentMacs(DimSegments(g, true, ConvForm::kExact));
  }
  if (scatter == gather) return;
  const int64_t per = l->N * l->K * l->C;
  AddNote(&l->note,
          absl::StrCat("MACs in gather form (each output x the taps of its "
                       "phase): ",
                       l->macs, "; input x kernel (PyTorch's count) would be ",
                       static_cast<int64_t>(scatter * per),
                       " (an output extent that is not stride x input)"));
}

// N x K x C/G x the taps of every output (a ConvTranspose's in gather
// form), -1 beyond kMaxElements.
int64_t TrueMacs(const std::vector<DimGeom>& dims, bool transpose,
                 const ExtractedLayer& l) {
  __int128 taps = 1;
  for (const DimGeom& d : dims) {
    taps *= transpose ? SegmentMacs(DimSegments(d, true, ConvForm::kExact))
                      : d.kernel * d.out;
    if (taps > kMaxElements) return -1;
  }
  return CheckedProduct({l.N, l.K, l.C, static_cast<int64_t>(taps)});
}

absl::Status UnknownConv(const NodeInfo& info, const ValueState& x,
                         const ValueState& w, ExtractedModel* model,
                         std::vector<Unresolved>* unresolved) {
  unresolved->push_back(
      {info.name, info.node.op_type(),
       absl::StrCat("input ", ShapeString(x), ", weight ", ShapeString(w))});
  model->coverage.push_back(
      Coverage(info, Verdict::kNotSupported, "conv", "shapes unknown"));
  return absl::OkStatus();
}

}  // namespace

absl::Status ExtractConv(const NodeInfo& info, ExtractedModel* model,
                         std::vector<Unresolved>* unresolved) {
  const std::string& op = info.node.op_type();
  const bool transpose = op == "ConvTranspose";
  const int w_index = op == "QLinearConv" ? 3 : 1;
  const ValueState& x = In(info, 0);
  const ValueState& w = In(info, w_index);
  if (!x.ShapeKnown() || !w.ShapeKnown() || info.outputs.empty() ||
      !info.outputs[0].ShapeKnown() || x.dims.size() < 3) {
    return UnknownConv(info, x, w, model, unresolved);
  }
  std::vector<int64_t> in(x.dims.begin() + 2, x.dims.end());
  std::vector<int64_t> kernel(w.dims.begin() + 2, w.dims.end());
  auto g = ComputeGeometry(
      info.node, transpose ? GeometryKind::kConvTranspose : GeometryKind::kConv,
      in, kernel);
  if (!g.ok()) return g.status();
  const int64_t group = AttrInt(info.node, "group", 1);
  if (group <= 0 || x.dims[1] % group != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(NodeRef(info.node), ": group ", group,
                     " does not divide the ", x.dims[1], " input channels"));
  }
  ExtractedLayer l = BaseLayer(info, 0, w_index);
  if (transpose) l.kind = "convtranspose";
  const int64_t k_total = transpose ? w.dims[1] * group : w.dims[0];
  FillConvFields(*g, x, k_total, group, transpose, &l);
  // Y and X are the last two dims (1-D: a height-1 Y); the rest fold.
  std::vector<DimGeom> dims = DimGeoms(*g);
  std::vector<DimGeom> lead,
      yx(dims.end() - std::min<size_t>(2, dims.size()), dims.end());
  lead.assign(dims.begin(), dims.end() - yx.size());
  if (yx.size() == 1) yx.insert(yx.begin(), DimGeom{});
  l.macs = TrueMacs(dims, transpose, l);
  Layer base = GroupedBase(info, &l, transpose);
  absl::Status s =
      AddParts(info, base, LeadFolds(lead, transpose, info.conv_form),
               DimSegments(yx[0], transpose, info.conv_form),
               DimSegments(yx[1], transpose, info.conv_form), &l.parts);
  if (!s.ok()) return s;
  if (l.parts.empty()) {
    // A ConvTranspose whose every output lies in a phase without taps.
    model->coverage.push_back(Coverage(info, Verdict::kNotMacLayer,
                                       "convtranspose without taps (bias only)",
                                       ""));
    return absl::OkStatus();
  }
  NoteForms(dims, transpose, info.conv_form, l.parts.size(), &l);
  if (transpose && l.macs >= 0) NoteTransposedConvention(dims, &l);
  if (!lead.empty()) {
    AddNote(&l.note, absl::StrCat(dims.size(),
                                  "-D: the leading spatial dims folded (their "
                                  "kernel taps into C, their outputs into "
                                  "repeat)"));
  }
  if (dims.size() == 1) AddNote(&l.note, "1-D convolution as height 1");
  return FinishLayer(info, &l, model, info.conv_form == ConvForm::kMaestro);
}

}  // namespace maestro::frontend
