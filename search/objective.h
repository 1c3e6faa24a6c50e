// `--objective` beyond latency, energy and edp (design 6.4): throughput
// (MACs per cycle; per layer it ranks as latency, the MACs being fixed),
// area and power (the design's, core/area_model.h: ranked as lex:area,latency
// and lex:power,latency), lex:a,b (a first, then b), weighted:a=w,b=w (the
// product of each metric's ratio to the best library dataflow's, raised to
// its weight) and pareto:a,b[,c] (a front; ranked by non-dominated sorting
// and crowding distance, its single winner lex:a,b).
//
// Example:
//   absl::StatusOr<ObjectiveSpec> o =
//       ParseObjectiveSpec("weighted:latency=1,energy=0.5");
//   o->base;                           // Objective::kLatency (network totals)
//   ApplyObjective(*o, refs, m);       // sets m.primary / m.secondary
//   ParseObjectiveSpec("pareto:latency,energy,area")->terms.size();  // 3
#ifndef MAESTRO_ONNX_SEARCH_OBJECTIVE_H_
#define MAESTRO_ONNX_SEARCH_OBJECTIVE_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "search/evaluator.h"

namespace maestro::search {

// The figures an objective may name: the basic objectives and the design's
// area (um^2) and power (mW) under the hardware's area model.
enum class Metric : uint8_t { kLatency, kEnergy, kEdp, kArea, kPower };
absl::string_view MetricName(Metric m);  // "latency", ..., "power"
std::optional<Metric> ParseMetric(absl::string_view text);
// The metric's value on a judged candidate (lower wins).
double MetricValue(Metric metric, const Metrics& m);

struct ObjectiveSpec {
  enum class Kind : uint8_t { kBasic, kLex, kWeighted, kPareto };
  Kind kind = Kind::kBasic;
  Objective base = Objective::kLatency;  // basic; lex's first; weighted's
                                         // heaviest term; kLatency when that
                                         // is area or power
  // lex: 2; weighted: >= 1; pareto: 2 or 3 distinct metrics (weights 1).
  std::vector<std::pair<Metric, double>> terms;
  std::string text;         // as written in outputs
  bool throughput = false;  // reported as throughput (ranked as latency)
  // Whether a term is area or power (the evaluator then costs the design).
  bool UsesArea() const;
  bool pareto() const { return kind == Kind::kPareto; }
};

// latency, energy, edp, throughput, area, power, lex:A,B,
// weighted:A=W[,B=W...] and pareto:A,B[,C] with A, B, C in latency, energy,
// edp, area, power and W > 0.
absl::StatusOr<ObjectiveSpec> ParseObjectiveSpec(const std::string& text);

// The value of one basic objective (core/objective.h, one definition).
using ::maestro::ObjectiveValue;

// The best library value of each metric (weighted's reference).
struct ObjectiveRefs {
  double latency = 0, energy = 0, edp = 0, area = 0, power = 0;
  double Of(Metric m) const;
};

// Lex, weighted and pareto: sets primary and secondary (runtime) of m;
// basic objectives are left as the evaluator ranked them.
void ApplyObjective(const ObjectiveSpec& o, const ObjectiveRefs& refs,
                    Metrics& m);

}  // namespace maestro::search

#endif  // MAESTRO_ONNX_SEARCH_OBJECTIVE_H_
