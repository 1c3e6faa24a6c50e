// `--strategy marvel`: Marvel's decoupled search (Chatarasi et al., TACO
// 2021) with the rules of docs/search.md "marvel". Phase A ranks off-chip
// candidates (top-level tiles and outer loop order) by a distinct-block
// DRAM traffic model (over the DRAM layouts too, unless --marvel-layout
// row-major) and keeps the best 16; Phase B maps each one on chip
// (spatial dims, cluster sizes dividing the PEs, L1 tiles dividing their
// parent, one inner order per loads class) and the engine evaluates them.
//
// Example:
//   std::array<TensorTile, 3> t = MarvelTensors(space, top_tiles);
//   Layout l = BestLayout(t);           // e.g. the input's C fastest
//   int64_t elems = OffchipTraffic(space, top_tiles, order, l);
//   std::vector<OffchipCandidate> keep = PhaseA(space, hw.l2_size, 16, &sz);
//   std::optional<Genome> g = PhaseBGenome(space, keep[0], index, l1);
//   int64_t back = PhaseBIndex(space, keep[0], *g);  // == index
#ifndef MAESTRO_ONNX_SEARCH_MARVEL_H_
#define MAESTRO_ONNX_SEARCH_MARVEL_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "search/genome.h"

namespace maestro::search {

inline constexpr int64_t kDramBurst = 32;  // elements per DRAM block
inline constexpr int kMarvelKeep = 16;     // Phase A candidates kept

using DimArray = std::array<int64_t, kMaxDims>;
using Order = std::array<int8_t, kMaxDims>;

// The three tensors of a layer (input, filter, output; GEMM: A, B, C) and
// each one's top tile: its index dims, slowest first (input N C Y X, filter
// K C R S, output N K Y' X'; depthwise filter C R S, its output N C Y' X';
// GEMM A M K, B K N, C M N), with the tile's extents (input Y/X:
// (T-1)*stride+R; filter R/S: the whole filter), and its DRAM layout: which
// of these dims is the fastest (row-major in this order: the last; ONNX's
// for Conv and untransposed Gemm/MatMul operands, not for a Gemm with
// transA/transB or a ConvTranspose weight, which ONNX stores transposed).
// In the distinct-block model only the fastest dim of a layout matters:
// every permutation with the same fastest dim reads the same blocks.
struct TensorTile {
  uint32_t dims = 0;  // bit i: searched dim i indexes the tensor
  int rank = 0;
  std::array<int64_t, 4> extent{};
  std::array<const char*, 4> name{};
  int fastest = 0;  // index in extent; rank - 1 is row-major
  int64_t volume() const;
  // ceil(extent[fastest] / burst) * the product of the other extents.
  int64_t Blocks(int64_t burst) const;
};
std::array<TensorTile, 3> MarvelTensors(const SearchSpace& s,
                                        const DimArray& tiles);

// Per tensor, the index of its fastest dim (TensorTile::fastest).
using Layout = std::array<int8_t, 3>;
// How Phase A lays out the tensors in DRAM: searched (the layout that reads
// the fewest blocks, per tensor; ties go to row-major) or row-major.
enum class DramLayout { kSearched, kRowMajor };
Layout RowMajorLayout(const std::array<TensorTile, 3>& t);
// Per tensor the fastest dim with the fewest blocks (ties: row-major, then the
// slower dims from the fastest down). Traffic is a sum over tensors of
// loads x blocks, and loads do not depend on the layout, so this layout
// gives the lowest traffic of every layout for any order.
Layout BestLayout(const std::array<TensorTile, 3>& t,
                  int64_t burst = kDramBurst);
// Tensor a's layout as its dims, slowest first, e.g. "NYXC" for an input
// with C fastest (NCHW with the channels moved last).
std::string LayoutName(const std::array<TensorTile, 3>& t, const Layout& l,
                       int a);
// Per tensor its name ("input", "filter", "output"; GEMM "A", "B", "C") and
// LayoutName.
std::vector<std::pair<std::string, std::string>> TensorLayouts(
    const SearchSpace& s, const DimArray& tiles, const Layout& l);
// "input NYXC, filter KCRS, output NKY'X'".
std::string LayoutText(
    const std::vector<std::pair<std::string, std::string>>& layouts);
std::string LayoutText(const SearchSpace& s, const DimArray& tiles,
                       const Layout& l);
// Whether `text` names a DramLayout ("searched", "row-major").
std::optional<DramLayout> ParseDramLayout(std::string_view text);

// loads_A = prod over the order's positions up to the last one holding a
// dim of A of the trips n_d = ceil(D_d / T_d) (input, filter, output).
std::array<int64_t, 3> Loads(const SearchSpace& s, const DimArray& tiles,
                             const Order& order);

// The distinct-block traffic in elements: sum over input and filter of
// loads * blocks * B, plus (2 loads_O - prod_{d in O} n_d) * blocks_O * B
// (outputs written, and read back when revisited), under `layout`
// (row-major by default).
int64_t OffchipTraffic(const SearchSpace& s, const DimArray& tiles,
                       const Order& order, int64_t burst = kDramBurst);
int64_t OffchipTraffic(const SearchSpace& s, const DimArray& tiles,
                       const Order& order, const Layout& layout,
                       int64_t burst = kDramBurst);

struct OffchipCandidate {
  DimArray tiles{};
  Order order{};
  Layout layout{};
  int64_t traffic = 0;
  // Set by PhaseA for Phase B (decoding a subspace index would otherwise
  // compute them per draw): the searched dims indexing each tensor
  // (TensorTile::dims), the divisors of the PEs and of each tile, ascending.
  std::array<uint32_t, 3> tensor_dims{};
  std::vector<int64_t> pe_divisors;
  std::array<std::vector<int64_t>, kMaxDims> tile_divisors;
};

struct PhaseASize {
  // tile vectors x orders (x, searched, the layouts: permutations of each
  // tensor's dims)
  long double raw = 0;
  // (tiles, loads vector) classes (x, searched, each tensor's choices of
  // fastest dim)
  long double classes = 0;
  long double feasible = 0;  // classes whose double-buffered tiles fit L2
};

// Top tiles: divisors of D_d and ceil(D_d / k), k <= 8. Feasible iff
// 2 * sum of the three tile volumes <= l2. The `keep` lowest-traffic
// classes (ties: tiles, then order, then layout), one order per loads class
// and, searched, each with its BestLayout (the other layouts of the same
// tiles and order read more blocks, and Phase B does not depend on the
// layout).
std::vector<OffchipCandidate> PhaseA(const SearchSpace& s, int64_t l2, int keep,
                                     PhaseASize* size,
                                     DramLayout layout = DramLayout::kSearched);

// The lexicographic rank (as the k-th permutation of 0..s.n-1) of the first
// order with the loads of `order` under `trips` (`dims`: the searched dims
// indexing each tensor, TensorTile::dims): Phase B keeps one inner order
// per loads class, this one.
int64_t FirstOfLoadsClass(const SearchSpace& s,
                          const std::array<uint32_t, 3>& dims,
                          const DimArray& trips, const Order& order);

// Phase B's subspace of one candidate, as a mixed-radix index: level-0
// spatial dim, level-1 cluster (a divisor of the PEs), level-1 spatial dim,
// L1 tiles (divisors of the level-0 tile), level-1 order (a permutation).
long double PhaseBSize(const SearchSpace& s, const OffchipCandidate& c);
// The genome of `index` in [0, PhaseBSize), or nullopt when pruned: the
// order is not the first of its loads class, or the L1 tiles overflow l1
// (2 x per-PE tile volume per tensor, summed).
std::optional<Genome> PhaseBGenome(const SearchSpace& s,
                                   const OffchipCandidate& c, int64_t index,
                                   int64_t l1);
// The index in [0, PhaseBSize) of the subspace point nearest g (Phase B's
// GA repair): level 0's spatial dim; level 1's cluster, the largest divisor
// of the PEs not above g's; its spatial dim; each L1 tile, the largest
// divisor of the candidate's tile not above g's nor the level-0 tile; its
// order, the first permutation of g's loads class. So PhaseBGenome of it
// prunes only L1 overflow. A spatial dim that is not searched (R, S) reads
// as dim 0; a genome of one level as level 1 with unit tiles, cluster 1.
int64_t PhaseBIndex(const SearchSpace& s, const OffchipCandidate& c,
                    const Genome& g);
// Share of the PEs a genome keeps busy (spatial units actually used).
double PeUtilisation(const SearchSpace& s, const Genome& g);

}  // namespace maestro::search

#endif  // MAESTRO_ONNX_SEARCH_MARVEL_H_
