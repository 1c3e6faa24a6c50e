// Multi-objective pieces of the search (design 6.4): Pareto dominance over
// 2 or 3 minimised objectives, an archive of every non-dominated point
// offered, NSGA-II's non-dominated sorting and crowding distance, and the
// hypervolume of a front against a fixed reference point.
//
// Example:
//   ParetoArchive a(2);
//   a.Offer({{120, 3.5}, /*key=*/7});     // kept
//   a.Offer({{130, 4.0}, 8});              // dominated: refused
//   std::vector<ParetoPoint> f = a.Sorted();   // by objectives, then key
//   std::vector<int> rank = FrontRanks(values, 2);      // 0 = first front
//   double hv = Hypervolume(values, 2, {240, 7.0});     // raw volume
//   size_t knee = KneeIndex(values, 2);
//
// An archive is a set function of the points offered: of points with equal
// objectives the one with the smallest key stands for them all, so the
// result does not depend on the order points are offered in.
#ifndef MAESTRO_ONNX_SEARCH_PARETO_H_
#define MAESTRO_ONNX_SEARCH_PARETO_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace maestro::search {

inline constexpr int kMaxObjectives = 3;
using Objectives = std::array<double, kMaxObjectives>;  // unused slots 0

// a dominates b on the first n objectives: no worse in all, better in one.
bool Dominates(const Objectives& a, const Objectives& b, int n);

struct ParetoPoint {
  Objectives f{};
  uint64_t key = 0;
  int64_t payload = 0;  // the owner's index of what the point stands for
};

class ParetoArchive {
 public:
  explicit ParetoArchive(int n = 2) : n_(n) {}
  // Adds p unless a kept point dominates it or has equal objectives and a
  // smaller (or equal) key; drops the points p dominates. True when added.
  bool Offer(const ParetoPoint& p);
  int objectives() const { return n_; }
  size_t size() const { return points_.size(); }
  const std::vector<ParetoPoint>& points() const { return points_; }
  // The front by objectives (lexicographic), then key.
  std::vector<ParetoPoint> Sorted() const;

 private:
  int n_;
  std::vector<ParetoPoint> points_;
};

// NSGA-II: each point's front (0 = non-dominated, 1 = non-dominated once
// front 0 is removed, ...).
std::vector<int> FrontRanks(const std::vector<Objectives>& f, int n);
// NSGA-II's crowding distance of each point within its front (`rank`
// from FrontRanks): the sum over objectives of the normalised gap between
// its neighbours; the extremes of each objective get +infinity.
std::vector<double> CrowdingDistance(const std::vector<Objectives>& f, int n,
                                     const std::vector<int>& rank);

// The volume dominated by `f` and bounded by `ref` (minimisation; points
// not strictly better than ref in every objective add nothing). Exact for
// n = 2 and 3.
double Hypervolume(const std::vector<Objectives>& f, int n,
                   const Objectives& ref);

// The knee of a front: the point nearest (Euclidean) to the ideal point
// once each objective is scaled to [0, 1] over the front; the first on
// ties; 0 for an empty front.
size_t KneeIndex(const std::vector<Objectives>& f, int n);

}  // namespace maestro::search

#endif  // MAESTRO_ONNX_SEARCH_PARETO_H_
