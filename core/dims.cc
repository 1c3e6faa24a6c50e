#include "core/dims.h"

namespace maestro {

absl::string_view DimName(Dim d) {
  static constexpr std::array<absl::string_view, kNumDims> kNames = {
      "N", "G", "K", "C", "R", "S", "Y", "X", "M", "Y'", "X'"};
  return kNames[DimIndex(d)];
}

std::optional<Dim> ParseDim(absl::string_view t) {
  if (t.size() == 1) {
    switch (t[0]) {
      case 'N': return Dim::kN;
      case 'G': return Dim::kG;
      case 'K': return Dim::kK;
      case 'C': return Dim::kC;
      case 'R': return Dim::kR;
      case 'S': return Dim::kS;
      case 'Y': return Dim::kY;
      case 'X': return Dim::kX;
      case 'M': return Dim::kM;
      default: return std::nullopt;
    }
  }
  if (t == "Y'" || t == "Y\xE2\x80\x99") return Dim::kYo;  // U+2019
  if (t == "X'" || t == "X\xE2\x80\x99") return Dim::kXo;
  return std::nullopt;
}

}  // namespace maestro
