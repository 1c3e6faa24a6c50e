#include "search/gamma_compat.h"

#include <algorithm>
#include <vector>

#include "search/rng.h"

namespace maestro::search {
namespace {

constexpr GammaRates kV2;  // GAMMA v2's rates

Rng Stream(const StreamKey& k, Op op) {
  return Rng::For(k.seed, k.layer, k.generation, k.slot, op);
}

int64_t CompatParent(const SearchSpace& s, const CompatGenome& g, int l,
                     int d) {
  return l == 0 ? s.extent[d] : g.levels[l - 1].tile[d];
}

// GAMMA's correctify: tiles clamped to [1, parent], clusters to the PEs.
void Correctify(const SearchSpace& s, CompatGenome& g) {
  g.num_levels = std::clamp(g.num_levels, 1, s.max_levels);
  int64_t clusters = 1;
  for (int l = 0; l < g.num_levels; ++l) {
    CompatLevel& lv = g.levels[l];
    for (int d = 0; d < s.n; ++d) {
      lv.tile[d] = std::clamp<int64_t>(lv.tile[d], 1, CompatParent(s, g, l, d));
    }
    if (l == 0) {
      lv.sp_size = 1;
      continue;
    }
    lv.sp_size = std::clamp<int64_t>(lv.sp_size, 1, s.num_pes / clusters);
    clusters *= lv.sp_size;
  }
}

// A factor of min(parent tile of the sp dim, PEs), uniformly.
int64_t DrawFactorCluster(const SearchSpace& s, int64_t parent, Rng& rng) {
  const int64_t m = std::max<int64_t>(1, std::min(parent, s.num_pes));
  std::vector<int64_t> f;
  for (int64_t i = 1; i <= m; ++i) {
    if (m % i == 0) f.push_back(i);
  }
  return f[rng.Uniform(0, static_cast<int64_t>(f.size()) - 1)];
}

void RandomLevel(const SearchSpace& s, CompatGenome& g, int l, Rng& rng) {
  CompatLevel& lv = g.levels[l];
  const int genes = CompatGeneCount(s);
  for (int i = 0; i < kCompatGenes; ++i) lv.order[i] = static_cast<int8_t>(i);
  for (int i = genes - 1; i > 0; --i) {
    std::swap(lv.order[i], lv.order[rng.Uniform(0, i)]);
  }
  for (int d = 0; d < s.n; ++d) {
    lv.tile[d] = rng.Uniform(1, CompatParent(s, g, l, d));
  }
  lv.sp = static_cast<int8_t>(rng.Uniform(0, s.n - 1));
  lv.sp_size =
      l == 0 ? 1 : DrawFactorCluster(s, CompatParent(s, g, l, lv.sp), rng);
}

void Crossover(const SearchSpace& s, CompatGenome& g, const CompatGenome& b,
               Rng& rng) {
  const int d = static_cast<int>(rng.Uniform(0, s.n - 1));
  for (int l = 0; l < std::min(g.num_levels, b.num_levels); ++l) {
    g.levels[l].tile[d] = b.levels[l].tile[d];
  }
}

// Three loci among each level's sp gene and tile genes (R/S tiles are
// fixed, so a locus on them changes nothing, as in GAMMA).
void MutateTiles(const SearchSpace& s, CompatGenome& g, Rng& rng) {
  const int genes = CompatGeneCount(s);
  for (int locus = 0; locus < 3; ++locus) {
    const int l = static_cast<int>(rng.Uniform(0, g.num_levels - 1));
    const int j = static_cast<int>(rng.Uniform(0, genes));
    CompatLevel& lv = g.levels[l];
    if (j == genes) {
      lv.sp = static_cast<int8_t>(rng.Uniform(0, s.n - 1));
      if (l > 0) {
        lv.sp_size = DrawFactorCluster(s, CompatParent(s, g, l, lv.sp), rng);
      }
    } else if (j < s.n) {
      lv.tile[j] = rng.Uniform(1, CompatParent(s, g, l, j));
    }
    Correctify(s, g);
  }
}

void Reorder(const SearchSpace& s, CompatGenome& g, Rng& rng) {
  const int genes = CompatGeneCount(s);
  const int l = static_cast<int>(rng.Uniform(0, g.num_levels - 1));
  const int i = static_cast<int>(rng.Uniform(0, genes - 1));
  const int j = static_cast<int>(rng.Uniform(0, genes - 1));
  std::swap(g.levels[l].order[i], g.levels[l].order[j]);
}

// Grow: a new innermost level with unit tiles (order and sp copied, a
// factor cluster); age: drop the innermost level.
void GrowAge(const SearchSpace& s, CompatGenome& g, Rng& rng) {
  const bool can_grow = g.num_levels < s.max_levels;
  const bool can_age = g.num_levels > 1;
  if (!can_grow && !can_age) return;
  if (!(can_grow && (!can_age || rng.Chance(0.5)))) {
    --g.num_levels;
    return;
  }
  CompatLevel& lv = g.levels[g.num_levels];
  lv = g.levels[g.num_levels - 1];
  for (int d = 0; d < s.n; ++d) lv.tile[d] = 1;
  lv.sp_size =
      DrawFactorCluster(s, g.levels[g.num_levels - 1].tile[lv.sp], rng);
  ++g.num_levels;
}

}  // namespace

int CompatGeneCount(const SearchSpace& s) {
  return s.n + (s.conv_like ? 2 : 0);
}

CompatGenome CompatAllOnes(const SearchSpace& s, int levels) {
  CompatGenome g;
  g.num_levels = std::clamp(levels, 1, s.max_levels);
  for (CompatLevel& lv : g.levels) {
    for (int i = 0; i < kCompatGenes; ++i) lv.order[i] = static_cast<int8_t>(i);
    for (int d = 0; d < s.n; ++d) lv.tile[d] = 1;
  }
  Correctify(s, g);
  return g;
}

CompatGenome CompatRandom(const SearchSpace& s, int levels,
                          const StreamKey& key) {
  Rng rng = Stream(key, Op::kInit);
  CompatGenome g = CompatAllOnes(s, levels);
  for (int l = 0; l < g.num_levels; ++l) RandomLevel(s, g, l, rng);
  Correctify(s, g);
  return g;
}

CompatGenome CompatOffspring(const SearchSpace& s, const CompatGenome& a,
                             const CompatGenome& b, const StreamKey& key) {
  CompatGenome g = a;
  if (Rng r = Stream(key, Op::kCrossover); r.Chance(kV2.crossover)) {
    Crossover(s, g, b, r);
    Correctify(s, g);
  }
  if (Rng r = Stream(key, Op::kMutateTile); r.Chance(kV2.mutate_tile)) {
    MutateTiles(s, g, r);
  }
  if (Rng r = Stream(key, Op::kReorder); r.Chance(kV2.reorder)) {
    Reorder(s, g, r);
  }
  if (Rng r = Stream(key, Op::kGrowAge); r.Chance(kV2.grow_age)) {
    GrowAge(s, g, r);
  }
  if (Rng r = Stream(key, Op::kMutatePar);
      g.num_levels > 1 && r.Chance(kV2.mutate_par)) {
    std::swap(g.levels[0].sp, g.levels[1].sp);
  }
  Correctify(s, g);
  return g;
}

Genome ToGenome(const SearchSpace& s, const CompatGenome& c) {
  Genome g = AllOnesGenome(s);
  g.num_levels = c.num_levels;
  for (int l = 0; l < c.num_levels; ++l) {
    const CompatLevel& cl = c.levels[l];
    GenomeLevel& lv = g.levels[l];
    int k = 0;
    for (int i = 0; i < CompatGeneCount(s); ++i) {
      if (cl.order[i] < s.n) lv.order[k++] = cl.order[i];
    }
    lv.sp = cl.sp;
    std::copy(cl.tile.begin(), cl.tile.end(), lv.tile.begin());
    lv.cluster = l == 0 ? 1 : cl.sp_size;
  }
  Repair(s, g);
  return g;
}

}  // namespace maestro::search
