// Spec T6 over many seeds: gamma on GAMMA's workload (benchmarks/
// gamma_workload.h) at 256 PEs, both semantics, both hardware
// configurations, 10^4 evaluations per layer, seeds first..first+N-1. Per
// cell the median [min, max] over the seeds of best runtime / lower bound,
// how many seeds are within the target (0.5 % conv/FC/GEMM, 5 %
// depthwise), and the median wall and CPU milliseconds per layer (CPU of
// the process, all threads; on a shared machine wall also counts waiting
// for a core). Then the summary table of docs/search.md.
//   build/benchmarks/search_t6_bench [--seeds=10] [--first_seed=1]
//       [--evals=10000] [--threads=2] [--layer=SUBSTRING] [--hw=A|pe256]
//       [--semantics=exact|maestro] [--plain] [--no_fill] [--no_fill_seeds]
//       [--no_fill_op] [--fill_rate=R] [--spatial_rs=off|rs|cospatial]
// --plain: gamma without any of our improvements (GammaRates all off);
// --no_fill: without the PE-filling seeds and the fill operator
// (docs/search.md), --no_fill_seeds / --no_fill_op without one of them.
// space/LB: the space's compute bound (search/fill.h); for a depthwise
// layer under exact semantics the space's optimum instead, by the branch
// and bound of benchmarks/space_floor.h capped at the best found (a few
// seconds per cell; --no_floor skips it), marked `*`. --spatial_rs: the
// genome's spread filter dims (search --spatial-rs); with rs or cospatial
// space/LB is the compute bound of that space (the walk covers the default
// space only).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "benchmarks/gamma_workload.h"
#include "benchmarks/space_floor.h"
#include "search/fill.h"
#include "search/search.h"

namespace maestro::search {
namespace {

struct Flags {
  int seeds = 10;
  int first_seed = 1;
  double evals = 1e4;
  int threads = 2;
  std::string layer, hw, semantics;
  bool plain = false, no_fill = false, no_fill_seeds = false,
       no_fill_op = false, no_floor = false;
  double fill_rate = -1;
  SpatialFilter spatial_rs = SpatialFilter::kOff;
};

bool Value(const char* arg, const char* name, std::string& out) {
  const size_t n = std::strlen(name);
  if (std::strncmp(arg, name, n) != 0 || arg[n] != '=') return false;
  out = arg + n + 1;
  return true;
}

Flags ParseFlags(int argc, char** argv) {
  Flags f;
  for (int i = 1; i < argc; ++i) {
    std::string v;
    if (Value(argv[i], "--seeds", v)) f.seeds = std::atoi(v.c_str());
    if (Value(argv[i], "--first_seed", v)) f.first_seed = std::atoi(v.c_str());
    if (Value(argv[i], "--evals", v)) f.evals = std::atof(v.c_str());
    if (Value(argv[i], "--threads", v)) f.threads = std::atoi(v.c_str());
    Value(argv[i], "--layer", f.layer);
    Value(argv[i], "--hw", f.hw);
    Value(argv[i], "--semantics", f.semantics);
    f.plain |= std::strcmp(argv[i], "--plain") == 0;
    f.no_fill |= std::strcmp(argv[i], "--no_fill") == 0;
    f.no_fill_seeds |= std::strcmp(argv[i], "--no_fill_seeds") == 0;
    f.no_fill_op |= std::strcmp(argv[i], "--no_fill_op") == 0;
    f.no_floor |= std::strcmp(argv[i], "--no_floor") == 0;
    if (Value(argv[i], "--fill_rate", v)) f.fill_rate = std::atof(v.c_str());
    if (Value(argv[i], "--spatial_rs", v)) {
      const std::optional<SpatialFilter> sf = ParseSpatialFilter(v);
      if (!sf) {
        std::fprintf(stderr, "--spatial_rs=%s: expected off, rs or cospatial\n",
                     v.c_str());
        std::exit(2);
      }
      f.spatial_rs = *sf;
    }
  }
  return f;
}

// One (hardware, semantics, layer) cell over the seeds.
struct Cell {
  std::string hw, sem, layer;
  int64_t lower_bound = 0;
  int64_t space_bound = 0;     // max(LB, SpaceComputeBound): the space's best
  bool space_optimum = false;  // space_bound is the walked optimum
  int64_t best_runtime = 0;    // over the seeds
  std::vector<double> ratio, wall_ms, cpu_ms;
  int within = 0;
  std::string best_describe;  // the best seed's winner
};

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n == 0 ? 0 : n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

std::string Spread(const std::vector<double>& v) {
  char b[96];
  std::snprintf(b, sizeof b, "%.4f [%.4f, %.4f]", Median(v),
                *std::min_element(v.begin(), v.end()),
                *std::max_element(v.begin(), v.end()));
  return b;
}

SearchOptions Options(const Flags& f, Semantics sem, int seed) {
  SearchOptions o;
  o.budget = {BudgetKind::kEvals, f.evals};
  o.budget_given = true;
  o.threads = f.threads;
  o.seed = static_cast<uint64_t>(seed);
  o.analysis.semantics = sem;
  if (f.plain) {
    o.rates.guided = o.rates.ramp = o.rates.biased_parents = false;
  }
  if (f.plain || f.no_fill || f.no_fill_seeds) o.rates.fill_seeds = false;
  if (f.plain || f.no_fill || f.no_fill_op) o.rates.fill = 0;
  if (f.fill_rate >= 0) o.rates.fill = f.fill_rate;
  o.space.spatial_rs = f.spatial_rs;
  return o;
}

Cell RunCell(const Flags& f, const Hardware& hw, Semantics sem,
             const Layer& l) {
  Cell c;
  c.hw = hw.name;
  c.sem = std::string(SemanticsName(sem));
  c.layer = l.name;
  const double target = l.type == LayerType::kDsconv ? 1.05 : 1.005;
  double best_ratio = 1e300;
  for (int s = f.first_seed; s < f.first_seed + f.seeds; ++s) {
    const std::clock_t c0 = std::clock();
    const auto t0 = std::chrono::steady_clock::now();
    absl::StatusOr<LayerSearch> r =
        SearchLayer(l, GammaRole(l), hw, Options(f, sem, s));
    const double ms = std::chrono::duration<double, std::milli>(
                          std::chrono::steady_clock::now() - t0)
                          .count();
    const double cpu = 1000.0 * (std::clock() - c0) / CLOCKS_PER_SEC;
    if (!r.ok()) {
      std::printf("%s seed %d: error: %s\n", l.name.c_str(), s,
                  std::string(r.status().message()).c_str());
      continue;
    }
    c.lower_bound = r->lower_bound_cycles;
    c.space_bound = std::max(
        c.lower_bound,
        SpaceComputeBound(
            *MakeSearchSpace(l, hw, {3, TileDomain::kAny, f.spatial_rs}),
            hw.simd_lanes));
    const double ratio = static_cast<double>(r->best.metrics.runtime_cycles) /
                         r->lower_bound_cycles;
    c.ratio.push_back(ratio);
    c.wall_ms.push_back(ms);
    c.cpu_ms.push_back(cpu);
    c.within += ratio <= target;
    if (c.best_runtime == 0 || r->best.metrics.runtime_cycles < c.best_runtime)
      c.best_runtime = r->best.metrics.runtime_cycles;
    if (ratio < best_ratio) {
      best_ratio = ratio;
      c.best_describe =
          r->best.describe.empty() ? r->best.source : r->best.describe;
    }
  }
  if (!f.no_floor && f.spatial_rs == SpatialFilter::kOff &&
      l.type == LayerType::kDsconv && sem == Semantics::kExact &&
      c.best_runtime > 0) {
    const SearchSpace space = *MakeSearchSpace(l, hw, {});
    const engine::PreparedLayer pl = *engine::PrepareLayer(l, {});
    const floor_walk::Floor fl(space, hw);
    floor_walk::Engine e(pl, hw, space);
    floor_walk::Walk w(fl, e, c.best_runtime);
    w.Run();
    if (w.best <= c.best_runtime) {  // else the best found is not a genome
      c.space_bound = w.best;
      c.space_optimum = true;
    }
  }
  return c;
}

bool Wanted(const std::string& filter, const std::string& name) {
  return filter.empty() || name.find(filter) != std::string::npos;
}

void PrintSummary(const std::vector<Cell>& cells) {
  std::printf(
      "\n| layer | A exact | A maestro | pe256 exact | pe256 maestro |\n");
  std::printf("|---|---|---|---|---|\n");
  for (const Layer& l : GammaWorkload()) {
    std::string row = "| " + l.name + " |";
    bool any = false;
    for (const char* hw : {"A(2^30)", "pe256"}) {
      for (const char* sem : {"exact", "maestro"}) {
        std::string cell = " - |";
        for (const Cell& c : cells) {
          if (c.layer == l.name && c.hw == hw && c.sem == sem &&
              !c.ratio.empty()) {
            cell = " " + Spread(c.ratio) + " |";
            any = true;
          }
        }
        row += cell;
      }
    }
    if (any) std::printf("%s\n", row.c_str());
  }
}

void Run(const Flags& f) {
  const std::string rs(SpatialFilterName(f.spatial_rs));
  std::printf(
      "GAMMA workload (spec T6): gamma%s%s%s, %.0f evaluations, seeds %d..%d, "
      "%d thread(s); best/LB median [min, max]\n",
      f.plain     ? " (plain: GAMMA's loop)"
      : f.no_fill ? " (no fill)"
                  : "",
      f.spatial_rs == SpatialFilter::kOff ? "" : ", --spatial-rs ",
      f.spatial_rs == SpatialFilter::kOff ? "" : rs.c_str(), f.evals,
      f.first_seed, f.first_seed + f.seeds - 1, f.threads);
  std::printf("%-9s %-8s %-18s %10s %8s  %-26s %6s %8s %8s  %s\n", "hardware",
              "semantic", "layer", "LB", "space/LB", "best/LB", "within",
              "wall ms", "cpu ms", "best seed's winner");
  std::vector<Cell> cells;
  for (const Hardware& hw : {GammaHardwareA(), GammaHardwareB()}) {
    if (!f.hw.empty() && (f.hw == "A") != (hw.name == "A(2^30)")) continue;
    for (Semantics sem : {Semantics::kExact, Semantics::kMaestro}) {
      if (!f.semantics.empty() && f.semantics != SemanticsName(sem)) continue;
      for (const Layer& l : GammaWorkload()) {
        if (!Wanted(f.layer, l.name)) continue;
        Cell c = RunCell(f, hw, sem, l);
        if (c.ratio.empty()) continue;
        std::printf(
            "%-9s %-8s %-18s %10lld %7.4f%s  %-26s %3d/%-2zu %8.1f %8.1f  %s\n",
            c.hw.c_str(), c.sem.c_str(), c.layer.c_str(),
            static_cast<long long>(c.lower_bound),
            static_cast<double>(c.space_bound) / c.lower_bound,
            c.space_optimum ? "*" : " ", Spread(c.ratio).c_str(), c.within,
            c.ratio.size(), Median(c.wall_ms), Median(c.cpu_ms),
            c.best_describe.c_str());
        std::fflush(stdout);
        cells.push_back(std::move(c));
      }
    }
  }
  PrintSummary(cells);
}

}  // namespace
}  // namespace maestro::search

int main(int argc, char** argv) {
  maestro::search::Run(maestro::search::ParseFlags(argc, argv));
  return 0;
}
