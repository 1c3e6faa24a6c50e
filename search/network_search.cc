#include "search/network_search.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"

namespace maestro::search {
namespace {

// Network objective of summed runtime and energy (weighted: the product of
// the sums to their weights, which ranks as the product of ratios; area and
// power terms left out: they are the design's, not a sum over layers).
double NetObjective(const SearchOptions& o, double runtime, double energy) {
  if (o.objective_spec.kind != ObjectiveSpec::Kind::kWeighted) {
    return ObjectiveValue(o.objective, runtime, energy);
  }
  Metrics m;
  m.runtime_cycles = static_cast<int64_t>(runtime);
  m.energy_pj = energy;
  double v = 1;
  for (const auto& [metric, w] : o.objective_spec.terms) {
    if (metric == Metric::kArea || metric == Metric::kPower) continue;
    v *= std::pow(MetricValue(metric, m), w);
  }
  return v;
}

struct Sums {
  double latency = 0, energy = 0;
  double Product() const { return latency * energy; }
};

Sums SumsOf(const std::vector<std::vector<LatencyEnergy>>& fronts,
            const std::vector<int64_t>& repeat,
            const std::vector<size_t>& pick) {
  Sums s;
  for (size_t u = 0; u < fronts.size(); ++u) {
    s.latency += fronts[u][pick[u]].latency * repeat[u];
    s.energy += fronts[u][pick[u]].energy * repeat[u];
  }
  return s;
}

// The fronts' trade-off slopes (cycles per pJ where two neighbours tie).
std::vector<double> Slopes(
    const std::vector<std::vector<LatencyEnergy>>& fronts) {
  std::vector<double> out;
  for (const std::vector<LatencyEnergy>& f : fronts) {
    for (size_t k = 0; k + 1 < f.size(); ++k) {
      const double de = f[k].energy - f[k + 1].energy;
      if (de > 0) out.push_back((f[k + 1].latency - f[k].latency) / de);
    }
  }
  return out;
}

// Per layer argmin(L + lambda E), the first (lowest latency) on ties.
std::vector<size_t> PickAt(
    const std::vector<std::vector<LatencyEnergy>>& fronts, double lambda) {
  std::vector<size_t> pick(fronts.size(), 0);
  for (size_t u = 0; u < fronts.size(); ++u) {
    double best = 0;
    for (size_t k = 0; k < fronts[u].size(); ++k) {
      const double v = fronts[u][k].latency + lambda * fronts[u][k].energy;
      if (k == 0 || v < best) best = v, pick[u] = k;
    }
  }
  return pick;
}

// Single-layer moves, each the one lowering the product most, in layer
// order, until none lowers it. Returns the number of moves.
int Descend(const std::vector<std::vector<LatencyEnergy>>& fronts,
            const std::vector<int64_t>& repeat, std::vector<size_t>& pick) {
  int moves = 0;
  for (bool moved = true; moved && moves < 10000;) {
    moved = false;
    for (size_t u = 0; u < fronts.size(); ++u) {
      Sums s = SumsOf(fronts, repeat, pick);
      const LatencyEnergy& cur = fronts[u][pick[u]];
      double best = s.Product();
      size_t to = pick[u];
      for (size_t k = 0; k < fronts[u].size(); ++k) {
        const double l =
            s.latency + (fronts[u][k].latency - cur.latency) * repeat[u];
        const double e =
            s.energy + (fronts[u][k].energy - cur.energy) * repeat[u];
        if (l * e < best) best = l * e, to = k;
      }
      if (to != pick[u]) pick[u] = to, moved = true, ++moves;
    }
  }
  return moves;
}

}  // namespace

std::vector<size_t> ChooseNetworkEdp(
    const std::vector<std::vector<LatencyEnergy>>& fronts,
    const std::vector<int64_t>& repeat, const std::vector<size_t>& start,
    NetworkEdpChoice* info) {
  std::vector<size_t> pick = start;
  double best = SumsOf(fronts, repeat, start).Product();
  info->lambda = 0;
  const std::vector<double> slopes = Slopes(fronts);
  if (!slopes.empty()) {
    const double lo = *std::min_element(slopes.begin(), slopes.end());
    const double hi = *std::max_element(slopes.begin(), slopes.end());
    for (int i = 0; i < kEdpGridPoints; ++i) {
      const double lambda =
          lo * std::pow(hi / lo, static_cast<double>(i) / (kEdpGridPoints - 1));
      std::vector<size_t> p = PickAt(fronts, lambda);
      const double v = SumsOf(fronts, repeat, p).Product();
      if (v < best) best = v, pick = std::move(p), info->lambda = lambda;
    }
  }
  info->moves = Descend(fronts, repeat, pick);
  const Sums first = SumsOf(fronts, repeat, start),
             last = SumsOf(fronts, repeat, pick);
  info->per_layer_runtime = static_cast<int64_t>(first.latency);
  info->per_layer_energy = first.energy;
  info->runtime = static_cast<int64_t>(last.latency);
  info->energy = last.energy;
  info->changed = 0;
  for (size_t u = 0; u < pick.size(); ++u) info->changed += pick[u] != start[u];
  return pick;
}

void ApplyNetworkFront(const SearchOptions& o, NetworkSearch& n) {
  n.front = NetworkFront();
  if (!HasLatencyEnergyFronts(o) || n.unique.empty()) return;
  if (o.fit_buffers) {
    n.front.why_not =
        "with --buffers fit a layer's energy depends on the buffers the other "
        "layers' choices need";
    return;
  }
  std::vector<std::vector<FrontCost>> fronts;
  std::vector<int64_t> repeat;
  for (size_t u = 0; u < n.unique.size(); ++u) {
    const LayerSearch& s = n.unique[u];
    if (s.front.empty()) {
      n.front.why_not = absl::StrCat("unique layer ", u + 1,
                                     " has no feasible mapping (no front)");
      return;
    }
    std::vector<FrontCost> f;
    for (const FrontPoint& p : s.front)
      f.push_back({p.w.metrics.runtime_cycles, p.w.metrics.energy_pj});
    fronts.push_back(std::move(f));
    repeat.push_back(n.unique_repeat[u]);
  }
  n.front = SumFronts(fronts, repeat);
}

bool DesignInUse(const SearchOptions& o) {
  return o.fit_buffers || o.objective_spec.UsesArea() ||
         o.constraints.UsesArea();
}

NetworkDesign NetworkDesignOf(const NetworkSearch& n, const Hardware& hw,
                              const SearchOptions& o) {
  const Hardware h = SearchHardware(hw, o);
  NetworkDesign d;
  d.l1 = h.l1_size;
  d.l2 = h.l2_size;
  if (o.fit_buffers) {
    d.l1 = d.l2 = 0;
    for (const LayerSearch& s : n.unique) {
      d.l1 = std::max(d.l1, s.best.metrics.l1_size_req);
      d.l2 = std::max(d.l2, s.best.metrics.l2_size_req);
    }
  }
  const AreaEstimate a =
      EstimateArea(h, MakeAreaModel(h.area_model), {d.l1, d.l2});
  d.area_um2 = a.total_um2;
  d.power_mw = DesignPowerMw(a, n.totals.found_energy, n.totals.found_runtime,
                             h.clock_ghz);
  return d;
}

bool NetworkEdpApplies(const SearchOptions& o, size_t unique_layers) {
  return o.objective_spec.kind == ObjectiveSpec::Kind::kBasic &&
         !o.objective_spec.throughput && o.objective == Objective::kEdp &&
         unique_layers > 1;
}

std::vector<int64_t> ApplyNetworkEdp(const SearchOptions& o, NetworkSearch& n) {
  n.edp = NetworkEdpChoice();
  std::vector<int64_t> moved(n.unique.size(), -1);
  if (!NetworkEdpApplies(o, n.unique.size())) return moved;
  std::vector<std::vector<LatencyEnergy>> fronts;
  std::vector<int64_t> repeat;
  std::vector<size_t> start;
  for (size_t u = 0; u < n.unique.size(); ++u) {
    const LayerSearch& s = n.unique[u];
    const Metrics& b = s.best.metrics;
    size_t at = s.front.size();
    std::vector<LatencyEnergy> f;
    for (size_t k = 0; k < s.front.size(); ++k) {
      const Metrics& m = s.front[k].w.metrics;
      f.push_back({static_cast<double>(m.runtime_cycles), m.energy_pj});
      if (m.runtime_cycles == b.runtime_cycles && m.energy_pj == b.energy_pj)
        at = std::min(at, k);
    }
    if (at == s.front.size()) {
      n.edp.why_not = absl::StrCat("unique layer ", u + 1,
                                   " has no feasible mapping (no front)");
      return moved;
    }
    fronts.push_back(std::move(f));
    repeat.push_back(n.unique_repeat[u]);
    start.push_back(at);
  }
  const std::vector<size_t> pick =
      ChooseNetworkEdp(fronts, repeat, start, &n.edp);
  n.edp.applied = true;
  for (size_t u = 0; u < n.unique.size(); ++u) {
    if (pick[u] == start[u]) continue;
    n.unique[u].best = n.unique[u].front[pick[u]].w;
    moved[u] = static_cast<int64_t>(pick[u]);
  }
  return moved;
}

void ComputeTotals(const SearchOptions& o, NetworkSearch& n) {
  n.totals = NetworkTotals();
  n.candidates = n.engine_evals = n.cache_hits = 0;
  NetworkTotals& t = n.totals;
  size_t num_df = 0;  // the library entries (own blocks come after them)
  if (!n.unique.empty()) {
    for (const LibraryEntry& e : n.unique[0].library) num_df += !e.own;
  }
  std::vector<int64_t> df_runtime(num_df, 0);
  std::vector<double> df_energy(num_df, 0);
  std::vector<bool> df_all(num_df, true);
  for (size_t u = 0; u < n.unique.size(); ++u) {
    const LayerSearch& s = n.unique[u];
    const int64_t rep = n.unique_repeat[u];
    n.candidates += s.stats.candidates;
    n.engine_evals += s.stats.engine_evals;
    n.cache_hits += s.stats.cache_hits;
    t.found_runtime += s.best.metrics.runtime_cycles * rep;
    t.found_energy += s.best.metrics.energy_pj * rep;
    t.lower_bound += s.lower_bound_cycles * rep;
    t.macs += s.macs * rep;
    if (s.library_best >= 0) {
      const Metrics& m = s.library[s.library_best].metrics;
      t.per_layer_library_runtime += m.runtime_cycles * rep;
      t.per_layer_library_energy += m.energy_pj * rep;
    }
    for (size_t d = 0; d < num_df && d < s.library.size(); ++d) {
      const LibraryEntry& e = s.library[d];
      if (e.own || !e.status.ok() ||
          e.metrics.standing != Standing::kFeasible) {
        df_all[d] = false;
        continue;
      }
      df_runtime[d] += e.metrics.runtime_cycles * rep;
      df_energy[d] += e.metrics.energy_pj * rep;
    }
  }
  for (size_t d = 0; d < num_df; ++d) {
    if (!df_all[d]) continue;
    const double v = NetObjective(o, df_runtime[d], df_energy[d]);
    if (t.best_single.empty() ||
        v < NetObjective(o, t.best_single_runtime, t.best_single_energy)) {
      t.best_single = n.unique[0].library[d].dataflow;
      t.best_single_runtime = df_runtime[d];
      t.best_single_energy = df_energy[d];
    }
  }
}

std::vector<double> SplitBudget(const SearchOptions& o,
                                const std::vector<JobLayer>& layers,
                                const std::vector<size_t>& first_of,
                                const std::vector<int>& repeat) {
  const size_t U = first_of.size();
  std::vector<double> out(U, o.budget.value);
  if ((o.strategy == Strategy::kExhaustive && !o.budget_given) ||
      o.budget.kind == BudgetKind::kStall || U < 2) {
    return out;
  }
  std::vector<double> macs(U);
  double total = 0;
  for (size_t u = 0; u < U; ++u) {
    macs[u] = static_cast<double>(AnalyticMacs(layers[first_of[u]].layer)) *
              repeat[u];
    total += macs[u];
  }
  std::vector<double> w(U);
  double sum = 0;
  for (size_t u = 0; u < U; ++u) {
    w[u] = std::max(total > 0 ? macs[u] / total : 0.0, 1.0 / (4.0 * U));
    sum += w[u];
  }
  for (size_t u = 0; u < U; ++u) {
    const double share = o.budget.value * U * w[u] / sum;
    out[u] = o.budget.kind == BudgetKind::kEvals
                 ? std::max(1.0, std::floor(share))
                 : share;
  }
  return out;
}

NetworkSearch PlanNetwork(const std::string& name,
                          const std::vector<JobLayer>& layers,
                          const Hardware& hw, const SearchOptions& options) {
  NetworkSearch n;
  n.name = name;
  n.layers = layers;
  n.unique_of.assign(layers.size(), -1);
  n.skipped.assign(layers.size(), "");
  absl::flat_hash_map<uint64_t, int> seen;
  for (size_t i = 0; i < layers.size(); ++i) {
    const Layer& l = layers[i].layer;
    if (!MakeSearchSpace(l, hw, options.space).ok()) {
      n.skipped[i] = absl::StrCat("not searched: ", LayerTypeName(l.type),
                                  " layers are outside the search space");
      continue;
    }
    auto [it, fresh] =
        seen.emplace(LayerKey(l) ^ static_cast<uint64_t>(layers[i].role),
                     static_cast<int>(n.first_of.size()));
    if (fresh) {
      n.first_of.push_back(i);
      n.unique_repeat.push_back(0);
    }
    n.unique_of[i] = it->second;
    n.unique_repeat[it->second] += static_cast<int>(l.repeat);
  }
  n.budgets = SplitBudget(options, layers, n.first_of, n.unique_repeat);
  return n;
}

absl::StatusOr<LayerSearch> SearchUnique(const NetworkSearch& n, size_t u,
                                         const Hardware& hw,
                                         const SearchOptions& options,
                                         const BatchProgressFn& batch,
                                         const OwnDataflows& own) {
  const JobLayer& jl = n.layers[n.first_of[u]];
  SearchOptions o = options;
  o.budget.value = n.budgets[u];
  for (size_t i = 0; i < n.layers.size(); ++i) {
    if (n.unique_of[i] == static_cast<int>(u) && i < own.size() && own[i])
      o.own_dataflows.push_back(*own[i]);
  }
  if (batch) {
    const int count = static_cast<int>(n.first_of.size());
    o.on_batch = [&batch, &jl, u, count](const BatchProgress& p) {
      batch(static_cast<int>(u) + 1, count, jl.layer.name, p);
    };
  }
  return SearchLayer(jl.layer, jl.role, hw, o);
}

absl::StatusOr<NetworkSearch> SearchNetwork(const std::string& name,
                                            const std::vector<JobLayer>& layers,
                                            const Hardware& hw,
                                            const SearchOptions& options,
                                            const SearchProgress& progress,
                                            const BatchProgressFn& batch,
                                            const OwnDataflows& own) {
  const auto start = std::chrono::steady_clock::now();
  NetworkSearch n = PlanNetwork(name, layers, hw, options);
  const int count = static_cast<int>(n.first_of.size());
  for (size_t u = 0; u < n.first_of.size(); ++u) {
    absl::StatusOr<LayerSearch> s = SearchUnique(n, u, hw, options, batch, own);
    if (!s.ok()) return s.status();
    n.unique.push_back(*std::move(s));
    if (progress) progress(static_cast<int>(u) + 1, count, n.unique.back());
  }
  ApplyNetworkEdp(options, n);
  ApplyNetworkFront(options, n);
  ComputeTotals(options, n);
  n.wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return n;
}

}  // namespace maestro::search
