// The exact runtime floor of a depthwise layer's genome space under exact
// semantics (docs/search.md "GAMMA's workload"), shared by
// search_floor_bench and search_t6_bench: a path lower bound on the
// engine's runtime and a branch and bound over every genome of the space
// (1..max levels, every spatial dim and cluster, every tile, every order)
// that evaluates with the engine every genome whose bound is <= a cap.
//
// The bound follows one unit per level (unit 0: at every step its tile is
// the largest of its fold, so its sub-run is the case's largest compute):
// every run of a level pays its all-Init case's ingress unoverlapped (at
// least the input and filter elements of its first step's union box,
// ceil over the NoC bandwidth), and the path's leaf steps compute
// R x S x the per-PE box (docs/cost-model.md "Per case").
//
// Example:
//   floor_walk::Floor fl(space, hw);            // DSCONV only
//   floor_walk::Engine e{prepared, hw, space};
//   floor_walk::Walk w{fl, e, /*cap=*/15620};
//   w.Run();  // w.best: the least runtime <= cap that fits L1 and L2
#ifndef MAESTRO_ONNX_BENCHMARKS_SPACE_FLOOR_H_
#define MAESTRO_ONNX_BENCHMARKS_SPACE_FLOOR_H_

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "core/engine/fast_eval.h"
#include "search/fill.h"
#include "search/genome.h"

namespace maestro::search::floor_walk {

using Box = std::array<int64_t, kMaxDims>;

inline int64_t CeilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

struct Floor {
  const SearchSpace& s;
  const Hardware& hw;
  int c = -1, y = -1, x = -1;  // dim indices of C, Y', X'
  int64_t r = 1, st = 1;       // filter rows (= cols), stride
  mutable absl::flat_hash_map<std::pair<int, Box>, int64_t> memo;

  Floor(const SearchSpace& sp, const Hardware& h) : s(sp), hw(h) {
    for (int d = 0; d < s.n; ++d) {
      if (s.dims[d] == Dim::kC) c = d;
      if (s.dims[d] == Dim::kYo) y = d;
      if (s.dims[d] == Dim::kXo) x = d;
    }
    r = s.layer.Get(Dim::kR);
    st = s.layer.stride_y;
  }

  // Input + filter elements of an output box (depthwise: per channel).
  int64_t Ingress(const Box& b) const {
    const int64_t rows = (b[y] - 1) * st + r, cols = (b[x] - 1) * st + r;
    return b[c] * (rows * cols + r * r);
  }
  int64_t Noc(int64_t v) const {
    return v == 0 ? 0 : hw.noc_latency + CeilDiv(v, hw.noc_bw) - 1;
  }

  // Per dim the steps of level `l` over a parent box: unit 0's tiles
  // grouped (tile, count), and the first step's union over the units.
  struct Steps {
    std::array<int64_t, 4> u0{}, count{};
    int groups = 0;
    int64_t first = 0;
  };
  Steps StepsOf(const Genome& g, int l, int d, int64_t parent) const {
    Steps out;
    const int64_t t = std::min(g.levels[l].tile[d], parent);
    const int64_t u = d == g.levels[l].sp ? LevelUnits(s, g, l) : 1;
    out.first = std::min(u * t, parent);
    const int64_t full = parent / (u * t), rem = parent - full * u * t;
    if (full > 0) out.u0[out.groups] = t, out.count[out.groups++] = full;
    if (rem > 0)
      out.u0[out.groups] = std::min(t, rem), out.count[out.groups++] = 1;
    return out;
  }

  // Lower bound of the runtime of level `l` run on box `b`; levels past
  // `upto` are bounded without their tiles (Rest).
  int64_t Path(const Genome& g, int l, const Box& b, int upto) const {
    if (l > upto) return Rest(g, l, b);
    const std::pair<int, Box> key{l, b};
    if (auto it = memo.find(key); it != memo.end()) return it->second;
    std::array<Steps, kMaxDims> seq;
    Box first{};
    for (int d = 0; d < s.n; ++d) {
      seq[d] = StepsOf(g, l, d, b[d]);
      first[d] = seq[d].first;
    }
    int64_t total = Noc(Ingress(first));
    const bool leaf = l == g.num_levels - 1;
    std::array<int, kMaxDims> i{};
    while (true) {
      Box sub{};
      int64_t vol = 1, occ = 1;
      for (int d = 0; d < s.n; ++d) {
        sub[d] = seq[d].u0[i[d]];
        occ *= seq[d].count[i[d]];
        vol *= sub[d];
      }
      total += occ * (leaf ? CeilDiv(vol * r * r, hw.simd_lanes)
                           : Path(g, l + 1, sub, upto));
      int d = 0;
      while (d < s.n && ++i[d] == seq[d].groups) i[d++] = 0;
      if (d == s.n) break;
    }
    memo.emplace(key, total);
    return total;
  }

  // Levels l.. on box b without their tiles: the compute with each dim
  // spread over the units of the levels below that spread it, plus, with
  // two levels or more, min over the first step's box B of |B| / bw + the
  // runs of the next level, |b| / |B|: 2 sqrt(|b| / bw); one level: 1.
  int64_t Rest(const Genome& g, int l, const Box& b) const {
    int64_t comp = r * r, vol = 1;
    for (int d = 0; d < s.n; ++d) {
      int64_t u = 1;
      for (int k = l; k < g.num_levels; ++k)
        if (g.levels[k].sp == d) u *= LevelUnits(s, g, k);
      comp *= CeilDiv(b[d], u);
      vol *= b[d];
    }
    const int left = g.num_levels - l;
    const double over =
        left >= 2 ? std::max(2.0, 2 * std::sqrt(double(vol) / hw.noc_bw)) : 1;
    return CeilDiv(comp, hw.simd_lanes) +
           static_cast<int64_t>(std::ceil(over - 1e-9));
  }

  int64_t Bound(const Genome& g, int upto) const {
    memo.clear();
    Box whole{};
    for (int d = 0; d < s.n; ++d) whole[d] = s.extent[d];
    return Path(g, 0, whole, upto);
  }
};

struct Engine {
  Engine(const engine::PreparedLayer& p, const Hardware& h,
         const SearchSpace& sp)
      : pl(p), hw(h), s(sp) {}
  const engine::PreparedLayer& pl;
  const Hardware& hw;
  const SearchSpace& s;
  AnalysisOptions exact;  // semantics kExact
  engine::Workspace ws;
  engine::MappingValue mv;
  engine::Figures f;
  int64_t evals = 0;
  bool Run(const Genome& g) {
    ToMappingValue(s, g, mv);
    ++evals;
    return engine::Evaluate(pl, mv, hw, exact, ws, f).ok();
  }
};

struct Walk {
  Walk(const Floor& f, Engine& en, int64_t c, bool any = true)
      : fl(f), e(en), cap(c), tiles_any(any) {}
  const Floor& fl;
  Engine& e;
  int64_t cap;
  bool tiles_any;
  int64_t nodes[kMaxLevels] = {0, 0, 0}, leaves = 0, feasible = 0;
  int64_t shapes = 0, shapes_walked = 0, violated = 0;
  int64_t best = INT64_MAX, best_any = INT64_MAX, min_bound = INT64_MAX;
  Genome best_g, best_any_g;
  std::vector<std::array<int8_t, kMaxDims>> perms;

  std::vector<int64_t> Choices(int64_t p) const {
    std::vector<int64_t> v;
    for (int64_t t = 1; t <= p; ++t) {
      if (tiles_any || t == CeilDiv(p, CeilDiv(p, t))) v.push_back(t);
    }
    return v;
  }

  // Tiles of level l, dim d onwards.
  void Tiles(Genome& g, int l, int d) {
    const SearchSpace& s = fl.s;
    if (d == s.n) {
      ++nodes[l];
      const int64_t b = fl.Bound(g, l);
      if (b > cap) return;
      if (l + 1 < g.num_levels) return Tiles(g, l + 1, 0);
      min_bound = std::min(min_bound, b);
      return Leaf(g);
    }
    for (int64_t t : Choices(ParentTile(s, g, l, d))) {
      g.levels[l].tile[d] = t;
      Tiles(g, l, d + 1);
    }
  }

  // Every order of every level (deduplicated by canonical key).
  void Leaf(Genome& g) {
    ++leaves;
    absl::flat_hash_set<uint64_t> seen;
    const size_t np = perms.size();
    size_t total = 1;
    for (int l = 0; l < g.num_levels; ++l) total *= np;
    for (size_t k = 0; k < total; ++k) {
      size_t q = k;
      for (int l = 0; l < g.num_levels; ++l, q /= np)
        g.levels[l].order = perms[q % np];
      if (!seen.insert(CanonicalKey(fl.s, g)).second) continue;
      if (!e.Run(g)) continue;
      const int64_t rt = e.f.runtime_cycles;
      if (rt < fl.Bound(g, g.num_levels - 1)) ++violated;
      if (rt < best_any) best_any = rt, best_any_g = g;
      if (!e.f.fits_l1 || !e.f.fits_l2) continue;
      ++feasible;
      if (rt < best) best = rt, best_g = g;
    }
  }

  // Levels, spatial dims and clusters: every combination of the space
  // whose bound without tiles is <= cap is walked.
  void Shapes(Genome& g, int l) {
    const SearchSpace& s = fl.s;
    if (l >= g.num_levels || l >= kMaxLevels) {
      ++shapes;
      if (TopUnits(s, g) < 1 || fl.Bound(g, -1) > cap) return;
      ++shapes_walked;
      for (int k = 0; k < g.num_levels; ++k)
        for (int d = 0; d < s.n; ++d) g.levels[k].tile[d] = s.extent[d];
      return Tiles(g, 0, 0);
    }
    int64_t above = 1;
    for (int k = 1; k < l; ++k) above *= g.levels[k].cluster;
    for (int d = 0; d < s.n; ++d) {
      g.levels[l].sp = static_cast<int8_t>(d);
      if (l == 0) {
        g.levels[0].cluster = 1;
        Shapes(g, 1);
        continue;
      }
      for (int64_t c : s.ClusterChoices()) {
        if (above * c > s.num_pes) break;
        g.levels[l].cluster = c;
        Shapes(g, l + 1);
      }
    }
  }

  void Run() {
    const SearchSpace& s = fl.s;
    std::array<int8_t, kMaxDims> p{};
    for (int i = 0; i < s.n; ++i) p[i] = static_cast<int8_t>(i);
    do perms.push_back(p);
    while (std::next_permutation(p.begin(), p.begin() + s.n));
    for (int levels = 1; levels <= std::min(s.max_levels, kMaxLevels);
         ++levels) {
      Genome g = AllOnesGenome(s);
      g.num_levels = levels;
      Shapes(g, 0);
    }
  }

  void Report() const {
    const SearchSpace& s = fl.s;
    std::printf(
        "walk (1..%d levels, every spatial dim and cluster: %lld shapes, "
        "%lld with a bound <= %lld; tiles %s): nodes per level %lld %lld "
        "%lld, leaves %lld, least bound %lld, engine evaluations %lld (%lld "
        "fit L1 and L2, %lld below the bound)\n",
        s.max_levels, static_cast<long long>(shapes),
        static_cast<long long>(shapes_walked), static_cast<long long>(cap),
        tiles_any ? "any" : "cuts", static_cast<long long>(nodes[0]),
        static_cast<long long>(nodes[1]), static_cast<long long>(nodes[2]),
        static_cast<long long>(leaves), static_cast<long long>(min_bound),
        static_cast<long long>(e.evals), static_cast<long long>(feasible),
        static_cast<long long>(violated));
    std::fflush(stdout);
    if (best_any != INT64_MAX)
      std::printf("  least runtime, any buffers: %lld  %s\n",
                  static_cast<long long>(best_any),
                  Describe(s, best_any_g).c_str());
    if (best != INT64_MAX)
      std::printf("  least runtime, fits L1/L2: %lld  %s\n",
                  static_cast<long long>(best), Describe(s, best_g).c_str());
  }
};

}  // namespace maestro::search::floor_walk

#endif  // MAESTRO_ONNX_BENCHMARKS_SPACE_FLOOR_H_
