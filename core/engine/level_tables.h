// Per-dim tile tables of one cluster level and the number of sub-units
// active at a spatial edge (NOTES.md items 1, 2 and 5).
//
// Example:
//   engine::LevelTables t;
//   engine::ComputeLevelTables(model, model.levels[0], model.levels[0].base,
//   t); t.dim[DimIndex(Dim::kK)].m;   // mapped K tile
//   t.dim[DimIndex(Dim::kYo)].u;  // unique output rows per step
#ifndef MAESTRO_ONNX_CORE_ENGINE_LEVEL_TABLES_H_
#define MAESTRO_ONNX_CORE_ENGINE_LEVEL_TABLES_H_

#include <array>
#include <cstdint>

#include "core/engine/layer_model.h"

namespace maestro::engine {

// m: mapped tile, u: unique (new) part per step, me/ue: the same at the edge.
struct DimTable {
  int64_t m = 0, u = 0, me = 0, ue = 0;
};

struct LevelTables {
  std::array<DimTable, kNumDims> dim{};  // Y'/X' slots hold output tiles
  int64_t edge_units = 1;                // E: active sub-units at the edge
};

// C++ integer division (truncates toward zero), as MAESTRO computes.
inline int64_t TruncDiv(int64_t a, int64_t b) { return a / b; }
// Floor division for possibly negative numerators.
inline int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// `sizes[d]` is the dim size the tables are built from (-1: absent, the map
// size is used). A later map on the same dim overrides an earlier one.
// `exact`: a tile larger than the dim is the whole dim (MAESTRO: dim - offset).
void ComputeLevelTables(const LayerModel& lm, const Level& level,
                        const std::array<int64_t, kNumDims>& sizes,
                        LevelTables& out, bool exact = false);

}  // namespace maestro::engine

#endif  // MAESTRO_ONNX_CORE_ENGINE_LEVEL_TABLES_H_
