#include "search/pareto.h"

#include <algorithm>
#include <limits>

namespace maestro::search {
namespace {

bool Equal(const Objectives& a, const Objectives& b, int n) {
  for (int i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

bool LexLess(const Objectives& a, const Objectives& b, int n) {
  for (int i = 0; i < n; ++i) {
    if (a[i] != b[i]) return a[i] < b[i];
  }
  return false;
}

// The 2-D hypervolume of points (first two objectives), each already
// strictly inside the reference box.
double Area2(std::vector<Objectives> f, double r0, double r1) {
  std::sort(f.begin(), f.end(), [](const Objectives& a, const Objectives& b) {
    return a[0] != b[0] ? a[0] < b[0] : a[1] < b[1];
  });
  double area = 0, floor = r1;
  for (const Objectives& p : f) {
    if (p[1] >= floor) continue;
    area += (r0 - p[0]) * (floor - p[1]);
    floor = p[1];
  }
  return area;
}

}  // namespace

bool Dominates(const Objectives& a, const Objectives& b, int n) {
  bool better = false;
  for (int i = 0; i < n; ++i) {
    if (a[i] > b[i]) return false;
    better |= a[i] < b[i];
  }
  return better;
}

bool ParetoArchive::Offer(const ParetoPoint& p) {
  for (const ParetoPoint& q : points_) {
    if (Dominates(q.f, p.f, n_)) return false;
    if (Equal(q.f, p.f, n_) && q.key <= p.key) return false;
  }
  points_.erase(std::remove_if(points_.begin(), points_.end(),
                               [&](const ParetoPoint& q) {
                                 return Dominates(p.f, q.f, n_) ||
                                        Equal(p.f, q.f, n_);
                               }),
                points_.end());
  points_.push_back(p);
  return true;
}

std::vector<ParetoPoint> ParetoArchive::Sorted() const {
  std::vector<ParetoPoint> s = points_;
  const int n = n_;
  std::sort(s.begin(), s.end(),
            [n](const ParetoPoint& a, const ParetoPoint& b) {
              if (!Equal(a.f, b.f, n)) return LexLess(a.f, b.f, n);
              return a.key < b.key;
            });
  return s;
}

std::vector<int> FrontRanks(const std::vector<Objectives>& f, int n) {
  const size_t N = f.size();
  std::vector<int> rank(N, -1), dominated_by(N, 0);
  std::vector<std::vector<size_t>> dominates(N);
  for (size_t i = 0; i < N; ++i) {
    for (size_t j = 0; j < N; ++j) {
      if (i == j) continue;
      if (Dominates(f[i], f[j], n)) dominates[i].push_back(j);
      if (Dominates(f[j], f[i], n)) ++dominated_by[i];
    }
  }
  std::vector<size_t> current;
  for (size_t i = 0; i < N; ++i) {
    if (dominated_by[i] == 0) current.push_back(i);
  }
  for (int r = 0; !current.empty(); ++r) {
    std::vector<size_t> next;
    for (size_t i : current) {
      rank[i] = r;
      for (size_t j : dominates[i]) {
        if (--dominated_by[j] == 0) next.push_back(j);
      }
    }
    current.swap(next);
  }
  return rank;
}

std::vector<double> CrowdingDistance(const std::vector<Objectives>& f, int n,
                                     const std::vector<int>& rank) {
  const size_t N = f.size();
  std::vector<double> d(N, 0);
  const int fronts = N ? *std::max_element(rank.begin(), rank.end()) + 1 : 0;
  constexpr double kInf = std::numeric_limits<double>::infinity();
  for (int r = 0; r < fronts; ++r) {
    std::vector<size_t> idx;
    for (size_t i = 0; i < N; ++i) {
      if (rank[i] == r) idx.push_back(i);
    }
    for (int m = 0; m < n; ++m) {
      std::stable_sort(idx.begin(), idx.end(),
                       [&](size_t a, size_t b) { return f[a][m] < f[b][m]; });
      const double span = f[idx.back()][m] - f[idx.front()][m];
      d[idx.front()] = d[idx.back()] = kInf;
      if (span <= 0) continue;
      for (size_t k = 1; k + 1 < idx.size(); ++k) {
        d[idx[k]] += (f[idx[k + 1]][m] - f[idx[k - 1]][m]) / span;
      }
    }
  }
  return d;
}

double Hypervolume(const std::vector<Objectives>& f, int n,
                   const Objectives& ref) {
  std::vector<Objectives> in;
  for (const Objectives& p : f) {
    bool inside = true;
    for (int i = 0; i < n; ++i) inside &= p[i] < ref[i];
    if (inside) in.push_back(p);
  }
  if (n == 2) return Area2(in, ref[0], ref[1]);
  // n = 3: slabs between consecutive third objectives, each the 2-D volume
  // of the points at or below it.
  std::sort(in.begin(), in.end(), [](const Objectives& a, const Objectives& b) {
    return a[2] < b[2];
  });
  double volume = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    const double top = i + 1 < in.size() ? in[i + 1][2] : ref[2];
    if (top <= in[i][2]) continue;
    const std::vector<Objectives> below(in.begin(), in.begin() + i + 1);
    volume += Area2(below, ref[0], ref[1]) * (top - in[i][2]);
  }
  return volume;
}

size_t KneeIndex(const std::vector<Objectives>& f, int n) {
  Objectives lo{}, hi{};
  for (int m = 0; m < n; ++m) {
    lo[m] = hi[m] = f.empty() ? 0 : f[0][m];
    for (const Objectives& p : f) {
      lo[m] = std::min(lo[m], p[m]);
      hi[m] = std::max(hi[m], p[m]);
    }
  }
  size_t knee = 0;
  double best = 0;
  for (size_t i = 0; i < f.size(); ++i) {
    double d = 0;
    for (int m = 0; m < n; ++m) {
      const double x = hi[m] > lo[m] ? (f[i][m] - lo[m]) / (hi[m] - lo[m]) : 0;
      d += x * x;
    }
    if (i == 0 || d < best) best = d, knee = i;
  }
  return knee;
}

}  // namespace maestro::search
