// The split of a level analysis into its hardware-independent part and its
// costing (docs/engine.md, "Cases and their costing"). Both analyses
// (ExactAnalyzer, LevelAnalyzer) record each case of each level analysis
// as a CaseRecord: occurrences, elements moved, the PEs' compute cycles or
// the sub-analyses whose runtime is the compute delay. CostAnalysis then
// books the delays at a hardware's NoC and off-chip bandwidths: the runtime
// and, for AnalyzeLayer, the delay statistics. engine::HardwareSweep keeps a
// mapping's records and re-costs them at each hardware point.
//
// Example:
//   engine::CaseBook book;
//   book.Begin(num_levels);
//   book.Record(li, rec, subs, statistics, res);     // per case
//   const int a = book.Commit(li, /*top=*/li == 0);  // = the memo index
//   ...                                              // (post-order)
//   engine::CostRule rule = engine::CostRuleOf(hw, /*free_empty=*/true);
//   for (int a = 0; a < book.num_analyses(); ++a)
//     engine::CostAnalysis(book, a, rule, statistics, memo[a].result);
#ifndef MAESTRO_ONNX_CORE_ENGINE_CASE_BOOK_H_
#define MAESTRO_ONNX_CORE_ENGINE_CASE_BOOK_H_

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "core/hardware.h"

namespace maestro::engine {

// What one level analysis books (the top level's is the layer's).
struct LevelResult {
  int64_t runtime = 0;   // cycles (sum of occurrences x case delay)
  int64_t macs = 0;      // MACs of the valid cases
  int64_t macs_all = 0;  // MACs of all cases (MAESTRO's output L1 counts)
  std::array<int64_t, 2> ingress{};    // input, filter elements moved down
  int64_t egress = 0;                  // output elements moved up
  std::array<int64_t, 2> pe_writes{};  // input, filter elements written
                                       // into PE buffers (all PEs below)
  int64_t occurrences = 0;             // valid case occurrences
  int64_t peak_bw = 0;
  int64_t avg_bw_num = 0;           // maestro: sum of floored occ x ratio
  double avg_bw_sum = 0;            // exact: sum of occ x ratio
  std::array<int64_t, 3> l2_req{};  // this level's upstream buffer needs
  std::array<int64_t, 3> l1_req{};  // per sub-unit buffer needs
  // Delay statistics over valid cases (compute delay 0 counted as 1).
  int64_t in_min = 0, in_max = 0, eg_min = 0, eg_max = 0, cp_min = 0,
          cp_max = 0;
  double in_sum = 0, eg_sum = 0, cp_sum = 0;  // occurrence-weighted
  double active_sum = 0;  // occurrence-weighted active sub-units (PEs)
  // Top level: cycles decided by compute, NoC, off-chip.
  std::array<int64_t, 3> bound_cycles{};
  double offchip_peak = 0;  // elements/cycle (exact rule)
  // Top level: elements the off-chip floor charges (per case the L2 fill of
  // input + filter and the drain of outputs, x occurrences).
  int64_t offchip_modelled = 0;
  // Top level: occurrences of cases whose compute delay is 0 (no MAC below
  // them). MAESTRO divides its off-chip bandwidth by that delay and dies of
  // SIGFPE, so under its rules such a mapping has no figures.
  int64_t zero_compute_occ = 0;
  // Exact analysis: elements of each tensor one PE needs in one step, max
  // over every PE and step below this level (input, filter, output).
  std::array<int64_t, 3> pe_need{};

  double AvgActive() const {
    return occurrences ? active_sum / occurrences : 0;
  }
};

// One case of a level analysis, without the hardware's bandwidths.
struct CaseRecord {
  int64_t occ = 0;      // occurrences
  int64_t ingress = 0;  // input + filter elements moved to the sub-units
  int64_t egress = 0;   // output elements moved up
  // Innermost level: the PEs' cycles; above it 0 and the compute delay is
  // the largest runtime of the sub-analyses [sub_begin, sub_end) of
  // CaseBook::subs.
  int64_t compute = 0;
  int32_t sub_begin = 0, sub_end = 0;
  // Top level: the L2 needs of input + filter and of the output that the
  // off-chip floor of this case uses (OffchipFloor).
  int64_t l2_in = 0, l2_out = 0;
  double active = 0;      // active sub-units (statistics)
  bool all_init = false;  // the first step: compute after the ingress
};

// The records of every level analysis of one mapping, indexed like the
// analyses' memo (post-order: an analysis after the ones it uses).
class CaseBook {
 public:
  struct Analysis {
    int32_t level = 0, begin = 0, end = 0;  // its cases (in its level's)
    bool top = false;
  };

  // Starts a new mapping with `levels` cluster levels (keeps capacity).
  void Begin(int levels);
  // A case of the analysis in progress at level `li`; its compute delay
  // comes from `subs` (analysis indices) unless `subs` is empty. With
  // `statistics`, books its occurrences and active units into `res` (the
  // bandwidth-independent statistics; the others are CostAnalysis').
  void Record(int li, const CaseRecord& rec, std::span<const int32_t> subs,
              bool statistics, LevelResult& res);
  // Top level: every case of the analysis in progress takes the off-chip
  // floor of these (final) L2 needs.
  void SetFloorNeeds(int li, const std::array<int64_t, 3>& l2_req);
  // Closes the analysis in progress at `li`; returns its index.
  int Commit(int li, bool top);

  int num_analyses() const { return static_cast<int>(analyses_.size()); }
  std::span<const CaseRecord> Cases(int a) const {
    const Analysis& x = analyses_[a];
    return std::span(levels_[x.level].cases).subspan(x.begin, x.end - x.begin);
  }
  std::span<const int32_t> Subs(const CaseRecord& c) const {
    return std::span(subs_).subspan(c.sub_begin, c.sub_end - c.sub_begin);
  }
  bool Top(int a) const { return analyses_[a].top; }
  int64_t Runtime(int a) const { return runtime_[a]; }
  void SetRuntime(int a, int64_t r) { runtime_[a] = r; }

  // `from`'s analyses with the cases that cost the same on any hardware
  // (same traffic, compute source, floor needs and first-step flag) merged
  // into one (occurrences summed): the same runtimes, fewer cases. Not
  // for statistics (their sums of ratios and floors would change).
  void CompactFrom(const CaseBook& from);

 private:
  // The cases of each level, analysis after analysis: an analysis at a
  // level is finished before the next one there starts (the recursion only
  // goes down), so its cases stay where they were recorded.
  struct Level {
    std::vector<CaseRecord> cases;
    int32_t open = 0;  // the first case of the analysis in progress
  };
  std::vector<Level> levels_;
  std::vector<int32_t> subs_;  // each case's, contiguous
  std::vector<Analysis> analyses_;
  std::vector<int64_t> runtime_;
};

// The hardware numbers a costing reads, and the empty-transfer rule.
struct CostRule {
  int64_t noc_bw = 1, noc_latency = 0, offchip_bw = 1;
  // An empty transfer costs nothing (exact semantics); MAESTRO charges it
  // latency - 1.
  bool free_empty = true;
};
inline CostRule CostRuleOf(const Hardware& hw, bool free_empty) {
  return {hw.noc_bw, hw.noc_latency, hw.offchip_bw, free_empty};
}

// Cycles of a NoC transfer of `v` elements: latency + ⌈v / bw⌉ - 1.
inline int64_t NocDelay(int64_t v, const CostRule& r) {
  if (r.free_empty && v == 0) return 0;
  return r.noc_latency + v / r.noc_bw + (v % r.noc_bw != 0 ? 1 : 0) - 1;
}

// The top level's least case delay: half of what the L2 needs take over
// the off-chip link, ⌊⌊(L2 input + filter)/bw⌋/2⌋ and ⌊⌊L2 output/bw⌋/2⌋
// (MAESTRO's rule).
int64_t OffchipFloor(int64_t l2_in, int64_t l2_out, int64_t bw);

// The shared case accumulator. Costs analysis `a` (the analyses it uses
// costed before): per case the delay (the all-Init case compute + ingress,
// others the max of ingress, compute and egress; at the top level at least
// the off-chip floor) times its occurrences into the runtime (book and
// `res.runtime`) and, with `statistics` (AnalyzeLayer's reporting; nothing
// the fast path's figures read), the term that decided it, the NoC
// bandwidth ratios, the off-chip peak and modelled traffic and the delay
// statistics into `res`.
void CostAnalysis(CaseBook& book, int a, const CostRule& rule, bool statistics,
                  LevelResult& res);

// The runtimes of every analysis at `rule` (no statistics); returns the
// last one's (the top level's).
int64_t CostRuntimes(CaseBook& book, const CostRule& rule);

}  // namespace maestro::engine

#endif  // MAESTRO_ONNX_CORE_ENGINE_CASE_BOOK_H_
