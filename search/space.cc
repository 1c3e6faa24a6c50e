#include "search/space.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "absl/strings/str_format.h"

namespace maestro::search {
namespace {

long double Binomial(int64_t n, int64_t k) {
  if (k < 0 || k > n) return 0;
  long double r = 1;
  for (int64_t i = 1; i <= k; ++i) r = r * (n - k + i) / i;
  return std::round(r);
}

long double Factorial(int n) {
  long double r = 1;
  for (int i = 2; i <= n; ++i) r *= i;
  return r;
}

// Tile chains of dim d over `levels` levels, by mask of the levels where the
// dim iterates (trip > 1); at the levels of `forced` the tile is the parent's.
std::array<long double, 8> ChainMasks(const SearchSpace& s, int d, int levels,
                                      int forced = 0) {
  std::array<long double, 8> cnt{};
  const int64_t D = s.extent[d];
  if (s.tiles == TileDomain::kAny) {
    for (int mask = 0; mask < (1 << levels); ++mask) {
      cnt[mask] = mask & forced ? 0 : Binomial(D - 1, __builtin_popcount(mask));
    }
    return cnt;
  }
  std::function<void(int, int64_t, int)> walk = [&](int l, int64_t p,
                                                    int mask) {
    if (l == levels) {
      cnt[mask] += 1;
      return;
    }
    if (forced & (1 << l)) return walk(l + 1, p, mask);
    for (int64_t t : s.TileChoices(d, p))
      walk(l + 1, t, mask | (t < p ? 1 << l : 0));
  };
  walk(0, D, 0);
  return cnt;
}

// Cluster tuples (c_1..c_{L-1}) from the domain with product <= num_pes.
long double ValidClusterTuples(const SearchSpace& s, int levels) {
  const std::vector<int64_t>& cs = s.ClusterChoices();
  std::function<long double(int, int64_t)> walk = [&](int l, int64_t room) {
    if (l == levels) return 1.0L;
    long double n = 0;
    for (int64_t c : cs) {
      if (c > room) break;
      n += walk(l + 1, room / c);
    }
    return n;
  };
  return walk(1, s.num_pes);
}

// The tile sequences of filter slot f over the levels: at the levels
// spreading it (spread[l]) a choice under the parent (below the filter for
// a pair), elsewhere the parent's.
long double FilterChains(const SearchSpace& s, int f, int levels,
                         const std::array<SpatialChoice, kMaxLevels>& sp) {
  std::function<long double(int, int64_t)> walk = [&](int l, int64_t p) {
    if (l == levels) return 1.0L;
    GenomeLevel lv;
    lv.sp = sp[l].sp;
    lv.co = sp[l].co;
    if (SpreadSlot(s, lv) != f) return walk(l + 1, p);
    const int64_t cap = lv.co ? std::min(p, s.SlotExtent(f) - 1) : p;
    long double n = 0;
    for (int64_t t : s.TileChoices(f, p)) {
      if (t <= cap) n += walk(l + 1, t);
    }
    return n;
  };
  return walk(0, s.SlotExtent(f));
}

// Tile assignments by the number of ordered dims per level (a DP over the
// dims, `forced[d]` the levels where dim d keeps its parent's tile):
// returns the chains and sum over tilings of prod_l (k_l + extra_l)!.
struct TileCount {
  long double chains = 1, orders = 0;
};
TileCount CountTiles(const SearchSpace& s, int levels,
                     const std::array<int, kMaxDims>& forced,
                     const std::array<int, kMaxLevels>& extra) {
  const int n = s.n;
  int states = 1;
  for (int l = 0; l < levels; ++l) states *= n + 1;
  std::vector<long double> dist(states, 0);
  dist[0] = 1;
  TileCount c;
  for (int d = 0; d < n; ++d) {
    const std::array<long double, 8> m = ChainMasks(s, d, levels, forced[d]);
    long double total = 0;
    for (int mask = 0; mask < (1 << levels); ++mask) total += m[mask];
    c.chains *= total;
    std::vector<long double> next(states, 0);
    for (int st = 0; st < states; ++st) {
      if (dist[st] == 0) continue;
      for (int mask = 0; mask < (1 << levels); ++mask) {
        int add = 0, mul = 1;
        for (int l = 0; l < levels; ++l, mul *= n + 1) {
          if (mask & (1 << l)) add += mul;
        }
        next[st + add] += dist[st] * m[mask];
      }
    }
    dist.swap(next);
  }
  for (int st = 0; st < states; ++st) {
    long double f = 1;
    for (int l = 0, x = st; l < levels; ++l, x /= n + 1)
      f *= Factorial(x % (n + 1) + extra[l]);
    c.orders += dist[st] * f;
  }
  return c;
}

// CountSpace with spread filter dims: summed over the spatial choices of
// every level (the n searched dims count alike), as they decide which
// tiles are genes.
SpaceSize CountSpaceFilter(const SearchSpace& s, int levels) {
  SpaceSize z;
  const long double clusters =
      std::pow(static_cast<long double>(s.ClusterChoices().size()), levels - 1);
  const long double valid_clusters = ValidClusterTuples(s, levels);
  // Choice classes: 0 = a searched dim (weight n), then the others.
  const int classes = s.SpatialChoices() - s.n + 1;
  int tuples = 1;
  for (int l = 0; l < levels; ++l) tuples *= classes;
  for (int t = 0; t < tuples; ++t) {
    std::array<SpatialChoice, kMaxLevels> sp{};
    std::array<int, kMaxDims> forced{};
    std::array<int, kMaxLevels> extra{};
    long double weight = 1;
    for (int l = 0, x = t; l < levels; ++l, x /= classes) {
      const int c = x % classes;
      if (c == 0) {
        weight *= s.n;  // sp[l].sp = 0 stands for every searched dim
        continue;
      }
      sp[l] = SpatialChoiceAt(s, s.n + c - 1);
      if (sp[l].co) {
        forced[sp[l].sp] |= 1 << l;
        extra[l] = 1;
      }
    }
    const TileCount tc = CountTiles(s, levels, forced, extra);
    const long double filters = FilterChains(s, kSlotR, levels, sp) *
                                FilterChains(s, kSlotS, levels, sp);
    z.raw += weight * tc.chains * filters * std::pow(Factorial(s.n), levels) *
             clusters;
    z.canonical += weight * tc.orders * filters * valid_clusters;
  }
  return z;
}

}  // namespace

SpaceSize CountSpace(const SearchSpace& s, int levels) {
  if (s.spatial_rs != SpatialFilter::kOff) return CountSpaceFilter(s, levels);
  SpaceSize z;
  const int n = s.n;
  const long double clusters =
      std::pow(static_cast<long double>(s.ClusterChoices().size()), levels - 1);
  const TileCount tc = CountTiles(s, levels, {}, {});
  const long double sp = std::pow(static_cast<long double>(n), levels);
  z.raw = tc.chains * std::pow(Factorial(n) * n, levels) * clusters;
  z.canonical = tc.orders * sp * ValidClusterTuples(s, levels);
  return z;
}

SpaceSize CountSpaceAllLevels(const SearchSpace& s) {
  SpaceSize z;
  for (int l = 1; l <= s.max_levels; ++l) {
    const SpaceSize x = CountSpace(s, l);
    z.raw += x.raw;
    z.canonical += x.canonical;
  }
  return z;
}

namespace {

// Without spread filter dims: tiles, clusters, spatial dims, orders. With
// them the spatial choices come first (they decide which tiles are genes),
// then tiles, filter tiles, clusters, orders.
struct Enumerator {
  const SearchSpace& s;
  int levels;
  bool raw;
  const std::function<bool(const Genome&)>& fn;
  Genome g;
  std::vector<int64_t> cluster_choices;
  bool spatial_first = s.spatial_rs != SpatialFilter::kOff;

  bool Start() { return spatial_first ? Spatial(0) : Tiles(0, 0); }
  bool Tiles(int d, int l) {
    if (d >= s.n || d >= kMaxDims) {
      return spatial_first ? Filters(kSlotR, 0) : Clusters(1, s.num_pes);
    }
    if (l >= levels || l >= kMaxLevels) return Tiles(d + 1, 0);
    const GenomeLevel& lv = g.levels[l];
    const int64_t p = ParentTile(s, g, l, d);
    if (lv.co && lv.sp == d) {  // a pair's Y' (X'): the parent's tile
      g.levels[l].tile[d] = p;
      return Tiles(d, l + 1);
    }
    for (int64_t t : s.TileChoices(d, p)) {
      g.levels[l].tile[d] = t;
      if (!Tiles(d, l + 1)) return false;
    }
    return true;
  }
  bool Filters(int f, int l) {
    if (f > kSlotS) return Clusters(1, s.num_pes);
    if (l >= levels || l >= kMaxLevels) return Filters(f + 1, 0);
    GenomeLevel& lv = g.levels[l];
    const int64_t p = ParentTile(s, g, l, f);
    if (SpreadSlot(s, lv) != f) {
      lv.tile[f] = p;
      return Filters(f, l + 1);
    }
    const int64_t cap = lv.co ? std::min(p, s.SlotExtent(f) - 1) : p;
    for (int64_t t : s.TileChoices(f, p)) {
      if (t > cap) break;
      g.levels[l].tile[f] = t;
      if (!Filters(f, l + 1)) return false;
    }
    return true;
  }
  bool Clusters(int l, int64_t room) {
    if (l >= levels || l >= kMaxLevels) {
      return spatial_first ? Orders(0) : Spatial(0);
    }
    for (int64_t c : cluster_choices) {
      if (!raw && c > room) break;
      g.levels[l].cluster = c;
      if (!Clusters(l + 1, c > room ? 0 : room / c)) return false;
    }
    return true;
  }
  bool Spatial(int l) {
    if (l >= levels || l >= kMaxLevels) {
      return spatial_first ? Tiles(0, 0) : Orders(0);
    }
    const int choices = std::min(s.SpatialChoices(), kMaxDims + 4);
    for (int k = 0; k < choices; ++k) {
      const SpatialChoice c = SpatialChoiceAt(s, k);
      g.levels[l].sp = c.sp;
      g.levels[l].co = c.co;
      if (!Spatial(l + 1)) return false;
    }
    return true;
  }
  bool Orders(int l) {
    if (l >= levels || l >= kMaxLevels) return fn(g);
    std::array<int8_t, kMaxDims> it{}, rest{};
    int k = 0, r = 0;
    // s.n <= kMaxDims always; the bound also tells the compiler so.
    const int n = std::min<int>(s.n, kMaxDims);
    for (int d = 0; d < n; ++d) {
      if (raw || Ordered(s, g, l, d)) {
        it[k++] = static_cast<int8_t>(d);
      } else {
        rest[r++] = static_cast<int8_t>(d);
      }
    }
    do {
      std::copy(it.begin(), it.begin() + k, g.levels[l].order.begin());
      std::copy(rest.begin(), rest.begin() + r, g.levels[l].order.begin() + k);
      if (!Orders(l + 1)) return false;
    } while (std::next_permutation(it.begin(), it.begin() + k));
    return true;
  }
};

}  // namespace

bool EnumerateGenomes(const SearchSpace& s, int levels, bool raw,
                      const std::function<bool(const Genome&)>& fn) {
  Enumerator e{s, levels, raw, fn, AllOnesGenome(s), s.ClusterChoices()};
  e.g.num_levels = levels;
  for (int l = 0; l < kMaxLevels; ++l) {
    for (int i = 0; i < kMaxDims; ++i)
      e.g.levels[l].order[i] = static_cast<int8_t>(i);
    e.g.levels[l].cluster = 1;
  }
  return e.Start();
}

std::string FormatCount(long double v) {
  if (v < 9.2e18L) return absl::StrFormat("%d", static_cast<int64_t>(v));
  return absl::StrFormat("%.2e", static_cast<double>(v));
}

}  // namespace maestro::search
