#include "core/layer.h"

#include "absl/strings/str_cat.h"

namespace maestro {

absl::string_view LayerTypeName(LayerType t) {
  switch (t) {
    case LayerType::kConv: return "CONV";
    case LayerType::kDsconv: return "DSCONV";
    case LayerType::kGemm: return "GEMM";
    case LayerType::kNgconv: return "NGCONV";
    case LayerType::kTrconv: return "TRCONV";
  }
  return "?";
}

std::optional<LayerType> ParseLayerType(absl::string_view t) {
  if (t == "CONV") return LayerType::kConv;
  if (t == "DSCONV") return LayerType::kDsconv;
  if (t == "GEMM") return LayerType::kGemm;
  if (t == "NGCONV") return LayerType::kNgconv;
  if (t == "TRCONV") return LayerType::kTrconv;
  return std::nullopt;
}

int64_t Layer::OutY() const {
  if (!IsConvLike() || Get(Dim::kY) < Get(Dim::kR) || stride_y <= 0) return 0;
  return (Get(Dim::kY) - Get(Dim::kR)) / stride_y + 1;
}

int64_t Layer::OutX() const {
  if (!IsConvLike() || Get(Dim::kX) < Get(Dim::kS) || stride_x <= 0) return 0;
  return (Get(Dim::kX) - Get(Dim::kS)) / stride_x + 1;
}

int64_t AnalyticMacs(const Layer& l) {
  if (l.type == LayerType::kGemm) {
    return l.Get(Dim::kM) * l.Get(Dim::kN) * l.Get(Dim::kK);
  }
  int64_t spatial = l.GetOr1(Dim::kN) * l.Get(Dim::kC) * l.Get(Dim::kR) *
                    l.Get(Dim::kS) * l.OutY() * l.OutX();
  switch (l.type) {
    case LayerType::kDsconv: return spatial;
    case LayerType::kNgconv: return spatial * l.GetOr1(Dim::kG) * l.Get(Dim::kK);
    default: return spatial * l.Get(Dim::kK);
  }
}

absl::Status ValidateLayer(const Layer& l) {
  auto where = [&] {
    std::string s = l.loc.ToString();
    return s.empty() ? std::string() : absl::StrCat(s, ": ");
  };
  std::vector<Dim> need;
  if (l.type == LayerType::kGemm) {
    need = {Dim::kM, Dim::kN, Dim::kK};
  } else if (l.type == LayerType::kDsconv) {
    need = {Dim::kC, Dim::kR, Dim::kS, Dim::kY, Dim::kX};
  } else {
    need = {Dim::kK, Dim::kC, Dim::kR, Dim::kS, Dim::kY, Dim::kX};
  }
  for (Dim d : need) {
    if (!l.Has(d)) {
      return absl::InvalidArgumentError(absl::StrCat(
          where(), "layer '", l.name, "' (", LayerTypeName(l.type),
          ") lacks dimension ", DimName(d), "; expected a positive size"));
    }
  }
  if (l.IsConvLike()) {
    if (l.stride_y <= 0 || l.stride_x <= 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(where(), "layer '", l.name, "' has stride ", l.stride_y,
                       "x", l.stride_x, "; expected strides >= 1"));
    }
    if (l.Get(Dim::kY) < l.Get(Dim::kR) || l.Get(Dim::kX) < l.Get(Dim::kS)) {
      return absl::InvalidArgumentError(absl::StrCat(
          where(), "layer '", l.name, "': filter ", l.Get(Dim::kR), "x",
          l.Get(Dim::kS), " is larger than the input ", l.Get(Dim::kY), "x",
          l.Get(Dim::kX), "; expected R <= Y and S <= X"));
    }
  }
  if (l.repeat < 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        where(), "layer '", l.name, "' has repeat ", l.repeat, "; expected >= 1"));
  }
  return absl::OkStatus();
}

const TensorDims& TensorDimsFor(LayerType t) {
  static const TensorDims kConv{{Dim::kN, Dim::kC, Dim::kY, Dim::kX},
                                {Dim::kK, Dim::kC, Dim::kR, Dim::kS},
                                {Dim::kN, Dim::kK, Dim::kYo, Dim::kXo}};
  static const TensorDims kDsconv{{Dim::kN, Dim::kC, Dim::kY, Dim::kX},
                                  {Dim::kC, Dim::kR, Dim::kS},
                                  {Dim::kN, Dim::kC, Dim::kYo, Dim::kXo}};
  static const TensorDims kNgconv{
      {Dim::kN, Dim::kG, Dim::kC, Dim::kY, Dim::kX},
      {Dim::kG, Dim::kK, Dim::kC, Dim::kR, Dim::kS},
      {Dim::kN, Dim::kG, Dim::kK, Dim::kC, Dim::kYo, Dim::kXo}};
  static const TensorDims kGemm{{Dim::kM, Dim::kK},
                                {Dim::kK, Dim::kN},
                                {Dim::kM, Dim::kN}};
  switch (t) {
    case LayerType::kDsconv: return kDsconv;
    case LayerType::kNgconv: return kNgconv;
    case LayerType::kGemm: return kGemm;
    default: return kConv;
  }
}

}  // namespace maestro
