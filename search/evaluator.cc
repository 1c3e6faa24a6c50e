#include "search/evaluator.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "search/constraints.h"

namespace maestro::search {

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
    : space_(space),
      hw_(hw),
      options_(options),
      objective_(objective),
      area_model_(MakeAreaModel(hw.area_model)),
      configured_area_(
          EstimateArea(hw, area_model_, BufferSizes::Configured(hw))),
      prepared_(engine::PrepareLayer(space.layer, options)) {
  lower_bound_ = LowerBoundCycles(space.layer, hw);
  macs_ = AnalyticMacs(space.layer);
}

Metrics Evaluator::Judge(const absl::StatusOr<LayerResult>& r) const {
  if (!r.ok()) return Metrics{};
  return JudgeFigures(r->runtime_cycles, r->energy_pj, r->l1_size_req,
                      r->l2_size_req, r->macs, r->macs_model);
}

Metrics Evaluator::Judge(const absl::Status& status,
                         const engine::Figures& f) const {
  if (!status.ok()) return Metrics{};
  return JudgeFigures(f.runtime_cycles, f.energy_pj, f.l1_size_req,
                      f.l2_size_req, f.macs, f.macs_model);
}

void Evaluator::CostDesign(Metrics& m) const {
  const AreaEstimate a =
      fit_buffers_
          ? EstimateArea(hw_, area_model_, {m.l1_size_req, m.l2_size_req})
          : configured_area_;
  m.area_um2 = a.total_um2;
  m.power_mw = DesignPowerMw(a, m.energy_pj, m.runtime_cycles, hw_.clock_ghz);
}

Metrics Evaluator::JudgeFigures(int64_t runtime, double energy_pj, int64_t l1,
                                int64_t l2, int64_t macs,
                                int64_t macs_model) const {
  Metrics m;
  m.runtime_cycles = runtime;
  m.energy_pj = energy_pj;
  m.l1_size_req = l1;
  m.l2_size_req = l2;
  m.macs = macs;
  CostDesign(m);
  const double v1 = static_cast<double>(l1) / hw_.l1_size - 1;
  const double v2 = static_cast<double>(l2) / hw_.l2_size - 1;
  m.violation = std::max(0.0, v1) + std::max(0.0, v2) +
                ConstraintViolation(constraints_, m);
  const bool work = macs == macs_ && (options_.semantics != Semantics::kExact ||
                                      macs_model == macs_);
  if (!work || runtime < lower_bound_) {
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
  thread_local engine::Workspace ws;
  return EvaluateUncached(g, ws);
}

Metrics Evaluator::EvaluateUncached(const Genome& g,
                                    engine::Workspace& ws) const {
  if (!prepared_.ok()) return Metrics{};
  engine::MappingValue m;
  ToMappingValue(space_, g, m);
  engine::Figures f;
  const absl::Status s = engine::Evaluate(*prepared_, m, hw_, options_, ws, f);
  return Judge(s, f);
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
  const int slots = std::max(threads, 1);
  if (static_cast<int>(workspaces_.size()) < slots) workspaces_.resize(slots);
  ParallelForSlots(
      static_cast<int64_t>(misses.size()), threads, [&](int64_t j, int slot) {
        out[j] = EvaluateUncached(batch[misses[j]].genome, workspaces_[slot]);
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
  ParallelForSlots(n, threads, [&](int64_t i, int) { fn(i); });
}

void ParallelForSlots(int64_t n, int threads,
                      const std::function<void(int64_t, int)>& fn) {
  const int t = static_cast<int>(std::min<int64_t>(std::max(threads, 1), n));
  if (t <= 1) {
    for (int64_t i = 0; i < n; ++i) fn(i, 0);
    return;
  }
  std::atomic<int64_t> next{0};
  auto work = [&](int slot) {
    for (int64_t i = next++; i < n; i = next++) fn(i, slot);
  };
  std::vector<std::thread> pool;
  for (int k = 1; k < t; ++k) pool.emplace_back(work, k);
  work(0);
  for (std::thread& th : pool) th.join();
}

}  // namespace maestro::search
