#include "core/engine/iteration_states.h"

namespace maestro::engine {

DirectiveStates StatesOf(bool spatial, int64_t s, int64_t o, int64_t D,
                         int64_t N) {
  DirectiveStates r{};
  if (!spatial) {
    r.s[r.n++] = {Pos::kInit, 1, D <= s, D < s, false};
    const int64_t steady = (D - s) / o;
    if (s < D && steady > 0) r.s[r.n++] = {Pos::kSteady, steady, false, false, false};
    if (!(D < s) && steady * o + s < D) r.s[r.n++] = {Pos::kEdge, 1, false, false, false};
    return r;
  }
  const int64_t cov = s + o * (N - 1);
  const bool iedge = D < cov;
  r.s[r.n++] = {Pos::kInit, 1, D <= cov, iedge, iedge};
  const int64_t steady = ((D - s) / o + 1) / N - 1;
  const bool has_edge =
      D > cov && (steady + 1) * o * N + cov > D && steady * o * N + cov != D;
  if (cov < D && steady > 0) r.s[r.n++] = {Pos::kSteady, steady, false, false, false};
  const int64_t rem = D - (steady + 1) * o * N;
  const int64_t active = rem < s ? 1 : (rem - s) / o + 1;
  if (!iedge && has_edge) {
    r.s[r.n++] = {Pos::kEdge, 1, false, false, (active - 1) * o + s < rem};
  }
  return r;
}

}  // namespace maestro::engine
