// Analysis of one cluster level for given dim sizes: enumerates the level's
// iteration cases (MAESTRO's case order), books traffic, MACs, delays and
// buffer needs per case, and recurses into the level below for the compute
// delay of outer levels (sub-analyses are memoised per dim sizes).
//
// Example:
//   engine::LevelAnalyzer a(model, hw, /*exact=*/false);
//   const engine::LevelResult& top = a.Run();
//   top.runtime;                 // cycles
//   a.FirstLeaf().l1_req[kInput];  // per-PE L1 need of the input
#ifndef MAESTRO_ONNX_CORE_ENGINE_LEVEL_ANALYSIS_H_
#define MAESTRO_ONNX_CORE_ENGINE_LEVEL_ANALYSIS_H_

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "core/engine/case_book.h"
#include "core/engine/case_volumes.h"
#include "core/engine/iteration_states.h"
#include "core/engine/layer_model.h"
#include "core/engine/level_tables.h"
#include "core/hardware.h"

namespace maestro::engine {

// What one case of a level analysis moves and computes, and the
// sub-analyses its compute delay comes from (with their unit counts).
struct CaseVolumes {
  int64_t egress = 0, macs = 0, psums = 0;
  std::array<int64_t, 2> ingress{};
  std::array<int64_t, 2> writes{};  // innermost level: PE buffer writes
  int nsubs = -1;                   // -1: not looked up yet
  uint64_t tile_key = 0;            // CaseView::TileKey (MAESTRO's rules)
  std::array<int32_t, 2> sub{};
  std::array<int64_t, 2> sub_count{};
};

// What a LevelAnalyzer keeps between calls (no allocation once grown).
struct LevelWorkspace {
  struct Entry {
    int level;
    uint64_t hash;  // of level and dims (compared first)
    std::array<int64_t, kNumDims> dims;
    LevelResult result;
  };
  // MAESTRO's rules read a level's tables, the same for all its analyses,
  // and the iteration states of its dims: a case's volumes depend on the
  // states alone (IterState::Code per dim, the key), so the level's
  // analyses share them for one evaluation (`epoch`).
  struct CaseSlot {
    uint64_t key = 0;
    uint32_t epoch = 0;
    CaseVolumes v;
  };
  // A volume that depends on fewer states (a tensor's traffic), keyed by
  // its kind and those states' codes (CaseView::key_mask).
  struct PartSlot {
    uint64_t key = 0;
    uint32_t epoch = 0;
    int64_t value = 0;
  };
  // A directive's iteration states at one dim size and what the case
  // order reads of them (level_analysis.cc, CaseStates), kept per level
  // and directive for one evaluation (`epoch`): a level's analyses mostly
  // share their sizes.
  struct DirectivePlan {
    uint32_t epoch = 0;
    int64_t dim_size = 0;
    DirectiveStates states{};
    std::array<uint64_t, 3> code{};  // at the dim's bits (0: it loses)
    // The groups of its states when a later directive moves: Init (with
    // Steady), then Edge if it has one (CaseStates::ForEachClass).
    int num_groups = 0;
    std::array<int, 2> group{};
    std::array<int64_t, 2> group_occ{};
  };
  static constexpr int kCaseSlotBits = 8, kPartSlotBits = 9;
  struct CaseMemo {
    std::array<CaseSlot, 1 << kCaseSlotBits> slots;
    std::array<PartSlot, 1 << kPartSlotBits> parts;
    int used = 0, parts_used = 0;
    CaseView view;  // the level's, indexed once per evaluation
    std::array<DirectivePlan, kMaxDirectives> plans;
  };
  std::vector<LevelTables> base_tables;
  std::vector<std::array<int64_t, 3>> base_tiles;  // MappedTiles of those
  std::vector<Entry> memo;
  std::vector<CaseMemo> cases;  // per level
  uint32_t epoch = 0;
  CaseBook book;           // the cases of memo[i] are analysis i's
  bool statistics = true;  // CostAnalysis' reporting statistics
};

class CaseStates;  // level_analysis.cc: a level analysis' cases

class LevelAnalyzer {
 public:
  // `ws` (optional) is reused and must outlive the analyzer's results.
  LevelAnalyzer(const LayerModel& lm, const Hardware& hw, bool exact,
                LevelWorkspace* ws = nullptr);
  // Analyses the whole layer; the reference stays valid while `this` lives.
  const LevelResult& Run();
  // The first innermost-level analysis that finished (MAESTRO's L1 sizes).
  // The first leaf-level result; all zeros when no valid case at an upper
  // level reached the leaf (it was read from before memo_ then: ASan).
  const LevelResult& FirstLeaf() const {
    static const LevelResult kNone{};
    return first_leaf_ < 0 ? kNone : ws_.memo[first_leaf_].result;
  }
  // The largest per-PE L1 needs over every innermost-level analysis (exact
  // semantics: the first one may be an idle unit's, with no need at all).
  std::array<int64_t, 3> LeafL1Max() const;

 private:
  int Analyze(int li, const std::array<int64_t, kNumDims>& dims);
  // The volumes of case `cv` of level `li` (memoised under MAESTRO's rules,
  // `key`: its states' codes); the sub-analyses not looked up yet.
  CaseVolumes& Volumes(int li, CaseView& cv, uint64_t key,
                       CaseVolumes& scratch);
  // The part volume `key` of level `li` (memoised), else `compute()`.
  template <typename F>
  int64_t Part(int li, uint64_t key, F compute);
  // Looks up (analysing on first use) the sub-analyses of a valid case.
  void SubAnalyses(int li, const CaseView& cv, CaseVolumes& v);
  // Books a case of volumes `v` (or a class of alike cases, `occ` their
  // occurrences) into `res` and the book, but for the buffer needs.
  void BookCase(int li, const CaseView& cv, CaseVolumes& v, int64_t occ,
                bool all_init, LevelResult& res);
  // MAESTRO's rules without statistics: the needs from the cases in order
  // up to the first valid one, the rest by classes of alike cases.
  void MergedCases(int li, const Level& L,
                   const std::array<int64_t, kNumDims>& sizes,
                   const std::array<int64_t, 3>& tile, CaseStates& states,
                   LevelResult& res);

  const LayerModel& lm_;
  const Hardware& hw_;
  bool exact_;
  std::unique_ptr<LevelWorkspace> own_;  // only without a given workspace
  LevelWorkspace& ws_;
  int first_leaf_ = -1;
};

}  // namespace maestro::engine

#endif  // MAESTRO_ONNX_CORE_ENGINE_LEVEL_ANALYSIS_H_
