// AssignmentSpace (dse/confuciux/action_table.h): an assignment's cost by
// table lookups, its objective, the budget and the ranking.
#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "dse/confuciux/action_table.h"

namespace maestro::dse::confuciux {
namespace {

// The shared accelerator of the `max` reading: the largest PEs, L1 and L2
// any layer asks for.
AreaEstimate SharedArea(const Hardware& base, const AreaModel& model,
                        const AssignmentCost& c) {
  Hardware hw = base;
  hw.num_pes = c.pes;
  return EstimateArea(hw, model, {c.l1_size, c.l2_size});
}

}  // namespace

absl::StatusOr<AssignmentSpace> AssignmentSpace::Make(const ActionTable& table,
                                                      const Hardware& base,
                                                      AssignmentReading reading,
                                                      DseObjective objective,
                                                      double fraction) {
  if (objective != DseObjective::kLatency &&
      objective != DseObjective::kEnergy) {
    return absl::InvalidArgumentError(
        "rl-ga/ga/random minimise the network's latency or energy (ConfuciuX's "
        "fitness); expected --objective latency or energy");
  }
  if (!(fraction > 0 && fraction <= 1)) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "--budget-fraction %g is outside (0, 1]; expected the share of the gap "
        "between the all-smallest and the all-largest assignment's area "
        "(ConfuciuX's mul, default 0.5)",
        fraction));
  }
  AssignmentSpace s;
  s.table_ = &table;
  s.base_ = base;
  s.model_ = MakeAreaModel(base.area_model);
  s.reading_ = reading;
  s.objective_ = objective;
  // ConfuciuX's four corners (main.py: get_ref_constraint).
  const int corners[4] = {ActionOf(11, kLevels), ActionOf(0, 1),
                          ActionOf(11, 1), ActionOf(0, kLevels)};
  s.min_area_ = HUGE_VAL;
  s.max_area_ = 0;
  for (int action : corners) {
    const AssignmentCost c =
        s.Cost(Assignment(table.layers.size(), static_cast<uint8_t>(action)));
    if (!c.ok) {
      return absl::InvalidArgumentError(absl::StrCat(
          "the assignment of ", PesOf(action), " PEs and buffer level ",
          LevelOf(action),
          " to every layer cannot be costed, so the budget (between the "
          "all-smallest and all-largest assignment) is undefined"));
    }
    s.min_area_ = std::min(s.min_area_, c.area_um2);
    s.max_area_ = std::max(s.max_area_, c.area_um2);
  }
  s.budget_ = s.min_area_ + fraction * (s.max_area_ - s.min_area_);
  if (!(s.budget_ > 0)) {
    return absl::InvalidArgumentError(
        absl::StrFormat("the area budget is %g um^2; expected a positive "
                        "budget (an area model that costs nothing?)",
                        s.budget_));
  }
  return s;
}

AssignmentCost AssignmentSpace::Cost(const Assignment& a) const {
  AssignmentCost c;
  c.ok = true;
  double static_mw = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    const ActionCost& e = table_->At(i, a[i]);
    if (!e.ok) {
      c.ok = false;
      return c;
    }
    const int64_t rep = table_->repeat[i];
    c.runtime_cycles += e.runtime_cycles * rep;
    c.energy_pj += e.energy_pj * static_cast<double>(rep);
    c.l1_size = std::max(c.l1_size, e.l1_req);
    if (reading_ == AssignmentReading::kSum) {
      c.area_um2 += e.area_um2;
      static_mw += e.static_power_mw;
      c.pes += PesOf(a[i]);
      c.l2_size += e.l2_req;
    } else {
      c.pes = std::max(c.pes, PesOf(a[i]));
      c.l2_size = std::max(c.l2_size, e.l2_req);
    }
  }
  AreaEstimate area;
  if (reading_ == AssignmentReading::kMax) {
    area = SharedArea(base_, model_, c);
    c.area_um2 = area.total_um2;
  } else {
    area.total_um2 = c.area_um2;
    area.static_power_mw = static_mw;
  }
  c.power_mw =
      DesignPowerMw(area, c.energy_pj, c.runtime_cycles, base_.clock_ghz);
  return c;
}

double AssignmentSpace::Area(const Assignment& a) const {
  if (reading_ == AssignmentReading::kMax) {
    const AssignmentCost c = Cost(a);
    return c.ok ? c.area_um2 : HUGE_VAL;
  }
  double area = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    const ActionCost& e = table_->At(i, a[i]);
    if (!e.ok) return HUGE_VAL;
    area += e.area_um2;
  }
  return area;
}

double AssignmentSpace::Objective(const AssignmentCost& c) const {
  return objective_ == DseObjective::kEnergy
             ? c.energy_pj
             : static_cast<double>(c.runtime_cycles);
}

bool AssignmentSpace::Better(const AssignmentCost& a, const Assignment& aa,
                             const AssignmentCost& b,
                             const Assignment& ab) const {
  const bool fa = Feasible(a), fb = Feasible(b);
  if (fa != fb) return fa;
  if (!fa) {  // constraint domination: the smaller overshoot first
    const double va = a.ok ? a.area_um2 : HUGE_VAL;
    const double vb = b.ok ? b.area_um2 : HUGE_VAL;
    if (va != vb) return va < vb;
    return aa < ab;
  }
  const double oa = Objective(a), ob = Objective(b);
  if (oa != ob) return oa < ob;
  if (a.area_um2 != b.area_um2) return a.area_um2 < b.area_um2;
  return aa < ab;
}

}  // namespace maestro::dse::confuciux
