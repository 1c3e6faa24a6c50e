// Tracker (dse/confuciux/strategies.h) and the `random` strategy.
#include <algorithm>

#include "dse/confuciux/strategies.h"
#include "search/rng.h"

namespace maestro::dse::confuciux {
namespace {

constexpr int64_t kProgressEvery = 1024;
constexpr int kMaxRedraws = 1000;

std::string KeyOf(const Assignment& a) {
  return std::string(a.begin(), a.end());
}

}  // namespace

Tracker::Tracker(const AssignmentSpace& space, const DseOptions& options,
                 int64_t budget)
    : space_(space), options_(options), budget_(budget) {}

AssignmentCost Tracker::Evaluate(const Assignment& a) {
  const AssignmentCost c = space_.Cost(a);
  ++count_;
  const bool fresh = seen_.insert(KeyOf(a)).second;
  const bool feasible = space_.Feasible(c);
  valid_ += feasible;
  if (fresh && feasible) KeepElite(a, c);
  if (best_.empty() || space_.Better(c, a, best_cost_, best_)) {
    best_ = a;
    best_cost_ = c;
    convergence_.push_back({count_, space_.Objective(c), feasible});
  }
  return c;
}

void Tracker::CountPartial() { ++count_; }

bool Tracker::Seen(const Assignment& a) const {
  return seen_.contains(KeyOf(a));
}

void Tracker::KeepElite(const Assignment& a, const AssignmentCost& c) {
  size_t at = elite_.size();
  while (at > 0 && space_.Better(c, a, elite_cost_[at - 1], elite_[at - 1])) {
    --at;
  }
  if (at >= kEliteSize) return;
  elite_.insert(elite_.begin() + static_cast<ptrdiff_t>(at), a);
  elite_cost_.insert(elite_cost_.begin() + static_cast<ptrdiff_t>(at), c);
  if (elite_.size() > kEliteSize) {
    elite_.pop_back();
    elite_cost_.pop_back();
  }
}

int64_t Tracker::Left() {
  if (options_.stop != nullptr && options_.stop->load()) stopped_ = true;
  const bool done = stopped_ || count_ >= budget_;
  if (options_.on_progress &&
      (done || count_ - last_progress_ >= kProgressEvery)) {
    last_progress_ = count_;
    DseProgress p;
    p.points = count_;
    p.budget_points = budget_;
    p.valid = valid_;
    p.best_objective = has_best() ? space_.Objective(best_cost_) : 0;
    p.elapsed_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_)
            .count();
    options_.on_progress(p);
  }
  return done ? 0 : budget_ - count_;
}

Assignment SampleFeasible(const AssignmentSpace& space, uint64_t seed,
                          uint64_t stream, uint64_t draw, int64_t& redraws) {
  Assignment a(space.num_layers());
  for (int r = 0; r <= kMaxRedraws; ++r) {
    search::Rng rng = search::Rng::For(
        seed, stream, draw, static_cast<uint64_t>(r), search::Op::kRandom);
    for (uint8_t& x : a) x = static_cast<uint8_t>(rng.Uniform(0, kActions - 1));
    if (space.Area(a) <= space.budget()) break;
    ++redraws;
  }
  return a;
}

int64_t RunRandom(const AssignmentSpace& space, const DseOptions& options,
                  Tracker& t) {
  constexpr int64_t kBatch = 256;
  int64_t redraws = 0;
  for (int64_t left = t.Left(); left > 0; left = t.Left()) {
    for (int64_t k = 0; k < std::min(left, kBatch); ++k) {
      t.Evaluate(SampleFeasible(space, options.seed, 0,
                                static_cast<uint64_t>(t.count()), redraws));
    }
  }
  return redraws;
}

}  // namespace maestro::dse::confuciux
