// The engine's view of one layer under one mapping: the tensors' dims and
// the completed cluster levels (inherited dims, unrolled defaults, stride
// rewrite), built once per layer before any case is analysed.
//
// Example:
//   absl::StatusOr<engine::LayerModel> lm =
//       engine::BuildLayerModel(layer, mapping, /*tensors_have_batch=*/false);
//   lm->levels[0].dirs[0];   // first directive of the top level, completed
//   lm->levels[1].base[DimIndex(Dim::kC)];  // C size the level was built with
#ifndef MAESTRO_ONNX_CORE_ENGINE_LAYER_MODEL_H_
#define MAESTRO_ONNX_CORE_ENGINE_LAYER_MODEL_H_

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/dims.h"
#include "core/layer.h"
#include "core/mapping.h"

namespace maestro::engine {

inline constexpr int kMaxDirectives = 24;
inline constexpr int kMaxTensorDims = 6;

// Exact semantics reads a Y/X directive in output coordinates: `xsize`
// output rows per tile, advancing by `xoffset` output rows (for other dims
// xsize/xoffset = size/offset; kWhole = the whole dim). A Y map (s, o) of a
// layer with stride st and filter R covers st == 1 ? s - R + 1 :
// floor((s - R) / st) + 1 outputs and advances by o (stride 1) or by its
// output tile (stride > 1, as MAESTRO's stride rewrite ignores o); a Y' map
// (s', o') covers s' outputs and advances by o'.
inline constexpr int64_t kWhole = int64_t{1} << 40;

struct LevelDirective {
  bool spatial = false;
  int64_t size = 1;
  int64_t offset = 1;
  int dim = 0;                     // DimIndex; never Y'/X' after completion
  int64_t xsize = 1, xoffset = 1;  // exact semantics (see above)
  // Exact semantics: the map is in output coordinates (Y'/X', inherited or
  // a default), or is ignored: the Y (X) half of a row-stationary pair
  // `SpatialMap(s,o) Y; SpatialMap(s,o) R` with s < R, which spreads filter
  // rows over the units, and a later map on a dim whose tile covers the
  // earlier map's tile (a single position inside it).
  bool xout = false;
  bool xskip = false;
  bool inherited = false;  // prepended from the level above
};

// One completed cluster level. Sizes absent from `base` are -1; the slots
// of `dirs` past `num_dirs` are unspecified (BuildLayerModelInto reuses them).
struct Level {
  int num_dirs = 0;
  std::array<LevelDirective, kMaxDirectives> dirs{};
  int64_t num_units = 1;                     // sub-units (N)
  int first_spatial = -1;                    // index of the first SpatialMap
  std::array<int64_t, kNumDims> base{};      // sizes the level was built with
  std::array<int8_t, kNumDims> first_dir{};  // first directive per dim, -1
  uint16_t dims_mask = 0;                    // dims with a directive
};

struct TensorInfo {
  int num_dims = 0;
  std::array<int, kMaxTensorDims> dims{};  // DimIndex, output uses Y/X
  uint16_t mask = 0;
};

// The part of the model that depends on the layer only (no mapping, no
// hardware): built once per layer (PrepareShape) and reused for every
// mapping.
struct LayerShape {
  bool overlap = true;                   // Y/R and X/S slide (not GEMM)
  std::array<TensorInfo, 3> tensors{};   // input, filter, output
  std::array<int64_t, kNumDims> full{};  // layer dims, -1 when absent
  // Exact semantics: the iteration space (absent dims 1, Y/X = output
  // extents) and the strides.
  std::array<int64_t, kNumDims> xfull{};
  int64_t stride_y = 1, stride_x = 1;
  // Input/filter dims that get a default directive, in alphabetical order.
  std::array<int, kNumDims> invars{};
  int num_invars = 0;
};

struct LayerModel {
  bool overlap = true;                   // Y/R and X/S slide (not GEMM)
  std::array<TensorInfo, 3> tensors{};   // input, filter, output
  std::array<int64_t, kNumDims> full{};  // layer dims, -1 when absent
  std::vector<Level> levels;
  // Exact semantics: the iteration space (absent dims 1, Y/X = output
  // extents), strides, and whether the exact loop-nest analysis applies
  // (else `exact_why` says why and the MAESTRO-structured rules are used).
  std::array<int64_t, kNumDims> xfull{};
  int64_t stride_y = 1, stride_x = 1;
  bool exact_ok = true;
  std::string exact_why;
};

// One cluster level of a mapping as the model builder reads it (a view of a
// ResolvedMapping's ClusterLevel or of a fast-path MappingValue level).
struct LevelView {
  int64_t num_units = 1;
  std::span<const Map> maps;
};

inline constexpr uint16_t DimBit(int d) { return uint16_t(1u << d); }

// Builds the tensor table and completes every level (cost-model.md,
// "Completing a level"; NOTES.md item 15). Errors on mappings the engine
// cannot analyse (no SpatialMap at a level, more than kMaxDirectives, zero
// units, non-positive sizes).
absl::StatusOr<LayerModel> BuildLayerModel(const Layer& layer,
                                           const ResolvedMapping& mapping,
                                           bool tensors_have_batch);

// The layer-only part: tensor tables (with the batch dim N or not), sizes,
// iteration space, strides, default dims.
LayerShape PrepareShape(const Layer& layer, bool tensors_have_batch);

// The same model into `lm` (its level storage reused) from a prepared shape
// and level views: BuildLayerModel is PrepareShape + this. `layer` is the
// one the shape was prepared from (for Y'/X' filter sizes and strides).
absl::Status BuildLayerModelInto(const Layer& layer, const LayerShape& shape,
                                 std::span<const LevelView> levels,
                                 LayerModel& lm);

}  // namespace maestro::engine

#endif  // MAESTRO_ONNX_CORE_ENGINE_LAYER_MODEL_H_
