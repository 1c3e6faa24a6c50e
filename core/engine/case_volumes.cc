#include "core/engine/case_volumes.h"

#include <algorithm>

namespace maestro::engine {
namespace {

constexpr int kY = DimIndex(Dim::kY), kX = DimIndex(Dim::kX);
constexpr int kYo = DimIndex(Dim::kYo), kXo = DimIndex(Dim::kXo);

inline int64_t Or1(int64_t v) { return v != 0 ? v : 1; }

}  // namespace

int CaseView::InnermostMoving() const {
  for (int j = level->num_dirs - 1; j >= 0; --j) {
    if (st[level->dirs[j].dim]->pos != Pos::kInit) return j;
  }
  return -1;
}

int64_t CaseView::MappedVolume(int tensor, bool first, bool ee) const {
  const Level& L = *level;
  const int64_t E = tables->edge_units;
  const List& dl = dirs_of[tensor];
  int64_t r = 1;
  for (int i = 0; i < dl.n; ++i) {
    const LevelDirective& x = L.dirs[dl.i[i]];
    const DimTable& t = tables->dim[x.dim];
    const IterState& s = *st[x.dim];
    if (!x.spatial) {
      r *= s.edge() ? t.me : t.m;
    } else if (s.edge()) {
      if (E == 1 && (first || ee)) {
        r *= t.me;
      } else if (E > 1) {
        r *= ee ? t.me : t.m;
      }
    } else {
      r *= t.m;
    }
  }
  return r;
}

void CaseView::Index() {
  const Level& L = *level;
  auto add = [](List& l, int v) { l.i[l.n++] = static_cast<int8_t>(v); };
  for (List& l : dirs_of) l.n = 0;
  for (List& l : spatial_dims) l.n = 0;
  reduction.n = spatial_dirs.n = 0;
  for (int j = 0; j < L.num_dirs; ++j) {
    const uint16_t bit = DimBit(L.dirs[j].dim);
    for (int t = 0; t < 3; ++t) {
      if (lm->tensors[t].mask & bit) add(dirs_of[t], j);
    }
    if (!(lm->tensors[2].mask & bit)) add(reduction, j);
    if (L.dirs[j].spatial) add(spatial_dirs, j);
  }
  for (int t = 0; t < 3; ++t) {
    const TensorInfo& ti = lm->tensors[t];
    key_mask[t] = 0;
    for (int k = 0; k < ti.num_dims; ++k) {
      const int j = L.first_dir[ti.dims[k]];
      key_mask[t] |= uint64_t{31} << (5 * ti.dims[k]);
      if (j >= 0 && L.dirs[j].spatial) add(spatial_dims[t], ti.dims[k]);
    }
  }
  spatial_key = uint64_t{31} << (5 * L.dirs[L.first_spatial].dim);
  tile_full_mask = tile_edge_bits = 0;
  for (int j = 0; j < L.num_dirs; ++j) {
    const int d = L.dirs[j].dim;
    if (L.dirs[j].spatial) tile_full_mask |= uint64_t{31} << (5 * d);
  }
  for (int j = 0; j < L.num_dirs; ++j) {
    const uint64_t field = uint64_t{31} << (5 * L.dirs[j].dim);
    if (!(tile_full_mask & field)) tile_edge_bits |= field & (field >> 4);
  }
  reduction_temporal.n = reduction_spatial.n = output_temporal.n = 0;
  for (int i = 0; i < reduction.n; ++i) {
    const int j = reduction.i[i];
    add(L.dirs[j].spatial ? reduction_spatial : reduction_temporal, j);
  }
  const TensorInfo& out = lm->tensors[2];
  for (int k = 0; k < out.num_dims; ++k) {
    const int j = L.first_dir[out.dims[k]];
    if (j >= 0 && !L.dirs[j].spatial) add(output_temporal, out.dims[k]);
  }
}

void CaseView::Prepare() {
  known = 0;
  moving = InnermostMoving();
  for (int t = 0; t < 3; ++t) spatial[t] = SpatialOf(t);
  spatial_all = SpatialOfAll();
}

void CaseView::MovingFacts(int t) const {
  if (known & (1u << (24 + t))) return;
  known |= 1u << (24 + t);
  reset[t] = changing[t] = false;
  const List& dl = dirs_of[t];
  for (int i = 0; i < dl.n; ++i) {
    const int j = dl.i[i];
    changing[t] = changing[t] || j == moving;
    const IterState& s = *st[level->dirs[j].dim];
    if (j > moving && s.pos == Pos::kInit && !s.unrolled) {
      reset[t] = true;  // (`changing` is settled: j > moving)
      break;
    }
  }
}

int64_t CaseView::UnitIngress(int tensor, bool first, bool ee) const {
  const int k = tensor * 4 + first * 2 + ee;
  if (!(known & (1u << k))) {
    in_known[k] = ComputeUnitIngress(tensor, first, ee);
    known |= 1u << k;
  }
  return in_known[k];
}

int64_t CaseView::ComputeUnitIngress(int tensor, bool first, bool ee) const {
  const Level& L = *level;
  const int c = moving;
  if (c < 0) return MappedVolume(tensor, first, ee);
  MovingFacts(tensor);
  if (!changing[tensor]) return 0;
  // A deeper, non-unrolled dim of the tensor at Init resets the tile.
  const bool rst = reset[tensor];
  const List& dl = dirs_of[tensor];
  int64_t r = 1;
  for (int i = 0; i < dl.n; ++i) {
    const int j = dl.i[i];
    const LevelDirective& x = L.dirs[j];
    const DimTable& t = tables->dim[x.dim];
    const IterState& s = *st[x.dim];
    if (!x.spatial) {
      if (s.pos == Pos::kInit) {
        r *= s.edge() ? t.me : t.m;
      } else if (j == c && !rst) {
        r *= exact && s.pos == Pos::kEdge ? t.ue : std::max<int64_t>(t.u, 1);
      } else {
        // MAESTRO moves the full tile again at a temporal Edge.
        r *= exact && s.pos == Pos::kEdge ? t.me : t.m;
      }
    } else {
      const int64_t full = ee ? t.me : t.m;
      const int64_t uniq = ee ? t.ue : t.u;
      if (first) {
        r *= full;
      } else if (s.pos == Pos::kInit) {
        r *= j <= c ? full : uniq;
      } else {
        r *= (j == c && !rst) ? uniq : full;
      }
    }
  }
  return r;
}

int64_t CaseView::UnitEgress(bool partial, bool first, bool ee,
                             bool reuse_at_edge) const {
  const int k = first * 4 + ee * 2 + reuse_at_edge;
  if (!(known & (1u << (12 + k)))) {
    out_known[k] = OutputTile(first, ee, reuse_at_edge);
    known |= 1u << (12 + k);
  }
  if (!partial) return out_known[k];
  const int kr = first * 2 + ee;
  if (!(known & (1u << (20 + kr)))) {
    red_known[kr] = ReductionTile(first, ee);
    known |= 1u << (20 + kr);
  }
  return red_known[kr] * out_known[k];
}

// Dims not in the output: the reduction one unit does. The temporal
// factors are the same for every unit: once per case.
int64_t CaseView::ReductionTile(bool first, bool ee) const {
  const Level& L = *level;
  const int64_t E = tables->edge_units;
  if (!(known & (1u << 27))) {
    known |= 1u << 27;
    red_temporal = 1;
    for (int i = 0; i < reduction_temporal.n; ++i) {
      const int d = L.dirs[reduction_temporal.i[i]].dim;
      const DimTable& t = tables->dim[d];
      red_temporal *= st[d]->edge() ? t.me : t.m;
    }
  }
  int64_t r = red_temporal;
  for (int i = 0; i < reduction_spatial.n; ++i) {
    const LevelDirective& x = L.dirs[reduction_spatial.i[i]];
    const DimTable& t = tables->dim[x.dim];
    const IterState& s = *st[x.dim];
    if (s.pos == Pos::kInit && s.edge() && ee) {
      r *= t.me;
    } else if (s.pos != Pos::kEdge) {
      r *= first ? t.m : Or1(t.u);
    } else if (E == 1) {
      r *= (first || ee) ? t.me : 1;
    } else {
      r *= ee ? t.ue : (first ? t.m : Or1(t.u));
    }
  }
  return r;
}

// The output's dims (Y'/X' tables for Y/X), temporal factors once per case.
int64_t CaseView::OutputTile(bool first, bool ee, bool reuse_at_edge) const {
  const int64_t E = tables->edge_units;
  auto table = [&](int v) -> const DimTable& {
    return tables->dim[!lm->overlap ? v : v == kY ? kYo : v == kX ? kXo : v];
  };
  if (!(known & (1u << 28))) {
    known |= 1u << 28;
    out_temporal = 1;
    for (int i = 0; i < output_temporal.n; ++i) {
      const int v = output_temporal.i[i];
      const DimTable& t = table(v);
      const IterState& s = *st[v];
      out_temporal *= s.pos == Pos::kInit     ? (s.edge() ? t.me : t.m)
                      : s.pos == Pos::kSteady ? t.m
                                              : t.me;
    }
  }
  int64_t r = out_temporal;
  for (int i = 0; i < spatial_dims[2].n; ++i) {
    const int v = spatial_dims[2].i[i];
    const DimTable& t = table(v);
    const IterState& s = *st[v];
    if (s.pos == Pos::kInit && s.edge() && ee) {
      r *= E == 1 ? t.me : (reuse_at_edge ? t.ue : t.me);
    } else if (s.pos != Pos::kEdge) {
      r *= first ? t.m : Or1(t.u);
    } else if (E == 1) {
      // MAESTRO: a single active unit uses the input-coordinate edge size.
      r *= (first || ee) ? (exact ? t.me : tables->dim[v].me) : 1;
    } else {
      r *= ee ? t.ue : (first ? t.m : Or1(t.u));
    }
  }
  return r;
}

CaseView::SpatialInfo CaseView::SpatialOf(int tensor) const {
  SpatialInfo sp;
  const List& sd = spatial_dims[tensor];
  for (int i = 0; i < sd.n; ++i) {
    const int v = sd.i[i];
    sp.mapped = true;
    sp.state = st[v];
    sp.dim = v;
    sp.edge = sp.edge || st[v]->edge();
  }
  return sp;
}

bool CaseView::SpatialInfo::EdgeEdge(const CaseView& cv) const {
  if (!state->edge_edge) return false;
  if (!cv.exact) return true;
  const DimTable& t = cv.tables->dim[dim];
  return t.me != t.m;
}

template <typename F>
int64_t CaseView::OverUnits(const SpatialInfo& sp, F f) const {
  const int64_t N = level->num_units, E = tables->edge_units;
  if (!sp.edge) return f(true, false) + (N - 1) * f(false, false);
  const int64_t ee = sp.EdgeEdge(*this) ? 1 : 0;
  int64_t v = (E == 1 && ee) ? f(true, true) : f(true, false);
  if (E > 1) {
    v += std::max<int64_t>(E - ee - 1, 0) * f(false, false) +
         ee * f(false, true);
  }
  return v;
}

int64_t CaseView::Ingress(int tensor) const {
  const SpatialInfo& sp = spatial[tensor];
  if (!sp.mapped) return UnitIngress(tensor, true, false);
  return OverUnits(
      sp, [&](bool first, bool ee) { return UnitIngress(tensor, first, ee); });
}

int64_t CaseView::UnitsReceive(int tensor) const {
  const SpatialInfo& sp = spatial[tensor];
  const int64_t N = level->num_units, E = tables->edge_units;
  if (!sp.mapped) {
    const bool edge = st[level->dirs[level->first_spatial].dim]->edge();
    return UnitIngress(tensor, true, false) * (edge ? E : N);
  }
  if (!sp.edge) return N * UnitIngress(tensor, true, false);
  const int64_t ee = sp.EdgeEdge(*this) ? 1 : 0;
  if (E == 1) return UnitIngress(tensor, true, ee != 0);
  return (E - ee) * UnitIngress(tensor, true, false) +
         ee * UnitIngress(tensor, true, true);
}

int64_t CaseView::Egress() const {
  const SpatialInfo& sp = spatial[2];
  if (!sp.mapped) return UnitEgress(false, true, false);
  return OverUnits(
      sp, [&](bool first, bool ee) { return UnitEgress(false, first, ee); });
}

int64_t CaseView::CriticalPartialSums() const {
  const SpatialInfo& sp = spatial[2];
  const bool ee =
      sp.mapped && sp.edge && tables->edge_units == 1 && sp.state->edge_edge;
  return UnitEgress(true, true, ee);
}

CaseView::SpatialInfo CaseView::SpatialOfAll() const {
  SpatialInfo sp = spatial[2];
  for (int i = 0; i < spatial_dirs.n; ++i) {
    const int d = level->dirs[spatial_dirs.i[i]].dim;
    sp.state = st[d];
    sp.dim = d;
    sp.edge = sp.edge || sp.state->edge();
  }
  return sp;
}

int64_t CaseView::Macs() const {
  const SpatialInfo& sp = spatial_all;
  const Level& L = *level;
  const int64_t E = tables->edge_units;
  if (!sp.edge) return L.num_units * UnitEgress(true, true, false);
  const bool ee = sp.EdgeEdge(*this);
  int64_t m = (E == 1 && ee) ? UnitEgress(true, true, true)
                             : UnitEgress(true, true, false);
  if (E > 1) {
    const int64_t nee = ee ? 1 : 0;
    m += std::max<int64_t>(E - nee - 1, 0) * UnitEgress(true, true, false) +
         nee * UnitEgress(true, false, true, false);
  }
  return m;
}

void CaseView::SubDims(bool edge_edge,
                       std::array<int64_t, kNumDims>& out) const {
  const Level& L = *level;
  out.fill(-1);
  for (int j = 0; j < L.num_dirs; ++j) {
    const LevelDirective& x = L.dirs[j];
    if (out[x.dim] >= 0) continue;  // the first directive of a dim wins
    const DimTable& t = tables->dim[x.dim];
    const IterState& s = *st[x.dim];
    if (!x.spatial) {
      out[x.dim] = s.edge() ? t.me : t.m;
    } else {
      out[x.dim] =
          (s.edge() && (tables->edge_units == 1 || edge_edge)) ? t.me : t.m;
    }
  }
}

}  // namespace maestro::engine
