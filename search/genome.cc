#include "search/genome.h"

#include <algorithm>
#include <numeric>

#include "absl/strings/str_cat.h"
#include "search/rng.h"

namespace maestro::search {

absl::string_view SpatialFilterName(SpatialFilter f) {
  switch (f) {
    case SpatialFilter::kRs:
      return "rs";
    case SpatialFilter::kCospatial:
      return "cospatial";
    default:
      return "off";
  }
}

std::optional<SpatialFilter> ParseSpatialFilter(absl::string_view text) {
  for (SpatialFilter f :
       {SpatialFilter::kOff, SpatialFilter::kRs, SpatialFilter::kCospatial}) {
    if (text == SpatialFilterName(f)) return f;
  }
  return std::nullopt;
}

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

std::vector<int64_t> Divisors(int64_t n) {
  std::vector<int64_t> small, large;
  for (int64_t i = 1; i * i <= n; ++i) {
    if (n % i != 0) continue;
    small.push_back(i);
    if (i != n / i) large.push_back(n / i);
  }
  small.insert(small.end(), large.rbegin(), large.rend());
  return small;
}

namespace {

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

// The filter slot a pair on searched dim `sp` (Y' or X') spreads.
int PairSlot(const SearchSpace& s, int sp) {
  return s.dims[sp] == Dim::kYo ? kSlotR : kSlotS;
}

// Whether a level spreading searched dim `sp` may carry the pair.
bool PairPossible(const SearchSpace& s, int sp) {
  return s.spatial_rs == SpatialFilter::kCospatial && sp >= 0 && sp < s.n &&
         IsRowDim(s.dims[sp]) && s.SlotExtent(PairSlot(s, sp)) >= 2;
}

bool SpatialInRange(const SearchSpace& s, int sp) {
  if (sp >= 0 && sp < s.n) return true;
  return s.spatial_rs != SpatialFilter::kOff && (sp == kSlotR || sp == kSlotS);
}

// The largest tile a level may give filter slot `f` under parent `p`.
int64_t FilterCap(const SearchSpace& s, const GenomeLevel& lv, int f,
                  int64_t p) {
  return lv.co ? std::min(p, s.SlotExtent(f) - 1) : p;
}

GenomeLevel ClearedLevel() {
  GenomeLevel lv;
  for (int i = 0; i < kMaxDims; ++i) lv.order[i] = static_cast<int8_t>(i);
  return lv;
}

}  // namespace

std::vector<int64_t> SearchSpace::TileChoices(int d, int64_t p) const {
  return Choices(tiles, p);
}

int SearchSpace::SpatialChoices() const {
  if (spatial_rs == SpatialFilter::kOff) return n;
  int k = n + 2;
  for (int d = 0; d < n; ++d) k += PairPossible(*this, d);
  return k;
}

SpatialChoice SpatialChoiceAt(const SearchSpace& s, int k) {
  if (k < s.n) return {static_cast<int8_t>(k), false};
  if (k < s.n + 2) return {static_cast<int8_t>(k == s.n ? kSlotR : kSlotS)};
  k -= s.n + 2;
  for (int d = 0; d < s.n; ++d) {
    if (PairPossible(s, d) && k-- == 0) return {static_cast<int8_t>(d), true};
  }
  return {};
}

int SpreadSlot(const SearchSpace& s, const GenomeLevel& lv) {
  return lv.co ? PairSlot(s, lv.sp) : lv.sp;
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
  s.spatial_rs = s.conv_like ? options.spatial_rs : SpatialFilter::kOff;
  s.filter_extent = {layer.GetOr1(Dim::kR), layer.GetOr1(Dim::kS)};
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
    if (s.spatial_rs == SpatialFilter::kOff) {
      lv.sp = static_cast<int8_t>(rng.Uniform(0, s.n - 1));
    } else {
      const SpatialChoice c = SpatialChoiceAt(
          s, static_cast<int>(rng.Uniform(0, s.SpatialChoices() - 1)));
      lv.sp = c.sp;
      lv.co = c.co;
    }
    for (int d = 0; d < s.n; ++d) {
      lv.tile[d] = s.DrawTile(d, ParentTile(s, g, l, d), rng);
    }
    if (s.spatial_rs != SpatialFilter::kOff) {
      for (int f : {kSlotR, kSlotS}) {
        const int64_t p = ParentTile(s, g, l, f);
        lv.tile[f] = SpreadSlot(s, lv) == f ? s.DrawTile(f, p, rng) : p;
      }
    }
    lv.cluster =
        l == 0 ? 1 : cs[rng.Uniform(0, static_cast<int64_t>(cs.size()) - 1)];
  }
  Repair(s, g);
  return g;
}

int64_t ParentTile(const SearchSpace& s, const Genome& g, int level, int d) {
  return level == 0 ? s.SlotExtent(d) : g.levels[level - 1].tile[d];
}

int64_t Trips(const SearchSpace& s, const Genome& g, int level, int d) {
  const int64_t p = ParentTile(s, g, level, d);
  const int64_t t = g.levels[level].tile[d];
  return (p + t - 1) / t;
}

namespace {

// The filter slots of level l (spread filter dims): the spread one clamped
// under its parent (a pair's below R), the others their parent's.
void RepairFilterTiles(const SearchSpace& s, Genome& g, int l) {
  GenomeLevel& lv = g.levels[l];
  for (int f : {kSlotR, kSlotS}) {
    const int64_t p = ParentTile(s, g, l, f);
    if (SpreadSlot(s, lv) != f) {
      lv.tile[f] = p;
      continue;
    }
    const int64_t t =
        std::clamp<int64_t>(lv.tile[f], 1, FilterCap(s, lv, f, p));
    lv.tile[f] = InDomain(s.tiles, t, p) ? t : FloorTo(Choices(s.tiles, p), t);
  }
}

}  // namespace

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
    const bool filter = s.spatial_rs != SpatialFilter::kOff;
    if (!SpatialInRange(s, lv.sp)) lv.sp = 0;
    if (lv.co && !PairPossible(s, lv.sp)) lv.co = false;
    for (int d = 0; d < kMaxDims; ++d) {
      if (d >= s.n) {
        lv.tile[d] = 0;
        continue;
      }
      const int64_t p = l == 0 ? s.extent[d] : g.levels[l - 1].tile[d];
      const int64_t t = std::clamp<int64_t>(lv.tile[d], 1, p);
      lv.tile[d] =
          InDomain(s.tiles, t, p) ? t : FloorTo(Choices(s.tiles, p), t);
    }
    if (filter) {
      if (lv.co) lv.tile[lv.sp] = ParentTile(s, g, l, lv.sp);  // pair's Y'
      RepairFilterTiles(s, g, l);
    } else {
      lv.tile[kSlotR] = lv.tile[kSlotS] = 0;
    }
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

namespace {

std::string FilterTileError(const SearchSpace& s, const Genome& g, int l) {
  if (s.spatial_rs == SpatialFilter::kOff) return "";
  const GenomeLevel& lv = g.levels[l];
  for (int f : {kSlotR, kSlotS}) {
    const int64_t p = ParentTile(s, g, l, f);
    const int64_t t = lv.tile[f];
    const bool spread = SpreadSlot(s, lv) == f;
    if (spread ? InDomain(s.tiles, t, p) && t <= FilterCap(s, lv, f, p)
               : t == p) {
      continue;
    }
    return absl::StrCat("level ", l, " tile of ", f == kSlotR ? "R" : "S",
                        " is ", t, " under a parent tile of ", p,
                        spread ? (lv.co ? " (a pair's: below the filter)" : "")
                               : " (not spread: the parent's)");
  }
  return "";
}

}  // namespace

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
    if (!SpatialInRange(s, lv.sp)) return "spatial dim out of range";
    if (lv.co && !PairPossible(s, lv.sp)) {
      return absl::StrCat("level ", l,
                          " has a co-spatial filter map but its spatial dim "
                          "is not Y' or X' (or the space has no pairs)");
    }
    for (int d = 0; d < s.n; ++d) {
      const int64_t p = ParentTile(s, g, l, d);
      if (!InDomain(s.tiles, lv.tile[d], p)) {
        return absl::StrCat("level ", l, " tile of ", DimName(s.dims[d]),
                            " is ", lv.tile[d], " under a parent tile of ", p);
      }
      if (lv.co && d == lv.sp && lv.tile[d] != p) {
        return absl::StrCat("level ", l, " pairs ", DimName(s.dims[d]),
                            " with a filter dim but tiles it (", lv.tile[d],
                            " of ", p, ")");
      }
    }
    std::string filter = FilterTileError(s, g, l);
    if (!filter.empty()) return filter;
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

bool Ordered(const SearchSpace& s, const Genome& g, int level, int d) {
  const GenomeLevel& lv = g.levels[level];
  return Trips(s, g, level, d) > 1 || (lv.co && d == lv.sp);
}

Genome Canonical(const SearchSpace& s, const Genome& g) {
  Genome c = g;
  for (int l = g.num_levels; l < kMaxLevels; ++l) c.levels[l] = ClearedLevel();
  for (int l = 0; l < g.num_levels; ++l) {
    std::array<int8_t, kMaxDims> order{};
    int k = 0;
    for (int i = 0; i < s.n; ++i) {
      if (Ordered(s, g, l, g.levels[l].order[i]))
        order[k++] = g.levels[l].order[i];
    }
    for (int d = 0; d < s.n; ++d) {
      if (!Ordered(s, g, l, d)) order[k++] = static_cast<int8_t>(d);
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
    const bool filter = s.spatial_rs != SpatialFilter::kOff;
    if (filter) packed = packed * 2 + lv.co;
    h = Mix64(h ^ packed);
    for (int d = 0; d < s.n; ++d)
      h = Mix64(h ^ static_cast<uint64_t>(lv.tile[d]));
    if (filter) {
      h = Mix64(h ^ static_cast<uint64_t>(lv.tile[kSlotR]));
      h = Mix64(h ^ static_cast<uint64_t>(lv.tile[kSlotS]));
    }
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
    if (lv.co && d == lv.sp) {  // SpatialMap(r,r) Y; SpatialMap(r,r) R
      const bool y = s.dims[d] == Dim::kYo;
      const int64_t r = lv.tile[PairSlot(s, d)];
      out.Add({DirectiveKind::kSpatialMap, r, r, y ? Dim::kY : Dim::kX});
      out.Add({DirectiveKind::kSpatialMap, r, r, y ? Dim::kR : Dim::kS});
      continue;
    }
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
      const int slot = f == Dim::kR ? kSlotR : kSlotS;
      if (lv.co && PairSlot(s, lv.sp) == slot) continue;  // with its Y/X
      Map m;
      m.size = m.offset = ly.Get(f);
      if (lv.sp == slot) {
        m.kind = DirectiveKind::kSpatialMap;
        m.size = m.offset = lv.tile[slot];
      }
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
    const GenomeLevel& lv = c.levels[l];
    for (int i = 0; i < s.n; ++i) {
      const int d = lv.order[i];
      absl::StrAppend(&out, i ? " " : "", DimName(s.dims[d]), lv.tile[d],
                      d == lv.sp ? "*" : "");
    }
    const int f = SpreadSlot(s, lv);
    if (f >= kMaxDims) {  // a spread filter dim: "R1*"
      absl::StrAppend(&out, " ", f == kSlotR ? "R" : "S", lv.tile[f], "*");
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

// The index of the Y (X) map that is the Y'+R (X'+S) pair's half at a
// level, as the engine reads it (its first Y/X map, in input coordinates,
// and its first R/S map: both spatial, equal size = offset < the filter);
// -1 when none or the space has no pairs.
std::array<int, 2> PairHalves(const SearchSpace& s,
                              const std::vector<Map>& maps) {
  std::array<int, 2> half{-1, -1};
  if (s.spatial_rs != SpatialFilter::kCospatial) return half;
  const std::array<std::array<Dim, 3>, 2> axes = {
      {{Dim::kY, Dim::kYo, Dim::kR}, {Dim::kX, Dim::kXo, Dim::kS}}};
  for (int k = 0; k < 2; ++k) {
    int jy = -1, jf = -1;
    for (int j = static_cast<int>(maps.size()) - 1; j >= 0; --j) {
      if (maps[j].dim == axes[k][0] || maps[j].dim == axes[k][1]) jy = j;
      if (maps[j].dim == axes[k][2]) jf = j;
    }
    if (jy < 0 || jf < 0) continue;
    const Map &y = maps[jy], &f = maps[jf];
    if (y.dim == axes[k][0] && y.spatial() && f.spatial() && y.size == f.size &&
        y.offset == f.offset && y.size == y.offset &&
        y.size < s.layer.GetOr1(axes[k][2])) {
      half[k] = jy;
    }
  }
  return half;
}

// Level l of FromResolved; false when it has no genome form.
bool LevelFromMaps(const SearchSpace& s, const ClusterLevel& cl, int l,
                   Genome& g) {
  GenomeLevel& lv = g.levels[l];
  lv.cluster = l == 0 ? 1 : cl.num_units;
  const std::array<int, 2> half = PairHalves(s, cl.maps);
  int spatial = 0, k = 0;
  uint32_t seen = 0;  // searched dims and filter slots
  for (int j = 0; j < static_cast<int>(cl.maps.size()); ++j) {
    const Map& mp = cl.maps[j];
    if (mp.dim == Dim::kR || mp.dim == Dim::kS) {
      if (!mp.spatial()) {
        if (mp.size < s.layer.Get(mp.dim)) return false;
        continue;
      }
      const int slot = mp.dim == Dim::kR ? kSlotR : kSlotS;
      if (s.spatial_rs == SpatialFilter::kOff || (seen & (1u << slot)))
        return false;
      seen |= 1u << slot;
      const int64_t p = ParentTile(s, g, l, slot);
      if (mp.size != mp.offset && mp.size < p) return false;
      lv.tile[slot] = std::min(mp.size, p);
      if (half[slot - kSlotR] < 0) {
        lv.sp = static_cast<int8_t>(slot);
        ++spatial;
      }
      continue;
    }
    const int d = SearchedIndex(s, mp.dim);
    if (d < 0) {
      if (s.layer.GetOr1(mp.dim) == 1 && !mp.spatial()) continue;
      return false;
    }
    if (seen & (1u << d)) return false;
    seen |= 1u << d;
    lv.order[k++] = static_cast<int8_t>(d);
    if (j == half[0] || j == half[1]) {  // the pair: Y' untiled here
      lv.tile[d] = ParentTile(s, g, l, d);
      lv.sp = static_cast<int8_t>(d);
      lv.co = true;
      ++spatial;
      continue;
    }
    const int64_t t = TileOfMap(s, mp, d, ParentTile(s, g, l, d));
    if (t < 1) return false;
    lv.tile[d] = t;
    if (mp.spatial()) {
      lv.sp = static_cast<int8_t>(d);
      ++spatial;
    }
  }
  if (spatial != 1) return false;
  for (int d = 0; d < s.n; ++d) {
    if (seen & (1u << d)) continue;
    lv.tile[d] = ParentTile(s, g, l, d);
    lv.order[k++] = static_cast<int8_t>(d);
  }
  for (int i = s.n; i < kMaxDims; ++i) lv.order[i] = static_cast<int8_t>(i);
  for (int f : {kSlotR, kSlotS}) {
    if (s.spatial_rs != SpatialFilter::kOff && !(seen & (1u << f)))
      lv.tile[f] = ParentTile(s, g, l, f);
  }
  return true;
}

}  // namespace

std::optional<Genome> FromResolved(const SearchSpace& s,
                                   const ResolvedMapping& m) {
  const int levels = static_cast<int>(m.levels.size());
  if (levels < 1 || levels > s.max_levels) return std::nullopt;
  Genome g;
  g.num_levels = levels;
  for (int l = 0; l < levels; ++l) {
    if (!LevelFromMaps(s, m.levels[l], l, g)) return std::nullopt;
  }
  if (!StructuralError(s, g).empty()) return std::nullopt;
  return g;
}

}  // namespace maestro::search
