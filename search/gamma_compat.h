// `--strategy gamma-compat`: GAMMA's own genome, operators and rates (v2),
// for comparisons with the improved `gamma`. See docs/search.md.
//
// Example:
//   CompatGenome g = CompatRandom(space, {seed, layer_key, 0, slot});
//   CompatGenome child = CompatOffspring(space, a, b, {seed, lk, gen, slot});
//   Genome ours = ToGenome(space, child);   // for the evaluator
//
// GAMMA's genome per level: [sp_dim, sp_size] and one (dim, tile) gene per
// dim, their position the loop order. Besides the searched dims, conv-like
// layers carry R and S genes (tile fixed to the filter, as GAMMA's
// maestro_cstr forces): they take part in the order, so a reorder may move
// them, as in GAMMA, but they never change the mapping. sp_size is the
// cluster size below the top (the top level's is the PE count).
#ifndef MAESTRO_ONNX_SEARCH_GAMMA_COMPAT_H_
#define MAESTRO_ONNX_SEARCH_GAMMA_COMPAT_H_

#include <array>
#include <cstdint>

#include "search/genome.h"
#include "search/operators.h"

namespace maestro::search {

inline constexpr int kCompatGenes = kMaxDims + 2;  // searched dims + R, S

struct CompatLevel {
  int8_t sp = 0;        // index into the searched dims
  int64_t sp_size = 1;  // cluster size (level >= 1)
  // The genes in loop order: values 0..n-1 are searched dims, n and n+1 are
  // R and S (conv-like layers only).
  std::array<int8_t, kCompatGenes> order{};
  std::array<int64_t, kMaxDims> tile{};  // tiles of the searched dims
  bool operator==(const CompatLevel&) const = default;
};

struct CompatGenome {
  int num_levels = 2;
  std::array<CompatLevel, kMaxLevels> levels{};
  bool operator==(const CompatGenome&) const = default;
};

// Genes per level: n, plus R and S for conv-like layers.
int CompatGeneCount(const SearchSpace& s);

// Every tile 1 (GAMMA v2 seeds two of these per population).
CompatGenome CompatAllOnes(const SearchSpace& s, int levels);
// GAMMA's random individual: `levels` levels, a uniform gene order, tiles
// U[1, parent], a uniform sp dim, a cluster from the factors of
// min(parent tile, PEs).
CompatGenome CompatRandom(const SearchSpace& s, int levels,
                          const StreamKey& key);
// GAMMA v2's operators at its rates (section 3 of the design): crossover
// 0.57, tile mutation 0.53 (3 loci, U[1, parent]), reorder 0.47 (swap two
// genes of a level), grow/age 0.27, mutate-par 0.1.
CompatGenome CompatOffspring(const SearchSpace& s, const CompatGenome& a,
                             const CompatGenome& b, const StreamKey& key);
// Our genome of the same mapping (repaired: clamped as GAMMA's correctify).
Genome ToGenome(const SearchSpace& s, const CompatGenome& g);

}  // namespace maestro::search

#endif  // MAESTRO_ONNX_SEARCH_GAMMA_COMPAT_H_
