#include "search/operators.h"

#include <algorithm>
#include <array>
#include <vector>

#include "search/fill.h"
#include "search/rng.h"

namespace maestro::search {
namespace {

Rng Stream(const StreamKey& k, Op op) {
  return Rng::For(k.seed, k.layer, k.generation, k.slot, op);
}

// Crossover: one dim's tiles taken from b at every level both have.
void Crossover(const SearchSpace& s, Genome& g, const Genome& b, Rng& rng) {
  const int d = static_cast<int>(rng.Uniform(0, s.n - 1));
  for (int l = 0; l < std::min(g.num_levels, b.num_levels); ++l) {
    g.levels[l].tile[d] = b.levels[l].tile[d];
  }
}

// A tile under parent p: half the draws a divisor of p (GAMMA's use_factor),
// half from the tile domain.
int64_t MutatedTile(const SearchSpace& s, int d, int64_t p, Rng& rng) {
  if (rng.Chance(0.5)) return s.DrawTile(d, p, rng);
  std::vector<int64_t> divs;
  for (int64_t i = 1; i * i <= p; ++i) {
    if (p % i) continue;
    divs.push_back(i);
    if (i != p / i) divs.push_back(p / i);
  }
  return divs[rng.Uniform(0, static_cast<int64_t>(divs.size()) - 1)];
}

// A spatial dim for level l: uniformly among the dims that still iterate
// under the level's parent (a spatial map over one element wastes the
// level), any dim when none does.
int8_t DrawSpatialDim(const SearchSpace& s, const Genome& g, int l, Rng& rng) {
  std::array<int8_t, kMaxDims> live{};
  int n = 0;
  for (int d = 0; d < s.n; ++d) {
    if (ParentTile(s, g, l, d) > 1) live[n++] = static_cast<int8_t>(d);
  }
  if (n == 0) return static_cast<int8_t>(rng.Uniform(0, s.n - 1));
  return live[rng.Uniform(0, n - 1)];
}

// A cluster size for level l >= 1 spreading dim d: GAMMA's rule, a choice
// no larger than min(parent tile of d, PEs left by the other levels).
int64_t DrawCluster(const SearchSpace& s, const Genome& g, int l, int d,
                    Rng& rng) {
  int64_t others = 1;
  for (int k = 1; k < g.num_levels; ++k) {
    if (k != l) others *= g.levels[k].cluster;
  }
  const int64_t cap = std::min(ParentTile(s, g, l, d),
                               std::max<int64_t>(1, s.num_pes / others));
  const std::vector<int64_t>& cs = s.ClusterChoices();
  const int64_t n = std::upper_bound(cs.begin(), cs.end(), cap) - cs.begin();
  return n > 0 ? cs[rng.Uniform(0, n - 1)] : 1;
}

// Three loci: a tile (drawn under its parent), or the sp gene (a new spatial
// dim and, below the top, a new cluster size).
void MutateTiles(const SearchSpace& s, Genome& g, Rng& rng, bool guided) {
  if (guided) {
    for (int locus = 0; locus < 3; ++locus) {
      const int l = static_cast<int>(rng.Uniform(0, g.num_levels - 1));
      const int j = static_cast<int>(rng.Uniform(0, s.n));
      GenomeLevel& lv = g.levels[l];
      if (j < s.n) {
        lv.tile[j] = MutatedTile(s, j, ParentTile(s, g, l, j), rng);
      } else {
        lv.sp = DrawSpatialDim(s, g, l, rng);
        if (l > 0) lv.cluster = DrawCluster(s, g, l, lv.sp, rng);
      }
      Repair(s, g);
    }
    return;
  }
  for (int locus = 0; locus < 3; ++locus) {
    const int l = static_cast<int>(rng.Uniform(0, g.num_levels - 1));
    const int j = static_cast<int>(rng.Uniform(0, s.n));
    GenomeLevel& lv = g.levels[l];
    if (j < s.n) {
      lv.tile[j] = MutatedTile(s, j, ParentTile(s, g, l, j), rng);
      Repair(s, g);  // lower levels follow the new parent
      continue;
    }
    lv.sp = static_cast<int8_t>(rng.Uniform(0, s.n - 1));
    if (l > 0) {
      const std::vector<int64_t>& cs = s.ClusterChoices();
      lv.cluster = cs[rng.Uniform(0, static_cast<int64_t>(cs.size()) - 1)];
      Repair(s, g);
    }
  }
}

void Reorder(const SearchSpace& s, Genome& g, Rng& rng) {
  const int l = static_cast<int>(rng.Uniform(0, g.num_levels - 1));
  const int i = static_cast<int>(rng.Uniform(0, s.n - 1));
  const int j = static_cast<int>(rng.Uniform(0, s.n - 1));
  std::swap(g.levels[l].order[i], g.levels[l].order[j]);
}

// Grow: a new innermost level with unit tiles and a random cluster size;
// age: drop the innermost level. Guided: the new level spreads a dim that
// iterates under it, preferably not the level above's spatial dim, over a
// cluster drawn as in DrawCluster.
void GrowAge(const SearchSpace& s, Genome& g, Rng& rng, bool guided) {
  const bool can_grow = g.num_levels<s.max_levels, can_age = g.num_levels> 1;
  if (!can_grow && !can_age) return;
  const bool grow = can_grow && (!can_age || rng.Chance(0.5));
  if (!grow) {
    --g.num_levels;
    return;
  }
  GenomeLevel& lv = g.levels[g.num_levels];
  lv = g.levels[g.num_levels - 1];
  for (int d = 0; d < s.n; ++d) lv.tile[d] = 1;
  const std::vector<int64_t>& cs = s.ClusterChoices();
  lv.cluster = cs[rng.Uniform(0, static_cast<int64_t>(cs.size()) - 1)];
  ++g.num_levels;
  if (!guided) return;
  const int l = g.num_levels - 1;
  lv.cluster = 1;
  lv.sp = DrawSpatialDim(s, g, l, rng);
  if (lv.sp == g.levels[l - 1].sp) lv.sp = DrawSpatialDim(s, g, l, rng);
  lv.cluster = DrawCluster(s, g, l, lv.sp, rng);
}

// Fill: half the time a new cluster for a level below the top (as in
// DrawCluster), then every spatial tile snapped to cover its parent with its
// level's units in one step, except that one level is toggled between
// folded (tile 1: the units walk the parent in steps) and snapped; a folded
// level stays folded.
void Fill(const SearchSpace& s, Genome& g, Rng& rng) {
  if (g.num_levels > 1 && rng.Chance(0.5)) {
    const int l = static_cast<int>(rng.Uniform(1, g.num_levels - 1));
    g.levels[l].cluster = DrawCluster(s, g, l, g.levels[l].sp, rng);
    Repair(s, g);
  }
  const int toggle = static_cast<int>(rng.Uniform(0, g.num_levels - 1));
  for (int l = 0; l < g.num_levels; ++l) {
    GenomeLevel& lv = g.levels[l];
    const bool folded = lv.tile[lv.sp] == 1;
    if (l == toggle && !folded && rng.Chance(0.5)) {
      lv.tile[lv.sp] = 1;
      Repair(s, g);
    } else if (l == toggle || !folded) {
      SnapSpatialTile(s, g, l);
    }
  }
}

}  // namespace

Genome Offspring(const SearchSpace& s, const Genome& a, const Genome& b,
                 const StreamKey& key, const GammaRates& rates) {
  Genome g = a;
  if (Rng r = Stream(key, Op::kCrossover); r.Chance(rates.crossover)) {
    Crossover(s, g, b, r);
    Repair(s, g);
  }
  if (Rng r = Stream(key, Op::kMutateTile); r.Chance(rates.mutate_tile)) {
    MutateTiles(s, g, r, rates.guided);
  }
  if (Rng r = Stream(key, Op::kReorder); r.Chance(rates.reorder)) {
    Reorder(s, g, r);
  }
  if (Rng r = Stream(key, Op::kGrowAge); r.Chance(rates.grow_age)) {
    GrowAge(s, g, r, rates.guided);
  }
  if (Rng r = Stream(key, Op::kFill); r.Chance(rates.fill)) {
    Fill(s, g, r);
  }
  if (Rng r = Stream(key, Op::kMutatePar);
      g.num_levels > 1 && r.Chance(rates.mutate_par)) {
    std::swap(g.levels[0].sp, g.levels[1].sp);
  }
  Repair(s, g);
  return g;
}

}  // namespace maestro::search
