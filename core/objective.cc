#include "core/objective.h"

namespace maestro {

absl::string_view ObjectiveName(Objective o) {
  switch (o) {
    case Objective::kEnergy:
      return "energy";
    case Objective::kEdp:
      return "edp";
    case Objective::kLatency:
      break;
  }
  return "latency";
}

std::optional<Objective> ParseObjective(absl::string_view t) {
  if (t == "latency") return Objective::kLatency;
  if (t == "energy") return Objective::kEnergy;
  if (t == "edp") return Objective::kEdp;
  return std::nullopt;
}

double ObjectiveValue(Objective o, double runtime_cycles, double energy_pj) {
  switch (o) {
    case Objective::kEnergy:
      return energy_pj;
    case Objective::kEdp:
      return runtime_cycles * energy_pj;
    case Objective::kLatency:
      break;
  }
  return runtime_cycles;
}

}  // namespace maestro
