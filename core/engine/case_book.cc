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
                  LevelResult* res) {
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
  cases_.clear();
  subs_.clear();
  analyses_.clear();
  runtime_.clear();
  if (static_cast<int>(pending_.size()) < levels) pending_.resize(levels);
  for (Pending& p : pending_) {
    p.cases.clear();
    p.subs.clear();
  }
}

void CaseBook::Record(int li, const CaseRecord& rec,
                      std::span<const int32_t> subs, bool statistics,
                      LevelResult& res) {
  Pending& p = pending_[li];
  CaseRecord& c = p.cases.emplace_back(rec);
  c.sub_begin = static_cast<int32_t>(p.subs.size());
  for (int32_t s : subs) {
    // (Consecutive cases and groups often use the same sub-analysis.)
    if (p.subs.size() == static_cast<size_t>(c.sub_begin) ||
        p.subs.back() != s) {
      p.subs.push_back(s);
    }
  }
  c.sub_end = static_cast<int32_t>(p.subs.size());
  if (statistics) {
    res.occurrences += c.occ;
    res.active_sum += c.occ * c.active;
  }
}

void CaseBook::SetFloorNeeds(int li, const std::array<int64_t, 3>& l2_req) {
  for (CaseRecord& c : pending_[li].cases) {
    c.l2_in = l2_req[0] + l2_req[1];
    c.l2_out = l2_req[2];
  }
}

int CaseBook::Commit(int li, bool top) {
  Pending& p = pending_[li];
  const int32_t begin = static_cast<int32_t>(cases_.size());
  const int32_t base = static_cast<int32_t>(subs_.size());
  for (CaseRecord c : p.cases) {
    c.sub_begin += base;
    c.sub_end += base;
    cases_.push_back(c);
  }
  subs_.insert(subs_.end(), p.subs.begin(), p.subs.end());
  p.cases.clear();
  p.subs.clear();
  analyses_.push_back({begin, static_cast<int32_t>(cases_.size()), top});
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
        pending_[0].cases.back().occ += c.occ;
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
  if (!statistics) {
    res.runtime = CostCases<false>(book, a, rule, nullptr);
  } else {
    res.in_min = res.eg_min = res.cp_min = std::numeric_limits<int64_t>::max();
    res.runtime = CostCases<true>(book, a, rule, &res);
    if (book.Cases(a).empty()) res.in_min = res.eg_min = res.cp_min = 0;
  }
  book.SetRuntime(a, res.runtime);
}

int64_t CostRuntimes(CaseBook& book, const CostRule& rule) {
  int64_t r = 0;
  for (int a = 0; a < book.num_analyses(); ++a) {
    r = CostCases<false>(book, a, rule, nullptr);
    book.SetRuntime(a, r);
  }
  return r;
}

}  // namespace maestro::engine
