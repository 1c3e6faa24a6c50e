#include "core/engine/level_analysis.h"

#include <algorithm>
#include <limits>

#include "core/engine/case_volumes.h"
#include "core/engine/iteration_states.h"

namespace maestro::engine {
namespace {

constexpr int kComputeBound = 0, kNocBound = 1, kOffchipBound = 2;

}  // namespace

int64_t OffchipFloor(const std::array<int64_t, 3>& l2_req, int64_t bw) {
  return std::max(FloorDiv(FloorDiv(l2_req[0] + l2_req[1], bw), 2),
                  FloorDiv(FloorDiv(l2_req[2], bw), 2));
}

void BeginCases(LevelResult& res) {
  res.in_min = res.eg_min = res.cp_min = std::numeric_limits<int64_t>::max();
}

void EndCases(bool any_case, LevelResult& res) {
  if (!any_case) res.in_min = res.eg_min = res.cp_min = 0;
}

void BookCase(const CaseCost& c, bool top, int64_t offchip_floor,
              bool statistics, LevelResult& res) {
  const int64_t ind = c.ingress_delay, egd = c.egress_delay;
  int64_t delay =
      c.all_init ? c.compute + ind : std::max({egd, c.compute, ind});
  int bound = (c.all_init ? c.compute >= ind : c.compute >= std::max(ind, egd))
                  ? kComputeBound
                  : kNocBound;
  if (top && offchip_floor > delay) {
    delay = offchip_floor;
    bound = kOffchipBound;
  }
  res.runtime += c.occ * delay;
  if (!statistics) return;
  if (top) {
    res.bound_cycles[bound] += c.occ * delay;
    // What the floor charges: each step refills half the L2 need.
    res.offchip_modelled +=
        c.occ * (FloorDiv(res.l2_req[0] + res.l2_req[1], 2) +
                 FloorDiv(res.l2_req[2], 2));
    if (delay > 0) {
      res.offchip_peak = std::max(
          res.offchip_peak, static_cast<double>(c.ingress + c.egress) / delay);
    }
  }
  res.occurrences += c.occ;
  res.active_sum += c.occ * c.active;
  const int64_t c1 = std::max<int64_t>(c.compute, 1);
  const int64_t m = std::max(c.ingress, c.egress);
  res.peak_bw = std::max(res.peak_bw, FloorDiv(m, c1));
  res.avg_bw_num += FloorDiv(c.occ * m, c1);
  res.avg_bw_sum += static_cast<double>(c.occ) * m / c1;
  res.in_min = std::min(res.in_min, ind);
  res.in_max = std::max(res.in_max, ind);
  res.eg_min = std::min(res.eg_min, egd);
  res.eg_max = std::max(res.eg_max, egd);
  res.cp_min = std::min(res.cp_min, c1);
  res.cp_max = std::max(res.cp_max, c1);
  res.in_sum += static_cast<double>(c.occ) * ind;
  res.eg_sum += static_cast<double>(c.occ) * egd;
  res.cp_sum += static_cast<double>(c.occ) * c1;
}

LevelAnalyzer::LevelAnalyzer(const LayerModel& lm, const Hardware& hw,
                             bool exact, LevelWorkspace* ws)
    : lm_(lm), hw_(hw), exact_(exact), ws_(ws != nullptr ? *ws : own_) {
  ws_.base_tables.resize(lm.levels.size());
  for (size_t i = 0; i < lm.levels.size(); ++i) {
    ComputeLevelTables(lm, lm.levels[i], lm.levels[i].base, ws_.base_tables[i]);
  }
  ws_.memo.clear();
  ws_.memo.reserve(16);
}

const LevelResult& LevelAnalyzer::Run() {
  std::array<int64_t, kNumDims> dims = lm_.full;
  int top = Analyze(0, dims);
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

int64_t LevelAnalyzer::NocDelay(int64_t v) const {
  const int64_t bw = hw_.noc_bw;
  if (exact_ && v == 0) return 0;
  // An empty transfer costs latency - 1 in MAESTRO (NOTES.md item 10).
  return hw_.noc_latency + v / bw + (v % bw != 0 ? 1 : 0) - 1;
}

int LevelAnalyzer::Analyze(int li, const std::array<int64_t, kNumDims>& dims) {
  auto& memo = ws_.memo;
  for (size_t i = 0; i < memo.size(); ++i) {
    if (memo[i].level == li && memo[i].dims == dims) return static_cast<int>(i);
  }
  const Level& L = lm_.levels[li];
  const bool top = li == 0;
  const bool leaf = li + 1 == static_cast<int>(lm_.levels.size());

  // Sizes that decide the iteration states of each directive.
  std::array<int64_t, kNumDims> sizes;
  for (int d = 0; d < kNumDims; ++d)
    sizes[d] = dims[d] >= 0 ? dims[d] : L.base[d];
  LevelTables exact_tables;
  const LevelTables* T = &ws_.base_tables[li];
  if (exact_) {
    ComputeLevelTables(lm_, L, sizes, exact_tables, /*exact=*/true);
    T = &exact_tables;
  }

  std::array<DirectiveStates, kMaxDirectives> lists;
  std::array<int64_t, kMaxDirectives> freq;
  std::array<int, kMaxDirectives> cnt{};
  int64_t total = 1;
  for (int j = 0; j < L.num_dirs; ++j) {
    const LevelDirective& x = L.dirs[j];
    const int64_t D = sizes[x.dim] >= 0 ? sizes[x.dim] : x.size;
    lists[j] = StatesOf(x.spatial, x.size, x.offset, D, L.num_units);
    total *= lists[j].n;
  }
  for (int j = L.num_dirs - 1, f = 1; j >= 0; --j) {
    freq[j] = f;
    f *= lists[j].n;
  }

  LevelResult res;
  BeginCases(res);
  bool seen_valid = false;
  const int sp_dim = L.dirs[L.first_spatial].dim;
  const int64_t E = T->edge_units;
  CaseView cv{&lm_, &L, T, {}, exact_};
  std::array<int64_t, kNumDims> sub_dims;

  for (int64_t c = 0; c < total; ++c) {
    int64_t occ = 1;
    bool all_init = true;
    for (int j = 0; j < L.num_dirs; ++j) {
      const IterState* s = &lists[j].s[cnt[j]];
      cv.st[L.dirs[j].dim] = s;
      occ *= s->occ;
    }
    for (int j = 0; j < L.num_dirs; ++j) {
      if (cv.st[L.dirs[j].dim]->pos != Pos::kInit) all_init = false;
    }
    for (int j = 0; j < L.num_dirs; ++j) {
      if (c % freq[j] == 0) cnt[j] = (cnt[j] + 1) % lists[j].n;
    }

    const int64_t egr = cv.Egress();
    const int64_t macs = cv.Macs();
    const int64_t psums = cv.CriticalPartialSums();
    const bool valid = exact_ ? macs > 0 : psums > 0;
    std::array<int64_t, 2> ing{};
    if (!seen_valid || valid || exact_) {
      ing[0] = cv.Ingress(0);
      ing[1] = cv.Ingress(1);
    }
    // Buffer needs (NOTES.md item 7): MAESTRO's are taken up to the first
    // valid case; exact ones are the largest case that holds data, MACs or
    // not (a PE holding an input column of a row-stationary pair needs its
    // buffer although its own tile makes no output).
    if (exact_ ? valid || ing[0] + ing[1] > 0 : !seen_valid) {
      for (int t = 0; t < 2; ++t) {
        const TensorInfo& ti = lm_.tensors[t];
        int64_t tile = 1;
        for (int i = 0; i < ti.num_dims; ++i) {
          if (L.dims_mask & DimBit(ti.dims[i])) tile *= T->dim[ti.dims[i]].m;
        }
        if (exact_) {  // the largest case, not a running sum
          res.l2_req[t] = std::max(res.l2_req[t], 2 * ing[t]);
          res.l1_req[t] = std::max(res.l1_req[t], 2 * tile);
        } else {
          res.l2_req[t] += 2 * ing[t];
          res.l1_req[t] += 2 * tile;
        }
      }
      const TensorInfo& to = lm_.tensors[2];
      int64_t tile = 1;
      for (int i = 0; i < to.num_dims; ++i) {
        if (L.dims_mask & DimBit(to.dims[i])) tile *= T->dim[to.dims[i]].m;
      }
      res.l2_req[2] = exact_ ? std::max(res.l2_req[2], 2 * egr) : 2 * egr;
      res.l1_req[2] = exact_ ? std::max(res.l1_req[2], 2 * tile) : 2 * tile;
    }
    if (!exact_) {  // MAESTRO books these before its skip test
      res.egress += occ * egr;
      res.macs_all += occ * macs;
    }
    if (!valid) continue;
    seen_valid = true;
    if (exact_) {
      res.egress += occ * egr;
      res.macs_all += occ * macs;
    }

    const IterState& sst = *cv.st[sp_dim];
    int64_t comp = 0;
    double active = 0;
    std::array<int64_t, 2> writes{};
    auto add_sub = [&](int idx, int64_t count) {
      const LevelResult& sr = memo[idx].result;
      comp = std::max(comp, sr.runtime);
      active += sr.AvgActive() * count;
      writes[0] += sr.pe_writes[0] * count;
      writes[1] += sr.pe_writes[1] * count;
    };
    if (leaf) {
      comp = (psums + hw_.simd_lanes - 1) / hw_.simd_lanes;
      writes[0] = cv.UnitsReceive(0);
      writes[1] = cv.UnitsReceive(1);
    } else if (sst.edge() && sst.edge_edge) {
      cv.SubDims(true, sub_dims);
      add_sub(Analyze(li + 1, sub_dims), 1);
      if (E - 1 > 0) {
        cv.SubDims(false, sub_dims);
        add_sub(Analyze(li + 1, sub_dims), E - 1);
      }
    } else {
      cv.SubDims(false, sub_dims);
      add_sub(Analyze(li + 1, sub_dims), sst.edge() ? E : L.num_units);
    }
    if (active == 0) active = static_cast<double>(sst.edge() ? E : L.num_units);

    CaseCost cc;
    cc.occ = occ;
    cc.ingress = ing[0] + ing[1];
    cc.egress = egr;
    cc.compute = comp;
    cc.ingress_delay = NocDelay(cc.ingress);
    cc.egress_delay = NocDelay(egr);
    cc.active = active;
    cc.all_init = all_init;
    BookCase(cc, top, top ? OffchipFloor(res.l2_req, hw_.offchip_bw) : 0,
             ws_.statistics, res);
    res.macs += occ * macs;
    res.ingress[0] += occ * ing[0];
    res.ingress[1] += occ * ing[1];
    res.pe_writes[0] += occ * writes[0];
    res.pe_writes[1] += occ * writes[1];
  }
  EndCases(seen_valid, res);

  memo.push_back({li, dims, res});
  const int idx = static_cast<int>(memo.size()) - 1;
  if (leaf && first_leaf_ < 0) first_leaf_ = idx;
  return idx;
}

}  // namespace maestro::engine
