// ConfuciuX's policy network (rl_confx.py `Actor`), for the comparison the
// spec asks for (does the LSTM converge faster than per-layer logits?):
// three linear encoders (layer dims 7 -> 10, previous action 2 -> 10,
// position 1 -> 10), 3 x FC(128) + ReLU, an LSTMCell(128), and two heads
// FC(128 -> 12) + ReLU + FC(12 -> 12) giving the logits of the PEs and the
// level. Trained by REINFORCE with back-propagation through the episode,
// Adam (ConfuciuX's 1e-3) and ConfuciuX's clipping (norm 100 overall, 10
// for the LSTM). Weights start as PyTorch's defaults (U(+-1/sqrt(fan_in)))
// drawn from a counter-based stream of the seed.
//
// Example:
//   LstmPolicy p(seed);
//   p.Begin();
//   std::array<std::array<double, 12>, 2> z = p.Step(state);  // per layer
//   ...
//   p.Learn(choices, returns, temperature);  // one Adam step
#ifndef MAESTRO_ONNX_DSE_CONFUCIUX_LSTM_POLICY_H_
#define MAESTRO_ONNX_DSE_CONFUCIUX_LSTM_POLICY_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace maestro::dse::confuciux {

struct Param {
  std::vector<double> w, g, m, v;
  void Resize(size_t n) {
    w.assign(n, 0);
    g.assign(n, 0);
    m.assign(n, 0);
    v.assign(n, 0);
  }
};

struct Dense {
  int in = 0, out = 0;
  Param W, b;  // W is out x in, row-major
};

// One step's input: the layer's normalised dims (7), the previous action's
// two normalised values, the position in the episode (0..1).
struct LstmInput {
  std::array<double, 7> dims{};
  std::array<double, 2> prev{};
  double position = 0;
};

class LstmPolicy {
 public:
  explicit LstmPolicy(uint64_t seed);
  ~LstmPolicy();
  LstmPolicy(const LstmPolicy&) = delete;
  LstmPolicy& operator=(const LstmPolicy&) = delete;
  void Begin();  // a new episode: zero state, no cached steps
  // The logits of the PEs (0) and level (1) heads for this step.
  std::array<std::array<double, 12>, 2> Step(const LstmInput& in);
  // REINFORCE on the cached steps: loss -sum_t r_t (log p(a_t) + log
  // p(b_t)) with softmax(logits / temperature); one Adam step.
  void Learn(const std::vector<std::array<int, 2>>& choices,
             const std::vector<double>& returns, double temperature);
  double lr = 1e-3;

  // Learn's two halves, for the gradient check: the loss's gradients
  // accumulated into every Param's `g` (the cached steps kept), and the
  // clipped Adam step (which clears them and the cache).
  void Backprop(const std::vector<std::array<int, 2>>& choices,
                const std::vector<double>& returns, double temperature);
  void ApplyStep();
  std::vector<Param*> Params();

 private:
  struct Cache;
  std::vector<Dense*> Layers();
  Dense enc_dims_, enc_prev_, enc_pos_, fc1_, fc2_, fc3_, head_[2], out_[2];
  Param wih_, whh_, bih_, bhh_;  // LSTMCell(128, 128): 4H x I, 4H x H
  std::vector<Cache> steps_;
  std::vector<double> h_, c_;
  int64_t adam_t_ = 0;
};

}  // namespace maestro::dse::confuciux

#endif  // MAESTRO_ONNX_DSE_CONFUCIUX_LSTM_POLICY_H_
