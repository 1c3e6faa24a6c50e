#include "search/marvel.h"

#include <algorithm>
#include <numeric>
#include <queue>
#include <tuple>

#include "absl/strings/str_cat.h"

namespace maestro::search {
namespace {

int64_t CeilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

// Divisors of D and ceil(D / k) for k <= 8, ascending.
std::vector<int64_t> TopTileChoices(int64_t D) {
  std::vector<int64_t> c = Divisors(D);
  for (int64_t k = 1; k <= 8; ++k) c.push_back(CeilDiv(D, k));
  std::sort(c.begin(), c.end());
  c.erase(std::unique(c.begin(), c.end()), c.end());
  return c;
}

DimArray TripsOf(const SearchSpace& s, const DimArray& parent,
                 const DimArray& tiles) {
  DimArray n{};
  for (int d = 0; d < s.n; ++d) n[d] = CeilDiv(parent[d], tiles[d]);
  return n;
}

// A level's tiles of the searched dims.
DimArray SearchedTiles(const GenomeLevel& lv) {
  DimArray t{};
  std::copy(lv.tile.begin(), lv.tile.begin() + kMaxDims, t.begin());
  return t;
}

DimArray Extents(const SearchSpace& s) {
  DimArray e{};
  for (int d = 0; d < s.n; ++d) e[d] = s.extent[d];
  return e;
}

// The trips' product over every subset of the searched dims (bit d: dim d).
using SubsetProducts = std::array<int64_t, 1 << kMaxDims>;
SubsetProducts ProductsOf(const SearchSpace& s, const DimArray& trips) {
  SubsetProducts product;
  product[0] = 1;
  for (uint32_t m = 1; m < (1u << s.n); ++m) {
    product[m] = product[m & (m - 1)] * trips[__builtin_ctz(m)];
  }
  return product;
}

// loads_A: the trips' product over the order's prefix up to the last dim
// of A (`dims`: TensorTile::dims of the three tensors).
std::array<int64_t, 3> LoadsOf(const SearchSpace& s,
                               const std::array<uint32_t, 3>& dims,
                               const SubsetProducts& product,
                               const Order& order) {
  std::array<uint32_t, 3> prefix{};
  uint32_t seen = 0;
  for (int p = 0; p < s.n; ++p) {
    seen |= 1u << order[p];
    for (int a = 0; a < 3; ++a) {
      if (dims[a] >> order[p] & 1u) prefix[a] = seen;
    }
  }
  return {product[prefix[0]], product[prefix[1]], product[prefix[2]]};
}

std::array<uint32_t, 3> DimsOf(const std::array<TensorTile, 3>& t) {
  return {t[0].dims, t[1].dims, t[2].dims};
}

std::array<int64_t, 3> LoadsOfTrips(const SearchSpace& s,
                                    const std::array<TensorTile, 3>& t,
                                    const DimArray& trips, const Order& order) {
  return LoadsOf(s, DimsOf(t), ProductsOf(s, trips), order);
}

Order Identity() {
  Order o{};
  for (int i = 0; i < kMaxDims; ++i) o[i] = static_cast<int8_t>(i);
  return o;
}

int64_t Factorial(int n) {
  int64_t f = 1;
  for (int i = 2; i <= n; ++i) f *= i;
  return f;
}

// The k-th permutation of 0..n-1 in lexicographic order.
Order NthPermutation(int n, int64_t k) {
  Order pool = Identity();  // the dims not placed yet, first n - i
  Order o = Identity();
  for (int i = 0; i < n; ++i) {
    const int64_t f = Factorial(n - 1 - i);
    const int j = static_cast<int>(k / f);
    k %= f;
    o[i] = pool[j];
    std::copy(pool.begin() + j + 1, pool.begin() + n - i, pool.begin() + j);
  }
  return o;
}

// The Lehmer rank of a permutation of 0..n-1 (NthPermutation's inverse).
int64_t RankOf(int n, const Order& o) {
  int64_t rank = 0;
  uint32_t placed = 0;
  for (int i = 0; i < n; ++i) {
    int below = 0;  // dims below o[i] not placed yet
    for (int d = 0; d < o[i]; ++d) below += (placed >> d & 1u) ? 0 : 1;
    rank += below * Factorial(n - 1 - i);
    placed |= 1u << o[i];
  }
  return rank;
}

// The first permutation in lexicographic order, extending the first `pos`
// dims of `o` (the set `seen`, whose trips multiply to `prod`), whose loads
// are `want`: a depth-first walk, smallest dim first. A tensor's loads are
// the product over the prefix that ends with its last dim, and the trips
// are >= 1, so a prefix whose product already exceeds the loads of a
// tensor not yet complete, or that completes a tensor with other loads,
// has no such extension.
bool FirstExtension(int n, const std::array<uint32_t, 3>& dims,
                    const DimArray& trips, const std::array<int64_t, 3>& want,
                    int pos, uint32_t seen, int64_t prod, Order& o) {
  if (pos == n) return true;
  for (int d = 0; d < n; ++d) {
    if (seen >> d & 1u) continue;
    const uint32_t next = seen | 1u << d;
    const int64_t p = prod * trips[d];
    bool ok = true;
    for (int a = 0; a < 3 && ok; ++a) {
      const bool complete = (dims[a] & ~next) == 0;
      if (complete && (dims[a] >> d & 1u)) {
        ok = p == want[a];
      } else if (!complete) {
        ok = p <= want[a];
      }
    }
    if (!ok) continue;
    o[pos] = static_cast<int8_t>(d);
    if (FirstExtension(n, dims, trips, want, pos + 1, next, p, o)) return true;
  }
  return false;
}

int64_t FirstOfClass(const SearchSpace& s, const std::array<uint32_t, 3>& dims,
                     const DimArray& top, const DimArray& in,
                     const Order& order) {
  return FirstOfLoadsClass(s, dims, TripsOf(s, top, in), order);
}

// Level 0's tiles: the candidate's, the spatial dim's ceil(T / units) so
// that the units together cover T.
DimArray TopTiles(const SearchSpace& s, const OffchipCandidate& c, int sp0,
                  int64_t units) {
  DimArray t = c.tiles;
  t[sp0] = CeilDiv(c.tiles[sp0], units);
  return t;
}

// The index of the largest of the ascending `choices` not above v (the
// first when v is below them all).
size_t FloorIndex(const std::vector<int64_t>& choices, int64_t v) {
  const size_t i =
      std::upper_bound(choices.begin(), choices.end(), v) - choices.begin();
  return i == 0 ? 0 : i - 1;
}

int64_t L1Need(const SearchSpace& s, const DimArray& tiles) {
  int64_t v = 0;
  for (const TensorTile& t : MarvelTensors(s, tiles)) v += t.volume();
  return 2 * v;
}

// The distinct-block traffic of OffchipTraffic from its parts.
int64_t TrafficOf(const SearchSpace& s, const std::array<TensorTile, 3>& t,
                  const DimArray& trips, const std::array<int64_t, 3>& loads,
                  const std::array<int64_t, 3>& blocks, int64_t burst) {
  int64_t out_tiles = 1;
  for (int d = 0; d < s.n; ++d) {
    if (t[2].dims >> d & 1u) out_tiles *= trips[d];
  }
  return loads[0] * blocks[0] * burst + loads[1] * blocks[1] * burst +
         (2 * loads[2] - out_tiles) * blocks[2] * burst;
}

// Layouts of a tensor of rank r: r! permutations, r choices of fastest dim.
long double LayoutPermutations(const std::array<TensorTile, 3>& t) {
  long double z = 1;
  for (const TensorTile& x : t) z *= Factorial(x.rank);
  return z;
}
long double LayoutClasses(const std::array<TensorTile, 3>& t) {
  long double z = 1;
  for (const TensorTile& x : t) z *= x.rank;
  return z;
}

}  // namespace

int64_t FirstOfLoadsClass(const SearchSpace& s,
                          const std::array<uint32_t, 3>& dims,
                          const DimArray& trips, const Order& order) {
  std::array<int64_t, 3> want{1, 1, 1};
  int64_t prod = 1;
  for (int p = 0; p < s.n; ++p) {
    prod *= trips[order[p]];
    for (int a = 0; a < 3; ++a) {
      if (dims[a] >> order[p] & 1u) want[a] = prod;
    }
  }
  Order first = Identity();
  // (`order` itself extends the empty prefix, so the walk finds one.)
  FirstExtension(s.n, dims, trips, want, 0, 0, 1, first);
  return RankOf(s.n, first);
}

int64_t TensorTile::volume() const {
  int64_t v = 1;
  for (int i = 0; i < rank; ++i) v *= extent[i];
  return v;
}

int64_t TensorTile::Blocks(int64_t burst) const {
  int64_t v = CeilDiv(extent[fastest], burst);
  for (int i = 0; i < rank; ++i) {
    if (i != fastest) v *= extent[i];
  }
  return v;
}

std::array<TensorTile, 3> MarvelTensors(const SearchSpace& s,
                                        const DimArray& tiles) {
  // The tile of the layer's dim d and its bit (1, 0: not searched).
  auto of = [&](Dim d) -> std::pair<int64_t, uint32_t> {
    for (int i = 0; i < s.n; ++i) {
      if (s.dims[i] == d) return {tiles[i], 1u << i};
    }
    return {1, 0};
  };
  auto add = [](TensorTile& t, const char* name, int64_t extent, uint32_t bit) {
    t.name[t.rank] = name;
    t.extent[t.rank++] = extent;
    t.dims |= bit;
  };
  std::array<TensorTile, 3> t{};
  const Layer& l = s.layer;
  if (!s.conv_like) {  // GEMM: A = M x K, B = K x N, C = M x N
    const auto [m, mb] = of(Dim::kM);
    const auto [n, nb] = of(Dim::kN);
    const auto [k, kb] = of(Dim::kK);
    add(t[0], "M", m, mb), add(t[0], "K", k, kb);
    add(t[1], "K", k, kb), add(t[1], "N", n, nb);
    add(t[2], "M", m, mb), add(t[2], "N", n, nb);
  } else {
    const bool dw = l.type == LayerType::kDsconv;
    const auto [n, nb] = of(Dim::kN);
    const auto [k, kb] = of(Dim::kK);
    const auto [c, cb] = of(Dim::kC);
    const auto [y, yb] = of(Dim::kYo);
    const auto [x, xb] = of(Dim::kXo);
    const int64_t R = l.Get(Dim::kR), S = l.Get(Dim::kS);
    add(t[0], "N", n, nb), add(t[0], "C", c, cb);
    add(t[0], "Y", (y - 1) * l.stride_y + R, yb);
    add(t[0], "X", (x - 1) * l.stride_x + S, xb);
    if (!dw) add(t[1], "K", k, kb);
    add(t[1], "C", c, cb), add(t[1], "R", R, 0), add(t[1], "S", S, 0);
    add(t[2], "N", n, nb);
    if (dw) {
      add(t[2], "C", c, cb);
    } else {
      add(t[2], "K", k, kb);
    }
    add(t[2], "Y'", y, yb), add(t[2], "X'", x, xb);
  }
  for (TensorTile& x : t) {
    for (int i = 0; i < x.rank; ++i)
      x.extent[i] = std::max<int64_t>(x.extent[i], 1);
    x.fastest = x.rank - 1;
  }
  return t;
}

Layout RowMajorLayout(const std::array<TensorTile, 3>& t) {
  Layout l{};
  for (int a = 0; a < 3; ++a) l[a] = static_cast<int8_t>(t[a].rank - 1);
  return l;
}

Layout BestLayout(const std::array<TensorTile, 3>& t, int64_t burst) {
  Layout l{};
  for (int a = 0; a < 3; ++a) {
    TensorTile x = t[a];
    int best = x.rank - 1;
    x.fastest = best;
    int64_t fewest = x.Blocks(burst);
    for (int f = x.rank - 2; f >= 0; --f) {
      x.fastest = f;
      const int64_t b = x.Blocks(burst);
      if (b < fewest) fewest = b, best = f;
    }
    l[a] = static_cast<int8_t>(best);
  }
  return l;
}

std::string LayoutName(const std::array<TensorTile, 3>& t, const Layout& l,
                       int a) {
  std::string out;
  for (int i = 0; i < t[a].rank; ++i) {
    if (i != l[a]) out += t[a].name[i];
  }
  return out + t[a].name[l[a]];
}

std::vector<std::pair<std::string, std::string>> TensorLayouts(
    const SearchSpace& s, const DimArray& tiles, const Layout& l) {
  const std::array<TensorTile, 3> t = MarvelTensors(s, tiles);
  const char* const conv[] = {"input", "filter", "output"};
  const char* const gemm[] = {"A", "B", "C"};
  std::vector<std::pair<std::string, std::string>> out;
  for (int a = 0; a < 3; ++a) {
    out.emplace_back((s.conv_like ? conv : gemm)[a], LayoutName(t, l, a));
  }
  return out;
}

std::string LayoutText(
    const std::vector<std::pair<std::string, std::string>>& layouts) {
  std::string out;
  for (const auto& [tensor, layout] : layouts) {
    absl::StrAppend(&out, out.empty() ? "" : ", ", tensor, " ", layout);
  }
  return out;
}

std::string LayoutText(const SearchSpace& s, const DimArray& tiles,
                       const Layout& l) {
  return LayoutText(TensorLayouts(s, tiles, l));
}

std::optional<DramLayout> ParseDramLayout(std::string_view text) {
  if (text == "searched") return DramLayout::kSearched;
  if (text == "row-major") return DramLayout::kRowMajor;
  return std::nullopt;
}

std::array<int64_t, 3> Loads(const SearchSpace& s, const DimArray& tiles,
                             const Order& order) {
  return LoadsOfTrips(s, MarvelTensors(s, tiles), TripsOf(s, Extents(s), tiles),
                      order);
}

int64_t OffchipTraffic(const SearchSpace& s, const DimArray& tiles,
                       const Order& order, int64_t burst) {
  return OffchipTraffic(s, tiles, order,
                        RowMajorLayout(MarvelTensors(s, tiles)), burst);
}

int64_t OffchipTraffic(const SearchSpace& s, const DimArray& tiles,
                       const Order& order, const Layout& layout,
                       int64_t burst) {
  std::array<TensorTile, 3> t = MarvelTensors(s, tiles);
  const DimArray n = TripsOf(s, Extents(s), tiles);
  std::array<int64_t, 3> blocks{};
  for (int a = 0; a < 3; ++a) {
    t[a].fastest = layout[a];
    blocks[a] = t[a].Blocks(burst);
  }
  return TrafficOf(s, t, n, LoadsOfTrips(s, t, n, order), blocks, burst);
}

std::vector<OffchipCandidate> PhaseA(const SearchSpace& s, int64_t l2, int keep,
                                     PhaseASize* size, DramLayout layout) {
  const bool searched = layout == DramLayout::kSearched;
  std::vector<std::vector<int64_t>> choices(s.n);
  for (int d = 0; d < s.n; ++d) choices[d] = TopTileChoices(s.extent[d]);
  const int64_t perms = Factorial(s.n);
  auto worse = [](const OffchipCandidate& a, const OffchipCandidate& b) {
    return std::tie(a.traffic, a.tiles, a.order, a.layout) <
           std::tie(b.traffic, b.tiles, b.order, b.layout);
  };
  // A max-heap of the best `keep`.
  std::priority_queue<OffchipCandidate, std::vector<OffchipCandidate>,
                      decltype(worse)>
      best(worse);
  PhaseASize z;
  std::vector<size_t> idx(s.n, 0);
  while (true) {
    DimArray tiles{};
    for (int d = 0; d < s.n; ++d) tiles[d] = choices[d][idx[d]];
    std::array<TensorTile, 3> t = MarvelTensors(s, tiles);
    const long double layouts = searched ? LayoutPermutations(t) : 1;
    const long double layout_classes = searched ? LayoutClasses(t) : 1;
    z.raw += perms * layouts;
    const bool fits = 2 * (t[0].volume() + t[1].volume() + t[2].volume()) <= l2;
    const DimArray n = TripsOf(s, Extents(s), tiles);
    const SubsetProducts product = ProductsOf(s, n);
    const std::array<uint32_t, 3> dims = DimsOf(t);
    const Layout lay = searched ? BestLayout(t) : RowMajorLayout(t);
    std::array<int64_t, 3> blocks{};
    for (int a = 0; a < 3; ++a) {
      t[a].fastest = lay[a];
      blocks[a] = t[a].Blocks(kDramBurst);
    }
    std::vector<std::array<int64_t, 3>> seen;
    Order o = Identity();
    do {
      const std::array<int64_t, 3> loads = LoadsOf(s, dims, product, o);
      if (std::find(seen.begin(), seen.end(), loads) != seen.end()) continue;
      seen.push_back(loads);
      z.classes += layout_classes;
      if (!fits) continue;
      z.feasible += layout_classes;
      OffchipCandidate c{
          tiles, o,  lay, TrafficOf(s, t, n, loads, blocks, kDramBurst),
          {},    {}, {}};
      if (static_cast<int>(best.size()) < keep) {
        best.push(c);
      } else if (worse(c, best.top())) {
        best.pop();
        best.push(c);
      }
    } while (std::next_permutation(o.begin(), o.begin() + s.n));
    int d = 0;
    while (d < s.n && ++idx[d] == choices[d].size()) idx[d++] = 0;
    if (d == s.n) break;
  }
  std::vector<OffchipCandidate> out;
  while (!best.empty()) {
    out.push_back(best.top());
    best.pop();
  }
  std::reverse(out.begin(), out.end());
  for (OffchipCandidate& c : out) {
    c.tensor_dims = DimsOf(MarvelTensors(s, c.tiles));
    c.pe_divisors = Divisors(s.num_pes);
    for (int d = 0; d < s.n; ++d) c.tile_divisors[d] = Divisors(c.tiles[d]);
  }
  if (size) *size = z;
  return out;
}

long double PhaseBSize(const SearchSpace& s, const OffchipCandidate& c) {
  if (s.max_levels < 2) return s.n;
  long double z = static_cast<long double>(s.n) * s.n * c.pe_divisors.size() *
                  Factorial(s.n);
  for (int d = 0; d < s.n; ++d) z *= c.tile_divisors[d].size();
  return z;
}

std::optional<Genome> PhaseBGenome(const SearchSpace& s,
                                   const OffchipCandidate& c, int64_t index,
                                   int64_t l1) {
  const int sp0 = static_cast<int>(index % s.n);
  index /= s.n;
  auto level0 = [&](Genome& g, const DimArray& tiles) {
    GenomeLevel& top = g.levels[0];
    top.order = c.order;
    top.sp = static_cast<int8_t>(sp0);
    std::copy(tiles.begin(), tiles.end(), top.tile.begin());
  };
  if (s.max_levels < 2) {
    Genome g = AllOnesGenome(s);
    level0(g, TopTiles(s, c, sp0, s.num_pes));
    Repair(s, g);
    if (L1Need(s, SearchedTiles(g.levels[0])) > l1) return std::nullopt;
    return g;
  }
  // The digits first, each pruning test as soon as its digits are read (a
  // draw is usually pruned: decoding stays cheap), the genome last.
  const std::vector<int64_t>& pes = c.pe_divisors;
  const int64_t c1 = pes[index % pes.size()];
  index /= static_cast<int64_t>(pes.size());
  const int sp1 = static_cast<int>(index % s.n);
  index /= s.n;
  const DimArray top_tiles = TopTiles(s, c, sp0, s.num_pes / c1);
  DimArray in_tiles{};
  for (int d = 0; d < s.n; ++d) {
    const std::vector<int64_t>& dv = c.tile_divisors[d];
    in_tiles[d] = dv[index % dv.size()];
    index /= static_cast<int64_t>(dv.size());
    if (in_tiles[d] > top_tiles[d]) return std::nullopt;
  }
  const int64_t perm = index % Factorial(s.n);
  const Order order = NthPermutation(s.n, perm);
  // One inner order per loads class: the first permutation of the class.
  if (FirstOfClass(s, c.tensor_dims, top_tiles, in_tiles, order) != perm) {
    return std::nullopt;
  }
  if (L1Need(s, in_tiles) > l1) return std::nullopt;
  // (Not AllOnesGenome: the Repair below sets every field that one's
  // Repair would, from the fields set here, so the genome is the same;
  // levels 0 and 1 get their orders whole, Repair clears the deeper ones.)
  Genome g;
  level0(g, top_tiles);
  g.num_levels = 2;
  GenomeLevel& in = g.levels[1];
  in.cluster = c1;
  in.sp = static_cast<int8_t>(sp1);
  std::copy(in_tiles.begin(), in_tiles.end(), in.tile.begin());
  in.order = order;
  Repair(s, g);
  if (!StructuralError(s, g).empty()) return std::nullopt;
  return g;
}

int64_t PhaseBIndex(const SearchSpace& s, const OffchipCandidate& c,
                    const Genome& g) {
  auto spatial = [&](const GenomeLevel& lv) {
    return lv.sp < s.n ? static_cast<int>(lv.sp) : 0;
  };
  const int sp0 = spatial(g.levels[0]);
  if (s.max_levels < 2) return sp0;
  GenomeLevel in = g.levels[1];
  if (g.num_levels < 2) {
    in = GenomeLevel();
    in.order = Identity();
    std::fill(in.tile.begin(), in.tile.end(), 1);
  }
  int64_t index = 0, radix = 1;
  auto digit = [&](int64_t v, int64_t base) {
    index += v * radix;
    radix *= base;
  };
  const std::vector<int64_t>& pes = c.pe_divisors;
  const size_t ci = FloorIndex(pes, in.cluster);
  const DimArray top = TopTiles(s, c, sp0, s.num_pes / pes[ci]);
  digit(sp0, s.n);
  digit(static_cast<int64_t>(ci), static_cast<int64_t>(pes.size()));
  digit(spatial(in), s.n);
  DimArray tiles{};
  for (int d = 0; d < s.n; ++d) {
    const std::vector<int64_t>& dv = c.tile_divisors[d];
    const size_t j = FloorIndex(dv, std::min(in.tile[d], top[d]));
    tiles[d] = dv[j];
    digit(static_cast<int64_t>(j), static_cast<int64_t>(dv.size()));
  }
  digit(FirstOfClass(s, c.tensor_dims, top, tiles, in.order), Factorial(s.n));
  return index;
}

double PeUtilisation(const SearchSpace& s, const Genome& g) {
  int64_t used = 1;
  for (int l = 0; l < g.num_levels; ++l) {
    const GenomeLevel& lv = g.levels[l];
    const int64_t units = l == 0 ? TopUnits(s, g) : lv.cluster;
    used *= std::min(units, Trips(s, g, l, lv.sp));
  }
  return static_cast<double>(used) / s.num_pes;
}

}  // namespace maestro::search
