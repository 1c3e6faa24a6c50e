#include "search/fill.h"

#include <algorithm>
#include <limits>

#include "absl/container/flat_hash_set.h"

namespace maestro::search {
namespace {

constexpr int64_t kHuge = std::numeric_limits<int64_t>::max() / 4;

int64_t CeilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

int64_t SatMul(int64_t a, int64_t b) {
  return a > kHuge / std::max<int64_t>(b, 1) ? kHuge : a * b;
}

// The least units of each value of ⌈D / U⌉, U <= pes (ascending units).
std::vector<int64_t> UnitChoices(int64_t extent, int64_t pes) {
  std::vector<int64_t> us;
  int64_t last = 0;
  for (int64_t u = 1; u <= std::min(extent, pes); ++u) {
    const int64_t q = CeilDiv(extent, u);
    if (q != last) us.push_back(u);
    last = q;
  }
  return us;
}

bool Better(const UnitAssignment& a, const UnitAssignment& b) {
  if (a.steps != b.steps) return a.steps < b.steps;
  if (a.pes != b.pes) return a.pes > b.pes;
  return a.units > b.units;
}

// Depth-first over the dims: units of dim d onwards, keeping the best k.
struct Enumeration {
  const SearchSpace& s;
  int k;
  std::vector<std::vector<int64_t>> choices;
  std::vector<UnitAssignment> best;

  // Over the searched dims, then (when they may be spread) R and S.
  void Walk(int d, UnitAssignment a, int spread) {
    if (d == s.n) d = s.spatial_rs != SpatialFilter::kOff ? kSlotR : kTileSlots;
    if (d >= kTileSlots) {
      Keep(a);
      return;
    }
    for (int64_t u : choices[d]) {
      if (u > 1 && (spread == s.max_levels || a.pes * u > s.num_pes)) break;
      UnitAssignment b = a;
      b.units[d] = u;
      b.pes = a.pes * u;
      b.steps = SatMul(a.steps, CeilDiv(s.SlotExtent(d), u));
      Walk(d + 1, b, spread + (u > 1));
    }
  }

  void Keep(const UnitAssignment& a) {
    if (static_cast<int>(best.size()) == k && !Better(a, best.back())) return;
    best.insert(std::upper_bound(best.begin(), best.end(), a, Better), a);
    if (static_cast<int>(best.size()) > k) best.pop_back();
  }
};

// The work of one point of the walked dims (R·S for conv-like layers unless
// R and S are walked too), 0 when the layer's MACs are not a multiple of
// their volume.
int64_t PointWork(const SearchSpace& s) {
  int64_t volume = 1;
  for (int d = 0; d < s.n; ++d) volume = SatMul(volume, s.extent[d]);
  if (s.spatial_rs != SpatialFilter::kOff) {
    volume = SatMul(volume, s.SlotExtent(kSlotR) * s.SlotExtent(kSlotS));
  }
  const int64_t macs = AnalyticMacs(s.layer);
  return macs % volume == 0 ? macs / volume : 0;
}

// The genome of assignment `a` with the spread dims' levels folded where
// bit l of `fold` is set, and the top level's two largest dims other than
// its spatial one cut into `split` and `split2` tiles (see FillSeeds).
Genome SeedGenome(const SearchSpace& s, const UnitAssignment& a, uint32_t fold,
                  int64_t split, int64_t split2 = 1) {
  std::vector<int> spread;
  for (int d = 0; d < kTileSlots; ++d) {
    if (a.units[d] > 1) spread.push_back(d);
  }
  Genome g = AllOnesGenome(s);
  if (spread.empty()) return g;  // nothing spread (FillSeeds skips it)
  g.num_levels = std::min(static_cast<int>(spread.size()), kMaxLevels);
  int cut = -1, cut2 = -1;  // the top level's largest dims but its spatial one
  for (int d = 0; d < s.n; ++d) {
    if (d == spread[0]) continue;
    if (cut < 0 || s.extent[d] > s.extent[cut]) {
      cut2 = cut;
      cut = d;
    } else if (cut2 < 0 || s.extent[d] > s.extent[cut2]) {
      cut2 = d;
    }
  }
  for (int l = 0; l < g.num_levels && l < kMaxLevels; ++l) {
    GenomeLevel& lv = g.levels[l];
    for (int i = 0; i < kMaxDims; ++i) lv.order[i] = static_cast<int8_t>(i);
    lv.sp = static_cast<int8_t>(spread[l]);
    lv.cluster = l == 0 ? 1 : a.units[spread[l]];
    const bool innermost = l == g.num_levels - 1;
    for (int d = 0; d < s.n; ++d) {
      lv.tile[d] = innermost ? 1 : ParentTile(s, g, l, d);
      if (l == 0 && !innermost && d == cut)
        lv.tile[d] = CeilDiv(s.extent[d], split);
      if (l == 0 && !innermost && d == cut2)
        lv.tile[d] = CeilDiv(s.extent[d], split2);
      // Two cuts: each rounded up to a multiple of the units spreading the
      // dim below, so every step but the last fills them (compute-perfect).
      if (l == 0 && !innermost && split2 > 1 && (d == cut || d == cut2))
        lv.tile[d] =
            std::min(s.extent[d], CeilDiv(lv.tile[d], a.units[d]) * a.units[d]);
    }
  }
  Repair(s, g);
  for (int l = 0; l < g.num_levels; ++l) {
    if ((fold >> l) & 1) {
      g.levels[l].tile[SpreadSlot(s, g.levels[l])] = 1;
      Repair(s, g);
    } else {
      SnapSpatialTile(s, g, l);
    }
  }
  return g;
}

}  // namespace

std::vector<UnitAssignment> BestAssignments(const SearchSpace& s, int k) {
  Enumeration e{s, std::max(k, 1), {}, {}};
  e.choices.resize(kTileSlots);
  for (int d = 0; d < kTileSlots; ++d) {
    if (d < s.n || (d >= kMaxDims && s.spatial_rs != SpatialFilter::kOff))
      e.choices[d] = UnitChoices(s.SlotExtent(d), s.num_pes);
  }
  UnitAssignment start;
  start.units.fill(1);
  start.steps = 1;
  start.pes = 1;
  e.Walk(0, start, 0);
  return e.best;
}

int64_t SpaceComputeBound(const SearchSpace& s, int64_t simd_lanes) {
  const std::vector<UnitAssignment> best = BestAssignments(s, 1);
  if (best.empty()) return 0;
  const int64_t work = SatMul(best[0].steps, PointWork(s));
  return CeilDiv(work, std::max<int64_t>(simd_lanes, 1));
}

std::vector<Genome> FillSeeds(const SearchSpace& s, int k, bool two_cuts) {
  std::vector<Genome> seeds;
  absl::flat_hash_set<uint64_t> seen;
  const std::vector<UnitAssignment> best = BestAssignments(s, k);
  auto add = [&](const UnitAssignment& a, uint32_t fold, int64_t split,
                 int64_t split2) {
    Genome g = SeedGenome(s, a, fold, split, split2);
    if (seen.insert(CanonicalKey(s, g)).second) seeds.push_back(g);
  };
  auto folds = [](const UnitAssignment& a) {
    int spread = 0;
    for (int64_t u : a.units) spread += u > 1;
    return std::array<uint32_t, 3>{0u, 1u << (spread - 1), (1u << spread) - 1};
  };
  for (const UnitAssignment& a : best) {
    if (a.pes == 1) continue;  // nothing spread: the all-ones seed
    for (int64_t split : {1, 2, 4, 8, 16}) {
      for (uint32_t fold : folds(a)) add(a, fold, split, 1);
    }
  }
  // Then the top step cut along two dims (after the others, whose order
  // the small exhaustive cases depend on): the first fill and the L2 tile
  // shrink without as many steps along one dim.
  for (const UnitAssignment& a : best) {
    if (!two_cuts || a.pes == 1) continue;
    for (int64_t split : {2, 3}) {
      for (int64_t split2 : {2, 3}) add(a, folds(a)[2], split, split2);
    }
  }
  return seeds;
}

int64_t LevelUnits(const SearchSpace& s, const Genome& g, int level) {
  return level == 0 ? TopUnits(s, g) : g.levels[level].cluster;
}

void SnapSpatialTile(const SearchSpace& s, Genome& g, int level) {
  GenomeLevel& lv = g.levels[level];
  const int f = SpreadSlot(s, lv);
  const int64_t p = ParentTile(s, g, level, f);
  const int64_t want =
      CeilDiv(p, std::max<int64_t>(LevelUnits(s, g, level), 1));
  if (s.tiles == TileDomain::kAny) {
    lv.tile[f] = want;
  } else {
    const std::vector<int64_t> c = s.TileChoices(f, p);
    lv.tile[f] = *std::lower_bound(c.begin(), c.end(), want);
  }
  Repair(s, g);
}

}  // namespace maestro::search
