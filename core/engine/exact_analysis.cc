#include "core/engine/exact_analysis.h"

#include <algorithm>
#include <bit>
#include <span>

namespace maestro::engine {
namespace {

constexpr int kY = DimIndex(Dim::kY), kX = DimIndex(Dim::kX);
constexpr int kR = DimIndex(Dim::kR), kS = DimIndex(Dim::kS);
constexpr int kMacDims = DimIndex(Dim::kM) + 1;  // N..M; never Y'/X'

Seg Isect(Seg a, Seg b) { return {std::max(a.lo, b.lo), std::min(a.hi, b.hi)}; }

// Length of the union of `v`. Unit tiles come in position order, so `v`
// is usually sorted already; it is sorted here only when it is not.
int64_t UnionLen(std::vector<Seg>& v) {
  if (!std::is_sorted(v.begin(), v.end(),
                      [](const Seg& a, const Seg& b) { return a.lo < b.lo; })) {
    std::sort(v.begin(), v.end(),
              [](const Seg& a, const Seg& b) { return a.lo < b.lo; });
  }
  int64_t total = 0, lo = 0, hi = 0;
  bool open = false;
  for (const Seg& s : v) {
    if (s.hi <= s.lo) continue;
    if (!open || s.lo > hi) {
      if (open) total += hi - lo;
      lo = s.lo;
      hi = s.hi;
      open = true;
    } else {
      hi = std::max(hi, s.hi);
    }
  }
  if (open) total += hi - lo;
  return total;
}

// Length of the union of two lists sorted by `lo` (merged on the fly).
int64_t UnionLen2(const std::vector<Seg>& a, const std::vector<Seg>& b) {
  int64_t total = 0, lo = 0, hi = 0;
  bool open = false;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    const Seg& s = (j >= b.size() || (i < a.size() && a[i].lo <= b[j].lo))
                       ? a[i++]
                       : b[j++];
    if (s.hi <= s.lo) continue;
    if (!open || s.lo > hi) {
      if (open) total += hi - lo;
      lo = s.lo;
      hi = s.hi;
      open = true;
    } else {
      hi = std::max(hi, s.hi);
    }
  }
  if (open) total += hi - lo;
  return total;
}

bool SortedByLo(const std::vector<Seg>& v) {
  return std::is_sorted(v.begin(), v.end(),
                        [](const Seg& a, const Seg& b) { return a.lo < b.lo; });
}

// (No default member values: the per-level array is filled, not zeroed.)
struct XDir {
  int dim;
  bool spatial;
  int64_t t, o, P, count;
  int nst;
  int64_t Index(int state) const {  // position (fold) of a state
    return state == 0 ? 0 : (state == 1 && count > 2) ? 1 : count - 1;
  }
  int64_t Occ(int state) const {
    return state == 1 && count > 2 ? count - 2 : 1;
  }
};

// Whether the units' tiles of spatial directive `x` are disjoint in the
// tensor space `s` (neighbours share nothing).
bool Disjoint(const XDir& x, const Space& s, int64_t f) {
  if (s.residue) return false;
  if (!s.window || !s.interval) return x.o >= x.t;
  return x.o * s.st >= (x.t - 1) * s.st + f;
}

// A run of alike units: the first one and how many.
struct URun {
  int64_t u, n;
};

struct Directives {
  std::array<XDir, kMaxDirectives> xd;
  int nd = 0;
  std::array<int, 2> sp{};  // directive indices of the SpatialMaps
  int ns = 0;
  std::array<int, kNumDims> sp_of;     // spatial slot of a dim, or -1
  std::array<bool, kNumDims> moves{};  // a directive visits > 1 position
};

constexpr int FilterDim(int d) { return d == kY ? kR : kS; }

// Phase 1: the level's directives as loops over positions (folds for a
// SpatialMap) for the dim sizes D.
void PlanDirectives(const Level& L, const std::array<int64_t, kNumDims>& D,
                    Directives& s) {
  const int64_t N = L.num_units;
  auto& xd = s.xd;
  auto& nd = s.nd;
  auto& sp = s.sp;
  auto& ns = s.ns;
  auto& sp_of = s.sp_of;
  auto& moves = s.moves;
  sp_of.fill(-1);
  // Over one unit, two SpatialMaps are two loops (folds of one position):
  // read as TemporalMaps.
  int num_spatial = 0;
  for (int j = 0; j < L.num_dirs; ++j) {
    num_spatial += L.dirs[j].spatial && !L.dirs[j].xskip;
  }
  const bool one_unit_loops = N == 1 && num_spatial > 1;
  for (int j = 0; j < L.num_dirs; ++j) {
    const LevelDirective& x = L.dirs[j];
    if (x.xskip) continue;
    XDir& e = xd[nd];
    e.dim = x.dim;
    e.spatial = x.spatial && !one_unit_loops;
    e.t = x.xsize;
    e.o = x.xoffset;
    const int64_t Dd = D[x.dim];
    // Positions while the previous tile did not reach the end and the tile
    // starts inside the dim (an offset past the tile leaves gaps).
    e.P = std::min(1 + (Dd > e.t ? (Dd - e.t + e.o - 1) / e.o : 0),
                   (Dd + e.o - 1) / e.o);
    e.count = e.spatial ? (e.P + N - 1) / N : e.P;
    e.nst = static_cast<int>(std::min<int64_t>(e.count, 3));
    moves[e.dim] = moves[e.dim] || e.P > 1;
    if (e.spatial) {
      sp_of[e.dim] = ns;
      sp[ns++] = nd;
    }
    ++nd;
  }
}

// Phase 2: how each tensor indexes each dim (input windows: interval,
// weighted or by residues) and the passes over residues.
void PlanSpaces(const LayerModel& lm, const std::array<int64_t, kNumDims>& D,
                const Directives& dirs, LevelPlan& s) {
  const auto& xd = dirs.xd;
  const auto& nd = dirs.nd;
  const auto& moves = dirs.moves;
  auto& space = s.space;
  // Only the input's Y and X can be windows: the other spaces keep their
  // default (and `rho` is 0 outside the residue passes).
  space[0][kY] = space[0][kX] = Space{};
  if (lm.overlap) {
    for (int d : {kY, kX}) {
      Space& s = space[0][d];
      const int f = d == kY ? kR : kS;
      s.window = true;
      s.st = d == kY ? lm.stride_y : lm.stride_x;
      // The shortest filter tile at this level.
      int64_t fmin = D[f];
      for (int j = 0; j < nd; ++j) {
        const XDir& x = xd[j];
        if (x.dim == f && x.P > 1) {
          fmin = std::min({fmin, x.t, D[f] - (x.P - 1) * x.o});
        }
      }
      s.interval = fmin >= s.st || D[d] <= 1;
      s.residue = !s.interval && moves[f];
      s.w = s.interval || s.residue ? 1 : D[f];
    }
  }

  // Passes over the residues of the input's window dims (1: none).
  auto& residue_passes = s.residue_passes;
  residue_passes = {1, 1, 1};
  for (int d : {kY, kX}) {
    if (space[0][d].residue) residue_passes[0] *= space[0][d].st;
  }
}

// Phase 3: per tensor, the dims common to all units and the spatial ones,
// the directives its volumes depend on (its memo key), and the MAC dims
// common to all units.
void PlanTensors(const LayerModel& lm, int64_t N,
                 const std::array<int64_t, kNumDims>& D, const Directives& dirs,
                 LevelPlan& s) {
  const auto& xd = dirs.xd;
  const auto& nd = dirs.nd;
  const auto& sp = dirs.sp;
  const auto& sp_of = dirs.sp_of;
  const auto& space = s.space;
  // Whether the tensor's dim differs between units.
  auto is_sp = [&](int t, int d) {
    return sp_of[d] >= 0 || (space[t][d].window && sp_of[FilterDim(d)] >= 0);
  };
  auto& plan = s.plan;
  for (int t = 0; t < 3; ++t) {
    const TensorInfo& ti = lm.tensors[t];
    TPlan& pl = plan[t];
    pl = TPlan{};
    for (int i = 0; i < ti.num_dims; ++i) {
      const int d = ti.dims[i];
      if (is_sp(t, d)) {
        pl.sd[pl.nsd++] = d;
      } else {
        pl.nonsp[pl.nn++] = {d, FilterDim(d)};
      }
    }
    // Directives the tensor's volumes depend on: maps on its dims (and on
    // the filter dim of an input window) and the SpatialMaps (they decide
    // the units); only those visiting more than one position matter.
    uint32_t dims_mask = 0;
    for (int i = 0; i < ti.num_dims; ++i) {
      const int d = ti.dims[i];
      dims_mask |= 1u << d;
      if (space[t][d].window) dims_mask |= 1u << FilterDim(d);
    }
    // A tensor whose tiles are the same for every unit depends on the
    // SpatialMaps only through the numbers of units active now and in the
    // previous step: those go in its key instead (when they fit).
    pl.units_key = pl.nsd == 0 && N < 4096;
    pl.context_dims = dims_mask;
    for (int k = 0; k < dirs.ns && !pl.units_key; ++k) {
      pl.context_dims |= 1u << xd[sp[k]].dim;
    }
    pl.context_width = 63 / std::max(std::popcount(pl.context_dims), 1);
    for (int j = 0; j < nd; ++j) {
      const bool spatial = xd[j].spatial && !pl.units_key;
      if (xd[j].count > 1 && (spatial || (dims_mask >> xd[j].dim) & 1)) {
        if (pl.nrel < static_cast<int>(pl.rel.size())) pl.rel[pl.nrel] = j;
        ++pl.nrel;
      }
    }
    const int d0 = pl.sd[0];
    pl.disjoint = pl.nsd == 1 && sp_of[d0] >= 0 &&
                  !(space[t][d0].window && sp_of[FilterDim(d0)] >= 0) &&
                  Disjoint(xd[sp[sp_of[d0]]], space[t][d0],
                           space[t][d0].window ? D[FilterDim(d0)] : 1);
  }
  // MAC dims whose tile is common to all units.
  s.n_mac_dims = 0;
  for (int d = 0; d < kMacDims; ++d) {
    if (sp_of[d] < 0) s.mac_dims[s.n_mac_dims++] = d;
  }
}

// The sizes of `dims` as one code, exact: each in a field of `w` = 63 / n
// bits (n dims, the same for every analysis of a level); when one does not
// fit, `unique` (bit 63 set, shared with no other analysis).
uint64_t PackSizes(uint32_t dims, int w, const std::array<int64_t, kNumDims>& D,
                   uint64_t unique) {
  if (dims == 0) return 0;
  uint64_t code = 0;
  for (int d = 0; d < kNumDims; ++d) {
    if (((dims >> d) & 1) == 0) continue;
    const uint64_t v = static_cast<uint64_t>(D[d]);
    if ((v >> w) != 0) return unique;
    code = code << w | v;
  }
  return code;
}

// Phase 4: the case counters and the loop invariants.
void PlanCases(const Directives& dirs, LevelPlan& s) {
  const auto& xd = dirs.xd;
  const auto& nd = dirs.nd;
  s.num_cases = 1;
  for (int j = 0; j < nd && s.num_cases < 4096; ++j) s.num_cases *= xd[j].nst;
  // The case counters run over the directives visiting more than one
  // position; the others stay at their only position (cur = prev = 0, code
  // 0), their tiles set once.
  s.nm = s.nt = 0;
  for (int j = 0; j < nd; ++j) {
    if (xd[j].nst <= 1) continue;
    s.mv[s.nm++] = j;
    if (!xd[j].spatial) s.temporal[s.nt++] = j;
  }
  // The MAC dims a moving TemporalMap changes.
  uint32_t moving_dims = 0;
  for (int i = 0; i < s.nt; ++i) moving_dims |= 1u << xd[s.temporal[i]].dim;
  s.n_var_mac_dims = s.n_fixed_mac_dims = 0;
  for (int i = 0; i < s.n_mac_dims; ++i) {
    const int d = s.mac_dims[i];
    if ((moving_dims >> d) & 1) {
      s.var_mac_dims[s.n_var_mac_dims++] = d;
    } else {
      s.fixed_mac_dims[s.n_fixed_mac_dims++] = d;
    }
  }
  for (int t = 0; t < 3; ++t) {
    s.n_var_nonsp[t] = s.n_fixed_nonsp[t] = 0;
    for (int i = 0; i < s.plan[t].nn; ++i) {
      const TDim& td = s.plan[t].nonsp[i];
      const Space& sp = s.space[t][td.d];
      if (((moving_dims >> td.d) & 1) || sp.residue ||
          (sp.window && ((moving_dims >> td.f) & 1))) {
        s.var_nonsp[t][s.n_var_nonsp[t]++] = td;
      } else {
        s.fixed_nonsp[t][s.n_fixed_nonsp[t]++] = td;
      }
    }
    s.on_sd[t] = 0;
    if (s.plan[t].nsd != 1) continue;
    const int d = s.plan[t].sd[0];
    for (int j = 0; j < nd; ++j) {
      if (xd[j].dim == d ||
          (s.space[t][d].window && xd[j].dim == FilterDim(d))) {
        s.on_sd[t] |= 1u << j;
      }
    }
  }
}

// The plan of level `li` for the directives `dirs` at sizes D, from the
// cache when an analysis of the level (in this run or an earlier one of the
// same layer) had the same key.
LevelPlan& PlanLevel(const LayerModel& lm, int li,
                     const std::array<int64_t, kNumDims>& D,
                     const Directives& dirs, ExactWorkspace& ws) {
  ExactWorkspace::PlanKey key;
  key.units = lm.levels[li].num_units;
  key.nd = dirs.nd;
  key.code.fill(0);
  key.dim.fill(0);
  key.spatial.fill(false);
  key.t.fill(0);
  key.o.fill(0);
  uint64_t hash = static_cast<uint64_t>(key.units) * 0x9E3779B97F4A7C15ull;
  auto mix = [&hash](uint64_t v) { hash = (hash ^ v) * 0x100000001B3ull; };
  for (int j = 0; j < dirs.nd; ++j) {
    const XDir& x = dirs.xd[j];
    key.code[j] = static_cast<uint8_t>(x.nst);
    key.dim[j] = static_cast<uint8_t>(x.dim);
    key.spatial[j] = x.spatial;
    key.t[j] = x.t;
    key.o[j] = x.o;
    mix(static_cast<uint64_t>(x.t) << 16 ^ static_cast<uint64_t>(x.o) << 8 ^
        static_cast<uint64_t>(x.dim) << 3 ^ (x.spatial ? 4u : 0u) ^
        static_cast<uint64_t>(x.nst));
  }
  key.r = D[kR];
  key.s = D[kS];
  key.y1 = D[kY] <= 1;
  key.x1 = D[kX] <= 1;
  mix(static_cast<uint64_t>(key.r) << 32 ^ static_cast<uint64_t>(key.s) << 2 ^
      (key.y1 ? 2u : 0u) ^ (key.x1 ? 1u : 0u));
  auto& slots = ws.plans[li];
  for (ExactWorkspace::CachedPlan& c : slots) {
    if (c.epoch == ws.plan_epoch && c.hash == hash && c.key == key) {
      return c.plan;
    }
  }
  int& next = ws.next_plan[li];
  ExactWorkspace::CachedPlan& c = slots[next];
  next = (next + 1) % ExactWorkspace::kPlansPerLevel;
  c.epoch = ws.plan_epoch;
  c.hash = hash;
  c.key = key;
  PlanSpaces(lm, D, dirs, c.plan);
  PlanTensors(lm, lm.levels[li].num_units, D, dirs, c.plan);
  PlanCases(dirs, c.plan);
  return c.plan;
}

// Phase 4b, per directive x over a dim of size Dd (cached per level and
// directive for the run, ExactWorkspace::classes): its states' classes.
//
// `canon`: tensor volumes are invariant under a common shift of a temporal
// map's current and previous tiles (lengths and overlaps are what count),
// so in the tensor keys a temporal map's code is replaced by the class of
// its (current length, previous start - current start, previous length):
// e.g. a sliding window's first and middle positions with the same
// previous relation share their volumes. SpatialMaps keep their codes.
//
// `occ`: which cases are alike. Per state, the occurrences a case at that
// state stands for, when the directive kept its position (`occ[0]`, it is
// before the one that advanced) and when it is the one that advanced
// (`occ[1]`; state 0 never is: 0). With `merge`, a state whose case is
// alike to the one at an earlier state (same tiles up to a common shift,
// so the same volumes, MACs, compute and sub-analyses) adds its
// occurrences to that state's and gets 0: its cases are skipped. Without
// `merge` every state stands for itself (the per-case statistics of
// AnalyzeLayer, whose floored and floating-point sums depend on the cases,
// see every case).
void ClassifyStates(const XDir& x, int64_t Dd, int64_t num_units, bool residues,
                    bool merge, ExactWorkspace::Classes& c) {
  static constexpr std::array<uint8_t, 12> kIdentity = {0, 1, 2, 3, 4,  5,
                                                        6, 7, 8, 9, 10, 11};
  struct Desc {
    int64_t len, shift, prev_len;
    bool operator==(const Desc& o) const {
      return len == o.len && shift == o.shift && prev_len == o.prev_len;
    }
  };
  auto& canon = c.canon;
  canon = kIdentity;
  if (x.nst <= 1) return;
  if (!x.spatial) {
    // Only the codes the case loop produces: no previous step (state 0),
    // same position (any state), one back (a state past the first), the
    // last position (state 0).
    static constexpr std::array<int, 7> kCodes = {0, 1, 3, 5, 6, 9, 10};
    std::array<Desc, 12> desc;
    for (int k : kCodes) {
      const int state = k / 4, r = k % 4;
      if (state >= x.nst) continue;
      const int64_t pc = x.Index(state);
      const int64_t pp = r == 1 ? pc : r == 2 ? pc - 1 : x.count - 1;
      const Seg a{pc * x.o, std::min(pc * x.o + x.t, Dd)};
      const Seg b{pp * x.o, std::min(pp * x.o + x.t, Dd)};
      desc[k] =
          r == 0 ? Desc{a.Len(), 0, -1} : Desc{a.Len(), b.lo - a.lo, b.Len()};
      for (int q : kCodes) {
        if (q == k) break;
        if (q / 4 < x.nst && desc[q] == desc[k]) {
          canon[k] = static_cast<uint8_t>(q);
          break;
        }
      }
    }
  }
  // A SpatialMap's fold is whole when all its units are active with uncut
  // tiles: every fold but the last, and the last when the units divide the
  // positions and the last tile ends at the dim's end.
  const bool last_whole = x.P % num_units == 0 && (x.P - 1) * x.o + x.t <= Dd;
  for (int r = 0; r < 2; ++r) {
    // The class of state st: a temporal map's shift class; a SpatialMap's
    // whole folds are alike (the units' tiles, now and in the previous
    // step, are the same up to a shift; not with residues).
    auto key = [&](int st) -> int {
      if (!x.spatial) return canon[st * 4 + 1 + r];
      const bool whole = x.Index(st) < x.count - 1 || last_whole;
      return whole && !residues ? -1 : st;
    };
    std::array<int64_t, 3>& occ = c.occ[r];
    for (int st = 0; st < x.nst; ++st) {
      occ[st] = r == 1 && st == 0 ? 0 : x.Occ(st);
      if (!merge) continue;
      for (int q = r; q < st; ++q) {
        if (key(q) == key(st)) {
          occ[q] += occ[st];
          occ[st] = 0;
          break;
        }
      }
    }
  }
}

struct Group {
  std::array<int64_t, 2> len;
  int64_t count;
};
struct SpInfo {
  int64_t ucur, uprev;
  int nreps, ng;
  std::array<URun, 10> reps;
  int64_t s_macs, s_psum;  // sum over units / max of the spatial tiles
  std::array<Group, 8> groups;
};
// Phase 5 (per case, memoised by the SpatialMaps' states): the units
// active now and in the previous step, the runs of alike units, the MACs of
// the units' spatial tiles and the groups of sub-level sizes.
void UnitRuns(const Directives& dirs, int64_t N,
              const std::array<int64_t, kNumDims>& D,
              const std::array<int64_t, kMaxDirectives>& cur,
              const std::array<int64_t, kMaxDirectives>& prev, bool has_prev,
              SpInfo& si) {
  const auto& xd = dirs.xd;
  const auto& sp = dirs.sp;
  const auto& ns = dirs.ns;
  std::array<int64_t, 3 + 4 * 2> breaks;
  int64_t ucur = N, uprev = has_prev ? N : 0;
  for (int k = 0; k < ns; ++k) {
    const XDir& x = xd[sp[k]];
    ucur = std::min(ucur, x.P - cur[sp[k]] * N);
    if (has_prev) uprev = std::min(uprev, x.P - prev[sp[k]] * N);
  }
  uprev = std::max<int64_t>(uprev, 0);
  si.ucur = ucur;
  si.uprev = uprev;
  // Units differ only where a tile is cut by the end of its dim (the
  // last position, now or in the previous step) or where the previous
  // step's active units end: between such breaks all units have the
  // same tiles up to a shift, hence the same volumes.
  // (Only the breaks inside (0, ucur) cut a run: the others are left out.)
  int nb = 0;
  breaks[nb++] = 0;
  auto add = [&](int64_t b) {
    if (b > 0 && b < ucur) breaks[nb++] = b;
  };
  add(uprev);
  for (int k = 0; k < ns; ++k) {
    const XDir& x = xd[sp[k]];
    add(x.P - 1 - cur[sp[k]] * N);
    add(x.P - cur[sp[k]] * N);
    if (has_prev) {
      add(x.P - 1 - prev[sp[k]] * N);
      add(x.P - prev[sp[k]] * N);
    }
  }
  for (int i = 2; i < nb; ++i) {  // insertion sort (at most 10)
    const int64_t v = breaks[i];
    int k = i;
    for (; k > 1 && breaks[k - 1] > v; --k) breaks[k] = breaks[k - 1];
    breaks[k] = v;
  }
  breaks[nb++] = ucur;
  si.nreps = 0;
  for (int i = 0; i + 1 < nb; ++i) {
    const int64_t lo = std::max<int64_t>(breaks[i], 0);
    const int64_t hi = std::min(breaks[i + 1], ucur);
    if (lo < hi) si.reps[si.nreps++] = {lo, hi - lo};
  }
  // MACs of the spatial tiles (times the common part below), one
  // unit's most, sub-level sizes (grouped).
  si.s_macs = si.s_psum = 0;
  si.ng = 0;
  for (int i = 0; i < si.nreps; ++i) {
    const auto [u, n] = si.reps[i];
    std::array<int64_t, 2> len{1, 1};
    int64_t m = 1;
    for (int k = 0; k < ns; ++k) {
      const XDir& x = xd[sp[k]];
      const int64_t p = (cur[sp[k]] * N + u) * x.o;
      len[k] = Seg{p, std::min(p + x.t, D[x.dim])}.Len();
      m *= len[k];
    }
    si.s_macs += n * m;
    si.s_psum = std::max(si.s_psum, m);
    int g = 0;
    while (g < si.ng && si.groups[g].len != len) ++g;
    if (g == si.ng) si.groups[si.ng++] = {len, 0};
    si.groups[g].count += n;
  }
}

}  // namespace

ExactAnalyzer::ExactAnalyzer(const LayerModel& lm, const Hardware& hw,
                             ExactWorkspace* ws)
    : lm_(lm),
      hw_(hw),
      own_(ws != nullptr ? nullptr : std::make_unique<ExactWorkspace>()),
      ws_(ws != nullptr ? *ws : *own_) {
  ws_.memo.clear();
  ws_.memo.reserve(16);
  ws_.book.Begin(static_cast<int>(lm.levels.size()));
  if (ws_.tables.size() < lm.levels.size()) {
    ws_.tables.resize(lm.levels.size());  // value-initialised: epoch 0
    ws_.fill.resize(lm.levels.size());
    ws_.classes.resize(lm.levels.size());
    ws_.plans.resize(lm.levels.size());
    ws_.cases.resize(lm.levels.size());
    ws_.next_plan.resize(lm.levels.size());
  }
  ws_.run_epoch = ++ws_.epoch;
  for (std::array<int, 3>& f : ws_.fill) f = {0, 0, 0};
  ExactWorkspace::PlanLayer layer;
  layer.overlap = lm.overlap;
  layer.stride_y = lm.stride_y;
  layer.stride_x = lm.stride_x;
  for (int t = 0; t < 3; ++t) {
    const TensorInfo& ti = lm.tensors[t];
    layer.tensors[t][0] = ti.num_dims;
    for (int i = 0; i < ti.num_dims; ++i) layer.tensors[t][i + 1] = ti.dims[i];
  }
  if (ws_.plan_epoch == 0 || !(layer == ws_.plan_layer)) {
    ws_.plan_layer = layer;
    ws_.plan_epoch = ++ws_.epoch;
  }
}

const LevelResult& ExactAnalyzer::Run() {
  const int top = Analyze(0, lm_.xfull);
  // The delays of every analysis in memo order (post-order: the ones a
  // case's compute delay comes from first).
  const CostRule rule = CostRuleOf(hw_, /*free_empty=*/true);
  for (int a = 0; a < ws_.book.num_analyses(); ++a) {
    CostAnalysis(ws_.book, a, rule, ws_.statistics, ws_.memo[a].result);
  }
  return ws_.memo[top].result;
}

int ExactAnalyzer::Analyze(int li, const std::array<int64_t, kNumDims>& D) {
  uint64_t hash = static_cast<uint64_t>(li) * 0x9E3779B97F4A7C15ull;
  for (int64_t v : D)
    hash = (hash ^ static_cast<uint64_t>(v)) * 0x100000001B3ull;
  auto& memo = ws_.memo;
  // The run's index of the memo (open addressing; the entries past
  // kIndexed are scanned).
  constexpr int kBits = ExactWorkspace::kIndexBits;
  constexpr size_t kIndexed = size_t{1} << (kBits - 1);
  auto& index = ws_.memo_index;
  size_t h = hash >> (64 - kBits);
  for (;; h = (h + 1) & ((size_t{1} << kBits) - 1)) {
    const ExactWorkspace::IndexSlot& s = index[h];
    if (s.epoch != ws_.run_epoch) break;
    const ExactWorkspace::Entry& e = memo[s.entry];
    if (e.hash == hash && e.level == li && e.dims == D) return s.entry;
  }
  for (size_t i = kIndexed; i < memo.size(); ++i) {
    if (memo[i].hash == hash && memo[i].level == li && memo[i].dims == D) {
      return static_cast<int>(i);
    }
  }
  const Level& L = lm_.levels[li];
  const bool top = li == 0;
  const bool leaf = li + 1 == static_cast<int>(lm_.levels.size());
  const int64_t N = L.num_units;

  Directives dirs;
  PlanDirectives(L, D, dirs);
  LevelPlan& S = PlanLevel(lm_, li, D, dirs, ws_);
  // The directives' state classes, from the run's cache when the directive
  // was classified for the same dim size (e.g. by the analysis of another
  // tile of another dim).
  const bool residues = S.residue_passes[0] > 1;
  // (Only the moving directives' are read: the others keep state 0.) The
  // last two dim sizes of each directive are kept.
  std::array<const ExactWorkspace::Classes*, kMaxDirectives> cls;
  for (int i = 0; i < S.nm; ++i) {
    const int j = S.mv[i];
    const XDir& x = dirs.xd[j];
    auto& slots = ws_.classes[li][j];
    auto valid = [&](const ExactWorkspace::CachedClasses& cc) {
      return cc.epoch == ws_.run_epoch && cc.dim_size == D[x.dim] &&
             cc.residues == residues;
    };
    if (valid(slots[0])) {
      cls[j] = &slots[0].classes;
    } else if (valid(slots[1])) {
      cls[j] = &slots[1].classes;
    } else {
      slots[1] = slots[0];
      ExactWorkspace::CachedClasses& cc = slots[0];
      ClassifyStates(x, D[x.dim], N, residues, /*merge=*/!ws_.statistics,
                     cc.classes);
      cc.epoch = ws_.run_epoch;
      cc.dim_size = D[x.dim];
      cc.residues = residues;
      cls[j] = &cc.classes;
    }
  }
  // Named references, not a structured binding: clang 14 (the fuzz
  // build) cannot capture structured bindings in lambdas.
  const auto& xd = dirs.xd;
  const auto& nd = dirs.nd;
  const auto& sp = dirs.sp;
  const auto& ns = dirs.ns;
  const auto& sp_of = dirs.sp_of;
  auto& space = S.space;
  const auto& residue_passes = S.residue_passes;
  const auto& plan = S.plan;
  const int64_t num_cases = S.num_cases;
  const auto& mv = S.mv;
  const auto& temporal = S.temporal;
  const int nm = S.nm, nt = S.nt;
  const auto& on_sd = S.on_sd;
  auto fdim = [](int d) { return FilterDim(d); };
  // A tensor's volumes in a case depend only on the position of its
  // relevant directives and, per directive, whether its previous position
  // is the same, one back or the last: cases that agree on these share the
  // volumes (e.g. the input in cases differing only in the K position).
  // They are memoised per tensor in small open-addressing tables, per
  // analysis with statistics (AnalyzeLayer, the reference) and else shared
  // by the level's analyses, keyed also by the dim sizes the volumes
  // depend on (TPlan::context_dims): analyses passed sizes that differ only in
  // dims a tensor does not index share its volumes (e.g. the input's
  // between K tiles). (Entries of an earlier analysis or run carry an older
  // epoch: no clearing.)
  using TEntry = ExactWorkspace::VolumeEntry;
  constexpr int kTableBits = ExactWorkspace::kTableBits;
  const bool shared = !ws_.statistics;
  int table_bits = shared ? kTableBits : 2;
  while (table_bits < kTableBits && (int64_t{1} << table_bits) < 2 * num_cases)
    ++table_bits;
  const int table_size = 1 << table_bits;
  ExactWorkspace::VolumeTables& table = ws_.tables[li];
  const uint64_t epoch = shared ? ws_.run_epoch : ++ws_.epoch;
  std::array<int, 3> own_fill{};
  const uint64_t unique = uint64_t{1} << 63 | ++ws_.epoch;
  std::array<uint64_t, 3> context;  // TPlan::context_dims' sizes
  for (int t = 0; t < 3; ++t) {
    context[t] =
        PackSizes(plan[t].context_dims, plan[t].context_width, D, unique);
  }
  std::array<int, 3>& table_fill = shared ? ws_.fill[li] : own_fill;

  std::vector<Seg>& segs = ws_.segs;
  std::vector<Seg>& pieces = ws_.pieces;
  std::vector<Seg>& rpieces = ws_.rpieces;
  LevelResult res;
  // (Arrays indexed by directive are set for the first `nd` only.)
  std::array<int64_t, kMaxDirectives> cur, prev;
  for (int j = 0; j < nd; ++j) {
    cur[j] = prev[j] = 0;
  }
  std::array<Seg, kNumDims> A, B;
  // Dims without a temporal map keep their whole extent.
  for (int d = 0; d < kNumDims; ++d) A[d] = B[d] = {0, D[d]};
  for (int j = 0; j < nd; ++j) {
    const XDir& x = xd[j];
    if (x.nst <= 1 && !x.spatial) {
      A[x.dim] = B[x.dim] = {0, std::min(x.t, D[x.dim])};
    }
  }
  std::array<uint32_t, kMaxDirectives> code;
  for (int j = 0; j < nd; ++j) code[j] = 0;
  // The MAC dims no moving TemporalMap changes: their product once.
  int64_t fixed_macs = 1;
  for (int i = 0; i < S.n_fixed_mac_dims; ++i) {
    fixed_macs *= A[S.fixed_mac_dims[i]].Len();
  }
  const auto& var_mac_dims = S.var_mac_dims;
  // Per tensor the product of its tiles that no case changes (the same in
  // the previous step).
  std::array<int64_t, 3> fixed_common;
  for (int t = 0; t < 3; ++t) {
    fixed_common[t] = 1;
    for (int i = 0; i < S.n_fixed_nonsp[t]; ++i) {
      const TDim& td = S.fixed_nonsp[t][i];
      const Space& sp = space[t][td.d];
      fixed_common[t] *= sp.w * sp.Map(A[td.d], A[td.f]).Len();
    }
  }
  const int n_var_mac_dims = S.n_var_mac_dims;
  // Units with identical tiles are evaluated once: a case's runs of alike
  // units (`reps`: first unit, length), the units active now and in the
  // previous step, the MACs of the units' spatial tiles and the groups of
  // sub-level sizes depend only on the SpatialMaps' positions (and whether
  // each one's previous position is the same, one back or the last): they
  // are computed once per such key (`SpInfo`) and shared by the cases.
  constexpr int kSpPool = 16;
  std::array<SpInfo, kSpPool + 1> sp_pool;  // the last one is scratch
  int sp_used = 0;
  std::array<int8_t, 2 * 12 * 12> sp_slot;
  const int sp_keys = ns == 0 ? 2 : ns == 1 ? 24 : 288;
  for (int i = 0; i < sp_keys; ++i) sp_slot[i] = -1;
  // The last sub-analysis looked up (consecutive cases often pass the same
  // sizes).
  std::array<int64_t, kNumDims> last_sub;
  int last_idx = -1;

  // The cases with occurrences in the counters' order (the innermost moving
  // directive fastest): the first step, then per moving directive i and
  // state s > 0 the case it advanced into (the later ones at their first
  // state) and the cases a later one advanced into. A directive before the
  // one that advanced counts occ[0] of its state, that one occ[1]: a
  // factor 0 is a case alike to an earlier one, counted there, skipped.
  // Each case: its states (2 bits per moving directive), the directive
  // `c` that advanced into it (the innermost one not at its first state;
  // -1 in the first step: the ones before it kept their positions, the
  // ones after it came back from their last) and its occurrences.
  std::vector<ExactWorkspace::CaseState>& cases = ws_.cases[li];
  cases.clear();
  cases.push_back({0, -1, 1});
  auto visit = [&](auto& self, int i, uint64_t states, int64_t acc) -> void {
    const int j = mv[i];
    const auto& o = cls[j]->occ;
    for (int s = 0; s < xd[j].nst; ++s) {
      const uint64_t st = states | static_cast<uint64_t>(s) << (2 * i);
      if (s > 0 && o[1][s] != 0) cases.push_back({st, j, acc * o[1][s]});
      if (i + 1 < nm && o[0][s] != 0) self(self, i + 1, st, acc * o[0][s]);
    }
  };
  if (nm > 0) visit(visit, 0, 0, 1);
  for (const ExactWorkspace::CaseState& cs : cases) {
    const int c = cs.c;
    const int64_t occ = cs.occ;
    const bool has_prev = c >= 0;
    // Per directive: its state, its position now and in the previous step
    // and how they relate (0 no previous step, 1 same, 2 one back, 3 the
    // last).
    uint32_t changed = 0;  // directives whose position changed
    for (int i = 0; i < nm; ++i) {
      const int j = mv[i];
      const int state = static_cast<int>((cs.states >> (2 * i)) & 3);
      cur[j] = xd[j].Index(state);
      prev[j] = j < c ? cur[j] : j == c ? cur[j] - 1 : xd[j].count - 1;
      if (prev[j] != cur[j]) changed |= 1u << j;
      code[j] = static_cast<uint32_t>(state) * 4 + (!has_prev ? 0
                                                    : j < c   ? 1
                                                    : j == c  ? 2
                                                              : 3);
    }
    for (int i = 0; i < nt; ++i) {
      const XDir& x = xd[temporal[i]];
      const int64_t Dd = D[x.dim];
      const int64_t pc = cur[temporal[i]] * x.o, pp = prev[temporal[i]] * x.o;
      A[x.dim] = {pc, std::min(pc + x.t, Dd)};
      B[x.dim] = {pp, std::min(pp + x.t, Dd)};
    }
    int sp_key = 0;
    for (int k = 0; k < ns; ++k) {
      const int j = sp[k];
      sp_key = sp_key * 12 + static_cast<int>(code[j]);
    }
    sp_key = sp_key * 2 + (has_prev ? 1 : 0);
    const bool sp_known = sp_slot[sp_key] >= 0;
    SpInfo& si = sp_known            ? sp_pool[sp_slot[sp_key]]
                 : sp_used < kSpPool ? sp_pool[sp_used]
                                     : sp_pool[kSpPool];
    if (!sp_known) {
      UnitRuns(dirs, N, D, cur, prev, has_prev, si);
      if (sp_used < kSpPool) sp_slot[sp_key] = static_cast<int8_t>(sp_used++);
    }
    const int64_t ucur = si.ucur, uprev = si.uprev;
    auto reps = [&]() {
      return std::span<const URun>(si.reps.data(), si.nreps);
    };
    // Per spatial slot k, where unit 0's tile starts now and in the
    // previous step: unit u's starts u offsets further.
    struct USlot {
      int64_t cur0, prev0, o, t, end;
    };
    std::array<USlot, 2> us;
    for (int k = 0; k < ns; ++k) {
      const XDir& x = xd[sp[k]];
      us[k] = {cur[sp[k]] * N * x.o, prev[sp[k]] * N * x.o, x.o, x.t, D[x.dim]};
    }
    // Segment of unit u along spatial slot k (empty if it was idle).
    auto useg = [&](int64_t u, int k, bool previous) -> Seg {
      const USlot& x = us[k];
      if (previous && u >= uprev) return {0, 0};
      const int64_t p = (previous ? x.prev0 : x.cur0) + u * x.o;
      return {p, std::min(p + x.t, x.end)};
    };
    auto seg_of = [&](int64_t u, int d, bool previous) -> Seg {
      const int k = sp_of[d];
      if (k < 0) return previous ? B[d] : A[d];
      return useg(u, k, previous);
    };
    // Segment of tensor t along its dim d (input rows from Y and R).
    auto tseg = [&](int t, int64_t u, int d, bool previous) -> Seg {
      const Space& s = space[t][d];
      return s.Map(seg_of(u, d, previous),
                   s.window ? seg_of(u, fdim(d), previous) : Seg{});
    };

    int64_t base_macs = fixed_macs;
    for (int i = 0; i < n_var_mac_dims; ++i) {
      base_macs *= A[var_mac_dims[i]].Len();
    }
    int64_t macs = base_macs * si.s_macs;
    const int64_t psum_max = base_macs * si.s_psum;
    const int ng = si.ng;
    const std::array<Group, 8>& groups = si.groups;

    int64_t ta_cur = 0, tab_cur = 0;  // non-spatial parts (set per tensor)
    // Union length of the mapped tiles of units [from, ucur) along `d`:
    // their ends never decrease with u, so each unit adds what reaches past
    // its predecessor's end, the same for every unit inside a run.
    auto chain_union = [&](int t, int d, int64_t from) {
      int64_t total = 0;
      auto term = [&](int64_t u) {
        const Seg a = tseg(t, u, d, false);
        if (u - 1 < from) return a.Len();
        const Seg p = tseg(t, u - 1, d, false);
        return std::max<int64_t>(0, a.hi - std::max(a.lo, p.hi));
      };
      for (const auto& [u, n] : reps()) {
        if (u < from) continue;
        total += term(u);
        if (n > 1) total += (n - 1) * term(u + 1);
      }
      return total;
    };
    // Ingress of a tensor spatially mapped along `d` with overlapping unit
    // tiles, without a per-unit walk, when the units' previous tiles are
    // either their current ones (the spatial map did not move: only units
    // idle in the previous step receive new data) or disjoint from them.
    auto CompressedOverlap = [&](int t, int d, int64_t& in, int64_t& wr,
                                 int64_t& nd_max) {
      const Space& s = space[t][d];
      // Whether the units' tiles along d (= sd[0]) moved (a map on d, or on
      // the filter dim of an input window, changed position).
      const bool moved = has_prev && (changed & on_sd[t]) != 0;
      int64_t ov_sum = 0, a_max = 0;
      std::array<int64_t, 3> tmp{};
      for (const auto& [u, n] : reps()) {
        const Seg a = tseg(t, u, d, false);
        const int64_t ov = Isect(a, tseg(t, u, d, true)).Len();
        ov_sum += n * ov;
        tmp[0] += n * s.w * (a.Len() * ta_cur - ov * tab_cur);
        a_max = std::max(a_max, s.w * a.Len() * ta_cur);
      }
      if (moved && ov_sum > 0) return false;  // a unit reuses its own tile
      const int64_t un = s.w * chain_union(t, d, 0);
      if (t == 2) {
        in = un * ta_cur;
      } else {
        const int64_t x =
            moved || !has_prev ? un : s.w * chain_union(t, d, uprev);
        in = un * ta_cur - (un - x) * tab_cur;
      }
      wr = tmp[0];
      nd_max = a_max;
      return true;
    };

    // Volumes of tensor t in this case (one residue at a time for a dim
    // in residue mode; `need` then recomputed over all residues).
    auto volumes = [&](int t, int64_t& in, int64_t& wr, int64_t& nd_max) {
      const TPlan& pl = plan[t];
      in = wr = nd_max = 0;
      int64_t ta = fixed_common[t], tab = has_prev ? fixed_common[t] : 0;
      const int nsd = pl.nsd;
      const int* sd = pl.sd.data();
      for (int i = 0; i < S.n_var_nonsp[t]; ++i) {
        const TDim& td = S.var_nonsp[t][i];
        const Space& sp = space[t][td.d];
        const Seg a = sp.Map(A[td.d], A[td.f]);
        ta *= sp.w * a.Len();
        if (has_prev) tab *= sp.w * Isect(a, sp.Map(B[td.d], B[td.f])).Len();
      }
      ta_cur = ta;
      tab_cur = tab;
      const int64_t both = std::min(ucur, uprev), fresh = ucur - both;
      if (nsd == 0) {
        in = t == 2 ? ta : (fresh > 0 ? ta : ta - tab);
        wr = both * (ta - tab) + fresh * ta;
        nd_max = ta;
      } else if (pl.disjoint) {
        // Unit tiles do not overlap: the union is the sum over units.
        const Space& s = space[t][sd[0]];
        int64_t sum_a = 0;
        for (const auto& [u, n] : reps()) {
          const Seg a = tseg(t, u, sd[0], false);
          const Seg b = tseg(t, u, sd[0], true);
          sum_a += n * s.w * a.Len() * ta;
          wr += n * s.w * (a.Len() * ta - Isect(a, b).Len() * tab);
          nd_max = std::max(nd_max, s.w * a.Len() * ta);
        }
        in = t == 2 ? sum_a : wr;
      } else if (nsd == 1 && !space[t][sd[0]].residue &&
                 CompressedOverlap(t, sd[0], in, wr, nd_max)) {
        // (unit tiles overlap; evaluated per run of alike units)
      } else if (nsd == 1) {
        const Space& s = space[t][sd[0]];
        segs.clear();
        pieces.clear();
        rpieces.clear();
        for (int64_t u = 0; u < ucur; ++u) {
          const Seg a = tseg(t, u, sd[0], false);
          const Seg b = tseg(t, u, sd[0], true);
          segs.push_back(a);
          const int64_t ov = Isect(a, b).Len();
          // a \ b: a left piece (in `pieces`) and a right one (`rpieces`);
          // each list is in position order.
          if (b.Len() == 0 || ov == 0) {
            pieces.push_back(a);
          } else {
            pieces.push_back({a.lo, std::min(a.hi, b.lo)});
            rpieces.push_back({std::max(a.lo, b.hi), a.hi});
          }
          wr += s.w * (a.Len() * ta - (u < uprev ? ov * tab : 0));
          nd_max = std::max(nd_max, s.w * a.Len() * ta);
        }
        const int64_t un = s.w * UnionLen(segs);
        if (t == 2) {
          in = un * ta;
        } else {
          if (!SortedByLo(pieces) || !SortedByLo(rpieces)) {
            pieces.insert(pieces.end(), rpieces.begin(), rpieces.end());
            rpieces.clear();
            UnionLen(pieces);  // sorts
          }
          const int64_t x = s.w * UnionLen2(pieces, rpieces);
          in = un * ta - (un - x) * tab;
        }
      } else {
        for (const auto& [u, n] : reps()) {
          int64_t a = ta, ab = u < uprev ? tab : 0;
          for (int k = 0; k < nsd; ++k) {
            const Space& s = space[t][sd[k]];
            const Seg sa = tseg(t, u, sd[k], false);
            a *= s.w * sa.Len();
            ab *= s.w * Isect(sa, tseg(t, u, sd[k], true)).Len();
          }
          in += n * (t == 2 ? a : a - ab);
          wr += n * (a - ab);
          nd_max = std::max(nd_max, a);
        }
      }
    };
    // The most elements of tensor t one unit needs (all residues).
    auto residue_need = [&](int t) {
      const TPlan& pl = plan[t];
      int64_t common = 1;
      for (int i = 0; i < pl.nn; ++i) {
        const TDim& td = pl.nonsp[i];
        common *= space[t][td.d].Count(A[td.d], A[td.f]);
      }
      int64_t most = pl.nsd == 0 ? common : 0;
      for (int64_t u = 0; u < ucur && pl.nsd > 0; ++u) {
        int64_t v = common;
        for (int k = 0; k < pl.nsd; ++k) {
          const int d = pl.sd[k];
          Space& sp = space[t][d];
          v *= sp.Count(seg_of(u, d, false),
                        sp.window ? seg_of(u, fdim(d), false) : Seg{});
        }
        most = std::max(most, v);
      }
      return most;
    };

    // Ingress of input and filter, writes into the sub-units, needs.
    std::array<int64_t, 2> ing{}, writes{};
    std::array<int64_t, 3> need{};
    int64_t egr = 0;
    for (int t = 0; t < 3; ++t) {
      const TPlan& pl = plan[t];
      int64_t in = 0, wr = 0, nd_max = 0;
      const bool memo = pl.nrel <= (pl.units_key ? 9 : 15);
      uint64_t key = 0;
      TEntry* slot = nullptr;
      if (memo) {
        key = has_prev ? 1 : 0;
        for (int i = 0; i < pl.nrel; ++i) {
          const int j = pl.rel[i];
          key |= static_cast<uint64_t>(cls[j]->canon[code[j]]) << (1 + 4 * i);
        }
        if (pl.units_key) {
          key |= static_cast<uint64_t>(ucur) << 37 |
                 static_cast<uint64_t>(uprev) << 49;
        }
        const uint64_t ctx = context[t];
        uint64_t h = ((key ^ ctx) * 0x9E3779B97F4A7C15ull) >> (64 - table_bits);
        while (true) {
          TEntry& e = table[t][h];
          if (e.epoch != epoch || (e.key == key && e.context == ctx)) {
            slot = &e;
            break;
          }
          h = (h + 1) & (table_size - 1);
        }
      }
      if (slot != nullptr && slot->epoch == epoch && slot->key == key &&
          slot->context == context[t]) {
        in = slot->in;
        wr = slot->wr;
        nd_max = slot->need;
      } else {
        if (residue_passes[t] == 1) {
          volumes(t, in, wr, nd_max);
        } else {
          const int64_t ny = space[t][kY].residue ? space[t][kY].st : 1;
          for (int64_t q = 0; q < residue_passes[t]; ++q) {
            space[t][kY].rho = q % ny;
            space[t][kX].rho = q / ny;
            int64_t i1, w1, n1;
            volumes(t, i1, w1, n1);
            in += i1;
            wr += w1;
          }
          space[t][kY].rho = space[t][kX].rho = 0;
          nd_max = residue_need(t);
        }
        if (slot != nullptr && table_fill[t] < table_size / 2) {
          *slot = {key, context[t], epoch, in, wr, nd_max};
          ++table_fill[t];
        }
      }
      need[t] = nd_max;
      if (t < 2) {
        ing[t] = in;
        writes[t] = wr;
      } else {
        egr = in;  // outputs go up every step (spatial reduction: once)
      }
    }

    int64_t comp = 0;
    double active = 0;
    std::array<int32_t, 8> subs;  // the compute delay: the largest runtime
    int nsubs = 0;
    if (leaf) {
      comp = (psum_max + hw_.simd_lanes - 1) / hw_.simd_lanes;
      active = static_cast<double>(ucur);
      for (int t = 0; t < 3; ++t)
        res.pe_need[t] = std::max(res.pe_need[t], need[t]);
    } else {
      writes = {0, 0};
      std::array<int64_t, kNumDims> sub;
      for (int g = 0; g < ng; ++g) {
        for (int d = 0; d < kNumDims; ++d)
          sub[d] = std::max<int64_t>(A[d].Len(), 1);
        for (int k = 0; k < ns; ++k) sub[xd[sp[k]].dim] = groups[g].len[k];
        if (last_idx < 0 || sub != last_sub) {
          last_idx = Analyze(li + 1, sub);
          last_sub = sub;
        }
        const LevelResult& sr = memo[last_idx].result;
        subs[nsubs++] = last_idx;
        if (g == 0) macs = 0;  // the MACs the level below really does
        macs += sr.macs * groups[g].count;
        active += sr.AvgActive() * groups[g].count;
        writes[0] += sr.pe_writes[0] * groups[g].count;
        writes[1] += sr.pe_writes[1] * groups[g].count;
        for (int t = 0; t < 3; ++t)
          res.pe_need[t] = std::max(res.pe_need[t], sr.pe_need[t]);
      }
    }
    CaseRecord cr;
    cr.occ = occ;
    cr.ingress = ing[0] + ing[1];
    cr.egress = egr;
    cr.compute = comp;
    cr.active = active;
    cr.all_init = !has_prev;
    ws_.book.Record(li, cr, std::span(subs.data(), nsubs), ws_.statistics, res);
    res.macs += occ * macs;
    res.ingress[0] += occ * ing[0];
    res.ingress[1] += occ * ing[1];
    res.egress += occ * egr;
    res.pe_writes[0] += occ * writes[0];
    res.pe_writes[1] += occ * writes[1];
    res.l2_req[0] = std::max(res.l2_req[0], 2 * ing[0]);
    res.l2_req[1] = std::max(res.l2_req[1], 2 * ing[1]);
    res.l2_req[2] = std::max(res.l2_req[2], 2 * egr);
  }
  res.macs_all = res.macs;
  for (int t = 0; t < 3; ++t) res.l1_req[t] = 2 * res.pe_need[t];

  // The off-chip floor of every case uses the final L2 needs.
  if (top) ws_.book.SetFloorNeeds(li, res.l2_req);
  ws_.book.Commit(li, top);  // analysis memo.size()
  ExactWorkspace::Entry& e = memo.emplace_back();
  e.level = li;
  e.hash = hash;
  e.dims = D;
  e.result = res;
  const int entry = static_cast<int>(memo.size()) - 1;
  if (memo.size() <= kIndexed) {
    // (Sub-analyses may have taken the slot found above: probe again.)
    size_t g = hash >> (64 - kBits);
    while (index[g].epoch == ws_.run_epoch) {
      g = (g + 1) & ((size_t{1} << kBits) - 1);
    }
    index[g] = {ws_.run_epoch, entry};
  }
  return entry;
}

}  // namespace maestro::engine
