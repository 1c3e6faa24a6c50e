// REINFORCE over the layers (ConfuciuX's rl_confx.py / env_confx.py) with a
// per-(layer, decision) logit policy (each layer has 12 logits for its PEs
// and 12 for its buffer level) or ConfuciuX's LSTM network (lstm_policy.h).
//
// Every episode walks the layers in a fresh random order and samples both
// decisions per layer (softmax of logits / temperature); the gradient,
// clipped to norm 100, takes one Adam step (ascent) per episode. Every 100
// episodes after the first feasible one the learning rate is x0.8 and the
// temperature /1.01 (floored at 1, as ConfuciuX does). Two rewards:
//
// - ConfuciuX's (`confuciux_reward`): a step's reward is the layer's latency
//   (or energy) below the worst seen for that layer; when the area so far
//   overshoots the budget the episode ends and that step's reward becomes
//   -(sum of the episode's rewards) * overshoot / budget. Rewards are
//   normalised, discounted (0.9) and normalised again.
// - Ours (the default): the whole assignment is sampled; a step's advantage
//   is its layer's Lagrangian cost, value + lambda * area share, against the
//   same layer's last kWindow episodes ((mean - cost) / sd); lambda starts
//   at the first episode's value / area and follows the budget by dual
//   ascent (x exp(0.1 * clamp(area / budget - 1, -1, 1)) per episode).
#include <algorithm>
#include <array>
#include <cmath>

#include "dse/confuciux/lstm_policy.h"
#include "dse/confuciux/strategies.h"
#include "search/rng.h"

namespace maestro::dse::confuciux {
namespace {

constexpr double kGamma = 0.9;
constexpr double kEpsilon = 0x1.0p-12;  // ConfuciuX's EPISIOLON
constexpr double kClipNorm = 100;
constexpr double kLearningRate = 0.1;  // docs/dse.md (ConfuciuX: 1e-3)
constexpr double kMinLearningRate = 1e-6;
constexpr int kScheduleEvery = 100;

using Logits = std::array<double, 12>;

struct Policy {
  std::vector<std::array<Logits, 2>> theta, m, v;  // per layer, decision
  double lr = kLearningRate;
  double temperature = 1;
  int64_t steps = 0;  // Adam's t
};

Logits Softmax(const Logits& z, double temperature) {
  Logits p;
  const double top = *std::max_element(z.begin(), z.end());
  double sum = 0;
  for (int k = 0; k < 12; ++k)
    sum += p[k] = std::exp((z[k] - top) / temperature);
  for (double& x : p) x /= sum;
  return p;
}

int Sample(const Logits& p, double u) {
  double acc = 0;
  for (int k = 0; k < 11; ++k) {
    acc += p[k];
    if (u < acc) return k;
  }
  return 11;
}

void Normalise(std::vector<double>& x) {
  double mean = 0, var = 0;
  for (double r : x) mean += r;
  mean /= static_cast<double>(x.size());
  for (double r : x) var += (r - mean) * (r - mean);
  const double sd = std::sqrt(var / static_cast<double>(x.size()));
  for (double& r : x) r = (r - mean) / (sd + kEpsilon);
}

struct Step {
  size_t layer;
  std::array<int, 2> choice;  // PE index, level index
  double reward;
};

// ConfuciuX's returns of one episode: rewards normalised, discounted,
// normalised again (rl_confx.py `learn`).
std::vector<double> EpisodeReturns(const std::vector<Step>& steps) {
  std::vector<double> r;
  for (const Step& s : steps) r.push_back(s.reward);
  Normalise(r);
  for (int t = static_cast<int>(r.size()) - 2; t >= 0; --t) {
    r[t] += kGamma * r[t + 1];
  }
  Normalise(r);
  return r;
}

// The gradient of sum_t G_t log pi(choice_t) over the batch.
void AddGradient(const std::vector<Step>& steps, const std::vector<double>& r,
                 const Policy& pol, std::vector<std::array<Logits, 2>>& grad) {
  for (size_t t = 0; t < steps.size(); ++t) {
    for (int d = 0; d < 2; ++d) {
      const Logits p = Softmax(pol.theta[steps[t].layer][d], pol.temperature);
      for (int k = 0; k < 12; ++k) {
        grad[steps[t].layer][d][k] +=
            r[t] * ((k == steps[t].choice[d]) - p[k]) / pol.temperature;
      }
    }
  }
}

// One Adam ascent step on the gradient clipped to kClipNorm.
void AdamStep(const std::vector<std::array<Logits, 2>>& grad, Policy& pol) {
  double norm2 = 0;
  for (const auto& g : grad)
    for (const Logits& l : g)
      for (double x : l) norm2 += x * x;
  const double scale =
      std::sqrt(norm2) > kClipNorm ? kClipNorm / std::sqrt(norm2) : 1.0;
  ++pol.steps;
  const double b1 = 0.9, b2 = 0.999;
  const double c1 = 1 - std::pow(b1, pol.steps),
               c2 = 1 - std::pow(b2, pol.steps);
  for (size_t i = 0; i < grad.size(); ++i) {
    for (int d = 0; d < 2; ++d) {
      for (int k = 0; k < 12; ++k) {
        const double g = grad[i][d][k] * scale;
        double& m = pol.m[i][d][k];
        double& v = pol.v[i][d][k];
        m = b1 * m + (1 - b1) * g;
        v = b2 * v + (1 - b2) * g * g;
        pol.theta[i][d][k] += pol.lr * (m / c1) / (std::sqrt(v / c2) + 1e-8);
      }
    }
  }
}

double StepValue(const AssignmentSpace& space, const DseOptions& o,
                 size_t layer, int action) {
  const ActionCost& c = space.table().At(layer, action);
  const double rep = static_cast<double>(space.table().repeat[layer]);
  return o.objective == DseObjective::kEnergy
             ? c.energy_pj * rep
             : static_cast<double>(c.runtime_cycles) * rep;
}

// The area of the layers chosen so far: their sub-accelerators' sum
// (`sum`, kept by the caller), or the shared accelerator over the whole
// assignment, the unchosen layers at the smallest action.
double PartialArea(const AssignmentSpace& space, const Assignment& a,
                   double sum) {
  return space.reading() == AssignmentReading::kSum ? sum : space.Area(a);
}

// One episode; returns its steps (empty rewards when a step cannot be
// costed: ConfuciuX ends the episode there too).
std::vector<size_t> ShuffledLayers(size_t n, uint64_t seed, int64_t episode) {
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  search::Rng shuffle =
      search::Rng::For(seed, 2, episode, 0, search::Op::kReorder);
  for (size_t i = n - 1; i > 0; --i) {
    std::swap(order[i], order[shuffle.Uniform(0, static_cast<int64_t>(i))]);
  }
  return order;
}

// Step s of an episode: layer order[s]'s PE and level indices drawn from
// its logits (given the previous layer's action), written into `a`.
template <typename LogitsFn>
Step SampleStep(const DseOptions& o, double temperature, LogitsFn& logits,
                int64_t episode, const std::vector<size_t>& order, size_t s,
                Assignment& a) {
  const size_t i = order[s];
  search::Rng rng =
      search::Rng::For(o.seed, 2, episode, s + 1, search::Op::kSelect);
  Step st{i, {0, 0}, 0};
  const std::array<Logits, 2> z =
      logits(s, i, s == 0 ? -1 : static_cast<int>(a[order[s - 1]]));
  for (int d = 0; d < 2; ++d) {
    st.choice[d] = Sample(Softmax(z[d], temperature), Unit(rng.Next()));
  }
  a[i] = static_cast<uint8_t>(ActionOf(st.choice[0], st.choice[1] + 1));
  return st;
}

template <typename LogitsFn>
std::vector<Step> Episode(const AssignmentSpace& space, const DseOptions& o,
                          double temperature, LogitsFn logits,
                          std::vector<double>& worst, int64_t episode,
                          Tracker& t, bool& feasible) {
  const size_t n = space.num_layers();
  std::vector<size_t> order = ShuffledLayers(n, o.seed, episode);
  Assignment a(n, static_cast<uint8_t>(ActionOf(0, 1)));
  double sum_area = 0;
  std::vector<Step> steps;
  double total = 0;
  feasible = false;
  for (size_t s = 0; s < n; ++s) {
    const size_t i = order[s];
    Step st = SampleStep(o, temperature, logits, episode, order, s, a);
    if (!space.table().At(i, a[i]).ok) {
      st.reward = -1;
      steps.push_back(st);
      t.CountPartial();
      return steps;
    }
    const double value = StepValue(space, o, i, a[i]);
    worst[i] = std::max(worst[i], value);
    st.reward = worst[i] - value;
    sum_area += space.table().At(i, a[i]).area_um2;
    const double area = PartialArea(space, a, sum_area);
    if (area > space.budget()) {
      st.reward =
          -(total + st.reward) * (area - space.budget()) / space.budget();
      steps.push_back(st);
      t.CountPartial();
      return steps;
    }
    total += st.reward;
    steps.push_back(st);
  }
  feasible = space.Feasible(t.Evaluate(a));
  return steps;
}

// The LSTM's input for step `s` on layer `i` after action `prev` (-1 at
// the first step): ConfuciuX's state, (x - 0.5) * 2 of dims / their
// network maximum, the position and the previous action's values / bound.
// Unlike ConfuciuX (whose state shows the dims of the layer just decided)
// it shows the layer being decided.
LstmInput LstmState(const ActionTable& t, const std::array<double, 7>& top,
                    size_t s, size_t i, int prev) {
  LstmInput in;
  for (int k = 0; k < 7; ++k) in.dims[k] = (t.dims[i][k] / top[k] - 0.5) * 2;
  if (prev < 0) return in;
  in.position =
      (static_cast<double>(s - 1) / static_cast<double>(t.layers.size()) -
       0.5) *
      2;
  in.prev = {(static_cast<double>(PesOf(prev)) / 128 - 0.5) * 2,
             (static_cast<double>(LevelOf(prev)) / 12 - 0.5) * 2};
  return in;
}

// Ours (docs/dse.md "What rl-ga does differently"): the whole assignment is
// sampled, and each step is credited with its own layer's Lagrangian cost
// value + lambda * area against that layer's recent costs; lambda follows
// the budget by dual ascent.
constexpr size_t kWindow = 16;     // past episodes per layer in the baseline
constexpr double kDualRate = 0.1;  // log-lambda step per episode

struct StepCost {
  double value = 0, area = 0;
};

struct Critic {
  std::vector<std::vector<StepCost>> window;  // per layer, oldest first
  double lambda = 0;                          // 0 until the first episode
};

// One episode of ours: returns its steps and, per step, the layer's value
// and area share (under `max` the growth of the shared accelerator's area
// in the episode's order). Ends early, with an evaluation counted, only at
// an action that cannot be costed (its reward -1).
template <typename LogitsFn>
std::vector<Step> WholeEpisode(const AssignmentSpace& space,
                               const DseOptions& o, double temperature,
                               LogitsFn logits, int64_t episode, Tracker& t,
                               std::vector<StepCost>& samples, bool& complete,
                               bool& feasible) {
  const size_t n = space.num_layers();
  std::vector<size_t> order = ShuffledLayers(n, o.seed, episode);
  Assignment a(n, static_cast<uint8_t>(ActionOf(0, 1)));
  std::vector<Step> steps;
  samples.clear();
  complete = false;
  double area = PartialArea(space, a, 0), sum_area = 0;
  for (size_t s = 0; s < n; ++s) {
    const size_t i = order[s];
    Step st = SampleStep(o, temperature, logits, episode, order, s, a);
    steps.push_back(st);
    if (!space.table().At(i, a[i]).ok) {
      steps.back().reward = -1;
      t.CountPartial();
      return steps;
    }
    sum_area += space.table().At(i, a[i]).area_um2;
    const double now = PartialArea(space, a, sum_area);
    samples.push_back({StepValue(space, o, i, a[i]), now - area});
    area = now;
  }
  complete = true;
  feasible = space.Feasible(t.Evaluate(a));
  return steps;
}

// The advantages of a complete episode (each step against its layer's
// window: (r - mean) / sd, r = -(value + lambda * area); 0 while the window
// holds fewer than 2), then the windows and lambda updated.
std::vector<double> LagrangianAdvantages(const AssignmentSpace& space,
                                         const std::vector<Step>& steps,
                                         const std::vector<StepCost>& samples,
                                         Critic& c) {
  if (c.lambda == 0) {
    double v = 0, ar = 0;
    for (const StepCost& x : samples) v += x.value, ar += x.area;
    c.lambda = ar > 0 ? v / ar : 1;
  }
  std::vector<double> adv;
  double total_area = 0;
  for (size_t t = 0; t < steps.size(); ++t) {
    std::vector<StepCost>& w = c.window[steps[t].layer];
    const double r = -(samples[t].value + c.lambda * samples[t].area);
    double mean = 0, var = 0;
    for (const StepCost& x : w) mean += -(x.value + c.lambda * x.area);
    mean /= std::max<double>(1, static_cast<double>(w.size()));
    for (const StepCost& x : w) {
      const double d = -(x.value + c.lambda * x.area) - mean;
      var += d * d;
    }
    const double sd = std::sqrt(var / std::max<double>(1, w.size()));
    adv.push_back(
        w.size() < 2 ? 0 : (r - mean) / (sd + 1e-9 * std::abs(mean) + 1e-300));
    w.push_back(samples[t]);
    if (w.size() > kWindow) w.erase(w.begin());
    total_area += samples[t].area;
  }
  const double gap = std::clamp(total_area / space.budget() - 1, -1.0, 1.0);
  c.lambda *= std::exp(kDualRate * gap);
  return adv;
}

}  // namespace

int64_t RunReinforce(const AssignmentSpace& space, const DseOptions& options,
                     int64_t episodes_budget, Tracker& t, RlPolicy kind,
                     bool confuciux_reward) {
  const size_t n = space.num_layers();
  Policy pol;
  pol.theta.assign(n, {});
  pol.m.assign(n, {});
  pol.v.assign(n, {});
  LstmPolicy lstm(options.seed);
  std::array<double, 7> top{};
  for (const auto& d : space.table().dims)
    for (int k = 0; k < 7; ++k) top[k] = std::max(top[k], d[k]);
  auto tabular = [&](size_t, size_t i, int) { return pol.theta[i]; };
  auto network = [&](size_t s, size_t i, int prev) {
    return lstm.Step(LstmState(space.table(), top, s, i, prev));
  };
  std::vector<double> worst(n, 0);
  Critic critic;
  critic.window.resize(n);
  std::vector<StepCost> samples;
  bool succeeded = false;
  int64_t episode = 0;
  constexpr int64_t kBatch = 20;
  while (t.Left() > 0 && t.count() < episodes_budget) {
    for (int64_t k = 0; k < kBatch && t.count() < episodes_budget; ++k) {
      ++episode;
      if (episode % kScheduleEvery == 0 && succeeded) {
        pol.lr = std::max(kMinLearningRate, pol.lr * 0.8);
        lstm.lr = std::max(kMinLearningRate, lstm.lr * 0.8);
        pol.temperature = std::max(1.0, pol.temperature / 1.01);
      }
      bool feasible = false, complete = false;
      std::vector<Step> steps;
      std::vector<double> returns;
      if (confuciux_reward) {
        steps = kind == RlPolicy::kLogits
                    ? Episode(space, options, pol.temperature, tabular, worst,
                              episode, t, feasible)
                    : Episode(space, options, pol.temperature, network, worst,
                              episode, t, feasible);
        returns = EpisodeReturns(steps);
      } else {
        steps = kind == RlPolicy::kLogits
                    ? WholeEpisode(space, options, pol.temperature, tabular,
                                   episode, t, samples, complete, feasible)
                    : WholeEpisode(space, options, pol.temperature, network,
                                   episode, t, samples, complete, feasible);
        if (complete) {
          returns = LagrangianAdvantages(space, steps, samples, critic);
        } else {
          returns.assign(steps.size(), 0);
          returns.back() = -1;
        }
      }
      succeeded |= feasible;
      if (kind == RlPolicy::kLogits) {
        std::vector<std::array<Logits, 2>> grad(n);
        AddGradient(steps, returns, pol, grad);
        AdamStep(grad, pol);
        continue;
      }
      std::vector<std::array<int, 2>> choices;
      for (const Step& st : steps) choices.push_back(st.choice);
      lstm.Learn(choices, returns, pol.temperature);
    }
  }
  return episode;
}

}  // namespace maestro::dse::confuciux
