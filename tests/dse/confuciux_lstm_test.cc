// ConfuciuX's LSTM policy: back-propagation through an episode checked
// against central finite differences of the REINFORCE loss, on weights of
// every parameter block (encoders, FC, LSTM, heads).
#include <cmath>

#include "dse/confuciux/lstm_policy.h"
#include "gtest/gtest.h"

namespace maestro::dse::confuciux {
namespace {

struct Episode {
  std::vector<LstmInput> in;
  std::vector<std::array<int, 2>> choices;
  std::vector<double> returns;
};

Episode Fixture() {
  Episode e;
  for (int s = 0; s < 3; ++s) {
    LstmInput in;
    for (int k = 0; k < 7; ++k) in.dims[k] = 0.1 * (k + 1) - 0.3 * s;
    in.prev = {0.2 * s - 0.5, -0.1 * s};
    in.position = s / 3.0;
    e.in.push_back(in);
    e.choices.push_back({(3 * s + 1) % 12, (5 * s + 7) % 12});
  }
  e.returns = {1.3, -0.4, 0.8};
  return e;
}

constexpr double kT = 1.5;

// -sum_t r_t (log p_pe(a_t) + log p_level(b_t)).
double Loss(LstmPolicy& p, const Episode& e) {
  p.Begin();
  double loss = 0;
  for (size_t t = 0; t < e.in.size(); ++t) {
    const auto z = p.Step(e.in[t]);
    for (int d = 0; d < 2; ++d) {
      double top = z[d][0], sum = 0;
      for (double x : z[d]) top = std::max(top, x);
      for (double x : z[d]) sum += std::exp((x - top) / kT);
      const double logp = (z[d][e.choices[t][d]] - top) / kT - std::log(sum);
      loss -= e.returns[t] * logp;
    }
  }
  return loss;
}

TEST(LstmPolicy, BackpropMatchesFiniteDifferences) {
  LstmPolicy p(11);
  const Episode e = Fixture();
  Loss(p, e);
  p.Backprop(e.choices, e.returns, kT);
  std::vector<Param*> params = p.Params();
  ASSERT_EQ(params.size(), 24u);
  int checked = 0;
  for (Param* q : params) {
    // Three weights per block, spread over it.
    for (size_t idx : {size_t{0}, q->w.size() / 2, q->w.size() - 1}) {
      const double analytic = q->g[idx];
      const double saved = q->w[idx];
      const double h = 1e-5;
      q->w[idx] = saved + h;
      const double up = Loss(p, e);
      q->w[idx] = saved - h;
      const double down = Loss(p, e);
      q->w[idx] = saved;
      const double numeric = (up - down) / (2 * h);
      EXPECT_NEAR(analytic, numeric, 1e-6 + 1e-4 * std::fabs(numeric))
          << "block " << checked / 3 << " index " << idx;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 72);
}

TEST(LstmPolicy, AStepLowersTheLossOfTheSameEpisode) {
  LstmPolicy p(5);
  const Episode e = Fixture();
  const double before = Loss(p, e);
  p.lr = 1e-3;
  p.Learn(e.choices, e.returns, kT);
  EXPECT_LT(Loss(p, e), before);
}

}  // namespace
}  // namespace maestro::dse::confuciux
