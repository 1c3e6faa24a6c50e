// The runtime floor of a depthwise layer's mapping space under exact
// semantics (docs/search.md "GAMMA's workload"): a path lower bound on the
// engine's runtime, checked against the engine on random genomes, and an
// exhaustive walk of the compute-perfect three-level genomes with it as the
// pruning bound, evaluated by the engine (every order, L1/L2 checked).
//
// The bound follows one unit per level (unit 0: at every step its tile is
// the largest of its fold, so its sub-run is the case's largest compute):
// every run of a level pays its all-Init case's ingress unoverlapped (at
// least the input and filter elements of its first step's union box,
// ceil over the NoC bandwidth), and the path's leaf steps compute
// 9 x the per-PE box (docs/cost-model.md "Per case").
//   build/benchmarks/search_floor_bench [--layer=L5] [--hw=pe256]
//       [--cap=15620] [--random=20000] [--tiles=any|cuts]
// --cap: walk only genomes whose bound is <= cap; --tiles=cuts: per level
// only the balanced tiles ceil(parent / k) (faster, a subspace).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "benchmarks/gamma_workload.h"
#include "core/engine/fast_eval.h"
#include "search/fill.h"
#include "search/genome.h"
#include "search/rng.h"

namespace maestro::search {
namespace {

using Box = std::array<int64_t, kMaxDims>;

int64_t CeilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

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

struct Flags {
  std::string layer = "L5", hw = "pe256", tiles = "any";
  int64_t cap = 15620;
  int random = 20000;
};

Flags Parse(int argc, char** argv) {
  Flags f;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto val = [&](const char* n) {
      const std::string p = std::string(n) + "=";
      return a.rfind(p, 0) == 0 ? a.substr(p.size()) : std::string();
    };
    if (auto v = val("--layer"); !v.empty()) f.layer = v;
    if (auto v = val("--hw"); !v.empty()) f.hw = v;
    if (auto v = val("--tiles"); !v.empty()) f.tiles = v;
    if (auto v = val("--cap"); !v.empty()) f.cap = std::atoll(v.c_str());
    if (auto v = val("--random"); !v.empty()) f.random = std::atoi(v.c_str());
  }
  return f;
}

struct Engine {
  const engine::PreparedLayer& pl;
  const Hardware& hw;
  const SearchSpace& s;
  engine::Workspace ws;
  engine::MappingValue mv;
  engine::Figures f;
  int64_t evals = 0;
  bool Run(const Genome& g) {
    ToMappingValue(s, g, mv);
    ++evals;
    return engine::Evaluate(pl, mv, hw, {Semantics::kExact}, ws, f).ok();
  }
};

// The bound below the engine on random genomes of 1..3 levels.
void CheckBound(const Floor& fl, Engine& e, int n) {
  Rng rng(12345);
  int64_t checked = 0, violated = 0, tight = 0;
  for (int i = 0; i < n; ++i) {
    const Genome g = RandomGenome(fl.s, 1 + i % fl.s.max_levels, rng);
    if (!e.Run(g)) continue;
    // The full bound and the partial ones the walk prunes with.
    const int64_t b = fl.Bound(g, g.num_levels - 1);
    int64_t partial = b;
    for (int upto = -1; upto < g.num_levels - 1; ++upto)
      partial = std::max(partial, fl.Bound(g, upto));
    ++checked;
    violated += e.f.runtime_cycles < partial;
    tight += e.f.runtime_cycles == b;
    if (e.f.runtime_cycles < b && violated <= 5)
      std::printf("  VIOLATED: %s engine %lld bound %lld\n",
                  Describe(fl.s, g).c_str(),
                  static_cast<long long>(e.f.runtime_cycles),
                  static_cast<long long>(partial));
  }
  std::printf(
      "bound vs engine on %lld random genomes: %lld below the bound (full or "
      "partial), %lld equal to the full bound\n",
      static_cast<long long>(checked), static_cast<long long>(violated),
      static_cast<long long>(tight));
  std::fflush(stdout);
}

// The best PE-filling seed (fill.h) that fits L1 and L2, next to the floor.
void SeedReport(const Floor& fl, Engine& e) {
  int64_t best = INT64_MAX, n = 0, below = 0;
  Genome bg;
  for (const Genome& g : FillSeeds(fl.s, 4, true)) {
    ++n;
    if (!e.Run(g)) continue;
    below += e.f.runtime_cycles < fl.Bound(g, g.num_levels - 1);
    if (!e.f.fits_l1 || !e.f.fits_l2) continue;
    if (e.f.runtime_cycles < best) best = e.f.runtime_cycles, bg = g;
  }
  std::printf(
      "best of %lld PE-filling seeds (fill.h, two_cuts) that fit: %lld  %s "
      "(%lld below the bound)\n",
      static_cast<long long>(n), static_cast<long long>(best),
      best == INT64_MAX ? "-" : Describe(fl.s, bg).c_str(),
      static_cast<long long>(below));
}

struct Walk {
  const Floor& fl;
  Engine& e;
  const Flags& f;
  int64_t nodes[kMaxLevels] = {0, 0, 0}, leaves = 0, feasible = 0;
  int64_t shapes = 0, shapes_walked = 0, violated = 0;
  int64_t best = INT64_MAX, best_any = INT64_MAX, min_bound = INT64_MAX;
  Genome best_g, best_any_g;
  std::vector<std::array<int8_t, kMaxDims>> perms;

  std::vector<int64_t> Choices(int64_t p) const {
    std::vector<int64_t> v;
    for (int64_t t = 1; t <= p; ++t) {
      if (f.tiles == "any" || t == CeilDiv(p, CeilDiv(p, t))) v.push_back(t);
    }
    return v;
  }

  // Tiles of level l, dim d onwards.
  void Tiles(Genome& g, int l, int d) {
    const SearchSpace& s = fl.s;
    if (d == s.n) {
      ++nodes[l];
      const int64_t b = fl.Bound(g, l);
      if (b > f.cap) return;
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
    if (l == g.num_levels) {
      ++shapes;
      if (TopUnits(s, g) < 1 || fl.Bound(g, -1) > f.cap) return;
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
    for (int levels = 1; levels <= s.max_levels; ++levels) {
      Genome g = AllOnesGenome(s);
      g.num_levels = levels;
      Shapes(g, 0);
    }
    std::printf(
        "walk (1..%d levels, every spatial dim and cluster: %lld shapes, "
        "%lld with a bound <= %lld; tiles %s): nodes per level %lld %lld "
        "%lld, leaves %lld, least bound %lld, engine evaluations %lld (%lld "
        "fit L1 and L2, %lld below the bound)\n",
        s.max_levels, static_cast<long long>(shapes),
        static_cast<long long>(shapes_walked), static_cast<long long>(f.cap),
        f.tiles.c_str(), static_cast<long long>(nodes[0]),
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

void Main(const Flags& f) {
  const Hardware hw = f.hw == "A" ? GammaHardwareA() : GammaHardwareB();
  for (const Layer& l : GammaWorkload()) {
    if (l.name.find(f.layer) == std::string::npos) continue;
    const SearchSpace s = *MakeSearchSpace(l, hw, {});
    const engine::PreparedLayer pl = *engine::PrepareLayer(l, {});
    std::printf("%s on %s: LB %lld, space compute bound %lld\n", l.name.c_str(),
                hw.name.c_str(),
                static_cast<long long>(CeilDiv(pl.macs, hw.num_pes)),
                static_cast<long long>(SpaceComputeBound(s, hw.simd_lanes)));
    Floor fl(s, hw);
    Engine e{pl, hw, s, {}, {}, {}, 0};
    CheckBound(fl, e, f.random);
    SeedReport(fl, e);
    e.evals = 0;
    Walk w{fl, e, f};
    w.Run();
  }
}

}  // namespace
}  // namespace maestro::search

int main(int argc, char** argv) {
  maestro::search::Main(maestro::search::Parse(argc, argv));
  return 0;
}
