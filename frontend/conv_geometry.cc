#include "frontend/conv_geometry.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "frontend/onnx_util.h"

namespace maestro::frontend {

std::string NodeRef(const onnx::NodeProto& node) {
  if (node.name().empty()) {
    // Many exporters (tf2onnx, hand-built graphs) leave nodes unnamed: name
    // the node by its first output, which is unique in a valid graph.
    return absl::StrCat("unnamed node (", node.op_type(), ") with output '",
                        node.output_size() ? node.output(0) : "", "'");
  }
  return absl::StrCat("node '", node.name(), "' (", node.op_type(), ")");
}

namespace {

// Kernel sizes, strides, dilations and pads beyond this are rejected.
constexpr int64_t kMaxAttr = int64_t{1} << 20;

absl::Status Bad(const onnx::NodeProto& node, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(NodeRef(node), ": ", what));
}

bool ListOk(const std::vector<int64_t>& v, size_t n) {
  return v.empty() || v.size() == n;
}

}  // namespace

absl::StatusOr<ConvGeometry> ComputeGeometry(
    const onnx::NodeProto& node, GeometryKind kind,
    const std::vector<int64_t>& in, const std::vector<int64_t>& kernel) {
  const size_t n = in.size();
  ConvGeometry g;
  g.in = in;
  g.kernel = kernel;
  if (kernel.size() != n) {
    return Bad(node, absl::StrCat("kernel has ", kernel.size(),
                                  " spatial dims but the input has ", n,
                                  "; expected the same number"));
  }
  for (int64_t k : kernel) {
    if (k <= 0 || k > kMaxAttr) {
      return Bad(node, absl::StrCat("kernel size ", k, "; expected >= 1"));
    }
  }
  g.strides = AttrInts(node, "strides");
  g.dilations = AttrInts(node, "dilations");
  g.pads = AttrInts(node, "pads");
  g.output_padding = AttrInts(node, "output_padding");
  g.auto_pad = AttrString(node, "auto_pad", "NOTSET");
  if (!ListOk(g.strides, n) || !ListOk(g.dilations, n) ||
      !ListOk(g.pads, 2 * n) || !ListOk(g.output_padding, n)) {
    return Bad(node, absl::StrCat("strides/dilations/pads/output_padding "
                                  "lengths do not match ",
                                  n, " spatial dims"));
  }
  if (g.strides.empty()) g.strides.assign(n, 1);
  if (g.dilations.empty()) g.dilations.assign(n, 1);
  if (g.output_padding.empty()) g.output_padding.assign(n, 0);
  const bool explicit_pads = !g.pads.empty();
  if (g.pads.empty()) g.pads.assign(2 * n, 0);
  for (size_t i = 0; i < n; ++i) {
    if (g.strides[i] <= 0 || g.dilations[i] <= 0 || g.strides[i] > kMaxAttr ||
        g.dilations[i] > kMaxAttr) {
      return Bad(node, absl::StrCat("stride ", g.strides[i], " / dilation ",
                                    g.dilations[i], "; expected >= 1"));
    }
    if (g.pads[i] < 0 || g.pads[i + n] < 0 || g.pads[i] > kMaxAttr ||
        g.pads[i + n] > kMaxAttr) {
      return Bad(node, absl::StrCat("pads [", absl::StrJoin(g.pads, ","),
                                    "]; expected non-negative pads"));
    }
    if (g.output_padding[i] < 0 || g.output_padding[i] > kMaxAttr) {
      return Bad(node, absl::StrCat("output_padding [",
                                    absl::StrJoin(g.output_padding, ","),
                                    "]; expected non-negative values"));
    }
  }
  const bool same = g.auto_pad == "SAME_UPPER" || g.auto_pad == "SAME_LOWER";
  if (g.auto_pad != "NOTSET" && g.auto_pad != "VALID" && !same &&
      !g.auto_pad.empty()) {
    return Bad(node, absl::StrCat("auto_pad '", g.auto_pad,
                                  "'; expected NOTSET, VALID, SAME_UPPER or "
                                  "SAME_LOWER"));
  }
  if (g.auto_pad.empty()) g.auto_pad = "NOTSET";
  if (g.auto_pad == "VALID" && !explicit_pads) g.pads.assign(2 * n, 0);
  const bool ceil_mode =
      kind == GeometryKind::kPool && AttrInt(node, "ceil_mode", 0) != 0;
  std::vector<int64_t> out_shape = AttrInts(node, "output_shape");
  if (kind == GeometryKind::kConvTranspose && out_shape.size() > n) {
    out_shape.erase(out_shape.begin(), out_shape.end() - n);  // N,C given
  }
  g.out.assign(n, -1);
  for (size_t i = 0; i < n; ++i) {
    const int64_t eff = (g.kernel[i] - 1) * g.dilations[i] + 1;
    const int64_t s = g.strides[i];
    const int64_t d = in[i];
    if (kind == GeometryKind::kConvTranspose) {
      if (d < 0) continue;
      const int64_t full = s * (d - 1) + g.output_padding[i] + eff;
      int64_t target = -1;
      if (out_shape.size() == n) {
        target = out_shape[i];
      } else if (same) {
        target = d * s;
      }
      if (target >= 0) {
        // Negative when output_shape asks for more than the full output:
        // the extra rows/columns act as (negative-pad) output padding.
        const int64_t total = full - target;
        const int64_t half = total / 2;
        if (g.auto_pad == "SAME_UPPER") {
          g.pads[i] = half;
          g.pads[i + n] = total - half;
        } else {
          g.pads[i] = total - half;
          g.pads[i + n] = half;
        }
      }
      g.out[i] = full - g.pads[i] - g.pads[i + n];
      if (g.out[i] <= 0) {
        return Bad(node,
                   absl::StrCat("output extent ", g.out[i],
                                " along spatial dim ", i, "; expected >= 1"));
      }
      continue;
    }
    if (d < 0) continue;
    if (same) {
      const int64_t o = (d + s - 1) / s;
      const int64_t total = std::max<int64_t>(0, (o - 1) * s + eff - d);
      const int64_t half = total / 2;
      if (g.auto_pad == "SAME_UPPER") {
        g.pads[i] = half;
        g.pads[i + n] = total - half;
      } else {
        g.pads[i] = total - half;
        g.pads[i + n] = half;
      }
    }
    const int64_t padded = d + g.pads[i] + g.pads[i + n];
    if (padded < eff) {
      return Bad(node, absl::StrCat("kernel extent ", eff, " (kernel ",
                                    g.kernel[i], ", dilation ", g.dilations[i],
                                    ") is larger than the padded input ",
                                    padded, " along spatial dim ", i,
                                    "; expected kernel <= input + pads"));
    }
    int64_t o =
        ceil_mode ? (padded - eff + s - 1) / s + 1 : (padded - eff) / s + 1;
    // PyTorch/ONNX Runtime: the last window must start inside the input or
    // the begin padding.
    if (ceil_mode && (o - 1) * s >= d + g.pads[i]) --o;
    g.out[i] = o;
  }
  return g;
}

}  // namespace maestro::frontend
