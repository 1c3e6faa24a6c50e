// What "best" means when mappings or dataflows are compared: the fewest
// cycles (latency, the default), the least energy, or the least
// energy-delay product.
//
// Example:
//   std::optional<Objective> o = ParseObjective("edp");
//   double v = ObjectiveValue(*o, cycles, energy_pj);  // lower wins
//   ObjectiveName(*o);  // "edp"
#ifndef MAESTRO_ONNX_CORE_OBJECTIVE_H_
#define MAESTRO_ONNX_CORE_OBJECTIVE_H_

#include <cstdint>
#include <optional>

#include "absl/strings/string_view.h"

namespace maestro {

enum class Objective : uint8_t { kLatency, kEnergy, kEdp };

absl::string_view ObjectiveName(Objective o);  // "latency", "energy", "edp"
std::optional<Objective> ParseObjective(absl::string_view text);

// The figure the objective minimises: cycles, pJ, or cycles x pJ.
double ObjectiveValue(Objective o, double runtime_cycles, double energy_pj);

}  // namespace maestro

#endif  // MAESTRO_ONNX_CORE_OBJECTIVE_H_
