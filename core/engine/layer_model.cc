#include "core/engine/layer_model.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"

namespace maestro::engine {
namespace {

constexpr int kY = DimIndex(Dim::kY), kX = DimIndex(Dim::kX);
constexpr int kR = DimIndex(Dim::kR), kS = DimIndex(Dim::kS);

// The filter dim sliding over a Y/X dim, or -1.
int SlideOf(int d) { return d == kY ? kR : d == kX ? kS : -1; }

TensorInfo MakeTensor(const std::vector<Dim>& dims, const Layer& layer,
                      bool batch) {
  TensorInfo t;
  for (Dim d : dims) {
    if (d == Dim::kN && !batch) continue;
    int i = DimIndex(d);
    if (d == Dim::kYo) i = kY;
    if (d == Dim::kXo) i = kX;
    if (!layer.Has(static_cast<Dim>(i))) continue;
    t.dims[t.num_dims++] = i;
    t.mask |= DimBit(i);
  }
  return t;
}

// Exact semantics: directives the loop nest ignores (LevelDirective::xskip).
void MarkExactSkips(const LayerModel& lm, Level& L) {
  if (lm.overlap) {
    for (auto [v, f] : {std::pair{kY, kR}, std::pair{kX, kS}}) {
      const int jy = L.first_dir[v], jf = L.first_dir[f];
      if (jy < 0 || jf < 0) continue;
      LevelDirective& y = L.dirs[jy];
      const LevelDirective& r = L.dirs[jf];
      if (!y.xout && y.spatial && r.spatial && y.size < lm.full[f] &&
          y.size == r.size && y.offset == r.offset) {
        y.xskip = true;  // row-stationary pair: filter rows over the units
      }
    }
  }
  for (int j = 0; j < L.num_dirs; ++j) {
    LevelDirective& x = L.dirs[j];
    if (L.first_dir[x.dim] == j) continue;  // no earlier map on its dim
    for (int i = 0; i < j; ++i) {
      const LevelDirective& e = L.dirs[i];
      if (e.dim != x.dim || e.xskip) continue;
      if (x.xsize >= e.xsize) x.xskip = true;  // one position inside e
      break;
    }
  }
}

// Whether the exact loop-nest analysis covers level `L` (docs/cost-model.md,
// "Exact semantics"): one directive per dim (after dropping the nested
// ones), Y/X tiles of at least one output, a second SpatialMap only beside
// one on a dim whose unit tiles are disjoint, or beside one with a single
// position (only the first unit works). `extent`: the most the level sees
// of each dim.
void CheckExact(const Level& L, const std::array<int64_t, kNumDims>& extent,
                LayerModel& lm) {
  if (!lm.exact_ok) return;
  auto no = [&](std::string why) {
    lm.exact_ok = false;
    lm.exact_why = std::move(why);
  };
  auto name = [](int d) { return DimName(static_cast<Dim>(d)); };
  std::array<int, kNumDims> count{};
  int spatial = 0;
  bool disjoint_spatial = false, sliding_spatial = false, single = false;
  for (int j = 0; j < L.num_dirs; ++j) {
    const LevelDirective& x = L.dirs[j];
    if (x.xskip) continue;
    if (++count[x.dim] > 1) {
      return no(absl::StrCat("two maps on ", name(x.dim), " at one level"));
    }
    if (x.xsize < 1 || x.xoffset < 1) {
      return no(absl::StrCat("a ", name(x.dim), " tile of no output"));
    }
    if (!x.spatial) continue;
    ++spatial;
    single = single || x.xsize >= extent[x.dim];
    // Y/X windows slide; so do R/S (a unit's filter rows shift its input
    // rows): neither has disjoint unit tiles in the input.
    const bool yx = lm.overlap &&
                    (x.dim == kY || x.dim == kX ||
                     ((x.dim == kR || x.dim == kS) && x.size < lm.full[x.dim]));
    sliding_spatial = sliding_spatial || yx;
    disjoint_spatial = disjoint_spatial || (!yx && x.xoffset >= x.xsize);
  }
  // Over one unit, SpatialMaps are loops over folds of one position, like
  // TemporalMaps (ExactAnalyzer reads them so when there are two).
  if (L.num_units == 1 || (spatial == 2 && single)) return;
  if (spatial > 2) return no("more than two SpatialMaps at one level");
  if (spatial == 2 && !disjoint_spatial) {
    return no(sliding_spatial ? "two SpatialMaps on sliding dims (Y/X/R/S)"
                              : "two SpatialMaps with overlapping unit tiles");
  }
}

absl::Status Error(int level, const std::string& what) {
  return absl::InvalidArgumentError(
      absl::StrCat("cluster level ", level, ": ", what));
}

// The directive of map `m` of a level with maps `maps`; a Y'/X' map
// becomes Y/X (size + this level's R/S tile - 1).
LevelDirective MapDirective(const Layer& layer, bool overlap,
                            std::span<const Map> maps, const Map& m) {
  const IterationTile it = IterationTileOf(layer, m);
  LevelDirective x{m.spatial(),     m.size,  m.offset,
                   DimIndex(m.dim), it.size, it.offset};
  x.xout = !overlap || (m.dim != Dim::kY && m.dim != Dim::kX);
  if (m.dim == Dim::kYo || m.dim == Dim::kXo) {
    Dim in = m.dim == Dim::kYo ? Dim::kY : Dim::kX;
    Dim f = m.dim == Dim::kYo ? Dim::kR : Dim::kS;
    int64_t fs = layer.GetOr1(f);
    for (const Map& o : maps) {
      if (o.dim == f) {
        fs = o.size;
        break;
      }
    }
    x.dim = DimIndex(in);
    x.size = m.size + fs - 1;
  }
  return x;
}

// Stride rewrite of the Y/X directives of level `li` covering the full
// filter (each rewrites the first directive on its dim).
absl::Status StrideRewrite(const Layer& layer, const LayerModel& lm, int li,
                           Level& L) {
  for (int j = 0; j < L.num_dirs; ++j) {
    int v = L.dirs[j].dim;
    int f = SlideOf(v);
    if (f < 0) continue;
    int64_t st = v == kY ? layer.stride_y : layer.stride_x;
    int64_t rf = lm.full[f];
    if (st == 1 || rf <= 0 || L.dirs[j].size < rf) continue;
    int64_t n = (L.dirs[j].size + st - rf) / st;
    LevelDirective& tgt = L.dirs[L.first_dir[v]];
    tgt.size = n * std::min(st, rf) + std::max<int64_t>(rf - st, 0);
    tgt.offset = (li > 0 && rf < st) ? n * rf : n * st;
    if (tgt.size < 1 || tgt.offset < 1) {
      return Error(li, absl::StrCat("the stride rewrite of the ",
                                    DimName(static_cast<Dim>(v)),
                                    " map leaves no tile"));
    }
  }
  return absl::OkStatus();
}

// Completes level `li` into `L` (every field but the unused directive
// slots): the upper level's dims missing here (`prev`: its directives) in
// front, the first of each one last inserted first; the level's maps; the
// input/filter dims still missing, unrolled, alphabetical; then the stride
// rewrite. `base`: the sizes the level is built with.
absl::Status CompleteLevel(const Layer& layer, const LayerModel& lm,
                           std::span<const int> invars, int li,
                           const LevelView& raw,
                           std::span<const LevelDirective> prev,
                           const std::array<int64_t, kNumDims>& base,
                           Level& L) {
  if (raw.num_units < 1) {
    return Error(li, absl::StrCat("has ", raw.num_units,
                                  " sub-units (a Cluster larger than the "
                                  "PE array?); expected at least 1"));
  }
  uint16_t have = 0;  // dims with a directive so far
  for (const Map& m : raw.maps) {
    if (m.size < 1 || m.offset < 1) {
      return Error(
          li, absl::StrCat("map on ", DimName(m.dim), " has size ", m.size,
                           " and offset ", m.offset, "; expected both >= 1"));
    }
    const Dim d = m.dim == Dim::kYo   ? Dim::kY
                  : m.dim == Dim::kXo ? Dim::kX
                                      : m.dim;
    have |= DimBit(DimIndex(d));
  }
  std::array<int, kNumDims> inherit, defaults;  // prev indices; dims
  int ni = 0, nd = 0;
  for (int j = 0; j < static_cast<int>(prev.size()); ++j) {
    if (have & DimBit(prev[j].dim)) continue;
    inherit[ni++] = j;
    have |= DimBit(prev[j].dim);
  }
  for (int v : invars) {
    if (base[v] > 0 && !(have & DimBit(v))) {
      defaults[nd++] = v;
      have |= DimBit(v);
    }
  }
  const size_t n = ni + raw.maps.size() + nd;
  if (n > static_cast<size_t>(kMaxDirectives)) {
    return Error(li, absl::StrCat("has ", n, " maps after completion; at most ",
                                  kMaxDirectives, " are supported"));
  }
  int k = 0;
  for (int i = ni - 1; i >= 0; --i) {
    const LevelDirective& u = prev[inherit[i]];
    LevelDirective& x = L.dirs[k++];
    x = {false, u.size, u.offset, u.dim, u.xsize, u.xoffset, true, false, true};
    if (u.xskip) x.xsize = x.xoffset = kWhole;
  }
  for (const Map& m : raw.maps) {
    L.dirs[k++] = MapDirective(layer, lm.overlap, raw.maps, m);
  }
  for (int i = 0; i < nd; ++i) {
    const int v = defaults[i];
    L.dirs[k++] = {false, base[v], base[v], v, kWhole, kWhole, true};
  }
  L.num_dirs = k;
  L.num_units = raw.num_units;
  L.first_spatial = -1;
  L.base = base;
  L.first_dir.fill(-1);
  L.dims_mask = have;
  for (int j = 0; j < k; ++j) {
    const LevelDirective& x = L.dirs[j];
    if (L.first_dir[x.dim] < 0) L.first_dir[x.dim] = j;
    if (x.spatial && L.first_spatial < 0) L.first_spatial = j;
  }
  if (lm.overlap) {
    if (absl::Status s = StrideRewrite(layer, lm, li, L); !s.ok()) return s;
  }
  if (L.first_spatial < 0) {
    return Error(li, "has no SpatialMap; expected one or two per level");
  }
  return absl::OkStatus();
}

}  // namespace

LayerShape PrepareShape(const Layer& layer, bool batch) {
  LayerShape sh;
  sh.overlap = layer.IsConvLike();
  const TensorDims& td = TensorDimsFor(layer.type);
  sh.tensors[0] = MakeTensor(td.input, layer, batch);
  sh.tensors[1] = MakeTensor(td.filter, layer, batch);
  sh.tensors[2] = MakeTensor(td.output, layer, batch);
  for (int d = 0; d < kNumDims; ++d) {
    sh.full[d] = layer.dims[d] > 0 ? layer.dims[d] : -1;
  }
  sh.full[DimIndex(Dim::kYo)] = sh.full[DimIndex(Dim::kXo)] = -1;
  for (int d = 0; d < kNumDims; ++d)
    sh.xfull[d] = std::max<int64_t>(sh.full[d], 1);
  if (sh.overlap) {
    sh.xfull[kY] = layer.OutY();
    sh.xfull[kX] = layer.OutX();
  }
  sh.xfull[DimIndex(Dim::kYo)] = sh.xfull[DimIndex(Dim::kXo)] = 1;
  sh.stride_y = layer.stride_y;
  sh.stride_x = layer.stride_x;

  // Input/filter dims that get a default directive, in alphabetical order.
  auto& inv = sh.invars;
  int& n = sh.num_invars;
  for (int t = 0; t < 2; ++t) {
    for (int i = 0; i < sh.tensors[t].num_dims; ++i) {
      const int d = sh.tensors[t].dims[i];
      if (std::find(inv.begin(), inv.begin() + n, d) == inv.begin() + n) {
        inv[n++] = d;
      }
    }
  }
  std::sort(inv.begin(), inv.begin() + n, [](int a, int b) {
    return DimName(static_cast<Dim>(a)) < DimName(static_cast<Dim>(b));
  });
  return sh;
}

absl::StatusOr<LayerModel> BuildLayerModel(const Layer& layer,
                                           const ResolvedMapping& mapping,
                                           bool batch) {
  std::vector<LevelView> views;
  views.reserve(mapping.levels.size());
  for (const ClusterLevel& cl : mapping.levels) {
    views.push_back({cl.num_units, cl.maps});
  }
  LayerModel lm;
  absl::Status s =
      BuildLayerModelInto(layer, PrepareShape(layer, batch), views, lm);
  if (!s.ok()) return s;
  return lm;
}

absl::Status BuildLayerModelInto(const Layer& layer, const LayerShape& shape,
                                 std::span<const LevelView> levels,
                                 LayerModel& lm) {
  lm.overlap = shape.overlap;
  lm.tensors = shape.tensors;
  lm.full = shape.full;
  lm.xfull = shape.xfull;
  lm.stride_y = shape.stride_y;
  lm.stride_x = shape.stride_x;
  lm.exact_ok = true;
  lm.exact_why.clear();
  if (levels.empty()) {
    lm.levels.clear();
    return absl::InvalidArgumentError("the mapping has no cluster level");
  }
  // Reuses the levels' storage: only new levels are value-initialised (a
  // Level is 1.5 KB); CompleteLevel resets every field but the unused
  // directive slots. On an error the model is dropped.
  lm.levels.resize(levels.size());
  const std::span<const int> invars(shape.invars.data(), shape.num_invars);
  std::array<int64_t, kNumDims> base = lm.full;
  std::array<int64_t, kNumDims> extent = lm.xfull;  // exact: what a level sees
  for (int li = 0; li < static_cast<int>(levels.size()); ++li) {
    Level& L = lm.levels[li];
    std::span<const LevelDirective> prev;
    if (li > 0)
      prev = {lm.levels[li - 1].dirs.data(),
              size_t(lm.levels[li - 1].num_dirs)};
    if (absl::Status s =
            CompleteLevel(layer, lm, invars, li, levels[li], prev, base, L);
        !s.ok()) {
      return s;
    }
    MarkExactSkips(lm, L);
    CheckExact(L, extent, lm);
    for (int j = 0; j < L.num_dirs; ++j) {
      const LevelDirective& x = L.dirs[j];
      if (!x.xskip) extent[x.dim] = std::min(extent[x.dim], x.xsize);
    }
    // Base sizes of the next level: first map size clamped to this base.
    std::array<int64_t, kNumDims> nb;
    nb.fill(-1);
    for (int v : invars) {
      int j = L.first_dir[v];
      if (j >= 0 && base[v] > 0) nb[v] = std::min(L.dirs[j].size, base[v]);
    }
    base = nb;
  }
  return absl::OkStatus();
}

}  // namespace maestro::engine
