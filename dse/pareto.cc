#include "dse/pareto.h"

#include <algorithm>
#include <tuple>

namespace maestro::dse {

bool Dominates(const DesignFigures& a, const DesignFigures& b) {
  if (a.runtime_cycles > b.runtime_cycles || a.energy_pj > b.energy_pj ||
      a.area_um2 > b.area_um2) {
    return false;
  }
  return a.runtime_cycles < b.runtime_cycles || a.energy_pj < b.energy_pj ||
         a.area_um2 < b.area_um2;
}

bool SameFigures(const DesignFigures& a, const DesignFigures& b) {
  return a.runtime_cycles == b.runtime_cycles && a.energy_pj == b.energy_pj &&
         a.area_um2 == b.area_um2;
}

void ParetoArchive::Insert(const DesignPoint& p) {
  for (DesignPoint& q : points_) {
    if (Dominates(q.fig, p.fig)) return;
    if (SameFigures(q.fig, p.fig)) {
      if (PointKeyLess(p.hw, q.hw)) q = p;
      return;
    }
  }
  std::erase_if(points_,
                [&](const DesignPoint& q) { return Dominates(p.fig, q.fig); });
  points_.push_back(p);
}

void ParetoArchive::Merge(const ParetoArchive& other) {
  for (const DesignPoint& p : other.points_) Insert(p);
}

std::vector<DesignPoint> ParetoArchive::Sorted() const {
  std::vector<DesignPoint> out = points_;
  std::sort(
      out.begin(), out.end(), [](const DesignPoint& a, const DesignPoint& b) {
        if (std::tie(a.fig.runtime_cycles, a.fig.energy_pj, a.fig.area_um2) !=
            std::tie(b.fig.runtime_cycles, b.fig.energy_pj, b.fig.area_um2)) {
          return std::tie(a.fig.runtime_cycles, a.fig.energy_pj,
                          a.fig.area_um2) < std::tie(b.fig.runtime_cycles,
                                                     b.fig.energy_pj,
                                                     b.fig.area_um2);
        }
        return PointKeyLess(a.hw, b.hw);
      });
  return out;
}

std::vector<DesignPoint> ParetoFront(const std::vector<DesignPoint>& points) {
  ParetoArchive a;
  for (const DesignPoint& p : points) a.Insert(p);
  return a.Sorted();
}

void TopK::Offer(const DesignPoint& p) {
  if (k_ == 0) return;
  auto less = [this](const DesignPoint& a, const DesignPoint& b) {
    return DesignLess(objective_, a, b);
  };
  if (points_.size() == k_ && !less(p, points_.back())) return;
  points_.insert(std::upper_bound(points_.begin(), points_.end(), p, less), p);
  if (points_.size() > k_) points_.pop_back();
}

void TopK::Merge(const TopK& other) {
  for (const DesignPoint& p : other.points_) Offer(p);
}

}  // namespace maestro::dse
