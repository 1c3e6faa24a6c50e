#include "core/engine/hardware_cost.h"

#include "core/area_model.h"

namespace maestro::engine {

AreaPower MaestroAreaPower(const Hardware& hw, int64_t l1, int64_t l2) {
  const AreaEstimate a = EstimateArea(
      hw, MakeAreaModel(AreaModelKind::kMaestro), BufferSizes{l1, l2});
  return {a.total_um2, a.static_power_mw};
}

}  // namespace maestro::engine
