#include "tests/core/engine_enumerator_testlib.h"

#include <algorithm>
#include <random>
#include <string>

#include "absl/strings/str_cat.h"

namespace maestro::test {
namespace {

constexpr int kDims = 9;  // N G K C R S Y X M (Y/X: output coordinates)
constexpr int kY = DimIndex(Dim::kY), kX = DimIndex(Dim::kX);
constexpr int kR = DimIndex(Dim::kR), kS = DimIndex(Dim::kS);

struct Loop {
  int dim;
  bool spatial;
  int64_t tile, step;
};

struct Box {
  std::array<int64_t, kDims> lo{}, hi{};
};

using Set = std::vector<int64_t>;  // sorted element keys

class Walker {
 public:
  Walker(const Layer& layer, std::vector<std::vector<Loop>> levels,
         std::vector<int64_t> units)
      : layer_(layer), levels_(std::move(levels)), units_(std::move(units)) {
    conv_ = layer.IsConvLike();
    const TensorDims& td = TensorDimsFor(layer.type);
    const std::vector<Dim>* lists[3] = {&td.input, &td.filter, &td.output};
    for (int t = 0; t < 3; ++t) {
      for (Dim d : *lists[t]) {
        int i = d == Dim::kYo ? kY : d == Dim::kXo ? kX : DimIndex(d);
        if (!layer.Has(static_cast<Dim>(i))) continue;
        tdims_[t].push_back(i);
      }
    }
    inner_.assign(units_.size(), 1);
    for (int li = static_cast<int>(units_.size()) - 2; li >= 0; --li) {
      inner_[li] = inner_[li + 1] * units_[li + 1];
    }
    for (int d = 0; d < kDims; ++d) {
      range_[d] = layer.Has(static_cast<Dim>(d)) ? layer.dims[d] : 1;
    }
    if (conv_) {
      range_[kY] = layer.OutY();
      range_[kX] = layer.OutX();
    }
    int64_t pts = 1;
    for (int d = 0; d < kDims; ++d) pts *= range_[d];
    count_.assign(pts, 0);
    out_.macs_per_pe.assign(inner_[0] * units_[0], 0);
  }

  Enumerated Run() {
    Box b;
    for (int d = 0; d < kDims; ++d) b.hi[d] = range_[d];
    Walk(0, b, 0);
    out_.min_point = *std::min_element(count_.begin(), count_.end());
    out_.max_point = *std::max_element(count_.begin(), count_.end());
    return out_;
  }

 private:
  // Coordinates of tensor `t` along its dim `i` for the sub-box.
  void Coords(int t, int d, const Box& b, std::vector<int64_t>& c) const {
    c.clear();
    const bool in_window = conv_ && t == 0 && (d == kY || d == kX);
    if (!in_window) {
      for (int64_t v = b.lo[d]; v < b.hi[d]; ++v) c.push_back(v);
      return;
    }
    const int f = d == kY ? kR : kS;
    const int64_t st = d == kY ? layer_.stride_y : layer_.stride_x;
    for (int64_t v = b.lo[d]; v < b.hi[d]; ++v) {
      for (int64_t r = b.lo[f]; r < b.hi[f]; ++r) c.push_back(v * st + r);
    }
    std::sort(c.begin(), c.end());
    c.erase(std::unique(c.begin(), c.end()), c.end());
  }

  Set Elements(int t, const Box& b) const {
    Set s = {0};
    std::vector<int64_t> c;
    int64_t mul = 1;
    for (int d : tdims_[t]) {
      Coords(t, d, b, c);
      Set n;
      n.reserve(s.size() * c.size());
      for (int64_t k : s) {
        for (int64_t v : c) n.push_back(k + v * mul);
      }
      s = std::move(n);
      mul *= 1024;
    }
    std::sort(s.begin(), s.end());
    return s;
  }

  static Set Minus(const Set& a, const Set& b) {
    Set r;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(),
                        std::back_inserter(r));
    return r;
  }
  static int64_t UnionSize(const std::vector<Set>& sets) {
    Set all;
    for (const Set& s : sets) all.insert(all.end(), s.begin(), s.end());
    std::sort(all.begin(), all.end());
    return std::unique(all.begin(), all.end()) - all.begin();
  }

  void Compute(const Box& b, int64_t pe) {
    std::array<int64_t, kDims> p = b.lo;
    int64_t n = 0;
    while (true) {
      int64_t idx = 0;
      for (int d = 0; d < kDims; ++d) idx = idx * range_[d] + p[d];
      ++count_[idx];
      ++n;
      int d = kDims - 1;
      for (; d >= 0; --d) {
        if (++p[d] < b.hi[d]) break;
        p[d] = b.lo[d];
      }
      if (d < 0) break;
    }
    out_.macs += n;
    out_.macs_per_pe[pe] += n;
  }

  void Walk(int li, const Box& box, int64_t pe_base) {
    const std::vector<Loop>& loops = levels_[li];
    const int64_t N = units_[li];
    const bool leaf = li + 1 == static_cast<int>(levels_.size());
    const int nl = static_cast<int>(loops.size());
    std::vector<int64_t> P(nl), count(nl), idx(nl, 0);
    for (int j = 0; j < nl; ++j) {
      const Loop& l = loops[j];
      const int64_t D = box.hi[l.dim] - box.lo[l.dim];
      P[j] = 1;
      while ((P[j] - 1) * l.step + l.tile < D && P[j] * l.step < D) ++P[j];
      count[j] = l.spatial ? (P[j] + N - 1) / N : P[j];
    }
    std::vector<std::array<Set, 3>> held(N);
    std::vector<bool> was_active(N, false);
    while (true) {
      std::vector<Box> sub(N, box);
      std::vector<bool> active(N, true);
      for (int64_t u = 0; u < N; ++u) {
        for (int j = 0; j < nl; ++j) {
          const Loop& l = loops[j];
          const int64_t pos = l.spatial ? idx[j] * N + u : idx[j];
          if (pos >= P[j]) {
            active[u] = false;
            break;
          }
          const int64_t lo = box.lo[l.dim] + pos * l.step;
          sub[u].lo[l.dim] = lo;
          sub[u].hi[l.dim] = std::min(lo + l.tile, box.hi[l.dim]);
          if (sub[u].hi[l.dim] <= lo) active[u] = false;
        }
      }
      std::array<std::vector<Set>, 3> delivered;
      for (int64_t u = 0; u < N; ++u) {
        if (!active[u]) {
          held[u] = {};
          continue;
        }
        for (int t = 0; t < 3; ++t) {
          Set need = Elements(t, sub[u]);
          if (leaf) {
            out_.pe_need[t] = std::max<int64_t>(out_.pe_need[t], need.size());
          }
          if (t == 2) {
            delivered[t].push_back(need);
            continue;
          }
          Set d = Minus(need, held[u][t]);
          if (leaf) out_.l1_write[t] += d.size();
          delivered[t].push_back(std::move(d));
          held[u][t] = std::move(need);
        }
      }
      if (li == 0) {
        out_.l2_read[0] += UnionSize(delivered[0]);
        out_.l2_read[1] += UnionSize(delivered[1]);
        out_.output_l2_write += UnionSize(delivered[2]);
      }
      for (int64_t u = 0; u < N; ++u) {
        if (!active[u]) continue;
        if (leaf) {
          ++out_.leaf_steps;
          Compute(sub[u], pe_base + u);
        } else {
          Walk(li + 1, sub[u], pe_base + u * inner_[li]);
        }
      }
      int j = nl - 1;
      for (; j >= 0; --j) {
        if (++idx[j] < count[j]) break;
        idx[j] = 0;
      }
      if (j < 0) break;
    }
  }

  const Layer& layer_;
  bool conv_ = true;
  std::vector<std::vector<Loop>> levels_;
  std::vector<int64_t> units_, inner_;
  std::array<std::vector<int>, 3> tdims_;
  std::array<int64_t, kDims> range_{};
  std::vector<int32_t> count_;
  Enumerated out_;
};

}  // namespace

absl::StatusOr<Enumerated> EnumerateMapping(const Layer& layer,
                                            const ResolvedMapping& mapping) {
  for (int d = 0; d < kDims; ++d) {
    if (layer.dims[d] > 127) {
      return absl::InvalidArgumentError("the enumerator takes dims <= 127");
    }
  }
  std::vector<std::vector<Loop>> levels;
  std::vector<int64_t> units;
  for (const ClusterLevel& cl : mapping.levels) {
    std::vector<Loop> loops;
    for (const Map& m : cl.maps) {
      // The row-stationary pair SpatialMap(s,o) Y; SpatialMap(s,o) R with
      // s < R spreads filter rows over the units: the Y map is dropped.
      if (layer.IsConvLike() && m.spatial() &&
          (m.dim == Dim::kY || m.dim == Dim::kX)) {
        const Dim f = m.dim == Dim::kY ? Dim::kR : Dim::kS;
        bool pair = false;
        for (const Map& o : cl.maps) {
          pair = pair || (o.dim == f && o.spatial() && o.size == m.size &&
                          o.offset == m.offset && m.size < layer.Get(f));
        }
        if (pair) continue;
      }
      Loop l{DimIndex(m.dim), m.spatial(), m.size, m.offset};
      if (m.dim == Dim::kYo || m.dim == Dim::kXo) {
        l.dim = m.dim == Dim::kYo ? kY : kX;
      } else if (layer.IsConvLike() && (m.dim == Dim::kY || m.dim == Dim::kX)) {
        const int64_t st = m.dim == Dim::kY ? layer.stride_y : layer.stride_x;
        const int64_t f = layer.GetOr1(m.dim == Dim::kY ? Dim::kR : Dim::kS);
        l.tile = st == 1 ? m.size - f + 1
                         : (m.size >= f ? (m.size - f) / st + 1 : 0);
        l.step = st == 1 ? m.offset : l.tile;
      }
      if (l.tile < 1 || l.step < 1) {
        return absl::InvalidArgumentError(
            absl::StrCat("map on ", DimName(m.dim), " covers no output"));
      }
      // A later map on a dim whose tile covers the earlier map's tile is a
      // single position inside it: dropped.
      bool inside = false;
      for (const Loop& e : loops) {
        if (e.dim == l.dim) inside = inside || l.tile >= e.tile;
      }
      if (!inside) loops.push_back(l);
    }
    levels.push_back(std::move(loops));
    units.push_back(cl.num_units);
  }
  if (levels.empty()) return absl::InvalidArgumentError("no level");
  Walker w(layer, std::move(levels), std::move(units));
  return w.Run();
}

namespace {

int64_t Pick(std::mt19937& rng, int64_t lo, int64_t hi) {
  return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
}

// `big`: larger dims and arrays (runs of alike units, several folds).
Layer RandomLayer(std::mt19937& rng, bool big) {
  const int64_t g = big ? 3 : 1;
  Layer l;
  l.name = "rand";
  const int kind = static_cast<int>(Pick(rng, 0, 5));
  if (kind == 5) {
    l.type = LayerType::kGemm;
    l.Set(Dim::kM, Pick(rng, 1, 6 * g)).Set(Dim::kN, Pick(rng, 1, 6 * g));
    l.Set(Dim::kK, Pick(rng, 1, 6 * g));
    return l;
  }
  l.type = kind == 4 ? LayerType::kDsconv : LayerType::kConv;
  if (l.type == LayerType::kConv) l.Set(Dim::kK, Pick(rng, 1, 4 * g));
  l.Set(Dim::kC, Pick(rng, 1, 4 * g));
  l.Set(Dim::kR, Pick(rng, 1, 4)).Set(Dim::kS, Pick(rng, 1, 4));
  l.stride_y = Pick(rng, 1, 3);
  l.stride_x = Pick(rng, 1, 3);
  // Output extents 1..5, input extents exactly (out - 1) * st + R or a few
  // rows more (rows no window reaches).
  const int64_t oy = Pick(rng, 1, 5 * g), ox = Pick(rng, 1, 5 * g);
  l.Set(Dim::kY,
        (oy - 1) * l.stride_y + l.Get(Dim::kR) + Pick(rng, 0, l.stride_y - 1));
  l.Set(Dim::kX,
        (ox - 1) * l.stride_x + l.Get(Dim::kS) + Pick(rng, 0, l.stride_x - 1));
  if (Pick(rng, 0, 4) == 0) l.Set(Dim::kN, Pick(rng, 1, 2));
  return l;
}

// A map of dim `d` whose tile covers `n` units of the dim (output rows for
// Y/X), written in one of the equivalent forms.
Map TileMap(std::mt19937& rng, const Layer& l, Dim d, int64_t n, bool spatial) {
  const DirectiveKind k =
      spatial ? DirectiveKind::kSpatialMap : DirectiveKind::kTemporalMap;
  if (l.IsConvLike() && (d == Dim::kY || d == Dim::kX)) {
    const int64_t st = d == Dim::kY ? l.stride_y : l.stride_x;
    const int64_t f = l.Get(d == Dim::kY ? Dim::kR : Dim::kS);
    if (Pick(rng, 0, 1) == 0) {  // Y'(n, n)
      return {k, n, n, d == Dim::kY ? Dim::kYo : Dim::kXo};
    }
    // Y((n-1)·st + R + extra, n·st): extra < st rows change nothing.
    const int64_t extra = st > 1 ? Pick(rng, 0, st - 1) : 0;
    return {k, (n - 1) * st + f + extra, st == 1 ? n : n * st, d};
  }
  return {k, n, n, d};
}

std::vector<Dim> LoopDims(const Layer& l) {
  if (l.type == LayerType::kGemm) return {Dim::kM, Dim::kN, Dim::kK};
  std::vector<Dim> v = {Dim::kC, Dim::kY, Dim::kX};
  if (l.type == LayerType::kConv) v.push_back(Dim::kK);
  if (l.Has(Dim::kN)) v.push_back(Dim::kN);
  return v;
}

int64_t Extent(const Layer& l, Dim d) {
  if (l.IsConvLike() && d == Dim::kY) return l.OutY();
  if (l.IsConvLike() && d == Dim::kX) return l.OutX();
  return l.Get(d);
}

// Tiles the filter rows (R, or S for X) of level `lv` partially: either
// the row-stationary pair SpatialMap(1,1) Y; SpatialMap(1,1) R where the
// level sees one output row, or a TemporalMap/SpatialMap(r, r) R beside
// output-coordinate Y maps, with every filter tile at least the stride
// unless the level's Y tile is one row. `tile`: the level's Y/X tiles.
void AddPartialFilter(std::mt19937& rng, const Layer& l, ClusterLevel& lv,
                      const std::array<int64_t, kNumDims>& parent,
                      const std::array<int64_t, kNumDims>& tile,
                      bool broad = false) {
  const bool rows = Pick(rng, 0, 1) == 0;
  const Dim v = rows ? Dim::kY : Dim::kX, vo = rows ? Dim::kYo : Dim::kXo;
  const Dim f = rows ? Dim::kR : Dim::kS;
  const int64_t F = l.Get(f), st = rows ? l.stride_y : l.stride_x;
  if (F < 2) return;
  std::vector<Map> maps;
  int spatial = 0;
  bool v_spatial = false;
  int64_t v_rows = tile[DimIndex(v)];
  for (Map m : lv.maps) {
    if (m.dim == f) continue;
    if (m.dim == v && (!broad || Pick(rng, 0, 1) == 0)) {  // to Y'
      const int64_t n = st == 1 ? m.size - F + 1 : (m.size - F) / st + 1;
      m = {m.kind, n, n, vo};
    }
    const bool yx = m.dim == Dim::kY || m.dim == Dim::kX || m.dim == Dim::kYo ||
                    m.dim == Dim::kXo || m.dim == Dim::kR || m.dim == Dim::kS;
    if (yx) v_spatial = v_spatial || m.spatial();  // a sliding SpatialMap
    spatial += m.spatial();
    maps.push_back(m);
  }
  if (parent[DimIndex(v)] <= 1 && Pick(rng, 0, 1) == 0) {  // pair
    for (Map& m : maps) m.kind = DirectiveKind::kTemporalMap;
    maps.erase(
        std::remove_if(maps.begin(), maps.end(),
                       [&](const Map& m) { return m.dim == vo || m.dim == v; }),
        maps.end());
    maps.push_back({DirectiveKind::kSpatialMap, 1, 1, v});
    maps.push_back({DirectiveKind::kSpatialMap, 1, 1, f});
    if (Pick(rng, 0, 1) == 0) {  // *_rs.m: a redundant TemporalMap(F,F) R
      maps.push_back({DirectiveKind::kTemporalMap, F, F, f});
    }
    lv.maps = maps;
    return;
  }
  std::vector<int64_t> ok;
  for (int64_t r = 1; r < F; ++r) {
    if (broad || v_rows <= 1 || (r >= st && (F % r == 0 || F % r >= st))) {
      ok.push_back(r);
    }
  }
  if (ok.empty()) return;
  const int64_t r = ok[Pick(rng, 0, ok.size() - 1)];
  // (A partial TemporalMap on R/S is refused by ResolveDataflow, MAESTRO's
  // rule; the broad cases keep to SpatialMaps.)
  const bool sp =
      !v_spatial && spatial < 2 &&
      (broad ? spatial == 0 || Pick(rng, 0, 3) == 0 : Pick(rng, 0, 1) == 0);
  if (broad && !sp) return;
  const int64_t at = Pick(rng, 0, maps.size());
  maps.insert(
      maps.begin() + at,
      {sp ? DirectiveKind::kSpatialMap : DirectiveKind::kTemporalMap, r, r, f});
  if (Pick(rng, 0, 2) == 0) {  // a later map covering the tile: no-op
    maps.insert(maps.begin() + Pick(rng, at + 1, maps.size()),
                {DirectiveKind::kTemporalMap, r + Pick(rng, 0, F), r, f});
  }
  lv.maps = maps;
}

}  // namespace

Case RandomCase(std::mt19937& rng, bool big, bool one_spatial,
                bool partial_filter, bool any_offset, bool broad) {
  Case c;
  c.layer = RandomLayer(rng, big);
  const Layer& l = c.layer;
  const int nlev = static_cast<int>(Pick(rng, 1, 3));
  const int partial_level = partial_filter && l.IsConvLike()
                                ? static_cast<int>(Pick(rng, 0, nlev - 1))
                                : -1;
  std::array<int64_t, kNumDims> tile{};
  for (Dim d : LoopDims(l)) tile[DimIndex(d)] = Extent(l, d);
  int64_t pes = 1;
  for (int li = 0; li < nlev; ++li) {
    const std::array<int64_t, kNumDims> parent = tile;
    ClusterLevel lv;
    lv.num_units = Pick(rng, 1, (li == 0 ? 8 : 4) * (big ? 3 : 1));
    pes *= lv.num_units;
    std::vector<Dim> dims = LoopDims(l);
    std::shuffle(dims.begin(), dims.end(), rng);
    // Map a random non-empty subset; the rest stays whole (or inherited).
    const int nmap = static_cast<int>(Pick(rng, 1, dims.size()));
    dims.resize(nmap);
    // One or two SpatialMaps; a second one only beside a non-Y/X one.
    const int sp1 = static_cast<int>(Pick(rng, 0, nmap - 1));
    int sp2 = -1;
    if (!one_spatial && nmap > 1 && Pick(rng, 0, 2) == 0) {
      sp2 = static_cast<int>(Pick(rng, 0, nmap - 2));
      if (sp2 >= sp1) ++sp2;
      auto yx = [&](int i) { return dims[i] == Dim::kY || dims[i] == Dim::kX; };
      if (l.IsConvLike() && yx(sp1) && yx(sp2)) sp2 = -1;
    }
    for (int i = 0; i < nmap; ++i) {
      const Dim d = dims[i];
      // Tiles of 1 .. one past the parent's tile (edges, dims < tiles).
      const int64_t n = Pick(rng, 1, tile[DimIndex(d)] + 1);
      Map m = TileMap(rng, l, d, n, i == sp1 || i == sp2);
      // Any offset: tiles that overlap (points computed twice) or leave
      // gaps. Y maps at a stride > 1 ignore it (MAESTRO's stride rewrite).
      if (any_offset || (broad && Pick(rng, 0, 5) == 0)) {
        m.offset = Pick(rng, 1, n + 1);
      }
      lv.maps.push_back(m);
      tile[DimIndex(d)] = std::min(n, tile[DimIndex(d)]);
    }
    if (l.IsConvLike() && Pick(rng, 0, 1) == 0) {  // explicit whole R/S
      lv.maps.push_back({DirectiveKind::kTemporalMap, l.Get(Dim::kR),
                         l.Get(Dim::kR), Dim::kR});
    }
    if (li == partial_level ||
        (broad && l.IsConvLike() && Pick(rng, 0, 2) == 0)) {
      AddPartialFilter(rng, l, lv, parent, tile, broad);
    }
    c.mapping.levels.push_back(lv);
  }
  c.hw.num_pes = pes;
  c.hw.noc_bw = Pick(rng, 1, 8);
  c.hw.offchip_bw = Pick(rng, 1, 16);
  c.hw.noc_latency = Pick(rng, 0, 2);
  return c;
}

Dataflow ToDataflow(const ResolvedMapping& m) {
  Dataflow df;
  df.name = "random";
  for (size_t li = 0; li < m.levels.size(); ++li) {
    const ClusterLevel& lv = m.levels[li];
    if (li > 0) {
      df.directives.push_back(Directive::Cluster(Expr::Const(lv.num_units)));
    }
    for (const Map& x : lv.maps) {
      Directive d = x.spatial()
                        ? Directive::Spatial(Expr::Const(x.size),
                                             Expr::Const(x.offset), x.dim)
                        : Directive::Temporal(Expr::Const(x.size),
                                              Expr::Const(x.offset), x.dim);
      df.directives.push_back(std::move(d));
    }
  }
  return df;
}

std::string Describe(const Case& c) {
  const Layer& l = c.layer;
  std::string s = std::string(LayerTypeName(l.type));
  for (Dim d : kAllDims) {
    if (l.Has(d)) s += " " + std::string(DimName(d)) + std::to_string(l.Get(d));
  }
  s += " st" + std::to_string(l.stride_y) + "/" + std::to_string(l.stride_x);
  for (const ClusterLevel& lv : c.mapping.levels) {
    s += " | [" + std::to_string(lv.num_units) + "]";
    for (const Map& m : lv.maps) {
      s += std::string(m.spatial() ? " S(" : " T(") + std::to_string(m.size) +
           "," + std::to_string(m.offset) + ")" + std::string(DimName(m.dim));
    }
  }
  return s;
}

}  // namespace maestro::test
