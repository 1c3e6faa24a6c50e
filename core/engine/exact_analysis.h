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
  CaseBook book;  // the cases of memo[i] are analysis i's
  std::vector<Seg> segs, pieces, rpieces;
  // Per level, the tensors' volume memo (valid when `epoch` is the current
  // analysis', so nothing is cleared between analyses).
  struct VolumeEntry {
    uint64_t key, context, epoch;
    int64_t in, wr, need;
  };
  static constexpr int kTableBits = 8;  // at most 128 keys kept per tensor
  using VolumeTables = std::array<std::array<VolumeEntry, 1 << kTableBits>, 3>;
  std::vector<VolumeTables> tables;  // per level
  // Without statistics the analyses of a level share their tables for the
  // whole run (epoch `run_epoch`; `fill`: keys kept per level and tensor).
  std::vector<std::array<int, 3>> fill;
  uint64_t epoch = 0, run_epoch = 0;
  // Per level and directive, its states' classes (exact_analysis.cc,
  // ClassifyStates), valid in the run `epoch` for a dim size.
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
  std::vector<std::array<CachedClasses, kMaxDirectives>> classes;
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
  ExactWorkspace own_;
  ExactWorkspace& ws_;
};

}  // namespace maestro::engine

#endif  // MAESTRO_ONNX_CORE_ENGINE_EXACT_ANALYSIS_H_
