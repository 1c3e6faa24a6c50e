#include "search/evaluator.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "core/threads.h"
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
                      r->l2_size_req, r->macs, r->macs_model,
                      r->maestro_zero_compute);
}

Metrics Evaluator::Judge(const absl::Status& status,
                         const engine::Figures& f) const {
  if (!status.ok()) return Metrics{};
  return JudgeFigures(f.runtime_cycles, f.energy_pj, f.l1_size_req,
                      f.l2_size_req, f.macs, f.macs_model,
                      f.maestro_zero_compute);
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
                                int64_t l2, int64_t macs, int64_t macs_model,
                                int64_t maestro_zero_compute) const {
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
  // A mapping MAESTRO cannot run (a top-level step with no MAC under its
  // rules) has no MAESTRO figures: never a winner under maestro semantics.
  if (!work || runtime < lower_bound_ || maestro_zero_compute > 0) {
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

WorkerPool& Evaluator::Pool(int threads) {
  const int t = ResolveThreads(threads);
  if (!pool_ || pool_->threads() != t) pool_ = std::make_unique<WorkerPool>(t);
  if (static_cast<int>(workspaces_.size()) < t) workspaces_.resize(t);
  return *pool_;
}

void Evaluator::EvaluateBatch(std::vector<Candidate>& batch, int threads,
                              bool keyed) {
  WorkerPool& pool = Pool(threads);
  const int64_t n = static_cast<int64_t>(batch.size());
  if (!keyed) {
    pool.ForEach(n, [&](int64_t i, int) {
      batch[i].key = CanonicalKey(space_, batch[i].genome);
    });
  }
  // Serial: cache lookups, first occurrence of each missing key.
  misses_.clear();
  first_.clear();
  for (int64_t i = 0; i < n; ++i) {
    const uint64_t key = batch[i].key;
    if (cache_.contains(key) || !first_.emplace(key, i).second) continue;
    misses_.push_back(i);
  }
  // Parallel and pure: each miss into its own slot.
  missed_.resize(misses_.size());
  pool.ForEach(static_cast<int64_t>(misses_.size()), [&](int64_t j, int slot) {
    missed_[j] = EvaluateUncached(batch[misses_[j]].genome, workspaces_[slot]);
  });
  // Serial: insert in slot order, then fill every candidate.
  for (size_t j = 0; j < misses_.size(); ++j) {
    cache_.emplace(batch[misses_[j]].key, missed_[j]);
  }
  for (Candidate& c : batch) c.metrics = cache_.at(c.key);
  stats_.candidates += n;
  stats_.engine_evals += static_cast<int64_t>(misses_.size());
  stats_.cache_hits += n - static_cast<int64_t>(misses_.size());
}

WorkerPool::WorkerPool(int threads) {
  for (int slot = 1; slot < threads; ++slot) {
    workers_.emplace_back([this, slot] { Work(slot); });
  }
}

WorkerPool::~WorkerPool() {
  stop_.store(true, std::memory_order_relaxed);
  epoch_.fetch_add(1, std::memory_order_release);
  epoch_.notify_all();
  for (std::thread& t : workers_) t.join();
}

namespace {

// Polls pred() for about `micros` (the gap between two loops of a search,
// 5-20 us, is about the time a blocked thread takes to wake), yielding the
// core now and then; returns pred().
template <typename Pred>
bool SpinFor(int micros, Pred pred) {
  const auto end =
      std::chrono::steady_clock::now() + std::chrono::microseconds(micros);
  for (int i = 1;; ++i) {
    if (pred()) return true;
    if (i % 64 == 0) {
      if (std::chrono::steady_clock::now() >= end) return pred();
      std::this_thread::yield();
    }
  }
}

constexpr int kSpinMicros = 50;

constexpr uint64_t kMask20 = (uint64_t{1} << 20) - 1;
uint64_t Pack(uint32_t epoch, int64_t n) {
  return (static_cast<uint64_t>(epoch & 0xffffff) << 40) |
         (static_cast<uint64_t>(n) << 20);
}
int64_t Items(uint64_t s) { return static_cast<int64_t>((s >> 20) & kMask20); }
int64_t Next(uint64_t s) { return static_cast<int64_t>(s & kMask20); }

}  // namespace

void WorkerPool::ForEach(int64_t n,
                         const std::function<void(int64_t, int)>& fn) {
  if (workers_.empty() || n <= 1) {
    for (int64_t i = 0; i < n; ++i) fn(i, 0);
    return;
  }
  fn_ = &fn;
  for (int64_t offset = 0; offset < n; offset += kMaxItems) {
    Loop(offset, std::min(kMaxItems, n - offset));
  }
}

void WorkerPool::Loop(int64_t offset, int64_t n) {
  offset_ = offset;
  done_.store(0, std::memory_order_relaxed);
  const uint32_t e = epoch_.load(std::memory_order_relaxed) + 1;
  state_.store(Pack(e, n), std::memory_order_release);
  epoch_.store(e, std::memory_order_release);
  epoch_.notify_all();
  Drain(0);
  // Wait only for the items claimed by workers still running them.
  const uint32_t all = static_cast<uint32_t>(n);
  auto finished = [&] { return done_.load(std::memory_order_acquire) == all; };
  if (SpinFor(kSpinMicros, finished)) return;
  for (uint32_t d = done_.load(std::memory_order_acquire); d != all;
       d = done_.load(std::memory_order_acquire)) {
    done_.wait(d, std::memory_order_acquire);
  }
}

void WorkerPool::Drain(int slot) {
  uint64_t s = state_.load(std::memory_order_acquire);
  while (Next(s) < Items(s)) {
    if (!state_.compare_exchange_weak(s, s + 1, std::memory_order_acq_rel,
                                      std::memory_order_acquire)) {
      continue;  // s reloaded
    }
    // The loop cannot end before this item is done, so fn_ and offset_
    // stay this loop's.
    (*fn_)(offset_ + Next(s), slot);
    const uint32_t d = done_.fetch_add(1, std::memory_order_acq_rel) + 1;
    if (d == static_cast<uint32_t>(Items(s))) done_.notify_one();
    s = state_.load(std::memory_order_acquire);
  }
}

void WorkerPool::Work(int slot) {
  uint32_t seen = 0;
  for (;;) {
    auto moved = [&] { return epoch_.load(std::memory_order_acquire) != seen; };
    if (!SpinFor(kSpinMicros, moved)) {
      epoch_.wait(seen, std::memory_order_acquire);
    }
    seen = epoch_.load(std::memory_order_acquire);
    if (stop_.load(std::memory_order_relaxed)) return;
    Drain(slot);
  }
}

}  // namespace maestro::search
