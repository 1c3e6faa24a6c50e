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

// Whether the exact loop-nest analysis covers level `L` (docs/cost-model.md,
// "Exact semantics"): one directive per dim, whole R/S tiles, Y/X tiles of
// at least one output, and a second SpatialMap only beside one on a dim
// whose unit tiles are disjoint.
void CheckExact(const Layer& layer, const Level& L, LayerModel& lm) {
  if (!lm.exact_ok) return;
  auto no = [&](std::string why) {
    lm.exact_ok = false;
    lm.exact_why = std::move(why);
  };
  std::array<int, kNumDims> count{};
  int spatial = 0;
  bool disjoint_spatial = false, sliding_spatial = false;
  for (int j = 0; j < L.num_dirs; ++j) {
    const LevelDirective& x = L.dirs[j];
    if (++count[x.dim] > 1) {
      return no(absl::StrCat("two maps on ", DimName(static_cast<Dim>(x.dim)),
                             " at one level"));
    }
    if (lm.overlap && (x.dim == kR || x.dim == kS) && lm.full[x.dim] > 0 &&
        x.size < lm.full[x.dim]) {
      return no(absl::StrCat("a partial ", DimName(static_cast<Dim>(x.dim)),
                             " tile"));
    }
    if (x.xsize < 1 || x.xoffset < 1) {
      return no(absl::StrCat("a ", DimName(static_cast<Dim>(x.dim)),
                             " tile of no output"));
    }
    if (!x.spatial) continue;
    ++spatial;
    const bool yx = lm.overlap && (x.dim == kY || x.dim == kX);
    sliding_spatial = sliding_spatial || yx;
    disjoint_spatial = disjoint_spatial || (!yx && x.xoffset >= x.xsize);
  }
  if (spatial > 2) return no("more than two SpatialMaps at one level");
  if (spatial == 2 && !disjoint_spatial) {
    return no(sliding_spatial ? "two SpatialMaps on sliding dims (Y/X)"
                              : "two SpatialMaps with overlapping unit tiles");
  }
  (void)layer;
}

absl::Status Error(int level, const std::string& what) {
  return absl::InvalidArgumentError(
      absl::StrCat("cluster level ", level, ": ", what));
}

}  // namespace

absl::StatusOr<LayerModel> BuildLayerModel(const Layer& layer,
                                           const ResolvedMapping& mapping,
                                           bool batch) {
  LayerModel lm;
  lm.overlap = layer.IsConvLike();
  const TensorDims& td = TensorDimsFor(layer.type);
  lm.tensors[0] = MakeTensor(td.input, layer, batch);
  lm.tensors[1] = MakeTensor(td.filter, layer, batch);
  lm.tensors[2] = MakeTensor(td.output, layer, batch);
  for (int d = 0; d < kNumDims; ++d) {
    lm.full[d] = layer.dims[d] > 0 ? layer.dims[d] : -1;
  }
  lm.full[DimIndex(Dim::kYo)] = lm.full[DimIndex(Dim::kXo)] = -1;
  for (int d = 0; d < kNumDims; ++d)
    lm.xfull[d] = std::max<int64_t>(lm.full[d], 1);
  if (lm.overlap) {
    lm.xfull[kY] = layer.OutY();
    lm.xfull[kX] = layer.OutX();
  }
  lm.xfull[DimIndex(Dim::kYo)] = lm.xfull[DimIndex(Dim::kXo)] = 1;
  lm.stride_y = layer.stride_y;
  lm.stride_x = layer.stride_x;

  // Input/filter dims that get a default directive, in alphabetical order.
  std::vector<int> invars;
  for (int t = 0; t < 2; ++t) {
    for (int i = 0; i < lm.tensors[t].num_dims; ++i) {
      int d = lm.tensors[t].dims[i];
      if (std::find(invars.begin(), invars.end(), d) == invars.end()) {
        invars.push_back(d);
      }
    }
  }
  std::sort(invars.begin(), invars.end(), [](int a, int b) {
    return DimName(static_cast<Dim>(a)) < DimName(static_cast<Dim>(b));
  });

  if (mapping.levels.empty()) {
    return absl::InvalidArgumentError("the mapping has no cluster level");
  }
  std::array<int64_t, kNumDims> base = lm.full;
  std::vector<LevelDirective> prev;
  for (size_t li = 0; li < mapping.levels.size(); ++li) {
    const ClusterLevel& raw = mapping.levels[li];
    if (raw.num_units < 1) {
      return Error(li, absl::StrCat("has ", raw.num_units,
                                    " sub-units (a Cluster larger than the "
                                    "PE array?); expected at least 1"));
    }
    std::vector<LevelDirective> ds;
    // (1) Y'/X' directives become Y/X (size + this level's R/S tile - 1).
    for (const Map& m : raw.maps) {
      if (m.size < 1 || m.offset < 1) {
        return Error(
            li, absl::StrCat("map on ", DimName(m.dim), " has size ", m.size,
                             " and offset ", m.offset, "; expected both >= 1"));
      }
      LevelDirective x{m.spatial(),     m.size, m.offset,
                       DimIndex(m.dim), m.size, m.offset};
      if (lm.overlap && (m.dim == Dim::kY || m.dim == Dim::kX)) {
        const int64_t st = m.dim == Dim::kY ? layer.stride_y : layer.stride_x;
        const int64_t f = layer.GetOr1(m.dim == Dim::kY ? Dim::kR : Dim::kS);
        x.xsize = st == 1 ? m.size - f + 1
                          : (m.size >= f ? (m.size - f) / st + 1 : 0);
        x.xoffset = st == 1 ? m.offset : x.xsize;
      }
      if (m.dim == Dim::kYo || m.dim == Dim::kXo) {
        Dim in = m.dim == Dim::kYo ? Dim::kY : Dim::kX;
        Dim f = m.dim == Dim::kYo ? Dim::kR : Dim::kS;
        int64_t fs = layer.GetOr1(f);
        for (const Map& o : raw.maps) {
          if (o.dim == f) {
            fs = o.size;
            break;
          }
        }
        x.dim = DimIndex(in);
        x.size = m.size + fs - 1;
      }
      ds.push_back(x);
    }
    auto has = [&](int d) {
      return std::any_of(ds.begin(), ds.end(),
                         [d](const LevelDirective& x) { return x.dim == d; });
    };
    // (2) Dims of the upper level missing here, each inserted at the front.
    for (const LevelDirective& u : prev) {
      if (!has(u.dim)) {
        ds.insert(ds.begin(),
                  {false, u.size, u.offset, u.dim, u.xsize, u.xoffset});
      }
    }
    // (3) Input/filter dims still missing: unrolled, alphabetical.
    for (int v : invars) {
      if (base[v] > 0 && !has(v)) {
        ds.push_back({false, base[v], base[v], v, kWhole, kWhole});
      }
    }
    // (4) Stride rewrite of Y/X directives covering the full filter.
    if (lm.overlap) {
      for (size_t j = 0; j < ds.size(); ++j) {
        int v = ds[j].dim;
        int f = SlideOf(v);
        if (f < 0) continue;
        int64_t st = v == kY ? layer.stride_y : layer.stride_x;
        int64_t rf = lm.full[f];
        if (st == 1 || rf <= 0 || ds[j].size < rf) continue;
        int64_t n = (ds[j].size + st - rf) / st;
        LevelDirective& tgt =
            *std::find_if(ds.begin(), ds.end(),
                          [v](const LevelDirective& x) { return x.dim == v; });
        tgt.size = n * std::min(st, rf) + std::max<int64_t>(rf - st, 0);
        tgt.offset = (li > 0 && rf < st) ? n * rf : n * st;
        if (tgt.size < 1 || tgt.offset < 1) {
          return Error(li, absl::StrCat("the stride rewrite of the ",
                                        DimName(static_cast<Dim>(v)),
                                        " map leaves no tile"));
        }
      }
    }
    if (static_cast<int>(ds.size()) > kMaxDirectives) {
      return Error(li, absl::StrCat("has ", ds.size(),
                                    " maps after completion; at most ",
                                    kMaxDirectives, " are supported"));
    }
    Level L;
    L.num_dirs = static_cast<int>(ds.size());
    L.num_units = raw.num_units;
    L.base = base;
    L.first_dir.fill(-1);
    for (int j = 0; j < L.num_dirs; ++j) {
      L.dirs[j] = ds[j];
      if (L.first_dir[ds[j].dim] < 0) L.first_dir[ds[j].dim] = j;
      L.dims_mask |= DimBit(ds[j].dim);
      if (ds[j].spatial && L.first_spatial < 0) L.first_spatial = j;
    }
    if (L.first_spatial < 0) {
      return Error(li, "has no SpatialMap; expected one or two per level");
    }
    CheckExact(layer, L, lm);
    lm.levels.push_back(L);
    // Base sizes of the next level: first map size clamped to this base.
    std::array<int64_t, kNumDims> nb;
    nb.fill(-1);
    for (int v : invars) {
      int j = L.first_dir[v];
      if (j >= 0 && base[v] > 0) nb[v] = std::min(ds[j].size, base[v]);
    }
    base = nb;
    prev = std::move(ds);
  }
  return lm;
}

}  // namespace maestro::engine
