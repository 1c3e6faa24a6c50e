// Volumes of one iteration case at one cluster level: elements each tensor
// moves into the sub-units (ingress), outputs moved out (egress), MACs and
// the critical-path partial sums, and the dim sizes handed to the level
// below. Rules: cost-model.md "Traffic"; NOTES.md items 1, 2, 5, 14, 17.
//
// Example:
//   engine::CaseView cv{&model, &level, &tables, states};
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

  // Per-unit volumes (exposed for tests).
  int64_t MappedVolume(uint16_t mask, bool first, bool ee) const;
  int64_t UnitIngress(uint16_t mask, bool first, bool ee) const;
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
  template <typename F>
  int64_t OverUnits(const SpatialInfo& sp, F f) const;
};

}  // namespace maestro::engine

#endif  // MAESTRO_ONNX_CORE_ENGINE_CASE_VOLUMES_H_
