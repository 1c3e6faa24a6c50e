// ConfuciuX's GA fine-tune (src/ConfuciuX/ga_confx.py `mutation`,
// `self_crossover`, main.py `genetic_search`), on the action sets.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "dse/confuciux/strategies.h"
#include "search/rng.h"

namespace maestro::dse::confuciux {
namespace {

constexpr int kPopulation = 20;
constexpr int kParents = 8;
constexpr int kMutationTries = 3;
constexpr double kSwapRate = 0.2;
constexpr int kFreshTries = 20;

// The PE choice nearest to `value`; a tie goes the way the value moved
// from `from`, so a move is not undone by the snap.
int NearestPeIndex(int64_t value, int64_t from) {
  int best = 0;
  for (int k = 1; k < static_cast<int>(kPeChoices.size()); ++k) {
    const int64_t d = std::abs(kPeChoices[k] - value);
    const int64_t db = std::abs(kPeChoices[best] - value);
    if (d < db || (d == db && value > from)) best = k;
  }
  return best;
}

// One of ConfuciuX's mutation tries on layer `i`: the PEs (pick 0) or the
// level (pick 1) moved by int(U(-mul, mul) * max(1, bound / 2)), clamped to
// [bottom, bound]; PEs then snap to the nearest choice.
uint8_t Mutated(uint8_t action, bool pes, double u, double mul) {
  const int pe = PeIndexOf(action);
  const int level = LevelOf(action);
  if (pes) {
    const int64_t from = kPeChoices[pe];
    const int64_t step = static_cast<int64_t>((2 * u - 1) * mul * 64);
    const int64_t v = std::clamp<int64_t>(from + step, 1, 128);
    return static_cast<uint8_t>(ActionOf(NearestPeIndex(v, from), level));
  }
  const int64_t step = static_cast<int64_t>((2 * u - 1) * mul * 6);
  const int v = static_cast<int>(std::clamp<int64_t>(level + step, 1, 12));
  return static_cast<uint8_t>(ActionOf(pe, v));
}

// A child of `parent`: up to three tries, each undone if it leaves the
// child over the budget (ConfuciuX's rule, which reads the area only) --
// unless the child was already over it and the move does not grow its
// area, so that a population that starts over the budget can reach it
// (ours; ConfuciuX's GA always starts from the RL's feasible best).
Assignment Mutate(const AssignmentSpace& space, const Assignment& parent,
                  double mul, search::Rng& rng) {
  Assignment child = parent;
  const int64_t n = static_cast<int64_t>(child.size());
  for (int k = 0; k < kMutationTries; ++k) {
    const bool pes = rng.Chance(0.5);
    const int64_t i = rng.Uniform(0, n - 1);
    const uint8_t saved = child[i];
    const double before = space.Area(child);
    child[i] = Mutated(saved, pes, Unit(rng.Next()), mul);
    const double after = space.Area(child);
    if (after > space.budget() &&
        (before <= space.budget() || after > before)) {
      child[i] = saved;
    }
  }
  return child;
}

// Swap the PEs or the level of two layers (w.p. kSwapRate).
void SelfCrossover(Assignment& a, search::Rng& rng) {
  if (!rng.Chance(kSwapRate)) return;
  const int64_t n = static_cast<int64_t>(a.size());
  const int64_t i = rng.Uniform(0, n - 1), j = rng.Uniform(0, n - 1);
  if (rng.Chance(0.5)) {
    const int pi = PeIndexOf(a[i]), pj = PeIndexOf(a[j]);
    a[i] = static_cast<uint8_t>(ActionOf(pj, LevelOf(a[i])));
    a[j] = static_cast<uint8_t>(ActionOf(pi, LevelOf(a[j])));
  } else {
    const int li = LevelOf(a[i]), lj = LevelOf(a[j]);
    a[i] = static_cast<uint8_t>(ActionOf(PeIndexOf(a[i]), lj));
    a[j] = static_cast<uint8_t>(ActionOf(PeIndexOf(a[j]), li));
  }
}

// Population order: best first (Better is a total order).
std::vector<int> Ranked(const AssignmentSpace& space,
                        const std::vector<Assignment>& pop,
                        const std::vector<AssignmentCost>& cost) {
  std::vector<int> order(pop.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    return space.Better(cost[a], pop[a], cost[b], pop[b]);
  });
  return order;
}

}  // namespace

int64_t RunGa(const AssignmentSpace& space, const DseOptions& options,
              std::vector<Assignment> pop, std::vector<AssignmentCost> cost,
              bool fresh, Tracker& t) {
  const double mul = options.budget_fraction;
  int64_t generation = 0;
  int invalid = 0;
  for (int64_t left = t.Left(); left > 0 && !pop.empty(); left = t.Left()) {
    ++generation;
    const std::vector<int> order = Ranked(space, pop, cost);
    const int parents =
        std::max(1, std::min<int>(kParents, kPopulation - invalid));
    std::vector<Assignment> next(kPopulation);
    std::vector<AssignmentCost> next_cost(kPopulation);
    next[0] = pop[order[0]];  // the elite, kept (not evaluated again)
    next_cost[0] = cost[order[0]];
    invalid = 0;
    const int children =
        static_cast<int>(std::min<int64_t>(left, kPopulation - 1));
    for (int slot = 1; slot <= children; ++slot) {
      const int parent = order[std::min<int>(slot % parents, pop.size() - 1)];
      search::Rng rng = search::Rng::For(options.seed, 1, generation, slot,
                                         search::Op::kMutatePar);
      for (int k = 0;
           k == 0 || (fresh && k < kFreshTries && t.Seen(next[slot])); ++k) {
        next[slot] = Mutate(space, pop[parent], mul, rng);
        SelfCrossover(next[slot], rng);
      }
      next_cost[slot] = t.Evaluate(next[slot]);
      invalid += !space.Feasible(next_cost[slot]);
    }
    next.resize(children + 1);
    next_cost.resize(children + 1);
    pop = std::move(next);
    cost = std::move(next_cost);
  }
  return generation;
}

int64_t RunGaOnly(const AssignmentSpace& space, const DseOptions& options,
                  bool fresh, Tracker& t, int64_t& redraws) {
  std::vector<Assignment> pop;
  std::vector<AssignmentCost> cost;
  for (int slot = 0; slot < kPopulation && t.Left() > 0; ++slot) {
    pop.push_back(SampleFeasible(space, options.seed, 1,
                                 static_cast<uint64_t>(slot), redraws));
    cost.push_back(t.Evaluate(pop.back()));
  }
  return RunGa(space, options, std::move(pop), std::move(cost), fresh, t);
}

}  // namespace maestro::dse::confuciux
