#include "core/engine/level_tables.h"

#include <algorithm>

namespace maestro::engine {
namespace {

constexpr int kY = DimIndex(Dim::kY), kX = DimIndex(Dim::kX);
constexpr int kR = DimIndex(Dim::kR), kS = DimIndex(Dim::kS);
constexpr int kYo = DimIndex(Dim::kYo), kXo = DimIndex(Dim::kXo);

int64_t EdgeUnits(int64_t s, int64_t o, int64_t D, int64_t N) {
  if (D > o * (N - 1) + s) {
    int64_t steady = ((D - s) / o + 1) / N - 1;
    int64_t rem = D - (steady + 1) * o * N;
    return rem < s ? 1 : (rem - s) / o + 1;
  }
  if (D > s) {
    int64_t e = (D - s) / o + 1;
    if (o * (e - 1) + s < D) ++e;
    return e;
  }
  return 1;
}

}  // namespace

void ComputeLevelTables(const LayerModel& lm, const Level& L,
                        const std::array<int64_t, kNumDims>& sizes,
                        LevelTables& out, bool exact) {
  for (int j = 0; j < L.num_dirs; ++j) {
    const LevelDirective& x = L.dirs[j];
    const int64_t s = x.size, o = x.offset;
    const int64_t D = sizes[x.dim] >= 0 ? sizes[x.dim] : s;
    const int64_t steady = std::max<int64_t>(0, TruncDiv(D - s, o));
    const bool has_edge = steady * o + s < D || s > D;
    int64_t em = D - (steady + 1) * o;
    if (em < 0 || (exact && s >= D)) em = D;
    DimTable& t = out.dim[x.dim];
    t.m = s;
    t.u = (!x.spatial && D <= s) ? 0 : std::min(s, o);
    t.me = has_edge ? em : s;
    t.ue = std::max<int64_t>(o - (s - em), 0);
  }
  if (lm.overlap) {
    for (int j = 0; j < L.num_dirs; ++j) {
      const LevelDirective& x = L.dirs[j];
      if (x.dim != kY && x.dim != kX) continue;
      const int w = x.dim == kY ? kYo : kXo;
      const int f = x.dim == kY ? kR : kS;
      const bool hf = (L.dims_mask & DimBit(f)) != 0;
      DimTable& t = out.dim[w];
      t.m = out.dim[x.dim].m - (hf ? out.dim[f].m : 0) + 1;
      t.u = std::min(x.offset, x.size);
      t.me = out.dim[x.dim].me - (hf ? out.dim[f].me : 0) + 1;
      t.ue = std::min(x.offset, t.me);
    }
  }
  const LevelDirective& sp = L.dirs[L.first_spatial];
  const int64_t D = sizes[sp.dim] >= 0 ? sizes[sp.dim] : sp.size;
  out.edge_units = EdgeUnits(sp.size, sp.offset, D, L.num_units);
}

}  // namespace maestro::engine
