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
// dim iterates (trip > 1).
std::array<long double, 8> ChainMasks(const SearchSpace& s, int d, int levels) {
  std::array<long double, 8> cnt{};
  const int64_t D = s.extent[d];
  if (s.tiles == TileDomain::kAny) {
    for (int mask = 0; mask < (1 << levels); ++mask) {
      cnt[mask] = Binomial(D - 1, __builtin_popcount(mask));
    }
    return cnt;
  }
  std::function<void(int, int64_t, int)> walk = [&](int l, int64_t p,
                                                    int mask) {
    if (l == levels) {
      cnt[mask] += 1;
      return;
    }
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

}  // namespace

SpaceSize CountSpace(const SearchSpace& s, int levels) {
  SpaceSize z;
  const int n = s.n;
  const long double clusters =
      std::pow(static_cast<long double>(s.ClusterChoices().size()), levels - 1);
  // dist[k_0 + (n+1) k_1 + ...]: tile assignments with k_l iterating dims.
  int states = 1;
  for (int l = 0; l < levels; ++l) states *= n + 1;
  std::vector<long double> dist(states, 0);
  dist[0] = 1;
  long double chains = 1;
  for (int d = 0; d < n; ++d) {
    const std::array<long double, 8> m = ChainMasks(s, d, levels);
    long double total = 0;
    for (int mask = 0; mask < (1 << levels); ++mask) total += m[mask];
    chains *= total;
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
  long double orders = 0;
  for (int st = 0; st < states; ++st) {
    long double f = 1;
    for (int l = 0, x = st; l < levels; ++l, x /= n + 1)
      f *= Factorial(x % (n + 1));
    orders += dist[st] * f;
  }
  const long double sp = std::pow(static_cast<long double>(n), levels);
  z.raw = chains * std::pow(Factorial(n) * n, levels) * clusters;
  z.canonical = orders * sp * ValidClusterTuples(s, levels);
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

struct Enumerator {
  const SearchSpace& s;
  int levels;
  bool raw;
  const std::function<bool(const Genome&)>& fn;
  Genome g;
  std::vector<int64_t> cluster_choices;

  bool Tiles(int d, int l) {
    if (d >= s.n || d >= kMaxDims) return Clusters(1, s.num_pes);
    if (l >= levels || l >= kMaxLevels) return Tiles(d + 1, 0);
    for (int64_t t : s.TileChoices(d, ParentTile(s, g, l, d))) {
      g.levels[l].tile[d] = t;
      if (!Tiles(d, l + 1)) return false;
    }
    return true;
  }
  bool Clusters(int l, int64_t room) {
    if (l >= levels || l >= kMaxLevels) return Spatial(0);
    for (int64_t c : cluster_choices) {
      if (!raw && c > room) break;
      g.levels[l].cluster = c;
      if (!Clusters(l + 1, c > room ? 0 : room / c)) return false;
    }
    return true;
  }
  bool Spatial(int l) {
    if (l >= levels || l >= kMaxLevels) return Orders(0);
    for (int d = 0; d < s.n && d < kMaxDims; ++d) {
      g.levels[l].sp = static_cast<int8_t>(d);
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
      if (raw || Trips(s, g, l, d) > 1) {
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
  return e.Tiles(0, 0);
}

std::string FormatCount(long double v) {
  if (v < 9.2e18L) return absl::StrFormat("%d", static_cast<int64_t>(v));
  return absl::StrFormat("%.2e", static_cast<double>(v));
}

}  // namespace maestro::search
