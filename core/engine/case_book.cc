#include "core/engine/case_book.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <tuple>

#include "core/engine/level_tables.h"

namespace maestro::engine {
namespace {

constexpr int kComputeBound = 0, kNocBound = 1, kOffchipBound = 2;

// The bandwidth-dependent statistics of one costed case.
void BookStatistics(const CaseRecord& c, bool top, int64_t compute, int64_t ind,
                    int64_t egd, int64_t delay, int bound, LevelResult& res) {
  if (top) {
    res.bound_cycles[bound] += c.occ * delay;
    // What the floor charges: each step refills half the L2 need.
    res.offchip_modelled +=
        c.occ * (FloorDiv(c.l2_in, 2) + FloorDiv(c.l2_out, 2));
    if (delay > 0) {
      res.offchip_peak = std::max(
          res.offchip_peak, static_cast<double>(c.ingress + c.egress) / delay);
    }
  }
  const int64_t c1 = std::max<int64_t>(compute, 1);
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

// The runtime of analysis `a` at `rule`, and with kStatistics the
// statistics into `res`. One copy of the per-case delay rule.
template <bool kStatistics>
int64_t CostCases(const CaseBook& book, int a, const CostRule& rule,
                  LevelResult* res, int64_t& zero_compute_occ) {
  const bool top = book.Top(a);
  int64_t runtime = 0;
  int64_t floor_in = -1, floor_out = -1, floor = 0;  // last floor computed
  for (const CaseRecord& c : book.Cases(a)) {
    int64_t compute = c.compute;
    for (int32_t s : book.Subs(c)) compute = std::max(compute, book.Runtime(s));
    const int64_t ind = NocDelay(c.ingress, rule);
    const int64_t egd = NocDelay(c.egress, rule);
    int64_t delay = c.all_init ? compute + ind : std::max({egd, compute, ind});
    int bound = (c.all_init ? compute >= ind : compute >= std::max(ind, egd))
                    ? kComputeBound
                    : kNocBound;
    if (top) {
      if (compute == 0) zero_compute_occ += c.occ;
      if (c.l2_in != floor_in || c.l2_out != floor_out) {
        floor_in = c.l2_in;
        floor_out = c.l2_out;
        floor = OffchipFloor(floor_in, floor_out, rule.offchip_bw);
      }
      if (floor > delay) {
        delay = floor;
        bound = kOffchipBound;
      }
    }
    runtime += c.occ * delay;
    if constexpr (kStatistics) {
      BookStatistics(c, top, compute, ind, egd, delay, bound, *res);
    }
  }
  return runtime;
}

// The order CompactFrom sorts cases in: equal keys cost the same.
auto CaseKey(const CaseRecord& c) {
  return std::tie(c.ingress, c.egress, c.compute, c.all_init, c.l2_in,
                  c.l2_out);
}

}  // namespace

void CaseBook::Begin(int levels) {
  subs_.clear();
  analyses_.clear();
  runtime_.clear();
  if (static_cast<int>(levels_.size()) < levels) levels_.resize(levels);
  for (Level& l : levels_) {
    l.cases.clear();
    l.open = 0;
  }
}

void CaseBook::Record(int li, const CaseRecord& rec,
                      std::span<const int32_t> subs, bool statistics,
                      LevelResult& res) {
  CaseRecord& c = levels_[li].cases.emplace_back(rec);
  c.sub_begin = static_cast<int32_t>(subs_.size());
  for (int32_t s : subs) {
    // (Consecutive cases and groups often use the same sub-analysis.)
    if (subs_.size() == static_cast<size_t>(c.sub_begin) || subs_.back() != s) {
      subs_.push_back(s);
    }
  }
  c.sub_end = static_cast<int32_t>(subs_.size());
  if (statistics) {
    res.occurrences += c.occ;
    res.active_sum += c.occ * c.active;
  }
}

void CaseBook::SetFloorNeeds(int li, const std::array<int64_t, 3>& l2_req) {
  Level& l = levels_[li];
  for (size_t i = l.open; i < l.cases.size(); ++i) {
    l.cases[i].l2_in = l2_req[0] + l2_req[1];
    l.cases[i].l2_out = l2_req[2];
  }
}

int CaseBook::Commit(int li, bool top) {
  Level& l = levels_[li];
  const int32_t end = static_cast<int32_t>(l.cases.size());
  analyses_.push_back({li, l.open, end, top});
  l.open = end;
  runtime_.push_back(0);
  return static_cast<int>(analyses_.size()) - 1;
}

void CaseBook::CompactFrom(const CaseBook& from) {
  Begin(1);
  std::vector<int32_t> order;
  std::vector<std::vector<int32_t>> subs;  // per case: sorted, unique
  for (int a = 0; a < from.num_analyses(); ++a) {
    std::span<const CaseRecord> cs = from.Cases(a);
    subs.assign(cs.size(), {});
    for (size_t i = 0; i < cs.size(); ++i) {
      std::span<const int32_t> s = from.Subs(cs[i]);
      subs[i].assign(s.begin(), s.end());
      std::sort(subs[i].begin(), subs[i].end());
      subs[i].erase(std::unique(subs[i].begin(), subs[i].end()), subs[i].end());
    }
    order.resize(cs.size());
    std::iota(order.begin(), order.end(), 0);
    auto less = [&](int32_t x, int32_t y) {
      if (CaseKey(cs[x]) != CaseKey(cs[y]))
        return CaseKey(cs[x]) < CaseKey(cs[y]);
      return subs[x] < subs[y];
    };
    std::sort(order.begin(), order.end(), less);
    for (size_t i = 0; i < order.size(); ++i) {
      const CaseRecord& c = cs[order[i]];
      const bool same = i > 0 && !less(order[i - 1], order[i]);
      if (same) {
        levels_[0].cases.back().occ += c.occ;
        continue;
      }
      CaseRecord m = c;
      m.active = 0;
      LevelResult unused;
      Record(0, m, subs[order[i]], /*statistics=*/false, unused);
    }
    Commit(0, from.Top(a));
  }
}

int64_t OffchipFloor(int64_t l2_in, int64_t l2_out, int64_t bw) {
  return std::max(FloorDiv(FloorDiv(l2_in, bw), 2),
                  FloorDiv(FloorDiv(l2_out, bw), 2));
}

void CostAnalysis(CaseBook& book, int a, const CostRule& rule, bool statistics,
                  LevelResult& res) {
  res.zero_compute_occ = 0;
  if (!statistics) {
    res.runtime =
        CostCases<false>(book, a, rule, nullptr, res.zero_compute_occ);
  } else {
    res.in_min = res.eg_min = res.cp_min = std::numeric_limits<int64_t>::max();
    res.runtime = CostCases<true>(book, a, rule, &res, res.zero_compute_occ);
    if (book.Cases(a).empty()) res.in_min = res.eg_min = res.cp_min = 0;
  }
  book.SetRuntime(a, res.runtime);
}

int64_t CostRuntimes(CaseBook& book, const CostRule& rule) {
  int64_t r = 0, zero_compute_occ = 0;
  for (int a = 0; a < book.num_analyses(); ++a) {
    r = CostCases<false>(book, a, rule, nullptr, zero_compute_occ);
    book.SetRuntime(a, r);
  }
  return r;
}

}  // namespace maestro::engine
