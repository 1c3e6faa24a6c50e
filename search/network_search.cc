#include "search/network_search.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"

namespace maestro::search {
namespace {

// Network objective of summed runtime and energy (weighted: the product of
// the sums to their weights, which ranks as the product of ratios).
double NetObjective(const SearchOptions& o, double runtime, double energy) {
  if (o.objective_spec.kind != ObjectiveSpec::Kind::kWeighted) {
    return ObjectiveValue(o.objective, runtime, energy);
  }
  double v = 1;
  for (const auto& [obj, w] : o.objective_spec.terms) {
    v *= std::pow(ObjectiveValue(obj, runtime, energy), w);
  }
  return v;
}

}  // namespace

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
  ComputeTotals(options, n);
  n.wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return n;
}

}  // namespace maestro::search
