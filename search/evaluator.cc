#include "search/evaluator.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "search/constraints.h"

namespace maestro::search {

absl::string_view ObjectiveName(Objective o) {
  switch (o) {
    case Objective::kEnergy:
      return "energy";
    case Objective::kEdp:
      return "edp";
    default:
      return "latency";
  }
}

std::optional<Objective> ParseObjective(absl::string_view t) {
  if (t == "latency") return Objective::kLatency;
  if (t == "energy") return Objective::kEnergy;
  if (t == "edp") return Objective::kEdp;
  return std::nullopt;
}

bool MetricsLess(const Metrics& a, uint64_t ka, const Metrics& b, uint64_t kb) {
  if (a.standing != b.standing) return a.standing < b.standing;
  if (a.standing == Standing::kOverBuffer && a.violation != b.violation) {
    return a.violation < b.violation;
  }
  if (a.primary != b.primary) return a.primary < b.primary;
  if (a.secondary != b.secondary) return a.secondary < b.secondary;
  return ka < kb;
}

bool RankLess(const Candidate& a, const Candidate& b) {
  return MetricsLess(a.metrics, a.key, b.metrics, b.key);
}

int64_t OffchipVolume(const Layer& l) {
  if (l.type == LayerType::kGemm) {
    const int64_t m = l.Get(Dim::kM), n = l.Get(Dim::kN), k = l.Get(Dim::kK);
    return m * k + k * n + m * n;
  }
  const int64_t b = l.GetOr1(Dim::kN), c = l.Get(Dim::kC);
  const int64_t in = b * c * l.Get(Dim::kY) * l.Get(Dim::kX);
  const int64_t rs = l.Get(Dim::kR) * l.Get(Dim::kS),
                out_xy = l.OutY() * l.OutX();
  if (l.type == LayerType::kDsconv) return in + c * rs + b * c * out_xy;
  const int64_t k = l.Get(Dim::kK);
  return in + k * c * rs + b * k * out_xy;
}

int64_t LowerBoundCycles(const Layer& layer, const Hardware& hw) {
  const int64_t lanes = hw.num_pes * std::max<int64_t>(hw.simd_lanes, 1);
  const int64_t compute = (AnalyticMacs(layer) + lanes - 1) / lanes;
  const int64_t bw = std::max<int64_t>(hw.offchip_bw, 1);
  const int64_t offchip = (OffchipVolume(layer) + bw - 1) / bw;
  return std::max(compute, offchip);
}

Evaluator::Evaluator(const SearchSpace& space, const Hardware& hw,
                     const AnalysisOptions& options, Objective objective)
    : space_(space), hw_(hw), options_(options), objective_(objective) {
  lower_bound_ = LowerBoundCycles(space.layer, hw);
  macs_ = AnalyticMacs(space.layer);
}

Metrics Evaluator::Judge(const absl::StatusOr<LayerResult>& r) const {
  Metrics m;
  if (!r.ok()) {
    m.standing = Standing::kError;
    return m;
  }
  m.runtime_cycles = r->runtime_cycles;
  m.energy_pj = r->energy_pj;
  m.l1_size_req = r->l1_size_req;
  m.l2_size_req = r->l2_size_req;
  m.macs = r->macs;
  const double l1 = static_cast<double>(r->l1_size_req) / hw_.l1_size - 1;
  const double l2 = static_cast<double>(r->l2_size_req) / hw_.l2_size - 1;
  m.violation = std::max(0.0, l1) + std::max(0.0, l2) +
                ConstraintViolation(constraints_, m);
  const bool work =
      r->macs == macs_ &&
      (options_.semantics != Semantics::kExact || r->macs_model == macs_);
  if (!work || r->runtime_cycles < lower_bound_) {
    m.standing = Standing::kRefused;
  } else {
    m.standing = m.violation > 0 ? Standing::kOverBuffer : Standing::kFeasible;
  }
  const double t = static_cast<double>(m.runtime_cycles);
  switch (objective_) {
    case Objective::kLatency:
      m.primary = t, m.secondary = m.energy_pj;
      break;
    case Objective::kEnergy:
      m.primary = m.energy_pj, m.secondary = t;
      break;
    case Objective::kEdp:
      m.primary = m.energy_pj * t, m.secondary = t;
      break;
  }
  if (rerank_) rerank_(m);
  return m;
}

Metrics Evaluator::EvaluateUncached(const Genome& g) const {
  return Judge(
      AnalyzeLayer(space_.layer, ToResolved(space_, g), hw_, options_));
}

void Evaluator::EvaluateBatch(std::vector<Candidate>& batch, int threads) {
  // Serial: keys, cache lookups, first occurrence of each missing key.
  std::vector<int64_t> misses;
  absl::flat_hash_map<uint64_t, int64_t> first;
  for (int64_t i = 0; i < static_cast<int64_t>(batch.size()); ++i) {
    Candidate& c = batch[i];
    c.key = CanonicalKey(space_, c.genome);
    if (cache_.contains(c.key) || !first.emplace(c.key, i).second) continue;
    misses.push_back(i);
  }
  // Parallel and pure: each miss into its own slot.
  std::vector<Metrics> out(misses.size());
  ParallelFor(static_cast<int64_t>(misses.size()), threads, [&](int64_t j) {
    out[j] = EvaluateUncached(batch[misses[j]].genome);
  });
  // Serial: insert in slot order, then fill every candidate.
  for (size_t j = 0; j < misses.size(); ++j) {
    cache_.emplace(batch[misses[j]].key, out[j]);
  }
  for (Candidate& c : batch) c.metrics = cache_.at(c.key);
  stats_.candidates += static_cast<int64_t>(batch.size());
  stats_.engine_evals += static_cast<int64_t>(misses.size());
  stats_.cache_hits += static_cast<int64_t>(batch.size() - misses.size());
}

void ParallelFor(int64_t n, int threads,
                 const std::function<void(int64_t)>& fn) {
  const int t = static_cast<int>(std::min<int64_t>(std::max(threads, 1), n));
  if (t <= 1) {
    for (int64_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<int64_t> next{0};
  auto work = [&] {
    for (int64_t i = next++; i < n; i = next++) fn(i);
  };
  std::vector<std::thread> pool;
  for (int k = 1; k < t; ++k) pool.emplace_back(work);
  work();
  for (std::thread& th : pool) th.join();
}

}  // namespace maestro::search
