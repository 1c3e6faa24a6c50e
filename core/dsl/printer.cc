#include "core/dsl/printer.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace maestro {
namespace {

// Names are written as they were read (the parser never produces `{`, `}`,
// `//`, line breaks or control bytes in a name); names from elsewhere (ONNX)
// get '_' for those.
std::string SafeName(absl::string_view name, absl::string_view fallback) {
  std::string out;
  for (char c : name) {
    const unsigned char b = static_cast<unsigned char>(c);
    bool unsafe = c == '{' || c == '}' || b < 0x20 || b == 0x7f ||
                  (c == '/' && !out.empty() && out.back() == '/');
    out.push_back(unsafe ? '_' : c);
  }
  // Unbalanced quotes would open a string.
  if (std::count(out.begin(), out.end(), '"') % 2 != 0) {
    std::replace(out.begin(), out.end(), '"', '_');
  }
  if (absl::StripAsciiWhitespace(out).empty()) out = std::string(fallback);
  return out;
}

absl::StatusOr<Expr> Printable(const Expr& e, const Layer& layer,
                               const Directive& d, const PrintOptions& opts) {
  if (!opts.evaluate_expressions || e.IsPlainMaestro()) return e;
  absl::StatusOr<int64_t> v = e.Eval(layer);
  if (!v.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(d.loc.ToString(), d.loc.ToString().empty() ? "" : ": ",
                     "error: cannot evaluate ", d.ToString(), " for layer '",
                     layer.name, "': ", v.status().message()));
  }
  return Expr::Const(*v);
}

}  // namespace

bool IsPlainMaestro(const Dataflow& df) {
  for (const Directive& d : df.directives) {
    if (!d.size.IsPlainMaestro()) return false;
    if (d.kind != DirectiveKind::kCluster && !d.offset.IsPlainMaestro()) {
      return false;
    }
  }
  return true;
}

absl::StatusOr<std::string> PrintDataflow(const Dataflow& df,
                                          const Layer& layer,
                                          const PrintOptions& opts) {
  std::string out = "\t\tDataflow {\n";
  for (const Directive& d : df.directives) {
    Directive p = d;
    absl::StatusOr<Expr> size = Printable(d.size, layer, d, opts);
    if (!size.ok()) return size.status();
    p.size = *size;
    if (d.kind != DirectiveKind::kCluster) {
      absl::StatusOr<Expr> offset = Printable(d.offset, layer, d, opts);
      if (!offset.ok()) return offset.status();
      p.offset = *offset;
    }
    absl::StrAppend(&out, "\t\t\t", p.ToString(), ";\n");
  }
  absl::StrAppend(&out, "\t\t}\n");
  return out;
}

absl::StatusOr<std::string> PrintLayer(const MappedLayer& ml,
                                       const PrintOptions& opts) {
  const Layer& l = ml.layer;
  std::string out = absl::StrCat("\tLayer ", SafeName(l.name, "layer"), " {\n",
                                 "\t\tType: ", LayerTypeName(l.type), "\n");
  if (l.IsConvLike() || l.stride_x != 1 || l.stride_y != 1) {
    absl::StrAppend(&out, "\t\tStride { X: ", l.stride_x, ", Y: ", l.stride_y,
                    " }\n");
  }
  std::string dims;
  for (Dim d : kAllDims) {
    if (d == Dim::kYo || d == Dim::kXo || !l.Has(d)) continue;
    absl::StrAppend(&dims, dims.empty() ? "" : ", ", DimName(d), ": ",
                    l.Get(d));
  }
  absl::StrAppend(&out, "\t\tDimensions { ", dims, " }\n");
  const bool write_df =
      !ml.dataflow.directives.empty() &&
      (!ml.dataflow_inherited || opts.repeat_inherited_dataflows);
  if (write_df) {
    absl::StatusOr<std::string> df = PrintDataflow(ml.dataflow, l, opts);
    if (!df.ok()) return df.status();
    absl::StrAppend(&out, *df);
  }
  absl::StrAppend(&out, "\t}\n");
  return out;
}

absl::StatusOr<std::string> PrintMappingFileChecked(const MappingFile& f,
                                                    const PrintOptions& opts) {
  std::string out =
      absl::StrCat("Network ", SafeName(f.network_name, "network"), " {\n");
  for (size_t i = 0; i < f.layers.size(); ++i) {
    absl::StatusOr<std::string> l = PrintLayer(f.layers[i], opts);
    if (!l.ok()) return l.status();
    absl::StrAppend(&out, i ? "\n" : "", *l);
  }
  absl::StrAppend(&out, "}\n");
  return out;
}

std::string PrintMappingFile(const MappingFile& f) {
  absl::StatusOr<std::string> s = PrintMappingFileChecked(f, PrintOptions());
  return s.ok() ? *s : std::string();
}

}  // namespace maestro
