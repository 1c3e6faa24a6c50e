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

bool FiltersSpread(const SearchSpace& s) {
  return s.spatial_rs != SpatialFilter::kOff;
}

// A uniform spatial choice (sp, co) among the space's.
SpatialChoice DrawAnySpatial(const SearchSpace& s, Rng& rng) {
  if (!FiltersSpread(s)) {
    return {static_cast<int8_t>(rng.Uniform(0, s.n - 1)), false};
  }
  return SpatialChoiceAt(
      s, static_cast<int>(rng.Uniform(0, s.SpatialChoices() - 1)));
}

// A spatial choice for level l: uniformly among those whose spread dim
// still iterates under the level's parent (a spatial map over one element
// wastes the level), any when none does.
SpatialChoice DrawSpatialDim(const SearchSpace& s, const Genome& g, int l,
                             Rng& rng) {
  std::array<SpatialChoice, kMaxDims + 4> live{};
  int n = 0;
  const int choices = FiltersSpread(s) ? s.SpatialChoices() : s.n;
  for (int k = 0; k < choices && k < kMaxDims + 4; ++k) {
    const SpatialChoice c = SpatialChoiceAt(s, k);
    GenomeLevel lv;
    lv.sp = c.sp;
    lv.co = c.co;
    if (ParentTile(s, g, l, SpreadSlot(s, lv)) > 1) live[n++] = c;
  }
  if (n == 0) return DrawAnySpatial(s, rng);
  return live[rng.Uniform(0, n - 1)];
}

// Level l takes spatial choice c; a spread filter dim gets a tile drawn
// under its parent (repaired by the caller).
void SetSpatial(const SearchSpace& s, Genome& g, int l, SpatialChoice c,
                Rng& rng) {
  GenomeLevel& lv = g.levels[l];
  lv.sp = c.sp;
  lv.co = c.co;
  const int f = SpreadSlot(s, lv);
  if (f >= kMaxDims) lv.tile[f] = s.DrawTile(f, ParentTile(s, g, l, f), rng);
}

// The filter locus (spread filter dims only): on a level spreading Y' or
// X' the pair toggled (where the space has pairs), then a spread filter
// dim's tile redrawn under its parent.
void MutateFilter(const SearchSpace& s, Genome& g, int l, Rng& rng) {
  GenomeLevel& lv = g.levels[l];
  if (s.spatial_rs == SpatialFilter::kCospatial && lv.sp < s.n &&
      (s.dims[lv.sp] == Dim::kYo || s.dims[lv.sp] == Dim::kXo)) {
    lv.co = !lv.co;
  }
  const int f = SpreadSlot(s, lv);
  if (f >= kMaxDims)
    lv.tile[f] = MutatedTile(s, f, ParentTile(s, g, l, f), rng);
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

// Three loci: a tile (drawn under its parent), the sp gene (a new spatial
// dim and, below the top, a new cluster size) or, with spread filter dims,
// the filter gene (MutateFilter).
void MutateTiles(const SearchSpace& s, Genome& g, Rng& rng, bool guided) {
  const int loci = s.n + (FiltersSpread(s) ? 1 : 0);
  if (guided) {
    for (int locus = 0; locus < 3; ++locus) {
      const int l = static_cast<int>(rng.Uniform(0, g.num_levels - 1));
      const int j = static_cast<int>(rng.Uniform(0, loci));
      GenomeLevel& lv = g.levels[l];
      if (j < s.n) {
        lv.tile[j] = MutatedTile(s, j, ParentTile(s, g, l, j), rng);
      } else if (j == s.n) {
        SetSpatial(s, g, l, DrawSpatialDim(s, g, l, rng), rng);
        if (l > 0) lv.cluster = DrawCluster(s, g, l, SpreadSlot(s, lv), rng);
      } else {
        MutateFilter(s, g, l, rng);
      }
      Repair(s, g);
    }
    return;
  }
  for (int locus = 0; locus < 3; ++locus) {
    const int l = static_cast<int>(rng.Uniform(0, g.num_levels - 1));
    const int j = static_cast<int>(rng.Uniform(0, loci));
    GenomeLevel& lv = g.levels[l];
    if (j < s.n) {
      lv.tile[j] = MutatedTile(s, j, ParentTile(s, g, l, j), rng);
      Repair(s, g);  // lower levels follow the new parent
      continue;
    }
    if (j > s.n) {
      MutateFilter(s, g, l, rng);
      Repair(s, g);
      continue;
    }
    SetSpatial(s, g, l, DrawAnySpatial(s, rng), rng);
    if (FiltersSpread(s)) Repair(s, g);
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
  if (FiltersSpread(s)) lv.tile[kSlotR] = lv.tile[kSlotS] = 1;
  const std::vector<int64_t>& cs = s.ClusterChoices();
  lv.cluster = cs[rng.Uniform(0, static_cast<int64_t>(cs.size()) - 1)];
  ++g.num_levels;
  if (!guided) return;
  const int l = g.num_levels - 1;
  lv.cluster = 1;
  SpatialChoice c = DrawSpatialDim(s, g, l, rng);
  const GenomeLevel& up = g.levels[l - 1];
  if (c.sp == up.sp && c.co == up.co) c = DrawSpatialDim(s, g, l, rng);
  lv.sp = c.sp;
  lv.co = c.co;
  if (FiltersSpread(s)) Repair(s, g);  // the new level's filter tiles
  lv.cluster = DrawCluster(s, g, l, SpreadSlot(s, lv), rng);
}

// Fill: half the time a new cluster for a level below the top (as in
// DrawCluster), then every spatial tile snapped to cover its parent with its
// level's units in one step, except that one level is toggled between
// folded (tile 1: the units walk the parent in steps) and snapped; a folded
// level stays folded.
void Fill(const SearchSpace& s, Genome& g, Rng& rng) {
  if (g.num_levels > 1 && rng.Chance(0.5)) {
    const int l = static_cast<int>(rng.Uniform(1, g.num_levels - 1));
    g.levels[l].cluster = DrawCluster(s, g, l, SpreadSlot(s, g.levels[l]), rng);
    Repair(s, g);
  }
  const int toggle = static_cast<int>(rng.Uniform(0, g.num_levels - 1));
  for (int l = 0; l < g.num_levels; ++l) {
    GenomeLevel& lv = g.levels[l];
    const int f = SpreadSlot(s, lv);
    const bool folded = lv.tile[f] == 1;
    if (l == toggle && !folded && rng.Chance(0.5)) {
      lv.tile[f] = 1;
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
    std::swap(g.levels[0].co, g.levels[1].co);
  }
  Repair(s, g);
  return g;
}

}  // namespace maestro::search
