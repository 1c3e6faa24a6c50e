// Exact semantics: the analysis of a layer's mapping as the loop nest it
// describes (docs/cost-model.md, "Exact semantics"). Every directive is a
// loop over positions (a SpatialMap over folds of N units), Y/X in output
// coordinates with the stride; each iteration case (first / middle / last
// position of every directive) is evaluated with interval arithmetic over
// the real tiles of every active unit, so MACs, traffic with temporal reuse
// (a unit keeps its previous tile) and multicast (an element several units
// need in one step is read once), and buffer needs equal a step-by-step
// enumeration (tests/core/engine_enumerator_test.cc).
//
// Example:
//   engine::ExactAnalyzer a(model, hw);   // model.exact_ok must be true
//   const engine::LevelResult& top = a.Run();
//   top.ingress[kInput];   // input elements read from L2
//   top.pe_need[kInput];   // input elements one PE needs in one step (max)
#ifndef MAESTRO_ONNX_CORE_ENGINE_EXACT_ANALYSIS_H_
#define MAESTRO_ONNX_CORE_ENGINE_EXACT_ANALYSIS_H_

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/engine/case_book.h"
#include "core/engine/layer_model.h"
#include "core/engine/level_analysis.h"
#include "core/hardware.h"

namespace maestro::engine {

// A half-open index range; empty when hi <= lo.
struct Seg {
  int64_t lo = 0, hi = 0;
  int64_t Len() const { return hi > lo ? hi - lo : 0; }
};

inline int64_t CeilDiv(int64_t a, int64_t b) {  // b > 0
  return a >= 0 ? (a + b - 1) / b : -((-a) / b);
}

// How a tensor indexes one dim. Input rows along Y (cols along X) are the
// union of the filter-row windows of the output rows: rows y·st + r for
// the tile's output rows y and filter rows r. When the windows of
// consecutive rows touch (every filter tile >= stride) or there is one
// output row, that is one interval of input rows. Otherwise, with the
// whole filter (shorter than the stride), it is R rows per output row,
// kept in output coordinates with weight R; with a partial filter tile
// narrower than the stride (`residue`), the rows i = q·st + rho of each
// residue rho in [0, st) form one interval of q (for output rows [a, b)
// and filter rows [r0, r1): q in [a + k0, b - 1 + k1), k the filter rows
// r = rho + k·st inside the tile), and every volume is the sum over the
// residues (the analysis evaluates one residue at a time, `rho`).
struct Space {
  bool window = false;
  bool interval = true;
  bool residue = false;
  int64_t st = 1, w = 1;
  int64_t rho = 0;
  Seg Map(Seg y, Seg r) const {
    if (y.hi <= y.lo) return {0, 0};
    if (!window || (!interval && !residue)) return y;
    if (r.hi <= r.lo) return {0, 0};
    if (residue) {
      const int64_t k0 = CeilDiv(r.lo - rho, st), k1 = CeilDiv(r.hi - rho, st);
      if (k1 <= k0) return {0, 0};
      return {y.lo + k0, y.hi - 1 + k1};
    }
    return {y.lo * st + r.lo, (y.hi - 1) * st + r.hi};
  }
  // Elements of the dim (all residues), weight included.
  int64_t Count(Seg y, Seg r) {
    if (!residue) return w * Map(y, r).Len();
    const int64_t keep = rho;
    int64_t n = 0;
    for (rho = 0; rho < st; ++rho) n += Map(y, r).Len();
    rho = keep;
    return n;
  }
};

// Per tensor, fixed for the whole analysis: the dims whose tiles are the
// same for every unit and the spatial ones.
struct TDim {
  int d, f;
};
struct TPlan {
  int nn = 0, nsd = 0;
  std::array<TDim, kMaxTensorDims> nonsp;
  std::array<int, 2> sd{};
  bool disjoint = false;   // one spatial dim with disjoint unit tiles
  int nrel = 0;            // relevant directives (PlanTensors)
  bool units_key = false;  // the key holds the active unit counts
  // The dims whose sizes its volumes depend on (its dims, the filter dims
  // of its windows and, unless units_key, the SpatialMaps' dims): their
  // sizes as one exact code (PackSizes) and the key identify its volumes
  // across the analyses of a level.
  uint32_t context_dims = 0;
  int context_width = 0;  // PackSizes' bits per size: 63 / their number
  std::array<int, 15> rel;
};

// What a level's analyses share when their directives have the same
// numbers of states (exact_analysis.cc, PlanLevel): how each tensor indexes
// each dim, the tensors' plans, the case counters and the loop invariants.
// (Arrays indexed by directive are set for the first `nd` only.)
struct LevelPlan {
  std::array<std::array<Space, kNumDims>, 3> space{};
  std::array<int64_t, 3> residue_passes{1, 1, 1};
  std::array<TPlan, 3> plan;
  std::array<int, kMaxDirectives> mv;        // moving directives
  std::array<int, kMaxDirectives> temporal;  // moving non-spatial ones
  int nm = 0, nt = 0;
  int64_t num_cases = 1;
  // The MAC dims common to all units: all, those a moving TemporalMap
  // changes and the others.
  std::array<int, kNumDims> mac_dims, var_mac_dims, fixed_mac_dims;
  int n_mac_dims = 0, n_var_mac_dims = 0, n_fixed_mac_dims = 0;
  // Per tensor with one spatial dim d: the directives on d (or on the
  // filter dim of an input window), whose moves move the units' tiles.
  std::array<uint32_t, 3> on_sd{};
  // Per tensor its dims common to all units (TPlan::nonsp) that a moving
  // TemporalMap changes (or in residue mode), and the others, whose tiles
  // are the same in every case.
  std::array<std::array<TDim, kMaxTensorDims>, 3> var_nonsp, fixed_nonsp;
  std::array<int, 3> n_var_nonsp{}, n_fixed_nonsp{};
};

// What an exact analysis keeps between calls: the memo of level analyses,
// each level's cases and the unit segments (no allocation once grown).
struct ExactWorkspace {
  struct Entry {
    int level;
    uint64_t hash;
    std::array<int64_t, kNumDims> dims;
    LevelResult result;
  };
  std::vector<Entry> memo;
  // The memo's index by hash, valid in the run `epoch` (exact_analysis.cc).
  struct IndexSlot {
    uint64_t epoch = 0;
    int entry = 0;
  };
  static constexpr int kIndexBits = 8;  // the first 128 entries indexed
  std::array<IndexSlot, 1 << kIndexBits> memo_index{};
  CaseBook book;  // the cases of memo[i] are analysis i's
  std::vector<Seg> segs, pieces, rpieces;
  // Per level, the tensors' volume memo (valid when `epoch` is the current
  // analysis', so nothing is cleared between analyses).
  struct VolumeEntry {
    uint64_t key, context, epoch;
    int64_t in, wr, need;
  };
  static constexpr int kTableBits = 9;  // at most 256 keys kept per tensor
  using VolumeTables = std::array<std::array<VolumeEntry, 1 << kTableBits>, 3>;
  std::vector<VolumeTables> tables;  // per level
  // Without statistics the analyses of a level share their tables for the
  // whole run (epoch `run_epoch`; `fill`: keys kept per level and tensor).
  std::vector<std::array<int, 3>> fill;
  uint64_t epoch = 0, run_epoch = 0;
  // Per level and directive, its states' classes (exact_analysis.cc,
  // ClassifyStates), valid in the run `epoch` for a dim size (the last two).
  struct Classes {
    std::array<uint8_t, 12> canon;
    std::array<std::array<int64_t, 3>, 2> occ;
  };
  struct CachedClasses {
    uint64_t epoch = 0;
    int64_t dim_size = 0;
    bool residues = false;
    Classes classes;
  };
  std::vector<std::array<std::array<CachedClasses, 2>, kMaxDirectives>> classes;
  // Per level, the plans kept across runs (valid while `plan_epoch` is
  // theirs, i.e. for the same layer: `plan_layer`), keyed by all a plan
  // reads besides the layer: the level's units, per directive its dim,
  // kind, size, offset and number of states, the filter sizes (they fix
  // the filter maps' positions) and whether Y and X have one row (PlanKey).
  // Successive mappings of a search share most levels' plans.
  struct PlanKey {
    int64_t units;
    int nd;
    std::array<uint8_t, kMaxDirectives> code, dim;
    std::array<bool, kMaxDirectives> spatial;
    std::array<int64_t, kMaxDirectives> t, o;
    int64_t r, s;  // D[R], D[S]
    bool y1, x1;   // D[Y] <= 1, D[X] <= 1
    bool operator==(const PlanKey&) const = default;
  };
  struct CachedPlan {
    uint64_t epoch = 0, hash = 0;
    PlanKey key;
    LevelPlan plan;
  };
  // The layer's fields the plans read (LayerModel): a new layer starts a
  // new `plan_epoch`.
  struct PlanLayer {
    bool overlap = false;
    int64_t stride_y = 0, stride_x = 0;
    std::array<std::array<int, kMaxTensorDims + 1>, 3> tensors{};
    bool operator==(const PlanLayer&) const = default;
  };
  PlanLayer plan_layer;
  uint64_t plan_epoch = 0;
  static constexpr int kPlansPerLevel = 8;
  std::vector<std::array<CachedPlan, kPlansPerLevel>> plans;
  std::vector<int> next_plan;  // per level, the slot replaced next
  // Per level, the cases of the analysis in progress (exact_analysis.cc).
  struct CaseState {
    uint64_t states;  // 2 bits per moving directive
    int c;            // the directive that advanced, -1 in the first step
    int64_t occ;
  };
  std::vector<std::vector<CaseState>> cases;
  bool statistics = true;  // CostAnalysis' reporting statistics
};

class ExactAnalyzer {
 public:
  // `ws` (optional) is reused and must outlive the analyzer's results.
  ExactAnalyzer(const LayerModel& lm, const Hardware& hw,
                ExactWorkspace* ws = nullptr);
  // Analyses the whole layer; the reference stays valid while `this` (and
  // the workspace) lives.
  const LevelResult& Run();

 private:
  int Analyze(int li, const std::array<int64_t, kNumDims>& dims);

  const LayerModel& lm_;
  const Hardware& hw_;
  std::unique_ptr<ExactWorkspace> own_;  // only without a given workspace
  ExactWorkspace& ws_;
};

}  // namespace maestro::engine

#endif  // MAESTRO_ONNX_CORE_ENGINE_EXACT_ANALYSIS_H_
