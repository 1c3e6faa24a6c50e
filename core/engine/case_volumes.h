// Volumes of one iteration case at one cluster level: elements each tensor
// moves into the sub-units (ingress), outputs moved out (egress), MACs and
// the critical-path partial sums, and the dim sizes handed to the level
// below. Rules: cost-model.md "Traffic"; NOTES.md items 1, 2, 5, 14, 17.
//
// Example:
//   engine::CaseView cv{&model, &level, &tables, states};
//   cv.Index();    // once per level
//   cv.Prepare();  // once per case, after setting cv.st
//   int64_t in = cv.Ingress(kInput);
//   int64_t macs = cv.Macs();
#ifndef MAESTRO_ONNX_CORE_ENGINE_CASE_VOLUMES_H_
#define MAESTRO_ONNX_CORE_ENGINE_CASE_VOLUMES_H_

#include <array>
#include <cstdint>

#include "core/engine/iteration_states.h"
#include "core/engine/layer_model.h"
#include "core/engine/level_tables.h"

namespace maestro::engine {

struct CaseView {
  const LayerModel* lm;
  const Level* level;
  const LevelTables* tables;
  // State of each dim in this case (a later directive on a dim wins).
  std::array<const IterState*, kNumDims> st;
  bool exact = false;  // exact semantics (see docs/cost-model.md)

  // Call once for `level`: the directives of each tensor.
  void Index();
  // Call after setting `st`: what every volume below reads of the states.
  void Prepare();

  int64_t Ingress(int tensor) const;  // input (0) or filter (1)
  int64_t Egress() const;
  // Elements written into the sub-units' buffers: every active unit's own
  // new elements, without spatial reuse or multicast sharing.
  int64_t UnitsReceive(int tensor) const;
  int64_t Macs() const;
  int64_t CriticalPartialSums() const;  // one unit's partial sums
  // Dim sizes for the level below (`edge_edge`: the partial last unit's).
  void SubDims(bool edge_edge, std::array<int64_t, kNumDims>& out) const;
  // Index of the innermost directive not at Init, or -1.
  int InnermostMoving() const;

  // Per-unit volumes (exposed for tests; memoised per case).
  int64_t MappedVolume(int tensor, bool first, bool ee) const;
  int64_t UnitIngress(int tensor, bool first, bool ee) const;
  int64_t UnitEgress(bool partial, bool first, bool ee,
                     bool reuse_at_edge = true) const;

 private:
  struct SpatialInfo {
    bool mapped = false, edge = false;
    const IterState* state = nullptr;
    int dim = -1;
    // The last active unit is partial. Exact semantics: only when the dim
    // really has a partial tile (MAESTRO also flags a whole last unit).
    bool EdgeEdge(const CaseView& cv) const;
  };
  SpatialInfo SpatialOf(int tensor) const;
  SpatialInfo SpatialOfAll() const;  // any SpatialMap (MACs)
  template <typename F>
  int64_t OverUnits(const SpatialInfo& sp, F f) const;
  int64_t ComputeUnitIngress(int tensor, bool first, bool ee) const;
  void MovingFacts(int tensor) const;
  // UnitEgress' factors of the output's dims and of the reduction's.
  int64_t OutputTile(bool first, bool ee, bool reuse_at_edge) const;
  int64_t ReductionTile(bool first, bool ee) const;

  struct List {  // directive (or dim) indices
    int n = 0;
    std::array<int8_t, kMaxDirectives> i;
  };

 public:
  // Set by Index(): the directives on each tensor's dims, those on no
  // output dim (the reduction) and the SpatialMaps, in order; each
  // tensor's dims whose first directive is a SpatialMap.
  std::array<List, 3> dirs_of{};
  List reduction{}, spatial_dirs{};
  std::array<List, 3> spatial_dims{};
  // Bits of a case key (IterState::Code of dim d at bit 5d) that each
  // tensor's dims, and the first SpatialMap's dim, occupy.
  std::array<uint64_t, 3> key_mask{};
  uint64_t spatial_key = 0;
  // MAESTRO's rules: Macs() and CriticalPartialSums() read the whole state
  // of a dim with a SpatialMap and only edge() of the others (TileKey).
  uint64_t tile_full_mask = 0, tile_edge_bits = 0;
  uint64_t TileKey(uint64_t key) const {  // edge(): Pos kEdge or init_edge
    return (key & tile_full_mask) | ((key >> 1 | key >> 3) & tile_edge_bits);
  }
  // The reduction's directives by kind, the output's temporally mapped dims
  // (its spatially mapped ones: spatial_dims[2]).
  List reduction_temporal{}, reduction_spatial{}, output_temporal{};
  // Per case (Prepare() clears them): unit volumes already computed, as
  // several of the functions above ask for the same ones.
  mutable uint32_t known = 0;
  mutable std::array<int64_t, 12> in_known{};  // tensor x first x ee
  mutable std::array<int64_t, 8> out_known{};  // first x ee x reuse
  mutable std::array<int64_t, 4> red_known{};  // first x ee
  mutable int64_t red_temporal = 1, out_temporal = 1;  // the units' common
  // Set by Prepare(): InnermostMoving(), each tensor's SpatialOf and the
  // MACs' spatial info; on first use (MovingFacts) whether a deeper
  // non-unrolled dim of the tensor at Init resets its tile and whether the
  // moving directive is the tensor's.
  int moving = -1;
  std::array<SpatialInfo, 3> spatial{};
  mutable std::array<bool, 3> reset{}, changing{};
  SpatialInfo spatial_all{};
};

}  // namespace maestro::engine

#endif  // MAESTRO_ONNX_CORE_ENGINE_CASE_VOLUMES_H_
