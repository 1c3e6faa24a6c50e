#include "core/engine/level_analysis.h"

#include <algorithm>
#include <limits>
#include <optional>

#include "core/engine/case_volumes.h"
#include "core/engine/iteration_states.h"

namespace maestro::engine {
namespace {

constexpr uint64_t kHashMul = 0x9E3779B97F4A7C15ull;

// Each tensor's mapped tile at a level (its per sub-unit L1 need).
std::array<int64_t, 3> MappedTiles(const LayerModel& lm, const Level& L,
                                   const LevelTables& T) {
  std::array<int64_t, 3> tile;
  for (int t = 0; t < 3; ++t) {
    const TensorInfo& ti = lm.tensors[t];
    tile[t] = 1;
    for (int i = 0; i < ti.num_dims; ++i) {
      if (L.dims_mask & DimBit(ti.dims[i])) tile[t] *= T.dim[ti.dims[i]].m;
    }
  }
  return tile;
}

// One case's buffer needs: exact, the largest case; MAESTRO's, a running
// sum of the input and filter needs and the last output need.
void BookNeeds(bool exact, const std::array<int64_t, 2>& ing, int64_t egr,
               const std::array<int64_t, 3>& tile, LevelResult& res) {
  for (int t = 0; t < 2; ++t) {
    if (exact) {
      res.l2_req[t] = std::max(res.l2_req[t], 2 * ing[t]);
      res.l1_req[t] = std::max(res.l1_req[t], 2 * tile[t]);
    } else {
      res.l2_req[t] += 2 * ing[t];
      res.l1_req[t] += 2 * tile[t];
    }
  }
  res.l2_req[2] = exact ? std::max(res.l2_req[2], 2 * egr) : 2 * egr;
  res.l1_req[2] = exact ? std::max(res.l1_req[2], 2 * tile[2]) : 2 * tile[2];
}

}  // namespace

// The iteration cases of one level analysis in MAESTRO's order. A case's
// state of a dim is its directive's unless a later one maps the dim;
// directives with one state are set once, the others move.
class CaseStates {
 public:
  using Plan = LevelWorkspace::DirectivePlan;
  // `plans`: the level's, current for evaluation `epoch` when their dim
  // size is this analysis' (else planned again).
  CaseStates(const Level& L, const std::array<int64_t, kNumDims>& sizes,
             CaseView& cv, std::array<Plan, kMaxDirectives>& plans,
             uint32_t epoch)
      : L_(L) {
    for (int j = L.num_dirs - 1, seen = 0; j >= 0; --j) {
      wins_[j] = (seen & DimBit(L.dirs[j].dim)) == 0;
      distinct_ = distinct_ && wins_[j];
      seen |= DimBit(L.dirs[j].dim);
    }
    for (int j = 0; j < L.num_dirs; ++j) {
      const LevelDirective& x = L.dirs[j];
      const int64_t D = sizes[x.dim] >= 0 ? sizes[x.dim] : x.size;
      Plan& p = plans[j];
      if (p.epoch != epoch || p.dim_size != D) {
        PlanDirective(x, D, L.num_units, wins_[j], p);
        p.epoch = epoch;
      }
      plan_[j] = &p;
      total_ *= p.states.n;
    }
    for (int j = L.num_dirs - 1, f = 1; j >= 0; --j) {
      freq_[j] = f;
      f *= plan_[j]->states.n;
    }
    for (int j = 0; j < L.num_dirs; ++j) {
      if (wins_[j]) pos_mask_ |= uint64_t{3} << (5 * L.dirs[j].dim);
      if (plan_[j]->states.n > 1) {
        moving_[num_moving_++] = static_cast<int8_t>(j);
        continue;
      }
      const IterState& s = plan_[j]->states.s[0];
      occ_ *= s.occ;
      if (!wins_[j]) continue;
      cv.st[L.dirs[j].dim] = &s;
      key_ |= plan_[j]->code[0];
    }
  }
  int64_t total() const { return total_; }
  // Every directive is the last on its dim (no dim mapped twice).
  bool distinct() const { return distinct_; }

  // MAESTRO's rules, distinct(): f(occ, key, all_init) once per class of
  // cases that cost alike, with `cv.st` set to one member's states and
  // `occ` the class' occurrences. Of a directive before the innermost
  // moving one (`moving`) a case's volumes read only whether its state is
  // at an edge (its Init, whole when it has several states, and its Steady
  // cost alike); the directives after it are at Init. So a class is the
  // moving directive (none: the all-Init case), its state, and per
  // directive before it Init-or-Steady or Edge.
  template <typename F>
  void ForEachClass(CaseView& cv, F f) const {
    // (A directive's Init occurs once; with several states it is whole and
    // not at an edge: code 0. So the directives at Init add nothing.)
    for (int k = 0; k < num_moving_; ++k) Set(cv, k, 0);
    f(occ_, key_, true);
    std::array<int, kMaxDirectives> digit{};  // moving_[k]'s group, k < i
    for (int i = 0; i < num_moving_; ++i) {
      const int ji = moving_[i];
      const Plan& pi = *plan_[ji];
      for (int x = 1; x < pi.states.n; ++x) {
        Set(cv, i, x);
        for (;;) {
          int64_t occ = occ_ * pi.states.s[x].occ;
          uint64_t key = key_ | pi.code[x];
          for (int k = 0; k < i; ++k) {
            const Plan& p = *plan_[moving_[k]];
            occ *= p.group_occ[digit[k]];
            key |= p.code[p.group[digit[k]]];
          }
          f(occ, key, false);
          int k = 0;  // the next groups: an odometer
          for (; k < i; ++k) {
            const Plan& p = *plan_[moving_[k]];
            const bool more = ++digit[k] < p.num_groups;
            if (!more) digit[k] = 0;
            Set(cv, k, p.group[digit[k]]);
            if (more) break;
          }
          if (k == i) break;
        }
      }
      Set(cv, i, 0);  // an outer directive from now on: its Init group
    }
  }

  // Case c (c = 0, 1, ... in turn) into `cv.st`: its occurrences, key (the
  // states' codes, 5 bits a dim, Pos in the low 2) and whether every state
  // is Init.
  void Next(int64_t c, CaseView& cv, int64_t& occ, uint64_t& key,
            bool& all_init) {
    occ = occ_;
    key = key_;
    for (int i = 0; i < num_moving_; ++i) {
      const int j = moving_[i];
      const IterState* s = &plan_[j]->states.s[cnt_[j]];
      occ *= s->occ;
      if (!wins_[j]) continue;
      cv.st[L_.dirs[j].dim] = s;
      key |= plan_[j]->code[cnt_[j]];
    }
    all_init = (key & pos_mask_) == 0;  // every state's Pos is kInit (0)
    // MAESTRO advances directive j when c % freq[j] == 0 (at c = next_[j]):
    // a suffix of the directives (freq[j] is a multiple of freq[j + 1]).
    for (int i = num_moving_ - 1; i >= 0; --i) {
      const int j = moving_[i];
      if (c != next_[j]) break;
      next_[j] += freq_[j];
      if (++cnt_[j] == plan_[j]->states.n) cnt_[j] = 0;
    }
  }

 private:
  const Level& L_;
  std::array<const Plan*, kMaxDirectives> plan_;
  std::array<int64_t, kMaxDirectives> freq_;
  std::array<int, kMaxDirectives> cnt_{};
  std::array<int64_t, kMaxDirectives> next_{};  // the case j next advances at
  std::array<bool, kMaxDirectives> wins_;       // the last directive on its dim
  std::array<int8_t, kMaxDirectives> moving_;
  int num_moving_ = 0;
  int64_t total_ = 1, occ_ = 1;  // occ_, key_: the fixed directives'
  uint64_t key_ = 0;
  uint64_t pos_mask_ = 0;  // the Pos bits of the winning directives' dims
  bool distinct_ = true;
  void Set(CaseView& cv, int k, int x) const {  // moving_[k] at state x
    const int j = moving_[k];
    cv.st[L_.dirs[j].dim] = &plan_[j]->states.s[x];
  }
  static void PlanDirective(const LevelDirective& x, int64_t D, int64_t units,
                            bool wins, Plan& p) {
    p.dim_size = D;
    const DirectiveStates& d = p.states =
        StatesOf(x.spatial, x.size, x.offset, D, units);
    for (int k = 0; k < d.n; ++k) {
      p.code[k] = wins ? d.s[k].Code() << (5 * x.dim) : 0;
    }
    const bool steady = d.n > 1 && d.s[1].pos == Pos::kSteady;
    p.num_groups = 1;
    p.group[0] = 0;
    p.group_occ[0] = d.s[0].occ + (steady ? d.s[1].occ : 0);
    if (d.n > 1 && d.s[d.n - 1].pos == Pos::kEdge) {
      p.group[p.num_groups] = d.n - 1;
      p.group_occ[p.num_groups++] = d.s[d.n - 1].occ;
    }
  }
};

LevelAnalyzer::LevelAnalyzer(const LayerModel& lm, const Hardware& hw,
                             bool exact, LevelWorkspace* ws)
    : lm_(lm),
      hw_(hw),
      exact_(exact),
      own_(ws != nullptr ? nullptr : std::make_unique<LevelWorkspace>()),
      ws_(ws != nullptr ? *ws : *own_) {
  ws_.base_tables.resize(lm.levels.size());
  ws_.base_tiles.resize(lm.levels.size());
  for (size_t i = 0; i < lm.levels.size(); ++i) {
    ComputeLevelTables(lm, lm.levels[i], lm.levels[i].base, ws_.base_tables[i]);
    ws_.base_tiles[i] = MappedTiles(lm, lm.levels[i], ws_.base_tables[i]);
  }
  ws_.memo.clear();
  ws_.memo.reserve(16);
  ws_.cases.resize(std::max(ws_.cases.size(), lm.levels.size()));
  for (LevelWorkspace::CaseMemo& m : ws_.cases) m.used = m.parts_used = 0;
  if (++ws_.epoch == 0) {  // wrapped: no slot may look current
    for (LevelWorkspace::CaseMemo& m : ws_.cases) {
      m.slots = {};
      m.parts = {};
      m.plans = {};
    }
    ws_.epoch = 1;
  }
  for (size_t i = 0; i < lm.levels.size(); ++i) {
    CaseView& cv = ws_.cases[i].view;
    cv = CaseView{&lm, &lm.levels[i], &ws_.base_tables[i], {}, exact};
    cv.Index();
  }
  ws_.book.Begin(static_cast<int>(lm.levels.size()));
}

const LevelResult& LevelAnalyzer::Run() {
  std::array<int64_t, kNumDims> dims = lm_.full;
  const int top = Analyze(0, dims);
  // The delays of every analysis in memo order (post-order: the ones a
  // case's compute delay comes from first).
  const CostRule rule = CostRuleOf(hw_, /*free_empty=*/exact_);
  for (int a = 0; a < ws_.book.num_analyses(); ++a) {
    CostAnalysis(ws_.book, a, rule, ws_.statistics, ws_.memo[a].result);
  }
  return ws_.memo[top].result;
}

std::array<int64_t, 3> LevelAnalyzer::LeafL1Max() const {
  std::array<int64_t, 3> most{};
  const int leaf = static_cast<int>(lm_.levels.size()) - 1;
  for (const LevelWorkspace::Entry& e : ws_.memo) {
    if (e.level != leaf) continue;
    for (int t = 0; t < 3; ++t) most[t] = std::max(most[t], e.result.l1_req[t]);
  }
  return most;
}

template <typename F>
int64_t LevelAnalyzer::Part(int li, uint64_t key, F compute) {
  constexpr int kSlots = 1 << LevelWorkspace::kPartSlotBits;
  LevelWorkspace::CaseMemo& m = ws_.cases[li];
  uint64_t h = (key * kHashMul) >> (64 - LevelWorkspace::kPartSlotBits);
  for (;; h = (h + 1) & (kSlots - 1)) {
    LevelWorkspace::PartSlot& s = m.parts[h];
    if (s.epoch != ws_.epoch) {
      const int64_t value = compute();
      if (4 * m.parts_used < 3 * kSlots) {
        ++m.parts_used;
        s = {key, ws_.epoch, value};
      }
      return value;
    }
    if (s.key == key) return s.value;
  }
}

CaseVolumes& LevelAnalyzer::Volumes(int li, CaseView& cv, uint64_t key,
                                    CaseVolumes& scratch) {
  CaseVolumes* v = &scratch;
  if (!exact_) {  // exact tables depend on the analysis' sizes: no sharing
    constexpr int kSlots = 1 << LevelWorkspace::kCaseSlotBits;
    LevelWorkspace::CaseMemo& m = ws_.cases[li];
    uint64_t h = (key * kHashMul) >> (64 - LevelWorkspace::kCaseSlotBits);
    for (;; h = (h + 1) & (kSlots - 1)) {
      LevelWorkspace::CaseSlot& s = m.slots[h];
      if (s.epoch != ws_.epoch) {  // free: keep the volumes if there is room
        if (4 * m.used < 3 * kSlots) {
          ++m.used;
          s.epoch = ws_.epoch;
          s.key = key;
          v = &s.v;
        }
        break;
      }
      if (s.key == key) return s.v;
    }
  }
  cv.Prepare();
  const uint64_t tk = cv.TileKey(key);
  if (exact_) {
    v->macs = cv.Macs();
    v->psums = cv.CriticalPartialSums();
  } else {  // kinds 6, 7: read fewer states than the traffic
    v->macs = Part(li, uint64_t{6} << 60 | tk, [&] { return cv.Macs(); });
    v->psums = Part(li, uint64_t{7} << 60 | tk,
                    [&] { return cv.CriticalPartialSums(); });
  }
  const bool valid = exact_ ? v->macs > 0 : v->psums > 0;
  const bool leaf = li + 1 == static_cast<int>(lm_.levels.size());
  if (exact_) {
    v->egress = cv.Egress();
    v->ingress = {cv.Ingress(0), cv.Ingress(1)};
    if (leaf && valid) v->writes = {cv.UnitsReceive(0), cv.UnitsReceive(1)};
  } else {
    // The traffic of a tensor reads only its dims' states and the moving
    // directive; the kind in bits 60-62, the moving directive in 55-59.
    const uint64_t moved = static_cast<uint64_t>(cv.moving + 1) << 55;
    // (Egress reads the output's tiles alone: TileKey's states of its dims.)
    v->egress = Part(li, uint64_t{1} << 60 | (tk & cv.key_mask[2]),
                     [&] { return cv.Egress(); });
    for (int t = 0; t < 2; ++t) {
      v->ingress[t] =
          Part(li, uint64_t(2 + t) << 60 | moved | (key & cv.key_mask[t]),
               [&] { return cv.Ingress(t); });
    }
    for (int t = 0; t < 2 && leaf && valid; ++t) {
      const uint64_t mask = cv.key_mask[t] | cv.spatial_key;
      v->writes[t] = Part(li, uint64_t(4 + t) << 60 | moved | (key & mask),
                          [&] { return cv.UnitsReceive(t); });
    }
  }
  v->nsubs = -1;
  v->tile_key = tk;
  return *v;
}

void LevelAnalyzer::SubAnalyses(int li, const CaseView& cv, CaseVolumes& v) {
  const Level& L = lm_.levels[li];
  const IterState& sst = *cv.st[L.dirs[L.first_spatial].dim];
  const int64_t E = cv.tables->edge_units;
  std::array<int64_t, kNumDims> sub_dims;
  v.nsubs = 0;
  // Under MAESTRO's rules the sub-dims read only edge() of each dim's
  // state, which TileKey keeps: memoised by it (kind 8).
  auto add = [&](bool edge_edge, int64_t count) {
    auto analyse = [&] {
      cv.SubDims(edge_edge, sub_dims);
      return static_cast<int64_t>(Analyze(li + 1, sub_dims));
    };
    const uint64_t key =
        uint64_t{8} << 60 | uint64_t{edge_edge} << 59 | v.tile_key;
    v.sub[v.nsubs] =
        static_cast<int32_t>(exact_ ? analyse() : Part(li, key, analyse));
    v.sub_count[v.nsubs++] = count;
  };
  if (sst.edge() && sst.edge_edge) {
    add(true, 1);
    if (E - 1 > 0) add(false, E - 1);
  } else {
    add(false, sst.edge() ? E : L.num_units);
  }
  // The PE writes below (the compute delay, the largest sub runtime, is
  // CostAnalysis').
  v.writes = {};
  for (int i = 0; i < v.nsubs; ++i) {
    const LevelResult& sr = ws_.memo[v.sub[i]].result;
    v.writes[0] += sr.pe_writes[0] * v.sub_count[i];
    v.writes[1] += sr.pe_writes[1] * v.sub_count[i];
  }
}

void LevelAnalyzer::BookCase(int li, const CaseView& cv, CaseVolumes& v,
                             int64_t occ, bool all_init, LevelResult& res) {
  const Level& L = lm_.levels[li];
  const bool top = li == 0;
  const bool leaf = li + 1 == static_cast<int>(lm_.levels.size());
  const bool valid = exact_ ? v.macs > 0 : v.psums > 0;
  if (!exact_) {  // MAESTRO books these before its skip test
    res.egress += occ * v.egress;
    res.macs_all += occ * v.macs;
  }
  if (!valid) return;
  if (exact_) {
    res.egress += occ * v.egress;
    res.macs_all += occ * v.macs;
  }
  int64_t comp = 0;
  if (leaf) {
    comp = (v.psums + hw_.simd_lanes - 1) / hw_.simd_lanes;
  } else if (v.nsubs < 0) {
    SubAnalyses(li, cv, v);
  }
  double active = 0;  // statistics only
  for (int i = 0; ws_.statistics && i < v.nsubs; ++i) {
    active += ws_.memo[v.sub[i]].result.AvgActive() * v.sub_count[i];
  }
  if (ws_.statistics && active == 0) {
    const IterState& sst = *cv.st[L.dirs[L.first_spatial].dim];
    active =
        static_cast<double>(sst.edge() ? cv.tables->edge_units : L.num_units);
  }
  CaseRecord cr;
  cr.occ = occ;
  cr.ingress = v.ingress[0] + v.ingress[1];
  cr.egress = v.egress;
  cr.compute = comp;
  if (top) {  // the floor of the L2 needs booked so far
    cr.l2_in = res.l2_req[0] + res.l2_req[1];
    cr.l2_out = res.l2_req[2];
  }
  cr.active = active;
  cr.all_init = all_init;
  ws_.book.Record(li, cr, std::span(v.sub.data(), leaf ? 0 : v.nsubs),
                  ws_.statistics, res);
  res.macs += occ * v.macs;
  res.ingress[0] += occ * v.ingress[0];
  res.ingress[1] += occ * v.ingress[1];
  res.pe_writes[0] += occ * v.writes[0];
  res.pe_writes[1] += occ * v.writes[1];
}

void LevelAnalyzer::MergedCases(int li, const Level& L,
                                const std::array<int64_t, kNumDims>& sizes,
                                const std::array<int64_t, 3>& tile,
                                CaseStates& states, LevelResult& res) {
  CaseView& cv = ws_.cases[li].view;
  CaseVolumes scratch;
  const bool leaf = li + 1 == static_cast<int>(lm_.levels.size());
  // The needs are running sums over the cases in MAESTRO's order up to the
  // first valid one; that case's sub-analyses run now, in the order that
  // finds the first leaf (FirstLeaf).
  bool found = false;
  CaseVolumes* first = nullptr;  // the all-Init case's, if it is valid
  for (int64_t c = 0; c < states.total() && !found; ++c) {
    int64_t occ;
    uint64_t key;
    bool all_init;
    states.Next(c, cv, occ, key, all_init);
    CaseVolumes& v = Volumes(li, cv, key, scratch);
    BookNeeds(false, v.ingress, v.egress, tile, res);
    found = v.psums > 0;
    if (found && !leaf && v.nsubs < 0) SubAnalyses(li, cv, v);
    if (found && c == 0) first = &v;
  }
  if (found && !leaf && first_leaf_ < 0) {  // later cases' order decides it
    CaseStates again(L, sizes, cv, ws_.cases[li].plans, ws_.epoch);
    for (int64_t c = 0; c < again.total(); ++c) {
      int64_t occ;
      uint64_t key;
      bool all_init;
      again.Next(c, cv, occ, key, all_init);
      BookCase(li, cv, Volumes(li, cv, key, scratch), occ, all_init, res);
    }
    return;
  }
  // Every sum and record is a sum of occurrences x volume: by class.
  // (The all-Init class comes first: `first` and `scratch` still hold it.)
  states.ForEachClass(cv, [&](int64_t occ, uint64_t key, bool all_init) {
    CaseVolumes& v = all_init && first ? *first : Volumes(li, cv, key, scratch);
    BookCase(li, cv, v, occ, all_init, res);
  });
}

int LevelAnalyzer::Analyze(int li, const std::array<int64_t, kNumDims>& dims) {
  auto& memo = ws_.memo;
  uint64_t hash = static_cast<uint64_t>(li);
  for (int64_t d : dims) hash = (hash ^ static_cast<uint64_t>(d)) * kHashMul;
  for (size_t i = 0; i < memo.size(); ++i) {
    if (memo[i].hash == hash && memo[i].level == li && memo[i].dims == dims) {
      return static_cast<int>(i);
    }
  }
  const Level& L = lm_.levels[li];
  const bool top = li == 0;
  const bool leaf = li + 1 == static_cast<int>(lm_.levels.size());

  // Sizes that decide the iteration states of each directive.
  std::array<int64_t, kNumDims> sizes;
  for (int d = 0; d < kNumDims; ++d)
    sizes[d] = dims[d] >= 0 ? dims[d] : L.base[d];
  std::optional<LevelTables> exact_tables;  // (not built for MAESTRO's)
  const LevelTables* T = &ws_.base_tables[li];
  std::array<int64_t, 3> tile = ws_.base_tiles[li];
  if (exact_) {
    ComputeLevelTables(lm_, L, sizes, exact_tables.emplace(), /*exact=*/true);
    T = &*exact_tables;
    tile = MappedTiles(lm_, L, *T);
  }

  LevelResult res;
  CaseView& cv = ws_.cases[li].view;  // indexed for L
  cv.tables = T;
  CaseStates states(L, sizes, cv, ws_.cases[li].plans, ws_.epoch);
  CaseVolumes scratch;
  if (!exact_ && !ws_.statistics && states.distinct()) {
    MergedCases(li, L, sizes, tile, states, res);
  } else {
    bool seen_valid = false;
    for (int64_t c = 0; c < states.total(); ++c) {
      int64_t occ;
      uint64_t key;
      bool all_init;
      states.Next(c, cv, occ, key, all_init);
      CaseVolumes& v = Volumes(li, cv, key, scratch);
      const bool valid = exact_ ? v.macs > 0 : v.psums > 0;
      // Buffer needs (NOTES.md item 7): MAESTRO's are taken up to the first
      // valid case; exact ones are the largest case that holds data, MACs or
      // not (a PE holding an input column of a row-stationary pair needs its
      // buffer although its own tile makes no output).
      if (exact_ ? valid || v.ingress[0] + v.ingress[1] > 0 : !seen_valid) {
        BookNeeds(exact_, v.ingress, v.egress, tile, res);
      }
      seen_valid = seen_valid || valid;
      BookCase(li, cv, v, occ, all_init, res);
    }
  }
  memo.push_back({li, hash, dims, res});
  const int idx = static_cast<int>(memo.size()) - 1;
  ws_.book.Commit(li, top);  // analysis idx
  if (leaf && first_leaf_ < 0) first_leaf_ = idx;
  return idx;
}

}  // namespace maestro::engine
