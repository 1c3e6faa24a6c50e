// `--constraint`: user limits on each searched layer's mapping (design
// section 6.4), ranked by constraint domination: a candidate within every
// limit (and the hardware's buffers) is feasible; the others rank by their
// normalised violation, sum of max(0, value / limit - 1).
//
// Example:
//   absl::StatusOr<Constraints> c = ParseConstraints("l1<=512,area<=2.5e6");
//   double v = ConstraintViolation(*c, metrics);   // 0 when within limits
//   c->Text();                                     // "l1<=512,area<=2.5e+06"
#ifndef MAESTRO_ONNX_SEARCH_CONSTRAINTS_H_
#define MAESTRO_ONNX_SEARCH_CONSTRAINTS_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"

namespace maestro::search {

struct Metrics;

struct Constraints {
  std::optional<double> l1;       // L1 need per PE, elements
  std::optional<double> l2;       // L2 need, elements
  std::optional<double> pes;      // PEs the mapping may use
  std::optional<double> latency;  // cycles
  std::optional<double> energy;   // pJ
  std::optional<double> area;     // um^2, the design (Metrics::area_um2)
  std::optional<double> power;    // mW, the design (Metrics::power_mw)
  bool empty() const {
    return !l1 && !l2 && !pes && !latency && !energy && !area && !power;
  }
  bool UsesArea() const { return area || power; }
  std::string Text() const;  // "" when empty
};

// "KEY<=VALUE[,KEY<=VALUE...]" with KEY in l1, l2, pes, latency, energy,
// area, power and VALUE a positive number (1e6 allowed; pes a whole number).
absl::StatusOr<Constraints> ParseConstraints(const std::string& text);

// Sum over l1, l2, latency, energy, area and power of max(0, value / limit
// - 1) (pes is applied as the hardware's PE count, see SearchLayer).
double ConstraintViolation(const Constraints& c, const Metrics& m);

}  // namespace maestro::search

#endif  // MAESTRO_ONNX_SEARCH_CONSTRAINTS_H_
