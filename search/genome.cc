#include "search/genome.h"

#include <algorithm>
#include <numeric>

#include "absl/strings/str_cat.h"
#include "search/rng.h"

namespace maestro::search {

absl::string_view TileDomainName(TileDomain t) {
  switch (t) {
    case TileDomain::kDivisors:
      return "divisors";
    case TileDomain::kPow2:
      return "pow2";
    default:
      return "any";
  }
}

namespace {

std::vector<int64_t> Divisors(int64_t p) {
  std::vector<int64_t> small, large;
  for (int64_t i = 1; i * i <= p; ++i) {
    if (p % i != 0) continue;
    small.push_back(i);
    if (i != p / i) large.push_back(p / i);
  }
  small.insert(small.end(), large.rbegin(), large.rend());
  return small;
}

std::vector<int64_t> Choices(TileDomain t, int64_t p) {
  if (t == TileDomain::kDivisors) return Divisors(p);
  std::vector<int64_t> v;
  if (t == TileDomain::kPow2) {
    for (int64_t x = 1; x < p; x *= 2) v.push_back(x);
    v.push_back(p);
    return v;
  }
  v.resize(p);
  std::iota(v.begin(), v.end(), 1);
  return v;
}

// The largest value of `choices` (ascending, starting at 1) <= x.
int64_t FloorTo(const std::vector<int64_t>& choices, int64_t x) {
  auto it = std::upper_bound(choices.begin(), choices.end(), x);
  return it == choices.begin() ? choices.front() : *(it - 1);
}

bool InDomain(TileDomain t, int64_t x, int64_t p) {
  if (x < 1 || x > p) return false;
  if (t == TileDomain::kDivisors) return p % x == 0;
  if (t == TileDomain::kPow2) return x == p || (x & (x - 1)) == 0;
  return true;
}

bool IsRowDim(Dim d) { return d == Dim::kYo || d == Dim::kXo; }

GenomeLevel ClearedLevel() {
  GenomeLevel lv;
  for (int i = 0; i < kMaxDims; ++i) lv.order[i] = static_cast<int8_t>(i);
  return lv;
}

}  // namespace

std::vector<int64_t> SearchSpace::TileChoices(int d, int64_t p) const {
  return Choices(tiles, p);
}

int64_t SearchSpace::DrawTile(int d, int64_t p, Rng& rng) const {
  if (tiles == TileDomain::kAny) return rng.Uniform(1, p);
  const std::vector<int64_t> c = TileChoices(d, p);
  return c[rng.Uniform(0, static_cast<int64_t>(c.size()) - 1)];
}

absl::StatusOr<SearchSpace> MakeSearchSpace(const Layer& layer,
                                            const Hardware& hw,
                                            const SpaceOptions& options) {
  SearchSpace s;
  s.layer = layer;
  s.num_pes = hw.num_pes;
  s.max_levels = std::clamp(options.max_levels, 1, kMaxLevels);
  s.tiles = options.tiles;
  s.clusters = Choices(s.tiles, s.num_pes);
  std::vector<Dim> dims;
  switch (layer.type) {
    case LayerType::kConv:
    case LayerType::kTrconv:
      dims = {Dim::kK, Dim::kC, Dim::kYo, Dim::kXo};
      break;
    case LayerType::kDsconv:
      dims = {Dim::kC, Dim::kYo, Dim::kXo};
      break;
    case LayerType::kGemm:
      dims = {Dim::kM, Dim::kN, Dim::kK};
      s.conv_like = false;
      break;
    default:
      return absl::UnimplementedError(
          absl::StrCat("layer '", layer.name, "' (", LayerTypeName(layer.type),
                       "): the search covers CONV, DSCONV and GEMM layers"));
  }
  if (s.conv_like && layer.GetOr1(Dim::kN) > 1) {
    dims.insert(dims.begin(), Dim::kN);
  }
  s.n = static_cast<int>(dims.size());
  for (int i = 0; i < s.n; ++i) {
    s.dims[i] = dims[i];
    const Dim d = dims[i];
    s.extent[i] = d == Dim::kYo   ? layer.OutY()
                  : d == Dim::kXo ? layer.OutX()
                                  : layer.GetOr1(d);
    if (s.extent[i] < 1) {
      return absl::InvalidArgumentError(
          absl::StrCat("layer '", layer.name, "': dimension ", DimName(d),
                       " has size ", s.extent[i], "; expected >= 1"));
    }
  }
  return s;
}

Genome AllOnesGenome(const SearchSpace& s) {
  Genome g;
  g.num_levels = 1;
  for (GenomeLevel& lv : g.levels) {
    for (int i = 0; i < kMaxDims; ++i) lv.order[i] = static_cast<int8_t>(i);
    lv.tile.fill(0);
    lv.cluster = 1;
  }
  for (int i = 0; i < s.n; ++i) g.levels[0].tile[i] = 1;
  Repair(s, g);
  return g;
}

Genome RandomGenome(const SearchSpace& s, int levels, Rng& rng) {
  Genome g = AllOnesGenome(s);
  g.num_levels = std::clamp(levels, 1, s.max_levels);
  const std::vector<int64_t>& cs = s.ClusterChoices();
  for (int l = 0; l < g.num_levels; ++l) {
    GenomeLevel& lv = g.levels[l];
    for (int i = 0; i < kMaxDims; ++i) lv.order[i] = static_cast<int8_t>(i);
    for (int i = s.n - 1; i > 0; --i) {
      std::swap(lv.order[i], lv.order[rng.Uniform(0, i)]);
    }
    lv.sp = static_cast<int8_t>(rng.Uniform(0, s.n - 1));
    for (int d = 0; d < s.n; ++d) {
      lv.tile[d] = s.DrawTile(d, ParentTile(s, g, l, d), rng);
    }
    lv.cluster =
        l == 0 ? 1 : cs[rng.Uniform(0, static_cast<int64_t>(cs.size()) - 1)];
  }
  Repair(s, g);
  return g;
}

int64_t ParentTile(const SearchSpace& s, const Genome& g, int level, int d) {
  return level == 0 ? s.extent[d] : g.levels[level - 1].tile[d];
}

int64_t Trips(const SearchSpace& s, const Genome& g, int level, int d) {
  const int64_t p = ParentTile(s, g, level, d);
  const int64_t t = g.levels[level].tile[d];
  return (p + t - 1) / t;
}

void Repair(const SearchSpace& s, Genome& g) {
  g.num_levels = std::clamp(g.num_levels, 1, s.max_levels);
  int64_t clusters = 1;
  const std::vector<int64_t>& cchoices = s.ClusterChoices();
  for (int l = 0; l < kMaxLevels; ++l) {
    GenomeLevel& lv = g.levels[l];
    if (l >= g.num_levels) {
      lv = ClearedLevel();
      continue;
    }
    for (int d = 0; d < kMaxDims; ++d) {
      if (d >= s.n) {
        lv.tile[d] = 0;
        continue;
      }
      const int64_t p = ParentTile(s, g, l, d);
      const int64_t t = std::clamp<int64_t>(lv.tile[d], 1, p);
      lv.tile[d] =
          InDomain(s.tiles, t, p) ? t : FloorTo(Choices(s.tiles, p), t);
    }
    if (lv.sp < 0 || lv.sp >= s.n) lv.sp = 0;
    if (l == 0) {
      lv.cluster = 1;
      continue;
    }
    const int64_t room = s.num_pes / clusters;
    lv.cluster = FloorTo(cchoices, std::clamp<int64_t>(lv.cluster, 1, room));
    clusters *= lv.cluster;
  }
}

int64_t TopUnits(const SearchSpace& s, const Genome& g) {
  int64_t c = 1;
  for (int l = 1; l < g.num_levels; ++l) c *= g.levels[l].cluster;
  return s.num_pes / c;
}

std::string StructuralError(const SearchSpace& s, const Genome& g) {
  if (g.num_levels < 1 || g.num_levels > s.max_levels) {
    return absl::StrCat(g.num_levels, " levels; expected 1..", s.max_levels);
  }
  int64_t clusters = 1;
  for (int l = 0; l < g.num_levels; ++l) {
    const GenomeLevel& lv = g.levels[l];
    uint32_t seen = 0;
    for (int i = 0; i < s.n; ++i) {
      if (lv.order[i] < 0 || lv.order[i] >= s.n) return "order out of range";
      seen |= 1u << lv.order[i];
    }
    if (seen != (1u << s.n) - 1) return "order is not a permutation";
    if (lv.sp < 0 || lv.sp >= s.n) return "spatial dim out of range";
    for (int d = 0; d < s.n; ++d) {
      const int64_t p = ParentTile(s, g, l, d);
      if (!InDomain(s.tiles, lv.tile[d], p)) {
        return absl::StrCat("level ", l, " tile of ", DimName(s.dims[d]),
                            " is ", lv.tile[d], " under a parent tile of ", p);
      }
    }
    if (l == 0) continue;
    if (!InDomain(s.tiles, lv.cluster, s.num_pes))
      return "cluster not in domain";
    clusters *= lv.cluster;
  }
  if (clusters > s.num_pes) {
    return absl::StrCat("clusters hold ", clusters, " PEs, more than ",
                        s.num_pes);
  }
  return "";
}

Genome Canonical(const SearchSpace& s, const Genome& g) {
  Genome c = g;
  for (int l = g.num_levels; l < kMaxLevels; ++l) c.levels[l] = ClearedLevel();
  for (int l = 0; l < g.num_levels; ++l) {
    std::array<int8_t, kMaxDims> order{};
    int k = 0;
    for (int i = 0; i < s.n; ++i) {
      if (Trips(s, g, l, g.levels[l].order[i]) > 1)
        order[k++] = g.levels[l].order[i];
    }
    for (int d = 0; d < s.n; ++d) {
      if (Trips(s, g, l, d) <= 1) order[k++] = static_cast<int8_t>(d);
    }
    for (int i = s.n; i < kMaxDims; ++i) order[i] = static_cast<int8_t>(i);
    c.levels[l].order = order;
  }
  return c;
}

uint64_t CanonicalKey(const SearchSpace& s, const Genome& g) {
  const Genome c = Canonical(s, g);
  uint64_t h = Mix64(static_cast<uint64_t>(c.num_levels));
  for (int l = 0; l < c.num_levels; ++l) {
    const GenomeLevel& lv = c.levels[l];
    uint64_t packed = static_cast<uint64_t>(lv.sp);
    for (int i = 0; i < s.n; ++i) packed = packed * 8 + lv.order[i];
    h = Mix64(h ^ packed);
    for (int d = 0; d < s.n; ++d)
      h = Mix64(h ^ static_cast<uint64_t>(lv.tile[d]));
    h = Mix64(h ^ static_cast<uint64_t>(lv.cluster));
  }
  return h;
}

namespace {

// The maps of one level in emission order (canonical order, then R, S).
void LevelMaps(const SearchSpace& s, const Genome& c, int l,
               engine::MappingLevel& out) {
  out.num_maps = 0;
  const GenomeLevel& lv = c.levels[l];
  const Layer& ly = s.layer;
  for (int i = 0; i < s.n; ++i) {
    const int d = lv.order[i];
    Map m;
    m.kind =
        d == lv.sp ? DirectiveKind::kSpatialMap : DirectiveKind::kTemporalMap;
    const int64_t t = lv.tile[d];
    m.size = m.offset = t;
    m.dim = s.dims[d];
    if (IsRowDim(s.dims[d])) {
      const bool y = s.dims[d] == Dim::kYo;
      const int64_t stride = y ? ly.stride_y : ly.stride_x;
      const int64_t r = ly.Get(y ? Dim::kR : Dim::kS);
      m.dim = y ? Dim::kY : Dim::kX;
      m.size = (t - 1) * stride + r;
      m.offset = t * stride;
    }
    out.Add(m);
  }
  if (s.conv_like) {
    for (Dim f : {Dim::kR, Dim::kS}) {
      Map m;
      m.size = m.offset = ly.Get(f);
      m.dim = f;
      out.Add(m);
    }
  }
}

Expr Plain(const SearchSpace& s, Dim d, int64_t v) {
  // Full filter dims are written Sz(R)/Sz(S), as in MAESTRO's files.
  if ((d == Dim::kR || d == Dim::kS) && v == s.layer.Get(d)) return Expr::Sz(d);
  return Expr::Const(v);
}

}  // namespace

void ToMappingValue(const SearchSpace& s, const Genome& g,
                    engine::MappingValue& out) {
  const Genome c = Canonical(s, g);
  out.num_levels = c.num_levels;
  for (int l = 0; l < c.num_levels; ++l) {
    engine::MappingLevel& ml = out.levels[l];
    ml.num_units = l == 0 ? TopUnits(s, c) : c.levels[l].cluster;
    LevelMaps(s, c, l, ml);
  }
}

static_assert(kMaxLevels <= engine::kMaxMappingLevels);
static_assert(kMaxDims + 2 <= engine::kMaxLevelMaps);

ResolvedMapping ToResolved(const SearchSpace& s, const Genome& g) {
  engine::MappingValue m;
  ToMappingValue(s, g, m);
  return engine::ToResolvedMapping(m);
}

Dataflow ToDataflow(const SearchSpace& s, const Genome& g,
                    const std::string& name) {
  const Genome c = Canonical(s, g);
  Dataflow df;
  df.name = name;
  for (int l = 0; l < c.num_levels; ++l) {
    if (l > 0)
      df.directives.push_back(
          Directive::Cluster(Expr::Const(c.levels[l].cluster)));
    engine::MappingLevel ml;
    LevelMaps(s, c, l, ml);
    for (int j = 0; j < ml.num_maps; ++j) {
      const Map& m = ml.maps[j];
      Expr size = Plain(s, m.dim, m.size), off = Plain(s, m.dim, m.offset);
      df.directives.push_back(m.spatial()
                                  ? Directive::Spatial(size, off, m.dim)
                                  : Directive::Temporal(size, off, m.dim));
    }
  }
  return df;
}

std::string Describe(const SearchSpace& s, const Genome& g) {
  const Genome c = Canonical(s, g);
  std::string out;
  for (int l = 0; l < c.num_levels; ++l) {
    if (l > 0) absl::StrAppend(&out, " C", c.levels[l].cluster, " ");
    absl::StrAppend(&out, "L", l, "[");
    for (int i = 0; i < s.n; ++i) {
      const int d = c.levels[l].order[i];
      absl::StrAppend(&out, i ? " " : "", DimName(s.dims[d]),
                      c.levels[l].tile[d], d == c.levels[l].sp ? "*" : "");
    }
    absl::StrAppend(&out, "]");
  }
  return out;
}

namespace {

// The tile of searched dim `d` that `m` stands for under a parent tile `p`
// (output coordinates for Y'/X'), or -1 when it is not in genome form.
int64_t TileOfMap(const SearchSpace& s, const Map& m, int d, int64_t p) {
  if (!IsRowDim(s.dims[d]) || m.dim == Dim::kYo || m.dim == Dim::kXo) {
    if (m.size != m.offset) return -1;
    return std::min(m.size, p);
  }
  const bool y = s.dims[d] == Dim::kYo;
  const int64_t stride = y ? s.layer.stride_y : s.layer.stride_x;
  const int64_t r = s.layer.Get(y ? Dim::kR : Dim::kS);
  if (m.size >= (p - 1) * stride + r) return p;  // covers the parent
  if (m.offset % stride != 0) return -1;
  const int64_t t = m.offset / stride;
  return t >= 1 && m.size == (t - 1) * stride + r ? std::min(t, p) : -1;
}

// Index in s.dims of the searched dim a map on `dim` addresses; -1 if none.
int SearchedIndex(const SearchSpace& s, Dim dim) {
  const Dim a = dim == Dim::kY ? Dim::kYo : dim == Dim::kX ? Dim::kXo : dim;
  for (int i = 0; i < s.n; ++i) {
    if (s.dims[i] == a && (s.conv_like || dim == a)) return i;
  }
  return -1;
}

}  // namespace

std::optional<Genome> FromResolved(const SearchSpace& s,
                                   const ResolvedMapping& m) {
  const int levels = static_cast<int>(m.levels.size());
  if (levels < 1 || levels > s.max_levels) return std::nullopt;
  Genome g;
  g.num_levels = levels;
  for (int l = 0; l < levels; ++l) {
    GenomeLevel& lv = g.levels[l];
    lv.cluster = l == 0 ? 1 : m.levels[l].num_units;
    int spatial = 0, k = 0;
    uint32_t seen = 0;
    for (const Map& mp : m.levels[l].maps) {
      if (mp.dim == Dim::kR || mp.dim == Dim::kS) {
        if (mp.spatial() || mp.size < s.layer.Get(mp.dim)) return std::nullopt;
        continue;
      }
      const int d = SearchedIndex(s, mp.dim);
      if (d < 0) {
        if (s.layer.GetOr1(mp.dim) == 1 && !mp.spatial()) continue;
        return std::nullopt;
      }
      if (seen & (1u << d)) return std::nullopt;
      seen |= 1u << d;
      const int64_t t = TileOfMap(s, mp, d, ParentTile(s, g, l, d));
      if (t < 1) return std::nullopt;
      lv.tile[d] = t;
      lv.order[k++] = static_cast<int8_t>(d);
      if (mp.spatial()) {
        lv.sp = static_cast<int8_t>(d);
        ++spatial;
      }
    }
    if (spatial != 1) return std::nullopt;
    for (int d = 0; d < s.n; ++d) {
      if (seen & (1u << d)) continue;
      lv.tile[d] = ParentTile(s, g, l, d);
      lv.order[k++] = static_cast<int8_t>(d);
    }
    for (int i = s.n; i < kMaxDims; ++i) lv.order[i] = static_cast<int8_t>(i);
  }
  if (!StructuralError(s, g).empty()) return std::nullopt;
  return g;
}

}  // namespace maestro::search
