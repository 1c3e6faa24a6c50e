// The runtime floor of a depthwise layer's genome space under exact
// semantics (docs/search.md "GAMMA's workload"; the bound and the walk are
// benchmarks/space_floor.h): the path bound checked against the engine on
// random genomes of 1..3 levels (full and partial bounds), the best
// PE-filling seed, then the branch and bound over every genome of the
// space with a bound <= cap, each evaluated by the engine.
//   build/benchmarks/search_floor_bench [--layer=L5] [--hw=pe256|A]
//       [--cap=15620] [--random=20000] [--tiles=any|cuts]
// --cap: walk only genomes whose bound is <= cap (a runtime the space is
// known to reach: then the least runtime found is the space's optimum);
// --tiles=cuts: per level only the balanced tiles ceil(parent / k) (a
// subspace, faster).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "benchmarks/gamma_workload.h"
#include "benchmarks/space_floor.h"
#include "core/engine/fast_eval.h"
#include "search/fill.h"
#include "search/genome.h"
#include "search/rng.h"

namespace maestro::search {
namespace {

using floor_walk::CeilDiv;
using floor_walk::Engine;
using floor_walk::Floor;
using floor_walk::Walk;

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
    Engine e(pl, hw, s);
    CheckBound(fl, e, f.random);
    SeedReport(fl, e);
    e.evals = 0;
    Walk w(fl, e, f.cap, f.tiles == "any");
    w.Run();
    w.Report();
  }
}

}  // namespace
}  // namespace maestro::search

int main(int argc, char** argv) {
  maestro::search::Main(maestro::search::Parse(argc, argv));
  return 0;
}
