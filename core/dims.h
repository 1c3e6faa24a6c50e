// Dimension names of the MAESTRO data-centric notation.
//
// Example:
//   absl::StatusOr<Dim> d = ParseDim("Y'");   // -> Dim::kYo
//   absl::string_view name = DimName(Dim::kK);  // -> "K"
//
// One enum serves every layer type: for CONV-family layers N is the batch,
// K output channels, C input channels, R/S filter height/width and Y/X the
// input height/width (padding included, as in MAESTRO); Yo/Xo are the output
// extents written Y'/X' in the language. For GEMM, M, N and K are the matrix
// dims (input MxK, weights KxN, output MxN): N and K are reused letters there.
#ifndef MAESTRO_ONNX_CORE_DIMS_H_
#define MAESTRO_ONNX_CORE_DIMS_H_

#include <array>
#include <cstdint>
#include <optional>
#include "absl/strings/string_view.h"

namespace maestro {

enum class Dim : uint8_t { kN, kG, kK, kC, kR, kS, kY, kX, kM, kYo, kXo };
inline constexpr int kNumDims = 11;

inline constexpr std::array<Dim, kNumDims> kAllDims = {
    Dim::kN, Dim::kG, Dim::kK, Dim::kC, Dim::kR, Dim::kS,
    Dim::kY, Dim::kX, Dim::kM, Dim::kYo, Dim::kXo};

// "N", "G", ..., "Y'", "X'".
absl::string_view DimName(Dim d);

// Accepts the language's spellings: N G K C R S Y X M, Y' X' (ASCII quote),
// and the typographic Y’ X’ that some MAESTRO files contain.
std::optional<Dim> ParseDim(absl::string_view text);

inline constexpr int DimIndex(Dim d) { return static_cast<int>(d); }

}  // namespace maestro

#endif  // MAESTRO_ONNX_CORE_DIMS_H_
