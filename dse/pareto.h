// The Pareto front of designs over (latency, energy, area), all minimised,
// and the best-k list of a ranking: both kept incrementally and mergeable,
// and both set functions (the result does not depend on the order points
// were offered in), so workers can keep their own and merge in any order.
//
// Example:
//   ParetoArchive front;
//   for (const DesignPoint& p : points) front.Insert(p);
//   std::vector<DesignPoint> f = front.Sorted();   // by latency, energy, ...
//   TopK best(DseObjective::kEdp, 10);
//   best.Offer(p);  best.Merge(other);  best.points();
#ifndef MAESTRO_ONNX_DSE_PARETO_H_
#define MAESTRO_ONNX_DSE_PARETO_H_

#include <cstddef>
#include <vector>

#include "dse/dse.h"

namespace maestro::dse {

// a dominates b: no worse in runtime, energy and area, better in one.
bool Dominates(const DesignFigures& a, const DesignFigures& b);
bool SameFigures(const DesignFigures& a, const DesignFigures& b);

class ParetoArchive {
 public:
  // Adds p unless a kept point dominates it; drops the points p dominates.
  // Of points with equal (runtime, energy, area) the one with the smallest
  // fields (PointKeyLess: fewest PEs, then the smaller buffers and
  // bandwidths) stands for them all.
  void Insert(const DesignPoint& p);
  void Merge(const ParetoArchive& other);
  size_t size() const { return points_.size(); }
  // The front by (runtime, energy, area, point fields).
  std::vector<DesignPoint> Sorted() const;

 private:
  std::vector<DesignPoint> points_;
};

// The non-dominated subset of `points`, sorted as ParetoArchive::Sorted.
std::vector<DesignPoint> ParetoFront(const std::vector<DesignPoint>& points);

// The k best points under DesignLess, best first.
class TopK {
 public:
  TopK(DseObjective objective, size_t k) : objective_(objective), k_(k) {}
  void Offer(const DesignPoint& p);
  void Merge(const TopK& other);
  const std::vector<DesignPoint>& points() const { return points_; }

 private:
  DseObjective objective_;
  size_t k_;
  std::vector<DesignPoint> points_;  // sorted, at most k_
};

}  // namespace maestro::dse

#endif  // MAESTRO_ONNX_DSE_PARETO_H_
