// A candidate mapping of one layer (the search genome), its repair,
// canonical form and 64-bit key, and its deterministic emission as a
// Dataflow value, a ResolvedMapping and `.m` text. See docs/search.md.
//
// Example:
//   absl::StatusOr<SearchSpace> sp = MakeSearchSpace(layer, hw, {});
//   Genome g = AllOnesGenome(*sp);            // every tile 1, one level
//   g.levels[0].tile[0] = 8;                  // dims are indices into sp->dims
//   Repair(*sp, g);                           // clamp tiles and clusters
//   uint64_t key = CanonicalKey(*sp, g);      // dedup and cache key
//   ResolvedMapping m = ToResolved(*sp, g);   // for AnalyzeLayer
//   engine::MappingValue v;
//   ToMappingValue(*sp, g, v);                 // for engine::Evaluate
//   Dataflow df = ToDataflow(*sp, g);         // prints as MAESTRO's grammar
//
// Per cluster level l (0 = top): `order` (a permutation of the searched dims,
// the loop order, outermost first), `sp` (the spatially mapped dim),
// `tile[d]` (1 <= tile <= the parent level's tile, the layer's extent above
// level 0) and, for l >= 1, `cluster` (the units of the Cluster(c, P) that
// opens the level). Y'/X' tiles are in output coordinates and emitted as Y/X
// maps of size (t-1)*stride+R, offset t*stride. R and S are never tiled in
// time. Opt-in (`SpatialFilter`, `--spatial-rs`): `sp` may be R or S (tile
// slots kSlotR / kSlotS, tile 1..R), and `co` adds to a level spreading Y'
// (X') a second SpatialMap on R (S), MAESTRO's row-stationary pair.
#ifndef MAESTRO_ONNX_SEARCH_GENOME_H_
#define MAESTRO_ONNX_SEARCH_GENOME_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/engine/fast_eval.h"
#include "core/hardware.h"
#include "core/layer.h"
#include "core/mapping.h"

namespace maestro::search {

inline constexpr int kMaxLevels = 3;
inline constexpr int kMaxDims = 5;  // N, K, C, Y', X'
// Tile slots: the searched dims, then the filter dims R and S (used only
// when they may be spread, SpatialFilter; 0 otherwise).
inline constexpr int kSlotR = kMaxDims, kSlotS = kMaxDims + 1;
inline constexpr int kTileSlots = kMaxDims + 2;

// The divisors of n >= 1, ascending.
std::vector<int64_t> Divisors(int64_t n);

// Which tile sizes the genome may take (`--tiles`).
enum class TileDomain : uint8_t { kAny, kDivisors, kPow2 };
absl::string_view TileDomainName(TileDomain t);  // "any", "divisors", "pow2"

// Whether a level may spread a filter dim (`--spatial-rs`): never (GAMMA's
// genome), R or S as its spatial dim (kRs), or also as a second SpatialMap
// beside Y' (R) or X' (S), the row-stationary pair `SpatialMap(r,r) Y;
// SpatialMap(r,r) R` with r < R that Eyeriss uses (kCospatial, which
// includes kRs). Conv-like layers only.
enum class SpatialFilter : uint8_t { kOff, kRs, kCospatial };
absl::string_view SpatialFilterName(SpatialFilter f);  // "off", "rs", ...
std::optional<SpatialFilter> ParseSpatialFilter(absl::string_view text);

struct SpaceOptions {
  int max_levels = 3;  // 1..kMaxLevels
  TileDomain tiles = TileDomain::kAny;
  SpatialFilter spatial_rs = SpatialFilter::kOff;
};

// The searchable dims of one layer on one hardware.
class Rng;

struct SearchSpace {
  Layer layer;
  int64_t num_pes = 1;
  int max_levels = 3;
  TileDomain tiles = TileDomain::kAny;
  int n = 0;                               // number of searched dims
  std::array<Dim, kMaxDims> dims{};        // fixed order, e.g. K C Y' X'
  std::array<int64_t, kMaxDims> extent{};  // D_d (output extents for Y'/X')
  bool conv_like = true;                   // has R/S (and Y/X overlap)
  // kOff unless conv-like (SpaceOptions::spatial_rs).
  SpatialFilter spatial_rs = SpatialFilter::kOff;

  std::array<int64_t, 2> filter_extent{1, 1};  // R, S (1 when absent)
  // The extent of a tile slot: D_d, or the filter's R / S.
  int64_t SlotExtent(int slot) const {
    return slot < kMaxDims ? extent[slot] : filter_extent[slot - kMaxDims];
  }
  // The spatial choices |P| of a level: the n searched dims, then R, S
  // (kRs), then the pairs Y'+R, X'+S (kCospatial, where R / S > 1).
  int SpatialChoices() const;

  // The allowed tiles below a parent tile `p` of dim index `d` (ascending).
  std::vector<int64_t> TileChoices(int d, int64_t p) const;
  // The allowed cluster sizes (ascending): 1..PEs, divisors or powers of 2.
  const std::vector<int64_t>& ClusterChoices() const { return clusters; }
  // A tile drawn uniformly among TileChoices(d, p).
  int64_t DrawTile(int d, int64_t p, Rng& rng) const;

  std::vector<int64_t> clusters;  // set by MakeSearchSpace
};

// CONV (and TRCONV) {[N], K, C, Y', X'}, DSCONV {[N], C, Y', X'}, GEMM {M, N,
// K}; N only when > 1. Other layer types (NGCONV) are an error.
absl::StatusOr<SearchSpace> MakeSearchSpace(const Layer& layer,
                                            const Hardware& hw,
                                            const SpaceOptions& options);

struct GenomeLevel {
  std::array<int8_t, kMaxDims> order{};  // permutation of 0..n-1
  int8_t sp = 0;  // index into dims, or kSlotR / kSlotS (SpatialFilter)
  // kCospatial, sp Y' (X'): a second SpatialMap on R (S) with the tile of
  // kSlotR (kSlotS) < R; the level's Y' (X') tile is then its parent's (the
  // pair's Y map is in input coordinates and spreads filter rows only).
  bool co = false;
  // Searched dims, then R and S: the level's filter tile (its parent's
  // unless the level spreads it; 0 when filter dims are never spread).
  std::array<int64_t, kTileSlots> tile{};
  int64_t cluster = 1;  // units of this level (level >= 1); 1 at level 0
  bool operator==(const GenomeLevel&) const = default;
};

struct Genome {
  int num_levels = 1;
  std::array<GenomeLevel, kMaxLevels> levels{};
  bool operator==(const Genome&) const = default;
};

// Spatial choice k of a level (0 <= k < s.SpatialChoices()): sp and co.
struct SpatialChoice {
  int8_t sp = 0;
  bool co = false;
};
SpatialChoice SpatialChoiceAt(const SearchSpace& s, int k);
// The tile slot the level's units spread: sp, or R / S for a pair.
int SpreadSlot(const SearchSpace& s, const GenomeLevel& lv);

// One level, identity order, sp = dims[0], every tile 1.
Genome AllOnesGenome(const SearchSpace& s);

// A uniformly drawn genome with `levels` levels: each order a uniform
// permutation, sp uniform, each tile uniform among the choices under its
// parent, each cluster uniform among the choices, then Repair().
Genome RandomGenome(const SearchSpace& s, int levels, Rng& rng);

// Makes `g` valid: levels in [1, max_levels], tiles clamped to [1, parent]
// and into the tile domain, clusters into the cluster domain with their
// product <= num_pes, unused levels cleared. Idempotent.
void Repair(const SearchSpace& s, Genome& g);

// The parent tile of dim `d` at `level` (the extent above level 0).
int64_t ParentTile(const SearchSpace& s, const Genome& g, int level, int d);
// ceil(parent / tile): how many tiles of `d` level `level` walks (spatially
// or in time). Dims with 1 trip take no part in the canonical order.
int64_t Trips(const SearchSpace& s, const Genome& g, int level, int d);
// Whether searched dim `d` keeps its place in the canonical order at
// `level`: it iterates, or it is the Y' (X') of a pair (the pair's maps
// advance over the units, so where they stand matters).
bool Ordered(const SearchSpace& s, const Genome& g, int level, int d);

// The canonical form: per level the ordered dims in `order`'s relative
// order, then the others in the fixed dim order; cleared unused levels.
Genome Canonical(const SearchSpace& s, const Genome& g);
// 64-bit hash of Canonical(g) (the layer and hardware are the caller's).
uint64_t CanonicalKey(const SearchSpace& s, const Genome& g);

// The structural validity rules (tile chain and domain, order a
// permutation, sp a searched dim, clusters in domain with product <=
// num_pes); "" when valid, else why not. Repair() output is always valid.
std::string StructuralError(const SearchSpace& s, const Genome& g);

// Top-level units: floor(num_pes / product of clusters).
int64_t TopUnits(const SearchSpace& s, const Genome& g);

// Deterministic emission (canonical order). ToResolved(g) equals
// ResolveDataflow(ToDataflow(g), layer, hw) (tested).
Dataflow ToDataflow(const SearchSpace& s, const Genome& g,
                    const std::string& name = "search");
ResolvedMapping ToResolved(const SearchSpace& s, const Genome& g);
// The same mapping as a value for the engine's fast path (engine::Evaluate;
// no allocation). ToResolved is ToResolvedMapping of it.
void ToMappingValue(const SearchSpace& s, const Genome& g,
                    engine::MappingValue& out);

// A compact human form: "L0[K4* C2 Y'1 X'1] C4 L1[...]" (* = spatial).
std::string Describe(const SearchSpace& s, const Genome& g);

// The exact genome of a resolved mapping, when it has one: one SpatialMap
// per level with size == offset (Y/X: size (t-1)*stride+R, offset
// t*stride), R/S maps covering the filter, every dim at most once per
// level; with SpatialFilter also a SpatialMap on R/S (size == offset, or
// covering) and, kCospatial, the pair SpatialMap(r,r) Y; SpatialMap(r,r) R
// with r < R. The caller still compares metrics (search.cc does).
std::optional<Genome> FromResolved(const SearchSpace& s,
                                   const ResolvedMapping& m);

}  // namespace maestro::search

#endif  // MAESTRO_ONNX_SEARCH_GENOME_H_
