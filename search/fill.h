// Spatial factors that fill the PEs: the compute-time bound of the mapping
// space, the seeds that reach it, and the snap of spatial tiles that the
// gamma operator `fill` uses (docs/search.md "PE-filling seeds").
//
// Under exact semantics the time a genome spends computing is Π_d L_d over
// the searched dims d (times the unsearched R·S): L_d sums, over the steps
// of d's tile chain, the largest tile of d in the step (every level spreads
// one dim, so the largest per-PE tile of a step is the product of the
// largest per dim). A step covers at most U_d × (its largest tile) indices
// of d, U_d the product of the units of the levels that spread d, so
// L_d >= ⌈D_d / U_d⌉. Minimised over unit assignments with Π U_d <= PEs and
// at most `max_levels` spread dims, that is a bound no mapping of the space
// beats, tighter than ⌈MACs / PEs⌉ when the dims do not factor the PEs
// (MobileNetV2's 144 x 54 x 54 depthwise layer on 256 PEs: 1.037x).
//
// Example:
//   int64_t t = SpaceComputeBound(space, hw.simd_lanes);  // cycles
//   std::vector<Genome> seeds = FillSeeds(space, 4);
//   SnapSpatialTile(space, g, /*level=*/0);        // one step over the units
#ifndef MAESTRO_ONNX_SEARCH_FILL_H_
#define MAESTRO_ONNX_SEARCH_FILL_H_

#include <array>
#include <cstdint>
#include <vector>

#include "search/genome.h"

namespace maestro::search {

// Units per searched dim (1 = not spread) and the compute time they allow.
struct UnitAssignment {
  std::array<int64_t, kTileSlots> units{};  // searched dims, then R, S
  int64_t steps = 0;  // Π_d ⌈D_d / U_d⌉ (without R·S)
  int64_t pes = 0;    // Π_d U_d
};

// The `k` assignments with the fewest steps (ties: more PEs busy, then the
// units in dim order, larger first), at most s.max_levels spread dims,
// Π U_d <= s.num_pes; only the least units of each ⌈D_d / U_d⌉. With spread
// filter dims (SpatialFilter) R and S are walked too (units[kSlotR/S]),
// and the steps then count R·S.
std::vector<UnitAssignment> BestAssignments(const SearchSpace& s, int k);

// The least compute time of any genome of the space, in cycles:
// ⌈BestAssignments(s, 1) steps × R·S / simd_lanes⌉ (R·S = 1 for GEMM).
int64_t SpaceComputeBound(const SearchSpace& s, int64_t simd_lanes = 1);

// Genomes reaching the best `k` assignments: one level per spread dim (in
// the space's dim order, top first); a spread dim's tile covers its parent
// with the level's units in one step (⌈parent / units⌉) or is 1 (folded:
// the units walk the parent in ⌈parent / units⌉ steps, which keeps the
// per-step buffers small): none, the innermost or every level folded; the
// top level's largest unspread dim cut into 1, 2, 4, 8 or 16 tiles (for
// the L2), the other dims untiled above the innermost level and 1 there.
// Up to 15 per assignment, deduplicated by canonical key, in a fixed order.
// With `two_cuts`, then per assignment, every level folded, the top level's
// two largest dims other than its spatial one cut into 2..3 x 2..3 tiles,
// each rounded up to a multiple of the units spreading the dim below (so
// every top step but the last fills them: the compute stays the bound's),
// for a top step small enough for the NoC's first fill (exact semantics:
// docs/search.md "GAMMA's workload").
std::vector<Genome> FillSeeds(const SearchSpace& s, int k,
                              bool two_cuts = false);

// The units of `level`: its cluster, or TopUnits at level 0.
int64_t LevelUnits(const SearchSpace& s, const Genome& g, int level);

// Level `level`'s spatial tile := the smallest tile of the domain >=
// ⌈parent / units⌉, so the level's units cover the parent in one step;
// the levels below are repaired.
void SnapSpatialTile(const SearchSpace& s, Genome& g, int level);

}  // namespace maestro::search

#endif  // MAESTRO_ONNX_SEARCH_FILL_H_
