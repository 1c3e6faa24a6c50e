#include "dse/confuciux/lstm_policy.h"

#include <algorithm>
#include <cmath>

#include "search/rng.h"

namespace maestro::dse::confuciux {
namespace {

constexpr int kH = 128;
constexpr int kEnc = 10;
constexpr double kClipAll = 100, kClipLstm = 10;

double Sigmoid(double x) { return 1 / (1 + std::exp(-x)); }

void Init(Param& p, size_t n, double bound, search::Rng& rng) {
  p.Resize(n);
  for (double& x : p.w) {
    x = (static_cast<double>(rng.Next() >> 11) * 0x1.0p-53 * 2 - 1) * bound;
  }
}

void InitDense(Dense& d, int in, int out, search::Rng& rng) {
  d.in = in;
  d.out = out;
  const double bound = 1 / std::sqrt(static_cast<double>(in));
  Init(d.W, static_cast<size_t>(in) * out, bound, rng);
  Init(d.b, out, bound, rng);
}

// y = W x + b
std::vector<double> Forward(const Dense& d, const double* x) {
  std::vector<double> y(d.b.w);
  for (int o = 0; o < d.out; ++o) {
    const double* row = &d.W.w[static_cast<size_t>(o) * d.in];
    double s = 0;
    for (int i = 0; i < d.in; ++i) s += row[i] * x[i];
    y[o] += s;
  }
  return y;
}

// Accumulates the gradients of W, b; returns dL/dx.
std::vector<double> Backward(Dense& d, const double* x,
                             const std::vector<double>& dy) {
  std::vector<double> dx(d.in, 0);
  for (int o = 0; o < d.out; ++o) {
    if (dy[o] == 0) continue;
    double* grow = &d.W.g[static_cast<size_t>(o) * d.in];
    const double* row = &d.W.w[static_cast<size_t>(o) * d.in];
    for (int i = 0; i < d.in; ++i) {
      grow[i] += dy[o] * x[i];
      dx[i] += row[i] * dy[o];
    }
    d.b.g[o] += dy[o];
  }
  return dx;
}

void Relu(std::vector<double>& v) {
  for (double& x : v) x = std::max(0.0, x);
}
void ReluBack(const std::vector<double>& a, std::vector<double>& d) {
  for (size_t i = 0; i < a.size(); ++i) d[i] = a[i] > 0 ? d[i] : 0;
}

double Norm2(const Param& p) {
  double s = 0;
  for (double x : p.g) s += x * x;
  return s;
}
void Scale(Param& p, double k) {
  for (double& x : p.g) x *= k;
}

void Adam(Param& p, double lr, int64_t t) {
  const double b1 = 0.9, b2 = 0.999;
  const double c1 = 1 - std::pow(b1, static_cast<double>(t));
  const double c2 = 1 - std::pow(b2, static_cast<double>(t));
  for (size_t i = 0; i < p.w.size(); ++i) {
    p.m[i] = b1 * p.m[i] + (1 - b1) * p.g[i];
    p.v[i] = b2 * p.v[i] + (1 - b2) * p.g[i] * p.g[i];
    p.w[i] -= lr * (p.m[i] / c1) / (std::sqrt(p.v[i] / c2) + 1e-8);
    p.g[i] = 0;
  }
}

}  // namespace

struct LstmPolicy::Cache {
  LstmInput in;
  std::vector<double> x0, a1, a2, a3;        // encoders' concat, FC outputs
  std::vector<double> h_prev, c_prev;        // LSTM state before the step
  std::vector<double> i, f, g, o, c, tc, h;  // gates and the new state
  std::array<std::vector<double>, 2> z, logits;
};

LstmPolicy::LstmPolicy(uint64_t seed) {
  search::Rng rng = search::Rng::For(seed, 3, 0, 0, search::Op::kInit);
  InitDense(enc_dims_, 7, kEnc, rng);
  InitDense(enc_prev_, 2, kEnc, rng);
  InitDense(enc_pos_, 1, kEnc, rng);
  InitDense(fc1_, 3 * kEnc, kH, rng);
  InitDense(fc2_, kH, kH, rng);
  InitDense(fc3_, kH, kH, rng);
  for (int d = 0; d < 2; ++d) {
    InitDense(head_[d], kH, 12, rng);
    InitDense(out_[d], 12, 12, rng);
  }
  const double bound = 1 / std::sqrt(static_cast<double>(kH));
  Init(wih_, 4 * kH * kH, bound, rng);
  Init(whh_, 4 * kH * kH, bound, rng);
  Init(bih_, 4 * kH, bound, rng);
  Init(bhh_, 4 * kH, bound, rng);
  Begin();
}

LstmPolicy::~LstmPolicy() = default;

void LstmPolicy::Begin() {
  steps_.clear();
  h_.assign(kH, 0);
  c_.assign(kH, 0);
}

std::array<std::array<double, 12>, 2> LstmPolicy::Step(const LstmInput& in) {
  Cache k;
  k.in = in;
  const std::vector<double> e1 = Forward(enc_dims_, in.dims.data());
  const std::vector<double> e2 = Forward(enc_prev_, in.prev.data());
  const std::vector<double> e3 = Forward(enc_pos_, &in.position);
  k.x0 = e1;
  k.x0.insert(k.x0.end(), e2.begin(), e2.end());
  k.x0.insert(k.x0.end(), e3.begin(), e3.end());
  k.a1 = Forward(fc1_, k.x0.data());
  Relu(k.a1);
  k.a2 = Forward(fc2_, k.a1.data());
  Relu(k.a2);
  k.a3 = Forward(fc3_, k.a2.data());
  Relu(k.a3);
  k.h_prev = h_;
  k.c_prev = c_;
  std::vector<double> pre(bih_.w);
  for (int r = 0; r < 4 * kH; ++r) {
    const double* wi = &wih_.w[static_cast<size_t>(r) * kH];
    const double* wh = &whh_.w[static_cast<size_t>(r) * kH];
    double s = bhh_.w[r];
    for (int j = 0; j < kH; ++j) s += wi[j] * k.a3[j] + wh[j] * h_[j];
    pre[r] += s;
  }
  k.i.resize(kH), k.f.resize(kH), k.g.resize(kH), k.o.resize(kH);
  k.c.resize(kH), k.tc.resize(kH), k.h.resize(kH);
  for (int j = 0; j < kH; ++j) {
    k.i[j] = Sigmoid(pre[j]);
    k.f[j] = Sigmoid(pre[kH + j]);
    k.g[j] = std::tanh(pre[2 * kH + j]);
    k.o[j] = Sigmoid(pre[3 * kH + j]);
    k.c[j] = k.f[j] * c_[j] + k.i[j] * k.g[j];
    k.tc[j] = std::tanh(k.c[j]);
    k.h[j] = k.o[j] * k.tc[j];
  }
  h_ = k.h;
  c_ = k.c;
  std::array<std::array<double, 12>, 2> logits;
  for (int d = 0; d < 2; ++d) {
    k.z[d] = Forward(head_[d], k.h.data());
    Relu(k.z[d]);
    k.logits[d] = Forward(out_[d], k.z[d].data());
    std::copy(k.logits[d].begin(), k.logits[d].end(), logits[d].begin());
  }
  steps_.push_back(std::move(k));
  return logits;
}

std::vector<Dense*> LstmPolicy::Layers() {
  return {&enc_dims_, &enc_prev_, &enc_pos_, &fc1_,    &fc2_,
          &fc3_,      &head_[0],  &head_[1], &out_[0], &out_[1]};
}

std::vector<Param*> LstmPolicy::Params() {
  std::vector<Param*> out = {&wih_, &whh_, &bih_, &bhh_};
  for (Dense* d : Layers()) {
    out.push_back(&d->W);
    out.push_back(&d->b);
  }
  return out;
}

void LstmPolicy::Learn(const std::vector<std::array<int, 2>>& choices,
                       const std::vector<double>& returns, double temperature) {
  Backprop(choices, returns, temperature);
  ApplyStep();
}

void LstmPolicy::Backprop(const std::vector<std::array<int, 2>>& choices,
                          const std::vector<double>& returns,
                          double temperature) {
  std::vector<double> dh_next(kH, 0), dc_next(kH, 0);
  for (int t = static_cast<int>(choices.size()) - 1; t >= 0; --t) {
    Cache& k = steps_[t];
    std::vector<double> dh = dh_next;
    for (int d = 0; d < 2; ++d) {
      // d(-r log softmax(z / T)[a]) / dz = -r (onehot - p) / T
      std::vector<double> p(12);
      const double top =
          *std::max_element(k.logits[d].begin(), k.logits[d].end());
      double sum = 0;
      for (int j = 0; j < 12; ++j) {
        sum += p[j] = std::exp((k.logits[d][j] - top) / temperature);
      }
      std::vector<double> dz(12);
      for (int j = 0; j < 12; ++j) {
        dz[j] = -returns[t] * ((j == choices[t][d]) - p[j] / sum) / temperature;
      }
      std::vector<double> dzz = Backward(out_[d], k.z[d].data(), dz);
      ReluBack(k.z[d], dzz);
      const std::vector<double> dhh = Backward(head_[d], k.h.data(), dzz);
      for (int j = 0; j < kH; ++j) dh[j] += dhh[j];
    }
    std::vector<double> da(4 * kH), dc_prev(kH);
    for (int j = 0; j < kH; ++j) {
      const double dout = dh[j] * k.tc[j];
      const double dc = dh[j] * k.o[j] * (1 - k.tc[j] * k.tc[j]) + dc_next[j];
      da[j] = dc * k.g[j] * k.i[j] * (1 - k.i[j]);
      da[kH + j] = dc * k.c_prev[j] * k.f[j] * (1 - k.f[j]);
      da[2 * kH + j] = dc * k.i[j] * (1 - k.g[j] * k.g[j]);
      da[3 * kH + j] = dout * k.o[j] * (1 - k.o[j]);
      dc_prev[j] = dc * k.f[j];
    }
    std::vector<double> dx(kH, 0), dhp(kH, 0);
    for (int r = 0; r < 4 * kH; ++r) {
      if (da[r] == 0) continue;
      double* gi = &wih_.g[static_cast<size_t>(r) * kH];
      double* gh = &whh_.g[static_cast<size_t>(r) * kH];
      const double* wi = &wih_.w[static_cast<size_t>(r) * kH];
      const double* wh = &whh_.w[static_cast<size_t>(r) * kH];
      for (int j = 0; j < kH; ++j) {
        gi[j] += da[r] * k.a3[j];
        gh[j] += da[r] * k.h_prev[j];
        dx[j] += wi[j] * da[r];
        dhp[j] += wh[j] * da[r];
      }
      bih_.g[r] += da[r];
      bhh_.g[r] += da[r];
    }
    dh_next = dhp;
    dc_next = dc_prev;
    ReluBack(k.a3, dx);
    std::vector<double> d2 = Backward(fc3_, k.a2.data(), dx);
    ReluBack(k.a2, d2);
    std::vector<double> d1 = Backward(fc2_, k.a1.data(), d2);
    ReluBack(k.a1, d1);
    const std::vector<double> d0 = Backward(fc1_, k.x0.data(), d1);
    Backward(enc_dims_, k.in.dims.data(),
             std::vector<double>(d0.begin(), d0.begin() + kEnc));
    Backward(enc_prev_, k.in.prev.data(),
             std::vector<double>(d0.begin() + kEnc, d0.begin() + 2 * kEnc));
    Backward(enc_pos_, &k.in.position,
             std::vector<double>(d0.begin() + 2 * kEnc, d0.end()));
  }
}

void LstmPolicy::ApplyStep() {
  // ConfuciuX: clip_grad_norm_(all, 100), then clip_grad_norm_(lstm, 10).
  Param* lstm[4] = {&wih_, &whh_, &bih_, &bhh_};
  double all = 0, ls = 0;
  for (Dense* d : Layers()) all += Norm2(d->W) + Norm2(d->b);
  for (Param* p : lstm) ls += Norm2(*p);
  all = std::sqrt(all + ls);
  const double k_all = all > kClipAll ? kClipAll / all : 1.0;
  for (Dense* d : Layers()) Scale(d->W, k_all), Scale(d->b, k_all);
  for (Param* p : lstm) Scale(*p, k_all);
  ls = std::sqrt(ls) * k_all;
  if (ls > kClipLstm)
    for (Param* p : lstm) Scale(*p, kClipLstm / ls);
  ++adam_t_;
  for (Dense* d : Layers()) Adam(d->W, lr, adam_t_), Adam(d->b, lr, adam_t_);
  for (Param* p : lstm) Adam(*p, lr, adam_t_);
  Begin();
}

}  // namespace maestro::dse::confuciux
