// `--objective` beyond latency, energy and edp (design 6.4, those that need
// no area model): throughput (MACs per cycle; per layer it ranks as
// latency, the MACs being fixed), lex:a,b (a first, then b) and
// weighted:a=w,b=w (the product of each metric's ratio to the best library
// dataflow's, raised to its weight).
//
// Example:
//   absl::StatusOr<ObjectiveSpec> o =
//   ParseObjectiveSpec("weighted:latency=1,energy=0.5"); o->base; //
//   Objective::kLatency (network totals) ApplyObjective(*o, refs, m);    //
//   sets m.primary / m.secondary
#ifndef MAESTRO_ONNX_SEARCH_OBJECTIVE_H_
#define MAESTRO_ONNX_SEARCH_OBJECTIVE_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "search/evaluator.h"

namespace maestro::search {

struct ObjectiveSpec {
  enum class Kind : uint8_t { kBasic, kLex, kWeighted };
  Kind kind = Kind::kBasic;
  Objective base = Objective::kLatency;  // basic; lex's first; weighted's
                                         // heaviest term
  std::vector<std::pair<Objective, double>> terms;  // lex: 2, weighted: >= 1
  std::string text;                                 // as written in outputs
  bool throughput = false;  // reported as throughput (ranked as latency)
};

// latency, energy, edp, throughput, lex:A,B, weighted:A=W[,B=W...] with A, B
// in latency, energy, edp and W > 0.
absl::StatusOr<ObjectiveSpec> ParseObjectiveSpec(const std::string& text);

// The value of one basic objective (core/objective.h, one definition).
using ::maestro::ObjectiveValue;

// The best library value of each basic objective (weighted's reference).
struct ObjectiveRefs {
  double latency = 0, energy = 0, edp = 0;
};

// Lex and weighted: sets primary and secondary (runtime) of m; basic
// objectives are left as the evaluator ranked them.
void ApplyObjective(const ObjectiveSpec& o, const ObjectiveRefs& refs,
                    Metrics& m);

}  // namespace maestro::search

#endif  // MAESTRO_ONNX_SEARCH_OBJECTIVE_H_
