// GAMMA's genetic operators on our genome (spec rates), each drawing from
// its own counter-based stream, so an offspring depends only on its parents
// and its (seed, layer, generation, slot).
//
// Example:
//   Genome child = Offspring(space, parent_a, parent_b, {seed, lk, gen, slot});
#ifndef MAESTRO_ONNX_SEARCH_OPERATORS_H_
#define MAESTRO_ONNX_SEARCH_OPERATORS_H_

#include <cstdint>

#include "search/genome.h"

namespace maestro::search {

struct StreamKey {
  uint64_t seed = 0, layer = 0, generation = 0, slot = 0;
};

// Operator rates (GAMMA v2, spec section 3).
struct GammaRates {
  double crossover = 0.57;
  double mutate_tile = 0.53;  // 3 loci
  double reorder = 0.47;
  double grow_age = 0.27;
  double mutate_par = 0.1;
  // Ours (docs/search.md "gamma"); all false is GAMMA's behaviour.
  // The sp gene and a grown level draw a spatial dim that iterates and a
  // cluster no larger than its parent tile.
  bool guided = true;
  // The population starts at 8 and grows 1.5x per generation up to P.
  bool ramp = true;
  // A parent is the better of two uniform draws from the top 40 %.
  bool biased_parents = true;
  // PE-filling seeds (search/fill.h) in the first population.
  bool fill_seeds = true;
  // The fill operator's rate: half the time a level's cluster redrawn, then
  // every spatial tile snapped to cover its parent in one step, one level
  // folded or unfolded (search/fill.h; 0 = off).
  double fill = 0.3;
};

// a crossed with b, mutated, reordered, grown or aged, repaired.
Genome Offspring(const SearchSpace& s, const Genome& a, const Genome& b,
                 const StreamKey& key, const GammaRates& rates = {});

}  // namespace maestro::search

#endif  // MAESTRO_ONNX_SEARCH_OPERATORS_H_
